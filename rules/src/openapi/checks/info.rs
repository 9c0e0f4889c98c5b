//! oasdiff's INFO checks: changes that break no client, reported for changelogs
//! (`accord changelog`). Most mirror an ERR or WARN row of `mod.rs` (`…-increased` for
//! `…-decreased`, `…-added` for `…-removed`); the rest are operation-level changes
//! (`changes.rs`). Same macro, same mechanism, one catalogue entry per id.

use super::*;

checks! {
    name INFO;
    files {}
    table {
        Info "request-body-max-increased" = ReqBody, Bound("maximum", Increased),
            info_doc!("Request body max increased.", "maximum: 1", "maximum: 5");
        Info "request-body-exclusive-max-increased" = ReqBody, Bound("exclusiveMaximum", Increased),
            info_doc!("Request body exclusiveMaximum increased.", "exclusiveMaximum: 1", "exclusiveMaximum: 5");
        Info "request-body-max-length-increased" = ReqBody, Bound("maxLength", Increased),
            info_doc!("Request body max length increased.", "maxLength: 1", "maxLength: 5");
        Info "request-body-min-decreased" = ReqBody, Bound("minimum", Decreased),
            info_doc!("Request body min decreased.", "minimum: 5", "minimum: 1");
        Info "request-body-exclusive-min-decreased" = ReqBody, Bound("exclusiveMinimum", Decreased),
            info_doc!("Request body exclusiveMinimum decreased.", "exclusiveMinimum: 5", "exclusiveMinimum: 1");
        Info "request-body-min-length-decreased" = ReqBody, Bound("minLength", Decreased),
            info_doc!("Request body min length decreased.", "minLength: 5", "minLength: 1");
        Info "request-body-min-contains-decreased" = ReqBody, Bound("minContains", Decreased),
            info_doc!("Request body minContains decreased.", "minContains: 5", "minContains: 1");
        Info "request-body-max-contains-increased" = ReqBody, Bound("maxContains", Increased),
            info_doc!("Request body maxContains increased.", "maxContains: 1", "maxContains: 5");
        Info "request-property-max-increased" = ReqProperty, Bound("maximum", Increased),
            info_doc!("Request property max increased.", "maximum: 1", "maximum: 5");
        Info "request-property-exclusive-max-increased" = ReqProperty, Bound("exclusiveMaximum", Increased),
            info_doc!("Request property exclusiveMaximum increased.", "exclusiveMaximum: 1", "exclusiveMaximum: 5");
        Info "request-property-max-length-increased" = ReqProperty, Bound("maxLength", Increased),
            info_doc!("Request property max length increased.", "maxLength: 1", "maxLength: 5");
        Info "request-property-min-decreased" = ReqProperty, Bound("minimum", Decreased),
            info_doc!("Request property min decreased.", "minimum: 5", "minimum: 1");
        Info "request-property-exclusive-min-decreased" = ReqProperty, Bound("exclusiveMinimum", Decreased),
            info_doc!("Request property exclusiveMinimum decreased.", "exclusiveMinimum: 5", "exclusiveMinimum: 1");
        Info "request-property-min-length-decreased" = ReqProperty, Bound("minLength", Decreased),
            info_doc!("Request property min length decreased.", "minLength: 5", "minLength: 1");
        Info "request-property-min-contains-decreased" = ReqProperty, Bound("minContains", Decreased),
            info_doc!("Request property minContains decreased.", "minContains: 5", "minContains: 1");
        Info "request-property-max-contains-increased" = ReqProperty, Bound("maxContains", Increased),
            info_doc!("Request property maxContains increased.", "maxContains: 1", "maxContains: 5");
        Info "request-parameter-max-items-increased" = ParamAny, Bound("maxItems", Increased),
            info_doc!("Request parameter max items increased.", "maxItems: 1", "maxItems: 5");
        Info "request-parameter-max-length-increased" = Param, Bound("maxLength", Increased),
            info_doc!("Request parameter max length increased.", "maxLength: 1", "maxLength: 5");
        Info "request-parameter-max-increased" = Param, Bound("maximum", Increased),
            info_doc!("Request parameter max increased.", "maximum: 1", "maximum: 5");
        Info "request-parameter-exclusive-max-increased" = Param, Bound("exclusiveMaximum", Increased),
            info_doc!("Request parameter exclusiveMaximum increased.", "exclusiveMaximum: 1", "exclusiveMaximum: 5");
        Info "request-parameter-min-items-decreased" = Param, Bound("minItems", Decreased),
            info_doc!("Request parameter min items decreased.", "minItems: 5", "minItems: 1");
        Info "request-parameter-min-length-decreased" = Param, Bound("minLength", Decreased),
            info_doc!("Request parameter min length decreased.", "minLength: 5", "minLength: 1");
        Info "request-parameter-min-decreased" = Param, Bound("minimum", Decreased),
            info_doc!("Request parameter min decreased.", "minimum: 5", "minimum: 1");
        Info "request-parameter-exclusive-min-decreased" = Param, Bound("exclusiveMinimum", Decreased),
            info_doc!("Request parameter exclusiveMinimum decreased.", "exclusiveMinimum: 5", "exclusiveMinimum: 1");
        Info "response-body-min-contains-increased" = RespBody, Bound("minContains", Increased),
            info_doc!("Response body minContains increased.", "minContains: 1", "minContains: 5");
        Info "response-body-max-contains-decreased" = RespBody, Bound("maxContains", Decreased),
            info_doc!("Response body maxContains decreased.", "maxContains: 5", "maxContains: 1");
        Info "response-property-min-contains-increased" = RespProperty, Bound("minContains", Increased),
            info_doc!("Response property minContains increased.", "minContains: 1", "minContains: 5");
        Info "response-property-max-contains-decreased" = RespProperty, Bound("maxContains", Decreased),
            info_doc!("Response property maxContains decreased.", "maxContains: 5", "maxContains: 1");
        Info "request-read-only-property-max-decreased" = ReqReadOnly, Bound("maximum", Decreased),
            info_doc!("Request read-only property max decreased.", "maximum: 5", "maximum: 1");
        Info "request-read-only-property-exclusive-max-decreased" = ReqReadOnly, Bound("exclusiveMaximum", Decreased),
            info_doc!("Request read-only property exclusiveMaximum decreased.", "exclusiveMaximum: 5", "exclusiveMaximum: 1");
        Info "request-read-only-property-max-length-decreased" = ReqReadOnly, Bound("maxLength", Decreased),
            info_doc!("Request read-only property max length decreased.", "maxLength: 5", "maxLength: 1");
        Info "request-read-only-property-min-increased" = ReqReadOnly, Bound("minimum", Increased),
            info_doc!("Request read-only property min increased.", "minimum: 1", "minimum: 5");
        Info "request-read-only-property-exclusive-min-increased" = ReqReadOnly, Bound("exclusiveMinimum", Increased),
            info_doc!("Request read-only property exclusiveMinimum increased.", "exclusiveMinimum: 1", "exclusiveMinimum: 5");
        Info "request-read-only-property-enum-value-removed" = ReqReadOnly, EnumRemoved("enum"),
            info_doc!("Request read-only property enum value removed.", "{readOnly: true, enum: [a, b]}", "{readOnly: true, enum: [a]}");
        Info "request-body-default-value-added" = ReqBody, Keyword("default", Added),
            info_doc!("Request body default value set.", "{}", "{default: 10}");
        Info "request-body-default-value-removed" = ReqBody, Keyword("default", Removed),
            info_doc!("Request body default value unset.", "{default: 10}", "{}");
        Info "request-body-default-value-changed" = ReqBody, Keyword("default", Changed),
            info_doc!("Request body default value modified.", "{default: 10}", "{default: 20}");
        Info "request-property-default-value-added" = ReqProperty, Keyword("default", Added),
            info_doc!("Request property default value set.", "{}", "{default: 10}");
        Info "request-property-default-value-removed" = ReqProperty, Keyword("default", Removed),
            info_doc!("Request property default value unset.", "{default: 10}", "{}");
        Info "request-property-default-value-changed" = ReqProperty, Keyword("default", Changed),
            info_doc!("Request property default value changed.", "{default: 10}", "{default: 20}");
        Info "response-body-default-value-added" = RespBody, Keyword("default", Added),
            info_doc!("Response body default value set.", "{}", "{default: 10}");
        Info "response-body-default-value-removed" = RespBody, Keyword("default", Removed),
            info_doc!("Response body default value unset.", "{default: 10}", "{}");
        Info "response-body-default-value-changed" = RespBody, Keyword("default", Changed),
            info_doc!("Response body default value changed.", "{default: 10}", "{default: 20}");
        Info "response-property-default-value-added" = RespProperty, Keyword("default", Added),
            info_doc!("Response property default value set.", "{}", "{default: 10}");
        Info "response-property-default-value-removed" = RespProperty, Keyword("default", Removed),
            info_doc!("Response property default value unset.", "{default: 10}", "{}");
        Info "response-property-default-value-changed" = RespProperty, Keyword("default", Changed),
            info_doc!("Response property default value changed.", "{default: 10}", "{default: 20}");
        Info "request-body-const-removed" = ReqBody, Keyword("const", Removed),
            info_doc!("Request body const value unset.", "{const: a}", "{}");
        Info "request-body-if-removed" = ReqBody, Keyword("if", Removed),
            info_doc!("If subschema removed from request body.", "{if: {required: [kind]}}", "{}");
        Info "request-body-then-removed" = ReqBody, Keyword("then", Removed),
            info_doc!("Then subschema removed from request body.", "{then: {required: [id]}}", "{}");
        Info "request-body-else-removed" = ReqBody, Keyword("else", Removed),
            info_doc!("Else subschema removed from request body.", "{else: {required: [name]}}", "{}");
        Info "request-body-contains-removed" = ReqBody, Keyword("contains", Removed),
            info_doc!("Contains constraint removed from request body.", "{contains: {type: string}}", "{}");
        Info "request-body-property-names-removed" = ReqBody, Keyword("propertyNames", Removed),
            info_doc!("PropertyNames constraint removed from request body.", "{propertyNames: {pattern: '^[a-z]+$'}}", "{}");
        Info "request-body-unevaluated-items-removed" = ReqBody, Keyword("unevaluatedItems", Removed),
            info_doc!("UnevaluatedItems constraint removed from request body.", "{unevaluatedItems: false}", "{}");
        Info "request-body-unevaluated-properties-removed" = ReqBody, Keyword("unevaluatedProperties", Removed),
            info_doc!("UnevaluatedProperties constraint removed from request body.", "{unevaluatedProperties: false}", "{}");
        Info "request-body-content-schema-removed" = ReqBody, Keyword("contentSchema", Removed),
            info_doc!("ContentSchema removed from request body.", "{contentSchema: {type: object}}", "{}");
        Info "request-property-const-removed" = ReqProperty, Keyword("const", Removed),
            info_doc!("Request property const value unset.", "{const: a}", "{}");
        Info "request-property-if-removed" = ReqProperty, Keyword("if", Removed),
            info_doc!("If subschema removed from request property.", "{if: {required: [kind]}}", "{}");
        Info "request-property-then-removed" = ReqProperty, Keyword("then", Removed),
            info_doc!("Then subschema removed from request property.", "{then: {required: [id]}}", "{}");
        Info "request-property-else-removed" = ReqProperty, Keyword("else", Removed),
            info_doc!("Else subschema removed from request property.", "{else: {required: [name]}}", "{}");
        Info "request-property-contains-removed" = ReqProperty, Keyword("contains", Removed),
            info_doc!("Contains constraint removed from request property.", "{contains: {type: string}}", "{}");
        Info "request-property-property-names-removed" = ReqProperty, Keyword("propertyNames", Removed),
            info_doc!("PropertyNames constraint removed from request property.", "{propertyNames: {pattern: '^[a-z]+$'}}", "{}");
        Info "request-property-unevaluated-items-removed" = ReqProperty, Keyword("unevaluatedItems", Removed),
            info_doc!("UnevaluatedItems constraint removed from request property.", "{unevaluatedItems: false}", "{}");
        Info "request-property-unevaluated-properties-removed" = ReqProperty, Keyword("unevaluatedProperties", Removed),
            info_doc!("UnevaluatedProperties constraint removed from request property.", "{unevaluatedProperties: false}", "{}");
        Info "request-property-content-schema-removed" = ReqProperty, Keyword("contentSchema", Removed),
            info_doc!("ContentSchema removed from request property.", "{contentSchema: {type: object}}", "{}");
        Info "response-body-const-added" = RespBody, Keyword("const", Added),
            info_doc!("Response body const value set.", "{}", "{const: a}");
        Info "response-body-if-added" = RespBody, Keyword("if", Added),
            info_doc!("If subschema added to response body.", "{}", "{if: {required: [kind]}}");
        Info "response-body-then-added" = RespBody, Keyword("then", Added),
            info_doc!("Then subschema added to response body.", "{}", "{then: {required: [id]}}");
        Info "response-body-else-added" = RespBody, Keyword("else", Added),
            info_doc!("Else subschema added to response body.", "{}", "{else: {required: [name]}}");
        Info "response-body-contains-added" = RespBody, Keyword("contains", Added),
            info_doc!("Contains constraint added to response body.", "{}", "{contains: {type: string}}");
        Info "response-body-property-names-added" = RespBody, Keyword("propertyNames", Added),
            info_doc!("PropertyNames constraint added to response body.", "{}", "{propertyNames: {pattern: '^[a-z]+$'}}");
        Info "response-body-unevaluated-items-added" = RespBody, Keyword("unevaluatedItems", Added),
            info_doc!("UnevaluatedItems constraint added to response body.", "{}", "{unevaluatedItems: false}");
        Info "response-body-unevaluated-properties-added" = RespBody, Keyword("unevaluatedProperties", Added),
            info_doc!("UnevaluatedProperties constraint added to response body.", "{}", "{unevaluatedProperties: false}");
        Info "response-body-content-schema-added" = RespBody, Keyword("contentSchema", Added),
            info_doc!("ContentSchema added to response body.", "{}", "{contentSchema: {type: object}}");
        Info "response-property-const-added" = RespProperty, Keyword("const", Added),
            info_doc!("Response property const value set.", "{}", "{const: a}");
        Info "response-property-if-added" = RespProperty, Keyword("if", Added),
            info_doc!("If subschema added to response property.", "{}", "{if: {required: [kind]}}");
        Info "response-property-then-added" = RespProperty, Keyword("then", Added),
            info_doc!("Then subschema added to response property.", "{}", "{then: {required: [id]}}");
        Info "response-property-else-added" = RespProperty, Keyword("else", Added),
            info_doc!("Else subschema added to response property.", "{}", "{else: {required: [name]}}");
        Info "response-property-contains-added" = RespProperty, Keyword("contains", Added),
            info_doc!("Contains constraint added to response property.", "{}", "{contains: {type: string}}");
        Info "response-property-property-names-added" = RespProperty, Keyword("propertyNames", Added),
            info_doc!("PropertyNames constraint added to response property.", "{}", "{propertyNames: {pattern: '^[a-z]+$'}}");
        Info "response-property-unevaluated-items-added" = RespProperty, Keyword("unevaluatedItems", Added),
            info_doc!("UnevaluatedItems constraint added to response property.", "{}", "{unevaluatedItems: false}");
        Info "response-property-unevaluated-properties-added" = RespProperty, Keyword("unevaluatedProperties", Added),
            info_doc!("UnevaluatedProperties constraint added to response property.", "{}", "{unevaluatedProperties: false}");
        Info "response-property-content-schema-added" = RespProperty, Keyword("contentSchema", Added),
            info_doc!("ContentSchema added to response property.", "{}", "{contentSchema: {type: object}}");
        Info "request-property-pattern-removed" = ReqProperty, Keyword("pattern", Removed),
            info_doc!("Request property pattern unset.", "{pattern: '^[a-z]+$'}", "{}");
        Info "request-parameter-pattern-removed" = Param, Keyword("pattern", Removed),
            info_doc!("Request parameter pattern unset.", "{pattern: '^[a-z]+$'}", "{}");
        Info "response-property-pattern-added" = RespProperty, Keyword("pattern", Added),
            info_doc!("Response property pattern set.", "{}", "{pattern: '^[a-z]+$'}");
        Info "response-property-pattern-changed" = RespProperty, Keyword("pattern", Changed),
            info_doc!("Response property pattern changed.", "{pattern: '^[a-z]+$'}", "{pattern: '^[a-z0-9]+$'}");
        Info "response-property-pattern-removed" = RespProperty, Keyword("pattern", Removed),
            info_doc!("Response property pattern unset.", "{pattern: '^[a-z]+$'}", "{}");
        Info "request-property-pattern-generalized" = ReqProperty, PatternGeneralized,
            info_doc!("Request property pattern generalized.", "{pattern: '^[a-z]+$'}", "{pattern: '.*'}");
        Info "request-parameter-pattern-generalized" = Param, PatternGeneralized,
            info_doc!("Request parameter pattern generalized.", "{pattern: '^[a-z]+$'}", "{pattern: '.*'}");
        Info "request-body-dependent-required-removed" = ReqBody, Member("dependentRequired", Removed),
            info_doc!("Request body dependentRequired removed.", "{dependentRequired: {card: [billing]}}", "{}");
        Info "request-property-dependent-required-removed" = ReqProperty, Member("dependentRequired", Removed),
            info_doc!("Request property dependentRequired removed.", "{dependentRequired: {card: [billing]}}", "{}");
        Info "response-body-dependent-required-added" = RespBody, Member("dependentRequired", Added),
            info_doc!("Response body dependentRequired added.", "{}", "{dependentRequired: {card: [billing]}}");
        Info "response-property-dependent-required-added" = RespProperty, Member("dependentRequired", Added),
            info_doc!("Response property dependentRequired added.", "{}", "{dependentRequired: {card: [billing]}}");
        Info "request-body-dependent-schema-removed" = ReqBody, Member("dependentSchemas", Removed),
            info_doc!("Dependent schema removed from request body.", "{dependentSchemas: {card: {required: [billing]}}}", "{}");
        Info "request-property-dependent-schema-removed" = ReqProperty, Member("dependentSchemas", Removed),
            info_doc!("Dependent schema removed from request property.", "{dependentSchemas: {card: {required: [billing]}}}", "{}");
        Info "response-body-dependent-schema-added" = RespBody, Member("dependentSchemas", Added),
            info_doc!("Dependent schema added to response body.", "{}", "{dependentSchemas: {card: {required: [billing]}}}");
        Info "response-property-dependent-schema-added" = RespProperty, Member("dependentSchemas", Added),
            info_doc!("Dependent schema added to response property.", "{}", "{dependentSchemas: {card: {required: [billing]}}}");
        Info "request-body-pattern-property-removed" = ReqBody, Member("patternProperties", Removed),
            info_doc!("Pattern property removed from request body.", "{patternProperties: {'^x-': {type: string}}}", "{}");
        Info "request-property-pattern-property-removed" = ReqProperty, Member("patternProperties", Removed),
            info_doc!("Pattern property removed from request property.", "{patternProperties: {'^x-': {type: string}}}", "{}");
        Info "response-body-pattern-property-added" = RespBody, Member("patternProperties", Added),
            info_doc!("Pattern property added to response body.", "{}", "{patternProperties: {'^x-': {type: string}}}");
        Info "response-property-pattern-property-added" = RespProperty, Member("patternProperties", Added),
            info_doc!("Pattern property added to response property.", "{}", "{patternProperties: {'^x-': {type: string}}}");
        Info "request-body-one-of-added" = ReqBody, Entries("oneOf", Added),
            info_doc!("Sub-schema added to oneOf in request body.", "oneOf: [$ref: '#/components/schemas/A']", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "request-body-any-of-added" = ReqBody, Entries("anyOf", Added),
            info_doc!("Sub-schema added to anyOf in request body.", "anyOf: [$ref: '#/components/schemas/A']", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "request-body-prefix-items-added" = ReqBody, Entries("prefixItems", Added),
            info_doc!("Sub-schema added to prefixItems in request body.", "prefixItems: [{type: string}]", "prefixItems: [{type: string}, {type: integer}]");
        Info "request-property-one-of-added" = ReqProperty, Entries("oneOf", Added),
            info_doc!("Sub-schema added to oneOf in request property.", "oneOf: [$ref: '#/components/schemas/A']", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "request-property-any-of-added" = ReqProperty, Entries("anyOf", Added),
            info_doc!("Sub-schema added to anyOf in request property.", "anyOf: [$ref: '#/components/schemas/A']", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "request-property-prefix-items-added" = ReqProperty, Entries("prefixItems", Added),
            info_doc!("Sub-schema added to prefixItems in request property.", "prefixItems: [{type: string}]", "prefixItems: [{type: string}, {type: integer}]");
        Info "response-body-one-of-removed" = RespBody, Entries("oneOf", Removed),
            info_doc!("Sub-schema removed from oneOf in response body.", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "oneOf: [$ref: '#/components/schemas/A']");
        Info "response-body-any-of-added" = RespBody, Entries("anyOf", Added),
            info_doc!("Sub-schema added to anyOf in response body.", "anyOf: [$ref: '#/components/schemas/A']", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "response-body-any-of-removed" = RespBody, Entries("anyOf", Removed),
            info_doc!("Sub-schema removed from anyOf in response body.", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "anyOf: [$ref: '#/components/schemas/A']");
        Info "response-body-all-of-added" = RespBody, Entries("allOf", Added),
            info_doc!("Sub-schema added to allOf in response body.", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "response-body-all-of-removed" = RespBody, Entries("allOf", Removed),
            info_doc!("Sub-schema removed from allOf in response body.", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "allOf: [$ref: '#/components/schemas/A']");
        Info "response-body-prefix-items-removed" = RespBody, Entries("prefixItems", Removed),
            info_doc!("Sub-schema removed from prefixItems in response body.", "prefixItems: [{type: string}, {type: integer}]", "prefixItems: [{type: string}]");
        Info "response-property-one-of-removed" = RespProperty, Entries("oneOf", Removed),
            info_doc!("Sub-schema removed from oneOf in response property.", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "oneOf: [$ref: '#/components/schemas/A']");
        Info "response-property-any-of-added" = RespProperty, Entries("anyOf", Added),
            info_doc!("Sub-schema added to anyOf in response property.", "anyOf: [$ref: '#/components/schemas/A']", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "response-property-any-of-removed" = RespProperty, Entries("anyOf", Removed),
            info_doc!("Sub-schema removed from anyOf in response property.", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "anyOf: [$ref: '#/components/schemas/A']");
        Info "response-property-all-of-added" = RespProperty, Entries("allOf", Added),
            info_doc!("Sub-schema added to allOf in response property.", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Info "response-property-all-of-removed" = RespProperty, Entries("allOf", Removed),
            info_doc!("Sub-schema removed from allOf in response property.", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "allOf: [$ref: '#/components/schemas/A']");
        Info "response-property-prefix-items-removed" = RespProperty, Entries("prefixItems", Removed),
            info_doc!("Sub-schema removed from prefixItems in response property.", "prefixItems: [{type: string}, {type: integer}]", "prefixItems: [{type: string}]");
        Info "request-body-all-of-added-annotation-only" = ReqBody, AllOfAnnotation("allOf", Added),
            info_doc!("Annotation-only sub-schema added to allOf in request body (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]");
        Info "request-body-all-of-removed-annotation-only" = ReqBody, AllOfAnnotation("allOf", Removed),
            info_doc!("Annotation-only sub-schema removed from allOf in request body (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]", "allOf: [$ref: '#/components/schemas/A']");
        Info "request-property-all-of-added-annotation-only" = ReqProperty, AllOfAnnotation("allOf", Added),
            info_doc!("Annotation-only sub-schema added to allOf in request property (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]");
        Info "request-property-all-of-removed-annotation-only" = ReqProperty, AllOfAnnotation("allOf", Removed),
            info_doc!("Annotation-only sub-schema removed from allOf in request property (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]", "allOf: [$ref: '#/components/schemas/A']");
        Info "response-body-all-of-added-annotation-only" = RespBody, AllOfAnnotation("allOf", Added),
            info_doc!("Annotation-only sub-schema added to allOf in response body (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]");
        Info "response-body-all-of-removed-annotation-only" = RespBody, AllOfAnnotation("allOf", Removed),
            info_doc!("Annotation-only sub-schema removed from allOf in response body (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]", "allOf: [$ref: '#/components/schemas/A']");
        Info "response-property-all-of-added-annotation-only" = RespProperty, AllOfAnnotation("allOf", Added),
            info_doc!("Annotation-only sub-schema added to allOf in response property (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]");
        Info "response-property-all-of-removed-annotation-only" = RespProperty, AllOfAnnotation("allOf", Removed),
            info_doc!("Annotation-only sub-schema removed from allOf in response property (no wire-contract effect).", "allOf: [$ref: '#/components/schemas/A', {description: a pet}]", "allOf: [$ref: '#/components/schemas/A']");
        Info "request-body-discriminator-added" = ReqBody, Discriminator("", Added),
            info_doc!("Request body discriminator added.", "{oneOf: [...]}", "{oneOf: [...], discriminator: {propertyName: kind}}");
        Info "request-body-discriminator-removed" = ReqBody, Discriminator("", Removed),
            info_doc!("Request body discriminator deleted.", "{oneOf: [...], discriminator: {propertyName: kind}}", "{oneOf: [...]}");
        Info "request-body-discriminator-property-name-changed" = ReqBody, Discriminator("propertyName", Changed),
            info_doc!("Request body discriminator property name changed.", "discriminator: {propertyName: kind}", "discriminator: {propertyName: type}");
        Info "request-body-discriminator-mapping-added" = ReqBody, Discriminator("mapping", Added),
            info_doc!("Request body discriminator mapping added.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}");
        Info "request-body-discriminator-mapping-deleted" = ReqBody, Discriminator("mapping", Removed),
            info_doc!("Request body discriminator mapping deleted.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}");
        Info "request-body-discriminator-mapping-changed" = ReqBody, Discriminator("mapping", Changed),
            info_doc!("Request body discriminator mapping changed.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Feline'}}");
        Info "request-property-discriminator-added" = ReqProperty, Discriminator("", Added),
            info_doc!("Request property discriminator added.", "{oneOf: [...]}", "{oneOf: [...], discriminator: {propertyName: kind}}");
        Info "request-property-discriminator-removed" = ReqProperty, Discriminator("", Removed),
            info_doc!("Request property discriminator removed.", "{oneOf: [...], discriminator: {propertyName: kind}}", "{oneOf: [...]}");
        Info "request-property-discriminator-property-name-changed" = ReqProperty, Discriminator("propertyName", Changed),
            info_doc!("Request property discriminator property name changed.", "discriminator: {propertyName: kind}", "discriminator: {propertyName: type}");
        Info "request-property-discriminator-mapping-added" = ReqProperty, Discriminator("mapping", Added),
            info_doc!("Request property discriminator mapping added.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}");
        Info "request-property-discriminator-mapping-deleted" = ReqProperty, Discriminator("mapping", Removed),
            info_doc!("Request property discriminator mapping deleted.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}");
        Info "request-property-discriminator-mapping-changed" = ReqProperty, Discriminator("mapping", Changed),
            info_doc!("Request property discriminator mapping changed.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Feline'}}");
        Info "response-body-discriminator-added" = RespBody, Discriminator("", Added),
            info_doc!("Response body discriminator added.", "{oneOf: [...]}", "{oneOf: [...], discriminator: {propertyName: kind}}");
        Info "response-body-discriminator-removed" = RespBody, Discriminator("", Removed),
            info_doc!("Response body discriminator removed.", "{oneOf: [...], discriminator: {propertyName: kind}}", "{oneOf: [...]}");
        Info "response-body-discriminator-property-name-changed" = RespBody, Discriminator("propertyName", Changed),
            info_doc!("Response body discriminator property name changed.", "discriminator: {propertyName: kind}", "discriminator: {propertyName: type}");
        Info "response-body-discriminator-mapping-added" = RespBody, Discriminator("mapping", Added),
            info_doc!("Response body discriminator mapping added.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}");
        Info "response-body-discriminator-mapping-deleted" = RespBody, Discriminator("mapping", Removed),
            info_doc!("Response body discriminator mapping deleted.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}");
        Info "response-body-discriminator-mapping-changed" = RespBody, Discriminator("mapping", Changed),
            info_doc!("Response body discriminator mapping changed.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Feline'}}");
        Info "response-property-discriminator-added" = RespProperty, Discriminator("", Added),
            info_doc!("Response property discriminator added.", "{oneOf: [...]}", "{oneOf: [...], discriminator: {propertyName: kind}}");
        Info "response-property-discriminator-removed" = RespProperty, Discriminator("", Removed),
            info_doc!("Response property discriminator removed.", "{oneOf: [...], discriminator: {propertyName: kind}}", "{oneOf: [...]}");
        Info "response-property-discriminator-property-name-changed" = RespProperty, Discriminator("propertyName", Changed),
            info_doc!("Response property discriminator property name changed.", "discriminator: {propertyName: kind}", "discriminator: {propertyName: type}");
        Info "response-property-discriminator-mapping-added" = RespProperty, Discriminator("mapping", Added),
            info_doc!("Response property discriminator mapping added.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}");
        Info "response-property-discriminator-mapping-deleted" = RespProperty, Discriminator("mapping", Removed),
            info_doc!("Response property discriminator mapping deleted.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}");
        Info "response-property-discriminator-mapping-changed" = RespProperty, Discriminator("mapping", Changed),
            info_doc!("Response property discriminator mapping changed.", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}", "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Feline'}}");
        Info "request-body-became-nullable" = ReqBody, BecameNullable,
            info_doc!("Null added as a possible value in request body.", "{type: string}", "{type: [string, 'null']}");
        Info "request-property-became-nullable" = ReqProperty, BecameNullable,
            info_doc!("Request property became nullable.", "{type: string}", "{type: [string, 'null']}");
        Info "request-parameter-became-nullable" = Param, BecameNullable,
            info_doc!("Request parameter became nullable.", "{type: string}", "{type: [string, 'null']}");
        Info "request-parameter-property-became-nullable" = ParamProperty, BecameNullable,
            info_doc!("Request parameter property became nullable.", "{type: string}", "{type: [string, 'null']}");
        Info "response-body-became-not-nullable" = RespBody, BecameNotNullable,
            info_doc!("Response body became not nullable.", "{type: [string, 'null']}", "{type: string}");
        Info "response-property-became-not-nullable" = RespProperty, BecameNotNullable,
            info_doc!("Response property became not nullable.", "{type: [string, 'null']}", "{type: string}");
        Info "request-property-enum-value-added" = ReqProperty, EnumAdded,
            info_doc!("Request property enum value added.", "{enum: [a]}", "{enum: [a, b]}");
        Info "request-parameter-enum-value-added" = Param, EnumAdded,
            info_doc!("Request parameter enum value added.", "{enum: [a]}", "{enum: [a, b]}");
        Info "request-parameter-property-enum-value-added" = ParamProperty, EnumAdded,
            info_doc!("Request parameter property enum value added.", "{enum: [a]}", "{enum: [a, b]}");
        Info "response-write-only-property-enum-value-added" = RespWriteOnly, EnumAdded,
            info_doc!("Response write-only property enum value added.", "{writeOnly: true, enum: [a]}", "{writeOnly: true, enum: [a, b]}");
        Info "response-property-enum-value-removed" = RespProperty, EnumRemoved("enum"),
            info_doc!("Response property enum value removed.", "{enum: [a, b]}", "{enum: [a]}");
        Info "response-mediatype-enum-value-removed" = RespBody, EnumRemoved("enum"),
            info_doc!("Response mediatype enum value removed.", "schema: {enum: [a, b]}", "schema: {enum: [a]}");
        Info "request-body-type-generalized" = ReqBody, TypeOk(false),
            info_doc!("Request body type generalized.", "{type: integer}", "{type: number}");
        Info "request-body-type-compatible" = ReqBody, TypeOk(true),
            info_doc!("Request body type changed but backward compatible.", "text/plain: {schema: {type: integer}}", "text/plain: {schema: {type: string}}");
        Info "request-body-list-of-types-widened" = ReqBody, Type(ListWidened),
            info_doc!("Request body list-of-types widened.", "{type: integer}", "{type: [string, integer]}");
        Info "request-property-type-generalized" = ReqProperty, TypeOk(false),
            info_doc!("Request property type generalized.", "{type: integer}", "{type: number}");
        Info "request-property-type-compatible" = ReqProperty, TypeOk(true),
            info_doc!("Request property type changed but backward compatible.", "text/plain: {schema: {type: integer}}", "text/plain: {schema: {type: string}}");
        Info "request-property-list-of-types-widened" = ReqProperty, Type(ListWidened),
            info_doc!("Request property list-of-types widened.", "{type: integer}", "{type: [string, integer]}");
        Info "response-body-type-specialized" = RespBody, TypeOk(false),
            info_doc!("Response body type specialized.", "{type: number}", "{type: integer}");
        Info "response-body-type-compatible" = RespBody, TypeOk(true),
            info_doc!("Response body type changed but backward compatible.", "text/plain: {schema: {type: string}}", "text/plain: {schema: {type: integer}}");
        Info "response-body-list-of-types-narrowed" = RespBody, Type(ListNarrowed),
            info_doc!("Response body list-of-types narrowed.", "{type: [string, integer]}", "{type: integer}");
        Info "response-property-type-specialized" = RespProperty, TypeOk(false),
            info_doc!("Response property type specialized.", "{type: number}", "{type: integer}");
        Info "response-property-type-compatible" = RespProperty, TypeOk(true),
            info_doc!("Response property type changed but backward compatible.", "text/plain: {schema: {type: string}}", "text/plain: {schema: {type: integer}}");
        Info "response-property-list-of-types-narrowed" = RespProperty, Type(ListNarrowed),
            info_doc!("Response property list-of-types narrowed.", "{type: [string, integer]}", "{type: integer}");
        Info "request-parameter-list-of-types-widened" = Param, Type(ListWidened),
            info_doc!("Request parameter list-of-types widened.", "{type: integer}", "{type: [string, integer]}");
        Info "request-parameter-property-list-of-types-widened" = ParamProperty, Type(ListWidened),
            info_doc!("Request parameter property list-of-types widened.", "{type: integer}", "{type: [string, integer]}");
        Info "request-parameter-property-type-generalized" = ParamProperty, Type(Generalized),
            info_doc!("Request parameter property type generalized.", "{properties: {id: {type: integer}}}", "{properties: {id: {type: number}}}");
        Info "request-property-became-optional" = ReqProperty, BecameOptional,
            info_doc!("Request property became optional.", "required: [name, email]", "required: [name]");
        Info "response-write-only-property-became-optional" = RespWriteOnly, BecameOptional,
            info_doc!("Response write-only property became optional.", "{properties: {pin: {writeOnly: true}}, required: [pin]}", "{properties: {pin: {writeOnly: true}}}");
        Info "response-property-became-required" = RespProperty, Required(Changed, None),
            info_doc!("Response property became required.", "{properties: {id: {}}}", "{properties: {id: {}}, required: [id]}");
        Info "response-write-only-property-became-required" = RespWriteOnly, Required(Changed, None),
            info_doc!("Response write-only property became required.", "{properties: {pin: {writeOnly: true}}}", "{properties: {pin: {writeOnly: true}}, required: [pin]}");
        Info "new-optional-request-property" = ReqProperty, Property(Added, Some(false)),
            info_doc!("Optional property added to request.", "{properties: {name: {}}}", "{properties: {name: {}, nickname: {}}}");
        Info "response-optional-property-added" = RespProperty, Property(Added, Some(false)),
            info_doc!("Response optional property added.", "{properties: {id: {}}}", "{properties: {id: {}, nickname: {}}}");
        Info "response-required-property-added" = RespProperty, Property(Added, Some(true)),
            info_doc!("Response required property added.", "{properties: {id: {}}}", "{properties: {id: {}, name: {}}, required: [name]}");
        Info "response-optional-write-only-property-added" = RespWriteOnly, Property(Added, Some(false)),
            info_doc!("Response optional write-only property added.", "{properties: {id: {}}}", "{properties: {id: {}, pin: {writeOnly: true}}}");
        Info "response-required-write-only-property-added" = RespWriteOnly, Property(Added, Some(true)),
            info_doc!("Response required write-only property added.", "{properties: {id: {}}}", "{properties: {id: {}, pin: {writeOnly: true}}, required: [pin]}");
        Info "response-optional-write-only-property-removed" = RespWriteOnly, Property(Removed, Some(false)),
            info_doc!("Response optional write-only property removed.", "{properties: {id: {}, pin: {writeOnly: true}}}", "{properties: {id: {}}}");
        Info "response-required-write-only-property-removed" = RespWriteOnly, Property(Removed, Some(true)),
            info_doc!("Response required write-only property removed.", "{properties: {id: {}, pin: {writeOnly: true}}, required: [pin]}", "{properties: {id: {}}}");
        Info "request-optional-property-became-read-only" = ReqProperty, Flag("readOnly", Added, false),
            info_doc!("Request optional property became read-only.", "{type: string}", "{type: string, readOnly: true}");
        Info "request-optional-property-became-not-read-only" = ReqProperty, Flag("readOnly", Removed, false),
            info_doc!("Request optional property became not read-only.", "{type: string, readOnly: true}", "{type: string}");
        Info "request-optional-property-became-write-only" = ReqProperty, Flag("writeOnly", Added, false),
            info_doc!("Request optional property became write-only.", "{type: string}", "{type: string, writeOnly: true}");
        Info "request-optional-property-became-not-write-only" = ReqProperty, Flag("writeOnly", Removed, false),
            info_doc!("Request optional property became not write-only.", "{type: string, writeOnly: true}", "{type: string}");
        Info "request-required-property-became-read-only" = ReqProperty, Flag("readOnly", Added, true),
            info_doc!("Request required property became read-only.", "{type: string}", "{type: string, readOnly: true}");
        Info "request-required-property-became-not-read-only" = ReqProperty, Flag("readOnly", Removed, true),
            info_doc!("Request required property became not read-only.", "{type: string, readOnly: true}", "{type: string}");
        Info "request-required-property-became-write-only" = ReqProperty, Flag("writeOnly", Added, true),
            info_doc!("Request required property became write-only.", "{type: string}", "{type: string, writeOnly: true}");
        Info "request-required-property-became-not-write-only" = ReqProperty, Flag("writeOnly", Removed, true),
            info_doc!("Request required property became not write-only.", "{type: string, writeOnly: true}", "{type: string}");
        Info "response-optional-property-became-read-only" = RespProperty, Flag("readOnly", Added, false),
            info_doc!("Response optional property became read-only.", "{type: string}", "{type: string, readOnly: true}");
        Info "response-optional-property-became-not-read-only" = RespProperty, Flag("readOnly", Removed, false),
            info_doc!("Response optional property became not read-only.", "{type: string, readOnly: true}", "{type: string}");
        Info "response-optional-property-became-write-only" = RespProperty, Flag("writeOnly", Added, false),
            info_doc!("Response optional property became write-only.", "{type: string}", "{type: string, writeOnly: true}");
        Info "response-optional-property-became-not-write-only" = RespProperty, Flag("writeOnly", Removed, false),
            info_doc!("Response optional property became not write-only.", "{type: string, writeOnly: true}", "{type: string}");
        Info "response-required-property-became-read-only" = RespProperty, Flag("readOnly", Added, true),
            info_doc!("Response required property became read-only.", "{type: string}", "{type: string, readOnly: true}");
        Info "response-required-property-became-not-read-only" = RespProperty, Flag("readOnly", Removed, true),
            info_doc!("Response required property became not read-only.", "{type: string, readOnly: true}", "{type: string}");
        Info "response-required-property-became-write-only" = RespProperty, Flag("writeOnly", Added, true),
            info_doc!("Response required property became write-only.", "{type: string}", "{type: string, writeOnly: true}");
        Info "request-property-deprecated" = ReqProperty, Lifecycle(Life::Deprecated),
            info_doc!("Request property deprecated.", "{name: {type: string}}", "{name: {type: string, deprecated: true}}");
        Info "request-property-deprecated-with-sunset" = ReqProperty, Lifecycle(Life::WithSunset),
            info_doc!("Request property deprecated with sunset date.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: '2030-01-01'}}");
        Info "request-property-reactivated" = ReqProperty, Lifecycle(Life::Reactivated),
            info_doc!("Request property reactivated (deprecation set to false).", "{name: {type: string, deprecated: true}}", "{name: {type: string}}");
        Info "request-property-stability-increased" = ReqProperty, StabilityIncreased,
            info_doc!("Request property stability level increased.", "{x-stability-level: beta}", "{x-stability-level: stable}");
        Info "response-property-deprecated" = RespProperty, Lifecycle(Life::Deprecated),
            info_doc!("Response property deprecated.", "{name: {type: string}}", "{name: {type: string, deprecated: true}}");
        Info "response-property-deprecated-with-sunset" = RespProperty, Lifecycle(Life::WithSunset),
            info_doc!("Response property deprecated with sunset date.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: '2030-01-01'}}");
        Info "response-property-reactivated" = RespProperty, Lifecycle(Life::Reactivated),
            info_doc!("Response property reactivated (deprecation set to false).", "{name: {type: string, deprecated: true}}", "{name: {type: string}}");
        Info "response-property-stability-increased" = RespProperty, StabilityIncreased,
            info_doc!("Response property stability level increased.", "{x-stability-level: beta}", "{x-stability-level: stable}");
    }
    operations {
        Info "request-parameter-type-generalized" = Info(ParamTypeGeneralized),
            info_doc!("Request parameter type generalized.", "{name: n, in: query, schema: {type: integer}}", "{name: n, in: query, schema: {type: number}}");
        Info "endpoint-added" = Info(EndpointAdded),
            info_doc!("Endpoint added.", "paths: {/pets: {get: {}}}", "paths: {/pets: {get: {}, post: {}}}");
        Info "endpoint-deprecated" = Info(EndpointLife(Life::Deprecated)),
            info_doc!("Endpoint deprecated.", "get: {}", "get: {deprecated: true}");
        Info "endpoint-deprecated-with-sunset" = Info(EndpointLife(Life::WithSunset)),
            info_doc!("Endpoint deprecated with sunset date.", "get: {}", "get: {deprecated: true, x-sunset: '2030-01-01'}");
        Info "endpoint-reactivated" = Info(EndpointLife(Life::Reactivated)),
            info_doc!("Endpoint reactivated (deprecation set to false).", "get: {deprecated: true}", "get: {}");
        Info "api-stability-increased" = Info(StabilityIncreased),
            info_doc!("Endpoint stability level increased.", "get: {x-stability-level: beta}", "get: {x-stability-level: stable}");
        Info "api-path-removed-with-deprecation" = Info(RemovedWithDeprecation(true)),
            info_doc!("Path and endpoint deleted after deprecation.", "paths: {/old: {get: {deprecated: true}}}", "paths: {}");
        Info "api-removed-with-deprecation" = Info(RemovedWithDeprecation(false)),
            info_doc!("Endpoint deleted after deprecation.", "/pets: {get: {}, delete: {deprecated: true}}", "/pets: {get: {}}");
        Info "request-parameter-deprecated" = Info(ParamLife(Life::Deprecated)),
            info_doc!("Request parameter deprecated.", "{name: q, in: query}", "{name: q, in: query, deprecated: true}");
        Info "request-parameter-reactivated" = Info(ParamLife(Life::Reactivated)),
            info_doc!("Request parameter reactivated (deprecation set to false).", "{name: q, in: query, deprecated: true}", "{name: q, in: query}");
        Info "request-parameter-removed-with-deprecation" = Info(ParamRemovedWithDeprecation),
            info_doc!("Request parameter deleted after deprecation.", "parameters: [{name: q, in: query, deprecated: true}]", "parameters: []");
        Info "new-optional-request-parameter" = Info(NewOptionalParam),
            info_doc!("Optional request parameter added to endpoint.", "parameters: []", "parameters: [{name: q, in: query}]");
        Info "request-parameter-became-optional" = Info(ParamBecameOptional),
            info_doc!("Request parameter became optional.", "{name: q, in: query, required: true}", "{name: q, in: query}");
        Info "request-body-added-optional" = Info(RequestBodyAddedOptional),
            info_doc!("Optional request body added.", "post: {}", "post: {requestBody: {content: {application/json: {}}}}");
        Info "request-body-became-optional" = Info(RequestBodyBecameOptional),
            info_doc!("Request body became optional.", "requestBody: {required: true, content: {...}}", "requestBody: {content: {...}}");
        Info "request-body-media-type-added" = Info(MediaTypeAdded(Dir::Request)),
            info_doc!("Request body media-type added.", "content: {application/json: {}}", "content: {application/json: {}, application/xml: {}}");
        Info "response-media-type-added" = Info(MediaTypeAdded(Dir::Response)),
            info_doc!("Response media type added.", "content: {application/json: {}}", "content: {application/json: {}, application/xml: {}}");
        Info "request-body-media-type-schema-removed" = MediaSchema(Dir::Request, false),
            info_doc!("Request body media-type schema removed.", "application/json: {schema: {type: object}}", "application/json: {}");
        Info "response-body-media-type-schema-added" = MediaSchema(Dir::Response, true),
            info_doc!("Response media-type schema added.", "application/json: {}", "application/json: {schema: {type: object}}");
        Info "response-media-type-name-changed" = Info(MediaTypeNameChanged(true)),
            info_doc!("Response media type changed.", "content: {application/json: {}}", "content: {'application/json; charset=utf-8': {}}");
        Info "response-media-type-name-specialized" = Info(MediaTypeNameChanged(false)),
            info_doc!("Response media type changed to a more specific type.", "content: {'application/*': {}}", "content: {application/json: {}}");
        Info "response-success-status-added" = Info(Status(Side::Added, true)),
            info_doc!("Response success status added.", "responses: {'200': {...}}", "responses: {'200': {...}, '201': {...}}");
        Info "response-non-success-status-added" = Info(Status(Side::Added, false)),
            info_doc!("Response non-success status added.", "responses: {'200': {...}}", "responses: {'200': {...}, '404': {...}}");
        Info "response-non-success-status-removed" = Info(Status(Side::Removed, false)),
            info_doc!("Response non-success status removed.", "responses: {'200': {...}, '404': {...}}", "responses: {'200': {...}}");
        Info "response-header-added" = Info(ResponseHeaderAdded),
            info_doc!("Response header added.", "headers: {}", "headers: {X-Rate-Limit: {schema: {type: integer}}}");
        Info "response-header-type-specialized" = Info(ResponseHeaderTypeOk(false)),
            info_doc!("Response header type specialized.", "X-Count: {schema: {type: number}}", "X-Count: {schema: {type: integer}}");
        Info "response-header-type-compatible" = Info(ResponseHeaderTypeOk(true)),
            info_doc!("Response header type compatible.", "X-Count: {schema: {type: string}}", "X-Count: {schema: {type: integer}}");
        Info "response-header-became-not-nullable" = Info(ResponseHeaderBecameNotNullable),
            info_doc!("Response header became not nullable.", "X-Count: {schema: {type: [integer, 'null']}}", "X-Count: {schema: {type: integer}}");
        Info "api-operation-id-added" = Info(OperationId(Side::Added)),
            info_doc!("Operation ID added to an endpoint.", "get: {}", "get: {operationId: listPets}");
        Info "api-operation-id-removed" = Info(OperationId(Side::Removed)),
            info_doc!("Operation ID deleted from an endpoint.", "get: {operationId: listPets}", "get: {operationId: getPets}");
        Info "api-tag-added" = Info(Tag(Side::Added)),
            info_doc!("Endpoint tag added.", "get: {tags: [pets]}", "get: {tags: [pets, store]}");
        Info "api-tag-removed" = Info(Tag(Side::Removed)),
            info_doc!("Endpoint tag deleted.", "get: {tags: [pets, store]}", "get: {tags: [pets]}");
        Info "api-security-added" = Info(Security(false, Side::Added)),
            info_doc!("Security requirements added to endpoint.", "get: {security: [{apiKey: []}]}", "get: {security: [{apiKey: []}, {oauth: [read]}]}");
        Info "api-security-removed" = Info(Security(false, Side::Removed)),
            info_doc!("Security requirements deleted from endpoint.", "get: {security: [{apiKey: []}, {oauth: [read]}]}", "get: {security: [{apiKey: []}]}");
        Info "api-security-scope-added" = Info(SecurityScope(false, Side::Added)),
            info_doc!("Scope added to an endpoint's security scheme.", "get: {security: [{oauth: [read]}]}", "get: {security: [{oauth: [read, write]}]}");
        Info "api-security-scope-removed" = Info(SecurityScope(false, Side::Removed)),
            info_doc!("Scope deleted from an endpoint's security scheme.", "get: {security: [{oauth: [read, write]}]}", "get: {security: [{oauth: [read]}]}");
        Info "api-global-security-added" = Info(Security(true, Side::Added)),
            info_doc!("Security scheme added in security.", "security: [{apiKey: []}]", "security: [{apiKey: []}, {oauth: [read]}]");
        Info "api-global-security-removed" = Info(Security(true, Side::Removed)),
            info_doc!("Security scheme deleted in security.", "security: [{apiKey: []}, {oauth: [read]}]", "security: [{apiKey: []}]");
        Info "api-global-security-scope-added" = Info(SecurityScope(true, Side::Added)),
            info_doc!("Scope added to a security scheme in security.", "security: [{oauth: [read]}]", "security: [{oauth: [read, write]}]");
        Info "api-global-security-scope-removed" = Info(SecurityScope(true, Side::Removed)),
            info_doc!("Scope deleted from a security scheme in security.", "security: [{oauth: [read, write]}]", "security: [{oauth: [read]}]");
        Info "api-security-component-added" = Info(SecurityComponent(Side::Added)),
            info_doc!("Security scheme added in components/securitySchemes.", "securitySchemes: {apiKey: {...}}", "securitySchemes: {apiKey: {...}, oauth: {...}}");
        Info "api-security-component-removed" = Info(SecurityComponent(Side::Removed)),
            info_doc!("Security scheme deleted in components/securitySchemes.", "securitySchemes: {apiKey: {...}, oauth: {...}}", "securitySchemes: {apiKey: {...}}");
        Info "api-security-component-type-changed" = Info(SecurityComponentField("type")),
            info_doc!("Security scheme type modified in components/securitySchemes.", "auth: {type: apiKey, ...}", "auth: {type: http, ...}");
        Info "api-security-component-oauth-url-changed" = Info(SecurityComponentField("authorizationUrl")),
            info_doc!("Auth URL modified in OAuth flow in components/securitySchemes.", "implicit: {authorizationUrl: https://a.example/auth}", "implicit: {authorizationUrl: https://b.example/auth}");
        Info "api-security-component-oauth-token-url-changed" = Info(SecurityComponentField("tokenUrl")),
            info_doc!("Token URL modified in OAuth flow in components/securitySchemes.", "implicit: {tokenUrl: https://a.example/token}", "implicit: {tokenUrl: https://b.example/token}");
        Info "api-security-component-oauth-scope-added" = Info(SecurityComponentScope(Some(Side::Added))),
            info_doc!("Scope added to OAuth flow in components/securitySchemes.", "implicit: {scopes: {read: Read}}", "implicit: {scopes: {read: Read, write: Write}}");
        Info "api-security-component-oauth-scope-removed" = Info(SecurityComponentScope(Some(Side::Removed))),
            info_doc!("Scope deleted from OAuth flow in components/securitySchemes.", "implicit: {scopes: {read: Read, write: Write}}", "implicit: {scopes: {read: Read}}");
        Info "api-security-component-oauth-scope-changed" = Info(SecurityComponentScope(None)),
            info_doc!("Scope modified in OAuth flow in components/securitySchemes.", "implicit: {scopes: {read: Read}}", "implicit: {scopes: {read: Read everything}}");
        Info "webhook-added" = Info(WebhookAdded),
            info_doc!("Webhook added.", "webhooks: {}", "webhooks: {newPet: {post: {}}}");
        Info "api-schema-removed" = Info(SchemaRemoved),
            info_doc!("Schema deleted from components/schemas.", "components: {schemas: {Pet: {...}, Old: {...}}}", "components: {schemas: {Pet: {...}}}");
        Info "api-version-not-bumped" = Info(Version(VersionProblem::NotBumped)),
            info_doc!("A breaking change was detected but the version was not bumped.", "info: {version: '1.0.0'} (and a breaking change)", "info: {version: '1.0.0'}");
        Info "api-version-decreased" = Info(Version(VersionProblem::Decreased)),
            info_doc!("A breaking change was detected but the version decreased.", "info: {version: '1.2.0'} (and a breaking change)", "info: {version: '1.1.0'}");
        Info "api-major-version-not-bumped" = Info(Version(VersionProblem::MajorNotBumped)),
            info_doc!("A breaking change was detected but the major version did not increase.", "info: {version: '1.2.0'} (and a breaking change)", "info: {version: '1.3.0'}");
    }
}
