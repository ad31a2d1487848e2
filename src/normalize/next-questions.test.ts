import { describe, expect, it } from 'vitest';
import { COMPLETENESS_MODEL, type CompletenessFacts, scoreCompleteness } from './completeness.js';
import { nextQuestions, QUESTIONS } from './next-questions.js';
import { NORMALIZE_DEFAULTS } from './settings.js';
import { MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES } from './zones.js';

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

const complete: CompletenessFacts = {
  who: { words: 6, vague: false },
  what: { narrativeWords: 40, category: true },
  where: { accuracyMeters: 10 },
  when: { precisionSeconds: 30, zoneKnown: true },
  howKnown: 'saw',
  evidence: 2,
};

const M = COMPLETENESS_MODEL;
const question = (field: string) => {
  const q = QUESTIONS.find((c) => c.field === field);
  if (!q) throw new Error(`no question for ${field}`);
  return q;
};
/** Offsets on Earth run from UTC−12 to UTC+14: knowing the zone removes half that span, 13 h. */
const HALF_ZONE_SPAN_SECONDS = 13 * 3600;

describe('QUESTIONS', () => {
  it('asks about the Report fields the answers go into, in the table order that breaks ties', () => {
    expect(QUESTIONS.map((q) => q.field)).toEqual([
      'observedAt',
      'location',
      'timezone',
      'howKnown',
      'subjects',
      'category',
      'narrative',
      'attachments',
    ]);
  });

  it('takes the zone span from the zone table: UTC−12 to UTC+14', () => {
    expect(MIN_OFFSET_MINUTES).toBe(-12 * 60);
    expect(MAX_OFFSET_MINUTES).toBe(14 * 60);
  });

  describe('observedAt', () => {
    // Looked up in each test: a mutant that renames the field fails the test, not the file.
    const q = () => question('observedAt');

    it('answers with the best precision when the zone is known or there is no time yet', () => {
      expect(q().answer(makeFacts(), M).when).toEqual({
        precisionSeconds: M.when.bestSeconds,
        zoneKnown: true,
      });
      expect(q().answer(makeFacts({ when: null }), M).when).toEqual({
        precisionSeconds: M.when.bestSeconds,
        zoneKnown: true,
      });
    });

    it('answers a local time in an unknown zone with ± half a day more', () => {
      const f = makeFacts({ when: { precisionSeconds: 3600, zoneKnown: false } });
      expect(q().answer(f, M)).toEqual({
        ...f,
        when: { precisionSeconds: M.when.bestSeconds + HALF_ZONE_SPAN_SECONDS, zoneKnown: false },
      });
    });

    it('asks when it happened, or exactly when once a time is given', () => {
      expect(q().ask(makeFacts({ when: null }))).toEqual({
        en: 'When did it happen?',
        zh: '是什么时候发生的？',
      });
      expect(q().ask(makeFacts())).toEqual({
        en: 'When exactly — what date and time, to the minute if you can?',
        zh: '具体是什么时间？哪天几点几分？',
      });
    });
  });

  describe('location', () => {
    const q = () => question('location');

    it('answers with the best accuracy', () => {
      expect(q().answer(makeFacts({ where: null }), M).where).toEqual({
        accuracyMeters: M.where.bestMeters,
      });
    });

    it('asks where it happened, or exactly where once a place is given', () => {
      expect(q().ask(makeFacts({ where: null }))).toEqual({
        en: 'Where did it happen?',
        zh: '在哪里发生的？',
      });
      expect(q().ask(makeFacts())).toEqual({
        en: 'Where exactly — which street or landmark?',
        zh: '具体在哪里？哪条街或哪个地标？',
      });
    });
  });

  describe('timezone', () => {
    const q = () => question('timezone');

    it('takes the half-day of zone doubt off the time’s ±, down to the best precision', () => {
      const doubtful = makeFacts({
        when: { precisionSeconds: HALF_ZONE_SPAN_SECONDS + 60, zoneKnown: false },
      });
      expect(q().answer(doubtful, M).when).toEqual({ precisionSeconds: 60, zoneKnown: true });
      const small = makeFacts({ when: { precisionSeconds: 3600, zoneKnown: false } });
      expect(q().answer(small, M).when).toEqual({
        precisionSeconds: M.when.bestSeconds,
        zoneKnown: true,
      });
    });

    it('keeps an unreadable time unreadable', () => {
      const f = makeFacts({ when: { precisionSeconds: null, zoneKnown: false } });
      expect(q().answer(f, M).when).toEqual({ precisionSeconds: null, zoneKnown: true });
    });

    it('changes nothing when the zone is known or there is no time', () => {
      const known = makeFacts();
      expect(q().answer(known, M)).toBe(known);
      const none = makeFacts({ when: null });
      expect(q().answer(none, M)).toBe(none);
    });

    it('asks which city’s local time it was', () => {
      expect(q().ask(makeFacts())).toEqual({
        en: "Which city's local time was that?",
        zh: '那是哪个城市的当地时间？',
      });
    });
  });

  describe('howKnown, subjects, category, narrative and attachments', () => {
    it('answers howKnown with a witness who saw it', () => {
      expect(question('howKnown').answer(makeFacts(), M).howKnown).toBe('saw');
      expect(question('howKnown').ask(makeFacts())).toEqual({
        en: 'How do you know — did you see it yourself, hear it, or were you told?',
        zh: '您是怎么知道的？亲眼看到、听到，还是听别人说的？',
      });
    });

    it('answers subjects with a precise description, asking for one or for details', () => {
      const q = question('subjects');
      expect(q.answer(makeFacts({ who: { words: 1, vague: true } }), M).who).toEqual({
        words: M.who.detailWords,
        vague: false,
      });
      expect(q.ask(makeFacts({ who: null }))).toEqual({
        en: 'Who or what was involved — people, vehicles, objects?',
        zh: '涉及什么人或什么东西？人、车辆还是物品？',
      });
      expect(q.ask(makeFacts({ who: { words: 1, vague: true } }))).toEqual({
        en: 'Can you describe them — how many, what they looked like?',
        zh: '能描述一下吗？有几个，长什么样？',
      });
    });

    it('answers category by giving one, keeping the narrative', () => {
      const q = question('category');
      expect(q.answer(makeFacts(), M).what).toEqual({ narrativeWords: 8, category: true });
      expect(q.ask(makeFacts())).toEqual({
        en: 'What kind of incident is it?',
        zh: '这是什么类型的事件？',
      });
    });

    it('answers narrative with enough words, never fewer than there are', () => {
      const q = question('narrative');
      expect(q.answer(makeFacts(), M).what).toEqual({
        narrativeWords: M.what.detailWords,
        category: false,
      });
      const long = makeFacts({ what: { narrativeWords: 40, category: true } });
      expect(q.answer(long, M).what).toEqual({ narrativeWords: 40, category: true });
      expect(q.ask(makeFacts())).toEqual({
        en: 'What happened, step by step?',
        zh: '发生了什么？请按顺序说一下。',
      });
    });

    it('answers attachments with one item, never fewer than there are', () => {
      const q = question('attachments');
      expect(q.answer(makeFacts(), M).evidence).toBe(1);
      expect(q.answer(makeFacts({ evidence: 3 }), M).evidence).toBe(3);
      expect(q.ask(makeFacts())).toEqual({
        en: 'Do you have a photo, video or document of it?',
        zh: '您有相关的照片、视频或文件吗？',
      });
    });
  });
});

describe('nextQuestions', () => {
  it('asks the questions that raise the score most, best first, in both languages', () => {
    const facts = makeFacts();
    const questions = nextQuestions(facts);
    expect(questions.length).toBeGreaterThan(3);
    const gains = questions.map((q) => q.gain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    expect(questions.find((q) => q.field === 'location')?.question).toEqual({
      en: 'Where exactly — which street or landmark?',
      zh: '具体在哪里？哪条街或哪个地标？',
    });
  });

  it('computes each gain by re-scoring: answering the first question raises the score by that gain', () => {
    const facts = makeFacts();
    const before = scoreCompleteness(facts).score;
    const [first] = nextQuestions(facts);
    const answered = question(first!.field).answer(facts, COMPLETENESS_MODEL);
    const after = scoreCompleteness(answered).score;
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeCloseTo(first!.gain, 3);
    expect(nextQuestions(answered).map((q) => q.field)).not.toContain(first!.field);
  });

  it('keeps the table order for equal gains (howKnown before attachments, both worth their weight)', () => {
    const questions = nextQuestions(makeFacts());
    const fields = questions.map((q) => q.field);
    const howKnown = questions.find((q) => q.field === 'howKnown')!;
    const attachments = questions.find((q) => q.field === 'attachments')!;
    expect(howKnown.gain).toBe(M.weights.howKnown);
    expect(attachments.gain).toBe(M.weights.evidence);
    expect(fields.indexOf('howKnown')).toBeLessThan(fields.indexOf('attachments'));
  });

  it('asks a question whose gain equals the minimum, and not once the minimum is a step above', () => {
    const facts = makeFacts();
    const all = nextQuestions(facts, scoreCompleteness(facts), { questionMinGain: 0 });
    expect(all.map((q) => q.field)).toContain('timezone'); // gain 0: the zone is known
    const smallest = all.filter((q) => q.gain > 0).at(-1)!;
    const at = nextQuestions(facts, scoreCompleteness(facts), { questionMinGain: smallest.gain });
    expect(at.map((q) => q.field)).toContain(smallest.field);
    const above = nextQuestions(facts, scoreCompleteness(facts), {
      questionMinGain: smallest.gain + 0.0001,
    });
    expect(above.map((q) => q.field)).not.toContain(smallest.field);
  });

  it('leaves out questions below the configured minimum gain', () => {
    const facts = makeFacts({ what: { narrativeWords: 19, category: true } });
    // 1 more word of narrative is worth 0.2 × 0.7 / 20 = 0.007: asked at 0.005, not at 0.01.
    expect(nextQuestions(facts).map((q) => q.field)).toContain('narrative');
    const strict = { questionMinGain: 0.01 };
    expect(
      nextQuestions(facts, scoreCompleteness(facts), strict).map((q) => q.field),
    ).not.toContain('narrative');
    expect(NORMALIZE_DEFAULTS.questionMinGain).toBe(0.005);
  });

  it('follows the model: a heavier component comes first', () => {
    const facts = makeFacts();
    const evidenceHeavy = {
      ...COMPLETENESS_MODEL,
      weights: { ...COMPLETENESS_MODEL.weights, evidence: 5 },
    };
    const [first] = nextQuestions(
      facts,
      scoreCompleteness(facts, evidenceHeavy),
      undefined,
      evidenceHeavy,
    );
    expect(first?.field).toBe('attachments');
  });

  it('asks for the zone when the time is local and the zone unknown', () => {
    const facts = makeFacts({
      where: { accuracyMeters: 10 },
      when: { precisionSeconds: 13 * 3600 + 60, zoneKnown: false },
    });
    const [first] = nextQuestions(facts);
    // A more exact clock reading would not help while the zone is unknown.
    expect(nextQuestions(facts).find((q) => q.field === 'observedAt')).toBeUndefined();
    expect(first).toMatchObject({
      field: 'timezone',
      question: { en: "Which city's local time was that?", zh: '那是哪个城市的当地时间？' },
    });
  });

  it('asks "where did it happen" when there is no place at all', () => {
    const q = nextQuestions(makeFacts({ where: null })).find((x) => x.field === 'location');
    expect(q?.question.en).toBe('Where did it happen?');
  });

  it('asks nothing of a complete report', () => {
    expect(nextQuestions(complete)).toEqual([]);
  });
});
