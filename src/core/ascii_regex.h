// Regexes with a fast path for ASCII text.
//
// In: a pattern written for UTF-8 text (it may use \p{Lu}, [\p{L}\p{M}], '’').
// Out: the same pattern compiled twice, for UTF-8 and as Latin-1, and the
// right one for a given text.
//
// Why: RE2 turns a Unicode class into a tree of UTF-8 byte ranges, so a
// pattern of name shapes becomes a program of thousands of instructions, and
// the matchers that report capture groups (NFA, BitState) pay for every one of
// them at every byte. Most sentences of English news are all ASCII once
// quotes and dashes are unified, and on ASCII text the Latin-1 compilation of
// a pattern matches exactly what the UTF-8 one matches: every class meets
// 0x00-0x7F in the same characters in both encodings, \b \s \d \w are ASCII in
// both, and a non-ASCII literal (’, é), read byte by byte as Latin-1, can
// match no ASCII byte in either (Latin1Pattern groups its bytes so that a
// quantifier after it still applies to the whole character). The Latin-1
// program is a small fraction of the size, and so is the cost of a match.
// A pattern that cannot compile as Latin-1 (\x{2019}) always runs as UTF-8.
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

// `pattern` for RE2's Latin-1 mode: each non-ASCII character outside a class
// becomes a group, "é?" -> "(?:é)?", so that it stays one unit.
std::string Latin1Pattern(std::string_view pattern);

// A pattern compiled for UTF-8 text and for ASCII text.
class AsciiFastRegex {
 public:
  // `options` is used for both (with the encoding set to UTF-8 and Latin-1).
  AsciiFastRegex(const std::string& pattern, RE2::Options options);

  // The UTF-8 compilation: its ok(), error(), groups and pattern are the
  // rule's. The Latin-1 one compiles whenever this one does.
  const RE2& utf8() const { return *utf8_; }
  // The compilation to run on `text`; `ascii` must be IsAscii(text).
  const RE2& For(bool ascii) const { return ascii && latin1_->ok() ? *latin1_ : *utf8_; }

 private:
  std::unique_ptr<RE2> utf8_;
  std::unique_ptr<RE2> latin1_;
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
  bool Match(std::string_view text, bool ascii, std::vector<int>* which) const;

 private:
  RE2::Set utf8_;
  RE2::Set latin1_;
  bool latin1_usable_ = true;
};

}  // namespace quarry

#endif  // QUARRY_CORE_ASCII_REGEX_H_
