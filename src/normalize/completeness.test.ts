import { describe, expect, it } from 'vitest';
import {
  COMPLETENESS_MODEL,
  type CompletenessFacts,
  countWords,
  scoreCompleteness,
} from './completeness.js';
import { nextQuestions, QUESTIONS } from './next-questions.js';

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

describe('scoreCompleteness', () => {
  it('scores a complete, precise report 1 and an empty one 0', () => {
    expect(scoreCompleteness(complete)).toMatchObject({ score: 1, presence: 1 });
    const empty = scoreCompleteness({
      who: null,
      what: { narrativeWords: 0, category: false },
      where: null,
      when: null,
      howKnown: null,
      evidence: 0,
    });
    expect(empty).toMatchObject({ score: 0, presence: 0 });
  });

  it('rewards precision, not only presence', () => {
    const townAndHour = scoreCompleteness(makeFacts());
    const streetAndMinute = scoreCompleteness(
      makeFacts({ where: { accuracyMeters: 50 }, when: { precisionSeconds: 60, zoneKnown: true } }),
    );
    expect(townAndHour.presence).toBe(streetAndMinute.presence);
    expect(streetAndMinute.score).toBeGreaterThan(townAndHour.score);
  });

  it('gives a present but unreadable time the floor score', () => {
    const r = scoreCompleteness(makeFacts({ when: { precisionSeconds: null, zoneKnown: true } }));
    expect(r.components.when).toBe(COMPLETENESS_MODEL.presentFloor);
  });

  it('weights sum to 1 so the score is a weighted mean', () => {
    const sum = Object.values(COMPLETENESS_MODEL.weights).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
  });

  it('counts words in English and Chinese', () => {
    expect(countWords('A drone fell behind the north gate.')).toBe(7);
    expect(countWords('无人机掉在北门后面')).toBe(4.5);
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
    const answered = QUESTIONS.find((q) => q.field === first!.field)!.answer(
      facts,
      COMPLETENESS_MODEL,
    );
    const after = scoreCompleteness(answered).score;
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeCloseTo(first!.gain, 3);
    expect(nextQuestions(answered).map((q) => q.field)).not.toContain(first!.field);
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
