/**
 * The incident view (`#/incident/<id>`): the incident at a glance, why it has its
 * confidence, its reports on a timeline, the selected report with its flags, findings
 * and case actions, the analyst's merge, split and move, routing to an office, and
 * what changed. Kept fresh from the live stream (useIncident.ts). Everything the
 * server or a reporter wrote is shown as text.
 */
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorLine } from '../common/ErrorText.js';
import { SessionContext } from '../shell/context.js';
import { hrefOf } from '../shell/route.js';
import { ConfidenceBreakdown } from './ConfidenceBreakdown.js';
import { History } from './History.js';
import { IncidentHeader } from './IncidentHeader.js';
import { OfficeRouting } from './OfficeRouting.js';
import { ReportDetails } from './ReportDetails.js';
import { ReworkActions } from './ReworkActions.js';
import { Timeline } from './Timeline.js';
import { useIncident, useLiveUpdates } from './useIncident.js';
import './incident.css';

export default function IncidentView({ id }: { id: string }) {
  // A new id is a new page: nothing selected, nothing checked.
  return <IncidentPage key={id} id={id} />;
}

function IncidentPage({ id }: { id: string }) {
  const { t } = useTranslation('incident');
  // Until the sign-in gate provides the session, every action shows and the server decides.
  const roles = useContext(SessionContext)?.me.roles ?? null;
  const mayRework = roles === null || roles.some((r) => r === 'analyst' || r === 'supervisor');
  const mayRoute = roles === null || roles.includes('supervisor');
  const errorLine = useErrorLine();
  const { load, reports, staleError, refresh, refreshReport } = useIncident(id);
  const incident = load.state === 'ready' ? load.incident : null;
  const members = incident?.reportIds ?? [];
  const live = useLiveUpdates(
    id,
    members,
    () => void refresh(),
    (reportId) => void refreshReport(reportId),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const [refreshing, setRefreshing] = useState(false);

  if (load.state === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (load.state === 'missing') {
    return (
      <section aria-labelledby="incident-missing" data-testid="incident-missing">
        <h1 id="incident-missing">{t('missing.title')}</h1>
        <p role="alert">{t('missing.text', { id })}</p>
        <a href={hrefOf({ view: 'queue' })}>{t('missing.back')}</a>
      </section>
    );
  }
  if (load.state === 'failed') {
    return (
      <section aria-labelledby="incident-failed">
        <h1 id="incident-failed">{t('failed.title')}</h1>
        <p role="alert">{t('failed.text', { message: errorLine(load.error) })}</p>
        <button type="button" onClick={() => void refresh(true)}>
          {t('refresh')}
        </button>
      </section>
    );
  }

  const { incident: shown } = load;
  const memberSet = new Set(shown.reportIds);
  // Reports that left the incident (split, moved) are no longer selected or checked.
  const selectedHere = selected !== null && memberSet.has(selected) ? selected : null;
  const checkedHere = [...checked].filter((r) => memberSet.has(r));
  const statuses: Record<string, number> = {};
  for (const r of shown.reportIds) {
    const entry = reports[r];
    if (entry?.state === 'ready')
      statuses[entry.report.status] = (statuses[entry.report.status] ?? 0) + 1;
  }

  async function refreshAll() {
    setRefreshing(true);
    try {
      await refresh(true);
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <article aria-labelledby="incident-title" className="incident" data-testid="incident">
      <IncidentHeader
        incident={shown}
        statuses={statuses}
        live={live}
        onRefresh={() => void refreshAll()}
        refreshing={refreshing}
      />
      {staleError !== null && (
        <p role="alert" className="incident-error">
          {t('stale', { message: errorLine(staleError) })}
        </p>
      )}
      <ConfidenceBreakdown breakdown={shown.confidenceBreakdown} />
      <Timeline
        incident={shown}
        reports={reports}
        selected={selectedHere}
        onSelect={(r) => setSelected((prev) => (prev === r ? null : r))}
        checked={new Set(checkedHere)}
        onToggle={(r, on) =>
          setChecked((prev) => {
            const next = new Set(prev);
            if (on) next.add(r);
            else next.delete(r);
            return next;
          })
        }
      />
      {selectedHere !== null && (
        <ReportDetails
          reportId={selectedHere}
          entry={reports[selectedHere]}
          onChanged={() => void refreshReport(selectedHere)}
        />
      )}
      {mayRework && !shown.mergedInto && (
        <ReworkActions
          incidentId={shown.id}
          checked={checkedHere}
          selected={selectedHere}
          onDone={() => void refresh()}
          onSplit={() => setChecked(new Set())}
        />
      )}
      {mayRoute && !shown.mergedInto && (
        <OfficeRouting
          incidentId={shown.id}
          officeId={shown.officeId}
          onDone={() => void refresh()}
        />
      )}
      <History changes={shown.changes} />
    </article>
  );
}
