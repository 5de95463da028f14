// Passage post terminal: a person's signing key kept in this browser, and the acts they
// record (a carrier's declaration; an officer's arrival, seal check and release), each
// built into its canonical bytes here (encoding.js), shown in words before it is signed,
// signed here and sent to this node. Plain JavaScript, no framework, no other origin (the
// Content-Security-Policy forbids both). Every text of the page's own comes from the
// translation files, served as /terminal/texts/{language}.json; text from the node goes
// in through textContent only.
//
// Offline: a signed act is first kept in the browser's database, then sent; acts are sent
// in the order they were signed, one at a time, and an act the node cannot be reached for
// stays (with every act signed after it) until the connection is back. Sending the same
// signed bytes again is harmless: the node answers with the entry that holds them. A
// service worker (sw.js) keeps the page's files, so the terminal opens without a network.

import * as encoding from './encoding.js';

/** A request that takes longer is abandoned: the connection at a post is unreliable. */
const REQUEST_TIMEOUT_MS = 15000;
/** The languages the node serves texts in, and the one used when none is chosen. */
const LANGUAGES = ['hy', 'az', 'ru', 'en'];
const LANGUAGE_DEFAULT = 'en';
/** Where the person's choice of language is kept in the browser. */
const LANGUAGE_STORAGE_KEY = 'passage.terminal.language';
/** Where the node's last answer about a key's enrolment is kept, so acts can be recorded offline. */
const ENROLMENT_STORAGE_PREFIX = 'passage.terminal.enrolment.';
/** The browser's database holding the signing key, and its one record. */
const DATABASE = 'passage-terminal';
const KEY_STORE = 'keys';
const KEY_RECORD = 'signer';
/** The acts signed and not yet answered, in the order they were signed. */
const QUEUE_STORE = 'queue';
/** Pause between two attempts to send the waiting acts while the node cannot be reached. */
const RETRY_MS = 15000;
/** Most acts kept waiting: a shift offline at a busy post, with room to spare. */
const QUEUE_MAX = 2000;
/** Most bytes of a key file read: 64 hex digits and a line feed, with room for spaces. */
const KEY_FILE_BYTES_MAX = 256;
/** Most units and goods items the form offers (the encoding allows 999 of each). */
const FORM_ROWS_MAX = 99;

/** The key of each word's name in the translation files. */
const WORD_NAMES = {
  customs: 'terminal-role-customs',
  border_guard: 'terminal-role-border-guard',
  monitor: 'terminal-role-monitor',
  authority: 'terminal-holder-authority',
  officer: 'terminal-holder-officer',
  carrier: 'terminal-holder-carrier',
  guarantor: 'terminal-holder-guarantor',
  cargo_rail: 'terminal-class-cargo-rail',
  cargo_road: 'terminal-class-cargo-road',
  passengers: 'terminal-class-passengers',
  intact: 'terminal-condition-intact',
  broken: 'terminal-condition-broken',
  mismatch: 'terminal-condition-mismatch',
};
/** A unit's name, by the kind of its identifier. */
const UNIT_NAMES = {
  container: 'terminal-unit-container',
  uic_wagon: 'terminal-unit-uic-wagon',
  wagon_1520: 'terminal-unit-wagon-1520',
  truck: 'terminal-unit-truck',
  trailer: 'terminal-unit-trailer',
};
/** What the encoder's problem codes say, for a field. */
const PROBLEMS = {
  missing: 'terminal-problem-missing',
  not_hex: 'terminal-problem-not-hex',
  wrong_length: 'terminal-problem-wrong-length',
  not_a_number: 'terminal-problem-not-a-number',
  out_of_range: 'terminal-problem-out-of-range',
  too_long: 'terminal-problem-too-long',
  too_short: 'terminal-problem-too-short',
  bad_identifier: 'terminal-problem-bad-identifier',
  unknown_word: 'terminal-problem-unknown-word',
  bad_format: 'terminal-problem-bad-format',
  bad_check_digit: 'terminal-problem-bad-check-digit',
  container_size: 'terminal-problem-container-size',
};
/** The node's refusals a person at a post meets, in their words; others name their code. */
const REFUSALS = {
  unknown_signer: 'terminal-refusal-unknown-signer',
  revoked_key: 'terminal-refusal-revoked-key',
  bad_signature: 'terminal-refusal-bad-signature',
  malformed: 'terminal-refusal-malformed',
  not_a_carrier: 'terminal-refusal-not-a-carrier',
  not_an_officer: 'terminal-refusal-not-an-officer',
  role_not_allowed: 'terminal-refusal-role-not-allowed',
  not_posted_here: 'terminal-refusal-not-posted-here',
  unknown_post: 'terminal-refusal-unknown-post',
  unknown_route: 'terminal-refusal-unknown-route',
  traffic_class_not_allowed: 'terminal-refusal-traffic-class-not-allowed',
  mode_mismatch: 'terminal-refusal-mode-mismatch',
  invalid_declaration: 'terminal-refusal-invalid-declaration',
  unknown_movement: 'terminal-refusal-unknown-movement',
  wrong_status: 'terminal-refusal-wrong-status',
  off_itinerary: 'terminal-refusal-off-itinerary',
  out_of_order: 'terminal-refusal-out-of-order',
  not_at_post: 'terminal-refusal-not-at-post',
  unknown_equipment: 'terminal-refusal-unknown-equipment',
  not_controlled: 'terminal-refusal-not-controlled',
  seals_differ: 'terminal-refusal-seals-differ',
  seals_match: 'terminal-refusal-seals-match',
  controls_pending: 'terminal-refusal-controls-pending',
  lane_pending: 'terminal-refusal-lane-pending',
  recorded_in_future: 'terminal-refusal-recorded-in-future',
  recorded_too_long_ago: 'terminal-refusal-recorded-too-long-ago',
  guarantee_required: 'terminal-refusal-guarantee-required',
  unknown_guarantee: 'terminal-refusal-unknown-guarantee',
  guarantee_insufficient: 'terminal-refusal-guarantee-insufficient',
  unavailable: 'terminal-refusal-unavailable',
};

const view = {
  signer: null,
  enrolment: null,
  corridor: null,
  pending: null,
};

// ---------------------------------------------------------------- texts

const i18n = { language: LANGUAGE_DEFAULT, texts: {}, plural: new Intl.PluralRules('en') };

function chosenLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch (_) {
    // Storage refused: fall back to the browser's languages.
  }
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return LANGUAGE_DEFAULT;
}

/** The message `key` with `{name}` filled from `args`. */
function t(key, args = {}) {
  let message = i18n.texts[key];
  if (message === undefined) {
    console.error(`no text ${key} in ${i18n.language}`);
    return key;
  }
  if (typeof message === 'object') {
    const count = Number(args[message.select]);
    const variants = message.variants;
    message = variants[String(count)] ?? variants[i18n.plural.select(count)]
      ?? variants[message.default];
  }
  return message.replace(/\{(\w+)\}/g, (_, name) => {
    const value = args[name];
    if (value === undefined || value === null) return '';
    return typeof value === 'number' ? new Intl.NumberFormat(i18n.language).format(value)
      : String(value);
  });
}

/** An enum word in the person's language (the word itself if the page has no name for it). */
function word(value) {
  return WORD_NAMES[value] ? t(WORD_NAMES[value]) : value;
}

function unitName(id) {
  return UNIT_NAMES[id.kind] ? t(UNIT_NAMES[id.kind], { id: id.id }) : `${id.kind} ${id.id}`;
}

async function loadTexts(language) {
  const response = await request(`/terminal/texts/${language}.json`);
  if (!response.ok) throw new Error(`texts ${language}: ${response.status}`);
  i18n.texts = await response.json();
  i18n.language = language;
  i18n.plural = new Intl.PluralRules(language);
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  document.title = t('terminal-page-title');
}

// ---------------------------------------------------------------- the page

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text, never markup). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function show(id, visible) {
  $(id).hidden = !visible;
}

/**
 * Shows a message in the element `id`: `text` is a string, or a function giving it in the
 * language chosen, which is called again when the person picks another language.
 */
function say(id, text, tone = '') {
  const render = typeof text === 'function' ? text : () => text;
  said.set(id, { render, tone });
  const element = $(id);
  element.textContent = render();
  element.dataset.tone = tone;
}

/** What say() showed in each element, to write again in another language. */
const said = new Map();

function sayAgain() {
  for (const [id, { render }] of said) $(id).textContent = render();
}

async function request(path, options = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await fetch(path, { ...options, signal: controller.signal, cache: 'no-store' });
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- the key

function openDatabase() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 2);
    opening.onupgradeneeded = () => {
      const database = opening.result;
      if (!database.objectStoreNames.contains(KEY_STORE)) database.createObjectStore(KEY_STORE);
      if (!database.objectStoreNames.contains(QUEUE_STORE)) {
        database.createObjectStore(QUEUE_STORE, { autoIncrement: true });
      }
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function keyStore(mode, act, store = KEY_STORE) {
  const database = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(store, mode);
      const done = act(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(done.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** Keeps the signer in the browser's database: the private key as a non-extractable key. */
function saveSigner(signer) {
  return keyStore('readwrite', (store) => store.put(signer, KEY_RECORD));
}

function loadSigner() {
  return keyStore('readonly', (store) => store.get(KEY_RECORD));
}

function forgetSigner() {
  return keyStore('readwrite', (store) => store.delete(KEY_RECORD));
}

// ---------------------------------------------------------------- the acts waiting

/** Keeps a signed act until the node answers it: `{body, kind, fields, openings}`. */
function enqueue(act) {
  return keyStore('readwrite', (store) => store.add(act), QUEUE_STORE);
}

/** The acts waiting, oldest first, as `[number, act]`. */
async function waiting() {
  const keys = await keyStore('readonly', (store) => store.getAllKeys(), QUEUE_STORE);
  const acts = await keyStore('readonly', (store) => store.getAll(), QUEUE_STORE);
  return keys.map((key, index) => [key, acts[index]]);
}

function unqueue(key) {
  return keyStore('readwrite', (store) => store.delete(key), QUEUE_STORE);
}

const sending = { running: false, again: false, timer: null };

/**
 * Sends the waiting acts in order, one at a time. An answer (acknowledged or refused) takes
 * the act off the queue and is shown; no answer (no network, the node busy or changing
 * over) stops the round, and another is tried after RETRY_MS or when the browser is online.
 */
async function sendWaiting() {
  if (sending.running) {
    sending.again = true;
    return;
  }
  sending.running = true;
  clearTimeout(sending.timer);
  try {
    for (const [key, act] of await waiting()) {
      let response;
      try {
        response = await request('/v1/statements', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(act.body),
        });
      } catch (_) {
        response = null;
      }
      if (!response || response.status >= 500) {
        say('answer', () => t('terminal-answer-unreachable'), 'warn');
        sending.timer = setTimeout(sendWaiting, RETRY_MS);
        break;
      }
      let answer = {};
      try {
        answer = await response.json();
      } catch (_) {
        answer = {};
      }
      await unqueue(key);
      showAnswer(act, response.ok, answer);
    }
  } finally {
    sending.running = false;
    await showWaiting();
    if (sending.again) {
      sending.again = false;
      sendWaiting();
    }
  }
}

async function showWaiting() {
  const acts = await waiting();
  $('queue-list').replaceChildren(...acts.map(([, act]) =>
    el('li', { text: describe(act).join(' ') })));
  show('queue', acts.length > 0);
  if (acts.length > 0) say('queue-count', () => t('terminal-queued', { count: acts.length }));
}

async function makeKey() {
  const signer = { ...(await encoding.generateKey()), origin: 'made' };
  await saveSigner(signer);
  await useSigner(signer);
}

async function importKeyFile(file) {
  say('key-problem', '');
  if (file.size > KEY_FILE_BYTES_MAX) {
    say('key-problem', () => t('terminal-key-file-invalid'), 'bad');
    return;
  }
  const text = (await file.text()).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    say('key-problem', () => t('terminal-key-file-invalid'), 'bad');
    return;
  }
  const signer = { ...(await encoding.importSeed(text)), origin: 'imported' };
  await saveSigner(signer);
  await useSigner(signer);
}

async function useSigner(signer) {
  view.signer = signer || null;
  view.enrolment = null;
  show('key-none', !signer);
  show('key-present', Boolean(signer));
  show('forget-key-confirm', false);
  $('import-key').value = '';
  if (signer) {
    $('public-key').textContent = encoding.toHex(signer.publicKey);
    say('key-origin', () => t(signer.origin === 'imported' ? 'terminal-key-imported' : 'terminal-key-made'));
    await checkEnrolment();
  } else {
    $('public-key').textContent = '';
    say('enrolment-status', '');
    renderEnrolment();
  }
}

// ---------------------------------------------------------------- what the charter gives it

async function checkEnrolment() {
  if (!view.signer) return;
  const key = encoding.toHex(view.signer.publicKey);
  say('enrolment-status', () => t('terminal-checking'));
  try {
    const response = await request(`/v1/keys/${key}`);
    if (response.status === 404) {
      view.enrolment = null;
      remember(ENROLMENT_STORAGE_PREFIX + key, null);
      renderEnrolment();
      say('enrolment-status', () => t('terminal-not-enrolled'), 'warn');
      return;
    }
    if (!response.ok) throw new Error(String(response.status));
    view.enrolment = await response.json();
    remember(ENROLMENT_STORAGE_PREFIX + key, JSON.stringify(view.enrolment));
    renderEnrolment();
  } catch (_) {
    // Offline at a post: what the node said when last reached lets acts be signed and kept;
    // the node checks the enrolment again when they reach it.
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(ENROLMENT_STORAGE_PREFIX + key));
    } catch (_) {
      kept = null;
    }
    if (kept && kept.key === key) {
      view.enrolment = kept;
      renderEnrolment();
      say('enrolment-status', () => t('terminal-enrolment-as-last-read'), 'warn');
    } else {
      say('enrolment-status', () => t('terminal-unreachable'), 'bad');
    }
  }
}

/** Keeps `value` in the browser's storage under `name` (removes it for null), if allowed. */
function remember(name, value) {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, value);
  } catch (_) {
    // Storage refused: the enrolment is read from the node each time.
  }
}

function renderEnrolment() {
  const details = $('enrolment-details');
  details.replaceChildren();
  const enrolment = view.enrolment;
  show('acts', Boolean(enrolment) && !enrolment.revoked_at_entry
    && (enrolment.holder === 'carrier' || enrolment.holder === 'officer'));
  if (!enrolment) return;
  const rows = [
    ['terminal-holder', word(enrolment.holder) + (enrolment.name ? ` ${enrolment.name}` : '')],
    ['terminal-party', enrolment.party],
  ];
  if (enrolment.role) rows.push(['terminal-role', word(enrolment.role)]);
  if (enrolment.holder === 'officer') {
    rows.push(['terminal-posts', enrolment.posts.join(', ') || t('terminal-no-posts')]);
  }
  rows.push(['terminal-since-entry', String(enrolment.since_entry)]);
  for (const [key, value] of rows) {
    details.append(el('dt', { text: t(key) }), el('dd', { text: value, 'data-field': key }));
  }
  if (enrolment.revoked_at_entry) {
    say('enrolment-status', () => t('terminal-revoked', { entry: enrolment.revoked_at_entry }), 'bad');
  } else {
    say('enrolment-status', () => t('terminal-enrolled'), 'good');
  }
  const carrier = enrolment.holder === 'carrier';
  show('form-declare', carrier);
  show('form-post-act', !carrier);
  const posts = $('act-post');
  posts.replaceChildren(...(enrolment.posts || []).map((post) => el('option', { value: post, text: post })));
}

// ---------------------------------------------------------------- the forms

async function loadCorridor() {
  try {
    const response = await request('/v1/corridor');
    if (!response.ok) return;
    view.corridor = await response.json();
    $('declare-route').replaceChildren(...view.corridor.routes.map((route) =>
      el('option', { value: route.id, text: `${route.id} — ${route.name}` })));
  } catch (_) {
    // The corridor is read again with the next page load; the route can still be typed.
  }
}

function equipmentRow() {
  const kind = el('select', { class: 'unit-kind', 'aria-label': t('terminal-unit-kind') },
    ...Object.keys(UNIT_NAMES).map((value) =>
      el('option', { value, text: t(UNIT_NAMES[value], { id: '' }).trim() })));
  kind.value = 'truck';
  const size = el('select', { class: 'unit-size', 'aria-label': t('terminal-unit-size') },
    el('option', { value: '', text: '—' }),
    ...encoding.WORDS.container_size.map((value) => el('option', { value, text: value })));
  return el('li', {},
    kind,
    el('input', { class: 'unit-id', 'aria-label': t('terminal-unit-id'), autocomplete: 'off' }),
    size,
    el('input', { class: 'unit-seals', 'aria-label': t('terminal-unit-seals'),
      placeholder: t('terminal-unit-seals'), autocomplete: 'off' }));
}

function goodsRow() {
  const field = (name, label) =>
    el('input', { class: name, 'aria-label': t(label), placeholder: t(label), autocomplete: 'off' });
  return el('li', {},
    field('goods-unit', 'terminal-goods-unit'),
    field('goods-hs', 'terminal-goods-hs'),
    field('goods-mass', 'terminal-goods-mass'),
    field('goods-origin', 'terminal-goods-origin'),
    field('goods-description', 'terminal-goods-description'),
    field('goods-value', 'terminal-goods-value'));
}

function addRow(list, make) {
  if ($(list).children.length < FORM_ROWS_MAX) $(list).append(make());
}

const splitList = (text) => text.split(/[\s,;]+/).filter(Boolean);
const value = (element, selector) => element.querySelector(selector).value.trim();

/**
 * The declaration the form describes, with fresh salts for its commitments: the fields
 * the encoder takes and the openings the node keeps (consignee, each item's description
 * and value, the driver).
 */
async function declarationFromForm() {
  const openings = [];
  const commitTo = async (field, payload) => {
    const salt = encoding.freshSalt();
    const commitment = await encoding.commit(salt, payload);
    openings.push({ field, salt, payload });
    return encoding.toHex(commitment);
  };
  const equipment = [...$('declare-equipment').children].map((row) => ({
    id: { kind: value(row, '.unit-kind'), id: value(row, '.unit-id').toUpperCase() },
    container_size: value(row, '.unit-size') || null,
    seals: splitList(value(row, '.unit-seals')),
  }));
  const goods = [];
  for (const [index, row] of [...$('declare-goods').children].entries()) {
    const unit = value(row, '.goods-unit').toUpperCase();
    const position = equipment.findIndex((item) => item.id.id === unit);
    goods.push({
      equipment_index: position < 0 ? -1 : position,
      hs_code: value(row, '.goods-hs'),
      gross_mass_kg: value(row, '.goods-mass'),
      origin: value(row, '.goods-origin').toUpperCase(),
      description: await commitTo(`goods/${index}/description`, value(row, '.goods-description')),
      value: await commitTo(`goods/${index}/value`, value(row, '.goods-value')),
    });
  }
  const holder = $('declare-holder').value.trim();
  const driver = $('declare-driver').value.trim();
  const guarantee = $('declare-guarantee').value.trim();
  const declaration = {
    route: $('declare-route').value,
    traffic_class: $('declare-class').value,
    equipment,
    goods,
    passenger_count: 0,
    consignee: await commitTo('consignee', $('declare-consignee').value.trim()),
    particulars: holder ? {
      holder,
      transport_documents: [],
      driver: driver ? await commitTo('driver', driver) : null,
    } : null,
    guarantee: guarantee || null,
  };
  return { kind: 'declare', fields: { declaration }, openings };
}

function postActFromForm() {
  const kind = $('act-kind').value;
  const fields = { mrn: $('act-mrn').value.trim().toUpperCase(), post: $('act-post').value };
  if (kind === 'seal_check') {
    fields.equipment = { kind: $('act-unit-kind').value, id: $('act-unit-id').value.trim().toUpperCase() };
    fields.condition = $('act-condition').value;
    fields.seals_found = splitList($('act-seals').value);
  }
  return { kind, fields, openings: [] };
}

// ---------------------------------------------------------------- in words, before signing

/** The act in the person's words: a list of sentences. */
function describe(act) {
  const { kind, fields } = act;
  if (kind === 'declare') {
    const declaration = fields.declaration;
    const lines = [t('terminal-review-declare', {
      route: declaration.route, class: word(declaration.traffic_class),
    })];
    for (const unit of declaration.equipment) {
      const name = unitName(unit.id) + (unit.container_size ? ` (${unit.container_size})` : '');
      lines.push(unit.seals.length
        ? t('terminal-review-unit', { unit: name, seals: unit.seals.join(', ') })
        : t('terminal-review-unit-no-seals', { unit: name }));
    }
    declaration.goods.forEach((item, index) => {
      const unit = declaration.equipment[item.equipment_index];
      lines.push(t('terminal-review-goods', {
        number: index + 1,
        code: item.hs_code,
        mass: Number(item.gross_mass_kg),
        origin: item.origin,
        unit: unit ? unitName(unit.id) : '?',
      }));
    });
    if (declaration.guarantee) {
      lines.push(t('terminal-review-guarantee', { guarantee: declaration.guarantee }));
    }
    if (declaration.particulars) {
      lines.push(t('terminal-review-holder', { holder: declaration.particulars.holder }));
    }
    lines.push(t('terminal-review-confidential', { count: act.openings.length }));
    return lines;
  }
  if (kind === 'arrive') return [t('terminal-review-arrive', fields)];
  if (kind === 'release') return [t('terminal-review-release', fields)];
  if (kind === 'depart') return [t('terminal-review-depart', fields)];
  if (kind === 'seal_check') {
    return [t('terminal-review-seal-check', {
      ...fields,
      unit: unitName(fields.equipment),
      condition: word(fields.condition),
      seals: fields.seals_found.join(', ') || t('terminal-no-seals'),
    })];
  }
  return [kind];
}

function problemText(error) {
  if (error instanceof encoding.EncodeError && PROBLEMS[error.problem]) {
    return t(PROBLEMS[error.problem], { field: error.field });
  }
  return String(error.message || error);
}

/** Builds the act's bytes, then shows it in words with its bytes and id: nothing is signed yet. */
async function review(act) {
  say('form-problem', '');
  say('answer', '');
  const recordedAt = Date.now();
  let statement;
  try {
    statement = encoding.encodeStatement(act.kind, recordedAt, act.fields);
  } catch (error) {
    say('form-problem', () => problemText(error), 'bad');
    return;
  }
  view.pending = { ...act, recordedAt, statement };
  const id = await encoding.statementId(view.signer.publicKey, statement);
  $('review-words').replaceChildren(...describe(act).map((line) => el('li', { text: line })));
  $('review-signer').textContent = t('terminal-review-signer', {
    key: encoding.toHex(view.signer.publicKey).slice(0, 16),
    time: new Date(recordedAt).toLocaleString(i18n.language),
  });
  $('review-bytes').textContent = encoding.toHex(statement);
  $('review-id').textContent = encoding.toHex(id);
  show('review', true);
  $('sign-and-send').disabled = false;
  $('review').scrollIntoView({ block: 'nearest' });
}

/**
 * Signs the bytes shown (never bytes from elsewhere), keeps the signed act with the
 * openings of its commitments in the browser, then sends the waiting acts.
 */
async function signAndSend() {
  const pending = view.pending;
  if (!pending) return;
  if ((await waiting()).length >= QUEUE_MAX) {
    say('answer', () => t('terminal-queue-full'), 'bad');
    return;
  }
  $('sign-and-send').disabled = true;
  const signature = await encoding.signStatement(view.signer.privateKey, pending.statement);
  const envelope = encoding.encodeEnvelope(view.signer.publicKey, signature, pending.statement);
  const body = {
    statement: encoding.toBase64(envelope),
    payloads: pending.openings.map((opening) => ({
      field: opening.field,
      salt: encoding.toBase64(opening.salt),
      payload: encoding.toBase64(new TextEncoder().encode(opening.payload)),
    })),
  };
  await enqueue({ body, kind: pending.kind, fields: pending.fields, openings: pending.openings });
  view.pending = null;
  show('review', false);
  say('answer', () => t('terminal-answer-sending'));
  await sendWaiting();
}

/** The node's answer to an act: its entry (and a declaration's MRN), or its refusal. */
function showAnswer(act, acknowledged, answer) {
  $('answer-detail').textContent = '';
  delete $('answer').dataset.refusal;
  const words = describe(act)[0];
  if (acknowledged) {
    const declared = (answer.events || []).map((event) => /^([0-9A-Z]{18}) declared$/.exec(event))
      .find(Boolean);
    say('answer', () => {
      const kind = answer.duplicate ? 'terminal-answer-duplicate' : 'terminal-answer-acknowledged';
      const lines = [t(kind, { index: answer.index })];
      if (declared) lines.push(t('terminal-answer-declared', { mrn: declared[1] }));
      return lines.join(' ');
    }, 'good');
    if (declared) $('answer-mrn').textContent = declared[1];
    $('answer').dataset.entry = String(answer.index);
  } else {
    const code = String(answer.error || 'refused');
    say('answer', () => t('terminal-answer-refused', {
      reason: REFUSALS[code] ? t(REFUSALS[code]) : t('terminal-refusal-other', { code }),
    }), 'bad');
    $('answer').dataset.refusal = code;
    // The node's own words (in English) add what the translated reason cannot say: which
    // field of a declaration, or a refusal the terminal has no words for.
    if (!REFUSALS[code] || code === 'invalid_declaration') {
      $('answer-detail').textContent = String(answer.message || '');
    }
  }
  $('answer-act').textContent = words;
}

// ---------------------------------------------------------------- start

function wire() {
  $('language-choice').addEventListener('change', async (event) => {
    const language = event.target.value;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch (_) {
      // Not kept; the page still changes.
    }
    await loadTexts(language);
    if (view.enrolment) renderEnrolment();
    sayAgain();
    await showWaiting();
    if (view.pending) {
      $('review-words').replaceChildren(...describe(view.pending).map((line) => el('li', { text: line })));
    }
  });
  $('make-key').addEventListener('click', () => makeKey());
  $('import-key').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) importKeyFile(file);
  });
  $('forget-key').addEventListener('click', () => show('forget-key-confirm', true));
  $('forget-key-confirm').addEventListener('click', async () => {
    await forgetSigner();
    await useSigner(null);
  });
  $('check-enrolment').addEventListener('click', () => checkEnrolment());
  $('add-unit').addEventListener('click', () => addRow('declare-equipment', equipmentRow));
  $('add-goods').addEventListener('click', () => addRow('declare-goods', goodsRow));
  $('act-kind').addEventListener('change', () => show('seal-fields', $('act-kind').value === 'seal_check'));
  $('form-declare').addEventListener('submit', async (event) => {
    event.preventDefault();
    await review(await declarationFromForm());
  });
  $('form-post-act').addEventListener('submit', async (event) => {
    event.preventDefault();
    await review(postActFromForm());
  });
  $('sign-and-send').addEventListener('click', () => signAndSend());
  $('send-now').addEventListener('click', () => sendWaiting());
  window.addEventListener('online', () => sendWaiting());
  $('edit').addEventListener('click', () => {
    view.pending = null;
    show('review', false);
  });
}

async function start() {
  const language = chosenLanguage();
  $('language-choice').value = language;
  await loadTexts(language);
  wire();
  $('declare-equipment').append(equipmentRow());
  $('declare-goods').append(goodsRow());
  show('seal-fields', $('act-kind').value === 'seal_check');
  await loadCorridor();
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB) {
    say('key-problem', () => t('terminal-no-crypto'), 'bad');
    return;
  }
  await useSigner(await loadSigner());
  await sendWaiting();
  if (navigator.serviceWorker) {
    navigator.serviceWorker.register('/terminal/sw.js').catch((error) =>
      console.warn(`the terminal's files are not kept for offline use: ${error}`));
  }
  document.body.dataset.ready = 'true';
}

start();
