// Exports Decimal (see decimal.h): exact decimal arithmetic on a 128-bit
// mantissa with a base-ten exponent.
#include "quantities/decimal.h"

#include <charconv>

namespace quarry {
namespace {

// 10^36 < 2^120: a mantissa of at most 36 digits can be multiplied by ten
// and have a digit added without overflowing 128 bits.
constexpr int kMaxDigits = 36;

using Mantissa = unsigned __int128;

int DigitCount(Mantissa m) {
  int n = 0;
  while (m != 0) {
    m /= 10;
    ++n;
  }
  return n;
}

Mantissa Pow10(int n) {
  Mantissa p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Divides by 10 rounding half up, for when a result needs fewer digits.
Mantissa DropDigit(Mantissa m) { return (m + 5) / 10; }

std::string MantissaDigits(Mantissa m) {
  if (m == 0) return "0";
  std::string s;
  while (m != 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  return s;
}

}  // namespace

Decimal Decimal::FromInt(unsigned long long v, int exponent) {
  Decimal d;
  d.mantissa_ = v;
  d.exponent_ = exponent;
  d.Normalize();
  return d;
}

std::optional<Decimal> Decimal::Parse(std::string_view s) {
  Decimal d;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    d.negative_ = s[i] == '-';
    ++i;
  }
  bool any = false, point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      d.PushDigit(c - '0', point);
      any = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    int e = 0;
    auto r = std::from_chars(s.data() + i, s.data() + s.size(), e);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    if (e > 300 || e < -300) return std::nullopt;
    d.exponent_ += e;
    i = s.size();
  }
  if (i != s.size()) return std::nullopt;
  d.Normalize();
  return d;
}

void Decimal::PushDigit(int digit, bool after_point) {
  if (DigitCount(mantissa_) < kMaxDigits) {
    mantissa_ = mantissa_ * 10 + static_cast<unsigned>(digit);
    if (after_point) --exponent_;
  } else if (!after_point) {
    ++exponent_;  // The digit is dropped but its place still counts.
  }
}

void Decimal::Normalize() {
  if (mantissa_ == 0) {
    exponent_ = 0;
    negative_ = false;
    return;
  }
  while (mantissa_ % 10 == 0) {
    mantissa_ /= 10;
    ++exponent_;
  }
}

Decimal Decimal::operator*(const Decimal& other) const {
  Decimal a = *this, b = other;
  a.Normalize();
  b.Normalize();
  Decimal r;
  r.negative_ = a.negative_ != b.negative_;
  // Keep the product within 37 digits by rounding the longer factor.
  while (DigitCount(a.mantissa_) + DigitCount(b.mantissa_) > kMaxDigits + 1) {
    Decimal& longer = DigitCount(a.mantissa_) >= DigitCount(b.mantissa_) ? a : b;
    longer.mantissa_ = DropDigit(longer.mantissa_);
    ++longer.exponent_;
  }
  r.mantissa_ = a.mantissa_ * b.mantissa_;
  r.exponent_ = a.exponent_ + b.exponent_;
  r.Normalize();
  return r;
}

Decimal Decimal::operator+(const Decimal& other) const {
  Decimal a = *this, b = other;
  a.Normalize();
  b.Normalize();
  if (a.IsZero()) return b;
  if (b.IsZero()) return a;
  // Bring both to the smaller exponent, unless that needs too many digits;
  // then round the finer one instead.
  if (a.exponent_ < b.exponent_) std::swap(a, b);  // a has the larger exponent.
  while (a.exponent_ > b.exponent_) {
    if (DigitCount(a.mantissa_) < kMaxDigits) {
      a.mantissa_ *= 10;
      --a.exponent_;
    } else {
      b.mantissa_ = DropDigit(b.mantissa_);
      ++b.exponent_;
    }
  }
  Decimal r;
  r.exponent_ = a.exponent_;
  if (a.negative_ == b.negative_) {
    r.mantissa_ = a.mantissa_ + b.mantissa_;
    r.negative_ = a.negative_;
  } else if (a.mantissa_ >= b.mantissa_) {
    r.mantissa_ = a.mantissa_ - b.mantissa_;
    r.negative_ = a.negative_;
  } else {
    r.mantissa_ = b.mantissa_ - a.mantissa_;
    r.negative_ = b.negative_;
  }
  r.Normalize();
  return r;
}

Decimal Decimal::DividedBy(const Decimal& other) const {
  Decimal a = *this, b = other;
  a.Normalize();
  b.Normalize();
  Decimal r;
  if (b.IsZero() || a.IsZero()) return r;
  int shift = kMaxDigits - DigitCount(a.mantissa_);
  Mantissa scaled = a.mantissa_ * Pow10(shift);
  r.mantissa_ = scaled / b.mantissa_;
  Mantissa rest = scaled % b.mantissa_;
  if (rest * 2 >= b.mantissa_) ++r.mantissa_;  // Round half up.
  r.exponent_ = a.exponent_ - shift - b.exponent_;
  r.negative_ = a.negative_ != b.negative_;
  // An inexact quotient carries ~36 digits of noise-free but rounded
  // digits; keep 30 so that 1/3 prints as a clean 0.333...
  if (rest != 0) {
    while (DigitCount(r.mantissa_) > 30) {
      r.mantissa_ = DropDigit(r.mantissa_);
      ++r.exponent_;
    }
  }
  r.Normalize();
  return r;
}

int Decimal::Compare(const Decimal& other) const {
  Decimal diff = *this + Decimal(other).Negated();
  if (diff.IsZero()) return 0;
  return diff.negative_ ? -1 : 1;
}

Decimal Decimal::Negated() const {
  Decimal d = *this;
  if (!d.IsZero()) d.negative_ = !d.negative_;
  return d;
}

double Decimal::ToDouble() const {
  std::string s = negative_ ? "-" : "";
  s += MantissaDigits(mantissa_);
  s += 'e';
  s += std::to_string(exponent_);
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

int Decimal::SignificantDigits() const {
  Decimal d = *this;
  d.Normalize();
  return d.IsZero() ? 1 : DigitCount(d.mantissa_);
}

std::string Decimal::ToString() const {
  std::string s = negative_ ? "-" : "";
  s += MantissaDigits(mantissa_);
  if (exponent_ != 0) s += "e" + std::to_string(exponent_);
  return s;
}

}  // namespace quarry
