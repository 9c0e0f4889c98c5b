//! An order-keeping parallel map for the phases that run after compilation (lint rules,
//! filtering their hits): their results come out in input order, so findings do not depend
//! on which thread got which item.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Inputs of at least this many files are worked on with every core: below it, starting
/// threads costs more than it saves (a registry linting one schema).
pub(crate) const MIN_FILES: usize = 64;

/// `items.iter().map(f).collect()`, on every core when `parallel` (callers pass whether the
/// work is big enough: looking up the core count reads cgroup files, and a thread costs more
/// than linting a small schema).
pub(crate) fn map<T: Send, R: Send>(
    items: Vec<T>,
    parallel: bool,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let workers = if parallel && items.len() > 1 {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(items.len())
    } else {
        1
    };
    if workers == 1 {
        return items.into_iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    std::thread::scope(|s| {
        let worker = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let item = item
                    .lock()
                    .expect("item")
                    .take()
                    .expect("each item is taken once");
                let r = f(item);
                slots.lock().expect("results")[i] = Some(r);
            }
        };
        for _ in 1..workers {
            s.spawn(worker);
        }
        // This thread works too.
        worker();
    });
    slots
        .into_inner()
        .expect("results")
        .into_iter()
        .map(|r| r.expect("every item was mapped"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_input_order_whichever_thread_maps_an_item() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so threads finish out of order.
        let work = |n: u64| (0..(n % 7) * 1000).fold(n, |a, b| a.wrapping_add(b % 3));
        let got = super::map(items.clone(), true, work);
        let want: Vec<u64> = items.iter().map(|&n| work(n)).collect();
        assert_eq!(got, want);
        assert_eq!(super::map(items, false, |n| n * 2)[499], 998);
        assert!(super::map(Vec::<u8>::new(), true, |n| n).is_empty());
    }
}
