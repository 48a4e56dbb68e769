// Exact decimal numbers for the quantity stage: every value read from text
// ("1.6", "1,600", "4046.8564224") is kept as mantissa * 10^exponent and only
// turned into a double at the very end, with one correctly rounded
// conversion, so 1.6 GW, 1,600 MW and 1600000000 W give the same double
// (issue 3: "no float noise").
#ifndef QUARRY_QUANTITIES_DECIMAL_H_
#define QUARRY_QUANTITIES_DECIMAL_H_

#include <optional>
#include <string>
#include <string_view>

namespace quarry {

class Decimal {
 public:
  Decimal() = default;
  static Decimal FromInt(unsigned long long v, int exponent = 0);

  // Parses "1e9", "0.09290304", "-2.5", "12"; nullopt on anything else.
  static std::optional<Decimal> Parse(std::string_view s);

  // Appends one decimal digit, before or after the decimal point ("1.6" is
  // PushDigit(1, false), PushDigit(6, true)). Past 36 digits further
  // digits are dropped (an integer digit still raises the exponent), which
  // is far below double precision.
  void PushDigit(int digit, bool after_point);
  void set_negative(bool n) { negative_ = n && mantissa_ != 0; }

  bool negative() const { return negative_; }
  bool IsZero() const { return mantissa_ == 0; }
  int exponent() const { return exponent_; }

  Decimal Negated() const;
  Decimal operator*(const Decimal& other) const;
  Decimal operator+(const Decimal& other) const;
  // Exact when the quotient has a finite decimal expansion within 36
  // digits; otherwise rounded to 30 significant digits.
  Decimal DividedBy(const Decimal& other) const;
  // -1, 0, 1.
  int Compare(const Decimal& other) const;
  bool operator<(const Decimal& other) const { return Compare(other) < 0; }
  bool operator==(const Decimal& other) const { return Compare(other) == 0; }

  // The nearest double (one rounding, via from_chars).
  double ToDouble() const;
  // Digits of the mantissa without trailing zeros: "1.60" -> 2 ("16").
  int SignificantDigits() const;
  // "16e8", "-25e-2": exact text form, for tests and diagnostics.
  std::string ToString() const;

 private:
  using Mantissa = unsigned __int128;
  void Normalize();  // Strips trailing zeros into the exponent.

  Mantissa mantissa_ = 0;
  int exponent_ = 0;
  bool negative_ = false;
};

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_DECIMAL_H_
