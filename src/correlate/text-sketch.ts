/** (Placeholder until the text-sketch branch lands: comparison of 64-slot MinHash sketches.) */
export function sketchSimilarity(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length) >>> 2;
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a.readUInt32LE(i * 4) === b.readUInt32LE(i * 4)) same++;
  return same / n;
}

export function sketchBands(sketch: Buffer, bands = 16): string[] {
  const slots = sketch.length >>> 2;
  const per = Math.max(1, Math.floor(slots / bands));
  const out: string[] = [];
  for (let b = 0; b < bands && (b + 1) * per <= slots; b++) {
    out.push(`${b}:${sketch.subarray(b * per * 4, (b + 1) * per * 4).toString('hex')}`);
  }
  return out;
}
