/**
 * The analysts' map: reports or incidents in a viewport as at most
 * TIPWIRE_MAP_MAX_FEATURES clusters and single items (map/map.service.ts answers from
 * its in-memory index; each viewer sees only what its scope sees, as in the incident
 * list), the offline base layer (land and borders), place labels from the
 * gazetteer, what the client should draw (`config`), and an operator's local PMTiles
 * archive with range requests.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { memberScope } from '../../access/scope.js';
import { validationError } from '../../domain/errors.js';
import type { SettingsOf } from '../../domain/settings.js';
import type { BaseLayer } from '../../map/base-layer.js';
import { minuteOf } from '../../map/grid.js';
import type { MapService } from '../../map/map.service.js';
import type { PlaceIndex } from '../../map/places.js';
import type { MAP_SETTINGS } from '../../map/settings.js';
import { TILES_PATH, type TilesSource } from '../../map/tiles.js';
import { viewportRects } from '../../map/viewport.js';
import type { Store } from '../../store/store.js';
import { byteRange } from '../byte-ranges.js';
import { scopedIncident } from '../incident-scope.js';
import { bboxQuery, isoTime } from '../query-params.js';
import { validate, type RouteSchemas } from '../route-schemas.js';

const READERS = ['analyst', 'supervisor'] as const;

export interface MapRouteDeps {
  map: MapService;
  store: Store;
  settings: SettingsOf<typeof MAP_SETTINGS>;
  /** The base layer and the place labels, made on first use (serve makes them before it listens). */
  base: () => BaseLayer;
  places: () => PlaceIndex;
  tiles: TilesSource | null;
}

const zoom = z.coerce.number().min(0).max(24);

const point = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number(), z.number()]),
});

const clusterProperties = z.object({
  cluster: z.literal(true),
  id: z.string(),
  count: z.number(),
  weight: z.number(),
});

const itemProperties = z.object({
  cluster: z.literal(false),
  id: z.string(),
  kind: z.enum(['report', 'incident']),
  radiusMeters: z.number().nullable(),
  category: z.string().nullable(),
  status: z.string().nullable(),
  confidence: z.number().nullable(),
  reportCount: z.number().nullable(),
  start: z.string(),
  end: z.string(),
  weight: z.literal(1),
});

const featuresQuery = z.object({
  bbox: bboxQuery,
  zoom,
  layer: z.enum(['reports', 'incidents']).default('reports'),
  from: isoTime.optional(),
  to: isoTime.optional(),
});

const featuresRoute = {
  summary: 'Reports or incidents in a viewport, clustered',
  description:
    'GeoJSON FeatureCollection of at most TIPWIRE_MAP_MAX_FEATURES features for `bbox=west,south,east,north` (degrees; west > east crosses the antimeridian; latitudes beyond ±85.05° are clamped) at `zoom` (0–24), of `layer` (`reports`, the default, or `incidents`), optionally only what was observed in [`from`, `to`] (ISO times; a report’s observed interval or an incident’s span must meet the window, read to the minute). A feature is a cluster — a grid cell of TIPWIRE_MAP_CELL_PIXELS pixels at the zoom: `{cluster:true, id, count, weight}` at its items’ mean point (`weight` = `count`, for a heat layer) — or one item: `{cluster:false, id, kind, radiusMeters (its uncertainty), category, status, confidence (incidents), reportCount (incidents), start, end, weight:1}`. Above TIPWIRE_MAP_CLUSTER_MAX_ZOOM items come one by one while they fit. Top level: `zoom` (of the grid used), `truncated` (the cap or the box’s size made it coarser than asked), `total` (items the features stand for). Each viewer sees what the incident list shows it: supervisors everything, analysts their queue (an incident over its members in it). 503 while the index is first built.',
  query: featuresQuery,
  answers: {
    200: {
      description: 'the features',
      schema: z.object({
        type: z.literal('FeatureCollection'),
        zoom: z.number(),
        truncated: z.boolean(),
        total: z.number(),
        features: z.array(
          z.object({
            type: z.literal('Feature'),
            id: z.string(),
            geometry: point,
            properties: z.union([clusterProperties, itemProperties]),
          }),
        ),
      }),
    },
    503: { description: 'the map index is being built; retry after the Retry-After seconds' },
  },
} satisfies RouteSchemas;

const placesQuery = z.object({ bbox: bboxQuery, zoom });

const placesRoute = {
  summary: 'Place labels in a viewport',
  description:
    'GeoJSON FeatureCollection of the most populous gazetteer places (GeoNames cities500; China’s districts, featureCode ADM3, after them) in `bbox=west,south,east,north` at `zoom`, at most TIPWIRE_MAP_PLACES_MAX and one per cluster cell: `{name, nameZh (Chinese script, or null), population, country, featureCode}`.',
  query: placesQuery,
  answers: {
    200: {
      description: 'the places',
      schema: z.object({
        type: z.literal('FeatureCollection'),
        zoom: z.number(),
        features: z.array(
          z.object({
            type: z.literal('Feature'),
            id: z.string(),
            geometry: point,
            properties: z.object({
              name: z.string(),
              nameZh: z.string().nullable(),
              population: z.number(),
              country: z.string(),
              featureCode: z.string(),
            }),
          }),
        ),
      }),
    },
  },
} satisfies RouteSchemas;

const baseRoute = {
  summary: 'The offline base layer',
  description:
    'Land (`properties.layer: land`) and the borders between countries (`layer: border`) from Natural Earth at TIPWIRE_MAP_BASE_RESOLUTION, as one GeoJSON FeatureCollection; gzipped when the client accepts it; cacheable (`ETag`; `If-None-Match` answers 304).',
  headers: { 'if-none-match': 'the ETag of a copy the client holds' },
  answers: {
    200: {
      description: 'the base layer',
      schema: z.looseObject({ type: z.literal('FeatureCollection') }),
    },
    304: { description: 'the client’s copy is current' },
  },
} satisfies RouteSchemas;

const configRoute = {
  summary: 'What the map client should draw',
  description:
    'The layers that exist and where to get them: `base` (the offline base layer), `places`, `features` (its cap, cell size, cluster zoom and layers), `tiles` (null, or the operator’s street tiles: `{kind: raster|vector|pmtiles, url, attribution}`; a local archive is served at /map/tiles.pmtiles), and `index` (whether the map index is built, its rows, changes held beside it and bytes).',
  answers: { 200: { description: 'the map configuration', schema: z.looseObject({}) } },
} satisfies RouteSchemas;

const tilesRoute = {
  summary: 'The operator’s PMTiles archive',
  description:
    'The local .pmtiles file TIPWIRE_MAP_TILES names (404 when it names none), for the client’s PMTiles reader: `Range: bytes=start-end` answers 206 with that part, one range per request; a range past the end, several ranges or a malformed one answers 416 (`Content-Range: bytes */size`).',
  headers: { range: 'bytes=start-end, bytes=start- or bytes=-suffix' },
  answers: {
    200: { description: 'the whole archive', contentType: 'application/vnd.pmtiles' },
    206: { description: 'the range asked for', contentType: 'application/vnd.pmtiles' },
    404: { description: 'no local archive is configured' },
    416: { description: 'the range cannot be served' },
  },
} satisfies RouteSchemas;

/** Brings single incidents shown over only some of their members to the viewer's members. */
function rescope(
  store: Store,
  request: FastifyRequest,
  answer: Awaited<ReturnType<MapService['features']>>,
) {
  const scope = memberScope(request.principal);
  if (scope.all || answer.partial.length === 0) return answer.features;
  const partial = new Set(answer.partial);
  return answer.features.flatMap((feature) => {
    if (feature.properties.cluster || !partial.has(feature.id)) return [feature];
    const incident = store.incidents.get(feature.id);
    if (!incident) return [];
    const { incident: shown, members } = scopedIncident(store, incident, scope);
    if (members.reportIds.length === 0) return [];
    const centroid = shown.centroid ?? incident.centroid;
    return [
      {
        ...feature,
        geometry: {
          ...feature.geometry,
          coordinates: centroid
            ? ([centroid.lon, centroid.lat] as [number, number])
            : feature.geometry.coordinates,
        },
        properties: {
          ...feature.properties,
          reportCount: members.reportIds.length,
          start: new Date(shown.start).toISOString(),
          end: new Date(shown.end).toISOString(),
        },
      },
    ];
  });
}

function sendBase(request: FastifyRequest, reply: FastifyReply, base: BaseLayer) {
  void reply.header('etag', base.etag);
  void reply.header('cache-control', 'private, max-age=86400');
  void reply.header('vary', 'accept-encoding');
  const held = request.headers['if-none-match'];
  if (held && held.split(',').some((tag) => tag.trim() === base.etag)) {
    return reply.code(304).send();
  }
  void reply.type('application/json; charset=utf-8');
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    void reply.header('content-encoding', 'gzip');
    return reply.send(base.gzip);
  }
  return reply.send(base.json);
}

function sendTiles(request: FastifyRequest, reply: FastifyReply, file: string | null) {
  let stats: Stats | null;
  try {
    stats = file ? statSync(file) : null;
  } catch {
    stats = null;
  }
  if (!file || !stats?.isFile()) {
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: 'no local tile archive is configured' } });
  }
  const size = stats.size;
  void reply.header('accept-ranges', 'bytes');
  void reply.header('etag', `"${size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`);
  void reply.header('cache-control', 'public, max-age=3600');
  void reply.type('application/vnd.pmtiles');
  const range = byteRange(request.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${size}`);
    return reply
      .code(416)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: 'range_not_satisfiable',
          message: 'send one range within the file: bytes=start-end',
        },
      });
  }
  const head = request.method === 'HEAD';
  if (range.kind === 'whole') {
    void reply.header('content-length', String(size));
    return reply.code(200).send(head ? null : createReadStream(file));
  }
  void reply.header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  void reply.header('content-length', String(range.end - range.start + 1));
  return reply
    .code(206)
    .send(head ? null : createReadStream(file, { start: range.start, end: range.end }));
}

export function mapRoutes(app: FastifyInstance, deps: MapRouteDeps) {
  const { settings } = deps;

  app.get(
    '/api/v1/map/features',
    { config: { access: [...READERS], schemas: featuresRoute } },
    async (request) => {
      const q = validate(featuresQuery, request.query ?? {});
      if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
        throw validationError([{ path: 'from', message: 'must not be after `to`' }]);
      }
      const window =
        q.from === undefined && q.to === undefined
          ? null
          : {
              from: q.from === undefined ? -(2 ** 31) : minuteOf(q.from),
              to: q.to === undefined ? 2 ** 31 - 1 : minuteOf(q.to),
            };
      const answer = await deps.map.features(q.layer, {
        rects: viewportRects(q.bbox),
        zoom: q.zoom,
        window,
        scope: memberScope(request.principal),
      });
      return {
        type: answer.type,
        zoom: answer.zoom,
        truncated: answer.truncated,
        total: answer.total,
        features: rescope(deps.store, request, answer),
      };
    },
  );

  app.get(
    '/api/v1/map/places',
    { config: { access: [...READERS], schemas: placesRoute } },
    async (request) => {
      const q = validate(placesQuery, request.query ?? {});
      return {
        type: 'FeatureCollection' as const,
        zoom: Math.floor(q.zoom),
        features: deps
          .places()
          .query(viewportRects(q.bbox), q.zoom, settings.placesMax, settings.cellPixels),
      };
    },
  );

  app.get(
    '/api/v1/map/base',
    { config: { access: [...READERS], schemas: baseRoute } },
    async (request, reply) => sendBase(request, reply, deps.base()),
  );

  app.get(
    '/api/v1/map/config',
    { config: { access: [...READERS], schemas: configRoute } },
    async () => {
      const status = deps.map.status();
      const tiles = deps.tiles && {
        kind: deps.tiles.kind,
        url: deps.tiles.url,
        attribution: deps.tiles.attribution,
      };
      return {
        base: {
          url: '/api/v1/map/base',
          resolution: settings.baseResolution,
          attribution: 'Natural Earth',
        },
        places: {
          url: '/api/v1/map/places',
          max: settings.placesMax,
          source: 'GeoNames cities500',
        },
        features: {
          url: '/api/v1/map/features',
          layers: ['reports', 'incidents'],
          maxFeatures: settings.maxFeatures,
          cellPixels: settings.cellPixels,
          clusterMaxZoom: settings.clusterMaxZoom,
        },
        tiles,
        index: {
          ready: status.ready,
          building: status.building,
          builtAt: status.builtAt === null ? null : new Date(status.builtAt).toISOString(),
          reports: status.facts?.reports ?? null,
          incidents: status.facts?.incidents ?? null,
          buildMs: status.facts ? status.facts.readMs + status.facts.indexMs : null,
          changes: status.changes,
          bytes: status.bytes,
        },
      };
    },
  );

  const localFile = deps.tiles?.kind === 'pmtiles' ? deps.tiles.file : null;
  app.get(
    TILES_PATH,
    { exposeHeadRoute: false, config: { schemas: tilesRoute } },
    async (request, reply) => sendTiles(request, reply, localFile),
  );
  // Its own HEAD: Fastify's would read the whole range to throw it away.
  app.head(TILES_PATH, { config: { schemas: tilesRoute } }, async (request, reply) =>
    sendTiles(request, reply, localFile),
  );
}
