// Exports RegisterExplainCommand: `quarry explain [FILE|-|--text "..."]`,
// printing the records of ExplainArticle as JSON Lines (--format jsonl) or as
// an indented report, coloured when stdout is a terminal and NO_COLOR is unset.
#include "cli/explain_command.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "cli/terminal.h"
#include "core/json.h"
#include "pipeline/explain.h"
#include "pipeline/extract.h"
#include "pipeline/rule_set.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

struct ExplainFlags {
  std::string file = "-";
  std::string text;
  bool text_given = false;
  std::string rules;
  std::string format = "text";
  ExplainOptions options;
};

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "~1.6 GW -> ~1600000000 W": the text and its normalized value.
std::string QuantityValue(const Json& q) {
  std::string qualifier = Str(q, "qualifier");
  std::string sign = qualifier == "approx"      ? "~"
                     : qualifier == "at_least"  ? ">="
                     : qualifier == "more_than" ? ">"
                     : qualifier == "at_most"   ? "<="
                     : qualifier == "less_than" ? "<"
                                                : "";
  auto num = [](const Json& v) { return v.is_number() ? FormatNumber(v.get<double>()) : v.dump(); };
  std::string value = q.contains("value") ? num(q["value"])
                                          : num(q.value("low", Json())) + ".." + num(q.value("high", Json()));
  std::string out = sign + value + " " + Str(q, "unit");
  if (!Str(q, "counted").empty()) out += " (" + Str(q, "counted") + ")";
  if (!Str(q, "per").empty()) out += "/" + Str(q, "per");
  if (q.value("ambiguous", false)) out += " ambiguous";
  return out;
}

std::string EntityLine(const Json& e, const Style& st) {
  std::string line = st.Bold("\"" + Str(e, "text") + "\"") + " " + st.Cyan(Str(e, "class")) + " " +
                     Str(e, "id");
  if (Str(e, "name") != Str(e, "text")) line += " (" + Str(e, "name") + ")";
  std::string source = Str(e, "source");
  line += "  " + st.Dim(source == "gazetteer" ? "gazetteer entry " + Str(e, "rule")
                                             : source + " rule " + Str(e, "rule"));
  double confidence = e.value("confidence", 1.0);
  if (confidence < 1.0) line += st.Dim(", confidence " + FormatNumber(confidence));
  if (!e["tags"].empty()) {
    std::string tags;
    for (const auto& t : e["tags"]) tags += (tags.empty() ? "" : ",") + t.get<std::string>();
    line += st.Dim(" [" + tags + "]");
  }
  return line;
}

std::string QuantityLine(const Json& q, const Style& st) {
  return st.Bold("\"" + Str(q, "text") + "\"") + " " + st.Cyan(Str(q, "dimension")) + " " +
         QuantityValue(q) + "  " + st.Dim("rule " + Str(q, "rule"));
}

void PrintTrace(const Json& t, const Style& st, std::ostream& out) {
  std::string status = Str(t, "status");
  std::string head = "rule " + Str(t, "rule") + " (" + Str(t, "file") + ":" +
                     std::to_string(t.value("line", 0)) + "): ";
  if (status == "fact") {
    out << "  " << st.Green(head + "produces a fact") << "\n";
  } else if (status == "covered") {
    out << "  " << st.Yellow(head + "matches, but a fuller fact covers it") << "\n";
    for (const auto& f : t["facts"])
      out << "    " << Str(f, "summary") << " covered by " << Str(f, "covered_by") << "\n";
  } else if (status == "rejected") {
    out << "  " << st.Red(head + "pattern matches, but builds no fact") << "\n";
    for (const auto& r : t["rejected"]) out << "    " << r.get<std::string>() << "\n";
  } else {
    out << "  " << st.Red(head + "no match") << "\n";
    out << "    pattern: " << Str(t, "pattern") << "\n";
    size_t matched = t.value("elements_matched", 0), total = t.value("elements", 0);
    if (matched == 0) {
      out << "    not even its first element matches: " << st.Bold(Str(t, "failed_at")) << "\n";
    } else {
      out << "    nearest match: the first " << matched << " of " << total << " elements match \""
          << Str(t, "partial") << "\"\n";
      out << "    then fails at: " << st.Bold(Str(t, "failed_at")) << "\n";
    }
    for (const auto& slot : t["missing_slots"])
      out << "    no candidate in the sentence for slot " << st.Bold(slot.get<std::string>()) << "\n";
    if (t.value("prefiltered_out", false))
      out << "    (the prefilter skips this rule here: a word it needs is absent)\n";
  }
}

void PrintText(const std::vector<Json>& records, const Style& st, std::ostream& out) {
  for (const auto& r : records) {
    if (Str(r, "type") == "article") {
      size_t sentences = r["sentences"].get<size_t>();
      out << st.Bold(Str(r, "path")) << ": " << sentences
          << (sentences == 1 ? " sentence, " : " sentences, ")
          << Str(r, "encoding") << ", " << r["boilerplate_bytes"].get<uint32_t>()
          << " bytes of boilerplate dropped";
      if (!Str(r, "title").empty()) out << "\ntitle: " << Str(r, "title");
      out << "\n";
      for (const auto& b : r["boilerplate"]) {
        std::string rule = Str(b, "rule");
        out << "  " << st.Dim("boilerplate \"" + Str(b, "line") + "\"  " +
                              (rule.empty() ? "(next to or after a dropped line)" : "rule " + rule))
            << "\n";
      }
      continue;
    }
    out << "\n" << st.Bold("[" + std::to_string(r["index"].get<int>()) + "] ") << Str(r, "text") << "\n";
    for (const auto& e : r["entities"]) out << "  entity    " << EntityLine(e, st) << "\n";
    for (const auto& q : r["quantities"]) out << "  quantity  " << QuantityLine(q, st) << "\n";
    for (const auto& d : r["dropped"]) {
      const Json& m = d["mention"];
      out << "  " << st.Dim("dropped   \"" + Str(m, "text") + "\" (" + Str(m, "rule") +
                            "): overlaps " + Str(d, "lost_to"))
          << "\n";
    }
    out << "  typed     " << st.Cyan(Str(r, "typed")) << "\n";
    for (const auto& m : r["relations"]) {
      if (m.value("kept", true)) {
        out << "  fact      " << st.Green(Str(m, "summary")) << "  " << st.Dim("rule " + Str(m, "rule"))
            << "\n";
      } else {
        out << "  " << st.Dim("covered   " + Str(m, "summary") + "  rule " + Str(m, "rule") +
                              " (kept instead: " + Str(m, "covered_by") + ")")
            << "\n";
      }
    }
    if (r.contains("trace")) PrintTrace(r["trace"], st, out);
  }
}

int RunExplain(const ExplainFlags& flags) {
  DiagnosticSink sink;
  auto rules = LoadRuleSet(ResolveRulesDir(flags.rules), &sink);
  for (const auto& d : sink.diagnostics()) std::cerr << d.ToString() << "\n";
  if (!rules) return 2;

  Document doc;
  std::string error;
  std::string name = flags.file;
  if (flags.text_given) {
    name = "--text";
    doc.path = name;
    doc.raw = flags.text;
  } else if (flags.file == "-") {
    doc.path = "-";
    doc.raw.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (!ReadArticle(flags.file, kDefaultMaxFileSize, &doc, &error)) {
    std::cerr << flags.file << ": error: " << error << "\n";
    return 1;
  }
  std::vector<Json> records;
  if (!ExplainArticle(*rules, &doc, flags.options, &records, &error)) {
    std::cerr << name << ": error: " << error << "\n";
    return error.rfind("no rule", 0) == 0 || error.rfind("no sentence", 0) == 0 ? 2 : 1;
  }
  if (flags.format == "jsonl") {
    for (const auto& r : records) std::cout << r.dump() << "\n";
  } else {
    PrintText(records, Style::ForStdout(), std::cout);
  }
  return 0;
}

}  // namespace

void RegisterExplainCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  auto* cmd = app->add_subcommand(
      "explain", "Show what every stage found in each sentence of an article, and which rule found it");
  auto* file =
      cmd->add_option("file", flags->file, "Article file (.txt, .html, .md), or - for standard input");
  auto* text = cmd->add_option("--text", flags->text, "Explain this text instead of a file");
  text->excludes(file);
  cmd->add_option("--rules", flags->rules, "Rules folder");
  cmd->add_option("--rule", flags->options.rule_id,
                  "Also say, per sentence, why this relation rule did or did not produce a fact");
  cmd->add_option("--sentence", flags->options.sentence_index, "Only sentence N (0-based)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", flags->format, "text or jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}));
  cmd->callback([flags, text, exit_code] {
    flags->text_given = text->count() > 0;
    *exit_code = RunExplain(*flags);
  });
}

}  // namespace quarry
