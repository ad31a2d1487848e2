// Seeded narratives for the text benchmarks: 3–8 sentences of the bundled corpus, English
// or Chinese, a third of their words (characters) swapped for others of its vocabulary
// (so most contexts are new), and in one text of three an indicator or two (defanged URL,
// IP, hash, e-mail, phone, plate, wallet, IPv6).
import { mulberry32 } from './random.mjs';

export function reportTexts(CORPUS_EN, CORPUS_ZH, seed) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];

  const enWords = [...new Set(CORPUS_EN.flatMap((s) => s.replace(/[.,!?]/g, '').split(' ')))];
  const zhChars = [...new Set(CORPUS_ZH.flatMap((s) => [...s.replace(/[，。！？]/g, '')]))];
  const INDICATORS = [
    'hxxps://login.paypa1-secure[.]com/verify?id=42',
    '185.220.101[.]4',
    'd41d8cd98f00b204e9800998ecf8427e',
    'billing[at]example-mail[.]net',
    '+44 20 7946 0958',
    '京A12345',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    '2001:db8::dead:beef',
  ];

  function sentence(lang) {
    if (lang === 'en') {
      const words = pick(CORPUS_EN).replace(/[.]$/, '').split(' ');
      return `${words.map((w) => (random() < 1 / 3 ? pick(enWords) : w)).join(' ')}.`;
    }
    const chars = [...pick(CORPUS_ZH).replace(/。$/, '')];
    return `${chars.map((c) => (random() < 1 / 3 ? pick(zhChars) : c)).join('')}。`;
  }

  function text(lang) {
    const n = 3 + Math.floor(random() * 6);
    const parts = Array.from({ length: n }, () => sentence(lang));
    if (random() < 1 / 3) parts.splice(1, 0, `See ${pick(INDICATORS)} and ${pick(INDICATORS)}.`);
    return parts.join(lang === 'en' ? ' ' : '');
  }

  return { text, random };
}
