// The SQLite schema of quarry databases and its versions.
#ifndef QUARRY_STORE_SCHEMA_H_
#define QUARRY_STORE_SCHEMA_H_

namespace quarry {

// PRAGMA user_version of databases this build writes. Older versions are
// migrated in place (kMigrations); newer ones are refused.
//   1: the first schema.
//   2: runs.files_pruned and runs.files_reprocessed (ingest --prune and
//      --reprocess).
//   3-5: indexes for ingest speed (see kMigrations).
//   6: facts.last_path.
inline constexpr int kSchemaVersion = 6;

// Creates every table and index of version kSchemaVersion.
inline constexpr const char* kSchemaSql = R"sql(
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
  facts_retracted INTEGER NOT NULL DEFAULT 0,
  files_pruned INTEGER NOT NULL DEFAULT 0,
  files_reprocessed INTEGER NOT NULL DEFAULT 0
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
  duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  rules_hash TEXT NOT NULL,
  run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS articles_band0_hash ON articles(sim_band0, simhash);
CREATE INDEX IF NOT EXISTS articles_band1_hash ON articles(sim_band1, simhash);
CREATE INDEX IF NOT EXISTS articles_band2_hash ON articles(sim_band2, simhash);
CREATE INDEX IF NOT EXISTS articles_band3_hash ON articles(sim_band3, simhash);
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
  key TEXT NOT NULL UNIQUE,
  -- The largest article path among the fact's sources: a new article that
  -- sorts after it only appends to the fact's claims (see RefreshFacts).
  last_path TEXT NOT NULL DEFAULT ''
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
CREATE INDEX IF NOT EXISTS claim_sources_claim_article ON claim_sources(claim_id, article_id);
CREATE INDEX IF NOT EXISTS articles_id_path ON articles(id, path);
)sql";

// kMigrations[v - 1] turns a database of version v into version v + 1; each
// runs in the transaction that also sets the new user_version, so a migration
// interrupted by a crash leaves the old version intact.
inline constexpr const char* kMigrations[kSchemaVersion - 1] = {
    // 1 -> 2
    "ALTER TABLE runs ADD COLUMN files_pruned INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE runs ADD COLUMN files_reprocessed INTEGER NOT NULL DEFAULT 0;",
    // 2 -> 3: four 16-bit SimHash bands instead of eight 8-bit ones (an
    // 8-bit band matches 1/256 of all articles, so every lookup read a
    // thirty-second of the table: quadratic ingest).
    "DROP INDEX IF EXISTS articles_band4; DROP INDEX IF EXISTS articles_band5;"
    "DROP INDEX IF EXISTS articles_band6; DROP INDEX IF EXISTS articles_band7;"
    "ALTER TABLE articles DROP COLUMN sim_band4; ALTER TABLE articles DROP COLUMN sim_band5;"
    "ALTER TABLE articles DROP COLUMN sim_band6; ALTER TABLE articles DROP COLUMN sim_band7;"
    "UPDATE articles SET sim_band0 = simhash & 65535, sim_band1 = (simhash >> 16) & 65535, "
    "sim_band2 = (simhash >> 32) & 65535, sim_band3 = (simhash >> 48) & 65535;",
    // 3 -> 4: covering indexes for "which articles state this fact, and their
    // paths", asked on every write: without them each source cost a read of
    // its row and its article's row, most of a 100 MB ingest's time.
    "CREATE INDEX IF NOT EXISTS claim_sources_claim_article ON claim_sources(claim_id, article_id);"
    "CREATE INDEX IF NOT EXISTS articles_id_path ON articles(id, path);",
    // 4 -> 5: the band indexes carry the SimHash, so that candidates are
    // tested without reading their rows (which hold the article's bytes).
    "DROP INDEX IF EXISTS articles_band0; DROP INDEX IF EXISTS articles_band1;"
    "DROP INDEX IF EXISTS articles_band2; DROP INDEX IF EXISTS articles_band3;"
    "CREATE INDEX IF NOT EXISTS articles_band0_hash ON articles(sim_band0, simhash);"
    "CREATE INDEX IF NOT EXISTS articles_band1_hash ON articles(sim_band1, simhash);"
    "CREATE INDEX IF NOT EXISTS articles_band2_hash ON articles(sim_band2, simhash);"
    "CREATE INDEX IF NOT EXISTS articles_band3_hash ON articles(sim_band3, simhash);",
    // 5 -> 6: facts.last_path, so that "does this new article sort after
    // every source of the fact" reads one row instead of every source (a
    // fact restated by thousands of articles made each new source cost
    // thousands of index reads).
    "ALTER TABLE facts ADD COLUMN last_path TEXT NOT NULL DEFAULT '';"
    "UPDATE facts SET last_path = coalesce((SELECT max(a.path) FROM claims c "
    "JOIN claim_sources s ON s.claim_id = c.id JOIN articles a ON a.id = s.article_id "
    "WHERE c.fact_id = facts.id), '');",
};

}  // namespace quarry

#endif  // QUARRY_STORE_SCHEMA_H_
