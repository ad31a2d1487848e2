import { describe, expect, it } from 'vitest';
import { base64Bytes, createReportSchema, isBase64 } from './report-schema.js';

const report = (files: Buffer[]) => ({
  channel: 'web',
  narrative: 'A van at the gate.',
  attachments: files.map((data, i) => ({
    filename: `f${i}.bin`,
    contentType: 'application/octet-stream',
    dataBase64: data.toString('base64'),
  })),
});

const issues = (result: ReturnType<ReturnType<typeof createReportSchema>['safeParse']>) =>
  result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('base64Bytes', () => {
  it('counts the bytes a base64 text decodes to, padding included', () => {
    for (let n = 0; n < 10; n++) expect(base64Bytes(Buffer.alloc(n).toString('base64'))).toBe(n);
  });
});

describe('the attachment limits of the Report JSON', () => {
  const schema = createReportSchema({
    narrativeMaxChars: 1000,
    attachmentMaxBytes: 100,
    attachmentsTotalMaxBytes: 150,
  });

  it('takes a file at the per-file limit and refuses one byte over, naming the file', () => {
    expect(schema.safeParse(report([Buffer.alloc(100)])).success).toBe(true);
    expect(issues(schema.safeParse(report([Buffer.alloc(10), Buffer.alloc(101)])))).toEqual([
      {
        path: 'attachments.1.dataBase64',
        message: expect.stringContaining('larger than 100 bytes'),
      },
    ]);
  });

  it('takes files up to the total and refuses one byte over, naming attachments', () => {
    expect(schema.safeParse(report([Buffer.alloc(100), Buffer.alloc(50)])).success).toBe(true);
    expect(issues(schema.safeParse(report([Buffer.alloc(100), Buffer.alloc(51)])))).toEqual([
      { path: 'attachments', message: expect.stringContaining('larger than 150 bytes') },
    ]);
  });

  it('bounds nothing but the count without the limits', () => {
    const open = createReportSchema({ narrativeMaxChars: 1000 });
    expect(open.safeParse(report([Buffer.alloc(1000), Buffer.alloc(1000)])).success).toBe(true);
  });
});

describe('isBase64', () => {
  it('takes standard base64 with its padding, and nothing else', () => {
    for (let n = 0; n < 8; n++)
      expect(isBase64(Buffer.alloc(n, 0xfb).toString('base64'))).toBe(true);
    for (const bad of [
      'A',
      'AB',
      'ABC',
      'AB=C',
      'A===',
      '=AAA',
      'AA=A',
      'AB-_',
      'AB C',
      'ABC=D===',
    ]) {
      expect(isBase64(bad), bad).toBe(false);
    }
  });

  it('checks a file of several megabytes without running out of stack', () => {
    expect(isBase64(Buffer.alloc(9_000_000, 7).toString('base64'))).toBe(true);
    expect(isBase64(`${Buffer.alloc(9_000_000, 7).toString('base64')}!`)).toBe(false);
  });
});
