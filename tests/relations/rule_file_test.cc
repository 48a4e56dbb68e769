// Tests ParseRelationRules (src/relations/rule_file.cc) and the pattern
// compiler behind it: what loads, and every error with its exact text.
#include "relations/rule_file.h"

#include <catch2/catch.hpp>

namespace quarry {
namespace {

struct Parsed {
  RelationRuleSet rules;
  std::vector<std::string> messages;  // Diagnostic::ToString(), in order.
};

Parsed Parse(const std::string& content) {
  DiagnosticSink sink;
  Parsed p;
  p.rules = ParseRelationRules({{"t.rules", content}}, &sink);
  for (const auto& d : sink.diagnostics()) p.messages.push_back(d.ToString());
  return p;
}

const std::string kStatus =
    "words status\n"
    "  contracted = contracted | under contract\n"
    "  operational = operational | online\n";

const char* kHead = "rule r1\n  predicate compute_deal\n";

TEST_CASE("rule file: a rule with examples loads", "[relations][rule_file]") {
  Parsed p = Parse(kStatus +
                   "# A comment line.\n"
                   "rule ct.has-reached   # trailing comment\n"
                   "  predicate capacity_total\n"
                   "  pattern {ORG:org}'s {status:status} capacity \\\n"
                   "          (has reached|reached) {POWER:capacity}\n"
                   "  confidence 0.9\n"
                   "  + Crusoe's contracted capacity has reached 4 GW.\n"
                   "    = org: Crusoe | capacity: 4 GW | status: contracted\n"
                   "  - Crusoe's capacity is 4 GW.\n");
  CHECK(p.messages.empty());
  REQUIRE(p.rules.rules.size() == 1);
  const RelationRule& rule = p.rules.rules[0];
  CHECK(rule.id == "ct.has-reached");
  CHECK(rule.predicate->name == "capacity_total");
  CHECK(rule.line == 5);
  CHECK(rule.confidence == 0.9);
  CHECK(rule.pattern_text == "{ORG:org}'s {status:status} capacity (has reached|reached) {POWER:capacity}");
  CHECK(rule.pattern.roles == std::vector<std::string>{"org", "status", "capacity"});
  REQUIRE(p.rules.examples.size() == 2);
  const RuleExample& plus = p.rules.examples[0];
  CHECK(plus.rule_id == "ct.has-reached");
  CHECK(plus.predicate == "capacity_total");
  CHECK(plus.file == "t.rules");
  CHECK(plus.line == 10);
  CHECK(plus.column == 5);
  CHECK(plus.positive);
  CHECK(plus.sentence == "Crusoe's contracted capacity has reached 4 GW.");
  REQUIRE(plus.expected.size() == 3);
  CHECK(plus.expected[0].role == "org");
  CHECK(plus.expected[0].value == "Crusoe");
  CHECK(plus.expected[2].value == "contracted");
  CHECK_FALSE(p.rules.examples[1].positive);
  REQUIRE(p.rules.word_lists.count("status"));
  CHECK(p.rules.word_lists.at("status").entries.size() == 2);
}

TEST_CASE("rule file: word lists normalize what they match", "[relations][rule_file]") {
  Parsed p = Parse(
      "words period\n"
      "  FY$1 = /fiscal (?:year )?(20\\d\\d)/ | /FY ?(20\\d\\d)/\n"
      "  $1-20$2 = /(20\\d\\d)-(\\d\\d)/\n"
      "  $1 = /(?:in|for) (20\\d\\d)/\n"
      "  next few years = over the next few years | in the coming years\n"
      "  * = /next \\d+ quarters/\n");
  for (const auto& m : p.messages) UNSCOPED_INFO(m);
  REQUIRE(p.messages.empty());
  const WordList& list = p.rules.word_lists.at("period");
  CHECK(list.Normalize("fiscal 2027") == "FY2027");
  CHECK(list.Normalize("Fiscal Year 2027") == "FY2027");
  CHECK(list.Normalize("FY2026") == "FY2026");
  CHECK(list.Normalize("2026-27") == "2026-2027");
  CHECK(list.Normalize("in 2027") == "2027");
  CHECK(list.Normalize("over  the next few years") == "next few years");
  CHECK(list.Normalize("Next 3 Quarters") == "next 3 quarters");
  CHECK(list.Normalize("yesterday") == "");
  // The pattern alternation has no capturing groups and prefers long phrases.
  RE2 re("(" + list.regex + ")", PatternOptions());
  REQUIRE(re.ok());
  CHECK(re.NumberOfCapturingGroups() == 1);
  std::string got;
  CHECK(RE2::PartialMatch("spend more over the next few years", re, &got));
  CHECK(got == "over the next few years");
}

TEST_CASE("rule file: slot tag constraints", "[relations][rule_file]") {
  Parsed p = Parse(std::string(kHead) +
                   "  pattern {ORG.cloud|datacenter!utility|energy:provider@context} {ORG:buyer} x\n");
  REQUIRE(p.rules.rules.size() == 1);
  const CompiledPattern& pattern = p.rules.rules[0].pattern;
  REQUIRE(pattern.context_slots.size() == 1);
  const SlotSpec& slot = pattern.context_slots[0];
  CHECK(slot.type == "ORG");
  CHECK(slot.tags == std::vector<std::string>{"cloud", "datacenter"});
  CHECK(slot.excluded_tags == std::vector<std::string>{"utility", "energy"});
  CHECK(slot.role == "provider");
  CHECK(slot.context);
  CHECK(pattern.roles == std::vector<std::string>{"provider", "buyer"});
}

TEST_CASE("rule file: tag groups expand in slot constraints", "[relations][rule_file]") {
  Parsed p = Parse(std::string(kHead) +
                   "  pattern {ORG.clouds!power:provider@context} {ORG:buyer} x\n"
                   "tags clouds = cloud | datacenter\n"
                   "tags power = utility | grid\n");
  CHECK(p.messages.size() == 2);  // Warnings: no examples.
  REQUIRE(p.rules.rules.size() == 1);
  const SlotSpec& slot = p.rules.rules[0].pattern.context_slots.at(0);
  CHECK(slot.tags == std::vector<std::string>{"cloud", "datacenter"});
  CHECK(slot.excluded_tags == std::vector<std::string>{"utility", "grid"});
}

TEST_CASE("rule file: word lists are shared across files", "[relations][rule_file]") {
  DiagnosticSink sink;
  RelationRuleSet rules = ParseRelationRules(
      {{"a.rules",
        "rule a1\n  predicate capacity_total\n  pattern {ORG:org} has {status:status} {POWER:capacity}\n"
        "  + x\n  - y\n"},
       {"b.rules", kStatus}},
      &sink);
  CHECK(sink.diagnostics().empty());
  CHECK(rules.rules.size() == 1);
}

struct ErrorCase {
  const char* name;
  std::string content;
  std::vector<std::string> messages;
  size_t loaded = 0;  // Rules that still load.
};

TEST_CASE("rule file: each error is reported with file:line:col", "[relations][rule_file]") {
  const std::vector<ErrorCase> cases = {
      {"unknown slot type",
       std::string(kHead) + "  pattern {COMPANY:buyer} buys from {ORG:provider}\n",
       {"t.rules:3:12: error: unknown slot type \"COMPANY\" (known: ORG, PERSON, PLACE, PRODUCT, "
        "POWER, ENERGY, MONEY, COUNT, AREA, PERCENT, PRICE)"}},
      {"unknown role for the predicate",
       std::string(kHead) + "  pattern {ORG:buyer} buys from {ORG:seller}\n",
       {"t.rules:3:38: error: unknown role \"seller\" for predicate compute_deal (roles: buyer, "
        "provider, capacity, value, duration)"}},
      {"bad regex",
       std::string(kHead) + "  pattern {ORG:buyer} /(\\d+/ from {ORG:provider}\n",
       {"t.rules:3:23: error: bad regex /(\\d+/: missing ): (\\d+"}},
      {"missing id", "rule\n  predicate compute_deal\n  pattern {ORG:buyer} x {ORG:provider}\n",
       {"t.rules:1:1: error: rule needs an id"}},
      {"duplicate id",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n" + kHead +
           "  pattern {ORG:buyer} y {ORG:provider}\n",
       {"t.rules:4:6: error: duplicate rule id \"r1\" (first defined at t.rules:1)"},
       1},
      {"example with no rule", "+ Meta buys 2 GW from Crusoe.\n",
       {"t.rules:1:1: error: example outside a rule"}},
      {"expectation with no rule", "= buyer: Meta\n",
       {"t.rules:1:1: error: expectation outside a rule"}},
      {"example in a word list", kStatus + "  + Crusoe has 2 GW online.\n",
       {"t.rules:4:3: error: word list entry is: value = phrase | phrase"}},
      {"unknown predicate", "rule r1\n  predicate compute_sale\n  pattern {ORG:buyer}\n",
       {"t.rules:2:13: error: unknown predicate \"compute_sale\" (known: compute_deal, investment, "
        "funding_round, acquisition, facility, capacity_total, capex_plan, valuation, person_move, "
        "partnership)"}},
      {"no predicate", "rule r1\n  pattern {ORG:buyer}\n",
       {"t.rules:1:1: error: rule \"r1\" has no predicate"}},
      {"no pattern", std::string(kHead) + "  + Meta buys from Crusoe.\n",
       {"t.rules:1:1: error: rule \"r1\" has no pattern"}},
      {"slot type the role does not take",
       std::string(kHead) + "  pattern {ORG:buyer} buys {MONEY:capacity} from {ORG:provider}\n",
       {"t.rules:3:29: error: role \"capacity\" of compute_deal takes POWER or COUNT, not MONEY"}},
      {"slot for a literal role",
       std::string(kHead) + "  pattern {ORG:buyer} {ORG:provider} {POWER:duration}\n",
       {"t.rules:3:39: error: role \"duration\" of compute_deal takes a word list, not POWER"}},
      {"word list for an entity role",
       kStatus + kHead + "  pattern {status:buyer} {ORG:provider}\n",
       {"t.rules:6:19: error: role \"buyer\" of compute_deal takes ORG, not a word list"}},
      {"word list value the role does not take",
       "words status\n  contracted = contracted\n  leased = leased\n"
       "rule r1\n  predicate capacity_total\n  pattern {ORG:org} {status:status} {POWER:capacity}\n",
       {"t.rules:6:29: error: word list \"status\" gives \"leased\" (line 3), but role \"status\" "
        "of capacity_total takes contracted, pipeline, planned or operational"}},
      {"unknown word list", std::string(kHead) + "  pattern {ORG:buyer} {verbs} {ORG:provider}\n",
       {"t.rules:3:24: error: unknown word list \"verbs\""}},
      {"required role never bound", std::string(kHead) + "  pattern {ORG:buyer} buys power\n",
       {"t.rules:1:1: error: rule \"r1\" binds no \"provider\", which compute_deal requires"}},
      {"none of the one-of roles",
       "rule f1\n  predicate facility\n  pattern {ORG:operator} builds a campus\n",
       {"t.rules:1:1: error: rule \"f1\" binds none of location, capacity or area; facility needs "
        "one"}},
      {"role bound twice", std::string(kHead) + "  pattern {ORG:buyer} {ORG:provider} {ORG:buyer}\n",
       {"t.rules:3:38: error: role \"buyer\" is bound twice"}},
      {"missing close paren", std::string(kHead) + "  pattern {ORG:buyer} (buys | gets {ORG:provider}\n",
       {"t.rules:3:23: error: missing ) for ("}},
      {"missing close bracket", std::string(kHead) + "  pattern {ORG:buyer} [the {ORG:provider}\n",
       {"t.rules:3:23: error: missing ] for ["}},
      {"unexpected close", std::string(kHead) + "  pattern {ORG:buyer} ) {ORG:provider}\n",
       {"t.rules:3:23: error: unexpected )"}},
      {"stray close brace", std::string(kHead) + "  pattern {ORG:buyer} buys _ORG:provider}\n",
       {"t.rules:3:41: error: unexpected }"}},
      {"empty alternative", std::string(kHead) + "  pattern {ORG:buyer} (buys|) {ORG:provider}\n",
       {"t.rules:3:29: error: empty alternative"}},
      {"unterminated slot", std::string(kHead) + "  pattern {ORG:buyer} {ORG:provider\n",
       {"t.rules:3:23: error: missing } for slot"}},
      {"bad slot", std::string(kHead) + "  pattern {ORG:buyer} {9x} {ORG:provider}\n",
       {"t.rules:3:24: error: a slot is {TYPE}, {TYPE:role}, {TYPE.tag:role}, {TYPE!tag:role} or "
        "{words:role}"}},
      {"empty excluded tag", std::string(kHead) + "  pattern {ORG!:buyer} x {ORG:provider}\n",
       {"t.rules:3:16: error: a tag is lower-case letters, digits and _"}},
      {"bad context marker",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider@elsewhere}\n",
       {"t.rules:3:38: error: only @context may follow a role"}},
      {"context slot inside an optional part",
       std::string(kHead) + "  pattern {ORG:buyer} buys [from {ORG:provider@context}]\n",
       {"t.rules:3:34: error: a context slot must stand outside alternatives and optional parts"}},
      {"context slot for a quantity",
       std::string(kHead) + "  pattern {ORG:buyer} {ORG:provider} {POWER:capacity@context}\n",
       {"t.rules:3:45: error: only entity roles can come from context"}},
      {"bad gap", std::string(kHead) + "  pattern {ORG:buyer} ...99 {ORG:provider}\n",
       {"t.rules:3:23: error: a gap is ... or ...N with N from 1 to 30"}},
      {"unterminated regex", std::string(kHead) + "  pattern {ORG:buyer} /abc {ORG:provider}\n",
       {"t.rules:3:23: error: unterminated /regex/"}},
      {"unterminated quote", std::string(kHead) + "  pattern {ORG:buyer} \"abc {ORG:provider}\n",
       {"t.rules:3:23: error: unterminated quoted text"}},
      {"error on a continuation line",
       std::string(kHead) + "  pattern {ORG:buyer} buys \\\n     from {ORG:seller}\n",
       {"t.rules:4:16: error: unknown role \"seller\" for predicate compute_deal (roles: buyer, "
        "provider, capacity, value, duration)"}},
      {"pattern continues past the end",
       std::string(kHead) + "  pattern {ORG:buyer} buys \\\n",
       {"t.rules:3: error: pattern continues past the end of the file",
        "t.rules:1:1: error: rule \"r1\" binds no \"provider\", which compute_deal requires"}},
      {"two predicates", std::string(kHead) + "  predicate investment\n",
       {"t.rules:3:3: error: rule has two predicates"}},
      {"two patterns",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n  pattern {ORG:buyer}\n",
       {"t.rules:4:3: error: rule has two patterns"}},
      {"set of an entity role",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n  set buyer Meta\n",
       {"t.rules:4:7: error: set only gives literal roles; \"buyer\" of compute_deal takes ORG"}},
      {"set of a value the role does not take",
       "rule v1\n  predicate valuation\n  pattern {ORG:org} {MONEY:amount}\n  set kind public\n",
       {"t.rules:4:12: error: role \"kind\" of valuation takes market_cap or private, not \"public\""}},
      {"set of a role the pattern binds",
       kStatus + "rule c1\n  predicate capacity_total\n"
                 "  pattern {ORG:org} {status:status} {POWER:capacity}\n  set status pipeline\n",
       {"t.rules:7:7: error: role \"status\" is already bound by the pattern"}},
      {"bad confidence", std::string(kHead) + "  confidence 1.5\n",
       {"t.rules:3:14: error: confidence is a number above 0 and at most 1"}},
      {"unknown line in a rule", std::string(kHead) + "  patern {ORG:buyer}\n",
       {"t.rules:3:3: error: unknown line \"patern\"; expected predicate, pattern, set, "
        "confidence, + or - example, or ="}},
      {"unknown line outside a rule", "predicat x\n",
       {"t.rules:1:1: error: unknown line \"predicat\"; expected rule, words or tags"}},
      {"tag group without =", "tags power utility\n",
       {"t.rules:1:1: error: a tag group is: tags NAME = tag | tag"}},
      {"tag group with a bad tag", "tags power = utility | Grid\n",
       {"t.rules:1:24: error: a tag is lower-case letters, digits and _"}},
      {"duplicate tag group", "tags power = utility\ntags power = grid\n",
       {"t.rules:2:6: error: duplicate tag group \"power\""}},
      {"expectation after a negative example",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n  - Meta x Crusoe\n"
                            "  = buyer: Meta\n",
       {"t.rules:5:3: error: an = line follows a + example, once"}},
      {"expectation of an unknown role",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n  + Meta x Crusoe\n"
                            "  = buyer: Meta | seller: Crusoe\n",
       {"t.rules:5:19: error: unknown role \"seller\" for predicate compute_deal"}},
      {"malformed expectation",
       std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n  + Meta x Crusoe\n"
                            "  = buyer Meta\n",
       {"t.rules:5:5: error: expectation is: = role: value | role: value"}},
      {"duplicate word list", kStatus + kStatus,
       {"t.rules:4:7: error: duplicate word list \"status\" (first defined at t.rules:1)"}},
      {"word list without a name", "words\n",
       {"t.rules:1:1: error: word list needs a name"}},
      {"word list value template beyond the groups",
       "words period\n  FY$2 = /fiscal (20\\d\\d)/\n",
       {"t.rules:2:10: error: value uses $2 but this phrase has 1 group"}},
      {"bad regex in a word list", "words period\n  x = a | /(b/\n",
       {"t.rules:2:11: error: bad regex /(b/: missing ): (b"}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    Parsed p = Parse(c.content);
    std::vector<std::string> errors;
    for (const auto& m : p.messages)
      if (m.find(": warning: ") == std::string::npos) errors.push_back(m);
    CHECK(errors == c.messages);
    CHECK(p.rules.rules.size() == c.loaded);
  }
}

TEST_CASE("rule file: a broken rule does not stop the others", "[relations][rule_file]") {
  Parsed p = Parse(std::string(kHead) + "  pattern {ORG:buyer} x {ORG:seller}\n"
                   "rule r2\n  predicate compute_deal\n  pattern {ORG:buyer} y {ORG:provider}\n"
                   "  + Meta y Crusoe\n  - Meta z Crusoe\n");
  REQUIRE(p.rules.rules.size() == 1);
  CHECK(p.rules.rules[0].id == "r2");
  CHECK(p.rules.examples.size() == 2);
  CHECK(p.messages.size() == 1);
}

TEST_CASE("rule file: rules without examples get warnings", "[relations][rule_file]") {
  Parsed p = Parse(std::string(kHead) + "  pattern {ORG:buyer} x {ORG:provider}\n");
  CHECK(p.messages == std::vector<std::string>{
                          "t.rules:1:1: warning: rule \"r1\" has no + example",
                          "t.rules:1:1: warning: rule \"r1\" has no - example"});
  CHECK(p.rules.rules.size() == 1);
}

}  // namespace
}  // namespace quarry
