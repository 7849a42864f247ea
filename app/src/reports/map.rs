//! The report's map: the municipalities of Ida-Viru county and the other counties of Estonia,
//! each shaded by how many people it counts, drawn as SVG from outlines bundled with the code
//! (`map/areas.tsv`, written by `map/make_areas.py` from the Estonian Land Board's boundaries).

use crate::i18n::Lang;
use crate::platform::vocabulary::Term;
use crate::reports::{AreaMap, MapArea, Shade};
use std::sync::LazyLock;

/// The shades a map has besides "none": each covers a fifth of the largest count.
pub const SHADES: i64 = 5;

struct Outline {
    code: &'static str,
    at: (f32, f32),
    path: &'static str,
}

struct Outlines {
    size: (u32, u32),
    inset: [u32; 4],
    areas: Vec<Outline>,
}

/// The bundled outlines, read once. A line that does not read is left out (the tests check
/// that every municipality has its outline).
static OUTLINES: LazyLock<Outlines> = LazyLock::new(|| {
    let numbers = |text: &str| -> Vec<f32> {
        text.split(' ')
            .filter_map(|number| number.parse().ok())
            .collect()
    };
    let mut outlines = Outlines {
        size: (0, 0),
        inset: [0; 4],
        areas: Vec::new(),
    };
    for line in include_str!("map/areas.tsv").lines() {
        match line.split('\t').collect::<Vec<_>>()[..] {
            ["size", size] => {
                if let [width, height] = numbers(size)[..] {
                    outlines.size = (width as u32, height as u32);
                }
            }
            ["inset", inset] => {
                if let [x, y, width, height] = numbers(inset)[..] {
                    outlines.inset = [x as u32, y as u32, width as u32, height as u32];
                }
            }
            [code, at, path] => {
                if let [x, y] = numbers(at)[..] {
                    outlines.areas.push(Outline {
                        code,
                        at: (x, y),
                        path,
                    });
                }
            }
            _ => {}
        }
    }
    outlines
});

/// The map of `counts` (by municipality code) over `municipalities`, labelled in `lang`.
pub fn map(municipalities: &[Term], lang: Lang, counts: impl Fn(&str) -> i64) -> AreaMap {
    let outlines = &*OUTLINES;
    let most = municipalities
        .iter()
        .map(|term| counts(&term.code))
        .max()
        .unwrap_or(0);
    let [x, y, width, height] = outlines.inset;
    let in_inset = |(ax, ay): (f32, f32)| {
        ax >= x as f32 && ax <= (x + width) as f32 && ay >= y as f32 && ay <= (y + height) as f32
    };
    AreaMap {
        width: outlines.size.0,
        height: outlines.size.1,
        inset: outlines.inset,
        areas: municipalities
            .iter()
            .filter_map(|term| {
                let outline = outlines.areas.iter().find(|o| o.code == term.code)?;
                let value = counts(&term.code);
                Some(MapArea {
                    label: term.label.get(lang).clone(),
                    value,
                    shade: shade(value, most),
                    path: outline.path.to_owned(),
                    at: outline.at,
                    in_inset: in_inset(outline.at),
                })
            })
            .collect(),
        legend: legend(most),
    }
}

/// 0 for none, else 1 to [`SHADES`]: the fifth of `most` that `value` falls in.
fn shade(value: i64, most: i64) -> u8 {
    if value <= 0 || most <= 0 {
        return 0;
    }
    ((value * SHADES + most - 1) / most).clamp(1, SHADES) as u8
}

/// The shades in use when the largest count is `most`, each with the counts it stands for
/// (none for 0, and a shade no whole number falls in left out).
fn legend(most: i64) -> Vec<Shade> {
    let mut legend = vec![Shade {
        shade: 0,
        least: 0,
        most: 0,
    }];
    for shade in 1..=SHADES {
        let (least, upto) = (most * (shade - 1) / SHADES + 1, most * shade / SHADES);
        if least <= upto {
            legend.push(Shade {
                shade: shade as u8,
                least,
                most: upto,
            });
        }
    }
    legend
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;
    use crate::platform::vocabulary::Vocabulary;

    #[tokio::test]
    async fn every_municipality_has_its_outline_and_ida_viru_is_enlarged() {
        let vocabulary = Vocabulary::load(&test_pool().await).await.unwrap();
        let counts = |code: &str| match code {
            "narva" => 10,
            "sillamae" => 3,
            "harju" => 7,
            _ => 0,
        };
        let map = map(&vocabulary.municipalities, Lang::Et, counts);
        assert_eq!(map.areas.len(), vocabulary.municipalities.len());
        assert_eq!((map.width, map.height), (994, 646));
        for area in &map.areas {
            assert!(area.path.starts_with('M') && area.path.ends_with('Z'));
            let (x, y) = area.at;
            assert!(
                x > 0.0 && x < 994.0 && y > 0.0 && y < 646.0,
                "{}",
                area.label
            );
        }
        let area = |label: &str| map.areas.iter().find(|a| a.label == label).unwrap();
        assert_eq!(
            (area("Narva linn").value, area("Narva linn").shade),
            (10, 5)
        );
        assert_eq!(area("Harju maakond").shade, 4);
        assert_eq!(area("Sillamäe linn").shade, 2);
        assert_eq!(area("Võru maakond").shade, 0);
        let enlarged: Vec<_> = map.areas.iter().filter(|a| a.in_inset).collect();
        assert_eq!(enlarged.len(), 8, "Ida-Viru's eight, and no county");
        assert!(enlarged.iter().all(|a| !a.label.ends_with("maakond")));
    }

    #[test]
    fn shades_are_fifths_of_the_largest_and_the_legend_says_which() {
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 9, 10].map(|value| shade(value, 10)),
            [0, 1, 1, 2, 2, 3, 5, 5]
        );
        assert_eq!(shade(0, 0), 0);
        let ranges = |most| {
            legend(most)
                .into_iter()
                .map(|s| (s.shade, s.least, s.most))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ranges(10),
            [
                (0, 0, 0),
                (1, 1, 2),
                (2, 3, 4),
                (3, 5, 6),
                (4, 7, 8),
                (5, 9, 10)
            ]
        );
        // Three people at most: no shade is left standing for no whole number.
        assert_eq!(ranges(3), [(0, 0, 0), (2, 1, 1), (4, 2, 2), (5, 3, 3)]);
        for most in 1..40 {
            for value in 1..=most {
                let shaded = shade(value, most);
                assert!(
                    legend(most)
                        .iter()
                        .any(|s| s.shade == shaded && (s.least..=s.most).contains(&value)),
                    "{value} of {most} is in its legend's range"
                );
            }
        }
    }
}
