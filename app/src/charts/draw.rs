//! One drawing for every chart, generic over the plotters backend: the server draws to SVG,
//! the browser to a canvas. Text is measured by the backend, so nothing here knows a font.

use super::{palette, Chart, Orientation, Rgb, Unit};
use crate::format;
use plotters::coord::Shift;
use plotters::prelude::*;

const FONT: &str = "sans-serif";
use super::{estimated_width, LEGEND_SWATCH, TEXT};
const LEGEND_ROW: i32 = 20;
/// The most of a chart's width its category labels may take beside horizontal bars.
const MAX_LABEL_SHARE: f64 = 0.42;

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn value_text(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Homes => format::number(v.round().max(0.0) as u64),
        Unit::Percent => format!("{}%", v.round() as i64),
    }
}

/// The width of `text` in pixels as the backend lays it out (a canvas measures it in the page's
/// font; the SVG backend estimates), never less than a cautious estimate from its letters.
fn text_width<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str, size: u32) -> u32 {
    let style: TextStyle = (FONT, size).into_font().into();
    let measured = root.estimate_text_size(text, &style).map(|(w, _)| w).unwrap_or(0);
    measured.max(estimated_width(text, size))
}

/// `text` shortened with "…" to fit in `room` pixels.
fn fitted<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str, size: u32, room: u32) -> String {
    if text_width(root, text, size) <= room {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…", chars[..n].iter().collect::<String>().trim_end()))
        .find(|t| text_width(root, t, size) <= room)
        .unwrap_or_else(|| "…".to_owned())
}

/// Draws `chart` on `root`, whatever its size.
pub fn draw<DB: DrawingBackend>(chart: &Chart, root: &DrawingArea<DB, Shift>) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let per_row = chart.legend_per_row(width);
    let legend_height = 8 + LEGEND_ROW as u32 * chart.series.len().div_ceil(per_row) as u32;
    let (plot, legend) = root.split_vertically(height.saturating_sub(legend_height));

    let n = chart.categories.len().max(1);
    let top = match chart.unit {
        Unit::Percent => 100.0,
        // At least ten, so an empty or nearly empty chart gets whole numbers on its axis (an
        // axis up to 1 read 0, 0, 0, 1, 1 once its fractions were rounded).
        Unit::Homes => (chart.max_value() * 1.08).max(10.0),
    };
    let label_style = (FONT, TEXT).into_font().color(&colour(palette::INK));
    // The widest number on the value axis, and room for it.
    let widest_value = text_width(root, &value_text(chart.unit, top), TEXT);
    let (_, plot_height) = plot.dim_in_pixel();
    match chart.orientation {
        Orientation::Columns => {
            let value_area = widest_value + 12 + TEXT + 10;
            let mut cc = ChartBuilder::on(&plot)
                .margin(10)
                .margin_right(16)
                .x_label_area_size(44)
                .y_label_area_size(value_area)
                .build_cartesian_2d((0..n).into_segmented(), 0.0..top)?;
            // Every `step`th year, as many as fit side by side with room between them.
            let widest_category = chart.categories.iter().map(|c| text_width(root, c, TEXT)).max().unwrap_or(0) + 12;
            let room = width.saturating_sub(value_area + 26).max(1);
            let step = n.div_ceil((room / widest_category.max(1)).max(1) as usize);
            // Value labels at least two lines apart.
            let value_labels = (plot_height.saturating_sub(60) / (TEXT * 2)).clamp(2, 10) as usize;
            cc.configure_mesh()
                .disable_x_mesh()
                .light_line_style(WHITE)
                .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
                .x_labels(n)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) if i % step == 0 => chart.categories.get(*i).cloned().unwrap_or_default(),
                    _ => String::new(),
                })
                .y_label_formatter(&|v| value_text(chart.unit, *v))
                .y_labels(value_labels)
                .x_desc(chart.category_label.as_str())
                .y_desc(chart.value_label.as_str())
                .label_style(label_style.clone())
                .axis_desc_style(label_style.clone())
                .draw()?;
            let mut base = vec![0.0; n];
            for series in &chart.series {
                let fill = colour(series.colour).filled();
                cc.draw_series(series.values.iter().enumerate().filter(|(_, v)| **v > 0.0).map(|(i, v)| {
                    let mut bar = Rectangle::new([(SegmentValue::Exact(i), base[i]), (SegmentValue::Exact(i + 1), base[i] + v)], fill);
                    bar.set_margin(0, 0, 4, 4);
                    bar
                }))?;
                for (b, v) in base.iter_mut().zip(&series.values) {
                    *b += v;
                }
            }
            for mark in &chart.marks {
                let line = [(SegmentValue::Exact(mark.category), mark.value), (SegmentValue::Exact(mark.category + 1), mark.value)];
                cc.draw_series([PathElement::new(line.to_vec(), colour(palette::INK).stroke_width(3))])?;
            }
        }
        Orientation::Bars => {
            // The names beside the bars, shortened where they would take more than their share
            // (the table under the chart has them whole); the totals after the bars.
            let room = (f64::from(width) * MAX_LABEL_SHARE) as u32;
            let names: Vec<String> = chart.categories.iter().map(|c| fitted(root, c, TEXT, room)).collect();
            let name_area = names.iter().map(|c| text_width(root, c, TEXT)).max().unwrap_or(0) + 14;
            // The total after the longest bar, a step (1% of the axis) away from it.
            let total_room = text_width(root, &value_text(chart.unit, chart.max_value()), TEXT - 1) + 10 + width / 100;
            let mut cc = ChartBuilder::on(&plot)
                .margin(10)
                .margin_right(total_room.max(widest_value / 2 + 4))
                .x_label_area_size(40)
                .y_label_area_size(name_area)
                .build_cartesian_2d(0.0..top, (0..n).into_segmented())?;
            let plot_width = width.saturating_sub(name_area + total_room + 10);
            let value_labels = (plot_width / (widest_value + 16)).clamp(2, 5) as usize;
            cc.configure_mesh()
                .disable_y_mesh()
                .light_line_style(WHITE)
                .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
                .y_labels(n)
                .y_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) => (n - 1).checked_sub(*i).and_then(|c| names.get(c)).cloned().unwrap_or_default(),
                    _ => String::new(),
                })
                .x_label_formatter(&|v| value_text(chart.unit, *v))
                .x_labels(value_labels)
                .x_desc(chart.value_label.as_str())
                .label_style(label_style.clone())
                .axis_desc_style(label_style.clone())
                .draw()?;
            // Category 0 at the top.
            let row = |i: usize| n - 1 - i;
            let mut base = vec![0.0; n];
            for series in &chart.series {
                let fill = colour(series.colour).filled();
                cc.draw_series(series.values.iter().enumerate().filter(|(_, v)| **v > 0.0).map(|(i, v)| {
                    let mut bar = Rectangle::new([(base[i], SegmentValue::Exact(row(i))), (base[i] + v, SegmentValue::Exact(row(i) + 1))], fill);
                    bar.set_margin(5, 5, 0, 0);
                    bar
                }))?;
                for (b, v) in base.iter_mut().zip(&series.values) {
                    *b += v;
                }
            }
            // The total at the end of each bar, or after the bar's norm line where that lies
            // beyond it (written over the line, the two read as one).
            let small = (FONT, TEXT - 1).into_font().color(&colour(palette::INK));
            let line_after = |i: usize, t: f64| chart.marks.iter().filter(|m| m.category == i && m.value >= t).map(|m| m.value).fold(t, f64::max);
            let totals = base.iter().enumerate().filter(|(_, t)| **t > 0.0).map(|(i, t)| {
                Text::new(
                    value_text(chart.unit, *t),
                    (line_after(i, *t) + top * 0.01, SegmentValue::CenterOf(row(i))),
                    small
                        .clone()
                        .pos(plotters::style::text_anchor::Pos::new(plotters::style::text_anchor::HPos::Left, plotters::style::text_anchor::VPos::Center)),
                )
            });
            cc.draw_series(totals)?;
            for mark in &chart.marks {
                let line = [(mark.value, SegmentValue::Exact(row(mark.category))), (mark.value, SegmentValue::Exact(row(mark.category) + 1))];
                cc.draw_series([PathElement::new(line.to_vec(), colour(palette::INK).stroke_width(3))])?;
            }
        }
    }
    draw_legend(chart, &legend, per_row)
}

fn draw_legend<DB: DrawingBackend>(chart: &Chart, area: &DrawingArea<DB, Shift>, per_row: usize) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = area.dim_in_pixel();
    let column = (width.saturating_sub(12) as usize / per_row) as i32;
    let style = (FONT, TEXT).into_font().color(&colour(palette::INK));
    let room = (column as u32).saturating_sub(LEGEND_SWATCH + 4);
    for (i, series) in chart.series.iter().enumerate() {
        let x = 12 + column * (i % per_row) as i32;
        let y = 4 + LEGEND_ROW * (i / per_row) as i32;
        area.draw(&Rectangle::new([(x, y + 2), (x + 12, y + 14)], colour(series.colour).filled()))?;
        area.draw(&Text::new(fitted(area, &series.name, TEXT, room), (x + LEGEND_SWATCH as i32, y + 1), style.clone()))?;
    }
    Ok(())
}

/// The chart as an SVG document, for the server-rendered page.
#[cfg(feature = "ssr")]
pub fn svg(chart: &Chart, width: u32) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, chart.height_for(width))).into_drawing_area();
        if draw(chart, &root).and_then(|_| root.present()).is_err() {
            return String::new();
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::charts::{Mark, Series, Table};

    fn chart(orientation: Orientation) -> Chart {
        Chart {
            id: "t".into(),
            title: "Test".into(),
            summary: String::new(),
            note: None,
            orientation,
            unit: Unit::Homes,
            category_label: "Jaar".into(),
            value_label: "Woningen".into(),
            categories: vec!["2026".into(), "2027".into()],
            series: vec![
                Series { name: "Sociale huur".into(), colour: Rgb(1, 2, 3), values: vec![100.0, 0.0] },
                Series { name: "Dure koop".into(), colour: Rgb(4, 5, 6), values: vec![50.0, 70.0] },
            ],
            marks: vec![Mark { category: 1, value: 120.0, label: "doel".into() }],
            table: Table::default(),
            scale_max: None,
        }
    }

    /// The filled rectangles in the SVG with `colour`, as (x, y, width, height).
    pub fn rects(svg: &str, colour: Rgb) -> Vec<(f64, f64, f64, f64)> {
        let fill = format!("fill=\"{}\"", colour.hex().to_uppercase());
        svg.lines()
            .filter(|l| l.contains("<rect") && l.to_uppercase().contains(&fill.to_uppercase()))
            .map(|l| {
                let attr = |name: &str| -> f64 {
                    let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    l[start..].split('"').next().unwrap().parse().unwrap()
                };
                (attr("x"), attr("y"), attr("width"), attr("height"))
            })
            .collect()
    }

    /// Every text drawn in the SVG.
    pub fn texts(svg: &str) -> Vec<String> {
        svg.split("<text").skip(1).filter_map(|t| t.split_once('>')).map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_owned()).collect()
    }

    #[test]
    fn stacked_columns_are_as_tall_as_their_numbers() {
        let svg = svg(&chart(Orientation::Columns), 640);
        assert!(svg.starts_with("<svg"), "{svg}");
        // One bar per non-zero value, plus the legend swatch.
        let social = rects(&svg, Rgb(1, 2, 3));
        let expensive = rects(&svg, Rgb(4, 5, 6));
        assert_eq!(social.len(), 2, "{social:?}");
        assert_eq!(expensive.len(), 3, "{expensive:?}");
        // 100 social and 50 expensive homes in 2026: the first twice as tall as the second.
        let (s, e) = (social[0].3, expensive[0].3);
        assert!((s / e - 2.0).abs() < 0.05, "{s} vs {e}");
        // Stacked: the expensive part sits right on top of the social part.
        assert!((expensive[0].1 + expensive[0].3 - social[0].1).abs() <= 1.0);
        let texts = texts(&svg);
        for text in ["2026", "2027", "Sociale huur", "Dure koop", "Jaar", "Woningen"] {
            assert!(texts.contains(&text.to_owned()), "{text} missing from {texts:?}");
        }
    }

    #[test]
    fn an_empty_chart_has_distinct_whole_numbers_on_its_axis() {
        let mut empty = chart(Orientation::Columns);
        for s in &mut empty.series {
            s.values = vec![0.0, 0.0];
        }
        empty.marks.clear();
        let texts = texts(&svg(&empty, 640));
        let numbers: Vec<&String> = texts.iter().filter(|t| t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() && t.len() < 4).collect();
        assert!(numbers.len() >= 3, "{texts:?}");
        let mut unique = numbers.clone();
        unique.dedup();
        assert_eq!(unique, numbers, "no number twice on the axis: {texts:?}");
    }

    #[test]
    fn bars_run_sideways_and_show_their_totals() {
        let svg = svg(&chart(Orientation::Bars), 640);
        let expensive = rects(&svg, Rgb(4, 5, 6));
        assert_eq!(expensive.len(), 3);
        // 50 and 70 homes: widths in that ratio.
        let w: Vec<f64> = expensive.iter().take(2).map(|r| r.2).collect();
        assert!((w[1] / w[0] - 70.0 / 50.0).abs() < 0.05, "{w:?}");
        assert!(texts(&svg).contains(&"150".to_owned()) && texts(&svg).contains(&"70".to_owned()), "totals at the bar ends");
        // 2027's total (70) is short of its mark (120): written after the mark's line, not over it.
        let seventy =
            svg.split("<text").find(|t| t.split_once('>').is_some_and(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim() == "70")).unwrap();
        let x: f64 = seventy.split("x=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let line_x = svg
            .split("<polyline")
            .skip(1)
            .filter(|p| p.split("/>").next().unwrap_or("").contains("stroke-width=\"3\""))
            .filter_map(|p| p.split("points=\"").nth(1))
            .filter_map(|p| p.split(',').next())
            .filter_map(|x| x.trim().parse::<f64>().ok())
            .fold(0.0, f64::max);
        assert!(x > line_x, "the total at {x} is after the mark at {line_x}");
    }
}
