#!/usr/bin/env node
// Kept as its author wrote it (a blind check): its phrase tables take arguments they do
// not all use, and a few counters are kept for reading while debugging.
/* eslint-disable @typescript-eslint/no-unused-vars, @typescript-eslint/no-unused-expressions */
/* global structuredClone */
// Blind scenario generator for tipwire's correlator (written without reading
// bench/scenario/, src/correlate/ or BENCHMARKS.md). Seeded, no dependencies.
//
//   node bench/blind-scenario/generate.mjs --seed 1 --reports 5500 --out DIR
//
// Writes DIR/reports.jsonl (tipwire bulk-import lines) and DIR/truth.json:
//   { meta, reports: { [externalId]: {event, source, role, sub, kind, lang, ...} }, events: {...} }
// event is null for noise (each noise report is its own singleton).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// ---------------------------------------------------------------- args / PRNG
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--'))
      acc.push([a.slice(2), all[i + 1]?.startsWith('--') ? 'true' : (all[i + 1] ?? 'true')]);
    return acc;
  }, []),
);
const SEED = Number(args.seed ?? 1);
const TARGET = Number(args.reports ?? 5600);
const OUT = args.out ?? '.';

function sfc32(a, b, c, d) {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rnd = sfc32(0x9e3779b9, 0x243f6a88 ^ SEED, 0xb7e15162 + SEED * 7919, SEED ^ 0x5bd1e995);
for (let i = 0; i < 20; i++) rnd();
const U = (a, b) => a + (b - a) * rnd();
const I = (a, b) => Math.floor(U(a, b + 1));
const chance = (p) => rnd() < p;
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
function wpick(pairs) {
  const tot = pairs.reduce((s, p) => s + p[1], 0);
  let r = rnd() * tot;
  for (const [v, w] of pairs) if ((r -= w) <= 0) return v;
  return pairs[pairs.length - 1][0];
}
function gauss() {
  let u = 0;
  while (u === 0) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}
const lognorm = (median, sigma) => median * Math.exp(sigma * gauss());

// ---------------------------------------------------------------- geography: Chengdu
const M_PER_DEG_LAT = 111_320;
const mPerDegLon = (lat) => 111_320 * Math.cos((lat * Math.PI) / 180);
function offset(p, dxM, dyM) {
  return { lat: p.lat + dyM / M_PER_DEG_LAT, lon: p.lon + dxM / mPerDegLon(p.lat) };
}
function dist(a, b) {
  const dx = (a.lon - b.lon) * mPerDegLon((a.lat + b.lat) / 2);
  const dy = (a.lat - b.lat) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}
// a point whose error is 2-D normal with 68 % of draws inside `acc` metres
function noisy(p, acc) {
  const s = acc / 1.51;
  return offset(p, gauss() * s, gauss() * s);
}
function inDisc(p, r) {
  const a = rnd() * 2 * Math.PI;
  const d = r * Math.sqrt(rnd());
  return offset(p, Math.cos(a) * d, Math.sin(a) * d);
}

const DISTRICTS = [
  { en: 'Jinjiang', zh: '锦江区', lat: 30.648, lon: 104.092, r: 3500, w: 12 },
  { en: 'Qingyang', zh: '青羊区', lat: 30.672, lon: 104.04, r: 3500, w: 12 },
  { en: 'Jinniu', zh: '金牛区', lat: 30.708, lon: 104.045, r: 4000, w: 11 },
  { en: 'Wuhou', zh: '武侯区', lat: 30.628, lon: 104.035, r: 4000, w: 12 },
  { en: 'Chenghua', zh: '成华区', lat: 30.68, lon: 104.112, r: 4000, w: 11 },
  { en: 'Gaoxin', zh: '高新区', lat: 30.575, lon: 104.062, r: 4500, w: 10 },
  { en: 'Tianfu New Area', zh: '天府新区', lat: 30.49, lon: 104.075, r: 6000, w: 5 },
  { en: 'Shuangliu', zh: '双流区', lat: 30.574, lon: 103.925, r: 5000, w: 6 },
  { en: 'Longquanyi', zh: '龙泉驿区', lat: 30.56, lon: 104.262, r: 5000, w: 5 },
  { en: 'Xindu', zh: '新都区', lat: 30.823, lon: 104.158, r: 5000, w: 5 },
  { en: 'Wenjiang', zh: '温江区', lat: 30.685, lon: 103.855, r: 4500, w: 5 },
  { en: 'Pidu', zh: '郫都区', lat: 30.796, lon: 103.89, r: 4500, w: 4 },
];
const LANDMARKS = [
  { en: 'Chunxi Road', zh: '春熙路', lat: 30.6552, lon: 104.0795 },
  { en: 'Tianfu Square', zh: '天府广场', lat: 30.6572, lon: 104.0658 },
  { en: 'Kuanzhai Alley', zh: '宽窄巷子', lat: 30.6636, lon: 104.0541 },
  { en: 'Jinli Street', zh: '锦里', lat: 30.6461, lon: 104.0479 },
  { en: 'Chengdu East station', zh: '成都东站', lat: 30.6291, lon: 104.1414 },
  { en: 'the North railway station', zh: '火车北站', lat: 30.6968, lon: 104.0733 },
  { en: 'Sichuan University', zh: '四川大学', lat: 30.6322, lon: 104.0838 },
  { en: 'the Global Center', zh: '环球中心', lat: 30.5693, lon: 104.0641 },
  { en: 'Taikoo Li', zh: '太古里', lat: 30.6545, lon: 104.0835 },
  { en: "People's Park", zh: '人民公园', lat: 30.6582, lon: 104.0561 },
  { en: 'Jiuyanqiao bridge', zh: '九眼桥', lat: 30.6405, lon: 104.0886 },
  { en: 'the Financial City', zh: '金融城', lat: 30.5786, lon: 104.0689 },
  { en: 'Wenshu Monastery', zh: '文殊院', lat: 30.6752, lon: 104.0731 },
  { en: 'the Panda Base', zh: '熊猫基地', lat: 30.7336, lon: 104.1462 },
  { en: 'Jianshe Road', zh: '建设路', lat: 30.6712, lon: 104.1012 },
  { en: 'Yulin', zh: '玉林', lat: 30.6288, lon: 104.0542 },
];
const SITES = [
  {
    en: 'the army compound near Xinhua Park',
    zh: '新华公园附近的部队大院',
    lat: 30.6706,
    lon: 104.1066,
  },
  {
    en: 'the military area by the airport fence',
    zh: '机场围栏边的部队营区',
    lat: 30.5655,
    lon: 103.9512,
  },
  { en: 'the Pidu power substation', zh: '郫都变电站', lat: 30.7888, lon: 103.9032 },
  {
    en: 'the government compound on Tianfu Avenue',
    zh: '天府大道边的政府大院',
    lat: 30.5512,
    lon: 104.0702,
  },
];
const SPOTS_EN = [
  'outside a hotpot restaurant',
  'at the crossroads by the metro exit',
  'in front of a convenience store',
  'by the entrance of a residential compound',
  'next to the bus stop',
  'under the overpass',
  'in the car park of a supermarket',
  'on the pedestrian street',
  'near the school gate',
  'behind the wet market',
  'along the riverside path',
  'at a petrol station',
];
const SPOTS_ZH = [
  '一家火锅店门口',
  '地铁口旁边的路口',
  '便利店门前',
  '小区大门口',
  '公交站旁边',
  '高架桥下面',
  '超市停车场',
  '步行街上',
  '学校门口附近',
  '菜市场后面',
  '河边步道',
  '加油站',
];

// ---------------------------------------------------------------- time
const TZ_MS = 8 * 3600e3; // Asia/Shanghai, no DST
const T0 = Date.parse('2026-11-16T00:00:00+08:00');
const DAYS = 5;
const localIso = (ms) => new Date(ms + TZ_MS).toISOString().slice(0, 19);
const localParts = (ms) => {
  const d = new Date(ms + TZ_MS);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
  };
};
const localDay = (ms) => Math.floor((ms + TZ_MS) / 86400e3);
// diurnal: more in the day and evening
function eventStart() {
  for (;;) {
    const t = T0 + rnd() * DAYS * 86400e3;
    const h = localParts(t).h;
    const w = h < 6 ? 0.25 : h < 8 ? 0.6 : h < 23 ? 1 : 0.55;
    if (rnd() < w) return t;
  }
}
const roundTo = (ms, stepMin) => Math.round(ms / (stepMin * 60e3)) * stepMin * 60e3;

// ---------------------------------------------------------------- kinds
// extent: radius (m) of where the thing is; dur: minutes; seen: radius from which it is
// noticed (witnesses may report their own position); size: median witnesses
const KINDS = {
  fire: { ext: 60, dur: [40, 200], seen: 1200, size: 4, cat: ['fire', '火灾', 'Fire'] },
  crash: {
    ext: 30,
    dur: [20, 120],
    seen: 80,
    size: 2.5,
    cat: ['traffic accident', '交通事故', 'traffic', 'road'],
  },
  fight: {
    ext: 30,
    dur: [8, 40],
    seen: 80,
    size: 2,
    cat: ['fight', 'assault', '打架', 'public order'],
  },
  package: {
    ext: 15,
    dur: [30, 180],
    seen: 40,
    size: 2,
    cat: ['suspicious item', 'suspicious package', '可疑物品'],
  },
  drone: { ext: 500, dur: [10, 60], seen: 1200, size: 3, cat: ['drone', '无人机', 'UAV'] },
  gas: { ext: 120, dur: [60, 300], seen: 150, size: 2.5, cat: ['gas leak', '燃气泄漏', 'gas'] },
  flood: {
    ext: 700,
    dur: [180, 720],
    seen: 200,
    size: 5,
    cat: ['flood', '内涝', 'flooding', 'water'],
  },
  shooting: { ext: 40, dur: [3, 15], seen: 1000, size: 3, cat: ['gunshots', 'shooting', '枪声'] },
  photo_base: {
    ext: 120,
    dur: [15, 90],
    seen: 60,
    size: 1.6,
    cat: ['surveillance', 'suspicious person', '可疑人员', 'espionage'],
  },
  explosion: { ext: 40, dur: [5, 60], seen: 2500, size: 6, cat: ['explosion', '爆炸'] },
  vehicle: {
    ext: 80,
    dur: [60, 360],
    seen: 60,
    size: 1.6,
    cat: ['suspicious vehicle', '可疑车辆'],
  },
  medical: { ext: 15, dur: [15, 45], seen: 30, size: 1.6, cat: ['medical', '急救', 'emergency'] },
  crowd: {
    ext: 250,
    dur: [60, 240],
    seen: 300,
    size: 3.5,
    cat: ['crowd', 'protest', '聚集', 'public order'],
  },
  robbery: {
    ext: 50,
    dur: [3, 25],
    seen: 60,
    size: 1.5,
    cat: ['robbery', 'theft', '抢劫', '盗窃'],
  },
};
const KIND_W = [
  ['fire', 10],
  ['crash', 16],
  ['fight', 9],
  ['package', 6],
  ['drone', 7],
  ['gas', 6],
  ['flood', 3],
  ['shooting', 3],
  ['photo_base', 5],
  ['explosion', 2],
  ['vehicle', 6],
  ['medical', 8],
  ['crowd', 4],
  ['robbery', 8],
];

// ---------------------------------------------------------------- narratives
const cnNum = (n) => {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
};
function placeEn(e, w) {
  if (w.distant)
    return pick([
      `somewhere ${e.dirEn} of me`,
      `a few blocks ${e.dirEn} of where I am`,
      `in the distance, to the ${e.dirEn}`,
    ]);
  if (e.site && chance(0.7)) return e.site.en;
  if (e.landmark && chance(0.6))
    return pick([
      `near ${e.landmark.en}`,
      `by ${e.landmark.en}`,
      `close to ${e.landmark.en}`,
      `just off ${e.landmark.en}`,
    ]);
  return pick([
    e.spot.en,
    `${e.spot.en} in ${e.district.en}`,
    `in ${e.district.en}, ${e.spot.en}`,
    'on my street',
    'right outside my building',
  ]);
}
function placeZh(e, w) {
  if (w.distant)
    return pick([`我这边往${e.dirZh}一点`, `${e.dirZh}边几个路口外`, `远处${e.dirZh}方向`]);
  if (e.site && chance(0.7)) return e.site.zh;
  if (e.landmark && chance(0.6))
    return pick([`${e.landmark.zh}附近`, `${e.landmark.zh}旁边`, `${e.landmark.zh}这边`]);
  return pick([e.spot.zh, `${e.district.zh}${e.spot.zh}`, '我家楼下', '我们小区外面']);
}

const N = {
  fire: {
    en: [
      (e, w) =>
        `There's a fire ${placeEn(e, w)}. Thick ${e.d.smoke} smoke coming out of the ${e.d.floor}th floor windows.`,
      (e, w) =>
        `I can see flames ${placeEn(e, w)}, looks like a ${e.d.bldg} is burning. Please send fire engines.`,
      (e, w) => `Smoke everywhere ${placeEn(e, w)}! people are running out of the ${e.d.bldg}`,
      (e, w) =>
        `Big ${e.d.smoke} smoke column ${placeEn(e, w)}, I think something caught fire. Can smell burning plastic.`,
      (e, w) => `A ${e.d.bldg} ${placeEn(e, w)} is on fire, flames on about floor ${e.d.floor}.`,
      (e, w) => `hello, burning smell and orange glow ${placeEn(e, w)}, fire alarm going off`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}着火了，${e.d.floor}楼窗户往外冒${e.d.smokeZh}烟`,
      (e, w) => `${placeZh(e, w)}的${e.d.bldgZh}起火了，火很大，快来人！`,
      (e, w) => `我看到${placeZh(e, w)}有很浓的${e.d.smokeZh}烟，好像是失火了`,
      (e, w) => `${placeZh(e, w)}有明火，闻到一股烧塑料的味道，大家都在往外跑`,
      (e, w) => `报警：${placeZh(e, w)}一栋${e.d.bldgZh}冒烟起火，大概在${e.d.floor}层`,
    ],
  },
  crash: {
    en: [
      (e, w) =>
        `Car accident ${placeEn(e, w)}: a ${e.d.v1} hit a ${e.d.v2}. ${e.d.hurt ? 'Someone is lying on the road.' : 'Nobody seems badly hurt.'}`,
      (e, w) =>
        `Collision between a ${e.d.v1} and a ${e.d.v2} ${placeEn(e, w)}, traffic is backed up.`,
      (e, w) =>
        `Just saw a ${e.d.v2} get knocked over by a ${e.d.v1} ${placeEn(e, w)}${e.d.hurt ? ', the rider is bleeding' : ''}`,
      (e, w) =>
        `Crash ${placeEn(e, w)}. Two vehicles, glass all over the road, need police to direct traffic`,
      (e, w) => `road accident ${placeEn(e, w)} - ${e.d.v1} vs ${e.d.v2}, ambulance needed?`,
    ],
    zh: [
      (e, w) =>
        `${placeZh(e, w)}出车祸了，一辆${e.d.v1Zh}撞了${e.d.v2Zh}${e.d.hurt ? '，有人躺在地上' : ''}`,
      (e, w) => `${placeZh(e, w)}发生交通事故，${e.d.v1Zh}和${e.d.v2Zh}相撞，路堵死了`,
      (e, w) =>
        `刚刚${placeZh(e, w)}${e.d.v2Zh}被${e.d.v1Zh}撞倒${e.d.hurt ? '，骑车的人流了很多血' : ''}，请派交警`,
      (e, w) => `${placeZh(e, w)}两车追尾，满地玻璃渣`,
    ],
  },
  fight: {
    en: [
      (e, w) =>
        `A group of about ${e.d.n} men are fighting ${placeEn(e, w)}${e.d.weapon ? `, one has a ${e.d.weapon}` : ''}.`,
      (e, w) =>
        `Brawl ${placeEn(e, w)}, people punching each other and shouting, it's getting ugly`,
      (e, w) => `Two guys beating up another man ${placeEn(e, w)}. Please send police fast.`,
      (e, w) =>
        `Fight broke out ${placeEn(e, w)}${e.d.weapon ? `, someone swinging a ${e.d.weapon}` : ''}, a woman is screaming`,
    ],
    zh: [
      (e, w) =>
        `${placeZh(e, w)}有${cnNum(e.d.n)}个人在打架${e.d.weapon ? `，有人拿着${e.d.weaponZh}` : ''}`,
      (e, w) => `${placeZh(e, w)}一群人打起来了，场面很乱，快报警`,
      (e, w) => `有人在${placeZh(e, w)}殴打一个男的，已经见血了`,
      (e, w) => `${placeZh(e, w)}发生斗殴，大概${e.d.n}个人，有人喊救命`,
    ],
  },
  package: {
    en: [
      (e, w) =>
        `Unattended ${e.d.item} left ${placeEn(e, w)} for over half an hour, nobody claims it.`,
      (e, w) =>
        `Suspicious ${e.d.item} ${placeEn(e, w)}, it has wires sticking out?? people keeping away`,
      (e, w) =>
        `Someone dropped a ${e.d.item} ${placeEn(e, w)} and walked off quickly. Looks suspicious to me.`,
      (e, w) =>
        `There is an abandoned ${e.d.item} ${placeEn(e, w)}, security guard says don't touch it.`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}有一个${e.d.itemZh}放了半个多小时没人拿，很可疑`,
      (e, w) => `${placeZh(e, w)}发现可疑${e.d.itemZh}，好像有电线露出来`,
      (e, w) => `有个人把${e.d.itemZh}丢在${placeZh(e, w)}就匆匆走了`,
      (e, w) => `${placeZh(e, w)}有无人看管的${e.d.itemZh}，保安让大家别靠近`,
    ],
  },
  drone: {
    en: [
      (e, w) =>
        `Drone hovering over ${e.site ? e.site.en : placeEn(e, w)}, ${e.d.n > 1 ? `${e.d.n} of them` : 'just one'}, blinking red light.`,
      (e, w) =>
        `I see a small drone circling ${placeEn(e, w)} at low altitude, been there a while.`,
      (e, w) => `UAV flying back and forth above ${placeEn(e, w)}. Is this allowed?`,
      (e, w) => `There's a quadcopter buzzing ${placeEn(e, w)} and it seems to be filming.`,
    ],
    zh: [
      (e, w) =>
        `${e.site ? e.site.zh : placeZh(e, w)}上空有${e.d.n > 1 ? cnNum(e.d.n) + '架' : '一架'}无人机在盘旋`,
      (e, w) => `${placeZh(e, w)}有架小飞机飞得很低，一闪一闪的红灯，像是在拍照`,
      (e, w) => `看到${placeZh(e, w)}上面有无人机来回飞，飞了好久了`,
      (e, w) => `${placeZh(e, w)}有航拍器在转圈，不知道是谁放的`,
    ],
  },
  gas: {
    en: [
      (e, w) => `Strong smell of gas ${e.d.where} ${placeEn(e, w)}, neighbours are worried.`,
      (e, w) => `Gas leak? Rotten egg smell ${placeEn(e, w)}, getting stronger.`,
      (e, w) =>
        `It smells like gas ${e.d.where}, ${placeEn(e, w)}. I can hear hissing from a pipe.`,
      (e, w) =>
        `Possible gas leak ${placeEn(e, w)} - the whole ${e.d.where.replace(/^in the |^at the |^near the /, '')} stinks`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}${e.d.whereZh}一股很重的煤气味`,
      (e, w) => `${placeZh(e, w)}好像燃气泄漏了，味道越来越大`,
      (e, w) => `${e.d.whereZh}闻到天然气味道，还有管子嘶嘶的声音，在${placeZh(e, w)}`,
      (e, w) => `疑似漏气！${placeZh(e, w)}，邻居们都出来了`,
    ],
  },
  flood: {
    en: [
      (e, w) => `Street flooded ${placeEn(e, w)}, water is ${e.d.depth} deep and rising.`,
      (e, w) => `Water main burst? The road ${placeEn(e, w)} is a river now, cars stuck.`,
      (e, w) => `Flooding ${placeEn(e, w)}. ${e.d.depth} of water, the underpass is closed.`,
      (e, w) => `Waterlogging ${placeEn(e, w)} after the rain, shops are getting water inside`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}积水很深，已经到${e.d.depthZh}了`,
      (e, w) => `${placeZh(e, w)}淹了，车子都熄火在水里`,
      (e, w) => `${placeZh(e, w)}水管爆了？整条路都是水`,
      (e, w) => `${placeZh(e, w)}内涝严重，下穿隧道封了，商铺进水`,
    ],
  },
  shooting: {
    en: [
      (e, w) => `Heard ${e.d.n} gunshots ${placeEn(e, w)}, sounded very close.`,
      (e, w) => `Bang bang bang - I think someone fired a gun ${placeEn(e, w)}. People ducking.`,
      (e, w) => `Shots fired ${placeEn(e, w)}? ${e.d.n} loud cracks, not fireworks.`,
      (e, w) => `Loud popping like gunfire ${placeEn(e, w)}, then a car sped away`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}听到${cnNum(e.d.n)}声枪响`,
      (e, w) => `${placeZh(e, w)}好像有人开枪，砰砰几声，大家都趴下了`,
      (e, w) => `刚才${placeZh(e, w)}传来几声像枪声的巨响，不像鞭炮`,
    ],
  },
  photo_base: {
    en: [
      (e, w) => `A ${e.d.who} is taking photos of ${e.site.en} with ${e.d.device}.`,
      (e, w) =>
        `Someone keeps photographing the gate of ${e.site.en}, ${e.d.who}, very suspicious.`,
      (e, w) => `${e.d.who} filming the guards at ${e.site.en}, left when I looked at him`,
      (e, w) =>
        `Spotted a ${e.d.who} with ${e.d.device} pointed at ${e.site.en} for about 20 minutes`,
    ],
    zh: [
      (e, w) => `有个${e.d.whoZh}拿着${e.d.deviceZh}在拍${e.site.zh}`,
      (e, w) => `${e.site.zh}门口有人一直在拍照，${e.d.whoZh}，很可疑`,
      (e, w) => `发现${e.d.whoZh}在${e.site.zh}外面偷拍，看到我就走了`,
      (e, w) => `${e.site.zh}附近有可疑人员拍摄营区，用的是${e.d.deviceZh}`,
    ],
  },
  explosion: {
    en: [
      (e, w) => `Huge explosion ${placeEn(e, w)}! windows shook, smoke rising`,
      (e, w) => `A loud blast ${placeEn(e, w)}, I think a ${e.d.what} blew up.`,
      (e, w) => `Something exploded ${placeEn(e, w)}, heard a massive boom and car alarms went off`,
      (e, w) => `Explosion at a ${e.d.what} ${placeEn(e, w)}, there are injured people`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}发生爆炸！玻璃都震碎了`,
      (e, w) => `${placeZh(e, w)}一声巨响，好像是${e.d.whatZh}爆了，冒黑烟`,
      (e, w) => `听到${placeZh(e, w)}很大的爆炸声，车的警报全响了`,
      (e, w) => `${placeZh(e, w)}的${e.d.whatZh}爆炸，有人受伤`,
    ],
  },
  vehicle: {
    en: [
      (e, w) => `A ${e.d.car} has been parked ${placeEn(e, w)} for hours with the engine running.`,
      (e, w) => `Suspicious ${e.d.car} ${placeEn(e, w)}, two men inside watching the entrance.`,
      (e, w) => `${e.d.car} ${placeEn(e, w)} keeps circling the block, ${e.d.plates}`,
      (e, w) => `There's a ${e.d.car} sitting ${placeEn(e, w)} since the morning, ${e.d.plates}.`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}停了一辆${e.d.carZh}，好几个小时没熄火`,
      (e, w) => `${placeZh(e, w)}有辆可疑的${e.d.carZh}，车里两个人一直盯着门口`,
      (e, w) => `一辆${e.d.carZh}在${placeZh(e, w)}绕来绕去，${e.d.platesZh}`,
    ],
  },
  medical: {
    en: [
      (e, w) => `An ${e.d.who} collapsed ${placeEn(e, w)} and isn't moving. Need an ambulance.`,
      (e, w) => `${e.d.who} fainted ${placeEn(e, w)}, someone is doing CPR`,
      (e, w) => `Person down ${placeEn(e, w)}, ${e.d.who}, breathing but unconscious`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}有个${e.d.whoZh}晕倒了，叫不醒，快叫救护车`,
      (e, w) => `${e.d.whoZh}在${placeZh(e, w)}突然倒地，有人在做心肺复苏`,
      (e, w) => `${placeZh(e, w)}一个${e.d.whoZh}昏迷了`,
    ],
  },
  crowd: {
    en: [
      (e, w) => `${e.d.size} people gathering ${placeEn(e, w)}, holding banners and shouting.`,
      (e, w) => `Large crowd ${placeEn(e, w)}, blocking the road, police not here yet`,
      (e, w) => `A protest of some kind ${placeEn(e, w)}, ${e.d.size} people, getting tense`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}聚集了${e.d.sizeZh}人，拉横幅喊口号`,
      (e, w) => `${placeZh(e, w)}很多人围在一起，路都堵了`,
      (e, w) => `${placeZh(e, w)}有人群聚集，情绪激动，${e.d.sizeZh}人`,
    ],
  },
  robbery: {
    en: [
      (e, w) => `A man snatched a ${e.d.item} ${placeEn(e, w)} and ran off ${e.d.escape}.`,
      (e, w) =>
        `Robbery ${placeEn(e, w)} - thief grabbed a woman's ${e.d.item}, escaped ${e.d.escape}`,
      (e, w) => `Someone just stole a ${e.d.item} ${placeEn(e, w)}, I saw him go ${e.d.escape}`,
    ],
    zh: [
      (e, w) => `${placeZh(e, w)}有人抢了${e.d.itemZh}，${e.d.escapeZh}跑了`,
      (e, w) => `${placeZh(e, w)}发生抢夺，一个女的${e.d.itemZh}被抢`,
      (e, w) => `刚才在${placeZh(e, w)}看到小偷偷${e.d.itemZh}，${e.d.escapeZh}逃走`,
    ],
  },
};
function details(kind) {
  const d = {};
  switch (kind) {
    case 'fire': {
      const s = pick([
        ['black', '黑'],
        ['grey', '灰'],
        ['white', '白'],
      ]);
      const b = pick([
        ['residential block', '居民楼'],
        ['restaurant', '饭店'],
        ['warehouse', '仓库'],
        ['shop', '商铺'],
        ['office building', '写字楼'],
      ]);
      Object.assign(d, { smoke: s[0], smokeZh: s[1], bldg: b[0], bldgZh: b[1], floor: I(2, 24) });
      break;
    }
    case 'crash': {
      const vs = [
        ['car', '小车'],
        ['taxi', '出租车'],
        ['bus', '公交车'],
        ['truck', '货车'],
        ['delivery scooter', '外卖电瓶车'],
        ['e-bike', '电动车'],
        ['SUV', '越野车'],
      ];
      const a = pick(vs),
        b = pick(vs);
      Object.assign(d, { v1: a[0], v1Zh: a[1], v2: b[0], v2Zh: b[1], hurt: chance(0.5) });
      break;
    }
    case 'fight': {
      const wp = pick([null, null, ['bottle', '酒瓶'], ['stick', '棍子'], ['knife', '刀']]);
      Object.assign(d, { n: I(3, 10), weapon: wp?.[0], weaponZh: wp?.[1] });
      break;
    }
    case 'package': {
      const it = pick([
        ['black backpack', '黑色双肩包'],
        ['suitcase', '行李箱'],
        ['cardboard box', '纸箱'],
        ['plastic bag', '塑料袋'],
      ]);
      Object.assign(d, { item: it[0], itemZh: it[1] });
      break;
    }
    case 'drone':
      d.n = wpick([
        [1, 6],
        [2, 2],
        [3, 1],
      ]);
      break;
    case 'gas': {
      const w = pick([
        ['in the stairwell', '楼道里'],
        ['at the restaurant kitchen', '饭店后厨'],
        ['near the manhole', '井盖旁边'],
        ['in the underground garage', '地下车库'],
      ]);
      Object.assign(d, { where: w[0], whereZh: w[1] });
      break;
    }
    case 'flood': {
      const p = pick([
        ['ankle', '脚踝'],
        ['knee', '膝盖'],
        ['waist', '腰'],
      ]);
      Object.assign(d, { depth: p[0], depthZh: p[1] });
      break;
    }
    case 'shooting':
      d.n = I(2, 8);
      break;
    case 'photo_base': {
      const wh = pick([
        ['man in a grey jacket', '穿灰夹克的男人'],
        ['foreign-looking man', '外国人模样的男子'],
        ['woman with a backpack', '背包的女人'],
        ['couple in a black car', '黑色轿车里的两个人'],
      ]);
      const dv = pick([
        ['a long-lens camera', '长焦相机'],
        ['his phone', '手机'],
        ['a small camera', '小相机'],
      ]);
      Object.assign(d, { who: wh[0], whoZh: wh[1], device: dv[0], deviceZh: dv[1] });
      break;
    }
    case 'explosion': {
      const w = pick([
        ['gas cylinder', '煤气罐'],
        ['restaurant', '饭店'],
        ['transformer', '变压器'],
        ['car', '汽车'],
      ]);
      Object.assign(d, { what: w[0], whatZh: w[1] });
      break;
    }
    case 'vehicle': {
      const c = pick([
        ['white van', '白色面包车'],
        ['black SUV', '黑色越野车'],
        ['silver sedan', '银色轿车'],
      ]);
      const p = pick([
        ['no number plates', '没有挂牌'],
        ['plates covered', '车牌被遮住'],
        ['out-of-town plates', '外地牌照'],
      ]);
      Object.assign(d, { car: c[0], carZh: c[1], plates: p[0], platesZh: p[1] });
      break;
    }
    case 'medical': {
      const w = pick([
        ['elderly man', '老大爷'],
        ['old lady', '老太太'],
        ['young woman', '年轻女子'],
        ['delivery rider', '外卖小哥'],
      ]);
      Object.assign(d, { who: w[0], whoZh: w[1] });
      break;
    }
    case 'crowd': {
      const s = pick([
        ['Dozens of', '几十个'],
        ['Around a hundred', '上百'],
        ['Hundreds of', '好几百'],
      ]);
      Object.assign(d, { size: s[0], sizeZh: s[1] });
      break;
    }
    case 'robbery': {
      const it = pick([
        ['phone', '手机'],
        ['handbag', '包'],
        ['gold necklace', '金项链'],
      ]);
      const es = pick([
        ['on a motorbike', '骑摩托车'],
        ['on foot', '徒步'],
        ['on an e-bike', '骑电瓶车'],
      ]);
      Object.assign(d, { item: it[0], itemZh: it[1], escape: es[0], escapeZh: es[1] });
      break;
    }
  }
  return d;
}
const OPEN_EN = [
  '',
  '',
  '',
  'Hi, ',
  'Hello, I want to report something. ',
  'Not sure who to tell but ',
  'Urgent: ',
  'Calling about this: ',
];
const CLOSE_EN = [
  '',
  '',
  '',
  ' Please hurry.',
  ' Thanks.',
  ' I am safe.',
  ' My English is not good sorry.',
  ' Can someone check?',
];
const OPEN_ZH = ['', '', '', '你好，', '我要举报，', '喂，', '紧急情况：', '不知道该找谁，'];
const CLOSE_ZH = ['', '', '', '请尽快处理。', '谢谢。', '我现在安全。', '麻烦派人来看看。', '！！'];
// extra sentences a witness may add (some about the event, some about themselves)
const XTRA = {
  fire: {
    en: [
      (e) => `You can see it from the main road.`,
      (e) => `The fire brigade is not here yet.`,
      (e) => `Windows are cracking from the heat.`,
      (e) => `Someone said a ${e.d.bldg === 'restaurant' ? 'wok' : 'heater'} started it.`,
      (e) => `Residents are standing outside in pyjamas.`,
      (e) => `Ash is falling on the cars.`,
    ],
    zh: [
      (e) => `在大路上都能看到。`,
      (e) => `消防车还没到。`,
      (e) => `玻璃被烧得噼啪响。`,
      (e) => `听说是${e.d.bldgZh === '饭店' ? '厨房' : '电动车充电'}引起的。`,
      (e) => `住户都跑到楼下了。`,
      (e) => `灰都飘到车上了。`,
    ],
  },
  crash: {
    en: [
      (e) => `The ${e.d.v1} driver is standing by the road on the phone.`,
      () => `Both lanes are blocked.`,
      () => `There is oil on the road.`,
      () => `It happened at the traffic lights.`,
      () => `People are filming instead of helping.`,
    ],
    zh: [
      () => `两个车道都堵了。`,
      () => `地上漏了油。`,
      () => `就在红绿灯那里。`,
      (e) => `${e.d.v1Zh}司机在路边打电话。`,
      () => `围观的人很多。`,
    ],
  },
  fight: {
    en: [
      () => `They look drunk.`,
      () => `It started inside a bar.`,
      () => `One of them is bleeding from the head.`,
      () => `Security guards are not doing anything.`,
    ],
    zh: [
      () => `看起来都喝多了。`,
      () => `是从烧烤摊开始吵起来的。`,
      () => `有个人头上在流血。`,
      () => `保安不敢管。`,
    ],
  },
  package: {
    en: [
      () => `It's been there since I arrived.`,
      () => `A guard has put up tape.`,
      () => `Lots of people walk past it.`,
      (e) => `The ${e.d.item} looks heavy.`,
    ],
    zh: [
      () => `我来的时候就在那里了。`,
      () => `保安已经拉了警戒线。`,
      () => `很多人从旁边走过。`,
      () => `看起来挺沉的。`,
    ],
  },
  drone: {
    en: [
      () => `It's quite noisy.`,
      () => `It went up and came back down twice.`,
      () => `I took a video but it's blurry.`,
      () => `It is not a kite, it has propellers.`,
    ],
    zh: [
      () => `声音挺大的。`,
      () => `升起来又降下去两次。`,
      () => `我拍了视频但很模糊。`,
      () => `不是风筝，有螺旋桨。`,
    ],
  },
  gas: {
    en: [
      () => `My eyes are stinging a bit.`,
      () => `Nobody from the gas company has come.`,
      () => `We opened all the windows.`,
      () => `Someone was smoking nearby, dangerous!`,
    ],
    zh: [
      () => `眼睛有点刺痛。`,
      () => `燃气公司还没来人。`,
      () => `我们已经开窗了。`,
      () => `旁边还有人抽烟，太危险了！`,
    ],
  },
  flood: {
    en: [
      () => `A scooter floated away.`,
      () => `The drains are overflowing.`,
      () => `Kids can't get home from school.`,
      () => `Water came up very fast.`,
    ],
    zh: [
      () => `电瓶车都被冲走了。`,
      () => `下水道往外冒水。`,
      () => `孩子放学回不了家。`,
      () => `水涨得很快。`,
    ],
  },
  shooting: {
    en: [
      () => `I'm hiding in a shop.`,
      () => `Could have been a car backfiring but I don't think so.`,
      () => `Dogs started barking everywhere.`,
    ],
    zh: [
      () => `我现在躲在店里。`,
      () => `可能是汽车回火，但我觉得不是。`,
      () => `周围的狗都叫起来了。`,
    ],
  },
  photo_base: {
    en: [
      () => `He wrote something in a notebook.`,
      () => `The car had out-of-province plates.`,
      () => `He walked around the fence twice.`,
      () => `When the guard came out he put the camera away.`,
    ],
    zh: [
      () => `还在本子上记东西。`,
      () => `开的是外地牌照的车。`,
      () => `围着围墙走了两圈。`,
      () => `哨兵出来他就把相机收起来了。`,
    ],
  },
  explosion: {
    en: [
      () => `My building shook.`,
      () => `Glass on the street.`,
      () => `Ambulances are arriving.`,
      () => `I smelled gas after.`,
    ],
    zh: [
      () => `我们楼都晃了。`,
      () => `街上都是碎玻璃。`,
      () => `救护车来了。`,
      () => `之后闻到一股煤气味。`,
    ],
  },
  vehicle: {
    en: [
      () => `The windows are tinted.`,
      () => `It moved once then came back.`,
      () => `I have never seen it here before.`,
    ],
    zh: [() => `车窗贴了很黑的膜。`, () => `开走一次又回来了。`, () => `以前从没见过这辆车。`],
  },
  medical: {
    en: [
      () => `Nobody knows him.`,
      () => `Someone called 120 already I think.`,
      () => `He hit his head when he fell.`,
    ],
    zh: [() => `没人认识他。`, () => `好像有人已经打了120。`, () => `倒下的时候头磕到了。`],
  },
  crowd: {
    en: [
      () => `Traffic police are diverting cars.`,
      () => `Some are filming with phones.`,
      () => `It seems to be about unpaid wages.`,
    ],
    zh: [() => `交警在疏导交通。`, () => `有人拿手机在拍。`, () => `好像是讨薪的。`],
  },
  robbery: {
    en: [
      () => `The victim is an old woman, she's crying.`,
      () => `He wore a black helmet.`,
      () => `I couldn't see the plate.`,
    ],
    zh: [() => `被抢的是个阿姨，在哭。`, () => `那人戴着黑色头盔。`, () => `没看清车牌。`],
  },
};
const SELF_EN = [
  'I was walking the dog.',
  'I am on my way to work.',
  'I live across the street.',
  'I was waiting for the bus.',
  'My wife saw it too.',
  'I work in the shop next door.',
  'I am a taxi driver, I passed by.',
  'Sorry my Chinese is poor so writing in English.',
];
const SELF_ZH = [
  '我在遛狗。',
  '我在上班路上。',
  '我就住在对面。',
  '我在等公交。',
  '我老婆也看到了。',
  '我在隔壁店里上班。',
  '我是开出租的，路过看到的。',
  '我是送外卖的。',
];
function shuffleIn(core, extras) {
  const parts = [core];
  for (const x of extras) chance(0.3) ? parts.unshift(x) : parts.push(x);
  return parts;
}
function narrate(kind, e, w, lang) {
  const body = pick(N[kind][lang])(e, w);
  const extras = [];
  const nx = wpick([
    [0, 30],
    [1, 45],
    [2, 25],
  ]);
  const pool = [...XTRA[kind][lang]];
  for (let i = 0; i < nx && pool.length; i++)
    extras.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0](e));
  if (chance(0.3)) extras.push(pick(lang === 'en' ? SELF_EN : SELF_ZH));
  const parts = shuffleIn(body, extras);
  const text = lang === 'en' ? parts.join(' ') : parts.join(chance(0.5) ? '' : '，');
  return lang === 'en'
    ? `${pick(OPEN_EN)}${text}${pick(CLOSE_EN)}`
    : `${pick(OPEN_ZH)}${text}${pick(CLOSE_ZH)}`;
}
const REPEAT_EN = [
  'Calling again about the same thing. ',
  "It's me again, ",
  'Update from me: ',
  'I called before - ',
  'Still happening: ',
];
const REPEAT_ZH = ['我刚才打过电话，', '又是我，', '补充一下，', '还在继续，', '再报一次，'];

// noise narratives (routine, unrelated, or single false alarms)
const NOISE_EN = [
  () =>
    `My neighbour's ${pick(['dog', 'two dogs', 'puppy'])} has been barking ${pick(['all night', 'since 5am', 'every evening this week'])}${pick(['', ' again', ', I cannot sleep'])}.`,
  () =>
    `The street light ${pick(['outside building ' + I(1, 30), 'at the corner of our lane', 'by the bus stop'])} has been broken for ${I(2, 20)} days.`,
  () =>
    `Got a call from someone claiming to be ${pick(['police', 'the bank', 'customs', 'a courier'])} asking for ${pick(['my bank code', 'a transfer of ' + I(2, 50) * 1000 + ' yuan', 'my ID number'])}. Scam?`,
  () =>
    `I lost my ${pick(['wallet', 'phone', 'keys', 'backpack'])} somewhere on ${pick(['line ' + I(1, 10) + ' of the metro', 'bus ' + I(1, 300), 'the way home'])}, ${pick(['brown leather', 'black', 'with a red keyring', 'blue case'])}.`,
  () =>
    `${pick(['Loud karaoke', 'Drilling', 'Mahjong noise', 'A party'])} from the flat ${pick(['above', 'next door', 'below'])} ${pick(['every night until 2am', 'since 7 this morning', 'all weekend'])}.`,
  () =>
    `Someone parked ${pick(['across the fire lane', 'on the pavement', 'in front of the garage door'])} again at our compound, plate ${pick(['川A', '川G', '渝B'])}${I(10000, 99999)}.`,
  () =>
    `Is the website for ${pick(['renewing residence permits', 'ID card appointments', 'traffic fines'])} down? ${pick(['', 'Tried 3 times.', 'It says error 500.'])}`,
  () =>
    `${pick(['Teenagers', 'Some kids', 'People'])} setting off firecrackers in ${pick(['the park', 'the square', 'our courtyard'])}, very noisy.`,
  () =>
    `Pothole on ${pick(['the cycle lane', 'the ring road exit', 'our street'])}, ${pick(['someone will fall', 'about half a metre wide', 'cars swerve around it'])}.`,
  () =>
    `Rubbish has not been collected for ${I(2, 6)} days ${pick(['in our lane', 'behind the market', 'at block ' + I(1, 20)])}, it smells.`,
  () =>
    `How do I get a copy of my ${pick(['police report', 'complaint record', 'case number'])} from ${pick(['last month', 'last week', 'September'])}?`,
  () =>
    `Received a text saying I won ${pick(['a prize', 'an iPhone', '5000 yuan'])}, asks to click a link hxxp://${pick(['prize', 'gift', 'win'])}-${I(10, 99)}[.]top`,
  () => pick(['test', 'Test message please ignore', 'hello?']),
];
const NOISE_ZH = [
  () =>
    `${pick(['楼上', '隔壁', '楼下'])}${pick(['每天半夜装修', '天天打麻将', '唱K到凌晨'])}，${pick(['吵得睡不着', '说了也没用', '已经一个星期了'])}。`,
  () => `${pick(['小区门口', '公交站旁边', '巷子里'])}的路灯坏了${I(2, 15)}天了。`,
  () =>
    `接到自称${pick(['公检法', '银行客服', '快递员', '海关'])}的电话让我${pick(['转账', '报验证码', '下载一个App'])}，是不是诈骗？`,
  () =>
    `我在${pick(['地铁' + I(1, 10) + '号线', I(1, 300) + '路公交', '春熙路'])}上丢了${pick(['钱包', '手机', '钥匙', '身份证'])}，${pick(['棕色的', '黑色的', '有个红色挂件'])}。`,
  () =>
    `${pick(['邻居家的狗', '楼下的狗', '对面的两条狗'])}${pick(['一直叫', '半夜叫个不停', '天天叫'])}，已经${pick(['好几天', '一个月', '一周'])}了。`,
  () =>
    `有人把车停在${pick(['消防通道', '人行道', '车库门口'])}上，车牌${pick(['川A', '川G'])}${I(10000, 99999)}，说了也不挪。`,
  () => `收到短信说我中了${pick(['大奖', '一台手机', '五千元'])}，让我点链接。`,
  () =>
    `${pick(['垃圾', '建筑垃圾', '楼道杂物'])}${I(2, 6)}天没人${pick(['收', '清理', '管'])}了，很臭。`,
  () => `请问怎么办理${pick(['居住证', '身份证', '无犯罪记录证明'])}？`,
  () =>
    `${pick(['楼下烧烤店', '隔壁饭馆', '对面的火锅店'])}油烟太大，${pick(['窗户都不敢开', '投诉好几次了'])}。`,
  () => `共享单车堆在${pick(['人行道', '地铁口', '盲道'])}上没法走路。`,
  () => pick(['测试', '你好', '在吗']),
];

// ---------------------------------------------------------------- output model
const lines = []; // {rec, at}
const truth = {};
const events = {};
let extSeq = 0;
let phoneSeq = 0;
const people = [];
const usedPhones = new Set();
function newPerson(lang) {
  let digits;
  do
    digits = `1${pick(['38', '39', '50', '86', '59', '77'])}${String(I(0, 99999999)).padStart(8, '0')}`;
  while (usedPhones.has(digits));
  usedPhones.add(digits);
  const p = { id: `P${people.length + 1}`, lang, phone: `+86${digits}` };
  people.push(p);
  return p;
}
function phoneText(p) {
  // the same number, written as people write it
  const d = p.phone.slice(3);
  return wpick([
    [p.phone, 8],
    [`+86 ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, 1],
    [`+86-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`, 1],
  ]);
}
function extId(channel) {
  extSeq++;
  const n = String(extSeq).padStart(6, '0');
  return { phone: `CALL-${n}`, app: `app:${n}`, web: `web-${n}`, api: `partner/${n}` }[channel];
}

function timeFields(rec, stated, received, precSec, fmt, lang, hasCoords) {
  switch (fmt) {
    case 'local':
      rec.observedAt = localIso(stated);
      break;
    case 'local_tz':
      rec.observedAt = localIso(stated);
      rec.timezone = 'Asia/Shanghai';
      break;
    case 'local_space':
      rec.observedAt = localIso(stated).replace('T', ' ').slice(0, 16);
      if (!hasCoords) rec.timezone = 'Asia/Shanghai';
      break;
    case 'offset':
      rec.observedAt = `${localIso(stated)}+08:00`;
      break;
    case 'utc':
      rec.observedAt = new Date(stated).toISOString().replace('.000', '');
      break;
    case 'epoch':
      rec.observedAt = Math.round(stated / 1000);
      break;
    case 'words':
      rec.observedAt = words(stated, received, lang);
      return; // the words carry their own precision
    case 'none':
      return;
  }
  if (precSec !== null) rec.precisionSeconds = precSec;
}
function words(stated, received, lang) {
  const diffMin = (received - stated) / 60e3;
  const p = localParts(stated);
  const sameDay = localDay(stated) === localDay(received);
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  const mm = String(p.mi).padStart(2, '0');
  if (lang === 'en') {
    if (diffMin < 4) return pick(['just now', 'a moment ago']);
    if (diffMin < 100 && chance(0.6)) {
      const n = Math.max(5, Math.round(diffMin / 5) * 5);
      return n === 30
        ? 'half an hour ago'
        : pick([`about ${n} minutes ago`, `${n} min ago`, `around ${n} minutes ago`]);
    }
    const clock = pick([
      `${h12}:${mm} ${p.h < 12 ? 'am' : 'pm'}`,
      `${String(p.h).padStart(2, '0')}:${mm}`,
    ]);
    if (sameDay) return pick([`around ${clock}`, `at ${clock}`, `today at ${clock}`]);
    return pick([`yesterday at ${clock}`, `yesterday around ${clock}`]);
  }
  if (diffMin < 4) return '刚才';
  if (diffMin < 100 && chance(0.6)) {
    const n = Math.max(5, Math.round(diffMin / 5) * 5);
    return n === 30 ? '半小时前' : pick([`${n}分钟前`, `大概${n}分钟之前`, `${cnNum(n)}分钟前`]);
  }
  const per = p.h < 5 ? '凌晨' : p.h < 12 ? '上午' : p.h < 18 ? '下午' : '晚上';
  const hh = p.h > 12 ? p.h - 12 : p.h;
  const half = p.mi >= 25 && p.mi <= 35;
  const clock = chance(0.5)
    ? `${String(p.h).padStart(2, '0')}:${mm}`
    : `${per}${cnNum(hh)}点${half ? '半' : p.mi === 0 ? '' : cnNum(p.mi) + '分'}`;
  if (sameDay) return pick([`${clock}左右`, `今天${clock}`, `${clock}`]);
  return pick([`昨天${clock}左右`, `昨天${clock}`]);
}
function vagueWords(stated, received, lang) {
  const p = localParts(stated);
  const sameDay = localDay(stated) === localDay(received);
  const part = p.h < 12 ? 0 : p.h < 18 ? 1 : 2;
  if (p.h < 5)
    return lang === 'en'
      ? pick(['last night', 'in the middle of the night', 'early this morning'])
      : pick(['凌晨', '半夜', '昨天半夜']);
  if (lang === 'en') {
    const t = ['this morning', 'this afternoon', 'this evening'][part];
    const y = ['yesterday morning', 'yesterday afternoon', 'yesterday evening'][part];
    return sameDay ? pick([t, t, 'earlier today']) : y;
  }
  const t = ['今天上午', '今天下午', '今天晚上'][part];
  const y = ['昨天上午', '昨天下午', '昨天晚上'][part];
  return sameDay ? pick([t, t, '今天早些时候']) : y;
}

function emit(rec, meta) {
  lines.push({ rec, at: Date.parse(rec.receivedAt) });
  truth[rec.externalId] = meta;
}
const iso = (ms) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000', '');

function pickChannel(person) {
  return wpick([
    ['phone', 50],
    ['app', 25],
    ['web', 20],
    ['api', 5],
  ]);
}
function callerFor(channel, person) {
  person.leavesNumber ??= { app: chance(0.7), web: chance(0.2) };
  if (channel === 'phone') return { phone: phoneText(person) };
  if (channel === 'app') return person.leavesNumber.app ? { phone: phoneText(person) } : undefined;
  if (channel === 'web') return person.leavesNumber.web ? { phone: phoneText(person) } : undefined;
  return undefined;
}
const withCategory = (rec, kind, p = 0.4) => {
  if (chance(p)) rec.category = pick(KINDS[kind].cat);
};

// ---------------------------------------------------------------- one witness report
// mode: honest | vague
function witnessReport(
  e,
  person,
  mode,
  { received, tObs, repeatIdx = 0, channel, distant = false },
) {
  const lang = person.lang;
  const w = { distant };
  let narrative = narrate(e.kind, e, w, lang);
  if (repeatIdx > 0) narrative = (lang === 'en' ? pick(REPEAT_EN) : pick(REPEAT_ZH)) + narrative;
  const rec = { channel, narrative, receivedAt: iso(received), externalId: extId(channel) };
  const caller = callerFor(channel, person);
  if (caller) rec.caller = caller;
  // where the witness was / what they point at
  const at = distant ? inDisc(e.place, KINDS[e.kind].seen) : inDisc(e.place, e.ext);
  const sub = [];
  let acc = null;
  let prec = null;
  let stated;
  let hasCoords = true;
  if (mode === 'honest') {
    const locMode = wpick([
      ['acc', 82],
      ['noacc', 5],
      ['string', 5],
      ['acc_text', 4],
      ['none', 2],
    ]);
    acc = wpick([
      [I(5, 30), 40],
      [I(40, 300), 45],
      [I(300, 800), 15],
    ]);
    if (locMode === 'noacc' || locMode === 'string') acc = null;
    const trueAcc = acc ?? 100;
    const pt = noisy(at, trueAcc);
    const lat = +pt.lat.toFixed(5),
      lon = +pt.lon.toFixed(5);
    if (locMode === 'acc') rec.location = { lat, lon, accuracyMeters: acc };
    else if (locMode === 'noacc') rec.location = { lat, lon };
    else if (locMode === 'string') rec.location = `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
    else if (locMode === 'acc_text')
      rec.location = { lat, lon, accuracyMeters: acc, text: pick(['Chengdu', '成都', '成都市']) };
    else {
      hasCoords = false;
      acc = null;
    }
    sub.push(`loc:${locMode}`);
    prec = wpick([
      [I(1, 5) * 60, 45],
      [I(6, 15) * 60, 35],
      [I(20, 45) * 60, 20],
    ]);
    stated = tObs + gauss() * (prec / 1.51);
    stated = roundTo(stated, prec >= 900 ? 5 : 1);
    if (stated > received) stated = received - 60e3;
    const fmt = wpick([
      ['local', 34],
      ['local_tz', 14],
      ['offset', 14],
      ['utc', 8],
      ['epoch', 4],
      ['words', 17],
      ['local_space', 3],
      ['none', 6],
    ]);
    timeFields(rec, stated, received, prec, fmt, lang, hasCoords);
    sub.push(`time:${fmt}`);
    if (fmt === 'words' || fmt === 'none') prec = null;
  } else {
    // vague: somewhere in this district / the city, this afternoon
    const vm = wpick([
      ['district', 60],
      ['citytext', 15],
      ['districttext', 10],
      ['coarsecoords', 15],
    ]);
    if (vm === 'district') {
      acc = I(15, 60) * 100;
      const c = noisy(e.place, acc * 0.8);
      rec.location = { lat: +c.lat.toFixed(3), lon: +c.lon.toFixed(3), accuracyMeters: acc };
    } else if (vm === 'coarsecoords') {
      acc = I(10, 30) * 100;
      const c = noisy(e.place, acc);
      rec.location = { lat: +c.lat.toFixed(2), lon: +c.lon.toFixed(2), accuracyMeters: acc };
    } else if (vm === 'citytext') {
      rec.location = pick([{ text: 'Chengdu' }, { text: '成都' }, '成都市', 'Chengdu, Sichuan']);
      hasCoords = false;
    } else {
      rec.location = {
        text: lang === 'en' ? `${e.district.en} district, Chengdu` : `成都市${e.district.zh}`,
      };
      hasCoords = false;
    }
    sub.push(`vloc:${vm}`);
    const vt = wpick([
      ['words', 55],
      ['wide', 35],
      ['none', 10],
    ]);
    if (vt === 'words') rec.observedAt = vagueWords(tObs, received, lang);
    else if (vt === 'wide') {
      prec = I(2, 5) * 3600;
      stated = roundTo(tObs + gauss() * (prec / 1.51), 60);
      if (stated > received) stated = roundTo(received - 1800e3, 30);
      rec.observedAt = localIso(stated);
      rec.precisionSeconds = prec;
      if (!hasCoords) rec.timezone = 'Asia/Shanghai';
    }
    sub.push(`vtime:${vt}`);
    if (lang === 'en')
      rec.narrative = rec.narrative.replace(
        /^(Hi, |Hello, I want to report something\. )?/,
        pick(['', 'Somewhere in my area, ', 'Not exactly sure where, ', 'I was told that ']),
      );
  }
  withCategory(rec, e.kind);
  if (chance(0.3))
    rec.howKnown =
      mode === 'vague' && chance(0.4)
        ? 'was_told'
        : ['fire', 'drone', 'photo_base', 'crowd'].includes(e.kind)
          ? 'saw'
          : pick(['saw', 'heard']);
  if (distant) sub.push('distant');
  return {
    rec,
    meta: {
      event: e.id,
      source: person.id,
      kind: e.kind,
      lang,
      acc,
      prec,
      sub: sub.join(' '),
      trueLat: +at.lat.toFixed(5),
      trueLon: +at.lon.toFixed(5),
      tObs: iso(tObs),
    },
  };
}

// ---------------------------------------------------------------- campaigns
const WHAT_EN = {
  fire: ['big fire', 'huge blaze', 'building on fire'],
  explosion: ['explosion', 'massive blast'],
  gas: ['gas leak', 'toxic gas leak'],
  flood: ['serious flooding', 'flash flood'],
  crowd: ['riot', 'mass protest'],
  shooting: ['shooting', 'gunmen'],
};
const WHAT_ZH = {
  fire: ['发生大火', '大楼着火', '火灾'],
  explosion: ['发生爆炸', '大爆炸'],
  gas: ['燃气泄漏', '毒气泄漏'],
  flood: ['严重内涝', '洪水'],
  crowd: ['群体事件', '上千人聚集'],
  shooting: ['枪击案', '有人开枪'],
};
function campaignBase(e, lang) {
  const where =
    lang === 'en'
      ? e.landmark
        ? pick([`near ${e.landmark.en}`, `at ${e.landmark.en}`])
        : `in ${e.district.en}`
      : e.landmark
        ? `${e.landmark.zh}${pick(['附近', '那边', ''])}`
        : e.district.zh;
  if (lang === 'en') {
    const hook = pick([
      'WARNING:',
      'Breaking!',
      'Friends in Chengdu,',
      'Confirmed by my cousin:',
      'Do not go out!',
      'Share before it gets deleted:',
    ]);
    const claim = pick([
      `a ${pick(WHAT_EN[e.kind])} ${where}`,
      `${pick(WHAT_EN[e.kind])} ${where} just now`,
      `there is a ${pick(WHAT_EN[e.kind])} ${where} right now`,
    ]);
    const spin = pick([
      'authorities are hiding the casualties.',
      'at least ' + I(5, 60) + ' dead they say.',
      'the news will not report it.',
      'police have sealed everything.',
      'hospitals are full.',
    ]);
    const call = pick([
      'Avoid the area and share with your family.',
      'Forward to everyone!',
      'Stay home tonight.',
      'Pass it on, stay safe.',
      'Tell your friends.',
    ]);
    return `${hook} ${claim}, ${spin} ${call}`;
  }
  const hook = pick([
    '紧急扩散！',
    '注意了：',
    '成都的朋友们，',
    '内部消息：',
    '千万别出门！',
    '趁还没删赶紧看：',
  ]);
  const claim = pick([
    `${where}${pick(WHAT_ZH[e.kind])}`,
    `${where}刚刚${pick(WHAT_ZH[e.kind])}`,
    `现在${where}${pick(WHAT_ZH[e.kind])}`,
  ]);
  const spin = pick([
    '伤亡人数被隐瞒',
    '听说死了' + I(5, 60) + '个人',
    '新闻不会报的',
    '警察已经全部封锁',
    '医院都满了',
  ]);
  const call = pick([
    '大家千万别去，转告家人！',
    '赶紧转发！',
    '今晚别出门。',
    '扩散周知。',
    '告诉你的朋友。',
  ]);
  return `${hook}${claim}，${spin}，${call}`;
}
const CAMPAIGN_EN = {
  real: (e) => campaignBase(e, 'en'),
  fake: [
    'URGENT: tap water in Chenghua has been poisoned, do not drink it, the government is covering it up. Share!',
    "Kidnappers in a white van are taking children near schools in Wuhou. Police won't say it. Forward to all parents!",
    'Bomb threat at Chengdu East station tonight, my cousin works there, avoid it!!',
    'Soldiers are blocking roads near Tianfu Square, something big is happening, they are hiding it',
  ],
};
const CAMPAIGN_ZH = {
  real: (e) => campaignBase(e, 'zh'),
  fake: [
    '紧急通知：成华区自来水被人投毒，千万不要喝，官方在隐瞒！请转发！',
    '武侯区学校附近有白色面包车拐卖小孩，警察不让说，家长们注意转发！',
    '今晚成都东站有炸弹威胁，我表哥在那里上班，大家别去！！',
    '天府广场附近军人封路了，肯定出大事了，他们在隐瞒',
  ],
};
const FAKE_PLACE = [DISTRICTS[4], DISTRICTS[3], LANDMARKS[4], LANDMARKS[1]];
const FAKE_KIND = ['other', 'other', 'package', 'crowd'];
function mutate(text, lang) {
  let t = text;
  const edits = I(1, 3);
  for (let k = 0; k < edits; k++) {
    const m = I(0, 6);
    if (m === 0) t = t.replace(/[!！]+/g, (s) => (chance(0.5) ? s + s[0] : s[0]));
    else if (m === 1)
      t =
        lang === 'en'
          ? `${pick(['FWD: ', 'Forwarded: ', '!!! ', '', 'Please read: '])}${t}`
          : `${pick(['【转】', '转发：', '【紧急】', '', '看到群里说：'])}${t}`;
    else if (m === 2)
      t = `${t}${lang === 'en' ? pick([' 🙏', ' Pass it on.', ' #Chengdu', ' true story', '']) : pick(['🙏', '扩散！', '#成都#', '真的', ''])}`;
    else if (m === 3)
      t =
        lang === 'en'
          ? t.replace(/ the /, ' teh ').replace('share', 'sahre')
          : t.replace('千万', '一定').replace('附近', '旁边');
    else if (m === 4) t = t.replace(/\.\s*$/, '');
    else if (m === 5)
      t =
        lang === 'en'
          ? t.replace('Avoid', 'Stay out of').replace('stay away', 'keep away')
          : t.replace('大家', '各位').replace('注意', '小心');
    else t = t.replace(/  +/g, ' ');
  }
  return t;
}
let campaignSeq = 0;
function campaign(e, startAt, kind) {
  campaignSeq++;
  const gid = `G${campaignSeq}`;
  const lang = chance(0.6) ? 'zh' : 'en';
  const base = e.fake
    ? (lang === 'en' ? CAMPAIGN_EN.fake : CAMPAIGN_ZH.fake)[e.fakeIdx]
    : (lang === 'en' ? CAMPAIGN_EN.real : CAMPAIGN_ZH.real)(e);
  const copies = I(4, 18);
  const members = Array.from({ length: Math.max(3, Math.ceil(copies / 2)) }, () => newPerson(lang));
  const out = [];
  for (let c = 0; c < copies; c++) {
    const sender = pick(members);
    const received = startAt + lognorm(90, 1.0) * 60e3 * (c / copies + 0.2);
    const channel = wpick([
      ['app', 45],
      ['web', 35],
      ['phone', 20],
    ]);
    const rec = {
      channel,
      narrative: mutate(base, lang),
      receivedAt: iso(received),
      externalId: extId(channel),
    };
    const caller =
      channel === 'web'
        ? chance(0.3)
          ? { phone: phoneText(sender) }
          : undefined
        : { phone: phoneText(sender) };
    if (caller) rec.caller = caller;
    const lm = wpick([
      ['claimed', 45],
      ['none', 25],
      ['citytext', 15],
      ['sender', 15],
    ]);
    let acc = null;
    if (lm === 'claimed') {
      acc = pick([100, 200, 300, 500]);
      const p = noisy(e.place, acc * 0.6);
      rec.location = { lat: +p.lat.toFixed(4), lon: +p.lon.toFixed(4), accuracyMeters: acc };
    } else if (lm === 'citytext') rec.location = pick(['成都', 'Chengdu']);
    else if (lm === 'sender') {
      const d = pick(DISTRICTS);
      const p = inDisc(d, d.r);
      acc = I(5, 40);
      rec.location = { lat: +p.lat.toFixed(5), lon: +p.lon.toFixed(5), accuracyMeters: acc };
    }
    const tm = wpick([
      ['claimed', 45],
      ['none', 35],
      ['today', 20],
    ]);
    if (tm === 'claimed') rec.observedAt = localIso(roundTo(e.start + 5 * 60e3, 10));
    else if (tm === 'today')
      rec.observedAt =
        lang === 'en'
          ? pick(['today', 'earlier today', 'this evening'])
          : pick(['今天', '今天早些时候', '刚刚']);
    if (chance(0.3))
      rec.category = pick([
        'rumor',
        'other',
        e.fake ? 'other' : pick(KINDS[kind]?.cat ?? ['other']),
      ]);
    if (chance(0.4)) rec.howKnown = 'was_told';
    out.push({
      rec,
      meta: {
        event: e.id,
        source: gid,
        kind,
        lang,
        acc,
        prec: null,
        role: 'campaign',
        sub: `${e.fake ? 'fake' : 'real'} loc:${lm} time:${tm}`,
        tObs: iso(e.start),
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------- the world
const ROLE_COUNTS = {};
let eventSeq = 0;
const emitted = () => lines.length;
const noiseShare = 0.14;
const nEventsEstimate = Math.round((TARGET * (1 - noiseShare)) / 3.3);
const resendQueue = [];
const repeatPeople = [];

function makeEvent() {
  const kind = wpick(KIND_W);
  eventSeq++;
  const id = `E${eventSeq}`;
  let place,
    landmark = null,
    site = null;
  const district = wpick(DISTRICTS.map((d) => [d, d.w]));
  if (
    kind === 'photo_base' ||
    (kind === 'drone' && chance(0.7)) ||
    (kind === 'vehicle' && chance(0.15))
  ) {
    site = pick(SITES);
    place = inDisc(site, 250);
  } else if (chance(0.35)) {
    landmark = pick(LANDMARKS);
    place = inDisc(landmark, 400);
  } else {
    place = inDisc(district, district.r);
  }
  const nearest = DISTRICTS.reduce(
    (b, d) => (dist(d, place) < dist(b, place) ? d : b),
    DISTRICTS[0],
  );
  const k = KINDS[kind];
  const start = eventStart();
  const dur = U(k.dur[0], k.dur[1]);
  const dirs = [
    ['north', '北'],
    ['south', '南'],
    ['east', '东'],
    ['west', '西'],
  ];
  const dir = pick(dirs);
  const e = {
    id,
    kind,
    place,
    landmark,
    site,
    district: nearest,
    start,
    dur,
    ext: k.ext,
    spot: (() => {
      const i = I(0, SPOTS_EN.length - 1);
      return { en: SPOTS_EN[i], zh: SPOTS_ZH[i] };
    })(),
    d: details(kind),
    dirEn: dir[0],
    dirZh: dir[1],
  };
  events[id] = {
    kind,
    lat: +place.lat.toFixed(5),
    lon: +place.lon.toFixed(5),
    start: iso(start),
    durMin: Math.round(dur),
    extentM: k.ext,
    site: site?.en ?? null,
    landmark: landmark?.en ?? null,
  };
  return e;
}

const allEvents = [];
for (let i = 0; i < nEventsEstimate; i++) allEvents.push(makeEvent());

for (const e of allEvents) {
  const k = KINDS[e.kind];
  // heavy-tailed witness count
  let n = Math.max(1, Math.round(lognorm(k.size, 0.85) - 0.3));
  if (chance(0.3)) n = 1;
  n = Math.min(n, 45);
  events[e.id].witnesses = n;
  const lang0 = chance(0.65) ? 'zh' : 'en';
  for (let j = 0; j < n; j++) {
    const lang = chance(0.8) ? lang0 : lang0 === 'zh' ? 'en' : 'zh';
    const person = newPerson(lang);
    const mode = chance(0.2) ? 'vague' : 'honest';
    const distant = mode === 'honest' && k.seen > 500 && chance(0.12);
    const tObs = e.start + e.dur * Math.pow(rnd(), 1.8);
    const delayMin = mode === 'vague' ? lognorm(120, 0.8) : lognorm(7, 1.1);
    const received = tObs + Math.max(0.5, delayMin) * 60e3;
    const channel = pickChannel(person);
    const calls = chance(0.045) ? I(2, 4) : 1;
    const role = calls > 1 ? 'repeat' : mode;
    let tPrev = tObs,
      rPrev = received;
    for (let c = 0; c < calls; c++) {
      let t = tPrev,
        r = rPrev;
      if (c > 0) {
        t = Math.min(e.start + e.dur, tPrev + U(3, 40) * 60e3);
        r = Math.max(rPrev + 2 * 60e3, t + lognorm(4, 0.8) * 60e3);
      }
      // a repeat caller sometimes comes back through the web form without a number
      const ch = c > 0 && chance(0.1) ? 'web' : channel;
      const { rec, meta } = witnessReport(e, person, mode, {
        received: r,
        tObs: t,
        repeatIdx: c,
        channel: ch,
        distant,
      });
      if (c > 0 && ch === 'web') {
        delete rec.caller;
        meta.sub += ' web-nocaller';
      }
      meta.role = role;
      if (role === 'repeat') meta.sub = `${mode} call${c + 1}/${calls} ` + meta.sub;
      emit(rec, meta);
      if (chance(0.06)) resendQueue.push({ rec, meta, e });
      tPrev = t;
      rPrev = r;
    }
  }
  // campaigns about real, big events
  if (['fire', 'explosion', 'gas', 'flood', 'crowd', 'shooting'].includes(e.kind) && chance(0.07)) {
    for (const { rec, meta } of campaign(e, e.start + U(20, 120) * 60e3, e.kind)) emit(rec, meta);
  }
}
// fabricated campaigns: a claim about no real event (their copies form one "event")
const nFake = Math.max(3, Math.round(TARGET / 900));
for (let f = 0; f < nFake; f++) {
  eventSeq++;
  const idx = f % 4;
  const pl = FAKE_PLACE[idx];
  const e = {
    id: `E${eventSeq}`,
    fake: true,
    fakeIdx: idx,
    place: { lat: pl.lat, lon: pl.lon },
    start: eventStart(),
    district: DISTRICTS[0],
    landmark: null,
  };
  events[e.id] = {
    kind: 'fabricated',
    lat: pl.lat,
    lon: pl.lon,
    start: iso(e.start),
    durMin: 0,
    extentM: 0,
    fabricated: true,
  };
  for (const { rec, meta } of campaign(e, e.start, FAKE_KIND[idx])) emit(rec, meta);
}
// noise: unrelated singletons (routine complaints, tests, questions, lone false alarms)
const cranks = Array.from({ length: 8 }, () => newPerson(chance(0.5) ? 'zh' : 'en'));
const nNoise = Math.round((lines.length * noiseShare) / (1 - noiseShare));
for (let i = 0; i < nNoise; i++) {
  const crank = chance(0.08) ? pick(cranks) : null;
  const person = crank ?? newPerson(chance(0.6) ? 'zh' : 'en');
  const lang = person.lang;
  const channel = crank ? 'phone' : pickChannel(person);
  const d = wpick(DISTRICTS.map((x) => [x, x.w]));
  const at = inDisc(d, d.r);
  const t = eventStart();
  const received = t + lognorm(30, 1.2) * 60e3;
  let narrative,
    kind = 'routine',
    sub;
  if (chance(0.25)) {
    // a lone false alarm that names a real kind (nobody else saw anything)
    const fk = wpick([
      ['fire', 2],
      ['package', 3],
      ['vehicle', 3],
      ['drone', 2],
      ['gas', 2],
      ['shooting', 1],
      ['fight', 1],
    ]);
    const fe = {
      kind: fk,
      place: at,
      ext: 0,
      district: d,
      landmark: chance(0.3) ? pick(LANDMARKS) : null,
      site: fk === 'drone' && chance(0.5) ? pick(SITES) : null,
      spot: { en: pick(SPOTS_EN), zh: pick(SPOTS_ZH) },
      d: details(fk),
      dirEn: 'north',
      dirZh: '北',
    };
    narrative = narrate(fk, fe, {}, lang);
    kind = fk;
    sub = 'false-alarm';
  } else {
    narrative = (lang === 'en' ? pick(NOISE_EN) : pick(NOISE_ZH))();
    sub = crank ? 'crank' : 'routine';
  }
  const rec = { channel, narrative, receivedAt: iso(received), externalId: extId(channel) };
  const caller = callerFor(channel, person);
  if (caller) rec.caller = caller;
  let acc = null,
    prec = null;
  if (chance(0.8)) {
    acc = wpick([
      [I(5, 50), 4],
      [I(50, 500), 4],
      [I(1000, 5000), 2],
    ]);
    const p = noisy(at, acc);
    rec.location = { lat: +p.lat.toFixed(5), lon: +p.lon.toFixed(5), accuracyMeters: acc };
  }
  if (chance(0.7)) {
    prec = pick([60, 300, 600, 1800, 3600]);
    rec.observedAt = localIso(roundTo(t, 1));
    rec.precisionSeconds = prec;
  }
  if (chance(0.3))
    rec.category =
      kind === 'routine'
        ? pick(['noise', 'complaint', 'other', 'scam', '投诉'])
        : pick(KINDS[kind].cat);
  emit(rec, {
    event: null,
    source: person.id,
    kind,
    lang,
    acc,
    prec,
    role: 'noise',
    sub,
    trueLat: +at.lat.toFixed(5),
    trueLon: +at.lon.toFixed(5),
    tObs: iso(t),
  });
}

// corrected re-sends: same externalId, same sender, later, corrected narrative
const CORR_EN = [
  'Correction: ',
  'Sorry, correcting my report - ',
  'UPDATE (corrected): ',
  'Let me correct that: ',
];
const CORR_ZH = ['更正：', '刚才说错了，', '更正一下：', '修改：'];
let nResend = 0;
for (const { rec, meta, e } of resendQueue) {
  const lang = meta.lang;
  const re = structuredClone(rec);
  const fresh = narrate(e.kind, e, {}, lang);
  re.narrative = lang === 'en' ? `${pick(CORR_EN)}${fresh}` : `${pick(CORR_ZH)}${fresh}`;
  re.receivedAt = iso(Date.parse(rec.receivedAt) + U(5, 180) * 60e3);
  const what = [];
  if (
    chance(0.3) &&
    rec.precisionSeconds !== undefined &&
    typeof rec.observedAt === 'string' &&
    /^\d{4}-/.test(rec.observedAt) &&
    !rec.observedAt.endsWith('Z')
  ) {
    // corrected time: closer to the truth
    const t = roundTo(Date.parse(meta.tObs) + gauss() * 60e3, 1);
    re.observedAt = rec.observedAt.includes('+08:00') ? `${localIso(t)}+08:00` : localIso(t);
    what.push('time');
  }
  if (chance(0.25) && !rec.category) {
    re.category = pick(KINDS[e.kind].cat);
    what.push('category');
  }
  if (
    chance(0.2) &&
    rec.location &&
    typeof rec.location === 'object' &&
    rec.location.lat !== undefined
  ) {
    re.location = {
      ...rec.location,
      lat: +(meta.trueLat ?? rec.location.lat).toFixed(5),
      lon: +(meta.trueLon ?? rec.location.lon).toFixed(5),
    };
    what.push('place');
  }
  meta.role = 'resend';
  meta.sub = `${meta.sub} resent:${what.join('+') || 'text'}`;
  lines.push({ rec: re, at: Date.parse(re.receivedAt) });
  nResend++;
}

// file order: by arrival (stable), as a feed would deliver them
lines.sort((a, b) => a.at - b.at);
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'reports.jsonl'),
  lines.map((l) => JSON.stringify(l.rec)).join('\n') + '\n',
);
for (const m of Object.values(truth)) ROLE_COUNTS[m.role] = (ROLE_COUNTS[m.role] ?? 0) + 1;
const meta = {
  seed: SEED,
  lines: lines.length,
  reports: Object.keys(truth).length,
  resends: nResend,
  events: Object.keys(events).length,
  roles: ROLE_COUNTS,
  city: 'Chengdu (Asia/Shanghai)',
  window: [iso(T0), iso(T0 + DAYS * 86400e3)],
};
writeFileSync(join(OUT, 'truth.json'), JSON.stringify({ meta, reports: truth, events }));
process.stdout.write(JSON.stringify(meta) + '\n');
