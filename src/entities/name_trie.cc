// Exports NameTrie (see name_trie.h).
#include "entities/name_trie.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace quarry {
namespace {

uint64_t SlotHash(uint32_t parent_and_space, uint64_t token_hash) {
  uint64_t h = token_hash ^ (static_cast<uint64_t>(parent_and_space) * 0x9e3779b97f4a7c15ull);
  h ^= h >> 29;
  return h;
}

}  // namespace

void NameTrie::FreeDeleter::operator()(Slot* p) const { std::free(p); }

std::unique_ptr<NameTrie::Slot[], NameTrie::FreeDeleter> NameTrie::Allocate(size_t count) {
  constexpr size_t kHugePage = size_t{2} << 20;
  const size_t bytes = count * sizeof(Slot);
  void* memory = nullptr;
  if (bytes >= kHugePage) {
    memory = std::aligned_alloc(kHugePage, bytes);  // bytes is a multiple of 2 MiB here.
#ifdef MADV_HUGEPAGE
    if (memory) madvise(memory, bytes, MADV_HUGEPAGE);  // A hint; failure is harmless.
#endif
  } else {
    memory = std::malloc(bytes);
  }
  if (!memory) throw std::bad_alloc();
  Slot* slots = static_cast<Slot*>(memory);
  for (size_t i = 0; i < count; ++i) slots[i] = Slot{0, kEmpty, 0};
  return std::unique_ptr<Slot[], FreeDeleter>(slots);
}

NameTrie::NameTrie() {
  slot_count_ = 1024;
  slots_ = Allocate(slot_count_);
  terminal_.push_back(false);  // The root.
  RebuildStartFilter();
}

uint32_t NameTrie::Child(uint32_t parent, bool space, uint64_t token_hash) const {
  const uint32_t key = parent << 1 | (space ? 1u : 0u);
  const size_t mask = slot_count_ - 1;
  for (size_t i = SlotHash(key, token_hash) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.parent_and_space == kEmpty) return kNone;
    if (s.parent_and_space == key && s.token_hash == token_hash) return s.child;
  }
}

uint32_t NameTrie::AddChild(uint32_t parent, bool space, uint64_t token_hash) {
  uint32_t existing = Child(parent, space, token_hash);
  if (existing != kNone) return existing;
  if ((used_ + 1) * 2 > slot_count_) Grow();
  const uint32_t key = parent << 1 | (space ? 1u : 0u);
  const size_t mask = slot_count_ - 1;
  size_t i = SlotHash(key, token_hash) & mask;
  while (slots_[i].parent_and_space != kEmpty) i = (i + 1) & mask;
  uint32_t child = static_cast<uint32_t>(terminal_.size());
  terminal_.push_back(false);
  slots_[i] = {token_hash, key, child};
  ++used_;
  return child;
}

void NameTrie::Grow() {
  auto old = std::move(slots_);
  const size_t old_count = slot_count_;
  slot_count_ *= 2;
  slots_ = Allocate(slot_count_);
  const size_t mask = slot_count_ - 1;
  for (size_t k = 0; k < old_count; ++k) {
    const Slot& s = old[k];
    if (s.parent_and_space == kEmpty) continue;
    size_t i = SlotHash(s.parent_and_space, s.token_hash) & mask;
    while (slots_[i].parent_and_space != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void NameTrie::RebuildStartFilter() {
  // About 32 bits per distinct first token keeps false positives near 3%
  // while the filter stays small enough to live in cache.
  size_t bits = 4096;
  while (bits < first_hashes_.size() * 32) bits *= 2;
  start_filter_.assign(bits / 64, 0);
  start_filter_mask_ = bits - 1;
  for (uint64_t h : first_hashes_) {
    uint64_t bit = (h >> 20) & start_filter_mask_;
    start_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

uint32_t NameTrie::Insert(const NameTokens& key) {
  if (key.size() == 0) return kNone;
  uint32_t node = kRoot;
  for (size_t i = 0; i < key.size(); ++i) {
    bool space = i > 0 && (key[i].space_before || key[i].line_before);
    if (i == 0 && Child(kRoot, false, key[0].hash) == kNone) {
      first_hashes_.push_back(key[0].hash);
      if (first_hashes_.size() * 32 > start_filter_mask_ + 1) {
        RebuildStartFilter();
      } else {
        uint64_t bit = (key[0].hash >> 20) & start_filter_mask_;
        start_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
      }
    }
    node = AddChild(node, space, key[i].hash);
  }
  terminal_[node] = true;
  return node;
}

uint32_t NameTrie::Walk(const NameTokens& text, size_t begin, size_t end) const {
  if (begin >= end) return kNone;
  uint32_t node = kRoot;
  for (size_t i = begin; i < end && node != kNone; ++i) {
    if (i > begin && text[i].line_before) return kNone;
    node = Child(node, i > begin && text[i].space_before, text[i].hash);
  }
  return node;
}

void NameTrie::FindAll(const NameTokens& text, std::vector<Hit>* hits) const {
  const size_t n = text.size();
  for (size_t start = 0; start < n; ++start) {
    if (!MayStart(text[start].hash)) continue;
    uint32_t node = Child(kRoot, false, text[start].hash);
    for (size_t i = start + 1; node != kNone; ++i) {
      if (terminal_[node]) {
        hits->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), node});
      }
      if (i == n || text[i].line_before) break;
      node = Child(node, text[i].space_before, text[i].hash);
    }
  }
}

}  // namespace quarry
