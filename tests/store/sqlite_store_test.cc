// Tests of the SQLite FactStore: facts once with every source, conflicts,
// replacement of a changed article, near-duplicates, runs, schema versions.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "store/fact_store.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

Json Entity(const char* id, const char* name) { return Json{{"id", id}, {"name", name}}; }
Json Power(double v) { return Json{{"dimension", "power"}, {"value", v}, {"unit", "W"}}; }

Claim DealClaim(double watts, const char* sentence) {
  Claim c;
  c.predicate = "compute_deal";
  c.fact_key = "compute_deal|buyer=meta|provider=crusoe";
  c.args = {{"buyer", Entity("meta", "Meta Platforms")},
            {"provider", Entity("crusoe", "Crusoe")}};
  if (watts > 0) c.args["capacity"] = Power(watts);
  ClaimSource s;
  s.rule = "deal.test";
  s.sentence = sentence;
  s.span = {0, 10};
  c.sources.push_back(s);
  return c;
}

struct Article {
  Document doc;
  ArticleRecord record;
  Article(std::string path, std::string text, std::vector<Claim> claims, uint64_t simhash) {
    doc.path = std::move(path);
    doc.raw = text;
    doc.text = std::move(text);
    doc.content_hash = "hash-" + doc.text;
    EntityMention meta;
    meta.id = "meta";
    meta.name = "Meta Platforms";
    meta.entity_class = "ORG";
    meta.text = "Meta";
    meta.span = {0, 4};
    doc.entities.push_back(meta);
    record.doc = &doc;
    record.claims = std::move(claims);
    record.simhash = simhash;
    record.rules_hash = "rules";
  }
};

std::string TempDb(const char* name) {
  auto path = std::filesystem::temp_directory_path() /
              (std::string("quarry_store_test_") + std::to_string(::getpid()) + "_" + name + ".db");
  std::filesystem::remove(path);
  return path.string();
}

}  // namespace

TEST_CASE("the same fact from two articles is one fact with two sources", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  Article a("/c/a.txt", "Meta buys 1.6 GW from Crusoe.", {DealClaim(1.6e9, "Meta buys 1.6 GW.")}, 1);
  Article b("/c/b.txt", "Meta buys 1,600 MW from Crusoe.", {DealClaim(1600e6, "Meta buys 1,600 MW.")},
            0xFFFF0000FFFF0000ull);
  WriteResult ra = store->WriteArticle(run, a.record);
  WriteResult rb = store->WriteArticle(run, b.record);
  CHECK(ra.facts_new == 1);
  CHECK(rb.facts_new == 0);
  CHECK(rb.facts_merged == 1);
  auto facts = store->Facts({});
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].source_count == 2);
  CHECK(facts[0].independent_sources == 2);
  CHECK_FALSE(facts[0].conflict);
  REQUIRE(facts[0].claims.size() == 1);
  CHECK(facts[0].claims[0].sources.size() == 2);
  CHECK(facts[0].confidence > 0.9);
}

TEST_CASE("conflicting values stay two claims of one fact", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  Article a("/c/a.txt", "a", {DealClaim(1.6e9, "1.6 GW")}, 1);
  Article b("/c/b.txt", "b", {DealClaim(2e9, "2 GW")}, 0xFFFF0000FFFF0000ull);
  Article c("/c/c.txt", "c", {DealClaim(0, "no figure")}, 0x0000FFFF0000FFFFull);
  store->WriteArticle(run, a.record);
  store->WriteArticle(run, b.record);
  store->WriteArticle(run, c.record);
  auto facts = store->Facts({});
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].conflict);
  REQUIRE(facts[0].claims.size() == 2);
  CHECK(facts[0].source_count == 3);
  // The claim without a figure supports the best-supported compatible claim.
  CHECK(facts[0].claims[0].sources.size() == 2);
}

TEST_CASE("a changed article replaces its old sources; a fact with none left goes", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  Article first("/c/a.txt", "v1", {DealClaim(1.6e9, "1.6 GW")}, 1);
  store->WriteArticle(run, first.record);
  Article second("/c/a.txt", "v2", {}, 1);
  WriteResult r = store->WriteArticle(run, second.record);
  CHECK(r.facts_retracted == 1);
  CHECK(store->Facts({}).empty());
  auto stored = store->FindArticle("/c/a.txt");
  REQUIRE(stored);
  CHECK(stored->content_hash == "hash-v2");
}

TEST_CASE("near-identical articles count as one independent source", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  Article a("/c/a.txt", "a", {DealClaim(1.6e9, "x")}, 0x123456789ABCDEF0ull);
  Article b("/c/b.txt", "b", {DealClaim(1.6e9, "x")}, 0x123456789ABCDEF3ull);  // 2 bits apart.
  store->WriteArticle(run, a.record);
  WriteResult r = store->WriteArticle(run, b.record);
  CHECK(r.duplicate_of != 0);
  auto facts = store->Facts({});
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].source_count == 2);
  CHECK(facts[0].independent_sources == 1);
}

TEST_CASE("near-duplicates are found when every 16-bit band differs", "[store]") {
  // Table: bits flipped in the second hash; within 6 bits is a duplicate
  // however the bits fall across the four bands.
  struct Case {
    uint64_t flipped;
    bool duplicate;
  };
  const uint64_t base = 0x123456789ABCDEF0ull;
  const Case cases[] = {
      {0x0001000100010001ull, true},   // One bit in each band.
      {0x0003000300010001ull, true},   // 2 + 2 + 1 + 1 = 6 bits.
      {0x0003000300030001ull, false},  // 7 bits.
      {0x0000000000000000ull, true},   // Identical.
  };
  for (const Case& c : cases) {
    auto store = OpenSqliteStore(":memory:", {});
    int64_t run = store->BeginRun({"test", "rules", "test"});
    Article a("/c/a.txt", "a", {DealClaim(1.6e9, "x")}, base);
    Article b("/c/b.txt", "b", {DealClaim(1.6e9, "x")}, base ^ c.flipped);
    store->WriteArticle(run, a.record);
    CHECK((store->WriteArticle(run, b.record).duplicate_of != 0) == c.duplicate);
  }
}

TEST_CASE("a write batch commits its articles together, or none of them", "[store][batch]") {
  std::string path = TempDb("batch");
  {
    auto store = OpenSqliteStore(path, {});
    int64_t run = store->BeginRun({"test", "rules", "test"});
    Article a("/c/a.txt", "Meta buys 1.6 GW from Crusoe.", {DealClaim(1.6e9, "x")}, 1);
    Article b("/c/b.txt", "Meta buys 2 GW from Crusoe.", {DealClaim(2e9, "y")}, 2);
    store->BeginBatch();
    store->WriteArticle(run, a.record);
    store->WriteArticle(run, b.record);
    // Writes inside the batch are visible to the writer before the commit.
    CHECK(store->FindArticle("/c/b.txt").has_value());
    store->CommitBatch();
    // A batch that is never committed (a crash) leaves nothing behind.
    Article c("/c/c.txt", "Meta buys 3 GW from Crusoe.", {DealClaim(3e9, "z")}, 3);
    store->BeginBatch();
    store->WriteArticle(run, c.record);
  }
  auto store = OpenSqliteStore(path, {});
  CHECK(store->FindArticle("/c/a.txt").has_value());
  CHECK(store->FindArticle("/c/b.txt").has_value());
  CHECK_FALSE(store->FindArticle("/c/c.txt").has_value());
  auto facts = store->Facts({});
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].claims.size() == 2);  // 1.6 GW and 2 GW: a conflict, no 3 GW.
  std::filesystem::remove(path);
}

TEST_CASE("facts filter by predicate and entity", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  Article a("/c/a.txt", "a", {DealClaim(1.6e9, "x")}, 1);
  store->WriteArticle(run, a.record);
  CHECK(store->Facts({"compute_deal", ""}).size() == 1);
  CHECK(store->Facts({"capex_plan", ""}).empty());
  CHECK(store->Facts({"", "crusoe"}).size() == 1);
  CHECK(store->Facts({"", "meta platforms"}).size() == 1);
  CHECK(store->Facts({"", "Oracle"}).empty());
}

TEST_CASE("runs and failures are recorded; export covers every table", "[store]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"0.1", "abc", "quarry ingest x"});
  store->RecordFailure(run, "/c/bad.txt", "binary file");
  RunCounts counts;
  counts.files_seen = 2;
  counts.files_failed = 1;
  store->FinishRun(run, counts, "partial");
  auto runs = store->Runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].status == "partial");
  CHECK(runs[0].counts.files_failed == 1);
  Article a("/c/a.txt", "a", {DealClaim(1.6e9, "x")}, 1);
  store->WriteArticle(run, a.record);
  std::set<std::string> tables;
  store->Export([&](const Json& row) {
    tables.insert(row["table"].get<std::string>());
    CHECK_FALSE(row.contains("raw"));
  });
  for (const char* t : {"runs", "articles", "failures", "entities", "mentions", "facts", "claims",
                        "claim_sources", "fact_entities"})
    CHECK(tables.count(t) == 1);
}

TEST_CASE("schema versions: newer refused, foreign tables refused", "[store]") {
  std::string path = TempDb("newer");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    OpenSqliteStore(path, {});
    FAIL("a newer schema must be refused");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()) == path + ": database schema version 99 is newer than this "
                                          "quarry supports (6); use a newer quarry");
  }
  std::string other = TempDb("foreign");
  {
    SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE articles (x)");
  }
  CHECK_THROWS_AS(OpenSqliteStore(other, {}), StoreError);
  std::filesystem::remove(path);
  std::filesystem::remove(other);
}

TEST_CASE("a database reopens with its facts and passes integrity checks", "[store]") {
  std::string path = TempDb("reopen");
  {
    auto store = OpenSqliteStore(path, {});
    int64_t run = store->BeginRun({"test", "rules", "test"});
    Article a("/c/a.txt", "a", {DealClaim(1.6e9, "x")}, 1);
    store->WriteArticle(run, a.record);
  }
  auto store = OpenSqliteStore(path, {true, 0});
  CHECK(store->Facts({}).size() == 1);
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  CHECK_FALSE(fk.executeStep());
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace quarry

namespace quarry {

TEST_CASE("a second exclusive writer waits, then is refused with a clear message", "[store]") {
  std::string path = TempDb("lock");
  StoreOptions writer;
  writer.exclusive_writer = true;
  writer.lock_timeout_ms = 200;
  auto first = OpenSqliteStore(path, writer);
  try {
    OpenSqliteStore(path, writer);
    FAIL("the second writer must be refused");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()) ==
          path + ": another ingest holds the database (waited 0 s; see --lock-timeout)");
  }
  // Readers are not blocked by the writer.
  auto reader = OpenSqliteStore(path, {true, 0});
  CHECK(reader->Facts({}).empty());
  first.reset();
  CHECK(OpenSqliteStore(path, writer) != nullptr);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace quarry
