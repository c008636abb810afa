//! Colours from the event file and the WCAG contrast they must reach on the themes' backgrounds.

/// A colour given as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    pub rgb: [u8; 3],
}

/// The contrast text needs against its background (WCAG 2.1 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds an accent is drawn on: the white page and the mist of callout boxes
/// (`decks/theme.typ`, `handouts/theme.typ`).
pub const ACCENT_BACKGROUNDS: [Color; 2] = [
    Color {
        rgb: [0xff, 0xff, 0xff],
    },
    Color {
        rgb: [0xf1, 0xf5, 0xf9],
    },
];

impl Color {
    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.rgb[0])
            + 0.7152 * channel(self.rgb[1])
            + 0.0722 * channel(self.rgb[2])
    }

    /// WCAG contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The lowest contrast against the backgrounds the accent is used on.
    pub fn worst_contrast(self) -> f64 {
        ACCENT_BACKGROUNDS
            .iter()
            .map(|bg| self.contrast(*bg))
            .fold(f64::INFINITY, f64::min)
    }

    /// The same hue darkened just enough to pass on every background.
    pub fn nearest_readable(self) -> Color {
        (0..=100)
            .map(|step| {
                let keep = 1.0 - f64::from(step) / 100.0;
                Color {
                    rgb: self.rgb.map(|c| (f64::from(c) * keep).round() as u8),
                }
            })
            .find(|c| c.worst_contrast() >= MIN_CONTRAST)
            .unwrap_or(Color { rgb: [0, 0, 0] })
    }

    /// Parses `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digits: Vec<u8> = match hex.len() {
            3 => hex
                .chars()
                .map(|c| c.to_digit(16).unwrap() as u8 * 17)
                .collect(),
            6 => (0..3)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect(),
            _ => return None,
        };
        Some(Color {
            rgb: [digits[0], digits[1], digits[2]],
        })
    }

    /// The colour as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}
