import { describe, expect, it } from 'vitest';
import { saysRepeat } from './says-repeat.js';

describe('saysRepeat', () => {
  const repeats = [
    'I called earlier about the smoke, it is worse now',
    'We already reported this an hour ago',
    "I've phoned you before about this van",
    'I rang this morning, the car is still there',
    'Calling again about the fight on Elm Street',
    'Calling you back about the gas smell',
    'Reporting this again: the drone is back',
    'This is the second time I am calling about it',
    "Third time I've reported the parcel",
    "It's me again, the fire spread to the roof",
    'Same thing as I reported earlier, more people now',
    'As I said before, two men with a camera',
    'This is the same incident that I called about before',
    'Follow-up on my last call: they drove off north',
    'Correction to my earlier report: it was a white van',
    'Correcting my last message, it was 9 pm not 8',
    'Let me correct that: the bag is by the west gate',
    'Correction: the smoke is from the second floor',
    '再报一次，火还没灭',
    '我再打一次，人还在那里',
    '又是我，那辆车又回来了',
    '还是我，楼下的人越来越多',
    '我刚才打过电话，现在烟更大了',
    '我之前已经报过，还没人来',
    '我早上举报过这个包',
    '这是我第二次打电话了',
    '第三次反映了，还是没人管',
    '更正：是白色面包车',
    '你好，更正一下，时间是晚上九点',
    '补充一下刚才的情况，有两个人受伤',
    '修改一下：车是白色的',
    '还是刚才那个事，人又来了',
    'Another update from me, the smoke is thinner now',
    'Quick update from us - they opened the gate',
    'Adding to my earlier report: there were three of them',
    'To add to what I said, the car is grey',
    '补充：车牌是川A开头',
    '你好，补充一点，那个人戴着帽子',
    '再补充一下，门是开着的',
  ];
  it.each(repeats)('"%s" says it repeats', (text) => {
    expect(saysRepeat(text)).toBe(true);
  });

  const firsts = [
    'A fire on the third floor, smoke everywhere',
    'I called the fire brigade and they are on the way',
    'Someone called an ambulance already',
    'The man called out to me again and again',
    'I have never seen this car before',
    'It happened again last week to my neighbour',
    'Update: the fire is spreading',
    'The second time the drone passed it was lower',
    '我已经打了120，还没到',
    '我已经报了警，警察还没到',
    '我打了电话给房东',
    '他又打了我一拳',
    '那个骗子又打来了',
    '我第二次看到那个人是在地铁口',
    '刚才有人打电话给我说着火了',
    '他们在修改设计图',
    'An update from the fire brigade would help',
    'I am adding to the pile of complaints',
    '他们还在补充人手',
    '我想知道怎么补充材料',
    '',
  ];
  it.each(firsts)('"%s" does not', (text) => {
    expect(saysRepeat(text)).toBe(false);
  });
});
