// Exports the predicate table (Predicates, FindPredicate) and the slot type
// vocabulary (see predicates.h).
#include "relations/predicates.h"

#include <algorithm>
#include <array>

namespace quarry {
namespace {

constexpr std::array<std::string_view, 4> kEntityTypes = {"ORG", "PERSON", "PLACE", "PRODUCT"};

struct DimensionType {
  std::string_view dimension;
  std::string_view type;
};
constexpr std::array<DimensionType, 7> kQuantityTypes = {{
    {"power", "POWER"},
    {"energy", "ENERGY"},
    {"money", "MONEY"},
    {"count", "COUNT"},
    {"area", "AREA"},
    {"percent", "PERCENT"},
    {"price", "PRICE"},
}};

RoleSpec Entity(std::string_view name, std::vector<std::string_view> types, bool required = false) {
  return {name, RoleKind::kEntity, std::move(types), {}, required};
}
RoleSpec Amount(std::string_view name, std::vector<std::string_view> types, bool required = false) {
  return {name, RoleKind::kQuantity, std::move(types), {}, required};
}
RoleSpec Literal(std::string_view name, std::vector<std::string_view> values = {}) {
  return {name, RoleKind::kLiteral, {}, std::move(values), false};
}

std::vector<PredicateSpec> BuildPredicates() {
  constexpr bool kRequired = true;
  return {
      {"compute_deal",
       {Entity("buyer", {"ORG"}, kRequired), Entity("provider", {"ORG"}, kRequired),
        Amount("capacity", {"POWER", "COUNT"}), Amount("value", {"MONEY"}), Literal("duration")},
       {},
       {}},
      {"investment",
       {Entity("investor", {"ORG", "PERSON"}, kRequired), Entity("target", {"ORG"}, kRequired),
        Amount("amount", {"MONEY"})},
       {},
       {}},
      {"funding_round",
       {Entity("company", {"ORG"}, kRequired), Amount("amount", {"MONEY"}, kRequired),
        Amount("valuation", {"MONEY"}), Entity("lead", {"ORG", "PERSON"})},
       {},
       {}},
      {"acquisition",
       {Entity("acquirer", {"ORG"}, kRequired), Entity("target", {"ORG"}, kRequired),
        Amount("price", {"MONEY"})},
       {},
       {}},
      {"facility",
       {Entity("operator", {"ORG"}, kRequired), Entity("location", {"PLACE"}),
        Amount("capacity", {"POWER"}), Amount("area", {"AREA"})},
       {"location", "capacity", "area"},
       {}},
      {"capacity_total",
       {Entity("org", {"ORG"}, kRequired), Amount("capacity", {"POWER"}, kRequired),
        Literal("status", {"contracted", "pipeline", "planned", "operational"})},
       {},
       {}},
      {"capex_plan",
       {Entity("org", {"ORG"}, kRequired), Amount("amount", {"MONEY"}, kRequired),
        Literal("period")},
       {},
       {}},
      {"valuation",
       {Entity("org", {"ORG"}, kRequired), Amount("amount", {"MONEY"}, kRequired),
        Literal("kind", {"market_cap", "private"})},
       {},
       {}},
      {"person_move",
       {Entity("person", {"PERSON"}, kRequired), Entity("from", {"ORG"}), Entity("to", {"ORG"}),
        Literal("role")},
       {"from", "to"},
       {}},
      {"partnership",
       {Entity("party_a", {"ORG"}, kRequired), Entity("party_b", {"ORG"}, kRequired),
        Literal("topic")},
       {},
       {"party_a", "party_b"}},
  };
}

}  // namespace

const RoleSpec* PredicateSpec::FindRole(std::string_view role) const {
  for (const auto& r : roles)
    if (r.name == role) return &r;
  return nullptr;
}

const std::vector<PredicateSpec>& Predicates() {
  static const std::vector<PredicateSpec> predicates = BuildPredicates();
  return predicates;
}

const PredicateSpec* FindPredicate(std::string_view name) {
  for (const auto& p : Predicates())
    if (p.name == name) return &p;
  return nullptr;
}

bool IsEntityType(std::string_view type) {
  return std::find(kEntityTypes.begin(), kEntityTypes.end(), type) != kEntityTypes.end();
}

bool IsQuantityType(std::string_view type) {
  return std::any_of(kQuantityTypes.begin(), kQuantityTypes.end(),
                     [&](const DimensionType& d) { return d.type == type; });
}

std::string KnownSlotTypes() {
  std::string out;
  for (auto t : kEntityTypes) out += (out.empty() ? "" : ", ") + std::string(t);
  for (const auto& d : kQuantityTypes) out += ", " + std::string(d.type);
  return out;
}

std::string_view QuantityType(std::string_view dimension) {
  for (const auto& d : kQuantityTypes)
    if (d.dimension == dimension) return d.type;
  return {};
}

std::string JoinOr(const std::vector<std::string_view>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace quarry
