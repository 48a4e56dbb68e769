// Exports RuleRegex and MatchText: rule regexes run on the compact, ASCII
// form of typed sentences when they can (see rule_regex.h).
#include "relations/rule_regex.h"

#include <algorithm>
#include <cstring>

#include "core/ascii_regex.h"
#include "relations/pattern.h"
#include "relations/typed_sentence.h"

namespace quarry {
namespace {

// A token's "⟨" is written as the byte that names its type, kFirstOpenByte
// plus the type's index in kSlotTypes; "⟩" as kCloseByte. Neither is blank
// (\s), a word byte, or a letter that case folding could change.
constexpr char kFirstOpenByte = '\x10';
constexpr char kCloseByte = '\x02';
constexpr std::string_view kAnyOpenRange = "\x10-\x1B";
static_assert(kFirstOpenByte + static_cast<int>(kSlotTypes.size()) - 1 == '\x1B');

// The index in kSlotTypes of `name`, or -1.
int SlotTypeIndex(std::string_view name) {
  for (size_t i = 0; i < kSlotTypes.size(); ++i)
    if (kSlotTypes[i] == name) return static_cast<int>(i);
  return -1;
}

// A gap's token unit, "⟨(?:ORG|PERSON)[^⟩]*⟩" (pattern.cc's Gap), starting at
// `at` of `regex`: its length, and in *bytes the open bytes of its types; 0
// when there is none. Compact, the types are one class of open bytes rather
// than an alternative of names that each copy of the unit repeats.
size_t GapToken(const std::string& regex, size_t at, std::string* bytes) {
  const std::string open = std::string(kSlotOpen) + "(?:";
  if (regex.compare(at, open.size(), open) != 0) return 0;
  const size_t names = at + open.size();
  const std::string rest = "[^" + std::string(kSlotClose) + "]*" + std::string(kSlotClose);
  const size_t close = regex.find(')', names);
  if (close == std::string::npos || regex.compare(close + 1, rest.size(), rest) != 0) return 0;
  bytes->clear();
  std::string_view list(regex.data() + names, close - names);
  while (true) {
    const size_t bar = list.find('|');
    const int type = SlotTypeIndex(list.substr(0, bar));
    if (type < 0) return 0;
    *bytes += static_cast<char>(kFirstOpenByte + type);
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return close + 1 + rest.size() - at;
}

// `regex` over the compact text, or "" when the pattern uses something that
// could tell the compact text from the typed one: a Unicode class (⟨ is
// punctuation, its byte is not), [:cntrl:], an escape naming a code point,
// \C, \Q, a control byte of its own, or a bracket as the end of a range.
// Outside a class "⟨" may be any open byte; inside one it is all of them.
std::string CompactPattern(const std::string& regex) {
  if (regex.find("cntrl") != std::string::npos) return "";
  for (size_t i = 0; i < regex.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(regex[i]);
    if (c < 0x20 || c == 0x7F) return "";
    if (c == '\\' && i + 1 < regex.size()) {
      if (std::strchr("pPxCQ0123456789", regex[i + 1])) return "";
      ++i;
    }
  }
  std::string out;
  out.reserve(regex.size());
  std::string bytes;
  bool in_class = false;
  for (size_t i = 0; i < regex.size();) {
    if (regex[i] == '\\' && i + 1 < regex.size()) {
      out.append(regex, i, 2);
      i += 2;
    } else if (regex.compare(i, kSlotOpen.size(), kSlotOpen) == 0) {
      if (in_class) {
        const bool in_range = (i > 0 && regex[i - 1] == '-') ||
                              (i + kSlotOpen.size() < regex.size() && regex[i + kSlotOpen.size()] == '-');
        if (in_range) return "";
        out += kAnyOpenRange;
        i += kSlotOpen.size();
      } else if (const size_t n = GapToken(regex, i, &bytes)) {
        out += "[" + bytes + "][^" + kCloseByte + "]*" + kCloseByte;
        i += n;
      } else {
        out += "[" + std::string(kAnyOpenRange) + "]";
        i += kSlotOpen.size();
      }
    } else if (regex.compare(i, kSlotClose.size(), kSlotClose) == 0) {
      if (in_class && ((i > 0 && regex[i - 1] == '-') ||
                       (i + kSlotClose.size() < regex.size() && regex[i + kSlotClose.size()] == '-')))
        return "";
      out += kCloseByte;
      i += kSlotClose.size();
    } else if (!in_class && regex[i] == '[') {
      // A leading "]" (after an optional "^") is a member, not the end.
      in_class = true;
      out += regex[i++];
      if (i < regex.size() && regex[i] == '^') out += regex[i++];
      if (i < regex.size() && regex[i] == ']') out += regex[i++];
    } else if (in_class && regex.compare(i, 2, "[:") == 0) {
      const size_t end = regex.find(":]", i + 2);
      if (end == std::string::npos) return "";
      out.append(regex, i, end + 2 - i);
      i = end + 2;
    } else {
      if (in_class && regex[i] == ']') in_class = false;
      out += regex[i++];
    }
  }
  return out;
}

// Bytes that keep the compact text from standing for the typed one.
bool HasForeignBytes(const char* p, size_t n) {
  unsigned bad = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    bad |= (c >= 0x80) | (c == static_cast<unsigned char>(kCloseByte)) | (c >= 0x10 && c <= 0x1B);
  }
  return bad != 0;
}

}  // namespace

void MatchText::Reset(const std::string& typed) {
  typed_ = &typed;
  compact_.clear();
  brackets_.clear();
  usable_ = false;
  const char* data = typed.data();
  const size_t size = typed.size();
  for (size_t i = 0; i < size;) {
    // Brackets are the only non-ASCII the compact text may replace; they
    // start with 0xE2.
    const void* hit = std::memchr(data + i, 0xE2, size - i);
    const size_t stop = hit ? static_cast<size_t>(static_cast<const char*>(hit) - data) : size;
    if (HasForeignBytes(data + i, stop - i)) return;
    compact_.append(data + i, stop - i);
    i = stop;
    if (i >= size) break;
    brackets_.push_back(static_cast<uint32_t>(compact_.size()));
    if (typed.compare(i, kSlotOpen.size(), kSlotOpen) == 0) {
      // The type runs to "?", ":" or "⟩" (typed_sentence.h's token grammar).
      const size_t name = i + kSlotOpen.size();
      const size_t end = typed.find_first_of("?:\xE2", name);
      const int type = SlotTypeIndex(std::string_view(typed).substr(name, end - name));
      if (type < 0) return;
      compact_ += static_cast<char>(kFirstOpenByte + type);
    } else if (typed.compare(i, kSlotClose.size(), kSlotClose) == 0) {
      compact_ += kCloseByte;
    } else {
      return;  // Other non-ASCII text.
    }
    i += kSlotOpen.size();
  }
  usable_ = true;
}

size_t MatchText::ToTyped(size_t compact_offset) const {
  // Each bracket before the offset is two bytes longer in the typed text.
  size_t before = static_cast<size_t>(
      std::lower_bound(brackets_.begin(), brackets_.end(), compact_offset) - brackets_.begin());
  return compact_offset + 2 * before;
}

size_t MatchText::ToCompact(size_t typed_offset) const {
  size_t before = 0;
  while (before < brackets_.size() && brackets_[before] + 2 * before < typed_offset) ++before;
  return typed_offset - 2 * before;
}

RuleRegex::RuleRegex(const std::string& regex)
    : utf8_(std::make_unique<RE2>(regex, PatternOptions())) {
  if (!utf8_->ok()) return;
  std::string compact = CompactPattern(regex);
  if (compact.empty()) return;
  RE2::Options options = PatternOptions();
  options.set_encoding(RE2::Options::EncodingLatin1);
  compact_ = std::make_unique<RE2>(ConvertToLatin1(compact).pattern, options);
  if (!compact_->ok() || compact_->NumberOfCapturingGroups() != utf8_->NumberOfCapturingGroups()) {
    compact_.reset();
    return;
  }
  // RE2 compiles the reversed program, which finds where a match starts, on
  // the first match; do it now, with the rest of the loading, rather than
  // inside some document's extraction.
  compact_->ReverseProgramSize();
}

bool RuleRegex::Match(const MatchText& text, size_t pos, re2::StringPiece* groups, int n) const {
  const std::string& typed = text.typed();
  if (!compact_ || !text.compact_usable())
    return utf8_->Match(typed, pos, typed.size(), RE2::UNANCHORED, groups, n);
  const std::string& compact = text.compact();
  if (!compact_->Match(compact, text.ToCompact(pos), compact.size(), RE2::UNANCHORED, groups, n))
    return false;
  for (int g = 0; g < n; ++g) {
    if (groups[g].data() == nullptr) continue;
    const size_t begin = static_cast<size_t>(groups[g].data() - compact.data());
    const size_t typed_begin = text.ToTyped(begin);
    const size_t typed_end = text.ToTyped(begin + groups[g].size());
    groups[g] = re2::StringPiece(typed.data() + typed_begin, typed_end - typed_begin);
  }
  return true;
}

}  // namespace quarry
