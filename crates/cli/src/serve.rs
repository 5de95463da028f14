//! `passage serve` and `passage keys`: run a node from a configuration file, environment
//! and flags (flags override the environment, which overrides the file), and make or show
//! the log's signing key and the signing keys of officers, carriers and authorities.

use crate::language::tr;
use anyhow::{Context, Result, bail};
use passage_log::{KeyType, SigningKey};
use passage_node::follower::{GroupConfig, GroupNode, Role};
use passage_node::publisher::WitnessConfig;
use passage_node::{CHECKPOINT_INTERVAL_MS_MAX, CHECKPOINT_INTERVAL_MS_MIN, NodeConfig};
use passage_store::postgres_tls::{self, PostgresTls, SslMode};
use passage_store::{PostgresConfig, SqliteConfig, StoreConfig};
use passage_witness::client::ClientConfig;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Most pooled PostgreSQL connections one node may open: PostgreSQL's default
/// `max_connections` is 100, and several nodes share one server.
pub const POSTGRES_POOL_SIZE_MAX: usize = 64;
/// Largest configuration file read.
const CONFIG_FILE_BYTES_MAX: u64 = 64 * 1024;

const LISTEN_DEFAULT: &str = "127.0.0.1:8080";
const DATABASE_DEFAULT: &str = "passage-data/passage.db";
const POSTGRES_SCHEMA_DEFAULT: &str = "passage";
const POSTGRES_POOL_SIZE_DEFAULT: usize = 8;
const CHECKPOINT_INTERVAL_MS_DEFAULT: u64 = 500;
const WITNESS_TIMEOUT_MS_DEFAULT: u64 = 2_000;
/// Longest a witness request may be given: a witness slower than this delays every
/// publication by as much, and the publisher retries anyway.
pub const WITNESS_TIMEOUT_MS_MAX: u64 = 60_000;

/// Options of `passage serve`. Each falls back to its environment variable, then to the
/// configuration file, then to its default.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Configuration file (TOML); see `passage.example.toml`.
    #[arg(long, env = "PASSAGE_CONFIG")]
    config: Option<PathBuf>,
    /// Address to serve on [default: 127.0.0.1:8080].
    #[arg(long, env = "PASSAGE_LISTEN")]
    listen: Option<SocketAddr>,
    /// SQLite database file, the default store [default: passage-data/passage.db].
    #[arg(long, env = "PASSAGE_DATABASE")]
    database: Option<PathBuf>,
    /// PostgreSQL connection string; when given, the node uses PostgreSQL instead of SQLite.
    #[arg(long, env = "PASSAGE_POSTGRES_URL")]
    postgres_url: Option<String>,
    /// PostgreSQL schema holding the tables [default: passage].
    #[arg(long, env = "PASSAGE_POSTGRES_SCHEMA")]
    postgres_schema: Option<String>,
    /// Most pooled PostgreSQL connections [default: 8].
    #[arg(long, env = "PASSAGE_POSTGRES_POOL_SIZE")]
    postgres_pool_size: Option<usize>,
    /// TLS to PostgreSQL: disable, require, verify-ca or verify-full (`prefer` and `allow`
    /// are refused: they fall back to a connection in clear) [default: disable, or the
    /// connection string's `sslmode`].
    #[arg(long, env = "PASSAGE_POSTGRES_SSLMODE")]
    postgres_sslmode: Option<String>,
    /// PEM file of the root certificates PostgreSQL's certificate is checked against
    /// (with verify-ca or verify-full).
    #[arg(long, env = "PASSAGE_POSTGRES_SSLROOTCERT")]
    postgres_sslrootcert: Option<PathBuf>,
    /// File holding the log's signing key (`passage keys generate` writes one).
    #[arg(long, env = "PASSAGE_LOG_KEY")]
    log_key: Option<PathBuf>,
    /// SHA-256 (64 hexadecimal digits) of the charter document the node serves, as
    /// `passage charter hash` prints it: the only charter an empty node takes as entry 0.
    #[arg(long, env = "PASSAGE_CHARTER_SHA256")]
    charter_sha256: Option<String>,
    /// Milliseconds between checkpoints when the log grew [default: 500].
    #[arg(long, env = "PASSAGE_CHECKPOINT_INTERVAL_MS")]
    checkpoint_interval_ms: Option<u64>,
    /// Base URL the other nodes on the same database forward writes to while this node
    /// leads [default: http:// and the bound address].
    #[arg(long, env = "PASSAGE_ADVERTISE")]
    advertise: Option<String>,
    /// The base URL each node of the group advertises (repeat for each; the environment
    /// variable takes them comma-separated): a follower forwards writes only to a leader
    /// whose advertised address is one of them. Given here or in the environment, these
    /// replace the file's.
    #[arg(long = "group-member", env = "PASSAGE_GROUP_MEMBERS", value_delimiter = ',')]
    group_members: Vec<String>,
    /// Entries between two snapshots of the core's state; a restart replays at most this
    /// many entries [default: 65536].
    #[arg(long, env = "PASSAGE_SNAPSHOT_INTERVAL_ENTRIES")]
    snapshot_interval_entries: Option<u64>,
    /// A witness the charter names and where to reach it, as NAME=URL (repeat for each;
    /// the environment variable takes them comma-separated). With none, checkpoints are
    /// published with the log's signature alone; with some, once the charter's witness
    /// policy is met. Given here or in the environment, these replace the file's.
    #[arg(long = "witness", env = "PASSAGE_WITNESSES", value_delimiter = ',',
          value_parser = WitnessConfig::parse_url)]
    witnesses: Vec<(String, String)>,
    /// Milliseconds one witness request may take [default: 2000].
    #[arg(long, env = "PASSAGE_WITNESS_TIMEOUT_MS")]
    witness_timeout_ms: Option<u64>,
    /// Most connections one client address (an IPv6 /64) holds open; behind a reverse
    /// proxy, or for the followers of a group, every client is one address: raise it to
    /// the proxy's or the followers' connections [default: 64, at most 1024].
    #[arg(long, env = "PASSAGE_CONNECTIONS_PER_CLIENT_MAX")]
    connections_per_client_max: Option<usize>,
}

/// The configuration file: every field optional, unknown fields refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    listen: Option<String>,
    database: Option<PathBuf>,
    postgres_url: Option<String>,
    postgres_schema: Option<String>,
    postgres_pool_size: Option<usize>,
    postgres_sslmode: Option<String>,
    postgres_sslrootcert: Option<PathBuf>,
    log_key: Option<PathBuf>,
    charter_sha256: Option<String>,
    checkpoint_interval_ms: Option<u64>,
    advertise: Option<String>,
    group_members: Option<Vec<String>>,
    snapshot_interval_entries: Option<u64>,
    /// Witness name (as in the charter) = its URL.
    witnesses: Option<BTreeMap<String, String>>,
    witness_timeout_ms: Option<u64>,
    connections_per_client_max: Option<usize>,
    /// Party = a VRF key file (`passage witness vrf-keygen`) this node draws with itself,
    /// in place of that party's witness: only for a single-operator test or demo, since the
    /// node's operator can then predict the party's contribution (docs/SELECTION.md).
    local_vrf_keys: Option<BTreeMap<String, PathBuf>>,
}

impl ConfigFile {
    /// Parses a configuration file's text.
    pub fn parse(text: &str) -> Result<ConfigFile> {
        Ok(toml::from_str(text)?)
    }

    /// The address the node listens on, as written.
    pub fn listen(&self) -> Option<&str> {
        self.listen.as_deref()
    }

    /// The base URL the node advertises, as written.
    pub fn advertise(&self) -> Option<&str> {
        self.advertise.as_deref()
    }

    /// Reads and parses a configuration file, refusing one larger than
    /// `CONFIG_FILE_BYTES_MAX`.
    pub fn read(path: &Path) -> Result<ConfigFile> {
        let shown = || path.display().to_string();
        let length = std::fs::metadata(path)
            .with_context(|| tr!("cli-config-reading", path = shown()))?
            .len();
        if length > CONFIG_FILE_BYTES_MAX {
            bail!(tr!(
                "cli-config-too-large",
                path = shown(),
                bytes = length,
                most = CONFIG_FILE_BYTES_MAX
            ));
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| tr!("cli-config-reading", path = shown()))?;
        ConfigFile::parse(&text).with_context(|| tr!("cli-in-file", path = shown()))
    }
}

/// Where the node keeps its log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreChoice {
    /// An embedded SQLite file.
    Sqlite {
        /// The database file.
        database: PathBuf,
    },
    /// A PostgreSQL schema shared by several nodes.
    Postgres {
        /// Connection string.
        url: String,
        /// Schema.
        schema: String,
        /// Pooled connections.
        pool_size: usize,
        /// TLS settings beside the connection string's.
        tls: PostgresTls,
    },
}

/// The validated configuration of `passage serve`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeConfig {
    /// Address to serve on.
    pub listen: SocketAddr,
    /// The store.
    pub store: StoreChoice,
    /// The log's signing key file.
    pub log_key: PathBuf,
    /// SHA-256 of the charter document the node serves.
    pub charter_sha256: [u8; 32],
    /// Milliseconds between checkpoints.
    pub checkpoint_interval_ms: u64,
    /// Base URL advertised to the other nodes while this one leads.
    pub advertise: Option<String>,
    /// The base URLs the group's nodes advertise (empty: any address is forwarded to).
    pub group_members: Vec<String>,
    /// Entries between two snapshots of the core's state.
    pub snapshot_interval_entries: u64,
    /// The charter's witnesses (name, URL) this node asks to cosign.
    pub witnesses: Vec<(String, String)>,
    /// Milliseconds one witness request may take.
    pub witness_timeout_ms: u64,
    /// Most connections one client address holds open.
    pub connections_per_client_max: usize,
    /// Parties whose VRF key this node holds itself (party, key file): tests and demos only.
    pub local_vrf_keys: Vec<(String, PathBuf)>,
}

impl ServeConfig {
    /// Merges flags and environment (already in `args`, flags first) over the file, fills
    /// the defaults and checks every field, naming the field in its error.
    pub fn resolve(args: ServeArgs, file: ConfigFile) -> Result<ServeConfig> {
        let listen = match (args.listen, file.listen) {
            (Some(listen), _) => listen,
            (None, Some(text)) => text.parse().map_err(|error: std::net::AddrParseError| {
                anyhow::anyhow!(tr!(
                    "cli-config-listen",
                    text = text.as_str(),
                    reason = error.to_string()
                ))
            })?,
            (None, None) => LISTEN_DEFAULT.parse()?,
        };
        let log_key =
            args.log_key.or(file.log_key).with_context(|| tr!("cli-config-log-key-required"))?;
        let charter_sha256 = args
            .charter_sha256
            .or(file.charter_sha256)
            .with_context(|| tr!("cli-config-charter-sha256-required"))?;
        let charter_sha256 = parse_sha256(&charter_sha256).with_context(|| {
            tr!("cli-config-field-value", field = "charter_sha256", text = charter_sha256.as_str())
        })?;
        let checkpoint_interval_ms = args
            .checkpoint_interval_ms
            .or(file.checkpoint_interval_ms)
            .unwrap_or(CHECKPOINT_INTERVAL_MS_DEFAULT);
        if !(CHECKPOINT_INTERVAL_MS_MIN..=CHECKPOINT_INTERVAL_MS_MAX)
            .contains(&checkpoint_interval_ms)
        {
            bail!(tr!(
                "cli-config-range",
                field = "checkpoint_interval_ms",
                least = CHECKPOINT_INTERVAL_MS_MIN,
                most = CHECKPOINT_INTERVAL_MS_MAX,
                value = checkpoint_interval_ms
            ));
        }
        let store = match args.postgres_url.or(file.postgres_url) {
            Some(url) => {
                if url.trim().is_empty() {
                    bail!(tr!("cli-config-postgres-url-empty"));
                }
                let schema = args
                    .postgres_schema
                    .or(file.postgres_schema)
                    .unwrap_or_else(|| POSTGRES_SCHEMA_DEFAULT.to_owned());
                let valid = !schema.is_empty()
                    && !schema.starts_with(|c: char| c.is_ascii_digit())
                    && schema
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !valid {
                    bail!(tr!("cli-config-postgres-schema", schema = schema.as_str()));
                }
                let pool_size = args
                    .postgres_pool_size
                    .or(file.postgres_pool_size)
                    .unwrap_or(POSTGRES_POOL_SIZE_DEFAULT);
                if !(1..=POSTGRES_POOL_SIZE_MAX).contains(&pool_size) {
                    bail!(tr!(
                        "cli-config-range",
                        field = "postgres_pool_size",
                        least = 1,
                        most = POSTGRES_POOL_SIZE_MAX,
                        value = pool_size
                    ));
                }
                let mode = args
                    .postgres_sslmode
                    .or(file.postgres_sslmode)
                    .map(|mode| SslMode::parse(&mode))
                    .transpose()
                    // The field's name: the configuration's own word, in every language.
                    .context("postgres_sslmode")?;
                let root_cert = args.postgres_sslrootcert.or(file.postgres_sslrootcert);
                let tls = PostgresTls { mode, root_cert };
                // The connection string's own sslmode and sslrootcert are checked with these
                // now, so that a refused mode stops the start before any connection.
                postgres_tls::resolve(&url, &tls).context("postgres_url")?;
                StoreChoice::Postgres { url, schema, pool_size, tls }
            }
            None => {
                let database = args
                    .database
                    .or(file.database)
                    .unwrap_or_else(|| PathBuf::from(DATABASE_DEFAULT));
                if database.as_os_str().is_empty() {
                    bail!(tr!("cli-config-database-empty"));
                }
                StoreChoice::Sqlite { database }
            }
        };
        let advertise = args.advertise.or(file.advertise);
        if let Some(url) = &advertise
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!(tr!("cli-config-base-url", field = "advertise", url = url.as_str()));
        }
        let group_members = if args.group_members.is_empty() {
            file.group_members.unwrap_or_default()
        } else {
            args.group_members
        };
        for url in &group_members {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!(tr!("cli-config-base-url", field = "group_members", url = url.as_str()));
            }
        }
        let snapshot_interval_entries = args
            .snapshot_interval_entries
            .or(file.snapshot_interval_entries)
            .unwrap_or(passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES);
        if snapshot_interval_entries == 0 {
            bail!(tr!("cli-config-snapshot-interval"));
        }
        let witnesses = if args.witnesses.is_empty() {
            let mut witnesses = Vec::new();
            for (name, url) in file.witnesses.unwrap_or_default() {
                let parsed = WitnessConfig::parse_url(&format!("{name}={url}"))
                    .map_err(|error| anyhow::anyhow!("witnesses: {error}"))?;
                witnesses.push(parsed);
            }
            witnesses
        } else {
            args.witnesses
        };
        let witness_timeout_ms = args
            .witness_timeout_ms
            .or(file.witness_timeout_ms)
            .unwrap_or(WITNESS_TIMEOUT_MS_DEFAULT);
        if !(1..=WITNESS_TIMEOUT_MS_MAX).contains(&witness_timeout_ms) {
            bail!(tr!(
                "cli-config-range",
                field = "witness_timeout_ms",
                least = 1,
                most = WITNESS_TIMEOUT_MS_MAX,
                value = witness_timeout_ms
            ));
        }
        let connections_per_client_max = args
            .connections_per_client_max
            .or(file.connections_per_client_max)
            .unwrap_or(passage_serve::CONNECTIONS_PER_CLIENT_MAX);
        if !(1..=passage_serve::CONNECTIONS_MAX).contains(&connections_per_client_max) {
            bail!(tr!(
                "cli-config-range",
                field = "connections_per_client_max",
                least = 1,
                most = passage_serve::CONNECTIONS_MAX,
                value = connections_per_client_max
            ));
        }
        Ok(ServeConfig {
            listen,
            store,
            log_key,
            charter_sha256,
            checkpoint_interval_ms,
            advertise,
            group_members,
            snapshot_interval_entries,
            witnesses,
            witness_timeout_ms,
            connections_per_client_max,
            local_vrf_keys: file.local_vrf_keys.unwrap_or_default().into_iter().collect(),
        })
    }

    /// Reads the key and makes the node's configuration.
    pub fn node_config(&self) -> Result<NodeConfig> {
        let store = match &self.store {
            StoreChoice::Postgres { url, schema, pool_size, tls } => {
                let mut config = PostgresConfig::new(url.clone());
                config.schema = schema.clone();
                config.pool_size = *pool_size;
                config.tls = tls.clone();
                StoreConfig::Postgres(config)
            }
            StoreChoice::Sqlite { database } => {
                if let Some(parent) =
                    database.parent().filter(|parent| !parent.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(parent).with_context(|| {
                        tr!("cli-config-database-folder", path = parent.display().to_string())
                    })?;
                }
                StoreConfig::Sqlite(SqliteConfig::new(database.clone()))
            }
        };
        let log_key = read_key(&self.log_key).context("log_key")?;
        let config = NodeConfig {
            listen: self.listen,
            store,
            log_key,
            checkpoint_interval: Duration::from_millis(self.checkpoint_interval_ms),
            snapshot_interval_entries: self.snapshot_interval_entries,
            connections: passage_serve::Config {
                connections_per_client_max: self.connections_per_client_max,
                ..passage_serve::Config::new(passage_serve::ErrorFormat::Json)
            },
            charter_sha256: self.charter_sha256,
        };
        config.validate()?;
        Ok(config)
    }

    /// The witnesses to ask and how long to wait for each, and the VRF keys held here.
    pub fn witness_config(&self) -> Result<WitnessConfig> {
        let mut local_vrf_keys = Vec::new();
        for (party, path) in &self.local_vrf_keys {
            let party = passage_core::Ident::parse(party)
                .map_err(|error| anyhow::anyhow!("local_vrf_keys: `{party}`: {error}"))?;
            let shown = || path.display().to_string();
            let text = std::fs::read_to_string(path).with_context(|| {
                format!("local_vrf_keys: {}", tr!("cli-error-reading", what = shown()))
            })?;
            let mut secret = [0u8; 32];
            hex::decode_to_slice(text.trim(), &mut secret).with_context(|| {
                format!("local_vrf_keys: {}", tr!("cli-witness-not-a-vrf-key", path = shown()))
            })?;
            let key = passage_core::draw::VrfSecretKey::from_bytes(secret).with_context(|| {
                format!("local_vrf_keys: {}", tr!("cli-witness-not-a-vrf-key", path = shown()))
            })?;
            tracing::warn!(%party, "this node draws for the party itself: for tests and demos only");
            local_vrf_keys.push((party, key));
        }
        Ok(WitnessConfig {
            urls: self.witnesses.clone(),
            client: ClientConfig {
                request_timeout: Duration::from_millis(self.witness_timeout_ms),
                ..ClientConfig::default()
            },
            local_vrf_keys,
        })
    }
}

/// A SHA-256 written as 64 hexadecimal digits.
pub fn parse_sha256(text: &str) -> Result<[u8; 32]> {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text.trim(), &mut bytes)
        .map_err(|_| anyhow::anyhow!(tr!("cli-config-not-sha256")))?;
    Ok(bytes)
}

/// Reads a signing key file.
pub fn read_key(path: &Path) -> Result<SigningKey> {
    let shown = || path.display().to_string();
    let text =
        std::fs::read_to_string(path).with_context(|| tr!("cli-error-reading", what = shown()))?;
    SigningKey::parse(text.trim()).with_context(|| tr!("cli-key-no-signing-key", path = shown()))
}

/// Writes a signing key file readable by its owner only.
pub fn write_key(path: &Path, key: &SigningKey) -> Result<()> {
    write_secret(path, &format!("{}\n", key.to_skey()))
}

/// Writes a file readable by its owner only (a key, the openings of commitments).
pub fn write_secret(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
        .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Prints a status line. A node outlives whoever reads its output: when stdout is closed
/// (a supervisor that read the address and went away), the line is dropped rather than the
/// node stopped, as `println!` would on a broken pipe.
fn say(line: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// The texts of `passage serve` (`cli-serve-*` in the translation files).
mod texts {
    use crate::language::{args, text, text_with};

    /// The store of a group of nodes on PostgreSQL.
    pub fn postgres_store() -> String {
        text("cli-serve-postgres-store")
    }

    /// The node serves at `url`.
    pub fn serving(url: &str) -> String {
        text_with("cli-serve-serving", &args([("url", url.to_owned())]))
    }

    /// Its dashboard is at `url`.
    pub fn dashboard(url: &str) -> String {
        text_with("cli-serve-dashboard", &args([("url", url.to_owned())]))
    }

    /// A node that started while another leads on the same store.
    pub fn following(store: &str) -> String {
        text_with("cli-serve-following-at-start", &args([("store", store.to_owned())]))
    }

    /// A follower took over.
    pub fn leading() -> String {
        text("cli-serve-leading")
    }

    /// A leader that lost the leadership to another node.
    pub fn following_now() -> String {
        text("cli-serve-following")
    }
}

/// What a start on a new SQLite file creates (the file, its journal files, the folders
/// above it that did not exist), removed again if the start fails, so that a failed start
/// leaves no empty database behind to be mistaken for a log.
#[derive(Debug, Default)]
struct CreatedByStart {
    files: Vec<PathBuf>,
    /// Deepest first.
    folders: Vec<PathBuf>,
}

impl CreatedByStart {
    /// What does not exist yet of `database` and the folders above it.
    fn before(database: &Path) -> CreatedByStart {
        if database.exists() {
            return CreatedByStart::default();
        }
        let files = ["", "-wal", "-shm", "-journal", ".sequencer-lock"]
            .iter()
            .map(|suffix| {
                let mut name = database.as_os_str().to_owned();
                name.push(suffix);
                PathBuf::from(name)
            })
            .collect();
        let folders = database
            .ancestors()
            .skip(1)
            .filter(|folder| !folder.as_os_str().is_empty())
            .take_while(|folder| !folder.exists())
            .map(Path::to_path_buf)
            .collect();
        CreatedByStart { files, folders }
    }

    /// Removes them; a folder only when empty, so nothing else is ever removed.
    fn remove(&self) {
        for file in &self.files {
            let _ = std::fs::remove_file(file);
        }
        for folder in &self.folders {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Runs the node until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let file = match &args.config {
        Some(path) => ConfigFile::read(path)?,
        None => ConfigFile::default(),
    };
    let config = ServeConfig::resolve(args, file)?;
    // Before the node's configuration is made: that creates the database's folder.
    let created = match &config.store {
        StoreChoice::Sqlite { database } => CreatedByStart::before(database),
        _ => CreatedByStart::default(),
    };
    let group = (|| -> Result<GroupConfig> {
        Ok(GroupConfig {
            node: config.node_config()?,
            advertise: config.advertise.clone(),
            witnesses: config.witness_config()?,
            members: config.group_members.clone(),
        })
    })();
    let group = match group {
        Ok(group) => group,
        Err(error) => {
            created.remove();
            return Err(error);
        }
    };
    let store_name = match &config.store {
        StoreChoice::Sqlite { database } => database.display().to_string(),
        _ => texts::postgres_store(),
    };
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let start_failed = std::sync::atomic::AtomicBool::new(false);
    let result = runtime.block_on(async {
        let node = match GroupNode::start(group).await {
            Ok(node) => node,
            Err(error) => {
                start_failed.store(true, std::sync::atomic::Ordering::Relaxed);
                return Err(anyhow::Error::new(error).context(tr!("cli-error-starting-node")));
            }
        };
        say(&texts::serving(&format!("http://{}", node.address)));
        say(&texts::dashboard(&format!("http://{}/", node.address)));
        let mut role = node.role.clone();
        if *role.borrow() == Role::Follower {
            say(&texts::following(&store_name));
        }
        // Report every change of role: a follower takes over, a leader that lost the
        // leadership to another node steps down.
        let mut watching = true;
        loop {
            tokio::select! {
                stop = tokio::signal::ctrl_c() => {
                    stop?;
                    break;
                }
                changed = role.changed(), if watching => {
                    watching = changed.is_ok();
                    match *role.borrow_and_update() {
                        _ if !watching => {}
                        Role::Leader => say(&texts::leading()),
                        Role::Follower => say(&texts::following_now()),
                    }
                }
            }
        }
        node.stop().await;
        Ok(ExitCode::SUCCESS)
    });
    // The store's connections close with the runtime; only then are its files gone for good.
    drop(runtime);
    if start_failed.load(std::sync::atomic::Ordering::Relaxed) {
        created.remove();
    }
    result
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
    /// Generate a signer's key (an officer's, a carrier's or an authority's), write it
    /// (mode 0600) and print its public key for the charter or the enrolment.
    Signer {
        /// Where to write the key.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the verifier key of a log signing key file, or the public key of a signer's.
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
                anyhow::bail!(tr!("cli-key-exists", path = out.display().to_string()));
            }
            let key = SigningKey::generate(&mut rand_core::OsRng, &name, KeyType::Ed25519)?;
            write_key(&out, &key)?;
            println!("{}", key.verifier_key());
        }
        KeysCommand::Signer { out } => {
            if out.exists() {
                anyhow::bail!(tr!("cli-key-exists", path = out.display().to_string()));
            }
            let key = ed25519_dalek::SigningKey::generate(&mut rand_core::OsRng);
            crate::statements::write_signer_key(&out, &key)?;
            println!("{}", crate::statements::public_key_hex(&key));
        }
        KeysCommand::Show { file } => match read_key(&file) {
            Ok(key) => println!("{}", key.verifier_key()),
            Err(_) => {
                let key = crate::statements::read_signer_key(&file)?;
                println!("{}", crate::statements::public_key_hex(&key));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// `passage serve` alone, so the tests parse flags and environment as the binary does.
    #[derive(Debug, Parser)]
    struct Serve {
        #[command(flatten)]
        args: ServeArgs,
    }

    /// A charter line for the files of the tests below, which are about other fields.
    const CHARTER_LINE: &str =
        "charter_sha256 = \"00000000000000000000000000000000000000000000000000000000000000ff\"\n";

    /// Resolves flags over a file's text, with [`CHARTER_LINE`] before it.
    fn resolve(flags: &[&str], file: &str) -> String {
        resolve_exact(flags, &format!("{CHARTER_LINE}{file}"))
    }

    /// Resolves flags over a file's text: the configuration, or the error's text.
    fn resolve_exact(flags: &[&str], file: &str) -> String {
        let args = Serve::try_parse_from(std::iter::once("serve").chain(flags.iter().copied()))
            .map_err(|error| error.to_string());
        let resolved = args.and_then(|serve| {
            ConfigFile::parse(file)
                .and_then(|file| ServeConfig::resolve(serve.args, file))
                .map_err(|error| format!("{error:#}"))
        });
        match resolved {
            Ok(config) => format!("{config:?}"),
            Err(error) => format!("error: {error}"),
        }
    }

    /// The charter hash the example names (that of `passage demo`'s charter).
    const EXAMPLE_CHARTER_SHA256: &str =
        "7661e5a9eb458a76963541f3409ae70c5074ea41e91c96bc09e569bccba02d9d";

    #[test]
    fn the_example_charter_is_the_demos() {
        let demo = passage_core::testing::ScenarioConfig::syunik().charter_sha256();
        assert_eq!(hex::encode(demo), EXAMPLE_CHARTER_SHA256);
    }

    #[test]
    fn the_example_configuration_parses_and_validates() {
        let text = include_str!("../../../passage.example.toml");
        let file = ConfigFile::parse(text).expect("the example parses");
        let serve = Serve::try_parse_from(["serve"]).expect("no flags");
        let config = ServeConfig::resolve(serve.args, file).expect("the example is valid");
        assert_eq!(
            config,
            ServeConfig {
                listen: "127.0.0.1:8080".parse().expect("address"),
                store: StoreChoice::Sqlite { database: "passage-data/passage.db".into() },
                log_key: "passage-data/log.key".into(),
                charter_sha256: parse_sha256(EXAMPLE_CHARTER_SHA256).expect("a hash"),
                checkpoint_interval_ms: 500,
                advertise: None,
                group_members: vec![],
                snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
                witnesses: vec![],
                witness_timeout_ms: 2_000,
                connections_per_client_max: 64,
                local_vrf_keys: vec![],
            }
        );
    }

    #[test]
    fn flags_override_the_file_and_errors_name_the_field() {
        // Environment variables are read by clap between the flags and the file; these
        // tests set none, so that a developer's PASSAGE_* variables cannot change them.
        for name in [
            "PASSAGE_CONFIG",
            "PASSAGE_LISTEN",
            "PASSAGE_DATABASE",
            "PASSAGE_POSTGRES_URL",
            "PASSAGE_POSTGRES_SCHEMA",
            "PASSAGE_POSTGRES_POOL_SIZE",
            "PASSAGE_POSTGRES_SSLMODE",
            "PASSAGE_POSTGRES_SSLROOTCERT",
            "PASSAGE_LOG_KEY",
            "PASSAGE_CHARTER_SHA256",
            "PASSAGE_CHECKPOINT_INTERVAL_MS",
            "PASSAGE_ADVERTISE",
            "PASSAGE_SNAPSHOT_INTERVAL_ENTRIES",
            "PASSAGE_WITNESSES",
            "PASSAGE_WITNESS_TIMEOUT_MS",
        ] {
            assert!(std::env::var_os(name).is_none(), "unset {name} to run this test");
        }
        let file = "log_key = \"file.key\"\nlisten = \"127.0.0.1:9000\"\n";
        let found = resolve(&["--listen", "127.0.0.1:9100"], file);
        assert!(found.contains("listen: 127.0.0.1:9100"), "{found}");
        assert!(found.contains("log_key: \"file.key\""), "{found}");
        let found = resolve(&[], file);
        assert!(found.contains("listen: 127.0.0.1:9000"), "{found}");

        let check = |flags: &[&str], file: &str, expect: &str| {
            assert_eq!(resolve(flags, file), format!("error: {expect}"));
        };
        check(
            &[],
            "listen = \"127.0.0.1:8080\"",
            "log_key is required: give --log-key, PASSAGE_LOG_KEY or `log_key` in the \
             configuration file (`passage keys generate` makes one)",
        );
        check(
            &[],
            "log_key = \"k\"\nlisten = \"localhost\"",
            "listen: `localhost` is not an address such as 127.0.0.1:8080 (invalid socket \
             address syntax)",
        );
        check(
            &["--checkpoint-interval-ms", "5"],
            "log_key = \"k\"",
            "checkpoint_interval_ms is 10 to 60000, not 5",
        );
        check(
            &[],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d\"\npostgres_schema = \"Bad\"",
            "postgres_schema: `Bad` is not a schema name (lower-case letters, digits and `_`, \
             not starting with a digit)",
        );
        check(
            &["--postgres-pool-size", "0"],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d\"",
            "postgres_pool_size is 1 to 64, not 0",
        );
        // TLS to PostgreSQL: a mode that falls back to clear is refused at start, whether
        // the connection string, the file or a flag asks for it.
        let insecure = |mode: &str| {
            format!(
                "sslmode={mode} is refused: it falls back to a connection in clear whenever \
                 the server declines TLS, and whoever sits on the path can decline for it; use \
                 sslmode=verify-full with sslrootcert=FILE (or verify-ca, or require), or \
                 sslmode=disable to say the connection is in clear"
            )
        };
        check(
            &[],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d?sslmode=prefer\"",
            &format!("postgres_url: {}", insecure("prefer")),
        );
        check(
            &[],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d\"\npostgres_sslmode = \"allow\"",
            &format!("postgres_sslmode: {}", insecure("allow")),
        );
        check(
            &["--postgres-sslmode", "verify-full"],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d\"",
            "postgres_url: sslmode=verify-full needs sslrootcert=FILE, the root certificates \
             the server's is checked against",
        );
        let found = resolve(
            &["--postgres-sslmode", "verify-full", "--postgres-sslrootcert", "/etc/db-root.pem"],
            "log_key = \"k\"\npostgres_url = \"postgres://x@h/d\"",
        );
        assert!(
            found.contains(
                "tls: PostgresTls { mode: Some(VerifyFull), root_cert: Some(\"/etc/db-root.pem\") }"
            ),
            "{found}"
        );
        check(
            &[],
            "log_key = \"k\"\n[witnesses]\nmonitor = \"ftp://w\"",
            "witnesses: the URL of witness monitor is not http(s): `ftp://w`",
        );
        let found = resolve(
            &["--witness", "monitor=http://127.0.0.1:7103"],
            "log_key = \"k\"\n[witnesses]\nhost = \"http://127.0.0.1:7101\"",
        );
        assert!(found.contains("witnesses: [(\"monitor\", \"http://127.0.0.1:7103\")]"), "{found}");
        let found = resolve(&[], "log_key = \"k\"\n[witnesses]\nhost = \"http://127.0.0.1:7101/\"");
        assert!(found.contains("witnesses: [(\"host\", \"http://127.0.0.1:7101\")]"), "{found}");
        check(
            &["--witness-timeout-ms", "0"],
            "log_key = \"k\"",
            "witness_timeout_ms is 1 to 60000, not 0",
        );
        check(
            &["--connections-per-client-max", "0"],
            "log_key = \"k\"",
            "connections_per_client_max is 1 to 1024, not 0",
        );
        check(
            &[],
            "log_key = \"k\"\nconnections_per_client_max = 1025",
            "connections_per_client_max is 1 to 1024, not 1025",
        );
        // The charter is required, as a hash.
        assert_eq!(
            resolve_exact(&[], "log_key = \"k\""),
            "error: charter_sha256 is required: give --charter-sha256, PASSAGE_CHARTER_SHA256 \
             or `charter_sha256` in the configuration file (`passage charter hash` prints it \
             for the charter the parties agreed)"
        );
        assert_eq!(
            resolve_exact(&[], "log_key = \"k\"\ncharter_sha256 = \"abc\""),
            "error: charter_sha256: `abc`: not a SHA-256: 64 hexadecimal digits are expected"
        );
        let found = resolve(&["--charter-sha256", &"ab".repeat(32)], "log_key = \"k\"");
        assert!(found.contains(&format!("charter_sha256: {:?}", [0xab_u8; 32])), "{found}");
        let unknown = resolve(&[], "log_key = \"k\"\nlisten_address = \"x\"");
        assert!(unknown.contains("unknown field `listen_address`"), "{unknown}");
    }
}
