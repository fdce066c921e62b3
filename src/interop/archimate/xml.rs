//! The XML layer of the ArchiMate import: bytes to text in the declared
//! encoding, text to a small element tree with lines, and the namespace of
//! the root element, which tells the two file formats apart.
//!
//! The tree keeps local names (`xsi:type` is `type`, `archimate:model` is
//! `model`) and, separately, the namespace declarations, so that the reader
//! of each format can ask for plain names.

use super::super::ImportError;
use quick_xml::events::Event;

/// A node of the parsed XML tree (names without namespace prefix).
#[derive(Debug, Default)]
pub(super) struct X {
    pub name: String,
    /// The prefix of the element's name (`archimate` in `archimate:model`).
    pub prefix: Option<String>,
    pub attrs: Vec<(String, String)>,
    /// The value of a prefixed `type` attribute (`xsi:type`), kept apart
    /// from a plain `type` attribute (Archi's junction kind).
    pub xsi_type: Option<String>,
    /// Namespace declarations on this element: (prefix or "", URI).
    pub ns_decls: Vec<(String, String)>,
    pub children: Vec<X>,
    pub text: String,
    pub line: u64,
}

impl X {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// The element's type: `xsi:type`, else a plain `type` attribute.
    pub fn ty(&self) -> &str {
        self.xsi_type
            .as_deref()
            .or_else(|| self.attr("type"))
            .unwrap_or("")
    }
    pub fn child(&self, name: &str) -> Option<&X> {
        self.children.iter().find(|c| c.name == name)
    }
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a X> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The trimmed text, or `None` when empty.
    pub fn text(&self) -> Option<String> {
        Some(self.text.trim().to_string()).filter(|t| !t.is_empty())
    }
    /// The namespace URI of this element's own name, from its declarations
    /// (the root element declares the namespaces of the formats read here).
    pub fn namespace(&self) -> Option<&str> {
        let p = self.prefix.as_deref().unwrap_or("");
        self.ns_decls
            .iter()
            .find(|(k, _)| k == p)
            .map(|(_, v)| v.as_str())
    }
}

fn split(q: &str) -> (Option<String>, String) {
    match q.rsplit_once(':') {
        Some((p, l)) => (Some(p.to_string()), l.to_string()),
        None => (None, q.to_string()),
    }
}

/// The deepest element nesting read. The formats need fewer than twenty
/// levels (Archi nests folders); a limit keeps a hostile file from
/// exhausting the stack when the tree is dropped (which recurses).
const MAX_DEPTH: usize = 1_000;

/// The text of the file in the encoding it declares, and a description of
/// how it was read. A byte-order mark wins; without one, the `encoding` of
/// the XML declaration; without that, UTF-8 (the XML default). Bytes that
/// are not valid in that encoding are an error with the line, never
/// replaced silently.
pub(super) fn decode(file: &str, bytes: &[u8]) -> Result<(String, String), ImportError> {
    let unreadable = |message: String| ImportError::Unreadable {
        file: file.to_string(),
        message,
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(unreadable(
            "a zip archive, not XML: Archi saves a model with images as an archive; unzip it and import the `model.archimate` inside".into(),
        ));
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        return match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(t) => Ok((t.into_owned(), format!("{} (byte-order mark)", enc.name()))),
            None => Err(unreadable(format!(
                "the byte-order mark says {}, but the file holds bytes that are not {}",
                enc.name(),
                enc.name()
            ))),
        };
    }
    let declared = declared_encoding(bytes);
    let enc = match &declared {
        None => encoding_rs::UTF_8,
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            unreadable(format!(
                "the XML declaration names the encoding `{label}`, which exitgraph does not know; re-save the file as UTF-8"
            ))
        })?,
    };
    let how = match &declared {
        None => "UTF-8 (no encoding declared)".to_string(),
        Some(l) if enc.name().eq_ignore_ascii_case(l) => format!("{} as declared", enc.name()),
        Some(l) => format!("{} (declared as `{l}`)", enc.name()),
    };
    if enc == encoding_rs::UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(t) => Ok((t.to_string(), how)),
            Err(e) => {
                let at = e.valid_up_to();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(unreadable(format!(
                    "line {line}: a byte that is not UTF-8, although the file {} UTF-8; declare the encoding it was written in (e.g. <?xml version=\"1.0\" encoding=\"windows-1252\"?>) or re-save it as UTF-8",
                    if declared.is_some() {
                        "declares"
                    } else {
                        "declares no encoding, which means"
                    }
                )))
            }
        };
    }
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(t) => Ok((t.into_owned(), how)),
        None => Err(unreadable(format!(
            "the file declares the encoding {} but holds bytes that are not valid in it",
            enc.name()
        ))),
    }
}

/// The `encoding` pseudo-attribute of the XML declaration, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let j = value.find(quote)?;
    Some(value[..j].trim().to_string())
}

/// Parses XML text into a tree; errors carry the line.
pub(super) fn parse(file: &str, text: &str) -> Result<X, ImportError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<X> = vec![X::default()];
    let (mut counted, mut line) = (0usize, 1u64);
    let mut line_at = |pos: usize| {
        let pos = pos.min(text.len());
        if pos > counted {
            line += text.as_bytes()[counted..pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted = pos;
        }
        line
    };
    let unreadable = |line: u64, e: &dyn std::fmt::Display| ImportError::Unreadable {
        file: file.to_string(),
        message: format!("line {line}: not well-formed XML: {e}"),
    };
    loop {
        let start = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let l = line_at(reader.error_position() as usize);
                return Err(unreadable(l, &e));
            }
        };
        // The line of the tag's `<` (leading whitespace is its own event).
        let l = line_at(start);
        match ev {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(ImportError::Unreadable {
                        file: file.to_string(),
                        message: format!(
                            "line {l}: elements are nested more than {MAX_DEPTH} deep; an ArchiMate file needs fewer than twenty levels"
                        ),
                    });
                }
                let node = open_tag(&e, l).map_err(|err| unreadable(l, &err))?;
                stack.push(node);
            }
            Event::Empty(e) => {
                let node = open_tag(&e, l).map_err(|err| unreadable(l, &err))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(node);
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(unreadable(l, &"unexpected closing tag"));
                }
                if let Some(node) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(node);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    match &*r {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    }
                };
                let s = resolved.unwrap_or_else(|| format!("&{};", &*r));
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(unreadable(line, &"the file ends inside an element"));
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .next()
        .ok_or_else(|| unreadable(1, &"no root element"))
}

/// A node for a start or empty tag, with its attributes unescaped.
fn open_tag(e: &quick_xml::events::BytesStart<'_>, line: u64) -> Result<X, String> {
    let (prefix, name) = split(e.name().as_ref());
    let mut node = X {
        name,
        prefix,
        line,
        ..Default::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?
            .into_owned();
        let key: &str = a.key.as_ref();
        if key == "xmlns" {
            node.ns_decls.push((String::new(), v));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            node.ns_decls.push((p.to_string(), v));
        } else {
            let (prefix, local) = split(key);
            if prefix.is_some() && local == "type" {
                node.xsi_type = Some(v.clone());
            }
            node.attrs.push((local, v));
        }
    }
    Ok(node)
}
