//! A CSV as a municipal official saves it from a spreadsheet: a header row with the fields of
//! [`super::record`] (in any order and case, `Sociale huur` or `sociale_huur`), `;` or `,`
//! between cells, UTF-8 with or without a byte order mark. Positions are WGS84 in the columns
//! `lengtegraad` and `breedtegraad`.

use super::record::{is_known, normalise, Placed, Record};
use domain::import::{Incoming, Problem, Problems, MAX_PROJECTS};
use domain::{MunicipalityCode, Province};
use serde_json::Value;
use std::collections::BTreeMap;

/// The most cells a row may have: every known column once, and room for a spreadsheet's empty
/// columns at the end. Wider rows are garbage, and reading one would take memory per cell.
pub const MAX_CELLS: usize = 200;
/// The longest cell, in bytes: the longest text (a description of
/// [`domain::import::MAX_DESCRIPTION`] characters) at four bytes a character, and some.
pub const MAX_CELL_BYTES: usize = 20_000;

pub fn read(bytes: &[u8], province: &Province, writer: &MunicipalityCode) -> (Vec<Incoming>, Problems) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') >= count(b',') { b';' } else { b',' };
    let mut problems = Problems::new();
    if let Some(problem) = out_of_shape(bytes, delimiter) {
        problems.push(problem);
        return (Vec::new(), problems);
    }
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(bytes);

    let mut records = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut row = csv::ByteRecord::new();
    let mut rows = 0;
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
        // A project beyond the most a delivery may hold: said once, and nothing more is read.
        if rows == MAX_PROJECTS {
            problems.push(Problem::new(&label, "bestand", format!("een levering heeft hooguit {MAX_PROJECTS} projecten")));
            break;
        }
        rows += 1;
        if cells.len() != names.len() {
            problems.push(Problem::new(&label, "bestand", format!("{} cellen, de kopregel heeft er {}", cells.len(), names.len())));
            continue;
        }
        let fields: BTreeMap<String, Value> = names.iter().cloned().zip(cells.into_iter().map(Value::String)).filter(|(name, _)| is_known(name)).collect();
        match Record::new(label, fields, province, writer).read(Placed::InFields) {
            Ok(incoming) => records.push(incoming),
            Err(found) => problems.extend(found),
        }
    }
    if header.is_none() {
        problems.push(Problem::new("regel 1", "bestand", "het bestand is leeg"));
    }
    (records, problems)
}

/// The first row with more than [`MAX_CELLS`] cells or a cell of more than [`MAX_CELL_BYTES`],
/// if any, found as the CSV reader splits the file (quotes included) without keeping any of it:
/// reading such a row would take memory in proportion to the garbage.
fn out_of_shape(bytes: &[u8], delimiter: u8) -> Option<Problem> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut rest = bytes;
    let mut discard = [0u8; 4096];
    let (mut cells, mut cell_bytes, mut line) = (0usize, 0usize, reader.line());
    loop {
        let (result, read, written) = reader.read_field(rest, &mut discard);
        rest = &rest[read..];
        cell_bytes += written;
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                cells += 1;
                if cell_bytes > MAX_CELL_BYTES {
                    return Some(Problem::new(
                        format!("regel {line}"),
                        format!("kolom {cells}"),
                        format!("een cel van {cell_bytes} bytes; de langste tekst is {} tekens", domain::import::MAX_DESCRIPTION),
                    ));
                }
                cell_bytes = 0;
                if record_end {
                    if cells > MAX_CELLS {
                        return Some(Problem::new(format!("regel {line}"), "bestand", format!("{cells} cellen; een regel heeft er hooguit {MAX_CELLS}")));
                    }
                    cells = 0;
                    line = reader.line();
                }
            }
            csv_core::ReadFieldResult::End => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_out_of_shape_are_found_without_reading_them() {
        let reason = |csv: &str| out_of_shape(csv.as_bytes(), b';').map(|p| format!("{}, {}: {}", p.record, p.field, p.reason));
        assert_eq!(reason("id;naam\n1;a\n"), None);
        let wide = format!("id;naam\n1;a\n{}\n", ";".repeat(MAX_CELLS));
        assert_eq!(reason(&wide).unwrap(), "regel 3, bestand: 201 cellen; een regel heeft er hooguit 200");
        // Inside quotes a delimiter is text, as the CSV reader reads it.
        let quoted = format!("id;naam\n1;\"{}\"\n", ";".repeat(10 * MAX_CELLS));
        assert_eq!(reason(&quoted), None);
        // A quote in the middle of a cell is text: the cells after it still count.
        let late_quote = format!("a\";{}", ";".repeat(MAX_CELLS));
        assert_eq!(reason(&late_quote).unwrap(), "regel 1, bestand: 202 cellen; een regel heeft er hooguit 200");
        let long = format!("id;naam\n1;{}\n", "é".repeat(MAX_CELL_BYTES));
        assert_eq!(reason(&long).unwrap(), "regel 2, kolom 2: een cel van 40000 bytes; de langste tekst is 4000 tekens");
    }

    #[test]
    fn a_delivery_may_hold_the_most_projects_and_not_one_more() {
        let province = crate::config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/drenthe/provincie.toml")).unwrap().province;
        let fixture = include_str!("../../tests/fixtures/emmen.csv").trim_start_matches('\u{feff}');
        let (header, row) = (fixture.lines().next().unwrap(), fixture.lines().nth(1).unwrap());
        let file = |n: usize| (0..n).fold(format!("{header}\n"), |f, i| f + &row.replacen("1;", &format!("{i};"), 1) + "\n");
        let (records, problems) = read(file(MAX_PROJECTS).as_bytes(), &province, &"GM0114".into());
        assert_eq!((records.len(), problems.len()), (MAX_PROJECTS, 0));
        let (_, problems) = read((file(MAX_PROJECTS) + "\n\n").as_bytes(), &province, &"GM0114".into());
        assert_eq!(problems.len(), 0, "empty lines after the last are no project");
        let (_, problems) = read(file(MAX_PROJECTS + 1).as_bytes(), &province, &"GM0114".into());
        let problem = &problems.shown()[0];
        assert_eq!((problem.record.as_str(), problem.reason.as_str()), ("regel 10002", "een levering heeft hooguit 10000 projecten"));
    }
}
