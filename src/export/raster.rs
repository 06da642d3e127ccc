//! A [`Scene`] as pixels: vello_cpu (already in the tree through epaint) fills the same
//! paths the SVG holds, and the `png` crate encodes them. The SIMD level is the baseline
//! (`Level::baseline`, fixed at compile time) so the pixels do not depend on the CPU.

use vello_cpu::color::{AlphaColor, Srgb};
use vello_cpu::kurbo::{Affine, BezPath, Circle, Line, Point, Rect, RoundedRect, Shape as _};
use vello_cpu::peniko::{ColorStop, Extend, Gradient, LinearGradientPosition};
use vello_cpu::{Level, Pixmap, RenderContext, RenderSettings, Resources};

use super::scene::{PathEl, Primitive, Rgba, Scene};
use crate::chart::Shape;

/// Largest side of a rendered image, pixels.
pub const MAX_SIDE: u32 = 16_384;

fn color(c: Rgba) -> AlphaColor<Srgb> {
    let [r, g, b, a] = c.0;
    AlphaColor::from_rgba8(r, g, b, a)
}

fn pt(p: [f32; 2]) -> Point {
    Point::new(f64::from(p[0]), f64::from(p[1]))
}

fn bez(path: &[PathEl]) -> BezPath {
    let mut b = BezPath::new();
    for el in path {
        match *el {
            PathEl::MoveTo(p) => b.move_to(pt(p)),
            PathEl::LineTo(p) => b.line_to(pt(p)),
            PathEl::QuadTo(c, p) => b.quad_to(pt(c), pt(p)),
            PathEl::CurveTo(c1, c2, p) => b.curve_to(pt(c1), pt(c2), pt(p)),
            PathEl::Close => b.close_path(),
        }
    }
    b
}

/// The image's size in pixels at `scale`, or why it cannot be made.
pub fn pixel_size(scene: &Scene, scale: f32) -> Result<(u16, u16), String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("the scale {scale} is not a positive number"));
    }
    // Truncation is intended after the bounds check below.
    let side = |v: f32| (v * scale).ceil().max(1.0);
    let (w, h) = (side(scene.width), side(scene.height));
    if w > MAX_SIDE as f32 || h > MAX_SIDE as f32 {
        return Err(format!(
            "{w}×{h} pixels is larger than the limit of {MAX_SIDE} pixels a side"
        ));
    }
    Ok((w as u16, h as u16))
}

/// Renders the scene at `scale` pixels per point: straight-alpha RGBA rows, with the size.
pub fn render_rgba(scene: &Scene, scale: f32) -> Result<(u16, u16, Vec<u8>), String> {
    let (w, h) = pixel_size(scene, scale)?;
    let settings = RenderSettings {
        level: Level::baseline(),
        ..RenderSettings::default()
    };
    let mut ctx = RenderContext::new_with(w, h, settings);
    ctx.set_transform(Affine::scale(f64::from(scale)));
    ctx.set_paint(color(scene.background));
    ctx.fill_rect(&Rect::new(
        0.0,
        0.0,
        f64::from(scene.width),
        f64::from(scene.height),
    ));
    for item in &scene.items {
        match &item.primitive {
            Primitive::Shape(Shape::Rect(r)) => {
                let rect = Rect::from_points(pt(r.min), pt(r.max));
                let path = if r.radius > 0.0 {
                    RoundedRect::from_rect(rect, f64::from(r.radius)).to_path(0.05)
                } else {
                    rect.to_path(0.05)
                };
                if let Some(fill) = r.fill {
                    match r.fade_stops() {
                        Some(stops) => {
                            let (c, u) = (color(fill), color(r.under));
                            let stops = stops.map(|(at, under)| {
                                ColorStop::from((at, if under { u } else { c }))
                            });
                            ctx.set_paint(Gradient {
                                kind: LinearGradientPosition {
                                    start: Point::new(rect.x0, 0.0),
                                    end: Point::new(rect.x1, 0.0),
                                }
                                .into(),
                                stops: stops.as_slice().into(),
                                extend: Extend::Pad,
                                ..Default::default()
                            });
                        }
                        None => ctx.set_paint(color(fill)),
                    }
                    ctx.fill_path(&path);
                }
                if let Some((w, c)) = r.stroke {
                    ctx.set_stroke(vello_cpu::kurbo::Stroke::new(f64::from(w)));
                    ctx.set_paint(color(c));
                    ctx.stroke_path(&path);
                }
            }
            Primitive::Shape(Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            }) => {
                let path = Circle::new(pt(*center), f64::from(*radius)).to_path(0.05);
                if let Some(c) = fill {
                    ctx.set_paint(color(*c));
                    ctx.fill_path(&path);
                }
                if let Some((w, c)) = stroke {
                    ctx.set_stroke(vello_cpu::kurbo::Stroke::new(f64::from(*w)));
                    ctx.set_paint(color(*c));
                    ctx.stroke_path(&path);
                }
            }
            Primitive::Shape(Shape::Line {
                from,
                to,
                width,
                color: c,
            }) => {
                ctx.set_stroke(vello_cpu::kurbo::Stroke::new(f64::from(*width)));
                ctx.set_paint(color(*c));
                ctx.stroke_path(&Line::new(pt(*from), pt(*to)).to_path(0.05));
            }
            Primitive::Shape(Shape::Text { .. }) => {}
            Primitive::Text { path, color: c, .. } => {
                if !path.is_empty() {
                    ctx.set_paint(color(*c));
                    ctx.fill_path(&bez(path));
                }
            }
        }
    }
    ctx.flush();
    let mut pixmap = Pixmap::new(w, h);
    ctx.render(&mut pixmap, &mut Resources::new());
    // Over an opaque background every pixel is opaque; the u8 pipeline's rounding can
    // leave 254, which is put right.
    let opaque = scene.background.0[3] == 255;
    let rgba = pixmap
        .take_unpremultiplied()
        .into_iter()
        .flat_map(|p| [p.r, p.g, p.b, if opaque { 255 } else { p.a }])
        .collect();
    Ok((w, h, rgba))
}

/// Encodes straight-alpha RGBA rows as PNG.
pub fn encode_png(w: u16, h: u16, rgba: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, u32::from(w), u32::from(h));
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgba).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The scene as a PNG file's bytes at `scale` pixels per point.
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, String> {
    let (w, h, rgba) = render_rgba(scene, scale)?;
    encode_png(w, h, &rgba)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::paint::RectShape;

    fn scene(items: Vec<Primitive>) -> Scene {
        Scene {
            width: 20.0,
            height: 10.0,
            background: Rgba([255, 255, 255, 255]),
            title: String::new(),
            caption: String::new(),
            items: items
                .into_iter()
                .map(|primitive| super::super::scene::Item {
                    primitive,
                    event: None,
                })
                .collect(),
        }
    }

    #[test]
    fn fills_land_where_they_should() {
        let s = scene(vec![Primitive::Shape(Shape::Rect(RectShape {
            min: [10.0, 0.0],
            max: [20.0, 10.0],
            radius: 0.0,
            fill: Some(Rgba([255, 0, 0, 255])),
            stroke: None,
            fade: [0.0; 2],
            under: Rgba([255, 255, 255, 255]),
        }))]);
        for scale in [1.0, 2.0] {
            let (w, h, px) = render_rgba(&s, scale).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((f32::from(w), f32::from(h)), (20.0 * scale, 10.0 * scale));
            let at = |x: usize, y: usize| &px[(y * usize::from(w) + x) * 4..][..4];
            assert_eq!(at(1, 1), [255, 255, 255, 255], "scale {scale}");
            assert_eq!(at(usize::from(w) - 2, 1), [255, 0, 0, 255], "scale {scale}");
        }
    }

    #[test]
    fn refuses_absurd_sizes() {
        let s = scene(vec![]);
        for scale in [0.0, -1.0, f32::NAN, 1000.0] {
            assert!(pixel_size(&s, scale).is_err(), "scale {scale}");
        }
    }
}
