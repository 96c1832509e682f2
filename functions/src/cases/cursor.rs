//! The queue's cursor: where the next page starts, signed so that it is opaque to
//! clients. It names a position (see [`crate::store::queue`]) and is bound to the council
//! and to the filters, search and sort it was given with: a cursor that was changed, or
//! is sent with another query, is refused rather than read from a wrong place.

use crate::auth::SigningKey;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::CouncilId;

/// The label signed with every cursor, so a cursor's MAC is never another token's.
const LABEL: &[u8] = b"queue-cursor";
/// The bytes of the MAC kept (128 bits).
const MAC_BYTES: usize = 16;

/// The cursor for `position` in `council` under the query `fingerprint`.
pub fn seal(key: &SigningKey, council: &CouncilId, fingerprint: &str, position: &str) -> String {
    let mac = mac(key, council, fingerprint, position);
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(position),
        URL_SAFE_NO_PAD.encode(mac)
    )
}

/// The position `cursor` names, if this server sealed it for this council and query.
pub fn open(
    key: &SigningKey,
    council: &CouncilId,
    fingerprint: &str,
    cursor: &str,
) -> Option<String> {
    let (position, mac) = cursor.split_once('.')?;
    let position = String::from_utf8(URL_SAFE_NO_PAD.decode(position).ok()?).ok()?;
    let given = URL_SAFE_NO_PAD.decode(mac).ok()?;
    let expected = self::mac(key, council, fingerprint, &position);
    // Compared in constant time: the MAC is a secret until it is right.
    let same = given.len() == expected.len()
        && given
            .iter()
            .zip(&expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    same.then_some(position)
}

fn mac(key: &SigningKey, council: &CouncilId, fingerprint: &str, position: &str) -> Vec<u8> {
    let mut mac = key.sign_parts(&[
        LABEL,
        council.as_str().as_bytes(),
        fingerprint.as_bytes(),
        position.as_bytes(),
    ]);
    mac.truncate(MAC_BYTES);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_opens_only_where_and_how_it_was_sealed() {
        let key = SigningKey::generate();
        let demo = CouncilId::parse("demo").unwrap();
        let other = CouncilId::parse("aberwen").unwrap();
        let cursor = seal(
            &key,
            &demo,
            "sort=deadline",
            "2026-12-01#x#DEMO-2026-000001",
        );
        assert_eq!(
            open(&key, &demo, "sort=deadline", &cursor).as_deref(),
            Some("2026-12-01#x#DEMO-2026-000001")
        );
        assert_eq!(open(&key, &other, "sort=deadline", &cursor), None);
        assert_eq!(open(&key, &demo, "sort=received", &cursor), None);
        assert_eq!(
            open(&SigningKey::generate(), &demo, "sort=deadline", &cursor),
            None
        );
        let mut tampered = cursor.clone().into_bytes();
        tampered[2] ^= 1;
        assert_eq!(
            open(
                &key,
                &demo,
                "sort=deadline",
                &String::from_utf8_lossy(&tampered)
            ),
            None
        );
        assert_eq!(open(&key, &demo, "sort=deadline", "nonsense"), None);
    }
}
