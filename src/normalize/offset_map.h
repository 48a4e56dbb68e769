// MappedText: UTF-8 text in which every byte remembers the raw byte offset it
// came from. Each normalization step reads one MappedText and writes a new one,
// copying the raw offsets of the input bytes it keeps, so that the map is
// carried from decoding to boilerplate removal without composing tables.
#ifndef QUARRY_NORMALIZE_OFFSET_MAP_H_
#define QUARRY_NORMALIZE_OFFSET_MAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

// While a step is building it, offsets.size() == text.size(); Finish() adds the
// end entry, after which offsets.size() == text.size() + 1 and offsets.back() is
// the raw offset just past the last mapped source character.
struct MappedText {
  std::string text;
  std::vector<uint32_t> offsets;

  void Reserve(size_t n) {
    text.reserve(n);
    offsets.reserve(n + 1);
  }
  void Append(char c, uint32_t raw) {
    text.push_back(c);
    offsets.push_back(raw);
  }
  // Every byte of `s` maps to `raw` (an expansion such as an entity or "...").
  void Append(std::string_view s, uint32_t raw) {
    text.append(s);
    offsets.resize(offsets.size() + s.size(), raw);
  }
  // Copies bytes [begin, end) of a finished `from`, with their offsets.
  void AppendFrom(const MappedText& from, size_t begin, size_t end) {
    text.append(from.text, begin, end - begin);
    offsets.insert(offsets.end(), from.offsets.begin() + begin, from.offsets.begin() + end);
  }
  void Finish(uint32_t raw_end) { offsets.push_back(raw_end); }

  // For a finished map: the raw offset of text byte `i` (i may be text.size()).
  uint32_t RawAt(size_t i) const { return offsets[i]; }
};

// A finished MappedText of `s` in which byte i maps to raw offset base + i:
// bytes taken as they are.
inline MappedText IdentityMapped(std::string_view s, uint32_t base = 0) {
  MappedText m;
  m.text.assign(s);
  // A plain loop over the sized array vectorizes; push_back checks the
  // capacity at every element (four times the instructions in all).
  m.offsets.resize(s.size() + 1);
  uint32_t* offsets = m.offsets.data();
  for (size_t i = 0; i <= s.size(); ++i) offsets[i] = base + static_cast<uint32_t>(i);
  return m;
}

// A finished MappedText whose bytes all map to offset 0; for strings that are
// normalized but not part of the body (the HTML title).
inline MappedText Unmapped(std::string_view s) {
  MappedText m;
  m.text.assign(s);
  m.offsets.assign(s.size() + 1, 0);
  return m;
}

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_OFFSET_MAP_H_
