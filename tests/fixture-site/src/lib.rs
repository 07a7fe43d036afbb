//! The fixture ProvenBase site: the four screens the extension works on (Projects, Sourcing Lab,
//! Candidate Lake, Profile & Password), each with its own DOM, as `docs/PROVENBASE.md`
//! describes. Any page is also served under a strict CSP with `?csp=strict`, because the real
//! site's CSP is unknown and the extension must work under both.

use axum::{
    Router,
    extract::{Path, Query, Request},
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

/// The CSP used in strict mode: scripts from the page's own origin only, so wasm can't compile
/// in a content script (see `docs/TOOLCHAIN.md`, "The page-CSP trap").
pub const STRICT_CSP: &str = "script-src 'self'; object-src 'none'";

const LAYOUT: &str = include_str!("../site/layout.html");
const CANDIDATES: &str = include_str!("../site/candidates.json");

/// One person as the fixture data describes them.
#[derive(Debug, Clone, Deserialize)]
pub struct FixtureCandidate {
    pub id: String,
    pub name: String,
    pub title: String,
    pub company: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub linkedin: Option<String>,
    pub location: String,
    pub locked: bool,
    pub skills: Vec<String>,
    /// Shown on the candidate's profile page only, not on cards (as on ProvenBase).
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub experience: Vec<String>,
    #[serde(default)]
    pub education: Vec<String>,
}

/// Everyone on the fixture site, in page order.
pub fn candidates() -> Vec<FixtureCandidate> {
    serde_json::from_str(CANDIDATES).expect("fixture candidates parse")
}

/// How many candidates the Projects page renders before "Load more".
pub const PROJECT_FIRST_PAGE: usize = 8;

pub fn router() -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/app/projects/q3-backend") }))
        .route("/app/projects/{project}", get(projects))
        .route(
            "/app/sourcing-lab",
            get(|| async { page("sourcing-lab", "Sourcing Lab", include_str!("../site/sourcing-lab.html")) }),
        )
        .route(
            "/app/candidate-lake",
            get(|| async { page("candidate-lake", "Candidate Lake", include_str!("../site/candidate-lake.html")) }),
        )
        .route(
            "/app/profile",
            get(|| async { page("profile", "Profile & Password", include_str!("../site/profile.html")) }),
        )
        .route("/app/candidates/{id}", get(candidate_profile))
        .route("/static/app.js", get(|| async { asset("text/javascript", include_str!("../site/app.js")) }))
        .route("/static/app.css", get(|| async { asset("text/css", include_str!("../site/app.css")) }))
        .route("/data/candidates.json", get(|| async { asset("application/json", CANDIDATES) }))
        .layer(middleware::from_fn(csp_on_request))
}

/// Serves the site on `listener` until the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router()).await
}

#[derive(Deserialize)]
struct CspQuery {
    csp: Option<String>,
}

async fn csp_on_request(Query(q): Query<CspQuery>, req: Request, next: Next) -> Response {
    let strict = q.csp.as_deref() == Some("strict");
    let mut res = next.run(req).await;
    if strict {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_CSP));
    }
    res
}

#[derive(Deserialize)]
struct ProjectQuery {
    /// Renders this many synthetic candidates instead of the fixture people (benchmarks).
    cards: Option<usize>,
    /// With `defer=1` the cards wait in a `<template>` until `#insert-cards` is clicked, so a
    /// benchmark can time from cards inserted to badges drawn.
    defer: Option<u8>,
    /// With `odd=1` the first synthetic card's name is 5,000 characters long and its email
    /// absurd: one odd card must not cost the others their badges.
    odd: Option<u8>,
}

async fn projects(Path(project): Path<String>, Query(q): Query<ProjectQuery>) -> Html<String> {
    let (people, more) = match q.cards {
        Some(n) => {
            let mut people = synthetic(n.min(10_000));
            if let (Some(1), Some(first)) = (q.odd, people.first_mut()) {
                first.name = "Ōdd ".repeat(1_250);
                first.emails = vec![format!("{}@example.com", "o".repeat(600))];
            }
            (people, false)
        }
        None => {
            let all = candidates();
            let more = all.len() > PROJECT_FIRST_PAGE;
            (all.into_iter().take(PROJECT_FIRST_PAGE).collect(), more)
        }
    };
    let mut cards: String = people.iter().map(project_card).collect();
    if q.defer == Some(1) {
        cards = format!(
            r#"<template id="bench-cards">{cards}</template><button type="button" id="insert-cards">Insert {n} cards</button>"#,
            n = people.len()
        );
    }
    let body = include_str!("../site/projects.html")
        .replace("{{cards}}", &cards)
        .replace("{{load_more}}", if more { "" } else { "hidden" });
    page("projects", &format!("Project {project}"), &body)
}

/// Synthetic, distinct, unlocked people for pages of any size.
fn synthetic(n: usize) -> Vec<FixtureCandidate> {
    (0..n)
        .map(|i| FixtureCandidate {
            id: format!("s{i:05}"),
            name: format!("Bench Candidate {i}"),
            title: "Software Engineer".into(),
            company: format!("Company {}", i % 97),
            emails: vec![format!("bench.{i}@example.com")],
            phones: vec![],
            linkedin: Some(format!("https://www.linkedin.com/in/bench-{i}")),
            location: "Remote".into(),
            locked: i % 10 == 9,
            skills: vec![],
            summary: Some(format!("Software engineer at Company {}.", i % 97)),
            experience: vec![format!("Software Engineer, Company {} (2019–2024)", i % 97)],
            education: vec![],
        })
        .collect()
}

/// A candidate's profile page: what the cards leave out (experience, education). Synthetic bench
/// people (`s00042`) have one too.
async fn candidate_profile(Path(id): Path<String>) -> Response {
    let person = candidates().into_iter().find(|c| c.id == id).or_else(|| {
        let n: usize = id.strip_prefix('s')?.parse().ok()?;
        synthetic(n + 1).pop()
    });
    let Some(c) = person else { return (axum::http::StatusCode::NOT_FOUND, "no such candidate").into_response() };
    let e = escape;
    let list = |items: &[String]| items.iter().map(|i| format!("<li>{}</li>", e(i))).collect::<String>();
    let body = format!(
        r#"<section class="cp" data-fixture-id="{id}"><h1 class="cp-name">{name}</h1>
<p class="cp-headline">{title} at {company}</p>
<p class="cp-summary">{summary}</p>
<h2>Experience</h2><ul class="cp-experience">{experience}</ul>
<h2>Education</h2><ul class="cp-education">{education}</ul></section>"#,
        id = e(&c.id),
        name = e(&c.name),
        title = e(&c.title),
        company = e(&c.company),
        summary = e(c.summary.as_deref().unwrap_or_default()),
        experience = list(&c.experience),
        education = list(&c.education),
    );
    page("candidate", &c.name, &body).into_response()
}

/// The same markup as `projectCard` in app.js: the server renders the first page, the script the rest.
fn project_card(c: &FixtureCandidate) -> String {
    let e = escape;
    let locked = if c.locked { " is-locked" } else { "" };
    let contacts = if c.locked {
        r#"<p class="cand-lock">Locked · unlock to see contact details</p>"#.to_owned()
    } else {
        let emails: String = c
            .emails
            .iter()
            .map(|m| format!(r#"<li><a class="cand-email" href="mailto:{0}">{0}</a></li>"#, e(m)))
            .collect();
        let phones: String = c.phones.iter().map(|p| format!(r#"<li class="cand-phone">{}</li>"#, e(p))).collect();
        let linkedin = c
            .linkedin
            .as_deref()
            .map(|u| format!(r#"<a class="cand-linkedin" href="{}">LinkedIn</a>"#, e(u)))
            .unwrap_or_default();
        format!(r#"<ul class="cand-contacts">{emails}{phones}</ul>{linkedin}"#)
    };
    let skills: String = c.skills.iter().map(|s| format!("<li>{}</li>", e(s))).collect();
    format!(
        r#"<article class="cand-card{locked}" data-candidate-id="{id}" data-fixture-candidate data-fixture-id="{id}">
<label class="cand-check"><input type="checkbox" class="cand-select" aria-label="Select {name}"></label>
<h3 class="cand-name">{name}</h3>
<a class="cand-profile" href="/app/candidates/{id}">View profile</a>
<p class="cand-headline"><span class="cand-title">{title}</span> at <span class="cand-company">{company}</span></p>
<p class="cand-location">{location}</p>
{contacts}
<ul class="cand-skills">{skills}</ul>
</article>
"#,
        id = e(&c.id),
        name = e(&c.name),
        title = e(&c.title),
        company = e(&c.company),
        location = e(&c.location),
    )
}

fn page(kind: &str, title: &str, body: &str) -> Html<String> {
    Html(LAYOUT.replace("{{title}}", &escape(title)).replace("{{page}}", kind).replace("{{body}}", body))
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type)], body)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_people_cover_the_cases_the_extension_must_handle() {
        let all = candidates();
        assert!(all.iter().any(|c| c.locked));
        assert!(all.iter().any(|c| c.emails.len() > 1));
        assert!(all.iter().any(|c| !c.locked && c.emails.is_empty() && !c.phones.is_empty()));
        assert!(all.iter().any(|c| !c.locked && c.emails.is_empty() && c.linkedin.is_some()));
        assert!(all.iter().any(|c| c.name.contains("<script>")));
        assert!(all.iter().any(|c| c.name.contains('\'')));
        assert!(all.iter().any(|c| !c.name.is_ascii()));
    }

    #[test]
    fn names_with_markup_are_escaped_in_server_rendered_cards() {
        let evil = candidates().into_iter().find(|c| c.name.contains("<img")).expect("fixture has one");
        let html = project_card(&evil);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"));
    }
}
