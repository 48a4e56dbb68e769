// Tests the Segmenter (src/segment/segmenter.cc) with the shipped
// rules/abbreviations.rules, and Abbreviations (src/segment/abbreviations.cc).
#include "segment/segmenter.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "segment/abbreviations.h"

namespace quarry {
namespace {

std::string ShippedAbbreviations() {
  std::ifstream in(QUARRY_SOURCE_DIR "/rules/abbreviations.rules", std::ios::binary);
  REQUIRE(in);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

const Segmenter& Shipped() {
  static std::unique_ptr<Segmenter> segmenter = [] {
    DiagnosticSink sink;
    RuleFiles rules;
    rules.Add("abbreviations.rules", ShippedAbbreviations());
    auto s = Segmenter::Create(rules, &sink);
    for (const Diagnostic& d : sink.diagnostics()) INFO(d.ToString());
    REQUIRE(sink.diagnostics().empty());
    REQUIRE(s);
    return s;
  }();
  return *segmenter;
}

std::vector<std::string> Sentences(const std::string& text) {
  Document doc;
  doc.text = text;
  Shipped().Run(&doc);
  std::vector<std::string> out;
  uint32_t previous_end = 0;
  for (const Span& s : doc.sentences) {
    // In order, non-overlapping, non-empty, trimmed.
    REQUIRE(s.begin >= previous_end);
    REQUIRE(s.end > s.begin);
    REQUIRE(s.end <= text.size());
    std::string_view v = s.Of(text);
    REQUIRE(v.front() != ' ');
    REQUIRE(v.front() != '\n');
    REQUIRE(v.back() != ' ');
    REQUIRE(v.back() != '\n');
    previous_end = s.end;
    out.emplace_back(v);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST_CASE("segmenter: abbreviations do not end sentences", "[segment]") {
  struct Case {
    const char* text;
    Lines sentences;
  };
  const Case cases[] = {
      {"Meta Platforms, Inc. (META.US) said it signed the deal. Crusoe confirmed it.",
       {"Meta Platforms, Inc. (META.US) said it signed the deal.", "Crusoe confirmed it."}},
      {"Anthropic sent a plan to the U.S. Commerce Secretary on Monday. It was rejected.",
       {"Anthropic sent a plan to the U.S. Commerce Secretary on Monday.", "It was rejected."}},
      {"Alphabet Inc. Class C shares rose. Microsoft Corp. fell.",
       {"Alphabet Inc. Class C shares rose.", "Microsoft Corp. fell."}},
      // "Inc." ends a sentence when a typical starter follows.
      {"The deal went to Acme Inc. The company declined to comment.",
       {"The deal went to Acme Inc.", "The company declined to comment."}},
      {"It was signed by Dr. Lisa Su and Mr. Huang in St. Louis.",
       {"It was signed by Dr. Lisa Su and Mr. Huang in St. Louis."}},
      {"Prices vary, e.g. Texas and Ohio. Capacity is approx. 300 MW in total.",
       {"Prices vary, e.g. Texas and Ohio.", "Capacity is approx. 300 MW in total."}},
      {"John F. Kennedy Airport is nearby. The site is not.",
       {"John F. Kennedy Airport is nearby.", "The site is not."}},
      {"The U.A.E. fund joined. It invested $2 billion.",
       {"The U.A.E. fund joined.", "It invested $2 billion."}},
      {"Shipments began in Sept. 2025 and end in Jan. The contract then renews.",
       {"Shipments began in Sept. 2025 and end in Jan.", "The contract then renews."}},
      {"See item No. 4 in the filing.", {"See item No. 4 in the filing."}},
      {"It was Meta vs. Google in court.", {"It was Meta vs. Google in court."}},
      {"Sen. Warren wrote to Gov. Abbott. Neither replied.",
       {"Sen. Warren wrote to Gov. Abbott.", "Neither replied."}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Sentences(c.text) == c.sentences);
  }
}

TEST_CASE("segmenter: numbers, quotes and ellipses", "[segment]") {
  struct Case {
    const char* text;
    Lines sentences;
  };
  const Case cases[] = {
      {"Meta secured 1.6 GW. Crusoe holds 4.9 GW under contract.",
       {"Meta secured 1.6 GW.", "Crusoe holds 4.9 GW under contract."}},
      {"It costs $4.5 billion, or 3.14 times more.", {"It costs $4.5 billion, or 3.14 times more."}},
      {"Version 2.0.1 shipped. Shares rose 5.5%.", {"Version 2.0.1 shipped.", "Shares rose 5.5%."}},
      {"He said \"we are done.\" Then he left.", {"He said \"we are done.\"", "Then he left."}},
      {"Is compute the new oil? Maybe! Nobody knows.",
       {"Is compute the new oil?", "Maybe!", "Nobody knows."}},
      {"Building internally... while renting externally.",
       {"Building internally... while renting externally."}},
      {"Power is the hard part. xAI has leaned on gas turbines. iPhone sales fell.",
       {"Power is the hard part.", "xAI has leaned on gas turbines.", "iPhone sales fell."}},
      {"Prices rose in the U.S. xAI did not comment.",
       {"Prices rose in the U.S. xAI did not comment."}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Sentences(c.text) == c.sentences);
  }
}

TEST_CASE("segmenter: a line break always ends a sentence", "[segment]") {
  struct Case {
    const char* text;
    Lines sentences;
  };
  const Case cases[] = {
      {"Meta Signs AI Computing Deal With Crusoe\nMeta secured 1.6 GW on Tuesday.",
       {"Meta Signs AI Computing Deal With Crusoe", "Meta secured 1.6 GW on Tuesday."}},
      {"Deal signed with Acme Inc.\nCrusoe confirmed.", {"Deal signed with Acme Inc.", "Crusoe confirmed."}},
      {"TL;DR\n- Meta secures ~1.6 GW from Crusoe.\n- Anthropic submits a plan.\n\nAnalysis",
       {"TL;DR", "Meta secures ~1.6 GW from Crusoe.", "Anthropic submits a plan.", "Analysis"}},
      {"* Star bullet.\n\u2022 Dot bullet.\n+ Plus bullet.\n1. First item. Second sentence.\n2) Two",
       {"Star bullet.", "Dot bullet.", "Plus bullet.", "First item.", "Second sentence.", "Two"}},
      // Table rows stay whole, even with periods inside.
      {"| Entity | Key Info |\n| Anthropic | Sent a plan to the U.S. government. Blocked. |",
       {"| Entity | Key Info |", "| Anthropic | Sent a plan to the U.S. government. Blocked. |"}},
      // Only a marker at the start of a line is one; punctuation-only lines vanish.
      {"Prices - not costs - rose.\n---\n...\n- ", {"Prices - not costs - rose."}},
      {"2024. A good year.", {"2024.", "A good year."}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Sentences(c.text) == c.sentences);
  }
}

TEST_CASE("segmenter: spans are byte offsets into UTF-8 text", "[segment]") {
  std::string text = "Caf\u00E9 Nebius \u20AC3.5 billion deal. Ren\u00E9e Lef\u00E8vre joined.";
  Document doc;
  doc.text = text;
  Shipped().Run(&doc);
  REQUIRE(doc.sentences.size() == 2);
  CHECK(doc.sentences[0].Of(text) == "Caf\u00E9 Nebius \u20AC3.5 billion deal.");
  CHECK(doc.sentences[1].Of(text) == "Ren\u00E9e Lef\u00E8vre joined.");
  CHECK(doc.sentences[1].end == text.size());
  CHECK(doc.SentenceAt(doc.sentences[1].begin) == 1);
}

TEST_CASE("segmenter: empty and blank text", "[segment]") {
  CHECK(Sentences("").empty());
  CHECK(Sentences(" \n\n ").empty());
  CHECK(Sentences("Word") == Lines{"Word"});
}

TEST_CASE("segmenter: Run is thread-safe", "[segment][threads]") {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "Meta Platforms, Inc. signed with Crusoe for 1.6 GW. The U.S. deal closed. "
            "Dr. Su spoke.\n- A bullet line\n";
  Document reference;
  reference.text = text;
  Shipped().Run(&reference);
  REQUIRE(reference.sentences.size() == 200 * 4);

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 25; ++round) {
        Document doc;
        doc.text = text;
        Shipped().Run(&doc);
        if (doc.sentences != reference.sentences) ++mismatches[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("segmenter: long inputs stay linear", "[segment][adversarial]") {
  std::string one_line;
  while (one_line.size() < (4u << 20)) one_line += "Crusoe Inc. said the U.S. site is big. ";
  std::string periods(1 << 20, '.');
  std::string digits(1000000, '7');
  for (const std::string* text : {&one_line, &periods, &digits}) {
    auto start = std::chrono::steady_clock::now();
    Document doc;
    doc.text = *text;
    Shipped().Run(&doc);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 20.0);
  }
}

TEST_CASE("segmenter: a run without sentence ends is cut into bounded pieces", "[segment]") {
  // 3 MB of words without a period (found slowing relations quadratically on
  // one 4 MB line): pieces of at most 4096 bytes, cut at blanks, nothing lost.
  std::string words;
  while (words.size() < (3u << 20)) words += "quiet trading left the index flat ";
  words.pop_back();
  std::vector<std::string> pieces = Sentences(words);
  REQUIRE(pieces.size() >= words.size() / 4096);
  std::string joined;
  for (const auto& p : pieces) {
    CHECK(p.size() <= 4096);
    joined += (joined.empty() ? "" : " ") + p;
  }
  CHECK(joined == words);
  // Without any blank, the cut falls on a character boundary.
  std::string euros;
  while (euros.size() < 10000) euros += "\xE2\x82\xAC";  // U+20AC EURO SIGN
  euros += "5";
  Document doc;
  doc.text = euros;
  Shipped().Run(&doc);
  REQUIRE(doc.sentences.size() == 1);  // Only the piece with the digit has an alnum.
  CHECK(doc.sentences[0].end == euros.size());
  CHECK(doc.sentences[0].size() <= 4096);
  CHECK(doc.sentences[0].begin % 3 == 0);
  // A short sentence is untouched.
  CHECK(Sentences("Crusoe builds a campus in Texas.") == Lines{"Crusoe builds a campus in Texas."});
}

TEST_CASE("segmenter: a missing rule file is reported", "[segment]") {
  DiagnosticSink sink;
  RuleFiles rules;
  CHECK(Segmenter::Create(rules, &sink) == nullptr);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].ToString() == "abbreviations.rules: error: missing rule file");
}

TEST_CASE("abbreviations: each bad line is reported with line and column", "[abbreviations]") {
  struct Case {
    const char* content;
    const char* message;
  };
  const Case cases[] = {
      {"Inc\n",
       "t.rules:1:1: error: abbreviation \"Inc\" must end with '.' (or the line must start with "
       "\"starters\")"},
      {"# comment\nDr.   title\n", "t.rules:2:7: error: unknown flag \"title\" (expected prefix)"},
      {"starters\n", "t.rules:1:1: error: starters: no words given"},
      {"starters The  the\n",
       "t.rules:1:15: error: starter \"the\" must begin with a capital letter"},
      {"  .\n", "t.rules:1:3: error: abbreviation \".\" must end with '.' (or the line must start "
                "with \"starters\")"},
  };
  for (const Case& c : cases) {
    INFO(c.content);
    DiagnosticSink sink;
    CHECK(Abbreviations::Parse("t.rules", c.content, &sink) == nullptr);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].ToString() == c.message);
  }
}

TEST_CASE("abbreviations: a duplicate is a warning", "[abbreviations]") {
  DiagnosticSink sink;
  auto a = Abbreviations::Parse("t.rules", "Inc.\nInc.\n", &sink);
  REQUIRE(a);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].ToString() == "t.rules:2:1: warning: duplicate abbreviation \"Inc.\"");
  CHECK_FALSE(sink.HasErrors());
}

TEST_CASE("abbreviations: Classify", "[abbreviations]") {
  DiagnosticSink sink;
  auto a = Abbreviations::Parse("t.rules", "Inc.\nDr. prefix\napprox. prefix\nstarters The\n",
                                &sink);
  REQUIRE(a);
  using Kind = Abbreviations::Kind;
  struct Case {
    const char* token;
    Kind kind;
  };
  const Case cases[] = {
      {"Inc.", Kind::kMayEnd},   {"(Inc.", Kind::kMayEnd},   {"\"Dr.", Kind::kPrefix},
      {"Dr.", Kind::kPrefix},    {"approx.", Kind::kPrefix}, {"Approx.", Kind::kPrefix},
      {"inc.", Kind::kNone},     {"F.", Kind::kMayEnd},      {"U.S.", Kind::kMayEnd},
      {"e.g.", Kind::kMayEnd},   {"f.", Kind::kNone},        {"deal.", Kind::kNone},
      {"1.", Kind::kNone},       {".", Kind::kNone},         {"Inc", Kind::kNone},
  };
  for (const Case& c : cases) {
    INFO(c.token);
    CHECK(a->Classify(c.token) == c.kind);
  }
  CHECK(a->IsStarter("The"));
  CHECK_FALSE(a->IsStarter("Meta"));
}

TEST_CASE("shipped abbreviations.rules parses cleanly", "[abbreviations][shipped]") {
  DiagnosticSink sink;
  auto a = Abbreviations::Parse("rules/abbreviations.rules", ShippedAbbreviations(), &sink);
  for (const Diagnostic& d : sink.diagnostics()) FAIL(d.ToString());
  REQUIRE(a);
  CHECK(a->size() > 50);
  for (const char* abbreviation : {"Inc.", "Corp.", "Ltd.", "Co.", "U.S.", "U.K.", "Dr.", "Mr.",
                                   "Ms.", "Mrs.", "St.", "No.", "vs.", "e.g.", "i.e.", "Jan.",
                                   "Feb.", "Sept.", "approx.", "est.", "Jr.", "Sr.", "Gov.",
                                   "Sen.", "Rep.", "Prof.", "Mt."}) {
    INFO(abbreviation);
    CHECK(a->Classify(abbreviation) != Abbreviations::Kind::kNone);
  }
}

}  // namespace
}  // namespace quarry
