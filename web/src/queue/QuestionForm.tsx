/** Ask the reporter a question, seen with their receipt (POST /reports/:id/messages). */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import type { ReportView } from './types.js';
import { ResultLine, useAction } from './useAction.js';

export function QuestionForm({
  report,
  onDone,
}: {
  report: ReportView;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('queue');
  const id = useId();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const { busy, result, say, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const question = text.trim();
    if (!question) {
      say(t('question.empty'), true);
      ref.current?.focus();
      return;
    }
    const done = await run(t('question.sending'), async () => {
      await call(`reports/${encodeURIComponent(report.id)}/messages`, { body: { text: question } });
      return t('question.done');
    });
    if (done) {
      setText('');
      await onDone();
    }
  }

  return (
    <form
      className="case-form"
      noValidate
      aria-label={t('question.heading')}
      onSubmit={(e) => void submit(e)}
    >
      <h4>{t('question.heading')}</h4>
      <label htmlFor={`${id}-text`}>{t('question.label')}</label>
      <textarea
        id={`${id}-text`}
        ref={ref}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        {t('question.hint')}
      </p>
      <button type="submit" disabled={busy}>
        {t('question.submit')}
      </button>
      <ResultLine result={result} />
    </form>
  );
}
