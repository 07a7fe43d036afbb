//! How often the content script may act on a page that keeps changing: a check at most every
//! [`CHECK_EVERY_MS`] while cards stream in, and a card's badge (or our bar) put back at most
//! [`DRAWS_PER_MINUTE`] times a minute when the page keeps removing it. Pure decisions: callers
//! pass the time (`Date.now()`, in ms).

use std::collections::HashMap;

/// At most one check this often while cards keep arriving; the ones that arrive meanwhile
/// go together in the next. A little over 200 ms: a page's timers drift late, and a stream of
/// cards lasting 10 s by the page's clock must still see at most 50 checks.
pub const CHECK_EVERY_MS: f64 = 210.0;

/// Draws of one thing per minute (the first one included), however often the page removes it.
pub const DRAWS_PER_MINUTE: u32 = 3;

const MINUTE_MS: f64 = 60_000.0;

/// Beyond this many remembered things, those whose minute is over are forgotten.
const MAX_REMEMBERED: usize = 10_000;

/// When the next check may go.
#[derive(Debug, Default, Clone)]
pub struct CheckPacer {
    last: Option<f64>,
}

impl CheckPacer {
    /// `Ok(())` when a check may go at `now` (and it counts as sent), else `Err(ms to wait)`.
    pub fn try_send(&mut self, now: f64) -> Result<(), f64> {
        match self.last {
            Some(last) if now - last < CHECK_EVERY_MS => Err(CHECK_EVERY_MS - (now - last)),
            _ => {
                self.last = Some(now);
                Ok(())
            }
        }
    }
}

/// Draws per thing (a card's badge by its id, the bar by a reserved id) in its current minute.
#[derive(Debug, Default, Clone)]
pub struct DrawBudget {
    minutes: HashMap<u32, (f64, u32)>,
}

impl DrawBudget {
    /// Whether `id` may be drawn at `now`; a `true` counts as a draw.
    pub fn allow(&mut self, id: u32, now: f64) -> bool {
        if self.minutes.len() > MAX_REMEMBERED {
            self.minutes.retain(|_, (start, _)| now - *start < MINUTE_MS);
        }
        let (start, draws) = self.minutes.entry(id).or_insert((now, 0));
        if now - *start >= MINUTE_MS {
            (*start, *draws) = (now, 0);
        }
        if *draws >= DRAWS_PER_MINUTE {
            return false;
        }
        *draws += 1;
        true
    }

    /// When a refused `id` may be drawn again (ms, on the caller's clock).
    pub fn next_allowed(&self, id: u32) -> Option<f64> {
        self.minutes.get(&id).map(|(start, _)| start + MINUTE_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_cards_get_one_check_per_interval() {
        // 200 cards, one every 50 ms by a page clock running 2% late (10.2 s); a check goes as
        // soon as the pacer allows while a card waits.
        let mut pacer = CheckPacer::default();
        let (mut sent, mut waiting, mut next_card) = (0, false, 0.0);
        for ms in 0..=10_400_u32 {
            let now = f64::from(ms);
            if next_card <= now && next_card < 200.0 * 51.0 {
                waiting = true;
                next_card += 51.0;
            }
            if waiting && pacer.try_send(now).is_ok() {
                (sent, waiting) = (sent + 1, false);
            }
        }
        assert!(!waiting, "the last cards were checked too");
        assert!((45..=50).contains(&sent), "{sent} checks: about one per 200 ms, never more");
        let mut pacer = CheckPacer::default();
        assert_eq!(pacer.try_send(1_000.0), Ok(()));
        assert_eq!(pacer.try_send(1_150.0), Err(60.0), "says how long to wait");
        assert_eq!(pacer.try_send(1_210.0), Ok(()));
    }

    #[test]
    fn a_page_that_keeps_removing_a_badge_gets_it_back_a_few_times_a_minute() {
        let mut budget = DrawBudget::default();
        let drawn = (0..600).filter(|i| budget.allow(7, 1_000.0 + f64::from(*i) * 100.0)).count();
        assert_eq!(drawn, DRAWS_PER_MINUTE as usize, "removed every 100 ms for a minute");
        assert_eq!(budget.next_allowed(7), Some(61_000.0));
        assert!(budget.allow(7, 61_000.0), "a new minute, a new budget");
        assert!(budget.allow(8, 100.0), "other cards have their own");
    }

    #[test]
    fn the_budget_forgets_old_minutes_when_it_grows() {
        let mut budget = DrawBudget::default();
        for id in 0..=u32::try_from(MAX_REMEMBERED).expect("fits") {
            budget.allow(id, 0.0);
        }
        budget.allow(u32::MAX - 1, 30_000.0);
        budget.allow(u32::MAX, MINUTE_MS);
        assert_eq!(budget.minutes.len(), 2, "the minutes still running are kept, those over forgotten");
    }
}
