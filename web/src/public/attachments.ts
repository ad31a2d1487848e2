/**
 * Files sent with a report: they travel as parts of a multipart/form-data body, as
 * they are (no base64), each within the server's per-file limit and all of them
 * within its total (GET /api/v1/reports/limits). The form says the limits before
 * anything is sent and refuses a file that cannot fit when it is picked. Pure
 * helpers, no DOM beyond the Blob given.
 */

export interface PickedFile {
  filename: string;
  contentType: string;
  /** Size of the file in bytes. */
  size: number;
  /** The file's bytes, typed as `contentType` (sent as the part's Content-Type). */
  blob: Blob;
}

/** A file's media type, or the generic one when the browser does not know it. */
export function contentTypeOf(type: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(type) ? type : 'application/octet-stream';
}

/** Whether one more file of `size` still fits the budget beside the files already picked. */
export function fits(picked: readonly Pick<PickedFile, 'size'>[], size: number, budget: number) {
  return picked.reduce((sum, f) => sum + f.size, 0) + size <= budget;
}

/**
 * The multipart body of a report: the Report JSON (without files) in the `report`
 * part first, as the server requires, then each file in a `file` part.
 */
export function reportForm(
  report: unknown,
  files: readonly Pick<PickedFile, 'filename' | 'blob'>[],
) {
  const form = new FormData();
  form.append('report', JSON.stringify(report));
  for (const f of files) form.append('file', f.blob, f.filename);
  return form;
}
