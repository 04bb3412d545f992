//! A municipality's delivered texts are anyone's text: a name, place, address, developer,
//! description or link that is markup must reach every page as text, in the head as well as
//! the body, in the pages for people and in the feeds. Each field carries its own payload, so
//! a failure names the field that leaked and the page it leaked into.

use crate::common::TestApp;
use server::store::Access;

/// Per field, the text delivered and the markup that must never appear raw in an answer.
const PAYLOADS: [(&str, &str, &str); 6] = [
    ("naam", r#"</title><meta http-equiv="refresh" content="0;url=https://example.org/x"><script>alert(1)</script>"#, "<meta http-equiv"),
    ("kern", r#"Emmen"><img src=x onerror=alert(2)>"#, "<img src=x onerror=alert(2)"),
    ("adres", r#"</textarea><iframe src=//example.org/3></iframe>"#, "<iframe src=//example.org/3"),
    ("ontwikkelaar", r#"</text></svg><script>alert(4)</script>&"'"#, "<script>alert(4)"),
    ("omschrijving", r#"]]></content><script>alert(5)</script><!--"#, "<script>alert(5)"),
    ("link", r#"https://example.org/"><script>alert(6)</script>"#, "<script>alert(6)"),
];

fn hostile_delivery() -> String {
    let mut properties = serde_json::json!({
        "gemeente": "GM0114", "locatie": "exact", "vertrouwelijkheid": "openbaar",
        "per_prijsklasse": { "sociale-huur": 20 }, "plantype": "verdichting", "soort_ontwikkelaar": "marktpartij",
        "status": "vergund", "start": 2026, "oplevering": 2028, "bijgewerkt": "2026-10-01"
    });
    for (field, text, _) in PAYLOADS {
        properties[field] = text.into();
    }
    serde_json::json!({
        "type": "FeatureCollection",
        "features": [{ "type": "Feature", "id": "kwaad", "geometry": { "type": "Point", "coordinates": [6.9061, 52.7858] }, "properties": properties }]
    })
    .to_string()
}

/// The raw markup of any payload found in `body`, with the field it came from.
fn leaks(body: &str) -> Vec<&'static str> {
    PAYLOADS.iter().filter(|(_, _, raw)| body.contains(raw)).map(|(field, _, _)| *field).collect()
}

/// The text of the page's one `<title>` element.
fn title(page: &str) -> &str {
    assert_eq!(page.matches("<title").count(), 1, "one title element");
    let start = page.find("<title>").expect("a title") + "<title>".len();
    &page[start..start + page[start..].find("</title>").expect("the title closes")]
}

#[tokio::test]
async fn delivered_texts_are_text_on_every_page_head_included() {
    let app = TestApp::start().await;
    let token = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret;
    let body = hostile_delivery();

    // The official's own check of the file shows the texts too.
    let form = reqwest::multipart::Form::new()
        .text("sleutel", token.clone())
        .part("bestand", reqwest::multipart::Part::bytes(body.clone().into_bytes()).file_name("kwaad.geojson").mime_str("application/geo+json").unwrap())
        .text("formaat", "herkennen")
        .text("actie", "proef");
    let check = app.client.post(format!("{}/beheer", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(check.status(), 200);
    let check = check.text().await.unwrap();
    assert!(check.contains("kwaad"), "the check lists the project");
    assert_eq!(leaks(&check), Vec::<&str>::new(), "/beheer's check");

    let response = app
        .client
        .post(format!("{}/api/beheer/import", app.base))
        .bearer_auth(&token)
        .header("content-type", "application/geo+json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let id = "GM0114-kwaad";
    // The public snapshot follows the write.
    for _ in 0..100 {
        if app.get(&format!("/api/projects/{id}")).await.status() == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let developer = form_urlencoded::byte_serialize(PAYLOADS[3].1.as_bytes()).collect::<String>();
    let name = form_urlencoded::byte_serialize(PAYLOADS[0].1.as_bytes()).collect::<String>();
    let pages = [
        format!("/?project={id}"),
        format!("/?project={id}&weergave=lijst"),
        format!("/?ontwikkelaar={developer}"),
        "/?gemeente=GM0114&weergave=lijst&sorteer=naam".to_owned(),
        "/".to_owned(),
        "/regio".to_owned(),
        "/regio/zuidoost".to_owned(),
        "/gemeente/GM0114".to_owned(),
        format!("/gemeente/GM0114?ontwikkelaar={developer}"),
        "/embed?gemeente=GM0114".to_owned(),
        format!("/embed?gemeente=GM0114&project={id}"),
        "/embed?gemeente=GM0114&weergave=lijst".to_owned(),
        "/embed?gemeente=GM0114&weergave=cijfers".to_owned(),
        format!("/zoeken?q={name}"),
        "/zoeken?q=alert".to_owned(),
        format!("/api/v1/collections/projecten/items/{id}?f=html"),
        "/api/v1/collections/projecten/items?f=html&gemeente=GM0114".to_owned(),
    ];
    for path in &pages {
        let page = app.page(path).await;
        assert_eq!(leaks(&page), Vec::<&str>::new(), "{path}");
        let title = title(&page);
        assert!(!title.contains('<'), "{path}: the title is text: {title}");
    }
    // The project's own page has its name, as text, as its title.
    let page = app.page(&format!("/?project={id}")).await;
    assert!(
        title(&page).starts_with("&lt;/title&gt;&lt;meta http-equiv=\"refresh\"")
            || title(&page).starts_with("&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot;"),
        "escaped once: {}",
        title(&page)
    );
    assert!(page.contains("Emmen&quot;&gt;&lt;img") || page.contains("Emmen\"&gt;&lt;img"), "the place as text");

    // The feeds are XML that a reader parses, with the texts as text.
    for feed in ["/api/v1/feeds/gemeente/GM0114", "/api/v1/feeds/regio/zuidoost", "/api/v1/feeds/provincie"] {
        let xml = app.get(feed).await.text().await.unwrap();
        let document = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert!(document.descendants().all(|n| !matches!(n.tag_name().name(), "script" | "meta" | "img" | "iframe")), "{feed}");
        assert!(xml.contains("alert(1)"), "{feed} names the project");
    }
}
