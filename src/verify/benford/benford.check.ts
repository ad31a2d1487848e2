/**
 * The Benford check in the shape of the Check contract (verify/check.ts), not registered
 * yet: attachments do not reach checks as tables. Its subject is CheckSubject's report id
 * plus `tables`: each attached table's tested column, already tallied and analysed
 * (table.ts, benford.ts) by whoever reads the attachment, since checks do no I/O. Wiring
 * it is: the verify stage (or a worker, for large files) opening CSV attachments and
 * choosing their numeric columns, `tables` into CheckSubject, BENFORD_SETTINGS into
 * CheckSettings, and one line in checks/index.ts.
 *
 * `benford.nonconforming` (a notice: a reason to look, never proof) when either test is
 * in Nigrini's nonconformity band; nothing when the data was refused as too little or too
 * narrow, nor when both tests conform at least marginally. Evidence: numbers and
 * conformity codes, never the table's text or its column's name.
 */
import { FLAG, findingSeverity } from '../../domain/flags.js';
import type { Check, CheckSubject, Finding } from '../check.js';
import { MAD_BANDS, type BenfordResult, type DigitTest } from './benford.js';

export interface BenfordCheckSubject extends Pick<CheckSubject, 'reportId'> {
  /** The tested column of each attached table: which attachment, and its analysis. */
  tables: readonly { attachment: number; result: BenfordResult }[];
}

/** A Check over the Benford subject (the contract's shape, other types). */
export type BenfordCheck = Omit<Check, 'appliesTo' | 'run'> & {
  appliesTo(subject: BenfordCheckSubject): boolean;
  run(subject: BenfordCheckSubject): Finding[];
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The finding for one analysed table, or null when it conforms or was not tested. */
export function benfordFinding(result: BenfordResult, attachment: number): Finding | null {
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

export const benfordCheck: BenfordCheck = {
  name: 'benford',
  version: 1,
  cost: 'cheap',
  codes: [FLAG.benford.nonconforming],
  appliesTo: (subject) => subject.tables.length > 0,
  run: (subject) =>
    subject.tables.flatMap(({ attachment, result }) => benfordFinding(result, attachment) ?? []),
};
