/**
 * Incidents through the real server (`tipwire serve` over a real SQLite file): what
 * the F1 rule got wrong (a vague place joined a precise incident; no confidence; a
 * growing incident fell off the first page), vague reports that must not glue two
 * incidents, independent sources, and an analyst's merge and split surviving the
 * reports that arrive after them.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createToken,
  getJson,
  makeReport,
  postReport,
  startServer,
  tempDir,
  waitForPipeline,
  type ServerProcess,
} from './helpers.js';

let server: ServerProcess;
let cleanup: () => void;
let analyst: string;
let supervisor: string;
let intake: string;
let auditor: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const db = path.join(tmp.dir, 'tipwire.db');
  analyst = createToken(db, 'analyst');
  supervisor = createToken(db, 'supervisor');
  intake = createToken(db, 'intake');
  auditor = createToken(db, 'auditor');
  server = await startServer(db, { TIPWIRE_RATE_LIMITS: 'off' });
}, 60_000);

afterAll(async () => {
  await server.stop();
  cleanup();
});

/** An hour ago, as an ISO time with an offset (Beijing time). */
const HOUR = 3_600_000;
function beijingTime(msAgo: number): string {
  const t = new Date(Date.now() - msAgo + 8 * HOUR).toISOString().slice(0, 19);
  return `${t}+08:00`;
}

async function send(overrides: Record<string, unknown>): Promise<string> {
  const res = await postReport(server.url, makeReport(overrides), {
    authorization: `Bearer ${intake}`,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function settled() {
  await waitForPipeline(server.url, analyst);
}

async function report(id: string) {
  const res = await getJson(`${server.url}/api/v1/reports/${id}`, analyst);
  expect(res.status).toBe(200);
  return res.body as {
    id: string;
    incidentId: string;
    incidentReason: string | null;
    incidentPinned: boolean;
  };
}

interface IncidentBody {
  id: string;
  reportIds: string[];
  externalIds: string[];
  reportCount: number;
  independentSources: number;
  confidence: number;
  centroid: { lat: number; lon: number };
  radiusMeters: number;
  mergedInto: string | null;
  confidenceBreakdown: {
    probability: number;
    logOdds: number;
    terms: { code: string; weight: number; count: number; text: { en: string; zh: string } }[];
  };
  changes: { kind: string; actor: string | null; detail: Record<string, unknown> }[];
}

async function incident(id: string, token = analyst): Promise<IncidentBody> {
  const res = await getJson(`${server.url}/api/v1/incidents/${id}`, token);
  expect(res.status).toBe(200);
  return res.body as unknown as IncidentBody;
}

async function post(url: string, body: unknown, token = analyst) {
  const res = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A point `meters` north and `eastMeters` east of `p`. */
const offset = (p: { lat: number; lon: number }, meters: number, eastMeters = 0) => ({
  lat: p.lat + meters / 111_195,
  lon: p.lon + eastMeters / (111_195 * Math.cos((p.lat * Math.PI) / 180)),
});

const SUSPICIOUS = 'A grey van parked by the gate; someone inside keeps filming the entrance.';

/** Independent witnesses write their own words (identical texts count as one source). */
const OWN_WORDS = [
  'Van outside the main gate, a man in it is taking photos of the guards.',
  '门口停着一辆灰色面包车，车里有人一直在拍大门。',
  'Somebody in a parked minivan is recording the entrance with a phone.',
  'I saw a person photographing the gate from a grey van across the road.',
  '有个人坐在车里偷拍门卫，车停了很久。',
];

describe('what the F1 rule got wrong', () => {
  it('keeps a report that only says "北京" (±35 km) apart from a precise incident 135 m from the city point', async () => {
    const tiananmen = { lat: 39.9087, lon: 116.3975 };
    const at = beijingTime(HOUR);
    const precise = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...tiananmen, accuracyMeters: 30 },
    });
    const vague = await send({ narrative: SUSPICIOUS, observedAt: at, location: '北京' });
    await settled();
    const p = await report(precise);
    const v = await report(vague);
    expect(v.incidentId).not.toBe(p.incidentId);
    expect(v.incidentReason).toBe('cluster.too_vague');
    expect((await incident(p.incidentId)).reportIds).toEqual([precise]);
    // Its own incident reaches as far as the city it named, not a pin at the city's point
    // (the precise one's radius is its members' spread: none, with one member).
    const city = (await getJson(`${server.url}/api/v1/reports/${vague}`, analyst)).body as {
      place: { accuracyMeters: number };
    };
    expect(city.place.accuracyMeters).toBeGreaterThan(30_000);
    const own = await incident(v.incidentId);
    expect(own.radiusMeters).toBeGreaterThanOrEqual(Math.round(city.place.accuracyMeters));
    expect(own.radiusMeters).toBeLessThanOrEqual(Math.round(city.place.accuracyMeters) + 1);
    expect((await incident(p.incidentId)).radiusMeters).toBe(0);
  });

  // Whole-city fire reports, each case on a day of its own (hours from the other cases), so
  // that nothing else of a fire's kind is near in time.
  const wangfujing = { lat: 39.9149, lon: 116.4103 };
  const FIRE_WORDS = [
    'A shop is on fire, flames coming out of the front window.',
    '王府井这边一家店着火了，火很大。',
    'Thick smoke and fire from a building on the corner, fire trucks are coming.',
  ];
  /** Witnesses `from`…`to` − 1 of FIRE_WORDS, each 30 m further east, 25 m accurate. */
  const placedBy = async (to: number, at: string, from = 0) => {
    const ids: string[] = [];
    for (let i = from; i < to; i++) {
      ids.push(
        await send({
          narrative: FIRE_WORDS[i]!,
          observedAt: at,
          location: { ...offset(wangfujing, 30 * i), accuracyMeters: 25 },
        }),
      );
    }
    await settled();
    return ids;
  };
  const cityFire = (at: string, narrative = '北京着火了，好大的火！') =>
    send({ narrative, observedAt: at, location: '北京' });
  /** A "北京" fire report sent after these witnesses: their incident, and the report as placed. */
  const cityFireAfter = async (witnesses: string[], at: string) => {
    const id = await cityFire(at);
    await settled();
    return { id, fire: (await report(witnesses[0]!)).incidentId, city: await report(id) };
  };

  it('attaches a "北京" fire report to a fire three people placed, saying why; not to one two placed', async () => {
    const threeAt = beijingTime(20 * HOUR);
    const three = await placedBy(3, threeAt);
    const { id: attached, fire, city: a } = await cityFireAfter(three, threeAt);
    expect(a.incidentId).toBe(fire);
    expect(a.incidentReason).toBe('cluster.citywide');
    const joined = await incident(fire);
    expect([...joined.reportIds].sort()).toEqual([...three, attached].sort());
    // It is attached, not placed: the incident stays where its three witnesses put it.
    expect(joined.radiusMeters).toBeLessThan(200);
    // Two witnesses only (a day later): the city-wide report is kept apart.
    const twoAt = beijingTime(44 * HOUR);
    const two = await placedBy(2, twoAt);
    const { fire: small, city: b } = await cityFireAfter(two, twoAt);
    expect(b.incidentId).not.toBe(small);
    expect(b.incidentReason).toBe('cluster.too_vague');
    expect([...(await incident(small)).reportIds].sort()).toEqual([...two].sort());
  });

  it('attaches a "北京" fire report sent before the witnesses once the third of them places the fire', async () => {
    const at = beijingTime(68 * HOUR);
    // Other words than the cases above: the same text within 48 h would be a copy of theirs.
    const early = await cityFire(at, 'Fire somewhere in Beijing, black smoke over the roofs.');
    await settled();
    // Two witnesses: still too few for a whole-city report.
    const two = await placedBy(2, at);
    const fire = (await report(two[0]!)).incidentId;
    expect((await report(early)).incidentId).not.toBe(fire);
    expect((await report(early)).incidentReason).toBe('cluster.too_vague');
    // The third: the fire now stands out for it, and it attaches, saying why.
    const [third] = await placedBy(3, at, 2);
    expect((await report(third!)).incidentId).toBe(fire);
    const later = await report(early);
    expect(later.incidentId).toBe(fire);
    expect(later.incidentReason).toBe('cluster.citywide');
    const joined = await incident(fire);
    expect([...joined.reportIds].sort()).toEqual([...two, third, early].sort());
    // Attached, not placed: the incident stays where its witnesses put it.
    expect(joined.radiusMeters).toBeLessThan(200);
  });

  it('gives each incident a confidence with its terms, rising with independent witnesses only', async () => {
    const place = { lat: 34.3416, lon: 108.9398 }; // Xi'an, the Bell Tower
    const at = beijingTime(2 * HOUR);
    const first = await send({
      channel: 'phone',
      caller: { phone: '+8613900000001' },
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...place, accuracyMeters: 25 },
    });
    await settled();
    const alone = await incident((await report(first)).incidentId);
    expect(alone.independentSources).toBe(1);
    expect(alone.confidence).toBeGreaterThan(0);
    // The same caller twice more: one source still, the confidence unchanged.
    for (const n of [1, 2]) {
      await send({
        channel: 'phone',
        caller: { phone: '+8613900000001' },
        narrative: `Calling again (${n}): the van is still at the gate.`,
        observedAt: at,
        location: { ...offset(place, 20 * n), accuracyMeters: 25 },
      });
    }
    await settled();
    const repeated = await incident(alone.id);
    expect(repeated.reportCount).toBe(3);
    expect(repeated.independentSources).toBe(1);
    expect(repeated.confidence).toBeCloseTo(alone.confidence, 6);
    expect(repeated.confidenceBreakdown.terms.find((t) => t.code === 'repeats')?.count).toBe(2);
    // Two other callers: two more sources, and the confidence rises by their terms.
    for (const n of [2, 3]) {
      await send({
        channel: 'phone',
        caller: { phone: `+861390000000${n}` },
        narrative: OWN_WORDS[n]!,
        observedAt: at,
        location: { ...offset(place, -15 * n, 10), accuracyMeters: 25 },
      });
    }
    await settled();
    const corroborated = await incident(alone.id);
    expect(corroborated.independentSources, JSON.stringify(corroborated.confidenceBreakdown)).toBe(
      3,
    );
    expect(corroborated.confidence).toBeGreaterThan(repeated.confidence);
    const { logOdds, probability, terms } = corroborated.confidenceBreakdown;
    expect(terms.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(logOdds, 9);
    expect(probability).toBeCloseTo(1 / (1 + Math.exp(-logOdds)), 3);
    expect(terms.map((t) => t.code)).toEqual(expect.arrayContaining(['prior', 'witnesses']));
    for (const t of terms) expect(t.text.en.length).toBeGreaterThan(10);
    expect(JSON.stringify(terms)).not.toMatch(/van|面包车|\+86/);
  });

  it('counts no new source for a report without a number that says its sender reported it before', async () => {
    const place = { lat: 34.2583, lon: 108.9286 }; // Xi'an, the Drum Tower
    const at = beijingTime(3 * HOUR);
    const first = await send({
      channel: 'phone',
      caller: { phone: '+8613900000011' },
      narrative: 'Two men on a motorbike keep circling the drum tower, one films the police post.',
      observedAt: at,
      location: { ...place, accuracyMeters: 25 },
    });
    const other = await send({
      channel: 'phone',
      caller: { phone: '+8613900000012' },
      narrative: '鼓楼那边有两个人骑摩托车绕圈，后座的人一直在拍警务站。',
      observedAt: at,
      location: { ...offset(place, 15), accuracyMeters: 25 },
    });
    // The first caller again, through the web form this time: only the words link them.
    const back = await send({
      channel: 'web',
      narrative: 'I called earlier about the motorbike at the drum tower, they are still filming.',
      observedAt: at,
      location: { ...offset(place, -10), accuracyMeters: 25 },
    });
    // A third person through the web form, saying nothing of the kind: a witness.
    const third = await send({
      channel: 'web',
      narrative:
        'A motorbike with two riders has passed the police kiosk five times, the passenger holds up a phone.',
      observedAt: at,
      location: { ...offset(place, 5, 5), accuracyMeters: 25 },
    });
    await settled();
    const id = (await report(first)).incidentId;
    for (const r of [other, back, third]) expect((await report(r)).incidentId).toBe(id);
    const inc = await incident(id);
    expect(inc.reportCount).toBe(4);
    expect(inc.independentSources, JSON.stringify(inc.confidenceBreakdown)).toBe(3);
    const repeat = inc.confidenceBreakdown.terms.find((t) => t.code === 'repeats');
    expect(repeat).toMatchObject({ count: 1, weight: 0 });
    expect(repeat?.text.en).toMatch(/says they reported it before/);
  });

  it('lists incidents by last activity, so a growing incident comes first, and by confidence', async () => {
    const base = { lat: 30.6586, lon: 104.0647 }; // Chengdu
    const at = beijingTime(3 * HOUR);
    const early = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...base, accuracyMeters: 20 },
    });
    await settled();
    const earlyIncident = (await report(early)).incidentId;
    // Later incidents elsewhere in the city, then one more witness of the first.
    for (const k of [1, 2, 3]) {
      await send({
        narrative: SUSPICIOUS,
        observedAt: at,
        location: { ...offset(base, 5000 * k), accuracyMeters: 20 },
      });
    }
    await settled();
    await send({
      narrative: OWN_WORDS[0]!,
      observedAt: at,
      location: { ...offset(base, 30), accuracyMeters: 20 },
    });
    await settled();
    const bbox = '103.9,30.5,104.2,30.9';
    const byActivity = await getJson(
      `${server.url}/api/v1/incidents?bbox=${bbox}&sort=lastActivity&limit=2`,
      analyst,
    );
    const items = byActivity.body.items as IncidentBody[];
    expect(items[0]!.id).toBe(earlyIncident);
    expect(items[0]!.reportCount).toBe(2);
    const byConfidence = await getJson(
      `${server.url}/api/v1/incidents?bbox=${bbox}&sort=confidence`,
      analyst,
    );
    const ranked = byConfidence.body.items as IncidentBody[];
    expect(ranked).toHaveLength(4);
    expect(ranked[0]!.id).toBe(earlyIncident);
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i]!.confidence).toBeLessThanOrEqual(ranked[i - 1]!.confidence);
    }
    const confident = await getJson(
      `${server.url}/api/v1/incidents?bbox=${bbox}&minConfidence=${ranked[0]!.confidence}`,
      analyst,
    );
    expect((confident.body.items as IncidentBody[]).map((i) => i.id)).toEqual([earlyIncident]);
    const bad = await getJson(`${server.url}/api/v1/incidents?bbox=200,1,2`, analyst);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/bbox/);
  });
});

describe('vague reports', () => {
  it('never glue two precise incidents together, and say why they stay apart', async () => {
    const a = { lat: 31.2304, lon: 121.4737 }; // Shanghai
    const b = offset(a, 0, 2500);
    const at = beijingTime(4 * HOUR);
    const inA = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...a, accuracyMeters: 20 },
    });
    const inB = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...b, accuracyMeters: 20 },
    });
    await settled();
    const between = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...offset(a, 0, 1250), accuracyMeters: 2000 },
    });
    await settled();
    const [ra, rb, rv] = [await report(inA), await report(inB), await report(between)];
    expect(ra.incidentId).not.toBe(rb.incidentId);
    expect(rv.incidentId).not.toBe(ra.incidentId);
    expect(rv.incidentId).not.toBe(rb.incidentId);
    expect(rv.incidentReason).toBe('cluster.ambiguous');
  });

  it('attaches to the one of two it fits when that one is far likelier, still without gluing them', async () => {
    const a = { lat: 30.2741, lon: 120.1551 }; // Hangzhou
    const b = offset(a, 0, 3000);
    const at = beijingTime(4.5 * HOUR);
    const inA = await send({
      narrative: OWN_WORDS[0],
      observedAt: at,
      location: { ...a, accuracyMeters: 20 },
    });
    const inB = await send({
      narrative: OWN_WORDS[1],
      observedAt: at,
      location: { ...b, accuracyMeters: 20 },
    });
    await settled();
    // 2 km accurate, 200 m from A and 2.8 km from B: it fits both, A is ~50× likelier.
    const nearA = await send({
      narrative: OWN_WORDS[2],
      observedAt: at,
      location: { ...offset(a, 0, 200), accuracyMeters: 2000 },
    });
    await settled();
    const [ra, rb, rv] = [await report(inA), await report(inB), await report(nearA)];
    expect(ra.incidentId).not.toBe(rb.incidentId);
    expect(rv.incidentId).toBe(ra.incidentId);
    expect(rv.incidentReason).toBeNull();
    expect((await incident(rb.incidentId)).reportIds).toEqual([inB]);
  });

  it('kept apart as ambiguous, attaches once later witnesses make one incident stand out', async () => {
    const a = { lat: 36.0611, lon: 103.8343 }; // Lanzhou
    const b = offset(a, 0, 2000);
    const at = beijingTime(6.5 * HOUR);
    const witness = (n: number, p: { lat: number; lon: number }) =>
      send({ narrative: OWN_WORDS[n], observedAt: at, location: { ...p, accuracyMeters: 20 } });
    const inA = await witness(0, a);
    const inB = await witness(1, b);
    await settled();
    // Half-way, 2 km accurate: as likely from either.
    const between = await send({
      narrative: OWN_WORDS[2],
      observedAt: at,
      location: { ...offset(a, 0, 1000), accuracyMeters: 2000 },
    });
    await settled();
    expect((await report(between)).incidentReason).toBe('cluster.ambiguous');
    // Three more witnesses at A: 4 of its reports against B's 1 is 80 % of the weight.
    for (const n of [3, 4]) await witness(n, offset(a, 10));
    await settled();
    expect((await report(between)).incidentReason).toBe('cluster.ambiguous');
    await send({
      narrative: 'A minivan by the gate, the driver films the sentry box.',
      observedAt: at,
      location: { ...offset(a, -10), accuracyMeters: 20 },
    });
    await settled();
    const [ra, rb, rv] = [await report(inA), await report(inB), await report(between)];
    expect(rv.incidentId).toBe(ra.incidentId);
    expect(rv.incidentReason).toBeNull();
    expect((await incident(rb.incidentId)).reportIds).toEqual([inB]);
    const changes = (await incident(ra.incidentId)).changes as { kind: string; detail: unknown }[];
    expect(changes.find((c) => c.kind === 'attach')?.detail).toMatchObject({
      reportId: between,
      reason: 'cluster.ambiguous',
    });
  });

  it('a copy of a message stating no place joins the incident holding the message', async () => {
    const a = { lat: 30.5928, lon: 114.3055 }; // Wuhan
    const at = beijingTime(5.5 * HOUR);
    const message =
      'URGENT!!! a car full of explosives by the east gate of the stadium, stay away, share!';
    const first = await send({
      channel: 'web',
      narrative: message,
      observedAt: at,
      location: { ...a, accuracyMeters: 30 },
    });
    await settled();
    // No location at all (makeReport's default one left out).
    const copy = await send({
      channel: 'web',
      narrative: `RT: ${message} 🙏`,
      observedAt: at,
      location: undefined,
    });
    await settled();
    const [rf, rc] = [await report(first), await report(copy)];
    expect(rc.incidentId).toBe(rf.incidentId);
    expect(rc.incidentReason).toBeNull();
    const inc = await incident(rf.incidentId);
    expect(inc.reportIds).toEqual([first, copy]);
    expect(inc.independentSources).toBe(1);
  });

  it('attaches to the only incident it fits, without moving its place', async () => {
    const a = { lat: 23.1291, lon: 113.2644 }; // Guangzhou
    const at = beijingTime(5 * HOUR);
    const precise = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...a, accuracyMeters: 15 },
    });
    await settled();
    const before = await incident((await report(precise)).incidentId);
    const vague = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...offset(a, 900), accuracyMeters: 1500 },
    });
    await settled();
    const v = await report(vague);
    expect(v.incidentId).toBe(before.id);
    expect(v.incidentReason).toBeNull();
    const after = await incident(before.id);
    expect(after.reportCount).toBe(2);
    expect(after.centroid.lat).toBeCloseTo(before.centroid.lat, 6);
  });
});

describe('a witness who saw it from afar', () => {
  it('attaches though its own point is 1.4 km away, without moving the place; without those words it is an incident of its own', async () => {
    const a = { lat: 30.5928, lon: 114.3055 }; // Wuhan
    const at = beijingTime(3 * HOUR);
    const first = await send({
      narrative: 'The restaurant on the corner is on fire, flames from the roof.',
      observedAt: at,
      location: { ...a, accuracyMeters: 20 },
    });
    await send({
      narrative: '饭店着火了，楼顶冒出大火，消防车刚到。',
      observedAt: at,
      location: { ...offset(a, 40, 30), accuracyMeters: 20 },
    });
    await settled();
    const before = await incident((await report(first)).incidentId);
    const afar = await send({
      narrative: 'Big black smoke in the distance, looks like a building burning.',
      observedAt: at,
      location: { ...offset(a, 1400), accuracyMeters: 10 },
    });
    const own = await send({
      narrative: 'Big black smoke, looks like a building burning.',
      observedAt: at,
      location: { ...offset(a, -1400), accuracyMeters: 10 },
    });
    await settled();
    expect((await report(afar)).incidentId).toBe(before.id);
    expect((await report(own)).incidentId).not.toBe(before.id);
    const after = await incident(before.id);
    expect(after.reportCount).toBe(3);
    expect(after.centroid.lat).toBeCloseTo(before.centroid.lat, 6);
  });
});

describe('a routine complaint', () => {
  it('is kept apart with its reason, even beside another complaint at the same spot and time', async () => {
    const a = { lat: 22.5431, lon: 114.0579 }; // Shenzhen
    const at = beijingTime(2 * HOUR);
    const light = await send({
      narrative: 'The street light outside block 3 has been out for a week.',
      observedAt: at,
      location: { ...a, accuracyMeters: 15 },
    });
    const rubbish = await send({
      narrative: '小区门口的垃圾三天没人收了。',
      observedAt: at,
      location: { ...offset(a, 20), accuracyMeters: 15 },
    });
    await settled();
    const [l, r] = [await report(light), await report(rubbish)];
    expect(l.incidentId).not.toBe(r.incidentId);
    expect(l.incidentReason).toBe('cluster.routine');
    expect(r.incidentReason).toBe('cluster.routine');
  });
});

describe('an analyst’s hand', () => {
  it('merges two incidents; a new report near either joins the merged one', async () => {
    const a = { lat: 22.5431, lon: 114.0579 }; // Shenzhen
    const b = offset(a, 3000);
    const at = beijingTime(6 * HOUR);
    const inA = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...a, accuracyMeters: 20 },
    });
    const inB = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...b, accuracyMeters: 20 },
    });
    await settled();
    const ia = (await report(inA)).incidentId;
    const ib = (await report(inB)).incidentId;
    expect(ia).not.toBe(ib);
    const refused = await post(`/api/v1/incidents/${ia}/merge`, { incidentIds: [ib] }, analyst);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/reason/);
    const merged = await post(
      `/api/v1/incidents/${ia}/merge`,
      { incidentIds: [ib], reason: 'same convoy seen from both ends' },
      analyst,
    );
    expect(merged.status).toBe(200);
    const gone = await incident(ib);
    expect(gone.mergedInto).toBe(ia);
    const late = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...offset(b, 40), accuracyMeters: 20 },
    });
    await settled();
    expect((await report(late)).incidentId).toBe(ia);
    const survivor = await incident(ia);
    expect(survivor.reportIds.sort()).toEqual([inA, inB, late].sort());
    expect(survivor.changes.map((c) => c.kind)).toContain('merge');
    const audit = await getJson(`${server.url}/api/v1/audit?action=incident.merged`, auditor);
    expect(JSON.stringify(audit.body)).toContain(ia);
  });

  it('splits reports out; a report that fits both halves never joins them again', async () => {
    const a = { lat: 36.0671, lon: 120.3826 }; // Qingdao
    const at = beijingTime(7 * HOUR);
    const ids: string[] = [];
    for (const m of [0, 40, 80]) {
      ids.push(
        await send({
          narrative: SUSPICIOUS,
          observedAt: at,
          location: { ...offset(a, m), accuracyMeters: 20 },
        }),
      );
    }
    await settled();
    const whole = (await report(ids[0]!)).incidentId;
    expect((await incident(whole)).reportCount).toBe(3);
    const split = await post(
      `/api/v1/incidents/${whole}/split`,
      { reportIds: [ids[2]], reason: 'two different vans' },
      supervisor,
    );
    expect(split.status).toBe(201);
    const other = split.body.newIncidentId as string;
    expect((await report(ids[2]!)).incidentPinned).toBe(true);
    const bridge = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...offset(a, 60), accuracyMeters: 20 },
    });
    await settled();
    const joined = (await report(bridge)).incidentId;
    expect([whole, other]).toContain(joined);
    expect((await incident(whole)).mergedInto).toBeNull();
    expect((await incident(other)).mergedInto).toBeNull();
    const total = (await incident(whole)).reportCount + (await incident(other)).reportCount;
    expect(total).toBe(4);
  });

  it('moves a report by hand and pins it there', async () => {
    const a = { lat: 38.0428, lon: 114.5149 }; // Shijiazhuang
    const at = beijingTime(8 * HOUR);
    const one = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...a, accuracyMeters: 20 },
    });
    const two = await send({
      narrative: SUSPICIOUS,
      observedAt: at,
      location: { ...offset(a, 4000), accuracyMeters: 20 },
    });
    await settled();
    const target = (await report(one)).incidentId;
    const moved = await post(`/api/v1/reports/${two}/incident`, {
      incidentId: target,
      reason: 'same event',
    });
    expect(moved.status).toBe(200);
    const r = await report(two);
    expect(r.incidentId).toBe(target);
    expect(r.incidentPinned).toBe(true);
    const missing = await post(`/api/v1/reports/${two}/incident`, {
      incidentId: 'i_nope',
      reason: 'x',
    });
    expect(missing.status).toBe(404);
  });
});
