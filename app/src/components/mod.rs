//! The parts of the pages, one file each (server only).
pub mod chart_figure;
pub mod filter_panel;
pub mod legend;
pub mod map_view;
pub mod page_title;
pub mod place_search;
pub mod price_limits;
pub mod project_detail;
pub mod project_list;
pub mod site_footer;
pub mod site_header;
pub mod text_page;
pub mod totals;
