/** The rotation plan: what a run does next, or why it refuses, from ids alone. */
import { describe, expect, it } from 'vitest';
import { planRotation, type RotationFacts } from './key-rotation.js';
import type { RotationRecord } from './database-keys.js';

const record = (overrides: Partial<RotationRecord> = {}): RotationRecord => ({
  from: 'mk_old',
  to: 'mk_new',
  phase: 'rewrap',
  afterSeq: 10,
  rewrapped: 10,
  startedAt: 0,
  ...overrides,
});

const facts = (overrides: Partial<RotationFacts> = {}): RotationFacts => ({
  recorded: 'mk_old',
  record: null,
  current: 'mk_old',
  offered: 'mk_new',
  masterFromEnv: false,
  ...overrides,
});

const reason = (f: RotationFacts) => {
  const plan = planRotation(f);
  return plan.step === 'refuse' ? plan.reason : `not refused: ${plan.step}`;
};

describe('planRotation without a rotation in progress', () => {
  it('starts from the key in use to the key offered', () => {
    expect(planRotation(facts())).toEqual({ step: 'start', from: 'mk_old', to: 'mk_new' });
  });

  it('starts on a database that recorded no key yet', () => {
    expect(planRotation(facts({ recorded: null })).step).toBe('start');
  });

  it('refuses a key in use that is not the database’s', () => {
    expect(reason(facts({ current: 'mk_other' }))).toMatch(
      /mk_other\) is not the one this database's data keys are wrapped under \(mk_old\)/,
    );
  });

  it('refuses the key in use as the new key', () => {
    expect(reason(facts({ offered: 'mk_old' }))).toMatch(/new master key is the one in use/);
  });

  it('refuses without a new key, saying how to give one', () => {
    expect(reason(facts({ offered: null, masterFromEnv: true }))).toMatch(
      /TIPWIRE_MASTER_KEY is set.*--new-key-file FILE or TIPWIRE_NEW_MASTER_KEY/,
    );
  });
});

describe('planRotation with a rotation in progress', () => {
  it('continues re-wrapping with the old key in use and the same new key', () => {
    const r = record();
    expect(planRotation(facts({ record: r }))).toEqual({ step: 'rewrap', record: r });
  });

  it('retires with either key in use once the database switched', () => {
    const r = record({ phase: 'retire' });
    expect(planRotation(facts({ record: r }))).toEqual({ step: 'retire', record: r });
    expect(planRotation(facts({ record: r, current: 'mk_new', offered: null }))).toEqual({
      step: 'retire',
      record: r,
    });
  });

  it('refuses a new key other than the rotation’s, naming both', () => {
    expect(reason(facts({ record: record(), offered: 'mk_third' }))).toMatch(
      /rotation is to mk_new, but the new key given is mk_third: give mk_new to finish it$/,
    );
  });

  it('refuses without the new key', () => {
    expect(reason(facts({ record: record(), offered: null }))).toMatch(
      /needs the new key mk_new: give it with --new-key-file FILE$/,
    );
  });

  it('refuses a key in use that is neither of the rotation’s', () => {
    expect(reason(facts({ record: record(), current: 'mk_third' }))).toMatch(
      /neither the old \(mk_old\) nor the new \(mk_new\) key of the unfinished rotation: set TIPWIRE_MASTER_KEY or TIPWIRE_KEYS_DIR to the old one$/,
    );
  });

  it('refuses the new key in use while data keys still need the old one', () => {
    expect(reason(facts({ record: record(), current: 'mk_new', offered: null }))).toMatch(
      /still needs the old key.*set TIPWIRE_MASTER_KEY back to mk_old/,
    );
  });

  it('does not look at the recorded fingerprint once the rotation switched it', () => {
    const r = record({ phase: 'retire' });
    expect(planRotation(facts({ record: r, recorded: 'mk_new' })).step).toBe('retire');
  });
});
