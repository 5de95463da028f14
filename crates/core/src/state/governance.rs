//! Governance: regime proposals and approvals, officers, carriers and authority keys.

use super::*;

impl State {
    pub(super) fn propose_regime(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        effective_from: Timestamp,
        document: &str,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "propose a regime")?;
        let party_ids: Vec<Ident> = self.charter.parties.iter().map(|party| party.id).collect();
        let regime = Regime::from_toml(document, &self.charter.corridor, &party_ids)
            .map_err(Refusal::InvalidRegime)?;
        self.charter.check_draws(&regime).map_err(|problem| {
            Refusal::InvalidRegime(crate::corridor::invalid("regime", "checks", problem))
        })?;
        self.proposals.insert(
            ctx.entry_index,
            Proposal {
                entry: ctx.entry_index,
                effective_from,
                document_hash: crate::digest::sha256(document.as_bytes()),
                document: Arc::from(document),
                regime: Arc::new(regime),
                approvals: vec![party],
                status: ProposalStatus::Pending,
            },
        );
        events.push(Event::RegimeProposed { proposal_entry: ctx.entry_index });
        events.push(Event::RegimeApproved {
            proposal_entry: ctx.entry_index,
            party: self.charter.parties[party].id,
        });
        self.adopt_if_quorum(ctx, ctx.entry_index, events);
        Ok(())
    }

    pub(super) fn approve_regime(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        proposal_entry: u64,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "approve a regime")?;
        let proposal = self
            .proposals
            .get(&proposal_entry)
            .filter(|proposal| proposal.status == ProposalStatus::Pending)
            .ok_or(Refusal::NoSuchProposal(proposal_entry))?;
        let party_id = self.charter.parties[party].id;
        if proposal.approvals.contains(&party) {
            return Err(Refusal::AlreadyApproved { proposal_entry, party: party_id });
        }
        let proposal = self.proposals.get_mut(&proposal_entry).expect("checked above");
        proposal.approvals.push(party);
        events.push(Event::RegimeApproved { proposal_entry, party: party_id });
        self.adopt_if_quorum(ctx, proposal_entry, events);
        Ok(())
    }

    pub(super) fn adopt_if_quorum(
        &mut self,
        ctx: &ApplyContext,
        proposal_entry: u64,
        events: &mut Vec<Event>,
    ) {
        let quorum = &self.charter.quorum;
        let proposal = self.proposals.get_mut(&proposal_entry).expect("callers pass a proposal");
        let reached = proposal.approvals.len() >= quorum.threshold
            && quorum.required.iter().all(|party| proposal.approvals.contains(party));
        if !reached {
            return;
        }
        let effective_from = proposal.effective_from.max(ctx.time);
        proposal.effective_from = effective_from;
        events.push(Event::RegimeAdopted { proposal_entry, effective_from });
        if effective_from <= ctx.time {
            proposal.status = ProposalStatus::InForce;
            self.regime = proposal.regime.clone();
            self.regime_entry = proposal_entry;
            events.push(Event::RegimeInForce { proposal_entry });
        } else {
            proposal.status = ProposalStatus::Adopted;
            self.scheduled.insert((effective_from, proposal_entry));
        }
    }

    pub(super) fn check_new_key(&self, key: &PublicKey) -> Applied {
        if self.key_index.contains_key(key) { Err(Refusal::KeyInUse(*key)) } else { Ok(()) }
    }

    pub(super) fn enrol_officer(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        role: OfficerRole,
        posts: &[Ident],
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "enrol an officer")?;
        let party_record = &self.charter.parties[party];
        if !party_record.roles.contains(&role) {
            return Err(Refusal::RoleNotForParty { party: party_record.id, role });
        }
        self.check_new_key(key)?;
        if posts.is_empty() {
            return Err(Refusal::BadPostList);
        }
        let mut indexes = Vec::with_capacity(posts.len());
        for post in posts {
            let index = self.post_index(post)?;
            if indexes.contains(&index) {
                return Err(Refusal::BadPostList);
            }
            let operator = self.corridor().post(index).authority;
            if role != OfficerRole::Monitor && operator != party_record.id {
                return Err(Refusal::PostOfAnotherParty {
                    post: *post,
                    operator,
                    party: party_record.id,
                    role,
                });
            }
            indexes.push(index);
        }
        let party_id = party_record.id;
        self.key_index.insert(*key, self.keys.len());
        self.keys.push_back(KeyRecord {
            key: *key,
            holder: Holder::Officer { party, role, posts: indexes },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::OfficerEnrolled { key: *key, party: party_id, role });
        Ok(())
    }

    pub(super) fn revoke_key(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "revoke a key")?;
        let index = *self.key_index.get(key).ok_or(Refusal::NothingToRevoke(*key))?;
        let record = &self.keys[index];
        if record.revoked_at_entry.is_some() {
            return Err(Refusal::NothingToRevoke(*key));
        }
        let owner = match record.holder {
            Holder::Officer { party, .. } | Holder::Authority { party } => party,
            Holder::Carrier { carrier } => self.carriers[carrier].party,
            // The party that enrolled a guarantor revokes its keys.
            Holder::Guarantor { guarantor } => self.guarantees.guarantors[guarantor].party,
        };
        if owner != party {
            return Err(Refusal::NotYourKey { key: *key, party: self.charter.parties[party].id });
        }
        if matches!(record.holder, Holder::Authority { .. }) {
            let others = self.keys.iter().filter(|other| {
                other.key != *key
                    && other.revoked_at_entry.is_none()
                    && other.holder == Holder::Authority { party }
            });
            if others.count() == 0 {
                return Err(Refusal::LastAuthorityKey {
                    key: *key,
                    party: self.charter.parties[party].id,
                });
            }
        }
        self.keys[index].revoked_at_entry = Some(ctx.entry_index);
        events.push(Event::KeyRevoked { key: *key });
        Ok(())
    }

    pub(super) fn add_authority_key(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "add an authority key")?;
        self.check_new_key(key)?;
        self.key_index.insert(*key, self.keys.len());
        self.keys.push_back(KeyRecord {
            key: *key,
            holder: Holder::Authority { party },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::AuthorityKeyAdded { key: *key, party: self.charter.parties[party].id });
        Ok(())
    }

    pub(super) fn register_carrier(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        carrier: &Ident,
        name: &str,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "register a carrier")?;
        self.check_new_key(key)?;
        let index = match self.carrier_index.get(carrier) {
            Some(&index) => {
                let existing = &self.carriers[index];
                if existing.party != party || existing.name != name {
                    return Err(Refusal::CarrierMismatch {
                        carrier: *carrier,
                        party: self.charter.parties[existing.party].id,
                        name: existing.name.clone(),
                    });
                }
                index
            }
            None => {
                self.carrier_index.insert(*carrier, self.carriers.len());
                self.carriers.push_back(Carrier {
                    id: *carrier,
                    name: name.to_owned(),
                    party,
                    keys: Vec::new(),
                });
                self.carriers.len() - 1
            }
        };
        self.carriers[index].keys.push(*key);
        self.key_index.insert(*key, self.keys.len());
        self.keys.push_back(KeyRecord {
            key: *key,
            holder: Holder::Carrier { carrier: index },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::CarrierRegistered { carrier: *carrier, key: *key });
        Ok(())
    }
}
