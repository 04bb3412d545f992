//! Text written into HTML or XML by hand, where Leptos's views do not escape it for us: the
//! page's `<title>` (leptos_meta writes it as it is), a `<textarea>`'s children, the map's
//! place names (Leaflet's HTML), and the server's XML and OGC pages.

/// Text for an element's content in HTML or XML.
pub fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text for an HTML or XML attribute in double quotes (and element content).
pub fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(text("</textarea><b>&amp;"), "&lt;/textarea&gt;&lt;b&gt;&amp;amp;");
        assert_eq!(attribute(r#"a" onload="x"#), "a&quot; onload=&quot;x");
        assert_eq!(text("Emmen · Zuidoost"), "Emmen · Zuidoost");
    }
}
