// libFuzzer target: the rule-file parsers. The first byte picks a rule file
// (gazetteer, entity patterns, units, numbers, qualifiers, boilerplate,
// abbreviations, relations); the rest replaces that file's content among the
// shipped rules, and the stage that owns it is created. Bad rules must end as
// diagnostics naming the file, never as a crash; a stage that compiles is
// then run over a short article so the compiled rules are exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "fuzz_util.h"
#include "pipeline/extract.h"

namespace {

using namespace quarry;

struct Target {
  const char* file;
  int stage;  // 0 normalizer, 1 segmenter, 2 entities, 3 quantities, 4 relations
};

constexpr Target kTargets[] = {
    {"gazetteer.rules", 2},  {"entity_patterns.rules", 2}, {"units.rules", 3},
    {"numbers.rules", 3},    {"qualifiers.rules", 3},      {"boilerplate.rules", 0},
    {"abbreviations.rules", 1}, {"relations.rules", 4},
};

// Small stand-ins for the other files of a multi-file stage (entities:
// gazetteer + patterns; quantities: units + numbers + qualifiers), so that
// each input compiles one big file at most and the fuzzer stays fast.
const std::map<std::string, std::string> kCompanions = {
    {"gazetteer.rules",
     "tagset: cloud, lab, city\n[nimbus] ORG \"Nimbus Cloud\"\ntags: cloud\n"
     "[crusoe] ORG \"Crusoe\"\ntags: cloud\n[ohio] PLACE \"Ohio\"\ntags: city\n"},
    {"entity_patterns.rules",
     "define CAP = \\p{Lu}\\p{Ll}+\npattern org.test ORG 0.7: (?P<name>%{CAP}[ \\t]+Labs)\\b\n"},
    {"units.rules",
     "dimension power | W\ndimension money | *\nunit W | power | 1 W | after: W, watt, watts\n"
     "unit MW | power | 1e6 W | after: MW, megawatt, megawatts\n"
     "unit USD | money | 1 USD | before: $, US$ | after: dollars\n"},
    {"numbers.rules",
     "scale million | 1e6 | words: million | short: m, mn\n"
     "scale billion | 1e9 | words: billion | short: bn\nnumber two | 2 | two\n"},
    {"qualifiers.rules",
     "before approx | about, roughly, ~\nbefore more_than | more than, over\n"
     "after at_least | or more\n"},
};

// The rule files for one input: `content` as `target`, its stage's other
// files as small stand-ins, every other stage's file as shipped.
RuleFiles FilesFor(const Target& target, std::string content) {
  RuleFiles files;
  for (const auto& [name, file] : fuzz::ShippedRuleFiles().files()) {
    if (name == target.file) continue;
    bool same_stage = false;
    for (const Target& t : kTargets) same_stage |= t.file == name && t.stage == target.stage;
    auto small = kCompanions.find(name);
    files.Add(name, same_stage && small != kCompanions.end() ? small->second : file.content);
  }
  files.Add(target.file, std::move(content));
  return files;
}

// Written for this target: a headline, a deal, a spending plan, cruft.
constexpr const char* kArticle =
    "Nimbus Cloud books 800 MW from Crusoe\n"
    "Nimbus Cloud Inc. agreed on Tuesday to buy roughly 800 megawatts of capacity from Crusoe "
    "for $4.2 billion, its chief executive, Dana Whitlow, said. Meta plans to spend at least "
    "$60bn on data centers in 2027, up 12% from a year earlier.\n"
    "Subscribe to our newsletter\n";

// When the fuzzed rules compiled, runs the pipeline over kArticle with the
// new stage in place of the shipped one. Returns whether they compiled.
template <typename Stage>
bool RunWith(std::unique_ptr<Stage> fresh, std::unique_ptr<Stage>* slot) {
  if (!fresh) return false;
  std::swap(*slot, fresh);
  Document doc;
  std::string error;
  ExtractText(fuzz::ShippedRuleSet(), "fuzz.txt", kArticle, &doc, &error);
  std::swap(*slot, fresh);
  return true;
}

}  // namespace

// Compiling rules is slow under ASan; done once here, outside -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quarry::fuzz::ShippedRuleSet();
  // The stand-ins must be good rules, or every input would only test errors.
  for (const Target& t : kTargets) {
    if (!kCompanions.count(t.file)) continue;
    DiagnosticSink sink;
    RuleFiles files = FilesFor(t, kCompanions.at(t.file));
    bool ok = t.stage == 2 ? EntityRecognizer::Create(files, &sink) != nullptr
                           : QuantityRecognizer::Create(files, &sink) != nullptr;
    for (const auto& d : sink.diagnostics()) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    fuzz::Check(ok && !sink.HasErrors(), "the small stand-in rule files compile");
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Target& target = kTargets[data[0] % std::size(kTargets)];
  RuleFiles files =
      FilesFor(target, std::string(reinterpret_cast<const char*>(data + 1), size - 1));

  DiagnosticSink sink;
  RuleSet& rules = fuzz::ShippedRuleSet();
  bool created = false;
  switch (target.stage) {
    case 0: created = RunWith(Normalizer::Create(files, &sink), &rules.normalizer); break;
    case 1: created = RunWith(Segmenter::Create(files, &sink), &rules.segmenter); break;
    case 2: created = RunWith(EntityRecognizer::Create(files, &sink), &rules.entities); break;
    case 3: created = RunWith(QuantityRecognizer::Create(files, &sink), &rules.quantities); break;
    case 4: created = RunWith(RelationExtractor::Create(files, &sink), &rules.relations); break;
  }
  fuzz::Check(created || sink.HasErrors(), "a stage that refuses its rules reports an error");
  for (const auto& d : sink.diagnostics()) {
    fuzz::Check(!d.file.empty(), "every diagnostic names its file");
    fuzz::Check(d.line >= 0 && d.column >= 0, "diagnostic positions are not negative");
    fuzz::Check(!d.message.empty(), "every diagnostic has a message");
  }
  return 0;
}
