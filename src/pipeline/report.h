// Plain-text forms of facts, shared by `quarry facts`, the golden test and
// `quarry extract`, so that each fact reads the same everywhere.
#ifndef QUARRY_PIPELINE_REPORT_H_
#define QUARRY_PIPELINE_REPORT_H_

#include <string>

#include <nlohmann/json.hpp>

#include "store/fact_store.h"

namespace quarry {

// "~1600000000 W", "4..6 USD/share", ">=60000000000 USD", "350000 GPU".
std::string FormatQuantityArg(const nlohmann::ordered_json& quantity);

// "compute_deal(buyer=Meta Platforms, capacity=~1600000000 W, provider=Crusoe)":
// roles in name order; entities by canonical name.
std::string FormatClaim(const std::string& predicate, const nlohmann::ordered_json& args);

// The args as the output contract has them: entities by name, quantities as
// {"value"|"low","high","unit","qualifier",...}, literals as strings.
nlohmann::ordered_json PublicArgs(const nlohmann::ordered_json& args);

// One JSON Lines object per fact (see README, `quarry facts --format jsonl`).
nlohmann::ordered_json FactToJson(const FactView& fact);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_REPORT_H_
