// quarry_microbench: Google Benchmark of the hot functions of each stage
// (normalize, segment, entity match, quantity find, relation run) on one
// news-like article, with bytes/s per call. Exports nothing. Not a test:
//   build-bench/quarry_microbench --benchmark_min_time=0.2
// Each stage runs on a copy of the document as the previous stages left it,
// so a figure is that stage alone (the copy is outside the timed region).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "pipeline/rule_set.h"

namespace quarry {
namespace {

// An article in the style of the field, written for this benchmark.
std::string Article() {
  static const char* const kParagraphs[] = {
      "Skip to content\nHome > Markets > AI\n\n",
      "Halvard Compute inks seven-year, $14bn compute contract with Crusoe for 1.2 GW\n\n",
      "By Tomas Ellery | September 18, 2026\n\n",
      "Meta Platforms has agreed to buy 1.2 gigawatts of computing capacity from cloud provider "
      "Crusoe in a seven-year contract valued at about $14 billion. Analysts said demand for "
      "accelerators is still running well ahead of supply. Power, not chips, is now the scarcest "
      "input for the largest training clusters.\n\n",
      "Crusoe said it had 3.4 GW of capacity under contract at the end of June, and its "
      "development pipeline has grown to 45 GW. The company will build a 1.8-gigawatt data "
      "center campus on a 1,200-acre site near Cheyenne, Wyoming, the company said. Local "
      "officials have welcomed the jobs but worry about water use in dry summers.\n\n",
      "Separately, Nvidia led a $500m Series D for Lambda at a US$4bn post-money valuation. "
      "Microsoft plans to spend more than $80 billion on data centers in fiscal 2027. Oracle "
      "has reached a new partnership agreement with data center developer Crusoe, people "
      "familiar said. Former Google executive Ashish Vaswani joins OpenAI as chief scientist.\n\n",
      "Interconnection queues in several states now stretch for years. Lenders have started to "
      "ask for longer contracts before they finance new halls. Shares of CoreWeave rose 4% in "
      "early trading after the announcement, giving it a market value of roughly $95 billion.\n\n",
      "Related Articles\nWhy power is the new bottleneck for AI\nShare this article on: Facebook "
      "Twitter LinkedIn\nSign up for our newsletter to get the latest updates\n",
  };
  std::string out;
  for (const char* p : kParagraphs) out += p;
  return out;
}

const RuleSet& Rules() {
  static std::unique_ptr<RuleSet> rules = [] {
    DiagnosticSink sink;
    auto r = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
    if (!r) {
      for (const auto& d : sink.diagnostics()) std::cerr << d.ToString() << "\n";
      std::exit(2);
    }
    return r;
  }();
  return *rules;
}

// The article after `stages` stages (0: raw only).
Document Prepared(int stages) {
  const RuleSet& rules = Rules();
  Document doc;
  doc.path = "bench.txt";
  doc.raw = Article();
  std::string error;
  if (stages >= 1 && !rules.normalizer->Run(&doc, &error)) {
    std::cerr << "normalize: " << error << "\n";
    std::exit(2);
  }
  if (stages >= 2) rules.segmenter->Run(&doc);
  if (stages >= 3) rules.entities->Run(&doc);
  if (stages >= 4) rules.quantities->Run(&doc);
  return doc;
}

template <typename F>
void RunStage(benchmark::State& state, int before, F stage) {
  const Document prepared = Prepared(before);
  for (auto _ : state) {
    state.PauseTiming();
    Document doc = prepared;
    state.ResumeTiming();
    stage(&doc);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(prepared.raw.size()));
}

void BM_Normalize(benchmark::State& state) {
  RunStage(state, 0, [](Document* doc) {
    std::string error;
    Rules().normalizer->Run(doc, &error);
  });
}

void BM_Segment(benchmark::State& state) {
  RunStage(state, 1, [](Document* doc) { Rules().segmenter->Run(doc); });
}

void BM_EntityMatch(benchmark::State& state) {
  RunStage(state, 2, [](Document* doc) { Rules().entities->Run(doc); });
}

void BM_QuantityFind(benchmark::State& state) {
  RunStage(state, 3, [](Document* doc) { Rules().quantities->Run(doc); });
}

void BM_RelationRun(benchmark::State& state) {
  RunStage(state, 4, [](Document* doc) { Rules().relations->Run(doc); });
}

BENCHMARK(BM_Normalize);
BENCHMARK(BM_Segment);
BENCHMARK(BM_EntityMatch);
BENCHMARK(BM_QuantityFind);
BENCHMARK(BM_RelationRun);

}  // namespace
}  // namespace quarry

BENCHMARK_MAIN();
