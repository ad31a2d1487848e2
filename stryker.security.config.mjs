// Mutation testing of the security checks at the HTTP edge (`npm run test:mutation --
// --security`): who may call which route (the access declared per route and the
// check in auth.ts), the receipt route's match of the secret, logins and session
// ends. Mutants are killed, or not, by the in-process API tests: the role × route
// matrix, the API, revocation and hardening tests (they run the app from src/, so
// they run the mutant; tests of a server process run dist/ and cannot).
import base from './stryker.config.mjs';

export const SECURITY_EDGE = [
  'src/server/auth.ts',
  'src/server/routes/receipts.ts',
  'src/server/routes/session.ts',
];

export default {
  ...base,
  vitest: { configFile: 'vitest.security.config.ts' },
  mutate: SECURITY_EDGE,
  incrementalFile: 'reports/mutation-security/stryker-incremental.json',
  htmlReporter: { fileName: 'reports/mutation-security/index.html' },
  jsonReporter: { fileName: 'reports/mutation-security/mutation.json' },
  timeoutMS: 60_000,
  // Long texts are tokenized by dist/'s worker, which refuses a dist/ older than src/.
  buildCommand: 'npm run build',
};
