import { describe, expect, it } from 'vitest';
import { findTextZone, type TextZone } from './text-zone.js';

const fixed = (offsetMinutes: number) => ({ kind: 'fixed', offsetMinutes });
const iana = (zone: string) => ({ kind: 'iana', zone });

/** The zone read in `text`; fails the test when there is none. */
function zoneIn(text: string): TextZone {
  const z = findTextZone(text);
  expect(z, text).not.toBeNull();
  return z!;
}

/** The one reading of `text`, for table tests. */
function onlyReading(text: string) {
  const z = zoneIn(text);
  expect(z.ambiguous, text).toBe(false);
  expect(z.readings, text).toHaveLength(1);
  return z.readings[0];
}

describe('findTextZone: abbreviations', () => {
  it('reads "EST" after a time, where it is and what it means', () => {
    expect(findTextZone('yesterday 10pm EST')).toEqual({
      index: 15,
      length: 3,
      text: 'EST',
      readings: [fixed(-300)],
      universal: false,
      ambiguous: false,
      looseZones: ['America/New_York'],
    });
  });

  it.each([
    ['EST', -300, 'America/New_York'],
    ['EDT', -240, 'America/New_York'],
    ['CDT', -300, 'America/Chicago'],
    ['MST', -420, 'America/Denver'],
    ['MDT', -360, 'America/Denver'],
    ['PST', -480, 'America/Los_Angeles'],
    ['PDT', -420, 'America/Los_Angeles'],
    ['AKST', -540, 'America/Anchorage'],
    ['AKDT', -480, 'America/Anchorage'],
    ['HST', -600, null],
    ['ADT', -180, 'America/Halifax'],
    ['NST', -210, 'America/St_Johns'],
    ['NDT', -150, 'America/St_Johns'],
    ['WET', 0, 'Europe/Lisbon'],
    ['WEST', 60, 'Europe/Lisbon'],
    ['CET', 60, 'Europe/Berlin'],
    ['CEST', 120, 'Europe/Berlin'],
    ['EET', 120, 'Europe/Athens'],
    ['EEST', 180, 'Europe/Athens'],
    ['MSK', 180, null],
    ['PKT', 300, null],
    ['NPT', 345, null],
    ['ICT', 420, null],
    ['WIB', 420, null],
    ['HKT', 480, null],
    ['SGT', 480, null],
    ['PHT', 480, null],
    ['AWST', 480, null],
    ['JST', 540, null],
    ['KST', 540, null],
    ['ACST', 570, 'Australia/Adelaide'],
    ['ACDT', 630, 'Australia/Adelaide'],
    ['AEST', 600, 'Australia/Sydney'],
    ['AEDT', 660, 'Australia/Sydney'],
    ['NZST', 720, 'Pacific/Auckland'],
    ['NZDT', 780, 'Pacific/Auckland'],
    ['SAST', 120, null],
    ['EAT', 180, null],
    ['WAT', 60, null],
    ['CAT', 120, null],
    ['ART', -180, null],
    ['BRT', -180, null],
  ])('%s is %i minutes (loose zone %s)', (abbr, minutes, loose) => {
    const z = zoneIn(`at 9:30 ${abbr}.`);
    expect(z).toMatchObject({ index: 8, length: abbr.length, text: abbr, universal: false });
    expect(z.readings).toEqual([fixed(minutes)]);
    expect(z.ambiguous).toBe(false);
    expect(z.looseZones).toEqual([loose]);
  });

  it('reads ET, CT, MT and PT (uppercase only) as the US zones themselves', () => {
    expect(onlyReading('3pm ET')).toEqual(iana('America/New_York'));
    expect(onlyReading('3pm CT')).toEqual(iana('America/Chicago'));
    expect(onlyReading('3pm MT')).toEqual(iana('America/Denver'));
    expect(onlyReading('3pm PT')).toEqual(iana('America/Los_Angeles'));
    expect(zoneIn('3pm PT').looseZones).toEqual([null]);
    expect(findTextZone('3pm pt')).toBeNull();
    expect(findTextZone('3pm Et')).toBeNull();
  });

  it('lists every reading of an ambiguous abbreviation', () => {
    expect(zoneIn('10:00 CST')).toMatchObject({
      readings: [fixed(-360), fixed(480), fixed(-300)],
      looseZones: ['America/Chicago', null, 'America/Havana'],
      ambiguous: true,
      universal: false,
    });
    expect(zoneIn('10:00 IST')).toMatchObject({
      readings: [fixed(330), fixed(60), fixed(120)],
      looseZones: [null, 'Europe/Dublin', 'Asia/Jerusalem'],
      ambiguous: true,
    });
    expect(zoneIn('10:00 BST')).toMatchObject({
      readings: [fixed(60), fixed(360)],
      looseZones: ['Europe/London', null],
      ambiguous: true,
    });
    expect(zoneIn('10:00 AST')).toMatchObject({
      readings: [fixed(-240), fixed(180)],
      looseZones: ['America/Halifax', null],
      ambiguous: true,
    });
  });

  it('reads the lowercase ones that are no English word only right after a clock time', () => {
    expect(zoneIn('10pm est')).toMatchObject({ index: 5, length: 3, readings: [fixed(-300)] });
    expect(zoneIn('10 p.m. pst').readings).toEqual([fixed(-480)]);
    expect(zoneIn('21:10 jst').readings).toEqual([fixed(540)]);
    expect(zoneIn('noon cest').readings).toEqual([fixed(120)]);
    expect(zoneIn('at 9am  aedt').readings).toEqual([fixed(660)]);
    expect(zoneIn('21:10 cst').ambiguous).toBe(true);
    for (const word of ['edt', 'pdt', 'cdt', 'mst', 'mdt', 'kst', 'cet', 'bst', 'ist', 'hkt']) {
      expect(findTextZone(`10pm ${word}`), word).not.toBeNull();
    }
    expect(zoneIn('10pm sgt').readings).toEqual([fixed(480)]);
    expect(zoneIn('10pm aest').readings).toEqual([fixed(600)]);
    expect(zoneIn('10pm msk').readings).toEqual([fixed(180)]);
    // Latin, French, German: "est" and "ist" are words.
    expect(findTextZone('id est')).toBeNull();
    expect(findTextZone('il est 10 heures')).toBeNull();
    expect(findTextZone('es ist 10 Uhr')).toBeNull();
    expect(findTextZone('est')).toBeNull();
    // Too far from the clock, or not after one.
    expect(findTextZone('10pm or so est')).toBeNull();
    expect(findTextZone('10 est')).toBeNull();
    expect(findTextZone('1310 est')).toBeNull(); // four digits are a clock only before Zulu
    // Lowercase only for those that are no English word; mixed case never.
    expect(findTextZone('10pm hst')).toBeNull();
    expect(findTextZone('10pm eat')).toBeNull();
    expect(findTextZone('10pm Est')).toBeNull();
  });

  it('reads an abbreviation joined to a clock time, but not to any other number', () => {
    expect(zoneIn('10:00EST')).toMatchObject({ index: 5, length: 3 });
    expect(findTextZone('5EST')).toBeNull();
    expect(findTextZone('10pmEST')).toBeNull();
  });

  it('matches whole words only', () => {
    for (const text of [
      'best estate',
      'the cat ate',
      'castle',
      'ESTATE',
      'BEST',
      'CASTLE',
      'ESTs',
      'EST5EDT',
      'the PSTN line',
      'CATS',
      '_EST',
    ]) {
      expect(findTextZone(text), text).toBeNull();
    }
    expect(zoneIn('EST/EDT').text).toBe('EST');
  });
});

describe('findTextZone: UTC, GMT, Z and Zulu', () => {
  it('reads UTC and GMT as universal time', () => {
    expect(findTextZone('at 13:10 UTC')).toEqual({
      index: 9,
      length: 3,
      text: 'UTC',
      readings: [fixed(0)],
      universal: true,
      ambiguous: false,
      looseZones: [null],
    });
    expect(zoneIn('13:10 GMT')).toMatchObject({ index: 6, universal: true });
    expect(zoneIn('13:10 utc').universal).toBe(true);
    expect(zoneIn('13:10 gmt').universal).toBe(true);
    expect(zoneIn('13:10 UTC-based').universal).toBe(true);
  });

  it('reads UT only as a whole uppercase word', () => {
    expect(zoneIn('13:10 UT')).toMatchObject({ index: 6, length: 2, universal: true });
    expect(findTextZone('13:10 ut')).toBeNull();
    expect(findTextZone('UTAH')).toBeNull();
  });

  it('reads Z directly after a clock time', () => {
    expect(zoneIn('13:10Z')).toMatchObject({ index: 5, length: 1, text: 'Z', universal: true });
    expect(zoneIn('2026-11-20T13:10:05Z')).toMatchObject({ index: 19, length: 1 });
    expect(zoneIn('2026-11-20T13:10:05.250Z')).toMatchObject({ index: 23, length: 1 });
    expect(zoneIn('20261120T131005Z').index).toBe(15);
    expect(zoneIn('T1310Z').index).toBe(5);
    expect(zoneIn('13:10z').universal).toBe(true);
    expect(zoneIn('13:10Z.').universal).toBe(true);
  });

  it('never reads a Z inside a word or away from a clock', () => {
    for (const text of [
      'Zebra 13:10',
      '13:10 Z',
      '13:10Zebra',
      '13:10Z9',
      'Z',
      '2024Z',
      'jazz 1:10',
    ]) {
      expect(findTextZone(text), text).toBeNull();
    }
  });

  it('reads Zulu after a clock time, and "Zulu time" anywhere', () => {
    expect(zoneIn('1310 Zulu')).toMatchObject({ index: 5, length: 4, universal: true });
    expect(zoneIn('13:10 ZULU').universal).toBe(true);
    expect(zoneIn('13:10 zulu').universal).toBe(true);
    expect(zoneIn('in Zulu time')).toMatchObject({ index: 3, length: 9, universal: true });
    expect(findTextZone('she spoke Zulu')).toBeNull();
    expect(findTextZone('12345 Zulu')).toBeNull();
  });
});

describe('findTextZone: offsets', () => {
  it.each([
    ['UTC+8', 480],
    ['UTC +8', 480],
    ['UTC + 8', 480],
    ['UTC+08', 480],
    ['UTC+08:00', 480],
    ['UTC+0800', 480],
    ['UTC+8:45', 525],
    ['UTC-5', -300],
    ['UTC\u22125', -300],
    ['UTC\u20135', -300],
    ['GMT+5:30', 330],
    ['GMT-3', -180],
    ['gmt+9', 540],
    ['utc-03:30', -210],
    ['UTC+0', 0],
    ['UTC-0', 0],
  ])('%s is fixed %i minutes, not universal', (text, minutes) => {
    const z = zoneIn(`at 10:00 ${text} yesterday`);
    expect(z).toMatchObject({ index: 9, length: text.length, text, universal: false });
    expect(z.readings).toEqual([fixed(minutes)]); // toEqual tells −0 from 0: "UTC-0" is 0
  });

  it('takes in the brackets around an offset', () => {
    expect(zoneIn('21:10 (UTC+8)')).toMatchObject({ index: 6, length: 7, text: '(UTC+8)' });
    expect(zoneIn('21:10（UTC+8）').text).toBe('（UTC+8）');
    expect(zoneIn('21:10 (UTC+8 or so)').text).toBe('UTC+8');
    expect(zoneIn('(UTC+8').text).toBe('UTC+8');
  });

  it('reads offsets up to the ones in use, UTC−12:00 … UTC+14:00, minutes below 60', () => {
    expect(onlyReading('UTC+14')).toEqual(fixed(840));
    expect(onlyReading('UTC+14:00')).toEqual(fixed(840));
    expect(findTextZone('UTC+14:01')).toBeNull();
    expect(findTextZone('UTC+15')).toBeNull();
    expect(onlyReading('UTC-12')).toEqual(fixed(-720));
    expect(onlyReading('UTC-12:00')).toEqual(fixed(-720));
    expect(findTextZone('UTC-12:01')).toBeNull();
    expect(findTextZone('UTC-13')).toBeNull();
    expect(onlyReading('UTC+5:59')).toEqual(fixed(359));
    expect(onlyReading('UTC+0559')).toEqual(fixed(359));
    expect(findTextZone('UTC+5:60')).toBeNull();
    expect(findTextZone('UTC+0560')).toBeNull();
    expect(findTextZone('GMT+5:75')).toBeNull();
  });

  it('reads no zone at all from words that are not an offset, and looks on', () => {
    for (const text of ['UTC+800', 'UTC+8:0', 'UTC+8:00:00', 'UTC+123', 'UTC8', 'GMT+99']) {
      expect(findTextZone(text), text).toBeNull();
    }
    expect(zoneIn('UTC+15 or rather 10pm EST')).toMatchObject({ text: 'EST', index: 22 });
  });

  it('reads a bare offset only directly after a clock time', () => {
    expect(zoneIn('21:10 +0800')).toMatchObject({
      index: 6,
      length: 5,
      text: '+0800',
      readings: [fixed(480)],
      universal: false,
    });
    expect(zoneIn('21:10+08:00')).toMatchObject({ index: 5, length: 6 });
    expect(onlyReading('21:10 -05:00')).toEqual(fixed(-300));
    expect(onlyReading('21:10-0500')).toEqual(fixed(-300));
    expect(onlyReading('21:10 \u221205:00')).toEqual(fixed(-300));
    expect(onlyReading('21:10\u221205:00')).toEqual(fixed(-300));
    expect(onlyReading('21:10 +05:45')).toEqual(fixed(345));
    expect(onlyReading('21:10 +00:00')).toEqual(fixed(0));
    expect(zoneIn('21:10 +00:00').universal).toBe(false);
    expect(zoneIn('2026-11-20T21:10:00-05:00')).toMatchObject({ index: 19, length: 6 });
    expect(zoneIn('2026-11-20T21:10:00.5+08:00')).toMatchObject({ index: 21, length: 6 });
    expect(zoneIn('21:10 +14:00').readings).toEqual([fixed(840)]);
    expect(zoneIn('21:10 -12:00').readings).toEqual([fixed(-720)]);
  });

  it('reads no bare offset away from a clock, out of range, or in a range of times', () => {
    for (const text of [
      '+0800',
      'call +0800 123',
      '21 +0800',
      '21:10 +1500',
      '21:10 +14:01',
      '21:10 -12:01',
      '21:10 +05:60',
      '21:10 +0800123',
      '21:10 +08:00:00',
      '21:10  +0800',
      '21:10 + 0800',
      // A night shift, not an offset.
      '21:10-05:00',
      '21:10\u201305:00',
    ]) {
      expect(findTextZone(text), text).toBeNull();
    }
  });
});

describe('findTextZone: names', () => {
  it.each([
    ['Beijing time', iana('Asia/Shanghai')],
    ['China time', iana('Asia/Shanghai')],
    ['China Standard Time', iana('Asia/Shanghai')],
    ['Eastern Time', iana('America/New_York')],
    ['Central Time', iana('America/Chicago')],
    ['Mountain Time', iana('America/Denver')],
    ['Pacific Time', iana('America/Los_Angeles')],
    ['Tokyo time', iana('Asia/Tokyo')],
    ['Japan time', iana('Asia/Tokyo')],
    ['Korea time', iana('Asia/Seoul')],
    ['India time', iana('Asia/Kolkata')],
    ['Indian Standard Time', iana('Asia/Kolkata')],
    ['Moscow time', iana('Europe/Moscow')],
    ['London time', iana('Europe/London')],
    ['UK time', iana('Europe/London')],
    ['Paris time', iana('Europe/Paris')],
    ['Berlin time', iana('Europe/Berlin')],
    ['Central European Time', iana('Europe/Berlin')],
    ['Hong Kong time', iana('Asia/Hong_Kong')],
    ['Singapore time', iana('Asia/Singapore')],
    ['Sydney time', iana('Australia/Sydney')],
  ])('"%s" is the zone itself', (name, reading) => {
    const z = zoneIn(`at 8 pm ${name}, near the bridge`);
    expect(z).toMatchObject({ index: 8, length: name.length, text: name, universal: false });
    expect(z.readings).toEqual([reading]);
    expect(z.looseZones).toEqual([null]);
  });

  it('reads the standard- and daylight-time names as fixed, with the zone as loose', () => {
    expect(zoneIn('Eastern Standard Time')).toMatchObject({
      readings: [fixed(-300)],
      looseZones: ['America/New_York'],
    });
    expect(zoneIn('pacific daylight time')).toMatchObject({
      readings: [fixed(-420)],
      looseZones: ['America/Los_Angeles'],
    });
  });

  it('reads names in any case, apart by a little white space, with " zone" after', () => {
    expect(zoneIn('8pm BEIJING TIME').readings).toEqual([iana('Asia/Shanghai')]);
    expect(zoneIn('8pm beijing  time').length).toBe(13);
    expect(zoneIn('8pm Eastern\nTime').readings).toEqual([iana('America/New_York')]);
    expect(zoneIn('8pm Eastern Time Zone')).toMatchObject({ index: 4, length: 17 });
    expect(zoneIn('8pm Eastern Time zones').length).toBe(12);
    expect(findTextZone('Eastern    Time')).toBeNull();
    expect(findTextZone('Beijing timetable')).toBeNull();
    expect(findTextZone('Beijing times')).toBeNull();
  });

  it('reads Greenwich Mean Time and Coordinated Universal Time as universal', () => {
    expect(zoneIn('Greenwich Mean Time')).toMatchObject({
      length: 19,
      readings: [fixed(0)],
      universal: true,
    });
    expect(zoneIn('coordinated universal time')).toMatchObject({ length: 26, universal: true });
  });

  it('reads no zone from "local time"', () => {
    expect(findTextZone('local time')).toBeNull();
    expect(findTextZone('10pm local time')).toBeNull();
    expect(zoneIn('10pm local time (Beijing time)').text).toBe('(Beijing time)');
  });
});

describe('findTextZone: IANA names', () => {
  it('reads the names the zone data knows, as written', () => {
    expect(zoneIn('at 21:10 Asia/Shanghai')).toMatchObject({
      index: 9,
      length: 13,
      readings: [iana('Asia/Shanghai')],
      universal: false,
      looseZones: [null],
    });
    expect(onlyReading('America/New_York')).toEqual(iana('America/New_York'));
    expect(onlyReading('America/Argentina/Buenos_Aires.')).toEqual(
      iana('America/Argentina/Buenos_Aires'),
    );
    expect(onlyReading('(Etc/GMT-8)')).toEqual(iana('Etc/GMT-8'));
    expect(zoneIn('(Etc/GMT-8)').text).toBe('(Etc/GMT-8)');
    expect(zoneIn('Etc/UTC')).toMatchObject({ readings: [iana('Etc/UTC')], universal: true });
  });

  it('reads none the zone data does not know, nor a GMT inside one', () => {
    for (const text of [
      'Asia/Beijing',
      'Etc/GMT-15',
      'Foo/Bar',
      'and/or',
      'asia/Tokyo',
      'Asian/Tokyo',
      'N/A',
      `Asia/${'x'.repeat(40)}`,
    ]) {
      expect(findTextZone(text), text).toBeNull();
    }
  });

  it('asks the zone data about at most eight names per text', () => {
    const unknown = (n: number) => Array.from({ length: n }, (_, i) => `Asia/Nowhere${i}`);
    expect(findTextZone([...unknown(7), 'Asia/Tokyo'].join(' '))?.text).toBe('Asia/Tokyo');
    expect(findTextZone([...unknown(8), 'Asia/Tokyo'].join(' '))).toBeNull();
    // Other zone words are still read after them.
    expect(findTextZone([...unknown(9), '10pm JST'].join(' '))?.text).toBe('JST');
  });
});

describe('findTextZone: Chinese', () => {
  it.each([
    ['北京时间', iana('Asia/Shanghai')],
    ['北京時間', iana('Asia/Shanghai')],
    ['东京时间', iana('Asia/Tokyo')],
    ['日本时间', iana('Asia/Tokyo')],
    ['韩国时间', iana('Asia/Seoul')],
    ['韓國時間', iana('Asia/Seoul')],
    ['首尔时间', iana('Asia/Seoul')],
    ['香港时间', iana('Asia/Hong_Kong')],
    ['台北时间', iana('Asia/Taipei')],
    ['台北時間', iana('Asia/Taipei')],
    ['新加坡时间', iana('Asia/Singapore')],
    ['美东时间', iana('America/New_York')],
    ['美国东部时间', iana('America/New_York')],
    ['美西时间', iana('America/Los_Angeles')],
    ['太平洋时间', iana('America/Los_Angeles')],
    ['伦敦时间', iana('Europe/London')],
    ['英国时间', iana('Europe/London')],
    ['莫斯科时间', iana('Europe/Moscow')],
    ['悉尼时间', iana('Australia/Sydney')],
    ['印度时间', iana('Asia/Kolkata')],
    ['新德里时间', iana('Asia/Kolkata')],
    ['巴黎时间', iana('Europe/Paris')],
    ['柏林时间', iana('Europe/Berlin')],
  ])('%s', (name, reading) => {
    const z = zoneIn(`昨天${name}晚上十点`);
    expect(z).toMatchObject({ index: 2, length: name.length, text: name, universal: false });
    expect(z.readings).toEqual([reading]);
  });

  it.each([
    '格林尼治时间',
    '格林威治时间',
    '格林尼治标准时间',
    '格林威治標準時間',
    '世界时',
    '协调世界时',
    '世界标准时间',
    'UTC时间',
    'utc时间',
  ])('%s is universal', (name) => {
    const z = zoneIn(`${name}13点`);
    expect(z).toMatchObject({ index: 0, length: name.length, universal: true });
    expect(z.readings).toEqual([fixed(0)]);
  });

  it('reads no Latin name inside a Latin word', () => {
    expect(findTextZone('XUTC时间')).toBeNull();
  });

  it.each([
    ['东八区', 480],
    ['東八區', 480],
    ['东8区', 480],
    ['东九区', 540],
    ['东十区', 600],
    ['东十一区', 660],
    ['东十二区', 720],
    ['东12区', 720],
    ['东一区', 60],
    ['西五区', -300],
    ['西5区', -300],
    ['西十二区', -720],
    ['东八时区', 480],
    ['东八区时间', 480],
    ['零时区', 0],
    ['中时区', 0],
  ])('%s is fixed %i minutes', (name, minutes) => {
    const z = zoneIn(`晚上9点（${name}）`);
    expect(z).toMatchObject({ index: 4, length: name.length + 2, universal: false });
    expect(z.readings).toEqual([fixed(minutes)]);
  });

  it('reads no numbered zone beyond twelve', () => {
    for (const text of ['东十三区', '东13区', '西0区', '东零区']) {
      expect(findTextZone(text), text).toBeNull();
    }
  });

  it('reads no zone from 当地时间, and 当地时间 does not hide one after it', () => {
    expect(findTextZone('当地时间')).toBeNull();
    expect(findTextZone('当地时间晚上8点')).toBeNull();
    expect(zoneIn('当地时间晚上8点（北京时间晚上9点）').text).toBe('北京时间');
  });
});

describe('findTextZone: word boundaries', () => {
  it('reads zone words joined to Chinese or Japanese text, which has no spaces', () => {
    expect(zoneIn('晚上10点UTC+8')).toMatchObject({ index: 5, text: 'UTC+8' });
    expect(zoneIn('昨天UTC时间13点')).toMatchObject({ index: 2, text: 'UTC时间', universal: true });
    expect(zoneIn('昨天10点EST')).toMatchObject({ index: 5, text: 'EST' });
    expect(zoneIn('午後10時JST').text).toBe('JST');
    expect(zoneIn('凌晨3点Beijing time').text).toBe('Beijing time');
    expect(zoneIn('东京Asia/Tokyo').text).toBe('Asia/Tokyo');
  });

  it('reads none inside a word of a script with spaces, accents and marks included', () => {
    for (const text of [
      'ESTÁ',
      'ÉEST',
      'EST\u0301',
      'xUTC',
      'UTCé',
      'ΑEST',
      'ЖEST',
      'Asia/Tokyoé',
    ]) {
      expect(findTextZone(text), text).toBeNull();
    }
  });

  it('reads UTC or an abbreviation after a digit only where a clock time ends', () => {
    expect(zoneIn('21:10UTC')).toMatchObject({ index: 5, text: 'UTC', universal: true });
    expect(zoneIn('21:10UTC+8').text).toBe('UTC+8');
    for (const text of ['5UTC', '2024GMT', '5EST', '1Asia/Tokyo', '9amGMT']) {
      expect(findTextZone(text), text).toBeNull();
    }
  });
});

describe('findTextZone: the first of several', () => {
  it('answers the zone written first', () => {
    expect(zoneIn('10pm EST (UTC-5)').text).toBe('EST');
    expect(zoneIn('UTC-5 is 10pm EST').text).toBe('UTC-5');
    expect(zoneIn('北京时间 10:00 (UTC+8)').text).toBe('北京时间');
    expect(zoneIn('Beijing time or 21:10Z').text).toBe('Beijing time');
    expect(zoneIn('13:10Z or Beijing time').text).toBe('Z');
    expect(zoneIn('Asia/Tokyo, not JST').text).toBe('Asia/Tokyo');
    expect(zoneIn('JST, not Asia/Tokyo').text).toBe('JST');
  });

  it('answers the longer reading where two start at the same place', () => {
    expect(zoneIn('UTC+8').text).toBe('UTC+8');
    expect(zoneIn('UTC时间').text).toBe('UTC时间');
  });

  it('reads nothing from text without a zone', () => {
    for (const text of ['', 'yesterday around 10pm', '昨天晚上十点', 'at 21:10 near the station']) {
      expect(findTextZone(text), text).toBeNull();
    }
  });
});

describe('findTextZone on hostile input', () => {
  // Every pattern is linear (bounded repetition, or repetition over characters the
  // rest of the pattern cannot start with), and the IANA names asked about per text
  // are capped. Each scan below takes a few ms; a backtracking pattern would take
  // far longer. No timing is asserted (CI machines vary): the test checks that the
  // scan returns, and with what.
  const N = 100_000;

  it('returns on long runs of digits, letters, plus signs and spaces', () => {
    let seed = 1;
    const alphabet = '0123456789abcdefhijklmnopqrsvwxy+ ';
    let random = '';
    while (random.length < N) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      random += alphabet[seed % alphabet.length];
    }
    expect(findTextZone(random)).toBeNull();
    expect(findTextZone('9'.repeat(N))).toBeNull();
    expect(findTextZone('A'.repeat(N))).toBeNull();
    expect(findTextZone('A/'.repeat(N / 2))).toBeNull();
    expect(findTextZone('1+ a'.repeat(N / 4))).toBeNull();
    expect(findTextZone(`UTC+${'9'.repeat(N)}`)).toBeNull();
    expect(findTextZone('UTC+99'.repeat(N / 6))).toBeNull();
    expect(findTextZone('10:10-10:10 '.repeat(N / 12))).toBeNull();
    expect(findTextZone(`Eastern${' '.repeat(N)}Time`)).toBeNull();
    const estates = 'ESTATE '.repeat(N / 7);
    expect(findTextZone(`${estates}10pm EST`)?.index).toBe(estates.length + 5);
  });
});
