//! `/api/v1/openapi.json`: this API as an OpenAPI 3.1 document, generated from the endpoint types
//! in `shared::endpoints` (method, path, who may call, body and reply schemas), so it describes
//! exactly what is mounted.

use axum::Json;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};
use shared::endpoints::{Access, GetOpenApi, Route, schemas};

use crate::routes::{Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetOpenApi>().to(openapi)
}

async fn openapi() -> Reply<GetOpenApi> {
    Ok(Json(document()))
}

/// The whole document.
pub fn document() -> Value {
    let mut generator =
        SchemaSettings::draft2020_12().with(|s| s.definitions_path = "/components/schemas".into()).into_generator();
    let error = generator.subschema_for::<shared::api::ApiError>();
    let mut paths = Map::new();
    for (route, body, reply) in schemas(&mut generator) {
        let item = paths.entry(route.path).or_insert_with(|| json!({}));
        item[route.method.as_str().to_lowercase()] = operation(&route, body, reply, &error);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "ProvenBase → Lever bridge",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The backend the ProvenBase → Lever extension calls. Signed-in calls carry the \
                            session the extension got from a connect or an invite as a bearer token.",
        },
        "paths": paths,
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": { "session": { "type": "http", "scheme": "bearer" } },
        },
    })
}

fn operation(
    route: &Route,
    body: Option<schemars::Schema>,
    reply: Option<schemars::Schema>,
    error: &schemars::Schema,
) -> Value {
    let json_of = |schema: &schemars::Schema| json!({ "application/json": { "schema": schema } });
    let mut op = json!({
        "operationId": route.name,
        "x-access": match route.access {
            Access::Public => "public".to_owned(),
            Access::Session => "session".to_owned(),
            Access::Role(action) => format!("{action:?}").to_lowercase(),
        },
        "responses": {
            "200": match &reply {
                Some(schema) => json!({ "description": "Done.", "content": json_of(schema) }),
                None => json!({ "description": "Done (no JSON body: a redirect, a page, an event stream or nothing)." }),
            },
            "default": { "description": "Refused or failed, with a reason a person can act on.", "content": json_of(error) },
        },
    });
    if route.access != Access::Public {
        op["security"] = json!([{ "session": [] }]);
    }
    let parameters: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect();
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    if let Some(schema) = &body {
        op["requestBody"] = json!({ "required": true, "content": json_of(schema) });
    }
    op
}

#[cfg(test)]
mod tests {
    use shared::endpoints::ROUTES;

    /// The document lists every mounted route (the routes test proves `ROUTES` is what is
    /// mounted) with its method, and every schema it refers to is defined.
    #[test]
    fn the_document_lists_every_route_and_defines_every_schema_it_names() {
        let doc = super::document();
        let mut listed = 0;
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("methods").keys() {
                let route = ROUTES.iter().find(|r| r.path == path && r.method.as_str().to_lowercase() == *method);
                assert!(route.is_some(), "{method} {path} is not a route");
                listed += 1;
            }
        }
        assert_eq!(listed, ROUTES.len());
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap_or_default();
            assert!(schemas.contains_key(name), "{name} is referred to but not defined");
        }
        for body in ["ExportRequest", "SettingsUpdate", "CheckRequest", "ExportTask", "ApiError"] {
            assert!(schemas.contains_key(body), "{body} is described");
        }
        let export = &doc["paths"]["/api/v1/exports"]["post"];
        assert_eq!(export["x-access"], "export");
        assert_eq!(
            export["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ExportRequest"
        );
        assert!(doc["paths"]["/healthz"]["get"].get("security").is_none(), "health is public");
        assert_eq!(doc["paths"]["/api/v1/exports/{id}"]["get"]["parameters"][0]["name"], "id");
    }
}
