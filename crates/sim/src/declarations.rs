//! The declarations the simulator sends the core, rewritten in place for each unit: a
//! flow's declaration keeps its shape (equipment, seals, goods), so only the identifiers
//! that make each unit distinct change, and a corridor-year of them costs no allocation
//! and no hashing.
//!
//! A train is flat wagons each carrying one sealed forty-foot container with one goods
//! item; a truck pulls one sealed trailer with one goods item, as the core's
//! `testing::container_train` and `testing::truck` build them. Identifiers carry valid
//! check digits. Commitments are stand-ins, distinct per unit and goods item but not
//! hashes of anything: the core stores commitments and never opens them.

use passage_core::ids::Wagon1520Number;
use passage_core::ids::{iso6346_check_digit, luhn_check_digit};
use passage_core::statement::{
    ContainerSize, Declaration, Equipment, EquipmentId, GoodsItem, Recorded, TrafficClass,
};
use passage_core::{Commitment, ContainerNumber, CountryCode, HsCode, Ident, Statement, Timestamp};

/// Goods carried, by HS code, used in turn (ordinary manufactures and produce).
const HS_CODES: [&str; 4] = ["2022:850440", "2022:870899", "2022:392690", "2022:080810"];

/// Container and wagon serials have six digits: a train's serials repeat only after a
/// million containers, far apart in time.
const SERIALS: u64 = 1_000_000;

/// One flow's declaration, rewritten for each unit.
#[derive(Clone, Debug)]
pub struct DeclarationTemplate {
    /// The declaration, as a recorded statement ready for the core.
    recorded: Recorded,
    hs_codes: [HsCode; 4],
}

impl DeclarationTemplate {
    /// The template for a flow on `route`: a train of `containers` wagons, or a truck,
    /// carrying `mass_kg` in all.
    ///
    /// # Panics
    ///
    /// Never for the classes the simulator declares: the fixed identifiers are valid.
    #[must_use]
    pub fn new(
        route: Ident,
        class: TrafficClass,
        containers: u32,
        mass_kg: u64,
    ) -> DeclarationTemplate {
        let hs_codes = HS_CODES.map(|code| HsCode::parse(code).expect("valid HS codes"));
        let blank = Commitment([0; 32]);
        let (equipment, goods) = if class == TrafficClass::CargoRail {
            let per_container = (mass_kg / u64::from(containers.max(1))).max(1);
            let mut equipment = Vec::with_capacity(2 * containers as usize);
            let mut goods = Vec::with_capacity(containers as usize);
            for number in 0..containers {
                equipment.push(Equipment {
                    id: EquipmentId::Wagon1520(wagon(0)),
                    container_size: None,
                    seals: Vec::new(),
                });
                #[allow(clippy::cast_possible_truncation)]
                let container_index = equipment.len() as u16;
                equipment.push(Equipment {
                    id: EquipmentId::Container(container(0)),
                    container_size: Some(ContainerSize::Feet40),
                    seals: vec![seal(b"SL", 0, b'A'), seal(b"SL", 0, b'B')],
                });
                goods.push(GoodsItem {
                    equipment_index: container_index,
                    hs_code: hs_codes[number as usize % hs_codes.len()],
                    gross_mass_kg: per_container,
                    origin: CountryCode::parse("CN").expect("valid"),
                    description: blank,
                    value: blank,
                });
            }
            (equipment, goods)
        } else {
            let plate = numbered_ident(b"TR", 0, b"");
            let equipment = vec![
                Equipment { id: EquipmentId::Truck(plate), container_size: None, seals: vec![] },
                Equipment {
                    id: EquipmentId::Trailer(plate),
                    container_size: None,
                    seals: vec![plate],
                },
            ];
            let goods = vec![GoodsItem {
                equipment_index: 1,
                hs_code: hs_codes[0],
                gross_mass_kg: mass_kg.max(1),
                origin: CountryCode::parse("KZ").expect("valid"),
                description: blank,
                value: blank,
            }];
            (equipment, goods)
        };
        let declaration = Declaration {
            route,
            traffic_class: class,
            equipment,
            goods,
            passenger_count: 0,
            consignee: stand_in(u64::MAX, 0, 0),
            particulars: None,
            guarantee: None,
        };
        let recorded = Recorded::new(Timestamp(0), Statement::Declare(declaration));
        DeclarationTemplate { recorded, hs_codes }
    }

    /// Rewrites the declaration for simulated unit `unit`, recorded at `at`.
    pub fn fill(&mut self, unit: u64, at: Timestamp) -> &Recorded {
        self.recorded.recorded_at = at;
        let Statement::Declare(declaration) = &mut self.recorded.statement else {
            unreachable!("a template holds a declaration")
        };
        if declaration.traffic_class == TrafficClass::CargoRail {
            let containers = declaration.goods.len() as u64;
            let first = unit.wrapping_mul(containers) % SERIALS;
            for (number, pair) in declaration.equipment.chunks_exact_mut(2).enumerate() {
                let serial = (first + number as u64) % SERIALS;
                pair[0].id = EquipmentId::Wagon1520(wagon(serial));
                pair[1].id = EquipmentId::Container(container(serial));
                pair[1].seals[0] = seal(b"SL", serial, b'A');
                pair[1].seals[1] = seal(b"SL", serial, b'B');
            }
        } else {
            let truck = numbered_ident(b"TR", unit, b"");
            declaration.equipment[0].id = EquipmentId::Truck(truck);
            declaration.equipment[1].id = EquipmentId::Trailer(numbered_ident(b"TR", unit, b"-T"));
            declaration.equipment[1].seals[0] = numbered_ident(b"SEAL-TR", unit, b"");
            #[allow(clippy::cast_possible_truncation)]
            let hs = self.hs_codes[(unit % self.hs_codes.len() as u64) as usize];
            declaration.goods[0].hs_code = hs;
        }
        for (number, item) in declaration.goods.iter_mut().enumerate() {
            item.description = stand_in(unit, number as u32, 0);
            item.value = stand_in(unit, number as u32, 1);
        }
        &self.recorded
    }
}

/// `value`'s last `N` decimal digits, zero-padded.
fn digits<const N: usize>(mut value: u64) -> [u8; N] {
    let mut out = [b'0'; N];
    for byte in out.iter_mut().rev() {
        #[allow(clippy::cast_possible_truncation)]
        let digit = (value % 10) as u8;
        *byte = b'0' + digit;
        value /= 10;
    }
    out
}

/// Wagon `4` + six digits + Luhn digit (type 4: flat wagon).
fn wagon(serial: u64) -> Wagon1520Number {
    let mut bytes = [0u8; 8];
    bytes[0] = b'4';
    bytes[1..7].copy_from_slice(&digits::<6>(serial));
    bytes[7] = luhn_check_digit(&bytes[..7]);
    Wagon1520Number::from_bytes(bytes).expect("valid by construction")
}

/// Container `PSGU` + six digits + ISO 6346 check digit.
fn container(serial: u64) -> ContainerNumber {
    let mut bytes = [0u8; 11];
    bytes[..4].copy_from_slice(b"PSGU");
    bytes[4..10].copy_from_slice(&digits::<6>(serial));
    bytes[10] = iso6346_check_digit(&bytes[..10]).expect("letters and digits");
    ContainerNumber::from_bytes(bytes).expect("valid by construction")
}

/// A seal `SL` + seven digits + a letter.
fn seal(prefix: &[u8], serial: u64, letter: u8) -> Ident {
    let mut bytes = [0u8; 10];
    bytes[..2].copy_from_slice(prefix);
    bytes[2..9].copy_from_slice(&digits::<7>(serial));
    bytes[9] = letter;
    Ident::from_bytes(&bytes).expect("valid by construction")
}

/// `prefix` + `number` (decimal, no padding) + `suffix`, as an identifier; the caller keeps
/// the whole within an identifier's 32 characters (a number has at most 20 digits).
///
/// # Panics
///
/// If the parts make no valid identifier.
#[must_use]
pub fn numbered_ident(prefix: &[u8], number: u64, suffix: &[u8]) -> Ident {
    let all = digits::<20>(number);
    let start = all.iter().position(|&digit| digit != b'0').unwrap_or(all.len() - 1);
    let mut bytes = [0u8; 32];
    let mut length = 0;
    for part in [prefix, &all[start..], suffix] {
        bytes[length..length + part.len()].copy_from_slice(part);
        length += part.len();
    }
    Ident::from_bytes(&bytes[..length]).expect("valid by construction")
}

/// A stand-in commitment, distinct per unit, goods item and field.
fn stand_in(unit: u64, item: u32, field: u8) -> Commitment {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(b"sim-only");
    bytes[8..16].copy_from_slice(&unit.to_be_bytes());
    bytes[16..20].copy_from_slice(&item.to_be_bytes());
    bytes[20] = field;
    Commitment(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_core::testing;

    fn declared(recorded: &Recorded) -> &Declaration {
        match &recorded.statement {
            Statement::Declare(declaration) => declaration,
            other => panic!("not a declaration: {other:?}"),
        }
    }

    #[test]
    fn identifiers_match_the_core_testing_builders() {
        let route = testing::ident("AM-TRANSIT-RAIL");
        let mut train = DeclarationTemplate::new(route, TrafficClass::CargoRail, 3, 60_000);
        let built = testing::container_train("AM-TRANSIT-RAIL", 3, 3 * 7, &HS_CODES);
        let filled = declared(train.fill(7, Timestamp(0)));
        let ids = |d: &Declaration| d.equipment.iter().map(|e| e.id).collect::<Vec<_>>();
        let seals =
            |d: &Declaration| d.equipment.iter().map(|e| e.seals.clone()).collect::<Vec<_>>();
        assert_eq!(ids(filled), ids(&built));
        assert_eq!(seals(filled), seals(&built));
        assert_eq!(filled.goods.len(), 3);

        let route = testing::ident("AM-TRANSIT-ROAD");
        let mut truck = DeclarationTemplate::new(route, TrafficClass::CargoRoad, 1, 20_000);
        let built = testing::truck("AM-TRANSIT-ROAD", "TR1205", HS_CODES[1], 20_000);
        let filled = declared(truck.fill(1205, Timestamp(0)));
        assert_eq!(ids(filled), ids(&built));
        assert_eq!(seals(filled), seals(&built));
        assert_eq!(filled.goods[0].hs_code, built.goods[0].hs_code);
        let zero = declared(truck.fill(0, Timestamp(0))).equipment[0].id;
        assert_eq!(zero, EquipmentId::Truck(testing::ident("TR0")));
    }

    #[test]
    fn stand_in_commitments_differ_per_unit_and_item() {
        let route = testing::ident("AM-TRANSIT-RAIL");
        let mut train = DeclarationTemplate::new(route, TrafficClass::CargoRail, 2, 40_000);
        let description =
            |d: &Declaration| d.goods.iter().map(|g| g.description).collect::<Vec<_>>();
        let first = description(declared(train.fill(1, Timestamp(0))));
        let second = description(declared(train.fill(2, Timestamp(0))));
        assert_ne!(first[0], first[1]);
        assert_ne!(first[0], second[0]);
    }
}
