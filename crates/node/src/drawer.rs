//! The drawer: once a checkpoint that holds arrivals whose lanes are pending is published,
//! it asks each party that names a VRF key in the charter for its proof over the tree that
//! ends with each such arrival, and appends the `draw` statement that resolves them.
//!
//! A party's proof comes from the party's witness (`POST <url>/draw`, which answers only
//! for a tree within a checkpoint it cosigned), or, in a demo or a test without witnesses,
//! from a VRF key held in this process ([`WitnessConfig::local_vrf_keys`]). Every proof is
//! checked against the charter's key before it goes into a statement, so a witness that
//! answers nonsense leaves the draw pending rather than having it refused.
//!
//! The drawer works from the state, not from memory: the pending draws are core state, so
//! after a restart (or a change of leader) the first publication resumes them. A draw whose
//! party did not answer stays pending and is asked again after a delay that doubles up to
//! [`DRAW_RETRY_DELAY_MS_MAX`]; the lanes stay pending, visibly, meanwhile.

use crate::publisher::{StoreProofs, WitnessConfig};
use crate::sequencer::{Decoded, Shared, Submission, SubmitError, now_ms};
use passage_core::draw::{
    CheckedOutputs, DRAWS_PER_STATEMENT_MAX, DrawProofs, VrfKey, VrfProof, VrfSecretKey,
};
use passage_core::statement::{Recorded, Statement};
use passage_core::{Ident, SignedStatement, Timestamp};
use passage_log::Hash;
use passage_store::AnyStore;
use passage_witness::client::{DrawOutcome, WitnessClient};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, watch};

/// Longest wait before asking again for a draw a party did not answer.
pub const DRAW_RETRY_DELAY_MS_MAX: u64 = 5_000;

/// Where one party's proof comes from.
enum Source {
    /// The party's witnesses, by charter name and URL, asked in turn.
    Witnesses(Vec<(String, String)>),
    /// A key held in this process.
    Local(VrfSecretKey),
    /// Nowhere: the node cannot resolve draws (the lanes stay pending).
    Nowhere,
}

/// Resolves pending draws after each publication.
pub struct Drawer {
    shared: Arc<Shared>,
    queue: mpsc::Sender<Submission>,
    client: WitnessClient,
    urls: BTreeMap<String, String>,
    local: BTreeMap<Ident, VrfSecretKey>,
    origin: String,
    proofs: StoreProofs,
    /// Signs the `draw` statements: any key may carry one (its authority is the proofs), so
    /// the node makes one at start.
    signer: ed25519_dalek::SigningKey,
}

/// Why a round of draws stopped short.
#[derive(Debug, thiserror::Error)]
pub enum DrawerError {
    /// A party gave no valid proof for a draw.
    #[error("party {party} gave no valid proof for the draw on tree size {size}: {reason}")]
    NoProof {
        /// The party.
        party: Ident,
        /// The tree size.
        size: u64,
        /// What happened.
        reason: String,
    },
    /// The sequencer did not take the statement.
    #[error("the draw statement was not sequenced: {0}")]
    Submit(String),
}

impl Drawer {
    /// A drawer for the log `origin`, reaching witnesses as `config` says.
    pub fn new(
        config: &WitnessConfig,
        origin: String,
        shared: Arc<Shared>,
        store: Arc<AnyStore>,
        queue: mpsc::Sender<Submission>,
    ) -> Result<Drawer, passage_witness::client::CosignError> {
        Ok(Drawer {
            shared,
            queue,
            client: WitnessClient::new(config.client.clone())?,
            urls: config.urls.iter().cloned().collect(),
            local: config.local_vrf_keys.iter().cloned().collect(),
            origin,
            proofs: StoreProofs { store },
            signer: ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng),
        })
    }

    /// Resolves draws each time `published` (the size of the latest published checkpoint)
    /// changes, until it closes.
    pub async fn run(self, mut published: watch::Receiver<u64>) {
        let mut retry_delay = Duration::from_millis(100);
        loop {
            let size = *published.borrow_and_update();
            match self.resolve(size).await {
                Ok(_) => retry_delay = Duration::from_millis(100),
                Err(error) => {
                    tracing::warn!(%error, "lanes still pending");
                    // A retry delay, not synchronization: a witness may be restarting.
                    let _ = tokio::time::timeout(retry_delay, published.changed()).await;
                    retry_delay =
                        (retry_delay * 2).min(Duration::from_millis(DRAW_RETRY_DELAY_MS_MAX));
                    if published.has_changed().is_err() {
                        return;
                    }
                    continue;
                }
            }
            if published.changed().await.is_err() {
                return;
            }
        }
    }

    /// Resolves every draw pending on a tree within the published size: returns how many.
    pub async fn resolve(&self, published: u64) -> Result<usize, DrawerError> {
        let mut resolved = 0;
        loop {
            let Some((parties, pending)) = self.shared.read_state(|state| {
                let charter = state.charter();
                let parties: Vec<(Ident, VrfKey, Source)> = charter
                    .vrf_keys()
                    .map(|(index, key)| {
                        let party = charter.parties[index].id;
                        (party, key, self.source(charter, party))
                    })
                    .collect();
                let pending: Vec<(u64, [u8; 32])> = state
                    .draws_pending()
                    .range(..=published)
                    .take(DRAWS_PER_STATEMENT_MAX)
                    .map(|(size, draw)| (*size, draw.root))
                    .collect();
                (parties, pending)
            }) else {
                return Ok(resolved);
            };
            if pending.is_empty() {
                return Ok(resolved);
            }
            let mut draws = Vec::with_capacity(pending.len());
            let mut checked = CheckedOutputs::none();
            let mut first_error = None;
            for (size, root) in &pending {
                match self.proofs_for(&parties, *size, root, &mut checked).await {
                    Ok(proofs) => draws.push(DrawProofs { size: *size, root: *root, proofs }),
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
            if !draws.is_empty() {
                resolved += draws.len();
                self.submit(draws, checked).await?;
            }
            if let Some(error) = first_error {
                return Err(error);
            }
        }
    }

    fn source(&self, charter: &passage_core::Charter, party: Ident) -> Source {
        if let Some(key) = self.local.get(&party) {
            return Source::Local(*key);
        }
        let witnesses: Vec<(String, String)> = charter
            .witnesses
            .iter()
            .filter(|witness| witness.party == Some(party))
            .filter_map(|witness| {
                self.urls.get(&witness.name).map(|url| (witness.name.clone(), url.clone()))
            })
            .collect();
        if witnesses.is_empty() { Source::Nowhere } else { Source::Witnesses(witnesses) }
    }

    /// Every party's proof for one draw, in charter order, each checked against its key
    /// (its output kept in `checked`, so the sequencer does not check it again).
    async fn proofs_for(
        &self,
        parties: &[(Ident, VrfKey, Source)],
        size: u64,
        root: &[u8; 32],
        checked: &mut CheckedOutputs,
    ) -> Result<Vec<VrfProof>, DrawerError> {
        let mut proofs = Vec::with_capacity(parties.len());
        for (party, key, source) in parties {
            let no_proof = |reason: String| DrawerError::NoProof { party: *party, size, reason };
            let proof = match source {
                Source::Local(secret) => {
                    let proof = secret.prove(size, root);
                    if !checked.check(*key, size, root, &proof) {
                        return Err(no_proof("its local key is not the charter's".into()));
                    }
                    proof
                }
                Source::Nowhere => {
                    return Err(no_proof("no witness URL or key is configured for it".into()));
                }
                Source::Witnesses(witnesses) => {
                    let mut reasons = Vec::new();
                    let mut found = None;
                    for (name, url) in witnesses {
                        let outcome = self
                            .client
                            .draw(name, url, &self.origin, size, Hash(*root), &self.proofs)
                            .await;
                        match outcome {
                            DrawOutcome::Proof(bytes) => {
                                let proof = VrfProof(bytes);
                                if checked.check(*key, size, root, &proof) {
                                    found = Some(proof);
                                    break;
                                }
                                reasons
                                    .push(format!("{name} answered a proof that does not verify"));
                            }
                            DrawOutcome::Refused { status, reason } => {
                                reasons.push(format!("{name} refused ({status}: {reason})"));
                            }
                            DrawOutcome::Unreachable(reason) => {
                                reasons.push(format!("{name} unreachable ({reason})"));
                            }
                        }
                    }
                    found.ok_or_else(|| no_proof(reasons.join(", ")))?
                }
            };
            proofs.push(proof);
        }
        Ok(proofs)
    }

    async fn submit(
        &self,
        draws: Vec<DrawProofs>,
        checked: CheckedOutputs,
    ) -> Result<(), DrawerError> {
        let recorded = Recorded::new(Timestamp(now_ms()), Statement::Draw { draws });
        let signed = SignedStatement::sign(&self.signer, &recorded)
            .map_err(|error| DrawerError::Submit(error.to_string()))?;
        let statement = Decoded::new(signed)
            .map_err(|error| DrawerError::Submit(error.to_string()))?
            .with_checked_outputs(checked);
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Submission { statement, reply })
            .await
            .map_err(|_| DrawerError::Submit("the sequencer stopped".into()))?;
        match answer.await {
            Ok(Ok(ack)) => {
                tracing::info!(index = ack.index, "lanes drawn");
                Ok(())
            }
            Ok(Err(SubmitError::Refused(refusal))) => Err(DrawerError::Submit(refusal.to_string())),
            Ok(Err(error)) => Err(DrawerError::Submit(error.to_string())),
            Err(_) => Err(DrawerError::Submit("the sequencer dropped the statement".into())),
        }
    }
}
