/**
 * Every flag a report can carry, written once, with what it means in English and
 * Chinese. A flag is a fact an analyst must see, not a verdict; codes are stable
 * (exports, filters and stored reports rely on them). Code emits a flag through
 * `FLAG` (`FLAG.time.zone_unknown`) or types it as `FlagCode`, so a misspelt code
 * fails `tsc`; test/codes.test.ts fails on any bare `'family.name'` string in src/.
 *
 * A **finding** is a flag a check judges, with a severity (`info` … `critical`):
 * the verify stage's checks (F8: `exif.*`, `sun.*`…) add theirs here with a
 * `severity`, and they are flags too (their text is this one).
 */
import type { Bilingual } from './labels.js';

/** How much a finding weighs, least first. */
export const SEVERITIES = ['info', 'notice', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS = {
  info: { en: 'information', zh: '提示' },
  notice: { en: 'notice', zh: '注意' },
  warning: { en: 'warning', zh: '警告' },
  critical: { en: 'critical', zh: '严重' },
} as const satisfies Record<Severity, Bilingual>;

interface FlagEntry extends Bilingual {
  /** Set for findings: how much the check's result weighs. */
  severity?: Severity;
}

export const FLAGS = {
  'time.zone_unknown': {
    en: 'observedAt has no UTC offset, no timezone and no place to find one from: kept as local time; its UTC interval spans every offset in use (UTC−12 … UTC+14).',
    zh: '所述发生时间没有UTC时差或时区，也没有可据以确定时区的地点：按当地时间保留；其UTC时间区间覆盖全球所有在用时差（UTC−12 至 UTC+14）。',
  },
  'time.unparsed': {
    en: 'observedAt could not be read as a date and time; kept as given.',
    zh: '所述发生时间无法识别为日期和时刻；按原文保留。',
  },
  'time.zone_assumed': {
    en: 'observedAt had no offset, timezone or coordinates: read in the configured default zone (zoneSource "assumed").',
    zh: '所述发生时间没有时差、时区或坐标：按系统配置的默认时区解读（时区来源记为“推定”，assumed）。',
  },
  'time.zone_invalid': {
    en: 'timezone is not an IANA zone name; it was not used.',
    zh: '所填时区不是有效的IANA时区名称（如 Asia/Shanghai），未予采用。',
  },
  'time.zone_mismatch': {
    en: 'The offset, timezone and coordinates give different UTC offsets at that time: an explicit offset is kept, otherwise the interval covers every reading.',
    zh: '时间中写明的时差、所填时区与坐标所在时区在该时刻给出的UTC时差不一致：写明了时差的以其为准，否则时间区间覆盖每一种解读。',
  },
  'time.zone_disputed': {
    en: 'The zone databases disagree at these coordinates (border or disputed timekeeping); the interval covers every zone.',
    zh: '不同的时区数据库对该坐标所属时区说法不一（边境地带或计时存在争议）；时间区间覆盖所有可能的时区。',
  },
  'time.nonexistent_local': {
    en: 'That local time does not exist (clocks jumped over it, e.g. a DST gap); the interval covers both readings.',
    zh: '该当地时间实际不存在（时钟跳过了这段时间，如夏令时开始时）；时间区间覆盖两种解读。',
  },
  'time.ambiguous_local': {
    en: 'That local time happened twice (clocks went back); both candidates are listed and the interval covers both.',
    zh: '该当地时间出现过两次（时钟回拨，如夏令时结束时）；两个候选时刻均已列出，时间区间同时覆盖二者。',
  },
  'time.partly_read': {
    en: 'Some words of observedAt that look like time (listed in time.unread) were not understood: the interval was widened to what the rest says for certain; read the words yourself.',
    zh: '所述发生时间中有些看似表示时间的词语未能识别（列于 time.unread）：时间区间已放宽到其余部分能确定的范围；请人工阅读这些词语。',
  },
  'time.zone_ambiguous': {
    en: 'The zone written in observedAt names several zones (CST: US Central, China or Cuba; IST; BST; "EST" said in summer) and the place does not settle it: the interval covers every reading.',
    zh: '所述发生时间中写明的时区可指多个时区（如 CST 可指美国中部、中国或古巴时间；IST；BST；夏季所说的 EST），且地点无法确定是哪一个：时间区间覆盖每一种解读。',
  },
  'time.ambiguous_date': {
    en: 'The date words have two readings ("last Friday" said on a Saturday: yesterday, or the Friday of the week before): both are listed and the interval covers both.',
    zh: '日期说法有两种解读（如周六说“last Friday”：可指昨天，也可指上一周的周五）：两种均已列出，时间区间同时覆盖二者。',
  },
  'time.future': {
    en: 'The observation starts after the report arrived (beyond the tolerance).',
    zh: '所述发生时间晚于收到举报的时间（超出允许误差）。',
  },
  'time.implausibly_old': {
    en: 'The observation ended longer ago than the maximum age before the report arrived.',
    zh: '所述发生时间比收到举报的时间早得太多，超过了设定的最长期限，不太可信。',
  },
  'time.epoch_milliseconds': {
    en: 'observedAt was a number too large for epoch seconds; it was read as epoch milliseconds.',
    zh: '所述发生时间是一个数字，按Unix时间戳的秒数解读过大，已按毫秒数解读。',
  },
  'time.contradiction': {
    en: 'The times of this observation (claim, arrival, checks) are further apart than allowed; a deeper check is due.',
    zh: '同一事件的几个时间（举报人所述、收到举报的时间、核查得到的时间）相差超过允许范围；需要进一步核查。',
    severity: 'warning',
  },
  'source.stale': {
    en: 'Data from an external source is older than its expected latency plus the tolerance.',
    zh: '外部数据源的数据比该来源正常的延迟加上允许误差还要旧，可能已经过时。',
    severity: 'notice',
  },
  'place.out_of_range': {
    en: 'Latitude must lie in [-90, 90] and longitude in [-180, 180]; the point was not used.',
    zh: '纬度须在 −90 至 90 之间，经度须在 −180 至 180 之间；该坐标未予采用。',
  },
  'place.null_island': {
    en: 'Coordinates (0, 0) are almost always a missing value, not a place; the point was not used.',
    zh: '坐标 (0, 0) 几乎总是漏填造成的，并非真实地点；该坐标未予采用。',
  },
  'place.unresolved': {
    en: 'The place was given only as text that is not yet resolved to coordinates.',
    zh: '地点只有文字描述，尚未解析为坐标。',
  },
  'place.unparsed': {
    en: 'Coordinates given as text could not be read; they were not used.',
    zh: '以文字形式给出的坐标无法识别；未予采用。',
  },
  'place.swapped': {
    en: 'Latitude and longitude were swapped (only the swapped point fits the text or hemisphere letters); corrected.',
    zh: '纬度和经度填反了（只有对调后的坐标才与文字描述或南北纬、东西经标记相符）；已更正。',
  },
  'place.ambiguous': {
    en: 'Several places of comparable size share the name in the text; the largest was used.',
    zh: '文字中的地名对应多个规模相当的同名地点；已采用其中最大的一个。',
  },
  'place.text_mismatch': {
    en: 'The coordinates lie far from the place named in the text; the coordinates were kept.',
    zh: '坐标与文字中所说的地点相距很远；保留了坐标。',
  },
  'cluster.too_vague': {
    en: 'Kept apart from other incidents: the place or time is too vague to join one (less accurate than TIPWIRE_CORRELATE_ATTACH_MAX_ACCURACY_METERS or less precise than TIPWIRE_CORRELATE_ATTACH_MAX_PRECISION_MINUTES). A report placed only as a whole city joins only an incident that stands out and that many people placed (TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS); it is looked at again when more witnesses place one.',
    zh: '未并入其他事件：地点或时间过于模糊（精度低于 TIPWIRE_CORRELATE_ATTACH_MAX_ACCURACY_METERS 或 TIPWIRE_CORRELATE_ATTACH_MAX_PRECISION_MINUTES）。只说了城市的举报，仅在有一个明显更可能、且已有多人精确定位的事件时才会并入（TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS）；之后有更多人精确定位这样的事件时，会再判断一次。',
  },
  'cluster.citywide': {
    en: 'Attached although it names only a city: of all the incidents it fits, this one stands out (TIPWIRE_CORRELATE_ATTACH_MIN_SHARE) and many people placed it precisely (TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS). It is a likely guess, not a match by place: move the report out if it is about another event.',
    zh: '虽然只说了城市，仍已并入：在与之相符的所有事件中，这一个明显更可能（TIPWIRE_CORRELATE_ATTACH_MIN_SHARE），且已有多人精确定位（TIPWIRE_CORRELATE_CITYWIDE_ATTACH_MIN_REPORTS）。这是较可能的推断，并非按地点匹配：若它说的是另一件事，请将其移出。',
  },
  'cluster.no_match': {
    en: 'Kept apart: a vague report that fits no incident with a precise witness yet; it joins one when a match appears that stands out (TIPWIRE_CORRELATE_ATTACH_MIN_SHARE).',
    zh: '暂未归并：这是一条模糊举报，目前没有与之相符、且有精确目击者的事件；当出现明显更可能的相符事件（TIPWIRE_CORRELATE_ATTACH_MIN_SHARE）时会自动并入。',
  },
  'cluster.routine': {
    en: 'Kept apart: a routine complaint (not an emergency) is not an event, so no other report joins it by place and time.',
    zh: '未归并：日常投诉（非紧急）不是事件，不会按地点和时间与其他举报归并。',
  },
  'cluster.ambiguous': {
    en: 'Kept apart: a vague report that fits more than one incident and none stands out (TIPWIRE_CORRELATE_ATTACH_MIN_SHARE); joining one would be a guess, and it must not join them together. It joins one if a later report makes one stand out.',
    zh: '暂未归并：这是一条模糊举报，与多个事件都相符，且没有一个明显更可能（TIPWIRE_CORRELATE_ATTACH_MIN_SHARE）；并入任何一个都是猜测，也不能借此把它们合并。若之后的举报使其中一个明显更可能，会自动并入。',
  },
  'abuse.repeat_dialer': {
    en: 'The caller called more than TIPWIRE_ABUSE_REPEAT_CALLS times in a row (each within TIPWIRE_ABUSE_REPEAT_WINDOW_MINUTES of the last): the report is in the abuse queue.',
    zh: '该号码连续来电超过 TIPWIRE_ABUSE_REPEAT_CALLS 次（每次距上一次不超过 TIPWIRE_ABUSE_REPEAT_WINDOW_MINUTES 分钟）：本举报已转入骚扰来电队列。',
  },
  'sun.night_photo': {
    en: 'The photo is said to show daylight, but the sun was below the night altitude (TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES, civil twilight) for the whole claimed time at the claimed place.',
    zh: '据称照片拍摄于白天，但在所述时间的整个区间内，所述地点的太阳都低于夜间高度（TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES，民用晨昏蒙影）。',
    severity: 'warning',
  },
  'sun.shadow_mismatch': {
    en: 'The shadow measured on the photo points elsewhere than the sun allows at any claimed time at the claimed place (beyond the measurement error, TIPWIRE_SUN_SHADOW_BEARING_ERROR_DEGREES); the evidence lists the times of that day it would fit.',
    zh: '照片上测得的阴影方向与所述地点在所述任何时刻的太阳位置都不相符（超出测量误差 TIPWIRE_SUN_SHADOW_BEARING_ERROR_DEGREES）；证据中列出了当天阴影相符的时段。',
    severity: 'warning',
  },
  'benford.nonconforming': {
    en: "The numbers of an attached table do not follow Benford's law (mean absolute deviation beyond Nigrini's bands): a reason to look closer, not proof of fabrication.",
    zh: '附件表格中的数字不符合本福特定律（平均绝对偏差超出 Nigrini 的一致性范围）：值得进一步核查，但并不证明数据系编造。',
    severity: 'notice',
  },
  'exif.time_mismatch': {
    en: 'A photo was taken outside the claimed time by TIPWIRE_EXIF_TIME_MISMATCH_MINUTES or more (its camera time, read in the camera’s UTC offset or its GPS position’s zone, against the claimed interval with its precision).',
    zh: '照片的拍摄时间落在所述时间区间（含其精度）之外，相差达到或超过 TIPWIRE_EXIF_TIME_MISMATCH_MINUTES 分钟（拍摄时间按相机的UTC时差或其GPS位置所在时区解读）。',
    severity: 'warning',
  },
  'exif.place_mismatch': {
    en: 'A photo’s GPS position lies farther from the claimed place than the claim’s accuracy plus the GPS accuracy plus TIPWIRE_EXIF_PLACE_MISMATCH_METERS.',
    zh: '照片的GPS位置与所述地点的距离超过所述地点的精度、GPS精度与 TIPWIRE_EXIF_PLACE_MISMATCH_METERS 之和。',
    severity: 'warning',
  },
  'exif.clock_zone_mismatch': {
    en: 'The camera’s clock ran in another UTC offset than the zone of its own GPS position (a clock not set for the place, a travelling camera, or metadata put together from elsewhere).',
    zh: '相机时钟所用的UTC时差与其自身GPS位置所在时区的时差不同（可能是相机时钟未按当地设置、相机随人旅行，或元数据系从别处拼凑而来）。',
    severity: 'notice',
  },
  'exif.edited': {
    en: 'A photo carries traces of editing: an editing program named in its metadata, a modification time after the capture (TIPWIRE_EXIF_MODIFIED_AFTER_CAPTURE_MINUTES), or an embedded thumbnail shaped unlike the photo. Editing is not forgery: look at what changed.',
    zh: '照片带有编辑痕迹：元数据中写有图像编辑软件、修改时间晚于拍摄时间（TIPWIRE_EXIF_MODIFIED_AFTER_CAPTURE_MINUTES），或内嵌缩略图的形状与照片不符。编辑不等于伪造：请查看改动了什么。',
    severity: 'notice',
  },
  'exif.absent': {
    en: 'A photo of a type that normally carries camera metadata (JPEG, HEIC, TIFF) has none: it may have been sent through an app that strips it, or saved again.',
    zh: '一张通常带有相机元数据的照片（JPEG、HEIC、TIFF）没有任何元数据：可能经过会删除元数据的应用发送，或被重新保存过。',
    severity: 'info',
  },
  'attachment.rejected': {
    en: 'An attachment was not read further and is kept sealed as received: too large, too many pixels (a decompression bomb), its bytes unlike its declared type (or two types at once), broken, or able to carry script (SVG, HTML). The evidence says which.',
    zh: '某个附件未被进一步读取，按收到时的原样加密保存：文件过大、像素过多（解压炸弹）、实际内容与声明的类型不符（或同时是两种类型）、结构损坏，或可携带脚本（SVG、HTML）。证据中注明了原因。',
    severity: 'warning',
  },
  'text.high_perplexity': {
    en: 'The text is unusual for the language model (perplexity above TIPWIRE_TEXT_LM_HIGH_PERPLEXITY). A weak signal: unusual wording, a rare topic, dialect or typos raise it too; read the text before judging.',
    zh: '该文本对语言模型而言较为少见（困惑度高于 TIPWIRE_TEXT_LM_HIGH_PERPLEXITY）。这只是一个弱信号：措辞特别、话题少见、方言或错别字也会使其升高；请先阅读原文再作判断。',
    severity: 'notice',
  },
  'text.low_perplexity': {
    en: 'The text is very predictable for the language model (perplexity below TIPWIRE_TEXT_LM_LOW_PERPLEXITY): it may be boilerplate, copied from earlier reports or machine-generated. A weak signal: short, formulaic reports score low too; read the text before judging.',
    zh: '该文本对语言模型而言高度可预测（困惑度低于 TIPWIRE_TEXT_LM_LOW_PERPLEXITY）：可能是套话、抄自先前的举报或由机器生成。这只是一个弱信号：简短、格式化的举报得分也会偏低；请先阅读原文再作判断。',
    severity: 'notice',
  },
  'media.reused': {
    en: 'An image or the text of this report is the same as an earlier report’s from another source (an image: the same picture, perceptual hash within TIPWIRE_MEDIA_REUSE_MAX_BITS bits; the text: near-identical, at least TIPWIRE_TEXT_REUSE_MIN_SIMILARITY alike): forwarded or copied, not an independent photo or account. The evidence names the earlier report.',
    zh: '本举报的图片或文字与另一来源的较早举报相同（图片：同一画面，感知哈希相差不超过 TIPWIRE_MEDIA_REUSE_MAX_BITS 位；文字：几乎相同，相似度不低于 TIPWIRE_TEXT_REUSE_MIN_SIMILARITY）：系转发或复制，并非独立拍摄或独立陈述。证据中列出了较早的举报。',
    severity: 'warning',
  },
} as const satisfies Record<`${string}.${string}`, FlagEntry>;

type Catalogue = typeof FLAGS;
export type FlagCode = keyof Catalogue;

/** The part of a code before the dot: `time`, `place`, `source`, `abuse`. */
export type FlagFamily = FlagCode extends `${infer F}.${string}` ? F : never;

export const FLAG_FAMILY_LABELS = {
  time: { en: 'time', zh: '时间' },
  place: { en: 'place', zh: '地点' },
  source: { en: 'data source', zh: '数据来源' },
  abuse: { en: 'abuse', zh: '骚扰来电' },
  cluster: { en: 'grouping into incidents', zh: '事件归并' },
  sun: { en: 'sun and shadows', zh: '太阳与阴影' },
  benford: { en: "Benford's law", zh: '本福特定律' },
  exif: { en: 'camera metadata (EXIF)', zh: '相机元数据（EXIF）' },
  attachment: { en: 'attached files', zh: '附件' },
  text: { en: 'text', zh: '文本' },
  media: { en: 'reused media', zh: '重复使用的媒体' },
} as const satisfies Record<FlagFamily, Bilingual>;

export const FLAG_FAMILIES = Object.keys(FLAG_FAMILY_LABELS) as FlagFamily[];

/** A flag a check judges: the codes whose entry has a severity. */
export type FindingCode = {
  [C in FlagCode]: Catalogue[C] extends { severity: Severity } ? C : never;
}[FlagCode];

export const FLAG_CODES = Object.keys(FLAGS) as FlagCode[];

export const FINDING_CODES = FLAG_CODES.filter(
  (code): code is FindingCode => 'severity' in FLAGS[code],
);

export const isFlagCode = (value: string): value is FlagCode => Object.hasOwn(FLAGS, value);

export const flagFamily = <C extends FlagCode>(
  code: C,
): C extends `${infer F}.${string}` ? F : never =>
  code.slice(0, code.indexOf('.')) as C extends `${infer F}.${string}` ? F : never;

export const findingSeverity = (code: FindingCode): Severity => FLAGS[code].severity;

/** The codes by family and name, `FLAG.time.zone_unknown === 'time.zone_unknown'`. */
export type FlagConstants = {
  readonly [F in FlagFamily]: {
    readonly [C in FlagCode as C extends `${F}.${infer N}` ? N : never]: C;
  };
};

function byFamily(): FlagConstants {
  const families: Record<string, Record<string, string>> = {};
  for (const code of FLAG_CODES) {
    const family = flagFamily(code);
    (families[family] ??= {})[code.slice(family.length + 1)] = code;
  }
  for (const names of Object.values(families)) Object.freeze(names);
  return Object.freeze(families) as unknown as FlagConstants;
}

export const FLAG = byFamily();
