// The peer side of tools/compare-peer: wink-nlp with its light English model
// and custom entities (the organizations of rules/gazetteer.rules and the
// unit patterns of rules/units.rules), over the same article files quarry
// reads. Prints one JSON object: files, bytes, seconds, entities found.
//
//   node peer_wink.js SPEC.json FILE_LIST.txt
//
// SPEC.json: {"orgs": [names...], "units": [forms...], "scales": [words...],
//             "currencies": [symbols...]}; FILE_LIST.txt: one path per line.
// Run by tools/compare-peer with wink-nlp installed beside it (NODE_PATH).
'use strict';

const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const files = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((f) => f);

const nlp = winkNLP(model);
const its = nlp.its;

// wink patterns: space-separated tokens; [a|b] is a choice; CARDINAL and MONEY
// match wink's own number and money entities. A one-letter token in a pattern
// ("W", "t", "m") silently stops every pattern of the set from matching in
// wink-nlp 2.x, and so do most symbols; those forms are left out (quarry still
// reads them, so this only makes the peer's job easier).
const plain = (w) => /^[A-Za-z]{2,}$/.test(w);
const choice = (words) => '[' + words.join('|') + ']';
const unitWords = spec.units.filter(plain);
const multiWord = spec.units.filter((u) => u.includes(' ') && u.split(' ').every(plain));
const scaleWords = spec.scales.filter(plain);
const orgs = spec.orgs.filter((n) => n.split(/\s+/).every((w) => w.length > 1 && !/[[\]|]/.test(w)));
const patterns = [
  { name: 'ORG', patterns: orgs },
  { name: 'QUANTITY', patterns: [
    `CARDINAL ${choice(unitWords)}`,
    `CARDINAL ${choice(scaleWords)} ${choice(unitWords)}`,
    ...multiWord.map((u) => `CARDINAL ${u}`),
  ] },
  { name: 'MONEY', patterns: [`MONEY ${choice(scaleWords)}`, 'MONEY'] },
];
const learnStart = process.hrtime.bigint();
nlp.learnCustomEntities(patterns, { matchValue: false, usePOS: true, useEntity: true });
const learnSeconds = Number(process.hrtime.bigint() - learnStart) / 1e9;

// Read every file first (as quarry_bench stages times reading apart), then time
// the NLP work alone.
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
let bytes = 0;
for (const f of files) bytes += fs.statSync(f).size;

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let entities = 0;
const byType = {};
for (const text of texts) {
  const doc = nlp.readDoc(text);
  doc.customEntities().each((e) => {
    entities += 1;
    const t = e.out(its.type);
    byType[t] = (byType[t] || 0) + 1;
  });
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(JSON.stringify({
  files: files.length, bytes, seconds, mb_per_s: bytes / 1e6 / seconds,
  cpu_seconds: cpuSeconds, cpu_mb_per_s: bytes / 1e6 / cpuSeconds,
  learn_seconds: learnSeconds, entities, by_type: byType,
}) + '\n');
