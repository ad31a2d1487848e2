import { describe, expect, it } from 'vitest';
import { seenFromAfar } from './seen-from-afar.js';

describe('seenFromAfar', () => {
  // Written in other words than the scenario generators': each reader of the pattern once.
  const afar = [
    'Thick smoke in the distance, maybe from the refinery',
    'A big orange glow on the horizon',
    'I could see the flames from afar',
    'Sirens and smoke, it looks far away from here',
    'There is a fire way off, past the stadium',
    'A drone hovering two streets away',
    'Sounded like an explosion 3 km away',
    'Flames about half a mile off',
    'Black smoke a couple of blocks east of my building',
    'Something burning several hundred metres south of where we are',
    'Heard shots one block from here',
    'Smoke rising somewhere north-west of us',
    'Some kind of blast off to the east',
    'A column of smoke to the south of my flat',
    '远处有一股黑烟',
    '远远地看到那边起火了',
    '离我们很远，但是火光很亮',
    '两条街外好像爆炸了',
    '东边三公里外冒黑烟',
    '几个路口外有无人机',
    '我这边往南一点着火了',
    '我家往东那边有烟',
    '天边一片红光',
  ];
  it.each(afar)('reads %j as seen from afar', (text) => {
    expect(seenFromAfar(text)).toBe(true);
  });

  const near = [
    'Fire in the kitchen of the flat below mine',
    'The warehouse is not far away from the station',
    "It isn't far off the main road",
    'I ran two streets to get away from the smoke',
    'A man photographing the gate',
    'Smoke coming from the north gate of the park',
    'East of the market, by the bank',
    'My neighbour called from the west wing',
    'Two men got in the van and drove off north',
    '不远处有人打架',
    '就在不太远的地方',
    '离这里不是很远',
    '我往北跑了两步',
    '北门有人在拍照',
    '楼下着火了',
  ];
  it.each(near)('does not read %j as seen from afar', (text) => {
    expect(seenFromAfar(text)).toBe(false);
  });

  it('reads full-width and traditional forms the same way', () => {
    expect(seenFromAfar('遠處有煙')).toBe(true);
    expect(seenFromAfar('北邊兩條街外有人開槍')).toBe(true);
    expect(seenFromAfar('ＩＮ ＴＨＥ ＤＩＳＴＡＮＣＥ, SMOKE')).toBe(true);
  });
});
