//! Long fuzz runs of one target (issue 15): proptest inputs shaped like the target's real
//! input, each run under a time budget; a panic, a broken contract or a slow input is
//! shrunk and kept in `tests/data/fuzz/TARGET/`, which `tests/it/fuzz.rs` replays on every
//! `cargo test`.
//!
//! ```sh
//! FUZZ_SECONDS=1800 nice -n 19 cargo run --release --example fuzz -- import
//! cargo run --release --example fuzz -- import tests/data/fuzz/import/CASE.bin  # replay one
//! ```
//! Environment: `FUZZ_SECONDS` (stop after, default 60), `FUZZ_CASES` (stop after this many
//! inputs, default unlimited), `FUZZ_BUDGET_MS` (most CPU time an input may take, default
//! 2000),
//! `FUZZ_SEED` (a fixed seed instead of the clock). Targets: ron, import, timelinejs, csv,
//! entities, layout.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

#[path = "../tests/it/common/fuzz.rs"]
mod fuzz;

/// The last panic's message (the hook keeps it instead of printing it).
static PANIC: Mutex<String> = Mutex::new(String::new());

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time of this thread so far (`/proc/thread-self/schedstat`, nanoseconds): the
/// budget is CPU time, so a run sharing a busy machine does not report slow inputs that
/// only waited for a core.
fn thread_cpu() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

/// Runs the target on `input`: `Err` with why for a panic, a broken contract or an input
/// over the budget; the CPU time taken.
fn check(target: &str, input: &[u8], budget: Duration) -> (Result<(), String>, Duration) {
    let t0 = thread_cpu();
    let r = std::panic::catch_unwind(|| fuzz::run(target, input));
    let took = thread_cpu().saturating_sub(t0);
    let r = match r {
        Ok(Ok(())) if took > budget => Err(format!(
            "slow: {} ms of CPU for {} bytes (budget {} ms)",
            took.as_millis(),
            input.len(),
            budget.as_millis()
        )),
        Ok(r) => r,
        Err(_) => Err(format!(
            "panic: {}",
            PANIC.lock().map(|p| p.clone()).unwrap_or_default()
        )),
    };
    (r, took)
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let Some(target) = std::env::args().nth(1) else {
        eprintln!("usage: fuzz TARGET   (one of {})", fuzz::TARGETS.join(", "));
        return ExitCode::FAILURE;
    };
    let Some(strategy) = fuzz::strategy(&target) else {
        eprintln!("no target {target:?}: one of {}", fuzz::TARGETS.join(", "));
        return ExitCode::FAILURE;
    };
    if let Some(path) = std::env::args().nth(2) {
        // Replay one kept case and say how long it took.
        let input = std::fs::read(&path).unwrap_or_default();
        let (r, took) = check(&target, &input, Duration::MAX);
        println!(
            "{path}: {} bytes, {} ms of CPU: {r:?}",
            input.len(),
            took.as_millis()
        );
        return ExitCode::SUCCESS;
    }
    let seconds = env_num("FUZZ_SECONDS", 60);
    let max_cases = env_num("FUZZ_CASES", u64::MAX);
    let budget = Duration::from_millis(env_num("FUZZ_BUDGET_MS", 2000));
    let seed = env_num(
        "FUZZ_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut p) = PANIC.lock() {
            *p = info.to_string();
        }
    }));
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(&target);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let (mut runs, mut findings, mut bytes) = (0_u64, 0_u32, 0_u64);
    let mut slowest = (Duration::ZERO, 0_usize);
    let mut next_report = start + Duration::from_secs(60);
    eprintln!(
        "fuzz {target}: seed {seed}, {seconds} s, budget {} ms",
        budget.as_millis()
    );
    while Instant::now() < deadline && runs < max_cases && findings < 5 {
        let Ok(mut tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let input = tree.current();
        let (r, took) = check(&target, &input, budget);
        runs += 1;
        bytes += input.len() as u64;
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        if let Err(why) = r {
            // Shrink as proptest does: simplify while it still fails, else complicate.
            let mut best = (input, why);
            let mut steps = 0;
            if tree.simplify() {
                while steps < 400 {
                    steps += 1;
                    let cur = tree.current();
                    match check(&target, &cur, budget).0 {
                        Err(why) => {
                            best = (cur, why);
                            if !tree.simplify() {
                                break;
                            }
                        }
                        Ok(()) => {
                            if !tree.complicate() {
                                break;
                            }
                        }
                    }
                }
            }
            findings += 1;
            let name = format!("{:016x}.bin", fnv(&best.0));
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(name);
            let _ = std::fs::write(&path, &best.0);
            eprintln!(
                "FINDING {target}: {} ({} bytes, kept in {})",
                best.1.chars().take(400).collect::<String>(),
                best.0.len(),
                path.display()
            );
        }
        if Instant::now() >= next_report {
            next_report += Duration::from_secs(60);
            eprintln!(
                "fuzz {target}: {runs} inputs, {} s, {findings} findings, VmHWM {} MB",
                start.elapsed().as_secs(),
                vm_hwm_kb() / 1024
            );
        }
    }
    println!(
        "fuzz {target}: {runs} inputs ({:.1} MB) in {} s, {findings} findings, slowest input {} ms ({} bytes), VmHWM {} MB, seed {seed}",
        bytes as f64 / 1e6,
        start.elapsed().as_secs(),
        slowest.0.as_millis(),
        slowest.1,
        vm_hwm_kb() / 1024
    );
    if findings > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// FNV-1a of the input: a stable file name for a kept case.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
