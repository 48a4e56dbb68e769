// Tests of the store over an article's lifetime: schema migration from
// version 1, removal of an article (prune), and results that do not depend
// on the order articles are written in (claims, near-duplicates, entities).
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "store/fact_store.h"
#include "store/schema.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

std::string ScratchDb(const char* name) {
  auto path = std::filesystem::temp_directory_path() /
              (std::string("quarry_lifecycle_test_") + std::to_string(::getpid()) + "_" + name +
               ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A compute_deal claim between two parties with an optional capacity in W.
Claim Deal(const std::string& buyer, const std::string& provider, double watts,
           const std::string& sentence, uint32_t start) {
  Claim c;
  c.predicate = "compute_deal";
  c.fact_key = "compute_deal|buyer=" + buyer + "|provider=" + provider;
  c.args = {{"buyer", Json{{"id", buyer}, {"name", buyer}}},
            {"provider", Json{{"id", provider}, {"name", provider}}}};
  if (watts > 0) c.args["capacity"] = Json{{"dimension", "power"}, {"value", watts}, {"unit", "W"}};
  ClaimSource s;
  s.rule = "deal.test";
  s.sentence = sentence;
  s.span = {start, start + 10};
  c.sources.push_back(s);
  return c;
}

struct TestArticle {
  std::string path;
  std::vector<Claim> claims;
  uint64_t simhash;
  std::vector<std::pair<std::string, std::string>> mentions;  // (id, name)
};

void Write(FactStore* store, int64_t run, const TestArticle& a) {
  Document doc;
  doc.path = a.path;
  doc.raw = doc.text = "text of " + a.path;
  doc.content_hash = "hash-" + a.path;
  uint32_t at = 0;
  for (const auto& [id, name] : a.mentions) {
    EntityMention m;
    m.id = id;
    m.name = name;
    m.entity_class = "ORG";
    m.text = name;
    m.span = {at, at + 1};
    ++at;
    doc.entities.push_back(m);
  }
  ArticleRecord record;
  record.doc = &doc;
  record.claims = a.claims;
  record.simhash = a.simhash;
  record.rules_hash = "rules";
  store->WriteArticle(run, record);
}

// Everything the store says, without the row ids that depend on the order
// of writes: facts with their claims and sources, articles with the path of
// their near-duplicate, entities.
std::string Canonical(FactStore* store) {
  std::ostringstream out;
  for (const FactView& f : store->Facts({})) {
    out << f.predicate << " " << f.key << " sources=" << f.source_count
        << " independent=" << f.independent_sources << " conflict=" << f.conflict << "\n";
    for (const ClaimView& c : f.claims) {
      out << "  claim " << c.args.dump() << " independent=" << c.independent_sources << "\n";
      for (const SourceView& s : c.sources)
        out << "    " << s.article << " " << s.sentence << " " << s.start << "\n";
    }
  }
  std::map<int64_t, std::string> paths;
  std::vector<Json> articles, entities;
  store->Export([&](const Json& row) {
    if (row["table"] == "articles") {
      paths[row["id"].get<int64_t>()] = row["path"].get<std::string>();
      articles.push_back(row);
    } else if (row["table"] == "entities") {
      entities.push_back(row);
    }
  });
  std::vector<std::string> lines;
  for (const Json& a : articles) {
    std::string dup = a["duplicate_of"].is_null() ? "-" : paths[a["duplicate_of"].get<int64_t>()];
    lines.push_back("article " + a["path"].get<std::string>() + " duplicate_of " + dup);
  }
  for (const Json& e : entities) lines.push_back("entity " + e.dump());
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out << l << "\n";
  return out.str();
}

// Four articles: a and c agree on 1.6 GW, b states 2 GW (a conflict), d has
// no capacity (compatible with both); a and b are near-duplicates, and so
// are b and c (but a and c are not).
std::vector<TestArticle> Articles() {
  return {
      {"/n/a.txt", {Deal("meta", "crusoe", 1.6e9, "Meta buys 1.6 GW from Crusoe.", 0)}, 0x0,
       {{"meta", "Meta Platforms"}, {"crusoe", "Crusoe"}}},
      {"/n/b.txt", {Deal("meta", "crusoe", 2e9, "Meta buys 2 GW from Crusoe.", 5)}, 0x7,
       {{"meta", "Meta"}}},
      {"/n/c.txt", {Deal("meta", "crusoe", 1.61e9, "Crusoe sells Meta 1.61 GW.", 3)}, 0x7F,
       {{"crusoe", "Crusoe Energy"}}},
      {"/n/d.txt", {Deal("meta", "crusoe", 0, "Meta and Crusoe sign a deal.", 0),
                    Deal("openai", "oracle", 4.5e9, "OpenAI rents 4.5 GW from Oracle.", 40)},
       0xFFFF000000000000, {{"openai", "OpenAI"}}},
  };
}

}  // namespace

TEST_CASE("a version 1 database is migrated in place and keeps its facts", "[store][migration]") {
  std::string path = ScratchDb("v1");
  {
    std::ifstream in(QUARRY_TEST_DATA "/store/schema_v1.sql");
    REQUIRE(in);
    std::stringstream script;
    script << in.rdbuf();
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(script.str());
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
  }
  // Readers cannot migrate; they say what to do.
  try {
    OpenSqliteStore(path, {true, 0});
    FAIL("a reader must refuse an old schema");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()) == path + ": database schema version 1 is older than this "
                                          "quarry's (6); run `quarry ingest` on it once to "
                                          "migrate it in place");
  }
  {
    auto store = OpenSqliteStore(path, {});
    {
      // Version 6's facts.last_path comes from the stored sources.
      SQLite::Database migrated(path, SQLite::OPEN_READONLY);
      CHECK(migrated.execAndGet("SELECT last_path FROM facts").getString() == "/news/b.txt");
    }
    auto runs = store->Runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].counts.files_seen == 2);
    CHECK(runs[0].counts.files_pruned == 0);
    CHECK(runs[0].counts.files_reprocessed == 0);
    auto facts = store->Facts({});
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].source_count == 2);
    // The migrated database takes new writes and the new counters.
    int64_t run = store->BeginRun({"test", "rules-v2", "test"});
    CHECK(store->RemoveArticle("/news/b.txt") == 0);
    RunCounts counts;
    counts.files_pruned = 1;
    store->FinishRun(run, counts, "ok");
    CHECK(store->Runs().back().counts.files_pruned == 1);
    CHECK(store->Facts({})[0].source_count == 1);
    std::string raw;
    REQUIRE(store->LoadRaw("/news/a.txt", &raw));
    CHECK(raw == "Meta signs with Crusoe. Meta buys 1.6 GW from Crusoe.");
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == kSchemaVersion);
  // Version 3's 16-bit SimHash bands are recomputed from the stored hashes.
  CHECK(db.execAndGet("SELECT count(*) FROM articles WHERE sim_band0 != simhash & 65535 OR "
                      "sim_band1 != (simhash >> 16) & 65535 OR sim_band2 != (simhash >> 32) & "
                      "65535 OR sim_band3 != (simhash >> 48) & 65535").getInt() == 0);
  // Regrouping after the removal keeps last_path to the sources left.
  CHECK(db.execAndGet("SELECT last_path FROM facts").getString() == "/news/a.txt");
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  CHECK_FALSE(fk.executeStep());
  RemoveDb(path);
}

TEST_CASE("removing an article retracts what only it stated", "[store][prune]") {
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  auto articles = Articles();
  for (const auto& a : articles) Write(store.get(), run, a);
  REQUIRE(store->Facts({}).size() == 2);

  CHECK(store->RemoveArticle("/n/d.txt") == 1);  // openai-oracle had d alone.
  auto facts = store->Facts({});
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].key == "compute_deal|buyer=meta|provider=crusoe");
  CHECK(facts[0].source_count == 3);
  CHECK(store->RemoveArticle("/n/d.txt") == 0);  // Not stored any more: nothing to do.
  CHECK_FALSE(store->FindArticle("/n/d.txt").has_value());

  for (const char* p : {"/n/a.txt", "/n/b.txt"}) CHECK(store->RemoveArticle(p) == 0);
  CHECK(store->RemoveArticle("/n/c.txt") == 1);
  CHECK(store->Facts({}).empty());
  CHECK(store->Articles().empty());
  // Nothing refers to an entity any more, so none is left.
  std::vector<std::string> left;
  store->Export([&](const Json& row) {
    if (row["table"] != "runs") left.push_back(row["table"].get<std::string>());
  });
  CHECK(left.empty());
}

TEST_CASE("the stored result does not depend on the order of writes", "[store][order]") {
  auto articles = Articles();
  std::vector<size_t> order = {0, 1, 2, 3};
  std::string first;
  int orders = 0;
  do {
    auto store = OpenSqliteStore(":memory:", {});
    int64_t run = store->BeginRun({"test", "rules", "test"});
    for (size_t i : order) Write(store.get(), run, articles[i]);
    std::string canonical = Canonical(store.get());
    if (first.empty()) {
      first = canonical;
      // Sanity: the interesting cases are there.
      CHECK(canonical.find("conflict=1") != std::string::npos);
      CHECK(canonical.find("article /n/b.txt duplicate_of /n/a.txt") != std::string::npos);
      CHECK(canonical.find("article /n/c.txt duplicate_of /n/b.txt") != std::string::npos);
      CHECK(canonical.find("\"name\":\"Crusoe\"") != std::string::npos);
    } else {
      INFO("order " << order[0] << order[1] << order[2] << order[3]);
      CHECK(canonical == first);
    }
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(orders == 24);
}

TEST_CASE("an article changed and changed back leaves no trace", "[store][order]") {
  auto articles = Articles();
  auto store = OpenSqliteStore(":memory:", {});
  int64_t run = store->BeginRun({"test", "rules", "test"});
  for (const auto& a : articles) Write(store.get(), run, a);
  std::string before = Canonical(store.get());
  TestArticle changed = articles[0];
  changed.claims = {Deal("google", "coreweave", 1e9, "Google rents 1 GW from CoreWeave.", 0)};
  changed.simhash = 0xFF00FF00FF00FF00;
  changed.mentions = {{"google", "Google"}};
  Write(store.get(), run, changed);
  std::string during = Canonical(store.get());
  CHECK(during != before);
  CHECK(during.find("/n/b.txt duplicate_of -") != std::string::npos);
  Write(store.get(), run, articles[0]);
  CHECK(Canonical(store.get()) == before);
}

}  // namespace quarry
