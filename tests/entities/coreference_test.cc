// Tests src/entities/coreference.cc: "the company", "the latter", "It" and
// their kin resolve where the rule is safe, and are left alone where not.
#include "entities/coreference.h"

#include <catch2/catch.hpp>

#include "entity_test_util.h"

namespace quarry {
namespace {

using testing::MakeDocument;

// "phrase=id (rule)" for each resolved reference of `text`.
std::vector<std::string> References(const std::string& text) {
  Document doc = MakeDocument(text);
  testing::DefaultRecognizer().Run(&doc);
  std::vector<std::string> out;
  for (const EntityMention& m : doc.entities)
    if (m.rule.rfind("coref:", 0) == 0) out.push_back(m.text + "=" + m.id + " (" + m.rule + ")");
  return out;
}

TEST_CASE("coreference: safe references resolve", "[coref]") {
  struct Case {
    std::string text;
    std::vector<std::string> references;
  };
  const std::vector<Case> cases = {
      // The subject of the sentence, past a governed object; "the latter" is
      // the second of the two.
      {"Meta Platforms reached an agreement with data center developer Crusoe to use capacity "
       "built by the latter, to support the company's expansion.",
       {"the latter=crusoe (coref:latter)", "the company=meta (coref:subject)"}},
      // The only organization of the previous sentence.
      {"Crusoe said demand is strong. The company plans to double capacity.",
       {"The company=crusoe (coref:sole)"}},
      // The only organization earlier in the same sentence.
      {"Earlier this month, Crusoe disclosed that the company's backlog grew.",
       {"the company=crusoe (coref:sole)"}},
      // A governed name in an opening phrase is not the antecedent of the
      // clause subject: the previous sentence's company is.
      {"Crusoe was founded in 2018. In addition to Meta, the company serves Oracle.",
       {"the company=crusoe (coref:sole)"}},
      // The previous sentence's clear subject.
      {"Meta signed a deal with Crusoe and Oracle. The company expects returns.",
       {"The company=meta (coref:previous_subject)"}},
      // A list after a preposition is governed throughout.
      {"Meta, along with rivals such as Microsoft Corporation (MSFT.US), Alphabet and Amazon, is "
       "spending more, and the firm plans to sell compute.",
       {"the firm=meta (coref:subject)"}},
      // Former and latter of exactly two.
      {"Meta and Crusoe signed a deal. The former will pay; the latter will build.",
       {"The former=meta (coref:former)", "the latter=crusoe (coref:latter)"}},
      // A tag narrows the candidates.
      {"Meta signed a supply deal with Nvidia. The chipmaker will ship in May.",
       {"The chipmaker=nvidia (coref:sole)"}},
      {"Meta and CoreWeave signed. The cloud provider will host the cluster.",
       {"The cloud provider=coreweave (coref:sole)"}},
      // A sentence-initial "It" after a sentence about one company.
      {"Crusoe builds campuses in Texas. It signed a lease with Oracle.", {"It=crusoe (coref:it)"}},
      {"Crusoe builds campuses in Texas. It also said demand is strong.", {"It=crusoe (coref:it)"}},
      // Discovered names are antecedents too.
      {"Zentrix Dynamo Inc. raised money. The company will build in Ohio.",
       {"The company=org:zentrix_dynamo (coref:sole)"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(References(c.text) == c.references);
  }
}

TEST_CASE("coreference: unsafe references are left alone", "[coref]") {
  const std::vector<std::string> cases = {
      // Two coordinated candidates: either could be meant.
      "Meta and Crusoe signed a deal. The company will pay.",
      "Microsoft said OpenAI will expand, and the company expects growth.",
      // Nothing to refer to.
      "The company said demand is strong.",
      // Too far back.
      "Crusoe raised money. Demand is strong. The company grew.",
      // "the latter" of three.
      "Meta, Crusoe and Oracle met. The latter left early.",
      // Adjectives, not references.
      "The former chief of Intel joined Crusoe. He said the latter half of the year looks good.",
      // An apposition names the company itself.
      "Oracle praised its partner, the company Crusoe, on Monday.",
      // "It" that refers to no company.
      "It is expected that Meta will sign.",
      "Crusoe builds campuses. It's growing fast.",
      "Crusoe builds in Texas with Nvidia chips. It signed a lease.",
      "Meta launched Llama. It said usage grew.",
      "Meta signed a deal. it signed another.",
  };
  for (const std::string& text : cases) {
    INFO(text);
    CHECK(References(text).empty());
  }
}

TEST_CASE("coreference: resolved mentions carry the antecedent and the phrase", "[coref]") {
  Document doc = MakeDocument("Crusoe said demand is strong. The company's backlog grew.");
  testing::DefaultRecognizer().Run(&doc);
  REQUIRE(doc.entities.size() == 2);
  const EntityMention& ref = doc.entities[1];
  CHECK(ref.id == "crusoe");
  CHECK(ref.name == "Crusoe");
  CHECK(ref.entity_class == "ORG");
  CHECK(ref.tags == doc.entities[0].tags);
  CHECK(ref.rule == "coref:sole");
  CHECK(ref.confidence == Approx(0.7));
  CHECK(ref.confidence < doc.entities[0].confidence);
  CHECK(ref.text == "The company");  // Not the possessive.
  CHECK(ref.span.Of(doc.text) == "The company");
  CHECK_FALSE(ref.discovered);
}

TEST_CASE("coreference: phrases come from the rule file", "[coref]") {
  const std::string patterns = "coref nearest tag=utility: the power company\n";
  DiagnosticSink sink;
  auto recognizer = testing::RecognizerWith(
      "[entergy] ORG \"Entergy\"\ntags: utility\n[meta] ORG \"Meta\"\n", &patterns, &sink);
  REQUIRE(recognizer != nullptr);
  Document doc = MakeDocument("Meta chose Entergy. The power company will build plants. The company agreed.");
  recognizer->Run(&doc);
  CHECK(testing::Found(doc) ==
        std::vector<std::string>{"Meta=meta", "Entergy=entergy", "The power company=entergy"});
}

}  // namespace
}  // namespace quarry
