//! The `[branding]` table: the accent colour, checked for contrast, and the logo, read from
//! disk relative to the event file and checked to be the image its name claims (and, for SVG,
//! to refer to no other file).

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::color::{ACCENT_BACKGROUNDS, Color, MIN_CONTRAST};

use crate::error::Error;
use crate::load::toml_file::{Text, TomlFile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBranding {
    logo: Option<Spanned<Text>>,
    logo_alt: Option<Spanned<Text>>,
    accent: Option<Spanned<String>>,
}

/// The accent colour and the logo of a `[branding]` table.
pub fn parse(
    file: &TomlFile,
    branding: RawBranding,
    base_dir: &Path,
) -> Result<(Option<Logo>, Option<Color>), Error> {
    let accent = match branding.accent {
        Some(value) => {
            let color = Color::parse(value.get_ref().trim()).ok_or_else(|| {
                file.error_at(
                    value.span(),
                    format!(
                        "`accent` must be a hex colour such as \"#1f4e79\", not `{}`",
                        value.get_ref()
                    ),
                )
            })?;
            let worst = color.worst_contrast();
            if worst < MIN_CONTRAST {
                let on_white = color.contrast(ACCENT_BACKGROUNDS[0]);
                return Err(file
                    .error_at(
                        value.span(),
                        format!(
                            "the accent `{}` is too light to read: {on_white:.2}:1 on white and {worst:.2}:1 on the callout background; text needs at least {MIN_CONTRAST}:1 (WCAG AA)",
                            value.get_ref()
                        ),
                    )
                    .with_hint(format!(
                        "the nearest colour that passes is `{}`",
                        color.nearest_readable().hex()
                    )));
            }
            Some(color)
        }
        None => None,
    };
    let logo = match (branding.logo, branding.logo_alt) {
        (None, None) => None,
        (None, Some(alt)) => {
            return Err(file
                .error_at(alt.span(), "`logo-alt` is set but `logo` is not")
                .with_hint("add `logo = \"file.png\"` to [branding] or remove `logo-alt`"));
        }
        (Some(logo), None) => {
            return Err(file
                .error_at(
                    logo.span(),
                    "`logo` needs a `logo-alt` text describing the image for screen readers",
                )
                .with_hint(
                    "add for example `logo-alt = \"Example Middle School crest\"` to [branding]",
                ));
        }
        (Some(logo), Some(alt)) => Some(read_logo(file, &logo, alt.into_inner(), base_dir)?),
    };
    Ok((logo, accent))
}

/// A logo read from disk and checked to be the image its name claims.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub alt: Text,
}

/// The image formats a logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    /// The file extension used for the logo inside compiled documents.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Svg => "svg",
        }
    }
}

/// Reads and checks the logo named at `logo` (relative to `base_dir`).
pub fn read_logo(
    file: &TomlFile,
    logo: &Spanned<Text>,
    alt: Text,
    base_dir: &Path,
) -> Result<Logo, Error> {
    let relative = Path::new(logo.get_ref().as_str());
    let path = base_dir.join(relative);
    let located = |message: String| file.error_at(logo.span(), message);
    let bytes = std::fs::read(&path).map_err(|e| {
        located(format!("cannot read the logo `{}`: {e}", path.display()))
            .with_hint("the logo path is relative to the event file")
    })?;
    let extension = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match extension.as_str() {
        "png" => ImageFormat::Png,
        "jpg" | "jpeg" => ImageFormat::Jpeg,
        "svg" => ImageFormat::Svg,
        _ => {
            return Err(located(format!(
                "the logo `{}` must be a PNG, JPEG or SVG file",
                relative.display()
            ))
            .with_hint("use a file ending in .png, .jpg, .jpeg or .svg"));
        }
    };
    let problem = match format {
        ImageFormat::Png => image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
            .err()
            .map(|e| e.to_string()),
        ImageFormat::Jpeg => image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
            .err()
            .map(|e| e.to_string()),
        ImageFormat::Svg => match usvg::Tree::from_data(&bytes, &usvg::Options::default()) {
            Err(e) => Some(e.to_string()),
            Ok(_) => svg_external_reference(&String::from_utf8_lossy(&bytes)).map(|href| {
                format!("it refers to another file (`{href}`), which the kit cannot carry")
            }),
        },
    };
    if let Some(problem) = problem {
        return Err(located(format!(
            "the logo `{}` is not a valid {} image: {problem}",
            relative.display(),
            extension.to_uppercase()
        ))
        .with_hint("open the file in an image viewer, or export it again as PNG"));
    }
    Ok(Logo { bytes, format, alt })
}

/// The first `href` of an SVG that points outside the file (not `#id`, not `data:`).
pub(super) fn svg_external_reference(svg: &str) -> Option<String> {
    svg.match_indices("href").find_map(|(at, _)| {
        let rest = svg[at + 4..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = rest[1..].split(quote).next()?.trim();
        (!value.starts_with('#') && !value.starts_with("data:")).then(|| value.to_string())
    })
}
