//! The exported SVG looks the same in other renderers as the PNG Gahnegar renders itself:
//! headless Chromium and ImageMagick's own SVG renderer (MSVG) draw the built-in article's
//! timeline, and their pixels are compared with vello_cpu's. The SVG has only opaque
//! colours (no `fill-opacity`, which ImageMagick ignored, painting the lane bands black).
//! `scripts/test.sh` installs both renderers on a fresh machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gahnegar::chart::{Shape, palette};
use gahnegar::export::scene::Primitive;
use gahnegar::export::{ImageOptions, raster, svg, timeline_scene};
use gahnegar::model::Theme;
use gahnegar::text::TextEngine;
use gahnegar::ui::Lang;

/// A program named `name` on the `PATH` (or in `$var`), or a panic saying how to get it.
fn program(name: &str, var: &str, package: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(var) {
        return PathBuf::from(p);
    }
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!(
                "`{name}` is needed for this test and was not found on the PATH: install \
                 Debian's `{package}` (scripts/test.sh does), or point ${var} at it"
            )
        })
}

/// Runs `cmd` to completion within a minute; panics with its error output if it fails.
fn run(mut cmd: Command, what: &str) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let mut err = child.stderr.take();
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = err.as_mut() {
            let _ = std::io::Read::read_to_string(e, &mut s);
        }
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within 60 s");
            }
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    };
    let err = err.join().unwrap_or_default();
    assert!(status.success(), "{what} failed ({status}):\n{err}");
}

/// RGB rows of a PNG file, with its size.
fn rgb(path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec
        .read_info()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{e}"));
    let n = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks_exact(n)
        .map(|p| match n {
            1 | 2 => [p[0]; 3],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width as usize, info.height as usize, px)
}

/// Share of pixels differing by more than `by` in some channel, after a 3×3 box blur of
/// both (antialiasing differs between renderers), and the mean difference.
fn compare(a: &[[u8; 3]], b: &[[u8; 3]], w: usize, h: usize, by: u8) -> (f64, f64) {
    let blur = |img: &[[u8; 3]], x: usize, y: usize| -> [f64; 3] {
        let mut s = [0.0; 3];
        let mut n = 0.0;
        for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
            for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                for (c, v) in img[yy * w + xx].iter().enumerate() {
                    s[c] += f64::from(*v);
                }
                n += 1.0;
            }
        }
        s.map(|v| v / n)
    };
    let (mut over, mut total) = (0usize, 0.0);
    for y in 0..h {
        for x in 0..w {
            let (p, q) = (blur(a, x, y), blur(b, x, y));
            let d = (0..3).map(|c| (p[c] - q[c]).abs()).fold(0.0, f64::max);
            total += d;
            if d > f64::from(by) {
                over += 1;
            }
        }
    }
    let n = (w * h) as f64;
    (over as f64 / n, total / n)
}

#[test]
fn chromium_and_imagemagick_render_the_svg_as_gahnegar_does() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let article = gahnegar::store::builtin();
    let options = ImageOptions {
        width: 1000.0,
        ..ImageOptions::new(Lang::Fa)
    };
    let scene = timeline_scene(&article, &options, &mut TextEngine::new());
    let text = svg::to_svg(&scene, false);
    assert!(!text.contains("opacity"), "the SVG has only opaque colours");
    let svg_path = dir.path().join("t.svg");
    std::fs::write(&svg_path, &text).unwrap_or_else(|e| panic!("{e}"));
    let band = scene
        .items
        .iter()
        .find_map(|i| match &i.primitive {
            Primitive::Shape(Shape::Rect(r))
                if r.fill == Some(palette::lane_band(0, Theme::Light))
                    && r.max[0] - r.min[0] > 500.0 =>
            {
                Some((r.min[0] as usize + 40, r.min[1] as usize + 3))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no lane band in the scene"));
    let (w, h, ours) = raster::render_rgba(&scene, 1.0).unwrap_or_else(|e| panic!("{e}"));
    let (w, h) = (usize::from(w), usize::from(h));
    let ours: Vec<[u8; 3]> = ours.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();

    // ImageMagick's own renderer (not a delegate).
    let im = dir.path().join("im.png");
    let mut cmd = Command::new(program("convert", "IMAGEMAGICK", "imagemagick"));
    cmd.arg(format!("msvg:{}", svg_path.display())).arg(&im);
    run(cmd, "ImageMagick");
    // Chromium, the SVG as the page, at its size.
    let cr = dir.path().join("chromium.png");
    let mut cmd = Command::new(program("chromium", "CHROMIUM", "chromium"));
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ])
    .arg(format!(
        "--user-data-dir={}",
        dir.path().join("profile").display()
    ))
    .arg(format!("--window-size={w},{h}"))
    .arg(format!("--screenshot={}", cr.display()))
    .arg(format!("file://{}", svg_path.display()));
    run(cmd, "Chromium");

    for (name, path) in [("ImageMagick", &im), ("Chromium", &cr)] {
        let (tw, th, theirs) = rgb(path);
        assert!(
            tw >= w && th >= h,
            "{name}: {tw}×{th}, the picture is {w}×{h}"
        );
        // Cut to the picture's size (a browser window may be larger).
        let theirs: Vec<[u8; 3]> = (0..h)
            .flat_map(|y| theirs[y * tw..y * tw + w].iter().copied())
            .collect();
        // The first lane's band (ImageMagick used to paint it black), inside its corner.
        let (bx, by) = band;
        let (p, q) = (ours[by * w + bx], theirs[by * w + bx]);
        assert!(
            (0..3).all(|c| p[c].abs_diff(q[c]) <= 6),
            "{name}: the lane band at ({bx}, {by}) is {q:?}, Gahnegar paints {p:?}"
        );
        let (share, mean) = compare(&ours, &theirs, w, h, 48);
        // Glyph edges and gradients are antialiased differently; a wrong colour over a
        // lane band or a bar would be tens of percent.
        if share > 0.05 || mean > 6.0 {
            let keep = std::env::temp_dir().join(format!("svg-{name}.png"));
            let _ = std::fs::copy(path, &keep);
            panic!(
                "{name} differs from Gahnegar's PNG: {:.2}% of pixels by more than 48, mean {mean:.2} \
                 (its picture: {})",
                share * 100.0,
                keep.display()
            );
        }
        eprintln!(
            "{name}: {:.3}% of pixels differ, mean difference {mean:.2}",
            share * 100.0
        );
    }
}
