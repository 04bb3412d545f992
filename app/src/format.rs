//! Numbers and amounts the Dutch way.

/// `15414` → `15.414`.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `25.04, 1` → `25,0`: a decimal comma, no thousands separator.
pub fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

/// A whole percentage for a sentence: `24.6` → `25%`.
pub fn percent(x: f64) -> String {
    format!("{}%", x.round() as i64)
}

/// Cents as euros: `93293` → `€ 932,93`; whole euros without cents: `42000000` → `€ 420.000`.
pub fn euros(cents: u64) -> String {
    if cents.is_multiple_of(100) {
        format!("€ {}", number(cents / 100))
    } else {
        format!("€ {},{:02}", number(cents / 100), cents % 100)
    }
}

/// "1 woning", "12 woningen".
pub fn homes(n: u64) -> String {
    if n == 1 {
        "1 woning".to_owned()
    } else {
        format!("{} woningen", number(n))
    }
}

/// "1 project", "12 projecten".
pub fn projects(n: u64) -> String {
    if n == 1 {
        "1 project".to_owned()
    } else {
        format!("{} projecten", number(n))
    }
}

/// `2026-05-12` → `12 mei 2026`; anything else as it is.
pub fn date(iso: &str) -> String {
    const MONTHS: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else { return iso.to_owned() };
    match (year.parse::<u16>(), month.parse::<usize>(), day.parse::<u8>()) {
        (Ok(year), Ok(month @ 1..=12), Ok(day @ 1..=31)) if year >= 1000 => format!("{day} {} {year}", MONTHS[month - 1]),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_thousands_and_cents() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(15414), "15.414");
        assert_eq!(number(1234567), "1.234.567");
        assert_eq!(euros(93293), "€ 932,93");
        assert_eq!(euros(42_000_000), "€ 420.000");
        assert_eq!(homes(1), "1 woning");
        assert_eq!(projects(3), "3 projecten");
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(date("2026-05-12"), "12 mei 2026");
        assert_eq!(date("2026-01-01"), "1 januari 2026");
        assert_eq!(date("2026-13-01"), "2026-13-01");
        assert_eq!(date("onbekend"), "onbekend");
    }
}
