/**
 * PUT /api/v1/reports/:id/sun-evidence: what an analyst judged or measured on a report's
 * photo, for the sun checks (verify/sun/): that it shows daylight (`sun.night_photo`
 * when the sun was down over the whole claimed time), and a shadow's bearing and
 * optionally its length ÷ the object's height (`sun.shadow_mismatch`, with the times of
 * that day the shadow fits). The report's checks run again on its next pass.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Cases } from '../../cases/cases.service.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

const shadow = z.strictObject({
  bearing: z.number().min(0).max(360),
  bearingError: z.number().min(0).max(90).optional(),
  lengthRatio: z.number().positive().max(1000).nullable().optional(),
  lengthRatioError: z.number().min(0).max(0.99).optional(),
});

const sunEvidence = z.strictObject({
  daylightPhoto: z.boolean(),
  shadow: shadow.nullable(),
});

export function evidenceRoutes(
  app: FastifyInstance,
  deps: { cases: Pick<Cases, 'visible' | 'setSunEvidence'> },
) {
  const sunRoute = {
    summary: 'Give evidence on a report’s photo for the sun checks',
    description:
      'What an analyst judged or measured on the report’s photo: `daylightPhoto` (it shows daylight: `sun.night_photo` when the sun was below TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES over the whole claimed time at the claimed place) and `shadow` (`bearing`: degrees clockwise from true north the shadow points, optional `bearingError`, `lengthRatio` = shadow length ÷ object height and `lengthRatioError`: `sun.shadow_mismatch` when no claimed time fits, with the times of that day it does fit). `{daylightPhoto: false, shadow: null}` clears it. Audited; the report’s checks run again (its next pass is queued at once: `GET /api/v1/reports/{id}` shows the findings when it is done).',
    params: z.object({ id: z.string() }),
    body: sunEvidence,
    answers: {
      200: {
        description:
          'the evidence as stored (the report’s findings follow when its checks have run)',
        schema: z.object({ id: z.string(), sunEvidence: sunEvidence.nullable() }),
      },
    },
  } satisfies RouteSchemas;

  app.put(
    '/api/v1/reports/:id/sun-evidence',
    { config: { access: ['analyst', 'supervisor'], schemas: sunRoute } },
    async (request) => {
      const { id } = validate(sunRoute.params, request.params);
      const given = validate(sunRoute.body, request.body);
      // No daylight claim and no shadow is no evidence: stored as none.
      const evidence = given.daylightPhoto || given.shadow ? given : null;
      const report = await deps.cases.visible(request.principal, id);
      await deps.cases.setSunEvidence(request.principal, report, evidence);
      return { id: report.id, sunEvidence: evidence };
    },
  );
}
