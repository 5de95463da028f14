//! Statements: the signed acts at the corridor, and their canonical, versioned byte
//! encoding (the log's wire format, documented byte for byte in `ENCODING.md`).

use crate::charter::PARTIES_MAX;
use crate::draw::{DRAWS_PER_STATEMENT_MAX, DrawProofs, VrfProof};
use crate::encoding::{DecodeError, Reader, Writer};
use crate::ids::{AmountMinor, ContainerNumber, CountryCode, Currency, HsCode, Ident, Mrn};
use crate::ids::{UicWagonNumber, Wagon1520Number};
use std::fmt;

/// The statement encoding's version byte.
pub const STATEMENT_VERSION: u8 = 1;
/// Most bytes in a log entry (the log stores entries with a two-byte length).
pub const ENTRY_BYTES_MAX: usize = 65_535;
/// The most a statement's recorded time may run ahead of its sequenced time: five
/// minutes of device clock skew.
pub const RECORDED_AHEAD_MS_MAX: u64 = 5 * 60_000;
/// The most a statement's recorded time may lag its sequenced time: seven days offline.
pub const RECORDED_BEHIND_MS_MAX: u64 = 7 * 24 * 3_600_000;
/// Bytes an entry adds around its statement: entry version (1), time (8), envelope
/// version (1), signer (32), signature (64) and the statement's length (2).
pub const ENTRY_OVERHEAD_BYTES: usize = 1 + 8 + 1 + 32 + 64 + 2;
/// Most bytes in a statement, so that its entry fits in [`ENTRY_BYTES_MAX`].
pub const STATEMENT_BYTES_MAX: usize = ENTRY_BYTES_MAX - ENTRY_OVERHEAD_BYTES;
/// Most bytes in a charter or regime document carried by a statement.
pub const DOCUMENT_BYTES_MAX: usize = 60_000;
/// Most transport equipment (containers, wagons, vehicles) in one declaration. A block
/// train of 57 flat wagons with 57 containers is 114; 999 leaves room for long trains
/// while the entry size limit bounds the rest.
pub const EQUIPMENT_PER_DECLARATION_MAX: usize = 999;
/// Most goods items in one declaration (NCTS allows 999 per house consignment).
pub const GOODS_ITEMS_PER_DECLARATION_MAX: usize = 999;
/// Most seals on one piece of equipment (NCTS: up to 99).
pub const SEALS_PER_EQUIPMENT_MAX: usize = 99;
/// Most posts one officer is enrolled at.
pub const POSTS_PER_OFFICER_MAX: usize = 64;
/// Most bytes in a carrier's public name.
pub const CARRIER_NAME_BYTES_MAX: usize = 128;
/// Most transport documents (CMR, CIM, SMGS notes) in one declaration: NCTS allows 99
/// per consignment.
pub const TRANSPORT_DOCUMENTS_PER_DECLARATION_MAX: usize = 99;
/// Most bytes in a guarantor's public name: a bank's or insurer's registered name fits
/// in the same room as a carrier's.
pub const GUARANTOR_NAME_BYTES_MAX: usize = 128;

/// Most bytes in an observation's public summary or a dissent's public reason: a
/// paragraph, what a person reads on the dashboard; the details go in the confidential
/// payload.
pub const PUBLIC_TEXT_BYTES_MAX: usize = 500;
/// Most attachments (photographs, documents) committed in one observation.
pub const ATTACHMENTS_PER_OBSERVATION_MAX: usize = 16;
/// Most figure lines in a signed daily report. A line takes at most 45 bytes (a post of
/// 32 characters), so a thousand lines keep the statement inside an entry; a corridor of
/// ten posts fills about three hundred.
pub const FIGURE_LINES_PER_REPORT_MAX: usize = 1_000;

/// Milliseconds in a day.
pub const DAY_MS: u64 = 86_400_000;

/// Milliseconds since the Unix epoch, UTC, as given by the sequencer. The core never reads
/// a clock: time is data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// This time plus `milliseconds`, saturating.
    pub fn plus_ms(self, milliseconds: u64) -> Timestamp {
        Timestamp(self.0.saturating_add(milliseconds))
    }

    /// The day since 1970-01-01 (UTC) this time falls on.
    pub fn day(self) -> u32 {
        (self.0 / DAY_MS) as u32
    }

    /// The first millisecond of `day` (days since 1970-01-01, UTC).
    pub fn start_of_day(day: u32) -> Timestamp {
        Timestamp(u64::from(day) * DAY_MS)
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MMZ` (as [`fmt::Display`]
    /// writes it), years 1970 to 9999.
    pub fn parse_utc(text: &str) -> Option<Timestamp> {
        let (date, time) = match text.split_once('T') {
            None => (text, None),
            Some((date, time)) => (date, Some(time.strip_suffix('Z')?)),
        };
        let number = |part: &str, digits: usize| {
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let mut parts = date.split('-');
        let year = number(parts.next()?, 4)?;
        let month = number(parts.next()?, 2)?;
        let day = number(parts.next()?, 2)?;
        if parts.next().is_some() || year < 1970 || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let (hour, minute) = match time {
            None => (0, 0),
            Some(time) => {
                let (hour, minute) = time.split_once(':')?;
                (number(hour, 2)?, number(minute, 2)?)
            }
        };
        if hour > 23 || minute > 59 {
            return None;
        }
        // Howard Hinnant's days-from-civil algorithm, the inverse of `civil_date`.
        let (y, m, d) = (i64::from(year) - i64::from(month <= 2), i64::from(month), i64::from(day));
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        let time = Timestamp(
            days as u64 * DAY_MS + u64::from(hour) * 3_600_000 + u64::from(minute) * 60_000,
        );
        // A day past the month's end (say 02-30) gives another date back: refused.
        (time.civil_date() == (i64::from(year), month, day)).then_some(time)
    }

    /// The civil date (year, month, day) in UTC.
    pub fn civil_date(self) -> (i64, u32, u32) {
        // Howard Hinnant's days-to-civil algorithm, on days since 1970-01-01.
        let days = (self.0 / 86_400_000) as i64;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
        let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.civil_date();
        let in_day = self.0 % 86_400_000;
        let (hour, minute) = (in_day / 3_600_000, in_day / 60_000 % 60);
        write!(formatter, "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}Z")
    }
}

/// An Ed25519 public key (32 bytes), the identity of a signer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey(pub [u8; 32]);

impl fmt::Display for PublicKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Eight hex digits name a key well enough in a message; the full key is in the log.
        write!(formatter, "key {}", hex::encode(&self.0[..4]))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, formatter)
    }
}

/// A salted SHA-256 commitment to a confidential payload (see `Commitment::compute` in
/// [`crate::signed`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Commitment(pub [u8; 32]);

impl fmt::Debug for Commitment {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "commitment {}", hex::encode(&self.0[..4]))
    }
}

macro_rules! tagged_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $tag:literal => $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant = $tag,)*
        }
        impl $name {
            /// Every variant, in tag order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The variant's tag byte.
            pub fn tag(self) -> u8 { self as u8 }
            /// The variant with this tag byte.
            pub fn from_tag(tag: u8) -> Option<$name> {
                match tag { $($tag => Some($name::$variant),)* _ => None }
            }
            /// The word used in documents and messages.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
            /// Parses the word used in documents.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
            fn decode(reader: &mut Reader<'_>) -> Result<$name, DecodeError> {
                let offset = reader.offset();
                let tag = reader.u8($what)?;
                $name::from_tag(tag).ok_or(DecodeError::UnknownTag { what: $what, tag, offset })
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.as_str())
            }
        }
    };
}

tagged_enum! {
    /// An officer's role. Which role may record which act at which post is the regime's.
    OfficerRole, "officer role" {
        /// A customs officer of the state that operates the post.
        Customs = 0 => "customs",
        /// A border guard of the state that operates the post.
        BorderGuard = 1 => "border_guard",
        /// A monitor of the neutral mission.
        Monitor = 2 => "monitor",
    }
}

tagged_enum! {
    /// A class of traffic; the regime's phase says which are allowed.
    TrafficClass, "traffic class" {
        /// Goods by rail.
        CargoRail = 0 => "cargo_rail",
        /// Goods by road.
        CargoRoad = 1 => "cargo_road",
        /// Passengers (a later phase).
        Passengers = 2 => "passengers",
    }
}

tagged_enum! {
    /// A container's length, which its tariff depends on.
    ContainerSize, "container size" {
        /// 20-foot container (1 TEU).
        Feet20 = 0 => "20ft",
        /// 40-foot container (2 TEU).
        Feet40 = 1 => "40ft",
        /// 45-foot container.
        Feet45 = 2 => "45ft",
    }
}

tagged_enum! {
    /// What an officer found when checking one piece of equipment's seals.
    SealCondition, "seal condition" {
        /// The declared seals are present and intact.
        Intact = 0 => "intact",
        /// A seal is broken or was tampered with.
        Broken = 1 => "broken",
        /// The seals found are not the seals declared.
        Mismatch = 2 => "mismatch",
    }
}

tagged_enum! {
    /// The depth of an inspection: documents (yellow lane) or physical (red lane).
    InspectionKind, "inspection kind" {
        /// A check of the documents.
        Documents = 0 => "documents",
        /// A physical examination (scan, opening).
        Physical = 1 => "physical",
    }
}

tagged_enum! {
    /// The outcome of an inspection.
    InspectionOutcome, "inspection outcome" {
        /// Goods and documents conform to the declaration.
        Conform = 0 => "conform",
        /// A discrepancy that does not stop the movement (e.g. a paperwork error).
        MinorDiscrepancy = 1 => "minor_discrepancy",
        /// A discrepancy that calls for a hold or an incident.
        MajorDiscrepancy = 2 => "major_discrepancy",
    }
}

tagged_enum! {
    /// Why customs hold a movement at a post.
    HoldReason, "hold reason" {
        /// Awaiting or following an inspection.
        Inspection = 0 => "inspection",
        /// Documents missing or wrong.
        Documents = 1 => "documents",
        /// A security concern.
        Security = 2 => "security",
        /// Fees not paid.
        Fees = 3 => "fees",
        /// Any other reason, given in the officer's notes.
        Other = 4 => "other",
    }
}

tagged_enum! {
    /// An incident en route, after NCTS's incident codes (CL019) where they are known.
    IncidentKind, "incident kind" {
        /// The carrier had to deviate from the itinerary (NCTS code 1).
        Deviation = 0 => "deviation",
        /// Seals broken or tampered with (NCTS code 2).
        SealBroken = 1 => "seal_broken",
        /// Goods moved to other equipment or transport means.
        Transshipment = 2 => "transshipment",
        /// An accident.
        Accident = 3 => "accident",
        /// Imminent danger requiring partial or full unloading.
        ImminentDanger = 4 => "imminent_danger",
        /// Any other incident.
        Other = 5 => "other",
        /// The movement passed its time limit (raised by the core, never reported).
        Overdue = 6 => "overdue",
    }
}

tagged_enum! {
    /// What a guarantee covers, after NCTS's guarantee types (CL251) 1 and 2.
    GuaranteeCover, "guarantee cover" {
        /// A comprehensive guarantee: a reference amount that many movements engage at
        /// once, each released when its movement ends.
        Comprehensive = 0 => "comprehensive",
        /// An individual guarantee: it secures one movement, the first declaration that
        /// names it.
        Individual = 1 => "individual",
    }
}

tagged_enum! {
    /// How the office of departure ends an enquiry into an overdue movement.
    EnquiryOutcome, "enquiry outcome" {
        /// The evidence given proves that the goods left the corridor as declared: the
        /// movement is discharged on alternative proof and its engagement released.
        AlternativeProof = 0 => "alternative_proof",
        /// No proof: the guarantee is called for the movement's engaged amount, which goes
        /// to the revenue accounts as the regime's split says.
        Recovery = 1 => "recovery",
    }
}

tagged_enum! {
    /// The public category of a monitor's observation.
    ObservationCategory, "observation category" {
        /// A queue at a post.
        Queue = 0 => "queue",
        /// A post or a road or line closed.
        Closure = 1 => "closure",
        /// The state of the road.
        RoadCondition = 2 => "road_condition",
        /// The state of the railway.
        RailCondition = 3 => "rail_condition",
        /// How officers at a post behave toward carriers and crews.
        Conduct = 4 => "conduct",
        /// A security concern.
        Security = 5 => "security",
        /// Anything else.
        Other = 6 => "other",
    }
}

tagged_enum! {
    /// How the party whose officer made a contested act answers the contest.
    ContestAnswer, "contest answer" {
        /// The contest is right: the act was wrong and stands corrected by this answer.
        Upheld = 0 => "upheld",
        /// The act was corrected by a new act of the party, in the log.
        Corrected = 1 => "corrected",
        /// The act stands, for the reasons the answer commits to.
        Rejected = 2 => "rejected",
    }
}

tagged_enum! {
    /// One figure of a daily report (see [`FigureLine`]).
    Figure, "report figure" {
        /// Arrivals at the post; detail: the route's index in the corridor (its direction).
        Arrivals = 0 => "arrivals",
        /// Departures from the post.
        Departures = 1 => "departures",
        /// Milliseconds between arrival and departure, summed over the departures.
        DwellTotalMs = 2 => "dwell_total_ms",
        /// The longest of those, in milliseconds.
        DwellLongestMs = 3 => "dwell_longest_ms",
        /// Inspections; detail: lane tag × 3 + outcome tag.
        Inspections = 4 => "inspections",
        /// Holds begun.
        HoldsStarted = 5 => "holds_started",
        /// Holds ended (released, returned, seized or released in part).
        HoldsEnded = 6 => "holds_ended",
        /// Milliseconds the ended holds lasted, summed.
        HoldTotalMs = 7 => "hold_total_ms",
        /// The longest of those, in milliseconds.
        HoldLongestMs = 8 => "hold_longest_ms",
        /// Incidents opened (reported, recorded or raised by time).
        IncidentsOpened = 9 => "incidents_opened",
        /// Incidents closed.
        IncidentsClosed = 10 => "incidents_closed",
        /// Monitors' observations.
        Observations = 11 => "observations",
        /// Monitors' dissents.
        Dissents = 12 => "dissents",
        /// Contests opened.
        ContestsOpened = 13 => "contests_opened",
        /// Contests answered.
        ContestsAnswered = 14 => "contests_answered",
        /// Contests that passed their deadline unanswered.
        ContestsOverdue = 15 => "contests_overdue",
        /// Automatic incidents opened (unanswered contests, long holds).
        AutomaticIncidents = 16 => "automatic_incidents",
    }
}

/// What the joint commission decides about a contest referred to it. Its effects follow
/// from the decision: a corrected fee is posted, a held movement released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContestDecision {
    /// The act stands; the contest is dismissed.
    ActStands,
    /// The contest is right; nothing follows in the ledger or at the post.
    ContestUpheld,
    /// The movement's fee is corrected to this amount (the difference is posted).
    FeeCorrected {
        /// The corrected fee, in the currency it was assessed in.
        amount: AmountMinor,
    },
    /// The held movement is released at the post where it is.
    Release,
}

impl ContestDecision {
    /// The decision's tag byte.
    pub fn tag(&self) -> u8 {
        match self {
            ContestDecision::ActStands => 0,
            ContestDecision::ContestUpheld => 1,
            ContestDecision::FeeCorrected { .. } => 2,
            ContestDecision::Release => 3,
        }
    }

    /// The word used in messages and documents.
    pub fn as_str(&self) -> &'static str {
        match self {
            ContestDecision::ActStands => "act_stands",
            ContestDecision::ContestUpheld => "contest_upheld",
            ContestDecision::FeeCorrected { .. } => "fee_corrected",
            ContestDecision::Release => "release",
        }
    }

    fn encode(&self, writer: &mut Writer) {
        writer.u8(self.tag());
        if let ContestDecision::FeeCorrected { amount } = self {
            writer.i64(amount.0);
        }
    }

    fn decode(reader: &mut Reader<'_>) -> Result<ContestDecision, DecodeError> {
        Ok(match reader.tag("contest decision", 4)? {
            0 => ContestDecision::ActStands,
            1 => ContestDecision::ContestUpheld,
            2 => ContestDecision::FeeCorrected { amount: AmountMinor(reader.i64("amount")?) },
            _ => ContestDecision::Release,
        })
    }
}

impl fmt::Display for ContestDecision {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One figure of a signed daily report: where (a post, or the corridor as a whole), which
/// figure, its detail (a route's index, a lane and outcome; 0 for the others) and its
/// value. A report lists every figure that is not zero, in the core's order (posts in the
/// corridor's order, the corridor-wide lines last; then figure, then detail).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FigureLine {
    /// The post, or `None` for the corridor as a whole.
    pub post: Option<Ident>,
    /// Which figure.
    pub figure: Figure,
    /// Its detail.
    pub detail: u16,
    /// Its value (never 0).
    pub value: u64,
}

impl OfficerRole {
    /// The role as a noun for messages ("a customs officer").
    pub fn noun(self) -> &'static str {
        match self {
            OfficerRole::Customs => "customs officer",
            OfficerRole::BorderGuard => "border guard",
            OfficerRole::Monitor => "monitor",
        }
    }
}

/// A piece of transport equipment's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EquipmentId {
    /// A container (ISO 6346).
    Container(ContainerNumber),
    /// A standard-gauge wagon (UIC 12 digits).
    UicWagon(UicWagonNumber),
    /// A 1520 mm wagon (8 digits).
    Wagon1520(Wagon1520Number),
    /// A truck, by registration plate.
    Truck(Ident),
    /// A trailer or semi-trailer, by registration plate.
    Trailer(Ident),
}

impl fmt::Display for EquipmentId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EquipmentId::Container(number) => write!(formatter, "container {number}"),
            EquipmentId::UicWagon(number) => write!(formatter, "wagon {number}"),
            EquipmentId::Wagon1520(number) => write!(formatter, "wagon {number}"),
            EquipmentId::Truck(plate) => write!(formatter, "truck {plate}"),
            EquipmentId::Trailer(plate) => write!(formatter, "trailer {plate}"),
        }
    }
}

impl EquipmentId {
    /// The bytes that identify it in the selection draw: its tag, then its identifier.
    pub fn encode(&self, writer: &mut Writer) {
        match self {
            EquipmentId::Container(number) => {
                writer.u8(0);
                writer.fixed(number.as_bytes());
            }
            EquipmentId::UicWagon(number) => {
                writer.u8(1);
                writer.fixed(number.as_bytes());
            }
            EquipmentId::Wagon1520(number) => {
                writer.u8(2);
                writer.fixed(number.as_bytes());
            }
            EquipmentId::Truck(plate) => {
                writer.u8(3);
                writer.ident(plate);
            }
            EquipmentId::Trailer(plate) => {
                writer.u8(4);
                writer.ident(plate);
            }
        }
    }

    fn decode(reader: &mut Reader<'_>) -> Result<EquipmentId, DecodeError> {
        Ok(match reader.tag("equipment id", 5)? {
            0 => EquipmentId::Container(reader.container("container number")?),
            1 => EquipmentId::UicWagon(reader.uic_wagon("UIC wagon number")?),
            2 => EquipmentId::Wagon1520(reader.wagon_1520("1520 mm wagon number")?),
            3 => EquipmentId::Truck(reader.ident("truck plate")?),
            _ => EquipmentId::Trailer(reader.ident("trailer plate")?),
        })
    }
}

tagged_enum! {
    /// The kind of a transport document carried with the goods.
    TransportDocumentKind, "transport document kind" {
        /// A CMR consignment note (road).
        Cmr = 0 => "cmr",
        /// A CIM consignment note (rail, COTIF).
        Cim = 1 => "cim",
        /// An SMGS consignment note (rail, OSJD).
        Smgs = 2 => "smgs",
        /// A common CIM/SMGS consignment note (rail across both systems).
        CimSmgs = 3 => "cim_smgs",
    }
}

tagged_enum! {
    /// What customs seize.
    SeizureScope, "seizure scope" {
        /// The goods.
        Goods = 0 => "goods",
        /// The transport equipment.
        Equipment = 1 => "equipment",
        /// Goods and equipment.
        GoodsAndEquipment = 2 => "goods_and_equipment",
    }
}

/// A transport document: its kind and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TransportDocument {
    /// CMR, CIM, SMGS or CIM/SMGS.
    pub kind: TransportDocumentKind,
    /// The document's number.
    pub number: Ident,
}

/// The procedure's particulars in a declaration: its holder, the transport documents and
/// the driver. Optional in the encoding, so declarations written before they existed
/// still decode (see `ENCODING.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcedureParticulars {
    /// The holder of the transit procedure (who answers to customs for it), by its public
    /// identifier (an EORI or TIN).
    pub holder: Ident,
    /// The transport documents, at most [`TRANSPORT_DOCUMENTS_PER_DECLARATION_MAX`].
    pub transport_documents: Vec<TransportDocument>,
    /// Commitment to the driver's identity (road), confidential as the consignee is.
    pub driver: Option<Commitment>,
}

/// Where an incident en route happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentPlace {
    /// At a post.
    Post(Ident),
    /// On the segment between two posts, `position_m` metres from `from`.
    Segment {
        /// The post the segment starts at.
        from: Ident,
        /// The post it ends at.
        to: Ident,
        /// Metres from `from` along the segment.
        position_m: u32,
    },
}

impl IncidentPlace {
    fn encode(&self, writer: &mut Writer) {
        match self {
            IncidentPlace::Post(post) => {
                writer.u8(0);
                writer.ident(post);
            }
            IncidentPlace::Segment { from, to, position_m } => {
                writer.u8(1);
                writer.ident(from);
                writer.ident(to);
                writer.u32(*position_m);
            }
        }
    }

    fn decode(reader: &mut Reader<'_>) -> Result<IncidentPlace, DecodeError> {
        let offset = reader.offset();
        match reader.u8("incident place")? {
            0 => Ok(IncidentPlace::Post(reader.ident("post")?)),
            1 => Ok(IncidentPlace::Segment {
                from: reader.ident("segment start")?,
                to: reader.ident("segment end")?,
                position_m: reader.u32("position")?,
            }),
            tag => Err(DecodeError::UnknownTag { what: "incident place", tag, offset }),
        }
    }
}

/// Goods moved from one piece of equipment to another, with the new one's seals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transhipment {
    /// The equipment the goods left.
    pub from: EquipmentId,
    /// The equipment they are now in, with its seals.
    pub to: Equipment,
}

/// One piece of transport equipment in a declaration, with its seals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equipment {
    /// Its identity.
    pub id: EquipmentId,
    /// Its size, present exactly when it is a container.
    pub container_size: Option<ContainerSize>,
    /// The seals affixed, by identifier (NCTS: an..20).
    pub seals: Vec<Ident>,
}

/// One goods item: what, how heavy, from where; its description and value are
/// confidential, so only their commitments are public.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoodsItem {
    /// Index of the equipment carrying it, in the declaration's equipment list.
    pub equipment_index: u16,
    /// HS code with its edition.
    pub hs_code: HsCode,
    /// Gross mass in kilograms.
    pub gross_mass_kg: u64,
    /// Country of origin.
    pub origin: CountryCode,
    /// Commitment to the goods description.
    pub description: Commitment,
    /// Commitment to the value (amount and currency).
    pub value: Commitment,
}

/// An advance declaration: the route, the equipment and seals, the goods.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The route (from the corridor), which fixes the itinerary of posts.
    pub route: Ident,
    /// The traffic class.
    pub traffic_class: TrafficClass,
    /// Transport equipment.
    pub equipment: Vec<Equipment>,
    /// Goods items.
    pub goods: Vec<GoodsItem>,
    /// Passengers carried (0 for cargo).
    pub passenger_count: u32,
    /// Commitment to the consignee's identity.
    pub consignee: Commitment,
    /// The holder, transport documents and driver, when declared (optional, so that
    /// declarations from before they existed still decode).
    pub particulars: Option<ProcedureParticulars>,
    /// The guarantee (its reference, issued to the declaring carrier) that secures the
    /// duties on the goods, if any; the regime says whether one is required.
    pub guarantee: Option<Ident>,
}

/// One signed act. The signer (in the envelope) must hold the role the act needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Statement {
    /// Genesis (entry 0 only): the charter document (TOML, see `corridors/`), signed by
    /// one of its parties' authority keys.
    Charter {
        /// The document's text.
        document: String,
    },
    /// An authority proposes a new regime (TOML), in force from `effective_from` once the
    /// charter's quorum approves. The proposal counts as its party's approval.
    ProposeRegime {
        /// When it takes effect (if approved by then; otherwise on approval).
        effective_from: Timestamp,
        /// The regime document's text.
        document: String,
    },
    /// An authority approves the regime proposed at entry `proposal_entry`.
    ApproveRegime {
        /// Entry index of the proposal.
        proposal_entry: u64,
    },
    /// An authority enrols one of its party's officers at posts.
    EnrolOfficer {
        /// The officer's key.
        key: PublicKey,
        /// The role.
        role: OfficerRole,
        /// The posts where the officer acts.
        posts: Vec<Ident>,
    },
    /// An authority revokes a key of its party (officer) or a carrier key it registered.
    RevokeKey {
        /// The key revoked; it signs nothing from this entry on.
        key: PublicKey,
    },
    /// An authority registers a carrier's key (again, to add a key).
    RegisterCarrier {
        /// The carrier's identifier.
        carrier: Ident,
        /// Its public name.
        name: String,
        /// The key it signs with.
        key: PublicKey,
    },
    /// A carrier declares a movement in advance; the core allocates its MRN.
    Declare(Declaration),
    /// The carrier replaces its declaration before the first arrival.
    Amend {
        /// The movement.
        mrn: Mrn,
        /// The new declaration.
        declaration: Declaration,
    },
    /// The carrier (before the first arrival) or customs cancel the movement.
    Cancel {
        /// The movement.
        mrn: Mrn,
        /// A short reason code.
        reason: Ident,
    },
    /// Customs accept the declaration; the time limit starts.
    Accept {
        /// The movement.
        mrn: Mrn,
    },
    /// Customs refuse the declaration.
    RefuseDeclaration {
        /// The movement.
        mrn: Mrn,
        /// A short reason code.
        reason: Ident,
    },
    /// The movement arrives at a post (the last post of its itinerary is its destination).
    Arrive {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// An officer checks one piece of equipment's seals.
    SealCheck {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The equipment.
        equipment: EquipmentId,
        /// What was found.
        condition: SealCondition,
        /// The seals found, by identifier.
        seals_found: Vec<Ident>,
    },
    /// An inspection's result for one piece of equipment.
    Inspection {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The equipment.
        equipment: EquipmentId,
        /// Documents or physical.
        kind: InspectionKind,
        /// The outcome.
        outcome: InspectionOutcome,
        /// Commitment to the officer's findings.
        findings: Commitment,
    },
    /// Customs release the movement at the post.
    Release {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// Customs hold the movement at the post.
    Hold {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// Why.
        reason: HoldReason,
    },
    /// The movement leaves the post.
    Depart {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// An officer reports an incident.
    ReportIncident {
        /// The movement.
        mrn: Mrn,
        /// What happened.
        kind: IncidentKind,
        /// Commitment to the report's details.
        details: Commitment,
    },
    /// Customs close an incident.
    CloseIncident {
        /// The movement.
        mrn: Mrn,
        /// The incident's number within the movement (from 1).
        incident: u16,
        /// Commitment to the resolution.
        resolution: Commitment,
    },
    /// Customs discharge the movement after its arrival at destination.
    Discharge {
        /// The movement.
        mrn: Mrn,
    },
    /// A payment received from a carrier.
    RecordPayment {
        /// The carrier.
        carrier: Ident,
        /// The amount (positive).
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
        /// The receipt or bank reference.
        reference: Ident,
    },
    /// A refund paid to a carrier.
    RecordRefund {
        /// The carrier.
        carrier: Ident,
        /// The amount (positive).
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
        /// The receipt or bank reference.
        reference: Ident,
    },
    /// A monitor attests an earlier entry about the movement (an inspection's result, a
    /// release), adding the neutral mission's signature to a customs act.
    Attest {
        /// The movement.
        mrn: Mrn,
        /// The entry attested.
        entry: u64,
    },
    /// An authority adds another authority key for its own party (key rotation).
    AddAuthorityKey {
        /// The new key.
        key: PublicKey,
    },
    /// An authority enrols a guarantor (a bank or an insurer) of its party, or adds a key
    /// to one it enrolled. A statement of its own rather than a role of
    /// [`Statement::EnrolOfficer`]: a guarantor is no officer (it acts at no post and the
    /// regime grants it no act), and like a carrier it has a public name and keys.
    EnrolGuarantor {
        /// The guarantor's identifier.
        guarantor: Ident,
        /// Its public name.
        name: String,
        /// The key it signs with.
        key: PublicKey,
    },
    /// A guarantor issues a guarantee to a holder of the procedure (a registered carrier).
    IssueGuarantee {
        /// The guarantee's reference (GRN), unique in the corridor.
        guarantee: Ident,
        /// The holder: the carrier whose declarations may name it.
        holder: Ident,
        /// Comprehensive or individual.
        cover: GuaranteeCover,
        /// The reference amount: the most its engagements may sum to.
        reference_amount: AmountMinor,
        /// Its currency (the regime's guarantee currency).
        currency: Currency,
    },
    /// The office of departure opens an enquiry into an overdue movement (NCTS IE140).
    OpenEnquiry {
        /// The movement.
        mrn: Mrn,
    },
    /// The holder or the office of destination answers an enquiry (NCTS IE141).
    AnswerEnquiry {
        /// The movement.
        mrn: Mrn,
        /// Commitment to the evidence (documents kept as payloads).
        evidence: Commitment,
    },
    /// The office of departure ends an enquiry: discharge on alternative proof, or
    /// recovery from the guarantee (NCTS IE035).
    CloseEnquiry {
        /// The movement.
        mrn: Mrn,
        /// How it ends.
        outcome: EnquiryOutcome,
        /// Commitment to the decision's reasons.
        resolution: Commitment,
    },
    /// An authority remits what a revenue account holds to its party's treasury: money
    /// leaving the corridor's ledger.
    Remit {
        /// The revenue account (named in the regime's split).
        account: Ident,
        /// The amount (positive, at most the account's balance).
        amount: AmountMinor,
        /// Its currency.
        currency: Currency,
        /// The transfer's bank reference.
        reference: Ident,
    },
    /// Nothing but the passage of time: the sequencer appends one so that deadlines
    /// (overdue movements, regimes taking effect) are processed without other traffic.
    Tick,
    /// The parties' VRF proofs over the trees that end with arrivals whose lanes are
    /// pending: resolves those lanes (see [`crate::draw`]). Its authority is the proofs,
    /// not the signer: any key may carry it, and the lanes it gives are the same whoever
    /// does.
    Draw {
        /// The draws, each for one pending arrival (1 to [`DRAWS_PER_STATEMENT_MAX`]).
        draws: Vec<DrawProofs>,
    },
    /// Customs affix new seals to a unit they opened for a physical inspection at this
    /// post; later seal checks compare against these.
    Reseal {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The unit.
        equipment: EquipmentId,
        /// The new seals (1 to [`SEALS_PER_EQUIPMENT_MAX`]).
        seals: Vec<Ident>,
    },
    /// Customs of the post's state turn a held or inspected movement back to where it came
    /// from: by `route` (which starts here and ends at the movement's first post), or, at
    /// its first post, with no route, which ends the movement there.
    Return {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The way back, absent at the movement's first post.
        route: Option<Ident>,
    },
    /// Customs of the post's state seize a held or inspected movement: it ends here.
    Seize {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// Goods, equipment or both.
        scope: SeizureScope,
    },
    /// Customs of the post's state release a held or inspected movement except the units
    /// listed, which stay detained with their goods.
    ReleasePart {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The units detained (1 to [`EQUIPMENT_PER_DECLARATION_MAX`]).
        detained: Vec<EquipmentId>,
    },
    /// An officer endorses an incident en route, as NCTS records them: where it happened,
    /// and for a transhipment the new equipment and seals. The signer is the officer who
    /// saw the evidence.
    RecordIncident {
        /// The movement.
        mrn: Mrn,
        /// What happened.
        kind: IncidentKind,
        /// Where.
        place: IncidentPlace,
        /// The units the goods moved to (a transhipment only).
        transhipments: Vec<Transhipment>,
        /// Commitment to the report's details.
        details: Commitment,
    },
    /// A monitor records an observation of their own, not tied to a movement: where,
    /// in which public category, a public summary, and confidential details and
    /// attachments (photographs, documents) the node keeps as payloads.
    Observe {
        /// At a post, or on a segment with a position.
        place: IncidentPlace,
        /// The public category.
        category: ObservationCategory,
        /// The public summary (at most [`PUBLIC_TEXT_BYTES_MAX`] bytes).
        summary: String,
        /// Commitment to the confidential details.
        details: Commitment,
        /// Commitments to the attachments (at most [`ATTACHMENTS_PER_OBSERVATION_MAX`]).
        attachments: Vec<Commitment>,
    },
    /// A monitor dissents from an act about a movement instead of attesting it.
    Dissent {
        /// The movement.
        mrn: Mrn,
        /// The entry dissented from.
        entry: u64,
        /// The public reason (at most [`PUBLIC_TEXT_BYTES_MAX`] bytes).
        reason: String,
    },
    /// A party's officer or authority, or a carrier for its own movements, contests an
    /// act of another party, by its entry.
    Contest {
        /// The entry contested.
        entry: u64,
        /// The reason, one of the codes the regime's `[contests]` section lists.
        reason: Ident,
    },
    /// The party whose officer made a contested act answers the contest.
    AnswerContest {
        /// The contest's number.
        contest: u64,
        /// Upheld, corrected or rejected.
        answer: ContestAnswer,
        /// Commitment to the answer's reasons.
        reasons: Commitment,
    },
    /// A party to a contest takes it to the joint commission.
    ReferContest {
        /// The contest's number.
        contest: u64,
    },
    /// A party's authority gives its vote on a referred contest; the charter's quorum on
    /// one decision decides it.
    DecideContest {
        /// The contest's number.
        contest: u64,
        /// The decision voted for.
        decision: ContestDecision,
    },
    /// A party's authority votes to extend or end the mission's mandate; the charter's
    /// quorum on one end decides it.
    ChangeMandate {
        /// The new end (absent: no end).
        ends: Option<Timestamp>,
    },
    /// The mission signs its report of a day: the figures (which the core recomputes from
    /// the log and must find equal) and a commitment to the narrative it wrote.
    SignReport {
        /// The day, as days since 1970-01-01 (UTC).
        day: u32,
        /// Every figure of the day that is not zero, in the core's order.
        figures: Vec<FigureLine>,
        /// Commitment to the narrative (kept by the node as a payload).
        narrative: Commitment,
    },
}

tagged_enum! {
    /// The kind of a statement: its tag byte in the encoding.
    StatementKind, "statement kind" {
        /// [`Statement::Charter`].
        Charter = 0 => "charter",
        /// [`Statement::ProposeRegime`].
        ProposeRegime = 1 => "propose_regime",
        /// [`Statement::ApproveRegime`].
        ApproveRegime = 2 => "approve_regime",
        /// [`Statement::EnrolOfficer`].
        EnrolOfficer = 3 => "enrol_officer",
        /// [`Statement::RevokeKey`].
        RevokeKey = 4 => "revoke_key",
        /// [`Statement::RegisterCarrier`].
        RegisterCarrier = 5 => "register_carrier",
        /// [`Statement::Declare`].
        Declare = 6 => "declare",
        /// [`Statement::Amend`].
        Amend = 7 => "amend",
        /// [`Statement::Cancel`].
        Cancel = 8 => "cancel",
        /// [`Statement::Accept`].
        Accept = 9 => "accept",
        /// [`Statement::RefuseDeclaration`].
        RefuseDeclaration = 10 => "refuse_declaration",
        /// [`Statement::Arrive`].
        Arrive = 11 => "arrive",
        /// [`Statement::SealCheck`].
        SealCheck = 12 => "seal_check",
        /// [`Statement::Inspection`].
        Inspection = 13 => "inspection",
        /// [`Statement::Release`].
        Release = 14 => "release",
        /// [`Statement::Hold`].
        Hold = 15 => "hold",
        /// [`Statement::Depart`].
        Depart = 16 => "depart",
        /// [`Statement::ReportIncident`].
        ReportIncident = 17 => "report_incident",
        /// [`Statement::CloseIncident`].
        CloseIncident = 18 => "close_incident",
        /// [`Statement::Discharge`].
        Discharge = 19 => "discharge",
        /// [`Statement::RecordPayment`].
        RecordPayment = 20 => "record_payment",
        /// [`Statement::RecordRefund`].
        RecordRefund = 21 => "record_refund",
        /// [`Statement::Tick`].
        Tick = 22 => "tick",
        /// [`Statement::Attest`].
        Attest = 23 => "attest",
        /// [`Statement::AddAuthorityKey`].
        AddAuthorityKey = 24 => "add_authority_key",
        /// [`Statement::Draw`].
        Draw = 25 => "draw",
        /// [`Statement::EnrolGuarantor`].
        EnrolGuarantor = 26 => "enrol_guarantor",
        /// [`Statement::IssueGuarantee`].
        IssueGuarantee = 27 => "issue_guarantee",
        /// [`Statement::OpenEnquiry`].
        OpenEnquiry = 28 => "open_enquiry",
        /// [`Statement::AnswerEnquiry`].
        AnswerEnquiry = 29 => "answer_enquiry",
        /// [`Statement::CloseEnquiry`].
        CloseEnquiry = 30 => "close_enquiry",
        /// [`Statement::Remit`].
        Remit = 31 => "remit",
        /// [`Statement::Reseal`].
        Reseal = 32 => "reseal",
        /// [`Statement::Return`].
        Return = 33 => "return",
        /// [`Statement::Seize`].
        Seize = 34 => "seize",
        /// [`Statement::ReleasePart`].
        ReleasePart = 35 => "release_part",
        /// [`Statement::RecordIncident`].
        RecordIncident = 36 => "record_incident",
        /// [`Statement::Observe`].
        Observe = 40 => "observe",
        /// [`Statement::Dissent`].
        Dissent = 41 => "dissent",
        /// [`Statement::Contest`].
        Contest = 42 => "contest",
        /// [`Statement::AnswerContest`].
        AnswerContest = 43 => "answer_contest",
        /// [`Statement::ReferContest`].
        ReferContest = 44 => "refer_contest",
        /// [`Statement::DecideContest`].
        DecideContest = 45 => "decide_contest",
        /// [`Statement::ChangeMandate`].
        ChangeMandate = 46 => "change_mandate",
        /// [`Statement::SignReport`].
        SignReport = 47 => "sign_report",
    }
}

impl Statement {
    /// The statement's kind.
    pub fn kind(&self) -> StatementKind {
        match self {
            Statement::Charter { .. } => StatementKind::Charter,
            Statement::ProposeRegime { .. } => StatementKind::ProposeRegime,
            Statement::ApproveRegime { .. } => StatementKind::ApproveRegime,
            Statement::EnrolOfficer { .. } => StatementKind::EnrolOfficer,
            Statement::RevokeKey { .. } => StatementKind::RevokeKey,
            Statement::RegisterCarrier { .. } => StatementKind::RegisterCarrier,
            Statement::Declare(_) => StatementKind::Declare,
            Statement::Amend { .. } => StatementKind::Amend,
            Statement::Cancel { .. } => StatementKind::Cancel,
            Statement::Accept { .. } => StatementKind::Accept,
            Statement::RefuseDeclaration { .. } => StatementKind::RefuseDeclaration,
            Statement::Arrive { .. } => StatementKind::Arrive,
            Statement::SealCheck { .. } => StatementKind::SealCheck,
            Statement::Inspection { .. } => StatementKind::Inspection,
            Statement::Release { .. } => StatementKind::Release,
            Statement::Hold { .. } => StatementKind::Hold,
            Statement::Depart { .. } => StatementKind::Depart,
            Statement::ReportIncident { .. } => StatementKind::ReportIncident,
            Statement::CloseIncident { .. } => StatementKind::CloseIncident,
            Statement::Discharge { .. } => StatementKind::Discharge,
            Statement::RecordPayment { .. } => StatementKind::RecordPayment,
            Statement::RecordRefund { .. } => StatementKind::RecordRefund,
            Statement::Tick => StatementKind::Tick,
            Statement::Attest { .. } => StatementKind::Attest,
            Statement::AddAuthorityKey { .. } => StatementKind::AddAuthorityKey,
            Statement::Draw { .. } => StatementKind::Draw,
            Statement::EnrolGuarantor { .. } => StatementKind::EnrolGuarantor,
            Statement::IssueGuarantee { .. } => StatementKind::IssueGuarantee,
            Statement::OpenEnquiry { .. } => StatementKind::OpenEnquiry,
            Statement::AnswerEnquiry { .. } => StatementKind::AnswerEnquiry,
            Statement::CloseEnquiry { .. } => StatementKind::CloseEnquiry,
            Statement::Remit { .. } => StatementKind::Remit,
            Statement::Reseal { .. } => StatementKind::Reseal,
            Statement::Return { .. } => StatementKind::Return,
            Statement::Seize { .. } => StatementKind::Seize,
            Statement::ReleasePart { .. } => StatementKind::ReleasePart,
            Statement::RecordIncident { .. } => StatementKind::RecordIncident,
            Statement::Observe { .. } => StatementKind::Observe,
            Statement::Dissent { .. } => StatementKind::Dissent,
            Statement::Contest { .. } => StatementKind::Contest,
            Statement::AnswerContest { .. } => StatementKind::AnswerContest,
            Statement::ReferContest { .. } => StatementKind::ReferContest,
            Statement::DecideContest { .. } => StatementKind::DecideContest,
            Statement::ChangeMandate { .. } => StatementKind::ChangeMandate,
            Statement::SignReport { .. } => StatementKind::SignReport,
        }
    }

    /// The movement the statement is about, if any.
    pub fn mrn(&self) -> Option<Mrn> {
        match self {
            Statement::Amend { mrn, .. }
            | Statement::Cancel { mrn, .. }
            | Statement::Accept { mrn }
            | Statement::RefuseDeclaration { mrn, .. }
            | Statement::Arrive { mrn, .. }
            | Statement::SealCheck { mrn, .. }
            | Statement::Inspection { mrn, .. }
            | Statement::Release { mrn, .. }
            | Statement::Hold { mrn, .. }
            | Statement::Depart { mrn, .. }
            | Statement::ReportIncident { mrn, .. }
            | Statement::CloseIncident { mrn, .. }
            | Statement::Discharge { mrn }
            | Statement::Attest { mrn, .. }
            | Statement::Dissent { mrn, .. }
            | Statement::Reseal { mrn, .. }
            | Statement::Return { mrn, .. }
            | Statement::Seize { mrn, .. }
            | Statement::ReleasePart { mrn, .. }
            | Statement::RecordIncident { mrn, .. }
            | Statement::OpenEnquiry { mrn }
            | Statement::AnswerEnquiry { mrn, .. }
            | Statement::CloseEnquiry { mrn, .. } => Some(*mrn),
            _ => None,
        }
    }

    fn encode(&self, recorded_at: Timestamp) -> Result<Vec<u8>, EncodeError> {
        let mut writer = Writer::with_capacity(64);
        self.check_limits()?;
        self.encode_into(recorded_at, &mut writer);
        let bytes = writer.into_bytes();
        if bytes.len() > STATEMENT_BYTES_MAX {
            return Err(EncodeError::TooLarge { bytes: bytes.len() });
        }
        Ok(bytes)
    }

    fn check_limits(&self) -> Result<(), EncodeError> {
        let limit = |what: &'static str, found: usize, max: usize| {
            if found > max { Err(EncodeError::TooLong { what, found, max }) } else { Ok(()) }
        };
        match self {
            Statement::Charter { document } | Statement::ProposeRegime { document, .. } => {
                limit("document bytes", document.len(), DOCUMENT_BYTES_MAX)
            }
            Statement::EnrolOfficer { posts, .. } => {
                limit("posts", posts.len(), POSTS_PER_OFFICER_MAX)
            }
            Statement::RegisterCarrier { name, .. } => {
                limit("carrier name bytes", name.len(), CARRIER_NAME_BYTES_MAX)
            }
            Statement::EnrolGuarantor { name, .. } => {
                limit("guarantor name bytes", name.len(), GUARANTOR_NAME_BYTES_MAX)
            }
            Statement::Declare(declaration) | Statement::Amend { declaration, .. } => {
                limit("equipment", declaration.equipment.len(), EQUIPMENT_PER_DECLARATION_MAX)?;
                limit("goods items", declaration.goods.len(), GOODS_ITEMS_PER_DECLARATION_MAX)?;
                for equipment in &declaration.equipment {
                    limit("seals", equipment.seals.len(), SEALS_PER_EQUIPMENT_MAX)?;
                }
                if let Some(particulars) = &declaration.particulars {
                    limit(
                        "transport documents",
                        particulars.transport_documents.len(),
                        TRANSPORT_DOCUMENTS_PER_DECLARATION_MAX,
                    )?;
                }
                Ok(())
            }
            Statement::Reseal { seals, .. } => limit("seals", seals.len(), SEALS_PER_EQUIPMENT_MAX),
            Statement::ReleasePart { detained, .. } => {
                limit("detained units", detained.len(), EQUIPMENT_PER_DECLARATION_MAX)
            }
            Statement::RecordIncident { transhipments, .. } => {
                limit("transhipments", transhipments.len(), EQUIPMENT_PER_DECLARATION_MAX)?;
                for transhipment in transhipments {
                    limit("seals", transhipment.to.seals.len(), SEALS_PER_EQUIPMENT_MAX)?;
                }
                Ok(())
            }
            Statement::SealCheck { seals_found, .. } => {
                limit("seals found", seals_found.len(), SEALS_PER_EQUIPMENT_MAX)
            }
            Statement::Observe { summary, attachments, .. } => {
                limit("summary bytes", summary.len(), PUBLIC_TEXT_BYTES_MAX)?;
                limit("attachments", attachments.len(), ATTACHMENTS_PER_OBSERVATION_MAX)
            }
            Statement::Dissent { reason, .. } => {
                limit("reason bytes", reason.len(), PUBLIC_TEXT_BYTES_MAX)
            }
            Statement::SignReport { figures, .. } => {
                limit("figure lines", figures.len(), FIGURE_LINES_PER_REPORT_MAX)
            }
            Statement::Draw { draws } => {
                limit("draws", draws.len(), DRAWS_PER_STATEMENT_MAX)?;
                if draws.is_empty() {
                    return Err(EncodeError::Empty { what: "draws" });
                }
                for draw in draws {
                    limit("VRF proofs", draw.proofs.len(), PARTIES_MAX)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn encode_into(&self, recorded_at: Timestamp, writer: &mut Writer) {
        writer.u8(STATEMENT_VERSION);
        writer.u8(self.kind().tag());
        writer.u64(recorded_at.0);
        match self {
            Statement::Charter { document } => writer.bytes16(document.as_bytes()),
            Statement::ProposeRegime { effective_from, document } => {
                writer.u64(effective_from.0);
                writer.bytes16(document.as_bytes());
            }
            Statement::ApproveRegime { proposal_entry } => writer.u64(*proposal_entry),
            Statement::EnrolOfficer { key, role, posts } => {
                writer.fixed(&key.0);
                writer.u8(role.tag());
                writer.count(posts.len());
                for post in posts {
                    writer.ident(post);
                }
            }
            Statement::RevokeKey { key } | Statement::AddAuthorityKey { key } => {
                writer.fixed(&key.0)
            }
            Statement::RegisterCarrier { carrier, name, key } => {
                writer.ident(carrier);
                writer.bytes16(name.as_bytes());
                writer.fixed(&key.0);
            }
            Statement::Declare(declaration) => encode_declaration(writer, declaration),
            Statement::Amend { mrn, declaration } => {
                writer.fixed(mrn.as_bytes());
                encode_declaration(writer, declaration);
            }
            Statement::Cancel { mrn, reason } | Statement::RefuseDeclaration { mrn, reason } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(reason);
            }
            Statement::Accept { mrn } | Statement::Discharge { mrn } => {
                writer.fixed(mrn.as_bytes())
            }
            Statement::Arrive { mrn, post }
            | Statement::Release { mrn, post }
            | Statement::Depart { mrn, post } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
            }
            Statement::SealCheck { mrn, post, equipment, condition, seals_found } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                equipment.encode(writer);
                writer.u8(condition.tag());
                writer.count(seals_found.len());
                for seal in seals_found {
                    writer.ident(seal);
                }
            }
            Statement::Inspection { mrn, post, equipment, kind, outcome, findings } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                equipment.encode(writer);
                writer.u8(kind.tag());
                writer.u8(outcome.tag());
                writer.fixed(&findings.0);
            }
            Statement::Hold { mrn, post, reason } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                writer.u8(reason.tag());
            }
            Statement::ReportIncident { mrn, kind, details } => {
                writer.fixed(mrn.as_bytes());
                writer.u8(kind.tag());
                writer.fixed(&details.0);
            }
            Statement::CloseIncident { mrn, incident, resolution } => {
                writer.fixed(mrn.as_bytes());
                writer.u16(*incident);
                writer.fixed(&resolution.0);
            }
            Statement::RecordPayment { carrier, amount, currency, reference }
            | Statement::RecordRefund { carrier, amount, currency, reference } => {
                writer.ident(carrier);
                writer.i64(amount.0);
                writer.fixed(currency.as_bytes());
                writer.ident(reference);
            }
            Statement::Tick => {}
            Statement::EnrolGuarantor { guarantor, name, key } => {
                writer.ident(guarantor);
                writer.bytes16(name.as_bytes());
                writer.fixed(&key.0);
            }
            Statement::IssueGuarantee { guarantee, holder, cover, reference_amount, currency } => {
                writer.ident(guarantee);
                writer.ident(holder);
                writer.u8(cover.tag());
                writer.i64(reference_amount.0);
                writer.fixed(currency.as_bytes());
            }
            Statement::OpenEnquiry { mrn } => writer.fixed(mrn.as_bytes()),
            Statement::AnswerEnquiry { mrn, evidence } => {
                writer.fixed(mrn.as_bytes());
                writer.fixed(&evidence.0);
            }
            Statement::CloseEnquiry { mrn, outcome, resolution } => {
                writer.fixed(mrn.as_bytes());
                writer.u8(outcome.tag());
                writer.fixed(&resolution.0);
            }
            Statement::Remit { account, amount, currency, reference } => {
                writer.ident(account);
                writer.i64(amount.0);
                writer.fixed(currency.as_bytes());
                writer.ident(reference);
            }
            Statement::Attest { mrn, entry } => {
                writer.fixed(mrn.as_bytes());
                writer.u64(*entry);
            }
            Statement::Draw { draws } => {
                writer.count(draws.len());
                for draw in draws {
                    writer.u64(draw.size);
                    writer.fixed(&draw.root);
                    writer.count(draw.proofs.len());
                    for proof in &draw.proofs {
                        writer.fixed(&proof.0);
                    }
                }
            }
            Statement::Reseal { mrn, post, equipment, seals } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                equipment.encode(writer);
                writer.count(seals.len());
                for seal in seals {
                    writer.ident(seal);
                }
            }
            Statement::Return { mrn, post, route } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                match route {
                    None => writer.u8(0),
                    Some(route) => {
                        writer.u8(1);
                        writer.ident(route);
                    }
                }
            }
            Statement::Seize { mrn, post, scope } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                writer.u8(scope.tag());
            }
            Statement::ReleasePart { mrn, post, detained } => {
                writer.fixed(mrn.as_bytes());
                writer.ident(post);
                writer.count(detained.len());
                for equipment in detained {
                    equipment.encode(writer);
                }
            }
            Statement::RecordIncident { mrn, kind, place, transhipments, details } => {
                writer.fixed(mrn.as_bytes());
                writer.u8(kind.tag());
                place.encode(writer);
                writer.count(transhipments.len());
                for transhipment in transhipments {
                    transhipment.from.encode(writer);
                    encode_equipment(writer, &transhipment.to);
                }
                writer.fixed(&details.0);
            }
            Statement::Observe { place, category, summary, details, attachments } => {
                place.encode(writer);
                writer.u8(category.tag());
                writer.bytes16(summary.as_bytes());
                writer.fixed(&details.0);
                writer.count(attachments.len());
                for attachment in attachments {
                    writer.fixed(&attachment.0);
                }
            }
            Statement::Dissent { mrn, entry, reason } => {
                writer.fixed(mrn.as_bytes());
                writer.u64(*entry);
                writer.bytes16(reason.as_bytes());
            }
            Statement::Contest { entry, reason } => {
                writer.u64(*entry);
                writer.ident(reason);
            }
            Statement::AnswerContest { contest, answer, reasons } => {
                writer.u64(*contest);
                writer.u8(answer.tag());
                writer.fixed(&reasons.0);
            }
            Statement::ReferContest { contest } => writer.u64(*contest),
            Statement::DecideContest { contest, decision } => {
                writer.u64(*contest);
                decision.encode(writer);
            }
            Statement::ChangeMandate { ends } => match ends {
                None => writer.u8(0),
                Some(ends) => {
                    writer.u8(1);
                    writer.u64(ends.0);
                }
            },
            Statement::SignReport { day, figures, narrative } => {
                writer.u32(*day);
                writer.count(figures.len());
                for line in figures {
                    match &line.post {
                        None => writer.u8(0),
                        Some(post) => {
                            writer.u8(1);
                            writer.ident(post);
                        }
                    }
                    writer.u8(line.figure.tag());
                    writer.u16(line.detail);
                    writer.u64(line.value);
                }
                writer.fixed(&narrative.0);
            }
        }
    }

    fn decode(bytes: &[u8]) -> Result<Recorded, DecodeError> {
        if bytes.len() > STATEMENT_BYTES_MAX {
            return Err(DecodeError::TooLong {
                what: "statement bytes",
                found: bytes.len(),
                max: STATEMENT_BYTES_MAX,
                offset: 0,
            });
        }
        let mut reader = Reader::new(bytes);
        let version = reader.u8("statement version")?;
        if version != STATEMENT_VERSION {
            return Err(DecodeError::UnknownVersion {
                what: "statement",
                found: version,
                supported: STATEMENT_VERSION,
            });
        }
        let kind = StatementKind::decode(&mut reader)?;
        let recorded_at = Timestamp(reader.u64("recorded at")?);
        let statement = match kind {
            StatementKind::Charter => Statement::Charter { document: read_document(&mut reader)? },
            StatementKind::ProposeRegime => Statement::ProposeRegime {
                effective_from: Timestamp(reader.u64("effective from")?),
                document: read_document(&mut reader)?,
            },
            StatementKind::ApproveRegime => {
                Statement::ApproveRegime { proposal_entry: reader.u64("proposal entry")? }
            }
            StatementKind::EnrolOfficer => {
                let key = PublicKey(reader.array("officer key")?);
                let role = OfficerRole::decode(&mut reader)?;
                let count = reader.count("posts", POSTS_PER_OFFICER_MAX)?;
                let mut posts = Vec::with_capacity(count);
                for _ in 0..count {
                    posts.push(reader.ident("post")?);
                }
                Statement::EnrolOfficer { key, role, posts }
            }
            StatementKind::RevokeKey => {
                Statement::RevokeKey { key: PublicKey(reader.array("revoked key")?) }
            }
            StatementKind::RegisterCarrier => Statement::RegisterCarrier {
                carrier: reader.ident("carrier")?,
                name: reader.text16("carrier name", CARRIER_NAME_BYTES_MAX)?.to_owned(),
                key: PublicKey(reader.array("carrier key")?),
            },
            StatementKind::Declare => Statement::Declare(decode_declaration(&mut reader)?),
            StatementKind::Amend => Statement::Amend {
                mrn: reader.mrn("MRN")?,
                declaration: decode_declaration(&mut reader)?,
            },
            StatementKind::Cancel => {
                Statement::Cancel { mrn: reader.mrn("MRN")?, reason: reader.ident("reason")? }
            }
            StatementKind::Accept => Statement::Accept { mrn: reader.mrn("MRN")? },
            StatementKind::RefuseDeclaration => Statement::RefuseDeclaration {
                mrn: reader.mrn("MRN")?,
                reason: reader.ident("reason")?,
            },
            StatementKind::Arrive => {
                Statement::Arrive { mrn: reader.mrn("MRN")?, post: reader.ident("post")? }
            }
            StatementKind::SealCheck => {
                let mrn = reader.mrn("MRN")?;
                let post = reader.ident("post")?;
                let equipment = EquipmentId::decode(&mut reader)?;
                let condition = SealCondition::decode(&mut reader)?;
                let count = reader.count("seals found", SEALS_PER_EQUIPMENT_MAX)?;
                let mut seals_found = Vec::with_capacity(count);
                for _ in 0..count {
                    seals_found.push(reader.ident("seal")?);
                }
                Statement::SealCheck { mrn, post, equipment, condition, seals_found }
            }
            StatementKind::Inspection => Statement::Inspection {
                mrn: reader.mrn("MRN")?,
                post: reader.ident("post")?,
                equipment: EquipmentId::decode(&mut reader)?,
                kind: InspectionKind::decode(&mut reader)?,
                outcome: InspectionOutcome::decode(&mut reader)?,
                findings: Commitment(reader.array("findings")?),
            },
            StatementKind::Release => {
                Statement::Release { mrn: reader.mrn("MRN")?, post: reader.ident("post")? }
            }
            StatementKind::Hold => Statement::Hold {
                mrn: reader.mrn("MRN")?,
                post: reader.ident("post")?,
                reason: HoldReason::decode(&mut reader)?,
            },
            StatementKind::Depart => {
                Statement::Depart { mrn: reader.mrn("MRN")?, post: reader.ident("post")? }
            }
            StatementKind::ReportIncident => Statement::ReportIncident {
                mrn: reader.mrn("MRN")?,
                kind: IncidentKind::decode(&mut reader)?,
                details: Commitment(reader.array("details")?),
            },
            StatementKind::CloseIncident => Statement::CloseIncident {
                mrn: reader.mrn("MRN")?,
                incident: reader.u16("incident number")?,
                resolution: Commitment(reader.array("resolution")?),
            },
            StatementKind::Discharge => Statement::Discharge { mrn: reader.mrn("MRN")? },
            StatementKind::RecordPayment | StatementKind::RecordRefund => {
                let carrier = reader.ident("carrier")?;
                let amount = AmountMinor(reader.i64("amount")?);
                let currency = reader.currency("currency")?;
                let reference = reader.ident("reference")?;
                if kind == StatementKind::RecordPayment {
                    Statement::RecordPayment { carrier, amount, currency, reference }
                } else {
                    Statement::RecordRefund { carrier, amount, currency, reference }
                }
            }
            StatementKind::Tick => Statement::Tick,
            StatementKind::AddAuthorityKey => {
                Statement::AddAuthorityKey { key: PublicKey(reader.array("authority key")?) }
            }
            StatementKind::EnrolGuarantor => Statement::EnrolGuarantor {
                guarantor: reader.ident("guarantor")?,
                name: reader.text16("guarantor name", GUARANTOR_NAME_BYTES_MAX)?.to_owned(),
                key: PublicKey(reader.array("guarantor key")?),
            },
            StatementKind::IssueGuarantee => Statement::IssueGuarantee {
                guarantee: reader.ident("guarantee")?,
                holder: reader.ident("holder")?,
                cover: GuaranteeCover::decode(&mut reader)?,
                reference_amount: AmountMinor(reader.i64("reference amount")?),
                currency: reader.currency("currency")?,
            },
            StatementKind::OpenEnquiry => Statement::OpenEnquiry { mrn: reader.mrn("MRN")? },
            StatementKind::AnswerEnquiry => Statement::AnswerEnquiry {
                mrn: reader.mrn("MRN")?,
                evidence: Commitment(reader.array("evidence")?),
            },
            StatementKind::CloseEnquiry => Statement::CloseEnquiry {
                mrn: reader.mrn("MRN")?,
                outcome: EnquiryOutcome::decode(&mut reader)?,
                resolution: Commitment(reader.array("resolution")?),
            },
            StatementKind::Remit => Statement::Remit {
                account: reader.ident("account")?,
                amount: AmountMinor(reader.i64("amount")?),
                currency: reader.currency("currency")?,
                reference: reader.ident("reference")?,
            },
            StatementKind::Attest => {
                Statement::Attest { mrn: reader.mrn("MRN")?, entry: reader.u64("attested entry")? }
            }
            StatementKind::Draw => {
                let offset = reader.offset();
                let count = reader.count("draws", DRAWS_PER_STATEMENT_MAX)?;
                if count == 0 {
                    return Err(DecodeError::NotCanonical {
                        what: "draws",
                        offset,
                        rule: "a draw statement resolves at least one draw",
                    });
                }
                let mut draws = Vec::with_capacity(count);
                for _ in 0..count {
                    let size = reader.u64("draw tree size")?;
                    let root = reader.array("draw tree root")?;
                    let proof_count = reader.count("VRF proofs", PARTIES_MAX)?;
                    let mut proofs = Vec::with_capacity(proof_count);
                    for _ in 0..proof_count {
                        proofs.push(VrfProof(reader.array("VRF proof")?));
                    }
                    draws.push(DrawProofs { size, root, proofs });
                }
                Statement::Draw { draws }
            }
            StatementKind::Reseal => {
                let mrn = reader.mrn("MRN")?;
                let post = reader.ident("post")?;
                let equipment = EquipmentId::decode(&mut reader)?;
                let count = reader.count("seals", SEALS_PER_EQUIPMENT_MAX)?;
                let mut seals = Vec::with_capacity(count);
                for _ in 0..count {
                    seals.push(reader.ident("seal")?);
                }
                Statement::Reseal { mrn, post, equipment, seals }
            }
            StatementKind::Return => {
                let mrn = reader.mrn("MRN")?;
                let post = reader.ident("post")?;
                let route = if reader.bool("return route present")? {
                    Some(reader.ident("return route")?)
                } else {
                    None
                };
                Statement::Return { mrn, post, route }
            }
            StatementKind::Seize => Statement::Seize {
                mrn: reader.mrn("MRN")?,
                post: reader.ident("post")?,
                scope: SeizureScope::decode(&mut reader)?,
            },
            StatementKind::ReleasePart => {
                let mrn = reader.mrn("MRN")?;
                let post = reader.ident("post")?;
                let count = reader.count("detained units", EQUIPMENT_PER_DECLARATION_MAX)?;
                let mut detained = Vec::with_capacity(count);
                for _ in 0..count {
                    detained.push(EquipmentId::decode(&mut reader)?);
                }
                Statement::ReleasePart { mrn, post, detained }
            }
            StatementKind::RecordIncident => {
                let mrn = reader.mrn("MRN")?;
                let kind = IncidentKind::decode(&mut reader)?;
                let place = IncidentPlace::decode(&mut reader)?;
                let count = reader.count("transhipments", EQUIPMENT_PER_DECLARATION_MAX)?;
                let mut transhipments = Vec::with_capacity(count);
                for _ in 0..count {
                    let from = EquipmentId::decode(&mut reader)?;
                    let to = decode_equipment(&mut reader)?;
                    transhipments.push(Transhipment { from, to });
                }
                let details = Commitment(reader.array("details")?);
                Statement::RecordIncident { mrn, kind, place, transhipments, details }
            }
            StatementKind::Observe => {
                let place = IncidentPlace::decode(&mut reader)?;
                let category = ObservationCategory::decode(&mut reader)?;
                let summary = reader.text16("summary", PUBLIC_TEXT_BYTES_MAX)?.to_owned();
                let details = Commitment(reader.array("details")?);
                let count = reader.count("attachments", ATTACHMENTS_PER_OBSERVATION_MAX)?;
                let mut attachments = Vec::with_capacity(count);
                for _ in 0..count {
                    attachments.push(Commitment(reader.array("attachment")?));
                }
                Statement::Observe { place, category, summary, details, attachments }
            }
            StatementKind::Dissent => Statement::Dissent {
                mrn: reader.mrn("MRN")?,
                entry: reader.u64("dissented entry")?,
                reason: reader.text16("reason", PUBLIC_TEXT_BYTES_MAX)?.to_owned(),
            },
            StatementKind::Contest => Statement::Contest {
                entry: reader.u64("contested entry")?,
                reason: reader.ident("contest reason")?,
            },
            StatementKind::AnswerContest => Statement::AnswerContest {
                contest: reader.u64("contest")?,
                answer: ContestAnswer::decode(&mut reader)?,
                reasons: Commitment(reader.array("reasons")?),
            },
            StatementKind::ReferContest => {
                Statement::ReferContest { contest: reader.u64("contest")? }
            }
            StatementKind::DecideContest => Statement::DecideContest {
                contest: reader.u64("contest")?,
                decision: ContestDecision::decode(&mut reader)?,
            },
            StatementKind::ChangeMandate => {
                let ends = if reader.bool("mandate end present")? {
                    Some(Timestamp(reader.u64("mandate end")?))
                } else {
                    None
                };
                Statement::ChangeMandate { ends }
            }
            StatementKind::SignReport => {
                let day = reader.u32("report day")?;
                let count = reader.count("figure lines", FIGURE_LINES_PER_REPORT_MAX)?;
                let mut figures = Vec::with_capacity(count);
                for _ in 0..count {
                    let post = if reader.bool("figure post present")? {
                        Some(reader.ident("figure post")?)
                    } else {
                        None
                    };
                    let figure = Figure::decode(&mut reader)?;
                    let detail = reader.u16("figure detail")?;
                    let value = reader.u64("figure value")?;
                    figures.push(FigureLine { post, figure, detail, value });
                }
                let narrative = Commitment(reader.array("narrative")?);
                Statement::SignReport { day, figures, narrative }
            }
        };
        reader.finish("statement")?;
        Ok(Recorded { recorded_at, statement })
    }
}

/// A statement with the time its signer recorded the act, by the signing device's clock
/// (an officer's tablet may be offline in a gorge and sync later). The entry's sequenced
/// time is separate: verdicts such as overdue run on it, while the acts' own times
/// (arrival, release, departure) are the recorded ones. The recorded time also makes
/// each act's bytes unique, so resubmitting the same signed bytes is recognisably the
/// same act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// When the act happened, by the signer's clock.
    pub recorded_at: Timestamp,
    /// The act.
    pub statement: Statement,
}

impl Recorded {
    /// A statement recorded at `recorded_at`.
    pub fn new(recorded_at: Timestamp, statement: Statement) -> Recorded {
        Recorded { recorded_at, statement }
    }

    /// The canonical bytes. Fails only if a list or text exceeds its limit, in which case
    /// no valid encoding exists.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        self.statement.encode(self.recorded_at)
    }

    /// Decodes canonical bytes. Any byte string gives a statement or a typed error.
    pub fn decode(bytes: &[u8]) -> Result<Recorded, DecodeError> {
        Statement::decode(bytes)
    }
}

fn read_document(reader: &mut Reader<'_>) -> Result<String, DecodeError> {
    Ok(reader.text16("document", DOCUMENT_BYTES_MAX)?.to_owned())
}

/// In a declaration's extension: the particulars follow.
const EXTENSION_PARTICULARS: u8 = 1;
/// In a declaration's extension: the guarantee follows (after the particulars, if any).
const EXTENSION_GUARANTEE: u8 = 2;

/// The declaration as a statement carries it: its fields, then, when it has particulars or
/// a guarantee, its extension: a byte of flags ([`EXTENSION_PARTICULARS`],
/// [`EXTENSION_GUARANTEE`]), then the particulars and the guarantee's reference that the
/// flags name, in that order. With neither the extension is written as nothing, so
/// declarations written before either existed keep their bytes. Only a statement's last
/// field may end this way: the state snapshot and digest write the particulars and the
/// guarantee in places of their own.
pub(crate) fn encode_declaration(writer: &mut Writer, declaration: &Declaration) {
    encode_declaration_fields(writer, declaration);
    let mut flags = 0;
    if declaration.particulars.is_some() {
        flags |= EXTENSION_PARTICULARS;
    }
    if declaration.guarantee.is_some() {
        flags |= EXTENSION_GUARANTEE;
    }
    if flags == 0 {
        return;
    }
    writer.u8(flags);
    if let Some(particulars) = &declaration.particulars {
        encode_particulars(writer, particulars);
    }
    if let Some(guarantee) = &declaration.guarantee {
        writer.ident(guarantee);
    }
}

/// The declaration's fields without its particulars.
pub(crate) fn encode_declaration_fields(writer: &mut Writer, declaration: &Declaration) {
    writer.ident(&declaration.route);
    writer.u8(declaration.traffic_class.tag());
    writer.count(declaration.equipment.len());
    for equipment in &declaration.equipment {
        encode_equipment(writer, equipment);
    }
    writer.count(declaration.goods.len());
    for item in &declaration.goods {
        writer.u16(item.equipment_index);
        writer.hs_code(&item.hs_code);
        writer.u64(item.gross_mass_kg);
        writer.fixed(item.origin.as_bytes());
        writer.fixed(&item.description.0);
        writer.fixed(&item.value.0);
    }
    writer.u32(declaration.passenger_count);
    writer.fixed(&declaration.consignee.0);
}

/// A declaration's guarantee as the state snapshot and digest write it, after the
/// declaration's fields: a presence byte, then the reference.
pub(crate) fn encode_guarantee_field(writer: &mut Writer, guarantee: Option<&Ident>) {
    match guarantee {
        None => writer.u8(0),
        Some(guarantee) => {
            writer.u8(1);
            writer.ident(guarantee);
        }
    }
}

/// Reads what [`encode_guarantee_field`] wrote.
pub(crate) fn decode_guarantee_field(
    reader: &mut Reader<'_>,
) -> Result<Option<Ident>, DecodeError> {
    Ok(if reader.bool("guarantee present")? { Some(reader.ident("guarantee")?) } else { None })
}

/// The holder, the transport documents and the driver.
pub(crate) fn encode_particulars(writer: &mut Writer, particulars: &ProcedureParticulars) {
    writer.ident(&particulars.holder);
    writer.count(particulars.transport_documents.len());
    for document in &particulars.transport_documents {
        writer.u8(document.kind.tag());
        writer.ident(&document.number);
    }
    match &particulars.driver {
        None => writer.u8(0),
        Some(driver) => {
            writer.u8(1);
            writer.fixed(&driver.0);
        }
    }
}

pub(crate) fn decode_particulars(
    reader: &mut Reader<'_>,
) -> Result<ProcedureParticulars, DecodeError> {
    let holder = reader.ident("holder")?;
    let count = reader.count("transport documents", TRANSPORT_DOCUMENTS_PER_DECLARATION_MAX)?;
    let mut transport_documents = Vec::with_capacity(count);
    for _ in 0..count {
        transport_documents.push(TransportDocument {
            kind: TransportDocumentKind::decode(reader)?,
            number: reader.ident("transport document number")?,
        });
    }
    let driver = if reader.bool("driver present")? {
        Some(Commitment(reader.array("driver")?))
    } else {
        None
    };
    Ok(ProcedureParticulars { holder, transport_documents, driver })
}

fn encode_equipment(writer: &mut Writer, equipment: &Equipment) {
    equipment.id.encode(writer);
    match equipment.container_size {
        None => writer.u8(0),
        Some(size) => {
            writer.u8(1);
            writer.u8(size.tag());
        }
    }
    writer.count(equipment.seals.len());
    for seal in &equipment.seals {
        writer.ident(seal);
    }
}

fn decode_equipment(reader: &mut Reader<'_>) -> Result<Equipment, DecodeError> {
    let offset = reader.offset();
    let id = EquipmentId::decode(reader)?;
    let container_size = if reader.bool("container size present")? {
        Some(ContainerSize::decode(reader)?)
    } else {
        None
    };
    if matches!(id, EquipmentId::Container(_)) != container_size.is_some() {
        return Err(DecodeError::NotCanonical {
            what: "equipment",
            offset,
            rule: "a container size is given for containers and only for them",
        });
    }
    let seal_count = reader.count("seals", SEALS_PER_EQUIPMENT_MAX)?;
    let mut seals = Vec::with_capacity(seal_count);
    for _ in 0..seal_count {
        seals.push(reader.ident("seal")?);
    }
    Ok(Equipment { id, container_size, seals })
}

/// The declaration as a statement carries it (see [`encode_declaration`]): it must be the
/// statement's last field, since its particulars are present when bytes remain.
pub(crate) fn decode_declaration(reader: &mut Reader<'_>) -> Result<Declaration, DecodeError> {
    let mut declaration = decode_declaration_fields(reader)?;
    if reader.remaining() > 0 {
        let offset = reader.offset();
        let flags = reader.u8("declaration extension")?;
        if flags == 0 || flags & !(EXTENSION_PARTICULARS | EXTENSION_GUARANTEE) != 0 {
            return Err(DecodeError::NotCanonical {
                what: "declaration extension",
                offset,
                rule: "an extension names the particulars, the guarantee or both; an empty one \
                       is written as nothing",
            });
        }
        if flags & EXTENSION_PARTICULARS != 0 {
            declaration.particulars = Some(decode_particulars(reader)?);
        }
        if flags & EXTENSION_GUARANTEE != 0 {
            declaration.guarantee = Some(reader.ident("guarantee")?);
        }
    }
    Ok(declaration)
}

/// The declaration's fields without its particulars.
pub(crate) fn decode_declaration_fields(
    reader: &mut Reader<'_>,
) -> Result<Declaration, DecodeError> {
    let route = reader.ident("route")?;
    let traffic_class = TrafficClass::decode(reader)?;
    let count = reader.count("equipment", EQUIPMENT_PER_DECLARATION_MAX)?;
    let mut equipment = Vec::with_capacity(count);
    for _ in 0..count {
        equipment.push(decode_equipment(reader)?);
    }
    let count = reader.count("goods items", GOODS_ITEMS_PER_DECLARATION_MAX)?;
    let mut goods = Vec::with_capacity(count);
    for _ in 0..count {
        goods.push(GoodsItem {
            equipment_index: reader.u16("equipment index")?,
            hs_code: reader.hs_code("HS code")?,
            gross_mass_kg: reader.u64("gross mass")?,
            origin: reader.country("origin")?,
            description: Commitment(reader.array("description")?),
            value: Commitment(reader.array("value")?),
        });
    }
    Ok(Declaration {
        route,
        traffic_class,
        equipment,
        goods,
        passenger_count: reader.u32("passenger count")?,
        consignee: Commitment(reader.array("consignee")?),
        particulars: None,
        guarantee: None,
    })
}

/// Why a statement cannot be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A list or text exceeds its limit.
    #[error("the statement has {found} {what}; at most {max} are allowed")]
    TooLong {
        /// The field.
        what: &'static str,
        /// Found.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// A list that must hold at least one element is empty.
    #[error("the statement has no {what}; it needs at least one")]
    Empty {
        /// The field.
        what: &'static str,
    },
    /// The whole statement exceeds [`STATEMENT_BYTES_MAX`].
    #[error("the statement takes {bytes} bytes; a log entry holds at most {STATEMENT_BYTES_MAX}")]
    TooLarge {
        /// Its size.
        bytes: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(Timestamp(0).civil_date(), (1970, 1, 1));
        // 2026-11-26T00:00Z is 20,783 days after the epoch (56 years with 14 leap days,
        // then 329 days).
        assert_eq!(Timestamp(20_783 * 86_400_000).civil_date(), (2026, 11, 26));
        assert_eq!(Timestamp(951_782_400_000).civil_date(), (2000, 2, 29));
        assert_eq!(Timestamp(20_783 * 86_400_000 + 52_320_000).to_string(), "2026-11-26T14:32Z");
    }

    #[test]
    fn decoding_rejects_bad_bytes_with_typed_errors() {
        let render = |bytes: &[u8]| match Recorded::decode(bytes) {
            Ok(recorded) => format!("ok {:?}", recorded.statement.kind()),
            Err(error) => error.to_string(),
        };
        assert_eq!(render(&[]), "the bytes end at offset 0 while reading statement version");
        assert_eq!(
            render(&[2, 22]),
            "statement version 2 is not supported (this implementation reads version 1)"
        );
        assert_eq!(render(&[1, 99]), "tag 99 at offset 1 names no statement kind");
        assert_eq!(render(&[1, 22]), "the bytes end at offset 2 while reading recorded at");
        assert_eq!(render(&[1, 22, 0, 0, 0, 0, 0, 0, 0, 9]), "ok Tick");
        assert_eq!(
            render(&[1, 22, 0, 0, 0, 0, 0, 0, 0, 9, 0]),
            "1 bytes remain after the end of the statement"
        );
    }
}
