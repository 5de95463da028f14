//! Confidential payloads: the clear data behind a statement's commitments, kept by the node
//! for the roles the regime names, and the signed requests that read them.
//!
//! The log holds only salted commitments (consignee, goods descriptions and values, an
//! inspection's findings, an incident's details and resolution). A submitter may attach the
//! payload and salt of each commitment to its submission; the node checks each against the
//! statement's commitment before the statement is sequenced, and stores it before it
//! acknowledges. A reader signs its request with an enrolled key, naming the log's origin;
//! the node checks the key's enrolment, the signature and the request's freshness, then
//! keeps its nonce in the store (replay protection that holds across restarts and on every
//! node of a group), and checks the key's role. The scheme is described in `docs/API.md`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::state::{Holder, KeyRecord};
use passage_core::{PublicKey, State, Statement};
use passage_store::{PAYLOAD_BYTES_MAX, PAYLOADS_PER_CALL_MAX, PayloadRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use utoipa::ToSchema;

// A submission's payloads and their checks against the statement's commitments: in the
// bodies' module, which the fuzz targets compile on its own.
pub use crate::api::bodies::{
    ATTACHED_PAYLOADS_MAX, AttachedPayload, CheckedPayload, PayloadError, check_attached,
    commitments,
};

// What the bodies' checks let through, the store takes in one call.
const _: () = assert!(ATTACHED_PAYLOADS_MAX <= PAYLOADS_PER_CALL_MAX);
const _: () = assert!(passage_core::signed::PAYLOAD_BYTES_MAX <= PAYLOAD_BYTES_MAX);

/// The store's row of a checked payload, once its entry's index is known.
pub fn payload_row(checked: CheckedPayload, entry_index: u64) -> PayloadRow {
    let (commitment, salt) = (checked.commitment().0, checked.salt());
    let (field, payload) = checked.into_field_and_payload();
    PayloadRow { entry_index, field, commitment, salt, payload }
}

/// Header carrying the reader's public key, 64 hex digits.
pub const HEADER_KEY: &str = "passage-key";
/// Header carrying the request's time, milliseconds since the Unix epoch.
pub const HEADER_TIMESTAMP: &str = "passage-timestamp";
/// Header carrying the request's nonce, 16 to [`NONCE_BYTES_MAX`] characters of
/// `[A-Za-z0-9_-]`.
pub const HEADER_NONCE: &str = "passage-nonce";
/// Header carrying the Ed25519 signature of the request, base64 (standard, padded).
pub const HEADER_SIGNATURE: &str = "passage-signature";
/// The first line of the signed message: names the scheme and its version. Version 2 names
/// the log's origin on the next line, so a request signed for one corridor's node is
/// refused by another's.
pub const REQUEST_CONTEXT: &str = "passage request v2";

/// How far a request's timestamp may lag the node's clock: five minutes covers a request
/// delayed on a bad connection and a device whose clock is a little slow; a request older
/// than that is stale.
pub const REQUEST_SKEW_MS_MAX: u64 = 5 * 60 * 1_000;
/// How far a request's timestamp may run ahead of the node's clock. Small, so a request
/// cannot be signed to stay valid (and its nonce remembered) long into the future; thirty
/// seconds covers a device clock that NTP keeps close.
pub const REQUEST_FORWARD_SKEW_MS_MAX: u64 = 30 * 1_000;
/// Nonces one key may hold in the store at a time: 1,000 in the window is three signed
/// reads a second, more than a person or an auditor's tool pages through. Only enrolled
/// keys reach the store (the enrolment is checked first), so the table holds at most this
/// many rows per enrolled key, each kept until its request leaves the window.
pub const REQUEST_NONCES_PER_KEY_MAX: u32 = 1_000;
/// Shortest nonce: 16 characters of base64 or hex carry at least 64 random bits.
pub const NONCE_BYTES_MIN: usize = 16;
/// Longest nonce.
pub const NONCE_BYTES_MAX: usize = 64;

/// A stored payload as a reader receives it: enough to check it against the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RevealedPayload {
    /// Which commitment of the statement it opens.
    pub field: String,
    /// The commitment, 64 hex digits, as in the statement.
    pub commitment: String,
    /// The salt, base64.
    pub salt: String,
    /// The payload, base64.
    pub payload: String,
}

impl From<PayloadRow> for RevealedPayload {
    fn from(row: PayloadRow) -> RevealedPayload {
        RevealedPayload {
            field: row.field,
            commitment: hex::encode(row.commitment),
            salt: BASE64.encode(row.salt),
            payload: BASE64.encode(&row.payload),
        }
    }
}

/// The parts of a signed request, as read from its headers.
#[derive(Clone, Debug)]
pub struct RequestSignature {
    /// The reader's key.
    pub key: PublicKey,
    /// The request's time (ms since the epoch).
    pub timestamp_ms: u64,
    /// The nonce.
    pub nonce: String,
    /// The Ed25519 signature.
    pub signature: [u8; 64],
}

/// Why a signed request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// A header is missing or malformed (401 `unsigned`).
    #[error("{0}")]
    Unsigned(String),
    /// The signature does not verify (401 `bad_signature`).
    #[error("the request signature does not verify for key {0}")]
    BadSignature(String),
    /// The key is not enrolled, or revoked (401 `unknown_signer`).
    #[error("key {0} is not enrolled or was revoked")]
    UnknownKey(String),
    /// The timestamp is outside the window (401 `stale_request`).
    #[error(
        "the request's timestamp is {0} ms from the node's clock; at most {REQUEST_SKEW_MS_MAX}"
    )]
    Stale(u64),
    /// The nonce was seen within the window (401 `replayed_request`).
    #[error("this request's nonce was already used; sign each request with a fresh nonce")]
    Replayed,
    /// This key made too many signed requests in the window (503).
    #[error(
        "this key made {REQUEST_NONCES_PER_KEY_MAX} signed requests in the last \
         {REQUEST_SKEW_MS_MAX} ms; retry shortly"
    )]
    KeyBusy,
}

impl RequestSignature {
    /// Reads the four headers.
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Result<RequestSignature, RequestError> {
        let text = |name: &str| -> Result<&str, RequestError> {
            headers
                .get(name)
                .ok_or_else(|| {
                    RequestError::Unsigned(format!(
                        "reading confidential data needs a signed request: header `{name}` is \
                         missing (see the API documentation's request signatures)"
                    ))
                })?
                .to_str()
                .map_err(|_| RequestError::Unsigned(format!("header `{name}` is not text")))
        };
        let unsigned = |message: &str| RequestError::Unsigned(message.to_owned());
        let key: [u8; 32] = hex::decode(text(HEADER_KEY)?)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| unsigned("header `passage-key` is not 64 hex digits"))?;
        let timestamp_ms = text(HEADER_TIMESTAMP)?
            .parse()
            .map_err(|_| unsigned("header `passage-timestamp` is not milliseconds since 1970"))?;
        let nonce = text(HEADER_NONCE)?.to_owned();
        let nonce_ok = (NONCE_BYTES_MIN..=NONCE_BYTES_MAX).contains(&nonce.len())
            && nonce.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_".contains(&byte));
        if !nonce_ok {
            return Err(RequestError::Unsigned(format!(
                "header `passage-nonce` is {NONCE_BYTES_MIN} to {NONCE_BYTES_MAX} characters of \
                 letters, digits, `-` and `_`"
            )));
        }
        let signature: [u8; 64] = BASE64
            .decode(text(HEADER_SIGNATURE)?)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| unsigned("header `passage-signature` is not base64 of 64 bytes"))?;
        Ok(RequestSignature { key: PublicKey(key), timestamp_ms, nonce, signature })
    }

    /// Verifies the signature over the log's origin and the request's method, path, query
    /// and body.
    pub fn verify(
        &self,
        origin: &str,
        method: &str,
        path: &str,
        query: &str,
        body: &[u8],
    ) -> Result<(), RequestError> {
        let message = signed_request_message(
            origin,
            method,
            path,
            query,
            self.timestamp_ms,
            &self.nonce,
            body,
        );
        let bad = || RequestError::BadSignature(hex::encode(&self.key.0[..4]));
        let key = ed25519_dalek::VerifyingKey::from_bytes(&self.key.0).map_err(|_| bad())?;
        key.verify_strict(
            message.as_bytes(),
            &ed25519_dalek::Signature::from_bytes(&self.signature),
        )
        .map_err(|_| bad())
    }
}

/// The text a reader signs: the scheme's context line, then the log's origin (the node's
/// checkpoints' first line), the method, path, query (without `?`, empty if none),
/// timestamp, nonce and the body's SHA-256 in hex, each on its own line ending in `\n`.
pub fn signed_request_message(
    origin: &str,
    method: &str,
    path: &str,
    query: &str,
    timestamp_ms: u64,
    nonce: &str,
    body: &[u8],
) -> String {
    let body_sha256 = hex::encode(Sha256::digest(body));
    format!(
        "{REQUEST_CONTEXT}\n{origin}\n{method}\n{path}\n{query}\n{timestamp_ms}\n{nonce}\n\
         {body_sha256}\n"
    )
}

impl RequestSignature {
    /// Refuses a timestamp more than [`REQUEST_SKEW_MS_MAX`] behind `now_ms` or more than
    /// [`REQUEST_FORWARD_SKEW_MS_MAX`] ahead of it: checked before the nonce is stored.
    pub fn check_fresh(&self, now_ms: u64) -> Result<(), RequestError> {
        let timestamp = self.timestamp_ms;
        if timestamp > now_ms.saturating_add(REQUEST_FORWARD_SKEW_MS_MAX)
            || now_ms.saturating_sub(timestamp) > REQUEST_SKEW_MS_MAX
        {
            return Err(RequestError::Stale(now_ms.abs_diff(timestamp)));
        }
        Ok(())
    }

    /// The nonce as the store keeps it: until the request's timestamp leaves the window
    /// (after that the request is refused as stale anyway).
    pub fn stored_nonce(&self) -> passage_store::RequestNonce {
        let expires_at_ms = self.timestamp_ms.saturating_add(REQUEST_SKEW_MS_MAX);
        passage_store::RequestNonce {
            reader: self.key.0,
            nonce: self.nonce.clone(),
            expires_at_ms: i64::try_from(expires_at_ms).unwrap_or(i64::MAX),
        }
    }
}

/// The record of `key` if it is enrolled and not revoked; otherwise the signed read is
/// refused as `unknown_signer`.
pub fn enrolled_reader<'a>(
    state: &'a State,
    key: &PublicKey,
) -> Result<&'a KeyRecord, RequestError> {
    state
        .key(key)
        .filter(|record| record.revoked_at_entry.is_none())
        .ok_or_else(|| RequestError::UnknownKey(hex::encode(&key.0[..4])))
}

/// Whether the holder of `key` may read the payloads of `statement` (signed by `signer`):
/// for the mission's own statements, [`may_read_mission`]; for the others, an officer
/// whose role and party the regime's `confidential_read` names, or the carrier whose
/// movement the statement concerns (or who signed it).
pub fn may_read(
    state: &State,
    key: &PublicKey,
    signer: &PublicKey,
    statement: &Statement,
) -> Result<bool, RequestError> {
    let record = enrolled_reader(state, key)?;
    if is_the_mission_s(statement) {
        return Ok(may_read_mission(state, record));
    }
    Ok(match &record.holder {
        Holder::Officer { party, role, .. } => {
            let party = &state.charter().parties[*party].id;
            state.regime().confidential_read.allows(*role, party)
        }
        Holder::Carrier { carrier } => {
            let carrier = &state.carriers()[*carrier];
            let signed_by_carrier = carrier.keys.contains(signer);
            let movement_of_carrier = statement_mrn(statement)
                .and_then(|mrn| state.movement(&mrn))
                .is_some_and(|movement| movement.carrier == carrier.id);
            signed_by_carrier || movement_of_carrier
        }
        Holder::Authority { .. } | Holder::Guarantor { .. } => false,
    })
}

/// Whether a statement's payloads are the monitoring mission's own: an observation's
/// details and attachments, a signed report's narrative. What a monitor saw is the
/// mission's to tell; the regime's `[confidential] read`, which lets officers read the
/// traders' data behind the acts they make, does not reach it.
pub fn is_the_mission_s(statement: &Statement) -> bool {
    matches!(statement, Statement::Observe { .. } | Statement::SignReport { .. })
}

/// Whether `record`'s holder may read the mission's own payloads: a monitor of the mission
/// or its authority, or the authority of a party the regime's `[confidential]
/// mission_read` names. Never a carrier, a guarantor, nor an officer of another party.
pub fn may_read_mission(state: &State, record: &KeyRecord) -> bool {
    let Some(mission) = state.charter().mission() else {
        return false;
    };
    match &record.holder {
        Holder::Officer { party, role, .. } => {
            *party == mission && *role == passage_core::statement::OfficerRole::Monitor
        }
        Holder::Authority { party } => {
            *party == mission
                || state.regime().mission_read.contains(&state.charter().parties[*party].id)
        }
        Holder::Carrier { .. } | Holder::Guarantor { .. } => false,
    }
}

/// Whether the holder of `key` may read the payloads of every entry of movement `mrn`:
/// an officer whose role and party the regime's `confidential_read` names, or the movement's
/// carrier (the same rule as [`may_read`] applies to each of the movement's entries).
/// `Ok(None)` when the state holds no such movement; a key not enrolled (or revoked) is
/// refused before the movement is looked up, so it learns nothing about it.
pub fn may_read_movement(
    state: &State,
    key: &PublicKey,
    mrn: &passage_core::Mrn,
) -> Result<Option<bool>, RequestError> {
    let record = enrolled_reader(state, key)?;
    let Some(movement) = state.movement(mrn) else { return Ok(None) };
    Ok(Some(match &record.holder {
        Holder::Officer { party, role, .. } => {
            let party = &state.charter().parties[*party].id;
            state.regime().confidential_read.allows(*role, party)
        }
        Holder::Carrier { carrier } => state.carriers()[*carrier].id == movement.carrier,
        Holder::Authority { .. } | Holder::Guarantor { .. } => false,
    }))
}

/// The movement a statement with commitments concerns (a declaration's MRN is allocated
/// by the core, so it has none here; its signer is the carrier).
fn statement_mrn(statement: &Statement) -> Option<passage_core::Mrn> {
    match statement {
        Statement::Amend { mrn, .. }
        | Statement::Inspection { mrn, .. }
        | Statement::ReportIncident { mrn, .. }
        | Statement::RecordIncident { mrn, .. }
        | Statement::CloseIncident { mrn, .. }
        | Statement::AnswerEnquiry { mrn, .. }
        | Statement::CloseEnquiry { mrn, .. } => Some(*mrn),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    /// A signed request's parts from `key` at `timestamp_ms`.
    fn request(key: u8, timestamp_ms: u64) -> RequestSignature {
        RequestSignature {
            key: PublicKey([key; 32]),
            timestamp_ms,
            nonce: "nonce-0000000001".into(),
            signature: [0; 64],
        }
    }

    #[test]
    fn the_mission_s_own_payloads_are_read_by_it_and_by_the_parties_the_regime_names() {
        use passage_core::statement::{IncidentKind, IncidentPlace, ObservationCategory};
        use passage_core::testing::{self, Scenario, ScenarioConfig, ident, public_key_for};
        let line = "read = [\"customs:AM\", \"monitor\"]";
        assert!(testing::SYUNIK_REGIME_MONITORED.contains(line), "the shipped regime's list");
        let regime = testing::SYUNIK_REGIME_MONITORED
            .replace(line, &format!("{line}\nmission_read = [\"AZ\"]"));
        let regime: &'static str = Box::leak(regime.into_boxed_str());
        let mut scenario = Scenario::new(&ScenarioConfig::syunik_with_regime(regime));
        let truck = testing::truck("AM-TRANSIT-ROAD", "10AB150", "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        let observation = Statement::Observe {
            place: IncidentPlace::Post(ident("AM-MEGHRI-E")),
            category: ObservationCategory::Queue,
            summary: "Trucks wait".to_owned(),
            details: testing::test_commitment("details"),
            attachments: vec![testing::test_commitment("photograph")],
        };
        let report = Statement::SignReport {
            day: 20_000,
            figures: Vec::new(),
            narrative: testing::test_commitment("A quiet day."),
        };
        let incident = Statement::ReportIncident {
            mrn,
            kind: IncidentKind::Other,
            details: testing::test_commitment("seal cut"),
        };
        let read = |state: &State, reader: &str, signer: &str, statement: &Statement| {
            may_read(state, &public_key_for(reader), &public_key_for(signer), statement)
        };
        let state = &scenario.state;
        for (statement, signer) in
            [(&observation, "monitor@AM-MEGHRI-E"), (&report, "authority:MON")]
        {
            for (reader, expected) in [
                ("monitor@AM-MEGHRI-E", true),
                ("monitor@AM-AGARAK-X", true),
                ("authority:MON", true),
                ("authority:AZ", true),
                ("authority:AM", false),
                ("customs@AM-MEGHRI-E", false),
                ("carrier:ARAZ-TRUCKS", false),
            ] {
                assert_eq!(read(state, reader, signer, statement), Ok(expected), "{reader}");
            }
        }
        // The traders' data behind an act stays the regime's `read` list's: customs read it,
        // the mission's authority does not.
        assert_eq!(read(state, "customs@AM-MEGHRI-E", "customs@AM-MEGHRI-E", &incident), Ok(true));
        assert_eq!(read(state, "authority:MON", "customs@AM-MEGHRI-E", &incident), Ok(false));
        // Without `mission_read`, no other party's authority reads the mission's.
        let shipped = Scenario::syunik();
        assert_eq!(
            read(&shipped.state, "authority:AZ", "monitor@AM-MEGHRI-E", &observation),
            Ok(false)
        );
        assert_eq!(
            read(&shipped.state, "authority:MON", "monitor@AM-MEGHRI-E", &observation),
            Ok(true)
        );
        // A regime naming a party the charter lacks is refused.
        let unknown = testing::SYUNIK_REGIME_MONITORED
            .replace(line, &format!("{line}\nmission_read = [\"TR\"]"));
        let parties: Vec<_> = state.charter().parties.iter().map(|party| party.id).collect();
        let refused = passage_core::Regime::from_toml(&unknown, state.corridor(), &parties)
            .expect_err("TR is no party");
        assert!(refused.to_string().contains("mission_read"), "{refused}");
    }

    #[test]
    fn a_request_dated_a_little_ahead_is_taken_and_far_ahead_is_stale() {
        let ahead = NOW + REQUEST_FORWARD_SKEW_MS_MAX;
        assert_eq!(request(1, ahead).check_fresh(NOW), Ok(()));
        assert_eq!(
            request(1, ahead + 1).check_fresh(NOW),
            Err(RequestError::Stale(ahead + 1 - NOW))
        );
        let behind = NOW - REQUEST_SKEW_MS_MAX;
        assert_eq!(request(1, behind).check_fresh(NOW), Ok(()));
        assert!(matches!(request(1, behind - 1).check_fresh(NOW), Err(RequestError::Stale(_))));
        let stored = request(1, behind).stored_nonce();
        assert_eq!(stored.expires_at_ms, NOW as i64, "kept until it leaves the window");
    }
}
