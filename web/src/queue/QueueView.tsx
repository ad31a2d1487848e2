/**
 * The live queue (`#/queue`): the reports and incidents of the viewer's scope, newest
 * first, updated live; a report opens in the case panel beside the list. Keys: j / k
 * or arrows move in a list, Enter opens, `/` searches, Esc closes the case.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { useSession } from '../shell/context.js';
import { CasePanel } from './CasePanel.js';
import { officeChoices } from './filters.js';
import { IncidentsPanel } from './IncidentsPanel.js';
import { LiveIndicator } from './LiveIndicator.js';
import { Notice } from './Notice.js';
import { ReportsPanel } from './ReportsPanel.js';
import { useLiveQueue } from './useLiveQueue.js';
import './queue.css';

type Tab = 'reports' | 'incidents';

/** Typing in a field: single-key shortcuts are the field's. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export default function QueueView() {
  const { t } = useTranslation('queue');
  const { me } = useSession();
  const { store, state, live } = useLiveQueue(me);
  const [tab, setTab] = useState<Tab>('reports');
  const [openId, setOpenId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const offices = useOfficeNames(me.roles);
  const reportOffices = useCallback(
    (loaded: string[]) =>
      officeChoices(me.roles, offices, loaded, state.reportsQuery.filter.office),
    [me.roles, offices, state.reportsQuery.filter.office],
  );
  const incidentOffices = useCallback(
    (loaded: string[]) =>
      officeChoices(me.roles, offices, loaded, state.incidentsQuery.filter.office),
    [me.roles, offices, state.incidentsQuery.filter.office],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === '/' && !typing(event.target)) {
        event.preventDefault();
        if (searchRef.current) searchRef.current.focus();
        else {
          // The search box is in the reports tab: focus it once it is shown.
          setTab('reports');
          setTimeout(() => searchRef.current?.focus(), 0);
        }
      } else if (event.key === 'Escape' && openId !== null && !typing(event.target)) {
        setOpenId(null);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId]);

  const tabs: { id: Tab; label: string; count: number }[] = [
    { id: 'reports', label: t('tab.reports'), count: state.reports.rows.ids.length },
    { id: 'incidents', label: t('tab.incidents'), count: state.incidents.rows.ids.length },
  ];

  return (
    <div className={openId ? 'queue with-case' : 'queue'}>
      <div className="queue-main">
        <div className="queue-head">
          <div role="tablist" aria-label={t('tabs.label')} className="tabs">
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`tab-${x.id}`}
                aria-selected={tab === x.id}
                aria-controls={`tabpanel-${x.id}`}
                onClick={() => setTab(x.id)}
              >
                {x.label} <span className="tab-count">{x.count}</span>
              </button>
            ))}
          </div>
          <LiveIndicator status={live} />
        </div>
        {state.notice && <Notice notice={state.notice} onDismiss={store.dismissNotice} />}
        <p id="queue-keys" className="hint">
          {t('list.keys')}
        </p>
        <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'reports' ? (
            <ReportsPanel
              store={store}
              state={state}
              canSwitchQueue={me.roles.includes('supervisor')}
              openId={openId}
              onOpen={setOpenId}
              searchRef={searchRef}
              offices={reportOffices}
            />
          ) : (
            <IncidentsPanel store={store} state={state} offices={incidentOffices} />
          )}
        </div>
      </div>
      {openId && (
        <CasePanel
          key={openId}
          id={openId}
          store={store}
          state={state}
          onClose={() => setOpenId(null)}
        />
      )}
    </div>
  );
}

/**
 * The offices' names for the filters, read once: supervisors may list them
 * (GET /api/v1/offices); for others null (the filters offer the loaded rows' ids).
 */
function useOfficeNames(roles: string[]) {
  const [offices, setOffices] = useState<{ id: string; name: string }[] | null>(null);
  const supervisor = roles.includes('supervisor');
  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    call<{ items: { id: string; name: string }[] }>('offices').then(
      (answer) => live && setOffices(answer.items),
      // Without the names the filter still offers the loaded rows' office ids.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [supervisor]);
  return offices;
}
