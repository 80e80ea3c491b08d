//! What a line editor needs to be comfortable, without the terminal: completion of commands and
//! names (Chinese names by prefix), usage hints and keyword highlighting. The front end's editor
//! calls these.

use super::commands::{usage, Names, COMMANDS};
use crate::i18n::Lang;

/// Every keyword of the language in both forms (`indicator`, `指标` …), read from the grammar,
/// for highlighting and completion.
pub fn keywords() -> impl Iterator<Item = &'static str> {
    crate::syntax::keywords::all()
        .iter()
        .flat_map(|k| [k.en, k.zh])
}

/// Characters that end a name being completed.
fn breaks(c: char) -> bool {
    c.is_whitespace() || "()[]{},;:+-*/<>=!.".contains(c)
}

/// One completion: what the list shows and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
}

/// Where the word under the cursor starts, and whether it is inside an open quote.
fn word_start(line: &str, pos: usize) -> (usize, bool) {
    let before = line.get(..pos).unwrap_or("");
    if before.matches('"').count() % 2 == 1 {
        return (before.rfind('"').unwrap_or(0), true);
    }
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| breaks(*c) || *c == '"')
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start, false)
}

/// The candidates for the word before `pos`: command names first on the line, `names` after;
/// with where the word starts.
pub fn candidates(names: &Names, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
    let (start, quoted) = word_start(line, pos);
    let prefix = line.get(start..pos).unwrap_or("");
    let first_word = line.get(..start).is_some_and(|b| b.trim().is_empty());
    let mut out: Vec<Candidate> = Vec::new();
    if first_word && !quoted {
        out.extend(
            COMMANDS
                .iter()
                .filter(|c| c.name.starts_with(prefix))
                .map(|c| Candidate {
                    display: c.name.to_string(),
                    replacement: format!("{} ", c.name),
                }),
        );
        return (start, out);
    }
    for n in &names.names {
        let matches = if quoted {
            n.starts_with(prefix)
        } else {
            n.starts_with(prefix) || n.strip_prefix('"').is_some_and(|q| q.starts_with(prefix))
        };
        if matches && (quoted || !prefix.is_empty()) {
            let replacement = if n.starts_with('"') || quoted {
                let bare = n.trim_matches('"');
                format!("\"{bare}\"")
            } else {
                n.clone()
            };
            out.push(Candidate {
                display: n.clone(),
                replacement,
            });
        }
    }
    (start, out)
}

/// The rest of the command being typed, or its usage (in `lang`) once its name is complete;
/// only with the cursor at the end of a one-line input.
pub fn hint(line: &str, pos: usize, lang: Lang) -> Option<String> {
    if pos < line.len() || line.contains('\n') {
        return None;
    }
    let trimmed = line.trim_start();
    if trimmed.is_empty() {
        return None;
    }
    match trimmed.split_once(char::is_whitespace) {
        None => {
            let found: Vec<_> = COMMANDS
                .iter()
                .filter(|c| c.name.starts_with(trimmed))
                .collect();
            match found.as_slice() {
                [one] => {
                    let rest = one.name.get(trimmed.len()..).unwrap_or("");
                    let args = one.args.in_lang(lang);
                    Some(if args.is_empty() {
                        rest.to_string()
                    } else {
                        format!("{rest} {args}")
                    })
                }
                _ => None,
            }
        }
        Some((cmd, rest)) if rest.trim().is_empty() => {
            let args = usage(cmd, lang)?;
            let pad = if line.ends_with(' ') { "" } else { " " };
            (!args.is_empty()).then(|| format!("{pad}{args}"))
        }
        _ => None,
    }
}

fn paint(out: &mut String, text: &str, code: &str) {
    out.push_str("\u{1b}[");
    out.push_str(code);
    out.push('m');
    out.push_str(text);
    out.push_str("\u{1b}[0m");
}

/// Colours a line: the command, keywords, numbers and strings.
pub fn highlight_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 32);
    let mut rest = line;
    let mut first = true;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let end = rest
                .char_indices()
                .skip(1)
                .find(|(_, ch)| *ch == '"')
                .map_or(rest.len(), |(i, _)| i + 1);
            let (s, tail) = rest.split_at(end);
            paint(&mut out, s, "32");
            rest = tail;
            first = false;
        } else if c.is_alphanumeric() || c == '_' || c == '#' {
            let end = rest
                .char_indices()
                .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '_' || *ch == '#' || *ch == '.'))
                .map_or(rest.len(), |(i, _)| i);
            let (word, tail) = rest.split_at(end.max(c.len_utf8()));
            let numeric = word.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
            if first && COMMANDS.iter().any(|cmd| cmd.name == word) {
                paint(&mut out, word, "1;34");
            } else if crate::syntax::keywords::is_keyword(word) {
                paint(&mut out, word, "35");
            } else if numeric {
                paint(&mut out, word, "36");
            } else {
                out.push_str(word);
            }
            rest = tail;
            first = false;
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(names: &[&str]) -> Names {
        Names {
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn completes_chinese_names_by_prefix() {
        let h = names(&[
            "工业用地地均收入",
            "工业用地面积",
            "营业收入",
            "\"运行年均 PUE\"",
        ]);
        let line = "show 工业用地地";
        let (start, c) = candidates(&h, line, line.len());
        assert_eq!(start, "show ".len());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].replacement, "工业用地地均收入");
        let line = "calc #1 营业收入 / 工业";
        let (_, c) = candidates(&h, line, line.len());
        assert_eq!(c.len(), 2);
        let line = "show 运行";
        let (_, c) = candidates(&h, line, line.len());
        assert_eq!(c[0].replacement, "\"运行年均 PUE\"");
    }

    #[test]
    fn completes_commands_first() {
        let (start, c) = candidates(&names(&[]), "thr", 3);
        assert_eq!(start, 0);
        assert_eq!(c[0].replacement, "threshold ");
    }

    #[test]
    fn highlights_keywords_and_commands() {
        let s = highlight_line("where a >= 5 and b");
        assert!(s.contains("\u{1b}[1;34mwhere"));
        assert!(s.contains("\u{1b}[35mand"));
        assert!(s.contains("\u{1b}[36m5"));
    }
}
