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
