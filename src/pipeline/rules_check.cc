// Exports CheckRuleExamples.
#include "pipeline/rules_check.h"

#include "pipeline/extract.h"

namespace quarry {

ExampleResult CheckRuleExamples(const RuleSet& rules, DiagnosticSink* sink) {
  ExampleResult result;
  for (const auto& example : rules.relations->examples()) {
    Document doc;
    std::string error;
    bool fired = false;
    std::string found;
    if (ExtractText(rules, example.file, example.sentence, &doc, &error)) {
      for (const auto& r : doc.relations) {
        if (r.rule == example.rule_id) fired = true;
        found += (found.empty() ? "" : ", ") + r.predicate + " via " + r.rule;
      }
    }
    if (fired == example.positive) {
      ++result.passed;
      continue;
    }
    ++result.failed;
    std::string message = example.positive
        ? "example does not produce " + example.predicate + " through rule " + example.rule_id
        : "negative example produces " + example.predicate + " through rule " + example.rule_id;
    message += ": \"" + example.sentence + "\"";
    if (!error.empty()) message += " (" + error + ")";
    if (example.positive) message += found.empty() ? " (no relation found)" : " (found: " + found + ")";
    sink->Error(example.file, example.line, example.column, message);
  }
  return result;
}

}  // namespace quarry
