//! The EWS code the examples share (and that `tests/tests/ews_examples.rs` runs against
//! a loopback server): it names the bindings through `super::ews`, the `ews` module of
//! `ews-bindings`, or the same bindings generated for the tests.

#![allow(dead_code)] // Each example uses part of it.

use super::ews::messages::{
    ArrayOfResponseMessagesTypeResponse as Response, CreateItemType, FindItemType,
};
use super::ews::types::{
    self, ArrayOfRecipientsType, ArrayOfRecipientsTypeMailbox as Mailbox, BasePagingType, BodyType,
    BodyTypeType, DefaultShapeNamesType, DistinguishedFolderIdNameType, DistinguishedFolderIdType,
    EmailAddressType, ExchangeVersionType, FindItemParentTypeItemsOrGroups as Found,
    IndexBasePointType, IndexedPageViewType, ItemQueryTraversalType, ItemResponseShapeType,
    ItemType, MessageDispositionType, MessageType, NonEmptyArrayOfAllItemsType,
    NonEmptyArrayOfAllItemsTypeItem as AnyItem, NonEmptyArrayOfBaseFolderIdsType,
    NonEmptyArrayOfPathsToElementType, PathToUnindexedFieldType, RequestServerVersion,
    UnindexedFieldUriType,
};
use super::ews::{ExchangeServiceBindingClient, ExchangeServiceBindingHeaders};

/// FindItem: the first 50 items of `folder` (a distinguished folder: `inbox`,
/// `sentitems`, …), ids and subjects.
pub fn find_item(folder: DistinguishedFolderIdNameType) -> FindItemType {
    let shape = ItemResponseShapeType {
        additional_properties: Some(Box::new(NonEmptyArrayOfPathsToElementType::new(vec![
            PathToUnindexedFieldType::new(UnindexedFieldUriType::ItemSubject).into(),
        ]))),
        ..ItemResponseShapeType::new(DefaultShapeNamesType::IdOnly)
    };
    let page = IndexedPageViewType {
        base: BasePagingType {
            max_entries_returned: Some(50),
        },
        ..IndexedPageViewType::new(0, IndexBasePointType::Beginning)
    };
    let folders = vec![DistinguishedFolderIdType::new(folder).into()];
    FindItemType {
        view: Some(page.into()),
        ..FindItemType::new(
            ItemQueryTraversalType::Shallow,
            shape,
            NonEmptyArrayOfBaseFolderIdsType::new(folders),
        )
    }
}

/// The header blocks every request of the examples carries: the server version asked for.
pub fn headers() -> ExchangeServiceBindingHeaders {
    ExchangeServiceBindingHeaders {
        request_server_version: Some(RequestServerVersion::new(ExchangeVersionType::Exchange2016)),
        ..Default::default()
    }
}

/// Calls FindItem on `folder` and gives the subjects of the items found (an item without
/// a subject as `(no subject)`), or the error of a response message that failed.
pub async fn subjects<T: xsdgen_soap::Transport>(
    client: &ExchangeServiceBindingClient<T>,
    folder: DistinguishedFolderIdNameType,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let reply = client.find_item(find_item(folder), &headers()).await?;
    let mut subjects = Vec::new();
    for message in &reply.body.base.response_messages.response {
        let Response::FindItemResponseMessage(m) = message else {
            return Err(format!("unexpected response message {message:?}").into());
        };
        if let Some(code) = &m.base.response_code {
            if m.base.response_class != types::ResponseClassType::Success {
                return Err(format!("FindItem failed: {code} {:?}", m.base.message_text).into());
            }
        }
        // Every kind of item (message, meeting request, task, …) has an `ItemType` part.
        if let Some(Found::Items(items)) = m.root_folder.as_deref().map(|f| &f.items_or_groups) {
            for item in &items.item {
                let subject = item.as_item().and_then(|i| i.subject.as_deref());
                subjects.push(subject.unwrap_or("(no subject)").to_string());
            }
        }
    }
    Ok(subjects)
}

/// CreateItem: a plain-text message to `to`, sent and saved in Sent Items.
pub fn create_item(
    to: &str,
    subject: &str,
    text: &str,
) -> Result<CreateItemType, xsdgen_runtime::ValueError> {
    let recipient = EmailAddressType {
        email_address: Some(to.parse()?),
        ..Default::default()
    };
    let message = MessageType {
        base: ItemType {
            subject: Some(subject.into()),
            body: Some(Box::new(BodyType::new(BodyTypeType::Text, text.into()))),
            ..Default::default()
        },
        to_recipients: Some(Box::new(ArrayOfRecipientsType {
            mailbox: vec![Mailbox::Mailbox(recipient.into())],
        })),
        ..Default::default()
    };
    Ok(CreateItemType {
        message_disposition: Some(MessageDispositionType::SendAndSaveCopy),
        ..CreateItemType::new(NonEmptyArrayOfAllItemsType::new(vec![AnyItem::Message(
            message.into(),
        )]))
    })
}

/// Calls CreateItem with [`create_item`]'s message: the response classes of its
/// response messages (`Success` when it was sent).
pub async fn send_message<T: xsdgen_soap::Transport>(
    client: &ExchangeServiceBindingClient<T>,
    to: &str,
    subject: &str,
    text: &str,
) -> Result<Vec<types::ResponseClassType>, Box<dyn std::error::Error>> {
    let reply = client
        .create_item(create_item(to, subject, text)?, &headers())
        .await?;
    let messages = &reply.body.base.response_messages.response;
    Ok(messages
        .iter()
        .filter_map(|m| match m {
            Response::CreateItemResponseMessage(m) => Some(m.as_item_info_response_message()),
            _ => None,
        })
        .map(|m| m.base.response_class)
        .collect())
}
