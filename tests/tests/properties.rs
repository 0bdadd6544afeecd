//! Property tests: random values of the UM types and of a subset of the EWS types are
//! written and read back equal; text XML 1.0 cannot carry is refused when written.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::*;
use proptest::prelude::*;

/// The XML 1.0 `Char` production: the spec's ranges, written out here.
const XML_CHARS: [RangeInclusive<char>; 5] = [
    '\t'..='\n',
    '\r'..='\r',
    ' '..='\u{D7FF}',
    '\u{E000}'..='\u{FFFD}',
    '\u{10000}'..='\u{10FFFF}',
];

fn xml_char() -> impl Strategy<Value = char> {
    prop::char::ranges(Cow::Owned(XML_CHARS.to_vec()))
}

/// Writes the envelope, reads it back, and compares.
fn round_trip<B>(body: B) -> Result<(), TestCaseError>
where
    B: xsdgen_runtime::XmlElement + PartialEq + std::fmt::Debug,
{
    let envelope = Envelope::new(body);
    let xml = envelope
        .to_xml_string()
        .expect("every value of these types can be written");
    let back = Envelope::<B>::from_xml_str(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    prop_assert_eq!(back, envelope, "{}", xml);
    Ok(())
}

/// Text XML can carry, heavy in what needs care on the way out and back in: markup
/// characters, `]]>`, quotes, line ends (`\r` is normalized by a reader unless it is
/// escaped) and whitespace at either end.
fn xml_text(min: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => xml_char().prop_map(String::from),
        1 => prop::sample::select(vec!["<", "&", ">", "]]>", "\"", "'", "\r\n", "\r", " ", "\t", "&amp;"])
            .prop_map(String::from),
    ];
    prop::collection::vec(piece, min..12).prop_map(|pieces| pieces.concat())
}

fn non_empty() -> impl Strategy<Value = NonEmptyString> {
    xml_text(1).prop_map(|s| NonEmptyString::new(s).expect("at least one character"))
}

fn call_id() -> impl Strategy<Value = CallIdType> {
    xml_text(1).prop_map(|s| CallIdType::new(s).expect("at least one character"))
}

fn call_state() -> impl Strategy<Value = UmCallState> {
    prop::sample::select(vec![
        UmCallState::Idle,
        UmCallState::Connecting,
        UmCallState::Alerted,
        UmCallState::Connected,
        UmCallState::Disconnected,
        UmCallState::Incoming,
        UmCallState::Transferring,
        UmCallState::Forwarding,
    ])
}

fn event_cause() -> impl Strategy<Value = UmEventCause> {
    prop::sample::select(vec![
        UmEventCause::None,
        UmEventCause::UserBusy,
        UmEventCause::NoAnswer,
        UmEventCause::Other,
    ])
}

fn um_properties() -> impl Strategy<Value = UmProperties> {
    (
        any::<bool>(),
        any::<bool>(),
        xml_text(0),
        xml_text(0),
        xml_text(0),
    )
        .prop_map(|(oof, missed, dial, numbers, email)| UmProperties {
            oof_status: oof,
            missed_call_notification_enabled: missed,
            play_on_phone_dial_string: dial,
            telephone_access_numbers: numbers,
            telephone_access_folder_email: email,
        })
}

/// Every global element of the UM schema, with random content.
fn um_document() -> impl Strategy<Value = Document> {
    prop_oneof![
        call_id().prop_map(Document::CallId),
        call_id().prop_map(|call_id| Document::from(Disconnect::new(call_id))),
        Just(Document::from(DisconnectResponse::default())),
        call_id().prop_map(|call_id| Document::from(GetCallInfo::new(call_id))),
        prop::option::of((call_state(), event_cause())).prop_map(|info| {
            Document::from(GetCallInfoResponse {
                get_call_info_response: info.map(|(call_state, event_cause)| {
                    Box::new(UmCallInfo::new(call_state, event_cause))
                }),
                ..Default::default()
            })
        }),
        Just(Document::from(GetUmProperties::default())),
        prop::option::of(um_properties()).prop_map(|p| {
            Document::from(GetUmPropertiesResponse {
                get_um_properties_response: p.map(Box::new),
                ..Default::default()
            })
        }),
        Just(Document::from(IsUmEnabled::default())),
        any::<bool>().prop_map(|b| Document::from(IsUmEnabledResponse::new(b))),
        (non_empty(), non_empty()).prop_map(|(entry_id, dial_string)| {
            Document::from(PlayOnPhone::new(entry_id, dial_string))
        }),
        prop::option::of(call_id()).prop_map(|id| Document::from(PlayOnPhoneResponse {
            play_on_phone_response: id,
            ..Default::default()
        })),
        (
            prop::sample::select(vec![
                UmGreetingType::NormalCustom,
                UmGreetingType::OofCustom
            ]),
            non_empty()
        )
            .prop_map(|(greeting_type, dial_string)| {
                Document::from(PlayOnPhoneGreeting::new(greeting_type, dial_string))
            }),
        prop::option::of(call_id()).prop_map(|id| Document::from(PlayOnPhoneGreetingResponse {
            play_on_phone_greeting_response: id,
            ..Default::default()
        })),
        Just(Document::from(ResetPin::default())),
        Just(Document::from(ResetPinResponse::default())),
        any::<bool>()
            .prop_map(|status| Document::from(SetMissedCallNotificationEnabled::new(status))),
        Just(Document::from(
            SetMissedCallNotificationEnabledResponse::default()
        )),
        any::<bool>().prop_map(|status| Document::from(SetOofStatus::new(status))),
        Just(Document::from(SetOofStatusResponse::default())),
        non_empty()
            .prop_map(|dial_string| Document::from(SetPlayOnPhoneDialString::new(dial_string))),
        Just(Document::from(SetPlayOnPhoneDialStringResponse::default())),
        non_empty().prop_map(|base64_folder_id| Document::from(
            SetTelephoneAccessFolderEmail::new(base64_folder_id)
        )),
        Just(Document::from(
            SetTelephoneAccessFolderEmailResponse::default()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn um_values_are_written_and_read_back_equal(document in um_document()) {
        round_trip(document)?;
    }

    /// Any Rust string: writing fails exactly when it holds a character XML 1.0 cannot
    /// carry, and what is written reads back equal.
    #[test]
    fn any_string_is_refused_or_round_trips(text in "(\\PC|[\\x00-\\x1f\\x7f]|\u{FFFE}|\u{FFFF}){1,16}") {
        let carried = text.chars().all(|c| XML_CHARS.iter().any(|r| r.contains(&c)));
        let envelope = Envelope::new(Document::CallId(CallIdType::new(text.clone()).unwrap()));
        match envelope.to_xml_string() {
            Ok(xml) => {
                prop_assert!(carried, "{:?} was written", text);
                let back = Envelope::<Document>::from_xml_str(&xml).expect("reads back");
                prop_assert_eq!(back, envelope);
            }
            Err(_) => prop_assert!(!carried, "{:?} was refused", text),
        }
    }
}

/// A subset of the Exchange 2016 types: a CreateItem request with random messages.
#[cfg(ews_corpus)]
mod ews {
    use super::*;
    use xsdgen_runtime::types::DateTime;
    use xsdgen_tests::ews2016::messages::{self, CreateItemType};
    use xsdgen_tests::ews2016::types::*;
    use xsdgen_tests::ews2016::Body;

    fn date_time() -> impl Strategy<Value = DateTime> {
        (
            1900..2100u32,
            1..=12u32,
            1..=28u32,
            0..24u32,
            0..60u32,
            0..60u32,
            prop::option::of(0..10_000_000u32),
            prop::sample::select(vec!["", "Z", "+01:00", "-08:00"]),
        )
            .prop_map(|(y, mo, d, h, mi, s, frac, zone)| {
                let frac = frac.map(|f| format!(".{f:07}")).unwrap_or_default();
                DateTime::new(&format!(
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}"
                ))
                .expect("a valid xs:dateTime")
            })
    }

    fn mailbox() -> impl Strategy<Value = EmailAddressTypeOrDerived> {
        (
            prop::option::of(xml_text(0)),
            prop::option::of(xml_text(1)),
            prop::option::of(prop::sample::select(vec![
                MailboxTypeType::Mailbox,
                MailboxTypeType::OneOff,
                MailboxTypeType::PublicDl,
            ])),
        )
            .prop_map(|(name, address, mailbox_type)| {
                EmailAddressTypeOrDerived::EmailAddressType(Box::new(EmailAddressType {
                    name,
                    email_address: address.map(|a| NonEmptyStringType::new(a).unwrap()),
                    mailbox_type,
                    ..Default::default()
                }))
            })
    }

    fn message() -> impl Strategy<Value = NonEmptyArrayOfAllItemsTypeItem> {
        (
            (
                prop::option::of(xml_text(0)),
                prop::option::of(prop::sample::select(vec![
                    SensitivityChoicesType::Normal,
                    SensitivityChoicesType::Private,
                ])),
                prop::option::of((
                    prop::sample::select(vec![BodyTypeType::Html, BodyTypeType::Text]),
                    xml_text(0),
                )),
                prop::option::of(date_time()),
                prop::option::of(any::<i32>()),
                prop::option::of(prop::collection::vec(xml_text(0), 0..4)),
                prop::option::of(prop::sample::select(vec![
                    ImportanceChoicesType::Low,
                    ImportanceChoicesType::High,
                ])),
            ),
            (
                prop::option::of(mailbox()),
                prop::option::of(prop::collection::vec(mailbox(), 0..4)),
                prop::option::of(any::<bool>()),
                prop::option::of(xml_text(0)),
            ),
        )
            .prop_map(
                |(
                    (subject, sensitivity, body, received, size, categories, importance),
                    (from, to, is_read, message_id),
                )| {
                    let item = ItemType {
                        subject,
                        sensitivity,
                        body: body.map(|(body_type, value)| {
                            Box::new(BodyType {
                                body_type,
                                is_truncated: None,
                                value,
                            })
                        }),
                        date_time_received: received,
                        size,
                        categories: categories
                            .map(|string| Box::new(ArrayOfStringsType { string })),
                        importance,
                        ..Default::default()
                    };
                    let recipients = |list: Vec<EmailAddressTypeOrDerived>| {
                        Box::new(ArrayOfRecipientsType {
                            mailbox: list
                                .into_iter()
                                .map(ArrayOfRecipientsTypeMailbox::Mailbox)
                                .collect(),
                        })
                    };
                    NonEmptyArrayOfAllItemsTypeItem::Message(MessageTypeOrDerived::MessageType(
                        Box::new(MessageType {
                            base: item,
                            from: from.map(|m| {
                                Box::new(SingleRecipientType {
                                    mailbox: SingleRecipientTypeMailbox::Mailbox(m),
                                })
                            }),
                            to_recipients: to.map(recipients),
                            is_read,
                            internet_message_id: message_id,
                            ..Default::default()
                        }),
                    ))
                },
            )
    }

    fn create_item() -> impl Strategy<Value = Body> {
        (
            prop::option::of(prop::sample::select(vec![
                MessageDispositionType::SaveOnly,
                MessageDispositionType::SendAndSaveCopy,
            ])),
            prop::collection::vec(message(), 1..4),
        )
            .prop_map(|(message_disposition, choice)| {
                Body::Messages(messages::Document::CreateItem(CreateItemType {
                    message_disposition,
                    ..CreateItemType::new(NonEmptyArrayOfAllItemsType::new(choice))
                }))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn ews_messages_are_written_and_read_back_equal(body in create_item()) {
            round_trip(body)?;
        }
    }
}
