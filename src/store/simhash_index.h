// Part of stage 5, store: the near-duplicate search over stored articles.
//
// In:  the SimHash and id of every stored article (Add, Remove).
// Out: the ids of those within kNearDuplicateBits of a SimHash (Near).
//
// The store kept this search in SQL, one index probe per candidate band
// value; SimHashes of articles that share much text are far from uniform
// (on a generated corpus one 16-bit band value held 1,500 of 50,000
// articles), so each new article read thousands of index rows, more with
// every article stored. Here a candidate costs a compare in memory. The
// store fills it from its band index on first use and keeps it in step with
// its writes; 32 bytes an article.
#ifndef QUARRY_STORE_SIMHASH_INDEX_H_
#define QUARRY_STORE_SIMHASH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace quarry {

class SimHashIndex {
 public:
  // Four 16-bit bands. Two hashes within kNearDuplicateBits (< 8) differing
  // bits have a band that differs in at most one bit (four bands of two or
  // more would make eight), so candidates are the entries whose band equals
  // one of the 17 values at distance <= 1 of ours, in one of the four bands.
  static constexpr int kBands = 4;
  static constexpr int kBandBits = 16;
  static int64_t Band(uint64_t hash, int band) {
    return static_cast<int64_t>((hash >> (kBandBits * band)) & ((1u << kBandBits) - 1));
  }

  void Add(int64_t id, uint64_t hash);
  // Forgets article `id` stored with `hash` (nothing when it is not there).
  void Remove(int64_t id, uint64_t hash);
  // Ids of the entries within `max_bits` (< 8) differing bits of `hash`,
  // other than `self`, in increasing order.
  std::vector<int64_t> Near(uint64_t hash, int max_bits, int64_t self) const;
  size_t size() const { return live_; }

 private:
  struct Entry {
    uint64_t hash;
    int64_t id;  // 0: removed.
  };
  static uint32_t Key(uint64_t hash, int band) {
    return static_cast<uint32_t>(band) << kBandBits | static_cast<uint32_t>(Band(hash, band));
  }
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;  // Slots of removed entries, for reuse.
  // Band key (band number, band value) -> slots in entries_.
  std::unordered_map<uint32_t, std::vector<uint32_t>> buckets_;
  size_t live_ = 0;
};

}  // namespace quarry

#endif  // QUARRY_STORE_SIMHASH_INDEX_H_
