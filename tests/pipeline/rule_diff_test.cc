// Tests DiffRuleSets and the stage bookkeeping of src/pipeline/rule_diff.cc:
// identical rules change nothing; an edited rule's facts are gained or lost
// under its id; only stages from the first changed one rerun.
#include "pipeline/rule_diff.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quarry {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A copy of the shipped rules in a fresh folder, for editing.
struct RulesCopy {
  fs::path dir;
  explicit RulesCopy(const std::string& name) {
    dir = fs::temp_directory_path() / ("quarry_rule_diff_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& entry : fs::directory_iterator(QUARRY_SOURCE_DIR "/rules"))
      if (entry.path().extension() == ".rules") fs::copy_file(entry.path(), dir / entry.path().filename());
  }
  ~RulesCopy() { fs::remove_all(dir); }
  // Replaces the first `from` in `file` by `to`; fails the test when absent.
  void Edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = ReadText(dir / file);
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    WriteText(dir / file, text);
  }
  std::unique_ptr<RuleSet> Load() const {
    DiagnosticSink sink;
    auto rules = LoadRuleSet(dir.string(), &sink);
    for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
    REQUIRE(rules != nullptr);
    return rules;
  }
};

std::unique_ptr<RuleSet> Shipped() {
  DiagnosticSink sink;
  auto rules = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
  REQUIRE(rules != nullptr);
  return rules;
}

std::vector<std::string> CorpusFiles() {
  std::vector<FileFailure> failures;
  auto files = FindArticleFiles({QUARRY_SOURCE_DIR "/corpus"}, false, &failures);
  REQUIRE(failures.empty());
  REQUIRE(files.size() > 10);
  return files;
}

TEST_CASE("StageOfRuleFile: each rule file belongs to the stage that reads it", "[diff]") {
  struct Case {
    const char* name;
    Stage stage;
  };
  for (const Case& c : std::vector<Case>{{"boilerplate.rules", Stage::kNormalize},
                                         {"abbreviations.rules", Stage::kSegment},
                                         {"gazetteer.rules", Stage::kEntities},
                                         {"entity_patterns.rules", Stage::kEntities},
                                         {"units.rules", Stage::kQuantities},
                                         {"numbers.rules", Stage::kQuantities},
                                         {"qualifiers.rules", Stage::kQuantities},
                                         {"relations.rules", Stage::kRelations},
                                         {"relations.extra.rules", Stage::kRelations},
                                         {"unknown.rules", Stage::kNormalize}}) {
    INFO(c.name);
    CHECK(StageOfRuleFile(c.name) == c.stage);
  }
}

TEST_CASE("FirstChangedStage: the earliest stage whose files differ", "[diff]") {
  RuleFiles a, b;
  a.Add("units.rules", "x");
  a.Add("relations.rules", "y");
  b = a;
  CHECK(FirstChangedStage(a, b) == Stage::kNone);
  b.Add("relations.rules", "y2");
  CHECK(FirstChangedStage(a, b) == Stage::kRelations);
  b.Add("units.rules", "x2");
  CHECK(FirstChangedStage(a, b) == Stage::kQuantities);
  b.Add("gazetteer.rules", "new file");
  CHECK(FirstChangedStage(a, b) == Stage::kEntities);
  CHECK(FirstChangedStage(b, a) == Stage::kEntities);
  CHECK(std::string(StageName(Stage::kEntities)) == "entities");
}

TEST_CASE("diff of the shipped rules with themselves over the corpus: no change", "[diff]") {
  auto before = Shipped();
  auto after = Shipped();
  RuleDiff diff = DiffRuleSets(*before, *after, CorpusFiles(), 2);
  CHECK(diff.changes.empty());
  CHECK(diff.rerun_from == Stage::kNone);
  CHECK(diff.failures.empty());
  CHECK(diff.articles == static_cast<int>(CorpusFiles().size()));
  CHECK(diff.facts_before == diff.facts_after);
  CHECK(diff.facts_before > 20);
}

TEST_CASE("diff: a narrowed relation rule loses its facts, under its id", "[diff]") {
  auto before = Shipped();
  RulesCopy copy("narrowed");
  copy.Edit("relations.rules", "{POWER:capacity} of {status:status} (capacity|power)",
            "{POWER:capacity} of {status:status} power");
  auto after = copy.Load();
  RuleDiff diff = DiffRuleSets(*before, *after, CorpusFiles(), 2);
  CHECK(diff.rerun_from == Stage::kRelations);
  REQUIRE_FALSE(diff.changes.empty());
  for (const auto& c : diff.changes) {
    CHECK(c.kind == FactChange::Kind::kLost);
    CHECK(c.rule() == "capacity_total.amount-of-status");
    CHECK(c.before.predicate == "capacity_total");
    CHECK(c.before.sentence.find("capacity") != std::string::npos);
    CHECK(c.after.rule.empty());
  }
  CHECK(diff.facts_after == diff.facts_before - static_cast<int>(diff.changes.size()));

  // And the other way round: the same facts are gained.
  RuleDiff back = DiffRuleSets(*after, *before, CorpusFiles(), 1);
  REQUIRE(back.changes.size() == diff.changes.size());
  for (const auto& c : back.changes) CHECK(c.kind == FactChange::Kind::kGained);
}

TEST_CASE("diff: a new gazetteer entry changes a fact's argument", "[diff]") {
  fs::path corpus = fs::temp_directory_path() / ("quarry_rule_diff_corpus_" + std::to_string(getpid()));
  fs::create_directories(corpus);
  WriteText(corpus / "a.txt",
            "Meta secures 1.6 gigawatts of AI compute from data center firm Brightwater Compute.\n");
  auto before = Shipped();
  RulesCopy copy("gazetteer");
  copy.Edit("gazetteer.rules", "\n[crusoe] ORG",
            "\n[brightwater] ORG \"Brightwater Compute\"\ntags: gpu_cloud\n\n[crusoe] ORG");
  DiagnosticSink sink;
  auto after = LoadRuleSet(copy.dir.string(), &sink);
  for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(d.ToString());
  if (after) {
    RuleDiff diff = DiffRuleSets(*before, *after, {(corpus / "a.txt").string()}, 1);
    CHECK(diff.rerun_from == Stage::kEntities);
    // Found by a name pattern before (changed: another entity id) or not at
    // all (gained): either way the fact now names the gazetteer entry.
    REQUIRE(diff.changes.size() == 1);
    const FactChange& c = diff.changes[0];
    CHECK(c.kind != FactChange::Kind::kLost);
    CHECK(c.after.predicate == "compute_deal");
    CHECK(c.after.args.find("Brightwater Compute") != std::string::npos);
    CHECK(c.after.key.find("provider=brightwater") != std::string::npos);
  }
  fs::remove_all(corpus);
  CHECK(after != nullptr);
}

TEST_CASE("diff: an unreadable article is a failure, not a change", "[diff]") {
  auto rules = Shipped();
  RuleDiff diff = DiffRuleSets(*rules, *rules, {"/nonexistent/article.txt"}, 1);
  CHECK(diff.changes.empty());
  REQUIRE(diff.failures.size() == 1);
  CHECK(diff.failures[0].path == "/nonexistent/article.txt");
  CHECK(diff.failures[0].reason.rfind("cannot open", 0) == 0);
}

}  // namespace
}  // namespace quarry
