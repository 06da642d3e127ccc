//! What the app remembers between runs (eframe storage).

use super::*;

/// Persistent settings (eframe storage). Documents and caches are not stored here.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// Stored under the key `dark` as a flag, as earlier versions wrote it.
    #[serde(rename = "dark", with = "theme::dark_flag")]
    pub theme: Theme,
    /// Article body size in points.
    pub font_size: f32,
    /// Zoom of the whole window (egui's zoom factor: the article, the timeline, the
    /// sources panel, menus and dialogs alike); 1 is 100 %.
    pub zoom: f32,
    pub calendar: CalendarMode,
    pub direction: TimeDirection,
    pub last_file: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// Ids of the categories whose events are hidden.
    pub hidden_lanes: HashSet<CategoryId>,
    /// Certainties whose events the timeline hides (View → Certainty).
    pub hidden_certainties: HashSet<Certainty>,
    pub timeline: Option<TimelineView>,
    /// Height of the timeline panel under the article (where the splitter between them was
    /// dragged to), points; `None` until it is dragged: then the timeline takes
    /// [`TIMELINE_SHARE`] of the window's height, up to [`DEFAULT_TIMELINE_HEIGHT`].
    pub timeline_height: Option<f32>,
    /// Use the system's file dialogs (rfd); off, or when none is available, an in-app prompt.
    pub native_dialogs: bool,
    /// The library folder last shown (`None`: the platform's default, see
    /// [`crate::library::default_dir`]).
    pub library: Option<PathBuf>,
    /// The library was shown when the app closed: it opens on the library next time.
    pub library_at_start: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Fa,
            theme: Theme::Light,
            font_size: 17.0,
            zoom: 1.0,
            calendar: CalendarMode::default(),
            direction: TimeDirection::default(),
            last_file: None,
            recent: Vec::new(),
            hidden_lanes: HashSet::new(),
            hidden_certainties: HashSet::new(),
            timeline: None,
            timeline_height: None,
            native_dialogs: true,
            library: None,
            library_at_start: false,
        }
    }
}
