#!/usr/bin/env python3
"""Writes the small hostile articles of this folder (the big ones are made by
tests/pipeline/adversarial_test.cc in a temporary folder at test time, so that
no huge file is committed). Every text here was written for these tests.
Run from anywhere; rewrites the files in place."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FILLER = "Quiet trading left the index flat as traders waited for the jobs report."


def w(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


w('empty.txt', b'')
w('whitespace_only.txt', b' \t\n\r\n\xc2\xa0\n\x0c\n   \n')
w('bom_only.txt', b'\xef\xbb\xbf')
w('nul_bytes.txt', b'Half a sentence\x00\x00 and then\x00 binary junk \x00\x01\x02 after it.\n')
w('overlong_utf8.txt',
  b'Overlong slash \xc0\xaf, overlong NUL \xc0\x80, three-byte overlong \xe0\x80\xaf, '
  b'four-byte overlong \xf0\x80\x80\xaf, five-byte form \xf8\x88\x80\x80\x80, '
  b'beyond U+10FFFF \xf4\x90\x80\x80, stray continuation \x80\xbf, truncated \xe2\x82.\n'
  + FILLER.encode() + b'\n')
w('cesu_surrogates.txt',
  b'Lone high surrogate \xed\xa0\x80 here, lone low \xed\xb0\x80 there, and a CESU-8 pair '
  b'\xed\xa0\xbd\xed\xb8\x80 for an emoji.\n' + FILLER.encode() + b'\n')
# UTF-16 with a BOM but an odd length, unpaired surrogates and a NUL unit.
w('utf16le_bad.txt', b'\xff\xfe' + 'Odd length '.encode('utf-16-le') + b'\x00\xd8A\x00\x00\xdc'
  + b'\x00\x00' + 'tail'.encode('utf-16-le') + b'Z')
w('utf16be_bom_garbage.txt', b'\xfe\xff' + bytes(range(1, 256)) * 3)
w('utf32_bogus_bom.txt', b'\xff\xfe\x00\x00' + b'\x41\x00\x00\x00\xff\xff\xff\xff\x00\x00\x11\x00')
w('bom_mismatch.html', b'\xfe\xff<html><body><p>' + FILLER.encode() + b'</p></body></html>')
w('unbalanced.html',
  '<html><head><title>Unclosed <b>title</head><body><div><p>Start <b>bold <i>both'
  '</div></div></div></p></span><table><tr><td>cell<td>cell2</tr></table></table>'
  '<p>' + FILLER + '</i></b><ul><li>one<li>two</ol>< p >spaced</ p ><a href="x>broken quote'
  '<img src=x onerror=y><p>after</body></html></html><div>after the end')
w('unterminated.html',
  '<html><body><p>' + FILLER + '</p><!-- a comment that never ends <p>hidden</p>'
  '<script>var s = "</scr" + "ipt>"; <style>')
w('entities.html',
  '<p>Huge &#99999999999; zero &#0; surrogate &#xD800; &#xDFFF; no semicolon &amp &lt &#65 '
  '&unknownentity; &#x; &#; &; &&&& &#x110000; &nbsp&nbsp; ' + FILLER + '</p>')
w('dollars.md',
  '# $$$$\n\n' + '$$$$ ' * 200 + '\n\n```\nunclosed fence $$$ 5 GW\n' + '> ' * 300 + 'deep quote\n'
  + '*' * 500 + '\n[link](' * 200 + '\n' + '$' * 3000 + '\n')
w('control_chars.txt',
  'Bell \x07 tab\tvt\x0b ff\x0c esc \x1b[31m del \x7f c1 \xc2\x85 \xc2\x9b line sep \u2028 '
  'para sep \u2029 zwsp \u200b bom \ufeff rlo \u202e reversed \u202c.\n' + FILLER + '\n')
w('only_punct.txt', '....... ?!?!?! ;;; ::: --- ___ *** ((( ))) [[[ ]]] """ \'\'\' ...\n' * 40)
w('numbers_noise.txt',
  '1.2.3.4.5 GW, $-0 bn, 0x1F MW, 1e999 watts, 1,2,3,4,5,6,7,8 billion, '
  '99999999999999999999999999999999 dollars, .5. MW, $.$, 12:30 GW, 3/0 MW, 1 / 0 percent, '
  'NaN GW, inf MW, -0.0 %, 10^10000 W, 1_000 MW, one two three four five six seven billion.\n')
