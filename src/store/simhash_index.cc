// Exports SimHashIndex (see simhash_index.h).
#include "store/simhash_index.h"

#include <algorithm>
#include <bit>

namespace quarry {

void SimHashIndex::Add(int64_t id, uint64_t hash) {
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    entries_[slot] = {hash, id};
  } else {
    slot = static_cast<uint32_t>(entries_.size());
    entries_.push_back({hash, id});
  }
  for (int b = 0; b < kBands; ++b) buckets_[Key(hash, b)].push_back(slot);
  ++live_;
}

void SimHashIndex::Remove(int64_t id, uint64_t hash) {
  auto first = buckets_.find(Key(hash, 0));
  if (first == buckets_.end()) return;
  auto slot = std::find_if(first->second.begin(), first->second.end(),
                           [&](uint32_t s) { return entries_[s].id == id; });
  if (slot == first->second.end()) return;
  const uint32_t removed = *slot;
  for (int b = 0; b < kBands; ++b) {
    std::vector<uint32_t>& bucket = buckets_[Key(hash, b)];
    bucket.erase(std::find(bucket.begin(), bucket.end(), removed));
  }
  entries_[removed] = {0, 0};
  free_.push_back(removed);
  --live_;
}

std::vector<int64_t> SimHashIndex::Near(uint64_t hash, int max_bits, int64_t self) const {
  std::vector<int64_t> ids;
  for (int b = 0; b < kBands; ++b) {
    const uint32_t key = Key(hash, b);
    for (int bit = -1; bit < kBandBits; ++bit) {
      auto bucket = buckets_.find(bit < 0 ? key : key ^ (uint32_t{1} << bit));
      if (bucket == buckets_.end()) continue;
      for (uint32_t slot : bucket->second) {
        const Entry& e = entries_[slot];
        if (e.id != self && std::popcount(e.hash ^ hash) <= max_bits) ids.push_back(e.id);
      }
    }
  }
  // A neighbor within max_bits can match in several bands.
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace quarry
