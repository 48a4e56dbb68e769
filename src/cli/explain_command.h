// `quarry explain`: shows what each stage found in each sentence of one
// article, with the rule behind every finding (see pipeline/explain.h).
#ifndef QUARRY_CLI_EXPLAIN_COMMAND_H_
#define QUARRY_CLI_EXPLAIN_COMMAND_H_

#include <CLI/CLI.hpp>

namespace quarry {

// Adds the `explain` subcommand to `app`; it runs from the parse callback and
// stores its exit code in *exit_code (0 ok, 1 the article is not text, 2
// usage or rule errors).
void RegisterExplainCommand(CLI::App* app, int* exit_code);

}  // namespace quarry

#endif  // QUARRY_CLI_EXPLAIN_COMMAND_H_
