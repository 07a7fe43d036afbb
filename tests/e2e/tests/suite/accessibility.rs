//! Accessibility, measured: axe-core runs on every state of the product's tour (`e2e::tour`, the
//! states `cargo xtask screenshots` photographs): each extension page, each frame we show on
//! ProvenBase's pages, and what we draw into those pages. No serious or critical problem anywhere.

use e2e::tour::{INJECTED, Place, Visitor, tour};
use e2e::{Browser, Stack};

/// Runs axe-core on each state, and remembers which it checked.
#[derive(Default)]
struct Axe {
    checked: Vec<String>,
}

impl Visitor for Axe {
    async fn visit(&mut self, browser: &Browser, name: &str, _: &str, place: Place) {
        if place == Place::Lever {
            return; // Lever's page, not ours
        }
        if place == Place::Injected {
            let drawn = browser.assert_injected_accessible(name, INJECTED).await;
            assert!(drawn > 0, "{name}: nothing of ours on the page");
        } else if place.enter(browser).await {
            browser.assert_accessible(name).await;
            browser.client.enter_parent_frame().await.ok();
            // The page around the frame: what we drew there too.
            browser.assert_injected_accessible(name, INJECTED).await;
        } else {
            browser.assert_accessible(name).await;
        }
        self.checked.push(name.to_owned());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_state_of_the_tour_has_no_serious_accessibility_problem() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    let mut axe = Axe::default();
    tour(&stack, &browser, &mut axe).await;
    for state in [
        "auto-sync-prompt",
        "options-super-admin",
        "options-recruiter",
        "dialog-options",
        "dialog-duplicates",
        "task-manager",
        "projects-strict-csp",
    ] {
        assert!(axe.checked.iter().any(|c| c == state), "{state} was checked: {:?}", axe.checked);
    }
}
