/**
 * Whether a report says, in its own words, that its sender reported this before ("I
 * called earlier", "calling again about the same thing", "再报一次", "又是我", "更正…"): a
 * pure function over the narrative, read at intake (the text is sealed afterwards).
 *
 * A caller who comes back through the web form, or a partner's app without a number,
 * leaves nothing else that links the two reports; counted as a second witness, the
 * incident would claim more independent sources than it has. Such a report adds no
 * source to an incident that holds an earlier report (correlate/independence.ts): if its
 * first report is elsewhere, the incident counts one source too few, the safer error.
 */
import { normalizeForKinds } from './event-kind.js';

const EN = [
  // "I called earlier", "we already reported it an hour ago", "I phoned you before".
  "(?:i|we|i've|we've|i have|we have) (?:already |just |also )?(?:called|rang|phoned|reported|messaged|texted|wrote|submitted|sent) (?:you |this |it |in |about (?:this|it) |a report |this in )?(?:earlier|before|already|previously|a (?:few|couple of) (?:minutes|hours) ago|an hour ago|(?:this|last) (?:morning|afternoon|evening|night))",
  'calling (?:you )?(?:again|back) (?:about|regarding|re|on)',
  '(?:calling|reporting|writing|messaging|texting) (?:this |it |in )?again',
  "(?:second|third|fourth|fifth|2nd|3rd|4th|5th) time (?:i am |i'm |i have |i've |we are |we're |we have |we've )?(?:calling|reporting|called|reported|writing|asking)",
  "it's (?:me|us) again",
  '(?:same|this) (?:thing|incident|issue) (?:as|that) i (?:reported|called about|mentioned) (?:earlier|before)',
  'as i (?:said|reported|mentioned) (?:earlier|before)',
  '(?:correction|follow-?up|update) (?:to|on) my (?:earlier |last |previous |first )?(?:call|report|message|text)',
  'correcting my (?:earlier |last |previous |first )?(?:call|report|message|text)',
  'let me correct (?:that|what i said|my)',
  // "An update from me:", "adding to my earlier report", "to add to what I said".
  'update from (?:me|us)',
  '(?:adding|to add) to (?:my|what (?:i|we)) (?:earlier |last |previous |first )?(?:call|report|message|text|said|wrote)',
  '^correction\\b',
  // A heading that marks the message as its sender's own correction: "UPDATE (corrected):",
  // "Amended -", "Corrected:" ("Update:" alone is also how a new witness may open).
  '^updated? ?\\((?:corrected|correction|amended|revised)(?=\\))',
  '^(?:corrected|amended|revised)(?=\\s*[:-])',
  // A message that opens "Still happening:" goes on from one sent before (a new witness
  // says "it is still burning" inside a report, not as its heading).
  "^(?:it's |it is )?still (?:happening|going on|ongoing)(?=\\s*[:,;.!-])",
];

const ZH = [
  '再(?:打|报)一(?:次|遍)',
  '又是我',
  '还是我',
  // 我刚才打过电话, 我之前已经报过, 我早上举报过.
  '我(?:刚才|刚刚|之前|先前|早上|上午|中午|下午|晚上|昨天)?(?:已经)?(?:打过|报过|举报过|反映过)',
  '第[二三四五2345]次(?:打|报|举报|来电|反映)',
  '(?:^|[，。！？,.!?\\s])更正',
  '(?:^|[，。！？,.!?\\s])修改一下',
  '(?:补充|更正)一下(?:刚才|之前|我)',
  // A message that opens a clause with "补充：" / "再补充一点，" adds to one sent before.
  '(?:^|[，。！？,.!?\\s])再?补充(?:一下|一点|两句)?[，,:：]',
  '还是(?:刚才|之前|上午|早上)(?:那|的)',
  // 刚才说错了 / 我之前说错了 ("I said it wrong before"), and a heading 修改： / 订正：.
  '(?:刚才|刚刚|之前|上次|我)说错了',
  '^(?:修改|修正|订正)[,:：]',
  // Likewise a message opening "还在继续，" / "仍在持续：".
  '^(?:还在|仍在|仍然在|一直在)(?:继续|持续)[，,:：。！!；;]',
];

const PATTERN = new RegExp(`\\b(?:${EN.join('|')})\\b|${ZH.join('|')}`, 'u');

export function saysRepeat(narrative: string): boolean {
  return PATTERN.test(normalizeForKinds(narrative).trim());
}
