// The compiled rules of every stage, loaded once from a rules folder.
#ifndef QUARRY_PIPELINE_RULE_SET_H_
#define QUARRY_PIPELINE_RULE_SET_H_

#include <memory>
#include <string>

#include "core/diagnostic.h"
#include "core/rule_files.h"
#include "entities/entity_recognizer.h"
#include "normalize/normalizer.h"
#include "quantities/quantity_recognizer.h"
#include "relations/relation_extractor.h"
#include "segment/segmenter.h"

namespace quarry {

struct RuleSet {
  RuleFiles files;
  std::string hash;  // RuleFiles::Hash(): recorded with every article and run.
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<Segmenter> segmenter;
  std::unique_ptr<EntityRecognizer> entities;
  std::unique_ptr<QuantityRecognizer> quantities;
  std::unique_ptr<RelationExtractor> relations;
};

// Where the rules are: `flag` when given, else $QUARRY_RULES, else the rules/
// folder of the checkout the binary was built from (found beside the binary's
// build folder first, so a moved checkout still works).
std::string ResolveRulesDir(const std::string& flag);

// Loads and compiles every stage's rules. Returns nullptr when any rule file
// has an error; all diagnostics (errors and warnings) are in `sink`.
std::unique_ptr<RuleSet> LoadRuleSet(const std::string& dir, DiagnosticSink* sink);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_RULE_SET_H_
