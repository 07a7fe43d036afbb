//! What a panic must not leave running. Release builds (`cargo xtask bench`) abort on panic (the
//! workspace's release profile, for the extension's size), so no `Drop` runs: the ChromeDrivers,
//! their Chromiums and the backend processes started here would outlive us, each keeping a core
//! busy under whatever runs next on the machine (a bench that timed out once left a Chromium that
//! skewed the measurements after it by tens of ms). They are noted here while they run, and a
//! panic that is about to abort kills them first.

use std::sync::{Mutex, Once, PoisonError};

use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

/// A process we started, or the process group it leads (ChromeDriver and every Chromium it starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Started {
    Process(u32),
    Group(u32),
}

impl Started {
    /// SIGKILL: no shutdown, no cleanup.
    pub(crate) fn kill(self) {
        let (Self::Process(pid) | Self::Group(pid)) = self;
        let Ok(pid) = i32::try_from(pid).map(Pid::from_raw) else { return };
        match self {
            Self::Process(_) => kill(pid, Signal::SIGKILL).ok(),
            Self::Group(_) => killpg(pid, Signal::SIGKILL).ok(),
        };
    }
}

static RUNNING: Mutex<Vec<Started>> = Mutex::new(Vec::new());

/// Notes `started` as running until [`ended`].
pub(crate) fn running(started: Started) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            report(info);
            // Unwinding (the test suite), each owner's `Drop` ends its own: a failing test must
            // not end the browsers of the tests running beside it.
            if cfg!(panic = "abort") {
                RUNNING.lock().unwrap_or_else(PoisonError::into_inner).iter().for_each(|s| s.kill());
            }
        }));
    });
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner).push(started);
}

/// `started` is no longer running (its owner ended it).
pub(crate) fn ended(started: Started) {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner).retain(|s| *s != started);
}
