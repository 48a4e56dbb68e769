// JSON forms of the core records, shared by `quarry extract`, `facts` and
// `export` so that every output speaks the same contract.
#ifndef QUARRY_CORE_JSON_H_
#define QUARRY_CORE_JSON_H_

#include <nlohmann/json.hpp>

#include "core/document.h"

namespace quarry {

// {"type":"entity","id":..,"name":..,"class":..,"text":..,"start":..,"end":..}
nlohmann::ordered_json EntityToJson(const EntityMention& e);
// {"type":"quantity","dimension":..,"value":.. | "low":..,"high":..,"unit":..,
//  "qualifier":..,"text":..,"start":..,"end":..}
nlohmann::ordered_json QuantityToJson(const Quantity& q);
// The value part only, as used inside relation args: {"value":..,"unit":..}.
nlohmann::ordered_json QuantityValueToJson(const Quantity& q);
// {"type":"relation","predicate":..,"args":{role: name | quantity value | literal},
//  "rule":..,"sentence":..}
nlohmann::ordered_json RelationToJson(const RelationMention& r, std::string_view text);
// The args object alone.
nlohmann::ordered_json RelationArgsToJson(const RelationMention& r);

// A JSON number that prints without float noise (see FormatNumber).
nlohmann::ordered_json JsonNumber(double v);

}  // namespace quarry

#endif  // QUARRY_CORE_JSON_H_
