// Tests RulePrefilter (src/relations/prefilter.cc) and the clauses the
// pattern compiler derives for it (CompiledPattern::needs, WordList::needs).
#include "relations/prefilter.h"

#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "relations/rule_file.h"

namespace quarry {
namespace {

using testing::BuildDoc;

// Each clause as "a|b", the clauses joined by " & ".
std::string Show(const std::vector<PatternClause>& needs) {
  std::string out;
  for (const auto& clause : needs) {
    if (!out.empty()) out += " & ";
    for (size_t i = 0; i < clause.size(); ++i) out += (i ? "|" : "") + clause[i];
  }
  return out;
}

RelationRuleSet Load(const std::string& patterns) {
  std::string content =
      "words status\n"
      "  contracted = under contract | contracted\n"
      "  operational = operational | online\n"
      "words period\n"
      "  $1 = /(20\\d\\d)/\n";
  int n = 0;
  for (size_t start = 0; start < patterns.size();) {
    size_t end = patterns.find('\n', start);
    if (end == std::string::npos) end = patterns.size();
    content += "rule r" + std::to_string(n++) + "\n  predicate capacity_total\n  pattern " +
               patterns.substr(start, end - start) + "\n  + x\n  - y\n";
    start = end + 1;
  }
  DiagnosticSink sink;
  RelationRuleSet rules = ParseRelationRules({{"t.rules", content}}, &sink);
  REQUIRE(sink.diagnostics().empty());
  return rules;
}

TEST_CASE("prefilter: what a pattern needs", "[relations][prefilter]") {
  struct Case {
    const char* pattern;
    const char* needs;
  };
  const std::vector<Case> cases = {
      // Literal words, lower-cased, split where the literal is not a word.
      {"{ORG:org}'s Co-Led {POWER:capacity}", "{ORG} & s & co & led & {POWER}"},
      // Optional parts, gaps, raw regexes and ^ $ need nothing.
      {"^ {ORG:org} [total] ... /pipe\\w+/ {POWER:capacity} $", "{ORG} & {POWER}"},
      // Alternatives: one clause of each branch, joined; the rarest of a
      // branch (longer words over short ones, words over slot types).
      {"{ORG:org} (has|had reached|{PLACE} of) {POWER:capacity}",
       "{ORG} & has|of|reached & {POWER}"},
      // A branch that needs nothing: the alternatives need nothing.
      {"{ORG:org} (has|[had]) {POWER:capacity}", "{ORG} & {POWER}"},
      // A word list: a word of each phrase; a /regex/ phrase makes it unknown.
      {"{ORG:org} {status:status} {POWER:capacity}",
       "{ORG} & contract|contracted|online|operational & {POWER}"},
      {"{ORG:org} {POWER:capacity} {period}", "{ORG} & {POWER}"},
      // Context slots are not in the sentence.
      {"{ORG:org@context} {POWER:capacity} of capacity", "{POWER} & of & capacity"},
  };
  for (const auto& c : cases) {
    RelationRuleSet rules = Load(c.pattern);
    REQUIRE(rules.rules.size() == 1);
    INFO(c.pattern);
    CHECK(Show(rules.rules[0].pattern.needs) == c.needs);
  }
}

TEST_CASE("prefilter: which rules a sentence lets run", "[relations][prefilter]") {
  RelationRuleSet rules = Load(
      "{ORG:org} has {POWER:capacity} of capacity\n"   // 0
      "{ORG:org}'s pipeline ... {POWER:capacity}\n"     // 1
      "{ORG:org@context} {POWER:capacity} ... (leased|signed)\n"  // 2
      "[the] {ORG:org} {status:status} {POWER:capacity}\n"       // 3
      "{ORG:org@context} /\\d+/ {POWER:capacity}");             // 4: needs only a slot
  std::vector<std::vector<PatternClause>> needs;
  for (const auto& r : rules.rules) needs.push_back(r.pattern.needs);
  RulePrefilter prefilter(needs);
  RulePrefilter::Scratch scratch;

  struct Case {
    const char* markup;
    std::vector<int> rules;
  };
  const std::vector<Case> cases = {
      {"[ORG Crusoe] has [POWER=1e9 1 GW] of capacity.", {0, 4}},
      // Case does not matter; whole words do ("capacityx" is not "capacity").
      {"[ORG Crusoe] HAS [POWER=1e9 1 GW] OF Capacity.", {0, 4}},
      {"[ORG Crusoe] has [POWER=1e9 1 GW] of capacityx.", {4}},
      {"[ORG Crusoe]'s pipeline reached [POWER=1e9 1 GW], all leased.", {1, 2, 4}},
      {"[ORG Crusoe] is under contract for [POWER=1e9 1 GW].", {3, 4}},
      {"Crusoe has 1 GW of capacity.", {}},
      // Words inside a token count: a literal could match a tag.
      {"[ORG.signed Crusoe] has [POWER=1e9 1 GW].", {2, 4}},
      // Non-ASCII text outside tokens: case-insensitive "s" also matches
      // "ſ", so words count as present and only slot types filter.
      {"[ORG Crusoe] hаs [POWER=1e9 1 GW] of capacity.", {0, 1, 2, 3, 4}},
      {"[ORG Crusoe] sold it for €5.", {}},
  };
  for (const auto& c : cases) {
    Document doc = BuildDoc({c.markup});
    TypedSentence typed = BuildTypedSentence(doc, 0);
    std::vector<int> got;
    prefilter.Candidates(typed, &scratch, &got);
    INFO(typed.text);
    CHECK(got == c.rules);
  }
}

TEST_CASE("prefilter: a rule that needs nothing always runs", "[relations][prefilter]") {
  std::vector<std::vector<PatternClause>> needs(2);
  needs[1].push_back(PatternClause{"capacity"});
  RulePrefilter prefilter(needs);
  RulePrefilter::Scratch scratch;
  Document doc = BuildDoc({"Nothing here."});
  std::vector<int> got;
  prefilter.Candidates(BuildTypedSentence(doc, 0), &scratch, &got);
  CHECK(got == std::vector<int>{0});
}

TEST_CASE("prefilter: each slot-type clause needs a token of its own", "[relations][prefilter]") {
  // "{ORG:party_a} and {ORG:party_b}": two organizations.
  std::vector<std::vector<PatternClause>> needs(1);
  needs[0] = {PatternClause{"{ORG}"}, PatternClause{"and"}, PatternClause{"{ORG}"}};
  RulePrefilter prefilter(needs);
  RulePrefilter::Scratch scratch;
  std::vector<int> got;
  Document one = BuildDoc({"[ORG Crusoe] and Lancium."});
  prefilter.Candidates(BuildTypedSentence(one, 0), &scratch, &got);
  CHECK(got.empty());
  Document two = BuildDoc({"[ORG Crusoe] and [ORG Lancium]."});
  prefilter.Candidates(BuildTypedSentence(two, 0), &scratch, &got);
  CHECK(got == std::vector<int>{0});
}

}  // namespace
}  // namespace quarry
