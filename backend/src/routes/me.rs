//! `/api/v1/me`: who this session belongs to.

use axum::Json;
use shared::endpoints::GetMe;

use crate::auth::Caller;
use crate::routes::{Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetMe>().to(me)
}

async fn me(caller: Caller) -> Reply<GetMe> {
    Ok(Json(caller.me()))
}
