//! The parties' authorities' acts: `passage charter create|show`, `passage enrol ROLE`,
//! `passage revoke`, `passage regime propose|approve|show|list`. Each act is signed with an
//! authority key file and sent to a node (or saved with `--out`), as `passage record` does
//! for the officers' acts.
//!
//! Documents (the charter, a regime) are checked here, with the core's own parsers, before
//! anything is signed, so a mistake is named by file and field and nothing is sent. The
//! node checks everything again: who may sign is decided there, from the log.

use crate::language::tr;
use crate::queries::{failed, fetch};
use crate::statements::{NodeArgs, SignArgs, parse_ident, public_key_hex, sign_and_send};
use anyhow::{Context, Result};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::charter::Charter;
use passage_core::corridors::charter_document;
use passage_core::statement::StatementKind;
use passage_core::statement::{
    CARRIER_NAME_BYTES_MAX, DOCUMENT_BYTES_MAX, GUARANTOR_NAME_BYTES_MAX, OfficerRole,
    POSTS_PER_OFFICER_MAX,
};
use passage_core::{DocumentError, Entry, Ident, PublicKey, Regime, Statement, Timestamp};
use passage_node::api::governance::{ProposalItem, ProposalPage, RegimeResponse};
use passage_node::api::log::EntryResponse;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A mistake in what an authority asked for, found before anything was signed. Its text
/// is the person's, in the command's language (`cli-authority-*`).
#[derive(Debug, thiserror::Error)]
pub enum AuthorityInputError {
    /// A document file could not be read.
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A document file is larger than a statement may carry.
    TooLarge {
        /// The file.
        file: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// The charter document breaks a rule of the core.
    Charter {
        /// The file (or the three parts joined).
        file: String,
        /// The core's verdict, naming the field at fault.
        source: DocumentError,
    },
    /// The regime document breaks a rule of the core, against the charter in force.
    Regime {
        /// The file.
        file: PathBuf,
        /// The core's verdict, naming the field at fault.
        source: DocumentError,
    },
    /// The charter's signer is not one of its parties' authority keys.
    SignerNotInCharter {
        /// The signer's public key, 64 hexadecimal digits.
        key: String,
    },
    /// A public key argument is not 64 hexadecimal digits of an Ed25519 key.
    NotAPublicKey {
        /// The argument.
        field: &'static str,
        /// What was given.
        text: String,
    },
    /// Too many posts for one officer.
    TooManyPosts {
        /// How many were given.
        count: usize,
    },
    /// The same post given twice.
    PostTwice {
        /// The post.
        post: Ident,
    },
    /// A carrier's name is empty or too long.
    CarrierName {
        /// Its length.
        bytes: usize,
    },
    /// A guarantor's name is empty or too long.
    GuarantorName {
        /// Its length.
        bytes: usize,
    },
    /// A time is not written as the command expects.
    BadTime {
        /// The argument.
        field: &'static str,
        /// What was given.
        text: String,
    },
    /// The log has no charter, or the entry asked for is not what was expected.
    WrongEntry {
        /// The entry.
        index: u64,
        /// What it holds instead.
        found: StatementKind,
        /// What was expected there.
        expected: ExpectedEntry,
    },
}

/// What an entry read by an authority's command was expected to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectedEntry {
    /// Entry 0: the charter.
    Charter,
    /// A regime proposal.
    RegimeProposal,
}

impl std::fmt::Display for AuthorityInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            AuthorityInputError::Unreadable { file, source } => tr!(
                "cli-authority-unreadable",
                file = file.display().to_string(),
                reason = source.to_string()
            ),
            AuthorityInputError::TooLarge { file, bytes } => tr!(
                "cli-authority-too-large",
                file = file.display().to_string(),
                bytes = *bytes,
                most = DOCUMENT_BYTES_MAX
            ),
            AuthorityInputError::Charter { file, source } => {
                format!("{file}: {source}")
            }
            AuthorityInputError::Regime { file, source } => {
                format!("{}: {source}", file.display())
            }
            AuthorityInputError::SignerNotInCharter { key } => {
                tr!("cli-authority-signer-not-in-charter", key = key.as_str())
            }
            AuthorityInputError::NotAPublicKey { field, text } => {
                tr!("cli-authority-not-a-public-key", field = *field, text = text.as_str())
            }
            AuthorityInputError::TooManyPosts { count } => {
                tr!("cli-authority-too-many-posts", count = *count, most = POSTS_PER_OFFICER_MAX)
            }
            AuthorityInputError::PostTwice { post } => {
                tr!("cli-authority-post-twice", post = post.to_string())
            }
            AuthorityInputError::CarrierName { bytes } => {
                tr!("cli-authority-carrier-name", bytes = *bytes, most = CARRIER_NAME_BYTES_MAX)
            }
            AuthorityInputError::GuarantorName { bytes } => {
                tr!("cli-authority-guarantor-name", bytes = *bytes, most = GUARANTOR_NAME_BYTES_MAX)
            }
            AuthorityInputError::BadTime { field, text } => {
                tr!("cli-authority-bad-time", field = *field, text = text.as_str())
            }
            AuthorityInputError::WrongEntry { index, found, expected } => {
                let found = found.to_string();
                match expected {
                    ExpectedEntry::Charter => {
                        tr!("cli-authority-not-the-charter", index = *index, found = found)
                    }
                    ExpectedEntry::RegimeProposal => {
                        tr!("cli-authority-not-a-proposal", index = *index, found = found)
                    }
                }
            }
        };
        f.write_str(&text)
    }
}

/// Reads a charter or regime document, refusing anything a statement could not carry.
fn read_document(path: &Path) -> Result<String, AuthorityInputError> {
    let unreadable =
        |source: std::io::Error| AuthorityInputError::Unreadable { file: path.into(), source };
    let bytes = std::fs::metadata(path).map_err(unreadable)?.len();
    if bytes > DOCUMENT_BYTES_MAX as u64 {
        return Err(AuthorityInputError::TooLarge { file: path.into(), bytes });
    }
    std::fs::read_to_string(path).map_err(unreadable)
}

/// Parses a public key given on the command line.
fn parse_public_key(field: &'static str, text: &str) -> Result<PublicKey, AuthorityInputError> {
    let not_a_key = || AuthorityInputError::NotAPublicKey { field, text: text.to_owned() };
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| not_a_key())?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| not_a_key())?;
    Ok(PublicKey(bytes))
}

fn parse_key_argument(text: &str) -> Result<PublicKey, AuthorityInputError> {
    parse_public_key("PUBLIC_KEY", text)
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's days-from-civil), the inverse
/// of [`Timestamp::civil_date`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MMZ`, as [`Timestamp`] prints.
fn parse_time(field: &'static str, text: &str) -> Result<Timestamp, AuthorityInputError> {
    let bad = || AuthorityInputError::BadTime { field, text: text.to_owned() };
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time.strip_suffix('Z').ok_or_else(bad)?)),
        None => (text, None),
    };
    let number = |part: &str, digits: usize| -> Result<u32, AuthorityInputError> {
        if part.len() != digits || !part.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse().map_err(|_| bad())
    };
    let mut parts = date.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let (year, month, day) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
    let (hour, minute) = match time {
        None => (0, 0),
        Some(time) => {
            let (hour, minute) = time.split_once(':').ok_or_else(bad)?;
            (number(hour, 2)?, number(minute, 2)?)
        }
    };
    if year < 1970 || !(1..=12).contains(&month) || day == 0 || hour > 23 || minute > 59 {
        return Err(bad());
    }
    let days = days_from_civil(i64::from(year), month, day);
    let milliseconds =
        (days as u64 * 86_400 + u64::from(hour) * 3_600 + u64::from(minute) * 60) * 1_000;
    let time = Timestamp(milliseconds);
    // A day past the month's end (2027-02-30) comes back as another date.
    if time.civil_date() != (i64::from(year), month, day) {
        return Err(bad());
    }
    Ok(time)
}

// ---------------------------------------------------------------------------------------
// Reading the log.

/// Fetches entry `index` from the node and decodes it.
fn fetch_entry(node: &NodeArgs, index: u64) -> Result<std::result::Result<Entry, ExitCode>> {
    let answer = match fetch(node, &format!("/v1/entries/{index}"))? {
        Ok(answer) => answer,
        Err(error) => return Ok(Err(failed(node, &error))),
    };
    let response: EntryResponse =
        serde_json::from_value(answer).with_context(|| tr!("cli-error-unexpected-answer"))?;
    let bytes = BASE64
        .decode(&response.entry)
        .with_context(|| tr!("cli-error-entry-does-not-decode", index = index))?;
    let entry = Entry::decode(&bytes);
    Ok(Ok(entry.with_context(|| tr!("cli-error-entry-does-not-decode", index = index))?))
}

/// The charter the node's log starts with.
fn fetch_charter(node: &NodeArgs) -> Result<std::result::Result<(Charter, String), ExitCode>> {
    let entry = match fetch_entry(node, 0)? {
        Ok(entry) => entry,
        Err(code) => return Ok(Err(code)),
    };
    let recorded = entry
        .statement
        .decode_statement()
        .with_context(|| tr!("cli-error-entry-does-not-decode", index = 0))?;
    let Statement::Charter { document } = recorded.statement else {
        return Err(AuthorityInputError::WrongEntry {
            index: 0,
            found: recorded.statement.kind(),
            expected: ExpectedEntry::Charter,
        }
        .into());
    };
    let charter = Charter::from_toml(&document).map_err(|source| AuthorityInputError::Charter {
        file: tr!("cli-authority-node-entry-zero"),
        source,
    })?;
    Ok(Ok((charter, document)))
}

// ---------------------------------------------------------------------------------------
// The charter.

/// Options of `passage charter`.
#[derive(Debug, clap::Args)]
pub struct CharterArgs {
    #[command(subcommand)]
    command: CharterCommand,
}

/// Where a charter document comes from: one file, or its three parts.
#[derive(Debug, Clone, clap::Args)]
pub struct CharterSource {
    /// The whole charter document (header, corridor and regime sections in one TOML file).
    #[arg(long, conflicts_with_all = ["header", "corridor", "regime"])]
    file: Option<PathBuf>,
    /// The charter header: `[charter]`, `[[parties]]`, `[[witnesses]]`, `[quorum]`.
    #[arg(long, requires_all = ["corridor", "regime"])]
    header: Option<PathBuf>,
    /// The corridor file (posts, segments, routes).
    #[arg(long, requires_all = ["header", "regime"])]
    corridor: Option<PathBuf>,
    /// The first regime's file.
    #[arg(long, requires_all = ["header", "corridor"])]
    regime: Option<PathBuf>,
}

impl CharterSource {
    /// The document and a name for it in messages, or `None` when no source was given.
    fn read(&self) -> Result<Option<(String, String)>, AuthorityInputError> {
        if let Some(file) = &self.file {
            return Ok(Some((read_document(file)?, file.display().to_string())));
        }
        let (Some(header), Some(corridor), Some(regime)) =
            (&self.header, &self.corridor, &self.regime)
        else {
            return Ok(None);
        };
        let document = charter_document(
            &read_document(header)?,
            &read_document(corridor)?,
            &read_document(regime)?,
        );
        let name = tr!(
            "cli-authority-charter-from-parts",
            header = header.display().to_string(),
            corridor = corridor.display().to_string(),
            regime = regime.display().to_string()
        );
        if document.len() > DOCUMENT_BYTES_MAX {
            return Err(AuthorityInputError::TooLarge {
                file: PathBuf::from(name),
                bytes: document.len() as u64,
            });
        }
        Ok(Some((document, name)))
    }
}

#[derive(Debug, clap::Subcommand)]
enum CharterCommand {
    /// Sign the charter (the log's entry 0) with one of its parties' authority keys and
    /// send it to a fresh node; the document is checked first.
    Create {
        #[command(flatten)]
        source: CharterSource,
        #[command(flatten)]
        sign: SignArgs,
    },
    /// Print the SHA-256 of a charter document (checked) given as files: what each node's
    /// `charter_sha256` must name before the charter is created, so that an empty node
    /// takes no other charter.
    Hash {
        #[command(flatten)]
        source: CharterSource,
    },
    /// Show the charter: the node's entry 0, or a document (checked) given as files.
    Show {
        #[command(flatten)]
        source: CharterSource,
        #[command(flatten)]
        node: NodeArgs,
    },
    /// Print the trust policy the charter implies for its log (c2sp.org/tlog-policy, the
    /// format `passage audit` and `passage receipt verify` read; docs/POLICY.md): the log's
    /// key, every witness the charter names (with its URL when given), one group per party
    /// that runs witnesses, and the charter's quorum. The charter is the node's entry 0,
    /// or a document given as files.
    Policy {
        #[command(flatten)]
        source: CharterSource,
        #[command(flatten)]
        node: NodeArgs,
        /// The log's public key: its vkey (`passage keys generate` prints it), or a file
        /// holding it. Take it from the parties, not from the node you mean to audit.
        #[arg(long)]
        log_key: String,
        /// Where a witness is reached, `NAME=URL` (repeatable), written after its key.
        #[arg(long = "witness", value_name = "NAME=URL")]
        witnesses: Vec<String>,
    },
}

/// Runs `passage charter`.
pub fn charter(args: CharterArgs) -> Result<ExitCode> {
    match args.command {
        CharterCommand::Create { source, sign } => {
            let (document, name) =
                source.read()?.with_context(|| tr!("cli-authority-give-the-charter"))?;
            let charter = Charter::from_toml(&document)
                .map_err(|source| AuthorityInputError::Charter { file: name, source })?;
            let signer = crate::statements::signer_key(&sign)?;
            let signer_key = PublicKey(signer.verifying_key().to_bytes());
            let listed =
                charter.parties.iter().any(|party| party.authority_keys.contains(&signer_key));
            if !listed {
                return Err(AuthorityInputError::SignerNotInCharter {
                    key: public_key_hex(&signer),
                }
                .into());
            }
            sign_and_send(&sign, Statement::Charter { document }, Vec::new())
        }
        CharterCommand::Hash { source } => {
            let (document, name) =
                source.read()?.with_context(|| tr!("cli-authority-give-the-charter"))?;
            Charter::from_toml(&document)
                .map_err(|source| AuthorityInputError::Charter { file: name, source })?;
            println!("{}", hex::encode(passage_core::digest::sha256(document.as_bytes())));
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Show { source, node } => {
            let charter = match source.read()? {
                Some((document, name)) => Charter::from_toml(&document)
                    .map_err(|source| AuthorityInputError::Charter { file: name, source })?,
                None => match fetch_charter(&node)? {
                    Ok((charter, _)) => charter,
                    Err(code) => return Ok(code),
                },
            };
            if node.json {
                println!("{}", charter_json(&charter));
            } else {
                print!("{}", charter_text(&charter));
            }
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Policy { source, node, log_key, witnesses } => {
            let log_key = crate::witness::read_vkey(&log_key)?;
            let mut urls = std::collections::BTreeMap::new();
            for witness in &witnesses {
                let (name, url) = passage_node::publisher::WitnessConfig::parse_url(witness)
                    .map_err(anyhow::Error::msg)?;
                urls.insert(name, url);
            }
            let charter = match source.read()? {
                Some((document, name)) => Charter::from_toml(&document)
                    .map_err(|source| AuthorityInputError::Charter { file: name, source })?,
                None => match fetch_charter(&node)? {
                    Ok((charter, _)) => charter,
                    Err(code) => return Ok(code),
                },
            };
            if let Some(name) =
                urls.keys().find(|name| !charter.witnesses.iter().any(|w| &w.name == *name))
            {
                anyhow::bail!(tr!("cli-authority-no-such-witness", name = name.as_str()));
            }
            let text = passage_node::publisher::charter_policy_text(&charter, &log_key, &urls)
                .with_context(|| tr!("cli-authority-no-policy"))?;
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn words<T: ToString>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().map(|item| item.to_string()).collect()
}

/// The charter as text: its name, each party with its roles and keys, the witnesses, the
/// quorum, the corridor and the first regime.
fn charter_text(charter: &Charter) -> String {
    let mut text = format!("{}\n", charter.name);
    let country = charter.mrn_country.to_string();
    text.push_str(&format!("  {}\n", tr!("cli-charter-mrn-country", country = country)));
    for party in &charter.parties {
        let roles: Vec<String> = party.roles.iter().map(|role| crate::words::role(*role)).collect();
        let line = tr!(
            "cli-charter-party",
            party = party.id.to_string(),
            kind = crate::words::party_kind(party.kind),
            name = party.name.as_str()
        );
        text.push_str(&format!("{line}\n"));
        let roles = crate::words::names(&roles);
        text.push_str(&format!("  {}\n", tr!("cli-charter-roles", roles = roles)));
        for key in &party.authority_keys {
            let key = hex::encode(key.0);
            text.push_str(&format!("  {}\n", tr!("cli-charter-authority-key", key = key)));
        }
    }
    for witness in &charter.witnesses {
        let key = hex::encode(witness.key.0);
        let line = match witness.party {
            Some(party) => tr!(
                "cli-charter-party-witness",
                name = witness.name.as_str(),
                party = party.to_string(),
                key = key
            ),
            None => tr!("cli-charter-witness", name = witness.name.as_str(), key = key),
        };
        text.push_str(&format!("{line}\n"));
    }
    let required: Vec<String> = charter
        .quorum
        .required
        .iter()
        .map(|&party| charter.parties[party].id.to_string())
        .collect();
    let quorum = if required.is_empty() {
        tr!("cli-charter-quorum", count = charter.quorum.threshold)
    } else {
        tr!(
            "cli-charter-quorum-including",
            count = charter.quorum.threshold,
            parties = required.join(", ")
        )
    };
    text.push_str(&format!("{quorum}\n"));
    let corridor = tr!(
        "cli-charter-corridor",
        name = charter.corridor.name.as_str(),
        posts = charter.corridor.posts.len(),
        routes = charter.corridor.routes.len()
    );
    let regime = tr!("cli-charter-first-regime", name = charter.regime.name.as_str());
    text.push_str(&format!("{corridor}\n{regime}\n"));
    text
}

fn charter_json(charter: &Charter) -> serde_json::Value {
    serde_json::json!({
        "name": charter.name,
        "mrn_country": charter.mrn_country.to_string(),
        "parties": charter.parties.iter().map(|party| serde_json::json!({
            "id": party.id.to_string(),
            "name": party.name,
            "kind": party.kind.as_str(),
            "roles": words(&party.roles),
            "authority_keys": party.authority_keys.iter().map(|key| hex::encode(key.0)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "witnesses": charter.witnesses.iter().map(|witness| serde_json::json!({
            "name": witness.name,
            "party": witness.party.map(|party| party.to_string()),
            "key": hex::encode(witness.key.0),
        })).collect::<Vec<_>>(),
        "quorum": {
            "required": charter.quorum.required.iter().map(|&party| charter.parties[party].id.to_string()).collect::<Vec<_>>(),
            "threshold": charter.quorum.threshold,
        },
        "corridor": charter.corridor.name,
        "regime": charter.regime.name,
    })
}

// ---------------------------------------------------------------------------------------
// Officers, carriers and authority keys.

/// Options of `passage enrol`.
#[derive(Debug, clap::Args)]
pub struct EnrolArgs {
    #[command(subcommand)]
    whom: Enrolment,
    #[command(flatten)]
    sign: SignArgs,
}

/// Posts an officer is enrolled at.
#[derive(Debug, clap::Args)]
struct Posts {
    /// A post where the officer acts, repeated (customs officers and border guards only at
    /// their own party's posts; monitors anywhere).
    #[arg(long = "post", required = true, value_parser = parse_ident)]
    posts: Vec<Ident>,
}

impl Posts {
    fn checked(self) -> Result<Vec<Ident>, AuthorityInputError> {
        if self.posts.len() > POSTS_PER_OFFICER_MAX {
            return Err(AuthorityInputError::TooManyPosts { count: self.posts.len() });
        }
        for (position, post) in self.posts.iter().enumerate() {
            if self.posts[..position].contains(post) {
                return Err(AuthorityInputError::PostTwice { post: *post });
            }
        }
        Ok(self.posts)
    }
}

/// Whom an authority enrols: an officer of its party by role, a carrier, or another
/// authority key of its own party.
#[derive(Debug, clap::Subcommand)]
enum Enrolment {
    /// A customs officer of the signer's party.
    Customs {
        /// The officer's public key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
        #[command(flatten)]
        posts: Posts,
    },
    /// A border guard of the signer's party.
    #[command(alias = "border_guard")]
    BorderGuard {
        /// The border guard's public key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
        #[command(flatten)]
        posts: Posts,
    },
    /// A monitor of the monitoring mission (the signer's party).
    Monitor {
        /// The monitor's public key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
        #[command(flatten)]
        posts: Posts,
    },
    /// A carrier's key (register the carrier, or add a key to it).
    Carrier {
        /// The carrier's identifier.
        #[arg(value_parser = parse_ident)]
        carrier: Ident,
        /// The carrier's public key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
        /// The carrier's public name.
        #[arg(long)]
        name: String,
    },
    /// A guarantor's key (a bank or insurer: enrol it, or add a key to it).
    Guarantor {
        /// The guarantor's identifier.
        #[arg(value_parser = parse_ident)]
        guarantor: Ident,
        /// The guarantor's public key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
        /// The guarantor's public name.
        #[arg(long)]
        name: String,
    },
    /// Another authority key of the signer's own party (key rotation).
    Authority {
        /// The new authority key (64 hexadecimal digits).
        #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
        public_key: PublicKey,
    },
}

impl Enrolment {
    fn statement(self) -> Result<Statement, AuthorityInputError> {
        let officer = |key, role, posts: Posts| -> Result<Statement, AuthorityInputError> {
            Ok(Statement::EnrolOfficer { key, role, posts: posts.checked()? })
        };
        match self {
            Enrolment::Customs { public_key, posts } => {
                officer(public_key, OfficerRole::Customs, posts)
            }
            Enrolment::BorderGuard { public_key, posts } => {
                officer(public_key, OfficerRole::BorderGuard, posts)
            }
            Enrolment::Monitor { public_key, posts } => {
                officer(public_key, OfficerRole::Monitor, posts)
            }
            Enrolment::Carrier { carrier, public_key, name } => {
                if name.is_empty() || name.len() > CARRIER_NAME_BYTES_MAX {
                    return Err(AuthorityInputError::CarrierName { bytes: name.len() });
                }
                Ok(Statement::RegisterCarrier { carrier, name, key: public_key })
            }
            Enrolment::Guarantor { guarantor, public_key, name } => {
                if name.is_empty() || name.len() > GUARANTOR_NAME_BYTES_MAX {
                    return Err(AuthorityInputError::GuarantorName { bytes: name.len() });
                }
                Ok(Statement::EnrolGuarantor { guarantor, name, key: public_key })
            }
            Enrolment::Authority { public_key } => {
                Ok(Statement::AddAuthorityKey { key: public_key })
            }
        }
    }
}

/// Runs `passage enrol`.
pub fn enrol(args: EnrolArgs) -> Result<ExitCode> {
    sign_and_send(&args.sign, args.whom.statement()?, Vec::new())
}

/// Options of `passage revoke`.
#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The key revoked (an officer's or authority key of the signer's party, or a carrier
    /// key it registered): it signs nothing from the revoking entry on.
    #[arg(value_name = "PUBLIC_KEY", value_parser = parse_key_argument)]
    public_key: PublicKey,
    #[command(flatten)]
    sign: SignArgs,
}

/// Runs `passage revoke`.
pub fn revoke(args: RevokeArgs) -> Result<ExitCode> {
    sign_and_send(&args.sign, Statement::RevokeKey { key: args.public_key }, Vec::new())
}

// ---------------------------------------------------------------------------------------
// Regimes.

/// Options of `passage regime`.
#[derive(Debug, clap::Args)]
pub struct RegimeArgs {
    #[command(subcommand)]
    command: RegimeCommand,
}

#[derive(Debug, clap::Subcommand)]
enum RegimeCommand {
    /// Propose a regime file (the format of the simulator's `--regime FILE`); it is checked
    /// against the charter first. The proposal counts as the signer's party's approval.
    Propose {
        /// The regime file (TOML).
        file: PathBuf,
        /// When it takes effect once approved (`2027-03-01` or `2027-03-01T06:00Z`, UTC);
        /// without it, as soon as the quorum approves.
        #[arg(long)]
        effective_from: Option<String>,
        /// Check the regime against this charter document instead of the node's entry 0
        /// (to propose offline with `--out`).
        #[arg(long)]
        charter: Option<PathBuf>,
        #[command(flatten)]
        sign: SignArgs,
    },
    /// Approve the regime proposed at entry ENTRY, for the signer's party.
    Approve {
        /// The proposal's entry index.
        entry: u64,
        #[command(flatten)]
        sign: SignArgs,
    },
    /// Show the regime in force, or the proposal at entry ENTRY with its document.
    Show {
        /// A proposal's entry index.
        entry: Option<u64>,
        #[command(flatten)]
        node: NodeArgs,
    },
    /// List the regime proposals, pending, adopted and in force, with their approvals.
    List {
        /// Only proposals with this status: `pending`, `adopted` or `in_force`.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        node: NodeArgs,
    },
}

/// Most pages of proposals read by `passage regime list`: 100 pages of the node's largest
/// page (100) are ten thousand proposals, far more than a corridor's authorities sign.
const PROPOSAL_PAGES_MAX: u32 = 100;

/// Runs `passage regime`.
pub fn regime(args: RegimeArgs) -> Result<ExitCode> {
    match args.command {
        RegimeCommand::Propose { file, effective_from, charter, sign } => {
            let effective_from = match &effective_from {
                Some(text) => parse_time("--effective-from", text)?,
                // Zero means "on approval": the core takes the later of this and the
                // adopting entry's time.
                None => Timestamp(0),
            };
            let document = read_document(&file)?;
            let charter = match &charter {
                Some(path) => {
                    let text = read_document(path)?;
                    Charter::from_toml(&text).map_err(|source| AuthorityInputError::Charter {
                        file: path.display().to_string(),
                        source,
                    })?
                }
                None => match fetch_charter(&sign.node)? {
                    Ok((charter, _)) => charter,
                    Err(code) => return Ok(code),
                },
            };
            check_regime(&charter, &file, &document)?;
            sign_and_send(&sign, Statement::ProposeRegime { effective_from, document }, Vec::new())
        }
        RegimeCommand::Approve { entry, sign } => {
            sign_and_send(&sign, Statement::ApproveRegime { proposal_entry: entry }, Vec::new())
        }
        RegimeCommand::Show { entry: None, node } => {
            let answer = match fetch(&node, "/v1/regime")? {
                Ok(answer) => answer,
                Err(error) => return Ok(failed(&node, &error)),
            };
            if node.json {
                println!("{answer}");
            } else {
                let regime: RegimeResponse = serde_json::from_value(answer)
                    .with_context(|| tr!("cli-error-unexpected-answer"))?;
                let classes: Vec<String> = regime
                    .traffic_classes
                    .iter()
                    .map(|class| crate::words::traffic_class_code(class))
                    .collect();
                println!("{}", regime.name);
                println!("  {}", tr!("cli-regime-since", entry = regime.since_entry));
                let classes = crate::words::names(&classes);
                println!("  {}", tr!("cli-regime-traffic-classes", classes = classes));
                let posts = crate::words::names(&regime.controlled_posts);
                println!("  {}", tr!("cli-regime-controlled-posts", posts = posts));
            }
            Ok(ExitCode::SUCCESS)
        }
        RegimeCommand::Show { entry: Some(index), node } => show_proposal(&node, index),
        RegimeCommand::List { status, node } => list_proposals(&node, status.as_deref()),
    }
}

/// Prints every regime proposal the node lists, reading its pages in entry order.
fn list_proposals(node: &NodeArgs, status: Option<&str>) -> Result<ExitCode> {
    let mut proposals: Vec<ProposalItem> = Vec::new();
    let mut after: Option<u64> = None;
    for page_number in 0.. {
        if page_number == PROPOSAL_PAGES_MAX {
            anyhow::bail!(tr!("cli-regime-too-many-pages", most = PROPOSAL_PAGES_MAX));
        }
        let mut path = "/v1/regimes/proposals?limit=100".to_owned();
        if let Some(status) = status {
            path.push_str(&format!("&status={status}"));
        }
        if let Some(after) = after {
            path.push_str(&format!("&after={after}"));
        }
        let answer = match fetch(node, &path)? {
            Ok(answer) => answer,
            Err(error) => return Ok(failed(node, &error)),
        };
        let page: ProposalPage =
            serde_json::from_value(answer).with_context(|| tr!("cli-error-unexpected-answer"))?;
        proposals.extend(page.proposals);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    if node.json {
        println!("{}", serde_json::to_string(&proposals)?);
    } else if proposals.is_empty() {
        println!("{}", tr!("cli-regime-no-proposals"));
    } else {
        for proposal in &proposals {
            println!("{}", proposal_line(proposal));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One proposal on a line: entry, name, status, approvals, effective time, document hash.
fn proposal_line(proposal: &ProposalItem) -> String {
    let status = match (proposal.status.as_str(), proposal.current) {
        ("in_force", true) => tr!("cli-proposal-in-force"),
        ("in_force", false) => tr!("cli-proposal-was-in-force"),
        ("adopted", _) => tr!("cli-proposal-adopted"),
        ("pending", _) => tr!("cli-proposal-pending"),
        (other, _) => other.to_owned(),
    };
    let effective = if proposal.effective_from_ms == 0 {
        tr!("cli-proposal-on-adoption")
    } else {
        Timestamp(proposal.effective_from_ms).to_string()
    };
    tr!(
        "cli-proposal-line",
        entry = proposal.entry,
        name = proposal.name.as_str(),
        status = status,
        approvals = crate::words::names(&proposal.approvals),
        effective = effective,
        sha256 = proposal.document_sha256.as_str()
    )
}

/// Checks a regime document against a charter's corridor and parties, as the core will.
fn check_regime(
    charter: &Charter,
    file: &Path,
    document: &str,
) -> Result<Regime, AuthorityInputError> {
    let parties: Vec<Ident> = charter.parties.iter().map(|party| party.id).collect();
    Regime::from_toml(document, &charter.corridor, &parties)
        .map_err(|source| AuthorityInputError::Regime { file: file.into(), source })
}

/// Prints the proposal at entry `index`: who proposed it, from when, and its document.
fn show_proposal(node: &NodeArgs, index: u64) -> Result<ExitCode> {
    let entry = match fetch_entry(node, index)? {
        Ok(entry) => entry,
        Err(code) => return Ok(code),
    };
    let recorded = entry
        .statement
        .decode_statement()
        .with_context(|| tr!("cli-error-entry-does-not-decode", index = index))?;
    let Statement::ProposeRegime { effective_from, document } = recorded.statement else {
        return Err(AuthorityInputError::WrongEntry {
            index,
            found: recorded.statement.kind(),
            expected: ExpectedEntry::RegimeProposal,
        }
        .into());
    };
    let proposer = hex::encode(entry.statement.signer.0);
    let effective = if effective_from.0 == 0 {
        tr!("cli-proposal-effective-on-approval")
    } else {
        tr!("cli-proposal-effective-from", time = effective_from.to_string())
    };
    if node.json {
        let value = serde_json::json!({
            "entry": index,
            "proposed_at": entry.sequenced_at.to_string(),
            "proposer": proposer,
            "effective_from_ms": effective_from.0,
            "document_sha256": hex::encode(passage_core::digest::sha256(document.as_bytes())),
            "document": document,
        });
        println!("{value}");
    } else {
        let shown = tr!(
            "cli-proposal-shown",
            entry = index,
            time = entry.sequenced_at.to_string(),
            key = proposer,
            effective = effective
        );
        println!("{shown}\n");
        print!("{document}");
        if !document.ends_with('\n') {
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_time(text: &str, expect: &str) {
        let found = match parse_time("--effective-from", text) {
            Ok(time) => time.to_string(),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(found, expect, "{text}");
    }

    #[test]
    fn times_are_read_as_they_are_printed() {
        check_time("2027-03-01", "2027-03-01T00:00Z");
        check_time("2027-03-01T06:30Z", "2027-03-01T06:30Z");
        check_time("2028-02-29T23:59Z", "2028-02-29T23:59Z");
        check_time("1970-01-01", "1970-01-01T00:00Z");
        let refused = |text: &str| {
            format!(
                "error: --effective-from: `{text}` is not a UTC time; write 2027-03-01 or \
                 2027-03-01T06:00Z"
            )
        };
        for text in ["2027-02-30", "2027-13-01", "2027-3-1", "2027-03-01T06:30", "tomorrow", ""] {
            check_time(text, &refused(text));
        }
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (2026, 11, 26), (2100, 12, 31)] {
            let time = Timestamp(days_from_civil(year, month, day) as u64 * 86_400_000);
            assert_eq!(time.civil_date(), (year, month, day));
        }
    }

    fn check_key(text: &str, expect: &str) {
        let found = match parse_public_key("PUBLIC_KEY", text) {
            Ok(key) => hex::encode(key.0),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(found, expect);
    }

    #[test]
    fn public_keys_are_64_hex_digits_of_a_curve_point() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let text = public_key_hex(&key);
        check_key(&text, &text);
        check_key(
            "abc",
            "error: PUBLIC_KEY: `abc` is not a public key (64 hexadecimal digits, as `passage keys \
             signer` or `passage keys show` print)",
        );
    }
}
