/**
 * Guided intake: the questions whose answers would raise the completeness score
 * most, best first. Each candidate re-scores the report with that one field made
 * precise (its best answer) through scoreCompleteness; the gain is the difference.
 * Nothing here ranks fields by hand: change the model's weights and the order
 * follows. Ties keep the table order below. `field` is the Report JSON field the
 * answer goes into (for the PATCH and the intake screen).
 */
import {
  COMPLETENESS_MODEL,
  type Completeness,
  type CompletenessFacts,
  type CompletenessModel,
  scoreCompleteness,
} from './completeness.js';
import { MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES } from './zones.js';
import { NORMALIZE_DEFAULTS, type NormalizeSettings } from './settings.js';

export interface Question {
  en: string;
  zh: string;
}

export interface NextQuestion {
  field: string;
  gain: number;
  question: Question;
}

interface Candidate {
  field: string;
  /** The facts with this field answered as precisely as it can be. */
  answer(f: CompletenessFacts, model: CompletenessModel): CompletenessFacts;
  ask(f: CompletenessFacts): Question;
}

/** Half the span of offsets on Earth: what knowing the zone removes from a time's ±. */
const ZONE_SPAN_SECONDS = ((MAX_OFFSET_MINUTES - MIN_OFFSET_MINUTES) * 60) / 2;

export const QUESTIONS: readonly Candidate[] = [
  {
    field: 'observedAt',
    // A precise wall-clock time in an unknown zone is still only ± half a day.
    answer: (f, m) => {
      const zoneKnown = f.when?.zoneKnown ?? true;
      const precisionSeconds = m.when.bestSeconds + (zoneKnown ? 0 : ZONE_SPAN_SECONDS);
      return { ...f, when: { precisionSeconds, zoneKnown } };
    },
    ask: (f) =>
      f.when === null
        ? { en: 'When did it happen?', zh: '是什么时候发生的？' }
        : {
            en: 'When exactly — what date and time, to the minute if you can?',
            zh: '具体是什么时间？哪天几点几分？',
          },
  },
  {
    field: 'location',
    answer: (f, m) => ({ ...f, where: { accuracyMeters: m.where.bestMeters } }),
    ask: (f) =>
      f.where === null
        ? { en: 'Where did it happen?', zh: '在哪里发生的？' }
        : { en: 'Where exactly — which street or landmark?', zh: '具体在哪里？哪条街或哪个地标？' },
  },
  {
    field: 'timezone',
    answer: (f, m) =>
      f.when && !f.when.zoneKnown
        ? {
            ...f,
            when: {
              precisionSeconds:
                f.when.precisionSeconds === null
                  ? null
                  : Math.max(m.when.bestSeconds, f.when.precisionSeconds - ZONE_SPAN_SECONDS),
              zoneKnown: true,
            },
          }
        : f,
    ask: () => ({ en: "Which city's local time was that?", zh: '那是哪个城市的当地时间？' }),
  },
  {
    field: 'howKnown',
    answer: (f) => ({ ...f, howKnown: 'saw' }),
    ask: () => ({
      en: 'How do you know — did you see it yourself, hear it, or were you told?',
      zh: '您是怎么知道的？亲眼看到、听到，还是听别人说的？',
    }),
  },
  {
    field: 'subjects',
    answer: (f, m) => ({ ...f, who: { words: m.who.detailWords, vague: false } }),
    ask: (f) =>
      f.who === null
        ? {
            en: 'Who or what was involved — people, vehicles, objects?',
            zh: '涉及什么人或什么东西？人、车辆还是物品？',
          }
        : {
            en: 'Can you describe them — how many, what they looked like?',
            zh: '能描述一下吗？有几个，长什么样？',
          },
  },
  {
    field: 'category',
    answer: (f) => ({ ...f, what: { ...f.what, category: true } }),
    ask: () => ({ en: 'What kind of incident is it?', zh: '这是什么类型的事件？' }),
  },
  {
    field: 'narrative',
    answer: (f, m) => ({
      ...f,
      what: { ...f.what, narrativeWords: Math.max(f.what.narrativeWords, m.what.detailWords) },
    }),
    ask: () => ({
      en: 'What happened, step by step?',
      zh: '发生了什么？请按顺序说一下。',
    }),
  },
  {
    field: 'attachments',
    answer: (f) => ({ ...f, evidence: Math.max(1, f.evidence) }),
    ask: () => ({
      en: 'Do you have a photo, video or document of it?',
      zh: '您有相关的照片、视频或文件吗？',
    }),
  },
];

export function nextQuestions(
  facts: CompletenessFacts,
  score: Completeness = scoreCompleteness(facts),
  settings: Pick<NormalizeSettings, 'questionMinGain'> = NORMALIZE_DEFAULTS,
  model: CompletenessModel = COMPLETENESS_MODEL,
): NextQuestion[] {
  const ranked: NextQuestion[] = [];
  for (const candidate of QUESTIONS) {
    const answered = scoreCompleteness(candidate.answer(facts, model), model).score;
    const gain = Math.round((answered - score.score) * 10_000) / 10_000;
    if (gain >= settings.questionMinGain) {
      ranked.push({ field: candidate.field, gain, question: candidate.ask(facts) });
    }
  }
  // Stable sort: equal gains keep the table order.
  return ranked.sort((a, b) => b.gain - a.gain);
}
