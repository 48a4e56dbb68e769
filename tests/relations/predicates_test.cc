// Tests the shipped rules/relations.rules on hand-built documents: each
// predicate in several phrasings, the facts of the seed articles in our own
// words, and sentences a careful reader would not turn into facts.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "doc_builder.h"
#include "relations/relation_extractor.h"

namespace quarry {
namespace {

using testing::BuildDoc;

const RelationExtractor& Shipped() {
  static std::unique_ptr<RelationExtractor> extractor = [] {
    std::ifstream in(QUARRY_SOURCE_DIR "/rules/relations.rules", std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    RuleFiles files;
    files.Add("relations.rules", content.str());
    DiagnosticSink sink;
    auto loaded = RelationExtractor::Create(files, &sink);
    REQUIRE_FALSE(sink.HasErrors());
    return loaded;
  }();
  return *extractor;
}

// "rule: predicate(role: value, ...)", one per relation (RelationSummary).
std::vector<std::string> Facts(const std::vector<std::string>& sentences) {
  Document doc = BuildDoc(sentences);
  Shipped().Run(&doc);
  std::vector<std::string> out;
  for (const auto& r : doc.relations) out.push_back(r.rule + ": " + RelationSummary(r));
  return out;
}

struct Case {
  std::vector<std::string> sentences;
  std::vector<std::string> facts;
};

void RunCases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    INFO(c.sentences.back());
    CHECK(Facts(c.sentences) == c.facts);
  }
}

TEST_CASE("shipped rules: compute_deal", "[relations][predicates]") {
  RunCases({
      // Active, with a tilde qualifier inside the quantity.
      {{"[ORG Meta] secures [POWER=1.6e9 ~1.6 GW] of AI compute from developer [ORG.gpu_cloud Crusoe]."},
       {"compute_deal.takes-from: compute_deal(buyer: Meta, provider: Crusoe, capacity: ~1.6 GW)"}},
      // Ticker after the buyer, contract then purchase.
      {{"[ORG Meta] (META.US) signs a contract with [ORG Crusoe] to buy [POWER=1.6e9 1.6GW] of "
        "computing power for its AI plans."},
       {"compute_deal.contract-with-to-buy: compute_deal(buyer: Meta, provider: Crusoe, capacity: "
        "1.6GW)"}},
      // Provider named two sentences before.
      {{"People said [ORG Meta] signed contracts for capacity at two campuses run by [ORG Crusoe].",
        "[ORG Crusoe] would not comment.",
        "[ORG Meta] will acquire a total computing capacity of [POWER=1.6e9 about 1.6 gigawatts] "
        "(GW) from the two projects."},
       {"compute_deal.from-the-projects: compute_deal(buyer: Meta, provider: Crusoe, capacity: "
        "about 1.6 gigawatts)"}},
      // A money-only deal with a cloud provider.
      {{"[ORG Meta] has widened its bet on AI hardware, entering a vast [MONEY=2.1e10 $21 billion] "
        "agreement with cloud provider [ORG CoreWeave] to grow its compute."},
       {"compute_deal.agreement-with-cloud: compute_deal(buyer: Meta, provider: CoreWeave, value: "
        "$21 billion)"}},
      // Both parties from context, the provider by its tag.
      {{"[ORG Meta] is not only building.", "That is where [ORG.gpu_cloud CoreWeave] fits.",
        "[ORG.gpu_cloud CoreWeave] sells GPU time at scale.", "And [ORG Meta] is going all in.",
        "This [MONEY=2.1e10 $21B] expansion is more than a vendor deal."},
       {"compute_deal.this-deal: compute_deal(buyer: Meta, provider: CoreWeave, value: $21B)"}},
      // "Y will supply X", with the price in the same sentence.
      {{"[ORG Crusoe] will supply [ORG Meta] with [POWER=1.2e9 roughly 1.2 gigawatts] over two "
        "campuses, and the [MONEY=1.4e10 $14 billion] price tag says a lot."},
       {"compute_deal.supplies-with: compute_deal(buyer: Meta, provider: Crusoe, capacity: roughly "
        "1.2 gigawatts, value: $14 billion)"}},
      // Headline, possessive.
      {{"[ORG Microsoft]'s [POWER=2e9 2 GW] [ORG Nebius] Deal Shows a Trend"},
       {"compute_deal.possessive-headline: compute_deal(buyer: Microsoft, provider: Nebius, "
        "capacity: 2 GW)"}},
      // Headline, the provider wins.
      {{"[ORG Nebius] wins [MONEY=2.4e10 US$24 billion] [ORG Microsoft] contract"},
       {"compute_deal.wins-contract: compute_deal(buyer: Microsoft, provider: Nebius, value: US$24 "
        "billion)"}},
      // Passive.
      {{"[POWER=6e8 About 600 MW] of capacity will be supplied to [ORG OpenAI] by [ORG Oracle]."},
       {"compute_deal.supplied-to-by: compute_deal(buyer: OpenAI, provider: Oracle, capacity: About "
        "600 MW)"}},
      // Duration from a word list.
      {{"[ORG Meta] is paying [ORG Crusoe] [MONEY=1.4e10 $14 billion] for [POWER=1.2e9 1,200 "
        "megawatts] over seven years."},
       {"compute_deal.pays-for: compute_deal(buyer: Meta, provider: Crusoe, capacity: 1,200 "
        "megawatts, value: $14 billion, duration: 7 y)"}},
  });
}

TEST_CASE("shipped rules: compute_deal non-facts", "[relations][predicates]") {
  RunCases({
      {{"Why is [ORG Meta] securing so much power from [ORG Crusoe] a big deal?"}, {}},
      {{"[ORG Nvidia] will supply [ORG Microsoft] with chips."}, {}},
      // No provider anywhere before: no guess.
      {{"[ORG Meta]'s purchase of [POWER=1.6e9 about 1.6 gigawatts] of extra computing resources "
        "shows the race."},
       {}},
      // The only other company nearby is named once: not a party.
      {{"[ORG Meta] leads.", "[ORG Meta] buys.", "Elsewhere [ORG Intel] reclaimed a "
        "[MONEY=3e11 $300 billion] market capitalization.",
        "This [MONEY=2.1e10 $21 billion] commitment changes the race."},
       {"valuation.reclaimed-market-cap: valuation(org: Intel, amount: $300 billion, kind: "
        "market_cap)"}},
  });
}

TEST_CASE("shipped rules: capacity_total", "[relations][predicates]") {
  RunCases({
      // The entity stage resolved "the company's" to Crusoe; the pipeline's
      // owner comes from earlier in the sentence.
      {{"Last week, [ORG Crusoe] said that [ORG%0.7#crusoe the company]'s contracted data center "
        "capacity has reached [POWER=4.9e9 4.9 gigawatts], with an overall project pipeline "
        "exceeding [POWER=4e10 40 gigawatts]."},
       {"capacity_total.possessive-status: capacity_total(org: the company, capacity: 4.9 "
        "gigawatts, status: contracted)",
        // The nearest mention before the match is the resolved phrase.
        "capacity_total.pipeline-of: capacity_total(org: the company, capacity: 40 gigawatts, "
        "status: pipeline)"}},
      {{"[ORG CoreWeave], which has [POWER=3.3e9 3.3 GW] of contracted power, keeps building."},
       {"capacity_total.amount-of-status: capacity_total(org: CoreWeave, capacity: 3.3 GW, status: "
        "contracted)"}},
      {{"[ORG Crusoe] said it had [POWER=6.3e9 6.3 gigawatts] of capacity under contract."},
       {"capacity_total.amount-status-after: capacity_total(org: Crusoe, capacity: 6.3 gigawatts, "
        "status: contracted)"}},
      {{"[ORG Nebius] grows in Finland, where [ORG Nebius] has a site.", "The group is targeting [POWER=3e9 3 GW] of capacity by 2027."},
       {"capacity_total.targeting: capacity_total(org: Nebius, capacity: 3 GW, status: planned)"}},
      // Planned and contracted together is no status.
      {{"Including both, [ORG Meta] has added [POWER=3e9 close to 3 gigawatts] of planned and "
        "contracted capacity."},
       {}},
  });
}

TEST_CASE("shipped rules: capex_plan", "[relations][predicates]") {
  RunCases({
      {{"[ORG Meta] leads the race, and [ORG Meta] keeps building.",
        "[ORG%0.55#meta The company] has also pledged to invest [MONEY=6e10 at least $60 billion] in "
        "AI infrastructure over the next few years to defend its position."},
       {"capex_plan.plans-to-invest: capex_plan(org: The company, amount: at least $60 billion, "
        "period: next few years)"}},
      // The same sentence when the entity stage did not resolve "The company".
      {{"[ORG Meta] leads the race, and [ORG Meta] keeps building.",
        "The company has also pledged to invest [MONEY=6e10 at least $60 billion] in AI "
        "infrastructure over the next few years to defend its position."},
       {"capex_plan.pronoun-plans-to-invest: capex_plan(org: Meta, amount: at least $60 billion, "
        "period: next few years)"}},
      {{"[ORG Oracle] lifts its fiscal 2027 capex forecast to [MONEY=5e10 about $50 billion]."},
       {"capex_plan.lifts-forecast: capex_plan(org: Oracle, amount: about $50 billion, period: "
        "FY2027)"}},
      {{"[ORG Nebius] said it would invest [MONEY=3.5e9 about €3.5 billion] in 2026-27, mostly in "
        "power."},
       {"capex_plan.plans-to-invest: capex_plan(org: Nebius, amount: about €3.5 billion, period: "
        "2026-2027)"}},
      {{"[ORG Meta] expects 2027 capital spending of [MONEY=1.25e11 between $125 billion and $145 "
        "billion]."},
       {"capex_plan.expects-capex-of: capex_plan(org: Meta, amount: between $125 billion and $145 "
        "billion, period: 2027)"}},
      // Past spending and investments in a company are not plans.
      {{"[ORG Alphabet] spent [MONEY=9.1e10 about $91 billion] in 2025."}, {}},
      {{"[ORG SoftBank] will invest a further [MONEY=1e10 $10 billion] in [ORG OpenAI]."},
       {"investment.invests-in: investment(investor: SoftBank, target: OpenAI, amount: $10 "
        "billion)"}},
  });
}

TEST_CASE("shipped rules: facility", "[relations][predicates]") {
  RunCases({
      {{"Today, [ORG Meta]'s largest AI infrastructure project is a [AREA=1.6e7 nearly 4,000-acre] "
        "data center campus in [PLACE Louisiana], expected to provide [POWER=5e9 up to 5 "
        "gigawatts] of computing capacity later."},
       {"facility.project-is-campus: facility(operator: Meta, location: Louisiana, capacity: up to "
        "5 gigawatts, area: nearly 4,000-acre)"}},
      {{"[ORG Meta] will build a [POWER=1.5e9 1.5-gigawatt] data center campus on a "
        "[AREA=8.5e6 2,100-acre] site near [PLACE Blytheville], [PLACE Arkansas]."},
       {"facility.builds-capacity-site: facility(operator: Meta, location: Blytheville, capacity: "
        "1.5-gigawatt, area: 2,100-acre)"}},
      {{"[ORG Meta] picks [PLACE Blytheville], [PLACE Arkansas] for [POWER=1.5e9 1.5-gigawatt] AI "
        "campus"},
       {"facility.picks-place-for: facility(operator: Meta, location: Blytheville, capacity: "
        "1.5-gigawatt)"}},
      {{"[ORG Crusoe] is developing a [AREA=4.9e6 1,200-acre] campus near [PLACE Cheyenne] that is "
        "designed for [POWER=1.8e9 up to 1.8 GW] once complete."},
       {"facility.develops-area-site: facility(operator: Crusoe, location: Cheyenne, capacity: up "
        "to 1.8 GW, area: 1,200-acre)"}},
  });
}

TEST_CASE("shipped rules: person_move", "[relations][predicates]") {
  RunCases({
      {{"Transformer pioneer [PERSON Ashish Vaswani] leaves [ORG Google] for [ORG OpenAI]."},
       {"person_move.leaves-for: person_move(person: Ashish Vaswani, from: Google, to: OpenAI)"}},
      {{"The move of [PERSON Ashish Vaswani], a founding figure, from [ORG Google] to [ORG OpenAI] "
        "is symbolic."},
       {"person_move.migration-of: person_move(person: Ashish Vaswani, from: Google, to: OpenAI)"}},
      {{"[ORG Anthropic] hires [ORG Google]'s [PERSON Priya Raman] as head of compute"},
       {"person_move.hires-from: person_move(person: Priya Raman, from: Google, to: Anthropic, "
        "role: head of compute)"}},
      {{"[ORG Google]'s planner [PERSON Priya Raman] defects to [ORG Anthropic]"},
       {"person_move.possessive-defects-to: person_move(person: Priya Raman, from: Google, to: "
        "Anthropic)"}},
      // A question about someone leaving names no person.
      {{"Is the \"Transformer father\" leaving [ORG Google] for [ORG OpenAI] significant?"}, {}},
  });
}

TEST_CASE("shipped rules: valuation, investment, funding_round, acquisition, partnership",
          "[relations][predicates]") {
  RunCases({
      {{"[ORG Intel] recently reclaimed a [MONEY=3e11 $300 billion] market capitalization."},
       {"valuation.reclaimed-market-cap: valuation(org: Intel, amount: $300 billion, kind: "
        "market_cap)"}},
      {{"The transaction values [ORG OpenAI] at [MONEY=6.2e11 $620 billion], people said."},
       {"valuation.deal-values-at: valuation(org: OpenAI, amount: $620 billion, kind: private)"}},
      {{"[ORG Amazon] commits another [MONEY=5e9 $5 billion] to [ORG Anthropic]"},
       {"investment.invests-in: investment(investor: Amazon, target: Anthropic, amount: $5 "
        "billion)"}},
      {{"[ORG OpenAI] gets another [MONEY=1e10 $10bn] from [ORG SoftBank]."},
       {"investment.gets-from: investment(investor: SoftBank, target: OpenAI, amount: $10bn)"}},
      {{"[ORG Crusoe] said it had raised [MONEY=2.5e9 $2.5 billion] in a Series F funding round led "
        "by [ORG Founders Fund], valuing [ORG#crusoe the company] at [MONEY=1.7e10 $17 billion]."},
       {"funding_round.raised-round: funding_round(company: Crusoe, amount: $2.5 billion, "
        "valuation: $17 billion, lead: Founders Fund)"}},
      {{"[ORG Founders Fund] led a [MONEY=2.5e9 $2.5bn] Series F for [ORG Crusoe] at a "
        "[MONEY=1.7e10 US$17bn] post-money valuation."},
       {"funding_round.led-for: funding_round(company: Crusoe, amount: $2.5bn, valuation: US$17bn, "
        "lead: Founders Fund)"}},
      {{"[ORG Blackstone] buys [ORG Caprock Data Holdings] for [MONEY=6.2e9 $6.2bn]."},
       {"acquisition.buys-for: acquisition(acquirer: Blackstone, target: Caprock Data Holdings, "
        "price: $6.2bn)"}},
      {{"[ORG Redbud] is being acquired by [ORG CoreWeave] for [MONEY=1.1e9 roughly $1.1bn]."},
       {"acquisition.acquired-by: acquisition(acquirer: CoreWeave, target: Redbud, price: roughly "
        "$1.1bn)"}},
      // Parties of a partnership in canonical order, whatever the phrasing.
      {{"[ORG Entergy] and [ORG Meta] have formed a partnership under which the utility builds."},
       {"partnership.formed: partnership(party_a: Entergy, party_b: Meta)"}},
      {{"[ORG Meta] has teamed up with [ORG Entergy], the local utility, to power the site."},
       {"partnership.teams-up-with: partnership(party_a: Entergy, party_b: Meta, topic: power "
        "supply)"}},
      // Cruft-shaped headline: an IPO target is none of our facts.
      {{"Dormitory operator [ORG Lumora] (LMRA.US) lifts its target to a [MONEY=3.1e7 $31 million] "
        "IPO at [PRICE=5 $4-6] per share."},
       {}},
  });
}

}  // namespace
}  // namespace quarry
