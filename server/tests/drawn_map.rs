//! The server's drawing of the map takes clicks (issue 24): every drawn cluster links to a part
//! of the map that the server draws zoomed in, with all of the cluster's projects in it, and
//! every drawn pin opens its project. Followed through the real router, for the province's map
//! and an embed.

use crate::common::TestApp;

/// A link on the drawn map: where it goes and how many projects it stands for.
#[derive(Debug)]
struct Mark {
    href: String,
    projects: u64,
    cluster: bool,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..start + tag[start..].find('"')?];
    Some(value.replace("&amp;", "&"))
}

/// The drawn map's marks, and whether it draws a part of its area.
fn marks(html: &str) -> (Vec<Mark>, bool) {
    let marks = html
        .match_indices("<a ")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .filter(|tag| attribute(tag, "class").is_some_and(|c| c.starts_with("mark ")))
        .map(|tag| {
            let label = attribute(tag, "aria-label").expect("a mark has a name");
            let cluster = attribute(tag, "class").is_some_and(|c| c == "mark cluster");
            let projects = if cluster { label.split(' ').next().unwrap().parse().unwrap() } else { 1 };
            Mark { href: attribute(tag, "href").expect("a mark is a link"), projects, cluster }
        })
        .collect();
    (marks, html.contains("class=\"map-preview-box part\""))
}

#[tokio::test]
async fn every_drawn_cluster_leads_to_its_part_and_every_pin_to_its_project() {
    let app = TestApp::start().await;
    for start in ["/", "/embed?gemeente=GM0114", "/?prijsklasse=sociale-huur"] {
        let (first, part) = marks(&app.page(start).await);
        assert!(!part && first.iter().any(|m| m.cluster), "{start}: the whole area, with clusters");
        for cluster in first.iter().filter(|m| m.cluster) {
            assert!(cluster.href.contains("uitsnede="), "{start}: {cluster:?}");
            let (inside, part) = marks(&app.page(&cluster.href).await);
            assert!(part, "{}: a part", cluster.href);
            let shown: u64 = inside.iter().map(|m| m.projects).sum();
            assert!(shown >= cluster.projects, "{}: {shown} projects drawn, the cluster had {}", cluster.href, cluster.projects);
            // The filter and the embed's area stay.
            let kept = start.split_once('?').map(|(_, q)| q).unwrap_or("");
            assert!(cluster.href.contains(kept), "{}", cluster.href);
            for pin in inside.iter().filter(|m| !m.cluster).take(1) {
                assert!(pin.href.contains("project=") && pin.href.contains("uitsnede="), "{pin:?}");
                let response = app.get(&pin.href).await;
                assert_eq!(response.status(), 200, "{}", pin.href);
                let html = response.text().await.unwrap();
                assert!(html.contains("class=\"mark pin") && html.contains(" selected\""), "{}: its pin is marked", pin.href);
            }
        }
    }
}

#[tokio::test]
async fn a_part_that_cannot_be_read_is_named_and_the_whole_map_drawn() {
    let app = TestApp::start().await;
    for (part, says) in [("oost", "geen uitsnede"), ("7,53,6,52", "geen gebied op aarde"), ("1,2,3", "niet vier getallen")] {
        let html = app.page(&format!("/?uitsnede={part}")).await;
        assert!(html.contains(&format!("uitsnede: &#x27;{part}&#x27; ")) || html.contains(&format!("uitsnede: '{part}' ")), "{part}");
        assert!(html.contains(says), "{part}: {says}");
        let (drawn, is_part) = marks(&html);
        assert!(!is_part && !drawn.is_empty(), "{part}: the whole map");
    }
    // A part far from every project (the North Sea) draws the whole map.
    let (_, is_part) = marks(&app.page("/?uitsnede=3.0,53.5,3.2,53.6").await);
    assert!(!is_part);
}
