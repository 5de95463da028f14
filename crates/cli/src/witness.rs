//! `passage witness`: run a witness (c2sp.org/tlog-witness), make its key, read its evidence,
//! and collect cosignatures for a log folder's checkpoint from the witnesses a policy names.

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::language::tr;
use anyhow::{Context as _, ensure};
use passage_audit::FolderTiles;
use passage_log::{KeyType, Policy, SigningKey, VerifierKey};
use passage_witness::client::{ClientConfig, WitnessClient, WitnessOutcome};
use passage_witness::server::{WitnessState, WitnessStore, system_clock};

/// Largest key, vkey or policy file the command reads.
const SMALL_FILE_BYTES_MAX: u64 = 4 << 20;

/// Arguments of `passage witness`.
#[derive(Debug, clap::Args)]
pub struct WitnessArgs {
    #[command(subcommand)]
    command: WitnessCommand,
}

#[derive(Debug, clap::Subcommand)]
enum WitnessCommand {
    /// Serve add-checkpoint, the latest cosigned checkpoints and the evidence over HTTP.
    /// Prints `listening on ADDR` on stdout once bound.
    Serve {
        /// The witness's signing key (made by `passage witness keygen`).
        #[arg(long)]
        key: PathBuf,
        /// The state database (created if absent).
        #[arg(long)]
        db: PathBuf,
        /// The rollback guard file (default: `<db>.guard`); keep it where backups of the
        /// database are not restored to.
        #[arg(long)]
        guard: Option<PathBuf>,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:7380")]
        listen: String,
        /// A log vkey to witness (text or a file holding it); repeat for several logs.
        #[arg(long = "log", required = true)]
        logs: Vec<String>,
        /// The party's VRF key (made by `passage witness vrf-keygen`): with it the witness
        /// answers `POST /draw` with the party's contribution to the inspection draw.
        #[arg(long)]
        vrf_key: Option<PathBuf>,
    },
    /// Make a new VRF key for a party's contribution to the draw; write it to FILE and print
    /// its public key, the `vrf_key` the charter names for the party.
    VrfKeygen {
        /// Where to write the secret key (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Make a new cosignature/v1 key; write it to FILE and print the vkey (for trust
    /// policies) and, on the next line, the charter's `key = "..."` line for the witness.
    Keygen {
        /// The witness's name, e.g. `witness.monitor.example`.
        #[arg(long)]
        name: String,
        /// Where to write the signing key (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the evidence a witness kept: refused, validly signed, inconsistent checkpoints.
    Evidence {
        /// The state database (opened read-only; a running witness is not disturbed).
        #[arg(long)]
        db: PathBuf,
    },
    /// Ask the policy's witnesses to cosign a log folder's checkpoint; write the cosigned
    /// checkpoint back to the folder if the policy's quorum is met.
    Cosign {
        /// The log folder (C2SP tiles).
        #[arg(long)]
        dir: PathBuf,
        /// The trust policy naming the witnesses and their URLs.
        #[arg(long)]
        policy: PathBuf,
        /// Seconds to wait for one witness request.
        #[arg(long, default_value_t = 5)]
        timeout: u64,
    },
}

/// Runs `passage witness`.
pub fn run(args: WitnessArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        WitnessCommand::Serve { key, db, guard, listen, logs, vrf_key } => {
            serve(&key, &db, guard, &listen, &logs, vrf_key.as_deref())
        }
        WitnessCommand::VrfKeygen { out } => vrf_keygen(&out),
        WitnessCommand::Keygen { name, out } => keygen(&name, &out),
        WitnessCommand::Evidence { db } => evidence(&db),
        WitnessCommand::Cosign { dir, policy, timeout } => cosign(&dir, &policy, timeout),
    }
}

pub(crate) fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let shown = || path.display().to_string();
    let file =
        std::fs::File::open(path).with_context(|| tr!("cli-error-opening", path = shown()))?;
    let mut bytes = Vec::new();
    file.take(SMALL_FILE_BYTES_MAX + 1)
        .read_to_end(&mut bytes)
        .with_context(|| tr!("cli-error-reading", what = shown()))?;
    ensure!(
        bytes.len() as u64 <= SMALL_FILE_BYTES_MAX,
        tr!("cli-error-file-too-large", path = shown(), most = SMALL_FILE_BYTES_MAX)
    );
    Ok(bytes)
}

pub(crate) fn read_policy(path: &Path) -> anyhow::Result<Policy> {
    Policy::parse(&read_limited(path)?)
        .with_context(|| tr!("cli-error-reading-policy", path = path.display().to_string()))
}

pub(crate) fn read_vkey(text_or_path: &str) -> anyhow::Result<VerifierKey> {
    if let Ok(key) = VerifierKey::parse(text_or_path) {
        return Ok(key);
    }
    let bytes = read_limited(Path::new(text_or_path))
        .with_context(|| tr!("cli-error-not-a-vkey", text = text_or_path))?;
    let text =
        String::from_utf8(bytes).with_context(|| tr!("cli-error-not-utf8", path = text_or_path))?;
    VerifierKey::parse(text.trim())
        .with_context(|| tr!("cli-error-reading-vkey", path = text_or_path))
}

fn guard_path(db: &Path, guard: Option<PathBuf>) -> PathBuf {
    guard.unwrap_or_else(|| {
        let mut path = db.as_os_str().to_owned();
        path.push(".guard");
        PathBuf::from(path)
    })
}

fn serve(
    key: &Path,
    db: &Path,
    guard: Option<PathBuf>,
    listen: &str,
    logs: &[String],
    vrf_key: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let text = String::from_utf8(read_limited(key)?)
        .with_context(|| tr!("cli-error-not-utf8", path = key.display().to_string()))?;
    let key = SigningKey::parse(text.trim_end())
        .with_context(|| tr!("cli-error-reading-key", path = key.display().to_string()))?;
    let logs = logs.iter().map(|log| read_vkey(log)).collect::<anyhow::Result<Vec<_>>>()?;
    let store = WitnessStore::open(db, &guard_path(db, guard))
        .with_context(|| tr!("cli-witness-opening-state", path = db.display().to_string()))?;
    let state = WitnessState::new(key, logs, store, system_clock())?;
    if let Some(path) = vrf_key {
        let shown = || path.display().to_string();
        let text = String::from_utf8(read_limited(path)?)
            .with_context(|| tr!("cli-error-not-utf8", path = shown()))?;
        let mut secret = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut secret)
            .with_context(|| tr!("cli-witness-not-a-vrf-key", path = shown()))?;
        state.set_vrf_key(secret)?;
    }
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| tr!("cli-error-listening", address = listen))?;
        let address = listener.local_addr().with_context(|| tr!("cli-error-bound-address"))?;
        println!("{}", tr!("cli-witness-listening", address = address.to_string()));
        std::io::stdout().flush().with_context(|| tr!("cli-error-stdout"))?;
        let serving = tr!(
            "cli-witness-serving",
            vkey = state.verifier_key().to_string(),
            address = address.to_string()
        );
        eprintln!("{serving}");
        passage_serve::serve(
            listener,
            passage_witness::server::app(state),
            passage_serve::Config::new(passage_serve::ErrorFormat::Text),
            interrupted(),
        )
        .await
        .with_context(|| tr!("cli-error-serving"))
    })?;
    Ok(ExitCode::SUCCESS)
}

fn vrf_keygen(out: &Path) -> anyhow::Result<ExitCode> {
    let mut seed = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
    let key = passage_core::draw::VrfSecretKey::from_seed(seed);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(out)
        .with_context(|| {
        tr!("cli-error-creating-key-file", path = out.display().to_string())
    })?;
    file.write_all(format!("{}\n", hex::encode(key.to_bytes())).as_bytes())
        .with_context(|| tr!("cli-error-writing", path = out.display().to_string()))?;
    file.sync_all().with_context(|| tr!("cli-error-syncing", path = out.display().to_string()))?;
    println!("{}", hex::encode(key.public_key().0));
    Ok(ExitCode::SUCCESS)
}

fn keygen(name: &str, out: &Path) -> anyhow::Result<ExitCode> {
    let key = SigningKey::generate(&mut rand_core::OsRng, name, KeyType::CosignatureV1)
        .with_context(|| tr!("cli-witness-bad-name"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(out)
        .with_context(|| {
        tr!("cli-error-creating-key-file", path = out.display().to_string())
    })?;
    file.write_all(format!("{}\n", key.to_skey()).as_bytes())
        .with_context(|| tr!("cli-error-writing", path = out.display().to_string()))?;
    file.sync_all().with_context(|| tr!("cli-error-syncing", path = out.display().to_string()))?;
    // Both forms: the vkey for trust policies, and the charter's `[[witnesses]]` key line
    // (the Ed25519 public key in hexadecimal), so neither has to be worked out by hand.
    let verifier = key.verifier_key();
    println!("{verifier}");
    println!("key = \"{}\"", hex::encode(verifier.public_key().to_bytes()));
    Ok(ExitCode::SUCCESS)
}

fn evidence(db: &Path) -> anyhow::Result<ExitCode> {
    use passage_witness::server::EVIDENCE_PAGE_MAX;
    ensure!(db.exists(), tr!("cli-error-does-not-exist", path = db.display().to_string()));
    let mut after = None;
    let mut printed = 0usize;
    loop {
        let page =
            WitnessStore::read_evidence(db, after, EVIDENCE_PAGE_MAX).with_context(|| {
                tr!("cli-witness-reading-evidence", path = db.display().to_string())
            })?;
        for record in &page.evidence {
            let line = tr!(
                "cli-witness-evidence",
                id = record.id.to_string(),
                origin = record.origin.as_str(),
                time = record.received_at.to_string(),
                reason = record.reason.as_str(),
                size = record.latest_size.to_string(),
                root = record.latest_root.to_string()
            );
            println!("{line}");
            for line in record.request.lines() {
                println!("    {line}");
            }
        }
        printed += page.evidence.len();
        match page.next {
            Some(next) => {
                after = Some(next.parse().with_context(|| tr!("cli-witness-bad-cursor"))?)
            }
            None => break,
        }
    }
    if printed == 0 {
        println!("{}", tr!("cli-witness-no-evidence"));
        return Ok(ExitCode::SUCCESS);
    }
    // Evidence found is what an operator must look at: say so in the exit code.
    Ok(ExitCode::from(1))
}

fn cosign(dir: &Path, policy_path: &Path, timeout: u64) -> anyhow::Result<ExitCode> {
    let policy = read_policy(policy_path)?;
    let note_path = dir.join("checkpoint");
    let note = String::from_utf8(read_limited(&note_path)?)
        .with_context(|| tr!("cli-error-not-utf8", path = note_path.display().to_string()))?;
    let config =
        ClientConfig { request_timeout: Duration::from_secs(timeout), ..ClientConfig::default() };
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let report = runtime.block_on(async {
        let client = WitnessClient::new(config)?;
        client.cosign(&policy, &note, &FolderTiles::new(dir)).await
    })?;
    for (name, outcome) in &report.witnesses {
        let name = name.as_str();
        let line = match outcome {
            WitnessOutcome::Cosigned(_) => tr!("cli-cosign-cosigned", name = name),
            WitnessOutcome::Refused { status, reason } => tr!(
                "cli-cosign-refused",
                name = name,
                status = status.to_string(),
                reason = reason.as_str()
            ),
            WitnessOutcome::Unreachable(reason) => {
                tr!("cli-cosign-unreachable", name = name, reason = reason.as_str())
            }
            WitnessOutcome::NoUrl => tr!("cli-cosign-no-url", name = name),
        };
        println!("{line}");
    }
    let shown = note_path.display().to_string();
    match report.quorum {
        Ok(()) => {
            passage_audit::write_file_atomic(&note_path, report.note.as_bytes())
                .with_context(|| tr!("cli-error-writing", path = shown.as_str()))?;
            println!("{}", tr!("cli-cosign-published", path = shown.as_str()));
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("{}", tr!("cli-cosign-not-published", reason = error.to_string()));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `passage log serve`: the folder read-only over HTTP until interrupted.
pub(crate) fn serve_folder(dir: &Path, listen: &str) -> anyhow::Result<ExitCode> {
    ensure!(
        dir.join("checkpoint").is_file(),
        tr!("cli-log-no-checkpoint", path = dir.display().to_string())
    );
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| tr!("cli-error-listening", address = listen))?;
        let address = listener.local_addr().with_context(|| tr!("cli-error-bound-address"))?;
        println!("{}", tr!("cli-witness-listening", address = address.to_string()));
        std::io::stdout().flush().with_context(|| tr!("cli-error-stdout"))?;
        passage_serve::serve(
            listener,
            passage_node::folder_server::app(dir),
            passage_serve::Config::new(passage_serve::ErrorFormat::Text),
            interrupted(),
        )
        .await
        .with_context(|| tr!("cli-error-serving"))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Completes on Ctrl-C (or if the signal cannot be watched, never).
async fn interrupted() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
