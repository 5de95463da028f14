//! Virtual time, the event queue and the run loop.
//!
//! Time is an integer count of ticks; a scenario says how long a tick is (the corridor uses
//! milliseconds, the queueing models a millionth of their time unit). Events scheduled for
//! the same tick come back in the order they were scheduled, so a run depends only on its
//! inputs, never on heap layout or hashing.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A point in virtual time, in ticks since the start of the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Time(pub u64);

impl Time {
    /// The start of every run.
    pub const ZERO: Time = Time(0);

    /// This time plus `ticks`, saturating at the end of representable time.
    #[must_use]
    pub fn after(self, ticks: u64) -> Time {
        Time(self.0.saturating_add(ticks))
    }

    /// Ticks from `earlier` to this time; zero if `earlier` is later.
    #[must_use]
    pub fn since(self, earlier: Time) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// One pending event. The key packs the time (high 64 bits) and the scheduling sequence
/// number (low 64 bits) so that one integer comparison orders the heap.
struct Scheduled<E> {
    key: u128,
    event: E,
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Scheduled<E> {}
impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Scheduled<E> {
    // `BinaryHeap` is a max-heap; reversing the key makes it pop the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

/// The pending events of one run, in virtual-time order with stable tie-breaking.
pub struct EventQueue<E> {
    now: Time,
    sequence: u64,
    heap: BinaryHeap<Scheduled<E>>,
    processed: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    /// An empty queue at time zero.
    #[must_use]
    pub fn new() -> Self {
        Self { now: Time::ZERO, sequence: 0, heap: BinaryHeap::new(), processed: 0 }
    }

    /// The current virtual time: the time of the event being handled.
    #[must_use]
    pub fn now(&self) -> Time {
        self.now
    }

    /// Events handed out so far.
    #[must_use]
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// Events still pending.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.heap.len()
    }

    /// Schedules `event` `delay` ticks from now.
    pub fn schedule_in(&mut self, delay: u64, event: E) {
        self.schedule_at(self.now.after(delay), event);
    }

    /// Schedules `event` at `at`, which must not lie in the past: an event before `now`
    /// would make the run depend on when it was scheduled rather than on virtual time.
    pub fn schedule_at(&mut self, at: Time, event: E) {
        assert!(at >= self.now, "event scheduled in the past: {at:?} < {:?}", self.now);
        let key = (u128::from(at.0) << 64) | u128::from(self.sequence);
        self.sequence += 1;
        self.heap.push(Scheduled { key, event });
    }

    /// The time of the next event, if any.
    #[must_use]
    pub fn next_time(&self) -> Option<Time> {
        // The high half of the key is the time; truncation keeps exactly those bits.
        #[allow(clippy::cast_possible_truncation)]
        self.heap.peek().map(|next| Time((next.key >> 64) as u64))
    }

    /// Removes the next event and advances `now` to its time.
    pub fn pop(&mut self) -> Option<E> {
        let next = self.heap.pop()?;
        #[allow(clippy::cast_possible_truncation)]
        let at = Time((next.key >> 64) as u64);
        assert!(at >= self.now, "virtual time must not run backwards");
        self.now = at;
        self.processed += 1;
        Some(next.event)
    }
}

/// A simulated system: it owns its entities and resources and reacts to its events.
pub trait Model {
    /// What the model schedules for itself; small `Copy` enums keep the queue fast.
    type Event;

    /// Handles one event at `queue.now()`, scheduling any follow-up events on `queue`.
    fn handle(&mut self, event: Self::Event, queue: &mut EventQueue<Self::Event>);
}

/// Why a run stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// No events were left.
    Exhausted,
    /// The next event lies after the requested horizon; it stays pending.
    Horizon,
}

/// A model together with its event queue.
pub struct Simulation<M: Model> {
    /// The simulated system.
    pub model: M,
    /// Its pending events.
    pub queue: EventQueue<M::Event>,
}

impl<M: Model> Simulation<M> {
    /// A simulation of `model` with no pending events at time zero.
    pub fn new(model: M) -> Self {
        Self { model, queue: EventQueue::new() }
    }

    /// Handles events until none are left.
    pub fn run(&mut self) -> RunOutcome {
        while let Some(event) = self.queue.pop() {
            self.model.handle(event, &mut self.queue);
        }
        RunOutcome::Exhausted
    }

    /// Handles every event at or before `horizon`; later events stay pending.
    pub fn run_until(&mut self, horizon: Time) -> RunOutcome {
        loop {
            match self.queue.next_time() {
                None => return RunOutcome::Exhausted,
                Some(at) if at > horizon => return RunOutcome::Horizon,
                Some(_) => {
                    if let Some(event) = self.queue.pop() {
                        self.model.handle(event, &mut self.queue);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Recorder(Vec<(u64, u32)>);

    impl Model for Recorder {
        type Event = u32;
        fn handle(&mut self, event: u32, queue: &mut EventQueue<u32>) {
            self.0.push((queue.now().0, event));
            if event == 1 {
                // Same-tick follow-ups come after everything already scheduled for this tick.
                queue.schedule_in(0, 10);
            }
        }
    }

    #[test]
    fn events_come_in_time_order_with_ties_in_scheduling_order() {
        let mut sim = Simulation::new(Recorder(Vec::new()));
        sim.queue.schedule_at(Time(5), 3);
        sim.queue.schedule_at(Time(2), 1);
        sim.queue.schedule_at(Time(2), 2);
        sim.queue.schedule_at(Time(9), 4);
        assert_eq!(sim.run_until(Time(5)), RunOutcome::Horizon);
        assert_eq!(sim.model.0, vec![(2, 1), (2, 2), (2, 10), (5, 3)]);
        assert_eq!(sim.queue.pending(), 1);
        assert_eq!(sim.run(), RunOutcome::Exhausted);
        assert_eq!(sim.model.0.last(), Some(&(9, 4)));
        assert_eq!(sim.queue.processed(), 5);
    }
}
