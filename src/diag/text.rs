//! Texts of diagnostics before they are shown: a catalogue template and its arguments, rendered in
//! the language asked for only where the text is shown.

use crate::i18n::Lang;

/// One message of the catalogue in both languages, with the names of its holes. A hole is written
/// `{name}` in either language; braces around anything that is not a hole (`{ … }`) stay as written.
#[derive(Debug)]
pub struct Template {
    pub en: &'static str,
    pub zh: &'static str,
    pub holes: &'static [&'static str],
}

impl Template {
    /// The template's text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// What fills a hole of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A name, a number, a code or quoted text: shown as it is, in every language.
    Plain(String),
    /// The policy's own text (a test, a declaration) in English keywords: shown with the keywords
    /// of the language read (`when` / `当`), its names as written.
    Code(String),
    /// Another text of the catalogue, shown in the same language.
    Text(Text),
    /// Several arguments, joined with `, ` in English and `、` in Chinese.
    List(Vec<Arg>),
    /// Alternatives: `a, b or c` in English, `a、b 或 c` in Chinese.
    Either(Vec<Arg>),
    /// Items that hold commas of their own, joined with `; ` in English and `；` in Chinese.
    Series(Vec<Arg>),
}

impl Arg {
    /// A list of arguments.
    pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
        Arg::List(items.into_iter().map(Into::into).collect())
    }

    /// Items that hold commas of their own.
    pub fn series<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
        Arg::Series(items.into_iter().map(Into::into).collect())
    }

    /// Alternatives.
    pub fn either<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
        Arg::Either(items.into_iter().map(Into::into).collect())
    }

    /// The argument on its own, in `lang`.
    pub fn shown(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render(lang, &mut out);
        out
    }

    fn render(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Either(items) => {
                let (sep, or) = match lang {
                    Lang::En => (", ", " or "),
                    Lang::Zh => ("、", " 或 "),
                };
                for (i, item) in items.iter().enumerate() {
                    if i + 1 == items.len() && i > 0 {
                        out.push_str(or);
                    } else if i > 0 {
                        out.push_str(sep);
                    }
                    item.render(lang, out);
                }
            }
            Arg::Plain(s) => out.push_str(s),
            Arg::Code(s) => match lang {
                Lang::En => out.push_str(s),
                Lang::Zh => out.push_str(&crate::syntax::format::convert_keywords(
                    s,
                    crate::syntax::keywords::KeywordSet::Zh,
                )),
            },
            Arg::Text(t) => out.push_str(&t.render(lang)),
            Arg::List(items) | Arg::Series(items) => {
                let sep = match (self, lang) {
                    (Arg::Series(_), Lang::En) => "; ",
                    (Arg::Series(_), Lang::Zh) => "；",
                    (_, Lang::En) => ", ",
                    (_, Lang::Zh) => "、",
                };
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    item.render(lang, out);
                }
            }
        }
    }
}

impl<T: std::fmt::Display> From<T> for Arg {
    fn from(value: T) -> Self {
        Arg::Plain(value.to_string())
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Arg::Text(text)
    }
}

/// A template of the catalogue with its arguments: a message, a label or a help line of a
/// diagnostic, or a line a front end writes, not yet in any language.
#[derive(Debug, Clone)]
pub struct Text {
    template: &'static Template,
    args: Vec<Arg>,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.template, other.template) && self.args == other.args
    }
}

impl Eq for Text {}

impl Text {
    /// A template with its arguments, one per hole in the order the template names them.
    pub fn new(template: &'static Template, args: Vec<Arg>) -> Text {
        Text { template, args }
    }

    /// The template this text fills.
    pub fn template(&self) -> &'static Template {
        self.template
    }

    /// The arguments of the template's holes, in order.
    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// Whether this text fills `template`.
    pub fn is(&self, template: &'static Template) -> bool {
        std::ptr::eq(self.template, template)
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        fill(
            self.template.in_lang(lang),
            self.template.holes,
            &self.args,
            lang,
        )
    }

    /// The text in English, as machine-readable output (JSON) and tests read it.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

/// `text` with each `{hole}` replaced by its argument in `lang`.
pub(crate) fn fill(text: &str, holes: &[&str], args: &[Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let hole = after.find('}').and_then(|close| {
            let name = after.get(..close)?;
            let i = holes.iter().position(|h| *h == name)?;
            Some((i, close))
        });
        match hole {
            Some((i, close)) => {
                if let Some(arg) = args.get(i) {
                    arg.render(lang, &mut out);
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
