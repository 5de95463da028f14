//! `passage payloads MRN`: reads the confidential payloads of a movement's entries from a
//! node in signed requests (the reader's enrolled key signs each page), checks each against
//! its commitment, and prints them as text or JSON.

use crate::statements::{NodeArgs, http_client, read_signer_key};
use anyhow::{Context, Result, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::Signer as _;
use passage_core::{Commitment, Mrn};
use passage_node::api::errors::ErrorBody;
use passage_node::api::payloads::{
    MOVEMENT_PAYLOADS_PAGE_MAX, MovementPayloadsResponse, PayloadsResponse,
};
use passage_node::confidential::{
    HEADER_KEY, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP, RevealedPayload,
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
    #[command(flatten)]
    node: NodeArgs,
}

/// Runs `passage payloads`.
pub fn run(args: PayloadsArgs) -> Result<ExitCode> {
    let mrn = Mrn::parse(&args.mrn).with_context(|| format!("`{}` is not an MRN", args.mrn))?;
    let key = args.key.as_deref().context(
        "--key is required: the reader's key file (or PASSAGE_KEY), an enrolled officer's or \
         the movement's carrier's",
    )?;
    let key = read_signer_key(key)?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let answer = runtime.block_on(read_all(&args.node.node, &key, mrn))?;
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
/// against its commitment.
async fn read_all(
    node: &str,
    key: &ed25519_dalek::SigningKey,
    mrn: Mrn,
) -> Result<Result<Vec<PayloadsResponse>, ErrorBody>> {
    let client = http_client()?;
    let path = format!("/v1/movements/{mrn}/payloads");
    let mut entries: Vec<PayloadsResponse> = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..PAGES_MAX {
        let query = match &after {
            None => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}"),
            Some(cursor) => format!("limit={MOVEMENT_PAYLOADS_PAGE_MAX}&after={cursor}"),
        };
        let page = match signed_get(&client, node, key, &path, &query).await? {
            Ok(page) => page,
            Err(error) => return Ok(Err(error)),
        };
        for entry in page.entries {
            for payload in &entry.payloads {
                check(entry.index, payload)?;
            }
            match entries.last_mut() {
                Some(last) if last.index == entry.index => last.payloads.extend(entry.payloads),
                _ => entries.push(entry),
            }
        }
        match page.next {
            Some(next) if Some(&next) != after.as_ref() => after = Some(next),
            Some(next) => bail!("the node repeated the cursor `{next}`"),
            None => return Ok(Ok(entries)),
        }
    }
    bail!("the node's payloads of {mrn} ran past {PAGES_MAX} pages")
}

/// One GET signed as the node's request signatures require: a fresh nonce, the time now.
async fn signed_get(
    client: &reqwest::Client,
    node: &str,
    key: &ed25519_dalek::SigningKey,
    path: &str,
    query: &str,
) -> Result<Result<MovementPayloadsResponse, ErrorBody>> {
    let timestamp_ms = passage_node::sequencer::now_ms();
    let mut nonce = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut nonce);
    let nonce = hex::encode(nonce);
    let origin = origin(client, node).await?;
    let message = signed_request_message(&origin, "GET", path, query, timestamp_ms, &nonce, b"");
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
        .with_context(|| format!("reading {url}"))?;
    crate::queries::decode_answer(&url, response).await
}

/// The origin of the node's log (its checkpoint's first line), which a signed read names
/// so that it cannot be replayed to another corridor's node.
async fn origin(client: &reqwest::Client, node: &str) -> Result<String> {
    let url = format!("{}/log/checkpoint", node.trim_end_matches('/'));
    let response = client.get(&url).send().await.with_context(|| format!("reading {url}"))?;
    let note = response.error_for_status().with_context(|| format!("reading {url}"))?;
    let text = note.text().await.with_context(|| format!("reading {url}"))?;
    match text.lines().next() {
        Some(origin) if !origin.is_empty() => Ok(origin.to_owned()),
        _ => bail!("{url} names no origin; the node has published no checkpoint yet"),
    }
}

/// Checks that a payload and its salt open the commitment the node gives with it.
fn check(index: u64, payload: &RevealedPayload) -> Result<()> {
    let what = || format!("entry {index}, payload `{}`", payload.field);
    let commitment: [u8; 32] = hex::decode(&payload.commitment)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .with_context(|| format!("{}: the commitment is not 64 hex digits", what()))?;
    let salt: [u8; 32] = BASE64
        .decode(&payload.salt)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .with_context(|| format!("{}: the salt is not base64 of 32 bytes", what()))?;
    let bytes =
        BASE64.decode(&payload.payload).with_context(|| format!("{}: not base64", what()))?;
    if !Commitment(commitment).matches(&salt, &bytes) {
        bail!("{}: the payload does not open its commitment", what());
    }
    Ok(())
}

/// The payloads as text: one line each, the payload in clear when it is UTF-8 text.
fn render(mrn: &Mrn, entries: &[PayloadsResponse]) -> String {
    let count: usize = entries.iter().map(|entry| entry.payloads.len()).sum();
    let mut text = format!("{mrn}: {count} payloads in {} entries\n", entries.len());
    for entry in entries {
        for payload in &entry.payloads {
            let bytes = BASE64.decode(&payload.payload).unwrap_or_default();
            let shown = match String::from_utf8(bytes) {
                Ok(clear) if !clear.chars().any(char::is_control) => clear,
                _ => format!("(base64) {}", payload.payload),
            };
            let _ = writeln!(text, "  entry {}  {}: {shown}", entry.index, payload.field);
        }
    }
    text
}
