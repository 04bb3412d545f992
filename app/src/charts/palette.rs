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
        PriceClass::SocialeHuur => Rgb(0x06, 0x23, 0x5c),
        PriceClass::MiddeldureHuur => Rgb(0x52, 0x73, 0xe3),
        PriceClass::DureHuur => Rgb(0x00, 0x91, 0x66),
        PriceClass::BetaalbareKoop => Rgb(0xab, 0x66, 0x05),
        PriceClass::DureKoop => Rgb(0x76, 0x00, 0x42),
        PriceClass::HuurOnbekend => Rgb(0x7a, 0x6c, 0x92),
        PriceClass::KoopOnbekend => Rgb(0x5a, 0x45, 0x05),
        PriceClass::Onbekend => Rgb(0x10, 0x00, 0x00),
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

    /// The map's own background (`.map` in `style/main.css`), under every marker.
    const MAP_BACKGROUND: Rgb = Rgb(0xee, 0xf2, 0xf3);

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn luminance(rgb: [f64; 3]) -> f64 {
        0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    }

    /// WCAG's contrast ratio.
    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let l = |c: Rgb| luminance([linear(c.0), linear(c.1), linear(c.2)]);
        let (hi, lo) = if l(a) > l(b) { (l(a), l(b)) } else { (l(b), l(a)) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// How a colour looks with a colour vision deficiency (Machado, Oliveira and Fernandes 2009,
    /// full severity), in CIE L*a*b*.
    fn seen(c: Rgb, matrix: &[[f64; 3]; 3]) -> [f64; 3] {
        let rgb = [linear(c.0), linear(c.1), linear(c.2)];
        let m = |row: &[f64; 3]| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0);
        let [r, g, b] = [m(&matrix[0]), m(&matrix[1]), m(&matrix[2])];
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        let (x, y, z) = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, luminance([r, g, b]), (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    #[test]
    fn every_class_stands_out_on_the_map_and_from_the_others_for_colour_blind_readers() {
        let css = include_str!("../../../style/main.css");
        assert!(css.contains(&format!("background: {}; contain: strict;", MAP_BACKGROUND.hex())), "the map's background is {}", MAP_BACKGROUND.hex());
        for c in PriceClass::ALL {
            let ratio = contrast(class(*c), MAP_BACKGROUND);
            assert!(ratio >= 3.0, "{} has {ratio:.2}:1 against the map", c.label());
        }
        let vision: [(&str, [[f64; 3]; 3]); 4] = [
            ("normaal", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
            ("deuteranopie", [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
            ("protanopie", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
            ("tritanopie", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
        ];
        for (name, matrix) in &vision {
            for (i, a) in PriceClass::ALL.iter().enumerate() {
                for b in &PriceClass::ALL[i + 1..] {
                    let (la, lb) = (seen(class(*a), matrix), seen(class(*b), matrix));
                    let distance = ((la[0] - lb[0]).powi(2) + (la[1] - lb[1]).powi(2) + (la[2] - lb[2]).powi(2)).sqrt();
                    // ΔE 15: two colours that no reader takes for one.
                    assert!(distance >= 15.0, "{} and {} are {distance:.1} apart with {name}", a.label(), b.label());
                }
            }
        }
    }

    #[test]
    fn class_colours_are_the_stylesheets() {
        let css = include_str!("../../../style/main.css");
        for c in PriceClass::ALL {
            let rule = format!(".c-{} {{ background: {}; }}", c.slug(), class(*c).hex());
            assert!(css.contains(&rule), "style/main.css lacks `{rule}`");
        }
    }
}
