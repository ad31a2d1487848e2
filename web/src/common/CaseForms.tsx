/**
 * The case forms the queue's case panel and the incident view share: a case's status
 * (POST /reports/:id/status), a question to the reporter (POST /reports/:id/messages)
 * and routing to a field office (a report's or an incident's `assignment`). Each
 * checks what it can before calling (a choice that changes nothing, a missing reason
 * or text), says what happened in the form, and calls `onDone` after a change.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { useLang } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta } from '../shell/context.js';
import { ResultLine, useAction } from './useAction.js';
import './forms.css';

export interface Choice {
  value: string;
  label: string;
}

/**
 * A choice among `choices` with a reason for the audit trail: refused before calling
 * when it is the `current` one or has no reason; `save` calls the server and resolves
 * to what to say.
 */
export function ReasonedChoice({
  title,
  choiceLabel,
  choices,
  current,
  submitLabel,
  sameText,
  testId,
  save,
  onDone,
}: {
  title: string;
  choiceLabel: string;
  choices: readonly Choice[];
  current: string;
  submitLabel: string;
  sameText: (value: string) => string;
  /** Names the select and the reason for tests: `<testId>-select`, `<testId>-reason`. */
  testId: string;
  save: (value: string, reason: string) => Promise<string>;
  onDone: () => void | Promise<void>;
}) {
  const { t } = useTranslation('common');
  const id = useId();
  // Starts at the current value; later updates leave a choice alone.
  const [value, setValue] = useState(current);
  const [reason, setReason] = useState('');
  const valueRef = useRef<HTMLSelectElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const { busy, result, say, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (value === current) {
      say(sameText(value), true);
      valueRef.current?.focus();
      return;
    }
    if (!reason.trim()) {
      say(t('needReason'), true);
      reasonRef.current?.focus();
      return;
    }
    if (await run(t('saving'), () => save(value, reason.trim()))) {
      setReason('');
      await onDone();
    }
  }

  return (
    <form className="case-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
      <h4>{title}</h4>
      <label htmlFor={`${id}-choice`}>{choiceLabel}</label>
      <select
        id={`${id}-choice`}
        ref={valueRef}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid={`${testId}-select`}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('reason')}</label>
      <input
        id={`${id}-reason`}
        ref={reasonRef}
        type="text"
        maxLength={500}
        autoComplete="off"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`${testId}-reason`}
      />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      <ResultLine result={result} />
    </form>
  );
}

/** A report's status, changed with a reason. */
export function StatusForm({
  report,
  onDone,
}: {
  report: { id: string; status: string };
  onDone: () => void | Promise<void>;
}) {
  const { t } = useTranslation('common');
  const meta = useMeta();
  const lng = useLang();
  const label = (code: string) => labelOf(meta.statuses, code, lng);
  return (
    <ReasonedChoice
      title={t('status.heading')}
      choiceLabel={t('status.new')}
      choices={meta.statuses.map((s) => ({ value: s.code, label: s[lng] }))}
      current={report.status}
      submitLabel={t('status.submit')}
      sameText={(status) => t('status.same', { status: label(status) })}
      testId="status"
      save={async (status, reason) => {
        await call(`reports/${encodeURIComponent(report.id)}/status`, {
          body: { status, reason },
        });
        return t('status.done', { status: label(status) });
      }}
      onDone={onDone}
    />
  );
}

export interface Office {
  id: string;
  name: string;
}

/** The value of "no office" in the select. */
const NO_OFFICE = '';

/**
 * Routing to one of `offices` or to none: `path` is the case's or the incident's
 * `assignment` (POST `{officeId, reason}`).
 */
export function OfficeForm({
  path,
  officeId,
  offices,
  title,
  submitLabel,
  onDone,
}: {
  path: string;
  officeId: string | null;
  offices: readonly Office[];
  title: string;
  submitLabel: string;
  onDone: () => void | Promise<void>;
}) {
  const { t } = useTranslation('common');
  const nameOf = (id: string) => offices.find((o) => o.id === id)?.name ?? id;
  return (
    <ReasonedChoice
      title={title}
      choiceLabel={t('office.label')}
      choices={[
        { value: NO_OFFICE, label: t('office.none') },
        ...offices.map((o) => ({ value: o.id, label: o.name })),
      ]}
      current={officeId ?? NO_OFFICE}
      submitLabel={submitLabel}
      sameText={() => t('office.same')}
      testId="office"
      save={async (choice, reason) => {
        await call(path, { body: { officeId: choice === NO_OFFICE ? null : choice, reason } });
        return choice === NO_OFFICE
          ? t('office.doneNone')
          : t('office.done', { office: nameOf(choice) });
      }}
      onDone={onDone}
    />
  );
}

/** A question to the reporter, seen with their receipt. */
export function QuestionForm({
  reportId,
  onDone,
}: {
  reportId: string;
  onDone: () => void | Promise<void>;
}) {
  const { t } = useTranslation('common');
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
      await call(`reports/${encodeURIComponent(reportId)}/messages`, { body: { text: question } });
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
        data-testid="message-text"
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
