// Tests BuildTypedSentence (src/relations/typed_sentence.cc): the text that
// relation rules see.
#include "relations/typed_sentence.h"

#include <catch2/catch.hpp>

#include "doc_builder.h"

namespace quarry {
namespace {

using testing::BuildDoc;

struct Case {
  const char* markup;
  const char* typed;    // TypedSentence::text
  const char* display;  // TypedSentence::Display()
};

TEST_CASE("typed sentence: mentions become typed slots", "[relations][typed]") {
  const std::vector<Case> cases = {
      {"[ORG.hyperscaler Meta] secures [POWER=1.6e9 ~1.6 gigawatts] of AI compute from "
       "[ORG.gpu_cloud Crusoe].",
       "⟨ORG:hyperscaler⟩ secures ⟨POWER⟩ of AI compute from ⟨ORG:gpu_cloud⟩.",
       "⟨ORG⟩ secures ⟨POWER⟩ of AI compute from ⟨ORG⟩."},
      {"[PERSON Ashish Vaswani] leaves [ORG Google] for [ORG OpenAI]",
       "⟨PERSON⟩ leaves ⟨ORG⟩ for ⟨ORG⟩", "⟨PERSON⟩ leaves ⟨ORG⟩ for ⟨ORG⟩"},
      {"a [AREA=1.6e7 4,000-acre] campus in [PLACE Louisiana] worth [MONEY=2e9 $2 billion]",
       "a ⟨AREA⟩ campus in ⟨PLACE⟩ worth ⟨MONEY⟩", "a ⟨AREA⟩ campus in ⟨PLACE⟩ worth ⟨MONEY⟩"},
      // Several tags, sorted and made token-safe.
      {"[ORG.gpu_cloud.AI-Lab CoreWeave] rose", "⟨ORG:ai_lab:gpu_cloud⟩ rose", "⟨ORG⟩ rose"},
      {"[COUNT=1e5.GPU 100,000 GPUs] for [PRICE=2 $2]", "⟨COUNT:gpu⟩ for ⟨PRICE⟩",
       "⟨COUNT⟩ for ⟨PRICE⟩"},
      {"[POWER? 5] units", "⟨POWER?⟩ units", "⟨POWER?⟩ units"},
      {"[EVENT GTC] opens", "⟨OTHER⟩ opens", "⟨OTHER⟩ opens"},
      // Possessives, inside the mention or after it, curly or straight.
      {"[ORG Crusoe's] contracted capacity", "⟨ORG⟩'s contracted capacity",
       "⟨ORG⟩'s contracted capacity"},
      {"[ORG Crusoe]’s pipeline", "⟨ORG⟩'s pipeline", "⟨ORG⟩'s pipeline"},
      // Tickers after an organization fold into its slot.
      {"[ORG Meta] (META.US) signs", "⟨ORG⟩ signs", "⟨ORG⟩ signs"},
      {"[ORG CoreWeave] (NASDAQ: CRWV) rose", "⟨ORG⟩ rose", "⟨ORG⟩ rose"},
      {"[ORG Alibaba] (9988.HK) fell", "⟨ORG⟩ fell", "⟨ORG⟩ fell"},
      {"[ORG#coreweave CoreWeave] ([ORG#coreweave CRWV]) rose", "⟨ORG⟩ rose", "⟨ORG⟩ rose"},
      {"[ORG Meta] (the parent) said", "⟨ORG⟩ (the parent) said", "⟨ORG⟩ (the parent) said"},
      {"[ORG Meta] ([ORG Crusoe]) said", "⟨ORG⟩ (⟨ORG⟩) said", "⟨ORG⟩ (⟨ORG⟩) said"},
      {"[PLACE Texas] (TX) grid", "⟨PLACE⟩ (TX) grid", "⟨PLACE⟩ (TX) grid"},
      // City, state: one slot.
      {"near [PLACE Cheyenne], [PLACE Wyoming] and [PLACE Goodnight], [PLACE Texas].",
       "near ⟨PLACE⟩ and ⟨PLACE⟩.", "near ⟨PLACE⟩ and ⟨PLACE⟩."},
      {"in [PLACE Ohio] [PLACE Texas]", "in ⟨PLACE⟩ ⟨PLACE⟩", "in ⟨PLACE⟩ ⟨PLACE⟩"},
      // The text cannot forge a token.
      {"a ⟨ORG⟩ b", "a <ORG> b", "a <ORG> b"},
  };
  for (const auto& c : cases) {
    INFO(c.markup);
    Document doc = BuildDoc({c.markup});
    TypedSentence typed = BuildTypedSentence(doc, 0);
    CHECK(typed.text == c.typed);
    CHECK(typed.Display() == c.display);
    CHECK(typed.to_text.size() == typed.text.size() + 1);
  }
}

TEST_CASE("typed sentence: slots map back to mentions and text", "[relations][typed]") {
  Document doc = BuildDoc({"First [ORG Nebius] note.",
                           "[ORG Meta] (META.US) buys [POWER=2e9 2 GW] from [ORG Nebius]."});
  TypedSentence typed = BuildTypedSentence(doc, 1);
  REQUIRE(typed.text == "⟨ORG⟩ buys ⟨POWER⟩ from ⟨ORG⟩.");
  REQUIRE(typed.slots.size() == 3);
  CHECK(typed.sentence_index == 1);
  CHECK(typed.sentence == doc.sentences[1]);

  const TypedSlot& meta = typed.slots[0];
  CHECK(meta.kind == TypedSlot::Kind::kEntity);
  CHECK(doc.entities[meta.index].text == "Meta");
  CHECK(meta.span.Of(doc.text) == "Meta (META.US)");
  const TypedSlot& power = typed.slots[1];
  CHECK(power.kind == TypedSlot::Kind::kQuantity);
  CHECK(power.type == "POWER");
  CHECK(doc.quantities[power.index].text == "2 GW");
  CHECK(doc.entities[typed.slots[2].index].span.begin > doc.sentences[1].begin);

  CHECK(typed.SlotAt(meta.begin) == &typed.slots[0]);
  CHECK(typed.SlotAt(meta.begin + 1) == nullptr);
  // A range of the typed text maps to the document text it stands for.
  CHECK(typed.TextSpan(meta.begin, meta.end).Of(doc.text) == "Meta (META.US)");
  CHECK(typed.TextSpan(0, typed.text.size()).Of(doc.text) ==
        "Meta (META.US) buys 2 GW from Nebius.");
  size_t buys = typed.text.find("buys");
  CHECK(typed.TextSpan(buys, buys + 4).Of(doc.text) == "buys");
  CHECK(typed.TextSpan(buys, power.end).Of(doc.text) == "buys 2 GW");
}

TEST_CASE("typed sentence: mentions outside the sentence stay text", "[relations][typed]") {
  Document doc = BuildDoc({"Alpha [ORG Beta] gamma.", "Delta epsilon."});
  // An entity that crosses the sentence boundary belongs to neither sentence.
  EntityMention crossing = doc.entities[0];
  crossing.id = "crossing";
  crossing.span = {doc.sentences[0].end - 2, doc.sentences[1].begin + 3};
  doc.entities.push_back(crossing);
  CHECK(BuildTypedSentence(doc, 0).text == "Alpha ⟨ORG⟩ gamma.");
  CHECK(BuildTypedSentence(doc, 1).text == "Delta epsilon.");
  TypedSentence none = BuildTypedSentence(doc, 7);
  CHECK(none.text.empty());
  CHECK(none.slots.empty());
  CHECK(none.to_text.size() == 1);
}

TEST_CASE("typed sentence: SlotTag", "[relations][typed]") {
  CHECK(SlotTag("GPU Cloud") == "gpu_cloud");
  CHECK(SlotTag("data center") == "data_center");
  CHECK(SlotTag("hyperscaler") == "hyperscaler");
  CHECK(SlotTag("  -x- ") == "x");
  CHECK(SlotTag("kWh") == "kwh");
}

}  // namespace
}  // namespace quarry
