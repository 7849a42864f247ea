//! Entries' logos. An upload is decoded (PNG, JPEG or WebP only: no SVG, which can carry
//! scripts), scaled down to at most 512 pixels a side and stored re-encoded as PNG in the
//! database (`entries::store::set_logo`), so no uploaded byte or file name is ever served or
//! written to disk.

use crate::error::Problem;
use crate::platform::limits::{Bound, Busy};
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest upload taken.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The longest side of a stored logo.
pub const MAX_SIDE: u32 = 512;
/// The longest side of an upload: eight times a stored logo's, which a scanned or photographed
/// logo fits in, while a small file claiming a huge picture is refused before it is decoded.
pub const MAX_UPLOAD_SIDE: u32 = 4096;
/// What decoding one upload may allocate: a 4096 × 4096 picture at 8 bits a channel.
const MAX_DECODING_BYTES: u64 = 64 * 1024 * 1024;
/// Uploads decoded at once, and waiting: decoding takes a core and up to
/// [`MAX_DECODING_BYTES`] each.
static DECODING: Bound = Bound::new(2, 8);

/// [`normalise`] off the request threads, within the server's bound on concurrent decoding.
pub async fn normalise_bounded(file: Vec<u8>) -> Result<Result<Logo, Problem>, Busy> {
    DECODING.run(move || normalise(&file)).await
}

/// A logo as stored: PNG bytes and their size.
#[derive(Debug)]
pub struct Logo {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The uploaded `file` decoded and re-encoded, or why it cannot be a logo.
pub fn normalise(file: &[u8]) -> Result<Logo, Problem> {
    if file.len() > MAX_BYTES {
        return Err(Problem::FileTooLarge);
    }
    let mut reader = ImageReader::new(Cursor::new(file))
        .with_guessed_format()
        .map_err(|_| Problem::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)
    ) {
        return Err(Problem::NotAnImage);
    }
    // A small file may claim a huge picture: refuse it by its header, before allocating.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_UPLOAD_SIDE);
    limits.max_image_height = Some(MAX_UPLOAD_SIDE);
    limits.max_alloc = Some(MAX_DECODING_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => Problem::ImageTooLarge,
        _ => Problem::NotAnImage,
    })?;
    let scaled = if decoded.width() > MAX_SIDE || decoded.height() > MAX_SIDE {
        decoded.thumbnail(MAX_SIDE, MAX_SIDE)
    } else {
        decoded
    };
    let mut png = Vec::new();
    scaled
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| Problem::NotAnImage)?;
    Ok(Logo {
        png,
        width: scaled.width(),
        height: scaled.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{DynamicImage, RgbaImage};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let picture = DynamicImage::ImageRgba8(RgbaImage::from_pixel(
            width,
            height,
            image::Rgba([20, 83, 45, 255]),
        ));
        let picture = if format == ImageFormat::Jpeg {
            DynamicImage::ImageRgb8(picture.to_rgb8())
        } else {
            picture
        };
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn png_jpeg_and_webp_become_png_at_most_512_a_side() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
            let logo = normalise(&encoded(1600, 800, format)).unwrap();
            assert_eq!((logo.width, logo.height), (512, 256), "{format:?}");
            assert!(logo.png.starts_with(b"\x89PNG"), "{format:?}");
        }
        let small = normalise(&encoded(64, 48, ImageFormat::Png)).unwrap();
        assert_eq!(
            (small.width, small.height),
            (64, 48),
            "small logos keep their size"
        );
    }

    #[test]
    fn svg_gif_garbage_and_oversized_files_are_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(normalise(svg).unwrap_err(), Problem::NotAnImage);
        // A 1×1 GIF: a real image, but not one of the formats taken.
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
        assert_eq!(normalise(gif).unwrap_err(), Problem::NotAnImage);
        assert_eq!(
            normalise(b"not a picture").unwrap_err(),
            Problem::NotAnImage
        );
        let mut truncated = encoded(100, 100, ImageFormat::Png);
        truncated.truncate(60);
        assert_eq!(normalise(&truncated).unwrap_err(), Problem::NotAnImage);
        assert_eq!(
            normalise(&vec![0; MAX_BYTES + 1]).unwrap_err(),
            Problem::FileTooLarge
        );
    }

    #[test]
    fn a_small_file_claiming_a_huge_picture_is_refused_before_decoding() {
        // A 16 × 16 JPEG whose header claims 8000 × 8000 pixels (the frame header's height
        // and width follow its marker, FF C0, and length).
        let mut huge = encoded(16, 16, ImageFormat::Jpeg);
        let frame = huge
            .windows(2)
            .position(|pair| pair == [0xFF, 0xC0])
            .expect("a baseline frame header");
        huge[frame + 5..frame + 9].copy_from_slice(&[0x1F, 0x40, 0x1F, 0x40]);
        assert_eq!(normalise(&huge).unwrap_err(), Problem::ImageTooLarge);
        let largest = normalise(&encoded(MAX_UPLOAD_SIDE, 1000, ImageFormat::Png)).unwrap();
        assert_eq!((largest.width, largest.height), (512, 125));
    }
}
