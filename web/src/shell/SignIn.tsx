/**
 * The sign-in form (name and password) and why it is shown: a wrong password (401), a
 * role the workbench is not for (403), too many attempts (429, with how long to wait),
 * a session that ended, or a failure the server explained.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '../meta.js';
import { useLang } from '../i18n.js';
import { useMeta, WORKBENCH_ROLES, type Me } from './context.js';
import { useErrorLine } from '../common/ErrorText.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

export type SignInNotice =
  | { kind: 'wrong' }
  | { kind: 'forbidden'; me: Me }
  | { kind: 'rate'; seconds: number | null }
  | { kind: 'ended' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'sign-out-failed'; error: unknown }
  | { kind: 'need-name' }
  | { kind: 'need-password' };

function useNoticeText(notice: SignInNotice | null): string | null {
  const { t } = useTranslation('shell');
  const meta = useMeta();
  const lng = useLang();
  const errorLine = useErrorLine();
  if (!notice) return null;
  const role = (code: string) => labelOf(meta.roles, code, lng);
  switch (notice.kind) {
    case 'wrong':
      return t('signIn.wrong');
    case 'forbidden':
      return t('signIn.forbidden', {
        who: notice.me.id,
        roles: notice.me.roles.length > 0 ? notice.me.roles.map(role).join(', ') : t('who.noRole'),
        allowed: WORKBENCH_ROLES.map(role).join(', '),
      });
    case 'rate':
      return notice.seconds === null
        ? t('signIn.rateUnknown')
        : t('signIn.rate', { seconds: notice.seconds });
    case 'ended':
      return t('signIn.ended');
    case 'failed':
      return t('signIn.failed', { message: errorLine(notice.error) });
    case 'sign-out-failed':
      return t('signIn.signOutFailed', { message: errorLine(notice.error) });
    case 'need-name':
      return t('signIn.needName');
    case 'need-password':
      return t('signIn.needPassword');
  }
}

export function SignIn({
  notice,
  onSignIn,
}: {
  notice: SignInNotice | null;
  onSignIn: (name: string, password: string) => Promise<boolean>;
}) {
  const { t } = useTranslation('shell');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<SignInNotice | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const text = useNoticeText(missing ?? notice);

  useEffect(() => {
    // After a refusal the password is asked again; otherwise start at the name.
    (notice && notice.kind !== 'ended' ? passwordRef : nameRef).current?.focus();
  }, [notice]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const who = name.trim();
    if (!who) {
      setMissing({ kind: 'need-name' });
      nameRef.current?.focus();
      return;
    }
    if (!password) {
      setMissing({ kind: 'need-password' });
      passwordRef.current?.focus();
      return;
    }
    setMissing(null);
    setBusy(true);
    const signedIn = await onSignIn(who, password);
    if (!signedIn) {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <>
      <header className="top">
        <strong className="product">{t('product')}</strong>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="sign-in">
        <h1>{t('signIn.heading')}</h1>
        {text && (
          <p className="error" role="alert" id="sign-in-error">
            {text}
          </p>
        )}
        <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('signIn.heading')}>
          <label htmlFor="sign-in-name">{t('signIn.name')}</label>
          <input
            id="sign-in-name"
            ref={nameRef}
            name="name"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={text ? 'sign-in-error' : undefined}
          />
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input
            id="sign-in-password"
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={1024}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={text ? 'sign-in-error' : undefined}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
        <p className="hint">{t('signIn.hint')}</p>
      </main>
    </>
  );
}
