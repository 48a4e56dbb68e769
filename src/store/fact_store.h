// Stage 5, store.
//
// In:  an ingested article: its Document (after relations) and its Claims
//      (dedupe), plus file metadata.
// Out: a database of articles, entities, mentions, quantities, facts, claims
//      and claim sources, where each fact is stored once with every source.
//
// FactStore is the one interface the rest of quarry uses for storage, so that
// a server database can be added beside SQLite. Writes of one article are
// atomic: after a crash the article is either fully there or not at all.
// Methods report storage failures by throwing StoreError; the pipeline catches
// them per article and the CLI at the top.
#ifndef QUARRY_STORE_FACT_STORE_H_
#define QUARRY_STORE_FACT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "dedupe/claims.h"

namespace quarry {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the store remembers of a file, to skip unchanged ones.
struct StoredArticle {
  int64_t id = 0;
  std::string path;
  std::string content_hash;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string rules_hash;
};

struct ArticleRecord {
  const Document* doc = nullptr;
  std::vector<Claim> claims;
  uint64_t simhash = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string rules_hash;  // Of the rules that extracted the claims.
};

struct WriteResult {
  int facts_new = 0;        // Facts that did not exist before this article.
  int facts_merged = 0;     // Claims added as a source to an existing fact.
  int facts_retracted = 0;  // Facts that lost their last source (a changed file).
  int64_t duplicate_of = 0; // Near-identical earlier article, or 0.
};

struct RunCounts {
  int files_seen = 0, files_new = 0, files_changed = 0, files_unchanged = 0, files_failed = 0;
  int facts_new = 0, facts_merged = 0, facts_retracted = 0;
  // Articles removed by --prune (their file is gone) and re-extracted from
  // their stored bytes by --reprocess (schema version 2).
  int files_pruned = 0, files_reprocessed = 0;
};

struct RunInfo {
  std::string version;
  std::string rules_hash;
  std::string command;
};

struct RunView {
  int64_t id = 0;
  std::string started_at, finished_at, version, rules_hash, status;
  RunCounts counts;
};

struct SourceView {
  std::string article;    // Path of the article.
  int64_t article_id = 0;
  int64_t duplicate_of = 0;
  std::string sentence;
  std::string rule;
  int64_t start = 0, end = 0;          // In the normalized text.
  int64_t raw_start = 0, raw_end = 0;  // In the original file's bytes.
  double confidence = 1;
};

struct ClaimView {
  int64_t id = 0;
  nlohmann::ordered_json args;  // Canonical args (entities as {"id","name"}).
  std::vector<SourceView> sources;
  int independent_sources = 0;  // Sources counted once per near-duplicate cluster.
};

struct FactView {
  int64_t id = 0;
  std::string predicate;
  std::string key;
  std::vector<ClaimView> claims;  // Best supported first; more than one valued claim is a conflict.
  int source_count = 0;
  int independent_sources = 0;
  double confidence = 0;
  bool conflict = false;
};

struct FactFilter {
  std::string predicate;  // Empty: all.
  std::string entity;     // Empty: all; else an entity id or name (case-insensitive).
};

// Not thread-safe: use a store from one thread at a time (Ingest's workers
// take a lock to read stored bytes while the writer holds it).
class FactStore {
 public:
  virtual ~FactStore() = default;

  virtual std::optional<StoredArticle> FindArticle(const std::string& path) = 0;
  // Every stored article, in path order.
  virtual std::vector<StoredArticle> Articles() = 0;
  // The original bytes of a stored article, for re-extraction without the
  // file; false when `path` is not stored.
  virtual bool LoadRaw(const std::string& path, std::string* raw) = 0;
  // Starts a run ("running"); a run left "running" by a killed ingest is
  // marked "interrupted". Call with the writer lock held (exclusive_writer).
  virtual int64_t BeginRun(const RunInfo& info) = 0;
  virtual void FinishRun(int64_t run_id, const RunCounts& counts, const std::string& status) = 0;

  // Stores the article and its claims in one transaction, replacing whatever
  // an earlier version of the same path had contributed.
  virtual WriteResult WriteArticle(int64_t run_id, const ArticleRecord& record) = 0;
  // Removes the article at `path` and everything it contributed, in one
  // transaction: its mentions, quantities and claim sources; a claim or fact
  // with no source left, and an entity nothing refers to any more, go too.
  // Returns the number of facts retracted (0 when `path` is not stored).
  virtual int RemoveArticle(const std::string& path) = 0;
  // Groups the writes that follow, up to CommitBatch, into one transaction:
  // committing each article alone rewrites the same index pages to the
  // journal over and over (most of an ingest's time went there). Inside a
  // batch each WriteArticle/RemoveArticle is still atomic (a savepoint that
  // a failed article rolls back), and a crash loses only the open batch,
  // whose articles are then absent as a whole. Batches do not nest.
  virtual void BeginBatch() = 0;
  virtual void CommitBatch() = 0;
  // Remembers why a file could not be ingested (replaced on each attempt).
  virtual void RecordFailure(int64_t run_id, const std::string& path, const std::string& reason) = 0;
  // The file was ingested successfully since: forget its failure.
  virtual void ClearFailure(const std::string& path) = 0;

  virtual std::vector<FactView> Facts(const FactFilter& filter) = 0;
  virtual std::vector<RunView> Runs() = 0;
  // Every table as JSON Lines, one {"table": ..., ...row} object per line.
  virtual void Export(const std::function<void(const nlohmann::ordered_json&)>& emit) = 0;
};

struct StoreOptions {
  bool read_only = false;
  int lock_timeout_ms = 0;  // How long to wait for another writer.
  // Hold the database for this process alone (an ingest) until the store is
  // closed; another such process waits up to lock_timeout_ms, then gets a
  // StoreError saying that another ingest holds the database. Readers are
  // never blocked.
  bool exclusive_writer = false;
};

// Opens (creating and migrating as needed) a SQLite database.
std::unique_ptr<FactStore> OpenSqliteStore(const std::string& path, const StoreOptions& options);

}  // namespace quarry

#endif  // QUARRY_STORE_FACT_STORE_H_
