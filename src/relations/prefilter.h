// The rule prefilter: which relation rules can match a typed sentence.
//
// In:  each rule's CompiledPattern::needs (clauses of words and slot types
//      that every match holds), once; then typed sentences.
// Out: per sentence, the rules whose every clause the sentence satisfies, so
//      that most rules never run their regex on most sentences.
//
// Why not an RE2::Set of literal atoms: one pass of a set over all atoms and
// the atom tree walk (re2::FilteredRE2) cost more per sentence than running
// the few rules that pass. Here a sentence is split into its words once, each
// looked up in a hash table of the words rules need, and only the rules
// indexed under a present word or slot type are checked.
//
// Exact: a rule is left out only when a clause has no feature in the
// sentence, and a feature is only ever a whole run of word characters of the
// text or a slot type, which a match of the pattern must contain. On a
// sentence with non-ASCII text outside slot tokens (where case-insensitive
// "k" and "s" also match "K" and "ſ"), words count as present.
#ifndef QUARRY_RELATIONS_PREFILTER_H_
#define QUARRY_RELATIONS_PREFILTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relations/pattern.h"
#include "relations/typed_sentence.h"

namespace quarry {

class RulePrefilter {
 public:
  // Rule i needs `needs[i]` (all clauses).
  explicit RulePrefilter(const std::vector<std::vector<PatternClause>>& needs);

  // Per-thread working memory for Candidates, reused across sentences.
  struct Scratch {
    std::vector<uint8_t> present;  // Per feature; all 0 between calls.
    std::vector<uint8_t> checked;  // Per rule; all 0 between calls.
    std::vector<int> hits;         // Features present in the sentence.
  };

  // The fewest slots a sentence must have for any rule to match it.
  size_t min_slots() const { return min_slots_; }

  // The rules that can match `typed`, ascending.
  void Candidates(const TypedSentence& typed, Scratch* scratch, std::vector<int>* out) const;

 private:
  struct Clause {
    std::vector<int> features;
    bool has_word = false;  // Some feature is a word (not a slot type).
  };

  // The feature id of `word` (any case) whose hash is `hash`, or -1.
  int Find(std::string_view word, uint32_t hash) const;
  bool Satisfied(int rule, const std::vector<uint8_t>& present, bool words_unknown) const;

  std::vector<std::string> features_;
  std::vector<int> table_;  // Words, by open addressing: feature id + 1, or 0 for empty.
  size_t max_word_ = 0;     // Longest word feature: longer runs of text are no feature.
  std::vector<std::pair<std::string, int>> types_;  // Slot type -> feature id.
  std::vector<std::vector<Clause>> rules_;
  std::vector<std::vector<int>> by_feature_;  // Rules whose key clause holds the feature.
  std::vector<int> always_;                   // Rules with no clause.
  // The fewest slot tokens a rule needs: its clauses of slot types only, each
  // met by a token of its own (the clauses of a pattern come from parts of it
  // that match disjoint text). Sentences with fewer slots match no rule.
  size_t min_slots_ = 0;
};

}  // namespace quarry

#endif  // QUARRY_RELATIONS_PREFILTER_H_
