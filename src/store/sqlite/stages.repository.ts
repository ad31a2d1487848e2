/** The pipeline's idempotency keys (`stage_effects`) and the verify stage's findings. */
import type { Finding } from '../../domain/findings.js';
import type { FindingRepository, StageEffectRepository, StoredFinding } from '../store.js';
import type { Db } from './database.js';

export function createStageEffectRepository(db: Db): StageEffectRepository {
  const record = db.prepare(`INSERT OR IGNORE INTO stage_effects
    (report_id, stage, version, pass, applied_at) VALUES (?, ?, ?, ?, ?)`);
  const lastPass = db
    .prepare('SELECT coalesce(max(pass), 0) FROM stage_effects WHERE report_id = ?')
    .pluck();
  return {
    record: (reportId, stage, version, pass, at) =>
      record.run(reportId, stage, version, pass, at).changes === 1,
    lastPass: (reportId) => lastPass.get(reportId) as number,
  };
}

interface FindingRow {
  check: string;
  checkVersion: number;
  code: string;
  severity: Finding['severity'];
  message: string;
  evidence: string;
  createdAt: number;
}

export function createFindingRepository(db: Db): FindingRepository {
  const remove = db.prepare('DELETE FROM findings WHERE report_id = ? AND check_name = ?');
  const insert = db.prepare(`INSERT INTO findings
    (report_id, check_name, check_version, code, severity, message, evidence, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const forReport = db.prepare(`SELECT check_name AS "check", check_version AS checkVersion,
    code, severity, message, evidence, created_at AS createdAt
    FROM findings WHERE report_id = ? ORDER BY id`);
  const setRun = db.prepare(`INSERT INTO check_runs
    (report_id, check_name, check_version, state, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (report_id, check_name) DO UPDATE SET
      check_version = excluded.check_version, state = excluded.state, updated_at = excluded.updated_at`);
  const deferred = db.prepare(`SELECT report_id AS reportId, check_name AS "check",
    check_version AS version FROM check_runs WHERE state = 'deferred' ORDER BY updated_at LIMIT ?`);
  // RFC 7396 merge: objects merge, arrays and values replace.
  const mirror = db.prepare(
    `UPDATE reports SET assessment = json_patch(coalesce(assessment, '{}'), ?) WHERE id = ?`,
  );
  return {
    replace(reportId, check, findings, at) {
      remove.run(reportId, check.name);
      for (const f of findings) {
        insert.run(
          reportId,
          check.name,
          check.version,
          f.code,
          f.severity,
          JSON.stringify(f.message),
          JSON.stringify(f.evidence),
          at,
        );
      }
    },
    forReport: (reportId) =>
      (forReport.all(reportId) as FindingRow[]).map((r): StoredFinding => ({
        ...r,
        message: JSON.parse(r.message) as Finding['message'],
        evidence: JSON.parse(r.evidence) as Finding['evidence'],
      })),
    setRun(reportId, check, state, at) {
      setRun.run(reportId, check.name, check.version, state, at);
    },
    deferred: (limit) =>
      deferred.all(limit) as { reportId: string; check: string; version: number }[],
    mirrorAssessment(reportId, patch) {
      mirror.run(JSON.stringify(patch), reportId);
    },
  };
}
