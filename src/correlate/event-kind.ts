/**
 * What kind of event a report is about (domain/event-kinds.ts), read at intake from its
 * category or its narrative: the narrative is sealed afterwards, so this is the one
 * place that sees its words. A pure keyword classifier, English and Chinese; it names
 * every kind the text names, and none when in doubt: a report naming no kind is
 * compatible with every incident, one naming the wrong kind is kept apart from its own.
 *
 * English matches whole words (lower case, NFKC) with the usual inflections written
 * into each pattern ("fire", "fires", "burning", "smoke", "flames"). Chinese matches
 * substrings, after a small traditional → simplified map of the characters the patterns
 * use (火災 → 火灾, 槍聲 → 枪声, 監視 → 监视).
 *
 * False friends are masked before a kind's patterns run, per kind:
 * - "fired from his job", "fire exit", "fire station", "open fire" and "shots fired"
 *   are not a fire (the last two are gunfire); "fired" alone names nothing.
 * - "took shots of the gate", "vaccine shots", "shooting a video" are not gunfire
 *   (the first and the last are photographing).
 * - The reporter's own evidence is not surveillance: "I took photos", "我拍了照片",
 *   "photos attached", CCTV footage, 监控录像.
 * - 偷拍 (secretly photographing) is not theft; "heart attack" is not an assault;
 *   "flooded with calls" is not a flood; a building that collapsed is not a medical
 *   emergency.
 * Events described rather than named are read too, in both languages: "ankle-deep water
 * across the road" is a flood, 臭鸡蛋味 (the smell added to gas) a gas leak, "fell down and
 * is not moving" a medical emergency, 两个人把人家的钱包拿走就跑 a theft, "torches moving
 * inside" a building that should be empty an intrusion; without them a report that only
 * describes fits an incident of any kind (measured on the scenario: BENCHMARKS.md).
 * Routine complaints name `routine` (a neighbour's dog, loud music, a street light out,
 * a pothole, a lost wallet, a scam, 占道经营), but only when the text names no event:
 * "someone smashed the street lights" is vandalism alone.
 * Ambiguous sounds ("a loud bang", 巨响) name nothing: gunshot or explosion is for the
 * reporter to say. Negation is not understood ("no smoke" names a fire): reporters
 * seldom report what did not happen, and a wrong kind only widens what a report may
 * join when it names another kind of the same group.
 *
 * Work is bounded: only the first KINDS_MAX_CHARS of a text are read.
 */
import {
  EVENT_KIND_CODES,
  EVENT_KINDS,
  isEventKind,
  type EventKind,
} from '../domain/event-kinds.js';

/** UTF-16 units of a text that are classified; a narrative says what happened early on. */
export const KINDS_MAX_CHARS = 20_000;

/** One kind's words: English patterns (whole words), Chinese patterns (substrings), and what to mask first. */
interface KindWords {
  en: readonly string[];
  zh: readonly string[];
  notEn?: readonly string[];
  notZh?: readonly string[];
}

/** Up to a few words between two parts of a phrase ("a white, unmarked van"). */
const gap = (most: number) => `(?:[\\w'-]+,? ){0,${most}}?`;
/** A Chinese character within one clause. */
const CLAUSE = '[^,.!?;。、\\n]';
const inClause = (most: number) => `${CLAUSE}{0,${most}}?`;

const VEHICLE =
  '(?:cars?|vans?|minivans?|trucks?|lorr(?:y|ies)|vehicles?|suvs?|pick-?ups?|sedans?|jeeps?|' +
  'motorbikes?|motorcycles?|scooters?|taxis?|cabs?|minibus(?:es)?|4x4s?|hatchbacks?)';
/** What someone watching a place watches. */
const WATCHED =
  '(?:bases?|gates?|entrances?|checkpoints?|guards?|soldiers?|sentr(?:y|ies)|buildings?|compound|' +
  'facility|facilities|perimeter|fences?|barracks|camp|airfield|airport|runway|port|harbou?r|docks?|' +
  'depot|installation|site|station|embassy|consulate|school|house|office|plant|substation|bridge|' +
  'ships?|warships?|aircraft|planes?|jets?|hangars?|troops|patrols?|us|me)';
const PICTURES =
  '(?:photos?|pictures?|pics?|photographs?|videos?|footage|images?|snapshots?|recordings?)';
const WEAPON =
  '(?:guns?|pistols?|rifles?|handguns?|firearms?|knife|knives|machetes?|weapons?|bats?|baseball bats?|axes?)';
const SOMEONE =
  '(?:him|her|them|someone|somebody|me|us|people|(?:a|the|another) (?:man|woman|person|guard|soldier|officer|boy|girl|child|kid))';

const WORDS: Record<EventKind, KindWords> = {
  fire: {
    en: [
      'fires?',
      'ablaze',
      'blaz(?:e|es|ed|ing)',
      'burn(?:s|ed|t|ing)?',
      'flames?',
      'inferno',
      'smoke',
      'smoky',
      'smou?lder(?:ing|ed)?',
      'billowing',
      'arson(?:ist)?s?',
      '(?:wild|bush|forest|grass)fires?',
      'firefight(?:er|ers|ing)',
      'fire(?:man|men)',
      'embers',
      'set alight',
    ],
    zh: [
      '火灾',
      '着火',
      '起火',
      '失火',
      '火情',
      '大火',
      '火势',
      '火警',
      '冒烟',
      '浓烟',
      '黑烟',
      '烟雾',
      '火光',
      '燃烧',
      '烧起来',
      '烧着',
      '火焰',
      '明火',
      '纵火',
      '放火',
      '火苗',
      '烧毁',
      '火海',
      '冒火',
      '焦糊味',
      '烧焦',
      `冒出${inClause(6)}烟`,
      '(?:白|灰|黑|浓|青)烟(?:滚滚|直冒|弥漫)',
    ],
    notEn: [
      'fire (?:exits?|escapes?|doors?|hydrants?|extinguishers?|stations?|drills?|hall|lane|assembly points?|alarm tests?)',
      '(?:open|opens|opened|opening|return|returned|returning|exchange of|exchanged|under|cease|hold your|heavy|rapid|automatic|gun|cross|machine[- ]gun|sniper|small[- ]arms|mortar|artillery|line of) fire',
      `fire (?:a |the |his |her |their |two |three |several |some |warning )?(?:${WEAPON}|shots?|rounds?|bullets?|off)`,
      'fire (?:at will|away|him|her|me|them|you|us|everyone|staff|workers)',
      '(?:(?:having|have|had|take|took|taking) a|for a) smoke',
      'smoke (?:a |some )?(?:cigarettes?|cigars?|weed|pot|joints?|crack|meth|breaks?)',
      'smoke (?:bombs?|grenades?)',
      'burn(?:ing|ed|t)? (?:rubber|out|calories)',
      'burning (?:sensation|desire|question)',
    ],
    notZh: ['火警演练', '消防演练', '大火车站'],
  },
  explosion: {
    en: [
      'explosions?',
      'explod(?:e|es|ed|ing)',
      'blasts?',
      'detonat(?:e|es|ed|ing|ion|ions)',
      'blew up',
      'blown up',
      'blow(?:ing)? up',
      'bombs? (?:went|going|goes) off',
      'bombings?',
      'shock ?waves?',
    ],
    zh: ['爆炸', '爆燃', '炸开', '炸毁', '引爆', '炸飞', '炸伤', '炸响'],
    notEn: [
      '(?:blew|blown|blow|blowing) up (?:at|on) (?:me|him|her|us|them)',
      '(?:blew|blown|blow|blowing) up (?:balloons?|the (?:photo|picture|image))',
      '(?:had|having|have) a blast',
    ],
    notZh: ['爆炸物', '爆炸装置', '爆炸性'],
  },
  gas_leak: {
    en: [
      'gas (?:leaks?|leaking|leakage|escape|escaping|smell|odou?rs?)',
      'leak(?:ing|ed|s)? (?:of )?gas',
      'smell(?:s|ed|ing)? (?:of |like )?gas',
      '(?:chemical|ammonia|chlorine|toxic) (?:leaks?|spills?|gas|fumes|cloud)',
      'carbon monoxide',
      // Rotten eggs: the smell added to household gas.
      `(?:smell(?:s|ed|ing)?|stinks?|stench|odou?rs?) ${gap(2)}(?:of |like )?rotten eggs?`,
      'rotten eggs? (?:smell|stench|odou?r)s?',
      'hissing (?:gas )?(?:pipes?|mains?|meters?|cylinders?)',
    ],
    zh: [
      '(?:煤气|燃气|天然气|液化气|瓦斯|毒气|氨气|氯气|有毒气体|气体|化学品)(?:泄漏|泄露|外泄|泄|漏)',
      '漏(?:煤气|燃气|天然气|液化气)',
      '(?:煤气|燃气|天然气|液化气|瓦斯)味',
      '闻到(?:[^,.!?;。、\\n]{0,4}?)(?:煤气|燃气|天然气|瓦斯|臭鸡蛋)',
      `(?:煤气|燃气|天然气|液化气)${inClause(4)}(?:漏气|泄漏|泄露|外泄)`,
      // Rotten eggs: the smell added to household gas.
      '臭鸡蛋(?:的)?(?:味|气味)',
      // Air leaking from a tyre or a ball is not gas.
      '(?<!轮胎|车胎|胎|气球|球)漏气',
      '燃气公司',
    ],
    notEn: ['tear ?gas'],
  },
  gunfire: {
    en: [
      'gun ?shots?',
      'gun ?fire',
      'gun ?fights?',
      'gun ?battles?',
      'shoot-?outs?',
      'fire ?fights?',
      'cross-?fire',
      'shots? (?:(?:were|was|being|been|got|had been|have been) )?fired',
      `fired ${gap(2)}(?:shots?|rounds?|bullets?|${WEAPON}|into the air|in the air|warning shots?)`,
      `fired (?:at|on|upon) (?:${SOMEONE}|police|officers?|guards?|soldiers?|the crowd|the car|a car)`,
      `fir(?:e|es|ing) (?:a |the |his |her |their )?(?:${WEAPON}|shots?|rounds?)`,
      '(?:open|opens|opened|opening|return|returned|returning|exchange of|exchanged|under|heavy|rapid|automatic|machine[- ]gun|sniper|small[- ]arms) fire',
      'shots?',
      'shootings?',
      'shooters?',
      '(?:was|were|been|got|get|gets|getting|being) shot',
      `shot (?:at|dead|${SOMEONE})`,
      'guns? (?:went|going|goes) off',
      'bullets?',
      'bullet holes?',
      `(?:sound(?:ed|s)?|sounding) (?:just )?like (?:a |an )?(?:guns?|gunshots?|gunfire|shots?|shooting|rifles?|pistols?)`,
      `(?:bangs|pops|cracks) ${gap(6)}(?:not|weren't|wasn't|were not|was not|definitely not|certainly not) (?:fireworks|firecrackers|a car backfiring)`,
      'gun(?:man|men)',
      'snipers?',
    ],
    zh: [
      '枪声',
      '枪响',
      '开枪',
      '开火',
      '枪击',
      '鸣枪',
      '枪战',
      '中枪',
      '中弹',
      '射击',
      '交火',
      '扫射',
      '(?:啪啪|砰砰|噼啪)[^。.!?\\n]{0,9}(?:不像|不是)(?:鞭炮|烟花|放炮)',
      '枪杀',
      '冷枪',
    ],
    notEn: [
      'shots? of',
      `(?:take|takes|took|taken|taking|snap|snapped|snapping|get|got|getting|grab|grabbed) (?:a |some |a few |several |more |quick |good |close-up )*shots?`,
      '(?:photo|camera|video|group|flu|vaccine|booster|covid|mug|head|close-up|long|screen|moon|jump|free|slap|big|hot|tequila|vodka) ?shots?',
      `shooting (?:a |an |some |the )?(?:${PICTURES}|films?|scenes?|movies?|commercials?|music videos?|the breeze|hoops|stars?|range|gallery)`,
      'photo ?shoots?',
      '(?:long|big|best) shot',
      'shot (?:glass|put|caller)',
      'bullet (?:points?|proof|train)',
    ],
    notZh: ['射击场', '射击馆', '射击比赛', '射击训练'],
  },
  assault: {
    en: [
      'assault(?:s|ed|ing)?',
      'attack(?:s|ed|ing)?',
      'attackers?',
      'assailants?',
      'fights?',
      'fighting',
      'fought',
      'fist ?fights?',
      'brawl(?:s|ing)?',
      'punch(?:ed|es|ing)?',
      'beat(?:en)? up',
      'beatings?',
      'stab(?:s|bed|bing|bings)?',
      'knifed',
      'scuffles?',
      'altercations?',
      'violen(?:ce|t)',
      `(?:hit|hitting|kick|kicked|kicking|slapped|slapping|pushed|shoved|shoving|strangl(?:ed|ing)) ${SOMEONE}`,
      `(?:waving|brandishing|pointing|pointed|holding|carrying|pulled|pulled out|wielding|armed with) (?:a |an |his |her |their )?${WEAPON}`,
      'armed (?:man|men|person|people|group|gang|suspects?|robbers?)',
      'at (?:gun|knife)-?point',
      `threaten(?:ed|ing|s)? ${gap(3)}with`,
      `went (?:after|for) ${gap(2)}(?:man|woman|person|boy|girl|someone|him|her) with`,
    ],
    zh: [
      '打架',
      '斗殴',
      '殴打',
      '打人',
      '被打了',
      '被打伤',
      '被人打',
      '被殴',
      '袭击',
      '持刀',
      '砍人',
      '砍伤',
      '捅伤',
      '捅了',
      '刺伤',
      '群殴',
      '围殴',
      '围攻',
      '互殴',
      '扭打',
      '打起来',
      '动手打',
      '拳打脚踢',
      '暴力',
      '行凶',
      '持枪',
      '持械',
      '打斗',
      '挥舞着?(?:刀|棍|枪|砍刀)',
      '拿着?(?:刀|棍棒|砍刀|枪)',
    ],
    notEn: [
      '(?:heart|panic|asthma|anxiety|allergic|allergy) attacks?',
      '(?:fight|fights|fighting|fought|battle|battling|tackle|tackling) (?:the |a )?(?:fire|blaze|flames)',
      'fire ?fights?',
      'fighting for (?:breath|air|(?:his |her |their )?li(?:fe|ves))',
      '(?:heart|drum) ?beat(?:s|ing)?',
      'beating (?:heart|drums?|the (?:traffic|heat|rush))',
      `${VEHICLE} ${gap(2)}hit`,
      'punch(?:ed|ing)? (?:the clock|cards?|lines?)',
    ],
  },
  theft: {
    en: [
      'thefts?',
      'thie(?:f|ves)',
      'steal(?:s|ing)?',
      'stole(?:n)?',
      'robb(?:ed|ing|ery|eries|er|ers)',
      'shoplift(?:ing|er|ers|ed)?',
      'pickpocket(?:s|ed|ing)?',
      'mugg(?:ed|ing|er|ers)',
      'snatch(?:ed|ing|er|ers)',
      'car-?jack(?:ed|ing|er|ers)?',
      'loot(?:ed|ing|ers)',
      'hold-?ups?',
      'held up at (?:gun|knife)-?point',
      'siphon(?:ed|ing)? (?:fuel|petrol|gas|diesel)',
      `(?:grabbed|grabs|grabbing|snatched|yanked|took) ${gap(3)}(?:bags?|handbags?|purses?|wallets?|phones?|mobiles?|necklaces?|backpacks?|laptops?|bikes?|bicycles?|scooters?) ${gap(10)}(?:ran|run|running|rode|riding|sped|fled|fleeing|made off|got away)`,
    ],
    zh: [
      '盗窃',
      '偷窃',
      '偷盗',
      '被盗',
      '失窃',
      '被偷',
      '偷走',
      '偷了',
      '小偷',
      '偷东西',
      '偷车',
      '偷油',
      '盗走',
      '盗取',
      '窃贼',
      '盗贼',
      '抢劫',
      '抢走',
      '抢夺',
      '打劫',
      '扒手',
      '扒窃',
      '抢包',
      '飞车抢',
      '顺手牵羊',
      '抢了',
      `(?:拿走|抢走|夺走|拽走|抓走|抢过)${inClause(3)}(?:就跑|跑了|逃了|溜了)`,
      `(?:拿|抢|夺|拽|抓)${inClause(9)}(?:包|钱包|手机|项链|手提包|挎包)${inClause(2)}就?(?:跑|逃|溜)`,
    ],
    notEn: ['st(?:ole|eal|ealing) (?:a )?glances?', 'st(?:ole|eal|ealing) the (?:show|spotlight)'],
    notZh: ['偷拍', '偷窥', '偷看', '偷录', '偷听', '(?<!小)偷偷', '被?盗号'],
  },
  vandalism: {
    en: [
      'vandal(?:s|ism|i[sz]ed|i[sz]ing)?',
      'graffiti',
      'spray[- ]?paint(?:ed|ing)?',
      'defac(?:ed|ing)',
      `(?:smash|smashed|smashing|broke|broken|breaking|shattered|shattering|slashed|slashing|keyed|kicked in|kicking in|trashed|wrecked) ${gap(3)}(?:windows?|windscreens?|windshields?|tyres?|tires?|doors?|cars?|vehicles?|mirrors?|signs?|cameras?|cctv|fences?|gates?|lights?|street ?lights?|property|walls?|locks?|glass|shop ?fronts?|bus shelters?|benches|letterbox(?:es)?|mailbox(?:es)?)`,
      `(?:windows?|windscreens?|windshields?|glass|doors?|tyres?|tires?|cameras?|mirrors?) ${gap(2)}(?:smashed|shattered|broken|slashed|kicked in)`,
    ],
    // Vehicles that hit each other: an accident, glass or not.
    notEn: ['(?:smash|smashed|smashing|smashes) into (?:each other|one another)'],
    zh: [
      '破坏',
      '毁坏',
      '损毁',
      '砸',
      '涂鸦',
      '喷漆',
      '乱涂',
      '划车',
      '划伤车',
      '扎胎',
      '扎破轮胎',
      '打碎',
      `(?:路灯|灯|站牌|广告牌|摄像头|玻璃|车窗|橱窗|门窗|栏杆|座椅|长椅)${inClause(2)}(?:全|都)(?:坏|碎|破)了`,
    ],
  },
  intrusion: {
    en: [
      'break-?ins?',
      '(?:broke|broken|breaking|break) in(?:to)?',
      'burglar(?:s|y|ies|i[sz]ed)?',
      'burgl(?:ed|ing)',
      'trespass(?:ing|er|ers|ed|es)?',
      'intru(?:der|ders|sion|sions|ded|ding)',
      '(?:climb|climbs|climbed|climbing|jump|jumps|jumped|jumping|scal(?:e|ed|ing)|hopp(?:ed|ing)|got over|getting over|went over) (?:over |up |onto |through |across )?(?:the |a )?(?:fences?|walls?|gates?|perimeter|barriers?|railings?)',
      'cut(?:ting)? (?:through |a hole in )?(?:the |a )?(?:fences?|wires?|locks?|padlocks?|chains?)',
      'forc(?:ed|ing) (?:(?:the |a )?(?:doors?|windows?|locks?|gates?) open|entry|(?:his|their|her|a|my) way in)',
      '(?:sneak|sneaks|sneaked|sneaking|snuck|crept|creeping) in(?:to)?',
      'unauthori[sz]ed (?:entry|access|persons?|people|individuals?)',
      '(?:entered|got in|went in|gone in) without (?:permission|authori[sz]ation)',
      'pick(?:ed|ing) the lock',
      'jimm(?:ied|y|ying)',
      'pr(?:ied|ying) open',
      `(?:torch(?:es)?|flashlights?|torchlight|lights?) (?:moving|flashing|shining|waving|bobbing) ${gap(2)}inside`,
    ],
    zh: [
      '闯入',
      '擅闯',
      '私闯',
      '硬闯',
      '强闯',
      '入室',
      '翻墙',
      '翻越',
      '翻进',
      '爬进',
      '钻进',
      '撬门',
      '撬锁',
      '撬开',
      '撬窗',
      '破门',
      '溜进',
      '潜入',
      '强行进入',
      '非法进入',
      '擅自进入',
      '入侵',
      '剪断(?:铁丝网|围栏|锁)',
      `${inClause(8)}(?:里面?|内)${inClause(4)}手电(?:筒)?(?:的)?光`,
    ],
    notEn: [
      'break in (?:the )?(?:weather|rain|clouds|traffic)',
      '(?:broke|breaking|break) into (?:tears|a run|a sprint|song|laughter|a smile)',
    ],
  },
  surveillance: {
    en: [
      'surveil(?:s|led|ling|lance)?',
      'spy(?:ing)?',
      'spied',
      'spies',
      'espionage',
      'photograph(?:ed|ing)',
      `photographs? (?:the |our |of the |of our )?${WATCHED}`,
      `(?:take|takes|took|taken|taking|snap|snaps|snapped|snapping|shoot|shoots|shooting|make|making|made) ${gap(3)}(?:${PICTURES}|notes)`,
      'film(?:ed|ing)',
      'video(?:ed|ing|taped|taping)',
      `record(?:ed|ing|s)? (?:the |our )?(?:${WATCHED}|videos?|footage)`,
      `(?:watch|watches|watched|watching|observ(?:e|es|ed|ing)|monitor(?:s|ed|ing)?|stak(?:e|es|ed|ing) out|scout(?:s|ed|ing)?|star(?:e|ed|ing) at) (?:the |our |over the |over our )?(?:[\\w'-]+ )?${WATCHED}`,
      'stake-?outs?',
      'cas(?:ing|ed) (?:the |our )?(?:place|joint|area|house|base|gate|building)',
      'binoculars',
      '(?:telephoto|zoom|long)[- ]lens(?:es)?',
      'zoom(?:s|ed|ing)? in on',
      '(?:cameras?|phones?|lens(?:es)?) (?:pointed|pointing|aimed|aiming) at',
      '(?:pointing|pointed|aiming|aimed) (?:a |an |his |her |their )?(?:cameras?|phones?|lens(?:es)?)',
      'with (?:a |an )?(?:camera|camcorder)',
      `sketch(?:es|ed|ing)? (?:the |a )?(?:${WATCHED}|maps?|layout|plans?)`,
      'draw(?:s|ing|ew)? (?:a )?(?:maps?|the layout|plans?) of',
      'counting (?:the )?(?:guards|soldiers|vehicles|trucks|planes|aircraft|ships|people)',
      `asking ${gap(2)}(?:questions )?about (?:the )?(?:base|guards|soldiers|shifts?|schedules?|security|patrols?|troops)`,
    ],
    zh: [
      '拍照',
      '拍摄',
      '拍视频',
      '录视频',
      // Not 在拍卖 (auction), 正在录入 (data entry).
      '(?:在|正在|一直|不停地?|偷偷|对着|朝着?)(?:拍|录)(?!卖|入|取|用)',
      '偷拍',
      '偷录',
      '录像',
      '监视',
      '窥视',
      '偷窥',
      '窥探',
      '刺探',
      '侦察',
      '盯梢',
      '跟踪',
      '踩点',
      '望远镜',
      '长焦',
      '相机',
      '单反',
      '画(?:地图|草图)',
      '记录(?:车辆|车牌|哨兵|岗哨|人员进出)',
      '打听(?:基地|部队|哨兵|换岗|营区)',
      '间谍',
      '盯着(?:基地|大门|门口|营区|部队|哨兵|岗哨|看)',
    ],
    notEn: [
      // The reporter's own evidence: "I took photos", "we filmed it", "photos attached".
      `(?:i|we)(?: (?:also|just|then|quickly|immediately|have|had|was|were|am|are|did|could|managed to|tried to))*(?:'ve|'d|'m)? (?:take|took|taken|taking|snap|snapped|snapping|shoot|shot|record|recorded|recording|film|filmed|filming|photograph|photographed|photographing|capture|captured|capturing|get|got|make|made|watch|watched|watching|observe|observed|observing|monitor|monitored|monitoring)(?: ${gap(3)}${PICTURES})?`,
      `${PICTURES} ${gap(2)}(?:attached|enclosed|included|uploaded)`,
      `(?:attached|enclosed|uploaded)(?: ${gap(3)}${PICTURES})?`,
      `(?:my|our) ${PICTURES}`,
      `(?:cctv|security|dash|doorbell|body|traffic) ?cam(?:era)?s?(?: ${gap(2)}${PICTURES})?`,
      `(?:cctv|security) ${PICTURES}`,
      'spy (?:films?|movies?|novels?|thrillers?)',
      '(?:film|filming|filmed|shoot|shooting|shot|making|made) (?:a |an |the |their )?(?:music videos?|movies?|films?|commercials?|documentar(?:y|ies)|wedding)',
    ],
    notZh: [
      '我(?:已经?|也|刚才?|还|就)?(?:拍照|拍了|拍下|拍到|录了|录下|录像|拍摄|用手机|用相机)',
      '附(?:上|了|有)?(?:照片|视频|录像|图片)',
      '(?:照片|视频|录像|图片)(?:已|在)?(?:附上|附后|附件)',
      '监控(?:录像|视频|画面|摄像头?|拍|录)',
      '摄像头',
      '监视器',
      '行车记录仪',
      '间谍片',
    ],
  },
  suspicious_vehicle: {
    en: [
      `(?:suspicious|unmarked|unfamiliar|unknown|strange|unidentified|abandoned|unattended) ${gap(2)}${VEHICLE}`,
      `${VEHICLE} ${gap(5)}(?:parked|idling|circling|loitering|lingering|waiting|sitting|hovering|cruising|crawling)`,
      `parked ${gap(2)}${VEHICLE}`,
      `(?:drove|driving|drives|driven|went|going|came|coming|passed|passing|circled|circling) (?:past|by|around) ${gap(3)}(?:again and again|repeatedly|several times|multiple times|many times|(?:two|three|four|five|six|\\d+) times|back and forth|up and down)`,
      '(?:drove|driving|drives|driven) (?:back and forth|up and down|around the block|in circles|slowly past)',
      'circl(?:ing|ed|es) (?:around )?(?:the )?(?:block|area|base|building|compound|neighbou?rhood|site|facility|gate|camp)',
      '(?:no|without|covered|fake|false|obscured|missing|taped(?: over)?|removed|hidden) (?:(?:license|licence|number|registration) )?plates?',
      `the same ${gap(2)}${VEHICLE}`,
      // A vehicle carrying a bomb is a vehicle to find as much as a device (both kinds).
      `${VEHICLE} (?:full of|packed with|loaded with|laden with|filled with|carrying) ${gap(2)}(?:explosives|bombs?|dynamite|tnt)`,
      'car ?bombs?',
    ],
    zh: [
      '可疑(?:的)?(?:车|面包车|轿车|货车|摩托)',
      '陌生(?:的)?车',
      '不明(?:的)?车',
      '无牌(?:照)?车',
      '无牌照',
      '没有?(?:挂)?车牌',
      '没挂牌',
      '套牌',
      '遮挡车牌',
      '车牌(?:被)?(?:遮|挡|盖)',
      `(?:一|两|几|三|有)[辆台]${inClause(10)}车${inClause(8)}(?:停|徘徊|来回|绕|转悠|兜圈|逗留|一直开|慢慢开)`,
      `(?:停着|停了|停放着?|停靠着?)${inClause(4)}(?:一|两|几|三)[辆台]`,
      `车(?:辆|子)?${inClause(4)}(?:来回|反复|多次|一直)${inClause(3)}(?:开|经过|绕|转|行驶)`,
      '绕圈',
      `(?:装满|装着|装有|载满|满载|载有|藏有?)${inClause(4)}(?:炸药|爆炸物|炸弹|雷管)${inClause(2)}(?:车|面包车|轿车|货车)`,
      '汽车炸弹',
      `(?:车|轿车|面包车|货车|卡车|皮卡|吉普|越野车|摩托|suv)${inClause(3)}(?:很|非常|有点|十分)?可疑`,
      '没有?熄火',
      `(?:(?:一|两|几|三|有)[辆台]|皮卡|面包车|轿车|货车|越野车|suv)${inClause(10)}(?:来回|绕圈|转了?好几圈|兜圈)`,
    ],
    notEn: [
      `(?:i|we) (?:[\\w'-]+ )?parked`,
      `(?:my|our) ${gap(2)}${VEHICLE}`,
      '(?:hit|hitting|into|struck|striking|crashed into|rear-ended|sideswiped|clipped) (?:a |the |two |several |some )?parked',
    ],
  },
  suspicious_person: {
    en: [
      `suspicious ${gap(2)}(?:m[ae]n|males?|persons?|people|individuals?|guys?|wom[ae]n|females?|figures?|characters?|behaviou?rs?|strangers?|youths?|teenagers?|couple|group)`,
      'act(?:ing|ed|s)? (?:very |really )?(?:suspicious(?:ly)?|strange(?:ly)?|weird(?:ly)?|odd(?:ly)?|nervous(?:ly)?)',
      'loiter(?:s|ing|ed|ers?)?',
      'lurk(?:s|ing|ed)?',
      'prowl(?:s|ing|ed|ers?)?',
      'peeping(?: toms?)?',
      'hang(?:s|ing)? (?:around|about)',
      '(?:masked|hooded|balaclava-clad) (?:m[ae]n|persons?|people|figures?|individuals?|guys?)',
      'strangers?',
      '(?:kidnappers?|abductors?)',
      `(?:trying|tried|tries|testing|checking|pulling) ${gap(2)}(?:car )?door ?handles?`,
      `(?:trying|tried|tries|testing|checking|pulling) (?:the )?(?:doors of|car doors|doors on) ${gap(2)}(?:cars?|vehicles?)`,
      `(?:peering|peeking|looking) into ${gap(1)}(?:parked )?(?:cars?|vehicles?|windows)`,
    ],
    zh: [
      '可疑(?:的)?(?:人|男|女|分子|活动|情况|行为|举动|举止)',
      '形迹可疑',
      '行迹可疑',
      '行为可疑',
      '举止可疑',
      '神色可疑',
      '鬼鬼祟祟',
      '徘徊',
      '游荡',
      '逗留',
      '陌生(?:的)?(?:人|男|女)',
      '不明身份',
      '身份不明',
      '蒙面',
      '来历不明',
      '转悠',
      '人贩子',
      '拐(?:卖|骗)(?:儿童|小孩|孩子)',
      `(?:挨个|一个个|逐个)${inClause(2)}(?:试|拉|拽)${inClause(3)}车门`,
      '往车(?:里|窗里)(?:看|瞧|张望)',
    ],
    notEn: ['stranger (?:than|things)', '(?:even|much|far|getting|all the) stranger'],
    // The reporter strolling about is not a suspect.
    notZh: ['我们?(?:刚才|正)?(?:在|去|到)[^,.!?;。、\\n看见发]{0,8}?转悠'],
  },
  drone: {
    en: [
      'drones?',
      'uavs?',
      'uas',
      'quad-?copters?',
      'multi-?copters?',
      'hexa-?copters?',
      'unmanned (?:aerial|aircraft)',
      '(?:remote|radio)[- ]controlled (?:aircraft|planes?|helicopters?)',
      `(?:hovering|buzzing) ${gap(8)}propellers?`,
      `propellers? ${gap(8)}(?:hovering|buzzing)`,
      'dji',
      'flying (?:cameras?|objects?)',
    ],
    zh: [
      '无人机',
      '航拍',
      '不明飞行(?:物|器)',
      '四轴',
      '多旋翼',
      '(?:小|遥控)飞机',
      '(?:悬停|嗡嗡)[^。.!?\\n]{0,10}螺旋桨',
      '螺旋桨[^。.!?\\n]{0,10}(?:悬停|嗡嗡)',
    ],
  },
  suspicious_package: {
    en: [
      `(?:suspicious|unattended|abandoned|unclaimed|ownerless|strange|unidentified|unknown|left-behind) ${gap(2)}(?:packages?|parcels?|bags?|backpacks?|rucksacks?|suitcases?|luggage|boxes|box|devices?|objects?|items?|containers?|holdalls?|envelopes?|cases?)`,
      `(?:left|dumped|planted|placed|dropped) (?:behind )?(?:a|an|some|two|several) ${gap(2)}(?:packages?|parcels?|bags?|backpacks?|rucksacks?|suitcases?|boxes|box|devices?)`,
      'pipe ?bombs?',
      'bomb threats?',
      'bombs?',
      '(?:explosive|incendiary) devices?',
      'ieds?',
      'explosives',
      '(?:wires|wiring) (?:sticking|coming|hanging) out',
      `(?:packages?|parcels?|bags?|backpacks?|rucksacks?|suitcases?|luggage|boxes|box|holdalls?) (?:left |lying )?(?:abandoned|unattended)`,
      `(?:nobody|no one|no-one) (?:claims|claimed|has claimed|owns|came back for) (?:it|them)`,
      'ticking (?:sound|noise)',
    ],
    zh: [
      '可疑(?:的)?(?:包裹|包|物品|物体|物|箱子?|行李|袋子?|快递|装置)',
      // 可疑纸箱, 可疑塑料袋, 可疑黑色双肩包: a word or two between.
      `可疑(?:的)?${inClause(4)}(?:纸箱|箱子|塑料袋|袋子|双肩包|背包|书包|挎包|行李箱|旅行箱|包裹)`,
      // Across a comma: 纸箱放了一个小时了，一直没人拿.
      '(?:纸箱|箱子|塑料袋|袋子|双肩包|背包|书包|挎包|行李箱|旅行箱|包裹)[^。.!?\\n]{0,16}(?:没人拿|没有人拿|没人要|没人管|没人认领)',
      `把${inClause(6)}(?:纸箱|箱子|塑料袋|袋子|双肩包|背包|书包|挎包|行李箱|旅行箱|包裹)${inClause(2)}(?:丢|扔|放)在${inClause(12)}(?:匆匆|急忙|赶紧|快步)(?:走了|离开|跑了|走开)`,
      '不明(?:的)?(?:包裹|物品|物体|箱子?|行李|袋子?|装置)',
      '无人认领',
      `无人看管${inClause(5)}(?:包|箱|行李|袋|快递|盒)`,
      '(?:包|箱|袋|盒)[^。.!?\\n]{0,16}(?:露|伸出|连着)[^。.!?\\n]{0,3}电线',
      `遗留(?:的)?${inClause(4)}(?:包|箱|行李|袋)`,
      '遗弃(?:的)?(?:包|箱|行李|袋)',
      `丢下${inClause(4)}(?:包|箱|袋)`,
      '爆炸物',
      '爆炸装置',
      '炸弹',
      '雷管',
      '炸药',
      '滴答声',
    ],
    notEn: [
      // What the reporter left somewhere is theirs.
      "(?:i|we|i've|we've|i had|we had) (?:just )?left",
      'bombs? (?:went|going|goes) off',
      'bombs? (?:exploded|exploding|explodes|detonated|blew up)',
      'bombings?',
      'photo ?bomb(?:ed|ing|s)?',
      'bomb(?:ed|ing)? (?:the |my |an? )?(?:exam|test|interview)',
      '(?<!(?:abandoned|unattended|suspicious|unclaimed|ownerless) )(?:shopping|plastic|paper|rubbish|garbage|trash|bin|sleeping) bags?',
    ],
    notZh: ['炸弹(?:爆炸|炸了)'],
  },
  traffic_accident: {
    en: [
      'accidents?',
      'crash(?:es|ed|ing)?',
      'collisions?',
      'collid(?:e|es|ed|ing)',
      `(?:hit|struck|knocked (?:down|over)|run over|mowed down) by (?:a |an |the )?${gap(2)}(?:${VEHICLE}|bus|train|tram|bicycle|bike)`,
      'r[au]n over',
      'rear-?ended',
      'pile-?ups?',
      'hit-?and-?runs?',
      'head-?on',
      'fender-?benders?',
      'overturned',
      '(?:flipped|rolled) over',
      'jack-?knifed',
      `${VEHICLE} ${gap(2)}(?:hit|struck|ran into|slammed into|plough(?:ed)? into|plow(?:ed)? into|skidded|swerved)`,
      'car wrecks?',
      '(?:smashed|slammed|crashed|ran|ploughed|plowed) into each other',
    ],
    zh: [
      '车祸',
      '交通事故',
      '撞车',
      '追尾',
      '相撞',
      '被车撞',
      `(?:车|车辆|汽车|货车|卡车|面包车|轿车|摩托车|电动车|公交车|大巴|出租车)${inClause(4)}(?:撞|翻|侧翻|冲出|失控)`,
      '撞(?:到|倒|伤|死)了?(?:一个|行人|人|路人)',
      '撞人',
      '翻车',
      '侧翻',
      '肇事',
      '剐蹭',
      '刮蹭',
      '连环撞',
      '碾压',
      `(?:车|车辆|汽车|货车|卡车|面包车|轿车|摩托车?|电动车|公交车|大巴|出租车|自行车|行人)${inClause(6)}(?:碰了|碰上了|撞了|撞上了|撞在一起)`,
    ],
    notEn: [
      'by accident',
      '(?:no|(?:a|an) (?:work|industrial|workplace|kitchen|household|domestic)) accidents?',
      'accident (?:and|&) emergency',
      'crash (?:course|pad|diet|test)s?',
      `(?:app|computer|system|server|website|site|phone|market|stock|software|program|game)s? (?:[\\w'-]+ )?crash(?:ed|es|ing)?`,
      `crash(?:ed|ing)? (?:at (?:a |my |his |her )?(?:friend'?s|place|house)|on the (?:sofa|couch))`,
      '(?:gate|party)-?crash(?:ed|ing|ers?)?',
      `drones? ${gap(2)}crash(?:ed|es|ing)?`,
    ],
  },
  flood: {
    en: [
      'floods?',
      'flooded',
      'flooding',
      '(?:water|pipe|main) (?:leaks?|leaking|leakage|burst)',
      'leak(?:s|ing|ed)? water',
      '(?:burst|broken|leaking|ruptured) (?:water )?(?:pipes?|mains?)',
      'pipes? (?:has |have )?burst',
      'water (?:is |was )?(?:pouring|gushing|rising|leaking|flowing|coming|spilling) (?:in|into|through|out|from|down|everywhere)',
      'inundated',
      'submerged',
      'waterlogged',
      'waterlogging',
      '(?:ankle|knee|waist|thigh|shin)[- ]deep (?:water|flood ?water)',
      'water (?:is |was |came |comes |rose |reaches |reached )?(?:up to|over) (?:the |our |my |his |her |their )?(?:ankles?|knees?|waists?|wheels?|tyres?|tires?)',
      '(?:streets?|roads?|basements?|cellars?|house|area|underpass|tunnel)s? (?:is |are |was |were )?(?:under water|underwater)',
      'burst (?:its|their) banks',
      `(?:rivers?|canals?|drains?|sewers?|dams?|creeks?|streams?) ${gap(2)}overflow(?:ing|ed|s)?`,
    ],
    zh: [
      '水浸',
      '水淹',
      '被淹',
      '淹了',
      '淹水',
      '淹没',
      '洪水',
      '洪涝',
      '内涝',
      '积水',
      '漏水',
      '渗水',
      '爆管',
      `水管${inClause(2)}(?:爆|破|裂|漏)`,
      '发大水',
      '涨水',
      '水位(?:上涨|暴涨)',
      '决堤',
      '溃堤',
      '倒灌',
      '(?:路面|路上|街上|地面|马路)(?:上)?(?:全是|都是|全都是|到处是)水',
      '水(?:已经)?(?:到|没过|漫过|淹到)(?:了)?(?:脚踝|膝盖|腰|小腿|大腿|车轮)',
    ],
    notEn: [
      '(?:flood(?:ed|ing|s)?|inundated|submerged) (?:with|by) (?:calls|requests|messages|emails|complaints|people|police|officers|light|tears|memories|reporters|journalists|tourists|work|questions|visitors)',
      'flood ?lights?',
    ],
    notZh: ['淹没在人(?:群|海)'],
  },
  crowd: {
    en: [
      'protest(?:s|ers|ors|ing|ed)?',
      'demonstrations?',
      'demonstrators?',
      'riot(?:s|ing|ers)?',
      'rall(?:y|ies)',
      'mobs?',
      '(?:large|huge|big|angry|massive|unruly|hostile|violent|growing) (?:crowds?|groups? of (?:people|men|youths))',
      `crowds? ${gap(2)}(?:gathered|gathering|blocking|blocked|chanting|throwing|marching|massing|shouting|surging|stormed|storming)`,
      'sit-?ins?',
      'blockades?',
      'marchers',
      'tear ?gas',
      'water cannons?',
      'stampedes?',
      'unrest',
      'placards',
      'picket lines?',
      'shouting slogans',
      '(?:holding|carrying|waving|with) (?:up )?banners',
      'chanting slogans',
      `(?:hundreds|thousands|(?:a|one|two|three|four|five|several|a few) (?:hundred|thousand)|dozens|\\d{2,}) (?:or more )?(?:of )?(?:people|protesters|men|youths) ${gap(3)}(?:gathering|gathered|blocking|marching|chanting|shouting|standing in the road|in the road)`,
      `crowd of ${gap(5)}(?:people|men|youths) ${gap(2)}(?:gathering|gathered|blocking|marching|chanting|shouting)`,
    ],
    zh: [
      '聚集',
      '聚众',
      '抗议',
      '示威',
      '游行',
      '闹事',
      '骚乱',
      '暴乱',
      '暴动',
      '静坐',
      '集会',
      '围堵',
      '堵门',
      '(?:拉|打|举)着?横幅',
      '踩踏',
      '群体性?事件',
      '上访',
      '喊口号',
      '(?:几百|上百|上千|几千|数百|数千)(?:个)?人',
      '堵路',
      // 很多人围在一起: people crowding round (a lone 围观 is a few onlookers).
      `(?:很多|好多|一大群|一群|大批|几十个?)人${inClause(2)}围(?:在一起|成一圈|了一圈|着)`,
      '讨薪',
    ],
    notEn: ['rally (?:cars?|drivers?|races?|racing)'],
  },
  medical: {
    en: [
      'medical (?:emergenc(?:y|ies)|help|attention|assistance)',
      'unconscious',
      'cpr',
      'unresponsive',
      'faint(?:ed|ing)',
      'pass(?:ed|ing) out',
      'collaps(?:e|ed|es|ing)',
      "(?:not|stopped|isn't|wasn't|stops) breathing",
      "(?:can't|cannot|couldn't|could not|struggling to|trouble|difficulty) breath(?:e|ing)",
      'no pulse',
      'heart attacks?',
      'cardiac arrest',
      'seizures?',
      'having a fit',
      'convuls(?:ing|ions?|ed)',
      'overdos(?:e|ed|es|ing)',
      'chok(?:ing|ed)',
      'drown(?:ing|ed)',
      '(?:had|having|suffered) a stroke',
      'heat ?stroke',
      'hypotherm(?:ia|ic)',
      'anaphyla(?:xis|ctic)',
      '(?:lying|lay|laying) (?:motionless|on the (?:ground|floor|pavement|road|sidewalk))',
      '(?:bleeding|bleeds) (?:heavily|badly|profusely|a lot)',
      `(?:fell|fallen|falls|fell down|dropped|keeled over|went down) ${gap(14)}(?:(?:is|was|isn't|wasn't) )?(?:not moving|motionless|unmoving|not getting up|can't get up|cannot get up)`,
    ],
    zh: [
      '晕倒',
      '突然倒地',
      '心肺复苏',
      '人工呼吸',
      '(?:打|叫)了?120',
      '昏倒',
      '昏迷',
      '晕厥',
      '倒地不起',
      '不省人事',
      '失去意识',
      '没有?了?(?:呼吸|心跳|意识)',
      '呼吸困难',
      '心脏病',
      '心梗',
      '心脏骤停',
      '抽搐',
      '休克',
      '溺水',
      '中暑',
      '吐血',
      '急救',
      '猝死',
      '突发疾病',
      '口吐白沫',
      '癫痫',
      '中风',
      `倒在地上${inClause(2)}(?:不动|不起|起不来)`,
    ],
    notEn: [
      `(?:buildings?|walls?|roofs?|bridges?|ceilings?|structures?|houses?|towers?|scaffold(?:ing)?|floors?|stages?|tents?|sheds?|cranes?|tunnels?|roads?|mines?|fences?|gates?) ${gap(2)}collaps(?:e|ed|es|ing)`,
      'collapse of',
      'pass(?:ed|ing) out (?:leaflets|flyers|fliers|pamphlets)',
      'stroke of (?:luck|genius)',
      'choke ?points?',
    ],
  },
  // What a hotline hears besides events (domain/event-kinds.ts): the complaint itself,
  // not a word that may also be part of an event ("loud", "smell", "lost").
  routine: {
    en: [
      'routine complaints?',
      'non-emergency',
      'noise complaints?',
      '(?:loud|blaring|booming) (?:music|karaoke|parties|party)',
      '(?:music|karaoke|tv|television) (?:is |was )?(?:too|so|very|really) loud',
      '(?:noisy|loud) neighbou?rs?',
      `noise from ${gap(2)}(?:construction|renovations?|building work|drilling|neighbou?rs?|upstairs|downstairs|flat|apartment)`,
      `(?:dogs?|pupp(?:y|ies)) ${gap(3)}bark(?:s|ed|ing)?`,
      `street ?lights? ${gap(2)}(?:out|broken|off|not working|flickering)`,
      `street ?lights? ${gap(10)}(?:is|are|was|were|has been|have been|keeps?|went|goes) (?:still )?(?:out|broken|off|not working|flickering)`,
      '(?:faulty|flickering) street ?lights?',
      'pot ?holes?',
      `(?:rubbish|garbage|trash|bins?|litter) ${gap(3)}(?:collected|picked up|emptied)`,
      '(?:fly-?tipping|illegal dumping)',
      `park(?:s|ed|ing)? ${gap(2)}(?:in front of|across|blocking|on|in) (?:my|our|the) (?:garage|driveway|parking space|fire lane|fire exit|pavement|sidewalk|footpath|bike lane)`,
      '(?:setting|letting) off (?:firecrackers|fireworks)',
      `(?:i|we) ${gap(1)}lost (?:my|our) (?:wallet|purse|phone|mobile|keys|passport|id card|umbrella|glasses)`,
      `(?:phone|account|email|wechat|computer|laptop) ${gap(2)}hacked`,
      'scam(?:s|med|mers?)?',
      'phishing',
      'claiming to be (?:from )?(?:the |my |a )?(?:bank|police|customs|tax office|courier|delivery company)',
      `(?:i|you|we) (?:have |had |'ve )?won (?:an?|the|some) ${gap(2)}(?:prize|iphone|lottery|car|voucher|gift)`,
      'click (?:on )?(?:a|the|this) link',
      `(?:website|site|app|portal|system) ${gap(4)}(?:down|not working|not loading)`,
      `(?:id cards?|residence permits?|passports?|driving licen[cs]es?) (?:appointments?|renewals?|applications?)`,
      `how (?:do|can|should) (?:i|we) ${gap(1)}(?:apply for|renew|get|register|book)`,
      'test message',
      'please ignore',
      'fake (?:tickets?|ticket sellers?|sellers?|websites?|online shops?)',
      `(?:street )?(?:vendors?|hawkers?|stalls?) ${gap(1)}(?:blocking|block|on) (?:the )?(?:pavement|sidewalk|footpath)`,
      `(?:smell|stink|odou?r) ${gap(2)}(?:drains?|sewers?|sewage)`,
    ],
    zh: [
      '投诉',
      '非紧急',
      '噪音',
      '噪声',
      '太吵',
      '扰民',
      `狗${inClause(4)}(?:叫|吠)`,
      `路灯${inClause(3)}(?:坏|不亮|灭了|闪)`,
      '大坑',
      '坑洼',
      `垃圾${inClause(6)}(?:没人收|没有人收|没人清|没有人清|没收|没清|堆积)`,
      `(?:停在|堵住|堵着|挡住|挡着)${inClause(3)}(?:我家|我的|我们)${inClause(3)}(?:车库|车位)`,
      '占道经营',
      `停在${inClause(4)}(?:车库门口|消防通道|人行道|盲道|小区门口|我家门口)`,
      '(?:说了|喊了|叫了)也不挪',
      '乱停(?:乱放|车)?',
      `共享单车${inClause(4)}(?:堆|乱|挡)`,
      '油烟',
      '打麻将',
      '唱k',
      '广场舞',
      '说了也没用',
      `杂物${inClause(6)}(?:没人|堆)`,
      '摆摊',
      '小贩',
      `(?:丢了|丢失|弄丢)${inClause(2)}(?:钱包|手机|钥匙|身份证|护照|雨伞)`,
      '(?:钱包|手机|钥匙|身份证|护照)(?:丢了|找不到了)',
      '有没有人捡到',
      '被骗',
      '诈骗',
      '骗子',
      '盗号',
      '中了大奖',
      `点${inClause(2)}链接`,
      '验证码',
      `自称${inClause(4)}(?:银行|海关|公安|警察|客服|快递|法院)`,
      `(?:怎么|如何|在哪)办理`,
      `(?:网站|系统|app|小程序)${inClause(4)}(?:打不开|进不去|崩了|登不上)`,
      '在吗',
      '测试',
      `下水道${inClause(4)}(?:味|臭)`,
    ],
  },
};

/**
 * A category that names a kind in a word the patterns leave alone (a bare "Medical",
 * "Traffic"), after trimming and lower case.
 */
const CATEGORY_ALIASES: Readonly<Record<string, readonly EventKind[]>> = {
  medical: ['medical'],
  医疗: ['medical'],
  traffic: ['traffic_accident'],
  交通: ['traffic_accident'],
  crowd: ['crowd'],
  人群: ['crowd'],
  gas: ['gas_leak'],
  燃气: ['gas_leak'],
  package: ['suspicious_package'],
  vehicle: ['suspicious_vehicle'],
  车辆: ['suspicious_vehicle'],
  weapons: ['assault'],
  // "Suspicious" alone, or "suspicious activity", is a hotline's catch-all: it names no kind.
  suspicious: [],
  可疑: [],
  'suspicious activity': [],
  'suspicious activities': [],
  可疑活动: [],
  可疑情况: [],
};

/** Traditional characters of the patterns' words, each followed by its simplified form. */
const TRADITIONAL_PAIRS =
  '災灾著着煙烟燒烧勢势縱纵毀毁飛飞傷伤氣气洩泄體体學学聞闻雞鸡槍枪鎗枪聲声響响開开擊击鳴鸣戰战' +
  '彈弹場场館馆賽赛練练訓训掃扫殺杀鬥斗毆殴襲袭動动腳脚兇凶揮挥盜盗竊窃東东車车賊贼搶抢奪夺順顺' +
  '牽牵窺窥錄录聽听壞坏損损塗涂鴉鸦噴喷亂乱劃划紮扎爛烂闖闯強强牆墙進进鑽钻門门鎖锁潛潜斷断鐵铁' +
  '絲丝網网圍围欄栏攝摄視视監监偵侦蹤踪點点遠远鏡镜長长機机單单畫画圖图記记輛辆崗岗員员隊队換换' +
  '間间諜谍營营區区經经剛刚還还頻频頭头儀仪轎轿貨货無无沒没掛挂擋挡蓋盖兩两幾几臺台來来繞绕轉转' +
  '復复複复過过駛驶況况為为舉举跡迹遊游蕩荡歷历軸轴遙遥遞递裝装認认領领遺遗棄弃製制藥药禍祸電电' +
  '衝冲側侧剮剐颳刮連连環环壓压澇涝內内積积滲渗發发漲涨決决潰溃眾众議议鬧闹騷骚靜静會会橫横訪访' +
  '暈晕識识難难臟脏驟骤癲癫癇痫風风報报滅灭麵面處处邊边條条個个';
const TO_SIMPLIFIED = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
  TO_SIMPLIFIED.set(TRADITIONAL_PAIRS[i]!, TRADITIONAL_PAIRS[i + 1]!);
}
const TRADITIONAL = new RegExp(`[${[...TO_SIMPLIFIED.keys()].join('')}]`, 'gu');

interface CompiledKind {
  kind: EventKind;
  match: RegExp;
  mask: RegExp | null;
}

const words = (patterns: readonly string[]) => `\\b(?:${patterns.join('|')})\\b`;

function compile(kind: EventKind, w: KindWords): CompiledKind {
  const match = [words(w.en), w.zh.join('|')].join('|');
  const masks = [...(w.notEn && w.notEn.length > 0 ? [words(w.notEn)] : []), ...(w.notZh ?? [])];
  return {
    kind,
    match: new RegExp(match, 'u'),
    mask: masks.length > 0 ? new RegExp(masks.join('|'), 'gu') : null,
  };
}

let compiled: CompiledKind[] | undefined;
/** Compiled on first use, in EVENT_KINDS order. */
const rules = () => (compiled ??= EVENT_KIND_CODES.map((kind) => compile(kind, WORDS[kind])));

/** Lower case, NFKC, one kind of apostrophe and space, traditional characters simplified. */
export function normalizeForKinds(text: string): string {
  return text
    .slice(0, KINDS_MAX_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/gu, "'")
    .replace(/[\u2010-\u2015]/gu, '-')
    .replace(/\s+/gu, ' ')
    .replace(TRADITIONAL, (c) => TO_SIMPLIFIED.get(c) ?? c);
}

/** Every kind the text names, in EVENT_KINDS order, each once; [] when it names none. */
export function kindsOfText(text: string): EventKind[] {
  const normalized = normalizeForKinds(text);
  if (normalized.trim() === '') return [];
  const found = rules()
    .filter(({ match, mask }) => match.test(mask ? normalized.replace(mask, ' | ') : normalized))
    .map(({ kind }) => kind);
  // A complaint is routine only when it names no event: "the street lights were smashed"
  // is vandalism, "I lost my wallet, I think it was stolen" a theft.
  return found.length > 1 ? found.filter((kind) => kind !== 'routine') : found;
}

/**
 * The kinds a category names: exact codes (`fire`, `suspicious_vehicle`, several
 * separated by `,;/|`), a bare alias ("Medical", "交通"), or words as in a narrative
 * ("Fire", "火灾"). [] for none or an empty category, and for the catch-alls
 * "suspicious" and "suspicious activity" (可疑, 可疑情况), which name no kind of event.
 */
export function kindsOfCategory(category: string | null): EventKind[] {
  if (category === null) return [];
  const found = new Set<EventKind>();
  for (const part of category.split(/[,;/|]/u)) {
    const trimmed = part.normalize('NFKC').trim().toLowerCase();
    if (trimmed === '') continue;
    const code = trimmed.replace(/[\s-]+/gu, '_');
    if (isEventKind(code)) found.add(code);
    else if (Object.hasOwn(CATEGORY_ALIASES, trimmed)) {
      for (const kind of CATEGORY_ALIASES[trimmed]!) found.add(kind);
    } else for (const kind of kindsOfText(trimmed)) found.add(kind);
  }
  return EVENT_KIND_CODES.filter((kind) => found.has(kind));
}

/**
 * A report's kinds. When the category names a kind, the category decides: its kinds,
 * plus the narrative's kinds of the same groups (category "Fire", narrative "an
 * explosion, then flames" → fire and explosion; a narrative's parked car stays out).
 * Otherwise the narrative's kinds.
 */
export function kindsOfReport(category: string | null, narrative: string): EventKind[] {
  const fromCategory = kindsOfCategory(category);
  if (fromCategory.length === 0) return kindsOfText(narrative);
  return withinGroupsOf(fromCategory, kindsOfText(narrative));
}

/** The kinds `first` names, and those of `more` in the same groups, in EVENT_KINDS order. */
function withinGroupsOf(first: readonly EventKind[], more: readonly EventKind[]): EventKind[] {
  const groups = new Set(first.map((kind) => EVENT_KINDS[kind].group));
  return EVENT_KIND_CODES.filter(
    (kind) => first.includes(kind) || (more.includes(kind) && groups.has(EVENT_KINDS[kind].group)),
  );
}

/**
 * A report's kinds after an operator changes its category, without its narrative
 * (sealed by then): the new category's kinds, plus the previous kinds of their groups
 * (when the previous kinds were the narrative's, this is what kindsOfReport gives); the
 * previous kinds, unchanged, when the new category names none.
 */
export function recategorizedKinds(
  previous: readonly EventKind[],
  category: string | null,
): EventKind[] {
  const fromCategory = kindsOfCategory(category);
  if (fromCategory.length === 0) return [...previous];
  return withinGroupsOf(fromCategory, previous);
}
