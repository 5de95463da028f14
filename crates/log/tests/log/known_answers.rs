//! Known answers from the standards and from Go's reference implementation, taken as data with
//! their source named beside each.

use expect_test::{Expect, expect};
use passage_log::{
    Checkpoint, EMPTY_ROOT, Hash, KeyError, NoteError, SigningKey, TilePath, VerifierKey,
    leaf_hash, open_note, root_of, verify_consistency, verify_inclusion,
};

fn hash_hex(hex_text: &str) -> Hash {
    Hash::from_slice(&hex::decode(hex_text).expect("hex")).expect("32 bytes")
}

/// RFC 6962 test leaves and the root of each prefix, as published by transparency-dev/merkle
/// (testonly/constants.go) and the certificate-transparency reference implementations.
const RFC6962_LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];
const RFC6962_ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

fn rfc6962_leaves() -> Vec<Hash> {
    RFC6962_LEAVES.iter().map(|data| leaf_hash(&hex::decode(data).expect("hex"))).collect()
}

#[test]
fn rfc6962_roots() {
    let leaves = rfc6962_leaves();
    assert_eq!(EMPTY_ROOT, hash_hex(RFC6962_ROOTS[0]));
    for size in 0..=8 {
        assert_eq!(root_of(&leaves[..size]), hash_hex(RFC6962_ROOTS[size]), "size {size}");
    }
    let mut appender = passage_log::Appender::new();
    for (size, data) in RFC6962_LEAVES.iter().enumerate() {
        assert_eq!(appender.root(), hash_hex(RFC6962_ROOTS[size]));
        appender.append(&hex::decode(data).expect("hex")).expect("small");
    }
    assert_eq!(appender.root(), hash_hex(RFC6962_ROOTS[8]));
}

#[test]
fn rfc6962_inclusion_and_consistency_proofs() {
    // Same source: inclusion proofs for leaves 0 and 5 of the 8-leaf tree, and the
    // consistency proof from 2 to 8 entries.
    let leaves = rfc6962_leaves();
    let root = hash_hex(RFC6962_ROOTS[8]);
    let proof_0 = [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]
    .map(hash_hex);
    let proof_5 = [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]
    .map(hash_hex);
    assert_eq!(verify_inclusion(&leaves[0], 0, 8, &proof_0, &root), Ok(()));
    assert_eq!(verify_inclusion(&leaves[5], 5, 8, &proof_5, &root), Ok(()));
    assert!(verify_inclusion(&leaves[5], 0, 8, &proof_0, &root).is_err());
    let consistency_2_8 = [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]
    .map(hash_hex);
    let old = hash_hex(RFC6962_ROOTS[2]);
    assert_eq!(verify_consistency(2, 8, &old, &root, &consistency_2_8), Ok(()));
}

#[test]
fn go_sumdb_record_hash_and_tree_text() {
    // golang.org/x/mod sumdb/tlog note_test.go, TestFormatTree: the record hash of
    // "hello world" and the checkpoint text of a tree of 123456789012 records.
    let golden =
        "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
    let checkpoint = Checkpoint::parse(golden.as_bytes()).expect("golden tree");
    assert_eq!(checkpoint.root, leaf_hash(b"hello world"));
    assert_eq!(checkpoint.size, 123_456_789_012);
    assert_eq!(checkpoint.to_text(), golden);
    // The same test's malformed trees.
    for bad in [
        "go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n",
        "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n",
    ] {
        assert!(Checkpoint::parse(bad.as_bytes()).is_err(), "{bad}");
    }
}

fn check_path(path: &str, expect: Expect) {
    let rendered = match TilePath::parse(path) {
        Ok(parsed) => format!("{parsed:?}"),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn tile_paths() {
    // golang.org/x/mod sumdb/tlog tlog_test.go tilePaths, in the C2SP form (no height
    // element, `entries` for data tiles), plus the c2sp.org/tlog-tiles example index.
    check_path("tile/0/001", expect![[r#"Hashes(TileId { level: 0, index: 1, width: 256 })"#]]);
    check_path("tile/0/001.p/5", expect![[r#"Hashes(TileId { level: 0, index: 1, width: 5 })"#]]);
    check_path(
        "tile/5/x123/x456/078",
        expect![[r#"Hashes(TileId { level: 5, index: 123456078, width: 256 })"#]],
    );
    check_path(
        "tile/5/x123/x456/078.p/2",
        expect![[r#"Hashes(TileId { level: 5, index: 123456078, width: 2 })"#]],
    );
    check_path(
        "tile/entries/x003/x057/500",
        expect![[r#"Entries(BundleId { index: 3057500, width: 256 })"#]],
    );
    check_path(
        "tile/0/x001/x234/067",
        expect![[r#"Hashes(TileId { level: 0, index: 1234067, width: 256 })"#]],
    );
    check_path(
        "tile/5/123/456/078",
        expect![
            "error: a tile index is written as groups of three digits, all but the last prefixed `x`"
        ],
    );
    check_path("tile/-1/123", expect!["error: a tile level is a number from 0 to 63 or `entries`"]);
    check_path("tile/64/000", expect!["error: a tile level is a number from 0 to 63 or `entries`"]);
    check_path("tile/0/x000/001", expect!["error: the tile path is not in canonical form"]);
    check_path(
        "tile/0/001.p/256",
        expect!["error: a partial tile width is a number from 1 to 255"],
    );
    check_path("tile/0/001.p/0", expect!["error: a partial tile width is a number from 1 to 255"]);
    check_path("tile/0/001.p/05", expect!["error: the tile path is not in canonical form"]);
    check_path("tile/00/001", expect!["error: the tile path is not in canonical form"]);
    check_path("tiles/0/001", expect!["error: a tile path starts with `tile/`"]);
}

const SPEC_VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const SPEC_NOTE: &str = "This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

#[test]
fn the_signed_note_specs_example_verifies_with_its_vkey() {
    // c2sp.org/signed-note v1.0.0, "Examples".
    let key = VerifierKey::parse(SPEC_VKEY).expect("the spec's vkey");
    assert_eq!(key.to_string(), SPEC_VKEY);
    let opened = open_note(SPEC_NOTE.as_bytes(), &[key]).expect("the spec's note verifies");
    assert_eq!(opened.text, "This is an example message.\n");
    assert_eq!(opened.verified.len(), 1);
    let tampered = SPEC_NOTE.replace("example message", "example massage");
    let key = VerifierKey::parse(SPEC_VKEY).expect("the spec's vkey");
    assert_eq!(
        open_note(tampered.as_bytes(), &[key]),
        Err(NoteError::InvalidSignature { name: "example.com/foo".into(), key_id: 0x530d903a })
    );
}

const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const NEUMANN_TEXT: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG: &str = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG: &str = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

#[test]
fn go_note_signing_is_byte_for_byte() {
    // golang.org/x/mod sumdb/note note_test.go, TestSign: Ed25519 is deterministic, so the
    // same key and text give the same note.
    let signer = SigningKey::parse(PETER_SKEY).expect("Go's skey");
    assert_eq!(signer.verifier_key().to_string(), PETER_VKEY);
    assert_eq!(signer.to_skey(), PETER_SKEY);
    let note = signer.sign_note(NEUMANN_TEXT).expect("valid text");
    assert_eq!(note, format!("{NEUMANN_TEXT}\n{PETER_SIG}"));
}

#[test]
fn go_note_open_rules() {
    // golang.org/x/mod sumdb/note note_test.go, TestOpen.
    let peter = VerifierKey::parse(PETER_VKEY).expect("Go's vkey");
    let enoch = VerifierKey::parse(ENOCH_VKEY).expect("Go's vkey");
    let both = format!("{NEUMANN_TEXT}\n{PETER_SIG}{ENOCH_SIG}");
    // One known key: it verifies and the other signature is ignored.
    let opened = open_note(both.as_bytes(), std::slice::from_ref(&peter)).expect("verifies");
    assert_eq!((opened.verified.len(), opened.unknown_signatures), (1, 1));
    // Both known.
    let opened = open_note(both.as_bytes(), &[peter.clone(), enoch.clone()]).expect("verifies");
    assert_eq!(opened.verified.len(), 2);
    // No known key.
    assert_eq!(open_note(both.as_bytes(), &[]), Err(NoteError::NoKnownSignature));
    // 101 signatures: more than the limit.
    let many = format!("{NEUMANN_TEXT}\n{}", PETER_SIG.repeat(101));
    assert_eq!(
        open_note(many.as_bytes(), std::slice::from_ref(&peter)),
        Err(NoteError::TooManySignatures)
    );
    // A corrupted known signature rejects the note.
    let corrupt = format!("{NEUMANN_TEXT}\n{}ABCD{}", &PETER_SIG[..60], &PETER_SIG[60..]);
    assert!(open_note(corrupt.as_bytes(), std::slice::from_ref(&peter)).is_err());
    // A name with a space is malformed.
    let bad_name = format!("{NEUMANN_TEXT}\n— Bad Name {}", &PETER_SIG["— PeterNeumann ".len()..]);
    assert_eq!(open_note(bad_name.as_bytes(), &[peter]), Err(NoteError::SignatureLine { line: 1 }));
}

#[test]
fn go_vkey_manglings_are_refused() {
    // golang.org/x/mod sumdb/note note_test.go, TestNewVerifier: every proper substring and
    // every single-byte increment of the vkey is refused.
    assert!(VerifierKey::parse(PETER_VKEY).is_ok());
    let bytes = PETER_VKEY.as_bytes();
    for start in 0..=bytes.len() {
        for end in start + 1..=bytes.len() {
            if start != 0 || end != bytes.len() {
                let text = String::from_utf8_lossy(&bytes[start..end]);
                assert!(VerifierKey::parse(&text).is_err(), "{text}");
            }
        }
    }
    for position in 0..bytes.len() {
        let mut mangled = bytes.to_vec();
        mangled[position] = mangled[position].wrapping_add(1);
        let text = String::from_utf8_lossy(&mangled);
        assert!(VerifierKey::parse(&text).is_err(), "{text}");
    }
    // Wrong key length with adjusted id; unknown algorithm with adjusted id.
    assert!(matches!(
        VerifierKey::parse(
            "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="
        ),
        Err(KeyError::KeyLength(_) | KeyError::Base64)
    ));
    assert_eq!(
        VerifierKey::parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        Err(KeyError::UnknownType(0x65))
    );
}

#[test]
fn the_cosignature_specs_example_checkpoint_parses() {
    // c2sp.org/tlog-cosignature, the example checkpoint with a cosignature. No vkeys are
    // published for it, so it can only be read, and opening it with no known key fails.
    let note = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";
    let text = note.split_once("\n\n").expect("a note").0;
    let checkpoint = Checkpoint::parse(format!("{text}\n").as_bytes()).expect("the example");
    assert_eq!(
        (checkpoint.origin.as_str(), checkpoint.size),
        ("example.com/behind-the-sofa", 20_852_163)
    );
    assert_eq!(open_note(note.as_bytes(), &[]), Err(NoteError::NoKnownSignature));
}

fn check_note(note: &str, expect: Expect) {
    let key = VerifierKey::parse(PETER_VKEY).expect("Go's vkey");
    let rendered = match open_note(note.as_bytes(), &[key]) {
        Ok(opened) => format!("ok: {} verified", opened.verified.len()),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn malformed_notes_say_what_is_wrong() {
    check_note(&format!("{NEUMANN_TEXT}\n{PETER_SIG}"), expect!["ok: 1 verified"]);
    check_note(
        NEUMANN_TEXT,
        expect![
            "error: a note is text ending in a newline, a blank line, then signature lines each ending in a newline"
        ],
    );
    check_note(
        &format!("{NEUMANN_TEXT}\n{}", PETER_SIG.trim_end()),
        expect![
            "error: a note is text ending in a newline, a blank line, then signature lines each ending in a newline"
        ],
    );
    check_note(
        &format!("{NEUMANN_TEXT}\n{PETER_SIG}— x\n"),
        expect![
            "error: signature line 2 is not `— <name> <base64>` with a valid name and at least 5 bytes"
        ],
    );
    check_note(
        &format!("tab\there\n\n{PETER_SIG}"),
        expect![
            "error: a note holds no control characters other than newline (found one at byte 3)"
        ],
    );
    check_note(
        &format!("{NEUMANN_TEXT}\n— PeterNeumann AAAA\n"),
        expect![
            "error: signature line 1 is not `— <name> <base64>` with a valid name and at least 5 bytes"
        ],
    );
}
