//! The request bodies the node reads from outside, `POST /v1/statements` and
//! `POST /v1/statements/batch`, and the file that `--out` saves and `passage submit` sends
//! (the first body, as it would be sent): their JSON, and every check that needs nothing
//! but the body, in the order the node makes them: a statement's size, its base64, its
//! decoding, then each attached payload against the statement's commitment of its name.
//!
//! It depends on the core, serde, base64, utoipa and thiserror only, so that the fuzz
//! targets (`crates/fuzz-targets`) compile this one file rather than the node, its store
//! and its HTTP stack, and the fuzzer runs the code the node runs. The `pattern`s and
//! lengths of the OpenAPI document written here are held to these checks by a test
//! (`crates/node/tests/node/openapi.rs`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::signed::PAYLOAD_BYTES_MAX;
use passage_core::statement::Recorded;
use passage_core::{Commitment, SignedStatement, Statement};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

/// Most statements in one batch request (also the `maxItems` of the OpenAPI document).
pub const STATEMENTS_PER_REQUEST_MAX: usize = 1_000;
/// Largest signed statement: the log's entry limit (64 KiB) less the entry's own header.
pub const STATEMENT_BYTES_MAX: usize = 65_000;
/// Longest base64 text of a statement: that of [`STATEMENT_BYTES_MAX`] bytes (the
/// `maxLength` of the OpenAPI document).
pub const STATEMENT_TEXT_BYTES_MAX: usize = STATEMENT_BYTES_MAX.div_ceil(3) * 4;
/// Longest base64 text of a payload: that of the core's `PAYLOAD_BYTES_MAX` bytes.
pub const PAYLOAD_TEXT_BYTES_MAX: usize = PAYLOAD_BYTES_MAX.div_ceil(3) * 4;
/// Most payloads attached to one statement: the store's `PAYLOADS_PER_CALL_MAX` (which the
/// node checks at compile time), far more than any statement has commitments.
pub const ATTACHED_PAYLOADS_MAX: usize = 1_024;

/// Canonical base64 (standard alphabet, padded, the unused bits of the last character
/// zero): the only spelling [`BASE64`] decodes, so one byte string has one text. The
/// `pattern` of the statement's and the payloads' texts in the OpenAPI document.
pub const BASE64_PATTERN: &str =
    "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$";
/// The base64 of 32 bytes (a salt): 42 characters, the last with two unused bits, and `=`.
pub const SALT_PATTERN: &str = "^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$";
/// The names [`commitments`] gives a statement's commitments (the `pattern` of a payload's
/// `field`): indexes in decimal without leading zeros.
pub const FIELD_PATTERN: &str = "^(?:consignee|driver|findings|details|resolution|evidence|reasons|narrative|goods/(?:0|[1-9][0-9]*)/(?:description|value)|attachments/(?:0|[1-9][0-9]*))$";

/// A statement to submit: its canonical signed bytes ([`SignedStatement::encode`]), base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitRequest {
    /// Base64 (standard, padded) of the signed statement.
    #[schema(
        max_length = 86668,
        pattern = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$"
    )]
    pub statement: String,
}

/// The body of `POST /v1/statements`: a [`SubmitRequest`] with, optionally, the
/// confidential payloads behind the statement's commitments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitWithPayloads {
    /// The statement.
    #[serde(flatten)]
    pub submission: SubmitRequest,
    /// Payloads opening the statement's commitments, each checked against its commitment
    /// before the statement is sequenced and stored before the answer. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 1024)]
    pub payloads: Vec<AttachedPayload>,
}

/// Several statements, sequenced in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitBatchRequest {
    /// Each statement: base64 of the signed statement, or an object
    /// `{"statement": base64, "payloads": [...]}` as `POST /v1/statements` takes. At most
    /// `STATEMENTS_PER_REQUEST_MAX`.
    #[serde(deserialize_with = "statements_at_most_one_over")]
    #[schema(max_items = 1000)]
    pub statements: Vec<BatchStatement>,
}

/// Reads a batch's statements while keeping at most one more than
/// [`STATEMENTS_PER_REQUEST_MAX`]: past that the batch is refused whole, so the items after
/// it are only stepped over ([`IgnoredAny`](serde::de::IgnoredAny): no allocation, no
/// decoding), and a body of a million tiny items costs what a full batch costs, not a
/// million allocations. The handler refuses the one over with 413.
fn statements_at_most_one_over<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<BatchStatement>, D::Error> {
    struct Bounded;
    impl<'de> serde::de::Visitor<'de> for Bounded {
        type Value = Vec<BatchStatement>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a list of statements")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut items: A,
        ) -> Result<Vec<BatchStatement>, A::Error> {
            let capacity = items.size_hint().unwrap_or(0).min(STATEMENTS_PER_REQUEST_MAX + 1);
            let mut statements = Vec::with_capacity(capacity);
            while let Some(statement) = items.next_element()? {
                statements.push(statement);
                if statements.len() > STATEMENTS_PER_REQUEST_MAX {
                    while items.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                    break;
                }
            }
            Ok(statements)
        }
    }
    deserializer.deserialize_seq(Bounded)
}

/// One statement of a batch: base64 text alone, or with the payloads that open its
/// commitments (checked and stored exactly as `POST /v1/statements` does).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BatchStatement {
    /// Base64 (standard, padded) of the signed statement.
    Bare(String),
    /// The statement with its payloads.
    WithPayloads(SubmitWithPayloads),
}

impl BatchStatement {
    /// The statement's base64 text.
    pub fn statement(&self) -> &str {
        match self {
            BatchStatement::Bare(text) => text,
            BatchStatement::WithPayloads(request) => &request.submission.statement,
        }
    }

    /// The payloads attached, if any.
    pub fn payloads(&self) -> &[AttachedPayload] {
        match self {
            BatchStatement::Bare(_) => &[],
            BatchStatement::WithPayloads(request) => &request.payloads,
        }
    }
}

impl From<SubmitWithPayloads> for BatchStatement {
    fn from(request: SubmitWithPayloads) -> BatchStatement {
        if request.payloads.is_empty() {
            BatchStatement::Bare(request.submission.statement)
        } else {
            BatchStatement::WithPayloads(request)
        }
    }
}

// The schema written out, since the derivation puts no length or pattern on a variant: the
// bare text as `SubmitRequest`'s `statement`, or a `SubmitWithPayloads`.
impl utoipa::PartialSchema for BatchStatement {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let bare = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("Base64 (standard, padded) of the signed statement."))
            .max_length(Some(STATEMENT_TEXT_BYTES_MAX))
            .pattern(Some(BASE64_PATTERN));
        let with_payloads = utoipa::openapi::schema::RefBuilder::new()
            .ref_location_from_schema_name("SubmitWithPayloads")
            .description(Some("The statement with its payloads."));
        OneOfBuilder::new()
            .item(bare)
            .item(with_payloads)
            .description(Some(
                "One statement of a batch: base64 text alone, or with the payloads that open \
                 its commitments (checked and stored exactly as `POST /v1/statements` does).",
            ))
            .into()
    }
}

impl ToSchema for BatchStatement {
    fn schemas(
        schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
    ) {
        use utoipa::PartialSchema as _;
        schemas.push((SubmitWithPayloads::name().into(), SubmitWithPayloads::schema()));
        <SubmitWithPayloads as ToSchema>::schemas(schemas);
    }
}

// A hand-written visitor rather than `#[serde(untagged)]` on the way in: untagged
// deserialization buffers every item before trying each variant, and the bare string is
// the ingest path's common case.
impl<'de> Deserialize<'de> for BatchStatement {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = BatchStatement;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str(
                    "a statement in base64, or an object with `statement` and `payloads`",
                )
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<BatchStatement, E> {
                Ok(BatchStatement::Bare(text.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<BatchStatement, E> {
                Ok(BatchStatement::Bare(text))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<BatchStatement, A::Error> {
                let request = SubmitWithPayloads::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(BatchStatement::WithPayloads(request))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One payload attached to a submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AttachedPayload {
    /// Which commitment of the statement it opens: `consignee`, `goods/{i}/description`,
    /// `goods/{i}/value`, `driver` (declarations and amendments), `findings` (inspections),
    /// `details` (incident reports, observations), `attachments/{i}` (observations),
    /// `resolution` (incident closures), `evidence` (enquiry answers), `reasons` (contest
    /// answers), `narrative` (signed reports).
    #[schema(
        pattern = "^(?:consignee|driver|findings|details|resolution|evidence|reasons|narrative|goods/(?:0|[1-9][0-9]*)/(?:description|value)|attachments/(?:0|[1-9][0-9]*))$"
    )]
    pub field: String,
    /// The commitment's 32-byte salt, base64.
    #[schema(min_length = 44, max_length = 44, pattern = "^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$")]
    pub salt: String,
    /// The payload, base64.
    #[schema(
        max_length = 1398104,
        pattern = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$"
    )]
    pub payload: String,
}

/// Why a statement's text was refused before its signature was looked at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementTextError {
    /// Longer than [`STATEMENT_TEXT_BYTES_MAX`] (the node answers 413 `too_large`).
    #[error("a statement is at most {STATEMENT_BYTES_MAX} bytes")]
    TooLarge,
    /// Not canonical base64 (400 `bad_base64`).
    #[error("statement is not base64: {0}")]
    NotBase64(String),
    /// The bytes are not a signed statement, or what it carries is not a statement (400
    /// `malformed`).
    #[error("statement does not decode: {0}")]
    Malformed(String),
}

/// The signed statement a submission's text carries: its size, its base64 and the
/// envelope's decoding checked, in that order, before anything is decoded further.
pub fn decode_signed(text: &str) -> Result<SignedStatement, StatementTextError> {
    if text.len() > STATEMENT_TEXT_BYTES_MAX {
        return Err(StatementTextError::TooLarge);
    }
    let bytes =
        BASE64.decode(text).map_err(|error| StatementTextError::NotBase64(error.to_string()))?;
    SignedStatement::decode(&bytes)
        .map_err(|error| StatementTextError::Malformed(error.to_string()))
}

/// A statement saved by `--out` (`passage declare`, `amend`, `record`) for
/// `passage submit`: the file is the JSON body of `POST /v1/statements`, and it is checked
/// as the node checks that body, so that what the command sends is what the node reads.
#[derive(Clone, Debug)]
pub struct SavedStatement {
    /// The body, as the node will read it.
    pub request: SubmitWithPayloads,
    /// The signed statement it carries.
    pub signed: SignedStatement,
    /// The statement, decoded from [`SavedStatement::signed`].
    pub recorded: Recorded,
}

/// Why a saved statement was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavedStatementError {
    /// The text is not the JSON of a submission.
    #[error("not a saved statement (`--out` writes them): {0}")]
    NotASubmission(String),
    /// Its statement is refused as the node would refuse it.
    #[error(transparent)]
    Statement(#[from] StatementTextError),
}

/// Reads a saved statement (see [`SavedStatement`]).
pub fn read_saved_statement(text: &str) -> Result<SavedStatement, SavedStatementError> {
    let request: SubmitWithPayloads = serde_json::from_str(text)
        .map_err(|error| SavedStatementError::NotASubmission(error.to_string()))?;
    let signed = decode_signed(&request.submission.statement)?;
    let recorded = signed
        .decode_statement()
        .map_err(|error| StatementTextError::Malformed(error.to_string()))?;
    Ok(SavedStatement { request, signed, recorded })
}

/// Why attached payloads were refused; nothing was sequenced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// The statement has no commitment by that name.
    #[error("the statement has no commitment `{0}`")]
    UnknownField(String),
    /// Two payloads name the same commitment.
    #[error("commitment `{0}` is opened twice")]
    DuplicateField(String),
    /// The salt or payload is not base64, or the salt is not 32 bytes.
    #[error("payload `{field}`: {problem}")]
    Malformed {
        /// The commitment named.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// The payload is larger than the core's `PAYLOAD_BYTES_MAX`.
    #[error("payload `{0}` is larger than {PAYLOAD_BYTES_MAX} bytes")]
    TooLarge(String),
    /// More payloads than the statement could have commitments for.
    #[error("{0} payloads attached; at most {ATTACHED_PAYLOADS_MAX}")]
    TooMany(usize),
    /// The payload and salt do not give the statement's commitment.
    #[error("payload `{0}` and its salt do not match the statement's commitment")]
    Mismatch(String),
}

/// The commitments of a statement, by field name, in statement order.
pub fn commitments(statement: &Statement) -> Vec<(String, Commitment)> {
    let mut fields = Vec::new();
    match statement {
        Statement::Declare(declaration) | Statement::Amend { declaration, .. } => {
            for (index, goods) in declaration.goods.iter().enumerate() {
                fields.push((format!("goods/{index}/description"), goods.description));
                fields.push((format!("goods/{index}/value"), goods.value));
            }
            fields.push(("consignee".to_owned(), declaration.consignee));
            if let Some(driver) = declaration.particulars.as_ref().and_then(|p| p.driver) {
                fields.push(("driver".to_owned(), driver));
            }
        }
        Statement::Inspection { findings, .. } => fields.push(("findings".to_owned(), *findings)),
        Statement::ReportIncident { details, .. } | Statement::RecordIncident { details, .. } => {
            fields.push(("details".to_owned(), *details));
        }
        Statement::CloseIncident { resolution, .. }
        | Statement::CloseEnquiry { resolution, .. } => {
            fields.push(("resolution".to_owned(), *resolution));
        }
        // The evidence answering an enquiry: documents kept as payloads, read by the
        // roles the regime names and by the movement's carrier.
        Statement::AnswerEnquiry { evidence, .. } => {
            fields.push(("evidence".to_owned(), *evidence));
        }
        // A monitor's observation: its confidential details and each attachment
        // (photographs, documents).
        Statement::Observe { details, attachments, .. } => {
            fields.push(("details".to_owned(), *details));
            for (index, attachment) in attachments.iter().enumerate() {
                fields.push((format!("attachments/{index}"), *attachment));
            }
        }
        Statement::AnswerContest { reasons, .. } => {
            fields.push(("reasons".to_owned(), *reasons));
        }
        // The mission's narrative of a day: the report page shows it beside the figures.
        Statement::SignReport { narrative, .. } => {
            fields.push(("narrative".to_owned(), *narrative));
        }
        _ => {}
    }
    fields
}

/// A payload checked against its commitment, waiting for the entry's index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPayload {
    field: String,
    commitment: Commitment,
    salt: [u8; 32],
    payload: Vec<u8>,
}

impl CheckedPayload {
    /// The commitment's name in the statement.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The commitment it opens.
    pub fn commitment(&self) -> Commitment {
        self.commitment
    }

    /// Its salt.
    pub fn salt(&self) -> [u8; 32] {
        self.salt
    }

    /// The payload.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The field's name and the payload, for the store.
    pub fn into_field_and_payload(self) -> (String, Vec<u8>) {
        (self.field, self.payload)
    }
}

/// Checks each attached payload against the statement's commitment of the same name.
pub fn check_attached(
    statement: &Statement,
    attached: &[AttachedPayload],
) -> Result<Vec<CheckedPayload>, PayloadError> {
    if attached.len() > ATTACHED_PAYLOADS_MAX {
        return Err(PayloadError::TooMany(attached.len()));
    }
    if attached.is_empty() {
        return Ok(Vec::new());
    }
    let fields = commitments(statement);
    let mut seen = HashSet::new();
    let mut checked = Vec::with_capacity(attached.len());
    for item in attached {
        let malformed =
            |problem: String| PayloadError::Malformed { field: item.field.clone(), problem };
        let commitment = fields
            .iter()
            .find(|(field, _)| *field == item.field)
            .map(|(_, commitment)| *commitment)
            .ok_or_else(|| PayloadError::UnknownField(item.field.clone()))?;
        if !seen.insert(item.field.as_str()) {
            return Err(PayloadError::DuplicateField(item.field.clone()));
        }
        // Base64 of PAYLOAD_BYTES_MAX bytes: refuse longer text before decoding it.
        if item.payload.len() > PAYLOAD_TEXT_BYTES_MAX {
            return Err(PayloadError::TooLarge(item.field.clone()));
        }
        let salt: [u8; 32] = BASE64
            .decode(&item.salt)
            .map_err(|error| malformed(format!("salt is not base64: {error}")))?
            .try_into()
            .map_err(|_| malformed("the salt is not 32 bytes".to_owned()))?;
        let payload = BASE64
            .decode(&item.payload)
            .map_err(|error| malformed(format!("payload is not base64: {error}")))?;
        if payload.len() > PAYLOAD_BYTES_MAX {
            return Err(PayloadError::TooLarge(item.field.clone()));
        }
        if !commitment.matches(&salt, &payload) {
            return Err(PayloadError::Mismatch(item.field.clone()));
        }
        checked.push(CheckedPayload { field: item.field.clone(), commitment, salt, payload });
    }
    Ok(checked)
}
