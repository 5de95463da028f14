//! PostgreSQL over TLS: which `sslmode` and `sslrootcert` the operator asked for (in the
//! connection string, in the configuration, or both), checked once before any connection,
//! and the connector every connection of the store is made with.
//!
//! The modes are libpq's, less the two that fail open. `prefer` and `allow` fall back to a
//! connection in clear whenever the server declines TLS, and whoever sits on the path can
//! decline for it: they are refused ([`PostgresTlsError::InsecureMode`]). What is left:
//!
//! - `disable` (the default): no TLS. For a server on the same host or on a network the
//!   operator trusts; the store warns when it connects this way to a host that is not the
//!   loopback.
//! - `require`: TLS, the server's certificate unchecked. It keeps a passive listener out,
//!   not an active one, who can present any certificate.
//! - `verify-ca`: TLS, and the server's certificate must chain to a root of `sslrootcert`.
//! - `verify-full`: as `verify-ca`, and the certificate must name the host connected to.
//!
//! `sslrootcert` is a PEM file of root certificates and goes only with `verify-ca` or
//! `verify-full`: given with another mode it is refused rather than ignored, and either
//! verifying mode without it is refused. A setting given in both the URL and the
//! configuration must agree.
//!
//! Channel binding is libpq's `channel_binding` of the connection string, which
//! tokio-postgres reads: by default (`prefer`) the password exchange is bound to the TLS
//! session (SCRAM-SHA-256-PLUS, `tls-server-end-point`) whenever the server offers it;
//! `require` refuses a server that does not, and is refused without TLS
//! ([`PostgresTlsError::ChannelBindingWithoutTls`]). With `require`, a server that answers
//! for the real one (under `sslmode=require`, whose certificate nobody checks) cannot let
//! the store in without knowing its password.
//!
//! TLS is rustls with the ring provider, the same stack and provider as the project's HTTP
//! client, named explicitly here rather than taken from a process-wide default.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{WebPkiServerVerifier, verify_server_cert_signed_by_trust_anchor};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres::{Client, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::StoreError;

/// Largest `sslrootcert` file read: the whole Mozilla bundle is about 220 KB.
pub const ROOT_CERT_FILE_BYTES_MAX: u64 = 1024 * 1024;

/// How the connection to PostgreSQL is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS; the server's certificate is not checked.
    Require,
    /// TLS; the server's certificate chains to a root of `sslrootcert`.
    VerifyCa,
    /// TLS; the server's certificate chains to a root of `sslrootcert` and names the host.
    VerifyFull,
}

impl SslMode {
    /// Parses libpq's name of a mode, refusing `prefer` and `allow` (see the module's
    /// documentation) and any name libpq does not know.
    pub fn parse(text: &str) -> Result<SslMode, PostgresTlsError> {
        match text {
            "disable" => Ok(SslMode::Disable),
            "require" => Ok(SslMode::Require),
            "verify-ca" => Ok(SslMode::VerifyCa),
            "verify-full" => Ok(SslMode::VerifyFull),
            "prefer" | "allow" => Err(PostgresTlsError::InsecureMode { mode: text.to_owned() }),
            _ => Err(PostgresTlsError::UnknownMode { mode: text.to_owned() }),
        }
    }

    /// libpq's name of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn verifies(self) -> bool {
        matches!(self, SslMode::VerifyCa | SslMode::VerifyFull)
    }
}

/// The TLS settings the configuration gives beside the connection string; each is
/// optional, and one the connection string gives too must agree with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostgresTls {
    /// `sslmode`.
    pub mode: Option<SslMode>,
    /// `sslrootcert`: a PEM file of root certificates.
    pub root_cert: Option<PathBuf>,
}

/// The TLS settings in force, once the connection string's and the configuration's are
/// merged and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsSettings {
    /// The mode.
    pub mode: SslMode,
    /// The roots a verifying mode checks the server's certificate against.
    pub root_cert: Option<PathBuf>,
}

/// What is wrong with the server's certificate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateProblem {
    /// No root of `sslrootcert` signed it (nor a chain leading to one).
    #[error("it is not signed by a root certificate of sslrootcert")]
    UnknownIssuer,
    /// It does not name the host connected to.
    #[error("it is not issued for the host connected to (it names {presented})")]
    NotValidForName {
        /// The names it holds, comma-separated (empty when rustls did not say).
        presented: String,
    },
    /// It has expired.
    #[error("it has expired")]
    Expired,
    /// It is not valid yet.
    #[error("it is not valid yet")]
    NotValidYet,
    /// It was revoked.
    #[error("it was revoked")]
    Revoked,
    /// Its signature does not verify.
    #[error("its signature does not verify")]
    BadSignature,
    /// It cannot be used to identify a server (its key usage forbids it).
    #[error("it is not meant to identify a server")]
    InvalidPurpose,
    /// Anything else rustls refused it for.
    #[error("{0}")]
    Other(String),
}

impl CertificateProblem {
    fn of(error: &CertificateError) -> CertificateProblem {
        match error {
            CertificateError::UnknownIssuer => CertificateProblem::UnknownIssuer,
            CertificateError::NotValidForName => {
                CertificateProblem::NotValidForName { presented: String::new() }
            }
            CertificateError::NotValidForNameContext { presented, .. } => {
                CertificateProblem::NotValidForName { presented: presented.join(", ") }
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                CertificateProblem::Expired
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                CertificateProblem::NotValidYet
            }
            CertificateError::Revoked => CertificateProblem::Revoked,
            CertificateError::BadSignature => CertificateProblem::BadSignature,
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                CertificateProblem::InvalidPurpose
            }
            other => CertificateProblem::Other(other.to_string()),
        }
    }
}

/// Why the store will not connect as configured, or why TLS with the server failed.
#[derive(Debug, thiserror::Error)]
pub enum PostgresTlsError {
    /// `prefer` or `allow`: they fall back to a connection in clear.
    #[error(
        "sslmode={mode} is refused: it falls back to a connection in clear whenever the server \
         declines TLS, and whoever sits on the path can decline for it; use sslmode=verify-full \
         with sslrootcert=FILE (or verify-ca, or require), or sslmode=disable to say the \
         connection is in clear"
    )]
    InsecureMode {
        /// The mode asked for.
        mode: String,
    },
    /// A mode libpq does not know.
    #[error("sslmode={mode} is not a mode: use disable, require, verify-ca or verify-full")]
    UnknownMode {
        /// The mode asked for.
        mode: String,
    },
    /// A verifying mode without roots to verify against.
    #[error("sslmode={} needs sslrootcert=FILE, the root certificates the server's is checked against", mode.as_str())]
    RootCertMissing {
        /// The mode.
        mode: SslMode,
    },
    /// Roots given with a mode that does not check the certificate.
    #[error(
        "sslrootcert is given but sslmode={} does not check the server's certificate: use \
         sslmode=verify-full (or verify-ca)",
        mode.as_str()
    )]
    RootCertUnused {
        /// The mode in force.
        mode: SslMode,
    },
    /// The connection string and the configuration say different things.
    #[error(
        "{setting} is `{in_url}` in the connection string but `{in_config}` in the \
         configuration: give it once, or the same in both"
    )]
    Conflict {
        /// `sslmode` or `sslrootcert`.
        setting: &'static str,
        /// What the connection string says.
        in_url: String,
        /// What the configuration says.
        in_config: String,
    },
    /// A parameter of the connection string cannot be read.
    #[error("the connection string's {parameter}: {reason}")]
    InvalidParameter {
        /// The parameter.
        parameter: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The roots file cannot be read.
    #[error("sslrootcert {}: {source}", path.display())]
    RootCertUnreadable {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The roots file holds no usable certificate.
    #[error("sslrootcert {}: {reason}", path.display())]
    RootCertInvalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The server's certificate was refused during the handshake.
    #[error("the PostgreSQL server's TLS certificate is refused: {problem}")]
    CertificateRefused {
        /// What is wrong with it.
        problem: CertificateProblem,
    },
    /// The TLS handshake failed for another reason.
    #[error("TLS with the PostgreSQL server failed: {reason}")]
    Handshake {
        /// What failed.
        reason: String,
    },
    /// `channel_binding=require` without TLS: there is no channel to bind to.
    #[error(
        "channel_binding=require binds the password exchange to the TLS session, and \
         sslmode=disable has none: use sslmode=verify-full with sslrootcert=FILE (or \
         verify-ca, or require)"
    )]
    ChannelBindingWithoutTls,
    /// `channel_binding=require`, and the server let the store in without binding its
    /// password exchange (SCRAM-SHA-256-PLUS) to the TLS session: it asked for no password,
    /// or for one without channel binding. Whoever answers may not be the server that knows
    /// the password.
    #[error(
        "channel_binding=require, but the PostgreSQL server did not authenticate with \
         channel binding (SCRAM-SHA-256-PLUS): it asked for no password or for one without \
         it; have pg_hba.conf ask for scram-sha-256 on hostssl lines, or leave \
         channel_binding out"
    )]
    ChannelBindingNotUsed,
}

/// Takes `sslmode` and `sslrootcert` out of the connection string (tokio-postgres knows
/// only some of libpq's modes and no `sslrootcert`), merges them with the configuration's
/// and checks them together. Returns the connection string without them and the settings
/// in force.
pub fn resolve(
    url: &str,
    configured: &PostgresTls,
) -> Result<(String, TlsSettings), PostgresTlsError> {
    let (rest, in_url) = split_tls_parameters(url)?;
    let url_mode = in_url.mode.as_deref().map(SslMode::parse).transpose()?;
    let mode = match (url_mode, configured.mode) {
        (Some(in_url), Some(in_config)) if in_url != in_config => {
            return Err(PostgresTlsError::Conflict {
                setting: "sslmode",
                in_url: in_url.as_str().to_owned(),
                in_config: in_config.as_str().to_owned(),
            });
        }
        (Some(mode), _) | (None, Some(mode)) => mode,
        (None, None) => SslMode::Disable,
    };
    let url_root = in_url.root_cert.map(PathBuf::from);
    let root_cert = match (url_root, &configured.root_cert) {
        (Some(in_url), Some(in_config)) if &in_url != in_config => {
            return Err(PostgresTlsError::Conflict {
                setting: "sslrootcert",
                in_url: in_url.display().to_string(),
                in_config: in_config.display().to_string(),
            });
        }
        (Some(path), _) => Some(path),
        (None, configured) => configured.clone(),
    };
    match (mode.verifies(), &root_cert) {
        (true, None) => return Err(PostgresTlsError::RootCertMissing { mode }),
        (false, Some(_)) => return Err(PostgresTlsError::RootCertUnused { mode }),
        _ => {}
    }
    Ok((rest, TlsSettings { mode, root_cert }))
}

/// The raw values of the TLS parameters a connection string holds.
#[derive(Debug, Default, PartialEq, Eq)]
struct UrlTls {
    mode: Option<String>,
    root_cert: Option<String>,
}

const SSLMODE: &str = "sslmode";
const SSLROOTCERT: &str = "sslrootcert";

fn split_tls_parameters(url: &str) -> Result<(String, UrlTls), PostgresTlsError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        split_url(url)
    } else {
        split_key_value(url)
    }
}

/// The URL form: `postgres://user@host/db?sslmode=verify-full&sslrootcert=...`, each key
/// and value percent-encoded. The last of a repeated parameter counts, as in libpq.
fn split_url(url: &str) -> Result<(String, UrlTls), PostgresTlsError> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), UrlTls::default()));
    };
    let mut found = UrlTls::default();
    let mut kept = Vec::new();
    for parameter in query.split('&') {
        let (key, value) = parameter.split_once('=').unwrap_or((parameter, ""));
        let decode = |name: &'static str, text: &str| {
            percent_decode(text).ok_or_else(|| PostgresTlsError::InvalidParameter {
                parameter: name,
                reason: format!("`{text}` is not valid percent-encoded UTF-8"),
            })
        };
        match percent_decode(key).as_deref() {
            Some(SSLMODE) => found.mode = Some(decode(SSLMODE, value)?),
            Some(SSLROOTCERT) => found.root_cert = Some(decode(SSLROOTCERT, value)?),
            _ => kept.push(parameter),
        }
    }
    let rest = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
    Ok((rest, found))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let high = char::from(*bytes.get(at + 1)?).to_digit(16)?;
            let low = char::from(*bytes.get(at + 2)?).to_digit(16)?;
            decoded.push(u8::try_from(high * 16 + low).ok()?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The key=value form: `host=db user=passage sslmode=verify-full sslrootcert='/etc/a b.pem'`,
/// a value quoted with `'` when it holds spaces, `\` escaping the next character. A string
/// that does not follow the form is left whole, for tokio-postgres to refuse with its reason.
fn split_key_value(text: &str) -> Result<(String, UrlTls), PostgresTlsError> {
    let mut found = UrlTls::default();
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    let bytes = text.as_bytes();
    let skip_spaces = |mut at: usize| {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    while at < bytes.len() {
        let start = at;
        let key_start = skip_spaces(at);
        if key_start == bytes.len() {
            rest.push_str(&text[start..]);
            break;
        }
        let mut key_end = key_start;
        while key_end < bytes.len()
            && bytes[key_end] != b'='
            && !bytes[key_end].is_ascii_whitespace()
        {
            key_end += 1;
        }
        let equals = skip_spaces(key_end);
        if bytes.get(equals) != Some(&b'=') {
            return Ok((text.to_owned(), UrlTls::default()));
        }
        let value_start = skip_spaces(equals + 1);
        let mut value = Vec::new();
        let mut end = value_start;
        if bytes.get(end) == Some(&b'\'') {
            end += 1;
            loop {
                match bytes.get(end) {
                    None => return Ok((text.to_owned(), UrlTls::default())),
                    Some(b'\'') => {
                        end += 1;
                        break;
                    }
                    Some(b'\\') if end + 1 < bytes.len() => {
                        value.push(bytes[end + 1]);
                        end += 2;
                    }
                    Some(&byte) => {
                        value.push(byte);
                        end += 1;
                    }
                }
            }
        } else {
            while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
                if bytes[end] == b'\\' && end + 1 < bytes.len() {
                    end += 1;
                }
                value.push(bytes[end]);
                end += 1;
            }
        }
        let value = String::from_utf8(value).map_err(|_| PostgresTlsError::InvalidParameter {
            parameter: "value",
            reason: "not UTF-8".into(),
        })?;
        match &text[key_start..key_end] {
            SSLMODE => found.mode = Some(value),
            SSLROOTCERT => found.root_cert = Some(value),
            _ => rest.push_str(&text[start..end]),
        }
        at = end;
    }
    Ok((rest.trim().to_owned(), found))
}

/// How the store's connections are made: in clear, or over rustls with the settings'
/// verification.
#[derive(Clone)]
pub(crate) enum Connector {
    Cleartext,
    Tls(MakeRustlsConnect),
}

impl Connector {
    /// The connector for `settings`, its roots read and checked now.
    pub(crate) fn new(settings: &TlsSettings) -> Result<Connector, PostgresTlsError> {
        if settings.mode == SslMode::Disable {
            return Ok(Connector::Cleartext);
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = match &settings.root_cert {
            None => Arc::new(NameNotChecked { roots: None, provider: provider.clone() }),
            Some(path) => {
                let roots = Arc::new(read_roots(path)?);
                match settings.mode {
                    SslMode::VerifyFull => {
                        WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                            .build()
                            .map_err(|error| PostgresTlsError::RootCertInvalid {
                                path: path.clone(),
                                reason: error.to_string(),
                            })?
                    }
                    _ => {
                        Arc::new(NameNotChecked { roots: Some(roots), provider: provider.clone() })
                    }
                }
            }
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| PostgresTlsError::Handshake { reason: error.to_string() })?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Connector::Tls(MakeRustlsConnect::new(config)))
    }

    /// The mode tokio-postgres is told: TLS or nothing, never its fallback.
    pub(crate) fn ssl_mode(&self) -> tokio_postgres::config::SslMode {
        match self {
            Connector::Cleartext => tokio_postgres::config::SslMode::Disable,
            Connector::Tls(_) => tokio_postgres::config::SslMode::Require,
        }
    }

    /// A connection outside the pool, its driver running on the runtime until the client
    /// drops.
    pub(crate) async fn connect(
        &self,
        config: &tokio_postgres::Config,
    ) -> Result<Client, StoreError> {
        let (client, connection) = match self {
            Connector::Cleartext => {
                let (client, connection) = config.connect(NoTls).await?;
                (client, tokio::spawn(connection))
            }
            Connector::Tls(tls) => {
                let (client, connection) = config.connect(tls.clone()).await.map_err(refusal)?;
                (client, tokio::spawn(connection))
            }
        };
        tokio::spawn(async move {
            if let Ok(Err(error)) = connection.await {
                tracing::warn!(%error, "a PostgreSQL connection ended with an error");
            }
        });
        Ok(client)
    }

    /// The pool's manager, connecting as [`Connector::connect`] does.
    pub(crate) fn manager(
        &self,
        config: tokio_postgres::Config,
        manager_config: ManagerConfig,
    ) -> Manager {
        match self {
            Connector::Cleartext => Manager::from_config(config, NoTls, manager_config),
            Connector::Tls(tls) => Manager::from_config(config, tls.clone(), manager_config),
        }
    }
}

/// A connection error, as [`PostgresTlsError::CertificateRefused`] or
/// [`PostgresTlsError::Handshake`] when rustls refused the handshake. rustls's error sits
/// inside an `io::Error` (tokio-rustls), itself the cause of tokio-postgres's.
fn refusal(error: tokio_postgres::Error) -> StoreError {
    // tokio-postgres says so only in words (its error kinds are private): an authentication
    // error "server did not use channel binding", raised only under `channel_binding=require`.
    // The words sit in the error or in one of its causes, as the version words it.
    let mut said: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(current) = said {
        if current.to_string().contains("did not use channel binding") {
            return PostgresTlsError::ChannelBindingNotUsed.into();
        }
        said = current.source();
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(&error);
    while let Some(current) = cause {
        let tls = current.downcast_ref::<rustls::Error>().or_else(|| {
            current
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        match tls {
            Some(rustls::Error::InvalidCertificate(problem)) => {
                let problem = CertificateProblem::of(problem);
                return PostgresTlsError::CertificateRefused { problem }.into();
            }
            Some(other) => {
                return PostgresTlsError::Handshake { reason: other.to_string() }.into();
            }
            None => cause = current.source(),
        }
    }
    StoreError::Postgres(error)
}

fn read_roots(path: &Path) -> Result<RootCertStore, PostgresTlsError> {
    use std::io::Read as _;
    let unreadable =
        |source| PostgresTlsError::RootCertUnreadable { path: path.to_owned(), source };
    let invalid =
        |reason: String| PostgresTlsError::RootCertInvalid { path: path.to_owned(), reason };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut pem = Vec::new();
    file.take(ROOT_CERT_FILE_BYTES_MAX + 1).read_to_end(&mut pem).map_err(unreadable)?;
    if pem.len() as u64 > ROOT_CERT_FILE_BYTES_MAX {
        return Err(invalid(format!("larger than {ROOT_CERT_FILE_BYTES_MAX} bytes")));
    }
    let mut roots = RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(&pem) {
        let certificate =
            certificate.map_err(|error| invalid(format!("not a PEM certificate: {error}")))?;
        roots
            .add(certificate)
            .map_err(|error| invalid(format!("not a usable root certificate: {error}")))?;
    }
    if roots.is_empty() {
        return Err(invalid("holds no PEM certificate".into()));
    }
    Ok(roots)
}

/// The verifier of the modes that do not check the server's name: `verify-ca` (`roots`:
/// the certificate must chain to one of them and be valid now, whatever name it holds) and
/// `require` (no roots: any certificate, as libpq does in this mode). Either way the
/// handshake's own signatures are checked, so the session's keys are the certificate
/// holder's.
#[derive(Debug)]
struct NameNotChecked {
    roots: Option<Arc<RootCertStore>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for NameNotChecked {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Some(roots) = &self.roots {
            let certificate = rustls::server::ParsedCertificate::try_from(end_entity)?;
            verify_server_cert_signed_by_trust_anchor(
                &certificate,
                roots,
                intermediates,
                now,
                self.provider.signature_verification_algorithms.all,
            )?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, certificate, signature, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, certificate, signature, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// Whether the store connects in clear to a host other than the loopback or a local socket,
/// which the operator may not have meant.
pub(crate) fn cleartext_to_remote_host(config: &tokio_postgres::Config) -> bool {
    use tokio_postgres::config::Host;
    config.get_hosts().iter().any(|host| match host {
        Host::Tcp(name) => {
            let loopback = name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
            !(loopback || name == "localhost")
        }
        #[cfg(unix)]
        Host::Unix(_) => false,
    }) || config.get_hostaddrs().iter().any(|ip| !ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves `url` with the configuration's `mode` and `root`, rendered as the URL left
    /// and the settings, or the refusal.
    fn check(url: &str, mode: Option<&str>, root: Option<&str>, expect: expect_test::Expect) {
        let configured = PostgresTls {
            mode: mode.map(|mode| SslMode::parse(mode).expect("a mode the test means")),
            root_cert: root.map(PathBuf::from),
        };
        let rendered = match resolve(url, &configured) {
            Ok((rest, settings)) => format!(
                "{rest} | {} {}",
                settings.mode.as_str(),
                settings.root_cert.map(|path| path.display().to_string()).unwrap_or_default()
            ),
            Err(error) => format!("refused: {error}"),
        };
        expect.assert_eq(&rendered);
    }

    #[test]
    fn the_modes_and_roots_of_url_and_configuration_merge_or_are_refused() {
        use expect_test::expect;
        check("postgres://p@db/x", None, None, expect!["postgres://p@db/x | disable "]);
        check(
            "postgres://p@db/x?sslmode=verify-full&sslrootcert=%2Fetc%2Froot.pem&application_name=a",
            None,
            None,
            expect!["postgres://p@db/x?application_name=a | verify-full /etc/root.pem"],
        );
        check(
            "postgres://p@db/x?connect_timeout=3&sslmode=verify-ca",
            None,
            Some("/r.pem"),
            expect!["postgres://p@db/x?connect_timeout=3 | verify-ca /r.pem"],
        );
        check("postgres://p@db/x", Some("require"), None, expect!["postgres://p@db/x | require "]);
        check(
            "host=db user=p sslmode = verify-full sslrootcert='/a dir/r\\'s.pem' dbname=x",
            None,
            None,
            expect!["host=db user=p dbname=x | verify-full /a dir/r's.pem"],
        );
        check(
            "postgres://p@db/x?sslmode=prefer",
            None,
            None,
            expect![
                "refused: sslmode=prefer is refused: it falls back to a connection in clear whenever the server declines TLS, and whoever sits on the path can decline for it; use sslmode=verify-full with sslrootcert=FILE (or verify-ca, or require), or sslmode=disable to say the connection is in clear"
            ],
        );
        check(
            "host=db sslmode=allow",
            None,
            None,
            expect![
                "refused: sslmode=allow is refused: it falls back to a connection in clear whenever the server declines TLS, and whoever sits on the path can decline for it; use sslmode=verify-full with sslrootcert=FILE (or verify-ca, or require), or sslmode=disable to say the connection is in clear"
            ],
        );
        check(
            "postgres://p@db/x?sslmode=verify",
            None,
            None,
            expect![
                "refused: sslmode=verify is not a mode: use disable, require, verify-ca or verify-full"
            ],
        );
        check(
            "postgres://p@db/x?sslmode=verify-full",
            None,
            None,
            expect![
                "refused: sslmode=verify-full needs sslrootcert=FILE, the root certificates the server's is checked against"
            ],
        );
        check(
            "postgres://p@db/x?sslrootcert=/r.pem",
            None,
            None,
            expect![
                "refused: sslrootcert is given but sslmode=disable does not check the server's certificate: use sslmode=verify-full (or verify-ca)"
            ],
        );
        check(
            "postgres://p@db/x?sslmode=require",
            Some("verify-full"),
            Some("/r.pem"),
            expect![
                "refused: sslmode is `require` in the connection string but `verify-full` in the configuration: give it once, or the same in both"
            ],
        );
        check(
            "postgres://p@db/x?sslrootcert=/a.pem",
            Some("verify-ca"),
            Some("/b.pem"),
            expect![
                "refused: sslrootcert is `/a.pem` in the connection string but `/b.pem` in the configuration: give it once, or the same in both"
            ],
        );
        check(
            "postgres://p@db/x?sslrootcert=%ZZ",
            Some("verify-ca"),
            None,
            expect![
                "refused: the connection string's sslrootcert: `%ZZ` is not valid percent-encoded UTF-8"
            ],
        );
    }

    #[test]
    fn a_roots_file_that_holds_no_certificate_is_refused_naming_it() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("roots.pem");
        std::fs::write(&path, "not a certificate\n").expect("written");
        let settings = TlsSettings { mode: SslMode::VerifyFull, root_cert: Some(path.clone()) };
        let Err(error) = Connector::new(&settings) else {
            panic!("an empty roots file is refused")
        };
        assert!(
            matches!(&error, PostgresTlsError::RootCertInvalid { path: named, .. } if named == &path),
            "{error}"
        );
        let missing = TlsSettings {
            mode: SslMode::VerifyCa,
            root_cert: Some(folder.path().join("missing.pem")),
        };
        let Err(error) = Connector::new(&missing) else {
            panic!("a missing roots file is refused")
        };
        assert!(matches!(error, PostgresTlsError::RootCertUnreadable { .. }), "{error}");
    }
}
