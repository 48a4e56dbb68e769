// Reading rules/relations.rules: word lists, relation rules and their example
// sentences, validated against the predicate table with file:line:col
// diagnostics. The syntax is documented in rules/README.md, "Relation rules".
#ifndef QUARRY_RELATIONS_RULE_FILE_H_
#define QUARRY_RELATIONS_RULE_FILE_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "relations/pattern.h"
#include "relations/predicates.h"
#include "relations/relation_extractor.h"

namespace quarry {

struct RelationRule {
  std::string id;
  const PredicateSpec* predicate = nullptr;
  std::string file;
  int line = 0;
  std::string pattern_text;
  CompiledPattern pattern;
  // `set role value`: literal roles every match of the rule gets.
  std::vector<std::pair<std::string, std::string>> fixed;
  double confidence = 1.0;
};

struct RelationRuleSet {
  std::map<std::string, WordList, std::less<>> word_lists;
  TagGroups tag_groups;
  std::vector<RelationRule> rules;     // Valid rules only, in file order.
  std::vector<RuleExample> examples;   // Of valid rules, in file order.
};

struct RelationRuleSource {
  std::string path;              // As diagnostics print it.
  std::string_view content;
};

// Parses `sources` in order: word lists and tag groups from every file first
// (so that any file may use them), then rules. Every problem goes to `sink`; a rule with
// an error is left out, the others load.
RelationRuleSet ParseRelationRules(const std::vector<RelationRuleSource>& sources,
                                   DiagnosticSink* sink);

}  // namespace quarry

#endif  // QUARRY_RELATIONS_RULE_FILE_H_
