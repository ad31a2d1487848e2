import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOW_KNOWN } from '../domain/report.js';
import {
  COMPLETENESS_MODEL,
  type CompletenessFacts,
  type CompletenessModel,
  type ComponentName,
  countWords,
  isVagueWho,
  scoreCompleteness,
} from './completeness.js';

/** A report as a phone call often starts: a short story, a vague time, a town. */
function makeFacts(overrides: Partial<CompletenessFacts> = {}): CompletenessFacts {
  return {
    who: null,
    what: { narrativeWords: 8, category: false },
    where: { accuracyMeters: 25_000 },
    when: { precisionSeconds: 3600, zoneKnown: true },
    howKnown: null,
    evidence: 0,
    ...overrides,
  };
}

/** Nothing at all: every component 0, so each test can switch on the one it is about. */
const NOTHING: CompletenessFacts = {
  who: null,
  what: { narrativeWords: 0, category: false },
  where: null,
  when: null,
  howKnown: null,
  evidence: 0,
};
const only = (overrides: Partial<CompletenessFacts>) => ({ ...NOTHING, ...overrides });
const component = (name: ComponentName, facts: CompletenessFacts) =>
  scoreCompleteness(facts).components[name];

const complete: CompletenessFacts = {
  who: { words: 6, vague: false },
  what: { narrativeWords: 40, category: true },
  where: { accuracyMeters: 10 },
  when: { precisionSeconds: 30, zoneKnown: true },
  howKnown: 'saw',
  evidence: 2,
};

/**
 * The model as completeness.ts documents it, read from the module's header: its table
 * (component, weight, "score when present") and the precision curve's floor. The
 * tests below check the code's model and each component's score against these
 * numbers, so the code cannot drift from its documentation unnoticed.
 */
function documentedModel() {
  const source = readFileSync(new URL('./completeness.ts', import.meta.url), 'utf8');
  const header = source.slice(source.indexOf('/**'), source.indexOf('*/'));
  const rows = new Map<string, { weight: number; present: string }>();
  for (const line of header.split('\n')) {
    const cells = line
      .replace(/^\s*\*\s*/, '')
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length === 4 && /^\d/.test(cells[1]!)) {
      rows.set(cells[0]!, { weight: Number(cells[1]), present: cells[3]! });
    }
  }
  const cell = (name: string, pattern: RegExp) => {
    const m = rows.get(name)?.present.match(pattern);
    if (!m) throw new Error(`the header's ${name} row no longer reads ${pattern}`);
    return m.slice(1).map(Number);
  };
  const [whenBest, whenWorstDays, whenFloor] = cell(
    'when',
    /≤ (\d+) s → 1, ≥ (\d+) days → ([\d.]+)/,
  );
  const [whereBest, whereWorstKm, whereFloor] = cell(
    'where',
    /≤ (\d+) m → 1, ≥ (\d+) km → ([\d.]+)/,
  );
  const [narrativeShare, whatWords, categoryShare] = cell(
    'what',
    /^([\d.]+) × min\(1, words \/ (\d+)\) \+ ([\d.]+) × \(category given\)$/,
  );
  const [whoBase, whoShare, whoWords, vagueScore] = cell(
    'who',
    /^([\d.]+) \+ ([\d.]+) × min\(1, words \/ (\d+)\); only .* → ([\d.]+)$/,
  );
  const [howKnownScore, otherScore] = cell('howKnown', /^(\d+); `other` → ([\d.]+)$/);
  const [evidenceScore] = cell('evidence', /^(\d+)$/);
  const floor = Number(header.match(/with floor ([\d.]+)/)?.[1]);
  return {
    weights: Object.fromEntries([...rows].map(([name, row]) => [name, row.weight])),
    floor,
    when: { best: whenBest!, worst: whenWorstDays! * 86_400, floor: whenFloor! },
    where: { best: whereBest!, worst: whereWorstKm! * 1000, floor: whereFloor! },
    what: {
      narrativeShare: narrativeShare!,
      detailWords: whatWords!,
      categoryShare: categoryShare!,
    },
    who: { base: whoBase!, share: whoShare!, detailWords: whoWords!, vague: vagueScore! },
    howKnown: { score: howKnownScore!, other: otherScore! },
    evidence: evidenceScore!,
  };
}

const DOC = documentedModel();

/** The documented precision curve, x in the component's unit (s or m). */
const curve = (x: number, c: { best: number; worst: number }) =>
  DOC.floor +
  (1 - DOC.floor) * Math.min(1, Math.max(0, Math.log(c.worst / x) / Math.log(c.worst / c.best)));

describe('the documented completeness model', () => {
  it('has the six components of the header table, each with the weight the table gives', () => {
    expect(Object.keys(DOC.weights).sort()).toEqual(Object.keys(COMPLETENESS_MODEL.weights).sort());
    for (const [name, weight] of Object.entries(DOC.weights)) {
      expect({ name, weight: COMPLETENESS_MODEL.weights[name as ComponentName] }).toEqual({
        name,
        weight,
      });
    }
  });

  it('scores a report with one component at its best at exactly that component’s weight (no weight swapped)', () => {
    const best: Record<ComponentName, Partial<CompletenessFacts>> = {
      when: { when: { precisionSeconds: DOC.when.best, zoneKnown: true } },
      where: { where: { accuracyMeters: DOC.where.best } },
      what: { what: { narrativeWords: DOC.what.detailWords, category: true } },
      who: { who: { words: DOC.who.detailWords, vague: false } },
      howKnown: { howKnown: 'saw' },
      evidence: { evidence: 1 },
    };
    for (const [name, facts] of Object.entries(best)) {
      const weight = DOC.weights[name]!;
      expect({ name, score: scoreCompleteness(only(facts)).score }).toEqual({
        name,
        score: weight,
      });
    }
  });

  it('keeps the documented constants in COMPLETENESS_MODEL', () => {
    expect(DOC.when.floor).toBe(DOC.floor);
    expect(DOC.where.floor).toBe(DOC.floor);
    expect(COMPLETENESS_MODEL).toMatchObject({
      presentFloor: DOC.floor,
      when: { bestSeconds: DOC.when.best, worstSeconds: DOC.when.worst },
      where: { bestMeters: DOC.where.best, worstMeters: DOC.where.worst },
      what: { detailWords: DOC.what.detailWords, narrativeShare: DOC.what.narrativeShare },
      who: { detailWords: DOC.who.detailWords },
    });
    // The shares of "what" and of "who" each make up the whole.
    expect(DOC.what.narrativeShare + DOC.what.categoryShare).toBeCloseTo(1, 10);
    expect(DOC.who.base + DOC.who.share).toBeCloseTo(1, 10);
    expect(DOC.who.base).toBe(DOC.floor);
  });

  it('weights sum to 1 so the score is a weighted mean', () => {
    const sum = Object.values(COMPLETENESS_MODEL.weights).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
  });
});

describe('when and where: the precision curve', () => {
  const when = (precisionSeconds: number | null) =>
    component('when', only({ when: { precisionSeconds, zoneKnown: true } }));
  const where = (accuracyMeters: number | null) =>
    component('where', only({ where: { accuracyMeters } }));

  it('scores a time 1 at ± 30 s and better, and just below 1 one second coarser', () => {
    expect(when(DOC.when.best - 1)).toBe(1);
    expect(when(DOC.when.best)).toBe(1);
    expect(when(DOC.when.best + 1)).toBeCloseTo(curve(DOC.when.best + 1, DOC.when), 4);
    expect(when(DOC.when.best + 1)).toBeLessThan(1);
  });

  it('scores a time the floor at ± 7 days and coarser', () => {
    expect(when(DOC.when.worst - 3600)).toBeCloseTo(curve(DOC.when.worst - 3600, DOC.when), 4);
    expect(when(DOC.when.worst - 3600)).toBeGreaterThan(DOC.floor);
    expect(when(DOC.when.worst)).toBe(DOC.floor);
    expect(when(DOC.when.worst + 1)).toBe(DOC.floor);
    expect(when(10 * DOC.when.worst)).toBe(DOC.floor);
  });

  it('follows the logarithmic curve in between: each tenfold gain in precision is worth the same', () => {
    for (const x of [60, 3600, 86_400]) {
      expect(when(x)).toBeCloseTo(curve(x, DOC.when), 4);
    }
    expect(when(360) - when(3600)).toBeCloseTo(when(3600) - when(36_000), 3);
    expect(where(100) - where(1000)).toBeCloseTo(where(1000) - where(10_000), 3);
  });

  it('scores a place 1 at ± 10 m and better, and the floor at ± 50 km and coarser', () => {
    expect(where(DOC.where.best - 1)).toBe(1);
    expect(where(DOC.where.best)).toBe(1);
    expect(where(DOC.where.best + 1)).toBeCloseTo(curve(DOC.where.best + 1, DOC.where), 4);
    expect(where(DOC.where.best + 1)).toBeLessThan(1);
    expect(where(25_000)).toBeCloseTo(curve(25_000, DOC.where), 4);
    expect(where(DOC.where.worst)).toBe(DOC.floor);
    expect(where(DOC.where.worst + 1)).toBe(DOC.floor);
  });

  it('takes a zero or negative ± as exact', () => {
    expect(when(0)).toBe(1);
    expect(where(-5)).toBe(1);
  });

  it('gives a time or place present but unreadable the floor, and an absent one 0', () => {
    expect(when(null)).toBe(DOC.floor);
    expect(when(Number.NaN)).toBe(DOC.floor);
    expect(where(null)).toBe(DOC.floor);
    expect(where(Number.POSITIVE_INFINITY)).toBe(DOC.floor);
    expect(component('when', NOTHING)).toBe(0);
    expect(component('where', NOTHING)).toBe(0);
  });
});

describe('what: narrative words and a category', () => {
  const what = (narrativeWords: number, category = false) =>
    component('what', only({ what: { narrativeWords, category } }));
  const { narrativeShare, categoryShare, detailWords } = DOC.what;

  it('grows with the narrative up to 20 words, then stays at its share', () => {
    expect(what(detailWords - 1)).toBeCloseTo(
      (narrativeShare * (detailWords - 1)) / detailWords,
      4,
    );
    expect(what(detailWords)).toBeCloseTo(narrativeShare, 4);
    expect(what(detailWords + 1)).toBeCloseTo(narrativeShare, 4);
  });

  it('adds the category share when a category is given, even without a narrative', () => {
    expect(what(0, true)).toBeCloseTo(categoryShare, 4);
    expect(what(detailWords, true)).toBe(1);
    expect(what(0, false)).toBe(0);
  });
});

describe('who: subjects', () => {
  const who = (words: number, vague = false) => component('who', only({ who: { words, vague } }));
  const { base, share, detailWords, vague } = DOC.who;

  it('scores the floor plus a share growing up to 4 words', () => {
    expect(who(0)).toBe(base);
    expect(who(detailWords - 1)).toBeCloseTo(base + (share * (detailWords - 1)) / detailWords, 4);
    expect(who(detailWords)).toBe(1);
    expect(who(detailWords + 1)).toBe(1);
  });

  it('scores a vague "who" the floor however many words it has, never 1', () => {
    expect(who(1, true)).toBe(vague);
    expect(who(detailWords, true)).toBe(vague);
    expect(who(detailWords + 5, true)).toBe(vague);
  });

  it('scores no subjects 0', () => {
    expect(component('who', NOTHING)).toBe(0);
  });
});

describe('howKnown and evidence', () => {
  it('scores every way of knowing 1 except "other", which scores 0.5', () => {
    for (const howKnown of HOW_KNOWN) {
      const expected = howKnown === 'other' ? DOC.howKnown.other : DOC.howKnown.score;
      expect({ howKnown, score: component('howKnown', only({ howKnown })) }).toEqual({
        howKnown,
        score: expected,
      });
    }
    expect(COMPLETENESS_MODEL.howKnownScore.other).toBe(DOC.howKnown.other);
    expect(component('howKnown', NOTHING)).toBe(0);
  });

  it('scores evidence 1 from the first item on, 0 without', () => {
    expect(component('evidence', only({ evidence: 0 }))).toBe(0);
    expect(component('evidence', only({ evidence: 1 }))).toBe(DOC.evidence);
    expect(component('evidence', only({ evidence: 3 }))).toBe(DOC.evidence);
  });
});

describe('scoreCompleteness', () => {
  it('scores a complete, precise report 1 and an empty one 0', () => {
    expect(scoreCompleteness(complete)).toMatchObject({ score: 1, presence: 1 });
    expect(scoreCompleteness(NOTHING)).toMatchObject({ score: 0, presence: 0 });
  });

  it('is the weighted mean of the components: Σ weight × component / Σ weight', () => {
    const facts = makeFacts({ who: { words: 2, vague: false }, howKnown: 'other', evidence: 1 });
    const { components, score } = scoreCompleteness(facts);
    const w = COMPLETENESS_MODEL.weights;
    const mean = (Object.keys(w) as ComponentName[]).reduce((t, k) => t + w[k] * components[k], 0);
    expect(score).toBeCloseTo(mean, 3);
  });

  it('divides by the sum of the weights: a model with every weight doubled scores the same', () => {
    const doubled: CompletenessModel = {
      ...COMPLETENESS_MODEL,
      weights: Object.fromEntries(
        Object.entries(COMPLETENESS_MODEL.weights).map(([k, v]) => [k, 2 * v]),
      ) as CompletenessModel['weights'],
    };
    const facts = makeFacts();
    expect(scoreCompleteness(facts, doubled).score).toBe(scoreCompleteness(facts).score);
  });

  it('rewards precision, not only presence', () => {
    const townAndHour = scoreCompleteness(makeFacts());
    const streetAndMinute = scoreCompleteness(
      makeFacts({ where: { accuracyMeters: 50 }, when: { precisionSeconds: 60, zoneKnown: true } }),
    );
    expect(townAndHour.presence).toBe(streetAndMinute.presence);
    expect(streetAndMinute.score).toBeGreaterThan(townAndHour.score);
  });

  it('counts presence as the share of the six facts present at all, however vague', () => {
    const sixth = Math.round(10_000 / 6) / 10_000;
    for (const facts of [
      { when: { precisionSeconds: null, zoneKnown: false } },
      { where: { accuracyMeters: null } },
      { what: { narrativeWords: 1, category: false } },
      { who: { words: 1, vague: true } },
      { howKnown: 'other' as const },
      { evidence: 1 },
    ]) {
      expect(scoreCompleteness(only(facts)).presence).toBe(sixth);
    }
    // A category without a narrative scores, but the narrative is what "present" counts.
    expect(scoreCompleteness(only({ what: { narrativeWords: 0, category: true } })).presence).toBe(
      0,
    );
  });

  it('rounds the score and every component to 4 decimals', () => {
    const r = scoreCompleteness(
      only({ when: { precisionSeconds: 3600, zoneKnown: true }, who: { words: 1, vague: false } }),
    );
    for (const value of [r.score, ...Object.values(r.components)]) {
      expect(Math.round(value * 10_000) / 10_000).toBe(value);
    }
    expect(r.components.when).not.toBe(curve(3600, DOC.when)); // the raw curve has more digits
  });
});

describe('isVagueWho', () => {
  /** Subjects that name nobody in particular, as the model lists them. */
  const VAGUE = [
    'someone',
    'somebody',
    'some people',
    'people',
    'a person',
    'unknown',
    'i dont know',
    '有人',
    '某人',
    '一些人',
    '不知道',
    '不清楚',
    '不认识',
  ];

  it.each(VAGUE)('reads "%s" as nobody in particular', (text) => {
    expect(isVagueWho(text)).toBe(true);
  });

  it('lists exactly those subjects in the model', () => {
    expect([...COMPLETENESS_MODEL.vagueWho].sort()).toEqual([...VAGUE].sort());
  });

  it('ignores case, surrounding blanks, apostrophes and end punctuation', () => {
    expect(isVagueWho('  Someone.  ')).toBe(true);
    expect(isVagueWho("I don't know!")).toBe(true);
    expect(isVagueWho('I don’t know?')).toBe(true);
    expect(isVagueWho('有人。')).toBe(true);
    expect(isVagueWho('不知道！')).toBe(true);
    expect(isVagueWho('UNKNOWN')).toBe(true);
  });

  it('does not read a description as vague', () => {
    expect(isVagueWho('someone in a red coat')).toBe(false);
    expect(isVagueWho('two men')).toBe(false);
    expect(isVagueWho('有人开车')).toBe(false);
    expect(isVagueWho('')).toBe(false);
  });
});

describe('countWords', () => {
  it('counts nothing in no text', () => {
    expect(countWords(null)).toBe(0);
    expect(countWords(undefined)).toBe(0);
    expect(countWords('')).toBe(0);
    expect(countWords(' -- ')).toBe(0);
  });

  it('counts words in English and Chinese', () => {
    expect(countWords('A drone fell behind the north gate.')).toBe(7);
    expect(countWords('无人机掉在北门后面')).toBe(4.5);
  });

  it('reads ASCII letters and digits as word characters, up to the edges of each range', () => {
    expect(countWords('0 9 a z A Z')).toBe(6);
    expect(countWords('AZaz09')).toBe(1);
    // The characters just outside each range separate words.
    for (const separator of ['/', ':', '@', '[', '`', '{', '\x7f']) {
      expect({ separator, words: countWords(`ab${separator}cd`) }).toEqual({ separator, words: 2 });
    }
  });

  it('counts each character of the main Han block as half a word, up to its edges U+4E00 and U+9FFF', () => {
    expect(countWords('\u4e00')).toBe(0.5);
    expect(countWords('\u9fff')).toBe(0.5);
    expect(countWords('\u4dff')).toBe(0); // a Yijing hexagram, just below: a symbol
    expect(countWords('\ua000')).toBe(1); // Yi syllable, just above: a letter of another script
  });

  it('counts Han characters outside the main block as half a word too', () => {
    expect(countWords('\u3400')).toBe(0.5); // Extension A
    expect(countWords('\u2e80')).toBe(0.5); // the first Han character (a radical)
    expect(countWords('\u{20000}')).toBe(0.5); // Extension B, a surrogate pair
    expect(countWords('\u{20000}\u{2a700}')).toBe(1);
    expect(countWords('\uf900')).toBe(0.5); // a compatibility ideograph
  });

  it('ends a word at a Han character: a Latin word on each side counts twice', () => {
    expect(countWords('GPS坐标ok')).toBe(3);
  });

  it('reads letters of other scripts as words', () => {
    expect(countWords('Привет, мир')).toBe(2);
    expect(countWords('안녕 세계')).toBe(2);
    expect(countWords('Ελλάδα')).toBe(1);
  });

  it('reads digits of other scripts as word characters', () => {
    expect(countWords('٣٤ ١٠٨')).toBe(2); // Arabic-Indic
    expect(countWords('३४')).toBe(1); // Devanagari
  });

  it('keeps a combining mark inside the word it follows', () => {
    expect(countWords('nai\u0308ve cafe\u0301')).toBe(2); // decomposed "naïve café"
    expect(countWords('हिन्दी भाषा')).toBe(2); // vowel signs and virama
    expect(countWords('\u0301')).toBe(0); // a mark alone is no word
    expect(countWords('ab \u0301cd')).toBe(2);
  });

  it('reads symbols and emoji (surrogate pairs) as separators', () => {
    expect(countWords('fire🔥here')).toBe(2);
    expect(countWords('🔥🚁')).toBe(0);
    expect(countWords('a—b')).toBe(2);
    expect(countWords('a\uffffb')).toBe(2); // the last BMP code point, a non-character
  });

  it('reads a supplementary letter as one character, its two halves together', () => {
    expect(countWords('𝐀b')).toBe(1); // MATHEMATICAL BOLD CAPITAL A, then b
    expect(countWords('𐐷𐐷 x')).toBe(2); // Deseret letters
  });
});
