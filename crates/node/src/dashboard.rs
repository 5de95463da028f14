//! The public dashboard: static HTML, CSS and JavaScript compiled into the binary, served
//! at `/` and under `/dashboard/`, reading only the node's public JSON API.
//!
//! The pages make no request to another origin and run no inline script: every answer
//! carries a Content-Security-Policy that forbids both, so a value from the log that slips
//! into the page as markup still cannot run. Text from the API enters the page through
//! `textContent` only.
//!
//! The page folds nothing the API folds already (figures per hour and per day come from
//! `/v1/statistics/periods`, queues per post from `/v1/statistics`) and its updates are
//! bounded: one at a time, every 5 s while the page is visible, doubling up to 60 s after
//! failures, stopped while the tab is hidden or the reader pauses them, each a fixed set of
//! requests whatever the log's size. Movement and entry pages are `#/movements/{mrn}` and
//! `#/entries/{index}` in the address, so they can be shared.
//!
//! Every text the page shows comes from the translation files (`passage-i18n`,
//! `dashboard.ftl`), served as `/dashboard/texts/{language}.json` in the small form the
//! page's reader understands; the reader's choice of language is kept in the browser.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The policy of every dashboard answer: scripts, styles, images and API calls from this
/// origin only; no inline script or style, no plugins, no framing, forms post here only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// One file of the dashboard.
#[derive(Clone, Copy, Debug)]
pub struct Asset {
    /// Name under `/dashboard/`.
    pub name: &'static str,
    /// Media type.
    pub content_type: &'static str,
    /// Contents.
    pub body: &'static str,
}

/// The page itself (served at `/` and `/dashboard/`).
pub const INDEX: Asset = Asset {
    name: "index.html",
    content_type: "text/html; charset=utf-8",
    body: include_str!("../dashboard/index.html"),
};

/// Every file of the dashboard.
pub const ASSETS: [Asset; 4] = [
    INDEX,
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../dashboard/app.js"),
    },
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../dashboard/style.css"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        body: include_str!("../dashboard/icon.svg"),
    },
];

/// The dashboard's routes, to merge into the API's router.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(index))
        .route("/dashboard", get(index))
        .route("/dashboard/", get(index))
        .route("/dashboard/{name}", get(asset))
        .route("/dashboard/texts/{file}", get(texts))
}

/// The dashboard's texts per language, as JSON, built once from the translation files.
static TEXTS: PageTexts = PageTexts::new("dashboard", passage_i18n::Area::Dashboard);

async fn texts(Path(file): Path<String>) -> Response {
    TEXTS.answer(&file)
}

async fn index() -> Response {
    respond(StatusCode::OK, INDEX.content_type, INDEX.body)
}

async fn asset(Path(name): Path<String>) -> Response {
    answer_asset("dashboard", &ASSETS, &name)
}

/// One of the node's pages' texts in every language, as the JSON the page's reader takes,
/// built from the translation files once, on the first request.
pub(crate) struct PageTexts {
    /// The page, as its error answers name it.
    page: &'static str,
    area: passage_i18n::Area,
    built: std::sync::OnceLock<Vec<(passage_i18n::Language, Result<String, String>)>>,
}

impl PageTexts {
    /// The texts of `area`, for the page `page`.
    pub(crate) const fn new(page: &'static str, area: passage_i18n::Area) -> PageTexts {
        PageTexts { page, area, built: std::sync::OnceLock::new() }
    }

    /// The answer to `GET .../texts/{file}`: `hy.json`, `az.json`, `ru.json` or `en.json`.
    pub(crate) fn answer(&self, file: &str) -> Response {
        let built = self.built.get_or_init(|| {
            passage_i18n::Language::ALL
                .into_iter()
                .map(|language| {
                    let json = passage_i18n::browser_area_texts(language, self.area)
                        .map_err(|e| e.to_string())
                        .and_then(|texts| serde_json::to_string(&texts).map_err(|e| e.to_string()));
                    (language, json)
                })
                .collect()
        });
        let found = file
            .strip_suffix(".json")
            .and_then(|code| built.iter().find(|(language, _)| language.code() == code));
        match found {
            Some((_, Ok(json))) => respond_with(StatusCode::OK, "application/json", json.clone()),
            Some((language, Err(reason))) => {
                // The translation crate's tests keep this from happening; say so if it does.
                tracing::error!(
                    language = language.code(),
                    reason,
                    page = self.page,
                    "the page's texts do not build"
                );
                respond_with(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "text/plain; charset=utf-8",
                    format!("The {}'s texts are not available.\n", self.page),
                )
            }
            None => respond_with(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                format!("The {} has no texts in that language (hy, az, ru, en).\n", self.page),
            ),
        }
    }
}

/// The answer to `GET .../{name}` among a page's `assets`.
pub(crate) fn answer_asset(page: &'static str, assets: &[Asset], name: &str) -> Response {
    match assets.iter().find(|asset| asset.name == name) {
        Some(asset) => respond(StatusCode::OK, asset.content_type, asset.body),
        None => respond_with(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            format!("The {page} has no such file.\n"),
        ),
    }
}

/// An answer with the dashboard's security headers. The files change only with the
/// binary, but a node upgraded in place must not leave old scripts in caches: browsers
/// revalidate every time (`no-cache`), which costs little for four small files.
pub(crate) fn respond(
    status: StatusCode,
    content_type: &'static str,
    body: &'static str,
) -> Response {
    respond_with(status, content_type, body)
}

fn respond_with<B>(status: StatusCode, content_type: &'static str, body: B) -> Response
where
    (StatusCode, B): IntoResponse,
{
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-cache"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
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
        for (path, content_type) in [
            ("/", "text/html; charset=utf-8"),
            ("/dashboard/", "text/html; charset=utf-8"),
            ("/dashboard/app.js", "text/javascript; charset=utf-8"),
            ("/dashboard/style.css", "text/css; charset=utf-8"),
            ("/dashboard/icon.svg", "image/svg+xml"),
            ("/dashboard/nothing.js", "text/plain; charset=utf-8"),
            ("/dashboard/texts/hy.json", "application/json"),
            ("/dashboard/texts/az.json", "application/json"),
            ("/dashboard/texts/ru.json", "application/json"),
            ("/dashboard/texts/en.json", "application/json"),
            ("/dashboard/texts/fr.json", "text/plain; charset=utf-8"),
            ("/dashboard/texts/en", "text/plain; charset=utf-8"),
        ] {
            let (status, headers, body) = get(path).await;
            let missing =
                ["nothing.js", "fr.json", "texts/en"].iter().any(|end| path.ends_with(end));
            let expected = if missing { StatusCode::NOT_FOUND } else { StatusCode::OK };
            assert_eq!(status, expected, "{path}");
            assert_eq!(headers[header::CONTENT_TYPE], content_type, "{path}");
            assert_eq!(headers[header::CONTENT_SECURITY_POLICY], CONTENT_SECURITY_POLICY);
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(!body.is_empty(), "{path}");
        }
        let (_, _, russian) = get("/dashboard/texts/ru.json").await;
        let russian: serde_json::Value = serde_json::from_str(&russian).expect("JSON");
        assert_eq!(russian["dashboard-nav-posts"], "Посты");
        let (_, _, page) = get("/").await;
        assert!(page.contains(r#"<script src="/dashboard/app.js" defer></script>"#));
    }

    #[test]
    fn the_policy_forbids_inline_scripts_and_other_origins() {
        let policy: Vec<&str> = CONTENT_SECURITY_POLICY.split("; ").collect();
        assert!(policy.contains(&"default-src 'none'"), "{policy:?}");
        assert!(policy.contains(&"script-src 'self'"), "{policy:?}");
        assert!(policy.contains(&"connect-src 'self'"), "{policy:?}");
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"), "{policy:?}");
        assert!(!CONTENT_SECURITY_POLICY.contains("http"), "{policy:?}");
    }

    /// The files name no other origin (the SVG namespace is a name, not a request), hold
    /// no inline script, style or event handler, and use the glossary's words: a control
    /// point on the route is a post, never a checkpoint.
    #[test]
    fn the_files_request_nothing_elsewhere_and_speak_the_glossary() {
        for asset in ASSETS {
            let text = asset.body.replace("http://www.w3.org/2000/svg", "");
            for forbidden in ["http://", "https://", "//cdn", "@import", "url("] {
                assert!(!text.contains(forbidden), "{} holds `{forbidden}`", asset.name);
            }
            for word in ["checkpoint post", "border checkpoint", "checkpoints along"] {
                assert!(!text.to_lowercase().contains(word), "{} says `{word}`", asset.name);
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
