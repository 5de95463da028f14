//! The statement signature rule: checking many signatures together gives each the verdict
//! it gets alone, including the edge cases where Ed25519 verifiers disagree (an R with a
//! small-order component, non-canonical encodings, small-order keys).

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::scalar::Scalar;
use ed25519_dalek::SigningKey;
use passage_core::signed::{SIGNATURE_CONTEXT, SignatureError};
use passage_core::statement::{PublicKey, Recorded, Statement};
use passage_core::{SignedStatement, SignerKey, Timestamp, verify_signatures};
use proptest::prelude::*;
use sha2::{Digest, Sha512};

fn tick(seed: u8, time: u64) -> SignedStatement {
    let key = SigningKey::from_bytes(&[seed; 32]);
    SignedStatement::sign(&key, &Recorded::new(Timestamp(time), Statement::Tick)).expect("encodes")
}

/// The batch's coefficients: seeded here, so a failure repeats (a node draws them from an
/// unpredictable generator).
fn rng() -> rand_chacha::ChaCha20Rng {
    rand_chacha::rand_core::SeedableRng::seed_from_u64(215)
}

fn wide(bytes: &[u8]) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&Sha512::digest(bytes).into())
}

/// Signs `statement`'s bytes as RFC 8032 does, except that the eight-torsion point
/// `torsion` (0 is the identity) is added to R: the signer's own choice, which the
/// cofactored equation accepts and a cofactorless one refuses when `torsion` is not 0.
fn sign_with_torsion(seed: u8, statement: &SignedStatement, torsion: usize) -> SignedStatement {
    let expanded = Sha512::digest([seed; 32]);
    let mut secret: [u8; 32] = expanded[..32].try_into().expect("64 bytes hold 32");
    secret[0] &= 248;
    secret[31] &= 127;
    secret[31] |= 64;
    let a = Scalar::from_bytes_mod_order(secret);
    let public = (ED25519_BASEPOINT_POINT * a).compress().to_bytes();
    assert_eq!(public, statement.signer.0, "the same key as ed25519-dalek's");
    let mut message = SIGNATURE_CONTEXT.to_vec();
    message.extend_from_slice(&statement.statement);
    let r = wide(&[&expanded[32..], &message[..]].concat());
    let big_r = (ED25519_BASEPOINT_POINT * r + EIGHT_TORSION[torsion]).compress().to_bytes();
    let k = wide(&[&big_r[..], &public[..], &message[..]].concat());
    let s = r + k * a;
    let mut signature = [0; 64];
    signature[..32].copy_from_slice(&big_r);
    signature[32..].copy_from_slice(s.as_bytes());
    SignedStatement { signature, ..statement.clone() }
}

/// Whether ed25519-dalek's cofactorless `verify_strict` accepts the signature.
fn strict(signed: &SignedStatement) -> bool {
    let key = ed25519_dalek::VerifyingKey::from_bytes(&signed.signer.0).expect("a key");
    let mut message = SIGNATURE_CONTEXT.to_vec();
    message.extend_from_slice(&signed.statement);
    key.verify_strict(&message, &ed25519_dalek::Signature::from_bytes(&signed.signature)).is_ok()
}

fn alone(statements: &[SignedStatement]) -> Vec<Result<(), SignatureError>> {
    statements.iter().map(SignedStatement::verify_signature).collect()
}

fn together(statements: &[SignedStatement]) -> Vec<Result<(), SignatureError>> {
    verify_signatures(statements, rng(), SignedStatement::signer_key)
}

#[test]
fn a_small_order_component_in_r_is_the_signers_choice_and_valid_alone_and_together() {
    let honest = tick(1, 1);
    assert_eq!(sign_with_torsion(1, &honest, 0).signature, honest.signature, "RFC 8032 signing");
    for torsion in 1..8 {
        let variant = sign_with_torsion(1, &honest, torsion);
        assert!(!strict(&variant), "cofactorless verification refuses torsion {torsion}");
        assert_eq!(variant.verify_signature(), Ok(()));
        assert_eq!(together(&[variant.clone(), tick(2, 1)]), [Ok(()), Ok(())]);
        assert_eq!(variant.id(), honest.id(), "the same statement, whatever its signature");
    }
}

#[test]
fn a_bad_signature_in_a_batch_is_found_and_the_rest_stand() {
    let mut statements: Vec<_> = (0..40).map(|time| tick(time as u8 % 3, time)).collect();
    statements[17].signature[40] ^= 1;
    statements[31].statement.push(0);
    let verdicts = together(&statements);
    assert_eq!(verdicts, alone(&statements));
    let refused: Vec<_> = verdicts
        .iter()
        .enumerate()
        .filter(|(_, verdict)| verdict.is_err())
        .map(|(index, _)| index)
        .collect();
    assert_eq!(refused, [17, 31]);
}

#[test]
fn keys_and_signatures_must_be_canonically_encoded() {
    let signed = tick(3, 1);
    // p = 2^255 - 19 and p + 1 encode y = 0 and y = 1 non-canonically; so does x = 0 with
    // the sign bit set (y = 1, the identity, and y = p - 1, the point of order two).
    let mut p = [0xff; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    let mut p_plus_one = p;
    p_plus_one[0] = 0xee;
    let mut minus_zero = [0; 32];
    minus_zero[0] = 1;
    minus_zero[31] = 0x80;
    let mut order_two_signed = p;
    order_two_signed[0] = 0xec;
    order_two_signed[31] = 0xff;
    for bad in [p, p_plus_one, minus_zero, order_two_signed] {
        let mut other_r = signed.clone();
        other_r.signature[..32].copy_from_slice(&bad);
        assert_eq!(other_r.verify_signature(), Err(SignatureError::Mismatch(signed.signer)));
        assert_eq!(
            SignerKey::decode(PublicKey(bad)).map(|key| key.public_key()),
            Err(SignatureError::BadKey(PublicKey(bad)))
        );
    }
    // The identity and the point of order two, canonically encoded, are small-order keys.
    let mut identity = [0; 32];
    identity[0] = 1;
    let mut order_two = p;
    order_two[0] = 0xec;
    for small in [identity, order_two] {
        assert_eq!(
            SignerKey::decode(PublicKey(small)).map(|key| key.public_key()),
            Err(SignatureError::BadKey(PublicKey(small)))
        );
    }
    // s at or above the group order is refused.
    let mut high_s = signed.clone();
    high_s.signature[63] |= 0x80;
    assert_eq!(high_s.verify_signature(), Err(SignatureError::Mismatch(signed.signer)));
    assert_eq!(
        together(&[high_s, signed.clone()]),
        [Err(SignatureError::Mismatch(signed.signer)), Ok(())]
    );
}

#[test]
fn a_key_for_another_signer_is_refused() {
    let signed = tick(4, 1);
    let other = tick(5, 1).signer_key().expect("a key");
    assert_eq!(signed.verify_signature_with(&other), Err(SignatureError::Mismatch(signed.signer)));
    assert_eq!(
        verify_signatures(&[signed.clone(), tick(4, 2)], rng(), |_| Ok(other)),
        [
            Err(SignatureError::Mismatch(signed.signer)),
            Err(SignatureError::Mismatch(signed.signer))
        ]
    );
}

/// One statement of a kind the property mixes.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Honest,
    /// Signed with R plus a small-order point (valid by the rule).
    Torsion(usize),
    /// The signature's s changed: the residual has a prime-order part.
    FlippedS,
    /// R replaced by another signature's R plus a small-order point, s kept: invalid.
    ShiftedR(usize),
    /// The key is not a point.
    NotAKey,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        4 => Just(Kind::Honest),
        2 => (1..8usize).prop_map(Kind::Torsion),
        1 => Just(Kind::FlippedS),
        1 => (1..8usize).prop_map(Kind::ShiftedR),
        1 => Just(Kind::NotAKey),
    ]
}

fn build(index: usize, kind: Kind) -> SignedStatement {
    let seed = (index % 4) as u8 + 10;
    let honest = tick(seed, index as u64);
    match kind {
        Kind::Honest => honest,
        Kind::Torsion(torsion) => sign_with_torsion(seed, &honest, torsion),
        Kind::FlippedS => {
            let mut signed = honest;
            signed.signature[33] ^= 4;
            signed
        }
        Kind::ShiftedR(torsion) => {
            let mut signed = honest;
            let r = curve25519_dalek::edwards::CompressedEdwardsY(
                signed.signature[..32].try_into().expect("32 bytes"),
            )
            .decompress()
            .expect("a point");
            signed.signature[..32].copy_from_slice(&(r + EIGHT_TORSION[torsion]).compress().0);
            signed
        }
        Kind::NotAKey => {
            let mut signed = honest;
            signed.signer.0 = [0; 32];
            signed.signer.0[0] = 2;
            signed
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every mix of valid and invalid signatures gets, together, the verdicts each gets
    /// alone.
    #[test]
    fn together_agrees_with_alone(kinds in prop::collection::vec(kind(), 0..24)) {
        let statements: Vec<_> =
            kinds.iter().enumerate().map(|(index, kind)| build(index, *kind)).collect();
        prop_assert_eq!(together(&statements), alone(&statements));
    }
}
