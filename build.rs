//! Build script: the keyword tables of `src/syntax/keywords.rs`, read from the grammar when jidi is
//! built rather than on first use — the `("en" | "zh")` pairs of its `keyword`, `builtin_name` and
//! `contextual` rules, written as Rust to `$OUT_DIR/keywords.rs`.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

const GRAMMAR: &str = "grammar/jidi.pest";

/// The body of grammar rule `name`, from its `{` to the `}` that closes it, stepping over `"…"`
/// strings (a `\` escapes the character after it), as `keywords::rule_body` reads it.
fn rule_body<'g>(grammar: &'g str, name: &str) -> Option<&'g str> {
    let head = format!("\n{name} = ");
    let start = grammar.find(&head)? + head.len();
    let rest = grammar.get(start..)?;
    let open = rest.find('{')?;
    let mut depth = 0usize;
    let mut chars = rest.get(open..)?.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return rest.get(open + 1..open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The closed `"…"` literals of a rule body, in order, as written (escapes kept).
fn literals(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        while let Some((j, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    out.extend(body.get(i + 1..j));
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether a literal is a word (a keyword), not a mark such as `(`: `keywords::is_word`.
fn is_word(lit: &str) -> bool {
    lit.chars().next().is_some_and(char::is_alphabetic)
        && lit
            .chars()
            .all(|c| unicode_ident::is_xid_continue(c) || c == '_')
}

/// The pairs of rule `name` as a Rust constant `konst` of `&[Keyword]`.
fn table(grammar: &str, name: &str, konst: &str) -> Result<String, Box<dyn Error>> {
    let body = rule_body(grammar, name).ok_or(format!("{GRAMMAR} has no rule `{name}`"))?;
    let words: Vec<&str> = literals(body).into_iter().filter(|l| is_word(l)).collect();
    let mut out = format!("/// The `(\"en\" | \"zh\")` pairs of the grammar's `{name}` rule.\nconst {konst}: &[Keyword] = &[\n");
    for pair in words.chunks_exact(2) {
        if let [en, zh] = pair {
            writeln!(out, "    Keyword {{ en: {en:?}, zh: {zh:?} }},")?;
        }
    }
    out.push_str("];\n");
    Ok(out)
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed={GRAMMAR}");
    println!("cargo::rerun-if-changed=build.rs");
    let grammar = std::fs::read_to_string(GRAMMAR)?;
    let mut out = String::new();
    for (name, konst) in [
        ("keyword", "KEYWORDS"),
        ("builtin_name", "BUILTINS"),
        ("contextual", "CONTEXTUAL"),
    ] {
        out.push_str(&table(&grammar, name, konst)?);
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    std::fs::write(dir.join("keywords.rs"), out)?;
    Ok(())
}
