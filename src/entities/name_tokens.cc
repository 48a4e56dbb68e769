// Exports NameTokens, IsWordCodePoint, FoldText, StripMarks, ComposeText,
// FoldHash and NameKey (see name_tokens.h).
#include "entities/name_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
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

// FoldHash's FNV-1a steps and finalizer, split so that the ASCII path can
// hash while it folds.
constexpr uint64_t kFnvBasis = 14695981039346656037ull;
inline uint64_t FnvStep(uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ull; }
inline uint64_t FinishHash(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
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
  uint64_t h = kFnvBasis;  // FNV-1a, then a finalizer for table spread.
  for (unsigned char c : folded) h = FnvStep(h, c);
  return FinishHash(h);
}

namespace {

// What an ASCII byte is to the tokenizer, looked up rather than computed:
// this loop sees every byte of every article.
enum AsciiClass : uint8_t { kPunct, kWord, kBlank, kLineBreak };

constexpr std::array<AsciiClass, 128> kAsciiClass = [] {
  std::array<AsciiClass, 128> table{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      table[c] = kWord;
    } else if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      table[c] = kBlank;
    } else if (c == '\n' || c == '\r') {
      table[c] = kLineBreak;
    } else {
      table[c] = kPunct;
    }
  }
  return table;
}();

}  // namespace

NameTokens::NameTokens(std::string_view text) : text_(text) {
  tokens_.reserve(text.size() / 4 + 1);
  folded_.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  bool space = false, line = false;
  while (i < length) {
    const int32_t start = i;
    // ASCII (nearly all of English news) is classified by table and folded
    // and hashed in one pass; only other code points go through U8_NEXT,
    // the Unicode properties and utf8proc.
    if (bytes[i] < 0x80) {
      const AsciiClass kind = kAsciiClass[bytes[i]];
      if (kind == kBlank || kind == kLineBreak) {
        if (kind == kLineBreak) line = true; else space = true;
        ++i;
        continue;
      }
      int32_t end = i + 1;
      if (kind == kWord) {
        while (end < length && bytes[end] < 0x80 && kAsciiClass[bytes[end]] == kWord) ++end;
        // A word that goes on in non-ASCII letters ("Nestlé") takes the general path.
        if (end == length || bytes[end] < 0x80) {
          NameToken& token = tokens_.emplace_back();
          token.begin = static_cast<uint32_t>(start);
          token.end = static_cast<uint32_t>(end);
          token.space_before = space && !line;
          token.line_before = line;
          token.word = true;
          token.upper_initial = bytes[start] >= 'A' && bytes[start] <= 'Z';
          const size_t folded_begin = folded_.size();
          folded_.resize(folded_begin + static_cast<size_t>(end - start));
          char* out = folded_.data() + folded_begin;
          uint64_t h = kFnvBasis;
          for (int32_t k = start; k < end; ++k) {
            const unsigned char c = bytes[k];
            const unsigned char lower = (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
            *out++ = static_cast<char>(lower);
            h = FnvStep(h, lower);
          }
          token.folded_begin = static_cast<uint32_t>(folded_begin);
          token.folded_end = static_cast<uint32_t>(folded_.size());
          token.hash = FinishHash(h);
          space = line = false;
          i = end;
          continue;
        }
      } else {
        NameToken& token = tokens_.emplace_back();
        token.begin = static_cast<uint32_t>(start);
        token.end = static_cast<uint32_t>(end);
        token.space_before = space && !line;
        token.line_before = line;
        token.folded_begin = static_cast<uint32_t>(folded_.size());
        folded_.push_back(static_cast<char>(bytes[start]));
        token.folded_end = token.folded_begin + 1;
        token.hash = FinishHash(FnvStep(kFnvBasis, bytes[start]));
        space = line = false;
        i = end;
        continue;
      }
    }
    int32_t c;
    U8_NEXT(bytes, i, length, c);
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
      int32_t end = i;
      while (end < length) {
        int32_t next = end;
        int32_t d;
        U8_NEXT(bytes, next, length, d);
        if (d < 0 || !IsWordCodePoint(d)) break;
        end = next;
      }
      i = end;
      folded_ += FoldText(text.substr(start, end - start));
    } else if (c < 0) {
      folded_ += text.substr(start, i - start);  // An invalid byte stands for itself.
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
