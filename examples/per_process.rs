//! Runs a command several times, one process after another, each with a
//! file on its standard input and its output thrown away, and prints what
//! the processes cost in all: CPU seconds (user + system, from
//! `getrusage(RUSAGE_CHILDREN)`, so the benchmark's own start-up and
//! forking are not counted), wall seconds, and the largest peak RSS.
//!
//! ```text
//! cargo build --release --example per_process
//! target/release/examples/per_process RUNS INPUT -- COMMAND [ARGS…]
//! # prints: RUNS CPU_SECONDS WALL_SECONDS PEAK_RSS_KB
//! ```
//!
//! `benches/scale.sh` times `chronicler tag` with it, so that 100 runs over
//! 1 MB and one run over 100 MB are measured the same way.

use std::process::{Command, Stdio};
use std::time::Instant;

fn children() -> (f64, i64) {
    // SAFETY: getrusage writes into the zeroed struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(u.ru_utime) + secs(u.ru_stime), u.ru_maxrss)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (runs, input, command) = match args.as_slice() {
        [runs, input, dashes, command @ ..] if dashes == "--" && !command.is_empty() => {
            (runs.parse::<u32>()?, input, command)
        }
        _ => return Err("usage: per_process RUNS INPUT -- COMMAND [ARGS…]".into()),
    };
    let (cpu0, _) = children();
    let wall = Instant::now();
    for _ in 0..runs {
        let status = Command::new(&command[0])
            .args(&command[1..])
            .stdin(std::fs::File::open(input)?)
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            return Err(format!("{command:?} <{input}: {status}").into());
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let (cpu1, rss) = children();
    println!("{runs} {:.6} {wall:.6} {rss}", cpu1 - cpu0);
    Ok(())
}
