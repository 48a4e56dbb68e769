// The quantity stage's rule files, parsed and compiled: units.rules (units,
// currencies, counted nouns, what prices are per), numbers.rules (scale
// words, spelled-out numbers, ranges, words that make a number a name or a
// date) and qualifiers.rules. The syntax of each file is documented at its
// top; this header is what the recognizer reads from them.
#ifndef QUARRY_QUANTITIES_QUANTITY_RULES_H_
#define QUARRY_QUANTITIES_QUANTITY_RULES_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/quantity.h"
#include "core/rule_files.h"
#include "quantities/decimal.h"
#include "quantities/form_set.h"

namespace quarry {

// The dimension whose units are currencies: only money takes a "per" clause
// (and becomes a price) or a cents part ("3 dollars 50 cents").
inline constexpr char kMoneyDimension[] = "money";
inline constexpr char kCountDimension[] = "count";

struct UnitDef {
  std::string id;         // "GW", "USD", "USD.cent"; Quantity::rule.
  std::string dimension;  // "power", "money", "count", ...
  std::string base;       // "W", "USD", "count".
  Decimal factor;         // Base units per unit: 1e9 for GW, 0.01 for a cent.
  std::string counted;    // Counted nouns: Quantity::counted ("GPU").
  int line = 0;
};

struct ScaleDef {
  std::string id;
  Decimal factor;
};

// A token of a spelled-out number.
struct SpelledToken {
  enum Kind { kOnes, kTeens, kTens, kHundred, kScale, kFraction, kArticle, kJoiner, kPoint };
  Kind kind;
  Decimal value;  // Number value, scale factor or fraction; unused for the rest.
};

struct RangePair {
  std::string id;
  FormSet close;  // "and" after "between".
  FormSet after;  // When not empty: the pair is a range only after one of these words.
};

struct QuantityRules {
  // units.rules
  std::map<std::string, std::string> dimensions;  // Name -> base unit, "*" when per unit.
  std::vector<UnitDef> units;                     // Units, currencies and counted nouns.
  FormSet unit_before;  // Forms written before the number -> unit index.
  FormSet unit_after;   // Forms written after the number -> unit index.
  FormSet count_nouns;  // -> unit index (dimension "count").
  FormSet per_words;    // "per", "/", "a" (what joins a price to its unit).
  FormSet per_nouns;    // -> index into per_names.
  std::vector<std::string> per_names;
  FormSet per_rates;    // A second "per": "per kW per month" -> index into per_rate_names.
  std::vector<std::string> per_rate_names;
  FormSet modifiers;    // Words allowed between a number and its counted noun.
  int max_modifiers = 2;

  // numbers.rules
  std::vector<ScaleDef> scale_defs;
  FormSet scales;   // Every scale form after digits -> ScalePayload.
  static int ScalePayload(int index, bool word) { return index * 2 + (word ? 1 : 0); }
  const ScaleDef& ScaleOf(int payload) const { return scale_defs[payload / 2]; }
  // A scale word ("billion"), not an abbreviation ("bn").
  static bool IsScaleWord(int payload) { return payload % 2 == 1; }
  FormSet spelled;  // Spelled-number tokens -> index into spelled_tokens.
  std::vector<SpelledToken> spelled_tokens;
  FormSet signs;    // -> +1 / -1.
  FormSet multipliers;   // "x" in "8x H100 GPUs".
  FormSet range_seps;    // -> 1 for words ("to"), 0 for symbols ("-").
  FormSet range_open;    // -> index into range_pairs.
  std::vector<std::unique_ptr<RangePair>> range_pairs;
  FormSet change_words;  // "rose": "rose 5% to 6%" is a change, not a range.
  FormSet labels;        // "Tier", "Phase": the next number is a name.
  FormSet date_words;    // Month names: the next number is a day.

  // qualifiers.rules
  FormSet qualifiers_before;  // -> Qualifier.
  FormSet qualifiers_after;   // -> Qualifier.
};

// Parses and compiles the three files from `files` (units.rules,
// numbers.rules, qualifiers.rules). Every problem is reported to `sink` as
// "file:line:col: error: ..."; returns nullptr if there was any.
std::unique_ptr<QuantityRules> LoadQuantityRules(const RuleFiles& files, DiagnosticSink* sink);

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_QUANTITY_RULES_H_
