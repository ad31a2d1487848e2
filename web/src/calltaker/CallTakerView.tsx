/**
 * The call-taker's screen: a report taken down while on the phone. The draft is
 * scored as fields are filled (usePreview): the completeness meter, the next
 * questions in the caller's language, and the time and place as the server reads
 * them. Sent on the caller's behalf (channel `phone`); the caller's number goes only
 * with that send and is dropped from the screen at once. Then the receipt code, large,
 * to read back, with the follow-up page's address, and the next questions still open
 * on the sent report, answered while the caller is on the line (FollowUp.tsx).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call } from '../api.js';
import { currentLanguage, type Language } from '../i18n.js';
import { flagText, type Meta } from '../meta.js';
import { useErrorLine } from '../common/ErrorText.js';
import { ReceiptCode, useIssueWords } from '../common/Field.js';
import { issuesByField, issueText, randomKey, type Issue } from '../common/report-body.js';
import type { NextQuestion } from '../../../src/normalize/next-questions.js';
import { useMeta } from '../shell/context.js';
import { Time } from '../time.js';
import {
  AskIn,
  Asked,
  CallFieldInput,
  fieldId,
  type CallField,
  type FieldBinding,
} from './CallFields.js';
import {
  distanceParts,
  draftOf,
  durationParts,
  EMPTY_CALL,
  percentOf,
  reportOf,
  type CallFields,
} from './draft.js';
import { FollowUp, type Stored } from './FollowUp.js';
import { usePreview, type Preview } from './usePreview.js';
import './calltaker.css';

/** The form's fields in page order: the first with an error gets the focus. */
const FIELD_ORDER: readonly CallField[] = [
  'narrative',
  'observedAt',
  'timezone',
  'location',
  'category',
  'howKnown',
  'subjects',
  'caller',
];
const COMPONENTS = ['when', 'where', 'what', 'who', 'howKnown', 'evidence'] as const;
const isCallField = (field: string): field is CallField =>
  (FIELD_ORDER as readonly string[]).includes(field);

export default function CallTakerView() {
  const [stored, setStored] = useState<Stored | null>(null);
  const [callCount, setCallCount] = useState(0);
  // The caller's language holds from the call to the questions after sending.
  const [askIn, setAskIn] = useState<Language>(currentLanguage);
  return stored ? (
    <Done
      stored={stored}
      askIn={askIn}
      onAskIn={setAskIn}
      onNext={() => {
        setStored(null);
        setCallCount((c) => c + 1);
      }}
    />
  ) : (
    <CallForm key={callCount} askIn={askIn} onAskIn={setAskIn} onStored={setStored} />
  );
}

function CallForm({
  askIn,
  onAskIn,
  onStored,
}: {
  askIn: Language;
  onAskIn: (lng: Language) => void;
  onStored: (stored: Stored) => void;
}) {
  const { t } = useTranslation('calltaker');
  const words = useIssueWords();
  const errorLine = useErrorLine();
  const meta = useMeta();
  const lng = currentLanguage();
  const [fields, setFields] = useState<CallFields>(EMPTY_CALL);
  const [sendIssues, setSendIssues] = useState<Record<string, Issue[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const preview = usePreview(draftOf(fields));
  const previewIssues = issuesByField(preview.issues);

  const binding: FieldBinding = {
    prefix: 'ct',
    fields,
    set: (name, field) => (value) => {
      setFields((f) => ({ ...f, [name]: value }));
      setSendIssues(({ [field]: _dropped, ...rest }) => rest);
      idempotencyKey.current = null;
    },
    /** A field's errors: the send's, else the latest draft's. */
    errorsOf: (field) =>
      (sendIssues[field] ?? previewIssues[field] ?? []).map((issue) => issueText(issue, words)),
  };
  const focus = (field: string) => {
    if (isCallField(field)) document.getElementById(fieldId('ct', field))?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setFormError(null);
    idempotencyKey.current ??= randomKey();
    setSending(true);
    try {
      const answer = await call<{
        id: string;
        receipt: string;
        completeness?: { score: number };
        nextQuestions?: NextQuestion[];
      }>('reports', {
        body: reportOf(fields),
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      // The number leaves the screen with the send: nothing here holds it any more.
      setFields(EMPTY_CALL);
      onStored({
        id: answer.id,
        receipt: answer.receipt,
        score: answer.completeness?.score ?? null,
        questions: answer.nextQuestions ?? [],
      });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        const found = issuesByField(err.issues);
        setSendIssues(found);
        setFormError(t('error.fix'));
        const first = FIELD_ORDER.find((f) => f in found);
        if (first) focus(first);
      } else if (err instanceof ApiError && err.status === 429) {
        setFormError(t('error.rateLimited', { seconds: err.retryAfterSeconds ?? 60 }));
      } else {
        setFormError(t('error.send', { message: errorLine(err) }));
      }
    } finally {
      setSending(false);
    }
  }

  const channel = meta.channels.find((c) => c.code === 'phone');
  return (
    <div className="calltaker">
      <form className="call-form" noValidate onSubmit={(e) => void submit(e)}>
        <h1>{t('title')}</h1>
        <p className="muted">{t('channel', { channel: channel ? channel[lng] : 'phone' })}</p>
        {formError && (
          <p role="alert" className="form-error" data-testid="form-error">
            {formError}
          </p>
        )}

        <CallFieldInput field="narrative" binding={binding} />
        <div className="row">
          <CallFieldInput field="observedAt" binding={binding} />
          <CallFieldInput field="timezone" binding={binding} />
        </div>
        <CallFieldInput field="location" binding={binding} />
        <div className="row">
          <CallFieldInput field="category" binding={binding} />
          <CallFieldInput field="howKnown" binding={binding} />
        </div>
        <CallFieldInput field="subjects" binding={binding} />
        <CallFieldInput field="caller" binding={binding} />

        <button type="submit" className="primary" disabled={sending}>
          {sending ? t('sending') : t('submit')}
        </button>
      </form>

      <aside className="guide" aria-label={t('meter.title')}>
        <Meter preview={preview.preview} pending={preview.pending} />
        {preview.error !== null && (
          <p className="form-error" role="alert">
            {t('error.preview', { message: errorLine(preview.error) })}
          </p>
        )}
        <AskIn value={askIn} onChange={onAskIn} />
        <Questions preview={preview.preview} askIn={askIn} onGoTo={focus} />
        <Reading preview={preview.preview} fields={fields} meta={meta} lng={lng} />
      </aside>
    </div>
  );
}

function Meter({ preview, pending }: { preview: Preview | null; pending: boolean }) {
  const { t } = useTranslation('calltaker');
  const c = preview?.completeness;
  const present = c ? Math.round(c.presence * 6) : 0;
  return (
    <section className="meter" aria-busy={pending}>
      <h2>
        {t('meter.title')}{' '}
        <span data-testid="completeness-percent" aria-live="polite">
          {c ? t('meter.score', { percent: percentOf(c.score) }) : '—'}
        </span>
        {pending && <span className="muted updating"> {t('meter.updating')}</span>}
      </h2>
      <meter
        data-testid="completeness"
        min={0}
        max={1}
        low={0.4}
        high={0.7}
        optimum={1}
        value={c?.score ?? 0}
      />
      {c && <p className="muted">{t('meter.presence', { present })}</p>}
      {c && (
        <dl className="components">
          {COMPONENTS.map((name) => (
            <div key={name}>
              <dt>{t(`component.${name}`)}</dt>
              <dd>
                <meter min={0} max={1} value={c.components[name]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Questions({
  preview,
  askIn,
  onGoTo,
}: {
  preview: Preview | null;
  askIn: Language;
  onGoTo: (field: string) => void;
}) {
  const { t } = useTranslation('calltaker');
  if (!preview) return null;
  return (
    <section className="questions">
      <h2>{t('questions.title')}</h2>
      {preview.nextQuestions.length === 0 ? (
        <p className="muted">{t('questions.none')}</p>
      ) : (
        <ol data-testid="next-questions" lang={askIn === 'zh' ? 'zh-CN' : 'en'}>
          {preview.nextQuestions.map((q) => (
            <li key={q.field} data-field={q.field}>
              <Asked question={q} askIn={askIn} />{' '}
              {isCallField(q.field) && (
                <button type="button" className="link" onClick={() => onGoTo(q.field)}>
                  {t('questions.goTo')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Reading({
  preview,
  fields,
  meta,
  lng,
}: {
  preview: Preview | null;
  fields: CallFields;
  meta: Meta;
  lng: Language;
}) {
  const { t } = useTranslation('calltaker');
  if (!preview) return null;
  const { time, place, flags } = preview;
  const ofDuration = (s: number) => {
    const { unit, n } = durationParts(s);
    return t(`unit.${unit}`, { n });
  };
  const ofDistance = (m: number) => {
    const { unit, n } = distanceParts(m);
    return t(`unit.${unit}`, { n });
  };
  const timeGiven = fields.when.trim() !== '';
  const placeGiven = [fields.place, fields.lat, fields.lon].some((v) => v.trim() !== '');
  return (
    <section className="reading" data-testid="reading">
      <h2>{t('reading.title')}</h2>
      <dl>
        <dt>{t('reading.time')}</dt>
        <dd data-testid="reading-time">
          {!timeGiven ? (
            <span className="muted">{t('reading.notGiven')}</span>
          ) : time && time.observedFrom ? (
            <>
              <Time iso={time.observedFrom} /> – <Time iso={time.observedTo} />{' '}
              <span className="muted">
                {ofDuration(time.precisionSeconds)}
                {time.timezone ? ` · ${time.timezone}` : ` · ${t('reading.zoneUnknown')}`}
              </span>
            </>
          ) : time && time.observedLocal ? (
            <>
              {time.observedLocal} <span className="muted">· {t('reading.zoneUnknown')}</span>
            </>
          ) : (
            <span className="warning">{t('reading.unread')}</span>
          )}
        </dd>
        <dt>{t('reading.place')}</dt>
        <dd data-testid="reading-place">
          {!placeGiven ? (
            <span className="muted">{t('reading.notGiven')}</span>
          ) : place && place.lat !== null && place.lon !== null ? (
            <>
              {place.label ? `${place.label} · ` : ''}
              {place.lat.toFixed(5)}, {place.lon.toFixed(5)}{' '}
              {place.accuracyMeters !== null && (
                <span className="muted">{ofDistance(place.accuracyMeters)}</span>
              )}
            </>
          ) : (
            <span className="warning">{t('reading.unread')}</span>
          )}
        </dd>
        {flags.length > 0 && (
          <>
            <dt>{t('reading.flags')}</dt>
            <dd>
              <ul className="flags">
                {flags.map((f) => (
                  <li key={f}>{flagText(meta, f, lng)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Done({
  stored,
  askIn,
  onAskIn,
  onNext,
}: {
  stored: Stored;
  askIn: Language;
  onAskIn: (lng: Language) => void;
  onNext: () => void;
}) {
  const { t } = useTranslation('calltaker');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const address = `${window.location.origin}/follow`;
  return (
    <section className="call-done" aria-labelledby="call-done-title">
      <h1 id="call-done-title" ref={heading} tabIndex={-1}>
        {t('done.title')}
      </h1>
      <p>{t('done.readBack')}</p>
      <ReceiptCode receipt={stored.receipt} />
      <p className="keep">{t('done.once')}</p>
      <p>
        <Trans
          t={t}
          i18nKey="done.follow"
          values={{ address }}
          components={{ link: <a href="/follow" className="address" /> }}
        />
      </p>
      {stored.score !== null && (
        <p className="muted">{t('done.score', { percent: percentOf(stored.score) })}</p>
      )}
      <FollowUp stored={stored} askIn={askIn} onAskIn={onAskIn} />
      <button type="button" className="primary" onClick={onNext}>
        {t('done.next')}
      </button>
    </section>
  );
}
