// Tests ResolveOverlaps (src/relations/overlap.cc): the one overlap policy.
#include "relations/overlap.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace quarry {
namespace {

// 'G' gazetteer entity, 'D' discovered entity, 'Q' quantity.
struct M {
  char kind;
  uint32_t begin, end;
  int priority;
  std::string label;
};

void Split(const std::vector<M>& ms, std::vector<EntityMention>* entities,
           std::vector<Quantity>* quantities) {
  for (const auto& m : ms) {
    if (m.kind == 'Q') {
      Quantity q;
      q.dimension = "power";
      q.text = m.label;
      q.span = {m.begin, m.end};
      quantities->push_back(q);
    } else {
      EntityMention e;
      e.id = m.label;
      e.entity_class = "ORG";
      e.discovered = m.kind == 'D';
      e.priority = m.priority;
      e.text = m.label;
      e.span = {m.begin, m.end};
      entities->push_back(e);
    }
  }
}

// The labels kept, entities then quantities, each in span order.
std::vector<std::string> Kept(const std::vector<M>& ms) {
  std::vector<EntityMention> entities;
  std::vector<Quantity> quantities;
  Split(ms, &entities, &quantities);
  ResolveOverlaps(&entities, &quantities);
  std::vector<std::string> out;
  for (const auto& e : entities) out.push_back(e.text);
  for (const auto& q : quantities) out.push_back(q.text);
  return out;
}

struct Case {
  const char* name;
  std::vector<M> mentions;
  std::vector<std::string> kept;
};

TEST_CASE("overlap: the policy, case by case", "[relations][overlap]") {
  const std::vector<Case> cases = {
      {"longer span wins over tier", {{'D', 0, 12, 0, "long"}, {'G', 0, 10, 9, "short"}}, {"long"}},
      {"longer quantity beats shorter gazetteer entity",
       {{'G', 0, 4, 0, "Meta"}, {'Q', 0, 6, 0, "Meta 2"}}, {"Meta 2"}},
      {"equal length: gazetteer entity over quantity",
       {{'Q', 0, 5, 0, "q"}, {'G', 0, 5, 0, "g"}}, {"g"}},
      {"equal length: quantity over discovered entity",
       {{'D', 3, 8, 0, "d"}, {'Q', 3, 8, 0, "q"}}, {"q"}},
      {"equal length, both gazetteer: higher priority",
       {{'G', 0, 6, 1, "low"}, {'G', 2, 8, 5, "high"}}, {"high"}},
      {"discovered priority is ignored",
       {{'D', 0, 6, 99, "d"}, {'Q', 2, 8, 0, "q"}}, {"q"}},
      {"equal everything else: earlier start", {{'G', 4, 8, 0, "later"}, {'G', 2, 6, 0, "earlier"}},
       {"earlier"}},
      {"chain where the middle is best keeps it alone",
       {{'G', 0, 5, 0, "a"}, {'G', 3, 12, 0, "b"}, {'G', 10, 15, 0, "c"}}, {"b"}},
      {"chain where an end is best keeps both ends",
       {{'G', 0, 9, 0, "a"}, {'G', 7, 12, 0, "b"}, {'G', 11, 16, 0, "c"}}, {"a", "c"}},
      {"touching spans do not overlap", {{'G', 0, 4, 0, "a"}, {'Q', 4, 9, 0, "q"}}, {"a", "q"}},
      {"empty span is dropped", {{'G', 5, 5, 0, "empty"}, {'Q', 0, 9, 0, "q"}}, {"q"}},
      {"identical duplicates keep one", {{'G', 0, 4, 0, "x"}, {'G', 0, 4, 0, "x"}}, {"x"}},
      {"no overlap keeps all, sorted",
       {{'Q', 20, 25, 0, "q2"}, {'G', 10, 14, 0, "g"}, {'Q', 0, 3, 0, "q1"}}, {"g", "q1", "q2"}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(Kept(c.mentions) == c.kept);
  }
}

TEST_CASE("overlap: result does not depend on input order", "[relations][overlap]") {
  std::vector<M> ms = {{'G', 0, 5, 2, "a"},  {'Q', 0, 5, 0, "qa"}, {'D', 3, 9, 0, "d"},
                       {'G', 8, 14, 1, "b"}, {'G', 8, 14, 3, "b2"}, {'Q', 13, 20, 0, "q"},
                       {'D', 20, 22, 0, "e"}, {'G', 21, 26, 0, "f"}};
  std::vector<std::string> first = Kept(ms);
  // q (7 bytes) wins first and knocks out b and b2; d (6) then beats a and qa.
  CHECK(first == std::vector<std::string>{"d", "f", "q"});
  std::sort(ms.begin(), ms.end(), [](const M& x, const M& y) { return x.label < y.label; });
  int permutations = 0;
  do {
    REQUIRE(Kept(ms) == first);
  } while (std::next_permutation(ms.begin(), ms.end(),
                                 [](const M& x, const M& y) { return x.label < y.label; }) &&
           ++permutations < 2000);
}

TEST_CASE("overlap: counts what it drops", "[relations][overlap]") {
  std::vector<EntityMention> entities;
  std::vector<Quantity> quantities;
  Split({{'G', 0, 5, 0, "a"}, {'Q', 2, 4, 0, "q"}, {'D', 4, 8, 0, "d"}, {'Q', 10, 12, 0, "r"}},
        &entities, &quantities);
  OverlapResult result = ResolveOverlaps(&entities, &quantities);
  CHECK(result.entities_dropped == 1);
  CHECK(result.quantities_dropped == 1);
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].text == "a");
  REQUIRE(quantities.size() == 1);
  CHECK(quantities[0].text == "r");
}

TEST_CASE("overlap: a page with 300k mentions resolves in n log n", "[relations][overlap]") {
  // Found by tests/pipeline/adversarial_test.cc: a 2 MB line of names and
  // amounts spent most of its time shifting a sorted vector. Here every
  // quantity [10i+2, 10i+8) is longer than the entity [10i, 10i+4) it
  // overlaps, and the discovered entity [10i+8, 10i+10) touches neither.
  constexpr uint32_t kN = 100000;
  std::vector<EntityMention> entities;
  std::vector<Quantity> quantities;
  for (uint32_t i = 0; i < kN; ++i) {
    EntityMention e;
    e.id = "g";
    e.span = {10 * i, 10 * i + 4};
    entities.push_back(e);
    e.discovered = true;
    e.span = {10 * i + 8, 10 * i + 10};
    entities.push_back(e);
    Quantity q;
    q.span = {10 * i + 2, 10 * i + 8};
    quantities.push_back(q);
  }
  auto start = std::chrono::steady_clock::now();
  OverlapResult result = ResolveOverlaps(&entities, &quantities);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 60.0);  // Even under ASan; the vector version took minutes in Release.
  CHECK(result.entities_dropped == static_cast<int>(kN));
  CHECK(result.quantities_dropped == 0);
  REQUIRE(entities.size() == kN);
  REQUIRE(quantities.size() == kN);
  for (uint32_t i = 0; i < kN; ++i) {
    REQUIRE(entities[i].span == Span{10 * i + 8, 10 * i + 10});
    REQUIRE(quantities[i].span == Span{10 * i + 2, 10 * i + 8});
  }
}

}  // namespace
}  // namespace quarry
