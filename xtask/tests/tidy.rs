//! Tidy: the checks that keep the workspace's shape. They run with `cargo test`.
//!
//! - The pure crates (`log`, `core`, `sim`) depend on no IO crate and do no IO themselves.
//! - The crates a party runs on its own depend on none of the node's parts: the witness
//!   on neither the node, its store, the core nor the OpenAPI generator; the auditor shares
//!   none of the node's code for what it checks (dev-dependencies may: tests and examples
//!   run a node to audit it); the guarded server that all of them use depends on none of
//!   the project's crates, nor does the limited reader of peers' answers.
//! - Every Rust module starts with a `//!` line saying what it is for.
//! - No `#[should_panic]` and no bare `#[ignore]`: assert the `Err` instead.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates that must stay pure: no IO, no clock, no ambient randomness.
const PURE_CRATES: &[&str] = &["passage-log", "passage-core", "passage-sim"];

/// Crates whose presence in a pure crate's dependency tree means IO crept in.
const IO_CRATES: &[&str] =
    &["tokio", "axum", "hyper", "sqlx", "rusqlite", "reqwest", "tower", "mio", "ureq"];

/// Source text that means a pure crate reads the outside world directly.
const IO_CALLS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env::var",
    "SystemTime::now",
    "Instant::now",
    "thread_rng",
    "rand::rng(",
    "OsRng",
];

/// Crates a party builds and runs without the node, each with the crates that must not be in
/// its tree of normal dependencies: a witness operator builds neither the node, nor its
/// store, nor the corridor's core, nor the OpenAPI generator; an auditor builds neither the
/// node nor its store.
const ROLE_CRATES: &[(&str, &[&str])] = &[
    ("passage-witness", &["passage-store", "passage-core", "passage-node", "utoipa"]),
    ("passage-audit", &["passage-store", "passage-node"]),
    // Every client reads a peer's answer through it: it knows no part of the project.
    (
        "passage-peer",
        &[
            "passage-log",
            "passage-core",
            "passage-store",
            "passage-node",
            "passage-witness",
            "passage-serve",
            "passage-audit",
        ],
    ),
    // Every server serves through it, the witness's too: it knows no part of the project.
    (
        "passage-serve",
        &[
            "passage-log",
            "passage-core",
            "passage-store",
            "passage-node",
            "passage-witness",
            "utoipa",
        ],
    ),
];

fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().expect("xtask lives one level below the workspace root").to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn all_rust_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("xtask"), &mut files);
    files.sort();
    files
}

fn crate_dir(package: &str) -> PathBuf {
    let folder = package.strip_prefix("passage-").expect("workspace packages are named passage-*");
    workspace_root().join("crates").join(folder)
}

/// The names of the crates in `package`'s tree of normal dependencies, itself included.
fn normal_dependency_names(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace_root())
        .args(["tree", "--offline", "-p", package, "-e", "normal", "--prefix", "none"])
        .args(["--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    let names: Vec<String> =
        tree.lines().filter_map(|line| line.split_whitespace().next()).map(str::to_owned).collect();
    assert!(
        names.iter().any(|name| name == package),
        "cargo tree printed nothing useful for {package}"
    );
    names
}

#[test]
fn pure_crates_have_no_io_dependencies() {
    for package in PURE_CRATES {
        for name in normal_dependency_names(package) {
            assert!(
                !IO_CRATES.contains(&name.as_str()),
                "{package} must do no IO but depends on `{name}` (through its dependency tree)"
            );
        }
    }
}

#[test]
fn role_crates_do_not_depend_on_the_node() {
    let mut offenders = Vec::new();
    for (package, forbidden) in ROLE_CRATES {
        let names = normal_dependency_names(package);
        for name in *forbidden {
            if names.iter().any(|other| other == name) {
                offenders.push(format!("{package} depends on `{name}` (through its tree)"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "these crates must build without the node's parts:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn pure_crates_make_no_io_calls() {
    let mut offenders = Vec::new();
    for package in PURE_CRATES {
        let mut files = Vec::new();
        rust_files(&crate_dir(package).join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source file is readable");
            for call in IO_CALLS {
                if text.contains(call) {
                    offenders.push(format!("{}: uses `{call}`", file.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "pure crates must do no IO:\n{}", offenders.join("\n"));
}

#[test]
fn every_module_has_a_doc_line() {
    let files = all_rust_files();
    assert!(files.len() >= 7, "expected the workspace's sources, found {}", files.len());
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source file is readable");
        let first = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
        if !first.starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(missing.is_empty(), "modules must start with a `//!` line:\n{}", missing.join("\n"));
}

#[test]
fn no_should_panic_or_bare_ignore() {
    let mut offenders = Vec::new();
    for file in all_rust_files() {
        if file.ends_with("tidy.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source file is readable");
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.starts_with("#[should_panic") || line == "#[ignore]" {
                offenders.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "assert the Err instead:\n{}", offenders.join("\n"));
}
