// Benchmark (hidden; run with `relations_test "[.bench]"`): the relation
// stage's cost per byte with the shipped rules, and with 500 rules. Issue 4's
// later goal is 500 rules at no more than twice the shipped rules' cost per
// byte; the prefilter (prefilter.h: the words and slot types each rule needs)
// is what keeps most rules from running on most sentences.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "../../tools/perf/generated_rules.h"  // Shared with tools/bench.
#include "doc_builder.h"
#include "relations/relation_extractor.h"

namespace quarry {
namespace {

using testing::BuildDoc;

std::string Shipped() {
  std::ifstream in(QUARRY_SOURCE_DIR "/rules/relations.rules", std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Document BenchDoc() {
  const std::vector<std::string> sentences = {
      "[ORG Meta] secures [POWER=1.6e9 ~1.6 GW] of AI compute from developer [ORG Crusoe].",
      "Analysts said the market for GPUs remains tight through the end of the year.",
      "[ORG Crusoe] said it had [POWER=6.3e9 6.3 gigawatts] of capacity under contract.",
      "The company declined to comment on pricing or delivery schedules for the sites.",
      "[ORG Amazon] commits another [MONEY=5e9 $5 billion] to [ORG Anthropic].",
      "Shares rose [PERCENT=1.8 1.8%] to [PRICE=742 $742.10] in premarket trading on Monday.",
      "[ORG Oracle] lifts its fiscal 2027 capex forecast to [MONEY=5e10 about $50 billion].",
      "Power remains the hardest part of every build, and permits take years to secure.",
  };
  std::vector<std::string> all;
  for (int i = 0; i < 250; ++i) all.push_back(sentences[i % sentences.size()]);
  return BuildDoc(all);
}

double NanosPerByte(const RelationExtractor& extractor, const Document& doc) {
  const int kRounds = std::getenv("QUARRY_BENCH_ROUNDS") ? std::atoi(std::getenv("QUARRY_BENCH_ROUNDS")) : 20;
  auto start = std::chrono::steady_clock::now();
  size_t relations = 0;
  for (int i = 0; i < kRounds; ++i) {
    Document copy = doc;
    extractor.Run(&copy);
    relations += copy.relations.size();
  }
  auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start);
  CHECK(relations > 0);
  return ns.count() / kRounds / doc.text.size();
}

TEST_CASE("bench: 500 relation rules against the shipped ones", "[.bench]") {
  Document doc = BenchDoc();
  RuleFiles shipped_files;
  shipped_files.Add("relations.rules", Shipped());
  DiagnosticSink sink;
  auto shipped = RelationExtractor::Create(shipped_files, &sink);
  RuleFiles big_files = shipped_files;
  big_files.Add("relations.bench.rules", scale::GenerateRelationRules(500 - static_cast<int>(shipped->rule_count())));
  auto big = RelationExtractor::Create(big_files, &sink);
  REQUIRE_FALSE(sink.HasErrors());
  REQUIRE(big->rule_count() == 500);

  NanosPerByte(*shipped, doc);  // Warm up.
  double base = NanosPerByte(*shipped, doc);
  double with_500 = NanosPerByte(*big, doc);
  WARN("shipped rules (" << shipped->rule_count() << "): " << base << " ns/byte; 500 rules: "
                         << with_500 << " ns/byte; ratio " << with_500 / base);
  CHECK(with_500 <= 2 * base);
}

}  // namespace
}  // namespace quarry
