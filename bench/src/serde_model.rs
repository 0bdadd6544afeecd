//! Hand-written serde structs for the benchmarked subset of a FindItem response: the
//! baseline that quick-xml's serde support reaches. Like every quick-xml serde model
//! they match local names only (prefixes and namespaces are ignored) and skip
//! elements they do not name, so they check far less than the generated reader.

use serde::Deserialize;

/// `soap:Envelope`.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    #[serde(rename = "Body")]
    pub body: Body,
}

/// `soap:Body`.
#[derive(Debug, Deserialize)]
pub struct Body {
    #[serde(rename = "FindItemResponse")]
    pub response: FindItemResponse,
}

/// `m:FindItemResponse`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FindItemResponse {
    pub response_messages: ResponseMessages,
}

/// `m:ResponseMessages`.
#[derive(Debug, Deserialize)]
pub struct ResponseMessages {
    #[serde(rename = "FindItemResponseMessage")]
    pub messages: Vec<FindItemResponseMessage>,
}

/// `m:FindItemResponseMessage`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FindItemResponseMessage {
    #[serde(rename = "@ResponseClass")]
    pub response_class: String,
    pub response_code: String,
    pub root_folder: RootFolder,
}

/// `m:RootFolder`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RootFolder {
    #[serde(rename = "@IndexedPagingOffset")]
    pub indexed_paging_offset: Option<i32>,
    #[serde(rename = "@TotalItemsInView")]
    pub total_items_in_view: Option<i32>,
    #[serde(rename = "@IncludesLastItemInRange")]
    pub includes_last_item_in_range: Option<bool>,
    pub items: Items,
}

/// `t:Items`.
#[derive(Debug, Deserialize)]
pub struct Items {
    #[serde(rename = "Message", default)]
    pub messages: Vec<Message>,
}

/// `t:ItemId`, `t:ParentFolderId`, `t:ConversationId`.
#[derive(Debug, Deserialize)]
pub struct ItemId {
    #[serde(rename = "@Id")]
    pub id: String,
    #[serde(rename = "@ChangeKey")]
    pub change_key: Option<String>,
}

/// `t:Mailbox`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Mailbox {
    pub name: Option<String>,
    pub email_address: Option<String>,
    pub routing_type: Option<String>,
    pub mailbox_type: Option<String>,
}

/// `t:Sender`, `t:From`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SingleRecipient {
    pub mailbox: Mailbox,
}

/// `t:Message` with the properties a FindItem view lists.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Message {
    pub item_id: ItemId,
    pub item_class: String,
    pub subject: String,
    pub sensitivity: String,
    pub date_time_received: String,
    pub size: i32,
    pub importance: String,
    pub is_submitted: bool,
    pub is_draft: bool,
    pub is_from_me: bool,
    pub date_time_sent: String,
    pub date_time_created: String,
    #[serde(default)]
    pub display_cc: String,
    pub display_to: String,
    pub has_attachments: bool,
    pub conversation_id: ItemId,
    pub from: SingleRecipient,
    pub internet_message_id: String,
    pub is_read: bool,
}

impl Envelope {
    /// Messages read, over every response message.
    pub fn item_count(&self) -> usize {
        self.body
            .response
            .response_messages
            .messages
            .iter()
            .map(|m| m.root_folder.items.messages.len())
            .sum()
    }
}
