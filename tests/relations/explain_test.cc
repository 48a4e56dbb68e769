// Tests the debugging views of RelationExtractor (MatchSentence, ExplainRule)
// and the top-level pattern elements they rely on (CompiledPattern::elements),
// over hand-built documents.
#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "relations/relation_extractor.h"

namespace quarry {
namespace {

using testing::BuildDoc;

const char* kRules = R"(
words status
  contracted = contracted | under contract

rule cd.secures
  predicate compute_deal
  pattern {ORG:buyer} secures {POWER:capacity} of ... compute from ... {ORG:provider}
  + x
  - y

rule cd.short
  predicate compute_deal
  pattern {ORG:buyer} secures ... compute from ... {ORG:provider}
  + x
  - y

rule cd.cloud
  predicate compute_deal
  pattern {ORG:buyer} (signs|signed) ... with {ORG.cloud:provider}
  + x
  - y

rule cd.not_utility
  predicate compute_deal
  pattern {ORG:buyer} buys power from {ORG!utility:provider}
  + x
  - y

rule ct.status
  predicate capacity_total
  pattern {ORG:org} has {POWER:capacity} of {status:status} (capacity|power)
  + x
  - y
)";

std::unique_ptr<RelationExtractor> Extractor() {
  RuleFiles files;
  files.Add("relations.rules", kRules);
  DiagnosticSink sink;
  auto extractor = RelationExtractor::Create(files, &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  REQUIRE_FALSE(sink.HasErrors());
  return extractor;
}

Document Run(const RelationExtractor& x, std::vector<std::string> sentences) {
  Document doc = BuildDoc(sentences);
  x.Run(&doc);
  return doc;
}

TEST_CASE("MatchSentence lists every rule's fact and which one Run keeps") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG Meta] secures [POWER=1.6e9 1.6 GW] of AI compute from [ORG Crusoe]."});
  auto matches = x->MatchSentence(doc, 0);
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].fact.rule == "cd.secures");
  CHECK(matches[0].kept);
  CHECK(matches[1].fact.rule == "cd.short");
  CHECK_FALSE(matches[1].kept);
  CHECK(matches[1].covered_by ==
        "compute_deal(buyer: Meta, provider: Crusoe, capacity: 1.6 GW) via cd.secures");
  CHECK(x->MatchSentence(doc, 1).empty());
}

TEST_CASE("ExplainRule: a rule that produces the kept fact") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG Meta] secures [POWER=1.6e9 1.6 GW] of AI compute from [ORG Crusoe]."});
  RuleTrace t = x->ExplainRule(doc, 0, "cd.secures");
  CHECK(t.error.empty());
  CHECK(t.predicate == "compute_deal");
  CHECK(t.file == "relations.rules");
  CHECK(t.line == 5);  // The raw string starts with a line break.
  CHECK_FALSE(t.prefiltered_out);
  REQUIRE(t.facts.size() == 1);
  CHECK(t.facts[0].kept);
  CHECK(t.rejected.empty());
}

TEST_CASE("ExplainRule: nearest partial match and the element that fails") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG CoreWeave] has [POWER=2.2e9 2.2 GW] of planned power."});
  RuleTrace t = x->ExplainRule(doc, 0, "ct.status");
  CHECK(t.facts.empty());
  CHECK(t.rejected.empty());
  CHECK(t.elements == 6);
  CHECK(t.elements_matched == 4);
  CHECK(t.partial_text == "\xE2\x9F\xA8ORG\xE2\x9F\xA9 has \xE2\x9F\xA8POWER\xE2\x9F\xA9 of");
  CHECK(t.next_element == "{status:status}");
  CHECK(t.missing_slots.empty());
}

TEST_CASE("ExplainRule: a slot with no candidate of its type or tag") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG Meta] signed a deal with [ORG Crusoe]."});
  RuleTrace t = x->ExplainRule(doc, 0, "cd.cloud");
  CHECK(t.facts.empty());
  CHECK(t.elements == 5);
  CHECK(t.elements_matched == 4);  // {ORG:buyer} (signs|signed) ... with
  CHECK(t.next_element == "{ORG.cloud:provider}");
  CHECK(t.missing_slots == std::vector<std::string>{"{ORG.cloud:provider}"});

  RuleTrace none = x->ExplainRule(doc, 0, "ct.status");
  CHECK(none.elements_matched == 1);  // {ORG:org}, then "has" is absent.
  CHECK(none.next_element == "has");
  CHECK(none.missing_slots == std::vector<std::string>{"{POWER:capacity}"});
}

TEST_CASE("ExplainRule: a match that builds no fact says why") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG Meta] buys power from [ORG.utility Entergy]."});
  RuleTrace t = x->ExplainRule(doc, 0, "cd.not_utility");
  CHECK(t.facts.empty());
  REQUIRE(t.rejected.size() == 1);
  CHECK(t.rejected[0] ==
        "\"\xE2\x9F\xA8ORG\xE2\x9F\xA9 buys power from \xE2\x9F\xA8ORG\xE2\x9F\xA9\": Entergy (ORG) "
        "has a tag the slot excludes (utility)");
}

TEST_CASE("ExplainRule: unknown rule and sentence") {
  auto x = Extractor();
  Document doc = Run(*x, {"[ORG Meta] grows."});
  CHECK(x->ExplainRule(doc, 0, "nope").error == "no rule \"nope\" in the relation rules");
  RuleTrace t = x->ExplainRule(doc, 3, "cd.cloud");
  CHECK(t.rule_id == "cd.cloud");
  CHECK(t.error == "no sentence 3");
}

}  // namespace
}  // namespace quarry
