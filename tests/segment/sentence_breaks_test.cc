// Tests SentenceBreaker (src/segment/sentence_breaks.cc): its ASCII fast path
// and its split of text into ASCII and other lines must find exactly the
// boundaries ICU's sentence iterator finds.
#include "segment/sentence_breaks.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace quarry {
namespace {

const SentenceBreaker& Breaker() {
  static std::unique_ptr<SentenceBreaker> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto b = SentenceBreaker::Create(&status);
    REQUIRE(b);
    return b;
  }();
  return *breaker;
}

std::vector<int32_t> ByIcu(const std::string& text) {
  std::vector<int32_t> breaks = {0};
  Breaker().IcuBreaks(text, 0, &breaks);
  return breaks;
}

std::vector<int32_t> ByAscii(const std::string& text) {
  std::vector<int32_t> breaks = {0};
  Breaker().AsciiBreaks(text, 0, &breaks);
  return breaks;
}

// Random text over characters of every ASCII Sentence_Break class (Upper,
// Lower, Numeric, ATerm, STerm, Close, SContinue, Sp, CR, LF, Other),
// crowded with terminators so that every rule meets every neighbour.
std::string RandomText(std::mt19937* rng, std::string_view alphabet, size_t max_length) {
  std::uniform_int_distribution<size_t> length(0, max_length);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string text;
  for (size_t n = length(*rng); n > 0; --n) text += alphabet[pick(*rng)];
  return text;
}

TEST_CASE("SentenceBreaker: the ASCII rules agree with ICU", "[segment]") {
  const std::string cases[] = {
      "",
      "One. Two.",
      "Meta signed. Crusoe said so.\nNext line",
      "He said \"no.\" Then left.",
      "U.S. officials met. the talks went on.",
      "It costs $1.5 billion. (Really.) Yes!",
      "Wait... what?! OK, fine; go - now: yes.",
      "Line one.\r\nLine two.\rThree",
      "A.B. C. d. 3. e.) f. \"G\".",
      "end.   \n\n  next.",
      "What?\"' ) \t\v\f Is it.",
  };
  for (const std::string& text : cases) {
    INFO(text);
    CHECK(ByAscii(text) == ByIcu(text));
  }
}

TEST_CASE("SentenceBreaker: the ASCII rules agree with ICU on random text", "[segment]") {
  std::mt19937 rng(20261123);
  const std::string_view alphabets[] = {
      "aB1.!?,-:;\"'()[]{} \t\n\r\v#$&_",
      "a.A. \"",
      "aZ.?) \n",
      "Ab. 1,",
  };
  for (std::string_view alphabet : alphabets) {
    for (int i = 0; i < 20000; ++i) {
      std::string text = RandomText(&rng, alphabet, 24);
      INFO(text);
      REQUIRE(ByAscii(text) == ByIcu(text));
    }
  }
}

TEST_CASE("SentenceBreaker: lines with non-ASCII text go to ICU, the rest not", "[segment]") {
  std::mt19937 rng(7);
  const std::string pieces[] = {"Caf\xC3\xA9 opened. ", "It rose 5\xE2\x82\xAC. ", "The plan. ",
                                "\"Yes.\" ", "U.S. ", "next. ", "\n", "\n", "A ", "\xC2\xA0"};
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (int k = 0; k < 12; ++k) text += pieces[pick(rng)];
    INFO(text);
    REQUIRE(Breaker().Breaks(text) == ByIcu(text));
  }
  CHECK(Breaker().Breaks("") == std::vector<int32_t>{0});
}

}  // namespace
}  // namespace quarry
