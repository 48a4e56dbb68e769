// `quarry explain`: what every stage did with each sentence of one article,
// and why, as JSON records that the command prints as JSON Lines or renders
// for a terminal.
#ifndef QUARRY_PIPELINE_EXPLAIN_H_
#define QUARRY_PIPELINE_EXPLAIN_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "pipeline/rule_set.h"

namespace quarry {

struct ExplainOptions {
  std::string rule_id;       // Also trace this relation rule in every sentence.
  int sentence_index = -1;   // Only this sentence (0-based), when >= 0.
};

// Runs the stages over doc->raw in order (normalize, segment, entities,
// quantities, relations), recording what each found. Returns false with a
// reason when the article is not text, or when options name a relation rule
// that does not exist. On success *records holds, in order:
//
//   {"type":"article","path","title","encoding","boilerplate_bytes","sentences",
//    "boilerplate":[{"line","rule"}]}   lines dropped as page cruft, and the
//                                       rule ("rules/boilerplate.rules:12") that
//                                       matches each, "" for neighbours and cuts
//   one {"type":"sentence",...} per sentence (see ExplainSentence in the .cc):
//     "index","start","end","text"      the normalized sentence
//     "entities":[{..EntityToJson.., "source","tags","confidence"}]
//       source: "gazetteer" | "pattern" (discovered) | "repeat" | "coreference"
//     "quantities":[{..QuantityToJson..}]   rule: the unit or pattern rule
//     "dropped":[{"mention":..,"lost_to":..}] mentions the overlap policy removed
//     "typed"                           the typed sentence relation rules see
//     "relations":[{"rule","predicate","args","summary","match","kept","covered_by"}]
//     "trace":{...}                     with options.rule_id: RuleTrace as JSON
bool ExplainArticle(const RuleSet& rules, Document* doc, const ExplainOptions& options,
                    std::vector<nlohmann::ordered_json>* records, std::string* error);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_EXPLAIN_H_
