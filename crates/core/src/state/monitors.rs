//! The monitors' own voice: observations and dissents, contests and their answers,
//! referral to the joint commission and its decisions by quorum, the mission's mandate,
//! the automatic incidents (an unanswered contest past its deadline, a hold longer than
//! the regime's threshold) and the daily report, whose figures the core keeps as it
//! applies and recomputes when the mission signs them. Each rule validates first and
//! mutates after; `apply` restores the whole book (a persistent copy) on a refusal.
//!
//! The day of a figure is the UTC day of the entry's sequenced time, not of the act's
//! recorded time: a device that syncs a week late would otherwise change the figures of a
//! day whose report is signed. The log's day is final once the log's time passes it.

use super::*;
use crate::charter::Mandate;
use crate::monitoring::{
    ActRecord, AutomaticCause, AutomaticIncident, CONTESTABLE_FOR_MS, CONTESTS_OPEN_MAX,
    CORRIDOR_WIDE, Contest, Contester, DAY_FIGURES_KEPT_MS, FigureKey, HoldUnderWay,
    MonitoringEvent, MonitoringRefusal, NO_DETAIL,
};
use crate::statement::{
    ContestAnswer, ContestDecision, DAY_MS, Figure, FigureLine, IncidentPlace, ObservationCategory,
    StatementKind,
};

impl State {
    /// The party whose authority or officer holds `key`, if either.
    fn acting_party(&self, key: &PublicKey) -> Option<usize> {
        match self.key(key)?.holder {
            Holder::Authority { party } | Holder::Officer { party, .. } => Some(party),
            _ => None,
        }
    }

    /// Refuses a statement of a mission key outside the mandate, by the entry's sequenced
    /// time (a recorded time could be set back a week; the sequencer's cannot). A vote on
    /// the mandate itself is never refused here, so the mission can take part in its
    /// renewal; a draw's authority is its proofs, not its signer.
    pub(super) fn check_mandate(
        &self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        kind: StatementKind,
    ) -> Applied {
        if matches!(kind, StatementKind::ChangeMandate | StatementKind::Draw) {
            return Ok(());
        }
        let Some(mission) = self.charter.mission() else {
            return Ok(());
        };
        if self.acting_party(signer) != Some(mission) {
            return Ok(());
        }
        if let Some(starts) = self.charter.mandate.starts
            && sequenced.time < starts
        {
            return Err(MonitoringRefusal::MandateNotStarted { starts }.into());
        }
        if let Some(ends) = self.monitors.mandate_ends
            && sequenced.time >= ends
        {
            return Err(MonitoringRefusal::MandateEnded { ends }.into());
        }
        Ok(())
    }

    /// The mandate now in force: the charter's start, the end the parties last agreed.
    pub fn mandate(&self) -> Mandate {
        Mandate { starts: self.charter.mandate.starts, ends: self.monitors.mandate_ends }
    }

    fn monitor_posts(
        &self,
        key: &PublicKey,
        action: &'static str,
    ) -> Result<&[PostIndex], Refusal> {
        match &self.key_record(key)?.holder {
            Holder::Officer { role: OfficerRole::Monitor, posts, .. } => Ok(posts),
            _ => Err(MonitoringRefusal::NotAMonitor { key: *key, action }.into()),
        }
    }

    /// Adds `value` to a figure of the day of `time`.
    fn count_figure(
        &mut self,
        time: Timestamp,
        place: u16,
        figure: Figure,
        detail: u16,
        value: u64,
    ) {
        if value == 0 {
            return;
        }
        let day = self.monitors.days.entry(time.day()).or_default();
        let slot = day.entry((place, figure, detail)).or_insert(0);
        *slot = slot.saturating_add(value);
    }

    /// Raises a figure of the day of `time` to `value` if it is lower (the longest dwell,
    /// the longest hold).
    fn raise_figure(&mut self, time: Timestamp, place: u16, figure: Figure, value: u64) {
        if value == 0 {
            return;
        }
        let day = self.monitors.days.entry(time.day()).or_default();
        let slot = day.entry((place, figure, NO_DETAIL)).or_insert(0);
        *slot = (*slot).max(value);
    }

    // ----- Time ------------------------------------------------------------------------

    /// What the passage of time does: unanswered contests past their deadline and holds
    /// past the threshold open automatic incidents (each once: its deadline leaves the
    /// queue as it fires), a rejected contest not referred within its window leaves the
    /// state, and acts and day figures past their keeping leave it.
    pub(super) fn advance_monitoring(&mut self, sequenced: &ApplyContext, events: &mut Vec<Event>) {
        while let Some(&(deadline, number)) = self.monitors.contest_deadlines.get_min() {
            if deadline > sequenced.time {
                break;
            }
            self.monitors.contest_deadlines.remove_min();
            let contest =
                self.monitors.contests.get_mut(&number).expect("a deadline names a contest");
            if contest.answer.is_some() {
                // The referral window of a rejected contest closed.
                self.monitors.remove_contest(number);
                continue;
            }
            contest.overdue = true;
            self.monitors.totals.contests_overdue += 1;
            self.count_figure(sequenced.time, CORRIDOR_WIDE, Figure::ContestsOverdue, NO_DETAIL, 1);
            let cause = AutomaticCause::ContestUnanswered { contest: number };
            self.open_automatic(sequenced, deadline, cause, CORRIDOR_WIDE, events);
        }
        while let Some(&(deadline, mrn)) = self.monitors.hold_deadlines.get_min() {
            if deadline > sequenced.time {
                break;
            }
            self.monitors.hold_deadlines.remove_min();
            let post = self.monitors.holds.get(&mrn).expect("a deadline names a hold").post;
            let cause = AutomaticCause::LongHold { mrn, post };
            let number = self.open_automatic(sequenced, deadline, cause, post, events);
            self.monitors.holds.get_mut(&mrn).expect("checked above").incident = Some(number);
        }
        while let Some(&(entry, act)) = self.monitors.acts.get_min() {
            if act.sequenced_at.plus_ms(CONTESTABLE_FOR_MS) > sequenced.time {
                break;
            }
            self.monitors.acts.remove(&entry);
        }
        while let Some((day, _)) = self.monitors.days.get_min() {
            let kept_until = Timestamp::start_of_day(day + 1).plus_ms(DAY_FIGURES_KEPT_MS);
            if kept_until > sequenced.time {
                break;
            }
            let day = *day;
            self.monitors.days.remove(&day);
        }
    }

    fn open_automatic(
        &mut self,
        sequenced: &ApplyContext,
        opened_at: Timestamp,
        cause: AutomaticCause,
        place: u16,
        events: &mut Vec<Event>,
    ) -> u64 {
        self.monitors.totals.automatic_incidents += 1;
        let number = self.monitors.totals.automatic_incidents;
        self.monitors.insert_automatic(AutomaticIncident {
            number,
            cause,
            opened_at,
            opened_entry: sequenced.entry_index,
        });
        self.count_figure(sequenced.time, place, Figure::AutomaticIncidents, NO_DETAIL, 1);
        events.push(Event::Monitoring(MonitoringEvent::AutomaticIncidentOpened { number, cause }));
        number
    }

    fn close_automatic(&mut self, number: u64, events: &mut Vec<Event>) {
        if self.monitors.remove_automatic(number).is_some() {
            events.push(Event::Monitoring(MonitoringEvent::AutomaticIncidentClosed { number }));
        }
    }

    fn close_automatic_for_contest(&mut self, contest: u64, events: &mut Vec<Event>) {
        if let Some(number) = self.monitors.automatic_of_contest(contest) {
            self.close_automatic(number, events);
        }
    }

    // ----- After every accepted statement -----------------------------------------------

    /// Counts what the statement's events (from `start`) did into the day's figures, keeps
    /// a party's act while it is contestable, and follows the holds: one that begins is
    /// queued for the threshold, one that ended (released, returned, seized, released in
    /// part, or by a decision) adds its length and closes its automatic incident.
    pub(super) fn after_statement(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        statement: &Statement,
        events: &mut Vec<Event>,
        start: usize,
    ) {
        // A tick or a draw is no act of the party whose key carries it.
        let act = !matches!(statement, Statement::Tick | Statement::Draw { .. });
        if let Some(party) = self.acting_party(signer).filter(|_| act) {
            self.monitors.acts.insert(
                sequenced.entry_index,
                ActRecord {
                    sequenced_at: sequenced.time,
                    party,
                    kind: statement.kind(),
                    mrn: statement.mrn(),
                },
            );
        }
        let time = sequenced.time;
        let mut touched: Vec<Mrn> = Vec::new();
        for event in &events[start..] {
            let Some(mrn) = event_mrn(event) else { continue };
            if !touched.contains(&mrn) {
                touched.push(mrn);
            }
            let Some(movement) = self.movement(&mrn) else { continue };
            let last_visit = movement.visits.last();
            match event {
                Event::Arrived { .. } => {
                    let visit = last_visit.expect("an arrival makes a visit");
                    let route = movement.route as u16;
                    self.count_figure(time, visit.post, Figure::Arrivals, route, 1);
                }
                Event::Departed { .. } => {
                    let visit = last_visit.expect("a departure ends a visit");
                    let (post, dwell) = (
                        visit.post,
                        visit
                            .departed_at
                            .map_or(0, |departed| departed.0.saturating_sub(visit.arrived_at.0)),
                    );
                    self.count_figure(time, post, Figure::Departures, NO_DETAIL, 1);
                    self.count_figure(time, post, Figure::DwellTotalMs, NO_DETAIL, dwell);
                    self.raise_figure(time, post, Figure::DwellLongestMs, dwell);
                }
                Event::Inspected { equipment, outcome, .. } => {
                    let visit = last_visit.expect("an inspection is at a post");
                    let lane = movement
                        .equipment_index(equipment)
                        .and_then(|index| {
                            visit.units.iter().find(|unit| unit.equipment_index == index)
                        })
                        .map_or(Lane::Green, |unit| unit.lane);
                    let detail = u16::from(lane as u8) * 3 + u16::from(outcome.tag());
                    self.count_figure(time, visit.post, Figure::Inspections, detail, 1);
                }
                Event::IncidentOpened { number, .. } | Event::IncidentClosed { number, .. } => {
                    let place = movement
                        .incidents
                        .get(usize::from(*number).saturating_sub(1))
                        .and_then(|incident| incident.reported_post)
                        .unwrap_or(CORRIDOR_WIDE);
                    let figure = if matches!(event, Event::IncidentOpened { .. }) {
                        Figure::IncidentsOpened
                    } else {
                        Figure::IncidentsClosed
                    };
                    self.count_figure(time, place, figure, NO_DETAIL, 1);
                }
                _ => {}
            }
        }
        for mrn in touched {
            self.follow_hold(sequenced, &mrn, events);
        }
    }

    fn follow_hold(&mut self, sequenced: &ApplyContext, mrn: &Mrn, events: &mut Vec<Event>) {
        let held_at = self.movement(mrn).and_then(|movement| {
            movement.current_visit().filter(|visit| visit.held.is_some()).map(|visit| visit.post)
        });
        let tracked = self.monitors.holds.get(mrn).copied();
        match (held_at, tracked) {
            // A hold begins: a second hold statement on a held movement changes nothing,
            // so one long hold opens one incident.
            (Some(post), None) => {
                let since = sequenced.time;
                let until = since.plus_ms(self.regime.contests.hold_threshold_ms);
                self.monitors
                    .holds
                    .insert(*mrn, HoldUnderWay { post, since, until, incident: None });
                self.monitors.hold_deadlines.insert((until, *mrn));
                self.count_figure(sequenced.time, post, Figure::HoldsStarted, NO_DETAIL, 1);
            }
            (None, Some(hold)) => {
                self.end_hold(sequenced, mrn, hold, events);
            }
            _ => {}
        }
    }

    fn end_hold(
        &mut self,
        sequenced: &ApplyContext,
        mrn: &Mrn,
        hold: HoldUnderWay,
        events: &mut Vec<Event>,
    ) {
        self.monitors.holds.remove(mrn);
        // Queued under the threshold in force when the hold began, until it fired.
        self.monitors.hold_deadlines.remove(&(hold.until, *mrn));
        let length = sequenced.time.0.saturating_sub(hold.since.0);
        let time = sequenced.time;
        self.count_figure(time, hold.post, Figure::HoldsEnded, NO_DETAIL, 1);
        self.count_figure(time, hold.post, Figure::HoldTotalMs, NO_DETAIL, length);
        self.raise_figure(time, hold.post, Figure::HoldLongestMs, length);
        if let Some(number) = hold.incident {
            self.close_automatic(number, events);
        }
    }

    // ----- Observations and dissents ----------------------------------------------------

    pub(super) fn observe(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        place: &IncidentPlace,
        category: ObservationCategory,
        events: &mut Vec<Event>,
    ) -> Applied {
        let posts = self.monitor_posts(signer, "record an observation")?;
        let (figure_place, post) = match place {
            IncidentPlace::Post(post) => {
                let index = self.post_index(post)?;
                if !posts.contains(&index) {
                    return Err(Refusal::NotPostedHere { key: *signer, post: *post });
                }
                (index, Some(*post))
            }
            IncidentPlace::Segment { from, to, position_m } => {
                let (from_index, to_index) = (self.post_index(from)?, self.post_index(to)?);
                let segment = self
                    .corridor()
                    .segments
                    .iter()
                    .find(|segment| {
                        (segment.from, segment.to) == (from_index, to_index)
                            || (segment.from, segment.to) == (to_index, from_index)
                    })
                    .ok_or(MonitoringRefusal::UnknownSegment { from: *from, to: *to })?;
                if u64::from(*position_m) > segment.length_m {
                    return Err(Refusal::PositionPastSegment {
                        from: *from,
                        to: *to,
                        position_m: *position_m,
                        length_m: segment.length_m,
                    });
                }
                (CORRIDOR_WIDE, None)
            }
        };
        self.monitors.totals.observations += 1;
        self.count_figure(sequenced.time, figure_place, Figure::Observations, NO_DETAIL, 1);
        events.push(Event::Monitoring(MonitoringEvent::Observed { post, category }));
        Ok(())
    }

    pub(super) fn dissent(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        entry: u64,
        events: &mut Vec<Event>,
    ) -> Applied {
        self.monitor_posts(signer, "dissent")?;
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        // Whoever may attest an act may dissent from it instead.
        self.officer_on_itinerary(signer, Act::Attest, movement)?;
        let about_movement = movement.history.binary_search(&entry).is_ok();
        let attested = movement.attestations.iter().any(|(attested, _)| *attested == entry);
        if !about_movement || attested {
            return Err(Refusal::NothingToAttest { mrn: *mrn, entry });
        }
        self.movements[index].history.push(sequenced.entry_index);
        self.monitors.totals.dissents += 1;
        self.count_figure(sequenced.time, CORRIDOR_WIDE, Figure::Dissents, NO_DETAIL, 1);
        events.push(Event::Monitoring(MonitoringEvent::Dissented { mrn: *mrn, entry }));
        Ok(())
    }

    // ----- Contests ---------------------------------------------------------------------

    pub(super) fn contest(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        entry: u64,
        reason: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let contester = match self.key_record(signer)?.holder {
            Holder::Authority { party } | Holder::Officer { party, .. } => Contester::Party(party),
            Holder::Carrier { carrier } => Contester::Carrier(self.carriers[carrier].id),
            Holder::Guarantor { .. } => {
                return Err(MonitoringRefusal::NotAContester(*signer).into());
            }
        };
        let act =
            *self.monitors.acts.get(&entry).ok_or(MonitoringRefusal::NotContestable(entry))?;
        match contester {
            Contester::Party(party) if party == act.party => {
                let party = self.charter.parties[party].id;
                return Err(MonitoringRefusal::OwnAct { entry, party }.into());
            }
            Contester::Carrier(carrier) => {
                let own = act
                    .mrn
                    .and_then(|mrn| self.movement(&mrn))
                    .is_some_and(|movement| movement.carrier == carrier);
                if !own {
                    return Err(MonitoringRefusal::NotYourMovementsAct(entry).into());
                }
            }
            Contester::Party(_) => {}
        }
        if !self.regime.contests.reasons.contains(reason) {
            return Err(MonitoringRefusal::UnknownReason(*reason).into());
        }
        if let Some(open) = self.monitors.open_contest_of(entry, contester) {
            return Err(MonitoringRefusal::AlreadyContested { entry, contest: open }.into());
        }
        if self.monitors.contests.len() >= CONTESTS_OPEN_MAX {
            return Err(MonitoringRefusal::TooManyContests { max: CONTESTS_OPEN_MAX }.into());
        }
        self.monitors.totals.contests_opened += 1;
        let number = self.monitors.totals.contests_opened;
        let answer_by = sequenced.time.plus_ms(self.regime.contests.answer_ms);
        self.monitors.insert_contest(Contest {
            number,
            entry,
            act,
            contester,
            reason: *reason,
            opened_entry: sequenced.entry_index,
            opened_at: sequenced.time,
            answer_by,
            answer: None,
            overdue: false,
            referred_entry: None,
            votes: Vec::new(),
        });
        self.monitors.contest_deadlines.insert((answer_by, number));
        self.count_figure(sequenced.time, CORRIDOR_WIDE, Figure::ContestsOpened, NO_DETAIL, 1);
        events.push(Event::Monitoring(MonitoringEvent::Contested {
            contest: number,
            entry,
            party: self.charter.parties[act.party].id,
            answer_by,
        }));
        Ok(())
    }

    fn open_contest(&self, number: u64) -> Result<&Contest, Refusal> {
        self.monitors.contests.get(&number).ok_or(MonitoringRefusal::NoSuchContest(number).into())
    }

    /// Takes a contest's pending deadline out of the queue (before the contest changes).
    fn unqueue_contest(&mut self, number: u64) {
        if let Some(deadline) =
            self.monitors.contests.get(&number).and_then(Contest::pending_deadline)
        {
            self.monitors.contest_deadlines.remove(&(deadline, number));
        }
    }

    pub(super) fn answer_contest(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        number: u64,
        answer: ContestAnswer,
        events: &mut Vec<Event>,
    ) -> Applied {
        self.key_record(signer)?;
        let contest = self.open_contest(number)?;
        if self.acting_party(signer) != Some(contest.act.party) {
            let party = self.charter.parties[contest.act.party].id;
            return Err(MonitoringRefusal::NotTheActsParty { contest: number, party }.into());
        }
        if contest.answer.is_some() {
            return Err(MonitoringRefusal::ContestAnswered(number).into());
        }
        let late = sequenced.time > contest.answer_by;
        self.unqueue_contest(number);
        let contest = self.monitors.contests.get_mut(&number).expect("checked above");
        contest.answer = Some((answer, sequenced.entry_index, sequenced.time));
        self.monitors.totals.contests_answered += 1;
        self.count_figure(sequenced.time, CORRIDOR_WIDE, Figure::ContestsAnswered, NO_DETAIL, 1);
        events.push(Event::Monitoring(MonitoringEvent::ContestAnswered {
            contest: number,
            answer,
            late,
        }));
        self.close_automatic_for_contest(number, events);
        // Upheld or corrected, the contest is settled; a rejected one waits for a referral
        // within its window.
        match self.monitors.contests.get(&number).and_then(Contest::pending_deadline) {
            Some(deadline) => {
                self.monitors.contest_deadlines.insert((deadline, number));
            }
            None => {
                self.monitors.remove_contest(number);
            }
        }
        Ok(())
    }

    pub(super) fn refer_contest(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        number: u64,
        events: &mut Vec<Event>,
    ) -> Applied {
        let holder = self.key_record(signer)?.holder.clone();
        let contest = self.open_contest(number)?;
        let party_to_it = match holder {
            Holder::Authority { party } => {
                party == contest.act.party || contest.contester == Contester::Party(party)
            }
            Holder::Carrier { carrier } => {
                contest.contester == Contester::Carrier(self.carriers[carrier].id)
            }
            _ => false,
        };
        if !party_to_it {
            return Err(
                MonitoringRefusal::NotAPartyToTheContest { key: *signer, contest: number }.into()
            );
        }
        if contest.referred_entry.is_some() {
            return Err(MonitoringRefusal::AlreadyReferred(number).into());
        }
        self.unqueue_contest(number);
        let contest = self.monitors.contests.get_mut(&number).expect("checked above");
        contest.referred_entry = Some(sequenced.entry_index);
        events.push(Event::Monitoring(MonitoringEvent::ContestReferred { contest: number }));
        Ok(())
    }

    /// Whether `parties` (indexes, distinct) make the charter's quorum.
    fn quorum_reached(&self, parties: &[usize]) -> bool {
        let quorum = &self.charter.quorum;
        parties.len() >= quorum.threshold
            && quorum.required.iter().all(|party| parties.contains(party))
    }

    /// The movement a contest's act is about, for a fee correction.
    fn decision_movement(&self, number: u64, contest: &Contest) -> Result<usize, Refusal> {
        contest
            .act
            .mrn
            .and_then(|mrn| self.movement_index.get(&mrn).copied())
            .ok_or(MonitoringRefusal::NoFeeToCorrect(number).into())
    }

    pub(super) fn decide_contest(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        number: u64,
        decision: ContestDecision,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "vote on a contest")?;
        let contest = self.open_contest(number)?;
        if contest.referred_entry.is_none() {
            return Err(MonitoringRefusal::NotReferred(number).into());
        }
        let party_id = self.charter.parties[party].id;
        if contest.votes.iter().any(|(voter, _)| *voter == party) {
            return Err(MonitoringRefusal::AlreadyVoted { contest: number, party: party_id }.into());
        }
        // The effect must be possible when voted for, as when decided.
        let movement = match decision {
            ContestDecision::FeeCorrected { amount } => {
                if amount.0 < 0 {
                    return Err(MonitoringRefusal::NegativeFee(amount).into());
                }
                let index = self.decision_movement(number, contest)?;
                let Some((previous, currency)) = self.movements[index].fee else {
                    return Err(MonitoringRefusal::NoFeeToCorrect(number).into());
                };
                let difference = AmountMinor(amount.0 - previous.0);
                let legs = self.fee_legs(&self.movements[index], difference);
                if !self.ledger.can_post(currency, &legs) {
                    return Err(Refusal::AmountOverflow);
                }
                Some(index)
            }
            ContestDecision::Release => {
                let held =
                    contest.act.mrn.and_then(|mrn| self.movement_index.get(&mrn).copied()).filter(
                        |&index| {
                            self.movements[index]
                                .current_visit()
                                .is_some_and(|visit| visit.held.is_some())
                        },
                    );
                let Some(index) = held else {
                    return Err(MonitoringRefusal::NotHeld(number).into());
                };
                Some(index)
            }
            ContestDecision::ActStands | ContestDecision::ContestUpheld => None,
        };
        let contest = self.monitors.contests.get_mut(&number).expect("checked above");
        contest.votes.push((party, decision));
        let agreeing: Vec<usize> = contest
            .votes
            .iter()
            .filter(|(_, vote)| *vote == decision)
            .map(|(voter, _)| *voter)
            .collect();
        events.push(Event::Monitoring(MonitoringEvent::DecisionVoted {
            contest: number,
            party: party_id,
            decision,
        }));
        if !self.quorum_reached(&agreeing) {
            return Ok(());
        }
        self.monitors.remove_contest(number);
        self.monitors.totals.contests_decided += 1;
        events
            .push(Event::Monitoring(MonitoringEvent::ContestDecided { contest: number, decision }));
        self.close_automatic_for_contest(number, events);
        match (decision, movement) {
            (ContestDecision::FeeCorrected { amount }, Some(index)) => {
                let (previous, currency) = self.movements[index].fee.expect("checked above");
                let legs =
                    self.fee_legs(&self.movements[index], AmountMinor(amount.0 - previous.0));
                self.ledger.post(
                    sequenced.entry_index,
                    sequenced.time,
                    PostingKind::Fee,
                    currency,
                    &legs,
                );
                let movement = &mut self.movements[index];
                movement.fee = Some((amount, currency));
                movement.history.push(sequenced.entry_index);
                events.push(Event::Monitoring(MonitoringEvent::FeeCorrected {
                    mrn: movement.mrn,
                    previous,
                    amount,
                    currency,
                }));
            }
            (ContestDecision::Release, Some(index)) => {
                let movement = &mut self.movements[index];
                let visit = movement.visits.last_mut().expect("held at a post");
                visit.held = None;
                visit.released_at = Some(sequenced.time);
                let post = visit.post;
                movement.history.push(sequenced.entry_index);
                let mrn = movement.mrn;
                let post = self.corridor().post(post).id;
                events.push(Event::Monitoring(MonitoringEvent::ReleasedByDecision { mrn, post }));
            }
            _ => {}
        }
        Ok(())
    }

    // ----- The mandate --------------------------------------------------------------------

    pub(super) fn change_mandate(
        &mut self,
        signer: &PublicKey,
        ends: Option<Timestamp>,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "vote on the mission's mandate")?;
        if let (Some(starts), Some(ends)) = (self.charter.mandate.starts, ends)
            && ends <= starts
        {
            return Err(MonitoringRefusal::EndBeforeStart { starts }.into());
        }
        let votes = &mut self.monitors.mandate_votes;
        votes.retain(|(voter, _)| *voter != party);
        votes.push((party, ends));
        let agreeing: Vec<usize> =
            votes.iter().filter(|(_, vote)| *vote == ends).map(|(voter, _)| *voter).collect();
        let party_id = self.charter.parties[party].id;
        events.push(Event::Monitoring(MonitoringEvent::MandateVoted { party: party_id, ends }));
        if self.quorum_reached(&agreeing) {
            self.monitors.mandate_ends = ends;
            self.monitors.mandate_votes.clear();
            events.push(Event::Monitoring(MonitoringEvent::MandateChanged { ends }));
        }
        Ok(())
    }

    // ----- The daily report ---------------------------------------------------------------

    /// A day's figures as a signed report must list them: every figure that is not zero,
    /// in the core's order. Empty for a day with nothing counted, or whose figures the
    /// state no longer keeps (signed, or forgotten).
    pub fn report_lines(&self, day: u32) -> Vec<FigureLine> {
        let Some(figures) = self.monitors.days.get(&day) else {
            return Vec::new();
        };
        figures
            .iter()
            .map(|((place, figure, detail), value)| FigureLine {
                post: (*place != CORRIDOR_WIDE).then(|| self.corridor().post(*place).id),
                figure: *figure,
                detail: *detail,
                value: *value,
            })
            .collect()
    }

    /// A figure's name in a refusal: where, which, and its detail in words.
    fn figure_name(&self, (place, figure, detail): FigureKey) -> String {
        let place = if place == CORRIDOR_WIDE {
            "the corridor".to_owned()
        } else {
            self.corridor().post(place).id.to_string()
        };
        let detail = match figure {
            Figure::Arrivals => self.corridor().routes.get(usize::from(detail)).map_or_else(
                || format!(" (route {detail})"),
                |route| format!(" (route {})", route.id),
            ),
            Figure::Inspections => {
                let lane = ["green", "yellow", "red"].get(usize::from(detail / 3)).unwrap_or(&"?");
                let outcome = crate::statement::InspectionOutcome::from_tag((detail % 3) as u8)
                    .map_or("?", |outcome| outcome.as_str());
                format!(" ({lane}, {outcome})")
            }
            _ if detail != NO_DETAIL => format!(" ({detail})"),
            _ => String::new(),
        };
        format!("{place} {figure}{detail}")
    }

    pub(super) fn sign_report(
        &mut self,
        sequenced: &ApplyContext,
        signer: &PublicKey,
        day: u32,
        figures: &[FigureLine],
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "sign a report")?;
        if Some(party) != self.charter.mission() {
            return Err(MonitoringRefusal::NotTheMission(*signer).into());
        }
        let day_start = Timestamp::start_of_day(day);
        let day_end = day_start.plus_ms(DAY_MS);
        if sequenced.time < day_end {
            return Err(MonitoringRefusal::DayNotOver { day_start }.into());
        }
        if let Some(entry) = self.monitors.signed_reports.get(&day) {
            return Err(MonitoringRefusal::ReportAlreadySigned { day_start, entry: *entry }.into());
        }
        if day_end.plus_ms(DAY_FIGURES_KEPT_MS) <= sequenced.time {
            return Err(MonitoringRefusal::DayForgotten { day_start }.into());
        }
        let mut reported: Vec<(FigureKey, u64)> = Vec::with_capacity(figures.len());
        for line in figures {
            let place = match &line.post {
                None => CORRIDOR_WIDE,
                Some(post) => self
                    .corridor()
                    .post_index(post)
                    .ok_or(MonitoringRefusal::UnknownReportPost(*post))?,
            };
            reported.push(((place, line.figure, line.detail), line.value));
        }
        let empty = imbl::OrdMap::new();
        let computed = self.monitors.days.get(&day).unwrap_or(&empty);
        let same = reported.len() == computed.len()
            && reported
                .iter()
                .zip(computed.iter())
                .all(|(a, (key, value))| a.0 == *key && a.1 == *value);
        if !same {
            // Name the first figure, in the core's order, on which the two disagree; a
            // report that lists the right figures in another order or twice is named by
            // its order.
            let mut listed: BTreeMap<FigureKey, u64> = BTreeMap::new();
            for (key, value) in &reported {
                listed.entry(*key).or_insert(*value);
            }
            let keys: BTreeSet<FigureKey> =
                listed.keys().copied().chain(computed.keys().copied()).collect();
            let differing = keys
                .into_iter()
                .find(|key| listed.get(key).filter(|value| **value != 0) != computed.get(key));
            let (figure, reported_value, computed_value) = match differing {
                Some(key) => {
                    (self.figure_name(key), listed.get(&key).copied(), computed.get(&key).copied())
                }
                None => ("the order of the lines".to_owned(), None, None),
            };
            return Err(MonitoringRefusal::FigureDiffers {
                day_start,
                figure,
                reported: reported_value,
                computed: computed_value,
            }
            .into());
        }
        self.monitors.days.remove(&day);
        self.monitors.signed_reports.insert(day, sequenced.entry_index);
        self.monitors.totals.reports_signed += 1;
        events.push(Event::Monitoring(MonitoringEvent::ReportSigned { day }));
        Ok(())
    }
}

/// The movement an event concerns, for the figures and the holds.
fn event_mrn(event: &Event) -> Option<Mrn> {
    match event {
        Event::Arrived { mrn, .. }
        | Event::Departed { mrn, .. }
        | Event::Inspected { mrn, .. }
        | Event::Held { mrn, .. }
        | Event::Released { mrn, .. }
        | Event::IncidentOpened { mrn, .. }
        | Event::IncidentClosed { mrn, .. }
        | Event::Returned { mrn, .. }
        | Event::Seized { mrn, .. }
        | Event::PartlyReleased { mrn, .. }
        | Event::ProcedureEnded { mrn, .. } => Some(*mrn),
        Event::Monitoring(event) => event.mrn(),
        // An enquiry's recovery (or discharge on alternative proof) ends the movement's
        // procedure, and with it a hold still under way at a post.
        Event::Guarantee(event) => event.mrn(),
        _ => None,
    }
}
