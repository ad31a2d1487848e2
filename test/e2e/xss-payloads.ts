/**
 * Hostile text for the app's browser tests: script-injection vectors, each wrapped in
 * the ways text breaks out of the place it lands (an attribute, a tag, a URL, a
 * template, a JSON island). Every payload that ran would set `window.__pwned` to its
 * own number, or open a dialog; a test posts them through every text field and checks
 * in the browser that neither happened. Deterministic, so a failure names its payload.
 */

/** A statement that marks payload `n` as having run. */
const mark = (n: number) => `window.__pwned=${n}`;

/** Vectors: each builds a fragment that would run `js` if it were parsed as markup or code. */
const VECTORS: ((js: string) => string)[] = [
  (js) => `<script>${js}</script>`,
  (js) => `<img src=x onerror="${js}">`,
  (js) => `<img src=x onerror=${js}>`,
  (js) => `<svg onload="${js}">`,
  (js) => `<svg><script>${js}</script></svg>`,
  (js) => `<body onload="${js}">`,
  (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`,
  (js) => `<iframe src="javascript:parent.${js}"></iframe>`,
  (js) => `<details open ontoggle="${js}">`,
  (js) => `<video><source onerror="${js}"></video>`,
  (js) => `<audio src=x onerror="${js}">`,
  (js) => `<input autofocus onfocus="${js}">`,
  (js) => `<select autofocus onfocus="${js}"></select>`,
  (js) => `<textarea autofocus onfocus="${js}"></textarea>`,
  (js) => `<marquee onstart="${js}">x</marquee>`,
  (js) => `<object data="javascript:${js}"></object>`,
  (js) => `<embed src="javascript:${js}">`,
  (js) => `<a href="javascript:${js}" id="pwn">click</a>`,
  (js) => `<form action="javascript:${js}"><button>go</button></form>`,
  (js) => `<math><mtext><img src=x onerror="${js}"></mtext></math>`,
  (js) => `<style>@import 'javascript:${js}';</style>`,
  (js) => `<div style="background:url(javascript:${js})">`,
  (js) => `<link rel=stylesheet href="javascript:${js}">`,
  (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`,
  (js) => `<base href="javascript:${js}//">`,
  (js) => `<template><img src=x onerror="${js}"></template>`,
  (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  (js) => `<img src=x onerror=&#x77;indow.__pwned=1 alt="${js}">`,
  (js) => `<img src=x onerror="eval(atob('${btoa(js)}'))">`,
  (js) => `javascript:${js}`,
  (js) => `data:text/html,<script>${js}</script>`,
  (js) => `[click](javascript:${js})`,
  (js) => `{{constructor.constructor('${js}')()}}`,
  (js) => `\${${js}}`,
  (js) => `{{${js}}}`,
  (js) => `<%= ${js} %>`,
  (js) => `</script><script>${js}</script>`,
  (js) => `<scr<script>ipt>${js}</scr</script>ipt>`,
  (js) => `<IMG SRC=x OnErRoR="${js}">`,
  (js) => `<img/src=x/onerror=${js}>`,
  (js) => `<svg><animate onbegin="${js}" attributeName=x dur=1s>`,
  (js) => `<x contenteditable onfocus="${js}" autofocus>x</x>`,
];

/** Where the text may land: each wrapper tries to close that context first. */
const WRAPPERS: ((s: string) => string)[] = [
  (s) => s,
  (s) => `"><${s.startsWith('<') ? s.slice(1) : s}`,
  (s) => `'>${s}`,
  (s) => `</textarea>${s}`,
  (s) => `</title>${s}`,
  (s) => `"}]}</script>${s}`,
  (s) => `Normal words, then ${s} and more words.`,
  (s) => `${s}\u0000\u202e\ufeff`,
];

/** Every vector in every wrapper: more than 300 payloads, numbered from 1. */
export function xssPayloads(): string[] {
  const out: string[] = [];
  for (const wrap of WRAPPERS) {
    for (const vector of VECTORS) out.push(wrap(vector(mark(out.length + 1))));
  }
  return out;
}
