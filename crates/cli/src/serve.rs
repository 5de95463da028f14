//! `passage serve` and `passage keys`: run a node from flags and environment, and make or
//! show the log's signing key.

use anyhow::{Context, Result};
use passage_log::{KeyType, SigningKey};
use passage_node::publisher::WitnessConfig;
use passage_node::witness_client::ClientConfig;
use passage_node::{Node, NodeConfig};
use passage_store::{PostgresConfig, SqliteConfig, StoreConfig};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Options of `passage serve`; each flag falls back to its environment variable.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to serve on.
    #[arg(long, env = "PASSAGE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// SQLite database file (the default store).
    #[arg(long, env = "PASSAGE_DATABASE", default_value = "passage-data/passage.db")]
    database: PathBuf,
    /// PostgreSQL connection string; when given, the node uses PostgreSQL instead of SQLite.
    #[arg(long, env = "PASSAGE_POSTGRES_URL")]
    postgres_url: Option<String>,
    /// File holding the log's signing key (`passage keys generate` writes one).
    #[arg(long, env = "PASSAGE_LOG_KEY")]
    log_key: PathBuf,
    /// Milliseconds between checkpoints when the log grew.
    #[arg(long, env = "PASSAGE_CHECKPOINT_INTERVAL_MS", default_value_t = 500)]
    checkpoint_interval_ms: u64,
    /// Entries between two snapshots of the core's state (a restart replays at most this
    /// many entries).
    #[arg(long, env = "PASSAGE_SNAPSHOT_INTERVAL_ENTRIES", default_value_t = passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES)]
    snapshot_interval_entries: u64,
    /// A witness the charter names and where to reach it, as NAME=URL (repeat for each;
    /// the environment variable takes them comma-separated). With none, checkpoints are
    /// published with the log's signature alone; with some, once the charter's witness
    /// policy is met.
    #[arg(long = "witness", env = "PASSAGE_WITNESSES", value_delimiter = ',',
          value_parser = WitnessConfig::parse_url)]
    witnesses: Vec<(String, String)>,
    /// Milliseconds one witness request may take.
    #[arg(long, env = "PASSAGE_WITNESS_TIMEOUT_MS", default_value_t = 2_000)]
    witness_timeout_ms: u64,
}

/// Reads a signing key file.
pub fn read_key(path: &Path) -> Result<SigningKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    SigningKey::parse(text.trim())
        .with_context(|| format!("{} holds no signing key", path.display()))
}

/// Writes a signing key file readable by its owner only.
pub fn write_key(path: &Path, key: &SigningKey) -> Result<()> {
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, format!("{}\n", key.to_skey()))
        .with_context(|| format!("writing {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Runs the node until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let store = match args.postgres_url {
        Some(url) => StoreConfig::Postgres(PostgresConfig::new(url)),
        None => {
            if let Some(parent) =
                args.database.parent().filter(|parent| !parent.as_os_str().is_empty())
            {
                std::fs::create_dir_all(parent)?;
            }
            StoreConfig::Sqlite(SqliteConfig::new(args.database))
        }
    };
    let config = NodeConfig {
        listen: args.listen,
        store,
        log_key: read_key(&args.log_key)?,
        checkpoint_interval: Duration::from_millis(args.checkpoint_interval_ms),
        snapshot_interval_entries: args.snapshot_interval_entries,
    };
    config.validate()?;
    let witnesses = WitnessConfig {
        urls: args.witnesses,
        client: ClientConfig {
            request_timeout: Duration::from_millis(args.witness_timeout_ms),
            ..ClientConfig::default()
        },
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let node =
            Node::start_with_witnesses(config, witnesses).await.context("starting the node")?;
        println!("serving http://{}", node.address);
        tokio::signal::ctrl_c().await?;
        node.stop().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// `passage keys`.
#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(Debug, clap::Subcommand)]
enum KeysCommand {
    /// Generate a signing key, write it (mode 0600) and print its verifier key.
    Generate {
        /// Key name: the log's origin, e.g. `corridor.example/log`.
        #[arg(long)]
        name: String,
        /// Where to write the signing key.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the verifier key of a signing key file.
    Show {
        /// The signing key file.
        file: PathBuf,
    },
}

/// Runs `passage keys`.
pub fn keys(args: KeysArgs) -> Result<ExitCode> {
    match args.command {
        KeysCommand::Generate { name, out } => {
            if out.exists() {
                anyhow::bail!("{} exists; not overwriting a key", out.display());
            }
            let key = SigningKey::generate(&mut rand_core::OsRng, &name, KeyType::Ed25519)?;
            write_key(&out, &key)?;
            println!("{}", key.verifier_key());
        }
        KeysCommand::Show { file } => println!("{}", read_key(&file)?.verifier_key()),
    }
    Ok(ExitCode::SUCCESS)
}
