//! Stage 5, emit: the plan as Rust tokens (`quote!`), formatted by prettyplease.
//! One function per item kind; no Rust source is assembled from strings.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::builtin::Builtin;
use crate::error::{Error, Result, Span};
use crate::model::Facets;
use crate::plan::{
    AttrPlan, Body, ChoicePlan, ElementRef, EnumPlan, FieldKind, FieldPlan, Item, ItemKind,
    ListPlan, ModulePlan, NewtypePlan, Occurs, Plan, PolyPlan, StructPlan, TextPlace, TypePath,
    UnionPlan, ValueKind,
};
use crate::syntax::NamespaceConstraint;

/// Items per chunk of a module that is emitted, parsed and printed on its own: small
/// enough that a chunk's tokens and syntax tree stay in cache, large enough that the
/// per-chunk work is negligible.
const CHUNK_ITEMS: usize = 32;

/// A piece of a module's source: chunk 0 is the module's head, the others its items.
#[derive(Clone, Copy)]
pub struct Chunk {
    module: usize,
    index: usize,
    size: usize,
}

/// The chunks of module `m`, in order.
pub fn chunks(plan: &Plan, m: usize) -> impl Iterator<Item = Chunk> {
    chunks_of(plan, m, CHUNK_ITEMS)
}

fn chunks_of(plan: &Plan, m: usize, size: usize) -> impl Iterator<Item = Chunk> {
    let items = plan.modules[m].items.len().div_ceil(size);
    (0..=items).map(move |index| Chunk {
        module: m,
        index,
        size,
    })
}

/// A `Document` enum over the `Document` enums of every module that has global
/// elements, for schema sets whose documents may start in more than one namespace (a
/// SOAP body of the EWS bindings holds an element of `messages` or of `types`). `None`
/// when fewer than two modules have global elements.
pub fn schema_set_document(plan: &Plan) -> Option<String> {
    let modules: Vec<&ModulePlan> = plan
        .modules
        .iter()
        .filter(|m| !m.roots.is_empty())
        .collect();
    if modules.len() < 2 {
        return None;
    }
    let paths: Vec<TokenStream> = modules
        .iter()
        .map(|m| {
            let (module, document) = (format_ident!("{}", m.name), format_ident!("{}", m.document));
            quote!(#module::#document)
        })
        .collect();
    let variants: Vec<proc_macro2::Ident> = modules
        .iter()
        .map(|m| format_ident!("{}", crate::naming::module_variant(&m.name)))
        .collect();
    let variant_docs: Vec<TokenStream> = modules
        .iter()
        .map(|m| {
            let ns = m.ns.as_deref().unwrap_or("(no namespace)");
            docs(&format!(
                "A global element of namespace `{ns}` (module `{}`).",
                m.name
            ))
        })
        .collect();
    // A value of a global element's type converts into this enum too, through its
    // module's (`Document::from(FindItemType { .. })`), where the type is that of one
    // global element of the whole set (as the modules' own conversions require).
    let mut roots_of_type: std::collections::BTreeMap<(usize, usize), Vec<(usize, &str)>> =
        std::collections::BTreeMap::new();
    for (m, module) in modules.iter().enumerate() {
        for root in &module.roots {
            if let TypePath::Item { module, item } = root.ty {
                roots_of_type
                    .entry((module, item))
                    .or_default()
                    .push((m, &root.variant));
            }
        }
    }
    let mut conversions: Vec<((usize, usize), usize, &str)> = roots_of_type
        .into_iter()
        .filter_map(|(ty, roots)| match roots[..] {
            [(m, variant)] => {
                let root = modules[m].roots.iter().find(|r| r.variant == variant)?;
                (!(root.nillable && root.value.wraps_nil())).then_some((ty, m, variant))
            }
            _ => None,
        })
        .collect();
    conversions.sort_unstable();
    let conversions = conversions.iter().map(|&((module, item), m, root)| {
        let owner = format_ident!("{}", plan.modules[module].name);
        let ty = format_ident!("{}", plan.item(module, item).name);
        let (variant, path) = (&variants[m], &paths[m]);
        let root = format_ident!("{}", root);
        quote! {
            impl ::core::convert::From<#owner::#ty> for Document {
                fn from(value: #owner::#ty) -> Self {
                    Self::#variant(#path::#root(value))
                }
            }
        }
    });
    let expected = format!(
        "a global element of namespace {}",
        modules
            .iter()
            .map(|m| m.ns.as_deref().unwrap_or("(no namespace)"))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    // This enum sits at the top of the generated file, in the module that includes it,
    // among that module's names (its own `Result`, `String`, …): every path is absolute.
    let tokens = quote! {
        /// A global element of any namespace of this schema set: what a document, or the
        /// body of a SOAP envelope, may hold.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Document {
            #(#variant_docs #variants(#paths),)*
        }
        impl ::xsdgen_runtime::XmlElement for Document {
            fn accepts(ns: ::core::option::Option<&str>, local: &str) -> bool {
                #(<#paths as ::xsdgen_runtime::XmlElement>::accepts(ns, local))||*
            }
            fn expected() -> ::std::string::String {
                ::std::string::String::from(#expected)
            }
            fn read_element<'a>(
                __r: &mut ::xsdgen_runtime::XmlReader<'a>,
                __start: ::xsdgen_runtime::StartTag<'a>,
            ) -> ::core::result::Result<Self, ::xsdgen_runtime::ReadError> {
                #(
                    if <#paths as ::xsdgen_runtime::XmlElement>::accepts(__r.ns(&__start), __start.local()) {
                        return <#paths as ::xsdgen_runtime::XmlElement>::read_element(__r, __start)
                            .map(Self::#variants);
                    }
                )*
                ::core::result::Result::Err(::xsdgen_runtime::unexpected_root(
                    __r,
                    &__start,
                    <Self as ::xsdgen_runtime::XmlElement>::expected(),
                ))
            }
            fn write_element(
                &self,
                w: &mut ::xsdgen_runtime::XmlWriter,
            ) -> ::core::result::Result<(), ::xsdgen_runtime::WriteError> {
                match self {
                    #(Self::#variants(document) => ::xsdgen_runtime::XmlElement::write_element(document, w),)*
                }
            }
        }
        #(
            impl ::core::convert::From<#paths> for Document {
                fn from(document: #paths) -> Self {
                    Self::#variants(document)
                }
            }
        )*
        #(#conversions)*
    };
    let file: syn::File = syn::parse2(tokens).expect("emitted tokens parse as a Rust file");
    Some(prettyplease::unparse(&file))
}

/// Emits and formats one chunk. Concatenated in order, the chunks of a module are its
/// source, exactly as if the whole module had been formatted at once: each chunk is
/// formatted inside the module's `pub mod name { … }` and the wrapper then cut off.
pub fn render_chunk(plan: &Plan, chunk: Chunk) -> Result<String> {
    let emitter = Emitter {
        plan,
        module: chunk.module,
    };
    let module = &plan.modules[chunk.module];
    let name = format_ident!("{}", module.name);
    let body = if chunk.index == 0 {
        emitter.module_head(module)
    } else {
        let start = (chunk.index - 1) * chunk.size;
        let end = (start + chunk.size).min(module.items.len());
        let mut items = TokenStream::new();
        for item in &module.items[start..end] {
            items.extend(emitter.item(item)?);
        }
        items
    };
    let doc = if chunk.index == 0 {
        emitter.module_doc(module)
    } else {
        TokenStream::new()
    };
    let tokens = quote!(#doc pub mod #name { #body });
    let file: syn::File = syn::parse2(tokens).expect("emitted tokens parse as a Rust file");
    let text = prettyplease::unparse(&file);
    let open = format!("pub mod {} {{\n", module.name);
    let mut inner = text
        .strip_suffix(MODULE_END)
        .expect("prettyplease ends a module with `}`");
    if chunk.index > 0 {
        inner = inner
            .strip_prefix(&open)
            .expect("prettyplease starts a module with `pub mod name {`");
    }
    Ok(inner.to_string())
}

/// The closing of a module, after its last chunk.
pub const MODULE_END: &str = "}\n";

pub(crate) fn docs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let line = if l.is_empty() {
            String::new()
        } else {
            format!(" {}", l.replace("```", "'''"))
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The runtime function that reads an element of this kind, and the arguments it takes
/// after the reader and the start tag, if any (a simple element's default or fixed value).
fn element_reader(
    value: ValueKind,
    nillable: bool,
    default: &Option<String>,
    fixed: &Option<String>,
) -> (TokenStream, Option<TokenStream>) {
    match (value, nillable) {
        (ValueKind::Simple, false) if default.is_some() || fixed.is_some() => {
            let (d, x) = (opt_str(default), opt_str(fixed));
            (quote!(rt::read_simple_with), Some(quote!(#d, #x)))
        }
        (ValueKind::Simple, false) => (quote!(rt::read_simple), None),
        (ValueKind::Simple, true) => (quote!(rt::read_nillable_simple), None),
        (ValueKind::Any, false) => (quote!(rt::read_any), None),
        (ValueKind::Any, true) => (quote!(rt::read_any_nillable), None),
        (_, false) => (quote!(rt::read_complex), None),
        (_, true) => (quote!(rt::read_nillable_complex), None),
    }
}

fn opt_str(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn max_lit(max: Option<u32>) -> TokenStream {
    match max {
        Some(m) => {
            let m = Literal::u32_unsuffixed(m);
            quote!(#m)
        }
        None => quote!(u32::MAX),
    }
}

struct Emitter<'p> {
    plan: &'p Plan,
    module: usize,
}

impl Emitter<'_> {
    /// The module's doc comment.
    fn module_doc(&self, module: &ModulePlan) -> TokenStream {
        docs(&match &module.ns {
            Some(ns) => format!("Types of namespace `{ns}`."),
            None => "Types of components in no namespace.".to_string(),
        })
    }

    /// What a module starts with: lints, imports, `NS` and the `Document` enum.
    ///
    /// Hygiene: inside a module, names resolve among the module's own items, `rt` and the
    /// preludes, not the including module's. Items never take the prelude names the code
    /// writes unqualified (`naming::RESERVED_ITEM_NAMES`; absolute paths would cost ONIX
    /// a quarter more lines) and a schema cannot name an item `rt` (items are
    /// `UpperCamelCase`). Macros are the exception, visible from the including module
    /// down: `::core::matches!`.
    fn module_head(&self, module: &ModulePlan) -> TokenStream {
        let ns = opt_str(&module.ns);
        let document = self.document(module);
        quote! {
            // `Document` holds its roots inline; one value per document.
            // and constructors take every required part, however many.
            #![allow(clippy::large_enum_variant, clippy::too_many_arguments)]
            use ::xsdgen_runtime as rt;

            /// This module's namespace.
            pub const NS: Option<&str> = #ns;

            #document
        }
    }

    fn item(&self, item: &Item) -> Result<TokenStream> {
        let name = format_ident!("{}", item.name);
        let xsi_type = self.accepts_xsi_type(&item.xsd_type);
        Ok(match &item.kind {
            ItemKind::Struct(s) => self.struct_item(&name, s, xsi_type),
            ItemKind::Choice(c) => self.choice_item(&name, c),
            ItemKind::Enum(e) => enum_item(&name, e, xsi_type),
            ItemKind::Newtype(n) => newtype_item(&name, n, xsi_type)?,
            ItemKind::List(l) => self.list_item(&name, l, xsi_type),
            ItemKind::Union(u) => self.union_item(&name, u, xsi_type)?,
            ItemKind::Poly(p) => self.poly_item(&name, p),
        })
    }

    /// The Rust type of a type path, relative to the current module.
    fn type_of(&self, path: &TypePath) -> TokenStream {
        match path {
            TypePath::Builtin(b) => b.rust_type().parse().expect("built-in type paths parse"),
            TypePath::Item { module, item } => {
                let name = format_ident!("{}", self.plan.item(*module, *item).name);
                if *module == self.module {
                    quote!(#name)
                } else {
                    let m = format_ident!("{}", self.plan.modules[*module].name);
                    quote!(super::#m::#name)
                }
            }
        }
    }

    /// The namespace of an element or attribute, as an expression.
    fn ns_expr(&self, ns: &Option<String>) -> TokenStream {
        match ns {
            None => quote!(None),
            Some(uri) => match self
                .plan
                .modules
                .iter()
                .position(|m| m.ns.as_deref() == Some(uri))
            {
                Some(m) if m == self.module => quote!(NS),
                Some(m) => {
                    let name = format_ident!("{}", self.plan.modules[m].name);
                    quote!(super::#name::NS)
                }
                None => quote!(Some(#uri)),
            },
        }
    }

    /// `TYPE_NAME` for a named type: `xsi:type` may repeat the declared type.
    fn accepts_xsi_type(&self, xsd_type: &Option<crate::syntax::QName>) -> Option<TokenStream> {
        xsd_type.as_ref().map(|t| {
            let ns = self.ns_expr(&t.ns);
            let local = &t.local;
            quote!(const TYPE_NAME: rt::TypeName = Some((#ns, #local));)
        })
    }

    /// The Rust type of a field or variant.
    fn field_type(&self, f: &FieldPlan) -> TokenStream {
        let mut ty = match &f.kind {
            FieldKind::Element(e) => self.type_of(&e.ty),
            FieldKind::Group(path) => self.type_of(path),
            FieldKind::Any(_) => quote!(rt::AnyElement),
        };
        if f.boxed {
            ty = quote!(Box<#ty>);
        }
        if let FieldKind::Element(e @ ElementRef { nillable: true, .. }) = &f.kind {
            if e.value.wraps_nil() {
                ty = quote!(rt::Nillable<#ty>);
            }
        }
        match f.occurs {
            Occurs::One => ty,
            Occurs::Optional => quote!(Option<#ty>),
            Occurs::Many { .. } => quote!(Vec<#ty>),
        }
    }

    /// An expression reading one field (after `r` is positioned at it).
    fn read_field(&self, f: &FieldPlan) -> TokenStream {
        match &f.kind {
            FieldKind::Element(e) => {
                let ns = self.ns_expr(&e.ns);
                let local = &e.local;
                let read = match element_reader(e.value, e.nillable, &e.default, &e.fixed) {
                    (read, None) => read,
                    (read, Some(values)) => quote!(|__r, __s| #read(__r, __s, #values)),
                };
                match f.occurs {
                    Occurs::One => quote!(__r.required(#ns, #local, #read)?),
                    Occurs::Optional => quote!(__r.optional(#ns, #local, #read)?),
                    Occurs::Many { min, max } => {
                        let (min, max) = (Literal::u32_unsuffixed(min), max_lit(max));
                        quote!(__r.repeated(#ns, #local, #min, #max, #read)?)
                    }
                }
            }
            FieldKind::Any(w) => {
                let w = wildcard_expr(w);
                match f.occurs {
                    Occurs::One => quote!(__r.wildcard_required(#w)?),
                    Occurs::Optional => quote!(__r.wildcard_optional(#w)?),
                    Occurs::Many { min, max } => {
                        let (min, max) = (Literal::u32_unsuffixed(min), max_lit(max));
                        quote!(__r.wildcard_repeated(#w, #min, #max)?)
                    }
                }
            }
            FieldKind::Group(_) => match f.occurs {
                Occurs::One => quote!(__r.group()?),
                Occurs::Optional => quote!(__r.group_optional()?),
                Occurs::Many { min, max } => {
                    let (min, max) = (Literal::u32_unsuffixed(min), max_lit(max));
                    quote!(__r.group_repeated(#min, #max)?)
                }
            },
        }
    }

    /// Statements writing one field held in `value` (an expression of the field's type).
    fn write_field(&self, f: &FieldPlan, value: TokenStream) -> TokenStream {
        let write_one = |v: TokenStream| match &f.kind {
            FieldKind::Element(e) => {
                let ns = self.ns_expr(&e.ns);
                let local = &e.local;
                match (e.value, e.nillable) {
                    (ValueKind::Simple, true) => quote!(w.nillable_simple(#ns, #local, #v)?;),
                    (ValueKind::Simple, false) => quote!(w.simple_element(#ns, #local, #v)?;),
                    (ValueKind::Any, _) | (_, false) => {
                        quote!(rt::write_complex(#v, w, #ns, #local)?;)
                    }
                    (_, true) => quote!(w.nillable_complex(#ns, #local, #v)?;),
                }
            }
            FieldKind::Group(_) => quote!(rt::ContentGroup::write_group(#v, w)?;),
            FieldKind::Any(_) => quote!(rt::AnyElement::write(#v, w)?;),
        };
        // Optional and repeated elements of a plain type: one call writes them all.
        let write_each = match &f.kind {
            FieldKind::Element(e) if !e.nillable => {
                let ns = self.ns_expr(&e.ns);
                let local = &e.local;
                match e.value {
                    ValueKind::Simple if !f.boxed => {
                        Some(quote!(w.simple_elements(#ns, #local, #value)?;))
                    }
                    ValueKind::Simple => None,
                    _ => Some(quote!(w.complex_elements(#ns, #local, #value)?;)),
                }
            }
            _ => None,
        };
        match f.occurs {
            Occurs::One => write_one(value),
            Occurs::Optional => write_each.unwrap_or_else(|| {
                let one = write_one(quote!(v));
                quote!(if let Some(v) = #value { #one })
            }),
            Occurs::Many { min, max } => {
                let (min_lit, max_bound) = (Literal::u32_unsuffixed(min), max_lit(max));
                let name = match &f.kind {
                    FieldKind::Element(e) => e.local.clone(),
                    FieldKind::Group(_) | FieldKind::Any(_) => f.ident.clone(),
                };
                // Zero or more, unbounded, always holds.
                let check = (min > 0 || max.is_some()).then(
                    || quote!(w.check_occurs(#name, Vec::len(#value), #min_lit, #max_bound)?;),
                );
                let each = write_each.unwrap_or_else(|| {
                    let one = write_one(quote!(v));
                    quote!(for v in #value { #one })
                });
                quote!(#check #each)
            }
        }
    }

    /// An expression: whether the next child starts this field.
    fn starts_field(&self, f: &FieldPlan) -> TokenStream {
        match &f.kind {
            FieldKind::Element(e) => {
                let ns = self.ns_expr(&e.ns);
                let local = &e.local;
                quote!(__r.at_child(#ns, #local)?)
            }
            FieldKind::Group(p) => {
                let ty = self.type_of(p);
                quote!(__r.at_group::<#ty>()?)
            }
            FieldKind::Any(w) => {
                let w = wildcard_expr(w);
                quote!(__r.at_wildcard(#w)?)
            }
        }
    }

    /// What can start a field, and whether the field may be absent.
    fn first_of(&self, f: &FieldPlan) -> (Vec<First>, bool) {
        let emptiable = matches!(f.occurs, Occurs::Optional | Occurs::Many { min: 0, .. });
        match &f.kind {
            FieldKind::Element(e) => (
                vec![First::Element(self.ns_expr(&e.ns), e.local.clone())],
                emptiable,
            ),
            FieldKind::Group(path) => {
                let group_emptiable = match path {
                    TypePath::Item { module, item } => self.group_emptiable(*module, *item),
                    TypePath::Builtin(_) => false,
                };
                (
                    vec![First::Group(self.type_of(path))],
                    emptiable || group_emptiable,
                )
            }
            FieldKind::Any(w) => (vec![First::Wildcard(wildcard_expr(w))], emptiable),
        }
    }

    fn group_emptiable(&self, module: usize, item: usize) -> bool {
        match &self.plan.item(module, item).kind {
            ItemKind::Struct(StructPlan {
                body: Body::Sequence(fields) | Body::All(fields),
                ..
            }) => fields.iter().all(|f| self.first_of(f).1),
            ItemKind::Choice(c) => c.variants.iter().any(|v| self.first_of(v).1),
            _ => false,
        }
    }

    fn struct_item(
        &self,
        name: &proc_macro2::Ident,
        s: &StructPlan,
        xsi_type: Option<TokenStream>,
    ) -> TokenStream {
        let doc = docs(&s.doc);
        let mut field_defs = Vec::new();
        if let Some(base) = &s.base {
            let ty = self.type_of(base);
            let bdoc = docs(&format!(
                "Content of the base type `{}`.",
                self.type_name(base)
            ));
            field_defs.push(quote!(#bdoc pub base: #ty,));
        }
        for a in &s.attrs {
            let ident = format_ident!("{}", a.ident);
            let ty = self.type_of(&a.ty);
            let ty = if a.required { ty } else { quote!(Option<#ty>) };
            let adoc = docs(&attr_doc(a));
            field_defs.push(quote!(#adoc pub #ident: #ty,));
        }
        if s.any_attribute.is_some() {
            field_defs.push(quote! {
                #[doc = " Attributes taken by the `xs:anyAttribute` wildcard."]
                pub other_attributes: Vec<rt::AnyAttribute>,
            });
        }
        let fields: &[FieldPlan] = match &s.body {
            Body::Sequence(f) | Body::All(f) => f,
            _ => &[],
        };
        if let Body::Simple(ty) = &s.body {
            let ty = self.type_of(ty);
            field_defs.push(quote!(#[doc = " The element's character data."] pub value: #ty,));
        }
        for f in fields {
            let ident = format_ident!("{}", f.ident);
            let ty = self.field_type(f);
            let fdoc = docs(&field_doc(f));
            field_defs.push(quote!(#fdoc pub #ident: #ty,));
        }
        if let TextPlace::Own(text) = &s.text {
            let ident = format_ident!("{}", text);
            field_defs.push(quote! {
                #[doc = " Character data between the child elements (the content is mixed), each"]
                #[doc = " piece placed before the child element of its index."]
                pub #ident: rt::MixedText,
            });
        }
        if let Some(order) = &s.all_order {
            let ident = format_ident!("{}", order);
            field_defs.push(quote! {
                #[doc = " The order the `xs:all` members were read in (their indices in declaration"]
                #[doc = " order), which writing keeps; members not listed follow in declaration order."]
                pub #ident: Vec<u16>,
            });
        }
        if let Some(location) = &s.location {
            let ident = format_ident!("{}", location);
            field_defs.push(quote! {
                pub #ident: rt::SchemaLocation,
            });
        }
        let derives = if self.all_optional(s) {
            quote!(#[derive(Debug, Clone, PartialEq, Default)])
        } else {
            quote!(#[derive(Debug, Clone, PartialEq)])
        };
        let constructor = (!s.group && !self.all_optional(s)).then(|| self.constructor(name, s));
        let definition = quote! {
            #doc
            #derives
            pub struct #name { #(#field_defs)* }
            #constructor
        };
        let read_body = self.read_fields(&s.body, s.all_order.as_deref());
        let write_body = self.write_fields(&s.body, s.all_order.as_deref());
        let idents: Vec<_> = s
            .base
            .iter()
            .map(|_| format_ident!("base"))
            .chain(s.attrs.iter().map(|a| format_ident!("{}", a.ident)))
            .chain(
                s.any_attribute
                    .iter()
                    .map(|_| format_ident!("other_attributes")),
            )
            .chain(matches!(s.body, Body::Simple(_)).then(|| format_ident!("value")))
            .chain(fields.iter().map(|f| format_ident!("{}", f.ident)))
            .chain(match &s.text {
                TextPlace::Own(text) => Some(format_ident!("{}", text)),
                _ => None,
            })
            .chain(s.all_order.iter().map(|o| format_ident!("{}", o)))
            .chain(s.location.iter().map(|l| format_ident!("{}", l)))
            .collect();
        if s.group {
            // A sequence starts with its first field, or a later one if those before may be absent.
            let mut first = Vec::new();
            for f in fields {
                let (starts, emptiable) = self.first_of(f);
                first.extend(starts);
                if !emptiable {
                    break;
                }
            }
            let expected = self.expected_of(fields, false);
            let accepts = accepts_expr(&first);
            let local = local_param(&first);
            return quote! {
                #definition
                impl rt::ContentGroup for #name {
                    const EXPECTED: &'static str = #expected;
                    fn accepts(ns: Option<&str>, #local: &str) -> bool {
                        #accepts
                    }
                    fn read_group(__r: &mut rt::XmlReader<'_>) -> Result<Self, rt::ReadError> {
                        #read_body
                        Ok(Self { #(#idents),* })
                    }
                    fn write_group(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                        #write_body
                        Ok(())
                    }
                }
            };
        }
        let has_attrs = !s.attrs.is_empty() || s.base.is_some() || s.any_attribute.is_some();
        let writes_attrs = has_attrs || s.location.is_some();
        let mixed = s.text != TextPlace::None;
        let has_content =
            !fields.is_empty() || s.base.is_some() || matches!(s.body, Body::Simple(_)) || mixed;
        let known = has_attrs.then(|| {
            let known = self.known_attributes(s);
            // A wildcard alone looks at the namespace only.
            let local = if s.attrs.is_empty() && s.base.is_none() {
                format_ident!("_local")
            } else {
                format_ident!("local")
            };
            quote! {
                fn known_attribute(ns: Option<&str>, #local: &str) -> bool {
                    #known
                }
            }
        });
        // What is read before the content, in reading order: each field and its reader.
        let mut read_head = Vec::new();
        let (write_base_attrs, write_base_content) = match &s.base {
            Some(base) => {
                let ty = self.type_of(base);
                read_head.push((
                    format_ident!("base"),
                    quote!(<#ty as rt::ComplexType>::read_content(__r, __start)?),
                ));
                (
                    quote!(rt::ComplexType::write_attributes(&self.base, w)?;),
                    quote!(rt::ComplexType::write_content(&self.base, w)?;),
                )
            }
            None => (quote!(), quote!()),
        };
        read_head.extend(self.read_attributes(&s.attrs));
        let mut write_attrs = self.write_attributes(&s.attrs);
        if let Some(w) = &s.any_attribute {
            let w = wildcard_expr(w);
            let declared = self.declared_attributes(s);
            read_head.push((
                format_ident!("other_attributes"),
                quote!(__r.wildcard_attributes(__start, #w, |ns, local| #declared)),
            ));
            write_attrs.extend(quote!(w.any_attributes(&self.other_attributes);));
        }
        if let Some(location) = &s.location {
            let ident = format_ident!("{}", location);
            read_head.push((ident.clone(), quote!(__r.schema_location(__start))));
            write_attrs.extend(quote!(w.schema_location(&self.#ident);));
        }
        let read_value = match &s.body {
            Body::Simple(_) => Some((
                format_ident!("value"),
                quote!(__r.simple_value(__start, None, None)?),
            )),
            _ => None,
        };
        // The reader and writer keep the text of mixed content aside while the fields
        // are read and written; `__mixed` says whether this type's code is the one
        // that started it (a derived type's runs around its base's).
        let (begin_read, end_read, begin_write, end_write) = match &s.text {
            TextPlace::None => (quote!(), quote!(), quote!(), quote!()),
            place => {
                let (target, field) = match place {
                    TextPlace::Own(text) => {
                        let text = format_ident!("{}", text);
                        (quote!(let #text), quote!(self.#text))
                    }
                    TextPlace::InBase(path) => {
                        let path: Vec<_> = path.iter().map(|p| format_ident!("{}", p)).collect();
                        (quote!(#(#path).*), quote!(self.#(#path).*))
                    }
                    TextPlace::None => unreachable!("handled above"),
                };
                (
                    quote!(let __mixed = __r.begin_mixed();),
                    quote!(#target = __r.end_mixed(__mixed)?;),
                    quote!(let __mixed = w.begin_mixed(&#field);),
                    quote!(w.end_mixed(__mixed);),
                )
            }
        };
        let write_attributes = writes_attrs.then(|| {
            quote! {
                fn write_attributes(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    #write_base_attrs
                    #write_attrs
                    Ok(())
                }
            }
        });
        let write_content = has_content.then(|| {
            quote! {
                fn write_content(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    #begin_write
                    #write_base_content
                    #write_body
                    #end_write
                    Ok(())
                }
            }
        });
        // Empty content holds nothing, not even whitespace (cvc-complex-type.2.1).
        let empty_const = match (&s.body, &s.base) {
            (Body::Empty, None) if !mixed => Some(quote!(
                const EMPTY: bool = true;
            )),
            (Body::Empty, Some(base)) if !mixed => {
                let ty = self.type_of(base);
                Some(quote!(const EMPTY: bool = <#ty as rt::ComplexType>::EMPTY;))
            }
            _ => None,
        };
        let required_attribute = match (s.attrs.iter().find(|a| a.required), &s.base) {
            (Some(a), _) => {
                let local = &a.local;
                Some(quote!(const REQUIRED_ATTRIBUTE: Option<&'static str> = Some(#local);))
            }
            (None, Some(base)) => {
                let ty = self.type_of(base);
                Some(quote! {
                    const REQUIRED_ATTRIBUTE: Option<&'static str> = <#ty as rt::ComplexType>::REQUIRED_ATTRIBUTE;
                })
            }
            (None, None) => None,
        };
        let base_mut = matches!(s.text, TextPlace::InBase(_)).then(|| quote!(mut));
        let heads = read_head.iter().map(|(ident, read)| {
            let m = (ident == "base").then_some(&base_mut);
            quote!(let #m #ident = #read;)
        });
        let value = read_value
            .iter()
            .map(|(ident, read)| quote!(let #ident = #read;));
        // One `let` a field: a struct literal of the readers would be shorter, but its
        // fields' early returns cost rustc more (EWS: 1,287 MiB against 1,201).
        let read_content = quote! {
            #begin_read
            #(#heads)*
            #read_body
            #(#value)*
            #end_read
            Ok(Self { #(#idents),* })
        };
        let uses_start = writes_attrs || matches!(s.body, Body::Simple(_));
        let start_param = if uses_start {
            format_ident!("__start")
        } else {
            format_ident!("_start")
        };
        let r_param = if uses_start || has_content {
            format_ident!("__r")
        } else {
            format_ident!("_r")
        };
        quote! {
            #definition
            impl rt::ComplexType for #name {
                #empty_const
                #known
                #xsi_type
                #required_attribute
                fn read_content<'a>(#r_param: &mut rt::XmlReader<'a>, #start_param: &rt::StartTag<'a>) -> Result<Self, rt::ReadError> {
                    #read_content
                }
                #write_attributes
                #write_content
            }
        }
    }

    /// `new`, taking the parts a value cannot do without (required attributes and
    /// elements, a base that has some, simple content); the rest start absent or empty.
    fn constructor(&self, name: &proc_macro2::Ident, s: &StructPlan) -> TokenStream {
        let mut params = Vec::new();
        let mut inits = Vec::new();
        // A part is a parameter (`Ok(type)`) or starts absent (`Err(the empty value)`).
        let mut part = |ident: &str, ty: std::result::Result<TokenStream, TokenStream>| {
            let ident = format_ident!("{}", ident);
            match ty {
                Ok(ty) => {
                    params.push(quote!(#ident: #ty));
                    inits.push(quote!(#ident));
                }
                Err(empty) => inits.push(quote!(#ident: #empty)),
            }
        };
        let given = |required: bool, ty: TokenStream, empty: TokenStream| {
            if required {
                Ok(ty)
            } else {
                Err(empty)
            }
        };
        if let Some(base) = &s.base {
            let required = match base {
                TypePath::Item { module, item } => match &self.plan.item(*module, *item).kind {
                    ItemKind::Struct(b) => !self.all_optional(b),
                    _ => true,
                },
                TypePath::Builtin(_) => true,
            };
            let ty = self.type_of(base);
            part("base", given(required, ty.clone(), quote!(#ty::default())));
        }
        for a in &s.attrs {
            part(
                &a.ident,
                given(a.required, self.type_of(&a.ty), quote!(None)),
            );
        }
        if s.any_attribute.is_some() {
            part("other_attributes", Err(quote!(Vec::new())));
        }
        if let Body::Simple(ty) = &s.body {
            part("value", Ok(self.type_of(ty)));
        }
        if let Body::Sequence(fields) | Body::All(fields) = &s.body {
            for f in fields {
                let given = match f.occurs {
                    Occurs::Optional => Err(quote!(None)),
                    Occurs::Many { min: 0, .. } => Err(quote!(Vec::new())),
                    _ => Ok(self.field_type(f)),
                };
                part(&f.ident, given);
            }
        }
        if let TextPlace::Own(text) = &s.text {
            part(text, Err(quote!(rt::MixedText::default())));
        }
        if let Some(order) = &s.all_order {
            part(order, Err(quote!(Vec::new())));
        }
        if let Some(location) = &s.location {
            part(location, Err(quote!(rt::SchemaLocation::default())));
        }
        quote! {
            impl #name {
                #[doc = " A value with the required parts given; optional parts absent, lists empty."]
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        }
    }

    /// `known_attribute`: this type's attributes, its wildcard, then its base's.
    fn known_attributes(&self, s: &StructPlan) -> TokenStream {
        let mut terms = self.declared_terms(s);
        if let Some(w) = &s.any_attribute {
            let w = wildcard_expr(w);
            terms.push(quote!(#w.allows(ns)));
        }
        if let Some(base) = &s.base {
            let ty = self.type_of(base);
            terms.push(quote!(<#ty as rt::ComplexType>::known_attribute(ns, local)));
        }
        or_terms(terms)
    }

    /// Whether `ns`/`local` is an attribute this type itself declares.
    fn declared_attributes(&self, s: &StructPlan) -> TokenStream {
        or_terms(self.declared_terms(s))
    }

    fn declared_terms(&self, s: &StructPlan) -> Vec<TokenStream> {
        let mut by_ns: Vec<(Option<String>, Vec<&str>)> = Vec::new();
        for a in &s.attrs {
            match by_ns.iter_mut().find(|(ns, _)| *ns == a.ns) {
                Some((_, locals)) => locals.push(&a.local),
                None => by_ns.push((a.ns.clone(), vec![&a.local])),
            }
        }
        by_ns
            .iter()
            .map(|(ns, locals)| {
                let test_ns = match ns {
                    None => quote!(ns.is_none()),
                    Some(_) => {
                        let e = self.ns_expr(ns);
                        quote!(ns == #e)
                    }
                };
                match locals.as_slice() {
                    [one] => quote!(#test_ns && local == #one),
                    many => quote!(#test_ns && ::core::matches!(local, #(#many)|*)),
                }
            })
            .collect()
    }

    /// What can start `fields` read as a sequence (`any`: any one of them, as a
    /// choice's alternatives), as `ContentGroup::EXPECTED` writes it: `{uri}A, B, {}C`
    /// (a bare name is in the namespace of the name before it), wildcards in words.
    fn expected_of(&self, fields: &[FieldPlan], any: bool) -> String {
        let mut names = Vec::new();
        for f in fields {
            self.first_names(f, &mut names, 0);
            if !any && !self.first_of(f).1 {
                break;
            }
        }
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        // A substitution group or choice of thousands of members (MathML, UBL) names
        // its first few in messages, not all: the message and the binary stay small.
        const SHOWN: usize = 24;
        let more = names.len().saturating_sub(SHOWN + 1);
        if more > 0 {
            names.truncate(SHOWN);
        }
        let mut ns: Option<&str> = None;
        let mut items: Vec<String> = names
            .iter()
            .map(|name| match name {
                (Some(element_ns), local) if ns == element_ns.as_deref() => local.clone(),
                (Some(element_ns), local) => {
                    ns = element_ns.as_deref();
                    format!("{{{}}}{local}", ns.unwrap_or(""))
                }
                (None, words) => words.clone(),
            })
            .collect();
        if more > 0 {
            items.push(format!("… ({} more)", more + 1));
        }
        items.join(", ")
    }

    /// The element names (`(Some(namespace), local)`) and wildcards (`(None, words)`)
    /// that can start field `f`.
    fn first_names(
        &self,
        f: &FieldPlan,
        out: &mut Vec<(Option<Option<String>>, String)>,
        depth: usize,
    ) {
        match &f.kind {
            FieldKind::Element(e) => out.push((Some(e.ns.clone()), e.local.clone())),
            FieldKind::Any(w) => out.push((None, wildcard_words(w))),
            FieldKind::Group(TypePath::Item { module, item }) if depth < 16 => {
                let (fields, any) = match &self.plan.item(*module, *item).kind {
                    ItemKind::Struct(StructPlan {
                        body: Body::Sequence(fields),
                        ..
                    }) => (fields, false),
                    ItemKind::Struct(StructPlan {
                        body: Body::All(fields),
                        ..
                    }) => (fields, true),
                    ItemKind::Choice(c) => (&c.variants, true),
                    _ => return,
                };
                for f in fields {
                    self.first_names(f, out, depth + 1);
                    if !any && !self.first_of(f).1 {
                        break;
                    }
                }
            }
            FieldKind::Group(_) => {}
        }
    }

    fn type_name(&self, p: &TypePath) -> String {
        match p {
            TypePath::Item { module, item } => self.plan.item(*module, *item).name.clone(),
            TypePath::Builtin(b) => format!("{b:?}"),
        }
    }

    /// Each attribute's field and the expression reading it.
    fn read_attributes(&self, attrs: &[AttrPlan]) -> Vec<(Ident, TokenStream)> {
        attrs
            .iter()
            .map(|a| {
                let ident = format_ident!("{}", a.ident);
                let ns = self.ns_expr(&a.ns);
                let local = &a.local;
                let fixed = opt_str(&a.fixed);
                let read = if a.required {
                    quote!(__r.required_attribute(__start, #ns, #local, #fixed)?)
                } else {
                    quote!(__r.attribute(__start, #ns, #local, #fixed)?)
                };
                (ident, read)
            })
            .collect()
    }

    fn write_attributes(&self, attrs: &[AttrPlan]) -> TokenStream {
        let writes = attrs.iter().map(|a| {
            let ident = format_ident!("{}", a.ident);
            let ns = self.ns_expr(&a.ns);
            let local = &a.local;
            if a.required {
                quote!(w.attribute_value(#ns, #local, &self.#ident)?;)
            } else {
                quote!(w.optional_attribute(#ns, #local, &self.#ident)?;)
            }
        });
        quote!(#(#writes)*)
    }

    fn read_fields(&self, body: &Body, all_order: Option<&str>) -> TokenStream {
        match body {
            Body::Empty | Body::Simple(_) => quote!(),
            Body::Sequence(fields) => {
                let reads = fields.iter().map(|f| {
                    let ident = format_ident!("{}", f.ident);
                    let read = self.read_field(f);
                    quote!(let #ident = #read;)
                });
                quote!(#(#reads)*)
            }
            Body::All(fields) => {
                let idents: Vec<_> = fields
                    .iter()
                    .map(|f| format_ident!("{}", f.ident))
                    .collect();
                let order = all_order.map(|o| format_ident!("{}", o));
                let tries = fields
                    .iter()
                    .zip(&idents)
                    .enumerate()
                    .map(|(i, (f, ident))| {
                        let test = self.starts_field(f);
                        let one = FieldPlan {
                            occurs: Occurs::One,
                            ..f.clone()
                        };
                        let read = self.read_field(&one);
                        let i = Literal::u16_unsuffixed(i as u16);
                        let record = order.as_ref().map(|o| quote!(#o.push(#i);));
                        quote! {
                            if #ident.is_none() && #test {
                                #ident = Some(#read);
                                #record
                                continue;
                            }
                        }
                    });
                let order_init = order.as_ref().map(|o| quote!(let mut #o = Vec::new();));
                let finish = fields
                    .iter()
                    .zip(&idents)
                    .filter(|(f, _)| f.occurs == Occurs::One)
                    .map(|(f, ident)| {
                        let expected = self.expected_of(std::slice::from_ref(f), true);
                        quote! {
                            let Some(#ident) = #ident else {
                                return Err(__r.unexpected(#expected));
                            };
                        }
                    });
                quote! {
                    #order_init
                    #(let mut #idents = None;)*
                    loop {
                        #(#tries)*
                        break;
                    }
                    #(#finish)*
                }
            }
        }
    }

    fn write_fields(&self, body: &Body, all_order: Option<&str>) -> TokenStream {
        match body {
            Body::Empty => quote!(),
            Body::Simple(_) => quote!(w.value(&self.value)?;),
            Body::All(fields) if all_order.is_some() => {
                // Members in the order they were read (`all_order`), then any not
                // listed there in declaration order.
                let order = format_ident!("{}", all_order.unwrap_or_default());
                let n = Literal::usize_unsuffixed(fields.len());
                let count = Literal::u16_suffixed(fields.len() as u16);
                let arms = fields.iter().enumerate().map(|(i, f)| {
                    let ident = format_ident!("{}", f.ident);
                    let write = self.write_field(f, quote!(&self.#ident));
                    let i = Literal::u16_unsuffixed(i as u16);
                    quote!(#i => { #write })
                });
                quote! {
                    let mut __written = [false; #n];
                    let __pending = self.#order.iter().copied().chain(0..#count);
                    for __member in __pending {
                        let __index = __member as usize;
                        if __index >= #n || ::core::mem::replace(&mut __written[__index], true) {
                            continue;
                        }
                        match __member { #(#arms)* _ => {} }
                    }
                }
            }
            Body::Sequence(fields) | Body::All(fields) => {
                let writes = fields.iter().map(|f| {
                    let ident = format_ident!("{}", f.ident);
                    self.write_field(f, quote!(&self.#ident))
                });
                quote!(#(#writes)*)
            }
        }
    }

    fn choice_item(&self, name: &proc_macro2::Ident, c: &ChoicePlan) -> TokenStream {
        let doc = docs(&c.doc);
        let variants = c.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.ident);
            let ty = self.field_type(v);
            let vdoc = docs(&field_doc(v));
            quote!(#vdoc #ident(#ty),)
        });
        let mut first = Vec::new();
        let mut reads = Vec::new();
        let mut fallback = None;
        for v in &c.variants {
            let ident = format_ident!("{}", v.ident);
            let (names, emptiable) = self.first_of(v);
            let read = self.read_field(v);
            let test = self.starts_field(v);
            reads.push(quote!(if #test { return Ok(Self::#ident(#read)); }));
            if emptiable && fallback.is_none() {
                let empty = match v.occurs {
                    Occurs::Optional => quote!(None),
                    Occurs::Many { .. } => quote!(Vec::new()),
                    Occurs::One => quote!(__r.group()?),
                };
                fallback = Some(quote!(Ok(Self::#ident(#empty))));
            }
            first.extend(names);
        }
        let expected = self.expected_of(&c.variants, true);
        let accepts = accepts_expr(&first);
        let local = local_param(&first);
        let fallback = fallback.unwrap_or_else(|| quote!(Err(__r.unexpected(Self::EXPECTED))));
        let writes = c.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.ident);
            let write = self.write_field(v, quote!(v));
            quote!(Self::#ident(v) => { #write })
        });
        let from_impls = self.choice_conversions(name, c);
        let base_accessor = self.choice_base_accessor(name, c);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#variants)* }
            #from_impls
            #base_accessor
            impl rt::ContentGroup for #name {
                const EXPECTED: &'static str = #expected;
                fn accepts(ns: Option<&str>, #local: &str) -> bool {
                    #accepts
                }
                fn read_group(__r: &mut rt::XmlReader<'_>) -> Result<Self, rt::ReadError> {
                    #(#reads)*
                    #fallback
                }
                fn write_group(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    match self { #(#writes)* }
                    Ok(())
                }
            }
        }
    }

    /// `From` each alternative's type into a choice, where the alternative holds one
    /// value of a generated type that no other alternative holds (so `vec![x.into()]`
    /// works); built-in types (`String`, numbers) are left out: a `From<String>` would
    /// say nothing about which element is meant.
    fn choice_conversions(&self, name: &proc_macro2::Ident, c: &ChoicePlan) -> TokenStream {
        fn target(v: &FieldPlan) -> Option<&TypePath> {
            let ty = match &v.kind {
                FieldKind::Element(e) if !(e.nillable && e.value.wraps_nil()) => &e.ty,
                FieldKind::Group(path) => path,
                _ => return None,
            };
            (v.occurs == Occurs::One && matches!(ty, TypePath::Item { .. })).then_some(ty)
        }
        let impls = c.variants.iter().filter_map(|v| {
            let ty = target(v)?;
            let unique = c.variants.iter().filter(|w| target(w) == Some(ty)).count() == 1;
            if !unique {
                return None;
            }
            let ident = format_ident!("{}", v.ident);
            let rust = self.type_of(ty);
            let value = if v.boxed {
                quote!(::std::boxed::Box::new(value))
            } else {
                quote!(value)
            };
            Some(quote! {
                impl ::core::convert::From<#rust> for #name {
                    fn from(value: #rust) -> Self {
                        Self::#ident(#value)
                    }
                }
            })
        });
        quote!(#(#impls)*)
    }

    /// How many `base` fields lead from a value of struct `from` to its part of type `to`
    /// (0: the same type); `None` when `to` is not among its bases (or a type derived by
    /// restriction is on the way, which restates its content).
    fn hops_to(&self, from: &TypePath, to: &TypePath) -> Option<usize> {
        let mut current = from.clone();
        for hops in 0..64 {
            if &current == to {
                return Some(hops);
            }
            let TypePath::Item { module, item } = current else {
                return None;
            };
            let ItemKind::Struct(StructPlan {
                base: Some(base), ..
            }) = &self.plan.item(module, item).kind
            else {
                return None;
            };
            current = base.clone();
        }
        None
    }

    /// `as_<base>()` on a choice whose alternatives' types all are or derive from one
    /// alternative's (EWS `Item` | `Message` | `CalendarItem` | …): that part of whichever
    /// alternative the value is, an `Option` where some alternative may lack it (a type
    /// derived by restriction among an `…OrDerived`'s variants).
    fn choice_base_accessor(&self, name: &proc_macro2::Ident, c: &ChoicePlan) -> TokenStream {
        let Some((base, accessor)) = &c.base else {
            return TokenStream::new();
        };
        // (expression, whether it is an `Option`) per variant; `None`: no such part.
        let mut arms = Vec::new();
        for v in &c.variants {
            let FieldKind::Element(e) = &v.kind else {
                return TokenStream::new();
            };
            if v.occurs != Occurs::One || (e.nillable && e.value.wraps_nil()) {
                return TokenStream::new();
            }
            let arm = match &e.ty {
                TypePath::Item { module, item } => match &self.plan.item(*module, *item).kind {
                    ItemKind::Poly(p) => self.hops_to(&p.declared_type, base).map(|n| {
                        let method = format_ident!("{}", p.accessor);
                        let bases = std::iter::repeat(format_ident!("base")).take(n);
                        let always = p
                            .variants
                            .iter()
                            .all(|(_, ty, ..)| self.hops_to(ty, &p.declared_type).is_some());
                        match (always, n) {
                            (true, 0) => (quote!(v.#method()), false),
                            (true, _) => (quote!(&v.#method() #(.#bases)*), false),
                            (false, 0) => (quote!(v.#method()), true),
                            (false, _) => (quote!(v.#method().map(|d| &d #(.#bases)*)), true),
                        }
                    }),
                    ItemKind::Struct(_) => self.hops_to(&e.ty, base).map(|n| {
                        let bases = std::iter::repeat(format_ident!("base")).take(n);
                        match (n, v.boxed) {
                            (0, true) => (quote!(&**v), false),
                            (0, false) => (quote!(v), false),
                            _ => (quote!(&v #(.#bases)*), false),
                        }
                    }),
                    _ => None,
                },
                TypePath::Builtin(_) => None,
            };
            arms.push((format_ident!("{}", v.ident), arm));
        }
        let always = arms.iter().all(|(_, a)| matches!(a, Some((_, false))));
        let ty = self.type_of(base);
        let type_name = self.type_name(base);
        let method = format_ident!("{}", accessor);
        let arms = arms.iter().map(|(ident, arm)| match (arm, always) {
            (Some((e, _)), true) => quote!(Self::#ident(v) => #e,),
            (Some((e, false)), false) => quote!(Self::#ident(v) => Some(#e),),
            (Some((e, true)), false) => quote!(Self::#ident(v) => #e,),
            (None, _) => quote!(Self::#ident(_) => None,),
        });
        let (doc, ret) = if always {
            (
                format!(" The `{type_name}` part of whichever alternative the value is."),
                quote!(&#ty),
            )
        } else {
            (
                format!(
                    " The `{type_name}` part of whichever alternative the value is; `None` \
                     for a type derived by restriction, which restates its content."
                ),
                quote!(Option<&#ty>),
            )
        };
        quote! {
            impl #name {
                #[doc = #doc]
                pub fn #method(&self) -> #ret {
                    match self { #(#arms)* }
                }
            }
        }
    }

    /// `as_<declared type>()`: the declared type's part of whichever type the value is,
    /// so that code reading items reads derived ones too. A type derived by restriction
    /// restates its content rather than holding the base's: where one is among the
    /// variants, the method gives an `Option`, `None` for those.
    fn declared_accessor(
        &self,
        name: &proc_macro2::Ident,
        p: &PolyPlan,
        idents: &[proc_macro2::Ident],
    ) -> TokenStream {
        // For each variant, how many `base` fields lead to the declared type, if any do.
        let hops: Vec<Option<usize>> = p
            .variants
            .iter()
            .map(|(_, ty, ..)| self.hops_to(ty, &p.declared_type))
            .collect();
        let declared = self.type_of(&p.declared_type);
        let type_name = self.type_name(&p.declared_type);
        let method = format_ident!("{}", p.accessor);
        let always = hops.iter().all(Option::is_some);
        let arms = hops.iter().zip(idents).map(|(hops, ident)| match hops {
            Some(n) => {
                // `v` is a `&Box<_>`: the declared type itself, or `base` fields away.
                let bases = std::iter::repeat(format_ident!("base")).take(*n);
                let part = match (n, always) {
                    (0, true) => quote!(v),
                    (0, false) => quote!(&**v),
                    _ => quote!(&v #(.#bases)*),
                };
                if always {
                    quote!(Self::#ident(v) => #part,)
                } else {
                    quote!(Self::#ident(v) => Some(#part),)
                }
            }
            None => quote!(Self::#ident(_) => None,),
        });
        let (doc, ret) = if always {
            (
                format!(" The `{type_name}` part of the value, whichever type `xsi:type` chose."),
                quote!(&#declared),
            )
        } else {
            (
                format!(
                    " The `{type_name}` part of the value, whichever type `xsi:type` chose; \
                     `None` for a type derived by restriction, which restates its content."
                ),
                quote!(Option<&#declared>),
            )
        };
        quote! {
            impl #name {
                #[doc = #doc]
                pub fn #method(&self) -> #ret {
                    match self { #(#arms)* }
                }
            }
        }
    }

    fn poly_item(&self, name: &proc_macro2::Ident, p: &PolyPlan) -> TokenStream {
        let doc = docs(&p.doc);
        let xsd_name = &p.xsd_name;
        let idents: Vec<_> = p
            .variants
            .iter()
            .map(|(v, ..)| format_ident!("{}", v))
            .collect();
        // Boxed: the enum then costs a pointer, not its largest derived type.
        let types: Vec<_> = p
            .variants
            .iter()
            .map(|(_, t, ..)| {
                let ty = self.type_of(t);
                quote!(Box<#ty>)
            })
            .collect();
        let variant_docs = p
            .variants
            .iter()
            .map(|(_, _, _, local)| docs(&format!("`xsi:type` `{local}`.")));
        let missing = match p.declared {
            Some(d) => {
                let ident = &idents[d];
                quote!(return rt::read_variant(__r, __start).map(Self::#ident);)
            }
            None => quote!(return Err(__r.bad_xsi_type(__start, #xsd_name));),
        };
        let mut dispatch = Vec::new();
        let mut attribute_writes = Vec::new();
        for (i, (_, _, ns, local)) in p.variants.iter().enumerate() {
            let ident = &idents[i];
            let ns = self.ns_expr(ns);
            dispatch.push(quote! {
                if ns == #ns && local == #local {
                    return rt::read_variant(__r, __start).map(Self::#ident);
                }
            });
            if Some(i) == p.declared {
                attribute_writes
                    .push(quote!(Self::#ident(v) => rt::ComplexType::write_attributes(v, w),));
            } else {
                attribute_writes.push(quote! {
                    Self::#ident(v) => {
                        w.xsi_type(#ns, #local);
                        rt::ComplexType::write_attributes(v, w)
                    }
                });
            }
        }
        // A value of any of the types converts into the enum (`item.into()`).
        let plain_types = p.variants.iter().map(|(_, t, ..)| self.type_of(t));
        let from_impls = quote! {
            #(
                impl ::core::convert::From<#plain_types> for #name {
                    fn from(value: #plain_types) -> Self {
                        Self::#idents(::std::boxed::Box::new(value))
                    }
                }
            )*
        };
        let accessor = self.declared_accessor(name, p, &idents);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#variant_docs #idents(#types),)* }
            #accessor
            #from_impls
            impl rt::ComplexType for #name {
                fn known_attribute(_: Option<&str>, _: &str) -> bool {
                    // Checked against the type xsi:type chooses.
                    true
                }
                fn accepts_xsi_type(_: Option<&str>, _: &str) -> bool {
                    true
                }
                fn read_content<'a>(__r: &mut rt::XmlReader<'a>, __start: &rt::StartTag<'a>) -> Result<Self, rt::ReadError> {
                    let Some((ns, local)) = __r.xsi_type(__start)? else {
                        #missing
                    };
                    let ns = ns.as_deref();
                    #(#dispatch)*
                    Err(__r.bad_xsi_type(__start, #xsd_name))
                }
                fn write_attributes(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    match self { #(#attribute_writes)* }
                }
                fn write_content(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    match self { #(Self::#idents(v) => rt::ComplexType::write_content(v, w),)* }
                }
            }
        }
    }

    /// Whether every part of the struct may be absent (optional attributes, optional or
    /// zero-minimum fields, a base of the same kind): then `Default` is a valid value,
    /// and `..Default::default()` saves spelling out the dozens of optional fields of a
    /// type such as EWS `MessageType`.
    fn all_optional(&self, s: &StructPlan) -> bool {
        let base_optional = match &s.base {
            None => true,
            Some(TypePath::Item { module, item }) => match &self.plan.item(*module, *item).kind {
                ItemKind::Struct(base) => self.all_optional(base),
                _ => false,
            },
            Some(TypePath::Builtin(_)) => false,
        };
        let fields_optional = match &s.body {
            Body::Empty => true,
            Body::Simple(_) => false,
            Body::Sequence(fields) | Body::All(fields) => fields
                .iter()
                .all(|f| matches!(f.occurs, Occurs::Optional | Occurs::Many { min: 0, .. })),
        };
        base_optional && fields_optional && s.attrs.iter().all(|a| !a.required)
    }

    fn list_item(
        &self,
        name: &proc_macro2::Ident,
        l: &ListPlan,
        xsi_type: Option<TokenStream>,
    ) -> TokenStream {
        let doc = docs(&l.doc);
        let item = self.type_of(&l.item);
        let xsd_name = &l.xsd_name;
        let len = facet_len(&l.facets, quote!(self.0.len()));
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct #name(pub Vec<#item>);
            impl rt::SimpleType for #name {
                const NAME: &'static str = #xsd_name;
                #xsi_type
                fn parse(text: &str) -> Result<Self, rt::ValueError> {
                    let value = Self(
                        text.split_ascii_whitespace()
                            .map(<#item as rt::SimpleType>::parse)
                            .collect::<Result<_, _>>()?,
                    );
                    rt::SimpleType::validate(&value)?;
                    Ok(value)
                }
                fn write(&self, out: &mut String) {
                    for (i, item) in self.0.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        rt::SimpleType::write(item, out);
                    }
                }
                fn validate(&self) -> Result<(), rt::ValueError> {
                    #len
                    self.0.iter().try_for_each(rt::SimpleType::validate)
                }
            }
        }
    }

    fn union_item(
        &self,
        name: &proc_macro2::Ident,
        u: &UnionPlan,
        xsi_type: Option<TokenStream>,
    ) -> Result<TokenStream> {
        let doc = docs(&u.doc);
        // Facets of a restricted union constrain the lexical form of whichever member
        // the value is.
        let mut checks = Vec::new();
        for (i, level) in u.facets.patterns.iter().enumerate() {
            let regex = translate_patterns(level, &u.span)?;
            let source = level.join("|");
            let stat = format_ident!("PATTERN_{}", i);
            checks.push(quote! {
                static #stat: std::sync::OnceLock<rt::Regex> = std::sync::OnceLock::new();
                let re = #stat.get_or_init(|| rt::pattern_regex(#regex).expect("pattern checked by xsdgen"));
                rt::check_pattern(lexical, re, #source)?;
            });
        }
        if !u.facets.enumeration.is_empty() {
            let values = u.facets.enumeration.iter().map(|(v, _)| v);
            checks.push(quote!(rt::check_enumeration(lexical, &[#(#values),*])?;));
        }
        let facet_checks = (!checks.is_empty()).then(|| {
            quote! {
                let mut written = String::new();
                rt::SimpleType::write(self, &mut written);
                let lexical = written.as_str();
                #(#checks)*
            }
        });
        let xsd_name = &u.xsd_name;
        let idents: Vec<_> = u
            .members
            .iter()
            .map(|(v, _)| format_ident!("{}", v))
            .collect();
        let types: Vec<_> = u.members.iter().map(|(_, t)| self.type_of(t)).collect();
        let member_docs = u
            .members
            .iter()
            .map(|(_, t)| docs(&format!("A value of `{}`.", self.type_name(t))));
        Ok(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#member_docs #idents(#types),)* }
            impl rt::SimpleType for #name {
                const NAME: &'static str = #xsd_name;
                #xsi_type
                fn parse(text: &str) -> Result<Self, rt::ValueError> {
                    #(
                        if let Ok(v) = <#types as rt::SimpleType>::parse(text) {
                            let value = Self::#idents(v);
                            rt::SimpleType::validate(&value)?;
                            return Ok(value);
                        }
                    )*
                    Err(rt::ValueError::new("matches no member type of the union"))
                }
                fn write(&self, out: &mut String) {
                    match self { #(Self::#idents(v) => rt::SimpleType::write(v, out),)* }
                }
                fn validate(&self) -> Result<(), rt::ValueError> {
                    match self { #(Self::#idents(v) => rt::SimpleType::validate(v)?,)* }
                    #facet_checks
                    Ok(())
                }
            }
        })
    }

    fn document(&self, module: &ModulePlan) -> TokenStream {
        if module.roots.is_empty() {
            return quote!();
        }
        let name = format_ident!("{}", module.document);
        let mut variants = Vec::new();
        let mut reads = Vec::new();
        let mut writes = Vec::new();
        let mut locals = Vec::new();
        let mut froms = Vec::new();
        let mut type_counts = std::collections::HashMap::new();
        // Keyed by the Rust type: distinct XSD built-ins may share one (`String`).
        for root in &module.roots {
            *type_counts
                .entry(self.type_of(&root.ty).to_string())
                .or_insert(0) += 1;
        }
        for root in &module.roots {
            let variant = format_ident!("{}", root.variant);
            let mut ty = self.type_of(&root.ty);
            if root.nillable && root.value.wraps_nil() {
                ty = quote!(rt::Nillable<#ty>);
            }
            let vdoc = docs(
                &root
                    .doc
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` element.", root.local)),
            );
            variants.push(quote!(#vdoc #variant(#ty),));
            let local = &root.local;
            locals.push(quote!(#local));
            let read = match element_reader(root.value, root.nillable, &root.default, &root.fixed) {
                (read, None) => quote!(#read(__r, &__start)),
                (read, Some(values)) => quote!(#read(__r, &__start, #values)),
            };
            reads.push(quote!(#local => #read.map(Self::#variant),));
            let write = match (root.value, root.nillable) {
                (ValueKind::Simple, false) => quote!(w.simple_element(NS, #local, v)),
                (ValueKind::Simple, true) => quote!(w.nillable_simple(NS, #local, v)),
                (ValueKind::Any, _) | (_, false) => quote!(rt::write_complex(v, w, NS, #local)),
                (_, true) => quote!(w.nillable_complex(NS, #local, v)),
            };
            writes.push(quote!(Self::#variant(v) => #write,));
            if type_counts[&self.type_of(&root.ty).to_string()] == 1
                && !(root.nillable && root.value.wraps_nil())
            {
                froms.push(quote! {
                    impl ::core::convert::From<#ty> for #name {
                        fn from(value: #ty) -> Self {
                            Self::#variant(value)
                        }
                    }
                });
            }
        }
        let expected = format!(
            "a global element of namespace {}",
            module.ns.as_deref().unwrap_or("(none)")
        );
        quote! {
            /// A global element of this namespace: what a whole document's root can be.
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#variants)* }
            impl #name {
                /// Reads a whole document whose root is one of this namespace's global elements.
                pub fn from_xml_str(input: &str) -> Result<Self, rt::ReadError> {
                    rt::read_document(input)
                }
                /// Writes the element as a whole document.
                pub fn to_xml_string(&self) -> Result<String, rt::WriteError> {
                    rt::write_document(self)
                }
            }
            impl rt::XmlElement for #name {
                fn accepts(ns: Option<&str>, local: &str) -> bool {
                    ns == NS && ::core::matches!(local, #(#locals)|*)
                }
                fn expected() -> String {
                    #expected.to_string()
                }
                fn read_element<'a>(__r: &mut rt::XmlReader<'a>, __start: rt::StartTag<'a>) -> Result<Self, rt::ReadError> {
                    match __start.local() {
                        #(#reads)*
                        _ => Err(rt::unexpected_root(__r, &__start, Self::expected())),
                    }
                }
                fn write_element(&self, w: &mut rt::XmlWriter) -> Result<(), rt::WriteError> {
                    match self { #(#writes)* }
                }
            }
            #(#froms)*
        }
    }
}

/// `a || b || …`, or `false` (using `ns` and `local`) when there are no terms.
fn or_terms(mut terms: Vec<TokenStream>) -> TokenStream {
    match terms.len() {
        0 => quote!({
            let _ = (ns, local);
            false
        }),
        1 => terms.remove(0),
        _ => quote!(#((#terms))||*),
    }
}

/// Something that can start a model group: an element name, or a nested group.
enum First {
    Element(TokenStream, String),
    Group(TokenStream),
    Wildcard(TokenStream),
}

/// What a wildcard takes, in the words of `rt::Wildcard::describe`.
fn wildcard_words(w: &NamespaceConstraint) -> String {
    match w {
        NamespaceConstraint::Any => "any element".into(),
        NamespaceConstraint::Not(Some(t)) => format!("any element outside namespace {t}"),
        NamespaceConstraint::Not(None) => "any element in a namespace".into(),
        NamespaceConstraint::List(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|n| match n {
                    Some(ns) => format!("namespace {ns}"),
                    None => "no namespace".into(),
                })
                .collect();
            format!("any element in {}", names.join(" or "))
        }
    }
}

/// A wildcard's namespace constraint as a `rt::Wildcard` constant.
fn wildcard_expr(w: &NamespaceConstraint) -> TokenStream {
    match w {
        NamespaceConstraint::Any => quote!(rt::Wildcard::Any),
        NamespaceConstraint::Not(target) => {
            let target = opt_str(target);
            quote!(rt::Wildcard::Not(#target))
        }
        NamespaceConstraint::List(list) => {
            let items = list.iter().map(opt_str);
            quote!(rt::Wildcard::List(&[#(#items),*]))
        }
    }
}

/// `ns == NS && matches!(local, "A" | "B") || <G as ContentGroup>::accepts(ns, local)`,
/// element names grouped by namespace.
/// The `local` parameter of `accepts`: unused when only wildcards can start the group.
fn local_param(first: &[First]) -> proc_macro2::Ident {
    if !first.is_empty() && first.iter().all(|f| matches!(f, First::Wildcard(_))) {
        format_ident!("_local")
    } else {
        format_ident!("local")
    }
}

fn accepts_expr(first: &[First]) -> TokenStream {
    let mut by_ns: Vec<(String, TokenStream, Vec<&str>)> = Vec::new();
    let mut groups = Vec::new();
    for f in first {
        match f {
            First::Element(ns, local) => {
                let key = ns.to_string();
                match by_ns.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, _, locals)) => locals.push(local),
                    None => by_ns.push((key, ns.clone(), vec![local])),
                }
            }
            First::Group(ty) => groups.push(quote!(<#ty as rt::ContentGroup>::accepts(ns, local))),
            First::Wildcard(w) => groups.push(quote!(#w.allows(ns))),
        }
    }
    let mut terms: Vec<TokenStream> = by_ns
        .into_iter()
        .map(|(_, ns, locals)| match locals.as_slice() {
            [one] => quote!(ns == #ns && local == #one),
            many => quote!(ns == #ns && ::core::matches!(local, #(#many)|*)),
        })
        .collect();
    terms.extend(groups);
    or_terms(terms)
}

fn attr_doc(a: &AttrPlan) -> String {
    let mut lines = Vec::new();
    if let Some(d) = &a.doc {
        lines.push(d.clone());
    }
    let mut facts = vec![format!("Attribute `{}`", a.local)];
    if a.required {
        facts.push("required".into());
    }
    if let Some(d) = &a.default {
        facts.push(format!("default `{d}`"));
    }
    if let Some(f) = &a.fixed {
        facts.push(format!("fixed `{f}`"));
    }
    lines.push(format!("{}.", facts.join(", ")));
    facts_first(lines)
}

/// The facts (the last of `lines`) first, the schema's documentation after them in the
/// same paragraph: one line less per documented field, which counts in schemas that
/// document every element (ONIX).
fn facts_first(mut lines: Vec<String>) -> String {
    match lines.pop() {
        Some(facts) if !lines.is_empty() => format!("{facts} {}", lines.join("\n\n")),
        Some(facts) => facts,
        None => String::new(),
    }
}

fn field_doc(f: &FieldPlan) -> String {
    let mut lines = Vec::new();
    if let Some(d) = &f.doc {
        lines.push(d.clone());
    }
    let occurs = match f.occurs {
        Occurs::One => String::new(),
        Occurs::Optional => ", optional".into(),
        Occurs::Many {
            min,
            max: Some(max),
        } => format!(", {min} to {max} times"),
        Occurs::Many { min, max: None } => format!(", {min} or more times"),
    };
    match &f.kind {
        FieldKind::Element(e) => {
            let mut facts = format!("Element `{}`{occurs}", e.local);
            if e.nillable {
                facts.push_str(", nillable");
            }
            if let Some(d) = &e.default {
                facts.push_str(&format!(", default `{d}`"));
            }
            if let Some(x) = &e.fixed {
                facts.push_str(&format!(", fixed `{x}`"));
            }
            lines.push(format!("{facts}."));
        }
        FieldKind::Group(_) if lines.is_empty() => {
            lines.push(format!("A nested model group{occurs}."))
        }
        FieldKind::Group(_) => {}
        FieldKind::Any(_) => lines.push(format!("Any element (`xs:any`){occurs}, kept as a tree.")),
    }
    match &f.kind {
        // A group's documentation stands alone (no facts line follows it).
        FieldKind::Group(_) if f.doc.is_some() => lines.join("\n\n"),
        _ => facts_first(lines),
    }
}

fn enum_item(
    name: &proc_macro2::Ident,
    e: &EnumPlan,
    xsi_type: Option<TokenStream>,
) -> TokenStream {
    let doc = docs(&e.doc);
    let xsd_name = &e.xsd_name;
    let idents: Vec<_> = e
        .values
        .iter()
        .map(|(v, _, _)| format_ident!("{}", v))
        .collect();
    let values: Vec<_> = e.values.iter().map(|(_, v, _)| v).collect();
    let value_docs = e.values.iter().map(|(_, v, d)| {
        docs(&match d {
            // The value first, on the documentation's first line: code lists (ONIX has
            // thousands of values) stay a few lines a value.
            Some(d) => format!("`{v}`: {d}"),
            None => format!("`{v}`"),
        })
    });
    let ws = format_ident!("{}", e.white_space);
    let reason = format!(
        "not one of {}",
        values
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    // QName values compare and are written by expanded name: `my:Bar` and `tns:Bar`
    // are one value when both prefixes name one namespace.
    let scoped = e.names.as_ref().map(|names| {
        let pairs: Vec<_> = names
            .iter()
            .map(|(ns, local)| {
                let ns = opt_str(ns);
                quote!((#ns, #local))
            })
            .collect();
        quote! {
            fn parse_scoped(text: &str, scope: &dyn rt::PrefixScope) -> Result<Self, rt::ValueError> {
                Ok(match rt::resolve_qname(text, scope)? {
                    #(#pairs => Self::#idents,)*
                    _ => return Err(rt::ValueError::new(#reason)),
                })
            }
            fn qname(&self) -> Option<(Option<&'static str>, &'static str)> {
                Some(match self { #(Self::#idents => #pairs,)* })
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name { #(#value_docs #idents,)* }
        impl #name {
            /// The value as written in XML.
            pub const fn as_str(self) -> &'static str {
                match self { #(Self::#idents => #values,)* }
            }
        }
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::str::FromStr for #name {
            type Err = rt::ValueError;
            fn from_str(text: &str) -> Result<Self, rt::ValueError> {
                <Self as rt::SimpleType>::parse(text)
            }
        }
        impl rt::SimpleType for #name {
            const NAME: &'static str = #xsd_name;
            #xsi_type
            fn parse(text: &str) -> Result<Self, rt::ValueError> {
                Ok(match rt::WhiteSpace::#ws.apply(text).as_ref() {
                    #(#values => Self::#idents,)*
                    _ => return Err(rt::ValueError::new(#reason)),
                })
            }
            fn write(&self, out: &mut String) {
                out.push_str(self.as_str());
            }
            fn as_text(&self) -> Option<&str> {
                Some(self.as_str())
            }
            #scoped
        }
    }
}

/// The length-facet check of a value whose length `count` computes (nothing without facets).
fn facet_len(f: &Facets, count: TokenStream) -> TokenStream {
    if f.length.is_none() && f.min_length.is_none() && f.max_length.is_none() {
        return quote!();
    }
    let opt = |v: Option<usize>| match v {
        Some(n) => {
            let n = Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    let (l, min, max) = (opt(f.length), opt(f.min_length), opt(f.max_length));
    quote!(rt::check_length(#count, #l, #min, #max)?;)
}

fn newtype_item(
    name: &proc_macro2::Ident,
    n: &NewtypePlan,
    xsi_type: Option<TokenStream>,
) -> Result<TokenStream> {
    let doc = docs(&n.doc);
    let xsd_name = &n.xsd_name;
    let inner: TokenStream = n
        .base
        .rust_type()
        .parse()
        .expect("built-in type paths parse");
    let f = &n.facets;
    // Patterns and digit counts constrain the lexical form: checked on the text as
    // written when reading, and on the canonical form when writing.
    let mut lexical_checks = Vec::new();
    for (i, level) in f.patterns.iter().enumerate() {
        let regex = translate_patterns(level, &n.span)?;
        let source = level.join("|");
        let stat = format_ident!("PATTERN_{}", i);
        lexical_checks.push(quote! {
            static #stat: std::sync::OnceLock<rt::Regex> = std::sync::OnceLock::new();
            let re = #stat.get_or_init(|| rt::pattern_regex(#regex).expect("pattern checked by xsdgen"));
            rt::check_pattern(lexical, re, #source)?;
        });
    }
    if f.total_digits.is_some() || f.fraction_digits.is_some() {
        let opt = |v: Option<usize>| match v {
            Some(n) => {
                let n = Literal::usize_unsuffixed(n);
                quote!(Some(#n))
            }
            None => quote!(None),
        };
        let (t, fr) = (opt(f.total_digits), opt(f.fraction_digits));
        lexical_checks.push(quote!(rt::check_digits(lexical, #t, #fr)?;));
    }
    // Length and range facets constrain the value.
    let mut value_checks = Vec::new();
    {
        // Length facets on non-string atomic types (binary, URI…) count lexical characters.
        let count = if n.base.is_string() {
            quote!(self.0.chars().count())
        } else {
            quote!({
                let mut s = String::new();
                rt::SimpleType::write(&self.0, &mut s);
                s.chars().count()
            })
        };
        value_checks.push(facet_len(f, count));
    }
    let bounds = [
        &f.min_inclusive,
        &f.max_inclusive,
        &f.min_exclusive,
        &f.max_exclusive,
    ];
    if bounds.iter().any(|b| b.is_some()) {
        let check = if n.base.is_native_number() {
            let lits = bounds
                .iter()
                .map(|b| match b {
                    Some(v) => number_literal(n.base, v, &n.span).map(|l| quote!(Some(#l))),
                    None => Ok(quote!(None)),
                })
                .collect::<Result<Vec<_>>>()?;
            let value = if n.base.is_float() {
                quote!(self.0.value())
            } else {
                quote!(self.0)
            };
            quote!(rt::check_range(&#value, #(#lits),*)?;)
        } else if matches!(n.base, Builtin::Decimal | Builtin::Integer(_)) {
            let lits = bounds.iter().map(|b| opt_str(b));
            quote!(rt::types::check_decimal_range(self.0.as_str(), #(#lits),*)?;)
        } else if n.base.is_string() {
            return Err(Error::Invalid {
                span: n.span.clone(),
                message: "range facets on a string type".into(),
            });
        } else {
            // Dates and durations: compared by their lexical form (exact for values
            // written with the same number of digits and the same timezone).
            let lits = bounds.iter().map(|b| opt_str(b));
            quote!(rt::check_range(&self.0.as_str(), #(#lits),*)?;)
        };
        value_checks.push(check);
    }
    let ws = format_ident!(
        "{}",
        match f.white_space.as_deref() {
            Some("preserve") => "Preserve",
            Some("replace") => "Replace",
            Some("collapse") => "Collapse",
            _ => n.base.white_space(),
        }
    );
    let derives = if n.base.is_float() {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    };
    let (check_lexical, lexical_on_read, lexical_on_write) = if lexical_checks.is_empty() {
        (quote!(), quote!(), quote!())
    } else {
        (
            quote! {
                /// Checks the facets on the lexical form (patterns, digits).
                fn check_lexical(lexical: &str) -> Result<(), rt::ValueError> {
                    #(#lexical_checks)*
                    Ok(())
                }
            },
            quote!(Self::check_lexical(&text)?;),
            quote! {
                let mut lexical = String::new();
                rt::SimpleType::write(&self.0, &mut lexical);
                Self::check_lexical(&lexical)?;
            },
        )
    };
    Ok(quote! {
        #doc
        #derives
        pub struct #name(#inner);
        /// Parses and checks a lexical value, as reading does.
        impl ::core::str::FromStr for #name {
            type Err = rt::ValueError;
            fn from_str(text: &str) -> Result<Self, rt::ValueError> {
                <Self as rt::SimpleType>::parse(text)
            }
        }
        impl #name {
            /// Checks the facets of the type.
            pub fn new(value: #inner) -> Result<Self, rt::ValueError> {
                let value = Self(value);
                rt::SimpleType::validate(&value)?;
                Ok(value)
            }
            /// The value.
            pub fn get(&self) -> &#inner {
                &self.0
            }
            /// The value, consuming the wrapper.
            pub fn into_inner(self) -> #inner {
                self.0
            }
            #check_lexical
            /// Checks the facets on the value (length, range).
            fn check_value(&self) -> Result<(), rt::ValueError> {
                #(#value_checks)*
                Ok(())
            }
        }
        impl rt::SimpleType for #name {
            const NAME: &'static str = #xsd_name;
            #xsi_type
            fn parse(text: &str) -> Result<Self, rt::ValueError> {
                let text = rt::WhiteSpace::#ws.apply(text);
                #lexical_on_read
                let value = Self(<#inner as rt::SimpleType>::parse(&text)?);
                value.check_value()?;
                Ok(value)
            }
            fn write(&self, out: &mut String) {
                rt::SimpleType::write(&self.0, out);
            }
            fn as_text(&self) -> Option<&str> {
                rt::SimpleType::as_text(&self.0)
            }
            fn validate(&self) -> Result<(), rt::ValueError> {
                #lexical_on_write
                self.check_value()
            }
        }
    })
}

/// A facet value as a literal of the Rust number type.
fn number_literal(base: Builtin, value: &str, span: &Span) -> Result<Literal> {
    let bad = || Error::Invalid {
        span: span.clone(),
        message: format!("facet value {value:?} is not a valid {base:?}"),
    };
    let v = value.trim().trim_start_matches('+');
    Ok(match base {
        Builtin::Float => Literal::f32_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::Double => Literal::f64_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::Long => Literal::i64_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::Int => Literal::i32_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::Short => Literal::i16_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::Byte => Literal::i8_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::UnsignedLong => Literal::u64_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::UnsignedInt => Literal::u32_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::UnsignedShort => Literal::u16_suffixed(v.parse().map_err(|_| bad())?),
        Builtin::UnsignedByte => Literal::u8_suffixed(v.parse().map_err(|_| bad())?),
        _ => return Err(bad()),
    })
}

/// Translates the patterns of one derivation step (any may match) into one anchored
/// `regex` expression, checking that it compiles.
pub fn translate_patterns(patterns: &[String], span: &Span) -> Result<String> {
    let mut alternatives = Vec::new();
    for p in patterns {
        alternatives.push(
            translate_pattern(p).map_err(|construct| Error::Unsupported {
                span: span.clone(),
                construct: format!("pattern {p:?}: {construct}"),
            })?,
        );
    }
    let regex = format!("^(?:{})$", alternatives.join("|"));
    // The same limit as the runtime's `PATTERN_SIZE_LIMIT` (codegen does not depend on
    // the runtime crate).
    const PATTERN_SIZE_LIMIT: usize = 256 << 20;
    regex::RegexBuilder::new(&regex)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| Error::Unsupported {
            span: span.clone(),
            construct: format!(
                "pattern {:?} has no `regex` equivalent: {e}",
                patterns.join("|")
            ),
        })?;
    Ok(regex)
}

/// One XSD regular expression in `regex` syntax. XSD patterns are implicitly anchored,
/// treat `^` and `$` as ordinary characters, and add the `\i` and `\c` escapes.
fn translate_pattern(p: &str) -> std::result::Result<String, String> {
    const NAME_START: &str = r"A-Za-z_:\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{2FF}\u{370}-\u{37D}\u{37F}-\u{1FFF}\u{200C}-\u{200D}\u{2070}-\u{218F}\u{2C00}-\u{2FEF}\u{3001}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFFD}";
    const NAME_EXTRA: &str = r"\-.0-9\u{B7}\u{300}-\u{36F}\u{203F}-\u{2040}";
    let mut out = String::new();
    let mut chars = p.chars().peekable();
    // Depth of character classes: XSD nests one only as a subtraction, `[a-z-[aeiou]]`,
    // which is `regex`'s difference `[a-z--[aeiou]]`.
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        let in_class = depth > 0;
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Err("ends with a backslash".into());
                };
                match e {
                    'i' if in_class => out.push_str(NAME_START),
                    'c' if in_class => {
                        out.push_str(NAME_START);
                        out.push_str(NAME_EXTRA);
                    }
                    'i' => out.push_str(&format!("[{NAME_START}]")),
                    'c' => out.push_str(&format!("[{NAME_START}{NAME_EXTRA}]")),
                    'I' | 'C' if in_class => return Err(format!("\\{e} inside a character class")),
                    'I' => out.push_str(&format!("[^{NAME_START}]")),
                    'C' => out.push_str(&format!("[^{NAME_START}{NAME_EXTRA}]")),
                    'p' | 'P' => {
                        let mut name = String::new();
                        for n in chars.by_ref() {
                            name.push(n);
                            if n == '}' {
                                break;
                            }
                        }
                        match name.strip_prefix("{Is").and_then(|n| n.strip_suffix('}')) {
                            Some(block) => {
                                let ranges = block_ranges(block)
                                    .ok_or_else(|| format!("unknown Unicode block {block:?}"))?;
                                match (e, in_class) {
                                    ('p', true) => out.push_str(&ranges),
                                    ('p', false) => out.push_str(&format!("[{ranges}]")),
                                    ('P', false) => out.push_str(&format!("[^{ranges}]")),
                                    _ => return Err(format!("\\P{name} inside a character class")),
                                }
                            }
                            None => {
                                out.push('\\');
                                out.push(e);
                                out.push_str(&name);
                            }
                        }
                    }
                    e => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '-' if in_class && chars.peek() == Some(&'[') => {
                chars.next();
                depth += 1;
                out.push_str("--[");
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            '[' if in_class => return Err("a nested class outside a subtraction".into()),
            '[' => {
                depth = 1;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            ']' if in_class => {
                depth -= 1;
                out.push(']');
            }
            '^' | '$' if !in_class => {
                out.push('\\');
                out.push(c);
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The ranges of a Unicode block named as XSD 1.0 names it (Unicode 3.1 names without
/// spaces: `BasicLatin`, `LatinExtended-A`), for use inside a `regex` class.
fn block_ranges(xsd_name: &str) -> Option<String> {
    use std::sync::OnceLock;
    static BLOCKS: OnceLock<Vec<(String, u32, u32)>> = OnceLock::new();
    let blocks = BLOCKS.get_or_init(|| {
        // Walk the code points block by block: the crate looks blocks up by character.
        let mut blocks = Vec::new();
        let mut cp = 0u32;
        while cp <= 0x10FFFF {
            match char::from_u32(cp).and_then(unicode_blocks::find_unicode_block) {
                Some(b) => {
                    blocks.push((
                        b.name().replace(' ', "").to_ascii_lowercase(),
                        b.start(),
                        b.end(),
                    ));
                    cp = b.end() + 1;
                }
                None => cp += 1,
            }
        }
        blocks
    });
    // Blocks renamed since Unicode 3.1, and 3.1's one "Private Use" for three areas.
    let modern: &[&str] = match xsd_name {
        "Greek" => &["greekandcoptic"],
        "CombiningMarksforSymbols" => &["combiningdiacriticalmarksforsymbols"],
        "PrivateUse" => &[
            "privateusearea",
            "supplementaryprivateusearea-a",
            "supplementaryprivateusearea-b",
        ],
        // Surrogate code points never occur in text: a class that matches nothing.
        "HighSurrogates" | "LowSurrogates" | "HighPrivateUseSurrogates" => {
            return Some(r"\x00&&\x01".to_string())
        }
        _ => &[],
    };
    let wanted: Vec<String> = if modern.is_empty() {
        vec![xsd_name.to_ascii_lowercase()]
    } else {
        modern.iter().map(|m| m.to_string()).collect()
    };
    let ranges: Vec<String> = blocks
        .iter()
        .filter(|(name, ..)| wanted.contains(name))
        .map(|(_, start, end)| format!("\\u{{{start:X}}}-\\u{{{end:X}}}"))
        .collect();
    (!ranges.is_empty()).then(|| ranges.join(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, value: &str) -> bool {
        let span = Span {
            file: "t.xsd".into(),
            line: 1,
            column: 1,
        };
        let re = translate_patterns(&[pattern.to_string()], &span).unwrap();
        regex::RegexBuilder::new(&re)
            .size_limit(256 << 20)
            .build()
            .unwrap()
            .is_match(value)
    }

    #[test]
    fn a_long_bounded_run_of_a_unicode_class_fits_the_raised_size_limit() {
        // BMEcat's enumeration-like pattern: over the `regex` crate's default 10 MiB.
        let pattern = "order|quotation|\\w{1,250}";
        let span = Span {
            file: "t.xsd".into(),
            line: 1,
            column: 1,
        };
        let re = translate_patterns(&[pattern.to_string()], &span).unwrap();
        assert!(
            regex::Regex::new(&re).is_err(),
            "no longer over the default limit"
        );
        assert!(matches(pattern, "quotation"));
        assert!(matches(pattern, &"é".repeat(250)));
        assert!(!matches(pattern, &"a".repeat(251)));
    }

    #[test]
    fn xsd_patterns_are_anchored_and_keep_their_meaning() {
        assert!(matches("[0-9]{3}", "123"));
        assert!(!matches("[0-9]{3}", "1234"));
        assert!(matches("a$b", "a$b"));
        assert!(matches(r"\i\c*", "xs:foo"));
        assert!(!matches(r"\i\c*", "1abc"));
        assert!(matches(r"\p{Lu}+", "ABC"));
    }

    #[test]
    fn subtraction_and_unicode_blocks_translate() {
        assert!(matches("[a-z-[aeiou]]+", "xyz"));
        assert!(!matches("[a-z-[aeiou]]+", "xaz"));
        assert!(matches(r"\p{IsBasicLatin}+", "abc~"));
        assert!(!matches(r"\p{IsBasicLatin}+", "é"));
        assert!(matches(r"\p{IsLatinExtended-A}", "ā"));
        assert!(matches(r"\p{IsGreek}", "λ"));
        assert!(matches(r"\P{IsGreek}", "l"));
        assert!(matches(r"[\p{IsBasicLatin}\p{IsGreek}]+", "aλ"));
        assert!(!matches(r"\p{IsHighSurrogates}", "a"));
    }

    #[test]
    fn unsupported_pattern_constructs_are_errors() {
        let span = Span {
            file: "t.xsd".into(),
            line: 3,
            column: 5,
        };
        let err = translate_patterns(&[r"[\C]".to_string()], &span).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.xsd:3:5: not supported yet: pattern"),
            "{err}"
        );
        assert!(translate_patterns(&[r"\p{IsNoSuchBlock}".to_string()], &span).is_err());
    }
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    fn module_source(plan: &Plan, m: usize, size: usize) -> String {
        let mut code: String = chunks_of(plan, m, size)
            .map(|c| render_chunk(plan, c).unwrap())
            .collect();
        code.push_str(MODULE_END);
        code
    }

    #[test]
    fn chunking_does_not_change_the_formatted_source() {
        let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/um/um-messages.xsd");
        let (_, plan, _) = crate::Config::new().schema(schema).check().unwrap();
        let m = (0..plan.modules.len())
            .max_by_key(|&m| plan.modules[m].items.len())
            .unwrap();
        assert!(plan.modules[m].items.len() > 10, "enough items to chunk");
        let whole = module_source(&plan, m, usize::MAX);
        assert!(whole.starts_with("/// Types of namespace"), "{whole}");
        for size in [1, 2, 7] {
            assert_eq!(module_source(&plan, m, size), whole, "chunks of {size}");
        }
    }
}
