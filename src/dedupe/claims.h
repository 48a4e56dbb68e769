// Stage 4, dedupe: what one article claims, in canonical form.
//
// In:  a Document after relations (relations, entities, quantities, text).
// Out: Claims: one per distinct fact the article states, each with every place
//      in the article that states it (provenance), plus the article's SimHash
//      for near-duplicate detection.
//
// A fact is identified by its predicate and its identity roles (FactKey): the
// parties by canonical id, plus the literal roles that change what the fact is
// (capacity_total's status, valuation's kind); see IsIdentityRole in claims.cc. The quantity roles are the
// claim's values; two claims of one fact whose values agree within
// kRelativeTolerance are the same claim, otherwise they are a conflict that
// the store keeps visible.
#ifndef QUARRY_DEDUPE_CLAIMS_H_
#define QUARRY_DEDUPE_CLAIMS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"

namespace quarry {

// Values closer than this, relative to the larger, are the same value:
// 1.6 GW = 1,600 MW = ~1.6 gigawatts, 1.62 GW ~ 1.6 GW, but 1.8 GW != 2 GW.
inline constexpr double kRelativeTolerance = 0.02;

struct ClaimSource {
  std::string rule;
  std::string sentence;   // Normalized text of the sentence.
  Span sentence_span;     // In Document::text.
  Span span;              // What the rule matched, in Document::text.
  Span raw_span;          // The same in the raw file's bytes.
  double confidence = 1;
};

struct Claim {
  std::string predicate;
  std::string fact_key;    // "compute_deal|buyer=meta|provider=crusoe"
  // role -> canonical value: an entity {"id","name"}, a quantity (see
  // QuantityValueToJson, plus "dimension"), or a literal string. Ordered by role.
  std::map<std::string, nlohmann::ordered_json> args;
  std::vector<ClaimSource> sources;
};

// Every relation of `doc` turned into claims; statements of the same claim
// within the article are merged into one claim with several sources.
std::vector<Claim> BuildClaims(const Document& doc);

// The fact key of a relation (predicate + identity roles).
std::string FactKeyOf(const RelationMention& relation);

// Whether two canonical quantity values (as in Claim::args) are the same value.
bool SameQuantityValue(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

// Whether two claims of the same fact can be one: every role both state agrees
// (entities by id, quantities within tolerance, literals exactly).
bool Compatible(const std::map<std::string, nlohmann::ordered_json>& a,
                const std::map<std::string, nlohmann::ordered_json>& b);

// What Compatible reads of one role's value, without the JSON: a claim is
// then compared with each of the many stored claims of its fact in a few
// comparisons (the store keeps these for the facts it writes; parsing every
// stored claim's JSON made a write grow with the fact's history).
struct ArgValue {
  std::string role;
  // Values with different keys never agree: "e" + id of an entity, "q" +
  // unit, dimension, counted and per of a quantity, "j" + the JSON of any
  // other value (which must then be equal).
  std::string key;
  bool quantity = false;
  bool point = false;  // A quantity with a value, else with bounds (NaN: open).
  double value = 0, low = 0, high = 0;
};
using ArgValues = std::vector<ArgValue>;  // Ordered by role, as Claim::args.

ArgValues ValuesOf(const std::map<std::string, nlohmann::ordered_json>& args);

// Compatible on the values of two claims' args.
bool Compatible(const ArgValues& a, const ArgValues& b);

// Adds to `into` the roles of `from` that `into` lacks (a claim with fewer
// roles merges into the fuller one).
void MergeArgs(std::map<std::string, nlohmann::ordered_json>* into,
               const std::map<std::string, nlohmann::ordered_json>& from);

// 64-bit SimHash over word 3-shingles of `text` (case-folded ASCII words and
// numbers); near-identical articles differ in at most kNearDuplicateBits bits.
// Six bits: a syndicated copy of a 3 KB story with its own header, footer and
// two changed words differs in 5 (measured on the corpus); unrelated stories
// on the same event differ in far more, and random hashes come within 6 bits
// with a probability of about 1e-11.
uint64_t SimHash(std::string_view text);
inline constexpr int kNearDuplicateBits = 6;

}  // namespace quarry

#endif  // QUARRY_DEDUPE_CLAIMS_H_
