/**
 * The verify stage's decision, a pure function: which registered checks apply to
 * the report, which run now and which are put off (heavy ones while the pipeline is
 * behind), their findings, and what the report keeps for clients of F3.
 *
 * Compatibility (F3): a finding whose code is also a flag (`time.contradiction`,
 * `source.stale`) is mirrored in the report's flags, and the time-sources check's
 * result in `needsDeeperVerification` and `timeSources.stale`, so filters, exports
 * and the workbench that read flags keep working. Findings are the source of truth.
 */
import { FLAG, flagFamily, isFlagCode, type FlagCode, type FlagFamily } from '../domain/flags.js';
import type { Check, CheckSettings, CheckSubject, Finding } from './check.js';

export interface VerifySettings {
  /** The registered checks (checks/index.ts), in order. */
  checks: readonly Check[];
  /** Heavy checks are put off while the oldest waiting job has waited longer than this. */
  deferHeavyLagMs: number;
  check: CheckSettings;
}

export interface VerifyInput {
  subject: CheckSubject;
  /** The report's flags now. */
  flags: readonly string[];
  /** What the report's assessment mirrors now (absent: nothing yet). */
  mirrored?: { needsDeeperVerification?: boolean; stale?: readonly unknown[] };
  /** How long the oldest job of the batch waited (ms). */
  backlogLagMs: number;
  now: number;
  /** Run only these checks, now (the later run of deferred ones); default: every registered one. */
  only?: readonly string[];
}

export interface CheckRef {
  name: string;
  version: number;
}

export interface VerifyEffects {
  reportId: string;
  now: number;
  /** Checks whose findings are replaced (an empty list clears them: the check no longer applies). */
  ran: { check: CheckRef; heavy: boolean; findings: Finding[] }[];
  deferred: CheckRef[];
  /** The report's flags of these families after the change (see replaceFlags). */
  flags: { families: FlagFamily[]; flags: FlagCode[] } | null;
  /** Fields merged into the report's assessment. */
  assessment: {
    needsDeeperVerification: boolean;
    timeSources: { stale: unknown[] };
  } | null;
}

/** A stored flag's family (a stored flag may be a code since retired: its text before the dot). */
const familyOf = (code: string): string => code.slice(0, Math.max(0, code.indexOf('.')));

export function decideVerification(input: VerifyInput, settings: VerifySettings): VerifyEffects {
  // A run of named checks is the later run of deferred ones: it is never put off again.
  const deferHeavy = !input.only && input.backlogLagMs > settings.deferHeavyLagMs;
  const ran: VerifyEffects['ran'] = [];
  const deferred: CheckRef[] = [];
  for (const check of settings.checks) {
    if (input.only && !input.only.includes(check.name)) continue;
    const ref = { name: check.name, version: check.version };
    const heavy = check.cost === 'heavy';
    if (!check.appliesTo(input.subject)) {
      ran.push({ check: ref, heavy, findings: [] });
    } else if (heavy && deferHeavy) {
      deferred.push(ref);
    } else {
      ran.push({
        check: ref,
        heavy,
        findings: check.run(input.subject, { settings: settings.check }),
      });
    }
  }
  return {
    reportId: input.subject.reportId,
    now: input.now,
    ran,
    deferred,
    flags: mirroredFlags(input.flags, ran, settings.checks),
    assessment: f3Assessment(ran, input.mirrored ?? {}),
  };
}

/** The flag families touched by the checks that ran, with their flags after this run. */
function mirroredFlags(
  current: readonly string[],
  ran: VerifyEffects['ran'],
  checks: readonly Check[],
): VerifyEffects['flags'] {
  const names = new Set(ran.map((r) => r.check.name));
  const mirrored = new Set(
    checks
      .filter((c) => names.has(c.name))
      .flatMap((c) => c.codes.filter((code) => isFlagCode(code))),
  );
  // Stryker disable next-line ConditionalExpression: equivalent (with nothing mirrored, before and after are both empty and the check below returns null too)
  if (mirrored.size === 0) return null;
  const found = new Set(ran.flatMap((r) => r.findings.map((f) => f.code)));
  const families: FlagFamily[] = [...new Set([...mirrored].map((code) => flagFamily(code)))];
  const inFamilies = (f: string) => (families as string[]).includes(familyOf(f));
  // Other flags of those families stay, also codes a later version retired.
  const kept = current.filter(
    (f) => inFamilies(f) && !(mirrored as Set<string>).has(f),
  ) as FlagCode[];
  const raised = [...mirrored].filter((code) => found.has(code));
  const before = current.filter(inFamilies);
  const after: FlagCode[] = [...kept, ...raised];
  // Unchanged: no write (most reports carry none of these flags before or after).
  if (after.length === before.length && after.every((f, i) => f === before[i])) return null;
  return { families, flags: after };
}

function f3Assessment(
  ran: VerifyEffects['ran'],
  now: NonNullable<VerifyInput['mirrored']>,
): VerifyEffects['assessment'] {
  const timeSources = ran.find((r) => r.check.name === 'time-sources');
  if (!timeSources) return null;
  const staleFinding = timeSources.findings.find((f) => f.code === FLAG.source.stale);
  const stale = (staleFinding?.evidence.stale as unknown[] | undefined) ?? [];
  const needsDeeperVerification = timeSources.findings.some(
    (f) => f.code === FLAG.time.contradiction,
  );
  // Unchanged (absent counts as false and none): no write.
  const same =
    needsDeeperVerification === (now.needsDeeperVerification ?? false) &&
    JSON.stringify(stale) === JSON.stringify(now.stale ?? []);
  return same ? null : { needsDeeperVerification, timeSources: { stale } };
}
