// Tests of QuantityRecognizer's contract (src/quantities/quantity_recognizer.cc)
// beyond the sentence table: Run over a Document, FindNumbers, one value
// for every spelling of an amount, and concurrent use.
#include <catch2/catch.hpp>

#include <thread>

#include "quantities/quantity_recognizer.h"
#include "shipped_rules.h"

namespace quarry {
namespace {

TEST_CASE("recognizer: one value for every spelling of an amount", "[quantities]") {
  auto r = ShippedRecognizer();
  for (const char* text : {"~1.6 gigawatts", "1,600 MW", "1.6GW", "a 1.6-GW campus",
                           "1600000 kW", "1.6 GW", "1 600 MW", "one point six gigawatts"}) {
    INFO(text);
    std::vector<Quantity> found = r->Find(text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].value == 1600000000.0);
    CHECK(FormatNumber(*found[0].value) == "1600000000");
  }
}

TEST_CASE("recognizer: Run shifts spans to document offsets", "[quantities]") {
  auto r = ShippedRecognizer();
  Document doc;
  doc.text = "Meta buys 1.6 GW. Crusoe has 350,000 GPUs and $4 billion.";
  doc.sentences = {{0, 17}, {18, static_cast<uint32_t>(doc.text.size())}};
  doc.quantities.push_back(Quantity{});  // Stale content is replaced.
  r->Run(&doc);
  REQUIRE(doc.quantities.size() == 3);
  for (const Quantity& q : doc.quantities) {
    CHECK(doc.text.substr(q.span.begin, q.span.size()) == q.text);
  }
  CHECK(doc.quantities[0].text == "1.6 GW");
  CHECK(doc.quantities[1].text == "350,000 GPUs");
  CHECK(doc.quantities[1].span.begin == 29);
  CHECK(doc.quantities[2].text == "$4 billion");

  Document whole;
  whole.text = doc.text;
  r->Run(&whole);  // No sentences: the whole text is one.
  REQUIRE(whole.quantities.size() == 3);
  CHECK(whole.quantities[2].span == doc.quantities[2].span);
}

TEST_CASE("recognizer: a quantity never crosses a sentence boundary", "[quantities]") {
  auto r = ShippedRecognizer();
  Document doc;
  doc.text = "The site draws 5\nGW of power.";
  doc.sentences = {{0, 16}, {17, static_cast<uint32_t>(doc.text.size())}};
  r->Run(&doc);
  CHECK(doc.quantities.empty());
}

struct NumberCase {
  const char* text;
  std::vector<std::string> expected;  // "TEXT=VALUE" or "TEXT=LOW..HIGH".
};

std::vector<std::string> Numbers(const QuantityRecognizer& r, const char* text) {
  std::vector<std::string> out;
  for (const Quantity& q : r.FindNumbers(text)) {
    CHECK(q.dimension == "number");
    CHECK(q.unit.empty());
    std::string v = q.value ? FormatNumber(*q.value)
                            : FormatNumber(*q.low) + ".." + FormatNumber(*q.high);
    out.push_back(q.text + "=" + v);
  }
  return out;
}

TEST_CASE("recognizer: FindNumbers reads numbers without units", "[quantities]") {
  auto r = ShippedRecognizer();
  const std::vector<NumberCase> table = {
      {"There are 12,567 words and 3 pages.", {"12,567=12567", "3=3"}},
      {"It costs $20 and 5 GW.", {"$20=20", "5=5"}},
      {"twenty-one trillion", {"twenty-one trillion=21000000000000"}},
      {"two hundred and two thousand", {"two hundred and two thousand=202000"}},
      {"I can give you 13 lakh", {"13 lakh=1300000"}},
      {"1,674.5 million", {"1,674.5 million=1674500000"}},
      {"between 20 and 30", {"between 20 and 30=20..30"}},
      {"more than thirty", {"more than thirty=30"}},
      {"5k-20k", {"5k-20k=5000..20000"}},
      {"a dozen", {"a dozen=12"}},
      {"one and a half", {"one and a half=1.5"}},
      {"minus five point five", {"minus five point five=-5.5"}},
      {"GPT-5 and Llama 3 in 2025", {"3=3", "2025=2025"}},
      {"the 3rd of 4", {"4=4"}},
      // A phone number's groups and an address are no amounts.
      {"Call 555-0143 at 192.168.1.2", {"555=555"}},
  };
  for (const NumberCase& c : table) {
    INFO(c.text);
    CHECK(Numbers(*r, c.text) == c.expected);
  }
}

TEST_CASE("recognizer: concurrent Find calls agree", "[quantities]") {
  auto r = ShippedRecognizer();
  const std::string text =
      "Meta secured ~1.6 gigawatts from Crusoe and pledged at least $60 billion, "
      "while 350,000 Nvidia GPUs sit on a 4,000-acre campus priced at $4-6 per share.";
  std::vector<Quantity> expected = r->Find(text);
  REQUIRE(expected.size() == 5);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::vector<Quantity> got = r->Find(text);
        bool same = got.size() == expected.size();
        for (size_t k = 0; same && k < got.size(); ++k) {
          same = got[k].text == expected[k].text && got[k].value == expected[k].value &&
                 got[k].low == expected[k].low;
        }
        if (!same) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}

}  // namespace
}  // namespace quarry

namespace quarry {
namespace {

// Random text from pieces that stress the grammar: digits and separators,
// symbols, unit and scale words, qualifiers, broken UTF-8.
TEST_CASE("recognizer: random text never breaks the span contract", "[quantities]") {
  auto r = ShippedRecognizer();
  const std::vector<std::string> pieces = {
      "1", "2", "0", "9", "12", "1,600", ".", ",", "-", "–", "/", " ", " ", " ", "\xC2\xA0",
      "$", "US$", "€", "£", "¥", "₹", "%", "+", "~", "x", "GW", "MW", "gigawatts", "bn", "m",
      "million", "billion", "k", "acre", "sq ft", "km²", "GPUs", "data centers", "per", "share",
      "a", "half", "one", "twenty", "-", "and", "between", "to", "about", "more than", "up to",
      "or more", "2025", "2012-13", "H100", "GPT-5", "(03388)", "\xFF", "\xE2\x80", "½", "⅔",
      "cents", "kWh", "/", "Rs", "crore", "MUSD", "\n", "\t"};
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int n = 1 + next() % 24;
    for (int i = 0; i < n; ++i) text += pieces[next() % pieces.size()];
    for (bool numbers : {false, true}) {
      std::vector<Quantity> found = numbers ? r->FindNumbers(text) : r->Find(text);
      uint32_t last_end = 0;
      for (const Quantity& q : found) {
        INFO(text);
        REQUIRE(q.span.begin < q.span.end);
        REQUIRE(q.span.end <= text.size());
        CHECK(q.span.begin >= last_end);
        CHECK(text.substr(q.span.begin, q.span.size()) == q.text);
        CHECK((q.value.has_value() != (q.low.has_value() && q.high.has_value())));
        last_end = q.span.end;
      }
    }
  }
}

}  // namespace
}  // namespace quarry
