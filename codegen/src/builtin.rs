//! The built-in datatypes of XSD 1.0 and how each is held in Rust.

/// An XSD built-in type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    AnyType,
    AnySimpleType,
    String,
    NormalizedString,
    /// `token` and its derivations (language, Name, NCName, ID, IDREF, ENTITY, NMTOKEN),
    /// plus anyURI, QName and NOTATION: kept as written.
    Token(&'static str),
    /// The list built-ins: IDREFS, ENTITIES, NMTOKENS.
    TokenList(&'static str),
    Boolean,
    Float,
    Double,
    Decimal,
    /// integer and its unbounded derivations.
    Integer(&'static str),
    Long,
    Int,
    Short,
    Byte,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    Base64Binary,
    HexBinary,
    DateTime,
    Date,
    Time,
    Duration,
    GYear,
    GYearMonth,
    GMonth,
    GMonthDay,
    GDay,
}

impl Builtin {
    /// The built-in type named `local` in the XSD namespace.
    pub fn from_name(local: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match local {
            "anyType" => AnyType,
            "anySimpleType" => AnySimpleType,
            "string" => String,
            "normalizedString" => NormalizedString,
            "token" => Token("xs:token"),
            "language" => Token("xs:language"),
            "Name" => Token("xs:Name"),
            "NCName" => Token("xs:NCName"),
            "ID" => Token("xs:ID"),
            "IDREF" => Token("xs:IDREF"),
            "ENTITY" => Token("xs:ENTITY"),
            "NMTOKEN" => Token("xs:NMTOKEN"),
            "anyURI" => Token("xs:anyURI"),
            "QName" => Token("xs:QName"),
            "NOTATION" => Token("xs:NOTATION"),
            "base64Binary" => Base64Binary,
            "hexBinary" => HexBinary,
            "IDREFS" => TokenList("xs:IDREFS"),
            "ENTITIES" => TokenList("xs:ENTITIES"),
            "NMTOKENS" => TokenList("xs:NMTOKENS"),
            "boolean" => Boolean,
            "float" => Float,
            "double" => Double,
            "decimal" => Decimal,
            "integer" => Integer("xs:integer"),
            "nonPositiveInteger" => Integer("xs:nonPositiveInteger"),
            "negativeInteger" => Integer("xs:negativeInteger"),
            "nonNegativeInteger" => Integer("xs:nonNegativeInteger"),
            "positiveInteger" => Integer("xs:positiveInteger"),
            "long" => Long,
            "int" => Int,
            "short" => Short,
            "byte" => Byte,
            "unsignedLong" => UnsignedLong,
            "unsignedInt" => UnsignedInt,
            "unsignedShort" => UnsignedShort,
            "unsignedByte" => UnsignedByte,
            "dateTime" => DateTime,
            "date" => Date,
            "time" => Time,
            "duration" => Duration,
            "gYear" => GYear,
            "gYearMonth" => GYearMonth,
            "gMonth" => GMonth,
            "gMonthDay" => GMonthDay,
            "gDay" => GDay,
            _ => return None,
        })
    }

    /// The Rust type holding a value, as a path.
    pub fn rust_type(self) -> &'static str {
        use Builtin::*;
        match self {
            AnyType => "::xsdgen_runtime::AnyElement",
            AnySimpleType | String | NormalizedString | Token(_) | TokenList(_) => "String",
            Boolean => "bool",
            Float => "::xsdgen_runtime::types::Float",
            Double => "::xsdgen_runtime::types::Double",
            Decimal => "::xsdgen_runtime::types::Decimal",
            Integer(_) => "::xsdgen_runtime::types::Integer",
            Long => "i64",
            Int => "i32",
            Short => "i16",
            Byte => "i8",
            UnsignedLong => "u64",
            UnsignedInt => "u32",
            UnsignedShort => "u16",
            UnsignedByte => "u8",
            Base64Binary => "::xsdgen_runtime::types::Base64Binary",
            HexBinary => "::xsdgen_runtime::types::HexBinary",
            DateTime => "::xsdgen_runtime::types::DateTime",
            Date => "::xsdgen_runtime::types::Date",
            Time => "::xsdgen_runtime::types::Time",
            Duration => "::xsdgen_runtime::types::Duration",
            GYear => "::xsdgen_runtime::types::GYear",
            GYearMonth => "::xsdgen_runtime::types::GYearMonth",
            GMonth => "::xsdgen_runtime::types::GMonth",
            GMonthDay => "::xsdgen_runtime::types::GMonthDay",
            GDay => "::xsdgen_runtime::types::GDay",
        }
    }

    /// Whether `Eq`, `Hash` and `Ord` hold for the Rust type (floats do not).
    pub fn is_float(self) -> bool {
        matches!(self, Builtin::Float | Builtin::Double)
    }

    /// Whether the range facets compare values as Rust numbers.
    pub fn is_native_number(self) -> bool {
        use Builtin::*;
        matches!(
            self,
            Float
                | Double
                | Long
                | Int
                | Short
                | Byte
                | UnsignedLong
                | UnsignedInt
                | UnsignedShort
                | UnsignedByte
        )
    }

    /// Whether values are strings whose length facets count characters.
    pub fn is_string(self) -> bool {
        matches!(
            self,
            Builtin::AnySimpleType
                | Builtin::String
                | Builtin::NormalizedString
                | Builtin::Token(_)
        )
    }

    /// The whitespace rule the type applies before its own parsing.
    pub fn white_space(self) -> &'static str {
        match self {
            Builtin::String | Builtin::AnySimpleType => "Preserve",
            Builtin::NormalizedString => "Replace",
            _ => "Collapse",
        }
    }
}
