// Tests RuleRegex and MatchText (src/relations/rule_regex.cc): a rule's regex
// run on the compact text gives exactly what the UTF-8 regex gives on the
// typed text.
#include "relations/rule_regex.h"

#include <catch2/catch.hpp>

#include "relations/typed_sentence.h"

namespace quarry {
namespace {

// Every match of `regex` in `text` from left to right, as MatchRule walks
// them, each group "begin-end" (or "-" when unset), groups joined by " ".
std::vector<std::string> Walk(const std::string& regex, const std::string& text, bool compact) {
  RuleRegex rule(regex);
  REQUIRE(rule.utf8().ok());
  MatchText match_text;
  match_text.Reset(text);
  int n = 1 + rule.utf8().NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n);
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    bool found = compact ? rule.Match(match_text, pos, groups.data(), n)
                         : rule.utf8().Match(text, pos, text.size(), RE2::UNANCHORED,
                                             groups.data(), n);
    if (!found) break;
    std::string m;
    for (const auto& g : groups) {
      if (!m.empty()) m += ' ';
      if (g.data() == nullptr) {
        m += '-';
        continue;
      }
      size_t begin = g.data() - text.data();
      m += std::to_string(begin) + "-" + std::to_string(begin + g.size());
    }
    out.push_back(m);
    size_t begin = groups[0].data() - text.data();
    size_t end = begin + groups[0].size();
    pos = end > begin ? end : begin + 1;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return out;
}

TEST_CASE("rule regex: the compact text maps back to the typed text", "[relations][rule_regex]") {
  MatchText text;
  std::string typed = "⟨ORG⟩ buys ⟨POWER:gpu⟩.";
  text.Reset(typed);
  REQUIRE(text.compact_usable());
  // "⟨" is the byte of the token's type: ORG is kSlotTypes[0], POWER [4].
  CHECK(text.compact() == "\x10ORG\x02 buys \x14POWER:gpu\x02.");
  // Before, inside and after each token.
  CHECK(text.ToTyped(0) == 0);
  CHECK(text.ToTyped(1) == 3);
  CHECK(text.ToTyped(5) == 9);
  CHECK(text.ToTyped(11) == 15);
  CHECK(text.ToTyped(text.compact().size()) == typed.size());
  for (size_t c : {0, 1, 4, 5, 11, 12, 22, 23}) CHECK(text.ToCompact(text.ToTyped(c)) == c);

  // Every type, ambiguous or tagged, and control bytes that are not brackets.
  typed = "\x01";
  std::string compact = "\x01";
  for (size_t i = 0; i < kSlotTypes.size(); ++i) {
    const std::string suffix = i % 3 == 0 ? "" : i % 3 == 1 ? "?" : ":a:b";
    typed += " " + std::string(kSlotOpen) + std::string(kSlotTypes[i]) + suffix + std::string(kSlotClose);
    compact += " " + std::string(1, static_cast<char>(0x10 + i)) + std::string(kSlotTypes[i]) + suffix + "\x02";
  }
  text.Reset(typed);
  REQUIRE(text.compact_usable());
  CHECK(text.compact() == compact);

  // Text of its own that is not ASCII, or holds the bracket bytes: not usable.
  // So are tokens whose type is not one of kSlotTypes.
  for (const char* other : {"⟨ORG⟩ buys it for €5", "⟨ORG⟩ \x15 buys", "\x1B", "caf\xC3\xA9 \x02",
                            "⟨ORGAN⟩ buys", "⟨⟩", "a ⟨PERSO"}) {
    std::string s = other;
    text.Reset(s);
    CHECK_FALSE(text.compact_usable());
  }
}

TEST_CASE("rule regex: compact matches equal UTF-8 matches", "[relations][rule_regex]") {
  const std::string open(kSlotOpen), close(kSlotClose);
  // Shapes that the pattern compiler emits (slots, gaps that skip tokens of
  // other types, case-insensitive words) and raw regexes that look at brackets.
  const std::vector<std::string> regexes = {
      "((?-i:" + open + "ORG(?::[^" + close + "]*)?" + close + "))\\s*\\bbuys\\b\\s*((?-i:" +
          open + "POWER(?::[^" + close + "]*)?" + close + "))",
      "(?:(?:[^\\s" + open + close + "]|(?-i:" + open + "(?:PERSON|MONEY)[^" + close + "]*" +
          close + "))+\\s+){0,3}?from",
      "(.)\\s*buys",           // "." takes a bracket as one character
      "([^a-z ]+)",            // so does a negated class
      "(\\pP)",                // \p: UTF-8 only
      "(" + open + ")|(x)?y",  // a bracket on its own; unset groups
      "^(\\W)",
      "(\\b)",                 // empty matches
      // A gap that skips every token type but its neighbours', as Gap emits it.
      "(?:(?:[^\\s" + open + close + "]|(?-i:" + open +
          "(?:PERSON|PLACE|PRODUCT|POWER|ENERGY|MONEY|COUNT|AREA|PERCENT|PRICE|OTHER)[^" + close +
          "]*" + close + "))+\\s+){0,4}?((?-i:" + open + "ORG(?::[^" + close + "]*)?" + close + "))",
      // Type names not followed by the rest of a token, a class holding a
      // bracket, counted characters over a token, ranges ending in a bracket.
      "(" + open + "(?:ORG|PERSON)" + close + ")",
      "(" + open + "(?:ORG|PERSON)[^" + close + "]*" + close + ")",
      "([^" + open + "]+)",
      "([x" + open + "][A-Z]+)",
      "(.{4})" + close,
      "([" + open + "-" + close + "]+)",
      "([!-" + open + "]+)",
      "([[:upper:]" + open + "]+)",
      "(\\Q" + open + "\\E)",
  };
  const std::vector<std::string> texts = {
      open + "ORG" + close + " buys " + open + "POWER:gpu" + close + " from " + open + "MONEY" +
          close + " and " + open + "ORG:x" + close + "'s y",
      "BUYS " + open + "ORG?" + close + " Buys " + open + "POWER" + close,
      open + "PERSON" + close + " said so, from here, y",
      "Café " + open + "ORG" + close + " buys " + open + "POWER" + close,  // Not ASCII: UTF-8 runs.
      "plain text buys, no slots y",
      "",
      open + "PERSON?" + close + " " + open + "OTHER:x" + close + " " + open + "PRICE" + close +
          " of " + open + "ORG" + close + " " + open + "PERCENT:a:b" + close + " and \x01",
  };
  for (const auto& regex : regexes) {
    for (const auto& text : texts) {
      INFO(regex << " on " << text);
      CHECK(Walk(regex, text, true) == Walk(regex, text, false));
    }
  }
}

}  // namespace
}  // namespace quarry
