// Exports ReadArticle, RunStages, ExtractArticle and ExtractText.
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

bool RunStages(const RuleSet& rules, Stage from, Stage to, Document* doc, std::string* error) {
  for (int s = static_cast<int>(from); s < static_cast<int>(to); ++s) {
    switch (static_cast<Stage>(s)) {
      case Stage::kNormalize:
        if (!rules.normalizer->Run(doc, error)) return false;
        break;
      case Stage::kSegment: rules.segmenter->Run(doc); break;
      case Stage::kEntities: rules.entities->Run(doc); break;
      case Stage::kQuantities: rules.quantities->Run(doc); break;
      case Stage::kRelations: rules.relations->Run(doc); break;
      case Stage::kNone: break;
    }
  }
  return true;
}

bool ExtractArticle(const RuleSet& rules, Document* doc, std::string* error) {
  return RunStages(rules, Stage::kNormalize, Stage::kNone, doc, error);
}

bool ExtractText(const RuleSet& rules, const std::string& name, std::string raw, Document* doc,
                 std::string* error) {
  doc->path = name;
  doc->raw = std::move(raw);
  doc->content_hash = Sha256Hex(doc->raw);
  return ExtractArticle(rules, doc, error);
}

}  // namespace quarry
