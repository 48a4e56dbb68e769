// Reading one number at a known position: digits with their separators
// ("1,600", "12,34,567.89", "816 000", "1 1/2") or a spelled-out number
// ("twenty-one", "half a billion", "one and a half"). The recognizer finds
// where numbers start; this decides how far they go and what they are worth.
#ifndef QUARRY_QUANTITIES_NUMBER_READER_H_
#define QUARRY_QUANTITIES_NUMBER_READER_H_

#include <string_view>

#include "quantities/decimal.h"
#include "quantities/quantity_rules.h"

namespace quarry {

struct NumberRead {
  enum Status {
    kNumber,     // A number; fields below are set.
    kNotNumber,  // Digits that are no amount (an IP address, a date, "03388"); skip to `end`.
    kNone,       // Nothing here.
  };
  Status status = kNone;
  size_t begin = 0;
  size_t end = 0;
  Decimal value;
  int significant_digits = 0;
  // The separators leave a doubt: mixed ("1.234,5"), irregular ("1,5",
  // "1,2345") or European grouping ("1.234.567") in English text.
  bool ambiguous = false;
  bool spelled = false;
  // Only digits, no separator, point or fraction: "2025", "3", "350000".
  bool plain_integer = false;
  bool has_point = false;
  // A fraction at heart, with no scale after it: "half", "a quarter",
  // "three fifths", "¾" (ordinals look the same: "the two hundredth
  // customer"). It takes a unit only through an article ("half a
  // gigawatt") and never ends a range ("in the quarter to June").
  bool fraction_only = false;
  // Spelled numbers read their own scale words: the largest one used.
  Decimal scale = Decimal::FromInt(1);
  bool has_scale = false;
  // "half a gigawatt": the article after the fraction is left out of the
  // number (end stops before it); a unit may start at unit_from instead.
  size_t unit_from = 0;
};

// Digits at `pos`: text[pos] is an ASCII digit, '.' before a digit, or a
// vulgar fraction.
NumberRead ReadDigits(std::string_view text, size_t pos);

// A spelled-out number starting at `pos`, using the number words, scale
// words, fractions, articles, joiners and "point" of numbers.rules.
NumberRead ReadSpelled(const QuantityRules& rules, std::string_view text, size_t pos);

// Byte length of a vulgar fraction character (½, ¾, ⅔, ...) at `pos`, with
// its value; 0 when there is none.
size_t VulgarFractionAt(std::string_view text, size_t pos, Decimal* value);

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_NUMBER_READER_H_
