//! The pictures' WebAssembly module: `briefing::layout::session` behind
//! four exports and no imports. The page (`ui::charts::module`) writes a
//! request into the room `append` gives, in as many parts as it likes (a
//! dataset arrives 64 KB at a time, into room made by `reserve`), calls `run`, and reads the answer at
//! `answer`; plain numbers and bytes, so no wasm-bindgen glue is needed.

use briefing::layout::session::Session;
use std::cell::RefCell;

thread_local! {
    static REQUEST: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static ANSWER: RefCell<String> = const { RefCell::new(String::new()) };
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Room for a request of `len` bytes in all, made before it is written in
/// parts (a growing buffer would hold up to three times the dataset).
#[no_mangle]
pub extern "C" fn reserve(len: usize) {
    REQUEST.with_borrow_mut(|request| request.reserve_exact(len));
}

/// Room for `len` more bytes of the request, for the page to write into.
#[no_mangle]
pub extern "C" fn append(len: usize) -> *mut u8 {
    REQUEST.with_borrow_mut(|request| {
        let at = request.len();
        request.resize(at + len, 0);
        request[at..].as_mut_ptr()
    })
}

/// Answers the request written (and forgets it): `load` and the dataset's
/// JSON (answered with nothing, or why it did not read), or a `Session`
/// request. Returns the answer's length in bytes.
#[no_mangle]
pub extern "C" fn run() -> usize {
    let request = REQUEST.take();
    let answer = if let Some(json) = request.strip_prefix(b"load\n") {
        match Session::load(json) {
            Ok(session) => {
                SESSION.set(Some(session));
                String::new()
            }
            Err(why) => {
                SESSION.set(None);
                why
            }
        }
    } else {
        let text = std::str::from_utf8(&request).unwrap_or_default();
        SESSION.with_borrow_mut(|s| s.as_mut().map(|s| s.answer(text)).unwrap_or_default())
    };
    let len = answer.len();
    ANSWER.set(answer);
    len
}

/// Where the last answer is.
#[no_mangle]
pub extern "C" fn answer() -> *const u8 {
    ANSWER.with_borrow(|a| a.as_ptr())
}
