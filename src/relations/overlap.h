// The one overlap policy between mentions found by independent stages.
//
// Entities (gazetteer and discovered names) and quantities are found
// separately and may claim the same bytes: "Meta 2" could hold an entity and a
// count, "Nebius Group" a gazetteer name and a discovered "X Group". Relation
// rules need each byte of a sentence to stand for at most one mention, so
// RelationExtractor::Run starts by resolving overlaps with this policy:
//
//   1. the longer span wins;
//   2. on equal length, the higher tier wins: gazetteer entity (tier 2) over
//      quantity (tier 1) over discovered entity (tier 0); between two
//      gazetteer entities, the higher EntityMention::priority;
//   3. then the earlier start;
//   4. then a total order over every remaining field, so that the result never
//      depends on the order in which the stages produced the mentions.
//
// Selection is greedy: the best mention by this order is kept and every
// mention overlapping it is dropped; then the best of the rest, and so on. In
// a chain A-B-C where only neighbours overlap, the best of the three decides:
// B alone when B is best, A and C both when A is best (C does not touch A).
// Spans are half-open, so mentions that merely touch do not overlap. A
// mention with an empty span stands for no text and is dropped.
#ifndef QUARRY_RELATIONS_OVERLAP_H_
#define QUARRY_RELATIONS_OVERLAP_H_

#include <vector>

#include "core/mention.h"
#include "core/quantity.h"

namespace quarry {

struct OverlapResult {
  int entities_dropped = 0;
  int quantities_dropped = 0;
};

// Keeps the winners in place, each vector sorted by span (then by the order
// above for equal spans, which cannot overlap unless empty).
OverlapResult ResolveOverlaps(std::vector<EntityMention>* entities,
                              std::vector<Quantity>* quantities);

// The tier of rule 2 above: 2 for gazetteer entities, 0 for discovered ones.
constexpr int kGazetteerTier = 2;
constexpr int kQuantityTier = 1;
constexpr int kDiscoveredTier = 0;

}  // namespace quarry

#endif  // QUARRY_RELATIONS_OVERLAP_H_
