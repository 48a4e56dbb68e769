// The sample corpus must exercise every predicate of the output contract in
// at least two phrasings (two different relation rules), so that the golden
// test guards more than one way of saying each kind of fact. This reads the
// corpus with the shipped rules and counts the rules behind each predicate.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "pipeline/extract.h"
#include "pipeline/ingest.h"
#include "pipeline/rule_set.h"

namespace quarry {
namespace {

TEST_CASE("the corpus states every predicate in at least two phrasings", "[pipeline][corpus]") {
  DiagnosticSink sink;
  auto rules = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  REQUIRE(rules != nullptr);

  std::vector<FileFailure> failures;
  std::vector<std::string> files =
      FindArticleFiles({QUARRY_SOURCE_DIR "/corpus"}, false, &failures);
  CHECK(failures.empty());
  REQUIRE(files.size() >= 18);

  std::map<std::string, std::set<std::string>> rules_of;  // predicate -> rule ids
  for (const std::string& path : files) {
    Document doc;
    std::string error;
    INFO(path);
    REQUIRE(ReadArticle(path, kDefaultMaxFileSize, &doc, &error));
    REQUIRE(ExtractArticle(*rules, &doc, &error));
    for (const RelationMention& r : doc.relations) rules_of[r.predicate].insert(r.rule);
  }
  for (const char* predicate :
       {"compute_deal", "investment", "funding_round", "acquisition", "facility", "capacity_total",
        "capex_plan", "valuation", "person_move", "partnership"}) {
    INFO(predicate);
    CHECK(rules_of[predicate].size() >= 2);
  }
}

}  // namespace
}  // namespace quarry
