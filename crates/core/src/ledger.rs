//! The double-entry ledger: every posting's legs sum to zero, so the whole ledger does.
//! Carriers' accounts go negative when a fee is assessed (they owe) and back up when
//! they pay; revenue accounts (named in the tariff's split) hold what the corridor earned;
//! the receipts account is the other side of money actually received or refunded.

use crate::ids::{AmountMinor, Currency, Ident};
use crate::statement::Timestamp;
use imbl::{OrdMap, Vector};
use std::fmt;

/// An account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Account {
    /// A carrier's account.
    Carrier(Ident),
    /// A revenue account named in the tariff's split (a treasury, the mission).
    Revenue(Ident),
    /// Money received from or refunded to carriers (cash and bank).
    Receipts,
    /// A guarantor's account: it goes negative when a guarantee it issued is called.
    Guarantor(Ident),
    /// A party's treasury: what was remitted to it from the revenue accounts, money that
    /// has left the corridor.
    Treasury(Ident),
}

impl fmt::Display for Account {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Account::Carrier(carrier) => write!(formatter, "carrier:{carrier}"),
            Account::Revenue(name) => write!(formatter, "revenue:{name}"),
            Account::Receipts => formatter.write_str("receipts"),
            Account::Guarantor(name) => write!(formatter, "guarantor:{name}"),
            Account::Treasury(party) => write!(formatter, "treasury:{party}"),
        }
    }
}

/// Why money moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PostingKind {
    /// A transit fee was assessed.
    Fee,
    /// A carrier paid.
    Payment,
    /// A carrier was refunded.
    Refund,
    /// Duties were recovered after an enquiry, from a guarantee or from the holder.
    Recovery,
    /// Revenue was remitted to a party's treasury.
    Remittance,
}

/// One leg of a posting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leg {
    /// The entry that caused it.
    pub entry_index: u64,
    /// The entry's time.
    pub time: Timestamp,
    /// Why.
    pub kind: PostingKind,
    /// The account.
    pub account: Account,
    /// The currency.
    pub currency: Currency,
    /// The signed amount.
    pub amount: AmountMinor,
}

/// The ledger: every leg, and the running balance per account and currency. Both are
/// persistent collections, so a copy of the state shares them (see [`crate::State`]).
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    legs: Vector<Leg>,
    balances: OrdMap<(Account, Currency), AmountMinor>,
    /// The legs' chain for the state digest ([`crate::digest`]), extended as they post.
    legs_chain: [u8; 32],
}

impl Ledger {
    /// Whether `legs` (account, amount) can be posted without overflowing a balance.
    pub fn can_post(&self, currency: Currency, legs: &[(Account, AmountMinor)]) -> bool {
        legs.iter()
            .all(|(account, amount)| self.balance(account, currency).checked_add(*amount).is_some())
    }

    /// Posts legs that sum to zero. The caller checked [`Ledger::can_post`].
    pub fn post(
        &mut self,
        entry_index: u64,
        time: Timestamp,
        kind: PostingKind,
        currency: Currency,
        legs: &[(Account, AmountMinor)],
    ) {
        let sum: i128 = legs.iter().map(|(_, amount)| i128::from(amount.0)).sum();
        assert!(sum == 0, "a posting's legs must sum to zero, found {sum}");
        for (account, amount) in legs {
            if amount.0 == 0 {
                continue;
            }
            let balance = self.balances.entry((*account, currency)).or_default();
            *balance = balance.checked_add(*amount).expect("can_post was checked");
            let leg = Leg { entry_index, time, kind, account: *account, currency, amount: *amount };
            crate::digest::chain_leg(&mut self.legs_chain, &leg);
            self.legs.push_back(leg);
        }
    }

    /// A ledger holding `legs`, with the balances they sum to; `None` if a leg is zero or
    /// a balance overflows (neither happens in a ledger built by [`Ledger::post`]).
    pub(crate) fn from_legs(legs: Vector<Leg>) -> Option<Ledger> {
        let mut balances: OrdMap<(Account, Currency), AmountMinor> = OrdMap::new();
        let mut legs_chain = [0; 32];
        for leg in &legs {
            if leg.amount.0 == 0 {
                return None;
            }
            let balance = balances.entry((leg.account, leg.currency)).or_default();
            *balance = balance.checked_add(leg.amount)?;
            crate::digest::chain_leg(&mut legs_chain, leg);
        }
        Some(Ledger { legs, balances, legs_chain })
    }

    /// An account's balance.
    pub fn balance(&self, account: &Account, currency: Currency) -> AmountMinor {
        self.balances.get(&(*account, currency)).copied().unwrap_or_default()
    }

    /// The net movement on an account in `[from, to)`.
    pub fn balance_between(
        &self,
        account: &Account,
        currency: Currency,
        from: Timestamp,
        to: Timestamp,
    ) -> AmountMinor {
        AmountMinor(
            self.legs
                .iter()
                .filter(|leg| leg.account == *account && leg.currency == currency)
                .filter(|leg| leg.time >= from && leg.time < to)
                .map(|leg| leg.amount.0)
                .sum(),
        )
    }

    /// Every balance, by account and currency.
    pub fn balances(&self) -> impl Iterator<Item = (&(Account, Currency), &AmountMinor)> {
        self.balances.iter()
    }

    /// Every leg, in posting order.
    pub fn legs(&self) -> &Vector<Leg> {
        &self.legs
    }

    /// The legs' chain ([`crate::digest`]): SHA-256 over each leg in turn.
    pub fn legs_chain(&self) -> &[u8; 32] {
        &self.legs_chain
    }

    /// The sum of all balances in `currency`: always zero.
    pub fn total(&self, currency: Currency) -> i128 {
        self.balances
            .iter()
            .filter(|((_, balance_currency), _)| *balance_currency == currency)
            .map(|(_, amount)| i128::from(amount.0))
            .sum()
    }

    /// Fees assessed in `[from, to)`, in `currency` (the revenue accounts' side).
    pub fn fees_between(&self, currency: Currency, from: Timestamp, to: Timestamp) -> AmountMinor {
        AmountMinor(
            self.legs
                .iter()
                .filter(|leg| leg.kind == PostingKind::Fee && leg.currency == currency)
                .filter(|leg| matches!(leg.account, Account::Revenue(_)))
                .filter(|leg| leg.time >= from && leg.time < to)
                .map(|leg| leg.amount.0)
                .sum(),
        )
    }
}
