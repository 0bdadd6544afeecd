//! The schema location hints of an element (`xsi:schemaLocation`,
//! `xsi:noNamespaceSchemaLocation`), kept so that a rewritten document keeps them.

/// The `xsi:` location hints an element carries: where its schemas may be found.
/// Documents carry them on their root element (a GPX track, a Maven POM); reading and
/// writing keeps them as written. Most elements have none: then the value is one
/// pointer wide and holds nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SchemaLocation(Option<Box<Hints>>);

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Hints {
    schema_location: Option<String>,
    no_namespace_schema_location: Option<String>,
}

impl SchemaLocation {
    /// Hints with these values (`None`: the attribute is absent).
    pub fn new(
        schema_location: Option<String>,
        no_namespace_schema_location: Option<String>,
    ) -> Self {
        if schema_location.is_none() && no_namespace_schema_location.is_none() {
            return Self(None);
        }
        Self(Some(Box::new(Hints {
            schema_location,
            no_namespace_schema_location,
        })))
    }

    /// `xsi:schemaLocation`: pairs of namespace URI and schema location, as written.
    pub fn schema_location(&self) -> Option<&str> {
        self.0.as_ref()?.schema_location.as_deref()
    }

    /// `xsi:noNamespaceSchemaLocation`: the schema of names in no namespace.
    pub fn no_namespace_schema_location(&self) -> Option<&str> {
        self.0.as_ref()?.no_namespace_schema_location.as_deref()
    }

    /// Whether the element carries neither hint.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_kept_and_no_hints_hold_nothing() {
        let both = SchemaLocation::new(Some("urn:a a.xsd".into()), Some("b.xsd".into()));
        assert_eq!(both.schema_location(), Some("urn:a a.xsd"));
        assert_eq!(both.no_namespace_schema_location(), Some("b.xsd"));
        assert!(SchemaLocation::new(None, None).is_empty());
        assert_eq!(SchemaLocation::new(None, None), SchemaLocation::default());
        assert_eq!(
            std::mem::size_of::<SchemaLocation>(),
            std::mem::size_of::<usize>()
        );
    }
}
