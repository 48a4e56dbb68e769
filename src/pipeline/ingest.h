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
  int jobs = 0;                    // Extraction threads; 0 = all cores.
  int64_t max_file_size = kDefaultMaxFileSize;
  bool follow_symlinks = false;
  std::string version;             // Recorded in the runs table.
  std::string command;
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

// Ingests; one bad article never stops the batch. `on_file` (optional) is
// called from the writing thread after each file.
IngestSummary Ingest(const RuleSet& rules, FactStore* store, const IngestOptions& options,
                     const std::function<void(const std::string& path, const char* outcome)>&
                         on_file = nullptr);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_INGEST_H_
