/**
 * The perplexity findings: a text's score (perplexity.ts) against the settings
 * (verify/settings.ts TEXT_SETTINGS). Perplexity is a **weak signal** and every message
 * says so: wording, topic, dialect and typos move it as much as machine generation or
 * copying do. No finding at all when
 * - the model was trained on fewer than `minTrainingTokens` tokens (the bundled
 *   corpus alone is far too small to call any text unusual),
 * - the text has fewer than `minTokens` known tokens, or
 * - the model knows less than `minKnownShare` of the text's tokens (unknown ones are
 *   left out of the perplexity, so it would speak of a few words only).
 * Above `highPerplexity`: `text.high_perplexity`; below `lowPerplexity`:
 * `text.low_perplexity`. Evidence: numbers and codes only, never a word of the text.
 */
import { FLAG, findingSeverity, type FindingCode } from '../../domain/flags.js';
import type { Finding } from '../../domain/findings.js';
import type { ModelFacts, TextScoreFacts } from '../../domain/text.js';

export type { ModelFacts } from '../../domain/text.js';
/** What the findings read of a score (perplexity.ts's TextScore, or the one stored at intake). */
type Score = Omit<TextScoreFacts, 'model'>;

export interface PerplexitySettings {
  highPerplexity: number;
  lowPerplexity: number;
  minTokens: number;
  minKnownShare: number;
  minTrainingTokens: number;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
const percent = (fraction: number) => Math.round(fraction * 100);

/** Whether the score can give a finding at all (see the header). */
export function isJudgeable(
  score: Score,
  model: ModelFacts,
  settings: PerplexitySettings,
): boolean {
  const known = score.tokens - score.unknownTokens;
  return (
    model.trainingTokens >= settings.minTrainingTokens &&
    known >= settings.minTokens &&
    known >= settings.minKnownShare * score.tokens
  );
}

export function perplexityFindings(
  score: Score,
  model: ModelFacts,
  settings: PerplexitySettings,
): Finding[] {
  if (!isJudgeable(score, model, settings)) return [];
  const perplexity = oneDecimal(score.perplexity);
  const top10 = share(score.ranks.top10, score.ranks.ranked);
  const evidence = (limit: number) => ({
    perplexity,
    limit,
    language: score.language,
    tokens: score.tokens,
    unknownTokens: score.unknownTokens,
    ranks: {
      ranked: score.ranks.ranked,
      top10,
      top100: share(score.ranks.top100, score.ranks.ranked),
      top1000: share(score.ranks.top1000, score.ranks.ranked),
      beyond: share(score.ranks.beyond, score.ranks.ranked),
    },
    model: { order: model.order, trainingTokens: model.trainingTokens },
  });
  const finding = (code: FindingCode, limit: number, en: string, zh: string): Finding => ({
    code,
    severity: findingSeverity(code),
    message: { en, zh },
    evidence: evidence(limit),
  });
  const ranked = {
    en: `${percent(top10)} % of its words are among the model’s 10 likeliest at their place.`,
    zh: `其中 ${percent(top10)}% 的词是模型在该位置认为最可能的前 10 个之一。`,
  };
  if (score.perplexity > settings.highPerplexity) {
    return [
      finding(
        FLAG.text.high_perplexity,
        settings.highPerplexity,
        `The text is unusual for the language model: perplexity ${perplexity}, above ${settings.highPerplexity}. ${ranked.en} This is a weak signal: unusual wording, a rare topic, dialect or typos raise it too; read the text before judging.`,
        `该文本对语言模型而言较为少见：困惑度 ${perplexity}，高于 ${settings.highPerplexity}。${ranked.zh}这只是一个弱信号：措辞特别、话题少见、方言或错别字也会使其升高；请先阅读原文再作判断。`,
      ),
    ];
  }
  if (score.perplexity < settings.lowPerplexity) {
    return [
      finding(
        FLAG.text.low_perplexity,
        settings.lowPerplexity,
        `The text is very predictable for the language model: perplexity ${perplexity}, below ${settings.lowPerplexity}. ${ranked.en} It may be boilerplate, copied from earlier reports or machine-generated. This is a weak signal: short, formulaic reports score low too; read the text before judging.`,
        `该文本对语言模型而言高度可预测：困惑度 ${perplexity}，低于 ${settings.lowPerplexity}。${ranked.zh}它可能是套话、抄自先前的举报或由机器生成。这只是一个弱信号：简短、格式化的举报得分也会偏低；请先阅读原文再作判断。`,
      ),
    ];
  }
  return [];
}
