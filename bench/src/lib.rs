//! Benchmark support: seeded EWS documents, the baseline loops the generated reader is
//! measured against, and item counts that check every loop read the whole document.

pub mod docgen;
pub mod serde_model;

use quick_xml::events::Event;

/// What a baseline loop saw: elements, and bytes of text after unescaping.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Start and empty-element tags.
    pub elements: usize,
    /// Unescaped text, in bytes.
    pub text_bytes: usize,
}

/// quick-xml's `Reader`: every event, every text unescaped (the tokenizer's limit).
pub fn reader_loop(xml: &str) -> Tally {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut tally = Tally::default();
    loop {
        match reader.read_event().expect("well-formed benchmark input") {
            Event::Start(_) | Event::Empty(_) => tally.elements += 1,
            Event::Text(text) => tally.text_bytes += text.xml10_content().len(),
            Event::CData(text) => tally.text_bytes += text.xml10_content().len(),
            Event::GeneralRef(reference) => tally.text_bytes += general_ref_len(&reference),
            Event::Eof => return tally,
            _ => {}
        }
    }
}

/// quick-xml's `NsReader`: every element and attribute name resolved, every text unescaped.
pub fn ns_reader_loop(xml: &str) -> Tally {
    let mut reader = quick_xml::NsReader::from_str(xml);
    let mut tally = Tally::default();
    let mut bound = 0usize;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .expect("well-formed benchmark input");
        bound += matches!(ns, quick_xml::name::ResolveResult::Bound(_)) as usize;
        match event {
            Event::Start(start) | Event::Empty(start) => {
                tally.elements += 1;
                for attr in start.attributes() {
                    let attr = attr.expect("well-formed attribute");
                    let (ns, _local) = reader.resolver().resolve_attribute(attr.key);
                    bound += matches!(ns, quick_xml::name::ResolveResult::Bound(_)) as usize;
                }
            }
            Event::Text(text) => tally.text_bytes += text.xml10_content().len(),
            Event::CData(text) => tally.text_bytes += text.xml10_content().len(),
            Event::GeneralRef(reference) => tally.text_bytes += general_ref_len(&reference),
            Event::Eof => {
                std::hint::black_box(bound);
                return tally;
            }
            _ => {}
        }
    }
}

fn general_ref_len(reference: &quick_xml::events::BytesRef<'_>) -> usize {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.len_utf8();
    }
    quick_xml::escape::resolve_predefined_entity(&reference.xml10_content()).map_or(0, str::len)
}

/// roxmltree: parse the whole tree, then walk it.
pub fn roxmltree_loop(xml: &str) -> Tally {
    let doc = roxmltree::Document::parse(xml).expect("well-formed benchmark input");
    let mut tally = Tally::default();
    for node in doc.root().descendants() {
        if node.is_element() {
            tally.elements += 1;
        } else if let Some(text) = node.text() {
            tally.text_bytes += text.len();
        }
    }
    tally
}

/// quick-xml's serde support into the hand-written structs of [`serde_model`].
pub fn serde_read(xml: &str) -> serde_model::Envelope {
    quick_xml::de::from_str(xml).expect("the serde model reads the benchmark input")
}

/// Messages that [`serde_read`] reads.
pub fn serde_items(xml: &str) -> usize {
    serde_read(xml).item_count()
}

/// The generated Exchange 2016 bindings (from the corpus).
#[cfg(ews_corpus)]
pub mod typed {
    pub use xsdgen_runtime::soap::Envelope;
    use xsdgen_tests::ews2016::messages::{
        ArrayOfResponseMessagesTypeResponse as Response, Document,
        ItemInfoResponseMessageTypeOrDerived,
    };
    use xsdgen_tests::ews2016::types::{ArrayOfRealItemsType, FindItemParentTypeItemsOrGroups};
    pub use xsdgen_tests::ews2016::Body;

    /// Reads a SOAP document into the generated types.
    pub fn read(xml: &str) -> Envelope<Body> {
        Envelope::from_xml_str(xml).expect("the generated reader accepts the benchmark input")
    }

    /// Writes a value back to XML.
    pub fn write(envelope: &Envelope<Body>) -> String {
        envelope
            .to_xml_string()
            .expect("the generated writer writes what it read")
    }

    fn items(items: &ArrayOfRealItemsType) -> usize {
        items.item.len()
    }

    /// Items in a FindItem, GetItem or SyncFolderItems response (changes, for the latter).
    pub fn item_count(envelope: &Envelope<Body>) -> usize {
        let Body::Messages(document) = &envelope.body else {
            return 0;
        };
        let messages = match document {
            Document::FindItemResponse(r) => &r.base.response_messages,
            Document::GetItemResponse(r) => &r.base.response_messages,
            Document::SyncFolderItemsResponse(r) => &r.base.response_messages,
            _ => return 0,
        };
        messages
            .response
            .iter()
            .map(|message| match message {
                Response::FindItemResponseMessage(m) => match &m.root_folder {
                    Some(folder) => match &folder.items_or_groups {
                        FindItemParentTypeItemsOrGroups::Items(i) => items(i),
                        FindItemParentTypeItemsOrGroups::Groups(_) => 0,
                    },
                    None => 0,
                },
                Response::GetItemResponseMessage(
                    ItemInfoResponseMessageTypeOrDerived::ItemInfoResponseMessageType(m),
                ) => items(&m.items),
                Response::SyncFolderItemsResponseMessage(m) => {
                    m.changes.as_ref().map_or(0, |c| c.choice.len())
                }
                _ => 0,
            })
            .sum()
    }
}
