/**
 * GET /api/v1/meta: the catalogue of codes clients label (flags and findings with
 * their meaning, severities, case statuses, queues, stages, channels, how-known
 * answers, roles, event kinds with their groups), in English and Chinese, so that no
 * client keeps its own copy.
 * Public (the reporter's page needs status labels too) and the same for every
 * caller until the server is upgraded: built once, sent with an ETag, and answered
 * `304 Not Modified` when the client already has it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { ROLES } from '../../access/roles.js';
import { EVENT_KIND_CODES, EVENT_KINDS } from '../../domain/event-kinds.js';
import {
  FINDING_CODES,
  FLAG_CODES,
  FLAG_FAMILIES,
  FLAG_FAMILY_LABELS,
  FLAGS,
  flagFamily,
  findingSeverity,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../../domain/flags.js';
import {
  CHANNEL_LABELS,
  HOW_KNOWN_LABELS,
  labelled,
  QUEUE_LABELS,
  ROLE_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
} from '../../domain/labels.js';
import { CASE_STATUSES, CHANNELS, HOW_KNOWN, QUEUES, REPORT_STAGES } from '../../domain/report.js';
import type { RouteSchemas } from '../route-schemas.js';

/** The answer: codes → texts for lookups, ordered lists for what a form offers in order. */
export function metaAnswer() {
  return {
    flags: Object.fromEntries(
      FLAG_CODES.map((code) => [
        code,
        { family: flagFamily(code), en: FLAGS[code].en, zh: FLAGS[code].zh },
      ]),
    ),
    flagFamilies: labelled(FLAG_FAMILIES, FLAG_FAMILY_LABELS),
    findings: Object.fromEntries(
      FINDING_CODES.map((code) => [code, { severity: findingSeverity(code) }]),
    ),
    severities: labelled(SEVERITIES, SEVERITY_LABELS),
    statuses: labelled(CASE_STATUSES, STATUS_LABELS),
    queues: labelled(QUEUES, QUEUE_LABELS),
    stages: labelled(REPORT_STAGES, STAGE_LABELS),
    channels: labelled(CHANNELS, CHANNEL_LABELS),
    howKnown: labelled(HOW_KNOWN, HOW_KNOWN_LABELS),
    roles: labelled(ROLES, ROLE_LABELS),
    eventKinds: Object.fromEntries(
      EVENT_KIND_CODES.map((code) => {
        const { en, zh, group } = EVENT_KINDS[code];
        return [code, { en, zh, group }];
      }),
    ),
  };
}

/** Whether an If-None-Match header names this (strong) ETag, or is `*`. */
export function matchesETag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

const bilingual = z.object({ en: z.string(), zh: z.string() });
const labelledList = z.array(bilingual.extend({ code: z.string() }));

const metaRoute = {
  summary: 'The code catalogue',
  description:
    'The catalogue of codes clients label (flags and findings with their meaning, severities, case statuses, queues, stages, channels, how-known answers, roles, event kinds with the group of kinds that may be one event), in English and Chinese; `ETag`, `304` on `If-None-Match`.',
  headers: { 'if-none-match': 'the ETag of a catalogue the client has: 304 if it is current' },
  answers: {
    200: {
      description: 'the catalogue',
      schema: z.object({
        flags: z.record(z.string(), bilingual.extend({ family: z.string() })),
        flagFamilies: labelledList,
        findings: z.record(z.string(), z.object({ severity: z.string() })),
        severities: labelledList,
        statuses: labelledList,
        queues: labelledList,
        stages: labelledList,
        channels: labelledList,
        howKnown: labelledList,
        roles: labelledList,
        eventKinds: z.record(z.string(), bilingual.extend({ group: z.string() })),
      }),
    },
    304: { description: 'the client has the current catalogue' },
  },
} satisfies RouteSchemas;

export function metaRoutes(app: FastifyInstance) {
  const body = JSON.stringify(metaAnswer());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  app.get(
    '/api/v1/meta',
    { config: { access: 'public', schemas: metaRoute } },
    async (request, reply) => {
      // Cached by anyone, checked again on every use: a 304 costs nothing, and an
      // upgrade's new codes show at once (no max-age to wait out).
      void reply.header('cache-control', 'public, no-cache');
      void reply.header('etag', etag);
      if (matchesETag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
