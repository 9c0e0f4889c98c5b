//! The Pact Broker API over real HTTP on 127.0.0.1:0: index, publishing (contracts/publish
//! and PUT/PATCH), pacts, verification results, pacticipants, versions, branches, tags,
//! environments, deployments and releases, and pacts for verification — on SQLite and
//! PostgreSQL.

mod common;

use accord_broker::AppState;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const HAL: &str = "application/hal+json;charset=utf-8";

struct Api {
    base: String,
    http: reqwest::Client,
}

struct Reply {
    status: StatusCode,
    content_type: String,
    headers: std::collections::HashMap<String, String>,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

async fn start(state: AppState) -> Api {
    Api {
        base: common::start(state).await,
        http: reqwest::Client::new(),
    }
}

impl Api {
    /// `path` may be absolute (a link the API returned) or start with `/`.
    async fn send(&self, method: Method, path: &str, body: Option<(&str, String)>) -> Reply {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self
            .http
            .request(method, url)
            .header("Accept", "application/hal+json, application/json");
        if let Some((ct, b)) = body {
            req = req.header("Content-Type", ct).body(b);
        }
        let res = req.send().await.expect("request");
        let headers = res
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        Reply {
            headers,
            status: res.status(),
            content_type: res
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string(),
            text: res.text().await.expect("body"),
        }
    }
    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(
            Method::POST,
            path,
            Some(("application/json", body.to_string())),
        )
        .await
    }
    async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(
            Method::PUT,
            path,
            Some(("application/json", body.to_string())),
        )
        .await
    }
    async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(
            Method::PATCH,
            path,
            Some(("application/json", body.to_string())),
        )
        .await
    }
    async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }
}

fn pact(consumer: &str, provider: &str, descriptions: &[&str]) -> Value {
    json!({
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": descriptions.iter().map(|d| json!({
            "description": d,
            "providerState": "something exists",
            "request": {"method": "GET", "path": format!("/{d}")},
            "response": {"status": 200, "body": {"id": 1}}
        })).collect::<Vec<_>>(),
        "metadata": {"pactSpecification": {"version": "2.0.0"}}
    })
}

fn publish_body(
    consumer: &str,
    version: &str,
    branch: Option<&str>,
    tags: &[&str],
    provider: &str,
    content: &Value,
    on_conflict: &str,
) -> Value {
    let mut body = json!({
        "pacticipantName": consumer,
        "pacticipantVersionNumber": version,
        "tags": tags,
        "buildUrl": "https://ci/builds/1",
        "contracts": [{
            "consumerName": consumer,
            "providerName": provider,
            "specification": "pact",
            "contentType": "application/json",
            "content": base64::engine::general_purpose::STANDARD.encode(content.to_string()),
            "onConflict": on_conflict
        }]
    });
    if let Some(b) = branch {
        body["branch"] = json!(b);
    }
    body
}

/// The stored pact without what the broker adds on the way out.
fn undecorated(mut doc: Value) -> Value {
    let m = doc.as_object_mut().expect("object");
    m.remove("_links");
    m.remove("createdAt");
    doc
}

async fn index_and_publish(api: &Api) {
    let index = api.get("/").await;
    assert_eq!(index.status, 200);
    assert_eq!(index.content_type, HAL);
    let links = &index.json()["_links"];
    for rel in [
        "pb:publish-contracts",
        "pb:latest-provider-pacts",
        "pb:provider-pacts-for-verification",
        "pb:pacticipant",
        "pb:pacticipant-version",
        "pb:environments",
        "pb:environment",
        "pb:pacticipant-branch-version",
        "pb:pacticipant-version-tag",
        "pb:latest-version",
        "pb:latest-tagged-version",
        "beta:provider-pacts-for-verification",
        "pb:can-i-deploy-pacticipant-version-to-environment",
    ] {
        assert!(links[rel]["href"].as_str().is_some(), "{rel} missing");
    }
    assert_eq!(
        links["pb:publish-contracts"]["href"],
        json!(format!("{}/contracts/publish", api.base))
    );
    assert_eq!(links["pb:pacticipant"]["templated"], json!(true));
    assert_eq!(links["pb:pacticipants"]["templated"], json!(false));
    // Behind a proxy the links name the public address.
    let proxied = api
        .http
        .get(format!("{}/", api.base))
        .header("X-Forwarded-Host", "pact.example.com")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .expect("request")
        .json::<Value>()
        .await
        .expect("json");
    assert_eq!(
        proxied["_links"]["pb:pacticipants"]["href"],
        json!("https://pact.example.com/pacticipants")
    );

    // Publish with branch and tags.
    let v1 = pact("Web App", "Order API", &["get order"]);
    let r = api
        .post(
            "/contracts/publish",
            publish_body(
                "Web App",
                "1.0.0",
                Some("main"),
                &["dev", "qa"],
                "Order API",
                &v1,
                "overwrite",
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.content_type, HAL);
    let body = r.json();
    assert_eq!(body["_embedded"]["pacticipant"]["name"], json!("Web App"));
    assert_eq!(body["_embedded"]["version"]["number"], json!("1.0.0"));
    assert!(body["_embedded"]["version"]["_links"]["self"]["title"].is_string());
    assert_eq!(
        body["_links"]["pb:pacticipant-version-tags"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(body["logs"].is_array());
    let texts: Vec<&str> = body["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert!(
        texts[0].contains("Created Web App version 1.0.0 with branch main and tags dev, qa"),
        "{texts:?}"
    );
    let pact_url = body["_links"]["pb:contracts"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        pact_url,
        format!(
            "{}/pacts/provider/Order%20API/consumer/Web%20App/version/1.0.0",
            api.base
        )
    );

    // The pact comes back as published, with the links a verifier follows.
    let fetched = api.get(&pact_url).await;
    assert_eq!(fetched.status, 200);
    let doc = fetched.json();
    assert!(
        doc["_links"]["pb:publish-verification-results"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/verification-results")
    );
    assert!(
        doc["_links"]["pb:provider"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/pacticipants/Order%20API")
    );
    assert_eq!(undecorated(doc.clone()), v1);

    let version = api
        .get("/pacticipants/Web%20App/versions/1.0.0")
        .await
        .json();
    assert_eq!(
        version["_links"]["pb:pact-versions"][0]["href"],
        json!(pact_url)
    );
    // mainBranch detected from the first branch named main.
    let c = api.get("/pacticipants/Web%20App").await.json();
    assert_eq!(c["mainBranch"], json!("main"));
    assert_eq!(c["displayName"], json!("Web App"));

    // Republishing the same content changes nothing; different content conflicts.
    let r = api
        .post(
            "/contracts/publish",
            publish_body(
                "Web App",
                "1.0.0",
                Some("main"),
                &[],
                "Order API",
                &v1,
                "overwrite",
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.text.contains("no content changes"), "{}", r.text);
    let v1b = pact("Web App", "Order API", &["list orders"]);
    let r = api
        .post(
            "/contracts/publish",
            publish_body(
                "Web App",
                "1.0.0",
                Some("main"),
                &[],
                "Order API",
                &v1b,
                "overwrite",
            ),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(r.json()["notices"][0]["type"], json!("error"));
    // Merge adds the interaction.
    let r = api
        .post(
            "/contracts/publish",
            publish_body(
                "Web App",
                "1.0.0",
                Some("main"),
                &[],
                "Order API",
                &v1b,
                "merge",
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let merged = api.get(&pact_url).await.json();
    assert_eq!(merged["interactions"].as_array().unwrap().len(), 2);

    // Errors.
    let mut bad = publish_body("Web App", "2", None, &[], "Order API", &v1, "overwrite");
    bad["contracts"][0]["content"] = json!("%%% not base64");
    let r = api.post("/contracts/publish", bad).await;
    assert_eq!(r.status, 400);
    assert!(
        r.json()["errors"]["contracts[0].content"].is_array(),
        "{}",
        r.text
    );
    let r = api
        .post(
            "/contracts/publish",
            publish_body("Other", "2", None, &[], "Order API", &v1, "overwrite"),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    let r = api
        .post("/contracts/publish", json!({"contracts": []}))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.json()["errors"]["pacticipantName"].is_array());
    let r = api
        .send(
            Method::POST,
            "/contracts/publish",
            Some(("text/plain", "x".into())),
        )
        .await;
    assert_eq!(r.status, 415);
    let r = api
        .send(
            Method::POST,
            "/contracts/publish",
            Some(("application/json", "{not json".into())),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].is_string());
    // Nothing of the rejected publications was stored.
    assert_eq!(api.get("/pacticipants/Other").await.status, 404);
}

async fn put_and_fetch_pacts(api: &Api) {
    let base = "/pacts/provider/P/consumer/C/version";
    let one = pact("C", "P", &["a"]);
    let r = api.put(&format!("{base}/1"), one.clone()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.content_type, HAL);
    assert_eq!(api.put(&format!("{base}/1"), one.clone()).await.status, 200);
    let changed = pact("C", "P", &["b"]);
    let r = api.put(&format!("{base}/1"), changed.clone()).await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("Cannot change the content")
    );
    // PATCH merges.
    let r = api.patch(&format!("{base}/1"), changed.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["interactions"].as_array().unwrap().len(), 2);
    // Consumer name in the body must match the path.
    let r = api.put(&format!("{base}/9"), pact("X", "P", &["a"])).await;
    assert_eq!(r.status, 400);
    assert!(r.json()["errors"]["consumer"].is_array());

    // Identical content is stored once: version 2 gets the same pact version (sha).
    let r = api.put(&format!("{base}/2"), one.clone()).await;
    assert_eq!(r.status, 201);
    let sha_url_2 = r.json()["_links"]["pb:pact-version"]["href"]
        .as_str()
        .unwrap()
        .to_string();
    let mut key_order = serde_json::Map::new();
    for k in ["metadata", "interactions", "provider", "consumer"] {
        key_order.insert(k.into(), one[k].clone());
    }
    let r = api
        .put(&format!("{base}/3"), Value::Object(key_order))
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.json()["_links"]["pb:pact-version"]["href"]
            .as_str()
            .unwrap(),
        sha_url_2
    );
    let r = api.get(&sha_url_2).await;
    assert_eq!(r.status, 200);
    assert_eq!(undecorated(r.json()), one);

    // V3 message and V4 pacts are stored as published.
    let v3 = json!({
        "consumer": {"name": "C"}, "provider": {"name": "Q"},
        "messages": [{"description": "an event", "providerStates": [{"name": "s"}],
                      "contents": {"id": 1}, "metaData": {"contentType": "application/json"},
                      "matchingRules": {"body": {"$.id": {"matchers": [{"match": "integer"}]}}}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    });
    assert_eq!(
        api.put("/pacts/provider/Q/consumer/C/version/1", v3.clone())
            .await
            .status,
        201
    );
    assert_eq!(
        undecorated(
            api.get("/pacts/provider/Q/consumer/C/version/1")
                .await
                .json()
        ),
        v3
    );
    let v4 = json!({
        "consumer": {"name": "C"}, "provider": {"name": "R"},
        "interactions": [
            {"type": "Synchronous/HTTP", "key": "k1", "description": "get", "pending": false,
             "request": {"method": "GET", "path": "/x"},
             "response": {"status": 200, "body": {"content": {"a": 1}, "contentType": "application/json", "encoded": false},
                          "matchingRules": {"body": {"$.a": {"combine": "AND", "matchers": [{"match": "type"}]}}}}},
            {"type": "Asynchronous/Messages", "key": "k2", "description": "event", "pending": false,
             "contents": {"content": {"b": 2}, "contentType": "application/json", "encoded": false}}
        ],
        "metadata": {"pactSpecification": {"version": "4.0"}}
    });
    assert_eq!(
        api.put("/pacts/provider/R/consumer/C/version/1", v4.clone())
            .await
            .status,
        201
    );
    assert_eq!(
        undecorated(api.get("/pacts/provider/R/consumer/C/latest").await.json()),
        v4
    );

    // Latest, latest by tag, provider lists.
    let r = api.get("/pacts/provider/P/consumer/C/latest").await;
    assert_eq!(r.status, 200);
    let consumer_version = r.headers.get("x-pact-consumer-version").cloned();
    assert_eq!(consumer_version.as_deref(), Some("3"));
    assert!(
        r.json()["_links"]["self"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/version/3")
    );
    assert_eq!(
        api.put("/pacticipants/C/versions/2/tags/prod", json!({}))
            .await
            .status,
        201
    );
    let r = api.get("/pacts/provider/P/consumer/C/latest/prod").await;
    assert!(
        r.json()["_links"]["self"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/version/2")
    );
    assert_eq!(
        api.get("/pacts/provider/P/consumer/C/latest/nope")
            .await
            .status,
        404
    );
    let list = api.get("/pacts/provider/P/latest").await.json();
    assert_eq!(list["_links"]["pb:pacts"].as_array().unwrap().len(), 1);
    assert_eq!(
        list["_links"]["pb:pacts"][0]["title"],
        json!("Pact between C (v3) and P")
    );
    assert_eq!(list["_links"]["provider"]["title"], json!("P"));
    let list = api.get("/pacts/provider/P/latest/prod").await.json();
    assert_eq!(list["_links"]["pb:pacts"][0]["name"], json!("C"));
    let tagged = api.get("/pacts/provider/P/tag/prod").await.json();
    assert_eq!(tagged["_links"]["pb:pacts"].as_array().unwrap().len(), 1);
    let tagged = api
        .get("/pacts/provider/P/consumer/C/tag/prod")
        .await
        .json();
    assert!(
        tagged["_links"]["pb:pacts"][0]["href"]
            .as_str()
            .unwrap()
            .ends_with("/version/2")
    );
    let all = api.get("/pacts/provider/P").await.json();
    assert_eq!(all["_links"]["pb:pacts"].as_array().unwrap().len(), 3);
    let untagged = api
        .get("/pacts/provider/P/consumer/C/latest-untagged")
        .await;
    assert_eq!(
        untagged
            .headers
            .get("x-pact-consumer-version")
            .map(String::as_str),
        Some("3")
    );
    let latest = api.get("/pacts/latest").await.json();
    // Order API ← Web App from the publishing scenario, and C's pacts with P, Q and R.
    assert_eq!(latest["pacts"].as_array().unwrap().len(), 4);
    assert_eq!(api.get("/pacts/provider/Nope/latest").await.status, 404);
    assert_eq!(
        api.get("/pacts/provider/P/consumer/C/version/99")
            .await
            .status,
        404
    );
    assert_eq!(api.delete(&format!("{base}/3")).await.status, 204);
    assert_eq!(api.get(&format!("{base}/3")).await.status, 404);
}

async fn verification_results(api: &Api) {
    api.put(
        "/pacts/provider/VP/consumer/VC/version/1",
        pact("VC", "VP", &["a"]),
    )
    .await;
    let doc = api
        .get("/pacts/provider/VP/consumer/VC/latest")
        .await
        .json();
    let url = doc["_links"]["pb:publish-verification-results"]["href"]
        .as_str()
        .unwrap()
        .to_string();
    let r = api
        .post(
            &url,
            json!({
                "success": true, "providerApplicationVersion": "p1", "buildUrl": "https://ci/2",
                "providerVersionBranch": "main",
                "testResults": [{"interactionId": "x", "success": true}],
                "verifiedBy": {"implementation": "Pact-Rust", "version": "1.0"}
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let v = r.json();
    assert_eq!(v["success"], json!(true));
    assert_eq!(v["providerApplicationVersion"], json!("p1"));
    assert_eq!(v["testResults"][0]["interactionId"], json!("x"));
    let one = api.get(v["_links"]["self"]["href"].as_str().unwrap()).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["buildUrl"], json!("https://ci/2"));
    // The provider version was created on its branch.
    let pv = api.get("/pacticipants/VP/versions/p1").await.json();
    assert_eq!(pv["_embedded"]["branchVersions"][0]["name"], json!("main"));
    let r = api
        .post(
            &url,
            json!({"success": false, "providerApplicationVersion": "p2"}),
        )
        .await;
    assert_eq!(r.status, 201);
    let latest = api.get(&format!("{url}/latest")).await.json();
    assert_eq!(latest["providerApplicationVersion"], json!("p2"));
    let r = api.post(&url, json!({"success": true})).await;
    assert_eq!(r.status, 400);
    assert!(r.json()["errors"]["providerApplicationVersion"].is_array());
    let r = api
        .post(
            "/pacts/provider/VP/consumer/VC/pact-version/nope/verification-results",
            json!({"success": true, "providerApplicationVersion": "p1"}),
        )
        .await;
    assert_eq!(r.status, 404);
    // The verifier's way to branch and tag the provider version: templates on pb:provider.
    let provider = api
        .get(doc["_links"]["pb:provider"]["href"].as_str().unwrap())
        .await
        .json();
    let branch_version = provider["_links"]["pb:branch-version"]["href"]
        .as_str()
        .unwrap()
        .replace("{branch}", "feat")
        .replace("{version}", "p3");
    assert_eq!(api.put(&branch_version, json!({})).await.status, 201);
    let version_tag = provider["_links"]["pb:version-tag"]["href"]
        .as_str()
        .unwrap()
        .replace("{version}", "p3")
        .replace("{tag}", "prod");
    assert_eq!(api.put(&version_tag, json!({})).await.status, 201);
    let pv = api.get("/pacticipants/VP/versions/p3").await.json();
    assert_eq!(pv["_embedded"]["branchVersions"][0]["name"], json!("feat"));
    assert_eq!(pv["_embedded"]["tags"][0]["name"], json!("prod"));
}

async fn pacticipants_versions_tags_branches(api: &Api) {
    let r = api
        .post(
            "/pacticipants",
            json!({"name": "svc-a", "repositoryUrl": "https://git/a"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json()["displayName"], json!("Svc A"));
    assert_eq!(
        api.post("/pacticipants", json!({"name": "svc-a"}))
            .await
            .status,
        409
    );
    assert_eq!(api.post("/pacticipants", json!({})).await.status, 400);
    let r = api
        .patch("/pacticipants/svc-a", json!({"mainBranch": "trunk"}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["mainBranch"], json!("trunk"));
    assert_eq!(r.json()["repositoryUrl"], json!("https://git/a"));
    // An explicit main branch is not replaced by detection.
    api.put("/pacticipants/svc-a/branches/main/versions/1", json!({}))
        .await;
    assert_eq!(
        api.get("/pacticipants/svc-a").await.json()["mainBranch"],
        json!("trunk")
    );
    let r = api
        .put("/pacticipants/svc-a", json!({"displayName": "A"}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["mainBranch"], Value::Null);
    assert_eq!(api.put("/pacticipants/svc-b", json!({})).await.status, 201);
    let list = api.get("/pacticipants").await.json();
    let listed: Vec<&str> = list["_embedded"]["pacticipants"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        listed.contains(&"svc-a") && listed.contains(&"svc-b"),
        "{listed:?}"
    );
    assert_eq!(
        list["_links"]["pb:pacticipants"].as_array().unwrap().len(),
        listed.len()
    );

    // Versions.
    let r = api
        .put(
            "/pacticipants/svc-b/versions/1.0",
            json!({"buildUrl": "https://ci/1"}),
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["buildUrl"], json!("https://ci/1"));
    assert_eq!(
        api.put("/pacticipants/svc-b/versions/1.0", json!({}))
            .await
            .status,
        200
    );
    assert_eq!(
        api.put("/pacticipants/svc-b/versions/1.1", json!({}))
            .await
            .status,
        201
    );
    // Tags create pacticipant and version when missing.
    let r = api
        .put("/pacticipants/svc-c/versions/7/tags/prod", json!({}))
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["name"], json!("prod"));
    assert_eq!(
        api.put("/pacticipants/svc-c/versions/7/tags/prod", json!({}))
            .await
            .status,
        200
    );
    assert_eq!(
        api.get("/pacticipants/svc-c/versions/7/tags/prod")
            .await
            .status,
        200
    );
    api.put("/pacticipants/svc-b/versions/1.0/tags/prod", json!({}))
        .await;
    let latest = api.get("/pacticipants/svc-b/latest-version").await.json();
    assert_eq!(latest["number"], json!("1.1"));
    let tagged = api
        .get("/pacticipants/svc-b/latest-version/prod")
        .await
        .json();
    assert_eq!(tagged["number"], json!("1.0"));
    assert_eq!(tagged["_embedded"]["tags"][0]["name"], json!("prod"));
    assert_eq!(
        api.get("/pacticipants/svc-b/latest-version/nope")
            .await
            .status,
        404
    );
    assert_eq!(
        api.delete("/pacticipants/svc-b/versions/1.0/tags/prod")
            .await
            .status,
        204
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/versions/1.0/tags/prod")
            .await
            .status,
        404
    );
    assert_eq!(
        api.delete("/pacticipants/svc-b/versions/1.0/tags/prod")
            .await
            .status,
        404
    );

    // Branches; detection picks the first main-branch candidate.
    let r = api
        .put(
            "/pacticipants/svc-b/branches/feat%2Fx/versions/1.0",
            json!({}),
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.json()["_embedded"]["branchVersions"][0]["name"],
        json!("feat/x")
    );
    assert_eq!(
        r.json()["_embedded"]["branchVersions"][0]["latest"],
        json!(true)
    );
    assert_eq!(
        api.get("/pacticipants/svc-b").await.json()["mainBranch"],
        Value::Null
    );
    api.put(
        "/pacticipants/svc-b/branches/master/versions/1.0",
        json!({}),
    )
    .await;
    api.put("/pacticipants/svc-b/branches/main/versions/1.1", json!({}))
        .await;
    assert_eq!(
        api.get("/pacticipants/svc-b").await.json()["mainBranch"],
        json!("master")
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/branches/feat%2Fx")
            .await
            .status,
        200
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/branches/feat%2Fx/versions/1.0")
            .await
            .status,
        200
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/branches/feat%2Fx/versions/1.1")
            .await
            .status,
        404
    );
    assert_eq!(
        api.delete("/pacticipants/svc-b/branches/feat%2Fx")
            .await
            .status,
        204
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/branches/feat%2Fx")
            .await
            .status,
        404
    );

    assert_eq!(
        api.delete("/pacticipants/svc-b/versions/1.1").await.status,
        204
    );
    assert_eq!(
        api.get("/pacticipants/svc-b/versions/1.1").await.status,
        404
    );
    assert_eq!(api.delete("/pacticipants/svc-c").await.status, 204);
    assert_eq!(api.get("/pacticipants/svc-c").await.status, 404);
    assert_eq!(api.get("/pacticipants/nobody/versions/1").await.status, 404);
}

async fn environments_and_deployments(api: &Api) {
    let r = api
        .post(
            "/environments",
            json!({"name": "production", "displayName": "Production", "production": true}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let prod = r.json();
    let prod_uuid = prod["uuid"].as_str().unwrap().to_string();
    assert!(prod["_links"]["pb:currently-deployed-deployed-versions"]["href"].is_string());
    let r = api
        .post(
            "/environments",
            json!({"name": "production", "production": true}),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["errors"]["name"][0],
        json!("Another environment with name 'production' already exists.")
    );
    let r = api.post("/environments", json!({"name": "bad name"})).await;
    assert_eq!(r.status, 400);
    let test = api
        .post(
            "/environments",
            json!({"name": "test", "production": false}),
        )
        .await
        .json();
    let test_uuid = test["uuid"].as_str().unwrap().to_string();
    let r = api
        .post("/environments", json!({"name": "other", "uuid": test_uuid}))
        .await;
    assert_eq!(r.status, 409);
    let list = api.get("/environments").await.json();
    assert_eq!(
        list["_embedded"]["environments"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        list["_links"]["pb:environments"].as_array().unwrap().len(),
        2
    );
    let named = api.get("/environments?name=test").await.json();
    assert_eq!(
        named["_embedded"]["environments"][0]["uuid"],
        json!(test_uuid)
    );
    let r = api
        .put(
            &format!("/environments/{test_uuid}"),
            json!({"name": "test", "displayName": "Test"}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["displayName"], json!("Test"));
    let r = api
        .put(
            &format!("/environments/{test_uuid}"),
            json!({"name": "production"}),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(api.get("/environments/nope").await.status, 404);

    // The version lists one record-deployment link per environment, by name.
    for n in ["1", "2", "3"] {
        api.put(&format!("/pacticipants/app/versions/{n}"), json!({}))
            .await;
    }
    let v1 = api.get("/pacticipants/app/versions/1").await.json();
    let links = v1["_links"]["pb:record-deployment"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    let to_prod = links.iter().find(|l| l["name"] == "production").unwrap();
    assert_eq!(to_prod["title"], json!("Record deployment to Production"));
    assert_eq!(
        v1["_links"]["pb:record-release"].as_array().unwrap().len(),
        2
    );

    let r = api
        .post(
            to_prod["href"].as_str().unwrap(),
            json!({"applicationInstance": "eu"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let d1 = r.json();
    assert_eq!(d1["currentlyDeployed"], json!(true));
    assert_eq!(d1["applicationInstance"], json!("eu"));
    let dep = |n: &str| {
        format!("/pacticipants/app/versions/{n}/deployed-versions/environment/{prod_uuid}")
    };
    let d2 = api
        .post(&dep("2"), json!({"applicationInstance": "us"}))
        .await
        .json();
    // Version 3 to the eu instance replaces version 1 there, not version 2 in us.
    assert_eq!(
        api.post(&dep("3"), json!({"applicationInstance": "eu"}))
            .await
            .status,
        201
    );
    let current = api
        .get(&format!(
            "/environments/{prod_uuid}/deployed-versions/currently-deployed?pacticipant=app"
        ))
        .await
        .json();
    let mut numbers: Vec<&str> = current["_embedded"]["deployedVersions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["_embedded"]["version"]["number"].as_str())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["2", "3"]);
    let old = api
        .get(d1["_links"]["self"]["href"].as_str().unwrap())
        .await
        .json();
    assert_eq!(old["currentlyDeployed"], json!(false));
    assert!(old["undeployedAt"].is_string());
    let v3 = api.get("/pacticipants/app/versions/3").await.json();
    assert_eq!(
        v3["_links"]["pb:deployed-environments"][0]["name"],
        json!("production")
    );
    // Undeploy.
    let r = api
        .patch(
            d2["_links"]["self"]["href"].as_str().unwrap(),
            json!({"currentlyDeployed": false}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["currentlyDeployed"], json!(false));
    let current = api
        .get(&format!(
            "/environments/{prod_uuid}/deployed-versions/currently-deployed?pacticipant=app"
        ))
        .await
        .json();
    assert_eq!(
        current["_embedded"]["deployedVersions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(api.post(&dep("99"), json!({})).await.status, 404);
    assert_eq!(
        api.post(
            "/pacticipants/app/versions/1/deployed-versions/environment/nope",
            json!({})
        )
        .await
        .status,
        404
    );

    // Releases are supported side by side until support ends.
    let rel = |n: &str| {
        format!("/pacticipants/app/versions/{n}/released-versions/environment/{test_uuid}")
    };
    let r1 = api.post(&rel("1"), json!({})).await;
    assert_eq!(r1.status, 201, "{}", r1.text);
    assert_eq!(api.post(&rel("1"), json!({})).await.status, 200);
    assert_eq!(api.post(&rel("2"), json!({})).await.status, 201);
    let supported = api
        .get(&format!(
            "/environments/{test_uuid}/released-versions/currently-supported"
        ))
        .await
        .json();
    assert_eq!(
        supported["_embedded"]["releasedVersions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let r = api
        .patch(
            r1.json()["_links"]["self"]["href"].as_str().unwrap(),
            json!({"currentlySupported": false}),
        )
        .await;
    assert_eq!(r.json()["currentlySupported"], json!(false));
    let supported = api
        .get(&format!(
            "/environments/{test_uuid}/released-versions/currently-supported"
        ))
        .await
        .json();
    assert_eq!(
        supported["_embedded"]["releasedVersions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    assert_eq!(
        api.delete(&format!("/environments/{test_uuid}"))
            .await
            .status,
        204
    );
    assert_eq!(
        api.get(&format!("/environments/{test_uuid}")).await.status,
        404
    );
}

async fn publish(
    api: &Api,
    consumer: &str,
    version: &str,
    branch: Option<&str>,
    tags: &[&str],
    descriptions: &[&str],
) {
    let r = api
        .post(
            "/contracts/publish",
            publish_body(
                consumer,
                version,
                branch,
                tags,
                "Prov",
                &pact(consumer, "Prov", descriptions),
                "overwrite",
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

async fn for_verification(api: &Api, selectors: Value, extra: Value) -> Vec<(String, Value)> {
    let mut body = json!({"consumerVersionSelectors": selectors});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = api
        .post("/pacts/provider/Prov/for-verification", body)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let mut out: Vec<(String, Value)> = r.json()["_embedded"]["pacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["_links"]["self"]["name"].as_str().unwrap().to_string(),
                p.clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn names(pacts: &[(String, Value)]) -> Vec<String> {
    pacts.iter().map(|(n, _)| n.clone()).collect()
}

async fn pacts_for_verification(api: &Api) {
    publish(api, "A", "a1", Some("main"), &["prod"], &["a-one"]).await;
    publish(api, "A", "a2", Some("main"), &[], &["a-two"]).await;
    publish(api, "A", "a3", Some("feat"), &[], &["a-three"]).await;
    publish(api, "B", "b1", Some("master"), &["prod"], &["b-one"]).await;
    // Same content as b1: one pact to verify.
    publish(api, "B", "b2", Some("master"), &[], &["b-one"]).await;
    let env = api
        .post(
            "/environments",
            json!({"name": "production", "production": true}),
        )
        .await
        .json();
    let uuid = env["uuid"].as_str().unwrap().to_string();
    api.post(
        &format!("/pacticipants/A/versions/a1/deployed-versions/environment/{uuid}"),
        json!({}),
    )
    .await;
    api.post(
        &format!("/pacticipants/B/versions/b1/released-versions/environment/{uuid}"),
        json!({}),
    )
    .await;

    let pab = |c: &str, v: &str| format!("Pact between {c} ({v}) and Prov");
    assert_eq!(
        names(&for_verification(api, json!([{"mainBranch": true}]), json!({})).await),
        [pab("A", "a2"), pab("B", "b2")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"branch": "feat"}]), json!({})).await),
        [pab("A", "a3")]
    );
    assert_eq!(
        names(
            &for_verification(
                api,
                json!([{"branch": "nope", "fallbackBranch": "main"}]),
                json!({})
            )
            .await
        ),
        [pab("A", "a2")]
    );
    assert_eq!(
        names(
            &for_verification(
                api,
                json!([{"matchingBranch": true}]),
                json!({"providerVersionBranch": "feat"})
            )
            .await
        ),
        [pab("A", "a3")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"tag": "prod"}]), json!({})).await),
        [pab("A", "a1"), pab("B", "b1")]
    );
    assert_eq!(
        names(
            &for_verification(
                api,
                json!([{"tag": "nope", "fallbackTag": "prod", "latest": true, "consumer": "A"}]),
                json!({})
            )
            .await
        ),
        [pab("A", "a1")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"latest": true}]), json!({})).await),
        [pab("A", "a3"), pab("B", "b2")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"deployed": true}]), json!({})).await),
        [pab("A", "a1")]
    );
    assert_eq!(
        names(
            &for_verification(
                api,
                json!([{"released": true, "environment": "production"}]),
                json!({})
            )
            .await
        ),
        [pab("B", "b1")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"deployedOrReleased": true}]), json!({})).await),
        [pab("A", "a1"), pab("B", "b1")]
    );
    assert_eq!(
        names(&for_verification(api, json!([{"environment": "staging"}]), json!({})).await),
        Vec::<String>::new()
    );
    // No selectors: main branches plus deployed or released versions.
    let r = api
        .post("/pacts/provider/Prov/for-verification", json!({}))
        .await;
    assert_eq!(
        r.json()["_embedded"]["pacts"].as_array().unwrap().len(),
        3,
        "{}",
        r.text
    );
    // The GET form.
    let r = api
        .get("/pacts/provider/Prov/for-verification?consumer_version_selectors[][branch]=feat")
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["_embedded"]["pacts"].as_array().unwrap().len(), 1);

    // Pending per provider branch: pending until verified from main.
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "main"}),
    )
    .await;
    let (_, a2) = &got[0];
    assert_eq!(a2["verificationProperties"]["pending"], json!(true));
    assert!(
        a2["shortDescription"]
            .as_str()
            .unwrap()
            .contains("main branch")
    );
    let pact_url = a2["_links"]["self"]["href"].as_str().unwrap();
    let r = api
        .put("/pacticipants/Prov/branches/old/versions/p0", json!({}))
        .await;
    assert_eq!(r.status, 201);
    let doc = api.get(pact_url).await.json();
    let results = doc["_links"]["pb:publish-verification-results"]["href"]
        .as_str()
        .unwrap();
    let r = api
        .post(results, json!({"success": true, "providerApplicationVersion": "p1", "providerVersionBranch": "main"}))
        .await;
    assert_eq!(r.status, 201);
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "main"}),
    )
    .await;
    assert_eq!(got[0].1["verificationProperties"]["pending"], json!(false));
    let notices = got[0].1["verificationProperties"]["notices"]
        .as_array()
        .unwrap();
    assert!(
        notices
            .iter()
            .all(|n| n["when"].is_string() && n["text"].is_string())
    );
    // A provider branch created after main verified the pact inherits that result; one that
    // existed before does not (the Pact Broker's rule).
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "feat"}),
    )
    .await;
    assert_eq!(got[0].1["verificationProperties"]["pending"], json!(false));
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "old"}),
    )
    .await;
    assert_eq!(got[0].1["verificationProperties"]["pending"], json!(true));

    // WIP: the latest of other branches, since the date, still pending for this branch.
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "main", "includeWipPactsSince": "2020-01-01"}),
    )
    .await;
    let wip: Vec<&String> = got
        .iter()
        .filter(|(_, p)| p["verificationProperties"]["wip"] == json!(true))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(wip, [&pab("A", "a3")]);
    let got = for_verification(
        api,
        json!([{"mainBranch": true}]),
        json!({"includePendingStatus": true, "providerVersionBranch": "main", "includeWipPactsSince": "2999-01-01"}),
    )
    .await;
    assert!(
        got.iter()
            .all(|(_, p)| p["verificationProperties"]["wip"].is_null())
    );

    // Validation errors.
    let r = api
        .post(
            "/pacts/provider/Prov/for-verification",
            json!({"consumerVersionSelectors": [{"tag": "x", "branch": "y"}]}),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.json()["errors"]["consumerVersionSelectors"][0]
            .as_str()
            .unwrap()
            .contains("(at index 0)")
    );
    let r = api
        .post(
            "/pacts/provider/Prov/for-verification",
            json!({"consumerVersionSelectors": [{"matchingBranch": true}]}),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = api
        .post("/pacts/provider/Nobody/for-verification", json!({}))
        .await;
    assert_eq!(r.status, 404);
}

/// Concurrent publishers: of one version with the same content all succeed; of distinct
/// versions each gets its own pact.
async fn concurrent_publishing(api: std::sync::Arc<Api>) {
    let content = pact("Par", "Prov2", &["a"]);
    let mut tasks = Vec::new();
    for i in 0..12 {
        let api = api.clone();
        let content = content.clone();
        tasks.push(tokio::spawn(async move {
            let version = if i % 2 == 0 {
                "same".to_string()
            } else {
                format!("v{i}")
            };
            let body = publish_body(
                "Par",
                &version,
                Some("main"),
                &["t"],
                "Prov2",
                &content,
                "overwrite",
            );
            let r = api.post("/contracts/publish", body).await;
            (r.status, r.text)
        }));
    }
    for t in tasks {
        let (status, text) = t.await.expect("task");
        assert_eq!(status, 200, "{text}");
    }
    let versions = api
        .get("/pacts/provider/Prov2/consumer/Par/versions")
        .await
        .json();
    assert_eq!(
        versions["_links"]["pb:pact-versions"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
}

async fn scenario(api: &Api) {
    index_and_publish(api).await;
    put_and_fetch_pacts(api).await;
    verification_results(api).await;
    pacticipants_versions_tags_branches(api).await;
}

async fn scenario_deployments(api: &Api) {
    environments_and_deployments(api).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pact_api_on_sqlite() {
    let db = common::sqlite().await;
    scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pact_api_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_publishing_on_sqlite() {
    let db = common::sqlite().await;
    concurrent_publishing(std::sync::Arc::new(
        start(AppState::new(db.store.clone())).await,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_publishing_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    concurrent_publishing(std::sync::Arc::new(
        start(AppState::new(db.store.clone())).await,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deployments_on_sqlite() {
    let db = common::sqlite().await;
    scenario_deployments(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deployments_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario_deployments(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacts_for_verification_on_sqlite() {
    let db = common::sqlite().await;
    pacts_for_verification(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacts_for_verification_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    pacts_for_verification(&start(AppState::new(db.store.clone())).await).await;
}

/// Pact paths need `read` to look (including asking for pacts to verify), `write` to
/// publish and record, `admin` to delete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pact_roles() {
    use accord_broker::auth::Tokens;
    let db = common::sqlite().await;
    let mut state = AppState::new(db.store.clone());
    let tokens = Tokens::parse("read r\nwrite w\nadmin a\n", "tokens").expect("tokens");
    state.tokens = Some(std::sync::Arc::new(tokens));
    let api = start(state).await;
    let as_ = |token: &str, method: Method, path: &str, body: Option<Value>| {
        let mut req = api
            .http
            .request(method, format!("{}{path}", api.base))
            .header("Authorization", format!("Bearer {token}"));
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move { req.send().await.expect("request").status().as_u16() }
    };
    assert_eq!(
        api.http
            .get(format!("{}/", api.base))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(as_("r", Method::GET, "/", None).await, 200);
    let body = publish_body(
        "C",
        "1",
        Some("main"),
        &[],
        "P",
        &pact("C", "P", &["a"]),
        "overwrite",
    );
    assert_eq!(
        as_("r", Method::POST, "/contracts/publish", Some(body.clone())).await,
        403
    );
    assert_eq!(
        as_("w", Method::POST, "/contracts/publish", Some(body)).await,
        200
    );
    assert_eq!(
        as_(
            "r",
            Method::POST,
            "/pacts/provider/P/for-verification",
            Some(json!({}))
        )
        .await,
        200
    );
    assert_eq!(
        as_("r", Method::PUT, "/pacticipants/C/versions/1/tags/t", None).await,
        403
    );
    assert_eq!(
        as_("w", Method::PUT, "/pacticipants/C/versions/1/tags/t", None).await,
        201
    );
    assert_eq!(
        as_(
            "w",
            Method::DELETE,
            "/pacticipants/C/versions/1/tags/t",
            None
        )
        .await,
        204
    );
    assert_eq!(as_("w", Method::DELETE, "/pacticipants/C", None).await, 403);
    assert_eq!(as_("a", Method::DELETE, "/pacticipants/C", None).await, 204);
}
