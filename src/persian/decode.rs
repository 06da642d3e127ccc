//! Decoding imported text files: UTF-8 (with or without BOM), UTF-16 with BOM and legacy
//! Windows-1256, with a size limit, refusal of binary files and a report of the byte
//! ranges that were not valid in the detected encoding.

use std::ops::Range;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1256};

/// Largest input [`decode`] accepts, in bytes (64 MiB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8 without a byte-order mark (plain ASCII included).
    Utf8,
    /// UTF-8 with a byte-order mark (stripped).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Legacy Arabic Windows code page.
    Windows1256,
    /// Mostly UTF-8 with stretches in another encoding or invalid bytes; see the warnings.
    Mixed,
}

impl SourceEncoding {
    /// Human-readable name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (with BOM)",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Windows1256 => "Windows-1256",
            Self::Mixed => "mixed (mostly UTF-8)",
        }
    }
}

/// A stretch of the input that was not valid in the detected encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeWarning {
    /// Byte range in the input file.
    pub bytes: Range<usize>,
    pub message: String,
}

/// Decoded text and how it was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
    /// Stretches decoded in a fallback encoding or replaced by U+FFFD, in input order.
    pub warnings: Vec<DecodeWarning>,
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file holds {size} bytes or more, over the import limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("this is not a text file: it holds a NUL byte at offset {offset}")]
    BinaryNul { offset: usize },
    #[error("this is not a text file: {percent}% of its first {sample} bytes are control bytes")]
    BinaryControls { percent: usize, sample: usize },
    #[error("this web archive (MHTML) holds no HTML page")]
    ArchiveWithoutPage,
}

/// Decodes a text file; see the module docs. Never panics.
///
/// # Errors
/// [`DecodeError`] when the file is over [`MAX_INPUT_BYTES`] or looks binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with_limit(bytes, MAX_INPUT_BYTES)
}

/// [`decode`] with an explicit size limit in bytes.
///
/// # Errors
/// As [`decode`].
pub fn decode_with_limit(bytes: &[u8], limit: usize) -> Result<Decoded, DecodeError> {
    if bytes.len() > limit {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(cap_warnings(utf16(rest, SourceEncoding::Utf16Le)));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(cap_warnings(utf16(rest, SourceEncoding::Utf16Be)));
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        let mut d = utf16(bytes, encoding);
        // Offsets are into the file: there is no two-byte mark to skip.
        for w in &mut d.warnings {
            w.bytes = w.bytes.start.saturating_sub(2)..w.bytes.end.saturating_sub(2);
        }
        return Ok(cap_warnings(d));
    }
    let (body, offset, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3, true),
        None => (bytes, 0, false),
    };
    check_binary(body, offset)?;
    if let Ok(s) = std::str::from_utf8(body) {
        let encoding = if bom {
            SourceEncoding::Utf8Bom
        } else {
            SourceEncoding::Utf8
        };
        return Ok(Decoded {
            text: s.to_owned(),
            encoding,
            warnings: Vec::new(),
        });
    }
    Ok(cap_warnings(legacy_or_mixed(body, offset, bom)))
}

/// Most warnings a decode reports one by one; the rest are summed up in one more.
pub const MAX_WARNINGS: usize = 100;

/// `d` with at most [`MAX_WARNINGS`] warnings, then one covering all the others: a file of
/// 50,000 lone surrogates gives a readable report, not 50,000 lines.
fn cap_warnings(mut d: Decoded) -> Decoded {
    if d.warnings.len() > MAX_WARNINGS {
        let rest = d.warnings.split_off(MAX_WARNINGS);
        let start = rest.first().map_or(0, |w| w.bytes.start);
        let end = rest.last().map_or(start, |w| w.bytes.end);
        d.warnings.push(DecodeWarning {
            bytes: start..end,
            message: format!("and {} more stretches like these", rest.len()),
        });
    }
    d
}

/// UTF-16 without a byte-order mark, told by its NUL bytes: text in Latin or Persian
/// script has spaces, digits and line ends, whose UTF-16 code units have a zero high byte,
/// so NULs fall on one parity of byte offsets only (odd for little-endian, even for
/// big-endian). A binary file has NULs on both.
fn bomless_utf16(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(8 * 1024) & !1];
    if sample.len() < 16 {
        return None;
    }
    let units = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let (zeros, other, encoding) = if odd >= even {
        (odd, even, SourceEncoding::Utf16Le)
    } else {
        (even, odd, SourceEncoding::Utf16Be)
    };
    // At least one unit in twenty with a zero high byte, and (almost) none the other way.
    if zeros * 20 < units || other * 200 > units {
        return None;
    }
    // And it decodes.
    let enc = if encoding == SourceEncoding::Utf16Le {
        UTF_16LE
    } else {
        UTF_16BE
    };
    // And it decodes to text: few replacement or control characters.
    let (text, _, _) = enc.decode(sample);
    let bad = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
        .count();
    (bad * 100 < units).then_some(encoding)
}

/// Refuses NULs and inputs made mostly of control bytes.
fn check_binary(body: &[u8], offset: usize) -> Result<(), DecodeError> {
    if let Some(i) = body.iter().position(|&b| b == 0) {
        return Err(DecodeError::BinaryNul { offset: offset + i });
    }
    let sample = &body[..body.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F)
        .count();
    if !sample.is_empty() && controls * 10 > sample.len() {
        return Err(DecodeError::BinaryControls {
            percent: controls * 100 / sample.len(),
            sample: sample.len(),
        });
    }
    Ok(())
}

fn utf16(rest: &[u8], encoding: SourceEncoding) -> Decoded {
    let enc = if encoding == SourceEncoding::Utf16Le {
        UTF_16LE
    } else {
        UTF_16BE
    };
    let (text, had_errors) = enc.decode_without_bom_handling(rest);
    let mut warnings = Vec::new();
    if had_errors {
        // Locate the bad code units: each U+FFFD that the input did not spell.
        let mut i = 0;
        let mut units = rest.chunks(2);
        let mut next_unit = || -> Option<u16> {
            let c = units.next()?;
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            Some(if encoding == SourceEncoding::Utf16Le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            })
        };
        let mut pending_high: Option<usize> = None;
        while let Some(u) = next_unit() {
            let at = 2 + i * 2;
            match u {
                0xD800..=0xDBFF => {
                    if let Some(p) = pending_high.replace(at) {
                        warnings.push(bad16(p));
                    }
                }
                0xDC00..=0xDFFF => {
                    if pending_high.take().is_none() {
                        warnings.push(bad16(at));
                    }
                }
                _ => {
                    if let Some(p) = pending_high.take() {
                        warnings.push(bad16(p));
                    }
                }
            }
            i += 1;
        }
        if let Some(p) = pending_high {
            warnings.push(bad16(p));
        }
        if rest.len() % 2 == 1 {
            warnings.push(DecodeWarning {
                bytes: 1 + rest.len()..2 + rest.len(),
                message: "odd trailing byte in a UTF-16 file replaced by U+FFFD".to_owned(),
            });
        }
        if warnings.is_empty() {
            warnings.push(DecodeWarning {
                bytes: 0..rest.len() + 2,
                message: "invalid UTF-16 replaced by U+FFFD".to_owned(),
            });
        }
    }
    Decoded {
        text: text.into_owned(),
        encoding,
        warnings,
    }
}

fn bad16(at: usize) -> DecodeWarning {
    DecodeWarning {
        bytes: at..at + 2,
        message: "unpaired UTF-16 surrogate replaced by U+FFFD".to_owned(),
    }
}

/// True for chars Persian or Arabic text is made of (letters, marks, digits, ZWNJ).
fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' | '\u{200C}')
}

/// Not valid UTF-8: either a Windows-1256 file, or UTF-8 with foreign stretches.
fn legacy_or_mixed(body: &[u8], offset: usize, bom: bool) -> Decoded {
    // Count what the valid UTF-8 parts hold against the invalid bytes.
    let mut arabic_utf8 = 0usize;
    let mut invalid = 0usize;
    for chunk in body.utf8_chunks() {
        arabic_utf8 += chunk
            .valid()
            .chars()
            .filter(|&c| is_arabic_script(c))
            .count();
        invalid += chunk.invalid().len();
    }
    if !bom && arabic_utf8 * 4 < invalid {
        let (text, _) = WINDOWS_1256.decode_without_bom_handling(body);
        return Decoded {
            text: text.into_owned(),
            encoding: SourceEncoding::Windows1256,
            warnings: Vec::new(),
        };
    }
    // Mixed: keep valid UTF-8; each cluster of invalid bytes (with only ASCII between
    // them) is decoded as Windows-1256 when that yields Arabic script, else replaced.
    let mut text = String::with_capacity(body.len());
    let mut warnings = Vec::new();
    let mut pos = 0usize; // input offset of `body[pos..]` still to emit
    let bad = invalid_ranges(body);
    let mut i = 0;
    while i < bad.len() {
        let start = bad[i].start;
        let mut end = bad[i].end;
        let mut j = i + 1;
        while j < bad.len()
            && body[end..bad[j].start]
                .iter()
                .all(|&b| b.is_ascii() && b != b'\n')
        {
            end = bad[j].end;
            j += 1;
        }
        // `body[pos..start]` is valid UTF-8 (it lies between invalid ranges).
        text.push_str(&String::from_utf8_lossy(&body[pos..start]));
        let (legacy, _) = WINDOWS_1256.decode_without_bom_handling(&body[start..end]);
        let letters = legacy.chars().filter(|c| !c.is_ascii()).count();
        let arabic = legacy.chars().filter(|&c| is_arabic_script(c)).count();
        if arabic * 2 >= letters && arabic >= 2 {
            text.push_str(&legacy);
            warnings.push(DecodeWarning {
                bytes: offset + start..offset + end,
                message: "not UTF-8; decoded as Windows-1256".to_owned(),
            });
        } else {
            text.push_str(&String::from_utf8_lossy(&body[start..end]));
            warnings.push(DecodeWarning {
                bytes: offset + start..offset + end,
                message: "invalid UTF-8 replaced by U+FFFD".to_owned(),
            });
        }
        pos = end;
        i = j;
    }
    text.push_str(&String::from_utf8_lossy(&body[pos..]));
    Decoded {
        text,
        encoding: SourceEncoding::Mixed,
        warnings,
    }
}

/// Byte ranges of invalid UTF-8 sequences, in order.
fn invalid_ranges(body: &[u8]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for chunk in body.utf8_chunks() {
        at += chunk.valid().len();
        let n = chunk.invalid().len();
        if n > 0 {
            match out.last_mut() {
                Some(last) if last.end == at => last.end = at + n,
                _ => out.push(at..at + n),
            }
        }
        at += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"))
    }

    #[test]
    fn detects_encodings() {
        let fa = "در سال ۲۰۱۹ گفت.";
        let cases: Vec<(Vec<u8>, SourceEncoding)> = vec![
            (fa.as_bytes().to_vec(), SourceEncoding::Utf8),
            (
                [&[0xEF, 0xBB, 0xBF][..], fa.as_bytes()].concat(),
                SourceEncoding::Utf8Bom,
            ),
            (
                [
                    vec![0xFF, 0xFE],
                    fa.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                ]
                .concat(),
                SourceEncoding::Utf16Le,
            ),
            (
                [
                    vec![0xFE, 0xFF],
                    fa.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                ]
                .concat(),
                SourceEncoding::Utf16Be,
            ),
            (b"plain ascii\n".to_vec(), SourceEncoding::Utf8),
            (Vec::new(), SourceEncoding::Utf8),
        ];
        for (bytes, enc) in cases {
            let d = ok(&bytes);
            assert_eq!(d.encoding, enc, "{bytes:?}");
            assert!(d.warnings.is_empty(), "{bytes:?}: {:?}", d.warnings);
            if bytes.len() > 12 {
                assert_eq!(d.text, fa, "{bytes:?}");
            }
        }
    }

    #[test]
    fn windows_1256() {
        // «كشور ايران در سال 2019» as Windows-1256 bytes: Arabic ي/ك and ASCII digits.
        let src = "كشور ايران در سال 2019 و گفت‌وگو";
        let (bytes, _, unmappable) = WINDOWS_1256.encode(src);
        assert!(!unmappable, "{src}");
        let d = ok(&bytes);
        assert_eq!(d.encoding, SourceEncoding::Windows1256, "{src}");
        assert_eq!(d.text, src);
    }

    #[test]
    fn mixed_file_reports_where() {
        let (legacy, _, _) = WINDOWS_1256.encode("سلام دنيا");
        let bytes = [b"UTF-8: \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n".as_slice(), &legacy, b"\nend"].concat();
        let d = ok(&bytes);
        assert_eq!(d.encoding, SourceEncoding::Mixed);
        assert_eq!(d.text, "UTF-8: سلام سلام سلام\nسلام دنيا\nend");
        let start = bytes.iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert_eq!(d.warnings[0].bytes, start..start + legacy.len());
        // A stray invalid byte in UTF-8 text is replaced, and reported.
        let bytes = ["سلام سلام ".as_bytes(), &[0xFF], b"x"].concat();
        let d = ok(&bytes);
        assert_eq!(d.text, "سلام سلام \u{FFFD}x");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert_eq!(d.warnings[0].bytes, bytes.len() - 2..bytes.len() - 1);
    }

    #[test]
    fn refuses_binary_and_large() {
        assert!(matches!(
            decode(b"abc\0def"),
            Err(DecodeError::BinaryNul { offset: 3 })
        ));
        assert!(matches!(
            decode(&[1, 2, 3, 4, 5, b'a']),
            Err(DecodeError::BinaryControls { .. })
        ));
        assert!(matches!(
            decode_with_limit(b"12345", 4),
            Err(DecodeError::TooLarge { size: 5, limit: 4 })
        ));
        let msg = decode(b"\x7fELF\x02\x01\x01\0\0")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("not a text file"), "{msg}");
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(d) = decode(&bytes) {
                for w in &d.warnings {
                    prop_assert!(w.bytes.start < w.bytes.end && w.bytes.end <= bytes.len() + 2, "{:?}", w);
                }
            }
        }

        #[test]
        fn utf8_round_trips(s in "\\PC{0,80}") {
            let d = decode(s.as_bytes());
            if !s.contains('\0') && s.chars().filter(|c| c.is_control()).count() * 10 <= s.len() {
                let d = d.map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(d.text, s);
            }
        }
    }

    #[test]
    fn utf16_without_a_mark_is_read_by_its_nul_bytes() {
        let text = "خبرگزاری نمونه روز ۱۲ مه ۲۰۱۹ گزارش داد.\nTehran, May 12.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, want) in [(le, SourceEncoding::Utf16Le), (be, SourceEncoding::Utf16Be)] {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((d.text.as_str(), d.encoding), (text, want));
            assert!(d.warnings.is_empty());
        }
        // A binary file with NULs on both parities is still refused.
        let binary: Vec<u8> = (0..4096u32)
            .map(|i| if i % 3 == 0 { 0 } else { (i % 251) as u8 })
            .collect();
        assert!(matches!(
            decode(&binary),
            Err(DecodeError::BinaryNul { .. })
        ));
    }

    #[test]
    fn many_bad_stretches_give_a_capped_report() {
        // 50,000 lone surrogates after a mark.
        let mut bytes = vec![0xFF, 0xFE];
        for _ in 0..50_000 {
            bytes.extend_from_slice(&0xD800u16.to_le_bytes());
            bytes.extend_from_slice(&0x0041u16.to_le_bytes());
        }
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.warnings.len(), MAX_WARNINGS + 1);
        let last = d
            .warnings
            .last()
            .map(|w| w.message.clone())
            .unwrap_or_default();
        assert!(last.contains("49900 more"), "{last}");
    }
}
