//! Writing numbers into a rules file's text in place: the comments and the
//! layout stay as the designer wrote them, and only the named numbers
//! change (what `anxi calibrate` writes its fit with).

use super::Rules;

/// The text of a rules file with the named numbers written in place of
/// theirs, comments and layout kept. Each name is found by its path of keys
/// outside comments (`battle` then `slope`), and the result is read back to
/// make sure every number landed where it belongs.
pub fn rewrite(src: &str, values: &[(String, f64)]) -> Result<String, String> {
    let mut text = src.to_string();
    for (name, v) in values {
        let masked = without_comments(&text);
        let mut at = 0;
        for key in name.split('.') {
            at = find_key(&masked, at, key)
                .ok_or_else(|| format!("`{name}`: no key `{key}` in the file"))?;
        }
        let rest = &masked[at..];
        let start = at
            + rest
                .find(|c: char| c.is_ascii_digit() || c == '-')
                .unwrap_or(0);
        let len = masked[start..]
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
            .unwrap_or(masked.len() - start);
        let mut number = format!("{v}");
        if !number.contains(['.', 'e']) {
            number.push_str(".0");
        }
        text.replace_range(start..start + len, &number);
    }
    let back = Rules::parse("rewritten rules", &text)
        .map_err(|e| format!("the rewritten file does not read: {}", e[0]))?;
    for (name, v) in values {
        if back.value(name) != Some(*v) {
            return Err(format!("`{name}` did not land on its number"));
        }
    }
    Ok(text)
}

/// The text with every `//` comment blanked out, byte for byte.
fn without_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut in_string = false;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if !in_string && c == '/' && chars.peek() == Some(&'/') {
            out.push(' ');
            for d in chars.by_ref() {
                if d == '\n' {
                    out.push('\n');
                    break;
                }
                out.extend(std::iter::repeat_n(' ', d.len_utf8()));
            }
            continue;
        }
        if c == '"' {
            in_string = !in_string;
        }
        if in_string {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The byte just past `key:` at or after `from`, the key standing as a word.
fn find_key(masked: &str, from: usize, key: &str) -> Option<usize> {
    let bytes = masked.as_bytes();
    let mut i = from;
    while let Some(off) = masked[i..].find(key) {
        let s = i + off;
        let e = s + key.len();
        let word_before = s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'_');
        let after = masked[e..].trim_start();
        if !word_before && after.starts_with(':') {
            return Some(masked.len() - after.len() + 1);
        }
        i = e;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::params::SHIPPED_RULES;

    #[test]
    fn rewriting_keeps_the_comments_and_changes_only_the_named_numbers() {
        let values = vec![
            ("battle.pursuit_base".to_string(), 0.3125),
            ("troops.Cavalry.power".to_string(), 1.5),
            ("posture.fortified".to_string(), 1.7),
        ];
        let text = rewrite(SHIPPED_RULES, &values).unwrap();
        let back = Rules::parse("x", &text).unwrap();
        let given = Rules::shipped().unwrap();
        for (name, v) in given.numbers() {
            let want = values
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(v, |(_, x)| *x);
            assert_eq!(back.value(&name), Some(want), "{name}");
        }
        // The comment that names the posture factors is left as it was.
        assert!(
            text.contains(
                "// Defender's factor by posture: hasty 1.3, prepared 1.5, fortified 1.6."
            )
        );
        assert_eq!(text.lines().count(), SHIPPED_RULES.lines().count());
    }

    #[test]
    fn a_name_the_file_does_not_have_is_an_error() {
        let err = rewrite(SHIPPED_RULES, &[("battle.no_such".to_string(), 1.0)]).unwrap_err();
        assert!(err.contains("no_such"), "{err}");
    }
}
