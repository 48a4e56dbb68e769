// The golden test: ingest a corpus into a fresh database and compare its
// facts with the expected file checked in beside the corpus.
#ifndef QUARRY_PIPELINE_GOLDEN_H_
#define QUARRY_PIPELINE_GOLDEN_H_

#include <ostream>
#include <string>
#include <vector>

#include "pipeline/rule_set.h"
#include "store/fact_store.h"

namespace quarry {

// The expected file of a corpus folder.
inline constexpr const char* kExpectedFactsFile = "expected.facts";

// One line per claim, sorted: `FormatClaim  <- N (M independent): a.txt, b.txt`
// with article paths relative to `corpus_dir` (the count of independent
// sources only where near-duplicates make it differ), and " [conflict]" when
// the fact has other, disagreeing claims.
std::vector<std::string> GoldenLines(const std::vector<FactView>& facts,
                                     const std::string& corpus_dir);

struct GoldenOptions {
  std::string corpus_dir;
  std::string expected_file;  // Default: corpus_dir/expected.facts.
  bool update = false;  // Rewrite the expected file with the actual lines.
  int jobs = 0;
};

// Runs the test; prints each missing and each unexpected line (with the
// sentences and rules behind unexpected ones) and a summary to `out`.
// Returns 0 when they match (or after --update), 1 when they differ, 2 when
// the corpus or expected file cannot be read.
int RunGoldenTest(const RuleSet& rules, const GoldenOptions& options, std::ostream& out);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_GOLDEN_H_
