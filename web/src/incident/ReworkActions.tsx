/**
 * The analyst's hand on an incident: merge other incidents into it, split the
 * checked reports out into a new one, move the selected report to another incident.
 * Each asks first, then calls the server (audited there, reports pinned), then the
 * view refreshes.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { hrefOf } from '../shell/route.js';
import { ConfirmedAction } from './ConfirmedAction.js';
import type { MergeAnswer, MoveAnswer, SplitAnswer } from './types.js';

const incidentLink = (id: string) => <a href={hrefOf({ view: 'incident', id })}>{id}</a>;

/** Incident ids as typed: separated by spaces or commas, each once. */
export function idsOf(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((s) => s !== ''))];
}

export function ReworkActions({
  incidentId,
  checked,
  selected,
  onDone,
  onSplit,
}: {
  incidentId: string;
  checked: readonly string[];
  selected: string | null;
  onDone: () => void;
  onSplit: () => void;
}) {
  const { t } = useTranslation('incident');
  const [others, setOthers] = useState('');
  const [mergeReason, setMergeReason] = useState('');
  const [splitReason, setSplitReason] = useState('');
  const [target, setTarget] = useState('');
  const [moveReason, setMoveReason] = useState('');
  const path = `incidents/${encodeURIComponent(incidentId)}`;
  const mergeIds = idsOf(others);

  return (
    <section aria-labelledby="rework-title" className="incident-section">
      <h2 id="rework-title">{t('rework.title')}</h2>

      <ConfirmedAction
        title={t('merge.title')}
        testId="merge"
        ready={mergeIds.length > 0 && mergeReason.trim() !== ''}
        submitLabel={t('merge.submit')}
        question={t('merge.question', { ids: mergeIds.join(', '), id: incidentId })}
        confirmLabel={t('merge.confirm')}
        run={async () => {
          const answer = await call<MergeAnswer>(`${path}/merge`, {
            method: 'POST',
            body: { incidentIds: mergeIds, reason: mergeReason },
          });
          setOthers('');
          setMergeReason('');
          onDone();
          return t('merge.done', { ids: answer.merged.join(', ') });
        }}
      >
        <label>
          {t('merge.others')}{' '}
          <input
            value={others}
            onChange={(e) => setOthers(e.target.value)}
            data-testid="merge-ids"
          />
        </label>
        <label>
          {t('reason')}{' '}
          <input
            value={mergeReason}
            onChange={(e) => setMergeReason(e.target.value)}
            maxLength={500}
            data-testid="merge-reason"
          />
        </label>
      </ConfirmedAction>

      <ConfirmedAction
        title={t('split.title')}
        testId="split"
        ready={checked.length > 0 && splitReason.trim() !== ''}
        submitLabel={t('split.submit', { count: checked.length })}
        question={t('split.question', { count: checked.length, id: incidentId })}
        confirmLabel={t('split.confirm')}
        run={async () => {
          const answer = await call<SplitAnswer>(`${path}/split`, {
            method: 'POST',
            body: { reportIds: checked, reason: splitReason },
          });
          setSplitReason('');
          onSplit();
          onDone();
          return (
            <>
              {t('split.done')} {incidentLink(answer.newIncidentId)}
            </>
          );
        }}
      >
        <p className="muted">
          {checked.length === 0 ? t('split.hint') : t('split.checked', { count: checked.length })}
        </p>
        <label>
          {t('reason')}{' '}
          <input
            value={splitReason}
            onChange={(e) => setSplitReason(e.target.value)}
            maxLength={500}
            data-testid="split-reason"
          />
        </label>
      </ConfirmedAction>

      <ConfirmedAction
        title={t('move.title')}
        testId="move"
        ready={selected !== null && target.trim() !== '' && moveReason.trim() !== ''}
        submitLabel={t('move.submit')}
        question={t('move.question', { report: selected ?? '', target: target.trim() })}
        confirmLabel={t('move.confirm')}
        run={async () => {
          const answer = await call<MoveAnswer>(
            `reports/${encodeURIComponent(selected!)}/incident`,
            {
              method: 'POST',
              body: { incidentId: target.trim(), reason: moveReason },
            },
          );
          setTarget('');
          setMoveReason('');
          onDone();
          return (
            <>
              {t('move.done', { report: answer.id })} {incidentLink(answer.incidentId)}
            </>
          );
        }}
      >
        <p className="muted">
          {selected ? t('move.selected', { report: selected }) : t('move.hint')}
        </p>
        <label>
          {t('move.target')}{' '}
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="move-target"
          />
        </label>
        <label>
          {t('reason')}{' '}
          <input
            value={moveReason}
            onChange={(e) => setMoveReason(e.target.value)}
            maxLength={500}
            data-testid="move-reason"
          />
        </label>
      </ConfirmedAction>
    </section>
  );
}
