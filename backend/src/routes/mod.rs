//! HTTP routes. Each feature module owns its `router()`; `app()` in lib.rs merges them.

pub mod health;
