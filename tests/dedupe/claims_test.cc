// Tests of the dedupe stage: fact keys, value tolerance, claims, SimHash.
#include <catch2/catch.hpp>

#include <bit>

#include "dedupe/claims.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

EntityMention Org(std::string id, std::string name) {
  EntityMention e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.entity_class = "ORG";
  return e;
}

RelationArgument EntityArg(std::string role, EntityMention e) {
  RelationArgument a;
  a.role = std::move(role);
  a.kind = RelationArgument::Kind::kEntity;
  a.entity = std::move(e);
  return a;
}

RelationArgument PowerArg(std::string role, double watts, Qualifier q = Qualifier::kExact) {
  RelationArgument a;
  a.role = std::move(role);
  a.kind = RelationArgument::Kind::kQuantity;
  a.quantity.dimension = "power";
  a.quantity.unit = "W";
  a.quantity.value = watts;
  a.quantity.qualifier = q;
  return a;
}

RelationArgument Literal(std::string role, std::string value) {
  RelationArgument a;
  a.role = std::move(role);
  a.kind = RelationArgument::Kind::kLiteral;
  a.literal = std::move(value);
  return a;
}

RelationMention Deal(std::vector<RelationArgument> args, Span span = {0, 10}) {
  RelationMention r;
  r.predicate = "compute_deal";
  r.rule = "deal.test";
  r.args = std::move(args);
  r.sentence = {0, 20};
  r.span = span;
  return r;
}

Json Power(double v) { return Json{{"dimension", "power"}, {"value", v}, {"unit", "W"}}; }

}  // namespace

TEST_CASE("fact keys use entity ids and identity literals", "[dedupe]") {
  auto meta = Org("meta", "Meta Platforms");
  auto crusoe = Org("crusoe", "Crusoe");
  CHECK(FactKeyOf(Deal({EntityArg("buyer", meta), EntityArg("provider", crusoe),
                        PowerArg("capacity", 1.6e9)})) ==
        "compute_deal|buyer=meta|provider=crusoe");

  RelationMention total;
  total.predicate = "capacity_total";
  total.args = {EntityArg("org", crusoe), PowerArg("capacity", 4.9e9), Literal("status", "contracted")};
  CHECK(FactKeyOf(total) == "capacity_total|org=crusoe|status=contracted");

  RelationMention round;
  round.predicate = "funding_round";
  round.args = {EntityArg("company", crusoe), EntityArg("lead", Org("founders_fund", "Founders Fund"))};
  CHECK(FactKeyOf(round) == "funding_round|company=crusoe");  // The lead is a claim, not the fact.

  RelationMention a, b;
  a.predicate = b.predicate = "partnership";
  a.args = {EntityArg("party_a", meta), EntityArg("party_b", crusoe)};
  b.args = {EntityArg("party_a", crusoe), EntityArg("party_b", meta)};
  CHECK(FactKeyOf(a) == FactKeyOf(b));  // Symmetric: order of parties does not matter.
}

TEST_CASE("quantity values agree within tolerance", "[dedupe]") {
  struct Case {
    Json a, b;
    bool same;
  } cases[] = {
      {Power(1.6e9), Power(1600e6), true},
      {Power(1.6e9), Power(1.62e9), true},
      {Power(1.6e9), Power(2e9), false},
      {Power(1.8e9), Power(2e9), false},
      {Power(1.6e9), Json{{"dimension", "money"}, {"value", 1.6e9}, {"unit", "USD"}}, false},
      {Json{{"dimension", "money"}, {"low", 4}, {"high", 6}, {"unit", "USD"}},
       Json{{"dimension", "money"}, {"low", 4}, {"high", 6}, {"unit", "USD"}}, true},
      {Json{{"dimension", "money"}, {"low", 4}, {"high", 6}, {"unit", "USD"}},
       Json{{"dimension", "money"}, {"value", 6}, {"unit", "USD"}}, false},
      {Json{{"dimension", "money"}, {"value", 21e9}, {"unit", "USD"}},
       Json{{"dimension", "money"}, {"value", 21e9}, {"unit", "EUR"}}, false},
  };
  for (const auto& c : cases) {
    INFO(c.a.dump() << " vs " << c.b.dump());
    CHECK(SameQuantityValue(c.a, c.b) == c.same);
    CHECK(SameQuantityValue(c.b, c.a) == c.same);
  }
}

TEST_CASE("claims with fewer roles are compatible with fuller ones", "[dedupe]") {
  std::map<std::string, Json> full = {{"buyer", {{"id", "meta"}, {"name", "Meta"}}},
                                      {"capacity", Power(1.6e9)}};
  std::map<std::string, Json> partial = {{"buyer", {{"id", "meta"}, {"name", "Meta"}}}};
  std::map<std::string, Json> other = {{"capacity", Power(2e9)}};
  CHECK(Compatible(full, partial));
  CHECK(Compatible(partial, full));
  CHECK_FALSE(Compatible(full, other));
  MergeArgs(&partial, full);
  CHECK(partial.size() == 2);
}

TEST_CASE("claims compare the same through their ArgValues as through their JSON", "[dedupe]") {
  const Json meta = {{"id", "meta"}, {"name", "Meta"}, {"class", "ORG"}};
  const Json meta_other_name = {{"id", "meta"}, {"name", "Meta Platforms"}, {"class", "ORG"}};
  const Json crusoe = {{"id", "crusoe"}, {"name", "Crusoe"}, {"class", "ORG"}};
  const Json range = {{"dimension", "money"}, {"low", 4e9}, {"high", 6e9}, {"unit", "USD"}};
  const Json at_least = {{"dimension", "money"}, {"low", 4e9}, {"unit", "USD"}};
  const Json per_year = {{"dimension", "money"}, {"value", 4e9}, {"unit", "USD"}, {"per", "year"}};
  const Json money = {{"dimension", "money"}, {"value", 4e9}, {"unit", "USD"}};
  const Json counted = {{"dimension", "count"}, {"value", 1e5}, {"unit", ""}, {"counted", "GPUs"}};
  const std::vector<std::map<std::string, Json>> claims = {
      {},
      {{"buyer", meta}},
      {{"buyer", meta_other_name}, {"capacity", Power(1.6e9)}},
      {{"buyer", crusoe}, {"capacity", Power(1.61e9)}},
      {{"capacity", Power(2e9)}},
      {{"capacity", Power(1.6e9)}, {"value", range}},
      {{"value", at_least}},
      {{"value", range}, {"status", "contracted"}},
      {{"value", money}, {"status", "planned"}},
      {{"value", per_year}, {"units", counted}},
      {{"units", counted}, {"buyer", "meta"}},
  };
  for (const auto& a : claims) {
    for (const auto& b : claims) {
      INFO(Json(a).dump() << " vs " << Json(b).dump());
      CHECK(Compatible(ValuesOf(a), ValuesOf(b)) == Compatible(a, b));
    }
  }
  CHECK(Compatible(ValuesOf(claims[1]), ValuesOf(claims[2])));
  CHECK_FALSE(Compatible(ValuesOf(claims[2]), ValuesOf(claims[3])));
  CHECK_FALSE(Compatible(ValuesOf(claims[5]), ValuesOf(claims[6])));
}

TEST_CASE("one article stating a claim twice gives one claim with two sources", "[dedupe]") {
  Document doc;
  doc.text = std::string(40, 'x');
  doc.raw_offsets.resize(41);
  for (uint32_t i = 0; i <= 40; ++i) doc.raw_offsets[i] = i + 3;
  auto meta = Org("meta", "Meta Platforms");
  auto crusoe = Org("crusoe", "Crusoe");
  doc.relations = {
      Deal({EntityArg("buyer", meta), EntityArg("provider", crusoe)}, {0, 5}),
      Deal({EntityArg("buyer", meta), EntityArg("provider", crusoe),
            PowerArg("capacity", 1.6e9, Qualifier::kApprox)}, {10, 15}),
      Deal({EntityArg("buyer", meta), EntityArg("provider", crusoe), PowerArg("capacity", 2e9)},
           {20, 25}),
  };
  auto claims = BuildClaims(doc);
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].sources.size() == 2);
  CHECK(claims[0].args.count("capacity") == 1);
  CHECK(claims[0].args["capacity"]["qualifier"] == "approx");
  CHECK(claims[0].sources[1].raw_span == Span{13, 18});
  CHECK(claims[1].sources.size() == 1);
  CHECK(claims[1].fact_key == claims[0].fact_key);  // A conflict within one fact.
}

// A deterministic article of `words` words, like a 2-8 KB news story.
std::string Article(int words, uint32_t seed) {
  static const char* kVocabulary[] = {
      "meta", "crusoe", "gigawatts", "capacity", "data", "center", "campus", "texas", "deal",
      "compute", "signed", "agreement", "billion", "power", "grid", "training", "inference",
      "cloud", "provider", "oracle", "nvidia", "chips", "investment", "the", "a", "of", "and",
      "to", "in", "with", "for", "said", "company", "sources", "expected", "years", "market"};
  std::string text;
  for (int i = 0; i < words; ++i) {
    seed = seed * 1664525u + 1013904223u;
    text += kVocabulary[(seed >> 16) % std::size(kVocabulary)];
    text += (i % 17 == 16) ? ". " : " ";
  }
  return text;
}

TEST_CASE("simhash: copies are near, different texts are far", "[dedupe]") {
  std::string body = Article(600, 7);
  std::string copy = "Skip to content. " + body + " Share this post on.";
  std::string edited = body;
  edited.replace(edited.find("meta"), 4, "facebook");
  std::string other = Article(600, 8);
  CHECK(std::popcount(SimHash(body) ^ SimHash(copy)) <= kNearDuplicateBits);
  CHECK(std::popcount(SimHash(body) ^ SimHash(edited)) <= kNearDuplicateBits);
  CHECK(std::popcount(SimHash(body) ^ SimHash(other)) > 10);
  CHECK(SimHash("") == 0);
}

}  // namespace quarry
