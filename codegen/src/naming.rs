//! Rust identifiers for XSD names: case conversion, keyword escaping and
//! deterministic collision resolution, all in one place.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keeps ASCII letters, digits and underscores; other characters become word breaks.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn escape(mut ident: String, fallback: &str, digit_prefix: &str) -> String {
    if ident.is_empty() {
        ident = fallback.to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, digit_prefix);
    }
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// `UMCallState` → `UmCallState`, `get-item` → `GetItem`.
pub fn type_name(name: &str) -> String {
    escape(words(name).to_upper_camel_case(), "Unnamed", "T")
}

/// `base64FolderID` → `base64_folder_id`, `type` → `type_`.
pub fn field_name(name: &str) -> String {
    escape(words(name).to_snake_case(), "value", "_")
}

/// An enumeration value as a variant: `NormalCustom` → `NormalCustom`, `+1` → `V1`.
pub fn variant_name(value: &str) -> String {
    escape(words(value).to_upper_camel_case(), "Empty", "V")
}

/// A namespace URI as a module name: its last path or URN segment, snake case.
pub fn module_name(ns: Option<&str>) -> String {
    let Some(ns) = ns else {
        return "unqualified".into();
    };
    let trimmed = ns.trim_end_matches(['/', '#']);
    let last = trimmed
        .rsplit(['/', ':', '#'])
        .find(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .unwrap_or("ns");
    let last = last.strip_suffix(".xsd").unwrap_or(last);
    escape(words(last).to_snake_case(), "ns", "ns")
}

/// Hands out names that are unique within one scope, in request order:
/// a taken name gets `suffix`, then a number.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// Marks a name as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// `wanted`, or `wanted` + `suffix`, or `wanted` + `suffix` + 2, 3, …
    pub fn unique(&mut self, wanted: &str, suffix: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let with_suffix = format!("{wanted}{suffix}");
        if self.taken.insert(with_suffix.clone()) {
            return with_suffix;
        }
        (2..)
            .map(|n| format!("{with_suffix}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unused numbered name exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_xsd_names_become_valid_rust() {
        assert_eq!(type_name("UMCallState"), "UmCallState");
        assert_eq!(type_name("ExtendedFieldURI"), "ExtendedFieldUri");
        assert_eq!(type_name("_x0020_"), "X0020");
        assert_eq!(type_name("3DPoint"), "T3dPoint");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("base64FolderID"), "base64_folder_id");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("CallId"), "call_id");
        assert_eq!(field_name("1st"), "_1st");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+1"), "V1");
        assert_eq!(variant_name("a-b"), "AB");
    }

    #[test]
    fn modules_come_from_the_last_segment() {
        assert_eq!(
            module_name(Some(
                "http://schemas.microsoft.com/exchange/services/2006/messages"
            )),
            "messages"
        );
        assert_eq!(
            module_name(Some("urn:oasis:names:tc:SAML:2.0:assertion")),
            "assertion"
        );
        assert_eq!(
            module_name(Some("http://www.w3.org/2000/09/xmldsig#")),
            "xmldsig"
        );
        assert_eq!(module_name(None), "unqualified");
    }

    #[test]
    fn collisions_resolve_in_request_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.unique("EmailAddress", "Type"), "EmailAddress");
        assert_eq!(scope.unique("EmailAddress", "Type"), "EmailAddressType");
        assert_eq!(scope.unique("EmailAddress", "Type"), "EmailAddressType2");
    }
}
