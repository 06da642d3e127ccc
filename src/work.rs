//! A count of the work of steps that run once per match or per item (bytes folded, windows
//! read around a date, sentences indexed for quotations, look-ups and bytes written per
//! exported event), per thread: how complexity tests count an import or an export at n
//! and 4n (a count, not a timing). The import adds its second thread's count to the
//! caller's.

use std::cell::Cell;

thread_local! {
    static WORK: Cell<usize> = const { Cell::new(0) };
}

/// Adds `bytes` to this thread's count.
pub fn count(bytes: usize) {
    WORK.with(|c| c.set(c.get().saturating_add(bytes)));
}

/// Bytes counted on this thread so far.
pub fn work() -> usize {
    WORK.with(Cell::get)
}
