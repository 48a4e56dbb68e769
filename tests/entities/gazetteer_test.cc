// Tests src/entities/gazetteer.cc (and name_tokens.cc, name_trie.cc through
// it): the file syntax and its errors, alias kinds, listings, case and
// accent folding with exact offsets, Unicode word boundaries.
#include "entities/gazetteer.h"

#include <catch2/catch.hpp>

#include "entities/name_tokens.h"
#include "entity_test_util.h"

namespace quarry {
namespace {

using testing::FoundIn;
using testing::Messages;

std::vector<std::string> ParseErrors(const std::string& content) {
  DiagnosticSink sink;
  auto gazetteer = Gazetteer::Parse("t.rules", content, &sink);
  if (sink.HasErrors()) CHECK(gazetteer == nullptr);
  return Messages(sink);
}

// Mentions of a gazetteer alone: every alias occurrence, before any overlap
// policy, as "text=id@begin-end".
std::vector<std::string> Raw(const Gazetteer& gazetteer, const std::string& text) {
  NameTokens tokens(text);
  std::vector<EntityMention> found;
  gazetteer.FindAll(tokens, &found);
  std::vector<std::string> out;
  for (const auto& m : found)
    out.push_back(m.text + "=" + m.id + "@" + std::to_string(m.span.begin) + "-" +
                  std::to_string(m.span.end));
  return out;
}

std::unique_ptr<Gazetteer> MustParse(const std::string& content) {
  DiagnosticSink sink;
  auto gazetteer = Gazetteer::Parse("t.rules", content, &sink);
  INFO(Messages(sink).size());
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(gazetteer != nullptr);
  return gazetteer;
}

TEST_CASE("gazetteer: the default file loads and is large", "[gazetteer]") {
  RuleFiles rules = testing::DefaultRules();
  const RuleFile* file = rules.Find("gazetteer.rules");
  REQUIRE(file != nullptr);
  DiagnosticSink sink;
  auto gazetteer = Gazetteer::Parse(file->path, file->content, &sink);
  CHECK(Messages(sink).empty());
  REQUIRE(gazetteer != nullptr);
  CHECK(gazetteer->entries().size() >= 300);
  int orgs = 0, people = 0, places = 0, products = 0;
  for (const auto& e : gazetteer->entries()) {
    orgs += e.entity_class == "ORG";
    people += e.entity_class == "PERSON";
    places += e.entity_class == "PLACE";
    products += e.entity_class == "PRODUCT";
  }
  CHECK(orgs >= 150);
  CHECK(people >= 50);
  CHECK(places >= 100);
  CHECK(products >= 20);
  const GazetteerEntry* meta = gazetteer->Find("meta");
  REQUIRE(meta != nullptr);
  CHECK(meta->name == "Meta Platforms");
  CHECK(meta->entity_class == "ORG");
  CHECK(meta->tags == std::vector<std::string>{"big_tech", "hyperscaler", "lab"});
}

TEST_CASE("gazetteer: names, aliases, legal names, former names, listings", "[gazetteer]") {
  const auto& recognizer = testing::DefaultRecognizer();
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      // Legal names and short names.
      {"Meta Platforms, Inc. signed the lease.", {"Meta Platforms, Inc.=meta"}},
      {"Meta signed the lease.", {"Meta=meta"}},
      {"Microsoft Corporation and Microsoft Corp. and Microsoft.",
       {"Microsoft Corporation=microsoft", "Microsoft Corp.=microsoft", "Microsoft=microsoft"}},
      {"Amazon.com, Inc. (AMZN.US) rose.", {"Amazon.com, Inc.=amazon", "AMZN.US=amazon"}},
      // Former names.
      {"Facebook opened a data center.", {"Facebook=meta"}},
      {"Crusoe Energy Systems raised money.", {"Crusoe Energy Systems=crusoe"}},
      {"Iris Energy renamed itself.", {"Iris Energy=iren"}},
      {"Marathon Digital Holdings changed its name.", {"Marathon Digital Holdings=mara"}},
      // Listings generated from ticker: lines.
      {"Meta (META.US) rose.", {"Meta=meta", "META.US=meta"}},
      {"CoreWeave (NASDAQ: CRWV) fell.", {"CoreWeave=coreweave", "NASDAQ: CRWV=coreweave"}},
      {"CoreWeave (NASDAQ:CRWV) fell.", {"CoreWeave=coreweave", "NASDAQ:CRWV=coreweave"}},
      {"Shares of Oracle (NYSE: ORCL) jumped.", {"Oracle=oracle", "NYSE: ORCL=oracle"}},
      {"Alibaba (9988.HK) and Alibaba (09988) traded.",
       {"Alibaba=alibaba", "9988.HK=alibaba", "Alibaba=alibaba", "09988=alibaba"}},
      {"Tencent (0700.HK), also 700.HK.", {"Tencent=tencent", "0700.HK=tencent", "700.HK=tencent"}},
      {"TSMC (2330.TW) and Samsung (005930.KS).",
       {"TSMC=tsmc", "2330.TW=tsmc", "Samsung=samsung", "005930.KS=samsung"}},
      {"SoftBank Group Corp. (TYO: 9984)", {"SoftBank Group Corp.=softbank", "TYO: 9984=softbank"}},
      // Share classes.
      {"Alphabet Inc. Class C (GOOG.US) and Alphabet Inc. Class A (GOOGL.US).",
       {"Alphabet Inc. Class C=alphabet", "GOOG.US=alphabet", "Alphabet Inc. Class A=alphabet",
        "GOOGL.US=alphabet"}},
      // Possessives: the span is the name alone, with either apostrophe.
      {"Crusoe's contracted capacity grew.", {"Crusoe=crusoe"}},
      {"Meta\xE2\x80\x99s largest campus.", {"Meta=meta"}},
      {"CoreWeave\xE2\x80\x99s valuation.", {"CoreWeave=coreweave"}},
      // Longest match: the more specific entry.
      {"Google DeepMind and Google Cloud and Google.",
       {"Google DeepMind=google_deepmind", "Google Cloud=google_cloud", "Google=google"}},
      {"Amazon Web Services runs AWS Lambda.",
       {"Amazon Web Services=aws", "AWS Lambda=aws_lambda"}},
      {"West Virginia, not Virginia.", {"West Virginia=west_virginia", "Virginia=virginia"}},
      {"North Korea and South Korea.", {"North Korea=north_korea", "South Korea=south_korea"}},
      {"Washington, D.C. and Washington State.",
       {"Washington, D.C.=washington_dc", "Washington State=washington"}},
      // Qualified place names.
      {"Campuses in Childress, Texas and Warrenton, Missouri.",
       {"Childress, Texas=childress", "Warrenton, Missouri=warrenton_mo"}},
      // People.
      {"Sam Altman met Jensen Huang and Lisa Su.",
       {"Sam Altman=sam_altman", "Jensen Huang=jensen_huang", "Lisa Su=lisa_su"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(FoundIn(recognizer, c.text) == c.found);
  }
}

TEST_CASE("gazetteer: common-word aliases match only with their case", "[gazetteer]") {
  const auto& recognizer = testing::DefaultRecognizer();
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      {"A meta-analysis of forty studies.", {}},
      {"Meta-Crusoe deal.", {"Meta=meta", "Crusoe=crusoe"}},
      {"They consulted an oracle.", {}},
      {"Oracle signed.", {"Oracle=oracle"}},
      {"An apple a day.", {}},
      {"The intel on the deal was thin.", {}},
      {"Intel rose.", {"Intel=intel"}},
      {"He moved to the amazon of data.", {}},
      {"XAI methods explain models; xAI builds them.", {"xAI=xai"}},
      {"The arm of the robot.", {}},
      {"Arm designs chips.", {"Arm=arm"}},
      {"The lambda function.", {}},
      {"We need to cohere.", {}},
      {"A turkey dinner in Turkey.", {"Turkey=turkey"}},
      // "US" inside a listing is not the country.
      {"Student Living (SDLV.US) listed in the US.", {"US=united_states"}},
      // A named company whose name starts with a common word.
      {"Growth at scale AI needs power; Scale AI agreed.", {"Scale AI=scale_ai"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::vector<std::string> found = FoundIn(recognizer, c.text);
    // Discovered names are not the subject here.
    std::erase_if(found, [](const std::string& s) { return s.find("=org:") != std::string::npos; });
    CHECK(found == c.found);
  }
}

TEST_CASE("gazetteer: Unicode word boundaries", "[gazetteer][unicode]") {
  auto gazetteer = MustParse(
      "[meta] ORG \"Meta\"\n"
      "alias: Meta | case\n"
      "[intel] ORG \"Intel\"\n");
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      {"Meta rose", {"Meta=meta@0-4"}},
      {"Metadata", {}},
      {"Meta\xC3\xBC rose", {}},           // Metaü
      {"\xC3\xBCMeta rose", {}},           // üMeta
      {"Meta\xCE\xBB", {}},                // Metaλ (Greek)
      {"\xCE\xBBMeta", {}},                // λMeta
      {"Meta\xE6\x97\xA5\xE6\x9C\xAC", {}},  // Meta日本 (CJK)
      {"\xE6\x97\xA5\xE6\x9C\xACMeta", {}},  // 日本Meta
      {"\xE6\x97\xA5\xE6\x9C\xAC Meta", {"Meta=meta@7-11"}},
      {"Intel\xE2\x80\x99s", {"Intel=intel@0-5"}},
      {"\xC2\xABMeta\xC2\xBB", {"Meta=meta@2-6"}},  // «Meta»
      {"Meta2", {}},
      {"Meta_x", {}},
      // A combining mark belongs to the word: never a boundary. Accents are
      // ignored, so the name matches with the mark inside its span.
      {"Meta\xCC\x81 rose", {"Meta\xCC\x81=meta@0-6"}},
      {"Intel\xCC\x88x", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Raw(*gazetteer, c.text) == c.found);
  }
}

TEST_CASE("gazetteer: case and accent folding keep exact offsets", "[gazetteer][unicode]") {
  auto gazetteer = MustParse(
      "[nestle] ORG \"Nestl\xC3\xA9\"\n"
      "[zoe_labs] ORG \"Zo\xC3\xAB Labs\"\n"
      "alias: Zo\xC3\xAB Labs | exact\n"
      "[dona_ana] PLACE \"Do\xC3\xB1" "a Ana County\"\n");
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      {"Nestl\xC3\xA9 rose", {"Nestl\xC3\xA9=nestle@0-7"}},      // precomposed é
      {"Nestle\xCC\x81 rose", {"Nestle\xCC\x81=nestle@0-8"}},    // e + combining acute
      {"NESTLE rose", {"NESTLE=nestle@0-6"}},
      {"Die NESTL\xC3\x89-Gruppe", {"NESTL\xC3\x89=nestle@4-11"}},
      {"in Dona Ana County", {"Dona Ana County=dona_ana@3-18"}},
      {"in DO\xC3\x91" "A ANA COUNTY", {"DO\xC3\x91" "A ANA COUNTY=dona_ana@3-19"}},
      // `exact`: case and accents as written.
      {"Zo\xC3\xAB Labs", {"Zo\xC3\xAB Labs=zoe_labs@0-9"}},
      {"Zoe\xCC\x88 Labs", {"Zoe\xCC\x88 Labs=zoe_labs@0-10"}},  // NFD of the same
      {"Zoe Labs", {}},
      {"ZO\xC3\x8B LABS", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Raw(*gazetteer, c.text) == c.found);
  }
}

TEST_CASE("gazetteer: default entries with accents", "[gazetteer][unicode]") {
  const auto& recognizer = testing::DefaultRecognizer();
  CHECK(FoundIn(recognizer, "Sites in Do\xC3\xB1" "a Ana County and Dona Ana County.") ==
        std::vector<std::string>{"Do\xC3\xB1" "a Ana County=dona_ana_county",
                                 "Dona Ana County=dona_ana_county"});
  CHECK(FoundIn(recognizer, "Offices in Z\xC3\xBCrich and ZURICH.") ==
        std::vector<std::string>{"Z\xC3\xBCrich=zurich", "ZURICH=zurich"});
  CHECK(FoundIn(recognizer, "T\xC3\xBCrkiye and Turkiye.") ==
        std::vector<std::string>{"T\xC3\xBCrkiye=turkey", "Turkiye=turkey"});
}

TEST_CASE("gazetteer: blanks inside a name match any blank run, never a line break",
          "[gazetteer]") {
  auto gazetteer = MustParse("[acme] ORG \"Acme Robotics\"\n");
  CHECK(Raw(*gazetteer, "Acme  Robotics") == std::vector<std::string>{"Acme  Robotics=acme@0-14"});
  CHECK(Raw(*gazetteer, "Acme\tRobotics") == std::vector<std::string>{"Acme\tRobotics=acme@0-13"});
  CHECK(Raw(*gazetteer, "Acme\nRobotics").empty());
  CHECK(Raw(*gazetteer, "AcmeRobotics").empty());
}

TEST_CASE("gazetteer: every occurrence is reported, the overlap policy comes later",
          "[gazetteer]") {
  auto gazetteer = MustParse(
      "[acme] ORG \"Acme\"\n"
      "[acme_robotics] ORG \"Acme Robotics\"\n");
  CHECK(Raw(*gazetteer, "Acme Robotics") ==
        std::vector<std::string>{"Acme=acme@0-4", "Acme Robotics=acme_robotics@0-13"});
}

TEST_CASE("gazetteer: Lookup resolves whole texts only", "[gazetteer]") {
  auto gazetteer = MustParse(
      "[oracle] ORG \"Oracle\"\nalias: Oracle | case\nalias: Oracle Corporation\n"
      "ticker: NYSE:ORCL\n");
  REQUIRE(gazetteer->Lookup("ORACLE CORPORATION") != nullptr);
  CHECK(gazetteer->Lookup("ORACLE CORPORATION")->id == "oracle");
  CHECK(gazetteer->Lookup("ORCL.US") != nullptr);
  CHECK(gazetteer->Lookup("ORCL.N") != nullptr);
  CHECK(gazetteer->Lookup("oracle") == nullptr);  // `case`
  CHECK(gazetteer->Lookup("Oracle Corp") == nullptr);
  CHECK(gazetteer->Lookup("Oracle Corporation Inc") == nullptr);
}

TEST_CASE("gazetteer: ticker lines generate the listing forms", "[gazetteer]") {
  auto gazetteer = MustParse("[x] ORG \"X Co\"\nticker: HKEX:0700\nticker: NASDAQ:XCO\n");
  std::vector<std::string> aliases;
  for (const auto& a : gazetteer->entries()[0].aliases) aliases.push_back(a.text);
  CHECK(aliases == std::vector<std::string>{
                       "X Co",       "HKEX: 0700", "HKEX:0700", "HKG: 0700",  "HKG:0700",
                       "SEHK: 0700", "SEHK:0700",  "0700.HK",   "HKEX: 700",  "HKEX:700",
                       "HKG: 700",   "HKG:700",    "SEHK: 700", "SEHK:700",   "700.HK",
                       "HKEX: 00700", "HKEX:00700", "HKG: 00700", "HKG:00700", "SEHK: 00700",
                       "SEHK:00700", "00700.HK",   "00700",     "NASDAQ: XCO", "NASDAQ:XCO",
                       "XCO.US",     "XCO.O"});
}

TEST_CASE("gazetteer: priority decides between entries that share an alias", "[gazetteer]") {
  DiagnosticSink sink;
  auto recognizer = testing::RecognizerWith(
      "[nova_corp] ORG \"Nova Corp\"\nalias: Nova\npriority: 5\n"
      "[nova_city] PLACE \"Nova\"\n",
      nullptr, &sink);
  REQUIRE(recognizer != nullptr);
  CHECK(FoundIn(*recognizer, "Nova grew.") == std::vector<std::string>{"Nova=nova_corp"});
}

TEST_CASE("gazetteer: each malformed line is reported with its position", "[gazetteer][errors]") {
  struct Case {
    std::string content;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {"[Meta] ORG \"Meta\"\n",
       {"t.rules:1:2: error: bad entry id \"Meta\": use lower-case letters, digits and '_' "
        "(discovered names own ids with ':')"}},
      {"[acme ORG \"Acme\"\n", {"t.rules:1:1: error: missing ']' after the entry id"}},
      {"[acme] COMPANY \"Acme\"\n",
       {"t.rules:1:8: error: unknown class \"COMPANY\" (expected ORG, PERSON, PLACE or PRODUCT)"}},
      {"[acme] ORG Acme\n",
       {"t.rules:1:12: error: expected the canonical name in double quotes after the class"}},
      {"[acme] ORG \"Acme\n", {"t.rules:1:12: error: unterminated canonical name (missing closing '\"')"}},
      {"[acme] ORG \"Acme\" extra\n", {"t.rules:1:18: error: unexpected text after the canonical name"}},
      {"[acme] ORG \"Acme\"\n[acme] PLACE \"Acme\"\n",
       {"t.rules:2:2: error: duplicate entry id \"acme\" (first defined at line 1)"}},
      {"alias: Acme\n", {"t.rules:1:1: error: `alias:` before any entry header"}},
      {"[acme] ORG \"Acme\"\nalais: Acme Inc.\n",
       {"t.rules:2:1: error: unknown key \"alais\" (expected alias, former, ticker, tags, priority "
        "or tagset)"}},
      {"[acme] ORG \"Acme\"\nalias: Acme | cs\n",
       {"t.rules:2:15: error: unknown alias flag \"cs\" (expected case or exact)"}},
      {"[acme] ORG \"Acme\"\nalias: ( )\n",
       {"t.rules:2:8: error: alias \"( )\" has no letters or digits"}},
      {"[acme] ORG \"Acme\"\nalias:\n", {"t.rules:2:7: error: empty value for `alias:`"}},
      {"[acme] ORG \"Acme\"\npriority: high\n",
       {"t.rules:2:11: error: priority must be an integer from 0 to 1000, not \"high\""}},
      {"[acme] ORG \"Acme\"\nticker: NASDQ:ACME\n",
       {"t.rules:2:9: error: unknown exchange \"NASDQ\" (known: NASDAQ, NYSE, HKEX, TYO, TWSE, "
        "KRX, SSE, SZSE, LSE, EPA, AMS, ETR, TSX, ASX)"}},
      {"[acme] ORG \"Acme\"\nticker: ACME\n",
       {"t.rules:2:9: error: bad ticker \"ACME\": expected EXCHANGE:SYMBOL with an upper-case "
        "symbol, e.g. NASDAQ:META"}},
      {"tagset: lab, cloud\n[acme] ORG \"Acme\"\ntags: lab, clowd\n",
       {"t.rules:3:12: error: unknown tag \"clowd\" (not declared by a tagset line)"}},
      {"[acme] ORG \"Acme\"\ntags: Big Tech\n",
       {"t.rules:2:7: error: bad tag \"Big Tech\": use lower-case letters, digits and '_'"}},
      {"[acme] ORG \"Acme\"\n[acme_city] PLACE \"Acme\"\n",
       {"t.rules:2:20: error: alias \"Acme\" of [acme_city] is also an alias of [acme] (line 1) "
        "at the same priority; raise one entry's priority or drop the alias"}},
      // Two bad lines: both reported; the lines under a broken header are
      // not reported again.
      {"[Bad] ORG \"B\"\nalias: B2\n[ok] ORG \"Ok\"\nalias: O | flag\n",
       {"t.rules:1:2: error: bad entry id \"Bad\": use lower-case letters, digits and '_' "
        "(discovered names own ids with ':')",
        "t.rules:4:12: error: unknown alias flag \"flag\" (expected case or exact)"}},
  };
  for (const Case& c : cases) {
    INFO(c.content);
    CHECK(ParseErrors(c.content) == c.messages);
  }
}

TEST_CASE("gazetteer: warnings do not stop loading", "[gazetteer][errors]") {
  DiagnosticSink sink;
  auto gazetteer = Gazetteer::Parse("t.rules", "[acme] ORG \"Acme\"\nalias: Acme Inc.\nalias: Acme Inc.\n", &sink);
  REQUIRE(gazetteer != nullptr);
  CHECK(Messages(sink) ==
        std::vector<std::string>{"t.rules:3:8: warning: duplicate alias \"Acme Inc.\" (also at line 2)"});
}

TEST_CASE("gazetteer: case-sensitive aliases of different entries may share letters",
          "[gazetteer]") {
  // "Arm" and "ARM" differ in case only; as `case` aliases they never match
  // the same text, so they do not conflict.
  auto gazetteer = MustParse(
      "[arm] ORG \"Arm Holdings\"\nalias: Arm | case\n"
      "[arm_acronym] ORG \"Acorn RISC Machine\"\nalias: ARM | case\n");
  CHECK(Raw(*gazetteer, "Arm and ARM and arm") ==
        std::vector<std::string>{"Arm=arm@0-3", "ARM=arm_acronym@8-11"});
}

TEST_CASE("gazetteer: one entry's case-sensitive and any-case forms of a name: any case wins",
          "[gazetteer]") {
  // Either order of the two lines; found by tools/gen-corpus, where
  // "STACK Infrastructure" was missed.
  for (const char* content :
       {"[stack] ORG \"Stack Infrastructure\"\nalias: Stack Infrastructure | case\n"
        "alias: STACK Infrastructure\n",
        "[stack] ORG \"Stack Infrastructure\"\nalias: STACK Infrastructure\n"
        "alias: Stack Infrastructure | case\n"}) {
    INFO(content);
    auto gazetteer = MustParse(content);
    CHECK(Raw(*gazetteer, "STACK Infrastructure, Stack Infrastructure") ==
          std::vector<std::string>{"STACK Infrastructure=stack@0-20",
                                   "Stack Infrastructure=stack@22-42"});
  }
}

}  // namespace
}  // namespace quarry
