// A quantity found in text, normalized to a base unit.
#ifndef QUARRY_CORE_QUANTITY_H_
#define QUARRY_CORE_QUANTITY_H_

#include <optional>
#include <string>

#include "core/span.h"

namespace quarry {

enum class Qualifier { kExact, kApprox, kAtLeast, kMoreThan, kAtMost, kLessThan };

// "", "approx", "at_least", "more_than", "at_most", "less_than".
const char* QualifierName(Qualifier q);
std::optional<Qualifier> ParseQualifier(std::string_view name);

struct Quantity {
  // "power", "energy", "money", "count", "area", "percent", "price" (money per unit).
  std::string dimension;
  // Base unit: "W", "Wh", an ISO 4217 code for money and price, "m2", "%", "count".
  std::string unit;
  // Exactly one of: value, or low and high (a range).
  std::optional<double> value;
  std::optional<double> low;
  std::optional<double> high;
  Qualifier qualifier = Qualifier::kExact;
  double scale = 1;         // The multiplier the text applied (1e9 for "billion", "GW").
  int significant_digits = 0;  // Digits the text states, for tolerance when comparing.
  std::string counted;      // For counts: the canonical noun ("GPU", "data center").
  std::string per;          // For prices: what one unit is ("share", "kWh").
  bool ambiguous = false;   // The parse had a doubt; never used to build a fact.
  std::string rule;         // Id of the unit or pattern rule that produced it.
  std::string text;         // Exact matched text.
  Span span;
};

// Shortest decimal form that reads back as `v` ("1600000000", "1.6e-05"), so
// output never shows float noise.
std::string FormatNumber(double v);

}  // namespace quarry

#endif  // QUARRY_CORE_QUANTITY_H_
