// Test helper process: runs `tipwire keys rotate` (from dist/) on the database of
// TIPWIRE_DB and SIGKILLs itself at a chosen point: after the Nth committed batch of
// re-wrapped data keys (a number), or right after the database switched to the new
// key but before the key files were moved ('switched'). Used by test/keys-rotate.test.ts.
import { rotateKeys } from '../dist/cli/keys.js';
import { loadConfig } from '../dist/config.js';

const [killAt] = process.argv.slice(2);
let batches = 0;
rotateKeys(loadConfig(process.env), {
  onProgress(p) {
    if (p.step === 'rewrapped') batches += 1;
    if ((p.step === 'rewrapped' && batches === Number(killAt)) || p.step === killAt) {
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
console.error('the rotation finished without reaching the crash point');
process.exit(3);
