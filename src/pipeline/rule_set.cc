// Exports ResolveRulesDir and LoadRuleSet.
#include "pipeline/rule_set.h"

#include <cstdlib>
#include <filesystem>

namespace quarry {

std::string ResolveRulesDir(const std::string& flag) {
  namespace fs = std::filesystem;
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("QUARRY_RULES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/quarry -> rules/ of the same checkout.
    fs::path beside = exe.parent_path().parent_path() / "rules";
    if (fs::is_directory(beside, ec)) return beside.string();
  }
  return QUARRY_DEFAULT_RULES_DIR;
}

std::unique_ptr<RuleSet> LoadRuleSet(const std::string& dir, DiagnosticSink* sink) {
  auto rules = std::make_unique<RuleSet>();
  rules->files = RuleFiles::ReadDirectory(dir, sink);
  if (sink->HasErrors()) return nullptr;
  rules->hash = rules->files.Hash();
  // Every stage is created even after an earlier one failed, so that one run
  // of `quarry rules check` reports the errors of all files.
  rules->normalizer = Normalizer::Create(rules->files, sink);
  rules->segmenter = Segmenter::Create(rules->files, sink);
  rules->entities = EntityRecognizer::Create(rules->files, sink);
  rules->quantities = QuantityRecognizer::Create(rules->files, sink);
  rules->relations = RelationExtractor::Create(rules->files, sink);
  if (sink->HasErrors() || !rules->normalizer || !rules->segmenter || !rules->entities ||
      !rules->quantities || !rules->relations) {
    return nullptr;
  }
  return rules;
}

}  // namespace quarry
