//! The typography sample: mixed paragraphs that exercise the text engine (pure Persian,
//! Persian with Latin names and digits, Latin with Persian words, a heading, a quotation).

use egui::Ui;

use super::theme::Theme;

use crate::text::{Align, Paragraph, Span, SpanFormat, TextJob};

/// The sample paragraphs: (AccessKit-visible id, job).
pub fn sample_jobs(theme: Theme, size: f32) -> Vec<(&'static str, TextJob)> {
    let ink = super::theme::ink(theme);
    let accent = super::theme::accent(theme);
    let heading = "رفاقت روباه و خارپشت";
    let persian = "آذربایجان، نگین قفقاز، در نقطه‌ای استراتژیک میان اروپا و آسیا قرار دارد و به‌عنوان پلی بین شرق و غرب، از اهمیت جغرافیایی فوق‌العاده‌ای برخوردار است. این جغرافیای منحصر به فرد و منابع ارزشمند، آذربایجان را به‌عنوان عروس هزارداماد در دنیای سیاست مطرح کرده است.";
    let mixed = "در سال ۲۰۱۲، مؤسسه مطالعات امنیت ملی اسرائیل (INSS) گزارش داد و در سال ۲۰۲۲ وب‌سایت Zman.co.il اعلام کرد که بیشتر سوخت اسرائیل، از ۶۰ تا ۶۹ درصد، از آذربایجان وارد می‌شود؛ نشریه Israel Hayom نیز در ۲۰۱۹ به همین نکته اشاره کرد.";
    let latin = "The Institute for National Security Studies (INSS) wrote in 2012 that Azerbaijan was «دوست اسرائیل», a phrase that Sergey Lavrov later repeated in Moscow.";
    let quote = "سرگئی لاوروف، وزیر خارجه روسیه نیز از علی‌اف به عنوان «دوست اسرائیل» یاد کرد و بر نقش ویژه او در تقویت روابط دوجانبه تأکید کرد.";
    let q_start = quote.find('«').unwrap_or(0);
    let q_end = quote.find('»').map_or(quote.len(), |i| i + '»'.len_utf8());
    let inss = mixed.find("(INSS)").unwrap_or(0);
    vec![
        (
            "sample-heading",
            TextJob::new(heading)
                .size(size * 1.5)
                .weight(800.0)
                .color(ink),
        ),
        (
            "sample-persian",
            TextJob::new(persian)
                .size(size)
                .color(ink)
                .align(Align::Justify),
        ),
        (
            "sample-mixed",
            TextJob::new(mixed)
                .size(size)
                .color(ink)
                .align(Align::Justify)
                .span(Span::styled(
                    inss..inss + "(INSS)".len(),
                    SpanFormat {
                        color: Some(accent),
                        weight: Some(700.0),
                        ..SpanFormat::default()
                    },
                )),
        ),
        (
            "sample-latin",
            TextJob::new(latin)
                .size(size)
                .color(ink)
                .align(Align::Justify),
        ),
        (
            "sample-quote",
            TextJob::new(quote)
                .size(size)
                .color(ink)
                .align(Align::Justify)
                .span(Span::styled(
                    q_start..q_end,
                    SpanFormat {
                        color: Some(accent),
                        weight: Some(600.0),
                        ..SpanFormat::default()
                    },
                )),
        ),
    ]
}

/// Shows the sample in `ui`.
pub fn sample_ui(ui: &mut Ui, theme: Theme, size: f32) {
    for (id, job) in sample_jobs(theme, size) {
        Paragraph::new(job).id_salt(id).show(ui);
        ui.add_space(size * 0.8);
    }
}
