// Exports GoldenLines and RunGoldenTest.
#include "pipeline/golden.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/ingest.h"
#include "pipeline/report.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

std::string Relative(const std::string& path, const std::string& corpus_dir) {
  std::error_code ec;
  fs::path root = fs::absolute(corpus_dir, ec).lexically_normal();
  fs::path rel = fs::path(path).lexically_relative(root);
  return rel.empty() ? path : rel.string();
}

}  // namespace

std::vector<std::string> GoldenLines(const std::vector<FactView>& facts,
                                     const std::string& corpus_dir) {
  std::vector<std::string> lines;
  for (const auto& fact : facts) {
    for (const auto& claim : fact.claims) {
      std::set<std::string> articles;
      for (const auto& s : claim.sources) articles.insert(Relative(s.article, corpus_dir));
      std::string line = FormatClaim(fact.predicate, claim.args) + "  <- " +
                         std::to_string(articles.size());
      if (claim.independent_sources != static_cast<int>(articles.size()))
        line += " (" + std::to_string(claim.independent_sources) + " independent)";
      line += ":";
      bool first = true;
      for (const auto& a : articles) {
        line += (first ? " " : ", ") + a;
        first = false;
      }
      if (fact.conflict) line += " [conflict]";
      lines.push_back(std::move(line));
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

int RunGoldenTest(const RuleSet& rules, const GoldenOptions& options, std::ostream& out) {
  fs::path expected_path = options.expected_file.empty()
                               ? fs::path(options.corpus_dir) / kExpectedFactsFile
                               : fs::path(options.expected_file);
  auto store = OpenSqliteStore(":memory:", {});
  IngestOptions ingest;
  ingest.paths = {options.corpus_dir};
  ingest.jobs = options.jobs;
  ingest.version = "test";
  IngestSummary summary = Ingest(rules, store.get(), ingest);
  for (const auto& failure : summary.failures)
    out << failure.path << ": error: " << failure.reason << "\n";
  if (summary.counts.files_seen == 0) {
    out << options.corpus_dir << ": error: no articles found\n";
    return 2;
  }
  std::vector<FactView> facts = store->Facts({});
  std::vector<std::string> actual = GoldenLines(facts, options.corpus_dir);

  if (options.update) {
    std::ofstream file(expected_path);
    file << "# Expected facts of this corpus: one line per claim, sorted.\n"
            "# Regenerate with `quarry test --update` and review the diff like code.\n";
    for (const auto& line : actual) file << line << "\n";
    if (!file) {
      out << expected_path.string() << ": error: cannot write\n";
      return 2;
    }
    out << "updated " << expected_path.string() << " (" << actual.size() << " facts)\n";
    return 0;
  }

  std::ifstream file(expected_path);
  if (!file) {
    out << expected_path.string() << ": error: cannot read expected facts "
        << "(create it with `quarry test --update`)\n";
    return 2;
  }
  std::vector<std::string> expected;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#') continue;
    expected.push_back(line);
  }
  std::sort(expected.begin(), expected.end());

  // Lines whose claim text matches but whose sources differ are shown as
  // changed pairs: that is usually a dedupe change, not a new fact.
  std::vector<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  // Where each unexpected line came from: article, sentence and rule.
  std::map<std::string, std::vector<std::string>> evidence;
  for (const auto& fact : facts) {
    for (const auto& claim : fact.claims) {
      std::string head = FormatClaim(fact.predicate, claim.args);
      for (const auto& s : claim.sources) {
        evidence[head].push_back(Relative(s.article, options.corpus_dir) + " [" + s.rule +
                                 "]: " + s.sentence);
      }
    }
  }
  for (const auto& line : missing) out << "missing:    " << line << "\n";
  for (const auto& line : unexpected) {
    out << "unexpected: " << line << "\n";
    auto head = line.substr(0, line.find("  <- "));
    for (const auto& e : evidence[head]) out << "            from " << e << "\n";
  }
  out << "golden: " << expected.size() << " expected, " << actual.size() << " actual, "
      << missing.size() << " missing, " << unexpected.size() << " unexpected";
  if (!summary.failures.empty()) out << ", " << summary.failures.size() << " files failed";
  out << "\n";
  if (!missing.empty() || !unexpected.empty()) {
    out << "If the change is intended: quarry test --update, then review `git diff "
        << expected_path.string() << "`.\n";
    return 1;
  }
  return 0;
}

}  // namespace quarry
