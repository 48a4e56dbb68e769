// Exports FindArticleFiles and Ingest.
#include "pipeline/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
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
  enum class Outcome { kUnchanged, kFailed, kExtracted } outcome = Outcome::kFailed;
  bool existed = false;
  std::string reason;
  Document doc;
  FileStat stat;
};

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

IngestSummary Ingest(const RuleSet& rules, FactStore* store, const IngestOptions& options,
                     const std::function<void(const std::string&, const char*)>& on_file) {
  auto started = std::chrono::steady_clock::now();
  IngestSummary summary;
  std::vector<std::string> files = FindArticleFiles(options.paths, options.follow_symlinks,
                                                    &summary.failures);
  summary.run_id = store->BeginRun({options.version, rules.hash, options.command});
  for (const auto& failure : summary.failures) store->RecordFailure(summary.run_id, failure.path, failure.reason);
  summary.counts.files_seen = static_cast<int>(files.size());
  summary.counts.files_failed = static_cast<int>(summary.failures.size());

  // What the store knew of each file, read up front by the writing thread
  // (the store is not shared between threads).
  std::vector<std::optional<StoredArticle>> known(files.size());
  for (size_t i = 0; i < files.size(); ++i) known[i] = store->FindArticle(files[i]);

  auto work = [&](size_t i) {
    Extracted result;
    const std::string& path = files[i];
    result.existed = known[i].has_value();
    auto stat = Stat(path);
    if (!stat) {
      result.reason = "vanished or unreadable before it could be read";
      return result;
    }
    result.stat = *stat;
    // Cheap check first: same size and mtime as when stored.
    if (known[i] && known[i]->size == stat->size && known[i]->mtime_ns == stat->mtime_ns) {
      result.outcome = Extracted::Outcome::kUnchanged;
      return result;
    }
    if (!ReadArticle(path, options.max_file_size, &result.doc, &result.reason)) return result;
    if (known[i] && known[i]->content_hash == result.doc.content_hash) {
      result.outcome = Extracted::Outcome::kUnchanged;
      return result;
    }
    if (!ExtractArticle(rules, &result.doc, &result.reason)) return result;
    result.outcome = Extracted::Outcome::kExtracted;
    return result;
  };

  // Workers extract ahead of the writer by at most `window` files; the writer
  // takes results strictly in path order so that the database does not depend
  // on thread timing.
  int jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const size_t window = static_cast<size_t>(jobs) * 4;
  std::vector<std::optional<Extracted>> slots(files.size());
  std::mutex mu;
  std::condition_variable ready, room;
  size_t next = 0, written = 0;
  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock lock(mu);
        room.wait(lock, [&] { return next >= files.size() || next < written + window; });
        if (next >= files.size()) return;
        i = next++;
      }
      Extracted result = work(i);
      {
        std::lock_guard lock(mu);
        slots[i] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);

  for (size_t i = 0; i < files.size(); ++i) {
    Extracted result;
    {
      std::unique_lock lock(mu);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      result = std::move(*slots[i]);
      slots[i].reset();
      written = i + 1;
    }
    room.notify_all();
    const std::string& path = files[i];
    const char* outcome = "failed";
    switch (result.outcome) {
      case Extracted::Outcome::kUnchanged:
        ++summary.counts.files_unchanged;
        outcome = "unchanged";
        break;
      case Extracted::Outcome::kFailed:
        ++summary.counts.files_failed;
        summary.failures.push_back({path, result.reason});
        store->RecordFailure(summary.run_id, path, result.reason);
        break;
      case Extracted::Outcome::kExtracted: {
        summary.bytes_read += static_cast<int64_t>(result.doc.raw.size());
        ArticleRecord record;
        record.doc = &result.doc;
        record.claims = BuildClaims(result.doc);
        record.simhash = SimHash(result.doc.text);
        record.size = result.stat.size;
        record.mtime_ns = result.stat.mtime_ns;
        record.rules_hash = rules.hash;
        try {
          WriteResult written_result = store->WriteArticle(summary.run_id, record);
          store->ClearFailure(path);
          summary.counts.facts_new += written_result.facts_new;
          summary.counts.facts_merged += written_result.facts_merged;
          summary.counts.facts_retracted += written_result.facts_retracted;
          if (written_result.duplicate_of) ++summary.near_duplicates;
          ++(result.existed ? summary.counts.files_changed : summary.counts.files_new);
          outcome = result.existed ? "changed" : "new";
        } catch (const StoreError& e) {
          ++summary.counts.files_failed;
          summary.failures.push_back({path, e.what()});
        }
        break;
      }
    }
    if (on_file) on_file(path, outcome);
  }
  for (auto& t : threads) t.join();
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  store->FinishRun(summary.run_id, summary.counts, summary.counts.files_failed ? "partial" : "ok");
  return summary;
}

}  // namespace quarry
