// Diagnostic: what writing a report's blind-index search tokens costs, in the
// contentless FTS5 table tipwire uses now (src/store/sqlite/migrations/003_protect.sql,
// statements of report.repository.ts) against the token B-tree it used before
// (one row per token, `search_tokens (token, report_id)` WITHOUT ROWID plus an index
// on report_id, as at commit 93f5a68), with the report row alone as the baseline.
// Also what a two-word search costs in each. Plain better-sqlite3 on fresh
// temporary databases with tipwire's pragmas (WAL, synchronous=FULL, 64 MiB cache,
// foreign keys, secure_delete); reports written 64 to a transaction, as group
// commit writes them.
//
//   npm run bench:search-index
//   node bench/diagnostics/search-index-write.mjs --reports 32000 --tokens 25 --runs 3
//
// Tokens: HMAC-SHA256 of words cut to 16 bytes, as blind-index.ts makes them; each
// report has `--tokens` distinct words drawn from a vocabulary of 50,000 with
// Zipf-like frequencies (word k has weight 1/k), so common words repeat as in text.
// Each round writes every report into a fresh database per variant, the variants
// interleaved in chunks of 2,000 reports (order rotating), so the indexes grow side by
// side; figures are medians of the rounds (after a warm-up round). Raw figures go to
// bench/results/search-index-write-<timestamp>.json (git-ignored).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { machineFacts, median, round, runRounds, writeResults } from '../lib/rounds.mjs';
import { mulberry32 } from '../lib/random.mjs';

const { values: opt } = parseArgs({
  options: {
    reports: { type: 'string', default: '32000' },
    tokens: { type: 'string', default: '25' },
    runs: { type: 'string', default: '3' },
    queries: { type: 'string', default: '200' },
    'quiet-below': { type: 'string', default: '25' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(
    'node bench/diagnostics/search-index-write.mjs [--reports N (32000)] [--tokens N (25)] ' +
      '[--runs N (3)] [--queries N (200)] [--quiet-below PCT (25)]',
  );
  process.exit(0);
}
const REPORTS = Number(opt.reports);
const TOKENS = Number(opt.tokens);
const QUERIES = Number(opt.queries);
const BATCH = 64;
const CHUNK = 2000;
const VOCABULARY = 50_000;

// --- reports and their tokens -------------------------------------------------------

const rand = mulberry32(42);
const key = Buffer.alloc(32, 7);
const tokenOf = (k) =>
  createHmac('sha256', key).update(`word${k}`, 'utf8').digest().subarray(0, 16);
// Zipf-like: cumulative weights 1/k, sampled by binary search.
const cumulative = new Float64Array(VOCABULARY);
for (let k = 0, sum = 0; k < VOCABULARY; k++) cumulative[k] = sum += 1 / (k + 1);
const drawWord = () => {
  const x = rand() * cumulative[VOCABULARY - 1];
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const vocabulary = Array.from({ length: VOCABULARY }, (_, k) => tokenOf(k));
const reports = Array.from({ length: REPORTS }, (_, i) => {
  const words = new Set();
  while (words.size < TOKENS) words.add(drawWord());
  const tokens = [...words].map((k) => vocabulary[k]);
  return { id: `r_${String(i).padStart(8, '0')}`, tokens };
});
// Queries of two words, one common (rank 10–200) and one rarer (rank 200–5,000).
const queries = Array.from({ length: QUERIES }, () => [
  vocabulary[10 + Math.floor(rand() * 190)],
  vocabulary[200 + Math.floor(rand() * 4800)],
]);

// --- the variants --------------------------------------------------------------------

const REPORTS_TABLE = `CREATE TABLE reports (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, received_at INTEGER NOT NULL,
  search_tokens BLOB)`;

const VARIANTS = {
  'report row only (baseline)': {
    schema: REPORTS_TABLE,
    prepare: (db) => {
      const insert = db.prepare('INSERT INTO reports (id, received_at) VALUES (?, ?)');
      return (r, now) => insert.run(r.id, now);
    },
  },
  'token B-tree, one row per token (as at 93f5a68)': {
    schema: `${REPORTS_TABLE};
      CREATE TABLE search_tokens (
        token BLOB NOT NULL, report_id TEXT NOT NULL REFERENCES reports(id),
        PRIMARY KEY (token, report_id)
      ) WITHOUT ROWID;
      CREATE INDEX search_tokens_report ON search_tokens (report_id);`,
    prepare: (db) => {
      const insert = db.prepare('INSERT INTO reports (id, received_at) VALUES (?, ?)');
      const token = db.prepare(
        'INSERT OR IGNORE INTO search_tokens (token, report_id) VALUES (?, ?)',
      );
      return (r, now) => {
        insert.run(r.id, now);
        for (const t of r.tokens) token.run(t, r.id);
      };
    },
    query: (db) => {
      const count = db
        .prepare(
          `SELECT count(*) FROM reports WHERE id IN (SELECT report_id FROM search_tokens
             WHERE token IN (?, ?) GROUP BY report_id HAVING count(*) = 2)`,
        )
        .pluck();
      return (q) => count.get(q[0], q[1]);
    },
  },
  'contentless FTS5 (today)': {
    schema: `${REPORTS_TABLE};
      CREATE VIRTUAL TABLE search_index USING fts5 (
        tokens, content = '', contentless_delete = 1, tokenize = 'ascii'
      );`,
    prepare: (db) => {
      const insert = db.prepare('INSERT INTO reports (id, received_at) VALUES (?, ?)');
      const store = db.prepare('UPDATE reports SET search_tokens = ? WHERE id = ?');
      const index = db.prepare(`INSERT OR REPLACE INTO search_index (rowid, tokens)
        SELECT seq, ? FROM reports WHERE id = ?`);
      return (r, now) => {
        insert.run(r.id, now);
        // As writeTokens does: the tokens deduplicated, stored, then indexed as hex words.
        const unique = [...new Map(r.tokens.map((t) => [t.toString('hex'), t])).entries()];
        store.run(Buffer.concat(unique.map(([, t]) => t)), r.id);
        index.run(unique.map(([hex]) => hex).join(' '), r.id);
      };
    },
    query: (db) => {
      const count = db
        .prepare(
          `SELECT count(*) FROM reports
           WHERE seq IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)`,
        )
        .pluck();
      return (q) => count.get(`${q[0].toString('hex')} ${q[1].toString('hex')}`);
    },
  },
};
const NAMES = Object.keys(VARIANTS);

function open(file, schema) {
  const db = new Database(file);
  db.pragma('cache_size = -65536');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.exec(schema);
  return db;
}

async function oneRound(index) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tipwire-search-index-'));
  try {
    const dbs = Object.fromEntries(
      NAMES.map((name) => [
        name,
        open(path.join(dir, `${NAMES.indexOf(name)}.db`), VARIANTS[name].schema),
      ]),
    );
    const writers = Object.fromEntries(
      NAMES.map((name) => [name, VARIANTS[name].prepare(dbs[name])]),
    );
    const writeMs = Object.fromEntries(NAMES.map((name) => [name, 0]));
    const cpuMs = Object.fromEntries(NAMES.map((name) => [name, 0]));
    let chunkNo = 0;
    for (let from = 0; from < REPORTS; from += CHUNK, chunkNo++) {
      const chunk = reports.slice(from, from + CHUNK);
      const order = NAMES.map((_, i) => NAMES[(i + index + chunkNo) % NAMES.length]);
      for (const name of order) {
        const db = dbs[name];
        const write = writers[name];
        const batch = db.transaction((items, now) => {
          for (const r of items) write(r, now);
        });
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < chunk.length; i += BATCH) batch(chunk.slice(i, i + BATCH), Date.now());
        writeMs[name] += performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpuMs[name] += (c.user + c.system) / 1000;
      }
    }
    const searches = {};
    for (const name of NAMES) {
      if (!VARIANTS[name].query) continue;
      const query = VARIANTS[name].query(dbs[name]);
      let matches = 0;
      for (const q of queries.slice(0, 20)) query(q); // warm the page cache
      const t0 = performance.now();
      for (const q of queries) matches += query(q);
      searches[name] = { msPerQuery: (performance.now() - t0) / queries.length, matches };
    }
    for (const db of Object.values(dbs)) db.close();
    return Object.fromEntries(
      NAMES.map((name) => [
        name,
        {
          usPerReport: (writeMs[name] * 1000) / REPORTS,
          cpuUsPerReport: (cpuMs[name] * 1000) / REPORTS,
          search: searches[name] ?? null,
        },
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const startedAt = new Date();
console.error(
  `${REPORTS} reports of ${TOKENS} tokens, ${opt.runs} rounds after a warm-up, ${NAMES.length} variants`,
);
const { attempts, counted } = await runRounds({
  runs: Number(opt.runs),
  measure: oneRound,
  quietBelowPct: Number(opt['quiet-below']),
  maxOtherPct: Number(opt['quiet-below']),
});
const summary = Object.fromEntries(
  NAMES.map((name) => {
    const per = counted.map((r) => r.value[name]);
    const search = per[0].search && {
      msPerQuery: round(median(per.map((p) => p.search.msPerQuery)), 3),
      matchesPerRound: per[0].search.matches,
    };
    return [
      name,
      {
        usPerReport: round(median(per.map((p) => p.usPerReport)), 1),
        usPerReportMin: round(Math.min(...per.map((p) => p.usPerReport)), 1),
        usPerReportMax: round(Math.max(...per.map((p) => p.usPerReport)), 1),
        cpuUsPerReport: round(median(per.map((p) => p.cpuUsPerReport)), 1),
        search,
      },
    ];
  }),
);
// The tokens' own cost: each variant minus the report row alone, in the same round.
const [base, btree, fts] = NAMES;
const tokenCost = (name) =>
  counted.map((r) => r.value[name].usPerReport - r.value[base].usPerReport);
const ratios = counted.map((r, i) => tokenCost(btree)[i] / tokenCost(fts)[i]);
const result = {
  benchmark: 'search-index-write',
  startedAt: startedAt.toISOString(),
  command:
    `node bench/diagnostics/search-index-write.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  machine: machineFacts(),
  config: {
    reports: REPORTS,
    tokens: TOKENS,
    batch: BATCH,
    chunk: CHUNK,
    vocabulary: VOCABULARY,
    queries: QUERIES,
  },
  rounds: attempts,
  summary,
  tokensOnly: {
    [btree]: round(median(tokenCost(btree)), 1),
    [fts]: round(median(tokenCost(fts)), 1),
    btreeOverFts: round(median(ratios), 1),
    btreeOverFtsRange: [round(Math.min(...ratios), 1), round(Math.max(...ratios), 1)],
  },
};
const file = writeResults('search-index-write', result, startedAt);

console.log(
  `\n| variant | µs per report (median of ${counted.length}) | min – max | CPU µs | tokens alone µs | two-word search ms |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const name of NAMES) {
  const s = summary[name];
  const alone = name === base ? '–' : result.tokensOnly[name];
  console.log(
    `| ${name} | ${s.usPerReport} | ${s.usPerReportMin} – ${s.usPerReportMax} | ${s.cpuUsPerReport} | ${alone} | ${s.search ? s.search.msPerQuery : '–'} |`,
  );
}
console.log(
  `\ntokens alone, B-tree / FTS5: ${result.tokensOnly.btreeOverFts}× (per round ${result.tokensOnly.btreeOverFtsRange.join(' – ')}); ` +
    `matches per round of ${QUERIES} queries: B-tree ${summary[btree].search.matchesPerRound}, FTS5 ${summary[fts].search.matchesPerRound}`,
);
console.log(`raw: ${file}`);
