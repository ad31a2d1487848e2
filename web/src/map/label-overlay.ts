/**
 * Text over the map as plain HTML (place names, cluster counts): one absolutely
 * placed box over the canvas, one element per shown label, moved with the map on
 * every frame (by `transform`, which the page's style policy allows from script).
 * Which labels show is decided on `set` (after each answer) by labels.ts's declutter,
 * at most `max`, so the DOM stays bounded. Text is set as text, never as markup.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { declutter, labelWidth, nearestCopy } from './labels.js';

export interface Label {
  key: string;
  lon: number;
  lat: number;
  text: string;
  priority: number;
  /** Extra class (e.g. the layer's colour). */
  className?: string;
  /** Extra attributes for tests and assistive technology. */
  data?: Record<string, string>;
}

/** Something the map draws that labels must not cover: a point and its radius in pixels. */
export interface Obstacle {
  lon: number;
  lat: number;
  radiusPx: number;
}

export interface LabelOverlay {
  set(labels: readonly Label[]): void;
  /** What labels keep clear of (applied at the next `set` or `refresh`). */
  avoid(obstacles: readonly Obstacle[]): void;
  /** Declutters the last labels again for the current view (after a move ends). */
  refresh(): void;
  remove(): void;
}

export function createLabelOverlay(
  map: MapLibreMap,
  options: { className: string; max: number; fontPx: number; offsetY?: number },
): LabelOverlay {
  const root = document.createElement('div');
  root.className = `map-labels ${options.className}`;
  root.setAttribute('aria-hidden', 'true');
  map.getContainer().appendChild(root);
  let labels: readonly Label[] = [];
  let obstacles: readonly Obstacle[] = [];
  let shown: { label: Label; el: HTMLElement }[] = [];
  const elements = new Map<string, HTMLElement>();
  const height = options.fontPx + 6;
  const offsetY = options.offsetY ?? 0;

  const screenOf = (at: { lon: number; lat: number }, dy = offsetY) => {
    const centre = map.getCenter().lng;
    const p = map.project([nearestCopy(at.lon, centre), at.lat]);
    return { x: p.x, y: p.y + dy };
  };

  function position() {
    for (const { label, el } of shown) {
      const { x, y } = screenOf(label);
      el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px) translate(-50%, -50%)`;
    }
  }

  function layout() {
    const canvas = map.getCanvas();
    const screen = { width: canvas.clientWidth, height: canvas.clientHeight };
    const boxes = labels.map((label) => ({
      label,
      ...screenOf(label),
      width: labelWidth(label.text, options.fontPx),
      height,
      priority: label.priority,
    }));
    const blocked = obstacles.map((o) => ({
      ...screenOf(o, 0),
      width: 2 * o.radiusPx,
      height: 2 * o.radiusPx,
    }));
    const keep = declutter(boxes, screen, options.max, blocked);
    const next = new Map(keep.map((b) => [b.label.key, b.label]));
    for (const [key, el] of elements) {
      if (!next.has(key)) {
        el.remove();
        elements.delete(key);
      }
    }
    shown = keep.map(({ label }) => {
      let el = elements.get(label.key);
      if (!el) {
        el = document.createElement('div');
        elements.set(label.key, el);
        root.appendChild(el);
      }
      el.className = `map-label${label.className ? ` ${label.className}` : ''}`;
      el.textContent = label.text;
      for (const [k, v] of Object.entries(label.data ?? {})) el.setAttribute(`data-${k}`, v);
      return { label, el };
    });
    position();
  }

  map.on('move', position);
  map.on('resize', layout);

  return {
    set(next) {
      labels = next;
      layout();
    },
    avoid(next) {
      obstacles = next;
    },
    refresh: layout,
    remove() {
      map.off('move', position);
      map.off('resize', layout);
      root.remove();
      elements.clear();
      shown = [];
    },
  };
}
