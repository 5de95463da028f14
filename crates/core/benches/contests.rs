//! The monitors' book as contests pile up: the two lookups the core makes through its
//! derived indexes, timed at several numbers of open contests in the same run, each beside
//! the walk of the open contests (or incidents) that it replaced, done on the same state.
//!
//! - A second contest of an act by the same contester: the core refuses it
//!   (`already_contested`), finding the open contest through its index of contests by act
//!   and contester. The baseline: the same contest with a reason the regime does not list,
//!   which the core refuses (`unknown_reason`) by the check made just before the lookup,
//!   so the difference is the lookup. The walk: the first open contest whose act and
//!   contester match.
//! - The late answer of an overdue contest: the core closes the contest's automatic
//!   incident, found through its index of incidents by contest. The walk: the first open
//!   incident whose cause is that contest. Each answer is applied to a copy of the state
//!   (persistent collections: the copy is O(1)), so every round answers the same contests.
//!
//! The history is a monitor's contest of each of `N` trucks' acceptances, all within the 30
//! days an act stays contestable, then 73 hours more, so each contest is overdue and has
//! its automatic incident open. The lookups name contests spread over the whole history.
//!
//! Run: `cargo bench -p passage-core --bench contests -- [open contests...]` (default 1000
//! 10000 90000; at most `CONTESTS_OPEN_MAX`). The figures go to BENCHMARKS.md.

use passage_core::monitoring::{AutomaticCause, Contester, MonitoringEvent};
use passage_core::statement::{ContestAnswer, Recorded, Statement};
use passage_core::testing::{self, Leaves, Scenario, ScenarioConfig, Signing};
use passage_core::{ApplyContext, Event, State};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Lookups timed per figure, spread over the history.
const LOOKUPS: usize = 200;
/// Timings per figure; the best is reported.
const ROUNDS: usize = 7;
/// Log time between two trucks: 90,000 of them within 21 days, so the first act is still
/// contestable (30 days) after the 73 hours that make every contest overdue.
const MS_PER_TRUCK: u64 = 20_000;
const MONITOR: &str = "monitor@AM-MEGHRI-E";
const CUSTOMS: &str = "customs@AM-MEGHRI-E";

fn best(mut run: impl FnMut() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| run()).min().expect("rounds")
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6 / LOOKUPS as f64
}

/// `statement` by `signer`, applied to `state` as the next entry, a millisecond after the
/// state's time.
fn apply(state: &mut State, signer: &str, statement: Statement) -> Result<Vec<Event>, String> {
    let key = testing::public_key_for(signer);
    let time = state.time().plus_ms(1);
    let recorded = Recorded::new(time, statement);
    let id = recorded.id(&key).map_err(|error| error.to_string())?;
    let index = state.next_entry_index();
    let ctx = ApplyContext { entry_index: index, time, leaf_hash: testing::stand_in_leaf(index) };
    state.apply(&ctx, &id, &key, &recorded).map_err(|refusal| refusal.code().to_owned())
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .map(|argument| argument.parse().expect("a number of open contests"))
        .collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000, 90_000] } else { sizes };
    let mut scenario = Scenario::new_with_leaves(&ScenarioConfig::syunik(), Leaves::StandIn);
    scenario.signing = Signing::Skip;
    scenario.keep_entries = false;
    let mission = scenario.state.charter().mission().expect("the charter has a mission");
    let mut acts: Vec<u64> = Vec::new();
    println!(
        "| open contests | entries | refused before the lookup (baseline) | second contest refused | ÷ baseline | walk of the contests | walk ÷ core | late answer closing the incident | walk of the incidents | walk ÷ core |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut previous = None;
    for size in sizes {
        assert!(size <= passage_core::monitoring::CONTESTS_OPEN_MAX, "at most the core's limit");
        // Sizes grow in the same history: its clock goes back to before the overdue wait.
        let mut history = previous.take().unwrap_or_else(|| scenario.clone());
        while acts.len() < size {
            let serial = acts.len();
            let plate = format!("{:02}BC{:05}", serial / 100_000 % 100, serial % 100_000);
            let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            history.declare_accepted("ARAZ-TRUCKS", truck);
            let acceptance = history.state.next_entry_index() - 1;
            history.submit_ok(
                MONITOR,
                Statement::Contest { entry: acceptance, reason: testing::ident("other") },
            );
            acts.push(acceptance);
            history.advance_ms(MS_PER_TRUCK);
        }
        previous = Some(history.clone());
        // Past every deadline: each contest opens its incident at the next entry.
        history.advance_minutes(73 * 60);
        history.submit_ok("authority:AM", Statement::Tick);
        let state = history.state.clone();
        assert_eq!(state.monitors().contests().count(), size);
        assert_eq!(state.monitors().automatic_incidents().count(), size);
        let chosen: Vec<(u64, u64)> = (0..LOOKUPS)
            .map(|step| {
                let act = acts[step * (size - 1) / (LOOKUPS - 1)];
                let contest = state
                    .monitors()
                    .contests()
                    .find(|contest| contest.entry == act)
                    .expect("each act is contested")
                    .number;
                (act, contest)
            })
            .collect();

        let mut refused = state.clone();
        let baseline = best(|| {
            let started = Instant::now();
            for &(act, _) in &chosen {
                let contest = Statement::Contest { entry: act, reason: testing::ident("weather") };
                let refusal = apply(&mut refused, MONITOR, contest).expect_err("not a reason");
                assert_eq!(refusal, "unknown_reason");
            }
            started.elapsed()
        });
        let second_core = best(|| {
            let started = Instant::now();
            for &(act, _) in &chosen {
                let contest =
                    Statement::Contest { entry: act, reason: testing::ident("held_too_long") };
                let refusal = apply(&mut refused, MONITOR, contest).expect_err("a second one");
                assert_eq!(refusal, "already_contested");
            }
            started.elapsed()
        });
        let second_walk = best(|| {
            let started = Instant::now();
            for &(act, _) in &chosen {
                let found = state.monitors().contests().find(|contest| {
                    contest.entry == act && contest.contester == Contester::Party(mission)
                });
                black_box(found.expect("open"));
            }
            started.elapsed()
        });

        let answer_core = best(|| {
            let started = Instant::now();
            for &(_, contest) in &chosen {
                let mut copy = state.clone();
                let answer = Statement::AnswerContest {
                    contest,
                    answer: ContestAnswer::Corrected,
                    reasons: testing::test_commitment("reasons"),
                };
                let events = apply(&mut copy, CUSTOMS, answer).expect("answered late");
                let closed = events.iter().any(|event| {
                    matches!(
                        event,
                        Event::Monitoring(MonitoringEvent::AutomaticIncidentClosed { .. })
                    )
                });
                assert!(closed, "the late answer closes the contest's incident");
                black_box(copy);
            }
            started.elapsed()
        });
        let answer_walk = best(|| {
            let started = Instant::now();
            for &(_, contest) in &chosen {
                let found = state.monitors().automatic_incidents().find(|incident| {
                    incident.cause == AutomaticCause::ContestUnanswered { contest }
                });
                black_box(found.expect("open"));
            }
            started.elapsed()
        });
        let (baseline, second_core) = (micros(baseline), micros(second_core));
        let second_walk = micros(second_walk);
        let (answer_core, answer_walk) = (micros(answer_core), micros(answer_walk));
        println!(
            "| {size} | {} | {baseline:.2} µs | {second_core:.2} µs | {:.2} | {second_walk:.2} µs | {:.1} | {answer_core:.2} µs | {answer_walk:.2} µs | {:.1} |",
            state.next_entry_index(),
            second_core / baseline,
            second_walk / second_core,
            answer_walk / answer_core,
        );
    }
}
