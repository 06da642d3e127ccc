//! A [`Scene`] as SVG. Text is drawn as glyph outlines (`<path>`), never `<text>`, so the
//! picture looks the same without the font installed; each run keeps its words in an
//! `aria-label`. Uncertain ends fade through a `<linearGradient>`. Colours are written
//! opaque (the scene pre-blends them; anything else is blended over the background here),
//! never with `fill-opacity`, which several renderers ignore.

use std::fmt::Write as _;

use super::html_escape;
use super::scene::{Item, PathEl, Primitive, Rgba, Scene};
use crate::chart::Shape;

/// Writes a number with at most two decimals, without trailing zeros.
fn num(out: &mut String, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let _ = write!(out, "{r}");
}

fn point(out: &mut String, p: [f32; 2]) {
    num(out, p[0]);
    out.push(' ');
    num(out, p[1]);
}

/// SVG path data of outline elements.
pub fn path_data(path: &[PathEl]) -> String {
    let mut d = String::with_capacity(path.len() * 14);
    for el in path {
        match *el {
            PathEl::MoveTo(p) => {
                d.push('M');
                point(&mut d, p);
            }
            PathEl::LineTo(p) => {
                d.push('L');
                point(&mut d, p);
            }
            PathEl::QuadTo(c, p) => {
                d.push('Q');
                point(&mut d, c);
                d.push(' ');
                point(&mut d, p);
            }
            PathEl::CurveTo(c1, c2, p) => {
                d.push('C');
                point(&mut d, c1);
                d.push(' ');
                point(&mut d, c2);
                d.push(' ');
                point(&mut d, p);
            }
            PathEl::Close => d.push('Z'),
        }
    }
    d
}

/// ` fill="#rrggbb"`, opaque: a translucent colour is blended over `under` first.
fn paint(out: &mut String, attr: &str, c: Rgba, under: Rgba) {
    let c = if c.is_opaque() { c } else { c.over(under) };
    let _ = write!(out, " {attr}=\"{}\"", c.hex());
}

fn attr_num(out: &mut String, name: &str, v: f32) {
    let _ = write!(out, " {name}=\"");
    num(out, v);
    out.push('"');
}

/// The scene as an SVG document; `inline` leaves out the XML declaration, for embedding
/// in HTML, and makes each event's primitives a link to `#event-{id}`.
pub fn to_svg(scene: &Scene, inline: bool) -> String {
    let mut out = String::new();
    if !inline {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr_num(&mut out, "width", scene.width);
    attr_num(&mut out, "height", scene.height);
    out.push_str(" viewBox=\"0 0 ");
    point(&mut out, [scene.width, scene.height]);
    let _ = writeln!(
        out,
        "\" role=\"img\" aria-label=\"{}\">",
        html_escape(&scene.title)
    );
    let _ = writeln!(out, "<title>{}</title>", html_escape(&scene.title));
    out.push_str("<rect width=\"100%\" height=\"100%\"");
    paint(&mut out, "fill", scene.background, Rgba::WHITE);
    out.push_str("/>\n");
    let mut gradients = 0usize;
    let mut open: Option<&str> = None;
    for item in &scene.items {
        let link = if inline { item.event.as_deref() } else { None };
        if open != link {
            if open.is_some() {
                out.push_str("</a>\n");
            }
            if let Some(id) = link {
                let _ = writeln!(out, "<a href=\"#event-{}\">", html_escape(id));
            }
            open = link;
        }
        primitive(&mut out, item, scene.background, &mut gradients);
    }
    if open.is_some() {
        out.push_str("</a>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn primitive(out: &mut String, item: &Item, bg: Rgba, gradients: &mut usize) {
    match &item.primitive {
        Primitive::Shape(Shape::Rect(r)) => {
            let w = (r.max[0] - r.min[0]).max(0.0);
            let gradient = match (r.fill, r.fade_stops()) {
                (Some(fill), Some(stops)) => {
                    *gradients += 1;
                    let id = format!("fade{gradients}");
                    let _ = write!(
                        out,
                        "<linearGradient id=\"{id}\" gradientUnits=\"userSpaceOnUse\""
                    );
                    attr_num(out, "x1", r.min[0]);
                    attr_num(out, "x2", r.max[0]);
                    out.push_str(" y1=\"0\" y2=\"0\">");
                    let solid = if fill.is_opaque() {
                        fill
                    } else {
                        fill.over(r.under)
                    };
                    for (offset, under) in stops {
                        out.push_str("<stop");
                        attr_num(out, "offset", offset);
                        let c = if under { r.under.over(bg) } else { solid };
                        let _ = write!(out, " stop-color=\"{}\"", c.hex());
                        out.push_str("/>");
                    }
                    out.push_str("</linearGradient>\n");
                    Some(id)
                }
                _ => None,
            };
            out.push_str("<rect");
            attr_num(out, "x", r.min[0]);
            attr_num(out, "y", r.min[1]);
            attr_num(out, "width", w);
            attr_num(out, "height", (r.max[1] - r.min[1]).max(0.0));
            if r.radius > 0.0 {
                attr_num(out, "rx", r.radius);
            }
            match (gradient, r.fill) {
                (Some(id), _) => {
                    let _ = write!(out, " fill=\"url(#{id})\"");
                }
                (None, Some(c)) => paint(out, "fill", c, r.under),
                (None, None) => out.push_str(" fill=\"none\""),
            }
            stroke_attr(out, r.stroke, bg);
            out.push_str("/>\n");
        }
        Primitive::Shape(Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        }) => {
            out.push_str("<circle");
            attr_num(out, "cx", center[0]);
            attr_num(out, "cy", center[1]);
            attr_num(out, "r", *radius);
            match fill {
                Some(c) => paint(out, "fill", *c, bg),
                None => out.push_str(" fill=\"none\""),
            }
            stroke_attr(out, *stroke, bg);
            out.push_str("/>\n");
        }
        Primitive::Shape(Shape::Line {
            from,
            to,
            width,
            color,
        }) => {
            out.push_str("<line");
            attr_num(out, "x1", from[0]);
            attr_num(out, "y1", from[1]);
            attr_num(out, "x2", to[0]);
            attr_num(out, "y2", to[1]);
            paint(out, "stroke", *color, bg);
            attr_num(out, "stroke-width", *width);
            out.push_str("/>\n");
        }
        Primitive::Shape(Shape::Text { .. }) => {}
        Primitive::Text {
            text, path, color, ..
        } => {
            if path.is_empty() {
                return;
            }
            let _ = write!(
                out,
                "<path aria-label=\"{}\" d=\"{}\"",
                html_escape(text),
                path_data(path)
            );
            paint(out, "fill", *color, bg);
            out.push_str(" stroke=\"none\"/>\n");
        }
    }
}

/// ` stroke="…" stroke-width="…"`, or ` stroke="none"`: written out, since some renderers
/// (ImageMagick's) do not default to none.
fn stroke_attr(out: &mut String, stroke: Option<(f32, Rgba)>, bg: Rgba) {
    match stroke {
        Some((w, c)) => {
            paint(out, "stroke", c, bg);
            attr_num(out, "stroke-width", w);
        }
        None => out.push_str(" stroke=\"none\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        for (v, want) in [
            (0.0, "0"),
            (-0.001, "0"),
            (1.0, "1"),
            (1.5, "1.5"),
            (2.3456, "2.35"),
            (-7.125, "-7.13"),
            (f32::NAN, "0"),
        ] {
            let mut s = String::new();
            num(&mut s, v);
            assert_eq!(s, want, "{v}");
        }
    }

    #[test]
    fn path_data_of_each_element() {
        let d = path_data(&[
            PathEl::MoveTo([1.0, 2.0]),
            PathEl::LineTo([3.0, 4.0]),
            PathEl::QuadTo([5.0, 6.0], [7.0, 8.0]),
            PathEl::CurveTo([1.0, 1.0], [2.0, 2.0], [3.5, 3.0]),
            PathEl::Close,
        ]);
        assert_eq!(d, "M1 2L3 4Q5 6 7 8C1 1 2 2 3.5 3Z");
    }
}
