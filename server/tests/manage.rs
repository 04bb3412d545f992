//! The data management API against the real router: tokens, imports all or nothing, who may
//! see and write what, the audit trail, and a second instance on the same database.

use crate::common::TestApp;
use domain::import::Problem;
use serde_json::Value;
use server::store::Access;
use std::time::{Duration, Instant};

const CSV: &str = include_str!("fixtures/emmen.csv");
const GEOJSON: &str = include_str!("fixtures/emmen.geojson");

async fn token(app: &TestApp, access: Access) -> String {
    app.store.create_token(access, "test").await.unwrap().secret
}

async fn emmen(app: &TestApp) -> String {
    token(app, Access::Municipality("GM0114".into())).await
}

impl TestApp {
    async fn send(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: &str, content_type: &str) -> (u16, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).header("content-type", content_type).body(body.to_owned());
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    async fn import(&self, token: &str, body: &str, query: &str) -> (u16, Value) {
        self.send(reqwest::Method::POST, &format!("/api/beheer/import{query}"), Some(token), body, "text/csv").await
    }

    async fn public_ids(&self, query: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .features(&format!("/api/projects{query}"))
            .await
            .features
            .iter()
            .map(|f| match &f.id {
                Some(geojson::feature::Id::String(s)) => s.clone(),
                other => panic!("id {other:?}"),
            })
            .collect();
        ids.sort();
        ids
    }
}

fn ids(summary: &Value, key: &str) -> Vec<String> {
    let mut ids: Vec<String> = summary[key].as_array().unwrap_or_else(|| panic!("{key} in {summary}")).iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids
}

fn problems(body: &Value) -> Vec<Problem> {
    body["problemen"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {body}"))
        .iter()
        .map(|p| Problem::new(p["record"].as_str().unwrap(), p["veld"].as_str().unwrap(), p["reden"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_spreadsheet_import_replaces_the_municipality_and_the_map_shows_only_public_plans() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let demo_emmen = app.public_ids("?gemeente=GM0114").await;
    assert!(demo_emmen.len() > 10, "the demo has Emmen projects to replace");

    // A dry run says what would happen and changes nothing.
    let version = app.store.version().await.unwrap();
    let (status, dry) = app.import(&token, CSV, "?proef=ja").await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(dry["proef"], true);
    assert_eq!(ids(&dry, "toegevoegd"), ["GM0114-1", "GM0114-2", "GM0114-3", "GM0114-4"]);
    assert_eq!(ids(&dry, "verwijderd").len(), app.store.snapshot().await.unwrap().projects.iter().filter(|p| p.municipality.as_str() == "GM0114").count());
    assert_eq!(app.store.version().await.unwrap(), version);
    assert_eq!(app.public_ids("?gemeente=GM0114").await, demo_emmen);

    let (status, applied) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!(applied["proef"], false);
    assert_eq!(ids(&applied, "toegevoegd"), ids(&dry, "toegevoegd"));
    // Only the two public plans reach the map, at once on this instance.
    assert_eq!(app.public_ids("?gemeente=GM0114").await, ["GM0114-1", "GM0114-2"]);
    let page = app.get("/?gemeente=GM0114").await.text().await.unwrap();
    assert!(page.contains("Testplan Stadscentrum") && !page.contains("Testplan Schoonebeek Oost") && !page.contains("Testplan Nieuw-Amsterdam"));
    // Other municipalities are untouched.
    assert!(!app.public_ids("?gemeente=GM1680").await.is_empty());

    // The same file again changes nothing.
    let version = app.store.version().await.unwrap();
    let (status, again) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200);
    assert_eq!(again["ongewijzigd"], 4);
    assert!(ids(&again, "toegevoegd").is_empty() && ids(&again, "gewijzigd").is_empty() && ids(&again, "verwijderd").is_empty());
    assert_eq!(app.store.version().await.unwrap(), version);
}

#[tokio::test]
async fn geojson_and_csv_describe_the_same_projects() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let (status, first) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = app.send(reqwest::Method::POST, "/api/beheer/import", Some(&token), GEOJSON, "application/geo+json").await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["ongewijzigd"], 4, "{second}");
    // And our own export of a project imports as itself.
    let exported = app.get("/api/projects/GM0114-1").await.text().await.unwrap();
    let (status, put) = app.send(reqwest::Method::PUT, "/api/beheer/projecten/GM0114-1", Some(&token), &exported, "application/geo+json").await;
    assert_eq!((status, put["ongewijzigd"].clone()), (200, Value::from(1)), "{put}");
}

#[tokio::test]
async fn every_problem_is_reported_with_line_and_field_and_nothing_changes() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let (status, _) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200);
    let before = app.store.snapshot().await.unwrap();
    let header = CSV.lines().next().unwrap();
    let good = CSV.lines().nth(1).unwrap();
    let cases: Vec<(String, &str, &str)> = vec![
        (good.replace(";24;12;", ";-3;12;"), "sociale_huur", "-3 is negatief"),
        (good.replace(";24;12;", ";2,5;12;"), "sociale_huur", "2.5 is geen geheel getal"),
        (good.replace(";36;0;36;", ";40;0;36;"), "woningen_totaal", "is 40, maar de aantallen per prijsklasse tellen op tot 36"),
        (good.replace("6,9061;52,7858", "52,7858;6,9061"), "geometrie", "verwisseld"),
        (good.replace("6,9061;52,7858", "4,90;52,37"), "geometrie", "ligt buiten de provincie"),
        (good.replace("In aanbouw", "Bijna klaar"), "status", "onbekende waarde 'Bijna klaar'"),
        (good.replace(";openbaar;", ";geheim;"), "vertrouwelijkheid", "onbekende waarde 'geheim'"),
        (good.replace(";2025;2027;", ";2025;3027;"), "oplevering", "jaar 3027 ligt niet tussen"),
        (good.replace(";2025;2027;", ";2029;2027;"), "oplevering", "2027 ligt vóór het startjaar 2029"),
        (good.replace("Testplan Stadscentrum", &"x".repeat(151)), "naam", "het maximum is 150"),
        (format!("{good}\n{good}"), "id", "staat ook in regel 2"),
    ];
    for (rows, field, reason) in cases {
        let body = format!("{header}\n{rows}\n");
        let (status, answer) = app.import(&token, &body, "").await;
        assert_eq!(status, 422, "{field}: {answer}");
        let found = problems(&answer);
        assert!(
            found.iter().any(|p| p.field == field && p.reason.contains(reason) && p.record.starts_with("regel ")),
            "expected {field}: {reason}, got {found:#?}"
        );
        assert!(answer["fout"].as_str().unwrap().contains("niets gewijzigd"));
    }
    // A line with several problems reports all of them; another municipality's line is named.
    let bad = good.replace(";24;12;", ";-3;12;").replace("In aanbouw", "Bijna klaar");
    let (_, answer) = app.import(&token, &format!("{header};Gemeente\n{bad};Assen\n"), "").await;
    let fields: Vec<String> = problems(&answer).into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["sociale_huur", "status"], "{answer}");
    let assen = format!("{header};Gemeente\n{good};Assen\n");
    let (_, answer) = app.import(&token, &assen, "").await;
    assert_eq!(problems(&answer)[0].field, "gemeente", "{answer}");
    assert!(problems(&answer)[0].reason.contains("dit token mag alleen projecten van Emmen"));
    // Files that are not what they claim.
    let (status, answer) = app.import(&token, "naam;kleur\nA;rood\n", "").await;
    assert_eq!(status, 422);
    assert!(problems(&answer).iter().any(|p| p.field == "kleur" && p.reason == "onbekende kolom"), "{answer}");
    let (status, answer) = app.send(reqwest::Method::POST, "/api/beheer/import", Some(&token), "{\"type\": \"Feature\"", "application/json").await;
    assert_eq!(status, 422);
    assert!(problems(&answer)[0].reason.starts_with("geen geldige JSON"), "{answer}");
    let (status, answer) = app.import(&token, &format!("{header}\n"), "").await;
    assert_eq!(status, 422);
    assert_eq!(problems(&answer)[0].reason, "het bestand bevat geen projecten");

    let after = app.store.snapshot().await.unwrap();
    assert_eq!((after.version, after.projects), (before.version, before.projects), "nothing was written");
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let big = "x".repeat(app.settings.upload_limit + 1);
    let (status, answer) = app.import(&token, &big, "").await;
    assert_eq!(status, 413, "{answer}");
    assert!(answer["fout"].as_str().unwrap().contains("groter dan"));
}

#[tokio::test]
async fn who_may_see_and_write_what() {
    let app = TestApp::start().await;
    let emmen = emmen(&app).await;
    let assen = token(&app, Access::Municipality("GM0106".into())).await;
    let province = token(&app, Access::Province).await;
    let revoked = app.store.create_token(Access::Municipality("GM0114".into()), "weg").await.unwrap();
    assert!(app.store.revoke_token(&revoked.info.id).await.unwrap());
    let (status, _) = app.import(&emmen, CSV, "").await;
    assert_eq!(status, 200);
    // Assen's own three levels, in Assen.
    let assen_csv = CSV
        .replace("6,9061;52,7858", "6,5640;52,9925")
        .replace("6,9912;52,7311", "6,5500;53,0100")
        .replace("6,8853;52,6621", "6,5800;52,9800")
        .replace("6,8620;52,7160", "6,5300;52,9900");
    let (status, answer) = app.import(&assen, &assen_csv, "").await;
    assert_eq!(status, 200, "{answer}");

    use reqwest::Method;
    let levels = [("1", "openbaar"), ("3", "provincie"), ("4", "gemeente")];
    for (who, secret) in [
        ("emmen", Some(emmen.as_str())),
        ("assen", Some(assen.as_str())),
        ("provincie", Some(province.as_str())),
        ("geen", None),
        ("ingetrokken", Some(revoked.secret.as_str())),
    ] {
        for owner in ["GM0114", "GM0106"] {
            for (n, level) in levels {
                let id = format!("{owner}-{n}");
                let own = matches!((who, owner), ("emmen", "GM0114") | ("assen", "GM0106"));
                let case = format!("{who} × {id} ({level})");
                let read = match who {
                    "geen" | "ingetrokken" => 401,
                    "provincie" if level != "gemeente" => 200,
                    _ if own => 200,
                    _ => 404,
                };
                let write = match who {
                    "geen" | "ingetrokken" => 401,
                    "provincie" => 403,
                    _ if own => 200,
                    _ => 404,
                };
                // A revoked token is a failed login: after a burst from this client, 429 instead
                // of 401 (the burst itself is `hardening::failed_logins_…`).
                let refused = |status: u16| if who == "ingetrokken" && status == 429 { 401 } else { status };
                assert_eq!(refused(app.send(Method::GET, &format!("/api/beheer/projecten/{id}"), secret, "", "text/plain").await.0), read, "GET {case}");
                assert_eq!(
                    refused(app.send(Method::GET, &format!("/api/beheer/projecten/{id}/geschiedenis"), secret, "", "text/plain").await.0),
                    read,
                    "history {case}"
                );
                let feature = feature_for(&app, &id).await;
                let (status, answer) = app.send(Method::PUT, &format!("/api/beheer/projecten/{id}"), secret, &feature, "application/geo+json").await;
                assert_eq!(refused(status), write, "PUT {case}: {answer}");
                if write != 200 {
                    let (status, _) = app.send(Method::DELETE, &format!("/api/beheer/projecten/{id}"), secret, "", "text/plain").await;
                    assert_eq!(refused(status), write, "DELETE {case}");
                }
                // The public API only ever has the public level.
                assert_eq!(app.get(&format!("/api/projects/{id}")).await.status().as_u16(), if level == "openbaar" { 200 } else { 404 }, "public {case}");
            }
        }
        // Lists and the audit trail follow the same rule.
        if let Some(secret) = secret.filter(|_| !matches!(who, "ingetrokken")) {
            let (status, list) = app.send(Method::GET, "/api/beheer/projecten", Some(secret), "", "text/plain").await;
            assert_eq!(status, 200);
            let listed: Vec<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap())
                .filter(|id| id.starts_with("GM0114-") || id.starts_with("GM0106-"))
                .collect();
            let expected: Vec<&str> = match who {
                "emmen" => vec!["GM0114-1", "GM0114-2", "GM0114-3", "GM0114-4"],
                "assen" => vec!["GM0106-1", "GM0106-2", "GM0106-3", "GM0106-4"],
                _ => vec!["GM0106-1", "GM0106-2", "GM0106-3", "GM0114-1", "GM0114-2", "GM0114-3"],
            };
            let mut listed = listed;
            listed.sort();
            assert_eq!(listed, expected, "list for {who}");
            let (status, changes) = app.send(Method::GET, "/api/beheer/wijzigingen?aantal=1000", Some(secret), "", "text/plain").await;
            assert_eq!(status, 200);
            let seen: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c["project"].as_str().unwrap()).collect();
            assert!(!seen.contains(&"GM0114-4") || who == "emmen", "{who} sees a municipality-only change");
            assert!(!seen.contains(&"GM0106-1") || who != "emmen", "emmen sees Assen's changes");
        }
    }
    let (status, _) = app.import(&province, CSV, "").await;
    assert_eq!(status, 403, "the province does not import");
    let (status, _) = app.send(Method::GET, "/api/beheer/wijzigingen?gemeente=GM0106", Some(&emmen), "", "text/plain").await;
    assert_eq!(status, 403);

    // The newest change is one the province may not see: it still gets as many as it asks for.
    let renamed = CSV.replace("Testplan Nieuw-Amsterdam", "Testplan Nieuw-Amsterdam Zuid");
    let (status, answer) = app.import(&emmen, &renamed, "").await;
    assert_eq!((status, ids(&answer, "gewijzigd")), (200, vec!["GM0114-4".to_owned()]));
    for asked in 1..=3 {
        let (status, changes) =
            app.send(Method::GET, &format!("/api/beheer/wijzigingen?gemeente=GM0114&aantal={asked}"), Some(&province), "", "text/plain").await;
        assert_eq!(status, 200);
        let seen: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c["project"].as_str().unwrap()).collect();
        assert_eq!(seen.len(), asked, "{seen:?}");
        assert!(!seen.contains(&"GM0114-4"));
    }
}

/// A municipality's own project as a feature for PUT (whatever the caller may see).
async fn feature_for(app: &TestApp, id: &str) -> String {
    let project = app.store.project(id).await.unwrap().unwrap_or_else(|| panic!("{id} stored"));
    let mut props = serde_json::json!({
        "naam": project.name, "gemeente": project.municipality.as_str(), "kern": project.place,
        "vertrouwelijkheid": project.confidentiality.slug(), "plantype": project.plan_type.slug(),
        "status": project.status.slug(), "bijgewerkt": project.last_updated,
        "eengezins": project.forms.eengezins, "meergezins": project.forms.meergezins,
        "soort_ontwikkelaar": project.developer.kind.slug(), "ontwikkelaar": project.developer.name,
        "locatie": project.location.precision.slug(), "omschrijving": project.description,
    });
    for (class, n) in project.homes.iter().filter(|(_, n)| *n > 0) {
        props[class.slug()] = n.into();
    }
    for (key, year) in [("start", project.start_year), ("oplevering", project.delivery_year)] {
        if let Some(y) = year {
            props[key] = y.into();
        }
    }
    if let Some(link) = &project.link {
        props["link"] = link.as_str().into();
    }
    props["doelgroepen"] = project.target_groups.iter().map(|g| g.slug()).collect();
    serde_json::json!({
        "type": "Feature", "id": id,
        "geometry": { "type": "Point", "coordinates": [project.location.point.lon, project.location.point.lat] },
        "properties": props,
    })
    .to_string()
}

#[tokio::test]
async fn every_change_is_recorded_with_before_after_and_token() {
    let app = TestApp::start().await;
    let created = app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap();
    let (status, _) = app.import(&created.secret, CSV, "").await;
    assert_eq!(status, 200);
    let changed = CSV.replace(";In aanbouw;", ";Opgeleverd;").replace(";2026-10-01\n", ";2026-11-20\n");
    let (status, answer) = app.import(&created.secret, &changed, "").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(ids(&answer, "gewijzigd"), ["GM0114-1", "GM0114-2", "GM0114-3", "GM0114-4"]);
    let (status, history) = app.send(reqwest::Method::GET, "/api/beheer/projecten/GM0114-1/geschiedenis", Some(&created.secret), "", "text/plain").await;
    assert_eq!(status, 200);
    let history = history.as_array().unwrap().clone();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["soort"], "toegevoegd");
    assert!(history[0]["voor"].is_null());
    assert_eq!(history[1]["soort"], "gewijzigd");
    assert_eq!(history[1]["voor"]["status"], "in-aanbouw");
    assert_eq!(history[1]["na"]["status"], "opgeleverd");
    assert_eq!(history[1]["door"], created.info.id.as_str());
    let (status, _) = app.send(reqwest::Method::DELETE, "/api/beheer/projecten/GM0114-2", Some(&created.secret), "", "text/plain").await;
    assert_eq!(status, 204);
    let recent = app.store.recent_changes(Some(&"GM0114".into()), 1).await.unwrap();
    assert_eq!((recent[0].project.as_str(), recent[0].kind.slug()), ("GM0114-2", "verwijderd"));
    assert!(recent[0].before.is_some() && recent[0].after.is_none());
}

#[tokio::test]
async fn two_imports_at_once_are_applied_one_after_the_other() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let other = CSV.replace("Testplan Stadscentrum", "Testplan Stadscentrum II");
    let (a, b) = tokio::join!(app.import(&token, CSV, ""), app.import(&token, &other, ""));
    assert_eq!((a.0, b.0), (200, 200), "{a:?} {b:?}");
    let stored = app.store.snapshot().await.unwrap();
    let emmen: Vec<_> = stored.projects.iter().filter(|p| p.municipality.as_str() == "GM0114").collect();
    assert_eq!(emmen.len(), 4, "one complete delivery, not a mix of two");
    // The second one applied changed exactly the one name, against the first.
    let changed = [ids(&a.1, "gewijzigd"), ids(&b.1, "gewijzigd")];
    assert!(changed.contains(&vec!["GM0114-1".to_owned()]), "{changed:?}");
}

#[tokio::test]
async fn a_second_instance_serves_a_change_within_seconds() {
    let first = TestApp::start().await;
    let second = first.second_instance().await;
    let token = emmen(&first).await;
    assert!(!second.public_ids("?gemeente=GM0114").await.contains(&"GM0114-1".to_owned()));
    let (status, _) = first.import(&token, CSV, "").await;
    assert_eq!(status, 200);
    let started = Instant::now();
    loop {
        if second.public_ids("?gemeente=GM0114").await == ["GM0114-1", "GM0114-2"] {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "the second instance still serves the old data");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

const PLANMONITOR: &str = include_str!("fixtures/emmen-planmonitor.json");

#[tokio::test]
async fn a_planmonitor_export_describes_the_same_projects_as_the_spreadsheet() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let (status, _) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200);
    let from_csv = app.store.snapshot().await.unwrap().projects;
    let (status, answer) = app.send(reqwest::Method::POST, "/api/beheer/import", Some(&token), PLANMONITOR, "application/json").await;
    assert_eq!(status, 200, "{answer}");
    assert!(ids(&answer, "toegevoegd").is_empty() && ids(&answer, "verwijderd").is_empty(), "{answer}");
    let from_monitor = app.store.snapshot().await.unwrap().projects;
    let emmen = |ps: &[domain::Project]| ps.iter().filter(|p| p.municipality.as_str() == "GM0114").cloned().collect::<Vec<_>>();
    let (a, b) = (emmen(&from_csv), emmen(&from_monitor));
    assert_eq!(a.len(), 4);
    for (csv, monitor) in a.iter().zip(&b) {
        let same = |p: &domain::Project| {
            (
                p.id.clone(),
                p.name.clone(),
                p.place.clone(),
                p.homes,
                p.forms,
                p.plan_type,
                p.developer.clone(),
                p.status,
                p.start_year,
                p.delivery_year,
                p.confidentiality,
            )
        };
        assert_eq!(same(csv), same(monitor));
        // RD New → WGS84: the same place within about a metre.
        let (d_lon, d_lat) = (csv.location.point.lon - monitor.location.point.lon, csv.location.point.lat - monitor.location.point.lat);
        assert!(d_lon.abs() < 2e-5 && d_lat.abs() < 1e-5, "{}: {d_lon} {d_lat}", csv.id);
    }
    assert!(b[0].location.area.is_some(), "the plan area comes along");

    // Problems name the monitor's own fields.
    let broken = PLANMONITOR
        .replace("\"Huur middenhuur\"", "\"Huur goedkoop\"")
        .replace("POINT(263342.34 528284.17)", "POINT(6.99 52.73)")
        .replace("\"aantalGepland\": 10", "\"aantalGepland\": 11");
    let (status, answer) = app.send(reqwest::Method::POST, "/api/beheer/import", Some(&token), &broken, "application/json").await;
    assert_eq!(status, 422, "{answer}");
    let found: Vec<(String, String)> = problems(&answer).into_iter().map(|p| (p.record, p.field)).collect();
    let expected = [
        ("planregistratie 1", "plancategorieen[2].betaalbaarheid"),
        ("planregistratie 2", "planregistratie.geometrie"),
        ("planregistratie 3", "detailplanningen"),
    ];
    assert_eq!(found, expected.map(|(r, f)| (r.to_owned(), f.to_owned())), "{answer}");
    assert!(problems(&answer)[1].reason.contains("lijkt WGS84"));
    assert_eq!(app.store.snapshot().await.unwrap().projects, from_monitor, "nothing was written");
}

/// The text of the status timeline on a project's public page, one line per step.
async fn timeline(app: &TestApp, id: &str) -> Vec<String> {
    let page = app.get(&format!("/?project={id}")).await.text().await.unwrap();
    let start = page.find("class=\"timeline\"").unwrap_or_else(|| panic!("a timeline for {id}"));
    let list = &page[start..start + page[start..].find("</ol>").unwrap()];
    list.split("<li")
        .skip(1)
        .map(|item| {
            let mut text = String::new();
            let mut in_tag = true;
            for c in item.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[tokio::test]
async fn a_project_page_shows_its_public_status_history() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let (status, _) = app.import(&token, CSV, "").await;
    assert_eq!(status, 200);
    // Stadscentrum is delivered; Schoonebeek Oost goes public once it is permitted.
    let later = CSV
        .replace(";In aanbouw;", ";Opgeleverd;")
        .replace("exact;provincie;6;;4;;10;10;0;Verdichting;;;gemeente;Planvorming;", "exact;openbaar;6;;4;;10;10;0;Verdichting;;;gemeente;Vergund;");
    let (status, answer) = app.import(&token, &later, "").await;
    assert_eq!(status, 200, "{answer}");
    let date = app::format::date(&server::store::today());
    assert_eq!(timeline(&app, "GM0114-1").await, [format!("{date} In aanbouw"), format!("{date} Opgeleverd (nu)")]);
    // Its time as a provincial plan is not shown.
    assert_eq!(timeline(&app, "GM0114-3").await, [format!("{date} Vergund (nu)")]);
    // A project that is not public has no page at all.
    let page = app.get("/?project=GM0114-4").await.text().await.unwrap();
    assert!(!page.contains("class=\"timeline\"") && page.contains("bestaat niet of is niet openbaar"));
}

#[tokio::test]
async fn the_province_publishes_the_total_of_homes_in_non_public_plans() {
    let app = TestApp::start().await;
    let second = app.second_instance().await;
    let province = app.store.create_token(Access::Province, "test").await.unwrap();
    let emmen = emmen(&app).await;
    let withheld = |app: &TestApp| {
        let url = format!("{}/api/stats/gemeente/GM0114", app.base);
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().json::<Value>().await.unwrap()["niet_openbaar_woningen"].clone() }
    };
    assert!(withheld(&app).await.is_null(), "the configuration does not publish it");
    let (status, now) = app.send(reqwest::Method::GET, "/api/beheer/publicatie", Some(&emmen), "", "text/plain").await;
    assert_eq!(status, 200);
    assert_eq!(now["niet_openbaar_totaal"], serde_json::json!({ "publiceren": false, "bron": "configuratie" }));

    let on = r#"{"niet_openbaar_totaal": true}"#;
    let (status, _) = app.send(reqwest::Method::PUT, "/api/beheer/publicatie", Some(&emmen), on, "application/json").await;
    assert_eq!(status, 403, "a municipality does not decide what the province publishes");
    let (status, answer) =
        app.send(reqwest::Method::PUT, "/api/beheer/publicatie", Some(&province.secret), r#"{"niet_openbaar_totaal": "ja"}"#, "application/json").await;
    assert_eq!(status, 400, "{answer}");
    assert!(withheld(&app).await.is_null());

    let (status, answer) = app.send(reqwest::Method::PUT, "/api/beheer/publicatie", Some(&province.secret), on, "application/json").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["niet_openbaar_totaal"]["bron"], "provincie");
    assert_eq!(answer["niet_openbaar_totaal"]["door"], province.info.id.as_str());
    let hidden: u64 = app
        .store
        .snapshot()
        .await
        .unwrap()
        .projects
        .iter()
        .filter(|p| p.municipality.as_str() == "GM0114" && !p.is_public())
        .map(|p| u64::from(p.total_homes()))
        .sum();
    assert!(hidden > 0, "the demo has non-public homes in Emmen");
    assert_eq!(withheld(&app).await, hidden, "one total, the sum of the non-public homes");
    let page = app.get("/gemeente/GM0114").await.text().await.unwrap();
    assert!(page.contains("data-testid=\"withheld\""));
    // The other instance follows within seconds.
    let started = Instant::now();
    while withheld(&second).await != hidden {
        assert!(started.elapsed() < Duration::from_secs(5), "the second instance did not follow");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let (status, _) =
        app.send(reqwest::Method::PUT, "/api/beheer/publicatie", Some(&province.secret), r#"{"niet_openbaar_totaal": false}"#, "application/json").await;
    assert_eq!(status, 200);
    assert!(withheld(&app).await.is_null());
}

#[tokio::test]
async fn a_compressed_or_packed_delivery_is_415_and_says_to_unpack_it() {
    use std::io::Write;
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(CSV.as_bytes()).unwrap();
    let packed = gz.finish().unwrap();
    // Announced as compressed …
    let response = app
        .client
        .post(format!("{}/api/beheer/import", app.base))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .header("content-encoding", "gzip")
        .body(packed.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert!(response.text().await.unwrap().contains("onverpakt"));
    // … or a .gz file sent as it is.
    let response = app.client.post(format!("{}/api/beheer/import", app.base)).bearer_auth(&token).body(packed).send().await.unwrap();
    assert_eq!(response.status(), 415);
    assert!(response.text().await.unwrap().contains("gzip-bestand: pak het eerst uit"));
}

/// What the site exports (`/api/projects?gemeente=…`), a municipality can deliver back as it
/// is: for every municipality of the province, a dry run of its own export is accepted and adds
/// nothing; it changes only the demo's invented plans (delivered, a plan is no longer the demo's
/// example) and removes only the plans the public does not see, which the export leaves out.
#[tokio::test]
async fn every_municipalitys_export_imports_back_unchanged() {
    let app = TestApp::start().await;
    let province = server::config::load(&app.settings.province).unwrap().province;
    for municipality in &province.municipalities {
        let code = municipality.code.as_str();
        let token = token(&app, Access::Municipality(code.into())).await;
        let export = app.get(&format!("/api/projects?gemeente={code}")).await.text().await.unwrap();
        let (status, answer) = app.send(reqwest::Method::POST, "/api/beheer/import?proef=ja", Some(&token), &export, "application/geo+json").await;
        assert_eq!(status, 200, "{code} ({}): {answer}", municipality.name);
        assert_eq!(ids(&answer, "toegevoegd"), Vec::<String>::new(), "{code}");
        let changed = ids(&answer, "gewijzigd");
        assert!(changed.iter().all(|id| id.contains("-voorbeeld-")), "{code}: {changed:?}");
        let real = app
            .features(&format!("/api/projects?gemeente={code}"))
            .await
            .features
            .iter()
            .filter(|f| f.property("voorbeeld") == Some(&Value::Bool(false)))
            .count();
        assert_eq!(answer["ongewijzigd"], real, "{code}: every real plan unchanged");
    }
}
