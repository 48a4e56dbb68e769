#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into corpus/<target>/.

The articles are written for these seeds (never copied from real articles).
The first byte of a normalize/extract seed picks the extension (0 .txt,
1 .html, 2 .md, 3 .htm); the first byte of a rules seed picks the rule file
(the order of kTargets in fuzz_rules.cc). Run from anywhere; rewrites the
files in place.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, '..', '..', 'rules')


def w(target, name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


ART = ("Halcyon Compute signs 300 MW lease with Meta\n"
       "Halcyon Compute Inc. said on Monday it will supply about 300 megawatts of GPU capacity to "
       "Meta Platforms under a seven-year contract worth $9.5 billion.\n"
       "The company expects to invest more than $2bn in its Ohio data center campus in 2027.\n")
HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Vantor raises $450 million</title>"
        "<script>var x = '<p>no</p>';</script><style>p{color:red}</style></head><body>"
        "<nav><a href=\"/\">Home</a> &gt; <a>Tech</a></nav><article><h1>Vantor raises $450 million</h1>"
        "<p>Vantor AI&nbsp;Labs raised $450&#160;million in a Series C round led by Kestrel Capital, "
        "valuing the start-up at &euro;3.1 billion.</p><p>It runs 12,000 H100s across two sites.</p>"
        "<!-- comment --><br/><ul><li>One</li><li>Two</li></ul></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>")
MD = ("# Oracle books 1.2 GW for Nimbus\n\n*By a staff writer*\n\n"
      "Oracle has agreed to provide **1.2 gigawatts** of compute to [Nimbus Labs](https://example.com) "
      "over five years.\n\n> Quote: \"We are building,\" said CEO Mara Quill.\n\n"
      "- capex: $40bn\n- sites: 3\n\n```\ncode block 5 GW\n```\n")

# normalize
w('normalize', 'plain.txt', b'\x00' + ART.encode())
w('normalize', 'page.html', b'\x01' + HTML.encode())
w('normalize', 'post.md', b'\x02' + MD.encode())
w('normalize', 'utf16le_bom.txt', b'\x00\xff\xfe' + ART.encode('utf-16-le'))
w('normalize', 'utf16be_bom.txt', b'\x00\xfe\xff' + ART[:120].encode('utf-16-be'))
w('normalize', 'cp1252.txt', b'\x00' + "Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5m deal\n".encode('cp1252'))
w('normalize', 'cp1252_meta.html',
  b'\x01<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
  b'</head><body><p>Na\xefve \x93caf\xe9\x94 \x80 12m</p></body></html>')
w('normalize', 'utf8_bom.md', b'\x02\xef\xbb\xbf# Title\n\nBody with \xe2\x84\xa2 and \xef\xac\x81 ligature.\n')
w('normalize', 'broken_html.html', b'\x01<div><p>open <b>bold <i>italic</div></p><table><tr><td>1 GW</td></tr>')
w('normalize', 'invalid_utf8.txt',
  b'\x00Price \xc0\xaf overlong, \xed\xa0\x80 surrogate, \xf8\x88\x80\x80\x80 five-byte, tail \xe2\x82')

# quantities
for i, q in enumerate([
        "about 1.6 gigawatts", "$21bn", "between 2 and 3 GW", "more than 10,000 GPUs",
        "\u20ac3.1 billion", "12%", "up to 500 MW of power", "two hundred and fifty thousand chips",
        "1,000-1,200 MW", "$0.08 per kWh", "3 million square feet", "500MWh", "1.2tn yen",
        "Rs 45 crore", "roughly five gigawatts or more", "24 data centers", "$4.2-billion", "1e9 W",
        "7 1/2 percent", "- 3.5 bn USD"]):
    w('quantities', 'q%02d.txt' % i, q)
w('quantities', 'sentence.txt', ART)

# rules: small files of each syntax, then the head of each shipped file
ORDER = ["gazetteer", "entity_patterns", "units", "numbers", "qualifiers", "boilerplate",
         "abbreviations", "relations"]
SMALL = {
    "gazetteer": "tagset: cloud, lab, city\n[nimbus] ORG \"Nimbus Cloud\"\ntags: cloud\n"
                 "aliases: Nimbus, Nimbus Cloud Inc.\n[ohio] PLACE \"Ohio\"\ntags: city\n",
    "entity_patterns": "define CAP = \\p{Lu}\\p{Ll}+\npattern org.test ORG 0.7: (?P<name>%{CAP}[ \\t]+Labs)\\b\n",
    "units": "dimension power | W\ndimension money | *\nunit W | power | 1 W | after: W, watt, watts\n"
             "unit MW | power | 1e6 W | after: MW, megawatt, megawatts\n"
             "unit USD | money | 1 USD | before: $, US$ | after: dollars\n",
    "numbers": "scale million | 1e6 | words: million | short: m, mn\n"
               "scale billion | 1e9 | words: billion | short: bn\nnumber two | 2 | two\n",
    "qualifiers": "before approx | about, roughly, ~\nbefore more_than | more than, over\n"
                  "after at_least | or more\n",
    "boilerplate": "drop         (sign in|sign up)\ndrop-next    related articles\ndrop-prev    go back\n",
    "abbreviations": "Inc.\nCorp.\nDr.\n",
    "relations": "words take\n  x = buys | books\nrule compute_deal.test\n  predicate compute_deal\n"
                 "  pattern {ORG:buyer} {take} ...2 {POWER:capacity} from {ORG:provider}\n"
                 "  + Meta books 300 MW from Crusoe.\n"
                 "    = buyer: Meta | provider: Crusoe | capacity: 300 MW\n",
}
for sel, name in enumerate(ORDER):
    w('rules', name + '.rules', bytes([sel]) + SMALL[name].encode())
    with open(os.path.join(RULES, name + '.rules'), encoding='utf-8') as f:
        head = f.read().splitlines()[:60]
    w('rules', name + '_head.rules', bytes([sel]) + ("\n".join(head) + "\n").encode())

# extract
w('extract', 'plain.txt', b'\x00' + ART.encode())
w('extract', 'page.html', b'\x01' + HTML.encode())
w('extract', 'post.md', b'\x02' + MD.encode())
w('extract', 'people.txt', b'\x00' + (
    "Orbital Data hires former Google executive\n"
    "Orbital Data Corp. has named Lena Brandt, previously a vice president at Google, as its "
    "chief financial officer. Brandt joins from Google on March 3. It is building a 200 MW site "
    "in Texas.\n").encode())
w('extract', 'funding.txt', b'\x00' + (
    "Kestrel AI raises $600m Series B at $5bn valuation\n"
    "Kestrel AI raised $600 million in a Series B round led by Northgate Ventures, valuing the lab "
    "at $5 billion. Microsoft invested $150m in Kestrel AI. Capex will reach $80bn in fiscal 2027, "
    "CEO Aya Moreno said.\n").encode())
