// Exports FindArticleFiles and Ingest.
#include "pipeline/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "core/sha256.h"
#include "dedupe/claims.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

bool IsArticleName(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".md";
}

struct FileStat {
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

std::optional<FileStat> Stat(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileStat{st.st_size, int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// What a worker hands the writer for one file.
struct Extracted {
  enum class Outcome { kUnchanged, kFailed, kExtracted, kReprocessed } outcome = Outcome::kFailed;
  bool existed = false;
  std::string reason;
  Document doc;
  FileStat stat;
  // Dedupe's part, computed by the worker too so that the writer only writes.
  std::vector<Claim> claims;
  uint64_t simhash = 0;
};

// Articles per write transaction, and raw bytes: the first reached ends the
// batch. Large enough that index pages are written once per batch rather
// than once per article; small enough that a crash loses little work.
constexpr size_t kBatchArticles = 128;
constexpr int64_t kBatchBytes = int64_t{8} << 20;

}  // namespace

std::vector<std::string> FindArticleFiles(const std::vector<std::string>& paths,
                                          bool follow_symlinks,
                                          std::vector<FileFailure>* failures) {
  std::set<std::string> files;
  for (const auto& given : paths) {
    std::error_code ec;
    fs::path root = fs::absolute(given, ec).lexically_normal();
    fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      failures->push_back({given, "no such file or folder"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.insert(root.string());
      continue;
    }
    auto options = fs::directory_options::skip_permission_denied;
    if (follow_symlinks) options |= fs::directory_options::follow_directory_symlink;
    fs::recursive_directory_iterator it(root, options, ec), end;
    if (ec) {
      failures->push_back({given, "cannot read folder: " + ec.message()});
      continue;
    }
    // Folders already walked, by device and inode, so that symlink loops end.
    std::set<std::pair<dev_t, ino_t>> seen_dirs;
    for (; it != end; it.increment(ec)) {
      if (ec) {
        failures->push_back({it->path().string(), "cannot read: " + ec.message()});
        ec.clear();
        continue;
      }
      const fs::directory_entry& entry = *it;
      std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (entry.is_symlink(ec) && !follow_symlinks) continue;
      if (entry.is_directory(ec)) {
        struct stat st;
        if (::stat(entry.path().c_str(), &st) == 0 && !seen_dirs.insert({st.st_dev, st.st_ino}).second)
          it.disable_recursion_pending();
        continue;
      }
      if (entry.is_regular_file(ec) && IsArticleName(entry.path()))
        files.insert(entry.path().lexically_normal().string());
    }
  }
  return {files.begin(), files.end()};
}

namespace {

// A stored article under `root` (a file or a folder).
bool IsUnder(const std::string& path, const std::string& root) {
  if (path == root) return true;
  if (root == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

bool Gone(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

// --prune: see ingest.h.
void Prune(FactStore* store, const IngestOptions& options, const std::vector<std::string>& files,
           IngestSummary* summary) {
  std::vector<std::string> roots;
  for (const auto& given : options.paths) {
    std::error_code ec;
    std::string root = fs::absolute(given, ec).lexically_normal().string();
    if (root.size() > 1 && root.back() == '/') root.pop_back();
    if (ec || !fs::exists(root, ec)) continue;
    bool any = false;
    for (const auto& f : files) any = any || IsUnder(f, root);
    if (any) roots.push_back(root);
  }
  std::set<std::string> walked(files.begin(), files.end());
  for (const StoredArticle& article : store->Articles()) {
    if (walked.count(article.path)) continue;
    bool under = false;
    for (const auto& root : roots) under = under || IsUnder(article.path, root);
    if (!under || !Gone(article.path)) continue;
    try {
      summary->counts.facts_retracted += store->RemoveArticle(article.path);
      store->ClearFailure(article.path);
      ++summary->counts.files_pruned;
    } catch (const StoreError& e) {
      ++summary->counts.files_failed;
      summary->failures.push_back({article.path, std::string("cannot prune: ") + e.what()});
    }
  }
}

}  // namespace

IngestSummary Ingest(const RuleSet& rules, FactStore* store, const IngestOptions& options,
                     const IngestProgress& on_file) {
  auto started = std::chrono::steady_clock::now();
  IngestSummary summary;
  std::vector<std::string> files = FindArticleFiles(options.paths, options.follow_symlinks,
                                                    &summary.failures);
  summary.run_id = store->BeginRun({options.version, rules.hash, options.command});
  for (const auto& failure : summary.failures) store->RecordFailure(summary.run_id, failure.path, failure.reason);
  summary.counts.files_seen = static_cast<int>(files.size());
  summary.counts.files_failed = static_cast<int>(summary.failures.size());
  if (options.prune) Prune(store, options, files, &summary);

  // The work, in path order: every file found, plus (reprocessing) every
  // stored article that is not among them. What the store knew of each file
  // is read by the writing thread just before the file enters the workers'
  // window (and dropped once it is written), so memory does not grow with
  // the number of files.
  struct Item {
    std::string path;
    bool on_disk = true;
    // What the store knows of it, read as it enters the workers' window and
    // dropped once written; a pointer, because every file of the run has an
    // Item (an inline StoredArticle was 0.2 KB a file: 80 MB at 400,000).
    std::unique_ptr<StoredArticle> known;
    bool looked_up = false;
    std::string lookup_error;  // The store could not say what it knew.
  };
  std::vector<Item> items;
  items.reserve(files.size());
  for (auto& f : files) items.push_back({std::move(f), true, nullptr, false, {}});
  files.clear();
  files.shrink_to_fit();
  if (options.reprocess != IngestOptions::Reprocess::kNone) {
    std::set<std::string> walked;
    for (const Item& item : items) walked.insert(item.path);
    for (StoredArticle& article : store->Articles()) {
      if (walked.count(article.path)) continue;
      std::string path = article.path;
      items.push_back(
          {std::move(path), false, std::make_unique<StoredArticle>(std::move(article)), true, {}});
    }
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.path < b.path; });
  }
  auto wants_reprocess = [&](const Item& item) {
    if (!item.known) return false;
    if (options.reprocess == IngestOptions::Reprocess::kAll) return true;
    return options.reprocess == IngestOptions::Reprocess::kStale &&
           item.known->rules_hash != rules.hash;
  };
  // The store belongs to the writing thread, except that workers load stored
  // bytes to reprocess under this mutex.
  std::mutex store_mu;

  auto work = [&](size_t i) {
    Extracted result;
    const Item& item = items[i];
    if (!item.lookup_error.empty()) {
      result.reason = item.lookup_error;
      return result;
    }
    result.existed = item.known != nullptr;
    auto reprocess_stored = [&](const FileStat& stat) {
      std::string raw;
      bool loaded;
      {
        std::lock_guard lock(store_mu);
        try {
          loaded = store->LoadRaw(item.path, &raw);
        } catch (const StoreError& e) {
          result.reason = e.what();
          return result;
        }
      }
      if (!loaded) {
        result.reason = "vanished from the database before it could be reprocessed";
        return result;
      }
      result.stat = stat;
      if (!ExtractText(rules, item.path, std::move(raw), &result.doc, &result.reason))
        return result;
      result.outcome = Extracted::Outcome::kReprocessed;
      return result;
    };
    if (!item.on_disk) {
      if (!wants_reprocess(item)) {
        result.outcome = Extracted::Outcome::kUnchanged;
        return result;
      }
      return reprocess_stored({item.known->size, item.known->mtime_ns});
    }
    if (options.before_read) options.before_read(item.path);
    auto stat = Stat(item.path);
    if (!stat) {
      result.reason = "vanished or unreadable before it could be read";
      return result;
    }
    result.stat = *stat;
    // Cheap check first: same size and mtime as when stored.
    if (item.known && item.known->size == stat->size && item.known->mtime_ns == stat->mtime_ns) {
      if (wants_reprocess(item)) return reprocess_stored(*stat);
      result.outcome = Extracted::Outcome::kUnchanged;
      return result;
    }
    if (!ReadArticle(item.path, options.max_file_size, &result.doc, &result.reason)) return result;
    bool same = item.known && item.known->content_hash == result.doc.content_hash;
    if (same && !wants_reprocess(item)) {
      result.outcome = Extracted::Outcome::kUnchanged;
      return result;
    }
    if (!ExtractArticle(rules, &result.doc, &result.reason)) return result;
    result.outcome = same ? Extracted::Outcome::kReprocessed : Extracted::Outcome::kExtracted;
    return result;
  };

  // Extraction threads (`jobs` of them, the writing thread included) work
  // ahead of the writer by at most `window` files, into a ring of `window`
  // slots (item i in slot i % window); the writer takes results strictly in
  // path order so that the database does not depend on thread timing. Items
  // may be taken once i < claimable, which the writer raises after looking
  // the files up, to at most written + window. The writer extracts too
  // whenever the result it needs next is not there yet: with one dedicated
  // worker per core beside it, a core sat idle (or two threads fought over
  // it) whenever writing was faster than extracting, and --jobs 1 already
  // used two cores, so that more jobs could not scale.
  int jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const size_t window = static_cast<size_t>(jobs) * 4;
  std::vector<std::optional<Extracted>> slots(window);
  std::mutex mu;
  std::condition_variable ready, room;
  size_t next = 0, claimable = 0;
  auto extract = [&](size_t i) {
    Extracted result = work(i);
    if (result.outcome == Extracted::Outcome::kExtracted ||
        result.outcome == Extracted::Outcome::kReprocessed) {
      result.claims = BuildClaims(result.doc);
      result.simhash = SimHash(result.doc.text);
    }
    return result;
  };
  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock lock(mu);
        room.wait(lock, [&] { return next >= items.size() || next < claimable; });
        if (next >= items.size()) return;
        i = next++;
      }
      Extracted result = extract(i);
      {
        std::lock_guard lock(mu);
        slots[i % window] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(worker);

  // Writes go in batches (see kBatchArticles); `batch` holds the paths
  // written since the last commit, which a failed commit loses.
  std::vector<std::string> batch;
  int64_t batch_bytes = 0;
  auto commit = [&] {
    try {
      store->CommitBatch();
    } catch (const StoreError& e) {
      for (auto& path : batch) {
        ++summary.counts.files_failed;
        summary.failures.push_back({std::move(path), e.what()});
      }
    }
    batch.clear();
    batch_bytes = 0;
  };
  auto begin = [&] {
    try {
      store->BeginBatch();
    } catch (const StoreError&) {
      // Another writer holds the database: each write then takes (and
      // waits for) its own transaction and reports its own failure.
    }
  };
  begin();

  for (size_t i = 0; i < items.size(); ++i) {
    size_t until = std::min(items.size(), i + window);
    if (claimable < until) {
      {
        std::lock_guard store_lock(store_mu);
        for (size_t j = claimable; j < until; ++j) {
          Item& item = items[j];
          if (item.looked_up) continue;
          try {
            if (auto known = store->FindArticle(item.path))
              item.known = std::make_unique<StoredArticle>(std::move(*known));
          } catch (const StoreError& e) {
            item.lookup_error = e.what();
          }
          item.looked_up = true;
        }
      }
      {
        std::lock_guard lock(mu);
        claimable = until;
      }
      room.notify_all();
    }
    Extracted result;
    {
      std::unique_lock lock(mu);
      std::optional<Extracted>& slot = slots[i % window];
      while (!slot.has_value()) {
        if (next < claimable) {
          // The oldest unclaimed item: item i itself when no worker took it.
          size_t j = next++;
          lock.unlock();
          Extracted extracted = extract(j);
          lock.lock();
          slots[j % window] = std::move(extracted);
        } else {
          ready.wait(lock, [&] { return slot.has_value() || next < claimable; });
        }
      }
      result = std::move(*slot);
      slot.reset();
    }
    const std::string& path = items[i].path;
    const char* outcome = "failed";
    std::lock_guard store_lock(store_mu);
    switch (result.outcome) {
      case Extracted::Outcome::kUnchanged:
        if (items[i].on_disk) ++summary.counts.files_unchanged;
        outcome = "unchanged";
        break;
      case Extracted::Outcome::kFailed:
        ++summary.counts.files_failed;
        summary.failures.push_back({path, result.reason});
        store->RecordFailure(summary.run_id, path, result.reason);
        break;
      case Extracted::Outcome::kExtracted:
      case Extracted::Outcome::kReprocessed: {
        bool reprocessed = result.outcome == Extracted::Outcome::kReprocessed;
        summary.bytes_read += static_cast<int64_t>(result.doc.raw.size());
        ArticleRecord record;
        record.doc = &result.doc;
        record.claims = std::move(result.claims);
        record.simhash = result.simhash;
        record.size = result.stat.size;
        record.mtime_ns = result.stat.mtime_ns;
        record.rules_hash = rules.hash;
        try {
          WriteResult written_result = store->WriteArticle(summary.run_id, record);
          store->ClearFailure(path);
          batch.push_back(path);
          batch_bytes += static_cast<int64_t>(result.doc.raw.size());
          summary.counts.facts_new += written_result.facts_new;
          summary.counts.facts_merged += written_result.facts_merged;
          summary.counts.facts_retracted += written_result.facts_retracted;
          if (written_result.duplicate_of) ++summary.near_duplicates;
          if (reprocessed) {
            ++summary.counts.files_reprocessed;
            if (items[i].on_disk) ++summary.counts.files_unchanged;
            outcome = "reprocessed";
          } else {
            ++(result.existed ? summary.counts.files_changed : summary.counts.files_new);
            outcome = result.existed ? "changed" : "new";
          }
        } catch (const StoreError& e) {
          ++summary.counts.files_failed;
          summary.failures.push_back({path, e.what()});
        }
        break;
      }
    }
    items[i].known.reset();
    if (on_file) on_file(i + 1, items.size(), path, outcome);
    if (batch.size() >= kBatchArticles || batch_bytes >= kBatchBytes) {
      commit();
      begin();
    }
  }
  commit();
  for (auto& t : threads) t.join();
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  store->FinishRun(summary.run_id, summary.counts, summary.counts.files_failed ? "partial" : "ok");
  return summary;
}

}  // namespace quarry
