import { describe, expect, it } from 'vitest';
import { NUMBER_TOKEN, isHanToken, languageOf, sentencesOf, tokensOf } from './tokens.js';

describe('tokensOf', () => {
  it('lower-cases English words and drops punctuation', () => {
    expect(tokensOf('A drone FELL, behind the gate!')).toEqual([
      'a',
      'drone',
      'fell',
      'behind',
      'the',
      'gate',
    ]);
  });

  it('keeps an apostrophe inside a word, either form', () => {
    expect(tokensOf("I don't know the driver’s name")).toEqual([
      'i',
      "don't",
      'know',
      'the',
      "driver's",
      'name',
    ]);
    expect(tokensOf("'quoted' words'")).toEqual(['quoted', 'words']);
    expect(tokensOf("at five o'clock")).toEqual(['at', 'five', "o'clock"]);
  });

  it('makes each Han character one token', () => {
    expect(tokensOf('无人机坠落')).toEqual(['无', '人', '机', '坠', '落']);
  });

  it('keeps Latin words whole inside Chinese text', () => {
    expect(tokensOf('我在Main Street看到无人机')).toEqual([
      '我',
      '在',
      'main',
      'street',
      '看',
      '到',
      '无',
      '人',
      '机',
    ]);
  });

  it('writes a number of digits alone as <num>, full-width ones too, but not a code with letters', () => {
    expect(tokensOf('3 cars at 21 Elm St, plate B2')).toEqual([
      NUMBER_TOKEN,
      'cars',
      'at',
      NUMBER_TOKEN,
      'elm',
      'st',
      'plate',
      'b2',
    ]);
    expect(tokensOf('１２３人')).toEqual([NUMBER_TOKEN, '人']);
    expect(tokensOf('2b 42')).toEqual(['2b', '<num>']);
  });

  it('reads full-width Latin letters as ASCII (NFKC)', () => {
    expect(tokensOf('ＤＲＯＮＥ')).toEqual(['drone']);
  });

  it('gives no token for an empty or punctuation-only text', () => {
    expect(tokensOf('')).toEqual([]);
    expect(tokensOf(' … —— !! ')).toEqual([]);
  });
});

describe('sentencesOf', () => {
  it('ends a sentence at . ! ? ; before a space, and at a line break', () => {
    expect(sentencesOf('Really?! Yes…no')).toEqual([['really'], ['yes'], ['no']]);
    expect(sentencesOf('One here. Two there! Three? Four; five\nsix.')).toEqual([
      ['one', 'here'],
      ['two', 'there'],
      ['three'],
      ['four'],
      ['five'],
      ['six'],
    ]);
  });

  it('does not end a sentence inside a number or a domain', () => {
    expect(sentencesOf('It flew 3.5 km to evil.com and back.')).toEqual([
      ['it', 'flew', NUMBER_TOKEN, NUMBER_TOKEN, 'km', 'to', 'evil', 'com', 'and', 'back'],
    ]);
  });

  it('ends a Chinese sentence at 。！？； with no space after', () => {
    expect(sentencesOf('我看到了。它飞走了！真的吗？是的；好')).toEqual([
      ['我', '看', '到', '了'],
      ['它', '飞', '走', '了'],
      ['真', '的', '吗'],
      ['是', '的'],
      ['好'],
    ]);
  });

  it('leaves out sentences without a token', () => {
    expect(sentencesOf('... !!! \n\n Yes.')).toEqual([['yes']]);
  });
});

describe('languageOf', () => {
  it('is zh when at least half the tokens are Han characters, else en', () => {
    expect(languageOf(['我', '看', 'drone'])).toBe('zh');
    expect(languageOf(['我', 'drone'])).toBe('zh');
    expect(languageOf(['我', 'saw', 'drone'])).toBe('en');
    expect(languageOf(['a', 'drone'])).toBe('en');
    expect(languageOf([])).toBe('en');
  });

  it('tells Han tokens by script', () => {
    expect(isHanToken('机')).toBe(true);
    expect(isHanToken('drone')).toBe(false);
    expect(isHanToken(NUMBER_TOKEN)).toBe(false);
  });
});
