//! Opening a large library in a fresh process (issue 17's budgets): the time to open it,
//! to search it, to group its events, to lay out the merged timeline and to list its
//! sources, and the process's resident memory after each step. A criterion bench cannot
//! say the memory of an open library: its process also made the library and keeps what
//! the allocator held for that. Make the library with the CLI first:
//!
//! ```sh
//! gahnegar library --library /tmp/lib add DIR_OF_TEXTS
//! cargo run --release --example library_open -- /tmp/lib
//! ```

use std::time::Instant;

use gahnegar::library::{LaneBy, Library};

/// Resident memory of this process and its peak, from /proc (Linux), in MB.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    format!("{:.0} MB (peak {:.0} MB)", mb("VmRSS:"), mb("VmHWM:"))
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: library_open LIBRARY_DIR");
        std::process::exit(2);
    };
    let t = Instant::now();
    let (lib, report) = Library::open(std::path::Path::new(&dir)).unwrap_or_else(|e| {
        eprintln!("{e:#}");
        std::process::exit(1)
    });
    let events: usize = lib.entries().iter().map(|e| e.events.len()).sum();
    println!(
        "open: {} articles, {events} events in {:.0} ms; {}",
        lib.entries().len(),
        t.elapsed().as_secs_f64() * 1e3,
        memory()
    );
    if report.index_rebuilt.is_some() || report.catalog_rebuilt.is_some() {
        println!("(repaired on opening: {report:?})");
    }
    let t = Instant::now();
    let hits = lib.search("ایرنا", 20).map_or(0, |h| h.len());
    println!(
        "search: {hits} hits in {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let merged = lib.groups().merged().count();
    println!(
        "groups: {merged} happenings reported more than once, in {:.0} ms; {}",
        t.elapsed().as_secs_f64() * 1e3,
        memory()
    );
    for lane_by in [LaneBy::Category, LaneBy::Outlet, LaneBy::Article] {
        let t = Instant::now();
        let marks = lib.merged_timeline(lane_by, &|_| true).marks.len();
        println!(
            "merged timeline by {lane_by:?}: {marks} marks in {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let sources = lib.sources();
    let disagreements = lib.disagreements(&sources).len();
    println!(
        "sources: {} across the library, {disagreements} disagreements, in {:.0} ms; {}",
        sources.len(),
        t.elapsed().as_secs_f64() * 1e3,
        memory()
    );
}
