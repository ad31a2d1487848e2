import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts as Facts } from '../../../src/domain/media.js';
import { initI18n } from '../i18n.js';
import { namespaces } from '../messages.js';
import {
  attachmentHref,
  FindingReusedText,
  MediaFacts,
  type AttachmentView,
} from './MediaFacts.js';

beforeAll(async () => {
  await initI18n(namespaces, 'en');
});

function makeAttachment(media: Facts | null): AttachmentView {
  return {
    id: 'att_1',
    filename: 'GPS.jpg',
    contentType: 'image/jpeg',
    sizeBytes: 2133,
    sha256: 'ab'.repeat(32),
    hiddenCharactersInName: false,
    media,
  };
}

const photo: Facts = {
  detectedType: 'image/jpeg',
  width: 2400,
  height: 1600,
  rejected: null,
  exif: {
    localTime: '2002-07-13T15:58:28',
    cameraOffsetMinutes: 60,
    cameraOffsetSource: 'gps-time',
    gpsTime: null,
    gps: { lat: 54.98967, lon: -1.91417, accuracyMeters: null },
    gpsZone: null,
    takenAt: Date.UTC(2002, 6, 13, 14, 58, 28),
    takenAtOffsetMinutes: 60,
    takenAtOffsetSource: 'gps-time',
    make: 'FUJIFILM',
    model: 'FinePixS1Pro',
    software: '<img src=x onerror=alert(1)>',
    modifyTime: null,
    editTraces: [],
  },
};

describe('MediaFacts', () => {
  it('renders nothing for a file stored before media facts were read', () => {
    expect(renderToStaticMarkup(<MediaFacts attachment={makeAttachment(null)} />)).toBe('');
  });

  it('shows the capture instant as a <time> with UTC on hover, and the file’s words as text', () => {
    const html = renderToStaticMarkup(<MediaFacts attachment={makeAttachment(photo)} />);
    expect(html).toContain(
      '<time dateTime="2002-07-13T14:58:28.000Z" title="2002-07-13T14:58:28Z (UTC)">',
    );
    expect(html).toContain('camera’s clock: 2002-07-13 15:58:28, UTC+01:00 (from GPS time)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('marks a refusal as a warning and shows no camera facts', () => {
    const html = renderToStaticMarkup(
      <MediaFacts
        attachment={makeAttachment({
          ...photo,
          width: 100_000,
          height: 100_000,
          rejected: { reason: 'too_many_pixels', detail: '' },
          exif: null,
        })}
      />,
    );
    expect(html).toContain('<div data-fact="refused" class="warn">');
    expect(html).toContain('refused: declares 10,000,000,000 pixels');
    expect(html).not.toContain('data-fact="taken"');
  });
});

describe('attachmentHref', () => {
  it('is the stripped copy by default and the original on request', () => {
    expect(attachmentHref('r 1', 'a/1')).toBe('/api/v1/reports/r%201/attachments/a%2F1');
    expect(attachmentHref('r', 'a', true)).toBe('/api/v1/reports/r/attachments/a?copy=original');
  });
});

describe('FindingReusedText', () => {
  const evidence = {
    kind: 'text',
    minSimilarity: 0.6,
    matches: [{ reportId: 'r_early', similarity: 0.921875 }],
    matchCount: 3,
  };

  it('names each earlier report a copied narrative matches, with its similarity', () => {
    const html = renderToStaticMarkup(
      <FindingReusedText code="media.reused" evidence={evidence} />,
    );
    expect(html).toContain('text near-identical to report r_early (similarity 0.92)');
    expect(html).toContain('and 2 more earlier reports');
  });

  it('renders nothing for an image reuse', () => {
    const image = { kind: 'image', attachmentId: 'a_1', matches: [], matchCount: 0 };
    expect(renderToStaticMarkup(<FindingReusedText code="media.reused" evidence={image} />)).toBe(
      '',
    );
  });
});
