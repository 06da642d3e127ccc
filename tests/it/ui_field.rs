//! The Persian text field driven by real key and pointer events through AccessKit: typing,
//! caret movement in mixed-direction text, selection, copy, ZWNJ input, undo, and a
//! snapshot of what it shows. All test text is written for these tests.

use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::text::{TextField, field_selection};

use crate::common::clipboard::{copied, press_copy};

const LABEL: &str = "فیلد آزمایشی";

#[derive(Default)]
struct State {
    text: String,
    id: Option<egui::Id>,
    submitted: usize,
    rtl_ui: bool,
}

fn harness(rtl_ui: bool, text: &str) -> Harness<'static, State> {
    let state = State {
        text: text.to_owned(),
        rtl_ui,
        ..State::default()
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(360.0, 60.0))
        .with_pixels_per_point(1.0)
        // Real frame times, so that two clicks can make a double click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, s: &mut State| {
                gahnegar::text::fonts::install_egui_fonts(ui.ctx());
                let layout = if s.rtl_ui {
                    egui::Layout::right_to_left(egui::Align::Center)
                } else {
                    egui::Layout::left_to_right(egui::Align::Center)
                };
                ui.with_layout(layout, |ui| {
                    let out = TextField::singleline(&mut s.text)
                        .label(LABEL)
                        .width(320.0)
                        .size(18.0)
                        .show(ui);
                    s.id = Some(out.response.id);
                    if out.submitted {
                        s.submitted += 1;
                    }
                });
            },
            state,
        );
    h.run();
    h.get_by_label(LABEL).click();
    h.run();
    h
}

fn key(h: &mut Harness<'_, State>, key: Key, modifiers: Modifiers) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn type_text(h: &mut Harness<'_, State>, t: &str) {
    h.get_by_label(LABEL).type_text(t);
    h.run();
}

/// (selection, caret) of the field.
fn sel(h: &Harness<'_, State>) -> (std::ops::Range<usize>, usize) {
    let id = h
        .state()
        .id
        .unwrap_or_else(|| panic!("the field did not show"));
    field_selection(&h.ctx, id).unwrap_or_else(|| panic!("no field state"))
}

fn value(h: &Harness<'_, State>) -> String {
    h.get_by_label(LABEL).value().unwrap_or_default()
}

#[test]
fn typed_persian_with_digits_keeps_its_value_and_caret() {
    let mut h = harness(true, "");
    type_text(&mut h, "سال ۲۰۱۹");
    assert_eq!(value(&h), "سال ۲۰۱۹");
    assert_eq!(h.state().text, "سال ۲۰۱۹");
    let len = "سال ۲۰۱۹".len();
    assert_eq!(sel(&h), (len..len, len));
    h.snapshot("field_persian_digits");
}

#[test]
fn home_then_arrows_move_on_screen_and_typing_follows_the_caret() {
    let mut h = harness(true, "سلام");
    key(&mut h, Key::Home, Modifiers::NONE);
    assert_eq!(sel(&h).1, 0, "Home goes to the logical start");
    // In a right-to-left line the logical start is the right edge: → has nowhere to go.
    key(&mut h, Key::ArrowRight, Modifiers::NONE);
    key(&mut h, Key::ArrowRight, Modifiers::NONE);
    assert_eq!(sel(&h).1, 0, "→ at the right edge stays");
    // ← moves into the text on screen, which is forward in logical order.
    key(&mut h, Key::ArrowLeft, Modifiers::NONE);
    key(&mut h, Key::ArrowLeft, Modifiers::NONE);
    assert_eq!(sel(&h).1, "سل".len());
    type_text(&mut h, "ت");
    assert_eq!(value(&h), "سلتام", "the letter goes where the caret stood");
    // And → comes back the way ← went.
    key(&mut h, Key::ArrowRight, Modifiers::NONE);
    assert_eq!(sel(&h).1, "سل".len());
}

#[test]
fn arrows_in_a_latin_field_move_forward_to_the_right() {
    let mut h = harness(false, "abc");
    key(&mut h, Key::Home, Modifiers::NONE);
    key(&mut h, Key::ArrowRight, Modifiers::NONE);
    key(&mut h, Key::ArrowRight, Modifiers::NONE);
    type_text(&mut h, "X");
    assert_eq!(value(&h), "abXc");
}

#[test]
fn shift_arrows_over_a_latin_run_select_it_like_a_browser() {
    let text = "در INSS گفت";
    let mut h = harness(true, text);
    key(&mut h, Key::Home, Modifiers::NONE);
    // Over «در» and the space, right to left on screen.
    for _ in 0..3 {
        key(&mut h, Key::ArrowLeft, Modifiers::NONE);
    }
    assert_eq!(sel(&h).1, "در ".len());
    // Shift+← four times crosses the Latin run on screen: exactly «INSS» is selected.
    for _ in 0..4 {
        key(&mut h, Key::ArrowLeft, Modifiers::SHIFT);
    }
    let (r, _) = sel(&h);
    assert_eq!(&text[r], "INSS");
    assert_eq!(press_copy(&mut h).as_deref(), Some("INSS"));
}

#[test]
fn copying_a_mixed_selection_gives_the_logical_text() {
    let text = "در INSS گفت";
    let mut h = harness(true, text);
    // From the logical end (the left edge on screen) Shift+→ crosses «گفت», the space and
    // then «I» on screen. A selection is one logical range, as in browsers: it runs from
    // the end back to just after «I», so the copy is «NSS گفت», in logical order.
    key(&mut h, Key::End, Modifiers::NONE);
    for _ in 0..5 {
        key(&mut h, Key::ArrowRight, Modifiers::SHIFT);
    }
    let (r, caret) = sel(&h);
    assert_eq!(r, "در I".len()..text.len());
    assert_eq!(caret, "در I".len());
    assert_eq!(press_copy(&mut h).as_deref(), Some("NSS گفت"));
    // Shift+Ctrl+← twice from the logical start selects «در» and the space after it.
    key(&mut h, Key::Home, Modifiers::NONE);
    key(&mut h, Key::ArrowLeft, Modifiers::SHIFT | Modifiers::CTRL);
    key(&mut h, Key::ArrowLeft, Modifiers::SHIFT | Modifiers::CTRL);
    assert_eq!(press_copy(&mut h).as_deref(), Some("در "));
    // Select all and copy: the whole text, logical order.
    key(&mut h, Key::A, Modifiers::COMMAND);
    assert_eq!(press_copy(&mut h).as_deref(), Some(text));
}

#[test]
fn shift_space_and_ctrl_shift_2_type_a_zwnj() {
    let mut h = harness(true, "");
    type_text(&mut h, "می");
    // A real keyboard sends the key and then the space as text; the space must not follow.
    h.event(Event::Key {
        key: Key::Space,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(Event::Text(" ".to_owned()));
    h.run();
    type_text(&mut h, "خواهم");
    assert_eq!(value(&h), "می\u{200c}خواهم");
    type_text(&mut h, " کتاب");
    key(&mut h, Key::Num2, Modifiers::CTRL | Modifiers::SHIFT);
    type_text(&mut h, "ها");
    assert_eq!(value(&h), "می\u{200c}خواهم کتاب\u{200c}ها");
    // Ctrl+← from the end stops at the start of «کتاب‌ها»: the ZWNJ does not end the word.
    key(&mut h, Key::End, Modifiers::NONE);
    key(&mut h, Key::ArrowRight, Modifiers::CTRL);
    assert_eq!(sel(&h).1, "می\u{200c}خواهم ".len());
}

#[test]
fn undo_and_redo_restore_text_and_caret() {
    let mut h = harness(true, "");
    type_text(&mut h, "خبر");
    type_text(&mut h, " ");
    type_text(&mut h, "تازه");
    key(&mut h, Key::Backspace, Modifiers::NONE);
    assert_eq!(value(&h), "خبر تاز");
    key(&mut h, Key::Z, Modifiers::COMMAND);
    assert_eq!(value(&h), "خبر تازه");
    key(&mut h, Key::Z, Modifiers::COMMAND);
    assert_eq!(value(&h), "خبر ");
    key(&mut h, Key::Z, Modifiers::COMMAND | Modifiers::SHIFT);
    assert_eq!(value(&h), "خبر تازه");
    assert_eq!(sel(&h).1, "خبر تازه".len());
}

#[test]
fn paste_and_cut_go_through_the_clipboard_events() {
    let mut h = harness(true, "");
    h.event(Event::Paste("سخنگوی\nوزارت".to_owned()));
    h.run();
    assert_eq!(
        value(&h),
        "سخنگوی وزارت",
        "a single-line field joins pasted lines"
    );
    key(&mut h, Key::End, Modifiers::NONE);
    key(&mut h, Key::ArrowRight, Modifiers::SHIFT | Modifiers::CTRL);
    h.event(Event::Cut);
    h.step();
    let cut = copied(&h);
    h.run();
    assert_eq!(cut.as_deref(), Some("وزارت"));
    assert_eq!(value(&h), "سخنگوی ");
}

#[test]
fn input_method_composition_is_replaced_by_its_commit() {
    let mut h = harness(true, "سلام ");
    h.event(Event::Ime(egui::ImeEvent::Preedit {
        text: "د".to_owned(),
        active_range_chars: None,
    }));
    h.run();
    assert_eq!(value(&h), "سلام د");
    h.event(Event::Ime(egui::ImeEvent::Commit("دوست".to_owned())));
    h.run();
    assert_eq!(value(&h), "سلام دوست");
    assert_eq!(sel(&h).1, "سلام دوست".len());
}

#[test]
fn enter_submits_a_single_line_field() {
    let mut h = harness(true, "جست‌وجو");
    key(&mut h, Key::Enter, Modifiers::NONE);
    assert_eq!(h.state().submitted, 1);
    assert_eq!(value(&h), "جست‌وجو");
}

#[test]
fn double_click_selects_a_word_and_triple_click_the_line() {
    let text = "یک خبر تازه";
    let mut h = harness(true, text);
    let node = h.get_by_label(LABEL);
    let rect = node.rect();
    // The text is right-aligned; «یک» is its rightmost word.
    let p = egui::pos2(rect.right() - 16.0, rect.center().y);
    let click = |h: &mut Harness<'_, State>| {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
    };
    h.hover_at(p);
    // Let the click that focused the field fall out of the double-click window.
    for _ in 0..40 {
        h.step();
    }
    click(&mut h);
    click(&mut h);
    h.run();
    let (r, _) = sel(&h);
    assert_eq!(&text[r], "یک");
    click(&mut h);
    h.run();
    let (r, _) = sel(&h);
    assert_eq!(&text[r], text);
}

#[test]
fn a_pointer_click_focuses_the_field_and_places_the_caret_where_it_points() {
    let mut h = harness(true, "سلام دنیا");
    // Focus something else first, so the click must bring the focus back.
    h.key_press(Key::Tab);
    h.run();
    let rect = h.get_by_label(LABEL).rect();
    // Right-aligned right-to-left text: its right end is the logical start.
    for (x, want) in [
        (rect.right() - 8.0, 0),
        (rect.left() + 10.0, "سلام دنیا".len()),
    ] {
        let p = egui::pos2(x, rect.center().y);
        h.hover_at(p);
        h.run();
        for _ in 0..40 {
            h.step(); // out of the double-click window
        }
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.run();
        assert!(h.get_by_label(LABEL).is_focused());
        assert_eq!(sel(&h).1, want, "click at x = {x}");
    }
    type_text(&mut h, "!");
    assert_eq!(value(&h), "سلام دنیا!");
}
