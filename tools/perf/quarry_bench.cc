// quarry_bench: the measuring half of tools/bench (issue 6). Exports nothing;
// each subcommand measures one thing in its own process (so that the peak
// RSS it reports is its own) and prints one JSON object on stdout, which
// tools/bench turns into the table:
//
//   read    --corpus DIR                         plain read of the article bytes
//   stages  --corpus DIR [--rules DIR]           every stage, one thread, timed apart
//   ingest  --corpus DIR --db FILE [--jobs N] [--rules DIR] [--truth FILE]
//                                                the real Ingest into SQLite; with
//                                                --truth, recall and precision of the
//                                                stored claims against the planted ones
//   gen-rules --from DIR --out DIR (--gazetteer N | --relations N)
//                                                a rules folder with N generated
//                                                gazetteer entries / N relation rules
//
// Errors (missing corpus, bad rules) go to stderr with exit status 2.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "dedupe/claims.h"
#include "generated_rules.h"
#include "pipeline/extract.h"
#include "pipeline/golden.h"
#include "pipeline/ingest.h"
#include "pipeline/report.h"
#include "pipeline/rule_set.h"
#include "store/fact_store.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

constexpr int kExitUsage = 2;

// CPU seconds of the calling thread: unlike wall time, not inflated when
// other processes share the cores (the figures of a busy machine).
double ThreadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// CPU seconds (user + system) of the whole process, all threads.
double ProcessCpu() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec * 1e-6;
}

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Peak resident set of this process in MB (VmHWM; getrusage as a fallback).
double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

struct Args {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& key, const std::string& fallback = "") const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
  }
  bool Has(const std::string& key) const { return values.count(key) > 0; }
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::cerr << "quarry_bench: expected --name value, got '" << a << "'\n";
      return false;
    }
    args->values[a.substr(2)] = argv[++i];
  }
  return true;
}

std::unique_ptr<RuleSet> LoadRules(const std::string& flag, double* seconds) {
  DiagnosticSink sink;
  auto start = Clock::now();
  auto rules = LoadRuleSet(ResolveRulesDir(flag), &sink);
  *seconds = Since(start);
  for (const auto& d : sink.diagnostics()) {
    if (!rules) std::cerr << d.ToString() << "\n";
  }
  return rules;
}

std::vector<std::string> CorpusFiles(const std::string& dir) {
  std::vector<FileFailure> failures;
  auto files = FindArticleFiles({dir}, false, &failures);
  for (const auto& f : failures) std::cerr << f.path << ": " << f.reason << "\n";
  return files;
}

// A plain read: every file into one reused buffer, nothing else. The floor
// that every other figure is compared with.
int RunRead(const Args& args) {
  auto files = CorpusFiles(args.Get("corpus"));
  std::string buffer;
  double best = 1e300;
  int64_t bytes = 0;
  for (int pass = 0; pass < 2; ++pass) {  // The first pass warms the page cache.
    bytes = 0;
    auto start = Clock::now();
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      buffer = content.str();
      bytes += static_cast<int64_t>(buffer.size());
    }
    best = std::min(best, Since(start));
  }
  Json out;
  out["files"] = files.size();
  out["bytes"] = bytes;
  out["seconds"] = best;
  out["mb_per_s"] = bytes / 1e6 / best;
  std::cout << out.dump() << "\n";
  return 0;
}

// Every stage of one article after the other, timed apart; one thread, one
// article in memory at a time (as a worker of Ingest sees it).
int RunStages(const Args& args) {
  double load_seconds = 0;
  auto rules = LoadRules(args.Get("rules"), &load_seconds);
  if (!rules) return kExitUsage;
  auto files = CorpusFiles(args.Get("corpus"));
  fs::path db = fs::temp_directory_path() /
                ("quarry_bench_stages_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  auto store = OpenSqliteStore(db.string(), {false, 0, true});
  int64_t run = store->BeginRun({"bench", rules->hash, "quarry_bench stages"});

  static const char* const kStages[] = {"read", "normalize", "segment", "entities",
                                        "quantities", "relations", "dedupe", "store"};
  double seconds[8] = {};
  double cpu[8] = {};
  // Articles per store transaction, as src/pipeline/ingest.cc batches them.
  constexpr int kStoreBatch = 128;
  int batched = 0;
  int64_t bytes = 0, articles = 0, failed = 0, relations = 0;
  for (const auto& path : files) {
    Document doc;
    std::string error;
    double c[9];
    c[0] = ThreadCpu();
    auto t0 = Clock::now();
    bool ok = ReadArticle(path, kDefaultMaxFileSize, &doc, &error);
    auto t1 = Clock::now();
    c[1] = ThreadCpu();
    seconds[0] += std::chrono::duration<double>(t1 - t0).count();
    cpu[0] += c[1] - c[0];
    if (!ok) {
      ++failed;
      continue;
    }
    bytes += static_cast<int64_t>(doc.raw.size());
    ok = rules->normalizer->Run(&doc, &error);
    auto t2 = Clock::now();
    c[2] = ThreadCpu();
    seconds[1] += std::chrono::duration<double>(t2 - t1).count();
    cpu[1] += c[2] - c[1];
    if (!ok) {
      ++failed;
      continue;
    }
    ++articles;
    rules->segmenter->Run(&doc);
    auto t3 = Clock::now();
    c[3] = ThreadCpu();
    rules->entities->Run(&doc);
    auto t4 = Clock::now();
    c[4] = ThreadCpu();
    rules->quantities->Run(&doc);
    auto t5 = Clock::now();
    c[5] = ThreadCpu();
    rules->relations->Run(&doc);
    auto t6 = Clock::now();
    c[6] = ThreadCpu();
    ArticleRecord record;
    record.doc = &doc;
    record.claims = BuildClaims(doc);
    record.simhash = SimHash(doc.text);
    record.size = static_cast<int64_t>(doc.raw.size());
    record.rules_hash = rules->hash;
    auto t7 = Clock::now();
    c[7] = ThreadCpu();
    // Batched like Ingest: one transaction per kStoreBatch articles.
    if (batched == 0) store->BeginBatch();
    store->WriteArticle(run, record);
    if (++batched == kStoreBatch) {
      store->CommitBatch();
      batched = 0;
    }
    auto t8 = Clock::now();
    c[8] = ThreadCpu();
    for (int k = 2; k < 8; ++k) cpu[k] += c[k + 1] - c[k];
    relations += static_cast<int64_t>(doc.relations.size());
    seconds[2] += std::chrono::duration<double>(t3 - t2).count();
    seconds[3] += std::chrono::duration<double>(t4 - t3).count();
    seconds[4] += std::chrono::duration<double>(t5 - t4).count();
    seconds[5] += std::chrono::duration<double>(t6 - t5).count();
    seconds[6] += std::chrono::duration<double>(t7 - t6).count();
    seconds[7] += std::chrono::duration<double>(t8 - t7).count();
  }
  if (batched > 0) {
    double c0 = ThreadCpu();
    auto t0 = Clock::now();
    store->CommitBatch();
    seconds[7] += Since(t0);
    cpu[7] += ThreadCpu() - c0;
  }
  store->FinishRun(run, {}, "ok");
  store.reset();
  fs::remove(db);

  Json out;
  out["files"] = files.size();
  out["articles"] = articles;
  out["failed"] = failed;
  out["bytes"] = bytes;
  out["relations"] = relations;
  out["rules_load_seconds"] = load_seconds;
  Json stages = Json::object();
  Json cpu_stages = Json::object();
  for (int s = 0; s < 8; ++s) {
    stages[kStages[s]] = seconds[s];
    cpu_stages[kStages[s]] = cpu[s];
  }
  out["seconds"] = stages;
  out["cpu_seconds"] = cpu_stages;
  out["extraction_cpu_seconds"] = cpu[1] + cpu[2] + cpu[3] + cpu[4] + cpu[5];
  // Extraction: normalize through relations, no database (issue 6's 25 MB/s).
  out["extraction_seconds"] = seconds[1] + seconds[2] + seconds[3] + seconds[4] + seconds[5];
  out["peak_rss_mb"] = PeakRssMb();
  std::cout << out.dump() << "\n";
  return 0;
}

// Claims as `quarry facts` and the golden files print them.
std::set<std::string> ClaimLines(const std::vector<FactView>& facts) {
  std::set<std::string> out;
  for (const FactView& fact : facts) {
    for (const ClaimView& claim : fact.claims) out.insert(FormatClaim(fact.predicate, claim.args));
  }
  return out;
}

std::string PredicateOf(const std::string& claim) { return claim.substr(0, claim.find('(')); }

int RunIngest(const Args& args) {
  double load_seconds = 0;
  auto rules = LoadRules(args.Get("rules"), &load_seconds);
  if (!rules) return kExitUsage;
  std::string corpus = args.Get("corpus");
  std::string db = args.Get("db");
  fs::remove(db);
  auto store = OpenSqliteStore(db, {false, 0, true});
  IngestOptions options;
  options.paths = {corpus};
  options.jobs = std::stoi(args.Get("jobs", "0"));
  options.version = "bench";
  options.command = "quarry_bench ingest";
  double cpu_before = ProcessCpu();
  IngestSummary s = Ingest(*rules, store.get(), options);
  double cpu_seconds = ProcessCpu() - cpu_before;

  Json out;
  out["jobs"] = options.jobs;
  out["files"] = s.counts.files_seen;
  out["articles"] = s.counts.files_new;
  out["failed"] = s.counts.files_failed;
  out["near_duplicates"] = s.near_duplicates;
  out["bytes"] = s.bytes_read;
  out["seconds"] = s.seconds;
  out["cpu_seconds"] = cpu_seconds;
  out["peak_rss_mb"] = PeakRssMb();  // Before reading the facts back.
  out["rules_load_seconds"] = load_seconds;

  std::vector<FactView> facts = store->Facts({});
  // The exported facts, byte for byte: what --jobs must not change.
  std::string golden;
  for (const std::string& line : GoldenLines(facts, corpus)) golden += line + "\n";
  out["facts_sha256"] = Sha256Hex(golden);
  std::set<std::string> got = ClaimLines(facts);
  out["claims"] = got.size();

  std::string truth_path = args.Get("truth");
  if (!truth_path.empty()) {
    std::ifstream in(truth_path);
    if (!in) {
      std::cerr << truth_path << ": error: cannot open\n";
      return kExitUsage;
    }
    std::set<std::string> truth;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) truth.insert(line);
    }
    std::map<std::string, std::pair<int, int>> by_predicate;  // found, planted
    int found = 0;
    std::vector<std::string> missed;
    for (const std::string& t : truth) {
      bool hit = got.count(t) > 0;
      found += hit;
      auto& counts = by_predicate[PredicateOf(t)];
      counts.first += hit;
      ++counts.second;
      if (!hit && missed.size() < 10) missed.push_back(t);
    }
    int correct = 0;
    std::vector<std::string> extra;
    for (const std::string& g : got) {
      if (truth.count(g)) {
        ++correct;
      } else if (extra.size() < 10) {
        extra.push_back(g);
      }
    }
    out["truth"] = truth.size();
    out["recall"] = truth.empty() ? 0.0 : static_cast<double>(found) / truth.size();
    out["precision"] = got.empty() ? 0.0 : static_cast<double>(correct) / got.size();
    Json per = Json::object();
    for (const auto& [predicate, counts] : by_predicate) {
      per[predicate] = static_cast<double>(counts.first) / counts.second;
    }
    out["recall_by_predicate"] = per;
    out["missed_examples"] = missed;
    out["unexpected_examples"] = extra;
  }
  std::cout << out.dump() << "\n";
  return 0;
}

bool CopyRules(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (entry.path().extension() != ".rules") continue;
    fs::copy_file(entry.path(), to / entry.path().filename(),
                  fs::copy_options::overwrite_existing, ec);
    if (ec) {
      std::cerr << entry.path().string() << ": error: " << ec.message() << "\n";
      return false;
    }
  }
  return !ec;
}

int RunGenRules(const Args& args) {
  fs::path from = ResolveRulesDir(args.Get("from"));
  fs::path to = args.Get("out");
  if (to.empty() || !CopyRules(from, to)) {
    std::cerr << "quarry_bench gen-rules: cannot copy " << from.string() << " to " << to.string()
              << "\n";
    return kExitUsage;
  }
  if (args.Has("gazetteer")) {
    auto generated = scale::GenerateGazetteer(std::stoul(args.Get("gazetteer")));
    std::ofstream out(to / "gazetteer.rules", std::ios::app);
    out << "\n# Generated by quarry_bench gen-rules (tools/perf/generated_rules.h).\n"
        << generated.rules;
  }
  if (args.Has("relations")) {
    // Up to N rules in all: the shipped ones plus generated ones.
    DiagnosticSink sink;
    RuleFiles files = RuleFiles::ReadDirectory(from.string(), &sink);
    int shipped = 0;
    if (const RuleFile* f = files.Find("relations.rules")) {
      std::istringstream in(f->content);
      for (std::string line; std::getline(in, line);) shipped += line.rfind("rule ", 0) == 0;
    }
    int n = std::stoi(args.Get("relations")) - shipped;
    std::ofstream out(to / "relations.generated.rules");
    out << "# Generated by quarry_bench gen-rules (tools/perf/generated_rules.h).\n"
        << scale::GenerateRelationRules(std::max(0, n));
  }
  Json out;
  out["rules"] = to.string();
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace quarry

int main(int argc, char** argv) {
  using namespace quarry;
  std::string command = argc > 1 ? argv[1] : "";
  Args args;
  if (!ParseArgs(argc, argv, &args)) return kExitUsage;
  if ((command == "read" || command == "stages" || command == "ingest") &&
      !std::filesystem::is_directory(args.Get("corpus"))) {
    std::cerr << "quarry_bench: --corpus: not a folder: '" << args.Get("corpus") << "'\n";
    return kExitUsage;
  }
  try {
    if (command == "read") return RunRead(args);
    if (command == "stages") return RunStages(args);
    if (command == "ingest" && args.Has("db")) return RunIngest(args);
    if (command == "gen-rules") return RunGenRules(args);
  } catch (const std::exception& e) {  // Storage failures and bad numbers: report, exit 2.
    std::cerr << "quarry_bench: error: " << e.what() << "\n";
    return kExitUsage;
  }
  std::cerr << "usage: quarry_bench read|stages|ingest|gen-rules --corpus DIR ... "
               "(see tools/perf/quarry_bench.cc)\n";
  return kExitUsage;
}
