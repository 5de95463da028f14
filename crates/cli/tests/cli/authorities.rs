//! End-to-end: the parties' authorities at work through the real `passage` binary on a
//! fresh node on loopback. The charter is created from its three files, officers, a
//! monitor and a carrier are enrolled, a regime is proposed and approved into force by the
//! quorum, an enrolled officer's act is accepted and, once the officer is revoked,
//! refused; the carrier amends its declaration. Bad input is refused with a clear message
//! and changes nothing: an officer signing an authority act, a party the charter does not
//! know, a malformed regime file, a charter signed by a key it does not list.

use crate::common::{BINARY, TRUCK_DECLARATION, fails, movement, ok, serve_on_sqlite_for};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shipped corridor and regime files.
fn corridor_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/corridors").join(name).display().to_string()
}

/// A signer made with `passage keys signer`: its key file and the public key it printed.
struct Signer {
    file: String,
    public: String,
}

fn signer(folder: &Path, name: &str) -> Signer {
    let file = folder.join(format!("{name}.key"));
    let made = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["keys", "signer", "--out"])
        .arg(&file)
        .output()
        .expect("the binary runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let public = String::from_utf8_lossy(&made.stdout).trim().to_owned();
    assert_eq!(public.len(), 64, "{public}");
    Signer { file: file.display().to_string(), public }
}

/// Runs `passage` without a node (local checks only), expects exit `code`, returns stderr.
fn fails_offline(args: &[&str], code: i32) -> String {
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(args)
        .env("PASSAGE_NODE", "http://127.0.0.1:1")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "passage {}: {stderr}", args.join(" "));
    stderr
}

/// Runs `passage ARGS` with no node to reach, expects success, and returns its output.
fn ok_offline(args: &[&str]) -> String {
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(args)
        .env("PASSAGE_NODE", "http://127.0.0.1:1")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "passage {}: {stdout}\n{stderr}", args.join(" "));
    stdout
}

fn write(folder: &Path, name: &str, text: &str) -> String {
    let path: PathBuf = folder.join(name);
    std::fs::write(&path, text).expect("file written");
    path.display().to_string()
}

/// The charter header: three parties, one authority key and one witness each, all three
/// required for a regime change. `required` replaces the quorum's list.
fn header(
    am: &Signer,
    az: &Signer,
    mon: &Signer,
    witnesses: [&Signer; 3],
    required: &str,
) -> String {
    let mut text =
        String::from("[charter]\nname = \"Test corridor charter\"\nmrn_country = \"AM\"\n\n");
    let parties = [
        ("AM", "Republic of Armenia", "host_state", "\"customs\", \"border_guard\"", am),
        ("AZ", "Republic of Azerbaijan", "transiting_state", "\"customs\", \"border_guard\"", az),
        ("MON", "Neutral monitoring mission", "monitoring_mission", "\"monitor\"", mon),
    ];
    for ((id, name, kind, roles, key), witness) in parties.into_iter().zip(witnesses) {
        text.push_str(&format!(
            "[[parties]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\nroles = [{roles}]\n\
             authority_keys = [\"{}\"]\nvrf_key = \"{}\"\n\n[[witnesses]]\nname = \"witness.{}\"\n\
             party = \"{id}\"\nkey = \"{}\"\n\n",
            key.public,
            // The VRF keys the test node draws with itself (common::serve_on_sqlite_for).
            hex::encode(passage_core::testing::vrf_key_for(id).public_key().0),
            id.to_lowercase(),
            witness.public
        ));
    }
    text.push_str(&format!("[quorum]\nrequired = [{required}]\nthreshold = 3\n"));
    text
}

/// Parses a `--json` acknowledgement and checks it is entry `expect`: consecutive indexes
/// show that nothing refused in between reached the log.
fn acknowledged(out: &str, expect: u64) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(out).expect("json");
    assert_eq!(value["index"], expect, "{value}");
    assert_eq!(value["duplicate"], false, "{value}");
    value
}

fn events(value: &serde_json::Value) -> String {
    value["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|event| event.as_str().expect("text"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn the_authorities_charter_enrol_change_the_regime_and_revoke() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let [am, az, mon] =
        ["authority-am", "authority-az", "authority-mon"].map(|name| signer(folder, name));
    let witnesses = ["witness-am", "witness-az", "witness-mon"].map(|name| signer(folder, name));
    let witnesses = [&witnesses[0], &witnesses[1], &witnesses[2]];
    let corridor = corridor_file("syunik.toml");
    let monitored = corridor_file("syunik-regime-monitored.toml");
    let joint = corridor_file("syunik-regime-joint.toml");

    // Local refusals, before any node is asked: a quorum naming a party the charter does
    // not have, and a charter signed by a key it does not list.
    let unknown =
        write(folder, "unknown-party.toml", &header(&am, &az, &mon, witnesses, "\"AM\", \"XX\""));
    let refused = fails_offline(
        &[
            "charter",
            "create",
            "--header",
            &unknown,
            "--corridor",
            &corridor,
            "--regime",
            &monitored,
            "--key",
            &am.file,
        ],
        2,
    );
    assert!(refused.contains("XX") && refused.contains("unknown-party.toml"), "{refused}");
    let header_file = write(
        folder,
        "charter.toml",
        &header(&am, &az, &mon, witnesses, "\"AM\", \"AZ\", \"MON\""),
    );
    let stranger = signer(folder, "stranger");
    let charter_args = |key: &str| {
        vec![
            "charter".to_owned(),
            "create".into(),
            "--header".into(),
            header_file.clone(),
            "--corridor".into(),
            corridor.clone(),
            "--regime".into(),
            monitored.clone(),
            "--key".into(),
            key.to_owned(),
        ]
    };
    let args = charter_args(&stranger.file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let refused = fails_offline(&args, 2);
    assert!(refused.contains(&stranger.public) && refused.contains("authority_keys"), "{refused}");

    // The operator names the agreed charter by its hash, then starts a fresh node; the
    // charter is entry 0.
    let hash_args = ["charter", "hash", "--header", &header_file, "--corridor", &corridor];
    let hash = ok_offline(&[&hash_args[..], &["--regime", &monitored]].concat());
    let node = serve_on_sqlite_for(folder, hash.trim());
    let mut args = charter_args(&am.file);
    args.push("--json".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let created = acknowledged(&ok(&node, &args), 0);
    assert_eq!(events(&created), "charter adopted");
    let shown = ok(&node, &["charter", "show"]);
    assert!(shown.starts_with("Test corridor charter\n  MRNs under AM\n"), "{shown}");
    assert!(shown.contains(&format!("party AM (host state): Republic of Armenia\n  roles: customs officer, border guard\n  authority key {}\n", am.public)), "{shown}");
    assert!(
        shown.contains(&format!("witness witness.mon (MON): {}\n", witnesses[2].public)),
        "{shown}"
    );
    assert!(
        shown.contains("quorum for a regime change: 3 parties, including AM, AZ, MON\n"),
        "{shown}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&node, &["charter", "show", "--json"])).expect("json");
    assert_eq!(shown["parties"][2]["authority_keys"][0], mon.public.as_str(), "{shown}");
    assert_eq!(shown["regime"], "cargo, monitored, risk-based selection", "{shown}");

    // Enrolments: a customs officer of the host state, a monitor at two posts, a carrier.
    let customs = signer(folder, "customs-meghri");
    let monitor = signer(folder, "monitor");
    let carrier = signer(folder, "carrier");
    let enrolled = acknowledged(
        &ok(
            &node,
            &[
                "enrol",
                "customs",
                &customs.public,
                "--post",
                "AM-MEGHRI-E",
                "--key",
                &am.file,
                "--json",
            ],
        ),
        1,
    );
    assert!(events(&enrolled).ends_with("enrolled as customs of AM"), "{enrolled}");
    let enrolled = ok(
        &node,
        &[
            "enrol",
            "monitor",
            &monitor.public,
            "--post",
            "AM-MEGHRI-E",
            "--post",
            "AM-AGARAK-X",
            "--key",
            &mon.file,
        ],
    );
    assert!(
        enrolled.starts_with("entry 2: ") && enrolled.contains("enrolled as monitor of MON"),
        "{enrolled}"
    );
    let registered = ok(
        &node,
        &[
            "enrol",
            "carrier",
            "ARAZ-TRUCKS",
            &carrier.public,
            "--name",
            "Araz Trucks",
            "--key",
            &am.file,
        ],
    );
    assert!(
        registered.starts_with("entry 3: ")
            && registered.contains("registered for carrier ARAZ-TRUCKS"),
        "{registered}"
    );

    // Refusals that change nothing: an officer signs an authority act; a transiting state's
    // authority enrols customs at the host state's post; a post given twice; a regime file
    // that is not TOML; a regime naming a party the charter does not have.
    let intruder = signer(folder, "intruder");
    let refused = fails(
        &node,
        &["enrol", "customs", &intruder.public, "--post", "AM-MEGHRI-E", "--key", &customs.file],
        1,
    );
    assert!(refused.contains("not_an_authority"), "{refused}");
    let refused = fails(&node, &["regime", "approve", "0", "--key", &customs.file], 1);
    assert!(refused.contains("not_an_authority"), "{refused}");
    let refused = fails(
        &node,
        &["enrol", "customs", &intruder.public, "--post", "AM-MEGHRI-E", "--key", &az.file],
        1,
    );
    assert!(refused.contains("post_of_another_party"), "{refused}");
    let refused = fails(
        &node,
        &[
            "enrol",
            "monitor",
            &intruder.public,
            "--post",
            "AM-MEGHRI-E",
            "--post",
            "AM-MEGHRI-E",
            "--key",
            &mon.file,
        ],
        2,
    );
    assert!(refused.contains("--post: `AM-MEGHRI-E` is given twice"), "{refused}");
    let refused =
        fails(&node, &["enrol", "monitor", "abc", "--post", "AM-MEGHRI-E", "--key", &mon.file], 2);
    assert!(refused.contains("`abc` is not a public key"), "{refused}");
    let joint_text = std::fs::read_to_string(&joint).expect("the joint regime");
    let malformed =
        write(folder, "malformed-regime.toml", &joint_text.replacen("[acts]", "[acts", 1));
    let refused = fails(&node, &["regime", "propose", &malformed, "--key", &am.file], 2);
    assert!(refused.contains("malformed-regime.toml: regime: "), "{refused}");
    let foreign = write(
        folder,
        "foreign-regime.toml",
        &joint_text.replacen("accept = [\"customs:AM\"]", "accept = [\"customs:XX\"]", 1),
    );
    let refused = fails(&node, &["regime", "propose", &foreign, "--key", &am.file], 2);
    assert!(
        refused.contains("foreign-regime.toml: regime: ") && refused.contains("XX"),
        "{refused}"
    );
    let refused = fails(&node, &["regime", "show", "1"], 2);
    assert!(refused.contains("entry 1: holds `enrol_officer`, not a regime proposal"), "{refused}");

    // A regime proposed by the host state and approved by the two other parties: in force
    // at the third approval, not before.
    let proposed =
        acknowledged(&ok(&node, &["regime", "propose", &joint, "--key", &am.file, "--json"]), 4);
    assert_eq!(events(&proposed), "regime proposed at entry 4; regime of entry 4 approved by AM");
    let pending = ok(&node, &["regime", "show", "4"]);
    assert!(
        pending.starts_with("regime proposed at entry 4 (")
            && pending.contains(&format!(
                "by key {}, in force as soon as the quorum approves; its document:\n\n",
                am.public
            )),
        "{pending}"
    );
    assert!(pending.ends_with(&joint_text), "{pending}");
    let joint_sha256 = hex::encode(passage_core::digest::sha256(joint_text.as_bytes()));
    assert_eq!(
        ok(&node, &["regime", "list"]),
        format!(
            "entry 4: cargo, joint checks (pending); approved by AM; effective on adoption; \
             document sha256 {joint_sha256}\n"
        )
    );
    assert_eq!(ok(&node, &["regime", "list", "--status", "in_force"]), "no regime proposals\n");
    assert!(
        ok(&node, &["regime", "show"])
            .starts_with("cargo, monitored, risk-based selection\n  in force since entry 0\n")
    );
    let approved =
        acknowledged(&ok(&node, &["regime", "approve", "4", "--key", &az.file, "--json"]), 5);
    assert_eq!(events(&approved), "regime of entry 4 approved by AZ");
    let refused = fails(&node, &["regime", "approve", "4", "--key", &az.file], 1);
    assert!(refused.contains("already_approved"), "{refused}");
    let refused = fails(&node, &["regime", "approve", "3", "--key", &mon.file], 1);
    assert!(refused.contains("no_such_proposal"), "{refused}");
    // The monitoring mission approves offline and sends its approval later.
    let saved = folder.join("approval.json").display().to_string();
    ok(&node, &["regime", "approve", "4", "--key", &mon.file, "--out", &saved]);
    let approved = acknowledged(&ok(&node, &["submit", &saved, "--json"]), 6);
    assert!(events(&approved).ends_with("regime of entry 4 in force"), "{approved}");
    let in_force = ok(&node, &["regime", "show"]);
    assert!(in_force.starts_with("cargo, joint checks\n  in force since entry 4\n"), "{in_force}");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&node, &["regime", "list", "--json"])).expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    let listed = &listed[0];
    assert_eq!(
        (&listed["entry"], &listed["status"], &listed["current"], &listed["approvals"]),
        (
            &serde_json::json!(4),
            &serde_json::json!("in_force"),
            &serde_json::json!(true),
            &serde_json::json!(["AM", "AZ", "MON"])
        ),
        "{listed}"
    );
    assert_eq!(listed["document_sha256"], joint_sha256.as_str());
    let shown = ok(&node, &["regime", "list", "--status", "in_force"]);
    assert!(
        shown.starts_with(
            "entry 4: cargo, joint checks (in force); approved by AM, AZ, MON; effective "
        ),
        "{shown}"
    );

    // The carrier declares; the enrolled officer accepts under the new regime; the carrier
    // amends, which sends the movement back to customs.
    let declaration = write(folder, "truck.toml", TRUCK_DECLARATION);
    let declared = acknowledged(
        &ok(&node, &["declare", "--file", &declaration, "--key", &carrier.file, "--json"]),
        7,
    );
    let mrn = declared["mrn"].as_str().expect("an MRN").to_owned();
    let accepted =
        acknowledged(&ok(&node, &["record", "accept", &mrn, "--key", &customs.file, "--json"]), 8);
    assert!(events(&accepted).starts_with(&format!("{mrn} accepted")), "{accepted}");
    assert_eq!(movement(&node, &mrn).movement.status, "accepted");
    let amended_text = TRUCK_DECLARATION.replace("gross_mass_kg = 18000", "gross_mass_kg = 17500");
    let amended_file = write(folder, "truck-amended.toml", &amended_text);
    let refused =
        fails(&node, &["amend", &mrn, "--file", &amended_file, "--key", &customs.file], 1);
    assert!(refused.contains("not_a_carrier"), "{refused}");
    let amended = acknowledged(
        &ok(&node, &["amend", &mrn, "--file", &amended_file, "--key", &carrier.file, "--json"]),
        9,
    );
    assert_eq!(events(&amended), format!("{mrn} amended"));
    assert_eq!(movement(&node, &mrn).movement.status, "declared");

    // The host state revokes its officer: the officer's next act is refused.
    let revoked = ok(&node, &["revoke", &customs.public, "--key", &am.file]);
    assert!(revoked.starts_with("entry 10: ") && revoked.ends_with("revoked\n"), "{revoked}");
    let refused = fails(&node, &["record", "accept", &mrn, "--key", &customs.file], 1);
    assert!(refused.contains("revoked_key"), "{refused}");
    let refused = fails(&node, &["revoke", &customs.public, "--key", &am.file], 1);
    assert!(refused.contains("nothing_to_revoke"), "{refused}");

    // A new officer enrolled in its place carries on: nothing refused reached the log.
    let successor = signer(folder, "customs-meghri-2");
    acknowledged(
        &ok(
            &node,
            &[
                "enrol",
                "customs",
                &successor.public,
                "--post",
                "AM-MEGHRI-E",
                "--key",
                &am.file,
                "--json",
            ],
        ),
        11,
    );
    acknowledged(&ok(&node, &["record", "accept", &mrn, "--key", &successor.file, "--json"]), 12);
    assert_eq!(movement(&node, &mrn).movement.status, "accepted");
}
