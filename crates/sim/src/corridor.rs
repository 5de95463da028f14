//! The corridor's flow under a regime: units (trucks, trains) arrive by flow, meet each
//! post's checks in order, queue for the check's resource, travel to the next post, and
//! leave the corridor released or are held when an inspection finds something.
//!
//! Every act of the flow (declared, arrived, checked, released, departed, held, fee
//! assessed) goes through an [`Observer`] as it happens. The domain core's adapter
//! ([`crate::core_loop`]) implements it by turning each act into statements and applying
//! them, so the simulator drives the same code as the node; its refusal stops the run with
//! the seed to replay. Without the core, [`LifecycleCheck`] checks that each unit's acts
//! come in a lawful order.
//!
//! The acts map onto the core's statements: `Declared` to a declaration and its
//! acceptance, `Arrived` to an arrival, `Checked` to a seal check per container (seal
//! checks) or an inspection (document, scan, physical), `Released`, `Held` and `Departed`
//! to their namesakes, and `FeeAssessed` after the last post to the discharge, whose fee
//! the core computes from the regime's tariff (the model's own amount is then unused; the
//! report takes the ledger's). Selection for
//! inspection is the core's too: the adapter answers [`Observer::select`] from the lanes
//! the core assigns, and the scenario's own rule applies only where it answers `None`.

use std::collections::BTreeMap;
use std::convert::Infallible;

use serde::Serialize;

use crate::engine::{EventQueue, Model, Simulation, Time};
use crate::random::{Distribution, Sampler, Stream, Streams};
use crate::resource::{Priority, Request, Resource};
use crate::scenario::{CheckKind, Scenario, Selection, Stage, TICKS_PER_MINUTE};
use crate::stats::{Estimate, Samples, Tally};

const TICKS_PER_HOUR: u64 = 3_600_000;
const HOURS_PER_WEEK: u64 = 168;
/// Days after the last arrival that the posts get to clear their queues; units still in
/// the corridor then are reported as unfinished (a regime that cannot keep up).
pub const DRAIN_DAYS_MAX: u64 = 60;

/// What a check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing.
    Clear,
    /// Something that a later check should look at (a broken seal, an odd scan).
    Flagged,
    /// A physical inspection confirmed tampering or contraband.
    Found,
}

/// One act at the corridor, as the simulator observes it. Indices refer to the scenario:
/// `flow` to its flows, `post` to its posts, `check` to the post's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// A unit was declared for transit (it arrives at its first post at the same time).
    Declared {
        /// The unit's serial number in this replication, from 0.
        unit: u64,
        /// Its flow.
        flow: usize,
    },
    /// The unit reached a post.
    Arrived {
        /// The unit.
        unit: u64,
        /// The post.
        post: usize,
    },
    /// A check ended.
    Checked {
        /// The unit.
        unit: u64,
        /// The post.
        post: usize,
        /// The check at that post.
        check: usize,
        /// What it found.
        outcome: Outcome,
    },
    /// The post released the unit after its checks.
    Released {
        /// The unit.
        unit: u64,
        /// The post.
        post: usize,
    },
    /// The unit left the post.
    Departed {
        /// The unit.
        unit: u64,
        /// The post.
        post: usize,
    },
    /// The post held the unit after a finding; it goes no further.
    Held {
        /// The unit.
        unit: u64,
        /// The post.
        post: usize,
    },
    /// The fee for a unit that crossed the whole corridor, in minor units.
    FeeAssessed {
        /// The unit.
        unit: u64,
        /// Amount in minor units of the tariff's currency.
        amount_minor: u64,
    },
}

/// Receives every act as it happens; a refusal stops the run.
pub trait Observer {
    /// Why an act was refused (an invariant of the core broke).
    type Error: std::error::Error;

    /// Observes `act` at virtual time `at`.
    fn observe(&mut self, at: Time, act: &Act) -> Result<(), Self::Error>;

    /// Whether `unit` must undergo check `check` at `post`, when the observer decides it:
    /// the core's regime selects units from public randomness, and a core-driven run must
    /// follow that selection. `None` (the default) leaves it to the scenario's rule.
    fn select(&mut self, unit: u64, post: usize, check: usize) -> Option<bool> {
        let _ = (unit, post, check);
        None
    }
}

/// A borrowed observer observes too, so a caller can inspect it after the run.
impl<O: Observer + ?Sized> Observer for &mut O {
    type Error = O::Error;
    fn observe(&mut self, at: Time, act: &Act) -> Result<(), O::Error> {
        (**self).observe(at, act)
    }
    fn select(&mut self, unit: u64, post: usize, check: usize) -> Option<bool> {
        (**self).select(unit, post, check)
    }
}

/// Observes nothing.
pub struct Unobserved;

impl Observer for Unobserved {
    type Error = Infallible;
    #[inline]
    fn observe(&mut self, _: Time, _: &Act) -> Result<(), Infallible> {
        Ok(())
    }
}

/// Checks that every unit's acts come in a lawful order: declared; then at each post
/// arrived, its checks, released and departed (or held after a finding); then the fee.
/// It stands in for the domain core's own checks until the core's adapter lands.
#[derive(Debug, Default)]
pub struct LifecycleCheck {
    last: Vec<Option<Act>>,
    time: Time,
}

/// An act out of order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unit {unit}: {act:?} cannot follow {previous:?}")]
pub struct OutOfOrder {
    /// The unit.
    pub unit: u64,
    /// The act refused.
    pub act: Act,
    /// The unit's previous act, if any.
    pub previous: Option<Act>,
}

impl Act {
    /// The unit the act is about.
    #[must_use]
    pub fn unit(&self) -> u64 {
        match *self {
            Act::Declared { unit, .. }
            | Act::Arrived { unit, .. }
            | Act::Checked { unit, .. }
            | Act::Released { unit, .. }
            | Act::Departed { unit, .. }
            | Act::Held { unit, .. }
            | Act::FeeAssessed { unit, .. } => unit,
        }
    }
}

impl Observer for LifecycleCheck {
    type Error = OutOfOrder;

    fn observe(&mut self, at: Time, act: &Act) -> Result<(), OutOfOrder> {
        assert!(at >= self.time, "acts must come in time order");
        self.time = at;
        let unit = act.unit();
        let index = usize::try_from(unit).expect("unit serials fit in memory");
        if index >= self.last.len() {
            self.last.resize(index + 1, None);
        }
        let previous = self.last[index];
        let lawful = match (previous, act) {
            (None, Act::Declared { .. })
            | (Some(Act::Departed { .. }), Act::FeeAssessed { .. }) => true,
            (Some(Act::Declared { .. } | Act::Departed { .. }), Act::Arrived { .. }) => true,
            (
                Some(
                    Act::Arrived { post: p, .. }
                    | Act::Checked { post: p, outcome: Outcome::Clear | Outcome::Flagged, .. },
                ),
                Act::Checked { post, .. } | Act::Released { post, .. },
            )
            | (
                Some(Act::Checked { post: p, outcome: Outcome::Found, .. }),
                Act::Held { post, .. },
            )
            | (Some(Act::Released { post: p, .. }), Act::Departed { post, .. }) => p == *post,
            _ => false,
        };
        if !lawful {
            return Err(OutOfOrder { unit, act: *act, previous });
        }
        // A finished unit is marked by its last act; nothing may follow it.
        self.last[index] = Some(*act);
        Ok(())
    }
}

/// A run stopped because the observer refused an act.
#[derive(Debug, thiserror::Error)]
#[error(
    "act refused at {at:?} in replication {replication} (replay with --seed {seed}): {act:?}: {source}"
)]
pub struct Refused<E: std::error::Error> {
    /// The scenario seed that replays the failure.
    pub seed: u64,
    /// The replication that failed.
    pub replication: u64,
    /// When.
    pub at: Time,
    /// The refused act.
    pub act: Act,
    /// The observer's reason.
    pub source: E,
}

/// What to keep beyond the summary figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    /// Keep the hourly queue length per post and every unit's transit time (for charts).
    pub series: bool,
}

/// One resource's figures over the measured period (after the warm-up, up to the horizon).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceReport {
    /// The post.
    pub post: String,
    /// The resource.
    pub resource: String,
    /// Requests granted.
    pub served: u64,
    /// Mean wait before service, in minutes.
    pub mean_wait_minutes: f64,
    /// Time-average queue length.
    pub mean_queue: f64,
    /// Longest queue.
    pub max_queue: f64,
    /// Time-average busy servers divided by the day-average capacity (shifts included).
    pub utilisation: f64,
}

/// One traffic class's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassReport {
    /// The class.
    pub class: String,
    /// Units that crossed the corridor.
    pub released: u64,
    /// Units held after a finding.
    pub held: u64,
    /// Transit time, first arrival to last departure, in hours: mean.
    pub transit_mean_hours: f64,
    /// Median.
    pub transit_p50_hours: f64,
    /// 95th percentile.
    pub transit_p95_hours: f64,
    /// 99th percentile.
    pub transit_p99_hours: f64,
    /// Every released unit's transit time in minutes, when [`Detail::series`] was asked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transit_minutes: Vec<u32>,
}

/// One replication's figures. Units count if declared after the warm-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorridorReport {
    /// Replication number.
    pub replication: u64,
    /// Per class.
    pub classes: Vec<ClassReport>,
    /// Per resource.
    pub resources: Vec<ResourceReport>,
    /// Units released per day of the measured period.
    pub throughput_units_per_day: f64,
    /// Tonnes released, scaled to a year.
    pub throughput_tonnes_per_year: f64,
    /// Fees per party, in minor units: the scenario's tariff split when the model runs
    /// alone, the ledger's revenue accounts when the core is in the loop.
    pub fees_minor: BTreeMap<String, u64>,
    /// The fees' currency (ISO 4217).
    pub fees_currency: String,
    /// Minor units per major unit of that currency.
    pub fees_minor_per_major: u32,
    /// The core's figures, when it was in the loop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core: Option<CoreFigures>,
    /// Units that were tampered with or carried contraband.
    pub irregular: u64,
    /// Of those, units held after a finding.
    pub caught: u64,
    /// Physical inspections made.
    pub physical_inspections: u64,
    /// Clean units that some check flagged.
    pub false_alarms: u64,
    /// Units still in the corridor when the drain time ran out.
    pub unfinished: u64,
    /// Events handled.
    pub events: u64,
    /// Hourly total queue length per post, when [`Detail::series`] was asked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub queue_by_hour: Vec<Vec<u32>>,
}

/// What the domain core adds to a replication's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoreFigures {
    /// The regime's name, as the core knows it.
    pub regime: String,
    /// Statements the core applied.
    pub statements: u64,
    /// Movements the core found overdue (past the regime's time limit).
    pub overdue: u64,
    /// Inspections and releases a monitor attested.
    pub attestations: u64,
    /// Contests the core opened (the scenario's `[contests]`: carriers contest long holds,
    /// the transiting state red-lane inspections).
    pub contests: u64,
    /// Contests answered, in time or late.
    pub contests_answered: u64,
    /// Contests that passed their deadline unanswered (each opened an automatic incident).
    pub contests_overdue: u64,
    /// Contests the joint commission decided.
    pub contests_decided: u64,
    /// Automatic incidents the core opened: holds longer than the regime's threshold and
    /// contests unanswered by their deadline.
    pub automatic_incidents: u64,
    /// The core's state digest at the end (hex), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

#[derive(Clone, Copy, Debug)]
enum Event {
    Arrival { flow: u32 },
    CheckDone { slot: u32 },
    Travelled { slot: u32 },
    StartCheck { slot: u32 },
    Hour,
}

#[derive(Clone, Copy, Debug)]
struct Unit {
    serial: u64,
    flow: u32,
    class: u32,
    entered: Time,
    leg: u32,
    check: u32,
    tampered: bool,
    contraband: bool,
    flagged: bool,
    counted: bool,
}

struct CheckState {
    select: Stream,
    service: Stream,
    detect: Stream,
}

struct FlowState {
    class: usize,
    route: Vec<usize>,
    gap: Sampler,
    arrivals: Stream,
    irregular: Stream,
    /// Highest intensity factor (profile times growth), for thinning.
    peak: f64,
}

struct Corridor<'s, O: Observer> {
    scenario: &'s Scenario,
    observer: O,
    failure: Option<(Time, Act, O::Error)>,
    flows: Vec<FlowState>,
    resources: Vec<Vec<Resource<u32>>>,
    checks: Vec<Vec<CheckState>>,
    travel: Vec<Stream>,
    units: Vec<Unit>,
    free: Vec<u32>,
    active: u64,
    serial: u64,
    warmup_end: Time,
    horizon: Time,
    drain_end: Time,
    hours: u64,
    detail: Detail,
    // Figures.
    transit: Vec<Samples>,
    transit_tally: Vec<Tally>,
    released: Vec<u64>,
    held: Vec<u64>,
    tonnes: f64,
    fees: Vec<u64>,
    irregular: u64,
    caught: u64,
    physical: u64,
    false_alarms: u64,
    resource_reports: Vec<ResourceReport>,
    queue_by_hour: Vec<Vec<u32>>,
}

impl<O: Observer> Corridor<'_, O> {
    fn observe(&mut self, at: Time, act: Act) {
        if self.failure.is_none()
            && let Err(e) = self.observer.observe(at, &act)
        {
            self.failure = Some((at, act, e));
        }
    }

    /// The arrival intensity of `flow` at `at` relative to its base rate.
    fn intensity(&self, flow: usize, at: Time) -> f64 {
        let hour = at.0 / TICKS_PER_HOUR;
        // Hour-of-week indices are below 168.
        #[allow(clippy::cast_possible_truncation)]
        let profile = self.scenario.flows[flow].week_profile[(hour % HOURS_PER_WEEK) as usize];
        #[allow(clippy::cast_precision_loss)]
        let years = at.0 as f64 / (TICKS_PER_HOUR as f64 * 24.0 * 365.0);
        profile * (1.0 + self.scenario.file.demand.growth_per_year).powf(years)
    }

    fn schedule_arrival(&mut self, flow: usize, queue: &mut EventQueue<Event>) {
        // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with the
        // ratio of the current intensity to the peak.
        let mut at = queue.now();
        loop {
            let state = &mut self.flows[flow];
            at = at.after(state.arrivals.ticks(&state.gap).max(1));
            if at >= self.horizon {
                return;
            }
            let keep = self.intensity(flow, at) / self.flows[flow].peak;
            if self.flows[flow].arrivals.unit() < keep {
                break;
            }
        }
        #[allow(clippy::cast_possible_truncation)]
        queue.schedule_at(at, Event::Arrival { flow: flow as u32 });
    }

    fn arrive(&mut self, flow: usize, queue: &mut EventQueue<Event>) {
        let now = queue.now();
        self.schedule_arrival(flow, queue);
        let class = &self.scenario.file.classes[self.flows[flow].class];
        let irregular = &mut self.flows[flow].irregular;
        let tampered = irregular.chance(class.tampered_share);
        let contraband = irregular.chance(class.contraband_share);
        #[allow(clippy::cast_possible_truncation)]
        let unit = Unit {
            serial: self.serial,
            flow: flow as u32,
            class: self.flows[flow].class as u32,
            entered: now,
            leg: 0,
            check: 0,
            tampered,
            contraband,
            flagged: false,
            counted: now >= self.warmup_end,
        };
        self.serial += 1;
        self.active += 1;
        if unit.counted && (tampered || contraband) {
            self.irregular += 1;
        }
        let slot = if let Some(slot) = self.free.pop() {
            self.units[slot as usize] = unit;
            slot
        } else {
            let slot = u32::try_from(self.units.len())
                .expect("fewer than 2^32 units in the corridor at once");
            self.units.push(unit);
            slot
        };
        self.observe(now, Act::Declared { unit: unit.serial, flow });
        self.enter_post(slot, queue);
    }

    fn post_of(&self, unit: &Unit) -> usize {
        self.flows[unit.flow as usize].route[unit.leg as usize]
    }

    fn enter_post(&mut self, slot: u32, queue: &mut EventQueue<Event>) {
        let unit = &mut self.units[slot as usize];
        unit.check = 0;
        let (serial, post) = (unit.serial, self.flows[unit.flow as usize].route[unit.leg as usize]);
        self.observe(queue.now(), Act::Arrived { unit: serial, post });
        self.next_check(slot, queue);
    }

    /// Moves the unit to its next applicable check, or on from the post when none is left.
    fn next_check(&mut self, slot: u32, queue: &mut EventQueue<Event>) {
        let now = queue.now();
        let unit = self.units[slot as usize];
        let post = self.post_of(&unit);
        let checks = &self.scenario.posts[post].checks;
        let last_leg = self.flows[unit.flow as usize].route.len() - 1;
        let mut index = unit.check as usize;
        while index < checks.len() {
            let spec = &self.scenario.file.posts[post].checks[index];
            let here = match spec.at {
                Stage::Any => true,
                Stage::Entry => unit.leg == 0,
                Stage::Exit => unit.leg as usize == last_leg,
            };
            let applies = here
                && checks[index].service[unit.class as usize].is_some()
                && match self.observer.select(unit.serial, post, index) {
                    Some(decided) => decided,
                    None => {
                        let stream = &mut self.checks[post][index].select;
                        match spec.select {
                            Selection::All => true,
                            Selection::Random { share } => stream.chance(share),
                            Selection::Flagged => unit.flagged,
                            Selection::RandomOrFlagged { share } => {
                                stream.chance(share) || unit.flagged
                            }
                        }
                    }
                };
            if applies {
                break;
            }
            index += 1;
        }
        #[allow(clippy::cast_possible_truncation)]
        {
            self.units[slot as usize].check = index as u32;
        }
        if index < checks.len() {
            let resource = checks[index].resource;
            let class = &self.scenario.file.classes[unit.class as usize];
            let priority = Priority(class.priority);
            if self.resources[post][resource].request(now, priority, slot) == Request::Granted {
                self.start_check(slot, queue);
            }
            return;
        }
        self.observe(now, Act::Released { unit: unit.serial, post });
        self.observe(now, Act::Departed { unit: unit.serial, post });
        let route = &self.flows[unit.flow as usize].route;
        if unit.leg as usize + 1 == route.len() {
            self.finish(slot, now);
            return;
        }
        // Travel between posts p and p+1 is stored under the lower index, both ways.
        let next = route[unit.leg as usize + 1];
        let segment = post.min(next);
        let delay = match &self.scenario.travel[segment][unit.class as usize] {
            Some(sampler) => self.travel[segment].ticks(sampler),
            None => 0,
        };
        queue.schedule_in(delay, Event::Travelled { slot });
    }

    fn start_check(&mut self, slot: u32, queue: &mut EventQueue<Event>) {
        let unit = self.units[slot as usize];
        let post = self.post_of(&unit);
        let check = unit.check as usize;
        let sampler = self.scenario.posts[post].checks[check].service[unit.class as usize]
            .as_ref()
            .expect("a check starts only for classes it has a service time for");
        let delay = self.checks[post][check].service.ticks(sampler);
        queue.schedule_in(delay, Event::CheckDone { slot });
    }

    fn check_done(&mut self, slot: u32, queue: &mut EventQueue<Event>) {
        let now = queue.now();
        let unit = self.units[slot as usize];
        let post = self.post_of(&unit);
        let index = unit.check as usize;
        let resource = self.scenario.posts[post].checks[index].resource;
        if let Some(grant) = self.resources[post][resource].release(now) {
            self.start_check(grant.token, queue);
        }
        let spec = &self.scenario.file.posts[post].checks[index];
        let detect = &mut self.checks[post][index].detect;
        let irregular = unit.tampered || unit.contraband;
        let detected = (unit.tampered && detect.chance(spec.detects_tampered))
            | (unit.contraband && detect.chance(spec.detects_contraband));
        let false_alarm = !irregular && detect.chance(spec.false_alarm);
        let physical = spec.kind == CheckKind::Physical;
        if physical && unit.counted {
            self.physical += 1;
        }
        let outcome = match (detected, false_alarm, physical) {
            (true, _, true) => Outcome::Found,
            (true, _, false) | (false, true, _) => Outcome::Flagged,
            (false, false, _) => Outcome::Clear,
        };
        self.observe(now, Act::Checked { unit: unit.serial, post, check: index, outcome });
        match outcome {
            Outcome::Found => {
                self.observe(now, Act::Held { unit: unit.serial, post });
                if unit.counted {
                    self.caught += 1;
                    self.held[unit.class as usize] += 1;
                }
                self.remove(slot);
            }
            Outcome::Flagged | Outcome::Clear => {
                let u = &mut self.units[slot as usize];
                if physical {
                    // A unit opened and found clean is cleared of earlier suspicion.
                    u.flagged = false;
                } else if outcome == Outcome::Flagged {
                    if !u.flagged && !irregular && u.counted {
                        self.false_alarms += 1;
                    }
                    u.flagged = true;
                }
                u.check += 1;
                self.next_check(slot, queue);
            }
        }
    }

    fn finish(&mut self, slot: u32, now: Time) {
        let unit = self.units[slot as usize];
        let class = unit.class as usize;
        let spec = &self.scenario.file.classes[class];
        let tariff = &self.scenario.file.tariff;
        // Fees are integer minor units; tonnes are rounded to whole tonnes first, as a
        // tariff per tonne is charged on the declared whole-tonne mass.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let tonnes = spec.tonnes_per_unit.round() as u64;
        let fee = tariff.per_unit_minor
            + tariff.per_tonne_minor * tonnes
            + tariff.per_container_minor * u64::from(spec.containers_per_unit);
        let tonnes_exact = spec.tonnes_per_unit;
        self.observe(now, Act::FeeAssessed { unit: unit.serial, amount_minor: fee });
        if unit.counted {
            self.split_fee(fee);
            self.transit[class].push(now.since(unit.entered) / 60_000);
            #[allow(clippy::cast_precision_loss)]
            self.transit_tally[class].add(now.since(unit.entered) as f64 / TICKS_PER_HOUR as f64);
            self.released[class] += 1;
            self.tonnes += tonnes_exact;
        }
        self.remove(slot);
    }

    /// Splits `fee` by the tariff's basis points; the rounding remainder goes to the party
    /// with the largest share (the first such in name order), so no minor unit is lost.
    fn split_fee(&mut self, fee: u64) {
        let split = &self.scenario.file.tariff.split;
        let mut given = 0;
        let mut largest = (0, 0);
        for (i, bp) in split.values().enumerate() {
            let part = fee * u64::from(*bp) / 10_000;
            self.fees[i] = self.fees[i].saturating_add(part);
            given += part;
            if *bp > largest.1 {
                largest = (i, *bp);
            }
        }
        self.fees[largest.0] = self.fees[largest.0].saturating_add(fee - given);
    }

    fn remove(&mut self, slot: u32) {
        self.active -= 1;
        self.free.push(slot);
    }

    fn hour(&mut self, queue: &mut EventQueue<Event>) {
        let now = queue.now();
        // Hour-of-day indices are below 24.
        #[allow(clippy::cast_possible_truncation)]
        let hour_of_day = (self.hours % 24) as usize;
        for (post, resources) in self.resources.iter_mut().enumerate() {
            for (r, resource) in resources.iter_mut().enumerate() {
                let capacity = self.scenario.posts[post].capacity_by_hour[r][hour_of_day];
                if capacity != resource.capacity() {
                    for grant in resource.set_capacity(now, capacity) {
                        // A new shift serves waiting units; their checks start in this tick.
                        queue.schedule_in(0, Event::StartCheck { slot: grant.token });
                    }
                }
            }
        }
        if now == self.warmup_end {
            for resource in self.resources.iter_mut().flatten() {
                resource.reset_statistics(now);
            }
        }
        if now == self.horizon {
            self.snapshot_resources(now);
        }
        if self.detail.series && now < self.horizon {
            let row = self
                .resources
                .iter()
                .map(|rs| {
                    rs.iter().map(|r| u32::try_from(r.queue_length()).unwrap_or(u32::MAX)).sum()
                })
                .collect();
            self.queue_by_hour.push(row);
        }
        self.hours += 1;
        let next = Time(self.hours * TICKS_PER_HOUR);
        if next <= self.horizon || (self.active > 0 && next <= self.drain_end) {
            queue.schedule_at(next, Event::Hour);
        }
    }

    fn snapshot_resources(&mut self, now: Time) {
        let scenario = self.scenario;
        let file = &scenario.file;
        self.resource_reports = self
            .resources
            .iter()
            .enumerate()
            .flat_map(|(p, rs)| {
                rs.iter().enumerate().map(move |(r, resource)| {
                    let spec = &file.posts[p].resources[r];
                    let hours = &scenario.posts[p].capacity_by_hour[r];
                    let mean_capacity = f64::from(hours.iter().sum::<u32>()) / 24.0;
                    ResourceReport {
                        post: file.posts[p].name.clone(),
                        resource: spec.name.clone(),
                        served: resource.waits().count(),
                        mean_wait_minutes: resource.waits().mean() / TICKS_PER_MINUTE,
                        mean_queue: resource.mean_queue_length(now),
                        max_queue: resource.max_queue_length(),
                        utilisation: if mean_capacity > 0.0 {
                            resource.mean_busy(now) / mean_capacity
                        } else {
                            0.0
                        },
                    }
                })
            })
            .collect();
    }
}

impl<O: Observer> Model for Corridor<'_, O> {
    type Event = Event;

    fn handle(&mut self, event: Event, queue: &mut EventQueue<Event>) {
        match event {
            Event::Arrival { flow } => self.arrive(flow as usize, queue),
            Event::CheckDone { slot } => self.check_done(slot, queue),
            Event::StartCheck { slot } => self.start_check(slot, queue),
            Event::Travelled { slot } => {
                self.units[slot as usize].leg += 1;
                self.enter_post(slot, queue);
            }
            Event::Hour => self.hour(queue),
        }
    }
}

/// Runs one replication of `scenario` with `observer` watching every act.
pub fn run<O: Observer>(
    scenario: &Scenario,
    seed: u64,
    replication: u64,
    detail: Detail,
    observer: O,
) -> Result<CorridorReport, Refused<O::Error>> {
    let streams = Streams::new(seed, replication);
    let file = &scenario.file;
    let day = TICKS_PER_HOUR * 24;
    let horizon = Time(u64::from(file.scenario.days) * day);
    let growth_peak =
        (1.0 + file.demand.growth_per_year).powf(f64::from(file.scenario.days) / 365.0).max(1.0);
    let flows = file
        .flows
        .iter()
        .zip(&scenario.flows)
        .enumerate()
        .map(|(i, (flow, compiled))| {
            let peak = compiled.week_profile.iter().copied().fold(0.0, f64::max) * growth_peak;
            // Units per day at the peak intensity, as a mean gap in minutes; a zero flow
            // gets a gap past any horizon.
            let mean_gap =
                if flow.units_per_day > 0.0 { 1440.0 / (flow.units_per_day * peak) } else { 1e12 };
            // Streams are named by what the flow is, not where it sits in the file, so adding
            // or reordering flows leaves the others' arrivals unchanged; identical flows
            // are told apart by their rank among themselves.
            let mut name =
                format!("{}/{}/{}/{:?}", flow.class, flow.origin, flow.destination, flow.direction);
            let twins = file.flows[..i]
                .iter()
                .filter(|f| {
                    (&f.class, &f.origin, &f.destination, f.direction)
                        == (&flow.class, &flow.origin, &flow.destination, flow.direction)
                })
                .count();
            if twins > 0 {
                name.push_str(&format!("#{twins}"));
            }
            FlowState {
                class: compiled.class,
                route: compiled.route.clone(),
                gap: Sampler::new(&Distribution::Exponential { mean: mean_gap }, TICKS_PER_MINUTE)
                    .expect("a positive finite mean is a valid exponential"),
                arrivals: streams.stream(&format!("arrivals/{name}")),
                irregular: streams.stream(&format!("irregular/{name}")),
                peak,
            }
        })
        .collect();
    let checks = file
        .posts
        .iter()
        .map(|post| {
            post.checks
                .iter()
                .map(|check| {
                    let name = format!("{}/{}", post.name, check.name);
                    CheckState {
                        select: streams.stream(&format!("select/{name}")),
                        service: streams.stream(&format!("service/{name}")),
                        detect: streams.stream(&format!("detect/{name}")),
                    }
                })
                .collect()
        })
        .collect();
    let classes = file.classes.len();
    let corridor = Corridor {
        scenario,
        observer,
        failure: None,
        flows,
        resources: scenario
            .posts
            .iter()
            .map(|p| p.capacity_by_hour.iter().map(|h| Resource::new(Time::ZERO, h[0])).collect())
            .collect(),
        checks,
        travel: file.posts.iter().map(|p| streams.stream(&format!("travel/{}", p.name))).collect(),
        units: Vec::new(),
        free: Vec::new(),
        active: 0,
        serial: 0,
        warmup_end: Time(u64::from(file.scenario.warmup_days) * day),
        horizon,
        drain_end: horizon.after(DRAIN_DAYS_MAX * day),
        hours: 0,
        detail,
        transit: vec![Samples::default(); classes],
        transit_tally: vec![Tally::default(); classes],
        released: vec![0; classes],
        held: vec![0; classes],
        tonnes: 0.0,
        fees: vec![0; scenario.parties.len()],
        irregular: 0,
        caught: 0,
        physical: 0,
        false_alarms: 0,
        resource_reports: Vec::new(),
        queue_by_hour: Vec::new(),
    };
    let mut sim = Simulation::new(corridor);
    sim.queue.schedule_at(Time::ZERO, Event::Hour);
    for flow in 0..sim.model.flows.len() {
        sim.model.schedule_arrival(flow, &mut sim.queue);
    }
    // Stop at the first refusal: step by step is cheap, the queue is the loop.
    while let Some(event) = sim.queue.pop() {
        if sim.queue.now() > sim.model.drain_end {
            break;
        }
        sim.model.handle(event, &mut sim.queue);
        if let Some((at, act, source)) = sim.model.failure.take() {
            return Err(Refused { seed, replication, at, act, source });
        }
    }
    let events = sim.queue.processed();
    let m = sim.model;
    let measured_days = f64::from(file.scenario.days - file.scenario.warmup_days);
    let classes = file
        .classes
        .iter()
        .enumerate()
        .map(|(c, class)| {
            let mut samples = m.transit[c].clone();
            let mut hours = |q| samples.quantile(q).map_or(0.0, |minutes| minutes as f64 / 60.0);
            let (p50, p95, p99) = (hours(0.5), hours(0.95), hours(0.99));
            ClassReport {
                class: class.name.clone(),
                released: m.released[c],
                held: m.held[c],
                transit_mean_hours: m.transit_tally[c].mean(),
                transit_p50_hours: p50,
                transit_p95_hours: p95,
                transit_p99_hours: p99,
                transit_minutes: if detail.series {
                    m.transit[c]
                        .values()
                        .iter()
                        .map(|&v| u32::try_from(v).unwrap_or(u32::MAX))
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let released: u64 = m.released.iter().sum();
    #[allow(clippy::cast_precision_loss)]
    let report = CorridorReport {
        replication,
        classes,
        resources: m.resource_reports,
        throughput_units_per_day: released as f64 / measured_days,
        throughput_tonnes_per_year: m.tonnes / measured_days * 365.0,
        fees_minor: scenario.parties.iter().cloned().zip(m.fees.iter().copied()).collect(),
        fees_currency: file.tariff.currency.clone(),
        fees_minor_per_major: file.tariff.minor_per_major,
        core: None,
        irregular: m.irregular,
        caught: m.caught,
        physical_inspections: m.physical,
        false_alarms: m.false_alarms,
        unfinished: m.active,
        events,
        queue_by_hour: m.queue_by_hour,
    };
    Ok(report)
}

/// Figures across replications, each with its 95% confidence interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Regime name.
    pub regime: String,
    /// Replications.
    pub replications: usize,
    /// Per class.
    pub classes: Vec<ClassSummary>,
    /// Per resource.
    pub resources: Vec<ResourceSummary>,
    /// Units released per day.
    pub throughput_units_per_day: Estimate,
    /// Tonnes per year.
    pub throughput_tonnes_per_year: Estimate,
    /// The tariff's currency (ISO 4217).
    pub currency: String,
    /// Fees per party per year, in major units.
    pub fees_per_year: BTreeMap<String, Estimate>,
    /// Share of irregular units caught (0 to 1); replications with none are left out.
    pub caught_share: Estimate,
    /// Physical inspections per day.
    pub physical_inspections_per_day: Estimate,
    /// Units unfinished at the end of the drain.
    pub unfinished: Estimate,
    /// With the core in the loop: statements it applied per simulated day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements_per_day: Option<Estimate>,
    /// With the core in the loop: movements it found overdue (past the regime's time
    /// limit), per replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<Estimate>,
    /// With the core in the loop: inspections and releases a monitor attested, per day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attestations_per_day: Option<Estimate>,
    /// With the core in the loop: contests opened, per replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contests: Option<Estimate>,
    /// With the core in the loop: contests answered (in time or late), per replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contests_answered: Option<Estimate>,
    /// With the core in the loop: contests that passed their deadline unanswered, per
    /// replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contests_overdue: Option<Estimate>,
    /// With the core in the loop: contests the joint commission decided, per replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contests_decided: Option<Estimate>,
    /// With the core in the loop: automatic incidents opened (long holds, unanswered
    /// contests), per replication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_incidents: Option<Estimate>,
}

/// A class across replications.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassSummary {
    /// The class.
    pub class: String,
    /// Units released per replication.
    pub released: Estimate,
    /// Units held per replication.
    pub held: Estimate,
    /// Mean transit hours.
    pub transit_mean_hours: Estimate,
    /// Median.
    pub transit_p50_hours: Estimate,
    /// 95th percentile.
    pub transit_p95_hours: Estimate,
    /// 99th percentile.
    pub transit_p99_hours: Estimate,
}

/// A resource across replications.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceSummary {
    /// The post.
    pub post: String,
    /// The resource.
    pub resource: String,
    /// Mean wait in minutes.
    pub mean_wait_minutes: Estimate,
    /// Mean queue length.
    pub mean_queue: Estimate,
    /// Utilisation.
    pub utilisation: Estimate,
}

/// Summarises replications of `scenario`.
#[must_use]
pub fn summarize(scenario: &Scenario, reports: &[CorridorReport]) -> Summary {
    let est = |f: &dyn Fn(&CorridorReport) -> f64| {
        Estimate::from_replications(&reports.iter().map(f).collect::<Vec<_>>())
    };
    // A count the core gives each replication, when it was in the loop.
    #[allow(clippy::cast_precision_loss)]
    let core_count = |count: &dyn Fn(&CoreFigures) -> u64| {
        reports
            .first()
            .and_then(|r| r.core.as_ref())
            .map(|_| est(&|r| r.core.as_ref().map_or(0.0, |core| count(core) as f64)))
    };
    let file = &scenario.file;
    let measured_days = f64::from(file.scenario.days - file.scenario.warmup_days);
    // Fees, their currency and the regime's name come from the reports: the core's ledger
    // and regime when it was in the loop, the scenario's tariff otherwise.
    let first = reports.first();
    let minor = f64::from(first.map_or(file.tariff.minor_per_major, |r| r.fees_minor_per_major));
    let parties: std::collections::BTreeSet<&String> =
        reports.iter().flat_map(|r| r.fees_minor.keys()).collect();
    let classes = (0..file.classes.len())
        .map(|c| ClassSummary {
            class: file.classes[c].name.clone(),
            #[allow(clippy::cast_precision_loss)]
            released: est(&|r| r.classes[c].released as f64),
            #[allow(clippy::cast_precision_loss)]
            held: est(&|r| r.classes[c].held as f64),
            transit_mean_hours: est(&|r| r.classes[c].transit_mean_hours),
            transit_p50_hours: est(&|r| r.classes[c].transit_p50_hours),
            transit_p95_hours: est(&|r| r.classes[c].transit_p95_hours),
            transit_p99_hours: est(&|r| r.classes[c].transit_p99_hours),
        })
        .collect();
    let resource_count = reports.first().map_or(0, |r| r.resources.len());
    let resources = (0..resource_count)
        .map(|i| ResourceSummary {
            post: reports[0].resources[i].post.clone(),
            resource: reports[0].resources[i].resource.clone(),
            mean_wait_minutes: est(&|r| r.resources[i].mean_wait_minutes),
            mean_queue: est(&|r| r.resources[i].mean_queue),
            utilisation: est(&|r| r.resources[i].utilisation),
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let fees_per_year = parties
        .into_iter()
        .map(|party| {
            let e = est(&|r| {
                r.fees_minor.get(party).copied().unwrap_or(0) as f64 / minor / measured_days * 365.0
            });
            (party.clone(), e)
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let caught: Vec<f64> = reports
        .iter()
        .filter(|r| r.irregular > 0)
        .map(|r| r.caught as f64 / r.irregular as f64)
        .collect();
    Summary {
        scenario: file.scenario.name.clone(),
        regime: first
            .and_then(|r| r.core.as_ref())
            .map_or_else(|| file.regime.name.clone(), |core| core.regime.clone()),
        replications: reports.len(),
        classes,
        resources,
        throughput_units_per_day: est(&|r| r.throughput_units_per_day),
        throughput_tonnes_per_year: est(&|r| r.throughput_tonnes_per_year),
        currency: first.map_or_else(|| file.tariff.currency.clone(), |r| r.fees_currency.clone()),
        fees_per_year,
        caught_share: Estimate::from_replications(&caught),
        #[allow(clippy::cast_precision_loss)]
        physical_inspections_per_day: est(&|r| r.physical_inspections as f64 / measured_days),
        #[allow(clippy::cast_precision_loss)]
        unfinished: est(&|r| r.unfinished as f64),
        #[allow(clippy::cast_precision_loss)]
        statements_per_day: first.and_then(|r| r.core.as_ref()).map(|_| {
            let days = f64::from(file.scenario.days);
            est(&|r| r.core.as_ref().map_or(0.0, |core| core.statements as f64 / days))
        }),
        #[allow(clippy::cast_precision_loss)]
        overdue: first
            .and_then(|r| r.core.as_ref())
            .map(|_| est(&|r| r.core.as_ref().map_or(0.0, |core| core.overdue as f64))),
        #[allow(clippy::cast_precision_loss)]
        attestations_per_day: first.and_then(|r| r.core.as_ref()).map(|_| {
            let days = f64::from(file.scenario.days);
            est(&|r| r.core.as_ref().map_or(0.0, |core| core.attestations as f64 / days))
        }),
        contests: core_count(&|core| core.contests),
        contests_answered: core_count(&|core| core.contests_answered),
        contests_overdue: core_count(&|core| core.contests_overdue),
        contests_decided: core_count(&|core| core.contests_decided),
        #[allow(clippy::cast_precision_loss)]
        automatic_incidents: first
            .and_then(|r| r.core.as_ref())
            .map(|_| est(&|r| r.core.as_ref().map_or(0.0, |core| core.automatic_incidents as f64))),
    }
}
