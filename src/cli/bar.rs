//! The progress bar of long runs: on standard error, only when it is a
//! terminal, with documents/s and MB/s. The library only counts (see
//! [`chronicler::progress::Progress`]); a thread here polls the counters.

use chronicler::progress::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the bar says: the stage, documents done (of how many, when known),
/// and the rates.
fn message(progress: &Progress, secs: f64) -> String {
    let docs = progress.documents();
    let mb = progress.bytes() as f64 / 1e6;
    let stage = progress.stage();
    let done = match progress.total() {
        Some(total) => format!(
            "{docs} of {total} documents ({:.0}%)",
            100.0 * docs.min(total) as f64 / total as f64
        ),
        None => format!("{docs} documents"),
    };
    match stage {
        Stage::Reading | Stage::Tagging => format!(
            "{} · {done}, {mb:.1} MB · {:.0} documents/s · {:.1} MB/s",
            stage.as_str(),
            docs as f64 / secs,
            mb / secs
        ),
        _ => format!("{} · {done}, {mb:.1} MB", stage.as_str()),
    }
}

/// A running progress display; [`Bar::finish`] clears it.
pub struct Bar {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts polling `progress` when standard error is a terminal and
    /// `quiet` is off; otherwise does nothing.
    pub fn start(progress: &Progress, what: &'static str, quiet: bool) -> Bar {
        let stop = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Bar { stop, handle: None };
        }
        let progress = progress.clone();
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("chronicler-progress".into())
            .spawn(move || {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {prefix} {elapsed_precise} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_prefix(what);
                let start = Instant::now();
                while !flag.load(Ordering::Relaxed) {
                    let secs = start.elapsed().as_secs_f64().max(1e-3);
                    bar.set_message(message(&progress, secs));
                    bar.tick();
                    std::thread::sleep(Duration::from_millis(200));
                }
                bar.finish_and_clear();
            })
            .ok();
        Bar { stop, handle }
    }

    /// Stops and clears the display.
    pub fn finish(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop_now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_the_stage_and_the_share_done_when_the_total_is_known() {
        let p = Progress::new();
        p.add(3, 2_000_000);
        assert!(message(&p, 1.0).starts_with("reading · 3 documents, 2.0 MB"));
        p.set_total(12);
        p.set_stage(Stage::Tagging);
        assert!(
            message(&p, 1.0).starts_with("tagging · 3 of 12 documents (25%), 2.0 MB"),
            "{}",
            message(&p, 1.0)
        );
        p.set_stage(Stage::Merging);
        assert_eq!(
            message(&p, 1.0),
            "merging · 3 of 12 documents (25%), 2.0 MB"
        );
    }
}
