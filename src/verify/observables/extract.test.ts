import fc from 'fast-check';
import { getCountries } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { FILE_LIKE_TLDS, TLDS } from './data/tlds.js';
import { extractObservables, type ExtractOptions, type Observable } from './extract.js';
import { defang, refang } from './refang.js';

const OPTIONS: ExtractOptions = { maxChars: 100_000 };

/** [type, value, the text written there] of each observable. */
const found = (text: string, options: ExtractOptions = OPTIONS) =>
  extractObservables(text, options).map((o) => [o.type, o.value, text.slice(o.start, o.end)]);
const values = (text: string, options: ExtractOptions = OPTIONS) =>
  extractObservables(text, options).map((o) => [o.type, o.value]);

describe('a sysadmin’s tip, defanged as analysts write it', () => {
  const TIP = [
    'Tip from a sysadmin: the phishing mail came from billing[at]paypa1-secure[.]com and linked to hxxps://login.paypa1-secure[.]com/verify?id=42 (hosted on 185.220.101[.]4).',
    'The dropper (invoice.zip, SHA-256 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08) beaconed to 2001:db8::dead:beef and to 10.0.0.0/8 hosts.',
    'MD5 d41d8cd98f00b204e9800998ecf8427e, SHA-1 da39a3ee5e6b4b0d3255bfef95601890afd80709. Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0 or 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.',
    'Call him on +44 20 7946 0958. Not IPs: 999.1.1.1, version 1.2.3.4.5. Files: setup.py, README.md; e.g. node.js is not a domain, but www.example.co.uk is.',
  ].join('\n');

  it('finds every observable, refanged and normalized, with the span as written', () => {
    expect(found(TIP)).toEqual([
      ['email', 'billing@paypa1-secure.com', 'billing[at]paypa1-secure[.]com'],
      [
        'url',
        'https://login.paypa1-secure.com/verify?id=42',
        'hxxps://login.paypa1-secure[.]com/verify?id=42',
      ],
      ['ipv4', '185.220.101.4', '185.220.101[.]4'],
      [
        'sha256',
        '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08',
      ],
      ['ipv6', '2001:db8::dead:beef', '2001:db8::dead:beef'],
      ['cidr', '10.0.0.0/8', '10.0.0.0/8'],
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e', 'd41d8cd98f00b204e9800998ecf8427e'],
      [
        'sha1',
        'da39a3ee5e6b4b0d3255bfef95601890afd80709',
        'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      ],
      ['btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
      [
        'btc',
        'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
        'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      ],
      [
        'eth',
        '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      ],
      ['phone', '+442079460958', '+44 20 7946 0958'],
      ['domain', 'www.example.co.uk', 'www.example.co.uk'],
    ]);
  });
});

describe('a Chinese report', () => {
  const REPORT =
    '今天下午车牌京A12345的白色面包车停在门口，另一辆粤B·D12345的车也在。司机电话13800138000，他说去evil.com网站看，邮箱是zhang.san@example.cn。还有一辆沪C 1234学。';

  it('finds plates, the national phone number, and indicators written against Han text', () => {
    expect(found(REPORT, { ...OPTIONS, defaultPhoneRegion: 'CN' })).toEqual([
      ['plate', '京A12345', '京A12345'],
      ['plate', '粤BD12345', '粤B·D12345'],
      ['phone', '+8613800138000', '13800138000'],
      ['domain', 'evil.com', 'evil.com'],
      ['email', 'zhang.san@example.cn', 'zhang.san@example.cn'],
      ['plate', '沪C1234学', '沪C 1234学'],
    ]);
  });

  it('finds no national number without a default region', () => {
    expect(values(REPORT).filter(([type]) => type === 'phone')).toEqual([]);
  });
});

describe('each kind of observable', () => {
  it('IPs: only valid ones, never a part of a longer dotted number', () => {
    expect(values('a 1.2.3.4 b')).toEqual([['ipv4', '1.2.3.4']]);
    for (const text of ['999.1.1.1', '1.2.3.256', 'v1.2.3.4', '1.2.3.4.5', '01.2.3.4', '1.2.3'])
      expect(values(`see ${text} now`), text).toEqual([]);
    expect(values('at 2001:DB8:0:0:0:0:0:1, then ::1 and fe80::1')).toEqual([
      ['ipv6', '2001:db8::1'],
      ['ipv6', '::1'],
      ['ipv6', 'fe80::1'],
    ]);
    expect(values('10:30:45, 00:1a:2b:3c:4d:5e, a :: b')).toEqual([]);
    expect(values('mapped ::ffff:192.0.2.1, prefix 2001:db8:: and fe80::1.')).toEqual([
      ['ipv6', '::ffff:192.0.2.1'],
      ['ipv6', '2001:db8::'],
      ['ipv6', 'fe80::1'],
    ]);
    expect(values('nets 10.1.2.128/25 and 2001:db8::ab/64')).toEqual([
      ['cidr', '10.1.2.128/25'],
      ['cidr', '2001:db8::ab/64'],
    ]);
    // A prefix too long is no CIDR block; the address before it is still an address.
    expect(values('nets 192.168.0.0/16 and 2001:db8::/32, not 1.2.3.4/33')).toEqual([
      ['cidr', '192.168.0.0/16'],
      ['cidr', '2001:db8::/32'],
      ['ipv4', '1.2.3.4'],
    ]);
  });

  it('domains: a known TLD, not a file name, not inside a longer token', () => {
    expect(values('EVIL.Example.COM and xn--fiqs8s-test.xn--fiqs8s')).toEqual([
      ['domain', 'evil.example.com'],
      ['domain', 'xn--fiqs8s-test.xn--fiqs8s'],
    ]);
    for (const text of ['file.txt', 'e.g.', 'node.js', 'setup.py', 'run.sh', 'data.zip', 'a.b_c'])
      expect(values(`see ${text} now`), text).toEqual([]);
    // A file-like TLD is a domain with more labels, or in a URL or an address.
    expect(values('www.example.sh, http://example.py/x, me@example.md')).toEqual([
      ['domain', 'www.example.sh'],
      ['url', 'http://example.py/x'],
      ['email', 'me@example.md'],
    ]);
  });

  it('URLs: the host checked, trailing punctuation and unbalanced brackets left out', () => {
    expect(found('(see https://Example.COM/a_(b)?q=1.) and HTTP://10.1.2.3:8080/x, too')).toEqual([
      ['url', 'https://example.com/a_(b)?q=1', 'https://Example.COM/a_(b)?q=1'],
      ['url', 'http://10.1.2.3:8080/x', 'HTTP://10.1.2.3:8080/x'],
    ]);
    expect(values('ftp://user@[2001:DB8::1]:21/file.')).toEqual([
      ['url', 'ftp://user@[2001:db8::1]:21/file'],
    ]);
    for (const text of ['http://localhost/x', 'http://bad.notatld/', 'http://[zz::1]/'])
      expect(values(text), text).toEqual([]);
    expect(values('http://example.com:65535/x')).toEqual([['url', 'http://example.com:65535/x']]);
    // No URL with a port over 65535 (nor a domain: one right after // is no bare domain);
    // an IP in it is still an IP.
    expect(values('http://example.com:65536/x')).toEqual([]);
    expect(values('http://1.2.3.4:70000/')).toEqual([['ipv4', '1.2.3.4']]);
    expect(values('去http://evil.com/a网站')).toEqual([['url', 'http://evil.com/a']]);
    expect(values('see http://example.com now')).toEqual([['url', 'http://example.com']]);
    expect(values('[https://example.com/a] (http://example.com/a)b')).toEqual([
      ['url', 'https://example.com/a'],
      ['url', 'http://example.com/a)b'],
    ]);
    expect(values('http://[2001:db8::1]/x')).toEqual([['url', 'http://[2001:db8::1]/x']]);
    // A host that is neither a bracketed IPv6, nor a name or IPv4 with a port: no URL.
    expect(values('http://x[2001:db8::1]/')).toEqual([['ipv6', '2001:db8::1']]);
    expect(values('http://[2001:db8::1]x/')).toEqual([['ipv6', '2001:db8::1']]);
    expect(values('http://a:b:example.com/')).toEqual([['domain', 'example.com']]);
    expect(values('http://example.com:80:90/')).toEqual([]);
  });

  it('e-mail addresses: lower case, [at] and (at) refanged, no double dot', () => {
    expect(values('Write to John.Doe+tips@Example.ORG or jane (at) example [dot] net')).toEqual([
      ['email', 'john.doe+tips@example.org'],
      ['email', 'jane@example.net'],
    ]);
    expect(values('a..b@example.com')).not.toContainEqual(['email', 'a..b@example.com']);
  });

  it('hashes: exact lengths only, not inside a longer hex run, not all digits', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(values(`x ${md5}0 y`)).toEqual([]); // 33 hex digits
    expect(values(`x ${md5}g y`)).toEqual([]); // in a longer word
    expect(values(`x 0x${md5} y`)).toEqual([]);
    expect(values(`x ${'1'.repeat(32)} y`)).toEqual([]);
    expect(values(`哈希${md5}是`)).toEqual([['md5', md5]]);
    expect(values(`x ${'a'.repeat(40)} ${'b'.repeat(64)} y`)).toEqual([
      ['sha1', 'a'.repeat(40)],
      ['sha256', 'b'.repeat(64)],
    ]);
  });

  it('wallets: only with a valid checksum', () => {
    expect(values('pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now')).toEqual([]); // one typo
    expect(values('pay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD now')).toEqual([]);
    expect(values('pay 0x52908400098527886e0f7030069857d2e4169ee7 now')).toEqual([
      ['eth', '0x52908400098527886e0f7030069857d2e4169ee7'],
    ]);
    expect(values('pay BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 now')).toEqual([
      ['btc', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ]);
  });

  it('plates: province, letter, five characters or six for new energy, not I or O', () => {
    expect(values('京A12345 粤B·D12345 浙A12345D 川a-1b2c3 鲁Q・F5678A')).toEqual([
      ['plate', '京A12345'],
      ['plate', '粤BD12345'],
      ['plate', '浙A12345D'],
      ['plate', '川A1B2C3'],
    ]);
    for (const text of ['京A1234', '京I12345', '京A1234O', '美A12345', '京A123456'])
      expect(values(`车牌${text}的车`), text).toEqual([]);
  });

  it('phones: E.164, international always, national with the default region', () => {
    expect(values('call +86 138 0013 8000')).toEqual([['phone', '+8613800138000']]);
    expect(values('call 020 7946 0958', { ...OPTIONS, defaultPhoneRegion: 'GB' })).toEqual([
      ['phone', '+442079460958'],
    ]);
    expect(values('call 020 7946 0958')).toEqual([]);
  });
});

describe('spans', () => {
  it('go to the longest candidate, whatever its type', () => {
    expect(values('host 1.2.3.4.example.com here')).toEqual([['domain', '1.2.3.4.example.com']]);
  });

  it('never overlap: a URL over its domain, an address over its domain, an IP over a phone', () => {
    expect(
      values('http://evil.com/x me@evil.com 192.168.1.1', { ...OPTIONS, defaultPhoneRegion: 'CN' }),
    ).toEqual([
      ['url', 'http://evil.com/x'],
      ['email', 'me@evil.com'],
      ['ipv4', '192.168.1.1'],
    ]);
  });

  it('read only maxChars characters, and take nothing the limit cuts', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    const text = `a 1.2.3.4 ${md5}`;
    expect(values(text, { maxChars: text.length })).toEqual([
      ['ipv4', '1.2.3.4'],
      ['md5', md5],
    ]);
    expect(values(text, { maxChars: text.length - 1 })).toEqual([['ipv4', '1.2.3.4']]);
    // What reaches the limit is not taken even if the next character would have ended it:
    // nothing past the limit is read.
    expect(values(`${text} `, { maxChars: text.length })).toEqual([['ipv4', '1.2.3.4']]);
    expect(values(`${text}0`, { maxChars: text.length })).toEqual([['ipv4', '1.2.3.4']]);
  });
});

describe('properties', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
  const tld = fc.constantFrom(...[...TLDS].filter((t) => !FILE_LIKE_TLDS.has(t)));
  const domain = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
    .map(([l, t]) => [...l, t].join('.'));
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
  const url = fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.oneof(domain, ipv4),
      fc.stringMatching(/^[a-z0-9/]{0,12}$/),
    )
    .map(([s, h, p]) => `${s}://${h}/${p}`);
  const email = fc.tuple(label, domain).map(([l, d]) => `${l}@${d}`);
  const indicator = fc.oneof(domain, ipv4, url, email);
  const filler = fc.constantFrom('', 'see ', 'Report: ', '举报：', '(', 'x, ');
  const after = fc.constantFrom('', ' now', '.', ' 网站', ')', ', ok');

  it('finds a defanged indicator as the live one', () => {
    fc.assert(
      fc.property(filler, indicator, after, (before, value, end) => {
        const live = values(`${before}${value}${end}`);
        expect(live.length).toBe(1);
        expect(values(`${before}${defang(value)}${end}`)).toEqual(live);
      }),
      { seed: 8, numRuns: 400 },
    );
  });

  it('defangs only a scheme before ://, and refangs it back', () => {
    expect(defang('https://x.org')).toBe('hxxps[://]x[.]org');
    expect(defang('httpbin.org')).toBe('httpbin[.]org');
    expect(refang(defang('httpbin.org')).text).toBe('httpbin.org');
  });

  it('refangs what defang made', () => {
    fc.assert(
      fc.property(indicator, (value) => {
        expect(refang(defang(value)).text).toBe(value);
      }),
      { seed: 9, numRuns: 200 },
    );
  });

  it('gives spans inside the text, in order, never overlapping, for any text', () => {
    const pieces = fc.array(
      fc.oneof(
        indicator,
        fc.string({ maxLength: 8 }),
        fc.constantFrom('[.]', '[at]', 'hxxp', ':', '::', '.', '/', '京A'),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(pieces, (parts) => {
        const text = parts.join('');
        const list: Observable[] = extractObservables(text, OPTIONS);
        let last = 0;
        for (const o of list) {
          expect(o.start).toBeGreaterThanOrEqual(last);
          expect(o.end).toBeGreaterThan(o.start);
          expect(o.end).toBeLessThanOrEqual(text.length);
          last = o.end;
        }
      }),
      { seed: 10, numRuns: 300 },
    );
  });

  it('never takes an IPv4 address with an octet over 255', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 4, maxLength: 4 }),
        (o) => {
          const ips = values(`ip ${o.join('.')} here`).filter(([type]) => type === 'ipv4');
          expect(ips.length).toBe(o.every((x) => x <= 255) ? 1 : 0);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('the TLD list', () => {
  it('holds the country code of every region libphonenumber-js knows, but a few without one', () => {
    // Regions with a calling code but no ccTLD of their own in the root zone.
    const WITHOUT = ['BL', 'BQ', 'EH', 'MF', 'TA', 'XK'];
    const missing = getCountries().filter((c) => !TLDS.has(c.toLowerCase()));
    expect(missing.sort()).toEqual(WITHOUT);
  });

  it('holds the common generic TLDs and none with a dot', () => {
    for (const t of ['com', 'net', 'org', 'gov', 'edu', 'info', 'xyz', 'top', 'uk', 'cn'])
      expect(TLDS.has(t), t).toBe(true);
    expect([...TLDS].filter((t) => t.includes('.'))).toEqual([]);
    for (const t of FILE_LIKE_TLDS) expect(TLDS.has(t), t).toBe(true);
  });
});
