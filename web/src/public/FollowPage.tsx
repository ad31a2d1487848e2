/**
 * The reporter's way back, without an account: the receipt code opens the case's
 * status as the reporter is told it, the staff's questions and the whole thread, and
 * takes answers or more information. The code lives in this page's memory only (not
 * in the address, not in storage): closing the page forgets it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api.js';
import { currentLanguage } from '../i18n.js';
import { Time } from '../time.js';
import { useErrorLine } from '../common/ErrorText.js';
import { described, Field, useIssueWords } from '../common/Field.js';
import { Privacy, PublicFrame } from './PublicFrame.js';
import type { Limits } from './ReportPage.js';
import { issueText } from '../common/report-body.js';

interface Message {
  author: 'reporter' | 'operator';
  text: string;
  at: string;
}

/** GET /api/v1/receipts/:receipt. */
interface ReceiptView {
  status: 'received' | 'in_review' | 'closed';
  receivedAt: string;
  questions: Message[];
  messages: Message[];
}

const receiptPath = (code: string) => `receipts/${encodeURIComponent(code.trim())}`;

export function FollowPage() {
  const { t } = useTranslation('public');
  const [limits, setLimits] = useState<Limits | null>(null);
  const [code, setCode] = useState('');
  const [opened, setOpened] = useState<{ code: string; view: ReceiptView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const errorLine = useErrorLine();

  useEffect(() => {
    call<Limits>('reports/limits', { credentials: 'omit' }).then(setLimits, () => {
      // The counter then shows no maximum; the server still says when a reply is too long.
    });
  }, []);

  async function open(receipt: string) {
    setOpening(true);
    setError(null);
    try {
      const view = await call<ReceiptView>(receiptPath(receipt), { credentials: 'omit' });
      setOpened({ code: receipt, view });
    } catch (err) {
      setOpened(null);
      if (err instanceof ApiError && err.status === 404) setError(t('follow.notFound'));
      else if (err instanceof ApiError && err.status === 429)
        setError(t('follow.rateLimited', { seconds: err.retryAfterSeconds ?? 60 }));
      else setError(t('follow.error', { message: errorLine(err) }));
    } finally {
      setOpening(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim() !== '' && !opening) void open(code);
  }

  return (
    <PublicFrame page="follow">
      {!opened ? (
        <>
          <form className="receipt-form" noValidate onSubmit={submit}>
            <Field
              id="follow-code"
              label={t('follow.code')}
              hint={t('follow.code.hint')}
              errors={error ? [error] : undefined}
            >
              <input
                {...described('follow-code', true, error ? [error] : undefined)}
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </Field>
            <button type="submit" className="primary" disabled={opening}>
              {opening ? t('follow.opening') : t('follow.open')}
            </button>
          </form>
          <Privacy points={['receipt', 'ip', 'text', 'browser', 'retention']} />
        </>
      ) : (
        <Case
          code={opened.code}
          view={opened.view}
          maxChars={limits?.messageMaxChars ?? null}
          onRefresh={() => void open(opened.code)}
          onForget={() => {
            setOpened(null);
            setCode('');
          }}
        />
      )}
    </PublicFrame>
  );
}

function Case({
  code,
  view,
  maxChars,
  onRefresh,
  onForget,
}: {
  code: string;
  view: ReceiptView;
  maxChars: number | null;
  onRefresh: () => void;
  onForget: () => void;
}) {
  const { t } = useTranslation('public');
  const words = useIssueWords();
  const errorLine = useErrorLine();
  const locale = currentLanguage() === 'zh' ? 'zh-CN' : 'en';
  const [reply, setReply] = useState('');
  const [replyErrors, setReplyErrors] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setSent(false);
    setReplyErrors([]);
    try {
      await call(`${receiptPath(code)}/messages`, {
        body: { text: reply },
        credentials: 'omit',
      });
      setReply('');
      setSent(true);
      onRefresh();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0)
        setReplyErrors(err.issues.map((issue) => issueText(issue, words)));
      else if (err instanceof ApiError && err.status === 429)
        setReplyErrors([t('follow.rateLimited', { seconds: err.retryAfterSeconds ?? 60 })]);
      else setReplyErrors([t('follow.error', { message: errorLine(err) })]);
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="case" aria-labelledby="case-status">
      <dl className="case-facts">
        <dt id="case-status">{t('follow.status')}</dt>
        <dd data-testid="status" data-status={view.status}>
          {t(`status.${view.status}`)}
        </dd>
        <dt>{t('follow.receivedAt')}</dt>
        <dd>
          <Time iso={view.receivedAt} />
        </dd>
      </dl>

      <h2>{t('follow.questions')}</h2>
      {view.questions.length === 0 ? (
        <p className="muted">{t('follow.noQuestions')}</p>
      ) : (
        <p>{t('follow.questionCount', { count: view.questions.length })}</p>
      )}
      {view.messages.length > 0 && (
        <ol className="thread" data-testid="thread">
          {view.messages.map((m, i) => (
            <li key={i} className={`message ${m.author}`} data-author={m.author}>
              <p className="message-meta">
                <strong>
                  {m.author === 'operator' ? t('follow.fromStaff') : t('follow.fromYou')}
                </strong>{' '}
                <Time iso={m.at} />
              </p>
              <p className="message-text">{m.text}</p>
            </li>
          ))}
        </ol>
      )}

      <form className="reply-form" noValidate onSubmit={(e) => void send(e)}>
        <Field id="follow-reply" label={t('follow.reply')} errors={replyErrors}>
          <textarea
            {...described('follow-reply', false, replyErrors)}
            rows={4}
            value={reply}
            onChange={(e) => {
              setReply(e.target.value);
              setSent(false);
            }}
          />
          {maxChars !== null && (
            <p className={reply.length > maxChars ? 'counter over' : 'counter'}>
              {t('follow.reply.count', {
                count: reply.length.toLocaleString(locale),
                max: maxChars.toLocaleString(locale),
              })}
            </p>
          )}
        </Field>
        {sent && (
          <p role="status" className="sent">
            {t('follow.sent')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending || reply.trim() === ''}>
            {sending ? t('follow.sending') : t('follow.send')}
          </button>
          <button type="button" onClick={onRefresh}>
            {t('follow.refresh')}
          </button>
          <button type="button" className="link" onClick={onForget}>
            {t('follow.forget')}
          </button>
        </div>
      </form>
    </section>
  );
}
