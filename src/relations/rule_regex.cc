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

constexpr char kOpenByte = '\x01';
constexpr char kCloseByte = '\x02';

// `regex` with each bracket written as its byte, or "" when the pattern uses
// something that could tell the two apart: a Unicode class (⟨ is
// punctuation, \x01 is not), [:cntrl:], an escape naming a code point, \C,
// or a control byte of its own.
std::string CompactPattern(const std::string& regex) {
  if (regex.find("cntrl") != std::string::npos) return "";
  for (size_t i = 0; i < regex.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(regex[i]);
    if (c < 0x20 || c == 0x7F) return "";
    if (c == '\\' && i + 1 < regex.size()) {
      if (std::strchr("pPxC0123456789", regex[i + 1])) return "";
      ++i;
    }
  }
  std::string out;
  out.reserve(regex.size());
  for (size_t i = 0; i < regex.size();) {
    if (regex.compare(i, kSlotOpen.size(), kSlotOpen) == 0) {
      out += kOpenByte;
      i += kSlotOpen.size();
    } else if (regex.compare(i, kSlotClose.size(), kSlotClose) == 0) {
      out += kCloseByte;
      i += kSlotClose.size();
    } else {
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
    bad |= (c >= 0x80) | (c == kOpenByte) | (c == kCloseByte);
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
      compact_ += kOpenByte;
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
