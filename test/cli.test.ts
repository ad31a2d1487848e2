/**
 * The `tipwire` command through its real binary (dist/cli/main.js): import with
 * bad lines, the export formats, tokens, help, and configuration errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReport, parseJsonl, runCli, tempDir, writeJsonl as writeJsonlIn } from './helpers.js';

let dir: string;
let db: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'tipwire.db');
});
afterEach(() => cleanup());

const writeJsonl = (name: string, lines: (Record<string, unknown> | string)[]) =>
  writeJsonlIn(dir, name, lines);

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

describe('tipwire token list and revoke, user list, disable, enable, password and sign-out', () => {
  const SECRET_OF = (token: string) => token.split('_').slice(2).join('_');
  const auditActions = () =>
    parseJsonl(runCli(['audit', 'list', '--actor', 'cli', '--db', db]).stdout).map((r) => r.action);

  it.each([
    [['token', 'list']],
    [['token', 'revoke']],
    [['user', 'list']],
    [['user', 'disable']],
    [['user', 'enable']],
    [['user', 'password']],
    [['user', 'sign-out']],
  ])('%j --help explains the command', (args) => {
    const r = runCli([...args, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tipwire/);
  });

  it('creates a token with an expiry, and names a bad --expires-in-days', () => {
    const r = runCli(['token', 'create', '--role', 'intake', '--expires-in-days', '7', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/expires \d{4}-\d\d-\d\dT/);
    for (const days of ['-1', '1.5', 'soon']) {
      const bad = runCli([
        'token',
        'create',
        '--role',
        'intake',
        '--expires-in-days',
        days,
        '--db',
        db,
      ]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/--expires-in-days: must be a whole number/);
    }
  });

  it('lists tokens without their secrets, and revokes one by id, on the audit trail', () => {
    const labelled = runCli([
      'token',
      'create',
      '--role',
      'analyst',
      '--label',
      'desk 4',
      '--db',
      db,
    ]);
    const other = runCli(['token', 'create', '--role', 'auditor', '--db', db]);
    const [first, second] = [labelled, other].map((r) => r.stdout.trim().split('\n').pop()!);
    const id = first!.split('_')[1]!;
    const revoked = runCli(['token', 'revoke', id, '--db', db]);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`revoked token ${id}\n`);
    expect(runCli(['token', 'revoke', id, '--db', db]).stdout).toBe(
      `token ${id} was already revoked\n`,
    );

    const list = runCli(['token', 'list', '--db', db]);
    expect(list.status, list.stderr).toBe(0);
    const [header, ...rows] = list.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(header).toEqual([
      'id',
      'kind',
      'state',
      'roles',
      'office',
      'user',
      'label',
      'created',
      'last_used',
      'expires',
      'revoked',
    ]);
    expect(rows).toHaveLength(2);
    const row = rows.find((r) => r[0] === id)!;
    expect(row.slice(0, 7)).toEqual([id, 'api', 'revoked', 'analyst', '-', '-', 'desk 4']);
    expect(row[10]).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const token of [first!, second!]) expect(list.stdout).not.toContain(SECRET_OF(token));
    expect(
      runCli(['token', 'list', '--kind', 'session', '--db', db]).stdout.trim().split('\n'),
    ).toHaveLength(1);
    expect(auditActions()).toContain('token.revoked');
  });

  it('names a bad or unknown token id and a bad --kind', () => {
    const bad = runCli(['token', 'revoke', 'tw_not-an-id', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/<id>: "tw_not-an-id" is not a token id/);
    const unknown = runCli(['token', 'revoke', 'aaaaaaaaaaaa', '--db', db]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no token with id aaaaaaaaaaaa/);
    const kind = runCli(['token', 'list', '--kind', 'robot', '--db', db]);
    expect(kind.status).not.toBe(0);
    expect(kind.stderr).toMatch(/--kind/);
  });

  it('disables and enables a user, sets a new password and signs them out, each on the audit trail', () => {
    const add = runCli(
      ['user', 'add', 'alice', '--role', 'analyst', '--password-stdin', '--db', db],
      {},
      'a long enough passphrase\n',
    );
    expect(add.status, add.stderr).toBe(0);
    expect(runCli(['user', 'list', '--db', db]).stdout).toMatch(
      /^u_\w+\talice\tanalyst\t-\tactive\n$/,
    );

    expect(runCli(['user', 'disable', 'alice', '--db', db]).stdout).toBe(
      'disabled user alice; 0 session(s) revoked\n',
    );
    expect(runCli(['user', 'list', '--db', db]).stdout).toMatch(/\talice\tanalyst\t-\tdisabled\n$/);
    expect(runCli(['user', 'disable', 'alice', '--db', db]).stdout).toBe(
      'user alice was already disabled\n',
    );
    expect(runCli(['user', 'enable', 'alice', '--db', db]).stdout).toBe('enabled user alice\n');

    const short = runCli(
      ['user', 'password', 'alice', '--password-stdin', '--db', db],
      {},
      'short\n',
    );
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/password: must be at least 12 characters/);
    const noStdin = runCli(['user', 'password', 'alice', '--db', db]);
    expect(noStdin.status).toBe(1);
    expect(noStdin.stderr).toMatch(/--password-stdin/);
    const reset = runCli(
      ['user', 'password', 'alice', '--password-stdin', '--db', db],
      {},
      'another long passphrase\n',
    );
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout).toBe('new password for alice; 0 session(s) revoked\n');
    expect(readFileSync(db).includes(Buffer.from('another long passphrase'))).toBe(false);

    expect(runCli(['user', 'sign-out', 'alice', '--db', db]).stdout).toBe(
      'signed alice out everywhere; 0 session(s) revoked\n',
    );
    expect(auditActions()).toEqual(
      expect.arrayContaining([
        'user.disabled',
        'user.enabled',
        'user.password_reset',
        'session.logout_everywhere',
      ]),
    );
  });

  it('names an unknown user', () => {
    for (const command of ['disable', 'enable', 'sign-out']) {
      const r = runCli(['user', command, 'nobody', '--db', db]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/no user named "nobody"/);
    }
  });
});
