//! The charts' colours. The price-class colours are the stylesheet's (`.c-<slug>` in
//! `style/main.css`, checked by a test), so a class looks the same on the map and in a chart.

use domain::{DeveloperKind, PriceClass, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

pub fn class(class: PriceClass) -> Rgb {
    match class {
        PriceClass::SocialeHuur => Rgb(0x1b, 0x78, 0x37),
        PriceClass::MiddeldureHuur => Rgb(0x5a, 0xae, 0x61),
        PriceClass::DureHuur => Rgb(0xa6, 0xdb, 0xa0),
        PriceClass::BetaalbareKoop => Rgb(0x21, 0x66, 0xac),
        PriceClass::DureKoop => Rgb(0x76, 0x2a, 0x83),
        PriceClass::HuurOnbekend => Rgb(0x8c, 0x8c, 0x8c),
        PriceClass::KoopOnbekend => Rgb(0x6f, 0x6f, 0x9a),
        PriceClass::Onbekend => Rgb(0xbd, 0xbd, 0xbd),
    }
}

pub fn developer_kind(kind: DeveloperKind) -> Rgb {
    match kind {
        DeveloperKind::Corporatie => Rgb(0x1b, 0x78, 0x37),
        DeveloperKind::Marktpartij => Rgb(0x76, 0x2a, 0x83),
        DeveloperKind::Gemeente => Rgb(0x21, 0x66, 0xac),
        DeveloperKind::Cpo => Rgb(0xd9, 0x5f, 0x02),
        DeveloperKind::Onbekend => Rgb(0xbd, 0xbd, 0xbd),
    }
}

/// Plan capacity and its ends: soft, hard, delivered, fallen away.
pub fn stage(status: Status) -> Rgb {
    match status.capacity() {
        Some(domain::Capacity::Soft) => Rgb(0x9e, 0xca, 0xe1),
        Some(domain::Capacity::Hard) => Rgb(0x21, 0x66, 0xac),
        None if status == Status::Opgeleverd => Rgb(0x1b, 0x78, 0x37),
        None => Rgb(0xbd, 0xbd, 0xbd),
    }
}

pub const MET: Rgb = Rgb(0x1b, 0x78, 0x37);
pub const NOT_MET: Rgb = Rgb(0xb3, 0x58, 0x06);
pub const DELIVERED: Rgb = Rgb(0x1b, 0x78, 0x37);
pub const PIPELINE: Rgb = Rgb(0x21, 0x66, 0xac);
pub const PLANNED: Rgb = Rgb(0x9e, 0xca, 0xe1);
pub const INSIDE: Rgb = Rgb(0x5a, 0xae, 0x61);
pub const OUTSIDE: Rgb = Rgb(0xd9, 0x5f, 0x02);
pub const UNKNOWN: Rgb = Rgb(0xbd, 0xbd, 0xbd);
pub const SINGLE_FAMILY: Rgb = Rgb(0x76, 0x2a, 0x83);
pub const MULTI_FAMILY: Rgb = Rgb(0x21, 0x66, 0xac);
/// For the parts of a published series (one per region), in order.
pub const SEQUENCE: [Rgb; 6] =
    [Rgb(0x21, 0x66, 0xac), Rgb(0xd9, 0x5f, 0x02), Rgb(0x1b, 0x78, 0x37), Rgb(0x76, 0x2a, 0x83), Rgb(0x8c, 0x6d, 0x31), Rgb(0x6f, 0x6f, 0x9a)];
pub const INK: Rgb = Rgb(0x11, 0x18, 0x27);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_colours_are_the_stylesheets() {
        let css = include_str!("../../../style/main.css");
        for c in PriceClass::ALL {
            let rule = format!(".c-{} {{ background: {}; }}", c.slug(), class(*c).hex());
            assert!(css.contains(&rule), "style/main.css lacks `{rule}`");
        }
    }
}
