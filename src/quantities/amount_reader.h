// Reading one amount at a known position of the text: a number
// (number_reader.h) with what is written around it: a sign or a currency
// before it, its scale word, its unit or counted noun after it
// ("US$4.7 billion", "1.6-gigawatt", "350,000 Nvidia GPUs"), and what can
// follow a money amount (a "per" clause, a cents part). The recognizer
// joins amounts into quantities: ranges, qualifiers, guards.
#ifndef QUARRY_QUANTITIES_AMOUNT_READER_H_
#define QUARRY_QUANTITIES_AMOUNT_READER_H_

#include <string>
#include <string_view>

#include "quantities/decimal.h"
#include "quantities/number_reader.h"
#include "quantities/quantity_rules.h"

namespace quarry {

// One number with what is written around it: "US$4.7 billion",
// "1.6-gigawatt", "350,000 Nvidia GPUs".
struct Amount {
  size_t begin = 0;      // Sign or currency, else the number.
  size_t num_begin = 0;  // The number itself.
  size_t num_end = 0;    // After the number and its scale word.
  size_t end = 0;        // After the unit or counted noun, if any.
  size_t skip_to = 0;    // On failure: where scanning may go on.
  NumberRead number;
  Decimal scaled;        // Number times scale, before the unit's factor.
  Decimal scale = Decimal::FromInt(1);
  bool has_scale = false;
  int unit = -1;         // Index into QuantityRules::units.
  bool unit_before = false;
  bool has_sign = false;
  bool ambiguous = false;
  bool plus = false;      // "40+ GW".
  bool multiple = false;  // "8x H100 GPUs".
  int inner_qualifier = -1;  // "a dozen or so researchers": between number and noun.
  Decimal extra_base;     // Cents merged into a dollar amount, in base units.
};

// A four-digit integer from 1900 to 2099 with nothing around it.
bool IsYearShaped(const Amount& a);

class AmountReader {
 public:
  explicit AmountReader(const QuantityRules& rules) : rules_(rules) {}

  // The amount starting at `pos`. A sign is read only with `allow_sign`.
  // False when there is none; amount->skip_to then tells how far the text
  // is surely no amount ("2nd", "03388", "5/17/2025").
  bool Read(std::string_view text, size_t pos, bool allow_sign, Amount* amount) const;
  // The unit or counted noun written after a number, from `pos`; sets
  // amount->unit (unless a currency came before) and amount->end. False
  // when nothing after the number was taken.
  bool ReadUnitAfter(std::string_view text, size_t pos, Amount* amount) const;
  // "per share", "/kWh", "a share", "per kW per month" after a money amount
  // ending at `pos`: what it is per, and its end; "" when there is none.
  std::string ReadPer(std::string_view text, size_t pos, size_t* end) const;
  // A cents part after a dollar amount: "3 dollars 50 cents".
  void MergeMinorUnit(std::string_view text, Amount* amount) const;

  // The value in the base unit of the amount's unit (the amount alone
  // when it has none).
  Decimal BaseValue(const Amount& a) const;
  const UnitDef* UnitOf(const Amount& a) const {
    return a.unit >= 0 ? &rules_.units[a.unit] : nullptr;
  }
  bool IsMoney(const Amount& a) const {
    const UnitDef* u = UnitOf(a);
    return u && u->dimension == kMoneyDimension;
  }

 private:
  const QuantityRules& rules_;
};

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_AMOUNT_READER_H_
