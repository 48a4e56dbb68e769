// Tests context slots (src/relations/context.cc): roles resolved from earlier
// sentences, when that is safe, and no fact when it is not.
#include "relations/context.h"

#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "relations/relation_extractor.h"

namespace quarry {
namespace {

using testing::BuildDoc;

const char* kRules = R"(
rule cd.this-deal
  predicate compute_deal
  pattern {ORG.cloud:provider@context} {ORG:buyer@context} ^ This {MONEY:value} \
          (expansion|deal|agreement|commitment)
  + x
  - y

rule cx.the-company
  predicate capex_plan
  pattern {ORG:org@context} (The company|It) (has pledged|pledged|plans) to invest {MONEY:amount}
  + x
  - y

rule cd.from-projects
  predicate compute_deal
  pattern {ORG:provider@context} {ORG:buyer} will acquire ... {POWER:capacity} from the projects
  + x
  - y
)";

struct Case {
  const char* name;
  std::vector<std::string> sentences;
  std::vector<std::string> facts;  // "rule: " + RelationSummary, for each relation.
};

TEST_CASE("context slots: resolved when safe, no fact when not", "[relations][context]") {
  DiagnosticSink sink;
  RuleFiles files;
  files.Add("relations.rules", kRules);
  auto extractor = RelationExtractor::Create(files, &sink);
  REQUIRE_FALSE(sink.HasErrors());
  const std::vector<Case> cases = {
      {"both parties from the sentences before",
       {"[ORG Meta] is not just investing.", "That is where [ORG.gpu_cloud CoreWeave] comes in.",
        "[ORG.gpu_cloud CoreWeave] sells GPU capacity.", "And [ORG Meta] is going all in.",
        "This [MONEY=2.1e10 $21B] expansion is large."},
       {"cd.this-deal: compute_deal(buyer: Meta, provider: CoreWeave, value: $21B)"}},
      {"a constrained slot claims its entity before the unconstrained one looks",
       {"[ORG Meta] talked to [ORG.gpu_cloud CoreWeave] again.",
        "[ORG.gpu_cloud CoreWeave] and [ORG Meta] agreed.", "This [MONEY=2.1e10 $21B] deal is large."},
       // Resolving buyer first would find CoreWeave and Meta in the nearest
       // sentence and give up as ambiguous.
       {"cd.this-deal: compute_deal(buyer: Meta, provider: CoreWeave, value: $21B)"}},
      {"the current sentence before the match counts",
       {"[ORG Meta] met [ORG Crusoe].",
        "[ORG Crusoe] said [ORG Meta] will acquire about [POWER=1.6e9 1.6 GW] from the projects."},
       {"cd.from-projects: compute_deal(buyer: Meta, provider: Crusoe, capacity: 1.6 GW)"}},
      {"an entity bound in the match is not taken again",
       {"[ORG Crusoe] spoke.", "[ORG Crusoe] and [ORG Meta] talked.",
        "[ORG Meta] will acquire [POWER=1.6e9 1.6 GW] from the projects."},
       {"cd.from-projects: compute_deal(buyer: Meta, provider: Crusoe, capacity: 1.6 GW)"}},
      {"two different candidates in the nearest sentence: ambiguous",
       {"[ORG Meta] builds.", "[ORG Oracle] and [ORG Crusoe] build.", "[ORG Oracle] and [ORG Crusoe] talk.",
        "[ORG Meta] will acquire [POWER=1.6e9 1.6 GW] from the projects."},
       {}},
      {"no candidate within three sentences",
       {"[ORG Crusoe] builds for [ORG Meta].", "Filler one.", "Filler two.", "Filler three.",
        "[ORG Meta] will acquire [POWER=1.6e9 1.6 GW] from the projects.", "[ORG Crusoe] again."},
       {}},
      {"a name mentioned once is not salient and is skipped",
       {"[ORG Meta] pledged more.", "[ORG Meta] builds in Ohio.",
        "Elsewhere [ORG Intel] reclaimed its value.",
        "The company has pledged to invest [MONEY=6e10 at least $60 billion] in AI."},
       {"cx.the-company: capex_plan(org: Meta, amount: at least $60 billion)"}},
      {"only non-salient candidates: no fact",
       {"[ORG Meta] rose.", "[ORG Intel] reclaimed its value.", "[ORG.cloud CoreWeave] fell.",
        "[ORG.cloud CoreWeave] again.", "This [MONEY=2.1e10 $21 billion] commitment matters."},
       {}},
      {"a name earlier in the same sentence needs no second mention",
       {"Filler.", "[ORG Crusoe] said [ORG Meta] will acquire [POWER=1.6e9 1.6 GW] from the projects."},
       {"cd.from-projects: compute_deal(buyer: Meta, provider: Crusoe, capacity: 1.6 GW)"}},
      {"the resolved party must be of the slot's type",
       {"[PERSON Jane Doe] spoke twice.", "[PERSON Jane Doe] spoke.",
        "It pledged to invest [MONEY=5e9 $5 billion] in chips."},
       {}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    Document doc = BuildDoc(c.sentences);
    extractor->Run(&doc);
    std::vector<std::string> facts;
    for (const auto& r : doc.relations) facts.push_back(r.rule + ": " + RelationSummary(r));
    CHECK(facts == c.facts);
  }
}

TEST_CASE("context slots: lower confidence, argument spans point back", "[relations][context]") {
  DiagnosticSink sink;
  RuleFiles files;
  files.Add("relations.rules", kRules);
  auto extractor = RelationExtractor::Create(files, &sink);
  Document doc = BuildDoc({"[ORG.gpu_cloud CoreWeave] sells GPUs.", "[ORG Meta] buys from [ORG.gpu_cloud CoreWeave].",
                           "[ORG Meta] is going all in.", "This [MONEY=2.1e10 $21B] expansion is large."});
  extractor->Run(&doc);
  REQUIRE(doc.relations.size() == 1);
  const RelationMention& r = doc.relations[0];
  CHECK(r.confidence == Approx(kContextConfidence * kContextConfidence));
  CHECK(r.sentence_index == 3);
  const RelationArgument* buyer = r.Find("buyer");
  REQUIRE(buyer);
  CHECK(doc.SentenceAt(buyer->span.begin) == 2);  // The nearest Meta.
  const RelationArgument* provider = r.Find("provider");
  REQUIRE(provider);
  CHECK(doc.SentenceAt(provider->span.begin) == 1);
}

TEST_CASE("context slots: tag constraints", "[relations][context]") {
  CHECK(TagsSatisfy({}, {}));
  CHECK(TagsSatisfy({"cloud"}, {"cloud"}));
  CHECK(TagsSatisfy({"lab", "gpu_cloud"}, {"cloud"}));
  CHECK(TagsSatisfy({"GPU Cloud"}, {"cloud"}));
  CHECK_FALSE(TagsSatisfy({"cloudflare"}, {"cloud"}));
  CHECK_FALSE(TagsSatisfy({"xcloud"}, {"cloud"}));
  CHECK_FALSE(TagsSatisfy({}, {"cloud"}));
  CHECK(TagsSatisfy({"utility"}, {"cloud", "utility"}));
}

}  // namespace
}  // namespace quarry
