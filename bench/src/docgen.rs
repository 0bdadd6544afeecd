//! Seeded generators of large, realistic EWS responses.
//!
//! The shapes follow the documented samples (`finditem-operation-2`,
//! `getitem-operation-email-message-*`, `syncfolderitems-operation-2`) with the
//! properties a real server returns for the default shape of a message: ids,
//! dates, sizes, flags, recipients. The same seed gives the same bytes on every
//! machine (a hand-written SplitMix64, so no crate version can change the output).

use std::fmt::Write;

const ENVELOPE_OPEN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Header>
    <t:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" />
  </soap:Header>
  <soap:Body>
"#;
const ENVELOPE_CLOSE: &str = "  </soap:Body>\n</soap:Envelope>\n";
const RESPONSE_NS: &str = r#"xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages""#;

/// SplitMix64: tiny, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Dan", "Sadie", "Ken", "Aiko", "Jordan", "Priya", "Lars", "Mei", "Olu", "Rosa", "Tomás", "Zoë",
    "Ingrid", "Kwame", "Nadia", "Yusuf",
];
const LAST: &[&str] = &[
    "Park", "Daniels", "Myer", "Tanaka", "Smith", "Raman", "Berg", "Chen", "Adeyemi", "García",
    "Øster", "Müller", "Mensah", "Haddad", "Kowalski",
];
const WORDS: &[&str] = &[
    "budget",
    "Q3",
    "review",
    "meeting",
    "notes",
    "draft",
    "plan",
    "launch",
    "offsite",
    "hiring",
    "update",
    "status",
    "design",
    "R&D",
    "<urgent>",
    "follow-up",
    "contract",
    "invoice",
    "travel",
    "agenda",
    "customer",
    "feedback",
    "roadmap",
    "\"final\"",
];

/// Appends `s` as XML text (element content or an attribute value in double quotes).
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Valid base64 text (as EWS ids are) with `len` characters before any padding.
fn id(rng: &mut Rng, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Before one `=`, the last character may only carry 4 bits; before `==`, 2 bits.
    const BEFORE_ONE_PAD: &[u8] = b"AEIMQUYcgkosw048";
    const BEFORE_TWO_PADS: &[u8] = b"AQgw";
    let mut s: String = (0..len)
        .map(|_| ALPHABET[rng.below(64) as usize] as char)
        .collect();
    let padding = match len % 4 {
        3 => Some((BEFORE_ONE_PAD, "=")),
        2 => Some((BEFORE_TWO_PADS, "==")),
        _ => None,
    };
    if let Some((last, pad)) = padding {
        s.pop();
        s.push(last[rng.below(last.len() as u64) as usize] as char);
        s.push_str(pad);
    }
    s
}

fn sentence(rng: &mut Rng, words: u64) -> String {
    let n = 2 + rng.below(words);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s
}

fn date_time(rng: &mut Rng) -> String {
    format!(
        "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        15 + rng.below(10),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}

struct Person {
    name: String,
    email: String,
}

fn person(rng: &mut Rng) -> Person {
    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
    let email = format!(
        "{}.{}{}@contoso.example.com",
        first.to_lowercase(),
        last.to_lowercase(),
        rng.below(100)
    );
    Person {
        name: format!("{first} {last}"),
        email,
    }
}

fn mailbox(out: &mut String, p: &Person) {
    let _ = write!(out, "<t:Mailbox><t:Name>");
    escape_into(out, &p.name);
    let _ = write!(
        out,
        "</t:Name><t:EmailAddress>{}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>",
        p.email
    );
}

fn simple(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "<t:{name}>");
    escape_into(out, value);
    let _ = write!(out, "</t:{name}>");
}

/// What a message carries beyond the default FindItem shape.
struct MessageExtras {
    /// All properties (GetItem, SyncFolderItems), or the summary a FindItem lists.
    full: bool,
    body: Option<String>,
    to: Vec<Person>,
    cc: Vec<Person>,
}

/// A `t:Message` with the properties of the default item shape (or, unless `full`,
/// the summary a FindItem view lists), in schema order.
fn message(out: &mut String, rng: &mut Rng, extras: &MessageExtras) {
    let from = person(rng);
    let to = person(rng);
    let subject = sentence(rng, 6);
    let _ = write!(out, "<t:Message>");
    let _ = write!(
        out,
        "<t:ItemId Id=\"{}\" ChangeKey=\"{}\" />",
        id(rng, 151),
        id(rng, 39)
    );
    if extras.full {
        let _ = write!(
            out,
            "<t:ParentFolderId Id=\"{}\" ChangeKey=\"AQAAAA==\" />",
            id(rng, 63)
        );
    }
    simple(out, "ItemClass", "IPM.Note");
    simple(out, "Subject", &subject);
    simple(out, "Sensitivity", "Normal");
    if let Some(body) = &extras.body {
        let _ = write!(out, "<t:Body BodyType=\"HTML\">");
        escape_into(out, body);
        out.push_str("</t:Body>");
    }
    simple(out, "DateTimeReceived", &date_time(rng));
    simple(out, "Size", &(2_000 + rng.below(200_000)).to_string());
    simple(
        out,
        "Importance",
        rng.pick(&["Normal", "Normal", "High", "Low"]),
    );
    simple(out, "IsSubmitted", "false");
    simple(out, "IsDraft", "false");
    simple(out, "IsFromMe", rng.pick(&["false", "true"]));
    if extras.full {
        simple(out, "IsResend", "false");
        simple(out, "IsUnmodified", "true");
    }
    simple(out, "DateTimeSent", &date_time(rng));
    simple(out, "DateTimeCreated", &date_time(rng));
    simple(out, "DisplayCc", "");
    simple(out, "DisplayTo", &to.name);
    simple(out, "HasAttachments", rng.pick(&["false", "true"]));
    if extras.full {
        full_item_properties(out, rng, &from);
    }
    let _ = write!(out, "<t:ConversationId Id=\"{}\" />", id(rng, 63));
    if extras.full {
        let _ = write!(out, "<t:Sender>");
        mailbox(out, &from);
        let _ = write!(out, "</t:Sender>");
    }
    for (name, people) in [("ToRecipients", &extras.to), ("CcRecipients", &extras.cc)] {
        if !people.is_empty() {
            let _ = write!(out, "<t:{name}>");
            for p in people {
                mailbox(out, p);
            }
            let _ = write!(out, "</t:{name}>");
        }
    }
    if extras.full {
        simple(out, "IsReadReceiptRequested", "false");
        simple(out, "ConversationIndex", &id(rng, 27));
        simple(out, "ConversationTopic", &subject);
    }
    let _ = write!(out, "<t:From>");
    mailbox(out, &from);
    let _ = write!(out, "</t:From>");
    let _ = write!(
        out,
        "<t:InternetMessageId>&lt;{}@contoso.example.com&gt;</t:InternetMessageId>",
        rng.next_u64()
    );
    simple(out, "IsRead", rng.pick(&["false", "true"]));
    let _ = write!(out, "</t:Message>");
}

/// Item properties between `HasAttachments` and `ConversationId` that only a full shape has.
fn full_item_properties(out: &mut String, rng: &mut Rng, from: &Person) {
    simple(out, "Culture", "en-US");
    let _ = write!(out, "<t:EffectiveRights>");
    for right in [
        "CreateAssociated",
        "CreateContents",
        "CreateHierarchy",
        "Delete",
        "Modify",
        "Read",
        "ViewPrivateItems",
    ] {
        let value = if right.starts_with("Create") {
            "false"
        } else {
            "true"
        };
        simple(out, right, value);
    }
    let _ = write!(out, "</t:EffectiveRights>");
    simple(out, "LastModifiedName", &from.name);
    simple(out, "LastModifiedTime", &date_time(rng));
}

/// A FindItem response listing `items` messages in one folder (the issue's 50 MB
/// document is `find_item_response(45_366, 1)`).
pub fn find_item_response(items: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(items * 1_200 + 2_000);
    out.push_str(ENVELOPE_OPEN);
    let _ = write!(
        out,
        "<m:FindItemResponse {RESPONSE_NS}><m:ResponseMessages><m:FindItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder IndexedPagingOffset=\"{items}\" TotalItemsInView=\"{items}\" IncludesLastItemInRange=\"true\"><t:Items>"
    );
    let plain = MessageExtras {
        full: false,
        body: None,
        to: Vec::new(),
        cc: Vec::new(),
    };
    for _ in 0..items {
        message(&mut out, &mut rng, &plain);
    }
    out.push_str("</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>");
    out.push_str(ENVELOPE_CLOSE);
    out
}

/// An HTML body of about `len` bytes of text, with markup that must be escaped.
fn html_body(rng: &mut Rng, len: usize) -> String {
    let mut body = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    while body.len() < len {
        body.push_str("<p>");
        body.push_str(&sentence(rng, 40));
        body.push_str("</p>\r\n");
    }
    body.push_str("</body></html>");
    body
}

/// A GetItem response with `messages` full messages: HTML bodies of about
/// `body_len` bytes, and up to `recipients` To and Cc recipients each.
pub fn get_item_response(messages: usize, body_len: usize, recipients: u64, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    out.push_str(ENVELOPE_OPEN);
    let _ = write!(out, "<m:GetItemResponse {RESPONSE_NS}><m:ResponseMessages>");
    for _ in 0..messages {
        let extras = MessageExtras {
            full: true,
            body: Some(html_body(&mut rng, body_len)),
            to: (0..1 + rng.below(recipients))
                .map(|_| person(&mut rng))
                .collect(),
            cc: (0..rng.below(recipients))
                .map(|_| person(&mut rng))
                .collect(),
        };
        out.push_str("<m:GetItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:Items>");
        message(&mut out, &mut rng, &extras);
        out.push_str("</m:Items></m:GetItemResponseMessage>");
    }
    out.push_str("</m:ResponseMessages></m:GetItemResponse>");
    out.push_str(ENVELOPE_CLOSE);
    out
}

/// A SyncFolderItems response with `changes` changes: creations and updates of
/// messages, deletions and read-flag changes.
pub fn sync_folder_items_response(changes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    out.push_str(ENVELOPE_OPEN);
    let _ = write!(
        out,
        "<m:SyncFolderItemsResponse {RESPONSE_NS}><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:SyncState>{}</m:SyncState><m:IncludesLastItemInRange>false</m:IncludesLastItemInRange><m:Changes>",
        id(&mut rng, 400)
    );
    let plain = MessageExtras {
        full: true,
        body: None,
        to: Vec::new(),
        cc: Vec::new(),
    };
    for _ in 0..changes {
        match rng.below(10) {
            0..=5 => {
                out.push_str("<t:Create>");
                message(&mut out, &mut rng, &plain);
                out.push_str("</t:Create>");
            }
            6 | 7 => {
                out.push_str("<t:Update>");
                message(&mut out, &mut rng, &plain);
                out.push_str("</t:Update>");
            }
            8 => {
                let _ = write!(
                    out,
                    "<t:Delete><t:ItemId Id=\"{}\" ChangeKey=\"{}\" /></t:Delete>",
                    id(&mut rng, 151),
                    id(&mut rng, 39)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<t:ReadFlagChange><t:ItemId Id=\"{}\" ChangeKey=\"{}\" /><t:IsRead>{}</t:IsRead></t:ReadFlagChange>",
                    id(&mut rng, 151),
                    id(&mut rng, 39),
                    rng.chance(50)
                );
            }
        }
    }
    out.push_str("</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>");
    out.push_str(ENVELOPE_CLOSE);
    out
}
