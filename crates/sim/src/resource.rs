//! Resources: a number of identical servers (desks, seal-check teams, scanners, bays) with
//! one queue ordered by priority, then by arrival.
//!
//! The resource does not schedule anything: it says who holds a server, and the model
//! schedules the end of service. It keeps its own statistics (time-weighted busy servers and
//! queue length, waiting times) so every post reports the same figures the same way.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::engine::Time;
use crate::stats::{Tally, TimeWeighted};

/// Queue priority: lower numbers are served first; equal priorities are served in order of
/// request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Priority(pub u8);

impl Priority {
    /// The most urgent priority.
    pub const URGENT: Priority = Priority(0);
    /// The priority of ordinary traffic.
    pub const NORMAL: Priority = Priority(128);
}

/// A server handed to a waiting requester.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant<T> {
    /// The requester's token (an entity id).
    pub token: T,
    /// Ticks it waited in the queue.
    pub waited: u64,
}

/// What a request got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// A server was free: the requester holds it now.
    Granted,
    /// All servers were busy: the requester waits until a release grants it.
    Queued,
}

struct Waiter<T> {
    // Priority in the high bits, request sequence in the low bits: one comparison orders both.
    key: u128,
    requested: Time,
    token: T,
}

impl<T> PartialEq for Waiter<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<T> Eq for Waiter<T> {}
impl<T> PartialOrd for Waiter<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Waiter<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

/// Identical servers with one priority queue.
pub struct Resource<T> {
    capacity: u32,
    busy: u32,
    sequence: u64,
    waiting: BinaryHeap<Waiter<T>>,
    busy_stat: TimeWeighted,
    queue_stat: TimeWeighted,
    waits: Tally,
    delayed: u64,
}

impl<T> Resource<T> {
    /// A resource of `capacity` servers, all free at `now`.
    #[must_use]
    pub fn new(now: Time, capacity: u32) -> Self {
        Self {
            capacity,
            busy: 0,
            sequence: 0,
            waiting: BinaryHeap::new(),
            busy_stat: TimeWeighted::new(now, 0.0),
            queue_stat: TimeWeighted::new(now, 0.0),
            waits: Tally::default(),
            delayed: 0,
        }
    }

    /// Asks for a server for `token`.
    pub fn request(&mut self, now: Time, priority: Priority, token: T) -> Request {
        if self.busy < self.capacity {
            self.busy += 1;
            self.busy_stat.set(now, f64::from(self.busy));
            self.waits.add(0.0);
            return Request::Granted;
        }
        let key = (u128::from(priority.0) << 64) | u128::from(self.sequence);
        self.sequence += 1;
        self.waiting.push(Waiter { key, requested: now, token });
        self.set_queue_stat(now);
        Request::Queued
    }

    /// Frees one server; if someone waits and capacity allows, they get it.
    pub fn release(&mut self, now: Time) -> Option<Grant<T>> {
        assert!(self.busy > 0, "release of a resource with no busy server");
        if self.busy <= self.capacity
            && let Some(grant) = self.grant_next(now)
        {
            // The server passes straight to the next requester: `busy` is unchanged.
            return Some(grant);
        }
        self.busy -= 1;
        self.busy_stat.set(now, f64::from(self.busy));
        None
    }

    /// Changes the number of servers (a shift change). Servers beyond a lowered capacity
    /// finish their current service first; a raised capacity serves waiters at once.
    pub fn set_capacity(&mut self, now: Time, capacity: u32) -> Vec<Grant<T>> {
        self.capacity = capacity;
        let mut grants = Vec::new();
        while self.busy < self.capacity {
            let Some(grant) = self.grant_next(now) else { break };
            self.busy += 1;
            grants.push(grant);
        }
        self.busy_stat.set(now, f64::from(self.busy));
        grants
    }

    fn grant_next(&mut self, now: Time) -> Option<Grant<T>> {
        let waiter = self.waiting.pop()?;
        self.set_queue_stat(now);
        let waited = now.since(waiter.requested);
        #[allow(clippy::cast_precision_loss)]
        self.waits.add(waited as f64);
        self.delayed += 1;
        Some(Grant { token: waiter.token, waited })
    }

    fn set_queue_stat(&mut self, now: Time) {
        #[allow(clippy::cast_precision_loss)]
        self.queue_stat.set(now, self.waiting.len() as f64);
    }

    /// Forgets the statistics gathered before `now` (the end of a warm-up).
    pub fn reset_statistics(&mut self, now: Time) {
        self.busy_stat.reset(now);
        self.queue_stat.reset(now);
        self.waits = Tally::default();
        self.delayed = 0;
    }

    /// Servers in service now.
    #[must_use]
    pub fn busy(&self) -> u32 {
        self.busy
    }

    /// Servers available now.
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Requesters waiting now.
    #[must_use]
    pub fn queue_length(&self) -> usize {
        self.waiting.len()
    }

    /// Waiting times in ticks of every granted request (zero for those served at once).
    #[must_use]
    pub fn waits(&self) -> &Tally {
        &self.waits
    }

    /// Granted requests that had to wait.
    #[must_use]
    pub fn delayed(&self) -> u64 {
        self.delayed
    }

    /// Time-average queue length up to `now`.
    #[must_use]
    pub fn mean_queue_length(&self, now: Time) -> f64 {
        self.queue_stat.mean(now)
    }

    /// Longest queue seen.
    #[must_use]
    pub fn max_queue_length(&self) -> f64 {
        self.queue_stat.max()
    }

    /// Time-average busy servers up to `now`.
    #[must_use]
    pub fn mean_busy(&self, now: Time) -> f64 {
        self.busy_stat.mean(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_first_then_fifo() {
        let mut r = Resource::new(Time(0), 1);
        assert_eq!(r.request(Time(0), Priority::NORMAL, 'a'), Request::Granted);
        assert_eq!(r.request(Time(1), Priority::NORMAL, 'b'), Request::Queued);
        assert_eq!(r.request(Time(2), Priority::URGENT, 'c'), Request::Queued);
        assert_eq!(r.request(Time(3), Priority::NORMAL, 'd'), Request::Queued);
        let order: Vec<_> = (10..14).map(|t| r.release(Time(t))).collect();
        assert_eq!(
            order,
            vec![
                Some(Grant { token: 'c', waited: 8 }),
                Some(Grant { token: 'b', waited: 10 }),
                Some(Grant { token: 'd', waited: 9 }),
                None
            ]
        );
        assert_eq!(r.busy(), 0);
        assert_eq!(r.delayed(), 3);
        assert_eq!(r.waits().count(), 4);
    }

    #[test]
    fn shifts_raise_and_lower_capacity() {
        let mut r = Resource::new(Time(0), 1);
        r.request(Time(0), Priority::NORMAL, 1);
        r.request(Time(0), Priority::NORMAL, 2);
        r.request(Time(0), Priority::NORMAL, 3);
        let grants = r.set_capacity(Time(5), 3);
        assert_eq!(grants.iter().map(|g| g.token).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(r.busy(), 3);
        r.set_capacity(Time(6), 1);
        r.request(Time(6), Priority::NORMAL, 4);
        // Two servers over the new capacity finish without passing the server on.
        assert_eq!(r.release(Time(7)), None);
        assert_eq!(r.release(Time(8)), None);
        assert_eq!(r.release(Time(9)), Some(Grant { token: 4, waited: 3 }));
        // Busy servers: 1 for 5 ticks, 3 for 2, then 2, 1 and 1.
        assert!((r.mean_busy(Time(10)) - 15.0 / 10.0).abs() < 1e-12);
    }
}
