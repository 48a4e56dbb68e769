// Exports OpenSqliteStore: the SQLite implementation of FactStore, through
// SQLiteCpp. Every SQLite::Exception is turned into a StoreError that names
// the database file.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

#include "core/json.h"
#include "store/fact_store.h"
#include "store/schema.h"
#include "store/simhash_index.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The JSON text of `args` as one object, the bytes that dumping a JSON object
// of them gives, without first copying every value into such an object (a
// third of the cost of the text).
std::string ArgsText(const std::map<std::string, Json>& args) {
  std::string text = "{";
  for (const auto& [role, value] : args) {
    if (text.size() > 1) text += ',';
    text += Json(role).dump();
    text += ':';
    text += value.dump();
  }
  text += '}';
  return text;
}

std::map<std::string, Json> ArgsFromJson(const std::string& text) {
  std::map<std::string, Json> args;
  Json parsed = Json::parse(text);  // items() does not own its json.
  for (auto& [role, value] : parsed.items()) args[role] = value;
  return args;
}

// An flock() on the database file held for the store's lifetime. flock locks
// are independent of the fcntl locks SQLite uses, and the descriptor is closed
// only after SQLite has closed its own (declared before the Database member).
class WriterLock {
 public:
  WriterLock(const std::string& path, const StoreOptions& options) {
    if (!options.exclusive_writer || path == ":memory:" || path.empty()) return;
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw StoreError(path + ": cannot open: " + std::strerror(errno));
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(options.lock_timeout_ms);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        ::close(fd_);
        fd_ = -1;
        throw StoreError(path + ": another ingest holds the database (waited " +
                         std::to_string(options.lock_timeout_ms / 1000) +
                         " s; see --lock-timeout)");
      }
      ::usleep(50000);
    }
  }
  ~WriterLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

static_assert(kNearDuplicateBits < 2 * SimHashIndex::kBands);

class SqliteFactStore : public FactStore {
 public:
  SqliteFactStore(const std::string& path, const StoreOptions& options)
      : path_(path),
        lock_(path, options),
        // NOMUTEX: a store is used by one thread at a time (its statement
        // cache is not shared either; Ingest's workers take a lock), and
        // SQLite's per-call connection mutex was 7% of a write's cost.
        db_(path,
            SQLite::OPEN_NOMUTEX | (options.read_only ? SQLite::OPEN_READONLY
                                                      : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
            options.lock_timeout_ms) {
    db_.exec("PRAGMA foreign_keys = ON");
    if (!options.read_only) {
      db_.exec("PRAGMA journal_mode = WAL");
      db_.exec("PRAGMA synchronous = NORMAL");
      // 32 MB of page cache (the default is 2 MB): a write batch's dirty
      // pages then stay in memory until its commit instead of spilling to
      // the journal, and index pages are not read back again and again.
      db_.exec("PRAGMA cache_size = -32768");
      // Statement journals and sorts in memory: on disk they were most of
      // the bytes an ingest wrote (two pages per statement that changes rows).
      db_.exec("PRAGMA temp_store = MEMORY");
    }
    Migrate(options.read_only);
  }

  std::optional<StoredArticle> FindArticle(const std::string& path) override {
    return Guard([&]() -> std::optional<StoredArticle> {
      Cached q = Prepare("SELECT id, content_hash, size, mtime_ns, rules_hash FROM articles WHERE path = ?");
      q->bind(1, path);
      if (!q->executeStep()) return std::nullopt;
      return StoredArticle{q->getColumn(0).getInt64(), path, q->getColumn(1).getString(),
                           q->getColumn(2).getInt64(), q->getColumn(3).getInt64(),
                           q->getColumn(4).getString()};
    });
  }

  std::vector<StoredArticle> Articles() override {
    return Guard([&] {
      std::vector<StoredArticle> articles;
      Cached q = Prepare("SELECT id, path, content_hash, size, mtime_ns, rules_hash FROM articles ORDER BY path");
      while (q->executeStep()) {
        articles.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                            q->getColumn(2).getString(), q->getColumn(3).getInt64(),
                            q->getColumn(4).getInt64(), q->getColumn(5).getString()});
      }
      return articles;
    });
  }

  bool LoadRaw(const std::string& path, std::string* raw) override {
    return Guard([&] {
      Cached q = Prepare("SELECT raw FROM articles WHERE path = ?");
      q->bind(1, path);
      if (!q->executeStep()) return false;
      const SQLite::Column column = q->getColumn(0);
      raw->assign(static_cast<const char*>(column.getBlob()),
                  static_cast<size_t>(column.getBytes()));
      return true;
    });
  }

  int RemoveArticle(const std::string& path) override {
    return Guard([&] {
      Atomic transaction(this);
      int retracted = 0;
      int64_t id = 0;
      uint64_t simhash = 0;
      {
        Cached q = Prepare("SELECT id, simhash FROM articles WHERE path = ?");
        q->bind(1, path);
        if (q->executeStep()) {
          id = q->getColumn(0).getInt64();
          simhash = static_cast<uint64_t>(q->getColumn(1).getInt64());
        }
      }
      if (id != 0) {
        std::set<int64_t> touched;
        std::set<std::string> entities;
        std::vector<Neighbor> neighbors = Neighbors(simhash, id);
        DeleteContributions(id, &touched, &entities);
        Cached del = Prepare("DELETE FROM articles WHERE id = ?");
        del->bind(1, id);
        del->exec();
        NearIndex().Remove(id, simhash);
        retracted = RefreshFacts(FactsOf(touched), &entities);
        for (const Neighbor& n : neighbors) RecomputeDuplicate(n.id);
        DeleteOrphanEntities(entities);
      }
      transaction.commit();
      return retracted;
    });
  }

  int64_t BeginRun(const RunInfo& info) override {
    return Guard([&] {
      // Runs still "running" were killed: only one ingest at a time gets
      // this far (the writer lock), and a finished one has its status.
      db_.exec("UPDATE runs SET status = 'interrupted' WHERE status = 'running'");
      Cached q = Prepare("INSERT INTO runs (started_at, version, rules_hash, command) VALUES (?, ?, ?, ?)");
      q->bind(1, NowUtc());
      q->bind(2, info.version);
      q->bind(3, info.rules_hash);
      q->bind(4, info.command);
      q->exec();
      return db_.getLastInsertRowid();
    });
  }

  void FinishRun(int64_t run_id, const RunCounts& c, const std::string& status) override {
    Guard([&] {
      Cached q = Prepare("UPDATE runs SET finished_at = ?, status = ?, files_seen = ?, files_new = ?, "
          "files_changed = ?, files_unchanged = ?, files_failed = ?, facts_new = ?, "
          "facts_merged = ?, facts_retracted = ?, files_pruned = ?, files_reprocessed = ? "
          "WHERE id = ?");
      int i = 1;
      q->bind(i++, NowUtc());
      q->bind(i++, status);
      for (int v : {c.files_seen, c.files_new, c.files_changed, c.files_unchanged, c.files_failed,
                    c.facts_new, c.facts_merged, c.facts_retracted, c.files_pruned,
                    c.files_reprocessed})
        q->bind(i++, v);
      q->bind(i++, run_id);
      q->exec();
      return 0;
    });
  }

  WriteResult WriteArticle(int64_t run_id, const ArticleRecord& record) override {
    return Guard([&] {
      Atomic transaction(this);
      WriteResult result = WriteArticleLocked(run_id, record);
      transaction.commit();
      return result;
    });
  }

  void BeginBatch() override {
    Guard([&] {
      if (batch_) throw StoreError(path_ + ": a write batch is already open");
      // IMMEDIATE: take the write lock before the first read, so that a
      // concurrent writer makes this wait (busy timeout) instead of failing.
      batch_ = std::make_unique<SQLite::Transaction>(db_, SQLite::TransactionBehavior::IMMEDIATE);
      known_entities_.clear();
      ForgetCachesIfChangedElsewhere();
      return 0;
    });
  }

  void CommitBatch() override {
    Guard([&] {
      if (!batch_) return 0;
      known_entities_.clear();
      auto batch = std::move(batch_);
      try {
        batch->commit();
      } catch (const SQLite::Exception&) {
        ForgetCaches();  // The batch is rolled back: they may say what was lost.
        throw;
      }
      return 0;
    });
  }

  void RecordFailure(int64_t run_id, const std::string& path, const std::string& reason) override {
    Guard([&] {
      Cached q = Prepare("INSERT INTO failures (path, reason, run_id, at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id, "
          "at = excluded.at");
      q->bind(1, path);
      q->bind(2, reason);
      q->bind(3, run_id);
      q->bind(4, NowUtc());
      q->exec();
      return 0;
    });
  }

  void ClearFailure(const std::string& path) override {
    Guard([&] {
      Cached q = Prepare("DELETE FROM failures WHERE path = ?");
      q->bind(1, path);
      q->exec();
      return 0;
    });
  }

  std::vector<FactView> Facts(const FactFilter& filter) override {
    return Guard([&] { return FactsLocked(filter); });
  }

  std::vector<RunView> Runs() override {
    return Guard([&] {
      std::vector<RunView> runs;
      Cached q = Prepare("SELECT id, started_at, coalesce(finished_at, ''), version, rules_hash, status, "
          "files_seen, files_new, files_changed, files_unchanged, files_failed, facts_new, "
          "facts_merged, facts_retracted, files_pruned, files_reprocessed FROM runs ORDER BY id");
      while (q->executeStep()) {
        RunView r;
        r.id = q->getColumn(0).getInt64();
        r.started_at = q->getColumn(1).getString();
        r.finished_at = q->getColumn(2).getString();
        r.version = q->getColumn(3).getString();
        r.rules_hash = q->getColumn(4).getString();
        r.status = q->getColumn(5).getString();
        int* counts[] = {&r.counts.files_seen, &r.counts.files_new, &r.counts.files_changed,
                         &r.counts.files_unchanged, &r.counts.files_failed, &r.counts.facts_new,
                         &r.counts.facts_merged, &r.counts.facts_retracted,
                         &r.counts.files_pruned, &r.counts.files_reprocessed};
        for (int i = 0; i < 10; ++i) *counts[i] = q->getColumn(6 + i).getInt();
        runs.push_back(std::move(r));
      }
      return runs;
    });
  }

  void Export(const std::function<void(const Json&)>& emit) override {
    Guard([&] {
      // Tables in dependency order; the raw bytes are left out (the
      // normalized text and the content hash identify the article).
      const char* tables[] = {"runs", "articles", "failures", "entities", "mentions",
                              "quantities", "facts", "fact_entities", "claims", "claim_sources"};
      for (const char* table : tables) {
        Cached q = Prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
        while (q->executeStep()) {
          Json row;
          row["table"] = table;
          for (int i = 0; i < q->getColumnCount(); ++i) {
            std::string name = q->getColumnName(i);
            if (name == "raw") continue;
            const SQLite::Column column = q->getColumn(i);
            if (column.isNull()) {
              row[name] = nullptr;
            } else if (column.isInteger()) {
              row[name] = column.getInt64();
            } else if (column.isFloat()) {
              row[name] = JsonNumber(column.getDouble());
            } else if (name == "args") {
              row[name] = Json::parse(column.getString());
            } else {
              row[name] = column.getString();
            }
          }
          emit(row);
        }
      }
      return 0;
    });
  }

 private:
  // A stored claim as GroupSources compares it (see claim_cache_).
  struct StoredClaim {
    int64_t id = 0;
    ArgValues values;
  };
  using FactClaims = std::vector<StoredClaim>;  // Of one fact, in id order.

  // See known_entities_.
  using KnownEntities = std::unordered_map<std::string, std::pair<std::string, std::string>>;

  // The transaction of one article's writes: its own IMMEDIATE transaction,
  // or a savepoint inside the open batch. Rolled back unless committed.
  class Atomic {
   public:
    explicit Atomic(SqliteFactStore* store) : store_(store), db_(store->db_) {
      // Savepoints through the statement cache: parsing them anew for each
      // article cost more than writing a small article.
      if (store->batch_) {
        store_->Prepare("SAVEPOINT article")->exec();
      } else {
        transaction_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE);
        store_->ForgetCachesIfChangedElsewhere();
      }
    }
    ~Atomic() {
      if (done_) return;
      // What the caches say may be rolled back.
      store_->known_entities_.clear();
      store_->ForgetCaches();
      if (transaction_) return;  // Its destructor rolls back.
      try {
        db_.exec("ROLLBACK TO article");
        db_.exec("RELEASE article");
      } catch (const SQLite::Exception&) {
        // The batch itself is then lost; CommitBatch reports it.
      }
    }
    Atomic(const Atomic&) = delete;
    Atomic& operator=(const Atomic&) = delete;
    void commit() {
      if (transaction_)
        transaction_->commit();
      else
        store_->Prepare("RELEASE article")->exec();
      done_ = true;
    }

   private:
    SqliteFactStore* store_;
    SQLite::Database& db_;
    std::optional<SQLite::Transaction> transaction_;
    bool done_ = false;
  };

  // A statement from the cache, reset and unbound when its holder goes:
  // preparing each statement anew was a third of an article's write cost.
  class Cached {
   public:
    Cached(SQLite::Statement* statement, bool* in_use) : statement_(statement), in_use_(in_use) {}
    explicit Cached(std::unique_ptr<SQLite::Statement> own)
        : own_(std::move(own)), statement_(own_.get()) {}
    ~Cached() {
      if (!in_use_) return;
      statement_->tryReset();
      try {
        statement_->clearBindings();
      } catch (const SQLite::Exception&) {
        // Bindings are all set again before the next use.
      }
      *in_use_ = false;
    }
    Cached(const Cached&) = delete;
    Cached& operator=(const Cached&) = delete;
    SQLite::Statement* operator->() const { return statement_; }
    SQLite::Statement& operator*() const { return *statement_; }

   private:
    std::unique_ptr<SQLite::Statement> own_;
    SQLite::Statement* statement_;
    bool* in_use_ = nullptr;
  };

  // The cached statement for `sql`, or a fresh one when the cached one is
  // still in use further up the stack.
  Cached Prepare(const std::string& sql) {
    CachedEntry& entry = statements_[sql];
    if (entry.in_use) return Cached(std::make_unique<SQLite::Statement>(db_, sql));
    if (!entry.statement) entry.statement = std::make_unique<SQLite::Statement>(db_, sql);
    entry.in_use = true;
    return Cached(entry.statement.get(), &entry.in_use);
  }

  template <class F>
  auto Guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw StoreError(path_ + ": " + e.what());
    } catch (const nlohmann::json::exception& e) {
      throw StoreError(path_ + ": corrupt JSON in database: " + e.what());
    }
  }

  void Migrate(bool read_only) {
    int version = db_.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion) {
      throw StoreError(path_ + ": database schema version " + std::to_string(version) +
                       " is newer than this quarry supports (" +
                       std::to_string(kSchemaVersion) + "); use a newer quarry");
    }
    if (version == kSchemaVersion) return;
    if (read_only && version == 0)
      throw StoreError(path_ + ": not a quarry database (or an empty one)");
    if (read_only) {
      throw StoreError(path_ + ": database schema version " + std::to_string(version) +
                       " is older than this quarry's (" + std::to_string(kSchemaVersion) +
                       "); run `quarry ingest` on it once to migrate it in place");
    }
    if (version == 0 && db_.tableExists("articles")) {
      throw StoreError(path_ + ": has tables but no quarry schema version; refusing to touch it");
    }
    // IMMEDIATE: two processes opening an old database at once migrate it
    // once; the second sees the new version and has nothing to do.
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    version = db_.execAndGet("PRAGMA user_version").getInt();
    if (version == 0) {
      db_.exec(kSchemaSql);
    } else {
      for (int v = version; v < kSchemaVersion; ++v) db_.exec(kMigrations[v - 1]);
    }
    db_.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    transaction.commit();
  }

  struct Neighbor {
    int64_t id = 0;
    std::string path;
    std::string rep_path;  // Path of its duplicate_of, or its own.
  };

  // Stored articles within kNearDuplicateBits of `simhash`, other than
  // `self_id`, in path order.
  std::vector<Neighbor> Neighbors(uint64_t simhash, int64_t self_id) {
    std::vector<int64_t> ids = NearIndex().Near(simhash, kNearDuplicateBits, self_id);
    std::vector<Neighbor> neighbors;
    Cached row = Prepare("SELECT path, coalesce((SELECT d.path FROM articles d WHERE "
        "d.id = articles.duplicate_of), path) FROM articles WHERE id = ?");
    for (int64_t id : ids) {
      row->bind(1, id);
      if (row->executeStep())
        neighbors.push_back({id, row->getColumn(0).getString(), row->getColumn(1).getString()});
      row->reset();
    }
    std::sort(neighbors.begin(), neighbors.end(),
              [](const Neighbor& a, const Neighbor& b) { return a.path < b.path; });
    return neighbors;
  }

  void SetDuplicate(int64_t id, int64_t duplicate_of) {
    Cached q = Prepare("UPDATE articles SET duplicate_of = ?1 WHERE id = ?2 AND duplicate_of IS NOT ?1");
    if (duplicate_of != 0) q->bind(1, duplicate_of); else q->bind(1);
    q->bind(2, id);
    q->exec();
  }

  // An article's duplicate_of is its near-duplicate with the smallest path,
  // when that path sorts before its own (else NULL). This depends only on
  // which articles are stored, never on the order they came in, and it
  // changes only for the neighbors of an article that comes, changes or goes.
  // Returns the new duplicate_of (0 for none, or when `id` is not stored).
  int64_t RecomputeDuplicate(int64_t id) {
    Cached q = Prepare("SELECT path, simhash FROM articles WHERE id = ?");
    q->bind(1, id);
    if (!q->executeStep()) return 0;
    std::string path = q->getColumn(0).getString();
    std::vector<Neighbor> neighbors =
        Neighbors(static_cast<uint64_t>(q->getColumn(1).getInt64()), id);
    int64_t duplicate_of =
        !neighbors.empty() && neighbors.front().path < path ? neighbors.front().id : 0;
    SetDuplicate(id, duplicate_of);
    return duplicate_of;
  }

  // Removes what article `id` contributed (mentions, quantities, claim
  // sources) and returns the claims and entities that lost a reference.
  void DeleteContributions(int64_t id, std::set<int64_t>* touched_claims,
                           std::set<std::string>* touched_entities) {
    Cached claims = Prepare("SELECT DISTINCT claim_id FROM claim_sources WHERE article_id = ?");
    claims->bind(1, id);
    while (claims->executeStep()) touched_claims->insert(claims->getColumn(0).getInt64());
    Cached entities = Prepare("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?");
    entities->bind(1, id);
    while (entities->executeStep()) touched_entities->insert(entities->getColumn(0).getString());
    for (const char* table : {"claim_sources", "mentions", "quantities"}) {
      Cached del = Prepare(std::string("DELETE FROM ") + table + " WHERE article_id = ?");
      del->bind(1, id);
      del->exec();
    }
  }

  // Entities are kept while a mention or a fact refers to them.
  void DeleteOrphanEntities(const std::set<std::string>& ids) {
    Cached del = Prepare("DELETE FROM entities WHERE id = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM mentions WHERE entity_id = ?1) AND NOT EXISTS "
        "(SELECT 1 FROM fact_entities WHERE entity_id = ?1)");
    for (const auto& id : ids) {
      known_entities_.erase(id);
      del->bind(1, id);
      del->exec();
      del->reset();
    }
  }

  // Replaces the article row (or inserts it, duplicate of `duplicate_of`
  // when that is not 0) and returns its id; the old
  // version's mentions, quantities and claim sources are removed, and the
  // claims and entities they touched are added to the sets.
  int64_t UpsertArticle(int64_t run_id, const ArticleRecord& record, int64_t id,
                        int64_t duplicate_of, std::set<int64_t>* touched_claims,
                        std::set<std::string>* touched_entities) {
    const Document& doc = *record.doc;
    if (id != 0) DeleteContributions(id, touched_claims, touched_entities);
    Cached q = Prepare(id != 0
        ? "UPDATE articles SET content_hash = ?1, size = ?2, mtime_ns = ?3, title = ?4, "
          "raw = ?5, text = ?6, encoding = ?7, encoding_source = ?8, encoding_confidence = ?9, "
          "invalid_bytes = ?10, boilerplate_bytes = ?11, simhash = ?12, sim_band0 = ?13, "
          "sim_band1 = ?14, sim_band2 = ?15, sim_band3 = ?16, duplicate_of = ?17, "
          "rules_hash = ?18, run_id = ?19 WHERE id = ?20"
        : "INSERT INTO articles (content_hash, size, mtime_ns, title, raw, text, encoding, "
          "encoding_source, encoding_confidence, invalid_bytes, boilerplate_bytes, simhash, "
          "sim_band0, sim_band1, sim_band2, sim_band3, duplicate_of, rules_hash, run_id, path) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
          "?18, ?19, ?21)");
    q->bind(1, doc.content_hash);
    q->bind(2, record.size);
    q->bind(3, record.mtime_ns);
    q->bind(4, doc.title);
    q->bind(5, doc.raw.data(), static_cast<int>(doc.raw.size()));
    q->bind(6, doc.text);
    q->bind(7, doc.encoding.name);
    q->bind(8, doc.encoding.source);
    q->bind(9, doc.encoding.confidence);
    q->bind(10, static_cast<int64_t>(doc.encoding.invalid_bytes));
    q->bind(11, static_cast<int64_t>(doc.boilerplate_bytes));
    q->bind(12, static_cast<int64_t>(record.simhash));
    for (int b = 0; b < SimHashIndex::kBands; ++b)
      q->bind(13 + b, SimHashIndex::Band(record.simhash, b));
    // Of a changed article, set by RecomputeDuplicate once the row is written.
    if (duplicate_of != 0) q->bind(17, duplicate_of); else q->bind(17);
    q->bind(18, record.rules_hash);
    q->bind(19, run_id);
    if (id != 0) q->bind(20, id); else q->bind(21, doc.path);
    q->exec();
    return id != 0 ? id : db_.getLastInsertRowid();
  }

  // Inserts entity `id` or folds these values into its row: the smallest
  // name and the largest class win, so that the row does not depend on the
  // order of writes; `discovered` is the first writer's.
  void UpsertEntity(const std::string& id, const std::string& name,
                    const std::string& entity_class, bool discovered) {
    auto known = batch_ ? known_entities_.find(id) : known_entities_.end();
    if (known != known_entities_.end() && known->second.first <= name &&
        entity_class <= known->second.second)
      return;
    // The WHERE leaves a row that already holds these values alone rather
    // than rewriting it unchanged (most mentions are of known entities).
    Cached entity = Prepare("INSERT INTO entities (id, name, class, discovered) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = min(name, excluded.name), "
        "class = max(class, excluded.class) "
        "WHERE excluded.name < name OR excluded.class > class");
    entity->bindNoCopy(1, id);
    entity->bindNoCopy(2, name);
    entity->bindNoCopy(3, entity_class);
    entity->bind(4, discovered ? 1 : 0);
    entity->exec();
    if (!batch_) return;
    if (known == known_entities_.end()) {
      known_entities_.emplace(id, std::make_pair(name, entity_class));
    } else {
      known->second.first = std::min(known->second.first, name);
      known->second.second = std::max(known->second.second, entity_class);
    }
  }

  void InsertMentions(int64_t article_id, const Document& doc) {
    // Each entity once per article, with what its mentions would have folded
    // into its row one by one.
    struct Entity {
      const EntityMention* first;
      const std::string* name;
      const std::string* entity_class;
    };
    std::vector<Entity> entities;
    std::unordered_map<std::string_view, size_t> index;
    for (const auto& e : doc.entities) {
      auto [it, added] = index.try_emplace(e.id, entities.size());
      if (added) {
        entities.push_back({&e, &e.name, &e.entity_class});
        continue;
      }
      Entity& entity = entities[it->second];
      if (e.name < *entity.name) entity.name = &e.name;
      if (*entity.entity_class < e.entity_class) entity.entity_class = &e.entity_class;
    }
    for (const Entity& e : entities)
      UpsertEntity(e.first->id, *e.name, *e.entity_class, e.first->discovered);
    InsertRows("INSERT INTO mentions (article_id, entity_id, text, start, end, raw_start, raw_end, "
               "rule, confidence) VALUES ", 9, doc.entities.size(),
               [&](SQLite::Statement* q, size_t row, int i) {
                 const EntityMention& e = doc.entities[row];
                 q->bind(i++, article_id);
                 q->bindNoCopy(i++, e.id);
                 i = BindLocated(q, i, doc, e.text, e.span);
                 q->bindNoCopy(i++, e.rule);
                 q->bind(i++, e.confidence);
               });
    InsertRows("INSERT INTO quantities (article_id, dimension, unit, value, low, high, qualifier, "
               "counted, per, ambiguous, text, start, end, raw_start, raw_end, rule) VALUES ", 16,
               doc.quantities.size(), [&](SQLite::Statement* q, size_t row, int i) {
                 const Quantity& qty = doc.quantities[row];
                 q->bind(i++, article_id);
                 q->bindNoCopy(i++, qty.dimension);
                 q->bindNoCopy(i++, qty.unit);
                 for (const auto& v : {qty.value, qty.low, qty.high}) {
                   if (v) q->bind(i++, *v); else q->bind(i++);
                 }
                 q->bindNoCopy(i++, QualifierName(qty.qualifier));
                 q->bindNoCopy(i++, qty.counted);
                 q->bindNoCopy(i++, qty.per);
                 q->bind(i++, qty.ambiguous ? 1 : 0);
                 i = BindLocated(q, i, doc, qty.text, qty.span);
                 q->bindNoCopy(i++, qty.rule);
               });
  }

  // Binds text, start, end, raw_start, raw_end (the columns every located
  // row has) from parameter `i`; returns the next parameter.
  static int BindLocated(SQLite::Statement* q, int i, const Document& doc, const std::string& text,
                         Span span) {
    const Span raw = doc.RawSpan(span);
    q->bindNoCopy(i++, text);
    q->bind(i++, span.begin);
    q->bind(i++, span.end);
    q->bind(i++, raw.begin);
    q->bind(i++, raw.end);
    return i;
  }

  // Inserts `rows` rows with statements "`head` (?, ...), (?, ...), ..." of
  // up to kRowsPerInsert rows of `columns` values each; bind_row(statement,
  // row, first parameter) binds row `row` from that parameter on. The rows
  // of a statement share its start and end (cursors, statement journal,
  // foreign key counters), which a statement per row paid for each row.
  template <class BindRow>
  void InsertRows(const std::string& head, int columns, size_t rows, BindRow bind_row) {
    constexpr size_t kRowsPerInsert = 32;
    for (size_t done = 0; done < rows;) {
      size_t n = std::min(rows - done, kRowsPerInsert);
      std::string sql = head;
      for (size_t r = 0; r < n; ++r) {
        sql += r ? ",(?" : "(?";
        for (int c = 1; c < columns; ++c) sql += ",?";
        sql += ')';
      }
      Cached q = Prepare(sql);
      for (size_t r = 0; r < n; ++r) bind_row(&*q, done + r, 1 + static_cast<int>(r) * columns);
      q->exec();
      done += n;
    }
  }

  // The id of the fact stored under `key`, or 0.
  int64_t FindFact(const std::string& key) {
    Cached q = Prepare("SELECT id FROM facts WHERE key = ?");
    q->bindNoCopy(1, key);
    return q->executeStep() ? q->getColumn(0).getInt64() : 0;
  }

  // A claim row of stored fact `fact_id` to hold a source until
  // RefreshFacts regroups the fact's sources (a stored fact has one: a fact
  // left without claims is deleted). Reads no claim's args.
  int64_t AnyClaimOf(int64_t fact_id) {
    Cached q = Prepare("SELECT id FROM claims WHERE fact_id = ? ORDER BY id LIMIT 1");
    q->bind(1, fact_id);
    if (!q->executeStep()) throw StoreError(path_ + ": fact " + std::to_string(fact_id) + " has no claim");
    return q->getColumn(0).getInt64();
  }

  // The sources of `claims` for the fact `key`, in the database's source order
  // (start, end, rule, then row id, which follows this order of insertion:
  // claim by claim); each claim's (*claim_of)[c] is sized for its sources.
  struct SourceRef {
    size_t claim, source;
  };
  static std::vector<SourceRef> SourcesOfFact(const std::vector<Claim>& claims,
                                              const std::string& key, size_t first,
                                              std::vector<std::vector<int64_t>>* claim_of) {
    std::vector<SourceRef> refs;
    for (size_t c = first; c < claims.size(); ++c) {
      if (claims[c].fact_key != key) continue;
      (*claim_of)[c].resize(claims[c].sources.size());
      for (size_t k = 0; k < claims[c].sources.size(); ++k) refs.push_back({c, k});
    }
    std::stable_sort(refs.begin(), refs.end(), [&](const SourceRef& x, const SourceRef& y) {
      const ClaimSource& a = claims[x.claim].sources[x.source];
      const ClaimSource& b = claims[y.claim].sources[y.source];
      return std::tie(a.span.begin, a.span.end, a.rule) < std::tie(b.span.begin, b.span.end, b.rule);
    });
    return refs;
  }

  // Stores a fact that claims[first] is the first to state: the fact row,
  // its parties (from claims[first]), and the claims of every source of the
  // fact in `claims`, grouped as AppendSources groups an article's sources
  // (in source order, each joining the first compatible claim). Grouping
  // here rather than placing each claim and regrouping from the database
  // writes each claim row once and reads nothing back, and most facts of a
  // corpus are new when they are written. (*claim_of)[c][k] gets the claim
  // row of source k of claims[c]; args_text[c] is the text of claims[c].args.
  // Returns the number of claims of the fact.
  int WriteNewFact(const std::vector<Claim>& claims, const std::vector<std::string>& args_text,
                   size_t first, const std::string& path,
                   std::vector<std::vector<int64_t>>* claim_of) {
    const Claim& head = claims[first];
    Cached q = Prepare("INSERT INTO facts (predicate, key, last_path) VALUES (?, ?, ?)");
    q->bind(1, head.predicate);
    q->bind(2, head.fact_key);
    q->bindNoCopy(3, path);
    q->exec();
    int64_t fact_id = db_.getLastInsertRowid();
    Cached link = Prepare("INSERT OR IGNORE INTO fact_entities (fact_id, entity_id) VALUES (?, ?)");
    // A party may have no mention of its own in this article (a rule can
    // take it from an earlier sentence), so make sure it exists.
    for (const auto& [role, value] : head.args) {
      if (!value.is_object() || !value.contains("id")) continue;
      std::string id = value["id"].get<std::string>();
      UpsertEntity(id, value.value("name", id), value.value("class", ""),
                   id.find(':') != std::string::npos);
      link->bind(1, fact_id);
      link->bind(2, id);
      link->exec();
      link->reset();
    }
    std::vector<SourceRef> sources = SourcesOfFact(claims, head.fact_key, first, claim_of);
    int count = 0;
    for (size_t c = first; c < claims.size(); ++c) count += claims[c].fact_key == head.fact_key;
    GroupSources(fact_id, claims, args_text, sources, nullptr, claim_of);
    return count;
  }

  // Groups `sources` (of `claims`, one fact, in source order) as RefreshFacts
  // would after the fact's `stored` claims (in id order; none for a new
  // fact): each source joins the first claim it is Compatible with, stored
  // ones first, and adds its roles to it; one with none starts a new claim.
  // Writes the claims that changed or are new (updating `stored`) and sets
  // (*claim_of)[c][k] to the claim row of each source.
  void GroupSources(int64_t fact_id, const std::vector<Claim>& claims,
                    const std::vector<std::string>& args_text, const std::vector<SourceRef>& sources,
                    FactClaims* stored, std::vector<std::vector<int64_t>>* claim_of) {
    struct Group {
      std::map<std::string, Json> args;  // Of a stored claim: read once it gains roles.
      ArgValues values;
      size_t origin = 0;   // A new claim: the claim whose args it started with.
      bool changed = false;
    };
    const size_t old_count = stored ? stored->size() : 0;
    std::vector<Group> added;
    std::vector<Group> merged(old_count);  // Stored claims that gained roles.
    std::vector<ArgValues> values(claims.size());
    std::vector<size_t> group_of(sources.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      const size_t c = sources[i].claim;
      if (values[c].empty()) values[c] = ValuesOf(claims[c].args);
      size_t g = 0;
      while (g < old_count && !Compatible((*stored)[g].values, values[c])) ++g;
      if (g < old_count) {
        // Merging only adds roles: the stored args change only when the
        // source has a role the claim lacks.
        if (!HasRoles((*stored)[g].values, values[c])) {
          Group& m = merged[g];
          if (!m.changed) m.args = ClaimArgs((*stored)[g].id);
          MergeArgs(&m.args, claims[c].args);
          m.changed = true;
          (*stored)[g].values = ValuesOf(m.args);
        }
      } else {
        g = 0;
        while (g < added.size() && !Compatible(added[g].values, values[c])) ++g;
        if (g == added.size()) {
          added.push_back({claims[c].args, values[c], c, false});
        } else if (!HasRoles(added[g].values, values[c])) {
          MergeArgs(&added[g].args, claims[c].args);
          added[g].values = ValuesOf(added[g].args);
          added[g].changed = true;
        }
        g += old_count;
      }
      group_of[i] = g;
    }
    std::vector<int64_t> ids(old_count + added.size());
    for (size_t g = 0; g < old_count; ++g) {
      ids[g] = (*stored)[g].id;
      if (merged[g].changed) WriteClaimArgs(fact_id, ids[g], merged[g].args);
    }
    for (size_t g = 0; g < added.size(); ++g) {
      // Unchanged, the args are the origin's, whose text is already made
      // (serializing was a tenth of a write).
      const Group& a = added[g];
      ids[old_count + g] =
          WriteClaimText(fact_id, 0, a.changed ? ArgsText(a.args) : args_text[a.origin]);
      if (stored) {
        stored->push_back({ids[old_count + g], a.values});
        ++cached_claims_;
      }
    }
    for (size_t i = 0; i < sources.size(); ++i)
      (*claim_of)[sources[i].claim][sources[i].source] = ids[group_of[i]];
  }

  // Whether `claim` states every role of `values` (both ordered by role).
  static bool HasRoles(const ArgValues& claim, const ArgValues& values) {
    return std::includes(claim.begin(), claim.end(), values.begin(), values.end(),
                         [](const ArgValue& a, const ArgValue& b) { return a.role < b.role; });
  }

  std::map<std::string, Json> ClaimArgs(int64_t claim_id) {
    Cached q = Prepare("SELECT args FROM claims WHERE id = ?");
    q->bind(1, claim_id);
    if (!q->executeStep()) throw StoreError(path_ + ": claim " + std::to_string(claim_id) + " is gone");
    return ArgsFromJson(q->getColumn(0).getString());
  }

  // The stored claims of fact `fact_id` (see claim_cache_).
  FactClaims& ClaimsOf(int64_t fact_id) {
    auto it = claim_cache_.find(fact_id);
    if (it != claim_cache_.end()) return it->second;
    if (cached_claims_ > kMaxCachedClaims) {
      claim_cache_.clear();
      cached_claims_ = 0;
    }
    FactClaims claims;
    Cached q = Prepare("SELECT id, args FROM claims WHERE fact_id = ? ORDER BY id");
    q->bind(1, fact_id);
    while (q->executeStep())
      claims.push_back({q->getColumn(0).getInt64(), ValuesOf(ArgsFromJson(q->getColumn(1).getString()))});
    cached_claims_ += claims.size();
    return claim_cache_.emplace(fact_id, std::move(claims)).first->second;
  }

  // Drops every cache of stored rows (claim_cache_, near_index_).
  void ForgetCaches() {
    claim_cache_.clear();
    cached_claims_ = 0;
    near_index_.reset();
  }

  // The SimHashes of the stored articles (see near_index_), read from the
  // band index (it carries the SimHash; the rows hold the articles' bytes).
  SimHashIndex& NearIndex() {
    if (!near_index_) {
      auto index = std::make_unique<SimHashIndex>();
      Cached q = Prepare("SELECT id, simhash FROM articles INDEXED BY articles_band0_hash");
      while (q->executeStep())
        index->Add(q->getColumn(0).getInt64(), static_cast<uint64_t>(q->getColumn(1).getInt64()));
      near_index_ = std::move(index);
    }
    return *near_index_;
  }

  void ForgetClaimsOf(int64_t fact_id) {
    auto it = claim_cache_.find(fact_id);
    if (it == claim_cache_.end()) return;
    cached_claims_ -= it->second.size();
    claim_cache_.erase(it);
  }

  // Another connection's commit (two stores on one file without
  // exclusive_writer) may have changed any fact. Call with the write lock held.
  void ForgetCachesIfChangedElsewhere() {
    int64_t version = db_.execAndGet("PRAGMA data_version").getInt64();
    if (version != data_version_) ForgetCaches();
    data_version_ = version;
  }

  // The facts that `claim_ids` belong to.
  std::set<int64_t> FactsOf(const std::set<int64_t>& claim_ids) {
    std::set<int64_t> facts;
    for (int64_t claim_id : claim_ids) {
      Cached fact = Prepare("SELECT fact_id FROM claims WHERE id = ?");
      fact->bind(1, claim_id);
      if (fact->executeStep()) facts.insert(fact->getColumn(0).getInt64());
    }
    return facts;
  }

  // Regroups the sources of every fact in `facts` into
  // claims, from scratch and in a fixed order (article path, then position),
  // so that the claims of a fact depend only on its sources, not on the order
  // they were stored: each source joins the first claim it is Compatible with
  // (its args merge into the claim's), else it starts a new, conflicting
  // claim. A fact with no source left is removed (retracted); the entities of
  // removed facts are added to *touched_entities. Returns the retractions.
  // A new article that sorts after a fact's sources takes GroupSources
  // instead, which gives the same claims without reading the others.
  int RefreshFacts(const std::set<int64_t>& facts, std::set<std::string>* touched_entities) {
    int retracted = 0;
    for (int64_t fact_id : facts) {
      ForgetClaimsOf(fact_id);  // Read again from the database when next needed.
      struct Group {
        std::map<std::string, Json> args;
        std::vector<std::pair<int64_t, int64_t>> sources;  // (source id, its claim id)
      };
      std::vector<Group> groups;
      std::string last_path;
      Cached sources = Prepare("SELECT s.id, s.claim_id, s.args, a.path FROM claim_sources s "
          "JOIN claims c ON c.id = s.claim_id "
          "JOIN articles a ON a.id = s.article_id WHERE c.fact_id = ? "
          "ORDER BY a.path, s.start, s.end, s.rule, s.id");
      sources->bind(1, fact_id);
      while (sources->executeStep()) {
        last_path = sources->getColumn(3).getString();
        auto args = ArgsFromJson(sources->getColumn(2).getString());
        std::pair<int64_t, int64_t> source{sources->getColumn(0).getInt64(),
                                           sources->getColumn(1).getInt64()};
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const Group& g) { return Compatible(g.args, args); });
        if (group == groups.end()) {
          groups.push_back({std::move(args), {source}});
        } else {
          MergeArgs(&group->args, args);
          group->sources.push_back(source);
        }
      }
      std::vector<int64_t> claims;
      Cached existing = Prepare("SELECT id FROM claims WHERE fact_id = ? ORDER BY id");
      existing->bind(1, fact_id);
      while (existing->executeStep()) claims.push_back(existing->getColumn(0).getInt64());
      // The existing claim rows are reused in id order, so that ids stay put
      // when nothing moved.
      for (size_t g = 0; g < groups.size(); ++g) {
        int64_t claim_id =
            WriteClaimArgs(fact_id, g < claims.size() ? claims[g] : 0, groups[g].args);
        for (const auto& [source_id, old_claim] : groups[g].sources)
          if (old_claim != claim_id) MoveSource(source_id, claim_id);
      }
      for (size_t c = groups.size(); c < claims.size(); ++c) DropClaim(claims[c]);
      if (!groups.empty()) SetLastPath(fact_id, last_path);
      if (groups.empty()) {
        Cached entities = Prepare("SELECT entity_id FROM fact_entities WHERE fact_id = ?");
        entities->bind(1, fact_id);
        while (entities->executeStep()) touched_entities->insert(entities->getColumn(0).getString());
        Cached del = Prepare("DELETE FROM facts WHERE id = ?");
        del->bind(1, fact_id);
        retracted += del->exec();
      }
    }
    return retracted;
  }

  std::string LastPathOf(int64_t fact_id) {
    Cached q = Prepare("SELECT last_path FROM facts WHERE id = ?");
    q->bind(1, fact_id);
    return q->executeStep() ? q->getColumn(0).getString() : std::string();
  }

  void SetLastPath(int64_t fact_id, const std::string& path) {
    Cached q = Prepare("UPDATE facts SET last_path = ?1 WHERE id = ?2 AND last_path != ?1");
    q->bindNoCopy(1, path);
    q->bind(2, fact_id);
    q->exec();
  }

  // Stores a claim's args: in row `claim_id` when it is not 0 (written only
  // if they changed), else in a new claim of `fact_id`. Returns the row id.
  int64_t WriteClaimArgs(int64_t fact_id, int64_t claim_id,
                         const std::map<std::string, Json>& args) {
    return WriteClaimText(fact_id, claim_id, ArgsText(args));
  }

  // WriteClaimArgs with the args' text.
  int64_t WriteClaimText(int64_t fact_id, int64_t claim_id, const std::string& text) {
    if (claim_id != 0) {
      Cached update = Prepare("UPDATE claims SET args = ?1 WHERE id = ?2 AND args != ?1");
      update->bind(1, text);
      update->bind(2, claim_id);
      update->exec();
      return claim_id;
    }
    Cached insert = Prepare("INSERT INTO claims (fact_id, args) VALUES (?, ?)");
    insert->bind(1, fact_id);
    insert->bind(2, text);
    insert->exec();
    return db_.getLastInsertRowid();
  }

  void MoveSource(int64_t source_id, int64_t claim_id) {
    Cached move = Prepare("UPDATE claim_sources SET claim_id = ? WHERE id = ?");
    move->bind(1, claim_id);
    move->bind(2, source_id);
    move->exec();
  }

  void DropClaim(int64_t claim_id) {
    Cached drop = Prepare("DELETE FROM claims WHERE id = ?");
    drop->bind(1, claim_id);
    drop->exec();
  }

  WriteResult WriteArticleLocked(int64_t run_id, const ArticleRecord& record) {
    WriteResult result;
    std::set<int64_t> touched;
    std::set<std::string> entities;
    int64_t self = 0;
    uint64_t old_simhash = 0;
    std::vector<Neighbor> old_neighbors;
    {
      Cached q = Prepare("SELECT id, simhash FROM articles WHERE path = ?");
      q->bind(1, record.doc->path);
      if (q->executeStep()) {
        self = q->getColumn(0).getInt64();
        old_simhash = static_cast<uint64_t>(q->getColumn(1).getInt64());
        old_neighbors = Neighbors(old_simhash, self);
      }
    }
    // A new article's neighbors, found before its row exists: its own
    // duplicate_of is then written with the row.
    std::vector<Neighbor> new_neighbors;
    if (self == 0) {
      new_neighbors = Neighbors(record.simhash, 0);
      if (!new_neighbors.empty() && new_neighbors.front().path < record.doc->path)
        result.duplicate_of = new_neighbors.front().id;
    }
    int64_t article_id =
        UpsertArticle(run_id, record, self, result.duplicate_of, &touched, &entities);
    if (self != 0) NearIndex().Remove(self, old_simhash);
    NearIndex().Add(article_id, record.simhash);
    if (self == 0) {
      // A new article changes only the neighbors it sorts before.
      for (const Neighbor& n : new_neighbors)
        if (record.doc->path < n.rep_path) SetDuplicate(n.id, article_id);
    } else {
      result.duplicate_of = RecomputeDuplicate(article_id);
      std::set<int64_t> affected;
      for (const Neighbor& n : old_neighbors) affected.insert(n.id);
      for (const Neighbor& n : Neighbors(record.simhash, article_id)) affected.insert(n.id);
      for (int64_t id : affected) RecomputeDuplicate(id);
    }
    InsertMentions(article_id, *record.doc);

    // The claim row of each source of each claim: first of the facts this
    // article is the first to state (WriteNewFact), then of stored ones.
    std::vector<std::vector<int64_t>> claim_of(record.claims.size());
    std::vector<std::string> args_text;  // Of each claim, for its sources' rows.
    args_text.reserve(record.claims.size());
    for (const Claim& claim : record.claims) args_text.push_back(ArgsText(claim.args));
    std::vector<int64_t> fact_of(record.claims.size(), 0);
    {
      std::unordered_map<std::string_view, int64_t> facts;  // 0: new here.
      for (size_t c = 0; c < record.claims.size(); ++c) {
        const Claim& claim = record.claims[c];
        auto [it, first] = facts.try_emplace(claim.fact_key, 0);
        if (first) {
          it->second = FindFact(claim.fact_key);
          if (it->second == 0) {
            ++result.facts_new;
            result.facts_merged +=
                WriteNewFact(record.claims, args_text, c, record.doc->path, &claim_of) - 1;
          } else {
          }
        }
        fact_of[c] = it->second;
        if (it->second != 0) ++result.facts_merged;
      }
    }

    // A new article that sorts after every source of a stored fact only
    // adds to the fact's claims: GroupSources places its sources on the
    // cached claims at once. Other stored facts hold the sources on any
    // claim of theirs until RefreshFacts regroups all their sources.
    std::set<int64_t> regrouped;
    {
      std::set<int64_t> placed;
      for (size_t c = 0; c < record.claims.size(); ++c) {
        const int64_t fact_id = fact_of[c];
        if (fact_id == 0 || !placed.insert(fact_id).second) continue;
        std::vector<SourceRef> sources =
            SourcesOfFact(record.claims, record.claims[c].fact_key, c, &claim_of);
        if (self == 0 && LastPathOf(fact_id) < record.doc->path) {
          GroupSources(fact_id, record.claims, args_text, sources, &ClaimsOf(fact_id), &claim_of);
          SetLastPath(fact_id, record.doc->path);
        } else {
          regrouped.insert(fact_id);
          const int64_t holder = AnyClaimOf(fact_id);
          for (const SourceRef& ref : sources) claim_of[ref.claim][ref.source] = holder;
        }
      }
    }

    Cached source = Prepare("INSERT INTO claim_sources (claim_id, article_id, args, rule, sentence, sentence_start, "
        "sentence_end, start, end, raw_start, raw_end, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t c = 0; c < record.claims.size(); ++c) {
      const Claim& claim = record.claims[c];
      for (size_t k = 0; k < claim.sources.size(); ++k) {
        const ClaimSource& s = claim.sources[k];
        int i = 1;
        source->bind(i++, claim_of[c][k]);
        source->bind(i++, article_id);
        source->bindNoCopy(i++, args_text[c]);
        source->bindNoCopy(i++, s.rule);
        source->bindNoCopy(i++, s.sentence);
        source->bind(i++, s.sentence_span.begin);
        source->bind(i++, s.sentence_span.end);
        source->bind(i++, s.span.begin);
        source->bind(i++, s.span.end);
        source->bind(i++, s.raw_span.begin);
        source->bind(i++, s.raw_span.end);
        source->bind(i++, s.confidence);
        source->exec();
        source->reset();
      }
    }
    // A changed article also removed sources, from the claims in `touched`.
    if (self != 0) {
      std::set<int64_t> facts = FactsOf(touched);
      regrouped.insert(facts.begin(), facts.end());
    }
    result.facts_retracted = RefreshFacts(regrouped, &entities);
    DeleteOrphanEntities(entities);
    return result;
  }

  std::vector<FactView> FactsLocked(const FactFilter& filter) {
    std::string sql = "SELECT f.id, f.predicate, f.key FROM facts f WHERE 1";
    if (!filter.predicate.empty()) sql += " AND f.predicate = :predicate";
    if (!filter.entity.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM fact_entities fe JOIN entities e ON e.id = fe.entity_id "
             "WHERE fe.fact_id = f.id AND (e.id = :entity OR lower(e.name) = lower(:entity)))";
    }
    sql += " ORDER BY f.predicate, f.key";
    Cached q = Prepare(sql);
    if (!filter.predicate.empty()) q->bind(":predicate", filter.predicate);
    if (!filter.entity.empty()) q->bind(":entity", filter.entity);

    std::vector<FactView> facts;
    while (q->executeStep()) {
      FactView fact;
      fact.id = q->getColumn(0).getInt64();
      fact.predicate = q->getColumn(1).getString();
      fact.key = q->getColumn(2).getString();
      LoadClaims(&fact);
      facts.push_back(std::move(fact));
    }
    return facts;
  }

  void LoadClaims(FactView* fact) {
    Cached claims = Prepare("SELECT id, args FROM claims WHERE fact_id = ? ORDER BY id");
    claims->bind(1, fact->id);
    std::set<int64_t> articles, clusters;
    // Evidence of one independent source: its best statement's confidence,
    // discounted because a rule can misread; sources combine as independent
    // witnesses.
    std::map<int64_t, double> cluster_confidence;
    while (claims->executeStep()) {
      ClaimView claim;
      claim.id = claims->getColumn(0).getInt64();
      claim.args = Json::parse(claims->getColumn(1).getString());
      Cached sources = Prepare("SELECT a.path, a.id, coalesce(a.duplicate_of, 0), s.sentence, s.rule, s.start, s.end, "
          "s.raw_start, s.raw_end, s.confidence FROM claim_sources s "
          "JOIN articles a ON a.id = s.article_id WHERE s.claim_id = ? ORDER BY a.path, s.start");
      sources->bind(1, claim.id);
      std::set<int64_t> claim_clusters;
      while (sources->executeStep()) {
        SourceView s;
        s.article = sources->getColumn(0).getString();
        s.article_id = sources->getColumn(1).getInt64();
        s.duplicate_of = sources->getColumn(2).getInt64();
        s.sentence = sources->getColumn(3).getString();
        s.rule = sources->getColumn(4).getString();
        s.start = sources->getColumn(5).getInt64();
        s.end = sources->getColumn(6).getInt64();
        s.raw_start = sources->getColumn(7).getInt64();
        s.raw_end = sources->getColumn(8).getInt64();
        s.confidence = sources->getColumn(9).getDouble();
        int64_t cluster = s.duplicate_of ? s.duplicate_of : s.article_id;
        articles.insert(s.article_id);
        clusters.insert(cluster);
        claim_clusters.insert(cluster);
        double& best = cluster_confidence[cluster];
        best = std::max(best, s.confidence);
        claim.sources.push_back(std::move(s));
      }
      claim.independent_sources = static_cast<int>(claim_clusters.size());
      fact->claims.push_back(std::move(claim));
    }
    std::stable_sort(fact->claims.begin(), fact->claims.end(),
                     [](const ClaimView& a, const ClaimView& b) {
                       return a.independent_sources > b.independent_sources;
                     });
    fact->source_count = static_cast<int>(articles.size());
    fact->independent_sources = static_cast<int>(clusters.size());
    fact->conflict = fact->claims.size() > 1;
    double doubt = 1;
    for (const auto& [cluster, confidence] : cluster_confidence) doubt *= 1 - 0.8 * confidence;
    fact->confidence = std::round((1 - doubt) * 1000) / 1000;
  }

  std::string path_;
  WriterLock lock_;
  SQLite::Database db_;
  std::unique_ptr<SQLite::Transaction> batch_;  // Open between BeginBatch and CommitBatch.
  // Entity rows written in the open batch, by id: a name no smaller and a
  // class no larger than the row's, so that an upsert with these values
  // would change nothing and is skipped (an article's entities are mostly
  // ones the batch has seen, and each upsert cost a statement). Only
  // trusted while the batch's transaction holds the write lock: cleared when
  // it begins or ends and when an article's savepoint rolls back.
  KnownEntities known_entities_;
  struct CachedEntry {
    std::unique_ptr<SQLite::Statement> statement;
    bool in_use = false;
  };
  std::unordered_map<std::string, CachedEntry> statements_;  // By SQL text; see Prepare.
  // The claims of stored facts (ClaimsOf), so that a fact restated by
  // thousands of articles is not read back and parsed on each new source
  // (the cost of a write grew with the fact's history). A fact's entry is
  // dropped when RefreshFacts regroups it; all of them past
  // kMaxCachedClaims (memory stays bounded), when a write rolls back, and
  // when another connection committed (PRAGMA data_version).
  static constexpr size_t kMaxCachedClaims = 100000;
  std::unordered_map<int64_t, FactClaims> claim_cache_;
  size_t cached_claims_ = 0;
  int64_t data_version_ = -1;
  // Every stored article's SimHash, for Neighbors; kept in step with the
  // writes, and dropped with claim_cache_ (then read again when needed).
  std::unique_ptr<SimHashIndex> near_index_;
};

}  // namespace

std::unique_ptr<FactStore> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  // No memory statistics: quarry never reads them, and keeping them took a
  // global mutex on every SQLite allocation (4% of a write). Possible only
  // before SQLite initializes; later calls are refused and change nothing.
  static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kNoMemoryStatistics;
  try {
    return std::make_unique<SqliteFactStore>(path, options);
  } catch (const SQLite::Exception& e) {
    throw StoreError(path + ": " + e.what());
  }
}

}  // namespace quarry
