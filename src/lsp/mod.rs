//! The language server (`jidi lsp`): the checker's diagnostics as a file is edited, hover, go to
//! definition, completion and the outline, over the Language Server Protocol. This module only
//! speaks the protocol on the connection it is given; it prints nothing.

pub mod index;
pub mod position;
pub mod transport;

use crate::diag::{catalogue, Diagnostic, Severity};
use crate::i18n::Lang;
use crate::source::{Source, Span};
use crate::syntax::keywords;
use index::{Index, Kind, Symbol};
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionOptions, CompletionResponse,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, DocumentSymbolResponse,
    GotoDefinitionResponse, Hover, HoverContents, HoverProviderCapability, Location, MarkupContent,
    MarkupKind, NumberOrString, OneOf, Position, PublishDiagnosticsParams, ServerCapabilities,
    SymbolKind, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use position::LineIndex;
use std::collections::HashMap;
use std::error::Error;
use std::str::FromStr;

type Fallible<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// One open file: its text, and what it declares as of the last time it parsed.
struct Document {
    text: String,
    lines: LineIndex,
    index: Index,
    /// The file's own keyword language, for hovers and the outline.
    zh: bool,
}

/// The server's state: the open files.
pub struct Server {
    documents: HashMap<String, Document>,
    lang: Lang,
}

/// Serves one client on `connection` until it says `exit`: the initialize handshake, then every
/// request and notification. Help lines of diagnostics are in `lang`.
pub fn serve(connection: &Connection, lang: Lang) -> Fallible<()> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let (id, _params) = connection.initialize_start()?;
    // Answered without waiting for `initialized`: a client that sends something else first is
    // served all the same (the notification, when it comes, is ignored).
    connection.sender.send(Message::Response(Response::new_ok(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "jidi", "version": env!("CARGO_PKG_VERSION") },
        }),
    )))?;
    let mut server = Server {
        documents: HashMap::new(),
        lang,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => {
                for out in server.notification(n) {
                    connection.sender.send(Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Server {
    /// Answers one request.
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => params::<lsp_types::HoverParams>(req.params).map(|p| {
                let at = p.text_document_position_params;
                serde_json::to_value(self.hover(at.text_document.uri.as_str(), at.position))
            }),
            GotoDefinition::METHOD => {
                params::<lsp_types::GotoDefinitionParams>(req.params).map(|p| {
                    let at = p.text_document_position_params;
                    serde_json::to_value(self.definition(&at.text_document.uri, at.position))
                })
            }
            Completion::METHOD => params::<lsp_types::CompletionParams>(req.params).map(|p| {
                let uri = p.text_document_position.text_document.uri;
                serde_json::to_value(CompletionResponse::Array(self.completion(uri.as_str())))
            }),
            DocumentSymbolRequest::METHOD => params::<lsp_types::DocumentSymbolParams>(req.params)
                .map(|p| serde_json::to_value(self.outline(p.text_document.uri.as_str()))),
            other => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("jidi lsp does not handle `{other}`"),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) | Err(e) => Response::new_err(
                id,
                lsp_server::ErrorCode::InvalidParams as i32,
                e.to_string(),
            ),
        }
    }

    /// Handles one notification; returns the notifications to send back (diagnostics).
    pub fn notification(&mut self, n: Notification) -> Vec<Notification> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let doc = p.text_document;
                vec![self.update(doc.uri, doc.text, Some(doc.version))]
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                vec![self.update(
                    p.text_document.uri,
                    change.text,
                    Some(p.text_document.version),
                )]
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                self.documents.remove(p.text_document.uri.as_str());
                vec![publish(p.text_document.uri, Vec::new(), None)]
            }
            _ => Vec::new(),
        }
    }

    /// Takes a file's new text: parses and checks it, and returns its diagnostics to publish.
    fn update(&mut self, uri: Uri, text: String, version: Option<i32>) -> Notification {
        let source = Source::new(path_of(uri.as_str()), text.clone());
        let lines = LineIndex::new(&text);
        let parsed = crate::syntax::parse_policy(&source).ok();
        let checked = crate::check::check(&source);
        let previous = self.documents.remove(uri.as_str());
        let index = match &parsed {
            Some(ast) => {
                let mut index = Index::new(ast);
                if let Some(policy) = &checked.policy {
                    index.add_types(policy);
                } else if let Some(old) = &previous {
                    index.types = old.index.types.clone();
                }
                index
            }
            // While the file does not parse, hover and completion keep what it last declared.
            None => previous.map(|d| d.index).unwrap_or_default(),
        };
        let zh = uses_chinese_keywords(&text);
        let diagnostics = checked
            .diagnostics
            .iter()
            .map(|d| self.diagnostic(d, &uri, &source, &lines))
            .collect();
        self.documents.insert(
            uri.as_str().to_string(),
            Document {
                text,
                lines,
                index,
                zh,
            },
        );
        publish(uri, diagnostics, version)
    }

    fn diagnostic(
        &self,
        d: &Diagnostic,
        uri: &Uri,
        source: &Source,
        lines: &LineIndex,
    ) -> lsp_types::Diagnostic {
        let here = d.source.as_ref().is_none_or(|s| s.name() == source.name());
        let text = source.text();
        let range = match d.labels.first() {
            Some((span, _)) if here => lines.range(text, *span),
            _ => lines.range(text, Span::new(0, 0)),
        };
        let mut message = d.message.render(self.lang);
        if let Some((_, label)) = d.labels.first().filter(|(_, l)| {
            !l.is(&catalogue::common::templates::here)
                && !l.is(&catalogue::common::templates::nothing)
        }) {
            message = format!("{message}: {}", label.render(self.lang));
        }
        if let (false, Some(src)) = (here, &d.source) {
            message = format!("{message} ({})", src.name());
        }
        if let Some(help) = &d.help {
            let help = catalogue::cli::help_line(help.clone()).render(self.lang);
            message = format!("{message}\n{help}");
        }
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .skip(1)
            .filter(|_| here)
            .map(|(span, label)| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), lines.range(text, *span)),
                message: label.render(self.lang),
            })
            .collect();
        lsp_types::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Note => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.code.to_string())),
            source: Some("jidi".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    fn hover(&self, uri: &str, pos: Position) -> Option<Hover> {
        let doc = self.documents.get(uri)?;
        let (word, span, after_dot) = word_at(&doc.text, doc.lines.offset(&doc.text, pos))?;
        let found = doc.index.resolve(&word, span.start, after_dot);
        let first = found.first()?;
        let mut value = describe(doc, first, self.lang);
        let others: Vec<String> = found
            .iter()
            .skip(1)
            .map(|s| format!("`{} {}`", doc.keyword(s.kind.keyword()), s.name))
            .collect();
        if !others.is_empty() {
            let also = if self.lang == Lang::Zh {
                "同名"
            } else {
                "also"
            };
            value.push_str(&format!("\n\n{also}: {}", others.join(", ")));
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(doc.lines.range(&doc.text, span)),
        })
    }

    fn definition(&self, uri: &Uri, pos: Position) -> Option<GotoDefinitionResponse> {
        let doc = self.documents.get(uri.as_str())?;
        let (word, span, after_dot) = word_at(&doc.text, doc.lines.offset(&doc.text, pos))?;
        let found = doc.index.resolve(&word, span.start, after_dot);
        let locations: Vec<Location> = found
            .iter()
            .map(|s| Location::new(uri.clone(), doc.lines.range(&doc.text, s.name_span)))
            .collect();
        match locations.len() {
            0 => None,
            1 => locations
                .into_iter()
                .next()
                .map(GotoDefinitionResponse::Scalar),
            _ => Some(GotoDefinitionResponse::Array(locations)),
        }
    }

    fn completion(&self, uri: &str) -> Vec<CompletionItem> {
        let mut items = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if let Some(doc) = self.documents.get(uri) {
            for s in &doc.index.symbols {
                if matches!(
                    s.kind,
                    Kind::Decision
                        | Kind::Lifecycle
                        | Kind::Calendar
                        | Kind::Require
                        | Kind::Measure
                ) || !seen.insert((s.name.clone(), s.kind))
                {
                    continue;
                }
                items.push(CompletionItem {
                    label: s.name.clone(),
                    kind: Some(completion_kind(s.kind)),
                    detail: Some(detail(doc, s)),
                    sort_text: Some(format!("0{}", s.name)),
                    ..CompletionItem::default()
                });
            }
        }
        for k in keywords::all() {
            for (form, other) in [(k.en, k.zh), (k.zh, k.en)] {
                items.push(CompletionItem {
                    label: form.to_string(),
                    kind: Some(CompletionItemKind::KEYWORD),
                    detail: Some(other.to_string()),
                    sort_text: Some(format!("1{form}")),
                    ..CompletionItem::default()
                });
            }
        }
        items
    }

    fn outline(&self, uri: &str) -> Option<DocumentSymbolResponse> {
        let doc = self.documents.get(uri)?;
        let symbols = doc
            .index
            .roots
            .iter()
            .filter_map(|&i| outline_symbol(doc, i))
            .collect();
        Some(DocumentSymbolResponse::Nested(symbols))
    }
}

impl Document {
    /// A keyword in the file's own language.
    fn keyword(&self, en: &'static str) -> &'static str {
        match keywords::lookup(en) {
            Some(k) if self.zh => k.zh,
            _ => en,
        }
    }

    fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

fn params<P: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<P, serde_json::Error> {
    serde_json::from_value(value)
}

fn publish(
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

/// Whether a file is written with the Chinese keywords (more of them than of the English ones).
fn uses_chinese_keywords(text: &str) -> bool {
    let (mut zh, mut en) = (0usize, 0usize);
    for word in text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .flat_map(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .take(5000)
    {
        if let Some(k) = keywords::lookup(word) {
            if k.zh == word {
                zh += 1;
            } else {
                en += 1;
            }
        }
    }
    zh > en
}

/// The file path a `file://` URI names, percent-decoded; other URIs as they are.
fn path_of(uri: &str) -> String {
    let Some(rest) = uri.strip_prefix("file://") else {
        return uri.to_string();
    };
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8_lossy(&out).into_owned();
    // `file:///C:/x` on Windows.
    match path.get(1..3) {
        Some(drive) if path.starts_with('/') && drive.ends_with(':') => {
            path.get(1..).unwrap_or("").to_string()
        }
        _ => path,
    }
}

/// The name under byte `at`: a word, or the text of a quoted label (`"运行年均 PUE"`); with its span
/// and whether a `.` stands before it (a field).
fn word_at(text: &str, at: usize) -> Option<(String, Span, bool)> {
    let is_word = |c: char| unicode_ident::is_xid_continue(c) || c == '_';
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let line = text.get(line_start..line_end)?;
    // Inside a string: the whole string is the name.
    let mut open = None;
    for (i, c) in line.char_indices() {
        if c == '"' {
            match open {
                None => open = Some(i),
                Some(o) => {
                    if line_start + o < at && at <= line_start + i {
                        let span = Span::new(line_start + o + 1, line_start + i);
                        let inner = text.get(span.start..span.end)?.to_string();
                        return Some((inner, span, false));
                    }
                    open = None;
                }
            }
        }
    }
    let before = text.get(line_start..at)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| line_start + i);
    let after = text.get(at..line_end)?;
    let end = after
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(line_end, |(i, _)| at + i);
    let word = text.get(start..end)?;
    if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let after_dot = text.get(..start).is_some_and(|b| b.ends_with('.'));
    Some((word.to_string(), Span::new(start, end), after_dot))
}

/// The first line of a declaration, up to its `{` (a whole short declaration).
fn header(doc: &Document, s: &Symbol) -> String {
    let text = doc.slice(s.span);
    let cut = match s.kind {
        Kind::Indicator
        | Kind::Article
        | Kind::Enum
        | Kind::Record
        | Kind::Tier
        | Kind::Measure
        | Kind::Stars
        | Kind::Term
        | Kind::Lifecycle
        | Kind::Decision => text.find('{').unwrap_or(text.len()),
        _ => text.len(),
    };
    let shown: Vec<&str> = text
        .get(..cut)
        .unwrap_or(text)
        .trim_end()
        .lines()
        .take(8)
        .collect();
    shown.join("\n")
}

/// The hover text of a declaration: what it is, its code, unit or type, article and quoted text.
fn describe(doc: &Document, s: &Symbol, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let kw = doc.keyword(s.kind.keyword());
    let mut out = format!("**{kw}** `{}`", s.name);
    if let Some(cite) = &s.cite {
        if s.kind != Kind::Article {
            out.push_str(&format!(" · {cite}"));
        }
    }
    out.push_str(&format!("\n\n```jidi\n{}\n```", header(doc, s)));
    if s.kind == Kind::Indicator && !s.rules.is_empty() {
        let rules: Vec<&str> = s.rules.iter().map(|r| doc.slice(*r).trim()).collect();
        out.push_str(&format!("\n```jidi\n{}\n```", rules.join("\n")));
    }
    if !s.in_lifecycle {
        if let Some(ty) = doc.index.types.get(&(s.kind, s.name.clone())) {
            let what = match (s.kind, zh) {
                (Kind::Indicator | Kind::Condition | Kind::Veto, true) => "单位",
                (Kind::Indicator | Kind::Condition | Kind::Veto, false) => "unit",
                (_, true) => "类型",
                (_, false) => "type",
            };
            out.push_str(&format!("\n\n{what}: `{ty}`"));
        }
    }
    if let Some(group) = &s.group {
        out.push_str(&format!("\n\n{}: {group}", doc.keyword("group")));
    }
    if let Some(article) = s.article.as_ref().filter(|_| s.kind != Kind::Article) {
        out.push_str(&format!("\n\n{}: {article}", doc.keyword("article")));
    }
    for q in &s.quotes {
        out.push_str(&format!("\n\n> {q}"));
    }
    if s.kind == Kind::Article && !s.children.is_empty() {
        let names: Vec<String> = s
            .children
            .iter()
            .filter_map(|&c| doc.index.symbols.get(c))
            .map(|c| format!("`{} {}`", doc.keyword(c.kind.keyword()), c.name))
            .collect();
        out.push_str(&format!("\n\n{}", names.join(", ")));
    }
    out
}

fn detail(doc: &Document, s: &Symbol) -> String {
    let mut d = doc.keyword(s.kind.keyword()).to_string();
    if let Some(ty) = doc.index.types.get(&(s.kind, s.name.clone())) {
        d.push_str(&format!(": {ty}"));
    }
    if let Some(cite) = s.cite.as_ref().filter(|_| s.kind != Kind::Article) {
        d.push_str(&format!(" · {cite}"));
    }
    d
}

fn completion_kind(kind: Kind) -> CompletionItemKind {
    match kind {
        Kind::Input | Kind::Field => CompletionItemKind::FIELD,
        Kind::Let | Kind::Next => CompletionItemKind::VARIABLE,
        Kind::Unit => CompletionItemKind::UNIT,
        Kind::Enum => CompletionItemKind::ENUM,
        Kind::EnumValue | Kind::State => CompletionItemKind::ENUM_MEMBER,
        Kind::Set | Kind::Tier => CompletionItemKind::CONSTANT,
        Kind::Record => CompletionItemKind::STRUCT,
        Kind::Article => CompletionItemKind::MODULE,
        Kind::Indicator | Kind::Condition | Kind::Veto => CompletionItemKind::PROPERTY,
        _ => CompletionItemKind::TEXT,
    }
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Measure => SymbolKind::FILE,
        Kind::Article => SymbolKind::NAMESPACE,
        Kind::Lifecycle => SymbolKind::MODULE,
        Kind::Indicator => SymbolKind::PROPERTY,
        Kind::Condition => SymbolKind::BOOLEAN,
        Kind::Veto | Kind::Assessment => SymbolKind::EVENT,
        Kind::Input | Kind::Field => SymbolKind::FIELD,
        Kind::Let | Kind::Next => SymbolKind::VARIABLE,
        Kind::Unit => SymbolKind::CONSTANT,
        Kind::Enum => SymbolKind::ENUM,
        Kind::EnumValue | Kind::State => SymbolKind::ENUM_MEMBER,
        Kind::Set => SymbolKind::ARRAY,
        Kind::Record => SymbolKind::STRUCT,
        Kind::Tier => SymbolKind::CLASS,
        Kind::Assumption => SymbolKind::STRING,
        Kind::Decision => SymbolKind::OPERATOR,
        _ => SymbolKind::FUNCTION,
    }
}

fn outline_symbol(doc: &Document, i: usize) -> Option<DocumentSymbol> {
    let s = doc.index.symbols.get(i)?;
    if s.kind == Kind::Calendar {
        return None;
    }
    let children: Vec<DocumentSymbol> = s
        .children
        .iter()
        .filter_map(|&c| outline_symbol(doc, c))
        .collect();
    let name = match s.kind {
        Kind::Decision | Kind::Lifecycle => doc.keyword(s.kind.keyword()).to_string(),
        _ => s.name.clone(),
    };
    let selection = if s.name_span.start == s.name_span.end {
        Span::new(s.span.start, s.span.start)
    } else {
        s.name_span
    };
    #[allow(deprecated)]
    Some(DocumentSymbol {
        name: if name.is_empty() { "?".into() } else { name },
        detail: Some(detail(doc, s)),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: doc.lines.range(&doc.text, s.span.to(selection)),
        selection_range: doc.lines.range(&doc.text, selection),
        children: (!children.is_empty()).then_some(children),
    })
}

/// A `file://` URI for a path, for tests and clients that need one.
pub fn uri_for(path: &str) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn words_strings_and_fields_under_the_cursor() {
        let text = "indicator \"运行年均 PUE\" = e.日期 + 工业用地地均收入\n";
        let at = text.find("PUE").unwrap();
        assert_eq!(word_at(text, at).unwrap().0, "运行年均 PUE");
        let at = text.find("日期").unwrap() + 3;
        let (w, _, dot) = word_at(text, at).unwrap();
        assert_eq!((w.as_str(), dot), ("日期", true));
        let at = text.find("地均").unwrap();
        assert_eq!(word_at(text, at).unwrap().0, "工业用地地均收入");
    }

    #[test]
    fn file_uris_are_decoded() {
        assert_eq!(path_of("file:///work/p%E6%94%BF.jidi"), "/work/p政.jidi");
        let uri = uri_for("/work/政策.jidi").unwrap();
        assert_eq!(path_of(uri.as_str()), "/work/政策.jidi");
    }
}
