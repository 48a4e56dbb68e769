// Tests RelationExtractor (src/relations/relation_extractor.cc) with small
// inline rule files over hand-built documents.
#include "relations/relation_extractor.h"

#include <thread>

#include <catch2/catch.hpp>

#include "doc_builder.h"

namespace quarry {
namespace {

using testing::BuildDoc;

std::unique_ptr<RelationExtractor> Load(const std::string& rules, DiagnosticSink* sink) {
  RuleFiles files;
  files.Add("relations.rules", rules);
  return RelationExtractor::Create(files, sink);
}

std::unique_ptr<RelationExtractor> LoadClean(const std::string& rules) {
  DiagnosticSink sink;
  auto extractor = Load(rules, &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  REQUIRE_FALSE(sink.HasErrors());
  return extractor;
}

std::vector<std::string> Facts(const RelationExtractor& extractor, Document doc) {
  extractor.Run(&doc);
  std::vector<std::string> out;
  for (const auto& r : doc.relations) out.push_back(RelationSummary(r));
  return out;
}

const char* kRules = R"(
words status
  contracted = contracted | under contract
  operational = operational | online

rule cd.secures
  predicate compute_deal
  pattern {ORG:buyer} secures {POWER:capacity} of ... compute from ... {ORG:provider} \
          [for {MONEY:value}]
  + x
  - y

rule cd.cloud
  predicate compute_deal
  pattern {ORG:buyer} (signs|signed) ... with {ORG.cloud:provider}
  + x
  - y

rule ct.status
  predicate capacity_total
  pattern {ORG:org}'s {status:status} capacity ...3 {POWER:capacity}
  + x
  - y

rule ct.pipeline
  predicate capacity_total
  pattern {ORG:org} has a pipeline of {POWER:capacity}
  set status pipeline
  confidence 0.8
  + x
  - y
)";

TEST_CASE("extractor: a rule's match becomes a relation", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  CHECK(extractor->rule_count() == 4);
  Document doc = BuildDoc({"Intro.", "[ORG Meta] secures [POWER=1.6e9 ~1.6 gigawatts] of AI compute "
                                     "from data center firm [ORG Crusoe] for [MONEY=2e9 $2 billion]."});
  extractor->Run(&doc);
  REQUIRE(doc.relations.size() == 1);
  const RelationMention& r = doc.relations[0];
  CHECK(r.predicate == "compute_deal");
  CHECK(r.rule == "cd.secures");
  CHECK(r.sentence_index == 1);
  CHECK(r.sentence == doc.sentences[1]);
  CHECK(r.span.Of(doc.text) ==
        "Meta secures ~1.6 gigawatts of AI compute from data center firm Crusoe for $2 billion");
  CHECK(r.confidence == 1.0);
  REQUIRE(r.args.size() == 4);  // In role order: buyer, provider, capacity, value.
  CHECK(r.args[0].role == "buyer");
  CHECK(r.args[0].kind == RelationArgument::Kind::kEntity);
  CHECK(r.args[0].entity.id == "meta");
  CHECK(r.args[0].span.Of(doc.text) == "Meta");
  CHECK(r.args[1].role == "provider");
  CHECK(r.args[1].entity.name == "Crusoe");
  CHECK(r.args[2].role == "capacity");
  CHECK(r.args[2].kind == RelationArgument::Kind::kQuantity);
  CHECK(r.args[2].quantity.value == 1.6e9);
  CHECK(r.args[2].span.Of(doc.text) == "~1.6 gigawatts");
  CHECK(r.args[3].role == "value");
  CHECK(r.args[3].quantity.text == "$2 billion");
}

TEST_CASE("extractor: what each construct matches", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  struct Case {
    const char* name;
    std::vector<std::string> sentences;
    std::vector<std::string> facts;
  };
  const std::vector<Case> cases = {
      {"an optional role is omitted when absent",
       {"[ORG Meta] secures [POWER=1e9 1 GW] of compute from [ORG Crusoe]."},
       {"compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW)"}},
      {"a gap crosses other types but not the type of the slot next to it",
       {"[ORG Meta] secures [POWER=1e9 1 GW] of [PLACE Texas] compute from [ORG Oracle] and "
        "[ORG Crusoe]."},
       {"compute_deal(buyer: Meta, provider: Oracle, capacity: 1 GW)"}},
      {"a gap away from slots crosses any type",
       {"[ORG Meta] secures [POWER=1e9 1 GW] of [ORG Oracle]'s AI compute from [ORG Crusoe]."},
       {"compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW)"}},
      {"a gap is at most six words",
       {"[ORG Meta] secures [POWER=1e9 1 GW] of one two three four five six seven compute from "
        "[ORG Crusoe]."},
       {}},
      {"a tag constraint accepts the tag's family",
       {"[ORG Meta] signed a deal with [ORG.gpu_cloud CoreWeave]."},
       {"compute_deal(buyer: Meta, provider: CoreWeave)"}},
      {"a tag constraint rejects other organizations",
       {"[ORG Meta] signed a deal with [ORG.utility Entergy]."}, {}},
      {"a word list phrase must stand where the pattern puts it",
       {"[ORG Crusoe]'s capacity under contract is [POWER=4.9e9 4.9 GW]."}, {}},
      {"a word list gives a normalized literal",
       {"[ORG Crusoe]'s under contract capacity reached [POWER=4.9e9 4.9 GW]."},
       {"capacity_total(org: Crusoe, capacity: 4.9 GW, status: contracted)"}},
      {"a set line gives a fixed literal",
       {"[ORG Crusoe] has a pipeline of [POWER=4e10 40 GW]."},
       {"capacity_total(org: Crusoe, capacity: 40 GW, status: pipeline)"}},
      {"an ambiguous quantity is never used",
       {"[ORG Crusoe] has a pipeline of [POWER?=4e10 40]."}, {}},
      {"one entity never fills two roles",
       {"[ORG#meta Meta] secures [POWER=1e9 1 GW] of compute from [ORG#meta Meta Platforms]."}, {}},
      {"matches are case-insensitive",
       {"[ORG Meta] SECURES [POWER=1e9 1 GW] OF AI COMPUTE FROM [ORG Crusoe]"},
       {"compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW)"}},
      {"several matches in one sentence",
       {"[ORG Crusoe] has a pipeline of [POWER=4e10 40 GW] and [ORG Lambda] has a pipeline of "
        "[POWER=1e10 10 GW]."},
       {"capacity_total(org: Crusoe, capacity: 40 GW, status: pipeline)",
        "capacity_total(org: Lambda, capacity: 10 GW, status: pipeline)"}},
      {"words must be whole", {"[ORG Crusoe] has a pipelines of [POWER=4e10 40 GW]."}, {}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(Facts(*extractor, BuildDoc(c.sentences)) == c.facts);
  }
}

TEST_CASE("extractor: excluded tags", "[relations][extractor]") {
  auto extractor = LoadClean(R"(
rule cd.supplies
  predicate compute_deal
  pattern {ORG!utility|energy:provider} will supply {ORG:buyer} with {POWER:capacity}
  + x
  - y
rule cd.supplies-unbound
  predicate compute_deal
  pattern {ORG:provider} will supply {ORG:buyer} with {POWER:capacity} of {COUNT!watt} units
  + x
  - y
rule cd.context
  predicate compute_deal
  pattern {ORG!utility:provider@context} {ORG:buyer} takes {POWER:capacity}
  + x
  - y
)");
  struct Case {
    std::vector<std::string> sentences;
    std::vector<std::string> facts;
  };
  const std::vector<Case> cases = {
      {{"[ORG.gpu_cloud Nebius] will supply [ORG Meta] with [POWER=1e9 1 GW]."},
       {"compute_deal(buyer: Meta, provider: Nebius, capacity: 1 GW)"}},
      {{"[ORG.utility Entergy] will supply [ORG Meta] with [POWER=1e9 1 GW]."}, {}},
      {{"[ORG.nuclear_energy Vistra] will supply [ORG Meta] with [POWER=1e9 1 GW]."}, {}},
      // An excluded tag on an unbound slot drops the match too.
      {{"[ORG.utility Entergy] will supply [ORG Meta] with [POWER=1e9 1 GW] of [COUNT=2.watt 2] "
        "units."},
       {}},
      {{"[ORG.utility Entergy] will supply [ORG Meta] with [POWER=1e9 1 GW] of [COUNT=2.rack 2] "
        "units."},
       {"compute_deal(buyer: Meta, provider: Entergy, capacity: 1 GW)"}},
      // A context slot skips excluded candidates and looks further back.
      {{"[ORG Nebius] builds.", "[ORG Nebius] talks to [ORG Meta].", "[ORG.utility Entergy] said so.",
        "[ORG.utility Entergy] again.", "[ORG Meta] takes [POWER=1e9 1 GW]."},
       {"compute_deal(buyer: Meta, provider: Nebius, capacity: 1 GW)"}},
  };
  for (const auto& c : cases) {
    INFO(c.sentences.back());
    CHECK(Facts(*extractor, BuildDoc(c.sentences)) == c.facts);
  }
}

TEST_CASE("extractor: the fuller fact of a sentence wins", "[relations][extractor]") {
  auto extractor = LoadClean(std::string(kRules) + R"(
rule cd.signed-for
  predicate compute_deal
  pattern {ORG:buyer} signed ... with {ORG:provider} for {POWER:capacity}
  + x
  - y
)");
  // cd.cloud gives buyer and provider; cd.signed-for adds the capacity.
  Document doc = BuildDoc({"[ORG Meta] signed a deal with [ORG.cloud Nebius] for [POWER=2e9 2 GW]."});
  extractor->Run(&doc);
  REQUIRE(doc.relations.size() == 1);
  CHECK(doc.relations[0].rule == "cd.signed-for");
  CHECK(RelationSummary(doc.relations[0]) == "compute_deal(buyer: Meta, provider: Nebius, capacity: 2 GW)");
}

TEST_CASE("extractor: confidence of rule and arguments", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  Document doc = BuildDoc({"[ORG%0.5 Crusoe] has a pipeline of [POWER=4e10 40 GW]."});
  extractor->Run(&doc);
  REQUIRE(doc.relations.size() == 1);
  CHECK(doc.relations[0].confidence == Approx(0.4));  // rule 0.8 x entity 0.5
}

TEST_CASE("extractor: Run resolves overlaps first", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  Document doc = BuildDoc({"[ORG Crusoe] has a pipeline of [POWER=4e10 40 GW]."});
  // A discovered entity over the quantity's bytes, listed first: it loses.
  EntityMention stray = doc.entities[0];
  stray.id = "stray";
  stray.discovered = true;
  stray.span = doc.quantities[0].span;
  doc.entities.insert(doc.entities.begin(), stray);
  std::swap(doc.entities[0], doc.entities[1]);  // Unsorted input.
  extractor->Run(&doc);
  REQUIRE(doc.entities.size() == 1);
  CHECK(doc.entities[0].id == "crusoe");
  CHECK(doc.quantities.size() == 1);
  CHECK(doc.relations.size() == 1);
  // Run again: the same result, not twice the relations.
  extractor->Run(&doc);
  CHECK(doc.relations.size() == 1);
}

TEST_CASE("extractor: malformed documents do not break Run", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  Document doc = BuildDoc({"[ORG Crusoe] has a pipeline of [POWER=4e10 40 GW].",
                           "[ORG Lambda] has a pipeline of [POWER=1e10 10 GW]."});
  const uint32_t size = static_cast<uint32_t>(doc.text.size());
  SECTION("spans past the end of the text") {
    EntityMention far = doc.entities[0];
    far.id = "far";
    far.span = {size + 10, size + 20};
    doc.entities.push_back(far);
    Quantity inverted = doc.quantities[0];
    inverted.span = {30, 5};
    doc.quantities.push_back(inverted);
    doc.sentences.push_back({size - 3, size + 50});
  }
  SECTION("sentences out of order and overlapping") {
    std::swap(doc.sentences[0], doc.sentences[1]);
    doc.sentences.push_back({0, size});
  }
  SECTION("invalid UTF-8 and token brackets in the text") {
    doc.text.replace(doc.text.find("has"), 3, "\xff\xfe\xe2");
  }
  SECTION("no sentences at all") { doc.sentences.clear(); }
  extractor->Run(&doc);
  for (const auto& r : doc.relations) {
    CHECK(r.span.end <= doc.text.size());
    CHECK(r.sentence_index >= 0);
    CHECK(static_cast<size_t>(r.sentence_index) < doc.sentences.size());
  }
  for (size_t i = 1; i < doc.entities.size(); ++i)
    CHECK_FALSE(doc.entities[i - 1].span.Overlaps(doc.entities[i].span));
}

TEST_CASE("extractor: Run is safe from several threads", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  Document doc = BuildDoc({"[ORG Meta] secures [POWER=1e9 1 GW] of compute from [ORG Crusoe].",
                           "[ORG Crusoe] has a pipeline of [POWER=4e10 40 GW]."});
  std::vector<std::string> expected = Facts(*extractor, doc);
  REQUIRE(expected.size() == 2);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) results[t] = Facts(*extractor, doc);
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) CHECK(r == expected);
}

TEST_CASE("extractor: the prefilter keeps results exact among many rules", "[relations][extractor]") {
  // 500 rules that differ in one verb; each sentence must match exactly its own.
  std::string rules;
  for (int i = 0; i < 500; ++i) {
    rules += "rule gen" + std::to_string(i) + "\n  predicate investment\n";
    rules += "  pattern {ORG:investor} verb" + std::to_string(i) + "s {MONEY:amount} in {ORG:target}\n";
    rules += "  + x\n  - y\n";
  }
  auto extractor = LoadClean(rules);
  CHECK(extractor->rule_count() == 500);
  for (int i : {0, 7, 123, 499}) {
    Document doc = BuildDoc({"[ORG SoftBank] verb" + std::to_string(i) +
                             "s [MONEY=1e10 $10 billion] in [ORG OpenAI]."});
    extractor->Run(&doc);
    REQUIRE(doc.relations.size() == 1);
    CHECK(doc.relations[0].rule == "gen" + std::to_string(i));
  }
  Document none = BuildDoc({"[ORG SoftBank] verb9999s [MONEY=1e10 $10 billion] in [ORG OpenAI]."});
  extractor->Run(&none);
  CHECK(none.relations.empty());
}

TEST_CASE("extractor: rule files", "[relations][extractor]") {
  SECTION("relations.rules is required") {
    DiagnosticSink sink;
    auto extractor = RelationExtractor::Create(RuleFiles(), &sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() == "relations.rules: error: missing rule file");
    REQUIRE(extractor);
    CHECK(extractor->rule_count() == 0);
    Document doc = BuildDoc({"[ORG Meta] secures [POWER=1e9 1 GW] of compute from [ORG Crusoe]."});
    extractor->Run(&doc);
    CHECK(doc.relations.empty());
  }
  SECTION("relations.NAME.rules files add rules and may use shared word lists") {
    RuleFiles files;
    files.Add("relations.rules", kRules);
    files.Add("relations.extra.rules",
              "rule ct.extra\n  predicate capacity_total\n"
              "  pattern {ORG:org} is {status:status} at {POWER:capacity}\n  + x\n  - y\n");
    files.Add("other.rules", "this is not a relation rule file\n");
    DiagnosticSink sink;
    auto extractor = RelationExtractor::Create(files, &sink);
    CHECK(sink.diagnostics().empty());
    CHECK(extractor->rule_count() == 5);
    CHECK(Facts(*extractor, BuildDoc({"[ORG Crusoe] is online at [POWER=1e9 1 GW]."})) ==
          std::vector<std::string>{"capacity_total(org: Crusoe, capacity: 1 GW, status: operational)"});
  }
  SECTION("a pattern too large for RE2 as a whole is reported at its rule") {
    std::string big;
    for (int i = 0; i < 4; ++i) big += " /\\pL{200}/";  // Each fits RE2's 8 MB; four do not.
    DiagnosticSink sink;
    auto extractor = Load(std::string(kRules) + "rule huge\n  predicate compute_deal\n"
                                                "  pattern {ORG:buyer}" + big + " {ORG:provider}\n"
                                                "  + x\n  - y\n",
                          &sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() ==
          "relations.rules:32: error: rule \"huge\": pattern does not compile: pattern too large - "
          "compile failed");
    CHECK(extractor->rule_count() == 4);
    for (const auto& ex : extractor->examples()) CHECK(ex.rule_id != "huge");
  }
  SECTION("errors keep the valid rules") {
    DiagnosticSink sink;
    auto extractor = Load(std::string(kRules) + "rule broken\n  predicate nothing\n", &sink);
    CHECK(sink.HasErrors());
    CHECK(extractor->rule_count() == 4);
  }
}

TEST_CASE("extractor: ExampleMismatch", "[relations][extractor]") {
  auto extractor = LoadClean(kRules);
  Document doc = BuildDoc({"[ORG Meta] secures [POWER=1e9 1 GW] of compute from [ORG Crusoe]."});
  extractor->Run(&doc);
  RuleExample ex;
  ex.rule_id = "cd.secures";
  ex.predicate = "compute_deal";
  CHECK(ExampleMismatch(ex, doc) == "");
  ex.expected = {{"buyer", "meta"}, {"provider", "Crusoe"}, {"capacity", "1 GW"}};
  CHECK(ExampleMismatch(ex, doc) == "");
  ex.expected = {{"buyer", "Crusoe"}};
  CHECK(ExampleMismatch(ex, doc) ==
        "example produces compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW), expected "
        "buyer: Crusoe");
  ex.expected = {{"value", "$1"}};
  CHECK_FALSE(ExampleMismatch(ex, doc).empty());
  ex.expected.clear();
  ex.positive = false;
  CHECK(ExampleMismatch(ex, doc) ==
        "negative example produces compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW) "
        "through rule cd.secures");
  ex.rule_id = "ct.status";
  ex.predicate = "capacity_total";
  CHECK(ExampleMismatch(ex, doc) == "");
  ex.positive = true;
  CHECK(ExampleMismatch(ex, doc) ==
        "example does not produce capacity_total through rule ct.status (found: "
        "compute_deal(buyer: Meta, provider: Crusoe, capacity: 1 GW) via cd.secures)");
}

}  // namespace
}  // namespace quarry
