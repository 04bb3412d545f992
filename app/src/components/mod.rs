//! The parts of the map page, one file each.
pub mod filter_panel;
pub mod format;
pub mod legend;
pub mod map_view;
pub mod project_detail;
pub mod project_list;
pub mod totals;
