//! The pictures' WebAssembly module: `briefing::layout::session` behind
//! three exports and no imports. The page (`ui::charts::module`) writes a
//! request into the room `request` gives, calls `run`, and reads the answer
//! at `answer`; plain numbers and bytes, so no wasm-bindgen glue is needed.

use briefing::layout::session::Session;
use std::cell::RefCell;

thread_local! {
    static REQUEST: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static ANSWER: RefCell<String> = const { RefCell::new(String::new()) };
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Room for a request of `len` bytes, for the page to write into.
#[no_mangle]
pub extern "C" fn request(len: usize) -> *mut u8 {
    REQUEST.with_borrow_mut(|request| {
        request.clear();
        request.resize(len, 0);
        request.as_mut_ptr()
    })
}

/// Answers the request written: `load` and the dataset's JSON (answered
/// with nothing, or why it did not read), or a `Session` request. Returns
/// the answer's length in bytes.
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
