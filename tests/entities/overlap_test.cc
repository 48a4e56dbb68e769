// Tests src/entities/overlap.cc: the one overlap policy (longest, then
// priority, then earliest), independent of the order candidates come in.
#include "entities/overlap.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "entity_test_util.h"

namespace quarry {
namespace {

EntityMention Candidate(std::string id, uint32_t begin, uint32_t end, int priority) {
  EntityMention m;
  m.id = std::move(id);
  m.rule = m.id;
  m.span = {begin, end};
  m.priority = priority;
  return m;
}

std::vector<std::string> Ids(const std::vector<EntityMention>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.id);
  return out;
}

TEST_CASE("overlap: longest, then priority, then earliest", "[overlap]") {
  struct Case {
    std::string name;
    std::vector<EntityMention> candidates;
    std::vector<std::string> kept;
  };
  const std::vector<Case> cases = {
      {"the longer span wins over a higher priority",
       {Candidate("short", 0, 4, 100), Candidate("long", 0, 13, 0)},
       {"long"}},
      {"equal length: the higher priority wins",
       {Candidate("a", 0, 10, 0), Candidate("b", 5, 15, 3)},
       {"b"}},
      {"equal length and priority: the earlier start wins",
       {Candidate("later", 5, 15, 0), Candidate("earlier", 0, 10, 0)},
       {"earlier"}},
      {"same span, same priority: the smaller id, never the first found",
       {Candidate("zeta", 0, 4, 0), Candidate("alpha", 0, 4, 0)},
       {"alpha"}},
      {"non-overlapping candidates all stay, sorted by span",
       {Candidate("c", 20, 25, 0), Candidate("a", 0, 4, 0), Candidate("b", 5, 9, 0)},
       {"a", "b", "c"}},
      {"touching spans do not overlap",
       {Candidate("a", 0, 4, 0), Candidate("b", 4, 8, 0)},
       {"a", "b"}},
      {"a loser frees room for others",
       {Candidate("mid", 3, 12, 0), Candidate("left", 0, 4, 0), Candidate("right", 11, 15, 0),
        Candidate("longest", 2, 13, -5)},
       {"longest"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    // Every order of the same candidates gives the same answer.
    std::vector<size_t> order(c.candidates.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    do {
      std::vector<EntityMention> shuffled;
      for (size_t i : order) shuffled.push_back(c.candidates[i]);
      CHECK(Ids(SelectNonOverlapping(shuffled)) == c.kept);
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

TEST_CASE("overlap: fixed mentions block candidates", "[overlap]") {
  std::vector<EntityMention> fixed = {Candidate("fixed", 10, 20, 0)};
  auto kept = SelectNonOverlapping({Candidate("inside", 12, 15, 50), Candidate("across", 18, 30, 0),
                                    Candidate("before", 0, 10, 0), Candidate("after", 20, 22, 0)},
                                   fixed);
  CHECK(Ids(kept) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("overlap: priorities of the stage order its sources", "[overlap]") {
  CHECK(0 > kDiscoveredPriority);
  CHECK(kDiscoveredPriority > kRepeatPriority);
  CHECK(kRepeatPriority > kCorefPriority);
}

TEST_CASE("overlap: gazetteer against discovered names, end to end", "[overlap]") {
  DiagnosticSink sink;
  auto recognizer = testing::RecognizerWith(
      "[acme] ORG \"Acme\"\n[acme_robotics] ORG \"Acme Robotics\"\n"
      "[alpha_beta] ORG \"Alpha Beta\"\n[beta_gamma] ORG \"Beta Gamma\"\n"
      "[delta_echo] ORG \"Delta Echo\"\n[echo_foxes] ORG \"Echo Foxes\"\npriority: 5\n",
      nullptr, &sink);
  REQUIRE(recognizer != nullptr);
  const auto found = [&](const std::string& text) { return testing::FoundIn(*recognizer, text); };
  CHECK(found("Lenders backed Acme Robotics today.") ==
        std::vector<std::string>{"Acme Robotics=acme_robotics"});
  CHECK(found("We saw Alpha Beta Gamma.") == std::vector<std::string>{"Alpha Beta=alpha_beta"});
  // Equal lengths: the higher priority, though it starts later.
  CHECK(found("We saw Delta Echo Foxes.") == std::vector<std::string>{"Echo Foxes=echo_foxes"});
  // A company-shaped name around a known one is that entry, over the longer
  // span of its legal name; the unknown word before it is left out.
  CHECK(found("Lenders backed Zorblax Acme Robotics Inc. today.") ==
        std::vector<std::string>{"Acme Robotics Inc.=acme_robotics"});
}

}  // namespace
}  // namespace quarry
