//! The fuzz targets on every `cargo test`: each case kept in `tests/data/fuzz/TARGET/`
//! (inputs that once panicked, broke a contract or ran over their time budget in a long
//! run of `examples/fuzz.rs`) is replayed, and a few dozen fresh inputs per target are run.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use crate::common::fuzz::{TARGETS, run, strategy};
use crate::common::repo_path;

#[test]
fn kept_fuzz_cases_pass() {
    let mut replayed = 0;
    for target in TARGETS {
        let dir = repo_path("tests/data/fuzz").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            if let Err(why) = run(target, &bytes) {
                panic!("{target} {}: {why}", entry.path().display());
            }
            replayed += 1;
        }
    }
    eprintln!("{replayed} kept fuzz cases replayed");
}

#[test]
fn each_fuzz_target_survives_fresh_inputs() {
    let mut runner = TestRunner::deterministic();
    for target in TARGETS {
        let s = strategy(target).unwrap_or_else(|| panic!("no strategy for {target}"));
        for _ in 0..24 {
            let input = s
                .new_tree(&mut runner)
                .unwrap_or_else(|e| panic!("{e}"))
                .current();
            if let Err(why) = run(target, &input) {
                panic!(
                    "{target}: {why} on {:?}",
                    String::from_utf8_lossy(&input)
                        .chars()
                        .take(300)
                        .collect::<String>()
                );
            }
        }
    }
}
