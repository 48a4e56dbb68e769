// Exports ResolveOverlaps: the overlap policy between entities and quantities
// (see overlap.h for the policy itself).
#include "relations/overlap.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <utility>

namespace quarry {
namespace {

// A mention of either kind, as the policy sees it.
struct Candidate {
  Span span;
  int tier = 0;
  int priority = 0;  // Gazetteer priority; 0 for others.
  const EntityMention* entity = nullptr;
  const Quantity* quantity = nullptr;
};

// Rule 4: a total order over the fields of two mentions of the same kind.
int CompareEntities(const EntityMention& a, const EntityMention& b) {
  auto key = [](const EntityMention& e) {
    return std::tie(e.id, e.name, e.entity_class, e.rule, e.tags, e.discovered, e.confidence,
                    e.text);
  };
  if (key(a) < key(b)) return -1;
  return key(b) < key(a) ? 1 : 0;
}

int CompareQuantities(const Quantity& a, const Quantity& b) {
  auto key = [](const Quantity& q) {
    return std::tie(q.dimension, q.unit, q.value, q.low, q.high, q.qualifier, q.scale,
                    q.significant_digits, q.counted, q.per, q.ambiguous, q.rule, q.text);
  };
  if (key(a) < key(b)) return -1;
  return key(b) < key(a) ? 1 : 0;
}

// True when `a` wins over `b` (rules 1 to 4).
bool Better(const Candidate& a, const Candidate& b) {
  if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
  if (a.tier != b.tier) return a.tier > b.tier;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
  // Equal tiers hold mentions of one kind: both entities or both quantities.
  if (a.entity && b.entity) return CompareEntities(*a.entity, *b.entity) < 0;
  if (a.quantity && b.quantity) return CompareQuantities(*a.quantity, *b.quantity) < 0;
  return false;
}

}  // namespace

OverlapResult ResolveOverlaps(std::vector<EntityMention>* entities,
                              std::vector<Quantity>* quantities) {
  std::vector<Candidate> all;
  all.reserve(entities->size() + quantities->size());
  for (const auto& e : *entities) {
    Candidate c;
    c.span = e.span;
    c.tier = e.discovered ? kDiscoveredTier : kGazetteerTier;
    c.priority = e.discovered ? 0 : e.priority;
    c.entity = &e;
    all.push_back(c);
  }
  for (const auto& q : *quantities) {
    Candidate c;
    c.span = q.span;
    c.tier = kQuantityTier;
    c.quantity = &q;
    all.push_back(c);
  }
  std::sort(all.begin(), all.end(), Better);

  // Greedy selection in policy order. Kept spans never overlap, so keyed by
  // their start they are also sorted by end: only the last one starting
  // before c ends can overlap c. A map, not a sorted vector, because
  // insertions come in policy order, not span order (a vector's inserts made
  // a page with 100k mentions quadratic).
  std::map<uint32_t, Candidate> kept;
  for (const auto& c : all) {
    if (c.span.empty()) continue;  // Malformed; it cannot stand for any text.
    auto after = kept.lower_bound(c.span.end);
    if (after != kept.begin() && std::prev(after)->second.span.end > c.span.begin) continue;
    kept.emplace(c.span.begin, c);
  }

  std::vector<EntityMention> kept_entities;
  std::vector<Quantity> kept_quantities;
  kept_entities.reserve(entities->size());
  kept_quantities.reserve(quantities->size());
  // Moved out: each mention is kept at most once, and no longer compared.
  for (const auto& [begin, c] : kept) {
    if (c.entity) kept_entities.push_back(std::move((*entities)[c.entity - entities->data()]));
    if (c.quantity)
      kept_quantities.push_back(std::move((*quantities)[c.quantity - quantities->data()]));
  }
  OverlapResult result;
  result.entities_dropped = static_cast<int>(entities->size() - kept_entities.size());
  result.quantities_dropped = static_cast<int>(quantities->size() - kept_quantities.size());
  *entities = std::move(kept_entities);
  *quantities = std::move(kept_quantities);
  return result;
}

}  // namespace quarry
