// The simulated cities: where events happen and how people name places there. Two
// cities 900 km apart in one zone (Asia/Shanghai, UTC+8 all year, no DST since 1991):
// Beijing, the larger, and Xi'an. District centres are where tipwire's gazetteer puts
// those names (cities500), so a vague "海淀区" is read where the generator meant it.
// Streets and features only colour the narratives; they are not geocoded.

export const UTC_OFFSET_MINUTES = 480;
export const TIMEZONE = 'Asia/Shanghai';

export const CITIES = [
  {
    id: 'beijing',
    en: 'Beijing',
    zh: '北京',
    lat: 39.9042,
    lon: 116.4074,
    /** Share of events. */
    weight: 0.78,
    /** Hotspots (neighbourhoods where events gather) lie around the centre with this spread. */
    hotspotSigmaMeters: 6000,
    hotspotMaxMeters: 20000,
    hotspots: 70,
    /** Chinese share of narratives. */
    chinese: 0.65,
    /** Texts naming the whole city: read as the city with a radius of about 35 km. */
    cityTexts: ['北京', '北京市', 'Beijing', 'downtown Beijing', '北京市区'],
    districts: [
      { zh: '东城区', lat: 39.92528, lon: 116.40411 },
      { zh: '西城区', lat: 39.91222, lon: 116.35615 },
      { zh: '朝阳区', lat: 39.91812, lon: 116.43242 },
      { zh: '海淀区', en: 'Haidian District', lat: 39.99064, lon: 116.28868 },
      { zh: '丰台区', lat: 39.84757, lon: 116.27227 },
      { zh: '石景山区', lat: 39.89672, lon: 116.22037 },
      { zh: '通州区', lat: 39.90362, lon: 116.64667 },
      { zh: '昌平区', lat: 40.22303, lon: 116.24584 },
      { zh: '大兴区', lat: 39.72965, lon: 116.33661 },
      { zh: '顺义区', lat: 40.11818, lon: 116.64295 },
      { zh: '望京', lat: 39.9933, lon: 116.47284 },
    ],
    streets: [
      ['长安街', "Chang'an Avenue"],
      ['建国路', 'Jianguo Road'],
      ['学院路', 'Xueyuan Road'],
      ['中关村大街', 'Zhongguancun Street'],
      ['东三环', 'East Third Ring Road'],
      ['北四环', 'North Fourth Ring Road'],
      ['朝阳北路', 'Chaoyang North Road'],
      ['西直门外大街', 'Xizhimenwai Street'],
      ['望京街', 'Wangjing Street'],
      ['工体北路', 'Gongti North Road'],
      ['三里屯路', 'Sanlitun Road'],
      ['东直门内大街', 'Dongzhimennei Street'],
      ['复兴路', 'Fuxing Road'],
      ['阜成路', 'Fucheng Road'],
      ['亮马桥路', 'Liangmaqiao Road'],
      ['安立路', 'Anli Road'],
      ['北苑路', 'Beiyuan Road'],
      ['成府路', 'Chengfu Road'],
      ['知春路', 'Zhichun Road'],
      ['广渠路', 'Guangqu Road'],
      ['南三环', 'South Third Ring Road'],
      ['丰台路', 'Fengtai Road'],
      ['清华东路', 'Qinghua East Road'],
      ['新街口外大街', 'Xinjiekouwai Street'],
      ['光华路', 'Guanghua Road'],
    ],
    landmarks: [
      ['三里屯附近', 'near Sanlitun'],
      ['国贸附近', 'somewhere around Guomao'],
      ['中关村那边', 'over by Zhongguancun'],
      ['五道口一带', 'the Wudaokou area'],
      ['大学附近', 'near the university'],
      ['二环边上', 'along the Second Ring Road'],
    ],
  },
  {
    id: 'xian',
    en: "Xi'an",
    zh: '西安',
    lat: 34.2596,
    lon: 108.9425,
    weight: 0.22,
    hotspotSigmaMeters: 4000,
    hotspotMaxMeters: 13000,
    hotspots: 30,
    chinese: 0.75,
    cityTexts: ['西安', '西安市', "Xi'an", "Xi'an city"],
    districts: [
      { zh: '碑林区', lat: 34.22846, lon: 108.91566 },
      { zh: '新城区', lat: 34.26321, lon: 108.94954 },
      { zh: '未央区', lat: 34.2906, lon: 108.93554 },
      { zh: '雁塔区', lat: 34.20636, lon: 108.9524 },
      { zh: '灞桥区', lat: 34.31829, lon: 109.08186 },
      { zh: '长安区', lat: 34.15111, lon: 108.945 },
    ],
    streets: [
      ['长安路', "Chang'an Road"],
      ['小寨东路', 'Xiaozhai East Road'],
      ['南二环', 'South Second Ring Road'],
      ['雁塔路', 'Yanta Road'],
      ['太白路', 'Taibai Road'],
      ['含光路', 'Hanguang Road'],
      ['友谊路', 'Youyi Road'],
      ['东大街', 'East Street'],
      ['西大街', 'West Street'],
      ['朱雀大街', 'Zhuque Avenue'],
      ['科技路', 'Keji Road'],
      ['高新路', 'Gaoxin Road'],
      ['未央路', 'Weiyang Road'],
    ],
    landmarks: [
      ['钟楼附近', 'near the Bell Tower'],
      ['小寨那边', 'around Xiaozhai'],
      ['大雁塔一带', 'by the Big Wild Goose Pagoda'],
      ['曲江附近', 'somewhere in Qujiang'],
      ['学校附近', 'near the school'],
    ],
  },
];

/** Places along a street: [Chinese, English]. */
export const FEATURES = [
  ['公交站', 'bus stop'],
  ['地铁口', 'metro exit'],
  ['超市', 'supermarket'],
  ['小学', 'primary school'],
  ['医院', 'hospital'],
  ['加油站', 'petrol station'],
  ['小区', 'housing compound'],
  ['公园', 'park'],
  ['银行', 'bank'],
  ['酒店', 'hotel'],
  ['菜市场', 'food market'],
  ['写字楼', 'office tower'],
  ['商场', 'shopping mall'],
  ['停车场', 'car park'],
  ['天桥', 'footbridge'],
  ['路口', 'crossroads'],
  ['快递站', 'parcel station'],
  ['体育馆', 'sports hall'],
];

/** Sites worth watching (surveillance, drones, intrusions): [Chinese, English]. */
export const SENSITIVE_SITES = [
  ['部队大院门口', 'the gate of the army base'],
  ['变电站', 'the electrical substation'],
  ['使馆区', 'the embassy compound'],
  ['政府大院', 'the government compound'],
  ['机场围栏', 'the airport fence'],
  ['自来水厂', 'the water treatment plant'],
  ['研究所', 'the research institute'],
  ['军用仓库', 'the military depot'],
];

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `east` and `north` metres from `p` (flat-earth: fine below ~50 km). */
export function offsetMeters(p, east, north) {
  const lat = p.lat + (north / EARTH_RADIUS_M) * (180 / Math.PI);
  const lon = p.lon + (east / (EARTH_RADIUS_M * Math.cos(rad(p.lat)))) * (180 / Math.PI);
  return { lat, lon };
}

/** Hotspots per city, drawn once per scenario. */
export function makeHotspots(rng) {
  const out = new Map();
  for (const city of CITIES) {
    const spots = [];
    while (spots.length < city.hotspots) {
      const east = rng.normal() * city.hotspotSigmaMeters;
      const north = rng.normal() * city.hotspotSigmaMeters;
      if (Math.hypot(east, north) > city.hotspotMaxMeters) continue;
      spots.push({ ...offsetMeters(city, east, north), weight: rng.logUniform(1, 8) });
    }
    out.set(city.id, spots);
  }
  return out;
}

export const cityById = (id) => CITIES.find((c) => c.id === id);
