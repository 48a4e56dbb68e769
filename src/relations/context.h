// Context slots: roles that a sentence does not name but an earlier sentence
// of the same article does ("This $21B expansion ..." after sentences about
// Meta and CoreWeave). A rule writes them as {ORG:buyer@context}.
//
// A context slot resolves to the nearest earlier mention that
//   - has the slot's type and satisfies its tag constraints,
//   - is not an entity another role of the same match is already bound to,
//   - lies in the current sentence before the match or in one of the
//     kContextSentences sentences before it,
//   - if it lies in an earlier sentence, is salient: its entity is mentioned
//     at least twice in the article, so that a company named once in passing
//     ("Intel recently reclaimed ...") is never taken as a party to a deal.
// Sentences are searched from the nearest back; in the first one holding any
// such mention, all of them must be the same entity, else the slot is
// ambiguous and the rule does not fire. No candidate: the rule does not fire.
// Slots with tag constraints are resolved before unconstrained ones, so that
// {ORG.cloud:provider@context} can claim CoreWeave before {ORG:buyer@context}
// looks for the nearest other organization.
#ifndef QUARRY_RELATIONS_CONTEXT_H_
#define QUARRY_RELATIONS_CONTEXT_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/document.h"
#include "relations/pattern.h"

namespace quarry {

inline constexpr int kContextSentences = 3;
// A fact's confidence is multiplied by this for each role taken from context.
inline constexpr double kContextConfidence = 0.7;

// Whether an entity with `tags` satisfies a slot's tag constraint: no
// constraint, or one of the tags is a constraint tag `t` or ends in "_t".
bool TagsSatisfy(const std::vector<std::string>& tags, const std::vector<std::string>& constraint);
// Whether one of `tags` is an excluded tag `t` or ends in "_t".
bool TagsExcluded(const std::vector<std::string>& tags, const std::vector<std::string>& excluded);

class ContextIndex {
 public:
  // Indexes doc.entities (sorted by span) by sentence. `doc` must outlive it.
  explicit ContextIndex(const Document& doc);

  // The index into doc.entities that `slot` resolves to for a match starting
  // at document offset `match_begin` of sentence `sentence_index`, with the
  // entity ids in `taken` already bound; -1 when none or ambiguous.
  int Resolve(const SlotSpec& slot, int sentence_index, uint32_t match_begin,
              const std::set<std::string>& taken) const;

 private:
  const Document& doc_;
  std::vector<std::pair<size_t, size_t>> by_sentence_;  // [first, last) entity index.
  std::map<std::string, int> mentions_;                  // Entity id -> mention count.
};

}  // namespace quarry

#endif  // QUARRY_RELATIONS_CONTEXT_H_
