//! The post terminal: static HTML, CSS and JavaScript compiled into the binary, served
//! under `/terminal/`, with which people at the corridor (officers at the posts,
//! monitors, carriers) keep a signing key in their browser and record acts with it.
//!
//! The browser builds each statement's canonical bytes itself (`terminal/encoding.js`,
//! checked byte for byte against the core's test vectors in `terminal/test/`), shows the
//! person what they are about to sign in words, signs with a key that never leaves the
//! browser (WebCrypto Ed25519, kept non-extractable in IndexedDB) and submits it to
//! `POST /v1/statements` with the openings of its commitments. The node never hands the
//! page bytes to sign: it is a client of the public API like any other. Signed acts wait
//! in the browser until the node answers them, and are sent in order; a service worker
//! (`terminal/sw.js`) keeps the page's files, so the terminal opens at a post without a
//! network.
//!
//! The answers carry the dashboard's Content-Security-Policy (no inline script, nothing
//! from another origin) and its other headers. The texts come from the translation files
//! (`passage-i18n`, `terminal.ftl`), served as `/terminal/texts/{language}.json`.

use crate::dashboard::{Asset, PageTexts, answer_asset, respond};
use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

/// The page itself (served at `/terminal` and `/terminal/`).
pub const INDEX: Asset = Asset {
    name: "index.html",
    content_type: "text/html; charset=utf-8",
    body: include_str!("../terminal/index.html"),
};

/// Every file of the terminal the browser loads. The tests and `package.json` (which
/// tells Node's test runner that the scripts are ES modules) are not served.
pub const ASSETS: [Asset; 5] = [
    INDEX,
    Asset {
        name: "terminal.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../terminal/terminal.js"),
    },
    Asset {
        name: "encoding.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../terminal/encoding.js"),
    },
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../terminal/style.css"),
    },
    Asset {
        name: "sw.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../terminal/sw.js"),
    },
];

/// The terminal's routes, to merge into the API's router.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/terminal", get(index))
        .route("/terminal/", get(index))
        .route("/terminal/{name}", get(asset))
        .route("/terminal/texts/{file}", get(texts))
}

/// The terminal's texts per language, as JSON, built once from the translation files.
static TEXTS: PageTexts = PageTexts::new("terminal", passage_i18n::Area::Terminal);

async fn texts(Path(file): Path<String>) -> Response {
    TEXTS.answer(&file)
}

async fn index() -> Response {
    respond(StatusCode::OK, INDEX.content_type, INDEX.body)
}

async fn asset(Path(name): Path<String>) -> Response {
    answer_asset("terminal", &ASSETS, &name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;
    use tower::ServiceExt as _;

    async fn get(path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        let request = axum::http::Request::builder()
            .uri(path)
            .body(axum::body::Body::empty())
            .expect("a request");
        let response = router::<()>().oneshot(request).await.expect("an answer");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        (status, headers, String::from_utf8(body.to_vec()).expect("text"))
    }

    #[tokio::test]
    async fn every_file_is_served_with_its_type_and_the_security_policy() {
        for (path, status, content_type) in [
            ("/terminal", StatusCode::OK, "text/html; charset=utf-8"),
            ("/terminal/", StatusCode::OK, "text/html; charset=utf-8"),
            ("/terminal/terminal.js", StatusCode::OK, "text/javascript; charset=utf-8"),
            ("/terminal/encoding.js", StatusCode::OK, "text/javascript; charset=utf-8"),
            ("/terminal/style.css", StatusCode::OK, "text/css; charset=utf-8"),
            ("/terminal/sw.js", StatusCode::OK, "text/javascript; charset=utf-8"),
            ("/terminal/texts/hy.json", StatusCode::OK, "application/json"),
            ("/terminal/texts/az.json", StatusCode::OK, "application/json"),
            ("/terminal/texts/ru.json", StatusCode::OK, "application/json"),
            ("/terminal/texts/en.json", StatusCode::OK, "application/json"),
            ("/terminal/texts/fr.json", StatusCode::NOT_FOUND, "text/plain; charset=utf-8"),
            // The tests, the vectors and the module marker are not part of the page.
            ("/terminal/package.json", StatusCode::NOT_FOUND, "text/plain; charset=utf-8"),
            ("/terminal/vectors.json", StatusCode::NOT_FOUND, "text/plain; charset=utf-8"),
        ] {
            let (found, headers, body) = get(path).await;
            assert_eq!(found, status, "{path}");
            assert_eq!(headers[header::CONTENT_TYPE], content_type, "{path}");
            assert_eq!(
                headers[header::CONTENT_SECURITY_POLICY],
                crate::dashboard::CONTENT_SECURITY_POLICY
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(!body.is_empty(), "{path}");
        }
        let (_, _, russian) = get("/terminal/texts/ru.json").await;
        let russian: serde_json::Value = serde_json::from_str(&russian).expect("JSON");
        assert_eq!(russian["terminal-post"], "Пост");
        let (_, _, page) = get("/terminal/").await;
        assert!(page.contains(r#"<script type="module" src="/terminal/terminal.js"></script>"#));
    }

    /// The files name no other origin, hold no inline script, style or event handler, and
    /// speak the glossary's words.
    #[test]
    fn the_files_request_nothing_elsewhere_and_speak_the_glossary() {
        for asset in ASSETS {
            for forbidden in ["http://", "https://", "//cdn", "@import", "url(", "eval("] {
                assert!(!asset.body.contains(forbidden), "{} holds `{forbidden}`", asset.name);
            }
            for word in ["checkpoint post", "border checkpoint", "innerhtml"] {
                assert!(!asset.body.to_lowercase().contains(word), "{} says `{word}`", asset.name);
            }
        }
        let page = INDEX.body.to_lowercase();
        for forbidden in [" style=", " onclick=", " onload=", " onsubmit=", "<style", "javascript:"]
        {
            assert!(!page.contains(forbidden), "index.html holds `{forbidden}`");
        }
        assert_eq!(page.matches("<script").count(), 1, "one script, from a file");
    }
}
