/**
 * Files sent with a report: they travel inside the JSON body as base64, a third
 * larger than the files, and the whole body must stay under the server's limit
 * (GET /api/v1/reports/limits). The form says how much that leaves before anything
 * is sent, refuses a file that cannot fit when it is picked, and checks the exact
 * body size before sending. Pure helpers, no DOM beyond the bytes given.
 */

/** Room kept in the body for everything but the files (narrative, fields, JSON). */
export const BODY_ROOM_BYTES = 16 * 1024;

export interface PickedFile {
  filename: string;
  contentType: string;
  /** Size of the file itself (not of its base64). */
  size: number;
  dataBase64: string;
}

/** Bytes of files a body of `bodyLimitBytes` can carry, as base64, beside the rest of the report. */
export function attachmentBudget(bodyLimitBytes: number): number {
  return Math.max(0, Math.floor(((bodyLimitBytes - BODY_ROOM_BYTES) * 3) / 4));
}

/** The size of a JSON body in bytes, as the server counts it (UTF-8). */
export function jsonBytes(body: unknown): number {
  return new TextEncoder().encode(JSON.stringify(body)).length;
}

/** Standard base64 of bytes, built in chunks (a spread of a large array overflows the stack). */
export function base64OfBytes(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** A file's media type, or the generic one when the browser does not know it. */
export function contentTypeOf(type: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(type) ? type : 'application/octet-stream';
}

/** Whether one more file of `size` still fits the budget beside the files already picked. */
export function fits(picked: readonly Pick<PickedFile, 'size'>[], size: number, budget: number) {
  return picked.reduce((sum, f) => sum + f.size, 0) + size <= budget;
}
