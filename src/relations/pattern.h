// Relation patterns: parsing the pattern language of rules/relations.rules
// (documented in rules/README.md, "Relation rules") and compiling it to one
// RE2 regular expression over a typed sentence (typed_sentence.h).
//
//   {ORG:buyer} (secures|signs for) {POWER:capacity} of [AI] compute from ... {ORG:provider}
//
//   word, 's, U.S.  literal text, case-insensitive, whole words
//   "( text )"      literal text with syntax characters in it
//   (a b | c)       alternatives          [a b]     optional part
//   ... / ...N      a gap of up to 6 / N blank-separated words, never crossing a slot of a
//                   type of the slots next to it in the pattern (the last
//                   slot before it and the first after it, looking through
//                   optional parts)
//   {TYPE}          a mention of TYPE; {TYPE:role} binds it to a role
//   {TYPE.t1|t2:r}  ... whose tags include t1 or t2 (or x_t1, x_t2)
//   {TYPE!t1|t2:r}  ... whose tags include neither
//   {TYPE:r@context} a role taken from earlier text, not from the match
//   {list} {list:r} a phrase of a word list; binding gives its literal
//   /regex/         raw RE2 (inside, \/ is a slash; its groups do not capture)
//   ^  $            start, end of the sentence
#ifndef QUARRY_RELATIONS_PATTERN_H_
#define QUARRY_RELATIONS_PATTERN_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "relations/predicates.h"

namespace quarry {

// A problem at byte `offset` of the text being compiled.
struct PatternError {
  size_t offset = 0;
  std::string message;
};

// What the prefilter knows every match of a pattern holds: each clause is a
// list of features, and the typed sentence must have one of each clause. A
// feature is a word (see WordsOf) or "{TYPE}", a slot token of TYPE.
using PatternClause = std::vector<std::string>;

// One entry of a word list: `value = phrase | phrase | /regex/`.
struct WordEntry {
  // The normalized literal. "*" keeps the matched text (lower-cased, blanks
  // collapsed); "$1".."$9" in it stand for the groups of a /regex/ phrase,
  // so that "FY$1 = /fiscal (?:year )?(20\d\d)/" turns "fiscal 2027" into "FY2027".
  std::string value;
  int line = 0;
  int column = 0;
  std::vector<std::unique_ptr<RE2>> phrases;  // Each anchored to match whole texts.
};

// `words NAME`: phrases that a pattern matches with {NAME} and that normalize
// to literals when bound to a role with {NAME:role}.
struct WordList {
  std::string name;
  std::string file;  // Where it is defined, for messages.
  int line = 0;
  std::string regex;  // Non-capturing alternation of every phrase, in file order.
  std::vector<WordEntry> entries;
  // A word (see WordsOf) of each phrase, so that any text the regex matches
  // holds one of them: the prefilter's clause for {NAME}. Empty when some
  // phrase is a /regex/ or has no word, and nothing is known.
  std::vector<std::string> needs;

  // The literal for `matched` (a text the list's regex matched): the value of
  // the first entry with a phrase matching it whole; "" when none does.
  std::string Normalize(std::string_view matched) const;
};

// Compiles one phrase of a word list (words, or /regex/) to a regex, which
// may have capturing groups (their number goes to `groups`). Returns "" and
// adds errors when it is malformed.
std::string CompilePhrase(std::string_view phrase, int* groups, std::vector<PatternError>* errors);

// The words of literal text as the prefilter counts them: each maximal run of
// ASCII letters, digits and "_", lower-cased. A literal's regex matches each
// of them as a whole run of the sentence ("\bco\-led\b" needs "co" and
// "led"), since it puts \b where a run meets the literal's edge.
std::vector<std::string> WordsOf(std::string_view text);

// The clause of `clauses` least likely to hold in a sentence, for the
// prefilter (few and long words over short ones, words over slot types);
// nullptr when there are none.
const PatternClause* BestClause(const std::vector<PatternClause>& clauses);

// `regex` with every capturing group made non-capturing, so that raw regexes
// inside a pattern never shift the pattern's own groups.
std::string StripCaptures(std::string_view regex);

// A slot of a pattern.
struct SlotSpec {
  std::string type;               // "ORG", "POWER".
  std::vector<std::string> tags;  // Any of them; empty means any mention of the type.
  std::vector<std::string> excluded_tags;  // None of them.
  std::string role;               // "" when the slot binds nothing.
  bool context = false;           // Resolved from earlier text (context.h).
  size_t offset = 0;              // In the pattern, for messages.
};

// What a capturing group of the compiled regex binds.
struct PatternGroup {
  std::string role;             // "" for groups inside a raw /regex/.
  bool is_slot = false;         // A slot (else a word list phrase).
  const WordList* words = nullptr;
  // A slot's excluded tags: a match whose mention here has one is dropped
  // (RE2 cannot say "not" inside a token, so this is checked after matching).
  std::vector<std::string> excluded_tags;
};

// One top-level item of a pattern (a word, a slot, a group, a gap), compiled
// alone: the items' regexes joined by "\\s*" are `regex`, so a prefix of them
// tells how far a sentence gets through the pattern (`quarry explain --rule`).
struct PatternElement {
  std::string source;  // The item as written in the pattern.
  std::string regex;   // Capturing groups as in the whole regex.
  bool slot = false;   // A plain slot {TYPE...}: the sentence needs a candidate for it.
};

struct CompiledPattern {
  std::string regex;                      // For RE2, case-insensitive.
  std::vector<PatternClause> needs;       // All of them; none: the prefilter lets it by.
  std::vector<PatternElement> elements;   // Top-level items in order (context slots left out).
  std::vector<PatternGroup> groups;       // Group i + 1 of the regex.
  std::vector<SlotSpec> context_slots;    // In pattern order.
  std::vector<std::string> roles;         // Every role bound, in the match or from context.
};

// `tags NAME = a | b | c`: a name standing for several gazetteer tags in slot
// constraints, {ORG!NAME:provider}.
using TagGroups = std::map<std::string, std::vector<std::string>, std::less<>>;

// Parses and compiles `pattern` for a rule of `predicate`, resolving word
// lists in `lists` and tag group names in `tag_groups`. Every problem (syntax, unknown type, role or list, a
// role's wrong kind, a bad raw regex) is added to `errors`; returns false if
// there was any. The whole regex is not compiled here (see
// RelationExtractor::Create), so that loading compiles each rule once.
bool CompilePattern(std::string_view pattern, const PredicateSpec& predicate,
                    const std::map<std::string, WordList, std::less<>>& lists,
                    const TagGroups& tag_groups, CompiledPattern* out,
                    std::vector<PatternError>* errors);

// RE2 options shared by every relation regex.
RE2::Options PatternOptions();

// Default and largest gap sizes, in words.
inline constexpr int kDefaultGap = 6;
inline constexpr int kMaxGap = 30;

}  // namespace quarry

#endif  // QUARRY_RELATIONS_PATTERN_H_
