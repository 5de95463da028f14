// Passage statement encoding, version 1, in the browser: the canonical bytes of every
// statement kind as crates/core/ENCODING.md defines them, the signature over them
// (WebCrypto Ed25519), the statement's id and salted commitments. A plain ES module with no
// dependency, loaded as it is by the post terminal and by Node's test runner, which checks
// it byte for byte against the vectors the core writes (test/vectors.json).
//
// A statement is given as its kind's word (`arrive`), its recorded time and its fields as
// a plain object, the way the vectors write them: identifiers, MRNs, currencies and enum
// words as strings; keys, commitments, roots and proofs as hexadecimal strings (or bytes);
// 64-bit numbers as decimal strings, numbers or BigInts; an equipment id as
// `{kind, id}`; an incident's place as `{kind: 'post', post}` or
// `{kind: 'segment', from, to, position_m}`. Each kind is one line of the table KINDS:
// its tag and its fields in order, each with its codec.
//
// Bad input is refused with an EncodeError naming the field and a problem code (the
// terminal translates the code); nothing is signed that the core would not decode.

/** The statement encoding's version byte. */
export const STATEMENT_VERSION = 1;
/** The signed-statement envelope's version byte. */
export const ENVELOPE_VERSION = 1;
/** Most bytes in a statement, so that its log entry fits in 65,535. */
export const STATEMENT_BYTES_MAX = 65535 - (1 + 8 + 1 + 32 + 64 + 2);
/** Most bytes in a charter or regime document. */
export const DOCUMENT_BYTES_MAX = 60000;
/** Most equipment and goods items in a declaration, detained units and transhipments. */
export const EQUIPMENT_MAX = 999;
/** Most seals on one unit. */
export const SEALS_MAX = 99;
/** Most posts one officer is enrolled at. */
export const POSTS_MAX = 64;
/** Most bytes in a carrier's or guarantor's name. */
export const NAME_BYTES_MAX = 128;
/** Most transport documents in a declaration. */
export const TRANSPORT_DOCUMENTS_MAX = 99;
/** Most draws in one statement, and VRF proofs in one draw (one per party). */
export const DRAWS_MAX = 32;
export const PROOFS_MAX = 16;

const encoder = new TextEncoder();

/** The bytes signed before a statement's: `passage statement v1` and a line feed. */
export const SIGNATURE_CONTEXT = encoder.encode('passage statement v1\n');
/** The bytes hashed before a commitment's salt and payload. */
export const COMMITMENT_CONTEXT = encoder.encode('passage commitment v1\n');

/** Why a statement cannot be encoded: `field` is the path of the field, `problem` a code. */
export class EncodeError extends Error {
  constructor(field, problem, detail = '') {
    super(`${field}: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'EncodeError';
    this.field = field;
    this.problem = problem;
  }
}

// ---------------------------------------------------------------- bytes

/** Lower-case hexadecimal of bytes. */
export function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Bytes of hexadecimal text; `length`, when given, is the number of bytes required. */
export function fromHex(text, length, field = 'hex') {
  if (typeof text !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(text)) {
    throw new EncodeError(field, 'not_hex');
  }
  if (length !== undefined && text.length !== 2 * length) {
    throw new EncodeError(field, 'wrong_length', `${length} bytes`);
  }
  const bytes = new Uint8Array(text.length / 2);
  for (let index = 0; index < bytes.length; index += 1) {
    bytes[index] = parseInt(text.slice(2 * index, 2 * index + 2), 16);
  }
  return bytes;
}

/** Standard base64 (padded) of bytes, as the node's API takes them. */
export function toBase64(bytes) {
  let text = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

/** The bytes of the parts, one after the other. */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function bytesOf(value, length, field) {
  if (value instanceof Uint8Array) {
    if (value.length !== length) throw new EncodeError(field, 'wrong_length', `${length} bytes`);
    return value;
  }
  return fromHex(value, length, field);
}

/** Appends canonical encodings to a growing buffer. */
class Writer {
  constructor() {
    this.bytes = new Uint8Array(256);
    this.length = 0;
  }

  room(count) {
    if (this.length + count <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + count) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u8(value) {
    this.room(1);
    this.bytes[this.length] = value;
    this.length += 1;
  }

  fixed(bytes) {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** `count` bytes, big-endian, of a non-negative BigInt below 2^(8 count). */
  bigEndian(value, count) {
    for (let shift = BigInt(8 * (count - 1)); shift >= 0n; shift -= 8n) {
      this.u8(Number((value >> shift) & 0xffn));
    }
  }

  result() {
    return this.bytes.slice(0, this.length);
  }
}

// ---------------------------------------------------------------- primitive codecs
//
// A codec is a function (writer, value, field) that appends the value's encoding or
// throws an EncodeError naming `field`.

function integer(value, field, min, max) {
  let big;
  try {
    if (typeof value === 'bigint') big = value;
    else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
    else if (typeof value === 'string' && /^-?[0-9]{1,20}$/.test(value)) big = BigInt(value);
  } catch (_) {
    big = undefined;
  }
  if (big === undefined) throw new EncodeError(field, 'not_a_number');
  if (big < min || big > max) throw new EncodeError(field, 'out_of_range');
  return big;
}

const unsigned = (bits) => (writer, value, field) =>
  writer.bigEndian(integer(value, field, 0n, (1n << BigInt(bits)) - 1n), bits / 8);

const u8 = unsigned(8);
const u16 = unsigned(16);
const u32 = unsigned(32);
const u64 = unsigned(64);

function i64(writer, value, field) {
  const big = integer(value, field, -(1n << 63n), (1n << 63n) - 1n);
  writer.bigEndian(BigInt.asUintN(64, big), 8);
}

/** A `u16` count, for lists and byte strings. */
function count(writer, value, field, max) {
  if (value > max) throw new EncodeError(field, 'too_long', `at most ${max}`);
  u16(writer, value, field);
}

const text16 = (max) => (writer, value, field) => {
  if (typeof value !== 'string') throw new EncodeError(field, 'missing');
  const bytes = encoder.encode(value);
  count(writer, bytes.length, field, max);
  writer.fixed(bytes);
};

const fixed = (length) => (writer, value, field) => writer.fixed(bytesOf(value, length, field));
const key = fixed(32);
const commitment = fixed(32);

const IDENT_PATTERN = /^[A-Za-z0-9._:/-]{1,32}$/;

function ident(writer, value, field) {
  if (typeof value !== 'string' || !IDENT_PATTERN.test(value)) {
    throw new EncodeError(field, 'bad_identifier');
  }
  writer.u8(value.length);
  writer.fixed(encoder.encode(value));
}

/** A `tag` from the enum's words, in tag order. */
const word = (words) => (writer, value, field) => {
  const tag = words.indexOf(value);
  if (tag < 0) throw new EncodeError(field, 'unknown_word', words.join(', '));
  writer.u8(tag);
};

const list = (codec, max, min = 0) => (writer, value, field) => {
  if (!Array.isArray(value)) throw new EncodeError(field, 'missing');
  if (value.length < min) throw new EncodeError(field, 'too_short', `at least ${min}`);
  count(writer, value.length, field, max);
  value.forEach((item, index) => codec(writer, item, `${field}/${index}`));
};

const option = (codec) => (writer, value, field) => {
  if (value === null || value === undefined) {
    writer.u8(0);
  } else {
    writer.u8(1);
    codec(writer, value, field);
  }
};

/** The fields of an object, in order: `[[name, codec], ...]`. */
const record = (fields) => (writer, value, field) => {
  if (value === null || typeof value !== 'object') throw new EncodeError(field, 'missing');
  for (const [name, codec] of fields) codec(writer, value[name], field ? `${field}/${name}` : name);
};

// ---------------------------------------------------------------- identifiers

/** ISO 6346's value of a character (letters skip the multiples of 11). */
function iso6346Value(code) {
  if (code >= 48 && code <= 57) return code - 48;
  const letters = [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30,
    31, 32, 34, 35, 36, 37, 38];
  return letters[code - 65];
}

/** The ISO 6346 check digit over `body`, as a character. */
export function iso6346CheckDigit(body) {
  let sum = 0;
  for (let position = 0; position < body.length; position += 1) {
    sum += iso6346Value(body.charCodeAt(position)) * 2 ** position;
  }
  return String((sum % 11) % 10);
}

/** The Luhn check digit over `body` (the rightmost digit doubled), as a character. */
export function luhnCheckDigit(body) {
  let sum = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight += 1) {
    const digit = body.charCodeAt(body.length - 1 - fromRight) - 48;
    const product = fromRight % 2 === 0 ? digit * 2 : digit;
    sum += Math.floor(product / 10) + (product % 10);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Fixed-length ASCII checked by a pattern and a check character over the others. */
const checked = (pattern, check) => (writer, value, field) => {
  if (typeof value !== 'string' || !pattern.test(value)) throw new EncodeError(field, 'bad_format');
  const body = value.slice(0, -1);
  if (check(body) !== value.slice(-1)) throw new EncodeError(field, 'bad_check_digit');
  writer.fixed(encoder.encode(value));
};

const mrn = checked(/^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$/, iso6346CheckDigit);
const container = checked(/^[A-Z]{3}[UJZ][0-9]{7}$/, iso6346CheckDigit);
const uicWagon = checked(/^[0-9]{12}$/, luhnCheckDigit);
const wagon1520 = checked(/^[0-9]{8}$/, luhnCheckDigit);

function country(writer, value, field) {
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) {
    throw new EncodeError(field, 'bad_format');
  }
  writer.fixed(encoder.encode(value));
}

/** Three upper-case letters; the node refuses a code ISO 4217 does not know. */
function currency(writer, value, field) {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    throw new EncodeError(field, 'bad_format');
  }
  writer.fixed(encoder.encode(value));
}

const HS_EDITIONS = [2002, 2007, 2012, 2017, 2022, 2028];

/** An HS code written `EDITION:DIGITS`, as `2022:850440`. */
function hsCode(writer, value, field) {
  const match = typeof value === 'string' && /^([0-9]{4}):([0-9]{6}|[0-9]{8}|[0-9]{10})$/.exec(value);
  const chapter = match ? Number(match[2].slice(0, 2)) : 0;
  if (!match || !HS_EDITIONS.includes(Number(match[1])) || chapter < 1 || chapter > 97
    || chapter === 77) {
    throw new EncodeError(field, 'bad_format');
  }
  u16(writer, Number(match[1]), field);
  writer.u8(match[2].length);
  writer.fixed(encoder.encode(match[2]));
}

// ---------------------------------------------------------------- the corridor's words

/** Each enum's words in tag order (ENCODING.md, "Tags"). */
export const WORDS = {
  officer_role: ['customs', 'border_guard', 'monitor'],
  traffic_class: ['cargo_rail', 'cargo_road', 'passengers'],
  container_size: ['20ft', '40ft', '45ft'],
  seal_condition: ['intact', 'broken', 'mismatch'],
  inspection_kind: ['documents', 'physical'],
  inspection_outcome: ['conform', 'minor_discrepancy', 'major_discrepancy'],
  hold_reason: ['inspection', 'documents', 'security', 'fees', 'other'],
  transport_document_kind: ['cmr', 'cim', 'smgs', 'cim_smgs'],
  seizure_scope: ['goods', 'equipment', 'goods_and_equipment'],
  incident_kind: ['deviation', 'seal_broken', 'transshipment', 'accident', 'imminent_danger',
    'other', 'overdue'],
  guarantee_cover: ['comprehensive', 'individual'],
  enquiry_outcome: ['alternative_proof', 'recovery'],
  equipment_kind: ['container', 'uic_wagon', 'wagon_1520', 'truck', 'trailer'],
  observation_category: ['queue', 'closure', 'road_condition', 'rail_condition', 'conduct',
    'security', 'other'],
  contest_answer: ['upheld', 'corrected', 'rejected'],
  contest_decision: ['act_stands', 'contest_upheld', 'fee_corrected', 'release'],
  report_figure: ['arrivals', 'departures', 'dwell_total_ms', 'dwell_longest_ms', 'inspections',
    'holds_started', 'holds_ended', 'hold_total_ms', 'hold_longest_ms', 'incidents_opened',
    'incidents_closed', 'observations', 'dissents', 'contests_opened', 'contests_answered',
    'contests_overdue', 'automatic_incidents'],
};

const EQUIPMENT_CODECS = [container, uicWagon, wagon1520, ident, ident];

/** An equipment id `{kind, id}`: its tag, then the identifier. */
function equipmentId(writer, value, field) {
  if (value === null || typeof value !== 'object') throw new EncodeError(field, 'missing');
  word(WORDS.equipment_kind)(writer, value.kind, `${field}/kind`);
  EQUIPMENT_CODECS[WORDS.equipment_kind.indexOf(value.kind)](writer, value.id, `${field}/id`);
}

/** A unit with its size (exactly for containers) and its seals. */
function equipment(writer, value, field) {
  if (value === null || typeof value !== 'object') throw new EncodeError(field, 'missing');
  equipmentId(writer, value.id, `${field}/id`);
  const isContainer = value.id.kind === 'container';
  const size = value.container_size ?? null;
  if (isContainer !== (size !== null)) throw new EncodeError(`${field}/container_size`, 'container_size');
  option(word(WORDS.container_size))(writer, size, `${field}/container_size`);
  list(ident, SEALS_MAX)(writer, value.seals, `${field}/seals`);
}

const goodsItem = record([
  ['equipment_index', u16],
  ['hs_code', hsCode],
  ['gross_mass_kg', u64],
  ['origin', country],
  ['description', commitment],
  ['value', commitment],
]);

const particulars = record([
  ['holder', ident],
  ['transport_documents', list(record([
    ['kind', word(WORDS.transport_document_kind)],
    ['number', ident],
  ]), TRANSPORT_DOCUMENTS_MAX)],
  ['driver', option(commitment)],
]);

const declarationFields = record([
  ['route', ident],
  ['traffic_class', word(WORDS.traffic_class)],
  ['equipment', list(equipment, EQUIPMENT_MAX)],
  ['goods', list(goodsItem, EQUIPMENT_MAX)],
  ['passenger_count', u32],
  ['consignee', commitment],
]);

/**
 * A declaration: its fields, then, when it has particulars or a guarantee, a byte of flags
 * (1 particulars, 2 guarantee) and those parts in that order; with neither, nothing.
 */
function declaration(writer, value, field) {
  declarationFields(writer, value, field);
  const hasParticulars = value.particulars !== null && value.particulars !== undefined;
  const hasGuarantee = value.guarantee !== null && value.guarantee !== undefined;
  if (!hasParticulars && !hasGuarantee) return;
  writer.u8((hasParticulars ? 1 : 0) | (hasGuarantee ? 2 : 0));
  if (hasParticulars) particulars(writer, value.particulars, `${field}/particulars`);
  if (hasGuarantee) ident(writer, value.guarantee, `${field}/guarantee`);
}

/** Where an incident happened: a post, or a position on a segment. */
function place(writer, value, field) {
  if (value === null || typeof value !== 'object') throw new EncodeError(field, 'missing');
  if (value.kind === 'post') {
    writer.u8(0);
    ident(writer, value.post, `${field}/post`);
  } else if (value.kind === 'segment') {
    writer.u8(1);
    record([['from', ident], ['to', ident], ['position_m', u32]])(writer, value, field);
  } else {
    throw new EncodeError(`${field}/kind`, 'unknown_word', 'post, segment');
  }
}

const draw = record([
  ['size', u64],
  ['root', fixed(32)],
  ['proofs', list(fixed(80), PROOFS_MAX)],
]);

const transhipment = record([['from', equipmentId], ['to', equipment]]);

/** Most bytes of a monitor's public text (an observation's summary, a dissent's reason). */
export const PUBLIC_TEXT_BYTES_MAX = 500;
/** Most attachments to one observation. */
export const ATTACHMENTS_MAX = 16;
/** Most figure lines in one daily report. */
export const FIGURE_LINES_MAX = 1000;

/** A joint commission's decision `{kind}`: its tag, then the corrected fee for `fee_corrected`. */
function contestDecision(writer, value, field) {
  if (value === null || typeof value !== 'object') throw new EncodeError(field, 'missing');
  word(WORDS.contest_decision)(writer, value.kind, `${field}/kind`);
  if (value.kind === 'fee_corrected') i64(writer, value.amount, `${field}/amount`);
}

const figureLine = record([
  ['post', option(ident)],
  ['figure', word(WORDS.report_figure)],
  ['detail', u16],
  ['value', u64],
]);

// ---------------------------------------------------------------- the kinds

/**
 * Every statement kind: its word, its tag, its fields in encoding order. A kind added to
 * the core is one line here (and its vector, which the core's test writes, is checked by
 * test/encoding.test.js).
 */
export const KINDS = Object.freeze({
  charter: [0, [['document', text16(DOCUMENT_BYTES_MAX)]]],
  propose_regime: [1, [['effective_from', u64], ['document', text16(DOCUMENT_BYTES_MAX)]]],
  approve_regime: [2, [['proposal_entry', u64]]],
  enrol_officer: [3, [['key', key], ['role', word(WORDS.officer_role)],
    ['posts', list(ident, POSTS_MAX)]]],
  revoke_key: [4, [['key', key]]],
  register_carrier: [5, [['carrier', ident], ['name', text16(NAME_BYTES_MAX)], ['key', key]]],
  declare: [6, [['declaration', declaration]]],
  amend: [7, [['mrn', mrn], ['declaration', declaration]]],
  cancel: [8, [['mrn', mrn], ['reason', ident]]],
  accept: [9, [['mrn', mrn]]],
  refuse_declaration: [10, [['mrn', mrn], ['reason', ident]]],
  arrive: [11, [['mrn', mrn], ['post', ident]]],
  seal_check: [12, [['mrn', mrn], ['post', ident], ['equipment', equipmentId],
    ['condition', word(WORDS.seal_condition)], ['seals_found', list(ident, SEALS_MAX)]]],
  inspection: [13, [['mrn', mrn], ['post', ident], ['equipment', equipmentId],
    ['kind', word(WORDS.inspection_kind)], ['outcome', word(WORDS.inspection_outcome)],
    ['findings', commitment]]],
  release: [14, [['mrn', mrn], ['post', ident]]],
  hold: [15, [['mrn', mrn], ['post', ident], ['reason', word(WORDS.hold_reason)]]],
  depart: [16, [['mrn', mrn], ['post', ident]]],
  report_incident: [17, [['mrn', mrn], ['kind', word(WORDS.incident_kind)],
    ['details', commitment]]],
  close_incident: [18, [['mrn', mrn], ['incident', u16], ['resolution', commitment]]],
  discharge: [19, [['mrn', mrn]]],
  record_payment: [20, [['carrier', ident], ['amount', i64], ['currency', currency],
    ['reference', ident]]],
  record_refund: [21, [['carrier', ident], ['amount', i64], ['currency', currency],
    ['reference', ident]]],
  tick: [22, []],
  attest: [23, [['mrn', mrn], ['entry', u64]]],
  add_authority_key: [24, [['key', key]]],
  draw: [25, [['draws', list(draw, DRAWS_MAX, 1)]]],
  enrol_guarantor: [26, [['guarantor', ident], ['name', text16(NAME_BYTES_MAX)], ['key', key]]],
  issue_guarantee: [27, [['guarantee', ident], ['holder', ident],
    ['cover', word(WORDS.guarantee_cover)], ['reference_amount', i64], ['currency', currency]]],
  open_enquiry: [28, [['mrn', mrn]]],
  answer_enquiry: [29, [['mrn', mrn], ['evidence', commitment]]],
  close_enquiry: [30, [['mrn', mrn], ['outcome', word(WORDS.enquiry_outcome)],
    ['resolution', commitment]]],
  remit: [31, [['account', ident], ['amount', i64], ['currency', currency],
    ['reference', ident]]],
  reseal: [32, [['mrn', mrn], ['post', ident], ['equipment', equipmentId],
    ['seals', list(ident, SEALS_MAX, 1)]]],
  return: [33, [['mrn', mrn], ['post', ident], ['route', option(ident)]]],
  seize: [34, [['mrn', mrn], ['post', ident], ['scope', word(WORDS.seizure_scope)]]],
  release_part: [35, [['mrn', mrn], ['post', ident], ['detained', list(equipmentId, EQUIPMENT_MAX)]]],
  record_incident: [36, [['mrn', mrn], ['kind', word(WORDS.incident_kind)], ['place', place],
    ['transhipments', list(transhipment, EQUIPMENT_MAX)], ['details', commitment]]],
  observe: [40, [['place', place], ['category', word(WORDS.observation_category)],
    ['summary', text16(PUBLIC_TEXT_BYTES_MAX)], ['details', commitment],
    ['attachments', list(commitment, ATTACHMENTS_MAX)]]],
  dissent: [41, [['mrn', mrn], ['entry', u64], ['reason', text16(PUBLIC_TEXT_BYTES_MAX)]]],
  contest: [42, [['entry', u64], ['reason', ident]]],
  answer_contest: [43, [['contest', u64], ['answer', word(WORDS.contest_answer)],
    ['reasons', commitment]]],
  refer_contest: [44, [['contest', u64]]],
  decide_contest: [45, [['contest', u64], ['decision', contestDecision]]],
  change_mandate: [46, [['ends', option(u64)]]],
  sign_report: [47, [['day', u32], ['figures', list(figureLine, FIGURE_LINES_MAX)],
    ['narrative', commitment]]],
});

/**
 * The canonical bytes of the statement of kind `kind` (its word), recorded at
 * `recordedAt` (milliseconds since 1970, UTC), with `fields`.
 */
export function encodeStatement(kind, recordedAt, fields) {
  const entry = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
  if (!entry) throw new EncodeError('kind', 'unknown_word');
  const [tag, codecs] = entry;
  const writer = new Writer();
  writer.u8(STATEMENT_VERSION);
  writer.u8(tag);
  u64(writer, recordedAt, 'recorded_at');
  record(codecs)(writer, fields ?? {}, '');
  const bytes = writer.result();
  if (bytes.length > STATEMENT_BYTES_MAX) {
    throw new EncodeError('statement', 'too_long', `at most ${STATEMENT_BYTES_MAX} bytes`);
  }
  return bytes;
}

/** The signed statement's envelope: version, signer, signature, the statement's bytes. */
export function encodeEnvelope(publicKey, signature, statement) {
  const writer = new Writer();
  writer.u8(ENVELOPE_VERSION);
  writer.fixed(bytesOf(publicKey, 32, 'signer'));
  writer.fixed(bytesOf(signature, 64, 'signature'));
  count(writer, statement.length, 'statement', STATEMENT_BYTES_MAX);
  writer.fixed(statement);
  return writer.result();
}

// ---------------------------------------------------------------- hashes and signatures

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** The statement's identity: SHA-256 of the signer's key and the statement's bytes. */
export function statementId(publicKey, statement) {
  return sha256(concat(bytesOf(publicKey, 32, 'signer'), statement));
}

/** A commitment: SHA-256 of the context, the 32-byte salt and the payload's bytes. */
export function commit(salt, payload) {
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  return sha256(concat(COMMITMENT_CONTEXT, bytesOf(salt, 32, 'salt'), bytes));
}

/** A fresh secret salt, 32 random bytes. */
export function freshSalt() {
  return crypto.getRandomValues(new Uint8Array(32));
}

/** Signs a statement's bytes: Ed25519 over the context and the bytes. */
export async function signStatement(privateKey, statement) {
  const message = concat(SIGNATURE_CONTEXT, statement);
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, message));
}

/** Whether `signature` is the signer's over the statement's bytes. */
export async function verifyStatement(publicKey, statement, signature) {
  const imported = await crypto.subtle.importKey(
    'raw', bytesOf(publicKey, 32, 'signer'), { name: 'Ed25519' }, false, ['verify']);
  const message = concat(SIGNATURE_CONTEXT, statement);
  return crypto.subtle.verify({ name: 'Ed25519' }, imported, bytesOf(signature, 64, 'signature'),
    message);
}

/** PKCS #8's wrapping of an Ed25519 seed (RFC 8410): a fixed prefix, then the 32 bytes. */
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');

function base64UrlBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)),
    (character) => character.charCodeAt(0));
}

/**
 * A signing key from a 32-byte seed (what `passage keys signer` writes, in hexadecimal):
 * `{privateKey, publicKey}`, the private key not extractable, the public key's 32 bytes.
 * The public key is read from an extractable copy that is then dropped.
 */
export async function importSeed(seed) {
  const pkcs8 = concat(PKCS8_ED25519_PREFIX, bytesOf(seed, 32, 'seed'));
  const algorithm = { name: 'Ed25519' };
  const copy = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', copy);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  return { privateKey, publicKey: base64UrlBytes(jwk.x) };
}

/** A new signing key made here: the private key never leaves the browser. */
export async function generateKey() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/**
 * Encodes and signs a statement: `{statement, signature, envelope, id}`, the envelope
 * being what the node's `POST /v1/statements` takes (in base64).
 */
export async function signNew(signer, kind, recordedAt, fields) {
  const statement = encodeStatement(kind, recordedAt, fields);
  const signature = await signStatement(signer.privateKey, statement);
  return {
    statement,
    signature,
    envelope: encodeEnvelope(signer.publicKey, signature, statement),
    id: await statementId(signer.publicKey, statement),
  };
}
