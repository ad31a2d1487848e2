import { describe, expect, it } from 'vitest';
import { EVENT_KIND_CODES, EVENT_KINDS, type EventKind } from '../domain/event-kinds.js';
import {
  KINDS_MAX_CHARS,
  kindsOfCategory,
  kindsOfReport,
  kindsOfText,
  recategorizedKinds,
} from './event-kind.js';

type Case = [text: string, kinds: EventKind[]];

describe('kindsOfText in English', () => {
  const cases: Case[] = [
    ['There is a fire at the warehouse on Dock Road', ['fire']],
    ['The building is on fire!', ['fire']],
    ['Fires are burning near the depot', ['fire']],
    ['I can see black smoke rising over the port', ['fire']],
    ['smoke and flames from the warehouse', ['fire']],
    ['Someone is burning tyres by the fence', ['fire']],
    ['A huge blaze at the fuel depot', ['fire']],
    ['The roof is smouldering', ['fire']],
    ['There was an explosion near the pier', ['explosion']],
    ['Something exploded near the checkpoint, then the truck caught fire', ['fire', 'explosion']],
    ['A loud blast shook the windows', ['explosion']],
    ['Strong smell of gas in the stairwell, I think a gas leak', ['gas_leak']],
    ['Chemical spill at the plant, toxic fumes', ['gas_leak']],
    ['Shots fired outside the club', ['gunfire']],
    ['I heard gunshots, maybe five', ['gunfire']],
    ['Gunfire in the street near the market', ['gunfire']],
    ['A man was shot in the parking lot', ['gunfire']],
    ['Someone opened fire on the patrol', ['gunfire']],
    ['He fired several rounds into the air', ['gunfire']],
    ['There was a shooting last night at the corner', ['gunfire']],
    ['Two men fighting outside the bar', ['assault']],
    ['A guard was assaulted at the gate', ['assault']],
    ['He was stabbed outside the station', ['assault']],
    ['A man waving a knife at people', ['assault']],
    ['Someone stole my bike', ['theft']],
    ['My car was broken into and my laptop stolen', ['theft', 'intrusion']],
    ['Pickpockets working the crowd at the station', ['theft']],
    ['Someone smashed the windows of the bus shelter', ['vandalism']],
    ['Graffiti sprayed on the base wall', ['vandalism']],
    ['Tyres were slashed overnight', ['vandalism']],
    ['Two people climbed over the fence into the compound', ['intrusion']],
    ['Intruder inside the warehouse', ['intrusion']],
    ['Someone cut a hole in the fence', ['intrusion']],
    ['A man photographing the gate for twenty minutes', ['surveillance']],
    ['They were taking pictures of the guards', ['surveillance']],
    ['A woman filming the checkpoint with her phone', ['surveillance']],
    ['Someone has been watching the base from across the road', ['surveillance']],
    ['A man with binoculars on the hill', ['surveillance']],
    ['A man took shots of the gate with a long lens', ['surveillance']],
    [
      'a car parked outside the base, someone inside photographing the gate',
      ['surveillance', 'suspicious_vehicle'],
    ],
    ['A van circling the block again and again', ['suspicious_vehicle']],
    ['An unmarked white van parked across from the entrance since Monday', ['suspicious_vehicle']],
    ['The same black SUV drove past the gate five times', ['suspicious_vehicle']],
    [
      'URGENT: a car full of explosives at the stadium, share!',
      ['suspicious_vehicle', 'suspicious_package'],
    ],
    ['Police say it was a car bomb', ['suspicious_vehicle', 'suspicious_package']],
    ['紧急扩散！体育馆一辆装满炸药的车，千万别去', ['suspicious_vehicle', 'suspicious_package']],
    ['仓库里发现了炸药', ['suspicious_package']],
    ['A car with no license plates waiting outside', ['suspicious_vehicle']],
    ['A suspicious man loitering near the school gate', ['suspicious_person']],
    ['Two people acting suspiciously at the fence', ['suspicious_person']],
    ['A drone flying over the barracks', ['drone']],
    ['Saw a quadcopter hovering above the runway', ['drone']],
    ['An unattended bag left at the bus stop', ['suspicious_package']],
    ['Suspicious package by the main entrance', ['suspicious_package']],
    ['Someone left a backpack under the bench and walked away', ['suspicious_package']],
    ['Car crash on the highway, two vehicles', ['traffic_accident']],
    ['A cyclist was hit by a car', ['traffic_accident']],
    ['A truck overturned at the junction', ['traffic_accident']],
    ['Hit-and-run on Main Street', ['traffic_accident']],
    ['The street is flooded after the storm', ['flood']],
    ['A burst pipe is flooding the basement', ['flood']],
    ['Water pouring in through the ceiling', ['flood']],
    ['A large crowd gathering in front of the city hall', ['crowd']],
    ['Protesters blocking the road', ['crowd']],
    ['An old man collapsed on the pavement and is not breathing', ['medical']],
    ['A woman fainted at the bus stop', ['medical']],
    ['Someone is having a seizure', ['medical']],
  ];
  it.each(cases)('"%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  it('matches whatever the case and spacing, curly apostrophes and all', () => {
    expect(kindsOfText('SHOTS   FIRED near the GATE')).toEqual(['gunfire']);
    expect(kindsOfText('He isn’t breathing')).toEqual(['medical']);
  });
});

describe('kindsOfText in Chinese', () => {
  const cases: Case[] = [
    ['仓库着火了，浓烟很大', ['fire']],
    ['小区三号楼起火了', ['fire']],
    ['山上冒出很多黑烟', ['fire']],
    ['厂房里传出爆炸声', ['explosion']],
    ['楼道里有很浓的煤气味', ['gas_leak']],
    ['厨房燃气泄漏了', ['gas_leak']],
    ['听到好几声枪响', ['gunfire']],
    ['有人在街上开枪', ['gunfire']],
    ['两个男的在门口打架', ['assault']],
    ['有人持刀砍人', ['assault']],
    ['我的电动车被偷了', ['theft']],
    ['他的包被抢走了', ['theft']],
    ['有人把车窗砸了', ['vandalism']],
    ['墙上被人喷漆涂鸦', ['vandalism']],
    ['有人翻墙进了营区', ['intrusion']],
    ['晚上有人撬锁闯入仓库', ['intrusion']],
    ['有人在基地门口拍照', ['surveillance']],
    ['一个男的用长焦相机对着大门拍摄', ['surveillance']],
    ['有人一直盯着营区看', ['surveillance']],
    ['有人在营区外面踩点', ['surveillance']],
    ['有人被偷拍了', ['surveillance']],
    ['一辆白色面包车停在基地门口好几个小时', ['suspicious_vehicle']],
    ['门口停着一辆没有车牌的黑色轿车', ['suspicious_vehicle']],
    ['一辆车停在基地外面，车里有人在拍照', ['surveillance', 'suspicious_vehicle']],
    ['一个可疑男子在学校门口徘徊', ['suspicious_person']],
    ['有人鬼鬼祟祟地在围墙边转悠', ['suspicious_person']],
    ['基地上空有无人机在飞', ['drone']],
    ['公交站有一个无人认领的可疑包裹', ['suspicious_package']],
    ['路口发生车祸，两辆车相撞', ['traffic_accident']],
    ['一辆货车侧翻了', ['traffic_accident']],
    ['一个老人被车撞倒了', ['traffic_accident']],
    ['地下车库被淹了', ['flood']],
    ['水管爆了，楼道里全是水', ['flood']],
    ['很多人聚集在市政府门口抗议', ['crowd']],
    ['一位老人突然晕倒了，没有呼吸', ['medical']],
    ['有人溺水了', ['medical']],
  ];
  it.each(cases)('"%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  const traditional: Case[] = [
    ['倉庫著火了，濃煙很大', ['fire']],
    ['聽到槍聲', ['gunfire']],
    ['有人在基地門口拍照', ['surveillance']],
    ['一輛可疑車輛停在路邊', ['suspicious_vehicle']],
    ['無人機在營區上空盤旋', ['drone']],
    ['瓦斯外洩', ['gas_leak']],
  ];
  it.each(traditional)('reads traditional characters: "%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });
});

describe('kindsOfText and false friends', () => {
  const none: string[] = [
    'He was fired from his job last week and blames the base',
    'She got fired for being late',
    'The fire exit at the back was locked',
    'We met near the fire station',
    'A man was smoking a cigarette by the gate',
    'I went out for a smoke and saw nothing unusual',
    'Took a few shots of the sunset from the hill',
    'Got my flu shot at the clinic',
    'They were shooting a music video in the park',
    'I took photos of the van and attached them',
    'We filmed the whole thing on my phone',
    'Photos attached',
    'The CCTV footage shows nothing',
    'The office was flooded with calls',
    'The scaffolding collapsed onto the road',
    'He passed out leaflets at the station',
    'By accident I dropped my phone',
    'The app crashed when I tried to send the report',
    'I parked my car outside the base',
    'This is stranger than fiction',
    'We had a blast',
    'He stole a glance at the guards',
    // Sounds that may be a gunshot or an explosion: the reporter has to say which.
    'Heard a loud bang',
    '听到一声巨响',
    '我拍了照片，已附上',
    '监控录像里什么都没有',
    '他在门口抽烟',
    '我坐火车到的',
    '我的车停在门口',
    '消防通道被堵了',
    '楼下的监视器坏了',
    '她在照顾老人',
    '接线员正在录入',
    '他偷偷走了',
  ];
  it.each(none)('"%s" names no kind', (text) => {
    expect(kindsOfText(text)).toEqual([]);
  });

  const other: Case[] = [
    ['Firefighters were fighting the fire all night', ['fire']],
    ['My neighbour had a heart attack', ['medical']],
    ['A truck crashed into a parked car', ['traffic_accident']],
    ['A man was photographing the gate. I took photos of him.', ['surveillance']],
    ['I watched a man photographing the gate', ['surveillance']],
  ];
  it.each(other)('"%s" → %j, not the false friend', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });
});

describe('kindsOfText for events described, not named', () => {
  // What people say when they do not know the word for it: each must name its kind (a
  // report naming none fits an incident of any kind, so a described fire may join a
  // neighbouring theft).
  const cases: Case[] = [
    ['Ankle-deep water across the road, cars stuck', ['flood']],
    ['knee deep water on the street outside the school', ['flood']],
    ['The water is up to our knees in the underpass', ['flood']],
    ['路面全是水，到脚踝，车都开不动了', ['flood']],
    ['水已经没过膝盖了', ['flood']],
    ['It smells like rotten eggs outside, really strong near the flats', ['gas_leak']],
    ['A strong rotten egg smell in the stairwell', ['gas_leak']],
    ['居民楼的煤气管道在漏气，人都撤出来了', ['gas_leak']],
    ['楼道里一股臭鸡蛋味，越来越浓', ['gas_leak']],
    ['仓库冒出很浓的白烟，有人往外跑', ['fire']],
    ['5 loud pops by the office tower, sounded like a gun', ['gunfire']],
    ['Rapid bangs on the high street, definitely not fireworks, everyone hid', ['gunfire']],
    ['连着5声很响的啪啪声，不像鞭炮，大家都趴下了', ['gunfire']],
    ['Three guys punching and kicking a man on the ground', ['assault']],
    ['Screaming and blood, a group went after one person with bottles', ['assault']],
    ['4个人围殴一个人，手里有棍子', ['assault']],
    [
      'A tall man grabbed a handbag from a woman near the park and ran off toward the metro',
      ['theft'],
    ],
    ['两个骑摩托的人把人家的钱包拿走就跑', ['theft']],
    ['戴帽子的年轻人抢了一个手机跑了', ['theft']],
    ['Torches moving around inside the substation, it should be empty at night', ['intrusion']],
    ['工地里面有手电筒的光在晃，晚上应该没人', ['intrusion']],
    [
      'A woman has been watching the research institute for an hour, zooming in on the guards',
      ['surveillance'],
    ],
    ['A man with a long-lens camera by the fence', ['surveillance']],
    ['A pickup with out-of-town plates keeps circling the block', ['suspicious_vehicle']],
    ['路口有一辆银色轿车很可疑，一直没熄火', ['suspicious_vehicle']],
    ['一辆黑色SUV来回转了好几圈', ['suspicious_vehicle']],
    ['穿黑衣服戴口罩的男子在停车场转悠了一个小时，往车里看', ['suspicious_person']],
    ['一个戴墨镜的人挨个试停着的车门', ['suspicious_person']],
    ['A man in a hood trying car door handles along the street', ['suspicious_person']],
    ['Something with blinking lights and propellers hovering above the substation', ['drone']],
    ['水厂上面有个带灯的东西在嗡嗡地悬停，有螺旋桨', ['drone']],
    ['A black backpack abandoned by the ticket hall, nobody claims it', ['suspicious_package']],
    ['车站门口发现无人看管的行李箱', ['suspicious_package']],
    ['有个塑料袋从早上放到现在，还露着电线', ['suspicious_package']],
    ['A bus and a car smashed into each other, glass all over the road', ['traffic_accident']],
    ['出租车和行人碰了，满地玻璃渣', ['traffic_accident']],
    ['Hundreds of people standing in the road shouting slogans', ['crowd']],
    ['A crowd of a hundred or more people gathering near the station', ['crowd']],
    ['几百个人站在路上喊口号', ['crowd']],
    ['A woman fell down outside the bank and is not moving', ['medical']],
    ['一位老人突然倒在地上不动了', ['medical']],
    // Each of these is read by one pattern alone (taking it out fails the test).
    ['仓库那边白烟滚滚', ['fire']],
    ['A hissing gas meter in the hallway', ['gas_leak']],
    ['燃气管道泄漏了', ['gas_leak']],
    ['一群人围攻一个保安', ['assault']],
    ['有人抢了她的手机', ['theft']],
    ['一个人拽了她的项链就跑', ['theft']],
    ['路口那辆皮卡很可疑', ['suspicious_vehicle']],
    ['门口那辆车一直没熄火', ['suspicious_vehicle']],
    ['A child kidnapper was seen at the school gate', ['suspicious_person']],
    ['A man trying the doors of cars in the car park', ['suspicious_person']],
    ['A man looking into car windows one by one', ['suspicious_person']],
    ['一个男的在小区门口转悠', ['suspicious_person']],
    ['我们在公园转悠的时候看到有人打架', ['assault']],
    ['我看到一个男的在门口转悠', ['suspicious_person']],
    ['我在门口看到有人转悠', ['suspicious_person']],
    ['加油站有人贩子', ['suspicious_person']],
    ['有人在学校门口拐骗小孩', ['suspicious_person']],
    ['一个人一直往车里看', ['suspicious_person']],
    ['Something hovering over the plant, I could see the propellers', ['drone']],
    ['有螺旋桨的东西在楼顶悬停', ['drone']],
    ['天上有个不明飞行物', ['drone']],
    ['一架四轴在楼顶飞', ['drone']],
    ['多旋翼飞过营区', ['drone']],
    ['有个遥控飞机在飞', ['drone']],
    ['有人在上空航拍', ['drone']],
    ['A suitcase left abandoned by the ticket machines', ['suspicious_package']],
    ['There is a box by the door and nobody has claimed it', ['suspicious_package']],
    ['People in the square shouting slogans', ['crowd']],
    ['Students chanting slogans at the gate', ['crowd']],
    ['Thousands of people marching down the avenue', ['crowd']],
    ['门口有人在喊口号', ['crowd']],
    ['广场上有几百个人', ['crowd']],
    ['有人在堵路', ['crowd']],
    ['一个老人倒在地上起不来', ['medical']],
  ];
  it.each(cases)('"%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  // Near misses of those descriptions: everyday words that name no event.
  const none: string[] = [
    'The water is cold, up to the tap',
    'Water across the table after the kids spilled it',
    'The eggs smell fine',
    '这里的鸡蛋很新鲜',
    'The kids made popping sounds',
    'Fireworks at the park, loud pops',
    'He grabbed a coffee and went home',
    '我拿了包就走了',
    '路灯亮了',
    'Lights moving on the motorway',
    'The propeller of the boat is broken',
    'Nobody called me back',
    'I left a bag at home',
    'Hundreds of people at the concert',
    'She fell down the stairs last year',
    '他在家转了转',
    '我的自行车轮胎漏气了',
    '听起来像枪一样响的鞭炮',
  ];
  it.each(none)('"%s" names no kind', (text) => {
    expect(kindsOfText(text)).toEqual([]);
  });
});

describe('kindsOfText for routine complaints', () => {
  // What a hotline hears besides events: named `routine`, so that a barking dog or a
  // street light out is not one incident with the fire reported at the same corner.
  const cases: Case[] = [
    ['Filing a routine complaint about the market', ['routine']],
    ['Non-emergency: the bus shelter roof leaks rain', ['routine']],
    ['This is a noise complaint about flat 4B', ['routine']],
    ['Loud music from the bar until 3 am', ['routine']],
    ['The karaoke is too loud every weekend', ['routine']],
    ['Noisy neighbours again, they never sleep', ['routine']],
    ['Constant noise from the renovation next door', ['routine']],
    ["My neighbour's dog barks all night", ['routine']],
    ['The street light is out at the corner, very dark', ['routine']],
    ['Faulty street lights along the canal path', ['routine']],
    ['A pothole by the bus stop damaged my tyre', ['routine']],
    ['Rubbish has not been collected for a week', ['routine']],
    ['Someone keeps fly-tipping old sofas behind the shops', ['routine']],
    ['Somebody keeps parking in front of my garage', ['routine']],
    ['I think I lost my wallet on the tram', ['routine']],
    ['I think my phone was hacked, strange messages', ['routine']],
    ['An online scam took my deposit', ['routine']],
    ['Got a phishing text pretending to be the bank', ['routine']],
    ['A fake ticket seller took my money', ['routine']],
    ['Street vendors blocking the pavement outside the station', ['routine']],
    ['A strong smell from the drains for days', ['routine']],
    ['我要投诉楼下的烧烤店', ['routine']],
    ['非紧急：公交站的座椅坏了', ['routine']],
    ['楼上装修噪音太大', ['routine']],
    ['工地的噪声一直到半夜', ['routine']],
    ['隔壁晚上唱歌太吵', ['routine']],
    ['广场舞天天扰民', ['routine']],
    ['邻居家的狗整晚叫', ['routine']],
    ['小区门口路灯坏了，晚上很黑', ['routine']],
    ['路中间有个大坑，车开过去很危险', ['routine']],
    ['这条路坑坑洼洼，坑洼很多', ['routine']],
    ['垃圾一个星期没人收了', ['routine']],
    ['总有人把车停在我家车库门口', ['routine']],
    ['地铁口有人占道经营', ['routine']],
    ['天桥上有人摆摊卖东西', ['routine']],
    ['学校门口的小贩又来了', ['routine']],
    ['我在地铁上丢了钱包', ['routine']],
    ['我的钥匙找不到了，可能在公交上', ['routine']],
    ['我的钱包丢了，有没有人捡到？', ['routine']],
    ['有没有人捡到一个黑色的包', ['routine']],
    ['网上买票被骗了', ['routine']],
    ['接到一个诈骗电话，说我涉嫌洗钱', ['routine']],
    ['楼下那个卖假货的是骗子', ['routine']],
    ['我的手机好像被盗号了，收到奇怪的短信', ['routine']],
    ['下水道有怪味，好几天了', ['routine']],
    ['我在公园转悠的时候手机丢了', ['routine']],
    // Found missing by the blind scenario (bench/blind-scenario), in other words here.
    ['The puppy next door barks at every car', ['routine']],
    ['The street light at the back gate of block 3 has been out for a week', ['routine']],
    ['Someone parked on the pavement again, we cannot get the pram past', ['routine']],
    ['Somebody parked across the fire lane behind our tower', ['routine']],
    ['Teenagers letting off fireworks at 2 am', ['routine']],
    ['A man claiming to be from customs wants a fee', ['routine']],
    ['An SMS says I have won a prize, it wants my card number', ['routine']],
    ['They told me to click the link to unfreeze my account', ['routine']],
    ['The appointment website is down since Monday', ['routine']],
    ['When do passport renewals reopen?', ['routine']],
    ['How do I apply for a parking permit?', ['routine']],
    ['test message from the new phone', ['routine']],
    ['sorry, please ignore my last text', ['routine']],
    ['有人把车停在消防通道上，物业也不管', ['routine']],
    ['快递车天天停在小区门口，喊了也不挪', ['routine']],
    ['门口乱停乱放，进不去', ['routine']],
    ['共享单车乱七八糟堆在路口', ['routine']],
    ['楼下烧烤店的油烟飘进来', ['routine']],
    ['隔壁半夜还在打麻将', ['routine']],
    ['楼上天天唱K', ['routine']],
    ['跟物业说了也没用', ['routine']],
    ['楼道里的杂物一直没人清理', ['routine']],
    ['短信说我中了大奖，要先交税', ['routine']],
    ['对方让我点一下链接领红包', ['routine']],
    ['有人打电话要我的验证码', ['routine']],
    ['一个自称银行客服的人让我转账', ['routine']],
    ['请问在哪办理护照？', ['routine']],
    ['社保的小程序一直打不开', ['routine']],
    ['你好，在吗', ['routine']],
    ['那辆车的司机，跟他说了也不挪', ['routine']],
    ['广场舞一直跳到十点', ['routine']],
    ['测试一下', ['routine']],
  ];
  it.each(cases)('"%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  // A complaint that names an event is about the event.
  const events: Case[] = [
    ['Someone smashed the street lights, glass everywhere', ['vandalism']],
    ['I lost my wallet, I think it was stolen on the bus', ['theft']],
    ['满地碎玻璃，路灯全坏了', ['vandalism']],
    ['Loud music, then gunshots outside the bar', ['gunfire']],
    ['我的钱包丢了，应该是被小偷偷了', ['theft']],
    ['小偷偷走了我的手机', ['theft']],
  ];
  it.each(events)('"%s" → %j, not routine', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  // Near misses: words of complaints in texts that complain of nothing.
  const none: string[] = [
    'The music at the wedding was lovely',
    'The street lights came on at six',
    'We collected the kids from school',
    'I parked at the station and took the train',
    'We lost the match on Sunday',
    'The dog slept all day',
    '路灯亮了',
    '我家的狗很乖',
    '垃圾已经收走了',
    '我把车停在公司车位了',
    'The dogs were quiet all night',
    'I won the match and a medal',
    '我们已经办完了手续',
  ];
  it.each(none)('"%s" names no kind', (text) => {
    expect(kindsOfText(text)).toEqual([]);
  });
});

describe('kindsOfText: words the blind scenario found missing', () => {
  // Each a wording bench/blind-scenario's texts used that no pattern read, in other words.
  const cases: Case[] = [
    ['Someone dropped a sports bag under the bench and hurried off', ['suspicious_package']],
    ['An abandoned plastic bag is sitting by the ticket machines', ['suspicious_package']],
    ['站台上有个可疑黑色行李箱', ['suspicious_package']],
    ['路边一个纸箱放了一个小时了，一直没人拿', ['suspicious_package']],
    ['一个男的把背包放在花坛边上就匆匆走了', ['suspicious_package']],
    ['Waterlogging in the underpass after the storm', ['flood']],
    ['About two hundred people gathering outside the factory gate', ['crowd']],
    ['A hundred people marching down the high street', ['crowd']],
    ['Maybe 60 people blocking the road by the school', ['crowd']],
    ['Workers holding banners at the site entrance', ['crowd']],
    ['好多人围在一起，不知道出了什么事', ['crowd']],
    ['工地门口工人讨薪', ['crowd']],
    ['A jogger went down, a passer-by is doing CPR', ['medical']],
    ['一个老人在站台上突然倒地', ['medical']],
    ['保安正在给他做心肺复苏', ['medical']],
    ['有人在给他做人工呼吸', ['medical']],
    ['已经叫了120，还没到', ['medical']],
    ['厨房好像漏气了，一股怪味', ['gas_leak']],
    ['燃气公司的人还没到', ['gas_leak']],
  ];
  it.each(cases)('"%s" → %j', (text, kinds) => {
    expect(kindsOfText(text)).toEqual(kinds);
  });

  const none: string[] = [
    'I left some plastic bags at the door for the neighbour',
    'Someone left two plastic bags by the bins',
    '我的车胎漏气了',
    '气球漏气了，孩子哭了',
    '几个人围着桌子打牌',
  ];
  it.each(none)('"%s" names no kind', (text) => {
    expect(kindsOfText(text)).toEqual([]);
  });
});

describe('kindsOfText, the list', () => {
  it('names each kind once, in the order of EVENT_KINDS', () => {
    expect(kindsOfText('A drone, then a fire, then another drone and more fire')).toEqual([
      'fire',
      'drone',
    ]);
  });

  it('names nothing in an empty text or one about nothing', () => {
    expect(kindsOfText('')).toEqual([]);
    expect(kindsOfText('   \n ')).toEqual([]);
    expect(kindsOfText('Everything was quiet tonight')).toEqual([]);
    expect(kindsOfText('今天天气很好')).toEqual([]);
  });

  it(`reads only the first ${KINDS_MAX_CHARS} characters`, () => {
    const padding = 'quiet night. '.repeat(Math.ceil(KINDS_MAX_CHARS / 13));
    expect(kindsOfText(`fire. ${padding}`)).toEqual(['fire']);
    expect(kindsOfText(`${padding} fire`)).toEqual([]);
  });

  it.each(EVENT_KIND_CODES)('finds %s in its own English and Chinese labels', (kind) => {
    expect(kindsOfText(EVENT_KINDS[kind].en)).toContain(kind);
    expect(kindsOfText(EVENT_KINDS[kind].zh)).toContain(kind);
  });
});

describe('kindsOfCategory', () => {
  it('reads exact codes, one or several', () => {
    expect(kindsOfCategory('fire')).toEqual(['fire']);
    expect(kindsOfCategory('suspicious_vehicle')).toEqual(['suspicious_vehicle']);
    expect(kindsOfCategory('Suspicious-Vehicle')).toEqual(['suspicious_vehicle']);
    expect(kindsOfCategory('drone, fire')).toEqual(['fire', 'drone']);
  });

  it('reads words as a narrative would', () => {
    expect(kindsOfCategory('Fire')).toEqual(['fire']);
    expect(kindsOfCategory('火灾')).toEqual(['fire']);
    // The hotline's catch-alls name no kind: the narrative decides.
    expect(kindsOfCategory('Suspicious activity')).toEqual([]);
    expect(kindsOfCategory('可疑情况')).toEqual([]);
    expect(kindsOfCategory('suspicious')).toEqual([]);
    expect(kindsOfCategory('Suspicious person')).toEqual(['suspicious_person']);
    expect(kindsOfCategory('Drone sighting')).toEqual(['drone']);
  });

  it('reads a bare word the narrative patterns leave alone', () => {
    expect(kindsOfCategory('Medical')).toEqual(['medical']);
    expect(kindsOfCategory('交通')).toEqual(['traffic_accident']);
  });

  it('names nothing for no category or one naming no kind', () => {
    expect(kindsOfCategory(null)).toEqual([]);
    expect(kindsOfCategory('')).toEqual([]);
    expect(kindsOfCategory('other')).toEqual([]);
    expect(kindsOfCategory('其他')).toEqual([]);
  });
});

describe('kindsOfReport', () => {
  it("takes the narrative's kinds when the category names none", () => {
    expect(kindsOfReport(null, 'smoke and flames from the warehouse')).toEqual(['fire']);
    expect(kindsOfReport('other', '有人在基地门口拍照')).toEqual(['surveillance']);
  });

  it("lets the category's kinds win over the narrative's", () => {
    expect(kindsOfReport('fire', 'a car parked outside, someone photographing the gate')).toEqual([
      'fire',
    ]);
    expect(kindsOfReport('drone', '仓库着火了')).toEqual(['drone']);
  });

  it("adds the narrative's kinds of the category's groups", () => {
    expect(kindsOfReport('Fire', 'an explosion, then flames; a parked car nearby')).toEqual([
      'fire',
      'explosion',
    ]);
    expect(kindsOfReport('suspicious activity', 'a man photographing the gate')).toEqual([
      'surveillance',
    ]);
    expect(kindsOfReport('suspicious activity', 'The warehouse is burning')).toEqual(['fire']);
  });

  it('names nothing when neither does', () => {
    expect(kindsOfReport(null, 'I would like to report something')).toEqual([]);
  });
});

describe('recategorizedKinds', () => {
  it("takes the new category's kinds and keeps the previous ones of their groups", () => {
    expect(recategorizedKinds(['explosion', 'suspicious_vehicle'], 'Fire')).toEqual([
      'fire',
      'explosion',
    ]);
    expect(recategorizedKinds(['fire'], 'drone')).toEqual(['drone']);
  });

  it("agrees with kindsOfReport when the previous kinds were the narrative's", () => {
    const narrative = 'a man photographing the gate from a parked car';
    expect(recategorizedKinds(kindsOfText(narrative), 'suspicious activity')).toEqual(
      kindsOfReport('suspicious activity', narrative),
    );
  });

  it('keeps the previous kinds when the new category names none', () => {
    expect(recategorizedKinds(['gunfire'], 'other')).toEqual(['gunfire']);
    expect(recategorizedKinds(['gunfire'], null)).toEqual(['gunfire']);
    expect(recategorizedKinds([], null)).toEqual([]);
  });
});
