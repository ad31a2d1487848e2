/**
 * Attachments' sealed segments in SQLite (migration 014), and files staged while a
 * multipart upload arrives, before their report is stored.
 */
import type { FileRepository } from '../store.js';
import type { Db } from './database.js';

export function createFileRepository(db: Db): FileRepository {
  const stageRow = db.prepare('INSERT INTO staged_files (attachment_id, staged_at) VALUES (?, ?)');
  const isStaged = db.prepare('SELECT 1 FROM staged_files WHERE attachment_id = ?').pluck();
  const addSegment = db.prepare(
    'INSERT INTO file_segments (attachment_id, seq, data) VALUES (?, ?, ?)',
  );
  const unstage = db.prepare('DELETE FROM staged_files WHERE attachment_id = ?');
  const dropSegments = db.prepare('DELETE FROM file_segments WHERE attachment_id = ?');
  const segmentOf = db
    .prepare('SELECT data FROM file_segments WHERE attachment_id = ? AND seq = ?')
    .pluck();
  const stale = db
    .prepare(
      'SELECT attachment_id FROM staged_files WHERE staged_at < ? ORDER BY staged_at LIMIT ?',
    )
    .pluck();
  const countStaged = db.prepare('SELECT count(*) FROM staged_files').pluck();

  const discard = db.transaction((attachmentId: string) => {
    dropSegments.run(attachmentId);
    unstage.run(attachmentId);
  });

  return {
    stage(attachmentId, at) {
      stageRow.run(attachmentId, at);
    },
    append: db.transaction((attachmentId: string, firstSeq: number, segments: Buffer[]) => {
      // Only to a staged file: one whose report was refused or swept takes no more bytes.
      if (isStaged.get(attachmentId) === undefined) return false;
      segments.forEach((data, i) => addSegment.run(attachmentId, firstSeq + i, data));
      return true;
    }),
    insertSegments(attachmentId, segments) {
      segments.forEach((data, i) => addSegment.run(attachmentId, i, data));
    },
    claim: (attachmentId) => unstage.run(attachmentId).changes === 1,
    discard(attachmentId) {
      discard(attachmentId);
    },
    segment: (attachmentId, seq) =>
      (segmentOf.get(attachmentId, seq) as Buffer | undefined) ?? null,
    staleStaged: (before, limit) => stale.all(before, limit) as string[],
    stagedCount: () => countStaged.get() as number,
  };
}
