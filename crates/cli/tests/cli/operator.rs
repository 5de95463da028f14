//! End-to-end: `passage serve` as the real binary on a temporary SQLite folder, driven by
//! `passage submit`, `declare`, `record`, `movement` and `account` from a declaration to
//! its discharge and payment; and bad input (a wrong check digit, an unknown post, a key
//! that is not enrolled) refused with a clear message and a non-zero exit.

use crate::common::{TRUCK_DECLARATION, fails, key_file, movement, ok, serve_corridor};
use passage_core::regime::Act;
use passage_core::statement::OfficerRole;
use passage_core::testing::{ident, officer_name};
use passage_core::{AmountMinor, Currency};

#[test]
fn a_movement_from_declaration_to_discharge_with_the_cli() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, local) = serve_corridor(folder);
    let officer = |act: Act, post: &str| {
        let name = local
            .try_officer_for(act, post)
            .unwrap_or_else(|| panic!("no officer may {} at {post}", act.description()));
        key_file(folder, &name)
    };

    // The carrier declares offline, then submits twice: the second answer names the
    // first entry.
    let carrier_key = key_file(folder, "carrier:ARAZ-TRUCKS");
    let declaration = folder.join("truck.toml");
    std::fs::write(&declaration, TRUCK_DECLARATION).expect("declaration written");
    let saved = folder.join("declaration.json").display().to_string();
    let openings = folder.join("openings.json").display().to_string();
    let declaration = declaration.display().to_string();
    let out = ok(
        &node,
        &[
            "declare",
            "--file",
            &declaration,
            "--key",
            &carrier_key,
            "--out",
            &saved,
            "--openings",
            &openings,
        ],
    );
    assert!(out.contains("signed and saved"), "{out}");
    let opened: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&openings).expect("openings")).expect("json");
    assert_eq!(opened.as_array().map(Vec::len), Some(3), "{opened}");

    let first = ok(&node, &["submit", &saved, "--json"]);
    let first: serde_json::Value = serde_json::from_str(&first).expect("json");
    let mrn = first["mrn"].as_str().expect("the MRN").to_owned();
    let index = first["index"].as_u64().expect("the entry");
    let again = ok(&node, &["submit", &saved]);
    assert!(again.contains(&format!("already in the log at entry {index}")), "{again}");

    // Bad input: a wrong check digit is refused before signing; an unknown post and a key
    // that is not enrolled are refused by the node; nothing is sent or changed.
    let wrong = fails(
        &node,
        &[
            "declare",
            "--key",
            &carrier_key,
            "--route",
            "AM-TRANSIT-RAIL",
            "--traffic-class",
            "cargo_rail",
            "--equipment",
            "container:PSGU0000012:40ft",
        ],
        2,
    );
    assert!(wrong.contains("check character"), "{wrong}");
    let corridor = local.state.corridor();
    let route = corridor.route_index(&ident("AM-TRANSIT-ROAD")).expect("route");
    let posts: Vec<String> = corridor.routes[route]
        .posts
        .iter()
        .map(|&post| corridor.post(post).id.to_string())
        .collect();
    let acceptor = posts
        .iter()
        .find_map(|post| local.try_officer_for(Act::Accept, post))
        .expect("an officer on the route may accept");
    let customs = key_file(folder, &acceptor);
    let accepted = ok(&node, &["record", "--key", &customs, "accept", &mrn]);
    assert!(accepted.starts_with("entry "), "{accepted}");
    let stranger = key_file(folder, "customs@NOWHERE");
    let refused = fails(&node, &["record", "--key", &stranger, "accept", &mrn], 1);
    assert!(refused.contains("unknown_signer"), "{refused}");
    let unknown_post =
        fails(&node, &["record", "--key", &customs, "arrival", &mrn, "--post", "AM-NOWHERE-X"], 1);
    assert!(unknown_post.contains("AM-NOWHERE-X"), "{unknown_post}");
    // A post of the corridor off the movement's route, where this officer is not enrolled
    // either: the refusal names the route.
    let off_route =
        fails(&node, &["record", "--key", &customs, "arrival", &mrn, "--post", "AZ-JULFA"], 1);
    assert!(off_route.contains("is not on the itinerary"), "{off_route}");
    // A declaration the node refuses is followed by no note about its salts: nothing was
    // declared.
    let refused_declaration =
        fails(&node, &["declare", "--file", &declaration, "--key", &stranger], 1);
    assert!(refused_declaration.contains("unknown_signer"), "{refused_declaration}");
    assert!(!refused_declaration.contains("salts"), "{refused_declaration}");
    let garbage = folder.join("garbage.key");
    std::fs::write(&garbage, "not a key").expect("written");
    let garbage = garbage.display().to_string();
    let unreadable = fails(&node, &["record", "--key", &garbage, "accept", &mrn], 2);
    assert!(unreadable.contains("holds no signer key"), "{unreadable}");

    // The officers drive it post by post, reading the node's selection back.
    for (position, post) in posts.iter().enumerate() {
        ok(
            &node,
            &["record", "--key", &officer(Act::Arrive, post), "arrival", &mrn, "--post", post],
        );
        if local.state.regime().allows_anyone(Act::SealCheck) {
            let key = officer(Act::SealCheck, post);
            ok(
                &node,
                &[
                    "record",
                    "--key",
                    &key,
                    "seal-check",
                    &mrn,
                    "--post",
                    post,
                    "--equipment",
                    "trailer:12AB345-T",
                    "--condition",
                    "intact",
                    "--seal",
                    "SEAL-12AB345",
                ],
            );
        }
        // The lanes are drawn once a checkpoint covering the arrival is published: wait
        // for the parties' draw before reading them.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let view = loop {
            let view = movement(&node, &mrn).movement;
            let pending = view.visits.last().is_some_and(|visit| visit.pending_draw.is_some());
            if !pending {
                break view;
            }
            assert!(std::time::Instant::now() < deadline, "the lanes at {post} stay pending");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let visit = view.visits.last().expect("a visit");
        for unit in visit.units.iter().filter(|unit| unit.lane != "green") {
            let kind = if unit.lane == "red" { "physical" } else { "documents" };
            let out = ok(
                &node,
                &[
                    "record",
                    "--key",
                    &officer(Act::Inspect, post),
                    "inspection",
                    &mrn,
                    "--post",
                    post,
                    "--equipment",
                    &unit.equipment,
                    "--kind",
                    kind,
                    "--outcome",
                    "conform",
                    "--findings",
                    "as declared",
                    "--json",
                ],
            );
            let inspected: serde_json::Value = serde_json::from_str(&out).expect("json");
            if local.state.regime().allows_role(Act::Attest, OfficerRole::Monitor) {
                let monitor = key_file(folder, &officer_name(OfficerRole::Monitor, post));
                let entry = inspected["index"].as_u64().expect("index").to_string();
                ok(&node, &["record", "--key", &monitor, "attest", &mrn, "--entry", &entry]);
            }
        }
        if visit.controlled {
            ok(
                &node,
                &["record", "--key", &officer(Act::Release, post), "release", &mrn, "--post", post],
            );
        }
        if position + 1 < posts.len() {
            ok(
                &node,
                &[
                    "record",
                    "--key",
                    &officer(Act::Depart, post),
                    "departure",
                    &mrn,
                    "--post",
                    post,
                ],
            );
        }
    }
    let last = posts.last().expect("posts");
    ok(&node, &["record", "--key", &officer(Act::Discharge, last), "discharge", &mrn]);
    let shown = ok(&node, &["movement", &mrn]);
    assert!(shown.starts_with(&format!("{mrn}  discharged")), "{shown}");
    assert!(shown.contains("trailer 12AB345-T"), "{shown}");

    // The carrier owes the fee until it pays.
    let view = movement(&node, &mrn).movement;
    let currency = Currency::parse(view.fee_currency.as_deref().expect("a fee")).expect("currency");
    let fee = AmountMinor(view.fee_minor.expect("a fee"));
    assert!(fee.0 > 0, "{view:?}");
    // Money as the English text shows it: major units grouped by thousands, the currency.
    let shown = |amount: AmountMinor| {
        let digits = u32::from(currency.minor_digits());
        let english = passage_i18n::Language::English;
        format!(
            "{} {currency}",
            passage_i18n::number::format_scaled(amount.0.into(), digits, english)
        )
    };
    let owed = ok(&node, &["account", "carrier:ARAZ-TRUCKS"]);
    assert!(owed.contains(&format!("balance {}", shown(AmountMinor(-fee.0)))), "{owed}");
    // The amount is paid as the text showed it, grouping and all.
    let amount = shown(fee);
    let amount = amount.split(' ').next().expect("amount");
    let payee = posts
        .iter()
        .find_map(|post| local.try_officer_for(Act::RecordPayment, post))
        .expect("an officer records payments");
    ok(
        &node,
        &[
            "record",
            "--key",
            &key_file(folder, &payee),
            "payment",
            "--carrier",
            "ARAZ-TRUCKS",
            "--amount",
            amount,
            "--currency",
            &currency.to_string(),
            "--reference",
            "PAY-1",
        ],
    );
    let paid = ok(&node, &["account", "carrier:ARAZ-TRUCKS", "--json"]);
    let paid: serde_json::Value = serde_json::from_str(&paid).expect("json");
    assert_eq!(paid["balances"][0]["amount_minor"], 0, "{paid}");
    let all = ok(&node, &["account"]);
    assert!(all.contains("carrier:ARAZ-TRUCKS"), "{all}");
    // An account named without its kind is an error that says which was meant.
    let unknown = fails(&node, &["account", "ARAZ-TRUCKS"], 1);
    assert!(unknown.contains("did you mean carrier:ARAZ-TRUCKS?"), "{unknown}");
    // The regime file's name of an act works as the command's own.
    let regime = ok(&node, &["record", "seal_check", "--help"]);
    assert!(regime.contains("--condition"), "{regime}");
}
