// The one overlap policy of the entity stage. Among overlapping candidates
// (gazetteer aliases, discovered names, repeats, coreference phrases) the
// winner is, in order:
//   1. the longer span (bytes of text),
//   2. then the higher priority (gazetteer entries 0..1000; discovered
//      names -1; repeats -2; coreference phrases -3),
//   3. then the earlier start,
//   4. then, for a total order that never depends on the order in which
//      candidates were found: the smaller id, rule, then higher confidence.
// Candidates are taken greedily in that order; one that overlaps an already
// accepted mention is dropped.
#ifndef QUARRY_ENTITIES_OVERLAP_H_
#define QUARRY_ENTITIES_OVERLAP_H_

#include <string_view>
#include <vector>

#include "core/mention.h"

namespace quarry {

constexpr int kDiscoveredPriority = -1;
constexpr int kRepeatPriority = -2;
constexpr int kCorefPriority = -3;

// What the policy looks at in a candidate; views into the candidate.
struct RankedSpan {
  Span span;
  int priority = 0;
  std::string_view id;
  std::string_view rule;
  double confidence = 1;
};
RankedSpan RankOf(const EntityMention& m);

// True when `a` wins over `b` by the policy above.
bool Outranks(const RankedSpan& a, const RankedSpan& b);

// The indexes of the candidates the policy keeps, in span order, after
// dropping those that overlap one of `fixed`. Candidates are never moved, so
// this is cheap however heavy they are.
std::vector<size_t> SelectIndexes(const std::vector<RankedSpan>& candidates,
                                  const std::vector<Span>& fixed = {});

// The non-overlapping selection from `candidates` by the policy above, after
// dropping every candidate that overlaps one of `fixed` (already accepted,
// sorted by span). The result is sorted by span.
std::vector<EntityMention> SelectNonOverlapping(std::vector<EntityMention> candidates,
                                                const std::vector<EntityMention>& fixed = {});

// Merges two lists sorted by span into one sorted by span.
std::vector<EntityMention> MergeBySpan(std::vector<EntityMention> a, std::vector<EntityMention> b);

}  // namespace quarry

#endif  // QUARRY_ENTITIES_OVERLAP_H_
