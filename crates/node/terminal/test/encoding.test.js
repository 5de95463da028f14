// The terminal's encoder against the core: every vector the core's test writes
// (vectors.json) reproduced byte for byte, with its signature, id and commitments; and
// bad input refused with a typed error naming the field, never encoded.
// Run with `node --test crates/node/terminal/test/` (the node crate's tests run it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as encoding from '../encoding.js';
import { vectorFailures } from './vectors.js';

const file = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));

test('every vector of the core is reproduced byte for byte', async () => {
  assert.ok(file.vectors.length >= Object.keys(encoding.KINDS).length, 'a vector per kind');
  const failures = await vectorFailures(encoding, file);
  assert.deepEqual(failures, []);
});

test('the check finds a changed byte, signature or kind', async () => {
  // The check must be able to fail: a vector with one byte changed, a signature of
  // another statement, a kind the encoder does not know.
  const vector = file.vectors.find((candidate) => candidate.kind === 'arrive');
  const flipped = vector.statement.slice(0, -2) + (vector.statement.endsWith('0') ? '1' : '0');
  const changed = { ...file, vectors: [{ ...vector, statement: flipped }] };
  assert.match((await vectorFailures(encoding, changed)).join('\n'), /arrive: bytes/);
  const other = file.vectors.find((candidate) => candidate.kind === 'depart');
  const forged = { ...file, vectors: [{ ...vector, signature: other.signature }] };
  assert.match((await vectorFailures(encoding, forged)).join('\n'),
    /the signature differs[^]*does not verify/);
  const unknown = { ...file, vectors: [{ ...vector, kind: 'monitor_observation' }] };
  assert.match((await vectorFailures(encoding, unknown)).join('\n'), /no kind monitor_observation/);
});

test('tags are the core\'s, one per kind', () => {
  const tags = Object.values(encoding.KINDS).map(([tag]) => tag);
  assert.equal(new Set(tags).size, tags.length);
  for (const vector of file.vectors) assert.equal(encoding.KINDS[vector.kind][0], vector.tag);
});

/** The problem code of the refusal `fields` get, or `encoded`. */
function refusal(kind, fields) {
  try {
    encoding.encodeStatement(kind, 1795710720000, fields);
    return 'encoded';
  } catch (error) {
    assert.ok(error instanceof encoding.EncodeError, String(error));
    return `${error.field}: ${error.problem}`;
  }
}

test('bad input is refused with the field and the problem, never encoded', () => {
  const arrive = { mrn: '26AM000000000042J4', post: 'AM-MEGHRI-E' };
  assert.equal(refusal('arrive', arrive), 'encoded');
  const cases = [
    ['arrive', { ...arrive, mrn: '26AM000000000042J5' }, 'mrn: bad_check_digit'],
    ['arrive', { ...arrive, mrn: '26am000000000042J4' }, 'mrn: bad_format'],
    ['arrive', { ...arrive, post: 'A'.repeat(33) }, 'post: bad_identifier'],
    ['arrive', { ...arrive, post: 'AM MEGHRI' }, 'post: bad_identifier'],
    ['arrive', { mrn: arrive.mrn }, 'post: bad_identifier'],
    ['no_such_kind', arrive, 'kind: unknown_word'],
    ['seal_check', { ...arrive, equipment: { kind: 'truck', id: '10AB301' }, condition: 'intact',
      seals_found: Array.from({ length: 100 }, (_, index) => `S${index}`) },
    'seals_found: too_long'],
    ['seal_check', { ...arrive, equipment: { kind: 'container', id: 'PSGU0000105' },
      condition: 'intact', seals_found: [] }, 'equipment/id: bad_check_digit'],
    ['seal_check', { ...arrive, equipment: { kind: 'lorry', id: '10AB301' }, condition: 'intact',
      seals_found: [] }, 'equipment/kind: unknown_word'],
    ['hold', { ...arrive, reason: 'weather' }, 'reason: unknown_word'],
    ['attest', { mrn: arrive.mrn, entry: '18446744073709551616' }, 'entry: out_of_range'],
    ['attest', { mrn: arrive.mrn, entry: -1 }, 'entry: out_of_range'],
    ['attest', { mrn: arrive.mrn, entry: 1.5 }, 'entry: not_a_number'],
    ['record_payment', { carrier: 'C', amount: '9223372036854775808', currency: 'AMD',
      reference: 'R' }, 'amount: out_of_range'],
    ['record_payment', { carrier: 'C', amount: 1, currency: 'amd', reference: 'R' },
      'currency: bad_format'],
    ['draw', { draws: [] }, 'draws: too_short'],
    ['reseal', { ...arrive, equipment: { kind: 'truck', id: 'T' }, seals: [] }, 'seals: too_short'],
    ['inspection', { ...arrive, equipment: { kind: 'truck', id: 'T' }, kind: 'physical',
      outcome: 'conform', findings: 'ab' }, 'findings: wrong_length'],
    ['register_carrier', { carrier: 'C', name: 'Ա'.repeat(65), key: '00'.repeat(32) },
      'name: too_long'],
  ];
  for (const [kind, fields, expected] of cases) {
    assert.equal(refusal(kind, fields), expected, `${kind} ${JSON.stringify(fields).slice(0, 80)}`);
  }
  const declaration = {
    route: 'AM-TRANSIT-ROAD', traffic_class: 'cargo_road', passenger_count: 0,
    consignee: '00'.repeat(32), goods: [],
    equipment: [{ id: { kind: 'truck', id: '10AB301' }, container_size: '40ft', seals: [] }],
  };
  assert.equal(refusal('declare', { declaration }),
    'declaration/equipment/0/container_size: container_size');
  const goods = [{ equipment_index: 0, hs_code: '2022:770000', gross_mass_kg: 1, origin: 'CN',
    description: '00'.repeat(32), value: '00'.repeat(32) }];
  const truck = { ...declaration.equipment[0], container_size: null };
  assert.equal(refusal('declare', { declaration: { ...declaration, equipment: [truck], goods } }),
    'declaration/goods/0/hs_code: bad_format');
});

test('commitments and ids follow ENCODING.md', async () => {
  // SHA-256 of the context, the salt and the payload; a fresh salt each time.
  const salt = encoding.fromHex('09'.repeat(32));
  const payload = 'consignee: Nakhchivan Trade LLC';
  const expected = await crypto.subtle.digest('SHA-256',
    encoding.concat(new TextEncoder().encode('passage commitment v1\n'), salt,
      new TextEncoder().encode(payload)));
  assert.equal(encoding.toHex(await encoding.commit(salt, payload)),
    encoding.toHex(new Uint8Array(expected)));
  assert.notEqual(encoding.toHex(encoding.freshSalt()), encoding.toHex(encoding.freshSalt()));
});

test('a key made here signs what the core verifies, and its private half stays inside', async () => {
  const signer = await encoding.generateKey();
  assert.equal(signer.privateKey.extractable, false);
  const vector = file.vectors.find((candidate) => candidate.kind === 'release');
  const signed = await encoding.signNew(signer, 'release', vector.recorded_at, vector.fields);
  assert.equal(encoding.toHex(signed.statement), vector.statement);
  assert.ok(await encoding.verifyStatement(signer.publicKey, signed.statement, signed.signature));
  // The envelope: version, signer, signature, the statement's length and bytes.
  const envelope = encoding.toHex(signed.envelope);
  assert.equal(envelope, `01${encoding.toHex(signer.publicKey)}${encoding.toHex(signed.signature)}`
    + `${signed.statement.length.toString(16).padStart(4, '0')}${vector.statement}`);
  const imported = await encoding.importSeed(vector.seed);
  assert.equal(imported.privateKey.extractable, false);
});
