//! A node serves the charter it was configured for (`charter_sha256`), whoever reaches it
//! first: an empty node refuses any other charter as entry 0 and stores nothing, and a node
//! does not start on a store whose entry 0 is another charter.

use crate::common::node::{accept, node_config, request, signed, submit};
use axum::http::StatusCode;
use passage_core::statement::Statement;
use passage_core::testing::ScenarioConfig;
use passage_node::{Node, NodeConfig, NodeError};
use passage_store::{AnyStore, SqliteConfig, Store, StoreConfig};

#[tokio::test]
async fn an_empty_node_takes_only_the_charter_it_was_configured_for() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let database = folder.path().join("passage.db");
    let config = node_config(StoreConfig::Sqlite(SqliteConfig::new(&database)));
    let configured = ScenarioConfig::syunik();
    assert_eq!(config.charter_sha256, configured.charter_sha256());
    let node = Node::start(config.clone()).await.expect("the node starts");
    let app = &node.app_state;

    // Attackers reach the empty node first: an outsider with a corridor of its own, and
    // one of the parties with the agreed charter changed to suit it, signed by its genuine
    // authority key. Both charters are well formed and signed by a key they list.
    let outsider = ScenarioConfig::georgia_example();
    let outsiders =
        signed("authority:GE", Statement::Charter { document: outsider.charter_document() });
    let altered =
        configured.charter_document().replace(configured.name, "Syunik charter, as AM reads it");
    let altered_sha256 = passage_core::digest::sha256(altered.as_bytes());
    let party_s = signed("authority:AM", Statement::Charter { document: altered });
    let configured_hex = hex::encode(configured.charter_sha256());
    let (status, json) = submit(app, &party_s).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"], "charter_not_configured", "{json}");
    assert_eq!(
        json["message"],
        format!(
            "this node serves the charter whose document has SHA-256 {configured_hex}, not {}; \
             only that charter may be entry 0",
            hex::encode(altered_sha256)
        ),
        "{json}"
    );
    // The batch route shares the path to the sequencer.
    let batch = serde_json::json!({ "statements": [
        base64_of(&outsiders),
    ]});
    let (status, json) = request(app, "POST", "/v1/statements/batch", batch.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["results"][0]["error"], "charter_not_configured", "{json}");

    // Nothing was stored.
    assert_eq!(node.app_state.shared.tree.borrow().size, 0);
    assert!(node.app_state.shared.read_state(|_| ()).is_none(), "no charter is in force");
    assert_eq!(app.store.tree_size().await.expect("a size"), 0);

    // The configured charter is then entry 0.
    let document = configured.charter_document();
    let adopted = accept(app, &signed("authority:AM", Statement::Charter { document })).await;
    assert_eq!(adopted.index, 0);
    node.stop().await;

    // A node configured for another charter does not start on this log, and changes
    // nothing in it.
    let elsewhere = NodeConfig { charter_sha256: outsider.charter_sha256(), ..config.clone() };
    match Node::start(elsewhere).await {
        Err(error @ NodeError::CharterMismatch { .. }) => assert_eq!(
            error.to_string(),
            format!(
                "the log's charter document has SHA-256 {configured_hex}, not the configured {}: \
                 this store holds another corridor's log",
                hex::encode(outsider.charter_sha256())
            )
        ),
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a node started on another charter's log"),
    }
    let store = AnyStore::open(StoreConfig::Sqlite(SqliteConfig::new(&database)))
        .await
        .expect("the store opens");
    assert_eq!(store.tree_size().await.expect("a size"), 1);
    drop(store);
    let again = Node::start(config).await.expect("the configured node restarts");
    again.stop().await;
}

fn base64_of(statement: &passage_core::SignedStatement) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(statement.encode())
}
