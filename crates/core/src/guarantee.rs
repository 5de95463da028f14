//! Guarantees, enquiries and remittance: the records the core keeps (guarantors, their
//! guarantees and what movements engage of them, open enquiries), what a declaration
//! engages, and the events and refusals of the statements about them. Every text a person
//! reads about them is in this module, so it can move to the translation files as one.
//!
//! The live state keeps only what the rules still need: a released engagement and a
//! finished enquiry leave it (the log keeps their history), so ten years of traffic leave
//! the guarantors, their guarantees and what is under way.

use crate::encoding::Writer;
use crate::ids::{AmountMinor, Currency, Ident, Mrn};
use crate::outcome::RefusalClass;
use crate::regime::GuaranteeRules;
use crate::statement::{
    Commitment, Declaration, EnquiryOutcome, GuaranteeCover, PublicKey, Timestamp,
};
use imbl::OrdMap;
use std::fmt;

/// Most guarantors the corridor keeps: a few dozen banks and insurers serve a corridor;
/// ten thousand bounds the state however many are enrolled over ten years.
pub const GUARANTORS_MAX: usize = 10_000;
/// Most keys one guarantor holds: rotations over ten years, as for a carrier.
pub const KEYS_PER_GUARANTOR_MAX: usize = 64;

/// An enrolled guarantor: a bank or an insurer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guarantor {
    /// Its identifier.
    pub id: Ident,
    /// Its public name.
    pub name: String,
    /// The party whose authority enrolled it (index in the charter).
    pub party: usize,
    /// Its keys, in enrolment order.
    pub keys: Vec<PublicKey>,
}

/// A guarantee and what is engaged of it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guarantee {
    /// Its reference (GRN).
    pub id: Ident,
    /// The guarantor that issued it.
    pub guarantor: Ident,
    /// The holder of the procedure: the carrier whose declarations may name it.
    pub holder: Ident,
    /// Comprehensive or individual.
    pub cover: GuaranteeCover,
    /// The reference amount.
    pub reference_amount: AmountMinor,
    /// Its currency.
    pub currency: Currency,
    /// The entry that issued it.
    pub issued_entry: u64,
    /// What live movements engage of it, by movement: released ones leave.
    pub engagements: OrdMap<Mrn, AmountMinor>,
    /// The sum of [`Guarantee::engagements`].
    pub engaged: AmountMinor,
    /// What was called from it in recoveries, in all: no longer available.
    pub called: AmountMinor,
    /// For an individual guarantee: the movement it secures, once a declaration named it.
    pub secured_movement: Option<Mrn>,
}

impl Guarantee {
    /// What is left to engage: the reference amount less what is engaged and called.
    pub fn remaining(&self) -> AmountMinor {
        AmountMinor(self.reference_amount.0 - self.engaged.0 - self.called.0)
    }
}

/// A movement's engagement: which guarantee and how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Engagement {
    /// The guarantee.
    pub guarantee: Ident,
    /// The amount engaged.
    pub amount: AmountMinor,
}

/// An open enquiry into an overdue movement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Enquiry {
    /// The entry that opened it.
    pub opened_entry: u64,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// Until when the holder or the office of destination may answer.
    pub answer_by: Timestamp,
    /// The answer, once given: its entry and the commitment to its evidence.
    pub answer: Option<(u64, Commitment)>,
}

/// Everything the core keeps about guarantees and enquiries. Persistent collections, so a
/// copy of the state shares them.
#[derive(Clone, Debug, Default)]
pub struct GuaranteeBook {
    pub(crate) guarantors: imbl::Vector<Guarantor>,
    pub(crate) guarantor_index: OrdMap<Ident, usize>,
    pub(crate) guarantees: OrdMap<Ident, Guarantee>,
    pub(crate) engagements: OrdMap<Mrn, Engagement>,
    pub(crate) enquiries: OrdMap<Mrn, Enquiry>,
    /// Enquiries opened and recoveries made since genesis, with the amount recovered per
    /// currency: what the figures and the simulator report.
    pub(crate) totals: GuaranteeTotals,
}

/// Counts since genesis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuaranteeTotals {
    /// Enquiries opened.
    pub enquiries_opened: u64,
    /// Enquiries ended by discharge on alternative proof.
    pub discharged_on_alternative_proof: u64,
    /// Enquiries ended in recovery.
    pub recoveries: u64,
}

impl GuaranteeBook {
    /// Every guarantor, in enrolment order.
    pub fn guarantors(&self) -> &imbl::Vector<Guarantor> {
        &self.guarantors
    }

    /// One guarantor.
    pub fn guarantor(&self, id: &Ident) -> Option<&Guarantor> {
        self.guarantor_index.get(id).map(|&index| &self.guarantors[index])
    }

    /// One guarantee.
    pub fn guarantee(&self, id: &Ident) -> Option<&Guarantee> {
        self.guarantees.get(id)
    }

    /// Every guarantee, by reference.
    pub fn guarantees(&self) -> impl Iterator<Item = &Guarantee> {
        self.guarantees.values()
    }

    /// A movement's live engagement.
    pub fn engagement(&self, mrn: &Mrn) -> Option<&Engagement> {
        self.engagements.get(mrn)
    }

    /// A movement's open enquiry.
    pub fn enquiry(&self, mrn: &Mrn) -> Option<&Enquiry> {
        self.enquiries.get(mrn)
    }

    /// Open enquiries, by movement.
    pub fn enquiries(&self) -> impl Iterator<Item = (&Mrn, &Enquiry)> {
        self.enquiries.iter()
    }

    /// Open enquiries from `after` on, by movement: a page without a walk of the others.
    pub fn enquiries_after(
        &self,
        after: std::ops::Bound<Mrn>,
    ) -> impl Iterator<Item = (&Mrn, &Enquiry)> {
        self.enquiries.range((after, std::ops::Bound::Unbounded))
    }

    /// Counts since genesis.
    pub fn totals(&self) -> &GuaranteeTotals {
        &self.totals
    }

    /// The book's canonical bytes: the snapshot's guarantee section, which the state
    /// digest covers too (see `ENCODING.md`). A guarantee's engagements and engaged sum
    /// are not written: the engagements by movement give them.
    pub(crate) fn encode(&self, writer: &mut Writer) {
        writer.u32(self.guarantors.len() as u32);
        for guarantor in &self.guarantors {
            writer.ident(&guarantor.id);
            writer.bytes16(guarantor.name.as_bytes());
            writer.u16(guarantor.party as u16);
            writer.count(guarantor.keys.len());
            for key in &guarantor.keys {
                writer.fixed(&key.0);
            }
        }
        writer.u32(self.guarantees.len() as u32);
        for guarantee in self.guarantees.values() {
            writer.ident(&guarantee.id);
            writer.ident(&guarantee.guarantor);
            writer.ident(&guarantee.holder);
            writer.u8(guarantee.cover.tag());
            writer.i64(guarantee.reference_amount.0);
            writer.fixed(guarantee.currency.as_bytes());
            writer.u64(guarantee.issued_entry);
            writer.i64(guarantee.called.0);
            match &guarantee.secured_movement {
                None => writer.u8(0),
                Some(mrn) => {
                    writer.u8(1);
                    writer.fixed(mrn.as_bytes());
                }
            }
        }
        writer.u32(self.engagements.len() as u32);
        for (mrn, engagement) in &self.engagements {
            writer.fixed(mrn.as_bytes());
            writer.ident(&engagement.guarantee);
            writer.i64(engagement.amount.0);
        }
        writer.u32(self.enquiries.len() as u32);
        for (mrn, enquiry) in &self.enquiries {
            writer.fixed(mrn.as_bytes());
            writer.u64(enquiry.opened_entry);
            writer.u64(enquiry.opened_at.0);
            writer.u64(enquiry.answer_by.0);
            match &enquiry.answer {
                None => writer.u8(0),
                Some((entry, evidence)) => {
                    writer.u8(1);
                    writer.u64(*entry);
                    writer.fixed(&evidence.0);
                }
            }
        }
        writer.u64(self.totals.enquiries_opened);
        writer.u64(self.totals.discharged_on_alternative_proof);
        writer.u64(self.totals.recoveries);
    }
}

/// What a declaration engages under `rules`: for each goods item, its HS code's rate per
/// tonne times its gross mass, rounded up to a minor unit (a guarantee covers at least the
/// duties). `None` if it does not fit in an `i64`.
pub fn engagement_for(rules: &GuaranteeRules, declaration: &Declaration) -> Option<AmountMinor> {
    let mut total: i128 = 0;
    for item in &declaration.goods {
        let rate = i128::from(rules.rate_for(item.hs_code.digits()).0);
        let product = rate * i128::from(item.gross_mass_kg);
        total += (product + 999) / 1000;
    }
    i64::try_from(total).ok().map(AmountMinor)
}

/// Something that happened to a guarantee, an enquiry or a revenue account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuaranteeEvent {
    /// A guarantor was enrolled, or a key added to it.
    GuarantorEnrolled {
        /// The guarantor.
        guarantor: Ident,
        /// The key.
        key: PublicKey,
    },
    /// A guarantee was issued.
    Issued {
        /// The guarantee.
        guarantee: Ident,
        /// The holder.
        holder: Ident,
    },
    /// A movement engaged part of a guarantee.
    Engaged {
        /// The movement.
        mrn: Mrn,
        /// The guarantee.
        guarantee: Ident,
        /// The amount.
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
    },
    /// A movement's engagement was released (discharge, cancellation, refusal,
    /// amendment).
    Released {
        /// The movement.
        mrn: Mrn,
        /// The guarantee.
        guarantee: Ident,
    },
    /// An enquiry was opened.
    EnquiryOpened {
        /// The movement.
        mrn: Mrn,
        /// Until when it may be answered.
        answer_by: Timestamp,
    },
    /// An enquiry was answered.
    EnquiryAnswered {
        /// The movement.
        mrn: Mrn,
    },
    /// An enquiry ended.
    EnquiryClosed {
        /// The movement.
        mrn: Mrn,
        /// How.
        outcome: EnquiryOutcome,
    },
    /// Duties were recovered: from the guarantee if the movement engaged one, otherwise
    /// charged to the holder.
    Recovered {
        /// The movement.
        mrn: Mrn,
        /// The guarantee called, if any.
        guarantee: Option<Ident>,
        /// The amount.
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
    },
    /// Revenue was remitted to a party's treasury.
    Remitted {
        /// The revenue account.
        account: Ident,
        /// The party.
        party: Ident,
        /// The amount.
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
    },
}

impl GuaranteeEvent {
    /// The movement the event concerns, if any.
    pub fn mrn(&self) -> Option<Mrn> {
        match self {
            GuaranteeEvent::Engaged { mrn, .. }
            | GuaranteeEvent::Released { mrn, .. }
            | GuaranteeEvent::EnquiryOpened { mrn, .. }
            | GuaranteeEvent::EnquiryAnswered { mrn }
            | GuaranteeEvent::EnquiryClosed { mrn, .. }
            | GuaranteeEvent::Recovered { mrn, .. } => Some(*mrn),
            GuaranteeEvent::GuarantorEnrolled { .. }
            | GuaranteeEvent::Issued { .. }
            | GuaranteeEvent::Remitted { .. } => None,
        }
    }
}

impl fmt::Display for GuaranteeEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuaranteeEvent::GuarantorEnrolled { guarantor, key } => {
                write!(f, "{key} enrolled for guarantor {guarantor}")
            }
            GuaranteeEvent::Issued { guarantee, holder } => {
                write!(f, "guarantee {guarantee} issued to {holder}")
            }
            GuaranteeEvent::Engaged { mrn, guarantee, amount, currency } => {
                write!(f, "{mrn} engages {} of guarantee {guarantee}", amount.display(*currency))
            }
            GuaranteeEvent::Released { mrn, guarantee } => {
                write!(f, "{mrn} released its engagement of guarantee {guarantee}")
            }
            GuaranteeEvent::EnquiryOpened { mrn, answer_by } => {
                write!(f, "{mrn} enquiry opened, to be answered by {answer_by}")
            }
            GuaranteeEvent::EnquiryAnswered { mrn } => write!(f, "{mrn} enquiry answered"),
            GuaranteeEvent::EnquiryClosed { mrn, outcome } => {
                write!(f, "{mrn} enquiry closed: {outcome}")
            }
            GuaranteeEvent::Recovered { mrn, guarantee: Some(guarantee), amount, currency } => {
                write!(
                    f,
                    "{mrn}: {} recovered from guarantee {guarantee}",
                    amount.display(*currency)
                )
            }
            GuaranteeEvent::Recovered { mrn, guarantee: None, amount, currency } => {
                write!(f, "{mrn}: {} recovered from the holder", amount.display(*currency))
            }
            GuaranteeEvent::Remitted { account, party, amount, currency } => {
                write!(
                    f,
                    "{} remitted from {account} to the treasury of {party}",
                    amount.display(*currency)
                )
            }
        }
    }
}

/// Why a statement about guarantees, enquiries or remittance was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GuaranteeRefusal {
    /// The signer is not a guarantor.
    #[error("{key} is not a guarantor's key, so it may not {action}")]
    NotAGuarantor {
        /// The signer.
        key: PublicKey,
        /// What it tried.
        action: &'static str,
    },
    /// The guarantor was enrolled by another party.
    #[error("guarantor {guarantor} was enrolled by {party}; only its authority adds keys to it")]
    GuarantorOfAnotherParty {
        /// The guarantor.
        guarantor: Ident,
        /// The party that enrolled it.
        party: Ident,
    },
    /// The corridor holds as many guarantors, or the guarantor as many keys, as it may.
    #[error("{what}: at most {max}")]
    TooMany {
        /// What is full.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// A guarantee with this reference exists.
    #[error("guarantee {0} exists already; a reference names one guarantee")]
    GuaranteeExists(Ident),
    /// No guarantee has this reference.
    #[error("no guarantee {0} was issued")]
    UnknownGuarantee(Ident),
    /// The guarantee's holder is another carrier.
    #[error("guarantee {guarantee} is held by {holder}, not by {carrier}")]
    NotYourGuarantee {
        /// The guarantee.
        guarantee: Ident,
        /// Its holder.
        holder: Ident,
        /// The declaring carrier.
        carrier: Ident,
    },
    /// An individual guarantee already secures another movement.
    #[error("individual guarantee {guarantee} secures movement {mrn} already")]
    IndividualGuaranteeUsed {
        /// The guarantee.
        guarantee: Ident,
        /// The movement it secures.
        mrn: Mrn,
    },
    /// The guarantee's remaining amount is less than the engagement.
    #[error(
        "the goods engage {}, but guarantee {guarantee} has only {} left",
        engagement.display(*currency),
        remaining.display(*currency)
    )]
    Insufficient {
        /// The guarantee.
        guarantee: Ident,
        /// What the declaration engages.
        engagement: AmountMinor,
        /// What remains of the guarantee.
        remaining: AmountMinor,
        /// The currency.
        currency: Currency,
    },
    /// The regime requires a guarantee and the declaration names none.
    #[error("the regime in force requires a guarantee; the declaration names none")]
    GuaranteeRequired,
    /// The movement is not overdue.
    #[error("movement {0} is not overdue; an enquiry follows a missed time limit")]
    NotOverdue(Mrn),
    /// An enquiry into the movement is open.
    #[error("an enquiry into movement {0} is open; it ends first")]
    EnquiryOpen(Mrn),
    /// No enquiry into the movement is open.
    #[error("no enquiry into movement {0} is open")]
    NoEnquiry(Mrn),
    /// The enquiry was answered already.
    #[error("the enquiry into movement {0} was answered already")]
    AlreadyAnswered(Mrn),
    /// The period for answering is over.
    #[error("the enquiry into movement {mrn} could be answered until {answer_by}")]
    AnswerPeriodOver {
        /// The movement.
        mrn: Mrn,
        /// The end of the period.
        answer_by: Timestamp,
    },
    /// Recovery before an answer and before the period is over.
    #[error(
        "the enquiry into movement {mrn} may be answered until {answer_by}; recovery waits for an answer or for that time"
    )]
    AnswerPeriodRunning {
        /// The movement.
        mrn: Mrn,
        /// The end of the period.
        answer_by: Timestamp,
    },
    /// Discharge on alternative proof without any evidence.
    #[error("the enquiry into movement {0} has no answer; alternative proof needs evidence")]
    NoEvidence(Mrn),
    /// The signer is neither the movement's holder nor an office on its itinerary.
    #[error(
        "{key} may not answer the enquiry into movement {mrn}: only its holder or customs on its itinerary may"
    )]
    NotHolderOrOffice {
        /// The signer.
        key: PublicKey,
        /// The movement.
        mrn: Mrn,
    },
    /// The account is not a revenue account the regime names with a treasury.
    #[error("{0} is not a revenue account with a treasury in the regime in force")]
    NoTreasury(Ident),
    /// The account's treasury is another party's.
    #[error(
        "revenue account {account} is remitted to the treasury of {party}; only its authority may"
    )]
    TreasuryOfAnotherParty {
        /// The account.
        account: Ident,
        /// The party whose treasury receives it.
        party: Ident,
    },
    /// More than the account holds.
    #[error(
        "revenue account {account} holds {}; {} cannot be remitted",
        balance.display(*currency),
        amount.display(*currency)
    )]
    BeyondBalance {
        /// The account.
        account: Ident,
        /// Its balance.
        balance: AmountMinor,
        /// The amount asked.
        amount: AmountMinor,
        /// The currency.
        currency: Currency,
    },
}

impl GuaranteeRefusal {
    /// The refusal's class.
    pub fn class(&self) -> RefusalClass {
        use RefusalClass::{DoesNotFit, Forbidden};
        match self {
            GuaranteeRefusal::NotAGuarantor { .. }
            | GuaranteeRefusal::GuarantorOfAnotherParty { .. }
            | GuaranteeRefusal::NotYourGuarantee { .. }
            | GuaranteeRefusal::NotHolderOrOffice { .. }
            | GuaranteeRefusal::TreasuryOfAnotherParty { .. } => Forbidden,
            GuaranteeRefusal::TooMany { .. }
            | GuaranteeRefusal::GuaranteeExists(..)
            | GuaranteeRefusal::UnknownGuarantee(..)
            | GuaranteeRefusal::IndividualGuaranteeUsed { .. }
            | GuaranteeRefusal::Insufficient { .. }
            | GuaranteeRefusal::GuaranteeRequired
            | GuaranteeRefusal::NotOverdue(..)
            | GuaranteeRefusal::EnquiryOpen(..)
            | GuaranteeRefusal::NoEnquiry(..)
            | GuaranteeRefusal::AlreadyAnswered(..)
            | GuaranteeRefusal::AnswerPeriodOver { .. }
            | GuaranteeRefusal::AnswerPeriodRunning { .. }
            | GuaranteeRefusal::NoEvidence(..)
            | GuaranteeRefusal::NoTreasury(..)
            | GuaranteeRefusal::BeyondBalance { .. } => DoesNotFit,
        }
    }

    /// A stable code (the variant in snake case).
    pub fn code(&self) -> &'static str {
        match self {
            GuaranteeRefusal::NotAGuarantor { .. } => "not_a_guarantor",
            GuaranteeRefusal::GuarantorOfAnotherParty { .. } => "guarantor_of_another_party",
            GuaranteeRefusal::TooMany { .. } => "too_many",
            GuaranteeRefusal::GuaranteeExists(..) => "guarantee_exists",
            GuaranteeRefusal::UnknownGuarantee(..) => "unknown_guarantee",
            GuaranteeRefusal::NotYourGuarantee { .. } => "not_your_guarantee",
            GuaranteeRefusal::IndividualGuaranteeUsed { .. } => "individual_guarantee_used",
            GuaranteeRefusal::Insufficient { .. } => "guarantee_insufficient",
            GuaranteeRefusal::GuaranteeRequired => "guarantee_required",
            GuaranteeRefusal::NotOverdue(..) => "not_overdue",
            GuaranteeRefusal::EnquiryOpen(..) => "enquiry_open",
            GuaranteeRefusal::NoEnquiry(..) => "no_enquiry",
            GuaranteeRefusal::AlreadyAnswered(..) => "already_answered",
            GuaranteeRefusal::AnswerPeriodOver { .. } => "answer_period_over",
            GuaranteeRefusal::AnswerPeriodRunning { .. } => "answer_period_running",
            GuaranteeRefusal::NoEvidence(..) => "no_evidence",
            GuaranteeRefusal::NotHolderOrOffice { .. } => "not_holder_or_office",
            GuaranteeRefusal::NoTreasury(..) => "no_treasury",
            GuaranteeRefusal::TreasuryOfAnotherParty { .. } => "treasury_of_another_party",
            GuaranteeRefusal::BeyondBalance { .. } => "beyond_balance",
        }
    }
}
