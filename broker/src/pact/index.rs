//! `GET /`: the index the Pact clients start from. Relations and templates are the Pact
//! Broker's, since clients expand them by name (the Rust clients deserialize the whole set
//! strictly, so every relation is present even when it leads to a resource we lack).

use super::hal::{Base, ok};
use crate::AppState;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value, json};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(index))
}

/// (relation, path, title, templated)
const RELATIONS: &[(&str, &str, &str, bool)] = &[
    ("self", "", "Index", false),
    (
        "pb:publish-pact",
        "/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}",
        "Publish a pact",
        true,
    ),
    (
        "pb:publish-contracts",
        "/contracts/publish",
        "Publish contracts",
        false,
    ),
    (
        "pb:latest-pact-versions",
        "/pacts/latest",
        "Latest pact versions",
        false,
    ),
    (
        "pb:tagged-pact-versions",
        "/pacts/provider/{provider}/consumer/{consumer}/tag/{tag}",
        "All versions of a pact for a given consumer, provider and consumer version tag",
        false,
    ),
    ("pb:pacticipants", "/pacticipants", "Pacticipants", false),
    (
        "pb:pacticipant",
        "/pacticipants/{pacticipant}",
        "Fetch pacticipant by name",
        true,
    ),
    (
        "pb:latest-provider-pacts",
        "/pacts/provider/{provider}/latest",
        "Latest pacts by provider",
        true,
    ),
    (
        "pb:latest-provider-pacts-with-tag",
        "/pacts/provider/{provider}/latest/{tag}",
        "Latest pacts for provider with the specified tag",
        true,
    ),
    (
        "pb:provider-pacts-with-tag",
        "/pacts/provider/{provider}/tag/{tag}",
        "All pact versions for the provider with the specified consumer version tag",
        true,
    ),
    (
        "pb:provider-pacts",
        "/pacts/provider/{provider}",
        "All pact versions for the specified provider",
        true,
    ),
    (
        "pb:latest-version",
        "/pacticipants/{pacticipant}/latest-version",
        "Latest pacticipant version",
        true,
    ),
    (
        "pb:latest-tagged-version",
        "/pacticipants/{pacticipant}/latest-version/{tag}",
        "Latest pacticipant version with the specified tag",
        true,
    ),
    ("pb:webhooks", "/webhooks", "Webhooks", false),
    ("pb:webhook", "/webhooks/{uuid}", "Webhook", true),
    ("pb:integrations", "/integrations", "Integrations", false),
    (
        "pb:pacticipant-version-tag",
        "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}",
        "Get, create or delete a tag for a pacticipant version",
        true,
    ),
    (
        "pb:pacticipant-branch",
        "/pacticipants/{pacticipant}/branches/{branch}",
        "Get or delete a pacticipant branch",
        true,
    ),
    (
        "pb:pacticipant-branch-version",
        "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}",
        "Get or add/create a pacticipant version for a branch",
        true,
    ),
    (
        "pb:pacticipant-version",
        "/pacticipants/{pacticipant}/versions/{version}",
        "Get, create or delete a pacticipant version",
        true,
    ),
    ("pb:metrics", "/metrics", "Get Pact Broker metrics", false),
    (
        "pb:can-i-deploy-pacticipant-version-to-tag",
        "/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}",
        "Determine if an application version can be safely deployed to an environment identified by the given tag",
        true,
    ),
    (
        "pb:can-i-deploy-pacticipant-version-to-environment",
        "/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}",
        "Determine if an application version can be safely deployed to an environment",
        true,
    ),
    (
        "pb:can-i-deploy-branch-to-environment",
        "/pacticipants/{pacticipant}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}",
        "Determine if the latest version from a branch can be safely deployed to an environment",
        true,
    ),
    (
        "pb:provider-pacts-for-verification",
        "/pacts/provider/{provider}/for-verification",
        "Pact versions to be verified for the specified provider",
        true,
    ),
    (
        "beta:provider-pacts-for-verification",
        "/pacts/provider/{provider}/for-verification",
        "DEPRECATED - please use pb:provider-pacts-for-verification",
        true,
    ),
    ("pb:environments", "/environments", "Environments", false),
    (
        "pb:environment",
        "/environments/{uuid}",
        "Environment",
        true,
    ),
];

pub(crate) fn links(base: &Base) -> Map<String, Value> {
    let mut links = Map::new();
    for (rel, path, title, templated) in RELATIONS {
        let mut link = json!({"href": base.url(path), "title": title, "templated": templated});
        if rel.starts_with("beta:") {
            link["name"] = json!("beta");
        }
        links.insert((*rel).to_string(), link);
    }
    links.insert(
        "curies".into(),
        json!([
            {"name": "pb", "href": base.url("/doc/{rel}?context=index"), "templated": true},
            {"name": "beta", "href": base.url("/doc/{rel}?context=index"), "templated": true}
        ]),
    );
    links
}

async fn index(base: Base) -> Response {
    ok(json!({ "_links": links(&base) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_relation_is_templated() {
        for (rel, path, _, templated) in RELATIONS {
            if *rel != "pb:tagged-pact-versions" {
                assert_eq!(path.contains('{'), *templated, "{rel}");
            }
        }
    }
}
