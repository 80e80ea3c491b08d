//! Runs deep recursive work (parsing, checking) on a thread with a large stack, so nesting up to
//! the language's limits never overflows a small test or worker thread.

use std::cell::Cell;
use std::sync::Mutex;

/// Stack for parsing and checking: generous, since debug builds use large frames.
const STACK: usize = 256 << 20;

thread_local! {
    /// Whether this thread is one [`on_big_stack`] started.
    static BIG: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on a thread with a large stack and returns its result; runs it in place if no
/// thread can be started, or if this thread is already one (parsing then checking a file takes
/// one thread, not two). A panic in `f` is passed on unchanged.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if BIG.with(Cell::get) {
        return f();
    }
    let slot = Mutex::new(Some(f));
    let take = || slot.lock().ok().and_then(|mut g| g.take());
    let result = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(scope, || {
                BIG.with(|big| big.set(true));
                take().map(|f| f())
            });
        spawned.map(|handle| handle.join())
    });
    match result {
        Ok(Ok(Some(v))) => v,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // The thread could not start: run here.
        Ok(Ok(None)) | Err(_) => match take() {
            Some(f) => f(),
            None => std::process::abort(),
        },
    }
}
