/**
 * The kinds of event correlation tells apart: a report names at most a few of them
 * (through its category or its narrative, correlate/event-kind.ts), and two reports
 * naming unrelated kinds are never one incident ("a fire" and "a parked car
 * photographing the base" at one corner). Kinds of one `group` may be one event (a
 * fire and an explosion). Codes are stable: stored reports and incidents use them.
 *
 * `routine` is what a tip line hears besides events: a neighbour's dog or music, a street
 * light out, a pothole, rubbish not collected, a car blocking a garage, a lost wallet, a
 * scam. It is a group of its own, so such a complaint is never one incident with the
 * fire or the theft reported at the same corner; nor with another complaint: a report
 * naming only this kind is kept apart (correlate/cluster-decision.ts, `cluster.routine`).
 */
import type { Bilingual } from './labels.js';

export const EVENT_KINDS = {
  fire: { group: 'fire', en: 'fire', zh: '火灾' },
  explosion: { group: 'fire', en: 'explosion', zh: '爆炸' },
  gas_leak: { group: 'fire', en: 'gas leak', zh: '燃气泄漏' },
  gunfire: { group: 'violence', en: 'gunfire', zh: '枪声' },
  assault: { group: 'violence', en: 'assault or fight', zh: '斗殴或袭击' },
  theft: { group: 'property', en: 'theft or robbery', zh: '盗窃或抢劫' },
  vandalism: { group: 'property', en: 'vandalism', zh: '破坏财物' },
  intrusion: { group: 'property', en: 'break-in or intrusion', zh: '闯入' },
  surveillance: { group: 'watching', en: 'surveillance or photographing', zh: '监视或偷拍' },
  suspicious_vehicle: { group: 'watching', en: 'suspicious vehicle', zh: '可疑车辆' },
  suspicious_person: { group: 'watching', en: 'suspicious person', zh: '可疑人员' },
  drone: { group: 'watching', en: 'drone', zh: '无人机' },
  suspicious_package: { group: 'package', en: 'suspicious package', zh: '可疑包裹' },
  traffic_accident: { group: 'traffic', en: 'traffic accident', zh: '交通事故' },
  flood: { group: 'water', en: 'flood or water leak', zh: '水浸或漏水' },
  crowd: { group: 'crowd', en: 'crowd or protest', zh: '人群聚集或抗议' },
  medical: { group: 'medical', en: 'medical emergency', zh: '医疗急救' },
  routine: {
    group: 'routine',
    en: 'routine complaint, not an emergency',
    zh: '日常投诉（非紧急）',
  },
} as const satisfies Record<string, Bilingual & { group: string }>;

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_CODES = Object.keys(EVENT_KINDS) as EventKind[];
export const isEventKind = (v: string): v is EventKind => Object.hasOwn(EVENT_KINDS, v);

/** Whether two reports' kinds allow one event: either names none, or two share a group. */
export function kindsCompatible(a: readonly EventKind[], b: readonly EventKind[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) => b.some((y) => EVENT_KINDS[x].group === EVENT_KINDS[y].group));
}
