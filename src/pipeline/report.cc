// Exports FormatQuantityArg, FormatClaim, PublicArgs and FactToJson.
#include "pipeline/report.h"

#include "core/quantity.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

const char* QualifierSymbol(const std::string& name) {
  if (name == "approx") return "~";
  if (name == "at_least") return ">=";
  if (name == "more_than") return ">";
  if (name == "at_most") return "<=";
  if (name == "less_than") return "<";
  return "";
}

std::string Number(const Json& j) { return FormatNumber(j.get<double>()); }

}  // namespace

std::string FormatQuantityArg(const Json& q) {
  std::string out = QualifierSymbol(q.value("qualifier", ""));
  if (q.contains("value")) {
    out += Number(q["value"]);
  } else {
    out += (q.contains("low") ? Number(q["low"]) : "") + ".." +
           (q.contains("high") ? Number(q["high"]) : "");
  }
  std::string unit = q.value("unit", "");
  if (unit == "count" && q.contains("counted")) unit = q["counted"].get<std::string>();
  out += " " + unit;
  if (q.contains("per")) out += "/" + q["per"].get<std::string>();
  return out;
}

std::string FormatClaim(const std::string& predicate, const Json& args) {
  std::string out = predicate + "(";
  bool first = true;
  for (const auto& [role, value] : args.items()) {
    if (!first) out += ", ";
    first = false;
    out += role + "=";
    if (value.is_object() && value.contains("unit")) {
      out += FormatQuantityArg(value);
    } else if (value.is_object() && value.contains("name")) {
      out += value["name"].get<std::string>();
    } else if (value.is_string()) {
      out += value.get<std::string>();
    } else {
      out += value.dump();
    }
  }
  return out + ")";
}

Json PublicArgs(const Json& args) {
  Json out = Json::object();
  for (const auto& [role, value] : args.items()) {
    if (value.is_object() && value.contains("unit")) {
      Json q = value;
      q.erase("dimension");
      out[role] = q;
    } else if (value.is_object() && value.contains("name")) {
      out[role] = value["name"];
    } else {
      out[role] = value;
    }
  }
  return out;
}

Json FactToJson(const FactView& fact) {
  Json j;
  j["id"] = fact.id;
  j["predicate"] = fact.predicate;
  j["args"] = fact.claims.empty() ? Json::object() : PublicArgs(fact.claims.front().args);
  j["source_count"] = fact.source_count;
  j["independent_sources"] = fact.independent_sources;
  j["confidence"] = fact.confidence;
  auto sources_of = [](const ClaimView& claim) {
    Json sources = Json::array();
    for (const auto& s : claim.sources) {
      sources.push_back({{"article", s.article}, {"sentence", s.sentence}, {"rule", s.rule},
                         {"start", s.start}, {"end", s.end}, {"raw_start", s.raw_start},
                         {"raw_end", s.raw_end}, {"confidence", s.confidence}});
    }
    return sources;
  };
  Json sources = Json::array();
  for (const auto& claim : fact.claims)
    for (auto& s : sources_of(claim)) sources.push_back(s);
  j["sources"] = sources;
  if (fact.conflict) {
    j["conflict"] = true;
    Json claims = Json::array();
    for (const auto& claim : fact.claims) {
      claims.push_back({{"args", PublicArgs(claim.args)},
                        {"independent_sources", claim.independent_sources},
                        {"sources", sources_of(claim)}});
    }
    j["claims"] = claims;
  }
  return j;
}

}  // namespace quarry
