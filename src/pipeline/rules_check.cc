// Exports CheckRuleExamples.
#include "pipeline/rules_check.h"

#include "pipeline/extract.h"

namespace quarry {

ExampleResult CheckRuleExamples(const RuleSet& rules, DiagnosticSink* sink) {
  ExampleResult result;
  for (const auto& example : rules.relations->examples()) {
    Document doc;
    std::string error;
    std::string mismatch;
    if (!ExtractText(rules, example.file, example.sentence, &doc, &error)) {
      mismatch = "example cannot be read: " + error;
    } else {
      // The relation stage knows what an example expects (the rule fires, or
      // not, and the roles on its `=` line hold).
      mismatch = ExampleMismatch(example, doc);
    }
    if (mismatch.empty()) {
      ++result.passed;
      continue;
    }
    ++result.failed;
    sink->Error(example.file, example.line, example.column, mismatch);
  }
  return result;
}

}  // namespace quarry
