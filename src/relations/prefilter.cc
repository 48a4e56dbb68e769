// Exports RulePrefilter: the relation rules a typed sentence can match, from
// the words and slot types each rule needs (see prefilter.h).
#include "relations/prefilter.h"

#include <algorithm>
#include <limits>
#include <map>

namespace quarry {
namespace {

// For each byte: itself lower-cased when it is a word byte ([A-Za-z0-9_]),
// else 0.
struct WordBytes {
  unsigned char lower[256] = {};
  constexpr WordBytes() {
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) lower[c] = static_cast<unsigned char>(c - 'A' + 'a');
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<unsigned char>(c);
    lower[static_cast<unsigned char>('_')] = '_';
  }
};
constexpr WordBytes kWordBytes;

unsigned char Lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// FNV-1a over the lower-cased bytes, one byte at a time as the text is read.
constexpr uint32_t kHashStart = 2166136261u;
uint32_t HashStep(uint32_t h, unsigned char lower) { return (h ^ lower) * 16777619u; }

bool IsSlotFeature(const std::string& feature) { return feature[0] == '{'; }

}  // namespace

RulePrefilter::RulePrefilter(const std::vector<std::vector<PatternClause>>& needs) {
  std::map<std::string, int> ids;
  auto intern = [&](const std::string& feature) {
    auto [it, added] = ids.emplace(feature, static_cast<int>(features_.size()));
    if (added) {
      features_.push_back(feature);
      by_feature_.emplace_back();
      if (IsSlotFeature(feature))
        types_.emplace_back(feature.substr(1, feature.size() - 2), it->second);
    }
    return it->second;
  };
  min_slots_ = needs.empty() ? 0 : std::numeric_limits<size_t>::max();
  for (size_t rule = 0; rule < needs.size(); ++rule) {
    std::vector<Clause> clauses;
    size_t slots = 0;
    for (const auto& clause : needs[rule]) {
      Clause c;
      for (const auto& feature : clause) {
        c.features.push_back(intern(feature));
        c.has_word |= !IsSlotFeature(feature);
      }
      if (!c.has_word) ++slots;
      clauses.push_back(std::move(c));
    }
    min_slots_ = std::min(min_slots_, slots);
    // The rule is looked at only when a feature of its most selective clause
    // is present.
    const PatternClause* key = BestClause(needs[rule]);
    if (!key) {
      always_.push_back(static_cast<int>(rule));
    } else {
      for (const auto& feature : *key) by_feature_[ids.at(feature)].push_back(static_cast<int>(rule));
    }
    rules_.push_back(std::move(clauses));
  }
  size_t size = 16;
  while (size < 2 * features_.size()) size *= 2;
  table_.assign(size, 0);
  for (size_t id = 0; id < features_.size(); ++id) {
    const std::string& feature = features_[id];
    if (IsSlotFeature(feature)) continue;
    max_word_ = std::max(max_word_, feature.size());
    uint32_t h = kHashStart;
    for (unsigned char c : feature) h = HashStep(h, Lower(c));
    size_t slot = h & (size - 1);
    while (table_[slot] != 0) slot = (slot + 1) & (size - 1);
    table_[slot] = static_cast<int>(id) + 1;
  }
}

int RulePrefilter::Find(std::string_view word, uint32_t hash) const {
  const size_t mask = table_.size() - 1;
  for (size_t slot = hash & mask; table_[slot] != 0; slot = (slot + 1) & mask) {
    const std::string& feature = features_[table_[slot] - 1];
    if (feature.size() == word.size() &&
        std::equal(word.begin(), word.end(), feature.begin(),
                   [](char a, char b) { return Lower(static_cast<unsigned char>(a)) == b; }))
      return table_[slot] - 1;
  }
  return -1;
}

bool RulePrefilter::Satisfied(int rule, const std::vector<uint8_t>& present,
                              bool words_unknown) const {
  for (const Clause& clause : rules_[rule]) {
    if (words_unknown && clause.has_word) continue;
    if (std::none_of(clause.features.begin(), clause.features.end(),
                     [&](int f) { return present[f] != 0; }))
      return false;
  }
  return true;
}

void RulePrefilter::Candidates(const TypedSentence& typed, Scratch* scratch,
                               std::vector<int>* out) const {
  out->clear();
  if (typed.slots.size() < min_slots_) return;
  std::vector<uint8_t>& present = scratch->present;
  std::vector<uint8_t>& checked = scratch->checked;
  std::vector<int>& hits = scratch->hits;
  present.resize(features_.size());
  checked.resize(rules_.size());
  hits.clear();
  auto mark = [&](int feature) {
    if (feature < 0 || present[feature]) return;
    present[feature] = 1;
    hits.push_back(feature);
  };

  // Words: maximal runs of word bytes, the tokens' insides included (a
  // literal could match a tag).
  const std::string& text = typed.text;
  bool words_unknown = false;
  size_t start = 0;
  uint32_t hash = kHashStart;
  const size_t size = text.size();
  for (size_t i = 0; i <= size; ++i) {
    const unsigned char c = i < size ? static_cast<unsigned char>(text[i]) : 0;
    if (const unsigned char lower = kWordBytes.lower[c]) {
      hash = HashStep(hash, lower);
      continue;
    }
    if (i > start && i - start <= max_word_)
      mark(Find(std::string_view(text).substr(start, i - start), hash));
    if (c >= 0x80) {
      if (text.compare(i, kSlotOpen.size(), kSlotOpen) == 0 ||
          text.compare(i, kSlotClose.size(), kSlotClose) == 0) {
        i += kSlotOpen.size() - 1;
      } else {
        words_unknown = true;
      }
    }
    start = i + 1;
    hash = kHashStart;
  }
  for (const auto& slot : typed.slots)
    for (const auto& [type, feature] : types_)
      if (slot.type == type) mark(feature);

  for (int rule : always_) out->push_back(rule);
  if (words_unknown) {
    for (size_t rule = 0; rule < rules_.size(); ++rule)
      if (!rules_[rule].empty() && Satisfied(static_cast<int>(rule), present, true))
        out->push_back(static_cast<int>(rule));
  } else {
    for (int feature : hits) {
      for (int rule : by_feature_[feature]) {
        if (checked[rule]) continue;
        checked[rule] = 1;
        if (Satisfied(rule, present, false)) out->push_back(rule);
      }
    }
    for (int feature : hits)
      for (int rule : by_feature_[feature]) checked[rule] = 0;
  }
  for (int feature : hits) present[feature] = 0;
  std::sort(out->begin(), out->end());
}

}  // namespace quarry
