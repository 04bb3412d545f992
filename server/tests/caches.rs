//! The caches are bounded by bytes, not by a count of entries: anyone can ask for many distinct
//! valid filters, and a count of 512 bodies of up to ~750 KB each took the server from 233 to
//! over 600 MB. The unfiltered bodies every map asks for stay whatever else is asked.

use crate::common::TestApp;

#[tokio::test]
async fn distinct_filters_fill_the_response_cache_up_to_its_bytes_and_no_further() {
    let app = TestApp::start().await;
    let (live, base) = (app.live.clone(), app.base.clone());
    let client = app.client.clone();

    // Nearly every project in each: about 1.6 MB a body in its three encodings.
    let mut asked = 0u64;
    for (van, tot) in (1995..2026).flat_map(|van| (2031..2036).map(move |tot| (van, tot))).take(150) {
        let response = client.get(format!("{base}/api/projects?van={van}&tot={tot}")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        asked += response.bytes().await.unwrap().len() as u64;
    }
    let responses = &live.current().responses;
    assert!(asked > server::live::CACHED_RESPONSE_BYTES, "the flood asked for more ({asked} bytes of JSON alone) than the cache may keep");
    let kept = responses.weight();
    assert!(kept <= server::live::CACHED_RESPONSE_BYTES, "{kept} bytes kept");
    assert!(kept > server::live::CACHED_RESPONSE_BYTES / 4, "the cache is used: {kept} bytes");
    for name in ["kaart", "kaart-namen", "projects"] {
        for _ in 0..300 {
            if server::bodies::is_prepared(responses, name) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(server::bodies::is_prepared(responses, name), "{name} stays after the flood");
    }
}

#[tokio::test]
async fn a_page_asked_with_junk_reordered_or_repeated_parameters_is_one_entry() {
    let app = TestApp::start().await;
    let (live, base) = (app.live.clone(), app.base.clone());
    let client = app.client.clone();
    let pages = || live.current().pages.len();
    // The map page is rendered ahead of any visitor: counted before.
    for _ in 0..300 {
        if server::page_cache::holds(&live.current().pages, "/") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let before = pages();
    let mut bodies = std::collections::BTreeSet::new();
    for i in 0..40 {
        let query = match i % 4 {
            0 => format!("huurkoop=huur&status=vergund&utm_source={i}"),
            1 => format!("status=vergund&fbclid={i}&huurkoop=huur"),
            2 => format!("huurkoop=huur&huurkoop=huur&status=vergund&x{i}=y"),
            _ => format!("status=vergund&huurkoop=huur&zoek={}", "z".repeat(i)),
        };
        let response = client.get(format!("{base}/regio?{query}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{query}");
        bodies.insert(response.text().await.unwrap());
    }
    assert_eq!(pages() - before, 1, "one rendering kept for all forty");
    assert_eq!(bodies.len(), 1, "and one page");
}
