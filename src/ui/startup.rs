//! Start-up measurement. With `GAHNEGAR_EXIT_AFTER_FIRST_FRAME=1` the app prints, once its
//! first frame has been drawn, how long that took since the process started and how much
//! memory it holds, then closes. Linux only (reads `/proc`); elsewhere it only closes.

use std::sync::atomic::{AtomicU8, Ordering};

/// The environment variable that turns the measurement on.
pub const ENV_VAR: &str = "GAHNEGAR_EXIT_AFTER_FIRST_FRAME";

/// 0: not yet checked, 1: off, 2: on, waiting for the first pass, 3: first pass done,
/// 4: reported.
static STATE: AtomicU8 = AtomicU8::new(0);

/// Call at the end of every UI pass (cheap: one atomic load when the variable is unset).
pub fn after_ui_pass(ctx: &egui::Context) {
    if STATE.load(Ordering::Relaxed) == 0 {
        let on = std::env::var_os(ENV_VAR).is_some_and(|v| v != "0" && !v.is_empty());
        STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
    }
    if STATE.load(Ordering::Relaxed) >= 2 {
        exit_after_first_frame(ctx);
    }
}

/// Measures unconditionally: the first call (the end of the first UI pass) asks for
/// another pass; the second comes after the first frame was painted and presented, and
/// prints the report and closes the window.
pub fn exit_after_first_frame(ctx: &egui::Context) {
    match STATE.load(Ordering::Relaxed) {
        0..=2 => {
            STATE.store(3, Ordering::Relaxed);
            ctx.request_repaint();
        }
        3 => {
            STATE.store(4, Ordering::Relaxed);
            println!("{}", report());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        _ => {}
    }
}

/// One line: time since process start (ms, ±10 ms from `/proc`), the wall-clock time
/// (Unix ms, for a caller that noted when it started the process), VmRSS and VmHWM.
pub fn report() -> String {
    let since = since_process_start_ms().map_or_else(|| "?".to_owned(), |ms| format!("{ms:.0}"));
    let epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let (rss, hwm) = memory_kib().unwrap_or((0, 0));
    format!(
        "first frame drawn {since} ms after process start (unix_ms {epoch}); \
         VmRSS {} MB, VmHWM {} MB",
        rss / 1024,
        hwm / 1024
    )
}

/// Milliseconds since this process started: `/proc/uptime` minus the start time in
/// `/proc/self/stat` (clock ticks, 100 per second on Linux).
pub fn since_process_start_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some((uptime - start_ticks / 100.0) * 1000.0)
}

/// Resident memory now and its peak (`VmRSS`, `VmHWM` of `/proc/self/status`), KiB.
pub fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_proc() {
        if cfg!(target_os = "linux") {
            let ms = super::since_process_start_ms().unwrap_or(-1.0);
            assert!(ms >= 0.0, "time since start {ms}");
            let (rss, hwm) = super::memory_kib().unwrap_or((0, 0));
            assert!(rss > 0 && hwm >= rss, "VmRSS {rss} VmHWM {hwm}");
        }
    }
}
