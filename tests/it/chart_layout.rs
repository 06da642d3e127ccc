//! The chart's headless layout, checked by geometry: on the built-in article and on a
//! generated article of 1,000 events, at 20 zoom levels and three widths, in both time
//! directions, as the widget lays it out and as the image export does, no label overlaps
//! another label or a mark that is not its own, every label stays inside the chart and
//! within reach of its mark, and a label away from its mark's sub-row has a leader line.

use gahnegar::chart::layout::{ChartSpec, Clustering, LaneLayout, layout_lanes};
use gahnegar::chart::paint::{LABEL_HALF_H, marker_half_height};
use gahnegar::chart::sizes::{EXPORT_ROWS, LABEL_REACH, WIDGET_ROWS, row_y};
use gahnegar::chart::{EventIndex, EventSet, Filters, MarkKind, TimeDirection, Transform};
use gahnegar::model::{Anchor, Article, Day, Event, FuzzyDate, Meta, Precision, news_categories};
use gahnegar::text::TextEngine;

/// A box: left, top, right, bottom.
type Box4 = [f32; 4];

fn overlap(a: Box4, b: Box4) -> bool {
    const EPS: f32 = 0.5;
    a[0] < b[2] - EPS && b[0] < a[2] - EPS && a[1] < b[3] - EPS && b[1] < a[3] - EPS
}

fn distance(a: Box4, b: Box4) -> f32 {
    let dx = (b[0] - a[2]).max(a[0] - b[2]).max(0.0);
    let dy = (b[1] - a[3]).max(a[1] - b[3]).max(0.0);
    dx.hypot(dy)
}

/// A generated article: 1,000 events from 1918 to 2024, days, months, years, seasons,
/// decades and ranges, with labels of different lengths.
fn generated(n: usize) -> Article {
    let words = [
        "نشست",
        "گفت‌وگوی",
        "قرارداد",
        "سفر",
        "بیانیه",
        "رزمایش",
        "گزارش",
        "توافق",
    ];
    let places = [
        "در باکو",
        "در اورشلیم",
        "میان دو کشور",
        "در منطقه",
        "با میانجی",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m.max(1)
    };
    let lo = Day::new(1918, 1, 1).map_or(0, |d| d.day_number());
    let hi = Day::new(2024, 12, 31).map_or(40_000, |d| d.day_number());
    let categories = news_categories();
    let events = (0..n)
        .map(|i| {
            // Most events in the last thirty years, as in real articles.
            let start = if next(4) == 0 {
                lo + next(u64::try_from(hi - lo).unwrap_or(1)) as i64
            } else {
                hi - next(11_000) as i64
            };
            let (len, precision) = match next(10) {
                0..=4 => (0, Precision::Day),
                5 => (29, Precision::Month),
                6 => (364, Precision::Year),
                7 => (90, Precision::Season),
                8 => (3652, Precision::Decade),
                _ => (next(1500) as i64, Precision::Range),
            };
            let end = (start + len).min(hi);
            let label = format!(
                "{} {} {}",
                words[i % words.len()],
                places[(i / 3) % places.len()],
                i
            );
            Event {
                id: format!("g{i}"),
                date: FuzzyDate::new(
                    Day::from_day_number(start),
                    Day::from_day_number(end),
                    precision,
                    "",
                ),
                category: categories[(i * 7 + i / 5) % categories.len()].id.clone(),
                label,
                anchor: Anchor::new("p1", ""),
            }
        })
        .collect();
    Article {
        schema: gahnegar::model::SCHEMA_VERSION,
        meta: Meta {
            title: "مقاله آزمایشی".to_owned(),
            ..Meta::default()
        },
        categories,
        blocks: Vec::new(),
        events,
        sources: Vec::new(),
        claims: Vec::new(),
    }
}

/// Checks one layout; returns the number of labels and of those displaced to another
/// sub-row (with a leader line).
fn check(lanes: &[LaneLayout], bounds: (f32, f32), what: &str) -> (usize, usize) {
    let displaced = lanes
        .iter()
        .flat_map(|l| l.marks.iter())
        .filter(|m| m.label.is_some_and(|l| l.leader.is_some()))
        .count();
    let mut labels: Vec<(usize, usize, Box4)> = Vec::new();
    let mut marks: Vec<(usize, usize, Box4)> = Vec::new();
    for (k, lane) in lanes.iter().enumerate() {
        for (j, m) in lane.marks.iter().enumerate() {
            let y = lane.top + row_y(m.row);
            let h = marker_half_height(m);
            let x = (m.x.0.max(bounds.0 - 2.0), m.x.1.min(bounds.1 + 2.0));
            if x.1 > x.0 {
                marks.push((k, j, [x.0, y - h, x.1, y + h]));
            }
            if let Some(l) = m.label {
                let ly = lane.top + row_y(l.row);
                let b = [l.x.0, ly - LABEL_HALF_H, l.x.1, ly + LABEL_HALF_H];
                assert!(
                    l.x.0 >= bounds.0 - 0.5 && l.x.1 <= bounds.1 + 0.5,
                    "{what}: label {b:?} leaves the chart {bounds:?}"
                );
                if l.row != m.row {
                    assert!(
                        l.leader.is_some(),
                        "{what}: displaced label {b:?} has no leader"
                    );
                }
                if m.kind == MarkKind::Cluster {
                    panic!("{what}: a cluster has a label");
                }
                labels.push((k, j, b));
            }
        }
    }
    for (i, &(k, j, a)) in labels.iter().enumerate() {
        for &(k2, j2, b) in &labels[i + 1..] {
            assert!(
                !overlap(a, b),
                "{what}: label {a:?} (lane {k}, mark {j}) overlaps label {b:?} (lane {k2}, mark {j2})"
            );
        }
        for &(k2, j2, b) in &marks {
            let own = k2 == k && j2 == j;
            if !own {
                assert!(
                    !overlap(a, b),
                    "{what}: label {a:?} (lane {k}, mark {j}) covers mark {b:?} (lane {k2}, mark {j2})"
                );
            }
        }
        let own = marks
            .iter()
            .find(|&&(k2, j2, _)| k2 == k && j2 == j)
            .map(|&(_, _, b)| b);
        if let Some(own) = own {
            let d = distance(a, own);
            assert!(
                d <= LABEL_REACH,
                "{what}: label {a:?} is {d} pt from its mark {own:?}"
            );
        }
    }
    (labels.len(), displaced)
}

#[test]
fn labels_never_mislead_at_any_zoom() {
    let mut engine = TextEngine::new();
    let none = EventSet::default();
    for (name, article) in [
        ("built-in", gahnegar::store::builtin()),
        ("1,000 events", generated(1000)),
    ] {
        let index = EventIndex::build(&article);
        let Some((lo, hi)) = index.span else {
            panic!("{name}: no events")
        };
        let shown = index.shown_lanes(None);
        let (mut labelled, mut displaced) = (0, 0);
        for width in [640.0f32, 1000.0, 1600.0] {
            for direction in [TimeDirection::RightToLeft, TimeDirection::LeftToRight] {
                for zoom in 0..20 {
                    // From the whole span down to about a month, centred on the dense end.
                    let span = (hi - lo) * 1.1 / 1.6f64.powi(zoom);
                    let centre = hi - (hi - lo) * 0.12;
                    let tr = Transform::new(
                        0.0,
                        width,
                        (centre - span * 0.5, centre + span * 0.5),
                        direction,
                    );
                    for (who, clustering, rows) in [
                        ("widget", Clustering::for_zoom(&tr), WIDGET_ROWS),
                        ("image", Clustering::Never, EXPORT_ROWS),
                    ] {
                        let spec = ChartSpec {
                            article: &article,
                            index: &index,
                            transform: &tr,
                            filters: Filters {
                                visible: None,
                                marked: &none,
                                selected: index.position("e16").or(index.position("g500")),
                            },
                            clustering,
                            max_rows: rows,
                        };
                        let lanes = layout_lanes(&spec, &shown, &mut engine);
                        let what = format!("{name}, {who}, {width} pt, {direction:?}, zoom {zoom}");
                        let (n, d) = check(&lanes, (2.0, width - 2.0), &what);
                        labelled += n;
                        displaced += d;
                        for l in &lanes {
                            assert!(l.rows >= 1 && l.rows <= rows, "{what}: {} rows", l.rows);
                        }
                    }
                }
            }
        }
        assert!(
            labelled > 500,
            "{name}: only {labelled} labels placed in all"
        );
        // Visible with `--nocapture`.
        eprintln!("{name}: {labelled} labels, {displaced} of them tied by a leader line");
    }
}

/// The crowded Diplomacy lane of the built-in article: every event of it from 1990 on
/// gets a label at 1000 pt, and the 1990s meeting's label is not on the 2000–2004 bar.
#[test]
fn the_diplomacy_lane_labels_every_event() {
    let article = gahnegar::store::builtin();
    let index = EventIndex::build(&article);
    let none = EventSet::default();
    let d = |y: i32| Day::new(y, 1, 1).map_or(0.0, |d| d.day_number() as f64);
    let tr = Transform::new(0.0, 1000.0, (d(1988), d(2026)), TimeDirection::RightToLeft);
    let diplomacy = index
        .lanes
        .iter()
        .position(|l| {
            l.lane
                .and_then(|c| article.categories.get(usize::from(c)))
                .is_some_and(|c| c.id == "diplomacy")
        })
        .unwrap_or_else(|| panic!("no diplomacy lane"));
    let spec = ChartSpec {
        article: &article,
        index: &index,
        transform: &tr,
        filters: Filters {
            visible: None,
            marked: &none,
            selected: None,
        },
        clustering: Clustering::Auto,
        max_rows: WIDGET_ROWS,
    };
    let lanes = layout_lanes(&spec, &[diplomacy], &mut TextEngine::new());
    check(&lanes, (2.0, 998.0), "diplomacy");
    let lane = &lanes[0];
    let unlabelled: Vec<&str> = lane
        .marks
        .iter()
        .filter(|m| m.kind != MarkKind::Cluster && m.label.is_none())
        .filter_map(|m| index.items.get(m.item as usize))
        .filter_map(|it| article.events.get(it.event as usize))
        .map(|e| e.label.as_str())
        .collect();
    assert!(unlabelled.is_empty(), "unlabelled: {unlabelled:?}");
}
