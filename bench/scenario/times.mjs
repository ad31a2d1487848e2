// How the simulated people state a time, honestly: the true instant plus an error
// that matches the precision they state, written as tipwire's import accepts it
// (ISO 8601 with or without an offset, epoch seconds, or English and Chinese words
// read against the arrival time: `receivedAt` is always on the line).
//
// Noise model: a witness with stated precision p (seconds) errs by a normal draw with
// σ = (p − 30 s) / 1.96, then rounds to the minute (at most 30 s more), so the stated
// instant lies within p of the truth 95 % of the time. Words carry their own
// precision the way tipwire reads them (normalize/natural-time.ts): "21:10" is the
// minute, "around 9 pm" the hour widened by 30 min, "just now" the last 10 min,
// "this afternoon" 12:00–18:00. A form is used only where it is true: "just now"
// only for an event at most 9 min before the call, "yesterday" only the day before.
import { UTC_OFFSET_MINUTES } from './city.mjs';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET_MS = UTC_OFFSET_MINUTES * MINUTE;

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** The local wall clock (UTC+8) of an instant. */
export function localParts(ms) {
  const d = new Date(ms + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Days since the epoch on the local calendar: equal for two instants of one local day. */
export const localDay = (ms) => Math.floor((ms + OFFSET_MS) / DAY);

/** The instant of a local wall-clock time (UTC+8). */
export const fromLocal = (year, month, day, hour = 0, minute = 0) =>
  Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS;

/** `2026-11-20T13:10:00Z`: an instant in UTC, without milliseconds. */
export const isoUtc = (ms) =>
  new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** `2026-11-20T21:10:00+08:00`. */
export function isoWithOffset(ms) {
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** A local time without offset: `2026-11-20T21:10:00` or `2026-11-20 21:10`. */
export function isoLocal(ms, style = 'T') {
  const p = localParts(ms);
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return style === 'T'
    ? `${date}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
    : `${date} ${pad(p.hour)}:${pad(p.minute)}`;
}

const ZH_DIGITS = '零一二三四五六七八九';
/** 0–99 in Chinese numerals: 十, 十五, 二十, 二十三. */
export function zhNumber(n) {
  if (n < 10) return ZH_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : ZH_DIGITS[tens]) + '十' + (ones ? ZH_DIGITS[ones] : '');
}

const roundToMinute = (ms) => Math.round(ms / MINUTE) * MINUTE;

/** The instant a witness with precision p states: the truth, off by the noise model above. */
export function statedInstant(rng, trueMs, precisionSeconds) {
  const sigma = (Math.max(0, precisionSeconds - 30) * 1000) / 1.96;
  return roundToMinute(trueMs + rng.normal() * sigma);
}

/** Stated precisions: most people know the time to a few minutes. */
export const drawPrecision = (rng) =>
  rng.weighted([
    [60, 25],
    [120, 15],
    [300, 30],
    [600, 15],
    [900, 15],
  ]);

// Chinese part of the day for an hour, as tipwire reads it back (data/time-words.ts).
function zhClock(hour, minute, numerals) {
  const num = (n) => (numerals ? zhNumber(n) : String(n));
  let part;
  let h = hour;
  if (hour === 0) return `0点${minute ? num(minute) + '分' : ''}`;
  if (hour < 6) part = '凌晨';
  else if (hour < 8) part = '早上';
  else if (hour < 12) part = '上午';
  else if (hour === 12) part = '中午';
  else if (hour < 18) {
    part = '下午';
    h = hour - 12;
  } else {
    part = '晚上';
    h = hour - 12;
  }
  const hourText = numerals && h === 2 ? '两' : num(h);
  const minuteText = minute === 0 ? '' : minute === 30 && numerals ? '半' : `${num(minute)}分`;
  return `${part}${hourText}点${minuteText}`;
}

function enClock(hour, minute, style) {
  if (style === '24h') return `${pad(hour)}:${pad(minute)}`;
  const h12 = hour % 12 || 12;
  const ampm = hour < 12 ? 'am' : 'pm';
  return minute === 0 ? `${h12} ${ampm}` : `${h12}:${pad(minute)} ${ampm}`;
}

/**
 * A precise witness's time: `{observedAt, precisionSeconds?, timezone?, form}`.
 * `form` names the way it was written (for the truth file's statistics only).
 */
export function preciseTime(rng, { trueMs, arrivalMs, precisionSeconds, lang, channel }) {
  const p = precisionSeconds;
  const stated = statedInstant(rng, trueMs, p);
  const forms = {
    phone: { natural: 55, local: 20, offset: 15, localZone: 10 },
    app: { epoch: 35, offset: 40, local: 15, natural: 10 },
    web: { local: 35, offset: 25, natural: 30, localZone: 10 },
    api: { offset: 50, epoch: 25, localZone: 25 },
  }[channel];
  const form = rng.weighted(forms);
  if (form === 'natural') {
    const words = naturalTime(rng, { trueMs, stated, arrivalMs, p, lang });
    if (words) return words;
  }
  switch (form) {
    case 'epoch':
      return { observedAt: Math.round(stated / 1000), precisionSeconds: p, form: 'epoch' };
    case 'local':
      return {
        observedAt: isoLocal(stated, rng.chance(0.6) ? 'T' : ' '),
        precisionSeconds: p,
        form: 'local',
      };
    case 'localZone':
      return {
        observedAt: isoLocal(stated, 'T'),
        timezone: 'Asia/Shanghai',
        precisionSeconds: p,
        form: 'local+zone',
      };
    default:
      return {
        observedAt: rng.chance(0.3) ? isoUtc(stated) : isoWithOffset(stated),
        precisionSeconds: p,
        form: 'offset',
      };
  }
}

/** Words for a precise time, or null when no honest phrase fits. */
function naturalTime(rng, { trueMs, stated, arrivalMs, p, lang }) {
  const zh = lang === 'zh';
  const delay = arrivalMs - trueMs;
  const statedDelay = arrivalMs - stated;
  if (delay <= 9 * MINUTE && delay >= 0 && rng.chance(0.6)) {
    return {
      observedAt: zh
        ? rng.pick(['刚才', '刚刚', '就在刚才'])
        : rng.pick(['just now', 'a moment ago']),
      form: 'just-now',
    };
  }
  if (delay <= 90 * MINUTE && statedDelay >= MINUTE && rng.chance(0.5)) {
    const minutes = Math.round(statedDelay / MINUTE);
    if (
      minutes >= 15 &&
      minutes <= 45 &&
      Math.abs(delay - 30 * MINUTE) <= 14 * MINUTE &&
      rng.chance(0.3)
    ) {
      return { observedAt: zh ? '半小时前' : 'half an hour ago', form: 'ago' };
    }
    if (rng.chance(0.5) && minutes >= 5) {
      const n = Math.max(5, Math.round(minutes / 5) * 5);
      return {
        observedAt: zh
          ? `大概${rng.chance(0.5) ? zhNumber(n) : n}分钟前`
          : `about ${n} minutes ago`,
        form: 'about-ago',
      };
    }
    return {
      observedAt: zh
        ? `${rng.chance(0.5) ? zhNumber(Math.min(minutes, 99)) : minutes}分钟前`
        : `${minutes} minutes ago`,
      precisionSeconds: p,
      form: 'ago',
    };
  }
  // A clock time without a date is the most recent one before arrival: true only if
  // the stated minute is before arrival and less than a day back.
  if (statedDelay < MINUTE || statedDelay > 40 * HOUR) return null;
  const { hour, minute } = localParts(stated);
  const dayGap = localDay(arrivalMs) - localDay(stated);
  const r = rng.next();
  if (r < 0.25) {
    // "around 9 pm": the hour, widened; only when the truth is near that hour.
    const nearest = Math.round(trueMs / HOUR) * HOUR;
    if (
      Math.abs(trueMs - nearest) <= 25 * MINUTE &&
      arrivalMs - nearest >= MINUTE &&
      arrivalMs - nearest < 20 * HOUR
    ) {
      const h = localParts(nearest).hour;
      const dayWord = localDay(arrivalMs) - localDay(nearest);
      const prefix = dayWord === 1 ? (zh ? '昨天' : 'yesterday ') : '';
      return {
        observedAt: zh
          ? `${prefix}${zhClock(h, 0, rng.chance(0.5))}左右`
          : `${prefix}around ${enClock(h, 0)}`,
        form: 'around-hour',
      };
    }
  }
  if (dayGap > 1) {
    const { month, day } = localParts(stated);
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    return {
      observedAt: zh
        ? `${month}月${day}日${zhClock(hour, minute, false)}`
        : `${months[month - 1]} ${day} at ${enClock(hour, minute)}`,
      precisionSeconds: p,
      form: 'date-clock',
    };
  }
  const around = r < 0.45;
  let prefix = '';
  if (dayGap === 1) prefix = zh ? '昨天' : 'yesterday at ';
  else if (rng.chance(0.3)) prefix = zh ? '今天' : 'today at ';
  let text;
  if (zh) {
    const clock = rng.chance(0.15)
      ? `${pad(hour)}:${pad(minute)}`
      : zhClock(hour, minute, rng.chance(0.3));
    text = `${prefix}${clock}${around ? '左右' : ''}`;
  } else {
    const clock = enClock(hour, minute, rng.chance(0.25) ? '24h' : '12h');
    text = around
      ? `${prefix ? prefix.replace(' at ', ' ') : ''}around ${clock}`
      : `${prefix || (rng.chance(0.5) ? 'at ' : '')}${clock}`;
  }
  return around
    ? { observedAt: text, form: 'around-clock' }
    : { observedAt: text, precisionSeconds: p, form: 'clock' };
}

const PARTS = [
  { from: 6, to: 12, en: 'morning', zh: ['早上', '上午'] },
  { from: 12, to: 18, en: 'afternoon', zh: ['下午'] },
  { from: 18, to: 23, en: 'evening', zh: ['晚上'] },
];

/**
 * A vague witness's time: a part of the day, a whole day, or a wide precision
 * (2–6 h). Always true of `trueMs` as tipwire reads it.
 */
export function vagueTime(rng, { trueMs, arrivalMs, lang }) {
  const zh = lang === 'zh';
  const dayGap = localDay(arrivalMs) - localDay(trueMs);
  const { hour } = localParts(trueMs);
  const part = PARTS.find((x) => hour >= x.from && hour < x.to);
  const r = rng.next();
  if (r < 0.4 && part && dayGap <= 1) {
    // The forenoon (上午) starts at 8.
    const zhWords = part.zh.filter((w) => w !== '上午' || hour >= 8);
    const word = zh
      ? (dayGap === 1 ? '昨天' : '今天') + rng.pick(zhWords)
      : dayGap === 1
        ? `yesterday ${part.en}`
        : `this ${part.en}`;
    return { observedAt: word, form: 'part-of-day' };
  }
  if (r < 0.52 && dayGap <= 1) {
    const word = zh ? (dayGap === 1 ? '昨天' : '今天') : dayGap === 1 ? 'yesterday' : 'today';
    return { observedAt: word, form: 'day' };
  }
  const p = rng.int(2, 6) * 3600;
  const stated = Math.round(statedInstant(rng, trueMs, p) / (10 * MINUTE)) * 10 * MINUTE;
  return {
    observedAt: rng.chance(0.5) ? isoWithOffset(stated) : isoLocal(stated, ' '),
    precisionSeconds: p,
    form: 'wide',
  };
}
