//! A progress bar on the terminal for long runs, drawn by `indicatif`; it
//! stays hidden when standard error is not a terminal (pipes, tests, CI).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress(ProgressBar);

impl Progress {
    /// A bar for `total` steps of `what`; `show` false keeps it hidden.
    pub fn new(total: u64, what: &str, show: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if !show || total < 100 {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_string());
        Progress(bar)
    }

    /// One step done; safe to call from every thread at once.
    pub fn tick(&self) {
        self.0.inc(1);
    }

    /// Clears the bar from the terminal.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
