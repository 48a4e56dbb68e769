// Exports ContextIndex and TagsSatisfy: resolution of context slots (see
// context.h for the policy).
#include "relations/context.h"

#include <algorithm>

#include "relations/typed_sentence.h"

namespace quarry {

bool TagsSatisfy(const std::vector<std::string>& tags, const std::vector<std::string>& constraint) {
  if (constraint.empty()) return true;
  for (const auto& raw : tags) {
    std::string tag = SlotTag(raw);
    for (const auto& c : constraint) {
      if (tag == c) return true;
      if (tag.size() > c.size() + 1 && tag.compare(tag.size() - c.size(), c.size(), c) == 0 &&
          tag[tag.size() - c.size() - 1] == '_')
        return true;
    }
  }
  return false;
}

bool TagsExcluded(const std::vector<std::string>& tags, const std::vector<std::string>& excluded) {
  return !excluded.empty() && TagsSatisfy(tags, excluded);
}

ContextIndex::ContextIndex(const Document& doc) : doc_(doc) {
  by_sentence_.reserve(doc.sentences.size());
  for (const auto& sentence : doc.sentences) {
    auto first = std::lower_bound(doc.entities.begin(), doc.entities.end(), sentence.begin,
                                  [](const EntityMention& e, uint32_t b) { return e.span.begin < b; });
    auto last = std::lower_bound(first, doc.entities.end(), sentence.end,
                                 [](const EntityMention& e, uint32_t b) { return e.span.begin < b; });
    by_sentence_.emplace_back(first - doc.entities.begin(), last - doc.entities.begin());
  }
  for (const auto& e : doc.entities) ++mentions_[e.id];
}

int ContextIndex::Resolve(const SlotSpec& slot, int sentence_index, uint32_t match_begin,
                          const std::set<std::string>& taken) const {
  if (sentence_index < 0 || static_cast<size_t>(sentence_index) >= by_sentence_.size()) return -1;
  for (int s = sentence_index; s >= 0 && s >= sentence_index - kContextSentences; --s) {
    auto [first, last] = by_sentence_[s];
    int nearest = -1;
    bool ambiguous = false;
    for (size_t i = first; i < last; ++i) {
      const EntityMention& e = doc_.entities[i];
      if (s == sentence_index && e.span.end > match_begin) break;
      if (e.entity_class != slot.type || !TagsSatisfy(e.tags, slot.tags) ||
          TagsExcluded(e.tags, slot.excluded_tags))
        continue;
      if (taken.count(e.id)) continue;
      auto count = mentions_.find(e.id);
      bool salient = count != mentions_.end() && count->second >= 2;
      if (s != sentence_index && !salient) continue;
      if (nearest >= 0 && doc_.entities[nearest].id != e.id) ambiguous = true;
      nearest = static_cast<int>(i);
    }
    if (nearest >= 0) return ambiguous ? -1 : nearest;
  }
  return -1;
}

}  // namespace quarry
