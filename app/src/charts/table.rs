//! The table under each chart, and the same table as CSV.
//!
//! The CSV is for a spreadsheet set to Dutch: `;` between fields, a decimal comma, no thousands
//! separator, and a byte-order mark so Excel reads the UTF-8.

use crate::format;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A share in percent.
    Percent(f64),
    /// No value (the source gives none).
    Empty,
}

impl Cell {
    /// As shown in the page's table.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => format::number(*n),
            Cell::Percent(p) => format!("{} %", format::decimal(*p, 1)),
            Cell::Empty => "–".to_owned(),
        }
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => csv_text(t),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => format::decimal(*p, 1),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub columns: Vec<String>,
    /// The first cell of each row names it.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Table { columns: columns.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(cells);
    }

    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = self.columns.iter().map(|c| csv_text(c)).collect();
        out.push_str(&header.join(";"));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::csv).collect();
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
        }
        out
    }
}

fn csv_text(text: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_for_a_dutch_spreadsheet() {
        let mut t = Table::new(["Regio", "Woningen", "Aandeel"]);
        t.row(vec![Cell::Text("Noord; \"oost\"".into()), Cell::Count(15414), Cell::Percent(66.666)]);
        t.row(vec![Cell::Text("=SUM(A1)".into()), Cell::Empty, Cell::Percent(30.0)]);
        assert_eq!(t.to_csv(), "\u{feff}Regio;Woningen;Aandeel\r\n\"Noord; \"\"oost\"\"\";15414;66,7\r\n'=SUM(A1);;30,0\r\n");
        assert_eq!(Cell::Count(15414).display(), "15.414");
        assert_eq!(Cell::Percent(25.04).display(), "25,0 %");
    }
}
