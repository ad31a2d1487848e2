import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIPv6, normalizeIp, parseIPv4, parseIPv6 } from './network.js';

describe('IPv4', () => {
  it('takes four octets 0–255', () => {
    expect(parseIPv4('192.168.1.1')).toEqual([192, 168, 1, 1]);
    expect(parseIPv4('0.0.0.0')).toEqual([0, 0, 0, 0]);
    expect(parseIPv4('255.255.255.255')).toEqual([255, 255, 255, 255]);
  });

  it('refuses 999.1.1.1, 256, leading zeros, and the wrong number of octets', () => {
    for (const bad of ['999.1.1.1', '1.1.1.256', '010.1.1.1', '1.1.1', '1.1.1.1.1', '1..1.1', ''])
      expect(parseIPv4(bad), bad).toBeNull();
  });

  it('agrees with Node’s isIP on every dotted quad of small numbers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
        (o) => {
          const text = o.join('.');
          expect(parseIPv4(text) !== null).toBe(isIP(text) === 4);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('IPv6', () => {
  it('reads full, compressed and IPv4-tailed forms', () => {
    expect(parseIPv6('2001:db8:0:0:0:0:2:1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 2, 1]);
    expect(parseIPv6('2001:db8::2:1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 2, 1]);
    expect(parseIPv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('::ffff:192.0.2.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    expect(parseIPv6('1:2:3:4:5:6:1.2.3.4')).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(parseIPv6('1:2:3:4:5:6::8')).toEqual([1, 2, 3, 4, 5, 6, 0, 8]); // :: for one group
  });

  it('refuses two ::, too many or too few groups, bad groups, zones and an IPv4 head', () => {
    for (const bad of [
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7::8',
      '12345::1',
      'g::1',
      'fe80::1%eth0',
      '1.2.3.4::1',
      ':1:2:3:4:5:6:7',
      '::1.2.3.256',
      '10:30:00',
      '1:2:3:4:5:6:7:8::::',
      '1:2:3:4:5:1.2.3.4:7',
    ])
      expect(parseIPv6(bad), bad).toBeNull();
  });

  it('writes RFC 5952 text', () => {
    const write = (text: string) => formatIPv6(parseIPv6(text)!);
    expect(write('2001:0DB8:0000:0000:0000:0000:0002:0001')).toBe('2001:db8::2:1');
    expect(write('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // one zero group stays
    expect(write('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longest run
    expect(write('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // the first of equal runs
    expect(write('0:0:0:0:0:0:0:0')).toBe('::');
    expect(write('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(write('1:0:0:0:0:0:0:0')).toBe('1::');
    expect(write('::ffff:c000:201')).toBe('::ffff:192.0.2.1');
    expect(write('::fffe:c000:201')).toBe('::fffe:c000:201');
    expect(write('0:0:0:0:1:ffff:c000:201')).toBe('::1:ffff:c000:201');
  });

  it('agrees with Node’s isIP and reads back what it writes', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(group, fc.constant(0)), { minLength: 8, maxLength: 8 }),
        (g) => {
          const text = formatIPv6(g);
          expect(isIP(text)).toBe(6);
          expect(parseIPv6(text)).toEqual(g);
          expect(parseIPv6(g.map((x) => x.toString(16)).join(':'))).toEqual(g);
        },
      ),
      { seed: 4, numRuns: 300 },
    );
  });
});

describe('normalizeIp', () => {
  it('types addresses and CIDR blocks and writes them one way', () => {
    expect(normalizeIp('10.0.0.1')).toEqual({ type: 'ipv4', value: '10.0.0.1' });
    expect(normalizeIp('2001:DB8::0:1')).toEqual({ type: 'ipv6', value: '2001:db8::1' });
    expect(normalizeIp('10.0.0.5/24')).toEqual({ type: 'cidr', value: '10.0.0.5/24' });
    expect(normalizeIp('10.0.0.0/0')).toEqual({ type: 'cidr', value: '10.0.0.0/0' });
    expect(normalizeIp('10.0.0.0/32')).toEqual({ type: 'cidr', value: '10.0.0.0/32' });
    expect(normalizeIp('2001:db8::/128')).toEqual({ type: 'cidr', value: '2001:db8::/128' });
  });

  it('refuses a prefix too long for its family, with leading zeros, or missing', () => {
    for (const bad of [
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0.0/08',
      '10.0.0.0/',
      '10.0.0/8',
      'x',
    ])
      expect(normalizeIp(bad), bad).toBeNull();
  });
});
