// A relation rule's regex, compiled so that it runs fast on typed sentences.
//
// In:  CompiledPattern::regex; typed sentences (typed_sentence.h).
// Out: RE2::Match results over the typed sentence's text, exactly as the
//      regex compiled for UTF-8 gives them.
//
// Why: the token brackets ⟨ ⟩ make every typed sentence non-ASCII, so rule
// regexes ran as UTF-8 programs, in which each gap's [^\s⟨⟩] is a tree of
// byte ranges repeated once per word of the gap: thousands of instructions
// that RE2's capturing matchers pay for at every byte. Written with each
// bracket as one ASCII byte, the pattern and the text correspond character
// for character, and since the text is then all ASCII (most sentences are),
// the pattern can run as Latin-1 (core/ascii_regex.h), a program a fraction
// of the size. Match offsets map back to the typed text by counting the
// brackets before them.
//
// "⟩" is \x02; "⟨" is the byte that names the token's type (\x10 + its index
// in kSlotTypes), so that a gap's "any token but ORG or PERSON" is one class
// of bytes instead of an alternative of type names repeated in every word of
// the gap. That keeps most rule programs under RE2's limit (512
// instructions) for its backtracking capture matcher, BitState, many times
// cheaper per match than the NFA it otherwise uses to find the groups.
//
// The compact form is not used for a sentence whose own text holds \x02,
// \x10-\x1B or other non-ASCII bytes, nor for a pattern whose meaning could
// tell a bracket from a control byte (\p classes, [:cntrl:], \x and octal
// escapes, \C, \Q, control bytes, a bracket ending a class range): those
// run the UTF-8 program on the typed text.
#ifndef QUARRY_RELATIONS_RULE_REGEX_H_
#define QUARRY_RELATIONS_RULE_REGEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

namespace quarry {

// A typed sentence's text in both forms; reusable across sentences.
class MatchText {
 public:
  void Reset(const std::string& typed);

  const std::string& typed() const { return *typed_; }
  // Whether the compact text can be matched instead (see above).
  bool compact_usable() const { return usable_; }
  const std::string& compact() const { return compact_; }
  // Offsets between the two forms, at character boundaries.
  size_t ToTyped(size_t compact_offset) const;
  size_t ToCompact(size_t typed_offset) const;

 private:
  const std::string* typed_ = nullptr;
  std::string compact_;
  std::vector<uint32_t> brackets_;  // Offsets of the bracket bytes in compact_.
  bool usable_ = false;
};

class RuleRegex {
 public:
  // `regex` with PatternOptions().
  explicit RuleRegex(const std::string& regex);

  // The UTF-8 compilation: its ok(), error() and groups are the rule's.
  const RE2& utf8() const { return *utf8_; }

  // RE2::Match(text.typed(), pos, size, UNANCHORED, groups, n): `pos` and the
  // groups are in (and point into) the typed text.
  bool Match(const MatchText& text, size_t pos, re2::StringPiece* groups, int n) const;

 private:
  std::unique_ptr<RE2> utf8_;
  std::unique_ptr<RE2> compact_;  // Latin-1, over compact text; null when not usable.
};

}  // namespace quarry

#endif  // QUARRY_RELATIONS_RULE_REGEX_H_
