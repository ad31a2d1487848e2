import { describe, expect, it } from 'vitest';
import { contentTypeOf, fits, reportForm } from './attachments.js';

describe('files sent with a report', () => {
  it('fits files within the total', () => {
    expect(fits([{ size: 100 }], 50, 150)).toBe(true);
    expect(fits([{ size: 100 }], 51, 150)).toBe(false);
  });

  it('sends the report part first, then the files as they are', async () => {
    const blob = new Blob([new Uint8Array([0, 255, 7])], { type: 'image/jpeg' });
    const form = reportForm({ channel: 'web', narrative: '无人机' }, [
      { filename: 'a.jpg', blob },
      { filename: 'b.jpg', blob },
    ]);
    expect([...form.keys()]).toEqual(['report', 'file', 'file']);
    expect(JSON.parse(form.get('report') as string)).toEqual({
      channel: 'web',
      narrative: '无人机',
    });
    const file = form.get('file') as File;
    expect(file.name).toBe('a.jpg');
    expect(file.type).toBe('image/jpeg');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0, 255, 7]);
  });

  it('names an unknown media type generically', () => {
    expect(contentTypeOf('')).toBe('application/octet-stream');
    expect(contentTypeOf('image/jpeg')).toBe('image/jpeg');
  });
});
