// Exports FormSet (see form_set.h) and the blank helpers shared by the
// quantity stage.
#include "quantities/form_set.h"

#include <re2/re2.h>

namespace quarry {

const char kBlankClass[] = "[ \\t\\x{a0}\\x{2007}\\x{2009}\\x{202f}]";

namespace {

// A space in a literal form: blanks, or a hyphen with optional blanks.
const std::string kSpacePattern = std::string("(?:") + kBlankClass + "+|" + kBlankClass +
                                  "*[-\\x{2010}\\x{2011}]" + kBlankClass + "*)";
// A hyphen in a literal form.
const std::string kHyphenPattern =
    std::string(kBlankClass) + "*[-\\x{2010}\\x{2011}]" + kBlankClass + "*";

// Byte length of a hyphen (ASCII, U+2010, U+2011) at `pos`, or 0.
size_t HyphenAt(std::string_view s, size_t pos) {
  if (pos < s.size() && s[pos] == '-') return 1;
  if (s.substr(pos, 3) == "\xE2\x80\x90" || s.substr(pos, 3) == "\xE2\x80\x91") return 3;
  return 0;
}

// The lookup key of a form or of matched text: blank and hyphen runs become
// one space, ends trimmed, ASCII letters lowercased when `fold`.
std::string Key(std::string_view s, bool fold) {
  std::string key;
  key.reserve(s.size());
  bool gap = false;
  for (size_t i = 0; i < s.size();) {
    size_t n = BlankAt(s, i);
    if (n == 0) n = HyphenAt(s, i);
    if (n > 0) {
      gap = true;
      i += n;
      continue;
    }
    if (gap && !key.empty()) key += ' ';
    gap = false;
    char c = s[i++];
    key += fold && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return key;
}

std::string LiteralPattern(std::string_view literal) {
  std::string out;
  for (size_t i = 0; i < literal.size();) {
    if (literal[i] == ' ' || literal[i] == '-') {
      bool hyphen = false;
      bool edge = i == 0;
      while (i < literal.size() && (literal[i] == ' ' || literal[i] == '-')) {
        hyphen |= literal[i] == '-';
        ++i;
      }
      edge = edge || i == literal.size();
      // At the edge of a form a hyphen is just a hyphen ("-", "-plus"):
      // the blanks around it belong to the text, not to the form.
      out +=
          hyphen ? (edge ? std::string("[-\\x{2010}\\x{2011}]") : kHyphenPattern) : kSpacePattern;
      continue;
    }
    // Copy one UTF-8 character, escaped when it is ASCII punctuation.
    unsigned char c = static_cast<unsigned char>(literal[i]);
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out += RE2::QuoteMeta(re2::StringPiece(literal.data() + i, std::min(n, literal.size() - i)));
    i += n;
  }
  return out;
}

RE2::Options MatcherOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_longest_match(true);
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace

size_t BlankAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  char c = text[pos];
  if (c == ' ' || c == '\t') return 1;
  if (c == '\xC2' && pos + 1 < text.size() && text[pos + 1] == '\xA0') return 2;
  if (c == '\xE2' && pos + 2 < text.size() && text[pos + 1] == '\x80') {
    char d = text[pos + 2];
    if (d == '\x87' || d == '\x89' || d == '\xAF') return 3;
  }
  return 0;
}

size_t SkipBlanks(std::string_view text, size_t pos) {
  while (size_t n = BlankAt(text, pos)) pos += n;
  return pos;
}

FormSet::FormSet() = default;
FormSet::~FormSet() = default;
FormSet::FormSet(FormSet&&) noexcept = default;
FormSet& FormSet::operator=(FormSet&&) noexcept = default;

bool FormSet::Add(std::string_view written, int payload, const std::string& owner,
                  const RulePos& pos, DiagnosticSink* sink) {
  auto error = [&](std::string message) {
    sink->Error(pos.file, pos.line, pos.column, std::move(message));
    return false;
  };
  if (written.empty()) return error("empty form in " + owner);

  if (written.size() >= 2 && written.front() == '/' && written.back() == '/') {
    std::string_view body = written.substr(1, written.size() - 2);
    auto re = std::make_unique<RE2>(re2::StringPiece(body.data(), body.size()), MatcherOptions());
    if (!re->ok()) {
      return error("bad regex " + std::string(written) + ": " + re->error());
    }
    if (RE2::FullMatch("", *re)) {
      return error("regex " + std::string(written) + " matches the empty string");
    }
    // The bytes a match can start with, from the smallest and largest
    // strings it can match; everything when RE2 cannot tell.
    std::string min, max;
    if (re->PossibleMatchRange(&min, &max, 1) && !max.empty()) {
      unsigned char lo = min.empty() ? 0 : static_cast<unsigned char>(min[0]);
      for (int c = lo; c <= static_cast<unsigned char>(max[0]); ++c) AllowFirstByte(c);
    } else {
      first_byte_.fill(true);
    }
    patterns_.push_back("(?:" + std::string(body) + ")");
    word_initial_.push_back(false);
    payloads_.push_back(payload);
    regexes_.emplace_back(std::move(re), payload);
    return true;
  }

  bool case_sensitive = false;
  std::string_view literal = written;
  if (written.size() >= 2 && written.front() == '"' && written.back() == '"') {
    case_sensitive = true;
    literal = written.substr(1, written.size() - 2);
  } else if (written.front() == '"') {
    return error("unterminated quote in form " + std::string(written));
  }
  std::string key = Key(literal, !case_sensitive);
  if (literal.empty() || (key.empty() && literal.find('-') == std::string_view::npos)) {
    return error("empty form in " + owner);
  }
  auto& table = case_sensitive ? exact_ : folded_;
  auto [it, inserted] = table.emplace(key, Owner{payload, owner, pos.line});
  if (!inserted) {
    if (it->second.payload == payload) return true;
    return error("form " + std::string(written) + " already belongs to " + it->second.owner +
                 " (line " + std::to_string(it->second.line) + ")");
  }
  unsigned char first = static_cast<unsigned char>(literal.front());
  if (first == '-') {
    AllowFirstByte('-');
    AllowFirstByte(0xE2);  // U+2010, U+2011.
  } else if (first >= 0x80 && !case_sensitive) {
    for (int c = 0x80; c < 0x100; ++c) AllowFirstByte(c);  // Case folding may change it.
  } else {
    AllowFirstByte(first);
    if (!case_sensitive && IsAsciiAlpha(static_cast<char>(first))) AllowFirstByte(first ^ 0x20);
  }
  std::string pattern = LiteralPattern(literal);
  patterns_.push_back(case_sensitive ? "(?:" + pattern + ")" : "(?i:" + pattern + ")");
  word_initial_.push_back(IsAsciiAlnum(literal.front()));
  payloads_.push_back(payload);
  return true;
}

bool FormSet::Compile(const std::string& file, DiagnosticSink* sink) {
  std::string all = patterns_.empty() ? "[^\\x00-\\x{10ffff}]" : "";
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (i > 0) all += '|';
    all += patterns_[i];
  }
  union_ = std::make_unique<RE2>(all, MatcherOptions());
  if (!union_->ok()) {
    sink->Error(file, 0, 0, "forms do not compile together: " + union_->error());
    return false;
  }
  return true;
}

std::string FormSet::Pattern() const {
  return Pattern([](int) { return true; });
}

std::string FormSet::Pattern(const std::function<bool(int)>& keep) const {
  std::string all;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (!keep(payloads_[i])) continue;
    all += all.empty() ? "(?:" : "|";
    if (word_initial_[i]) all += "\\b";
    all += patterns_[i];
  }
  // A set with nothing to offer must still be a valid, never-matching fragment.
  return all.empty() ? "[^\\x00-\\x{10ffff}]" : all + ")";
}

bool FormSet::Identify(std::string_view matched, int* payload) const {
  if (!exact_.empty()) {
    auto it = exact_.find(Key(matched, false));
    if (it != exact_.end()) {
      *payload = it->second.payload;
      return true;
    }
  }
  if (!folded_.empty()) {
    auto it = folded_.find(Key(matched, true));
    if (it != folded_.end()) {
      *payload = it->second.payload;
      return true;
    }
  }
  re2::StringPiece piece(matched.data(), matched.size());
  for (const auto& [re, p] : regexes_) {
    if (RE2::FullMatch(piece, *re)) {
      *payload = p;
      return true;
    }
  }
  return false;
}

bool FormSet::MatchAt(std::string_view text, size_t pos, Match* match) const {
  if (!union_ || pos >= text.size() || !first_byte_[static_cast<unsigned char>(text[pos])]) {
    return false;
  }
  re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece found;
  if (!union_->Match(whole, pos, text.size(), RE2::ANCHOR_START, &found, 1)) return false;
  size_t length = found.size();
  if (length == 0) return false;
  bool stray = false;
  size_t end = pos + length;
  char last = text[end - 1];
  if (end < text.size() && IsAsciiAlnum(last)) {
    char next = text[end];
    if (IsAsciiAlpha(next)) return false;
    if (IsAsciiDigit(next)) {
      if (IsAsciiDigit(last)) return false;
      stray = true;
    }
  }
  if (!Identify(text.substr(pos, length), &match->payload)) return false;
  match->length = length;
  match->stray_digit = stray;
  return true;
}

}  // namespace quarry
