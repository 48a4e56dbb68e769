// Exports RankOf, Outranks, SelectIndexes, SelectNonOverlapping and
// MergeBySpan (see overlap.h).
#include "entities/overlap.h"

#include <algorithm>
#include <iterator>

namespace quarry {
namespace {

// Which bytes of the text accepted spans cover. Spans are short, so marking
// and testing byte by byte beats any tree.
class Coverage {
 public:
  bool Overlaps(Span s) const {
    for (uint32_t i = s.begin; i < s.end && i < covered_.size(); ++i)
      if (covered_[i]) return true;
    return false;
  }
  void Add(Span s) {
    if (covered_.size() < s.end) covered_.resize(s.end, false);
    for (uint32_t i = s.begin; i < s.end; ++i) covered_[i] = true;
  }

 private:
  std::vector<bool> covered_;
};

}  // namespace

RankedSpan RankOf(const EntityMention& m) {
  return {m.span, m.priority, m.id, m.rule, m.confidence};
}

bool Outranks(const RankedSpan& a, const RankedSpan& b) {
  if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
  if (a.id != b.id) return a.id < b.id;
  if (a.rule != b.rule) return a.rule < b.rule;
  return a.confidence > b.confidence;
}

std::vector<size_t> SelectIndexes(const std::vector<RankedSpan>& candidates,
                                  const std::vector<Span>& fixed) {
  Coverage taken;
  for (Span s : fixed) taken.Add(s);
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return Outranks(candidates[a], candidates[b]); });
  std::vector<size_t> kept;
  for (size_t i : order) {
    Span s = candidates[i].span;
    if (s.empty() || taken.Overlaps(s)) continue;
    taken.Add(s);
    kept.push_back(i);
  }
  std::sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    if (candidates[a].span != candidates[b].span) return candidates[a].span < candidates[b].span;
    return candidates[a].id < candidates[b].id;
  });
  return kept;
}

std::vector<EntityMention> SelectNonOverlapping(std::vector<EntityMention> candidates,
                                                const std::vector<EntityMention>& fixed) {
  std::vector<RankedSpan> ranked;
  ranked.reserve(candidates.size());
  for (const EntityMention& m : candidates) ranked.push_back(RankOf(m));
  std::vector<Span> fixed_spans;
  for (const EntityMention& m : fixed) fixed_spans.push_back(m.span);
  std::vector<EntityMention> accepted;
  for (size_t i : SelectIndexes(ranked, fixed_spans)) accepted.push_back(std::move(candidates[i]));
  return accepted;
}

std::vector<EntityMention> MergeBySpan(std::vector<EntityMention> a, std::vector<EntityMention> b) {
  std::vector<EntityMention> merged;
  merged.reserve(a.size() + b.size());
  auto by_span = [](const EntityMention& x, const EntityMention& y) {
    if (x.span != y.span) return x.span < y.span;
    return x.id < y.id;
  };
  std::merge(std::make_move_iterator(a.begin()), std::make_move_iterator(a.end()),
             std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()),
             std::back_inserter(merged), by_span);
  return merged;
}

}  // namespace quarry
