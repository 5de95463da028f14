//! `passage payloads MRN`: reads the confidential payloads of a movement's entries from a
//! node in signed requests (the reader's enrolled key signs each page), checks each against
//! the commitment in the logged statement, and prints them as text or JSON. `passage
//! payloads --entry N` reads one entry's, such as an observation's details and attachments
//! or a signed report's narrative, which belong to no movement.
//!
//! The node is not taken at its word: for every entry it names, the command fetches the
//! entry's receipt (the entry's bytes, its inclusion proof and a checkpoint), verifies it
//! against the reader's trust policy (the log's key and the witnesses' quorum), decodes the
//! statement the log holds, and checks each payload against that statement's commitment of
//! the same field. A node that makes up a commitment, or names an entry the log does not
//! hold, is refused, and nothing is shown.

use crate::language::tr;
use crate::statements::{NodeArgs, http_client, read_signer_key};
use anyhow::{Context, Result, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::Signer as _;
use passage_core::{Commitment, Entry, Mrn};
use passage_log::{Policy, RECEIPT_BYTES_MAX, Receipt, leaf_hash};
use passage_node::api::errors::ErrorBody;
use passage_node::api::payloads::{
    MOVEMENT_PAYLOADS_PAGE_MAX, MovementPayloadsResponse, PayloadsResponse,
};
use passage_node::confidential::{
    HEADER_KEY, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP, RevealedPayload, commitments,
    signed_request_message,
};
use rand_core::RngCore as _;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Most pages read for one movement: a movement has at most 10,000 history entries, and
/// a page holds up to 256 payloads, so this is far beyond any movement's payloads; it only
/// keeps a misbehaving node from keeping the command reading for ever.
const PAGES_MAX: usize = 10_000;

/// Options of `passage payloads`.
#[derive(Debug, clap::Args)]
pub struct PayloadsArgs {
    /// The movement's MRN (or give `--entry`).
    #[arg(required_unless_present = "entry")]
    mrn: Option<String>,
    /// One entry's payloads instead of a movement's: an observation's details and
    /// attachments, a signed report's narrative, or any other entry's.
    #[arg(long, conflicts_with = "mrn")]
    entry: Option<u64>,
    /// The reader's key file: an officer whom the regime lets read confidential data, or
    /// the movement's carrier.
    #[arg(long, env = "PASSAGE_KEY")]
    key: Option<PathBuf>,
    /// The trust policy (c2sp.org/tlog-policy): the log's key and the witnesses whose
    /// cosignatures make a checkpoint believed. Each payload is checked against its entry
    /// as the log holds it, proved by a receipt that meets this policy.
    #[arg(long, env = "PASSAGE_POLICY")]
    policy: Option<PathBuf>,
    #[command(flatten)]
    node: NodeArgs,
}

/// Runs `passage payloads`.
pub fn run(args: PayloadsArgs) -> Result<ExitCode> {
    let subject = match (&args.mrn, args.entry) {
        (_, Some(index)) => Subject::Entry(index),
        (Some(mrn), None) => Subject::Movement(
            Mrn::parse(mrn).with_context(|| tr!("cli-payloads-not-an-mrn", text = mrn.as_str()))?,
        ),
        (None, None) => bail!(tr!("cli-payloads-no-subject")),
    };
    let key = args.key.as_deref().with_context(|| tr!("cli-payloads-key-required"))?;
    let key = read_signer_key(key)?;
    let policy = args.policy.as_deref().with_context(|| tr!("cli-payloads-policy-required"))?;
    let policy = crate::witness::read_policy(policy)?;
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let node = args.node.url()?;
    let answer = match subject {
        Subject::Movement(mrn) => runtime.block_on(read_all(&node, &key, &policy, mrn))?,
        Subject::Entry(index) => runtime.block_on(read_entry(&node, &key, &policy, index))?,
    };
    let entries = match answer {
        Ok(entries) => entries,
        Err(error) => return Ok(crate::queries::failed(&args.node, &error)),
    };
    match subject {
        Subject::Movement(mrn) if args.node.json => {
            let whole = MovementPayloadsResponse { mrn: mrn.to_string(), entries, next: None };
            println!("{}", serde_json::to_string(&whole)?);
        }
        Subject::Entry(_) if args.node.json => {
            let entry = entries.into_iter().next().context("an entry's payloads")?;
            println!("{}", serde_json::to_string(&entry)?);
        }
        Subject::Movement(mrn) => print!("{}", render(&mrn.to_string(), &entries)),
        Subject::Entry(index) => {
            print!("{}", render(&tr!("cli-payloads-entry", index = index.to_string()), &entries))
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `passage payloads` reads.
#[derive(Clone, Copy, Debug)]
enum Subject {
    /// Every entry's of a movement.
    Movement(Mrn),
    /// One entry's.
    Entry(u64),
}

/// The origin signed reads name: the log's the trust policy trusts (its key's name), not
/// whatever the node says it is.
fn policy_origin(policy: &Policy) -> Result<String> {
    match policy.logs() {
        [log] => Ok(log.key.name().to_owned()),
        logs => bail!(tr!("cli-payloads-logs", count = logs.len())),
    }
}

/// Reads one entry's payloads, each checked against the commitment the entry holds in the
/// log, as for a movement's.
async fn read_entry(
    node: &str,
    key: &ed25519_dalek::SigningKey,
    policy: &Policy,
    index: u64,
) -> Result<Result<Vec<PayloadsResponse>, ErrorBody>> {
    let client = http_client()?;
    let origin = policy_origin(policy)?;
    let path = format!("/v1/entries/{index}/payloads");
    let entry: PayloadsResponse = match signed_get(&client, node, &origin, key, &path, "").await? {
        Ok(entry) => entry,
        Err(error) => return Ok(Err(error)),
    };
    if entry.index != index {
        let (asked, answered) = (index.to_string(), entry.index.to_string());
        bail!(tr!("cli-payloads-other-entry", asked = asked, answered = answered));
    }
    let logged = logged_commitments(&client, node, policy, index).await?;
    for payload in &entry.payloads {
        check(index, &logged, payload)?;
    }
    Ok(Ok(vec![entry]))
}

/// Reads every page, merging an entry split across two pages; each payload is checked
/// against the commitment its entry holds in the log ([`logged_commitments`]).
async fn read_all(
    node: &str,
    key: &ed25519_dalek::SigningKey,
    policy: &Policy,
    mrn: Mrn,
) -> Result<Result<Vec<PayloadsResponse>, ErrorBody>> {
    let client = http_client()?;
    let path = format!("/v1/movements/{mrn}/payloads");
    let mut entries: Vec<PayloadsResponse> = Vec::new();
    let mut after: Option<String> = None;
    // The origin the signed reads name is the log's the trust policy trusts (its key's
    // name), not whatever the node says it is.
    let origin = policy_origin(policy)?;
    let mut proved: Option<(u64, Vec<(String, Commitment)>)> = None;
    for _ in 0..PAGES_MAX {
        let query = match &after {
            None => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}"),
            Some(cursor) => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}&after={cursor}"),
        };
        let page: MovementPayloadsResponse =
            match signed_get(&client, node, &origin, key, &path, &query).await? {
                Ok(page) => page,
                Err(error) => return Ok(Err(error)),
            };
        for entry in page.entries {
            // An entry split across two pages is proved once.
            if proved.as_ref().is_none_or(|(index, _)| *index != entry.index) {
                let logged = logged_commitments(&client, node, policy, entry.index).await?;
                proved = Some((entry.index, logged));
            }
            let (_, logged) = proved.as_ref().expect("proved just above");
            for payload in &entry.payloads {
                check(entry.index, logged, payload)?;
            }
            match entries.last_mut() {
                Some(last) if last.index == entry.index => last.payloads.extend(entry.payloads),
                _ => entries.push(entry),
            }
        }
        match page.next {
            Some(next) if Some(&next) != after.as_ref() => after = Some(next),
            Some(next) => bail!(tr!("cli-payloads-cursor-repeated", cursor = next)),
            None => return Ok(Ok(entries)),
        }
    }
    bail!(tr!("cli-payloads-too-many-pages", mrn = mrn.to_string(), most = PAGES_MAX))
}

/// One GET signed as the node's request signatures require: a fresh nonce, the time now.
pub(crate) async fn signed_get<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    node: &str,
    origin: &str,
    key: &ed25519_dalek::SigningKey,
    path: &str,
    query: &str,
) -> Result<Result<T, ErrorBody>> {
    let timestamp_ms = passage_node::sequencer::now_ms();
    let mut nonce = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut nonce);
    let nonce = hex::encode(nonce);
    let message = signed_request_message(origin, "GET", path, query, timestamp_ms, &nonce, b"");
    let signature = key.sign(message.as_bytes());
    let url = if query.is_empty() {
        format!("{}{path}", node.trim_end_matches('/'))
    } else {
        format!("{}{path}?{query}", node.trim_end_matches('/'))
    };
    let response = client
        .get(&url)
        .header(HEADER_KEY, hex::encode(key.verifying_key().to_bytes()))
        .header(HEADER_TIMESTAMP, timestamp_ms.to_string())
        .header(HEADER_NONCE, nonce)
        .header(HEADER_SIGNATURE, BASE64.encode(signature.to_bytes()))
        .send()
        .await
        .with_context(|| tr!("cli-error-reading", what = url.as_str()))?;
    crate::queries::decode_answer(&url, response).await
}

/// The commitments, by field, of the statement at entry `index` as the log holds it: the
/// node's receipt of the entry must verify against `policy` (the checkpoint signed by the
/// log's key and cosigned by the policy's quorum, the entry's bytes included in that tree
/// at `index`), and its entry must decode.
async fn logged_commitments(
    client: &reqwest::Client,
    node: &str,
    policy: &Policy,
    index: u64,
) -> Result<Vec<(String, Commitment)>> {
    let url = format!("{}/v1/entries/{index}/receipt", node.trim_end_matches('/'));
    let refused = |reason: String| {
        anyhow::anyhow!(tr!("cli-payloads-not-proved", index = index.to_string(), reason = reason))
    };
    let response = client
        .get(&url)
        .send()
        .await
        .with_context(|| tr!("cli-error-reading", what = url.as_str()))?;
    let status = response.status();
    // Read with a limit: a node's answer is not trusted to be small.
    let body = passage_peer::read_body(response, RECEIPT_BYTES_MAX).await.map_err(|error| {
        let reading = tr!("cli-error-reading-answer", url = url.as_str());
        refused(format!("{reading}: {error}"))
    })?;
    if !status.is_success() {
        let answer = serde_json::from_slice::<ErrorBody>(&body)
            .map(|error| format!("{} ({})", error.message, error.error))
            .unwrap_or_else(|_| String::from_utf8_lossy(&body).trim().to_owned());
        return Err(refused(tr!(
            "cli-payloads-no-receipt",
            url = url.as_str(),
            status = status.to_string(),
            answer = answer
        )));
    }
    let receipt = Receipt::parse(&body).map_err(|error| {
        let said = tr!("cli-receipt-not-a-receipt", url = url.as_str());
        refused(format!("{said}: {error}"))
    })?;
    if receipt.index != index {
        let other = receipt.index.to_string();
        return Err(refused(tr!("cli-payloads-receipt-of-another", index = other)));
    }
    let entry_bytes =
        receipt.extra.as_deref().ok_or_else(|| refused(tr!("cli-payloads-receipt-no-entry")))?;
    receipt.verify(&leaf_hash(entry_bytes), policy).map_err(|error| {
        refused(format!("{}: {error}", tr!("cli-payloads-receipt-does-not-verify")))
    })?;
    let statement = Entry::decode(entry_bytes)
        .map_err(|error| {
            refused(format!("{}: {error}", tr!("cli-payloads-entry-does-not-decode")))
        })?
        .statement
        .decode_statement()
        .map_err(|error| {
            refused(format!("{}: {error}", tr!("cli-payloads-statement-does-not-decode")))
        })?
        .statement;
    Ok(commitments(&statement))
}

/// Checks a payload against the commitment of the same field in the logged statement
/// (`logged`): the node's copy of the commitment must be that one, and the payload and its
/// salt must open it.
pub(crate) fn check(
    index: u64,
    logged: &[(String, Commitment)],
    payload: &RevealedPayload,
) -> Result<()> {
    let what =
        || tr!("cli-payloads-which", index = index.to_string(), field = payload.field.as_str());
    let Some((_, commitment)) = logged.iter().find(|(field, _)| *field == payload.field) else {
        bail!("{}: {}", what(), tr!("cli-payloads-no-such-commitment"));
    };
    let commitment = commitment.0;
    if payload.commitment != hex::encode(commitment) {
        let differs = tr!(
            "cli-payloads-other-commitment",
            node = payload.commitment.as_str(),
            log = hex::encode(commitment)
        );
        bail!("{}: {differs}", what());
    }
    let salt: [u8; 32] = BASE64
        .decode(&payload.salt)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .with_context(|| format!("{}: {}", what(), tr!("cli-payloads-bad-salt")))?;
    let bytes = BASE64
        .decode(&payload.payload)
        .with_context(|| format!("{}: {}", what(), tr!("cli-payloads-not-base64")))?;
    if !Commitment(commitment).matches(&salt, &bytes) {
        bail!("{}: {}", what(), tr!("cli-payloads-does-not-open"));
    }
    Ok(())
}

/// The payloads of `subject` (a movement's MRN, or an entry) as text: one line each, the
/// payload in clear when it is UTF-8 text.
fn render(subject: &str, entries: &[PayloadsResponse]) -> String {
    let count: usize = entries.iter().map(|entry| entry.payloads.len()).sum();
    let heading =
        tr!("cli-payloads-heading", mrn = subject, count = count, entries = entries.len());
    let mut text = format!("{heading}\n");
    for entry in entries {
        for payload in &entry.payloads {
            let bytes = BASE64.decode(&payload.payload).unwrap_or_default();
            let shown = match String::from_utf8(bytes) {
                Ok(clear) if !clear.chars().any(char::is_control) => clear,
                _ => format!("(base64) {}", payload.payload),
            };
            let entry = tr!("cli-account-entry", index = entry.index.to_string());
            let _ = writeln!(text, "  {entry}  {}: {shown}", payload.field);
        }
    }
    text
}
