//! Hostile and careless input, and the server as a process: ids and texts in any script, files
//! of garbage that must not take the server's memory, positions in the wrong municipality,
//! re-deliveries that change nothing, a command line that never seeds the demo, a database of
//! another province, idle connections, and a graceful stop.

use crate::common;

use crate::common::TestApp;
use serde_json::Value;
use server::store::{Access, Store};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CSV: &str = include_str!("fixtures/emmen.csv");

async fn emmen(app: &TestApp) -> String {
    app.store.create_token(Access::Municipality("GM0114".into()), "test").await.unwrap().secret
}

async fn send(app: &TestApp, method: reqwest::Method, path: &str, token: &str, body: impl Into<reqwest::Body>, content_type: &str) -> (u16, Value, usize) {
    let response =
        app.client.request(method, format!("{}{path}", app.base)).bearer_auth(token).header("content-type", content_type).body(body).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let size = text.len();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)), size)
}

fn reasons(body: &Value) -> Vec<String> {
    body["problemen"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {body}"))
        .iter()
        .map(|p| format!("{} {}: {}", p["record"], p["veld"], p["reden"]))
        .collect()
}

#[tokio::test]
async fn ids_in_any_script_are_refused_or_not_found_never_a_crash() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    // A non-ASCII id in the path, where the municipality's prefix is cut off.
    for id in ["abcdef%C3%A9", "%C3%A9%C3%A9%C3%A9%C3%A9", "GM0114%C3%A9", "%F0%9F%8F%A0%F0%9F%8F%A0"] {
        let (status, body, _) = send(&app, reqwest::Method::PUT, &format!("/api/beheer/projecten/{id}"), &token, "{}", "application/json").await;
        assert_eq!(status, 404, "PUT {id}: {body}");
        let (status, _, _) = send(&app, reqwest::Method::GET, &format!("/api/beheer/projecten/{id}"), &token, "", "text/plain").await;
        assert_eq!(status, 404, "GET {id}");
    }
    // The same ids in a file: a problem with line and field.
    let (header, row) = CSV.trim_start_matches('\u{feff}').split_once('\n').unwrap();
    let row = row.lines().next().unwrap();
    for id in ["éééé", "abcdefé", "GM0114-é", "🏠"] {
        let csv = format!("{header}\n{}\n", row.replacen("1;", &format!("{id};"), 1));
        let (status, body, _) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, csv, "text/csv").await;
        assert_eq!(status, 422, "{id}: {body}");
        assert_eq!(reasons(&body), [r#""regel 2" "id": "mag alleen letters, cijfers, '-', '_' en '.' bevatten""#], "{id}");
    }
}

#[tokio::test]
async fn a_file_of_garbage_gets_a_short_report_that_counts_everything() {
    let app = TestApp::start_with(|s| s.upload_limit = 20 * 1024 * 1024).await;
    let token = emmen(&app).await;
    // One header line of a million semicolons (the report was 129 MB).
    let (status, body, size) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, ";".repeat(1_000_000), "text/csv").await;
    assert_eq!(status, 422);
    assert!(size < 10_000, "{size} bytes: {body}");
    assert_eq!(reasons(&body), [r#""regel 1" "bestand": "1000001 cellen; een regel heeft er hooguit 200""#]);

    // Ten thousand rows with three problems each: the first 200 in full, all of them counted.
    let (header, _) = CSV.trim_start_matches('\u{feff}').split_once('\n').unwrap();
    let columns = header.split(';').count();
    let bad_row = format!("x;{}", ";".repeat(columns - 2)); // an id, nothing else
    let csv = format!("{header}\n{}", format!("{bad_row}\n").repeat(10_000));
    let (status, body, size) = send(&app, reqwest::Method::POST, "/api/beheer/import?proef=ja", &token, csv, "text/csv").await;
    assert_eq!(status, 422);
    assert!(size < 100_000, "{size} bytes");
    let total = body["aantal_problemen"].as_u64().unwrap();
    assert!(total >= 30_000, "{total}");
    assert_eq!(body["problemen"].as_array().unwrap().len(), 200);
    assert_eq!(body["niet_getoond"].as_u64().unwrap(), total - 200);
    assert_eq!(body["per_veld"]["naam"], 10_000, "{}", body["per_veld"]);
    assert_eq!(body["problemen"][0]["record"], "regel 2");

    // Too many values for any delivery: refused before parsing.
    let json = format!("[{}0]", "0,".repeat(3_000_000));
    let (status, body, _) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, json, "application/json").await;
    assert_eq!(status, 422);
    assert!(reasons(&body)[0].contains("JSON-waarden"), "{body}");

    // The delivery page shows the same short report.
    let form = reqwest::multipart::Form::new()
        .text("sleutel", token.clone())
        .part("bestand", reqwest::multipart::Part::bytes(";".repeat(200_000).into_bytes()).file_name("plannen.csv").mime_str("text/csv").unwrap());
    let page = app.client.post(format!("{}/beheer", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(html.len() < 100_000, "{} bytes of page", html.len());
    assert!(html.contains("200001 cellen"), "the page names the problem");
}

#[tokio::test]
async fn a_position_in_another_municipality_is_refused_with_line_and_field() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    // Emmen's first project placed at Assen's centre.
    let (header, rows) = CSV.split_once('\n').unwrap();
    let mut lines: Vec<String> = rows.lines().map(str::to_owned).collect();
    lines[0] = lines[0].replacen("6,9061;52,7858", "6,5626;52,9929", 1);
    let csv = format!("{header}\n{}\n", lines.join("\n"));
    let (status, body, _) = send(&app, reqwest::Method::POST, "/api/beheer/import?proef=ja", &token, csv, "text/csv").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(reasons(&body), [r#""regel 2" "geometrie": "de positie (6.5626, 52.9929) ligt in Assen (GM0106), niet in Emmen (GM0114)""#]);
}

#[tokio::test]
async fn a_plan_area_delivered_twice_changes_nothing_the_second_time() {
    let app = TestApp::start().await;
    let token = emmen(&app).await;
    // A clockwise ring with more decimals than a centimetre, in Emmen.
    let ring: Vec<[f64; 2]> = vec![
        [6.890_123_456_789_1, 52.780_987_654_321],
        [6.890_123_456_789_1, 52.790_111_222_333_4],
        [6.905_555_666_777_8, 52.790_111_222_333_4],
        [6.905_555_666_777_8, 52.780_987_654_321],
        [6.890_123_456_789_1, 52.780_987_654_321],
    ];
    let feature = serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature", "id": "plan-1",
            "geometry": { "type": "Polygon", "coordinates": [ring] },
            "properties": { "naam": "Testplan Vlak", "kern": "Emmen", "vertrouwelijkheid": "openbaar", "status": "idee",
                            "plantype": "verdichting", "sociale_huur": 10 }
        }]
    })
    .to_string();
    let (status, first, _) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, feature.clone(), "application/geo+json").await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["toegevoegd"], serde_json::json!(["GM0114-plan-1"]));
    let version = app.store.version().await.unwrap();
    let (status, second, _) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, feature, "application/geo+json").await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["gewijzigd"], serde_json::json!([]), "{second}");
    assert_eq!(second["ongewijzigd"], 1);
    assert_eq!(app.store.version().await.unwrap(), version, "nothing written");

    // Stored rounded to 7 decimals, the outer ring counter-clockwise (RFC 7946).
    let stored = app.store.project("GM0114-plan-1").await.unwrap().unwrap();
    let outer = &stored.location.area.as_ref().unwrap()[0];
    assert_eq!((outer[1].lon, outer[1].lat), (6.905_555_7, 52.780_987_7), "{outer:?}");
    let twice_area: f64 = outer.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum();
    assert!(twice_area > 0.0, "counter-clockwise");

    // Our own export of it imports as itself.
    let export = app.get("/api/projects?gemeente=GM0114").await.text().await.unwrap();
    let mut collection: Value = serde_json::from_str(&export).unwrap();
    collection["features"].as_array_mut().unwrap().retain(|f| f["id"] == "GM0114-plan-1");
    collection["features"][0]["properties"]["vertrouwelijkheid"] = "openbaar".into();
    let (status, third, _) = send(&app, reqwest::Method::POST, "/api/beheer/import?proef=ja", &token, collection.to_string(), "application/geo+json").await;
    assert_eq!(status, 200, "{third}");
    assert_eq!(third["gewijzigd"], serde_json::json!([]), "{third}");
}

#[tokio::test]
async fn a_database_with_another_provinces_projects_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::test_settings(dir.path()).await;
    let store = Store::open(&settings.database).await.unwrap();
    // A project as the demo makes them, moved to Amsterdam.
    let province = server::config::load(&settings.province).unwrap();
    let demo = server::demo::load(settings.demo.as_ref().unwrap()).unwrap();
    let mut stranger = server::demo::generate(&province, &demo, settings.demo.as_ref().unwrap(), 1.0).unwrap().remove(0);
    stranger.id = "GM0363-1".into();
    stranger.municipality = "GM0363".into();
    store
        .change(server::store::Scope::All, "test", server::store::Source::Import, server::store::Mode::Apply, |_| {
            Ok(domain::import::Plan { added: vec![stranger], ..Default::default() })
        })
        .await
        .unwrap();
    let error = server::serving_store(&settings).await.err().expect("the server refuses to start");
    let message = error.to_string();
    assert!(message.contains("1 project(en) van gemeenten die niet in Drenthe liggen"), "{message}");
    assert!(message.contains("(GM0363: 1)"), "{message}");
    // And it did not add the demo to someone else's database.
    assert_eq!(store.snapshot().await.unwrap().projects.len(), 1);
}

// ---- The server as a process (the binary this package builds) ----

/// The server binary with the test's settings, listening on a free port.
struct Process {
    child: Child,
    port: u16,
    _dir: Option<tempfile::TempDir>,
}

impl Process {
    /// Starts `server` with extra environment variables; returns once it answers.
    fn start(settings: &server::Settings, env: &[(&str, &str)], log: &std::path::Path) -> Process {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = common::server_command(settings, &[]);
        command.env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")).stderr(std::fs::File::create(log).unwrap());
        for (k, v) in env {
            command.env(k, v);
        }
        let child = command.spawn().unwrap();
        let mut process = Process { child, port, _dir: None };
        let started = Instant::now();
        while process.get("/api/grenzen/provincie").map(|r| !r.starts_with("HTTP/1.1 200")).unwrap_or(true) {
            assert!(process.child.try_wait().unwrap().is_none(), "the server stopped: {}", std::fs::read_to_string(log).unwrap());
            assert!(started.elapsed() < Duration::from_secs(120), "the server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        process
    }

    fn connect(&self) -> std::io::Result<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(stream)
    }

    /// A plain HTTP/1.1 GET; the whole answer as text.
    fn get(&self, path: &str) -> std::io::Result<String> {
        let mut stream = self.connect()?;
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        Ok(String::from_utf8_lossy(&answer).into_owned())
    }

    /// The most memory the process has held (VmHWM), in MB.
    fn peak_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: f64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).unwrap().trim().trim_end_matches("kB").trim().parse().unwrap();
        kb / 1024.0
    }

    fn signal(&self, name: &str) {
        assert!(Command::new("kill").args([&format!("-{name}"), &self.child.id().to_string()]).status().unwrap().success());
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Settings on a SQLite file of their own (these tests run the binary, whatever the suite's
/// database).
fn sqlite_settings(dir: &std::path::Path) -> server::Settings {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    server::Settings {
        province: root.join("config/drenthe/provincie.toml"),
        demo: Some(root.join("config/drenthe/demo.toml")),
        demo_scale: 1.0,
        database: format!("sqlite://{}?mode=rwc", dir.join("w.sqlite").display()),
        refresh: Duration::from_secs(2),
        upload_limit: 20 * 1024 * 1024,
        tiles: None,
        embed_origins: "*".to_owned(),
        limits: server::serve::Limits::default(),
        public_origin: None,
    }
}

#[tokio::test]
async fn the_command_line_never_seeds_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sqlite_settings(dir.path());
    for args in [&["token", "list"][..], &["token", "create", "--provincie"][..]] {
        let output = common::server_command(&settings, args).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    let store = Store::open(&settings.database).await.unwrap();
    assert_eq!(store.snapshot().await.unwrap().projects.len(), 0, "no demo written by the command line");
}

/// POSTs `body` as a delivery to the process; the status line.
fn deliver(process: &Process, token: &str, content_type: &str, body: &[u8]) -> String {
    let mut stream = process.connect().unwrap();
    write!(
        stream,
        "POST /api/beheer/import?proef=ja HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).lines().next().unwrap_or("").to_owned()
}

#[tokio::test]
async fn twenty_megabytes_of_garbage_in_any_format_stay_under_100_mb() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sqlite_settings(dir.path());
    let log = dir.path().join("server.log");
    let process = Process::start(&settings, &[], &log);
    let token = Store::open(&settings.database).await.unwrap().create_token(Access::Municipality("GM0114".into()), "t").await.unwrap().secret;
    let started = process.peak_mb();
    eprintln!("peak memory after start: {started:.0} MB");
    const MB20: usize = 20 * 1024 * 1024 - 1024;
    let (header, row) = CSV.split_once('\n').unwrap();
    let row = row.lines().next().unwrap();
    let rows_of = |line: &str| {
        let mut body = format!("{header}\n").into_bytes();
        while body.len() + line.len() < MB20 {
            body.extend_from_slice(line.as_bytes());
            body.push(b'\n');
        }
        body
    };
    let bodies: Vec<(&str, &str, Vec<u8>)> = vec![
        ("a header of semicolons", "text/csv", vec![b';'; MB20]),
        ("rows of semicolons", "text/csv", format!("id;naam\n{}", (";".repeat(150) + "\n").repeat(MB20 / 152)).into_bytes()),
        ("valid rows, many", "text/csv", rows_of(row)),
        ("rows with every cell wrong", "text/csv", rows_of(&row.replace(|c: char| c.is_ascii_digit(), "x"))),
        ("one huge cell", "text/csv", format!("{header}\n{}", row.replacen("Appartementen", &"é".repeat(MB20 / 2 - 2000), 1)).into_bytes()),
        ("long texts, many rows", "text/csv", rows_of(&row.replacen("Appartementen", &"é".repeat(3900), 1))),
        ("GeoJSON with long texts", "application/geo+json", {
            let feature = format!(
                r#"{{"type":"Feature","id":"x","geometry":{{"type":"Point","coordinates":[6.9,52.8]}},"properties":{{"naam":"{}","omschrijving":"{}"}}}},"#,
                "a".repeat(1000),
                "é".repeat(100_000)
            );
            format!("{{\"type\":\"FeatureCollection\",\"features\":[{}{{}}]}}", feature.repeat(MB20 / feature.len())).into_bytes()
        }),
        ("a JSON list of zeros", "application/json", format!("[{}0]", "0,".repeat(MB20 / 2 - 2)).into_bytes()),
        (
            "JSON objects, many keys",
            "application/json",
            format!("{{{}\"z\":0}}", (0..MB20 / 16).map(|i| format!("\"k{i:09}\":0,")).collect::<String>()).into_bytes(),
        ),
        (
            "GeoJSON features",
            "application/geo+json",
            format!(
                "{{\"type\":\"FeatureCollection\",\"features\":[{}{{}}]}}",
                r#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"naam":"é"}},"#.repeat(MB20 / 110)
            )
            .into_bytes(),
        ),
        (
            "Planmonitor records",
            "application/json",
            format!("[{}{{}}]", r#"{"planregistratie":{"id":"1","planNaam":"x"},"plancategorieen":[{}],"detailplanningen":[{}]},"#.repeat(MB20 / 100))
                .into_bytes(),
        ),
    ];
    // Each body to a fresh process (on the same database): the peak is this body's, not the
    // allocator's leftovers from the one before.
    drop(process);
    let mut peaks = Vec::new();
    for (what, content_type, body) in &bodies {
        let process = Process::start(&settings, &[], &log);
        let status = deliver(&process, &token, content_type, body);
        assert!(status.starts_with("HTTP/1.1 4"), "{what}: {status}");
        peaks.push((process.peak_mb(), format!("{what}: {status}, peak {:.0} MB", process.peak_mb())));
    }
    let report = peaks.iter().map(|(_, line)| line.as_str()).collect::<Vec<_>>().join("\n");
    eprintln!("peak memory after start: {started:.0} MB; with each body:\n{report}");
    assert!(peaks.iter().all(|(peak, _)| *peak < 100.0), "{report}");
}

/// Whether the server ends the connection (an end of stream or a reset) within 5 s, rather than
/// keeping it open.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
}

#[tokio::test]
async fn idle_and_half_sent_connections_are_closed_and_everyone_else_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sqlite_settings(dir.path());
    let log = dir.path().join("server.log");
    // A file limit of 256 (soft and hard, so the server cannot raise it), a one-second wait.
    let process = {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let command = common::server_command(&settings, &[]);
        let program = command.get_program().to_owned();
        let mut shell = Command::new("sh");
        shell.arg("-c").arg("ulimit -n 256 && exec \"$0\"").arg(program);
        for (k, v) in command.get_envs() {
            if let Some(v) = v {
                shell.env(k, v);
            }
        }
        shell
            .current_dir(command.get_current_dir().unwrap())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("WONINGBOUW_WACHTTIJD_VERBINDING", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        let mut process = Process { child: shell.spawn().unwrap(), port, _dir: None };
        let started = Instant::now();
        while process.get("/api/grenzen/provincie").map(|r| !r.starts_with("HTTP/1.1 200")).unwrap_or(true) {
            assert!(process.child.try_wait().unwrap().is_none(), "{}", std::fs::read_to_string(&log).unwrap());
            assert!(started.elapsed() < Duration::from_secs(120));
            std::thread::sleep(Duration::from_millis(100));
        }
        process
    };
    // An idle keep-alive connection after one request is closed after the wait.
    let mut kept = process.connect().unwrap();
    write!(kept, "GET /api/grenzen/provincie HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buffer = vec![0u8; 1 << 20];
    let n = kept.read(&mut buffer).unwrap();
    let head = String::from_utf8_lossy(&buffer[..n]).to_lowercase();
    assert!(head.contains("keep-alive: timeout=1\r\n"), "the client is told how long: {}", &head[..head.len().min(400)]);
    std::thread::sleep(Duration::from_millis(2500));
    assert!(closed_by_server(&mut kept), "an idle keep-alive connection is closed");

    // 400 half-sent requests, more than the file limit.
    let mut half: Vec<TcpStream> = (0..400)
        .filter_map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", process.port)).ok()?;
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").ok()?;
            Some(s)
        })
        .collect();
    assert!(half.len() >= 300, "{} connections opened", half.len());
    // A resident still gets the page within a few seconds (the half-sent ones time out).
    let started = Instant::now();
    let answer = process.get("/api/grenzen/provincie").unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{}", &answer[..answer.len().min(200)]);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    // And the half-sent connections were closed by the server.
    let open = half.iter_mut().map(closed_by_server).filter(|closed| !closed).count();
    assert_eq!(open, 0, "half-sent connections still open");
    assert!(process.get("/api/grenzen/provincie").unwrap().starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn a_stop_signal_finishes_requests_in_flight_and_exits_0() {
    for signal in ["TERM", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let settings = sqlite_settings(dir.path());
        let log = dir.path().join("server.log");
        let mut process = Process::start(&settings, &[], &log);
        let token = Store::open(&settings.database).await.unwrap().create_token(Access::Municipality("GM0114".into()), "t").await.unwrap().secret;
        // A request in flight: a delivery whose body is still being sent when the signal comes.
        let (header, rows) = CSV.split_once('\n').unwrap();
        let body = format!("{header}\n{rows}");
        let mut stream = process.connect().unwrap();
        write!(
            stream,
            "POST /api/beheer/import?proef=ja HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: text/csv\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        let (first, second) = body.as_bytes().split_at(body.len() / 2);
        stream.write_all(first).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        process.signal(signal);
        std::thread::sleep(Duration::from_millis(300));
        // New connections are no longer taken…
        assert!(process.get("/api/grenzen/provincie").is_err(), "SIG{signal}: the listener is closed");
        // …but the one in flight is finished.
        stream.write_all(second).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "SIG{signal}: {answer}");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = process.child.try_wait().unwrap() {
                break status;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "SIG{signal}: still running");
            std::thread::sleep(Duration::from_millis(50));
        };
        let log = std::fs::read_to_string(&log).unwrap();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log}");
        assert!(log.contains("alle verzoeken afgehandeld"), "{log}");
    }
}

#[tokio::test]
async fn unknown_parameters_are_not_copied_into_the_links_of_a_page() {
    let app = TestApp::start().await;
    let junk = "x".repeat(10_000);
    for path in ["/", "/?status=vergund", "/regio", "/gemeente/GM0114", "/embed?gemeente=GM0114", "/embed/maken"] {
        let plain = app.get(path).await.text().await.unwrap();
        let joiner = if path.contains('?') { '&' } else { '?' };
        // The last: one value 7,000 times (63 KB), which once made an 8.8 MB page.
        for extra in [format!("zoek={junk}"), format!("utm_campaign={junk}&fbclid={junk}"), format!("ontwikkelaar={junk}"), "van=2020&".repeat(7_000)] {
            let response = app.get(&format!("{path}{joiner}{extra}")).await;
            let status = response.status();
            let page = response.text().await.unwrap();
            assert!(status.is_success() || status == 400 || status == 404, "{path} + {}: {status}", &extra[..10]);
            assert!(page.len() < plain.len() + 25_000, "{path} + {}: {} bytes against {}", &extra[..10], page.len(), plain.len());
        }
    }
}

#[tokio::test]
async fn public_pages_are_rendered_once_per_data_version_and_answer_304() {
    let app = TestApp::start().await;
    for path in ["/", "/regio", "/embed?gemeente=GM0114", "/gemeente/GM0114?huurkoop=huur"] {
        // Many visitors at once for a page nobody asked for yet: one rendering, the same bytes.
        let answers =
            futures_util::future::join_all((0..40).map(|_| app.client.get(format!("{}{path}", app.base)).header("accept-encoding", "br").send())).await;
        let mut etags = std::collections::BTreeSet::new();
        for answer in answers {
            let answer = answer.unwrap();
            assert_eq!(answer.status(), 200, "{path}");
            assert_eq!(answer.headers()["content-encoding"], "br", "{path}");
            assert_eq!(answer.headers()["cache-control"], "no-cache", "{path}");
            assert!(answer.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors"), "{path}");
            etags.insert(answer.headers()["etag"].to_str().unwrap().to_owned());
        }
        assert_eq!(etags.len(), 1, "{path}: {etags:?}");
        let etag = etags.into_iter().next().unwrap();
        let again = app.client.get(format!("{}{path}", app.base)).header("accept-encoding", "br").header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304, "{path}");
        let plain = app.client.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        assert!(plain.text().await.unwrap().contains("<html"), "{path}");
    }
    // A delivery changes the data: the page is rendered anew, with the new project.
    let before = app.get("/?gemeente=GM0114").await;
    let etag = before.headers()["etag"].to_str().unwrap().to_owned();
    assert!(!before.text().await.unwrap().contains("Testplan Stadscentrum"));
    let token = emmen(&app).await;
    let (status, body, _) = send(&app, reqwest::Method::POST, "/api/beheer/import", &token, CSV, "text/csv").await;
    assert_eq!(status, 200, "{body}");
    let after = app.client.get(format!("{}/?gemeente=GM0114", app.base)).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(after.status(), 200, "new data, a new page");
    assert!(after.text().await.unwrap().contains("Testplan Stadscentrum"));
}

#[tokio::test]
async fn failed_logins_are_logged_without_the_token_and_a_burst_gets_429_but_never_a_valid_token() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sqlite_settings(dir.path());
    let created = common::server_command(&settings, &["token", "create", "--gemeente", "GM0114"]).stdout(Stdio::piped()).output().unwrap();
    let stdout = String::from_utf8_lossy(&created.stdout);
    let secret = stdout.split_whitespace().find(|w| w.starts_with("wbk_")).expect("the new token's secret").to_owned();
    let log = dir.path().join("server.log");
    let process = Process::start(&settings, &[("RUST_LOG", "info")], &log);
    let wrong = format!("wbk_{}", "5a".repeat(32));
    let csv = include_bytes!("fixtures/emmen.csv");
    let statuses: Vec<String> = (0..server::logins::BURST + 5).map(|_| deliver(&process, &wrong, "text/csv", csv)).collect();
    for (i, status) in statuses.iter().enumerate() {
        let expected = if i < server::logins::BURST as usize { "HTTP/1.1 401" } else { "HTTP/1.1 429" };
        assert!(status.starts_with(expected), "attempt {}: {status}", i + 1);
    }
    // The municipality's own token works from the same client in the middle of it.
    assert!(deliver(&process, &secret, "text/csv", csv).starts_with("HTTP/1.1 200"));
    let mut stream = process.connect().unwrap();
    write!(stream, "GET /api/beheer/projecten HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {wrong}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 429") && answer.to_ascii_lowercase().contains("retry-after: "), "{answer}");

    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("mislukte aanmelding") && logged.contains("127.0.0.1"), "{logged}");
    assert!(logged.contains(&format!("{} mislukte aanmeldingen", server::logins::BURST + 1)), "{logged}");
    assert!(!logged.contains(&wrong) && !logged.contains(&"5a".repeat(32)) && !logged.contains(&secret[4..]), "no token in the log");
}

#[tokio::test]
async fn an_http_1_1_request_needs_exactly_one_host() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sqlite_settings(dir.path());
    let process = Process::start(&settings, &[], &dir.path().join("server.log"));
    let ask = |request: &str| {
        let mut stream = process.connect().unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer.lines().next().unwrap_or("").to_owned()
    };
    assert!(ask("GET /api/grenzen/provincie HTTP/1.1\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 400"));
    assert!(ask("GET /api/grenzen/provincie HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 400"));
    assert!(ask("GET /api/grenzen/provincie HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 200"));
    // HTTP/1.0 has no such rule.
    assert!(ask("GET /api/grenzen/provincie HTTP/1.0\r\n\r\n").contains(" 200 "));
}
