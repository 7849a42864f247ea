//! Funding opportunities: calls with real deadlines. This first part is the calendar the
//! deadlines keep: Estonian public holidays (computed, never typed in), working days, and
//! deadline rules ("every 20 Feb, May, Aug and Nov at 23:59, moved to the next working day")
//! expanded to Tallinn wall-clock times.

#[cfg(feature = "ssr")]
pub mod deadlines;
#[cfg(feature = "ssr")]
pub mod holidays;
