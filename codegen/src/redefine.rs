//! `xs:redefine` (XSD 1.0) and `xs:override` (XSD 1.1), applied to the parsed schemas
//! before the model sees them, so that the model resolves plain names.
//!
//! Both act as an include of the schema they name (its components join the set; the
//! loader applies the chameleon rule) and replace some of its components:
//!
//! - Inside `xs:redefine`, a type must derive from its own name, which there means the
//!   definition it replaces. The original is kept under a hidden name
//!   (`{ns}Name·redefined`) and the new definition takes the name everywhere; a group or
//!   attribute group that refers to itself refers to the original the same way (without
//!   such a reference, the original is dropped). Redefining a component the schema does
//!   not have, or a type that does not derive from itself, is an error.
//! - `xs:override` replaces the component of the same name and kind outright; an
//!   overriding component that matches nothing is not used (XSD 1.1 Structures §4.2.5).
//!
//! A redefined or overridden schema's own includes take part (the replacement reaches
//! the component wherever in them it is written), and redefinitions chain: a schema's
//! redefinitions are applied before those of the schemas that redefine it.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::error::{Error, Result, Span};
use crate::syntax::{
    AttributeItem, AttributeUse, ComplexContent, MaxOccurs, Particle, QName, RedefinitionKind,
    Schema, SimpleVariety, Term, TopLevel,
};

/// The symbol spaces of XSD: names are unique within each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Space {
    Type,
    Group,
    AttributeGroup,
    Element,
    Attribute,
}

impl Space {
    fn describe(self) -> &'static str {
        match self {
            Space::Type => "type",
            Space::Group => "group",
            Space::AttributeGroup => "attributeGroup",
            Space::Element => "element",
            Space::Attribute => "attribute",
        }
    }
}

/// Top-level declarations are always named (the syntax stage checks it).
fn named(name: &Option<QName>) -> &QName {
    name.as_ref().expect("top-level components are named")
}

fn key(item: &TopLevel) -> (Space, &QName) {
    match item {
        TopLevel::Element(e) => (Space::Element, named(&e.name)),
        TopLevel::Attribute(a) => (Space::Attribute, named(&a.name)),
        TopLevel::SimpleType(t) => (Space::Type, named(&t.name)),
        TopLevel::ComplexType(t) => (Space::Type, named(&t.name)),
        TopLevel::Group(g) => (Space::Group, &g.name),
        TopLevel::AttributeGroup(g) => (Space::AttributeGroup, &g.name),
    }
}

fn rename(item: &mut TopLevel, name: QName) {
    match item {
        TopLevel::Element(e) => e.name = Some(name),
        TopLevel::Attribute(a) => a.name = Some(name),
        TopLevel::SimpleType(t) => t.name = Some(name),
        TopLevel::ComplexType(t) => t.name = Some(name),
        TopLevel::Group(g) => g.name = name,
        TopLevel::AttributeGroup(g) => g.name = name,
    }
}

fn doc_mut(item: &mut TopLevel) -> Option<&mut Option<String>> {
    match item {
        TopLevel::SimpleType(t) => Some(&mut t.doc),
        TopLevel::ComplexType(t) => Some(&mut t.doc),
        _ => None,
    }
}

/// The base a type derives from, to be pointed at the original.
fn base_mut(item: &mut TopLevel) -> Option<&mut QName> {
    match item {
        TopLevel::ComplexType(t) => match &mut t.content {
            ComplexContent::SimpleExtension { base, .. }
            | ComplexContent::SimpleRestriction { base, .. }
            | ComplexContent::ComplexExtension { base, .. }
            | ComplexContent::ComplexRestriction { base, .. } => Some(base),
            ComplexContent::Direct { .. } => None,
        },
        TopLevel::SimpleType(t) => match &mut t.variety {
            SimpleVariety::Restriction { base, .. } => base.as_mut(),
            SimpleVariety::List { .. } | SimpleVariety::Union { .. } => None,
        },
        _ => None,
    }
}

/// Points the references to `from` in a group's model groups at `to`, noting each one's
/// position and occurrences.
fn retarget_group_refs(
    particle: &mut Particle,
    from: &QName,
    to: &QName,
    found: &mut Vec<(Span, u32, MaxOccurs)>,
) {
    match &mut particle.term {
        Term::GroupRef(name) if name == from => {
            *name = to.clone();
            found.push((particle.span.clone(), particle.min, particle.max));
        }
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => items
            .iter_mut()
            .for_each(|p| retarget_group_refs(p, from, to, found)),
        _ => {}
    }
}

fn span_of(item: &TopLevel) -> Span {
    match item {
        TopLevel::Element(e) => e.span.clone(),
        TopLevel::Attribute(a) => a.span.clone(),
        TopLevel::SimpleType(t) => t.span.clone(),
        TopLevel::ComplexType(t) => t.span.clone(),
        TopLevel::Group(g) => g.span.clone(),
        TopLevel::AttributeGroup(g) => g.span.clone(),
    }
}

/// The attributes of an attribute group, its references followed: (name, use, where)
/// and whether it has a wildcard.
fn flatten_attributes<'s>(
    items: &'s [AttributeItem],
    groups: &HashMap<&QName, &'s [AttributeItem]>,
    visiting: &mut Vec<QName>,
    out: &mut Vec<(QName, AttributeUse, &'s Span)>,
) -> bool {
    let mut wildcard = false;
    for item in items {
        match item {
            AttributeItem::Attribute(a) => {
                if let Some(name) = a.name.as_ref().or(a.reference.as_ref()) {
                    out.push((name.clone(), a.use_, &a.span));
                }
            }
            AttributeItem::GroupRef { name, .. } => {
                if visiting.contains(name) {
                    continue;
                }
                if let Some(group) = groups.get(name) {
                    visiting.push(name.clone());
                    wildcard |= flatten_attributes(group, groups, visiting, out);
                    visiting.pop();
                }
            }
            AttributeItem::Wildcard(_) => wildcard = true,
        }
    }
    wildcard
}

fn retarget_attribute_group_refs(items: &mut [AttributeItem], from: &QName, to: &QName) -> usize {
    let mut count = 0;
    for item in items {
        if let AttributeItem::GroupRef { name, .. } = item {
            if name == from {
                *name = to.clone();
                count += 1;
            }
        }
    }
    count
}

/// Applies every `xs:redefine` and `xs:override` of the set; afterwards no schema has
/// redefinitions left, and the model sees each component once.
pub fn apply(schemas: &mut [Schema]) -> Result<()> {
    if schemas.iter().all(|s| s.redefinitions.is_empty()) {
        return Ok(());
    }
    let mut names: HashSet<(Space, QName)> = HashSet::new();
    for schema in schemas.iter() {
        for item in &schema.items {
            let (space, name) = key(item);
            names.insert((space, name.clone()));
        }
    }
    let mut pass = Pass {
        state: vec![State::New; schemas.len()],
        removed: HashSet::new(),
        names,
    };
    for index in 0..schemas.len() {
        pass.visit(schemas, index)?;
    }
    for (index, schema) in schemas.iter_mut().enumerate() {
        let mut position = 0;
        schema.items.retain(|_| {
            position += 1;
            !pass.removed.contains(&(index, position - 1))
        });
        schema.redefinitions.clear();
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    New,
    Visiting,
    Done,
}

struct Pass {
    state: Vec<State>,
    /// Items dropped (schema, item index), removed at the end so indices stay valid.
    removed: HashSet<(usize, usize)>,
    /// Every component name, so that hidden names are unique.
    names: HashSet<(Space, QName)>,
}

/// A schema and everything it includes, redefines or overrides, breadth first.
fn closure(schemas: &[Schema], start: usize) -> Vec<usize> {
    let mut seen = vec![false; schemas.len()];
    let mut order = Vec::new();
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(i) = queue.pop_front() {
        order.push(i);
        for &next in &schemas[i].includes {
            if next < schemas.len() && !std::mem::replace(&mut seen[next], true) {
                queue.push_back(next);
            }
        }
    }
    order
}

impl Pass {
    fn visit(&mut self, schemas: &mut [Schema], index: usize) -> Result<()> {
        if self.state[index] != State::New {
            // Done, or a redefinition cycle: each schema's own are applied once.
            return Ok(());
        }
        self.state[index] = State::Visiting;
        let redefinitions = schemas[index].redefinitions.clone();
        for r in &redefinitions {
            for target in closure(schemas, r.schema) {
                self.visit(schemas, target)?;
            }
        }
        for r in &redefinitions {
            let scope = closure(schemas, r.schema);
            if r.kind == RedefinitionKind::Redefine && scope.contains(&index) {
                return Err(Error::Invalid {
                    span: r.span.clone(),
                    message: "xs:redefine of a schema that is, or includes, the redefining \
                              schema: a schema cannot redefine itself"
                        .into(),
                });
            }
            let mut seen = HashSet::new();
            for &item in &r.items {
                let (space, name) = key(&schemas[index].items[item]);
                if !seen.insert((space, name.clone())) {
                    return Err(Error::Invalid {
                        span: span_of(&schemas[index].items[item]),
                        message: format!(
                            "{} {name} is redefined twice in one xs:{}",
                            space.describe(),
                            match r.kind {
                                RedefinitionKind::Redefine => "redefine",
                                RedefinitionKind::Override => "override",
                            }
                        ),
                    });
                }
            }
            for &item in &r.items {
                self.replace(schemas, index, item, r.kind, &scope, &r.items)?;
            }
        }
        self.state[index] = State::Done;
        Ok(())
    }

    /// Where the component `(space, name)` is written among `scope`'s schemas.
    fn find(
        &self,
        schemas: &[Schema],
        scope: &[usize],
        space: Space,
        name: &QName,
        own: (usize, &[usize]),
    ) -> Option<(usize, usize)> {
        scope.iter().find_map(|&s| {
            schemas[s].items.iter().enumerate().find_map(|(i, item)| {
                let (sp, n) = key(item);
                let mine = s == own.0 && own.1.contains(&i);
                (sp == space && n == name && !mine && !self.removed.contains(&(s, i)))
                    .then_some((s, i))
            })
        })
    }

    /// A name nothing in `space` has: `{ns}local·redefined`, then `·redefined2`, ….
    fn hidden_name(&mut self, space: Space, name: &QName) -> QName {
        let mut n = 1;
        loop {
            let suffix = if n == 1 { String::new() } else { n.to_string() };
            let hidden = QName {
                ns: name.ns.clone(),
                local: format!("{}·redefined{suffix}", name.local),
            };
            if self.names.insert((space, hidden.clone())) {
                return hidden;
            }
            n += 1;
        }
    }

    /// src-redefine.7.2.2: an attribute group redefined without a reference to itself
    /// restricts the original (checked by name and use; types and values are not).
    fn check_attribute_restriction(
        &self,
        schemas: &[Schema],
        new: (usize, usize),
        original: (usize, usize),
        name: &QName,
    ) -> Result<()> {
        let mut groups: HashMap<&QName, &[AttributeItem]> = HashMap::new();
        for (s, schema) in schemas.iter().enumerate() {
            for (i, item) in schema.items.iter().enumerate() {
                if let TopLevel::AttributeGroup(g) = item {
                    if !self.removed.contains(&(s, i)) && (s, i) != new {
                        groups.entry(&g.name).or_insert(&g.attributes);
                    }
                }
            }
        }
        let attributes = |at: (usize, usize), out: &mut Vec<_>| match &schemas[at.0].items[at.1] {
            TopLevel::AttributeGroup(g) => {
                flatten_attributes(&g.attributes, &groups, &mut vec![g.name.clone()], out)
            }
            _ => false,
        };
        let (mut mine, mut theirs) = (Vec::new(), Vec::new());
        let my_wildcard = attributes(new, &mut mine);
        let their_wildcard = attributes(original, &mut theirs);
        let fail = |span: &Span, why: String| Error::Invalid {
            span: span.clone(),
            message: format!(
                "redefined attributeGroup {name} does not refer to itself, so it must restrict \
                 the original: {why}"
            ),
        };
        for (attribute, use_, span) in &mine {
            let before = theirs.iter().find(|(n, _, _)| n == attribute);
            match before.map(|b| b.1) {
                Some(AttributeUse::Prohibited) if *use_ != AttributeUse::Prohibited => {
                    return Err(fail(
                        span,
                        format!("attribute {attribute} is prohibited there"),
                    ))
                }
                None if !their_wildcard && *use_ != AttributeUse::Prohibited => {
                    return Err(fail(span, format!("attribute {attribute} is not in it")))
                }
                Some(AttributeUse::Required) if *use_ != AttributeUse::Required => {
                    return Err(fail(
                        span,
                        format!("attribute {attribute} is required there"),
                    ))
                }
                _ => {}
            }
        }
        let new_span = span_of(&schemas[new.0].items[new.1]);
        for (attribute, use_, _) in &theirs {
            if *use_ == AttributeUse::Required && !mine.iter().any(|(n, _, _)| n == attribute) {
                return Err(fail(
                    &new_span,
                    format!("required attribute {attribute} is left out"),
                ));
            }
        }
        if my_wildcard && !their_wildcard {
            return Err(fail(
                &new_span,
                "the original has no attribute wildcard".into(),
            ));
        }
        Ok(())
    }

    fn replace(
        &mut self,
        schemas: &mut [Schema],
        index: usize,
        item: usize,
        kind: RedefinitionKind,
        scope: &[usize],
        own: &[usize],
    ) -> Result<()> {
        let (space, name) = key(&schemas[index].items[item]);
        let name = name.clone();
        let span = span_of(&schemas[index].items[item]);
        let Some((s, i)) = self.find(schemas, scope, space, &name, (index, own)) else {
            return match kind {
                RedefinitionKind::Redefine => Err(Error::Invalid {
                    span,
                    message: format!(
                        "xs:redefine of {} {name}: the redefined schema has none",
                        space.describe()
                    ),
                }),
                RedefinitionKind::Override => {
                    // Overriding nothing: the component is not used.
                    self.removed.insert((index, item));
                    Ok(())
                }
            };
        };
        if kind == RedefinitionKind::Override {
            self.removed.insert((s, i));
            return Ok(());
        }
        match space {
            Space::Type => {
                let original = &schemas[s].items[i];
                let new = &schemas[index].items[item];
                if std::mem::discriminant(original) != std::mem::discriminant(new) {
                    return Err(Error::Invalid {
                        span,
                        message: format!(
                            "xs:redefine of type {name}: a {} cannot redefine a {}",
                            item_kind(new),
                            item_kind(original)
                        ),
                    });
                }
                let derives =
                    base_mut(&mut schemas[index].items[item]).is_some_and(|base| *base == name);
                if !derives {
                    return Err(Error::Invalid {
                        span,
                        message: format!(
                            "xs:redefine of type {name}: a redefined type must derive from \
                             itself (its base must be {name})"
                        ),
                    });
                }
                let hidden = self.hidden_name(space, &name);
                rename(&mut schemas[s].items[i], hidden.clone());
                if let Some(base) = base_mut(&mut schemas[index].items[item]) {
                    *base = hidden;
                }
                let original_doc = doc_mut(&mut schemas[s].items[i]).and_then(|d| d.clone());
                if let Some(doc @ None) = doc_mut(&mut schemas[index].items[item]) {
                    *doc = original_doc;
                }
            }
            Space::Group | Space::AttributeGroup => {
                let hidden = self.hidden_name(space, &name);
                let refs = match &mut schemas[index].items[item] {
                    TopLevel::Group(g) => {
                        let mut refs = Vec::new();
                        retarget_group_refs(&mut g.particle, &name, &hidden, &mut refs);
                        // src-redefine.6.1: one reference to itself, exactly once.
                        if let Some(p) = refs
                            .iter()
                            .find(|p| (p.1, p.2) != (1, MaxOccurs::Bounded(1)))
                        {
                            return Err(Error::Invalid {
                                span: p.0.clone(),
                                message: format!(
                                    "the reference of redefined group {name} to itself must \
                                     have minOccurs and maxOccurs 1"
                                ),
                            });
                        }
                        refs.len()
                    }
                    TopLevel::AttributeGroup(g) => {
                        retarget_attribute_group_refs(&mut g.attributes, &name, &hidden)
                    }
                    _ => 0,
                };
                if refs > 1 {
                    return Err(Error::Invalid {
                        span,
                        message: format!(
                            "redefined {} {name} refers to itself {refs} times (once at most)",
                            space.describe()
                        ),
                    });
                }
                if refs == 0 {
                    self.names.remove(&(space, hidden));
                    if space == Space::AttributeGroup {
                        self.check_attribute_restriction(schemas, (index, item), (s, i), &name)?;
                    }
                    self.removed.insert((s, i));
                } else {
                    rename(&mut schemas[s].items[i], hidden);
                }
            }
            Space::Element | Space::Attribute => {
                // Not allowed inside xs:redefine (the syntax stage refuses them).
                self.removed.insert((s, i));
            }
        }
        Ok(())
    }
}

fn item_kind(item: &TopLevel) -> &'static str {
    match item {
        TopLevel::Element(_) => "element",
        TopLevel::Attribute(_) => "attribute",
        TopLevel::SimpleType(_) => "simpleType",
        TopLevel::ComplexType(_) => "complexType",
        TopLevel::Group(_) => "group",
        TopLevel::AttributeGroup(_) => "attributeGroup",
    }
}
