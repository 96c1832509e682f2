//! Crockford's base 32, for codes people read aloud and type: digits and capitals without
//! I, L, O and U, so no 0/O or 1/l/I mix-ups (and no accidental words). Reading is
//! forgiving: lower case is accepted, O is read as 0 and I or L as 1, and the hyphens and
//! spaces people add to split a long code are ignored.

/// The 32 symbols, in value order.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `bytes` in Crockford's base 32, five bits a symbol, the last one padded with zeros.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// `code` split into groups of `size` with hyphens: `ABCD-EFGH-JKMN-PQRS`.
pub fn grouped(code: &str, size: usize) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / size.max(1));
    for (i, c) in code.chars().enumerate() {
        if i > 0 && size > 0 && i % size == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// A typed code as its symbols: upper case, O as 0, I and L as 1, separators dropped.
/// `None` when something else is in it (U, punctuation, letters of other alphabets).
pub fn normalise(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(typed.len());
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\t' | '\u{a0}' | '\u{2010}' | '\u{2011}' | '\u{2013}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_five_bits_a_symbol() {
        assert_eq!(encode(&[]), "");
        assert_eq!(encode(&[0]), "00");
        assert_eq!(encode(&[0xff]), "ZW");
        // 40 bits make exactly eight symbols.
        assert_eq!(encode(&[0, 0, 0, 0, 0]), "00000000");
        assert_eq!(encode(&[0xff; 5]), "ZZZZZZZZ");
        assert_eq!(encode(b"hello"), "D1JPRV3F");
        assert_eq!(encode(&[0xa5; 10]).len(), 16);
    }

    #[test]
    fn codes_never_hold_the_letters_people_confuse() {
        let code = encode(&(0u8..=255).collect::<Vec<_>>());
        assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
    }

    #[test]
    fn typing_is_forgiven() {
        let code = encode(&[0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22]);
        let shown = grouped(&code, 4);
        assert_eq!(shown.len(), 19);
        assert_eq!(normalise(&shown).as_deref(), Some(code.as_str()));
        assert_eq!(
            normalise(&shown.to_lowercase()).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(normalise(" ab cd-ef ").as_deref(), Some("ABCDEF"));
        assert_eq!(normalise("oOiIlL").as_deref(), Some("001111"));
        assert_eq!(normalise("ABCU"), None, "U is not a symbol");
        assert_eq!(normalise("AB_C"), None);
        assert_eq!(normalise("ÄBC"), None);
    }

    #[test]
    fn groups_split_every_four() {
        assert_eq!(grouped("ABCDEFGH", 4), "ABCD-EFGH");
        assert_eq!(grouped("ABCDE", 4), "ABCD-E");
        assert_eq!(grouped("", 4), "");
    }
}
