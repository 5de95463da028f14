//! The declaration file of `passage declare` and `passage amend` (TOML or JSON): its
//! fields, and the checks that turn it into a core `Declaration`, committing to its
//! confidential parts. It depends on the core, serde and the salt's randomness only, so
//! the fuzz targets (`crates/fuzz-targets`) compile this one file rather than the binary.

use crate::language::tr;
use anyhow::{Context, Result, anyhow, bail};
use passage_core::ids::{UicWagonNumber, Wagon1520Number};
use passage_core::statement::{
    ContainerSize, Declaration, Equipment, EquipmentId, GoodsItem, ProcedureParticulars,
    TrafficClass, TransportDocument, TransportDocumentKind,
};
use passage_core::{Commitment, ContainerNumber, CountryCode, HsCode, Ident};
use rand_core::RngCore as _;
use serde::{Deserialize, Serialize};

/// A declaration as written in a TOML or JSON file. Confidential parts (the consignee, each
/// goods item's description and value) are given in clear here and only their salted
/// commitments are signed; `--openings` keeps the salts to show them later.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclarationFile {
    /// The route's identifier in the corridor.
    pub route: String,
    /// `cargo_rail`, `cargo_road` or `passengers`.
    pub traffic_class: String,
    /// Passengers carried.
    #[serde(default)]
    pub passengers: u32,
    /// The consignee (confidential).
    #[serde(default)]
    pub consignee: String,
    /// Transport equipment.
    pub equipment: Vec<EquipmentFile>,
    /// Goods items.
    #[serde(default)]
    pub goods: Vec<GoodsFile>,
    /// The holder of the transit procedure (its EORI or TIN), if declared.
    pub holder: Option<String>,
    /// Transport documents (given with a holder).
    #[serde(default)]
    pub transport_documents: Vec<TransportDocumentFile>,
    /// The driver's name and licence (confidential; road, with a holder).
    pub driver: Option<String>,
    /// The reference of the guarantee (issued to the declaring carrier) that secures the
    /// goods' duties, if any.
    #[serde(default)]
    pub guarantee: Option<String>,
}

/// A transport document in a declaration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportDocumentFile {
    /// `cmr`, `cim`, `smgs` or `cim_smgs`.
    pub kind: String,
    /// The document's number.
    pub number: String,
}

/// One piece of equipment in a declaration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentFile {
    /// `container`, `uic_wagon`, `wagon_1520`, `truck` or `trailer`.
    pub kind: String,
    /// ISO 6346 container number, UIC or 1520 mm wagon number, or plate.
    pub id: String,
    /// Container length: `20ft`, `40ft` or `45ft` (containers only).
    pub size: Option<String>,
    /// Seals affixed.
    #[serde(default)]
    pub seals: Vec<String>,
}

/// One goods item in a declaration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsFile {
    /// The `id` of the equipment carrying it.
    pub equipment: String,
    /// HS code with its edition, as `2022:080810`.
    pub hs_code: String,
    /// Gross mass in kilograms.
    pub gross_mass_kg: u64,
    /// Country of origin (ISO 3166 alpha-2).
    pub origin: String,
    /// Description (confidential).
    #[serde(default)]
    pub description: String,
    /// Value, as `12000 USD` (confidential).
    #[serde(default)]
    pub value: String,
}

/// A commitment's opening: what was committed and the salt, to show an inspector later.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opening {
    /// What the payload is (`consignee`, `goods 1 description`, ...).
    pub what: String,
    /// The commitment's field as the node names it (`consignee`, `goods/0/description`, ...).
    pub field: String,
    /// The payload as committed, when it is text (UTF-8); empty for a binary payload.
    pub payload: String,
    /// A binary payload as committed (a photograph, a scanned document), base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_base64: Option<String>,
    /// The salt, 64 hexadecimal digits.
    pub salt: String,
    /// The commitment, 64 hexadecimal digits.
    pub commitment: String,
}

/// Commits to confidential payloads with fresh random salts and keeps their openings.
#[derive(Default)]
pub(crate) struct Committer {
    pub(crate) openings: Vec<Opening>,
}

impl Committer {
    pub(crate) fn commit(
        &mut self,
        what: impl Into<String>,
        field: String,
        payload: &str,
    ) -> Commitment {
        let mut salt = [0u8; 32];
        rand_core::OsRng.fill_bytes(&mut salt);
        let commitment = Commitment::compute(&salt, payload.as_bytes());
        self.openings.push(Opening {
            what: what.into(),
            field,
            payload: payload.to_owned(),
            payload_base64: None,
            salt: hex::encode(salt),
            commitment: hex::encode(commitment.0),
        });
        commitment
    }
}

pub(crate) fn enum_word<T: Copy>(
    field: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    word: fn(T) -> &'static str,
) -> Result<T> {
    parse(text).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|value| word(*value)).collect();
        anyhow!(tr!("cli-not-one-of", field = field, text = text, known = known.join(", ")))
    })
}

/// Parses equipment written `KIND:ID` or `KIND ID` (as `passage movement` prints it).
pub fn parse_equipment_id(text: &str) -> Result<EquipmentId> {
    let (kind, id) = text
        .split_once([':', ' '])
        .with_context(|| tr!("cli-declaration-equipment-id", text = text))?;
    equipment_id(kind.trim(), id.trim())
}

fn equipment_id(kind: &str, id: &str) -> Result<EquipmentId> {
    Ok(match kind {
        "container" => EquipmentId::Container(ContainerNumber::parse(id)?),
        // `passage movement` prints both wagon kinds as `wagon`; the length tells them apart.
        "uic_wagon" => EquipmentId::UicWagon(UicWagonNumber::parse(id)?),
        "wagon_1520" => EquipmentId::Wagon1520(Wagon1520Number::parse(id)?),
        "wagon" if id.len() == 12 => EquipmentId::UicWagon(UicWagonNumber::parse(id)?),
        "wagon" => EquipmentId::Wagon1520(Wagon1520Number::parse(id)?),
        "truck" => EquipmentId::Truck(Ident::parse(id)?),
        "trailer" => EquipmentId::Trailer(Ident::parse(id)?),
        other => bail!(tr!("cli-declaration-equipment-kind", kind = other)),
    })
}

impl DeclarationFile {
    /// Reads a declaration file written in TOML.
    pub fn from_toml(text: &str) -> Result<DeclarationFile> {
        Ok(toml::from_str(text)?)
    }

    /// Reads a declaration file written in JSON.
    pub fn from_json(text: &str) -> Result<DeclarationFile> {
        Ok(serde_json::from_str(text)?)
    }
    /// Checks every field (check digits, codes, references) and builds the declaration,
    /// committing to its confidential parts.
    pub(crate) fn build(&self, committer: &mut Committer) -> Result<Declaration> {
        let route = Ident::parse(&self.route).with_context(|| tr!("cli-declaration-route"))?;
        let traffic_class = enum_word(
            "traffic_class",
            &self.traffic_class,
            TrafficClass::parse,
            TrafficClass::ALL,
            TrafficClass::as_str,
        )?;
        if self.equipment.is_empty() {
            bail!(tr!("cli-declaration-no-equipment"));
        }
        let mut equipment = Vec::with_capacity(self.equipment.len());
        for (number, item) in self.equipment.iter().enumerate() {
            let position = number + 1;
            let id = equipment_id(&item.kind, &item.id)
                .with_context(|| tr!("cli-declaration-equipment", position = position))?;
            let container_size = match (&id, &item.size) {
                (EquipmentId::Container(_), Some(size)) => Some(enum_word(
                    &tr!("cli-declaration-equipment-size", position = position),
                    size,
                    ContainerSize::parse,
                    ContainerSize::ALL,
                    ContainerSize::as_str,
                )?),
                (EquipmentId::Container(_), None) => bail!(tr!(
                    "cli-declaration-container-size",
                    position = position,
                    id = id.to_string()
                )),
                (_, Some(_)) => bail!(tr!(
                    "cli-declaration-not-a-container",
                    position = position,
                    id = id.to_string()
                )),
                (_, None) => None,
            };
            let seals = item
                .seals
                .iter()
                .map(|seal| {
                    Ident::parse(seal)
                        .with_context(|| tr!("cli-declaration-equipment-seal", position = position))
                })
                .collect::<Result<Vec<_>>>()?;
            equipment.push(Equipment { id, container_size, seals });
        }
        let mut goods = Vec::with_capacity(self.goods.len());
        for (number, item) in self.goods.iter().enumerate() {
            let position = number + 1;
            let equipment_index = self
                .equipment
                .iter()
                .position(|candidate| candidate.id == item.equipment)
                .with_context(|| {
                    tr!(
                        "cli-declaration-goods-equipment",
                        position = position,
                        equipment = item.equipment.as_str()
                    )
                })?;
            goods.push(GoodsItem {
                equipment_index: u16::try_from(equipment_index)
                    .with_context(|| tr!("cli-declaration-equipment", position = position))?,
                hs_code: HsCode::parse(&item.hs_code)
                    .with_context(|| tr!("cli-declaration-goods-hs-code", position = position))?,
                gross_mass_kg: item.gross_mass_kg,
                origin: CountryCode::parse(&item.origin)
                    .with_context(|| tr!("cli-declaration-goods-origin", position = position))?,
                description: committer.commit(
                    format!("goods {position} description"),
                    format!("goods/{number}/description"),
                    &item.description,
                ),
                value: committer.commit(
                    format!("goods {position} value"),
                    format!("goods/{number}/value"),
                    &item.value,
                ),
            });
        }
        Ok(Declaration {
            route,
            traffic_class,
            equipment,
            goods,
            passenger_count: self.passengers,
            consignee: committer.commit("consignee", "consignee".into(), &self.consignee),
            particulars: self.particulars(committer)?,
            guarantee: match &self.guarantee {
                None => None,
                Some(text) => {
                    Some(Ident::parse(text).with_context(|| tr!("cli-declaration-guarantee"))?)
                }
            },
        })
    }

    /// The holder, transport documents and driver, if a holder is given.
    fn particulars(&self, committer: &mut Committer) -> Result<Option<ProcedureParticulars>> {
        let Some(holder) = &self.holder else {
            if !self.transport_documents.is_empty() || self.driver.is_some() {
                bail!(tr!("cli-declaration-particulars-without-holder"));
            }
            return Ok(None);
        };
        let mut transport_documents = Vec::with_capacity(self.transport_documents.len());
        for (number, document) in self.transport_documents.iter().enumerate() {
            let position = number + 1;
            transport_documents.push(TransportDocument {
                kind: enum_word(
                    &tr!("cli-declaration-document-kind", position = position),
                    &document.kind,
                    TransportDocumentKind::parse,
                    TransportDocumentKind::ALL,
                    TransportDocumentKind::as_str,
                )?,
                number: Ident::parse(&document.number)
                    .with_context(|| tr!("cli-declaration-document-number", position = position))?,
            });
        }
        Ok(Some(ProcedureParticulars {
            holder: Ident::parse(holder).with_context(|| tr!("cli-declaration-holder"))?,
            transport_documents,
            driver: self
                .driver
                .as_ref()
                .map(|driver| committer.commit("driver", "driver".into(), driver)),
        }))
    }
}
