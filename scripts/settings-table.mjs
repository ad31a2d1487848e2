// Prints the README's settings table from the single source of truth: the modules'
// settings.ts files as src/config.ts composes them (via dist/), one row per setting,
// grouped by the part of tipwire that owns it. `node scripts/settings-table.mjs --write`
// updates README.md in place.
import { describeSettings } from '../dist/config.js';
import { writeReadmeSection } from './readme-section.mjs';

export function settingsTable() {
  const rows = describeSettings().map(
    (s) =>
      `| ${s.section} | \`${s.env}\` | ${s.default === '(unset)' ? '(unset)' : `\`${s.default}\``} | ${s.description} |`,
  );
  return ['| part | variable | default | meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

if (process.argv.includes('--write')) {
  writeReadmeSection('<!-- settings:begin -->', '<!-- settings:end -->', settingsTable());
} else {
  console.log(settingsTable());
}
