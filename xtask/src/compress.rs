//! gzip and brotli at their highest settings: the files `cargo xtask build widget` writes
//! beside each of the widget's files for the server to send as they are, and the sizes
//! `cargo xtask bench widget` reports.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// gzip at level 9, as `gzip -9` and most servers' static compression produce.
pub(crate) fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("gzip: {e}"))
}

/// brotli at quality 11 with a 4 MiB window, as `brotli -q 11` produces.
pub(crate) fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// `path.gz` or `path.br`: where a server looks for the precompressed form of `path`
/// (tower-http's `ServeDir::precompressed_gzip` and `precompressed_br`, nginx's
/// `gzip_static`).
pub(crate) fn beside(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes `path.gz` and `path.br` holding `bytes` (the content of `path`) compressed;
/// returns their sizes, gzip first.
pub(crate) fn write_beside(path: &Path, bytes: &[u8]) -> Result<(usize, usize), String> {
    let (gz, br) = (gzip(bytes)?, brotli(bytes)?);
    for (extension, compressed) in [("gz", &gz), ("br", &br)] {
        let out = beside(path, extension);
        std::fs::write(&out, compressed).map_err(|e| format!("write {}: {e}", out.display()))?;
    }
    Ok((gz.len(), br.len()))
}

/// Whether `name` is a precompressed copy of another file rather than a file of its own.
pub(crate) fn is_precompressed(name: &str) -> bool {
    name.ends_with(".gz") || name.ends_with(".br")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn the_files_beside_decompress_to_the_original() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("widget.0123456789.css");
        let bytes = "a{color:#0b0c0c}\n".repeat(50).into_bytes();
        let (gz_len, br_len) = write_beside(&path, &bytes).unwrap();

        let gz = std::fs::read(dir.join("widget.0123456789.css.gz")).unwrap();
        assert_eq!(gz.len(), gz_len);
        assert_eq!(&gz[..2], &[0x1f, 0x8b]);
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, bytes);

        let br = std::fs::read(dir.join("widget.0123456789.css.br")).unwrap();
        assert_eq!(br.len(), br_len);
        let mut plain = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, bytes);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn precompressed_copies_are_told_from_files() {
        assert!(is_precompressed("widget.js.br"));
        assert!(is_precompressed("feedback-widget_bg.0123456789.wasm.gz"));
        assert!(!is_precompressed("widget.js"));
    }
}
