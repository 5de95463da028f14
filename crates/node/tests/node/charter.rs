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

/// A node whose `[witnesses]` cannot serve the charter it was configured for: its URLs name
/// `names`, on a closed port (nothing is asked of them before a charter is in force).
async fn node_with_witnesses(folder: &std::path::Path, names: &[&str]) -> Node {
    let config = node_config(StoreConfig::Sqlite(SqliteConfig::new(folder.join("passage.db"))));
    let urls =
        names.iter().map(|name| ((*name).to_owned(), "http://127.0.0.1:9".to_owned())).collect();
    let witnesses = passage_node::publisher::WitnessConfig {
        urls,
        ..passage_node::publisher::WitnessConfig::none()
    };
    Node::start_with_witnesses(config, witnesses).await.expect("an empty node starts")
}

#[tokio::test]
async fn an_empty_node_refuses_its_charter_when_its_witnesses_do_not_fit_it() {
    let configured = ScenarioConfig::syunik();
    let charter =
        || signed("authority:AM", Statement::Charter { document: configured.charter_document() });
    // A witness the charter does not name (a typing mistake in the node's configuration):
    // the charter is refused as entry 0, naming it, rather than the first publication
    // failing later; nothing is stored.
    let folder = tempfile::tempdir().expect("temporary folder");
    let node = node_with_witnesses(folder.path(), &["witness.am", "witness.amm"]).await;
    let (status, json) = submit(&node.app_state, &charter()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"], "charter_witnesses_not_configured", "{json}");
    assert_eq!(
        json["message"],
        "a URL is configured for the witness `witness.amm`, which the charter does not name \
         (it names witness.am, witness.az, witness.mon); correct the node's [witnesses] table",
        "{json}"
    );
    assert_eq!(node.app_state.store.tree_size().await.expect("a size"), 0);
    assert!(node.app_state.shared.read_state(|_| ()).is_none(), "no charter is in force");
    node.stop().await;

    // Witnesses the charter names, but too few for its quorum (every party's): the node
    // could never publish a checkpoint the charter's policy accepts.
    let folder = tempfile::tempdir().expect("temporary folder");
    let node = node_with_witnesses(folder.path(), &["witness.am", "witness.az"]).await;
    let (status, json) = submit(&node.app_state, &charter()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"], "charter_witnesses_not_configured", "{json}");
    let message = json["message"].as_str().expect("a message");
    assert!(
        message.starts_with(
            "the witnesses configured (witness.am, witness.az) cannot meet the charter's quorum"
        ),
        "{message}"
    );
    assert_eq!(node.app_state.store.tree_size().await.expect("a size"), 0);
    node.stop().await;

    // Every witness the charter names: it is entry 0.
    let folder = tempfile::tempdir().expect("temporary folder");
    let node =
        node_with_witnesses(folder.path(), &["witness.am", "witness.az", "witness.mon"]).await;
    assert_eq!(accept(&node.app_state, &charter()).await.index, 0);
    node.stop().await;
}
