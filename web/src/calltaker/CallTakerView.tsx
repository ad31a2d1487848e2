/**
 * The call-taker's screen: a report taken down while on the phone. The draft is
 * scored as fields are filled (usePreview): the completeness meter, the next
 * questions in the caller's language, and the time and place as the server reads
 * them. Sent on the caller's behalf (channel `phone`); the caller's number goes only
 * with that send and is dropped from the screen at once. Then the receipt code, large,
 * to read back, with the follow-up page's address.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call } from '../api.js';
import { currentLanguage, type Language } from '../i18n.js';
import { flagText, type Meta } from '../meta.js';
import { useErrorLine } from '../common/ErrorText.js';
import { described, Field, ReceiptCode, useIssueWords } from '../common/Field.js';
import { CategoryField, HowKnownField, WhenField } from '../common/ReportFields.js';
import { issuesByField, issueText, randomKey, type Issue } from '../common/report-body.js';
import { useMeta } from '../shell/context.js';
import { Time } from '../time.js';
import {
  distanceParts,
  draftOf,
  durationParts,
  EMPTY_CALL,
  percentOf,
  reportOf,
  type CallFields,
} from './draft.js';
import { usePreview, type Preview } from './usePreview.js';
import './calltaker.css';

/** The form's fields by the Report JSON field their issues and questions name. */
const FIELD_IDS: Record<string, string> = {
  narrative: 'ct-narrative',
  observedAt: 'ct-observedAt',
  timezone: 'ct-timezone',
  location: 'ct-location',
  category: 'ct-category',
  subjects: 'ct-subjects',
  howKnown: 'ct-howKnown',
  caller: 'ct-caller',
};
const FIELD_ORDER = Object.keys(FIELD_IDS);
const COMPONENTS = ['when', 'where', 'what', 'who', 'howKnown', 'evidence'] as const;

/** IANA zones the browser knows, for the time-zone field's suggestions. */
const ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

interface Stored {
  receipt: string;
  score: number | null;
}

export default function CallTakerView() {
  const [stored, setStored] = useState<Stored | null>(null);
  const [callCount, setCallCount] = useState(0);
  return stored ? (
    <Done
      stored={stored}
      onNext={() => {
        setStored(null);
        setCallCount((c) => c + 1);
      }}
    />
  ) : (
    <CallForm key={callCount} onStored={setStored} />
  );
}

function CallForm({ onStored }: { onStored: (stored: Stored) => void }) {
  const { t } = useTranslation('calltaker');
  const words = useIssueWords();
  const errorLine = useErrorLine();
  const meta = useMeta();
  const lng = currentLanguage();
  const [fields, setFields] = useState<CallFields>(EMPTY_CALL);
  const [askIn, setAskIn] = useState<Language>(lng);
  const [sendIssues, setSendIssues] = useState<Record<string, Issue[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const preview = usePreview(draftOf(fields));
  const previewIssues = issuesByField(preview.issues);

  const set = (name: keyof CallFields, field: string) => (value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setSendIssues(({ [field]: _dropped, ...rest }) => rest);
    idempotencyKey.current = null;
  };
  /** A field's errors: the send's, else the latest draft's. */
  const errorsOf = (field: string) =>
    (sendIssues[field] ?? previewIssues[field] ?? []).map((issue) => issueText(issue, words));
  const focus = (field: string) => {
    const id = FIELD_IDS[field];
    if (id) document.getElementById(id)?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setFormError(null);
    idempotencyKey.current ??= randomKey();
    setSending(true);
    try {
      const answer = await call<{ receipt: string; completeness?: { score: number } }>('reports', {
        body: reportOf(fields),
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      // The number leaves the screen with the send: nothing here holds it any more.
      setFields(EMPTY_CALL);
      onStored({ receipt: answer.receipt, score: answer.completeness?.score ?? null });
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

        <Field id="ct-narrative" label={t('field.narrative')} errors={errorsOf('narrative')}>
          <textarea
            {...described('ct-narrative', false, errorsOf('narrative'))}
            rows={5}
            value={fields.narrative}
            onChange={(e) => set('narrative', 'narrative')(e.target.value)}
          />
        </Field>

        <div className="row">
          <WhenField
            ns="calltaker"
            id="ct-observedAt"
            errors={errorsOf('observedAt')}
            text={fields.when}
            picked={fields.whenPick}
            onText={set('when', 'observedAt')}
            onPicked={(whenPick) => setFields((f) => ({ ...f, whenPick }))}
          />
          <Field
            id="ct-timezone"
            label={t('field.timezone')}
            hint={t('field.timezone.hint')}
            errors={errorsOf('timezone')}
          >
            <input
              {...described('ct-timezone', true, errorsOf('timezone'))}
              type="text"
              list="ct-zones"
              autoComplete="off"
              value={fields.timezone}
              onChange={(e) => set('timezone', 'timezone')(e.target.value)}
            />
            <datalist id="ct-zones">
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
        </div>

        <Field id="ct-location" label={t('field.where')} errors={errorsOf('location')}>
          <input
            {...described('ct-location', false, errorsOf('location'))}
            type="text"
            value={fields.place}
            onChange={(e) => set('place', 'location')(e.target.value)}
          />
          <div className="row coordinates">
            {(['lat', 'lon', 'accuracy'] as const).map((name) => (
              <label key={name} className="sub-label">
                {t(`field.${name}`)}
                <input
                  type="text"
                  inputMode="decimal"
                  data-testid={name}
                  value={fields[name]}
                  onChange={(e) => set(name, 'location')(e.target.value)}
                />
              </label>
            ))}
          </div>
        </Field>

        <div className="row">
          <CategoryField
            ns="calltaker"
            id="ct-category"
            errors={errorsOf('category')}
            meta={meta}
            choice={fields.category}
            other={fields.categoryOther}
            onChoice={set('category', 'category')}
            onOther={set('categoryOther', 'category')}
          />
          <HowKnownField
            ns="calltaker"
            id="ct-howKnown"
            errors={errorsOf('howKnown')}
            meta={meta}
            value={fields.howKnown}
            onChange={set('howKnown', 'howKnown')}
          />
        </div>

        <Field id="ct-subjects" label={t('field.subjects')} errors={errorsOf('subjects')}>
          <input
            {...described('ct-subjects', false, errorsOf('subjects'))}
            type="text"
            value={fields.subjects}
            onChange={(e) => set('subjects', 'subjects')(e.target.value)}
          />
        </Field>

        <Field
          id="ct-caller"
          label={t('field.phone')}
          hint={t('field.phone.hint')}
          errors={errorsOf('caller')}
        >
          <input
            {...described('ct-caller', true, errorsOf('caller'))}
            type="tel"
            autoComplete="off"
            value={fields.phone}
            onChange={(e) => set('phone', 'caller')(e.target.value)}
          />
        </Field>

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
        <label className="ask-in">
          {t('askIn')}{' '}
          <select
            data-testid="ask-in"
            value={askIn}
            onChange={(e) => setAskIn(e.target.value as Language)}
          >
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
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
              <span className="question">{q.question[askIn]}</span>{' '}
              <span className="muted gain">
                {t('questions.gain', { points: Math.round(q.gain * 100) })}
              </span>{' '}
              {FIELD_IDS[q.field] && (
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

function Done({ stored, onNext }: { stored: Stored; onNext: () => void }) {
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
      <button type="button" className="primary" onClick={onNext}>
        {t('done.next')}
      </button>
    </section>
  );
}
