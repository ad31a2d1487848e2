/**
 * The map view (`#/map`, `#/map/<zoom>/<lat>/<lon>`): MapLibre GL over the offline base
 * layer (Natural Earth land and borders, gazetteer place names) and the operator's
 * street tiles when configured; reports and incidents as the server clusters them for
 * the viewport (≤ its feature cap), each item with its uncertainty circle to scale, a
 * heat layer; layer toggles and a time window; a click zooms into a cluster or opens
 * an item in the side panel. Requests follow the view (debounced, the superseded one
 * aborted). Text over the map is HTML (no glyph server offline): place names and
 * cluster counts, bounded and decluttered.
 */
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n.js';
import { viewportBBox } from './bbox.js';
import { debounce } from './debounce.js';
import { createFeatureLoader, type FeatureLoader } from './feature-loader.js';
import { createLabelOverlay, type LabelOverlay } from './label-overlay.js';
import { nearestCopy } from './labels.js';
import {
  fetchConfig,
  fetchFeatures,
  fetchPlaces,
  isItem,
  MAP_LAYERS,
  type FeatureAnswer,
  type ItemProperties,
  type MapFeature,
  type MapLayerName,
  type PlaceFeature,
} from './map-api.js';
import { clustersOf, layerData } from './map-data.js';
import { buildStyle, CLICKABLE, clusterRadiusPx, ids, type StreetTiles } from './map-style.js';
import { streetTiles } from './street-tiles.js';
import { SelectionPanel } from './SelectionPanel.js';
import { TimeSlider } from './TimeSlider.js';
import { fullWindow, windowIso, type TimeWindow } from './time-window.js';
import { DEFAULT_VIEW, MAX_ZOOM, parseViewHash, viewHash } from './view-hash.js';
import './map.css';

// MapLibre's worker is a file of our own origin (the content policy allows no inline script).
setWorkerUrl(workerUrl);

/** Wait after the map stops moving (or the slider stops) before asking the server. */
const SETTLE_MS = 250;
/** Place names shown at once (the server sends at most its TIPWIRE_MAP_PLACES_MAX). */
const PLACE_LABELS_MAX = 40;
/** Cluster counts shown at once: every cluster of both layers' answers, fewer if they overlap. */
const COUNT_LABELS_MAX = 2000;

type SourceData = Parameters<GeoJSONSource['setData']>[0];
type Shown = Record<MapLayerName | 'heat', boolean>;
type LayerStatus = { loading: boolean; error: string | null };
type Selected = { layer: MapLayerName; feature: MapFeature<ItemProperties> };

const noAnswers: Record<MapLayerName, FeatureAnswer | null> = { reports: null, incidents: null };
const idle: Record<MapLayerName, LayerStatus> = {
  reports: { loading: false, error: null },
  incidents: { loading: false, error: null },
};

const message = (err: unknown) => String((err as Error)?.message ?? err);

export default function MapView() {
  const { t, i18n } = useTranslation('map');
  const lng: Language = i18n.language === 'zh' ? 'zh' : 'en';
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  /** What the map's own handlers read: the latest state, not the first render's. */
  const latest = useRef<{
    shown: Shown;
    window: TimeWindow;
    answers: Record<MapLayerName, FeatureAnswer | null>;
    request: () => void;
  }>(null!);
  const loader = useRef<FeatureLoader | null>(null);
  const overlays = useRef<{ places: LabelOverlay; counts: LabelOverlay } | null>(null);
  const placesRequest = useRef<AbortController | null>(null);

  const [street, setStreet] = useState<StreetTiles | null | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown>({ reports: true, incidents: true, heat: false });
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(() => fullWindow(30));
  const [now, setNow] = useState(() => Date.now());
  const [answers, setAnswers] = useState(noAnswers);
  const [status, setStatus] = useState(idle);
  const [places, setPlaces] = useState<PlaceFeature[]>([]);
  const [selected, setSelected] = useState<Selected | null>(null);

  /** Asks for every shown layer and the place names, for the view as it is now. */
  function request() {
    const map = mapRef.current;
    if (!map || !loader.current) return;
    const b = map.getBounds();
    const bbox = viewportBBox({
      west: b.getWest(),
      south: b.getSouth(),
      east: b.getEast(),
      north: b.getNorth(),
    });
    const zoom = map.getZoom();
    const clock = Date.now();
    setNow(clock);
    const { shown: s, window: w } = latest.current;
    const observed = windowIso(w, clock);
    for (const layer of MAP_LAYERS) {
      if (s[layer]) loader.current.load(layer, { bbox, zoom, window: observed });
      else {
        loader.current.stop(layer);
        setAnswers((a) => ({ ...a, [layer]: null }));
      }
    }
    placesRequest.current?.abort();
    const controller = new AbortController();
    placesRequest.current = controller;
    fetchPlaces({ bbox, zoom }, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setPlaces(answer.features);
      },
      () => {
        // Place names are a help, not the map: without them the map still works.
        if (!controller.signal.aborted) setPlaces([]);
      },
    );
    // The view into the URL, unless the page has just left the map (a link was followed).
    if (/^#\/?map(\/|$)/.test(window.location.hash)) {
      const c = map.getCenter();
      history.replaceState(history.state, '', viewHash({ zoom, lat: c.lat, lon: c.lng }));
    }
  }
  latest.current = { shown, window: timeWindow, answers, request };

  // The operator's street tiles, if any, before the map is made (its style includes them).
  useEffect(() => {
    const controller = new AbortController();
    fetchConfig(controller.signal)
      .then((config) => streetTiles(config.tiles))
      .then(setStreet, (err: unknown) => {
        if (controller.signal.aborted) return;
        // Without the configuration the offline base layer still works.
        setMapError(message(err));
        setStreet(null);
      });
    return () => controller.abort();
  }, []);

  // The map itself, once.
  useEffect(() => {
    if (street === undefined || !container.current) return;
    const view = parseViewHash(window.location.hash) ?? DEFAULT_VIEW;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: container.current,
        style: buildStyle(street),
        center: [view.lon, view.lat],
        zoom: view.zoom,
        maxZoom: MAX_ZOOM,
        dragRotate: false,
        pitchWithRotate: false,
        attributionControl: { compact: true },
      });
    } catch (err) {
      setFatal(message(err));
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    overlays.current = {
      places: createLabelOverlay(map, {
        className: 'map-places',
        max: PLACE_LABELS_MAX,
        fontPx: 12,
      }),
      counts: createLabelOverlay(map, {
        className: 'map-counts',
        max: COUNT_LABELS_MAX,
        fontPx: 11,
      }),
    };
    loader.current = createFeatureLoader({
      fetch: fetchFeatures,
      onAnswer: (layer, answer) => {
        setAnswers((a) => ({ ...a, [layer]: answer }));
        setStatus((s) => ({ ...s, [layer]: { loading: false, error: null } }));
      },
      onError: (layer, err) =>
        setStatus((s) => ({ ...s, [layer]: { loading: false, error: message(err) } })),
      onLoading: (layer, loading) =>
        setStatus((s) => ({ ...s, [layer]: { loading, error: loading ? null : s[layer].error } })),
      timers: {
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (h) => window.clearTimeout(h as number),
      },
    });
    const settled = debounce(() => latest.current.request(), SETTLE_MS);
    // The first request follows `ready` (the effect below), at once.
    map.on('load', () => setReady(true));
    map.on('moveend', () => {
      overlays.current?.places.refresh();
      overlays.current?.counts.refresh();
      settled();
    });
    // A failed tile or base-layer load: said on the page (MapLibre would log it otherwise).
    map.on('error', (e) => setMapError(message(e.error)));
    const visibleClickable = () =>
      CLICKABLE.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
    map.on('mousemove', (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: visibleClickable() }).length > 0;
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
    map.on('click', (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: visibleClickable() })[0];
      if (!hit) return;
      const layer: MapLayerName = hit.layer.id.startsWith('reports') ? 'reports' : 'incidents';
      const id = String(hit.properties.id);
      // The answer's own feature: the rendered copy loses nulls and types.
      const feature = latest.current.answers[layer]?.features.find((f) => f.id === id);
      if (!feature) return;
      if (!isItem(feature)) {
        const [lon, lat] = feature.geometry.coordinates;
        map.easeTo({
          center: [nearestCopy(lon, map.getCenter().lng), lat],
          zoom: Math.min(MAX_ZOOM, map.getZoom() + 2),
        });
      } else {
        setSelected({ layer, feature });
      }
    });
    // A view typed or pasted into the URL while the map is open: go there.
    const followHash = () => {
      const v = parseViewHash(window.location.hash);
      const c = map.getCenter();
      if (v && viewHash(v) !== viewHash({ zoom: map.getZoom(), lat: c.lat, lon: c.lng }))
        map.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom });
    };
    window.addEventListener('hashchange', followHash);
    return () => {
      window.removeEventListener('hashchange', followHash);
      settled.cancel();
      loader.current?.close();
      loader.current = null;
      placesRequest.current?.abort();
      overlays.current?.places.remove();
      overlays.current?.counts.remove();
      overlays.current = null;
      mapRef.current = null;
      map.remove();
      setReady(false);
    };
  }, [street]);

  // The first request once the map is ready; then layer toggles and the time window
  // ask again (after the slider settles).
  const asked = useRef(false);
  useEffect(() => {
    if (!ready) {
      asked.current = false;
      return;
    }
    const id = window.setTimeout(() => latest.current.request(), asked.current ? SETTLE_MS : 0);
    asked.current = true;
    return () => window.clearTimeout(id);
  }, [ready, shown.reports, shown.incidents, timeWindow]);

  // Answers into the map's sources, cluster counts into their labels.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const layer of MAP_LAYERS) {
      const data = layerData(answers[layer]);
      map.getSource<GeoJSONSource>(ids(layer).points)?.setData(data.points as SourceData);
      map.getSource<GeoJSONSource>(ids(layer).radii)?.setData(data.radii as SourceData);
    }
    // Place names keep clear of every cluster and item drawn (their circles, in pixels).
    overlays.current?.places.avoid(
      MAP_LAYERS.filter((layer) => latest.current.shown[layer]).flatMap((layer) =>
        (answers[layer]?.features ?? []).map((f) => ({
          lon: f.geometry.coordinates[0],
          lat: f.geometry.coordinates[1],
          radiusPx: isItem(f) ? 8 : clusterRadiusPx(f.properties.weight),
        })),
      ),
    );
    overlays.current?.places.refresh();
    const count = new Intl.NumberFormat(lng === 'zh' ? 'zh-CN' : 'en-GB', { notation: 'compact' });
    overlays.current?.counts.set(
      MAP_LAYERS.flatMap((layer) =>
        clustersOf(answers[layer]).map((c) => ({
          key: `${layer}:${c.id}`,
          lon: c.geometry.coordinates[0],
          lat: c.geometry.coordinates[1],
          text: count.format(c.properties.count),
          priority: c.properties.count,
          className: `map-count-${layer}`,
          data: { layer, count: String(c.properties.count) },
        })),
      ),
    );
  }, [ready, answers, lng]);

  // Place names in the page's language.
  useEffect(() => {
    if (!ready) return;
    overlays.current?.places.set(
      places.map((p) => ({
        key: p.id,
        lon: p.geometry.coordinates[0],
        lat: p.geometry.coordinates[1],
        text: lng === 'zh' ? (p.properties.nameZh ?? p.properties.name) : p.properties.name,
        priority: p.properties.population,
        data: { place: p.id },
      })),
    );
  }, [ready, places, lng]);

  // What each toggle shows.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const layer of MAP_LAYERS) {
      const id = ids(layer);
      const on = shown[layer] ? 'visible' : 'none';
      for (const l of [id.radiusFill, id.radiusLine, id.clusters, id.items, id.selected])
        map.setLayoutProperty(l, 'visibility', on);
      map.setLayoutProperty(id.heat, 'visibility', shown[layer] && shown.heat ? 'visible' : 'none');
    }
  }, [ready, shown]);

  // The selected item's ring.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const layer of MAP_LAYERS) {
      const id = selected?.layer === layer ? selected.feature.id : '';
      map.setFilter(ids(layer).selected, [
        'all',
        ['==', ['get', 'cluster'], false],
        ['==', ['get', 'id'], id],
      ]);
    }
  }, [ready, selected]);

  const toggle = (key: keyof Shown) => (
    <label className="map-toggle" key={key}>
      <input
        type="checkbox"
        data-testid={`layer-${key}`}
        checked={shown[key]}
        onChange={(e) => setShown((s) => ({ ...s, [key]: e.target.checked }))}
      />{' '}
      <span className={`map-swatch map-swatch-${key}`} aria-hidden="true" />
      {t(`layers.${key}`)}
    </label>
  );

  return (
    <section className="map-view" aria-labelledby="map-title" data-testid="map-view">
      <h1 id="map-title" className="visually-hidden">
        {t('title')}
      </h1>
      <div className="map-toolbar">
        <fieldset className="map-layers">
          <legend>{t('layers.title')}</legend>
          {toggle('reports')}
          {toggle('incidents')}
          {toggle('heat')}
        </fieldset>
        <TimeSlider value={timeWindow} now={now} onChange={setTimeWindow} />
      </div>
      <div className="map-status">
        {MAP_LAYERS.filter((l) => shown[l]).map((layer) => {
          const s = status[layer];
          const a = answers[layer];
          const name = t(`layers.${layer}`);
          return (
            <span key={layer} role="status" data-testid={`map-status-${layer}`}>
              {s.error !== null
                ? t('status.failed', { layer: name, message: s.error })
                : s.loading || !a
                  ? `${name}: ${t('status.loading')}`
                  : t('status.shown', { layer: name, features: a.features.length, total: a.total })}
              {!s.error && a?.truncated ? ` ${t('status.truncated')}` : ''}
            </span>
          );
        })}
        {mapError !== null && (
          <span role="alert" className="map-error">
            {mapError}
          </span>
        )}
      </div>
      <div className="map-body">
        {fatal !== null ? (
          <p role="alert">{t('status.noWebgl', { message: fatal })}</p>
        ) : (
          <div ref={container} className="map-canvas" data-testid="map" data-ready={ready} />
        )}
        {selected && (
          <SelectionPanel
            key={`${selected.layer}:${selected.feature.id}`}
            feature={selected.feature}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <p className="map-legend muted">
        {t('legend.cluster')} · {t('legend.radius')}
      </p>
    </section>
  );
}
