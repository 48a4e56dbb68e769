// Tests of Decimal (src/quantities/decimal.cc): values read from text stay
// exact until one final rounding, so equal amounts give equal doubles.
#include "quantities/decimal.h"

#include <catch2/catch.hpp>

#include "core/quantity.h"

namespace quarry {
namespace {

Decimal D(const char* s) {
  std::optional<Decimal> d = Decimal::Parse(s);
  REQUIRE(d);
  return *d;
}

TEST_CASE("decimal: parsing", "[quantities][decimal]") {
  CHECK(D("1e9").ToString() == "1e9");
  CHECK(D("1.60").ToString() == "16e-1");
  CHECK(D("-2.5").ToString() == "-25e-1");
  CHECK(D("4046.8564224").ToString() == "40468564224e-7");
  CHECK(D("0").ToString() == "0");
  for (const char* bad : {"", "-", "1e", "1.2.3", "abc", "1e9x", "e9", "1e999"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::Parse(bad));
  }
}

TEST_CASE("decimal: products are exact, so equal amounts are equal doubles",
          "[quantities][decimal]") {
  double gw = (D("1.6") * D("1e9")).ToDouble();
  double mw = (D("1600") * D("1e6")).ToDouble();
  CHECK(gw == mw);
  CHECK(gw == 1600000000.0);
  CHECK(FormatNumber(gw) == "1600000000");
  // 1.1 * 3 in doubles is 3.3000000000000003; here it is 3.3.
  CHECK(FormatNumber((D("1.1") * D("3")).ToDouble()) == "3.3");
  CHECK(FormatNumber((D("4000") * D("4046.8564224")).ToDouble()) == "16187425.6896");
  CHECK((D("0.07") * D("0.01")).ToDouble() == 0.0007);
}

TEST_CASE("decimal: sums, quotients and comparisons", "[quantities][decimal]") {
  CHECK((D("3") + D("0.5")).ToString() == "35e-1");
  CHECK((D("1") + D("-1")).IsZero());
  CHECK((D("-5") + D("2")).ToString() == "-3");
  CHECK(D("1").DividedBy(D("4")).ToString() == "25e-2");
  CHECK(FormatNumber(D("1").DividedBy(D("3")).ToDouble()) == "0.3333333333333333");
  CHECK(D("1.5") < D("2"));
  CHECK(D("-3") < D("1"));
  CHECK(D("2.50") == D("2.5"));
  CHECK(D("1.60").SignificantDigits() == 2);
  CHECK(D("1600").SignificantDigits() == 2);
}

TEST_CASE("decimal: long digit strings round instead of overflowing", "[quantities][decimal]") {
  Decimal big;
  for (int i = 0; i < 60; ++i) big.PushDigit(9, false);
  CHECK(big.ToDouble() == Approx(1e60));
  CHECK(FormatNumber((D("123456789012345678901234567890") * D("1e12")).ToDouble()) ==
        FormatNumber(1.2345678901234568e41));
}

}  // namespace
}  // namespace quarry
