//! The draw's public randomness: the log's tree as the core folds it, and the parties'
//! verifiable random function (VRF) outputs over the tree that ends with an arrival.
//!
//! An arrival at entry `i` that needs a random lane leaves its lanes pending on the tree
//! of size `i + 1` (the tree that ends with the arrival) and that tree's root, which the
//! core computes itself from [`TreeEdge`], the tree's right edge (one hash per set bit of
//! its size), so it need not trust whoever drives the fold. Each party whose charter entry
//! names a VRF key evaluates its VRF on [`vrf_input`] of that size and root; its witness
//! does so only once it has cosigned a checkpoint that contains that tree, so no output
//! is known before the arrival is irrevocable, and the VRF's determinism makes asking
//! twice useless. A `draw` statement carries every party's proof; the core checks each
//! against the charter's keys and hashes the outputs, in charter order, into the seed of
//! [`crate::selection::draw_ppm`] ([`draw_seed`]). One honest party suffices: its output
//! is unpredictable to everyone else, and so is the hash.
//!
//! The VRF is RFC 9381's ECVRF on the ristretto255 group, the ciphersuite
//! ECVRF-RISTRETTO255-SHA512 of c2sp.org/vrf-r255: 32-byte keys, 80-byte proofs, 64-byte
//! outputs, deterministic proving. Keys and proofs are made with the crate `vrf-r255`; the
//! core checks proofs with [`vrf_verify`], the same check in variable time (everything it
//! handles is public), and a caller that checked proofs already, on other threads, hands
//! their outputs in as [`CheckedOutputs`]. `docs/SELECTION.md` has the threat model.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// The context string before a VRF input's size and root.
pub const VRF_INPUT_CONTEXT: &[u8] = b"passage draw v1\n";
/// The context string before the draw seed's inputs.
pub const DRAW_SEED_CONTEXT: &[u8] = b"passage draw seed v1\n";
/// Bytes in a VRF proof: Gamma (32), the challenge (16) and s (32).
pub const VRF_PROOF_BYTES: usize = 80;
/// Bytes in a VRF output.
pub const VRF_OUTPUT_BYTES: usize = 64;
/// Bytes in a VRF input: the context, the size and the root.
pub const VRF_INPUT_BYTES: usize = VRF_INPUT_CONTEXT.len() + 8 + 32;
/// Most draws one `draw` statement resolves. With the charter's 16 parties at most, a draw
/// takes 8 + 32 + 2 + 16 × 80 = 1,322 bytes, so 32 of them (42,304 bytes) always fit in a
/// statement; a sequencer with more pending resolves them in several statements.
pub const DRAWS_PER_STATEMENT_MAX: usize = 32;

/// A party's VRF public key: a ristretto255 point, 32 bytes, not the identity.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VrfKey(pub [u8; 32]);

impl VrfKey {
    /// The key, if the bytes encode a ristretto255 point other than the identity.
    pub fn from_bytes(bytes: [u8; 32]) -> Option<VrfKey> {
        vrf_r255::PublicKey::from_bytes(bytes).map(|_| VrfKey(bytes))
    }

    /// The VRF output for the tree of `size` entries with `root`, if `proof` is this key's
    /// proof over it.
    ///
    /// This is RFC 9381's ECVRF_verify for ECVRF-RISTRETTO255-SHA512 (c2sp.org/vrf-r255),
    /// the check `vrf-r255` makes, computed in variable time: a proof, a key and an input
    /// are public, so nothing here needs the constant-time scalar multiplications the
    /// prover's side does, and U = s·B − c·Y and V = s·H − c·Γ are each one multi-scalar
    /// multiplication. The two agree on every key, input and proof (the tests check it
    /// against `vrf-r255` on valid, altered and random proofs, and on the suite's test
    /// vector).
    pub fn verify(&self, size: u64, root: &[u8; 32], proof: &VrfProof) -> Option<[u8; 64]> {
        vrf_verify(&self.0, &vrf_input(size, root), &proof.0)
    }
}

/// VRF outputs whose proofs were checked before the fold, so that applying a `draw`
/// statement need not check them again: the node's drawer checks each party's proof as it
/// collects it, off the sequencer's thread, and an auditor checks a bundle's proofs on every
/// core before it applies the bundle in order.
///
/// Only [`CheckedOutputs::check`] adds an output, and only for a proof that verifies, keyed
/// by the key, the tree and the proof's bytes: whoever holds one cannot make the core take
/// a proof it would refuse, and a proof for another key or tree is simply not found (the
/// core then checks it itself). Applying with checked outputs and without gives the same
/// state and the same refusals.
#[derive(Clone, Debug, Default)]
pub struct CheckedOutputs {
    outputs: BTreeMap<CheckedProof, [u8; VRF_OUTPUT_BYTES]>,
}

/// What an output is kept under: the key, the tree's size and root, the proof's bytes.
type CheckedProof = (VrfKey, u64, [u8; 32], [u8; VRF_PROOF_BYTES]);

impl CheckedOutputs {
    /// None checked: the fold checks every proof itself.
    pub fn none() -> CheckedOutputs {
        CheckedOutputs::default()
    }

    /// Checks `proof` as `key`'s over the tree of `size` entries with `root`; keeps its
    /// output and returns true if it verifies.
    pub fn check(&mut self, key: VrfKey, size: u64, root: &[u8; 32], proof: &VrfProof) -> bool {
        match key.verify(size, root, proof) {
            Some(output) => {
                self.outputs.insert((key, size, *root, proof.0), output);
                true
            }
            None => false,
        }
    }

    /// Every output kept in `other` as well.
    pub fn extend(&mut self, other: CheckedOutputs) {
        self.outputs.extend(other.outputs);
    }

    /// How many outputs are kept.
    pub fn len(&self) -> usize {
        self.outputs.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    /// The output of `proof` by `key` over the tree of `size` entries with `root`: the
    /// kept one, or else checked now.
    pub(crate) fn output(
        &self,
        key: &VrfKey,
        size: u64,
        root: &[u8; 32],
        proof: &VrfProof,
    ) -> Option<[u8; VRF_OUTPUT_BYTES]> {
        match self.outputs.get(&(*key, size, *root, proof.0)) {
            Some(output) => Some(*output),
            None => key.verify(size, root, proof),
        }
    }
}

/// The suite string of ECVRF-RISTRETTO255-SHA512 (c2sp.org/vrf-r255).
const VRF_SUITE: &[u8] = b"\xFFc2sp.org/vrf-r255";
/// Bytes of the challenge in a proof.
const VRF_CHALLENGE_BYTES: usize = 16;

/// ECVRF_verify (RFC 9381 §5.3) on ristretto255 with SHA-512, in variable time: the output
/// (proof_to_hash of Γ) if `proof` is `key`'s proof over `input`, any input. A key that does
/// not decode, or decodes to the identity, verifies nothing (validate_key = TRUE).
/// [`VrfKey::verify`] is this over [`vrf_input`].
pub fn vrf_verify(key: &[u8; 32], input: &[u8], proof: &[u8; VRF_PROOF_BYTES]) -> Option<[u8; 64]> {
    use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
    use curve25519_dalek::scalar::Scalar;
    use curve25519_dalek::traits::VartimeMultiscalarMul;
    use sha2::Sha512;

    if key == &[0; 32] {
        return None;
    }
    let y = CompressedRistretto(*key).decompress()?;
    // ECVRF_decode_proof: Γ a canonical point, c 16 bytes (always below the group order),
    // s a canonical scalar. Ristretto decoding accepts only canonical encodings, so the
    // bytes of Γ and of Y are their compressions, as the challenge hashes them.
    let (gamma_bytes, rest) = proof.split_at(32);
    let (challenge, s_bytes) = rest.split_at(VRF_CHALLENGE_BYTES);
    let gamma_bytes: [u8; 32] = gamma_bytes.try_into().expect("32 bytes");
    let gamma = CompressedRistretto(gamma_bytes).decompress()?;
    let mut c_wide = [0u8; 32];
    c_wide[..VRF_CHALLENGE_BYTES].copy_from_slice(challenge);
    let c = Scalar::from_bytes_mod_order(c_wide);
    let s: Scalar =
        Option::from(Scalar::from_canonical_bytes(s_bytes.try_into().expect("32 bytes")))?;
    // ECVRF_encode_to_curve with the key's bytes as the salt.
    let mut hasher = Sha512::new_with_prefix(VRF_SUITE);
    hasher.update([0x82]);
    hasher.update(key);
    hasher.update(input);
    let h = RistrettoPoint::from_uniform_bytes(&hasher.finalize().into());
    let u = RistrettoPoint::vartime_double_scalar_mul_basepoint(&-c, &y, &s);
    let v = RistrettoPoint::vartime_multiscalar_mul([s, -c], [h, gamma]);
    // ECVRF_challenge_generation over (Y, H, Γ, U, V).
    let mut hasher = Sha512::new_with_prefix(VRF_SUITE);
    hasher.update([0x02]);
    hasher.update(key);
    hasher.update(h.compress().as_bytes());
    hasher.update(gamma_bytes);
    hasher.update(u.compress().as_bytes());
    hasher.update(v.compress().as_bytes());
    hasher.update([0x00]);
    if hasher.finalize()[..VRF_CHALLENGE_BYTES] != *challenge {
        return None;
    }
    // ECVRF_proof_to_hash.
    let mut hasher = Sha512::new_with_prefix(VRF_SUITE);
    hasher.update([0x03]);
    hasher.update(gamma_bytes);
    hasher.update([0x00]);
    Some(hasher.finalize().into())
}

impl fmt::Display for VrfKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "VRF key {}", hex::encode(&self.0[..4]))
    }
}

impl fmt::Debug for VrfKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, formatter)
    }
}

/// A VRF secret key: what a party's witness holds. The core never holds one; the tests,
/// the simulator and the demo's witnesses do.
#[derive(Clone, Copy, Debug)]
pub struct VrfSecretKey(vrf_r255::SecretKey);

impl VrfSecretKey {
    /// The key whose scalar these bytes encode canonically (little-endian, below the group
    /// order, not zero).
    pub fn from_bytes(bytes: [u8; 32]) -> Option<VrfSecretKey> {
        Option::from(vrf_r255::SecretKey::from_bytes(bytes)).map(VrfSecretKey)
    }

    /// A key derived from 32 uniformly random bytes: the top four bits are cleared, so the
    /// scalar is below 2^252, under the group order (the bias this leaves is nil for a
    /// key: 2^252 possible scalars).
    pub fn from_seed(mut seed: [u8; 32]) -> VrfSecretKey {
        seed[31] &= 0x0f;
        if seed == [0; 32] {
            seed[0] = 1;
        }
        VrfSecretKey::from_bytes(seed).expect("a scalar below 2^252 other than 0 is a key")
    }

    /// The secret scalar's bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public key.
    pub fn public_key(&self) -> VrfKey {
        VrfKey(vrf_r255::PublicKey::from(self.0).to_bytes())
    }

    /// The proof for the tree of `size` entries with `root` (its output is what
    /// [`VrfKey::verify`] returns).
    pub fn prove(&self, size: u64, root: &[u8; 32]) -> VrfProof {
        VrfProof(self.0.prove(&vrf_input(size, root)).to_bytes())
    }
}

/// A VRF proof (80 bytes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct VrfProof(pub [u8; VRF_PROOF_BYTES]);

impl fmt::Debug for VrfProof {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "VRF proof {}…", hex::encode(&self.0[..4]))
    }
}

/// The VRF input for the tree of `size` entries with `root`: [`VRF_INPUT_CONTEXT`], the
/// size as a big-endian `u64`, the root. The witness builds the same bytes.
pub fn vrf_input(size: u64, root: &[u8; 32]) -> [u8; VRF_INPUT_BYTES] {
    let mut input = [0u8; VRF_INPUT_BYTES];
    let context = VRF_INPUT_CONTEXT.len();
    input[..context].copy_from_slice(VRF_INPUT_CONTEXT);
    input[context..context + 8].copy_from_slice(&size.to_be_bytes());
    input[context + 8..].copy_from_slice(root);
    input
}

/// The draw's seed for the tree of `size` entries with `root`: SHA-256 of
/// [`DRAW_SEED_CONTEXT`], the size (`u64`), the root and each party's VRF output, in
/// charter order.
pub fn draw_seed(size: u64, root: &[u8; 32], outputs: &[[u8; VRF_OUTPUT_BYTES]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(DRAW_SEED_CONTEXT);
    hasher.update(size.to_be_bytes());
    hasher.update(root);
    for output in outputs {
        hasher.update(output);
    }
    hasher.finalize().into()
}

/// One draw as a `draw` statement carries it: the tree that ends with the arrival, and
/// every VRF party's proof over it, in charter order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawProofs {
    /// The tree's size: the arrival's entry index plus one.
    pub size: u64,
    /// The tree's root.
    pub root: [u8; 32],
    /// One proof per party whose charter entry names a VRF key, in charter order.
    pub proofs: Vec<VrfProof>,
}

/// An arrival's lanes waiting for their draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingDraw {
    /// The root of the tree that ends with the arrival.
    pub root: [u8; 32],
    /// The movement (index in the state's movements); the draw is for its current visit.
    pub movement: usize,
    /// The random red rate of the regime in force at the arrival, parts per million: a
    /// regime that takes effect before the draw does not change the odds the arrival got.
    pub random_red_ppm: u32,
    /// The random yellow rate, likewise.
    pub random_yellow_ppm: u32,
}

/// RFC 6962's leaf hash: SHA-256 of `0x00` and the entry's bytes.
pub fn leaf_hash(entry: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(entry);
    hasher.finalize().into()
}

/// RFC 6962's interior node hash: SHA-256 of `0x01`, the left and the right child.
pub fn node_hash(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update([1u8]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The right edge of an RFC 6962 tree: the roots of its perfect subtrees, one per set bit
/// of its size, largest (leftmost) first. Appending costs one leaf hash and one node hash
/// per trailing set bit (two hashes on average); a root costs one node hash per set bit.
/// So the core keeps at most 64 hashes however long the log grows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeEdge {
    size: u64,
    hashes: Vec<[u8; 32]>,
}

impl TreeEdge {
    /// The edge of a tree of `size` entries from its subtree roots; `None` unless there is
    /// one per set bit of `size`.
    pub fn from_parts(size: u64, hashes: Vec<[u8; 32]>) -> Option<TreeEdge> {
        (hashes.len() == size.count_ones() as usize).then_some(TreeEdge { size, hashes })
    }

    /// The tree's size.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The subtree roots, largest first.
    pub fn hashes(&self) -> &[[u8; 32]] {
        &self.hashes
    }

    /// Appends a leaf (its [`leaf_hash`]).
    pub fn push(&mut self, leaf: [u8; 32]) {
        let mut hash = leaf;
        let mut size = self.size;
        while size & 1 == 1 {
            let left = self.hashes.pop().expect("one subtree per set bit");
            hash = node_hash(&left, &hash);
            size >>= 1;
        }
        self.hashes.push(hash);
        self.size += 1;
        assert_eq!(self.hashes.len(), self.size.count_ones() as usize, "one subtree per set bit");
    }

    /// The root of this tree with `leaf` appended, without appending it.
    pub fn root_with(&self, leaf: [u8; 32]) -> [u8; 32] {
        let mut hash = leaf;
        let mut size = self.size;
        let mut hashes = self.hashes.iter().rev();
        // The leaf first merges with the subtrees it completes, then is hashed under each
        // remaining subtree to its left, as RFC 6962's split at the largest power of two.
        while size & 1 == 1 {
            hash = node_hash(hashes.next().expect("one subtree per set bit"), &hash);
            size >>= 1;
        }
        for left in hashes {
            hash = node_hash(left, &hash);
        }
        hash
    }

    /// The root of the tree (SHA-256 of nothing for the empty tree).
    pub fn root(&self) -> [u8; 32] {
        let mut hashes = self.hashes.iter().rev();
        let Some(last) = hashes.next() else {
            return Sha256::digest([]).into();
        };
        hashes.fold(*last, |right, left| node_hash(left, &right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6962's recursive root, the reference the edge is checked against.
    fn reference_root(leaves: &[[u8; 32]]) -> [u8; 32] {
        match leaves.len() {
            0 => Sha256::digest([]).into(),
            1 => leaves[0],
            n => {
                let split = n.next_power_of_two() / 2;
                node_hash(&reference_root(&leaves[..split]), &reference_root(&leaves[split..]))
            }
        }
    }

    #[test]
    fn the_edge_gives_the_rfc_6962_root_at_every_size() {
        let mut edge = TreeEdge::default();
        let mut leaves = Vec::new();
        for index in 0u64..70 {
            let leaf = leaf_hash(&index.to_be_bytes());
            assert_eq!(
                edge.root_with(leaf),
                reference_root(&[leaves.as_slice(), &[leaf]].concat())
            );
            edge.push(leaf);
            leaves.push(leaf);
            assert_eq!(edge.root(), reference_root(&leaves), "size {}", index + 1);
            assert_eq!(edge.hashes().len(), edge.size().count_ones() as usize);
        }
        assert_eq!(TreeEdge::default().root(), reference_root(&[]));
        assert!(TreeEdge::from_parts(3, vec![[0; 32]]).is_none());
    }

    /// The test vector of c2sp.org/vrf-r255 (ECVRF-RISTRETTO255-SHA512): the crate the core
    /// relies on proves and verifies exactly what the specification says.
    #[test]
    fn the_vrf_follows_the_specification_vector() {
        let hex32 = |text: &str| -> [u8; 32] {
            hex::decode(text).expect("hex").try_into().expect("32 bytes")
        };
        let secret = VrfSecretKey::from_bytes(hex32(
            "3431c2b03533e280b23232e280b34e2c3132c2b03238e280b23131e280b34500",
        ))
        .expect("the vector's key");
        assert_eq!(
            hex::encode(secret.public_key().0),
            "54136cd90d99fbd1d4e855d9556efea87ba0337f2a6ce22028d0f5726fcb854e"
        );
        let alpha = hex::decode("633273702e6f72672f7672662d72323535").expect("hex");
        let proof = secret.0.prove(&alpha);
        assert_eq!(
            hex::encode(proof.to_bytes()),
            "0a97d961262fb549b4175c5117860f42ae44a123f93c476c439eddd1c0cff9265c805525233e2284\
             dbed45e593b8eea31d5ca9734d72bcbba9738d5237f955f3b2422351149d1312503b6441a47c940c"
        );
        let key = vrf_r255::PublicKey::from_bytes(secret.public_key().0).expect("valid");
        let output: Option<[u8; 64]> = key.verify(&alpha, &proof).into();
        assert_eq!(
            hex::encode(output.expect("verifies")),
            "dd653f0879b48c3ef69e13551239bec4cbcc1c18fe8894de2e9e1c790e18273603bf1c6c25d7a797\
             aeff3c43fd32b974d3fcbd4bcce916007097922a3ea3a794"
        );
    }

    #[test]
    fn a_proof_holds_only_for_its_key_size_and_root() {
        let secret = VrfSecretKey::from_seed([7; 32]);
        let other = VrfSecretKey::from_seed([8; 32]);
        let proof = secret.prove(5, &[1; 32]);
        let key = secret.public_key();
        let output = key.verify(5, &[1; 32], &proof).expect("its own proof verifies");
        assert_eq!(secret.prove(5, &[1; 32]), proof, "proving is deterministic");
        assert_eq!(key.verify(6, &[1; 32], &proof), None);
        assert_eq!(key.verify(5, &[2; 32], &proof), None);
        assert_eq!(other.public_key().verify(5, &[1; 32], &proof), None);
        assert_ne!(
            output,
            other.public_key().verify(5, &[1; 32], &other.prove(5, &[1; 32])).expect("verifies")
        );
        assert_eq!(VrfKey::from_bytes([0; 32]), None, "the identity is no key");
    }
}
