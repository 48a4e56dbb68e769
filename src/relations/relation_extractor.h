// Stage 3c, relations.
//
// In:  Document::text, sentences, entities and quantities.
// Out: Document::entities and quantities without overlaps (the one overlap
//      policy: longer span wins, then higher priority, then earlier start),
//      and Document::relations.
//
// Relation rules (rules/relations.rules) are patterns over a typed sentence in
// which each mention stands as a typed slot; they are compiled to RE2 and carry
// example sentences that must, and must not, produce their fact.
#ifndef QUARRY_RELATIONS_RELATION_EXTRACTOR_H_
#define QUARRY_RELATIONS_RELATION_EXTRACTOR_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

// An example sentence written in a rule file under its rule: it must (or,
// when negative, must not) produce a fact of the rule's predicate through that
// rule. The pipeline runs them all in `quarry rules check` and ctest.
struct RuleExample {
  std::string rule_id;
  std::string predicate;
  std::string file;
  int line = 0;
  int column = 0;
  bool positive = true;
  std::string sentence;
  // For positive examples, the `= role: value | ...` line under it: each role
  // must be bound, to an argument whose text, name or id (entities), text
  // (quantities) or literal contains `value`, ignoring case.
  struct Expected {
    std::string role;
    std::string value;
  };
  std::vector<Expected> expected;
};

// "compute_deal(buyer: Meta Platforms, provider: Crusoe, capacity: ~1.6 GW)":
// the predicate and, in role order, entity names, quantity texts and literals.
// For messages and tests.
std::string RelationSummary(const RelationMention& r);

// Whether `doc`, the example's sentence run through every stage, bears the
// example out: for a positive example some relation of `rule_id` holds every
// expected role; for a negative one no relation of `rule_id` exists. Returns
// "" when it does, else what went wrong, for a diagnostic at the example.
std::string ExampleMismatch(const RuleExample& example, const Document& doc);

// A fact one rule built in one sentence, before Run keeps the fullest fact of
// each kind (see RelationExtractor::MatchSentence).
struct RuleMatch {
  RelationMention fact;
  bool kept = true;     // Run keeps it; false when another fact of the sentence covers it.
  std::string covered_by;  // When not kept: RelationSummary and rule of the fact that covers it.
};

// Why one rule did, or did not, produce a fact in one sentence: for
// `quarry explain --rule`. Read in order: the rule exists; the prefilter let
// it run; its regex matched (else the nearest partial match); each match
// built a fact (else why not); Run kept the fact.
struct RuleTrace {
  std::string error;  // Non-empty when there is no such rule (nothing else is set).
  std::string rule_id;
  std::string predicate;
  std::string file;
  int line = 0;
  std::string pattern;  // As written.
  // The prefilter would skip the rule: a word or slot type its pattern needs is absent.
  bool prefiltered_out = false;
  std::vector<RuleMatch> facts;
  // Matches of the regex that built no fact, each "`matched text`: reason".
  std::vector<std::string> rejected;
  // When the regex does not match: the longest run of the pattern's top-level
  // elements, from the first, that matches somewhere in the typed sentence.
  size_t elements = 0;          // Top-level elements of the pattern.
  size_t elements_matched = 0;  // 0 when not even the first matches.
  std::string partial_text;     // Typed text the matched elements cover.
  std::string next_element;     // Source of the first element that failed after them.
  // Slot elements that no mention of the sentence can fill, as written.
  std::vector<std::string> missing_slots;
};

class RelationExtractor {
 public:
  static std::unique_ptr<RelationExtractor> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~RelationExtractor() = default;
  // Resolves overlaps between doc->entities and doc->quantities (overlap.h),
  // writing the winners back sorted by span, then replaces doc->relations
  // with the facts of every sentence, sorted by sentence and position.
  // Thread-safe: compiled rules never change after Create.
  virtual void Run(Document* doc) const = 0;
  virtual const std::vector<RuleExample>& examples() const = 0;
  // Number of rules loaded (rules with errors are not).
  virtual size_t rule_count() const = 0;

  // Debugging views of Run, for `quarry explain`. `doc` must be as Run left
  // it (overlaps resolved); `sentence_index` indexes doc.sentences.
  // Every fact every rule built in the sentence, in rule order, each marked
  // with whether Run keeps it.
  virtual std::vector<RuleMatch> MatchSentence(const Document& doc, int sentence_index) const = 0;
  // What rule `rule_id` does with the sentence, and why (see RuleTrace).
  virtual RuleTrace ExplainRule(const Document& doc, int sentence_index,
                                std::string_view rule_id) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_RELATIONS_RELATION_EXTRACTOR_H_
