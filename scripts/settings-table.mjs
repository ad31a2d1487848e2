// Prints the README's settings table from the single source of truth: the modules'
// settings.ts files as src/config.ts composes them (via dist/), one row per setting,
// grouped by the part of tipwire that owns it. `node scripts/settings-table.mjs --write`
// updates README.md in place.
import { readFileSync, writeFileSync } from 'node:fs';
import { describeSettings } from '../dist/config.js';

export function settingsTable() {
  const rows = describeSettings().map(
    (s) =>
      `| ${s.section} | \`${s.env}\` | ${s.default === '(unset)' ? '(unset)' : `\`${s.default}\``} | ${s.description} |`,
  );
  return ['| part | variable | default | meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

const BEGIN = '<!-- settings:begin -->';
const END = '<!-- settings:end -->';

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md has no settings markers');
  writeFileSync(
    'README.md',
    readme.slice(0, start + BEGIN.length) + '\n' + settingsTable() + '\n' + readme.slice(end),
  );
} else {
  console.log(settingsTable());
}
