// tipwire workbench: sign in with a name and password or an API token, list the
// newest reports (searchable; supervisors switch between the analysts' and the
// abuse queue) and incidents, follow the live stream of processed reports, and
// work a case: its messages, its status, questions to the reporter.
//
// Reports carry hostile text. Every value from the server is written with
// textContent, createElement or a DOM property — never as HTML.

const API = '/api/v1/';
const TOKEN_KEY = 'tipwire.workbench.token';
/** `login` (a session from a name and password, ended on sign-out) or `token` (an API token). */
const KIND_KEY = 'tipwire.workbench.kind';
const PAGE_SIZE = 50;
const EXCERPT_CHARS = 200;
/** First reconnect delay; the server's `retry:` field replaces it. */
const DEFAULT_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;
/** No byte on the stream (not even a keep-alive comment) for this long: reconnect. */
const STALL_MS = 60_000;
/** Columns of the reports table (a case's expanded view spans them all). */
const REPORT_COLUMNS = 9;

/**
 * The server's code catalogue (GET /api/v1/meta): what each flag means, and the
 * labels of case statuses, queues, stages and roles, in English and Chinese. Loaded
 * before the first list is shown; this page keeps no copy of its own.
 */
const meta = {
  /** Flag code → { family, en, zh }. */
  flags: {},
  /** Code → { code, en, zh }, per list; `statuses` also in the server's order. */
  statuses: new Map(),
  queues: new Map(),
  stages: new Map(),
  roles: new Map(),
  loaded: false,
};

/** Texts in Chinese when the browser prefers it, otherwise in English. */
const LANG =
  typeof window !== 'undefined' && /^zh\b/i.test(window.navigator.language || '') ? 'zh' : 'en';

/** A list of `{code, en, zh}` from the catalogue → Map code → it (bad entries skipped). */
function labelMap(list) {
  const map = new Map();
  if (!Array.isArray(list)) return map;
  for (const item of list) {
    if (item && typeof item.code === 'string' && typeof item[LANG] === 'string') {
      map.set(item.code, item);
    }
  }
  return map;
}

/** Fetches the catalogue once (the browser revalidates it with its ETag). */
async function loadMeta() {
  if (meta.loaded) return;
  const answer = await api('meta', { token: null, cache: 'no-cache' });
  if (!answer || typeof answer.flags !== 'object' || answer.flags === null) {
    throw new HttpError(0, 'the server sent no code catalogue');
  }
  meta.flags = answer.flags;
  meta.statuses = labelMap(answer.statuses);
  meta.queues = labelMap(answer.queues);
  meta.stages = labelMap(answer.stages);
  meta.roles = labelMap(answer.roles);
  meta.loaded = true;
}

/** What a flag means, for its badge's tooltip; undefined for a code the catalogue lacks. */
function flagText(code) {
  const entry = Object.hasOwn(meta.flags, code) ? meta.flags[code] : null;
  return entry && typeof entry[LANG] === 'string' ? entry[LANG] : undefined;
}

/** The label of a code in one of the catalogue's lists, or the code itself. */
const labelOf = (map, code) => (map.has(code) ? map.get(code)[LANG] : String(code));
const statusText = (status) => labelOf(meta.statuses, status);
const queueText = (queue) => labelOf(meta.queues, queue);
const roleText = (role) => labelOf(meta.roles, role);

/** The roles that may use the workbench (read reports, incidents and the stream). */
const WORKBENCH_ROLES = ['analyst', 'supervisor', 'office'];

class AuthError extends Error {
  constructor(status, code = null) {
    super(`HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

class HttpError extends Error {
  constructor(status, message, code = null, retryAfterSeconds = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
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
  /** How the token was obtained: 'login' (name and password) or 'token' (pasted). */
  kind: null,
  /** Who the token belongs to (GET /api/v1/session): { id, roles, officeId }. */
  me: null,
  /** Bumped at every sign-in and sign-out: late answers of an older session are dropped. */
  session: 0,
  /** id → { data, row } in display order (Map keeps insertion order; rows hold the DOM order). */
  reports: new Map(),
  incidents: new Map(),
  cursors: { reports: null, incidents: null },
  /** True once "load more" was used: a refresh of the first page keeps the cursor then. */
  paged: { reports: false, incidents: false },
  /**
   * What the reports list shows: a search (`q`) and, for supervisors, a queue.
   * `version` is bumped when it changes: answers for an older view are dropped.
   */
  view: { q: '', queue: null, version: 0 },
  /** Report id → the parts of its expanded case view (see buildCase). */
  cases: new Map(),
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

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
function parseRetryAfter(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * Calls the API with the session's token (or `options.token`; null: none), not cached
 * unless `options.cache` says how (a fetch cache mode). Resolves to the
 * JSON answer (null for 204); 401 and 403 throw AuthError, other failures HttpError.
 */
async function api(path, options = {}) {
  const headers = { accept: 'application/json' };
  const token = options.token === undefined ? state.token : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res;
  try {
    res = await fetch(API + path, {
      method: options.method || 'GET',
      headers,
      body,
      cache: options.cache || 'no-store',
      signal: options.signal,
      keepalive: options.keepalive === true,
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new HttpError(0, 'the server cannot be reached');
  }
  if (res.ok) return res.status === 204 ? null : res.json();
  let message = `HTTP ${res.status}`;
  let code = null;
  try {
    const answer = await res.json();
    if (answer && answer.error) {
      if (typeof answer.error.code === 'string') code = answer.error.code;
      if (typeof answer.error.message === 'string') {
        message = `${message}: ${answer.error.message}`;
      }
    }
  } catch {
    // not JSON: the status says enough
  }
  if (res.status === 401 || res.status === 403) throw new AuthError(res.status, code);
  throw new HttpError(res.status, message, code, parseRetryAfter(res.headers.get('retry-after')));
}

const isLoginSession = () => (state.me ? state.me.id.startsWith('user:') : state.kind === 'login');

function describeMe() {
  if (!state.me) return '';
  const roles = state.me.roles.length > 0 ? state.me.roles.map(roleText).join(', ') : 'no role';
  return ` (${state.me.id}, role: ${roles})`;
}

function authMessage(status) {
  const what = isLoginSession() ? 'account' : 'token';
  if (status === 403) {
    return (
      `This ${what}${describeMe()} may not use the workbench (403 Forbidden): ` +
      `it is for the ${WORKBENCH_ROLES.map(roleText).join(', ')} roles.`
    );
  }
  return isLoginSession()
    ? 'Your session has ended (401 Unauthorized): it expired or was signed out. Sign in again.'
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

function formatBytes(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '? bytes';
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
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

function statusBadge(status) {
  const known = meta.statuses.has(status);
  return badge(statusText(status), `status${known ? ` status-${status}` : ''}`, 'case status');
}

function receivedCell(report) {
  return h('td', {}, [timeEl(report.receivedAt)]);
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
      cell.append(badge('not read', 'warn', flagText('time.unparsed')));
    } else {
      cell.append(muted('—'));
    }
    return cell;
  }
  if (t.observedLocal && !t.zoneSource) {
    // The zone is unknown: the wall-clock time is the fact; a UTC interval, when the
    // server gives one, only says which instants any zone on Earth would allow.
    cell.append(h('span', { text: `${t.observedLocal.replace('T', ' ')} local` }), ' ');
    cell.append(badge('zone unknown', 'warn', flagText('time.zone_unknown')));
    if (t.observedFrom && t.observedTo) {
      cell.append(
        h('div', { className: 'sub' }, [
          'UTC between ',
          timeEl(t.observedFrom),
          ' and ',
          timeEl(t.observedTo),
        ]),
      );
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

/** The element id of a report's expanded case view. */
const caseElementId = (reportId) => `case-${String(reportId).replace(/[^\w-]/g, '_')}`;

function setToggle(button, reportId, open) {
  button.textContent = open ? 'Hide case' : 'Open case';
  button.setAttribute('aria-expanded', String(open));
  if (open) button.setAttribute('aria-controls', caseElementId(reportId));
  else button.removeAttribute('aria-controls');
}

/** Case status, queue (a badge for the abuse queue), pipeline stage, office; the toggle. */
function caseCell(report) {
  const cell = h('td', { className: 'case-cell' });
  const line = h('div', { className: 'case-badges' });
  line.append(report.status ? statusBadge(report.status) : muted('…'));
  if (report.queue === 'abuse') {
    line.append(
      ' ',
      badge(
        queueText('abuse'),
        'abuse',
        'In the abuse queue (a repeat dialer): only supervisors see it.',
      ),
    );
  }
  cell.append(line);
  const facts = [];
  if (report.queue === 'analyst') facts.push(queueText('analyst'));
  if (report.stage) facts.push(`stage: ${labelOf(meta.stages, report.stage)}`);
  if (report.officeId) facts.push(`office: ${report.officeId}`);
  if (facts.length > 0) cell.append(h('div', { className: 'sub', text: facts.join(' · ') }));
  const toggle = h('button', { className: 'secondary small toggle' });
  toggle.type = 'button';
  toggle.dataset.toggleCase = report.id;
  setToggle(toggle, report.id, state.cases.has(report.id));
  cell.append(toggle);
  return cell;
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
    caseCell(report),
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
// A case's expanded view: its facts, its messages, and the forms that work it.
// The forms are built once per opening; live updates refresh the facts and the
// thread only, so nothing typed is lost.

function field(labelText, control) {
  return h('label', { className: 'field' }, [h('span', { text: labelText }), control]);
}

function formResult(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle('bad', isError);
  node.hidden = !text;
}

function buildCase(reportId) {
  const row = h('tr', { className: 'case-row' });
  row.id = caseElementId(reportId);
  row.dataset.caseFor = reportId;
  const cell = h('td');
  cell.colSpan = REPORT_COLUMNS;
  const headingId = `${row.id}-heading`;
  const heading = h('h3', {}, ['Case ', h('span', { className: 'mono', text: reportId })]);
  heading.id = headingId;
  const box = h('section', { className: 'case' });
  box.setAttribute('aria-labelledby', headingId);

  const facts = h('dl', { className: 'case-facts' });

  const threadHeading = h('h4', { text: 'Messages' });
  const thread = h('ol', { className: 'thread' });
  thread.setAttribute('aria-label', 'Messages with the reporter');
  const threadEmpty = h('p', { className: 'empty', text: 'Loading…' });

  // Change status, with a reason for the audit trail.
  const statusForm = h('form', { className: 'case-form' });
  statusForm.noValidate = true;
  statusForm.setAttribute('aria-label', 'Change status');
  const statusSelect = h('select');
  statusSelect.name = 'status';
  for (const [value, label] of meta.statuses) {
    const option = h('option', { text: label[LANG] });
    option.value = value;
    statusSelect.append(option);
  }
  const reason = h('input');
  reason.type = 'text';
  reason.name = 'reason';
  reason.maxLength = 500;
  reason.required = true;
  reason.autocomplete = 'off';
  const statusButton = h('button', { text: 'Change status' });
  statusButton.type = 'submit';
  const statusResult = h('p', { className: 'result' });
  statusResult.setAttribute('role', 'status');
  statusResult.hidden = true;
  statusForm.append(
    h('h4', { text: 'Change status' }),
    field('New status', statusSelect),
    field('Reason', reason),
    statusButton,
    statusResult,
  );

  // A question the reporter sees with their receipt.
  const questionForm = h('form', { className: 'case-form' });
  questionForm.noValidate = true;
  questionForm.setAttribute('aria-label', 'Ask the reporter');
  const question = h('textarea');
  question.name = 'text';
  question.rows = 3;
  question.required = true;
  const questionHintId = `${row.id}-question-hint`;
  const questionHint = h('p', {
    className: 'hint',
    text: 'The reporter sees it when they look up their receipt.',
  });
  questionHint.id = questionHintId;
  question.setAttribute('aria-describedby', questionHintId);
  const questionButton = h('button', { text: 'Send question' });
  questionButton.type = 'submit';
  const questionResult = h('p', { className: 'result' });
  questionResult.setAttribute('role', 'status');
  questionResult.hidden = true;
  questionForm.append(
    h('h4', { text: 'Ask the reporter' }),
    field('Question to the reporter', question),
    questionHint,
    questionButton,
    questionResult,
  );

  box.append(
    heading,
    facts,
    h('div', { className: 'case-columns' }, [
      h('div', { className: 'case-thread' }, [threadHeading, threadEmpty, thread]),
      h('div', { className: 'case-forms' }, [statusForm, questionForm]),
    ]),
  );
  cell.append(box);
  row.append(cell);

  const parts = {
    reportId,
    row,
    facts,
    thread,
    threadEmpty,
    statusSelect,
    reason,
    statusButton,
    statusResult,
    question,
    questionButton,
    questionResult,
    statusShown: null,
  };
  statusForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void changeStatus(parts);
  });
  questionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void askReporter(parts);
  });
  return parts;
}

function fact(term, ...values) {
  return [h('dt', { text: term }), h('dd', {}, values)];
}

/** Writes a report's facts and messages into its open case view. */
function fillCase(parts, report) {
  const facts = [];
  facts.push(...fact('Status', report.status ? statusBadge(report.status) : muted('…')));
  if (report.statusChangedAt) facts.push(...fact('Status since', timeEl(report.statusChangedAt)));
  facts.push(
    ...fact(
      'Queue',
      report.queue === 'abuse'
        ? badge(queueText('abuse'), 'abuse')
        : document.createTextNode(report.queue === 'analyst' ? queueText('analyst') : '…'),
    ),
  );
  facts.push(
    ...fact(
      'Pipeline stage',
      document.createTextNode(report.stage ? labelOf(meta.stages, report.stage) : '…'),
    ),
  );
  facts.push(
    ...fact(
      'Office',
      report.officeId ? h('span', { className: 'mono', text: report.officeId }) : muted('none'),
    ),
  );
  if (report.externalId) {
    facts.push(
      ...fact('External id', h('span', { className: 'mono text', text: report.externalId })),
    );
  }
  const attachments = Array.isArray(report.attachments) ? report.attachments : [];
  if (attachments.length > 0) {
    const list = h('ul', { className: 'attachments' });
    for (const a of attachments) {
      const name = h('span', { className: 'text', text: a.filename });
      name.dir = 'auto';
      const sha = typeof a.sha256 === 'string' ? a.sha256 : '';
      list.append(
        h('li', {}, [
          name,
          ` — ${a.contentType}, ${formatBytes(a.sizeBytes)}`,
          sha
            ? h('span', { className: 'sub mono', text: ` sha256 ${sha.slice(0, 12)}…`, title: sha })
            : null,
        ]),
      );
    }
    facts.push(...fact('Attachments', list));
  }
  parts.facts.replaceChildren(...facts);

  // The status form starts at the case's status; later updates leave a choice alone.
  if (report.status && parts.statusShown === null) {
    parts.statusSelect.value = report.status;
    parts.statusShown = report.status;
  }

  const messages = Array.isArray(report.messages) ? report.messages : null;
  const items = [];
  for (const m of messages || []) {
    const operator = m.author === 'operator';
    const text = h('p', { className: 'text', text: m.text });
    text.dir = 'auto';
    items.push(
      h('li', { className: `message ${operator ? 'from-operator' : 'from-reporter'}` }, [
        h('div', { className: 'meta' }, [
          h('span', { className: 'author', text: operator ? 'Operator' : 'Reporter' }),
          ' · ',
          timeEl(m.at),
        ]),
        text,
      ]),
    );
  }
  parts.thread.replaceChildren(...items);
  parts.thread.hidden = items.length === 0;
  parts.threadEmpty.hidden = items.length > 0;
  parts.threadEmpty.textContent =
    messages === null
      ? report.partial === 'failed'
        ? '(the full report could not be loaded)'
        : 'Loading…'
      : 'No messages yet.';
}

function toggleCase(reportId) {
  const entry = state.reports.get(reportId);
  if (!entry) return;
  const open = state.cases.get(reportId);
  if (open) {
    open.row.remove();
    state.cases.delete(reportId);
  } else {
    const parts = buildCase(reportId);
    state.cases.set(reportId, parts);
    entry.row.after(parts.row);
    fillCase(parts, entry.data);
    // Opening a case reads it anew: the latest status and messages.
    void refreshReport(reportId, state.session);
  }
  const toggle = entry.row.querySelector('button[data-toggle-case]');
  if (toggle) setToggle(toggle, reportId, !open);
}

/** Reads one report again and shows it where it is. */
async function refreshReport(reportId, session) {
  try {
    const full = await api(`reports/${encodeURIComponent(reportId)}`);
    if (session === state.session && state.reports.has(reportId)) upsert('reports', full, 'top');
  } catch (err) {
    handleError(err, 'read the report again', session);
  }
}

/** An action's failure, said in its form; a 401 ends the session. */
function actionFailed(err, resultNode, what, session) {
  if (session !== state.session) return;
  if (err instanceof AuthError && err.status === 401) {
    signOut(authMessage(401));
    return;
  }
  let text;
  if (err instanceof AuthError) text = `Your role may not ${what} (403 Forbidden).`;
  else if (err instanceof HttpError && err.status === 404)
    text = `Could not ${what}: this report is no longer visible to you (404 Not Found).`;
  else text = `Could not ${what}: ${err instanceof Error ? err.message : String(err)}`;
  formResult(resultNode, text, true);
}

async function changeStatus(parts) {
  const session = state.session;
  const { reportId } = parts;
  const status = parts.statusSelect.value;
  const reason = parts.reason.value.trim();
  const entry = state.reports.get(reportId);
  if (entry && entry.data.status === status) {
    formResult(
      parts.statusResult,
      `The case is already ${statusText(status)}: choose another status.`,
      true,
    );
    parts.statusSelect.focus();
    return;
  }
  if (!reason) {
    formResult(parts.statusResult, 'Give a reason: it is kept on the audit trail.', true);
    parts.reason.focus();
    return;
  }
  parts.statusButton.disabled = true;
  formResult(parts.statusResult, 'Saving…');
  try {
    await api(`reports/${encodeURIComponent(reportId)}/status`, {
      method: 'POST',
      body: { status, reason },
    });
    if (session !== state.session) return;
    parts.reason.value = '';
    parts.statusShown = status;
    formResult(parts.statusResult, `Status changed to ${statusText(status)}.`);
    await refreshReport(reportId, session);
  } catch (err) {
    actionFailed(err, parts.statusResult, 'change the status', session);
  } finally {
    parts.statusButton.disabled = false;
  }
}

async function askReporter(parts) {
  const session = state.session;
  const { reportId } = parts;
  const text = parts.question.value.trim();
  if (!text) {
    formResult(parts.questionResult, 'Write the question first.', true);
    parts.question.focus();
    return;
  }
  parts.questionButton.disabled = true;
  formResult(parts.questionResult, 'Sending…');
  try {
    await api(`reports/${encodeURIComponent(reportId)}/messages`, {
      method: 'POST',
      body: { text },
    });
    if (session !== state.session) return;
    parts.question.value = '';
    formResult(parts.questionResult, 'Question sent.');
    await refreshReport(reportId, session);
  } catch (err) {
    actionFailed(err, parts.questionResult, 'send the question', session);
  } finally {
    parts.questionButton.disabled = false;
  }
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
 * goes to the top (`'top'`) or the bottom (`'bottom'`). An open case view stays
 * open under its report's row.
 */
function upsert(kind, item, where) {
  const map = state[kind];
  const tbody = el(LISTS[kind].rows);
  const known = map.get(item.id);
  if (known && known.data.partial === undefined && item.partial) return; // keep the full view
  const row = LISTS[kind].build(item);
  if (known) {
    const focused = document.activeElement;
    const hadFocus = focused && known.row.contains(focused) && focused.dataset.toggleCase;
    known.row.replaceWith(row);
    if (hadFocus) {
      const toggle = row.querySelector('button[data-toggle-case]');
      if (toggle) toggle.focus();
    }
  } else if (where === 'top') {
    tbody.prepend(row);
  } else {
    tbody.append(row);
  }
  map.set(item.id, { data: item, row });
  if (kind === 'reports') {
    const open = state.cases.get(item.id);
    if (open) {
      row.after(open.row);
      fillCase(open, item);
    }
  }
  updateEmpty(kind);
}

function emptyText(kind) {
  if (kind === 'incidents') return 'No incidents yet.';
  if (state.view.q) return 'No report matches this search.';
  if (state.view.queue === 'abuse') return `The ${queueText('abuse')} is empty.`;
  return 'No reports yet.';
}

function updateEmpty(kind, text) {
  const list = LISTS[kind];
  const hasRows = state[kind].size > 0;
  el(list.table).hidden = !hasRows;
  const empty = el(list.empty);
  if (text !== undefined) empty.textContent = text;
  else if (!hasRows) empty.textContent = emptyText(kind);
  empty.hidden = hasRows && text === undefined;
}

/** Says what the reports list shows, when it is not simply the newest reports. */
function updateScope() {
  const parts = [];
  if (state.view.queue) parts.push(`the ${queueText(state.view.queue)}`);
  if (state.view.q) parts.push(`reports whose narrative has every word of “${state.view.q}”`);
  const scope = el('reports-scope');
  scope.textContent = parts.length > 0 ? `Showing ${parts.join(': ')}.` : '';
  scope.hidden = parts.length === 0;
}

function setReportsBusy(busy) {
  el('reports-panel').setAttribute('aria-busy', String(busy));
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

/** The path of a page of reports as the view asks for it. */
function reportsPath(cursor) {
  let path = `reports?limit=${PAGE_SIZE}`;
  if (state.view.q) path += `&q=${encodeURIComponent(state.view.q)}`;
  if (state.view.queue) path += `&queue=${encodeURIComponent(state.view.queue)}`;
  if (cursor) path += `&cursor=${encodeURIComponent(cursor)}`;
  return path;
}

async function loadFirstPages(session) {
  const version = state.view.version;
  const [reports, incidents] = await Promise.all([
    api(reportsPath()),
    api(`incidents?limit=${PAGE_SIZE}`),
  ]);
  if (session !== state.session) return;
  el('notice').hidden = true;
  if (version === state.view.version) {
    mergePage('reports', reports, true);
    setReportsBusy(false);
  }
  mergePage('incidents', incidents, true);
}

function clearReports() {
  state.reports.clear();
  state.cases.clear();
  el('report-rows').replaceChildren();
  state.cursors.reports = null;
  state.paged.reports = false;
  el('reports-more').hidden = true;
  updateEmpty('reports', 'Loading…');
}

/** Shows the reports list anew for the current view (a search or queue change). */
async function reloadReports() {
  const session = state.session;
  const version = ++state.view.version;
  clearReports();
  updateScope();
  setReportsBusy(true);
  try {
    const page = await api(reportsPath());
    if (session !== state.session || version !== state.view.version) return;
    mergePage('reports', page, true);
  } catch (err) {
    if (session !== state.session || version !== state.view.version) return;
    if (!handleError(err, 'load the reports', session)) {
      updateEmpty('reports', 'The reports could not be loaded.');
    }
  } finally {
    if (session === state.session && version === state.view.version) setReportsBusy(false);
  }
}

async function loadMore(kind) {
  const session = state.session;
  const version = state.view.version;
  const cursor = state.cursors[kind];
  if (!cursor) return;
  const button = el(`${kind}-more`);
  button.disabled = true;
  try {
    const path =
      kind === 'reports'
        ? reportsPath(cursor)
        : `${kind}?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}`;
    const page = await api(path);
    if (session !== state.session) return;
    if (kind === 'reports' && version !== state.view.version) return;
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
    queue: r.queue,
    officeId: r.officeId,
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

/**
 * Whether a report not yet listed belongs in the list as it is shown now. A search
 * is matched by the server only (the narratives' blind index), so while one is
 * shown, new reports are not added; known rows still update.
 */
function belongsInView(report) {
  if (state.view.q) return false;
  if (state.view.queue && report.queue && report.queue !== state.view.queue) return false;
  return true;
}

function onStreamEvent(event, session) {
  if (event.lastEventId) state.lastEventId = event.lastEventId;
  // The server could not replay everything we missed: re-read the lists.
  if (event.type === 'stream.reset') {
    loadFirstPages(session).catch((err) => handleError(err, 'load the lists', session));
    return;
  }
  // A new report through the pipeline, or a change to one (status, message, answer, office).
  if (event.type !== 'report.processed' && event.type !== 'report.updated') return;
  let payload;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return;
  }
  const report = payload && payload.report;
  if (!report || typeof report.id !== 'string') return;
  const incident = payload.incident;
  const wanted = state.reports.has(report.id) || belongsInView(report);

  // Show what the event says at once; the full views follow.
  if (wanted && !state.reports.has(report.id)) {
    upsert('reports', reportFromEvent(report), 'top');
  }
  if (incident && typeof incident.id === 'string') {
    const known = state.incidents.get(incident.id);
    upsert('incidents', { ...(known ? known.data : {}), ...incident }, 'top');
  }

  if (wanted) {
    const version = state.view.version;
    enqueue(session, async () => {
      if (version !== state.view.version && !state.reports.has(report.id)) return;
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
      if (session !== state.session) return;
      if (state.reports.has(full.id) || belongsInView(full)) upsert('reports', full, 'top');
    });
  }
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
  state.cases.clear();
  state.lastEventId = null;
  state.retryMs = DEFAULT_RETRY_MS;
  state.incidentFetches.clear();
  el('notice').hidden = true;
}

/** Resets the search and the queue switch to the default view of `roles`. */
function resetView(roles) {
  const supervisor = roles.includes('supervisor');
  state.view.q = '';
  state.view.queue = supervisor ? 'analyst' : null;
  state.view.version++;
  el('search').value = '';
  el('search-clear').hidden = true;
  el('queue-switch').hidden = !supervisor;
  for (const radio of document.querySelectorAll('#queue-switch input[name="queue"]')) {
    radio.checked = radio.value === 'analyst';
    const name = radio.parentElement.querySelector('.queue-name');
    const text = queueText(radio.value);
    if (name) name.textContent = text.charAt(0).toUpperCase() + text.slice(1);
  }
  updateScope();
  setReportsBusy(false);
}

function showWho() {
  const me = state.me;
  el('who-id').textContent = me.id;
  let roles = me.roles.length > 0 ? me.roles.map(roleText).join(', ') : 'no role';
  if (me.officeId) roles += ` · office ${me.officeId}`;
  el('who-roles').textContent = `(${roles})`;
  el('who').hidden = false;
}

function setSignInBusy(busy) {
  el('login-button').disabled = busy;
  el('sign-in-button').disabled = busy;
}

function showSignIn(message, focusId = 'login-name') {
  el('workbench').hidden = true;
  el('sign-out').hidden = true;
  el('who').hidden = true;
  el('sign-in').hidden = false;
  const error = el('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  setSignInBusy(false);
  el(focusId).focus();
}

/** Ends a login session on the server (best effort: the tab forgets the token anyway). */
async function endLoginSession(token, session) {
  try {
    await api('session', { method: 'DELETE', token, keepalive: true });
  } catch (err) {
    // 401: the session had already ended.
    if (err instanceof AuthError && err.status === 401) return;
    if (session !== state.session || !el('workbench').hidden) return;
    const error = el('sign-in-error');
    if (!error.hidden) return; // a message of its own is shown
    error.textContent =
      'Signed out in this tab, but the server could not be told to end the session ' +
      `(${err instanceof Error ? err.message : String(err)}): it stays valid until it expires.`;
    error.hidden = false;
  }
}

/** `endSession`: also end a login session on the server. `forget`: drop the saved token. */
function signOut(message, { endSession = false, forget = true } = {}) {
  const token = state.token;
  const endIt = endSession && token && isLoginSession();
  const session = ++state.session;
  if (state.stream) state.stream.abort();
  state.stream = null;
  state.token = null;
  state.kind = null;
  state.me = null;
  if (forget) {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(KIND_KEY);
  }
  clearLists();
  resetView([]);
  setLive('off', 'Not connected');
  showSignIn(message);
  if (endIt) void endLoginSession(token, session);
}

async function signIn(token, kind) {
  const session = ++state.session;
  if (state.stream) state.stream.abort();
  state.stream = null;
  state.token = token;
  state.kind = kind;
  state.me = null;
  setSignInBusy(true);
  el('sign-in-error').hidden = true;
  clearLists();
  try {
    // The codes' texts first: every list and form below shows them.
    await loadMeta();
    if (session !== state.session) return;
    // Who is this? (Any role may ask; 401 for a token the server does not accept.)
    const me = await api('session');
    if (session !== state.session) return;
    state.me = {
      id: typeof me.id === 'string' ? me.id : '?',
      roles: Array.isArray(me.roles) ? me.roles.map(String) : [],
      officeId: typeof me.officeId === 'string' ? me.officeId : null,
    };
  } catch (err) {
    if (session !== state.session) return;
    if (err instanceof AuthError) {
      signOut(authMessage(err.status));
    } else {
      // The server cannot say: keep a saved token, so that a reload tries again.
      signOut(
        `Could not sign in: ${err instanceof Error ? err.message : String(err)}. Try again.`,
        {
          forget: false,
        },
      );
    }
    return;
  }
  resetView(state.me.roles);
  setReportsBusy(true);
  try {
    await loadFirstPages(session); // proves the role before the workbench shows
  } catch (err) {
    if (session !== state.session) return;
    if (err instanceof AuthError) {
      // 403: this role may not use the workbench; a fresh login session is ended too.
      signOut(authMessage(err.status), { endSession: err.status === 403 });
      return;
    }
    setReportsBusy(false);
    showNotice(`Could not load the lists: ${err.message}`);
  }
  if (session !== state.session) return;
  if (!state.me.roles.some((role) => WORKBENCH_ROLES.includes(role))) {
    // The server let the lists through (a role this page does not know): say so.
    showNotice(`Signed in${describeMe()}, but not with a role this page knows.`);
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(KIND_KEY, kind);
  el('sign-in').hidden = true;
  el('workbench').hidden = false;
  el('sign-out').hidden = false;
  showWho();
  el('token').value = '';
  el('login-password').value = '';
  const controller = new AbortController();
  state.stream = controller;
  void runStream(session, controller);
}

/** Name and password → a session token (POST /api/v1/session) → signIn. */
async function logIn(name, password) {
  const session = ++state.session;
  setSignInBusy(true);
  el('sign-in-error').hidden = true;
  let answer;
  try {
    answer = await api('session', {
      method: 'POST',
      token: null,
      body: { name, password },
    });
  } catch (err) {
    if (session !== state.session) return;
    el('login-password').value = '';
    if (err instanceof AuthError && err.status === 401) {
      showSignIn('Wrong name or password (401 Unauthorized).', 'login-password');
    } else if (err instanceof HttpError && err.status === 429) {
      const wait = err.retryAfterSeconds;
      showSignIn(
        `Too many sign-in attempts (429 Too Many Requests): try again in ${
          wait === null ? 'a minute' : `${wait} s`
        }.`,
        'login-password',
      );
    } else {
      showSignIn(
        `Could not sign in: ${err instanceof Error ? err.message : String(err)}`,
        'login-password',
      );
    }
    return;
  }
  if (session !== state.session) return;
  if (!answer || typeof answer.token !== 'string') {
    showSignIn('Could not sign in: the server gave no session token.');
    return;
  }
  el('login-password').value = '';
  await signIn(answer.token, 'login');
}

function init() {
  el('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = el('login-name').value.trim();
    const password = el('login-password').value;
    if (!name) {
      showSignIn('Enter your name.', 'login-name');
      return;
    }
    if (!password) {
      showSignIn('Enter your password.', 'login-password');
      return;
    }
    void logIn(name, password);
  });
  el('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = el('token').value.trim();
    if (!token) {
      showSignIn('Enter an API token.', 'token');
      return;
    }
    if (!/^[\x21-\x7e]+$/.test(token)) {
      showSignIn(
        'That is not a token: a token has only printable ASCII characters, no spaces.',
        'token',
      );
      return;
    }
    void signIn(token, 'token');
  });
  el('sign-out').addEventListener('click', () => signOut(undefined, { endSession: true }));
  el('reports-more').addEventListener('click', () => void loadMore('reports'));
  el('incidents-more').addEventListener('click', () => void loadMore('incidents'));

  el('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = el('search').value.trim();
    if (q === state.view.q) return;
    state.view.q = q;
    el('search-clear').hidden = !q;
    void reloadReports();
  });
  el('search-clear').addEventListener('click', () => {
    el('search').value = '';
    el('search-clear').hidden = true;
    el('search').focus();
    if (!state.view.q) return;
    state.view.q = '';
    void reloadReports();
  });
  el('queue-switch').addEventListener('change', (event) => {
    const radio = event.target;
    if (!radio || radio.name !== 'queue' || !radio.checked) return;
    if (state.view.queue === radio.value) return;
    state.view.queue = radio.value;
    void reloadReports();
  });
  el('report-rows').addEventListener('click', (event) => {
    const toggle =
      event.target && typeof event.target.closest === 'function'
        ? event.target.closest('button[data-toggle-case]')
        : null;
    if (toggle) toggleCase(toggle.dataset.toggleCase);
  });

  const saved = sessionStorage.getItem(TOKEN_KEY);
  const kind = sessionStorage.getItem(KIND_KEY) === 'login' ? 'login' : 'token';
  if (saved) void signIn(saved, kind);
  else showSignIn();
}

if (typeof document !== 'undefined' && document.getElementById('sign-in-form')) init();
