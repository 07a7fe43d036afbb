//! `/api/v1/lever/…`: connecting Lever, the connection, Lever's lists, Lever's webhooks.

pub mod connect;
pub mod connection;
pub mod lists;
pub mod webhooks;
