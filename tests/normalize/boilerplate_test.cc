// Tests BoilerplateRules (src/normalize/boilerplate.cc) and the shipped
// rules/boilerplate.rules.
#include "normalize/boilerplate.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace quarry {
namespace {

std::unique_ptr<BoilerplateRules> MustParse(const std::string& content) {
  DiagnosticSink sink;
  auto rules = BoilerplateRules::Parse("t.rules", content, &sink);
  for (const Diagnostic& d : sink.diagnostics()) INFO(d.ToString());
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(rules);
  return rules;
}

std::string Apply(const BoilerplateRules& rules, const std::string& text,
                  uint32_t* dropped = nullptr) {
  uint32_t bytes = 0;
  MappedText out = rules.Apply(IdentityMapped(text), &bytes);
  REQUIRE(out.offsets.size() == out.text.size() + 1);
  if (dropped) *dropped = bytes;
  return out.text;
}

std::string ReadShippedRules() {
  std::ifstream in(QUARRY_SOURCE_DIR "/rules/boilerplate.rules", std::ios::binary);
  REQUIRE(in);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// 220 bytes of article text: enough for cut rules (after=200) to fire.
const std::string kBody =
    "Meta has signed an agreement with Crusoe for about 1.6 gigawatts of capacity at two "
    "campuses in Texas and Missouri, people familiar with the matter said on Tuesday, "
    "adding to its growing list of AI deals.";

TEST_CASE("boilerplate rules: each bad line is reported with line and column", "[boilerplate]") {
  struct Case {
    const char* content;
    const char* message;
  };
  const Case cases[] = {
      {"drop   (\\d+\n", "t.rules:1:8: error: invalid pattern: missing ): (\\d+"},
      {"# comment\n\ndrop ok\ncut  a[b\n", "t.rules:4:7: error: invalid pattern: missing ]: [b"},
      {"drop  abc\\q\n", "t.rules:1:10: error: invalid pattern: invalid escape sequence: \\q"},
      {"dorp Skip to content\n",
       "t.rules:1:1: error: unknown action \"dorp\" (expected drop, drop-next, drop-prev, cut, "
       "element or expect)"},
      {"  drop\n", "t.rules:1:7: error: drop: missing pattern"},
      {"cut words=3 related\n",
       "t.rules:1:5: error: unknown option \"words\" for cut (expected after=N)"},
      {"drop-next after=3 next post\n",
       "t.rules:1:11: error: unknown option \"after\" for drop-next (expected words=N)"},
      {"drop x=1 y\n", "t.rules:1:6: error: unknown option \"x\" for drop (expected no options)"},
      {"drop (subscribe)?\n",
       "t.rules:1:6: error: pattern matches an empty line, so it would match far too much"},
      {"expect maybe Share\n", "t.rules:1:8: error: expect: say \"drop\" or \"keep\", then the line"},
      {"expect\n", "t.rules:1:7: error: expect: say \"drop\" or \"keep\", then the line"},
      {"expect drop\n", "t.rules:1:12: error: expect: missing line"},
      // Examples must hold.
      {"drop share\nexpect drop  Share this\n",
       "t.rules:2:14: error: expected \"Share this\" to be dropped, but no line rule matches it"},
      {"drop x\ndrop share.*\nexpect keep Shares rose 5%.\n",
       "t.rules:3:13: error: expected \"Shares rose 5%.\" to be kept, but the rule on line 2 drops "
       "it"},
  };
  for (const Case& c : cases) {
    INFO(c.content);
    DiagnosticSink sink;
    auto rules = BoilerplateRules::Parse("t.rules", c.content, &sink);
    CHECK(rules == nullptr);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() == c.message);
  }
}

TEST_CASE("boilerplate rules: all errors of a file are reported at once", "[boilerplate]") {
  DiagnosticSink sink;
  auto rules = BoilerplateRules::Parse("t.rules", "drop (\nkeep x\ndrop fine\ncut [\n", &sink);
  CHECK(rules == nullptr);
  REQUIRE(sink.diagnostics().size() == 3);
  CHECK(sink.diagnostics()[0].line == 1);
  CHECK(sink.diagnostics()[1].line == 2);
  CHECK(sink.diagnostics()[2].line == 4);
}

TEST_CASE("boilerplate rules: options and actions parse", "[boilerplate]") {
  auto rules = MustParse(
      "drop skip to content   # trailing comment\n"
      "drop-next words=3 next post\n"
      "drop-prev go back\n"
      "cut after=10 related articles\n"
      "element .*share.*\n");
  REQUIRE(rules->rules().size() == 5);
  CHECK(rules->rules()[0].pattern == "skip to content");
  CHECK(rules->rules()[1].words == 3);
  CHECK(rules->rules()[2].words == kDefaultPrevWords);
  CHECK(rules->rules()[3].after == 10);
  CHECK(rules->rules()[4].action == BoilerplateRule::Action::kElement);
  CHECK(rules->RejectsClassOrId("share-buttons"));
  CHECK(rules->RejectsClassOrId("SHARE"));
  CHECK_FALSE(rules->RejectsClassOrId("article-body"));
}

TEST_CASE("boilerplate rules: line actions", "[boilerplate]") {
  auto rules = MustParse(
      "drop      skip to content\n"
      "drop      share this post on:.*\n"
      "drop      (?-i)RECOMMEND\n"
      "drop-next (previous|next) post\n"
      "drop-prev go back\n"
      "cut       related articles\n");
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      // drop: whole lines only, case-insensitively.
      {"Skip to content\nStory.", "Story."},
      {"SKIP TO CONTENT\nStory.", "Story."},
      {"Skip to content now\nStory.", "Skip to content now\nStory."},
      {"Story.\nShare this post on: X Facebook", "Story."},
      // (?-i): case-sensitive.
      {"Story.\nRECOMMEND\nRecommend", "Story.\nRecommend"},
      // drop-next: the line and the short line after it.
      {"Story.\n\nPrevious Post\nAn Older Headline\nNext Post\nA Newer Headline",
       "Story."},
      {"Story.\nNext Post\n" + kBody, "Story.\n" + kBody},  // Too long to be a title.
      // drop-prev: the short line before, if it was kept.
      {"Skip to content\nJane Doe\nGo back\n\nStory.", "Story."},
      {"A much longer line of real text here\nGo back\nStory.",
       "A much longer line of real text here\nStory."},
      // cut: everything from the line on, once enough text came before.
      {kBody + "\nRelated Articles\nAnother firm raised $31 million.\n\nMore.", kBody},
      // Near the top only the line itself goes.
      {"Related Articles\n" + kBody, kBody},
      // Blank lines collapse around dropped lines and never lead or trail.
      {"Skip to content\n\n\nOne.\n\nSkip to content\n\nTwo.\n\n", "One.\n\nTwo."},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Apply(*rules, c.text) == c.expected);
  }
}

// A rule opening with a bounded run goes into the Set unbounded and is then
// confirmed by its exact pattern: the bound must still hold, in characters,
// and an earlier rule must still win over a later one.
TEST_CASE("boilerplate rules: opening bounded runs keep their bounds", "[boilerplate]") {
  auto rules = MustParse(
      "drop .{0,5}inbox\n"
      "drop [^]a.]{2,3}z\n"
      "drop [^.]{1,4}(,| -) \\d\\d\n"
      "drop .{1,}q\n"
      "drop xx.*q\n");
  struct Case {
    const char* line;
    int rule_line;  // 0: kept.
  };
  const Case cases[] = {
      {"inbox", 1},        {"12345inbox", 1},  {"123456inbox", 0}, {"\u00e9\u00e9\u00e9\u00e9\u00e9inbox", 1},
      {"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9inbox", 0},
      {"bcz", 2},          {"bcdz", 2},        {"bcdez", 0},       {"]]z", 0},
      {"bz", 0},           {"b.z", 0},         {"abz", 0},
      {"ab, 12", 3},       {"abcd - 12", 3},   {"abcde, 12", 0},   {"a.b, 12", 0},
      {"xxq", 4},          {"q", 0},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const BoilerplateRule* rule = rules->LineRuleFor(c.line);
    CHECK((rule ? rule->line : 0) == c.rule_line);
  }
}

TEST_CASE("boilerplate rules: dropped bytes and offsets", "[boilerplate]") {
  auto rules = MustParse("drop skip to content\n");
  std::string text = "Skip to content\nStory one.\nSkip to content\nTwo.";
  uint32_t dropped = 0;
  MappedText out = rules->Apply(IdentityMapped(text), &dropped);
  REQUIRE(out.text == "Story one.\nTwo.");
  CHECK(dropped == 32);  // Two lines of 15 bytes, each with its '\n'.
  CHECK(out.offsets[0] == 16);                   // 'S' of "Story".
  CHECK(out.offsets[11] == 43);                  // 'T' of "Two".
  CHECK(out.offsets.back() == text.size());
  for (size_t i = 0; i < out.text.size(); ++i)
    if (out.text[i] != '\n') CHECK(text[out.offsets[i]] == out.text[i]);
}

TEST_CASE("boilerplate rules: very long lines are never matched", "[boilerplate]") {
  auto rules = MustParse("drop a+\n");
  std::string line(kMaxBoilerplateLineBytes + 1, 'a');
  CHECK(Apply(*rules, "aaa\n" + line) == line);
}

TEST_CASE("shipped boilerplate.rules parses cleanly", "[boilerplate][shipped]") {
  DiagnosticSink sink;
  auto rules = BoilerplateRules::Parse("rules/boilerplate.rules", ReadShippedRules(), &sink);
  for (const Diagnostic& d : sink.diagnostics()) FAIL(d.ToString());
  REQUIRE(rules);
  CHECK(rules->rules().size() > 30);
  // Its examples (each checked by Parse) cover both directions.
  int drops = 0, keeps = 0;
  for (const BoilerplateExpectation& e : rules->expectations()) (e.drop ? drops : keeps) += 1;
  CHECK(drops > 50);
  CHECK(keeps > 20);
}

TEST_CASE("shipped boilerplate.rules: the end of a page goes", "[boilerplate][shipped]") {
  DiagnosticSink sink;
  auto rules = BoilerplateRules::Parse("rules/boilerplate.rules", ReadShippedRules(), &sink);
  REQUIRE(rules);
  const char* tails[] = {
      "Related Articles",
      "Related",
      "Read more",
      "See also:",
      "More from Example News",
      "Recommended for you",
      "You may also like",
      "Most Popular",
      "Frequently Asked Questions",
      "About the author",
  };
  for (const char* tail : tails) {
    INFO(tail);
    std::string text = kBody + "\n" + tail + "\nStudent Living raises $31 million in IPO.\n";
    CHECK(Apply(*rules, text) == kBody);
  }
  // Previous/next post titles and the byline in a blog header.
  std::string page =
      "Skip to content\nCarlos Example\nGo back\n\nA Headline About Compute\n\n" + kBody +
      "\n\nShare this post on:\n\nPrevious Post\nAn Older Post Title\nNext Post\nA Newer Post Title";
  CHECK(Apply(*rules, page) == "A Headline About Compute\n\n" + kBody);
}

}  // namespace
}  // namespace quarry
