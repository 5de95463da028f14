//! The state digest taken with a cache of the movements' block hashes, as a publisher takes
//! it at every checkpoint, equals the digest taken from nothing, after every statement,
//! accepted or refused, and whichever block the statement changed.

use passage_core::digest::DigestCache;
use passage_core::regime::Act;
use passage_core::statement::Statement;
use passage_core::testing::{self, Scenario};
use passage_core::{MOVEMENT_BLOCK, Mrn, State};

/// Checks the cached digest of the scenario's state against the digest from nothing.
fn check(cache: &mut DigestCache, state: &State, step: &str) {
    assert_eq!(state.digest_with(cache), state.digest(), "after {step}");
}

fn declare(scenario: &mut Scenario, serial: usize) -> Mrn {
    let plate = format!("{:02}DG{:04}", serial / 10_000, serial % 10_000);
    let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
    scenario.declare_accepted("ARAZ-TRUCKS", truck)
}

#[test]
fn a_cached_digest_equals_the_digest_from_nothing_whichever_block_changes() {
    let mut scenario = Scenario::syunik();
    let mut cache = DigestCache::new();
    check(&mut cache, &scenario.state, "the charter");
    // Three blocks and a part of a fourth.
    let count = 3 * MOVEMENT_BLOCK + 5;
    let mut mrns = Vec::new();
    for serial in 0..count {
        mrns.push(declare(&mut scenario, serial));
        if serial % 7 == 0 {
            check(&mut cache, &scenario.state, &format!("declaration {serial}"));
        }
    }
    check(&mut cache, &scenario.state, "the declarations");
    // Movements in the first block, in the middle and in the last change one at a time,
    // each after the cache has seen every block.
    for index in [3, MOVEMENT_BLOCK + 1, 2 * MOVEMENT_BLOCK + 10, count - 1, 0] {
        let mrn = mrns[index];
        let officer = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
        scenario
            .submit_ok(&officer, Statement::Arrive { mrn, post: testing::ident("AM-MEGHRI-E") });
        scenario.resolve_draws();
        check(&mut cache, &scenario.state, &format!("the arrival of movement {index}"));
        // A second arrival at the same post is refused and changes nothing.
        let refused = scenario
            .submit(&officer, Statement::Arrive { mrn, post: testing::ident("AM-MEGHRI-E") });
        assert!(refused.is_err(), "a movement arrives at a post once");
        check(&mut cache, &scenario.state, &format!("a refused arrival of movement {index}"));
        scenario.advance_minutes(5);
        scenario.clear_post(mrn, "AM-MEGHRI-E");
        check(&mut cache, &scenario.state, &format!("the release of movement {index}"));
    }
    // A whole journey, with its fee and payment in the ledger.
    scenario.advance_minutes(30);
    let last = declare(&mut scenario, count);
    scenario.complete(last);
    check(&mut cache, &scenario.state, "a discharge");
    // Deadlines passing change old movements from the clock alone.
    scenario.advance_minutes(60 * 24 * 20);
    let tick_signer = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
    scenario.submit_ok(&tick_signer, Statement::Tick);
    assert!(
        scenario.state.movements().iter().any(|movement| movement.overdue),
        "some movement is overdue"
    );
    check(&mut cache, &scenario.state, "the deadlines");
}

#[test]
fn a_cache_given_an_earlier_state_or_a_snapshot_gives_the_digest_from_nothing() {
    let mut scenario = Scenario::syunik();
    for serial in 0..MOVEMENT_BLOCK + 3 {
        declare(&mut scenario, serial);
    }
    let earlier = scenario.state.clone();
    let mut cache = DigestCache::new();
    for serial in MOVEMENT_BLOCK + 3..2 * MOVEMENT_BLOCK + 3 {
        declare(&mut scenario, serial);
    }
    check(&mut cache, &scenario.state, "the later state");
    check(&mut cache, &earlier, "the earlier state");
    // A state decoded from its snapshot, then changed in a block the cache holds.
    let decoded = State::decode_snapshot(&scenario.state.encode_snapshot()).expect("decodes");
    let mut scenario_after = scenario;
    scenario_after.state = decoded;
    check(&mut cache, &scenario_after.state, "the decoded snapshot");
    let officer = scenario_after.officer_for(Act::Arrive, "AM-MEGHRI-E");
    let mrn = scenario_after.state.movements()[1].mrn;
    scenario_after
        .submit_ok(&officer, Statement::Arrive { mrn, post: testing::ident("AM-MEGHRI-E") });
    check(&mut cache, &scenario_after.state, "an arrival after the snapshot");
}
