//! Serves a log folder (the c2sp.org/tlog-tiles layout `passage log` writes) read-only over
//! HTTP, so a copy of the tiles can be audited or mirrored with no other server.

use std::path::Path;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The routes: `GET /checkpoint` and `GET /tile/...` from `dir`. Nothing is listed and no
/// path outside `dir` is served.
pub fn app(dir: &Path) -> Router {
    let tiles = Router::new()
        .nest_service("/tile", ServeDir::new(dir.join("tile")))
        // Tile paths are immutable once written.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    Router::new()
        .route_service("/checkpoint", tower_http::services::ServeFile::new(dir.join("checkpoint")))
        .merge(tiles)
}
