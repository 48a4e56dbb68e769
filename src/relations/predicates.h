// The relation predicates and their roles: part of quarry's output contract
// (see issue 4), so they are compiled in rather than read from rules/. Rule
// files are validated against this table: a rule may only bind a predicate's
// own roles, each with a slot of an allowed type.
#ifndef QUARRY_RELATIONS_PREDICATES_H_
#define QUARRY_RELATIONS_PREDICATES_H_

#include <string>
#include <string_view>
#include <vector>

namespace quarry {

enum class RoleKind { kEntity, kQuantity, kLiteral };

struct RoleSpec {
  std::string_view name;
  RoleKind kind = RoleKind::kEntity;
  // Slot types that may fill the role ("ORG", "POWER"); empty for literals.
  std::vector<std::string_view> types;
  // For literal roles with a closed vocabulary ("contracted", ...); empty when open.
  std::vector<std::string_view> values;
  bool required = false;  // A fact without it is not produced.
};

struct PredicateSpec {
  std::string_view name;
  std::vector<RoleSpec> roles;  // In output order.
  // When not empty, a fact needs at least one of these roles as well.
  std::vector<std::string_view> one_of;
  // Two entity roles that the predicate treats alike ("A and B formed a
  // partnership" is "B and A ..."): the entity whose id sorts first takes the
  // first role, so that every phrasing gives one canonical fact.
  std::vector<std::string_view> symmetric;

  const RoleSpec* FindRole(std::string_view role) const;
};

// Every predicate, in a fixed order.
const std::vector<PredicateSpec>& Predicates();
const PredicateSpec* FindPredicate(std::string_view name);

// Slot types: entity classes and quantity types (upper-cased dimensions).
bool IsEntityType(std::string_view type);
bool IsQuantityType(std::string_view type);
// "ORG, PERSON, PLACE, PRODUCT, POWER, ..." for messages.
std::string KnownSlotTypes();
// The slot type of a quantity dimension ("power" -> "POWER"), or "" when the
// dimension has none.
std::string_view QuantityType(std::string_view dimension);

// "a, b or c" for messages.
std::string JoinOr(const std::vector<std::string_view>& items);

}  // namespace quarry

#endif  // QUARRY_RELATIONS_PREDICATES_H_
