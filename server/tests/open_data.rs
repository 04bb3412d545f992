//! The public data for programs and other sites: CORS, and answers a program can read.

use crate::common::TestApp;
use reqwest::{header, Method};

const OTHER_SITE: &str = "https://www.gemeente.example";

#[tokio::test]
async fn another_origin_may_read_every_public_endpoint_but_never_the_management_api() {
    let app = TestApp::start().await;
    for path in [
        "/api/projects?huurkoop=huur",
        "/api/projects/beilen-havengebied",
        "/api/kaart",
        "/api/grenzen/gemeenten",
        "/api/plaatsen",
        "/api/stats/regio/zuidwest",
    ] {
        let res = app.client.get(format!("{}{path}", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        let exposed = res.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS].to_str().unwrap().to_ascii_lowercase();
        assert!(exposed.contains("etag"), "{path}: a script can revalidate ({exposed})");
        // A script that revalidates sends If-None-Match, which needs a preflight.
        let preflight = app
            .client
            .request(Method::OPTIONS, format!("{}{path}", app.base))
            .header(header::ORIGIN, OTHER_SITE)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "if-none-match")
            .send()
            .await
            .unwrap();
        assert!(preflight.status().is_success(), "{path}: preflight {}", preflight.status());
        assert_eq!(preflight.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        assert!(preflight.headers()[header::ACCESS_CONTROL_ALLOW_METHODS].to_str().unwrap().contains("GET"), "{path}");
    }
    // The management API: no CORS answer, not to a preflight either, so no other site's script
    // can use a municipality's token.
    for (method, path) in
        [("GET", "/api/beheer/projecten"), ("POST", "/api/beheer/import"), ("PUT", "/api/beheer/projecten/x"), ("GET", "/api/beheer/bestaat-niet")]
    {
        let res = app.client.get(format!("{}{path}", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
        assert!(res.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{path}");
        let preflight = app
            .client
            .request(Method::OPTIONS, format!("{}{path}", app.base))
            .header(header::ORIGIN, OTHER_SITE)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
            .send()
            .await
            .unwrap();
        assert!(preflight.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{method} {path}");
        assert!(preflight.headers().get(header::ACCESS_CONTROL_ALLOW_METHODS).is_none(), "{method} {path}");
    }
    // Nor do the pages need it.
    let page = app.client.get(format!("{}/", app.base)).header(header::ORIGIN, OTHER_SITE).send().await.unwrap();
    assert!(page.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn an_unknown_path_under_api_is_a_json_404() {
    let app = TestApp::start().await;
    for path in ["/api/bestaat-niet", "/api/projects/a/b", "/api/v9/projects", "/api/beheer/bestaat-niet", "/api/", "/api"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["fout"].as_str().unwrap().contains("bestaat niet"), "{path}: {body}");
    }
    // A public path answered with another method says which it takes.
    let post = app.client.post(format!("{}/api/projects", app.base)).send().await.unwrap();
    assert_eq!(post.status(), 405);
    // Pages are still the site's own 404.
    let page = app.get("/bestaat-niet").await;
    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("<html"));
}
