// Exports IsAscii, ConvertToLatin1, Latin1Text, AsciiFastRegex and
// AsciiFastSet (see ascii_regex.h).
#include "core/ascii_regex.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace quarry {
namespace {

RE2::Options WithEncoding(RE2::Options options, RE2::Options::Encoding encoding) {
  options.set_encoding(encoding);
  return options;
}

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// The old, byte-wise rewrite: exact on ASCII text whatever the pattern.
std::string ByteWiseLatin1Pattern(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 16);
  bool in_class = false;
  for (size_t i = 0; i < pattern.size();) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (c >= 0x80) {
      const size_t n = std::min(Utf8Length(c), pattern.size() - i);
      if (in_class) {
        out.append(pattern.substr(i, n));
      } else {
        out.append("(?:").append(pattern.substr(i, n)).append(")");
      }
      i += n;
    } else if (c == '\\' && i + 1 < pattern.size()) {
      const unsigned char next = static_cast<unsigned char>(pattern[i + 1]);
      if (next >= 0x80 && !in_class) {
        // "\é" is the literal é: the same group as an unescaped one.
        const size_t n = std::min(Utf8Length(next), pattern.size() - i - 1);
        out.append("(?:").append(pattern.substr(i + 1, n)).append(")");
        i += 1 + n;
      } else {
        out.append(pattern.substr(i, 2));
        i += 2;
      }
    } else if (!in_class && c == '[') {
      in_class = true;
      out.push_back('[');
      ++i;
      // A ']' first in the class (after an optional '^') is a member.
      if (i < pattern.size() && pattern[i] == '^') out.push_back(pattern[i++]);
      if (i < pattern.size() && pattern[i] == ']') out.push_back(pattern[i++]);
    } else if (in_class && c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      // "[:alpha:]" inside a class.
      const size_t end = pattern.find(":]", i + 2);
      const size_t stop = end == std::string_view::npos ? pattern.size() : end + 2;
      out.append(pattern.substr(i, stop - i));
      i = stop;
    } else {
      if (in_class && c == ']') in_class = false;
      out.push_back(static_cast<char>(c));
      ++i;
    }
  }
  return out;
}

std::string HexEscape(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%x}", static_cast<unsigned>(c));
  return buffer;
}

// The exact rewrite (see ConvertToLatin1); Run is false where it cannot be
// exact: a range with a non-ASCII end ("[a-é]", whose Latin-1 part would
// need working out), \C (one byte of UTF-8), \Q...\E, a code point above
// U+00FF written as \x{...}, or a class left with no member.
class ExactRewriter {
 public:
  explicit ExactRewriter(std::string_view pattern) : p_(pattern) {}

  bool Run(std::string* out, std::vector<char32_t>* mentioned) {
    out_ = out;
    mentioned_ = mentioned;
    while (i_ < p_.size()) {
      if (!Step()) return false;
    }
    return !in_class_;
  }

 private:
  bool Step() {
    const unsigned char c = static_cast<unsigned char>(p_[i_]);
    if (c >= 0x80) return Literal();
    if (c == '\\') return Escape();
    if (!in_class_ && c == '[') {
      in_class_ = true;
      members_ = 0;
      range_dash_ = false;
      out_->push_back('[');
      ++i_;
      if (i_ < p_.size() && p_[i_] == '^') out_->push_back(p_[i_++]);
      if (i_ < p_.size() && p_[i_] == ']') {
        out_->push_back(p_[i_++]);
        ++members_;
      }
      return true;
    }
    if (in_class_ && c == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
      const size_t end = p_.find(":]", i_ + 2);
      if (end == std::string_view::npos) return false;
      out_->append(p_.substr(i_, end + 2 - i_));
      i_ = end + 2;
      ++members_;
      return true;
    }
    if (in_class_ && c == ']') {
      in_class_ = false;
      out_->push_back(']');
      ++i_;
      return members_ > 0;
    }
    if (in_class_) {
      if (c == '-' && members_ > 0 && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        range_dash_ = true;
      } else {
        range_dash_ = false;
        ++members_;
      }
    }
    out_->push_back(static_cast<char>(c));
    ++i_;
    return true;
  }

  // True when the class member that ends at `end` starts or ends a range.
  bool InRange(size_t end) const {
    return range_dash_ || (end + 1 < p_.size() && p_[end] == '-' && p_[end + 1] != ']');
  }

  // A non-ASCII character written as itself (or escaped: "\é").
  bool Literal() {
    int32_t at = static_cast<int32_t>(i_);
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const uint8_t*>(p_.data()), at, static_cast<int32_t>(p_.size()), cp);
    if (cp < 0) return false;
    i_ = static_cast<size_t>(at);
    if (in_class_ && InRange(i_)) return false;
    mentioned_->push_back(static_cast<char32_t>(cp));
    if (cp <= 0xFF) {
      out_->append(HexEscape(static_cast<char32_t>(cp)));
      if (in_class_) ++members_;
    } else if (!in_class_) {
      out_->append("[^\\x00-\\x{ff}]");  // No Latin-1 text holds it.
    }
    // In a class, a character beyond U+00FF is left out.
    return true;
  }

  bool Escape() {
    if (i_ + 1 >= p_.size()) return false;
    const unsigned char next = static_cast<unsigned char>(p_[i_ + 1]);
    if (next >= 0x80) {
      ++i_;
      return Literal();
    }
    if (next == 'C' || next == 'Q') return false;
    size_t stop = i_ + 2;
    if (next == 'x') {
      // \xHH or \x{H...}: a code point the pattern names.
      size_t digits = i_ + 2, end;
      if (digits < p_.size() && p_[digits] == '{') {
        end = p_.find('}', digits);
        if (end == std::string_view::npos) return false;
        ++digits;
        stop = end + 1;
      } else {
        end = std::min(digits + 2, p_.size());
        stop = end;
      }
      const std::string hex(p_.substr(digits, end - digits));
      char* rest = nullptr;
      const unsigned long value = std::strtoul(hex.c_str(), &rest, 16);
      if (hex.empty() || *rest != '\0') return false;
      if (value >= 0x80) {
        if (value > 0xFF || (in_class_ && InRange(stop))) return false;
        mentioned_->push_back(static_cast<char32_t>(value));
      }
    }
    out_->append(p_.substr(i_, stop - i_));
    i_ = stop;
    if (in_class_) {
      range_dash_ = false;
      ++members_;
    }
    return true;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool in_class_ = false;
  bool range_dash_ = false;  // The last thing written in the class is a range's '-'.
  int members_ = 0;
  std::string* out_ = nullptr;
  std::vector<char32_t>* mentioned_ = nullptr;
};

// A Latin-1 character of each general category that has one beyond ASCII,
// all of the Common script: what a character of that category and script
// above U+00FF is read as.
char32_t StandIn(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(c, &status) != USCRIPT_COMMON || U_FAILURE(status)) return 0;
  switch (u_charType(c)) {
    case U_CURRENCY_SYMBOL: return 0xA4;       // ¤ for €, ₹, ...
    case U_MATH_SYMBOL: return 0xAC;           // ¬ for −, ≥, ...
    case U_OTHER_SYMBOL: return 0xA6;          // ¦ for ™, •-like signs
    case U_MODIFIER_SYMBOL: return 0xA8;       // ¨
    case U_OTHER_PUNCTUATION: return 0xB7;     // · for •, ‰, ...
    case U_INITIAL_PUNCTUATION: return 0xAB;   // «
    case U_FINAL_PUNCTUATION: return 0xBB;     // »
    case U_SPACE_SEPARATOR: return 0xA0;       // no-break space
    case U_FORMAT_CHAR: return 0xAD;           // soft hyphen
    default: return 0;
  }
}

bool Mentioned(const std::vector<char32_t>& mentioned, char32_t c) {
  return std::binary_search(mentioned.begin(), mentioned.end(), c);
}

void SortUnique(std::vector<char32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  // Eight bytes at a time: any byte with its high bit set shows in the mask.
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ULL) return false;
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

Latin1Conversion ConvertToLatin1(std::string_view pattern) {
  Latin1Conversion result;
  ExactRewriter rewriter(pattern);
  if (rewriter.Run(&result.pattern, &result.mentioned)) {
    result.exact = true;
    SortUnique(&result.mentioned);
  } else {
    result.pattern = ByteWiseLatin1Pattern(pattern);
    result.mentioned.clear();
  }
  return result;
}

bool Latin1Text::Assign(std::string_view utf8, const std::vector<char32_t>& mentioned) {
  text_.clear();
  offsets_.clear();
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    offsets_.push_back(static_cast<uint32_t>(i));
    if (bytes[i] < 0x80) {
      text_.push_back(static_cast<char>(bytes[i++]));
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
    if (c > 0xFF) {
      // The stand-in must be as foreign to the pattern as `c` is.
      if (Mentioned(mentioned, static_cast<char32_t>(c))) return false;
      c = static_cast<UChar32>(StandIn(c));
      if (c == 0 || Mentioned(mentioned, static_cast<char32_t>(c))) return false;
    }
    text_.push_back(static_cast<char>(static_cast<unsigned char>(c)));
  }
  offsets_.push_back(static_cast<uint32_t>(length));
  return true;
}

AsciiFastRegex::AsciiFastRegex(const std::string& pattern, RE2::Options options)
    : utf8_(std::make_unique<RE2>(pattern, WithEncoding(options, RE2::Options::EncodingUTF8))) {
  Latin1Conversion latin1 = ConvertToLatin1(pattern);
  latin1_ = std::make_unique<RE2>(latin1.pattern, WithEncoding(options, RE2::Options::EncodingLatin1));
  reads_latin1_text_ = latin1.exact && latin1_->ok();
  mentioned_ = std::move(latin1.mentioned);
}

AsciiFastSet::AsciiFastSet(RE2::Options options, RE2::Anchor anchor)
    : utf8_(WithEncoding(options, RE2::Options::EncodingUTF8), anchor),
      latin1_(WithEncoding(options, RE2::Options::EncodingLatin1), anchor) {}

int AsciiFastSet::Add(const std::string& pattern, std::string* error) {
  int index = utf8_.Add(pattern, error);
  if (index < 0) return index;
  Latin1Conversion latin1 = ConvertToLatin1(pattern);
  if (!latin1.exact) reads_latin1_text_ = false;
  mentioned_.insert(mentioned_.end(), latin1.mentioned.begin(), latin1.mentioned.end());
  SortUnique(&mentioned_);
  if (latin1_usable_ && latin1_.Add(latin1.pattern, nullptr) != index) latin1_usable_ = false;
  return index;
}

bool AsciiFastSet::Compile() {
  if (!utf8_.Compile()) return false;
  if (latin1_usable_ && !latin1_.Compile()) latin1_usable_ = false;
  return true;
}

bool AsciiFastSet::Match(std::string_view text, bool latin1, std::vector<int>* which) const {
  const RE2::Set& set = latin1 && latin1_usable_ ? latin1_ : utf8_;
  return set.Match(re2::StringPiece(text.data(), text.size()), which);
}

}  // namespace quarry
