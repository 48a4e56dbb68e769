// Exports the JSON forms of core records (see json.h).
#include "core/json.h"

#include <cmath>

namespace quarry {

nlohmann::ordered_json JsonNumber(double v) {
  // Integral values are emitted as integers so that nlohmann does not print
  // "1600000000.0"; others go through FormatNumber's shortest round trip.
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0)
    return static_cast<long long>(v);
  return nlohmann::ordered_json::parse(FormatNumber(v));
}

nlohmann::ordered_json EntityToJson(const EntityMention& e) {
  nlohmann::ordered_json j;
  j["type"] = "entity";
  j["id"] = e.id;
  j["name"] = e.name;
  j["class"] = e.entity_class;
  j["text"] = e.text;
  j["start"] = e.span.begin;
  j["end"] = e.span.end;
  if (e.discovered) j["discovered"] = true;
  j["rule"] = e.rule;
  return j;
}

nlohmann::ordered_json QuantityValueToJson(const Quantity& q) {
  nlohmann::ordered_json j;
  if (q.value) {
    j["value"] = JsonNumber(*q.value);
  } else {
    if (q.low) j["low"] = JsonNumber(*q.low);
    if (q.high) j["high"] = JsonNumber(*q.high);
  }
  j["unit"] = q.unit;
  if (q.qualifier != Qualifier::kExact) j["qualifier"] = QualifierName(q.qualifier);
  if (!q.counted.empty()) j["counted"] = q.counted;
  if (!q.per.empty()) j["per"] = q.per;
  return j;
}

nlohmann::ordered_json QuantityToJson(const Quantity& q) {
  nlohmann::ordered_json j;
  j["type"] = "quantity";
  j["dimension"] = q.dimension;
  nlohmann::ordered_json value = QuantityValueToJson(q);  // items() does not own its json.
  for (auto& [k, v] : value.items()) j[k] = v;
  if (!j.contains("qualifier")) j["qualifier"] = "";
  if (q.ambiguous) j["ambiguous"] = true;
  j["text"] = q.text;
  j["start"] = q.span.begin;
  j["end"] = q.span.end;
  j["rule"] = q.rule;
  return j;
}

nlohmann::ordered_json RelationArgsToJson(const RelationMention& r) {
  nlohmann::ordered_json args = nlohmann::ordered_json::object();
  for (const auto& a : r.args) {
    switch (a.kind) {
      case RelationArgument::Kind::kEntity: args[a.role] = a.entity.name; break;
      case RelationArgument::Kind::kQuantity: args[a.role] = QuantityValueToJson(a.quantity); break;
      case RelationArgument::Kind::kLiteral: args[a.role] = a.literal; break;
    }
  }
  return args;
}

nlohmann::ordered_json RelationToJson(const RelationMention& r, std::string_view text) {
  nlohmann::ordered_json j;
  j["type"] = "relation";
  j["predicate"] = r.predicate;
  j["args"] = RelationArgsToJson(r);
  j["rule"] = r.rule;
  j["sentence"] = std::string(r.sentence.Of(text));
  j["start"] = r.span.begin;
  j["end"] = r.span.end;
  return j;
}

}  // namespace quarry
