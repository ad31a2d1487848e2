import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n } from '../i18n.js';
import { namespaces } from '../messages.js';
import { Observables } from './Observables.js';
import type { ReportView } from './types.js';

beforeAll(async () => {
  await initI18n(namespaces, 'en');
});

const report = (observables: ReportView['observables']) => ({ observables }) as ReportView;

describe('Observables', () => {
  it('renders nothing when the text names none', () => {
    expect(renderToStaticMarkup(<Observables report={report([])} />)).toBe('');
  });

  it('names each type and counts the other reports, the value as text, never a link', () => {
    const html = renderToStaticMarkup(
      <Observables
        report={report([
          {
            type: 'url',
            value: 'https://evil.example/"><script>alert(1)</script>',
            otherReports: 0,
          },
          { type: 'ipv4', value: '203.0.113.45', otherReports: 1 },
          { type: 'phone', value: 'ps692_ab12', otherReports: 3 },
        ])}
      />,
    );
    expect(html).toContain('Indicators in the text');
    expect(html).toContain('URL');
    expect(html).toContain('no other report');
    expect(html).toContain('in 1 other report<');
    expect(html).toContain('phone (pseudonym)');
    expect(html).toContain('in 3 other reports');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('speaks Chinese', async () => {
    await i18next.changeLanguage('zh');
    try {
      const html = renderToStaticMarkup(
        <Observables report={report([{ type: 'plate', value: '京A12345', otherReports: 2 }])} />,
      );
      expect(html).toContain('文本中的指标');
      expect(html).toContain('车牌');
      expect(html).toContain('另有 2 份举报提及');
    } finally {
      await i18next.changeLanguage('en');
    }
  });
});
