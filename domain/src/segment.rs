//! Price classes (the segments the housing reports use) and homes per class.

use serde::{Deserialize, Serialize};

labelled_enum! {
    /// The five price classes of the housing deals, and the three "unknown" classes the
    /// Planmonitor Wonen uses when a plan's tenure or price is not yet decided. The euro limits
    /// change every year and live in the province configuration ([`crate::PriceLimits`]).
    pub enum PriceClass {
        SocialeHuur => ("sociale-huur", "Sociale huur"),
        MiddeldureHuur => ("middeldure-huur", "Middeldure huur"),
        DureHuur => ("dure-huur", "Dure huur"),
        BetaalbareKoop => ("betaalbare-koop", "Betaalbare koop"),
        DureKoop => ("dure-koop", "Dure koop"),
        HuurOnbekend => ("huur-onbekend", "Huur, prijsklasse onbekend"),
        KoopOnbekend => ("koop-onbekend", "Koop, prijsklasse onbekend"),
        Onbekend => ("onbekend", "Huur of koop onbekend"),
    }
}

/// How many price classes there are, known and unknown.
pub const CLASS_COUNT: usize = 8;

labelled_enum! {
    /// Rental or owner-occupied.
    pub enum Tenure {
        Huur => ("huur", "Huur"),
        Koop => ("koop", "Koop"),
    }
}

impl PriceClass {
    /// Position in [`SegmentCounts`] and in `ALL`.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Rental or owner-occupied; `None` when even that is not known.
    pub const fn tenure(self) -> Option<Tenure> {
        match self {
            PriceClass::SocialeHuur | PriceClass::MiddeldureHuur | PriceClass::DureHuur | PriceClass::HuurOnbekend => Some(Tenure::Huur),
            PriceClass::BetaalbareKoop | PriceClass::DureKoop | PriceClass::KoopOnbekend => Some(Tenure::Koop),
            PriceClass::Onbekend => None,
        }
    }

    /// What the class means, for residents; the euro limits are the province's, per year.
    pub const fn explanation(self) -> &'static str {
        match self {
            PriceClass::SocialeHuur => "Huurwoningen met een huur tot de grens voor sociale huur (de liberalisatiegrens), meestal van een woningcorporatie en voor huishoudens met een lager inkomen.",
            PriceClass::MiddeldureHuur => "Huurwoningen met een huur boven de sociale huur, tot de grens voor middenhuur.",
            PriceClass::DureHuur => "Huurwoningen met een huur boven de grens voor middenhuur (de vrije sector).",
            PriceClass::BetaalbareKoop => "Koopwoningen met een prijs tot de grens voor betaalbare koop.",
            PriceClass::DureKoop => "Koopwoningen met een prijs boven de grens voor betaalbare koop.",
            PriceClass::HuurOnbekend => "Huurwoningen waarvan de huur nog niet vaststaat.",
            PriceClass::KoopOnbekend => "Koopwoningen waarvan de prijs nog niet vaststaat.",
            PriceClass::Onbekend => "Woningen waarvan nog niet vaststaat of ze verhuurd of verkocht worden.",
        }
    }

    /// Whether the class is one of the five the housing deals define (not an "unknown").
    pub const fn is_known(self) -> bool {
        !matches!(self, PriceClass::HuurOnbekend | PriceClass::KoopOnbekend | PriceClass::Onbekend)
    }
}

/// A set of price classes, as a bit mask; cheap to copy and to test on a hot path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClassSet(u8);

impl ClassSet {
    pub const ALL: ClassSet = ClassSet(0b1111_1111);
    pub const EMPTY: ClassSet = ClassSet(0);

    pub fn of(classes: impl IntoIterator<Item = PriceClass>) -> Self {
        classes.into_iter().fold(Self::EMPTY, |set, class| set.with(class))
    }

    pub fn tenure(tenure: Tenure) -> Self {
        Self::of(PriceClass::ALL.iter().copied().filter(|c| c.tenure() == Some(tenure)))
    }

    pub const fn with(self, class: PriceClass) -> Self {
        ClassSet(self.0 | 1 << class.index())
    }

    pub const fn contains(self, class: PriceClass) -> bool {
        self.0 & (1 << class.index()) != 0
    }

    pub const fn intersect(self, other: ClassSet) -> Self {
        ClassSet(self.0 & other.0)
    }

    pub const fn union(self, other: ClassSet) -> Self {
        ClassSet(self.0 | other.0)
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = PriceClass> {
        PriceClass::ALL.iter().copied().filter(move |c| self.contains(*c))
    }
}

/// Homes per price class, in the order of [`PriceClass::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SegmentCounts(pub [u32; CLASS_COUNT]);

impl SegmentCounts {
    pub fn get(&self, class: PriceClass) -> u32 {
        self.0[class.index()]
    }

    pub fn set(&mut self, class: PriceClass, homes: u32) {
        self.0[class.index()] = homes;
    }

    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    /// Homes in the given classes only.
    pub fn in_classes(&self, classes: ClassSet) -> u32 {
        classes.iter().map(|c| self.get(c)).sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = (PriceClass, u32)> + '_ {
        PriceClass::ALL.iter().map(|c| (*c, self.get(*c)))
    }

    /// The class with the most homes among `classes` (the first on a tie), if any has homes.
    pub fn main_class(&self, classes: ClassSet) -> Option<PriceClass> {
        classes.iter().filter(|c| self.get(*c) > 0).max_by_key(|c| (self.get(*c), std::cmp::Reverse(c.index())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for class in PriceClass::ALL {
            assert_eq!(PriceClass::from_slug(class.slug()), Some(*class));
        }
        assert_eq!(PriceClass::from_slug("sociaal"), None);
    }

    #[test]
    fn tenure_sets_partition_the_classes() {
        let huur = ClassSet::tenure(Tenure::Huur);
        let koop = ClassSet::tenure(Tenure::Koop);
        assert!(huur.intersect(koop).is_empty());
        assert_eq!(huur.iter().count() + koop.iter().count(), 7);
        assert!(!huur.union(koop).contains(PriceClass::Onbekend));
        assert!(huur.contains(PriceClass::DureHuur));
        assert!(koop.contains(PriceClass::BetaalbareKoop));
    }

    #[test]
    fn homes_in_classes() {
        // Beilen Havengebied: 43 sociale huur + 12 betaalbare koop.
        let mut homes = SegmentCounts::default();
        homes.set(PriceClass::SocialeHuur, 43);
        homes.set(PriceClass::BetaalbareKoop, 12);
        assert_eq!(homes.total(), 55);
        assert_eq!(homes.in_classes(ClassSet::tenure(Tenure::Huur)), 43);
        assert_eq!(homes.in_classes(ClassSet::of([PriceClass::DureKoop])), 0);
    }

    #[test]
    fn serde_uses_slugs() {
        let json = serde_json::to_string(&PriceClass::MiddeldureHuur).unwrap();
        assert_eq!(json, "\"middeldure-huur\"");
    }
}
