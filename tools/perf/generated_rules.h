// Generated rule sets for scale measurements: a gazetteer of N made-up
// entries and a relation rule base of N rules in the style of the shipped
// ones. Shared by the hidden Catch2 benchmarks (tests/entities, tests/relations)
// and tools/bench (quarry_bench), so every figure of issue 6 measures the
// same rule sets. Header-only, deterministic (same output on every machine).
#ifndef QUARRY_TOOLS_PERF_GENERATED_RULES_H_
#define QUARRY_TOOLS_PERF_GENERATED_RULES_H_

#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace quarry {
namespace scale {

// Made-up pronounceable words from a linear congruential generator.
class NameGenerator {
 public:
  std::string Word() {
    static const char* const kOnsets[] = {"b", "br", "c", "cr", "d", "dr", "f", "g", "gr", "h",
                                          "j", "k", "kl", "l", "m", "n", "p", "pr", "qu", "r",
                                          "s", "st", "t", "tr", "v", "vr", "w", "x", "z", "zh"};
    static const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
    static const char* const kCodas[] = {"", "n", "r", "x", "l", "s", "th", "m", "nd", "rk"};
    std::string w;
    int syllables = 2 + static_cast<int>(Next() % 2);
    for (int i = 0; i < syllables; ++i) {
      w += kOnsets[Next() % 30];
      w += kVowels[Next() % 10];
      if (i == syllables - 1 || Next() % 3 == 0) w += kCodas[Next() % 10];
    }
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
  }
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return state_ >> 33;
  }

 private:
  uint64_t state_ = 42;
};

struct GeneratedGazetteer {
  std::string rules;               // gazetteer.rules blocks, to append to the shipped file.
  std::vector<std::string> names;  // One canonical name per entry.
};

// `count` entries: organizations ("Vorlex Brandine Systems" with a legal
// alias), people and places, each name unique; ids gen_0, gen_1, ...
inline GeneratedGazetteer GenerateGazetteer(size_t count) {
  static const char* const kSuffixes[] = {"Systems", "Labs", "Energy", "Capital", "Holdings",
                                          "Networks", "Robotics", "Cloud", "Power", "AI"};
  NameGenerator gen;
  GeneratedGazetteer out;
  std::set<std::string> seen;
  out.rules.reserve(count * 80);
  while (out.names.size() < count) {
    uint64_t kind = gen.Next() % 10;
    std::string name, cls, legal;
    if (kind < 7) {
      cls = "ORG";
      name = gen.Word() + " " + gen.Word() + " " + kSuffixes[gen.Next() % 10];
      legal = name + ", Inc.";
    } else if (kind < 9) {
      cls = "PERSON";
      name = gen.Word() + " " + gen.Word();
    } else {
      cls = "PLACE";
      name = gen.Word() + " County";
    }
    if (!seen.insert(name).second) continue;
    size_t n = out.names.size();
    out.rules += "[gen_" + std::to_string(n) + "] " + cls + " \"" + name + "\"\n";
    if (!legal.empty()) out.rules += "alias: " + legal + "\n";
    out.names.push_back(name);
  }
  return out;
}

// `n` relation rules in the style of the shipped ones, each with its own verb
// ("verbs17"), as a large hand-written rule base would have: they compile
// like real rules but fire on no real sentence, so they measure what a rule
// costs when it does not apply (the prefilter's job).
inline std::string GenerateRelationRules(int n) {
  std::string out;
  const char* shapes[] = {
      "{ORG:investor} ...3 %s ...3 {MONEY:amount} (in|into) {ORG:target}",
      "{ORG:buyer} %s ...2 {POWER:capacity} of ...3 (compute|capacity) from ...4 {ORG:provider}",
      "{ORG:acquirer} ...6 %s {ORG:target} [...12 for ...2 {MONEY:price}]",
      "{ORG:org} ...6 %s ...2 {MONEY:amount} ...8 (in|for) /20\\d\\d/",
  };
  const char* predicates[] = {"investment", "compute_deal", "acquisition", "valuation"};
  const char* extra[] = {"", "", "", "  set kind market_cap\n"};
  for (int i = 0; i < n; ++i) {
    int s = i % 4;
    char pattern[256];
    std::string verb = "verbs" + std::to_string(i);
    std::snprintf(pattern, sizeof pattern, shapes[s], verb.c_str());
    out += "rule bench." + std::to_string(i) + "\n  predicate " + predicates[s] + "\n  pattern " +
           pattern + "\n" + extra[s] + "  + x\n  - y\n";
  }
  return out;
}

}  // namespace scale
}  // namespace quarry

#endif  // QUARRY_TOOLS_PERF_GENERATED_RULES_H_
