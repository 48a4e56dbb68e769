// Exports Outranks, SelectNonOverlapping and MergeBySpan (see overlap.h).
#include "entities/overlap.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace quarry {
namespace {

// Accepted spans, keyed by begin; they never overlap one another.
class SpanSet {
 public:
  bool Overlaps(Span s) const {
    auto it = by_begin_.lower_bound(s.end);  // First span starting at or after s.end.
    if (it == by_begin_.begin()) return false;
    --it;  // The last span starting before s.end: the only one that can overlap.
    return it->second > s.begin;
  }
  void Add(Span s) { by_begin_[s.begin] = s.end; }

 private:
  std::map<uint32_t, uint32_t> by_begin_;
};

bool BySpan(const EntityMention& a, const EntityMention& b) {
  if (a.span != b.span) return a.span < b.span;
  return a.id < b.id;
}

}  // namespace

bool Outranks(const EntityMention& a, const EntityMention& b) {
  if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
  if (a.id != b.id) return a.id < b.id;
  if (a.rule != b.rule) return a.rule < b.rule;
  return a.confidence > b.confidence;
}

std::vector<EntityMention> SelectNonOverlapping(std::vector<EntityMention> candidates,
                                                const std::vector<EntityMention>& fixed) {
  SpanSet taken;
  for (const EntityMention& m : fixed) taken.Add(m.span);
  std::sort(candidates.begin(), candidates.end(), Outranks);
  std::vector<EntityMention> accepted;
  for (EntityMention& c : candidates) {
    if (c.span.empty() || taken.Overlaps(c.span)) continue;
    taken.Add(c.span);
    accepted.push_back(std::move(c));
  }
  std::sort(accepted.begin(), accepted.end(), BySpan);
  return accepted;
}

std::vector<EntityMention> MergeBySpan(std::vector<EntityMention> a, std::vector<EntityMention> b) {
  std::vector<EntityMention> merged;
  merged.reserve(a.size() + b.size());
  std::merge(std::make_move_iterator(a.begin()), std::make_move_iterator(a.end()),
             std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()),
             std::back_inserter(merged), BySpan);
  return merged;
}

}  // namespace quarry
