//! The front end, construct by construct, through code generated from
//! `fixtures/constructs.xsd` (which includes `constructs-include.xsd` and imports
//! `sub/other.xsd`). Expected values were worked out by hand from the fixture.

use xsdgen_runtime::types::Double;
use xsdgen_runtime::{
    read_document, write_document, Nillable, ReadErrorKind, SimpleType, WriteError,
};
use xsdgen_tests::fixture::constructs::{
    BaseItem, Book, Code, Customer, Document, Line, Nested, NestedDOrE, Order,
    OrderDeliveryOrPickup, Pamphlet, Percent, Plain, Priority, Quantity, Shape, ShapeTypeOrDerived,
    ShortText, SizeValue, SizeValueMember1, Status, TreeNode,
};
use xsdgen_tests::infoset;

const C: &str = "urn:xsdgen:test:constructs";
const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/constructs.rs"));

/// An order using every construct, written in canonical form so that it must
/// round-trip to the same infoset.
const ORDER: &str = r#"<?xml version="1.0"?>
<c:Order xmlns:c="urn:xsdgen:test:constructs" xmlns:o="urn:xsdgen:test:other"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" createdBy="ann" status="closed">
  <c:Id>ABC-0042</c:Id>
  <c:Customer id="c1"><c:Name>Ann</c:Name><c:Code>AB12</c:Code></c:Customer>
  <c:Line><c:Sku>X-1</c:Sku><c:Quantity>3</c:Quantity></c:Line>
  <c:Line><c:Sku>Y-2</c:Sku><c:Quantity>999</c:Quantity><c:Discount>12.50</c:Discount></c:Line>
  <c:Total currency="EUR">1234.5600</c:Total>
  <o:Note>thanks &amp; bye &lt;3</o:Note>
  <c:Comment xsi:nil="true"/>
  <c:Priority>high</c:Priority>
  <c:Version>2</c:Version>
  <c:Delivery><c:Street>Main St 1</c:Street><c:Country>DE</c:Country></c:Delivery>
  <c:Tags>a b c</c:Tags>
  <c:Size>large</c:Size>
  <c:Extra kind="x"><anything xmlns="urn:z">text<b/></anything></c:Extra>
</c:Order>"#;

fn read(doc: &str) -> Document {
    read_document(doc).unwrap_or_else(|e| panic!("{e}"))
}

fn order(doc: &str) -> Order {
    match read(doc) {
        Document::Order(o) => o,
        other => panic!("not an order: {other:?}"),
    }
}

fn err(doc: &str) -> xsdgen_runtime::ReadError {
    match read_document::<Document>(doc) {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e,
    }
}

/// ORDER with one piece replaced.
fn order_with(from: &str, to: &str) -> String {
    assert!(ORDER.contains(from), "{from}");
    ORDER.replacen(from, to, 1)
}

#[test]
fn an_order_with_every_construct_reads_into_the_right_values() {
    let o = order(ORDER);
    // attributes: required (from an attribute group), default, fixed
    assert_eq!(o.created_by, "ann");
    assert_eq!(
        o.revision, None,
        "an absent attribute with a default stays absent"
    );
    assert_eq!(o.status, Some(Status::Closed));
    assert_eq!(o.channel, None);
    // global element by ref, local elements, pattern and length facets
    assert_eq!(o.id.get(), "ABC-0042");
    assert_eq!(o.customer.id, "c1");
    assert_eq!(o.customer.name.get(), "Ann");
    assert_eq!(o.customer.email, None);
    assert_eq!(
        o.customer.code.as_ref().map(|c| c.get().as_str()),
        Some("AB12")
    );
    // maxOccurs unbounded of a type with xs:all (children in any order)
    assert_eq!(o.line.len(), 2);
    assert_eq!(
        (o.line[0].sku.as_str(), *o.line[0].quantity.get()),
        ("X-1", 3)
    );
    assert_eq!(
        o.line[1].discount.as_ref().map(|d| d.get().as_str()),
        Some("12.50")
    );
    // simpleContent extension from the imported schema: exact decimal
    assert_eq!(o.total.value.as_str(), "1234.5600");
    assert_eq!(o.total.currency.get(), "EUR");
    // element ref into the other namespace; entities resolved
    assert_eq!(o.note.as_deref(), Some("thanks & bye <3"));
    // nillable
    assert_eq!(o.comment, Some(Nillable::Nil));
    assert_eq!(o.priority, Some(Priority::High));
    assert_eq!(o.version, Some(2));
    // choice with a group reference inside an anonymous type
    let OrderDeliveryOrPickup::Delivery(d) = &o.delivery_or_pickup else {
        panic!("{:?}", o.delivery_or_pickup)
    };
    assert_eq!(
        (d.street.as_str(), d.country.get().as_str()),
        ("Main St 1", "DE")
    );
    // list and union
    assert_eq!(o.tags.as_ref().unwrap().0, vec!["a", "b", "c"]);
    assert_eq!(o.size, Some(SizeValue::Member1(SizeValueMember1::Large)));
    // an element without a type is xs:anyType, kept as a tree
    let extra = o.extra.as_ref().unwrap();
    assert_eq!(extra.attributes[0].local, "kind");
    assert_eq!(extra.children.len(), 1);
}

#[test]
fn an_order_with_every_construct_round_trips() {
    let written = write_document(&read(ORDER)).unwrap();
    infoset::compare(ORDER, &written).unwrap();
    assert_eq!(read(&written), read(ORDER));
}

#[test]
fn all_group_members_are_read_in_any_order() {
    let shuffled = order_with(
        "<c:Sku>Y-2</c:Sku><c:Quantity>999</c:Quantity><c:Discount>12.50</c:Discount>",
        "<c:Discount>12.50</c:Discount><c:Quantity>999</c:Quantity><c:Sku>Y-2</c:Sku>",
    );
    let (mut shuffled, canonical) = (order(&shuffled), order(ORDER));
    assert_eq!(shuffled.line[1].all_order, [2, 1, 0]);
    // The same members, in another order.
    shuffled.line[1].all_order = vec![0, 1, 2];
    assert_eq!(shuffled, canonical);
}

#[test]
fn union_members_are_tried_in_order() {
    assert_eq!(SizeValue::parse("42"), Ok(SizeValue::Int(42)));
    assert_eq!(
        SizeValue::parse("small"),
        Ok(SizeValue::Member1(SizeValueMember1::Small))
    );
    assert!(SizeValue::parse("medium").is_err());
}

#[test]
fn whitespace_facets_are_applied_before_checking() {
    // xs:token enumeration collapses; whiteSpace="collapse" on a string restriction too.
    let o = order(&order_with("status=\"closed\"", "status=\"  closed \""));
    assert_eq!(o.status, Some(Status::Closed));
    let o = order(&order_with(
        "<c:Code>AB12</c:Code>",
        "<c:Code>  AB12\n</c:Code>",
    ));
    assert_eq!(o.customer.code.unwrap().get(), "AB12");
    // xs:string preserves: the pattern sees the spaces.
    let e = err(&order_with(
        "<c:Id>ABC-0042</c:Id>",
        "<c:Id> ABC-0042</c:Id>",
    ));
    assert!(e.to_string().contains("does not match pattern"), "{e}");
    let o = order(&order_with(
        "<c:Tags>a b c</c:Tags>",
        "<c:Tags>\n a\tb  c </c:Tags>",
    ));
    assert_eq!(o.tags.unwrap().0, vec!["a", "b", "c"]);
}

#[test]
fn element_default_and_fixed_values() {
    let o = order(&order_with(
        "<c:Priority>high</c:Priority>",
        "<c:Priority/>",
    ));
    assert_eq!(
        o.priority,
        Some(Priority::Normal),
        "an empty element takes its default"
    );
    let o = order(&order_with("<c:Version>2</c:Version>", "<c:Version/>"));
    assert_eq!(o.version, Some(2));
    let e = err(&order_with(
        "<c:Version>2</c:Version>",
        "<c:Version>3</c:Version>",
    ));
    assert_eq!(e.location.path, "Order/Version");
    assert!(e.to_string().contains("fixed to \"2\""), "{e}");
    let e = err(&order_with(
        "createdBy=\"ann\"",
        "createdBy=\"ann\" channel=\"mail\"",
    ));
    assert!(e.to_string().contains("fixed to \"web\""), "{e}");
    let o = order(&order_with(
        "createdBy=\"ann\"",
        "createdBy=\"ann\" channel=\"web\"",
    ));
    assert_eq!(o.channel.as_deref(), Some("web"));
}

#[test]
fn every_facet_is_checked_while_reading() {
    let cases = [
        (
            "<c:Id>ABC-0042</c:Id>",
            "<c:Id>AB-1</c:Id>",
            "Order/Id",
            "does not match pattern \"[A-Z]{3}-[0-9]{4}\"",
        ),
        (
            "<c:Quantity>3</c:Quantity>",
            "<c:Quantity>0</c:Quantity>",
            "Order/Line/Quantity",
            "less than minInclusive 1",
        ),
        (
            "<c:Quantity>999</c:Quantity>",
            "<c:Quantity>1000</c:Quantity>",
            "Order/Line/Quantity",
            "not less than maxExclusive 1000",
        ),
        (
            "<c:Discount>12.50</c:Discount>",
            "<c:Discount>0</c:Discount>",
            "Order/Line/Discount",
            "not greater than minExclusive 0",
        ),
        (
            "<c:Discount>12.50</c:Discount>",
            "<c:Discount>100.5</c:Discount>",
            "Order/Line/Discount",
            "greater than maxInclusive 100",
        ),
        (
            "<c:Discount>12.50</c:Discount>",
            "<c:Discount>9.999</c:Discount>",
            "Order/Line/Discount",
            "3 fraction digits, more than fractionDigits 2",
        ),
        (
            "<c:Discount>12.50</c:Discount>",
            "<c:Discount>0.00001</c:Discount>",
            "Order/Line/Discount",
            "fraction digits",
        ),
        (
            "<c:Discount>12.50</c:Discount>",
            "<c:Discount>123456</c:Discount>",
            "Order/Line/Discount",
            "6 digits, more than totalDigits 5",
        ),
        (
            "<c:Name>Ann</c:Name>",
            "<c:Name></c:Name>",
            "Order/Customer/Name",
            "shorter than minLength 1",
        ),
        (
            "<c:Name>Ann</c:Name>",
            "<c:Name>Annabelle-Jo</c:Name>",
            "Order/Customer/Name",
            "longer than maxLength 10",
        ),
        (
            "<c:Code>AB12</c:Code>",
            "<c:Code>AB1</c:Code>",
            "Order/Customer/Code",
            "length is 3, must be 4",
        ),
        (
            "<c:Country>DE</c:Country>",
            "<c:Country>de</c:Country>",
            "Order/Delivery/Country",
            "does not match pattern",
        ),
        (
            "currency=\"EUR\"",
            "currency=\"EURO\"",
            "Order/Total/@currency",
            "length is 4, must be 3",
        ),
        (
            "status=\"closed\"",
            "status=\"shut\"",
            "Order/@status",
            "not one of open, closed",
        ),
        (
            "<c:Version>2</c:Version>",
            "<c:Version>two</c:Version>",
            "Order/Version",
            "not a valid xs:int",
        ),
        (
            "<c:Size>large</c:Size>",
            "<c:Size>huge</c:Size>",
            "Order/Size",
            "matches no member type",
        ),
    ];
    for (from, to, path, message) in cases {
        let e = err(&order_with(from, to));
        assert_eq!(e.location.path, path, "{to}: {e}");
        assert!(e.to_string().contains(message), "{to}: {e}");
    }
}

#[test]
fn occurrence_order_and_required_attributes_are_checked() {
    let e = err(&order_with(" createdBy=\"ann\"", ""));
    assert_eq!(
        e.kind,
        ReadErrorKind::MissingAttribute {
            name: "createdBy".into()
        }
    );
    let e = err(&order_with("<c:Customer id=\"c1\">", "<c:Customer>"));
    assert_eq!(
        e.kind,
        ReadErrorKind::MissingAttribute { name: "id".into() }
    );
    // the required choice: neither branch present
    let e = err(&order_with(
        "<c:Delivery><c:Street>Main St 1</c:Street><c:Country>DE</c:Country></c:Delivery>",
        "",
    ));
    assert!(
        e.to_string()
            .contains("unexpected element <Tags>: expected one of <Delivery>, <Pickup>"),
        "{e}"
    );
    // maxOccurs="unbounded" with minOccurs 1: no Line at all
    let no_lines = ORDER
        .lines()
        .filter(|l| !l.contains("<c:Line>"))
        .collect::<Vec<_>>()
        .join("\n");
    let e = err(&no_lines);
    assert!(
        e.to_string()
            .contains("unexpected element <Total>: expected <Line>"),
        "{e}"
    );
    // xs:all: a missing required member, a repeated member
    let e = err(&order_with(
        "<c:Sku>X-1</c:Sku><c:Quantity>3</c:Quantity>",
        "<c:Quantity>3</c:Quantity>",
    ));
    assert_eq!(e.location.path, "Order/Line");
    assert!(e.to_string().contains("Sku"), "{e}");
    let e = err(&order_with(
        "<c:Sku>X-1</c:Sku>",
        "<c:Sku>X-1</c:Sku><c:Sku>X-2</c:Sku>",
    ));
    assert!(
        e.to_string()
            .contains("unexpected element <Sku>: expected one of <Quantity>, <Discount>"),
        "{e}"
    );
    // xsi:nil on an element that is not nillable
    let e = err(&order_with(
        "<c:Id>ABC-0042</c:Id>",
        "<c:Id xsi:nil=\"true\"/>",
    ));
    assert_eq!(e.location.path, "Order/Id");
    assert!(matches!(e.kind, ReadErrorKind::Nil(_)), "{e}");
}

#[test]
fn complex_content_extension_reads_base_then_derived_content() {
    let doc = format!(
        "<Book xmlns=\"{C}\" sku=\"b1\" pages=\"320\"><Title>T</Title><Author>A</Author><Author>B</Author></Book>"
    );
    let Document::Book(book) = read(&doc) else {
        panic!()
    };
    assert_eq!(
        book,
        Book {
            xsi_location: Default::default(),
            base: BaseItem {
                sku: "b1".into(),
                title: "T".into()
            },
            pages: Some(320),
            author: vec!["A".into(), "B".into()]
        },
        "the derived type holds its base instead of copying its fields"
    );
    infoset::compare(&doc, &write_document(&Document::Book(book)).unwrap()).unwrap();
    let four = doc.replace(
        "<Author>B</Author>",
        "<Author>B</Author><Author>C</Author><Author>D</Author>",
    );
    let e = err(&four);
    assert!(
        e.to_string()
            .contains("unexpected element <Author>: expected the end of <Book>"),
        "{e}"
    );
    let e = err(&doc.replace("<Title>T</Title>", ""));
    assert!(
        e.to_string()
            .contains("unexpected element <Author>: expected <Title>"),
        "{e}"
    );
}

#[test]
fn complex_content_restriction_restates_its_content() {
    let doc = format!("<Pamphlet xmlns=\"{C}\" sku=\"p1\"><Title>T</Title></Pamphlet>");
    let Document::Pamphlet(p) = read(&doc) else {
        panic!()
    };
    assert_eq!(
        p,
        Pamphlet {
            xsi_location: Default::default(),
            sku: "p1".into(),
            title: "T".into()
        }
    );
    infoset::compare(&doc, &write_document(&Document::Pamphlet(p)).unwrap()).unwrap();
    let e = err(&doc.replace("</Title>", "</Title><Author>A</Author>"));
    assert!(
        e.to_string()
            .contains("unexpected element <Author>: expected the end of <Pamphlet>"),
        "{e}"
    );
}

#[test]
fn nested_sequences_and_choices_with_occurrences() {
    let doc = format!(
        "<Nested xmlns=\"{C}\"><A>x</A><B>1</B><C>2</C><B>3</B><C>4</C><E>2.5</E><D>y</D><E>INF</E></Nested>"
    );
    let Document::Nested(n) = read(&doc) else {
        panic!()
    };
    assert_eq!(
        n.sequence.iter().map(|s| (s.b, s.c)).collect::<Vec<_>>(),
        [(1, 2), (3, 4)]
    );
    assert_eq!(
        n.d_or_e,
        [
            NestedDOrE::E(Double::new("2.5").unwrap()),
            NestedDOrE::D("y".into()),
            NestedDOrE::E(Double::from(f64::INFINITY))
        ]
    );
    infoset::compare(&doc, &write_document(&Document::Nested(n)).unwrap()).unwrap();
    // the inner sequence is all-or-nothing; the choice needs at least one
    let e = err(&format!(
        "<Nested xmlns=\"{C}\"><A>x</A><B>1</B><D>y</D></Nested>"
    ));
    assert!(
        e.to_string()
            .contains("unexpected element <D>: expected <C>"),
        "{e}"
    );
    let e = err(&format!("<Nested xmlns=\"{C}\"><A>x</A></Nested>"));
    assert!(
        e.to_string()
            .contains("missing element: expected one of <B>, <D>, <E>, found the end of <Nested>"),
        "{e}"
    );
    assert_eq!(
        Nested {
            xsi_location: Default::default(),
            a: "x".into(),
            sequence: vec![],
            d_or_e: vec![]
        }
        .a,
        "x",
        "plain structs, buildable by hand"
    );
}

#[test]
fn recursive_types_are_boxed_and_read_at_any_depth() {
    let doc = format!(
        "<Tree xmlns=\"{C}\"><Value>1</Value><Child><Value>2</Value><Child><Value>3</Value></Child></Child></Tree>"
    );
    let Document::Tree(t) = read(&doc) else {
        panic!()
    };
    let expected = TreeNode {
        xsi_location: Default::default(),
        value: 1,
        child: Some(Box::new(TreeNode {
            xsi_location: Default::default(),
            value: 2,
            child: Some(Box::new(TreeNode {
                xsi_location: Default::default(),
                value: 3,
                child: None,
            })),
        })),
    };
    assert_eq!(t, expected);
    infoset::compare(&doc, &write_document(&Document::Tree(t)).unwrap()).unwrap();
}

#[test]
fn unqualified_local_elements_and_imported_attributes() {
    let doc = format!(
        "<c:Plain xmlns:c=\"{C}\" xmlns:o=\"urn:xsdgen:test:other\" o:lang=\"en\"><local>true</local></c:Plain>"
    );
    let Document::Plain(p) = read(&doc) else {
        panic!()
    };
    assert_eq!(
        p,
        Plain {
            xsi_location: Default::default(),
            lang: Some("en".into()),
            local: true
        }
    );
    infoset::compare(&doc, &write_document(&Document::Plain(p)).unwrap()).unwrap();
    // the same local name in the target namespace is a different element
    let e = err(&format!(
        "<c:Plain xmlns:c=\"{C}\"><c:local>true</c:local></c:Plain>"
    ));
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedElement {
            expected: "<local> (no namespace)".into(),
            found: "<local>".into(),
        }
    );
}

#[test]
fn wildcards_keep_foreign_elements_and_attributes() {
    let doc = format!(
        "<c:Open xmlns:c=\"{C}\" xmlns:x=\"urn:x\" id=\"1\" x:extra=\"yes\"><c:Known>k</c:Known>\
         <x:Thing a=\"1\">t<x:Sub/>u</x:Thing><x:Other/></c:Open>"
    );
    let Document::Open(open) = read(&doc) else {
        panic!()
    };
    assert_eq!(open.id.as_deref(), Some("1"));
    assert_eq!(open.other_attributes.len(), 1);
    assert_eq!(
        (
            open.other_attributes[0].ns.as_deref(),
            open.other_attributes[0].local.as_str()
        ),
        (Some("urn:x"), "extra")
    );
    assert_eq!(
        open.any
            .iter()
            .map(|e| e.local.as_str())
            .collect::<Vec<_>>(),
        ["Thing", "Other"]
    );
    infoset::compare(&doc, &write_document(&Document::Open(open)).unwrap()).unwrap();
    // ##other takes neither unqualified attributes nor the target namespace's elements
    let e = err(&format!(
        "<c:Open xmlns:c=\"{C}\" bad=\"1\"><c:Known>k</c:Known></c:Open>"
    ));
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "bad".into()
        }
    );
    let e = err(&format!(
        "<c:Open xmlns:c=\"{C}\"><c:Known>k</c:Known><c:Stray/></c:Open>"
    ));
    assert!(
        e.to_string().contains(&format!(
            "unexpected element <Stray>: expected any element outside namespace {C} \
                 or the end of <Open>"
        )),
        "{e}"
    );
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

#[test]
fn substitution_groups_and_xsi_type_choose_the_type() {
    let doc = format!(
        "<Drawing xmlns=\"{C}\" xmlns:xsi=\"{XSI}\">\
         <Circle id=\"c\"><Radius>1</Radius></Circle><Square><Side>2</Side></Square>\
         <RoundedSquare><Side>3</Side></RoundedSquare>\
         <Figure xsi:type=\"SquareType\"><Side>4</Side></Figure>\
         <Figure xmlns:q=\"{C}\" xsi:type=\"q:CircleType\" id=\"z\"><Radius>5</Radius></Figure>\
         </Drawing>"
    );
    let Document::Drawing(d) = read(&doc) else {
        panic!()
    };
    let names: Vec<&str> = d
        .shape
        .iter()
        .map(|s| match s {
            Shape::Circle(_) => "circle",
            Shape::Square(_) => "square",
            Shape::RoundedSquare(_) => "rounded",
        })
        .collect();
    assert_eq!(
        names,
        ["circle", "square", "rounded"],
        "a member of a member counts"
    );
    let Shape::Circle(circle) = &d.shape[0] else {
        panic!()
    };
    assert_eq!(
        (circle.base.id.as_deref(), circle.radius.value()),
        (Some("c"), 1.0)
    );
    match (&d.figure[0], &d.figure[1]) {
        (ShapeTypeOrDerived::SquareType(s), ShapeTypeOrDerived::CircleType(c)) => {
            assert_eq!(
                (s.side.value(), c.radius.value(), c.base.id.as_deref()),
                (4.0, 5.0, Some("z"))
            );
        }
        other => panic!("{other:?}"),
    }
    let written = write_document(&Document::Drawing(d)).unwrap();
    assert!(written.contains("xsi:type="), "{written}");
    infoset::compare(&doc, &written).unwrap();

    let drawing = |body: &str| {
        format!("<Drawing xmlns=\"{C}\" xmlns:xsi=\"{XSI}\"><Square><Side>1</Side></Square>{body}</Drawing>")
    };
    let e = err(&format!("<Drawing xmlns=\"{C}\"><Shape/></Drawing>"));
    assert!(
        e.to_string()
            .contains("expected one of <Circle>, <Square>, <RoundedSquare>"),
        "{e}"
    );
    let e = err(&drawing("<Figure><Side>1</Side></Figure>"));
    assert_eq!(e.location.path, "Drawing/Figure");
    assert!(e.to_string().contains("ShapeType is abstract"), "{e}");
    let e = err(&drawing("<Figure xsi:type=\"Customer\"/>"));
    assert!(
        e.to_string()
            .contains("xsi:type \"Customer\" is not ShapeType or a type derived from it"),
        "{e}"
    );
    let e = err(&drawing("<Figure xsi:type=\"nope:SquareType\"/>"));
    assert!(
        e.to_string().contains("unbound namespace prefix \"nope\""),
        "{e}"
    );
    let e = err(&drawing(
        "<Figure xsi:type=\"SquareType\" size=\"1\"><Side>1</Side></Figure>",
    ));
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "size".into()
        }
    );
}

/// `xsi:type` may name the element's own declared type even where no type derives from
/// it; that changes nothing in what is read, so it is accepted and not written back.
/// Any other type there is an error.
#[test]
fn xsi_type_naming_the_declared_type_reads_as_without_it() {
    let plain = order(ORDER);
    let typed = order(&order_with(
        "<c:Customer id=\"c1\">",
        "<c:Customer xmlns:q=\"urn:xsdgen:test:constructs\" xsi:type=\"q:Customer\" id=\"c1\">",
    ));
    assert_eq!(typed, plain);
    let written = write_document(&Document::Order(typed)).unwrap();
    assert!(!written.contains("type="), "{written}");
    infoset::compare(ORDER, &written).unwrap();

    let e = err(&order_with(
        "<c:Customer id=\"c1\">",
        "<c:Customer xsi:type=\"c:Line\" id=\"c1\">",
    ));
    assert_eq!(e.location.path, "Order/Customer");
    assert!(
        e.to_string()
            .contains("xsi:type \"c:Line\" is not the element's declared type"),
        "{e}"
    );

    // The same on elements of simple type: a named type may be repeated, nothing else.
    let typed = order(&order_with("<c:Id>", "<c:Id xsi:type=\"c:OrderId\">"));
    assert_eq!(typed, plain);
    let e = err(&order_with("<c:Id>", "<c:Id xsi:type=\"c:Code\">"));
    assert_eq!(
        (
            e.location.path.as_str(),
            matches!(e.kind, ReadErrorKind::XsiType(_))
        ),
        ("Order/Id", true),
        "{e}"
    );
    // `String` holds xs:string and the token types alike, so it cannot tell that
    // xs:string is the declared type: an error, not a silent guess.
    let e = err(&order_with(
        "<c:Sku>X-1",
        "<c:Sku xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">X-1",
    ));
    assert!(matches!(e.kind, ReadErrorKind::XsiType(_)), "{e}");
    let version = order(&order_with(
        "<c:Version>2",
        "<c:Version xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:int\">2",
    ));
    assert_eq!(version, plain, "c:Version is an xs:int");
}

/// An element of simple type has no attributes (`xsi:type`, `xsi:nil` and the location
/// hints aside): any other is an error, not dropped; so is one on a nil element, which
/// `Nillable::Nil` cannot hold, and a name in the `xsi:` namespace that XSD does not
/// define, on any element.
#[test]
fn attributes_on_elements_of_simple_type_are_errors() {
    for (from, to) in [
        ("<c:Sku>X-1", "<c:Sku xsi:kind=\"a\">X-1"),
        (
            "<c:Customer id=\"c1\">",
            "<c:Customer xsi:kind=\"a\" id=\"c1\">",
        ),
    ] {
        let e = err(&order_with(from, to));
        assert_eq!(
            e.kind,
            ReadErrorKind::UnexpectedAttribute {
                found: format!("{{{XSI}}}kind")
            }
        );
    }
    let located = order(&order_with(
        "<c:Sku>X-1",
        "<c:Sku xsi:schemaLocation=\"urn:x x.xsd\">X-1",
    ));
    assert_eq!(
        located,
        order(ORDER),
        "a location hint is no attribute of the type"
    );

    let e = err(&order_with("<c:Sku>X-1", "<c:Sku note=\"n\">X-1"));
    assert_eq!(e.location.path, "Order/Line/Sku");
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "note".into()
        }
    );
    let e = err(&order_with("<c:Street>", "<c:Street o:x=\"1\">"));
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "{urn:xsdgen:test:other}x".into()
        }
    );
    let e = err(&order_with(
        "<c:Comment xsi:nil=\"true\"/>",
        "<c:Comment xsi:nil=\"true\" why=\"none\"/>",
    ));
    assert_eq!(e.location.path, "Order/Comment");
    assert_eq!(
        e.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "why".into()
        }
    );
    // A nil element still needs the attributes its type requires (Customer's `id`),
    // and a declared attribute on a nil element, valid XSD, has nowhere to be kept.
    let nil_referrer = order_with("<c:Priority>", "<c:Referrer xsi:nil=\"true\"/><c:Priority>");
    let e = err(&nil_referrer);
    assert_eq!(e.location.path, "Order/Referrer");
    assert_eq!(
        e.kind,
        ReadErrorKind::MissingAttribute { name: "id".into() }
    );
    let e = err(&nil_referrer.replace("<c:Referrer ", "<c:Referrer id=\"c9\" "));
    assert!(matches!(e.kind, ReadErrorKind::Nil(_)), "{e}");
    let e = err(&nil_referrer.replace("<c:Referrer ", "<c:Referrer xsi:type=\"c:Line\" "));
    assert!(matches!(e.kind, ReadErrorKind::XsiType(_)), "{e}");

    // `xs:anyType` elements keep `xsi:nil` in their tree where the declaration is
    // nillable (`Remark`), and refuse it where it is not (`Extra`).
    let nil_remark = order_with("<c:Priority>", "<c:Remark xsi:nil=\"true\"/><c:Priority>");
    let remark = order(&nil_remark).remark.expect("the remark is kept");
    assert_eq!(
        (
            remark.attributes[0].local.as_str(),
            remark.attributes[0].value.as_str()
        ),
        ("nil", "true")
    );
    infoset::compare(
        &nil_remark,
        &write_document(&Document::Order(order(&nil_remark))).unwrap(),
    )
    .unwrap();
    let e = err(&nil_remark.replace("/><c:Priority>", "><x/></c:Remark><c:Priority>"));
    assert_eq!(e.location.path, "Order/Remark");
    assert!(matches!(e.kind, ReadErrorKind::Nil(_)), "{e}");
    let e = err(&order_with(
        "<c:Extra kind=\"x\">",
        "<c:Extra kind=\"x\" xsi:nil=\"true\">",
    ));
    assert_eq!(e.location.path, "Order/Extra");
    assert!(e.to_string().contains("Extra is not nillable"), "{e}");
    let e = err(&nil_referrer.replace("<c:Referrer ", "<c:Referrer id=\"r\" "));
    assert_eq!(e.location.path, "Order/Referrer");
    assert!(
        matches!(&e.kind, ReadErrorKind::Nil(m) if m.contains("attribute id")),
        "{e}"
    );
}

#[test]
fn writing_checks_facets_and_occurrences() {
    assert!(Quantity::new(0).is_err());
    assert!(Quantity::new(999).is_ok());
    assert!(ShortText::new(String::new()).is_err());
    assert!(Code::new("ABCD".into()).is_ok());
    assert!(Percent::parse("100").is_ok());
    let mut o = order(ORDER);
    o.line.clear();
    let e = write_document(&Document::Order(o)).unwrap_err();
    assert!(
        matches!(e, WriteError::Occurrence { ref name, count: 0, min: 1, .. } if name == "Line"),
        "{e}"
    );
    let line = Line::new("s".into(), Quantity::new(1).unwrap());
    let customer = Customer {
        xsi_location: Default::default(),
        id: "c".into(),
        name: ShortText::new("N".into()).unwrap(),
        email: None,
        code: None,
    };
    assert_eq!((line.sku.len(), customer.id.len()), (1, 1));
}

#[test]
fn documentation_becomes_rustdoc_including_included_and_imported_files() {
    for doc in [
        "/// An order: the element with most of the constructs.",
        "/// `normal`: The usual speed.",
        "/// Two capital letters.",
        "/// An amount with its currency.",
    ] {
        assert!(GENERATED.contains(doc), "missing {doc}");
    }
}

#[test]
fn the_schema_set_document_reads_roots_of_every_namespace() {
    use xsdgen_tests::fixture::{self, other};
    // A root of the imported namespace and one of the main namespace, through one type.
    let note = r#"<Note xmlns="urn:xsdgen:test:other">a &amp; b</Note>"#;
    let value: fixture::Document = read_document(note).unwrap();
    assert_eq!(
        value,
        fixture::Document::Other(other::Document::Note("a & b".into()))
    );
    assert!(infoset::compare(note, &write_document(&value).unwrap()).is_ok());
    let tree = format!("<Tree xmlns=\"{C}\"><Value>1</Value></Tree>");
    let value: fixture::Document = read_document(&tree).unwrap();
    assert!(matches!(
        value,
        fixture::Document::Constructs(Document::Tree(_))
    ));
    // Anything else names both namespaces.
    let err = read_document::<fixture::Document>("<Tree/>").unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:1 at Tree: unexpected element <Tree>: expected a global element of namespace \
         urn:xsdgen:test:constructs or urn:xsdgen:test:other"
    );
}

#[test]
fn xs_all_members_are_written_back_in_the_order_they_were_read() {
    let doc = order_with(
        "<c:Line><c:Sku>X-1</c:Sku><c:Quantity>3</c:Quantity></c:Line>",
        "<c:Line><c:Quantity>3</c:Quantity><c:Sku>X-1</c:Sku></c:Line>",
    );
    let o = order(&doc);
    // Quantity (index 1 in declaration order) came before Sku (index 0).
    assert_eq!(o.line[0].all_order, [1, 0]);
    let written = write_document(&Document::Order(o.clone())).unwrap();
    assert!(
        written.contains("<Line><Quantity>3</Quantity><Sku>X-1</Sku></Line>"),
        "{written}"
    );
    assert_eq!(order(&written), o);
    // Built in code (no order recorded): declaration order.
    let line = Line::new("S".into(), Quantity::new(1).unwrap());
    assert!(line.all_order.is_empty());
}

#[test]
fn values_convert_into_their_choice_and_xsi_type_enums_and_enumerations_parse_and_print() {
    use xsdgen_tests::fixture::constructs::{CircleType, OrderDelivery};
    // A derived type's value converts into its declared type's `…OrDerived` enum.
    let mut circle = CircleType::new(Double::new("2.5").unwrap());
    circle.base.id = Some("c1".into());
    let figure: ShapeTypeOrDerived = circle.clone().into();
    assert_eq!(figure, ShapeTypeOrDerived::CircleType(Box::new(circle)));
    // Whichever derived type it is, the declared type's part is at hand.
    assert_eq!(figure.as_shape().id.as_deref(), Some("c1"));
    // An alternative of a choice converts into the choice (boxed where the choice boxes).
    let delivery = match order(ORDER).delivery_or_pickup {
        OrderDeliveryOrPickup::Delivery(d) => *d,
        other => panic!("{other:?}"),
    };
    let choice: OrderDeliveryOrPickup = delivery.clone().into();
    assert_eq!(
        choice,
        OrderDeliveryOrPickup::Delivery(Box::<OrderDelivery>::new(delivery))
    );
    // Enumerations parse from and print as their XML values.
    assert_eq!("high".parse::<Priority>(), Ok(Priority::High));
    assert_eq!(Priority::Normal.to_string(), "normal");
    assert!("urgent".parse::<Priority>().is_err());
    // Restricted simple types parse with their facets checked.
    assert_eq!("7".parse::<Quantity>().map(|q| *q.get()), Ok(7));
    // minInclusive 1, maxExclusive 1000.
    assert!("0".parse::<Quantity>().is_err());
    assert!("1000".parse::<Quantity>().is_err());
}
