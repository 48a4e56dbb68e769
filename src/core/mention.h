// Entity mentions and relation mentions found in one document.
#ifndef QUARRY_CORE_MENTION_H_
#define QUARRY_CORE_MENTION_H_

#include <string>
#include <vector>

#include "core/quantity.h"
#include "core/span.h"

namespace quarry {

struct EntityMention {
  std::string id;              // Canonical id: "meta", "crusoe", or "org:acme_robotics" when discovered.
  std::string name;            // Canonical name: "Meta Platforms".
  std::string entity_class;    // "ORG", "PERSON", "PLACE", "PRODUCT".
  std::string rule;            // Gazetteer entry id, or the id of the pattern that found it.
  std::vector<std::string> tags;  // Gazetteer tags: "cloud", "hyperscaler", "lab", "chipmaker", ...
  int priority = 0;            // Gazetteer priority, for the overlap policy.
  bool discovered = false;     // Not in the gazetteer: found by a name-shape pattern.
  double confidence = 1.0;     // Lower for discovered names and resolved references.
  std::string text;            // Exact matched text.
  Span span;
};

// One role of a relation: an entity, a quantity, or a literal (a status word,
// a period, a role title).
struct RelationArgument {
  enum class Kind { kEntity, kQuantity, kLiteral };
  std::string role;
  Kind kind = Kind::kLiteral;
  EntityMention entity;   // When kind == kEntity.
  Quantity quantity;      // When kind == kQuantity.
  std::string literal;    // When kind == kLiteral (normalized, e.g. "contracted").
  Span span;              // Where the argument stands in the text.
};

struct RelationMention {
  std::string predicate;  // "compute_deal", "capex_plan", ...
  std::string rule;       // Id of the relation rule that matched.
  std::vector<RelationArgument> args;
  int sentence_index = -1;
  Span sentence;          // The sentence it was found in.
  Span span;              // The part of the sentence the rule matched.
  double confidence = 1.0;

  const RelationArgument* Find(std::string_view role) const {
    for (const auto& a : args)
      if (a.role == role) return &a;
    return nullptr;
  }
};

}  // namespace quarry

#endif  // QUARRY_CORE_MENTION_H_
