//! A certificate as an A4 PDF (krilla), in DejaVu Sans (the `dejavu` crate: Latin with the
//! Estonian letters and Cyrillic, embedded as a subset of the glyphs used). At its foot the
//! link that shows it is genuine, clickable and as a QR code drawn as vectors.

use crate::certificates::{Certificate, verify_path};
use crate::i18n::Lang;
use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::LazyLock;

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 72.0;
/// The cluster's green (the site's `--brand`).
const BRAND: (u8, u8, u8) = (0x14, 0x53, 0x2d);
const INK: (u8, u8, u8) = (0x1c, 0x19, 0x17);
const MUTED: (u8, u8, u8) = (0x57, 0x53, 0x4e);

struct Face {
    bytes: &'static [u8],
    font: Font,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Self {
        let font = Font::new(bytes.to_vec().into(), 0).expect("the bundled DejaVu font reads");
        Self { bytes, font }
    }

    /// The width of `text` at `size` points (advances, without kerning).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(font) = skrifa::FontRef::new(self.bytes) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .filter_map(|c| charmap.map(c))
            .filter_map(|glyph| metrics.advance_width(glyph))
            .sum()
    }

    /// `text` broken at spaces into lines no wider than `width` (a word wider than the line
    /// stands alone).
    fn lines(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            match lines.last_mut() {
                Some(line) if self.width(&format!("{line} {word}"), size) <= width => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_owned()),
            }
        }
        lines
    }
}

static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::load(dejavu::sans::regular()));
static BOLD: LazyLock<Face> = LazyLock::new(|| Face::load(dejavu::sans::bold()));

/// Writes lines down the page, each centred.
struct Column<'a, 'b> {
    surface: &'a mut Surface<'b>,
    /// The baseline of the next line.
    y: f32,
}

impl Column<'_, '_> {
    fn colour(&mut self, (r, g, b): (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Fill::default()
        }));
    }

    /// `text` centred, wrapped to the page's measure, `gap` points under the line before.
    fn centred(&mut self, face: &Face, size: f32, gap: f32, text: &str) {
        self.y += gap;
        for (index, line) in face
            .lines(text, size, WIDTH - 2.0 * MARGIN)
            .iter()
            .enumerate()
        {
            if index > 0 {
                self.y += size * 1.3;
            }
            let x = (WIDTH - face.width(line, size)) / 2.0;
            self.surface.draw_text(
                Point::from_xy(x, self.y),
                face.font.clone(),
                size,
                line,
                false,
                TextDirection::Auto,
            );
        }
    }
}

/// Certificates written at once, and waiting: a flood of downloads waits or is told to come
/// back, and never takes every core.
static WRITING: crate::platform::limits::Bound = crate::platform::limits::Bound::new(2, 16);

/// [`render`] off the request threads, within [`WRITING`]'s bound: `Unavailable` when it is
/// full.
pub async fn write(
    certificate: Certificate,
    lang: Lang,
    origin: String,
) -> Result<Vec<u8>, crate::error::AppError> {
    use crate::error::AppError;
    WRITING
        .run(move || render(&certificate, lang, &origin))
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|error| AppError::internal("writing a certificate", error))
}

/// `certificate` as a PDF in `lang`; its verification link starts with `origin`.
pub fn render(certificate: &Certificate, lang: Lang, origin: &str) -> Result<Vec<u8>, String> {
    let texts = &lang.texts().certificates;
    let title = certificate
        .event_title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let link = format!("{origin}{}", verify_path(&certificate.code, lang));

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} · {}", texts.heading, certificate.name))
            .language(lang.code().to_owned())
            .creator(lang.texts().site_name.to_owned()),
    );
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("the page size")?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    // A frame in the cluster's green.
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(BRAND.0, BRAND.1, BRAND.2).into(),
        width: 2.0,
        ..Stroke::default()
    }));
    let mut frame = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(28.0, 28.0, WIDTH - 56.0, HEIGHT - 56.0) {
        frame.push_rect(rect);
    }
    if let Some(path) = frame.finish() {
        surface.draw_path(&path);
    }
    surface.set_stroke(None);

    let mut column = Column {
        surface: &mut surface,
        y: 0.0,
    };
    column.colour(BRAND);
    column.centred(&REGULAR, 14.0, 120.0, lang.texts().site_name);
    column.colour(INK);
    column.centred(&BOLD, 28.0, 70.0, texts.heading);
    column.colour(MUTED);
    column.centred(&REGULAR, 14.0, 70.0, texts.certifies);
    column.colour(INK);
    column.centred(&BOLD, 26.0, 48.0, &certificate.name);
    column.colour(MUTED);
    column.centred(&REGULAR, 14.0, 44.0, texts.took_part);
    column.colour(INK);
    column.centred(&BOLD, 19.0, 40.0, &title);
    column.centred(&REGULAR, 13.0, 40.0, &certificate.when);
    if let Some(hours) = &certificate.hours {
        let duration = format!(
            "{}: {}",
            texts.duration,
            texts.hours.replace("{hours}", hours)
        );
        column.centred(&REGULAR, 13.0, 22.0, &duration);
    }
    column.centred(
        &REGULAR,
        13.0,
        22.0,
        &texts
            .organiser
            .replace("{organiser}", &certificate.organiser),
    );

    // The foot: the QR code of the link, and beside it what it is.
    let qr_size = 96.0;
    let (qr_x, qr_y) = (MARGIN, HEIGHT - MARGIN - qr_size);
    draw_qr(column.surface, &link, qr_x, qr_y, qr_size)?;
    let text_x = qr_x + qr_size + 18.0;
    let foot = [
        (&*REGULAR, 10.0, texts.verify.to_owned()),
        (&*REGULAR, 9.0, link.clone()),
        (
            &*REGULAR,
            10.0,
            texts.number.replace("{code}", &certificate.code),
        ),
        (
            &*REGULAR,
            10.0,
            texts.issued.replace("{date}", &certificate.issued_on),
        ),
    ];
    column.colour(MUTED);
    let mut y = qr_y + 16.0;
    let mut link_box = None;
    for (face, size, line) in foot {
        column.surface.draw_text(
            Point::from_xy(text_x, y),
            face.font.clone(),
            size,
            &line,
            false,
            TextDirection::Auto,
        );
        if line == link {
            link_box = Rect::from_xywh(text_x, y - size, face.width(&line, size), size * 1.3);
        }
        y += 22.0;
    }
    surface.finish();
    for rect in [link_box, Rect::from_xywh(qr_x, qr_y, qr_size, qr_size)]
        .into_iter()
        .flatten()
    {
        page.add_annotation(Annotation::new_link(
            LinkAnnotation::new(rect, Target::Action(LinkAction::new(link.clone()).into())),
            Some(texts.verify.to_owned()),
        ));
    }
    page.finish();
    document
        .finish()
        .map_err(|error| format!("the PDF could not be written: {error:?}"))
}

/// `text`'s QR code as `size`-point squares at (`x`, `y`), its dark modules one path.
fn draw_qr(surface: &mut Surface<'_>, text: &str, x: f32, y: f32, size: f32) -> Result<(), String> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|error| error.to_string())?;
    let width = code.width();
    // Four modules of quiet zone on each side, as scanners expect.
    let module = size / (width + 8) as f32;
    let mut path = PathBuilder::new();
    for (index, colour) in code.to_colors().into_iter().enumerate() {
        if colour == qrcode::Color::Dark {
            let (column, row) = (index % width, index / width);
            if let Some(rect) = Rect::from_xywh(
                x + (column + 4) as f32 * module,
                y + (row + 4) as f32 * module,
                module,
                module,
            ) {
                path.push_rect(rect);
            }
        }
    }
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(0, 0, 0).into(),
        ..Fill::default()
    }));
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::Localized;

    fn certificate() -> Certificate {
        Certificate {
            code: "0123456789abcdef0123456789abcdef".into(),
            name: "Александра Кузнецова-Тамм".into(),
            event_title: Localized::new(
                Some("Loomemajanduse arenguprogramm Ida-Virumaa loomeettevõtjatele".into()),
                None,
                None,
            ),
            when: "4.03.2027 09:00–15:30".into(),
            hours: Some("6,5".into()),
            organiser: "SA Ida-Viru Ettevõtluskeskus".into(),
            issued_on: "3.12.2026".into(),
        }
    }

    #[test]
    fn a_certificate_is_a_small_pdf_whose_link_is_clickable() {
        let pdf = render(&certificate(), Lang::Ru, "https://loomeklaster.ee").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            pdf.len() < 80_000,
            "{} bytes: the fonts are subset",
            pdf.len()
        );
        let link =
            b"/URI(https://loomeklaster.ee/ru/certificates/0123456789abcdef0123456789abcdef)";
        let links = pdf
            .windows(link.len())
            .filter(|window| window == link)
            .count();
        assert_eq!(
            links, 2,
            "the printed link and the QR code both open the page"
        );
    }

    #[test]
    fn long_lines_wrap_within_the_measure() {
        let measure = WIDTH - 2.0 * MARGIN;
        let title = "Creative economy development programme: business model, pricing and funding \
                     for creative entrepreneurs of Ida-Viru County";
        let lines = BOLD.lines(title, 19.0, measure);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.join(" "), title);
        for line in &lines {
            assert!(BOLD.width(line, 19.0) <= measure, "{line}");
        }
        let long_word = "Kohtla-Järve".repeat(8);
        assert_eq!(BOLD.lines(&long_word, 19.0, measure), [long_word]);
        assert!(
            REGULAR.width("Кузнецова", 12.0) > 40.0,
            "Cyrillic has glyphs"
        );
    }
}
