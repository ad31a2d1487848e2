/** The README stays true: its settings table is the one the modules' settings declare. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSettings } from '../src/config.js';
// @ts-expect-error: a plain .mjs script without types
import { settingsTable } from '../scripts/settings-table.mjs';
import { ROOT } from './helpers.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every setting exactly as config.ts defines it', () => {
    // Compare cell by cell: prettier pads the table's columns.
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
        .map((l) => l.split('|').map((c) => c.trim()));
    const section = readme.slice(
      readme.indexOf('<!-- settings:begin -->'),
      readme.indexOf('<!-- settings:end -->'),
    );
    expect(cells(section)).toEqual(cells(settingsTable() as string));
  });

  it('lists every module setting once, under the module that declares it', () => {
    const section = readme.slice(
      readme.indexOf('<!-- settings:begin -->'),
      readme.indexOf('<!-- settings:end -->'),
    );
    for (const { section: part, spec } of allSettings()) {
      const rows = section.split('\n').filter((l) => l.includes(`\`${spec.env}\``));
      expect(rows, spec.env).toHaveLength(1);
      expect(rows[0]!.split('|')[1]!.trim(), spec.env).toBe(part);
    }
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('has a line in docs/ARCHITECTURE.md for every folder of src/', () => {
    const architecture = readFileSync(path.join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/${d.name}/`);
    for (const folder of folders) expect(architecture).toContain(`\`${folder}\``);
  });
});
