// Exports RegisterDiffCommand: `quarry diff --rules-before DIR --rules-after
// DIR [CORPUS...]`, or `--git REV` to take the "before" rules from a commit
// (`git show REV:rules/NAME` of each rule file, into a temporary folder).
// Prints the changes grouped by the rule responsible, then one summary line.
#include "cli/diff_command.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/terminal.h"
#include "pipeline/rule_diff.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

struct DiffFlags {
  std::string rules_before;
  std::string rules_after;
  std::string git_rev;
  std::vector<std::string> corpus;
  std::string format = "text";
  int jobs = 0;
};

// Runs `argv` (no shell), returning its exit status (-1 when it cannot run)
// and its standard output in *out. Its standard error is discarded: callers
// say what failed in their own words.
int RunCapture(const std::vector<std::string>& argv, std::string* out) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  char buffer[65536];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0) out->append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// A temporary folder, removed with everything in it when this goes.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/quarry-diff-XXXXXX";
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Writes the *.rules files that the folder `rules_dir` held at commit `rev`
// into `out`. Returns false with a message.
bool ExtractRulesAt(const std::string& rules_dir, const std::string& rev, const std::string& out,
                    std::string* error) {
  std::string top, prefix, names;
  if (RunCapture({"git", "-C", rules_dir, "rev-parse", "--show-toplevel"}, &top) != 0 ||
      RunCapture({"git", "-C", rules_dir, "rev-parse", "--show-prefix"}, &prefix) != 0) {
    *error = rules_dir + " is not inside a git checkout";
    return false;
  }
  top = Chomp(top);
  prefix = Chomp(prefix);
  std::string commit;
  if (RunCapture({"git", "-C", top, "rev-parse", "--verify", "--quiet", rev + "^{commit}"},
                 &commit) != 0) {
    *error = "no commit \"" + rev + "\" in " + top;
    return false;
  }
  commit = Chomp(commit);
  std::string tree = commit + ":" + prefix;
  if (RunCapture({"git", "-C", top, "ls-tree", "--name-only", tree}, &names) != 0) {
    *error = "no folder " + prefix + " at " + rev;
    return false;
  }
  size_t start = 0, count = 0;
  while (start < names.size()) {
    size_t end = names.find('\n', start);
    if (end == std::string::npos) end = names.size();
    std::string name = names.substr(start, end - start);
    start = end + 1;
    if (name.size() < 7 || name.compare(name.size() - 6, 6, ".rules") != 0) continue;
    std::string content;
    if (RunCapture({"git", "-C", top, "show", tree + name}, &content) != 0) {
      *error = "cannot read " + prefix + name + " at " + rev;
      return false;
    }
    std::ofstream file(out + "/" + name, std::ios::binary);
    if (!(file << content) || !file.flush()) {
      *error = "cannot write " + out + "/" + name;
      return false;
    }
    ++count;
  }
  if (count == 0) {
    *error = "no *.rules files in " + prefix + " at " + rev;
    return false;
  }
  return true;
}

// The corpus/ folder beside the default rules folder.
std::string DefaultCorpusDir() {
  fs::path rules = ResolveRulesDir("");
  return (rules.parent_path().empty() ? fs::path(".") : rules.parent_path()).append("corpus").string();
}

std::string Shown(const std::string& path) {
  std::error_code ec;
  fs::path rel = fs::proximate(path, ec);
  return ec ? path : rel.string();
}

nlohmann::ordered_json FactJson(const DiffFact& f) {
  nlohmann::ordered_json j;
  j["rule"] = f.rule;
  j["args"] = nlohmann::ordered_json::parse(f.args);
  j["summary"] = f.summary;
  return j;
}

void PrintJsonl(const RuleDiff& diff) {
  for (const auto& c : diff.changes) {
    const DiffFact& f = c.after.rule.empty() ? c.before : c.after;
    nlohmann::ordered_json j;
    j["change"] = c.kind == FactChange::Kind::kGained ? "gained"
                  : c.kind == FactChange::Kind::kLost ? "lost"
                                                      : "changed";
    j["rule"] = c.rule();
    j["predicate"] = f.predicate;
    j["article"] = Shown(f.article);
    j["sentence"] = f.sentence;
    if (!c.before.rule.empty()) j["before"] = FactJson(c.before);
    if (!c.after.rule.empty()) j["after"] = FactJson(c.after);
    std::cout << j.dump() << "\n";
  }
}

void PrintText(const RuleDiff& diff, const Style& st) {
  std::map<std::string, std::vector<const FactChange*>> by_rule;
  for (const auto& c : diff.changes) by_rule[c.rule()].push_back(&c);
  for (const auto& [rule, changes] : by_rule) {
    std::cout << st.Bold("rule " + rule) << "\n";
    for (const FactChange* c : changes) {
      const DiffFact& f = c->after.rule.empty() ? c->before : c->after;
      switch (c->kind) {
        case FactChange::Kind::kGained: std::cout << "  " << st.Green("+ " + f.summary) << "\n"; break;
        case FactChange::Kind::kLost: std::cout << "  " << st.Red("- " + f.summary) << "\n"; break;
        case FactChange::Kind::kChanged:
          std::cout << "  " << st.Yellow("~ " + c->before.summary) << "\n"
                    << "    " << st.Yellow("-> " + c->after.summary);
          if (c->before.rule != c->after.rule)
            std::cout << st.Dim("  (was rule " + c->before.rule + ")");
          std::cout << "\n";
          break;
      }
      std::cout << "      " << st.Dim(Shown(f.article) + ": ") << f.sentence << "\n";
    }
  }
}

// {"summary":{"gained","lost","changed","articles","articles_changed",
//  "facts_before","facts_after","rerun_from","seconds"}}: the last JSON line.
nlohmann::ordered_json SummaryJson(const RuleDiff& diff) {
  int counts[3] = {0, 0, 0};
  for (const auto& c : diff.changes) ++counts[static_cast<int>(c.kind)];
  nlohmann::ordered_json j;
  j["gained"] = counts[static_cast<int>(FactChange::Kind::kGained)];
  j["lost"] = counts[static_cast<int>(FactChange::Kind::kLost)];
  j["changed"] = counts[static_cast<int>(FactChange::Kind::kChanged)];
  j["articles"] = diff.articles;
  j["articles_changed"] = diff.articles_changed;
  j["facts_before"] = diff.facts_before;
  j["facts_after"] = diff.facts_after;
  j["rerun_from"] = StageName(diff.rerun_from);
  j["seconds"] = std::round(diff.seconds * 1000) / 1000;
  return {{"summary", j}};
}

std::string Summary(const RuleDiff& diff) {
  int gained = 0, lost = 0, changed = 0;
  for (const auto& c : diff.changes) {
    if (c.kind == FactChange::Kind::kGained) ++gained;
    else if (c.kind == FactChange::Kind::kLost) ++lost;
    else ++changed;
  }
  char line[512];
  std::string rerun = diff.rerun_from == Stage::kNone
                          ? "rules identical"
                          : std::string("reran ") + StageName(diff.rerun_from) +
                                (diff.rerun_from == Stage::kRelations ? "" : " onwards");
  if (diff.changes.empty()) {
    std::snprintf(line, sizeof line, "no change: %d facts in %d articles (%s; %.2f s)",
                  diff.facts_after, diff.articles, rerun.c_str(), diff.seconds);
  } else {
    std::snprintf(line, sizeof line,
                  "%d gained, %d lost, %d changed in %d of %d articles (facts %d -> %d; %s; %.2f s)",
                  gained, lost, changed, diff.articles_changed, diff.articles, diff.facts_before,
                  diff.facts_after, rerun.c_str(), diff.seconds);
  }
  return line;
}

int RunDiff(const DiffFlags& flags) {
  std::string after_dir = ResolveRulesDir(flags.rules_after);
  TempDir temp;
  std::string before_dir = flags.rules_before;
  std::string before_label;
  if (!flags.git_rev.empty()) {
    std::string error;
    if (temp.path().empty()) {
      std::cerr << "quarry diff: error: cannot create a temporary folder\n";
      return 2;
    }
    // The history of the rules after the edit; for a copy outside any
    // checkout, that of the default rules folder.
    std::string repo_dir = after_dir, ignored;
    if (RunCapture({"git", "-C", after_dir, "rev-parse", "--git-dir"}, &ignored) != 0)
      repo_dir = ResolveRulesDir("");
    if (!ExtractRulesAt(repo_dir, flags.git_rev, temp.path(), &error)) {
      std::cerr << "quarry diff: error: " << error << "\n";
      return 2;
    }
    before_dir = temp.path();
    before_label = "(rules at " + flags.git_rev + ") ";
  }
  // Both rule sets compile at once: loading is a good part of a run.
  DiagnosticSink before_sink, after_sink;
  auto before_loading = std::async(std::launch::async, [&] { return LoadRuleSet(before_dir, &before_sink); });
  auto after = LoadRuleSet(after_dir, &after_sink);
  auto before = before_loading.get();
  for (const auto& d : before_sink.diagnostics()) std::cerr << before_label << d.ToString() << "\n";
  for (const auto& d : after_sink.diagnostics()) std::cerr << d.ToString() << "\n";
  if (!before || !after) {
    std::cerr << "quarry diff: error: " << (before ? after_dir : flags.git_rev.empty() ? before_dir : "rules at " + flags.git_rev)
              << ": the rules do not load\n";
    return 2;
  }

  std::vector<FileFailure> failures;
  std::vector<std::string> corpus = flags.corpus;
  if (corpus.empty()) corpus.push_back(DefaultCorpusDir());
  std::vector<std::string> files = FindArticleFiles(corpus, false, &failures);
  for (const auto& f : failures) std::cerr << f.path << ": error: " << f.reason << "\n";
  if (!failures.empty()) return 2;
  if (files.empty()) {
    std::cerr << "quarry diff: error: no articles (.txt, .html, .htm, .md) in the corpus\n";
    return 2;
  }

  RuleDiff diff = DiffRuleSets(*before, *after, files, flags.jobs);
  for (const auto& f : diff.failures) std::cerr << f.path << ": warning: skipped: " << f.reason << "\n";
  if (flags.format == "jsonl") {
    PrintJsonl(diff);
    std::cout << SummaryJson(diff).dump() << "\n";
  } else {
    Style st = Style::ForStdout();
    PrintText(diff, st);
    if (!diff.changes.empty()) std::cout << "\n";
    std::cout << Summary(diff) << "\n";
  }
  return diff.changes.empty() ? 0 : 1;
}

}  // namespace

void RegisterDiffCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<DiffFlags>();
  auto* cmd = app->add_subcommand(
      "diff", "Facts that an edit of the rules gains, loses and changes across a corpus");
  auto* before = cmd->add_option("--rules-before", flags->rules_before, "Rules folder before the edit");
  auto* git = cmd->add_option("--git", flags->git_rev,
                              "Take the rules before the edit from this commit (e.g. HEAD)");
  before->excludes(git);
  cmd->add_option("--rules-after", flags->rules_after,
                  "Rules folder after the edit (default: $QUARRY_RULES, else the checkout's rules/)");
  cmd->add_option("corpus", flags->corpus, "Article files and folders (default: the checkout's corpus/)");
  cmd->add_option("--format", flags->format, "text or jsonl")->check(CLI::IsMember({"text", "jsonl"}));
  cmd->add_option("--jobs,-j", flags->jobs, "Threads (default: all cores)")->check(CLI::NonNegativeNumber);
  cmd->callback([flags, before, git, exit_code] {
    if (!before->count() && !git->count()) {
      std::cerr << "quarry diff: error: give --rules-before DIR or --git REV\n";
      *exit_code = 2;
      return;
    }
    *exit_code = RunDiff(*flags);
  });
}

}  // namespace quarry
