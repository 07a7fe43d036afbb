//! The backend's integration tests, against the real app, the Lever simulator and a real
//! database (SQLite, or PostgreSQL when `PBL_TEST_POSTGRES_URL` names one): one binary, so the
//! backend is linked once rather than once per file.

mod common;

mod api;
mod exports;
mod languages;
mod operations;
mod orgwide;
mod profiles;
mod resumes;
mod roles;
mod startup;
mod trusted_exports;
