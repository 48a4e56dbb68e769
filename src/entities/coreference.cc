// Exports CoreferenceResolver (see coreference.h for the rules it applies).
#include "entities/coreference.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

#include "entities/overlap.h"

namespace quarry {
namespace {

constexpr double kSoleConfidence = 0.7;
constexpr double kSubjectConfidence = 0.6;
constexpr double kPreviousSubjectConfidence = 0.55;
constexpr double kLatterConfidence = 0.6;
constexpr double kItConfidence = 0.5;

// Words after which a name is the object of a preposition, not a subject.
bool IsPreposition(std::string_view w) {
  static const std::set<std::string_view> kPrepositions = {
      "about",  "across", "after",   "against", "alongside", "among",   "as",
      "at",     "before", "behind",  "beside",  "besides",   "between", "by",
      "for",    "from",   "in",      "including", "into",    "like",    "of",
      "on",     "onto",   "over",    "than",    "through",   "to",      "toward",
      "towards", "under", "versus",  "via",     "vs",        "with",    "within",
      "without"};
  return kPrepositions.count(w) > 0;
}

// Adverbs that may stand between "It" and its verb ("It also said").
bool IsItAdverb(std::string_view w) {
  static const std::set<std::string_view> kAdverbs = {
      "also", "already", "currently", "later", "now", "previously", "recently", "reportedly",
      "still", "then"};
  return kAdverbs.count(w) > 0;
}

// Words that may follow "the latter" / "the former" used as a pronoun.
bool IsReferenceFollower(std::string_view w) {
  static const std::set<std::string_view> kFollowers = {
      "also", "can",  "could", "did",   "does", "had",    "has", "have", "is",
      "may",  "might", "said", "says",  "was",  "which",  "who", "will", "would"};
  return kFollowers.count(w) > 0;
}

// Tokens that may join the items of a list: "Microsoft, Alphabet and Amazon",
// "Oracle Corporation (ORCL.US)".
bool IsListJoint(std::string_view folded) {
  return folded == "," || folded == "(" || folded == ")" || folded == "and" || folded == "or" ||
         folded == "&";
}

struct MentionInfo {
  const EntityMention* mention;
  size_t first_token;
  size_t end_token;  // One past the last token.
  int sentence;
  bool governed;
};

class Resolution {
 public:
  Resolution(const NameTokens& tokens, const std::vector<Span>& sentences,
             const std::vector<EntityMention>& accepted)
      : tokens_(tokens), sentences_(sentences) {
    for (const EntityMention& m : accepted) {
      if (m.rule.rfind("coref:", 0) == 0) continue;
      MentionInfo info;
      info.mention = &m;
      info.first_token = tokens.FirstEndingAfter(m.span.begin);
      info.end_token = tokens.FirstEndingAfter(m.span.end - 1) + 1;
      info.sentence = SentenceOf(m.span.begin);
      info.governed = false;
      mentions_.push_back(info);
    }
    for (size_t k = 0; k < mentions_.size(); ++k) mentions_[k].governed = Governed(k);
  }

  int SentenceOf(uint32_t offset) const {
    auto it = std::upper_bound(sentences_.begin(), sentences_.end(), offset,
                               [](uint32_t o, const Span& s) { return o < s.begin; });
    if (it == sentences_.begin()) return -1;
    --it;
    return offset < it->end ? static_cast<int>(it - sentences_.begin()) : -1;
  }

  size_t SentenceFirstToken(int s) const { return tokens_.FirstEndingAfter(sentences_[s].begin); }

  // Mentions of sentence `s` that start before byte `before`, and pass `keep`.
  template <typename Keep>
  std::vector<const MentionInfo*> In(int s, uint32_t before, Keep keep) const {
    std::vector<const MentionInfo*> out;
    for (auto it = FirstAtOrAfter(sentences_[s].begin);
         it != mentions_.end() && it->mention->span.begin < before; ++it) {
      if (it->sentence == s && keep(*it->mention)) out.push_back(&*it);
      if (it->mention->span.begin >= sentences_[s].end) break;
    }
    return out;
  }

  // The first mention starting at or after byte `offset`.
  std::vector<MentionInfo>::const_iterator FirstAtOrAfter(uint32_t offset) const {
    return std::lower_bound(mentions_.begin(), mentions_.end(), offset,
                            [](const MentionInfo& m, uint32_t o) { return m.mention->span.begin < o; });
  }

  bool Overlaps(Span span) const {
    auto it = FirstAtOrAfter(span.begin);
    if (it != mentions_.end() && it->mention->span.begin < span.end) return true;
    return it != mentions_.begin() && std::prev(it)->mention->span.end > span.begin;
  }
  bool StartsAt(uint32_t offset) const {
    auto it = FirstAtOrAfter(offset);
    return it != mentions_.end() && it->mention->span.begin == offset;
  }

  static std::vector<std::string> DistinctIds(const std::vector<const MentionInfo*>& ms) {
    std::vector<std::string> ids;
    for (const MentionInfo* m : ms)
      if (std::find(ids.begin(), ids.end(), m->mention->id) == ids.end()) ids.push_back(m->mention->id);
    return ids;
  }

  // The first ungoverned mention among `ms` (in text order), or nullptr.
  static const MentionInfo* Subject(const std::vector<const MentionInfo*>& ms) {
    for (const MentionInfo* m : ms)
      if (!m->governed) return m;
    return nullptr;
  }

  // Whether the phrase starting at token `p` opens its clause: the first
  // token of the sentence, or right after the comma of an opening phrase.
  bool SubjectPosition(size_t p, int s) const {
    size_t first = SentenceFirstToken(s);
    return p == first || (p > first && tokens_.Folded(p - 1) == ",");
  }

  const std::vector<MentionInfo>& mentions() const { return mentions_; }

 private:
  bool Governed(size_t k) const {
    const MentionInfo& m = mentions_[k];
    if (m.sentence < 0) return false;
    size_t first = SentenceFirstToken(m.sentence);
    int words = 0;
    for (size_t i = m.first_token; i > first && words < 4;) {
      --i;
      if (!tokens_[i].word) {
        if (tokens_.Folded(i) == "-") continue;
        break;
      }
      if (tokens_[i].upper_initial) break;
      if (IsPreposition(tokens_.Folded(i))) return true;
      ++words;
    }
    // A list item after a governed one is governed too.
    if (k == 0 || mentions_[k - 1].sentence != m.sentence || !mentions_[k - 1].governed) return false;
    for (size_t i = mentions_[k - 1].end_token; i < m.first_token; ++i)
      if (!IsListJoint(tokens_.Folded(i))) return false;
    return true;
  }

  const NameTokens& tokens_;
  const std::vector<Span>& sentences_;
  std::vector<MentionInfo> mentions_;
};

bool HasTag(const EntityMention& m, const std::vector<std::string>& tags) {
  if (tags.empty()) return true;
  for (const std::string& t : tags)
    if (std::find(m.tags.begin(), m.tags.end(), t) != m.tags.end()) return true;
  return false;
}

}  // namespace

CoreferenceResolver::CoreferenceResolver(const EntityPatterns& patterns) : patterns_(patterns) {
  const auto& rules = patterns.coref_rules();
  for (size_t r = 0; r < rules.size(); ++r) {
    for (const std::string& phrase : rules[r].phrases) {
      uint32_t node = trie_.Insert(NameTokens(phrase));
      if (node == NameTrie::kNone) continue;
      if (node_rules_.size() <= node) node_rules_.resize(node + 1);
      if (std::find(node_rules_[node].begin(), node_rules_[node].end(), r) == node_rules_[node].end())
        node_rules_[node].push_back(r);
    }
  }
}

std::vector<EntityMention> CoreferenceResolver::Resolve(const NameTokens& tokens,
                                                        const std::vector<Span>& sentences,
                                                        const std::vector<EntityMention>& accepted) const {
  if (node_rules_.empty() || sentences.empty()) return {};
  std::vector<NameTrie::Hit> hits;
  trie_.FindAll(tokens, &hits);
  if (hits.empty()) return {};
  Resolution doc(tokens, sentences, accepted);
  const auto& rules = patterns_.coref_rules();

  std::vector<EntityMention> out;
  auto emit = [&](const NameTrie::Hit& hit, const EntityMention& antecedent, const char* rule,
                  double confidence) {
    EntityMention m;
    m.id = antecedent.id;
    m.name = antecedent.name;
    m.entity_class = antecedent.entity_class;
    m.tags = antecedent.tags;
    m.discovered = antecedent.discovered;
    m.rule = std::string("coref:") + rule;
    m.priority = kCorefPriority;
    m.confidence = confidence;
    m.span = {tokens[hit.first_token].begin, tokens[hit.end_token - 1].end};
    m.text = std::string(m.span.Of(tokens.text()));
    out.push_back(std::move(m));
  };

  for (const NameTrie::Hit& hit : hits) {
    if (hit.node >= node_rules_.size()) continue;
    Span span{tokens[hit.first_token].begin, tokens[hit.end_token - 1].end};
    int s = doc.SentenceOf(span.begin);
    if (s < 0 || span.end > sentences[s].end) continue;
    if (doc.Overlaps(span)) continue;
    for (size_t r : node_rules_[hit.node]) {
      const CorefRule& rule = rules[r];
      const size_t p = hit.first_token;
      if (rule.strategy == CorefStrategy::kLatter || rule.strategy == CorefStrategy::kFormer) {
        // "the former CEO", "the latter half": an adjective, not a reference.
        if (hit.end_token < tokens.size() && tokens[hit.end_token].word &&
            !IsReferenceFollower(tokens.Folded(hit.end_token)) &&
            !patterns_.IsItVerb(tokens.Folded(hit.end_token)))
          continue;
        auto any = [](const EntityMention&) { return true; };
        auto here = doc.In(s, span.begin, any);
        std::vector<std::string> ids = Resolution::DistinctIds(here);
        std::vector<const MentionInfo*> pool = here;
        if (ids.size() < 2 && s > 0) {
          pool = doc.In(s - 1, UINT32_MAX, any);
          pool.insert(pool.end(), here.begin(), here.end());
          ids = Resolution::DistinctIds(pool);
        }
        if (ids.size() != 2) continue;
        const std::string& id = rule.strategy == CorefStrategy::kLatter ? ids[1] : ids[0];
        for (const MentionInfo* m : pool) {
          if (m->mention->id != id) continue;
          emit(hit, *m->mention, rule.strategy == CorefStrategy::kLatter ? "latter" : "former",
               kLatterConfidence);
          break;
        }
        break;
      }

      auto candidate = [&](const EntityMention& m) {
        return m.entity_class == "ORG" && HasTag(m, rule.tags);
      };

      if (rule.strategy == CorefStrategy::kIt) {
        if (s == 0 || p != doc.SentenceFirstToken(s) || tokens.Original(p) != "It") continue;
        size_t v = hit.end_token;
        if (v < tokens.size() && tokens[v].word && IsItAdverb(tokens.Folded(v))) ++v;
        if (v >= tokens.size() || !tokens[v].word || !patterns_.IsItVerb(tokens.Folded(v))) continue;
        auto all_prev = doc.In(s - 1, UINT32_MAX, [](const EntityMention&) { return true; });
        bool product = false;
        for (const MentionInfo* m : all_prev) product |= m->mention->entity_class == "PRODUCT";
        auto prev = doc.In(s - 1, UINT32_MAX, candidate);
        if (product || Resolution::DistinctIds(prev).size() != 1) continue;
        const MentionInfo* subject = Resolution::Subject(prev);
        if (!subject) continue;
        emit(hit, *subject->mention, "it", kItConfidence);
        break;
      }

      // nearest
      if (hit.end_token < tokens.size() && !tokens[hit.end_token].line_before &&
          doc.StartsAt(tokens[hit.end_token].begin))
        continue;
      const bool subject_position = doc.SubjectPosition(p, s);
      auto here = doc.In(s, span.begin, candidate);
      std::vector<std::string> ids = Resolution::DistinctIds(here);
      if (ids.size() == 1) {
        bool all_governed = std::all_of(here.begin(), here.end(),
                                        [](const MentionInfo* m) { return m->governed; });
        if (!(all_governed && subject_position)) {
          emit(hit, *here.front()->mention, "sole", kSoleConfidence);
          break;
        }
      } else if (ids.size() >= 2) {
        const MentionInfo* subject = Resolution::Subject(here);
        bool clear = subject != nullptr;
        for (const MentionInfo* m : here)
          if (clear && m->mention->span.begin > subject->mention->span.begin &&
              m->mention->id != subject->mention->id && !m->governed)
            clear = false;
        if (clear) emit(hit, *subject->mention, "subject", kSubjectConfidence);
        break;
      }
      if (s == 0) continue;
      auto prev = doc.In(s - 1, UINT32_MAX, candidate);
      std::vector<std::string> prev_ids = Resolution::DistinctIds(prev);
      if (prev_ids.size() == 1) {
        emit(hit, *prev.front()->mention, "sole", kSoleConfidence);
      } else if (prev_ids.size() >= 2 && subject_position) {
        // Only a clear subject: every other candidate there is governed
        // ("Meta signed with Crusoe."), not coordinated ("Meta and Crusoe").
        const MentionInfo* subject = Resolution::Subject(prev);
        bool clear = subject != nullptr;
        for (const MentionInfo* m : prev)
          if (clear && m->mention->id != subject->mention->id && !m->governed) clear = false;
        if (clear) emit(hit, *subject->mention, "previous_subject", kPreviousSubjectConfidence);
      }
      break;
    }
  }
  return SelectNonOverlapping(std::move(out), accepted);
}

}  // namespace quarry
