//! Inspection selection: lanes from the regime's rules and a random draw that is a pure
//! function of public data, so any party recomputes that a unit was chosen by the rule.
//!
//! At arrival the rules give each unit its lane ([`lane_by_rule`]); under a regime that
//! draws, the random part waits for the draw's seed, which the parties' VRF outputs over
//! the tree ending with the arrival give ([`crate::draw`]). The draw for a unit is SHA-256
//! of [`SELECTION_CONTEXT`], that seed, the MRN (18 bytes), the post (length byte and
//! bytes) and the equipment identifier (as in the statement encoding); its first eight
//! bytes, big-endian, modulo 1,000,000 give a number of parts per million. Below the red
//! rate is red; below red plus yellow is yellow; otherwise green. The unit's lane is the
//! heavier of its rule lane and its random lane.

use crate::encoding::Writer;
use crate::ids::{CountryCode, HsCode, Ident, Mrn};
use crate::regime::{Checks, Lane, PPM, Regime, Selection};
use crate::statement::EquipmentId;
use sha2::{Digest, Sha256};

/// The context string hashed before the draw's inputs.
pub const SELECTION_CONTEXT: &[u8] = b"passage selection v2\n";

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
    random_lane_at(selection.random_red_ppm, selection.random_yellow_ppm, draw)
}

/// The lane the random draw alone gives at these rates (parts per million).
pub fn random_lane_at(random_red_ppm: u32, random_yellow_ppm: u32, draw: u32) -> Lane {
    if draw < random_red_ppm {
        Lane::Red
    } else if draw < random_red_ppm + random_yellow_ppm {
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
                && rule.hs_edition.is_none_or(|edition| edition == hs_code.edition())
                && rule.origin.is_none_or(|named| named == *origin)
        });
        if matches_goods {
            lane = rule.lane;
        }
    }
    lane
}

/// Everything public that decides one unit's lane, but the draw's seed.
#[derive(Clone, Copy, Debug)]
pub struct UnitFacts<'a> {
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

/// A unit's lane on arrival at a controlled post under `regime`, before any draw: what
/// the regime's checks and rules give. Under [`Checks::Selected`] the draw may raise it.
pub fn lane_by_rule(regime: &Regime, unit: &UnitFacts<'_>) -> Lane {
    match regime.checks {
        Checks::None => Lane::Green,
        Checks::All => Lane::Red,
        Checks::Selected => rule_lane(&regime.selection, unit.carrier, unit.goods),
    }
}

/// A unit's lane once drawn with `seed` at the rates (parts per million) the arrival got:
/// the heavier of the lane it has and the random lane.
pub fn lane_drawn(
    lane: Lane,
    seed: &[u8; 32],
    unit: &UnitFacts<'_>,
    random_red_ppm: u32,
    random_yellow_ppm: u32,
) -> Lane {
    let draw = draw_ppm(seed, unit.mrn, unit.post, unit.equipment);
    lane.max(random_lane_at(random_red_ppm, random_yellow_ppm, draw))
}

/// A unit's lane on arrival under `regime` with the draw's `seed`: its rule lane, raised by
/// the draw under a regime that draws.
pub fn lane_on_arrival(regime: &Regime, seed: &[u8; 32], unit: &UnitFacts<'_>) -> Lane {
    let by_rule = lane_by_rule(regime, unit);
    match regime.checks {
        Checks::Selected => lane_drawn(
            by_rule,
            seed,
            unit,
            regime.selection.random_red_ppm,
            regime.selection.random_yellow_ppm,
        ),
        Checks::None | Checks::All => by_rule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corridor::Corridor;
    use crate::corridors::{SYUNIK_CORRIDOR, SYUNIK_REGIME_MONITORED};
    use crate::ids::ContainerNumber;

    fn regime(checks: Checks) -> Regime {
        let corridor = Corridor::from_toml(SYUNIK_CORRIDOR).expect("shipped corridor");
        let parties = ["AM", "AZ", "MON"].map(|party| Ident::parse(party).expect("valid"));
        let mut regime = Regime::from_toml(SYUNIK_REGIME_MONITORED, &corridor, &parties)
            .expect("shipped regime");
        regime.checks = checks;
        regime
    }

    /// Lanes of `count` containers carrying `hs_code`, under `regime`.
    fn lanes(regime: &Regime, hs_code: &str, count: u32) -> [usize; 3] {
        let mrn = Mrn::parse("26AM000000000042J4").expect("valid");
        let post = Ident::parse("AM-MEGHRI-E").expect("valid");
        let carrier = Ident::parse("CASPIAN-RAIL").expect("valid");
        let goods =
            [(HsCode::parse(hs_code).expect("valid"), CountryCode::parse("CN").expect("valid"))];
        let mut counts = [0; 3];
        for serial in 0..count {
            let body = format!("PSGU{serial:06}");
            let check = crate::ids::iso6346_check_digit(body.as_bytes()).expect("valid");
            let number =
                ContainerNumber::parse(&format!("{body}{}", char::from(check))).expect("valid");
            let equipment = EquipmentId::Container(number);
            let facts = UnitFacts {
                mrn: &mrn,
                post: &post,
                equipment: &equipment,
                carrier: &carrier,
                goods: &goods,
            };
            counts[lane_on_arrival(regime, &[7; 32], &facts) as usize] += 1;
        }
        counts
    }

    #[test]
    fn lanes_follow_checks_rules_and_rates() {
        // Monitored regime: 2 % red and 3 % yellow at random; arms (chapter 93) always red;
        // vaccines (3002) at least yellow.
        let selected = regime(Checks::Selected);
        let [green, yellow, red] = lanes(&selected, "2022:850440", 10_000);
        assert!((150..=250).contains(&red), "about 2 % red, got {red}");
        assert!((240..=360).contains(&yellow), "about 3 % yellow, got {yellow}");
        assert_eq!(green + yellow + red, 10_000);
        assert_eq!(lanes(&selected, "2022:930100", 100), [0, 0, 100]);
        let [green, _, _] = lanes(&selected, "2022:300220", 100);
        assert_eq!(green, 0, "a yellow rule leaves no unit green");
        let [green, _, _] = lanes(&selected, "2028:300220", 100);
        assert!(green > 0, "the rule is written in HS 2022; HS 2028 codes do not match it");
        assert_eq!(lanes(&regime(Checks::None), "2022:930100", 100), [100, 0, 0]);
        assert_eq!(lanes(&regime(Checks::All), "2022:850440", 100), [0, 0, 100]);
    }

    #[test]
    fn the_draw_depends_on_every_input() {
        let mrn = Mrn::parse("26AM000000000042J4").expect("valid");
        let other_mrn = Mrn::parse("22ITZXBZYUTJFLJXK6").expect("valid");
        let post = Ident::parse("AM-MEGHRI-E").expect("valid");
        let other_post = Ident::parse("AM-AGARAK-X").expect("valid");
        let truck = EquipmentId::Truck(Ident::parse("10AB123").expect("valid"));
        let trailer = EquipmentId::Trailer(Ident::parse("10AB123").expect("valid"));
        let base = draw_ppm(&[1; 32], &mrn, &post, &truck);
        assert_eq!(base, draw_ppm(&[1; 32], &mrn, &post, &truck), "pure");
        assert_ne!(base, draw_ppm(&[2; 32], &mrn, &post, &truck));
        assert_ne!(base, draw_ppm(&[1; 32], &other_mrn, &post, &truck));
        assert_ne!(base, draw_ppm(&[1; 32], &mrn, &other_post, &truck));
        assert_ne!(base, draw_ppm(&[1; 32], &mrn, &post, &trailer));
        assert!(base < PPM);
    }
}
