// What the simulated people say: narratives in English and Chinese for each kind of
// event, written as templates with many variants so that two witnesses of one event
// rarely send the same text (a copy-paste campaign does, on purpose). A template
// names its kind in plain words ("fire", "着火"), or only implicitly ("thick black
// smoke pouring out", "冒出很浓的黑烟"). Slots in braces are filled from the event's
// attributes (one draw per event, so that witnesses of one event agree on the white
// van) and from the place; `{xCap}` capitalizes the English value.

/** The kinds of tipwire's vocabulary (src/domain/event-kinds.ts), with how they behave here. */
export const KINDS = {
  fire: { group: 'fire', weight: 10, minutes: [30, 240], witnesses: 1.6, zh: '火灾' },
  explosion: { group: 'fire', weight: 3, minutes: [15, 60], witnesses: 2, zh: '爆炸' },
  gas_leak: { group: 'fire', weight: 3, minutes: [30, 180], witnesses: 0.7, zh: '燃气泄漏' },
  gunfire: { group: 'violence', weight: 3, minutes: [5, 30], witnesses: 1.4, zh: '枪声' },
  assault: { group: 'violence', weight: 8, minutes: [5, 40], witnesses: 1, zh: '斗殴或袭击' },
  theft: { group: 'property', weight: 12, minutes: [5, 30], witnesses: 0.6, zh: '盗窃或抢劫' },
  vandalism: { group: 'property', weight: 4, minutes: [10, 60], witnesses: 0.6, zh: '破坏财物' },
  intrusion: { group: 'property', weight: 4, minutes: [10, 90], witnesses: 0.6, zh: '闯入' },
  surveillance: { group: 'watching', weight: 6, minutes: [30, 180], witnesses: 0.7, zh: '监视' },
  suspicious_vehicle: {
    group: 'watching',
    weight: 7,
    minutes: [30, 300],
    witnesses: 0.7,
    zh: '可疑车辆',
  },
  suspicious_person: {
    group: 'watching',
    weight: 5,
    minutes: [15, 120],
    witnesses: 0.6,
    zh: '可疑人员',
  },
  drone: { group: 'watching', weight: 5, minutes: [10, 60], witnesses: 1, zh: '无人机' },
  suspicious_package: {
    group: 'package',
    weight: 4,
    minutes: [30, 180],
    witnesses: 1,
    zh: '可疑包裹',
  },
  traffic_accident: {
    group: 'traffic',
    weight: 10,
    minutes: [20, 90],
    witnesses: 1.2,
    zh: '交通事故',
  },
  flood: { group: 'water', weight: 3, minutes: [60, 480], witnesses: 1.1, zh: '水浸' },
  crowd: { group: 'crowd', weight: 4, minutes: [60, 300], witnesses: 1.8, zh: '人群聚集' },
  medical: { group: 'medical', weight: 5, minutes: [10, 40], witnesses: 0.6, zh: '医疗急救' },
};
export const KIND_CODES = Object.keys(KINDS);

/** Categories people pick besides the code: a label in either language, or a catch-all. */
const CATEGORY_LABELS = {
  fire: ['Fire', '火警'],
  explosion: ['Explosion', '爆炸'],
  gas_leak: ['Gas leak', '燃气泄漏'],
  gunfire: ['Shots fired', '枪声'],
  assault: ['Fight', '打架斗殴'],
  theft: ['Theft', '盗窃'],
  vandalism: ['Vandalism', '破坏'],
  intrusion: ['Break-in', '非法闯入'],
  surveillance: ['Surveillance', '可疑拍摄'],
  suspicious_vehicle: ['Suspicious vehicle', '可疑车辆'],
  suspicious_person: ['Suspicious person', '可疑人员'],
  drone: ['Drone', '无人机'],
  suspicious_package: ['Suspicious object', '可疑物品'],
  traffic_accident: ['Traffic', '交通事故'],
  flood: ['Flooding', '积水'],
  crowd: ['Public order', '人员聚集'],
  medical: ['Medical', '急救'],
};
const CATCH_ALL = ['other', 'suspicious activity', '其他', 'general'];

/** A category as a reporter or a form would set it (the caller decides whether there is one). */
export function categoryFor(rng, kind, lang) {
  const r = rng.next();
  if (r < 0.72) return kind;
  if (r < 0.9) return CATEGORY_LABELS[kind][lang === 'zh' ? 1 : 0];
  return rng.pick(CATCH_ALL);
}

// Attribute values: [Chinese, English].
const ATTRS = {
  fire: {
    building: [
      ['餐馆', 'restaurant'],
      ['居民楼', 'apartment block'],
      ['仓库', 'warehouse'],
      ['汽车', 'car'],
      ['小吃摊', 'food stall'],
      ['厂房', 'factory building'],
      ['电动车棚', 'e-bike shed'],
      ['网吧', 'internet cafe'],
    ],
    smoke: [
      ['黑', 'black'],
      ['白', 'white'],
      ['灰', 'grey'],
    ],
  },
  explosion: {
    source: [
      ['煤气罐', 'a gas cylinder'],
      ['变压器', 'a transformer'],
      ['饭店后厨', 'a restaurant kitchen'],
      ['一辆车', 'a car'],
      ['锅炉房', 'the boiler room'],
    ],
  },
  gas_leak: {
    gplace: [
      ['居民楼', 'the apartment block'],
      ['饭店', 'the restaurant'],
      ['工地', 'the building site'],
      ['菜市场', 'the market'],
    ],
  },
  assault: {
    weapon: [
      ['刀', 'a knife'],
      ['棍子', 'sticks'],
      ['酒瓶', 'bottles'],
      ['砖头', 'bricks'],
    ],
  },
  theft: {
    item: [
      ['手机', 'a phone'],
      ['包', 'a handbag'],
      ['电动车', 'an e-bike'],
      ['钱包', 'a wallet'],
      ['自行车', 'a bicycle'],
    ],
    suspect: [
      ['穿黑色外套的男子', 'a man in a black jacket'],
      ['戴帽子的年轻人', 'a young guy in a cap'],
      ['两个骑摩托的人', 'two men on a motorbike'],
      ['一个瘦高的男的', 'a tall thin man'],
    ],
  },
  vandalism: {
    vtarget: [
      ['汽车玻璃', 'car windows'],
      ['公交站牌', 'the bus shelter'],
      ['监控摄像头', 'a CCTV camera'],
      ['路灯', 'the street lights'],
    ],
  },
  intrusion: {
    itarget: [
      ['仓库', 'the warehouse'],
      ['工地', 'the building site'],
      ['办公楼', 'the office building'],
      ['变电站', 'the substation'],
      ['部队大院', 'the army compound'],
    ],
  },
  surveillance: {
    actor: [
      ['一辆停着的车里有人', 'someone in a parked car'],
      ['一个拿长焦相机的男子', 'a man with a long-lens camera'],
      ['两个戴帽子的人', 'two people in caps'],
      ['一个背包的女的', 'a woman with a backpack'],
    ],
  },
  suspicious_vehicle: {
    vehicle: [
      ['白色面包车', 'a white van'],
      ['黑色SUV', 'a black SUV'],
      ['银色轿车', 'a silver sedan'],
      ['没有牌照的货车', 'a truck with no plates'],
      ['外地牌照的皮卡', 'a pickup with out-of-town plates'],
    ],
  },
  suspicious_person: {
    person: [
      ['穿黑衣服戴口罩的男子', 'a man in black with a face mask'],
      ['背大包的人', 'someone with a huge backpack'],
      ['一个中年男人', 'a middle-aged man'],
      ['一个戴墨镜的人', 'a person in sunglasses'],
    ],
  },
  drone: {
    color: [
      ['黑色', 'black'],
      ['白色', 'white'],
      ['灰色', 'grey'],
    ],
    size: [
      ['小型', 'small'],
      ['大型', 'large'],
    ],
  },
  suspicious_package: {
    container: [
      ['黑色背包', 'a black backpack'],
      ['行李箱', 'a suitcase'],
      ['纸箱', 'a cardboard box'],
      ['塑料袋', 'a plastic bag'],
    ],
  },
  traffic_accident: {
    vehicles: [
      ['公交车和小轿车', 'a bus and a car'],
      ['货车和电动车', 'a truck and an e-bike'],
      ['两辆小轿车', 'two cars'],
      ['出租车和行人', 'a taxi and a pedestrian'],
      ['三辆车', 'three cars'],
    ],
  },
  flood: {
    depth: [
      ['到脚踝', 'ankle-deep'],
      ['到膝盖', 'knee-deep'],
      ['没过轮胎', 'up to the car tyres'],
    ],
    cause: [
      ['水管爆了', 'a burst water main'],
      ['下大雨', 'the heavy rain'],
    ],
  },
  crowd: {
    size: [
      ['几十个', 'dozens of'],
      ['上百个', 'a hundred or more'],
      ['几百个', 'hundreds of'],
    ],
    nature: [
      ['聚集', 'gathering'],
      ['抗议', 'protesting'],
      ['堵路', 'blocking the road'],
    ],
  },
  medical: {
    patient: [
      ['一位老人', 'an elderly man'],
      ['一个女的', 'a woman'],
      ['一个小孩', 'a child'],
      ['一个送外卖的', 'a delivery rider'],
    ],
  },
};

const TEMPLATES = {
  fire: {
    en: [
      'There is a fire at the {building} {site}, {smoke} smoke everywhere.',
      'The {building} {site} is on fire. Flames coming out of the windows.',
      'Fire! The {building} {site} is burning and no fire engines yet.',
      'I see flames at the {building} {site}, the fire is spreading fast.',
      'A {building} caught fire {site}. Lots of {smoke} smoke.',
      'Big fire {site}, looks like the {building}.',
      'The {building} {site} has gone up in flames, people are getting out.',
    ],
    enImplicit: [
      'Thick {smoke} smoke pouring out of the {building} {site}, people are running out.',
      'Flames and {smoke} smoke {site}, it smells like burning plastic.',
      'The {building} {site} is burning, I can feel the heat from across the street.',
    ],
    zh: [
      '{site}的{building}着火了，冒着{smoke}烟。',
      '{site}{building}起火了，火很大，窗户往外冒火。',
      '失火了！{site}的{building}在烧，还没看到消防车。',
      '{site}有火灾，{building}烧起来了，{smoke}烟很浓。',
      '看到{site}{building}着火，火势在蔓延。',
      '{site}那个{building}着大火了，好多人在往外跑。',
    ],
    zhImplicit: [
      '{site}{building}冒出很浓的{smoke}烟，有人往外跑。',
      '{site}的{building}有明火，一股烧塑料的味道。',
    ],
  },
  explosion: {
    en: [
      'Loud explosion {site}, I think {source} blew up.',
      'There was an explosion {site}. Windows shattered.',
      'Something exploded {site}, people say it was {source}. Smoke now.',
      'Huge blast {site}, the whole building shook.',
      'An explosion just went off {site}, glass everywhere.',
    ],
    enImplicit: [
      'A huge bang {site}, the windows rattled and car alarms went off.',
      'Something blew up {site}, there is debris all over the road.',
    ],
    zh: [
      '{site}发生爆炸，好像是{source}炸了。',
      '{site}一声巨响，爆炸了，玻璃都碎了。',
      '{site}{source}爆炸，现在在冒烟。',
      '听到{site}那边的爆炸声，整栋楼都在晃。',
    ],
    zhImplicit: ['{site}轰的一声巨响，车的警报都响了。', '{site}什么东西炸开了，路上全是碎片。'],
  },
  gas_leak: {
    en: [
      'Strong smell of gas {site}, I think there is a gas leak in {gplace}.',
      'Gas leak {site}! Everyone is being told to leave {gplace}.',
      'A hissing pipe and a strong gas smell {site}.',
    ],
    enImplicit: ['It smells like rotten eggs {site}, really strong near {gplace}.'],
    zh: [
      '{site}{gplace}燃气泄漏，味道很大。',
      '{site}闻到很浓的煤气味，可能漏气了。',
      '{site}{gplace}的煤气管道在漏气，人都撤出来了。',
    ],
    zhImplicit: ['{site}一股臭鸡蛋味，越来越浓。'],
  },
  gunfire: {
    en: [
      'I heard {shots} gunshots {site}.',
      'Shots fired {site}! Maybe {shots} or more.',
      'Gunfire {site}, people are running.',
      'Someone is shooting {site}, I heard {shots} shots.',
    ],
    enImplicit: [
      '{shots} loud pops {site}, sounded like a gun. People ducking.',
      'Rapid bangs {site}, definitely not fireworks, everyone hid.',
    ],
    zh: [
      '{site}听到{shots}声枪响。',
      '{site}有人开枪，大概{shots}枪。',
      '{site}传来枪声，人都在跑。',
    ],
    zhImplicit: ['{site}连着{shots}声很响的啪啪声，不像鞭炮，大家都趴下了。'],
  },
  assault: {
    en: [
      'A fight {site}, {people} men attacking someone with {weapon}.',
      'Someone is being beaten up {site}, {people} people involved.',
      'Assault {site}, a man got hurt. They had {weapon}.',
      'Brawl {site}, {people} guys hitting each other.',
    ],
    enImplicit: [
      '{people} guys punching and kicking a man on the ground {site}.',
      'Screaming and blood {site}, a group went after one person with {weapon}.',
    ],
    zh: [
      '{site}有人打架，{people}个人，拿着{weapon}。',
      '{site}有人被打了，对方有{people}个人。',
      '{site}发生斗殴，有人受伤了。',
      '{site}{people}个人围殴一个人，手里有{weapon}。',
    ],
    zhImplicit: ['{site}一群人对一个人拳打脚踢，地上有血。'],
  },
  theft: {
    en: [
      '{suspectCap} just stole {item} {site}.',
      'Theft {site}: {suspect} grabbed {item} and ran.',
      'Someone snatched {item} {site}, it was {suspect}.',
      'I was robbed {site}, {suspect} took {item}.',
    ],
    enImplicit: [
      '{suspectCap} grabbed {item} from a woman {site} and ran off toward the metro.',
      'Saw {suspect} cut a lock and ride away with {item} {site}.',
    ],
    zh: [
      '{site}有人偷东西，{suspect}偷了{item}。',
      '{site}{suspect}抢了一个{item}跑了。',
      '{site}发生盗窃，被偷了{item}。',
      '我的{item}在{site}被偷了，是{suspect}。',
    ],
    zhImplicit: ['{site}{suspect}把人家的{item}拿走就跑。'],
  },
  vandalism: {
    en: [
      'Someone is smashing {vtarget} {site}.',
      'Vandalism {site}, {vtarget} broken.',
      'A group of kids breaking {vtarget} {site}.',
    ],
    enImplicit: ['Broken glass everywhere {site}, someone wrecked {vtarget}.'],
    zh: [
      '{site}有人在砸{vtarget}。',
      '{site}{vtarget}被人砸坏了。',
      '{site}有人故意破坏{vtarget}。',
    ],
    zhImplicit: ['{site}满地碎玻璃，{vtarget}全坏了。'],
  },
  intrusion: {
    en: [
      'Someone broke into {itarget} {site}.',
      'Break-in at {itarget} {site}, the door was forced open.',
      'Two people climbed over the fence of {itarget} {site}.',
    ],
    enImplicit: ['Torches moving around inside {itarget} {site}, it should be empty at night.'],
    zh: [
      '{site}有人闯入{itarget}。',
      '有人翻墙进了{site}的{itarget}。',
      '{site}{itarget}的门被撬开了，有人进去了。',
    ],
    zhImplicit: ['{site}{itarget}里面有手电筒的光在晃，晚上应该没人。'],
  },
  surveillance: {
    en: [
      '{actorCap} photographing {starget} for the last half hour.',
      '{actorCap} is filming {starget}, seems to be watching who goes in.',
      'A parked car near {starget}, someone inside taking pictures of the gate.',
      '{actorCap} keeps taking photos of {starget} and writing notes.',
    ],
    enImplicit: ['{actorCap} has been watching {starget} for an hour, zooming in on the guards.'],
    zh: [
      '{actor}在对着{starget}拍照，已经半个小时了。',
      '{starget}附近{actor}一直在拍摄进出的人。',
      '有辆车停在{starget}对面，车里的人在拍大门。',
      '{actor}在{starget}外面偷拍，还在记东西。',
    ],
    zhImplicit: ['{actor}一直盯着{starget}看，用望远镜看哨兵。'],
  },
  suspicious_vehicle: {
    en: [
      'Suspicious vehicle {site}: {vehicle} parked with the engine running for hours.',
      '{vehicleCap} keeps circling {site}, the plate starts with {plate}.',
      '{vehicleCap} parked {site} since morning, windows blacked out. Looks suspicious.',
    ],
    enImplicit: [
      '{vehicleCap} with covered plates idling {site}, two men inside watching the entrance.',
    ],
    zh: [
      '{site}有一辆{vehicle}很可疑，一直没熄火。',
      '{site}一辆{vehicle}来回转了好几圈，车牌是{plate}开头。',
      '{vehicle}在{site}停了很久，车窗全黑，很可疑。',
    ],
    zhImplicit: ['{site}停着一辆遮了牌照的{vehicle}，里面两个人一直盯着门口。'],
  },
  suspicious_person: {
    en: [
      'Suspicious person {site}: {person} trying car door handles.',
      '{personCap} loitering {site} for an hour, looking into cars. Very suspicious.',
      '{personCap} acting strangely {site}, following people.',
    ],
    enImplicit: ['{personCap} hanging around {site} checking every parked car.'],
    zh: [
      '{site}有个可疑的人，{person}在拉车门。',
      '{person}在{site}转悠了一个小时，往车里看，很可疑。',
      '{site}有{person}鬼鬼祟祟的，一直跟着别人。',
    ],
    zhImplicit: ['{site}{person}挨个试停着的车门。'],
  },
  drone: {
    en: [
      'A {color} drone hovering over {starget}.',
      'Drone flying low over {starget}, a {size} one with a camera.',
      'There is a {size} {color} drone circling {starget}.',
    ],
    enImplicit: [
      'Something with blinking lights and propellers hovering above {starget}, buzzing loudly.',
      'A {size} {color} quadcopter over {starget}.',
    ],
    zh: [
      '{starget}上空有一架{color}无人机在盘旋。',
      '有{size}无人机在{starget}上面低空飞。',
      '一架{color}的{size}无人机一直在{starget}上方拍。',
    ],
    zhImplicit: [
      '{starget}上面有个带灯的东西在嗡嗡地悬停，有螺旋桨。',
      '{starget}上空有个航拍器在转。',
    ],
  },
  suspicious_package: {
    en: [
      'Suspicious package {site}: {container} left alone for an hour.',
      'Someone left {container} {site} and walked away quickly. Unattended bag.',
      '{containerCap} abandoned {site}, nobody claims it. Suspicious.',
    ],
    enImplicit: ['{containerCap} sitting {site} since morning, wires sticking out of it.'],
    zh: [
      '{site}有一个可疑包裹，是{container}，放了一个多小时没人管。',
      '{site}有人丢下{container}就走了，可疑物品。',
      '{site}发现无人看管的{container}，很可疑。',
    ],
    zhImplicit: ['{site}有个{container}从早上放到现在，还露着电线。'],
  },
  traffic_accident: {
    en: [
      'Traffic accident {site}, {vehicles} collided.',
      'Crash {site} between {vehicles}, someone is hurt.',
      'Car accident {site}: {vehicles}. Traffic is blocked.',
    ],
    enImplicit: ['{vehiclesCap} smashed into each other {site}, glass all over the road.'],
    zh: [
      '{site}发生车祸，{vehicles}撞了。',
      '{site}交通事故，{vehicles}相撞，有人受伤。',
      '{site}{vehicles}撞在一起，路堵死了。',
    ],
    zhImplicit: ['{site}{vehicles}碰了，满地玻璃渣。'],
  },
  flood: {
    en: [
      'Flooding {site}, the water is {depth} because of {cause}.',
      'The road {site} is flooded, {depth}.',
      'Water everywhere {site} from {cause}, {depth} and rising. Flood.',
    ],
    enImplicit: ['{depthCap} water across the road {site}, cars stuck.'],
    zh: [
      '{site}被淹了，水{depth}，是{cause}。',
      '{site}积水很深，{depth}了。',
      '{site}{cause}，路上都是水，淹了。',
    ],
    zhImplicit: ['{site}路面全是水，{depth}，车都开不动了。'],
  },
  crowd: {
    en: [
      'A crowd of {size} people {nature} {site}.',
      'Large crowd {site}, {size} people, {nature}.',
      'Protest {site}, {size} people with banners.',
    ],
    enImplicit: ['{sizeCap} people standing in the road {site} shouting slogans.'],
    zh: [
      '{site}有{size}人在{nature}。',
      '{site}聚集了{size}人，在{nature}。',
      '{site}有人抗议，{size}人拉横幅。',
    ],
    zhImplicit: ['{site}{size}人站在路上喊口号。'],
  },
  medical: {
    en: [
      'Medical emergency {site}: {patient} collapsed and is not breathing well.',
      '{patientCap} fainted {site}, needs an ambulance.',
    ],
    enImplicit: ['{patientCap} fell down {site} and is not moving.'],
    zh: ['{site}{patient}晕倒了，需要救护车。', '{site}有{patient}倒地不起，呼吸困难。'],
    zhImplicit: ['{site}{patient}突然倒在地上不动了。'],
  },
};

/** Narratives that name no kind at all: anything may be behind them. */
const AMBIGUOUS = {
  en: [
    'Something is going on {site}, lots of police cars.',
    'People screaming {site}, something happened.',
    'Not sure what is happening {site}, everyone is staring.',
  ],
  zh: [
    '{site}出事了，来了很多警车。',
    '{site}好多人在喊，不知道发生了什么。',
    '{site}不知道怎么回事，围了好多人。',
  ],
};

const OPENERS = {
  en: [
    '',
    '',
    '',
    'Hi, ',
    'Hello. ',
    'Urgent: ',
    'Reporting: ',
    'Caller reports: ',
    'Please help. ',
    'FYI: ',
  ],
  zh: ['', '', '', '你好，', '您好，我要报警，', '紧急！', '报告：', '来电人称：', '麻烦你们，'],
};
const CLOSERS = {
  en: [
    '',
    '',
    '',
    ' Please send someone.',
    ' It is still going on.',
    ' I am safe, watching from a distance.',
    ' I left the area.',
    ' Please check it out.',
    ' Thanks.',
    ' Police not here yet.',
    ' I took a video.',
    ' Not sure if anyone else called.',
  ],
  zh: [
    '',
    '',
    '',
    '请尽快派人来。',
    '现在还在继续。',
    '我已经走远了。',
    '请核实一下。',
    '谢谢。',
    '警察还没到。',
    '我拍了视频。',
    '不知道有没有别人报过。',
  ],
};
const REPEAT_PREFIXES = {
  en: ['Calling again: ', 'I called earlier. ', 'Update to my earlier call: ', 'Me again. '],
  zh: ['再次来电：', '我刚才打过电话，', '补充一下：', '又是我，'],
};

/** A witness's place inside a narrative: the event's site, or a place near the witness. */
export function sitePhrase(rng, lang, site) {
  const [streetZh, streetEn] = site.street;
  const [street2Zh, street2En] = site.street2;
  const [featureZh, featureEn] = site.feature;
  if (lang === 'zh') {
    return rng.pick([
      `${streetZh}${featureZh}附近`,
      `${streetZh}${featureZh}门口`,
      `${streetZh}和${street2Zh}交叉口`,
      `${streetZh}${featureZh}旁边`,
      `${streetZh}上`,
      '我家楼下',
      '我们小区对面',
      `附近的${featureZh}`,
    ]);
  }
  return rng.pick([
    `near the ${featureEn} on ${streetEn}`,
    `on ${streetEn} by the ${featureEn}`,
    `outside the ${featureEn} on ${streetEn}`,
    `at the corner of ${streetEn} and ${street2En}`,
    `on ${streetEn}`,
    'near my building',
    'across the street from me',
    `next to the ${featureEn}`,
  ]);
}

/** One draw of an event's attributes: slot → [Chinese, English]. */
export function eventAttributes(rng, kind) {
  const attrs = {};
  for (const [slot, values] of Object.entries(ATTRS[kind] ?? {})) attrs[slot] = rng.pick(values);
  if (kind === 'gunfire') {
    const n = rng.int(2, 9);
    attrs.shots = [String(n), String(n)];
  }
  if (kind === 'assault') {
    const n = rng.int(2, 6);
    attrs.people = [String(n), String(n)];
  }
  if (kind === 'suspicious_vehicle') {
    const plate = `京${rng.pick('ABCEFGHJKLMNPQ'.split(''))}${rng.digits(2)}`;
    attrs.plate = [plate, plate];
  }
  return attrs;
}

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function fill(template, lang, slots) {
  return template.replace(/\{(\w+?)(Cap)?\}/g, (_, name, cap) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`no value for {${name}} in "${template}"`);
    const text = Array.isArray(value) ? value[lang === 'zh' ? 0 : 1] : value;
    return cap ? capitalize(text) : text;
  });
}

function frame(rng, lang, body, prefix = '') {
  const opener = prefix || rng.pick(OPENERS[lang]);
  let text = body;
  // "Hi, a fight…", not "Hi, A fight…".
  if (lang === 'en' && opener.endsWith(', ')) text = text.charAt(0).toLowerCase() + text.slice(1);
  const closer = rng.pick(CLOSERS[lang]);
  return (opener + text + closer).trim();
}

/**
 * What one witness says about an event. `mode`: `explicit` names the kind,
 * `implicit` describes it without its usual words, `ambiguous` names nothing.
 * `repeat` > 0 for a repeat caller's later calls.
 */
export function witnessNarrative(rng, { kind, attrs, lang, site, sensitive, mode, repeat = 0 }) {
  const slots = { ...attrs, site: sitePhrase(rng, lang, site), starget: sensitive };
  const bank = TEMPLATES[kind];
  let template;
  if (mode === 'ambiguous') template = rng.pick(AMBIGUOUS[lang]);
  else if (mode === 'implicit')
    template = rng.pick(bank[lang === 'zh' ? 'zhImplicit' : 'enImplicit']);
  else template = rng.pick(bank[lang]);
  const prefix = repeat > 0 ? rng.pick(REPEAT_PREFIXES[lang]) : '';
  return frame(rng, lang, fill(template, lang, slots), prefix);
}

/** A sensor's alarm text (a partner feed of smoke, water and gas detectors). */
export function sensorNarrative(rng, kind, site) {
  const building = rng.int(1, 30);
  const floor = rng.int(1, 25);
  const street = site.street[1];
  switch (kind) {
    case 'fire':
      return rng.chance(0.5)
        ? `Smoke detector alarm: building ${building}, floor ${floor}, ${street}.`
        : `烟感报警：${site.street[0]}${building}号楼${floor}层。`;
    case 'flood':
      return `Water level sensor alarm on ${street}: ${rng.int(15, 60)} cm above the kerb.`;
    default:
      return `Gas concentration alarm (${rng.int(300, 2000)} ppm) at ${street}, building ${building}.`;
  }
}

export const SENSOR_KINDS = new Set(['fire', 'flood', 'gas_leak']);

const HEADLINES = {
  fire: ['a huge fire', '大火'],
  explosion: ['a massive explosion', '大爆炸'],
  gas_leak: ['a toxic gas leak', '毒气泄漏'],
  gunfire: ['a shooting', '枪击'],
  assault: ['people being attacked with knives', '有人持刀砍人'],
  theft: ['a gang robbing people', '抢劫团伙'],
  vandalism: ['gangs smashing cars', '有人砸车'],
  intrusion: ['armed men breaking in', '持械闯入'],
  surveillance: ['foreign agents photographing the base', '外国间谍在拍照'],
  suspicious_vehicle: ['a car full of explosives', '一辆装满炸药的车'],
  suspicious_person: ['a child kidnapper', '人贩子'],
  drone: ['spy drones', '间谍无人机'],
  suspicious_package: ['a bomb', '发现炸弹'],
  traffic_accident: ['a terrible crash with many dead', '严重车祸死了好多人'],
  flood: ['the whole street under water', '整条街被淹'],
  crowd: ['a riot', '暴乱'],
  medical: ['people collapsing in the street', '有人在街上晕倒'],
};
const CAMPAIGN_TEMPLATES = {
  en: [
    'URGENT!!! {headline} {where}! Stay away and share with everyone!',
    'BREAKING: {headline} {where}. They are hiding it from us. Share!',
    'Friends, avoid {where} today, {headline}. Pass it on.',
    'Just heard from a friend: {headline} {where}!!! Why is nobody reporting this?',
  ],
  zh: [
    '紧急扩散！！！{where}{headline}，大家千万别去，转发！',
    '【突发】{where}{headline}，官方还没通报，大家注意安全！',
    '家人们，{where}{headline}了，看到的转一下。',
    '朋友刚说的：{where}{headline}！！！为什么没有新闻报道？',
  ],
};

/** The original text of a copy-paste campaign about `kind` at `where` (a place in words). */
export function campaignNarrative(rng, kind, lang, where) {
  const headline = HEADLINES[kind][lang === 'zh' ? 1 : 0];
  const text = fill(rng.pick(CAMPAIGN_TEMPLATES[lang]), lang, { headline, where });
  return lang === 'en' ? capitalize(text) : text;
}

const EMOJI = ['🙏', '⚠️', '😱', '‼️', '🔥', '😡'];

/**
 * One to three small edits of a campaign's text: what copying and pasting does to it
 * (an emoji, a tag, "RT:", a doubled "!", a word swapped, at most one typo, and a
 * typo only in a text long enough to stay recognisable).
 */
export function campaignCopy(rng, text, lang) {
  let out = text;
  let typo = false;
  const edits = rng.int(1, 3);
  for (let i = 0; i < edits; i++) {
    const r = rng.next();
    if (r < 0.2) out = out + ' ' + rng.pick(EMOJI);
    else if (r < 0.35)
      out = lang === 'zh' ? out.replace(/！！！|！/, '！！') : out.replace(/!!!|!/, '!!');
    else if (r < 0.5)
      out = (lang === 'zh' ? rng.pick(['转：', '扩散：']) : rng.pick(['RT: ', 'Fwd: '])) + out;
    else if (r < 0.65)
      out =
        out +
        (lang === 'zh'
          ? rng.pick(['求扩散', ' #突发#', '转发'])
          : rng.pick([' #breaking', ' Please share', ' #alert']));
    else if (r < 0.85 && !typo && out.length >= 40) {
      // A typo: two neighbouring characters swapped, or one dropped.
      typo = true;
      const at = rng.int(1, out.length - 3);
      out = rng.chance(0.5)
        ? out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2)
        : out.slice(0, at) + out.slice(at + 1);
    } else out = lang === 'zh' ? out.replace('大家', '各位') : out.replace('everyone', 'everybody');
  }
  return out;
}

const MUNDANE = {
  en: [
    "My neighbour's dog barks all night {site}.",
    'The street light is out {site}, it is very dark.',
    'I lost my wallet {site}, maybe someone handed it in?',
    'Loud music from a bar {site} every night.',
    'Rubbish has not been collected {site} for a week.',
    'A pothole {site} damaged my tyre.',
    'Someone keeps parking in front of my garage {site}.',
    'I think my phone was hacked, strange messages.',
    'Street vendors blocking the pavement {site}.',
    'There is a strange smell from the drains {site}, been like this for days.',
    'My elderly mother did not answer her phone today, can someone check?',
    'A fake ticket seller {site}, took my money online.',
  ],
  zh: [
    '{site}邻居家的狗整晚叫。',
    '{site}路灯坏了，晚上很黑。',
    '我在{site}丢了钱包，有没有人捡到？',
    '{site}的酒吧每天晚上音乐太吵。',
    '{site}垃圾一个星期没人收了。',
    '{site}有个大坑，把我的轮胎弄坏了。',
    '{site}总有人把车停在我家车库门口。',
    '楼上装修噪音太大，天天这样。',
    '{site}有小贩占道经营。',
    '{site}下水道有怪味，好几天了。',
    '我的手机好像被盗号了，收到奇怪的短信。',
    '网上买票被骗了，对方在{site}附近。',
  ],
};

/** A report about nothing the tip line is for. */
export function mundaneNarrative(rng, lang, site) {
  return frame(
    rng,
    lang,
    fill(rng.pick(MUNDANE[lang]), lang, { site: sitePhrase(rng, lang, site) }),
  );
}
