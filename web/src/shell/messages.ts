import type { Catalogue } from '../i18n.js';

/** The frame of the workbench: header, navigation, language switch, loading and errors. */
export const shell: Catalogue = {
  en: {
    product: 'tipwire',
    'nav.queue': 'Queue',
    'nav.map': 'Map',
    'nav.call': 'Call-taker',
    language: 'Language',
    loading: 'Loading…',
    'error.meta': 'The server did not send its code catalogue: {{message}}',
    'error.view': 'This view failed: {{message}}',
  },
  zh: {
    product: 'tipwire',
    'nav.queue': '队列',
    'nav.map': '地图',
    'nav.call': '接线员',
    language: '语言',
    loading: '加载中…',
    'error.meta': '服务器未发送代码目录：{{message}}',
    'error.view': '此视图出错：{{message}}',
  },
};
