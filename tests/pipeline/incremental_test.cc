// Incremental ingest with the shipped rules: --prune, --reprocess, results
// that do not depend on file order, runs or interruptions, atomic
// replacement of a changed file, files that vanish mid-run, and paths with
// spaces, newlines and bytes that are not UTF-8.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/ingest.h"
#include "pipeline/report.h"
#include "ingest_test_util.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using testing::ScratchDir;
using testing::ShippedRules;

const char* kDeal =
    "Meta signs compute deal with Crusoe\n"
    "Meta Platforms has agreed to buy about 1.6 gigawatts of computing capacity from Crusoe, "
    "people familiar with the matter said.\n";
const char* kCapex =
    "Meta lifts spending plan\n"
    "Meta has pledged to invest at least $60 billion in AI infrastructure over the next few "
    "years.\n";

IngestOptions Options(const std::vector<std::string>& paths) {
  IngestOptions options;
  options.paths = paths;
  options.jobs = 2;
  options.version = "test";
  return options;
}

// What the database says, without the row ids (they depend on the order of
// writes) or the runs: every fact as `quarry facts --format jsonl` prints it,
// every article with its hash, rules and near-duplicate (by path), every
// entity, mention and quantity.
std::string Canonical(FactStore* store) {
  std::vector<std::string> lines;
  for (const FactView& f : store->Facts({})) {
    Json j = FactToJson(f);
    j.erase("id");
    lines.push_back(j.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  std::map<int64_t, std::string> paths;
  std::vector<Json> rows;
  store->Export([&](const Json& row) {
    if (row["table"] == "articles") paths[row["id"].get<int64_t>()] = row["path"];
    rows.push_back(row);
  });
  for (Json row : rows) {
    std::string table = row["table"];
    if (table == "runs" || table == "failures") continue;
    // mtime_ns: a file rewritten with its old bytes keeps its facts, not its mtime.
    for (const char* key : {"id", "run_id", "claim_id", "fact_id", "mtime_ns"}) row.erase(key);
    for (const char* key : {"article_id", "duplicate_of"}) {
      if (row.contains(key) && !row[key].is_null()) row[key] = paths[row[key].get<int64_t>()];
    }
    if (table == "claims" || table == "claim_sources" || table == "fact_entities") continue;
    lines.push_back(row.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The lines only one side has, marked "-" (only in `expected`) or "+":
// empty when both are equal, and a readable message when not.
std::string LineDiff(const std::string& expected, const std::string& actual) {
  auto lines = [](const std::string& text) {
    std::multiset<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.insert(line);
    return out;
  };
  auto a = lines(expected), b = lines(actual);
  std::string diff;
  for (const auto& l : a)
    if (a.count(l) != b.count(l)) diff += "- " + l + "\n";
  for (const auto& l : b)
    if (a.count(l) != b.count(l)) diff += "+ " + l + "\n";
  return diff;
}

bool HasPredicate(FactStore* store, const std::string& predicate) {
  for (const auto& f : store->Facts({}))
    if (f.predicate == predicate) return true;
  return false;
}

// The corpus of the checkout, copied so that tests can change it.
void CopyCorpus(const ScratchDir& dir) {
  for (const auto& entry : fs::directory_iterator(QUARRY_SOURCE_DIR "/corpus"))
    fs::copy_file(entry.path(), dir.path / entry.path().filename());
}

std::vector<std::string> CorpusFiles(const ScratchDir& dir) {
  std::vector<FileFailure> failures;
  auto files = FindArticleFiles({dir.path.string()}, false, &failures);
  REQUIRE(failures.empty());
  return files;
}

}  // namespace

TEST_CASE("the facts do not depend on file order, runs or changes undone", "[pipeline][order]") {
  ScratchDir dir("order");
  CopyCorpus(dir);
  std::vector<std::string> files = CorpusFiles(dir);
  REQUIRE(files.size() >= 10);

  auto one = OpenSqliteStore(":memory:", {});
  Ingest(ShippedRules(), one.get(), Options({dir.path.string()}));
  std::string expected = Canonical(one.get());
  REQUIRE(one->Facts({}).size() >= 10);

  SECTION("one run per file, in reverse order") {
    auto store = OpenSqliteStore(":memory:", {});
    for (auto it = files.rbegin(); it != files.rend(); ++it)
      Ingest(ShippedRules(), store.get(), Options({*it}));
    CHECK(store->Runs().size() == files.size());
    CHECK(LineDiff(expected, Canonical(store.get())) == "");
  }
  SECTION("odd files, then even ones, then all (as after an interruption)") {
    auto store = OpenSqliteStore(":memory:", {});
    std::vector<std::string> odd, even;
    for (size_t i = 0; i < files.size(); ++i) (i % 2 ? odd : even).push_back(files[i]);
    Ingest(ShippedRules(), store.get(), Options(odd));
    Ingest(ShippedRules(), store.get(), Options({even.back()}));
    IngestSummary last = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
    CHECK(last.counts.files_unchanged == static_cast<int>(odd.size()) + 1);
    CHECK(LineDiff(expected, Canonical(store.get())) == "");
  }
  SECTION("every file changed, then changed back") {
    auto store = OpenSqliteStore(":memory:", {});
    Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
    std::map<std::string, std::string> saved;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      saved[f] = content.str();
    }
    // Each file states something else: the deal article's text.
    for (const auto& f : files) std::ofstream(f, std::ios::binary) << kDeal;
    IngestSummary changed = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
    CHECK(changed.counts.files_changed == static_cast<int>(files.size()));
    CHECK(Canonical(store.get()) != expected);
    for (const auto& [f, content] : saved) std::ofstream(f, std::ios::binary) << content;
    IngestSummary back = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
    CHECK(back.counts.files_changed == static_cast<int>(files.size()));
    CHECK(LineDiff(expected, Canonical(store.get())) == "");
  }
}

TEST_CASE("--prune removes the articles whose file is gone", "[pipeline][prune]") {
  ScratchDir dir("prune");
  dir.Write("deal.txt", kDeal);
  dir.Write("sub/capex.txt", kCapex);
  auto store = OpenSqliteStore(":memory:", {});
  Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
  REQUIRE(HasPredicate(store.get(), "compute_deal"));
  REQUIRE(HasPredicate(store.get(), "capex_plan"));

  fs::remove(dir.path / "deal.txt");
  // Without --prune the facts of a vanished file stay.
  IngestSummary plain = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
  CHECK(plain.counts.files_pruned == 0);
  CHECK(HasPredicate(store.get(), "compute_deal"));

  // A root that does not exist, or another folder, prunes nothing.
  ScratchDir other("prune_other");
  other.Write("x.txt", kCapex);
  for (const std::string& root : {(dir.path / "missing").string(), other.path.string()}) {
    IngestOptions options = Options({root});
    options.prune = true;
    CHECK(Ingest(ShippedRules(), store.get(), options).counts.files_pruned == 0);
    CHECK(HasPredicate(store.get(), "compute_deal"));
  }

  IngestOptions options = Options({dir.path.string()});
  options.prune = true;
  IngestSummary pruned = Ingest(ShippedRules(), store.get(), options);
  CHECK(pruned.counts.files_pruned == 1);
  CHECK(pruned.counts.facts_retracted >= 1);
  CHECK_FALSE(HasPredicate(store.get(), "compute_deal"));
  CHECK(HasPredicate(store.get(), "capex_plan"));
  CHECK_FALSE(store->FindArticle((dir.path / "deal.txt").string()).has_value());
  const RunView run = store->Runs().back();  // A copy: Runs() returns a temporary.
  CHECK(run.counts.files_pruned == 1);
  CHECK(run.counts.facts_retracted == pruned.counts.facts_retracted);

  // A root that holds no article file at all (an unmounted disk) is left alone.
  fs::remove(dir.path / "sub/capex.txt");
  CHECK(Ingest(ShippedRules(), store.get(), options).counts.files_pruned == 0);
  CHECK(HasPredicate(store.get(), "capex_plan"));
}

TEST_CASE("--reprocess re-extracts stored articles without their files", "[pipeline][reprocess]") {
  ScratchDir dir("reprocess");
  dir.Write("deal.txt", kDeal);
  dir.Write("capex.txt", kCapex);
  auto store = OpenSqliteStore(":memory:", {});
  Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
  std::string before = Canonical(store.get());
  fs::remove_all(dir.path);  // The originals are gone.

  IngestOptions options = Options({});
  options.reprocess = IngestOptions::Reprocess::kStale;
  IngestSummary same_rules = Ingest(ShippedRules(), store.get(), options);
  CHECK(same_rules.counts.files_reprocessed == 0);  // Already extracted with these rules.
  CHECK(same_rules.failures.empty());

  // New rules (here: the same files under another hash) re-extract everything.
  DiagnosticSink sink;
  auto changed = LoadRuleSet(QUARRY_SOURCE_DIR "/rules", &sink);
  REQUIRE(changed != nullptr);
  changed->hash = "rules-edited";
  IngestSummary s = Ingest(*changed, store.get(), options);
  CHECK(s.counts.files_reprocessed == 2);
  CHECK(s.counts.files_failed == 0);
  CHECK(store->Runs().back().rules_hash == "rules-edited");
  CHECK(store->Runs().back().counts.files_reprocessed == 2);
  for (const auto& a : store->Articles()) CHECK(a.rules_hash == "rules-edited");
  // Same extraction, same facts; only the rules hash moved.
  std::string after = Canonical(store.get());
  CHECK(after.find(ShippedRules().hash) == std::string::npos);
  std::string restored = after;
  for (size_t at; (at = restored.find("rules-edited")) != std::string::npos;)
    restored.replace(at, 12, ShippedRules().hash);
  CHECK(restored == before);

  // Interrupted and resumed, or run twice: what is done is not done again.
  CHECK(Ingest(*changed, store.get(), options).counts.files_reprocessed == 0);
  options.reprocess = IngestOptions::Reprocess::kAll;
  CHECK(Ingest(*changed, store.get(), options).counts.files_reprocessed == 2);
}

TEST_CASE("a changed file replaces its old sources atomically", "[pipeline][atomic]") {
  ScratchDir dir("atomic");
  dir.Write("news.txt", kDeal);
  std::string db = (dir.path / "quarry.db").string();
  auto store = OpenSqliteStore(db, {});
  Ingest(ShippedRules(), store.get(), Options({(dir.path / "news.txt").string()}));
  std::string before = Canonical(store.get());
  REQUIRE(HasPredicate(store.get(), "compute_deal"));
  {
    // The write of the new version fails half-way through: after its old
    // sources were deleted, at its first new claim source.
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("CREATE TRIGGER fail_midway BEFORE INSERT ON claim_sources "
             "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  }
  dir.Write("news.txt", kCapex);
  IngestSummary failed = Ingest(ShippedRules(), store.get(), Options({(dir.path / "news.txt").string()}));
  CHECK(failed.counts.files_failed == 1);
  REQUIRE(failed.failures.size() == 1);
  CHECK(failed.failures[0].reason.find("disk on fire") != std::string::npos);
  CHECK(Canonical(store.get()) == before);  // All of the old version, none of the new.
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER fail_midway");
  }
  IngestSummary ok = Ingest(ShippedRules(), store.get(), Options({(dir.path / "news.txt").string()}));
  CHECK(ok.counts.files_changed == 1);
  CHECK_FALSE(HasPredicate(store.get(), "compute_deal"));
  CHECK(HasPredicate(store.get(), "capex_plan"));
}

TEST_CASE("a file that vanishes mid-run is a recorded failure", "[pipeline][vanish]") {
  ScratchDir dir("vanish");
  dir.Write("a.txt", kDeal);
  dir.Write("b.txt", kCapex);
  std::string db = (dir.path / "quarry.db").string();
  auto store = OpenSqliteStore(db, {});
  IngestOptions options = Options({dir.path.string()});
  std::string victim = (dir.path / "a.txt").string();
  options.before_read = [&](const std::string& path) {
    if (path == victim) fs::remove(path);  // After the walk, before the read.
  };
  IngestSummary s = Ingest(ShippedRules(), store.get(), options);
  CHECK(s.counts.files_seen == 2);
  CHECK(s.counts.files_new == 1);
  CHECK(s.counts.files_failed == 1);
  REQUIRE(s.failures.size() == 1);
  CHECK(s.failures[0].path == victim);
  CHECK(s.failures[0].reason == "vanished or unreadable before it could be read");
  CHECK(HasPredicate(store.get(), "capex_plan"));
  SQLite::Database raw(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, "SELECT path, reason FROM failures");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getString() == victim);
  CHECK(q.getColumn(1).getString() == "vanished or unreadable before it could be read");
  CHECK_FALSE(q.executeStep());
}

TEST_CASE("paths with spaces, newlines and non-UTF-8 bytes work end to end", "[pipeline][paths]") {
  ScratchDir dir("paths");
  const std::vector<std::string> names = {"with space/deal one.txt", "new\nline.txt",
                                          "latin1 caf\xE9.txt", "bad \xFF\xFE bytes/x.md"};
  for (const auto& n : names) dir.Write(n, kDeal);
  dir.Write("plain.txt", kCapex);
  auto store = OpenSqliteStore(":memory:", {});
  IngestSummary s = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
  CHECK(s.counts.files_new == 5);
  CHECK(s.failures.empty());
  std::set<std::string> sources;
  for (const auto& f : store->Facts({}))
    for (const auto& c : f.claims)
      for (const auto& src : c.sources) sources.insert(src.article);
  for (const auto& n : names) CHECK(sources.count((dir.path / n).string()) == 1);
  // A second run finds every one unchanged (the stored paths are the bytes).
  IngestSummary again = Ingest(ShippedRules(), store.get(), Options({dir.path.string()}));
  CHECK(again.counts.files_unchanged == 5);
  // They print as JSON (bytes that are not UTF-8 become U+FFFD).
  CHECK(Canonical(store.get()).find("caf\xEF\xBF\xBD.txt") != std::string::npos);
  // And --prune removes them by their exact bytes.
  for (const auto& n : names) fs::remove(dir.path / n);
  IngestOptions options = Options({dir.path.string()});
  options.prune = true;
  CHECK(Ingest(ShippedRules(), store.get(), options).counts.files_pruned == 4);
  CHECK_FALSE(HasPredicate(store.get(), "compute_deal"));
}

}  // namespace quarry
