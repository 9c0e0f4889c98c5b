//! The broker commands against a real `accord serve` with the Pact Broker endpoints: publish
//! a pact, record deployments, publish verifications (as a provider's verifier would, over
//! plain HTTP), and ask can-i-deploy — pacts and event schemas in one environment.

use super::serve;
use super::{Run, accord_in};
use serde_json::{Value, json};
use std::time::Duration;

struct Env {
    broker: serve::Broker,
    dir: tempfile::TempDir,
    /// Prefix that keeps names apart on a shared PostgreSQL.
    p: String,
}

impl Env {
    fn new() -> Env {
        Env {
            broker: serve::start(),
            dir: tempfile::tempdir().unwrap(),
            p: serve::unique("t"),
        }
    }

    fn name(&self, n: &str) -> String {
        format!("{n}-{}", self.p)
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut a = args.to_vec();
        a.extend(["--broker-url", &self.broker.url]);
        accord_in(self.dir.path(), &a, &[])
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A verifier's result for the latest pact between consumer version and provider.
    fn verify(
        &self,
        consumer: &str,
        version: &str,
        provider: &str,
        provider_version: &str,
        ok: bool,
    ) {
        let http = reqwest::blocking::Client::new();
        let pact: Value = http
            .get(format!(
                "{}/pacts/provider/{provider}/consumer/{consumer}/version/{version}",
                self.broker.url
            ))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let href = pact["_links"]["pb:publish-verification-results"]["href"]
            .as_str()
            .unwrap_or_else(|| panic!("no pb:publish-verification-results link in {pact}"));
        let r = http
            .post(href)
            .header("Content-Type", "application/json")
            .body(
                json!({"success": ok, "providerApplicationVersion": provider_version}).to_string(),
            )
            .send()
            .unwrap();
        assert!(r.status().is_success(), "{:?}", r.text());
    }
}

fn pact(consumer: &str, provider: &str, path: &str) -> String {
    json!({
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": [{"description": format!("get {path}"),
                          "request": {"method": "GET", "path": path},
                          "response": {"status": 200}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    })
    .to_string()
}

fn json_of(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[test]
fn publish_verify_deploy_and_can_i_deploy_against_the_real_broker() {
    let e = Env::new();
    let (web, api) = (e.name("web"), e.name("api"));
    let env = e.name("production");
    e.run(&["create-environment", "--name", &env, "--production"])
        .expect(0);
    e.write("pacts/web-api.json", &pact(&web, &api, "/orders"));
    let r = e.run(&["publish", "pacts", "-a", "1", "--branch", "main"]);
    r.expect(0);
    let r = e.run(&["describe-version", "-a", &web, "-e", "1", "-o", "json"]);
    r.expect(0);
    assert_eq!(json_of(&r)["branches"], json!(["main"]));

    // The provider verifies with version 7 and is deployed.
    e.verify(&web, "1", &api, "7", true);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "7",
        "--environment",
        &env,
    ])
    .expect(0);
    let ask = |extra: &[&str]| {
        let mut a = vec![
            "can-i-deploy",
            "-a",
            web.as_str(),
            "-e",
            "1",
            "--to-environment",
            env.as_str(),
        ];
        a.extend(extra);
        e.run(&a)
    };
    let r = ask(&[]);
    r.expect(0);
    assert!(r.stdout.starts_with("Deployable: yes"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!("{api} (provider)")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("pact verified"), "{}", r.stdout);
    let v = json_of(ask(&["-o", "json"]).expect(0));
    let row = &v["integrations"][0];
    assert_eq!(row["counterpart"]["name"], api.as_str());
    assert_eq!(row["counterpart"]["version"], "7");
    assert_eq!(row["result"], "success");

    // Version 8 of the provider fails its verification and replaces 7 in production.
    e.verify(&web, "1", &api, "8", false);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "8",
        "--environment",
        &env,
    ])
    .expect(0);
    let r = ask(&[]);
    r.expect(1);
    assert!(r.stdout.starts_with("Deployable: no"), "{}", r.stdout);
    let r = ask(&["-o", "json"]);
    r.expect(1);
    assert_eq!(json_of(&r)["integrations"][0]["result"], "failure");
    // Ignoring the provider lets it through.
    ask(&["--ignore", &api]).expect(0);
    ask(&["--dry-run"]).expect(0);
    // The matrix form (--latest) gives the same answer.
    e.run(&[
        "can-i-deploy",
        "-a",
        &web,
        "--latest",
        "--to-environment",
        &env,
    ])
    .expect(1);

    // Undeploy the failing provider and redeploy 7.
    e.run(&["record-undeployment", "-a", &api, "--environment", &env])
        .expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "7",
        "--environment",
        &env,
    ])
    .expect(0);
    ask(&[]).expect(0);
}

#[test]
fn retry_while_unknown_sees_a_verification_that_arrives_while_it_waits() {
    let e = Env::new();
    let (web, api) = (e.name("web"), e.name("api"));
    let env = e.name("production");
    e.run(&["create-environment", "--name", &env]).expect(0);
    e.write("v1/web-api.json", &pact(&web, &api, "/orders"));
    e.run(&["publish", "v1", "-a", "1"]).expect(0);
    e.verify(&web, "1", &api, "7", true);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "7",
        "--environment",
        &env,
    ])
    .expect(0);
    // Version 2's pact is new: nobody has verified it yet.
    e.write("v2/web-api.json", &pact(&web, &api, "/orders/{id}"));
    e.run(&["publish", "v2", "-a", "2"]).expect(0);
    let r = e.run(&[
        "can-i-deploy",
        "-a",
        &web,
        "-e",
        "2",
        "--to-environment",
        &env,
    ]);
    r.expect(1);
    assert!(r.stdout.starts_with("Deployable: unknown"), "{}", r.stdout);

    let child = super::command(
        e.dir.path(),
        &[
            "can-i-deploy",
            "-a",
            &web,
            "-e",
            "2",
            "--to-environment",
            &env,
            "--retry-while-unknown",
            "100",
            "--retry-interval",
            "0.1",
            "--broker-url",
            &e.broker.url,
        ],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    e.verify(&web, "2", &api, "7", true);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("the answer is unknown"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Deployable: yes"));
}

const WRITER_V1: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"},
  {"name": "total", "type": "long"}]}"#;
/// Drops `total`, which the deployed reader needs (it has no default there).
const WRITER_V2: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"}]}"#;
const READER: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"},
  {"name": "total", "type": "long"}]}"#;
const READER_UPGRADED: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"},
  {"name": "total", "type": "long", "default": 0}]}"#;

#[test]
fn schema_links_decide_can_i_deploy_for_event_producers() {
    let e = Env::new();
    let (orders, billing) = (e.name("orders"), e.name("billing"));
    let subject = e.name("orders-value");
    let env = e.name("production");
    e.run(&["create-environment", "--name", &env]).expect(0);
    for (f, t) in [
        ("w1.avsc", WRITER_V1),
        ("w2.avsc", WRITER_V2),
        ("r1.avsc", READER),
        ("r2.avsc", READER_UPGRADED),
    ] {
        e.write(f, t);
    }
    let link = |verb: &str, app: &str, version: &str, file: &str| {
        e.run(&[
            "schema",
            verb,
            "--subject",
            &subject,
            "-a",
            app,
            "-e",
            version,
            file,
        ])
    };
    link("publish", &orders, "1", "w1.avsc").expect(0);
    link("consume", &billing, "3", "r1.avsc").expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &billing,
        "-e",
        "3",
        "--environment",
        &env,
    ])
    .expect(0);
    let ask = |version: &str| {
        e.run(&[
            "can-i-deploy",
            "-a",
            &orders,
            "-e",
            version,
            "--to-environment",
            &env,
        ])
    };
    let r = ask("1");
    r.expect(0);
    assert!(r.stdout.contains("schema reader-writer"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!("{billing} (consumer)")),
        "{}",
        r.stdout
    );

    link("publish", &orders, "2", "w2.avsc").expect(0);
    let r = ask("2");
    r.expect(1);
    assert!(r.stdout.contains("schema reader-writer"), "{}", r.stdout);
    let v = json_of(&e.run(&[
        "can-i-deploy",
        "-a",
        &orders,
        "-e",
        "2",
        "--to-environment",
        &env,
        "-o",
        "json",
    ]));
    assert_eq!(v["deployable"], false);
    let row = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "schema")
        .expect("a schema row");
    assert_eq!(row["result"], "failure");
    assert_eq!(row["counterpart"]["version"], "3");

    // The consumer is upgraded first: a default for `total`; then the producer may go.
    link("consume", &billing, "4", "r2.avsc").expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &billing,
        "-e",
        "4",
        "--environment",
        &env,
    ])
    .expect(0);
    ask("2").expect(0);
}

/// One application with both kinds of integration in one environment: it consumes an HTTP
/// API (a verified pact) and produces events (schema links). The failing one blocks;
/// ignoring it lets the version through.
#[test]
fn pacts_and_schemas_in_one_environment_and_ignore() {
    let e = Env::new();
    let (orders, api, billing) = (e.name("orders"), e.name("api"), e.name("billing"));
    let subject = e.name("orders-value");
    let env = e.name("production");
    e.run(&["create-environment", "--name", &env]).expect(0);
    e.write("pacts/orders-api.json", &pact(&orders, &api, "/prices"));
    e.run(&["publish", "pacts", "-a", "2"]).expect(0);
    e.verify(&orders, "2", &api, "5", true);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "5",
        "--environment",
        &env,
    ])
    .expect(0);
    e.write("r.avsc", READER);
    e.write("w.avsc", WRITER_V2);
    e.run(&[
        "schema",
        "consume",
        "--subject",
        &subject,
        "-a",
        &billing,
        "-e",
        "3",
        "r.avsc",
    ])
    .expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &billing,
        "-e",
        "3",
        "--environment",
        &env,
    ])
    .expect(0);
    e.run(&[
        "schema",
        "publish",
        "--subject",
        &subject,
        "-a",
        &orders,
        "-e",
        "2",
        "w.avsc",
    ])
    .expect(0);
    let ask = |extra: &[&str]| {
        let mut a = vec![
            "can-i-deploy",
            "-a",
            orders.as_str(),
            "-e",
            "2",
            "--to-environment",
            env.as_str(),
            "-o",
            "json",
        ];
        a.extend(extra);
        e.run(&a)
    };
    let r = ask(&[]);
    r.expect(1);
    let v = json_of(&r);
    let kinds: Vec<(&str, &str)> = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["result"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("pact", "success")), "{kinds:?}");
    assert!(kinds.contains(&("schema", "failure")), "{kinds:?}");
    let ignored = format!("{billing}:3");
    let r = ask(&["--ignore", &ignored]);
    r.expect(0);
    let v = json_of(&r);
    assert!(
        v["integrations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "schema" && i["ignored"] == true),
        "{v}"
    );
}

const PROTO_V1: &str = "syntax = \"proto3\";\npackage shop.v1;\nmessage Order {\n  int64 id = 1;\n  string sku = 2;\n}\n";
/// Field number 2 reused with another type: a reader deployed with v1 misreads it.
const PROTO_REUSED: &str = "syntax = \"proto3\";\npackage shop.v1;\nmessage Order {\n  int64 id = 1;\n  reserved \"sku\";\n  int32 quantity = 2;\n}\n";

/// Protobuf producers: a field number reused against the reader deployed in production is
/// a "no"; the same writer is fine where no reader of v1 is deployed.
#[test]
fn protobuf_field_number_reuse_blocks_the_producer() {
    let e = Env::new();
    let (orders, billing) = (e.name("orders"), e.name("billing"));
    let subject = e.name("orders-proto");
    let env = e.name("production");
    e.run(&["create-environment", "--name", &env]).expect(0);
    e.write("v1.proto", PROTO_V1);
    e.write("v2.proto", PROTO_REUSED);
    let link = |verb: &str, app: &str, version: &str, file: &str| {
        e.run(&[
            "schema",
            verb,
            "--subject",
            &subject,
            "-a",
            app,
            "-e",
            version,
            file,
        ])
    };
    link("publish", &orders, "1", "v1.proto").expect(0);
    link("consume", &billing, "1", "v1.proto").expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &billing,
        "-e",
        "1",
        "--environment",
        &env,
    ])
    .expect(0);
    let ask = |version: &str| {
        e.run(&[
            "can-i-deploy",
            "-a",
            &orders,
            "-e",
            version,
            "--to-environment",
            &env,
            "-o",
            "json",
        ])
    };
    ask("1").expect(0);
    // The registry's own check refuses v2 under the subject's BACKWARD level, so v2 is only
    // linked (as a producer would whose registry check was skipped): can-i-deploy is the gate
    // that still catches it.
    let r = e.run(&[
        "schema",
        "publish",
        "--subject",
        &subject,
        "-a",
        &orders,
        "-e",
        "2",
        "v2.proto",
    ]);
    let linked = r.code == 0;
    if !linked {
        // Refused at registration: say why, then link it as a reader-side record would.
        assert!(
            r.stderr.contains("409") || r.stderr.to_lowercase().contains("incompatible"),
            "{}",
            r.stderr
        );
        let http = reqwest::blocking::Client::new();
        let res = http
            .put(format!(
                "{}/pacticipants/{orders}/versions/2/schemas/writer/{subject}",
                e.broker.url
            ))
            .header("Content-Type", "application/json")
            .body(json!({"schema": PROTO_REUSED, "schemaType": "PROTOBUF"}).to_string())
            .send()
            .unwrap();
        assert!(res.status().is_success(), "{:?}", res.text());
    }
    let r = ask("2");
    r.expect(1);
    let v = json_of(&r);
    let row = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "schema")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(row["result"], "failure", "{v}");
    let reason = row["reason"].as_str().unwrap();
    assert!(
        reason.contains("FIELD_WIRE_JSON_COMPATIBLE_TYPE") && reason.contains("Field \"2\""),
        "the reason names the rule and the field number: {reason}"
    );
}

/// All three kinds in one environment: `orders` consumes `api` (a pact verified by a
/// provider run) and `catalog` (a pact checked against catalog's OpenAPI document, no
/// verifier) and produces events `billing` reads (schema links). The failing schema blocks;
/// ignoring it lets the version through. Then `catalog` drops a field `orders` reads: no,
/// and the reason names the interaction and the JSON path.
#[test]
fn all_three_contract_kinds_in_one_environment() {
    let e = Env::new();
    let (orders, api, catalog, billing) = (
        e.name("orders"),
        e.name("api"),
        e.name("catalog"),
        e.name("billing"),
    );
    let subject = e.name("orders-value");
    let env = e.name("production");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |rel: &str| std::fs::read_to_string(format!("{root}/{rel}")).unwrap();
    e.run(&["create-environment", "--name", &env]).expect(0);

    // The verified pact.
    e.write("pacts/orders-api.json", &pact(&orders, &api, "/prices"));
    // The bi-directional one: a pact written by pact-js, renamed.
    let mut bidi: Value =
        serde_json::from_str(&read("fixtures/pact/compatible-v3/pact.json")).unwrap();
    bidi["consumer"]["name"] = json!(orders);
    bidi["provider"]["name"] = json!(catalog);
    e.write("pacts/orders-catalog.json", &bidi.to_string());
    e.run(&["publish", "pacts", "-a", "2"]).expect(0);
    e.verify(&orders, "2", &api, "5", true);
    e.run(&[
        "record-deployment",
        "-a",
        &api,
        "-e",
        "5",
        "--environment",
        &env,
    ])
    .expect(0);
    e.write(
        "openapi.yaml",
        &read("examples/getting-started/openapi.yaml"),
    );
    e.write(
        "openapi-v2.yaml",
        &read("examples/getting-started/openapi-v2.yaml"),
    );
    e.run(&[
        "publish-provider-contract",
        "openapi.yaml",
        "--provider",
        &catalog,
        "--provider-app-version",
        "7",
        "--verification-success",
    ])
    .expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &catalog,
        "-e",
        "7",
        "--environment",
        &env,
    ])
    .expect(0);

    // The events: billing's deployed reader needs `total`, which orders 2 no longer writes.
    e.write("r.avsc", READER);
    e.write("w.avsc", WRITER_V2);
    e.run(&[
        "schema",
        "consume",
        "--subject",
        &subject,
        "-a",
        &billing,
        "-e",
        "3",
        "r.avsc",
    ])
    .expect(0);
    e.run(&[
        "record-deployment",
        "-a",
        &billing,
        "-e",
        "3",
        "--environment",
        &env,
    ])
    .expect(0);
    e.run(&[
        "schema",
        "publish",
        "--subject",
        &subject,
        "-a",
        &orders,
        "-e",
        "2",
        "w.avsc",
    ])
    .expect(0);

    let ask = |who: &str, version: &str, extra: &[&str]| {
        let mut a = vec![
            "can-i-deploy",
            "-a",
            who,
            "-e",
            version,
            "--to-environment",
            env.as_str(),
            "-o",
            "json",
        ];
        a.extend(extra);
        e.run(&a)
    };
    let r = ask(&orders, "2", &[]);
    r.expect(1);
    let v = json_of(&r);
    let mut kinds: Vec<(String, String)> = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("pact".to_string(), "success".to_string()),
            ("pact-vs-openapi".to_string(), "success".to_string()),
            ("schema".to_string(), "failure".to_string()),
        ],
        "{v}"
    );
    ask(&orders, "2", &["--ignore", &format!("{billing}:3")]).expect(0);
    // The table says the same, one row per kind.
    let table = e.run(&[
        "can-i-deploy",
        "-a",
        &orders,
        "-e",
        "2",
        "--to-environment",
        &env,
        "--ignore",
        &billing,
    ]);
    table.expect(0);
    for label in ["pact verified", "pact vs OpenAPI", "schema reader-writer"] {
        assert!(table.stdout.contains(label), "{label}: {}", table.stdout);
    }

    // orders 2 is deployed; catalog 8 drops `total`, which orders' pact reads.
    e.run(&[
        "record-deployment",
        "-a",
        &orders,
        "-e",
        "2",
        "--environment",
        &env,
    ])
    .expect(0);
    e.run(&[
        "publish-provider-contract",
        "openapi-v2.yaml",
        "--provider",
        &catalog,
        "--provider-app-version",
        "8",
        "--verification-success",
    ])
    .expect(0);
    let r = ask(&catalog, "8", &[]);
    r.expect(1);
    let v = json_of(&r);
    let row = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "pact-vs-openapi")
        .unwrap_or_else(|| panic!("{v}"));
    let reason = row["reason"].as_str().unwrap();
    assert!(
        reason.contains("\"a request for shipped orders\"")
            && reason.contains("$.body.items[0].total"),
        "{reason}"
    );
}
