// The F6 scenario: a simulated tip line over two cities and several days, with the
// truth of which reports are about which real-world event and from how many
// independent sources. Writes an import file for `tipwire import` (one Report JSON
// per line, in arrival order) and the truth, for bench/scenario/score.mjs.
//
//   node bench/scenario/generate.mjs --seed 7 --reports 5000 --out /tmp/s7
//     → /tmp/s7/reports.jsonl, /tmp/s7/truth.json
//
// The model (README.md next to this file has the full list of decisions):
// - Events of tipwire's kinds at hotspots of Beijing and Xi'an, each with a place, a
//   start and a duration. Two events of one kind group less than 2 km apart are at
//   least 4 h apart; closer in time they differ in group ("a fire" and "a car
//   photographing the base" at one corner). Some events are placed on purpose 150–500 m
//   from another of a different group at the same time, and some repeat one's kind
//   and place 1–3 days later.
// - Witnesses per event: a heavy-tailed count (1–40). An honest witness states where
//   and when with an error that matches the accuracy and precision stated (place: a
//   2-D normal whose 95 % radius is the stated accuracy; time: see times.mjs).
// - Vague witnesses (about 8 %): a city or district name, a landmark no gazetteer
//   knows, or 2–40 km; and/or a part of the day, a day, 2–6 h, or no time.
// - Repeat callers (one number, 2–5 calls about one event), frequent reporters (one
//   number, several events), sensors (a feed: smoke, water, gas): one source each.
// - Copy-paste campaigns: 5–30 near-identical texts about one event (or about a made-up
//   one), without numbers or with a different number each: one source.
// - Corrected re-sends (a later line with the same externalId and a fixed time, place
//   or text) and exact re-sends: one report.
// - Unrelated noise: single reports at random places and times.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CITIES,
  FEATURES,
  SENSITIVE_SITES,
  TIMEZONE,
  distanceMeters,
  makeHotspots,
  offsetMeters,
} from './city.mjs';
import { createRng } from './rng.mjs';
import {
  DAY,
  HOUR,
  MINUTE,
  drawPrecision,
  fromLocal,
  isoUtc,
  localParts,
  preciseTime,
  vagueTime,
} from './times.mjs';
import {
  KINDS,
  KIND_CODES,
  SENSOR_KINDS,
  campaignCopy,
  campaignNarrative,
  categoryFor,
  eventAttributes,
  mundaneNarrative,
  sensorNarrative,
  witnessNarrative,
} from './words.mjs';

export const TRUTH_FORMAT = 'tipwire-scenario-truth/1';

/** Shares of the mix; each documented in README.md. */
export const SHARES = {
  /** Reports about nothing (singletons in truth). */
  noise: 0.07,
  /** Members of copy-paste campaigns about real events. */
  campaign: 0.06,
  /** Members of campaigns about made-up events. */
  fakeCampaign: 0.02,
  /** Of event witnesses: vague about place and/or time. */
  vague: 0.1,
  /** Of event witnesses: repeat callers (2–5 calls each). */
  repeatCaller: 0.03,
  /** Of event witnesses: a frequent reporter (one number across events). */
  frequentReporter: 0.03,
  /** Of witnesses of fires, floods and gas leaks: a sensor of a partner's feed. */
  sensor: 0.12,
  /** Of reports: re-sent later with a correction under the same externalId. */
  corrected: 0.03,
  /** Of reports: re-sent later unchanged. */
  resentUnchanged: 0.01,
  /** Of events: placed 150–500 m from another, same time, another kind group. */
  neighbour: 0.15,
  /** Of events: the kind and place of an earlier one, 1–3 days later. */
  recurrence: 0.06,
};

/** Same-group events nearer than this… */
const SEPARATION_METERS = 2000;
/** …are at least this far apart in time. */
const SEPARATION_GAP_MS = 4 * HOUR;
/** 95 % of a 2-D normal lies within 2.4477 σ (√(−2 ln 0.05)). */
const RADIUS95_SIGMAS = Math.sqrt(-2 * Math.log(0.05));

/** Events per hour of the local day (relative): few at night. */
const HOUR_PROFILE = [
  1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2, 2, 2, 2, 2.2, 2, 2, 2, 2.2, 2.5, 2.8, 2.8, 2.5, 2.2, 1.8,
  1.3,
];

const round6 = (x) => Math.round(x * 1e6) / 1e6;

/** A point drawn around `p` so that 95 % of draws fall within `accuracyMeters`. */
function honestPoint(rng, p, accuracyMeters) {
  const sigma = accuracyMeters / RADIUS95_SIGMAS;
  return offsetMeters(p, rng.normal() * sigma, rng.normal() * sigma);
}

function drawAccuracy(rng) {
  const r = rng.next();
  if (r < 0.6) return Math.round(rng.logUniform(10, 50)); // GPS
  if (r < 0.92) return Math.round(rng.uniform(100, 300) / 5) * 5; // street level, Wi-Fi
  return Math.round(rng.uniform(500, 1500) / 50) * 50; // cell tower
}

/** `39°54'15.12"N` */
function dms(value, pos, neg) {
  const hemi = value >= 0 ? pos : neg;
  let v = Math.abs(value);
  const d = Math.floor(v);
  v = (v - d) * 60;
  const m = Math.floor(v);
  const s = ((v - m) * 60).toFixed(2);
  return `${d}°${m}'${s}"${hemi}`;
}

/** An honest witness's place: coordinates in one of the forms people and devices send. */
function preciseLocation(rng, point, site) {
  const accuracy = drawAccuracy(rng);
  const r = rng.next();
  if (r < 0.05 && accuracy <= 50) {
    // Three decimals and no accuracy: tipwire reads about 78 m from the digits.
    const p = honestPoint(rng, point, 10);
    return { lat: Math.round(p.lat * 1000) / 1000, lon: Math.round(p.lon * 1000) / 1000 };
  }
  if (r < 0.08) {
    // "lat, lon" as text, four decimals (about 8 m).
    const p = honestPoint(rng, point, 4);
    return `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;
  }
  const p = honestPoint(rng, point, accuracy);
  if (r < 0.1)
    return { lat: dms(p.lat, 'N', 'S'), lon: dms(p.lon, 'E', 'W'), accuracyMeters: accuracy };
  const loc = { lat: round6(p.lat), lon: round6(p.lon), accuracyMeters: accuracy };
  // A Chinese description of the spot next to the point (not a gazetteer name).
  if (r < 0.18) loc.text = `${site.street[0]}${site.feature[0]}`;
  return loc;
}

/**
 * A vague witness's place: a district or city name, 2–40 km, or (`unresolvable`) a
 * landmark tipwire's gazetteer does not know ("near the university").
 */
function vagueLocation(rng, event, lang, unresolvable) {
  const city = CITIES.find((c) => c.id === event.city);
  const r = rng.next();
  const district = city.districts.find((d) => distanceMeters(d, event) <= 3000);
  if (r < 0.25 && district)
    return { text: district.en && lang === 'en' ? district.en : district.zh };
  if (r < 0.55)
    return rng.chance(0.5) ? rng.pick(city.cityTexts) : { text: rng.pick(city.cityTexts) };
  if (r < 0.7 && unresolvable) return { text: rng.pick(city.landmarks)[lang === 'zh' ? 0 : 1] };
  const accuracy = Math.round(rng.uniform(2000, 40000) / 100) * 100;
  const p = honestPoint(rng, event, accuracy);
  return { lat: round6(p.lat), lon: round6(p.lon), accuracyMeters: accuracy };
}

/** A mobile number: mostly Chinese (+86 1xx), written the ways people write it. */
function makePhone(rng, foreign = false) {
  if (foreign) {
    return rng.chance(0.5) ? `+1 202 555 01${rng.digits(2)}` : `+44 7700 900${rng.digits(3)}`;
  }
  const prefix = rng.pick([
    '130',
    '131',
    '135',
    '136',
    '138',
    '139',
    '150',
    '152',
    '158',
    '186',
    '188',
    '177',
    '199',
  ]);
  return `+86${prefix}${rng.digits(8)}`;
}

/** The same number as a person writes it this time. */
function writePhone(rng, e164) {
  if (!e164.startsWith('+86')) return e164;
  const d = e164.slice(3);
  return rng.weighted([
    [`+86${d}`, 4],
    [`+86 ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, 3],
    [`+86-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`, 2],
    [`(+86) ${d}`, 1],
  ]);
}

/** Phones given per channel (the number a caller ID or a form shows). */
const PHONE_SHARE = { phone: 0.92, app: 0.5, web: 0.2, api: 0.35, feed: 0 };

/** Minutes from seeing to reporting, per channel (log-normal medians). */
const DELAY_MEDIAN_MIN = { phone: 6, app: 12, web: 45, api: 20 };

function kindOfGroup(rng, kind) {
  const group = KINDS[kind].group;
  const others = KIND_CODES.filter((k) => k !== kind && KINDS[k].group === group);
  return others.length > 0 ? rng.pick(others) : kind;
}

function drawKind(rng, exceptGroup = null) {
  const table = KIND_CODES.filter((k) => KINDS[k].group !== exceptGroup).map((k) => [
    k,
    KINDS[k].weight,
  ]);
  return rng.weighted(table);
}

function makeSite(rng, city, near = null) {
  const pickStreet = () => rng.pick(city.streets);
  const street = near && rng.chance(0.5) ? near.street : pickStreet();
  let street2 = pickStreet();
  while (street2 === street) street2 = pickStreet();
  return { street, street2, feature: rng.pick(FEATURES) };
}

/** The gap between two events' windows (0 when they overlap). */
function windowGap(a, b) {
  const aEnd = a.start + a.durationMinutes * MINUTE;
  const bEnd = b.start + b.durationMinutes * MINUTE;
  return Math.max(0, Math.max(a.start, b.start) - Math.min(aEnd, bEnd));
}

/** Whether `e` is too near (in space and time) to a same-group event already placed. */
function conflicts(e, events, meters = SEPARATION_METERS, gapMs = SEPARATION_GAP_MS) {
  const group = KINDS[e.kind].group;
  return events.some(
    (o) =>
      o !== e &&
      KINDS[o.kind].group === group &&
      windowGap(o, e) < gapMs &&
      distanceMeters(o, e) < meters,
  );
}

function createPlanner(seed, span) {
  const rng = createRng(seed, 'events');
  const hotspots = makeHotspots(rng);
  const events = [];
  const randomStart = (durationMinutes) => {
    for (;;) {
      const day = rng.int(0, span.days - 1);
      const hour = rng.weighted(HOUR_PROFILE.map((w, h) => [h, w]));
      const start = span.start + day * DAY + hour * HOUR + rng.int(0, 59) * MINUTE;
      if (start + durationMinutes * MINUTE <= span.end) return start;
    }
  };
  const randomPoint = (city) => {
    const spot = rng.weighted(hotspots.get(city.id).map((s) => [s, s.weight]));
    return offsetMeters(spot, rng.normal() * 700, rng.normal() * 700);
  };
  const drawCity = () => rng.weighted(CITIES.map((c) => [c, c.weight]));
  const durationOf = (kind) => Math.round(rng.uniform(...KINDS[kind].minutes));

  function finish(e, city, site) {
    e.attrs = eventAttributes(rng, e.kind);
    e.site = site ?? makeSite(rng, city);
    e.sensitive = rng.pick(SENSITIVE_SITES);
    return e;
  }

  /** One more event, placed by the rules above. */
  function next() {
    for (let attempt = 0; attempt < 50; attempt++) {
      const shape =
        events.length < 10
          ? 'random'
          : rng.weighted({
              random: 1 - SHARES.neighbour - SHARES.recurrence,
              neighbour: SHARES.neighbour,
              recurrence: SHARES.recurrence,
            });
      let e;
      if (shape === 'neighbour') {
        const base = rng.pick(events);
        const city = CITIES.find((c) => c.id === base.city);
        const kind = drawKind(rng, KINDS[base.kind].group);
        const angle = rng.uniform(0, 2 * Math.PI);
        const dist = rng.uniform(150, 500);
        const p = offsetMeters(base, Math.cos(angle) * dist, Math.sin(angle) * dist);
        const durationMinutes = durationOf(kind);
        const start = base.start + Math.round(rng.uniform(-20, base.durationMinutes) * MINUTE);
        e = finish(
          { kind, city: city.id, ...p, start, durationMinutes, shape, near: base.uid },
          city,
          makeSite(rng, city, base.site),
        );
      } else if (shape === 'recurrence') {
        const base = rng.pick(events);
        const city = CITIES.find((c) => c.id === base.city);
        const p = offsetMeters(base, rng.normal() * 30, rng.normal() * 30);
        const start = base.start + rng.int(1, 3) * DAY + Math.round(rng.normal() * 90) * MINUTE;
        e = {
          kind: base.kind,
          city: city.id,
          ...p,
          start,
          durationMinutes: durationOf(base.kind),
          shape,
          near: base.uid,
        };
        e.attrs = rng.chance(0.5) ? base.attrs : eventAttributes(rng, base.kind);
        e.site = base.site;
        e.sensitive = base.sensitive;
      } else {
        const city = drawCity();
        const kind = drawKind(rng);
        const durationMinutes = durationOf(kind);
        e = finish(
          {
            kind,
            city: city.id,
            ...randomPoint(city),
            start: randomStart(durationMinutes),
            durationMinutes,
            shape,
          },
          city,
        );
      }
      if (e.start < span.start || e.start + e.durationMinutes * MINUTE > span.end) continue;
      if (conflicts(e, events)) continue;
      e.uid = events.length;
      events.push(e);
      return e;
    }
    throw new Error('could not place an event: too many events for the span');
  }

  /** A made-up event for a campaign: nowhere near a real one of its group. */
  function fake() {
    for (;;) {
      const city = drawCity();
      const kind = rng.pick([
        'explosion',
        'gunfire',
        'assault',
        'suspicious_package',
        'drone',
        'fire',
        'crowd',
        'suspicious_vehicle',
      ]);
      const e = finish(
        {
          kind,
          city: city.id,
          ...randomPoint(city),
          start: randomStart(30),
          durationMinutes: 30,
          shape: 'fake',
          fake: true,
        },
        city,
      );
      if (!conflicts(e, events)) return e;
    }
  }

  return { events, next, fake, randomPoint, randomStart, drawCity };
}

/** Languages: the city's mix, for a person. */
const langOf = (rng, cityId) =>
  rng.chance(CITIES.find((c) => c.id === cityId).chinese) ? 'zh' : 'en';

/**
 * The scenario for `seed`: `{lines, truth}`. `lines` are Report JSON objects in
 * arrival order (a corrected or unchanged re-send is a second line with the same
 * externalId); `truth` is what score.mjs reads (see README.md).
 */
export function generateScenario(options = {}) {
  const seed = options.seed ?? 1;
  const total = options.reports ?? 5000;
  if (!Number.isInteger(total) || total < 50) throw new Error('reports must be an integer ≥ 50');
  const days = options.days ?? Math.max(4, Math.round(total / 500));
  const [y, m, d] = (options.start ?? '2026-11-10').split('-').map(Number);
  const start = fromLocal(y, m, d);
  const span = { start, end: start + days * DAY, days };

  const planner = createPlanner(seed, span);
  const wrng = createRng(seed, 'witnesses');
  const crng = createRng(seed, 'campaigns');
  const nrng = createRng(seed, 'noise');
  const rrng = createRng(seed, 'resends');

  const counts = {
    noise: Math.round(total * SHARES.noise),
    campaign: Math.round(total * SHARES.campaign),
    fakeCampaign: Math.round(total * SHARES.fakeCampaign),
  };
  const eventBudget = total - counts.noise - counts.campaign - counts.fakeCampaign;

  const reports = [];
  let sourceSeq = 0;
  const newSource = (prefix) => `${prefix}${String(++sourceSeq).padStart(5, '0')}`;
  const frequent = Array.from({ length: Math.max(3, Math.round(total / 250)) }, () => ({
    source: newSource('p'),
    phone: makePhone(wrng),
    lang: wrng.chance(0.7) ? 'zh' : 'en',
    events: new Set(),
  }));

  // --- Event witnesses --------------------------------------------------------------
  /** One report of a witness; `prev` is the previous call of a repeat caller. */
  function witnessReport(event, person, { role, channel, vague = null, repeat = 0, prev = null }) {
    const end = event.start + event.durationMinutes * MINUTE;
    let trueMs;
    let arrival;
    if (prev) {
      arrival = prev.arrival + Math.round(wrng.uniform(10, 120) * MINUTE);
      trueMs =
        arrival < end
          ? Math.max(prev.trueMs, arrival - Math.round(wrng.uniform(0, 8) * MINUTE))
          : prev.trueMs;
    } else {
      trueMs = event.start + Math.round(wrng.next() * (end - event.start));
      // Without a time the arrival is all there is: such reports come soon.
      const delayMin =
        vague === 'no_time'
          ? wrng.uniform(10, 180)
          : vague === 'time' || vague === 'both'
            ? wrng.uniform(30, 30 * 60)
            : Math.max(1, wrng.logNormal(DELAY_MEDIAN_MIN[channel], 0.8));
      arrival = trueMs + Math.round(delayMin * MINUTE);
      if (!vague && wrng.chance(0.04)) arrival += Math.round(wrng.uniform(10, 36) * HOUR);
    }
    const lang = person.lang;
    const body = { channel };
    let timeForm;
    if (vague === 'no_time') timeForm = 'none';
    else if (vague === 'time' || vague === 'both') {
      const t = vagueTime(wrng, { trueMs, arrivalMs: arrival, lang });
      timeForm = t.form;
      if (t.observedAt !== undefined) body.observedAt = t.observedAt;
      if (t.precisionSeconds !== undefined) body.precisionSeconds = t.precisionSeconds;
    } else {
      const t = preciseTime(wrng, {
        trueMs,
        arrivalMs: arrival,
        precisionSeconds: drawPrecision(wrng),
        lang,
        channel,
      });
      timeForm = t.form;
      body.observedAt = t.observedAt;
      if (t.timezone) body.timezone = t.timezone;
      if (t.precisionSeconds !== undefined) body.precisionSeconds = t.precisionSeconds;
    }
    body.location =
      vague === 'place' || vague === 'both'
        ? vagueLocation(wrng, event, lang, vague === 'place')
        : preciseLocation(wrng, event, event.site);
    const mode = wrng.weighted({ explicit: 0.76, implicit: 0.2, ambiguous: 0.04 });
    const kindSaid = wrng.chance(0.08) ? kindOfGroup(wrng, event.kind) : event.kind;
    const attrs = kindSaid === event.kind ? event.attrs : eventAttributes(wrng, kindSaid);
    body.narrative = witnessNarrative(wrng, {
      kind: kindSaid,
      attrs,
      lang,
      site: event.site,
      sensitive: event.sensitive[lang === 'zh' ? 0 : 1],
      mode,
      repeat,
    });
    if (wrng.chance(0.4)) body.category = categoryFor(wrng, kindSaid, lang);
    if (wrng.chance(0.55)) {
      const heardKind = event.kind === 'gunfire' || event.kind === 'explosion';
      body.howKnown =
        heardKind && wrng.chance(0.6) ? 'heard' : wrng.chance(0.9) ? 'saw' : 'was_told';
    }
    if (
      person.phone &&
      (role === 'repeat' || role === 'frequent' || wrng.chance(PHONE_SHARE[channel]))
    ) {
      body.caller = { phone: writePhone(wrng, person.phone) };
    }
    body.receivedAt = isoUtc(arrival);
    return {
      body,
      arrival,
      trueMs,
      truth: { event, source: person.source, role, channel, lang, vague, timeForm },
    };
  }

  function sensorReport(event, source) {
    const trueMs = event.start + Math.round(wrng.uniform(0, 10) * MINUTE);
    const arrival = trueMs + Math.round(wrng.uniform(5, 120) * 1000);
    const p = honestPoint(wrng, event, 10);
    const body = {
      channel: 'feed',
      observedAt: wrng.chance(0.5) ? Math.round(trueMs / 1000) : isoUtc(trueMs),
      location: { lat: round6(p.lat), lon: round6(p.lon), accuracyMeters: 10 },
      narrative: sensorNarrative(wrng, event.kind, event.site),
      category: event.kind,
      howKnown: 'sensor',
      receivedAt: isoUtc(arrival),
    };
    return {
      body,
      arrival,
      trueMs,
      truth: {
        event,
        source,
        role: 'sensor',
        channel: 'feed',
        lang: 'en',
        vague: null,
        timeForm: 'device',
      },
    };
  }

  let planned = 0;
  while (planned < eventBudget) {
    const event = planner.next();
    const visibility = KINDS[event.kind].witnesses;
    const drawn = Math.min(
      40,
      Math.max(1, Math.round(wrng.paretoCount(1.3, 60) * visibility * wrng.uniform(0.7, 1.3))),
    );
    for (let i = 0; i < drawn && planned < eventBudget; i++) {
      const left = eventBudget - planned;
      if (SENSOR_KINDS.has(event.kind) && wrng.chance(SHARES.sensor)) {
        reports.push(sensorReport(event, newSource('s')));
        planned += 1;
        continue;
      }
      const r = wrng.next();
      if (r < SHARES.frequentReporter) {
        const person = wrng.pick(frequent);
        if (!person.events.has(event)) {
          person.events.add(event);
          reports.push(
            witnessReport(event, person, {
              role: 'frequent',
              channel: wrng.chance(0.7) ? 'phone' : 'app',
            }),
          );
          planned += 1;
          continue;
        }
      }
      const lang = langOf(wrng, event.city);
      const person = {
        source: newSource('w'),
        lang,
        phone: makePhone(wrng, lang === 'en' && wrng.chance(0.3)),
      };
      if (
        r >= SHARES.frequentReporter &&
        r < SHARES.frequentReporter + SHARES.repeatCaller &&
        left >= 2
      ) {
        const calls = Math.min(left, wrng.int(2, 5));
        let prev = null;
        for (let call = 0; call < calls; call++) {
          prev = witnessReport(event, person, {
            role: 'repeat',
            channel: wrng.chance(0.85) ? 'phone' : 'app',
            repeat: call,
            prev,
          });
          reports.push(prev);
        }
        planned += calls;
        continue;
      }
      const channel = wrng.weighted({ phone: 0.4, app: 0.28, web: 0.2, api: 0.12 });
      const vague = wrng.chance(SHARES.vague)
        ? wrng.weighted({ place: 0.42, time: 0.33, no_time: 0.1, both: 0.15 })
        : null;
      reports.push(
        witnessReport(event, person, { role: vague ? 'vague' : 'witness', channel, vague }),
      );
      planned += 1;
    }
  }

  // --- Campaigns ------------------------------------------------------------------
  const campaigns = [];
  const realEvents = planner.events.slice();
  const witnessesOf = new Map();
  for (const r of reports)
    witnessesOf.set(r.truth.event, (witnessesOf.get(r.truth.event) ?? 0) + 1);
  const appeal = {
    explosion: 4,
    fire: 3,
    gunfire: 4,
    crowd: 3,
    suspicious_package: 3,
    drone: 2,
    assault: 2,
    surveillance: 2,
    suspicious_vehicle: 1.5,
    traffic_accident: 1,
  };

  function runCampaign(event, size, fake) {
    const source = newSource('c');
    const city = CITIES.find((c) => c.id === event.city);
    const lang = crng.chance(city.chinese) ? 'zh' : 'en';
    const whereForm = crng.next();
    const district = city.districts.find((dd) => distanceMeters(dd, event) <= 3000);
    let where;
    if (whereForm < 0.5)
      where =
        lang === 'zh'
          ? `${event.site.street[0]}${event.site.feature[0]}`
          : `at the ${event.site.feature[1]} on ${event.site.street[1]}`;
    else if (whereForm < 0.75 && district)
      where = lang === 'zh' ? district.zh : `in ${district.en ?? city.en}`;
    else where = lang === 'zh' ? city.zh : `in ${city.en}`;
    const kindSaid = crng.chance(0.3) ? kindOfGroup(crng, event.kind) : event.kind;
    const original = campaignNarrative(crng, kindSaid, lang, where);
    // What the copies carry besides the text: the original poster's place and time, or none.
    const locForm = crng.weighted({ point: 0.55, text: 0.3, none: 0.15 });
    const accuracy = Math.round(crng.uniform(20, 300));
    const point = honestPoint(crng, event, accuracy);
    const location =
      locForm === 'point'
        ? { lat: round6(point.lat), lon: round6(point.lon), accuracyMeters: accuracy }
        : locForm === 'text'
          ? { text: district && crng.chance(0.5) ? district.zh : city.zh }
          : undefined;
    const trueMs = event.start + Math.round(crng.next() * event.durationMinutes * MINUTE);
    const timeForm = crng.weighted({ offset: 0.5, local: 0.25, none: 0.25 });
    const precision = crng.pick([600, 900, 1800]);
    const stated =
      Math.round((trueMs + (crng.normal() * (precision * 1000)) / 1.96 / 2) / (5 * MINUTE)) *
      5 *
      MINUTE;
    const firstPost = trueMs + Math.round(crng.uniform(10, 90) * MINUTE);
    const phones = crng.chance(0.35);
    const channel = crng.weighted({ web: 0.45, app: 0.25, api: 0.3 });
    campaigns.push({ source, event, size, fake, lang });
    for (let i = 0; i < size; i++) {
      const body = { channel: crng.chance(0.8) ? channel : crng.pick(['web', 'app', 'api']) };
      if (timeForm !== 'none' && crng.chance(0.9)) {
        const p = localParts(stated);
        body.observedAt =
          timeForm === 'offset'
            ? `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00+08:00`
            : `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
        body.precisionSeconds = precision;
      }
      if (location && crng.chance(0.9)) body.location = location;
      body.narrative = i === 0 ? original : campaignCopy(crng, original, lang);
      if (crng.chance(0.3)) body.category = crng.chance(0.6) ? kindSaid : 'other';
      if (phones) body.caller = { phone: makePhone(crng) };
      const arrival = i === 0 ? firstPost : firstPost + Math.round(crng.logNormal(60, 1) * MINUTE);
      body.receivedAt = isoUtc(arrival);
      reports.push({
        body,
        arrival,
        trueMs,
        truth: {
          event,
          source,
          role: fake ? 'fake_campaign' : 'campaign',
          channel: body.channel,
          lang,
          vague: null,
          timeForm,
        },
      });
    }
  }

  function fillCampaigns(budget, fake) {
    let left = budget;
    while (left > 0) {
      let size = Math.min(left, crng.paretoCount(1.1, 30, 5));
      if (left - size > 0 && left - size < 5) size = left;
      const event = fake
        ? planner.fake()
        : crng.weighted(
            realEvents.map((e) => [
              e,
              (appeal[e.kind] ?? 0.5) * Math.sqrt(witnessesOf.get(e) ?? 0),
            ]),
          );
      if (fake) planner.events.push(Object.assign(event, { uid: planner.events.length }));
      runCampaign(event, size, fake);
      left -= size;
    }
  }
  fillCampaigns(counts.campaign, false);
  fillCampaigns(counts.fakeCampaign, true);

  // --- Noise ------------------------------------------------------------------------
  for (let i = 0; i < counts.noise; i++) {
    const city = planner.drawCity();
    const lang = nrng.chance(city.chinese) ? 'zh' : 'en';
    const site = makeSite(nrng, city);
    const p = offsetMeters(city, nrng.normal() * 6000, nrng.normal() * 6000);
    const trueMs = span.start + Math.round(nrng.next() * (span.end - span.start));
    let narrative;
    let kind = nrng.chance(0.45) ? drawKind(nrng) : null;
    if (kind) {
      const probe = {
        kind,
        lat: p.lat,
        lon: p.lon,
        start: trueMs - 10 * MINUTE,
        durationMinutes: 20,
      };
      // A kind-named report next to a real event of its group would be a witness.
      if (conflicts(probe, planner.events, 1500, 3 * HOUR)) kind = null;
    }
    if (kind) {
      narrative = witnessNarrative(nrng, {
        kind,
        attrs: eventAttributes(nrng, kind),
        lang,
        site,
        sensitive: nrng.pick(SENSITIVE_SITES)[lang === 'zh' ? 0 : 1],
        mode: 'explicit',
      });
    } else narrative = mundaneNarrative(nrng, lang, site);
    const channel = nrng.weighted({ phone: 0.35, app: 0.25, web: 0.3, api: 0.1 });
    const arrival =
      trueMs + Math.round(Math.max(1, nrng.logNormal(DELAY_MEDIAN_MIN[channel], 1)) * MINUTE);
    const t = preciseTime(nrng, {
      trueMs,
      arrivalMs: arrival,
      precisionSeconds: drawPrecision(nrng),
      lang,
      channel,
    });
    const body = { channel, observedAt: t.observedAt };
    if (t.timezone) body.timezone = t.timezone;
    if (t.precisionSeconds !== undefined) body.precisionSeconds = t.precisionSeconds;
    if (nrng.chance(0.85)) body.location = preciseLocation(nrng, p, site);
    else if (nrng.chance(0.5)) body.location = { text: nrng.pick(city.cityTexts) };
    body.narrative = narrative;
    if (kind && nrng.chance(0.3)) body.category = categoryFor(nrng, kind, lang);
    if (nrng.chance(PHONE_SHARE[channel]))
      body.caller = { phone: writePhone(nrng, makePhone(nrng, lang === 'en' && nrng.chance(0.3))) };
    body.receivedAt = isoUtc(arrival);
    reports.push({
      body,
      arrival,
      trueMs,
      truth: {
        event: null,
        source: newSource('n'),
        role: 'noise',
        channel,
        lang,
        vague: null,
        timeForm: t.form,
      },
    });
  }

  // --- Re-sends ---------------------------------------------------------------------
  const lines = [];
  let order = 0;
  for (const report of reports) {
    report.order = order++;
    const r = rrng.next();
    if (report.truth.role !== 'sensor' && r < SHARES.corrected) {
      const first = withDefect(rrng, report.body);
      report.truth.resend = first.defect;
      lines.push({ report, at: report.arrival, body: first.body, seq: report.order * 2 });
      lines.push({
        report,
        at: report.arrival + Math.round(rrng.uniform(10, 20 * 60) * MINUTE),
        body: report.body,
        seq: report.order * 2 + 1,
      });
    } else if (r < SHARES.corrected + SHARES.resentUnchanged) {
      report.truth.resend = 'unchanged';
      lines.push({ report, at: report.arrival, body: report.body, seq: report.order * 2 });
      lines.push({
        report,
        at: report.arrival + Math.round(rrng.uniform(1, 6 * 60) * MINUTE),
        body: report.body,
        seq: report.order * 2 + 1,
      });
    } else {
      lines.push({ report, at: report.arrival, body: report.body, seq: report.order * 2 });
    }
  }
  lines.sort((a, b) => a.at - b.at || a.seq - b.seq);

  // --- Identifiers, in arrival order, and the truth ----------------------------------
  const ids = createIdMaker(createRng(seed, 'ids'));
  for (const line of lines) line.report.externalId ??= ids.next(line.report);

  // Events (and made-up ones) numbered by start.
  const used = new Set(reports.map((r) => r.truth.event).filter(Boolean));
  const ordered = planner.events
    .filter((e) => used.has(e))
    .sort((a, b) => a.start - b.start || a.uid - b.uid);
  let realSeq = 0;
  let fakeSeq = 0;
  for (const e of ordered)
    e.id = e.fake
      ? `f${String(++fakeSeq).padStart(3, '0')}`
      : `e${String(++realSeq).padStart(4, '0')}`;
  const sourcesOf = new Map();
  const reportsOf = new Map();
  for (const r of reports) {
    if (!r.truth.event) continue;
    const id = r.truth.event.id;
    if (!sourcesOf.has(id)) sourcesOf.set(id, new Set());
    sourcesOf.get(id).add(r.truth.source);
    reportsOf.set(id, (reportsOf.get(id) ?? 0) + 1);
  }
  const byId = new Map(planner.events.map((e) => [e.uid, e]));

  const truthReports = {};
  for (const r of [...reports].sort((a, b) => a.order - b.order)) {
    const t = r.truth;
    truthReports[r.externalId] = {
      event: t.event ? t.event.id : null,
      source: t.source,
      role: t.role,
      channel: t.channel,
      lang: t.lang,
      ...(t.vague ? { vague: t.vague } : {}),
      timeForm: t.timeForm,
      ...(t.resend ? { resend: t.resend } : {}),
      trueTime: isoUtc(r.trueMs),
    };
  }
  const truth = {
    format: TRUTH_FORMAT,
    seed,
    reportCount: reports.length,
    lineCount: lines.length,
    start: isoUtc(span.start),
    end: isoUtc(span.end),
    timezone: TIMEZONE,
    conventions: CONVENTIONS,
    events: ordered.map((e) => ({
      id: e.id,
      kind: e.kind,
      group: KINDS[e.kind].group,
      city: e.city,
      lat: round6(e.lat),
      lon: round6(e.lon),
      start: isoUtc(e.start),
      durationMinutes: e.durationMinutes,
      ...(e.fake ? { fake: true } : {}),
      shape: e.shape,
      ...(e.near !== undefined && byId.get(e.near)?.id ? { near: byId.get(e.near).id } : {}),
      reports: reportsOf.get(e.id) ?? 0,
      sources: sourcesOf.get(e.id)?.size ?? 0,
    })),
    campaigns: campaigns.map((c) => ({
      source: c.source,
      event: c.event.id,
      size: c.size,
      fake: c.fake,
      lang: c.lang,
    })),
    reports: truthReports,
  };
  const body = (line) => ({ externalId: line.report.externalId, ...line.body });
  return { lines: lines.map(body), truth };
}

/** The first version of a report that is later re-sent corrected: one field wrong. */
function withDefect(rng, body) {
  const copy = JSON.parse(JSON.stringify(body));
  const hasPoint =
    copy.location && typeof copy.location === 'object' && typeof copy.location.lat === 'number';
  const timeShiftable =
    typeof copy.observedAt === 'number' || /^\d{4}-\d{2}-\d{2}/.test(copy.observedAt ?? '');
  const options = [['narrative', 1]];
  if (timeShiftable) options.push(['time', 1.2]);
  if (hasPoint) options.push(['place', 1]);
  const defect = rng.weighted(options);
  if (defect === 'time') {
    const shift = rng.pick([-DAY, DAY, 12 * HOUR, -12 * HOUR, 3 * HOUR]);
    if (typeof copy.observedAt === 'number') copy.observedAt += shift / 1000;
    else {
      // Shift the wall clock text by the same amount, keeping its form.
      const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(copy.observedAt);
      const local = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + shift;
      const d = new Date(local);
      const pad = (n) => String(n).padStart(2, '0');
      const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${copy.observedAt[10]}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      copy.observedAt = text + copy.observedAt.slice(16);
    }
  } else if (defect === 'place') {
    // A slipped digit: 0.09° (about 10 km) off in latitude or longitude.
    const field = rng.chance(0.5) ? 'lat' : 'lon';
    copy.location = {
      ...copy.location,
      [field]: round6(copy.location[field] + (rng.chance(0.5) ? 0.09 : -0.09)),
    };
  } else {
    const n = copy.narrative;
    copy.narrative = rng.chance(0.5)
      ? n.slice(0, Math.max(4, Math.floor(n.length / 3))) + '…'
      : rng.pick([
          '(call dropped, details to follow)',
          '（电话中断，稍后补充）',
          'test',
          'see attachment',
        ]);
  }
  return { body: copy, defect };
}

/** externalIds as each channel's system writes them, in arrival order. */
function createIdMaker(rng) {
  const seen = new Set();
  const perDay = new Map();
  const partnerSeq = { shieldnet: 4000, 'campus-sec': 100, socialwatch: 81_000_000 };
  let feedSeq = 0;
  const unique = (make) => {
    for (;;) {
      const id = make();
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
  return {
    next(report) {
      const channel = report.truth.channel;
      const p = localParts(report.arrival);
      const ymd = `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
      switch (channel) {
        case 'phone': {
          const n = (perDay.get(ymd) ?? 0) + 1;
          perDay.set(ymd, n);
          return unique(() => `CALL-${ymd}-${String(n).padStart(5, '0')}`);
        }
        case 'web':
          return unique(() => `web-${rng.hex(12)}`);
        case 'app':
          return unique(
            () =>
              `app-${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`,
          );
        case 'feed':
          return unique(() => `cityops-sensors:${ymd}:${String(++feedSeq).padStart(6, '0')}`);
        default: {
          const campaign =
            report.truth.role === 'campaign' || report.truth.role === 'fake_campaign';
          const partner = campaign ? 'socialwatch' : rng.chance(0.7) ? 'shieldnet' : 'campus-sec';
          const n = ++partnerSeq[partner];
          return unique(() =>
            partner === 'shieldnet'
              ? `shieldnet:TX${String(n).padStart(7, '0')}`
              : partner === 'campus-sec'
                ? `campus-sec/${n}`
                : `socialwatch:${n}`,
          );
        }
      }
    },
  };
}

/** The scoring conventions, repeated in every truth file. */
export const CONVENTIONS = {
  clusters:
    'A report belongs to the truth cluster of its event. A report whose event is null (noise) is a cluster of its own. A campaign about a made-up event has that event (fake: true) as its cluster.',
  sources:
    'An incident has as many independent sources as distinct `source` values among its members: a repeat caller, a frequent reporter, a sensor and a copy-paste campaign are one source each.',
  resends:
    'A line whose externalId appeared before is a re-send of the same report (corrected or unchanged): one report, not two. The last line is the right one.',
  noise:
    'Honest place: a 2-D normal whose 95 % radius is accuracyMeters. Honest time: a normal with 95 % within precisionSeconds (σ = (p − 30 s)/1.96), rounded to the minute.',
};

/** Writes `reports.jsonl` and `truth.json` into `dir`; returns their paths. */
export function writeScenario(dir, scenario) {
  mkdirSync(dir, { recursive: true });
  const reportsFile = path.join(dir, 'reports.jsonl');
  const truthFile = path.join(dir, 'truth.json');
  writeFileSync(reportsFile, scenario.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  writeFileSync(truthFile, JSON.stringify(scenario.truth, null, 1) + '\n');
  return { reportsFile, truthFile };
}

/** A short account of a scenario, for the command line. */
export function describeScenario({ lines, truth }) {
  const roles = {};
  for (const r of Object.values(truth.reports)) roles[r.role] = (roles[r.role] ?? 0) + 1;
  const vague = Object.values(truth.reports).filter((r) => r.vague).length;
  const real = truth.events.filter((e) => !e.fake);
  return {
    seed: truth.seed,
    reports: Object.keys(truth.reports).length,
    lines: lines.length,
    events: real.length,
    fakeEvents: truth.events.length - real.length,
    campaigns: truth.campaigns.length,
    roles,
    vague,
    resends: Object.values(truth.reports).filter((r) => r.resend).length,
    largestEvent: Math.max(...real.map((e) => e.reports)),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      reports: { type: 'string', default: '5000' },
      days: { type: 'string' },
      start: { type: 'string', default: '2026-11-10' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    console.log(
      'node bench/scenario/generate.mjs --out DIR [--seed N] [--reports N] [--days N] [--start YYYY-MM-DD]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const scenario = generateScenario({
    seed: Number(values.seed),
    reports: Number(values.reports),
    days: values.days === undefined ? undefined : Number(values.days),
    start: values.start,
  });
  const files = writeScenario(values.out, scenario);
  const summary = describeScenario(scenario);
  console.log(JSON.stringify({ ...summary, ...files }, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
