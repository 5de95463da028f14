//! End-to-end: `passage payloads MRN` reads a movement's confidential payloads from the
//! real binary serving on loopback, signing each request with the reader's key; a reader
//! the regime does not name, and a key nobody enrolled, are refused with a non-zero exit.

use crate::common::{TRUCK_DECLARATION, fails, key_file, ok, serve_corridor};
use passage_core::regime::Act;
use passage_core::testing::ident;

#[test]
fn a_movement_s_payloads_are_read_with_a_signed_request() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    // The corridor's files go in batches; every one is acknowledged in order.
    let (node, local) = serve_corridor(folder);

    let carrier = key_file(folder, "carrier:ARAZ-TRUCKS");
    let declaration = folder.join("truck.toml");
    std::fs::write(&declaration, TRUCK_DECLARATION).expect("declaration written");
    let declaration = declaration.display().to_string();
    let declared: serde_json::Value = serde_json::from_str(&ok(
        &node,
        &["declare", "--file", &declaration, "--key", &carrier, "--json"],
    ))
    .expect("json");
    let mrn = declared["mrn"].as_str().expect("an MRN").to_owned();
    let index = declared["index"].as_u64().expect("an entry");

    let corridor = local.state.corridor();
    let route = corridor.route_index(&ident("AM-TRANSIT-ROAD")).expect("route");
    let customs = corridor.routes[route]
        .posts
        .iter()
        .find_map(|&post| local.try_officer_for(Act::Accept, corridor.post(post).id.as_str()))
        .expect("an officer on the route");
    let customs = key_file(folder, &customs);
    let shown = ok(&node, &["payloads", &mrn, "--key", &customs]);
    let expected = format!(
        "{mrn}: 3 payloads in 1 entries\n  entry {index}  consignee: Ordubad Agro\n  entry \
         {index}  goods/0/description: apples, 1800 boxes\n  entry {index}  goods/0/value: \
         21000 USD\n"
    );
    assert_eq!(shown, expected);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&node, &["payloads", &mrn, "--key", &carrier, "--json"]))
            .expect("json");
    assert_eq!(json["entries"][0]["index"].as_u64(), Some(index), "{json}");
    assert_eq!(json["entries"][0]["payloads"].as_array().map(Vec::len), Some(3), "{json}");

    let authority = key_file(folder, "authority:AM");
    let refused = fails(&node, &["payloads", &mrn, "--key", &authority], 1);
    assert!(refused.contains("not_a_reader"), "{refused}");
    let stranger = key_file(folder, "customs@NOWHERE");
    let refused = fails(&node, &["payloads", &mrn, "--key", &stranger], 1);
    assert!(refused.contains("unknown_signer"), "{refused}");
    let refused = fails(&node, &["payloads", "NOT-AN-MRN", "--key", &customs], 2);
    assert!(refused.contains("not an MRN"), "{refused}");
}
