//! The exported HTML page in a real browser: headless Chromium (Debian's `chromium`,
//! installed by `scripts/test.sh`) loads the page from disk, and the test reads the DOM
//! it built — direction, language, the Persian title, every in-page link resolving to an
//! element, the embedded font loaded (not a system one) — and a screenshot, to see the
//! title set on the right. Without Chromium the test fails and says how to install it.

use std::collections::HashSet;

use crate::common::chromium::run_chromium;
use crate::common::mini;
use gahnegar::export;

/// The values of attribute `name` in serialized HTML.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    html.split(pat.as_str())
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn the_page_works_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = mini();
    let page = dir.path().join("article.html");
    export::write_html(&a, &page, false).unwrap_or_else(|e| panic!("{e}"));

    // A copy that reports, into the DOM, which fonts the browser loaded.
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    let probe = html.replace(
        "</body>",
        "<script>document.fonts.ready.then(() => { document.body.dataset.fonts = \
         [...document.fonts].map(f => f.family.replace(/\"/g, '') + ':' + f.status).join(','); });\
         </script></body>",
    );
    let probe_page = dir.path().join("probe.html");
    std::fs::write(&probe_page, probe).unwrap_or_else(|e| panic!("{e}"));

    let dom = run_chromium(&probe_page, &dir.path().join("profile"), &["--dump-dom"]);
    assert!(
        dom.contains("<html dir=\"rtl\" lang=\"fa\">"),
        "{}",
        &dom[..200.min(dom.len())]
    );
    assert!(
        dom.contains(&format!(
            "<h1 id=\"title\" dir=\"auto\">{}</h1>",
            a.meta.title
        )),
        "the Persian title is in the DOM"
    );
    assert!(
        dom.contains("data-fonts=\"Vazirmatn:loaded\""),
        "embedded font not loaded: {}",
        dom.split("data-fonts=")
            .nth(1)
            .map_or("no report", |s| &s[..80.min(s.len())])
    );

    // Every in-page link lands on an element of the page the browser built.
    let ids: HashSet<&str> = attrs(&dom, "id").into_iter().collect();
    let targets: Vec<&str> = attrs(&dom, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    assert!(targets.len() > 20, "{} links", targets.len());
    for t in &targets {
        assert!(ids.contains(t), "link #{t} has no target in the DOM");
    }
    for e in &a.events {
        let id = format!("event-{}", e.id);
        assert!(ids.contains(id.as_str()), "no element {id}");
        assert!(targets.contains(&id.as_str()), "nothing links to {id}");
        assert!(
            ids.contains(format!("cue-{}", e.id).as_str()),
            "date of {} not linked",
            e.id
        );
        assert!(dom.contains(&e.label), "label «{}»", e.label);
    }
    for s in &a.sources {
        assert!(
            ids.contains(format!("source-{}", s.id).as_str()),
            "source {}",
            s.id
        );
    }
    for c in &a.claims {
        assert!(
            ids.contains(format!("claim-{}", c.id).as_str()),
            "claim {}",
            c.id
        );
    }
    assert!(dom.contains("<svg"), "the timeline picture is inline");
    assert!(!dom.contains("<text"), "the picture needs no font");

    // A screenshot: the title is set right-to-left, at the right of the column.
    let shot = dir.path().join("shot.png");
    run_chromium(
        &page,
        &dir.path().join("profile2"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1000,900",
            "--force-device-scale-factor=1",
        ],
    );
    let bytes = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot: {e}"));
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().unwrap_or_else(|e| panic!("{e}"));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{e}"));
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    assert_eq!((w, h), (1000, 900));
    // Dark pixels (the title's ink) in the band of the title, near the top.
    let dark: Vec<usize> = (20..80)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = &buf[(y * w + x) * channels..][..3];
            p.iter().map(|&c| u32::from(c)).sum::<u32>() < 200
        })
        .map(|(x, _)| x)
        .collect();
    assert!(
        dark.len() > 200,
        "no title ink at the top ({} dark pixels)",
        dark.len()
    );
    let (left, right) = (
        dark.iter().copied().min().unwrap_or(0),
        dark.iter().copied().max().unwrap_or(0),
    );
    assert!(
        right > 800 && left > 400,
        "the title should sit at the right of the column: ink spans x {left}..{right}"
    );
}
