#!/usr/bin/env python3
"""Runs `quarry explain` and `quarry diff` on a corpus, as ctest tests.

Usage: explain_diff_test.py QUARRY_BINARY RULES_DIR CORPUS_DIR

explain: every article gives JSON Lines output (one sentence record per
sentence, provenance for every finding) and the first few the same in text, a --rule trace on every sentence, and the
documented errors. diff: the rules against themselves change nothing (exit 0,
also through --git on a scratch repository); a copy without one rule that
produces facts in the corpus loses exactly those facts, under that rule's id
(exit 1). Exits 0 when all hold, 1 naming each failure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
    return ok


def run(args, **kw):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("QUARRY_RULES", None)
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env, timeout=600, **kw)


def articles(corpus):
    out = []
    for root, _, names in os.walk(corpus):
        out += [os.path.join(root, n) for n in names
                if n.endswith((".txt", ".html", ".htm", ".md"))]
    return sorted(out)


def remove_rule(text, rule_id):
    """relations.rules without the block of `rule ID` (up to the next rule or
    word list, or a comment line at column 0)."""
    lines, out, skipping = text.split("\n"), [], False
    for line in lines:
        if re.match(r"rule\s+" + re.escape(rule_id) + r"\s*$", line):
            skipping = True
            continue
        if skipping and (re.match(r"(rule|words|tags)\s", line) or line.startswith("#")):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


def main():
    quarry, rules, corpus = sys.argv[1:4]
    files = articles(corpus)
    if not check(files, f"{corpus}: no articles"):
        return report()

    # explain: text and jsonl agree on every article; collect the facts.
    rule_facts = {}  # rule id -> number of kept facts
    rule_any = None
    for n, path in enumerate(files):
        j = run([quarry, "explain", "--rules", rules, "--format", "jsonl", path])
        if j.returncode == 1 and ": error:" in j.stderr:
            continue  # Not text (a broken file of the corpus): reported, skipped.
        if not check(j.returncode == 0, f"explain --format jsonl {path}: exit {j.returncode}: {j.stderr}"):
            continue
        records = [json.loads(line) for line in j.stdout.splitlines()]
        check(records and records[0]["type"] == "article", f"{path}: first record is not the article")
        sentences = [r for r in records if r["type"] == "sentence"]
        check(len(sentences) == records[0]["sentences"], f"{path}: sentence records != count")
        for s in sentences:
            check(s["text"] and "typed" in s, f"{path}: sentence {s['index']} lacks text or typed")
            for e in s["entities"]:
                check(e["rule"] and e["source"] in ("gazetteer", "pattern", "repeat", "coreference"),
                      f"{path}: entity {e['text']!r} without provenance")
            for q in s["quantities"]:
                check(q["rule"], f"{path}: quantity {q['text']!r} without rule")
            for r in s["relations"]:
                rule_any = rule_any or r["rule"]
                if r["kept"]:
                    rule_facts[r["rule"]] = rule_facts.get(r["rule"], 0) + 1
        if n >= 6:
            continue  # The text form of a few articles is enough (each run loads the rules).
        t = run([quarry, "explain", "--rules", rules, path])
        check(t.returncode == 0, f"explain {path}: exit {t.returncode}")
        check(t.stdout.count("\n  typed     ") == len(sentences), f"explain {path}: typed lines != sentences")
        check("\033[" not in t.stdout, f"explain {path}: colour on a pipe")

    if check(rule_facts, f"{corpus}: explain found no facts"):
        rule = max(sorted(rule_facts), key=lambda r: rule_facts[r])
        path = files[0]
        t = run([quarry, "explain", "--rules", rules, "--format", "jsonl", "--rule", rule, path])
        check(t.returncode == 0, f"explain --rule {rule}: exit {t.returncode}")
        for line in t.stdout.splitlines()[1:]:
            trace = json.loads(line)["trace"]
            check(trace["rule"] == rule and trace["status"] in ("fact", "covered", "rejected", "no_match"),
                  f"explain --rule: bad trace {trace}")
            if trace["status"] == "no_match":
                check(trace["failed_at"] and 0 <= trace["elements_matched"] < trace["elements"],
                      f"explain --rule: no nearest match in {trace}")

    bad = run([quarry, "explain", "--rules", rules, "--rule", "no.such.rule", files[0]])
    check(bad.returncode == 2 and 'no rule "no.such.rule"' in bad.stderr,
          f"explain --rule no.such.rule: exit {bad.returncode}, {bad.stderr!r}")
    missing = run([quarry, "explain", "--rules", rules, os.path.join(corpus, "no-such-article.txt")])
    check(missing.returncode == 1 and "cannot open" in missing.stderr,
          f"explain of a missing file: exit {missing.returncode}, {missing.stderr!r}")

    # diff: no change, then one rule removed.
    same = run([quarry, "diff", "--rules-before", rules, "--rules-after", rules, corpus])
    check(same.returncode == 0 and same.stdout.startswith("no change:"),
          f"diff of the rules with themselves: exit {same.returncode}: {same.stdout}{same.stderr}")
    with tempfile.TemporaryDirectory(prefix="quarry-diff-test-") as scratch:
        copy = os.path.join(scratch, "rules")
        shutil.copytree(rules, copy)
        env = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
        subprocess.run(["bash", "-c", "git init -q && git add rules && git commit -q -m rules"],
                       cwd=scratch, check=True, env=dict(os.environ, **env))
        git_same = run([quarry, "diff", "--git", "HEAD", "--rules-after", copy, corpus])
        check(git_same.returncode == 0, f"diff --git HEAD unchanged: exit {git_same.returncode}: "
                                        f"{git_same.stdout}{git_same.stderr}")
        if rule_facts:
            rule = max(sorted(rule_facts), key=lambda r: rule_facts[r])
            relations = os.path.join(copy, "relations.rules")
            with open(relations, encoding="utf-8") as f:
                text = f.read()
            with open(relations, "w", encoding="utf-8") as f:
                f.write(remove_rule(text, rule))
            for args in (["--rules-before", rules], ["--git", "HEAD"]):
                d = run([quarry, "diff", *args, "--rules-after", copy, "--format", "jsonl", corpus])
                check(d.returncode == 1, f"diff without rule {rule} ({args[0]}): exit {d.returncode}: {d.stderr}")
                changes = [json.loads(line) for line in d.stdout.splitlines()]
                summary = changes.pop()["summary"] if changes and "summary" in changes[-1] else {}
                check(summary.get("lost", 0) >= 1 and summary.get("rerun_from") == "relations",
                      f"diff --format jsonl: bad summary line {summary}")
                lost = [c for c in changes if c["change"] == "lost" and c["rule"] == rule]
                check(lost and all(c["sentence"] for c in lost),
                      f"diff without rule {rule}: no lost facts of it: {changes[:3]}")
            text_out = run([quarry, "diff", "--rules-before", rules, "--rules-after", copy, corpus])
            check(f"rule {rule}\n" in text_out.stdout and "reran relations" in text_out.stdout,
                  f"diff text output lacks the rule heading: {text_out.stdout[-500:]}")
    nogit = run([quarry, "diff", "--git", "no-such-revision-xyz", corpus])
    check(nogit.returncode == 2, f"diff --git no-such-revision: exit {nogit.returncode}")
    return report(len(files))


def report(n=0):
    for f in failures:
        print("FAILED:", f)
    if not failures:
        print(f"explain and diff: {n} articles ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
