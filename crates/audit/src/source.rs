//! Where an auditor reads a log from: a c2sp.org/tlog-tiles HTTP prefix, a folder in the
//! same layout, and a cache folder in front of either (tile paths are immutable, so a cached
//! tile is never fetched again and an interrupted audit resumes where it stopped).

use std::path::{Path, PathBuf};

use passage_log::{TILE_WIDTH, TileId, TileReader};

/// Largest file an audit reads: an entry bundle of 256 entries of 64 KiB is the largest.
pub const FETCH_BYTES_MAX: usize = passage_log::BUNDLE_BYTES_MAX;

/// Why a file could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The HTTP request failed.
    #[error("fetching {path}: {reason}")]
    Http {
        /// The path.
        path: String,
        /// What failed.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// The file is larger than any tile or bundle.
    #[error("{0} is larger than {FETCH_BYTES_MAX} bytes")]
    TooLarge(String),
}

/// A read-only tlog-tiles source: `checkpoint`, `tile/...` paths relative to a prefix.
pub trait TileSource: Sync {
    /// The file at `path`, or `None` if the source does not have it.
    fn fetch(
        &self,
        path: &str,
    ) -> impl std::future::Future<Output = Result<Option<Vec<u8>>, SourceError>> + Send;
}

/// A log served over HTTP(S) under a URL prefix.
#[derive(Clone, Debug)]
pub struct HttpSource {
    http: reqwest::Client,
    prefix: String,
}

impl HttpSource {
    /// A source under `prefix` (e.g. `https://log.example/corridor/`).
    pub fn new(prefix: &str, timeout: std::time::Duration) -> Result<HttpSource, SourceError> {
        let http = reqwest::Client::builder().timeout(timeout).build().map_err(|error| {
            SourceError::Http { path: prefix.to_owned(), reason: error.to_string() }
        })?;
        Ok(HttpSource { http, prefix: format!("{}/", prefix.trim_end_matches('/')) })
    }
}

impl TileSource for HttpSource {
    async fn fetch(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        let url = format!("{}{path}", self.prefix);
        let failed = |reason: String| SourceError::Http { path: path.to_owned(), reason };
        let response = self.http.get(&url).send().await.map_err(|e| failed(e.to_string()))?;
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !response.status().is_success() {
            return Err(failed(format!("status {}", response.status())));
        }
        // A peer never makes the auditor hold more than a bundle for one file.
        match passage_peer::read_body(response, FETCH_BYTES_MAX).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(passage_peer::AnswerError::TooLarge { .. }) => {
                Err(SourceError::TooLarge(path.to_owned()))
            }
            Err(error) => Err(failed(error.to_string())),
        }
    }
}

/// A log kept in a folder in the tlog-tiles layout (what `passage log` writes).
#[derive(Clone, Debug)]
pub struct FolderSource {
    dir: PathBuf,
}

impl FolderSource {
    /// The folder `dir`.
    pub fn new(dir: &Path) -> FolderSource {
        FolderSource { dir: dir.to_owned() }
    }
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, SourceError> {
    use std::io::Read as _;
    let io = |source| SourceError::Io { path: path.to_owned(), source };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io(error)),
    };
    let mut bytes = Vec::new();
    file.take(FETCH_BYTES_MAX as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > FETCH_BYTES_MAX {
        return Err(SourceError::TooLarge(path.display().to_string()));
    }
    Ok(Some(bytes))
}

impl TileSource for FolderSource {
    async fn fetch(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        // Paths come from our own code (`checkpoint` and canonical tile paths), never `..`.
        assert!(!path.contains(".."), "a tile path never climbs out of the folder");
        read_optional(&self.dir.join(path))
    }
}

/// A cache folder in front of a source: every `tile/` path is immutable, so it is read
/// from the cache when present and written there after a fetch; `checkpoint` always goes to
/// the source.
#[derive(Clone, Debug)]
pub struct CachedSource<S> {
    source: S,
    cache: PathBuf,
}

impl<S: TileSource> CachedSource<S> {
    /// `source` with a cache in `cache`.
    pub fn new(source: S, cache: &Path) -> CachedSource<S> {
        CachedSource { source, cache: cache.to_owned() }
    }
}

impl<S: TileSource> TileSource for CachedSource<S> {
    async fn fetch(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        if !path.starts_with("tile/") {
            return self.source.fetch(path).await;
        }
        assert!(!path.contains(".."), "a tile path never climbs out of the folder");
        let cached = self.cache.join(path);
        if let Some(bytes) = read_optional(&cached)? {
            return Ok(Some(bytes));
        }
        let fetched = self.source.fetch(path).await?;
        if let Some(bytes) = &fetched {
            write_atomic(&cached, bytes)
                .map_err(|source| SourceError::Io { path: cached.clone(), source })?;
        }
        Ok(fetched)
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(data)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

/// Reads tiles from a tlog-tiles folder for proofs. Asked for a partial tile it lacks, it
/// serves the full tile or a wider partial at the same position (a prover uses only the
/// prefix it needs).
#[derive(Clone, Debug)]
pub struct FolderTiles {
    dir: PathBuf,
}

impl FolderTiles {
    /// The folder `dir`.
    pub fn new(dir: &Path) -> FolderTiles {
        FolderTiles { dir: dir.to_owned() }
    }
}

impl TileReader for FolderTiles {
    type Error = SourceError;

    fn read_tile(&self, tile: TileId) -> Result<Vec<u8>, SourceError> {
        for width in
            std::iter::once(tile.width).chain([TILE_WIDTH]).chain(tile.width + 1..TILE_WIDTH)
        {
            if let Some(data) = read_optional(&self.dir.join(TileId { width, ..tile }.path()))? {
                return Ok(data);
            }
        }
        Err(SourceError::Io {
            path: self.dir.join(tile.path()),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        })
    }
}
