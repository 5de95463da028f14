//! PostgreSQL over TLS against the test server: with the server's own certificate as the
//! root the store's sessions are encrypted (as the server reports them, not as the client
//! believes), and with a root that signed nothing the server presents, or a host its
//! certificate does not name, the store refuses to connect and says why. They run when
//! `PASSAGE_TEST_POSTGRES_URL` is set and the server has `ssl = on`; otherwise they say
//! loudly that they were skipped (a test does not change the server's configuration).

use std::path::PathBuf;

use passage_store::postgres_tls::{CertificateProblem, PostgresTls, PostgresTlsError, SslMode};
use passage_store::{PostgresConfig, PostgresStore, StoreError};

use crate::common::{PostgresHarness, run_postgres};

/// A root certificate made once for these tests, whose key was thrown away: it signed no
/// server's certificate.
const UNRELATED_ROOT: &str = "tests/store/fixtures/unrelated-root.pem";

fn skip(test: &str, reason: &str) {
    // To the process's stderr, which the harness does not capture: a skip must be seen.
    let message = format!("SKIPPED {test} (PostgreSQL over TLS): {reason}\n");
    std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes()).unwrap();
}

/// The file of the certificate the test server presents, or `None` after saying why the
/// test cannot run (TLS off, or the file not readable here).
async fn server_certificate(harness: &PostgresHarness, test: &str) -> Option<PathBuf> {
    let admin = harness.admin().await;
    let ssl: String = admin.query_one("SHOW ssl", &[]).await.unwrap().get(0);
    if ssl != "on" {
        skip(test, "the server runs with ssl = off; turn it on (Debian's default) to run it");
        return None;
    }
    let file: String = admin.query_one("SHOW ssl_cert_file", &[]).await.unwrap().get(0);
    let path = PathBuf::from(file);
    if std::fs::metadata(&path).is_err() {
        let reason = format!("the server's certificate {} cannot be read here", path.display());
        skip(test, &reason);
        return None;
    }
    Some(path)
}

fn config(harness: &PostgresHarness, mode: SslMode, root: PathBuf) -> PostgresConfig {
    PostgresConfig {
        tls: PostgresTls { mode: Some(mode), root_cert: Some(root) },
        ..harness.config()
    }
}

#[tokio::test]
async fn postgres_with_the_servers_root_every_session_is_tls() {
    let test = "postgres_with_the_servers_root_every_session_is_tls";
    run_postgres(test, |harness| async move {
        let Some(root) = server_certificate(&harness, test).await else { return };
        // The certificate may name a host other than the loopback address: verify-ca.
        let store = PostgresStore::open(config(&harness, SslMode::VerifyCa, root)).await.unwrap();
        let version = store.session_tls_version().await.unwrap();
        assert!(version.is_some(), "the server sees a session in clear");
        // The same question asked of a store in clear answers no: the check can fail.
        let clear = PostgresStore::open(harness.config()).await.unwrap();
        assert_eq!(clear.session_tls_version().await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn attack_postgres_presenting_a_certificate_no_configured_root_signed_is_refused() {
    let test = "attack_postgres_presenting_a_certificate_no_configured_root_signed_is_refused";
    run_postgres(test, |harness| async move {
        if server_certificate(&harness, test).await.is_none() {
            return;
        }
        for mode in [SslMode::VerifyCa, SslMode::VerifyFull] {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(UNRELATED_ROOT);
            let error = PostgresStore::open(config(&harness, mode, root)).await.unwrap_err();
            assert!(
                matches!(
                    error,
                    StoreError::PostgresTls(PostgresTlsError::CertificateRefused {
                        problem: CertificateProblem::UnknownIssuer
                    })
                ),
                "{mode:?}: {error}"
            );
            assert_eq!(
                error.to_string(),
                "the PostgreSQL server's TLS certificate is refused: it is not signed by a root \
                 certificate of sslrootcert"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn attack_postgres_certificate_for_another_host_is_refused_by_verify_full() {
    let test = "attack_postgres_certificate_for_another_host_is_refused_by_verify_full";
    run_postgres(test, |harness| async move {
        let Some(root) = server_certificate(&harness, test).await else { return };
        // The test server's certificate (Debian's snakeoil) names a host name, not the
        // address connected to: verify-ca takes it (above), verify-full must not.
        match PostgresStore::open(config(&harness, SslMode::VerifyFull, root)).await {
            Err(StoreError::PostgresTls(PostgresTlsError::CertificateRefused {
                problem: CertificateProblem::NotValidForName { .. },
            })) => {}
            Err(error) => panic!("refused for another reason: {error}"),
            Ok(_) => skip(test, "the server's certificate names the address connected to"),
        }
    })
    .await;
}

#[tokio::test]
async fn postgres_sslmode_prefer_is_refused_before_any_connection() {
    // An address where nothing listens: the refusal comes from the configuration alone.
    for url in [
        "postgres://postgres@127.0.0.1:9/test?sslmode=prefer",
        "host=127.0.0.1 port=9 user=postgres sslmode=allow",
    ] {
        let error = PostgresStore::open(PostgresConfig::new(url)).await.unwrap_err();
        assert!(
            matches!(error, StoreError::PostgresTls(PostgresTlsError::InsecureMode { .. })),
            "{url}: {error}"
        );
    }
}

/// The URL of `harness` with `channel_binding=require` added.
fn requiring_channel_binding(url: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}channel_binding=require")
}

#[tokio::test]
async fn attack_postgres_letting_the_store_in_without_channel_binding_is_refused_when_required() {
    let test =
        "attack_postgres_letting_the_store_in_without_channel_binding_is_refused_when_required";
    run_postgres(test, |harness| async move {
        let Some(root) = server_certificate(&harness, test).await else { return };
        // The test server lets its clients in without a password (trust), as a server
        // posing as the real one would: nothing binds the session to a password's owner.
        let posing = config(&harness, SslMode::VerifyCa, root);
        let required =
            PostgresConfig { url: requiring_channel_binding(&posing.url), ..posing.clone() };
        let Err(error) = PostgresStore::open(required).await else { panic!("refused") };
        assert!(
            matches!(error, StoreError::PostgresTls(PostgresTlsError::ChannelBindingNotUsed)),
            "{error}"
        );
        assert!(
            error.to_string().starts_with("channel_binding=require, but the PostgreSQL server")
        );
        // Without the requirement the same server is taken: the refusal is the setting's.
        PostgresStore::open(posing).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn postgres_channel_binding_required_without_tls_is_refused_before_any_connection() {
    // An address where nothing listens: the refusal comes from the configuration alone.
    for url in [
        "postgres://postgres@127.0.0.1:9/test?channel_binding=require",
        "host=127.0.0.1 port=9 user=postgres sslmode=disable channel_binding=require",
    ] {
        let Err(error) = PostgresStore::open(PostgresConfig::new(url)).await else {
            panic!("refused")
        };
        assert!(
            matches!(error, StoreError::PostgresTls(PostgresTlsError::ChannelBindingWithoutTls)),
            "{url}: {error}"
        );
    }
}

/// A server that asks for SCRAM over TLS, as `PASSAGE_TEST_POSTGRES_SCRAM_URL` names it
/// (user and password included; `pg_hba.conf` with `hostssl ... scram-sha-256`, and the
/// same user let in without TLS by `host ... trust`, through which the schema is dropped).
const SCRAM_URL_VARIABLE: &str = "PASSAGE_TEST_POSTGRES_SCRAM_URL";

#[tokio::test]
async fn postgres_scram_over_tls_binds_the_password_exchange_to_the_tls_session() {
    let test = "postgres_scram_over_tls_binds_the_password_exchange_to_the_tls_session";
    let Ok(url) = std::env::var(SCRAM_URL_VARIABLE) else {
        skip(
            test,
            &format!("{SCRAM_URL_VARIABLE} is not set (a server asking for SCRAM over TLS)"),
        );
        return;
    };
    let harness = crate::common::PostgresHarness::new(url, "scram");
    // sslmode=require: the certificate unchecked, so only the binding ties the session to
    // the server that knows the password. tokio-postgres refuses `require` unless the
    // exchange was SCRAM-SHA-256-PLUS with the server's certificate's hash.
    let tls = PostgresTls { mode: Some(SslMode::Require), root_cert: None };
    let config =
        PostgresConfig { url: requiring_channel_binding(&harness.url), tls, ..harness.config() };
    let outcome = PostgresStore::open(config).await;
    harness.drop_schema().await;
    let store = outcome.unwrap();
    assert!(store.session_tls_version().await.unwrap().is_some(), "a session in clear");
}
