// `quarry diff`: the facts an edit of the rules gains, loses and changes
// across a corpus (see pipeline/rule_diff.h).
#ifndef QUARRY_CLI_DIFF_COMMAND_H_
#define QUARRY_CLI_DIFF_COMMAND_H_

#include <CLI/CLI.hpp>

namespace quarry {

// Adds the `diff` subcommand to `app`; it runs from the parse callback and
// stores its exit code in *exit_code: 0 no change, 1 changes, 2 errors.
void RegisterDiffCommand(CLI::App* app, int* exit_code);

}  // namespace quarry

#endif  // QUARRY_CLI_DIFF_COMMAND_H_
