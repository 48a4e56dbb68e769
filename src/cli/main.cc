// The `quarry` command line: ingest, extract, facts, export, runs, rules
// check, test. This is the one place that catches exceptions (storage and I/O
// failures) and turns them into messages and exit codes:
//   0 all good; 1 the batch finished but some articles failed (or the golden
//   test differs); 2 usage, rule or database errors.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/diff_command.h"
#include "cli/explain_command.h"
#include "cli/progress.h"
#include "core/json.h"
#include "pipeline/extract.h"
#include "pipeline/golden.h"
#include "pipeline/ingest.h"
#include "pipeline/report.h"
#include "pipeline/rule_set.h"
#include "pipeline/rules_check.h"
#include "store/fact_store.h"

namespace quarry {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitPartial = 1;
constexpr int kExitUsage = 2;

void PrintDiagnostics(const DiagnosticSink& sink) {
  for (const auto& d : sink.diagnostics()) std::cerr << d.ToString() << "\n";
}

// Loads the rules or prints why not; the caller exits 2 on nullptr.
std::unique_ptr<RuleSet> LoadRulesOrReport(const std::string& flag) {
  DiagnosticSink sink;
  auto rules = LoadRuleSet(ResolveRulesDir(flag), &sink);
  PrintDiagnostics(sink);
  return rules;
}

// JSON text even when a path holds bytes that are not UTF-8 (they print as
// U+FFFD; file names are bytes, JSON strings are not).
std::string PrintableJson(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int RunIngest(const std::vector<std::string>& paths, const std::string& db,
              const std::string& rules_flag, int jobs, int64_t max_file_size,
              bool follow_symlinks, int lock_timeout_s, bool json, bool quiet,
              const std::string& command, bool prune, IngestOptions::Reprocess reprocess) {
  if (paths.empty() && reprocess == IngestOptions::Reprocess::kNone) {
    std::cerr << "quarry ingest: give files or folders to ingest (or --reprocess)\n";
    return kExitUsage;
  }
  if (prune && paths.empty()) {
    std::cerr << "quarry ingest: --prune needs the folders whose vanished files to prune\n";
    return kExitUsage;
  }
  auto rules = LoadRulesOrReport(rules_flag);
  if (!rules) return kExitUsage;
  auto store = OpenSqliteStore(db, {false, lock_timeout_s * 1000, true});
  IngestOptions options;
  options.paths = paths;
  options.jobs = jobs;
  options.max_file_size = max_file_size;
  options.follow_symlinks = follow_symlinks;
  options.version = QUARRY_VERSION;
  options.command = command;
  options.prune = prune;
  options.reprocess = reprocess;
  // On a terminal only: cron mail and log files get the summary alone.
  ProgressBar progress(!json && !quiet && ProgressBar::StderrIsTerminal());
  size_t failed = 0;
  IngestSummary s = Ingest(*rules, store.get(), options,
                           [&](size_t done, size_t total, const std::string&, const char* outcome) {
                             if (std::string(outcome) == "failed") ++failed;
                             progress.Update(done, total, failed);
                           });
  progress.Finish();
  for (const auto& f : s.failures) std::cerr << f.path << ": error: " << f.reason << "\n";
  const RunCounts& c = s.counts;
  double mb = s.bytes_read / 1e6;
  if (json) {
    nlohmann::ordered_json j;
    j["run"] = s.run_id;
    j["files"] = {{"seen", c.files_seen}, {"new", c.files_new}, {"changed", c.files_changed},
                  {"unchanged", c.files_unchanged}, {"failed", c.files_failed},
                  {"pruned", c.files_pruned}, {"reprocessed", c.files_reprocessed}};
    j["facts"] = {{"new", c.facts_new}, {"merged", c.facts_merged},
                  {"retracted", c.facts_retracted}};
    j["near_duplicates"] = s.near_duplicates;
    j["seconds"] = JsonNumber(std::round(s.seconds * 1000) / 1000);
    j["rules_hash"] = rules->hash;
    std::cout << j.dump() << "\n";
  } else if (!quiet) {
    std::printf("files: %d read, %d new, %d changed, %d unchanged, %d failed\n", c.files_seen,
                c.files_new, c.files_changed, c.files_unchanged, c.files_failed);
    if (c.files_pruned + c.files_reprocessed > 0)
      std::printf("stored articles: %d pruned (file gone), %d reprocessed\n", c.files_pruned,
                  c.files_reprocessed);
    std::printf("facts: %d new, %d merged, %d retracted; %d near-duplicate articles\n",
                c.facts_new, c.facts_merged, c.facts_retracted, s.near_duplicates);
    std::printf("time: %.2f s (%.1f MB extracted)\n", s.seconds, mb);
    if (c.files_new + c.files_changed + c.files_pruned + c.files_reprocessed == 0 &&
        c.files_failed == 0)
      std::printf("nothing changed\n");
  }
  return c.files_failed ? kExitPartial : kExitOk;
}

int RunExtract(const std::string& file, const std::string& rules_flag) {
  auto rules = LoadRulesOrReport(rules_flag);
  if (!rules) return kExitUsage;
  Document doc;
  std::string error;
  if (file == "-" || file.empty()) {
    std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (!ExtractText(*rules, "-", std::move(raw), &doc, &error)) {
      std::cerr << "-: error: " << error << "\n";
      return kExitPartial;
    }
  } else if (!ReadArticle(file, kDefaultMaxFileSize, &doc, &error) ||
             !ExtractArticle(*rules, &doc, &error)) {
    std::cerr << file << ": error: " << error << "\n";
    return kExitPartial;
  }
  // Findings in text order: entities and quantities by start, then relations.
  std::vector<std::pair<uint32_t, nlohmann::ordered_json>> findings;
  for (const auto& e : doc.entities) findings.emplace_back(e.span.begin, EntityToJson(e));
  for (const auto& q : doc.quantities) findings.emplace_back(q.span.begin, QuantityToJson(q));
  std::stable_sort(findings.begin(), findings.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [start, j] : findings) std::cout << j.dump() << "\n";
  for (const auto& r : doc.relations) std::cout << RelationToJson(r, doc.text).dump() << "\n";
  return kExitOk;
}

int RunFacts(const std::string& db, const std::string& format, const FactFilter& filter) {
  auto store = OpenSqliteStore(db, {true, 5000});
  auto facts = store->Facts(filter);
  if (format == "jsonl") {
    for (const auto& f : facts) std::cout << PrintableJson(FactToJson(f)) << "\n";
  } else if (format == "csv") {
    std::cout << "id,predicate,args,source_count,independent_sources,confidence,conflict,articles\n";
    for (const auto& f : facts) {
      for (const auto& claim : f.claims) {
        std::string articles;
        for (const auto& s : claim.sources) articles += (articles.empty() ? "" : ";") + s.article;
        std::cout << f.id << ',' << f.predicate << ',' << CsvField(PublicArgs(claim.args).dump())
                  << ',' << f.source_count << ',' << f.independent_sources << ','
                  << FormatNumber(f.confidence) << ',' << (f.conflict ? "true" : "false") << ','
                  << CsvField(articles) << "\n";
      }
    }
  } else {
    for (const auto& f : facts) {
      std::printf("#%lld %s  [%d source%s, %d independent, confidence %.2f]%s\n",
                  static_cast<long long>(f.id), FormatClaim(f.predicate, f.claims.front().args).c_str(),
                  f.source_count, f.source_count == 1 ? "" : "s", f.independent_sources,
                  f.confidence, f.conflict ? "  CONFLICT" : "");
      for (size_t i = 0; i < f.claims.size(); ++i) {
        const auto& claim = f.claims[i];
        if (f.conflict) std::printf("    claim %zu: %s\n", i + 1, FormatClaim(f.predicate, claim.args).c_str());
        for (const auto& s : claim.sources)
          std::printf("    - %s: %s\n", s.article.c_str(), s.sentence.c_str());
      }
    }
    if (facts.empty()) std::printf("no facts\n");
  }
  return kExitOk;
}

int RunExport(const std::string& db) {
  auto store = OpenSqliteStore(db, {true, 5000});
  store->Export(
      [](const nlohmann::ordered_json& row) { std::cout << PrintableJson(row) << "\n"; });
  return kExitOk;
}

int RunRuns(const std::string& db) {
  auto store = OpenSqliteStore(db, {true, 5000});
  std::printf("%-5s %-20s %-20s %-8s %6s %5s %7s %9s %6s %6s %7s %9s %7s %9s %s\n", "run",
              "started", "finished", "status", "seen", "new", "changed", "unchanged", "failed",
              "pruned", "reproc", "facts+", "merged", "retracted", "rules");
  for (const auto& r : store->Runs()) {
    const RunCounts& c = r.counts;
    std::printf("%-5lld %-20s %-20s %-8s %6d %5d %7d %9d %6d %6d %7d %9d %7d %9d %.12s\n",
                static_cast<long long>(r.id), r.started_at.c_str(), r.finished_at.c_str(),
                r.status.c_str(), c.files_seen, c.files_new, c.files_changed, c.files_unchanged,
                c.files_failed, c.files_pruned, c.files_reprocessed, c.facts_new, c.facts_merged,
                c.facts_retracted, r.rules_hash.c_str());
  }
  return kExitOk;
}

int RunRulesCheck(const std::string& rules_flag) {
  std::string dir = ResolveRulesDir(rules_flag);
  DiagnosticSink sink;
  auto rules = LoadRuleSet(dir, &sink);
  ExampleResult examples;
  if (rules) examples = CheckRuleExamples(*rules, &sink);
  PrintDiagnostics(sink);
  if (!rules || sink.HasErrors()) {
    std::cerr << dir << ": rules check failed";
    if (rules) std::cerr << " (" << examples.failed << " of " << examples.passed + examples.failed
                         << " examples failed)";
    std::cerr << "\n";
    return kExitUsage;
  }
  std::printf("%s: %zu rule files ok, %d examples passed\n", dir.c_str(),
              rules->files.files().size(), examples.passed);
  return kExitOk;
}

int RunTest(const std::string& rules_flag, const GoldenOptions& options) {
  auto rules = LoadRulesOrReport(rules_flag);
  if (!rules) return kExitUsage;
  return RunGoldenTest(*rules, options, std::cout);
}

std::string DefaultCorpus() {
  std::string rules = ResolveRulesDir("");
  auto slash = rules.find_last_of('/');
  return (slash == std::string::npos ? std::string(".") : rules.substr(0, slash)) + "/corpus";
}

int Main(int argc, char** argv) {
  CLI::App app{"quarry: turns folders of scraped news articles into a database of sourced facts"};
  app.require_subcommand(1);
  app.set_version_flag("--version", QUARRY_VERSION);

  std::string rules_flag, db;
  int jobs = 0;

  auto* ingest = app.add_subcommand("ingest", "Ingest articles (.txt, .html, .htm, .md) into a database");
  std::vector<std::string> paths;
  int64_t max_file_size = kDefaultMaxFileSize;
  bool follow_symlinks = false, json = false, quiet = false;
  int lock_timeout = 60;
  bool prune = false, reprocess = false, reprocess_all = false;
  ingest->add_option("paths", paths, "Files and folders (walked recursively)");
  ingest->add_option("--db", db, "SQLite database file (created when missing)")->required();
  ingest->add_option("--rules", rules_flag, "Rules folder (default: $QUARRY_RULES, else the checkout's rules/)");
  ingest->add_option("--jobs,-j", jobs, "Threads, the writer among them (default: all cores)")->check(CLI::NonNegativeNumber);
  ingest->add_option("--max-file-size", max_file_size, "Skip files larger than this many bytes")
      ->check(CLI::PositiveNumber);
  ingest->add_flag("--follow-symlinks", follow_symlinks, "Follow symbolic links out of the given folders");
  ingest->add_option("--lock-timeout", lock_timeout, "Seconds to wait for another writer")
      ->check(CLI::NonNegativeNumber);
  ingest->add_flag("--json", json, "Print the summary as one JSON object");
  ingest->add_flag("--quiet,-q", quiet, "Print only errors");
  ingest->add_flag("--prune", prune,
                   "Remove stored articles under the given folders whose file is gone");
  ingest->add_flag("--reprocess", reprocess,
                   "Re-extract stored articles made with other rules, from their stored text");
  ingest->add_flag("--reprocess-all", reprocess_all,
                   "Re-extract every stored article from its stored text");

  auto* extract = app.add_subcommand("extract", "Run the pipeline on one article; print JSON Lines");
  std::string extract_file = "-";
  extract->add_option("file", extract_file, "Article file, or - for standard input");
  extract->add_option("--rules", rules_flag, "Rules folder");

  auto* facts = app.add_subcommand("facts", "List the deduplicated facts");
  std::string format = "table";
  FactFilter filter;
  facts->add_option("--db", db, "Database file")->required()->check(CLI::ExistingFile);
  facts->add_option("--format", format, "table, jsonl or csv")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  facts->add_option("--predicate", filter.predicate, "Only this predicate");
  facts->add_option("--entity", filter.entity, "Only facts with this entity (id or name)");

  auto* exp = app.add_subcommand("export", "Export everything as JSON Lines");
  std::string export_format = "jsonl";
  exp->add_option("--db", db, "Database file")->required()->check(CLI::ExistingFile);
  exp->add_option("--format", export_format, "jsonl")->check(CLI::IsMember({"jsonl"}));

  auto* runs = app.add_subcommand("runs", "List the ingest runs of a database");
  runs->add_option("--db", db, "Database file")->required()->check(CLI::ExistingFile);

  auto* rules_cmd = app.add_subcommand("rules", "Work with rule files");
  rules_cmd->require_subcommand(1);
  auto* check = rules_cmd->add_subcommand("check", "Validate every rule file and run its examples");
  check->add_option("--rules", rules_flag, "Rules folder");

  auto* test = app.add_subcommand("test", "Golden test: ingest a corpus, compare with its expected.facts");
  GoldenOptions golden;
  test->add_option("--rules", rules_flag, "Rules folder");
  test->add_option("--corpus", golden.corpus_dir, "Corpus folder (default: the checkout's corpus/)");
  test->add_option("--expected", golden.expected_file, "Expected facts (default: CORPUS/expected.facts)");
  test->add_flag("--update", golden.update, "Accept the actual facts into the expected file");
  test->add_option("--jobs,-j", golden.jobs, "Extraction threads")->check(CLI::NonNegativeNumber);

  int command_exit = -1;  // Set by commands registered from their own files.
  RegisterExplainCommand(&app, &command_exit);
  RegisterDiffCommand(&app, &command_exit);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (command_exit >= 0) return command_exit;

  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);

  if (*ingest) return RunIngest(paths, db, rules_flag, jobs, max_file_size, follow_symlinks,
                                lock_timeout, json, quiet, command, prune,
                                reprocess_all ? IngestOptions::Reprocess::kAll
                                : reprocess   ? IngestOptions::Reprocess::kStale
                                              : IngestOptions::Reprocess::kNone);
  if (*extract) return RunExtract(extract_file, rules_flag);
  if (*facts) return RunFacts(db, format, filter);
  if (*exp) return RunExport(db);
  if (*runs) return RunRuns(db);
  if (*check) return RunRulesCheck(rules_flag);
  if (*test) {
    if (golden.corpus_dir.empty()) golden.corpus_dir = DefaultCorpus();
    return RunTest(rules_flag, golden);
  }
  return kExitUsage;
}

}  // namespace
}  // namespace quarry

int main(int argc, char** argv) {
  try {
    return quarry::Main(argc, argv);
  } catch (const quarry::StoreError& e) {
    std::cerr << "quarry: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "quarry: internal error: " << e.what() << "\n";
    return 2;
  }
}
