// Tests UnifyText (src/normalize/unify.cc).
#include "normalize/unify.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace quarry {
namespace {

std::string Unify(const std::string& s) {
  MappedText out = UnifyText(IdentityMapped(s));
  REQUIRE(out.offsets.size() == out.text.size() + 1);
  return out.text;
}

TEST_CASE("UnifyText: NFKC", "[unify]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"\uFB01nance", "finance"},                     // Ligature.
      {"\uFF2D\uFF45\uFF54\uFF41 \uFF11\uFF0E\uFF16GW", "Meta 1.6GW"},  // Full width.
      {"cafe\u0301", "caf\u00E9"},                     // Composed.
      {"e\u0301\u0323", "\u1EB9\u0301"},               // Reordered, then composed.
      {"wait\u2026", "wait..."},
      {"5\u33BF", "5MW"},                              // Squared unit sign.
      {"m\u00B2", "m2"},
      {"1\u00BD GW", "1 1/2 GW"},
      {"\u00BD GW", "1/2 GW"},
      {"\u2160", "I"},                                 // Roman numeral one.
      {"\uD55C\uAD6D", "\uD55C\uAD6D"},                // Hangul stays composed.
      {"\U0001F600 ok", "\U0001F600 ok"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(Unify(c.in) == c.out);
  }
}

TEST_CASE("UnifyText: quotes, dashes, spaces, controls", "[unify]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"\u2018a\u2019 \u201Ab\u201B \u2039c\u203A", "'a' 'b' 'c'"},
      {"\u201Ca\u201D \u201Eb\u201F \u00ABc\u00BB", "\"a\" \"b\" \"c\""},
      {"5\u20327\u2033", "5'7\""},
      {"10\u201320 \u2012 a\u2010b a\u2011b \u22125", "10-20 - a-b a-b -5"},
      {"response\u2014promising", "response - promising"},
      {"word \u2014 word \u2015 end", "word - word - end"},
      {"\u2014 quoted", "- quoted"},
      {"a\u00A0b\u2009c\u202Fd\u3000e\tf\u2003g", "a b c d e f g"},
      {"zero\u200Bwidth\u200Cjoin\u2060er\uFEFFx\u00ADy", "zerowidthjoinerxy"},
      {"bidi\u200E\u202Atext\u202C\u2066!\u2069", "biditext!"},
      {"a\x01\x02" "b\x7F" "c\u0085d\u0090e", "abc\nde"},
      {"  many    spaces   ", "many spaces"},
      {"line one  \n   line two", "line one\nline two"},
      {"a\r\nb\rc\n", "a\nb\nc"},
      {"a\n\n\n\n\nb", "a\n\nb"},
      {"a\n \n\t\n \nb", "a\n\nb"},
      {"\n\n\nstart and end\n\n\n", "start and end"},
      {"a\u2028b\u2029c\fd\ve", "a\nb\nc\nd\ne"},
      {"\uFFFD stays", "\uFFFD stays"},
      {"Nvidia\u2122 GB200\u00AE chips\u2120 \u00A9 2025", "Nvidia GB200 chips \u00A9 2025"},
      {"", ""},
      {" \n \t ", ""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(Unify(c.in) == c.out);
  }
}

TEST_CASE("UnifyText: invalid UTF-8 reads as U+FFFD", "[unify]") {
  CHECK(Unify("a\xFF" "b") == "a\uFFFD" "b");
  CHECK(Unify("a\xE2\x80") == "a\uFFFD\uFFFD");
}

TEST_CASE("UnifyText: every output byte maps to the start of its source", "[unify]") {
  // "a", NBSP (2 bytes), "b", then "…" (3 bytes) -> "...", then "e" + combining acute.
  std::string in = "a\u00A0b\u2026e\u0301";
  MappedText out = UnifyText(IdentityMapped(in));
  REQUIRE(out.text == "a b...\u00E9");
  std::vector<uint32_t> expected = {0, 1, 3, 4, 4, 4, 7, 7, 10};
  CHECK(out.offsets == expected);

  // Collapsed blanks map to the first blank; the end is just past the last
  // visible character, not past trailing blanks.
  out = UnifyText(IdentityMapped("x   y  \n\n"));
  REQUIRE(out.text == "x y");
  CHECK(out.offsets == std::vector<uint32_t>{0, 1, 4, 5});
}

TEST_CASE("UnifyText: long lines come out the same wherever they start", "[unify]") {
  // Long runs of words go through a fast path sixteen bytes at a time; a
  // blank, a tab, a combining mark or a non-ASCII space anywhere, at any
  // alignment, must come out as it does byte by byte: after a prefix of k
  // letters the result is those letters and the result without them.
  const std::string pieces[] = {"word",   " ",      "  ",   "\t", "e\xCC\x81", "\xC2\xA0",
                                "\n",     "ab.cd", " - ", "\r\n", "x \n",      "Z"};
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 300; ++round) {
    std::string text = "A";
    for (int k = 0; k < 40; ++k) text += pieces[pick(rng)];
    MappedText alone = UnifyText(IdentityMapped(text));
    for (uint32_t k = 1; k <= 17; ++k) {
      INFO(text << " after " << k << " letters");
      MappedText shifted = UnifyText(IdentityMapped(std::string(k, 'q') + text));
      REQUIRE(shifted.text == std::string(k, 'q') + alone.text);
      std::vector<uint32_t> offsets;
      for (uint32_t i = 0; i < k; ++i) offsets.push_back(i);
      for (uint32_t offset : alone.offsets) offsets.push_back(offset + k);
      REQUIRE(shifted.offsets == offsets);
    }
  }
  CHECK(Unify("Capacity  at the campus will reach\tone gigawatt by next year.") ==
        "Capacity at the campus will reach one gigawatt by next year.");
}

TEST_CASE("UnifyText: huge inputs stay linear", "[unify][adversarial]") {
  std::string line(4 << 20, 'a');               // One 4 MB line.
  std::string digits(1000000, '7');             // A million digits.
  std::string marks = "e" + std::string(300000, ' ');
  std::string zalgo = "e";
  for (int i = 0; i < 200000; ++i) zalgo += "\u0301";  // One enormous cluster.
  for (const std::string* s : {&line, &digits, &marks, &zalgo}) {
    auto start = std::chrono::steady_clock::now();
    MappedText out = UnifyText(IdentityMapped(*s));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(out.offsets.size() == out.text.size() + 1);
    CHECK(seconds < 10.0);
  }
}

}  // namespace
}  // namespace quarry
