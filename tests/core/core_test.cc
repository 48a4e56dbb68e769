// Tests of the shared records: rule-file lines, diagnostics, numbers, hashes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/ascii_regex.h"
#include "core/diagnostic.h"
#include "core/document.h"
#include "core/json.h"
#include "core/quantity.h"
#include "core/rule_files.h"
#include "core/rule_text.h"
#include "core/sha256.h"

namespace quarry {

TEST_CASE("rule lines: comments, blanks and columns", "[core]") {
  auto lines = SplitRuleLines("# header\n\n  alpha | beta  # trailing\nsay \"a # b\"\n\xEF\xBB\xBFx\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].line == 3);
  CHECK(lines[0].column == 3);
  CHECK(lines[0].text == "alpha | beta");
  CHECK(lines[1].text == "say \"a # b\"");
  CHECK(lines[2].line == 5);
}

TEST_CASE("rule lines: a BOM is not part of the first line", "[core]") {
  auto lines = SplitRuleLines("\xEF\xBB\xBFword\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "word");
  CHECK(lines[0].column == 1);
}

TEST_CASE("rule fields: trimmed with offsets", "[core]") {
  auto fields = SplitFields("a |  bb | ", '|');
  REQUIRE(fields.size() == 3);
  CHECK(fields[0].text == "a");
  CHECK(fields[1].text == "bb");
  CHECK(fields[1].offset == 5);
  CHECK(fields[2].text.empty());
}

TEST_CASE("diagnostics print file, line and column", "[core]") {
  DiagnosticSink sink;
  sink.Error("rules/x.rules", 12, 8, "bad");
  sink.Warning("rules/y.rules", 3, 0, "odd");
  sink.Error("rules/z.rules", 0, 0, "missing rule file");
  REQUIRE(sink.diagnostics().size() == 3);
  CHECK(sink.diagnostics()[0].ToString() == "rules/x.rules:12:8: error: bad");
  CHECK(sink.diagnostics()[1].ToString() == "rules/y.rules:3: warning: odd");
  CHECK(sink.diagnostics()[2].ToString() == "rules/z.rules: error: missing rule file");
  CHECK(sink.HasErrors());
}

TEST_CASE("numbers print without float noise", "[core]") {
  CHECK(FormatNumber(1.6e9) == "1600000000");
  CHECK(FormatNumber(16 * 1e8) == "1600000000");
  CHECK(FormatNumber(0.1 + 0.2) == "0.30000000000000004");  // Not a value the text stated.
  CHECK(FormatNumber(0.04) == "0.04");
  CHECK(FormatNumber(-3) == "-3");
  CHECK(FormatNumber(2.5e20) == "2.5e+20");
  CHECK(JsonNumber(1.6e9).dump() == "1600000000");
  CHECK(JsonNumber(0.05).dump() == "0.05");
}

TEST_CASE("qualifier names round-trip", "[core]") {
  for (auto q : {Qualifier::kExact, Qualifier::kApprox, Qualifier::kAtLeast, Qualifier::kMoreThan,
                 Qualifier::kAtMost, Qualifier::kLessThan}) {
    CHECK(ParseQualifier(QualifierName(q)) == q);
  }
  CHECK_FALSE(ParseQualifier("roughly").has_value());
}

TEST_CASE("sha256 matches known digests", "[core]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // 55 and 56 bytes straddle the padding boundary.
  CHECK(Sha256Hex(std::string(56, 'x')).size() == 64);
  CHECK(Sha256Hex(std::string(55, 'x')) != Sha256Hex(std::string(56, 'x')));
}

TEST_CASE("document maps sentences and raw offsets", "[core]") {
  Document doc;
  doc.text = "One. Two.";
  doc.sentences = {{0, 4}, {5, 9}};
  doc.raw_offsets = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12};  // A 3-byte BOM was dropped.
  CHECK(doc.SentenceAt(0) == 0);
  CHECK(doc.SentenceAt(4) == -1);
  CHECK(doc.SentenceAt(6) == 1);
  CHECK(doc.RawSpan({5, 8}) == Span{8, 11});
}

TEST_CASE("rule files: missing folder and missing file are errors", "[core]") {
  DiagnosticSink sink;
  RuleFiles files = RuleFiles::ReadDirectory("/nonexistent/rules", &sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].ToString().rfind("/nonexistent/rules: error: cannot read rules folder", 0) == 0);
  RuleFiles set;
  set.Add("a.rules", "x");
  DiagnosticSink sink2;
  CHECK(set.Require("a.rules", &sink2) != nullptr);
  CHECK(set.Require("b.rules", &sink2) == nullptr);
  CHECK(sink2.diagnostics()[0].ToString() == "b.rules: error: missing rule file");
  RuleFiles other;
  other.Add("a.rules", "y");
  CHECK(set.Hash() != other.Hash());
}


// --- AsciiFastRegex: the Latin-1 program must agree with the UTF-8 one on ASCII text.

TEST_CASE("IsAscii looks at every byte, including the tail after the last full word") {
  CHECK(IsAscii(""));
  CHECK(IsAscii("Meta signs a 1.6 GW deal with Crusoe."));
  CHECK_FALSE(IsAscii("Meta signs a 1.6 GW deal with Crusoe\xE2\x80\x99s unit."));
  CHECK_FALSE(IsAscii("abcdefgh\xC3\xA9"));  // Non-ASCII in the tail.
  CHECK_FALSE(IsAscii("\xC3\xA9" "abcdefghijk"));
}

TEST_CASE("ConvertToLatin1 rewrites non-ASCII characters for Latin-1 text") {
  struct Case {
    std::string pattern, latin1;
    bool exact;
    std::vector<char32_t> mentioned;
  };
  const std::vector<Case> cases = {
      {"caf\xC3\xA9?", "caf\\x{e9}?", true, {0xE9}},
      {"[a\xE2\x80\x99]+", "[a]+", true, {0x2019}},
      {"x\xE2\x80\x99s", "x[^\\x00-\\x{ff}]s", true, {0x2019}},
      {"\\\xC3\xA9", "\\x{e9}", true, {0xE9}},
      {"[]\xC3\xA9]", "[]\\x{e9}]", true, {0xE9}},
      {"[[:alpha:]\xC3\xA9-]", "[[:alpha:]\\x{e9}-]", true, {0xE9}},
      {"\\p{Lu}[\\p{L}\\p{M}&'\xE2\x80\x99]*", "\\p{Lu}[\\p{L}\\p{M}&']*", true, {0x2019}},
      {"[\\x{e9}x]", "[\\x{e9}x]", true, {0xE9}},
      // Not exact: the byte-wise form, for ASCII text only.
      {"[a-\xC3\xA9]", "[a-\xC3\xA9]", false, {}},
      {"[\xC3\xA9-z]", "[\xC3\xA9-z]", false, {}},
      {"[\xE2\x80\x99]", "[\xE2\x80\x99]", false, {}},  // No member left.
      {"\\x{2019}", "\\x{2019}", false, {}},
      {"[a-\\x{ff}]", "[a-\\x{ff}]", false, {}},
      {"a\\Cb", "a\\Cb", false, {}},
      {"\xC3\xA9?", "(?:\xC3\xA9)?", true, {0xE9}},
  };
  for (const Case& c : cases) {
    INFO(c.pattern);
    Latin1Conversion converted = ConvertToLatin1(c.pattern);
    CHECK(converted.exact == c.exact);
    CHECK(converted.mentioned == c.mentioned);
    if (c.pattern == "\xC3\xA9?") {
      CHECK(converted.pattern == "\\x{e9}?");
    } else {
      CHECK(converted.pattern == c.latin1);
    }
  }
}

TEST_CASE("Latin1Text reads Latin-1 characters as themselves and others by stand-ins") {
  Latin1Text text;
  REQUIRE(text.Assign("Nestl\xC3\xA9 pays \xE2\x82\xAC" "3 bn", {}));
  CHECK(text.text() == "Nestl\xE9 pays \xA4" "3 bn");
  CHECK(text.Utf8Offset(5) == 5);   // é
  CHECK(text.Utf8Offset(6) == 7);   // the space after it
  CHECK(text.Utf8Offset(12) == 13); // €
  CHECK(text.Utf8Offset(13) == 16); // 3
  CHECK(text.Utf8Offset(text.text().size()) == 20);
  // A letter beyond U+00FF, a character the pattern names, a stand-in the
  // pattern names, invalid UTF-8: no exact Latin-1 form.
  CHECK_FALSE(text.Assign("\xC5\x81\xC3\xB3" "d\xC5\xBA", {}));
  CHECK_FALSE(text.Assign("Meta\xE2\x80\x99s", {0x2019}));
  CHECK_FALSE(text.Assign("\xE2\x82\xAC", {0xA4}));
  CHECK_FALSE(text.Assign("a\xC3", {}));
  CHECK(text.Assign("Meta\xE2\x80\x99s", {}));  // ’ (Pf) by » when the pattern does not name it.
  CHECK(text.text() == "Meta\xBBs");
}

TEST_CASE("The Latin-1 program matches a Latin1Text as the UTF-8 one matches the text") {
  RE2::Options options;
  options.set_log_errors(false);
  const std::vector<std::string> patterns = {
      "(?P<name>\\p{Lu}[\\p{L}\\p{M}\\p{N}&'\xE2\x80\x99]*(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}]*){0,3})"
      "[ \\t]+(?i:inc\\.?|corp\\.?)",
      "[^a-z ]+", "\\p{Sc}\\d+", "(?i)[a-z\xC3\xA9]+", "\\b\\w+\\b", ".{3}\\d", "\\p{Lu}\\p{Ll}+"};
  const std::vector<std::string> texts = {
      "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale Inc. pays \xE2\x82\xAC" "5",
      "\xC3\x89LYS\xC3\x89" "E Corp \xE2\x80\xA2 M\xC3\xBC" "ller Inc", "\xC2\xA3" "7 and \xE2\x82\xAC" "8",
      "caf\xC3\xA9 CAF\xC3\x89 \xC3\x9F"};
  for (const std::string& pattern : patterns) {
    AsciiFastRegex re(pattern, options);
    REQUIRE(re.utf8().ok());
    REQUIRE(re.ReadsLatin1Text());
    for (const std::string& utf8 : texts) {
      INFO(pattern << " on " << utf8);
      Latin1Text latin1;
      REQUIRE(latin1.Assign(utf8, re.mentioned()));
      const int n = re.utf8().NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> a(n), b(n);
      size_t pos_a = 0, pos_b = 0;
      // Every match in turn, as EntityPatterns::Find walks them.
      for (int round = 0; round < 8; ++round) {
        const bool hit_a = re.utf8().Match(utf8, pos_a, utf8.size(), RE2::UNANCHORED, a.data(), n);
        const std::string_view l1 = latin1.text();
        const bool hit_b = re.latin1().Match(re2::StringPiece(l1.data(), l1.size()), pos_b, l1.size(),
                                             RE2::UNANCHORED, b.data(), n);
        REQUIRE(hit_a == hit_b);
        if (!hit_a) break;
        for (int i = 0; i < n; ++i) {
          if (a[i].data() == nullptr) {
            CHECK(b[i].data() == nullptr);
            continue;
          }
          CHECK(static_cast<size_t>(a[i].data() - utf8.data()) ==
                latin1.Utf8Offset(static_cast<size_t>(b[i].data() - l1.data())));
          CHECK(static_cast<size_t>(a[i].data() + a[i].size() - utf8.data()) ==
                latin1.Utf8Offset(static_cast<size_t>(b[i].data() + b[i].size() - l1.data())));
        }
        pos_a = static_cast<size_t>(a[0].data() + a[0].size() - utf8.data()) + (a[0].empty() ? 1 : 0);
        pos_b = static_cast<size_t>(b[0].data() + b[0].size() - l1.data()) + (b[0].empty() ? 1 : 0);
        if (pos_a > utf8.size()) break;
      }
    }
  }
}

TEST_CASE("AsciiFastRegex matches ASCII text as the UTF-8 pattern does") {
  RE2::Options options;
  options.set_log_errors(false);
  const std::string name_shape =
      "(?P<name>(?:\\p{Lu}[\\p{L}\\p{M}\\p{N}&'\xE2\x80\x99]*)(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}]*){0,3})"
      "[ \\t]+(?i:inc\\.?|corp\\.?|s\\.a\\.)";
  const std::vector<std::string> patterns = {
      name_shape, "caf\xC3\xA9?", "\\bk\\w+", "(?i)stra\xC3\x9F" "e|strasse", "[^\xE2\x80\x99]+x",
      "[a-\xC3\xA9]+"};
  const std::vector<std::string> texts = {
      "Shares of Crusoe Energy Inc. rose; CoreWeave Corp rallied.", "the caf was shut",
      "a kettle, a Kelvin", "STRASSE and strasse", "why x", "abc{|}~ z",
      "Applied Digital S.A. and Iren Inc"};
  for (const std::string& pattern : patterns) {
    AsciiFastRegex re(pattern, options);
    REQUIRE(re.utf8().ok());
    REQUIRE(re.For(true).ok());
    CHECK(&re.For(true) != &re.utf8());
    CHECK(&re.For(false) == &re.utf8());
    for (const std::string& text : texts) {
      REQUIRE(IsAscii(text));
      const int n = re.utf8().NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> a(n), b(n);
      const bool utf8_hit = re.utf8().Match(text, 0, text.size(), RE2::UNANCHORED, a.data(), n);
      const bool ascii_hit = re.For(true).Match(text, 0, text.size(), RE2::UNANCHORED, b.data(), n);
      INFO(pattern << " on " << text);
      CHECK(utf8_hit == ascii_hit);
      for (int i = 0; utf8_hit && i < n; ++i) CHECK(a[i] == b[i]);
    }
  }
}

TEST_CASE("AsciiFastRegex runs a pattern only UTF-8 can hold as UTF-8") {
  RE2::Options options;
  options.set_log_errors(false);
  AsciiFastRegex re("\\x{2019}s", options);
  REQUIRE(re.utf8().ok());
  CHECK(&re.For(true) == &re.utf8());
}

TEST_CASE("AsciiFastSet reports the same patterns for ASCII text in either program") {
  RE2::Options options;
  options.set_log_errors(false);
  AsciiFastSet set(options, RE2::UNANCHORED);
  REQUIRE(set.Add("\\p{Lu}\\p{Ll}+ Inc", nullptr) == 0);
  REQUIRE(set.Add("caf\xC3\xA9?", nullptr) == 1);
  REQUIRE(set.Add("\\x{2019}", nullptr) == 2);  // UTF-8 only: the whole set runs as UTF-8.
  REQUIRE(set.Compile());
  std::vector<int> which;
  CHECK(set.Match("Crusoe Inc and a caf", true, &which));
  std::sort(which.begin(), which.end());
  CHECK(which == std::vector<int>{0, 1});

  AsciiFastSet fast(options, RE2::UNANCHORED);
  REQUIRE(fast.Add("\\p{Lu}\\p{Ll}+ Inc", nullptr) == 0);
  REQUIRE(fast.Add("caf\xC3\xA9?", nullptr) == 1);
  REQUIRE(fast.Compile());
  which.clear();
  CHECK(fast.Match("Crusoe Inc and a caf", true, &which));
  std::sort(which.begin(), which.end());
  CHECK(which == std::vector<int>{0, 1});
  which.clear();
  CHECK_FALSE(fast.Match("nothing here", true, &which));
}

}  // namespace quarry
