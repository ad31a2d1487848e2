import { describe, expect, it } from 'vitest';
import { declutter, labelWidth, nearestCopy, type LabelBox } from './labels.js';

describe('nearestCopy', () => {
  it('draws a point just east of the antimeridian right of a view centred west of it', () => {
    expect(nearestCopy(-179, 179)).toBe(181);
    expect(nearestCopy(179, -179)).toBe(-181);
  });

  it('leaves a point in the view’s own world alone', () => {
    expect(nearestCopy(10, 0)).toBe(10);
    expect(nearestCopy(-170, 0)).toBe(-170);
  });

  it('follows a view panned several worlds round', () => {
    expect(nearestCopy(10, 725)).toBe(730);
    expect(nearestCopy(10, -715)).toBe(-710);
  });

  it('keeps a point exactly half a world away where it is', () => {
    expect(nearestCopy(180, 0)).toBe(180);
  });
});

describe('labelWidth', () => {
  it('gives a Chinese character a whole em and a Latin letter less', () => {
    expect(labelWidth('北京', 12)).toBe(28);
    expect(labelWidth('Xian', 12)).toBe(33);
    expect(labelWidth('', 12)).toBe(4);
  });

  it('counts a character outside the basic plane once', () => {
    expect(labelWidth('𠀋', 10)).toBe(labelWidth('a', 10));
  });
});

const box = (x: number, y: number, priority: number, width = 40, height = 14): LabelBox => ({
  x,
  y,
  width,
  height,
  priority,
});

describe('declutter', () => {
  const screen = { width: 800, height: 600 };

  it('keeps the more important of two overlapping labels', () => {
    const small = box(100, 100, 10);
    const big = box(110, 105, 1000);
    expect(declutter([small, big], screen, 10)).toEqual([big]);
  });

  it('keeps labels that only touch', () => {
    const a = box(100, 100, 2);
    const b = box(140, 100, 1);
    expect(declutter([a, b], screen, 10)).toEqual([a, b]);
  });

  it('drops labels wholly off screen and keeps one half on it', () => {
    const off = box(-30, 100, 5);
    const half = box(-10, 100, 4);
    const below = box(100, 620, 3);
    expect(declutter([off, half, below], screen, 10)).toEqual([half]);
  });

  it('stops at max, most important first', () => {
    const labels = [box(100, 100, 1), box(300, 100, 3), box(500, 100, 2)];
    expect(declutter(labels, screen, 2).map((l) => l.priority)).toEqual([3, 2]);
  });

  it('keeps the first of equal priorities', () => {
    const a = box(100, 100, 1);
    const b = box(105, 100, 1);
    expect(declutter([a, b], screen, 10)).toEqual([a]);
  });

  it('keeps labels off what the map draws (blocked boxes), and beside it', () => {
    const onCluster = box(100, 100, 9);
    const beside = box(200, 100, 1);
    const cluster = { x: 105, y: 102, width: 24, height: 24 };
    expect(declutter([onCluster, beside], screen, 10, [cluster])).toEqual([beside]);
  });

  it('shows nothing when max is 0', () => {
    expect(declutter([box(1, 1, 1)], screen, 0)).toEqual([]);
  });
});
