//! `passage declare`, `passage amend`, `passage record <act>` and `passage submit`: build a
//! statement from flags or a file, sign it with the signer's key file, and send it to a
//! node, or write it to a file (`--out`) to send later from wherever the network is.
//!
//! A saved statement is the node's submission body, `{"statement": "<base64>"}`, so it can
//! also be sent with any HTTP client. Submitting it twice is harmless: the node answers
//! with the entry that already holds it.

use crate::declaration::{
    Committer, DeclarationFile, EquipmentFile, GoodsFile, Opening, enum_word, parse_equipment_id,
};
use crate::language::tr;
use anyhow::{Context, Result, anyhow, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{
    ContainerSize, ContestAnswer, ContestDecision, Declaration, EnquiryOutcome, Equipment,
    EquipmentId, GuaranteeCover, HoldReason, IncidentKind, IncidentPlace, InspectionKind,
    InspectionOutcome, ObservationCategory, Recorded, SealCondition, SeizureScope, Transhipment,
};
use passage_core::{
    AmountMinor, Commitment, Currency, Ident, Mrn, PublicKey, SignedStatement, Statement, Timestamp,
};
use passage_node::api::BODY_BYTES_MAX;
use passage_node::api::bodies::read_saved_statement;
use passage_node::api::errors::ErrorBody;
use passage_node::api::statements::{
    BatchItem, BatchStatement, STATEMENTS_PER_REQUEST_MAX, SubmitBatchRequest, SubmitBatchResponse,
    SubmitRequest, SubmitResponse, SubmitWithPayloads,
};
use passage_node::confidential::AttachedPayload;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Largest declaration or statement file read.
const STATEMENT_FILE_BYTES_MAX: u64 = 1024 * 1024;
/// Most files one `passage submit` sends.
pub const SUBMIT_FILES_MAX: usize = 10_000;
/// Seconds one request to the node may take.
const REQUEST_TIMEOUT_SECONDS: u64 = 30;
/// Exit code when the node refused a statement (2 is kept for usage and local errors).
const EXIT_REFUSED: u8 = 1;

/// Where to send, and how to print the answer.
#[derive(Debug, Clone, clap::Args)]
pub struct NodeArgs {
    /// The node's base URL [default: PASSAGE_NODE, else the `advertise` or `listen` of
    /// passage.toml (or the file PASSAGE_CONFIG names), else http://127.0.0.1:8080].
    #[arg(long = "node", global = true, value_name = "URL")]
    pub node_flag: Option<String>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

impl NodeArgs {
    /// The node's base URL, from the flag, `PASSAGE_NODE`, the configuration file or the
    /// default (`crate::node_address`).
    pub fn url(&self) -> Result<String> {
        Ok(crate::node_address::resolve(self.node_flag.as_deref())?.url)
    }
}

/// Who signs, and whether to send or save.
#[derive(Debug, Clone, clap::Args)]
pub struct SignArgs {
    /// The signer's key file (`passage keys signer` writes one).
    #[arg(long, global = true, env = "PASSAGE_KEY")]
    pub key: Option<PathBuf>,
    /// Write the signed statement to this file instead of sending it (`passage submit`
    /// sends it later).
    #[arg(long, global = true)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub node: NodeArgs,
}

// ---------------------------------------------------------------------------------------
// Signer keys.

/// Reads a signer's key file: one line of 64 hexadecimal digits, the Ed25519 secret seed.
pub fn read_signer_key(path: &Path) -> Result<ed25519_dalek::SigningKey> {
    let shown = || path.display().to_string();
    let text = std::fs::read_to_string(path)
        .with_context(|| tr!("cli-key-reading-file", path = shown()))?;
    let seed = hex::decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .with_context(|| tr!("cli-key-no-signer-key", path = shown()))?;
    Ok(ed25519_dalek::SigningKey::from_bytes(&seed))
}

/// Writes a signer's key file readable by its owner only.
pub fn write_signer_key(path: &Path, key: &ed25519_dalek::SigningKey) -> Result<()> {
    crate::serve::write_secret(path, &format!("{}\n", hex::encode(key.to_bytes())))
}

/// The public key as the charter and enrolments write it: 64 hexadecimal digits.
pub fn public_key_hex(key: &ed25519_dalek::SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

// ---------------------------------------------------------------------------------------
// Declarations (the file format is in `declaration.rs`).

impl Committer {
    /// Commits to `payload` as bytes: text is kept as text, anything else (a photograph)
    /// as base64 in the opening.
    pub(crate) fn commit_bytes(
        &mut self,
        what: impl Into<String>,
        field: String,
        payload: &[u8],
    ) -> Commitment {
        if let Ok(text) = std::str::from_utf8(payload) {
            return self.commit(what, field, text);
        }
        let mut salt = [0u8; 32];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut salt);
        let commitment = Commitment::compute(&salt, payload);
        self.openings.push(Opening {
            what: what.into(),
            field,
            payload: String::new(),
            payload_base64: Some(BASE64.encode(payload)),
            salt: hex::encode(salt),
            commitment: hex::encode(commitment.0),
        });
        commitment
    }

    /// The openings as the node takes them beside the statement: it checks each against
    /// its commitment and keeps the payload for the roles the regime lets read it.
    pub(crate) fn attached(&self) -> Vec<AttachedPayload> {
        self.openings
            .iter()
            .map(|opening| AttachedPayload {
                field: opening.field.clone(),
                salt: hex::decode(&opening.salt)
                    .map(|salt| BASE64.encode(salt))
                    .unwrap_or_default(),
                payload: opening
                    .payload_base64
                    .clone()
                    .unwrap_or_else(|| BASE64.encode(opening.payload.as_bytes())),
            })
            .collect()
    }
}

/// A declaration, from a file or from flags (`passage declare`, `passage amend`).
#[derive(Debug, clap::Args)]
pub struct DeclarationArgs {
    /// A declaration file, TOML (`.toml`) or JSON (`.json`); the flags below are the other
    /// way to write one.
    #[arg(long, conflicts_with_all = ["route", "traffic_class", "equipment", "goods"])]
    file: Option<PathBuf>,
    /// The route.
    #[arg(long)]
    route: Option<String>,
    /// `cargo_rail`, `cargo_road` or `passengers`.
    #[arg(long)]
    traffic_class: Option<String>,
    /// Equipment, repeated: `KIND:ID[:SIZE][:SEAL,SEAL...]`, e.g. `container:PSGU0000010:40ft:SL1,SL2`
    /// or `trailer:12AB345-T::SEAL-1`.
    #[arg(long = "equipment", value_name = "KIND:ID[:SIZE][:SEALS]")]
    equipment: Vec<String>,
    /// Goods, repeated: `EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN`, e.g.
    /// `PSGU0000010:2022:847130:20000:CN`.
    #[arg(long = "goods", value_name = "EQUIPMENT:HS:MASS:ORIGIN")]
    goods: Vec<String>,
    /// The consignee (confidential: only its commitment is signed).
    #[arg(long, default_value = "")]
    consignee: String,
    /// The reference of the guarantee (issued to the declaring carrier) the goods engage.
    #[arg(long)]
    guarantee: Option<String>,
    /// Write the commitments' openings (salts and payloads) to this JSON file.
    #[arg(long)]
    openings: Option<PathBuf>,
}

/// Options of `passage declare`.
#[derive(Debug, clap::Args)]
pub struct DeclareArgs {
    #[command(flatten)]
    declaration: DeclarationArgs,
    #[command(flatten)]
    sign: SignArgs,
}

/// Options of `passage amend`.
#[derive(Debug, clap::Args)]
pub struct AmendArgs {
    /// The movement whose declaration is replaced.
    #[arg(value_parser = parse_mrn)]
    mrn: Mrn,
    #[command(flatten)]
    declaration: DeclarationArgs,
    #[command(flatten)]
    sign: SignArgs,
}

pub(crate) fn read_limited(path: &Path) -> Result<String> {
    let shown = || path.display().to_string();
    let length =
        std::fs::metadata(path).with_context(|| tr!("cli-error-reading", what = shown()))?.len();
    if length > STATEMENT_FILE_BYTES_MAX {
        bail!(tr!(
            "cli-file-too-large",
            path = shown(),
            bytes = length,
            most = STATEMENT_FILE_BYTES_MAX
        ));
    }
    std::fs::read_to_string(path).with_context(|| tr!("cli-error-reading", what = shown()))
}

/// Largest file `--attach` takes: the node keeps payloads of up to 1 MiB, but a payload
/// travels in the submission's one request body (`BODY_BYTES_MAX`, 1 MiB) as base64 (4
/// characters for 3 bytes), beside the signed statement's base64 (at most
/// `STATEMENT_TEXT_BYTES_MAX`, 86,668) and the JSON around them (4 KiB is ample): 718,359
/// bytes. Several attachments share the body; [`sign_and_send`] checks the whole.
pub(crate) const ATTACHMENT_BYTES_MAX: usize =
    (BODY_BYTES_MAX - passage_node::api::bodies::STATEMENT_TEXT_BYTES_MAX - 4096) / 4 * 3;
const _: () = assert!(ATTACHMENT_BYTES_MAX <= passage_store::PAYLOAD_BYTES_MAX);

/// Reads an observation's attachment, as bytes, up to [`ATTACHMENT_BYTES_MAX`]: a larger
/// file is refused before anything is signed.
fn read_attachment(path: &Path) -> Result<Vec<u8>> {
    let limit = ATTACHMENT_BYTES_MAX as u64;
    let shown = || path.display().to_string();
    let length =
        std::fs::metadata(path).with_context(|| tr!("cli-error-reading", what = shown()))?.len();
    if length > limit {
        bail!(tr!("cli-attachment-too-large", path = shown(), bytes = length, most = limit));
    }
    std::fs::read(path).with_context(|| tr!("cli-error-reading", what = shown()))
}

impl DeclarationArgs {
    fn declaration_file(&self) -> Result<DeclarationFile> {
        if let Some(path) = &self.file {
            let text = read_limited(path)?;
            let parsed = if path.extension().is_some_and(|extension| extension == "json") {
                DeclarationFile::from_json(&text)
            } else {
                DeclarationFile::from_toml(&text)
            };
            return parsed.with_context(|| tr!("cli-in-file", path = path.display().to_string()));
        }
        let route = self
            .route
            .clone()
            .with_context(|| tr!("cli-declaration-required-without-file", flag = "--route"))?;
        let traffic_class = self.traffic_class.clone().with_context(|| {
            tr!("cli-declaration-required-without-file", flag = "--traffic-class")
        })?;
        let mut equipment = Vec::new();
        for text in &self.equipment {
            let mut parts = text.split(':');
            let (Some(kind), Some(id)) = (parts.next(), parts.next()) else {
                bail!(tr!("cli-declaration-equipment-flag", text = text.as_str()));
            };
            let size = parts.next().filter(|size| !size.is_empty()).map(str::to_owned);
            let seals = parts
                .next()
                .map(|seals| {
                    seals.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()
                })
                .unwrap_or_default();
            if parts.next().is_some() {
                bail!(tr!("cli-declaration-equipment-flag", text = text.as_str()));
            }
            equipment.push(EquipmentFile { kind: kind.into(), id: id.into(), size, seals });
        }
        let mut goods = Vec::new();
        for text in &self.goods {
            let parts: Vec<&str> = text.split(':').collect();
            let [equipment, edition, code, mass, origin] = parts.as_slice() else {
                bail!(tr!("cli-declaration-goods-flag", text = text.as_str()));
            };
            goods.push(GoodsFile {
                equipment: (*equipment).into(),
                hs_code: format!("{edition}:{code}"),
                gross_mass_kg: mass.parse().with_context(|| {
                    tr!("cli-declaration-goods-mass", text = text.as_str(), mass = *mass)
                })?,
                origin: (*origin).into(),
                description: String::new(),
                value: String::new(),
            });
        }
        Ok(DeclarationFile {
            route,
            traffic_class,
            passengers: 0,
            consignee: self.consignee.clone(),
            equipment,
            goods,
            guarantee: self.guarantee.clone(),
            ..DeclarationFile::default()
        })
    }
}

impl DeclarationArgs {
    /// Builds and checks the declaration, committing to its confidential parts, and keeps
    /// the openings where `--openings` says.
    fn build(&self) -> Result<(Declaration, Committer)> {
        let mut committer = Committer::default();
        let declaration = self.declaration_file()?.build(&mut committer)?;
        if let Some(path) = &self.openings {
            let text = serde_json::to_string_pretty(&committer.openings)?;
            crate::serve::write_secret(path, &text)?;
        }
        Ok((declaration, committer))
    }

    /// Signs and sends (or saves) a declaration or amendment, then, once it was taken and
    /// only then, notes that its salts were not kept: after a refusal the note would
    /// mislead.
    fn send(
        &self,
        sign: &SignArgs,
        statement: Statement,
        committer: Committer,
    ) -> Result<ExitCode> {
        let code = sign_and_send(sign, statement, committer.attached())?;
        if self.openings.is_none() && !sign.node.json && code == ExitCode::SUCCESS {
            eprintln!("{}", texts::salts_not_kept());
        }
        Ok(code)
    }
}

/// The texts of the statements' commands (`cli-sent-*`, `cli-refused*` and
/// `cli-salts-not-kept` in the translation files).
mod texts {
    use crate::language::{args, text, text_with};

    /// After a declaration taken without `--openings`.
    pub fn salts_not_kept() -> String {
        text("cli-salts-not-kept")
    }

    /// A statement already in the log.
    pub fn duplicate(index: u64) -> String {
        text_with("cli-sent-duplicate", &args([("index", index.to_string())]))
    }

    /// A declaration taken.
    pub fn declared(mrn: &str, index: u64) -> String {
        text_with(
            "cli-sent-declared",
            &args([("mrn", mrn.to_owned()), ("index", index.to_string())]),
        )
    }

    /// Any other statement taken, with what it did in the log's words.
    pub fn entry(index: u64, events: &[String]) -> String {
        text_with(
            "cli-sent-entry",
            &args([("index", index.to_string()), ("events", events.join("; "))]),
        )
    }

    /// A statement signed and saved.
    pub fn saved(path: &std::path::Path) -> String {
        text_with("cli-sent-saved", &args([("path", path.display().to_string())]))
    }

    /// The node's refusal: its code, the person's words for it when there are any, and the
    /// node's own.
    pub fn refused(code: &str, message: &str) -> String {
        match crate::language::refusal(code) {
            Some(explanation) => text_with(
                "cli-refused-explained",
                &args([
                    ("code", code.to_owned()),
                    ("explanation", explanation),
                    ("message", message.to_owned()),
                ]),
            ),
            None => text_with(
                "cli-refused",
                &args([("code", code.to_owned()), ("message", message.to_owned())]),
            ),
        }
    }
}

/// Runs `passage declare`.
pub fn declare(args: DeclareArgs) -> Result<ExitCode> {
    let (declaration, committer) = args.declaration.build()?;
    args.declaration.send(&args.sign, Statement::Declare(declaration), committer)
}

/// Runs `passage amend`: the carrier replaces the declaration of a movement that has not
/// arrived yet; customs accept it again.
pub fn amend(args: AmendArgs) -> Result<ExitCode> {
    let (declaration, committer) = args.declaration.build()?;
    let statement = Statement::Amend { mrn: args.mrn, declaration };
    args.declaration.send(&args.sign, statement, committer)
}

// ---------------------------------------------------------------------------------------
// Acts.

/// Options of `passage record`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    #[command(subcommand)]
    act: Act,
    #[command(flatten)]
    sign: SignArgs,
}

/// One subcommand per act an officer records.
#[derive(Debug, clap::Subcommand)]
enum Act {
    /// Customs accept the declaration; the time limit starts.
    Accept {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
    },
    /// Customs refuse the declaration.
    #[command(visible_alias = "refuse_declaration", alias = "refuse-declaration")]
    Refuse {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// A short reason code.
        #[arg(long, value_parser = parse_ident)]
        reason: Ident,
    },
    /// The carrier (before the first arrival) or customs cancel the movement.
    Cancel {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// A short reason code.
        #[arg(long, value_parser = parse_ident)]
        reason: Ident,
    },
    /// The movement arrives at a post.
    #[command(visible_alias = "arrive")]
    Arrival {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
    },
    /// The seals of one piece of equipment were checked.
    #[command(visible_alias = "seal_check")]
    SealCheck {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// The equipment, `KIND:ID`.
        #[arg(long, value_parser = parse_equipment_id)]
        equipment: EquipmentId,
        /// `intact`, `broken` or `mismatch`.
        #[arg(long, value_parser = parse_seal_condition)]
        condition: SealCondition,
        /// A seal found, repeated.
        #[arg(long = "seal", value_parser = parse_ident)]
        seals: Vec<Ident>,
    },
    /// An inspection's result for one piece of equipment.
    #[command(visible_alias = "inspect")]
    Inspection {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// The equipment, `KIND:ID`.
        #[arg(long, value_parser = parse_equipment_id)]
        equipment: EquipmentId,
        /// `documents` or `physical`.
        #[arg(long, value_parser = parse_inspection_kind)]
        kind: InspectionKind,
        /// `conform`, `minor_discrepancy` or `major_discrepancy`.
        #[arg(long, value_parser = parse_inspection_outcome)]
        outcome: InspectionOutcome,
        /// The findings (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        findings: String,
    },
    /// Customs release the movement at the post.
    Release {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
    },
    /// Customs hold the movement at the post.
    Hold {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// `inspection`, `documents`, `security`, `fees` or `other`.
        #[arg(long, value_parser = parse_hold_reason)]
        reason: HoldReason,
    },
    /// The movement leaves the post.
    #[command(visible_alias = "depart")]
    Departure {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
    },
    /// An incident en route.
    #[command(visible_alias = "report_incident", alias = "report-incident")]
    Incident {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// `deviation`, `seal_broken`, `transshipment`, `accident`, `imminent_danger` or
        /// `other`.
        #[arg(long, value_parser = parse_incident_kind)]
        kind: IncidentKind,
        /// The report's details (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        details: String,
    },
    /// Customs close an incident.
    #[command(visible_alias = "close_incident")]
    CloseIncident {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The incident's number within the movement (from 1).
        #[arg(long)]
        incident: u16,
        /// The resolution (confidential: only its commitment is signed).
        #[arg(long, default_value = "")]
        resolution: String,
    },
    /// Customs discharge the movement after its arrival at destination.
    Discharge {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
    },
    /// A monitor attests an earlier entry about the movement.
    Attest {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The entry attested.
        #[arg(long)]
        entry: u64,
    },
    /// Customs affix new seals to a unit they opened for a physical inspection.
    Reseal {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// The equipment, `KIND:ID`.
        #[arg(long, value_parser = parse_equipment_id)]
        equipment: EquipmentId,
        /// A new seal, repeated.
        #[arg(long = "seal", value_parser = parse_ident)]
        seals: Vec<Ident>,
    },
    /// Customs turn a held or inspected movement back where it came from.
    Return {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// The route back (none at the movement's first post, where it ends).
        #[arg(long, value_parser = parse_ident)]
        route: Option<Ident>,
    },
    /// Customs seize a held or inspected movement.
    Seizure {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// `goods`, `equipment` or `goods_and_equipment`.
        #[arg(long, value_parser = parse_seizure_scope)]
        scope: SeizureScope,
    },
    /// Customs release a held or inspected movement but for detained units.
    PartialRelease {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The post.
        #[arg(long, value_parser = parse_ident)]
        post: Ident,
        /// A unit detained, `KIND:ID`, repeated.
        #[arg(long = "detain", value_parser = parse_equipment_id)]
        detained: Vec<EquipmentId>,
    },
    /// An officer endorses an incident en route, with where it happened and, for a
    /// transshipment, the unit the goods moved to.
    IncidentEnRoute {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// `deviation`, `seal_broken`, `transshipment`, `accident`, `imminent_danger` or
        /// `other`.
        #[arg(long, value_parser = parse_incident_kind)]
        kind: IncidentKind,
        /// The post where it happened (or give `--segment`).
        #[arg(long, value_parser = parse_ident, conflicts_with = "segment")]
        post: Option<Ident>,
        /// The segment where it happened, `FROM:TO` (post identifiers).
        #[arg(long, requires = "position_m")]
        segment: Option<String>,
        /// Metres from the segment's start.
        #[arg(long)]
        position_m: Option<u32>,
        /// For a transshipment: the unit the goods left, `KIND:ID`.
        #[arg(long, value_parser = parse_equipment_id, requires = "to")]
        from: Option<EquipmentId>,
        /// For a transshipment: the unit the goods are now in, `KIND:ID`.
        #[arg(long, value_parser = parse_equipment_id, requires = "from")]
        to: Option<EquipmentId>,
        /// The new unit's size if it is a container: `20ft`, `40ft` or `45ft`.
        #[arg(long)]
        to_size: Option<String>,
        /// A seal on the new unit, repeated.
        #[arg(long = "seal", value_parser = parse_ident)]
        seals: Vec<Ident>,
        /// The report's details (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        details: String,
    },
    /// A payment received from a carrier.
    #[command(visible_alias = "record_payment", alias = "record-payment")]
    Payment {
        /// The carrier.
        #[arg(long, value_parser = parse_ident)]
        carrier: Ident,
        /// The amount in major units, as `1250.50`.
        #[arg(long)]
        amount: String,
        /// ISO 4217 currency.
        #[arg(long, value_parser = parse_currency)]
        currency: Currency,
        /// The receipt or bank reference.
        #[arg(long, value_parser = parse_ident)]
        reference: Ident,
    },
    /// A refund paid to a carrier.
    Refund {
        /// The carrier.
        #[arg(long, value_parser = parse_ident)]
        carrier: Ident,
        /// The amount in major units, as `1250.50`.
        #[arg(long)]
        amount: String,
        /// ISO 4217 currency.
        #[arg(long, value_parser = parse_currency)]
        currency: Currency,
        /// The receipt or bank reference.
        #[arg(long, value_parser = parse_ident)]
        reference: Ident,
    },
    /// A guarantor issues a guarantee to a holder of the procedure (a carrier).
    Guarantee {
        /// The guarantee's reference.
        #[arg(value_parser = parse_ident)]
        guarantee: Ident,
        /// The holder: the carrier whose declarations may name it.
        #[arg(long, value_parser = parse_ident)]
        holder: Ident,
        /// `comprehensive` or `individual`.
        #[arg(long, value_parser = parse_guarantee_cover)]
        cover: GuaranteeCover,
        /// The reference amount in major units, as `1000000.00`.
        #[arg(long)]
        amount: String,
        /// ISO 4217 currency.
        #[arg(long, value_parser = parse_currency)]
        currency: Currency,
    },
    /// An authority remits what a revenue account holds to its party's treasury.
    Remit {
        /// The revenue account (as the regime's split names it).
        #[arg(value_parser = parse_ident)]
        account: Ident,
        /// The amount in major units, as `1250.50`.
        #[arg(long)]
        amount: String,
        /// ISO 4217 currency.
        #[arg(long, value_parser = parse_currency)]
        currency: Currency,
        /// The transfer's bank reference.
        #[arg(long, value_parser = parse_ident)]
        reference: Ident,
    },
    /// The office of departure opens an enquiry into an overdue movement.
    Enquiry {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
    },
    /// The holder or the office of destination answers an enquiry with evidence.
    Answer {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The evidence (confidential: only its commitment is signed).
        #[arg(long, default_value = "")]
        evidence: String,
    },
    /// The office of departure ends an enquiry: `alternative_proof` or `recovery`.
    CloseEnquiry {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// `alternative_proof` or `recovery`.
        #[arg(long, value_parser = parse_enquiry_outcome)]
        outcome: EnquiryOutcome,
        /// The decision's reasons (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        resolution: String,
    },
    /// A monitor records an observation of their own, at a post or on a segment.
    Observe {
        /// `queue`, `closure`, `road_condition`, `rail_condition`, `conduct`, `security` or
        /// `other`.
        #[arg(long, value_parser = parse_observation_category)]
        category: ObservationCategory,
        /// The post observed at (or give `--segment`).
        #[arg(long, value_parser = parse_ident, conflicts_with = "segment")]
        post: Option<Ident>,
        /// The segment observed on, `FROM:TO` (post identifiers).
        #[arg(long, requires = "position_m")]
        segment: Option<String>,
        /// Metres from the segment's start.
        #[arg(long)]
        position_m: Option<u32>,
        /// The public summary.
        #[arg(long)]
        summary: String,
        /// The details (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        details: String,
        /// A file attached (a photograph, a document; confidential, at most 718,359 bytes,
        /// all of them together within one request of 1 MiB), repeated.
        #[arg(long = "attach")]
        attachments: Vec<PathBuf>,
    },
    /// A monitor dissents from an act about a movement instead of attesting it.
    Dissent {
        /// The movement.
        #[arg(value_parser = parse_mrn)]
        mrn: Mrn,
        /// The entry dissented from.
        #[arg(long)]
        entry: u64,
        /// The public reason.
        #[arg(long)]
        reason: String,
    },
    /// A party's officer or authority, or a carrier for its own movements, contests an act
    /// of another party by its entry.
    Contest {
        /// The entry contested.
        entry: u64,
        /// One of the regime's contest reasons (`held_too_long`, `wrong_lane`, ...).
        #[arg(long, value_parser = parse_ident)]
        reason: Ident,
    },
    /// The party whose act is contested answers: `upheld`, `corrected` or `rejected`.
    AnswerContest {
        /// The contest's number.
        contest: u64,
        /// `upheld`, `corrected` or `rejected`.
        #[arg(long, value_parser = parse_contest_answer)]
        answer: ContestAnswer,
        /// The answer's reasons (confidential: only their commitment is signed).
        #[arg(long, default_value = "")]
        reasons: String,
    },
    /// A party to a contest takes it to the joint commission.
    Refer {
        /// The contest's number.
        contest: u64,
    },
    /// A party's authority votes on a referred contest: `act_stands`, `contest_upheld`,
    /// `fee_corrected` (with `--fee`) or `release`.
    Decide {
        /// The contest's number.
        contest: u64,
        /// `act_stands`, `contest_upheld`, `fee_corrected` or `release`.
        #[arg(long)]
        decision: String,
        /// For `fee_corrected`: the corrected fee in major units, as `1250.50`.
        #[arg(long)]
        fee: Option<String>,
        /// For `fee_corrected`: the fee's currency.
        #[arg(long, value_parser = parse_currency)]
        currency: Option<Currency>,
    },
    /// A party's authority votes on the mission's mandate: a new end, or none.
    Mandate {
        /// The new end, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MMZ` (or `--no-end`).
        #[arg(long, conflicts_with = "no_end", required_unless_present = "no_end")]
        ends: Option<String>,
        /// The mandate has no end.
        #[arg(long)]
        no_end: bool,
    },
}

fn parse_observation_category(text: &str) -> Result<ObservationCategory> {
    enum_word(
        "category",
        text,
        ObservationCategory::parse,
        ObservationCategory::ALL,
        ObservationCategory::as_str,
    )
}

fn parse_contest_answer(text: &str) -> Result<ContestAnswer> {
    enum_word("answer", text, ContestAnswer::parse, ContestAnswer::ALL, ContestAnswer::as_str)
}

/// A decision from `--decision` (and `--fee` with `--currency` for a fee correction).
fn contest_decision(
    decision: &str,
    fee: Option<String>,
    currency: Option<Currency>,
) -> Result<ContestDecision> {
    Ok(match decision {
        "act_stands" => ContestDecision::ActStands,
        "contest_upheld" => ContestDecision::ContestUpheld,
        "release" => ContestDecision::Release,
        "fee_corrected" => {
            let (Some(fee), Some(currency)) = (fee, currency) else {
                bail!(tr!("cli-decide-fee-needs-currency"));
            };
            // A corrected fee may be zero, which `parse_amount` refuses for payments.
            let zero = fee.bytes().all(|byte| byte == b'0' || byte == b'.') && !fee.is_empty();
            let amount = if zero { AmountMinor(0) } else { parse_amount(&fee, currency)? };
            ContestDecision::FeeCorrected { amount }
        }
        other => bail!(tr!(
            "cli-not-one-of",
            field = "decision",
            text = other,
            known = "act_stands, contest_upheld, fee_corrected, release"
        )),
    })
}

fn parse_guarantee_cover(text: &str) -> Result<GuaranteeCover> {
    enum_word("cover", text, GuaranteeCover::parse, GuaranteeCover::ALL, GuaranteeCover::as_str)
}

fn parse_enquiry_outcome(text: &str) -> Result<EnquiryOutcome> {
    enum_word("outcome", text, EnquiryOutcome::parse, EnquiryOutcome::ALL, EnquiryOutcome::as_str)
}

fn parse_mrn(text: &str) -> Result<Mrn, passage_core::IdError> {
    Mrn::parse(text)
}

pub(crate) fn parse_ident(text: &str) -> Result<Ident, passage_core::IdError> {
    Ident::parse(text)
}

fn parse_currency(text: &str) -> Result<Currency, passage_core::IdError> {
    Currency::parse(text)
}

fn parse_seal_condition(text: &str) -> Result<SealCondition> {
    enum_word("condition", text, SealCondition::parse, SealCondition::ALL, SealCondition::as_str)
}

fn parse_inspection_kind(text: &str) -> Result<InspectionKind> {
    enum_word("kind", text, InspectionKind::parse, InspectionKind::ALL, InspectionKind::as_str)
}

fn parse_inspection_outcome(text: &str) -> Result<InspectionOutcome> {
    enum_word(
        "outcome",
        text,
        InspectionOutcome::parse,
        InspectionOutcome::ALL,
        InspectionOutcome::as_str,
    )
}

fn parse_seizure_scope(text: &str) -> Result<SeizureScope> {
    enum_word("scope", text, SeizureScope::parse, SeizureScope::ALL, SeizureScope::as_str)
}

/// Where an incident happened, from `--post` or `--segment FROM:TO --position-m N`.
fn incident_place(
    post: Option<Ident>,
    segment: Option<String>,
    position_m: Option<u32>,
) -> Result<IncidentPlace> {
    match (post, segment) {
        (Some(post), None) => Ok(IncidentPlace::Post(post)),
        (None, Some(segment)) => {
            let (from, to) = segment
                .split_once(':')
                .ok_or_else(|| anyhow!(tr!("cli-place-segment", segment = segment.as_str())))?;
            Ok(IncidentPlace::Segment {
                from: Ident::parse(from).with_context(|| tr!("cli-place-segment-start"))?,
                to: Ident::parse(to).with_context(|| tr!("cli-place-segment-end"))?,
                position_m: position_m.with_context(|| tr!("cli-place-needs-position"))?,
            })
        }
        _ => bail!(tr!("cli-place-where")),
    }
}

fn parse_hold_reason(text: &str) -> Result<HoldReason> {
    enum_word("reason", text, HoldReason::parse, HoldReason::ALL, HoldReason::as_str)
}

fn parse_incident_kind(text: &str) -> Result<IncidentKind> {
    // Overdue is raised by the core, never reported.
    let reported: Vec<IncidentKind> =
        IncidentKind::ALL.iter().copied().filter(|kind| *kind != IncidentKind::Overdue).collect();
    IncidentKind::parse(text).filter(|kind| reported.contains(kind)).ok_or_else(|| {
        let known: Vec<&str> = reported.iter().map(|kind| kind.as_str()).collect();
        anyhow!(tr!("cli-not-one-of", field = "kind", text = text, known = known.join(", ")))
    })
}

/// Parses an amount in major units (`1250.5`, `1250.50`, or grouped as the English text
/// shows money, `1,250.50`) into minor units of `currency`, refusing more decimals than the
/// currency has and anything not positive. Only that grouping is read: `1.250` in another
/// language's way would be another amount, so the decimal sign is always the point.
pub fn parse_amount(text: &str, currency: Currency) -> Result<AmountMinor> {
    let digits = usize::from(currency.minor_digits());
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits_only = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    // `1,250` and `12,500,000`: the first group has 1 to 3 digits, every later one 3.
    let grouped = |part: &str| {
        let mut groups = part.split(',');
        groups.next().is_some_and(|first| (1..=3).contains(&first.len()) && digits_only(first))
            && groups.all(|group| group.len() == 3 && digits_only(group))
    };
    let well_formed = !whole.is_empty()
        && (digits_only(whole) || grouped(whole))
        && digits_only(fraction)
        && fraction.len() <= digits;
    if !well_formed {
        bail!(tr!("cli-amount-malformed", text = text, digits = digits));
    }
    let scaled = format!("{}{fraction:0<digits$}", whole.replace(',', ""));
    let minor: i64 = scaled.parse().with_context(|| tr!("cli-amount-too-large", text = text))?;
    if minor <= 0 {
        bail!(tr!("cli-amount-not-positive", text = text));
    }
    Ok(AmountMinor(minor))
}

impl Act {
    /// The act's statement, and the openings of its commitments.
    fn statement(self) -> Result<(Statement, Committer)> {
        let mut committer = Committer::default();
        let statement = match self {
            Act::Accept { mrn } => Statement::Accept { mrn },
            Act::Refuse { mrn, reason } => Statement::RefuseDeclaration { mrn, reason },
            Act::Cancel { mrn, reason } => Statement::Cancel { mrn, reason },
            Act::Arrival { mrn, post } => Statement::Arrive { mrn, post },
            Act::SealCheck { mrn, post, equipment, condition, seals } => {
                Statement::SealCheck { mrn, post, equipment, condition, seals_found: seals }
            }
            Act::Inspection { mrn, post, equipment, kind, outcome, findings } => {
                let findings = committer.commit("findings", "findings".into(), &findings);
                Statement::Inspection { mrn, post, equipment, kind, outcome, findings }
            }
            Act::Release { mrn, post } => Statement::Release { mrn, post },
            Act::Hold { mrn, post, reason } => Statement::Hold { mrn, post, reason },
            Act::Departure { mrn, post } => Statement::Depart { mrn, post },
            Act::Incident { mrn, kind, details } => {
                let details = committer.commit("details", "details".into(), &details);
                Statement::ReportIncident { mrn, kind, details }
            }
            Act::CloseIncident { mrn, incident, resolution } => {
                let resolution = committer.commit("resolution", "resolution".into(), &resolution);
                Statement::CloseIncident { mrn, incident, resolution }
            }
            Act::Discharge { mrn } => Statement::Discharge { mrn },
            Act::Attest { mrn, entry } => Statement::Attest { mrn, entry },
            Act::Reseal { mrn, post, equipment, seals } => {
                Statement::Reseal { mrn, post, equipment, seals }
            }
            Act::Return { mrn, post, route } => Statement::Return { mrn, post, route },
            Act::Seizure { mrn, post, scope } => Statement::Seize { mrn, post, scope },
            Act::PartialRelease { mrn, post, detained } => {
                Statement::ReleasePart { mrn, post, detained }
            }
            Act::IncidentEnRoute {
                mrn,
                kind,
                post,
                segment,
                position_m,
                from,
                to,
                to_size,
                seals,
                details,
            } => {
                let place = incident_place(post, segment, position_m)?;
                let transhipments = match (from, to) {
                    (Some(from), Some(to)) => {
                        let container_size = to_size
                            .map(|size| {
                                enum_word(
                                    "to-size",
                                    &size,
                                    ContainerSize::parse,
                                    ContainerSize::ALL,
                                    ContainerSize::as_str,
                                )
                            })
                            .transpose()?;
                        vec![Transhipment { from, to: Equipment { id: to, container_size, seals } }]
                    }
                    _ => Vec::new(),
                };
                let details = committer.commit("details", "details".into(), &details);
                Statement::RecordIncident { mrn, kind, place, transhipments, details }
            }
            Act::Payment { carrier, amount, currency, reference } => {
                let amount = parse_amount(&amount, currency)?;
                Statement::RecordPayment { carrier, amount, currency, reference }
            }
            Act::Refund { carrier, amount, currency, reference } => {
                let amount = parse_amount(&amount, currency)?;
                Statement::RecordRefund { carrier, amount, currency, reference }
            }
            Act::Guarantee { guarantee, holder, cover, amount, currency } => {
                let reference_amount = parse_amount(&amount, currency)?;
                Statement::IssueGuarantee { guarantee, holder, cover, reference_amount, currency }
            }
            Act::Remit { account, amount, currency, reference } => {
                let amount = parse_amount(&amount, currency)?;
                Statement::Remit { account, amount, currency, reference }
            }
            Act::Enquiry { mrn } => Statement::OpenEnquiry { mrn },
            Act::Answer { mrn, evidence } => {
                let evidence = committer.commit("evidence", "evidence".into(), &evidence);
                Statement::AnswerEnquiry { mrn, evidence }
            }
            Act::CloseEnquiry { mrn, outcome, resolution } => {
                let resolution = committer.commit("resolution", "resolution".into(), &resolution);
                Statement::CloseEnquiry { mrn, outcome, resolution }
            }
            Act::Observe { category, post, segment, position_m, summary, details, attachments } => {
                let place = incident_place(post, segment, position_m)?;
                let details = committer.commit("details", "details".into(), &details);
                let mut committed = Vec::with_capacity(attachments.len());
                for (index, path) in attachments.iter().enumerate() {
                    // Any file: a photograph or a scanned document is committed as its
                    // bytes and sent as a binary payload.
                    let bytes = read_attachment(path)?;
                    let field = format!("attachments/{index}");
                    committed.push(committer.commit_bytes(field.clone(), field, &bytes));
                }
                Statement::Observe { place, category, summary, details, attachments: committed }
            }
            Act::Dissent { mrn, entry, reason } => Statement::Dissent { mrn, entry, reason },
            Act::Contest { entry, reason } => Statement::Contest { entry, reason },
            Act::AnswerContest { contest, answer, reasons } => {
                let reasons = committer.commit("reasons", "reasons".into(), &reasons);
                Statement::AnswerContest { contest, answer, reasons }
            }
            Act::Refer { contest } => Statement::ReferContest { contest },
            Act::Decide { contest, decision, fee, currency } => Statement::DecideContest {
                contest,
                decision: contest_decision(&decision, fee, currency)?,
            },
            Act::Mandate { ends, no_end: _ } => {
                let ends =
                    match ends {
                        None => None,
                        Some(text) => Some(Timestamp::parse_utc(&text).ok_or_else(|| {
                            anyhow!(tr!("cli-mandate-ends", text = text.as_str()))
                        })?),
                    };
                Statement::ChangeMandate { ends }
            }
        };
        Ok((statement, committer))
    }
}

/// Runs `passage record`.
pub fn record(args: RecordArgs) -> Result<ExitCode> {
    let (statement, committer) = args.act.statement()?;
    sign_and_send(&args.sign, statement, committer.attached())
}

// ---------------------------------------------------------------------------------------
// Signing, saving and sending.

fn now() -> Timestamp {
    Timestamp(passage_node::sequencer::now_ms())
}

/// The signer's key, from `--key` (or `PASSAGE_KEY`).
pub(crate) fn signer_key(args: &SignArgs) -> Result<ed25519_dalek::SigningKey> {
    let key = args.key.as_deref().with_context(|| tr!("cli-key-required"))?;
    read_signer_key(key)
}

/// Signs `statement`, then sends it with the openings of its commitments (`payloads`), or
/// saves both for `passage submit`.
pub(crate) fn sign_and_send(
    args: &SignArgs,
    statement: Statement,
    payloads: Vec<AttachedPayload>,
) -> Result<ExitCode> {
    let key = signer_key(args)?;
    let signed = SignedStatement::sign(&key, &Recorded::new(now(), statement))
        .with_context(|| tr!("cli-encoding-statement"))?;
    let request = SubmitWithPayloads {
        submission: SubmitRequest { statement: BASE64.encode(signed.encode()) },
        payloads,
    };
    // The node refuses a larger body whole; say so before anything is sent or saved.
    let body_bytes = serde_json::to_vec(&request)?.len();
    if body_bytes > BODY_BYTES_MAX {
        bail!(
            "the statement and its payloads make a request of {body_bytes} bytes; a node takes \
             at most {BODY_BYTES_MAX}: attach fewer or smaller files"
        );
    }
    if let Some(path) = &args.out {
        let text = serde_json::to_string(&request)? + "\n";
        if request.payloads.is_empty() {
            std::fs::write(path, text)
                .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
        } else {
            // The file holds the confidential payloads in clear: its owner's eyes only.
            crate::serve::write_secret(path, &text)?;
        }
        if args.node.json {
            println!("{}", serde_json::json!({ "saved": path }));
        } else {
            println!("{}", texts::saved(path));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let answer = runtime.block_on(submit_one(&http_client()?, &args.node.url()?, &request))?;
    Ok(if report(&args.node, None, answer) { ExitCode::SUCCESS } else { refused() })
}

fn refused() -> ExitCode {
    ExitCode::from(EXIT_REFUSED)
}

/// An HTTP client with a timeout.
pub fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(REQUEST_TIMEOUT_SECONDS))
        .build()
        .with_context(|| tr!("cli-error-http-client"))
}

/// Sends one statement; `Err` only when no answer came (network, unreadable reply).
async fn submit_one(
    client: &reqwest::Client,
    node: &str,
    request: &SubmitWithPayloads,
) -> Result<Result<SubmitResponse, ErrorBody>> {
    let url = format!("{}/v1/statements", node.trim_end_matches('/'));
    let response = client
        .post(&url)
        .json(request)
        .send()
        .await
        .with_context(|| tr!("cli-error-sending", url = url.as_str()))?;
    crate::queries::decode_answer(&url, response).await
}

/// Prints an answer; `true` for an acknowledgement (new or duplicate), `false` for a
/// refusal.
fn report(args: &NodeArgs, file: Option<&Path>, answer: Result<SubmitResponse, ErrorBody>) -> bool {
    let prefix = file.map(|file| format!("{}: ", file.display())).unwrap_or_default();
    match answer {
        Ok(response) => {
            if args.json {
                let mut value = serde_json::to_value(&response).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    if let Some(mrn) = declared_mrn(&response) {
                        object.insert("mrn".into(), mrn.into());
                    }
                    if let Some(file) = file {
                        object.insert("file".into(), file.display().to_string().into());
                    }
                }
                println!("{value}");
            } else if response.duplicate {
                println!("{prefix}{}", texts::duplicate(response.index));
            } else if let Some(mrn) = declared_mrn(&response) {
                println!("{prefix}{}", texts::declared(&mrn, response.index));
            } else {
                println!("{prefix}{}", texts::entry(response.index, &response.events));
            }
            true
        }
        Err(error) => {
            if args.json {
                let mut value = serde_json::to_value(&error).unwrap_or_default();
                if let (Some(object), Some(file)) = (value.as_object_mut(), file) {
                    object.insert("file".into(), file.display().to_string().into());
                }
                println!("{value}");
            } else {
                eprintln!("{prefix}{}", texts::refused(&error.error, &error.message));
            }
            false
        }
    }
}

/// The MRN a declaration's acknowledgement names (its event is `<MRN> declared`).
fn declared_mrn(response: &SubmitResponse) -> Option<String> {
    response
        .events
        .iter()
        .find_map(|event| event.strip_suffix(" declared"))
        .filter(|text| Mrn::parse(text).is_ok())
        .map(str::to_owned)
}

/// Options of `passage submit`.
#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// Files written by `--out`, sent in order.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    node: NodeArgs,
}

/// Runs `passage submit`: sends the saved statements in order, as few batch requests as
/// the node's limits allow (each statement with its payloads, each answered on its own); a
/// statement the node already holds is answered with its first entry. Stops at the first
/// file that cannot be read or batch that cannot be sent, and exits non-zero if any
/// statement was refused.
pub fn submit(args: SubmitArgs) -> Result<ExitCode> {
    if args.files.len() > SUBMIT_FILES_MAX {
        bail!(tr!("cli-submit-too-many-files", most = SUBMIT_FILES_MAX, count = args.files.len()));
    }
    let mut requests = Vec::with_capacity(args.files.len());
    let mut signers = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let text = read_limited(path)?;
        // Checked as the node checks the body it will be sent as.
        let saved = read_saved_statement(&text).with_context(|| path.display().to_string())?;
        signers.push((saved.signed.signer, enrolled_key(&saved.recorded.statement)));
        requests.push(saved.request);
    }
    let client = http_client()?;
    let node = args.node.url()?;
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let mut code = ExitCode::SUCCESS;
    for range in batches(&requests, &signers)? {
        let batch = requests[range.clone()].iter().cloned().map(BatchStatement::from).collect();
        let answers = runtime.block_on(submit_batch(&client, &node, batch))?;
        for (path, answer) in args.files[range].iter().zip(answers) {
            if !report(&args.node, Some(path), answer) {
                code = refused();
            }
        }
    }
    Ok(code)
}

/// The key a statement enrols, if it enrols one.
fn enrolled_key(statement: &Statement) -> Option<PublicKey> {
    match statement {
        Statement::EnrolOfficer { key, .. }
        | Statement::RegisterCarrier { key, .. }
        | Statement::AddAuthorityKey { key } => Some(*key),
        _ => None,
    }
}

/// Splits saved statements, in order, into batches the node takes: at most
/// `STATEMENTS_PER_REQUEST_MAX` statements and `BODY_BYTES_MAX` bytes of body each. A
/// statement too large for a body of its own goes alone, and the node says why it refuses.
/// A statement signed by a key that an earlier statement of the batch enrols starts the
/// next batch: the node checks that a signer is enrolled before it queues the batch's
/// statements, so it must see the enrolment committed first, as one request at a time did.
fn batches(
    requests: &[SubmitWithPayloads],
    signers: &[(PublicKey, Option<PublicKey>)],
) -> Result<Vec<std::ops::Range<usize>>> {
    // `{"statements":[` and `]}`.
    const FRAMING_BYTES: usize = 18;
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, FRAMING_BYTES);
    let mut enrolled = std::collections::HashSet::new();
    for (index, (request, (signer, enrols))) in requests.iter().zip(signers).enumerate() {
        // The item as sent, and the comma before it.
        let item =
            serde_json::to_vec(request).with_context(|| tr!("cli-encoding-statement"))?.len() + 1;
        let full = index - start == STATEMENTS_PER_REQUEST_MAX
            || bytes + item > BODY_BYTES_MAX
            || enrolled.contains(signer);
        if full && index > start {
            ranges.push(start..index);
            (start, bytes) = (index, FRAMING_BYTES);
            enrolled.clear();
        }
        bytes += item;
        enrolled.extend(*enrols);
    }
    if start < requests.len() {
        ranges.push(start..requests.len());
    }
    Ok(ranges)
}

/// Sends one batch; one answer per statement, in order. A batch the node refuses whole (too
/// large, unavailable) gives its refusal to each statement. `Err` only when no answer came.
async fn submit_batch(
    client: &reqwest::Client,
    node: &str,
    statements: Vec<BatchStatement>,
) -> Result<Vec<Result<SubmitResponse, ErrorBody>>> {
    let url = format!("{}/v1/statements/batch", node.trim_end_matches('/'));
    let count = statements.len();
    let response = client
        .post(&url)
        .json(&SubmitBatchRequest { statements })
        .send()
        .await
        .with_context(|| tr!("cli-error-sending", url = url.as_str()))?;
    match crate::queries::decode_answer::<SubmitBatchResponse>(&url, response).await? {
        Ok(answer) => {
            if answer.results.len() != count {
                bail!(tr!(
                    "cli-submit-wrong-outcomes",
                    url = url.as_str(),
                    outcomes = answer.results.len(),
                    count = count
                ));
            }
            Ok(answer
                .results
                .into_iter()
                .map(|item| match item {
                    BatchItem::Accepted(response) => Ok(response),
                    BatchItem::Refused(error) => Err(error),
                })
                .collect())
        }
        Err(error) => Ok(vec![Err(error); count]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_statements_are_batched_within_the_node_s_limits() {
        let request = |statement_bytes: usize| SubmitWithPayloads {
            submission: SubmitRequest { statement: "A".repeat(statement_bytes) },
            payloads: Vec::new(),
        };
        let key = |byte: u8| PublicKey([byte; 32]);
        let check = |requests: &[SubmitWithPayloads],
                     signers: &[(PublicKey, Option<PublicKey>)],
                     expect: &str| {
            let ranges = batches(requests, signers).expect("batches");
            let found: Vec<String> =
                ranges.iter().map(|range| format!("{}..{}", range.start, range.end)).collect();
            assert_eq!(found.join(" "), expect);
        };
        let plain = |count: usize| vec![(key(1), None); count];
        // By count.
        let small: Vec<_> = (0..2_500).map(|_| request(100)).collect();
        check(&small, &plain(2_500), "0..1000 1000..2000 2000..2500");
        // By body size: three statements of 400 KB do not fit one 1 MiB body.
        let large: Vec<_> = (0..3).map(|_| request(400_000)).collect();
        check(&large, &plain(3), "0..2 2..3");
        // One too large for any body goes alone, for the node to refuse.
        let huge = vec![request(100), request(BODY_BYTES_MAX), request(100)];
        check(&huge, &plain(3), "0..1 1..2 2..3");
        // A statement signed by a key enrolled earlier in the batch starts the next one.
        let signers = [
            (key(1), None),
            (key(1), Some(key(2))),
            (key(1), None),
            (key(2), None),
            (key(2), None),
        ];
        check(&small[..5], &signers, "0..3 3..5");
        check(&[], &[], "");
    }

    fn check_amount(text: &str, currency: &str, expect: &str) {
        let currency = Currency::parse(currency).expect("known currency");
        let found = match parse_amount(text, currency) {
            Ok(amount) => amount.0.to_string(),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(found, expect, "{text}");
    }

    #[test]
    fn amounts_are_parsed_in_minor_units() {
        check_amount("1250.50", "USD", "125050");
        check_amount("1250.5", "USD", "125050");
        check_amount("12", "USD", "1200");
        check_amount("12", "JPY", "12");
        check_amount("1.001", "KWD", "1001");
        // As the English text shows money: grouped by thousands with commas.
        check_amount("30,900.00", "AMD", "3090000");
        check_amount("1,234,567", "USD", "123456700");
        for misgrouped in ["30,90.00", "1234,567", ",500", "1,,000"] {
            check_amount(
                misgrouped,
                "USD",
                &format!(
                    "error: amount `{misgrouped}`: write major units with at most 2 decimals, \
                     as 1250.50"
                ),
            );
        }
        check_amount(
            "1.234",
            "USD",
            "error: amount `1.234`: write major units with at most 2 decimals, as 1250.50",
        );
        check_amount("0", "USD", "error: amount `0`: a payment or refund is positive");
        check_amount(
            "-5",
            "USD",
            "error: amount `-5`: write major units with at most 2 decimals, as 1250.50",
        );
        check_amount(
            "99999999999999999999",
            "USD",
            "error: amount `99999999999999999999` is too large",
        );
    }

    fn check_declaration(text: &str, expect: &str) {
        let found = match toml::from_str::<DeclarationFile>(text)
            .map_err(anyhow::Error::from)
            .and_then(|file| file.build(&mut Committer::default()))
        {
            Ok(declaration) => format!(
                "route {} equipment {} goods {}",
                declaration.route,
                declaration.equipment.len(),
                declaration.goods.len()
            ),
            Err(error) => format!("error: {error:#}"),
        };
        assert_eq!(found, expect);
    }

    #[test]
    fn declaration_files_are_checked_field_by_field() {
        let good = r#"
            route = "AM-TRANSIT-RAIL"
            traffic_class = "cargo_rail"
            [[equipment]]
            kind = "container"
            id = "PSGU0000010"
            size = "40ft"
            seals = ["SL1"]
            [[goods]]
            equipment = "PSGU0000010"
            hs_code = "2022:847130"
            gross_mass_kg = 20000
            origin = "CN"
        "#;
        check_declaration(good, "route AM-TRANSIT-RAIL equipment 1 goods 1");
        check_declaration(
            &good.replace("PSGU0000010\"\n            size", "PSGU0000011\"\n            size"),
            "error: equipment 1: container number `PSGU0000011` has check character 1, but its \
             other characters give 0",
        );
        check_declaration(
            &good.replace("size = \"40ft\"", ""),
            "error: equipment 1 (container PSGU0000010): a container needs its size (20ft, 40ft, 45ft)",
        );
        check_declaration(
            &good.replace("equipment = \"PSGU0000010\"", "equipment = \"PSGU9999999\""),
            "error: goods 1: no equipment `PSGU9999999` in this declaration",
        );
        check_declaration(
            &good.replace("cargo_rail", "cargo_air"),
            "error: traffic_class: `cargo_air` is not one of cargo_rail, cargo_road, passengers",
        );
    }
}
