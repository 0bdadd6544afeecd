//! The schema location hints of an element (`xsi:schemaLocation`,
//! `xsi:noNamespaceSchemaLocation`), kept so that a rewritten document keeps them.

/// The `xsi:` location hints an element carries: where its schemas may be found.
/// Documents carry them on their root element (a GPX track, a Maven POM); reading and
/// writing keeps them as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SchemaLocation {
    /// `xsi:schemaLocation`: pairs of namespace URI and schema location, as written.
    pub schema_location: Option<String>,
    /// `xsi:noNamespaceSchemaLocation`: the schema of names in no namespace.
    pub no_namespace_schema_location: Option<String>,
}

impl SchemaLocation {
    /// Whether the element carries neither hint.
    pub fn is_empty(&self) -> bool {
        self.schema_location.is_none() && self.no_namespace_schema_location.is_none()
    }
}
