// Tests ExplainArticle (src/pipeline/explain.cc) with the shipped rules over
// articles written for the test: every record names the rule behind each
// finding, and --rule traces say why a rule did not match.
#include "pipeline/explain.h"

#include <catch2/catch.hpp>

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

const RuleSet& Shipped() {
  static std::unique_ptr<RuleSet> rules = [] {
    DiagnosticSink sink;
    auto r = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
    REQUIRE(r != nullptr);
    return r;
  }();
  return *rules;
}

std::vector<Json> Explain(const std::string& text, ExplainOptions options = {}) {
  Document doc;
  doc.path = "test.txt";
  doc.raw = text;
  std::vector<Json> records;
  std::string error;
  REQUIRE(ExplainArticle(Shipped(), &doc, options, &records, &error));
  CHECK(error.empty());
  return records;
}

const char* kArticle =
    "Meta secures 1.6 gigawatts of AI compute from data center firm Crusoe.\n"
    "CoreWeave, which has 2.2 GW of contracted power, is racing to build.\n";

TEST_CASE("explain: one record for the article, one per sentence", "[explain]") {
  auto records = Explain(kArticle);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["type"] == "article");
  CHECK(records[0]["path"] == "test.txt");
  CHECK(records[0]["sentences"] == 2);
  CHECK(records[1]["type"] == "sentence");
  CHECK(records[1]["index"] == 0);
  CHECK(records[1]["text"] ==
        "Meta secures 1.6 gigawatts of AI compute from data center firm Crusoe.");
  CHECK(records[2]["index"] == 1);
}

TEST_CASE("explain: entities and quantities with the rule that found each", "[explain]") {
  const Json s = Explain(kArticle)[1];
  REQUIRE(s["entities"].size() == 2);
  CHECK(s["entities"][0]["text"] == "Meta");
  CHECK(s["entities"][0]["id"] == "meta");
  CHECK(s["entities"][0]["source"] == "gazetteer");
  CHECK(s["entities"][0]["rule"] == "meta");
  CHECK(s["entities"][1]["id"] == "crusoe");
  REQUIRE(s["quantities"].size() == 1);
  CHECK(s["quantities"][0]["text"] == "1.6 gigawatts");
  CHECK(s["quantities"][0]["value"] == 1600000000);
  CHECK(s["quantities"][0]["rule"] == "GW");
  CHECK(s["typed"] == "\xE2\x9F\xA8ORG\xE2\x9F\xA9 secures \xE2\x9F\xA8POWER\xE2\x9F\xA9 of AI "
                      "compute from data center firm \xE2\x9F\xA8ORG\xE2\x9F\xA9.");
}

TEST_CASE("explain: a name no gazetteer entry knows comes from a pattern", "[explain]") {
  const Json s = Explain("Quillon Compute Inc. signed a lease in Reno.\n")[1];
  bool found = false;
  for (const auto& e : s["entities"]) {
    if (e["source"] != "pattern") continue;
    found = true;
    CHECK(e["id"].get<std::string>().rfind("org:", 0) == 0);
    CHECK(e["confidence"].get<double>() < 1.0);
    CHECK_FALSE(e["rule"].get<std::string>().empty());
  }
  CHECK(found);
}

TEST_CASE("explain: relation rules that matched, with roles and whether kept", "[explain]") {
  const Json s = Explain(kArticle)[2];
  REQUIRE(s["relations"].size() >= 1);
  const Json& r = s["relations"][0];
  CHECK(r["rule"] == "capacity_total.amount-of-status");
  CHECK(r["predicate"] == "capacity_total");
  CHECK(r["args"]["org"] == "CoreWeave");
  CHECK(r["args"]["status"] == "contracted");
  CHECK(r["args"]["capacity"]["value"] == 2200000000);
  CHECK(r["args"]["capacity"]["text"] == "2.2 GW");
  CHECK(r["kept"] == true);
  CHECK(r["summary"] == "capacity_total(org: CoreWeave, capacity: 2.2 GW, status: contracted)");
}

TEST_CASE("explain --rule: why a rule did not match each sentence", "[explain]") {
  ExplainOptions options;
  options.rule_id = "capacity_total.amount-of-status";
  auto records = Explain(kArticle, options);
  const Json& miss = records[1]["trace"];
  CHECK(miss["status"] == "no_match");
  CHECK(miss["rule"] == "capacity_total.amount-of-status");
  CHECK(miss["elements_matched"] == 4);
  CHECK(miss["partial"] == "\xE2\x9F\xA8ORG\xE2\x9F\xA9 secures \xE2\x9F\xA8POWER\xE2\x9F\xA9 of");
  CHECK(miss["failed_at"] == "{status:status}");
  const Json& hit = records[2]["trace"];
  CHECK(hit["status"] == "fact");
  CHECK(hit["facts"].size() == 1);
}

TEST_CASE("explain: the lines dropped as boilerplate, with the rule of each", "[explain]") {
  const Json article = Explain(
      "Skip to content\n"
      "Meta secures 1.6 gigawatts of AI compute from data center firm Crusoe.\n")[0];
  CHECK(article["boilerplate_bytes"] == 16);
  REQUIRE(article["boilerplate"].size() == 1);
  CHECK(article["boilerplate"][0]["line"] == "Skip to content");
  std::string rule = article["boilerplate"][0]["rule"];
  CHECK(rule.rfind(QUARRY_SOURCE_DIR "/rules/boilerplate.rules:", 0) == 0);
  CHECK(Explain(kArticle)[0]["boilerplate"].empty());
}

TEST_CASE("explain --sentence keeps one sentence", "[explain]") {
  ExplainOptions options;
  options.sentence_index = 1;
  auto records = Explain(kArticle, options);
  REQUIRE(records.size() == 2);
  CHECK(records[1]["index"] == 1);
}

TEST_CASE("explain: errors", "[explain]") {
  struct Case {
    std::string raw;
    ExplainOptions options;
    std::string error;
  };
  ExplainOptions none, unknown_rule, far_sentence;
  unknown_rule.rule_id = "no.such.rule";
  far_sentence.sentence_index = 9;
  std::vector<Case> cases = {
      {"", none, "empty file"},
      {kArticle, unknown_rule, "no rule \"no.such.rule\" in the relation rules"},
      {kArticle, far_sentence, "no sentence 9 (the article has 2)"},
  };
  for (const auto& c : cases) {
    Document doc;
    doc.raw = c.raw;
    std::vector<Json> records;
    std::string error;
    CHECK_FALSE(ExplainArticle(Shipped(), &doc, c.options, &records, &error));
    CHECK(error == c.error);
    CHECK(records.empty());
  }
}

}  // namespace
}  // namespace quarry
