// Diagnostic server for the intake benchmark: the real tipwire HTTP app, store and
// intake (validation, pseudonym, group commit, fsync), wired exactly as `tipwire
// serve` wires them, but with the pipeline NOT started: reports and their first
// jobs are stored, nothing runs the jobs. It measures what the request path costs
// on its own; it is not a configuration anyone should deploy.

// Usage: TIPWIRE_DB=... node bench/servers/tipwire-intake-only.mjs <port>
import { loadConfig } from '../../dist/config.js';
import { createHttpApp, createRuntime } from '../../dist/runtime.js';

const config = loadConfig(process.env, { port: process.argv[2] });
const runtime = createRuntime(config);
const app = await createHttpApp(runtime);
await app.listen({ port: config.server.port, host: config.server.host });
process.on(
  'SIGTERM',
  () =>
    void app.close().then(() => {
      runtime.close();
      process.exit(0);
    }),
);
