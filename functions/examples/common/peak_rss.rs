//! The benchmark process's peak resident memory, from Linux's `/proc/self/status`, so a
//! benchmark can show what a size cost in memory. Elsewhere the figures are simply absent.

/// The peak resident set size so far (`VmHWM`), in bytes; `None` off Linux.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}

/// Starts the peak over from the memory in use now (Linux 4.0 and later: writing `5` to
/// `clear_refs` resets `VmHWM`), so the next [`peak_rss`] is the peak of what follows,
/// not of an earlier, larger size. Returns whether it could.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}
