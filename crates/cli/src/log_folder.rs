//! `passage log`: create, append to, prove from and verify a log kept as C2SP tiles in a
//! folder.
//!
//! The folder holds exactly what c2sp.org/tlog-tiles serves: `checkpoint`,
//! `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, so any static file server can
//! publish it. The log's signing key lives beside the folder (`<folder>.key` unless `--key`
//! says otherwise), never inside it. Partial tiles of earlier checkpoints are kept, as the
//! spec asks of a log that published those checkpoints.

use std::fs;
use std::io::{Read as _, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::language::tr;
use anyhow::{Context as _, bail, ensure};
use passage_log::{
    Appender, BundleData, BundleId, Checkpoint, KeyType, MemoryTiles, Policy, Receipt, RightEdge,
    SigningKey, TILE_WIDTH, TileData, TileId, TilePath, TileReader, VerifierKey, leaf_hash,
    open_checkpoint, parse_bundle, prove_consistency, prove_inclusion, right_edge_tiles, tile_at,
};

/// Largest input `append` reads in one run (a file or stdin).
const APPEND_INPUT_BYTES_MAX: u64 = 1 << 30;
/// Largest receipt, policy, key or entry file the command reads.
const SMALL_FILE_BYTES_MAX: u64 = 4 << 20;

/// Arguments of `passage log`.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    #[command(subcommand)]
    command: LogCommand,
}

#[derive(Debug, clap::Subcommand)]
enum LogCommand {
    /// Create a new, empty log with a new Ed25519 key; print its vkey.
    Init {
        /// The log folder (created; must not exist or be empty).
        #[arg(long)]
        dir: PathBuf,
        /// The log's origin, e.g. `corridor.example/log1` (also the key name).
        #[arg(long)]
        origin: String,
        /// Where to write the signing key (default: `<dir>.key`, beside the folder).
        #[arg(long)]
        key: Option<PathBuf>,
    },
    /// Append entries from FILE (or stdin with `-` or nothing) and sign a new checkpoint.
    Append {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
        /// The signing key (default: `<dir>.key`).
        #[arg(long)]
        key: Option<PathBuf>,
        /// How the input is cut into entries.
        #[arg(long, value_enum, default_value_t = Framing::Lines)]
        framing: Framing,
        /// The input file; `-` or nothing reads stdin.
        input: Option<PathBuf>,
    },
    /// Print the signed checkpoint.
    Checkpoint {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Print an inclusion proof for an entry (or, with `--old-size`, a consistency proof).
    Prove {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
        /// Index of the entry.
        #[arg(long, conflicts_with = "old_size", required_unless_present = "old_size")]
        index: Option<u64>,
        /// Size of an earlier tree to prove consistency from.
        #[arg(long)]
        old_size: Option<u64>,
    },
    /// Print an offline receipt (c2sp.org/tlog-proof) for an entry; it carries the entry.
    Receipt {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
        /// Index of the entry.
        #[arg(long)]
        index: u64,
    },
    /// Verify a receipt offline against the log's vkey (or a trust policy).
    VerifyReceipt {
        /// The log's vkey, or a file holding it.
        #[arg(long, required_unless_present = "policy")]
        vkey: Option<String>,
        /// A c2sp.org/tlog-policy file (logs, witnesses, quorum) instead of `--vkey`.
        #[arg(long, conflicts_with = "vkey")]
        policy: Option<PathBuf>,
        /// The receipt file.
        receipt: PathBuf,
        /// A file holding the entry's exact bytes (default: the entry the receipt carries).
        #[arg(long)]
        entry: Option<PathBuf>,
    },
    /// Serve the folder read-only over HTTP (tlog-tiles); prints `listening on ADDR`.
    Serve {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:7381")]
        listen: String,
    },
    /// Verify a whole log folder: every tile and bundle against the signed checkpoint.
    Verify {
        /// The log folder.
        #[arg(long)]
        dir: PathBuf,
        /// The log's vkey, or a file holding it.
        #[arg(long)]
        vkey: String,
    },
}

/// How `append` cuts its input into entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Framing {
    /// One entry per line, without its newline; empty lines are skipped.
    Lines,
    /// The whole input is one entry.
    Whole,
}

/// Runs `passage log`.
pub fn run(args: LogArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        LogCommand::Init { dir, origin, key } => init(&dir, &origin, key),
        LogCommand::Append { dir, key, framing, input } => append(&dir, key, framing, input),
        LogCommand::Checkpoint { dir } => {
            print!("{}", read_checkpoint_note(&dir)?);
            Ok(ExitCode::SUCCESS)
        }
        LogCommand::Prove { dir, index, old_size } => prove(&dir, index, old_size),
        LogCommand::Receipt { dir, index } => receipt(&dir, index),
        LogCommand::VerifyReceipt { vkey, policy, receipt, entry } => {
            verify_receipt(vkey, policy, &receipt, entry)
        }
        LogCommand::Verify { dir, vkey } => verify(&dir, &vkey),
        LogCommand::Serve { dir, listen } => crate::witness::serve_folder(&dir, &listen),
    }
}

fn default_key_path(dir: &Path, key: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(key) = key {
        return Ok(key);
    }
    let name = dir
        .file_name()
        .with_context(|| tr!("cli-log-no-key-name", path = dir.display().to_string()))?;
    let mut file = name.to_os_string();
    file.push(".key");
    Ok(dir.with_file_name(file))
}

fn read_limited(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let shown = || path.display().to_string();
    let file = fs::File::open(path).with_context(|| tr!("cli-error-opening", path = shown()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| tr!("cli-error-reading", what = shown()))?;
    ensure!(
        bytes.len() as u64 <= limit,
        tr!("cli-error-file-too-large", path = shown(), most = limit)
    );
    Ok(bytes)
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
fn write_atomic(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    let parent = path
        .parent()
        .with_context(|| tr!("cli-error-creating", path = path.display().to_string()))?;
    fs::create_dir_all(parent)
        .with_context(|| tr!("cli-error-creating", path = parent.display().to_string()))?;
    let mut temporary = path.as_os_str().to_os_string();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let shown = temporary.display().to_string();
    let mut file = fs::File::create(&temporary)
        .with_context(|| tr!("cli-error-creating", path = shown.as_str()))?;
    file.write_all(data).with_context(|| tr!("cli-error-writing", path = shown.as_str()))?;
    file.sync_all().with_context(|| tr!("cli-error-syncing", path = shown.as_str()))?;
    fs::rename(&temporary, path)
        .with_context(|| tr!("cli-error-renaming", path = path.display().to_string()))?;
    Ok(())
}

fn read_signing_key(path: &Path) -> anyhow::Result<SigningKey> {
    let text = read_limited(path, SMALL_FILE_BYTES_MAX)?;
    let shown = || path.display().to_string();
    let text =
        String::from_utf8(text).with_context(|| tr!("cli-error-not-utf8", path = shown()))?;
    let key = SigningKey::parse(text.trim_end())
        .with_context(|| tr!("cli-error-reading-key", path = shown()))?;
    ensure!(key.verifier_key().key_type() == KeyType::Ed25519, tr!("cli-log-key-not-ed25519"));
    Ok(key)
}

/// Reads a vkey given as text, or from the file it names.
fn read_vkey(text_or_path: &str) -> anyhow::Result<VerifierKey> {
    if let Ok(key) = VerifierKey::parse(text_or_path) {
        return Ok(key);
    }
    let bytes = read_limited(Path::new(text_or_path), SMALL_FILE_BYTES_MAX)
        .with_context(|| tr!("cli-error-not-a-vkey", text = text_or_path))?;
    let text =
        String::from_utf8(bytes).with_context(|| tr!("cli-error-not-utf8", path = text_or_path))?;
    VerifierKey::parse(text.trim())
        .with_context(|| tr!("cli-error-reading-vkey", path = text_or_path))
}

fn init(dir: &Path, origin: &str, key: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let key_path = default_key_path(dir, key)?;
    if dir.exists() {
        let shown = || dir.display().to_string();
        let mut entries =
            fs::read_dir(dir).with_context(|| tr!("cli-error-reading", what = shown()))?;
        ensure!(entries.next().is_none(), tr!("cli-log-not-empty", path = shown()));
    }
    fs::create_dir_all(dir)
        .with_context(|| tr!("cli-error-creating", path = dir.display().to_string()))?;
    let key = SigningKey::generate(&mut rand_core::OsRng, origin, KeyType::Ed25519)
        .with_context(|| tr!("cli-log-bad-origin"))?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&key_path)
        .with_context(|| {
            tr!("cli-error-creating-key-file", path = key_path.display().to_string())
        })?;
    let shown = key_path.display().to_string();
    file.write_all(format!("{}\n", key.to_skey()).as_bytes())
        .with_context(|| tr!("cli-error-writing", path = shown.as_str()))?;
    file.sync_all().with_context(|| tr!("cli-error-syncing", path = shown.as_str()))?;
    let appender = Appender::new();
    write_checkpoint(dir, &key, &appender)?;
    println!("{}", key.verifier_key());
    let created = tr!(
        "cli-log-created",
        path = dir.display().to_string(),
        key = key_path.display().to_string()
    );
    eprintln!("{created}");
    Ok(ExitCode::SUCCESS)
}

fn write_checkpoint(dir: &Path, key: &SigningKey, appender: &Appender) -> anyhow::Result<()> {
    let checkpoint = Checkpoint {
        origin: key.name().to_owned(),
        size: appender.size(),
        root: appender.root(),
        extensions: Vec::new(),
    };
    let note = checkpoint.sign(key).with_context(|| tr!("cli-log-signing-checkpoint"))?;
    write_atomic(&dir.join("checkpoint"), note.as_bytes())
}

fn read_checkpoint_note(dir: &Path) -> anyhow::Result<String> {
    let bytes = read_limited(&dir.join("checkpoint"), passage_log::NOTE_BYTES_MAX as u64)?;
    String::from_utf8(bytes).with_context(|| {
        tr!("cli-error-not-utf8", path = dir.join("checkpoint").display().to_string())
    })
}

/// The checkpoint of the folder, checked against `vkey`.
fn open_folder_checkpoint(dir: &Path, vkey: &VerifierKey) -> anyhow::Result<(Checkpoint, String)> {
    let note = read_checkpoint_note(dir)?;
    let signed = open_checkpoint(note.as_bytes(), vkey, &[]).with_context(|| {
        tr!("cli-log-checking", path = dir.join("checkpoint").display().to_string())
    })?;
    Ok((signed.checkpoint, note))
}

/// The checkpoint of the folder, read without a key (for commands that only serve data;
/// whoever checks the result checks the signature).
fn unverified_checkpoint(dir: &Path) -> anyhow::Result<(Checkpoint, String)> {
    let note = read_checkpoint_note(dir)?;
    let text = note.split_once("\n\n").map(|(text, _)| format!("{text}\n")).unwrap_or_default();
    let checkpoint = Checkpoint::parse(text.as_bytes()).with_context(|| {
        tr!("cli-error-reading", what = dir.join("checkpoint").display().to_string())
    })?;
    Ok((checkpoint, note))
}

/// Reads tiles from the folder. Asked for a partial tile it lacks, it serves the full tile
/// or a wider partial at the same position (the prover uses only the prefix it needs).
struct FolderTiles<'a> {
    dir: &'a Path,
}

impl TileReader for FolderTiles<'_> {
    type Error = std::io::Error;

    fn read_tile(&self, tile: TileId) -> Result<Vec<u8>, std::io::Error> {
        let mut last_error = None;
        for width in
            std::iter::once(tile.width).chain([TILE_WIDTH]).chain(tile.width + 1..TILE_WIDTH)
        {
            let path = self.dir.join(TileId { width, ..tile }.path());
            match fs::read(&path) {
                Ok(data) => return Ok(data),
                Err(error) => last_error = Some(error),
            }
        }
        Err(last_error.unwrap_or_else(|| std::io::Error::other("no tile width to try")))
    }
}

fn read_bundle(dir: &Path, bundle: BundleId) -> anyhow::Result<Vec<u8>> {
    read_limited(&dir.join(bundle.path()), passage_log::BUNDLE_BYTES_MAX as u64)
}

/// Reads the right edge of the tree at `size` back out of the folder.
fn read_right_edge(dir: &Path, size: u64) -> anyhow::Result<RightEdge> {
    let mut tiles = Vec::new();
    for tile in right_edge_tiles(size) {
        let data = fs::read(dir.join(tile.path())).with_context(|| {
            tr!("cli-error-reading", what = dir.join(tile.path()).display().to_string())
        })?;
        tiles.push(TileData { tile, data });
    }
    let width = (size % u64::from(TILE_WIDTH)) as u16;
    let bundle = if width > 0 {
        let bundle = BundleId { index: size / u64::from(TILE_WIDTH), width };
        Some(BundleData { bundle, data: read_bundle(dir, bundle)? })
    } else {
        None
    };
    Ok(RightEdge { size, tiles, bundle })
}

fn read_entries(framing: Framing, input: Option<PathBuf>) -> anyhow::Result<Vec<Vec<u8>>> {
    let bytes = match input.filter(|path| path.as_os_str() != "-") {
        Some(path) => read_limited(&path, APPEND_INPUT_BYTES_MAX)?,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(APPEND_INPUT_BYTES_MAX + 1)
                .read_to_end(&mut bytes)
                .with_context(|| tr!("cli-log-reading-stdin"))?;
            ensure!(
                bytes.len() as u64 <= APPEND_INPUT_BYTES_MAX,
                tr!("cli-log-input-too-large", most = APPEND_INPUT_BYTES_MAX)
            );
            bytes
        }
    };
    Ok(match framing {
        Framing::Whole => vec![bytes],
        Framing::Lines => bytes
            .split(|&byte| byte == b'\n')
            .filter(|line| !line.is_empty())
            .map(<[u8]>::to_vec)
            .collect(),
    })
}

fn append(
    dir: &Path,
    key: Option<PathBuf>,
    framing: Framing,
    input: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let key_path = default_key_path(dir, key)?;
    // One writer at a time: an exclusive lock on the key file, released when this process
    // ends, however it ends.
    let shown = key_path.display().to_string();
    let lock = fs::File::open(&key_path)
        .with_context(|| tr!("cli-error-opening", path = shown.as_str()))?;
    lock.lock().with_context(|| tr!("cli-log-locking", path = shown.as_str()))?;
    let key = read_signing_key(&key_path)?;
    let (checkpoint, _) = open_folder_checkpoint(dir, &key.verifier_key())?;
    let mut appender = Appender::resume(&read_right_edge(dir, checkpoint.size)?)
        .with_context(|| tr!("cli-log-resuming"))?;
    ensure!(appender.root() == checkpoint.root, tr!("cli-log-right-edge-mismatch"));
    let entries = read_entries(framing, input)?;
    let first = appender.size();
    for chunk in entries.chunks(passage_log::BATCH_ENTRIES_MAX) {
        let batch = appender.append_batch(chunk).with_context(|| tr!("cli-log-appending"))?;
        // Tiles and bundles first, the checkpoint last: a crash in between leaves the old
        // checkpoint, which the files still support (full tiles never change).
        for tile in &batch.changes.tiles {
            write_atomic(&dir.join(tile.tile.path()), &tile.data)?;
        }
        for bundle in &batch.changes.bundles {
            write_atomic(&dir.join(bundle.bundle.path()), &bundle.data)?;
        }
    }
    write_checkpoint(dir, &key, &appender)?;
    drop(lock);
    let appended = tr!(
        "cli-log-appended",
        from = first.to_string(),
        to = appender.size().to_string(),
        count = entries.len()
    );
    eprintln!("{appended}");
    Ok(ExitCode::SUCCESS)
}

fn prove(dir: &Path, index: Option<u64>, old_size: Option<u64>) -> anyhow::Result<ExitCode> {
    let (checkpoint, _) = unverified_checkpoint(dir)?;
    let reader = FolderTiles { dir };
    match (index, old_size) {
        (Some(index), _) => {
            let proof = prove_inclusion(&reader, checkpoint.size, index)
                .with_context(|| tr!("cli-log-proving", index = index.to_string()))?;
            println!("size {}\nindex {index}", checkpoint.size);
            for hash in proof {
                println!("{hash}");
            }
        }
        (None, Some(old_size)) => {
            let proof = prove_consistency(&reader, old_size, checkpoint.size)
                .with_context(|| tr!("cli-log-proving-consistency", size = old_size.to_string()))?;
            println!("old {old_size}\nsize {}", checkpoint.size);
            for hash in proof {
                println!("{hash}");
            }
        }
        (None, None) => bail!(tr!("cli-log-give-index")),
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads entry `index` out of its bundle.
fn read_entry(dir: &Path, size: u64, index: u64) -> anyhow::Result<Vec<u8>> {
    ensure!(
        index < size,
        tr!("cli-log-no-such-entry", index = index.to_string(), size = size.to_string())
    );
    let bundle_index = index / u64::from(TILE_WIDTH);
    let width = tile_at(0, bundle_index, size)
        .with_context(|| {
            tr!("cli-log-no-such-entry", index = index.to_string(), size = size.to_string())
        })?
        .width;
    let bundle = BundleId { index: bundle_index, width };
    let data = read_bundle(dir, bundle)?;
    let entries = parse_bundle(&data, width).with_context(|| {
        tr!("cli-error-reading", what = dir.join(bundle.path()).display().to_string())
    })?;
    Ok(entries[(index % u64::from(TILE_WIDTH)) as usize].to_vec())
}

fn receipt(dir: &Path, index: u64) -> anyhow::Result<ExitCode> {
    let (checkpoint, note) = unverified_checkpoint(dir)?;
    let entry = read_entry(dir, checkpoint.size, index)?;
    let proof = prove_inclusion(&FolderTiles { dir }, checkpoint.size, index)
        .with_context(|| tr!("cli-log-proving", index = index.to_string()))?;
    let receipt = Receipt { extra: Some(entry), index, proof, checkpoint: note };
    print!("{}", receipt.to_text());
    Ok(ExitCode::SUCCESS)
}

fn verify_receipt(
    vkey: Option<String>,
    policy: Option<PathBuf>,
    receipt_path: &Path,
    entry: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let policy = match (vkey, policy) {
        (_, Some(path)) => Policy::parse(&read_limited(&path, SMALL_FILE_BYTES_MAX)?)
            .with_context(|| tr!("cli-error-reading-policy", path = path.display().to_string()))?,
        (Some(vkey), None) => Policy::single_log(read_vkey(&vkey)?),
        (None, None) => bail!(tr!("cli-log-give-vkey")),
    };
    let receipt = Receipt::parse(&read_limited(receipt_path, SMALL_FILE_BYTES_MAX)?)
        .with_context(|| tr!("cli-receipt-reading", path = receipt_path.display().to_string()))?;
    let entry = match entry {
        Some(path) => read_limited(&path, SMALL_FILE_BYTES_MAX)?,
        None => receipt.extra.clone().with_context(|| tr!("cli-receipt-no-entry"))?,
    };
    match receipt.verify(&leaf_hash(&entry), &policy) {
        Ok(signed) => {
            let verdict = tr!(
                "cli-log-receipt-ok",
                index = receipt.index.to_string(),
                origin = signed.checkpoint.origin.as_str(),
                size = signed.checkpoint.size.to_string(),
                count = signed.cosignatures.len()
            );
            println!("{verdict}");
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("{}", tr!("cli-audit-refused", reason = error.to_string()));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Every file under `dir/tile`, as paths relative to `dir` with `/` separators.
fn tile_files(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.join("tile")];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries {
            let path = entry
                .with_context(|| tr!("cli-error-reading", what = folder.display().to_string()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .with_context(|| tr!("cli-error-reading", what = path.display().to_string()))?;
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn verify(dir: &Path, vkey: &str) -> anyhow::Result<ExitCode> {
    let vkey = read_vkey(vkey)?;
    let (checkpoint, _) = open_folder_checkpoint(dir, &vkey)?;
    let size = checkpoint.size;
    let mut problems = Vec::new();

    // Rebuild the tree from the entry bundles; every tile follows from them.
    let mut appender = Appender::new();
    let mut tiles = MemoryTiles::new();
    let mut bundles: Vec<Vec<Vec<u8>>> = Vec::new();
    for bundle_index in 0..size.div_ceil(u64::from(TILE_WIDTH)) {
        // Every bundle below the size is in the tree: `tile_at` gives it.
        let Some(width) = tile_at(0, bundle_index, size).map(|tile| tile.width) else { break };
        let bundle = BundleId { index: bundle_index, width };
        let data = read_bundle(dir, bundle)?;
        let entries = parse_bundle(&data, width).with_context(|| {
            tr!("cli-error-reading", what = dir.join(bundle.path()).display().to_string())
        })?;
        for entry in &entries {
            appender.append(entry).with_context(|| tr!("cli-log-appending"))?;
        }
        bundles.push(entries.iter().map(|entry| entry.to_vec()).collect());
        tiles.apply(&appender.take_changes());
    }
    if appender.root() != checkpoint.root {
        problems.push(tr!(
            "cli-log-problem-root",
            root = appender.root().to_string(),
            checkpoint = checkpoint.root.to_string()
        ));
    }

    // Every file under tile/ must be a tile or bundle of this tree, byte for byte.
    let mut checked = 0usize;
    for relative in tile_files(dir)? {
        let problem = match TilePath::parse(&relative) {
            Err(error) => Some(tr!(
                "cli-log-problem-not-a-tile",
                path = relative.as_str(),
                reason = error.to_string()
            )),
            Ok(TilePath::Hashes(tile)) => {
                let data = fs::read(dir.join(&relative))?;
                match (tile_at(tile.level, tile.index, size), tiles.read_tile(tile)) {
                    (Some(limit), Ok(expected)) if tile.width <= limit.width => (data != expected)
                        .then(|| tr!("cli-log-problem-hashes", path = relative.as_str())),
                    _ => Some(tr!("cli-log-problem-beyond", path = relative.as_str())),
                }
            }
            Ok(TilePath::Entries(bundle)) => {
                let data = fs::read(dir.join(&relative))?;
                let expected = bundles
                    .get(bundle.index as usize)
                    .filter(|entries| entries.len() >= usize::from(bundle.width));
                match (expected, parse_bundle(&data, bundle.width)) {
                    (None, _) => Some(tr!("cli-log-problem-beyond", path = relative.as_str())),
                    (_, Err(error)) => Some(format!("{relative}: {error}")),
                    (Some(expected), Ok(found)) => (found
                        .iter()
                        .zip(expected)
                        .any(|(found, expected)| *found != expected.as_slice()))
                    .then(|| tr!("cli-log-problem-entries", path = relative.as_str())),
                }
            }
        };
        problems.extend(problem);
        checked += 1;
    }

    // The files a reader of this checkpoint needs must all be there.
    for level in 0..8u8 {
        let mut index = 0;
        while let Some(tile) = tile_at(level, index, size) {
            if !dir.join(tile.path()).is_file() {
                problems.push(tr!("cli-log-problem-missing", path = tile.path()));
            }
            index += 1;
        }
    }

    if problems.is_empty() {
        let verdict = tr!(
            "cli-log-verified",
            origin = checkpoint.origin.as_str(),
            size = size.to_string(),
            root = checkpoint.root.to_string(),
            count = checked
        );
        println!("{verdict}");
        Ok(ExitCode::SUCCESS)
    } else {
        for problem in &problems {
            println!("{}", tr!("cli-log-problem", problem = problem.as_str()));
        }
        println!("{}", tr!("cli-log-problems", count = problems.len()));
        Ok(ExitCode::FAILURE)
    }
}
