// tipwire workbench seed: sign in with an API token, list the newest reports and
// incidents, and follow the live stream of processed reports.
//
// Reports carry hostile text. Every value from the server is written with
// textContent, createElement or a DOM property — never as HTML.

const API = 'api/v1/';
const TOKEN_KEY = 'tipwire.workbench.token';
const PAGE_SIZE = 50;
const EXCERPT_CHARS = 200;
/** First reconnect delay; the server's `retry:` field replaces it. */
const DEFAULT_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;
/** No byte on the stream (not even a keep-alive comment) for this long: reconnect. */
const STALL_MS = 60_000;

/** What each flag code means (src/domain/flags.ts), shown as the badge's tooltip. */
const FLAG_TEXT = {
  'time.zone_unknown': 'No UTC offset or time zone was given: kept as local time only.',
  'time.unparsed': 'The observation time could not be read as a date and time.',
  'place.out_of_range': 'Coordinates out of range; the point was not used.',
  'place.null_island': 'Coordinates (0, 0) are almost always a missing value; not used.',
  'place.unresolved': 'The place is text only, not yet resolved to coordinates.',
};

const flagText = (code) => (Object.hasOwn(FLAG_TEXT, code) ? FLAG_TEXT[code] : undefined);

class AuthError extends Error {
  constructor(status) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// ---------------------------------------------------------------------------
// Server-sent events, parsed by hand (EventSource cannot send Authorization).
// Follows the WHATWG "event stream interpretation" rules.

/**
 * An incremental parser for a text/event-stream body. `push` takes decoded text
 * in chunks of any size; `onEvent({type, data, lastEventId})` is called once per
 * complete event and `onRetry(ms)` for each valid `retry:` field. An event not
 * ended by a blank line when the stream ends is dropped, as the standard says.
 */
export function createSseParser(onEvent, onRetry = () => {}) {
  let buffer = '';
  let skipLineFeed = false; // the last chunk ended in CR: a leading LF belongs to it
  let data = '';
  let hasData = false;
  let type = '';
  let lastEventId = '';

  function processLine(line) {
    if (line === '') {
      if (hasData) {
        onEvent({ type: type || 'message', data, lastEventId });
      }
      data = '';
      hasData = false;
      type = '';
      return;
    }
    if (line.startsWith(':')) return; // comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data = hasData ? `${data}\n${value}` : value;
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) onRetry(Number(value));
        break;
      default: // unknown fields are ignored
    }
  }

  return {
    push(text) {
      if (skipLineFeed && text.startsWith('\n')) text = text.slice(1);
      skipLineFeed = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i++;
          } else {
            skipLineFeed = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}

// ---------------------------------------------------------------------------
// State

const state = {
  token: null,
  /** Bumped at every sign-in and sign-out: late answers of an older session are dropped. */
  session: 0,
  /** id → { data, row } in display order (Map keeps insertion order; rows hold the DOM order). */
  reports: new Map(),
  incidents: new Map(),
  cursors: { reports: null, incidents: null },
  /** True once "load more" was used: a refresh of the first page keeps the cursor then. */
  paged: { reports: false, incidents: false },
  lastEventId: null,
  stream: null,
  retryMs: DEFAULT_RETRY_MS,
  /** Live events are applied one after the other. */
  queue: Promise.resolve(),
  /** Incidents whose full view is already queued for fetching. */
  incidentFetches: new Set(),
};

const el = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// HTTP

async function api(path, signal) {
  let res;
  try {
    res = await fetch(API + path, {
      headers: { authorization: `Bearer ${state.token}`, accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new HttpError(0, 'the server cannot be reached');
  }
  if (res.status === 401 || res.status === 403) throw new AuthError(res.status);
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const body = await res.json();
      if (body && body.error && typeof body.error.message === 'string') {
        message = `${message}: ${body.error.message}`;
      }
    } catch {
      // not JSON: the status says enough
    }
    throw new HttpError(res.status, message);
  }
  return res.json();
}

function authMessage(status) {
  return status === 403
    ? 'This token may not read the workbench (403 Forbidden): use an analyst or admin token.'
    : 'The server did not accept this token (401 Unauthorized): it is unknown, revoked or mistyped. Sign in again.';
}

/** Handles an error of any background task; returns true when the session ended. */
function handleError(err, what, session) {
  if (session !== state.session || (err && err.name === 'AbortError')) return true;
  if (err instanceof AuthError) {
    signOut(authMessage(err.status));
    return true;
  }
  showNotice(`Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
  return false;
}

// ---------------------------------------------------------------------------
// Formatting helpers (return strings; the DOM is built by the callers)

/** `2026-11-20T13:10:00.000Z` → `2026-11-20 13:10:00`; anything else as it is. */
function formatUtc(iso) {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

function formatCoord(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(5) : '?';
}

function excerpt(text) {
  const chars = Array.from(text); // do not cut a surrogate pair in half
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : text;
}

// ---------------------------------------------------------------------------
// DOM builders

function h(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  if (options.title) node.title = options.title;
  for (const child of children) if (child) node.append(child);
  return node;
}

function timeEl(iso) {
  const t = h('time', { text: formatUtc(iso) });
  if (typeof iso === 'string') t.dateTime = iso;
  return t;
}

function muted(text) {
  return h('span', { className: 'muted', text });
}

function badge(text, className, title) {
  return h('span', { className: `badge ${className}`, text, title });
}

function receivedCell(report) {
  const cell = h('td');
  cell.append(timeEl(report.receivedAt));
  if (report.status) cell.append(h('div', { className: 'sub', text: `stage: ${report.status}` }));
  return cell;
}

function narrativeCell(report) {
  const cell = h('td', { className: 'narrative' });
  if (typeof report.narrative !== 'string') {
    const why =
      report.partial === 'failed'
        ? '(the full report could not be loaded)'
        : report.partial
          ? 'loading…'
          : '(no narrative)';
    cell.append(muted(why));
    return cell;
  }
  const short = excerpt(report.narrative);
  const text = h('span', { className: 'text', text: short });
  text.dir = 'auto';
  if (short === report.narrative) {
    cell.append(text);
  } else {
    const full = h('p', { className: 'text', text: report.narrative });
    full.dir = 'auto';
    cell.append(h('details', {}, [h('summary', {}, [text]), full]));
  }
  return cell;
}

function observedCell(report) {
  const cell = h('td');
  const t = report.time;
  if (!t) {
    const given = report.claims && report.claims.observedAt;
    if (typeof given === 'string') {
      cell.append(h('span', { className: 'text', text: given }), ' ');
      cell.append(badge('not read', 'warn', FLAG_TEXT['time.unparsed']));
    } else {
      cell.append(muted('—'));
    }
    return cell;
  }
  if (t.observedFrom) {
    cell.append(timeEl(t.observedFrom));
    if (t.observedTo && t.observedTo !== t.observedFrom) {
      cell.append(' – ', timeEl(t.observedTo));
    }
    const details = [];
    if (t.observedLocal) details.push(`local ${t.observedLocal.replace('T', ' ')}`);
    if (t.timezone) details.push(t.timezone);
    if (t.zoneSource) details.push(`zone from ${t.zoneSource}`);
    if (t.precisionSeconds) details.push(`± ${t.precisionSeconds} s`);
    if (details.length > 0) cell.append(h('div', { className: 'sub', text: details.join(', ') }));
  } else if (t.observedLocal) {
    cell.append(h('span', { text: `${t.observedLocal.replace('T', ' ')} local` }), ' ');
    cell.append(badge('zone unknown', 'warn', FLAG_TEXT['time.zone_unknown']));
  } else {
    cell.append(muted('—'));
  }
  return cell;
}

function placeCell(report) {
  const cell = h('td');
  const p = report.place;
  if (!p) {
    cell.append(muted('—'));
    return cell;
  }
  if (typeof p.lat === 'number' && typeof p.lon === 'number') {
    let text = `${formatCoord(p.lat)}, ${formatCoord(p.lon)}`;
    if (typeof p.accuracyMeters === 'number') text += ` ± ${p.accuracyMeters} m`;
    cell.append(h('span', { text }));
  }
  if (typeof p.text === 'string' && p.text) {
    const text = h('div', { className: 'sub text', text: p.text });
    text.dir = 'auto';
    cell.append(text);
  }
  if (!cell.hasChildNodes()) cell.append(muted('—'));
  return cell;
}

function flagsCell(report) {
  const cell = h('td');
  const flags = Array.isArray(report.flags) ? report.flags : [];
  if (flags.length === 0) {
    cell.append(muted('none'));
    return cell;
  }
  const list = h('ul', { className: 'badges' });
  for (const flag of flags) {
    const code = String(flag);
    list.append(h('li', { className: 'badge flag', text: code, title: flagText(code) }));
  }
  cell.append(list);
  return cell;
}

function incidentLink(incidentId) {
  const a = h('a', { className: 'mono', text: incidentId });
  a.href = `#incident-${encodeURIComponent(incidentId)}`;
  return a;
}

function reportRow(report) {
  const row = h('tr');
  row.dataset.reportId = report.id;
  row.append(
    receivedCell(report),
    h('td', { text: report.channel }),
    h('td', {}, [report.category ? document.createTextNode(report.category) : muted('—')]),
    narrativeCell(report),
    observedCell(report),
    placeCell(report),
    flagsCell(report),
    h('td', {}, [report.incidentId ? incidentLink(report.incidentId) : muted('—')]),
  );
  return row;
}

function incidentRow(incident) {
  const row = h('tr');
  row.id = `incident-${encodeURIComponent(incident.id)}`;
  row.dataset.incidentId = incident.id;
  const head = h('th', { className: 'mono', text: incident.id });
  head.scope = 'row';
  const count = h('td', {}, [h('span', { className: 'count', text: incident.reportCount })]);
  if (typeof incident.independentSources === 'number') {
    const n = incident.independentSources;
    count.append(
      h('div', { className: 'sub', text: `${n} independent source${n === 1 ? '' : 's'}` }),
    );
  }
  const span = h('td', {}, [timeEl(incident.start)]);
  if (incident.end && incident.end !== incident.start) span.append(' – ', timeEl(incident.end));
  const c = incident.centroid;
  const centroid = h('td', {}, [
    c ? document.createTextNode(`${formatCoord(c.lat)}, ${formatCoord(c.lon)}`) : muted('—'),
  ]);
  row.append(head, count, span, centroid);
  return row;
}

// ---------------------------------------------------------------------------
// Lists

const LISTS = {
  reports: { rows: 'report-rows', table: 'reports', empty: 'reports-empty', build: reportRow },
  incidents: {
    rows: 'incident-rows',
    table: 'incidents',
    empty: 'incidents-empty',
    build: incidentRow,
  },
};

/**
 * Inserts or replaces one item. A known item is replaced where it is; a new one
 * goes to the top (`'top'`) or the bottom (`'bottom'`).
 */
function upsert(kind, item, where) {
  const map = state[kind];
  const tbody = el(LISTS[kind].rows);
  const known = map.get(item.id);
  if (known && known.data.partial === undefined && item.partial) return; // keep the full view
  const row = LISTS[kind].build(item);
  if (known) {
    known.row.replaceWith(row);
    map.set(item.id, { data: item, row });
  } else {
    if (where === 'top') tbody.prepend(row);
    else tbody.append(row);
    map.set(item.id, { data: item, row });
  }
  updateEmpty(kind);
}

function updateEmpty(kind, text) {
  const list = LISTS[kind];
  const hasRows = state[kind].size > 0;
  el(list.table).hidden = !hasRows;
  const empty = el(list.empty);
  if (text !== undefined) empty.textContent = text;
  else if (!hasRows)
    empty.textContent = kind === 'reports' ? 'No reports yet.' : 'No incidents yet.';
  empty.hidden = hasRows && text === undefined;
}

/** Merges a page: the first page puts unknown items on top, later pages below. */
function mergePage(kind, page, first) {
  const items = Array.isArray(page.items) ? page.items : [];
  if (first) for (const item of [...items].reverse()) upsert(kind, item, 'top');
  else for (const item of items) upsert(kind, item, 'bottom');
  if (!first || !state.paged[kind]) state.cursors[kind] = page.nextCursor || null;
  el(`${kind}-more`).hidden = !state.cursors[kind];
  updateEmpty(kind);
}

async function loadFirstPages(session) {
  const [reports, incidents] = await Promise.all([
    api(`reports?limit=${PAGE_SIZE}`),
    api(`incidents?limit=${PAGE_SIZE}`),
  ]);
  if (session !== state.session) return;
  el('notice').hidden = true;
  mergePage('reports', reports, true);
  mergePage('incidents', incidents, true);
}

async function loadMore(kind) {
  const session = state.session;
  const cursor = state.cursors[kind];
  if (!cursor) return;
  const button = el(`${kind}-more`);
  button.disabled = true;
  try {
    const page = await api(`${kind}?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}`);
    if (session !== state.session) return;
    state.paged[kind] = true;
    mergePage(kind, page, false);
  } catch (err) {
    handleError(err, `load more ${kind}`, session);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------
// Live events

/** A row to show at once from the event, until the full report arrives. */
function reportFromEvent(r) {
  return {
    id: r.id,
    externalId: r.externalId,
    channel: r.channel,
    category: r.category,
    receivedAt: r.receivedAt,
    status: null,
    time: r.observedFrom
      ? {
          observedFrom: r.observedFrom,
          observedTo: r.observedTo,
          observedLocal: null,
          timezone: null,
          zoneSource: null,
          precisionSeconds: null,
        }
      : null,
    place:
      typeof r.lat === 'number' && typeof r.lon === 'number'
        ? { lat: r.lat, lon: r.lon, accuracyMeters: null, text: null }
        : null,
    flags: Array.isArray(r.flags) ? r.flags : [],
    incidentId: r.incidentId,
    narrative: null,
    partial: true,
  };
}

function onStreamEvent(event, session) {
  if (event.lastEventId) state.lastEventId = event.lastEventId;
  // The server could not replay everything we missed: re-read the lists.
  if (event.type === 'stream.reset') {
    loadFirstPages(session).catch((err) => handleError(err, 'load the lists', session));
    return;
  }
  if (event.type !== 'report.processed') return;
  let payload;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return;
  }
  const report = payload && payload.report;
  if (!report || typeof report.id !== 'string') return;
  const incident = payload.incident;

  // Show what the event says at once; the full views follow.
  if (!state.reports.has(report.id)) upsert('reports', reportFromEvent(report), 'top');
  if (incident && typeof incident.id === 'string') {
    const known = state.incidents.get(incident.id);
    upsert('incidents', { ...(known ? known.data : {}), ...incident }, 'top');
  }

  enqueue(session, async () => {
    let full;
    try {
      full = await api(`reports/${encodeURIComponent(report.id)}`);
    } catch (err) {
      const known = state.reports.get(report.id);
      if (session === state.session && known && known.data.partial) {
        upsert('reports', { ...known.data, partial: 'failed' }, 'top');
      }
      throw err;
    }
    if (session === state.session) upsert('reports', full, 'top');
  });
  if (incident && typeof incident.id === 'string' && !state.incidentFetches.has(incident.id)) {
    state.incidentFetches.add(incident.id);
    enqueue(session, async () => {
      state.incidentFetches.delete(incident.id);
      const full = await api(`incidents/${encodeURIComponent(incident.id)}`);
      if (session === state.session) upsert('incidents', full, 'top');
    });
  }
}

function enqueue(session, task) {
  state.queue = state.queue.then(async () => {
    if (session !== state.session) return;
    try {
      await task();
    } catch (err) {
      handleError(err, 'load an update', session);
    }
  });
}

function setLive(mode, text) {
  const live = el('live');
  live.className = `live live-${mode}`;
  el('live-text').textContent = text;
}

const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Keeps the live stream open until sign-out, reconnecting with backoff. */
async function runStream(session, controller) {
  let failures = 0;
  while (session === state.session && !controller.signal.aborted) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    controller.signal.addEventListener('abort', stop);
    let watchdog = null;
    const kick = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, STALL_MS);
    };
    try {
      setLive('connecting', failures === 0 ? 'Connecting…' : 'Reconnecting…');
      const headers = { authorization: `Bearer ${state.token}`, accept: 'text/event-stream' };
      if (state.lastEventId !== null) headers['last-event-id'] = state.lastEventId;
      kick();
      const res = await fetch(`${API}events`, {
        headers,
        cache: 'no-store',
        signal: attempt.signal,
      });
      if (res.status === 401 || res.status === 403) throw new AuthError(res.status);
      if (!res.ok || !res.body) throw new HttpError(res.status, `HTTP ${res.status}`);
      failures = 0;
      setLive('on', 'Live');
      // Without an event id the server cannot replay what we missed: re-read the lists.
      if (state.lastEventId === null) {
        loadFirstPages(session).catch((err) => handleError(err, 'load the lists', session));
      }
      const parser = createSseParser(
        (event) => onStreamEvent(event, session),
        (ms) => {
          state.retryMs = ms;
        },
      );
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        kick();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch (err) {
      if (err instanceof AuthError) {
        if (session === state.session) signOut(authMessage(err.status));
        return;
      }
    } finally {
      clearTimeout(watchdog);
      controller.signal.removeEventListener('abort', stop);
    }
    if (session !== state.session || controller.signal.aborted) return;
    failures++;
    const delay = Math.min(MAX_RETRY_MS, state.retryMs * 2 ** (failures - 1));
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    setLive('off', `Disconnected — retrying in ${Math.ceil(jittered / 1000)} s`);
    await sleep(jittered, controller.signal);
  }
}

// ---------------------------------------------------------------------------
// Session

function showNotice(text) {
  const notice = el('notice');
  notice.textContent = text;
  notice.hidden = false;
}

function clearLists() {
  for (const kind of Object.keys(LISTS)) {
    state[kind].clear();
    el(LISTS[kind].rows).replaceChildren();
    state.cursors[kind] = null;
    state.paged[kind] = false;
    el(`${kind}-more`).hidden = true;
    updateEmpty(kind, 'Loading…');
  }
  state.lastEventId = null;
  state.retryMs = DEFAULT_RETRY_MS;
  state.incidentFetches.clear();
  el('notice').hidden = true;
}

function showSignIn(message) {
  el('workbench').hidden = true;
  el('sign-out').hidden = true;
  el('sign-in').hidden = false;
  const error = el('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  el('sign-in-button').disabled = false;
  el('token').focus();
}

async function signIn(token) {
  const session = ++state.session;
  if (state.stream) state.stream.abort();
  state.stream = null;
  state.token = token;
  el('sign-in-button').disabled = true;
  el('sign-in-error').hidden = true;
  clearLists();
  try {
    await loadFirstPages(session); // proves the token before the workbench shows
  } catch (err) {
    if (session !== state.session) return;
    if (err instanceof AuthError) {
      signOut(authMessage(err.status));
      return;
    }
    showNotice(`Could not load the lists: ${err.message}`);
  }
  if (session !== state.session) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  el('sign-in').hidden = true;
  el('workbench').hidden = false;
  el('sign-out').hidden = false;
  el('token').value = '';
  const controller = new AbortController();
  state.stream = controller;
  void runStream(session, controller);
}

function signOut(message) {
  state.session++;
  if (state.stream) state.stream.abort();
  state.stream = null;
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearLists();
  setLive('off', 'Not connected');
  showSignIn(message);
}

function init() {
  el('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = el('token').value.trim();
    if (!token) {
      showSignIn('Enter an API token.');
      return;
    }
    if (!/^[\x21-\x7e]+$/.test(token)) {
      showSignIn('That is not a token: a token has only printable ASCII characters, no spaces.');
      return;
    }
    void signIn(token);
  });
  el('sign-out').addEventListener('click', () => signOut());
  el('reports-more').addEventListener('click', () => void loadMore('reports'));
  el('incidents-more').addEventListener('click', () => void loadMore('incidents'));

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) void signIn(saved);
  else showSignIn();
}

if (typeof document !== 'undefined' && document.getElementById('sign-in-form')) init();
