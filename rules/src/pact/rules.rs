//! The rules of the bi-directional comparison, with swagger-mock-validator's ids and
//! levels (PactFlow's bi-directional contracts use the same ones, so their users keep
//! their vocabulary). "before" in the docs is the consumer's pact, "after" the provider's
//! OpenAPI document.

use crate::catalogue::RuleMeta;

/// Declares one rule: id, default severity, then the doc fields.
macro_rules! pact_rule {
    ($name:ident, $id:expr, $sev:ident, $summary:expr, $why:expr, $before:expr, $after:expr, $evolve:expr $(,)?) => {
        pub static $name: RuleMeta = RuleMeta {
            id: $id,
            kind: $crate::finding::RuleKind::Breaking,
            formats: &[$crate::finding::Format::Pact],
            categories: &["CONTRACT"],
            default_severity: $crate::finding::Severity::$sev,
            aliases: &[],
            doc: $crate::catalogue::RuleDoc {
                summary: $summary,
                why: $why,
                before: $before,
                after: $after,
                evolve: $evolve,
            },
        };
    };
}

pact_rule!(
    PATH_OR_METHOD_UNKNOWN,
    "request.path-or-method.unknown",
    Error,
    "The consumer calls a method and path that the provider's document does not define.",
    "The provider gives no promise about an operation it does not describe; the request may \
     get a 404 or 405, or reach an undocumented endpoint that can change at any time.",
    r#"{"request": {"method": "DELETE", "path": "/orders/1"}}"#,
    r#"{"paths": {"/orders/{id}": {"get": {"responses": {"200": {"description": "ok"}}}}}}"#,
    "Add the operation to the provider's document (and implementation) before the consumer \
     uses it, or change the consumer to call an operation that exists. The path is matched \
     after removing the path part of `servers[].url`.",
);

pact_rule!(
    ACCEPT_INCOMPATIBLE,
    "request.accept.incompatible",
    Error,
    "The consumer's `Accept` header admits none of the media types the operation responds with.",
    "The provider would answer 406 or with a body the consumer refuses to read.",
    r#"{"request": {"headers": {"Accept": "application/xml"}}}"#,
    r#"{"responses": {"200": {"content": {"application/json": {}}}}}"#,
    "Accept a media type the provider documents, or document the new media type on the \
     provider first.",
);

pact_rule!(
    ACCEPT_UNKNOWN,
    "request.accept.unknown",
    Warning,
    "The consumer sends an `Accept` header but the operation documents no response media type.",
    "Nothing says what the provider will send back; the consumer's expectation cannot be checked.",
    r#"{"request": {"headers": {"Accept": "application/json"}}}"#,
    r#"{"responses": {"204": {"description": "no content"}}}"#,
    "Document the response content of the operation, or stop sending `Accept`.",
);

pact_rule!(
    AUTHORIZATION_MISSING,
    "request.authorization.missing",
    Error,
    "The operation requires credentials (its `security`) that the consumer's request does not carry.",
    "The provider rejects the request with 401 before it ever reaches the behaviour the \
     consumer tested.",
    r#"{"request": {"method": "GET", "path": "/orders", "headers": {}}}"#,
    r#"{"security": [{"bearer": []}], "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}"#,
    "Send the credentials in the pact (e.g. an `Authorization` header with a matcher), or \
     mark the operation as not requiring them (`security: []`).",
);

pact_rule!(
    REQUEST_BODY_INCOMPATIBLE,
    "request.body.incompatible",
    Error,
    "The request body the consumer sends is not valid against the operation's request body schema.",
    "The provider validates or deserialises the body by its schema and rejects (400) or \
     misreads what the consumer sends.",
    r#"{"request": {"body": {"quantity": "two"}}}"#,
    r#"{"schema": {"type": "object", "properties": {"quantity": {"type": "integer"}}}}"#,
    "Send what the schema describes, or widen the provider's schema first (then the consumer \
     may change).",
);

pact_rule!(
    REQUEST_BODY_UNKNOWN,
    "request.body.unknown",
    Warning,
    "The consumer sends a request body where the operation documents none.",
    "The provider ignores or refuses an undocumented body; what it does with it is not part \
     of its contract.",
    r#"{"request": {"method": "POST", "body": {"note": "x"}}}"#,
    r#"{"post": {"responses": {"204": {"description": "done"}}}}"#,
    "Document the request body on the provider, or stop sending it.",
);

pact_rule!(
    REQUEST_CONTENT_TYPE_INCOMPATIBLE,
    "request.content-type.incompatible",
    Error,
    "The consumer's request `Content-Type` is none of the media types the request body accepts.",
    "The provider answers 415 Unsupported Media Type, or parses the body wrongly.",
    r#"{"request": {"headers": {"Content-Type": "text/plain"}, "body": "x"}}"#,
    r#"{"requestBody": {"content": {"application/json": {}}}}"#,
    "Send a documented media type, or add the media type to the provider's request body first.",
);

pact_rule!(
    REQUEST_CONTENT_TYPE_MISSING,
    "request.content-type.missing",
    Warning,
    "The consumer sends a request body without a `Content-Type` header.",
    "The provider has to guess the media type; many frameworks refuse such a body.",
    r#"{"request": {"method": "POST", "body": {"a": 1}}}"#,
    r#"{"requestBody": {"content": {"application/json": {}}}}"#,
    "Set `Content-Type` in the consumer's request.",
);

pact_rule!(
    REQUEST_CONTENT_TYPE_UNKNOWN,
    "request.content-type.unknown",
    Warning,
    "The consumer sends a `Content-Type` but the operation documents no request body.",
    "The consumer believes it sends a body of some type the provider never promised to read.",
    r#"{"request": {"method": "GET", "headers": {"Content-Type": "application/json"}}}"#,
    r#"{"get": {"responses": {"200": {"description": "ok"}}}}"#,
    "Drop the header, or document the request body.",
);

pact_rule!(
    REQUEST_HEADER_INCOMPATIBLE,
    "request.header.incompatible",
    Error,
    "A request header is missing though required, or its value is not valid against the header parameter's schema.",
    "The provider rejects the request (400) or misreads the header.",
    r#"{"request": {"headers": {"X-Version": "abc"}}}"#,
    r#"{"parameters": [{"in": "header", "name": "X-Version", "required": true, "schema": {"type": "integer"}}]}"#,
    "Send the header with a documented value, or relax the provider's parameter first.",
);

pact_rule!(
    REQUEST_HEADER_UNKNOWN,
    "request.header.unknown",
    Warning,
    "The consumer sends a header the operation does not document (standard HTTP headers aside).",
    "The consumer may rely on the provider reading it, which the provider never promised.",
    r#"{"request": {"headers": {"X-Debug": "1"}}}"#,
    r#"{"parameters": []}"#,
    "Document the header parameter, or stop sending it.",
);

pact_rule!(
    REQUEST_QUERY_INCOMPATIBLE,
    "request.query.incompatible",
    Error,
    "A query parameter is missing though required, or its value is not valid against its schema.",
    "The provider rejects the request (400) or reads another value than the consumer meant.",
    r#"{"request": {"query": {"limit": ["many"]}}}"#,
    r#"{"parameters": [{"in": "query", "name": "limit", "schema": {"type": "integer"}}]}"#,
    "Send valid values and every required parameter, or relax the parameter on the provider first.",
);

pact_rule!(
    REQUEST_QUERY_UNKNOWN,
    "request.query.unknown",
    Warning,
    "The consumer sends a query parameter the operation does not document.",
    "The provider ignores it today, and may give it another meaning tomorrow.",
    r#"{"request": {"query": {"verbose": ["true"]}}}"#,
    r#"{"parameters": []}"#,
    "Document the parameter, or stop sending it.",
);

pact_rule!(
    STATUS_UNKNOWN,
    "response.status.unknown",
    Error,
    "The consumer expects a response status the operation does not define (and there is no `default` response).",
    "The provider never returns that status for this operation as documented: the consumer \
     tested a case that cannot happen, or the provider changed what it returns.",
    r#"{"response": {"status": 202}}"#,
    r#"{"responses": {"200": {"description": "ok"}}}"#,
    "Document the status on the provider, or expect one it defines.",
);

pact_rule!(
    STATUS_DEFAULT,
    "response.status.default",
    Warning,
    "The consumer's expected status is covered only by the operation's `default` response.",
    "`default` says little about when that status happens; the expectation is checked \
     against a catch-all.",
    r#"{"response": {"status": 418}}"#,
    r#"{"responses": {"200": {"description": "ok"}, "default": {"description": "error"}}}"#,
    "Document the status explicitly.",
);

pact_rule!(
    RESPONSE_BODY_INCOMPATIBLE,
    "response.body.incompatible",
    Error,
    "The response body the consumer expects (its example with its matchers applied) is not valid against the response schema.",
    "The provider returns something the consumer cannot read: another type, a value outside \
     the documented enum or bounds, or an array where the consumer expects an object.",
    r#"{"response": {"body": {"total": "12.50"}}}"#,
    r#"{"schema": {"type": "object", "properties": {"total": {"type": "number"}}}}"#,
    "Align the consumer's expectation with the schema (a `type` matcher accepts any value of \
     the type), or change the provider and its document first.",
);

pact_rule!(
    RESPONSE_BODY_UNKNOWN,
    "response.body.unknown",
    Error,
    "The consumer expects a response body, or a field in it, that the document does not define: an error when the response has no schema or the object forbids other properties (`additionalProperties: false`), a warning when other properties are allowed.",
    "The consumer relies on data the provider never promised; the provider can stop sending \
     it without changing its document.",
    r#"{"response": {"body": {"id": 1, "nickname": "bo"}}}"#,
    r#"{"schema": {"type": "object", "additionalProperties": false, "properties": {"id": {"type": "integer"}}}}"#,
    "Add the field to the provider's schema, or stop expecting it in the consumer.",
);

pact_rule!(
    RESPONSE_CONTENT_TYPE_INCOMPATIBLE,
    "response.content-type.incompatible",
    Error,
    "The consumer expects a response `Content-Type` that the response does not document.",
    "The provider sends another media type than the one the consumer parses.",
    r#"{"response": {"headers": {"Content-Type": "application/xml"}}}"#,
    r#"{"responses": {"200": {"content": {"application/json": {}}}}}"#,
    "Expect a documented media type, or document the new one on the provider first.",
);

pact_rule!(
    RESPONSE_CONTENT_TYPE_UNKNOWN,
    "response.content-type.unknown",
    Warning,
    "The consumer expects a response `Content-Type` but the response documents no content.",
    "Nothing promises a body of that type.",
    r#"{"response": {"status": 204, "headers": {"Content-Type": "application/json"}}}"#,
    r#"{"responses": {"204": {"description": "no content"}}}"#,
    "Document the response content, or stop expecting a content type.",
);

pact_rule!(
    RESPONSE_HEADER_INCOMPATIBLE,
    "response.header.incompatible",
    Error,
    "A response header the consumer expects has a value not valid against the documented header schema.",
    "The consumer parses the header as something the provider does not send.",
    r#"{"response": {"headers": {"X-Rate-Limit": "lots"}}}"#,
    r#"{"headers": {"X-Rate-Limit": {"schema": {"type": "integer"}}}}"#,
    "Expect documented values (a matcher accepts any value of the type), or change the provider first.",
);

pact_rule!(
    RESPONSE_HEADER_UNKNOWN,
    "response.header.unknown",
    Error,
    "The consumer expects a response header the response does not document.",
    "The provider can stop sending an undocumented header at any time.",
    r#"{"response": {"headers": {"X-Request-Id": "abc"}}}"#,
    r#"{"responses": {"200": {"description": "ok"}}}"#,
    "Document the header on the response, or stop expecting it.",
);

pact_rule!(
    RESPONSE_HEADER_UNDEFINED,
    "response.header.undefined",
    Warning,
    "The consumer expects a standard HTTP response header (e.g. `Cache-Control`, `Location`) the response does not document.",
    "Standard headers are often set by infrastructure rather than the application; the \
     document does not promise them, so the expectation is unchecked.",
    r#"{"response": {"headers": {"Location": "/orders/1"}}}"#,
    r#"{"responses": {"201": {"description": "created"}}}"#,
    "Document the header on the response.",
);

/// Every rule, in catalogue order.
pub static RULES: &[&RuleMeta] = &[
    &PATH_OR_METHOD_UNKNOWN,
    &ACCEPT_INCOMPATIBLE,
    &ACCEPT_UNKNOWN,
    &AUTHORIZATION_MISSING,
    &REQUEST_BODY_INCOMPATIBLE,
    &REQUEST_BODY_UNKNOWN,
    &REQUEST_CONTENT_TYPE_INCOMPATIBLE,
    &REQUEST_CONTENT_TYPE_MISSING,
    &REQUEST_CONTENT_TYPE_UNKNOWN,
    &REQUEST_HEADER_INCOMPATIBLE,
    &REQUEST_HEADER_UNKNOWN,
    &REQUEST_QUERY_INCOMPATIBLE,
    &REQUEST_QUERY_UNKNOWN,
    &STATUS_UNKNOWN,
    &STATUS_DEFAULT,
    &RESPONSE_BODY_INCOMPATIBLE,
    &RESPONSE_BODY_UNKNOWN,
    &RESPONSE_CONTENT_TYPE_INCOMPATIBLE,
    &RESPONSE_CONTENT_TYPE_UNKNOWN,
    &RESPONSE_HEADER_INCOMPATIBLE,
    &RESPONSE_HEADER_UNKNOWN,
    &RESPONSE_HEADER_UNDEFINED,
];
