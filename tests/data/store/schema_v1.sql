-- A quarry database as schema version 1 wrote it (before runs.files_pruned
-- and runs.files_reprocessed), with one run, two articles, and one fact
-- stated by both. store/migration_test.cc builds a database from this script
-- and checks that opening it migrates it in place without losing anything.
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running',
  version TEXT NOT NULL,
  rules_hash TEXT NOT NULL,
  command TEXT,
  files_seen INTEGER NOT NULL DEFAULT 0,
  files_new INTEGER NOT NULL DEFAULT 0,
  files_changed INTEGER NOT NULL DEFAULT 0,
  files_unchanged INTEGER NOT NULL DEFAULT 0,
  files_failed INTEGER NOT NULL DEFAULT 0,
  facts_new INTEGER NOT NULL DEFAULT 0,
  facts_merged INTEGER NOT NULL DEFAULT 0,
  facts_retracted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  title TEXT NOT NULL,
  raw BLOB NOT NULL,
  text TEXT NOT NULL,
  encoding TEXT NOT NULL,
  encoding_source TEXT NOT NULL,
  encoding_confidence INTEGER NOT NULL,
  invalid_bytes INTEGER NOT NULL,
  boilerplate_bytes INTEGER NOT NULL,
  simhash INTEGER NOT NULL,
  sim_band0 INTEGER NOT NULL, sim_band1 INTEGER NOT NULL,
  sim_band2 INTEGER NOT NULL, sim_band3 INTEGER NOT NULL,
  sim_band4 INTEGER NOT NULL, sim_band5 INTEGER NOT NULL,
  sim_band6 INTEGER NOT NULL, sim_band7 INTEGER NOT NULL,
  duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  rules_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS articles_band0 ON articles(sim_band0);
CREATE INDEX IF NOT EXISTS articles_band1 ON articles(sim_band1);
CREATE INDEX IF NOT EXISTS articles_band2 ON articles(sim_band2);
CREATE INDEX IF NOT EXISTS articles_band3 ON articles(sim_band3);
CREATE INDEX IF NOT EXISTS articles_band4 ON articles(sim_band4);
CREATE INDEX IF NOT EXISTS articles_band5 ON articles(sim_band5);
CREATE INDEX IF NOT EXISTS articles_band6 ON articles(sim_band6);
CREATE INDEX IF NOT EXISTS articles_band7 ON articles(sim_band7);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE TABLE IF NOT EXISTS failures (
  path TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  run_id INTEGER REFERENCES runs(id),
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  class TEXT NOT NULL,
  discovered INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  text TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL,
  raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS quantities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  unit TEXT NOT NULL,
  value REAL, low REAL, high REAL,
  qualifier TEXT NOT NULL,
  counted TEXT NOT NULL,
  per TEXT NOT NULL,
  ambiguous INTEGER NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL,
  raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL,
  rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quantities_article ON quantities(article_id);
CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY,
  predicate TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS facts_predicate ON facts(predicate);
CREATE TABLE IF NOT EXISTS fact_entities (
  fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (fact_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_entities_entity ON fact_entities(entity_id);
CREATE TABLE IF NOT EXISTS claims (
  id INTEGER PRIMARY KEY,
  fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  args TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_fact ON claims(fact_id);
CREATE TABLE IF NOT EXISTS claim_sources (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  args TEXT NOT NULL,
  rule TEXT NOT NULL,
  sentence TEXT NOT NULL,
  sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL,
  raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL,
  confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_sources_claim ON claim_sources(claim_id);
CREATE INDEX IF NOT EXISTS claim_sources_article ON claim_sources(article_id);

INSERT INTO runs (id, started_at, finished_at, status, version, rules_hash, command, files_seen,
                  files_new, facts_new, facts_merged)
  VALUES (1, '2026-11-01T02:00:00Z', '2026-11-01T02:00:05Z', 'ok', '0.1.0', 'rules-v1',
          'quarry ingest /news --db news.db', 2, 2, 1, 1);
INSERT INTO articles (id, path, content_hash, size, mtime_ns, title, raw, text, encoding,
                      encoding_source, encoding_confidence, invalid_bytes, boilerplate_bytes,
                      simhash, sim_band0, sim_band1, sim_band2, sim_band3, sim_band4, sim_band5,
                      sim_band6, sim_band7, duplicate_of, rules_hash, run_id)
  VALUES (1, '/news/a.txt', 'hash-a', 60, 1000, 'Meta signs with Crusoe',
          CAST('Meta signs with Crusoe. Meta buys 1.6 GW from Crusoe.' AS BLOB),
          'Meta signs with Crusoe. Meta buys 1.6 GW from Crusoe.', 'UTF-8', 'valid', 100, 0, 0,
          1, 1, 0, 0, 0, 0, 0, 0, 0, NULL, 'rules-v1', 1),
         (2, '/news/b.txt', 'hash-b', 70, 2000, 'Crusoe lands Meta',
          CAST('Crusoe lands Meta. Crusoe will supply Meta with 1.6 GW.' AS BLOB),
          'Crusoe lands Meta. Crusoe will supply Meta with 1.6 GW.', 'UTF-8', 'valid', 100, 0, 0,
          4294967295, 255, 255, 255, 255, 0, 0, 0, 0, NULL, 'rules-v1', 1);
INSERT INTO entities (id, name, class, discovered)
  VALUES ('meta', 'Meta Platforms', 'ORG', 0), ('crusoe', 'Crusoe', 'ORG', 0);
INSERT INTO mentions (article_id, entity_id, text, start, end, raw_start, raw_end, rule, confidence)
  VALUES (1, 'meta', 'Meta', 0, 4, 0, 4, 'gazetteer', 1), (2, 'crusoe', 'Crusoe', 0, 6, 0, 6, 'gazetteer', 1);
INSERT INTO facts (id, predicate, key) VALUES (1, 'compute_deal', 'compute_deal|buyer=meta|provider=crusoe');
INSERT INTO fact_entities (fact_id, entity_id) VALUES (1, 'meta'), (1, 'crusoe');
INSERT INTO claims (id, fact_id, args)
  VALUES (1, 1, '{"buyer":{"id":"meta","name":"Meta Platforms"},"capacity":{"dimension":"power","unit":"W","value":1600000000.0},"provider":{"id":"crusoe","name":"Crusoe"}}');
INSERT INTO claim_sources (claim_id, article_id, args, rule, sentence, sentence_start, sentence_end,
                           start, end, raw_start, raw_end, confidence)
  VALUES (1, 1, '{"buyer":{"id":"meta","name":"Meta Platforms"},"capacity":{"dimension":"power","unit":"W","value":1600000000.0},"provider":{"id":"crusoe","name":"Crusoe"}}',
          'deal.buys', 'Meta buys 1.6 GW from Crusoe.', 24, 53, 24, 53, 24, 53, 0.9),
         (1, 2, '{"buyer":{"id":"meta","name":"Meta Platforms"},"capacity":{"dimension":"power","unit":"W","value":1600000000.0},"provider":{"id":"crusoe","name":"Crusoe"}}',
          'deal.supply', 'Crusoe will supply Meta with 1.6 GW.', 19, 55, 19, 55, 19, 55, 0.9);
PRAGMA user_version = 1;
