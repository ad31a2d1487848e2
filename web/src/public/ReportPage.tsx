/**
 * The public report form: the Report JSON (channel `web`) without sign-in, sent as
 * multipart/form-data with its files as they are (no base64), within the server's
 * per-file and total limits (said before anything is sent, refused when picked if
 * they cannot fit), the server's field errors next to their fields, and the
 * receipt code shown once, large, with the follow-up page's address.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call } from '../api.js';
import { currentLanguage } from '../i18n.js';
import { loadMeta, type Meta } from '../meta.js';
import { useErrorLine } from '../common/ErrorText.js';
import { described, Field, ReceiptCode, useIssueWords } from '../common/Field.js';
import { formatBytes } from '../common/format.js';
import { CategoryField, HowKnownField, WhenField } from '../common/ReportFields.js';
import {
  categoryOf,
  compact,
  issuesByField,
  issueText,
  locationOf,
  randomKey,
  textOf,
  type HowKnown,
  type Issue,
  type ReportBody,
} from '../common/report-body.js';
import { contentTypeOf, fits, reportForm, type PickedFile } from './attachments.js';
import { Privacy, PublicFrame } from './PublicFrame.js';

/** GET /api/v1/reports/limits. */
export interface Limits {
  narrativeMaxChars: number;
  messageMaxChars: number;
  bodyLimitBytes: number;
  attachmentsMax: number;
  /** Largest file of a multipart report, in bytes. */
  attachmentMaxBytes: number;
  /** Most bytes of files together in a multipart report. */
  attachmentsTotalMaxBytes: number;
}

interface Fields {
  narrative: string;
  when: string;
  whenPick: string;
  place: string;
  category: string;
  categoryOther: string;
  subjects: string;
  howKnown: string;
}

const EMPTY: Fields = {
  narrative: '',
  when: '',
  whenPick: '',
  place: '',
  category: '',
  categoryOther: '',
  subjects: '',
  howKnown: '',
};

/** The form's fields in page order: the first with an error gets the focus. */
const FIELD_ORDER = [
  'narrative',
  'observedAt',
  'location',
  'category',
  'subjects',
  'howKnown',
  'attachments',
] as const;

export function ReportPage() {
  const { t } = useTranslation('public');
  const errorLine = useErrorLine();
  const [ready, setReady] = useState<{ limits: Limits; meta: Meta } | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    Promise.all([call<Limits>('reports/limits', { credentials: 'omit' }), loadMeta()]).then(
      ([limits, meta]) => setReady({ limits, meta }),
      (err: unknown) => setFailed(err),
    );
  }, []);

  return (
    <PublicFrame page="report">
      {failed !== null ? (
        <p role="alert" className="form-error">
          {t('error.unavailable', { message: errorLine(failed) })}
        </p>
      ) : !ready ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : receipt ? (
        <Done
          receipt={receipt}
          onAnother={() => {
            setReceipt(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <>
          <p className="intro">{t('report.intro')}</p>
          <Privacy
            points={[
              'noIdentity',
              'ip',
              'text',
              'claims',
              'files',
              'geocoder',
              'receipt',
              'browser',
              'retention',
            ]}
          />
          <ReportForm key={formKey} {...ready} onStored={setReceipt} />
        </>
      )}
    </PublicFrame>
  );
}

function ReportForm({
  limits,
  meta,
  onStored,
}: {
  limits: Limits;
  meta: Meta;
  onStored: (receipt: string) => void;
}) {
  const { t } = useTranslation('public');
  const words = useIssueWords();
  const errorLine = useErrorLine();
  const lng = currentLanguage();
  const locale = lng === 'zh' ? 'zh-CN' : 'en';
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [issues, setIssues] = useState<Record<string, Issue[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** Kept while the same body is retried (a lost answer is not a second report); any edit drops it. */
  const idempotencyKey = useRef<string | null>(null);
  const budget = limits.attachmentsTotalMaxBytes;
  const budgetText = formatBytes(budget, lng);
  const fileMaxText = formatBytes(limits.attachmentMaxBytes, lng);
  const number = (n: number) => n.toLocaleString(locale);

  const set = (name: keyof Fields, field: string) => (value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setIssues(({ [field]: _dropped, ...rest }) => rest);
    idempotencyKey.current = null;
  };
  const errorsOf = (field: string) => [
    ...(issues[field] ?? []).map((issue) => issueText(issue, words)),
    ...(field === 'attachments' ? fileErrors : []),
  ];

  async function pick(list: FileList | null) {
    if (!list) return;
    const errors: string[] = [];
    const added: PickedFile[] = [];
    for (const file of Array.from(list)) {
      if (files.length + added.length >= limits.attachmentsMax) {
        errors.push(t('files.tooMany', { count: limits.attachmentsMax }));
        break;
      }
      if (file.size > limits.attachmentMaxBytes) {
        errors.push(
          t('files.fileTooLarge', {
            name: file.name,
            fileSize: formatBytes(file.size, lng),
            size: fileMaxText,
          }),
        );
        continue;
      }
      if (!fits([...files, ...added], file.size, budget)) {
        errors.push(
          t('files.tooLarge', {
            name: file.name,
            fileSize: formatBytes(file.size, lng),
            size: budgetText,
          }),
        );
        continue;
      }
      try {
        // Read once now, so a file that cannot be read is said when picked, not at send.
        const contentType = contentTypeOf(file.type);
        const blob = new Blob([await file.arrayBuffer()], { type: contentType });
        added.push({ filename: file.name, contentType, size: file.size, blob });
      } catch {
        errors.push(t('files.unreadable', { name: file.name }));
      }
    }
    setFiles((f) => [...f, ...added]);
    setFileErrors(errors);
    setIssues(({ attachments: _dropped, ...rest }) => rest);
    idempotencyKey.current = null;
  }

  function focusFirstError(found: Record<string, unknown>) {
    const first = FIELD_ORDER.find((f) => f in found);
    if (first) document.getElementById(`report-${first}`)?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setFormError(null);
    setFileErrors([]);
    const body: ReportBody = compact({
      channel: 'web' as const,
      narrative: fields.narrative,
      observedAt: textOf(fields.when),
      location: locationOf({ place: fields.place }),
      category: categoryOf(fields.category, fields.categoryOther),
      subjects: textOf(fields.subjects),
      howKnown: (fields.howKnown || undefined) as HowKnown | undefined,
    });
    idempotencyKey.current ??= randomKey();
    setSending(true);
    try {
      const stored = await call<{ receipt: string }>('reports', {
        body: reportForm(body, files),
        credentials: 'omit',
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      onStored(stored.receipt);
    } catch (err) {
      if (err instanceof ApiError && err.status === 413) {
        const found = { attachments: [tooLarge()] };
        setIssues(found);
        setFormError(t('error.fix'));
        focusFirstError(found);
      } else if (err instanceof ApiError && err.issues.length > 0) {
        // A file's issue (`file[2].contentType`) belongs to the files field.
        const found = issuesByField(
          err.issues.map((i) => ({ ...i, path: i.path.replace(/^file\[\d+\]/, 'attachments') })),
        );
        setIssues(found);
        setFormError(t('error.fix'));
        focusFirstError(found);
      } else if (err instanceof ApiError && err.status === 429) {
        setFormError(t('error.rateLimited', { seconds: err.retryAfterSeconds ?? 60 }));
      } else {
        setFormError(t('error.send', { message: errorLine(err) }));
      }
    } finally {
      setSending(false);
    }
  }

  /** The files' limit as an issue of the files field (its message said in the page's language). */
  function tooLarge(): Issue {
    return { path: 'attachments', message: t('error.bodyTooLarge', { size: budgetText }) };
  }

  const narrativeLength = fields.narrative.length;
  const over = narrativeLength - limits.narrativeMaxChars;

  return (
    <form className="report-form" noValidate onSubmit={(e) => void submit(e)}>
      {formError && (
        <p role="alert" className="form-error" data-testid="form-error">
          {formError}
        </p>
      )}
      {(issues.form ?? []).map((issue, i) => (
        <p key={i} className="form-error">
          {issueText(issue, words)}
        </p>
      ))}

      <Field
        id="report-narrative"
        label={t('field.narrative')}
        hint={t('field.narrative.hint')}
        errors={errorsOf('narrative')}
      >
        <textarea
          {...described('report-narrative', true, errorsOf('narrative'))}
          rows={6}
          value={fields.narrative}
          onChange={(e) => set('narrative', 'narrative')(e.target.value)}
        />
        <p className={over > 0 ? 'counter over' : 'counter'} aria-live="polite">
          {over > 0
            ? t('field.narrative.over', {
                count: number(narrativeLength),
                over: number(over),
                max: number(limits.narrativeMaxChars),
              })
            : t('field.narrative.count', {
                count: number(narrativeLength),
                max: number(limits.narrativeMaxChars),
              })}
        </p>
      </Field>

      <WhenField
        ns="public"
        id="report-observedAt"
        errors={errorsOf('observedAt')}
        optional
        text={fields.when}
        picked={fields.whenPick}
        onText={set('when', 'observedAt')}
        onPicked={(whenPick) => setFields((f) => ({ ...f, whenPick }))}
      />

      <Field
        id="report-location"
        label={t('field.where')}
        hint={t('field.where.hint')}
        errors={errorsOf('location')}
        optional
      >
        <input
          {...described('report-location', true, errorsOf('location'))}
          type="text"
          value={fields.place}
          onChange={(e) => set('place', 'location')(e.target.value)}
        />
      </Field>

      <CategoryField
        ns="public"
        id="report-category"
        errors={errorsOf('category')}
        optional
        meta={meta}
        choice={fields.category}
        other={fields.categoryOther}
        onChoice={set('category', 'category')}
        onOther={set('categoryOther', 'category')}
      />

      <Field
        id="report-subjects"
        label={t('field.subjects')}
        hint={t('field.subjects.hint')}
        errors={errorsOf('subjects')}
        optional
      >
        <input
          {...described('report-subjects', true, errorsOf('subjects'))}
          type="text"
          value={fields.subjects}
          onChange={(e) => set('subjects', 'subjects')(e.target.value)}
        />
      </Field>

      <HowKnownField
        ns="public"
        id="report-howKnown"
        errors={errorsOf('howKnown')}
        optional
        meta={meta}
        value={fields.howKnown}
        onChange={set('howKnown', 'howKnown')}
      />

      <Field
        id="report-attachments"
        label={t('field.files')}
        hint={t('field.files.hint', {
          count: limits.attachmentsMax,
          each: fileMaxText,
          size: budgetText,
        })}
        errors={errorsOf('attachments')}
        optional
      >
        <input
          {...described('report-attachments', true, errorsOf('attachments'))}
          type="file"
          multiple
          onChange={(e) => {
            const input = e.target;
            void pick(input.files).finally(() => {
              input.value = '';
            });
          }}
        />
        {files.length > 0 && (
          <ul className="files" data-testid="files">
            {files.map((f, i) => (
              <li key={i}>
                <span className="file-name">{f.filename}</span>{' '}
                <span className="muted">{formatBytes(f.size, lng)}</span>{' '}
                <button
                  type="button"
                  className="link"
                  aria-label={t('files.remove', { name: f.filename })}
                  onClick={() => {
                    setFiles((all) => all.filter((_, j) => j !== i));
                    setFileErrors([]);
                    idempotencyKey.current = null;
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </Field>

      <button type="submit" className="primary" disabled={sending}>
        {sending ? t('sending') : t('submit')}
      </button>
    </form>
  );
}

function Done({ receipt, onAnother }: { receipt: string; onAnother: () => void }) {
  const { t } = useTranslation('public');
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const address = `${window.location.origin}/follow`;
  return (
    <section className="done" aria-labelledby="done-title">
      <h2 id="done-title" ref={heading} tabIndex={-1}>
        {t('done.title')}
      </h2>
      <p>{t('done.receipt')}</p>
      <ReceiptCode receipt={receipt} />
      <p className="keep">{t('done.keep')}</p>
      {navigator.clipboard && (
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(receipt).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('done.copied') : t('done.copy')}
        </button>
      )}
      <p>
        <Trans
          t={t}
          i18nKey="done.follow"
          values={{ address }}
          components={{ link: <a href="/follow" className="address" /> }}
        />
      </p>
      <Privacy points={['receipt', 'browser']} />
      <button type="button" className="link" onClick={onAnother}>
        {t('done.another')}
      </button>
    </section>
  );
}
