//! The charter: the genesis record. Parties and their authority keys, the quorum that
//! changes the regime, the witnesses, the corridor and the first regime, in one TOML
//! document made of a header (`[charter]`, `[[parties]]`, `[[witnesses]]`, `[quorum]`),
//! a corridor file and a regime file (so the three can be kept and reviewed apart).

use crate::corridor::{Corridor, DocumentError, RawCorridor, invalid, parse_ident};
use crate::draw::VrfKey;
use crate::ids::{CountryCode, Ident};
use crate::regime::{Checks, RawRegime, Regime};
use crate::statement::{OfficerRole, PublicKey, Timestamp};
use serde::Deserialize;

/// Most parties in a charter.
pub const PARTIES_MAX: usize = 16;
/// Most authority keys per party.
pub const AUTHORITY_KEYS_MAX: usize = 16;
/// Most witnesses.
pub const WITNESSES_MAX: usize = 64;

/// What a party is to the corridor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyKind {
    /// The state whose territory the corridor crosses; its customs decide.
    HostState,
    /// The state whose traffic transits.
    TransitingState,
    /// The neutral monitoring mission.
    MonitoringMission,
    /// Any other signatory (an operator, a guarantor).
    Other,
}

impl PartyKind {
    fn parse(text: &str) -> Option<PartyKind> {
        Some(match text {
            "host_state" => PartyKind::HostState,
            "transiting_state" => PartyKind::TransitingState,
            "monitoring_mission" => PartyKind::MonitoringMission,
            "other" => PartyKind::Other,
            _ => return None,
        })
    }

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::HostState => "host_state",
            PartyKind::TransitingState => "transiting_state",
            PartyKind::MonitoringMission => "monitoring_mission",
            PartyKind::Other => "other",
        }
    }
}

/// A signatory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    /// Its identifier (`AM`, `AZ`, `MON`).
    pub id: Ident,
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: PartyKind,
    /// The officer roles it may enrol.
    pub roles: Vec<OfficerRole>,
    /// Its authority keys: they enrol and revoke its officers, register carriers, and
    /// propose and approve regimes.
    pub authority_keys: Vec<PublicKey>,
    /// Its VRF key, if it contributes to the inspection draw: every party that names one
    /// must give its proof before a pending lane is drawn (see [`crate::draw`]).
    pub vrf_key: Option<VrfKey>,
}

/// A witness that cosigns the log's checkpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// Its name (as in its signed-note key name).
    pub name: String,
    /// The party that runs it, if any.
    pub party: Option<Ident>,
    /// Its Ed25519 key.
    pub key: PublicKey,
}

/// Who must approve a regime change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quorum {
    /// Parties (indexes) whose approval is always required.
    pub required: Vec<usize>,
    /// How many distinct parties must approve in all.
    pub threshold: usize,
}

/// The charter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charter {
    /// Its name.
    pub name: String,
    /// The country code MRNs are allocated under (the host state's).
    pub mrn_country: CountryCode,
    /// The parties.
    pub parties: Vec<Party>,
    /// The witnesses.
    pub witnesses: Vec<Witness>,
    /// The regime-change quorum.
    pub quorum: Quorum,
    /// The corridor.
    pub corridor: Corridor,
    /// The first regime.
    pub regime: Regime,
    /// The monitoring mission's mandate as the charter gives it (the `[mandate]` section);
    /// the parties change its end by quorum (`change_mandate`).
    pub mandate: Mandate,
}

/// The mission's mandate: from when to when its keys may act. Absent bounds do not bind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mandate {
    /// When it starts.
    pub starts: Option<Timestamp>,
    /// When it ends (its keys are refused from this time on).
    pub ends: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCharter {
    charter: RawCharterHeader,
    parties: Vec<RawParty>,
    #[serde(default)]
    witnesses: Vec<RawWitness>,
    quorum: RawQuorum,
    mandate: Option<RawMandate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMandate {
    starts: Option<String>,
    ends: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCharterHeader {
    name: String,
    mrn_country: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    id: String,
    name: String,
    kind: String,
    roles: Vec<String>,
    authority_keys: Vec<String>,
    vrf_key: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWitness {
    name: String,
    party: Option<String>,
    key: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuorum {
    required: Vec<String>,
    threshold: usize,
}

const DOCUMENT: &str = "charter";
const CORRIDOR_SECTIONS: [&str; 4] = ["corridor", "posts", "segments", "routes"];
const REGIME_SECTIONS: [&str; 8] = [
    "regime",
    "acts",
    "selection",
    "tariff",
    "time_limits",
    "confidential",
    "guarantee",
    "contests",
];
const CHARTER_SECTIONS: [&str; 5] = ["charter", "parties", "witnesses", "quorum", "mandate"];

/// Parses a key written as 64 hex digits.
pub fn parse_key(
    document: &'static str,
    subject: &str,
    text: &str,
) -> Result<PublicKey, DocumentError> {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text, &mut bytes)
        .map_err(|_| invalid(document, subject, format!("key `{text}` is not 64 hex digits")))?;
    if ed25519_dalek::VerifyingKey::from_bytes(&bytes).is_err() {
        return Err(invalid(
            document,
            subject,
            format!("key `{text}` is not an Ed25519 public key"),
        ));
    }
    Ok(PublicKey(bytes))
}

/// Parses a VRF key written as 64 hex digits.
fn parse_vrf_key(subject: &str, text: &str) -> Result<VrfKey, DocumentError> {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text, &mut bytes).map_err(|_| {
        invalid(DOCUMENT, subject, format!("vrf_key `{text}` is not 64 hex digits"))
    })?;
    VrfKey::from_bytes(bytes).ok_or_else(|| {
        invalid(
            DOCUMENT,
            subject,
            format!("vrf_key `{text}` is not a ristretto255 public key (c2sp.org/vrf-r255)"),
        )
    })
}

/// The `[mandate]` section: `starts` and `ends` as `YYYY-MM-DD` (midnight UTC) or
/// `YYYY-MM-DDTHH:MMZ`; an end not after the start is refused.
fn parse_mandate(raw: RawMandate) -> Result<Mandate, DocumentError> {
    let time = |subject: &str, text: Option<String>| match text {
        None => Ok(None),
        Some(text) => Timestamp::parse_utc(&text).map(Some).ok_or_else(|| {
            invalid(
                DOCUMENT,
                subject,
                format!("`{text}` is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MMZ)"),
            )
        }),
    };
    let mandate = Mandate {
        starts: time("mandate.starts", raw.starts)?,
        ends: time("mandate.ends", raw.ends)?,
    };
    if let (Some(starts), Some(ends)) = (mandate.starts, mandate.ends)
        && ends <= starts
    {
        return Err(invalid(DOCUMENT, "mandate.ends", "is not after mandate.starts"));
    }
    Ok(mandate)
}

fn syntax(document: &'static str, error: impl std::fmt::Display) -> DocumentError {
    DocumentError::Syntax { document, message: error.to_string() }
}

impl Charter {
    /// Parses and validates a charter document.
    pub fn from_toml(text: &str) -> Result<Charter, DocumentError> {
        let table: toml::Table = toml::from_str(text).map_err(|error| syntax(DOCUMENT, error))?;
        let mut charter_part = toml::Table::new();
        let mut corridor_part = toml::Table::new();
        let mut regime_part = toml::Table::new();
        for (key, value) in table {
            let part = if CHARTER_SECTIONS.contains(&key.as_str()) {
                &mut charter_part
            } else if CORRIDOR_SECTIONS.contains(&key.as_str()) {
                &mut corridor_part
            } else if REGIME_SECTIONS.contains(&key.as_str()) {
                &mut regime_part
            } else {
                return Err(invalid(
                    DOCUMENT,
                    format!("section `{key}`"),
                    "is not a charter, corridor or regime section",
                ));
            };
            part.insert(key, value);
        }
        let raw: RawCharter =
            toml::Value::Table(charter_part).try_into().map_err(|error| syntax(DOCUMENT, error))?;
        let raw_corridor: RawCorridor = toml::Value::Table(corridor_part)
            .try_into()
            .map_err(|error| syntax("corridor", error))?;
        let raw_regime: RawRegime =
            toml::Value::Table(regime_part).try_into().map_err(|error| syntax("regime", error))?;
        let corridor = Corridor::from_raw(raw_corridor)?;

        let mrn_country = CountryCode::parse(&raw.charter.mrn_country)
            .map_err(|error| invalid(DOCUMENT, "charter.mrn_country", error))?;
        if raw.parties.is_empty() || raw.parties.len() > PARTIES_MAX {
            return Err(invalid(
                DOCUMENT,
                "parties",
                format!("must list 1 to {PARTIES_MAX} parties"),
            ));
        }
        let mut parties: Vec<Party> = Vec::with_capacity(raw.parties.len());
        for raw_party in raw.parties {
            let id = parse_ident(DOCUMENT, "party", &raw_party.id)?;
            let subject = format!("party {id}");
            if parties.iter().any(|party| party.id == id) {
                return Err(invalid(DOCUMENT, subject, "is listed twice"));
            }
            let kind = PartyKind::parse(&raw_party.kind).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    &subject,
                    format!(
                        "kind `{}` is not one of host_state, transiting_state, monitoring_mission, other",
                        raw_party.kind
                    ),
                )
            })?;
            let mut roles = Vec::new();
            for text in &raw_party.roles {
                let role = OfficerRole::parse(text).ok_or_else(|| {
                    invalid(
                        DOCUMENT,
                        &subject,
                        format!("role `{text}` is not one of customs, border_guard, monitor"),
                    )
                })?;
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
            if raw_party.authority_keys.is_empty()
                || raw_party.authority_keys.len() > AUTHORITY_KEYS_MAX
            {
                return Err(invalid(
                    DOCUMENT,
                    subject,
                    format!("must have 1 to {AUTHORITY_KEYS_MAX} authority keys"),
                ));
            }
            let mut authority_keys = Vec::new();
            for text in &raw_party.authority_keys {
                let key = parse_key(DOCUMENT, &subject, text)?;
                if parties.iter().any(|party| party.authority_keys.contains(&key))
                    || authority_keys.contains(&key)
                {
                    return Err(invalid(DOCUMENT, subject, format!("{key} is listed twice")));
                }
                authority_keys.push(key);
            }
            let vrf_key = match &raw_party.vrf_key {
                None => None,
                Some(text) => {
                    let key = parse_vrf_key(&subject, text)?;
                    if parties.iter().any(|party| party.vrf_key == Some(key)) {
                        return Err(invalid(DOCUMENT, subject, format!("{key} is listed twice")));
                    }
                    Some(key)
                }
            };
            parties.push(Party { id, name: raw_party.name, kind, roles, authority_keys, vrf_key });
        }
        let party_ids: Vec<Ident> = parties.iter().map(|party| party.id).collect();
        let find_party = |subject: &str, text: &str| -> Result<usize, DocumentError> {
            let id = parse_ident(DOCUMENT, subject, text)?;
            party_ids
                .iter()
                .position(|party| *party == id)
                .ok_or_else(|| invalid(DOCUMENT, subject, format!("`{text}` is not a party")))
        };
        for post in &corridor.posts {
            find_party(&format!("post {}", post.id), post.authority.as_str())?;
        }
        for segment in &corridor.segments {
            find_party("segment territory", segment.territory.as_str())?;
        }
        if raw.witnesses.len() > WITNESSES_MAX {
            return Err(invalid(DOCUMENT, "witnesses", format!("at most {WITNESSES_MAX}")));
        }
        let mut witnesses = Vec::with_capacity(raw.witnesses.len());
        for raw_witness in raw.witnesses {
            let subject = format!("witness {}", raw_witness.name);
            let party = match raw_witness.party {
                None => None,
                Some(text) => Some(party_ids[find_party(&subject, &text)?]),
            };
            // A vkey (`name+hash+base64`) is what a witness's operator is most likely to
            // paste: say which form the charter wants, and where to find it.
            if raw_witness.key.contains('+') {
                return Err(invalid(
                    DOCUMENT,
                    &subject,
                    format!(
                        "key `{}` is a vkey; the charter wants the witness's Ed25519 public \
                         key as 64 hexadecimal digits, the `key = \"...\"` line that `passage \
                         witness keygen` prints under the vkey",
                        raw_witness.key
                    ),
                ));
            }
            witnesses.push(Witness {
                key: parse_key(DOCUMENT, &subject, &raw_witness.key)?,
                name: raw_witness.name,
                party,
            });
        }
        let mut required = Vec::new();
        for text in &raw.quorum.required {
            let party = find_party("quorum.required", text)?;
            if !required.contains(&party) {
                required.push(party);
            }
        }
        let threshold = raw.quorum.threshold;
        // No single party may change the rules when there is more than one party.
        let minimum = if parties.len() > 1 { 2 } else { 1 };
        if threshold < minimum.max(required.len()) || threshold > parties.len() {
            return Err(invalid(
                DOCUMENT,
                "quorum.threshold",
                format!(
                    "is {threshold}; it must be at least {} (no single party changes the rules, \
                     and every required party counts) and at most {} (the parties)",
                    minimum.max(required.len()),
                    parties.len()
                ),
            ));
        }
        let regime = Regime::from_raw(raw_regime, &corridor, &party_ids)?;
        let mandate = match raw.mandate {
            None => Mandate::default(),
            Some(raw) => parse_mandate(raw)?,
        };
        if mandate != Mandate::default()
            && !parties.iter().any(|party| party.kind == PartyKind::MonitoringMission)
        {
            return Err(invalid(DOCUMENT, "mandate", "no party is a monitoring_mission"));
        }
        let charter = Charter {
            name: raw.charter.name,
            mrn_country,
            parties,
            witnesses,
            quorum: Quorum { required, threshold },
            corridor,
            regime,
            mandate,
        };
        charter
            .check_draws(&charter.regime)
            .map_err(|message| invalid("regime", "checks", message))?;
        Ok(charter)
    }

    /// The monitoring mission's party, if the charter has one.
    pub fn mission(&self) -> Option<usize> {
        self.parties.iter().position(|party| party.kind == PartyKind::MonitoringMission)
    }

    /// Whether `regime` can run under this charter: a regime that draws lanes needs at
    /// least one party's VRF key, or no draw could ever be resolved (and a draw from public
    /// data alone is one the sequencer can grind).
    pub fn check_draws(&self, regime: &Regime) -> Result<(), &'static str> {
        if regime.checks == Checks::Selected && self.vrf_keys().next().is_none() {
            return Err("a regime that draws lanes needs a charter in which at least one party \
                        names a vrf_key");
        }
        Ok(())
    }

    /// The parties that contribute to the draw, with their VRF keys, in charter order.
    pub fn vrf_keys(&self) -> impl Iterator<Item = (usize, VrfKey)> + '_ {
        self.parties
            .iter()
            .enumerate()
            .filter_map(|(index, party)| party.vrf_key.map(|key| (index, key)))
    }

    /// The party holding this authority key.
    pub fn authority_party(&self, key: &PublicKey) -> Option<usize> {
        self.parties.iter().position(|party| party.authority_keys.contains(key))
    }

    /// The party with this identifier.
    pub fn party_index(&self, id: &Ident) -> Option<usize> {
        self.parties.iter().position(|party| party.id == *id)
    }
}
