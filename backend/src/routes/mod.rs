//! HTTP routes. Each feature module owns its `router()`; `app()` in lib.rs merges them.

pub mod adapters;
pub mod connect;
pub mod connection;
pub mod exports;
pub mod health;
pub mod lists;
pub mod members;
pub mod profiles;
pub mod settings;
