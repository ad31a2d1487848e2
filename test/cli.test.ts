/**
 * The `tipwire` command through its real binary (dist/cli/main.js): import with
 * bad lines, the export formats, tokens, help, and configuration errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReport, runCli, tempDir } from './helpers.js';

let dir: string;
let db: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'tipwire.db');
});
afterEach(() => cleanup());

function writeJsonl(name: string, lines: (Record<string, unknown> | string)[]): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
  );
  return file;
}

const parseJsonl = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Three reports near the north gate within an hour, one far away, one without place. */
const historical = [
  makeReport({
    externalId: 'ext-1',
    receivedAt: '2026-11-20T13:40:00Z',
    observedAt: '2026-11-20T21:10:00',
    timezone: 'Asia/Shanghai',
    caller: { phone: '+8613800138000' },
  }),
  makeReport({
    externalId: 'ext-2',
    receivedAt: '2026-11-20T13:55:00Z',
    observedAt: '2026-11-20T13:30:00Z',
    location: { lat: 34.2625, lon: 108.9431 },
  }),
  makeReport({
    externalId: 'ext-3',
    receivedAt: '2026-11-20T14:10:00Z',
    observedAt: '2026-11-20T22:00:00+08:00',
    location: { lat: 34.2601, lon: 108.9405, accuracyMeters: 10 },
  }),
  makeReport({
    externalId: 'ext-4',
    receivedAt: '2026-11-20T14:00:00Z',
    observedAt: '2026-11-20T13:30:00Z',
    location: { lat: 31.2304, lon: 121.4737 },
  }),
  {
    channel: 'phone',
    narrative: 'Strange van by the school.',
    externalId: 'ext-5',
    receivedAt: '2026-11-21T08:00:00Z',
  },
];

describe('tipwire import', () => {
  it('imports good lines, names each bad line and field, and exits 1', () => {
    const file = writeJsonl('mixed.jsonl', [
      historical[0]!,
      '{"channel":"web","narrative":"unterminated',
      makeReport({ location: { lat: 'x', lon: 1 } }),
      '',
      makeReport({ color: 'red' }),
      historical[1]!,
      '[1,2]',
    ]);
    const r = runCli(['import', file, '--db', db]);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith(file));
    expect(errors).toEqual([
      `${file}:2: (line): not valid JSON`,
      `${file}:3: location.lat: must be degrees as a number, or text such as 34°15'39.6"N`,
      `${file}:5: color: unknown field`,
      `${file}:7: (line): must be a JSON object (one report per line)`,
    ]);
    expect(r.stdout).toMatch(/imported 2 report\(s\) from .*: 4 line\(s\) failed/);
    expect(r.stdout).toMatch(/pipeline: 2 report\(s\) processed/);
    const exported = parseJsonl(runCli(['export', 'reports', '--db', db]).stdout);
    expect(exported.map((e) => e.externalId).sort()).toEqual(['ext-1', 'ext-2']);
  });

  it('runs the whole pipeline before it exits and reports the incidents', () => {
    const r = runCli(['import', writeJsonl('h.jsonl', historical), '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 5 report\(s\)/);
    expect(r.stdout).toMatch(/incidents: 3 in all, 3 new/);
    const reports = parseJsonl(runCli(['export', 'reports', '--db', db]).stdout);
    expect(reports.every((rep) => rep.stage === 'done')).toBe(true);
  });

  it('skips lines imported before, so a re-run does not duplicate', () => {
    const file = writeJsonl('h.jsonl', historical);
    expect(runCli(['import', file, '--db', db]).status).toBe(0);
    const again = runCli(['import', file, '--db', db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(
      /imported 0 report\(s\) .*: 0 line\(s\) failed, 5 already imported/,
    );
    expect(parseJsonl(runCli(['export', 'reports', '--db', db]).stdout)).toHaveLength(5);
  });

  it('reads standard input with -', () => {
    const r = runCli(['import', '-', '--db', db], {}, JSON.stringify(historical[4]) + '\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported 1 report\(s\) from stdin/);
  });

  it('fails clearly on a missing file', () => {
    const r = runCli(['import', path.join(dir, 'nope.jsonl'), '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*nope\.jsonl/);
  });
});

describe('import → export round trip', () => {
  beforeEach(() => {
    expect(runCli(['import', writeJsonl('h.jsonl', historical), '--db', db]).status).toBe(0);
  });

  it('exports reports with normalized time and place, incident and flags, never the number', () => {
    const out = runCli(['export', 'reports', '--format', 'jsonl', '--db', db]).stdout;
    expect(out).not.toMatch(/13800138000/);
    const byExt = new Map(parseJsonl(out).map((r) => [r.externalId, r]));
    expect(byExt.size).toBe(5);
    expect(byExt.get('ext-1')).toMatchObject({
      receivedAt: '2026-11-20T13:40:00.000Z',
      time: {
        observedFrom: '2026-11-20T13:10:00.000Z',
        timezone: 'Asia/Shanghai',
        zoneSource: 'timezone',
      },
      place: { lat: 34.261, lon: 108.942, accuracyMeters: 50 },
      flags: [],
    });
    expect(byExt.get('ext-1')!.callerPseudonym).toMatch(/^ps\d+_[0-9a-f]{64}$/);
    expect(byExt.get('ext-1')).not.toHaveProperty('narrative');
    expect(byExt.get('ext-5')).toMatchObject({ time: null, place: null });
    // the three reports at the north gate share one incident; Shanghai has its own
    const gate = byExt.get('ext-1')!.incidentId;
    expect(byExt.get('ext-2')!.incidentId).toBe(gate);
    expect(byExt.get('ext-3')!.incidentId).toBe(gate);
    expect(byExt.get('ext-4')!.incidentId).not.toBe(gate);
  });

  it('exports incidents with their reports and external ids', () => {
    const incidents = parseJsonl(runCli(['export', 'incidents', '--db', db]).stdout);
    expect(incidents).toHaveLength(3);
    const gate = incidents.find((i) => (i.externalIds as string[]).includes('ext-1'))!;
    expect((gate.externalIds as string[]).sort()).toEqual(['ext-1', 'ext-2', 'ext-3']);
    expect(gate.reportIds).toHaveLength(3);
    expect(gate).toMatchObject({
      start: '2026-11-20T13:10:00.000Z',
      end: '2026-11-20T14:00:00.000Z',
      reportCount: 3,
    });
    const centroid = gate.centroid as { lat: number; lon: number };
    expect(centroid.lat).toBeCloseTo((34.261 + 34.2625 + 34.2601) / 3, 4);
    for (const key of ['id', 'reportIds', 'externalIds', 'start', 'end', 'centroid'])
      expect(gate).toHaveProperty(key);
  });

  it('exports CSV with a header and one row per report', () => {
    const lines = runCli(['export', 'reports', '--format', 'csv', '--db', db])
      .stdout.trim()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['id', 'externalId', 'channel']);
    expect(lines).toHaveLength(6);
    expect(lines.join('\n')).not.toMatch(/13800138000/);
  });

  it('exports GeoJSON features with [lon, lat] points', () => {
    const out = path.join(dir, 'incidents.geojson');
    expect(
      runCli(['export', 'incidents', '--format', 'geojson', '--out', out, '--db', db]).status,
    ).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(3);
    const shanghai = fc.features.find((f: { properties: { externalIds: string[] } }) =>
      f.properties.externalIds.includes('ext-4'),
    );
    expect(shanghai.geometry.coordinates).toEqual([121.4737, 31.2304]);
  });

  it('includes narratives only when asked', () => {
    const out = parseJsonl(runCli(['export', 'reports', '--include-narrative', '--db', db]).stdout);
    expect(out.find((r) => r.externalId === 'ext-5')!.narrative).toBe('Strange van by the school.');
  });

  it('refuses an unknown format or kind', () => {
    expect(runCli(['export', 'reports', '--format', 'xml', '--db', db]).status).not.toBe(0);
    expect(runCli(['export', 'people', '--db', db]).stderr).toMatch(
      /reports, incidents|Allowed choices/,
    );
  });
});

describe('tipwire token create', () => {
  it('prints the token as its last line and stores only its hash', () => {
    const r = runCli(['token', 'create', '--role', 'analyst', '--db', db]);
    expect(r.status).toBe(0);
    const token = r.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^tw_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = token.slice(16);
    expect(readFileSync(db).includes(Buffer.from(secret))).toBe(false);
  });

  it('refuses an unknown role', () => {
    const r = runCli(['token', 'create', '--role', 'king', '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/king/);
  });
});

describe('tipwire user, office and office tokens', () => {
  it('adds an office and a user who can log in with the password from standard input', async () => {
    expect(runCli(['office', 'add', 'North district', '--db', db]).stdout).toMatch(
      /added office North district \(o_/,
    );
    const added = runCli(
      [
        'user',
        'add',
        'alice',
        '--role',
        'office',
        '--office',
        'North district',
        '--password-stdin',
        '--db',
        db,
      ],
      {},
      'a long enough passphrase\n',
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added user alice \(office\)/);
    // The password is stored only as a scrypt hash.
    expect(readFileSync(db).includes(Buffer.from('a long enough passphrase'))).toBe(false);
    expect(runCli(['office', 'list', '--db', db]).stdout).toMatch(/o_\w+\tNorth district/);
  });

  it('names what is wrong with a user', () => {
    const short = runCli(
      ['user', 'add', 'bob', '--role', 'analyst', '--password-stdin', '--db', db],
      {},
      'short\n',
    );
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/password: must be at least 12 characters/);
    const noOffice = runCli(
      ['user', 'add', 'carol', '--role', 'office', '--password-stdin', '--db', db],
      {},
      'a long enough passphrase\n',
    );
    expect(noOffice.stderr).toMatch(/office role needs the office/);
    const unknown = runCli([
      'token',
      'create',
      '--role',
      'office',
      '--office',
      'Nowhere',
      '--db',
      db,
    ]);
    expect(unknown.stderr).toMatch(/no office named "Nowhere"/);
  });
});

describe('help and configuration', () => {
  it.each([[[]], [['serve']], [['import']], [['export']], [['token']], [['token', 'create']]])(
    '%j --help explains the command',
    (args) => {
      const r = runCli([...args, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: tipwire/);
    },
  );

  it('stops with a message naming a bad variable', () => {
    const r = runCli(['serve', '--db', db], { TIPWIRE_PORT: 'eighty' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/TIPWIRE_PORT: must be a whole number/);
  });

  it('stops with a message naming a bad flag', () => {
    const r = runCli(['serve', '--port', '99999', '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port: must be at most 65535/);
  });
});
