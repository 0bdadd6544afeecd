//! Rust identifiers for XSD names: every rule that makes a Rust name from a schema's
//! name, in one place, table-tested below (with `syn` as the oracle of what an
//! identifier is).
//!
//! - Words: a name splits into words at characters that cannot continue a Rust
//!   identifier (`-`, `.`, `_`, …) and at case changes (`UMCallState` → `UM`, `Call`,
//!   `State`), as `heck` splits ASCII. Non-ASCII letters, digits and marks stay
//!   (`Größe` → `Größe`, `größe`); fullwidth forms become ASCII (`Ｉｄ` → `Id`) and
//!   invisible characters (joiners, variation selectors) go.
//! - Types and variants join the words `UpperCamelCase`, fields and modules
//!   `snake_case`. A name that cannot start an identifier gets a prefix (`3D` →
//!   `T3d`, `_3d`, `V3d`), an empty one a stand-in (`Unnamed`, `value`, `Empty`), and a
//!   keyword a `_` suffix (`type` → `type_`, `Self` → `Self_`: `self`, `Self`, `super`
//!   and `crate` cannot be raw identifiers, so none is used).
//! - Collisions: a [`Scope`] hands out each name once; a taken name gets a suffix, then
//!   a number, in request order (the suffixes are the constants below).
//! - Generated items never take [`RESERVED_ITEM_NAMES`]: the names generated code
//!   uses unqualified.

use std::collections::HashSet;

/// Rust's keywords: strict (including 2018's `async`, `await`, `dyn`) and reserved
/// (including 2018's `try` and 2024's `gen`). Weak keywords (`union`, `macro_rules`,
/// `raw`, `safe`) are identifiers wherever generated names go, and stay.
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Names no item of a generated module takes (a type so named gets [`TYPE_SUFFIX`]:
/// `Result` → `ResultType`): the module's `Document` enum and `NS` constant, and the
/// prelude names its code writes unqualified. Only these: a type named `Default`,
/// `Clone` or `Iterator` keeps its name (derives and trait methods do not resolve through
/// the type namespace), and `From` is written `::core::convert::From` where a module's
/// code implements it.
///
/// Absolute paths everywhere (`::core::option::Option`, as prost writes them) would
/// free these names too, but prettyplease wraps the longer lines: ONIX for Books grows
/// from 149,755 to 190,522 lines (`__Option`-style aliases: 151,844), over the 150,000
/// budget. Code at the top of the generated file, which the including module's names
/// reach, writes absolute paths ([`crate::emit::schema_set_document`]).
pub const RESERVED_ITEM_NAMES: &[&str] = &[
    "Document", "NS", "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box",
];

/// The suffix of a module item whose name is taken, and of an `…OrDerived` enum's
/// variant whose type's name is taken.
pub const TYPE_SUFFIX: &str = "Type";
/// The suffix of a `Document` variant or substitution group member whose name is taken.
pub const ELEMENT_SUFFIX: &str = "Element";
/// The suffix of an enumeration value or union member whose name is taken.
pub const VALUE_SUFFIX: &str = "Value";
/// The suffix of a choice alternative whose name is taken.
pub const VARIANT_SUFFIX: &str = "Variant";
/// The suffix of a field whose name is taken (by another field or by the generated
/// code's own fields, or by a module item: see [`field_name`]).
pub const FIELD_SUFFIX: &str = "_";
/// The suffix of an attribute's field whose name an element's field or the generated
/// code's took.
pub const ATTRIBUTE_SUFFIX: &str = "_attr";
/// The suffix of a mixed type's text field whose name a schema's field took.
pub const TEXT_SUFFIX: &str = "_mixed";
/// The suffix of a module whose name another namespace's module took.
pub const MODULE_SUFFIX: &str = "_ns";

/// Whether `c` may be part of a word: a character that can continue a Rust identifier
/// (Unicode `XID_Continue`), other than `_`.
fn is_word_char(c: char) -> bool {
    c != '_' && unicode_ident::is_xid_continue(c)
}

/// A character as identifiers hold it: fullwidth ASCII (`Ｉｄ１`, common in East Asian
/// schemas) as ASCII, as NFKC has it (rustc warns of identifiers that are not NFKC, a lint
/// only a crate can allow); `None` for the invisible characters identifiers may hold
/// (joiners, variation selectors, Hangul fillers: Unicode's default-ignorable ones).
fn normalize(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FFA0}'
        | '\u{E0100}'..='\u{E01EF}' => None,
        c => Some(c),
    }
}

/// The words of a name, split where `heck` splits them (at a lowercase letter followed
/// by an uppercase one, before the last of a run of uppercase letters followed by a
/// lowercase one), but at non-identifier characters rather than non-alphanumeric ones:
/// combining marks (`क्ष`) stay inside words.
fn words(name: &str) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    let name: String = name.chars().filter_map(normalize).collect();
    let mut out = Vec::new();
    for word in name.split(|c: char| !is_word_char(c)) {
        let mut chars = word.char_indices().peekable();
        let mut init = 0;
        let mut mode = Mode::Boundary;
        while let Some((i, c)) = chars.next() {
            let Some(&(next_i, next)) = chars.peek() else {
                out.push(word[init..].to_string());
                break;
            };
            let next_mode = if c.is_lowercase() {
                Mode::Lowercase
            } else if c.is_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_uppercase() {
                out.push(word[init..next_i].to_string());
                init = next_i;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_uppercase() && next.is_lowercase() {
                out.push(word[init..i].to_string());
                init = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
    out
}

/// A word in lowercase (a word-final `Σ` as `ς`, as heck writes it).
fn lowercase(word: &str, out: &mut String) {
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Σ' && chars.peek().is_none() {
            out.push('ς');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn upper_camel_case(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            lowercase(chars.as_str(), &mut out);
        }
    }
    out
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        if !out.is_empty() {
            out.push('_');
        }
        lowercase(&word, &mut out);
    }
    out
}

/// A fallback for an empty name, a prefix for one that cannot start an identifier
/// (a digit, a combining mark), a `_` after a keyword.
fn escape(mut ident: String, fallback: &str, prefix: &str) -> String {
    // Case mapping keeps identifier characters identifier characters; make sure.
    ident.retain(|c| c == '_' || unicode_ident::is_xid_continue(c));
    if ident.is_empty() {
        ident = fallback.to_string();
    }
    if !ident.starts_with(|c: char| c == '_' || unicode_ident::is_xid_start(c)) {
        ident.insert_str(0, prefix);
    }
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// `UMCallState` → `UmCallState`, `get-item` → `GetItem`, `Größe` → `Größe`.
pub fn type_name(name: &str) -> String {
    escape(upper_camel_case(name), "Unnamed", "T")
}

/// `base64FolderID` → `base64_folder_id`, `type` → `type_`, `Größe` → `größe`.
///
/// Generated readers bind fields to locals of the same name, and a local cannot shadow
/// a tuple struct: a name without cased letters (`名前`) is a type's name and a field's
/// alike, so the plan gives such a field [`FIELD_SUFFIX`] when its module has an item
/// of that name.
pub fn field_name(name: &str) -> String {
    escape(snake_case(name), "value", "_")
}

/// An enumeration value as a variant: `NormalCustom` → `NormalCustom`, `+1` → `V1`.
pub fn variant_name(value: &str) -> String {
    escape(upper_camel_case(value), "Empty", "V")
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
    escape(snake_case(last), "ns", "ns")
}

/// A name made of a name and more: `ItemType` + `OrDerived`, `messages` + `_ns`. The
/// `_` that keeps a keyword from being one goes unless the result would be a keyword
/// (`Self_` + `Sequence` → `SelfSequence`, `type_` + `2` → `type2`): inside a name, it
/// would break `UpperCamelCase` or `snake_case` (`Self_Sequence`, `type__2`), which
/// rustc warns of.
pub fn compound(name: &str, more: &str) -> String {
    if let Some(stem) = name.strip_suffix('_').filter(|s| KEYWORDS.contains(s)) {
        let joined = format!("{stem}{more}");
        if !KEYWORDS.contains(&joined.as_str()) {
            return joined;
        }
    }
    format!("{name}{more}")
}

/// The variant of the schema set's `Document` enum for a module: `messages` →
/// `Messages`, `self_` → `Self_`.
pub fn module_variant(module: &str) -> String {
    type_name(module)
}

/// The `xsi:type` enum of a type with derived types: `ItemType` → `ItemTypeOrDerived`.
pub fn derived_enum_name(type_name: &str) -> String {
    compound(type_name, "OrDerived")
}

/// The method of an `xsi:type` enum giving the declared type's part: `ItemType` →
/// `as_item`, `Type` → `as_type`.
pub fn accessor_name(type_name: &str) -> String {
    let base = type_name
        .strip_suffix("Type")
        .filter(|s| !s.is_empty())
        .unwrap_or(type_name);
    // After `as_`, a keyword is no longer one.
    format!(
        "as_{}",
        escape(snake_case(base), "value", "_").trim_end_matches('_')
    )
}

/// A nested sequence of an item, planned as an item of its own: `FindItemSequence`.
pub fn sequence_name(owner: &str) -> String {
    compound(owner, "Sequence")
}

/// Why `name`, given by the user for a namespace's module, cannot name one (`None`
/// when it can): it must be an identifier (syn's parser decides, which refuses keywords)
/// other than `self`, `super`, `crate` and `Self`, and not a raw one.
pub fn module_name_problem(name: &str) -> Option<&'static str> {
    if name.starts_with("r#") {
        return Some("raw identifiers are not accepted; choose another name");
    }
    if matches!(name, "self" | "super" | "crate" | "Self") {
        return Some("a path keyword cannot name a module");
    }
    match syn::parse_str::<syn::Ident>(name) {
        Ok(_) => None,
        Err(_) => Some("not a Rust identifier (or a keyword)"),
    }
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
        let with_suffix = compound(wanted, suffix);
        if self.taken.insert(with_suffix.clone()) {
            return with_suffix;
        }
        (2..)
            .map(|n| compound(&with_suffix, &n.to_string()))
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
        // A keyword's `_` does not stay inside a longer name (rustc's camel case lint).
        assert_eq!(scope.unique("Self_", "Value"), "Self_");
        assert_eq!(scope.unique("Self_", "Value"), "SelfValue");
        assert_eq!(scope.unique("Self_", "Value"), "SelfValue2");
        assert_eq!(scope.unique("Self_", ""), "Self2");
        assert_eq!(sequence_name("Self_"), "SelfSequence");
        assert_eq!(derived_enum_name("Self_"), "SelfOrDerived");
        assert_eq!(scope.unique("type_", "_"), "type_");
        assert_eq!(scope.unique("type_", "_"), "type2");
        assert_eq!(scope.unique("type_", "_attr"), "type_attr");
        assert_eq!(scope.unique("self_", "_ns"), "self_");
        assert_eq!(scope.unique("self_", "_ns"), "self_ns");
        assert_eq!(scope.unique("start", "_"), "start");
        assert_eq!(scope.unique("start", "_"), "start_");
        assert_eq!(scope.unique("start", "_"), "start_2");
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

    /// `syn`'s word on what an identifier is (it knows no 2024 keywords: `gen` is
    /// checked against [`KEYWORDS`]).
    fn is_ident(name: &str) -> bool {
        syn::parse_str::<syn::Ident>(name).is_ok() && !KEYWORDS.contains(&name)
    }

    /// Every kind of name made from `xsd`, with what it is called.
    fn every_kind(xsd: &str) -> Vec<(&'static str, String)> {
        let ty = type_name(xsd);
        let module = module_name(Some(&format!("http://example.com/{xsd}")));
        vec![
            ("type", ty.clone()),
            ("field", field_name(xsd)),
            ("variant", variant_name(xsd)),
            ("module", module.clone()),
            ("module variant", module_variant(&module)),
            ("derived enum", derived_enum_name(&ty)),
            ("accessor", accessor_name(&ty)),
            ("sequence", sequence_name(&ty)),
        ]
    }

    const WEAK_KEYWORDS: &[&str] = &["union", "macro_rules", "raw", "safe", "'static", "_"];

    #[test]
    fn every_keyword_becomes_an_identifier_of_every_kind() {
        for keyword in KEYWORDS.iter().chain(WEAK_KEYWORDS) {
            for xsd in [keyword.to_string(), keyword.to_uppercase()] {
                for (kind, name) in every_kind(&xsd) {
                    assert!(is_ident(&name), "{kind} of {xsd:?}: {name:?}");
                }
            }
        }
        // A keyword takes a `_`; `self`, `Self`, `super` and `crate` cannot be raw.
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("gen"), "gen_");
        assert_eq!(module_name(Some("http://example.com/self")), "self_");
        assert_eq!(module_variant("self_"), "Self_");
        assert_eq!(accessor_name("Type"), "as_type");
        assert_eq!(accessor_name("SelfType"), "as_self");
        // Weak keywords are identifiers.
        assert_eq!(field_name("union"), "union");
        assert_eq!(field_name("macro_rules"), "macro_rules");
        assert_eq!(field_name("'static"), "static_");
        assert_eq!(field_name("_"), "value");
        assert_eq!(type_name("_"), "Unnamed");
    }

    #[test]
    fn prelude_names_are_kept_or_reserved() {
        // Types keep prelude names the module's code does not write unqualified…
        for name in [
            "From", "Default", "Clone", "Debug", "Iterator", "ToString", "Into",
        ] {
            assert_eq!(type_name(name), name);
            assert!(!RESERVED_ITEM_NAMES.contains(&name), "{name}");
        }
        // …and the plan gives the others a suffix.
        let mut scope = Scope::default();
        RESERVED_ITEM_NAMES.iter().for_each(|r| scope.reserve(r));
        for name in [
            "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box",
        ] {
            assert_eq!(
                scope.unique(&type_name(name), TYPE_SUFFIX),
                format!("{name}Type")
            );
        }
    }

    #[test]
    fn non_ascii_letters_are_kept() {
        assert_eq!(type_name("Größe"), "Größe");
        assert_eq!(field_name("Größe"), "größe");
        assert_eq!(field_name("StraßenName"), "straßen_name");
        assert_eq!(type_name("名前"), "名前");
        assert_eq!(field_name("名前"), "名前");
        assert_eq!(type_name("ÉtatCivil"), "ÉtatCivil");
        assert_eq!(field_name("ÉtatCivil"), "état_civil");
        assert_eq!(type_name("ΣΟΦΙΑ"), "Σοφια");
        assert_eq!(field_name("ΟΔΟΣ"), "οδος");
        assert_eq!(field_name("Сумма"), "сумма");
        // Combining marks stay in their word (`heck` would split at the virama).
        assert_eq!(field_name("क्षेत्र"), "क्षेत्र");
        assert_eq!(field_name("Gro\u{308}ße"), "gro\u{308}ße");
        // Fullwidth forms become ASCII; what cannot be in an identifier breaks words.
        assert_eq!(type_name("ＩｔｅｍＩＤ"), "ItemId");
        assert_eq!(field_name("x²y"), "x_y");
        assert_eq!(field_name("a·b"), "a·b");
        // Invisible characters go.
        assert_eq!(field_name("a\u{200D}b\u{FE0F}"), "ab");
        // A mark cannot start an identifier.
        assert_eq!(type_name("\u{301}a"), "T\u{301}a");
        assert_eq!(field_name("\u{301}a"), "_\u{301}a");
    }

    #[test]
    fn odd_names_of_every_kind_are_identifiers() {
        let odd = [
            "",
            "-",
            "1",
            "123abc",
            "a-b.c",
            "_x0020_",
            "x²",
            "²",
            "½",
            "①",
            "\u{301}",
            "\u{301}x",
            "·",
            "Ⅷ",
            "𝐀b",
            "ǅungla",
            "ß",
            "ŉ",
            "ﬁle",
            "İstanbul",
            "\u{345}",
            "‿",
            "Ａ１",
            "a\u{200D}b",
            "٣",
            "٣x",
            "ab\u{0}c",
            "😀",
            "a😀b",
        ];
        for xsd in odd {
            for (kind, name) in every_kind(xsd) {
                assert!(is_ident(&name), "{kind} of {xsd:?}: {name:?}");
            }
        }
        // A pseudo-random walk through the planes.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let name: String = (0..4)
                .filter_map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let cp = match state % 4 {
                        0 => state % 0x80,
                        1 => state % 0x800,
                        2 => state % 0x1_0000,
                        _ => state % 0x3_0000,
                    };
                    char::from_u32(cp as u32)
                })
                .collect();
            for (kind, made) in every_kind(&name) {
                assert!(is_ident(&made), "{kind} of {name:?}: {made:?}");
            }
        }
    }

    #[test]
    fn ascii_words_split_as_heck_splits_them() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let alphabet = ['a', 'B', 'c', 'D', '1', '_', '-', 'É'];
        let mut names = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            names = names
                .iter()
                .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
                .collect();
            all.extend(names.iter().cloned());
        }
        let names = all;
        assert!(names.len() > 30_000);
        for name in &names {
            assert_eq!(
                upper_camel_case(name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
            assert_eq!(snake_case(name), name.to_snake_case(), "{name:?}");
        }
    }
}
