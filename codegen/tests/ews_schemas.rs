//! Every Exchange schema set of the corpus loads and generates with default settings:
//! no user-supplied xml.xsd, no renames. (The 2016 set is also compiled and run over the
//! documented messages in tests/tests/ews_samples.rs.)

use std::path::PathBuf;

fn ews_corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/ews");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the corpus lives beside the repository)",
            dir.display()
        );
        None
    }
}

fn generate(roots: Vec<PathBuf>) -> xsdgen::Generated {
    let mut config = xsdgen::Config::new();
    for root in roots {
        config = config.schema(root);
    }
    config.generate().unwrap_or_else(|e| panic!("{e}"))
}

fn module_names(g: &xsdgen::Generated) -> Vec<&str> {
    g.modules.iter().map(|(name, _)| name.as_str()).collect()
}

#[test]
fn exchange_2016_2013_and_2007_generate_with_default_settings() {
    let Some(ews) = ews_corpus() else { return };
    for (set, files) in [
        ("exchange2016", 2),
        ("exchange2013sp1", 2),
        ("exchange2007sp1", 2),
    ] {
        let g = generate(vec![ews.join(set).join("messages.xsd")]);
        assert_eq!(
            g.files.len(),
            files,
            "{set}: messages.xsd imports types.xsd"
        );
        assert_eq!(module_names(&g), ["messages", "types"], "{set}");
    }
}

#[test]
fn the_split_ms_oxws_set_with_include_cycles_generates() {
    let Some(ews) = ews_corpus() else { return };
    let mut roots: Vec<PathBuf> = std::fs::read_dir(ews.join("ms-oxws"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
        .collect();
    roots.sort();
    assert_eq!(roots.len(), 55);
    let g = generate(roots);
    assert_eq!(g.files.len(), 55, "each file read once despite the cycles");
    assert_eq!(module_names(&g), ["messages", "types"]);
}

#[test]
fn exchange_2016_generation_is_deterministic() {
    let Some(ews) = ews_corpus() else { return };
    let root = ews.join("exchange2016/messages.xsd");
    let a = generate(vec![root.clone()]).to_single_file();
    let b = generate(vec![root]).to_single_file();
    assert!(a == b, "same schemas, same bytes");
}

/// Choices are named after what they hold (issue 20): of EWS 2016's 97 choice fields,
/// all once named `choice`, 11 still are — those whose alternatives share no word
/// or base type and number more than three (`ConnectingSidType`: `PrincipalName`,
/// `SID`, `PrimarySmtpAddress`, `SmtpAddress`), or that another choice's name took.
#[test]
fn ews_choices_are_named_after_their_content() {
    let Some(ews) = ews_corpus() else { return };
    let code = generate(vec![ews.join("exchange2016/messages.xsd")]).to_single_file();
    let positional = code
        .lines()
        .filter(|l| l.trim_start().starts_with("pub choice"))
        .count();
    assert_eq!(positional, 11, "fields still named `choice`");
    for field in [
        // FindItem: IndexedPageItemView | FractionalPageItemView | CalendarView | …
        "pub view: ::core::option::Option<FindItemTypeView>",
        // every response: CreateItemResponseMessage | … | GetRoomsResponse
        "pub response: ::std::vec::Vec<ArrayOfResponseMessagesTypeResponse>",
        // Item | Message | CalendarItem | …: all derive from ItemType
        "pub item: ::std::vec::Vec<NonEmptyArrayOfAllItemsTypeItem>",
        // Items | Groups
        "pub items_or_groups: FindItemParentTypeItemsOrGroups",
    ] {
        let plain = field
            .replace("::core::option::", "")
            .replace("::std::vec::", "");
        assert!(
            code.contains(field) || code.contains(&plain),
            "{field} missing"
        );
    }
}
