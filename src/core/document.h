// The record that flows through the pipeline. Each stage fills in its own
// part and only reads the parts of earlier stages:
//
//   read       -> path, raw, content_hash
//   normalize  -> text, raw_offsets, title, encoding fields, boilerplate count
//   segment    -> sentences
//   entities   -> entities
//   quantities -> quantities
//   relations  -> relations
//
// Offsets in every Span are byte offsets into `text` (normalized UTF-8);
// raw_offsets maps them back to bytes of the original file.
#ifndef QUARRY_CORE_DOCUMENT_H_
#define QUARRY_CORE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/mention.h"
#include "core/quantity.h"
#include "core/span.h"

namespace quarry {

struct EncodingInfo {
  std::string name;         // ICU converter name: "UTF-8", "UTF-16LE", "windows-1252", ...
  std::string source;       // How it was chosen: "bom", "meta", "detector", "default".
  int confidence = 100;     // 0..100; the detector's confidence, 100 for bom/meta.
  uint32_t invalid_bytes = 0;  // Raw bytes (or units) replaced by U+FFFD.
};

struct Document {
  // read
  std::string path;          // As given on the command line, or "-" for stdin.
  std::string raw;           // The file's bytes, untouched.
  std::string content_hash;  // Hex SHA-256 of `raw`.

  // normalize
  std::string text;                   // Normalized UTF-8 body, boilerplate removed.
  std::vector<uint32_t> raw_offsets;  // text.size() + 1 entries: raw byte offset of each text byte.
  std::string title;                  // First headline, or the HTML <title>.
  EncodingInfo encoding;
  uint32_t boilerplate_bytes = 0;     // Normalized bytes dropped as page cruft.

  // segment
  std::vector<Span> sentences;

  // entities, quantities, relations
  std::vector<EntityMention> entities;
  std::vector<Quantity> quantities;
  std::vector<RelationMention> relations;

  // Index of the sentence containing byte `offset`, or -1.
  int SentenceAt(uint32_t offset) const;
  // The raw byte range of a span of `text`.
  Span RawSpan(Span span) const;
};

}  // namespace quarry

#endif  // QUARRY_CORE_DOCUMENT_H_
