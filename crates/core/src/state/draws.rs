//! The draw: a `draw` statement's VRF proofs, checked against the charter's keys, resolve
//! the lanes of the arrivals that wait for them (see [`crate::draw`]).

use super::*;
use crate::draw::{CheckedOutputs, DrawProofs, VrfKey, draw_seed};

impl State {
    pub(super) fn resolve_draws(
        &mut self,
        ctx: &ApplyContext,
        draws: &[DrawProofs],
        checked: &CheckedOutputs,
        events: &mut Vec<Event>,
    ) -> Applied {
        let keys: Vec<(usize, VrfKey)> = self.charter.vrf_keys().collect();
        // Check every draw before changing anything, so a refused statement changes nothing.
        let mut resolved = Vec::with_capacity(draws.len());
        for (position, draw) in draws.iter().enumerate() {
            let tree_size = draw.size;
            if draws[..position].iter().any(|earlier| earlier.size == tree_size) {
                return Err(Refusal::DrawListedTwice { tree_size });
            }
            let pending =
                *self.draws_pending.get(&tree_size).ok_or(Refusal::DrawNotPending { tree_size })?;
            if pending.root != draw.root {
                return Err(Refusal::DrawRootMismatch { tree_size });
            }
            if draw.proofs.len() != keys.len() {
                return Err(Refusal::DrawProofCount {
                    tree_size,
                    expected: keys.len(),
                    found: draw.proofs.len(),
                });
            }
            let mut outputs = Vec::with_capacity(keys.len());
            for ((party, key), proof) in keys.iter().zip(&draw.proofs) {
                let output =
                    checked.output(key, tree_size, &draw.root, proof).ok_or_else(|| {
                        Refusal::DrawProofInvalid {
                            tree_size,
                            party: self.charter.parties[*party].id,
                        }
                    })?;
                outputs.push(output);
            }
            resolved.push((tree_size, pending, draw_seed(tree_size, &draw.root, &outputs)));
        }
        for (tree_size, pending, seed) in resolved {
            self.draws_pending.remove(&tree_size);
            let movement = &mut self.movements[pending.movement];
            let visit = movement.visits.last_mut().expect("a pending draw is for a visit");
            assert_eq!(
                visit.pending_draw,
                Some(tree_size),
                "a pending draw is the current visit's"
            );
            visit.pending_draw = None;
            let post = self.charter.corridor.post(visit.post).id;
            events.push(Event::DrawResolved { mrn: movement.mrn, post, tree_size });
            for unit in &mut visit.units {
                let equipment =
                    movement.declaration.equipment[usize::from(unit.equipment_index)].id;
                let facts = UnitFacts {
                    mrn: &movement.mrn,
                    post: &post,
                    equipment: &equipment,
                    carrier: &movement.carrier,
                    goods: &[],
                };
                unit.lane = lane_drawn(
                    unit.lane,
                    &seed,
                    &facts,
                    pending.random_red_ppm,
                    pending.random_yellow_ppm,
                );
                events.push(Event::Selected { mrn: movement.mrn, equipment, lane: unit.lane });
            }
            movement.history.push(ctx.entry_index);
        }
        Ok(())
    }
}
