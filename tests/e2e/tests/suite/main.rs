//! The browser suite: every user flow end to end in headless Chromium with the built extension
//! loaded, against the real backend, the Lever simulator and the fixture ProvenBase site. One
//! binary (one link, and the two test threads stay busy across flows); `cargo xtask e2e FLOW`
//! runs one module.

mod accessibility;
mod badges;
mod connect;
mod export;
mod foundation;
mod language;
mod orgwide;
mod trust;
