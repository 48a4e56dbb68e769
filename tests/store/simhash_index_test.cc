// SimHashIndex against a brute-force search over the same hashes.
#include "store/simhash_index.h"

#include <bit>
#include <map>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

namespace quarry {
namespace {

std::vector<int64_t> BruteForce(const std::map<int64_t, uint64_t>& stored, uint64_t hash,
                                int max_bits, int64_t self) {
  std::vector<int64_t> ids;
  for (const auto& [id, h] : stored)
    if (id != self && std::popcount(h ^ hash) <= max_bits) ids.push_back(id);
  return ids;
}

// A hash `bits` bits away from `hash`: that many of its 0 bits, at random, set.
uint64_t Flip(uint64_t hash, int bits, std::mt19937_64& rng) {
  while (bits > 0) {
    uint64_t bit = uint64_t{1} << (rng() % 64);
    if (bit & hash) continue;
    hash |= bit;
    --bits;
  }
  return hash;
}

}  // namespace

TEST_CASE("SimHashIndex finds exactly the hashes within the distance", "[store][simhash]") {
  std::mt19937_64 rng(6);
  SimHashIndex index;
  std::map<int64_t, uint64_t> stored;
  // Clusters of near hashes, as near-duplicate articles make, plus noise;
  // some clusters share whole bands, as articles sharing much text do.
  std::vector<uint64_t> centers;
  for (int i = 0; i < 40; ++i) centers.push_back(i % 4 == 0 ? rng() & 0xFFFF : rng());
  int64_t next_id = 1;
  for (int i = 0; i < 3000; ++i) {
    uint64_t center = centers[rng() % centers.size()];
    uint64_t hash = i % 5 == 0 ? rng() : Flip(center, static_cast<int>(rng() % 12), rng);
    index.Add(next_id, hash);
    stored[next_id++] = hash;
  }
  // Removals free slots that later additions reuse.
  for (int i = 0; i < 500; ++i) {
    auto it = stored.begin();
    std::advance(it, static_cast<long>(rng() % stored.size()));
    index.Remove(it->first, it->second);
    stored.erase(it);
  }
  for (int i = 0; i < 300; ++i) {
    uint64_t hash = Flip(centers[rng() % centers.size()], static_cast<int>(rng() % 8), rng);
    index.Add(next_id, hash);
    stored[next_id++] = hash;
  }
  index.Remove(999999, 42);  // Not stored: nothing happens.
  REQUIRE(index.size() == stored.size());

  int found = 0;
  for (int i = 0; i < 400; ++i) {
    uint64_t query = i % 2 ? Flip(centers[rng() % centers.size()], static_cast<int>(rng() % 9), rng)
                           : std::next(stored.begin(), static_cast<long>(rng() % stored.size()))->second;
    for (int max_bits : {0, 3, 6, 7}) {
      int64_t self = i % 3 == 0 ? std::next(stored.begin(), static_cast<long>(i % stored.size()))->first : 0;
      std::vector<int64_t> expected = BruteForce(stored, query, max_bits, self);
      CHECK(index.Near(query, max_bits, self) == expected);
      found += static_cast<int>(expected.size());
    }
  }
  CHECK(found > 1000);  // The queries did meet neighbors.
}

}  // namespace quarry
