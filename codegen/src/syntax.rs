//! Stage 2, syntax: each schema file as a typed tree of the XSD as written.
//!
//! QName references are resolved against the namespace declarations in scope where
//! they are written; nothing is looked up across files yet. Constructs that xsdgen does
//! not handle are reported here, with their position, rather than skipped.

use std::fmt;
use std::path::Path;

use roxmltree::Node;

use crate::error::{Error, Result, Span};
use crate::load::{parse_xml, schema_element, LineIndex, LinkKind, SchemaSet, SourceFile, XS_NS};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A namespace-qualified name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI; `None` for no namespace.
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A name in namespace `ns`.
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        Self {
            ns: ns.map(str::to_string),
            local: local.to_string(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.ns {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A number.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

/// One schema document.
#[derive(Debug)]
pub struct Schema {
    /// `targetNamespace` (for a chameleon include: the includer's).
    pub target_ns: Option<String>,
    /// Top-level declarations and definitions, in document order (those inside
    /// `xs:redefine` and `xs:override` included).
    pub items: Vec<TopLevel>,
    /// The schemas this one includes, redefines or overrides (indices into the list
    /// [`parse`] returns).
    pub includes: Vec<usize>,
    /// Its `xs:redefine` and `xs:override` elements, applied by [`crate::redefine`].
    pub redefinitions: Vec<Redefinition>,
}

/// An `xs:redefine` or `xs:override` and the definitions it brings.
#[derive(Debug, Clone)]
pub struct Redefinition {
    /// The `xs:redefine` or `xs:override` element.
    pub span: Span,
    /// Which of the two.
    pub kind: RedefinitionKind,
    /// The schema it redefines or overrides (index into the list [`parse`] returns).
    pub schema: usize,
    /// The new definitions: indices into the redefining schema's `items`.
    pub items: Vec<usize>,
}

/// `xs:redefine` (XSD 1.0) or `xs:override` (XSD 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedefinitionKind {
    /// A redefinition may refer to the definition it replaces (its base, its group).
    Redefine,
    /// An override replaces the component outright.
    Override,
}

/// A top-level schema component.
#[derive(Debug)]
pub enum TopLevel {
    /// `xs:element`.
    Element(Element),
    /// `xs:attribute`.
    Attribute(Attribute),
    /// `xs:simpleType`.
    SimpleType(SimpleType),
    /// `xs:complexType`.
    ComplexType(ComplexType),
    /// `xs:group`.
    Group(Group),
    /// `xs:attributeGroup`.
    AttributeGroup(AttributeGroup),
}

/// `xs:element`, global or local.
#[derive(Debug, Clone)]
pub struct Element {
    pub span: Span,
    /// `name`, qualified by the schema's target namespace where the form says so.
    pub name: Option<QName>,
    pub reference: Option<QName>,
    pub type_name: Option<QName>,
    pub inline_type: Option<Box<InlineType>>,
    pub min: u32,
    pub max: MaxOccurs,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    /// `abstract="true"`: only members of its substitution group may appear.
    pub abstract_: bool,
    /// `substitutionGroup`: the head element this one may stand in for.
    pub substitution_group: Option<QName>,
    /// `xs:unique`, `xs:key`, `xs:keyref`: parsed and checked for form, not enforced
    /// when documents are read (they constrain values, not the shape of the types).
    pub identity_constraints: Vec<IdentityConstraint>,
}

/// An identity constraint as written.
#[derive(Debug, Clone)]
pub struct IdentityConstraint {
    pub name: QName,
    /// The key a `keyref` refers to.
    pub refer: Option<QName>,
    pub selector: String,
    pub fields: Vec<String>,
}

/// An anonymous type inside an element.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // built once per schema file; size does not matter
pub enum InlineType {
    Simple(SimpleType),
    Complex(ComplexType),
}

/// `xs:attribute`.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub span: Span,
    pub name: Option<QName>,
    pub reference: Option<QName>,
    pub type_name: Option<QName>,
    pub inline_type: Option<SimpleType>,
    pub use_: AttributeUse,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
}

/// `use` of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUse {
    Optional,
    Required,
    Prohibited,
}

/// An attribute, a reference to an attribute group, or an attribute wildcard.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // built once per schema file; size does not matter
pub enum AttributeItem {
    Attribute(Attribute),
    GroupRef { span: Span, name: QName },
    Wildcard(NamespaceConstraint),
}

/// The `namespace` of a wildcard (`xs:any`, `xs:anyAttribute`), resolved against the
/// schema's target namespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NamespaceConstraint {
    /// `##any`.
    Any,
    /// `##other`: any namespace but this one, and not unqualified names.
    Not(Option<String>),
    /// A list of namespaces (`None` for `##local`).
    List(Vec<Option<String>>),
}

/// `xs:simpleType`.
#[derive(Debug, Clone)]
pub struct SimpleType {
    pub span: Span,
    pub name: Option<QName>,
    pub doc: Option<String>,
    pub variety: SimpleVariety,
}

/// What a simple type is built from.
#[derive(Debug, Clone)]
pub enum SimpleVariety {
    Restriction {
        base: Option<QName>,
        inline_base: Option<Box<SimpleType>>,
        facets: Vec<Facet>,
    },
    List {
        item: Option<QName>,
        inline_item: Option<Box<SimpleType>>,
    },
    Union {
        members: Vec<QName>,
        inline_members: Vec<SimpleType>,
    },
}

/// A constraining facet.
#[derive(Debug, Clone)]
pub struct Facet {
    pub span: Span,
    pub kind: FacetKind,
    pub value: String,
    pub doc: Option<String>,
    /// An enumeration value read as a QName in the schema's scope (its prefix resolved;
    /// unprefixed: the default namespace), for enumerations of `xs:QName`.
    pub name: Option<QName>,
}

/// The facets of XSD 1.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    Enumeration,
    Length,
    MinLength,
    MaxLength,
    Pattern,
    MinInclusive,
    MaxInclusive,
    MinExclusive,
    MaxExclusive,
    TotalDigits,
    FractionDigits,
    WhiteSpace,
}

/// `xs:complexType`.
#[derive(Debug, Clone)]
pub struct ComplexType {
    pub span: Span,
    pub name: Option<QName>,
    pub doc: Option<String>,
    pub content: ComplexContent,
    /// `abstract="true"`: elements of this type need `xsi:type` naming a derived type.
    pub abstract_: bool,
    /// `mixed="true"` on the type or its `complexContent` (which takes precedence):
    /// character data may appear between the child elements.
    pub mixed: bool,
}

/// The content of a complex type as written.
#[derive(Debug, Clone)]
pub enum ComplexContent {
    /// A particle (or none) and attributes directly inside the complexType.
    Direct {
        particle: Option<Particle>,
        attributes: Vec<AttributeItem>,
    },
    /// `simpleContent/extension`.
    SimpleExtension {
        base: QName,
        attributes: Vec<AttributeItem>,
    },
    /// `simpleContent/restriction`.
    SimpleRestriction {
        base: QName,
        /// An anonymous simple type for the content (needed where the base's content
        /// is mixed and emptiable, rather than simple).
        inline: Option<Box<SimpleType>>,
        facets: Vec<Facet>,
        attributes: Vec<AttributeItem>,
    },
    /// `complexContent/extension`.
    ComplexExtension {
        base: QName,
        particle: Option<Particle>,
        attributes: Vec<AttributeItem>,
    },
    /// `complexContent/restriction`.
    ComplexRestriction {
        base: QName,
        particle: Option<Particle>,
        attributes: Vec<AttributeItem>,
    },
}

/// A term with its occurrence bounds.
#[derive(Debug, Clone)]
pub struct Particle {
    pub span: Span,
    pub min: u32,
    pub max: MaxOccurs,
    pub term: Term,
}

/// What a particle holds.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // built once per schema file; size does not matter
pub enum Term {
    Element(Element),
    GroupRef(QName),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
    All(Vec<Particle>),
    /// `xs:any`.
    Any(NamespaceConstraint),
}

/// `xs:group` (named model group).
#[derive(Debug, Clone)]
pub struct Group {
    pub span: Span,
    pub name: QName,
    pub particle: Particle,
}

/// `xs:attributeGroup`.
#[derive(Debug, Clone)]
pub struct AttributeGroup {
    pub span: Span,
    pub name: QName,
    pub attributes: Vec<AttributeItem>,
}

/// Parses every schema document of a set, one [`Schema`] per document, in the set's order.
pub fn parse(set: &SchemaSet) -> Result<Vec<Schema>> {
    let mut schemas = Vec::with_capacity(set.files.len());
    let mut i = 0;
    while i < set.files.len() {
        let first = &set.files[i];
        let doc = parse_xml(&first.path, &first.text)?;
        let lines = LineIndex::new(&first.text);
        // The schemas embedded in one WSDL document share its text: parsed once for all.
        for f in set.files[i..]
            .iter()
            .take_while(|f| std::sync::Arc::ptr_eq(&f.text, &first.text))
        {
            schemas.push(
                Parser {
                    path: &f.path,
                    lines: &lines,
                    doc: &doc,
                    target_ns: None,
                    chameleon: false,
                    imported: Vec::new(),
                    element_qualified: false,
                    attribute_qualified: false,
                }
                .schema(f)?,
            );
            i += 1;
        }
    }
    Ok(schemas)
}

struct Parser<'p, 'd, 'i> {
    path: &'p Path,
    lines: &'p LineIndex<'p>,
    doc: &'d roxmltree::Document<'i>,
    target_ns: Option<String>,
    /// A chameleon include: the schema has no `targetNamespace` and takes the includer's
    /// (`target_ns`), to which its references to no-namespace names resolve too.
    chameleon: bool,
    /// The namespaces this document imports (`None`: an import without `namespace`).
    imported: Vec<Option<String>>,
    element_qualified: bool,
    attribute_qualified: bool,
}

type XNode<'d, 'i> = Node<'d, 'i>;

impl<'d, 'i> Parser<'_, 'd, 'i> {
    fn span(&self, node: XNode<'d, 'i>) -> Span {
        self.lines.span(self.path, node.range().start)
    }

    fn invalid(&self, node: XNode<'d, 'i>, message: impl Into<String>) -> Error {
        Error::Invalid {
            span: self.span(node),
            message: message.into(),
        }
    }

    fn unsupported(&self, node: XNode<'d, 'i>, construct: impl Into<String>) -> Error {
        Error::Unsupported {
            span: self.span(node),
            construct: construct.into(),
        }
    }

    /// XSD children of a node, annotations excluded; a foreign element is an error.
    fn children(&self, node: XNode<'d, 'i>) -> Result<Vec<XNode<'d, 'i>>> {
        let mut out = Vec::new();
        for child in node.children().filter(|n| n.is_element()) {
            if child.tag_name().namespace() != Some(XS_NS) {
                return Err(self.invalid(
                    child,
                    format!(
                        "unexpected element <{}> inside xs:{}",
                        child.tag_name().name(),
                        node.tag_name().name()
                    ),
                ));
            }
            if child.tag_name().name() != "annotation" {
                self.check_attributes(child)?;
                out.push(child);
            }
        }
        Ok(out)
    }

    /// Refuses an unqualified attribute the schema for schemas does not give this XSD
    /// element (`<xs:choice name="…">`); attributes in other namespaces are allowed.
    fn check_attributes(&self, node: XNode<'d, 'i>) -> Result<()> {
        let Some(allowed) = allowed_attributes(node.tag_name().name()) else {
            return Ok(());
        };
        for a in node.attributes() {
            if a.namespace().is_none() && a.name() != "id" && !allowed.contains(&a.name()) {
                return Err(self.invalid(
                    node,
                    format!(
                        "xs:{} has no attribute {:?}",
                        node.tag_name().name(),
                        a.name()
                    ),
                ));
            }
        }
        Ok(())
    }

    fn doc_of(&self, node: XNode<'d, 'i>) -> Option<String> {
        let mut parts = Vec::new();
        for annotation in node
            .children()
            .filter(|n| n.has_tag_name((XS_NS, "annotation")))
        {
            for d in annotation
                .children()
                .filter(|n| n.has_tag_name((XS_NS, "documentation")))
            {
                let text: String = d
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                let text = dedent(&text);
                if !text.is_empty() {
                    parts.push(text);
                }
            }
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    fn qname_attr(&self, node: XNode<'d, 'i>, attr: &str) -> Result<Option<QName>> {
        match node.attribute(attr) {
            Some(value) => self.qname(node, value.trim(), attr).map(Some),
            None => Ok(None),
        }
    }

    /// A QName written on `node` (in its attribute `attr`), resolved against the
    /// namespace declarations in scope; in a chameleon include, a name in no namespace
    /// is in the includer's.
    fn qname(&self, node: XNode<'d, 'i>, value: &str, attr: &str) -> Result<QName> {
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        let ns = match prefix {
            Some("xml") => Some(XML_NS),
            _ => node.lookup_namespace_uri(prefix),
        };
        if prefix.is_some() && ns.is_none() {
            return Err(self.invalid(node, format!("{attr}=\"{value}\": prefix is not declared")));
        }
        let ns = match ns {
            // `xmlns=""` undeclares the default namespace: no namespace.
            Some("") | None if self.chameleon => self.target_ns.as_deref(),
            Some("") => None,
            ns => ns,
        };
        // src-resolve.4: a document refers to its own namespace, XML Schema's and those it
        // imports (the XML and XML Schema instance namespaces too, as XSD 1.1 allows:
        // `xml:lang` is known without an import).
        let visible = matches!(ns, Some(XS_NS | XML_NS | XSI_NS))
            || ns == self.target_ns.as_deref()
            || self.imported.iter().any(|i| i.as_deref() == ns);
        if !visible {
            return Err(self.invalid(
                node,
                match ns {
                    Some(ns) => format!(
                        "{attr}=\"{value}\": namespace {ns:?} is not imported by this schema \
                         document (<xs:import namespace=\"{ns}\"/>)"
                    ),
                    None => format!(
                        "{attr}=\"{value}\" is in no namespace, which this schema document \
                         does not import (<xs:import/> without a namespace)"
                    ),
                },
            ));
        }
        Ok(QName::new(ns, local))
    }

    fn bool_attr(&self, node: XNode<'d, 'i>, attr: &str) -> Result<bool> {
        match node.attribute(attr).map(str::trim) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(other) => Err(self.invalid(node, format!("{attr}=\"{other}\" is not a boolean"))),
        }
    }

    fn occurs(&self, node: XNode<'d, 'i>) -> Result<(u32, MaxOccurs)> {
        let min = match node.attribute("minOccurs") {
            None => 1,
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| self.invalid(node, format!("minOccurs=\"{v}\" is not a count")))?,
        };
        let max = match node.attribute("maxOccurs").map(str::trim) {
            None => MaxOccurs::Bounded(1),
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(v) => MaxOccurs::Bounded(
                v.parse()
                    .map_err(|_| self.invalid(node, format!("maxOccurs=\"{v}\" is not a count")))?,
            ),
        };
        if let MaxOccurs::Bounded(m) = max {
            if m < min {
                return Err(
                    self.invalid(node, format!("maxOccurs {m} is less than minOccurs {min}"))
                );
            }
        }
        Ok((min, max))
    }

    fn name_in_target(&self, node: XNode<'d, 'i>) -> Result<QName> {
        match node.attribute("name") {
            Some(n) => Ok(QName::new(self.target_ns.as_deref(), self.ncname(node, n)?)),
            None => Err(self.invalid(
                node,
                format!("top-level xs:{} needs a name", node.tag_name().name()),
            )),
        }
    }

    fn schema(mut self, file: &SourceFile) -> Result<Schema> {
        let root = schema_element(file, self.doc)?;
        self.target_ns = root.attribute("targetNamespace").map(str::to_string);
        if self.target_ns.is_none() && file.chameleon_ns.is_some() {
            self.target_ns = file.chameleon_ns.clone();
            self.chameleon = true;
        }
        self.imported = root
            .children()
            .filter(|c| c.has_tag_name((XS_NS, "import")))
            .map(|c| c.attribute("namespace").map(str::to_string))
            .collect();
        self.element_qualified = root.attribute("elementFormDefault") == Some("qualified");
        self.attribute_qualified = root.attribute("attributeFormDefault") == Some("qualified");
        self.unique_ids(root)?;
        let mut items = Vec::new();
        let mut redefinitions = Vec::new();
        for child in self.children(root)? {
            let name = child.tag_name().name();
            if let "include" | "import" | "redefine" | "override" = name {
                let allowed: &[&str] = if name == "import" {
                    &["id", "namespace", "schemaLocation"]
                } else {
                    &["id", "schemaLocation"]
                };
                if let Some(a) = child
                    .attributes()
                    .find(|a| a.namespace().is_none() && !allowed.contains(&a.name()))
                {
                    return Err(
                        self.invalid(child, format!("xs:{name} has no attribute {}", a.name()))
                    );
                }
            }
            if let kind @ ("redefine" | "override") = name {
                let Some(link) = file.links.iter().find(|l| l.at == child.range().start) else {
                    return Err(self.invalid(child, format!("xs:{kind} needs a schemaLocation")));
                };
                let mut redefinition = Redefinition {
                    span: self.span(child),
                    kind: if kind == "redefine" {
                        RedefinitionKind::Redefine
                    } else {
                        RedefinitionKind::Override
                    },
                    schema: link.file,
                    items: Vec::new(),
                };
                for c in self.children(child)? {
                    let allowed = match c.tag_name().name() {
                        "simpleType" | "complexType" | "group" | "attributeGroup" => true,
                        "element" | "attribute" | "notation" => kind == "override",
                        _ => false,
                    };
                    if !allowed {
                        return Err(
                            self.invalid(c, format!("xs:{} inside xs:{kind}", c.tag_name().name()))
                        );
                    }
                    if let Some(item) = self.top_level(c)? {
                        redefinition.items.push(items.len());
                        items.push(item);
                    }
                }
                redefinitions.push(redefinition);
            } else if let Some(item) = self.top_level(child)? {
                items.push(item);
            }
        }
        let includes = file
            .links
            .iter()
            .filter(|l| l.kind != LinkKind::Import)
            .map(|l| l.file)
            .collect();
        Ok(Schema {
            target_ns: self.target_ns,
            items,
            includes,
            redefinitions,
        })
    }

    /// The `id`s of a schema document's XSD elements are unique in it (they are `xs:ID`s).
    fn unique_ids(&self, root: XNode<'d, 'i>) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        for node in root.descendants().filter(|n| n.is_element()) {
            if node.tag_name().namespace() != Some(XS_NS) {
                continue;
            }
            if let Some(id) = node.attribute("id") {
                if !seen.insert(id.trim()) {
                    return Err(self.invalid(
                        node,
                        format!("id=\"{id}\" is used twice in this schema document"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A top-level component; none for includes, imports and notations.
    fn top_level(&self, child: XNode<'d, 'i>) -> Result<Option<TopLevel>> {
        Ok(Some(match child.tag_name().name() {
            "include" | "import" | "notation" => return Ok(None),
            "element" => TopLevel::Element(self.element(child, true)?),
            "attribute" => TopLevel::Attribute(self.attribute(child, true)?),
            "simpleType" => TopLevel::SimpleType(self.simple_type(child, true)?),
            "complexType" => TopLevel::ComplexType(self.complex_type(child, true)?),
            "group" => TopLevel::Group(Group {
                span: self.span(child),
                name: self.name_in_target(child)?,
                particle: self.group_body(child)?,
            }),
            "attributeGroup" => TopLevel::AttributeGroup(AttributeGroup {
                span: self.span(child),
                name: self.name_in_target(child)?,
                attributes: self.attribute_items(child)?,
            }),
            other => return Err(self.unsupported(child, format!("xs:{other}"))),
        }))
    }

    fn element(&self, node: XNode<'d, 'i>, global: bool) -> Result<Element> {
        let reference = self.qname_attr(node, "ref")?;
        let name = match self.declared_name(node, global || self.element_qualified)? {
            Some(name) => Some(name),
            None if reference.is_some() && !global => None,
            None if global => return Err(self.invalid(node, "a top-level xs:element needs a name")),
            None => return Err(self.invalid(node, "xs:element needs a name or a ref")),
        };
        let (min, max) = if global {
            (1, MaxOccurs::Bounded(1))
        } else {
            self.occurs(node)?
        };
        let mut inline_type = None;
        let mut identity_constraints = Vec::new();
        for child in self.children(node)? {
            match child.tag_name().name() {
                "simpleType" => {
                    inline_type = Some(Box::new(InlineType::Simple(
                        self.simple_type(child, false)?,
                    )))
                }
                "complexType" => {
                    inline_type = Some(Box::new(InlineType::Complex(
                        self.complex_type(child, false)?,
                    )))
                }
                "unique" | "key" | "keyref" => {
                    identity_constraints.push(self.identity_constraint(child)?)
                }
                other => return Err(self.invalid(child, format!("xs:{other} inside xs:element"))),
            }
        }
        let type_name = self.qname_attr(node, "type")?;
        if type_name.is_some() && inline_type.is_some() {
            return Err(self.invalid(
                node,
                "an element has both a type attribute and an anonymous type",
            ));
        }
        let default = node.attribute("default").map(str::to_string);
        let fixed = node.attribute("fixed").map(str::to_string);
        if default.is_some() && fixed.is_some() {
            return Err(self.invalid(node, "default and fixed are mutually exclusive"));
        }
        Ok(Element {
            span: self.span(node),
            name,
            reference,
            type_name,
            inline_type,
            min,
            max,
            nillable: self.bool_attr(node, "nillable")?,
            default,
            fixed,
            doc: self.doc_of(node),
            abstract_: self.bool_attr(node, "abstract")?,
            substitution_group: self.qname_attr(node, "substitutionGroup")?,
            identity_constraints,
        })
    }

    /// `xs:unique`, `xs:key` or `xs:keyref`: a name, one selector, one or more fields.
    fn identity_constraint(&self, node: XNode<'d, 'i>) -> Result<IdentityConstraint> {
        let Some(name) = node.attribute("name") else {
            return Err(self.invalid(node, "an identity constraint needs a name"));
        };
        let refer = self.qname_attr(node, "refer")?;
        if (node.tag_name().name() == "keyref") != refer.is_some() {
            return Err(self.invalid(node, "refer belongs on xs:keyref, and only there"));
        }
        let mut selector = None;
        let mut fields = Vec::new();
        for child in self.children(node)? {
            let Some(xpath) = child.attribute("xpath") else {
                return Err(self.invalid(child, "needs an xpath"));
            };
            match (child.tag_name().name(), &selector) {
                ("selector", None) => selector = Some(xpath.to_string()),
                ("field", Some(_)) => fields.push(xpath.to_string()),
                (other, _) => {
                    return Err(self.invalid(
                        child,
                        format!("xs:{other} out of place in an identity constraint"),
                    ))
                }
            }
        }
        let Some(selector) = selector.filter(|_| !fields.is_empty()) else {
            return Err(self.invalid(node, "an identity constraint needs a selector and fields"));
        };
        Ok(IdentityConstraint {
            name: QName::new(self.target_ns.as_deref(), name.trim()),
            refer,
            selector,
            fields,
        })
    }

    /// The `name` of an element or attribute declaration, in the target namespace when
    /// its `form` (or the schema's default, `qualified_by_default`) says qualified.
    fn declared_name(
        &self,
        node: XNode<'d, 'i>,
        qualified_by_default: bool,
    ) -> Result<Option<QName>> {
        let Some(name) = node.attribute("name") else {
            return Ok(None);
        };
        let name = self.ncname(node, name)?;
        let qualified = match node.attribute("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            Some(other) => return Err(self.invalid(node, format!("form=\"{other}\""))),
            None => qualified_by_default,
        };
        let ns = if qualified {
            self.target_ns.as_deref()
        } else {
            None
        };
        Ok(Some(QName::new(ns, name)))
    }

    /// A declared `name`, which must be an NCName (no colon, not starting with a digit).
    fn ncname<'v>(&self, node: XNode<'d, 'i>, name: &'v str) -> Result<&'v str> {
        let name = name.trim();
        if is_ncname(name) {
            Ok(name)
        } else {
            Err(self.invalid(node, format!("{name:?} is not a name (NCName)")))
        }
    }

    fn attribute(&self, node: XNode<'d, 'i>, global: bool) -> Result<Attribute> {
        let reference = self.qname_attr(node, "ref")?;
        let name = match self.declared_name(node, global || self.attribute_qualified)? {
            Some(name) => Some(name),
            None if reference.is_some() && !global => None,
            None if global => {
                return Err(self.invalid(node, "a top-level xs:attribute needs a name"))
            }
            None => return Err(self.invalid(node, "xs:attribute needs a name or a ref")),
        };
        let use_ = match node.attribute("use") {
            None | Some("optional") => AttributeUse::Optional,
            Some("required") => AttributeUse::Required,
            Some("prohibited") => AttributeUse::Prohibited,
            Some(other) => return Err(self.invalid(node, format!("use=\"{other}\""))),
        };
        let mut inline_type = None;
        for child in self.children(node)? {
            match child.tag_name().name() {
                "simpleType" => inline_type = Some(self.simple_type(child, false)?),
                other => return Err(self.invalid(child, format!("xs:{other} inside xs:attribute"))),
            }
        }
        Ok(Attribute {
            span: self.span(node),
            name,
            reference,
            type_name: self.qname_attr(node, "type")?,
            inline_type,
            use_,
            default: node.attribute("default").map(str::to_string),
            fixed: node.attribute("fixed").map(str::to_string),
            doc: self.doc_of(node),
        })
    }

    fn attribute_items(&self, node: XNode<'d, 'i>) -> Result<Vec<AttributeItem>> {
        let mut items = Vec::new();
        for child in self.children(node)? {
            match child.tag_name().name() {
                "attribute" => items.push(AttributeItem::Attribute(self.attribute(child, false)?)),
                "attributeGroup" => match self.qname_attr(child, "ref")? {
                    Some(name) => items.push(AttributeItem::GroupRef {
                        span: self.span(child),
                        name,
                    }),
                    None => return Err(self.invalid(child, "a local xs:attributeGroup needs ref")),
                },
                "anyAttribute" => {
                    items.push(AttributeItem::Wildcard(self.namespace_constraint(child)?))
                }
                _ => {}
            }
        }
        Ok(items)
    }

    fn simple_type(&self, node: XNode<'d, 'i>, global: bool) -> Result<SimpleType> {
        let name = if global {
            Some(self.name_in_target(node)?)
        } else {
            None
        };
        let children = self.children(node)?;
        let Some(&body) = children.first() else {
            return Err(self.invalid(node, "xs:simpleType needs a restriction, list or union"));
        };
        let variety = match body.tag_name().name() {
            "restriction" => {
                let (inline_base, facets) = self.restriction_body(body)?;
                SimpleVariety::Restriction {
                    base: self.qname_attr(body, "base")?,
                    inline_base: inline_base.map(Box::new),
                    facets,
                }
            }
            "list" => {
                let inline = self
                    .children(body)?
                    .into_iter()
                    .find(|c| c.tag_name().name() == "simpleType");
                SimpleVariety::List {
                    item: self.qname_attr(body, "itemType")?,
                    inline_item: match inline {
                        Some(n) => Some(Box::new(self.simple_type(n, false)?)),
                        None => None,
                    },
                }
            }
            "union" => {
                let mut members = Vec::new();
                if let Some(list) = body.attribute("memberTypes") {
                    for token in list.split_whitespace() {
                        members.push(self.qname(body, token, "memberTypes")?);
                    }
                }
                let mut inline_members = Vec::new();
                for c in self.children(body)? {
                    inline_members.push(self.simple_type(c, false)?);
                }
                SimpleVariety::Union {
                    members,
                    inline_members,
                }
            }
            other => return Err(self.invalid(body, format!("xs:{other} inside xs:simpleType"))),
        };
        Ok(SimpleType {
            span: self.span(node),
            name,
            doc: self.doc_of(node),
            variety,
        })
    }

    /// Facets (and an anonymous base type) of a restriction, in order.
    fn restriction_body(&self, node: XNode<'d, 'i>) -> Result<(Option<SimpleType>, Vec<Facet>)> {
        let mut inline = None;
        let mut facets = Vec::new();
        // The content model is (simpleType?, facets*, attributes*): in that order.
        let mut seen_attribute = false;
        for (i, c) in self.children(node)?.into_iter().enumerate() {
            let name = c.tag_name().name();
            if seen_attribute && !matches!(name, "attribute" | "attributeGroup" | "anyAttribute") {
                return Err(self.invalid(
                    c,
                    format!("xs:{name} after the attributes of a restriction"),
                ));
            }
            let kind = match name {
                "simpleType" if i > 0 => {
                    return Err(self.invalid(c, "the simpleType of a restriction comes first"));
                }
                "simpleType" => {
                    inline = Some(self.simple_type(c, false)?);
                    continue;
                }
                "enumeration" => FacetKind::Enumeration,
                "length" => FacetKind::Length,
                "minLength" => FacetKind::MinLength,
                "maxLength" => FacetKind::MaxLength,
                "pattern" => FacetKind::Pattern,
                "minInclusive" => FacetKind::MinInclusive,
                "maxInclusive" => FacetKind::MaxInclusive,
                "minExclusive" => FacetKind::MinExclusive,
                "maxExclusive" => FacetKind::MaxExclusive,
                "totalDigits" => FacetKind::TotalDigits,
                "fractionDigits" => FacetKind::FractionDigits,
                "whiteSpace" => FacetKind::WhiteSpace,
                // Attributes of a simpleContent restriction are read by the caller.
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    seen_attribute = true;
                    continue;
                }
                other => return Err(self.unsupported(c, format!("xs:{other} in a restriction"))),
            };
            let Some(value) = c.attribute("value") else {
                return Err(self.invalid(c, format!("xs:{} needs a value", c.tag_name().name())));
            };
            let name = (kind == FacetKind::Enumeration)
                .then(|| enumeration_qname(c, value.trim()))
                .flatten();
            facets.push(Facet {
                span: self.span(c),
                kind,
                value: value.to_string(),
                doc: self.doc_of(c),
                name,
            });
        }
        Ok((inline, facets))
    }

    fn complex_type(&self, node: XNode<'d, 'i>, global: bool) -> Result<ComplexType> {
        let name = if global {
            Some(self.name_in_target(node)?)
        } else {
            None
        };
        let mut mixed = self.bool_attr(node, "mixed")?;
        let children = self.children(node)?;
        let content = match children.first().map(|c| c.tag_name().name()) {
            Some("simpleContent") | Some("complexContent") => {
                let wrapper = children[0];
                // (`children` refused `mixed` on simpleContent.)
                if wrapper.attribute("mixed").is_some() {
                    mixed = self.bool_attr(wrapper, "mixed")?;
                }
                let inner = self.children(wrapper)?;
                let Some(&derivation) = inner.first() else {
                    return Err(self.invalid(wrapper, "needs an extension or a restriction"));
                };
                let Some(base) = self.qname_attr(derivation, "base")? else {
                    return Err(self.invalid(derivation, "a derivation needs a base"));
                };
                let attributes = self.attribute_items(derivation)?;
                let simple = wrapper.tag_name().name() == "simpleContent";
                match (simple, derivation.tag_name().name()) {
                    (true, "extension") => ComplexContent::SimpleExtension { base, attributes },
                    (true, "restriction") => {
                        let (inline, facets) = self.restriction_body(derivation)?;
                        ComplexContent::SimpleRestriction {
                            base,
                            inline: inline.map(Box::new),
                            facets,
                            attributes,
                        }
                    }
                    (false, "extension") => ComplexContent::ComplexExtension {
                        base,
                        particle: self.particle_of(derivation)?,
                        attributes,
                    },
                    (false, "restriction") => ComplexContent::ComplexRestriction {
                        base,
                        particle: self.particle_of(derivation)?,
                        attributes,
                    },
                    (_, other) => return Err(self.invalid(derivation, format!("xs:{other}"))),
                }
            }
            _ => ComplexContent::Direct {
                particle: self.particle_of(node)?,
                attributes: self.attribute_items(node)?,
            },
        };
        Ok(ComplexType {
            span: self.span(node),
            name,
            doc: self.doc_of(node),
            content,
            abstract_: self.bool_attr(node, "abstract")?,
            mixed,
        })
    }

    /// The one model group (sequence, choice, all, group ref) among a node's children.
    fn particle_of(&self, node: XNode<'d, 'i>) -> Result<Option<Particle>> {
        let mut found = None;
        for c in self.children(node)? {
            if matches!(c.tag_name().name(), "sequence" | "choice" | "all" | "group") {
                if found.is_some() {
                    return Err(self.invalid(c, "more than one model group"));
                }
                found = Some(self.particle(c)?);
            }
        }
        Ok(found)
    }

    fn particle(&self, node: XNode<'d, 'i>) -> Result<Particle> {
        let (min, max) = self.occurs(node)?;
        let term = match node.tag_name().name() {
            "element" => Term::Element(self.element(node, false)?),
            "group" => match self.qname_attr(node, "ref")? {
                Some(name) => Term::GroupRef(name),
                None => return Err(self.invalid(node, "a local xs:group needs ref")),
            },
            kind @ ("sequence" | "choice" | "all") => {
                if kind == "all" && (min > 1 || max != MaxOccurs::Bounded(1)) {
                    // XSD 1.0 §3.8.6 (cos-all-limited): an all group occurs at most once.
                    return Err(self.invalid(
                        node,
                        "xs:all may only occur once (minOccurs 0 or 1, maxOccurs 1)",
                    ));
                }
                let mut items = Vec::new();
                for c in self.children(node)? {
                    match c.tag_name().name() {
                        "element" if kind == "all" => {
                            let item = self.particle(c)?;
                            if matches!(item.max, MaxOccurs::Unbounded | MaxOccurs::Bounded(2..)) {
                                return Err(self.invalid(
                                    c,
                                    "an element of xs:all occurs at most once in XSD 1.0 (maxOccurs 0 or 1)",
                                ));
                            }
                            items.push(item)
                        }
                        "element" | "group" | "sequence" | "choice" | "any" if kind != "all" => {
                            items.push(self.particle(c)?)
                        }
                        other => {
                            return Err(self.invalid(c, format!("xs:{other} inside xs:{kind}")))
                        }
                    }
                }
                match kind {
                    "sequence" => Term::Sequence(items),
                    "choice" => Term::Choice(items),
                    _ => Term::All(items),
                }
            }
            "any" => Term::Any(self.namespace_constraint(node)?),
            other => return Err(self.invalid(node, format!("xs:{other} is not a particle"))),
        };
        Ok(Particle {
            span: self.span(node),
            min,
            max,
            term,
        })
    }

    fn namespace_constraint(&self, node: XNode<'d, 'i>) -> Result<NamespaceConstraint> {
        let target = || self.target_ns.clone();
        Ok(match node.attribute("namespace").map(str::trim) {
            None | Some("##any") => NamespaceConstraint::Any,
            Some("##other") => NamespaceConstraint::Not(target()),
            Some(list) => NamespaceConstraint::List(
                list.split_whitespace()
                    .map(|token| match token {
                        "##targetNamespace" => Ok(target()),
                        "##local" => Ok(None),
                        t if t.starts_with("##") => {
                            Err(self.invalid(node, format!("namespace token {t:?}")))
                        }
                        uri => Ok(Some(uri.to_string())),
                    })
                    .collect::<Result<_>>()?,
            ),
        })
    }

    fn group_body(&self, node: XNode<'d, 'i>) -> Result<Particle> {
        match self.particle_of(node)? {
            Some(p) if matches!(p.term, Term::GroupRef(_)) => {
                Err(self.invalid(node, "a named group must hold a sequence, choice or all"))
            }
            Some(p) => Ok(p),
            None => Err(self.invalid(node, "a named group needs a sequence, choice or all")),
        }
    }
}

/// The unqualified attributes (besides `id`) the schema for schemas allows on an XSD
/// element, XSD 1.1's included where xsdgen reads that element; `None`: not checked.
fn allowed_attributes(element: &str) -> Option<&'static [&'static str]> {
    const OCCURS: &[&str] = &["minOccurs", "maxOccurs"];
    const FACET: &[&str] = &["value", "fixed"];
    Some(match element {
        "element" => &[
            "name",
            "ref",
            "type",
            "substitutionGroup",
            "minOccurs",
            "maxOccurs",
            "default",
            "fixed",
            "nillable",
            "abstract",
            "final",
            "block",
            "form",
            "targetNamespace",
        ],
        "attribute" => &[
            "name",
            "ref",
            "type",
            "use",
            "default",
            "fixed",
            "form",
            "targetNamespace",
            "inheritable",
        ],
        "complexType" => &[
            "name",
            "mixed",
            "abstract",
            "final",
            "block",
            "defaultAttributesApply",
        ],
        "simpleType" => &["name", "final"],
        "sequence" | "choice" | "all" => OCCURS,
        "group" => &["name", "ref", "minOccurs", "maxOccurs"],
        "attributeGroup" => &["name", "ref"],
        "any" => &[
            "namespace",
            "processContents",
            "minOccurs",
            "maxOccurs",
            "notNamespace",
            "notQName",
        ],
        "anyAttribute" => &["namespace", "processContents", "notNamespace", "notQName"],
        "restriction" | "extension" => &["base"],
        "list" => &["itemType"],
        "union" => &["memberTypes"],
        "simpleContent" => &[],
        "complexContent" => &["mixed"],
        "enumeration" | "pattern" | "length" | "minLength" | "maxLength" | "minInclusive"
        | "maxInclusive" | "minExclusive" | "maxExclusive" | "totalDigits" | "fractionDigits"
        | "whiteSpace" => FACET,
        "key" | "unique" => &["name"],
        "keyref" => &["name", "refer"],
        "selector" | "field" => &["xpath", "xpathDefaultNamespace"],
        "notation" => &["name", "public", "system"],
        _ => return None,
    })
}

/// Whether `s` is an NCName. ASCII is checked to the letter (letters, digits, `_`,
/// `-`, `.`; not a digit, `-` or `.` first); beyond ASCII, where XML's name characters
/// take in combining marks and extenders, only whitespace is refused.
fn is_ncname(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    !(first.is_ascii_digit() || matches!(first, '-' | '.'))
        && s.chars().all(|c| {
            if c.is_ascii() {
                c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
            } else {
                !c.is_whitespace()
            }
        })
}

/// An enumeration value as a QName resolved where it is written, if it is one.
fn enumeration_qname(node: XNode<'_, '_>, value: &str) -> Option<QName> {
    let (prefix, local) = match value.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, value),
    };
    if !is_ncname(local) || prefix.is_some_and(|p| !is_ncname(p)) {
        return None;
    }
    let ns = match prefix {
        Some("xml") => Some("http://www.w3.org/XML/1998/namespace"),
        Some(p) => Some(node.lookup_namespace_uri(Some(p))?),
        None => node.lookup_namespace_uri(None),
    };
    Some(QName::new(ns.filter(|n| !n.is_empty()), local))
}

/// Trims documentation text and removes the indentation common to its lines.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .map(str::trim_end)
        .collect();
    body.join("\n").trim().to_string()
}
