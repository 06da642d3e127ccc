//! The embedded Vazirmatn font, registered with parley (all Persian text) and with egui
//! (short Latin UI chrome). No system fonts are scanned, so every machine renders alike.

use std::sync::Arc;

/// Vazirmatn, variable weight (OFL, see `fonts/OFL.txt`).
pub static VAZIRMATN: &[u8] = include_bytes!("../../fonts/Vazirmatn-Variable.ttf");

/// The family name parley knows the embedded font by.
pub const FONT_FAMILY: &str = "Vazirmatn";

/// A parley font context holding only the embedded font.
pub fn font_context() -> parley::FontContext {
    let mut fcx = parley::FontContext {
        collection: parley::fontique::Collection::new(parley::fontique::CollectionOptions {
            shared: false,
            system_fonts: false,
        }),
        source_cache: parley::fontique::SourceCache::default(),
    };
    fcx.collection
        .register_fonts(parley::fontique::Blob::new(Arc::new(VAZIRMATN)), None);
    fcx
}

/// Installs Vazirmatn as egui's proportional and monospace font.
pub fn install_egui_fonts(ctx: &egui::Context) {
    let mut defs = egui::FontDefinitions::empty();
    defs.font_data.insert(
        FONT_FAMILY.to_owned(),
        Arc::new(egui::FontData::from_static(VAZIRMATN)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push(FONT_FAMILY.to_owned());
    }
    ctx.set_fonts(defs);
}
