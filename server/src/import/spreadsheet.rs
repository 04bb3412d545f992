//! A CSV as a municipal official saves it from a spreadsheet: a header row with the fields of
//! [`super::record`] (in any order and case, `Sociale huur` or `sociale_huur`), `;` or `,`
//! between cells, UTF-8 with or without a byte order mark. Positions are WGS84 in the columns
//! `lengtegraad` and `breedtegraad`.

use super::record::{is_known, normalise, Placed, Record};
use domain::import::{Incoming, Problem};
use domain::{MunicipalityCode, Province};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn read(bytes: &[u8], province: &Province, writer: &MunicipalityCode) -> (Vec<Incoming>, Vec<Problem>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') >= count(b',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(bytes);

    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut row = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem::new(format!("regel {line}"), "bestand", format!("onleesbare CSV: {e}")));
                break;
            }
        }
        let label = format!("regel {line}");
        let cells = match row.iter().map(|c| std::str::from_utf8(c).map(str::to_owned)).collect::<Result<Vec<String>, _>>() {
            Ok(cells) => cells,
            Err(_) => {
                problems.push(Problem::new(label, "bestand", "geen UTF-8: sla het bestand op als 'CSV UTF-8'"));
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(names) = &header else {
            let names: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
            for (name, original) in names.iter().zip(&cells) {
                if !is_known(name) {
                    problems.push(Problem::new(&label, original.trim(), "onbekende kolom"));
                }
            }
            let mut seen = std::collections::HashSet::new();
            for (name, original) in names.iter().zip(&cells) {
                if !seen.insert(name) {
                    problems.push(Problem::new(&label, original.trim(), "staat twee keer in de kopregel"));
                }
            }
            if !names.iter().any(|n| n == "id") {
                problems.push(Problem::new(&label, "id", "de kopregel heeft geen kolom 'id'"));
            }
            header = Some(names);
            continue;
        };
        if cells.len() != names.len() {
            problems.push(Problem::new(&label, "bestand", format!("{} cellen, de kopregel heeft er {}", cells.len(), names.len())));
            continue;
        }
        let fields: BTreeMap<String, Value> =
            names.iter().cloned().zip(cells.into_iter().map(Value::String)).filter(|(name, _)| is_known(name)).collect();
        match Record::new(label, fields, province, writer).read(Placed::InFields) {
            Ok(incoming) => records.push(incoming),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if header.is_none() {
        problems.push(Problem::new("regel 1", "bestand", "het bestand is leeg"));
    }
    (records, problems)
}
