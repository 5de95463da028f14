//! Inspection selection: lanes from the regime's rules and a random draw that is a pure
//! function of public data, so any party recomputes that a unit was chosen by the rule.
//!
//! The draw for a unit is SHA-256 of [`SELECTION_CONTEXT`], the selection seed (the log's
//! root just before the arrival entry), the MRN (18 bytes), the post (length byte and
//! bytes) and the equipment identifier (as in the statement encoding); its first eight
//! bytes, big-endian, modulo 1,000,000 give a number of parts per million. Below the red
//! rate is red; below red plus yellow is yellow; otherwise green.

use crate::encoding::Writer;
use crate::ids::{CountryCode, HsCode, Ident, Mrn};
use crate::regime::{Checks, Lane, PPM, Regime, Selection};
use crate::statement::EquipmentId;
use sha2::{Digest, Sha256};

/// The context string hashed before the draw's inputs.
pub const SELECTION_CONTEXT: &[u8] = b"passage selection v1\n";

/// The random draw for one unit at one post, in parts per million (0 to 999,999).
pub fn draw_ppm(seed: &[u8; 32], mrn: &Mrn, post: &Ident, equipment: &EquipmentId) -> u32 {
    let mut writer = Writer::with_capacity(96);
    writer.fixed(SELECTION_CONTEXT);
    writer.fixed(seed);
    writer.fixed(mrn.as_bytes());
    writer.ident(post);
    equipment.encode(&mut writer);
    let hash: [u8; 32] = Sha256::digest(writer.as_bytes()).into();
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash[..8]);
    // 2^64 is 18 trillion times 10^6, so the modulo's bias is below one in 10^13.
    (u64::from_be_bytes(first) % u64::from(PPM)) as u32
}

/// The lane the random draw alone gives.
pub fn random_lane(selection: &Selection, draw: u32) -> Lane {
    if draw < selection.random_red_ppm {
        Lane::Red
    } else if draw < selection.random_red_ppm + selection.random_yellow_ppm {
        Lane::Yellow
    } else {
        Lane::Green
    }
}

/// The heaviest lane any rule gives a unit carrying `goods` (HS code and origin of each
/// item) for `carrier`.
pub fn rule_lane(selection: &Selection, carrier: &Ident, goods: &[(HsCode, CountryCode)]) -> Lane {
    let mut lane = Lane::Green;
    for rule in &selection.rules {
        if rule.lane <= lane || rule.carrier.is_some_and(|named| named != *carrier) {
            continue;
        }
        let matches_goods = goods.iter().any(|(hs_code, origin)| {
            rule.hs_prefix.as_ref().is_none_or(|prefix| hs_code.starts_with(prefix))
                && rule.origin.is_none_or(|named| named == *origin)
        });
        if matches_goods {
            lane = rule.lane;
        }
    }
    lane
}

/// Everything public that decides one unit's lane.
#[derive(Clone, Copy, Debug)]
pub struct UnitFacts<'a> {
    /// The selection seed given with the arrival entry.
    pub seed: &'a [u8; 32],
    /// The movement.
    pub mrn: &'a Mrn,
    /// The post.
    pub post: &'a Ident,
    /// The unit.
    pub equipment: &'a EquipmentId,
    /// The carrier.
    pub carrier: &'a Ident,
    /// HS code and origin of each goods item the unit carries.
    pub goods: &'a [(HsCode, CountryCode)],
}

/// A unit's lane on arrival at a controlled post under `regime`.
pub fn lane_on_arrival(regime: &Regime, unit: &UnitFacts<'_>) -> Lane {
    match regime.checks {
        Checks::None => Lane::Green,
        Checks::All => Lane::Red,
        Checks::Selected => {
            let by_rule = rule_lane(&regime.selection, unit.carrier, unit.goods);
            if by_rule == Lane::Red {
                return Lane::Red;
            }
            let draw = draw_ppm(unit.seed, unit.mrn, unit.post, unit.equipment);
            by_rule.max(random_lane(&regime.selection, draw))
        }
    }
}
