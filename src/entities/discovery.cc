// Exports DiscoverNames, FindRepeats and IsHeading (see discovery.h).
#include "entities/discovery.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "entities/name_trie.h"
#include "entities/overlap.h"

namespace quarry {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Token range [first, last] of a span, or false when the span does not start
// and end on token edges (a name cut out of a longer word).
bool TokenRange(const NameTokens& tokens, Span span, size_t* first, size_t* last) {
  if (span.empty()) return false;
  size_t f = tokens.FirstEndingAfter(span.begin);
  size_t l = tokens.FirstEndingAfter(span.end - 1);
  if (f >= tokens.size() || l >= tokens.size()) return false;
  if (tokens[f].begin != span.begin || tokens[l].end != span.end) return false;
  *first = f;
  *last = l;
  return true;
}

std::string CollapseBlanks(const NameTokens& tokens, size_t first, size_t last) {
  std::string out;
  for (size_t i = first; i <= last; ++i) {
    if (i > first && (tokens[i].space_before || tokens[i].line_before)) out += ' ';
    out += tokens.Original(i);
  }
  return out;
}

class Discoverer {
 public:
  Discoverer(const NameTokens& tokens, const EntityPatterns& patterns, const Gazetteer& gazetteer,
             const std::vector<Gazetteer::Match>& known)
      : tokens_(tokens), patterns_(patterns), gazetteer_(gazetteer) {
    for (const Gazetteer::Match& m : known) {
      const GazetteerEntry& entry = gazetteer.entries()[m.entry];
      if (entry.entity_class != "PLACE") known_.push_back(m.span);
      if (entry.entity_class == "PLACE" && IsRegion(entry)) known_regions_[m.span] = &entry;
      known_ids_.insert({m.span.begin, m.span.end, entry.id});
    }
    std::sort(known_.begin(), known_.end());
  }

  void Run(const std::vector<Span>& sentences, std::vector<EntityMention>* out) {
    std::vector<std::pair<size_t, size_t>> ranges;  // Token range of each sentence.
    for (Span sentence : sentences) {
      size_t first = tokens_.FirstEndingAfter(sentence.begin);
      size_t end = first;
      while (end < tokens_.size() && tokens_[end].begin < sentence.end) ++end;
      ranges.push_back({first, end});
      // Capitalized words that do not open their sentence: proof that a word
      // is written capitalized for its own sake.
      for (size_t i = first; i < end; ++i) {
        if (tokens_[i].word && tokens_[i].upper_initial && !Opens(i, first))
          capitalized_inside_.insert(tokens_.Original(i));
      }
    }
    std::vector<PatternMatch> matches;
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (IsHeading(tokens_, ranges[s].first, ranges[s].second)) continue;
      sentence_first_ = ranges[s].first;
      matches.clear();
      patterns_.Find(tokens_.text(), sentences[s], &matches);
      for (const PatternMatch& m : matches) Candidate(m, out);
    }
  }

 private:
  static bool IsRegion(const GazetteerEntry& entry) {
    for (const auto& tag : entry.tags)
      if (tag == "us_state" || tag == "country" || tag == "region") return true;
    return false;
  }

  void Candidate(const PatternMatch& match, std::vector<EntityMention>* out) {
    const EntityPattern& pattern = *match.pattern;
    if (pattern.entity_class == "PLACE") return PlaceCandidate(match, out);
    size_t first, last;
    if (!TokenRange(tokens_, match.name, &first, &last)) return;
    // Trailing punctuation is not part of a name, except the period of an
    // abbreviation written against it ("Inc.", "Corp.").
    while (last > first && !tokens_[last].word &&
           !(tokens_.Folded(last) == "." && !tokens_[last].space_before && tokens_[last - 1].word))
      --last;
    // Leading stop words and punctuation.
    while (first <= last &&
           (!tokens_[first].word || patterns_.IsStopWord(tokens_.Folded(first))))
      ++first;
    if (first > last) return;
    char lead = tokens_.Original(first)[0];
    if (!tokens_[first].upper_initial && !IsDigit(lead)) return;

    const bool person = pattern.entity_class == "PERSON";
    size_t core_last = last;
    if (person) {
      if (!PersonShaped(first, last)) return;
    } else {
      core_last = StripLegalSuffix(first, last);
      if (core_last < first || core_last == static_cast<size_t>(-1)) return;
      // "Robotics Holdings" or "AI Labs" alone name nothing in particular.
      int distinctive = 0;
      for (size_t i = first; i <= core_last; ++i)
        distinctive += tokens_[i].word && !patterns_.IsNotPersonWord(tokens_.Folded(i));
      if (distinctive == 0) return;
      // "Signed AI ...", "Latest AI news": a single distinctive word that is
      // capitalized only because it opens the sentence. Unless the document
      // also capitalizes it elsewhere, it is no name.
      // Three words or more ("Redbud Compute Technologies") are a name
      // wherever they stand.
      int words = 0;
      for (size_t i = first; i <= core_last; ++i) words += tokens_[i].word;
      if (distinctive == 1 && words < 3 && core_last == last && match.ticker.empty() &&
          OpensSentence(first) && !capitalized_inside_.count(tokens_.Original(first)))
        return;
    }

    Span span{tokens_[first].begin, tokens_[last].end};
    if (const GazetteerEntry* entry = Resolve(match, first, last, core_last, &span)) {
      // The gazetteer already found exactly this: keep its provenance.
      if (known_ids_.count({span.begin, span.end, entry->id})) return;
      EntityMention m;
      Gazetteer::Describe(*entry, &m);
      m.rule = pattern.id;
      m.span = span;
      m.text = std::string(span.Of(tokens_.text()));
      out->push_back(std::move(m));
      return;
    }
    if (ContainsKnown(span)) return;

    EntityMention m;
    m.name = CollapseBlanks(tokens_, first, core_last);
    std::string key = NameKey(m.name);
    if (key.empty()) return;
    m.id = (person ? "person:" : "org:") + key;
    m.entity_class = pattern.entity_class;
    m.rule = pattern.id;
    m.priority = kDiscoveredPriority;
    m.discovered = true;
    m.confidence = pattern.confidence;
    m.span = span;
    m.text = std::string(span.Of(tokens_.text()));
    out->push_back(std::move(m));
  }

  // "Blytheville, Arkansas": a locality of one to three capitalized words
  // that is not known itself, right before a known state, country or
  // region. The mention spans both; its id keeps the region, so two towns
  // of one name in different states stay apart.
  void PlaceCandidate(const PatternMatch& match, std::vector<EntityMention>* out) {
    // The known region that starts where the pattern's region does; the
    // pattern may have taken a word more ("Texas Instruments").
    auto region = known_regions_.lower_bound(Span{match.region.begin, 0});
    if (region == known_regions_.end() || region->first.begin != match.region.begin ||
        region->first.end > match.region.end)
      return;
    size_t first, last;
    if (!TokenRange(tokens_, match.name, &first, &last)) return;
    while (first <= last &&
           (!tokens_[first].word || patterns_.IsStopWord(tokens_.Folded(first))))
      ++first;
    if (first > last) return;
    int words = 0;
    for (size_t i = first; i <= last; ++i) {
      if (!tokens_[i].word) continue;
      if (!tokens_[i].upper_initial) return;
      ++words;
    }
    if (words == 0 || words > 3) return;
    // "Oklahoma, Kansas", "Dallas, Texas": lists of places and known cities
    // are the gazetteer's business.
    if (gazetteer_.Lookup(tokens_, first, last + 1) != nullptr) return;
    Span locality{tokens_[first].begin, tokens_[last].end};
    if (ContainsKnown(locality)) return;
    for (const auto& [span, entry] : known_regions_)
      if (span.Overlaps(locality)) return;

    const GazetteerEntry& entry = *region->second;
    EntityMention m;
    m.name = CollapseBlanks(tokens_, first, last) + ", " + entry.name;
    std::string key = NameKey(CollapseBlanks(tokens_, first, last));
    if (key.empty()) return;
    m.id = "place:" + key + "_" + entry.id;
    m.entity_class = "PLACE";
    m.rule = match.pattern->id;
    m.priority = kDiscoveredPriority;
    m.discovered = true;
    m.confidence = match.pattern->confidence;
    m.span = {locality.begin, region->first.end};
    m.text = std::string(m.span.Of(tokens_.text()));
    out->push_back(std::move(m));
  }

  // Two to four capitalized words, none a stop or notperson word; between
  // them only blanks, hyphens, apostrophes and the period of an initial.
  bool PersonShaped(size_t first, size_t last) const {
    int words = 0;
    for (size_t i = first; i <= last; ++i) {
      if (tokens_[i].word) {
        if (!tokens_[i].upper_initial || patterns_.IsNotPersonWord(tokens_.Folded(i))) return false;
        ++words;
        continue;
      }
      std::string_view p = tokens_.Folded(i);
      if (p != "-" && p != "'" && p != ".") return false;
    }
    return words >= 2 && words <= 4;
  }

  // The last token of the name without a trailing legal suffix ("Acme
  // Robotics, Inc." -> "Robotics"); `last` when there is none; less than
  // `first` when the name is nothing but a suffix.
  size_t StripLegalSuffix(size_t first, size_t last) const {
    std::vector<size_t> words;
    for (size_t i = first; i <= last; ++i)
      if (tokens_[i].word) words.push_back(i);
    for (const auto& suffix : patterns_.legal_suffixes()) {
      if (suffix.size() > words.size()) continue;
      size_t at = words.size() - suffix.size();
      bool same = true;
      for (size_t k = 0; k < suffix.size() && same; ++k)
        same = tokens_.Folded(words[at + k]) == suffix[k];
      if (!same) continue;
      if (at == 0) return first - 1;  // Only a suffix: not a name.
      size_t core = words[at] - 1;
      while (core > first && !tokens_[core].word) --core;  // The comma of "Acme, Inc."
      return core;
    }
    return last;
  }

  const GazetteerEntry* Resolve(const PatternMatch& match, size_t first, size_t last,
                                size_t core_last, Span* span) const {
    if (const GazetteerEntry* e = gazetteer_.Lookup(tokens_, first, last + 1)) return e;
    if (core_last != last) {
      if (const GazetteerEntry* e = gazetteer_.Lookup(tokens_, first, core_last + 1)) return e;
    }
    if (!match.ticker.empty()) {
      size_t tf, tl;
      if (TokenRange(tokens_, match.ticker, &tf, &tl)) {
        if (const GazetteerEntry* e = gazetteer_.Lookup(tokens_, tf, tl + 1)) return e;
      }
    }
    // "Meanwhile Microsoft Corp.": a known name after words the stop list
    // did not catch. The span shrinks to the known name.
    for (size_t start = first + 1; start <= core_last; ++start) {
      if (!tokens_[start].word || !tokens_[start].space_before) continue;
      const GazetteerEntry* e = gazetteer_.Lookup(tokens_, start, last + 1);
      if (!e && core_last != last) e = gazetteer_.Lookup(tokens_, start, core_last + 1);
      if (e) {
        span->begin = tokens_[start].begin;
        return e;
      }
    }
    return nullptr;
  }

  // Whether word token `t` opens its sentence or table cell (sentences start
  // at token `first`), maybe after punctuation: a bullet, a quote, a '|'.
  bool Opens(size_t t, size_t first) const {
    for (size_t i = t; i > first;) {
      --i;
      if (tokens_[i].word) return false;
      if (tokens_.Folded(i) == "|") return true;
    }
    return true;
  }
  bool OpensSentence(size_t t) const { return Opens(t, sentence_first_); }

  bool ContainsKnown(Span span) const {
    for (auto it = std::lower_bound(known_.begin(), known_.end(), Span{span.begin, 0});
         it != known_.end() && it->begin < span.end; ++it) {
      if (span.Contains(*it)) return true;
    }
    return false;
  }

  const NameTokens& tokens_;
  const EntityPatterns& patterns_;
  const Gazetteer& gazetteer_;
  std::vector<Span> known_;  // Gazetteer spans other than places, sorted.
  std::map<Span, const GazetteerEntry*> known_regions_;  // States, countries, regions.
  std::set<std::tuple<uint32_t, uint32_t, std::string>> known_ids_;  // (begin, end, id)
  std::set<std::string_view> capitalized_inside_;
  size_t sentence_first_ = 0;  // First token of the sentence being searched.
};

}  // namespace

bool IsHeading(const NameTokens& tokens, size_t begin, size_t end) {
  end = std::min(end, tokens.size());
  if (end <= begin) return false;
  std::string_view last = tokens.Folded(end - 1);
  if (last == "." || last == "!" || last == "?") return false;  // Prose ends like prose.
  int long_words = 0, capitalized = 0;
  for (size_t i = begin; i < end; ++i) {
    if (!tokens[i].word || tokens[i].end - tokens[i].begin < 3) continue;
    if (IsDigit(tokens.Original(i)[0])) continue;
    ++long_words;
    if (tokens[i].upper_initial) ++capitalized;
  }
  return long_words >= 3 && capitalized * 4 >= long_words * 3;
}

std::vector<EntityMention> DiscoverNames(const NameTokens& tokens, const std::vector<Span>& sentences,
                                         const EntityPatterns& patterns, const Gazetteer& gazetteer,
                                         const std::vector<Gazetteer::Match>& known) {
  std::vector<EntityMention> out;
  Discoverer(tokens, patterns, gazetteer, known).Run(sentences, &out);
  return out;
}

std::vector<EntityMention> FindRepeats(const NameTokens& tokens, const Gazetteer& gazetteer,
                                       const std::vector<EntityMention>& accepted) {
  // The names to look for, each with the mention it repeats.
  struct Template {
    std::string text;  // Must match with this exact case.
    const EntityMention* source;
  };
  std::vector<Template> templates;
  std::map<std::string, std::set<std::string>> surname_ids;  // Surname -> person ids.
  std::map<std::string, const EntityMention*> surname_source;
  std::set<std::string_view> names;  // One template per name: the first mention.
  for (const EntityMention& m : accepted) {
    if (m.rule.rfind("coref:", 0) == 0) continue;
    if (m.discovered && (m.entity_class == "ORG" || m.entity_class == "PERSON") &&
        names.insert(m.name).second)
      templates.push_back({m.name, &m});
    if (m.discovered && m.entity_class == "PLACE") {
      // "The Blytheville project": the locality alone, once "Blytheville,
      // Arkansas" has been found.
      std::string locality = m.name.substr(0, m.name.find(','));
      if (names.insert(m.name).second) templates.push_back({locality, &m});
    }
    if (m.entity_class != "PERSON") continue;
    NameTokens name(m.name);
    size_t words = 0, last = 0;
    for (size_t i = 0; i < name.size(); ++i)
      if (name[i].word) ++words, last = i;
    if (words < 2) continue;
    std::string surname(name.Original(last));
    if (surname.size() < 3 || !name[last].upper_initial) continue;
    // The surname must also be written in this document's text of the name.
    if (m.text.find(surname) == std::string::npos) continue;
    surname_ids[surname].insert(m.id);
    surname_source.emplace(surname, &m);
  }
  for (const auto& [surname, ids] : surname_ids) {
    if (ids.size() != 1 || gazetteer.Lookup(surname) != nullptr) continue;
    templates.push_back({surname, surname_source[surname]});
  }
  if (templates.empty()) return {};

  NameTrie trie;
  std::map<uint32_t, std::vector<size_t>> by_node;
  std::vector<std::unique_ptr<NameTokens>> keys;
  for (size_t t = 0; t < templates.size(); ++t) {
    keys.push_back(std::make_unique<NameTokens>(templates[t].text));
    uint32_t node = trie.Insert(*keys.back());
    if (node != NameTrie::kNone) by_node[node].push_back(t);
  }
  std::vector<NameTrie::Hit> hits;
  trie.FindAll(tokens, &hits);
  std::vector<EntityMention> candidates;
  for (const NameTrie::Hit& hit : hits) {
    for (size_t t : by_node[hit.node]) {
      const NameTokens& key = *keys[t];
      if (key.size() != hit.end_token - hit.first_token) continue;
      bool same = true;
      for (size_t k = 0; k < key.size() && same; ++k)
        same = tokens.Original(hit.first_token + k) == key.Original(k);
      if (!same) continue;
      const EntityMention& source = *templates[t].source;
      EntityMention m = source;
      m.span = {tokens[hit.first_token].begin, tokens[hit.end_token - 1].end};
      m.text = std::string(m.span.Of(tokens.text()));
      m.rule = "repeat:" + source.rule;
      m.priority = kRepeatPriority;
      m.confidence = source.confidence * 0.9;
      candidates.push_back(std::move(m));
    }
  }
  return SelectNonOverlapping(std::move(candidates), accepted);
}

}  // namespace quarry
