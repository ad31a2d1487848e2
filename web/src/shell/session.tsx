/**
 * The sign-in gate. On load it asks the server who is signed in (GET /api/v1/session,
 * proved by tipwire's HttpOnly session cookie); nobody → the sign-in form; someone
 * whose role may not use the workbench → the form with a 403 message (and that fresh
 * session is ended); otherwise the app, with SessionContext ({me, signOut}). A 401 from
 * any later call (the session expired, was revoked or signed out elsewhere) brings the
 * form back with a message.
 *
 * The page never sees a token: the cookie is set and sent by the browser, nothing is
 * kept in localStorage or sessionStorage. Signing in with an API token is no longer
 * offered here (the classic page did): tokens are for machines and scripts, people
 * sign in with a name and password.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, call, onUnauthorized } from '../api.js';
import { mayUseWorkbench, SessionContext, type Me, type SessionValue } from './context.js';
import { SignIn, type SignInNotice } from './SignIn.js';
import './shell.css';

type GateState =
  | { state: 'checking' }
  | { state: 'signed-out'; notice: SignInNotice | null }
  | { state: 'signed-in'; me: Me };

const failure = (error: unknown): SignInNotice => ({ kind: 'failed', error });

/** Ends the session of a signed-in person the workbench refuses; a 401 means it had ended. */
async function endSession(everywhere = false): Promise<void> {
  await call<void>(`session${everywhere ? '?everywhere=true' : ''}`, { method: 'DELETE' });
}

export function SessionGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<GateState>({ state: 'checking' });

  /** Who holds the cookie now → the app, or the form with why not. */
  const admit = useCallback(async (): Promise<GateState> => {
    try {
      const me = await call<Me>('session');
      if (mayUseWorkbench(me)) return { state: 'signed-in', me };
      await endSession().catch(() => undefined);
      return { state: 'signed-out', notice: { kind: 'forbidden', me } };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401)
        return { state: 'signed-out', notice: null };
      return { state: 'signed-out', notice: failure(err) };
    }
  }, []);

  useEffect(() => {
    let live = true;
    void admit().then((next) => {
      if (live) setGate(next);
    });
    return () => {
      live = false;
    };
  }, [admit]);

  // A 401 while signed in: the session is gone; show the form and say so.
  useEffect(
    () =>
      onUnauthorized(() =>
        setGate((g) =>
          g.state === 'signed-in' ? { state: 'signed-out', notice: { kind: 'ended' } } : g,
        ),
      ),
    [],
  );

  /** Name and password → the session cookie → who it is. Resolves true when signed in. */
  const signIn = useCallback(
    async (name: string, password: string): Promise<boolean> => {
      let next: GateState;
      try {
        // The answer carries the session's token too: it is not kept (the cookie is).
        await call<unknown>('session', { method: 'POST', body: { name, password } });
        next = await admit();
      } catch (err) {
        const notice: SignInNotice =
          err instanceof ApiError && err.status === 401
            ? { kind: 'wrong' }
            : err instanceof ApiError && err.status === 429
              ? { kind: 'rate', seconds: err.retryAfterSeconds }
              : failure(err);
        next = { state: 'signed-out', notice };
      }
      setGate(next);
      return next.state === 'signed-in';
    },
    [admit],
  );

  const signOut = useCallback(async (everywhere = false) => {
    let notice: SignInNotice | null = null;
    try {
      await endSession(everywhere);
    } catch (err) {
      // 401: it had already ended. Anything else: the cookie may still be valid.
      if (!(err instanceof ApiError && err.status === 401))
        notice = { kind: 'sign-out-failed', error: err };
    }
    setGate({ state: 'signed-out', notice });
  }, []);

  const value = useMemo<SessionValue | null>(
    () => (gate.state === 'signed-in' ? { me: gate.me, signOut } : null),
    [gate, signOut],
  );

  if (gate.state === 'checking') return null;
  if (gate.state === 'signed-out' || !value)
    return <SignIn notice={gate.state === 'signed-out' ? gate.notice : null} onSignIn={signIn} />;
  return (
    <SessionContext.Provider value={value} key={value.me.id}>
      {children}
    </SessionContext.Provider>
  );
}
