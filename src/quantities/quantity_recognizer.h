// Stage 3b, quantities.
//
// In:  Document::text and Document::sentences.
// Out: Document::quantities, sorted by span, non-overlapping, each normalized
//      to its base unit (see core/quantity.h).
//
// RE2 patterns assembled from rules/units.rules (units, currencies, counted
// nouns), rules/numbers.rules (scale words, spelled-out numbers) and
// rules/qualifiers.rules; maintainers extend them without recompiling.
#ifndef QUARRY_QUANTITIES_QUANTITY_RECOGNIZER_H_
#define QUARRY_QUANTITIES_QUANTITY_RECOGNIZER_H_

#include <memory>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

class QuantityRecognizer {
 public:
  // Compiles units.rules, numbers.rules and qualifiers.rules; returns
  // nullptr when they have errors (every one is reported to `sink`).
  static std::unique_ptr<QuantityRecognizer> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~QuantityRecognizer() = default;

  // All quantities in `text`; spans are offsets into `text`. Thread-safe.
  virtual std::vector<Quantity> Find(std::string_view text) const = 0;

  // Every number expression in `text`, with or without a unit: the same
  // grammar as Find (scales, spelled-out numbers, ranges, qualifiers), but
  // each result has dimension "number", unit "" and the value before unit
  // conversion ("5 GW" -> 5; "$21bn" -> 21e9), its span ending at the
  // number or scale word; `rule` is "number", "number.range", or
  // "number.qualified" when qualifier words ("equal to", "more than") are
  // part of it. Not used by the pipeline (a bare number is no
  // fact); for evaluation against number specs (tools/peer_eval) and tests.
  virtual std::vector<Quantity> FindNumbers(std::string_view text) const = 0;

  // Find() over each of doc->sentences (over the whole text when there are
  // none), into doc->quantities with document offsets; replaces what was
  // there.
  void Run(Document* doc) const;
};

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_QUANTITY_RECOGNIZER_H_
