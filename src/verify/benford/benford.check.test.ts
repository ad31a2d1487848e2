import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../domain/flags.js';
import { analyseBenford, createTallier, type BenfordResult, type DigitTest } from './benford.js';
import { emptySubject, TEST_CHECK_SETTINGS } from '../check.fixtures.js';
import { benfordCheck, benfordFinding } from './benford.check.js';

/** A result whose tests have these MADs (the rest as analyseBenford makes it). */
function resultWith(firstDigitMad: number, firstTwoDigitsMad: number): BenfordResult {
  const tallier = createTallier(10);
  for (let i = 0; i < 1000; i++) tallier.add(10 ** (1 + (3 * (i + 0.5)) / 1000));
  for (let i = 0; i < 4; i++) tallier.add(75);
  const base = analyseBenford(tallier.tally, {
    benfordMinValues: 300,
    benfordMinOrdersOfMagnitude: 2,
  });
  const withMad = (test: DigitTest, mad: number, limits: number[]): DigitTest => ({
    ...test,
    mad,
    conformity:
      mad <= limits[0]!
        ? 'close'
        : mad <= limits[1]!
          ? 'acceptable'
          : mad <= limits[2]!
            ? 'marginal'
            : 'nonconformity',
  });
  return {
    ...base,
    firstDigit: withMad(base.firstDigit!, firstDigitMad, [0.006, 0.012, 0.015]),
    firstTwoDigits: withMad(base.firstTwoDigits!, firstTwoDigitsMad, [0.0012, 0.0018, 0.0022]),
  };
}

describe('benford.nonconforming', () => {
  it('says nothing when both tests conform, even marginally', () => {
    expect(benfordFinding(resultWith(0.015, 0.0022), 0)).toBeNull();
    expect(benfordFinding(resultWith(0.001, 0.0001), 0)).toBeNull();
  });

  it('finds a table whose first two digits do not conform, as the payments data (MAD 0.00243)', () => {
    const result = resultWith(0.01464, 0.00243);
    const finding = benfordFinding(result, 1)!;
    expect(finding).toMatchObject({
      code: 'benford.nonconforming',
      severity: 'notice',
      evidence: {
        attachment: 1,
        n: 1004,
        firstDigitMad: 0.01464,
        firstDigitConformity: 'marginal',
        firstTwoDigitsMad: 0.00243,
        firstTwoDigitsConformity: 'nonconformity',
        duplicates: [{ value: 75, count: 4 }],
      },
    });
    expect(finding.evidence.firstDigitChiSquare).toBe(
      Number(result.firstDigit!.chiSquare.toFixed(2)),
    );
    expect(finding.evidence.firstTwoDigitsChiSquare).toBe(
      Number(result.firstTwoDigits!.chiSquare.toFixed(2)),
    );
    expect(finding.evidence.overRepresented).toEqual(
      result.overRepresented
        .slice(0, 3)
        .map((b) => ({ digits: b.digits, z: Number(b.z.toFixed(2)) })),
    );
    expect(finding.message.en).toBe(
      "The 1004 amounts of attachment 2 do not follow Benford's law: first two digits MAD 0.00243 (above 0.0022). A reason to look closer, not proof of fabrication.",
    );
    expect(finding.message.zh).toBe(
      '附件 2 中的 1004 个数值不符合本福特定律：前两位数字平均绝对偏差 0.00243（超过 0.0022）。值得进一步核查，但并不证明数据系编造。',
    );
    expect(FLAGS['benford.nonconforming'].severity).toBe('notice');
  });

  it('keeps the three most duplicated amounts and the three most over-represented bins', () => {
    const result = resultWith(0.01, 0.003);
    const many = {
      ...result,
      duplicates: [50, 40, 30, 20].map((value, i) => ({ value, count: 10 - i })),
    };
    expect(many.overRepresented.length).toBeGreaterThan(3);
    const evidence = benfordFinding(many, 0)!.evidence;
    expect(evidence.duplicates).toEqual(many.duplicates.slice(0, 3));
    expect((evidence.overRepresented as unknown[]).length).toBe(3);
  });

  it('names both tests when both fail', () => {
    const finding = benfordFinding(resultWith(0.02, 0.003), 0)!;
    expect(finding.message.en).toContain(
      'first digit MAD 0.02000 (above 0.015), first two digits MAD 0.00300 (above 0.0022)',
    );
    expect(finding.message.zh).toContain('首位数字平均绝对偏差 0.02000（超过 0.015），前两位数字');
  });

  it('says nothing for data it refused to test', () => {
    const tallier = createTallier(10);
    tallier.add(50);
    const refused = analyseBenford(tallier.tally, {
      benfordMinValues: 300,
      benfordMinOrdersOfMagnitude: 2,
    });
    expect(benfordFinding(refused, 0)).toBeNull();
  });
});

describe('the Benford check', () => {
  it('declares itself as a cheap check with its one code', () => {
    expect(benfordCheck).toMatchObject({
      name: 'benford',
      version: 1,
      cost: 'cheap',
      codes: ['benford.nonconforming'],
    });
  });

  it('applies to a report with an analysed table, and finds each column that does not conform', () => {
    const file = (id: string, columns: { column: number; result: BenfordResult }[] | null) => ({
      id,
      contentType: 'text/csv',
      media: {
        detectedType: 'text/plain',
        width: null,
        height: null,
        rejected: null,
        exif: null,
        ...(columns
          ? {
              benford: {
                readable: true as const,
                columns: columns as unknown as {
                  column: number;
                  result: Record<string, unknown>;
                }[],
              },
            }
          : {}),
      },
    });
    expect(benfordCheck.appliesTo(emptySubject({ attachments: [file('a_0', null)] }))).toBe(false);
    expect(benfordCheck.appliesTo(emptySubject({ attachments: [file('a_0', [])] }))).toBe(false);
    const subject = emptySubject({
      attachments: [
        file('a_0', [{ column: 1, result: resultWith(0.005, 0.001) }]),
        file('a_1', null),
        file('a_2', [
          { column: 0, result: resultWith(0.02, 0.001) },
          { column: 4, result: resultWith(0.005, 0.003) },
        ]),
      ],
    });
    expect(benfordCheck.appliesTo(subject)).toBe(true);
    const found = benfordCheck.run(subject, { settings: TEST_CHECK_SETTINGS });
    expect(
      found.map((f) => [f.evidence.attachment, f.evidence.attachmentId, f.evidence.column]),
    ).toEqual([
      [2, 'a_2', 0],
      [2, 'a_2', 4],
    ]);
  });
});
