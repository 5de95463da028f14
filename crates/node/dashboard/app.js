// Passage dashboard: reads this node's public JSON API and renders it. Plain JavaScript,
// no framework, no other origin (the Content-Security-Policy forbids both inline scripts
// and requests elsewhere). Every text from the API goes through textContent, never HTML.
'use strict';

/** Pause between updates while the page is visible. */
const REFRESH_MS = 5000;
/** Longest pause after repeated failures (the pause doubles from REFRESH_MS up to this). */
const REFRESH_MS_MAX = 60000;
/** A request that takes longer is abandoned and counts as a failure. */
const REQUEST_TIMEOUT_MS = 10000;
/** Movements listed on the overview. */
const MOVEMENTS_SHOWN_MAX = 20;
/** Page size asked of GET /v1/movements (the API allows up to 500). */
const MOVEMENT_PAGE_SIZE = 200;
/** Open incidents listed, oldest first (one page of GET /v1/incidents). */
const OPEN_INCIDENTS_SHOWN = 50;
/** Pages read per window when looking for the latest movements. */
const MOVEMENT_PAGES_MAX = 3;
/**
 * The API lists movements oldest first: the latest ones are found by asking for those
 * declared within a growing window (10 s, 1 min, 10 min, 6 h, 7 days, all) until enough
 * are in. A burst of more than MOVEMENT_PAGES_MAX pages within the first window shows the
 * latest of those pages, not the very latest movements.
 */
const RECENT_WINDOWS_MS = [10e3, 60e3, 600e3, 6 * 3600e3, 7 * 86400e3, null];
/** Throughput samples kept (one per update: five minutes at REFRESH_MS). */
const THROUGHPUT_SAMPLES_MAX = 60;
/** An MRN as the search box takes it (18 letters and digits; the node checks the rest). */
const MRN_PATTERN = /^[0-9A-Z]{18}$/;

const STATUS_NAMES = {
  declared: 'Declared',
  accepted: 'Accepted',
  at_post: 'At a post',
  in_transit: 'In transit',
  at_destination: 'At destination',
  discharged: 'Discharged',
  cancelled: 'Cancelled',
  refused: 'Refused',
};

const view = {
  paused: false,
  delay: REFRESH_MS,
  timer: null,
  inFlight: false,
  // Set when the page changed during an update: the update after it shows the new page.
  again: false,
  samples: [],
  corridor: null,
};

// ---------------------------------------------------------------- helpers

function byId(id) {
  return document.getElementById(id);
}

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function replaceRows(tbody, rows, columns, emptyText) {
  if (rows.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: columns, class: 'empty' }, emptyText)));
  } else {
    tbody.replaceChildren(...rows);
  }
}

class RequestError extends Error {
  constructor(path, status, message) {
    super(message);
    this.path = path;
    this.status = status;
  }
}

async function request(path) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(path, { signal: controller.signal, cache: 'no-store' });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && typeof body.message === 'string') message = body.message;
      } catch (_) {
        // Not the API's JSON error body: keep the status line.
      }
      throw new RequestError(path, response.status, message);
    }
    return response;
  } catch (error) {
    if (error instanceof RequestError) throw error;
    const reason = error.name === 'AbortError' ? 'no answer in time' : 'the node is unreachable';
    throw new RequestError(path, 0, reason);
  } finally {
    clearTimeout(timeout);
  }
}

async function getJson(path) {
  return (await request(path)).json();
}

async function getText(path) {
  return (await request(path)).text();
}

const counts = new Intl.NumberFormat(undefined);
const decimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function formatCount(value) {
  return counts.format(value);
}

/** Minor units in a currency (ISO 4217 exponent as the browser knows it). */
function formatMoney(minor, currency) {
  try {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(minor / 10 ** digits);
  } catch (_) {
    return `${counts.format(minor)} ${currency} (minor units)`;
  }
}

function timeElement(ms) {
  if (ms === null || ms === undefined) return el('span', { class: 'empty' }, '–');
  const date = new Date(ms);
  const text = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return el('time', { datetime: date.toISOString() }, text);
}

/** A compact time for tables: the time of day today, else the date and the time. */
function shortTimeElement(ms) {
  const date = new Date(ms);
  const today = date.toDateString() === new Date().toDateString();
  const text = today
    ? date.toLocaleTimeString(undefined, { timeStyle: 'medium' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return el('time', { datetime: date.toISOString(), title: date.toLocaleString() }, text);
}

function formatDuration(seconds) {
  if (seconds < 60) return `${decimals.format(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function statusBadge(status) {
  return el('span', { class: `status ${status}` }, STATUS_NAMES[status] || status);
}

function postName(id) {
  const post = view.corridor && view.corridor.posts.find((candidate) => candidate.id === id);
  return post ? `${post.name} (${id})` : id;
}

function postShortName(id) {
  const post = view.corridor && view.corridor.posts.find((candidate) => candidate.id === id);
  return post ? post.name : id;
}

function movementLink(mrn) {
  return el('a', { href: `#/movements/${mrn}`, class: 'mono' }, mrn);
}

function entryLink(index) {
  return el('a', { href: `#/entries/${index}` }, String(index));
}

function accountName(account) {
  const [kind, name] = account.split(':');
  if (kind === 'carrier' && name) return `Carrier ${name}`;
  if (kind === 'revenue' && name) return `Revenue of ${name}`;
  if (kind === 'receipts') return 'Receipts (payments received)';
  return account;
}

// ---------------------------------------------------------------- the log's checkpoint

/** A checkpoint note (c2sp.org/tlog-checkpoint, c2sp.org/signed-note) in parts. */
function parseCheckpoint(text) {
  const split = text.indexOf('\n\n');
  const body = (split < 0 ? text : text.slice(0, split)).split('\n');
  const signatures = [];
  for (const line of (split < 0 ? '' : text.slice(split + 2)).split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) continue;
    let bytes = [];
    try {
      bytes = Array.from(atob(match[2]), (char) => char.charCodeAt(0));
    } catch (_) {
      continue;
    }
    const keyId = bytes.slice(0, 4).map((byte) => byte.toString(16).padStart(2, '0')).join('');
    // A cosignature/v1 (c2sp.org/tlog-cosignature) is key ID, 8-byte time, 64-byte signature.
    let cosignedAt = null;
    if (bytes.length === 4 + 8 + 64) {
      cosignedAt = bytes.slice(4, 12).reduce((total, byte) => total * 256 + byte, 0) * 1000;
    }
    signatures.push({ name: match[1], keyId, cosignedAt });
  }
  return { origin: body[0] || '', size: Number(body[1]), root: body[2] || '', signatures };
}

function renderCheckpoint(checkpoint) {
  if (!checkpoint) {
    byId('checkpoint-origin').textContent = 'no checkpoint is published yet';
    byId('checkpoint-size').textContent = '–';
    byId('checkpoint-root').textContent = '–';
    replaceRows(byId('signatures-table').tBodies[0], [], 4, 'No signature yet.');
    return;
  }
  byId('checkpoint-origin').textContent = checkpoint.origin;
  byId('checkpoint-size').textContent = formatCount(checkpoint.size);
  byId('checkpoint-root').textContent = checkpoint.root;
  const rows = checkpoint.signatures.map((signature) => {
    const kind = signature.name === checkpoint.origin
      ? 'log signature'
      : signature.cosignedAt !== null ? 'witness cosignature' : 'signature';
    return el('tr', {},
      el('td', {}, signature.name),
      el('td', {}, kind),
      el('td', {}, el('code', {}, signature.keyId)),
      el('td', {}, signature.cosignedAt !== null ? timeElement(signature.cosignedAt) : '–'));
  });
  replaceRows(byId('signatures-table').tBodies[0], rows, 4, 'No signature.');
}

// ---------------------------------------------------------------- overview

async function latestMovements() {
  const now = Date.now();
  for (const windowMs of RECENT_WINDOWS_MS) {
    const base = `/v1/movements?limit=${MOVEMENT_PAGE_SIZE}` + (windowMs ? `&from=${now - windowMs}` : '');
    let movements = [];
    let next = null;
    let pages = 0;
    do {
      const after = next ? `&after=${encodeURIComponent(next)}` : '';
      const page = await getJson(base + after);
      movements = movements.concat(page.movements).slice(-MOVEMENTS_SHOWN_MAX);
      next = page.next;
      pages += 1;
    } while (next && pages < MOVEMENT_PAGES_MAX);
    if (movements.length >= MOVEMENTS_SHOWN_MAX || windowMs === null) {
      return movements.reverse();
    }
  }
  return [];
}

function renderFigures(statistics, regime) {
  const total = Object.values(statistics.movements).reduce((sum, count) => sum + count, 0);
  byId('figure-movements').textContent = formatCount(total);
  byId('figure-entries').textContent = formatCount(statistics.entries);
  byId('figure-checkpoint-size').textContent = formatCount(statistics.checkpoint_size);
  byId('figure-incidents').textContent = formatCount(statistics.incidents_open);
  byId('incidents-open').textContent = formatCount(statistics.incidents_open);
  byId('figure-regime').textContent = regime ? regime.name : 'no charter yet';

  const largest = Math.max(1, ...Object.values(statistics.movements));
  const statuses = Object.keys(STATUS_NAMES)
    .concat(Object.keys(statistics.movements).filter((status) => !(status in STATUS_NAMES)));
  const rows = statuses.map((status) => {
    const count = statistics.movements[status] || 0;
    const bar = el('div', { class: 'bar' });
    bar.style.width = `${(100 * count) / largest}%`;
    return el('tr', {}, el('th', { scope: 'row' }, statusBadge(status)),
      el('td', { class: 'number' }, formatCount(count)), el('td', { 'aria-hidden': 'true' }, bar));
  });
  byId('status-table').tBodies[0].replaceChildren(...rows);

  const dwell = Object.entries(statistics.dwell_seconds_mean).map(([post, seconds]) =>
    el('tr', {}, el('th', { scope: 'row' }, postName(post)), el('td', {}, formatDuration(seconds))));
  replaceRows(byId('dwell-table').tBodies[0], dwell, 2, 'No departure from a post yet.');

  const currencies = [...new Set(Object.keys(statistics.fees_minor).concat(Object.keys(statistics.payments_minor)))].sort();
  const totals = currencies.map((currency) => el('tr', {},
    el('th', { scope: 'row' }, currency),
    el('td', {}, formatMoney(statistics.fees_minor[currency] || 0, currency)),
    el('td', {}, formatMoney(statistics.payments_minor[currency] || 0, currency))));
  replaceRows(byId('totals-table').tBodies[0], totals, 3, 'No fee assessed yet.');
}

function renderThroughput(entries) {
  view.samples.push({ at: Date.now(), entries });
  view.samples = view.samples.slice(-(THROUGHPUT_SAMPLES_MAX + 1));
  const rates = [];
  for (let i = 1; i < view.samples.length; i += 1) {
    const elapsed = view.samples[i].at - view.samples[i - 1].at;
    if (elapsed > 0) rates.push((60000 * (view.samples[i].entries - view.samples[i - 1].entries)) / elapsed);
  }
  byId('throughput-window').textContent = String(rates.length);
  const chart = byId('throughput-chart');
  if (rates.length === 0) {
    byId('figure-throughput').textContent = '–';
    chart.replaceChildren(el('p', { class: 'empty' }, 'Measured from the next update on.'));
    return;
  }
  const first = view.samples[0];
  const last = view.samples[view.samples.length - 1];
  const overall = (60000 * (last.entries - first.entries)) / Math.max(1, last.at - first.at);
  byId('figure-throughput').textContent = decimals.format(overall);
  const peak = Math.max(...rates);
  chart.setAttribute('aria-label',
    `Entries per minute: latest ${decimals.format(rates[rates.length - 1])}, peak ${decimals.format(peak)}`);
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 300;
  const height = 100;
  const top = Math.max(1, peak);
  const step = rates.length > 1 ? width / (rates.length - 1) : width;
  const points = rates.map((rate, i) => `${(i * step).toFixed(1)},${(height - (rate / top) * (height - 4)).toFixed(1)}`);
  if (points.length === 1) points.push(`${width},${points[0].split(',')[1]}`);
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const area = document.createElementNS(svgNs, 'polygon');
  area.setAttribute('class', 'area');
  area.setAttribute('points', `0,${height} ${points.join(' ')} ${width},${height}`);
  const line = document.createElementNS(svgNs, 'polyline');
  line.setAttribute('class', 'line');
  line.setAttribute('points', points.join(' '));
  svg.append(area, line);
  chart.replaceChildren(svg);
}

function renderCorridor(corridor, regime) {
  view.corridor = corridor;
  byId('corridor-name').textContent = corridor ? corridor.name : 'no charter yet';
  document.title = corridor ? `Passage: ${corridor.name}` : 'Passage: corridor dashboard';
  if (!corridor) return;
  const controlled = new Set(regime ? regime.controlled_posts : []);
  const posts = corridor.posts.map((post) => el('tr', {},
    el('th', { scope: 'row', class: 'mono' }, post.id),
    el('td', {}, post.name),
    el('td', {}, post.authority),
    el('td', {}, controlled.has(post.id) ? 'yes' : 'no')));
  replaceRows(byId('posts-table').tBodies[0], posts, 4, 'No post.');
  byId('routes-list').replaceChildren(...corridor.routes.map((route) => el('li', {},
    el('strong', {}, route.name), ' ', el('span', { class: 'mono' }, `(${route.id})`),
    el('ol', { class: 'route', 'aria-label': `Posts of ${route.name} in order` },
      route.posts.map((post) => el('li', {}, postName(post)))))));
  if (regime) {
    byId('regime').replaceChildren(
      el('div', {}, el('dt', {}, 'Name'), el('dd', {}, regime.name)),
      el('div', {}, el('dt', {}, 'In force since entry'), el('dd', {}, entryLink(regime.since_entry))),
      el('div', {}, el('dt', {}, 'Traffic classes'), el('dd', {}, regime.traffic_classes.join(', ') || '–')),
      el('div', {}, el('dt', {}, 'Controlled posts'),
        el('dd', {}, regime.controlled_posts.map(postName).join(', ') || 'none')));
  }
}

function renderBalances(balances) {
  const rows = balances.map((balance) => el('tr', {},
    el('th', { scope: 'row' }, accountName(balance.account)),
    el('td', { class: 'number' }, formatMoney(balance.amount_minor, balance.currency))));
  replaceRows(byId('balances-table').tBodies[0], rows, 2, 'No posting yet.');
}

function renderMovements(movements) {
  const rows = movements.map((movement) => el('tr', {},
    el('th', { scope: 'row' }, movementLink(movement.mrn)),
    el('td', { class: 'nowrap' }, shortTimeElement(movement.declared_at_ms)),
    el('td', { class: 'nowrap' }, movement.carrier),
    el('td', { class: 'nowrap wide-only' }, movement.route),
    el('td', { class: 'wide-only' }, movement.traffic_class),
    el('td', { class: 'nowrap' }, statusBadge(movement.status), movement.overdue ? [' ', el('span', { class: 'status overdue' }, 'overdue')] : null),
    el('td', { class: 'nowrap', title: movement.current_post || '' }, movement.current_post ? postShortName(movement.current_post) : '–'),
    el('td', { class: 'nowrap' }, movement.fee || '–')));
  replaceRows(byId('movements-table').tBodies[0], rows, 8, 'No movement declared yet.');

}

// The open incidents, oldest first (the longest waiting), from `GET /v1/incidents`.
function renderIncidents(page) {
  const incidents = page.incidents.map((incident) => el('li', {},
    el('span', { class: `status ${incident.status}` }, incident.status), ' ',
    el('strong', {}, incident.kind), ' on ',
    incident.movement ? movementLink(incident.movement) : 'the corridor',
    incident.post ? [' at ', postShortName(incident.post)] : null,
    ', opened ', timeElement(incident.opened_at_ms), ' (entry ', entryLink(incident.opened_entry), ')'));
  if (incidents.length === 0) incidents.push(el('li', { class: 'empty' }, 'No open incident.'));
  if (page.next) incidents.push(el('li', { class: 'empty' }, `The ${OPEN_INCIDENTS_SHOWN} oldest are shown.`));
  byId('incidents-list').replaceChildren(...incidents);
}

async function refreshOverview() {
  const statistics = await getJson('/v1/statistics');
  // Before the charter there is no corridor or regime to ask for (the API answers 404).
  const charted = statistics.entries > 0;
  const [corridor, regime, balances, movements, incidents, checkpointText] = await Promise.all([
    charted ? getJson('/v1/corridor') : null,
    charted ? getJson('/v1/regime') : null,
    getJson('/v1/accounts'),
    charted ? latestMovements() : [],
    getJson(`/v1/incidents?status=open&limit=${OPEN_INCIDENTS_SHOWN}`),
    statistics.checkpoint_size > 0 ? getText('/log/checkpoint') : null,
  ]);
  renderCorridor(corridor, regime);
  renderFigures(statistics, regime);
  renderThroughput(statistics.entries);
  renderBalances(balances);
  renderMovements(movements);
  renderIncidents(incidents);
  renderCheckpoint(checkpointText ? parseCheckpoint(checkpointText) : null);
}

// ---------------------------------------------------------------- detail pages

function pairs(items) {
  return el('dl', { class: 'pairs' }, items.map(([term, value, id]) =>
    el('div', {}, el('dt', {}, term), el('dd', id ? { id } : {}, value))));
}

function section(title, ...content) {
  return el('section', { 'aria-label': title }, el('h3', {}, title), ...content);
}

async function showMovement(mrn) {
  byId('detail-title').textContent = `Movement ${mrn}`;
  let answer;
  try {
    answer = await getJson(`/v1/movements/${encodeURIComponent(mrn)}`);
  } catch (error) {
    if (error.status === 404 || error.status === 400) {
      byId('detail-body').replaceChildren(el('p', { role: 'alert' }, `No movement with MRN ${mrn}: ${error.message}`));
      return;
    }
    throw error;
  }
  const movement = answer.movement;
  const visits = movement.visits.map((visit) => el('tr', {},
    el('th', { scope: 'row' }, postName(visit.post)),
    el('td', {}, visit.controlled ? 'yes' : 'no'),
    el('td', {}, timeElement(visit.arrived_at_ms)),
    el('td', {}, timeElement(visit.released_at_ms)),
    el('td', {}, timeElement(visit.departed_at_ms)),
    el('td', {}, visit.units.length === 0 ? '–' : el('ul', { class: 'plain' }, visit.units.map((unit) => el('li', {},
      el('span', { class: 'mono' }, unit.equipment), ' ',
      el('span', { class: `lane-${unit.lane}` }, `${unit.lane} lane`),
      unit.seal ? `, seals ${unit.seal}` : '',
      unit.inspection ? `, inspection ${unit.inspection}` : ''))))));
  const visitsTable = el('div', { class: 'scroll' }, el('table', {},
    el('caption', { class: 'visually-hidden' }, 'Visits at posts'),
    el('thead', {}, el('tr', {}, ['Post', 'Controlled', 'Arrived', 'Released', 'Departed', 'Units'].map((name) => el('th', { scope: 'col' }, name)))),
    el('tbody', {})));
  replaceRows(visitsTable.querySelector('tbody'), visits, 6, 'Not at any post yet.');
  const incidents = movement.incidents.map((incident) => el('li', {},
    `#${incident.number} ${incident.kind}, opened `, timeElement(incident.opened_at_ms),
    ' (entry ', entryLink(incident.opened_entry), ')',
    incident.closed_entry !== null && incident.closed_entry !== undefined ? [', closed at entry ', entryLink(incident.closed_entry)] : ', open'));
  byId('detail-body').replaceChildren(
    pairs([
      ['MRN', el('span', { class: 'mono' }, movement.mrn), 'movement-mrn'],
      ['Status', [statusBadge(movement.status), movement.overdue ? [' ', el('span', { class: 'status overdue' }, 'overdue')] : null]],
      ['Carrier', movement.carrier],
      ['Route', movement.route],
      ['Traffic class', movement.traffic_class],
      ['Declared', timeElement(movement.declared_at_ms)],
      ['Deadline', timeElement(movement.deadline_ms)],
      ['At post', movement.current_post ? postName(movement.current_post) : '–'],
      ['Gross mass', `${formatCount(movement.gross_mass_kg)} kg`],
      ['Fee', movement.fee || 'not assessed yet'],
    ]),
    section('Equipment', el('ul', { class: 'plain' }, movement.equipment.map((id) => el('li', { class: 'mono' }, id)))),
    section('Visits at posts', visitsTable),
    section('Incidents', incidents.length ? el('ul', { class: 'plain' }, incidents) : el('p', { class: 'empty' }, 'None.')),
    section('History in the log',
      el('p', { class: 'note' }, 'The entries that concern this movement. Each opens with its inclusion proof.'),
      el('ul', { class: 'entries', id: 'movement-history' }, answer.history.map((index) => el('li', {}, entryLink(index))))));
}

async function showEntry(index) {
  byId('detail-title').textContent = `Entry ${index}`;
  let entry;
  try {
    entry = await getJson(`/v1/entries/${index}`);
  } catch (error) {
    if (error.status === 404 || error.status === 400) {
      byId('detail-body').replaceChildren(el('p', { role: 'alert' }, error.message));
      return;
    }
    throw error;
  }
  byId('detail-body').replaceChildren(
    pairs([
      ['Index', String(entry.index), 'entry-index-shown'],
      ['Statement', entry.kind || 'unknown'],
      ['Sequenced at', timeElement(entry.sequenced_at_ms)],
      ['Raw', el('a', { href: `/v1/entries/${entry.index}` }, 'this entry and its proof as JSON')],
    ]),
    section('Inclusion proof',
      entry.checkpoint
        ? [el('p', { class: 'note' }, `${entry.inclusion_proof.length} hashes, leaf's sibling first, leading to the root of this checkpoint:`),
          el('pre', {}, entry.checkpoint),
          el('ol', {}, entry.inclusion_proof.map((hash) => el('li', {}, el('code', {}, hash))))]
        : el('p', {}, 'No published checkpoint covers this entry yet; the next one will.')),
    el('details', {}, el('summary', {}, 'Entry bytes (base64)'), el('pre', {}, entry.entry)));
}

// ---------------------------------------------------------------- routing and updates

function currentRoute() {
  const hash = decodeURIComponent(location.hash);
  let match = /^#\/movements\/(.+)$/.exec(hash);
  if (match) return { page: 'movement', mrn: match[1].trim().toUpperCase() };
  match = /^#\/entries\/(\d+)$/.exec(hash);
  if (match) return { page: 'entry', index: match[1] };
  return { page: 'overview' };
}

async function refresh() {
  const route = currentRoute();
  // Detail pages name posts too: read the corridor once if the overview has not yet.
  if (route.page !== 'overview' && !view.corridor) {
    const statistics = await getJson('/v1/statistics');
    if (statistics.entries > 0) {
      const [corridor, regime] = await Promise.all([getJson('/v1/corridor'), getJson('/v1/regime')]);
      renderCorridor(corridor, regime);
    }
  }
  if (route.page === 'movement') await showMovement(route.mrn);
  else if (route.page === 'entry') await showEntry(route.index);
  else await refreshOverview();
}

function showRoute() {
  const detail = currentRoute().page !== 'overview';
  byId('detail').hidden = !detail;
  byId('overview').hidden = detail;
  if (detail) {
    byId('detail-body').replaceChildren(el('p', { class: 'empty' }, 'Loading…'));
    byId('detail-title').setAttribute('tabindex', '-1');
  }
  update().then(() => {
    if (detail) byId('detail-title').focus();
  });
}

function setStatus(text) {
  byId('refresh-status').textContent = text;
}

async function update() {
  if (view.inFlight) {
    view.again = true;
    return;
  }
  view.inFlight = true;
  clearTimeout(view.timer);
  try {
    await refresh();
    view.delay = REFRESH_MS;
    byId('error').hidden = true;
    const time = new Date().toLocaleTimeString(undefined, { timeStyle: 'medium' });
    setStatus(view.paused ? `Paused; last updated ${time}` : `Updated ${time}`);
  } catch (error) {
    view.delay = Math.min(view.delay * 2, REFRESH_MS_MAX);
    const message = error instanceof RequestError ? `${error.path}: ${error.message}` : String(error);
    byId('error').textContent = `Could not update (${message}). Retrying in ${Math.round(view.delay / 1000)} s.`;
    byId('error').hidden = false;
    setStatus('Update failed');
  } finally {
    view.inFlight = false;
    if (view.again) {
      view.again = false;
      update();
    } else {
      schedule();
    }
  }
}

function schedule() {
  clearTimeout(view.timer);
  if (view.paused || document.hidden) return;
  view.timer = setTimeout(update, view.delay);
}

function start() {
  byId('search').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId('search-mrn');
    const mrn = input.value.trim().toUpperCase();
    if (!MRN_PATTERN.test(mrn)) {
      input.setCustomValidity('An MRN has 18 letters and digits.');
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    location.hash = `#/movements/${mrn}`;
  });
  byId('search-mrn').addEventListener('input', (event) => event.target.setCustomValidity(''));
  byId('entry-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const index = byId('entry-index').value.trim();
    if (/^\d+$/.test(index)) location.hash = `#/entries/${index}`;
  });
  byId('refresh-toggle').addEventListener('click', (event) => {
    view.paused = !view.paused;
    event.target.setAttribute('aria-pressed', String(view.paused));
    event.target.textContent = view.paused ? 'Resume updates' : 'Pause updates';
    if (view.paused) {
      clearTimeout(view.timer);
      setStatus('Updates paused');
    } else {
      update();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(view.timer);
    else if (!view.paused) update();
  });
  window.addEventListener('hashchange', showRoute);
  showRoute();
}

start();
