//! `/api/v1/lever/{stages,postings,users}`: Lever's lists for the extension's dropdowns.

use axum::{Json, extract::State};
use shared::endpoints::{ListPostings, ListStages, ListUsers};

use crate::AppState;
use crate::auth::Caller;
use crate::lever::lists;
use crate::routes::{Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<ListStages>().to(get_stages).at::<ListPostings>().to(get_postings).at::<ListUsers>().to(get_users)
}

async fn get_stages(State(state): State<AppState>, caller: Caller) -> Reply<ListStages> {
    Ok(Json(lists::stages(&state, caller.org()).await?))
}

async fn get_postings(State(state): State<AppState>, caller: Caller) -> Reply<ListPostings> {
    Ok(Json(lists::postings(&state, caller.org()).await?))
}

async fn get_users(State(state): State<AppState>, caller: Caller) -> Reply<ListUsers> {
    Ok(Json(lists::users(&state, caller.org()).await?))
}
