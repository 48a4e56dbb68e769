#!/usr/bin/env python3
"""Writes the encoding fixtures of tests/normalize/ into this folder.

The same short article is stored in several encodings so that the tests can
check that every one decodes to the same normalized text, and that the raw
offsets of a word point at that word's bytes in each file.

  python3 tests/data/normalize/make_fixtures.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

ARTICLE = (
    "Crusoe Expands Its Texas Campus\n"
    "Crusoe\u2019s new campus will supply \u201cabout 1.6 gigawatts\u201d to Meta \u2013 "
    "the companies said on Tuesday.\n"
    "The first building is expected to open next year, according to people "
    "familiar with the plan.\n"
)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


write("article_cp1252.txt", ARTICLE.replace("\n", "\r\n").encode("cp1252"))
write("article_utf8_bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
write("article_utf8.txt", ARTICLE.encode("utf-8"))
write("article_utf16le_bom.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
write("article_utf16be_bom.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
write("article_utf32le_bom.txt", b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"))
write("article_utf16le_nobom.txt", ARTICLE.encode("utf-16-le"))

# An HTML page in windows-1252 that says so, with the usual page furniture.
PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Crusoe Expands Its Texas Campus &amp; Signs Meta | Example News</title>
<style>body { font-family: serif; }</style>
<script>var tracking = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/ai">AI</a></nav>
<header><div class="logo">Example News</div></header>
<article>
<h1>Crusoe Expands Its Texas Campus</h1>
<p>Crusoe\u2019s new campus will supply &ldquo;about 1.6&nbsp;gigawatts&rdquo; to Meta &ndash; the companies said.</p>
<div class="share-buttons"><a>Facebook</a><a>Twitter</a></div>
<p>The first building is expected to open next year.</p>
<ul><li>Site: Abilene, Texas</li><li>Tenant: Meta</li></ul>
</article>
<aside><h2>Related Articles</h2><p>Another company raised $31 million.</p></aside>
<footer>&copy; 2025 Example News</footer>
</body></html>
"""
write("page_cp1252.html", PAGE.encode("cp1252"))

MARKDOWN = """---
title: "Crusoe Expands Its Texas Campus"
author: Jane Doe
---
# Crusoe Expands Its Texas Campus

Crusoe's new campus will supply **about 1.6 gigawatts** to [Meta](https://about.meta.com) - the companies said.

* The first building opens *next year*.
* See the [filing][1] and `code_name` notes.

[1]: https://example.com/filing
"""
write("notes.md", MARKDOWN.encode("utf-8"))

# Mostly UTF-8 with two broken bytes: decoded as UTF-8 ("utf8-mostly").
write("broken_utf8.txt",
      "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2013 Crusoe\u2019s campus: ".encode("utf-8")
      + b"\xff ok \xc0\xaf end.\n")

# Binary: NUL bytes and no UTF-16 pattern.
write("binary.bin", bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]) * 8)
