// The check of the terminal's encoder against the core's test vectors, shared by Node's
// test runner (encoding.test.js) and the browser test, which runs it in the terminal's
// page. It returns every difference it finds, as sentences, and an empty list when the
// encoder reproduces every vector byte for byte: bytes, signer, signature, id, and the
// commitments with their salts.

/** Where each opening's commitment sits in a statement's fields, as the node names it. */
function committed(fields, field) {
  const declaration = fields.declaration;
  if (declaration) {
    if (field === 'consignee') return declaration.consignee;
    if (field === 'driver') return declaration.particulars?.driver;
    const goods = /^goods\/([0-9]+)\/(description|value)$/.exec(field);
    if (goods) return declaration.goods[Number(goods[1])]?.[goods[2]];
    return undefined;
  }
  const attachment = /^attachments\/([0-9]+)$/.exec(field);
  if (attachment) return fields.attachments?.[Number(attachment[1])];
  return fields[field];
}

/** Every difference between the encoder and the vectors (`file` is the parsed JSON). */
export async function vectorFailures(encoding, file) {
  const failures = [];
  const fail = (name, what) => failures.push(`${name}: ${what}`);
  const { toHex } = encoding;
  if (toHex(encoding.SIGNATURE_CONTEXT) !== file.signature_context) {
    fail('file', 'the signature context differs');
  }
  if (toHex(encoding.COMMITMENT_CONTEXT) !== file.commitment_context) {
    fail('file', 'the commitment context differs');
  }
  if (encoding.STATEMENT_VERSION !== file.statement_version) fail('file', 'the version differs');
  const covered = new Set();
  for (const vector of file.vectors) {
    const { name } = vector;
    covered.add(vector.kind);
    const entry = encoding.KINDS[vector.kind];
    if (!entry) {
      fail(name, `the encoder has no kind ${vector.kind}`);
      continue;
    }
    if (entry[0] !== vector.tag) fail(name, `tag ${entry[0]}, the core's is ${vector.tag}`);
    let bytes;
    try {
      bytes = encoding.encodeStatement(vector.kind, vector.recorded_at, vector.fields);
    } catch (error) {
      fail(name, `refused: ${error.message}`);
      continue;
    }
    if (toHex(bytes) !== vector.statement) {
      fail(name, `bytes\n  ${toHex(bytes)}\nthe core's\n  ${vector.statement}`);
      continue;
    }
    for (const opening of vector.openings) {
      const commitment = toHex(await encoding.commit(opening.salt, opening.payload));
      if (commitment !== opening.commitment) fail(name, `commitment of ${opening.field} differs`);
      if (committed(vector.fields, opening.field) !== commitment) {
        fail(name, `the statement does not hold the commitment of ${opening.field}`);
      }
    }
    const signer = await encoding.importSeed(vector.seed);
    if (toHex(signer.publicKey) !== vector.public_key) fail(name, 'the public key differs');
    const signature = await encoding.signStatement(signer.privateKey, bytes);
    if (toHex(signature) !== vector.signature) fail(name, 'the signature differs');
    if (!(await encoding.verifyStatement(vector.public_key, bytes, vector.signature))) {
      fail(name, "the core's signature does not verify");
    }
    const id = await encoding.statementId(signer.publicKey, bytes);
    if (toHex(id) !== vector.id) fail(name, 'the id differs');
  }
  for (const kind of Object.keys(encoding.KINDS)) {
    if (!covered.has(kind)) fail(kind, 'the encoder knows this kind but no vector has it');
  }
  return failures;
}
