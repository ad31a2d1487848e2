/**
 * How a setting is declared: one environment variable, a one-line description, a
 * parser and a default, written once in the module that uses it (its `settings.ts`).
 * `src/config.ts` composes the modules' sections, reads the environment and checks
 * every value; modules never read `process.env` and never import the config.
 */
import { z } from 'zod';

export interface SettingSpec<T> {
  env: string;
  description: string;
  /** Parses the variable's text; only called when the variable is set and not empty. */
  schema: z.ZodType<T>;
  /** The default, already parsed; `undefined` (or `null`) means "not set". */
  default: T;
  /** Never echo the value in an error message or the settings API (keys, secrets). */
  secret?: boolean;
}

/** One module's settings: its own key for each (the name its code reads) → the spec. */
export type SettingSpecs = Record<string, SettingSpec<unknown>>;

/** The parsed values of one module's settings, typed by its specs. */
export type SettingsOf<S extends SettingSpecs> = { [K in keyof S]: S[K]['default'] };

export function setting<T>(
  env: string,
  description: string,
  schema: z.ZodType<T>,
  defaultValue: T,
  options: { secret?: boolean } = {},
): SettingSpec<T> {
  return { env, description, schema, default: defaultValue, ...options };
}

/** Every setting of a section at its default (what the pure cores fall back on). */
export function defaultsOf<S extends SettingSpecs>(specs: S): Readonly<SettingsOf<S>> {
  const values = Object.fromEntries(Object.entries(specs).map(([key, s]) => [key, s.default]));
  return Object.freeze(values) as SettingsOf<S>;
}

export const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const numberIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `must be a number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'].includes(v), {
    message: 'must be one of on, off, true, false, 1, 0, yes, no',
  })
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

export const nonEmpty = z.string().trim().min(1, 'must not be empty');
