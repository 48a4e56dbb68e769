// Tests src/entities/entity_recognizer.cc: loading both rule files (and
// reporting their errors together), the output contract of Run, documents
// without sentences, bad bytes, and Run from several threads at once.
#include "entities/entity_recognizer.h"

#include <catch2/catch.hpp>
#include <thread>

#include "entity_test_util.h"

namespace quarry {
namespace {

using testing::MakeDocument;
using testing::Messages;

// An article in the style of the field (written for this test).
const char* const kArticle =
    "Meta Taps Crusoe for 1.2 GW of AI Capacity\n"
    "Meta Platforms (META.US) has agreed to buy computing capacity from Crusoe, the data center "
    "developer, at two campuses in Abilene, Texas and Warrenton, Missouri. "
    "The company said the capacity would come online next year. "
    "Crusoe's chief executive, Chase Lochmiller, said demand from hyperscalers keeps growing. "
    "Separately, Nimbus Grid Technologies Inc. (NASDAQ: NMBG) said it had raised $90 million, "
    "according to Elena Varga, its finance chief. "
    "Varga said Nimbus Grid Technologies would build in Georgia.\n"
    "Related: CoreWeave\xE2\x80\x99s valuation climbs after Nvidia deal\n";

TEST_CASE("recognizer: an article end to end", "[recognizer]") {
  Document doc = MakeDocument(kArticle);
  testing::DefaultRecognizer().Run(&doc);
  CHECK(testing::Found(doc) ==
        std::vector<std::string>{
            "Meta=meta", "Crusoe=crusoe",
            "Meta Platforms=meta", "META.US=meta", "Crusoe=crusoe",
            "the data center developer=crusoe",  // The only candidate with that tag.
            "Abilene, Texas=abilene", "Warrenton, Missouri=warrenton_mo",
            "The company=meta",
            "Crusoe=crusoe", "Chase Lochmiller=chase_lochmiller",
            "Nimbus Grid Technologies Inc.=org:nimbus_grid_technologies",
            "Elena Varga=person:elena_varga",
            "Varga=person:elena_varga", "Nimbus Grid Technologies=org:nimbus_grid_technologies",
            "Georgia=georgia",
            "CoreWeave=coreweave", "Nvidia=nvidia"});
}

TEST_CASE("recognizer: mentions are sorted, disjoint and exact", "[recognizer]") {
  Document doc = MakeDocument(kArticle);
  testing::DefaultRecognizer().Run(&doc);
  REQUIRE_FALSE(doc.entities.empty());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const EntityMention& m = doc.entities[i];
    INFO(m.text);
    CHECK(m.span.Of(doc.text) == m.text);
    CHECK_FALSE(m.id.empty());
    CHECK_FALSE(m.name.empty());
    CHECK(m.confidence > 0);
    CHECK(m.confidence <= 1);
    if (i > 0) CHECK(doc.entities[i - 1].span.end <= m.span.begin);
  }
}

TEST_CASE("recognizer: Run replaces earlier results", "[recognizer]") {
  Document doc = MakeDocument("Meta signed.");
  testing::DefaultRecognizer().Run(&doc);
  testing::DefaultRecognizer().Run(&doc);
  CHECK(testing::Found(doc) == std::vector<std::string>{"Meta=meta"});
}

TEST_CASE("recognizer: a document without sentences is read line by line", "[recognizer]") {
  Document doc;
  doc.text = "Crusoe signs with Meta\nThe company will build.\n";
  testing::DefaultRecognizer().Run(&doc);
  // "The company": two candidates on the previous line, "Crusoe" its clear
  // subject ("with Meta" is governed).
  CHECK(testing::Found(doc) ==
        std::vector<std::string>{"Crusoe=crusoe", "Meta=meta", "The company=crusoe"});
}

TEST_CASE("recognizer: bad bytes and odd text never break offsets", "[recognizer]") {
  const std::vector<std::string> texts = {
      "",
      "\n\n\n",
      "Meta \xFF\xFE Crusoe",
      "\xE2\x80 Meta",
      "Meta\xCC",
      std::string("Meta\0Crusoe", 11),
      "(((((",
      "Inc. Inc. Corp.",
      "The company. The company. It said.",
  };
  for (const std::string& text : texts) {
    INFO(text);
    Document doc = MakeDocument(text);
    testing::DefaultRecognizer().Run(&doc);
    for (const EntityMention& m : doc.entities) {
      CHECK(m.span.end <= doc.text.size());
      CHECK(m.span.Of(doc.text) == m.text);
    }
  }
}

TEST_CASE("recognizer: random text keeps every invariant", "[recognizer]") {
  // Pieces that exercise every part of the stage, glued at random
  // (deterministically) with broken UTF-8, marks and line breaks between.
  const std::vector<std::string> pieces = {
      "Meta", "Platforms", ", Inc.", " (META.US)", "Crusoe", "'s", "\xE2\x80\x99s", " the company",
      " the latter", ". ", "\n", "It said", " Zentrix Robotics", " Inc.", " CEO Jane Doe", "Doe",
      " (NASDAQ: CRWV)", "\xCC\x81", "\xFF", "\xE6\x97\xA5", "\xCE\xBB", " said ", "|", "Nestl\xC3\xA9",
      " 1.6 GW", "(", ")", " and ", "AI", " Labs", "\xF0\x9F\x98\x80", "\xE2\x80"};
  uint64_t state = 7;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t n = next() % 40;
    for (size_t i = 0; i < n; ++i) text += pieces[next() % pieces.size()];
    INFO(text);
    Document doc = MakeDocument(text);
    testing::DefaultRecognizer().Run(&doc);
    for (size_t i = 0; i < doc.entities.size(); ++i) {
      const EntityMention& m = doc.entities[i];
      REQUIRE(m.span.end <= doc.text.size());
      CHECK(m.span.Of(doc.text) == m.text);
      CHECK_FALSE(m.span.empty());
      if (i > 0) CHECK(doc.entities[i - 1].span.end <= m.span.begin);
    }
  }
}

TEST_CASE("recognizer: Run is safe from several threads", "[recognizer][threads]") {
  const EntityRecognizer& recognizer = testing::DefaultRecognizer();
  std::vector<std::string> texts = {kArticle, "Crusoe said demand is strong. The company grew.",
                                    "Investors backed Zentrix Robotics Inc. this week."};
  std::vector<std::vector<std::string>> expected;
  for (const auto& t : texts) expected.push_back(testing::FoundIn(recognizer, t));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 25; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (testing::FoundIn(recognizer, texts[i]) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("recognizer: missing rule files are errors", "[recognizer][errors]") {
  DiagnosticSink sink;
  RuleFiles rules;
  CHECK(EntityRecognizer::Create(rules, &sink) == nullptr);
  CHECK(Messages(sink) == std::vector<std::string>{
                              "gazetteer.rules: error: missing rule file",
                              "entity_patterns.rules: error: missing rule file"});
}

TEST_CASE("recognizer: errors of both files are reported in one run", "[recognizer][errors]") {
  DiagnosticSink sink;
  const std::string patterns = "pattern org.x ORG 0.5: (?P<name>\\w+\n";
  auto recognizer = testing::RecognizerWith("[acme] COMPANY \"Acme\"\n", &patterns, &sink);
  CHECK(recognizer == nullptr);
  CHECK(Messages(sink) == std::vector<std::string>{
                              "gazetteer.rules:1:8: error: unknown class \"COMPANY\" (expected ORG, "
                              "PERSON, PLACE or PRODUCT)",
                              "entity_patterns.rules:1:24: error: bad regex: missing ): "
                              "(?P<name>\\w+"});
}

TEST_CASE("recognizer: diagnostics name the rules folder", "[recognizer][errors]") {
  DiagnosticSink sink;
  RuleFiles rules = RuleFiles::ReadDirectory(QUARRY_TEST_DATA "/entities/bad_rules", &sink);
  REQUIRE(sink.diagnostics().empty());
  CHECK(EntityRecognizer::Create(rules, &sink) == nullptr);
  CHECK(Messages(sink) ==
        std::vector<std::string>{
            QUARRY_TEST_DATA "/entities/bad_rules/gazetteer.rules:4:1: error: unknown key "
                             "\"aliases\" (expected alias, former, ticker, tags, priority or tagset)",
            QUARRY_TEST_DATA "/entities/bad_rules/gazetteer.rules:7:20: error: alias \"Acme\" of "
                             "[acme_town] is also an alias of [acme] (line 2) at the same priority; "
                             "raise one entry's priority or drop the alias",
            QUARRY_TEST_DATA "/entities/bad_rules/entity_patterns.rules:3:36: error: bad regex: "
                             "missing ]: [A-Z\\w+) Inc"});
}

}  // namespace
}  // namespace quarry
