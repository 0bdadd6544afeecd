//! What a read error lists as allowed where a document went wrong, through the bindings
//! of `fixtures/constructs.xsd`. Each expected list was worked out by hand from the
//! fixture's content models: the current particle's further occurrences, the particles
//! after it up to the first required one, a choice's alternatives, a group's first
//! elements, a wildcard; names in the parent's namespace bare, others with theirs.

use xsdgen_runtime::{read_document, ReadError};
use xsdgen_tests::fixture::constructs::Document;

const C: &str = "urn:xsdgen:test:constructs";
const O: &str = "urn:xsdgen:test:other";

fn err(doc: &str) -> ReadError {
    match read_document::<Document>(doc) {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e,
    }
}

/// An order whose content, from the first child, is `content`.
fn order(content: &str) -> String {
    format!("<Order xmlns=\"{C}\" xmlns:o=\"{O}\" createdBy=\"ann\">{content}</Order>")
}

const HEAD: &str = "<Id>ABC-0042</Id><Customer id=\"c1\"><Name>Ann</Name></Customer>\
                    <Line><Sku>X</Sku><Quantity>1</Quantity></Line>";

/// The message without its position, and the element path.
fn said(e: &ReadError) -> (String, &str) {
    (e.kind.to_string(), e.location.path.as_str())
}

#[test]
fn a_wrong_element_where_a_sequence_needs_one_names_it() {
    // Id, then the required Customer: nothing else may come between.
    let e = err(&order("<Id>ABC-0042</Id><Line/>"));
    assert_eq!(
        said(&e),
        (
            "unexpected element <Line>: expected <Customer>".into(),
            "Order/Line"
        )
    );
    // The whole message, position first: `<Line/>` starts at column 108.
    assert_eq!(
        e.to_string(),
        "1:108 at Order/Line: unexpected element <Line>: expected <Customer>"
    );
}

#[test]
fn a_missing_required_element_at_the_end_names_it() {
    let e = err(&format!("<Customer xmlns=\"{C}\" id=\"c1\"></Customer>"));
    assert_eq!(
        said(&e),
        (
            "missing element: expected <Name>, found the end of <Customer>".into(),
            "Customer"
        )
    );
}

#[test]
fn the_end_is_listed_when_the_rest_is_optional() {
    // Name, then Email? and Code?: either, or the end of Customer.
    let e = err(&format!(
        "<Customer xmlns=\"{C}\" id=\"c1\"><Name>A</Name><Phone/></Customer>"
    ));
    assert_eq!(
        said(&e),
        (
            "unexpected element <Phone>: expected one of <Email>, <Code>, or the end of \
             <Customer>"
                .into(),
            "Customer/Phone"
        )
    );
    // The README's example, whole: `<Phone/>` starts at column 68.
    assert_eq!(
        e.to_string(),
        "1:68 at Customer/Phone: unexpected element <Phone>: expected one of <Email>, <Code>, \
         or the end of <Customer>"
    );
}

#[test]
fn a_repeated_element_may_come_again_before_what_follows() {
    // Line is unbounded: after one, another Line or the required Total.
    let e = err(&order(&format!("{HEAD}<Bogus/>")));
    assert_eq!(
        said(&e),
        (
            "unexpected element <Bogus>: expected one of <Line>, <Total>".into(),
            "Order/Bogus"
        )
    );
}

#[test]
fn an_optional_run_then_a_required_choice_lists_all_of_them_with_foreign_namespaces() {
    // After Total: o:Note? (another namespace), five optional elements, then the
    // required choice of Delivery and Pickup.
    let e = err(&order(&format!(
        "{HEAD}<Total currency=\"EUR\">1</Total><Bogus/>"
    )));
    assert_eq!(
        said(&e),
        (
            format!(
                "unexpected element <Bogus>: expected one of <{{{O}}}Note>, <Comment>, \
                 <Referrer>, <Remark>, <Priority>, <Version>, <Delivery>, <Pickup>"
            ),
            "Order/Bogus"
        )
    );
    // The README's example: `<Bogus/>` starts at column 231.
    assert!(e.to_string().starts_with("1:231 at Order/Bogus: "), "{e}");
    // The choice alone, once the optional run is read.
    let e = err(&order(&format!(
        "{HEAD}<Total currency=\"EUR\">1</Total><Version>2</Version><Tags>a</Tags>"
    )));
    assert_eq!(
        said(&e).0,
        "unexpected element <Tags>: expected one of <Delivery>, <Pickup>"
    );
    // The found element is shown with its namespace when it is not the parent's.
    let e = err(&order(&format!(
        "{HEAD}<Total currency=\"EUR\">1</Total><Version>2</Version><o:Note>n</o:Note>"
    )));
    assert_eq!(
        said(&e).0,
        format!("unexpected element <{{{O}}}Note>: expected one of <Delivery>, <Pickup>")
    );
}

#[test]
fn groups_and_wildcards_are_listed_by_what_starts_them() {
    // Nested: A, (B, C)*, (D | E)+: after A, the inner sequence's B or the choice.
    let e = err(&format!("<Nested xmlns=\"{C}\"><A>x</A><Z/></Nested>"));
    assert_eq!(
        said(&e).0,
        "unexpected element <Z>: expected one of <B>, <D>, <E>"
    );
    // Inside the inner sequence, only C may follow B.
    let e = err(&format!(
        "<Nested xmlns=\"{C}\"><A>x</A><B>1</B><D>y</D></Nested>"
    ));
    assert_eq!(said(&e).0, "unexpected element <D>: expected <C>");
    // A substitution group's members (its abstract head is not one).
    let e = err(&format!("<Drawing xmlns=\"{C}\"><Shape/></Drawing>"));
    assert_eq!(
        said(&e).0,
        "unexpected element <Shape>: expected one of <Circle>, <Square>, <RoundedSquare>"
    );
    // ##other, or the end.
    let e = err(&format!(
        "<Open xmlns=\"{C}\"><Known>k</Known><Stray/></Open>"
    ));
    assert_eq!(
        said(&e).0,
        format!(
            "unexpected element <Stray>: expected any element outside namespace {C} or the \
             end of <Open>"
        )
    );
}

#[test]
fn text_and_no_namespace_names_are_described_too() {
    let e = err(&format!(
        "<Customer xmlns=\"{C}\" id=\"c1\">stray<Name>A</Name></Customer>"
    ));
    assert_eq!(said(&e).0, "unexpected text \"stray\": expected <Name>");
    // Plain's children are unqualified: in no namespace, under a parent that has one.
    let e = err(&format!(
        "<c:Plain xmlns:c=\"{C}\"><c:local>true</c:local></c:Plain>"
    ));
    assert_eq!(
        said(&e).0,
        "unexpected element <local>: expected <local> (no namespace)"
    );
}

#[test]
fn no_internal_sentinels_in_read_errors() {
    // An unbounded element read too few times, an unbounded choice not at all.
    for doc in [
        order("<Id>ABC-0042</Id><Customer id=\"c1\"><Name>A</Name></Customer><Total/>"),
        format!("<Nested xmlns=\"{C}\"><A>x</A></Nested>"),
    ] {
        let text = err(&doc).to_string();
        assert!(
            !text.contains("4294967295") && !text.contains("..="),
            "{text}"
        );
    }
}
