/**
 * What clients show for the server's own enums: case statuses, queues, pipeline
 * stages, channels, how the reporter knows, and roles, each in English and Chinese.
 * The lists themselves stay where the server defines them (`report.ts`,
 * `roles.ts`); each record here is typed by that list, so a value without a
 * label, or a label for a value that does not exist, fails `tsc`. Served to clients
 * by `GET /api/v1/meta` (server/routes/meta.ts): no client keeps its own copy.
 */
import type { Role } from './roles.js';
import type { CaseStatus, Channel, HowKnown, Queue, ReportStage } from './report.js';

/** A text in the two languages every client can show: English and (simplified) Chinese. */
export interface Bilingual {
  en: string;
  zh: string;
}

export const STATUS_LABELS = {
  new: { en: 'new', zh: '新建' },
  in_review: { en: 'in review', zh: '核查中' },
  closed: { en: 'closed', zh: '已结案' },
  unfounded: { en: 'unfounded', zh: '查无实据' },
} as const satisfies Record<CaseStatus, Bilingual>;

export const QUEUE_LABELS = {
  analyst: { en: 'analysts’ queue', zh: '分析员队列' },
  abuse: { en: 'abuse queue', zh: '骚扰来电队列' },
} as const satisfies Record<Queue, Bilingual>;

export const STAGE_LABELS = {
  received: { en: 'received', zh: '已接收' },
  normalized: { en: 'normalized', zh: '已规范化' },
  correlated: { en: 'correlated', zh: '已关联' },
  done: { en: 'done', zh: '处理完毕' },
} as const satisfies Record<ReportStage, Bilingual>;

export const CHANNEL_LABELS = {
  phone: { en: 'phone', zh: '电话' },
  web: { en: 'web form', zh: '网页表单' },
  app: { en: 'app', zh: '手机应用' },
  api: { en: 'API', zh: '系统接口' },
  feed: { en: 'data feed', zh: '数据推送' },
} as const satisfies Record<Channel, Bilingual>;

export const HOW_KNOWN_LABELS = {
  saw: { en: 'saw it', zh: '亲眼所见' },
  heard: { en: 'heard it', zh: '亲耳所闻' },
  was_told: { en: 'was told', zh: '听他人转述' },
  document: { en: 'from a document', zh: '来自文件资料' },
  sensor: { en: 'from a sensor', zh: '来自传感器' },
  other: { en: 'other', zh: '其他' },
} as const satisfies Record<HowKnown, Bilingual>;

export const ROLE_LABELS = {
  intake: { en: 'intake', zh: '接线录入' },
  analyst: { en: 'analyst', zh: '分析员' },
  supervisor: { en: 'supervisor', zh: '主管' },
  office: { en: 'field office', zh: '基层单位' },
  admin: { en: 'administrator', zh: '系统管理员' },
  auditor: { en: 'auditor', zh: '审计员' },
} as const satisfies Record<Role, Bilingual>;

/** An enum as clients get it: its values in the server's order, each with its label. */
export function labelled<V extends string>(
  values: readonly V[],
  labels: Record<V, Bilingual>,
): ({ code: V } & Bilingual)[] {
  return values.map((code) => ({ code, en: labels[code].en, zh: labels[code].zh }));
}
