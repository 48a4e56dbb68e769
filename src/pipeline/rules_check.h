// `quarry rules check`: every rule file loads, and every example sentence in
// the relation rules does (or does not) produce its fact.
#ifndef QUARRY_PIPELINE_RULES_CHECK_H_
#define QUARRY_PIPELINE_RULES_CHECK_H_

#include <ostream>
#include <string>

#include "core/diagnostic.h"
#include "pipeline/rule_set.h"

namespace quarry {

struct ExampleResult {
  int passed = 0;
  int failed = 0;
};

// Runs every RuleExample of `rules` through the whole extraction; each
// failure becomes an error diagnostic at the example's line.
ExampleResult CheckRuleExamples(const RuleSet& rules, DiagnosticSink* sink);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_RULES_CHECK_H_
