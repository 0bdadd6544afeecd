//! Stage 4, plan: the Rust picture of a model — modules, item names, field types,
//! occurrences, choice enums, boxing of recursive fields.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::builtin::Builtin;
use crate::model::{self, Content, Facets, Model, SimpleKind, Term, TypeRef};
use crate::naming::{self, Scope};
use crate::syntax::NamespaceConstraint;

/// A type as fields name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypePath {
    /// A generated item: module index and item index.
    Item { module: usize, item: usize },
    /// A built-in type held by a Rust or runtime type.
    Builtin(Builtin),
}

/// How an element's content is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Character data of a simple type.
    Simple,
    /// A generated complex type.
    Complex,
    /// `xs:anyType`: kept as a raw element.
    Any,
}

impl ValueKind {
    /// Whether a nillable element of this kind is held in `Nillable`: not `xs:anyType`,
    /// whose raw element keeps `xsi:nil` among its attributes.
    pub fn wraps_nil(self) -> bool {
        self != ValueKind::Any
    }
}

/// How many times a field's element or group occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    One,
    Optional,
    /// `max: None` is unbounded.
    Many {
        min: u32,
        max: Option<u32>,
    },
}

impl Occurs {
    fn of(min: u32, max: Option<u32>) -> Occurs {
        match (min, max) {
            (1, Some(1)) => Occurs::One,
            (0, Some(1)) => Occurs::Optional,
            (min, max) => Occurs::Many { min, max },
        }
    }
}

/// A child element as a field or variant reads it.
#[derive(Debug, Clone)]
pub struct ElementRef {
    pub ns: Option<String>,
    pub local: String,
    pub ty: TypePath,
    pub value: ValueKind,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
}

/// What a field or variant holds.
#[derive(Debug, Clone)]
pub enum FieldKind {
    Element(ElementRef),
    /// `xs:any`: elements kept as `xsdgen_runtime::AnyElement` trees.
    Any(NamespaceConstraint),
    /// A nested model group, planned as its own item.
    Group(TypePath),
}

/// A struct field or choice variant.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    pub ident: String,
    pub doc: Option<String>,
    pub occurs: Occurs,
    /// The field's type contains the enclosing item: it needs a `Box`.
    pub boxed: bool,
    pub kind: FieldKind,
}

/// An attribute field.
#[derive(Debug, Clone)]
pub struct AttrPlan {
    pub ident: String,
    pub doc: Option<String>,
    pub ns: Option<String>,
    pub local: String,
    pub ty: TypePath,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
}

/// Element content of a struct.
#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    /// Simple content held in a field named `value`.
    Simple(TypePath),
    Sequence(Vec<FieldPlan>),
    All(Vec<FieldPlan>),
}

/// Where a struct of mixed content keeps the text between its child elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPlace {
    /// Element-only, empty or simple content: no text.
    None,
    /// In a field of its own (`rt::MixedText`), with this name.
    Own(String),
    /// In its base's: the path of fields to it (`base`, …, the text field). The base's
    /// reader and writer leave the text to the outermost type's.
    InBase(Vec<String>),
}

/// A struct: a complex type, or a nested sequence group (`group: true`).
#[derive(Debug, Clone)]
pub struct StructPlan {
    pub doc: String,
    /// The extended complex type, held in a field named `base`.
    pub base: Option<TypePath>,
    /// Attributes matching this wildcard are kept in `other_attributes`.
    pub any_attribute: Option<NamespaceConstraint>,
    pub attrs: Vec<AttrPlan>,
    pub body: Body,
    pub group: bool,
    /// Mixed content: where its text is kept.
    pub text: TextPlace,
    /// `xs:all` content: the field keeping the order its members were read in.
    pub all_order: Option<String>,
    /// The field keeping the `xsi:` location hints (`rt::SchemaLocation`), on the
    /// types of global elements, which documents start with.
    pub location: Option<String>,
}

/// A Rust enum for an `xs:choice`.
#[derive(Debug, Clone)]
pub struct ChoicePlan {
    pub doc: String,
    pub variants: Vec<FieldPlan>,
    /// The struct every alternative's type is or derives from, and the name of the
    /// method giving that part of any alternative (`as_item`), when there is one.
    pub base: Option<(TypePath, String)>,
}

/// A Rust enum for a simple type with an enumeration.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    pub doc: String,
    pub xsd_name: String,
    pub white_space: &'static str,
    /// (variant, lexical value, documentation)
    pub values: Vec<(String, String, Option<String>)>,
    /// An enumeration of `xs:QName`: each value's namespace and local name, compared
    /// and written by expanded name rather than as text.
    pub names: Option<Vec<(Option<String>, String)>>,
}

/// A newtype for a restricted atomic simple type.
#[derive(Debug, Clone)]
pub struct NewtypePlan {
    pub span: crate::error::Span,
    pub doc: String,
    pub xsd_name: String,
    pub base: Builtin,
    pub facets: Facets,
}

/// A list simple type.
#[derive(Debug, Clone)]
pub struct ListPlan {
    pub doc: String,
    pub xsd_name: String,
    pub item: TypePath,
    pub facets: Facets,
}

/// A union simple type.
#[derive(Debug, Clone)]
pub struct UnionPlan {
    pub span: crate::error::Span,
    pub doc: String,
    pub xsd_name: String,
    pub members: Vec<(String, TypePath)>,
    /// `pattern` and `enumeration` of restrictions of the union, on the lexical form.
    pub facets: Facets,
}

/// A complex type or any type derived from it, chosen by `xsi:type`.
#[derive(Debug, Clone)]
pub struct PolyPlan {
    pub doc: String,
    /// The declared type's XSD name, for messages.
    pub xsd_name: String,
    /// The declared type is abstract: `xsi:type` is required.
    pub abstract_: bool,
    /// (variant, type, namespace and local name of the XSD type); the declared type
    /// first unless abstract.
    pub variants: Vec<(String, TypePath, Option<String>, String)>,
    /// Index of the declared type's variant, if it has one.
    pub declared: Option<usize>,
    /// The declared type's struct (which extensions hold in their `base` field).
    pub declared_type: TypePath,
    /// The method giving the declared type's part (`as_item` for `ItemType`).
    pub accessor: String,
}

/// One generated item.
#[derive(Debug, Clone)]
pub enum ItemKind {
    Struct(StructPlan),
    Choice(ChoicePlan),
    Enum(EnumPlan),
    Newtype(NewtypePlan),
    List(ListPlan),
    Union(UnionPlan),
    Poly(PolyPlan),
}

/// A named item.
#[derive(Debug, Clone)]
pub struct Item {
    pub name: String,
    /// The XSD name of a named type, which `xsi:type` may repeat.
    pub xsd_type: Option<crate::syntax::QName>,
    pub kind: ItemKind,
}

/// A global element: a variant of the module's `Document` enum.
#[derive(Debug, Clone)]
pub struct RootPlan {
    pub variant: String,
    pub local: String,
    pub ty: TypePath,
    pub value: ValueKind,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
}

/// One namespace's module.
#[derive(Debug, Clone)]
pub struct ModulePlan {
    pub name: String,
    pub ns: Option<String>,
    pub items: Vec<Item>,
    pub roots: Vec<RootPlan>,
    /// Name of the enum of global elements.
    pub document: String,
}

/// The Rust picture of a schema set.
#[derive(Debug, Clone)]
pub struct Plan {
    pub modules: Vec<ModulePlan>,
}

impl Plan {
    /// The item a path names.
    pub fn item(&self, module: usize, item: usize) -> &Item {
        &self.modules[module].items[item]
    }
}

struct Planner<'m> {
    model: &'m Model,
    modules: Vec<ModulePlan>,
    scopes: Vec<Scope>,
    module_of_ns: HashMap<Option<String>, usize>,
    simple_paths: Vec<TypePath>,
    complex_paths: Vec<TypePath>,
    substitution_paths: Vec<TypePath>,
    /// Per complex type: the `xsi:type` enum that elements of the type hold, if it has
    /// named derived types.
    poly_paths: Vec<Option<TypePath>>,
    /// Complex types of global elements: their structs keep location hints.
    root_types: HashSet<usize>,
}

/// Plans the Rust code for a model; `module_names` overrides namespace → module.
pub fn plan(model: &Model, module_names: &BTreeMap<String, String>) -> Plan {
    let mut p = Planner {
        model,
        modules: Vec::new(),
        scopes: Vec::new(),
        module_of_ns: HashMap::new(),
        simple_paths: Vec::new(),
        complex_paths: Vec::new(),
        substitution_paths: Vec::new(),
        poly_paths: Vec::new(),
        root_types: model
            .elements
            .iter()
            .filter_map(|e| match e.type_ref {
                TypeRef::Complex(i) => Some(i),
                _ => None,
            })
            .collect(),
    };
    let mut used_modules = Scope::default();
    for ns in model.namespaces() {
        let wanted = ns
            .as_ref()
            .and_then(|n| module_names.get(n).cloned())
            .unwrap_or_else(|| naming::module_name(ns.as_deref()));
        let name = used_modules.unique(&wanted, naming::MODULE_SUFFIX);
        let mut scope = Scope::default();
        // Generated code names these unqualified.
        for taken in naming::RESERVED_ITEM_NAMES {
            scope.reserve(taken);
        }
        p.module_of_ns.insert(ns.clone(), p.modules.len());
        p.modules.push(ModulePlan {
            name,
            ns,
            items: Vec::new(),
            roots: Vec::new(),
            document: "Document".into(),
        });
        p.scopes.push(scope);
    }
    p.name_types();
    p.plan_polymorphism();
    for i in 0..model.simple_types.len() {
        p.plan_simple(i);
    }
    for i in 0..model.complex_types.len() {
        p.plan_complex(i);
    }
    for i in 0..model.substitution_groups.len() {
        p.plan_substitution(i);
    }
    p.plan_roots();
    let mut plan = Plan { modules: p.modules };
    place_base_text(&mut plan);
    box_recursive_fields(&mut plan);
    box_optional_structs(&mut plan);
    plan
}

fn doc_or(doc: &Option<String>, fallback: String) -> String {
    match doc {
        Some(d) => format!("{d}\n\n{fallback}"),
        None => fallback,
    }
}

impl Planner<'_> {
    fn module(&self, ns: &Option<String>) -> usize {
        self.module_of_ns[ns]
    }

    /// Reserves an item slot with a unique name; named types first, so that they keep
    /// their XSD names and anonymous types yield on a clash.
    fn name_types(&mut self) {
        let model = self.model;
        let mut simple_paths = vec![None; model.simple_types.len()];
        let mut complex_paths = vec![None; model.complex_types.len()];
        // Pass 0: named types; pass 1: anonymous types of global elements; pass 2: the rest.
        for pass in 0..3 {
            if pass == 1 {
                // Substitution groups take their head's name, after named types.
                self.substitution_paths = model
                    .substitution_groups
                    .iter()
                    .map(|g| self.reserve_item(&g.head.ns, &naming::type_name(&g.head.local)))
                    .collect();
            }
            let wanted =
                |name: &Option<crate::syntax::QName>, hint: &model::NameHint| match (pass, name) {
                    (0, Some(n)) => Some(naming::type_name(&n.local)),
                    (1, None) if hint.parts.len() == 1 => Some(naming::type_name(&hint.parts[0])),
                    (2, None) if hint.parts.len() > 1 => Some(
                        hint.parts
                            .iter()
                            .map(|p| naming::type_name(p))
                            .collect::<String>(),
                    ),
                    _ => None,
                };
            for (i, t) in model.complex_types.iter().enumerate() {
                if let Some(w) = wanted(&t.name, &t.hint) {
                    complex_paths[i] = Some(self.reserve_item(&t.hint.ns, &w));
                }
            }
            for (i, t) in model.simple_types.iter().enumerate() {
                if let Some(w) = wanted(&t.name, &t.hint) {
                    simple_paths[i] = Some(self.reserve_item(&t.hint.ns, &w));
                }
            }
        }
        self.simple_paths = simple_paths
            .into_iter()
            .map(|p| p.expect("every simple type named"))
            .collect();
        self.complex_paths = complex_paths
            .into_iter()
            .map(|p| p.expect("every complex type named"))
            .collect();
    }

    /// The type an element holds: a complex type with derived types becomes its
    /// `xsi:type` enum.
    fn element_type(&self, t: TypeRef) -> TypePath {
        match t {
            TypeRef::Complex(i) => self.poly_paths[i].clone().unwrap_or_else(|| self.path(t)),
            _ => self.path(t),
        }
    }

    /// Plans an `xsi:type` enum for each complex type that elements use and that has
    /// named derived types.
    fn plan_polymorphism(&mut self) {
        let model = self.model;
        let derived = model.derived_types();
        let mut used = vec![false; model.complex_types.len()];
        let mut mark = |e: &model::ElementDecl| {
            if let TypeRef::Complex(i) = e.type_ref {
                used[i] = true;
            }
        };
        model.elements.iter().for_each(&mut mark);
        model
            .substitution_groups
            .iter()
            .flat_map(|g| &g.members)
            .for_each(&mut mark);
        for t in &model.complex_types {
            if let Content::Elements(p) = &t.own_content {
                visit_elements(p, &mut mark);
            }
        }
        self.poly_paths = vec![None; model.complex_types.len()];
        for (i, t) in model.complex_types.iter().enumerate() {
            if !used[i] || derived[i].is_empty() {
                continue;
            }
            let TypePath::Item { module, item } = self.complex_paths[i].clone() else {
                unreachable!("complex types are items")
            };
            let base_name = self.modules[module].items[item].name.clone();
            let path = self.reserve_item(&t.hint.ns, &naming::derived_enum_name(&base_name));
            let mut scope = Scope::default();
            let mut variants = Vec::new();
            let declared = (!t.abstract_).then_some(0);
            let members = std::iter::once(i).filter(|_| !t.abstract_).chain(
                derived[i]
                    .iter()
                    .copied()
                    .filter(|&d| !model.complex_types[d].abstract_),
            );
            for m in members {
                let name = model.complex_types[m]
                    .name
                    .clone()
                    .expect("named or declared type");
                let TypePath::Item { module, item } = self.complex_paths[m] else {
                    unreachable!()
                };
                let ident =
                    scope.unique(&self.modules[module].items[item].name, naming::TYPE_SUFFIX);
                variants.push((ident, self.complex_paths[m].clone(), name.ns, name.local));
            }
            let xsd_name = Self::xsd_name(&t.name, &t.hint);
            let doc = format!(
                "`{xsd_name}` or a type derived from it, as `xsi:type` names it{}.",
                if t.abstract_ {
                    " (required: the type is abstract)"
                } else {
                    ""
                }
            );
            self.set(
                &path,
                ItemKind::Poly(PolyPlan {
                    doc,
                    xsd_name,
                    abstract_: t.abstract_,
                    variants,
                    declared,
                    declared_type: self.complex_paths[i].clone(),
                    accessor: naming::accessor_name(&base_name),
                }),
            );
            self.poly_paths[i] = Some(path);
        }
    }

    fn element_ref(&self, e: &model::ElementDecl) -> ElementRef {
        let value = Self::value_kind(e.type_ref);
        ElementRef {
            ns: e.name.ns.clone(),
            local: e.name.local.clone(),
            ty: self.element_type(e.type_ref),
            value,
            nillable: e.nillable,
            default: e.default.clone(),
            fixed: e.fixed.clone(),
        }
    }

    /// A substitution group as a choice of its members' elements.
    fn plan_substitution(&mut self, index: usize) {
        let group = &self.model.substitution_groups[index];
        let mut scope = Scope::default();
        let variants = group
            .members
            .iter()
            .map(|m| FieldPlan {
                ident: scope.unique(&naming::type_name(&m.name.local), naming::ELEMENT_SUFFIX),
                doc: m.doc.clone(),
                occurs: Occurs::One,
                boxed: false,
                kind: FieldKind::Element(self.element_ref(m)),
            })
            .collect();
        let doc = doc_or(
            &group.doc,
            format!(
                "Substitution group of `{}`: any of its members may stand where it is referenced.",
                group.head.local
            ),
        );
        let path = self.substitution_paths[index].clone();
        self.set(
            &path,
            ItemKind::Choice(ChoicePlan {
                doc,
                variants,
                base: None,
            }),
        );
    }

    fn reserve_item(&mut self, ns: &Option<String>, wanted: &str) -> TypePath {
        let module = self.module(ns);
        let name = self.scopes[module].unique(wanted, naming::TYPE_SUFFIX);
        self.reserve_slot(module, name)
    }

    fn path(&self, t: TypeRef) -> TypePath {
        match t {
            TypeRef::Builtin(b) => TypePath::Builtin(b),
            TypeRef::Simple(i) => self.simple_paths[i].clone(),
            TypeRef::Complex(i) => self.complex_paths[i].clone(),
        }
    }

    fn value_kind(t: TypeRef) -> ValueKind {
        match t {
            TypeRef::Builtin(Builtin::AnyType) => ValueKind::Any,
            TypeRef::Builtin(_) | TypeRef::Simple(_) => ValueKind::Simple,
            TypeRef::Complex(_) => ValueKind::Complex,
        }
    }

    fn set(&mut self, path: &TypePath, kind: ItemKind) {
        if let TypePath::Item { module, item } = path {
            self.modules[*module].items[*item].kind = kind;
        }
    }

    /// Records the XSD name of the named type planned at `path`.
    fn name_type(&mut self, path: &TypePath, name: Option<crate::syntax::QName>) {
        if let TypePath::Item { module, item } = path {
            self.modules[*module].items[*item].xsd_type = name;
        }
    }

    fn xsd_name(name: &Option<crate::syntax::QName>, hint: &model::NameHint) -> String {
        match name {
            Some(n) => n.local.clone(),
            None => format!("anonymous type of {}", hint.parts.join("/")),
        }
    }

    fn plan_simple(&mut self, index: usize) {
        let t = &self.model.simple_types[index];
        let xsd_name = Self::xsd_name(&t.name, &t.hint);
        let doc = doc_or(&t.doc, format!("XSD simple type `{xsd_name}`."));
        let kind = match &t.kind {
            SimpleKind::Atomic { base, facets } if !facets.enumeration.is_empty() => {
                let mut scope = Scope::default();
                let values = facets
                    .enumeration
                    .iter()
                    .map(|(v, d)| {
                        (
                            scope.unique(&naming::variant_name(v), naming::VALUE_SUFFIX),
                            v.clone(),
                            d.clone(),
                        )
                    })
                    .collect();
                let white_space = match facets.white_space.as_deref() {
                    Some("preserve") => "Preserve",
                    Some("replace") => "Replace",
                    Some(_) => "Collapse",
                    None => base.white_space(),
                };
                let names = (*base == Builtin::Token("xs:QName"))
                    .then(|| {
                        facets
                            .enumeration_names
                            .iter()
                            .map(|n| n.as_ref().map(|n| (n.ns.clone(), n.local.clone())))
                            .collect::<Option<Vec<_>>>()
                    })
                    .flatten();
                ItemKind::Enum(EnumPlan {
                    names,
                    doc,
                    xsd_name,
                    white_space,
                    values,
                })
            }
            SimpleKind::Atomic { base, facets } => ItemKind::Newtype(NewtypePlan {
                span: t.span.clone(),
                doc,
                xsd_name,
                base: *base,
                facets: facets.clone(),
            }),
            SimpleKind::List { item, facets } => ItemKind::List(ListPlan {
                doc,
                xsd_name,
                item: self.path(*item),
                facets: facets.clone(),
            }),
            SimpleKind::Union { members, facets } => {
                let mut scope = Scope::default();
                let members = members
                    .iter()
                    .map(|m| {
                        let wanted = match m {
                            TypeRef::Builtin(b) => naming::variant_name(&format!("{b:?}")),
                            TypeRef::Simple(i) => {
                                let st = &self.model.simple_types[*i];
                                match &st.name {
                                    Some(n) => naming::type_name(&n.local),
                                    None => naming::type_name(
                                        st.hint.parts.last().map_or("Member", |s| s),
                                    ),
                                }
                            }
                            TypeRef::Complex(_) => "Complex".into(),
                        };
                        (scope.unique(&wanted, naming::VALUE_SUFFIX), self.path(*m))
                    })
                    .collect();
                ItemKind::Union(UnionPlan {
                    span: t.span.clone(),
                    doc,
                    xsd_name,
                    members,
                    facets: facets.clone(),
                })
            }
        };
        let path = self.simple_paths[index].clone();
        self.set(&path, kind);
        self.name_type(&path, t.name.clone());
    }

    fn plan_complex(&mut self, index: usize) {
        let t = &self.model.complex_types[index];
        let path = self.complex_paths[index].clone();
        let TypePath::Item { module, item } = path else {
            unreachable!()
        };
        let name = self.modules[module].items[item].name.clone();
        let xsd_name = Self::xsd_name(&t.name, &t.hint);
        let doc = doc_or(&t.doc, format!("XSD complex type `{xsd_name}`."));
        // The generated reader's own names (`__r`, `__start`, `__mixed`) are outside the
        // names fields can take: a schema's `start` stays `start`.
        let mut fields = Scope::default();
        let base = t.base.map(|b| {
            fields.reserve("base");
            self.complex_paths[b].clone()
        });
        if t.own_any_attribute.is_some() {
            fields.reserve("other_attributes");
        }
        // Simple content is always `value`: an attribute of that name yields.
        if matches!(t.own_content, Content::Simple(_)) {
            fields.reserve("value");
        }
        let attrs = t
            .own_attributes
            .iter()
            .map(|a| AttrPlan {
                ident: self.field_ident(
                    module,
                    &mut fields,
                    &naming::field_name(&a.name.local),
                    naming::ATTRIBUTE_SUFFIX,
                ),
                doc: a.doc.clone(),
                ns: a.name.ns.clone(),
                local: a.name.local.clone(),
                ty: self.path(a.type_ref),
                required: a.required,
                default: a.default.clone(),
                fixed: a.fixed.clone(),
            })
            .collect();
        let body = match &t.own_content {
            Content::Empty => Body::Empty,
            Content::Simple(v) => Body::Simple(self.path(*v)),
            Content::Elements(particle) => {
                let mut counter = 0;
                match (&particle.term, particle.min, particle.max) {
                    (Term::Sequence(items), min, Some(1))
                        if min == 1 || items.iter().all(|q| q.min == 0) =>
                    {
                        let mut out = Vec::new();
                        self.flatten_sequence(
                            items,
                            &t.hint.ns,
                            &name,
                            &mut counter,
                            &mut fields,
                            &mut out,
                        );
                        Body::Sequence(out)
                    }
                    (Term::All(items), 1, Some(1)) => {
                        let mut out = Vec::new();
                        self.flatten_sequence(
                            items,
                            &t.hint.ns,
                            &name,
                            &mut counter,
                            &mut fields,
                            &mut out,
                        );
                        Body::All(out)
                    }
                    _ => {
                        let f = self.field(particle, &t.hint.ns, &name, &mut counter, &mut fields);
                        Body::Sequence(vec![f])
                    }
                }
            }
        };
        let text = match t.base {
            // The place is filled in once every struct is planned (`place_base_text`).
            Some(b) if t.mixed && self.model.complex_types[b].mixed => {
                TextPlace::InBase(Vec::new())
            }
            // After the fields: the schema's names come first.
            _ if t.mixed => TextPlace::Own(fields.unique("text", naming::TEXT_SUFFIX)),
            _ => TextPlace::None,
        };
        let all_order = matches!(body, Body::All(_)).then(|| fields.unique("all_order", "_"));
        let location = self
            .root_types
            .contains(&index)
            .then(|| fields.unique("xsi_location", "_"));
        self.set(
            &path,
            ItemKind::Struct(StructPlan {
                doc,
                base,
                any_attribute: t.own_any_attribute.clone(),
                attrs,
                body,
                group: false,
                text,
                all_order,
                location,
            }),
        );
        let name = self.model.complex_types[index].name.clone();
        self.name_type(&path, name);
    }

    /// Fields of a sequence; nested required single sequences add their fields in place.
    fn flatten_sequence(
        &mut self,
        items: &[model::Particle],
        ns: &Option<String>,
        owner: &str,
        counter: &mut usize,
        fields: &mut Scope,
        out: &mut Vec<FieldPlan>,
    ) {
        for p in items {
            match (&p.term, p.min, p.max) {
                (Term::Sequence(inner), 1, Some(1)) => {
                    self.flatten_sequence(inner, ns, owner, counter, fields, out)
                }
                // An optional sequence of optional members takes the same documents as
                // its members on their own: keep them as plain optional fields.
                (Term::Sequence(inner), 0, Some(1)) if inner.iter().all(|q| q.min == 0) => {
                    self.flatten_sequence(inner, ns, owner, counter, fields, out)
                }
                _ => out.push(self.field(p, ns, owner, counter, fields)),
            }
        }
    }

    /// A field (or variant) for one particle; model groups become items of their own.
    fn field(
        &mut self,
        p: &model::Particle,
        ns: &Option<String>,
        owner: &str,
        counter: &mut usize,
        fields: &mut Scope,
    ) -> FieldPlan {
        let occurs = Occurs::of(p.min, p.max);
        match &p.term {
            Term::Any(w) => FieldPlan {
                ident: fields.unique("any", "_"),
                doc: None,
                occurs,
                boxed: false,
                kind: FieldKind::Any(w.clone()),
            },
            Term::Element(e) => FieldPlan {
                ident: self.field_ident(
                    self.module(ns),
                    fields,
                    &naming::field_name(&e.name.local),
                    naming::FIELD_SUFFIX,
                ),
                doc: e.doc.clone(),
                occurs,
                boxed: false,
                kind: FieldKind::Element(self.element_ref(e)),
            },
            Term::Substitution(g) => {
                let head = &self.model.substitution_groups[*g].head;
                FieldPlan {
                    ident: self.field_ident(
                        self.module(ns),
                        fields,
                        &naming::field_name(&head.local),
                        naming::FIELD_SUFFIX,
                    ),
                    doc: None,
                    occurs,
                    boxed: false,
                    kind: FieldKind::Group(self.substitution_paths[*g].clone()),
                }
            }
            Term::Sequence(items) | Term::All(items) => {
                *counter += 1;
                let module = self.module(ns);
                let name = self.scopes[module].unique(&naming::sequence_name(owner), "");
                let path = self.reserve_slot(module, name.clone());
                let mut inner_fields = Scope::default();
                let mut inner_counter = 0;
                let mut out = Vec::new();
                self.flatten_sequence(
                    items,
                    ns,
                    &name,
                    &mut inner_counter,
                    &mut inner_fields,
                    &mut out,
                );
                let body = if matches!(p.term, Term::All(_)) {
                    Body::All(out)
                } else {
                    Body::Sequence(out)
                };
                self.set(
                    &path,
                    ItemKind::Struct(StructPlan {
                        doc: format!("A sequence inside `{owner}`."),
                        base: None,
                        any_attribute: None,
                        attrs: Vec::new(),
                        body,
                        group: true,
                        text: TextPlace::None,
                        all_order: None,
                        location: None,
                    }),
                );
                FieldPlan {
                    ident: fields.unique("sequence", "_"),
                    doc: None,
                    occurs,
                    boxed: false,
                    kind: FieldKind::Group(path),
                }
            }
            Term::Choice(items) => {
                *counter += 1;
                let module = self.module(ns);
                // Named after what it holds (`view`, `FindItemTypeView`), else `choice`, as
                // when two choices of one type would share a name (EWS `RecurrenceType`).
                let content = self.choice_name(items).filter(|c| !fields.is_taken(c));
                let word = content
                    .as_deref()
                    .map_or("Choice".into(), naming::type_name);
                let name = self.scopes[module].unique(&naming::compound(owner, &word), "Choice");
                let path = self.reserve_slot(module, name.clone());
                let mut variants_scope = Scope::default();
                let mut inner_counter = 0;
                let variants = items
                    .iter()
                    .map(|q| {
                        let mut v =
                            self.field(q, ns, &name, &mut inner_counter, &mut Scope::default());
                        v.ident = variants_scope
                            .unique(&naming::type_name(&v.ident), naming::VARIANT_SUFFIX);
                        v
                    })
                    .collect();
                // The part every alternative shares, when all derive from one's type.
                let base = self.choice_base(items).and_then(|a| match &items[a].term {
                    Term::Element(e) => match e.type_ref {
                        TypeRef::Complex(t) => {
                            let path = self.complex_paths[t].clone();
                            let TypePath::Item { module, item } = path else {
                                return None;
                            };
                            let accessor =
                                naming::accessor_name(&self.modules[module].items[item].name);
                            Some((path, accessor))
                        }
                        _ => None,
                    },
                    _ => None,
                });
                self.set(
                    &path,
                    ItemKind::Choice(ChoicePlan {
                        doc: format!("A choice inside `{owner}`."),
                        variants,
                        base,
                    }),
                );
                FieldPlan {
                    ident: fields.unique(content.as_deref().unwrap_or("choice"), "_"),
                    doc: None,
                    occurs,
                    boxed: false,
                    kind: FieldKind::Group(path),
                }
            }
        }
    }

    /// What a choice of `items` is called ([`naming::choice_name`] of its alternatives'
    /// names), `None` if an alternative is a sequence or nothing names it.
    fn choice_name(&self, items: &[model::Particle]) -> Option<String> {
        let names = items
            .iter()
            .map(|q| match &q.term {
                Term::Element(e) => Some(naming::field_name(&e.name.local)),
                Term::Substitution(g) => Some(naming::field_name(
                    &self.model.substitution_groups[*g].head.local,
                )),
                Term::Any(_) => Some("any".to_string()),
                Term::Choice(inner) => self.choice_name(inner),
                Term::Sequence(_) | Term::All(_) => None,
            })
            .collect::<Option<Vec<_>>>()?;
        self.choice_base(items)
            .map(|a| names[a].clone())
            .or_else(|| naming::choice_name(&names))
    }

    /// The alternative whose complex type every other alternative's type derives from
    /// (EWS `Item` among `Message`, `CalendarItem`, `Contact`…), if there is one.
    fn choice_base(&self, items: &[model::Particle]) -> Option<usize> {
        let complex = |q: &model::Particle| match &q.term {
            Term::Element(e) => match e.type_ref {
                TypeRef::Complex(t) => Some(t),
                _ => None,
            },
            _ => None,
        };
        let types = items.iter().map(complex).collect::<Option<Vec<_>>>()?;
        let types_count = self.model.complex_types.len();
        let derives = |mut t: usize, base: usize| {
            // Derivation chains are acyclic once modelled; bound the walk anyway.
            for _ in 0..types_count {
                match self.model.complex_types[t].derived_from {
                    Some(b) if b == base => return true,
                    Some(b) => t = b,
                    None => return false,
                }
            }
            false
        };
        (types.len() > 1)
            .then(|| {
                (0..types.len())
                    .find(|&a| (0..types.len()).all(|b| b == a || derives(types[b], types[a])))
            })
            .flatten()
    }

    /// A field's name, unique among its type's fields (`fields`) and not the name of an
    /// item of `module`: the generated reader binds each field to a local of its name,
    /// which may not shadow a tuple struct (only a name without cased letters, `名前`, can
    /// be a type's and a field's).
    fn field_ident(&self, module: usize, fields: &mut Scope, wanted: &str, suffix: &str) -> String {
        if self.scopes[module].is_taken(wanted) {
            fields.reserve(wanted);
        }
        fields.unique(wanted, suffix)
    }

    /// A slot for an item whose kind is filled in once planned (a placeholder until then).
    fn reserve_slot(&mut self, module: usize, name: String) -> TypePath {
        let item = self.modules[module].items.len();
        self.modules[module].items.push(Item {
            name,
            xsd_type: None,
            kind: ItemKind::Struct(StructPlan {
                doc: String::new(),
                base: None,
                any_attribute: None,
                attrs: Vec::new(),
                body: Body::Empty,
                group: true,
                text: TextPlace::None,
                all_order: None,
                location: None,
            }),
        });
        TypePath::Item { module, item }
    }

    fn plan_roots(&mut self) {
        let mut variant_scopes: Vec<Scope> =
            self.modules.iter().map(|_| Scope::default()).collect();
        for e in self.model.elements.iter().filter(|e| !e.abstract_) {
            let module = self.module(&e.name.ns);
            let variant = variant_scopes[module]
                .unique(&naming::type_name(&e.name.local), naming::ELEMENT_SUFFIX);
            let root = RootPlan {
                variant,
                local: e.name.local.clone(),
                ty: self.element_type(e.type_ref),
                value: Self::value_kind(e.type_ref),
                nillable: e.nillable,
                default: e.default.clone(),
                fixed: e.fixed.clone(),
                doc: e.doc.clone(),
            };
            self.modules[module].roots.push(root);
        }
    }
}

/// Fills in the path to the text field of each mixed struct that keeps its text in its
/// base's (an extension of a mixed type).
fn place_base_text(plan: &mut Plan) {
    let struct_at = |plan: &Plan, path: &Option<TypePath>| match path {
        Some(TypePath::Item { module, item }) => match &plan.modules[*module].items[*item].kind {
            ItemKind::Struct(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    };
    let items: usize = plan.modules.iter().map(|m| m.items.len()).sum();
    let mut places = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        for (i, item) in module.items.iter().enumerate() {
            let ItemKind::Struct(s) = &item.kind else {
                continue;
            };
            if s.text != TextPlace::InBase(Vec::new()) {
                continue;
            }
            let mut path = vec!["base".to_string()];
            let mut current = struct_at(plan, &s.base);
            // Derivation chains are acyclic; bound the walk anyway.
            for _ in 0..=items {
                let Some(base) = current else { break };
                match base.text {
                    TextPlace::Own(field) => {
                        path.push(field);
                        places.push((m, i, path));
                        break;
                    }
                    TextPlace::InBase(_) => {
                        path.push("base".into());
                        current = struct_at(plan, &base.base);
                    }
                    TextPlace::None => break,
                }
            }
        }
    }
    for (m, i, path) in places {
        if let ItemKind::Struct(s) = &mut plan.modules[m].items[i].kind {
            s.text = TextPlace::InBase(path);
        }
    }
}

/// Calls `f` on every element declaration in a particle.
fn visit_elements(p: &model::Particle, f: &mut impl FnMut(&model::ElementDecl)) {
    match &p.term {
        Term::Element(e) => f(e),
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => {
            items.iter().for_each(|q| visit_elements(q, f))
        }
        Term::Substitution(_) | Term::Any(_) => {}
    }
}

/// Boxes optional struct fields and struct-valued choice variants. A type such as
/// EWS's `ItemType` has ~80 optional properties; held inline, every absent one would
/// cost its full size, and every element of a `Vec` of a choice would cost the largest
/// alternative's (6 KB per EWS item). Boxed, they cost a pointer.
fn box_optional_structs(plan: &mut Plan) {
    let is_struct = |plan: &Plan, (m, i): (usize, usize)| {
        matches!(plan.modules[m].items[i].kind, ItemKind::Struct(_))
    };
    let mut to_box = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        for (i, item) in module.items.iter().enumerate() {
            let in_choice = matches!(item.kind, ItemKind::Choice(_));
            for (f, field) in fields_of(item).iter().enumerate() {
                let single = match field.occurs {
                    Occurs::Optional => true,
                    Occurs::One => in_choice,
                    Occurs::Many { .. } => false,
                };
                if single && inline_target(field).is_some_and(|t| is_struct(plan, t)) {
                    to_box.push((m, i, f));
                }
            }
        }
    }
    set_boxed(plan, to_box);
}

/// Boxes every field whose type contains, directly or through other unboxed
/// single-valued fields, the item that holds the field — the types would otherwise
/// have infinite size.
fn box_recursive_fields(plan: &mut Plan) {
    type Node = (usize, usize);
    let mut edges: HashMap<Node, Vec<Node>> = HashMap::new();
    for (m, module) in plan.modules.iter().enumerate() {
        for (i, item) in module.items.iter().enumerate() {
            let targets = inline_targets(item).collect();
            edges.insert((m, i), targets);
        }
    }
    let reaches = |from: Node, to: Node| -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.get(&n).into_iter().flatten().copied());
            }
        }
        false
    };
    let mut to_box = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        for (i, item) in module.items.iter().enumerate() {
            for (f, field) in fields_of(item).iter().enumerate() {
                if let Some(target) = inline_target(field) {
                    if reaches(target, (m, i)) {
                        to_box.push((m, i, f));
                    }
                }
            }
        }
    }
    set_boxed(plan, to_box);
}

/// Boxes each (module, item, field).
fn set_boxed(plan: &mut Plan, fields: Vec<(usize, usize, usize)>) {
    for (m, i, f) in fields {
        match &mut plan.modules[m].items[i].kind {
            ItemKind::Struct(StructPlan {
                body: Body::Sequence(fields) | Body::All(fields),
                ..
            }) => fields[f].boxed = true,
            ItemKind::Choice(c) => c.variants[f].boxed = true,
            _ => {}
        }
    }
}

fn fields_of(item: &Item) -> &[FieldPlan] {
    match &item.kind {
        ItemKind::Struct(StructPlan {
            body: Body::Sequence(fields) | Body::All(fields),
            ..
        }) => fields,
        ItemKind::Choice(c) => &c.variants,
        _ => &[],
    }
}

/// The item a field holds by value (not through a `Vec`).
fn inline_target(field: &FieldPlan) -> Option<(usize, usize)> {
    if matches!(field.occurs, Occurs::Many { .. }) {
        return None;
    }
    let ty = match &field.kind {
        FieldKind::Element(e) => &e.ty,
        FieldKind::Group(path) => path,
        FieldKind::Any(_) => return None,
    };
    match ty {
        TypePath::Item { module, item } => Some((*module, *item)),
        TypePath::Builtin(_) => None,
    }
}

fn inline_targets(item: &Item) -> impl Iterator<Item = (usize, usize)> + '_ {
    let base = match &item.kind {
        ItemKind::Struct(StructPlan {
            base: Some(TypePath::Item { module, item }),
            ..
        }) => Some((*module, *item)),
        _ => None,
    };
    let variants: Vec<(usize, usize)> = match &item.kind {
        ItemKind::Poly(p) => p
            .variants
            .iter()
            .filter_map(|(_, t, _, _)| match t {
                TypePath::Item { module, item } => Some((*module, *item)),
                TypePath::Builtin(_) => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    fields_of(item)
        .iter()
        .filter_map(inline_target)
        .chain(base)
        .chain(variants)
}
