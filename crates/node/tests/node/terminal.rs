//! The post terminal: its JavaScript under Node's own test runner (`node --test
//! crates/node/terminal/test/`), where its encoder reproduces every test vector the core
//! writes, byte for byte, with signatures and ids, and refuses bad input, so `cargo test`
//! fails when the browser's encoding drifts from the core's; and the terminal in headless
//! Chromium against a real node (the `browser` module).
//!
//! Without `node` on the `PATH` the first test prints SKIPPED and passes, unless
//! `PASSAGE_TEST_NODE=1` (set by CI) demands it; the browser test skips as the dashboard's
//! does, unless `PASSAGE_TEST_CHROMIUM=1`.

use std::path::Path;
use std::process::Command;

#[test]
fn the_terminal_scripts_pass_their_tests_under_node() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("terminal/test");
    let required = std::env::var("PASSAGE_TEST_NODE").as_deref() == Ok("1");
    let output = match Command::new("node").arg("--test").arg(&folder).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                !required,
                "PASSAGE_TEST_NODE=1 but `node` is not on the PATH (Node 20 or later runs the \
                 terminal's tests)"
            );
            // Written to the process's stderr, not with eprintln!, which the test harness
            // captures and hides for passing tests: a skip must be seen.
            let message = "\n==================== SKIPPED: the terminal's JavaScript tests \
                           ====================\n`node` is not on the PATH. Install Node 20 or \
                           later, or set PASSAGE_TEST_NODE=1 to make this a failure.\n\
                           ==========================================================\
                           ==================\n\n";
            let _ = std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes());
            return;
        }
        Err(error) => panic!("running node: {error}"),
    };
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "node --test failed:\n{report}");
    // A run that found no test file passes too: make sure the encoder's tests ran.
    assert!(report.contains("every vector of the core is reproduced"), "{report}");
}

/// The post terminal in a real browser against a real node: a carrier's key made in the
/// browser declares a truck; officers' keys imported from key files record its arrival,
/// the seal check of its trailer and its release at its first post; each statement is
/// built and signed in the browser, shown in words before signing, and acknowledged by the
/// node. Then a refusal in the person's language; a departure signed offline, kept across
/// a reload without a network (the service worker's copies) and sent once the network is
/// back; every language with no text missing; the core's test vectors reproduced in the
/// page; and no error in the console.
/// Screenshots are kept under `target/test-artefacts/terminal/`.
mod browser {
    use crate::common;
    use crate::dashboard::{Driver, browser, console_errors, poll, session, wait_for_text};
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
    use fantoccini::{Client, Locator};
    use passage_core::regime::Act;
    use passage_core::statement::{
        EquipmentId, InspectionKind, InspectionOutcome, OfficerRole, Recorded, Statement,
    };
    use passage_core::testing::{self, Scenario, ScenarioConfig, ident, key_for, officer_name};
    use passage_core::{Mrn, PublicKey, SignedStatement, Timestamp};
    use passage_i18n::{Area, Language};
    use passage_node::Node;
    use passage_node::api::movements::MovementResponse;
    use passage_node::api::statements::SubmitResponse;
    use passage_store::{SqliteConfig, StoreConfig};
    use std::path::{Path, PathBuf};

    /// The route the truck takes, and its plate.
    const ROUTE: &str = "AM-TRANSIT-ROAD";
    const PLATE: &str = "10AB777";

    /// A node with the parties' draws on a fresh store, the charter and every officer.
    struct Corridor {
        _node: Node,
        base: String,
        http: reqwest::Client,
        local: Scenario,
        folder: tempfile::TempDir,
    }

    impl Corridor {
        async fn start() -> Corridor {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
            let config = common::node::node_config(store);
            let node = Node::start_with_witnesses(config, common::node::local_draws())
                .await
                .expect("the node starts");
            let scenario = ScenarioConfig::syunik();
            let corridor = Corridor {
                base: format!("http://{}", node.address),
                _node: node,
                http: reqwest::Client::new(),
                local: Scenario::charter_only(&scenario),
                folder,
            };
            let document = scenario.charter_document();
            corridor.submit("authority:AM", Statement::Charter { document }).await;
            let posts: Vec<_> = corridor
                .local
                .state
                .corridor()
                .posts
                .iter()
                .map(|post| (post.id, post.authority))
                .collect();
            for party in &scenario.parties {
                for role in party.roles {
                    for (post, operator) in &posts {
                        if *role != OfficerRole::Monitor && operator.as_str() != party.id {
                            continue;
                        }
                        let key = testing::public_key_for(&officer_name(*role, post.as_str()));
                        let enrol =
                            Statement::EnrolOfficer { key, role: *role, posts: vec![*post] };
                        corridor.submit(&format!("authority:{}", party.id), enrol).await;
                    }
                }
            }
            corridor
        }

        async fn submit(&self, signer: &str, statement: Statement) -> SubmitResponse {
            let now = Timestamp(passage_node::sequencer::now_ms());
            let signed = SignedStatement::sign(&key_for(signer), &Recorded::new(now, statement))
                .expect("the statement encodes");
            let body = serde_json::json!({ "statement": BASE64.encode(signed.encode()) });
            let response = self
                .http
                .post(format!("{}/v1/statements", self.base))
                .json(&body)
                .send()
                .await
                .expect("the node answers");
            assert!(response.status().is_success(), "refused: {:?}", response.text().await);
            response.json().await.expect("a submit response")
        }

        async fn movement(&self, mrn: &str) -> MovementResponse {
            let response = self
                .http
                .get(format!("{}/v1/movements/{mrn}", self.base))
                .send()
                .await
                .expect("the node answers");
            assert!(response.status().is_success(), "{mrn}: {}", response.status());
            response.json().await.expect("JSON")
        }

        fn first_post(&self) -> String {
            let corridor = self.local.state.corridor();
            let route = corridor.route_index(&ident(ROUTE)).expect("the route exists");
            corridor.post(corridor.routes[route].posts[0]).id.to_string()
        }

        /// A key file as `passage keys signer` writes it, for the officer `name`.
        fn key_file(&self, name: &str) -> PathBuf {
            let path = self.folder.path().join(format!("{}.key", name.replace([':', '@'], "-")));
            std::fs::write(&path, format!("{}\n", hex::encode(key_for(name).to_bytes())))
                .expect("the key file is written");
            path
        }
    }

    fn english(key: &str) -> String {
        let texts = passage_i18n::browser_area_texts(Language::English, Area::Terminal)
            .expect("the terminal's texts");
        texts[key].as_str().expect("a plain text").to_owned()
    }

    /// Where the screenshots are kept: `target/test-artefacts/terminal/`.
    fn artefacts() -> PathBuf {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        let folder = target.join("test-artefacts/terminal");
        std::fs::create_dir_all(&folder).expect("the artefacts' folder");
        folder
    }

    async fn screenshot(client: &Client, name: &str) {
        let png = client.screenshot().await.expect("a screenshot");
        std::fs::write(artefacts().join(name), png).expect("the screenshot is written");
    }

    /// Sets a form field (found by CSS) as a person would, with its change event.
    async fn fill(client: &Client, css: &str, value: &str) {
        let script = "const element = document.querySelector(arguments[0]); \
                      element.value = arguments[1]; \
                      element.dispatchEvent(new Event('change', { bubbles: true })); \
                      return element.value;";
        let set = client.execute(script, vec![css.into(), value.into()]).await.expect("set");
        assert_eq!(set.as_str(), Some(value), "{css} takes `{value}`");
    }

    async fn click(client: &Client, id: &str) {
        client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|_| panic!("#{id}"))
            .click()
            .await
            .unwrap_or_else(|error| panic!("clicking #{id}: {error}"));
    }

    /// An element's whole text, shown or not (WebDriver reads only what is shown).
    async fn text_content(client: &Client, id: &str) -> String {
        let script = "return document.getElementById(arguments[0]).textContent;";
        let text = client.execute(script, vec![id.into()]).await.expect("the text");
        text.as_str().unwrap_or_default().to_owned()
    }

    async fn attribute(client: &Client, id: &str, name: &str) -> Option<String> {
        let element = client.find(Locator::Id(id)).await.expect("the element");
        element.attr(name).await.expect("the attribute")
    }

    /// Reviews the act the form describes, checks the words shown and the bytes (which
    /// must decode to `expected`'s kind and be what is signed), signs and sends it; the
    /// node's acknowledgement.
    async fn review_sign_and_send(
        client: &Client,
        form_button: &str,
        words: &[&str],
        check: impl Fn(&Recorded),
    ) -> u64 {
        click(client, form_button).await;
        let shown = wait_for_text(client, "review-words", |text| !text.is_empty()).await;
        for word in words {
            assert!(shown.contains(word), "the review says `{shown}`, not `{word}`");
        }
        let bytes = hex::decode(text_content(client, "review-bytes").await).expect("hex");
        check(&Recorded::decode(&bytes).expect("the browser's bytes decode in the core"));
        screenshot(client, &format!("review-{}.png", form_button)).await;
        let before = attribute(client, "answer", "data-entry").await;
        click(client, "sign-and-send").await;
        let acknowledged = english("terminal-answer-acknowledged");
        let prefix = acknowledged.split('{').next().unwrap_or_default().to_owned();
        let answer = wait_for_text(client, "answer", |text| {
            text.starts_with(&prefix) || text.starts_with("Refused")
        })
        .await;
        let tone = attribute(client, "answer", "data-tone").await;
        let detail = text_content(client, "answer-detail").await;
        assert_eq!(tone.as_deref(), Some("good"), "{answer} {detail}");
        let entry = attribute(client, "answer", "data-entry").await.expect("the entry");
        assert_ne!(Some(&entry), before.as_ref(), "a new entry");
        entry.parse().expect("an entry index")
    }

    /// Replaces the browser's key by the officer's key file.
    async fn use_officer_key(client: &Client, corridor: &Corridor, name: &str) {
        if attribute(client, "key-present", "hidden").await.is_none() {
            click(client, "forget-key").await;
            click(client, "forget-key-confirm").await;
        }
        let file = corridor.key_file(name);
        let input = client.find(Locator::Id("import-key")).await.expect("the file input");
        input.send_keys(&file.display().to_string()).await.expect("the key file is chosen");
        let public = hex::encode(key_for(name).verifying_key().to_bytes());
        wait_for_text(client, "public-key", |text| text == public).await;
        let enrolled = english("terminal-enrolled");
        wait_for_text(client, "enrolment-status", |text| text == enrolled).await;
    }

    async fn check_declaration_and_acts(
        client: &Client,
        driver: &Driver,
        corridor: &Corridor,
    ) -> Mrn {
        client.goto(&format!("{}/terminal/", corridor.base)).await.expect("the page loads");
        poll("the terminal to start", || async {
            let ready = client.execute("return document.body.dataset.ready;", vec![]).await.ok()?;
            (ready.as_str() == Some("true")).then_some(())
        })
        .await;
        screenshot(client, "no-key.png").await;

        // The carrier's key is made here; the host state's authority registers it.
        click(client, "make-key").await;
        let public = wait_for_text(client, "public-key", |text| text.len() == 64).await;
        let not_enrolled = english("terminal-not-enrolled");
        wait_for_text(client, "enrolment-status", |text| text == not_enrolled).await;
        let key: [u8; 32] = hex::decode(&public).expect("hex").try_into().expect("32 bytes");
        let register = Statement::RegisterCarrier {
            carrier: ident("ARAZ-TRUCKS"),
            name: "ARAZ-TRUCKS Ltd".into(),
            key: PublicKey(key),
        };
        corridor.submit("authority:AM", register).await;
        click(client, "check-enrolment").await;
        let enrolled = english("terminal-enrolled");
        wait_for_text(client, "enrolment-status", |text| text == enrolled).await;
        wait_for_text(client, "enrolment-details", |text| text.contains("carrier ARAZ-TRUCKS"))
            .await;
        // The key survives a reload: it is kept in the browser, not in the page.
        client.refresh().await.expect("a reload");
        wait_for_text(client, "public-key", |text| text == public).await;
        wait_for_text(client, "enrolment-status", |text| text == enrolled).await;

        // The declaration: a truck and its sealed trailer, one goods item.
        fill(client, "#declare-route", ROUTE).await;
        fill(client, "#declare-class", "cargo_road").await;
        fill(client, "#declare-equipment .unit-kind", "truck").await;
        fill(client, "#declare-equipment .unit-id", PLATE).await;
        click(client, "add-unit").await;
        let second = "#declare-equipment li:nth-child(2)";
        fill(client, &format!("{second} .unit-kind"), "trailer").await;
        fill(client, &format!("{second} .unit-id"), &format!("{PLATE}-T")).await;
        fill(client, &format!("{second} .unit-seals"), "SEAL-1, SEAL-2").await;
        fill(client, "#declare-goods .goods-unit", &format!("{PLATE}-T")).await;
        fill(client, "#declare-goods .goods-hs", "2022:080810").await;
        fill(client, "#declare-goods .goods-mass", "18000").await;
        fill(client, "#declare-goods .goods-origin", "KZ").await;
        fill(client, "#declare-goods .goods-description", "Apples, 20 pallets").await;
        fill(client, "#declare-goods .goods-value", "9000 USD").await;
        fill(client, "#declare-consignee", "Ordubad Agro LLC").await;
        screenshot(client, "declaration-form.png").await;
        let declared_entry = review_sign_and_send(
            client,
            "review-declare",
            &[ROUTE, &format!("truck {PLATE}"), "SEAL-1, SEAL-2", "18,000 kg"],
            |recorded| {
                let Statement::Declare(declaration) = &recorded.statement else {
                    panic!("a declaration: {recorded:?}")
                };
                assert_eq!(declaration.route, ident(ROUTE));
                assert_eq!(declaration.equipment[1].id, EquipmentId::Trailer(ident("10AB777-T")));
                assert_eq!(declaration.equipment[1].seals, vec![ident("SEAL-1"), ident("SEAL-2")]);
                assert_eq!(declaration.goods[0].gross_mass_kg, 18_000);
                assert_eq!(declaration.goods[0].equipment_index, 1);
            },
        )
        .await;
        let mrn_text = wait_for_text(client, "answer-mrn", |text| text.len() == 18).await;
        let mrn = Mrn::parse(&mrn_text).expect("the answer names the MRN");
        let view = corridor.movement(&mrn_text).await;
        assert_eq!(view.history.first(), Some(&declared_entry), "the declaration's entry");
        screenshot(client, "declared.png").await;

        // Customs accept it (from elsewhere); then the officers at the first post record
        // with keys imported from key files.
        let post = corridor.first_post();
        let acceptor = corridor.local.officer_for(Act::Accept, &post);
        corridor.submit(&acceptor, Statement::Accept { mrn }).await;

        let arriving = corridor.local.officer_for(Act::Arrive, &post);
        use_officer_key(client, corridor, &arriving).await;
        fill(client, "#act-kind", "arrive").await;
        fill(client, "#act-mrn", &mrn_text).await;
        fill(client, "#act-post", &post).await;
        let arrived = review_sign_and_send(client, "review-act", &[&mrn_text, &post], |recorded| {
            assert_eq!(recorded.statement, Statement::Arrive { mrn, post: ident(&post) });
        })
        .await;

        let checking = corridor.local.officer_for(Act::SealCheck, &post);
        if checking != arriving {
            use_officer_key(client, corridor, &checking).await;
        }
        fill(client, "#act-kind", "seal_check").await;
        fill(client, "#act-mrn", &mrn_text).await;
        fill(client, "#act-post", &post).await;
        fill(client, "#act-unit-kind", "trailer").await;
        fill(client, "#act-unit-id", &format!("{PLATE}-T")).await;
        fill(client, "#act-condition", "intact").await;
        fill(client, "#act-seals", "SEAL-1 SEAL-2").await;
        let checked = review_sign_and_send(
            client,
            "review-act",
            &[&format!("trailer {PLATE}-T"), "intact"],
            |r| assert!(matches!(r.statement, Statement::SealCheck { .. }), "{r:?}"),
        )
        .await;

        // The lanes come from the parties' draw; a unit the draw sends to a red lane is
        // inspected (from elsewhere) before the release.
        let view = poll("the draw", || async {
            let view = corridor.movement(&mrn_text).await;
            let visit = view.movement.visits.last()?;
            visit.pending_draw.is_none().then_some(view)
        })
        .await;
        let visit = view.movement.visits.last().expect("a visit").clone();
        for unit in visit.units.iter().filter(|unit| unit.lane != "green") {
            let equipment = if unit.equipment.starts_with("trailer") {
                EquipmentId::Trailer(ident(&format!("{PLATE}-T")))
            } else {
                EquipmentId::Truck(ident(PLATE))
            };
            let inspection = Statement::Inspection {
                mrn,
                post: ident(&post),
                equipment,
                kind: InspectionKind::Physical,
                outcome: InspectionOutcome::Conform,
                findings: testing::test_commitment("no findings"),
            };
            corridor.submit(&corridor.local.officer_for(Act::Inspect, &post), inspection).await;
        }

        let releasing = corridor.local.officer_for(Act::Release, &post);
        if releasing != checking {
            use_officer_key(client, corridor, &releasing).await;
        }
        fill(client, "#act-kind", "release").await;
        fill(client, "#act-mrn", &mrn_text).await;
        fill(client, "#act-post", &post).await;
        let released = review_sign_and_send(client, "review-act", &[&mrn_text], |recorded| {
            assert_eq!(recorded.statement, Statement::Release { mrn, post: ident(&post) });
        })
        .await;
        let view = corridor.movement(&mrn_text).await;
        for entry in [declared_entry, arrived, checked, released] {
            assert!(view.history.contains(&entry), "{entry} in {:?}", view.history);
        }
        assert!(view.movement.visits[0].released_at_ms.is_some(), "released: {view:?}");
        screenshot(client, "released.png").await;

        // Arriving again at the same post is refused, in the person's words.
        fill(client, "#act-kind", "arrive").await;
        click(client, "review-act").await;
        wait_for_text(client, "review-words", |text| !text.is_empty()).await;
        click(client, "sign-and-send").await;
        let answer = wait_for_text(client, "answer", |text| text.starts_with("Refused")).await;
        let code = attribute(client, "answer", "data-refusal").await.expect("a refusal code");
        assert!(!answer.contains(&code), "the refusal is in words, not `{code}`: {answer}");
        screenshot(client, "refused.png").await;

        // Offline: the departure is signed and kept in the browser; the page opens again
        // without a network, the act still waiting; back online, it is sent and acknowledged.
        let departing = corridor.local.officer_for(Act::Depart, &post);
        if departing != releasing {
            use_officer_key(client, corridor, &departing).await;
        }
        set_offline(client, driver, true).await;
        fill(client, "#act-kind", "depart").await;
        fill(client, "#act-mrn", &mrn_text).await;
        fill(client, "#act-post", &post).await;
        click(client, "review-act").await;
        let words = wait_for_text(client, "review-words", |text| !text.is_empty()).await;
        assert!(words.contains(&post) && words.contains(&mrn_text), "{words}");
        click(client, "sign-and-send").await;
        let kept = english("terminal-answer-unreachable");
        wait_for_text(client, "answer", |text| text == kept).await;
        wait_for_text(client, "queue-list", |text| text.contains(&post)).await;
        client.refresh().await.expect("a reload without a network");
        wait_for_text(client, "queue-list", |text| text.contains(&post)).await;
        // What the node said of the key when last reached keeps the officer's form open.
        let as_last_read = english("terminal-enrolment-as-last-read");
        wait_for_text(client, "enrolment-status", |text| text == as_last_read).await;
        let form = attribute(client, "form-post-act", "hidden").await;
        assert!(form.is_none(), "the officer's form is shown offline");
        screenshot(client, "offline-waiting.png").await;
        assert!(
            corridor.movement(&mrn_text).await.movement.visits[0].departed_at_ms.is_none(),
            "nothing reached the node while offline"
        );
        // Back online the browser's `online` event sends the queue; the button does too (a
        // script's click, since the queue may already be gone).
        set_offline(client, driver, false).await;
        let script = "document.getElementById('send-now').click(); return true;";
        client.execute(script, vec![]).await.expect("send now");
        let acknowledged = english("terminal-answer-acknowledged");
        let prefix = acknowledged.split('{').next().unwrap_or_default().to_owned();
        wait_for_text(client, "answer", |text| text.starts_with(&prefix)).await;
        let departed: u64 = attribute(client, "answer", "data-entry")
            .await
            .expect("the entry")
            .parse()
            .expect("an index");
        let view = corridor.movement(&mrn_text).await;
        assert!(view.history.contains(&departed), "{departed} in {:?}", view.history);
        assert!(view.movement.visits[0].departed_at_ms.is_some(), "departed: {view:?}");
        poll("the queue to empty", || async {
            attribute(client, "queue", "hidden").await.map(|_| ())
        })
        .await;
        mrn
    }

    /// Cuts the browser's network (chromedriver's network conditions), or gives it back.
    async fn set_offline(client: &Client, driver: &Driver, offline: bool) {
        let session = client.session_id().await.expect("a session").expect("a session id");
        let conditions = serde_json::json!({ "network_conditions": {
            "offline": offline, "latency": 0,
            "download_throughput": 1_000_000, "upload_throughput": 1_000_000,
        }});
        let response = reqwest::Client::new()
            .post(format!("{}/session/{session}/chromium/network_conditions", driver.url))
            .json(&conditions)
            .send()
            .await
            .expect("chromedriver answers");
        assert!(response.status().is_success(), "network conditions: {}", response.status());
    }

    /// Each language: every element the page marks as its own text shows that
    /// language's text, and no key shows instead of a text.
    async fn check_every_language(client: &Client) {
        for language in
            [Language::Armenian, Language::AzerbaijaniLatin, Language::Russian, Language::English]
        {
            let texts = passage_i18n::browser_area_texts(language, Area::Terminal)
                .expect("the terminal's texts");
            let text = |key: &str| texts[key].as_str().expect("a plain text").to_owned();
            fill(client, "#language-choice", language.code()).await;
            let title = text("terminal-title");
            poll("the page in the language chosen", || async {
                let shown = client.find(Locator::Css("h1")).await.ok()?.text().await.ok()?;
                (shown == title).then_some(())
            })
            .await;
            let script = "return [document.documentElement.lang, \
                [...document.querySelectorAll('[data-i18n]')].map((e) => [e.dataset.i18n, e.textContent])];";
            let shown = client.execute(script, vec![]).await.expect("the page's texts");
            let (lang, marked): (String, Vec<(String, String)>) =
                serde_json::from_value(shown).expect("a language and pairs");
            assert_eq!(lang, language.code());
            for (key, shown) in &marked {
                assert_eq!(shown, &text(key), "{language:?}: `{key}`");
            }
            // The last answer (the departure's) is written again in the language chosen.
            let acknowledged = text("terminal-answer-acknowledged");
            let acknowledged = acknowledged.split("{index}").next().unwrap_or_default().to_owned();
            wait_for_text(client, "answer", |shown| shown.starts_with(&acknowledged)).await;
            let body = client.find(Locator::Css("body")).await.expect("the body");
            let body = body.text().await.expect("the body's text");
            assert!(!body.contains("terminal-"), "{language:?} shows a key:\n{body}");
            screenshot(client, &format!("language-{}.png", language.code())).await;
        }
    }

    /// The core's vectors, reproduced by the encoder as the page loads it.
    async fn check_vectors_in_the_page(client: &Client) {
        let vectors = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("terminal/test/vectors.json"),
        )
        .expect("the vectors");
        let script = "const done = arguments[arguments.length - 1];
            import('/terminal/encoding.js').then(async (e) => {
              const file = JSON.parse(arguments[0]);
              const failures = [];
              for (const v of file.vectors) {
                try {
                  const bytes = e.encodeStatement(v.kind, v.recorded_at, v.fields);
                  if (e.toHex(bytes) !== v.statement) { failures.push(v.name + ': bytes'); continue; }
                  const signer = await e.importSeed(v.seed);
                  const signature = await e.signStatement(signer.privateKey, bytes);
                  if (e.toHex(signature) !== v.signature) failures.push(v.name + ': signature');
                  const id = await e.statementId(signer.publicKey, bytes);
                  if (e.toHex(id) !== v.id) failures.push(v.name + ': id');
                } catch (error) { failures.push(v.name + ': ' + error.message); }
              }
              done([file.vectors.length, failures]);
            }, (error) => done([0, [String(error)]]));";
        let outcome = client.execute_async(script, vec![vectors.into()]).await.expect("the check");
        let (count, failures): (usize, Vec<String>) =
            serde_json::from_value(outcome).expect("a count and failures");
        assert!(failures.is_empty(), "the page's encoder differs: {failures:#?}");
        assert!(count > 40, "{count} vectors checked");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_truck_is_declared_and_passes_a_post_signed_in_the_browser() {
        let Some((chromium, driver_program)) = browser() else { return };
        let corridor = std::sync::Arc::new(Corridor::start().await);
        let driver = std::sync::Arc::new(Driver::start(&driver_program).await);
        let client = session(&chromium, &driver).await;
        let outcome = tokio::spawn({
            let (client, driver, corridor) = (client.clone(), driver.clone(), corridor.clone());
            async move {
                check_declaration_and_acts(&client, &driver, &corridor).await;
                check_every_language(&client).await;
                check_vectors_in_the_page(&client).await;
                // The browser logs every answer that is not a success: the key not yet
                // enrolled (404) and the refusal the test provokes are expected; nothing
                // else may be there.
                let mut errors = console_errors(&client, &driver).await;
                let expected = |error: &String| {
                    (error.contains("/v1/keys/") && error.contains("status of 404"))
                        || (error.contains("/v1/statements") && error.contains("status of 4"))
                        || error.contains("ERR_INTERNET_DISCONNECTED")
                };
                errors.retain(|error| !expected(error));
                assert!(errors.is_empty(), "the browser's console has errors: {errors:#?}");
            }
        })
        .await;
        let _ = client.close().await;
        if let Err(failure) = outcome {
            std::panic::resume_unwind(failure.into_panic());
        }
    }
}
