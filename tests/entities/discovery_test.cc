// Tests src/entities/discovery.cc and entity_patterns.cc: names the
// gazetteer lacks, found by rules/entity_patterns.rules, what is not
// discovered, repeats, and the pattern file's errors.
#include "entities/discovery.h"

#include <catch2/catch.hpp>

#include "entities/entity_patterns.h"
#include "entity_test_util.h"

namespace quarry {
namespace {

using testing::FoundIn;
using testing::MakeDocument;
using testing::Messages;

TEST_CASE("discovery: company-shaped names and people", "[discovery]") {
  const auto& recognizer = testing::DefaultRecognizer();
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      {"Investors backed Zentrix Robotics Inc. this week.",
       {"Zentrix Robotics Inc.=org:zentrix_robotics"}},
      {"Shares of Halvard Systems, Inc. fell.", {"Halvard Systems, Inc.=org:halvard_systems"}},
      {"The buyer was Norvale Holdings, a fund.", {"Norvale Holdings=org:norvale_holdings"}},
      {"Funding went to Quillon Labs and Brightpath AI.",
       {"Quillon Labs=org:quillon_labs", "Brightpath AI=org:brightpath_ai"}},
      {"Student Living EduVation (SDLV.US) raised its target.",
       {"Student Living EduVation=org:student_living_eduvation"}},
      {"Shares of Orbiton Power (NYSE: ORBP) rose.", {"Orbiton Power=org:orbiton_power"}},
      {"Zhiyuan Robotics (02590) listed in Hong Kong.",
       {"Zhiyuan Robotics=org:zhiyuan_robotics", "Hong Kong=hong_kong"}},
      {"Tallis Energy Ltd. and Tallis Energy, Ltd signed.",
       {"Tallis Energy Ltd.=org:tallis_energy", "Tallis Energy, Ltd=org:tallis_energy"}},
      // People.
      {"The plan was approved, said CEO Jane Doe.", {"Jane Doe=person:jane_doe"}},
      {"Demand is strong, according to Maria Lopez.", {"Maria Lopez=person:maria_lopez"}},
      {"Wei Zhang, chief executive of the buyer, signed.", {"Wei Zhang=person:wei_zhang"}},
      {"Chief Executive Officer Rafael Ortiz agreed.", {"Rafael Ortiz=person:rafael_ortiz"}},
      {"The deal closed, analyst Priya N. Raman wrote.",
       {"Priya N. Raman=person:priya_n_raman"}},
      {"Tomasz Wrona, who previously ran procurement at the firm, left.",
       {"Tomasz Wrona=person:tomasz_wrona"}},
      {"The lab hires Google's Amara Obi as head of data centers.",
       {"Google=google", "Amara Obi=person:amara_obi"}},
      {"The board appointed Léa Dubois-Martin on Monday.",
       {"Léa Dubois-Martin=person:lea_dubois_martin"}},
      // Places: a locality before a known state or country.
      {"The campus sits near Osceola Junction, Arkansas, by the river.",
       {"Osceola Junction, Arkansas=place:osceola_junction_arkansas"}},
      {"A site in Hämeenlinna, Finland opens next year.",
       {"Hämeenlinna, Finland=place:hameenlinna_finland"}},
      // The gazetteer's own cities fold with their state in the relation
      // stage; a list of states is no locality.
      {"Sites in Oklahoma, Kansas and Texas.", {"Oklahoma=oklahoma", "Kansas=kansas", "Texas=texas"}},
      // A sentence-initial single word is a name when the text capitalizes it
      // elsewhere too.
      {"Helix AI raised money. Investors like Helix.", {"Helix AI=org:helix_ai"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(FoundIn(recognizer, c.text) == c.found);
  }
}

TEST_CASE("discovery: what is not discovered", "[discovery]") {
  const auto& recognizer = testing::DefaultRecognizer();
  struct Case {
    std::string text;
    std::vector<std::string> found;
  };
  const std::vector<Case> cases = {
      {"The Company Inc. is a defined term.", {}},
      {"Generative AI is everywhere.", {}},
      {"The Chinese AI boom goes on.", {}},
      {"Latest AI news, delivered daily.", {}},
      {"| Meta | Signed AI compute agreement |", {"Meta=meta"}},
      // A heading in title case discovers nothing.
      {"Zentrix Robotics Signs Deal With Northwind Holdings", {}},
      {"Robotics Holdings was the headline.", {}},
      // Days and titles are no names.
      {"The results came out, said Tuesday Morning.", {}},
      {"It was approved, said Senior Vice President.", {}},
      // Organization words are no person's names.
      {"Lenders backed Zentrix Robotics, whose chief executive left.",
       {"Zentrix Robotics=org:zentrix_robotics"}},
      // A name that contains a known organization is that organization.
      {"Rivals include Google AI Labs.", {"Google=google"}},
      {"The Meta AI assistant launched.", {"Meta AI assistant=meta_ai"}},
      {"They praised Meta AI spending.", {"Meta=meta"}},
      {"The chips came from Nvidia Robotics.", {"Nvidia=nvidia"}},
      // Known people stay the gazetteer's.
      {"The plan was approved, said CEO Sam Altman.", {"Sam Altman=sam_altman"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(FoundIn(recognizer, c.text) == c.found);
  }
}

TEST_CASE("discovery: a discovered name that is a gazetteer alias is that entry", "[discovery]") {
  const auto& recognizer = testing::DefaultRecognizer();
  Document doc = MakeDocument(
      "Buyers included Crusoe Inc. and, meanwhile, Oracle Corp (ORCL.US). "
      "Meanwhile Microsoft Corp. declined.");
  recognizer.Run(&doc);
  CHECK(testing::Found(doc) == std::vector<std::string>{"Crusoe Inc.=crusoe", "Oracle Corp=oracle",
                                                        "ORCL.US=oracle", "Microsoft Corp.=microsoft"});
  const EntityMention* crusoe = testing::MentionWithText(doc, "Crusoe Inc.");
  REQUIRE(crusoe != nullptr);
  CHECK(crusoe->rule == "org.legal");
  CHECK_FALSE(crusoe->discovered);
  CHECK(crusoe->name == "Crusoe");
  const EntityMention* oracle = testing::MentionWithText(doc, "Oracle Corp");
  REQUIRE(oracle != nullptr);
  CHECK(oracle->rule.rfind("org.", 0) == 0);  // Found by a pattern, resolved to the entry.
  const EntityMention* microsoft = testing::MentionWithText(doc, "Microsoft Corp.");
  REQUIRE(microsoft != nullptr);
  CHECK(microsoft->rule == "microsoft");  // The gazetteer's own match.
}

TEST_CASE("discovery: discovered mentions carry id, name, rule and confidence", "[discovery]") {
  Document doc = MakeDocument("Investors backed Zentrix Robotics, Inc. this week.");
  testing::DefaultRecognizer().Run(&doc);
  REQUIRE(doc.entities.size() == 1);
  const EntityMention& m = doc.entities[0];
  CHECK(m.id == "org:zentrix_robotics");
  CHECK(m.name == "Zentrix Robotics");
  CHECK(m.entity_class == "ORG");
  CHECK(m.rule == "org.legal");
  CHECK(m.discovered);
  CHECK(m.confidence == Approx(0.8));
  CHECK(m.priority < 0);
  CHECK(m.text == "Zentrix Robotics, Inc.");
  CHECK(m.span.Of(doc.text) == "Zentrix Robotics, Inc.");
}

TEST_CASE("discovery: ids merge across spellings and articles", "[discovery]") {
  const auto& recognizer = testing::DefaultRecognizer();
  auto ids = [&](const std::string& text) {
    Document doc = MakeDocument(text);
    recognizer.Run(&doc);
    std::vector<std::string> out;
    for (const auto& m : doc.entities) out.push_back(m.id);
    return out;
  };
  CHECK(ids("Lenders backed Zentrix Robotics Inc. today.") ==
        std::vector<std::string>{"org:zentrix_robotics"});
  CHECK(ids("Lenders backed ZENTRIX ROBOTICS, INC. today.") ==
        std::vector<std::string>{"org:zentrix_robotics"});
  CHECK(ids("Lenders backed Zentrix Robotics Corp. today.") ==
        std::vector<std::string>{"org:zentrix_robotics"});
  CHECK(ids("The deal closed, said CEO Zo\xC3\xAB Fischer.") ==
        std::vector<std::string>{"person:zoe_fischer"});
}

TEST_CASE("discovery: later mentions repeat a discovered name or a surname", "[discovery]") {
  Document doc = MakeDocument(
      "Lenders backed Zentrix Dynamo Inc. on Monday. The loan lets Zentrix Dynamo build. "
      "The plan works, said CEO Jane Doe. Doe added that zentrix dynamo would grow.");
  testing::DefaultRecognizer().Run(&doc);
  CHECK(testing::Found(doc) == std::vector<std::string>{
                                   "Zentrix Dynamo Inc.=org:zentrix_dynamo",
                                   "Zentrix Dynamo=org:zentrix_dynamo",
                                   "Jane Doe=person:jane_doe", "Doe=person:jane_doe"});
  CHECK(doc.entities[1].rule == "repeat:org.legal");
  CHECK(doc.entities[1].confidence == Approx(0.72));
  CHECK(doc.entities[3].rule == "repeat:person.title");
}

TEST_CASE("discovery: a discovered person's full name and a place's locality repeat",
          "[discovery]") {
  Document doc = MakeDocument(
      "Tomasz Wrona, who previously ran sales, joined. Analysts say Tomasz Wrona is a catch. "
      "The site near Osceola Junction, Arkansas is big. The Osceola Junction project starts soon.");
  testing::DefaultRecognizer().Run(&doc);
  CHECK(testing::Found(doc) ==
        std::vector<std::string>{"Tomasz Wrona=person:tomasz_wrona",
                                 "Tomasz Wrona=person:tomasz_wrona",
                                 "Osceola Junction, Arkansas=place:osceola_junction_arkansas",
                                 "Osceola Junction=place:osceola_junction_arkansas"});
  CHECK(doc.entities[1].rule == "repeat:person.who");
  CHECK(doc.entities[3].rule == "repeat:place.locality");
  CHECK(doc.entities[3].name == "Osceola Junction, Arkansas");
}

TEST_CASE("discovery: a surname shared by two people is not repeated", "[discovery]") {
  CHECK(FoundIn(testing::DefaultRecognizer(),
                "It works, said CEO Jane Doe. It fails, said analyst John Doe. Doe disagreed.") ==
        std::vector<std::string>{"Jane Doe=person:jane_doe", "John Doe=person:john_doe"});
}

TEST_CASE("discovery: gazetteer people's surnames repeat within the article", "[discovery]") {
  CHECK(FoundIn(testing::DefaultRecognizer(),
                "Chase Lochmiller spoke first. Later Lochmiller said more.") ==
        std::vector<std::string>{"Chase Lochmiller=chase_lochmiller", "Lochmiller=chase_lochmiller"});
}

TEST_CASE("discovery: headings are title-case lines", "[discovery]") {
  auto heading = [](const std::string& text) {
    NameTokens tokens(text);
    return IsHeading(tokens, 0, tokens.size());
  };
  CHECK(heading("Meta Signs AI Computing Power Agreement With Data Center Company Crusoe"));
  CHECK(heading("The Winners May Be Landlords"));
  CHECK(heading("Sources: TechCrunch, Bloomberg Law"));
  CHECK_FALSE(heading("Meta Platforms has reached a new partnership agreement with Crusoe."));
  CHECK_FALSE(heading("Shares of Orbiton Power (NYSE: ORBP) rose."));  // Ends like prose.
  CHECK_FALSE(heading("Meta and Crusoe"));  // Too few words.
}

// --- The pattern file --------------------------------------------------------

std::vector<std::string> PatternErrors(const std::string& content) {
  DiagnosticSink sink;
  auto patterns = EntityPatterns::Parse("p.rules", content, &sink);
  if (sink.HasErrors()) CHECK(patterns == nullptr);
  return Messages(sink);
}

TEST_CASE("entity patterns: each bad line is reported with its position", "[patterns][errors]") {
  struct Case {
    std::string content;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {"pattern org.x ORG 0.5: (?P<name>[A-Z]\\w+ Inc\n",
       {"p.rules:1:24: error: bad regex: missing ): (?P<name>[A-Z]\\w+ Inc"}},
      {"pattern org.x ORG 0.5: (?P<name>\\p{Foo}+)\n",
       {"p.rules:1:33: error: bad regex: invalid character class range: \\p{Foo}"}},
      {"pattern org.x ORG 0.5: (?P<name>%{WORD}) Inc\n",
       {"p.rules:1:33: error: unknown macro %{WORD} (define it above its first use)"}},
      {"pattern org.x ORG 0.5: [A-Z]\\w+ Inc\n",
       {"p.rules:1:24: error: pattern has no (?P<name>...) group"}},
      {"pattern org.x ORG 0.5: (?P<name>\\w+) \\((?P<symbol>[A-Z]+)\\)\n",
       {"p.rules:1:40: error: unknown role \"symbol\" (expected name, ticker or, for PLACE, region)"}},
      {"pattern org.x COMPANY 0.5: (?P<name>\\w+)\n",
       {"p.rules:1:15: error: unknown class \"COMPANY\" (patterns discover ORG, PERSON or PLACE)"}},
      {"pattern org.x ORG 1.5: (?P<name>\\w+)\n",
       {"p.rules:1:19: error: confidence must be a number between 0 and 1 (exclusive), not \"1.5\""}},
      {"pattern Org.X ORG 0.5: (?P<name>\\w+)\n",
       {"p.rules:1:9: error: bad pattern id \"Org.X\": use lower-case letters, digits, '_', '.' and '-'"}},
      {"pattern org.x ORG 0.5: (?P<name>\\w+)\npattern org.x ORG 0.5: (?P<name>\\d+)\n",
       {"p.rules:2:9: error: duplicate pattern id \"org.x\" (first defined at line 1)"}},
      {"pattern org.x ORG: (?P<name>\\w+)\n",
       {"p.rules:1:1: error: expected `pattern ID CLASS CONFIDENCE: regex`"}},
      {"define word = \\w+\n",
       {"p.rules:1:8: error: bad macro name \"word\": use upper-case letters, digits and '_'"}},
      {"define W = (\\w+\n", {"p.rules:1:12: error: bad regex in macro W: missing ): (\\w+"}},
      {"define W = \\w+\ndefine W = \\d+\n", {"p.rules:2:8: error: macro \"W\" is already defined"}},
      {"coref closest: the company\n",
       {"p.rules:1:7: error: unknown coreference strategy \"closest\" (expected nearest, latter, "
        "former or it)"}},
      {"coref nearest tags=lab: the lab\n", {"p.rules:1:15: error: expected tag=TAG[,TAG...]"}},
      {"stopwords: the\n",
       {"p.rules:1:1: error: unknown line kind \"stopwords\" (expected define, pattern, coref, stop, "
        "notperson, legal or it_verbs)"}},
      {"the company\n",
       {"p.rules:1:1: error: expected `define`, `pattern`, `coref` or a word list (`stop:`, "
        "`notperson:`, `legal:`, `it_verbs:`)"}},
      {"legal: Inc., ...\n", {"p.rules:1:14: error: legal suffix \"...\" has no letters"}},
  };
  for (const Case& c : cases) {
    INFO(c.content);
    CHECK(PatternErrors(c.content) == c.messages);
  }
}

TEST_CASE("entity patterns: macros expand and patterns match within a sentence", "[patterns]") {
  DiagnosticSink sink;
  auto patterns = EntityPatterns::Parse(
      "p.rules",
      "define CAP = \\p{Lu}\\p{Ll}+\n"
      "pattern org.x ORG 0.5: (?P<name>%{CAP}) Corp   # a comment\n"
      "pattern org.y ORG 0.5: (?P<name>%{CAP}) \\((?P<ticker>[A-Z]+\\.US)\\)\n",
      &sink);
  REQUIRE(patterns != nullptr);
  CHECK(sink.diagnostics().empty());
  std::string text = "Acme Corp. Later: Zeta (ZETA.US) and Beta Corp";
  std::vector<PatternMatch> matches;
  patterns->Find(text, Span{0, 10}, &matches);
  patterns->Find(text, Span{11, static_cast<uint32_t>(text.size())}, &matches);
  REQUIRE(matches.size() == 3);
  CHECK(matches[0].pattern->id == "org.x");
  CHECK(matches[0].name.Of(text) == "Acme");
  CHECK(matches[1].pattern->id == "org.x");
  CHECK(matches[1].name.Of(text) == "Beta");
  CHECK(matches[2].pattern->id == "org.y");
  CHECK(matches[2].name.Of(text) == "Zeta");
  CHECK(matches[2].ticker.Of(text) == "ZETA.US");
}

}  // namespace
}  // namespace quarry
