//! `passage movement MRN` and `passage account [ACCOUNT]`: read a movement with its history,
//! the balances, or an account's statement from a node, as text or JSON.

use crate::language::tr;
use crate::statements::{NodeArgs, http_client};
use crate::words;
use anyhow::{Context, Result};
use passage_core::Timestamp;
use passage_node::api::accounts::{Balance, StatementOfAccount};
use passage_node::api::errors::ErrorBody;
use passage_node::api::movements::MovementResponse;
use serde::de::DeserializeOwned;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Exit code when the node has nothing by that name or refused the query.
const EXIT_NOT_FOUND: u8 = 1;

/// Largest answer of a node the command reads (queries, submissions, payloads). The
/// largest a node sends is a page of a movement's payloads: at most
/// `MOVEMENT_PAYLOADS_PAGE_BYTES_MAX` (4 MiB) of payloads, 5.4 MiB in base64 with its JSON;
/// a batch's outcomes are under 2 MiB. 8 MiB leaves room, and a node (or whatever answers
/// at its address) cannot make the command hold more: past it, the answer is refused unread.
pub const NODE_ANSWER_BYTES_MAX: usize = 8 << 20;

/// Options of `passage movement`.
#[derive(Debug, clap::Args)]
pub struct MovementArgs {
    /// The movement's MRN.
    mrn: String,
    #[command(flatten)]
    node: NodeArgs,
}

/// Options of `passage account`.
#[derive(Debug, clap::Args)]
pub struct AccountArgs {
    /// The account (`carrier:CASPIAN-RAIL`, `revenue:AM-TREASURY`, `receipts`); without
    /// it, every account's balances.
    account: Option<String>,
    /// Postings after this cursor (printed as `next` by the previous page).
    #[arg(long)]
    after: Option<String>,
    /// Most postings on the page (1 to 500).
    #[arg(long)]
    limit: Option<u32>,
    #[command(flatten)]
    node: NodeArgs,
}

/// GETs `path` from the node: the body as JSON, or the node's error.
async fn get(node: &str, path: &str) -> Result<Result<serde_json::Value, ErrorBody>> {
    let url = format!("{}{path}", node.trim_end_matches('/'));
    let response = http_client()?
        .get(&url)
        .send()
        .await
        .with_context(|| tr!("cli-error-reading", what = url.as_str()))?;
    decode_answer(&url, response).await
}

/// A node's answer to a request sent to `url`: on a success status the body as `T`;
/// otherwise the node's [`ErrorBody`], or, when the body is not one (a proxy's page, a
/// plain-text refusal), an `http_<status>` stand-in naming the status and the body's text.
/// `Err` only when the answer cannot be read or a success does not decode as `T`.
pub(crate) async fn decode_answer<T: DeserializeOwned>(
    url: &str,
    response: reqwest::Response,
) -> Result<Result<T, ErrorBody>> {
    let status = response.status();
    let body = passage_peer::read_body(response, NODE_ANSWER_BYTES_MAX)
        .await
        .with_context(|| tr!("cli-error-reading-answer", url = url))?;
    let text = String::from_utf8_lossy(&body);
    if status.is_success() {
        return Ok(Ok(
            serde_json::from_str(&text).with_context(|| tr!("cli-error-answer-of", url = url))?
        ));
    }
    Ok(Err(serde_json::from_str(&text).unwrap_or_else(|_| {
        let text = text.trim();
        // The stand-in is the node's error as `--json` prints it: in English, as the node
        // words its own, whatever the language of the text.
        let message = if text.is_empty() {
            format!("{url} answered {status}")
        } else {
            format!("{url} answered {status}: {text}")
        };
        ErrorBody { error: format!("http_{}", status.as_u16()), message }
    })))
}

pub(crate) fn fetch(node: &NodeArgs, path: &str) -> Result<Result<serde_json::Value, ErrorBody>> {
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    runtime.block_on(get(&node.url()?, path))
}

pub(crate) fn failed(node: &NodeArgs, error: &ErrorBody) -> ExitCode {
    if node.json {
        println!("{}", serde_json::to_string(error).unwrap_or_default());
    } else {
        eprintln!("{}", texts::failed(&error.error, &error.message));
    }
    ExitCode::from(EXIT_NOT_FOUND)
}

/// Percent-encodes a path segment: identifiers hold only `A-Z a-z 0-9 - _ . : /`, and the
/// slash is the one to escape.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b':' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn time(milliseconds: u64) -> String {
    Timestamp(milliseconds).to_string()
}

/// Runs `passage movement`.
pub fn movement(args: MovementArgs) -> Result<ExitCode> {
    let value = match fetch(&args.node, &format!("/v1/movements/{}", segment(&args.mrn)))? {
        Ok(value) => value,
        Err(error) => return Ok(failed(&args.node, &error)),
    };
    if args.node.json {
        println!("{value}");
        return Ok(ExitCode::SUCCESS);
    }
    let response: MovementResponse =
        serde_json::from_value(value).with_context(|| tr!("cli-error-unexpected-answer"))?;
    print!("{}", render_movement(&response));
    Ok(ExitCode::SUCCESS)
}

/// A movement as text: its status, what was declared, each visit with its units' lanes and
/// seals, its incidents, and the entries that concern it.
pub fn render_movement(response: &MovementResponse) -> String {
    let movement = &response.movement;
    let mut text = String::new();
    let _ = writeln!(text, "{}  {}", movement.mrn, words::status_code(&movement.status));
    let _ = writeln!(
        text,
        "  {}",
        tr!(
            "cli-movement-declared-as",
            carrier = movement.carrier.as_str(),
            route = movement.route.as_str(),
            class = words::traffic_class_code(&movement.traffic_class),
            mass = words::count(movement.gross_mass_kg)
        )
    );
    let mut times = vec![tr!("cli-movement-declared", time = time(movement.declared_at_ms))];
    if let Some(deadline) = movement.deadline_ms {
        times.push(tr!("cli-movement-deadline", time = time(deadline)));
    }
    if movement.overdue {
        times.push(tr!("cli-movement-overdue"));
    }
    let _ = writeln!(text, "  {}", times.join("  "));
    if let Some(post) = &movement.current_post {
        let _ = writeln!(text, "  {}", tr!("cli-movement-at", post = post.as_str()));
    }
    if let (Some(amount), Some(currency)) = (movement.fee_minor, &movement.fee_currency) {
        let _ =
            writeln!(text, "  {}", tr!("cli-movement-fee", fee = words::money(amount, currency)));
    }
    let equipment = movement.equipment.join(", ");
    let _ = writeln!(text, "  {}", tr!("cli-movement-equipment", equipment = equipment));
    for visit in &movement.visits {
        let mut times = vec![tr!("cli-movement-arrived", time = time(visit.arrived_at_ms))];
        if let Some(released) = visit.released_at_ms {
            times.push(tr!("cli-movement-released", time = time(released)));
        }
        if let Some(departed) = visit.departed_at_ms {
            times.push(tr!("cli-movement-departed", time = time(departed)));
        }
        let times = times.join(", ");
        let line = if visit.controlled {
            tr!("cli-movement-visit-controlled", post = visit.post.as_str(), times = times)
        } else {
            tr!("cli-movement-visit", post = visit.post.as_str(), times = times)
        };
        let _ = writeln!(text, "  {line}");
        // Columns line up, by the characters each takes: equipment, lane, seals, inspection.
        let lanes: Vec<String> =
            visit.units.iter().map(|unit| words::lane_code(&unit.lane)).collect();
        let seals: Vec<String> = visit
            .units
            .iter()
            .map(|unit| {
                unit.seal.as_deref().map_or_else(String::new, |seal| {
                    tr!("cli-movement-seals", condition = words::seal_code(seal))
                })
            })
            .collect();
        let width = words::widest(visit.units.iter().map(|unit| unit.equipment.as_str()));
        let lane_width = words::widest(lanes.iter().map(String::as_str));
        let seal_width = words::widest(seals.iter().map(String::as_str));
        for ((unit, lane), seal) in visit.units.iter().zip(&lanes).zip(&seals) {
            let _ = write!(text, "    {:width$}  {lane:lane_width$}", unit.equipment);
            if !seal.is_empty() || unit.inspection.is_some() {
                let _ = write!(text, "  {seal:seal_width$}");
            }
            if let Some(outcome) = &unit.inspection {
                let outcome = words::outcome_code(outcome);
                let _ = write!(text, "  {}", tr!("cli-movement-inspected", outcome = outcome));
            }
            let trimmed = text.trim_end_matches(' ').len();
            text.truncate(trimmed);
            text.push('\n');
        }
    }
    for incident in &movement.incidents {
        let mut parts = vec![tr!(
            "cli-movement-incident",
            number = incident.number.to_string(),
            kind = words::incident_code(&incident.kind),
            time = time(incident.opened_at_ms),
            entry = incident.opened_entry.to_string()
        )];
        if let Some(post) = &incident.reported_post {
            parts.push(tr!("cli-movement-incident-post", post = post.as_str()));
        }
        if let Some(entry) = incident.closed_entry {
            parts.push(tr!("cli-movement-incident-closed", entry = entry.to_string()));
        }
        let _ = writeln!(text, "  {}", parts.join(", "));
    }
    let history: Vec<String> = response.history.iter().map(u64::to_string).collect();
    let _ = writeln!(text, "  {}", tr!("cli-movement-entries", entries = history.join(", ")));
    text
}

/// Runs `passage account`.
pub fn account(args: AccountArgs) -> Result<ExitCode> {
    let Some(account) = &args.account else {
        let value = match fetch(&args.node, "/v1/accounts")? {
            Ok(value) => value,
            Err(error) => return Ok(failed(&args.node, &error)),
        };
        if args.node.json {
            println!("{value}");
            return Ok(ExitCode::SUCCESS);
        }
        let balances: Vec<Balance> =
            serde_json::from_value(value).with_context(|| tr!("cli-error-unexpected-answer"))?;
        if balances.is_empty() {
            println!("{}", tr!("cli-account-no-postings"));
        }
        let width = words::widest(balances.iter().map(|balance| balance.account.as_str()));
        for balance in &balances {
            println!(
                "{:width$}  {:>20}",
                balance.account,
                words::money(balance.amount_minor, &balance.currency)
            );
        }
        return Ok(ExitCode::SUCCESS);
    };
    let mut path = format!("/v1/accounts/{}/statement?", segment(account));
    if let Some(after) = &args.after {
        path.push_str(&format!("after={}&", segment(after)));
    }
    if let Some(limit) = args.limit {
        path.push_str(&format!("limit={limit}&"));
    }
    let statement = match fetch(&args.node, path.trim_end_matches(['?', '&']))? {
        Ok(value) => value,
        Err(error) => return Ok(failed(&args.node, &error)),
    };
    let balances = match fetch(&args.node, &format!("/v1/accounts?account={}", segment(account)))? {
        Ok(value) => value,
        Err(error) => return Ok(failed(&args.node, &error)),
    };
    if args.node.json {
        println!("{}", serde_json::json!({ "balances": balances, "statement": statement }));
        return Ok(ExitCode::SUCCESS);
    }
    let statement: StatementOfAccount =
        serde_json::from_value(statement).with_context(|| tr!("cli-error-unexpected-answer"))?;
    let balances: Vec<Balance> =
        serde_json::from_value(balances).with_context(|| tr!("cli-error-unexpected-answer"))?;
    if statement.postings.is_empty() && balances.is_empty() && args.after.is_none() {
        // No posting at all: most often a name without its kind (`ARAZ-TRUCKS` for
        // `carrier:ARAZ-TRUCKS`). Say so, with the accounts that look like it.
        let known: Vec<Balance> = match fetch(&args.node, "/v1/accounts")? {
            Ok(value) => {
                serde_json::from_value(value).with_context(|| tr!("cli-error-unexpected-answer"))?
            }
            Err(error) => return Ok(failed(&args.node, &error)),
        };
        eprintln!("{}", texts::no_such_account(account, &account_suggestions(account, &known)));
        return Ok(ExitCode::from(1));
    }
    println!("{}", statement.account);
    for balance in &balances {
        let balance = words::money(balance.amount_minor, &balance.currency);
        println!("  {}", tr!("cli-account-balance", amount = balance));
    }
    for posting in &statement.postings {
        let entry = tr!("cli-account-entry", index = format!("{:>8}", posting.entry_index));
        println!(
            "  {}  {entry}  {:>20}",
            time(u64::try_from(posting.at_ms).unwrap_or(0)),
            words::money(posting.amount_minor, &posting.currency)
        );
    }
    if let Some(next) = &statement.next {
        println!("  {}", tr!("cli-account-more", cursor = next.as_str()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The accounts with postings whose name is `account` with a kind before it, or the same
/// but for letter case: what the person most likely meant.
fn account_suggestions(account: &str, known: &[Balance]) -> Vec<String> {
    let mut names: Vec<String> = known
        .iter()
        .map(|balance| balance.account.clone())
        .filter(|name| {
            name.eq_ignore_ascii_case(account)
                || name.rsplit_once(':').is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(account))
        })
        .collect();
    names.dedup();
    names
}

/// The texts of `passage movement` and `passage account` (`cli-*` in the translation
/// files).
mod texts {
    use crate::language::{args, text_with};

    /// The node's answer to a reading it did not give: its words and code, with the
    /// person's words for the code first when there are any.
    pub fn failed(code: &str, message: &str) -> String {
        match crate::language::refusal(code) {
            Some(explanation) => text_with(
                "cli-failed-explained",
                &args([
                    ("code", code.to_owned()),
                    ("explanation", explanation),
                    ("message", message.to_owned()),
                ]),
            ),
            None => text_with(
                "cli-failed",
                &args([("code", code.to_owned()), ("message", message.to_owned())]),
            ),
        }
    }

    /// An account with no posting, with the ones the person more likely meant.
    pub fn no_such_account(account: &str, suggestions: &[String]) -> String {
        let said = if suggestions.is_empty() {
            text_with("cli-no-such-account", &args([("account", account.to_owned())]))
        } else {
            text_with(
                "cli-no-such-account-suggestions",
                &args([("account", account.to_owned()), ("suggestions", suggestions.join(", "))]),
            )
        };
        format!("passage: {said}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_account_is_answered_with_the_ones_it_looks_like() {
        let balance = |account: &str| Balance {
            account: account.to_owned(),
            currency: "AMD".to_owned(),
            amount_minor: 0,
        };
        let known = [balance("carrier:ARAZ-TRUCKS"), balance("AM-TREASURY"), balance("carrier:X")];
        assert_eq!(account_suggestions("ARAZ-TRUCKS", &known), ["carrier:ARAZ-TRUCKS"]);
        assert_eq!(account_suggestions("am-treasury", &known), ["AM-TREASURY"]);
        assert!(account_suggestions("NOBODY", &known).is_empty());
        assert_eq!(
            texts::no_such_account("ARAZ-TRUCKS", &["carrier:ARAZ-TRUCKS".to_owned()]),
            "passage: no account `ARAZ-TRUCKS` has any posting; did you mean carrier:ARAZ-TRUCKS?"
        );
    }

    /// Decodes an answer with `status` and `body` as from `http://node/v1/x`, rendered as
    /// `ok JSON` or `error CODE: MESSAGE`.
    fn decoded(status: u16, body: &'static str) -> String {
        let response =
            axum::http::Response::builder().status(status).body(body).expect("a response");
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        let answer = runtime
            .block_on(decode_answer::<serde_json::Value>("http://node/v1/x", response.into()));
        match answer {
            Ok(Ok(value)) => format!("ok {value}"),
            Ok(Err(error)) => format!("error {}: {}", error.error, error.message),
            Err(error) => format!("unreadable: {error:#}"),
        }
    }

    #[test]
    fn answers_decode_as_json_the_node_s_error_or_a_stand_in() {
        let check = |status, body, expected: &str| assert_eq!(decoded(status, body), expected);
        check(200, r#"{"index":7}"#, r#"ok {"index":7}"#);
        check(
            401,
            r#"{"error":"unknown_signer","message":"no such key"}"#,
            "error unknown_signer: no such key",
        );
        check(
            413,
            "length limit exceeded\n",
            "error http_413: http://node/v1/x answered 413 Payload Too Large: length limit \
             exceeded",
        );
        check(502, "", "error http_502: http://node/v1/x answered 502 Bad Gateway");
        check(
            200,
            "<html>",
            "unreadable: the answer of http://node/v1/x: expected value at line 1 column 1",
        );
    }
}
