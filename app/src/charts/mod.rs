//! The charts of the region pages, as plain data: one [`Chart`] holds what is drawn, the
//! sentence that says it, and the table (and so the CSV) with the same numbers.
//!
//! - [`build`]: turns the domain's [`domain::AreaStats`] into charts. The only place the
//!   numbers are chosen, so the picture, the table and the CSV cannot disagree.
//! - [`draw`]: one drawing per chart kind, generic over the plotters backend: SVG on the server
//!   (first paint, JavaScript off), the HTML canvas in the browser.
//! - [`table`]: the table under each chart and its CSV form.
//! - [`palette`]: the colours, the same as the stylesheet's.

pub mod build;
pub mod draw;
pub mod palette;
pub mod table;

pub use palette::Rgb;
pub use table::{Cell, Table};

/// The charts' text size in pixels.
pub(crate) const TEXT: u32 = 15;
/// The legend's swatch and the space between it and its text, and between entries.
pub(crate) const LEGEND_SWATCH: u32 = 18;
const LEGEND_GAP: u32 = 16;

/// A cautious width of `text` at `size` pixels without a font: 0.55 em a letter.
pub(crate) fn estimated_width(text: &str, size: u32) -> u32 {
    (text.chars().count() as f64 * f64::from(size) * 0.55).ceil() as u32
}

/// Which way the bars run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Orientation {
    /// Vertical bars, categories along the bottom (years).
    Columns,
    /// Horizontal bars, categories down the side (names).
    Bars,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Homes,
    Percent,
}

/// One stacked part of every bar, with its legend entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Series {
    pub name: String,
    pub colour: Rgb,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A reference line across one category's bar: a norm or a target.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mark {
    pub category: usize,
    pub value: f64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Chart {
    /// A slug, unique on the page for one area: the CSV's name and the element ids.
    pub id: String,
    pub title: String,
    /// One sentence that says what the chart shows.
    pub summary: String,
    /// What the reader must know to read it right (net vs gross, the source of a series).
    pub note: Option<String>,
    pub orientation: Orientation,
    pub unit: Unit,
    /// The axis along which the categories run, and the value axis.
    pub category_label: String,
    pub value_label: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub marks: Vec<Mark>,
    pub table: Table,
    /// Where the value axis ends when the chart stands beside others of its kind (the regions
    /// side by side): the largest of theirs, so equal bars mean equal numbers.
    pub scale_max: Option<f64>,
}

impl Chart {
    /// The drawing size in pixels for a given width: bar charts grow with their categories.
    pub fn height_for(&self, width: u32) -> u32 {
        let legend_rows = (self.series.len() as u32).div_ceil(self.legend_per_row(width) as u32);
        let legend = 8 + 20 * legend_rows;
        match self.orientation {
            Orientation::Columns => (width * 9 / 16).clamp(240, 380) + legend,
            Orientation::Bars => 70 + 34 * self.categories.len() as u32 + legend,
        }
    }

    /// How many legend entries fit on a row of `width` pixels: as many columns as the longest
    /// name allows. The same for the drawing and for [`Chart::height_for`], which knows no font.
    pub fn legend_per_row(&self, width: u32) -> usize {
        let longest = self.series.iter().map(|s| estimated_width(&s.name, TEXT)).max().unwrap_or(0);
        (width.saturating_sub(12) / (LEGEND_SWATCH + longest + LEGEND_GAP)).max(1) as usize
    }

    /// The largest stacked total or mark, which the value axis must reach.
    pub fn max_value(&self) -> f64 {
        let stacked = (0..self.categories.len()).map(|i| self.series.iter().map(|s| s.values[i]).sum::<f64>()).fold(0.0, f64::max);
        let marks = self.marks.iter().map(|m| m.value).fold(0.0, f64::max);
        stacked.max(marks).max(self.scale_max.unwrap_or(0.0))
    }
}
