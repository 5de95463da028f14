//! The fuzz harness: runs a target's body (`passage_fuzz_targets::run`) and checks that the
//! bytes it held at once stayed within a small multiple of its input, so a length field
//! cannot make a parser reserve memory the input does not pay for.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes a body may hold at once per byte of input. Parsing TOML into tables costs the
/// most: a few bytes of text (`[[a]]`, `a.b=1`) become a table or an entry of some 100
/// bytes; the binary decoders hold a few times their input.
pub const HELD_BYTES_PER_INPUT_BYTE_MAX: usize = 128;
/// Bytes a body may hold whatever its input: error messages, a signature check's buffers,
/// and the targets' fixtures (keys, a signed checkpoint, the parsed shipped corridor),
/// which a target makes on its first use and keeps.
pub const HELD_BYTES_SLACK: usize = 1 << 20;

/// Counts the bytes allocated and not yet freed, and the most held since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(held, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(held, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let held = HELD.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(held, Ordering::Relaxed);
            } else {
                HELD.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs the target `name` on `data` and panics if it broke a law or held more memory than
/// its input allows.
pub fn run(name: &str, data: &[u8]) {
    static WARM: Once = Once::new();
    // The targets' fixtures are made on their first run: make them before measuring.
    WARM.call_once(|| passage_fuzz_targets::run(name, b""));
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    passage_fuzz_targets::run(name, data);
    let held = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let allowed = data.len() * HELD_BYTES_PER_INPUT_BYTE_MAX + HELD_BYTES_SLACK;
    assert!(
        held <= allowed,
        "target {name} held {held} bytes at once for {} bytes of input (at most {allowed})",
        data.len()
    );
}
