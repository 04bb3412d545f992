//! The same OGC resources for people (OGC API Features' HTML conformance class): a browser that
//! opens `/api/v1` (or any resource with `f=html`) gets a page in the site's style with the
//! resource's title, description and links, the collection's items as a table with paging, one
//! item's properties, and a link to the JSON. Built from the JSON answer itself, so the two
//! never say different things. Demo data says so, as on every page.

use app::escape::attribute as escape;
use domain::Catalog;
use serde_json::Value;
use std::fmt::Write;

/// A whole page: the site's header and footer around `body`.
pub fn document(catalog: &Catalog, title: &str, trail: &[(&str, &str)], body: &str, json_href: &str) -> String {
    let province = catalog.province();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Open data · Publieke Woningbouwkaart {}</title><link rel=\"stylesheet\" href=\"{}\">\
         <link rel=\"alternate\" type=\"application/json\" href=\"{}\"></head>\n<body><div class=\"page\">\
         <header class=\"site-header\"><div class=\"header-top\"><p class=\"site-title\"><a href=\"/\">Publieke Woningbouwkaart <span class=\"province\">{}</span></a></p>\
         <nav class=\"sections\" aria-label=\"Onderdelen\"><a href=\"/\">Kaart</a><a href=\"/regio\">Cijfers per regio</a><a href=\"/embed/maken\">Op je eigen site</a></nav></div>",
        escape(title),
        escape(&province.name),
        app::assets::path("/pkg/woningbouwkaart.css"),
        escape(json_href),
        escape(&province.name)
    );
    if !trail.is_empty() {
        html.push_str("<nav class=\"breadcrumbs\" aria-label=\"Kruimelpad\">");
        for (href, name) in trail {
            let _ = write!(html, "<a href=\"{}\">{}</a> › ", escape(href), escape(name));
        }
        html.push_str("</nav>");
    }
    let _ = write!(html, "<h1>{}</h1>", escape(title));
    if catalog.is_demo() {
        html.push_str("<p class=\"demo-banner\" role=\"note\"><strong>Demogegevens. </strong>Deze site toont een demodataset: projecten met ‘Voorbeeldplan’ in de naam zijn verzonnen.</p>");
    }
    let _ = write!(
        html,
        "</header>\n<main class=\"text-page ogc\" id=\"inhoud\">{body}<p><a href=\"{}\" type=\"application/json\">Dit als JSON</a></p></main>\n",
        escape(json_href)
    );
    html.push_str("<footer class=\"site-footer\">");
    let licence = &province.licence;
    if !licence.url.is_empty() {
        let credit = licence.credit.as_deref().map(|c| format!(" ({})", escape(c))).unwrap_or_default();
        let _ = write!(html, "<p>Projectgegevens: <a href=\"{}\" rel=\"license\">{}</a>{credit}.</p>", escape(&licence.url), escape(&licence.name));
    }
    let _ = writeln!(html, "<p>{}</p></footer></div></body></html>", escape(&province.attribution));
    html
}

/// A description (landing page, conformance, collections, one collection, queryables) from its
/// JSON.
pub fn describe(doc: &Value) -> String {
    let mut html = String::new();
    if let Some(text) = doc["description"].as_str() {
        let _ = write!(html, "<p>{}</p>", escape(text));
    }
    if let Some(classes) = doc["conformsTo"].as_array() {
        html.push_str("<h2>Conformiteitsklassen</h2><ul>");
        for class in classes.iter().filter_map(Value::as_str) {
            let _ = write!(html, "<li><code>{}</code></li>", escape(class));
        }
        html.push_str("</ul>");
    }
    if let Some(bbox) = doc["extent"]["spatial"]["bbox"][0].as_array() {
        let numbers: Vec<String> = bbox.iter().filter_map(Value::as_f64).map(|n| format!("{n:.4}")).collect();
        let _ = write!(html, "<p>Gebied (west, zuid, oost, noord; WGS 84): {}</p>", numbers.join(", "));
    }
    if let Some(systems) = doc["crs"].as_array() {
        html.push_str("<h2>Coördinaatsystemen</h2><p>Vraag de projecten in een ander systeem met <code>crs=</code> (RD New: EPSG 28992).</p><ul>");
        for uri in systems.iter().filter_map(Value::as_str) {
            let _ = write!(html, "<li><code>{}</code></li>", escape(uri));
        }
        html.push_str("</ul>");
    }
    if let Some(properties) = doc["properties"].as_object() {
        html.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel: waarop te filteren is\"><table class=\"data-table\"><thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Betekenis</th><th scope=\"col\">Waarden</th></tr></thead><tbody>");
        for (name, schema) in properties {
            let values = match schema["enum"].as_array() {
                Some(all) => all.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
                None => schema["type"].as_str().unwrap_or_default().to_owned(),
            };
            let _ = write!(
                html,
                "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td></tr>",
                escape(name),
                escape(schema["description"].as_str().unwrap_or_default()),
                escape(&values)
            );
        }
        html.push_str("</tbody></table></div>");
    }
    for collection in doc["collections"].as_array().into_iter().flatten() {
        let _ = write!(html, "<h2>{}</h2>", escape(collection["title"].as_str().unwrap_or_default()));
        html.push_str(&describe(&serde_json::json!({ "description": collection["description"], "links": collection["links"] })));
    }
    links(&mut html, doc);
    html
}

/// A page of items: how many, a table of them, and the pages before and after.
pub fn items(doc: &Value) -> String {
    let mut html = String::new();
    let (matched, returned) = (doc["numberMatched"].as_u64().unwrap_or(0), doc["numberReturned"].as_u64().unwrap_or(0));
    let _ = write!(html, "<p>{returned} van {matched} projecten.</p>");
    html.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel: de projecten op deze pagina\"><table class=\"data-table\"><thead><tr><th scope=\"col\">Naam</th><th scope=\"col\">Gemeente</th><th scope=\"col\">Kern</th><th scope=\"col\">Woningen</th><th scope=\"col\">Status</th><th scope=\"col\">Oplevering</th></tr></thead><tbody>");
    for feature in doc["features"].as_array().into_iter().flatten() {
        let p = &feature["properties"];
        let id = feature["id"].as_str().unwrap_or_default();
        let _ = write!(
            html,
            "<tr><td><a href=\"items/{}?f=html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&encode(id)),
            escape(p["naam"].as_str().unwrap_or_default()),
            escape(p["gemeentenaam"].as_str().unwrap_or_default()),
            escape(p["kern"].as_str().unwrap_or_default()),
            p["woningen"],
            escape(p["status"].as_str().unwrap_or_default()),
            p["oplevering"].as_u64().map(|y| y.to_string()).unwrap_or_default()
        );
    }
    html.push_str("</tbody></table></div><p class=\"paging\">");
    for (rel, words) in [("prev", "Vorige pagina"), ("next", "Volgende pagina")] {
        if let Some(href) = link(doc, rel) {
            let _ = write!(html, "<a href=\"{}\" rel=\"{rel}\">{words}</a> ", escape(&with_html(href)));
        }
    }
    html.push_str("</p>");
    html
}

/// One item: its properties, and the project on the map.
pub fn item(doc: &Value) -> String {
    let mut html = String::new();
    let id = doc["id"].as_str().unwrap_or_default();
    let _ = write!(html, "<p><a href=\"/?project={}\">Bekijk dit project op de kaart</a></p><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel: de gegevens van dit project\"><table class=\"data-table\"><tbody>", escape(&encode(id)));
    for (key, value) in doc["properties"].as_object().into_iter().flatten() {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let _ = write!(html, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(key), escape(&text));
    }
    html.push_str("</tbody></table></div>");
    links(&mut html, doc);
    html
}

fn links(html: &mut String, doc: &Value) {
    let Some(links) = doc["links"].as_array() else { return };
    html.push_str("<h2>Links</h2><ul>");
    for l in links {
        let (href, rel) = (l["href"].as_str().unwrap_or_default(), l["rel"].as_str().unwrap_or_default());
        let title = l["title"].as_str().unwrap_or(rel);
        let kind = l["type"].as_str().map(|t| format!(" ({t})")).unwrap_or_default();
        let _ = write!(html, "<li><a href=\"{}\">{}</a> <small>{}{}</small></li>", escape(href), escape(title), escape(rel), escape(&kind));
    }
    html.push_str("</ul>");
}

fn link<'a>(doc: &'a Value, rel: &str) -> Option<&'a str> {
    doc["links"].as_array()?.iter().find(|l| l["rel"] == rel)?["href"].as_str()
}

/// A link to a JSON page of items, as the HTML page of it.
fn with_html(href: &str) -> String {
    format!("{href}{}f=html", if href.contains('?') { '&' } else { '?' })
}

fn encode(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes()).collect()
}
