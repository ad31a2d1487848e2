/**
 * The F6 scenario generator (bench/scenario/generate.mjs): the same seed gives the
 * same file; every line is a valid import line; the truth covers every line and
 * holds together (repeat callers share a number, campaign texts are near-identical,
 * re-sends share an externalId); and honest witnesses are honest as tipwire reads
 * them (their stated time and place contain the truth about 95 % of the time).
 */
import { describe, expect, test } from 'vitest';
import {
  generateScenario,
  type ScenarioLine,
  type TruthReport,
} from '../bench/scenario/generate.mjs';
import { createReportSchema } from '../src/intake/report-schema.js';
import { checkReportInput } from '../src/intake/new-report.js';
import { normalizeClaims } from '../src/normalize/normalize-report.js';
import { createZoneFinder } from '../src/normalize/zone-finder.js';
import { distanceMeters } from '../src/normalize/place.js';

const scenario = generateScenario({ seed: 11, reports: 2000 });
const { lines, truth } = scenario;

/** The last line of each externalId: the report as the sender finally meant it. */
const finalLine = new Map<string, ScenarioLine>();
for (const line of lines) finalLine.set(line.externalId, line);
const truthOf = (line: ScenarioLine): TruthReport => truth.reports[line.externalId]!;

/** Character trigrams, for near-duplicate texts in either language. */
function trigrams(text: string): Set<string> {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}
function jaccard(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  return common / (x.size + y.size - common);
}

const groupBy = <T>(xs: Iterable<T>, key: (x: T) => string) => {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(x);
  }
  return out;
};

describe('determinism', () => {
  test('the same seed gives the same lines and truth; another seed does not', () => {
    const again = generateScenario({ seed: 11, reports: 2000 });
    expect(again.lines).toEqual(lines);
    expect(again.truth).toEqual(truth);
    // Neighbouring seeds (single digits too) give unrelated scenarios.
    const firsts = [1, 2, 3, 10, 12].map((seed) => {
      const other = generateScenario({ seed, reports: 200 });
      return JSON.stringify([other.truth.events[0], other.lines[0]!.narrative]);
    });
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});

describe('the import file', () => {
  test('every line is a report tipwire imports (schema and the checks beyond it)', () => {
    const schema = createReportSchema({ narrativeMaxChars: 100_000 });
    for (const line of lines) {
      const parsed = schema.safeParse(line);
      expect(parsed.success, JSON.stringify(line)).toBe(true);
      expect(() => checkReportInput(parsed.data!, { mayStateReceivedAt: true })).not.toThrow();
    }
  });

  test('lines come in arrival order, a re-send at the time it was sent again', () => {
    const seen = new Set<string>();
    const firsts: number[] = [];
    for (const line of lines) {
      if (seen.has(line.externalId)) continue;
      seen.add(line.externalId);
      firsts.push(Date.parse(line.receivedAt as string));
    }
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });

  test('externalIds look like each channel’s system wrote them', () => {
    const patterns: Record<string, RegExp> = {
      phone: /^CALL-\d{8}-\d{5}$/,
      web: /^web-[0-9a-f]{12}$/,
      app: /^app-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      api: /^(shieldnet:TX\d{7}|campus-sec\/\d+|socialwatch:\d+)$/,
      feed: /^cityops-sensors:\d{8}:\d{6}$/,
    };
    for (const line of finalLine.values()) {
      expect(line.externalId).toMatch(patterns[line.channel]!);
    }
  });
});

describe('the truth', () => {
  test('covers every line, and every truth report has a line', () => {
    expect(Object.keys(truth.reports)).toHaveLength(2000);
    expect(finalLine.size).toBe(2000);
    expect(truth.lineCount).toBe(lines.length);
    for (const line of lines) expect(truth.reports).toHaveProperty([line.externalId]);
  });

  test('events name their reports and distinct sources; every event id is known', () => {
    const events = new Map(truth.events.map((e) => [e.id, e]));
    const byEvent = groupBy(
      Object.values(truth.reports).filter((r) => r.event !== null),
      (r) => r.event!,
    );
    for (const [id, members] of byEvent) {
      const event = events.get(id);
      expect(event, id).toBeDefined();
      expect(event!.reports).toBe(members.length);
      expect(event!.sources).toBe(new Set(members.map((m) => m.source)).size);
    }
    expect(byEvent.size).toBe(truth.events.length);
  });

  test('the mix: vague 5–10 %, noise, campaigns, repeat callers, re-sends all present', () => {
    const all = Object.values(truth.reports);
    const share = (f: (r: TruthReport) => boolean) => all.filter(f).length / all.length;
    expect(share((r) => r.vague !== undefined)).toBeGreaterThanOrEqual(0.05);
    expect(share((r) => r.vague !== undefined)).toBeLessThanOrEqual(0.1);
    expect(share((r) => r.role === 'noise')).toBeCloseTo(0.07, 2);
    expect(share((r) => r.role === 'campaign' || r.role === 'fake_campaign')).toBeCloseTo(0.08, 2);
    expect(share((r) => r.role === 'repeat')).toBeGreaterThan(0.03);
    expect(share((r) => r.resend !== undefined && r.resend !== 'unchanged')).toBeGreaterThan(0.015);
    expect(share((r) => r.lang === 'zh')).toBeGreaterThan(0.4);
    expect(share((r) => r.lang === 'en')).toBeGreaterThan(0.2);
    expect(truth.events.some((e) => e.fake)).toBe(true);
    expect(truth.events.some((e) => e.shape === 'neighbour')).toBe(true);
    expect(truth.events.some((e) => e.shape === 'recurrence')).toBe(true);
  });

  test('same-group events closer than 2 km are at least 4 h apart', () => {
    const real = truth.events;
    const end = (e: (typeof real)[number]) => Date.parse(e.start) + e.durationMinutes * 60_000;
    for (let i = 0; i < real.length; i++) {
      for (let j = i + 1; j < real.length; j++) {
        const a = real[i]!;
        const b = real[j]!;
        if (a.group !== b.group || distanceMeters(a, b) >= 2000) continue;
        const gap = Math.max(Date.parse(a.start), Date.parse(b.start)) - Math.min(end(a), end(b));
        expect(gap, `${a.id} ${b.id}`).toBeGreaterThanOrEqual(4 * 3600_000);
      }
    }
  });

  test('a repeat caller calls 2–5 times about one event, always with the same number', () => {
    const calls = groupBy(
      [...finalLine.values()].filter((l) => truthOf(l).role === 'repeat'),
      (l) => truthOf(l).source,
    );
    expect(calls.size).toBeGreaterThan(10);
    const digits = (phone: string) => phone.replace(/\D/g, '');
    for (const group of calls.values()) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      expect(group.length).toBeLessThanOrEqual(5);
      expect(new Set(group.map((l) => truthOf(l).event)).size).toBe(1);
      const phones = group.map((l) => digits((l.caller as { phone: string }).phone));
      expect(new Set(phones).size).toBe(1);
    }
  });

  test('a frequent reporter keeps one number across different events', () => {
    const reports = groupBy(
      [...finalLine.values()].filter((l) => truthOf(l).role === 'frequent'),
      (l) => truthOf(l).source,
    );
    for (const group of reports.values()) {
      const events = group.map((l) => truthOf(l).event);
      expect(new Set(events).size).toBe(events.length);
      const phones = group.map((l) => (l.caller as { phone: string }).phone.replace(/\D/g, ''));
      expect(new Set(phones).size).toBe(1);
    }
  });

  test("a campaign's texts are near-identical copies; honest witnesses rarely write alike", () => {
    const campaigns = groupBy(
      [...finalLine.values()].filter((l) => truthOf(l).role.endsWith('campaign')),
      (l) => truthOf(l).source,
    );
    expect(campaigns.size).toBeGreaterThan(3);
    for (const group of campaigns.values()) {
      expect(group.length).toBeGreaterThanOrEqual(5);
      expect(new Set(group.map((l) => truthOf(l).event)).size).toBe(1);
      for (const copy of group.slice(1)) {
        expect(jaccard(group[0]!.narrative, copy.narrative)).toBeGreaterThanOrEqual(0.45);
      }
    }
    const witnesses = groupBy(
      [...finalLine.values()].filter((l) => truthOf(l).role === 'witness'),
      (l) => truthOf(l).event!,
    );
    let pairs = 0;
    let alike = 0;
    for (const group of witnesses.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          pairs += 1;
          if (jaccard(group[i]!.narrative, group[j]!.narrative) >= 0.8) alike += 1;
        }
      }
    }
    expect(pairs).toBeGreaterThan(1000);
    expect(alike / pairs).toBeLessThan(0.01);
  });

  test('a corrected re-send shares its externalId with a first line that differs; an unchanged one repeats it', () => {
    const byId = groupBy(lines, (l) => l.externalId);
    let corrected = 0;
    for (const [id, group] of byId) {
      const resend = truth.reports[id]!.resend;
      if (resend === undefined) {
        expect(group).toHaveLength(1);
        continue;
      }
      expect(group).toHaveLength(2);
      expect(group[1]!.receivedAt).toBe(group[0]!.receivedAt);
      if (resend === 'unchanged') expect(group[1]).toEqual(group[0]);
      else {
        corrected += 1;
        expect(group[1]).not.toEqual(group[0]);
        const changed =
          resend === 'time' ? 'observedAt' : resend === 'place' ? 'location' : 'narrative';
        expect(group[1]![changed]).not.toEqual(group[0]![changed]);
      }
    }
    expect(corrected).toBeGreaterThan(20);
  });
});

describe('honest witnesses, as tipwire reads them', () => {
  const zones = createZoneFinder();
  const honest = [...finalLine.values()].filter((l) => {
    const t = truthOf(l);
    return (t.role === 'witness' || t.role === 'repeat') && t.event !== null;
  });
  const eventOf = new Map(truth.events.map((e) => [e.id, e]));
  const read = (line: ScenarioLine) =>
    normalizeClaims(
      {
        observedAt: line.observedAt as string | number | undefined,
        timezone: line.timezone as string | undefined,
        precisionSeconds: line.precisionSeconds as number | undefined,
        location: line.location as never,
      },
      { receivedAt: Date.parse(line.receivedAt as string) },
      { zones },
    );

  test('the stated time contains the true time about 95 % of the time (the noise model)', () => {
    let inside = 0;
    for (const line of honest) {
      const time = read(line).time!;
      const at = Date.parse(truthOf(line).trueTime);
      if (time.from! <= at && at <= time.to!) inside += 1;
    }
    const share = inside / honest.length;
    expect(share).toBeGreaterThan(0.95);
    // Not every report widened to cover anything: a real error model, not a blanket.
    expect(share).toBeLessThan(0.999);
  });

  test('the stated place is within the stated accuracy of the event about 95 % of the time', () => {
    let inside = 0;
    let placed = 0;
    for (const line of honest) {
      const place = read(line).place;
      if (!place || place.lat === null) continue;
      placed += 1;
      const event = eventOf.get(truthOf(line).event!)!;
      if (distanceMeters({ lat: place.lat, lon: place.lon! }, event) <= place.accuracyMeters!) {
        inside += 1;
      }
    }
    expect(placed).toBeGreaterThan(honest.length * 0.99);
    expect(inside / placed).toBeGreaterThan(0.93);
    expect(inside / placed).toBeLessThan(0.99);
  });
});
