// End-to-end tests of ingest with the shipped rules: a batch with broken files
// keeps every good article's facts, a second run changes nothing, a changed
// file replaces its old facts.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pipeline/ingest.h"
#include "pipeline/rule_set.h"
#include "ingest_test_util.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

const RuleSet& Rules() { return testing::ShippedRules(); }
using TempDir = testing::ScratchDir;

const char* kDealArticle =
    "Meta signs compute deal with Crusoe\n"
    "Meta Platforms has agreed to buy about 1.6 gigawatts of computing capacity from Crusoe, "
    "people familiar with the matter said.\n"
    "Related Articles\n"
    "Student Living raises $31 million in its IPO.\n";

const char* kCapexArticle =
    "Meta lifts spending plan\n"
    "Meta has pledged to invest at least $60 billion in AI infrastructure over the next few years.\n";

IngestOptions Options(const TempDir& dir) {
  IngestOptions options;
  options.paths = {dir.path.string()};
  options.jobs = 2;
  options.version = "test";
  return options;
}

bool HasPredicate(const std::vector<FactView>& facts, const std::string& predicate) {
  for (const auto& f : facts)
    if (f.predicate == predicate) return true;
  return false;
}

}  // namespace

TEST_CASE("a batch with broken files keeps every good article's facts", "[pipeline]") {
  TempDir dir("batch");
  dir.Write("a/deal.txt", kDealArticle);
  dir.Write("b/capex.md", kCapexArticle);
  dir.Write("b/binary.txt", std::string("\x7f" "ELF\0\0\0\x01garbage", 15));
  dir.Write("b/ignored.pdf", "not an article");
  dir.Write(".hidden/secret.txt", kDealArticle);
  auto store = OpenSqliteStore(":memory:", {});
  IngestSummary s = Ingest(Rules(), store.get(), Options(dir));
  CHECK(s.counts.files_seen == 3);
  CHECK(s.counts.files_new == 2);
  CHECK(s.counts.files_failed == 1);
  REQUIRE(s.failures.size() == 1);
  CHECK(s.failures[0].path == (dir.path / "b/binary.txt").string());
  auto facts = store->Facts({});
  CHECK(HasPredicate(facts, "compute_deal"));
  CHECK(HasPredicate(facts, "capex_plan"));
  // Nothing from under "Related Articles".
  for (const auto& f : facts)
    for (const auto& c : f.claims)
      for (const auto& src : c.sources) CHECK(src.sentence.find("$31 million") == std::string::npos);
}

TEST_CASE("a second ingest of the same folder changes nothing", "[pipeline]") {
  TempDir dir("twice");
  dir.Write("deal.txt", kDealArticle);
  dir.Write("capex.txt", kCapexArticle);
  auto store = OpenSqliteStore(":memory:", {});
  IngestSummary first = Ingest(Rules(), store.get(), Options(dir));
  CHECK(first.counts.files_new == 2);
  size_t facts = store->Facts({}).size();
  IngestSummary second = Ingest(Rules(), store.get(), Options(dir));
  CHECK(second.counts.files_unchanged == 2);
  CHECK(second.counts.files_new == 0);
  CHECK(second.counts.facts_new == 0);
  CHECK(store->Facts({}).size() == facts);
  CHECK(store->Runs().size() == 2);
}

TEST_CASE("a changed file replaces its facts", "[pipeline]") {
  TempDir dir("changed");
  dir.Write("news.txt", kDealArticle);
  auto store = OpenSqliteStore(":memory:", {});
  Ingest(Rules(), store.get(), Options(dir));
  REQUIRE(HasPredicate(store->Facts({}), "compute_deal"));
  dir.Write("news.txt", kCapexArticle);
  IngestSummary s = Ingest(Rules(), store.get(), Options(dir));
  CHECK(s.counts.files_changed == 1);
  auto facts = store->Facts({});
  CHECK_FALSE(HasPredicate(facts, "compute_deal"));
  CHECK(HasPredicate(facts, "capex_plan"));
}

TEST_CASE("the same result with one job and with several", "[pipeline]") {
  TempDir dir("jobs");
  for (int i = 0; i < 12; ++i)
    dir.Write("n" + std::to_string(i) + ".txt", i % 2 ? kDealArticle : kCapexArticle);
  auto one = OpenSqliteStore(":memory:", {});
  auto many = OpenSqliteStore(":memory:", {});
  IngestOptions options = Options(dir);
  options.jobs = 1;
  Ingest(Rules(), one.get(), options);
  options.jobs = 4;
  Ingest(Rules(), many.get(), options);
  std::vector<std::string> a, b;
  one->Export([&](const nlohmann::ordered_json& row) {
    if (row["table"] != "runs") a.push_back(row.dump());
  });
  many->Export([&](const nlohmann::ordered_json& row) {
    if (row["table"] != "runs") b.push_back(row.dump());
  });
  CHECK(a == b);
}

TEST_CASE("missing paths are failures, not crashes", "[pipeline]") {
  std::vector<FileFailure> failures;
  auto files = FindArticleFiles({"/nonexistent/quarry/path"}, false, &failures);
  CHECK(files.empty());
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].reason == "no such file or folder");
}

}  // namespace quarry
