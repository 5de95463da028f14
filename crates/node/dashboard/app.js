// Passage dashboard: reads this node's public JSON API and renders it. Plain JavaScript,
// no framework, no other origin (the Content-Security-Policy forbids both inline scripts
// and requests elsewhere). Every text from the API goes through textContent, never HTML.
// Every text of the page's own comes from the translation files, served by the node as
// /dashboard/texts/{language}.json, and goes through t(); numbers and dates are written
// with Intl for the chosen language.
'use strict';

/** Pause between updates while the page is visible. */
const REFRESH_MS = 5000;
/** Longest pause after repeated failures (the pause doubles from REFRESH_MS up to this). */
const REFRESH_MS_MAX = 60000;
/** A request that takes longer is abandoned and counts as a failure. */
const REQUEST_TIMEOUT_MS = 10000;
/** Movements listed on the overview. */
const MOVEMENTS_SHOWN_MAX = 20;
/** Open incidents listed, oldest first (one page of GET /v1/incidents). */
const OPEN_INCIDENTS_SHOWN = 50;
/** Throughput samples kept for the entry rate (one per update: five minutes at REFRESH_MS). */
const THROUGHPUT_SAMPLES_MAX = 60;
const HOUR_MS = 3600e3;
const DAY_MS = 24 * HOUR_MS;
/** Hours in the throughput chart and the dwell figures (one GET /v1/statistics/periods). */
const HOURS_SHOWN = 24;
/** Days in the fees table (one GET /v1/statistics/periods). */
const DAYS_SHOWN = 7;
/**
 * Entries may wait this long for a cosigned checkpoint before the status says publication
 * is late: the node signs one every few hundred milliseconds and witnesses answer within
 * seconds, so a minute means a witness or the publisher is stuck.
 */
const PUBLICATION_LAG_MS_MAX = 60e3;
/** The statuses of a movement that is inside the corridor (accepted, not yet discharged). */
const IN_CORRIDOR = ['accepted', 'at_post', 'in_transit', 'at_destination'];
/** An MRN as the search box takes it (18 letters and digits; the node checks the rest). */
const MRN_PATTERN = /^[0-9A-Z]{18}$/;

/** The key of each movement status's name in the translation files. */
const STATUS_NAMES = {
  declared: 'dashboard-status-declared',
  accepted: 'dashboard-status-accepted',
  at_post: 'dashboard-status-at-post',
  in_transit: 'dashboard-status-in-transit',
  at_destination: 'dashboard-status-at-destination',
  discharged: 'dashboard-status-discharged',
  cancelled: 'dashboard-status-cancelled',
  refused: 'dashboard-status-refused',
  returned: 'dashboard-status-returned',
  seized: 'dashboard-status-seized',
};
/** The languages the node serves texts in, and the one used when none is chosen. */
const LANGUAGES = ['hy', 'az', 'ru', 'en'];
const LANGUAGE_DEFAULT = 'en';
/** Where the reader's choice of language is kept in the browser. */
const LANGUAGE_STORAGE_KEY = 'passage.dashboard.language';

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

// ---------------------------------------------------------------- texts

const i18n = {
  language: LANGUAGE_DEFAULT,
  texts: {},
  plural: new Intl.PluralRules(LANGUAGE_DEFAULT),
};

/** The language chosen before, else the browser's first that the node speaks. */
function chosenLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch (_) {
    // Storage refused (a private window): fall back to the browser's languages.
  }
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return LANGUAGE_DEFAULT;
}

/** The message `key` with `{name}` filled from `args`; numbers are written for the language. */
function t(key, args = {}) {
  let message = i18n.texts[key];
  if (message === undefined) {
    console.error(`no text ${key} in ${i18n.language}`);
    return key;
  }
  if (typeof message === 'object') {
    const count = Number(args[message.select]);
    const variants = message.variants;
    message = variants[String(count)] ?? variants[i18n.plural.select(count)] ?? variants[message.default];
  }
  return message.replace(/\{(\w+)\}/g, (_, name) => {
    const value = args[name];
    if (value === undefined || value === null) return '';
    return typeof value === 'number' ? formatCount(value) : String(value);
  });
}

/** The message `key` as children for el(): an argument that is a Node stays that node. */
function tNodes(key, args = {}) {
  const nodes = {};
  const plain = {};
  for (const [name, value] of Object.entries(args)) {
    if (value instanceof Node || Array.isArray(value)) {
      nodes[name] = value;
      plain[name] = `\u0000${name}\u0000`;
    } else {
      plain[name] = value;
    }
  }
  return t(key, plain).split('\u0000').map((part, i) => (i % 2 === 1 && part in nodes ? nodes[part] : part));
}

/** Fills the page's own texts: elements marked data-i18n and data-i18n-aria-label. */
function applyTexts() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
  byId('refresh-toggle').textContent = t(view.paused ? 'dashboard-resume' : 'dashboard-pause');
}

/** Loads the texts of `language` and writes the page in it. */
async function useLanguage(language) {
  i18n.texts = await getJson(`/dashboard/texts/${language}.json`);
  i18n.language = language;
  i18n.plural = new Intl.PluralRules(language);
  counts = new Intl.NumberFormat(language);
  decimals = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  document.documentElement.lang = language;
  byId('language-choice').value = language;
  applyTexts();
}

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
    const reason = t(error.name === 'AbortError' ? 'dashboard-no-answer' : 'dashboard-unreachable');
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

let counts = new Intl.NumberFormat(LANGUAGE_DEFAULT);
let decimals = new Intl.NumberFormat(LANGUAGE_DEFAULT, { maximumFractionDigits: 1 });

function formatCount(value) {
  return counts.format(value);
}

/** Minor units in a currency (ISO 4217 exponent as the browser knows it). */
function formatMoney(minor, currency) {
  try {
    const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(minor / 10 ** digits);
  } catch (_) {
    return t('dashboard-minor-units', { amount: minor, currency });
  }
}

function timeElement(ms) {
  if (ms === null || ms === undefined) return el('span', { class: 'empty' }, '–');
  const date = new Date(ms);
  const text = date.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return el('time', { datetime: date.toISOString() }, text);
}

/** A compact time for tables: the time of day today, else the date and the time. */
function shortTimeElement(ms) {
  const date = new Date(ms);
  const today = date.toDateString() === new Date().toDateString();
  const text = today
    ? date.toLocaleTimeString(i18n.language, { timeStyle: 'medium' })
    : date.toLocaleString(i18n.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return el('time', { datetime: date.toISOString(), title: date.toLocaleString(i18n.language) }, text);
}

function formatDuration(seconds) {
  if (seconds < 60) return t('dashboard-seconds', { seconds: decimals.format(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('dashboard-minutes', { minutes });
  return t('dashboard-hours-minutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

function statusBadge(status) {
  return el('span', { class: `status ${status}` }, STATUS_NAMES[status] ? t(STATUS_NAMES[status]) : status);
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
  if (kind === 'carrier' && name) return t('dashboard-account-carrier', { name });
  if (kind === 'revenue' && name) return t('dashboard-account-revenue', { name });
  if (kind === 'receipts') return t('dashboard-account-receipts');
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
  const times = signatures.map((signature) => signature.cosignedAt).filter((time) => time !== null);
  const cosignedAt = times.length ? Math.max(...times) : null;
  return { origin: body[0] || '', size: Number(body[1]), root: body[2] || '', signatures, cosignedAt };
}

function renderCheckpoint(checkpoint) {
  if (!checkpoint) {
    byId('checkpoint-origin').textContent = t('dashboard-no-checkpoint-yet');
    byId('checkpoint-size').textContent = '–';
    byId('checkpoint-root').textContent = '–';
    byId('checkpoint-age').textContent = '–';
    replaceRows(byId('signatures-table').tBodies[0], [], 4, t('dashboard-no-signature-yet'));
    return;
  }
  byId('checkpoint-origin').textContent = checkpoint.origin;
  byId('checkpoint-size').textContent = formatCount(checkpoint.size);
  byId('checkpoint-root').textContent = checkpoint.root;
  const witnesses = checkpoint.signatures.filter((signature) => signature.cosignedAt !== null).length;
  if (checkpoint.cosignedAt === null) {
    byId('checkpoint-age').replaceChildren(t('dashboard-cosigned-by-none'));
  } else {
    byId('checkpoint-age').replaceChildren(...tNodes('dashboard-cosigned-by',
      { count: witnesses, time: timeElement(checkpoint.cosignedAt) }));
  }
  const rows = checkpoint.signatures.map((signature) => {
    const kind = t(signature.name === checkpoint.origin
      ? 'dashboard-signer-log'
      : signature.cosignedAt !== null ? 'dashboard-signer-witness' : 'dashboard-signer-other');
    return el('tr', {},
      el('td', {}, signature.name),
      el('td', {}, kind),
      el('td', { class: 'wide-only' }, el('code', {}, signature.keyId)),
      el('td', { class: 'nowrap' }, signature.cosignedAt !== null ? shortTimeElement(signature.cosignedAt) : '–'));
  });
  replaceRows(byId('signatures-table').tBodies[0], rows, 4, t('dashboard-no-signature'));
}

// ---------------------------------------------------------------- overview

/** The latest declared movements: one page of the search, newest first. */
async function latestMovements() {
  const page = await getJson(`/v1/movements?order=newest&limit=${MOVEMENTS_SHOWN_MAX}`);
  return page.movements;
}

/** Figures per period covering the `count` periods of `stepMs` up to the current one. */
async function periods(granularity, stepMs, count) {
  const to = (Math.floor(Date.now() / stepMs) + 1) * stepMs;
  const answer = await getJson(`/v1/statistics/periods?from=${to - count * stepMs}&to=${to}&granularity=${granularity}`);
  return answer.periods;
}

/** Sums a period's money map into `total` (currency -> minor units). */
function addMoney(total, amounts) {
  for (const [currency, minor] of Object.entries(amounts)) total[currency] = (total[currency] || 0) + minor;
  return total;
}

function moneyText(amounts) {
  const currencies = Object.keys(amounts).sort();
  if (currencies.length === 0) return formatCount(0);
  return currencies.map((currency) => formatMoney(amounts[currency], currency)).join(', ');
}

function renderFigures(statistics, regime, hours, days) {
  const total = Object.values(statistics.movements).reduce((sum, count) => sum + count, 0);
  const inCorridor = IN_CORRIDOR.reduce((sum, status) => sum + (statistics.movements[status] || 0), 0);
  const thisHour = hours.length ? hours[hours.length - 1] : null;
  const today = days.length ? days[days.length - 1] : null;
  byId('figure-in-corridor').textContent = formatCount(inCorridor);
  byId('figure-declared-hour').textContent = thisHour ? formatCount(thisHour.declared) : '–';
  byId('figure-arrived-hour').textContent = thisHour ? formatCount(thisHour.arrived_at_destination) : '–';
  byId('figure-fees-today').textContent = today ? moneyText(today.fees_minor) : '–';
  byId('figure-movements').textContent = formatCount(total);
  byId('figure-entries').textContent = formatCount(statistics.entries);
  byId('figure-checkpoint-size').textContent = formatCount(statistics.checkpoint_size);
  byId('figure-incidents').textContent = formatCount(statistics.incidents_open);
  byId('figure-incidents').classList.toggle('alert', statistics.incidents_open > 0);
  byId('incidents-open').textContent = formatCount(statistics.incidents_open);
  byId('figure-regime').textContent = regime ? regime.name : t('dashboard-no-charter');

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

  const currencies = [...new Set(Object.keys(statistics.fees_minor).concat(Object.keys(statistics.payments_minor)))].sort();
  const totals = currencies.map((currency) => el('tr', {},
    el('th', { scope: 'row' }, currency),
    el('td', { class: 'number' }, formatMoney(statistics.fees_minor[currency] || 0, currency)),
    el('td', { class: 'number' }, formatMoney(statistics.payments_minor[currency] || 0, currency))));
  replaceRows(byId('totals-table').tBodies[0], totals, 3, t('dashboard-no-fee-yet'));
}

/**
 * One line a monitor reads first: is anything wrong? Open incidents, and entries the
 * witnesses have not cosigned for longer than PUBLICATION_LAG_MS_MAX, call for attention.
 */
function renderStatus(statistics, checkpoint) {
  const verdict = byId('corridor-status');
  const facts = [];
  let level = 'normal';
  let text = t('dashboard-status-normal');
  if (statistics.entries === 0) {
    level = 'unknown';
    text = t('dashboard-status-waiting');
  } else if (statistics.incidents_open > 0) {
    level = 'attention';
    text = t('dashboard-status-attention-incidents', { count: statistics.incidents_open });
  }
  const behind = statistics.entries - statistics.checkpoint_size;
  const cosignedAt = checkpoint ? checkpoint.cosignedAt : null;
  const age = cosignedAt !== null ? Math.max(0, Date.now() - cosignedAt) : null;
  if (behind > 0 && age !== null && age > PUBLICATION_LAG_MS_MAX) {
    if (level === 'normal') {
      level = 'attention';
      text = t('dashboard-status-attention-log');
    }
    facts.push(el('li', { class: 'late' }, t('dashboard-status-entries-waiting', { count: behind })));
  }
  verdict.textContent = text;
  verdict.className = `verdict ${level}`;
  if (checkpoint) {
    const witnesses = checkpoint.signatures.filter((signature) => signature.cosignedAt !== null);
    facts.push(el('li', { id: 'status-witnesses' },
      witnesses.length
        ? t('dashboard-status-cosigned', { size: checkpoint.size, count: witnesses.length, names: witnesses.map((w) => w.name).join(', ') })
        : t('dashboard-status-log-only', { size: checkpoint.size }),
      age !== null ? t('dashboard-status-ago', { age: formatAge(age) }) : ''));
  } else if (statistics.entries > 0) {
    facts.push(el('li', {}, t('dashboard-status-no-checkpoint')));
  }
  const atPosts = Object.values(statistics.movements_at_post || {}).reduce((sum, count) => sum + count, 0);
  facts.push(el('li', {}, t('dashboard-status-at-posts', { count: atPosts })));
  byId('status-facts').replaceChildren(...facts);
}

function formatAge(ms) {
  return ms < 60e3 ? t('dashboard-seconds', { seconds: Math.round(ms / 1000) }) : formatDuration(ms / 1000);
}

/**
 * Each post of the corridor, in the corridor's order: movements there now (from
 * /v1/statistics) and dwell over the last HOURS_SHOWN hours (from the hourly periods,
 * combining the periods' means weighted by their departures).
 */
function renderPostsNow(statistics, hours) {
  const dwell = new Map();
  for (const period of hours) {
    for (const [post, figures] of Object.entries(period.dwell)) {
      const line = dwell.get(post) || { departures: 0, seconds: 0, max: 0 };
      line.departures += figures.departures;
      line.seconds += figures.seconds_mean * figures.departures;
      line.max = Math.max(line.max, figures.seconds_max);
      dwell.set(post, line);
    }
  }
  const atPost = statistics.movements_at_post || {};
  const posts = view.corridor ? view.corridor.posts.map((post) => post.id) : [];
  for (const post of Object.keys(atPost).concat([...dwell.keys()])) {
    if (!posts.includes(post)) posts.push(post);
  }
  const rows = posts.map((post) => {
    const line = dwell.get(post);
    const queue = atPost[post] || 0;
    const allTime = statistics.dwell_seconds_mean[post];
    return el('tr', { 'data-post': post },
      el('th', { scope: 'row' }, postShortName(post), el('span', { class: 'post-id mono' }, post)),
      el('td', { class: `number queue${queue > 0 ? ' busy' : ''}`, id: `queue-${post}` }, formatCount(queue)),
      el('td', { class: 'number', id: `departures-${post}` }, formatCount(line ? line.departures : 0)),
      el('td', { class: 'number nowrap' }, line ? formatDuration(line.seconds / line.departures) : '–'),
      el('td', { class: 'number nowrap wide-only' }, line ? formatDuration(line.max) : '–'),
      el('td', { class: 'number wide-only' }, allTime !== undefined ? formatDuration(allTime) : '–'));
  });
  replaceRows(byId('posts-now-table').tBodies[0], rows, 6, t('dashboard-no-post-yet'));
}

/** Declared and reached-destination movements per hour, as paired bars. */
function renderHours(hours) {
  const chart = byId('throughput-chart');
  const declared = hours.reduce((sum, period) => sum + period.declared, 0);
  const arrived = hours.reduce((sum, period) => sum + period.arrived_at_destination, 0);
  chart.setAttribute('aria-label',
    t('dashboard-throughput-label', { hours: hours.length, declared, arrived }));
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 240;
  const height = 80;
  const peak = Math.max(1, ...hours.map((period) => Math.max(period.declared, period.arrived_at_destination)));
  const slot = width / Math.max(1, hours.length);
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const base = document.createElementNS(svgNs, 'line');
  base.setAttribute('class', 'axis');
  base.setAttribute('x1', '0');
  base.setAttribute('x2', String(width));
  base.setAttribute('y1', String(height - 0.5));
  base.setAttribute('y2', String(height - 0.5));
  svg.append(base);
  hours.forEach((period, i) => {
    [['declared', period.declared], ['arrived', period.arrived_at_destination]].forEach(([kind, count], j) => {
      if (count === 0) return;
      const bar = document.createElementNS(svgNs, 'rect');
      const barHeight = Math.max(1, (count / peak) * (height - 2));
      bar.setAttribute('class', kind);
      bar.setAttribute('x', (i * slot + slot * 0.1 + j * slot * 0.4).toFixed(2));
      bar.setAttribute('width', (slot * 0.4).toFixed(2));
      bar.setAttribute('y', (height - barHeight).toFixed(2));
      bar.setAttribute('height', barHeight.toFixed(2));
      svg.append(bar);
    });
  });
  const hourText = (ms) => new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const labels = hours.length
    ? el('div', { class: 'hour-labels', 'aria-hidden': 'true' },
      el('span', {}, hourText(hours[0].from_ms)), el('span', {}, t('dashboard-peak', { count: peak })),
      el('span', {}, t('dashboard-now')))
    : null;
  chart.replaceChildren(svg, labels || '');
}

function renderFeesDays(days) {
  const rows = days.slice().reverse().map((period) => el('tr', {},
    el('th', { scope: 'row', class: 'nowrap' }, new Date(period.from_ms).toLocaleDateString(i18n.language,
      { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' })),
    el('td', { class: 'number' }, moneyText(period.fees_minor)),
    el('td', { class: 'number' }, moneyText(period.payments_minor))));
  replaceRows(byId('fees-days-table').tBodies[0], rows, 3, t('dashboard-no-figures-yet-row'));
}

/** Log entries per minute, measured between this page's updates. */
function renderEntryRate(entries) {
  view.samples.push({ at: Date.now(), entries });
  view.samples = view.samples.slice(-(THROUGHPUT_SAMPLES_MAX + 1));
  const first = view.samples[0];
  const last = view.samples[view.samples.length - 1];
  byId('figure-entry-rate').textContent = last.at > first.at
    ? t('dashboard-entry-rate', { rate: decimals.format((60000 * (last.entries - first.entries)) / (last.at - first.at)) })
    : '';
}

function renderCorridor(corridor, regime) {
  view.corridor = corridor;
  byId('corridor-name').textContent = corridor ? corridor.name : t('dashboard-no-charter');
  document.title = corridor ? t('dashboard-page-title-corridor', { corridor: corridor.name }) : t('dashboard-page-title');
  if (!corridor) return;
  const controlled = new Set(regime ? regime.controlled_posts : []);
  const posts = corridor.posts.map((post) => el('tr', {},
    el('th', { scope: 'row', class: 'mono' }, post.id),
    el('td', {}, post.name),
    el('td', {}, post.authority),
    el('td', {}, t(controlled.has(post.id) ? 'dashboard-yes' : 'dashboard-no'))));
  replaceRows(byId('posts-table').tBodies[0], posts, 4, t('dashboard-no-post'));
  byId('routes-list').replaceChildren(...corridor.routes.map((route) => el('li', {},
    el('strong', {}, route.name), ' ', el('span', { class: 'mono' }, `(${route.id})`),
    el('ol', { class: 'route', 'aria-label': t('dashboard-route-posts', { route: route.name }) },
      route.posts.map((post) => el('li', {}, postName(post)))))));
  if (regime) {
    byId('regime').replaceChildren(
      el('div', {}, el('dt', {}, t('dashboard-column-name')), el('dd', {}, regime.name)),
      el('div', {}, el('dt', {}, t('dashboard-regime-since')), el('dd', {}, entryLink(regime.since_entry))),
      el('div', {}, el('dt', {}, t('dashboard-regime-classes')), el('dd', {}, regime.traffic_classes.join(', ') || '–')),
      el('div', {}, el('dt', {}, t('dashboard-regime-controlled')),
        el('dd', {}, regime.controlled_posts.map(postName).join(', ') || t('dashboard-none'))));
  }
}

function renderBalances(balances) {
  const rows = balances.map((balance) => el('tr', {},
    el('th', { scope: 'row' }, accountName(balance.account)),
    el('td', { class: 'number' }, formatMoney(balance.amount_minor, balance.currency))));
  replaceRows(byId('balances-table').tBodies[0], rows, 2, t('dashboard-no-posting-yet'));
}

function renderMovements(movements) {
  const rows = movements.map((movement) => el('tr', {},
    el('th', { scope: 'row' }, movementLink(movement.mrn)),
    el('td', { class: 'nowrap not-on-phone' }, shortTimeElement(movement.declared_at_ms)),
    el('td', { class: 'nowrap not-on-phone' }, movement.carrier),
    el('td', { class: 'nowrap wide-only' }, movement.route),
    el('td', { class: 'widest-only' }, movement.traffic_class),
    el('td', { class: 'nowrap' }, statusBadge(movement.status), movement.overdue ? [' ', el('span', { class: 'status overdue' }, t('dashboard-overdue'))] : null),
    el('td', { title: movement.current_post || '' }, movement.current_post ? postShortName(movement.current_post) : '–'),
    el('td', { class: 'number' }, movement.fee_minor !== null && movement.fee_minor !== undefined && movement.fee_currency
      ? formatMoney(movement.fee_minor, movement.fee_currency) : movement.fee || '–')));
  replaceRows(byId('movements-table').tBodies[0], rows, 8, t('dashboard-no-movement-yet'));

}

// The open incidents, oldest first (the longest waiting), from `GET /v1/incidents`.
function renderIncidents(page) {
  const incidents = page.incidents.map((incident) => el('li', {}, tNodes('dashboard-incident-line', {
    status: el('span', { class: `status ${incident.status}` }, incident.status),
    kind: el('strong', {}, incident.kind),
    movement: incident.movement ? movementLink(incident.movement) : t('dashboard-incident-corridor-wide'),
    at: incident.post ? t('dashboard-incident-at-post', { post: postShortName(incident.post) }) : '',
    opened: timeElement(incident.opened_at_ms),
    entry: entryLink(incident.opened_entry),
  })));
  if (incidents.length === 0) incidents.push(el('li', { class: 'empty' }, t('dashboard-no-open-incident')));
  if (page.next) incidents.push(el('li', { class: 'empty' }, t('dashboard-oldest-shown', { count: OPEN_INCIDENTS_SHOWN })));
  byId('incidents-list').replaceChildren(...incidents);
}

/** Open contests listed, oldest first (one page of GET /v1/contests). */
const CONTESTS_SHOWN = 20;
/** Latest observations listed (one page of GET /v1/observations). */
const OBSERVATIONS_SHOWN = 10;
const OBSERVATION_CATEGORIES = {
  queue: 'dashboard-observation-queue',
  closure: 'dashboard-observation-closure',
  road_condition: 'dashboard-observation-road-condition',
  rail_condition: 'dashboard-observation-rail-condition',
  conduct: 'dashboard-observation-conduct',
  security: 'dashboard-observation-security',
  other: 'dashboard-observation-other',
};

// The mission's mandate, its open contests with how long each has waited, the automatic
// incidents and the latest signed daily reports, from `GET /v1/mission` and
// `GET /v1/contests`.
function renderMission(mission, contests, observations) {
  if (!mission) return;
  const observed = observations.observations.map((observation) => el('li', {}, tNodes(
    observation.segment_to ? 'dashboard-observation-segment' : 'dashboard-observation-post', {
      time: timeElement(observation.observed_at_ms),
      post: postShortName(observation.post),
      to: observation.segment_to ? postShortName(observation.segment_to) : '',
      category: el('strong', {}, OBSERVATION_CATEGORIES[observation.category]
        ? t(OBSERVATION_CATEGORIES[observation.category]) : observation.category),
      summary: observation.summary,
      attachments: t('dashboard-observation-attachments', { count: observation.attachments }),
      entry: entryLink(observation.entry),
    })));
  if (observed.length === 0) observed.push(el('li', { class: 'empty' }, t('dashboard-no-observation')));
  byId('observations-list').replaceChildren(...observed);
  const ends = mission.mandate_ends_ms;
  const endsText = ends === null || ends === undefined ? null : new Date(ends).toLocaleDateString(i18n.language, { dateStyle: 'long' });
  const mandate = byId('mission-mandate');
  mandate.textContent = endsText === null
    ? t('dashboard-mandate-open')
    : t(mission.mandate_ended ? 'dashboard-mandate-ended' : 'dashboard-mandate-until', { ends: endsText });
  mandate.classList.toggle('alert', mission.mandate_ended);
  byId('mission-totals').textContent = t('dashboard-mission-totals', {
    observations: mission.totals.observations,
    dissents: mission.totals.dissents,
    opened: mission.totals.contests_opened,
    overdue: mission.totals.contests_overdue,
  });
  const lines = contests.contests.map((contest) => el('li', { class: contest.overdue ? 'alert' : '' }, tNodes('dashboard-contest-line', {
    number: contest.number,
    kind: el('strong', {}, contest.act_kind),
    party: contest.party,
    entry: entryLink(contest.entry),
    reason: contest.reason,
    contester: contest.contester,
    waited: formatDuration(contest.waited_ms / 1000),
  }), contest.overdue ? t('dashboard-contest-overdue') : ''));
  if (lines.length === 0) lines.push(el('li', { class: 'empty' }, t('dashboard-no-open-contest')));
  if (contests.next) lines.push(el('li', { class: 'empty' }, t('dashboard-oldest-shown', { count: CONTESTS_SHOWN })));
  byId('contests-list').replaceChildren(...lines);
  const incidents = mission.automatic_incidents.map((incident) => el('li', {}, incident.cause === 'long_hold'
    ? tNodes('dashboard-automatic-hold', {
      number: incident.number,
      movement: movementLink(incident.mrn),
      post: postShortName(incident.post),
      opened: timeElement(incident.opened_at_ms),
    })
    : tNodes('dashboard-automatic-contest', {
      number: incident.number,
      contest: incident.contest,
      opened: timeElement(incident.opened_at_ms),
    })));
  if (incidents.length === 0) incidents.push(el('li', { class: 'empty' }, t('dashboard-no-automatic')));
  byId('automatic-list').replaceChildren(...incidents);
  // Each report opens as the node's page (or PDF) in the language the dashboard shows.
  const reportAddress = (day, form) => `/v1/reports/${encodeURIComponent(day)}/${form}?language=${encodeURIComponent(i18n.language)}`;
  const reports = mission.signed_reports.map((report) => el('li', {}, tNodes('dashboard-report-line', {
    day: el('a', { href: reportAddress(report.day, 'page'), class: 'report-page' }, report.day),
    entry: entryLink(report.entry),
    pdf: el('a', { href: reportAddress(report.day, 'pdf'), class: 'report-pdf' }, t('dashboard-report-pdf')),
  })));
  if (reports.length === 0) reports.push(el('li', { class: 'empty' }, t('dashboard-no-report')));
  // The day under way, by the log's time: its figures so far, which the mission signs once
  // the day is over.
  const today = new Date(mission.time_ms).toISOString().slice(0, 10);
  reports.unshift(el('li', { id: 'report-today' }, tNodes('dashboard-report-open-line', {
    day: el('a', { href: reportAddress(today, 'page'), class: 'report-page' }, today),
    pdf: el('a', { href: reportAddress(today, 'pdf'), class: 'report-pdf' }, t('dashboard-report-pdf')),
  })));
  byId('reports-list').replaceChildren(...reports);
}

async function refreshOverview() {
  const statistics = await getJson('/v1/statistics');
  // Before the charter there is no corridor, regime or period figure to ask for (the API
  // answers 404).
  const charted = statistics.entries > 0;
  const [corridor, regime, balances, movements, incidents, checkpointText, hours, days, mission, contests, observations] = await Promise.all([
    charted ? getJson('/v1/corridor') : null,
    charted ? getJson('/v1/regime') : null,
    getJson('/v1/accounts'),
    charted ? latestMovements() : [],
    getJson(`/v1/incidents?status=open&limit=${OPEN_INCIDENTS_SHOWN}`),
    statistics.checkpoint_size > 0 ? getText('/log/checkpoint') : null,
    charted ? periods('hour', HOUR_MS, HOURS_SHOWN) : [],
    charted ? periods('day', DAY_MS, DAYS_SHOWN) : [],
    charted ? getJson('/v1/mission') : null,
    charted ? getJson(`/v1/contests?limit=${CONTESTS_SHOWN}`) : null,
    charted ? getJson(`/v1/observations?limit=${OBSERVATIONS_SHOWN}`) : null,
  ]);
  const checkpoint = checkpointText ? parseCheckpoint(checkpointText) : null;
  renderCorridor(corridor, regime);
  renderStatus(statistics, checkpoint);
  renderFigures(statistics, regime, hours, days);
  renderEntryRate(statistics.entries);
  renderPostsNow(statistics, hours);
  renderHours(hours);
  renderFeesDays(days);
  renderBalances(balances);
  renderMovements(movements);
  renderIncidents(incidents);
  renderMission(mission, contests, observations);
  renderCheckpoint(checkpoint);
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
  byId('detail-title').textContent = t('dashboard-movement-title', { mrn });
  let answer;
  try {
    answer = await getJson(`/v1/movements/${encodeURIComponent(mrn)}`);
  } catch (error) {
    if (error.status === 404 || error.status === 400) {
      byId('detail-body').replaceChildren(el('p', { role: 'alert' }, t('dashboard-movement-unknown', { mrn, reason: error.message })));
      return;
    }
    throw error;
  }
  const movement = answer.movement;
  const visits = movement.visits.map((visit) => el('tr', {},
    el('th', { scope: 'row' }, postName(visit.post)),
    el('td', {}, t(visit.controlled ? 'dashboard-yes' : 'dashboard-no')),
    el('td', {}, timeElement(visit.arrived_at_ms)),
    el('td', {}, timeElement(visit.released_at_ms)),
    el('td', {}, timeElement(visit.departed_at_ms)),
    el('td', {}, visit.units.length === 0 ? '–' : el('ul', { class: 'plain' }, visit.units.map((unit) => el('li', {},
      el('span', { class: 'mono' }, unit.equipment), ' ',
      el('span', { class: `lane-${unit.lane}` }, t('dashboard-lane', { lane: unit.lane })),
      unit.seal ? t('dashboard-unit-seals', { seal: unit.seal }) : '',
      unit.inspection ? t('dashboard-unit-inspection', { inspection: unit.inspection }) : ''))))));
  const visitsTable = el('div', { class: 'scroll' }, el('table', {},
    el('caption', { class: 'visually-hidden' }, t('dashboard-visits')),
    el('thead', {}, el('tr', {}, ['dashboard-column-post', 'dashboard-column-controlled', 'dashboard-column-arrived',
      'dashboard-column-released', 'dashboard-column-departed-at', 'dashboard-column-units'].map((key) => el('th', { scope: 'col' }, t(key))))),
    el('tbody', {})));
  replaceRows(visitsTable.querySelector('tbody'), visits, 6, t('dashboard-not-at-post-yet'));
  const closed = (incident) => (incident.closed_entry !== null && incident.closed_entry !== undefined
    ? tNodes('dashboard-movement-incident-closed', { entry: entryLink(incident.closed_entry) })
    : [t('dashboard-movement-incident-open')]);
  const incidents = movement.incidents.map((incident) => el('li', {}, tNodes('dashboard-movement-incident', {
    number: String(incident.number),
    kind: incident.kind,
    opened: timeElement(incident.opened_at_ms),
    entry: entryLink(incident.opened_entry),
    closed: closed(incident),
  })));
  byId('detail-body').replaceChildren(
    pairs([
      [t('dashboard-column-mrn'), el('span', { class: 'mono' }, movement.mrn), 'movement-mrn'],
      [t('dashboard-column-status'), [statusBadge(movement.status), movement.overdue ? [' ', el('span', { class: 'status overdue' }, t('dashboard-overdue'))] : null]],
      [t('dashboard-column-carrier'), movement.carrier],
      [t('dashboard-column-route'), movement.route],
      [t('dashboard-field-traffic-class'), movement.traffic_class],
      [t('dashboard-column-declared'), timeElement(movement.declared_at_ms)],
      [t('dashboard-field-deadline'), timeElement(movement.deadline_ms)],
      [t('dashboard-field-at-post'), movement.current_post ? postName(movement.current_post) : '–'],
      [t('dashboard-field-gross-mass'), t('dashboard-kilograms', { mass: movement.gross_mass_kg })],
      [t('dashboard-column-fee'), movement.fee || t('dashboard-not-assessed')],
    ]),
    section(t('dashboard-equipment'), el('ul', { class: 'plain' }, movement.equipment.map((id) => el('li', { class: 'mono' }, id)))),
    section(t('dashboard-visits'), visitsTable),
    section(t('dashboard-incidents'), incidents.length ? el('ul', { class: 'plain' }, incidents) : el('p', { class: 'empty' }, t('dashboard-none-sentence'))),
    section(t('dashboard-history'),
      el('p', { class: 'note' }, t('dashboard-history-note')),
      el('ul', { class: 'entries', id: 'movement-history' }, answer.history.map((index) => el('li', {}, entryLink(index))))));
}

async function showEntry(index) {
  byId('detail-title').textContent = t('dashboard-entry-title', { index });
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
      [t('dashboard-field-index'), String(entry.index), 'entry-index-shown'],
      [t('dashboard-field-statement'), entry.kind || t('dashboard-unknown')],
      [t('dashboard-field-sequenced-at'), timeElement(entry.sequenced_at_ms)],
      [t('dashboard-field-raw'), el('a', { href: `/v1/entries/${entry.index}` }, t('dashboard-entry-json'))],
    ]),
    section(t('dashboard-inclusion-proof'),
      entry.checkpoint
        ? [el('p', { class: 'note' }, t('dashboard-proof-note', { count: entry.inclusion_proof.length })),
          el('pre', {}, entry.checkpoint),
          el('ol', {}, entry.inclusion_proof.map((hash) => el('li', {}, el('code', {}, hash))))]
        : el('p', {}, t('dashboard-no-covering-checkpoint'))),
    el('details', {}, el('summary', {}, t('dashboard-entry-bytes')), el('pre', {}, entry.entry)));
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
    byId('detail-body').replaceChildren(el('p', { class: 'empty' }, t('dashboard-loading')));
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
    const time = new Date().toLocaleTimeString(i18n.language, { timeStyle: 'medium' });
    setStatus(t(view.paused ? 'dashboard-paused-at' : 'dashboard-updated-at', { time }));
  } catch (error) {
    view.delay = Math.min(view.delay * 2, REFRESH_MS_MAX);
    const message = error instanceof RequestError ? `${error.path}: ${error.message}` : String(error);
    byId('error').textContent = t('dashboard-update-error', { reason: message, seconds: Math.round(view.delay / 1000) });
    byId('error').hidden = false;
    setStatus(t('dashboard-update-failed'));
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
      input.setCustomValidity(t('dashboard-search-invalid'));
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
    event.target.textContent = t(view.paused ? 'dashboard-resume' : 'dashboard-pause');
    if (view.paused) {
      clearTimeout(view.timer);
      setStatus(t('dashboard-updates-paused'));
    } else {
      update();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(view.timer);
    else if (!view.paused) update();
  });
  window.addEventListener('hashchange', showRoute);
  byId('language-choice').addEventListener('change', (event) => {
    const language = event.target.value;
    if (!LANGUAGES.includes(language)) return;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch (_) {
      // Not kept (storage refused): the choice holds for this visit.
    }
    useLanguage(language).then(update, (error) => {
      byId('error').textContent = String(error);
      byId('error').hidden = false;
    });
  });
  useLanguage(chosenLanguage()).catch((error) => {
    // Without texts the page keeps the English written in it, and says why.
    byId('error').textContent = `${error.path || ''}: ${error.message}`;
    byId('error').hidden = false;
  }).finally(showRoute);
}

start();
