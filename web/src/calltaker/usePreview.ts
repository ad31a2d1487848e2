/**
 * The draft scored while the call goes on (POST /api/v1/reports/preview): sent once the
 * call-taker has paused typing for PREVIEW_DELAY_MS, only when the draft changed, one
 * request at a time (a newer draft aborts the older request). The last good answer
 * stays shown while the next is on its way; a draft the server refuses gives its field
 * issues instead.
 */
import { useEffect, useRef, useState } from 'react';
import type { Completeness } from '../../../src/normalize/completeness.js';
import type { NextQuestion } from '../../../src/normalize/next-questions.js';
import type { ObservedPlace } from '../../../src/domain/report.js';
import type { timeView } from '../../../src/export/views.js';
import { ApiError, call } from '../api.js';
import type { Issue, ReportDraft } from '../common/report-body.js';

/** The pause after the last keystroke before the draft is scored. */
export const PREVIEW_DELAY_MS = 400;

/** The answer of POST /api/v1/reports/preview. */
export interface Preview {
  completeness: Completeness;
  nextQuestions: NextQuestion[];
  time: ReturnType<typeof timeView>;
  place: ObservedPlace | null;
  flags: string[];
}

export interface PreviewState {
  preview: Preview | null;
  /** The server's field issues with the latest draft (empty when it was read). */
  issues: Issue[];
  /** Why the latest draft was not scored (said by common/errors.ts), else null. */
  error: unknown;
  /** A newer draft than the one shown waits or is on its way. */
  pending: boolean;
}

export function usePreview(draft: ReportDraft): PreviewState {
  const key = JSON.stringify(draft);
  const [state, setState] = useState<PreviewState>({
    preview: null,
    issues: [],
    error: null,
    pending: true,
  });
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => {
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      inFlight.current?.abort();
      const request = new AbortController();
      inFlight.current = request;
      call<Preview>('reports/preview', {
        body: JSON.parse(key) as ReportDraft,
        signal: request.signal,
      }).then(
        (preview) => {
          if (!request.signal.aborted)
            setState({ preview, issues: [], error: null, pending: false });
        },
        (err: unknown) => {
          if (request.signal.aborted) return;
          if (err instanceof ApiError && err.issues.length > 0) {
            setState((s) => ({ ...s, issues: err.issues, error: null, pending: false }));
          } else {
            setState((s) => ({ ...s, error: err, pending: false }));
          }
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);

  useEffect(() => () => inFlight.current?.abort(), []);
  return state;
}
