// Tests that the shipped rules/relations.rules loads cleanly and keeps the
// promises of issue 4: every predicate has rules for at least three
// phrasings, and every rule has a positive and a negative example.
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "relations/relation_extractor.h"
#include "relations/rule_file.h"

namespace quarry {
namespace {

std::string ReadShipped() {
  std::ifstream in(QUARRY_SOURCE_DIR "/rules/relations.rules", std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("shipped rules: relations.rules loads without errors or warnings", "[relations][shipped]") {
  std::string content = ReadShipped();
  REQUIRE_FALSE(content.empty());
  DiagnosticSink sink;
  RelationRuleSet rules = ParseRelationRules({{"rules/relations.rules", content}}, &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  CHECK(sink.diagnostics().empty());

  std::map<std::string, int> per_predicate;
  for (const auto& rule : rules.rules) ++per_predicate[std::string(rule.predicate->name)];
  for (const auto& predicate : Predicates()) {
    INFO(predicate.name);
    CHECK(per_predicate[std::string(predicate.name)] >= 3);
  }
  for (const auto& rule : rules.rules) {
    INFO(rule.id);
    int positive = 0, negative = 0;
    for (const auto& ex : rules.examples) {
      if (ex.rule_id != rule.id) continue;
      (ex.positive ? positive : negative)++;
      if (ex.positive) CHECK_FALSE(ex.expected.empty());
    }
    CHECK(positive >= 1);
    CHECK(negative >= 1);
  }
}

TEST_CASE("shipped rules: the extractor loads them from a rules folder", "[relations][shipped]") {
  DiagnosticSink sink;
  RuleFiles files = RuleFiles::ReadDirectory(QUARRY_SOURCE_DIR "/rules", &sink);
  auto extractor = RelationExtractor::Create(files, &sink);
  bool relation_errors = false;
  for (const auto& d : sink.diagnostics()) {
    if (d.file.find("relations") == std::string::npos) continue;
    UNSCOPED_INFO(d.ToString());
    relation_errors = true;
  }
  CHECK_FALSE(relation_errors);
  CHECK(extractor->rule_count() >= 30);
  CHECK(extractor->examples().size() >= 2 * extractor->rule_count());
}

}  // namespace
}  // namespace quarry
