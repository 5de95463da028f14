//! Corridor, regime and charter files: the shipped ones load, and each kind of mistake
//! gets a message that names what is wrong and where. Each case edits a shipped file.

use expect_test::{Expect, expect};
use passage_core::testing::{self, ScenarioConfig};
use passage_core::{Charter, Corridor};

/// Replaces `from` by `to` in `text` (which must contain it) and renders the result of
/// parsing it with `parse`.
fn check<T>(
    text: &str,
    from: &str,
    to: &str,
    parse: impl Fn(&str) -> Result<T, passage_core::DocumentError>,
    expect: Expect,
) {
    assert!(text.contains(from), "the case must edit the file: `{from}` not found");
    let edited = text.replacen(from, to, 1);
    let rendered = match parse(&edited) {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.to_string(),
    };
    expect.assert_eq(&rendered);
}

fn corridor(text: &str) -> Result<Corridor, passage_core::DocumentError> {
    Corridor::from_toml(text)
}

fn charter(text: &str) -> Result<Charter, passage_core::DocumentError> {
    Charter::from_toml(text)
}

#[test]
fn corridor_mistakes() {
    let text = testing::SYUNIK_CORRIDOR;
    check(text, "", "", corridor, expect!["ok"]);
    check(
        text,
        "latitude = 38.8650",
        "latitude = 238.8650",
        corridor,
        expect!["corridor: post AM-AGARAK-X: latitude 238.865 is outside -90 to 90 degrees"],
    );
    check(
        text,
        "kind = \"station\"",
        "kind = \"depot\"",
        corridor,
        expect![
            "corridor: post AZ-JULFA: kind `depot` is not one of border_entry, border_exit, station, terminal"
        ],
    );
    check(
        text,
        "unlocode = \"AZ DJU\"",
        "unlocode = \"AZ DJ1\"",
        corridor,
        expect![
            "corridor: post AZ-JULFA: UN/LOCODE `AZDJ1`: character 5 must be an upper-case letter or a digit from 2 to 9"
        ],
    );
    check(
        text,
        "to = \"AM-AGARAK-X\"\nmode = \"rail\"",
        "to = \"AM-AGARAK\"\nmode = \"rail\"",
        corridor,
        expect![
            "corridor: segment AM-MEGHRI-E - AM-AGARAK: names post `AM-AGARAK`, which is not listed"
        ],
    );
    check(
        text,
        "length_km = 43.0",
        "length_km = -43.0",
        corridor,
        expect![
            "corridor: segment AM-MEGHRI-E - AM-AGARAK-X: length -43 km is not between 0 and 10,000 km"
        ],
    );
    check(
        text,
        "posts = [\"AM-MEGHRI-E\", \"AM-AGARAK-X\"]\n\n[[routes]]\nid = \"AM-TRANSIT-ROAD\"",
        "posts = [\"AM-MEGHRI-E\", \"AZ-JULFA\"]\n\n[[routes]]\nid = \"AM-TRANSIT-ROAD\"",
        corridor,
        expect!["corridor: route AM-TRANSIT-RAIL: no rail segment joins AM-MEGHRI-E and AZ-JULFA"],
    );
    check(
        text,
        "id = \"AZ-JULFA\"",
        "id = \"AZ-ORDUBAD-E\"",
        corridor,
        expect!["corridor: post AZ-ORDUBAD-E: is listed twice"],
    );
    check(
        text,
        "name = \"Julfa\"",
        "name = \"Julfa\"\ncolour = \"blue\"",
        corridor,
        expect![[r#"
        corridor: TOML parse error at line 60, column 1
           |
        60 | colour = "blue"
           | ^^^^^^
        unknown field `colour`, expected one of `id`, `name`, `kind`, `latitude`, `longitude`, `authority`, `unlocode`
    "#]],
    );
    check(testing::GEORGIA_CORRIDOR, "", "", corridor, expect!["ok"]);
}

#[test]
fn regime_and_charter_mistakes() {
    let text = ScenarioConfig::syunik().charter_document();
    check(&text, "", "", charter, expect!["ok"]);
    // A witness's key pasted as the vkey `passage witness keygen` prints first: the refusal
    // names the witness and the form the charter wants.
    let witness_key = hex::encode(testing::public_key_for("witness:AM").0);
    check(
        &text,
        &format!("key = \"{witness_key}\""),
        "key = \"witness.am+0d9f61a3+BExampleKey\"",
        charter,
        expect![[
            r#"charter: witness witness.am: key `witness.am+0d9f61a3+BExampleKey` is a vkey; the charter wants the witness's Ed25519 public key as 64 hexadecimal digits, the `key = "..."` line that `passage witness keygen` prints under the vkey"#
        ]],
    );
    check(
        &text,
        &format!("key = \"{witness_key}\""),
        "key = \"AM-WITNESS-KEY\"",
        charter,
        expect!["charter: witness witness.am: key `AM-WITNESS-KEY` is not 64 hex digits"],
    );
    check(
        &text,
        "threshold = 3",
        "threshold = 1",
        charter,
        expect![
            "charter: quorum.threshold: is 1; it must be at least 3 (no single party changes the rules, and every required party counts) and at most 3 (the parties)"
        ],
    );
    check(
        &text,
        "basis_points = 500",
        "basis_points = 600",
        charter,
        expect!["regime: tariff.split: shares sum to 10100 basis points; they must sum to 10000"],
    );
    check(
        &text,
        "assess_at = \"AM-MEGHRI-E\"",
        "assess_at = \"AZ-JULFA\"",
        charter,
        expect![
            "regime: tariff.assess_at: post AZ-JULFA is not a controlled post, so nothing is released there"
        ],
    );
    check(
        &text,
        "random_red_ppm = 20000",
        "random_red_ppm = 990000",
        charter,
        expect![
            "regime: selection: random_red_ppm plus random_yellow_ppm exceeds 1,000,000 (100%)"
        ],
    );
    check(
        &text,
        "currency = \"AMD\"",
        "currency = \"AMX\"",
        charter,
        expect![
            "regime: tariff.currency: ISO 4217 currency `AMX` is not known; known values: AMD, AZN, CHF, CNY, EUR, GBP, GEL, IRR, JPY, KGS, KWD, KZT, RUB, TMT, TRY, USD, UZS, XDR"
        ],
    );
    check(
        &text,
        "hold = [\"customs:AM\"]\n",
        "",
        charter,
        expect!["regime: acts: does not say who may `hold` (list the roles, or [] for no one)"],
    );
    check(
        &text,
        "hold = [\"customs:AM\"]",
        "hold = [\"judge\"]",
        charter,
        expect![
            "regime: acts.hold: `judge` is not one of customs, border_guard, monitor (optionally with a party, as in customs:AM)"
        ],
    );
    check(
        &text,
        "release = [\"customs:AM\"]",
        "release = [\"customs:RU\", \"judge\"]",
        charter,
        expect!["regime: acts.release: `customs:RU` names party RU, which is not in the charter"],
    );
    check(
        &text,
        "hs_prefix = \"93\"",
        "hs_prefix = \"9A\"",
        charter,
        expect!["regime: selection rule 1: hs_prefix must be 1 to 10 digits"],
    );
    check(
        &text,
        "authority = \"AM\"",
        "authority = \"RU\"",
        charter,
        expect!["charter: post AM-MEGHRI-E: `RU` is not a party"],
    );
    check(
        &text,
        "kind = \"monitoring_mission\"",
        "kind = \"peacekeepers\"",
        charter,
        expect![
            "charter: party MON: kind `peacekeepers` is not one of host_state, transiting_state, monitoring_mission, other"
        ],
    );
    check(
        &text,
        "hours = 8\n",
        "hours = 0\n",
        charter,
        expect![
            "regime: time limit for route AM-TRANSIT-ROAD: hours must be from 1 to 8,784 (a year)"
        ],
    );
    check(
        &text,
        "read = [\"customs:AM\", \"monitor\"]",
        "read = [\"customs:RU\"]",
        charter,
        expect![
            "regime: confidential.read: `customs:RU` names party RU, which is not in the charter"
        ],
    );
    check(
        &text,
        "[charter]",
        "[chartre]",
        charter,
        expect!["charter: section `chartre`: is not a charter, corridor or regime section"],
    );
}
