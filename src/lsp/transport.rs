//! The language server's framing: `Content-Length` frames read and written around lsp-server's
//! [`Connection`], so that no message can stop the server. A frame whose body is not JSON is
//! answered with a parse error (-32700), JSON that is not a message with an invalid request
//! (-32600); a frame over [`MAX_MESSAGE`] is skipped unread and answered likewise; a header that
//! cannot be read is answered with a parse error and the stream is searched for the next frame.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, Message};
use serde_json::{json, Value as Json};
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The largest message read, in bytes: far beyond any policy file an editor sends.
pub const MAX_MESSAGE: usize = 64 << 20;

/// The longest header line kept; a longer one is skipped and counts as a bad header.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// JSON-RPC's code for a body that is not JSON.
const PARSE_ERROR: i32 = -32700;
/// JSON-RPC's code for JSON that is not a request, a response or a notification.
const INVALID_REQUEST: i32 = -32600;

/// What one frame of the input stream holds.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A frame that is no message: the error to answer it with (`id` when one could be read).
    Bad {
        code: i32,
        message: String,
        id: Json,
    },
    End,
}

/// Reads one header line of at most [`MAX_HEADER_LINE`] bytes (`None` at the end of input);
/// a longer line is skipped to its end and returned empty of meaning as `Some(None)`.
fn header_line(input: &mut dyn BufRead) -> io::Result<Option<Option<String>>> {
    let mut line = Vec::new();
    let limit = u64::try_from(MAX_HEADER_LINE + 1).unwrap_or(u64::MAX);
    let n = Read::take(&mut *input, limit).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() != Some(&b'\n') && line.len() > MAX_HEADER_LINE {
        skip_line(input)?;
        return Ok(Some(None));
    }
    Ok(Some(Some(String::from_utf8_lossy(&line).into_owned())))
}

fn skip_line(input: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            input.consume(i + 1);
            return Ok(());
        }
        let all = buf.len();
        input.consume(all);
    }
}

/// Discards `n` bytes of input without keeping them.
fn skip_bytes(input: &mut dyn BufRead, n: u64) -> io::Result<()> {
    io::copy(&mut Read::take(&mut *input, n), &mut io::sink()).map(|_| ())
}

/// The frame reader: a stream of frames, searching for the next header after a bad one.
pub struct FrameReader<R> {
    input: R,
    /// After a header that could not be read: look for `Content-Length:` anywhere in a line.
    searching: bool,
    /// Bytes of an oversized frame still to skip, after its answer has gone out.
    skip: u64,
}

impl<R: BufRead> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader {
            input,
            searching: false,
            skip: 0,
        }
    }

    /// The next frame. `Err` only when the input itself cannot be read.
    pub fn next_frame(&mut self) -> io::Result<Frame> {
        if self.skip > 0 {
            skip_bytes(&mut self.input, std::mem::take(&mut self.skip))?;
        }
        let mut length: Option<Result<usize, String>> = None;
        let mut any_header = false;
        loop {
            let Some(line) = header_line(&mut self.input)? else {
                return Ok(Frame::End);
            };
            let Some(mut line) = line else {
                length = Some(Err("a header line is too long".into()));
                any_header = true;
                continue;
            };
            if self.searching {
                match find_ignore_case(&line, "content-length:") {
                    Some(at) => {
                        line = line.get(at..).unwrap_or("").to_string();
                        self.searching = false;
                    }
                    None => continue,
                }
            }
            let text = line.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if !any_header {
                    continue; // blank lines between frames
                }
                break;
            }
            any_header = true;
            if let Some((name, value)) = text.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    let value = value.trim();
                    length =
                        Some(value.parse::<usize>().map_err(|_| {
                            format!("Content-Length `{}` is not a number", clip(value))
                        }));
                }
            } else {
                length = Some(Err(format!("`{}` is not a header", clip(text))));
            }
        }
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(why)) => {
                self.searching = true;
                return Ok(bad(PARSE_ERROR, why, Json::Null));
            }
            None => {
                self.searching = true;
                return Ok(bad(
                    PARSE_ERROR,
                    "a frame without Content-Length".into(),
                    Json::Null,
                ));
            }
        };
        if length > MAX_MESSAGE {
            // Answered at once; its bytes are skipped before the next frame is read.
            self.skip = u64::try_from(length).unwrap_or(u64::MAX);
            return Ok(bad(
                INVALID_REQUEST,
                format!("a message of {length} bytes is over the limit of {MAX_MESSAGE}"),
                Json::Null,
            ));
        }
        let mut body = Vec::new();
        Read::take(&mut self.input, length as u64).read_to_end(&mut body)?;
        if body.len() < length {
            return Ok(Frame::End);
        }
        Ok(parse(&body))
    }
}

fn bad(code: i32, message: String, id: Json) -> Frame {
    Frame::Bad { code, message, id }
}

/// A text to quote in an error message: at most 40 characters.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

/// A frame's body as a message, or the error that answers it.
fn parse(body: &[u8]) -> Frame {
    let json: Json = match serde_json::from_slice(body) {
        Ok(j) => j,
        Err(e) => {
            return bad(
                PARSE_ERROR,
                format!("the message is not JSON: {e}"),
                Json::Null,
            )
        }
    };
    let id = match json.get("id") {
        Some(id @ (Json::Number(_) | Json::String(_))) => id.clone(),
        _ => Json::Null,
    };
    let is_message =
        json.is_object() && (json.get("method").is_some_and(Json::is_string) || !id.is_null());
    if !is_message {
        return bad(
            INVALID_REQUEST,
            "not a request, a response or a notification".into(),
            id,
        );
    }
    match serde_json::from_value::<Message>(json) {
        Ok(m) => Frame::Message(m),
        Err(e) => bad(INVALID_REQUEST, format!("not a valid message: {e}"), id),
    }
}

/// Writes one message frame.
fn write_frame(out: &mut dyn Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// The threads that read and write frames for a [`Connection`].
pub struct Transport {
    writer: JoinHandle<io::Result<()>>,
    reader: JoinHandle<()>,
}

impl Transport {
    /// Waits until every message sent on the connection is written (after the connection is
    /// dropped). `Err` when the output could not be written.
    pub fn join(self) -> io::Result<()> {
        written(self.writer)
    }

    /// [`Transport::join`], then waits for the reader too: for an input that ends (a file, a
    /// buffer), never for a terminal or a pipe an editor keeps open.
    pub fn join_all(self) -> io::Result<()> {
        let result = written(self.writer);
        let _ = self.reader.join();
        result
    }
}

fn written(writer: JoinHandle<io::Result<()>>) -> io::Result<()> {
    writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the writer thread failed")))
}

/// A connection over `input` and `output`: frames read on one thread (bad ones answered there),
/// messages written on another. The reader stops at the end of input or after `exit`.
pub fn connect<R, W>(input: R, output: W) -> (Connection, Transport)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_server, from_client): (Sender<Message>, Receiver<Message>) =
        crossbeam_channel::bounded(16);
    let (to_client, from_server): (Sender<Message>, Receiver<Message>) =
        crossbeam_channel::bounded(16);
    let out = Arc::clone(&output);
    let reader = std::thread::spawn(move || read_loop(FrameReader::new(input), &to_server, &out));
    let writer = std::thread::spawn(move || -> io::Result<()> {
        for message in from_server {
            let mut out = output
                .lock()
                .map_err(|_| io::Error::other("output poisoned"))?;
            message.write(&mut *out)?;
        }
        Ok(())
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        Transport { writer, reader },
    )
}

fn read_loop<R: BufRead, W: Write>(
    mut frames: FrameReader<R>,
    to_server: &Sender<Message>,
    out: &Mutex<W>,
) {
    loop {
        match frames.next_frame() {
            Ok(Frame::Message(m)) => {
                let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                if to_server.send(m).is_err() || exit {
                    return;
                }
            }
            Ok(Frame::Bad { code, message, id }) => {
                let body = json!({
                    "jsonrpc": "2.0",
                    "id": id,
                    "error": { "code": code, "message": message },
                })
                .to_string();
                let written = out
                    .lock()
                    .map_err(|_| io::Error::other("output poisoned"))
                    .and_then(|mut o| write_frame(&mut *o, &body));
                if written.is_err() {
                    return;
                }
            }
            Ok(Frame::End) | Err(_) => return,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut r = FrameReader::new(io::Cursor::new(input.to_vec()));
        let mut out = Vec::new();
        loop {
            match r.next_frame().unwrap() {
                Frame::End => return out,
                Frame::Message(_) => out.push("message".into()),
                Frame::Bad { code, .. } => out.push(code.to_string()),
            }
        }
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_are_answered_and_the_next_one_is_read() {
        let ok = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let mut input = String::new();
        input += &frame("{not json");
        input += &frame("null");
        input += "Content-Length: abc\r\n\r\n{}";
        input += &ok;
        input += &frame(r#"{"jsonrpc":"2.0","id":3}"#);
        input += &ok;
        assert_eq!(
            frames(input.as_bytes()),
            ["-32700", "-32600", "-32700", "message", "message", "message"]
        );
    }

    #[test]
    fn a_huge_length_is_skipped_not_allocated() {
        let input = format!("Content-Length: {}\r\n\r\nshort", usize::MAX);
        assert_eq!(frames(input.as_bytes()), ["-32600"]);
    }
}
