// `quarry diff`: the facts two rule sets take from the same articles, and how
// they differ. Only the stages whose rule files differ run twice: when only
// relations*.rules changed, normalize, segment, entities and quantities run
// once per article and both relation stages start from that one result.
#ifndef QUARRY_PIPELINE_RULE_DIFF_H_
#define QUARRY_PIPELINE_RULE_DIFF_H_

#include <string>
#include <vector>

#include "core/rule_files.h"
#include "pipeline/extract.h"
#include "pipeline/ingest.h"
#include "pipeline/rule_set.h"

namespace quarry {

// The name of an extraction stage (Stage is in pipeline/extract.h).
const char* StageName(Stage stage);

// The stage that reads the rule file `name` ("units.rules" -> kQuantities);
// kNormalize for a file no stage is known to read, so that it reruns all.
Stage StageOfRuleFile(const std::string& name);

// The first stage whose rule files differ between `a` and `b` (by name and
// content); kNone when they are the same.
Stage FirstChangedStage(const RuleFiles& a, const RuleFiles& b);

// One relation fact of one article, as diff compares them: two facts are the
// same fact when article, sentence, predicate and `key` agree.
struct DiffFact {
  std::string article;
  int sentence_index = -1;
  std::string sentence;  // Its text.
  std::string predicate;
  std::string args;      // RelationArgsToJson, dumped: normalized values.
  std::string key;       // `args` and the entity ids behind the names.
  std::string summary;   // RelationSummary: as the text says it.
  std::string rule;
};

struct FactChange {
  // kGained: only `after`; kLost: only `before`; kChanged: a fact of one
  // predicate in one sentence whose args (or rule) differ between the sides.
  enum class Kind { kGained, kLost, kChanged };
  Kind kind = Kind::kGained;
  DiffFact before;  // Empty for kGained.
  DiffFact after;   // Empty for kLost.
  // The rule responsible: after's rule, else before's.
  const std::string& rule() const { return after.rule.empty() ? before.rule : after.rule; }
};

struct RuleDiff {
  std::vector<FactChange> changes;  // By article, then sentence, then kind.
  int articles = 0;
  int articles_changed = 0;
  int facts_before = 0;
  int facts_after = 0;
  Stage rerun_from = Stage::kNone;  // The stages from this one on ran twice.
  std::vector<FileFailure> failures;  // Articles that could not be read or are not text.
  double seconds = 0;
};

// Runs both rule sets over `files` (article paths) with `jobs` threads (0:
// all cores) and compares the facts of each article.
RuleDiff DiffRuleSets(const RuleSet& before, const RuleSet& after,
                      const std::vector<std::string>& files, int jobs);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_RULE_DIFF_H_
