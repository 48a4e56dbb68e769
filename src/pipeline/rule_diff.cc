// Exports DiffRuleSets, FirstChangedStage, StageOfRuleFile and StageName:
// both rule sets over a corpus, sharing the stages whose rules are equal,
// with one worker thread per core over the articles.
#include "pipeline/rule_diff.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "core/json.h"
#include "pipeline/extract.h"

namespace quarry {
namespace {

// What one article gave each side.
struct ArticleResult {
  std::vector<DiffFact> before, after;
  std::vector<FactChange> changes;
  std::string failure;
};

std::vector<DiffFact> Facts(const Document& doc) {
  std::vector<DiffFact> facts;
  for (const auto& r : doc.relations) {
    DiffFact f;
    f.article = doc.path;
    f.sentence_index = r.sentence_index;
    f.sentence = std::string(r.sentence.Of(doc.text));
    f.predicate = r.predicate;
    f.args = RelationArgsToJson(r).dump();
    f.key = f.args;
    for (const auto& a : r.args)
      if (a.kind == RelationArgument::Kind::kEntity) f.key += " " + a.role + "=" + a.entity.id;
    f.summary = RelationSummary(r);
    f.rule = r.rule;
    facts.push_back(std::move(f));
  }
  return facts;
}

// Pairs the facts of one article: equal ones drop out (or are changed when
// their rule differs); then left-over facts of one predicate in one sentence
// pair up as changed; the rest are gained or lost.
std::vector<FactChange> Compare(const std::vector<DiffFact>& before,
                                const std::vector<DiffFact>& after) {
  std::vector<bool> used_before(before.size()), used_after(after.size());
  std::vector<FactChange> changes;
  auto pair = [&](auto same) {
    for (size_t a = 0; a < after.size(); ++a) {
      if (used_after[a]) continue;
      for (size_t b = 0; b < before.size(); ++b) {
        if (used_before[b] || !same(before[b], after[a])) continue;
        used_before[b] = used_after[a] = true;
        if (before[b].key != after[a].key || before[b].rule != after[a].rule)
          changes.push_back({FactChange::Kind::kChanged, before[b], after[a]});
        break;
      }
    }
  };
  auto same_place = [](const DiffFact& x, const DiffFact& y) {
    return x.sentence == y.sentence && x.predicate == y.predicate;
  };
  pair([&](const DiffFact& x, const DiffFact& y) { return same_place(x, y) && x.key == y.key; });
  pair(same_place);
  for (size_t b = 0; b < before.size(); ++b)
    if (!used_before[b]) changes.push_back({FactChange::Kind::kLost, before[b], {}});
  for (size_t a = 0; a < after.size(); ++a)
    if (!used_after[a]) changes.push_back({FactChange::Kind::kGained, {}, after[a]});
  auto position = [](const FactChange& c) {
    const DiffFact& f = c.after.rule.empty() ? c.before : c.after;
    return std::make_tuple(f.sentence_index, static_cast<int>(c.kind), f.predicate, f.key);
  };
  std::stable_sort(changes.begin(), changes.end(),
                   [&](const FactChange& x, const FactChange& y) { return position(x) < position(y); });
  return changes;
}

ArticleResult DiffArticle(const RuleSet& before, const RuleSet& after, Stage shared_until,
                          const std::string& path) {
  ArticleResult result;
  Document doc;
  std::string error;
  if (!ReadArticle(path, kDefaultMaxFileSize, &doc, &error) ||
      !RunStages(before, Stage::kNormalize, shared_until, &doc, &error)) {
    result.failure = error;
    return result;
  }
  Document other = doc;
  std::string before_error, after_error;
  bool before_ok = RunStages(before, shared_until, Stage::kNone, &doc, &before_error);
  bool after_ok = RunStages(after, shared_until, Stage::kNone, &other, &after_error);
  if (!before_ok && !after_ok) {
    result.failure = before_error;
    return result;
  }
  if (before_ok) result.before = Facts(doc);
  if (after_ok) result.after = Facts(other);
  result.changes = Compare(result.before, result.after);
  return result;
}

}  // namespace

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kNormalize: return "normalize";
    case Stage::kSegment: return "segment";
    case Stage::kEntities: return "entities";
    case Stage::kQuantities: return "quantities";
    case Stage::kRelations: return "relations";
    case Stage::kNone: return "none";
  }
  return "none";
}

Stage StageOfRuleFile(const std::string& name) {
  if (name == "boilerplate.rules") return Stage::kNormalize;
  if (name == "abbreviations.rules") return Stage::kSegment;
  if (name == "gazetteer.rules" || name == "entity_patterns.rules") return Stage::kEntities;
  if (name == "units.rules" || name == "numbers.rules" || name == "qualifiers.rules")
    return Stage::kQuantities;
  if (name.rfind("relations.", 0) == 0) return Stage::kRelations;
  return Stage::kNormalize;
}

Stage FirstChangedStage(const RuleFiles& a, const RuleFiles& b) {
  Stage first = Stage::kNone;
  auto note = [&](const std::string& name) {
    Stage s = StageOfRuleFile(name);
    if (static_cast<int>(s) < static_cast<int>(first)) first = s;
  };
  for (const auto& [name, file] : a.files()) {
    const RuleFile* other = b.Find(name);
    if (!other || other->content != file.content) note(name);
  }
  for (const auto& [name, file] : b.files())
    if (!a.Find(name)) note(name);
  return first;
}

RuleDiff DiffRuleSets(const RuleSet& before, const RuleSet& after,
                      const std::vector<std::string>& files, int jobs) {
  auto start = std::chrono::steady_clock::now();
  RuleDiff diff;
  diff.rerun_from = FirstChangedStage(before.files, after.files);
  // With equal rules every stage is shared, and the sides agree by construction.
  Stage shared_until = diff.rerun_from;
  std::vector<ArticleResult> results(files.size());
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min<int>(jobs, std::max<size_t>(1, files.size()));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < files.size();)
      results[i] = DiffArticle(before, after, shared_until, files[i]);
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();

  for (size_t i = 0; i < files.size(); ++i) {
    ArticleResult& r = results[i];
    if (!r.failure.empty()) {
      diff.failures.push_back({files[i], r.failure});
      continue;
    }
    ++diff.articles;
    diff.facts_before += static_cast<int>(r.before.size());
    diff.facts_after += static_cast<int>(r.after.size());
    if (!r.changes.empty()) ++diff.articles_changed;
    for (auto& c : r.changes) diff.changes.push_back(std::move(c));
  }
  diff.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return diff;
}

}  // namespace quarry
