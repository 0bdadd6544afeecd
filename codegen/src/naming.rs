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

/// A field name for a choice, from what its alternatives are called (their field
/// names): the words they all end with (`IndexedPageItemView`, …, `CalendarView` →
/// `view`), else the words they all begin with, else the longest run of words they all
/// hold (`CreateItemResponseMessage`, …, `GetRoomsResponse` → `response`), else, for two
/// or three alternatives, their names joined by `or` (`items_or_folders`). `None` when
/// nothing names it.
pub fn choice_name(alternatives: &[String]) -> Option<String> {
    let words: Vec<Vec<&str>> = alternatives
        .iter()
        .map(|a| a.split('_').filter(|w| !w.is_empty()).collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min()?;
    if shortest == 0 {
        return None;
    }
    let first = &words[0];
    // How many words all names share, counting by `at(len, k)`: the index of the k-th.
    let shared = |at: fn(usize, usize) -> usize| {
        (0..shortest)
            .take_while(|&k| {
                let word = first[at(first.len(), k)];
                words.iter().all(|w| w[at(w.len(), k)] == word)
            })
            .count()
    };
    let suffix = shared(|len, k| len - 1 - k);
    let prefix = shared(|_, k| k);
    let name = if suffix > 0 {
        first[first.len() - suffix..].join("_")
    } else if prefix > 0 {
        first[..prefix].join("_")
    } else if let Some(run) = common_run(&words) {
        run
    } else if alternatives.len() <= 3 {
        words
            .iter()
            .map(|w| w.join("_"))
            .collect::<Vec<_>>()
            .join("_or_")
    } else {
        return None;
    };
    // Words joined are a name again, escaped as any other (`type` → `type_`).
    Some(field_name(&name))
}

/// The longest run of words (the last of equals) of the first name that every name holds.
fn common_run(words: &[Vec<&str>]) -> Option<String> {
    let first = &words[0];
    let holds = |w: &Vec<&str>, run: &[&str]| w.windows(run.len()).any(|x| x == run);
    (1..=first.len()).rev().find_map(|len| {
        first
            .windows(len)
            .rev()
            .find(|run| words.iter().all(|w| holds(w, run)))
            .map(|run| run.join("_"))
    })
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

    /// Whether `name` is handed out or reserved.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
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

    #[test]
    fn choices_are_named_after_their_alternatives() {
        let name = |alternatives: &[&str]| {
            let fields: Vec<String> = alternatives.iter().map(|a| field_name(a)).collect();
            choice_name(&fields)
        };
        // EWS FindItem's paging: the word the four views end with.
        let views = [
            "IndexedPageItemView",
            "FractionalPageItemView",
            "CalendarView",
            "ContactsView",
        ];
        assert_eq!(name(&views).as_deref(), Some("view"));
        let ids = ["ItemId", "OccurrenceItemId", "RecurringMasterItemId"];
        assert_eq!(name(&ids).as_deref(), Some("item_id"));
        // The words they begin with when they end differently.
        let adds = [
            "AddItemToMyCalendar",
            "AddNewCategory",
            "AddDelegate",
            "AddAll",
        ];
        assert_eq!(name(&adds).as_deref(), Some("add"));
        // A word they all hold, somewhere.
        let responses = [
            "CreateItemResponseMessage",
            "GetRoomsResponse",
            "PerformReminderActionResponse",
        ];
        assert_eq!(name(&responses).as_deref(), Some("response"));
        // Two or three with nothing shared: both names.
        assert_eq!(
            name(&["Items", "Folders"]).as_deref(),
            Some("items_or_folders")
        );
        assert_eq!(name(&["Subject"]).as_deref(), Some("subject"));
        // Four or more with nothing shared: no name, the caller says `choice`.
        assert_eq!(name(&["a", "b", "c", "d"]), None);
        assert_eq!(choice_name(&[]), None);
        // Keywords stay escaped: `type_` and `Type` share the word `type`.
        assert_eq!(name(&["type", "MessageType"]).as_deref(), Some("type_"));
    }
}
