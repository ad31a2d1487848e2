/**
 * Whether a report says, in its own words, that its sender saw or heard the event from
 * afar ("in the distance", "a few blocks north of me", "two streets away", "远处",
 * "北边几个路口外", "两公里外"): a pure function over the narrative, read at intake (the
 * text is sealed afterwards).
 *
 * Such a reporter's point is where they stand, not where the event is: a fire, a drone or
 * a blast is seen from a kilometre or more. Correlation then takes the event to be within
 * TIPWIRE_CORRELATE_SEEN_FROM_AFAR_METERS of that point (the report is vague: it attaches
 * only to an incident that stands out, and never moves an incident's place). Words that
 * say the opposite ("not far from", "不远处", "离这不远") do not count.
 */
import { normalizeForKinds } from './event-kind.js';

const DIRECTION = '(?:north|south|east|west)(?:-?(?:east|west))?';
const COUNT = '(?:a few|a couple of|several|a|one|two|three|four|five|half a|\\d+(?:\\.\\d+)?)';
const DISTANCE =
  '(?:blocks?|streets?|roads?|junctions?|miles?|km|kms|kilometres?|kilometers?|(?:hundred )?(?:metres|meters|yards))';
const ME =
  "(?:me|us|here|my (?:place|flat|home|house|building|window)|where (?:i|we)(?: am| are|'m|'re))";

const EN = [
  'in the distance',
  'on the horizon',
  'from afar',
  // "far away", "way off", but not "not far away".
  "(?<!not |n't |never )(?:far|way) (?:away|off)",
  // "a few blocks north of where I am", "two streets away", "3 km from here".
  `${COUNT} ${DISTANCE} (?:away|off|${DIRECTION} of ${ME}|from ${ME})`,
  // "somewhere north of me", "off to the west", "to the north-east of us" (not "they
  // drove off north": where someone went).
  `somewhere (?:to the )?${DIRECTION}(?: of ${ME})?`,
  `off to the ${DIRECTION}`,
  `to the ${DIRECTION} of ${ME}`,
];

const DIR_ZH = '[东南西北]{1,2}';
const COUNT_ZH = '(?:几|好几|[一二两三四五六七八九十半]+|\\d+(?:\\.\\d+)?)';
const ZH = [
  // 远处, 远远地, 很远, 老远: not 不远处, 不太远, 不是很远.
  '(?<![不没太是])(?:远处|远远|老远|很远|挺远|远方)',
  // 北边几个路口外, 两条街外, 三公里外, 几百米远.
  `${COUNT_ZH}(?:个)?(?:路口|条街|条马路|个街区|公里|千米|里地|百米)(?:以?外|远)`,
  // 我这边往北一点, 我家往东那边 (not 我往北跑: the sender moving).
  `我(?:这边|这里|家|们这边)?往${DIR_ZH}(?:一点|一些|那边|方向|边)`,
  '天边',
];

const PATTERN = new RegExp(`\\b(?:${EN.join('|')})\\b|${ZH.join('|')}`, 'u');

export function seenFromAfar(narrative: string): boolean {
  return PATTERN.test(normalizeForKinds(narrative).trim());
}
