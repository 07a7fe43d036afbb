//! The simulator's own tests: each behaviour `docs/lever-api.md` describes, checked over HTTP the way
//! the backend will meet it. A test here fails if the behaviour breaks.
//!
//! Long because it is a suite: one test per documented Lever behaviour.

use std::time::Duration;

use lever_sim::{DEMO_ACCOUNT, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Seed};
use reqwest::{StatusCode, redirect::Policy};
use serde_json::{Value, json};

const CALLBACK: &str = "http://127.0.0.1:1/api/v1/lever/callback";
const SCOPES: &str = "offline_access opportunities:read:admin opportunities:write:admin stages:read:admin \
                      postings:read:admin users:read:admin files:write:admin files:read:admin";

struct Lever {
    base: String,
    http: reqwest::Client,
    _running: lever_sim::Running,
}

async fn lever() -> Lever {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let running = lever_sim::spawn(listener, Seed::demo(vec![CALLBACK.into()])).expect("starts");
    let http = reqwest::Client::builder().redirect(Policy::none()).build().expect("client");
    Lever { base: running.base_url.clone(), http, _running: running }
}

fn location(res: &reqwest::Response) -> url::Url {
    let loc = res.headers().get("location").expect("a redirect").to_str().expect("ascii");
    url::Url::parse(loc).expect("absolute")
}

fn query(url: &url::Url, key: &str) -> Option<String> {
    url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

impl Lever {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorize_params(&self, scope: &str) -> Vec<(&'static str, String)> {
        vec![
            ("client_id", DEMO_CLIENT_ID.into()),
            ("redirect_uri", CALLBACK.into()),
            ("response_type", "code".into()),
            ("state", "st4te".into()),
            ("audience", format!("{}/v1/", self.base)),
            ("scope", scope.into()),
        ]
    }

    async fn user_id(&self, role: &str) -> String {
        let account: Value = self.get_json(&format!("/_sim/accounts/{DEMO_ACCOUNT}")).await;
        account["users"]
            .as_array()
            .and_then(|users| users.iter().find(|u| u["accessRole"] == role && u["deactivatedAt"].is_null()))
            .and_then(|u| u["id"].as_str())
            .expect("a user with that role")
            .to_owned()
    }

    async fn get_json(&self, path: &str) -> Value {
        self.http.get(self.url(path)).send().await.expect("sent").json().await.expect("json")
    }

    /// Runs the consent flow as `role` and returns the redirect back to the app.
    async fn consent(&self, scope: &str, role: &str, decision: &str) -> url::Url {
        let user = self.user_id(role).await;
        let mut form = self.authorize_params(scope);
        form.push(("user_id", user));
        form.push(("decision", decision.into()));
        let res = self.http.post(self.url("/authorize/decision")).form(&form).send().await.expect("sent");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        location(&res)
    }

    async fn exchange(&self, code: &str) -> reqwest::Response {
        let form = [
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("code", code),
            ("redirect_uri", CALLBACK),
        ];
        self.http.post(self.url("/oauth/token")).form(&form).send().await.expect("sent")
    }

    async fn tokens(&self, scope: &str) -> Value {
        let back = self.consent(scope, "super admin", "accept").await;
        let code = query(&back, "code").expect("a code");
        self.exchange(&code).await.json().await.expect("json")
    }

    async fn access_token(&self) -> String {
        self.tokens(SCOPES).await["access_token"].as_str().expect("token").to_owned()
    }

    async fn refresh(&self, refresh_token: &str) -> reqwest::Response {
        let body = json!({"grant_type": "refresh_token", "client_id": DEMO_CLIENT_ID,
                          "client_secret": DEMO_CLIENT_SECRET, "refresh_token": refresh_token});
        self.http.post(self.url("/oauth/token")).json(&body).send().await.expect("sent")
    }

    async fn api(&self, token: &str, path: &str) -> reqwest::Response {
        self.http.get(self.url(&format!("/v1{path}"))).bearer_auth(token).send().await.expect("sent")
    }

    async fn api_json(&self, token: &str, path: &str) -> Value {
        let res = self.api(token, path).await;
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        res.json().await.expect("json")
    }

    async fn create(&self, token: &str, perform_as: &str, body: Value) -> reqwest::Response {
        self.http
            .post(self.url(&format!("/v1/opportunities?perform_as={perform_as}")))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("sent")
    }

    async fn faults(&self, plan: Value) {
        let res = self.http.post(self.url("/_sim/faults")).json(&plan).send().await.expect("sent");
        assert!(res.status().is_success());
    }
}

/// A local endpoint that hands every webhook body it receives to the test.
async fn webhook_receiver() -> (String, tokio::sync::mpsc::UnboundedReceiver<Value>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Value>();
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let tx = tx.clone();
            async move {
                tx.send(body).ok();
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let hook = format!("http://{}/hook", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, receiver).await.ok() });
    (hook, rx)
}

fn decode_claims(jwt: &str) -> Value {
    use base64::Engine as _;
    let payload = jwt.split('.').nth(1).expect("three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).expect("base64url");
    serde_json::from_slice(&bytes).expect("claims are JSON")
}

// ---- OAuth ----

#[tokio::test]
async fn authorize_asks_who_signs_in_then_lists_the_requested_scopes() {
    let lever = lever().await;
    let res =
        lever.http.get(lever.url("/authorize")).query(&lever.authorize_params(SCOPES)).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("html");
    assert!(page.contains("Sign in to Lever") && page.contains("Sam Super") && page.contains("super admin"));
    assert!(!page.contains("Dee Departed"), "deactivated users cannot sign in");

    let mut params = lever.authorize_params(SCOPES);
    params.push(("user_id", lever.user_id("super admin").await));
    let consent = lever.http.get(lever.url("/authorize/consent")).query(&params).send().await.expect("sent");
    let page = consent.text().await.expect("html");
    for scope in SCOPES.split_whitespace() {
        assert!(page.contains(&format!("data-scope=\"{scope}\"")), "consent lists {scope}");
    }
    assert!(page.contains("Acme Talent") && page.contains(">Accept<") && page.contains(">Deny<"));
}

#[tokio::test]
async fn authorize_refuses_a_missing_or_wrong_audience_and_an_unregistered_callback() {
    let lever = lever().await;
    let mut params = lever.authorize_params(SCOPES);
    params.retain(|(k, _)| *k != "audience");
    let res = lever.http.get(lever.url("/authorize")).query(&params).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("html").contains("Invalid audience"));

    params.push(("audience", "https://api.lever.co/v1/".into()));
    let res = lever.http.get(lever.url("/authorize")).query(&params).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let mut params = lever.authorize_params(SCOPES);
    params[1].1 = "https://evil.example/callback".into();
    let res = lever.http.get(lever.url("/authorize")).query(&params).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "never redirects to an unregistered callback");
    assert!(res.headers().get("location").is_none());
}

#[tokio::test]
async fn deny_returns_access_denied_with_the_state() {
    let lever = lever().await;
    let back = lever.consent(SCOPES, "super admin", "deny").await;
    assert!(back.as_str().starts_with(CALLBACK));
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&back, "state").as_deref(), Some("st4te"));
    assert!(query(&back, "code").is_none());
}

#[tokio::test]
async fn a_code_is_exchanged_once_for_a_jwt_carrying_user_and_account() {
    let lever = lever().await;
    let back = lever.consent(SCOPES, "super admin", "accept").await;
    assert_eq!(query(&back, "state").as_deref(), Some("st4te"));
    let code = query(&back, "code").expect("code");
    let res = lever.exchange(&code).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tokens: Value = res.json().await.expect("json");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert!(tokens["refresh_token"].as_str().is_some_and(|t| t.starts_with("v1.")));
    let claims = decode_claims(tokens["access_token"].as_str().expect("token"));
    assert_eq!(claims["https://oauth.lever.co/userId"], json!(lever.user_id("super admin").await));
    assert_eq!(claims["https://oauth.lever.co/accountId"], DEMO_ACCOUNT);
    assert_eq!(claims["aud"], json!(format!("{}/v1/", lever.base)));
    assert_eq!(claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat"), 3600);

    let again = lever.exchange(&code).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert_eq!(again.json::<Value>().await.expect("json")["error"], "invalid_grant");
}

#[tokio::test]
async fn a_code_issued_for_a_pkce_challenge_needs_its_verifier() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let lever = lever().await;
    let verifier = "a-verifier-of-at-least-forty-three-characters-long-0123456789";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier));
    let consent = |method: &'static str| {
        let mut form = lever.authorize_params(SCOPES);
        form.push(("code_challenge", challenge.clone()));
        form.push(("code_challenge_method", method.into()));
        form
    };
    let user = lever.user_id("super admin").await;
    let decide = |mut form: Vec<(&'static str, String)>| {
        form.push(("user_id", user.clone()));
        form.push(("decision", "accept".into()));
        lever.http.post(lever.url("/authorize/decision")).form(&form).send()
    };
    let plain = location(&decide(consent("plain")).await.expect("sent"));
    assert_eq!(query(&plain, "error").as_deref(), Some("invalid_request"), "only S256");

    let exchange = |code: String, verifier: Option<&'static str>| {
        let mut form = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("client_id", DEMO_CLIENT_ID.into()),
            ("client_secret", DEMO_CLIENT_SECRET.into()),
            ("code", code),
            ("redirect_uri", CALLBACK.into()),
        ];
        if let Some(v) = verifier {
            form.push(("code_verifier", v.into()));
        }
        lever.http.post(lever.url("/oauth/token")).form(&form).send()
    };
    for wrong in [None, Some("another-verifier-of-at-least-forty-three-characters-0123")] {
        let code = query(&location(&decide(consent("S256")).await.expect("sent")), "code").expect("code");
        let refused = exchange(code, wrong).await.expect("sent");
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{wrong:?}");
        assert_eq!(refused.json::<Value>().await.expect("json")["error"], "invalid_grant");
    }
    let code = query(&location(&decide(consent("S256")).await.expect("sent")), "code").expect("code");
    assert_eq!(exchange(code, Some(verifier)).await.expect("sent").status(), StatusCode::OK);
    let without = query(&lever.consent(SCOPES, "super admin", "accept").await, "code").expect("code");
    let refused = exchange(without, Some(verifier)).await.expect("sent");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "a verifier for a code issued without a challenge");
}

#[tokio::test]
async fn the_token_endpoint_takes_json_bodies_and_basic_client_auth() {
    let lever = lever().await;
    let back = lever.consent(SCOPES, "super admin", "accept").await;
    let body = json!({"grant_type": "authorization_code", "code": query(&back, "code"), "redirect_uri": CALLBACK});
    let res = lever
        .http
        .post(lever.url("/oauth/token"))
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::OK);

    let wrong = lever
        .http
        .post(lever.url("/oauth/token"))
        .basic_auth(DEMO_CLIENT_ID, Some("wrong"))
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json::<Value>().await.expect("json")["error"], "invalid_client");
}

#[tokio::test]
async fn no_refresh_token_without_offline_access() {
    let lever = lever().await;
    let tokens = lever.tokens("stages:read:admin").await;
    assert!(tokens["access_token"].is_string());
    assert!(tokens.get("refresh_token").is_none());
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_used_one_fails_with_invalid_grant() {
    let lever = lever().await;
    let first = lever.tokens(SCOPES).await["refresh_token"].as_str().expect("refresh").to_owned();
    let res = lever.refresh(&first).await;
    assert_eq!(res.status(), StatusCode::OK);
    let rotated: Value = res.json().await.expect("json");
    let second = rotated["refresh_token"].as_str().expect("a new refresh token");
    assert_ne!(second, first);
    assert_eq!(lever.api(rotated["access_token"].as_str().expect("access"), "/stages").await.status(), StatusCode::OK);

    let reused = lever.refresh(&first).await;
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(reused.json::<Value>().await.expect("json")["error"], "invalid_grant");
    assert_eq!(lever.refresh(second).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn access_tokens_expire_after_an_hour() {
    let lever = lever().await;
    let token = lever.access_token().await;
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::OK);
    lever.http.post(lever.url("/_sim/clock")).json(&json!({"advanceMs": 3_601_000})).send().await.expect("sent");
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn revoking_the_app_fails_later_refreshes_and_api_calls() {
    let lever = lever().await;
    let tokens = lever.tokens(SCOPES).await;
    let access = tokens["access_token"].as_str().expect("access");
    let res = lever.http.post(lever.url(&format!("/_sim/accounts/{DEMO_ACCOUNT}/revoke"))).send().await.expect("sent");
    assert_eq!(res.json::<Value>().await.expect("json")["revoked"], 1);

    let api = lever.api(access, "/stages").await;
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let body: Value = api.json().await.expect("json");
    assert_eq!(body, json!({"code": "UnauthorizedError", "message": "The request requires authentication."}));
    let refresh = lever.refresh(tokens["refresh_token"].as_str().expect("refresh")).await;
    assert_eq!(refresh.json::<Value>().await.expect("json")["error"], "invalid_grant");
}

// ---- REST ----

#[tokio::test]
async fn users_are_active_only_unless_asked_and_filter_by_role() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let active = lever.api_json(&token, "/users").await["data"].as_array().expect("list").len();
    let all = lever.api_json(&token, "/users?includeDeactivated=true").await["data"].as_array().expect("list").len();
    assert_eq!(all, active + 1);
    let admins = lever.api_json(&token, "/users?accessRole[]=super%20admin&accessRole[]=admin").await;
    let roles: Vec<&str> =
        admins["data"].as_array().expect("list").iter().filter_map(|u| u["accessRole"].as_str()).collect();
    assert_eq!(roles, ["super admin", "admin"]);
}

#[tokio::test]
async fn a_missing_scope_is_forbidden() {
    let lever = lever().await;
    let token = lever.tokens("stages:read:admin").await["access_token"].as_str().expect("t").to_owned();
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::OK);
    let res = lever.api(&token, "/users").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.json::<Value>().await.expect("json")["message"].as_str().expect("m").contains("users:read:admin"));
}

#[tokio::test]
async fn published_postings_without_a_channel_are_only_the_public_ones() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let names = |v: Value| -> Vec<String> {
        v["data"].as_array().expect("list").iter().filter_map(|p| p["text"].as_str().map(str::to_owned)).collect()
    };
    let public_only = names(lever.api_json(&token, "/postings?state=published").await);
    assert_eq!(public_only, ["Senior Backend Engineer"]);
    let every_published = names(
        lever
            .api_json(&token, "/postings?state=published&distributionChannel=public&distributionChannel=internal")
            .await,
    );
    assert_eq!(every_published, ["Senior Backend Engineer", "Data Engineer"]);
    let unlisted = names(lever.api_json(&token, "/postings?state=internal").await);
    assert_eq!(unlisted, ["Talent Partner"]);
}

#[tokio::test]
async fn lists_page_with_opaque_offset_tokens() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let first = lever.api_json(&token, "/opportunities?limit=50").await;
    assert_eq!(first["data"].as_array().expect("list").len(), 50);
    assert_eq!(first["hasNext"], true);
    let next = first["next"].as_str().expect("a next token");
    let mut seen = 50;
    let mut offset = next.to_owned();
    loop {
        let page = lever.api_json(&token, &format!("/opportunities?limit=50&offset={offset}")).await;
        seen += page["data"].as_array().expect("list").len();
        if page["hasNext"] == false {
            assert!(page.get("next").is_none());
            break;
        }
        offset = page["next"].as_str().expect("next").to_owned();
    }
    assert_eq!(seen, 125);
    let forged = lever.api(&token, "/opportunities?offset=50").await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    assert_eq!(lever.api(&token, "/opportunities?limit=101").await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn create_needs_perform_as_and_at_most_one_posting_and_defaults_to_new_lead() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let res = lever
        .http
        .post(lever.url("/v1/opportunities"))
        .bearer_auth(&token)
        .json(&json!({"name": "X"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.json::<Value>().await.expect("json")["message"].as_str().expect("m").contains("perform_as"));

    let admin = lever.user_id("super admin").await;
    let two = lever.create(&token, &admin, json!({"name": "X", "postings": ["a", "b"]})).await;
    assert_eq!(two.status(), StatusCode::BAD_REQUEST);

    let created = lever
        .create(
            &token,
            &admin,
            json!({"name": "Nia New", "emails": ["nia@example.com"], "origin": "sourced", "sources": ["ProvenBase"]}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let opp: Value = created.json().await.expect("json");
    let stage = lever.api_json(&token, &format!("/stages/{}", opp["data"]["stage"].as_str().expect("stage"))).await;
    assert_eq!(stage["data"]["text"], "New lead");
    assert_eq!(opp["data"]["owner"], json!(admin));
    assert_eq!(opp["data"]["sources"], json!(["ProvenBase"]));
}

#[tokio::test]
async fn create_with_a_known_email_joins_the_existing_contact_whose_data_wins() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    let existing = lever.api_json(&token, "/opportunities?email=amelie.dubois@example.com").await;
    let existing = &existing["data"][0];
    let res = lever
        .create(
            &token,
            &admin,
            json!({"name": "A. Dubois (new name)", "emails": ["  AMELIE.DUBOIS@example.com "], "phones": [{"value": "+33 1 00 00 00 00"}]}),
        )
        .await;
    let created: Value = res.json().await.expect("json");
    assert_eq!(created["data"]["contact"], existing["contact"], "same contact");
    assert_ne!(created["data"]["id"], existing["id"], "a second opportunity");
    assert_eq!(created["data"]["name"], "Amélie Dubois", "the existing name wins");
    let both = lever
        .api_json(&token, &format!("/opportunities?contact_id={}", existing["contact"].as_str().expect("c")))
        .await;
    assert_eq!(both["data"].as_array().expect("list").len(), 2);
}

#[tokio::test]
async fn create_takes_multipart_with_a_resume_file_that_can_be_read_back() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    let stages = lever.api_json(&token, "/stages").await;
    let screen =
        stages["data"].as_array().expect("list").iter().find(|s| s["text"] == "Recruiter Screen").expect("stage");
    let form = reqwest::multipart::Form::new()
        .text("name", "Mo Multipart")
        .text("emails[]", "mo@example.com")
        .text("links[]", "https://www.linkedin.com/in/mo")
        .text("stage", screen["id"].as_str().expect("id").to_owned())
        .part(
            "resumeFile",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 resume".to_vec())
                .file_name("mo.pdf")
                .mime_str("application/pdf")
                .expect("mime"),
        );
    let res = lever
        .http
        .post(lever.url(&format!("/v1/opportunities?perform_as={admin}")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.expect("json")["data"]["id"].as_str().expect("id").to_owned();

    let all = lever.get_json(&format!("/_sim/accounts/{DEMO_ACCOUNT}/opportunities")).await;
    let mine = all["data"].as_array().expect("list").iter().find(|o| o["id"] == json!(id)).expect("created").clone();
    assert_eq!(mine["stage"], screen["id"]);
    assert_eq!(mine["links"], json!(["https://www.linkedin.com/in/mo"]));
    assert_eq!(mine["resumeFile"]["name"], "mo.pdf");
    let file = lever
        .http
        .get(lever.url(&format!("/_sim/files/{}", mine["resumeFile"]["id"].as_str().expect("file"))))
        .send()
        .await
        .expect("sent");
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), b"%PDF-1.4 resume");
}

#[tokio::test]
async fn phones_are_objects_and_a_bare_string_phone_is_refused_like_lever_refuses_bad_input() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    let send = |form: reqwest::multipart::Form| {
        lever
            .http
            .post(lever.url(&format!("/v1/opportunities?perform_as={admin}")))
            .bearer_auth(&token)
            .multipart(form)
            .send()
    };
    for bare in ["phones[]", "phones", "phones[0]"] {
        let form = reqwest::multipart::Form::new().text("name", "Bo Bare").text(bare, "+1 415 555 0100");
        let res = send(form).await.expect("sent");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bare}");
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["code"], "BadRequestError", "{bare}");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("phones[0][value]")), "{body}");
    }
    let json = lever.create(&token, &admin, json!({"name": "Jo Json", "phones": ["+1 415 555 0100"]})).await;
    assert_eq!(json.status(), StatusCode::BAD_REQUEST, "a JSON string phone is refused too");

    let form = reqwest::multipart::Form::new()
        .text("name", "Ola Objects")
        .text("phones[0][value]", "+1 415 555 0100")
        .text("phones[0][type]", "mobile")
        .text("phones[1][value]", "+44 20 7946 0000");
    let res = send(form).await.expect("sent");
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.expect("json");
    assert_eq!(
        created["data"]["phones"],
        json!([{"value": "+1 415 555 0100", "type": "mobile"}, {"value": "+44 20 7946 0000"}])
    );
}

#[tokio::test]
async fn files_attach_to_an_opportunity() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    let opp = lever.api_json(&token, "/opportunities?limit=1").await["data"][0]["id"].as_str().expect("id").to_owned();
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(b"hello".to_vec()).file_name("note.docx"));
    let res = lever
        .http
        .post(lever.url(&format!("/v1/opportunities/{opp}/files?perform_as={admin}")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["data"]["ext"], ".docx");
    assert_eq!(body["data"]["size"], "5");
    let listed = lever.api_json(&token, &format!("/opportunities/{opp}/files")).await;
    assert_eq!(listed["data"].as_array().expect("list").len(), 1);
}

#[tokio::test]
async fn opportunities_filter_by_update_time_source_archived_and_expand_stage() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let now = lever.http.post(lever.url("/_sim/clock")).json(&json!({"advanceMs": 0})).send().await.expect("sent");
    let now = now.json::<Value>().await.expect("json")["now"].as_i64().expect("now");
    let week = lever.api_json(&token, &format!("/opportunities?updated_at_start={}", now - 7 * 86_400_000)).await;
    let week = week["data"].as_array().expect("list");
    assert!(!week.is_empty() && week.len() < 125);
    assert!(week.iter().all(|o| o["updatedAt"].as_i64().expect("ms") >= now - 7 * 86_400_000));
    let archived = lever.api_json(&token, "/opportunities?archived=true&expand=stage").await;
    let archived = archived["data"].as_array().expect("list");
    assert_eq!(archived.len(), 1);
    assert_eq!(archived[0]["name"], "Kwame Mensah");
    assert_eq!(archived[0]["stage"]["text"], "Offer");
    let linkedin = lever.api_json(&token, "/opportunities?source=LinkedIn&limit=100").await;
    assert_eq!(linkedin["data"].as_array().expect("list").len(), 100);
    assert_eq!(lever.api(&token, "/opportunities?archived=maybe").await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn deleted_opportunities_are_listed_and_fire_a_signed_webhook() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let (hook, mut rx) = webhook_receiver().await;
    let reg = lever
        .http
        .post(lever.url(&format!("/_sim/accounts/{DEMO_ACCOUNT}/webhooks")))
        .json(&json!({"url": hook, "events": ["candidateDeleted", "candidateStageChange"], "signatureToken": "s1gn"}))
        .send()
        .await
        .expect("sent");
    assert!(reg.status().is_success());

    let opp = lever.api_json(&token, "/opportunities?limit=1").await["data"][0].clone();
    let id = opp["id"].as_str().expect("id");
    lever.http.delete(lever.url(&format!("/_sim/opportunities/{id}"))).send().await.expect("sent");
    let delivered = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.expect("delivered").expect("body");
    assert_eq!(delivered["event"], "candidateDeleted");
    assert_eq!(delivered["data"]["opportunityId"], json!(id));
    let expected = lever_sim::webhooks::signature(
        "s1gn",
        delivered["token"].as_str().expect("token"),
        delivered["triggeredAt"].as_i64().expect("ms"),
    );
    assert_eq!(delivered["signature"], json!(expected));

    let deleted = lever.api_json(&token, "/opportunities/deleted").await;
    assert_eq!(deleted["data"][0]["id"], json!(id));
    assert_eq!(lever.api(&token, &format!("/opportunities/{id}")).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_stage_change_in_lever_fires_a_webhook_and_shows_in_the_api() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let (hook, mut rx) = webhook_receiver().await;
    lever
        .http
        .post(lever.url(&format!("/_sim/accounts/{DEMO_ACCOUNT}/webhooks")))
        .json(&json!({"url": hook, "events": ["candidateStageChange"]}))
        .send()
        .await
        .expect("sent");
    let opp = lever.api_json(&token, "/opportunities?email=amelie.dubois@example.com").await["data"][0].clone();
    let offer = lever.api_json(&token, "/stages").await["data"]
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["text"] == "Offer")
        .expect("offer")["id"]
        .clone();
    let moved = lever
        .http
        .post(lever.url(&format!("/_sim/opportunities/{}/stage", opp["id"].as_str().expect("id"))))
        .json(&json!({"stage": offer}))
        .send()
        .await
        .expect("sent");
    assert_eq!(moved.status(), StatusCode::NO_CONTENT);
    let delivered = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.expect("delivered").expect("body");
    assert_eq!(delivered["event"], "candidateStageChange");
    assert_eq!(delivered["data"]["toStageId"], offer);
    assert_eq!(delivered["data"]["fromStageId"], opp["stage"]);
    let now = lever.api_json(&token, &format!("/opportunities/{}", opp["id"].as_str().expect("id"))).await;
    assert_eq!(now["data"]["stage"], offer);
}

// ---- rate limit and faults ----

#[tokio::test]
async fn the_bucket_allows_a_burst_of_twenty_then_answers_429_without_retry_after() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let res = lever.api(&token, "/stages").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers().get("retry-after").is_none());
        }
        statuses.push(res.status());
    }
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert!((20..=22).contains(&ok), "{ok} of 30 passed");
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::OK, "the bucket refills at 10/s");
}

#[tokio::test]
async fn injected_failures_storms_and_latency_apply_then_clear() {
    let lever = lever().await;
    let token = lever.access_token().await;
    lever.faults(json!({"fail_next": 2, "fail_status": 502})).await;
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::OK);

    lever.faults(json!({"throttle_next": 3})).await;
    for _ in 0..3 {
        assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    lever.faults(json!({"latency_ms": 300})).await;
    let started = std::time::Instant::now();
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    lever.faults(json!({"error_rate": 1.0})).await;
    assert_eq!(lever.api(&token, "/stages").await.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn a_create_can_time_out_after_the_opportunity_exists() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    lever.faults(json!({"timeout_after_create_next": 1, "hang_ms": 2000})).await;
    let res = lever
        .http
        .post(lever.url(&format!("/v1/opportunities?perform_as={admin}")))
        .bearer_auth(&token)
        .json(&json!({"name": "Tim Timeout", "emails": ["tim@example.com"]}))
        .timeout(Duration::from_millis(500))
        .send()
        .await;
    assert!(res.is_err_and(|e| e.is_timeout()));
    let found = lever.api_json(&token, "/opportunities?email=tim@example.com").await;
    assert_eq!(found["data"].as_array().expect("list").len(), 1, "created despite the timeout");
}

#[tokio::test]
async fn role_changes_show_in_the_users_api() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let tom = lever.user_id("team member").await;
    let res = lever
        .http
        .post(lever.url(&format!("/_sim/users/{tom}/role")))
        .json(&json!({"accessRole": "interviewer"}))
        .send()
        .await
        .expect("sent");
    assert!(res.status().is_success());
    let user = lever.api_json(&token, &format!("/users/{tom}")).await;
    assert_eq!(user["data"]["accessRole"], "interviewer");
    let bad = lever
        .http
        .post(lever.url(&format!("/_sim/users/{tom}/role")))
        .json(&json!({"accessRole": "overlord"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_fields_are_tolerated_and_bad_json_is_a_clear_400() {
    let lever = lever().await;
    let token = lever.access_token().await;
    let admin = lever.user_id("super admin").await;
    let ok = lever.create(&token, &admin, json!({"name": "U", "someFutureField": {"x": 1}})).await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let bad = lever
        .http
        .post(lever.url(&format!("/v1/opportunities?perform_as={admin}")))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("sent");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let body: Value = bad.json().await.expect("json");
    assert_eq!(body["code"], "BadRequestError");
}

#[tokio::test]
async fn an_api_key_authenticates_with_basic_auth_and_a_wrong_one_is_refused() {
    let mut seed = Seed::demo(vec![CALLBACK.into()]);
    seed.accounts[0].api_keys.push("customer-api-key".into());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let running = lever_sim::spawn(listener, seed).expect("starts");
    let http = reqwest::Client::new();
    let stages =
        |key: &'static str| http.get(format!("{}/v1/stages", running.base_url)).basic_auth(key, Some("")).send();
    assert_eq!(stages("customer-api-key").await.expect("sent").status(), StatusCode::OK);
    assert_eq!(stages("not-a-key").await.expect("sent").status(), StatusCode::UNAUTHORIZED);
}
