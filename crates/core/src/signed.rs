//! Signed statements, log entries and commitments: the envelope around a statement's
//! canonical bytes, the entry the log sequences, and salted commitments to confidential
//! payloads.

use crate::encoding::{DecodeError, Reader, Writer};
use crate::statement::{
    Commitment, ENTRY_BYTES_MAX, EncodeError, PublicKey, Recorded, STATEMENT_BYTES_MAX, Timestamp,
};
use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};

/// Version byte of the signed-statement envelope.
pub const ENVELOPE_VERSION: u8 = 1;
/// Version byte of a log entry.
pub const ENTRY_VERSION: u8 = 1;
/// The context string signed before a statement's bytes, so that a Passage signature
/// can never be replayed as a signature over anything else (a checkpoint, a note).
pub const SIGNATURE_CONTEXT: &[u8] = b"passage statement v1\n";
/// The context string hashed before a commitment's salt and payload.
pub const COMMITMENT_CONTEXT: &[u8] = b"passage commitment v1\n";

/// A statement's canonical bytes with its signer's key and signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedStatement {
    /// The statement's canonical bytes.
    pub statement: Vec<u8>,
    /// The signer's Ed25519 public key.
    pub signer: PublicKey,
    /// Ed25519 signature over [`SIGNATURE_CONTEXT`] followed by the statement's bytes.
    pub signature: [u8; 64],
}

/// Why a signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The key is not a valid Ed25519 point.
    #[error("the signer's {0} is not a valid Ed25519 public key")]
    BadKey(PublicKey),
    /// The signature does not match the key and bytes.
    #[error("the signature does not match the statement and the signer's {0}")]
    Mismatch(PublicKey),
}

fn signed_message(statement: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(SIGNATURE_CONTEXT.len() + statement.len());
    message.extend_from_slice(SIGNATURE_CONTEXT);
    message.extend_from_slice(statement);
    message
}

/// A signer's key, decoded and checked: the canonical encoding of a point on the curve that
/// is not of small order (a small-order key would let anyone sign for it).
///
/// With it, a statement's signature `(R, s)` over the message `M` (the context string and
/// the statement's bytes) is valid when R is canonically encoded, s is below the group
/// order ℓ, and `[8][s]B = [8]R + [8][k]A` for `k = SHA-512(R ‖ A ‖ M) mod ℓ`: Ed25519 as
/// RFC 8032 §5.1.7 checks it, with the cofactor, and with the encoding checks above. This
/// is the ZIP 215 rule with canonical encodings required, and every signature RFC 8032's
/// signing produces meets it. Its point is that checking many signatures at once with a
/// random linear combination ([`verify_signatures`]) gives exactly the verdict of
/// checking each alone, so a node may batch and an auditor checking one at a time agrees
/// with it. Without the cofactor ("strict" verification) a batch can accept, with
/// probability up to one half, a signature whose R has a small-order component that the
/// one-at-a-time check refuses.
///
/// Because the signature is not part of a statement's identity ([`SignedStatement::id`]),
/// another valid signature on the same bytes (a signer can make eight, by adding a
/// small-order point to R) is recognised as the same statement, not a second act.
#[derive(Clone, Copy, Debug)]
pub struct SignerKey {
    bytes: [u8; 32],
    key: ed25519_zebra::VerificationKey,
}

impl SignerKey {
    /// Decodes and checks a signer's key.
    pub fn decode(signer: PublicKey) -> Result<SignerKey, SignatureError> {
        let bad = || SignatureError::BadKey(signer);
        if !is_canonical_point(&signer.0) {
            return Err(bad());
        }
        let point = ed25519_dalek::VerifyingKey::from_bytes(&signer.0).map_err(|_| bad())?;
        if point.is_weak() {
            return Err(bad());
        }
        let key = ed25519_zebra::VerificationKey::try_from(signer.0).map_err(|_| bad())?;
        Ok(SignerKey { bytes: signer.0, key })
    }

    /// The key's 32 bytes.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.bytes)
    }
}

/// Whether 32 bytes are the canonical encoding of a curve point's y-coordinate and the
/// sign of its x: y below p = 2^255 - 19, and no sign bit when x is 0 (y = 1 or y = p - 1).
/// RFC 8032 requires both of a decoder; checked here on the bytes.
fn is_canonical_point(bytes: &[u8; 32]) -> bool {
    let sign = bytes[31] & 0x80 != 0;
    let top = bytes[31] & 0x7f;
    // p - 1 is ec ff .. ff 7f in little-endian bytes.
    let high_all_ones = top == 0x7f && bytes[1..31].iter().all(|&byte| byte == 0xff);
    let at_least_p = high_all_ones && bytes[0] >= 0xed;
    let minus_one = high_all_ones && bytes[0] == 0xec;
    let one = bytes[0] == 1 && top == 0 && bytes[1..31].iter().all(|&byte| byte == 0);
    !at_least_p && !(sign && (one || minus_one))
}

/// Checks many statements' signatures together: one verdict each, in order, always the
/// one [`SignedStatement::verify_signature_with`] gives that statement alone. `key` gives
/// each statement's signer key (a caller may keep decoded keys; a refusal is that
/// statement's verdict).
///
/// The signatures that pass the byte checks are checked in one random linear combination
/// (coefficients drawn from `rng`, which must be a cryptographic generator the signers
/// cannot predict, such as the node's thread generator, so that no one can search offline
/// for a bad signature a batch accepts), which costs about half as much per
/// signature as checking each, and less again when signers repeat. When the combination
/// fails, each is checked alone to tell which: a batch holding a bad signature costs
/// about one and a half times checking each alone.
pub fn verify_signatures<S: std::borrow::Borrow<SignedStatement>>(
    statements: &[S],
    rng: impl rand_core::RngCore + rand_core::CryptoRng,
    mut key: impl FnMut(&SignedStatement) -> Result<SignerKey, SignatureError>,
) -> Vec<Result<(), SignatureError>> {
    let mut verdicts = Vec::with_capacity(statements.len());
    let mut queued = Vec::with_capacity(statements.len());
    let mut batch = ed25519_zebra::batch::Verifier::new();
    for (index, signed) in statements.iter().enumerate() {
        let signed = signed.borrow();
        let verdict = key(signed).and_then(|key| {
            signed.precheck(&key)?;
            Ok(key)
        });
        match verdict {
            Ok(key) => {
                let message = signed_message(&signed.statement);
                batch.queue((
                    ed25519_zebra::VerificationKeyBytes::from(key.bytes),
                    signed.zebra_signature(),
                    &message,
                ));
                queued.push((index, key));
                verdicts.push(Ok(()));
            }
            Err(refusal) => verdicts.push(Err(refusal)),
        }
    }
    let all_valid = match queued.len() {
        0 => true,
        1 => false,
        _ => batch.verify(rng).is_ok(),
    };
    if !all_valid {
        for (index, key) in queued {
            verdicts[index] = statements[index].borrow().verify_signature_with(&key);
        }
    }
    verdicts
}

impl SignedStatement {
    /// Encodes and signs a statement.
    pub fn sign(
        key: &ed25519_dalek::SigningKey,
        statement: &Recorded,
    ) -> Result<SignedStatement, EncodeError> {
        let bytes = statement.encode()?;
        let signature = key.sign(&signed_message(&bytes)).to_bytes();
        Ok(SignedStatement {
            statement: bytes,
            signer: PublicKey(key.verifying_key().to_bytes()),
            signature,
        })
    }

    /// Checks the signature by the log's rule ([`SignerKey`] and [`verify_signatures`] say
    /// what it accepts). The node runs this before sequencing; the core's `apply` trusts
    /// that it was done.
    pub fn verify_signature(&self) -> Result<(), SignatureError> {
        self.verify_signature_with(&self.signer_key()?)
    }

    /// The signer's key decoded and checked (a point decompression, about a tenth of a
    /// verification's cost, which a verifier seeing the same signers again may keep).
    pub fn signer_key(&self) -> Result<SignerKey, SignatureError> {
        SignerKey::decode(self.signer)
    }

    /// As [`SignedStatement::verify_signature`], with the signer's key already decoded by
    /// [`SignedStatement::signer_key`]. A key decoded from other bytes than `signer` is
    /// refused, so the check stays the same whichever key a caller hands in.
    pub fn verify_signature_with(&self, key: &SignerKey) -> Result<(), SignatureError> {
        self.precheck(key)?;
        key.key
            .verify(&self.zebra_signature(), &signed_message(&self.statement))
            .map_err(|_| SignatureError::Mismatch(self.signer))
    }

    /// The checks made on the bytes before the curve equation: the key is the signer's
    /// and R is canonically encoded.
    fn precheck(&self, key: &SignerKey) -> Result<(), SignatureError> {
        let r: &[u8; 32] = self.signature[..32].try_into().expect("64 bytes hold 32");
        if key.bytes != self.signer.0 || !is_canonical_point(r) {
            return Err(SignatureError::Mismatch(self.signer));
        }
        Ok(())
    }

    fn zebra_signature(&self) -> ed25519_zebra::Signature {
        ed25519_zebra::Signature::from_bytes(&self.signature)
    }

    /// The statement's identity: SHA-256 of the signer's key and the statement's
    /// canonical bytes. The recorded time makes every act of one signer unique, so a node
    /// recognises a resubmission (an offline device syncing twice) by this value and
    /// answers with the entry it already has. The signature is left out: it adds nothing
    /// to the identity and a node should not depend on its bytes.
    pub fn id(&self) -> [u8; 32] {
        statement_id(&self.signer, &self.statement)
    }

    /// Decodes the statement the envelope carries.
    pub fn decode_statement(&self) -> Result<Recorded, DecodeError> {
        Recorded::decode(&self.statement)
    }

    /// The envelope's canonical bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut writer = Writer::with_capacity(1 + 32 + 64 + 2 + self.statement.len());
        self.encode_into(&mut writer);
        writer.into_bytes()
    }

    fn encode_into(&self, writer: &mut Writer) {
        writer.u8(ENVELOPE_VERSION);
        writer.fixed(&self.signer.0);
        writer.fixed(&self.signature);
        writer.bytes16(&self.statement);
    }

    /// Decodes an envelope.
    pub fn decode(bytes: &[u8]) -> Result<SignedStatement, DecodeError> {
        let mut reader = Reader::new(bytes);
        let signed = SignedStatement::decode_from(&mut reader)?;
        reader.finish("signed statement")?;
        Ok(signed)
    }

    fn decode_from(reader: &mut Reader<'_>) -> Result<SignedStatement, DecodeError> {
        let version = reader.u8("envelope version")?;
        if version != ENVELOPE_VERSION {
            return Err(DecodeError::UnknownVersion {
                what: "signed statement",
                found: version,
                supported: ENVELOPE_VERSION,
            });
        }
        let signer = PublicKey(reader.array("signer")?);
        let signature = reader.array("signature")?;
        let statement = reader.bytes16("statement", STATEMENT_BYTES_MAX)?.to_vec();
        Ok(SignedStatement { statement, signer, signature })
    }
}

/// A statement's identity from its signer and canonical bytes ([`SignedStatement::id`]).
pub fn statement_id(signer: &PublicKey, statement: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(signer.0);
    hasher.update(statement);
    hasher.finalize().into()
}

impl Recorded {
    /// The id the statement has when `signer` signs it ([`SignedStatement::id`]), for a
    /// caller that applies statements it never signed (the simulator): it costs an
    /// encoding and a hash.
    pub fn id(&self, signer: &PublicKey) -> Result<[u8; 32], EncodeError> {
        Ok(statement_id(signer, &self.encode()?))
    }
}

/// A statement as sequenced in the log: the time the sequencer gave it and the signed
/// statement. Its encoding is the log entry's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// When the sequencer sequenced it.
    pub sequenced_at: Timestamp,
    /// The signed statement.
    pub statement: SignedStatement,
}

impl Entry {
    /// The entry's canonical bytes (at most [`ENTRY_BYTES_MAX`]).
    pub fn encode(&self) -> Vec<u8> {
        let mut writer = Writer::with_capacity(9 + 99 + self.statement.statement.len());
        writer.u8(ENTRY_VERSION);
        writer.u64(self.sequenced_at.0);
        self.statement.encode_into(&mut writer);
        let bytes = writer.into_bytes();
        assert!(bytes.len() <= ENTRY_BYTES_MAX, "statements are limited so entries fit");
        bytes
    }

    /// Decodes an entry.
    pub fn decode(bytes: &[u8]) -> Result<Entry, DecodeError> {
        if bytes.len() > ENTRY_BYTES_MAX {
            return Err(DecodeError::TooLong {
                what: "entry bytes",
                found: bytes.len(),
                max: ENTRY_BYTES_MAX,
                offset: 0,
            });
        }
        let mut reader = Reader::new(bytes);
        let version = reader.u8("entry version")?;
        if version != ENTRY_VERSION {
            return Err(DecodeError::UnknownVersion {
                what: "entry",
                found: version,
                supported: ENTRY_VERSION,
            });
        }
        let sequenced_at = Timestamp(reader.u64("sequenced at")?);
        let statement = SignedStatement::decode_from(&mut reader)?;
        reader.finish("entry")?;
        Ok(Entry { sequenced_at, statement })
    }
}

/// The RFC 6962 leaf hash of the entry that sequences `signed` at `time`: SHA-256 of
/// `0x00` and the entry's bytes ([`Entry::encode`]), hashed without building them.
pub fn entry_leaf_hash(time: Timestamp, signed: &SignedStatement) -> [u8; 32] {
    use sha2::Digest;
    let length = u16::try_from(signed.statement.len()).expect("statements fit in an entry");
    let mut hasher = sha2::Sha256::new();
    hasher.update([0u8, ENTRY_VERSION]);
    hasher.update(time.0.to_be_bytes());
    hasher.update([ENVELOPE_VERSION]);
    hasher.update(signed.signer.0);
    hasher.update(signed.signature);
    hasher.update(length.to_be_bytes());
    hasher.update(&signed.statement);
    hasher.finalize().into()
}

/// Most bytes in a confidential payload committed to.
pub const PAYLOAD_BYTES_MAX: usize = 1 << 20;

impl Commitment {
    /// Commits to `payload` with a 32-byte random `salt`: SHA-256 of
    /// [`COMMITMENT_CONTEXT`], the salt and the payload. The salt must be secret and
    /// random (the caller draws it), so that small payloads cannot be guessed.
    pub fn compute(salt: &[u8; 32], payload: &[u8]) -> Commitment {
        let mut hasher = Sha256::new();
        hasher.update(COMMITMENT_CONTEXT);
        hasher.update(salt);
        hasher.update(payload);
        Commitment(hasher.finalize().into())
    }

    /// Whether a revealed payload and salt match this commitment.
    pub fn matches(&self, salt: &[u8; 32], payload: &[u8]) -> bool {
        payload.len() <= PAYLOAD_BYTES_MAX && Commitment::compute(salt, payload) == *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statement::Statement;

    #[test]
    fn signatures_verify_and_detect_tampering() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let tick = Recorded::new(Timestamp(1), Statement::Tick);
        let signed = SignedStatement::sign(&key, &tick).expect("encodes");
        assert_eq!(signed.verify_signature(), Ok(()));
        let mut tampered = signed.clone();
        tampered.statement.push(0);
        assert!(matches!(tampered.verify_signature(), Err(SignatureError::Mismatch(_))));
        let entry = Entry { sequenced_at: Timestamp(5), statement: signed };
        assert_eq!(Entry::decode(&entry.encode()), Ok(entry));
    }

    #[test]
    fn a_decoded_key_gives_the_same_verdicts() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let other = SignerKey::decode(PublicKey(
            ed25519_dalek::SigningKey::from_bytes(&[8; 32]).verifying_key().to_bytes(),
        ))
        .expect("a valid key");
        let tick = Recorded::new(Timestamp(1), Statement::Tick);
        let signed = SignedStatement::sign(&key, &tick).expect("encodes");
        let decoded = signed.signer_key().expect("a valid key");
        assert_eq!(signed.verify_signature_with(&decoded), Ok(()));
        // Another signer's key is refused, even for a signature it did not make.
        assert_eq!(
            signed.verify_signature_with(&other),
            Err(SignatureError::Mismatch(signed.signer))
        );
        let mut tampered = signed.clone();
        tampered.signature[0] ^= 1;
        assert_eq!(
            tampered.verify_signature_with(&decoded),
            Err(SignatureError::Mismatch(signed.signer))
        );
    }

    #[test]
    fn ids_tell_resubmissions_from_other_acts() {
        let first = ed25519_dalek::SigningKey::from_bytes(&[1; 32]);
        let second = ed25519_dalek::SigningKey::from_bytes(&[2; 32]);
        let tick = |time| Recorded::new(Timestamp(time), Statement::Tick);
        let sign = |key, time| SignedStatement::sign(key, &tick(time)).expect("encodes");
        assert_eq!(sign(&first, 5).id(), sign(&first, 5).id(), "a resubmission");
        assert_ne!(sign(&first, 5).id(), sign(&first, 6).id(), "another act");
        assert_ne!(sign(&first, 5).id(), sign(&second, 5).id(), "another signer");
    }

    #[test]
    fn commitments_match_only_their_payload() {
        let salt = [9; 32];
        let commitment = Commitment::compute(&salt, b"consignee: Nakhchivan Trade LLC");
        assert!(commitment.matches(&salt, b"consignee: Nakhchivan Trade LLC"));
        assert!(!commitment.matches(&salt, b"consignee: someone else"));
        assert!(!commitment.matches(&[8; 32], b"consignee: Nakhchivan Trade LLC"));
    }
}
