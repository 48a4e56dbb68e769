// rules/entity_patterns.rules, parsed and compiled: the name-shape patterns
// that discover organizations and people the gazetteer lacks, the word lists
// that keep them from discovering junk, and the phrases that coreference
// resolves. The syntax is documented at the top of that file.
#ifndef QUARRY_ENTITIES_ENTITY_PATTERNS_H_
#define QUARRY_ENTITIES_ENTITY_PATTERNS_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii_regex.h"
#include "core/diagnostic.h"
#include "core/span.h"

namespace quarry {

struct EntityPattern {
  std::string id;            // "org.legal_suffix"
  std::string entity_class;  // "ORG", "PERSON" or "PLACE"
  double confidence = 0.5;   // In (0, 1).
  int line = 0;
  std::unique_ptr<AsciiFastRegex> re;  // re->utf8() is the pattern as written.
  int name_group = 0;        // Capture index of (?P<name>...).
  int ticker_group = -1;     // Capture index of (?P<ticker>...), or -1.
  int region_group = -1;     // Capture index of (?P<region>...) (PLACE only), or -1.
};

enum class CorefStrategy { kNearest, kLatter, kFormer, kIt };

// `coref STRATEGY [tag=a,b]: phrase, phrase`
struct CorefRule {
  CorefStrategy strategy = CorefStrategy::kNearest;
  std::vector<std::string> tags;     // Antecedent must carry one of them (empty: any).
  std::vector<std::string> phrases;  // "the company", "the firm"
  int line = 0;
};

// One match of one pattern: where the name (and the listing, if the pattern
// has a ticker group) stands in the text.
struct PatternMatch {
  const EntityPattern* pattern = nullptr;
  Span name;
  Span ticker;  // Empty when absent.
  Span region;  // PLACE patterns: the state or country after the locality.
};

class EntityPatterns {
 public:
  // Parses the file; every bad line is reported (file:line:col) and the
  // result is nullptr if any was an error.
  static std::unique_ptr<EntityPatterns> Parse(const std::string& file_name,
                                               std::string_view content, DiagnosticSink* sink);

  // All matches of all patterns inside `sentence` of `text`, in pattern
  // order, each pattern scanning left to right without overlapping itself.
  void Find(std::string_view text, Span sentence, std::vector<PatternMatch>* out) const;

  const std::vector<EntityPattern>& patterns() const { return patterns_; }
  const std::vector<CorefRule>& coref_rules() const { return coref_rules_; }
  // Folded words (see FoldText) that never begin a discovered name.
  bool IsStopWord(std::string_view folded) const { return stop_.count(std::string(folded)) > 0; }
  // Folded words that never stand in a discovered person's name.
  bool IsNotPersonWord(std::string_view folded) const {
    return not_person_.count(std::string(folded)) > 0 || IsStopWord(folded);
  }
  // Legal suffixes as folded word sequences: {"inc"}, {"s", "a"}, ...
  const std::vector<std::vector<std::string>>& legal_suffixes() const { return legal_; }
  // Folded words that may follow a sentence-initial "It" for it to refer.
  bool IsItVerb(std::string_view folded) const { return it_verbs_.count(std::string(folded)) > 0; }

 private:
  std::vector<EntityPattern> patterns_;
  std::unique_ptr<AsciiFastSet> prefilter_;  // All patterns at once: which can match a sentence.
  bool reads_latin1_text_ = false;           // Every pattern runs exactly on a Latin1Text.
  std::vector<CorefRule> coref_rules_;
  std::set<std::string> stop_;
  std::set<std::string> not_person_;
  std::set<std::string> it_verbs_;
  std::vector<std::vector<std::string>> legal_;
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_ENTITY_PATTERNS_H_
