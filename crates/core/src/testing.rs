//! Builders for tests and simulations (feature `testing`): a signed charter from the
//! shipped corridor and regime files, officers enrolled at every post, carriers
//! registered, declarations of container trains and trucks, and a `Scenario` that signs,
//! sequences and applies statements while keeping the log for replay.
//!
//! Keys are derived from names (`authority:AM`, `customs@AM-MEGHRI-E`,
//! `monitor@AM-AGARAK-X`, `carrier:CASPIAN-RAIL`), so every run signs the same bytes.

use crate::charter::PartyKind;
use crate::digest::sha256;
use crate::draw::{DrawProofs, VrfSecretKey};
use crate::ids::{ContainerNumber, CountryCode, HsCode, Ident, Mrn, Wagon1520Number};
use crate::ids::{iso6346_check_digit, luhn_check_digit};
use crate::outcome::{Event, Refusal};
use crate::regime::Lane;
use crate::signed::{Entry, SignedStatement};
use crate::state::{ApplyContext, State};
use crate::statement::{
    Commitment, ContainerSize, Declaration, Equipment, EquipmentId, GoodsItem, InspectionKind,
    InspectionOutcome, OfficerRole, PublicKey, Recorded, SealCondition, Statement, Timestamp,
    TrafficClass,
};
use ed25519_dalek::SigningKey;
use std::collections::BTreeMap;

pub use crate::corridors::{
    GEORGIA_CORRIDOR, GEORGIA_REGIME, SYUNIK_CORRIDOR, SYUNIK_REGIME_BORDER_GUARDS,
    SYUNIK_REGIME_JOINT, SYUNIK_REGIME_MONITORED, SYUNIK_REGIME_NO_CHECKS,
};

/// 2026-11-26T06:00Z, the start of the day in DESIGN.md.
pub const DAY_START: Timestamp = Timestamp(1_795_672_800_000);

/// One minute in milliseconds.
pub const MINUTE_MS: u64 = 60_000;

/// The signing key for a name.
pub fn key_for(name: &str) -> SigningKey {
    let mut material = b"passage testing key\n".to_vec();
    material.extend_from_slice(name.as_bytes());
    SigningKey::from_bytes(&sha256(&material))
}

/// The VRF secret key of a party's witness (derived from the party's identifier).
pub fn vrf_key_for(party: &str) -> VrfSecretKey {
    let mut material = b"passage testing vrf key\n".to_vec();
    material.extend_from_slice(party.as_bytes());
    VrfSecretKey::from_seed(sha256(&material))
}

/// The public key for a name.
pub fn public_key_for(name: &str) -> PublicKey {
    PublicKey(key_for(name).verifying_key().to_bytes())
}

/// A commitment to `payload` with a salt derived from it (deterministic, for tests only:
/// real salts are random).
pub fn test_commitment(payload: &str) -> Commitment {
    let salt = sha256(format!("salt\n{payload}").as_bytes());
    Commitment::compute(&salt, payload.as_bytes())
}

/// An identifier that the caller knows to be valid.
pub fn ident(text: &str) -> Ident {
    Ident::parse(text).unwrap_or_else(|error| panic!("test identifier `{text}`: {error}"))
}

/// A party in a scenario's charter.
#[derive(Clone, Debug)]
pub struct PartySpec {
    /// Identifier.
    pub id: &'static str,
    /// Name.
    pub name: &'static str,
    /// Kind.
    pub kind: PartyKind,
    /// Roles it enrols.
    pub roles: &'static [OfficerRole],
}

/// What a scenario is built from.
#[derive(Clone, Debug)]
pub struct ScenarioConfig {
    /// The charter's name.
    pub name: &'static str,
    /// MRN country.
    pub mrn_country: &'static str,
    /// Parties; every one must approve regime changes (threshold = all).
    pub parties: Vec<PartySpec>,
    /// The corridor file.
    pub corridor: &'static str,
    /// The first regime file.
    pub regime: &'static str,
    /// Carriers to register (identifier, registering party).
    pub carriers: Vec<(&'static str, &'static str)>,
    /// The charter's `[mandate]` section, if any (the lines after the header).
    pub mandate: Option<&'static str>,
}

impl ScenarioConfig {
    /// The default corridor: Armenia hosts, Azerbaijan transits, a neutral mission
    /// monitors; the monitored regime.
    pub fn syunik() -> ScenarioConfig {
        ScenarioConfig {
            name: "Syunik transit corridor charter",
            mrn_country: "AM",
            parties: vec![
                PartySpec {
                    id: "AM",
                    name: "Republic of Armenia",
                    kind: PartyKind::HostState,
                    roles: &[OfficerRole::Customs, OfficerRole::BorderGuard],
                },
                PartySpec {
                    id: "AZ",
                    name: "Republic of Azerbaijan",
                    kind: PartyKind::TransitingState,
                    roles: &[OfficerRole::Customs, OfficerRole::BorderGuard],
                },
                PartySpec {
                    id: "MON",
                    name: "Neutral monitoring mission",
                    kind: PartyKind::MonitoringMission,
                    roles: &[OfficerRole::Monitor],
                },
            ],
            corridor: SYUNIK_CORRIDOR,
            regime: SYUNIK_REGIME_MONITORED,
            carriers: vec![("CASPIAN-RAIL", "AM"), ("ARAZ-TRUCKS", "AM")],
            mandate: None,
        }
    }

    /// The shipped corridor with a road route back from Agarak to Meghri, under the
    /// monitored regime with a time limit for it: a corridor that runs both ways by road,
    /// for eastbound movements and returns.
    pub fn syunik_two_way() -> ScenarioConfig {
        ScenarioConfig {
            corridor: SYUNIK_TWO_WAY_CORRIDOR,
            regime: SYUNIK_TWO_WAY_REGIME,
            ..ScenarioConfig::syunik()
        }
    }

    /// The default corridor under another regime file.
    pub fn syunik_with_regime(regime: &'static str) -> ScenarioConfig {
        ScenarioConfig { regime, ..ScenarioConfig::syunik() }
    }

    /// The example corridor across Georgia.
    pub fn georgia_example() -> ScenarioConfig {
        ScenarioConfig {
            name: "Example Georgian transit charter",
            mrn_country: "GE",
            parties: vec![
                PartySpec {
                    id: "GE",
                    name: "Georgia",
                    kind: PartyKind::HostState,
                    roles: &[OfficerRole::Customs, OfficerRole::BorderGuard],
                },
                PartySpec {
                    id: "AZ",
                    name: "Republic of Azerbaijan",
                    kind: PartyKind::TransitingState,
                    roles: &[],
                },
                PartySpec {
                    id: "OBS",
                    name: "Observer mission",
                    kind: PartyKind::MonitoringMission,
                    roles: &[OfficerRole::Monitor],
                },
            ],
            corridor: GEORGIA_CORRIDOR,
            regime: GEORGIA_REGIME,
            carriers: vec![("SILK-ROAD-HAULAGE", "GE"), ("CASPIAN-RAIL", "GE")],
            mandate: None,
        }
    }

    /// SHA-256 of [`ScenarioConfig::charter_document`]: what a node serving it is
    /// configured with.
    pub fn charter_sha256(&self) -> [u8; 32] {
        crate::digest::sha256(self.charter_document().as_bytes())
    }

    /// The charter document: a header with parties and keys, then the corridor and
    /// regime files.
    pub fn charter_document(&self) -> String {
        let mut text = format!(
            "[charter]\nname = \"{}\"\nmrn_country = \"{}\"\n\n",
            self.name, self.mrn_country
        );
        for party in &self.parties {
            let roles: Vec<String> = party.roles.iter().map(|role| format!("\"{role}\"")).collect();
            text.push_str(&format!(
                "[[parties]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{}\"\nroles = [{}]\n\
                 authority_keys = [\"{}\"]\nvrf_key = \"{}\"\n\n",
                party.id,
                party.name,
                party.kind.as_str(),
                roles.join(", "),
                hex::encode(public_key_for(&format!("authority:{}", party.id)).0),
                hex::encode(vrf_key_for(party.id).public_key().0),
            ));
            text.push_str(&format!(
                "[[witnesses]]\nname = \"witness.{}\"\nparty = \"{}\"\nkey = \"{}\"\n\n",
                party.id.to_lowercase(),
                party.id,
                hex::encode(public_key_for(&format!("witness:{}", party.id)).0),
            ));
        }
        let ids: Vec<String> =
            self.parties.iter().map(|party| format!("\"{}\"", party.id)).collect();
        text.push_str(&format!(
            "[quorum]\nrequired = [{}]\nthreshold = {}\n\n",
            ids.join(", "),
            self.parties.len()
        ));
        if let Some(mandate) = self.mandate {
            text.push_str(&format!("[mandate]\n{mandate}\n\n"));
        }
        crate::corridors::charter_document(&text, self.corridor, self.regime)
    }
}

/// The eastbound road route [`ScenarioConfig::syunik_two_way`] adds.
pub const SYUNIK_EASTBOUND_ROAD_ROUTE: &str = "AM-TRANSIT-ROAD-EAST";

/// The shipped corridor with a road segment and route from Agarak back to Meghri (the
/// segment's length is the westbound one's).
pub const SYUNIK_TWO_WAY_CORRIDOR: &str = concat!(
    include_str!("../corridors/syunik.toml"),
    "\n[[segments]]\nfrom = \"AM-AGARAK-X\"\nto = \"AM-MEGHRI-E\"\nmode = \"road\"\n",
    "length_km = 44.0\nterritory = \"AM\"\n\n[[routes]]\nid = \"AM-TRANSIT-ROAD-EAST\"\n",
    "name = \"Agarak to Meghri by road\"\nmode = \"road\"\n",
    "posts = [\"AM-AGARAK-X\", \"AM-MEGHRI-E\"]\n",
);

/// The monitored regime with the westbound road time limit for the eastbound route too.
pub const SYUNIK_TWO_WAY_REGIME: &str = concat!(
    include_str!("../corridors/syunik-regime-monitored.toml"),
    "\n[[time_limits]]\nroute = \"AM-TRANSIT-ROAD-EAST\"\ntraffic_class = \"cargo_road\"\n",
    "hours = 8\n",
);

/// The key name of the officer with `role` at `post` (`customs@AM-MEGHRI-E`).
pub fn officer_name(role: OfficerRole, post: &str) -> String {
    format!("{role}@{post}")
}

/// A state driven by signed statements, with its log kept for replay. A clone is a fork:
/// what one does, the other does not see.
#[derive(Clone)]
pub struct Scenario {
    /// The state.
    pub state: State,
    /// The current time; statements are sequenced at this time.
    pub now: Timestamp,
    /// Whether statements are really signed (see [`Signing`]).
    pub signing: Signing,
    /// Whether accepted entries are kept for [`Scenario::replay`] (long simulations may
    /// turn this off to bound memory).
    pub keep_entries: bool,
    /// Whether an arrival whose lanes wait for their draw is followed at once by the
    /// `draw` statement the parties' witnesses would give (the default); off, the test
    /// resolves draws itself ([`Scenario::draw_proofs`], [`Scenario::resolve_draws`]).
    pub auto_draw: bool,
    /// Where each entry's leaf hash comes from.
    pub leaves: Leaves,
    entries: Vec<(Entry, [u8; 32])>,
    keys: BTreeMap<String, SigningKey>,
    vrf_keys: Vec<VrfSecretKey>,
}

/// Where a scenario takes each entry's leaf hash (which the core's tree, and so the draws,
/// are built from).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaves {
    /// The RFC 6962 leaf hash of the entry's bytes, as the log holds them (the default):
    /// the kept log folds to the same state through [`crate::fold`], as an auditor's would.
    Entries,
    /// [`stand_in_leaf`] of the entry's index: no entry is encoded, for long simulations
    /// that keep no log.
    StandIn,
}

/// Whether a scenario signs its statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signing {
    /// Sign every statement (the default): the kept log verifies.
    Sign,
    /// Skip the signature (all zero bytes) for speed in simulations: the core never
    /// verifies signatures itself, so the log still replays, but it does not verify.
    Skip,
}

/// The leaf hash a simulation that keeps no log gives entry `index` ([`Leaves::StandIn`]).
pub fn stand_in_leaf(index: u64) -> [u8; 32] {
    let mut material = b"passage scenario leaf\n".to_vec();
    material.extend_from_slice(&index.to_be_bytes());
    sha256(&material)
}

impl Scenario {
    /// The charter alone, as entry 0.
    pub fn charter_only(config: &ScenarioConfig) -> Scenario {
        Scenario::charter_only_with_leaves(config, Leaves::Entries)
    }

    /// As [`Scenario::charter_only`], with leaf hashes from `leaves`.
    pub fn charter_only_with_leaves(config: &ScenarioConfig, leaves: Leaves) -> Scenario {
        let document = config.charter_document();
        let first = config.parties.first().map_or("none", |party| party.id);
        let signer = key_for(&format!("authority:{first}"));
        let charter = Recorded::new(DAY_START, Statement::Charter { document });
        let signed =
            SignedStatement::sign(&signer, &charter).expect("the shipped charter fits in an entry");
        let entry = Entry { sequenced_at: DAY_START, statement: signed };
        let leaf_hash = match leaves {
            Leaves::Entries => crate::signed::entry_leaf_hash(DAY_START, &entry.statement),
            Leaves::StandIn => stand_in_leaf(0),
        };
        let ctx = ApplyContext { entry_index: 0, time: DAY_START, leaf_hash };
        let (state, _) = State::genesis(&ctx, &entry.statement)
            .unwrap_or_else(|refusal| panic!("the shipped charter is valid: {refusal}"));
        let mut scenario = Scenario {
            state,
            now: DAY_START,
            signing: Signing::Sign,
            keep_entries: true,
            auto_draw: true,
            leaves,
            entries: vec![(entry, leaf_hash)],
            keys: BTreeMap::new(),
            vrf_keys: config.parties.iter().map(|party| vrf_key_for(party.id)).collect(),
        };
        for party in &config.parties {
            scenario.remember(&format!("authority:{}", party.id));
        }
        scenario
    }

    /// The charter, an officer of every role its party may enrol at every post it may
    /// staff (customs and border guards at their own state's posts, monitors
    /// everywhere), and the carriers.
    pub fn new(config: &ScenarioConfig) -> Scenario {
        Scenario::new_with_leaves(config, Leaves::Entries)
    }

    /// As [`Scenario::new`], with leaf hashes from `leaves` (from the charter on).
    pub fn new_with_leaves(config: &ScenarioConfig, leaves: Leaves) -> Scenario {
        let mut scenario = Scenario::charter_only_with_leaves(config, leaves);
        let posts: Vec<(Ident, Ident)> =
            scenario.state.corridor().posts.iter().map(|post| (post.id, post.authority)).collect();
        for party in &config.parties {
            for role in party.roles {
                for (post, operator) in &posts {
                    if *role != OfficerRole::Monitor && operator.as_str() != party.id {
                        continue;
                    }
                    let name = officer_name(*role, post.as_str());
                    let key = scenario.remember(&name);
                    scenario.submit_ok(
                        &format!("authority:{}", party.id),
                        Statement::EnrolOfficer { key, role: *role, posts: vec![*post] },
                    );
                }
            }
        }
        for (carrier, party) in &config.carriers {
            let name = format!("carrier:{carrier}");
            let key = scenario.remember(&name);
            scenario.submit_ok(
                &format!("authority:{party}"),
                Statement::RegisterCarrier {
                    carrier: ident(carrier),
                    name: format!("{carrier} Ltd"),
                    key,
                },
            );
        }
        scenario
    }

    /// The default corridor under the monitored regime.
    pub fn syunik() -> Scenario {
        Scenario::new(&ScenarioConfig::syunik())
    }

    /// Derives and keeps a named key (deriving costs a scalar multiplication).
    fn remember(&mut self, name: &str) -> PublicKey {
        let key = key_for(name);
        let public = PublicKey(key.verifying_key().to_bytes());
        self.keys.insert(name.to_owned(), key);
        public
    }

    /// The signing key for `name` (derived on first use).
    pub fn key(&mut self, name: &str) -> SigningKey {
        if !self.keys.contains_key(name) {
            self.remember(name);
        }
        self.keys[name].clone()
    }

    /// Moves the clock forward.
    pub fn advance_minutes(&mut self, minutes: u64) {
        self.now = self.now.plus_ms(minutes * MINUTE_MS);
    }

    /// Moves the clock forward by `ms` milliseconds: two acts alike in every byte are one
    /// act unless their times differ (the core refuses a statement already in the log).
    pub fn advance_ms(&mut self, ms: u64) {
        self.now = self.now.plus_ms(ms);
    }

    /// Signs `statement` with `signer`'s key and applies it at the current time; keeps
    /// the entry if it is accepted.
    pub fn submit(&mut self, signer: &str, statement: Statement) -> Result<Vec<Event>, Refusal> {
        self.submit_recorded(signer, self.now, statement)
    }

    /// As [`Scenario::submit`] for an act recorded at `recorded_at` by the signer's
    /// device (an offline tablet syncing later), sequenced at the current time.
    pub fn submit_recorded(
        &mut self,
        signer: &str,
        recorded_at: Timestamp,
        statement: Statement,
    ) -> Result<Vec<Event>, Refusal> {
        let key = self.key(signer);
        let recorded = Recorded::new(recorded_at, statement);
        let signed = match self.signing {
            Signing::Sign => SignedStatement::sign(&key, &recorded),
            Signing::Skip => recorded.encode().map(|bytes| SignedStatement {
                statement: bytes,
                signer: PublicKey(key.verifying_key().to_bytes()),
                signature: [0; 64],
            }),
        }
        .unwrap_or_else(|error| panic!("test statements encode: {error}"));
        self.submit_signed(signed)
    }

    /// Applies a signed statement at the current time (a copy of one already submitted,
    /// say); keeps the entry if it is accepted.
    pub fn submit_signed(&mut self, signed: SignedStatement) -> Result<Vec<Event>, Refusal> {
        let index = self.state.next_entry_index();
        let leaf_hash = match self.leaves {
            Leaves::Entries => crate::signed::entry_leaf_hash(self.now, &signed),
            Leaves::StandIn => stand_in_leaf(index),
        };
        let ctx = ApplyContext { entry_index: index, time: self.now, leaf_hash };
        let mut events = self.state.apply_signed(&ctx, &signed)?;
        if self.keep_entries {
            self.entries.push((Entry { sequenced_at: self.now, statement: signed }, leaf_hash));
        }
        if self.auto_draw && events.iter().any(|event| matches!(event, Event::DrawPending { .. })) {
            events.extend(self.resolve_draws());
        }
        Ok(events)
    }

    /// Every party's proof for the draw pending on the tree of `tree_size` entries (whose
    /// root the state holds), in charter order: what their witnesses would return.
    pub fn draw_proofs(&self, tree_size: u64) -> DrawProofs {
        let root = self.state.draws_pending().get(&tree_size).map_or([0; 32], |draw| draw.root);
        let proofs = self
            .state
            .charter()
            .vrf_keys()
            .map(|(party, _)| self.vrf_keys[party].prove(tree_size, &root))
            .collect();
        DrawProofs { size: tree_size, root, proofs }
    }

    /// Submits a `draw` statement for every pending draw (any key may carry one: this is
    /// the sequencer's, which is enrolled nowhere) and returns its events.
    pub fn resolve_draws(&mut self) -> Vec<Event> {
        let sizes: Vec<u64> = self.state.draws_pending().keys().copied().collect();
        let mut events = Vec::new();
        for chunk in sizes.chunks(crate::draw::DRAWS_PER_STATEMENT_MAX) {
            let draws = chunk.iter().map(|size| self.draw_proofs(*size)).collect();
            events.extend(self.submit_ok(SEQUENCER_KEY_NAME, Statement::Draw { draws }));
        }
        events
    }

    /// As [`Scenario::submit`], panicking with the refusal's message if refused.
    pub fn submit_ok(&mut self, signer: &str, statement: Statement) -> Vec<Event> {
        let kind = statement.kind();
        self.submit(signer, statement)
            .unwrap_or_else(|refusal| panic!("{kind} by {signer} was refused: {refusal}"))
    }

    /// Takes the entries kept so far (each with its leaf hash), leaving none: for a caller
    /// that streams a long log elsewhere. [`Scenario::replay`] then starts from what is left.
    pub fn take_entries(&mut self) -> Vec<(Entry, [u8; 32])> {
        std::mem::take(&mut self.entries)
    }

    /// The entries accepted so far, each with the leaf hash it was applied with.
    pub fn entries(&self) -> &[(Entry, [u8; 32])] {
        &self.entries
    }

    /// Declares `declaration` for `carrier` and returns its MRN.
    pub fn declare(&mut self, carrier: &str, declaration: Declaration) -> Mrn {
        let events = self.submit_ok(&format!("carrier:{carrier}"), Statement::Declare(declaration));
        match events.last() {
            Some(Event::Declared { mrn }) => *mrn,
            other => panic!("a declaration ends with its MRN, not {other:?}"),
        }
    }

    /// The officer at `post` whose role is the first the regime allows for `act`.
    pub fn officer_for(&self, act: crate::regime::Act, post: &str) -> String {
        self.try_officer_for(act, post).unwrap_or_else(|| {
            panic!("the regime lets no officer enrolled at {post} {}", act.description())
        })
    }

    /// The scenario's officer at `post` whom the regime lets record `act`, if any: a
    /// monitor (enrolled everywhere) or an officer of the party operating the post.
    pub fn try_officer_for(&self, act: crate::regime::Act, post: &str) -> Option<String> {
        let corridor = self.state.corridor();
        let operator = corridor.post(corridor.post_index(&ident(post))?).authority;
        let grants = self.state.regime().acts.get(&act)?;
        let grant = grants.grants().iter().find(|grant| {
            grant.role == OfficerRole::Monitor || grant.party.is_none_or(|party| party == operator)
        })?;
        Some(officer_name(grant.role, post))
    }

    /// Declares and has an officer on the route accept (the first the regime allows).
    pub fn declare_accepted(&mut self, carrier: &str, declaration: Declaration) -> Mrn {
        let route =
            self.state.corridor().route_index(&declaration.route).expect("declared routes exist");
        let posts = self.state.corridor().routes[route].posts.clone();
        let officer = posts
            .iter()
            .map(|&post| self.state.corridor().post(post).id)
            .find_map(|post| self.try_officer_for(crate::regime::Act::Accept, post.as_str()))
            .expect("an officer on the route may accept");
        let mrn = self.declare(carrier, declaration);
        self.submit_ok(&officer, Statement::Accept { mrn });
        mrn
    }

    /// Arrival, seal checks (intact), the selected inspections (conform) and release at
    /// a controlled post, then departure unless it is the destination; the officers are
    /// the first roles the regime allows for each act.
    pub fn pass_post(&mut self, mrn: Mrn, post: &str) -> Vec<Event> {
        let signer = self.officer_for(crate::regime::Act::Arrive, post);
        let mut events = self.submit_ok(&signer, Statement::Arrive { mrn, post: ident(post) });
        events.extend(self.clear_post(mrn, post));
        events
    }

    /// What [`Scenario::pass_post`] does after the arrival: seal checks, inspections,
    /// release and departure (unless at the destination), for a movement now at `post`.
    pub fn clear_post(&mut self, mrn: Mrn, post: &str) -> Vec<Event> {
        use crate::regime::Act;
        let post_id = ident(post);
        let officer = |scenario: &Scenario, act: Act| scenario.officer_for(act, post);
        let mut events = Vec::new();
        let movement = self.state.movement(&mrn).expect("declared").clone();
        let visit = movement.visits.last().expect("arrived").clone();
        if self.state.regime().allows_anyone(Act::SealCheck) {
            let signer = officer(self, Act::SealCheck);
            for equipment in movement.declaration.equipment.iter().filter(|e| !e.seals.is_empty()) {
                events.extend(self.submit_ok(
                    &signer,
                    Statement::SealCheck {
                        mrn,
                        post: post_id,
                        equipment: equipment.id,
                        condition: SealCondition::Intact,
                        seals_found: equipment.seals.clone(),
                    },
                ));
            }
        }
        for unit in visit.units.iter().filter(|unit| unit.lane != Lane::Green) {
            let signer = officer(self, Act::Inspect);
            let equipment = movement.declaration.equipment[usize::from(unit.equipment_index)].id;
            events.extend(self.submit_ok(
                &signer,
                Statement::Inspection {
                    mrn,
                    post: post_id,
                    equipment,
                    kind: InspectionKind::Physical,
                    outcome: InspectionOutcome::Conform,
                    findings: test_commitment("no findings"),
                },
            ));
            // The neutral mission attests each inspection where the regime lets it.
            if self.state.regime().allows_role(Act::Attest, OfficerRole::Monitor) {
                let entry = self.state.next_entry_index() - 1;
                let monitor = officer_name(OfficerRole::Monitor, post);
                events.extend(self.submit_ok(&monitor, Statement::Attest { mrn, entry }));
            }
        }
        if visit.controlled {
            let signer = officer(self, Act::Release);
            events.extend(self.submit_ok(&signer, Statement::Release { mrn, post: post_id }));
        }
        let at_destination = self.state.movement(&mrn).expect("declared").status
            == crate::movement::MovementStatus::AtDestination;
        if !at_destination {
            let signer = officer(self, Act::Depart);
            events.extend(self.submit_ok(&signer, Statement::Depart { mrn, post: post_id }));
        }
        events
    }

    /// Passes every post of the movement's route and discharges it.
    pub fn complete(&mut self, mrn: Mrn) -> Vec<Event> {
        let movement = self.state.movement(&mrn).expect("declared");
        let route = &self.state.corridor().routes[movement.route];
        let posts: Vec<String> = route
            .posts
            .iter()
            .map(|&post| self.state.corridor().post(post).id.to_string())
            .collect();
        let mut events = Vec::new();
        for post in &posts {
            self.advance_minutes(30);
            events.extend(self.pass_post(mrn, post));
        }
        // Preferably an officer at the destination; else one elsewhere on the route (the
        // host state's customs may discharge a movement ending beyond its border).
        let officer = posts
            .iter()
            .rev()
            .find_map(|post| self.try_officer_for(crate::regime::Act::Discharge, post))
            .expect("an officer on the route may discharge");
        events.extend(self.submit_ok(&officer, Statement::Discharge { mrn }));
        events
    }

    /// Has `authority:{party}` enrol guarantor `guarantor` (signing as
    /// `guarantor:{guarantor}`) unless it is enrolled, then has it issue `guarantee` to
    /// carrier `holder` in the tariff's currency.
    pub fn issue_guarantee(
        &mut self,
        party: &str,
        guarantor: &str,
        guarantee: &str,
        holder: &str,
        cover: crate::statement::GuaranteeCover,
        reference_amount: crate::ids::AmountMinor,
    ) -> Vec<Event> {
        let signer = format!("guarantor:{guarantor}");
        if self.state.guarantees().guarantor(&ident(guarantor)).is_none() {
            let key = self.remember(&signer);
            self.submit_ok(
                &format!("authority:{party}"),
                Statement::EnrolGuarantor {
                    guarantor: ident(guarantor),
                    name: format!("{guarantor} Bank"),
                    key,
                },
            );
        }
        let currency = self.state.regime().tariff.currency;
        self.submit_ok(
            &signer,
            Statement::IssueGuarantee {
                guarantee: ident(guarantee),
                holder: ident(holder),
                cover,
                reference_amount,
                currency,
            },
        )
    }

    /// Replays the kept entries into a fresh state.
    pub fn replay(&self) -> State {
        assert!(self.keep_entries, "replay needs the entries kept (keep_entries)");
        replay(&self.entries)
    }
}

/// The name of the key a scenario signs its `draw` statements with.
pub const SEQUENCER_KEY_NAME: &str = "sequencer";

/// Replays entries (each with the leaf hash it was applied with) from genesis.
pub fn replay(entries: &[(Entry, [u8; 32])]) -> State {
    let mut state: Option<State> = None;
    for (index, (entry, leaf_hash)) in entries.iter().enumerate() {
        let ctx = ApplyContext {
            entry_index: index as u64,
            time: entry.sequenced_at,
            leaf_hash: *leaf_hash,
        };
        match &mut state {
            None => {
                let (genesis, _) = State::genesis(&ctx, &entry.statement)
                    .unwrap_or_else(|refusal| panic!("entry {index} replays: {refusal}"));
                state = Some(genesis);
            }
            Some(state) => {
                state
                    .apply_signed(&ctx, &entry.statement)
                    .unwrap_or_else(|refusal| panic!("entry {index} replays: {refusal}"));
            }
        }
    }
    state.expect("a log starts with its charter")
}

/// A container number with a valid check digit: owner `PSG`, category `U`, `serial`.
pub fn container_number(serial: u32) -> ContainerNumber {
    let body = format!("PSGU{:06}", serial % 1_000_000);
    let check = iso6346_check_digit(body.as_bytes()).expect("valid characters");
    ContainerNumber::parse(&format!("{body}{}", char::from(check))).expect("valid by construction")
}

/// A 1520 mm flat wagon number (type 4) with a valid control digit.
pub fn flat_wagon_number(serial: u32) -> Wagon1520Number {
    let body = format!("4{:06}", serial % 1_000_000);
    let check = luhn_check_digit(body.as_bytes());
    Wagon1520Number::parse(&format!("{body}{}", char::from(check))).expect("valid by construction")
}

/// A container train: `count` flat wagons each carrying one 40-foot container with two
/// seals and one goods item (`hs_codes` used in turn), 20 tonnes each, from China.
pub fn container_train(
    route: &str,
    count: u32,
    first_serial: u32,
    hs_codes: &[&str],
) -> Declaration {
    let mut equipment = Vec::new();
    let mut goods = Vec::new();
    for number in 0..count {
        let serial = first_serial + number;
        equipment.push(Equipment {
            id: EquipmentId::Wagon1520(flat_wagon_number(serial)),
            container_size: None,
            seals: Vec::new(),
        });
        let container_index = equipment.len() as u16;
        equipment.push(Equipment {
            id: EquipmentId::Container(container_number(serial)),
            container_size: Some(ContainerSize::Feet40),
            seals: vec![ident(&format!("SL{serial:07}A")), ident(&format!("SL{serial:07}B"))],
        });
        let hs = hs_codes[number as usize % hs_codes.len()];
        goods.push(GoodsItem {
            equipment_index: container_index,
            hs_code: HsCode::parse(hs).unwrap_or_else(|error| panic!("{error}")),
            gross_mass_kg: 20_000,
            origin: CountryCode::parse("CN").expect("valid"),
            description: test_commitment(&format!("goods in container {serial}")),
            value: test_commitment(&format!("value of container {serial}")),
        });
    }
    Declaration {
        route: ident(route),
        traffic_class: TrafficClass::CargoRail,
        equipment,
        goods,
        passenger_count: 0,
        consignee: test_commitment("consignee: Nakhchivan Trade LLC"),
        particulars: None,
        guarantee: None,
    }
}

/// A truck with a trailer carrying one goods item under one seal.
pub fn truck(route: &str, plate: &str, hs_code: &str, gross_mass_kg: u64) -> Declaration {
    Declaration {
        route: ident(route),
        traffic_class: TrafficClass::CargoRoad,
        equipment: vec![
            Equipment { id: EquipmentId::Truck(ident(plate)), container_size: None, seals: vec![] },
            Equipment {
                id: EquipmentId::Trailer(ident(&format!("{plate}-T"))),
                container_size: None,
                seals: vec![ident(&format!("SEAL-{plate}"))],
            },
        ],
        goods: vec![GoodsItem {
            equipment_index: 1,
            hs_code: HsCode::parse(hs_code).unwrap_or_else(|error| panic!("{error}")),
            gross_mass_kg,
            origin: CountryCode::parse("KZ").expect("valid"),
            description: test_commitment(&format!("goods on {plate}")),
            value: test_commitment(&format!("value on {plate}")),
        }],
        passenger_count: 0,
        consignee: test_commitment("consignee: Ordubad Agro"),
        particulars: None,
        guarantee: None,
    }
}
