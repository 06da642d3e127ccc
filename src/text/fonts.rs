//! The fonts text is shaped with, in fallback order: the embedded Vazirmatn (Persian and
//! Latin), the embedded Noto fallbacks (Latin extensions, Greek, Cyrillic, Hebrew,
//! Armenian, Georgian, arrows and symbols), and last the machine's own fonts, consulted
//! only for characters that no embedded font has (CJK, rare scripts). Text that the
//! embedded fonts cover never touches a system font, so it renders alike on every
//! machine. See `docs/FONTS.md`.
//!
//! Every paragraph is shaped with one family stack (parley's `FontFamily::List`): for
//! each cluster parley takes the first family in the stack that has all its characters.
//! A stack rather than fontique's per-script fallback map, because parley keys that map
//! by the script of the run, and common characters (arrows, symbols, punctuation) take
//! the script of the text around them: the symbol fonts would have to be listed under
//! every script. A cluster Vazirmatn covers costs one cmap look-up, as before.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use parley::fontique::{
    Blob, CharmapIndex, Collection, CollectionOptions, FamilyInfo, FontInfoOverride, SourceCache,
    SourceKind,
};
use parley::{FontContext, FontFamily, FontFamilyName};

/// Vazirmatn, variable weight (OFL, see `fonts/OFL.txt`).
pub static VAZIRMATN: &[u8] = include_bytes!("../../fonts/Vazirmatn-Variable.ttf");

/// The family name parley knows the embedded Vazirmatn by.
pub const FONT_FAMILY: &str = "Vazirmatn";

/// One embedded fallback font file.
#[derive(Debug)]
pub struct EmbeddedFace {
    /// The family it is registered under (the font's own family name).
    pub family: &'static str,
    /// File name under `fonts/noto/`.
    pub file: &'static str,
    /// Weight (CSS scale): 400 regular, 700 bold.
    pub weight: u16,
    pub data: &'static [u8],
}

macro_rules! noto {
    ($family:literal, $file:literal, $weight:literal) => {
        EmbeddedFace {
            family: $family,
            file: $file,
            weight: $weight,
            data: include_bytes!(concat!("../../fonts/noto/", $file)),
        }
    };
}

/// The embedded fallback families, in fallback order (after Vazirmatn).
pub const FALLBACK_FAMILIES: [&str; 6] = [
    "Noto Sans",
    "Noto Sans Hebrew",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Math",
    "Noto Sans Symbols2",
];

/// The embedded fallback faces: subsets of Noto (OFL, see `fonts/noto/OFL.txt` and
/// `fonts/README.md`), regular and bold for the scripts, regular only for the symbols.
pub static FALLBACK_FACES: [EmbeddedFace; 10] = [
    noto!("Noto Sans", "NotoSans-Regular.ttf", 400),
    noto!("Noto Sans", "NotoSans-Bold.ttf", 700),
    noto!("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", 400),
    noto!("Noto Sans Hebrew", "NotoSansHebrew-Bold.ttf", 700),
    noto!("Noto Sans Armenian", "NotoSansArmenian-Regular.ttf", 400),
    noto!("Noto Sans Armenian", "NotoSansArmenian-Bold.ttf", 700),
    noto!("Noto Sans Georgian", "NotoSansGeorgian-Regular.ttf", 400),
    noto!("Noto Sans Georgian", "NotoSansGeorgian-Bold.ttf", 700),
    noto!("Noto Sans Math", "NotoSansMath-Regular.ttf", 400),
    noto!("Noto Sans Symbols2", "NotoSansSymbols2-Regular.ttf", 400),
];

/// Vazirmatn, then the embedded fallbacks: the stack for text they cover.
static EMBEDDED_STACK: [FontFamilyName<'static>; 7] = [
    FontFamilyName::named(FONT_FAMILY),
    FontFamilyName::named(FALLBACK_FAMILIES[0]),
    FontFamilyName::named(FALLBACK_FAMILIES[1]),
    FontFamilyName::named(FALLBACK_FAMILIES[2]),
    FontFamilyName::named(FALLBACK_FAMILIES[3]),
    FontFamilyName::named(FALLBACK_FAMILIES[4]),
    FontFamilyName::named(FALLBACK_FAMILIES[5]),
];

/// Suffix of the names system families are registered under in a font context, so they
/// never merge with an embedded family of the same name.
const SYSTEM_SUFFIX: &str = " (system)";

/// A parley font context holding the embedded fonts. System fonts are added to it, one
/// family at a time, by [`family_stack`] when a text needs them.
pub fn font_context() -> FontContext {
    let mut fcx = FontContext {
        collection: Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        }),
        source_cache: SourceCache::default(),
    };
    register(&mut fcx.collection, VAZIRMATN, FONT_FAMILY);
    for face in &FALLBACK_FACES {
        register(&mut fcx.collection, face.data, face.family);
    }
    fcx
}

fn register(collection: &mut Collection, data: &'static [u8], family: &str) {
    collection.register_fonts(
        Blob::new(Arc::new(data)),
        Some(FontInfoOverride {
            family_name: Some(family),
            ..FontInfoOverride::default()
        }),
    );
}

/// The family stack to shape `text` with in `fcx`: Vazirmatn, the embedded fallbacks and,
/// only if `text` has characters none of those has, the system families that have them
/// (registered in `fcx` on first use). Allocates nothing for covered text.
pub fn family_stack(fcx: &mut FontContext, text: &str) -> FontFamily<'static> {
    let embedded = FontFamily::List(Cow::Borrowed(&EMBEDDED_STACK));
    if text.chars().all(is_covered) {
        return embedded;
    }
    let Some(system) = system_fonts() else {
        return embedded;
    };
    let mut families: Vec<usize> = Vec::new();
    for c in text.chars().filter(|&c| !is_covered(c)) {
        if let Some(i) = system.family_for(c)
            && !families.contains(&i)
        {
            families.push(i);
        }
    }
    if families.is_empty() {
        return embedded;
    }
    families.sort_unstable();
    let mut stack = EMBEDDED_STACK.to_vec();
    for i in families {
        let name = system.register(&mut fcx.collection, i);
        stack.push(FontFamilyName::Named(Cow::Owned(name)));
    }
    FontFamily::List(Cow::Owned(stack))
}

/// Whether an embedded font has `c`, or `c` needs no glyph (controls, joiners, bidi
/// marks, variation selectors).
pub fn is_covered(c: char) -> bool {
    (' '..='~').contains(&c) || needs_no_glyph(c) || embedded_coverage().has(c)
}

/// The characters of `text` that no embedded font has, each once, in text order.
pub fn uncovered(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !is_covered(c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The embedded fallback families a page showing `text` needs besides Vazirmatn: for
/// each character Vazirmatn lacks, the first fallback family (in fallback order) whose
/// regular face has it. In fallback order, each once.
pub fn fallback_families_needed(text: &str) -> Vec<&'static str> {
    let charmap = |data| swash::FontRef::from_index(data, 0).map(|f| f.charmap());
    let Some(vazirmatn) = charmap(VAZIRMATN) else {
        return Vec::new();
    };
    let faces: Vec<(&str, swash::Charmap<'_>)> = FALLBACK_FACES
        .iter()
        .filter(|f| f.weight == 400)
        .filter_map(|f| Some((f.family, charmap(f.data)?)))
        .collect();
    let mut needed = vec![false; faces.len()];
    let mut seen: HashSet<char> = HashSet::new();
    for c in text.chars() {
        if (' '..='~').contains(&c) || needs_no_glyph(c) || !seen.insert(c) {
            continue;
        }
        if vazirmatn.map(c) != 0 {
            continue;
        }
        if let Some(i) = faces.iter().position(|(_, m)| m.map(c) != 0) {
            needed[i] = true;
        }
    }
    faces
        .iter()
        .zip(needed)
        .filter(|(_, n)| *n)
        .map(|((family, _), _)| *family)
        .collect()
}

/// Characters shaping removes or shows without a glyph of their own.
pub(crate) fn needs_no_glyph(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// The code points the embedded fonts map to a glyph.
struct Coverage {
    /// One bit per BMP code point.
    bmp: Vec<u64>,
    /// Sorted code points above the BMP.
    astral: Vec<u32>,
}

impl Coverage {
    fn has(&self, c: char) -> bool {
        let cp = c as u32;
        match usize::try_from(cp) {
            Ok(i) if cp <= 0xffff => self.bmp.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1),
            _ => self.astral.binary_search(&cp).is_ok(),
        }
    }
}

fn embedded_coverage() -> &'static Coverage {
    static COVERAGE: OnceLock<Coverage> = OnceLock::new();
    COVERAGE.get_or_init(|| {
        let mut cov = Coverage {
            bmp: vec![0; 0x10000 / 64],
            astral: Vec::new(),
        };
        let files = std::iter::once(VAZIRMATN).chain(FALLBACK_FACES.iter().map(|f| f.data));
        for data in files {
            let Some(font) = swash::FontRef::from_index(data, 0) else {
                continue;
            };
            font.charmap().enumerate(|cp, glyph| {
                if glyph == 0 {
                    return;
                }
                match usize::try_from(cp) {
                    Ok(i) if cp <= 0xffff => {
                        if let Some(w) = cov.bmp.get_mut(i / 64) {
                            *w |= 1 << (i % 64);
                        }
                    }
                    _ => cov.astral.push(cp),
                }
            });
        }
        cov.astral.sort_unstable();
        cov.astral.dedup();
        cov
    })
}

/// Whether system fonts may be used at all: unless `GAHNEGAR_SYSTEM_FONTS=0`.
fn system_fonts_enabled() -> bool {
    std::env::var_os("GAHNEGAR_SYSTEM_FONTS").is_none_or(|v| v != "0")
}

/// The folders searched for system fonts: `GAHNEGAR_FONT_DIRS` (a path list) when set,
/// else the platform's usual font folders. Folders that do not exist are left out.
pub fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(list) = env("GAHNEGAR_FONT_DIRS") {
        dirs.extend(std::env::split_paths(&list));
    } else if cfg!(windows) {
        let windir = env("WINDIR").map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        dirs.push(windir.join("Fonts"));
        if let Some(local) = env("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join(r"Microsoft\Windows\Fonts"));
        }
    } else if cfg!(target_vendor = "apple") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
        if let Some(home) = env("HOME") {
            dirs.push(PathBuf::from(home).join("Library/Fonts"));
        }
    } else {
        let home = env("HOME").map(PathBuf::from);
        let data_home = env("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".local/share")));
        dirs.extend(data_home.map(|d| d.join("fonts")));
        dirs.extend(home.map(|h| h.join(".fonts")));
        let data_dirs =
            env("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
        dirs.extend(std::env::split_paths(&data_dirs).map(|d| d.join("fonts")));
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for d in dirs {
        if d.is_dir() && !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// The machine's font families, scanned once per process on first use (see
/// [`preload_system_fonts`]); `None` when system fonts are turned off.
fn system_fonts() -> Option<&'static SystemFonts> {
    static SYSTEM: OnceLock<Option<SystemFonts>> = OnceLock::new();
    SYSTEM
        .get_or_init(|| system_fonts_enabled().then(|| SystemFonts::scan(&system_font_dirs())))
        .as_ref()
}

/// Starts scanning the system fonts on a background thread, so that the first text that
/// needs one does not wait for the scan (a text that needs one before the scan is done
/// waits for it). Does nothing when they are scanned or turned off.
pub fn preload_system_fonts() {
    // If the thread cannot be spawned, the first text that needs a system font scans.
    let _ = std::thread::Builder::new()
        .name("gahnegar-font-scan".into())
        .spawn(|| {
            system_fonts();
        });
}

/// What [`system_font_report`] tells.
#[derive(Clone, Debug)]
pub struct SystemFontReport {
    pub dirs: Vec<PathBuf>,
    /// Families found, in the order they are tried.
    pub families: Vec<String>,
    /// Time the scan took.
    pub scan: std::time::Duration,
}

/// What the system font scan found (scanning now if not yet done); `None` when system
/// fonts are turned off.
pub fn system_font_report() -> Option<SystemFontReport> {
    let s = system_fonts()?;
    Some(SystemFontReport {
        dirs: s.dirs.clone(),
        families: s.families.iter().map(|f| f.name.clone()).collect(),
        scan: s.scan_time,
    })
}

/// The name of the system family that would be used for `c` (`None` when `c` is covered
/// by an embedded font, or no system font has it).
pub fn system_family_for(c: char) -> Option<String> {
    if is_covered(c) {
        return None;
    }
    let s = system_fonts()?;
    let i = s.family_for(c)?;
    s.families.get(i).map(|f| f.name.clone())
}

struct SystemFonts {
    dirs: Vec<PathBuf>,
    /// In the order they are tried: sans families first, then others, monospaced last;
    /// by name within each group.
    families: Vec<SystemFamily>,
    /// Per character already looked up: the first family that has it.
    found: Mutex<HashMap<char, Option<usize>>>,
    scan_time: std::time::Duration,
}

struct SystemFamily {
    name: String,
    info: FamilyInfo,
    /// The default face's data and character map, loaded on first look-up.
    charmap: OnceLock<Option<(Blob<u8>, CharmapIndex)>>,
    /// Every file of the family, loaded on first registration.
    blobs: OnceLock<Vec<Blob<u8>>>,
}

impl SystemFonts {
    fn scan(dirs: &[PathBuf]) -> Self {
        let start = std::time::Instant::now();
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        collection.load_fonts_from_paths(dirs);
        let ids: Vec<_> = collection.family_ids().collect();
        let mut families: Vec<SystemFamily> = ids
            .into_iter()
            .filter_map(|id| collection.family(id))
            .map(|info| SystemFamily {
                name: info.name().to_owned(),
                info,
                charmap: OnceLock::new(),
                blobs: OnceLock::new(),
            })
            .collect();
        let group = |name: &str| {
            if name.contains("Mono") {
                2
            } else if name.contains("Sans") {
                0
            } else {
                1
            }
        };
        families.sort_by(|a, b| (group(&a.name), &a.name).cmp(&(group(&b.name), &b.name)));
        Self {
            dirs: dirs.to_vec(),
            families,
            found: Mutex::new(HashMap::new()),
            scan_time: start.elapsed(),
        }
    }

    /// Index of the first family whose default face has `c`.
    fn family_for(&self, c: char) -> Option<usize> {
        let mut found = self
            .found
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *found
            .entry(c)
            .or_insert_with(|| self.families.iter().position(|f| f.has(c)))
    }

    /// Registers family `i` in `collection` (once) and returns the name it has there.
    fn register(&self, collection: &mut Collection, i: usize) -> String {
        let Some(family) = self.families.get(i) else {
            return String::new();
        };
        let name = format!("{}{SYSTEM_SUFFIX}", family.name);
        if collection.family_id(&name).is_none() {
            for blob in family.blobs() {
                collection.register_fonts(
                    blob.clone(),
                    Some(FontInfoOverride {
                        family_name: Some(&name),
                        ..FontInfoOverride::default()
                    }),
                );
            }
        }
        name
    }
}

impl SystemFamily {
    fn has(&self, c: char) -> bool {
        let map = self.charmap.get_or_init(|| {
            let font = self.info.default_font()?;
            Some((font.load(None)?, font.charmap_index()))
        });
        map.as_ref().is_some_and(|(blob, index)| {
            index
                .charmap(blob.as_ref())
                .and_then(|m| m.map(c))
                .is_some_and(|g| g != 0)
        })
    }

    fn blobs(&self) -> &[Blob<u8>] {
        self.blobs.get_or_init(|| {
            let mut seen: Vec<&SourceKind> = Vec::new();
            let mut out = Vec::new();
            for font in self.info.fonts() {
                let kind = font.source().kind();
                let same = |k: &&SourceKind| match (k, kind) {
                    (SourceKind::Path(a), SourceKind::Path(b)) => a == b,
                    _ => false,
                };
                if seen.iter().any(same) {
                    continue;
                }
                seen.push(kind);
                out.extend(font.load(None));
            }
            out
        })
    }
}

/// Installs Vazirmatn and the embedded fallbacks' regular faces as egui's proportional and
/// monospace fonts (egui takes each glyph from the first font in the list that has it),
/// and starts the system font scan in the background.
pub fn install_egui_fonts(ctx: &egui::Context) {
    let mut defs = egui::FontDefinitions::empty();
    defs.font_data.insert(
        FONT_FAMILY.to_owned(),
        Arc::new(egui::FontData::from_static(VAZIRMATN)),
    );
    let mut names = vec![FONT_FAMILY.to_owned()];
    for face in FALLBACK_FACES.iter().filter(|f| f.weight == 400) {
        defs.font_data.insert(
            face.family.to_owned(),
            Arc::new(egui::FontData::from_static(face.data)),
        );
        names.push(face.family.to_owned());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .extend(names.iter().cloned());
    }
    ctx.set_fonts(defs);
    preload_system_fonts();
}
