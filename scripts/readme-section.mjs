// Replaces the text between two marker comments of README.md (generated tables).
import { readFileSync, writeFileSync } from 'node:fs';

export function writeReadmeSection(begin, end, text, file = 'README.md') {
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < 0) throw new Error(`${file} has no ${begin} … ${end} markers`);
  writeFileSync(
    file,
    readme.slice(0, start + begin.length) + '\n' + text + '\n' + readme.slice(stop),
  );
}
