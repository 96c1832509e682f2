//! Just enough of the zip format to list an archive: the names and Unix modes in its
//! central directory, so the build can check what a Lambda zip holds.

/// One file or folder in a zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// The Unix mode (`0o100755` for an executable file), when the zip recorded one.
    pub unix_mode: u32,
}

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const END_LEN: usize = 22;
const ENTRY_LEN: usize = 46;

/// Every entry of the zip in `bytes` (not Zip64: Lambda zips are far below 4 GB).
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    // The end record is the last 22 bytes, unless an archive comment (≤ 64 KiB) follows it.
    let end = (0..=bytes.len().saturating_sub(END_LEN))
        .rev()
        .take(65_536)
        .find(|&at| u32_at(bytes, at) == Some(END_OF_DIRECTORY))
        .ok_or("not a zip file (no end of central directory)")?;
    let count = u16_at(bytes, end + 10).ok_or("truncated end record")? as usize;
    let mut at = u32_at(bytes, end + 16).ok_or("truncated end record")? as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(bytes, at) != Some(DIRECTORY_ENTRY) {
            return Err(format!("no central directory entry at byte {at}"));
        }
        let field = |offset: usize| u16_at(bytes, at + offset).map(usize::from);
        let (name_len, extra_len, comment_len) = match (field(28), field(30), field(32)) {
            (Some(n), Some(e), Some(c)) => (n, e, c),
            _ => return Err("truncated central directory".into()),
        };
        let external = u32_at(bytes, at + 38).ok_or("truncated central directory")?;
        let name = bytes
            .get(at + ENTRY_LEN..at + ENTRY_LEN + name_len)
            .ok_or("truncated file name")?;
        out.push(Entry {
            name: String::from_utf8_lossy(name).into_owned(),
            unix_mode: external >> 16,
        });
        at += ENTRY_LEN + name_len + extra_len + comment_len;
    }
    Ok(out)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored (uncompressed) zip with one executable file, written by hand.
    fn one_file_zip(name: &str, mode: u32, comment: &[u8]) -> Vec<u8> {
        let data = b"hi";
        let mut zip = Vec::new();
        // Local header.
        zip.extend(0x0403_4b50_u32.to_le_bytes());
        zip.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend(0_u32.to_le_bytes()); // crc (not checked here)
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend(0_u16.to_le_bytes());
        zip.extend(name.as_bytes());
        zip.extend(data);
        let directory = zip.len() as u32;
        zip.extend(DIRECTORY_ENTRY.to_le_bytes());
        zip.extend([20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend(0_u32.to_le_bytes());
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend([0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend((mode << 16).to_le_bytes());
        zip.extend(0_u32.to_le_bytes());
        zip.extend(name.as_bytes());
        let directory_len = zip.len() as u32 - directory;
        zip.extend(END_OF_DIRECTORY.to_le_bytes());
        zip.extend([0, 0, 0, 0, 1, 0, 1, 0]);
        zip.extend(directory_len.to_le_bytes());
        zip.extend(directory.to_le_bytes());
        zip.extend((comment.len() as u16).to_le_bytes());
        zip.extend(comment);
        zip
    }

    #[test]
    fn entries_give_names_and_modes() {
        for comment in [&b""[..], b"built by hand"] {
            let zip = one_file_zip("bootstrap", 0o100755, comment);
            assert_eq!(
                entries(&zip).unwrap(),
                [Entry {
                    name: "bootstrap".into(),
                    unix_mode: 0o100755
                }]
            );
        }
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_refused() {
        assert!(entries(b"ELF and nothing else").is_err());
        let mut zip = one_file_zip("bootstrap", 0o100755, b"");
        zip.truncate(zip.len() - 30);
        assert!(entries(&zip).is_err());
    }
}
