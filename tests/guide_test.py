#!/usr/bin/env python3
"""Runs every command of a Markdown guide (rules/GUIDE.md) as a new user would.

Usage: guide_test.py GUIDE QUARRY_BINARY SOURCE_DIR

The guide's ```sh blocks run in order, in one bash session, in a scratch folder
holding a copy of SOURCE_DIR/rules and SOURCE_DIR/corpus committed to a fresh git
repository (so `quarry diff --git HEAD` works), with QUARRY_RULES pointing at the
copy and the binary's folder first on PATH. Conventions in the guide:

  - Each command must exit 0, unless its line ends in `# exit N`.
  - A ```expect block right after a ```sh block lists lines that must each occur
    (as substrings) in what that block printed (stdout and stderr).
  - Commands span lines with a trailing backslash or a heredoc (<<'EOF' ... EOF).

Exits 0 when every command and expectation holds, 1 otherwise, naming the guide
line of each failure.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\s*$")
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
HEREDOC = re.compile(r"<<-?\s*'?\"?(\w+)'?\"?")
MARK = "@@quarry-guide-block-{}@@"


def read_blocks(path):
    """[(kind, first_line, lines)] of the fenced blocks of the file."""
    blocks, kind, start, lines = [], None, 0, []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = FENCE.match(line)
            if kind is None and m:
                kind, start, lines = m.group(1), number + 1, []
            elif kind is not None and line.startswith("```"):
                blocks.append((kind, start, lines))
                kind = None
            elif kind is not None:
                lines.append(line)
    if kind is not None:
        sys.exit(f"{path}:{start - 1}: unterminated ``` block")
    return blocks


def commands(lines, first_line):
    """[(line_number, text, expected_exit)]: a block split into commands."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        number = first_line + i
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = [line]
        heredoc = HEREDOC.search(line)
        while text[-1].endswith("\\") and i < len(lines):
            text.append(lines[i])
            i += 1
        if heredoc:
            end = heredoc.group(1)
            while i < len(lines):
                text.append(lines[i])
                i += 1
                if text[-1].strip() == end:
                    break
        m = EXIT.search(text[0]) or EXIT.search(text[-1])
        out.append((number, "\n".join(text), int(m.group(1)) if m else 0))
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    guide, binary, source = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    blocks = read_blocks(guide)

    # One bash script: each command, then a check of its exit status; a
    # marker line before each block splits the output per block.
    script = ["set -u"]
    runs = []  # (first_line, expect_lines or None)
    for index, (kind, first_line, lines) in enumerate(blocks):
        if kind != "sh":
            continue
        expect = None
        if index + 1 < len(blocks) and blocks[index + 1][0] == "expect":
            expect = (blocks[index + 1][1], blocks[index + 1][2])
        script.append(f"echo '{MARK.format(len(runs))}'")
        for number, text, want in commands(lines, first_line):
            script.append(text)
            script.append(
                f"rc=$?; if [ $rc -ne {want} ]; then "
                f"echo \"GUIDE FAILURE: {guide}:{number}: exit $rc, expected {want}\"; fi")
        runs.append((first_line, expect))

    with tempfile.TemporaryDirectory(prefix="quarry-guide-") as scratch:
        for folder in ("rules", "corpus"):
            shutil.copytree(os.path.join(source, folder), os.path.join(scratch, folder))
        env = dict(os.environ)
        env.update({
            "PATH": os.path.dirname(binary) + os.pathsep + env.get("PATH", ""),
            "QUARRY_RULES": os.path.join(scratch, "rules"),
            "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "guide", "GIT_AUTHOR_EMAIL": "guide@example.com",
            "GIT_COMMITTER_NAME": "guide", "GIT_COMMITTER_EMAIL": "guide@example.com",
        })
        env.pop("GIT_DIR", None)
        setup = "git init -q && git add rules corpus && git commit -q -m 'rules as shipped'"
        subprocess.run(["bash", "-c", setup], cwd=scratch, env=env, check=True)
        result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=scratch, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=600)
    output = result.stdout

    failures = [line for line in output.splitlines() if line.startswith("GUIDE FAILURE")]
    parts = re.split(r"^@@quarry-guide-block-(\d+)@@$", output, flags=re.M)
    printed = {int(parts[k]): parts[k + 1] for k in range(1, len(parts) - 1, 2)}
    checked = 0
    for n, (first_line, expect) in enumerate(runs):
        if n not in printed:
            failures.append(f"GUIDE FAILURE: {guide}:{first_line}: block did not run")
            continue
        if not expect:
            continue
        expect_line, lines = expect
        for k, want in enumerate(lines):
            if not want.strip():
                continue
            checked += 1
            if want not in printed[n]:
                failures.append(f"GUIDE FAILURE: {guide}:{expect_line + k}: not printed: {want!r}")
    for f in failures:
        print(f)
    if failures:
        print("---- output of the guide's commands ----")
        print(output)
        return 1
    commands_run = sum(len(commands(b[2], b[1])) for b in blocks if b[0] == "sh")
    print(f"{guide}: {commands_run} commands ran, {checked} expected lines printed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
