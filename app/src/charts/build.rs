//! From the domain's figures to charts: which numbers each chart shows, its sentence and its
//! table. The page, the SVG, the canvas and the CSV all start here.

use super::{palette, Cell, Chart, Mark, Orientation, Series, Table, Unit};
use crate::format::{homes, number, percent};
use domain::stats::{percent as share, AreaStats};
use domain::{Area, DeveloperKind, PriceClass, Province, PublishedSeries, Status};

/// Every chart for an area, in page order.
pub fn all(stats: &AreaStats, province: &Province) -> Vec<Chart> {
    let mut charts = project_charts(stats);
    charts.extend(published(stats, province));
    charts
}

/// The charts of the figures derived from projects (they follow the filters).
pub fn project_charts(stats: &AreaStats) -> Vec<Chart> {
    let mut charts = compact(stats);
    if !stats.parts.is_empty() {
        charts.push(parts(stats));
    }
    charts.push(pipeline(stats));
    charts.push(form_and_location(stats));
    charts.push(developers(stats));
    charts
}

/// The regions' [`compact`] charts, each kind on one value scale: the largest region's.
pub fn side_by_side(regions: &[AreaStats]) -> Vec<Vec<Chart>> {
    let mut all: Vec<Vec<Chart>> = regions.iter().map(compact).collect();
    let mut largest: std::collections::HashMap<String, f64> = std::collections::HashMap::new();
    for chart in all.iter().flatten().filter(|c| c.unit == Unit::Homes) {
        let top = largest.entry(chart.id.clone()).or_insert(0.0);
        *top = top.max(chart.max_value());
    }
    for chart in all.iter_mut().flatten() {
        chart.scale_max = largest.get(&chart.id).copied();
    }
    all
}

/// The charts shown per region when the regions stand side by side. A province without norms
/// or targets in its configuration gets no chart of them.
pub fn compact(stats: &AreaStats) -> Vec<Chart> {
    let mut charts = vec![by_year(stats)];
    if !stats.norms.is_empty() {
        charts.push(norms(stats));
    }
    if !stats.targets.is_empty() {
        charts.push(targets(stats));
    }
    charts
}

/// One chart by its id, for the CSV download.
pub fn find(stats: &AreaStats, province: &Province, id: &str) -> Option<Chart> {
    all(stats, province).into_iter().find(|c| c.id == id)
}

fn present_classes(stats: &AreaStats) -> Vec<PriceClass> {
    PriceClass::ALL.iter().copied().filter(|c| stats.summary.class(*c) > 0).collect()
}

/// 1. Homes by (expected) delivery year, stacked by price class.
pub fn by_year(s: &AreaStats) -> Chart {
    let years: Vec<u16> = s.summary.by_year.keys().copied().collect();
    let classes: Vec<PriceClass> = PriceClass::ALL.iter().copied().filter(|c| s.summary.by_year.values().any(|row| row[c.index()] > 0)).collect();
    let series = classes
        .iter()
        .map(|c| Series {
            name: c.label().to_owned(),
            colour: palette::class(*c),
            values: s.summary.by_year.values().map(|row| row[c.index()] as f64).collect(),
        })
        .collect();
    let mut table = Table::new(std::iter::once("Jaar".to_owned()).chain(classes.iter().map(|c| c.label().to_owned())).chain(["Totaal".to_owned()]));
    let mut total = 0;
    let mut peak = (0u16, 0u64);
    for (year, row) in &s.summary.by_year {
        let sum: u64 = row.iter().sum();
        total += sum;
        if sum > peak.1 {
            peak = (*year, sum);
        }
        let mut cells = vec![Cell::Text(year.to_string())];
        cells.extend(classes.iter().map(|c| Cell::Count(row[c.index()])));
        cells.push(Cell::Count(sum));
        table.row(cells);
    }
    let summary = match (years.first(), years.last()) {
        (Some(first), Some(last)) if total > 0 => format!(
            "{} telt {} met een (verwacht) opleverjaar van {first} tot en met {last}; de meeste in {} ({}).{}",
            s.name,
            homes(total),
            peak.0,
            number(peak.1),
            if s.summary.without_year > 0 { format!(" Nog {} hebben geen jaar.", homes(s.summary.without_year)) } else { String::new() }
        ),
        _ => format!("{} telt bij deze filters geen woningen met een opleverjaar.", s.name),
    };
    Chart {
        id: "oplevering".into(),
        title: "Woningen per opleverjaar".into(),
        summary,
        note: Some("Opgeleverde projecten staan bij hun opleverjaar, de andere bij het verwachte jaar; afgevallen plannen tellen niet mee.".into()),
        orientation: Orientation::Columns,
        unit: Unit::Homes,
        category_label: "Opleverjaar".into(),
        value_label: "Woningen".into(),
        categories: years.iter().map(u16::to_string).collect(),
        series,
        marks: Vec::new(),
        table,
        scale_max: None,
    }
}

/// Whether a norm is met: "niet te toetsen" without a single home of known price class, rather
/// than a "nee" that the chart's sentence contradicts.
fn verdict(n: &domain::stats::NormCheck) -> &'static str {
    match (n.known, n.met) {
        (0, _) => NOT_TESTABLE,
        (_, true) => "ja",
        (_, false) => "nee",
    }
}

/// What a norm without homes of known price class gets instead of a yes or no.
pub const NOT_TESTABLE: &str = "niet te toetsen";

/// 2. The price-class mix against the norms.
pub fn norms(s: &AreaStats) -> Chart {
    let met = |m: bool| s.norms.iter().map(|n| if n.met == m { n.percent() } else { 0.0 }).collect();
    let mut table = Table::new(["Norm", "Woningen", "Met bekende prijsklasse", "Aandeel", "Minimaal", "Voldoet"]);
    for n in &s.norms {
        table.row(vec![
            Cell::Text(n.norm.label.clone()),
            Cell::Count(n.homes),
            Cell::Count(n.known),
            Cell::Percent(n.percent()),
            Cell::Percent(n.norm.minimum.percent()),
            Cell::Text(verdict(n).into()),
        ]);
    }
    let known = s.norms.first().map_or(0, |n| n.known);
    let summary = if known == 0 {
        format!("{} heeft bij deze filters geen woningen met een bekende prijsklasse; de normen zijn niet te toetsen.", s.name)
    } else {
        let parts: Vec<String> = s
            .norms
            .iter()
            .map(|n| {
                format!(
                    "{} {} — {} de norm van {}",
                    percent(n.percent()),
                    n.norm.label.to_lowercase(),
                    if n.met { "voldoet aan" } else { "onder" },
                    n.norm.minimum
                )
            })
            .collect();
        format!("{} plant {} met een bekende prijsklasse, waarvan {}.", s.name, homes(known), join_and(&parts))
    };
    Chart {
        id: "normen".into(),
        title: "Prijsklassen tegen de normen".into(),
        summary,
        note: Some("Aandeel van de woningen waarvan de prijsklasse bekend is. De streep is de norm.".into()),
        orientation: Orientation::Bars,
        unit: Unit::Percent,
        category_label: "Norm".into(),
        value_label: "Aandeel (%)".into(),
        categories: s.norms.iter().map(|n| n.norm.label.clone()).collect(),
        series: vec![
            Series { name: "Voldoet aan de norm".into(), colour: palette::MET, values: met(true) },
            Series { name: "Onder de norm".into(), colour: palette::NOT_MET, values: met(false) },
        ],
        marks: s
            .norms
            .iter()
            .enumerate()
            .map(|(i, n)| Mark { category: i, value: n.norm.minimum.percent(), label: format!("norm {}", n.norm.minimum) })
            .collect(),
        table,
        scale_max: None,
    }
}

fn target_name(t: &domain::Target) -> String {
    format!("{} {}–{}", t.kind.label(), t.from_year, t.to_year)
}

/// 3. Progress against the housing-deal targets.
pub fn targets(s: &AreaStats) -> Chart {
    let column = |f: fn(&domain::stats::TargetProgress) -> u64| s.targets.iter().map(|t| f(t) as f64).collect();
    let mut table = Table::new(["Doel", "Doel (woningen)", "Opgeleverd in de periode", "Vergund of in aanbouw", "Overige plannen", "Samen", "Van het doel"]);
    for t in &s.targets {
        table.row(vec![
            Cell::Text(target_name(&t.target)),
            Cell::Count(u64::from(t.target.homes)),
            Cell::Count(t.delivered),
            Cell::Count(t.pipeline),
            Cell::Count(t.planned),
            Cell::Count(t.total()),
            Cell::Percent(t.percent()),
        ]);
    }
    let summary = s
        .targets
        .first()
        .map(|t| {
            format!(
                "Tegen het doel van {} {} in {}–{}: {} opgeleverd en {} gepland tot en met {}, samen {} van het doel.",
                number(u64::from(t.target.homes)),
                t.target.kind.label().to_lowercase(),
                t.target.from_year,
                t.target.to_year,
                number(t.delivered),
                number(t.pipeline + t.planned),
                t.target.to_year,
                percent(t.percent())
            )
        })
        .unwrap_or_default();
    let without_year: u64 = s.targets.first().map_or(0, |t| t.without_year);
    Chart {
        id: "doelen".into(),
        title: "Voortgang tegen de woondealdoelen".into(),
        summary,
        note: Some(format!(
            "De doelen zijn netto (na sloop); de projecten tellen bruto. Plannen zonder verwacht jaar ({}) tellen niet mee. Bron van de doelen: {}.",
            homes(without_year),
            s.targets.first().map_or("", |t| t.target.source.as_str())
        )),
        orientation: Orientation::Bars,
        unit: Unit::Homes,
        category_label: "Doel".into(),
        value_label: "Woningen".into(),
        categories: s.targets.iter().map(|t| target_name(&t.target)).collect(),
        series: vec![
            Series { name: "Opgeleverd".into(), colour: palette::DELIVERED, values: column(|t| t.delivered) },
            Series { name: "Vergund of in aanbouw".into(), colour: palette::PIPELINE, values: column(|t| t.pipeline) },
            Series { name: "Overige plannen".into(), colour: palette::PLANNED, values: column(|t| t.planned) },
        ],
        marks: s
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| Mark { category: i, value: f64::from(t.target.homes), label: format!("doel {}", number(u64::from(t.target.homes))) })
            .collect(),
        table,
        scale_max: None,
    }
}

/// 4. The pipeline by status, and hard and soft plan capacity.
pub fn pipeline(s: &AreaStats) -> Chart {
    let by_status = |st: Status| s.summary.by_status.get(&st).copied().unwrap_or(0);
    let stage_name = |st: Status| match st.capacity() {
        Some(c) => c.label().to_owned(),
        None => st.label().to_owned(),
    };
    let mut stages: Vec<(String, palette::Rgb)> = Vec::new();
    for st in Status::ALL {
        let name = stage_name(*st);
        if !stages.iter().any(|(n, _)| *n == name) {
            stages.push((name, palette::stage(*st)));
        }
    }
    let series = stages
        .into_iter()
        .map(|(name, colour)| Series {
            values: Status::ALL.iter().map(|st| if stage_name(*st) == name { by_status(*st) as f64 } else { 0.0 }).collect(),
            name,
            colour,
        })
        .collect();
    let mut table = Table::new(["Status", "Woningen", "Soort"]);
    for st in Status::ALL {
        table.row(vec![Cell::Text(st.label().into()), Cell::Count(by_status(*st)), Cell::Text(stage_name(*st))]);
    }
    Chart {
        id: "pijplijn".into(),
        title: "Plannen naar status".into(),
        summary: format!(
            "{} heeft {} in harde en {} in zachte plancapaciteit; {} zijn vergund of in aanbouw.",
            s.name,
            homes(s.capacity[0]),
            homes(s.capacity[1]),
            number(s.pipeline)
        ),
        note: Some("Hard: het plan staat vast (onherroepelijk, vergund of in aanbouw). Zacht: idee of planvorming.".into()),
        orientation: Orientation::Bars,
        unit: Unit::Homes,
        category_label: "Status".into(),
        value_label: "Woningen".into(),
        categories: Status::ALL.iter().map(|s| s.label().to_owned()).collect(),
        series,
        marks: Vec::new(),
        table,
        scale_max: None,
    }
}

/// 5. Housing form and inside or outside the built-up area.
pub fn form_and_location(s: &AreaStats) -> Chart {
    let [single, multi, unknown_form] = s.summary.by_form;
    let [inside, outside] = s.summary.by_siting;
    let parts: [(&str, palette::Rgb, usize, u64); 5] = [
        ("Eengezinswoning", palette::SINGLE_FAMILY, 0, single),
        ("Meergezinswoning", palette::MULTI_FAMILY, 0, multi),
        ("Woonvorm onbekend", palette::UNKNOWN, 0, unknown_form),
        ("Inbreiding", palette::INSIDE, 1, inside),
        ("Uitbreiding", palette::OUTSIDE, 1, outside),
    ];
    let total = s.summary.homes;
    let mut table = Table::new(["Kenmerk", "Woningen", "Aandeel"]);
    for (name, _, _, n) in parts {
        table.row(vec![Cell::Text(name.into()), Cell::Count(n), Cell::Percent(share(n, total))]);
    }
    let summary = if total == 0 {
        format!("{} telt bij deze filters geen woningen.", s.name)
    } else {
        format!(
            "{} van de woningen met bekende woonvorm is een eengezinswoning; {} ligt binnen bestaand bebouwd gebied (inbreiding).",
            percent(share(single, single + multi)),
            percent(share(inside, total))
        )
    };
    Chart {
        id: "woonvorm".into(),
        title: "Woonvorm en ligging".into(),
        summary,
        note: Some("Bij een filter op prijsklasse is de woonvorm van gemengde projecten naar verhouding verdeeld.".into()),
        orientation: Orientation::Bars,
        unit: Unit::Homes,
        category_label: "Kenmerk".into(),
        value_label: "Woningen".into(),
        categories: vec!["Woonvorm".into(), "Ligging".into()],
        series: parts
            .iter()
            .map(|(name, colour, row, n)| Series {
                name: (*name).into(),
                colour: *colour,
                values: (0..2).map(|i| if i == *row { *n as f64 } else { 0.0 }).collect(),
            })
            .collect(),
        marks: Vec::new(),
        table,
        scale_max: None,
    }
}

/// How the developers chart names the homes of projects without a developer.
const UNKNOWN_DEVELOPER: &str = "Ontwikkelaar nog onbekend";

/// 6. The developers with the most homes.
pub fn developers(s: &AreaStats) -> Chart {
    let top = &s.summary.top_developers;
    let other = s.summary.other_developers;
    let unknown = s.summary.without_developer;
    let mut categories: Vec<String> = top.iter().map(|d| d.name.clone()).collect();
    if other > 0 {
        categories.push("Overige ontwikkelaars".into());
    }
    if unknown > 0 {
        categories.push(UNKNOWN_DEVELOPER.into());
    }
    let mut series: Vec<Series> = DeveloperKind::ALL
        .iter()
        .filter(|k| top.iter().any(|d| d.kind == **k))
        .map(|k| Series {
            name: k.label().into(),
            colour: palette::developer_kind(*k),
            values: categories.iter().enumerate().map(|(i, _)| top.get(i).filter(|d| d.kind == *k).map_or(0.0, |d| d.homes as f64)).collect(),
        })
        .collect();
    for (name, homes) in [("Overige ontwikkelaars", other), (UNKNOWN_DEVELOPER, unknown)] {
        if homes > 0 {
            let mut values = vec![0.0; categories.len()];
            values[categories.iter().position(|c| c == name).expect("a category")] = homes as f64;
            series.push(Series { name: name.into(), colour: palette::UNKNOWN, values });
        }
    }
    let mut table = Table::new(["Ontwikkelaar", "Soort", "Projecten", "Woningen"]);
    for d in top {
        table.row(vec![Cell::Text(d.name.clone()), Cell::Text(d.kind.label().into()), Cell::Count(u64::from(d.projects)), Cell::Count(d.homes)]);
    }
    if other > 0 {
        table.row(vec![Cell::Text("Overige ontwikkelaars".into()), Cell::Empty, Cell::Empty, Cell::Count(other)]);
    }
    if unknown > 0 {
        table.row(vec![Cell::Text(UNKNOWN_DEVELOPER.into()), Cell::Empty, Cell::Empty, Cell::Count(unknown)]);
    }
    let summary = match top.first() {
        Some(d) => format!(
            "De meeste woningen bouwt {} ({}): {} of {} van alle woningen.",
            d.name,
            d.kind.label().to_lowercase(),
            number(d.homes),
            percent(share(d.homes, s.summary.homes))
        ),
        None => format!("{} telt bij deze filters geen woningen.", s.name),
    };
    Chart {
        id: "ontwikkelaars".into(),
        title: "Ontwikkelaars met de meeste woningen".into(),
        summary,
        note: None,
        orientation: Orientation::Bars,
        unit: Unit::Homes,
        category_label: "Ontwikkelaar".into(),
        value_label: "Woningen".into(),
        categories,
        series,
        marks: Vec::new(),
        table,
        scale_max: None,
    }
}

/// The regions of the province, or the municipalities of a region, side by side.
pub fn parts(s: &AreaStats) -> Chart {
    let regions = matches!(s.area, Area::Province);
    let (kind, title) = if regions { ("Regio", "De regio's vergeleken") } else { ("Gemeente", "De gemeenten vergeleken") };
    let classes = present_classes(s);
    let norm_names: Vec<String> = s.parts.first().map(|p| p.norms.iter().map(|n| n.norm.label.clone()).collect()).unwrap_or_default();
    let mut table = Table::new(
        [kind.to_owned(), "Projecten".into(), "Woningen".into()]
            .into_iter()
            .chain(classes.iter().map(|c| c.label().to_owned()))
            .chain(norm_names.iter().map(|n| format!("Aandeel {}", n.to_lowercase())))
            .chain(["Normen gehaald".to_owned()]),
    );
    for p in &s.parts {
        let mut cells = vec![Cell::Text(p.name.clone()), Cell::Count(u64::from(p.projects)), Cell::Count(p.homes)];
        cells.extend(classes.iter().map(|c| Cell::Count(p.by_class[c.index()])));
        cells.extend(p.norms.iter().map(|n| Cell::Percent(n.percent())));
        let met: Vec<String> = p.norms.iter().filter(|n| n.met).map(|n| n.norm.label.to_lowercase()).collect();
        let testable = p.norms.iter().any(|n| n.known > 0);
        cells.push(Cell::Text(match (testable, met.is_empty()) {
            (false, _) => NOT_TESTABLE.into(),
            (true, true) => "geen".into(),
            (true, false) => met.join(", "),
        }));
        table.row(cells);
    }
    let all_met = s.parts.iter().filter(|p| !p.norms.is_empty() && p.norms.iter().all(|n| n.met)).count();
    let summary = match s.parts.iter().max_by_key(|p| p.homes) {
        Some(top) if top.homes > 0 => format!(
            "De meeste woningen plant {}: {} ({} van {}). {} van de {} {} halen alle normen.",
            top.name,
            number(top.homes),
            percent(share(top.homes, s.summary.homes)),
            s.name,
            all_met,
            s.parts.len(),
            if regions { "regio's" } else { "gemeenten" }
        ),
        _ => format!("{} telt bij deze filters geen woningen.", s.name),
    };
    Chart {
        id: if regions { "regios" } else { "gemeenten" }.into(),
        title: title.into(),
        summary,
        note: None,
        orientation: Orientation::Bars,
        unit: Unit::Homes,
        category_label: kind.into(),
        value_label: "Woningen".into(),
        categories: s.parts.iter().map(|p| p.name.clone()).collect(),
        series: classes
            .iter()
            .map(|c| Series { name: c.label().into(), colour: palette::class(*c), values: s.parts.iter().map(|p| p.by_class[c.index()] as f64).collect() })
            .collect(),
        marks: Vec::new(),
        table,
        scale_max: None,
    }
}

/// The figures the province publishes itself (chart 7), for this area and, for the province,
/// per region, with their source. Never combined with the project figures.
pub fn published(s: &AreaStats, province: &Province) -> Vec<Chart> {
    province.series.iter().filter_map(|series| published_one(s, province, series)).collect()
}

fn published_one(s: &AreaStats, province: &Province, series: &PublishedSeries) -> Option<Chart> {
    let own = series.values_for(&s.area);
    // For the province: its regions side by side, as published.
    let parts: Vec<(String, &[Option<u64>])> = if s.area == Area::Province {
        province.parts(&Area::Province).iter().filter_map(|a| series.values_for(a).map(|v| (province.area_name(a), v))).collect()
    } else {
        own.map(|v| vec![(s.name.clone(), v)]).unwrap_or_default()
    };
    if parts.is_empty() {
        return None;
    }
    let years: Vec<String> = series.years.iter().map(u16::to_string).collect();
    let single_year = series.years.len() == 1;
    let mut columns = vec![if single_year { "Gebied".to_owned() } else { "Jaar".to_owned() }];
    let mut table;
    if single_year {
        columns.push(years[0].clone());
        table = Table::new(columns);
        for (name, values) in &parts {
            table.row(vec![Cell::Text(name.clone()), values[0].map_or(Cell::Empty, Cell::Count)]);
        }
        if let (Area::Province, Some(v)) = (&s.area, own) {
            table.row(vec![Cell::Text(format!("{} (volgens de bron)", s.name)), v[0].map_or(Cell::Empty, Cell::Count)]);
        }
    } else {
        columns.extend(parts.iter().map(|(n, _)| n.clone()));
        if s.area == Area::Province && own.is_some() {
            columns.push(format!("{} (volgens de bron)", s.name));
        }
        table = Table::new(columns);
        for (i, year) in years.iter().enumerate() {
            let mut cells = vec![Cell::Text(year.clone())];
            cells.extend(parts.iter().map(|(_, v)| v[i].map_or(Cell::Empty, Cell::Count)));
            if let (Area::Province, Some(v)) = (&s.area, own) {
                cells.push(v[i].map_or(Cell::Empty, Cell::Count));
            }
            table.row(cells);
        }
    }
    let last = series.years.len() - 1;
    let listed: Vec<String> =
        parts.iter().filter_map(|(n, v)| v[last].map(|x| if parts.len() == 1 { number(x) } else { format!("{n} {}", number(x)) })).collect();
    let summary = format!(
        "Volgens de provincie in {}: {}{}.",
        series.years[last],
        listed.join(", "),
        match (&s.area, own.and_then(|v| v[last])) {
            (Area::Province, Some(total)) => format!(" ({} in totaal)", number(total)),
            _ => String::new(),
        }
    );
    let (categories, chart_series) = if single_year {
        (
            parts.iter().map(|(n, _)| n.clone()).collect(),
            vec![Series { name: years[0].clone(), colour: palette::SEQUENCE[0], values: parts.iter().map(|(_, v)| v[0].unwrap_or(0) as f64).collect() }],
        )
    } else {
        (
            years,
            parts
                .iter()
                .enumerate()
                .map(|(i, (name, v))| Series {
                    name: name.clone(),
                    colour: palette::SEQUENCE[i % palette::SEQUENCE.len()],
                    values: v.iter().map(|x| x.unwrap_or(0) as f64).collect(),
                })
                .collect(),
        )
    };
    Some(Chart {
        id: format!("bron-{}", series.id),
        title: series.title.clone(),
        summary,
        note: Some(format!(
            "Bron: {} ({}). Cijfers van de provincie zelf, niet berekend uit de projecten op deze kaart; filters gelden hier niet.",
            series.source, series.as_of
        )),
        orientation: if single_year { Orientation::Bars } else { Orientation::Columns },
        unit: Unit::Homes,
        category_label: if single_year { "Gebied".into() } else { "Jaar".into() },
        value_label: "Woningen".into(),
        categories,
        series: chart_series,
        marks: Vec::new(),
        table,
        scale_max: None,
    })
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::stats::{NormCheck, PartStats, TargetProgress};
    use domain::summary::DeveloperHomes;
    use domain::{Norm, Ratio, Summary, Target, TargetKind};

    fn stats() -> AreaStats {
        let mut summary = Summary { projects: 3, homes: 300, ..Summary::default() };
        summary.by_class[PriceClass::SocialeHuur.index()] = 75;
        summary.by_class[PriceClass::DureKoop.index()] = 225;
        summary.by_year.insert(2027, [50, 0, 0, 0, 100, 0, 0, 0]);
        summary.by_year.insert(2028, [25, 0, 0, 0, 125, 0, 0, 0]);
        summary.by_status.insert(Status::Vergund, 300);
        summary.by_form = [200, 100, 0];
        summary.by_siting = [240, 60];
        summary.top_developers = vec![DeveloperHomes { name: "Woonservice".into(), kind: DeveloperKind::Corporatie, projects: 2, homes: 300 }];
        let norm = Norm {
            id: "sociale-huur".into(),
            label: "Sociale huur".into(),
            classes: vec![PriceClass::SocialeHuur],
            minimum: Ratio::parse("30%").unwrap(),
            source: "test".into(),
        };
        let check = NormCheck { norm, homes: 75, known: 300, met: false };
        AreaStats {
            area: Area::Region("zuidwest".into()),
            name: "Zuidwest".into(),
            summary,
            capacity: [300, 0],
            pipeline: 300,
            norms: vec![check.clone()],
            targets: vec![TargetProgress {
                target: Target {
                    region: Some("zuidwest".into()),
                    kind: TargetKind::NetAdditions,
                    homes: 600,
                    from_year: 2022,
                    to_year: 2030,
                    classes: vec![],
                    source: "Woondeal".into(),
                },
                delivered: 0,
                pipeline: 300,
                planned: 0,
                without_year: 0,
            }],
            parts: vec![PartStats {
                area: Area::Municipality("GM0118".into()),
                name: "Hoogeveen".into(),
                projects: 3,
                homes: 300,
                by_class: [75, 0, 0, 0, 225, 0, 0, 0],
                norms: vec![check],
            }],
            withheld_homes: None,
        }
    }

    #[test]
    fn the_year_chart_stacks_the_classes_the_figures_give() {
        let chart = by_year(&stats());
        assert_eq!(chart.categories, ["2027", "2028"]);
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Sociale huur", "Dure koop"]);
        assert_eq!(chart.series[1].values, [100.0, 125.0]);
        assert_eq!(chart.table.rows[1], [Cell::Text("2028".into()), Cell::Count(25), Cell::Count(125), Cell::Count(150)]);
        assert!(chart.summary.contains("300 woningen") && chart.summary.contains("de meeste in 2027 (150)"), "{}", chart.summary);
    }

    #[test]
    fn the_norm_sentence_says_whether_the_region_meets_it() {
        let chart = norms(&stats());
        assert_eq!(chart.summary, "Zuidwest plant 300 woningen met een bekende prijsklasse, waarvan 25% sociale huur — onder de norm van 30%.");
        assert_eq!(chart.series[1].values, [25.0], "drawn as not met");
        assert_eq!(chart.marks[0].value, 30.0);
        assert_eq!(chart.table.rows[0][5], Cell::Text("nee".into()));
    }

    #[test]
    fn regions_side_by_side_share_each_charts_scale() {
        let small = stats();
        let mut large = stats();
        for counts in large.summary.by_year.values_mut() {
            counts.iter_mut().for_each(|n| *n *= 4);
        }
        let both = side_by_side(&[small.clone(), large.clone()]);
        let (a, b) = (&both[0][0], &both[1][0]);
        assert_eq!(a.id, b.id);
        assert_eq!(a.max_value(), b.max_value(), "one scale");
        assert_eq!(a.max_value(), by_year(&large).max_value(), "the larger region's");
        assert!(by_year(&small).max_value() < a.max_value());
    }

    #[test]
    fn a_norm_without_known_prices_is_not_testable_rather_than_failed() {
        let mut s = stats();
        for n in s.norms.iter_mut().chain(s.parts.iter_mut().flat_map(|p| p.norms.iter_mut())) {
            (n.homes, n.known, n.met) = (0, 0, false);
        }
        let chart = norms(&s);
        assert!(chart.summary.contains("niet te toetsen"), "{}", chart.summary);
        assert_eq!(chart.table.rows[0][5], Cell::Text(NOT_TESTABLE.into()));
        let parts = parts(&s);
        assert_eq!(parts.table.rows[0].last(), Some(&Cell::Text(NOT_TESTABLE.into())));
    }

    #[test]
    fn target_progress_is_drawn_against_the_target() {
        let chart = targets(&stats());
        assert_eq!(chart.marks[0].value, 600.0);
        assert_eq!(chart.series[1].values, [300.0]);
        assert_eq!(chart.table.rows[0][6], Cell::Percent(50.0));
        assert!(chart.note.as_deref().unwrap().contains("netto"));
    }

    #[test]
    fn every_chart_has_a_title_labels_a_sentence_and_a_table_as_wide_as_its_header() {
        let province_free = Province {
            code: "PV99".into(),
            name: "Testland".into(),
            regions: vec![],
            municipalities: vec![],
            price_limits: vec![],
            targets: vec![],
            norms: vec![],
            series: vec![],
            publish_withheld_total: false,
            attribution: String::new(),
            licence: Default::default(),
            bounds: [0.0, 0.0, 1.0, 1.0],
        };
        let charts = all(&stats(), &province_free);
        let ids: Vec<&str> = charts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["oplevering", "normen", "doelen", "gemeenten", "pijplijn", "woonvorm", "ontwikkelaars"]);
        for c in &charts {
            assert!(!c.title.is_empty() && !c.summary.is_empty() && !c.value_label.is_empty(), "{}", c.id);
            assert!(c.table.rows.iter().all(|r| r.len() == c.table.columns.len()), "{}", c.id);
            assert!(c.series.iter().all(|s| s.values.len() == c.categories.len()), "{}", c.id);
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_numbers_reach_the_svg() {
        let chart = by_year(&stats());
        let svg = super::super::draw::svg(&chart, 640);
        let expensive = palette::class(PriceClass::DureKoop).hex().to_uppercase();
        let heights: Vec<f64> = svg
            .lines()
            .filter(|l| l.contains("<rect") && l.to_uppercase().contains(&expensive))
            .map(|l| l.split("height=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
            .collect();
        // Two bars (100 and 125 homes) and the legend swatch.
        assert_eq!(heights.len(), 3, "{heights:?}");
        assert!((heights[1] / heights[0] - 1.25).abs() < 0.03, "{heights:?}");
    }
}
