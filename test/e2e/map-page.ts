/** Where things are on the map page: its view from the URL, and a click where a point is drawn. */
import type { Page } from 'playwright-core';

/** Web mercator x, y of a point in pixels of a 512-pixel-tile world at `zoom`. */
export const world = (p: { lat: number; lon: number }, zoom: number) => {
  const size = 512 * 2 ** zoom;
  const phi = (p.lat * Math.PI) / 180;
  return {
    x: ((p.lon + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size,
  };
};

/** The map's view as its URL says. */
export async function viewOf(page: Page) {
  const [zoom, lat, lon] = (await page.evaluate(() => location.hash))
    .replace('#/map/', '')
    .split('/')
    .map(Number) as [number, number, number];
  return { zoom, lat, lon };
}

/** Clicks the map where a point is drawn. */
export async function clickAt(page: Page, point: { lat: number; lon: number }) {
  const view = await viewOf(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  const c = world(view, view.zoom);
  const p = world(point, view.zoom);
  await page.mouse.click(box.x + box.width / 2 + (p.x - c.x), box.y + box.height / 2 + (p.y - c.y));
}
