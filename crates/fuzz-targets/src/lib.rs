//! The bodies of Passage's fuzz targets: one function per parser of bytes that come from
//! outside, each checking the laws that parser promises.
//!
//! `fuzz/fuzz_targets/<name>.rs` (cargo-fuzz, nightly) calls [`run`] with the target's
//! name, and this crate's test replays every file of `fuzz/corpus/<name>/` through the same
//! function on the stable toolchain, so the corpus the fuzzer found is a regression suite.
//! A body panics only when a law is broken: a parser that refuses its input returns an
//! error, and the body ignores it.
//!
//! The laws, where a parser has them: decoding then encoding gives back the same bytes
//! (canonical encodings and texts); whatever parses, its rendering parses to the same value;
//! nothing panics. How much a parser allocates is checked by the fuzz harness
//! (`fuzz/src/lib.rs`), which counts the bytes held during one call.

use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use passage_core::ids::{UicWagonNumber, Wagon1520Number};
use passage_core::statement::Recorded;
use passage_core::{
    Charter, ContainerNumber, Corridor, CountryCode, Currency, Entry, HsCode, Ident, Mrn, Regime,
    SignedStatement,
};
use passage_log::{
    AddCheckpointRequest, Checkpoint, Hash, KeyType, Policy, Receipt, SigningKey, TILE_WIDTH,
    TilePath, VerifierKey, check_add_checkpoint, encode_bundle, open_checkpoint, open_note,
    parse_bundle,
};

/// What `crate::language` is to the declaration file in the CLI: its refusals' texts. The
/// fuzzer reads no translation file: a text is its message key and its arguments, which
/// still tell one refusal from another.
mod language {
    macro_rules! tr {
        ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
            #[allow(unused_mut)]
            let mut text = String::from($key);
            $(text.push_str(&format!(" {}={}", stringify!($name), $value));)*
            text
        }};
    }
    pub(crate) use tr;
}

/// The CLI's declaration file, compiled from the CLI's own source so that the fuzzer and
/// the command run the same code without this crate depending on the whole binary.
#[allow(dead_code)]
#[path = "../../cli/src/declaration.rs"]
mod declaration;

/// The node's request bodies and the files `passage submit` sends, compiled from the
/// node's own source for the same reason: the node depends on its store and its HTTP
/// stack, this file on the core, serde, base64, utoipa and thiserror only.
#[path = "../../node/src/api/bodies.rs"]
pub mod bodies;

/// A target's body: it panics only on a broken law.
pub type Body = fn(&[u8]);

/// The targets by name: the fuzz target of each name and the corpus folder of each name
/// run this function.
pub const TARGETS: &[(&str, Body)] = &[
    ("statement", statement),
    ("entry", entry),
    ("note", note),
    ("checkpoint", checkpoint),
    ("tile_path", tile_path),
    ("bundle", bundle),
    ("receipt", receipt),
    ("policy", policy),
    ("witness_request", witness_request),
    ("key", key),
    ("identifiers", identifiers),
    ("charter", charter),
    ("regime", regime),
    ("declaration", declaration),
    ("request_body", request_body),
    ("saved_statement", saved_statement),
];

/// Runs the target called `name` on `data`.
///
/// # Panics
///
/// If no target has that name, or if the target finds a broken law.
pub fn run(name: &str, data: &[u8]) {
    let (_, body) = TARGETS
        .iter()
        .find(|(target, _)| *target == name)
        .unwrap_or_else(|| panic!("no fuzz target is called {name}"));
    body(data);
}

/// The origin of the log whose key the targets know (the log fixtures' origin, so notes
/// signed by the fixtures open here).
pub const LOG_ORIGIN: &str = "corridor.example/log";

/// The log key the note, checkpoint, receipt, policy and witness targets know: the log
/// fixtures' key (`passage_log::testing::log_key`).
pub fn log_key() -> SigningKey {
    SigningKey::from_seed(LOG_ORIGIN, KeyType::Ed25519, [1; 32]).expect("a valid key name")
}

/// A witness key the targets know, so cosigned seeds reach the cosignature checks.
pub fn witness_key() -> SigningKey {
    SigningKey::from_seed("witness.example/am", KeyType::CosignatureV1, [2; 32])
        .expect("a valid key name")
}

/// What the targets read on every run, made once: deriving keys, signing and parsing the
/// shipped corridor would otherwise cost more than the parser under test.
struct Fixtures {
    log: VerifierKey,
    witness: VerifierKey,
    witness_signer: SigningKey,
    /// A checkpoint of size 1 signed by the log, for the policy target.
    note: String,
    corridor: Corridor,
    parties: Vec<Ident>,
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let log_signer = log_key();
        let note = Checkpoint {
            origin: LOG_ORIGIN.into(),
            size: 1,
            root: passage_log::leaf_hash(b"entry"),
            extensions: vec![],
        }
        .sign(&log_signer)
        .expect("the fixture checkpoint signs");
        let witness_signer = witness_key();
        Fixtures {
            log: log_signer.verifier_key(),
            witness: witness_signer.verifier_key(),
            witness_signer,
            note,
            corridor: Corridor::from_toml(passage_core::corridors::SYUNIK_CORRIDOR)
                .expect("the shipped corridor parses"),
            parties: ["AM", "AZ", "MON"]
                .iter()
                .map(|id| Ident::parse(id).expect("a valid id"))
                .collect(),
        }
    })
}

/// The statement encoding (`crates/core/ENCODING.md`): whatever decodes re-encodes to the
/// same bytes.
pub fn statement(data: &[u8]) {
    let Ok(recorded) = Recorded::decode(data) else { return };
    let encoded = recorded.encode().expect("a decoded statement is within every limit");
    assert_eq!(encoded, data, "a decoded statement re-encodes to its bytes");
}

/// The signed statement (the API's submission) and the log entry that holds it: each
/// re-encodes to its bytes; checking the signature and decoding the statement never panic.
pub fn entry(data: &[u8]) {
    if let Ok(signed) = SignedStatement::decode(data) {
        assert_eq!(signed.encode(), data, "a decoded envelope re-encodes to its bytes");
        signed_statement_checks(&signed);
    }
    if let Ok(entry) = Entry::decode(data) {
        assert_eq!(entry.encode(), data, "a decoded entry re-encodes to its bytes");
        signed_statement_checks(&entry.statement);
    }
}

fn signed_statement_checks(signed: &SignedStatement) {
    let _ = signed.verify_signature();
    let _ = signed.id();
    if let Ok(recorded) = signed.decode_statement() {
        let encoded = recorded.encode().expect("a decoded statement is within every limit");
        assert_eq!(encoded, signed.statement, "the carried statement re-encodes to its bytes");
    }
}

/// A signed note (c2sp.org/signed-note) opened with the log's and a witness's keys: an
/// opened note's text is what precedes its signatures, and opening it as a checkpoint
/// never panics.
pub fn note(data: &[u8]) {
    let fixtures = fixtures();
    let known = [fixtures.log.clone(), fixtures.witness.clone()];
    if let Ok(opened) = open_note(data, &known) {
        assert!(data.starts_with(opened.text.as_bytes()), "a note's text is its beginning");
        assert!(!opened.verified.is_empty(), "an opened note has a verified signature");
    }
    let _ = open_checkpoint(data, &fixtures.log, std::slice::from_ref(&fixtures.witness));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = passage_log::add_cosignature(text, &fixtures.witness_signer, 1_700_000_000);
    }
}

/// A checkpoint's text (c2sp.org/tlog-checkpoint): whatever parses renders to the same
/// bytes.
pub fn checkpoint(data: &[u8]) {
    let Ok(checkpoint) = Checkpoint::parse(data) else { return };
    assert_eq!(checkpoint.to_text().as_bytes(), data, "a checkpoint renders to its text");
}

/// A tile path (c2sp.org/tlog-tiles): only the canonical spelling parses, so a parsed path
/// renders to itself.
pub fn tile_path(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(path) = TilePath::parse(text) else { return };
    assert_eq!(path.path(), text, "a parsed tile path is canonical");
}

/// An entry bundle: the first byte picks the width it must hold (1 to 256), the rest is
/// the bundle; what parses encodes back to the same bytes.
pub fn bundle(data: &[u8]) {
    let Some((&width, bundle)) = data.split_first() else { return };
    let width = if width == 0 { TILE_WIDTH } else { u16::from(width) };
    let Ok(entries) = parse_bundle(bundle, width) else { return };
    assert_eq!(entries.len(), usize::from(width), "a bundle holds its width's entries");
    assert_eq!(encode_bundle(entries), bundle, "a parsed bundle encodes to its bytes");
}

/// An offline receipt (c2sp.org/tlog-proof): whatever parses renders to the same bytes,
/// and verifying it against a policy that trusts the log and the witness never panics.
pub fn receipt(data: &[u8]) {
    let Ok(receipt) = Receipt::parse(data) else { return };
    assert_eq!(receipt.to_text().as_bytes(), data, "a receipt renders to its text");
    let leaf = passage_log::leaf_hash(b"entry");
    let _ = receipt.verify(&leaf, &Policy::single_log(fixtures().log.clone()));
}

/// A trust policy (c2sp.org/tlog-policy): what parses answers its quorum (no witness, every
/// witness, a wrong count) and checks a checkpoint, without panicking.
pub fn policy(data: &[u8]) {
    let Ok(policy) = Policy::parse(data) else { return };
    let count = policy.witnesses().len();
    for cosigned in [vec![false; count], vec![true; count]] {
        let _ = policy.quorum_met(&cosigned);
    }
    let _ = policy.quorum_met(&[]);
    let _ = policy.verify_checkpoint(fixtures().note.as_bytes());
}

/// The body of a witness's `add-checkpoint` request (c2sp.org/tlog-witness): whatever
/// parses renders to the same bytes, and its origin and the witness's decision (from an
/// empty log and from a log of one entry) never panic.
pub fn witness_request(data: &[u8]) {
    let Ok(request) = AddCheckpointRequest::parse(data) else { return };
    assert_eq!(request.to_text().as_bytes(), data, "a request renders to its text");
    let _ = request.origin();
    let log = &fixtures().log;
    let _ = check_add_checkpoint(&request, log, None);
    let _ = check_add_checkpoint(&request, log, Some((1, passage_log::leaf_hash(b"entry"))));
}

/// Verifier and signing keys in their text forms (`vkey`, `skey`): what parses renders to
/// the same text.
pub fn key(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(key) = VerifierKey::parse(text) {
        assert_eq!(key.to_string(), text, "a verifier key renders to its text");
    }
    if let Ok(key) = SigningKey::parse(text) {
        assert_eq!(key.to_skey(), text, "a signing key renders to its text");
    }
    let _ = Hash::from_base64(text);
}

/// The identifiers people type (MRN, container and wagon numbers, codes, identifiers):
/// what parses renders to a text that parses to the same value.
pub fn identifiers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    fn law<T: PartialEq + std::fmt::Debug + std::fmt::Display, E>(
        text: &str,
        parse: fn(&str) -> Result<T, E>,
    ) {
        if let Ok(value) = parse(text) {
            let again = parse(&value.to_string());
            assert!(again.is_ok(), "the rendering of {value:?} parses");
            assert!(again.ok().as_ref() == Some(&value), "the rendering of {value:?} is the same");
        }
    }
    law(text, Mrn::parse);
    law(text, ContainerNumber::parse);
    law(text, UicWagonNumber::parse);
    law(text, Wagon1520Number::parse);
    law(text, CountryCode::parse);
    law(text, Currency::parse);
    law(text, HsCode::parse);
    law(text, Ident::parse);
}

/// A charter document (TOML: header, corridor and regime): parsing never panics.
pub fn charter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Charter::from_toml(text);
}

/// A regime file (TOML), checked against the Syunik corridor and its three parties, as
/// `passage regime propose` and the core read a proposal: parsing never panics.
pub fn regime(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fixtures = fixtures();
    let _ = Regime::from_toml(text, &fixtures.corridor, &fixtures.parties);
}

/// The CLI's declaration file, as TOML and as JSON: reading and checking it never panics,
/// and a declaration it builds encodes as a statement.
pub fn declaration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for file in [
        declaration::DeclarationFile::from_toml(text),
        declaration::DeclarationFile::from_json(text),
    ] {
        let Ok(file) = file else { continue };
        let Ok(built) = file.build(&mut declaration::Committer::default()) else { continue };
        let recorded =
            Recorded::new(passage_core::Timestamp(0), passage_core::Statement::Declare(built));
        let _ = recorded.encode();
    }
}

/// The node's JSON request bodies (`crates/node/src/api/bodies.rs`): the body of
/// `POST /v1/statements` and that of `POST /v1/statements/batch`, read and checked as the
/// node reads and checks them before it looks at a signature. What reads serializes to JSON
/// that reads to the same value; a batch keeps at most one statement over its limit; a
/// statement's text that decodes is the canonical base64 of its envelope; checking the
/// signature, decoding the statement and checking the payloads never panic, and every
/// payload the checks accept opens its commitment.
pub fn request_body(data: &[u8]) {
    if let Ok(request) = serde_json::from_slice::<bodies::SubmitWithPayloads>(data) {
        reads_back(&request);
        submission_checks(&request.submission.statement, &request.payloads);
    }
    if let Ok(batch) = serde_json::from_slice::<bodies::SubmitBatchRequest>(data) {
        let kept = batch.statements.len();
        assert!(kept <= bodies::STATEMENTS_PER_REQUEST_MAX + 1, "a batch kept {kept} statements");
        reads_back(&batch);
        for item in &batch.statements {
            submission_checks(item.statement(), item.payloads());
        }
    }
}

/// A body serializes, and what it serializes to reads as the same body.
fn reads_back<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).expect("a body that was read serializes");
    let again: Result<T, _> = serde_json::from_str(&text);
    assert!(again.as_ref().ok() == Some(value), "{text} reads as {again:?}, not {value:?}");
}

/// The node's checks of one statement's text and its payloads, short of the state.
fn submission_checks(text: &str, payloads: &[bodies::AttachedPayload]) {
    let Ok(signed) = bodies::decode_signed(text) else { return };
    assert_eq!(BASE64.encode(signed.encode()), text, "a statement's text is canonical");
    signed_statement_checks(&signed);
    let Ok(recorded) = signed.decode_statement() else { return };
    let Ok(checked) = bodies::check_attached(&recorded.statement, payloads) else { return };
    assert_eq!(checked.len(), payloads.len(), "every payload accepted is checked");
    for payload in &checked {
        assert!(
            payload.commitment().matches(&payload.salt(), payload.payload()),
            "an accepted payload opens its commitment"
        );
    }
}

/// A statement saved by `--out` for `passage submit` (`bodies::read_saved_statement`):
/// what the command reads, the node reads from the batch the command sends, as the same
/// envelope with the same payloads; its text is canonical, the statement it carries
/// re-encodes to its bytes, and checking its payloads never panics.
pub fn saved_statement(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(saved) = bodies::read_saved_statement(text) else { return };
    let statement = &saved.request.submission.statement;
    assert_eq!(&BASE64.encode(saved.signed.encode()), statement, "the saved text is canonical");
    let encoded = saved.recorded.encode().expect("a decoded statement is within every limit");
    assert_eq!(encoded, saved.signed.statement, "the carried statement re-encodes to its bytes");
    // As `passage submit` sends it: one item of a batch.
    let sent = bodies::SubmitBatchRequest {
        statements: vec![bodies::BatchStatement::from(saved.request.clone())],
    };
    let body = serde_json::to_vec(&sent).expect("a batch serializes");
    let read: bodies::SubmitBatchRequest =
        serde_json::from_slice(&body).expect("the node reads the batch passage submit sends");
    let [item] = read.statements.as_slice() else { panic!("one statement sent, one read") };
    let signed = bodies::decode_signed(item.statement());
    assert!(signed.as_ref() == Ok(&saved.signed), "the node reads another statement: {signed:?}");
    assert_eq!(item.payloads(), saved.request.payloads, "the node reads the same payloads");
    let _ = bodies::check_attached(&saved.recorded.statement, &saved.request.payloads);
}
