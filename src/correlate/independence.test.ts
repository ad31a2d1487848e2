import { describe, expect, it } from 'vitest';
import {
  independentSources,
  type SameSourceReason,
  type SourceMember,
  type TextSimilarity,
} from './independence.js';

/** A web report from the public: no caller, sender, external id or sketch. */
function member(reportId: string, overrides: Partial<SourceMember> = {}): SourceMember {
  return {
    reportId,
    channel: 'web',
    pseudonym: null,
    link: null,
    sender: null,
    externalId: null,
    abusive: false,
    sketch: null,
    ...overrides,
  };
}

/**
 * Text similarity under the test's control: a sketch is `band,band,…` as text, and the
 * similarity of two sketches is looked up in `similar` (0 when not listed). Every
 * comparison made is recorded.
 */
function fakeText(similar: Record<string, number> = {}, sourceThreshold = 0.6, allPairsMax = 0) {
  const compared: string[] = [];
  const text: TextSimilarity = {
    bands: (sketch) => sketch.toString().split('|')[0]!.split(','),
    similarity(a, b) {
      const pair = [a.toString(), b.toString()].sort().join(' ~ ');
      compared.push(pair);
      return similar[pair] ?? 0;
    },
    // The copies' threshold is the stage's: it must not be the one sources are told by.
    threshold: 0.99,
    sourceThreshold,
    allPairsMax,
  };
  return { text, compared };
}

/** A sketch in the bands named, told apart from others of the same bands by `tag`. */
const sketch = (bands: string, tag: string) => Buffer.from(`${bands}|${tag}`);

const NO_TEXT = fakeText().text;

const sourcesOf = (members: SourceMember[], text = NO_TEXT) => {
  const s = independentSources(members, text);
  return {
    sourceOf: Object.fromEntries(s.sourceOf),
    repeats: Object.fromEntries(s.repeats) as Partial<Record<SameSourceReason, number>>,
    count: s.count,
  };
};

describe('independentSources', () => {
  it('counts every report its own source when nothing joins them', () => {
    expect(sourcesOf([member('a'), member('b'), member('c')])).toEqual({
      sourceOf: { a: 'a', b: 'b', c: 'c' },
      repeats: {},
      count: 3,
    });
  });

  it('has no source for no report', () => {
    expect(sourcesOf([])).toEqual({ sourceOf: {}, repeats: {}, count: 0 });
  });

  it('joins reports of one caller', () => {
    const got = sourcesOf([
      member('a', { pseudonym: 'p1' }),
      member('b', { pseudonym: 'p2' }),
      member('c', { pseudonym: 'p1', channel: 'phone' }),
    ]);
    expect(got).toEqual({
      sourceOf: { a: 'a', b: 'b', c: 'a' },
      repeats: { caller: 1 },
      count: 2,
    });
  });

  it("follows a caller's link across key epochs, in a chain and in either order", () => {
    // Epoch 1: p1; epoch 2: p2, linked to p1; epoch 3: p3, linked to p2.
    const chain = sourcesOf([
      member('a', { pseudonym: 'p1' }),
      member('b', { pseudonym: 'p2', link: 'p1' }),
      member('c', { pseudonym: 'p3', link: 'p2' }),
    ]);
    expect(chain).toEqual({
      sourceOf: { a: 'a', b: 'a', c: 'a' },
      repeats: { caller: 2 },
      count: 1,
    });
    // The newer report listed first: its link names the older report's pseudonym.
    expect(
      sourcesOf([member('b', { pseudonym: 'p2', link: 'p1' }), member('a', { pseudonym: 'p1' })])
        .count,
    ).toBe(1);
    // Two reports linked to the same earlier pseudonym are one caller too.
    expect(
      sourcesOf([member('x', { pseudonym: 'p2', link: 'p1' }), member('y', { link: 'p1' })]).count,
    ).toBe(1);
  });

  it('joins reports of one partner feed, not one sender through another channel', () => {
    expect(
      sourcesOf([
        member('a', { channel: 'feed', sender: 'token:feed1' }),
        member('b', { channel: 'feed', sender: 'token:feed1' }),
        member('c', { channel: 'feed', sender: 'token:feed2' }),
      ]),
    ).toEqual({ sourceOf: { a: 'a', b: 'a', c: 'c' }, repeats: { feed: 1 }, count: 2 });
    // An operator typing in two callers' reports is not one source.
    expect(
      sourcesOf([
        member('a', { channel: 'api', sender: 'user:op' }),
        member('b', { channel: 'api', sender: 'user:op' }),
      ]).count,
    ).toBe(2);
    expect(
      sourcesOf([member('a', { channel: 'feed' }), member('b', { channel: 'feed' })]).count,
    ).toBe(2);
  });

  it("joins reports carrying one sender's external id, not the same id from two senders", () => {
    expect(
      sourcesOf([
        member('a', { channel: 'api', sender: 'token:t1', externalId: 'case-7' }),
        member('b', { channel: 'api', sender: 'token:t1', externalId: 'case-7' }),
        member('c', { channel: 'api', sender: 'token:t2', externalId: 'case-7' }),
        member('d', { channel: 'api', sender: 'token:t1', externalId: 'case-8' }),
        member('e', { channel: 'api', externalId: 'case-7' }),
        member('f', { channel: 'api', externalId: 'case-7' }),
      ]),
    ).toEqual({
      sourceOf: { a: 'a', b: 'a', c: 'c', d: 'd', e: 'e', f: 'f' },
      repeats: { external_id: 1 },
      count: 5,
    });
  });

  it('keeps the sender and the external id apart in the key', () => {
    const got = sourcesOf([
      member('a', { sender: 'token:t', externalId: '1x' }),
      member('b', { sender: 'token:t1', externalId: 'x' }),
    ]);
    expect(got.count).toBe(2);
  });

  it('keeps kinds of key apart: a pseudonym is not a feed sender of the same name', () => {
    const got = sourcesOf([
      member('a', { pseudonym: 'same' }),
      member('b', { channel: 'feed', sender: 'same' }),
      member('c', { sender: 'same', externalId: 'same' }),
    ]);
    expect(got.count).toBe(3);
  });

  it("joins the abuse queue's reports as one burst, whoever called", () => {
    expect(
      sourcesOf([
        member('a', { abusive: true, pseudonym: 'p1' }),
        member('b'),
        member('c', { abusive: true, pseudonym: 'p2' }),
        member('d', { abusive: true, pseudonym: 'p3' }),
      ]),
    ).toEqual({
      sourceOf: { a: 'a', b: 'b', c: 'a', d: 'a' },
      repeats: { abuse_burst: 2 },
      count: 2,
    });
  });

  it('joins near-identical texts at the similarity threshold, not just below it', () => {
    const at = fakeText({ 'b1|a ~ b1|b': 0.6 }).text;
    const below = fakeText({ 'b1|a ~ b1|b': 0.6 - 1e-9 }).text;
    const members = [
      member('a', { sketch: sketch('b1', 'a') }),
      member('b', { sketch: sketch('b1', 'b') }),
    ];
    expect(sourcesOf(members, at)).toEqual({
      sourceOf: { a: 'a', b: 'a' },
      repeats: { same_text: 1 },
      count: 1,
    });
    expect(sourcesOf(members, below).count).toBe(2);
  });

  it('reads the threshold it is given', () => {
    const members = [
      member('a', { sketch: sketch('b1', 'a') }),
      member('b', { sketch: sketch('b1', 'b') }),
    ];
    expect(sourcesOf(members, fakeText({ 'b1|a ~ b1|b': 0.3 }, 0.3).text).count).toBe(1);
    expect(sourcesOf(members, fakeText({ 'b1|a ~ b1|b': 0.3 }, 0.31).text).count).toBe(2);
  });

  it('compares every pair up to allPairsMax sketches, a pair sharing no band too; beyond, only by band', () => {
    const members = [
      member('a', { sketch: sketch('b1', 'a') }),
      member('b', { sketch: sketch('b2', 'b') }),
      member('c', { sketch: sketch('b3', 'c') }),
      member('d', { pseudonym: 'p' }), // no text: not counted among the sketches
    ];
    const similar = { 'b1|a ~ b3|c': 0.7 };
    const all = fakeText(similar, 0.6, 3);
    expect(sourcesOf(members, all.text)).toEqual({
      sourceOf: { a: 'a', b: 'b', c: 'a', d: 'd' },
      repeats: { same_text: 1 },
      count: 3,
    });
    expect(all.compared).toEqual(['b1|a ~ b2|b', 'b1|a ~ b3|c', 'b2|b ~ b3|c']);
    const banded = fakeText(similar, 0.6, 2);
    expect(sourcesOf(members, banded.text).count).toBe(4);
    expect(banded.compared).toEqual([]);
  });

  it('compares only reports that share a band, and not those one source already', () => {
    const { text, compared } = fakeText({ 'b1,b2|a ~ b2,b3|c': 0.9 });
    const got = sourcesOf(
      [
        member('a', { sketch: sketch('b1,b2', 'a') }),
        member('b', { sketch: sketch('b4', 'b') }),
        member('c', { sketch: sketch('b2,b3', 'c') }),
        // d and e are one caller: never compared with each other, though they share a band.
        member('d', { pseudonym: 'p', sketch: sketch('b1', 'd') }),
        member('e', { pseudonym: 'p', sketch: sketch('b1', 'e') }),
        member('f'),
      ],
      text,
    );
    expect(compared).toEqual(['b1,b2|a ~ b2,b3|c', 'b1,b2|a ~ b1|d', 'b1,b2|a ~ b1|e']);
    expect(got.sourceOf).toEqual({ a: 'a', b: 'b', c: 'a', d: 'd', e: 'd', f: 'f' });
    expect(got.repeats).toEqual({ same_text: 1, caller: 1 });
  });

  it('compares a report with each earlier one in a band it shares, joining any that is similar', () => {
    const { text, compared } = fakeText({ 'b1|b ~ b1|c': 0.7 });
    const got = sourcesOf(
      [
        member('a', { sketch: sketch('b1', 'a') }),
        member('b', { sketch: sketch('b1', 'b') }),
        member('c', { sketch: sketch('b1', 'c') }),
      ],
      text,
    );
    expect(compared).toEqual(['b1|a ~ b1|b', 'b1|a ~ b1|c', 'b1|b ~ b1|c']);
    expect(got.sourceOf).toEqual({ a: 'a', b: 'b', c: 'b' });
  });

  it("names each source after its first report in the input's order", () => {
    // c joins a (pseudonym p1), then brings b (its link is b's pseudonym p2): all one source, a's.
    expect(
      sourcesOf([
        member('a', { pseudonym: 'p1' }),
        member('b', { pseudonym: 'p2' }),
        member('c', { pseudonym: 'p1', link: 'p2' }),
      ]),
    ).toEqual({ sourceOf: { a: 'a', b: 'a', c: 'a' }, repeats: { caller: 2 }, count: 1 });
    // The text joins the source of b and c to a's, which comes first.
    const { text } = fakeText({ 'b1|a ~ b1|c': 0.9 });
    expect(
      sourcesOf(
        [
          member('a', { sketch: sketch('b1', 'a') }),
          member('b', { pseudonym: 'q' }),
          member('c', { pseudonym: 'q', sketch: sketch('b1', 'c') }),
        ],
        text,
      ).sourceOf,
    ).toEqual({ a: 'a', b: 'a', c: 'a' });
  });

  it('counts each repeat once, under the first reason that joined it', () => {
    // b repeats a's caller and a's feed: counted once, as the caller.
    const got = sourcesOf([
      member('a', { pseudonym: 'p', channel: 'feed', sender: 'token:f' }),
      member('b', { pseudonym: 'p', channel: 'feed', sender: 'token:f' }),
    ]);
    expect(got.repeats).toEqual({ caller: 1 });
  });

  it('counts repeats by reason, every report either a source or a repeat', () => {
    const { text } = fakeText({ 'b1|a ~ b1|c': 0.9 });
    const members = [
      member('a', { pseudonym: 'p', sketch: sketch('b1', 'a') }),
      member('b', { pseudonym: 'p' }),
      member('c', { sketch: sketch('b1', 'c') }),
      member('d', { abusive: true }),
      member('e', { abusive: true }),
      member('f', { channel: 'feed', sender: 'token:f' }),
      member('g', { channel: 'feed', sender: 'token:f' }),
      member('h', { channel: 'feed', sender: 'token:f' }),
      member('i'),
    ];
    const got = sourcesOf(members, text);
    expect(got.count).toBe(4);
    expect(got.repeats).toEqual({ caller: 1, same_text: 1, abuse_burst: 1, feed: 2 });
    // Reasons in the order of the first report each joined (b, c, e, g).
    expect(Object.keys(got.repeats)).toEqual(['caller', 'same_text', 'abuse_burst', 'feed']);
    const repeats = Object.values(got.repeats).reduce((s, n) => s + n, 0);
    expect(repeats + got.count).toBe(members.length);
  });

  it('adds no source for a report saying its sender reported this before, unless it is the first', () => {
    // c says "I called earlier": nothing else links it, so it joins the first source.
    const got = sourcesOf([member('a'), member('b'), member('c', { saysRepeat: true })]);
    expect(got.count).toBe(2);
    expect(got.sourceOf).toEqual({ a: 'a', b: 'b', c: 'a' });
    expect(got.repeats).toEqual({ says_repeat: 1 });
    // Without the words it is a witness of its own.
    expect(sourcesOf([member('a'), member('b'), member('c')]).count).toBe(3);
    // First in the incident, it is a source: its earlier report is elsewhere.
    const first = sourcesOf([member('a', { saysRepeat: true }), member('b')]);
    expect(first.count).toBe(2);
    expect(first.repeats).toEqual({});
  });

  it('leaves a repeat already linked to an earlier report where it is', () => {
    // b calls again from the number of its first call: one caller, not also the first source.
    const got = sourcesOf([
      member('a'),
      member('b1', { pseudonym: 'p' }),
      member('b2', { pseudonym: 'p', saysRepeat: true }),
    ]);
    expect(got.count).toBe(2);
    expect(got.sourceOf).toEqual({ a: 'a', b1: 'b1', b2: 'b1' });
    expect(got.repeats).toEqual({ caller: 1 });
    // Linked only to a later report (its copy), it still joins the first source, copy and all.
    const { text } = fakeText({ 'x|b ~ x|c': 0.9 });
    const later = sourcesOf(
      [
        member('a'),
        member('b', { saysRepeat: true, sketch: sketch('x', 'b') }),
        member('c', { sketch: sketch('x', 'c') }),
      ],
      text,
    );
    expect(later.count).toBe(1);
    expect(later.sourceOf).toEqual({ a: 'a', b: 'a', c: 'a' });
  });
});
