/**
 * What a route declares about its input and answers, next to its access: the zod
 * schemas of its path parameters, query and body, and its answers by status code.
 * The handler validates with these same schema objects (`validate`), and
 * openapi.ts turns the declarations into the OpenAPI document, so there is no
 * second copy to drift. Declared as `config: { access, schemas }`.
 */
import type { z } from 'zod';
import { validationError } from '../domain/errors.js';
import { fieldIssues } from '../intake/report-schema.js';

export interface RouteAnswer {
  description: string;
  /** The JSON body's shape, where the route has a clear one. */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
}

export interface RouteSchemas {
  /** A few words: the OpenAPI summary. */
  summary: string;
  /** What it does and for whom: the README's route table shows this. */
  description: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * The route also reads `multipart/form-data` (its handler reads the parts); what
   * the parts are. Other routes answer a multipart body 415, as any type but JSON.
   */
  multipart?: string;
  /** Request headers the route reads, by name: what each means. */
  headers?: Record<string, string>;
  /** Successful answers and the refusals particular to this route, by status. */
  answers: Record<number, RouteAnswer>;
  /**
   * For routes outside /api/ (no `access`): `metrics` needs the metrics token; absent
   * means anyone. API routes take theirs from `access`.
   */
  guard?: 'metrics';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    schemas?: RouteSchemas;
  }
}

/** Parses `value` (absent counts as `{}`); a bad one is a 400 naming each field's path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldIssues(parsed.error, value));
  return parsed.data;
}
