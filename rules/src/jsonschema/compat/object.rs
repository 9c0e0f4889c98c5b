//! Objects: the content model (open, closed, partially open through `patternProperties` or an
//! `additionalProperties` schema; `unevaluatedProperties` when `additionalProperties` is
//! absent), properties added and removed, `required`, `dependencies` (and 2019-09's
//! `dependentRequired`/`dependentSchemas`), `minProperties`/`maxProperties`.

use super::{BoundKinds, Ctx, Diffs, JsonPolicy, bound, push, show};
use crate::json::escape_token;
use crate::jsonschema::model::{Class, Node};
use crate::jsonschema::parse::Schema;
use serde_json::{Map, Value};

rule!(
    PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader declares a property with a schema that the writer's open content model never declared.",
    "The writer's object was open (no `additionalProperties: false`), so it may have carried this property with any value; the reader now validates it against a schema that such values can fail. This is the Confluent registry's strict reading; `--json-policy lenient` accepts it.",
    r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#,
    r#"{"type": "object", "properties": {"id": {"type": "string"}, "note": {"type": "string"}}}"#,
    "Add the property with the empty schema `{}` (any value, so compatible) and constrain it in a later version only under a weaker compatibility mode; or design objects partially open (an `additionalProperties` schema) so a new property that fits that schema is covered. `--json-policy lenient` accepts the change when writers are known to send only declared properties."
);

rule!(
    REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader adds a required property, without a default, to an object the writer had closed.",
    "The writer's closed object can never have carried the property, so every old message lacks a property the reader requires.",
    r#"{"type": "object", "additionalProperties": false, "properties": {"id": {"type": "string"}}}"#,
    r#"{"type": "object", "additionalProperties": false, "properties": {"id": {"type": "string"}, "tenant": {"type": "string"}}, "required": ["tenant"]}"#,
    "Add the property as optional (or with a `default`), migrate writers, and require it only once old data is gone."
);

rule!(
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader's closed object no longer declares a property the writer declared.",
    "Writers may have sent the property; the reader's `additionalProperties: false` (with no pattern covering the name) now rejects every such message.",
    r#"{"type": "object", "additionalProperties": false, "properties": {"id": {"type": "string"}, "legacy": {"type": "string"}}}"#,
    r#"{"type": "object", "additionalProperties": false, "properties": {"id": {"type": "string"}}}"#,
    "Keep the property in the reader (mark it deprecated in its description), or open the reader's model for it."
);

rule!(
    PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader declares a property whose schema does not accept what the writer's `patternProperties`/`additionalProperties` schema allowed for that name.",
    "The writer's partially open model let the property through under its pattern or additional schema; the reader's narrower schema rejects some of those values.",
    r#"{"type": "object", "additionalProperties": {"type": "string"}}"#,
    r#"{"type": "object", "additionalProperties": {"type": "string"}, "properties": {"count": {"type": "integer"}}}"#,
    "Give the new property a schema that accepts everything the writer's pattern or additional schema allowed."
);

rule!(
    PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader removes a property, and its `patternProperties`/`additionalProperties` schema does not accept the writer's values for it.",
    "The property now falls under the reader's pattern or additional schema, which rejects values the writer's property schema allowed.",
    r#"{"type": "object", "additionalProperties": {"type": "string"}, "properties": {"count": {"type": "integer"}}}"#,
    r#"{"type": "object", "additionalProperties": {"type": "string"}}"#,
    "Keep the property declared in the reader, or widen the additional schema to cover its values."
);

rule!(
    REQUIRED_ATTRIBUTE_ADDED,
    ["OBJECT"],
    "The reader requires a property the writer did not require, and gives it no default.",
    "Writers were free to omit the property; such messages fail the reader's `required`.",
    r#"{"type": "object", "properties": {"email": {"type": "string"}}}"#,
    r#"{"type": "object", "properties": {"email": {"type": "string"}}, "required": ["email"]}"#,
    "Require the property in writers first; require it in readers once every stored message has it, or give it a `default`."
);

rule!(
    ADDITIONAL_PROPERTIES_REMOVED,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader closes an object (`additionalProperties: false`) that the writer left open.",
    "Writer messages with properties the reader does not declare are now rejected. Strict reading; `--json-policy lenient` assumes writers produced only declared properties.",
    r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#,
    r#"{"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": false}"#,
    "Keep the object open. If it must become closed, declare every property writers have sent first, then close it in a step checked with `--json-policy lenient` (or a compatibility mode of NONE) once you know no writer sends undeclared properties."
);

rule!(
    ADDITIONAL_PROPERTIES_NARROWED,
    ["OBJECT", "CONTENT_MODEL"],
    "The reader gives undeclared properties a schema where the writer allowed anything.",
    "Undeclared properties the writer produced with other values fail the reader's `additionalProperties` schema.",
    r#"{"type": "object"}"#,
    r#"{"type": "object", "additionalProperties": {"type": "string"}}"#,
    "Constrain writers first; narrow the reader once no other values remain."
);

rule!(
    MAX_PROPERTIES_ADDED,
    ["OBJECT"],
    "The reader limits how many properties an object may have; the writer did not.",
    "Writer objects with more properties than the new limit are rejected.",
    r#"{"type": "object"}"#,
    r#"{"type": "object", "maxProperties": 10}"#,
    "Leave the reader unbounded."
);

rule!(
    MAX_PROPERTIES_DECREASED,
    ["OBJECT"],
    "The reader lowers `maxProperties`.",
    "Writer objects with a property count between the new and the old limit are rejected.",
    r#"{"type": "object", "maxProperties": 20}"#,
    r#"{"type": "object", "maxProperties": 10}"#,
    "Keep the old limit."
);

rule!(
    MIN_PROPERTIES_ADDED,
    ["OBJECT"],
    "The reader requires a minimum number of properties; the writer did not.",
    "Writer objects with fewer properties (the empty object included) are rejected.",
    r#"{"type": "object"}"#,
    r#"{"type": "object", "minProperties": 1}"#,
    "Leave the reader without a minimum."
);

rule!(
    MIN_PROPERTIES_INCREASED,
    ["OBJECT"],
    "The reader raises `minProperties`.",
    "Writer objects with a property count between the old and the new minimum are rejected.",
    r#"{"type": "object", "minProperties": 1}"#,
    r#"{"type": "object", "minProperties": 3}"#,
    "Keep the old minimum."
);

rule!(
    DEPENDENCY_ARRAY_ADDED,
    ["OBJECT"],
    "The reader adds a property dependency (`dependencies`/`dependentRequired` array) the writer did not have.",
    "Writer objects that carry the trigger property without the newly dependent ones are rejected.",
    r#"{"type": "object"}"#,
    r#"{"type": "object", "dependencies": {"card": ["billing_address"]}}"#,
    "Enforce the dependency in writers first."
);

rule!(
    DEPENDENCY_ARRAY_EXTENDED,
    ["OBJECT"],
    "The reader's property dependency lists more properties than the writer's.",
    "Writer objects that had the old dependent properties but not the added ones are rejected.",
    r#"{"dependencies": {"card": ["billing_address"]}}"#,
    r#"{"dependencies": {"card": ["billing_address", "cvv"]}}"#,
    "Keep the writer's list."
);

rule!(
    DEPENDENCY_ARRAY_CHANGED,
    ["OBJECT"],
    "The reader's property dependency names other properties than the writer's.",
    "Writer objects satisfying the old dependency may miss the reader's new dependent properties.",
    r#"{"dependencies": {"card": ["billing_address"]}}"#,
    r#"{"dependencies": {"card": ["cvv"]}}"#,
    "Keep the writer's dependent properties in the reader's list."
);

rule!(
    DEPENDENCY_SCHEMA_ADDED,
    ["OBJECT"],
    "The reader adds a schema dependency (`dependencies`/`dependentSchemas` schema) the writer did not have.",
    "Writer objects that carry the trigger property must now also satisfy a schema they were never checked against.",
    r#"{"type": "object"}"#,
    r#"{"type": "object", "dependencies": {"card": {"required": ["cvv"]}}}"#,
    "Enforce the dependency in writers first."
);

/// How undeclared properties (or items) are treated.
#[derive(Debug, Clone)]
pub(super) enum Additional {
    Open,
    Closed,
    Schema(Node),
}

impl Additional {
    pub(super) fn of(schema: &Schema, ptr: &str, keyword: &str, value: Option<&Value>) -> Self {
        match value {
            None | Some(Value::Bool(true)) => Additional::Open,
            Some(Value::Bool(false)) => Additional::Closed,
            Some(_) => {
                let node = Node::whole(format!("{ptr}/{keyword}"));
                match schema.class(&node) {
                    Class::True => Additional::Open,
                    Class::False => Additional::Closed,
                    _ => Additional::Schema(node),
                }
            }
        }
    }

    pub(super) fn permits(&self) -> bool {
        !matches!(self, Additional::Closed)
    }
}

/// Property dependencies: (trigger, dependent names) and (trigger, schema).
type Dependencies = (Vec<(String, Vec<String>)>, Vec<(String, Node)>);

struct Obj<'a> {
    ptr: String,
    map: &'a Map<String, Value>,
    additional: Additional,
    patterns: Vec<(String, Node)>,
}

impl<'a> Obj<'a> {
    fn new(schema: &Schema, ptr: String, map: &'a Map<String, Value>) -> Obj<'a> {
        let (kw, v) = match map.get("additionalProperties") {
            Some(v) => ("additionalProperties", Some(v)),
            None => ("unevaluatedProperties", map.get("unevaluatedProperties")),
        };
        let additional = Additional::of(schema, &ptr, kw, v);
        let patterns = match map.get("patternProperties") {
            Some(Value::Object(m)) => m
                .keys()
                .map(|k| {
                    (
                        k.clone(),
                        Node::whole(format!("{ptr}/patternProperties/{}", escape_token(k))),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        Obj {
            ptr,
            map,
            additional,
            patterns,
        }
    }

    /// The keyword that closes this object (for locating findings).
    fn closed_by(&self) -> &'static str {
        if self.map.contains_key("additionalProperties") {
            "additionalProperties"
        } else {
            "unevaluatedProperties"
        }
    }

    fn open(&self) -> bool {
        self.patterns.is_empty() && matches!(self.additional, Additional::Open)
    }

    fn props(&self) -> Vec<&'a String> {
        match self.map.get("properties") {
            Some(Value::Object(m)) => m.keys().collect(),
            _ => Vec::new(),
        }
    }

    fn prop(&self, name: &str) -> Option<Node> {
        match self.map.get("properties") {
            Some(Value::Object(m)) if m.contains_key(name) => Some(Node::whole(format!(
                "{}/properties/{}",
                self.ptr,
                escape_token(name)
            ))),
            _ => None,
        }
    }

    fn required(&self) -> Vec<&'a str> {
        match self.map.get("required") {
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The schema a property not declared here falls under: a matching pattern's, else the
    /// `additionalProperties` schema. `None` when undeclared properties are free or refused.
    fn partial(&self, name: &str) -> Option<Node> {
        for (pattern, node) in &self.patterns {
            if regex::Regex::new(pattern).is_ok_and(|re| re.is_match(name)) {
                return Some(node.clone());
            }
        }
        match &self.additional {
            Additional::Schema(n) => Some(n.clone()),
            _ => None,
        }
    }

    /// `dependencies` / `dependentRequired` arrays and `dependencies` / `dependentSchemas` schemas.
    fn dependencies(&self) -> Dependencies {
        let mut arrays = Vec::new();
        let mut schemas = Vec::new();
        for kw in ["dependencies", "dependentRequired", "dependentSchemas"] {
            if let Some(Value::Object(m)) = self.map.get(kw) {
                for (k, v) in m {
                    match v {
                        Value::Array(a) => arrays.push((
                            k.clone(),
                            a.iter()
                                .filter_map(Value::as_str)
                                .map(String::from)
                                .collect(),
                        )),
                        _ => schemas.push((
                            k.clone(),
                            Node::whole(format!("{}/{kw}/{}", self.ptr, escape_token(k))),
                        )),
                    }
                }
            }
        }
        (arrays, schemas)
    }
}

fn has_default(schema: &Schema, node: &Option<Node>) -> bool {
    node.as_ref().is_some_and(|n| {
        schema
            .value(schema.deref(&n.ptr))
            .is_some_and(|v| v.get("default").is_some())
    })
}

pub(super) fn compare(
    ctx: &mut Ctx<'_>,
    w: &Node,
    r: &Node,
    wm: &Map<String, Value>,
    rm: &Map<String, Value>,
    out: &mut Diffs,
) {
    let wo = Obj::new(ctx.w, ctx.wptr(w), wm);
    let ro = Obj::new(ctx.r, ctx.rptr(r), rm);
    let rptr = ro.ptr.clone();
    let prop_ptr = |name: &str| format!("{rptr}/properties/{}", escape_token(name));

    // Content model.
    let ap = ctx.at(r, "additionalProperties");
    if wo.additional.permits() != ro.additional.permits() {
        if wo.additional.permits() {
            push(
                out,
                "ADDITIONAL_PROPERTIES_REMOVED",
                ap,
                "the reader closed the object (additionalProperties: false): undeclared properties the writer's open model allowed are rejected",
                Some("open".into()),
                Some("closed".into()),
            );
        } else {
            push(
                out,
                "ADDITIONAL_PROPERTIES_ADDED",
                ap,
                "the reader opened the object",
                None,
                None,
            );
        }
    } else {
        match (&wo.additional, &ro.additional) {
            (Additional::Open, Additional::Schema(n)) => {
                let after = ctx.r.value(&ctx.rptr(n)).map(show);
                push(
                    out,
                    "ADDITIONAL_PROPERTIES_NARROWED",
                    ap,
                    "the reader gave undeclared properties a schema; the writer allowed any value for them",
                    None,
                    after,
                );
            }
            (Additional::Schema(_), Additional::Open) => push(
                out,
                "ADDITIONAL_PROPERTIES_EXTENDED",
                ap,
                "the reader allows any undeclared property",
                None,
                None,
            ),
            (Additional::Schema(a), Additional::Schema(b)) => out.extend(ctx.compare(a, b)),
            _ => {}
        }
    }

    // Dependencies.
    let (wa, ws) = wo.dependencies();
    let (ra, rs) = ro.dependencies();
    let dep_ptr = |name: &str| {
        for kw in ["dependencies", "dependentRequired", "dependentSchemas"] {
            let p = format!("{rptr}/{kw}/{}", escape_token(name));
            if ctx.r.doc.has(&p) {
                return p;
            }
        }
        rptr.clone()
    };
    for (name, rlist) in &ra {
        let p = dep_ptr(name);
        match wa.iter().find(|(n, _)| n == name) {
            None => push(
                out,
                "DEPENDENCY_ARRAY_ADDED",
                p,
                format!(
                    "the reader added a dependency: when `{name}` is present, {rlist:?} must be too; the writer did not require that"
                ),
                None,
                Some(format!("{rlist:?}")),
            ),
            Some((_, wlist)) => {
                let r_has_all = wlist.iter().all(|x| rlist.contains(x));
                let w_has_all = rlist.iter().all(|x| wlist.contains(x));
                let (kind, why) = match (r_has_all, w_has_all) {
                    (true, true) => continue,
                    (true, false) => (
                        "DEPENDENCY_ARRAY_EXTENDED",
                        ": writer objects may lack the added properties",
                    ),
                    (false, true) => ("DEPENDENCY_ARRAY_NARROWED", ""),
                    (false, false) => (
                        "DEPENDENCY_ARRAY_CHANGED",
                        ": writer objects may lack the new properties",
                    ),
                };
                push(
                    out,
                    kind,
                    p,
                    format!("dependency of `{name}` changed from {wlist:?} to {rlist:?}{why}"),
                    Some(format!("{wlist:?}")),
                    Some(format!("{rlist:?}")),
                );
            }
        }
    }
    for (name, _) in &wa {
        if !ra.iter().any(|(n, _)| n == name) {
            push(
                out,
                "DEPENDENCY_ARRAY_REMOVED",
                rptr.clone(),
                format!("dependency of `{name}` removed"),
                None,
                None,
            );
        }
    }
    for (name, rnode) in &rs {
        match ws.iter().find(|(n, _)| n == name) {
            None => push(
                out,
                "DEPENDENCY_SCHEMA_ADDED",
                dep_ptr(name),
                format!(
                    "the reader added a schema dependency on `{name}` that writer objects were never checked against"
                ),
                None,
                ctx.r.value(&rnode.ptr).map(show),
            ),
            Some((_, wnode)) => out.extend(ctx.compare(wnode, rnode)),
        }
    }
    for (name, _) in &ws {
        if !rs.iter().any(|(n, _)| n == name) {
            push(
                out,
                "DEPENDENCY_SCHEMA_REMOVED",
                rptr.clone(),
                format!("schema dependency of `{name}` removed"),
                None,
                None,
            );
        }
    }

    // Required.
    let wreq = wo.required();
    let rreq = ro.required();
    for name in &rreq {
        if wreq.contains(name) {
            continue;
        }
        let p = ctx.at(r, "required");
        if has_default(ctx.r, &ro.prop(name)) {
            push(
                out,
                "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED",
                p,
                format!("`{name}` is now required, with a default"),
                None,
                Some((*name).into()),
            );
        } else {
            push(
                out,
                "REQUIRED_ATTRIBUTE_ADDED",
                p,
                format!("`{name}` is now required: writer objects without it are rejected"),
                None,
                Some((*name).into()),
            );
        }
    }
    for name in &wreq {
        if !rreq.contains(name) {
            push(
                out,
                "REQUIRED_ATTRIBUTE_REMOVED",
                rptr.clone(),
                format!("`{name}` is no longer required"),
                Some((*name).into()),
                None,
            );
        }
    }

    // Property counts.
    bound(
        ctx,
        out,
        r,
        "maxProperties",
        true,
        wm.get("maxProperties"),
        rm.get("maxProperties"),
        &BoundKinds {
            added: "MAX_PROPERTIES_ADDED",
            removed: "MAX_PROPERTIES_REMOVED",
            increased: "MAX_PROPERTIES_INCREASED",
            decreased: "MAX_PROPERTIES_DECREASED",
        },
    );
    bound(
        ctx,
        out,
        r,
        "minProperties",
        false,
        wm.get("minProperties"),
        rm.get("minProperties"),
        &BoundKinds {
            added: "MIN_PROPERTIES_ADDED",
            removed: "MIN_PROPERTIES_REMOVED",
            increased: "MIN_PROPERTIES_INCREASED",
            decreased: "MIN_PROPERTIES_DECREASED",
        },
    );

    // Pattern properties both versions declare with the same pattern.
    for (pattern, wn) in &wo.patterns {
        if let Some((_, rn)) = ro.patterns.iter().find(|(p, _)| p == pattern) {
            out.extend(ctx.compare(wn, rn));
        }
    }

    // Properties, writer's order first.
    let mut names: Vec<&String> = wo.props();
    for n in ro.props() {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    for name in names {
        let p = prop_ptr(name);
        match (wo.prop(name), ro.prop(name)) {
            (Some(wn), Some(rn)) => out.extend(ctx.compare(&wn, &rn)),
            (Some(wn), None) => {
                if ro.open() {
                    push(
                        out,
                        "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "property `{name}` removed; the reader's open model still accepts it"
                        ),
                        None,
                        None,
                    );
                } else if let Some(pn) = ro.partial(name) {
                    let d = ctx.compare(&wn, &pn);
                    let fine = ctx.ok(&d);
                    out.extend(d);
                    if fine {
                        push(
                            out,
                            "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                            p,
                            format!(
                                "property `{name}` removed; the reader's pattern or additional schema accepts it"
                            ),
                            None,
                            None,
                        );
                    } else {
                        push(
                            out,
                            "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                            ctx.rptr(&pn),
                            format!(
                                "property `{name}` removed: it now falls under the reader's pattern or additional schema, which rejects values the writer allowed"
                            ),
                            ctx.w.value(&ctx.wptr(&wn)).map(show),
                            ctx.r.value(&ctx.rptr(&pn)).map(show),
                        );
                    }
                } else if ro.additional.permits() {
                    push(
                        out,
                        "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "property `{name}` removed; the reader still accepts undeclared properties"
                        ),
                        None,
                        None,
                    );
                } else if matches!(ctx.w.class(&wn), Class::False) {
                    push(
                        out,
                        "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
                        p,
                        format!("forbidden property `{name}` removed"),
                        None,
                        None,
                    );
                } else {
                    push(
                        out,
                        "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
                        ctx.at(r, ro.closed_by()),
                        format!(
                            "property `{name}` removed from a closed object: writer messages that carry it are rejected"
                        ),
                        ctx.w.value(&ctx.wptr(&wn)).map(show),
                        None,
                    );
                }
            }
            (None, Some(rn)) => {
                let after = ctx.r.value(&ctx.rptr(&rn)).map(show);
                let partial = if wo.open() { None } else { wo.partial(name) };
                if let Some(pn) = partial {
                    let d = ctx.compare(&pn, &rn);
                    let fine = ctx.ok(&d);
                    if fine {
                        out.extend(d);
                        push(
                            out,
                            "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                            p,
                            format!(
                                "property `{name}` added; it accepts what the writer's pattern or additional schema allowed"
                            ),
                            None,
                            None,
                        );
                    } else {
                        if ctx.policy == JsonPolicy::Strict {
                            out.extend(d);
                        }
                        push(
                            out,
                            "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                            p,
                            format!(
                                "property `{name}` added with a schema that rejects values the writer's pattern or additional schema allowed for it"
                            ),
                            ctx.w.value(&ctx.wptr(&pn)).map(show),
                            after,
                        );
                    }
                } else if wo.additional.permits() {
                    if matches!(ctx.r.class(&rn), Class::True) {
                        push(
                            out,
                            "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
                            p,
                            format!("property `{name}` added with an empty schema"),
                            None,
                            None,
                        );
                    } else {
                        push(
                            out,
                            "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
                            p,
                            format!(
                                "property `{name}` added to an object the writer left open: the writer may have sent `{name}` with values this schema rejects"
                            ),
                            None,
                            after,
                        );
                    }
                } else if rreq.contains(&name.as_str()) {
                    if has_default(ctx.r, &Some(rn.clone())) {
                        push(
                            out,
                            "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL",
                            p,
                            format!("required property `{name}` added, with a default"),
                            None,
                            None,
                        );
                    } else {
                        push(
                            out,
                            "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
                            p,
                            format!(
                                "required property `{name}` added to an object the writer had closed: no writer message has it"
                            ),
                            None,
                            after,
                        );
                    }
                } else {
                    push(
                        out,
                        "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
                        p,
                        format!("optional property `{name}` added"),
                        None,
                        None,
                    );
                }
            }
            (None, None) => {}
        }
    }
}
