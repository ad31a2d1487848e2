/**
 * The Benford check: each attached table's numeric columns, tallied and analysed at
 * intake (attached-table.ts, in a worker thread: checks do no I/O), stored with the file's
 * media facts. `benford.nonconforming` (a notice: a reason to look, never proof) for
 * each column where either test is in Nigrini's nonconformity band; nothing when the
 * data was refused as too little or too narrow, nor when both tests conform at least
 * marginally. Evidence: numbers, conformity codes and the column's position, never the
 * table's text or its column's name.
 */
import { FLAG, findingSeverity } from '../../domain/flags.js';
import type { Check, CheckSubject, Finding } from '../check.js';
import { MAD_BANDS, type BenfordResult, type DigitTest } from './benford.js';

/** One tested column of an attached table: which attachment, which column, its analysis. */
export interface TestedColumn {
  attachment: number;
  attachmentId: string;
  column: number;
  result: BenfordResult;
}

/** The tested columns of a report's tables, from their files' media facts. */
export function testedColumns(subject: Pick<CheckSubject, 'attachments'>): TestedColumn[] {
  return subject.attachments.flatMap(({ id, media }, attachment) =>
    media?.benford?.readable
      ? media.benford.columns.map(({ column, result }) => ({
          attachment,
          attachmentId: id,
          column,
          result: result as unknown as BenfordResult,
        }))
      : [],
  );
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The finding for one analysed table, or null when it conforms or was not tested. */
export function benfordFinding(
  result: BenfordResult,
  attachment: number,
  where: { attachmentId?: string; column?: number } = {},
): Finding | null {
  if (result.refused !== null) return null;
  const firstDigit = result.firstDigit!;
  const firstTwoDigits = result.firstTwoDigits!;
  const failing = (
    [
      ['first digit', '首位数字', firstDigit, MAD_BANDS.firstDigit.marginal],
      ['first two digits', '前两位数字', firstTwoDigits, MAD_BANDS.firstTwoDigits.marginal],
    ] as [string, string, DigitTest, number][]
  ).filter(([, , test]) => test.conformity === 'nonconformity');
  if (failing.length === 0) return null;
  const en = failing
    .map(([name, , test, limit]) => `${name} MAD ${test.mad.toFixed(5)} (above ${limit})`)
    .join(', ');
  const zh = failing
    .map(([, name, test, limit]) => `${name}平均绝对偏差 ${test.mad.toFixed(5)}（超过 ${limit}）`)
    .join('，');
  const code = FLAG.benford.nonconforming;
  return {
    code,
    severity: findingSeverity(code),
    message: {
      en: `The ${result.n} amounts of attachment ${attachment + 1} do not follow Benford's law: ${en}. A reason to look closer, not proof of fabrication.`,
      zh: `附件 ${attachment + 1} 中的 ${result.n} 个数值不符合本福特定律：${zh}。值得进一步核查，但并不证明数据系编造。`,
    },
    evidence: {
      attachment,
      ...where,
      n: result.n,
      firstDigitMad: round(firstDigit.mad, 6),
      firstDigitConformity: firstDigit.conformity,
      firstDigitChiSquare: round(firstDigit.chiSquare, 2),
      firstTwoDigitsMad: round(firstTwoDigits.mad, 6),
      firstTwoDigitsConformity: firstTwoDigits.conformity,
      firstTwoDigitsChiSquare: round(firstTwoDigits.chiSquare, 2),
      overRepresented: result.overRepresented
        .slice(0, 3)
        .map((b) => ({ digits: b.digits, z: round(b.z, 2) })),
      duplicates: result.duplicates.slice(0, 3),
    },
  };
}

export const benfordCheck: Check = {
  name: 'benford',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.benford.nonconforming],
  appliesTo: (subject) => testedColumns(subject).length > 0,
  run: (subject) =>
    testedColumns(subject).flatMap(
      ({ attachment, attachmentId, column, result }) =>
        benfordFinding(result, attachment, { attachmentId, column }) ?? [],
    ),
};
