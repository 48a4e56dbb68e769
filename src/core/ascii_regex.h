// Regexes with a fast path for text that fits in Latin-1.
//
// In: a pattern written for UTF-8 text (it may use \p{Lu}, [\p{L}\p{M}], '’').
// Out: the same pattern compiled twice, for UTF-8 and as Latin-1, and the
// right one for a given text.
//
// Why: RE2 turns a Unicode class into a tree of UTF-8 byte ranges, so a
// pattern of name shapes becomes a program of thousands of instructions, and
// the matchers that report capture groups (NFA, BitState) pay for every one of
// them at every byte; the DFA of such a program is also slow to build, and a
// handful of sentences with a "€" in them built more DFA states than all the
// ASCII sentences of a corpus. Most sentences of English news are all ASCII
// once quotes and dashes are unified, and nearly all the rest fit in one byte
// per character (Latin1Text). The Latin-1 program matches such a text exactly
// as the UTF-8 program matches the original:
//   - a class meets U+0000..U+00FF in the same characters in both encodings
//     (RE2 builds classes, case folding included, over all of Unicode and
//     only then keeps what the encoding can hold); \b \s \d \w are ASCII in
//     both;
//   - the pattern's own non-ASCII characters are rewritten for Latin-1
//     (ConvertToLatin1): é as \x{e9}, and ’, which no Latin-1 text holds,
//     left out of classes and never matched outside them;
//   - Latin1Text replaces a character above U+00FF only by a Latin-1
//     character of the same general category and script that the pattern
//     does not name ("€" by "¤": the same to \p{Sc}, to [^...], to '.'), and
//     refuses letters, marks and digits above U+00FF, and any character the
//     pattern names.
// When the pattern cannot be rewritten exactly (a range ending in ’, \C,
// \x{2019}), the Latin-1 program serves ASCII text only.
#ifndef QUARRY_CORE_ASCII_REGEX_H_
#define QUARRY_CORE_ASCII_REGEX_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

// True when every byte of `text` is below 0x80.
bool IsAscii(std::string_view text);

// A UTF-8 pattern rewritten for RE2's Latin-1 mode.
struct Latin1Conversion {
  std::string pattern;
  // True: exact on any Latin1Text built with `mentioned`. False: exact on
  // ASCII text only (each non-ASCII character outside a class became a group
  // of its bytes, "é?" -> "(?:é)?", so that it stays one unit).
  bool exact = false;
  // The non-ASCII characters the pattern names, sorted.
  std::vector<char32_t> mentioned;
};
Latin1Conversion ConvertToLatin1(std::string_view pattern);

// A UTF-8 text as one byte per character, with the way back to UTF-8 offsets.
class Latin1Text {
 public:
  // Reads `utf8`; false (and the text is not to be used) when it is not valid
  // UTF-8, or holds a character with no exact stand-in for patterns that name
  // `mentioned` (sorted).
  bool Assign(std::string_view utf8, const std::vector<char32_t>& mentioned);
  std::string_view text() const { return text_; }
  // Offset in the UTF-8 text of Latin-1 offset `i` (0 <= i <= text().size()).
  uint32_t Utf8Offset(size_t i) const { return offsets_[i]; }

 private:
  std::string text_;
  std::vector<uint32_t> offsets_;
};

// A pattern compiled for UTF-8 text and for Latin-1 text.
class AsciiFastRegex {
 public:
  // `options` is used for both (with the encoding set to UTF-8 and Latin-1).
  AsciiFastRegex(const std::string& pattern, RE2::Options options);

  // The UTF-8 compilation: its ok(), error(), groups and pattern are the
  // rule's. The Latin-1 one compiles whenever this one does.
  const RE2& utf8() const { return *utf8_; }
  // The compilation to run on `text`; `ascii` must be IsAscii(text).
  const RE2& For(bool ascii) const { return ascii && latin1_->ok() ? *latin1_ : *utf8_; }
  // Whether latin1() may also run on a Latin1Text built with mentioned().
  bool ReadsLatin1Text() const { return reads_latin1_text_; }
  const RE2& latin1() const { return *latin1_; }
  const std::vector<char32_t>& mentioned() const { return mentioned_; }

 private:
  std::unique_ptr<RE2> utf8_;
  std::unique_ptr<RE2> latin1_;
  bool reads_latin1_text_ = false;
  std::vector<char32_t> mentioned_;
};

// RE2::Set, twice in the same way.
class AsciiFastSet {
 public:
  AsciiFastSet(RE2::Options options, RE2::Anchor anchor);
  // Adds to both; returns the index, or -1 with `error` set. A pattern that
  // only compiles as UTF-8 makes the whole set run as UTF-8.
  int Add(const std::string& pattern, std::string* error);
  bool Compile();
  // Indices of the patterns that match `text`, unsorted; false when none.
  // `latin1`: `text` is ASCII, or a Latin1Text when ReadsLatin1Text().
  bool Match(std::string_view text, bool latin1, std::vector<int>* which) const;
  bool ReadsLatin1Text() const { return latin1_usable_ && reads_latin1_text_; }
  // The non-ASCII characters any pattern names, sorted.
  const std::vector<char32_t>& mentioned() const { return mentioned_; }

 private:
  RE2::Set utf8_;
  RE2::Set latin1_;
  bool latin1_usable_ = true;
  bool reads_latin1_text_ = true;
  std::vector<char32_t> mentioned_;
};

}  // namespace quarry

#endif  // QUARRY_CORE_ASCII_REGEX_H_
