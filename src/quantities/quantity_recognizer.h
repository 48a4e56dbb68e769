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
  static std::unique_ptr<QuantityRecognizer> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~QuantityRecognizer() = default;

  // All quantities in `text`; spans are offsets into `text`.
  virtual std::vector<Quantity> Find(std::string_view text) const = 0;

  // Find() over each of doc->sentences, into doc->quantities.
  void Run(Document* doc) const;
};

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_QUANTITY_RECOGNIZER_H_
