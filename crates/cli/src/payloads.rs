//! `passage payloads MRN`: reads the confidential payloads of a movement's entries from a
//! node in signed requests (the reader's enrolled key signs each page), checks each against
//! the commitment in the logged statement, and prints them as text or JSON.
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
    /// The movement's MRN.
    mrn: String,
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
    let mrn = Mrn::parse(&args.mrn)
        .with_context(|| tr!("cli-payloads-not-an-mrn", text = args.mrn.as_str()))?;
    let key = args.key.as_deref().with_context(|| tr!("cli-payloads-key-required"))?;
    let key = read_signer_key(key)?;
    let policy = args.policy.as_deref().with_context(|| tr!("cli-payloads-policy-required"))?;
    let policy = crate::witness::read_policy(policy)?;
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let answer = runtime.block_on(read_all(&args.node.url()?, &key, &policy, mrn))?;
    let entries = match answer {
        Ok(entries) => entries,
        Err(error) => return Ok(crate::queries::failed(&args.node, &error)),
    };
    if args.node.json {
        let whole = MovementPayloadsResponse { mrn: mrn.to_string(), entries, next: None };
        println!("{}", serde_json::to_string(&whole)?);
    } else {
        print!("{}", render(&mrn, &entries));
    }
    Ok(ExitCode::SUCCESS)
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
    let origin = match policy.logs() {
        [log] => log.key.name().to_owned(),
        logs => bail!(tr!("cli-payloads-logs", count = logs.len())),
    };
    let mut proved: Option<(u64, Vec<(String, Commitment)>)> = None;
    for _ in 0..PAGES_MAX {
        let query = match &after {
            None => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}"),
            Some(cursor) => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}&after={cursor}"),
        };
        let page = match signed_get(&client, node, &origin, key, &path, &query).await? {
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
async fn signed_get(
    client: &reqwest::Client,
    node: &str,
    origin: &str,
    key: &ed25519_dalek::SigningKey,
    path: &str,
    query: &str,
) -> Result<Result<MovementPayloadsResponse, ErrorBody>> {
    let timestamp_ms = passage_node::sequencer::now_ms();
    let mut nonce = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut nonce);
    let nonce = hex::encode(nonce);
    let message = signed_request_message(origin, "GET", path, query, timestamp_ms, &nonce, b"");
    let signature = key.sign(message.as_bytes());
    let url = format!("{}{path}?{query}", node.trim_end_matches('/'));
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
fn check(index: u64, logged: &[(String, Commitment)], payload: &RevealedPayload) -> Result<()> {
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

/// The payloads as text: one line each, the payload in clear when it is UTF-8 text.
fn render(mrn: &Mrn, entries: &[PayloadsResponse]) -> String {
    let count: usize = entries.iter().map(|entry| entry.payloads.len()).sum();
    let heading =
        tr!("cli-payloads-heading", mrn = mrn.to_string(), count = count, entries = entries.len());
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
