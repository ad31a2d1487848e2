/** The sign-in gate (to be replaced by the session-cookie sign-in). */
import type { ReactNode } from 'react';

export function SessionGate({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
