/**
 * After the send, while the caller is still on the line: the next questions the server
 * still asks about the report, each with the field that answers it. An answer goes
 * through PATCH /api/v1/reports/:id (the analysts' way to answer them too; a call-taker
 * may answer only its own reports, and only until someone works them: a 409 then,
 * said in the call-taker's language) and the report is read again at once: its
 * completeness and the questions left come back in the answer. Questions about the
 * narrative or files cannot be answered there: the caller can add those as a message
 * at the follow-up page with the receipt.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NextQuestion } from '../../../src/normalize/next-questions.js';
import { call } from '../api.js';
import { ResultLine, useAction } from '../common/useAction.js';
import type { Language } from '../i18n.js';
import { AskIn, Asked, CallFieldInput, type FieldBinding } from './CallFields.js';
import {
  answerOf,
  EMPTY_CALL,
  isAnswerable,
  percentOf,
  type AnswerField,
  type CallFields,
} from './draft.js';

/** What the send answered (POST /api/v1/reports), which the follow-up starts from. */
export interface Stored {
  id: string;
  receipt: string;
  score: number | null;
  questions: NextQuestion[];
}

/** The answer of PATCH /api/v1/reports/:id (the parts this screen shows). */
interface Answered {
  completeness: { score: number } | null;
  nextQuestions: NextQuestion[];
}

/** The words of the field an answer went to, from the call form's labels. */
const LABEL_KEYS: Record<AnswerField, string> = {
  observedAt: 'field.when',
  timezone: 'field.timezone',
  location: 'field.where',
  howKnown: 'field.howKnown',
  subjects: 'field.subjects',
  category: 'field.category',
};

export function FollowUp({
  stored,
  askIn,
  onAskIn,
}: {
  stored: Stored;
  askIn: Language;
  onAskIn: (lng: Language) => void;
}) {
  const { t } = useTranslation('calltaker');
  const [open, setOpen] = useState({ score: stored.score, questions: stored.questions });
  const [added, setAdded] = useState('');

  function answered(field: AnswerField, answer: Answered) {
    setOpen({ score: answer.completeness?.score ?? null, questions: answer.nextQuestions });
    setAdded(t('followUp.added', { field: t(LABEL_KEYS[field]) }));
  }

  return (
    <section
      className="calltaker follow-up"
      aria-labelledby="follow-up-title"
      data-testid="follow-up"
    >
      <h2 id="follow-up-title">{t('followUp.title')}</h2>
      <p className="muted">{t('followUp.intro')}</p>
      <AskIn value={askIn} onChange={onAskIn} />
      <p role="status" data-testid="follow-up-status">
        {added}
        {added && open.score !== null ? ' ' : ''}
        {open.score !== null && t('followUp.score', { percent: percentOf(open.score) })}
      </p>
      {open.questions.length === 0 ? (
        <p className="muted" data-testid="follow-up-none">
          {t('followUp.none')}
        </p>
      ) : (
        <ol className="follow-up-questions" data-testid="follow-up-questions">
          {open.questions.map((q) => (
            <li key={q.field} data-field={q.field}>
              <p>
                <Asked question={q} askIn={askIn} />
              </p>
              {isAnswerable(q.field) ? (
                <AnswerForm reportId={stored.id} field={q.field} onAnswered={answered} />
              ) : (
                <p className="muted">{t('followUp.notAfter')}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AnswerForm({
  reportId,
  field,
  onAnswered,
}: {
  reportId: string;
  field: AnswerField;
  onAnswered: (field: AnswerField, answer: Answered) => void;
}) {
  const { t } = useTranslation('calltaker');
  const [fields, setFields] = useState<CallFields>(EMPTY_CALL);
  const { busy, result, say, run } = useAction();
  const binding: FieldBinding = {
    prefix: 'fu',
    fields,
    set: (name) => (value) => setFields((f) => ({ ...f, [name]: value })),
    // The server's refusal is said below the form, its fields named there.
    errorsOf: () => [],
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = answerOf(field, fields);
    if (body === null) {
      say(t('followUp.empty'), true);
      return;
    }
    await run(t('followUp.saving'), async () => {
      const answer = await call<Answered>(`reports/${encodeURIComponent(reportId)}`, {
        method: 'PATCH',
        body,
      });
      onAnswered(field, answer);
      return t('followUp.done');
    });
  }

  return (
    <form
      className="answer-form"
      noValidate
      data-testid={`answer-${field}`}
      onSubmit={(e) => void submit(e)}
    >
      <CallFieldInput field={field} binding={binding} />
      <button type="submit" disabled={busy}>
        {t('followUp.submit')}
      </button>
      <ResultLine result={result} />
    </form>
  );
}
