//! Emits the SOAP clients of [`crate::client_plan`]: per binding a client struct with
//! one `async` method per operation, and the structs of the header blocks its
//! operations take and give. Each method is a few lines over `xsdgen_soap::Client::call`;
//! the code sits at the top of the generated file, beside the modules, so every path
//! is absolute or names a module.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::client_plan::{root_value, ClientPlan, HeaderField, RootRef};
use crate::emit::docs;
use crate::naming;
use crate::plan::{Plan, TypePath};

/// The formatted code of `clients`, `None` when there are none.
pub fn clients(plan: &Plan, clients: &[ClientPlan]) -> Option<String> {
    if clients.is_empty() {
        return None;
    }
    let set = SetDocument::of(plan);
    let items = clients.iter().map(|c| client(plan, &set, c));
    let tokens = quote!(#(#items)*);
    let file: syn::File = syn::parse2(tokens).expect("emitted tokens parse as a Rust file");
    Some(prettyplease::unparse(&file))
}

/// The enum every body and header block is read as: the schema set's `Document` when
/// more than one module has global elements, else that module's.
struct SetDocument {
    path: TokenStream,
    /// Whether it is the set's enum over the modules' (one more level to match).
    over_modules: bool,
}

impl SetDocument {
    fn of(plan: &Plan) -> Self {
        let with_roots: Vec<_> = plan
            .modules
            .iter()
            .filter(|m| !m.roots.is_empty())
            .collect();
        match with_roots[..] {
            [only] => {
                let (module, document) = (
                    format_ident!("{}", only.name),
                    format_ident!("{}", only.document),
                );
                SetDocument {
                    path: quote!(#module::#document),
                    over_modules: false,
                }
            }
            _ => SetDocument {
                path: quote!(Document),
                over_modules: true,
            },
        }
    }

    /// The value of `root`'s module `Document` holding `value` (which converts into
    /// the set's).
    fn module_value(&self, plan: &Plan, root: &RootRef, value: TokenStream) -> TokenStream {
        let m = &plan.modules[root.module];
        let (module, document) = (format_ident!("{}", m.name), format_ident!("{}", m.document));
        let variant = format_ident!("{}", m.roots[root.root].variant);
        quote!(#module::#document::#variant(#value))
    }

    /// A pattern matching the variant of `root` and binding its value to `value`.
    fn pattern(&self, plan: &Plan, root: &RootRef) -> TokenStream {
        let m = &plan.modules[root.module];
        let (module, document) = (format_ident!("{}", m.name), format_ident!("{}", m.document));
        let variant = format_ident!("{}", m.roots[root.root].variant);
        let inner = quote!(#module::#document::#variant(value));
        if self.over_modules {
            let set = &self.path;
            let module_variant = format_ident!("{}", naming::module_variant(&m.name));
            quote!(#set::#module_variant(#inner))
        } else {
            inner
        }
    }

    /// An expression making the set's enum of `value`, a value of `root`'s type.
    fn wrap(&self, plan: &Plan, root: &RootRef, value: TokenStream) -> TokenStream {
        let m = &plan.modules[root.module];
        let (module, document) = (format_ident!("{}", m.name), format_ident!("{}", m.document));
        let variant = format_ident!("{}", m.roots[root.root].variant);
        let set = &self.path;
        quote!(<#set as ::core::convert::From<#module::#document>>::from(#module::#document::#variant(#value)))
    }
}

/// The Rust type a global element's value has, from the top of the generated file.
fn root_type(plan: &Plan, root: &RootRef) -> TokenStream {
    let (ty, nil) = root_value(plan, root);
    let ty = match ty {
        TypePath::Builtin(b) => b.rust_type().parse().expect("built-in type paths parse"),
        TypePath::Item { module, item } => {
            let (module, name) = (
                format_ident!("{}", plan.modules[module].name),
                format_ident!("{}", plan.item(module, item).name),
            );
            quote!(#module::#name)
        }
    };
    if nil {
        quote!(::xsdgen_runtime::Nillable<#ty>)
    } else {
        ty
    }
}

/// `ExchangeServiceBinding` → `EXCHANGE_SERVICE_BINDING`.
fn heck_shout(name: &str) -> String {
    naming::field_name(name).to_uppercase()
}

/// `{namespace}local` of a global element, for documentation and messages.
fn element_name(plan: &Plan, root: &RootRef) -> String {
    let m = &plan.modules[root.module];
    let local = &m.roots[root.root].local;
    match &m.ns {
        Some(ns) => format!("{{{ns}}}{local}"),
        None => local.clone(),
    }
}

fn client(plan: &Plan, set: &SetDocument, c: &ClientPlan) -> TokenStream {
    let name = format_ident!("{}Client", c.name);
    let headers = format_ident!("{}Headers", c.name);
    let reply_headers = format_ident!("{}ReplyHeaders", c.name);
    let result = format_ident!("{}Result", c.name);
    let result_doc = docs(&format!(
        "What a method of `{}Client` returns: the reply's body and header blocks, or why \
         there is none.",
        c.name
    ));
    let set_path = &set.path;
    let version = if c.soap12 {
        quote!(::xsdgen_runtime::soap::SoapVersion::Soap12)
    } else {
        quote!(::xsdgen_runtime::soap::SoapVersion::Soap11)
    };
    let mut doc = format!(
        "A client of the SOAP {} binding `{}` (document/literal): one method per operation, \
         each sending its request with the header blocks it declares and reading its reply.",
        if c.soap12 { "1.2" } else { "1.1" },
        c.binding
    );
    if let Some(service) = &c.doc {
        doc.push_str("\n\n");
        doc.push_str(service);
    }
    for address in &c.addresses {
        doc.push_str(&format!("\n\nAddress in the WSDL: <{address}>."));
    }
    let doc = docs(&doc);
    let field = |f: &HeaderField| {
        let ident = format_ident!("{}", f.ident);
        let ty = root_type(plan, &f.element);
        let doc = docs(&format!("`{}`.", element_name(plan, &f.element)));
        quote!(#doc pub #ident: ::core::option::Option<#ty>,)
    };
    let input_fields = c.input_headers.iter().map(field);
    let output_fields = c.output_headers.iter().map(field);
    let send = c.input_headers.iter().enumerate().map(|(i, f)| {
        let i = Literal::usize_unsuffixed(i);
        let ident = format_ident!("{}", f.ident);
        // `to_owned`, not `clone`: clippy's `clone_on_copy` would flag a `Copy` block.
        let value = set.wrap(
            plan,
            &f.element,
            quote!(::std::borrow::ToOwned::to_owned(value)),
        );
        quote!(#i => self.#ident.as_ref().map(|value| #value),)
    });
    let take = c.output_headers.iter().enumerate().map(|(i, f)| {
        let i = Literal::usize_unsuffixed(i);
        let ident = format_ident!("{}", f.ident);
        let pattern = set.pattern(plan, &f.element);
        quote! {
            ::xsdgen_runtime::soap::HeaderBlock::Typed { value: #pattern, .. }
                if blocks.contains(&#i) => self.#ident = ::core::option::Option::Some(value),
        }
    });
    let envelope_fn = if c.input_headers.is_empty() {
        quote! {
            /// An envelope of `body` (the operations take no header blocks).
            fn envelope(&self, _blocks: &[usize], body: #set_path) -> ::xsdgen_runtime::soap::Envelope<#set_path> {
                let mut envelope = ::xsdgen_runtime::soap::Envelope::new(body);
                envelope.version = #version;
                envelope
            }
        }
    } else {
        quote! {
            /// An envelope of `body` with the blocks of `blocks` (indices of fields) that are set.
            fn envelope(&self, blocks: &[usize], body: #set_path) -> ::xsdgen_runtime::soap::Envelope<#set_path> {
                let mut envelope = ::xsdgen_runtime::soap::Envelope::new(body);
                envelope.version = #version;
                for &block in blocks {
                    let value: ::core::option::Option<#set_path> = match block {
                        #(#send)*
                        _ => ::core::option::Option::None,
                    };
                    if let ::core::option::Option::Some(value) = value {
                        envelope = envelope.with_header(value);
                    }
                }
                envelope
            }
        }
    };
    let take_fn = if c.output_headers.is_empty() {
        quote! {
            fn take(&mut self, block: ::xsdgen_runtime::soap::HeaderBlock<#set_path>, _blocks: &[usize]) {
                self.other.push(block);
            }
        }
    } else {
        quote! {
            fn take(&mut self, block: ::xsdgen_runtime::soap::HeaderBlock<#set_path>, blocks: &[usize]) {
                match block {
                    #(#take)*
                    other => self.other.push(other),
                }
            }
        }
    };
    let methods = c.operations.iter().enumerate().map(|(row, op)| {
        let method = format_ident!("{}", op.method);
        let op_name = &op.name;
        let input_ty = root_type(plan, &op.input);
        let output_ty = root_type(plan, &op.output);
        let mut body = set.module_value(plan, &op.input, quote!(request));
        if set.over_modules {
            body = quote!(#body.into());
        }
        let reply = set.pattern(plan, &op.output);
        let row = Literal::usize_unsuffixed(row);
        let mut text = op.doc.clone().unwrap_or_else(|| format!("The `{op_name}` operation."));
        text.push_str(&format!(
            "\n\nSends `{}`, answered by `{}`.",
            element_name(plan, &op.input),
            element_name(plan, &op.output)
        ));
        let doc = docs(&text);
        // A binding whose operations take no header blocks has methods without them.
        let (param, headers_arg) = if c.input_headers.is_empty() {
            (quote!(), quote!(&#headers {}))
        } else {
            (quote!(headers: &#headers,), quote!(headers))
        };
        quote! {
            #doc
            pub async fn #method(&self, request: #input_ty, #param) -> #result<#output_ty> {
                let reply = self.call(#row, #headers_arg, #body).await?;
                match reply.body {
                    #reply => ::core::result::Result::Ok(::xsdgen_soap::Response { body: value, headers: reply.headers }),
                    #[allow(unreachable_patterns)]
                    other => ::core::result::Result::Err(Self::unexpected(#row, &other)),
                }
            }
        }
    });
    let rows = c.operations.iter().map(|op| {
        let op_name = &op.name;
        let action = op.soap_action.as_deref().unwrap_or("");
        let expected = &plan.modules[op.output.module].roots[op.output.root].local;
        let ins = op
            .input_headers
            .iter()
            .map(|&i| Literal::usize_unsuffixed(i));
        let outs = op
            .output_headers
            .iter()
            .map(|&i| Literal::usize_unsuffixed(i));
        quote!((#op_name, #action, #expected, &[#(#ins),*], &[#(#outs),*]),)
    });
    let operations = format_ident!("{}_OPERATIONS", heck_shout(&c.name));
    let operations_doc = docs(&format!(
        "The operations of `{}`: name, SOAP action, response element, and the indices of \
         the header fields each sends and takes.",
        c.name
    ));
    let headers_doc = docs(&format!(
        "The header blocks `{}`'s operations take: each method sends those that are set and \
         that its operation declares.",
        c.name
    ));
    let reply_doc = docs(&format!(
        "The header blocks of a reply to `{}`: those its operation declares, typed; the rest \
         in `other`, as read.",
        c.name
    ));
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name<T> {
            /// The endpoint, transport and authentication.
            pub client: ::xsdgen_soap::Client<T>,
        }
        #headers_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #headers {
            #(#input_fields)*
        }
        #reply_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #reply_headers {
            #(#output_fields)*
            /// Blocks the operation does not declare.
            pub other: ::std::vec::Vec<::xsdgen_runtime::soap::HeaderBlock<#set_path>>,
        }
        impl #headers {
            #envelope_fn
        }
        impl #reply_headers {
            #take_fn
        }
        #operations_doc
        #[allow(clippy::type_complexity)]
        pub static #operations: &[(&str, &str, &str, &[usize], &[usize])] = &[#(#rows)*];
        #result_doc
        pub type #result<B> = ::core::result::Result<::xsdgen_soap::Response<B, #reply_headers>, ::xsdgen_soap::Error>;
        // A reply's body the operation does not expect is handed back whole (to name it
        // in the error): the set's `Document`, as large as its largest element.
        #[allow(clippy::result_large_err)]
        impl<T: ::xsdgen_soap::Transport> #name<T> {
            /// A client calling through `client` (its endpoint, transport, authentication).
            pub fn new(client: ::xsdgen_soap::Client<T>) -> Self {
                Self { client }
            }

            /// Calls operation `row` of the operations table with `body` and the blocks of
            /// `headers` it declares: the reply's body, whatever element it holds, and the
            /// header blocks it declares. One function for every operation: the methods
            /// only pick their response element out of the body.
            async fn call(&self, row: usize, headers: &#headers, body: #set_path) -> #result<#set_path> {
                let (name, action, _, ins, outs) = #operations[row];
                let operation = ::xsdgen_soap::Operation {
                    name,
                    soap_action: (!action.is_empty()).then_some(action),
                    version: #version,
                };
                let request = headers.envelope(ins, body);
                let reply: ::xsdgen_runtime::soap::Envelope<#set_path> = self.client.call(&operation, request).await?;
                let mut headers = #reply_headers::default();
                for block in reply.header.into_iter().flat_map(|h| h.blocks) {
                    headers.take(block, outs);
                }
                ::core::result::Result::Ok(::xsdgen_soap::Response { body: reply.body, headers })
            }
            /// The error of a reply to operation `row` whose body holds `found`, not the
            /// operation's response element.
            fn unexpected(row: usize, found: &#set_path) -> ::xsdgen_soap::Error {
                let (name, _, expected, ..) = #operations[row];
                ::xsdgen_soap::Error::unexpected_body(name, expected, found)
            }
            /// Calls the operation named `operation` with `body` (its request element) and
            /// the header blocks it declares: for tools that pick the operation at run time
            /// (the typed methods are the same calls). An unknown name is
            /// [`xsdgen_soap::Error::UnknownOperation`].
            pub async fn call_named(&self, operation: &str, body: #set_path, headers: &#headers) -> #result<#set_path> {
                let ::core::option::Option::Some(row) = #operations.iter().position(|row| row.0 == operation) else {
                    return ::core::result::Result::Err(::xsdgen_soap::Error::UnknownOperation {
                        operation: ::std::string::String::from(operation),
                    });
                };
                self.call(row, headers, body).await
            }
            #(#methods)*
        }
    }
}
