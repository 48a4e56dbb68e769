// Exports ReadArticle, ExtractArticle and ExtractText.
#include "pipeline/extract.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/sha256.h"

namespace quarry {

bool ReadArticle(const std::string& path, int64_t max_size, Document* doc, std::string* error) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  std::streamoff size = in.tellg();
  if (size < 0) {
    *error = "cannot read: not a regular file";
    return false;
  }
  if (size > max_size) {
    *error = "file too large: " + std::to_string(size) + " bytes (limit " +
             std::to_string(max_size) + ", see --max-file-size)";
    return false;
  }
  doc->raw.resize(static_cast<size_t>(size));
  in.seekg(0);
  if (size > 0 && !in.read(doc->raw.data(), size)) {
    *error = std::string("read failed: ") + std::strerror(errno);
    return false;
  }
  doc->path = path;
  doc->content_hash = Sha256Hex(doc->raw);
  return true;
}

bool ExtractArticle(const RuleSet& rules, Document* doc, std::string* error) {
  if (!rules.normalizer->Run(doc, error)) return false;
  rules.segmenter->Run(doc);
  rules.entities->Run(doc);
  rules.quantities->Run(doc);
  rules.relations->Run(doc);
  return true;
}

bool ExtractText(const RuleSet& rules, const std::string& name, std::string raw, Document* doc,
                 std::string* error) {
  doc->path = name;
  doc->raw = std::move(raw);
  doc->content_hash = Sha256Hex(doc->raw);
  return ExtractArticle(rules, doc, error);
}

}  // namespace quarry
