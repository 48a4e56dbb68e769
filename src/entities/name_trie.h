// A trie over folded name tokens: the automaton that lets the gazetteer find
// every alias in one left-to-right walk, whatever the number of entries.
//
// Edges are keyed by (parent node, hash of the token's folded form, whether
// blanks precede the token) in one open-addressing table, so a step costs one
// probe and the cost per text byte does not grow with the gazetteer. A bit
// filter over the first tokens of all keys rejects most text tokens before
// any probe. Hashes can collide in theory, so callers confirm a hit against
// the folded forms they stored (see Gazetteer).
#ifndef QUARRY_ENTITIES_NAME_TRIE_H_
#define QUARRY_ENTITIES_NAME_TRIE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "entities/name_tokens.h"

namespace quarry {

class NameTrie {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = UINT32_MAX;

  NameTrie();

  // Adds the key made of all tokens of `key` and returns its end node. Keys
  // that differ only in case or marks share a node. An empty key returns kNone.
  uint32_t Insert(const NameTokens& key);

  // The node reached from the root by tokens [begin, end) of `text`, or kNone.
  uint32_t Walk(const NameTokens& text, size_t begin, size_t end) const;

  struct Hit {
    uint32_t first_token = 0;  // Tokens [first_token, end_token) of the text.
    uint32_t end_token = 0;
    uint32_t node = 0;         // A node that some key ends at.
  };
  // Every occurrence of every key in `text` (all lengths, all starts), in
  // order of start then length. A key never continues across a line break.
  void FindAll(const NameTokens& text, std::vector<Hit>* hits) const;

  size_t node_count() const { return terminal_.size(); }

 private:
  struct Slot {
    uint64_t token_hash = 0;
    uint32_t parent_and_space = 0;  // parent << 1 | space bit; kEmpty when free.
    uint32_t child = 0;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;

  uint32_t Child(uint32_t parent, bool space, uint64_t token_hash) const;
  uint32_t AddChild(uint32_t parent, bool space, uint64_t token_hash);
  void Grow();
  bool MayStart(uint64_t token_hash) const {
    uint64_t bit = (token_hash >> 20) & start_filter_mask_;
    return (start_filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  void RebuildStartFilter();

  // The slot table, allocated on 2 MiB boundaries once it is that large and
  // marked for transparent huge pages: a 100,000-entry gazetteer has a table
  // of tens of MiB, and random probes would otherwise miss the TLB each time.
  struct FreeDeleter {
    void operator()(Slot* p) const;
  };
  static std::unique_ptr<Slot[], FreeDeleter> Allocate(size_t count);
  std::unique_ptr<Slot[], FreeDeleter> slots_;
  size_t slot_count_ = 0;  // A power of two.
  size_t used_ = 0;
  std::vector<bool> terminal_;  // Per node.
  std::vector<uint64_t> first_hashes_;  // Hashes of tokens that start some key.
  std::vector<uint64_t> start_filter_;
  uint64_t start_filter_mask_ = 0;
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_NAME_TRIE_H_
