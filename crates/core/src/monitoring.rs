//! The monitors' own voice: observations, dissents, contests and their answers, the joint
//! commission's decisions, the mission's mandate, the automatic incidents and the daily
//! report's figures. The records the core keeps, the events and the refusals of the
//! statements about them (kinds 40 to 47); the rules are in `state/monitors.rs`.
//!
//! The live state stays bounded over ten years of history: it keeps the open contests, the
//! holds under way, the open automatic incidents, the acts of the last
//! [`CONTESTABLE_FOR_MS`] (so a contest can name the party whose act it contests), the
//! running figures of each day until the day's report is signed or [`DAY_FIGURES_KEPT_MS`]
//! have passed, and which days have a signed report (a few bytes a day). Observations,
//! dissents, answered and decided contests stay in the log, not in the state.

use crate::corridor::PostIndex;
use crate::encoding::Writer;
use crate::ids::{AmountMinor, Currency, Ident, Mrn};
use crate::outcome::RefusalClass;
use crate::statement::{ContestAnswer, ContestDecision, Figure, StatementKind, Timestamp};
use imbl::{OrdMap, OrdSet};
use std::fmt;

/// How long an act stays contestable: thirty days after it was sequenced. The core keeps
/// the party and kind of every party's act for that long (at a corridor's traffic, under
/// one entry a second on average, a few tens of megabytes at most), and no longer.
pub const CONTESTABLE_FOR_MS: u64 = 30 * crate::statement::DAY_MS;
/// How long a day's running figures stay in the state when its report is not signed:
/// sixty-two days after the day ends (two months of the longest length), then the report
/// can no longer be signed and the figures leave the state (the log keeps the acts).
pub const DAY_FIGURES_KEPT_MS: u64 = 62 * crate::statement::DAY_MS;
/// Most contests open at once: far beyond what any corridor's parties could answer, it
/// bounds the state whatever a party submits.
pub const CONTESTS_OPEN_MAX: usize = 100_000;
/// The detail of a figure line that has none.
pub const NO_DETAIL: u16 = 0;
/// The place of a corridor-wide figure in the state's keys: after every post.
pub(crate) const CORRIDOR_WIDE: u16 = u16::MAX;

/// Who contested an act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Contester {
    /// A party (index in the charter), through one of its officers or its authority.
    Party(usize),
    /// A carrier, about an act on one of its movements.
    Carrier(Ident),
}

/// A party's act as the core keeps it while it is contestable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActRecord {
    /// When it was sequenced.
    pub sequenced_at: Timestamp,
    /// The party whose officer or authority signed it (index in the charter).
    pub party: usize,
    /// Its kind.
    pub kind: StatementKind,
    /// The movement it is about, if any.
    pub mrn: Option<Mrn>,
}

/// An open contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contest {
    /// Its number (from 1, in the order contests were opened).
    pub number: u64,
    /// The entry contested.
    pub entry: u64,
    /// The act contested (as kept when it was made).
    pub act: ActRecord,
    /// Who contested it.
    pub contester: Contester,
    /// The reason code.
    pub reason: Ident,
    /// The entry that opened it.
    pub opened_entry: u64,
    /// When it was opened (the entry's sequenced time).
    pub opened_at: Timestamp,
    /// Until when the act's party may answer in time.
    pub answer_by: Timestamp,
    /// The answer, once given: how, its entry and its sequenced time.
    pub answer: Option<(ContestAnswer, u64, Timestamp)>,
    /// Whether it passed its deadline unanswered (its automatic incident was opened).
    pub overdue: bool,
    /// The entry that referred it to the joint commission, once referred.
    pub referred_entry: Option<u64>,
    /// The votes of the parties' authorities (index in the charter, decision), in order.
    pub votes: Vec<(usize, ContestDecision)>,
}

/// A hold under way at a post, followed so that a long one opens an automatic incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoldUnderWay {
    /// The post.
    pub post: PostIndex,
    /// When the hold began (the entry's sequenced time).
    pub since: Timestamp,
    /// When it opens an automatic incident if still under way (the threshold of the
    /// regime in force when it began).
    pub until: Timestamp,
    /// The automatic incident it opened, once longer than the threshold.
    pub incident: Option<u64>,
}

/// Why an automatic incident was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutomaticCause {
    /// A contest passed its deadline unanswered.
    ContestUnanswered {
        /// The contest.
        contest: u64,
    },
    /// A movement was held longer than the regime's threshold.
    LongHold {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: PostIndex,
    },
}

/// An open automatic incident: public, numbered apart from the movements' incidents, and
/// closed by what ends its cause (the contest's answer, the hold's end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutomaticIncident {
    /// Its number (from 1).
    pub number: u64,
    /// Why it was opened.
    pub cause: AutomaticCause,
    /// When (the time its cause passed the limit).
    pub opened_at: Timestamp,
    /// The entry whose time opened it.
    pub opened_entry: u64,
}

/// A figure's key in a day's running figures: place (a post index, or the corridor as a
/// whole last), figure, detail.
pub type FigureKey = (u16, Figure, u16);

/// Counts since genesis, for the figures and the simulator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonitoringTotals {
    /// Observations recorded.
    pub observations: u64,
    /// Dissents recorded.
    pub dissents: u64,
    /// Contests opened.
    pub contests_opened: u64,
    /// Contests answered (in time or late).
    pub contests_answered: u64,
    /// Contests that passed their deadline unanswered.
    pub contests_overdue: u64,
    /// Contests the joint commission decided.
    pub contests_decided: u64,
    /// Automatic incidents opened.
    pub automatic_incidents: u64,
    /// Daily reports signed.
    pub reports_signed: u64,
}

/// Everything the core keeps about the monitors' voice. Persistent collections, so a copy
/// of the state shares them and costs O(1): `apply` keeps one to restore on a refusal.
#[derive(Clone, Debug, Default)]
pub struct MonitorBook {
    /// The mandate's end now in force (the charter's, until the parties change it).
    pub(crate) mandate_ends: Option<Timestamp>,
    /// The parties' votes on a new end, one per party (its latest).
    pub(crate) mandate_votes: Vec<(usize, Option<Timestamp>)>,
    /// The parties' acts still contestable, by entry.
    pub(crate) acts: OrdMap<u64, ActRecord>,
    /// Open contests, by number.
    pub(crate) contests: OrdMap<u64, Contest>,
    /// Unanswered contests not yet overdue, by deadline (derived from `contests`).
    pub(crate) contest_deadlines: OrdSet<(Timestamp, u64)>,
    /// Holds under way, by movement.
    pub(crate) holds: OrdMap<Mrn, HoldUnderWay>,
    /// Holds that have not opened their incident, by the time they would (derived).
    pub(crate) hold_deadlines: OrdSet<(Timestamp, Mrn)>,
    /// Open automatic incidents, by number.
    pub(crate) automatic: OrdMap<u64, AutomaticIncident>,
    /// The open contest of each act and contester (derived from `contests`), so a second
    /// contest of the same act is refused without a walk of the open ones.
    pub(crate) contest_by_act: OrdMap<(u64, Contester), u64>,
    /// The open automatic incident of each unanswered contest (derived from `automatic`),
    /// so an answer closes it without a walk of the open ones.
    pub(crate) automatic_by_contest: OrdMap<u64, u64>,
    /// Each day's running figures (days since 1970), until signed or forgotten.
    pub(crate) days: OrdMap<u32, OrdMap<FigureKey, u64>>,
    /// The days whose report is signed, with the signing entry.
    pub(crate) signed_reports: OrdMap<u32, u64>,
    /// Counts since genesis; their numbers give the next contest's and incident's.
    pub(crate) totals: MonitoringTotals,
}

impl Contest {
    /// The time the state waits for, if any: an unanswered contest's deadline (until it
    /// is overdue), or the end of a rejected one's referral window. A referred contest
    /// waits for the joint commission, however long.
    pub fn pending_deadline(&self) -> Option<Timestamp> {
        if self.referred_entry.is_some() {
            return None;
        }
        match self.answer {
            None if !self.overdue => Some(self.answer_by),
            Some((ContestAnswer::Rejected, _, at)) => Some(at.plus_ms(CONTESTABLE_FOR_MS)),
            _ => None,
        }
    }
}

impl MonitorBook {
    /// Opens `contest`, with its entry in the derived index.
    pub(crate) fn insert_contest(&mut self, contest: Contest) {
        let previous =
            self.contest_by_act.insert((contest.entry, contest.contester), contest.number);
        assert!(previous.is_none(), "one open contest per act and contester");
        self.contests.insert(contest.number, contest);
    }

    /// Removes open contest `number`, with its entry in the derived index.
    pub(crate) fn remove_contest(&mut self, number: u64) -> Option<Contest> {
        let contest = self.contests.remove(&number)?;
        let indexed = self.contest_by_act.remove(&(contest.entry, contest.contester));
        assert_eq!(indexed, Some(number), "the index names each open contest");
        Some(contest)
    }

    /// The open contest of act `entry` by `contester`, if any.
    pub(crate) fn open_contest_of(&self, entry: u64, contester: Contester) -> Option<u64> {
        self.contest_by_act.get(&(entry, contester)).copied()
    }

    /// Opens automatic incident `incident`, with its entry in the derived index.
    pub(crate) fn insert_automatic(&mut self, incident: AutomaticIncident) {
        if let AutomaticCause::ContestUnanswered { contest } = incident.cause {
            let previous = self.automatic_by_contest.insert(contest, incident.number);
            assert!(previous.is_none(), "one automatic incident per contest");
        }
        self.automatic.insert(incident.number, incident);
    }

    /// Closes automatic incident `number`, with its entry in the derived index.
    pub(crate) fn remove_automatic(&mut self, number: u64) -> Option<AutomaticIncident> {
        let incident = self.automatic.remove(&number)?;
        if let AutomaticCause::ContestUnanswered { contest } = incident.cause {
            let indexed = self.automatic_by_contest.remove(&contest);
            assert_eq!(indexed, Some(number), "the index names each contest's incident");
        }
        Some(incident)
    }

    /// The open automatic incident of unanswered contest `contest`, if any.
    pub(crate) fn automatic_of_contest(&self, contest: u64) -> Option<u64> {
        self.automatic_by_contest.get(&contest).copied()
    }

    /// The mandate's end now in force.
    pub fn mandate_ends(&self) -> Option<Timestamp> {
        self.mandate_ends
    }

    /// The parties' pending votes on the mandate's end.
    pub fn mandate_votes(&self) -> &[(usize, Option<Timestamp>)] {
        &self.mandate_votes
    }

    /// Open contests, by number.
    pub fn contests(&self) -> impl Iterator<Item = &Contest> {
        self.contests.values()
    }

    /// Open contests from `after` on, by number: a page without a walk of the others.
    pub fn contests_after(&self, after: std::ops::Bound<u64>) -> impl Iterator<Item = &Contest> {
        self.contests.range((after, std::ops::Bound::Unbounded)).map(|(_, contest)| contest)
    }

    /// One open contest.
    pub fn contest(&self, number: u64) -> Option<&Contest> {
        self.contests.get(&number)
    }

    /// Holds under way, by movement.
    pub fn holds(&self) -> impl Iterator<Item = (&Mrn, &HoldUnderWay)> {
        self.holds.iter()
    }

    /// Open automatic incidents, by number.
    pub fn automatic_incidents(&self) -> impl DoubleEndedIterator<Item = &AutomaticIncident> {
        self.automatic.values()
    }

    /// The acts still contestable, by entry.
    pub fn contestable_act(&self, entry: u64) -> Option<&ActRecord> {
        self.acts.get(&entry)
    }

    /// A day's running figures, if the state still keeps them (not yet signed, not yet
    /// forgotten); a day with nothing counted has none.
    pub fn day_figures(&self, day: u32) -> Option<&OrdMap<FigureKey, u64>> {
        self.days.get(&day)
    }

    /// The days the state keeps figures for.
    pub fn days_kept(&self) -> impl Iterator<Item = u32> + '_ {
        self.days.keys().copied()
    }

    /// The entry that signed a day's report, if it is signed.
    pub fn signed_report(&self, day: u32) -> Option<u64> {
        self.signed_reports.get(&day).copied()
    }

    /// The signed days, with their entries, from the latest back.
    pub fn signed_reports(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.signed_reports.iter().rev().map(|(day, entry)| (*day, *entry))
    }

    /// Counts since genesis.
    pub fn totals(&self) -> &MonitoringTotals {
        &self.totals
    }

    /// How many bytes the book takes in a snapshot: its section is the last before the
    /// checksum, so a reader of a snapshot finds what comes before it from the end.
    pub fn snapshot_section_bytes(&self) -> usize {
        let mut writer = Writer::with_capacity(256);
        self.encode(&mut writer);
        writer.as_bytes().len()
    }

    /// The book's canonical bytes: the snapshot's monitoring section, which the state
    /// digest covers too (see `ENCODING.md`). The deadline sets are not written: the
    /// contests and holds give them.
    pub(crate) fn encode(&self, writer: &mut Writer) {
        write_option_time(writer, self.mandate_ends);
        writer.count(self.mandate_votes.len());
        for (party, ends) in &self.mandate_votes {
            writer.u16(*party as u16);
            write_option_time(writer, *ends);
        }
        writer.u32(self.acts.len() as u32);
        for (entry, act) in &self.acts {
            writer.u64(*entry);
            encode_act(writer, act);
        }
        writer.u32(self.contests.len() as u32);
        for contest in self.contests.values() {
            writer.u64(contest.number);
            writer.u64(contest.entry);
            encode_act(writer, &contest.act);
            match &contest.contester {
                Contester::Party(party) => {
                    writer.u8(0);
                    writer.u16(*party as u16);
                }
                Contester::Carrier(carrier) => {
                    writer.u8(1);
                    writer.ident(carrier);
                }
            }
            writer.ident(&contest.reason);
            writer.u64(contest.opened_entry);
            writer.u64(contest.opened_at.0);
            writer.u64(contest.answer_by.0);
            match &contest.answer {
                None => writer.u8(0),
                Some((answer, entry, at)) => {
                    writer.u8(1);
                    writer.u8(answer.tag());
                    writer.u64(*entry);
                    writer.u64(at.0);
                }
            }
            writer.u8(u8::from(contest.overdue));
            match contest.referred_entry {
                None => writer.u8(0),
                Some(entry) => {
                    writer.u8(1);
                    writer.u64(entry);
                }
            }
            writer.count(contest.votes.len());
            for (party, decision) in &contest.votes {
                writer.u16(*party as u16);
                writer.u8(decision.tag());
                if let ContestDecision::FeeCorrected { amount } = decision {
                    writer.i64(amount.0);
                }
            }
        }
        writer.u32(self.holds.len() as u32);
        for (mrn, hold) in &self.holds {
            writer.fixed(mrn.as_bytes());
            writer.u16(hold.post);
            writer.u64(hold.since.0);
            writer.u64(hold.until.0);
            match hold.incident {
                None => writer.u8(0),
                Some(number) => {
                    writer.u8(1);
                    writer.u64(number);
                }
            }
        }
        writer.u32(self.automatic.len() as u32);
        for incident in self.automatic.values() {
            writer.u64(incident.number);
            match incident.cause {
                AutomaticCause::ContestUnanswered { contest } => {
                    writer.u8(0);
                    writer.u64(contest);
                }
                AutomaticCause::LongHold { mrn, post } => {
                    writer.u8(1);
                    writer.fixed(mrn.as_bytes());
                    writer.u16(post);
                }
            }
            writer.u64(incident.opened_at.0);
            writer.u64(incident.opened_entry);
        }
        writer.u32(self.days.len() as u32);
        for (day, figures) in &self.days {
            writer.u32(*day);
            writer.u32(figures.len() as u32);
            for ((place, figure, detail), value) in figures {
                writer.u16(*place);
                writer.u8(figure.tag());
                writer.u16(*detail);
                writer.u64(*value);
            }
        }
        writer.u32(self.signed_reports.len() as u32);
        for (day, entry) in &self.signed_reports {
            writer.u32(*day);
            writer.u64(*entry);
        }
        let totals = &self.totals;
        for count in [
            totals.observations,
            totals.dissents,
            totals.contests_opened,
            totals.contests_answered,
            totals.contests_overdue,
            totals.contests_decided,
            totals.automatic_incidents,
            totals.reports_signed,
        ] {
            writer.u64(count);
        }
    }
}

fn write_option_time(writer: &mut Writer, time: Option<Timestamp>) {
    match time {
        None => writer.u8(0),
        Some(time) => {
            writer.u8(1);
            writer.u64(time.0);
        }
    }
}

fn encode_act(writer: &mut Writer, act: &ActRecord) {
    writer.u64(act.sequenced_at.0);
    writer.u16(act.party as u16);
    writer.u8(act.kind.tag());
    match &act.mrn {
        None => writer.u8(0),
        Some(mrn) => {
            writer.u8(1);
            writer.fixed(mrn.as_bytes());
        }
    }
}

/// Something that happened to an observation, a contest, the mandate or a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MonitoringEvent {
    /// A monitor recorded an observation.
    Observed {
        /// The post, if at one.
        post: Option<Ident>,
        /// The public category.
        category: crate::statement::ObservationCategory,
    },
    /// A monitor dissented from an act.
    Dissented {
        /// The movement.
        mrn: Mrn,
        /// The entry dissented from.
        entry: u64,
    },
    /// An act was contested.
    Contested {
        /// The contest's number.
        contest: u64,
        /// The entry contested.
        entry: u64,
        /// The party that must answer.
        party: Ident,
        /// Until when.
        answer_by: Timestamp,
    },
    /// A contest was answered.
    ContestAnswered {
        /// The contest.
        contest: u64,
        /// How.
        answer: ContestAnswer,
        /// Whether after its deadline.
        late: bool,
    },
    /// A contest was referred to the joint commission.
    ContestReferred {
        /// The contest.
        contest: u64,
    },
    /// A party's authority voted on a referred contest.
    DecisionVoted {
        /// The contest.
        contest: u64,
        /// The party.
        party: Ident,
        /// The decision voted for.
        decision: ContestDecision,
    },
    /// The joint commission decided a contest by quorum; the contest is closed.
    ContestDecided {
        /// The contest.
        contest: u64,
        /// The decision.
        decision: ContestDecision,
    },
    /// A decision corrected a movement's fee: the difference was posted.
    FeeCorrected {
        /// The movement.
        mrn: Mrn,
        /// The fee before.
        previous: AmountMinor,
        /// The fee now.
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
    },
    /// A decision released a held movement.
    ReleasedByDecision {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// A party's authority voted on the mandate's end.
    MandateVoted {
        /// The party.
        party: Ident,
        /// The end voted for (none: no end).
        ends: Option<Timestamp>,
    },
    /// The parties changed the mandate's end by quorum.
    MandateChanged {
        /// The new end (none: no end).
        ends: Option<Timestamp>,
    },
    /// An automatic incident was opened.
    AutomaticIncidentOpened {
        /// Its number.
        number: u64,
        /// Why.
        cause: AutomaticCause,
    },
    /// An automatic incident was closed (its contest answered, its hold ended).
    AutomaticIncidentClosed {
        /// Its number.
        number: u64,
    },
    /// The mission signed a day's report.
    ReportSigned {
        /// The day (days since 1970-01-01).
        day: u32,
    },
}

impl MonitoringEvent {
    /// The movement the event concerns, if any.
    pub fn mrn(&self) -> Option<Mrn> {
        match self {
            MonitoringEvent::Dissented { mrn, .. }
            | MonitoringEvent::FeeCorrected { mrn, .. }
            | MonitoringEvent::ReleasedByDecision { mrn, .. } => Some(*mrn),
            MonitoringEvent::AutomaticIncidentOpened {
                cause: AutomaticCause::LongHold { mrn, .. },
                ..
            } => Some(*mrn),
            _ => None,
        }
    }
}

fn ends_text(ends: &Option<Timestamp>) -> String {
    ends.map_or_else(|| "no end".to_owned(), |ends| ends.to_string())
}

impl fmt::Display for MonitoringEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MonitoringEvent::Observed { post: Some(post), category } => {
                write!(f, "observation at {post}: {category}")
            }
            MonitoringEvent::Observed { post: None, category } => {
                write!(f, "observation on a segment: {category}")
            }
            MonitoringEvent::Dissented { mrn, entry } => {
                write!(f, "{mrn}: a monitor dissents from entry {entry}")
            }
            MonitoringEvent::Contested { contest, entry, party, answer_by } => {
                write!(f, "contest {contest} of entry {entry}: {party} answers by {answer_by}")
            }
            MonitoringEvent::ContestAnswered { contest, answer, late } => {
                let late = if *late { " (late)" } else { "" };
                write!(f, "contest {contest} answered: {answer}{late}")
            }
            MonitoringEvent::ContestReferred { contest } => {
                write!(f, "contest {contest} referred to the joint commission")
            }
            MonitoringEvent::DecisionVoted { contest, party, decision } => {
                write!(f, "contest {contest}: {party} votes {decision}")
            }
            MonitoringEvent::ContestDecided { contest, decision } => {
                write!(f, "contest {contest} decided: {decision}")
            }
            MonitoringEvent::FeeCorrected { mrn, previous, amount, currency } => write!(
                f,
                "{mrn}: fee corrected from {} to {}",
                previous.display(*currency),
                amount.display(*currency)
            ),
            MonitoringEvent::ReleasedByDecision { mrn, post } => {
                write!(f, "{mrn} released at {post} by the joint commission's decision")
            }
            MonitoringEvent::MandateVoted { party, ends } => {
                write!(f, "{party} votes the mandate's end: {}", ends_text(ends))
            }
            MonitoringEvent::MandateChanged { ends } => {
                write!(f, "the mandate's end is now {}", ends_text(ends))
            }
            MonitoringEvent::AutomaticIncidentOpened { number, cause } => match cause {
                AutomaticCause::ContestUnanswered { contest } => {
                    write!(f, "automatic incident {number}: contest {contest} unanswered")
                }
                AutomaticCause::LongHold { mrn, .. } => {
                    write!(f, "automatic incident {number}: {mrn} held too long")
                }
            },
            MonitoringEvent::AutomaticIncidentClosed { number } => {
                write!(f, "automatic incident {number} closed")
            }
            MonitoringEvent::ReportSigned { day } => {
                write!(f, "report of {} signed", Timestamp::start_of_day(*day))
            }
        }
    }
}

/// Why a statement of the monitors' voice (kinds 40 to 47), or a mission key's statement,
/// was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MonitoringRefusal {
    /// A mission key acted after the mandate's end.
    #[error("the mission's mandate ended at {ends}; its keys can no longer act")]
    MandateEnded {
        /// The end.
        ends: Timestamp,
    },
    /// A mission key acted before the mandate's start.
    #[error("the mission's mandate starts at {starts}; its keys cannot act before")]
    MandateNotStarted {
        /// The start.
        starts: Timestamp,
    },
    /// The signer is not a monitor.
    #[error("{key} is not a monitor's key, so it may not {action}")]
    NotAMonitor {
        /// The signer.
        key: crate::statement::PublicKey,
        /// What it tried.
        action: &'static str,
    },
    /// The signer may not contest (a guarantor).
    #[error(
        "{0} may not contest: only a party's officer or authority, or a carrier for its own movements"
    )]
    NotAContester(crate::statement::PublicKey),
    /// The entry is not a party's act the core still keeps.
    #[error("entry {0} is not a party's act of the last 30 days, so it cannot be contested")]
    NotContestable(u64),
    /// The act is the contester's own party's.
    #[error(
        "entry {entry} is an act of {party}, the contester's own party; a party answers for its acts, it does not contest them"
    )]
    OwnAct {
        /// The entry.
        entry: u64,
        /// The party.
        party: Ident,
    },
    /// A carrier contests an act that is not about one of its movements.
    #[error("entry {0} is not about a movement of the contesting carrier")]
    NotYourMovementsAct(u64),
    /// The reason is not one of the regime's codes.
    #[error("`{0}` is not one of the contest reasons the regime in force lists")]
    UnknownReason(Ident),
    /// The same contester has an open contest of the entry.
    #[error("contest {contest} of entry {entry} by the same contester is open")]
    AlreadyContested {
        /// The entry.
        entry: u64,
        /// The open contest.
        contest: u64,
    },
    /// Too many open contests.
    #[error("{max} contests are open; at most that many may be")]
    TooManyContests {
        /// The limit.
        max: usize,
    },
    /// No open contest has this number.
    #[error("no contest {0} is open")]
    NoSuchContest(u64),
    /// The answer is not from the party whose officer made the act.
    #[error("contest {contest} is answered by {party}, whose act it contests")]
    NotTheActsParty {
        /// The contest.
        contest: u64,
        /// The party that must answer.
        party: Ident,
    },
    /// The contest was answered already.
    #[error("contest {0} was answered already")]
    ContestAnswered(u64),
    /// The signer is not a party to the contest.
    #[error(
        "{key} is not a party to contest {contest}: only its contester or the act's party may refer it"
    )]
    NotAPartyToTheContest {
        /// The signer.
        key: crate::statement::PublicKey,
        /// The contest.
        contest: u64,
    },
    /// The contest was referred already.
    #[error("contest {0} was referred to the joint commission already")]
    AlreadyReferred(u64),
    /// A vote on a contest not referred.
    #[error("contest {0} was not referred to the joint commission")]
    NotReferred(u64),
    /// The party voted on the contest already.
    #[error("{party} voted on contest {contest} already")]
    AlreadyVoted {
        /// The contest.
        contest: u64,
        /// The party.
        party: Ident,
    },
    /// A fee correction for an act whose movement has no fee.
    #[error("contest {0}: the act's movement has no fee to correct")]
    NoFeeToCorrect(u64),
    /// A negative corrected fee.
    #[error("a corrected fee cannot be negative: {} minor units", .0.0)]
    NegativeFee(AmountMinor),
    /// A release for a movement not held.
    #[error("contest {0}: the act's movement is not held at a post")]
    NotHeld(u64),
    /// A mandate end not after its start.
    #[error("the mandate starts at {starts}; its end must come after")]
    EndBeforeStart {
        /// The start.
        starts: Timestamp,
    },
    /// A report signed by someone other than the mission's authority.
    #[error("{0} is not the monitoring mission's authority, which alone signs its reports")]
    NotTheMission(crate::statement::PublicKey),
    /// A report of a day not yet over.
    #[error("the day of {day_start} is not over; its report is signed after it ends")]
    DayNotOver {
        /// The day's start.
        day_start: Timestamp,
    },
    /// A report of a day signed already.
    #[error("the report of {day_start} was signed already, at entry {entry}")]
    ReportAlreadySigned {
        /// The day's start.
        day_start: Timestamp,
        /// The entry that signed it.
        entry: u64,
    },
    /// A report of a day whose figures left the state.
    #[error("the report of {day_start} can no longer be signed: its figures are kept 62 days")]
    DayForgotten {
        /// The day's start.
        day_start: Timestamp,
    },
    /// A report whose figures differ from the log's.
    #[error(
        "the report of {day_start} says {figure} is {}; the log gives {}",
        reported.unwrap_or(0),
        computed.unwrap_or(0)
    )]
    FigureDiffers {
        /// The day's start.
        day_start: Timestamp,
        /// The first figure that differs, named (place, figure, detail).
        figure: String,
        /// What the report says (none: not listed).
        reported: Option<u64>,
        /// What the log gives (none: zero).
        computed: Option<u64>,
    },
    /// A figure line naming a post the corridor does not have.
    #[error("the report names post {0}, which the corridor does not have")]
    UnknownReportPost(Ident),
    /// An observation on a segment the corridor does not have.
    #[error("the corridor has no segment between {from} and {to}")]
    UnknownSegment {
        /// One end.
        from: Ident,
        /// The other.
        to: Ident,
    },
}

impl MonitoringRefusal {
    /// The refusal's class.
    pub fn class(&self) -> RefusalClass {
        use RefusalClass::{DoesNotFit, Forbidden, Malformed};
        match self {
            MonitoringRefusal::MandateEnded { .. }
            | MonitoringRefusal::MandateNotStarted { .. }
            | MonitoringRefusal::NotAMonitor { .. }
            | MonitoringRefusal::NotAContester(..)
            | MonitoringRefusal::OwnAct { .. }
            | MonitoringRefusal::NotYourMovementsAct(..)
            | MonitoringRefusal::NotTheActsParty { .. }
            | MonitoringRefusal::NotAPartyToTheContest { .. }
            | MonitoringRefusal::NotTheMission(..) => Forbidden,
            MonitoringRefusal::NegativeFee(..) | MonitoringRefusal::EndBeforeStart { .. } => {
                Malformed
            }
            MonitoringRefusal::NotContestable(..)
            | MonitoringRefusal::UnknownReason(..)
            | MonitoringRefusal::AlreadyContested { .. }
            | MonitoringRefusal::TooManyContests { .. }
            | MonitoringRefusal::NoSuchContest(..)
            | MonitoringRefusal::ContestAnswered(..)
            | MonitoringRefusal::AlreadyReferred(..)
            | MonitoringRefusal::NotReferred(..)
            | MonitoringRefusal::AlreadyVoted { .. }
            | MonitoringRefusal::NoFeeToCorrect(..)
            | MonitoringRefusal::NotHeld(..)
            | MonitoringRefusal::DayNotOver { .. }
            | MonitoringRefusal::ReportAlreadySigned { .. }
            | MonitoringRefusal::DayForgotten { .. }
            | MonitoringRefusal::FigureDiffers { .. }
            | MonitoringRefusal::UnknownReportPost(..)
            | MonitoringRefusal::UnknownSegment { .. } => DoesNotFit,
        }
    }

    /// A stable code (the variant in snake case).
    pub fn code(&self) -> &'static str {
        match self {
            MonitoringRefusal::MandateEnded { .. } => "mandate_ended",
            MonitoringRefusal::MandateNotStarted { .. } => "mandate_not_started",
            MonitoringRefusal::NotAMonitor { .. } => "not_a_monitor",
            MonitoringRefusal::NotAContester(..) => "not_a_contester",
            MonitoringRefusal::NotContestable(..) => "not_contestable",
            MonitoringRefusal::OwnAct { .. } => "own_act",
            MonitoringRefusal::NotYourMovementsAct(..) => "not_your_movements_act",
            MonitoringRefusal::UnknownReason(..) => "unknown_reason",
            MonitoringRefusal::AlreadyContested { .. } => "already_contested",
            MonitoringRefusal::TooManyContests { .. } => "too_many_contests",
            MonitoringRefusal::NoSuchContest(..) => "no_such_contest",
            MonitoringRefusal::NotTheActsParty { .. } => "not_the_acts_party",
            MonitoringRefusal::ContestAnswered(..) => "contest_answered",
            MonitoringRefusal::NotAPartyToTheContest { .. } => "not_a_party_to_the_contest",
            MonitoringRefusal::AlreadyReferred(..) => "already_referred",
            MonitoringRefusal::NotReferred(..) => "not_referred",
            MonitoringRefusal::AlreadyVoted { .. } => "already_voted",
            MonitoringRefusal::NoFeeToCorrect(..) => "no_fee_to_correct",
            MonitoringRefusal::NegativeFee(..) => "negative_fee",
            MonitoringRefusal::NotHeld(..) => "not_held",
            MonitoringRefusal::EndBeforeStart { .. } => "end_before_start",
            MonitoringRefusal::NotTheMission(..) => "not_the_mission",
            MonitoringRefusal::DayNotOver { .. } => "day_not_over",
            MonitoringRefusal::ReportAlreadySigned { .. } => "report_already_signed",
            MonitoringRefusal::DayForgotten { .. } => "day_forgotten",
            MonitoringRefusal::FigureDiffers { .. } => "figure_differs",
            MonitoringRefusal::UnknownReportPost(..) => "unknown_report_post",
            MonitoringRefusal::UnknownSegment { .. } => "unknown_segment",
        }
    }
}
