/**
 * JSON with object keys sorted, so that equal bodies hash equal whatever their key
 * order: what idempotency records, import line keys and content hashes are made of.
 */
import { validationError } from '../domain/errors.js';

/**
 * Deepest value canonicalJson walks: the largest TIPWIRE_JSON_MAX_DEPTH allows. HTTP
 * bodies are refused deeper than that setting before they get here; this keeps any
 * other caller from overflowing the stack.
 */
const CANONICAL_MAX_DEPTH = 1000;

export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > CANONICAL_MAX_DEPTH) {
    throw validationError([
      { path: 'body', message: `nests deeper than ${CANONICAL_MAX_DEPTH} levels` },
    ]);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
