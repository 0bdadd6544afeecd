//! Stage 3, model: resolved schema components, where the XSD spec lives.
//!
//! References are resolved across files, named groups and attribute groups are
//! inlined, derivations are flattened into effective content models and attribute
//! uses, and facets are inherited along restriction chains. Types live in arenas and
//! refer to each other by index, so recursive types are plain.

use std::collections::{HashMap, HashSet};

use crate::builtin::Builtin;
use crate::error::{Error, Result, Span};
use crate::load::XS_NS;
use crate::syntax::{
    self, AttributeItem, ComplexContent, FacetKind, MaxOccurs, NamespaceConstraint, QName, Schema,
    TopLevel,
};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A reference to a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Builtin(Builtin),
    Simple(usize),
    Complex(usize),
}

/// Where an anonymous type sits: the names of its enclosing components, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHint {
    /// Namespace of the enclosing component (the module it goes to).
    pub ns: Option<String>,
    /// Names from the outermost named component down to the anonymous type's element.
    pub parts: Vec<String>,
}

/// A simple type definition.
#[derive(Debug, Clone)]
pub struct SimpleTypeDef {
    pub name: Option<QName>,
    pub hint: NameHint,
    pub doc: Option<String>,
    pub span: Span,
    pub kind: SimpleKind,
}

/// The variety of a simple type, with facets inherited from its bases.
#[derive(Debug, Clone)]
pub enum SimpleKind {
    Atomic {
        base: Builtin,
        facets: Facets,
    },
    List {
        item: TypeRef,
        facets: Facets,
    },
    /// `facets`: the `pattern` and `enumeration` of restrictions of the union.
    Union {
        members: Vec<TypeRef>,
        facets: Facets,
    },
}

/// Effective facets of a simple type.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Allowed values with their documentation; empty means no enumeration.
    pub enumeration: Vec<(String, Option<String>)>,
    /// Each allowed value read as a QName where the schema writes it (for
    /// enumerations of `xs:QName`), in the order of `enumeration`.
    pub enumeration_names: Vec<Option<QName>>,
    pub length: Option<usize>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// One entry per derivation step; a value must match one pattern of every step.
    pub patterns: Vec<Vec<String>>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<usize>,
    pub fraction_digits: Option<usize>,
    pub white_space: Option<String>,
}

/// A complex type definition with its effective content and attributes.
#[derive(Debug, Clone)]
pub struct ComplexTypeDef {
    pub name: Option<QName>,
    pub hint: NameHint,
    pub doc: Option<String>,
    pub span: Span,
    /// Effective attribute uses, inherited ones included.
    pub attributes: Vec<AttributeDecl>,
    /// Effective content model, inherited content included.
    pub content: Content,
    /// The complex type this one extends; its content comes first.
    pub base: Option<usize>,
    /// What this type adds to its base (everything, without a base).
    pub own_attributes: Vec<AttributeDecl>,
    pub own_content: Content,
    /// Effective attribute wildcard (`xs:anyAttribute`).
    pub any_attribute: Option<NamespaceConstraint>,
    /// The wildcard whose attributes this type keeps (a base with one keeps them itself).
    pub own_any_attribute: Option<NamespaceConstraint>,
    /// The complex type this one derives from, by extension or restriction.
    pub derived_from: Option<usize>,
    /// `abstract="true"`: an element of this type needs `xsi:type` naming a derived type.
    pub abstract_: bool,
    /// Character data may appear between (or, without elements, instead of) the child
    /// elements: `mixed="true"`, or an extension of a mixed type.
    pub mixed: bool,
}

/// Effective content of a complex type.
#[derive(Debug, Clone)]
pub enum Content {
    Empty,
    /// Character data of a simple type.
    Simple(TypeRef),
    Elements(Particle),
}

/// A term with occurrence bounds; `max: None` is unbounded.
#[derive(Debug, Clone)]
pub struct Particle {
    pub min: u32,
    pub max: Option<u32>,
    pub term: Term,
}

/// Elements and model groups.
#[derive(Debug, Clone)]
pub enum Term {
    Element(ElementDecl),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
    All(Vec<Particle>),
    /// A reference to the head of a substitution group (index into the model's groups).
    Substitution(usize),
    /// `xs:any`: elements kept as they are.
    Any(NamespaceConstraint),
}

/// An element declaration, global or local.
#[derive(Debug, Clone)]
pub struct ElementDecl {
    pub name: QName,
    pub type_ref: TypeRef,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    pub span: Span,
    /// An abstract element never appears itself; members of its substitution group do.
    pub abstract_: bool,
}

/// A substitution group: where its head is referenced, any member may appear.
#[derive(Debug, Clone)]
pub struct SubstitutionGroup {
    pub head: QName,
    pub doc: Option<String>,
    /// The head (unless abstract) and every element that substitutes for it,
    /// directly or through another member, in document order.
    pub members: Vec<ElementDecl>,
}

/// An attribute use of a complex type.
#[derive(Debug, Clone)]
pub struct AttributeDecl {
    pub name: QName,
    pub type_ref: TypeRef,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
}

/// All resolved components of a schema set.
#[derive(Debug, Default)]
pub struct Model {
    pub simple_types: Vec<SimpleTypeDef>,
    pub complex_types: Vec<ComplexTypeDef>,
    /// Global element declarations, in document order.
    pub elements: Vec<ElementDecl>,
    pub substitution_groups: Vec<SubstitutionGroup>,
}

enum NamedType<'s> {
    Simple(&'s syntax::SimpleType),
    Complex(&'s syntax::ComplexType),
}

struct Resolver<'s> {
    types: HashMap<QName, NamedType<'s>>,
    elements: HashMap<QName, &'s syntax::Element>,
    attributes: HashMap<QName, &'s syntax::Attribute>,
    groups: HashMap<QName, &'s syntax::Group>,
    attribute_groups: HashMap<QName, &'s syntax::AttributeGroup>,
    memo: HashMap<QName, TypeRef>,
    /// Global element declarations, resolved once however often they are referenced.
    element_memo: HashMap<QName, ElementDecl>,
    /// Global elements by the head they substitute for.
    members: HashMap<QName, Vec<&'s syntax::Element>>,
    substitution_memo: HashMap<QName, usize>,
    simple_in_progress: HashSet<QName>,
    /// Complex types whose content is computed (a base must be, before its derivations).
    complex_done: Vec<bool>,
    /// Complex types whose content is being computed (a base found here is circular).
    complex_filling: Vec<bool>,
    /// The definition of each complex type, until its content is computed.
    complex_syntax: Vec<Option<(&'s syntax::ComplexType, NameHint)>>,
    group_stack: Vec<QName>,
    /// Anonymous complex types already made, by the definition they come from.
    anonymous_memo: HashMap<*const syntax::ComplexType, usize>,
    model: Model,
}

/// Resolves the parsed schemas of one set into a model.
pub fn build(schemas: &[Schema]) -> Result<Model> {
    let mut r = Resolver {
        types: HashMap::new(),
        elements: HashMap::new(),
        attributes: HashMap::new(),
        groups: HashMap::new(),
        attribute_groups: HashMap::new(),
        memo: HashMap::new(),
        element_memo: HashMap::new(),
        members: HashMap::new(),
        substitution_memo: HashMap::new(),
        simple_in_progress: HashSet::new(),
        complex_done: Vec::new(),
        complex_filling: Vec::new(),
        complex_syntax: Vec::new(),
        group_stack: Vec::new(),
        anonymous_memo: HashMap::new(),
        model: Model::default(),
    };
    let mut order = Vec::new();
    for schema in schemas {
        for item in &schema.items {
            let (name, span, kind) = match item {
                TopLevel::Element(e) => {
                    let name = e.name.clone().expect("global elements are named");
                    order.push(TopRef::Element(e));
                    if let Some(head) = &e.substitution_group {
                        r.members.entry(head.clone()).or_default().push(e);
                    }
                    let clash = r.elements.insert(name.clone(), e).is_some();
                    (name, &e.span, clash.then_some("element"))
                }
                TopLevel::Attribute(a) => {
                    let name = a.name.clone().expect("global attributes are named");
                    let clash = r.attributes.insert(name.clone(), a).is_some();
                    (name, &a.span, clash.then_some("attribute"))
                }
                TopLevel::SimpleType(t) => {
                    let name = t.name.clone().expect("global types are named");
                    order.push(TopRef::Type(name.clone()));
                    let clash = r.types.insert(name.clone(), NamedType::Simple(t)).is_some();
                    (name, &t.span, clash.then_some("type"))
                }
                TopLevel::ComplexType(t) => {
                    let name = t.name.clone().expect("global types are named");
                    order.push(TopRef::Type(name.clone()));
                    let clash = r
                        .types
                        .insert(name.clone(), NamedType::Complex(t))
                        .is_some();
                    (name, &t.span, clash.then_some("type"))
                }
                TopLevel::Group(g) => {
                    let clash = r.groups.insert(g.name.clone(), g).is_some();
                    (g.name.clone(), &g.span, clash.then_some("group"))
                }
                TopLevel::AttributeGroup(g) => {
                    let clash = r.attribute_groups.insert(g.name.clone(), g).is_some();
                    (g.name.clone(), &g.span, clash.then_some("attribute group"))
                }
            };
            if let Some(kind) = kind {
                return Err(Error::Invalid {
                    span: span.clone(),
                    message: format!("{kind} {name} is declared twice"),
                });
            }
        }
    }
    // Named types first, in document order, so their arena order is stable.
    for item in &order {
        if let TopRef::Type(name) = item {
            r.named_type(name, None)?;
        }
    }
    for item in &order {
        if let TopRef::Element(e) = item {
            let decl = r.global_element(e)?;
            r.model.elements.push(decl);
        }
    }
    // Named complex types are reserved when referenced and computed here, or earlier
    // when a derived type needs its base.
    let mut index = 0;
    while index < r.model.complex_types.len() {
        if !r.complex_done[index] {
            let span = r.model.complex_types[index].span.clone();
            r.finished_base(index, &span)?;
        }
        index += 1;
    }
    Ok(r.model)
}

enum TopRef<'s> {
    Element(&'s syntax::Element),
    Type(QName),
}

fn max_of(max: MaxOccurs) -> Option<u32> {
    match max {
        MaxOccurs::Bounded(n) => Some(n),
        MaxOccurs::Unbounded => None,
    }
}

impl<'s> Resolver<'s> {
    /// Resolves a type name; `span` is where it is referenced (None for a top-level pass).
    fn named_type(&mut self, name: &QName, span: Option<&Span>) -> Result<TypeRef> {
        if let Some(t) = self.memo.get(name) {
            return Ok(*t);
        }
        if name.ns.as_deref() == Some(XS_NS) {
            // The schema for schemas defines types of its own in this namespace
            // (`xs:openAttrs`); the built-ins it restates stay built-ins.
            match Builtin::from_name(&name.local) {
                Some(b) => return Ok(TypeRef::Builtin(b)),
                None if self.types.contains_key(name) => {}
                None => return Err(self.unresolved(span, "type", name)),
            }
        }
        let hint = NameHint {
            ns: name.ns.clone(),
            parts: vec![name.local.clone()],
        };
        match self.types.get(name) {
            Some(NamedType::Simple(t)) => {
                let t: &'s syntax::SimpleType = t;
                // A simple type is memoized only once built: a reference back to one
                // still being built is a circular definition.
                if !self.simple_in_progress.insert(name.clone()) {
                    return Err(Error::Invalid {
                        span: t.span.clone(),
                        message: format!("simple type {name} is defined in terms of itself"),
                    });
                }
                let result = self.simple_type(t, hint);
                self.simple_in_progress.remove(name);
                result
            }
            Some(NamedType::Complex(t)) => {
                let t: &'s syntax::ComplexType = t;
                // Content is computed later: types may refer to each other in any order.
                Ok(TypeRef::Complex(self.reserve_complex(t, hint)))
            }
            None => Err(self.unresolved(span, "type", name)),
        }
    }

    fn unresolved(&self, span: Option<&Span>, kind: &'static str, name: &QName) -> Error {
        let span = span.cloned().unwrap_or(Span {
            file: Default::default(),
            line: 0,
            column: 0,
        });
        Error::Unresolved {
            span,
            kind,
            name: name.to_string(),
        }
    }

    fn global_element(&mut self, e: &'s syntax::Element) -> Result<ElementDecl> {
        let name = e.name.clone().expect("global elements are named");
        if let Some(decl) = self.element_memo.get(&name) {
            return Ok(decl.clone());
        }
        let hint = NameHint {
            ns: name.ns.clone(),
            parts: vec![name.local.clone()],
        };
        if let Some(syntax::InlineType::Complex(c)) = e.inline_type.as_deref() {
            // Reserve the anonymous type first: its content may refer to this element.
            let index = self.reserve_complex(c, hint.clone());
            let mut decl = self.element_decl_with_type(e, name.clone(), TypeRef::Complex(index))?;
            self.element_memo.insert(name, decl.clone());
            if self.waits_for_filling(c) {
                return Ok(decl);
            }
            self.fill_complex(index, c, &hint)?;
            decl = self.element_decl_with_type(e, decl.name.clone(), TypeRef::Complex(index))?;
            return Ok(decl);
        }
        let decl = self.element_decl(e, name.clone(), hint)?;
        self.element_memo.insert(name, decl.clone());
        Ok(decl)
    }

    fn element_decl(
        &mut self,
        e: &'s syntax::Element,
        name: QName,
        hint: NameHint,
    ) -> Result<ElementDecl> {
        let type_ref = match (&e.type_name, &e.inline_type) {
            (Some(t), _) => self.named_type(t, Some(&e.span))?,
            (None, Some(inline)) => match inline.as_ref() {
                syntax::InlineType::Simple(s) => self.simple_type(s, hint)?,
                syntax::InlineType::Complex(c) => self.complex_type(c, hint)?,
            },
            (None, None) => TypeRef::Builtin(Builtin::AnyType),
        };
        self.element_decl_with_type(e, name, type_ref)
    }

    fn element_decl_with_type(
        &mut self,
        e: &'s syntax::Element,
        name: QName,
        type_ref: TypeRef,
    ) -> Result<ElementDecl> {
        if (e.default.is_some() || e.fixed.is_some())
            && matches!(type_ref, TypeRef::Complex(i) if self.complex_done[i])
        {
            let simple = matches!(type_ref, TypeRef::Complex(i) if matches!(self.model.complex_types[i].content, Content::Simple(_)));
            if !simple {
                return Err(Error::Unsupported {
                    span: e.span.clone(),
                    construct: "default or fixed on an element of complex type".into(),
                });
            }
        }
        Ok(ElementDecl {
            name,
            type_ref,
            nillable: e.nillable,
            default: e.default.clone(),
            fixed: e.fixed.clone(),
            doc: e.doc.clone(),
            span: e.span.clone(),
            abstract_: e.abstract_,
        })
    }

    fn simple_type(&mut self, t: &'s syntax::SimpleType, hint: NameHint) -> Result<TypeRef> {
        let kind = match &t.variety {
            syntax::SimpleVariety::Restriction {
                base,
                inline_base,
                facets,
            } => {
                let base_ref = match (base, inline_base) {
                    (Some(b), _) => self.named_type(b, Some(&t.span))?,
                    (None, Some(inline)) => {
                        let mut h = hint.clone();
                        h.parts.push("Base".into());
                        self.simple_type(inline, h)?
                    }
                    (None, None) => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: "a restriction needs a base".into(),
                        })
                    }
                };
                self.restrict(base_ref, facets, &t.span)?
            }
            syntax::SimpleVariety::List { item, inline_item } => {
                let item = match (item, inline_item) {
                    (Some(i), _) => self.named_type(i, Some(&t.span))?,
                    (None, Some(inline)) => {
                        let mut h = hint.clone();
                        h.parts.push("Item".into());
                        self.simple_type(inline, h)?
                    }
                    (None, None) => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: "a list needs an itemType".into(),
                        })
                    }
                };
                SimpleKind::List {
                    item,
                    facets: Facets::default(),
                }
            }
            syntax::SimpleVariety::Union {
                members,
                inline_members,
            } => {
                let mut refs = Vec::new();
                for m in members {
                    refs.push(self.named_type(m, Some(&t.span))?);
                }
                for (i, m) in inline_members.iter().enumerate() {
                    let mut h = hint.clone();
                    h.parts.push(format!("Member{}", i + 1));
                    refs.push(self.simple_type(m, h)?);
                }
                SimpleKind::Union {
                    members: refs,
                    facets: Facets::default(),
                }
            }
        };
        let index = self.model.simple_types.len();
        self.model.simple_types.push(SimpleTypeDef {
            name: t.name.clone(),
            hint,
            doc: t.doc.clone(),
            span: t.span.clone(),
            kind,
        });
        let r = TypeRef::Simple(index);
        if let Some(name) = &t.name {
            self.memo.insert(name.clone(), r);
        }
        Ok(r)
    }

    /// The kind of a restriction of `base` by `facets`.
    fn restrict(
        &mut self,
        base: TypeRef,
        facets: &[syntax::Facet],
        span: &Span,
    ) -> Result<SimpleKind> {
        let (kind, inherited) = match base {
            TypeRef::Builtin(Builtin::AnyType) => {
                return Err(Error::Invalid {
                    span: span.clone(),
                    message: "a simple type cannot restrict xs:anyType".into(),
                })
            }
            TypeRef::Builtin(b) => (
                SimpleKind::Atomic {
                    base: b,
                    facets: Facets::default(),
                },
                Facets::default(),
            ),
            TypeRef::Simple(i) => {
                let k = self.model.simple_types[i].kind.clone();
                let f = match &k {
                    SimpleKind::Atomic { facets, .. }
                    | SimpleKind::List { facets, .. }
                    | SimpleKind::Union { facets, .. } => facets.clone(),
                };
                (k, f)
            }
            TypeRef::Complex(_) => {
                return Err(Error::Invalid {
                    span: span.clone(),
                    message: "a simple type cannot restrict a complex type".into(),
                })
            }
        };
        let merged = merge_facets(inherited, facets)?;
        Ok(match kind {
            SimpleKind::Atomic { base, .. } => SimpleKind::Atomic {
                base,
                facets: merged,
            },
            SimpleKind::List { item, .. } => SimpleKind::List {
                item,
                facets: merged,
            },
            SimpleKind::Union { members, .. } => {
                // XSD 1.0 §4.1.5: a union takes `pattern` and `enumeration` only.
                if let Some(f) = facets
                    .iter()
                    .find(|f| !matches!(f.kind, FacetKind::Pattern | FacetKind::Enumeration))
                {
                    return Err(Error::Invalid {
                        span: f.span.clone(),
                        message: format!("a union type takes no {:?} facet", f.kind),
                    });
                }
                SimpleKind::Union {
                    members,
                    facets: merged,
                }
            }
        })
    }

    fn complex_type(&mut self, t: &'s syntax::ComplexType, hint: NameHint) -> Result<TypeRef> {
        // A named group is inlined wherever it is referenced, but the anonymous types
        // written inside it are one definition each: made once, shared by every use
        // (and a group whose element's type holds the group again ends there).
        let key: *const syntax::ComplexType = t;
        if let Some(&index) = self.anonymous_memo.get(&key) {
            return Ok(TypeRef::Complex(index));
        }
        let index = self.reserve_complex(t, hint.clone());
        self.anonymous_memo.insert(key, index);
        if !self.waits_for_filling(t) {
            self.fill_complex(index, t, &hint)?;
        }
        Ok(TypeRef::Complex(index))
    }

    /// Whether `t` derives, directly or through bases not yet computed, from a type
    /// whose content is being computed: an anonymous type inside a type's content that
    /// extends that type (MathML's `bind` inside `apply.content`). It is computed once
    /// its base is (`build` computes every type left), which is no cycle.
    fn waits_for_filling(&self, t: &'s syntax::ComplexType) -> bool {
        let mut base = match &t.content {
            ComplexContent::Direct { .. } => return false,
            ComplexContent::SimpleExtension { base, .. }
            | ComplexContent::SimpleRestriction { base, .. }
            | ComplexContent::ComplexExtension { base, .. }
            | ComplexContent::ComplexRestriction { base, .. } => base,
        };
        // Bounded: a real cycle among bases is reported when they are computed.
        for _ in 0..self.model.complex_types.len() {
            let Some(&TypeRef::Complex(b)) = self.memo.get(base) else {
                return false;
            };
            if self.complex_filling[b] {
                return true;
            }
            let Some((bt, _)) = self.complex_syntax[b]
                .as_ref()
                .filter(|_| !self.complex_done[b])
            else {
                return false;
            };
            base = match &bt.content {
                ComplexContent::Direct { .. } => return false,
                ComplexContent::SimpleExtension { base, .. }
                | ComplexContent::SimpleRestriction { base, .. }
                | ComplexContent::ComplexExtension { base, .. }
                | ComplexContent::ComplexRestriction { base, .. } => base,
            };
        }
        false
    }

    /// Allocates a complex type's slot so that references to it resolve while its
    /// content is being computed.
    fn reserve_complex(&mut self, t: &'s syntax::ComplexType, hint: NameHint) -> usize {
        let index = self.model.complex_types.len();
        self.model.complex_types.push(ComplexTypeDef {
            name: t.name.clone(),
            hint: hint.clone(),
            doc: t.doc.clone(),
            span: t.span.clone(),
            attributes: Vec::new(),
            content: Content::Empty,
            base: None,
            own_attributes: Vec::new(),
            own_content: Content::Empty,
            any_attribute: None,
            own_any_attribute: None,
            derived_from: None,
            abstract_: t.abstract_,
            mixed: false,
        });
        self.complex_done.push(false);
        self.complex_filling.push(false);
        self.complex_syntax.push(Some((t, hint.clone())));
        if let Some(name) = &t.name {
            self.memo.insert(name.clone(), TypeRef::Complex(index));
        }
        index
    }

    fn fill_complex(
        &mut self,
        index: usize,
        t: &'s syntax::ComplexType,
        hint: &NameHint,
    ) -> Result<()> {
        // A group may hold an element whose type holds the group again: that is a
        // recursive type, not a group referring to itself, so the groups being inlined
        // around this type do not count inside it.
        let outer_groups = std::mem::take(&mut self.group_stack);
        let filled = self.fill_complex_content(index, t, hint);
        self.group_stack = outer_groups;
        filled
    }

    fn fill_complex_content(
        &mut self,
        index: usize,
        t: &'s syntax::ComplexType,
        hint: &NameHint,
    ) -> Result<()> {
        let hint = hint.clone();
        self.complex_filling[index] = true;
        // (base, own attributes, own content) of an extension of a complex type.
        let mut extension: Option<(usize, Vec<AttributeDecl>, Content)> = None;
        let (attributes, content) = match &t.content {
            ComplexContent::Direct {
                particle,
                attributes,
            } => {
                let attrs = self.attribute_uses(attributes, &hint)?;
                let content = match particle {
                    Some(p) => self
                        .particle(p, &hint)?
                        .map_or(Content::Empty, Content::Elements),
                    None => Content::Empty,
                };
                (attrs, content)
            }
            ComplexContent::SimpleExtension { base, attributes } => {
                let base_ref = self.named_type(base, Some(&t.span))?;
                let (mut attrs, content) = match base_ref {
                    TypeRef::Complex(b) => {
                        let b = self.finished_base(b, &t.span)?;
                        match &b.content {
                            Content::Simple(_) => (b.attributes.clone(), b.content.clone()),
                            _ => {
                                return Err(Error::Invalid {
                                    span: t.span.clone(),
                                    message: format!("simpleContent extension of {base}, which has no simple content"),
                                })
                            }
                        }
                    }
                    simple => (Vec::new(), Content::Simple(simple)),
                };
                let own = self.attribute_uses(attributes, &hint)?;
                if let TypeRef::Complex(b) = base_ref {
                    extension = Some((b, own.clone(), Content::Empty));
                }
                merge_attributes(&mut attrs, own);
                (attrs, content)
            }
            ComplexContent::SimpleRestriction {
                base,
                inline,
                facets,
                attributes,
            } => {
                let base_ref = self.named_type(base, Some(&t.span))?;
                let TypeRef::Complex(b) = base_ref else {
                    return Err(Error::Invalid {
                        span: t.span.clone(),
                        message: format!(
                            "simpleContent restriction of {base}, which is not a complex type"
                        ),
                    });
                };
                let b = self.finished_base(b, &t.span)?.clone();
                // A mixed base whose elements may all be absent may be restricted to
                // text of a simple type (XSD 1.0 §3.4.2, simple content 2.2): the
                // restriction's anonymous simpleType, else any text.
                let mixed_emptiable = b.mixed
                    && match &b.content {
                        Content::Empty => true,
                        Content::Elements(p) => emptiable(p),
                        Content::Simple(_) => false,
                    };
                let value_type = match (&b.content, inline) {
                    (_, Some(inline)) if mixed_emptiable => {
                        let mut h = hint.clone();
                        h.parts.push("Value".into());
                        self.simple_type(inline, h)?
                    }
                    (_, None) if mixed_emptiable => TypeRef::Builtin(Builtin::String),
                    (Content::Simple(value_type), inline) => match inline {
                        // The anonymous type restricts the base's content type.
                        Some(inline) => {
                            let mut h = hint.clone();
                            h.parts.push("Value".into());
                            self.simple_type(inline, h)?
                        }
                        None => *value_type,
                    },
                    _ => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: format!(
                                "simpleContent restriction of {base}, which has no simple content"
                            ),
                        })
                    }
                };
                let value_type = if facets.is_empty() {
                    value_type
                } else {
                    let kind = self.restrict(value_type, facets, &t.span)?;
                    let mut h = hint.clone();
                    h.parts.push("Value".into());
                    let i = self.model.simple_types.len();
                    self.model.simple_types.push(SimpleTypeDef {
                        name: None,
                        hint: h,
                        doc: None,
                        span: t.span.clone(),
                        kind,
                    });
                    TypeRef::Simple(i)
                };
                let mut attrs = b.attributes.clone();
                let own = self.attribute_uses(attributes, &hint)?;
                merge_attributes(&mut attrs, own);
                remove_prohibited(&mut attrs, attributes);
                (attrs, Content::Simple(value_type))
            }
            ComplexContent::ComplexExtension {
                base,
                particle,
                attributes,
            } => {
                let base_ref = self.named_type(base, Some(&t.span))?;
                let (mut attrs, base_content) = match base_ref {
                    TypeRef::Complex(b) => {
                        let b = self.finished_base(b, &t.span)?;
                        (b.attributes.clone(), b.content.clone())
                    }
                    TypeRef::Builtin(Builtin::AnyType) => (Vec::new(), Content::Empty),
                    _ => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: format!("complexContent extension of simple type {base}"),
                        })
                    }
                };
                let own_particle = match particle {
                    Some(p) => self.particle(p, &hint)?,
                    None => None,
                };
                let own_content = own_particle
                    .clone()
                    .map_or(Content::Empty, Content::Elements);
                let content = match (base_content, own_particle) {
                    (Content::Simple(_), Some(_)) => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: format!("extension of {base} adds elements to simple content"),
                        })
                    }
                    (c, None) => c,
                    (Content::Empty, Some(p)) => Content::Elements(p),
                    (Content::Elements(b), Some(p)) => Content::Elements(Particle {
                        min: 1,
                        max: Some(1),
                        term: Term::Sequence(vec![b, p]),
                    }),
                };
                let own = self.attribute_uses(attributes, &hint)?;
                if let TypeRef::Complex(b) = base_ref {
                    extension = Some((b, own.clone(), own_content));
                }
                merge_attributes(&mut attrs, own);
                (attrs, content)
            }
            ComplexContent::ComplexRestriction {
                base,
                particle,
                attributes,
            } => {
                let base_ref = self.named_type(base, Some(&t.span))?;
                let mut attrs = match base_ref {
                    TypeRef::Complex(b) => self.finished_base(b, &t.span)?.attributes.clone(),
                    TypeRef::Builtin(Builtin::AnyType) => Vec::new(),
                    _ => {
                        return Err(Error::Invalid {
                            span: t.span.clone(),
                            message: format!("complexContent restriction of simple type {base}"),
                        })
                    }
                };
                let content = match particle {
                    Some(p) => self
                        .particle(p, &hint)?
                        .map_or(Content::Empty, Content::Elements),
                    None => Content::Empty,
                };
                let own = self.attribute_uses(attributes, &hint)?;
                merge_attributes(&mut attrs, own);
                remove_prohibited(&mut attrs, attributes);
                (attrs, content)
            }
        };
        let attribute_items = match &t.content {
            ComplexContent::Direct { attributes, .. }
            | ComplexContent::SimpleExtension { attributes, .. }
            | ComplexContent::SimpleRestriction { attributes, .. }
            | ComplexContent::ComplexExtension { attributes, .. }
            | ComplexContent::ComplexRestriction { attributes, .. } => attributes,
        };
        let own_wildcard = self.attribute_wildcard(attribute_items, &mut Vec::new());
        let derived_from = match &t.content {
            ComplexContent::Direct { .. } => None,
            ComplexContent::SimpleExtension { base, .. }
            | ComplexContent::SimpleRestriction { base, .. }
            | ComplexContent::ComplexExtension { base, .. }
            | ComplexContent::ComplexRestriction { base, .. } => match self.memo.get(base) {
                Some(TypeRef::Complex(b)) => Some(*b),
                _ => None,
            },
        };
        let base_wildcard = extension
            .as_ref()
            .and_then(|(b, _, _)| self.model.complex_types[*b].any_attribute.clone());
        // An extension keeps its base's mixed content (the base's text and children come
        // first); simple content is never mixed.
        let base_def = derived_from.map(|b| &self.model.complex_types[b]);
        let base_mixed = base_def.is_some_and(|b| b.mixed);
        let base_has_elements = base_def.is_some_and(|b| matches!(b.content, Content::Elements(_)));
        let mixed_mismatch = |message: &str| Error::Invalid {
            span: t.span.clone(),
            message: message.to_string(),
        };
        let mixed = match &t.content {
            ComplexContent::Direct { .. } => t.mixed,
            ComplexContent::ComplexRestriction { .. } => {
                // derivation-ok-restriction 5.4: only a mixed base allows mixed content.
                if t.mixed && base_def.is_some() && !base_mixed {
                    return Err(mixed_mismatch(
                        "a restriction of element-only content cannot be mixed",
                    ));
                }
                t.mixed
            }
            ComplexContent::ComplexExtension { particle, .. } => {
                // cos-ct-extends 1.4.3.2.2.1: with element content on both sides, both are
                // mixed or neither (an extension adding only attributes keeps the base's).
                if base_has_elements && (t.mixed || particle.is_some()) && t.mixed != base_mixed {
                    return Err(mixed_mismatch(if t.mixed {
                        "a mixed extension of a base with element-only content"
                    } else {
                        "an element-only extension of a base with mixed content"
                    }));
                }
                t.mixed || base_mixed
            }
            ComplexContent::SimpleExtension { .. } | ComplexContent::SimpleRestriction { .. } => {
                false
            }
        };
        let def = &mut self.model.complex_types[index];
        def.mixed = mixed;
        def.derived_from = derived_from;
        def.own_any_attribute = if base_wildcard.is_some() {
            None
        } else {
            own_wildcard.clone()
        };
        def.any_attribute = own_wildcard.or(base_wildcard);
        match extension {
            Some((base, own_attributes, own_content)) => {
                def.base = Some(base);
                def.own_attributes = own_attributes;
                def.own_content = own_content;
            }
            None => {
                def.own_attributes = attributes.clone();
                def.own_content = content.clone();
            }
        }
        def.attributes = attributes;
        def.content = content;
        self.complex_done[index] = true;
        self.complex_filling[index] = false;
        self.complex_syntax[index] = None;
        Ok(())
    }

    /// A base type whose content is computed; otherwise the derivation is circular.
    fn finished_base(&mut self, index: usize, span: &Span) -> Result<&ComplexTypeDef> {
        if !self.complex_done[index] {
            if self.complex_filling[index] {
                return Err(Error::Invalid {
                    span: span.clone(),
                    message: "circular type derivation".into(),
                });
            }
            let (t, hint) = self.complex_syntax[index]
                .clone()
                .expect("a type not yet computed keeps its definition");
            self.fill_complex(index, t, &hint)?;
        }
        Ok(&self.model.complex_types[index])
    }

    /// A particle with groups inlined; `None` when it can hold nothing (an empty group).
    fn particle(&mut self, p: &'s syntax::Particle, hint: &NameHint) -> Result<Option<Particle>> {
        let term = match &p.term {
            syntax::Term::Element(syntax::Element {
                reference: Some(head),
                span,
                ..
            }) if self.members.contains_key(head) => {
                Term::Substitution(self.substitution_group(head, span)?)
            }
            syntax::Term::Element(e) => Term::Element(self.local_element(e, hint)?),
            syntax::Term::Any(w) => Term::Any(w.clone()),
            syntax::Term::GroupRef(name) => {
                if self.group_stack.contains(name) {
                    return Err(Error::Invalid {
                        span: p.span.clone(),
                        message: format!("group {name} refers to itself"),
                    });
                }
                let Some(group) = self.groups.get(name).copied() else {
                    return Err(self.unresolved(Some(&p.span), "group", name));
                };
                self.group_stack.push(name.clone());
                let inner = self.particle(&group.particle, hint);
                self.group_stack.pop();
                let Some(inner) = inner? else {
                    return Ok(None);
                };
                // The reference's occurrence applies to the group's model group.
                return Ok(Some(Particle {
                    min: p.min * inner.min,
                    max: match (max_of(p.max), inner.max) {
                        (Some(a), Some(b)) => Some(a * b),
                        _ => None,
                    },
                    term: inner.term,
                }));
            }
            syntax::Term::Sequence(items)
            | syntax::Term::Choice(items)
            | syntax::Term::All(items) => {
                let mut out = Vec::new();
                for item in items {
                    if let Some(q) = self.particle(item, hint)? {
                        out.push(q);
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                match &p.term {
                    syntax::Term::Sequence(_) => Term::Sequence(out),
                    syntax::Term::Choice(_) => Term::Choice(out),
                    _ => Term::All(out),
                }
            }
        };
        if max_of(p.max) == Some(0) {
            return Ok(None);
        }
        Ok(Some(Particle {
            min: p.min,
            max: max_of(p.max),
            term,
        }))
    }

    /// The substitution group headed by `head`, resolved once.
    fn substitution_group(&mut self, head: &QName, span: &Span) -> Result<usize> {
        if let Some(&index) = self.substitution_memo.get(head) {
            return Ok(index);
        }
        let Some(head_element) = self.elements.get(head).copied() else {
            return Err(self.unresolved(Some(span), "element", head));
        };
        // Reserve first: members' types may refer to the head again.
        let index = self.model.substitution_groups.len();
        self.model.substitution_groups.push(SubstitutionGroup {
            head: head.clone(),
            doc: head_element.doc.clone(),
            members: Vec::new(),
        });
        self.substitution_memo.insert(head.clone(), index);
        let mut seen = HashSet::from([head.clone()]);
        let mut queue = vec![head_element];
        let mut members = Vec::new();
        while let Some(element) = queue.pop() {
            let decl = self.global_element(element)?;
            if let Some(direct) = self.members.get(&decl.name) {
                for m in direct.iter().rev() {
                    let name = m.name.clone().expect("global elements are named");
                    // Each element names one head, so the members form a tree: meeting
                    // an element twice means its substitution groups go round in a circle.
                    if !seen.insert(name.clone()) {
                        return Err(Error::Invalid {
                            span: m.span.clone(),
                            message: format!("circular substitution group: {name} is its own head"),
                        });
                    }
                    queue.push(m);
                }
            }
            if !decl.abstract_ {
                members.push(decl);
            }
        }
        self.model.substitution_groups[index].members = members;
        Ok(index)
    }

    fn local_element(&mut self, e: &'s syntax::Element, hint: &NameHint) -> Result<ElementDecl> {
        if let Some(reference) = &e.reference {
            let Some(global) = self.elements.get(reference).copied() else {
                return Err(self.unresolved(Some(&e.span), "element", reference));
            };
            let mut decl = self.global_element(global)?;
            if e.doc.is_some() {
                decl.doc = e.doc.clone();
            }
            decl.span = e.span.clone();
            return Ok(decl);
        }
        let name = e
            .name
            .clone()
            .expect("local elements without ref are named");
        let mut h = hint.clone();
        h.parts.push(name.local.clone());
        self.element_decl(e, name, h)
    }

    fn attribute_uses(
        &mut self,
        items: &'s [AttributeItem],
        hint: &NameHint,
    ) -> Result<Vec<AttributeDecl>> {
        let mut out = Vec::new();
        self.collect_attributes(items, hint, &mut out, &mut Vec::new())?;
        Ok(out)
    }

    fn collect_attributes(
        &mut self,
        items: &'s [AttributeItem],
        hint: &NameHint,
        out: &mut Vec<AttributeDecl>,
        stack: &mut Vec<QName>,
    ) -> Result<()> {
        for item in items {
            match item {
                AttributeItem::Attribute(a) => {
                    if let Some(decl) = self.attribute(a, hint)? {
                        // ct-props-correct.4: one type, one attribute of each name.
                        if out.iter().any(|d| d.name == decl.name) {
                            return Err(Error::Invalid {
                                span: a.span.clone(),
                                message: format!("attribute {} is declared twice", decl.name),
                            });
                        }
                        merge_attributes(out, vec![decl]);
                    } else if let Some(name) = a.name.clone().or(a.reference.clone()) {
                        // Prohibited: a restriction removes the base's attribute.
                        out.retain(|d| d.name != name);
                    }
                }
                AttributeItem::Wildcard(_) => {}
                AttributeItem::GroupRef { span, name } => {
                    if stack.contains(name) {
                        return Err(Error::Invalid {
                            span: span.clone(),
                            message: format!("attribute group {name} refers to itself"),
                        });
                    }
                    let Some(group) = self.attribute_groups.get(name).copied() else {
                        return Err(self.unresolved(Some(span), "attribute group", name));
                    };
                    stack.push(name.clone());
                    self.collect_attributes(&group.attributes, hint, out, stack)?;
                    stack.pop();
                }
            }
        }
        Ok(())
    }

    /// The first attribute wildcard among `items`, attribute groups included.
    fn attribute_wildcard(
        &self,
        items: &'s [AttributeItem],
        stack: &mut Vec<QName>,
    ) -> Option<NamespaceConstraint> {
        items.iter().find_map(|item| match item {
            AttributeItem::Wildcard(w) => Some(w.clone()),
            AttributeItem::GroupRef { name, .. } if !stack.contains(name) => {
                let group = self.attribute_groups.get(name)?;
                stack.push(name.clone());
                let found = self.attribute_wildcard(&group.attributes, stack);
                stack.pop();
                found
            }
            _ => None,
        })
    }

    /// An attribute use; `None` when prohibited.
    fn attribute(
        &mut self,
        a: &'s syntax::Attribute,
        hint: &NameHint,
    ) -> Result<Option<AttributeDecl>> {
        if a.use_ == syntax::AttributeUse::Prohibited {
            return Ok(None);
        }
        let (name, type_ref, doc, default, fixed) = if let Some(reference) = &a.reference {
            if reference.ns.as_deref() == Some(XML_NS) {
                (
                    reference.clone(),
                    TypeRef::Builtin(Builtin::String),
                    a.doc.clone(),
                    a.default.clone(),
                    a.fixed.clone(),
                )
            } else {
                let Some(global) = self.attributes.get(reference).copied() else {
                    return Err(self.unresolved(Some(&a.span), "attribute", reference));
                };
                let t = self.attribute_type(global, hint)?;
                (
                    reference.clone(),
                    t,
                    a.doc.clone().or(global.doc.clone()),
                    a.default.clone().or(global.default.clone()),
                    a.fixed.clone().or(global.fixed.clone()),
                )
            }
        } else {
            let name = a.name.clone().expect("attributes without ref are named");
            let t = self.attribute_type(a, hint)?;
            (name, t, a.doc.clone(), a.default.clone(), a.fixed.clone())
        };
        if matches!(
            type_ref,
            TypeRef::Complex(_) | TypeRef::Builtin(Builtin::AnyType)
        ) {
            return Err(Error::Invalid {
                span: a.span.clone(),
                message: format!("attribute {name} must have a simple type"),
            });
        }
        Ok(Some(AttributeDecl {
            name,
            type_ref,
            required: a.use_ == syntax::AttributeUse::Required,
            default,
            fixed,
            doc,
        }))
    }

    fn attribute_type(&mut self, a: &'s syntax::Attribute, hint: &NameHint) -> Result<TypeRef> {
        match (&a.type_name, &a.inline_type) {
            (Some(t), _) => self.named_type(t, Some(&a.span)),
            (None, Some(inline)) => {
                let mut h = hint.clone();
                h.parts.push(
                    a.name
                        .as_ref()
                        .map_or("Attribute".into(), |n| n.local.clone()),
                );
                self.simple_type(inline, h)
            }
            (None, None) => Ok(TypeRef::Builtin(Builtin::AnySimpleType)),
        }
    }
}

/// Removes the attributes a restriction declares `use="prohibited"`.
fn remove_prohibited(attrs: &mut Vec<AttributeDecl>, items: &[AttributeItem]) {
    for item in items {
        if let AttributeItem::Attribute(a) = item {
            if a.use_ == syntax::AttributeUse::Prohibited {
                if let Some(name) = a.name.as_ref().or(a.reference.as_ref()) {
                    attrs.retain(|d| &d.name != name);
                }
            }
        }
    }
}

/// Whether a particle may match no element at all.
fn emptiable(p: &Particle) -> bool {
    p.min == 0
        || match &p.term {
            Term::Sequence(items) | Term::All(items) => items.iter().all(emptiable),
            Term::Choice(items) => items.iter().any(emptiable),
            Term::Element(_) | Term::Substitution(_) | Term::Any(_) => false,
        }
}

/// Adds `own` to `base`, replacing attributes of the same name.
fn merge_attributes(base: &mut Vec<AttributeDecl>, own: Vec<AttributeDecl>) {
    for a in own {
        match base.iter_mut().find(|b| b.name == a.name) {
            Some(existing) => *existing = a,
            None => base.push(a),
        }
    }
}

fn merge_facets(mut f: Facets, own: &[syntax::Facet]) -> Result<Facets> {
    let mut enumeration = Vec::new();
    let mut enumeration_names = Vec::new();
    let mut patterns = Vec::new();
    for facet in own {
        let v = facet.value.clone();
        let count = |v: &str| -> Result<usize> {
            v.trim().parse().map_err(|_| Error::Invalid {
                span: facet.span.clone(),
                message: format!("facet value {v:?} is not a count"),
            })
        };
        match facet.kind {
            FacetKind::Enumeration => {
                enumeration.push((v, facet.doc.clone()));
                enumeration_names.push(facet.name.clone());
            }
            FacetKind::Pattern => patterns.push(v),
            FacetKind::Length => f.length = Some(count(&v)?),
            FacetKind::MinLength => f.min_length = Some(count(&v)?),
            FacetKind::MaxLength => f.max_length = Some(count(&v)?),
            FacetKind::TotalDigits => f.total_digits = Some(count(&v)?),
            FacetKind::FractionDigits => f.fraction_digits = Some(count(&v)?),
            FacetKind::MinInclusive => f.min_inclusive = Some(v.trim().to_string()),
            FacetKind::MaxInclusive => f.max_inclusive = Some(v.trim().to_string()),
            FacetKind::MinExclusive => f.min_exclusive = Some(v.trim().to_string()),
            FacetKind::MaxExclusive => f.max_exclusive = Some(v.trim().to_string()),
            FacetKind::WhiteSpace => match v.trim() {
                "preserve" | "replace" | "collapse" => f.white_space = Some(v.trim().to_string()),
                other => {
                    return Err(Error::Invalid {
                        span: facet.span.clone(),
                        message: format!("whiteSpace {other:?}"),
                    })
                }
            },
        }
    }
    if !enumeration.is_empty() {
        f.enumeration = enumeration;
        f.enumeration_names = enumeration_names;
    }
    if !patterns.is_empty() {
        f.patterns.push(patterns);
    }
    Ok(f)
}

impl Model {
    /// For each complex type, the named types derived from it, directly or not, in
    /// arena order.
    pub fn derived_types(&self) -> Vec<Vec<usize>> {
        let mut derived = vec![Vec::new(); self.complex_types.len()];
        for (i, t) in self.complex_types.iter().enumerate() {
            if t.name.is_none() {
                continue;
            }
            let mut ancestor = t.derived_from;
            // Derivation chains are acyclic (checked while building); bound the walk anyway.
            for _ in 0..self.complex_types.len() {
                let Some(a) = ancestor else { break };
                derived[a].push(i);
                ancestor = self.complex_types[a].derived_from;
            }
        }
        derived
    }

    /// The namespaces that have components, in first-seen order.
    pub fn namespaces(&self) -> Vec<Option<String>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let all = self
            .complex_types
            .iter()
            .map(|t| &t.hint.ns)
            .chain(self.simple_types.iter().map(|t| &t.hint.ns))
            .chain(self.elements.iter().map(|e| &e.name.ns));
        for ns in all {
            if seen.insert(ns.clone()) {
                out.push(ns.clone());
            }
        }
        out
    }
}
