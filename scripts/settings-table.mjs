// Prints the README's settings table from the single source of truth, src/config.ts
// (via dist/). `node scripts/settings-table.mjs --write` updates README.md in place.
import { describeSettings } from '../dist/config.js';
import { writeReadmeSection } from './readme-section.mjs';

export function settingsTable() {
  const rows = describeSettings().map(
    (s) =>
      `| \`${s.env}\` | ${s.default === '(unset)' ? '(unset)' : `\`${s.default}\``} | ${s.description} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

if (process.argv.includes('--write')) {
  writeReadmeSection('<!-- settings:begin -->', '<!-- settings:end -->', settingsTable());
} else {
  console.log(settingsTable());
}
