//! A registration's QR code: its check-in address, which the coordinator's phone camera opens.
//! SVG on the registrant's private page, PNG attached to their mail.

use crate::i18n::Lang;
use qrcode::QrCode;
use qrcode::render::svg;

/// The check-in page of registration code `code`: in the site's first language, since it is
/// the coordinator's phone that opens it.
pub fn address(origin: &str, code: &str) -> String {
    format!("{origin}/{}/admin/check-in/{code}", Lang::DEFAULT)
}

/// `text` as an inline SVG image named `label`; `None` when it is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let image = QrCode::new(text.as_bytes())
        .ok()?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let start = image.find("<svg")?;
    Some(format!(
        r#"<svg role="img" aria-label="{}"{}"#,
        html_escape::encode_double_quoted_attribute(label),
        &image[start + "<svg".len()..]
    ))
}

/// `text` as a PNG picture, about 330 pixels wide; `None` when it is too long for a QR code.
pub fn png(text: &str) -> Option<Vec<u8>> {
    let image = QrCode::new(text.as_bytes())
        .ok()?
        .render::<image::Luma<u8>>()
        .min_dimensions(300, 300)
        .build();
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).ok()?;
    Some(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_an_inline_labelled_svg_and_a_png() {
        let text = address("https://loomeklaster.ee", &"a1".repeat(16));
        assert_eq!(
            text,
            format!(
                "https://loomeklaster.ee/et/admin/check-in/{}",
                "a1".repeat(16)
            )
        );
        let svg = svg(&text, "QR \"code\"").unwrap();
        assert!(svg.starts_with(r#"<svg role="img" aria-label="QR &quot;code&quot;" xmlns="#));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
        let png = png(&text).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        assert_eq!(read_back(&png), text, "a camera reads the address");
    }

    /// The text of the QR code in `png`, read as a phone's camera reads it.
    pub fn read_back(png: &[u8]) -> String {
        let picture = image::load_from_memory(png).unwrap().to_luma8();
        assert!(picture.width() >= 300, "{}", picture.width());
        let mut prepared = rqrr::PreparedImage::prepare(picture);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }
}
