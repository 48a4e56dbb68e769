#include "core/ascii_regex.h"

#include <cstdint>
#include <algorithm>
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

}  // namespace

std::string Latin1Pattern(std::string_view pattern) {
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

AsciiFastRegex::AsciiFastRegex(const std::string& pattern, RE2::Options options)
    : utf8_(std::make_unique<RE2>(pattern, WithEncoding(options, RE2::Options::EncodingUTF8))),
      latin1_(std::make_unique<RE2>(Latin1Pattern(pattern),
                                    WithEncoding(options, RE2::Options::EncodingLatin1))) {}

AsciiFastSet::AsciiFastSet(RE2::Options options, RE2::Anchor anchor)
    : utf8_(WithEncoding(options, RE2::Options::EncodingUTF8), anchor),
      latin1_(WithEncoding(options, RE2::Options::EncodingLatin1), anchor) {}

int AsciiFastSet::Add(const std::string& pattern, std::string* error) {
  int index = utf8_.Add(pattern, error);
  if (index < 0) return index;
  if (latin1_usable_ && latin1_.Add(Latin1Pattern(pattern), nullptr) != index) latin1_usable_ = false;
  return index;
}

bool AsciiFastSet::Compile() {
  if (!utf8_.Compile()) return false;
  if (latin1_usable_ && !latin1_.Compile()) latin1_usable_ = false;
  return true;
}

bool AsciiFastSet::Match(std::string_view text, bool ascii, std::vector<int>* which) const {
  const RE2::Set& set = ascii && latin1_usable_ ? latin1_ : utf8_;
  return set.Match(re2::StringPiece(text.data(), text.size()), which);
}

}  // namespace quarry
