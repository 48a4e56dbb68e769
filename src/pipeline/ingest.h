// Ingesting folders of articles into a FactStore: walk, skip what is
// unchanged, extract in worker threads, write from one thread in path order.
#ifndef QUARRY_PIPELINE_INGEST_H_
#define QUARRY_PIPELINE_INGEST_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/extract.h"
#include "pipeline/rule_set.h"
#include "store/fact_store.h"

namespace quarry {

struct IngestOptions {
  std::vector<std::string> paths;  // Files and folders; folders are walked recursively.
  int jobs = 0;                    // Extracting threads, the writing one included; 0 = all cores.
  int64_t max_file_size = kDefaultMaxFileSize;
  bool follow_symlinks = false;
  std::string version;             // Recorded in the runs table.
  std::string command;
  // Remove the stored articles under `paths` whose file is gone (see Ingest).
  bool prune = false;
  // Re-extract stored articles from their stored bytes with the current
  // rules: kStale those stored with another rules hash, kAll every one.
  enum class Reprocess { kNone, kStale, kAll } reprocess = Reprocess::kNone;
  // For tests: called by a worker right before it reads `path` from disk.
  std::function<void(const std::string& path)> before_read;
};

struct FileFailure {
  std::string path;
  std::string reason;
};

struct IngestSummary {
  int64_t run_id = 0;
  RunCounts counts;
  std::vector<FileFailure> failures;
  int near_duplicates = 0;
  double seconds = 0;
  int64_t bytes_read = 0;
};

// Article files under `paths` (.txt, .html, .htm, .md), as absolute, lexically
// normal paths in sorted order. Unreadable folders and missing paths become
// failures.
std::vector<std::string> FindArticleFiles(const std::vector<std::string>& paths,
                                          bool follow_symlinks,
                                          std::vector<FileFailure>* failures);

// Called from the writing thread after each file: `done` of `total` files
// are through, the last being `path` ("new", "changed", "unchanged",
// "reprocessed" or "failed").
using IngestProgress = std::function<void(size_t done, size_t total, const std::string& path,
                                          const char* outcome)>;

// Ingests; one bad article never stops the batch, and each article is
// written in its own transaction, so a killed run leaves a database that a
// rerun completes to exactly what one uninterrupted run gives.
//
// --prune: a stored article whose path lies under one of `paths` and whose
// file no longer exists (ENOENT) is removed with everything it contributed.
// A file that exists but could not be read is kept, and so is everything
// under a root that does not exist or holds no article file at all (an
// unmounted disk looks like that).
//
// --reprocess: files on disk that are unchanged, and stored articles that
// are not under `paths` at all, are re-extracted from the bytes stored with
// them. kStale skips articles already extracted with the current rules hash,
// so an interrupted reprocess resumes where it stopped and a second one does
// nothing; kAll is for a new quarry whose code (not rules) extracts
// differently.
IngestSummary Ingest(const RuleSet& rules, FactStore* store, const IngestOptions& options,
                     const IngestProgress& on_file = nullptr);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_INGEST_H_
