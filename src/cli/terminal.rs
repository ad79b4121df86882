//! Output to the terminal that a file cannot take over: a scenario, a rules
//! file or a save may hold control characters (an escape code in a title, a
//! bell in an id), and whatever the commands print of them is shown as a
//! visible `\u{1b}` instead of reaching the terminal raw. Newlines and tabs
//! pass.

use std::io::{self, Write};

/// A writer that escapes control characters (C0, DEL and C1) on the way through.
pub struct Escaping<W: Write> {
    inner: W,
    /// The lead byte of a two-byte UTF-8 sequence cut off at the end of the last write.
    pending: Option<u8>,
}

impl<W: Write> Escaping<W> {
    pub fn new(inner: W) -> Self {
        Escaping {
            inner,
            pending: None,
        }
    }
}

fn escape(c: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(format!("\\u{{{c:x}}}").as_bytes());
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        let mut bytes = buf.iter().copied().peekable();
        if let Some(lead) = self.pending.take() {
            match bytes.peek() {
                Some(b) if (0x80..=0x9f).contains(b) && lead == 0xc2 => {
                    escape(*b as u32, &mut out);
                    bytes.next();
                }
                _ => out.push(lead),
            }
        }
        while let Some(b) = bytes.next() {
            match b {
                b'\n' | b'\t' => out.push(b),
                0x00..=0x1f | 0x7f => escape(b as u32, &mut out),
                // U+0080..U+009F, the C1 controls, are 0xC2 0x80..0x9F in UTF-8.
                0xc2 => match bytes.peek() {
                    Some(n) if (0x80..=0x9f).contains(n) => {
                        escape(*n as u32, &mut out);
                        bytes.next();
                    }
                    Some(_) => out.push(b),
                    None => self.pending = Some(b),
                },
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(lead) = self.pending.take() {
            self.inner.write_all(&[lead])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaping<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(parts: &[&[u8]]) -> String {
        let mut buf = Vec::new();
        {
            let mut w = Escaping::new(&mut buf);
            for p in parts {
                w.write_all(p).unwrap();
            }
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            through(&[b"title \x1b[2J\x07 ok\n\tnext"]),
            "title \\u{1b}[2J\\u{7} ok\n\tnext"
        );
        // A C1 control (U+009B, CSI), whole or cut between two writes; other text untouched.
        assert_eq!(through(&["a\u{9b}b".as_bytes()]), "a\\u{9b}b");
        assert_eq!(through(&[b"a\xc2", b"\x9bb"]), "a\\u{9b}b");
        assert_eq!(through(&["Kuča é 龜茲".as_bytes()]), "Kuča é 龜茲");
        assert_eq!(through(&[b"x\xc2", &"\u{a0}".as_bytes()[1..]]), "x\u{a0}");
    }
}
