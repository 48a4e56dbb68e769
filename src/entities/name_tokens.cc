// Exports NameTokens, IsWordCodePoint, FoldText, StripMarks, ComposeText,
// FoldHash and NameKey (see name_tokens.h).
#include "entities/name_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

namespace quarry {
namespace {

// Maps a UTF-8 string through utf8proc with `options`; returns `s` unchanged
// when utf8proc rejects it (invalid UTF-8).
std::string Map(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                   static_cast<utf8proc_ssize_t>(s.size()), &out,
                   static_cast<utf8proc_option_t>(options | UTF8PROC_STABLE));
  if (n < 0) return std::string(s);
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

constexpr int kFoldOptions =
    UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;

bool IsBlankCodePoint(int32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  return u_isUWhiteSpace(c);
}

bool IsLineBreak(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// The folded form of a non-ASCII one-code-point punctuation token. Typographic
// apostrophes and dashes fold to ASCII so that "O’Brien" matches "O'Brien".
std::string FoldPunctuation(std::string_view s, int32_t c) {
  if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032) return "'";
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) return "-";
  return Map(s, kFoldOptions);
}

}  // namespace

bool IsWordCodePoint(int32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
  }
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return true;
  if (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) return true;
  return u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL);
}

std::string FoldText(std::string_view s) { return Map(s, kFoldOptions); }

std::string StripMarks(std::string_view s) {
  return Map(s, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);
}

std::string ComposeText(std::string_view s) { return Map(s, UTF8PROC_COMPOSE); }

uint64_t FoldHash(std::string_view folded) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a, then a finalizer for table spread.
  for (unsigned char c : folded) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

namespace {

// ASCII letters, digits and '_': the word code points below 0x80.
constexpr bool IsAsciiWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

NameTokens::NameTokens(std::string_view text) : text_(text) {
  tokens_.reserve(text.size() / 4 + 1);
  folded_.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  bool space = false, line = false;
  while (i < length) {
    int32_t start = i;
    int32_t c;
    // ASCII bytes (nearly all of English news) are classified by value;
    // only the rest go through U8_NEXT and the Unicode properties.
    if (bytes[i] < 0x80) {
      c = bytes[i++];
    } else {
      U8_NEXT(bytes, i, length, c);
    }
    if (c >= 0 && IsBlankCodePoint(c)) {
      if (IsLineBreak(c)) line = true; else space = true;
      continue;
    }
    NameToken token;
    token.begin = static_cast<uint32_t>(start);
    token.space_before = space && !line;
    token.line_before = line;
    space = line = false;
    token.folded_begin = static_cast<uint32_t>(folded_.size());
    if (c >= 0 && IsWordCodePoint(c)) {
      token.word = true;
      token.upper_initial = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      bool ascii = c < 0x80;
      int32_t end = i;
      while (end < length) {
        if (bytes[end] < 0x80) {
          if (!IsAsciiWordByte(bytes[end])) break;
          ++end;
          continue;
        }
        int32_t next = end;
        int32_t d;
        U8_NEXT(bytes, next, length, d);
        if (d < 0 || !IsWordCodePoint(d)) break;
        ascii = false;
        end = next;
      }
      i = end;
      std::string_view word = text.substr(start, end - start);
      if (ascii) {
        for (char ch : word) folded_ += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
      } else {
        folded_ += FoldText(word);
      }
    } else if (c < 0) {
      folded_ += text.substr(start, i - start);  // An invalid byte stands for itself.
    } else if (c < 0x80) {
      folded_ += static_cast<char>(c);
    } else {
      folded_ += FoldPunctuation(text.substr(start, i - start), c);
    }
    token.end = static_cast<uint32_t>(i);
    token.folded_end = static_cast<uint32_t>(folded_.size());
    token.hash = FoldHash(std::string_view(folded_).substr(
        token.folded_begin, token.folded_end - token.folded_begin));
    tokens_.push_back(token);
  }
}

size_t NameTokens::FirstEndingAfter(uint32_t offset) const {
  auto it = std::upper_bound(tokens_.begin(), tokens_.end(), offset,
                             [](uint32_t o, const NameToken& t) { return o < t.end; });
  return static_cast<size_t>(it - tokens_.begin());
}

std::string NameKey(std::string_view name) {
  NameTokens tokens(name);
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].word) continue;
    if (!key.empty()) key += '_';
    key += tokens.Folded(i);
  }
  return key;
}

}  // namespace quarry
