//! The laws the core must hold, checked on random sequences of statements (right and
//! wrong signers, legal and illegal transitions, time passing):
//!
//! - replaying the log gives a byte-identical digest, whatever the batch boundaries;
//! - the ledger sums to zero; no fee without a release (or a discharge after releases);
//! - no departure from a controlled post without release; no discharge with an open
//!   incident;
//! - a statement from a wrong role, party, unknown or revoked key is refused and changes
//!   nothing (no refused statement changes anything);
//! - selection is a pure function of public data: recomputing it gives the same lanes;
//! - a state decoded from its snapshot behaves exactly like the state for every further
//!   statement (same refusals, same events, same digest), and encoding is deterministic;
//! - a copy of a statement already in the log is never accepted: refused as a duplicate
//!   while it could still be sequenced, as recorded too long ago after, and the state
//!   keeps only the ids of the last week's statements;
//! - the statistics the core keeps per hour and per post give what a fold over the whole
//!   history gives, for any range of hours, days or weeks.

use passage_core::ledger::PostingKind;
use passage_core::movement::MovementStatus;
use passage_core::regime::Lane;
use passage_core::selection::{UnitFacts, lane_on_arrival};
use passage_core::state::{HOUR_MS, PeriodTotals};
use passage_core::statement::{
    EnquiryOutcome, EquipmentId, GuaranteeCover, HoldReason, IncidentKind, IncidentPlace,
    InspectionKind, InspectionOutcome, RECORDED_BEHIND_MS_MAX, SealCondition, SeizureScope,
    Statement,
};
use passage_core::testing::{self, Scenario, ident, test_commitment};
use passage_core::{Account, AmountMinor, Currency, Event, Mrn, Refusal, State};
use proptest::prelude::*;
use proptest::sample::Index;
use std::num::NonZeroU64;

#[derive(Clone, Debug)]
enum Op {
    DeclareTrain(u8),
    DeclareTruck(u16),
    Accept(Index),
    Arrive(Index),
    SealChecks(Index, u8),
    Inspect(Index, bool),
    Release(Index),
    Hold(Index),
    Depart(Index),
    Incident(Index),
    CloseIncident(Index),
    Discharge(Index),
    Cancel(Index),
    Amend(Index),
    Pay(u32),
    Refund(u32),
    Advance(u16),
    Tick,
    RevokeMonitor,
    Wrong(Index, Index),
    Progress(Index),
    Resubmit(Index),
    AdvanceDays(u8),
    Reseal(Index),
    Seize(Index, u8),
    Return(Index),
    ReleasePart(Index),
    IncidentOnSegment(Index, u32),
    IssueGuarantee(u32, bool),
    DeclareGuaranteed(u16, Index),
    OpenEnquiry(Index),
    AnswerEnquiry(Index, bool),
    CloseEnquiry(Index, bool),
    Remit(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (1u8..4).prop_map(Op::DeclareTrain),
        2 => any::<u16>().prop_map(Op::DeclareTruck),
        3 => any::<Index>().prop_map(Op::Accept),
        4 => any::<Index>().prop_map(Op::Arrive),
        4 => (any::<Index>(), 0u8..12).prop_map(|(pick, mode)| Op::SealChecks(pick, mode)),
        3 => (any::<Index>(), any::<bool>()).prop_map(|(pick, physical)| Op::Inspect(pick, physical)),
        4 => any::<Index>().prop_map(Op::Release),
        1 => any::<Index>().prop_map(Op::Hold),
        4 => any::<Index>().prop_map(Op::Depart),
        1 => any::<Index>().prop_map(Op::Incident),
        1 => any::<Index>().prop_map(Op::CloseIncident),
        2 => any::<Index>().prop_map(Op::Discharge),
        1 => any::<Index>().prop_map(Op::Cancel),
        2 => any::<Index>().prop_map(Op::Amend),
        1 => (1u32..10_000_000).prop_map(Op::Pay),
        1 => (1u32..1_000_000).prop_map(Op::Refund),
        2 => (1u16..600).prop_map(Op::Advance),
        1 => Just(Op::Tick),
        1 => Just(Op::RevokeMonitor),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(pick, who)| Op::Wrong(pick, who)),
        24 => any::<Index>().prop_map(Op::Progress),
        3 => any::<Index>().prop_map(Op::Resubmit),
        1 => (1u8..9).prop_map(Op::AdvanceDays),
        2 => any::<Index>().prop_map(Op::Reseal),
        1 => (any::<Index>(), 0u8..3).prop_map(|(pick, scope)| Op::Seize(pick, scope)),
        1 => any::<Index>().prop_map(Op::Return),
        1 => any::<Index>().prop_map(Op::ReleasePart),
        1 => (any::<Index>(), 0u32..50_000).prop_map(|(pick, position)| Op::IncidentOnSegment(pick, position)),
        1 => (1u32..2_000_000_000, any::<bool>()).prop_map(|(amount, individual)| Op::IssueGuarantee(amount, individual)),
        2 => (any::<u16>(), any::<Index>()).prop_map(|(plate, pick)| Op::DeclareGuaranteed(plate, pick)),
        2 => any::<Index>().prop_map(Op::OpenEnquiry),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(pick, holder)| Op::AnswerEnquiry(pick, holder)),
        2 => (any::<Index>(), any::<bool>()).prop_map(|(pick, proof)| Op::CloseEnquiry(pick, proof)),
        1 => (1u32..100_000_000).prop_map(Op::Remit),
    ]
}

const ENTRY: &str = "AM-MEGHRI-E";
const EXIT: &str = "AM-AGARAK-X";

struct Run {
    scenario: Scenario,
    mrns: Vec<Mrn>,
    /// Accepted entries' events, with the entry index.
    applied: Vec<(u64, Vec<Event>)>,
    revoked_monitor: bool,
    /// Every submission's verdict: the entry it became, or the refusal's code.
    verdicts: Vec<Result<u64, &'static str>>,
}

impl Run {
    fn submit(&mut self, signer: &str, statement: Statement) -> Result<(), Refusal> {
        let before = self.scenario.state.digest();
        let outcome = self.scenario.submit(signer, statement);
        self.record(before, outcome)
    }

    /// Submits a copy of an accepted entry's statement, as an offline device syncing twice
    /// would (a node answers it from its store; the core must refuse it).
    fn resubmit(&mut self, pick: &Index) -> Result<(), Refusal> {
        let entries = self.scenario.entries();
        // Entry 0 is the charter, refused after it as a charter whatever its id.
        let (entry, _) = &entries[1 + pick.index(entries.len() - 1)];
        let signed = entry.statement.clone();
        let before = self.scenario.state.digest();
        let outcome = self.scenario.submit_signed(signed);
        self.record(before, outcome)
    }

    fn record(
        &mut self,
        before: [u8; 32],
        outcome: Result<Vec<Event>, Refusal>,
    ) -> Result<(), Refusal> {
        let verdict = match &outcome {
            Ok(_) => Ok(self.scenario.state.next_entry_index() - 1),
            Err(refusal) => Err(refusal.code()),
        };
        self.verdicts.push(verdict);
        match outcome {
            Ok(events) => {
                let index = self.scenario.state.next_entry_index() - 1;
                if let Some(Event::Declared { mrn }) = events.last() {
                    self.mrns.push(*mrn);
                }
                self.applied.push((index, events));
                Ok(())
            }
            Err(refusal) => {
                assert_eq!(before, self.scenario.state.digest(), "refused, yet changed: {refusal}");
                Err(refusal)
            }
        }
    }

    /// One of the three most recent movements, so that histories go deep.
    fn pick(&self, index: &Index) -> Option<Mrn> {
        let recent = &self.mrns[self.mrns.len().saturating_sub(3)..];
        (!recent.is_empty()).then(|| recent[index.index(recent.len())])
    }

    /// The post the movement is at, or the next one on its route.
    fn post_for(&self, mrn: &Mrn) -> &'static str {
        let movement = self.scenario.state.movement(mrn).expect("picked from declared");
        match movement.status {
            MovementStatus::InTransit | MovementStatus::AtDestination => EXIT,
            MovementStatus::AtPost if movement.visits.len() == 2 => EXIT,
            _ => ENTRY,
        }
    }

    fn monitor(&self, post: &str) -> String {
        if self.revoked_monitor && post == ENTRY {
            "monitor-2@AM-MEGHRI-E".to_owned()
        } else {
            format!("monitor@{post}")
        }
    }

    fn apply(&mut self, op: &Op) {
        let customs_entry = format!("customs@{ENTRY}");
        let _ = match op {
            Op::DeclareTrain(count) => {
                let serial = self.mrns.len() as u32 * 10;
                let declaration = testing::container_train(
                    "AM-TRANSIT-RAIL",
                    u32::from(*count),
                    serial,
                    &["2022:850440", "2022:930100", "2017:300220"],
                );
                self.submit("carrier:CASPIAN-RAIL", Statement::Declare(declaration))
            }
            Op::DeclareTruck(plate) => {
                let declaration = testing::truck(
                    "AM-TRANSIT-ROAD",
                    &format!("TR{plate}"),
                    "2022:080810",
                    u64::from(*plate) * 3 + 1000,
                );
                self.submit("carrier:ARAZ-TRUCKS", Statement::Declare(declaration))
            }
            Op::Accept(pick) => match self.pick(pick) {
                Some(mrn) => self.submit(&customs_entry, Statement::Accept { mrn }),
                None => Ok(()),
            },
            Op::Arrive(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    self.submit(&self.monitor(post), Statement::Arrive { mrn, post: ident(post) })
                }
                None => Ok(()),
            },
            Op::SealChecks(pick, mode) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let movement = self.scenario.state.movement(&mrn).expect("declared").clone();
                    for equipment in
                        movement.declaration.equipment.iter().filter(|e| !e.seals.is_empty())
                    {
                        let (condition, seals_found) = match mode {
                            0 => (SealCondition::Broken, equipment.seals.clone()),
                            1 => (SealCondition::Mismatch, vec![ident("FOREIGN-SEAL")]),
                            _ => (SealCondition::Intact, equipment.seals.clone()),
                        };
                        let statement = Statement::SealCheck {
                            mrn,
                            post: ident(post),
                            equipment: equipment.id,
                            condition,
                            seals_found,
                        };
                        let _ = self.submit(&self.monitor(post), statement);
                    }
                    Ok(())
                }
                None => Ok(()),
            },
            Op::Inspect(pick, physical) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let movement = self.scenario.state.movement(&mrn).expect("declared").clone();
                    for unit in &movement.units {
                        let equipment = movement.declaration.equipment[usize::from(*unit)].id;
                        let kind = if *physical {
                            InspectionKind::Physical
                        } else {
                            InspectionKind::Documents
                        };
                        let statement = Statement::Inspection {
                            mrn,
                            post: ident(post),
                            equipment,
                            kind,
                            outcome: InspectionOutcome::Conform,
                            findings: test_commitment("none"),
                        };
                        let _ = self.submit(&format!("customs@{post}"), statement);
                    }
                    Ok(())
                }
                None => Ok(()),
            },
            Op::Release(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    self.submit(
                        &format!("customs@{post}"),
                        Statement::Release { mrn, post: ident(post) },
                    )
                }
                None => Ok(()),
            },
            Op::Hold(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let statement =
                        Statement::Hold { mrn, post: ident(post), reason: HoldReason::Security };
                    self.submit(&format!("customs@{post}"), statement)
                }
                None => Ok(()),
            },
            Op::Depart(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    self.submit(&self.monitor(post), Statement::Depart { mrn, post: ident(post) })
                }
                None => Ok(()),
            },
            Op::Incident(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let statement = Statement::ReportIncident {
                        mrn,
                        kind: IncidentKind::SealBroken,
                        details: test_commitment("seal"),
                    };
                    self.submit(&self.monitor(EXIT), statement)
                }
                None => Ok(()),
            },
            Op::CloseIncident(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let open = self.scenario.state.movement(&mrn).and_then(|movement| {
                        movement.incidents.iter().find(|incident| incident.closed_entry.is_none())
                    });
                    let number = open.map_or(1, |incident| incident.number);
                    let statement = Statement::CloseIncident {
                        mrn,
                        incident: number,
                        resolution: test_commitment("closed"),
                    };
                    self.submit(&format!("customs@{EXIT}"), statement)
                }
                None => Ok(()),
            },
            Op::Reseal(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let movement = self.scenario.state.movement(&mrn).expect("declared").clone();
                    for unit in &movement.units {
                        let equipment = movement.declaration.equipment[usize::from(*unit)].id;
                        let statement = Statement::Reseal {
                            mrn,
                            post: ident(post),
                            equipment,
                            seals: vec![ident(&format!("CS-{unit}-{}", self.mrns.len()))],
                        };
                        let _ = self.submit(&format!("customs@{post}"), statement);
                    }
                    Ok(())
                }
                None => Ok(()),
            },
            Op::Seize(pick, scope) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let scope = SeizureScope::ALL[usize::from(*scope) % SeizureScope::ALL.len()];
                    let statement = Statement::Seize { mrn, post: ident(post), scope };
                    self.submit(&format!("customs@{post}"), statement)
                }
                None => Ok(()),
            },
            Op::Return(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let statement = Statement::Return { mrn, post: ident(post), route: None };
                    self.submit(&format!("customs@{post}"), statement)
                }
                None => Ok(()),
            },
            Op::ReleasePart(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let post = self.post_for(&mrn);
                    let movement = self.scenario.state.movement(&mrn).expect("declared").clone();
                    let detained = movement
                        .units
                        .first()
                        .map(|unit| movement.declaration.equipment[usize::from(*unit)].id);
                    let statement = Statement::ReleasePart {
                        mrn,
                        post: ident(post),
                        detained: detained.into_iter().collect(),
                    };
                    self.submit(&format!("customs@{post}"), statement)
                }
                None => Ok(()),
            },
            Op::IncidentOnSegment(pick, position_m) => match self.pick(pick) {
                Some(mrn) => {
                    let statement = Statement::RecordIncident {
                        mrn,
                        kind: IncidentKind::Accident,
                        place: IncidentPlace::Segment {
                            from: ident(ENTRY),
                            to: ident(EXIT),
                            position_m: *position_m,
                        },
                        transhipments: Vec::new(),
                        details: test_commitment("accident"),
                    };
                    self.submit(&format!("customs@{ENTRY}"), statement)
                }
                None => Ok(()),
            },
            Op::Discharge(pick) => match self.pick(pick) {
                Some(mrn) => self.submit(&format!("customs@{EXIT}"), Statement::Discharge { mrn }),
                None => Ok(()),
            },
            Op::Cancel(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let statement = Statement::Cancel { mrn, reason: ident("CHANGED") };
                    self.submit(&customs_entry, statement)
                }
                None => Ok(()),
            },
            Op::Amend(pick) => match self.pick(pick) {
                Some(mrn) => {
                    let movement = self.scenario.state.movement(&mrn).expect("declared");
                    let declaration = movement.declaration.clone();
                    let carrier = format!("carrier:{}", movement.carrier);
                    self.submit(&carrier, Statement::Amend { mrn, declaration })
                }
                None => Ok(()),
            },
            Op::Pay(amount) | Op::Refund(amount) => {
                let carrier = ident("CASPIAN-RAIL");
                let amount = AmountMinor(i64::from(*amount));
                let currency = Currency::parse("AMD").expect("known");
                let reference = ident("RECEIPT-1");
                let statement = if matches!(op, Op::Pay(_)) {
                    Statement::RecordPayment { carrier, amount, currency, reference }
                } else {
                    Statement::RecordRefund { carrier, amount, currency, reference }
                };
                self.submit(&customs_entry, statement)
            }
            Op::Advance(minutes) => {
                self.scenario.advance_minutes(u64::from(*minutes));
                Ok(())
            }
            Op::Tick => self.submit(&customs_entry, Statement::Tick),
            Op::Resubmit(pick) => {
                let result = self.resubmit(pick);
                // A copy is never accepted: refused as a duplicate within the window,
                // as recorded too long ago past it.
                let code = result.as_ref().err().map(Refusal::code);
                assert!(
                    matches!(code, Some("duplicate_statement" | "recorded_too_long_ago")),
                    "a copy of an accepted statement was not refused as one: {code:?}"
                );
                result
            }
            Op::AdvanceDays(days) => {
                self.scenario.advance_minutes(u64::from(*days) * 24 * 60);
                Ok(())
            }
            Op::RevokeMonitor => {
                if self.revoked_monitor {
                    return;
                }
                let key = testing::public_key_for("monitor@AM-MEGHRI-E");
                self.submit("authority:MON", Statement::RevokeKey { key }).expect("revocable");
                let key = testing::public_key_for("monitor-2@AM-MEGHRI-E");
                let statement = Statement::EnrolOfficer {
                    key,
                    role: passage_core::statement::OfficerRole::Monitor,
                    posts: vec![ident(ENTRY)],
                };
                self.submit("authority:MON", statement).expect("enrollable");
                self.revoked_monitor = true;
                Ok(())
            }
            Op::Progress(pick) => {
                let Some(mrn) = self.pick(pick) else { return };
                self.progress(mrn)
            }
            Op::IssueGuarantee(amount, individual) => {
                let number = self.scenario.state.guarantees().guarantees().count();
                let cover = if *individual {
                    GuaranteeCover::Individual
                } else {
                    GuaranteeCover::Comprehensive
                };
                // Amounts up to 20,000,000.00 AMD: some trucks fit, some do not.
                self.scenario.issue_guarantee(
                    "AM",
                    "BANK-A",
                    &format!("GRN-{number}"),
                    "ARAZ-TRUCKS",
                    cover,
                    AmountMinor(i64::from(*amount)),
                );
                Ok(())
            }
            Op::DeclareGuaranteed(plate, pick) => {
                let issued: Vec<_> =
                    self.scenario.state.guarantees().guarantees().map(|g| g.id).collect();
                let mut declaration = testing::truck(
                    "AM-TRANSIT-ROAD",
                    &format!("GT{plate}"),
                    "2022:080810",
                    u64::from(*plate) * 3 + 1000,
                );
                declaration.guarantee = Some(
                    issued.get(pick.index(issued.len().max(1))).copied().unwrap_or(ident("GRN-0")),
                );
                self.submit("carrier:ARAZ-TRUCKS", Statement::Declare(declaration))
            }
            Op::OpenEnquiry(pick) => match self.pick(pick) {
                Some(mrn) => self.submit(&customs_entry, Statement::OpenEnquiry { mrn }),
                None => Ok(()),
            },
            Op::AnswerEnquiry(pick, holder) => match self.pick(pick) {
                Some(mrn) => {
                    let movement = self.scenario.state.movement(&mrn).expect("declared");
                    let signer = if *holder {
                        format!("carrier:{}", movement.carrier)
                    } else {
                        format!("customs@{EXIT}")
                    };
                    let evidence = test_commitment("exit evidence");
                    self.submit(&signer, Statement::AnswerEnquiry { mrn, evidence })
                }
                None => Ok(()),
            },
            Op::CloseEnquiry(pick, proof) => match self.pick(pick) {
                Some(mrn) => {
                    let outcome = if *proof {
                        EnquiryOutcome::AlternativeProof
                    } else {
                        EnquiryOutcome::Recovery
                    };
                    let resolution = test_commitment("decided");
                    self.submit(
                        &customs_entry,
                        Statement::CloseEnquiry { mrn, outcome, resolution },
                    )
                }
                None => Ok(()),
            },
            Op::Remit(amount) => {
                let statement = Statement::Remit {
                    account: ident("AM-TREASURY"),
                    amount: AmountMinor(i64::from(*amount)),
                    currency: Currency::parse("AMD").expect("known"),
                    reference: ident("TRANSFER"),
                };
                self.submit("authority:AM", statement)
            }
            Op::Wrong(pick, who) => {
                let Some(mrn) = self.pick(pick) else { return };
                let post = self.post_for(&mrn);
                let mut wrong = vec![
                    "stranger".to_owned(),
                    "monitor@AZ-JULFA".to_owned(),
                    "customs@AZ-JULFA".to_owned(),
                    "authority:AM".to_owned(),
                    "carrier:ARAZ-TRUCKS".to_owned(),
                    format!("monitor@{post}"),
                ];
                if self.revoked_monitor {
                    wrong.push("monitor@AM-MEGHRI-E".to_owned());
                }
                let signer = wrong[who.index(wrong.len())].clone();
                // Acts only customs may do; a monitor, an outsider or a carrier is wrong.
                let statements = [
                    Statement::Release { mrn, post: ident(post) },
                    Statement::Accept { mrn },
                    Statement::Discharge { mrn },
                    Statement::Hold { mrn, post: ident(post), reason: HoldReason::Other },
                ];
                let statement = statements[who.index(statements.len())].clone();
                let result = self.submit(&signer, statement);
                assert!(result.is_err(), "{signer} must not be able to act");
                Ok(())
            }
        };
    }
}

impl Run {
    /// The next right step for a movement, whatever it is.
    fn progress(&mut self, mrn: Mrn) -> Result<(), Refusal> {
        let movement = self.scenario.state.movement(&mrn).expect("declared").clone();
        let post = self.post_for(&mrn);
        let customs = format!("customs@{post}");
        match movement.status {
            MovementStatus::Declared => self.submit(&customs, Statement::Accept { mrn }),
            MovementStatus::Accepted | MovementStatus::InTransit => {
                self.submit(&self.monitor(post), Statement::Arrive { mrn, post: ident(post) })
            }
            MovementStatus::AtPost | MovementStatus::AtDestination => {
                let visit = movement.visits.last().expect("at a post");
                for unit in &visit.units {
                    let equipment =
                        &movement.declaration.equipment[usize::from(unit.equipment_index)];
                    if unit.seal.is_none() && !equipment.seals.is_empty() {
                        let statement = Statement::SealCheck {
                            mrn,
                            post: ident(post),
                            equipment: equipment.id,
                            condition: SealCondition::Intact,
                            seals_found: equipment.seals.clone(),
                        };
                        return self.submit(&self.monitor(post), statement);
                    }
                    if unit.lane != Lane::Green
                        && unit.inspection.is_none_or(|(kind, _)| kind != InspectionKind::Physical)
                    {
                        let statement = Statement::Inspection {
                            mrn,
                            post: ident(post),
                            equipment: equipment.id,
                            kind: InspectionKind::Physical,
                            outcome: InspectionOutcome::Conform,
                            findings: test_commitment("none"),
                        };
                        return self.submit(&customs, statement);
                    }
                }
                if visit.released_at.is_none() || visit.held.is_some() {
                    self.submit(&customs, Statement::Release { mrn, post: ident(post) })
                } else if movement.status == MovementStatus::AtPost {
                    self.submit(&self.monitor(post), Statement::Depart { mrn, post: ident(post) })
                } else if let Some(open) =
                    movement.incidents.iter().find(|i| i.closed_entry.is_none())
                {
                    let statement = Statement::CloseIncident {
                        mrn,
                        incident: open.number,
                        resolution: test_commitment("resolved"),
                    };
                    self.submit(&customs, statement)
                } else {
                    self.submit(&customs, Statement::Discharge { mrn })
                }
            }
            _ => Ok(()),
        }
    }
}

/// The draw seed a `draw` entry gives the tree of `tree_size` entries, recomputed from its
/// proofs and the charter's VRF keys.
fn seed_in_entry(state: &State, entry: &passage_core::Entry, tree_size: u64) -> [u8; 32] {
    let recorded = entry.statement.decode_statement().expect("decodes");
    let Statement::Draw { draws } = recorded.statement else { panic!("a draw entry") };
    let draw = draws.iter().find(|draw| draw.size == tree_size).expect("the draw is listed");
    let outputs: Vec<[u8; 64]> = state
        .charter()
        .vrf_keys()
        .zip(&draw.proofs)
        .map(|((_, key), proof)| key.verify(draw.size, &draw.root, proof).expect("verifies"))
        .collect();
    passage_core::draw::draw_seed(draw.size, &draw.root, &outputs)
}

fn check_laws(run: &Run) {
    let state = &run.scenario.state;
    // The ids kept for the duplicate rule are exactly the statements after the charter
    // recorded within the week before the log's time: the window, not the history.
    let within_window = run.scenario.entries()[1..]
        .iter()
        .filter(|(entry, _)| {
            let recorded = entry.statement.decode_statement().expect("accepted entries decode");
            recorded.recorded_at.0 + RECORDED_BEHIND_MS_MAX >= state.time().0
        })
        .count();
    assert_eq!(state.recent_statement_count(), within_window);
    // Replay, whole and with a snapshot at every batch boundary, gives the same digest.
    let entries = run.scenario.entries();
    assert_eq!(testing::replay(entries).digest(), state.digest());
    for cut in [1, entries.len() / 3, entries.len() / 2, entries.len() - 1] {
        let snapshot: State = testing::replay(&entries[..cut.max(1)]);
        let mut resumed = snapshot.clone();
        for (index, (entry, leaf_hash)) in entries.iter().enumerate().skip(cut.max(1)) {
            let ctx = passage_core::ApplyContext {
                entry_index: index as u64,
                time: entry.sequenced_at,
                leaf_hash: *leaf_hash,
            };
            resumed.apply_signed(&ctx, &entry.statement).expect("replays");
        }
        assert_eq!(resumed.digest(), state.digest(), "batch boundary at {cut}");
    }
    // Money is conserved.
    let amd = Currency::parse("AMD").expect("known");
    assert_eq!(state.ledger().total(amd), 0);
    // A guarantee is never engaged beyond its reference amount; what it lists as engaged
    // is what live movements engage; finished movements engage nothing and no enquiry is
    // open into one.
    let book = state.guarantees();
    for guarantee in book.guarantees() {
        let listed: i64 = guarantee.engagements.values().map(|amount| amount.0).sum();
        assert_eq!(guarantee.engaged.0, listed, "{}", guarantee.id);
        assert!(guarantee.remaining().0 >= 0, "{} over-engaged", guarantee.id);
        assert!(guarantee.called.0 >= 0);
    }
    for movement in state.movements() {
        let finished = matches!(
            movement.status,
            MovementStatus::Discharged
                | MovementStatus::Cancelled
                | MovementStatus::Refused
                | MovementStatus::Recovered
        );
        if finished {
            assert!(book.engagement(&movement.mrn).is_none(), "{} still engages", movement.mrn);
            assert!(book.enquiry(&movement.mrn).is_none(), "{} ended, enquiry open", movement.mrn);
        }
    }
    // Treasuries only ever receive.
    for ((account, _), balance) in state.ledger().balances() {
        if matches!(account, Account::Treasury(_)) {
            assert!(balance.0 > 0, "{account} is not negative");
        }
        if matches!(account, Account::Revenue(_)) {
            assert!(balance.0 >= 0, "{account} is never remitted beyond its balance");
        }
    }
    for (_, events) in &run.applied {
        for event in events {
            if let Event::FeeAssessed { mrn, .. } = event {
                let released = events.iter().any(|other| {
                    matches!(other, Event::Released { mrn: m, .. } | Event::Discharged { mrn: m } if m == mrn)
                });
                assert!(released, "fee for {mrn} without release or discharge");
            }
        }
    }
    for movement in state.movements() {
        for visit in &movement.visits {
            if visit.departed_at.is_some() && visit.controlled {
                assert!(visit.released_at.is_some(), "{} left a post unreleased", movement.mrn);
            }
        }
        if movement.status == MovementStatus::Discharged {
            assert_eq!(movement.open_incidents, 0, "{} discharged with incidents", movement.mrn);
        }
    }
    // Selection recomputes from public data: the rules, and the seed the parties' VRF
    // outputs in the draw entry give.
    for (index, events) in &run.applied {
        // The events of an arrival, then of the draw that follows it (the scenario draws
        // at once): each `Selected` is drawn with the context the event before it set.
        let mut drawn = None;
        for event in events {
            match event {
                Event::Arrived { mrn, post } => drawn = Some((*mrn, *post, [0; 32])),
                Event::DrawResolved { mrn, post, tree_size } => {
                    let seed = seed_in_entry(state, &entries[*index as usize].0, *tree_size);
                    drawn = Some((*mrn, *post, seed));
                }
                _ => {}
            }
            let Event::Selected { equipment, lane, .. } = event else { continue };
            let (mrn, post, seed) = drawn.expect("a selection follows an arrival or a draw");
            let movement = state.movement(&mrn).expect("declared");
            let goods: Vec<_> = movement
                .declaration
                .goods
                .iter()
                .filter(|item| {
                    movement.declaration.equipment[usize::from(item.equipment_index)].id
                        == *equipment
                })
                .map(|item| (item.hs_code, item.origin))
                .collect();
            let facts = UnitFacts {
                mrn: &mrn,
                post: &post,
                equipment,
                carrier: &movement.carrier,
                goods: &goods,
            };
            assert_eq!(lane_on_arrival(state.regime(), &seed, &facts), *lane, "{mrn} {equipment}");
            if goods.iter().any(|(hs, _)| hs.starts_with(b"93")) {
                assert_eq!(*lane, Lane::Red, "arms are always red");
            }
            let _: &EquipmentId = equipment;
        }
    }
    statistics_agree_with_the_fold(state);
}

/// The totals of `periods` periods of `hours` hours from `first_hour`, folded from every
/// movement and ledger leg as the node's statistics route did before the core kept totals
/// per hour: the oracle the kept totals must agree with.
fn folded_totals(state: &State, first_hour: u64, hours: u64, periods: usize) -> Vec<PeriodTotals> {
    let from = first_hour * HOUR_MS;
    let step = hours * HOUR_MS;
    let to = from + step * periods as u64;
    let bucket = |time: u64| (from..to).contains(&time).then(|| ((time - from) / step) as usize);
    let mut totals = vec![PeriodTotals::default(); periods];
    let corridor = state.corridor();
    for movement in state.movements() {
        if let Some(index) = bucket(movement.declared_at.0) {
            totals[index].declared += 1;
        }
        let destination = corridor.routes[movement.route].posts.last().copied();
        for visit in &movement.visits {
            if Some(visit.post) == destination
                && let Some(index) = bucket(visit.arrived_at.0)
            {
                totals[index].arrived_at_destination += 1;
            }
            if let Some(departed) = visit.departed_at
                && let Some(index) = bucket(departed.0)
            {
                let dwell_ms = departed.0.saturating_sub(visit.arrived_at.0);
                let line = totals[index].dwell.entry(visit.post).or_default();
                line.departures += 1;
                line.total_ms += dwell_ms;
                line.max_ms = line.max_ms.max(dwell_ms);
            }
        }
    }
    for leg in state.ledger().legs() {
        let Some(index) = bucket(leg.time.0) else { continue };
        match (leg.kind, leg.account) {
            // A fee debits the carrier's account; a payment credits it.
            (PostingKind::Fee, Account::Carrier(_)) => {
                *totals[index].fees.entry(leg.currency).or_default() -= leg.amount.0;
            }
            (PostingKind::Payment, Account::Carrier(_)) => {
                *totals[index].payments.entry(leg.currency).or_default() += leg.amount.0;
            }
            _ => {}
        }
    }
    totals
}

fn statistics_agree_with_the_fold(state: &State) {
    // The movements at each post, counted as they arrive and leave, against a walk.
    for (post, count) in state.movement_counts_at_posts().iter().enumerate() {
        let walked = state.movements_at_post(post as u16).count() as u64;
        assert_eq!(*count, walked, "movements at post {post}");
    }
    // Ranges around everything counted: by hour, by day and by week over all of it, and by
    // hour and by three hours from 20:00 on the first day, so periods cross midnight.
    let hours: Vec<u64> = state.hour_totals().map(|(hour, _)| hour).collect();
    let (Some(first), Some(last)) = (hours.first(), hours.last()) else { return };
    let first_day = first / 24;
    let days = last / 24 - first_day + 2;
    let ranges = [
        (first.saturating_sub(1), 1, (last - first + 3) as usize),
        (first_day * 24, 24, days as usize),
        (first_day / 7 * 168, 168, (days / 7 + 2) as usize),
        (first_day * 24 + 20, 1, 30),
        (first_day * 24 + 20, 3, (days * 8) as usize),
    ];
    for (first_hour, hours_per_period, periods) in ranges {
        let kept = state.totals_by_period(
            first_hour,
            NonZeroU64::new(hours_per_period).expect("positive"),
            periods,
        );
        let folded = folded_totals(state, first_hour, hours_per_period, periods);
        assert_eq!(
            kept, folded,
            "{periods} periods of {hours_per_period} h from hour {first_hour}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn laws_hold_for_random_histories(ops in prop::collection::vec(op(), 1..80)) {
        let mut run = Run {
            scenario: Scenario::syunik(),
            mrns: Vec::new(),
            applied: Vec::new(),
            revoked_monitor: false,
            verdicts: Vec::new(),
        };
        for op in &ops {
            run.apply(op);
        }
        check_laws(&run);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Histories spread over days: before each statement the clock may jump up to ten
    /// hours, so the hours counted cross midnights and the week's boundary.
    #[test]
    fn statistics_per_hour_agree_with_the_fold_over_days(
        ops in prop::collection::vec(
            (op(), prop::option::weighted(0.3, 1u16..600)),
            1..120,
        ),
    ) {
        let mut run = Run {
            scenario: Scenario::syunik(),
            mrns: Vec::new(),
            applied: Vec::new(),
            revoked_monitor: false,
            verdicts: Vec::new(),
        };
        for (op, jump) in &ops {
            if let Some(minutes) = jump {
                run.scenario.advance_minutes(u64::from(*minutes));
            }
            run.apply(op);
        }
        statistics_agree_with_the_fold(&run.scenario.state);
        // And a state decoded from its snapshot keeps the same totals.
        let bytes = run.scenario.state.encode_snapshot();
        let decoded = State::decode_snapshot(&bytes).expect("a snapshot decodes");
        statistics_agree_with_the_fold(&decoded);
        prop_assert_eq!(decoded.digest(), run.scenario.state.digest());
    }
}

/// Runs `ops`, swapping the state for the one decoded from its snapshot after `cut` of
/// them (never, if `cut` is `None`).
fn run_with_snapshot_at(ops: &[Op], cut: Option<usize>) -> Run {
    let mut run = Run {
        scenario: Scenario::syunik(),
        mrns: Vec::new(),
        applied: Vec::new(),
        revoked_monitor: false,
        verdicts: Vec::new(),
    };
    for (position, op) in ops.iter().enumerate() {
        if cut == Some(position) {
            let bytes = run.scenario.state.encode_snapshot();
            let decoded = State::decode_snapshot(&bytes).expect("a snapshot decodes");
            assert_eq!(decoded.encode_snapshot(), bytes, "the snapshot re-encodes to itself");
            assert_eq!(decoded.digest(), run.scenario.state.digest());
            run.scenario.state = decoded;
        }
        run.apply(op);
    }
    run
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_decoded_snapshot_behaves_like_the_state(
        ops in prop::collection::vec(op(), 1..80),
        cut in any::<Index>(),
    ) {
        let whole = run_with_snapshot_at(&ops, None);
        let resumed = run_with_snapshot_at(&ops, Some(cut.index(ops.len())));
        prop_assert_eq!(&resumed.verdicts, &whole.verdicts);
        prop_assert_eq!(&resumed.applied, &whole.applied);
        prop_assert_eq!(resumed.scenario.state.digest(), whole.scenario.state.digest());
        prop_assert_eq!(
            resumed.scenario.state.encode_snapshot(),
            whole.scenario.state.encode_snapshot()
        );
    }
}

#[test]
fn complete_journeys_satisfy_the_laws() {
    // A history where everything goes right, so the laws are also checked on fees,
    // departures and discharges that certainly happen.
    let mut run = Run {
        scenario: Scenario::syunik(),
        mrns: Vec::new(),
        applied: Vec::new(),
        revoked_monitor: false,
        verdicts: Vec::new(),
    };
    for number in 0..6u32 {
        let train = testing::container_train(
            "AM-TRANSIT-RAIL",
            3,
            number * 10,
            &["2022:930100", "2022:850440"],
        );
        let mrn = run.scenario.declare_accepted("CASPIAN-RAIL", train);
        let start = run.scenario.state.next_entry_index();
        run.scenario.complete(mrn);
        let _ = start;
    }
    // Re-collect events by replaying entry by entry, as an auditor would.
    let entries = run.scenario.entries().to_vec();
    let mut state: Option<State> = None;
    for (index, (entry, _)) in entries.iter().enumerate() {
        let events =
            passage_core::fold::apply_entry(&mut state, index as u64, entry).expect("replays");
        run.applied.push((index as u64, events));
    }
    let discharged = run.scenario.state.movements_with_status(MovementStatus::Discharged).count();
    assert_eq!(discharged, 6);
    check_laws(&run);
}
