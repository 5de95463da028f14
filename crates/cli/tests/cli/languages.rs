//! The command speaks the language of the person running it: `--lang`, else
//! `PASSAGE_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. A
//! refusal the node gives by code is told in the post terminal's words for it, beside the
//! node's own; machine output (`--json`) is the same in every language; a language asked
//! for by name and unknown is refused before anything is sent. Each case sets the
//! language variables itself, so nothing depends on the machine's locale.

use crate::common::{BINARY, Served, key_file, log_policy, serve_corridor, wait_for_receipt};
use std::process::{Command, Output};

/// Runs `passage ARGS` against `node` with only the language variables in `environment`.
fn run(node: &Served, environment: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(BINARY);
    command.args(args).env("PASSAGE_NODE", &node.base);
    for variable in ["PASSAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(variable);
    }
    command.envs(environment.iter().copied()).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_command_speaks_the_language_asked_for_and_machine_output_does_not_change() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    // A key no enrolment names: the node refuses its act as `unknown_signer`.
    let stranger = key_file(folder, "stranger");
    let act = ["record", "--key", stranger.as_str(), "accept", "26AM000000000024J3"];
    let refused = |environment: &[(&str, &str)], extra: &[&str]| {
        let args: Vec<&str> = extra.iter().chain(act.iter()).copied().collect();
        let output = run(&node, environment, &args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        stderr(&output)
    };
    let check = |said: String, expected: &str| {
        assert!(said.starts_with(expected), "expected `{expected}...` in:\n{said}");
    };

    check(
        refused(&[], &["--lang", "ru"]),
        "отказ (unknown_signer): ни одна регистрация в журнале не называет ваш ключ. \
         Узел сообщает: ",
    );
    check(
        refused(&[("PASSAGE_LANG", "hy")], &[]),
        "մերժված է (unknown_signer)․ մատյանում ոչ մի գրանցում չի նշում ձեր բանալին։ \
         Հանգույցի պատասխանը՝ ",
    );
    check(
        refused(&[("LANG", "az_AZ.UTF-8")], &[]),
        "rədd edildi (unknown_signer): jurnalda heç bir qeydiyyat açarınızı göstərmir. \
         Qovşağın cavabı: ",
    );
    // LC_ALL comes before LANG; `C` is no language the texts are in: English.
    let english = "refused (unknown_signer): no enrolment in the log names your key. \
                   The node says: ";
    check(refused(&[("LC_ALL", "C.UTF-8"), ("LANG", "ru_RU.UTF-8")], &[]), english);
    // The flag comes before the variables.
    check(refused(&[("PASSAGE_LANG", "hy"), ("LANG", "ru_RU.UTF-8")], &["--lang", "en"]), english);

    // Machine output is the same in every language.
    let json = |language: &str| {
        let args: Vec<&str> =
            ["--lang", language].iter().chain(act.iter()).chain(&["--json"]).copied().collect();
        let output = run(&node, &[], &args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        stdout(&output)
    };
    let in_english = json("en");
    assert!(in_english.contains("\"unknown_signer\""), "{in_english}");
    for language in ["hy", "az", "ru"] {
        assert_eq!(json(language), in_english, "{language}");
    }

    // An unknown language, asked for by name, is refused before anything is done.
    for (environment, extra) in
        [(vec![], vec!["--lang", "fr"]), (vec![("PASSAGE_LANG", "fr")], vec![])]
    {
        let args: Vec<&str> = extra.iter().chain(act.iter()).copied().collect();
        let output = run(&node, &environment, &args);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("there are hy, az, ru and en"), "{}", stderr(&output));
    }

    // An offline check and a node out of reach, in the person's language too.
    let receipt = folder.join("charter.receipt");
    std::fs::write(&receipt, wait_for_receipt(&node, 0)).expect("the receipt is saved");
    let policy = log_policy(folder);
    let receipt = receipt.display().to_string();
    let verify =
        ["--lang", "az", "receipt", "verify", receipt.as_str(), "--policy", policy.as_str()];
    let output = run(&node, &[], &verify);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("qaydasındadır: 0 nömrəli qeyd test.passage/log jurnalındadır"),
        "{}",
        stdout(&output)
    );
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", listener.local_addr().expect("an address"))
    };
    let output = run(&node, &[("LANG", "ru_RU.UTF-8")], &["account", "--node", &closed]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "не удалось подключиться к узлу по адресу {closed} (указан в командной строке)"
        )),
        "{}",
        stderr(&output)
    );
}

/// What a person reads in `language`: no message key left in it (a text the files lack
/// shows its key) and no placeholder left unfilled (Fluent shows a missing argument as
/// `{$name}`).
fn assert_all_translated(text: &str, language: &str, command: &[&str]) {
    for raw in ["cli-", "mission-", "terminal-", "{$", "{ $"] {
        assert!(!text.contains(raw), "`{raw}` in `passage {command:?}` in {language}:\n{text}");
    }
}

/// `passage --lang LANGUAGE ARGS` against `node`: the exit code, standard output and
/// standard error.
fn in_language(node: &Served, language: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let args: Vec<&str> = ["--lang", language].iter().chain(args).copied().collect();
    let output = run(node, &[], &args);
    (output.status.code(), stdout(&output), stderr(&output))
}

/// The operators' and authorities' reading commands (movement, account, regime, report,
/// audit) and an error of the command's own, in Armenian, Azerbaijani and Russian: every
/// text translated, some lines checked word for word, and `--json` the same in every
/// language.
#[test]
fn the_reading_commands_speak_each_language_and_their_json_does_not_change() {
    use crate::common::{TRUCK_DECLARATION, movement};
    use passage_core::regime::Act;
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let (node, local) = serve_corridor(folder);
    let carrier = key_file(folder, "carrier:ARAZ-TRUCKS");
    let declaration = folder.join("truck.toml");
    std::fs::write(&declaration, TRUCK_DECLARATION).expect("declaration written");
    let declaration = declaration.display().to_string();
    let (code, declared, error) =
        in_language(&node, "en", &["declare", "--file", &declaration, "--key", &carrier, "--json"]);
    assert_eq!(code, Some(0), "{error}");
    let declared: serde_json::Value = serde_json::from_str(&declared).expect("JSON");
    let mrn = declared["mrn"].as_str().expect("the MRN").to_owned();
    // Accepted and arrived at the first post, where the lanes are drawn.
    let post = "AM-MEGHRI-E";
    let officer =
        |act: Act| key_file(folder, &local.try_officer_for(act, post).expect("an officer"));
    let mut last = 0;
    for act in [
        vec!["record", "--key", &officer(Act::Accept), "accept", &mrn, "--json"],
        vec!["record", "--key", &officer(Act::Arrive), "arrival", &mrn, "--post", post, "--json"],
    ] {
        let (code, out, error) = in_language(&node, "en", &act);
        assert_eq!(code, Some(0), "{error}");
        let answer: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        last = answer["index"].as_u64().expect("the entry");
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while movement(&node, &mrn).movement.visits.iter().any(|visit| visit.pending_draw.is_some()) {
        assert!(std::time::Instant::now() < deadline, "the lanes stay pending");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let today =
        passage_core::Timestamp(passage_node::sequencer::now_ms()).to_string()[..10].to_owned();
    // A published checkpoint covers the arrival: the audit has a log to read.
    wait_for_receipt(&node, last);
    let policy = log_policy(folder);
    let log = format!("{}/log", node.base);

    let readings: [&[&str]; 5] = [
        &["movement", &mrn],
        &["account"],
        &["regime", "show"],
        &["regime", "list"],
        &["report", &today],
    ];
    let json = |language: &str, reading: &[&str]| {
        let args: Vec<&str> = reading.iter().copied().chain(["--json"]).collect();
        let (code, out, error) = in_language(&node, language, &args);
        assert_eq!(code, Some(0), "passage {args:?} in {language}: {error}");
        out
    };
    for (language, expected) in [
        (
            "hy",
            [
                format!("{mrn}  անցակետում\n"),
                "  փոխադրող՝ ARAZ-TRUCKS  երթուղի՝ AM-TRANSIT-ROAD  բեռներ ավտոճանապարհով  \
                 18\u{a0}000 կգ\n"
                    .to_owned(),
                "ռեժիմի առաջարկներ չկան\n".to_owned(),
                format!("{today}-ի հաշվետվություն․ օրը դեռ չի ավարտվել\n"),
                "բանալու ֆայլի ընթերցում՝ ".to_owned(),
            ],
        ),
        (
            "az",
            [
                format!("{mrn}  postda\n"),
                "  daşıyıcı ARAZ-TRUCKS  marşrut AM-TRANSIT-ROAD  avtomobil yolu ilə yüklər  \
                 18.000 kq\n"
                    .to_owned(),
                "rejim təklifi yoxdur\n".to_owned(),
                format!("{today} hesabatı: gün hələ bitməyib\n"),
                "açar faylı ".to_owned(),
            ],
        ),
        (
            "ru",
            [
                format!("{mrn}  на посту\n"),
                "  перевозчик ARAZ-TRUCKS  маршрут AM-TRANSIT-ROAD  грузы автотранспортом  \
                 18\u{a0}000 кг\n"
                    .to_owned(),
                "предложений режима нет\n".to_owned(),
                format!("отчёт за {today}: день не окончен\n"),
                "чтение файла ключа ".to_owned(),
            ],
        ),
    ] {
        let mut texts = String::new();
        for reading in readings {
            let (code, out, error) = in_language(&node, language, reading);
            assert_eq!(code, Some(0), "passage {reading:?} in {language}: {error}");
            assert_all_translated(&out, language, reading);
            texts.push_str(&out);
            // Machine output is the same in every language.
            assert_eq!(json(language, reading), json("en", reading), "{reading:?} in {language}");
        }
        let [status, declared_as, no_proposals, report, key_error] = expected;
        for line in [status, declared_as, no_proposals, report] {
            assert!(texts.contains(&line), "no `{line}` in {language}:\n{texts}");
        }
        // An error of the command's own, before anything is sent.
        let missing = folder.join("missing.key").display().to_string();
        let refused = ["record", "--key", &missing, "accept", &mrn];
        let (code, _, error) = in_language(&node, language, &refused);
        assert_eq!(code, Some(2), "{error}");
        assert_all_translated(&error, language, &refused);
        assert!(error.starts_with(&format!("passage: {key_error}")), "{language}: {error}");
        // The audit, its summary and its comparison with the node.
        let audit = ["audit", &log, "--policy", &policy];
        let (code, out, error) = in_language(&node, language, &audit);
        assert_eq!(code, Some(0), "audit in {language}: {out}{error}");
        assert_all_translated(&out, language, &audit);
        let verified = match language {
            "hy" => "կարգին է․ test.passage/log",
            "az" => "qaydasındadır: test.passage/log",
            _ => "в порядке: test.passage/log",
        };
        assert!(out.starts_with(verified), "{out}");
    }
    let (_, armenian, _) = in_language(&node, "hy", &["audit", &log, "--policy", &policy]);
    assert!(armenian.contains("փոխադրումներն ըստ կարգավիճակի․\n"), "{armenian}");
    assert!(armenian.contains("համընկնում են աուդիտի արդյունքների հետ"), "{armenian}");
}

/// A witness's evidence, a cosigning round whose witness is out of reach, and a log folder,
/// in each language: every line translated, the first checked word for word.
#[test]
fn the_witness_and_log_folder_commands_speak_each_language() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let offline = |language: &str, args: &[&str]| {
        let mut command = Command::new(BINARY);
        command.arg("--lang").arg(language).args(args);
        for variable in ["PASSAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(variable);
        }
        command.output().expect("the binary runs")
    };
    // A witness's state with no evidence in it.
    let db = folder.join("witness.db");
    passage_witness::server::WitnessStore::open(&db, &folder.join("witness.db.guard"))
        .expect("a witness store");
    let db = db.display().to_string();
    // A log folder and a policy whose one witness listens nowhere.
    let log = folder.join("log").display().to_string();
    let init = offline("en", &["log", "init", "--origin", "corridor.example/log", "--dir", &log]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let log_vkey = String::from_utf8_lossy(&init.stdout).trim().to_owned();
    let witness_key = folder.join("w.key").display().to_string();
    let made =
        offline("en", &["witness", "keygen", "--name", "w.example/witness", "--out", &witness_key]);
    let witness_vkey =
        String::from_utf8_lossy(&made.stdout).lines().next().expect("a vkey").to_owned();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", listener.local_addr().expect("an address"))
    };
    let policy = folder.join("policy");
    std::fs::write(
        &policy,
        format!("log {log_vkey}\nwitness w {witness_vkey} {closed}\nquorum w\n"),
    )
    .expect("the policy");
    let policy = policy.display().to_string();
    for (language, no_evidence, unreachable, verified) in [
        (
            "hy",
            "ապացույցներ չկան\n",
            "w․ անհասանելի է․ ",
            "կարգին է․ corridor.example/log, չափը՝ 0",
        ),
        ("az", "sübut yoxdur\n", "w: əlçatmazdır: ", "qaydasındadır: corridor.example/log, ölçü 0"),
        (
            "ru",
            "доказательств нет\n",
            "w: недоступен: ",
            "в порядке: corridor.example/log размером 0",
        ),
    ] {
        let check = |args: &[&str], expect_success: bool, starts: &str| {
            let output = offline(language, args);
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(output.status.success(), expect_success, "{args:?} in {language}: {text}");
            assert_all_translated(&text, language, args);
            assert!(text.starts_with(starts), "{args:?} in {language}: {text}");
        };
        check(&["witness", "evidence", "--db", &db], true, no_evidence);
        check(
            &["witness", "cosign", "--timeout", "1", "--dir", &log, "--policy", &policy],
            false,
            unreachable,
        );
        check(&["log", "verify", "--dir", &log, "--vkey", &log_vkey], true, verified);
    }
}

/// The demo in Russian: what it prints as it runs, and its final summary.
#[test]
fn the_demo_speaks_russian() {
    let folder = tempfile::tempdir().expect("a folder");
    let data = folder.path().join("passage-data");
    let mut command = Command::new(BINARY);
    command
        .args(["--lang", "ru", "demo", "--count", "1", "--witnesses", "0"])
        .args(["--listen", "127.0.0.1:0", "--checkpoint-interval-ms", "100", "--data"])
        .arg(&data);
    for variable in ["PASSAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(variable);
    }
    let output = command.output().expect("the binary runs");
    let text = stdout(&output);
    assert!(output.status.success(), "{text}{}", stderr(&output));
    assert_all_translated(&text, "ru", &["demo"]);
    for expected in [
        "узел Passage работает по адресу http://127.0.0.1:",
        "устав принят: ",
        "(принимающее государство, государство транзита, миссия наблюдателей)",
        "; действующий режим: ",
        "политика доверия записана в ",
        "итог: записи ",
        "перевозки [завершена 1]",
    ] {
        assert!(text.contains(expected), "no `{expected}` in:\n{text}");
    }
}
