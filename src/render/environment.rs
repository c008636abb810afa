//! The one minijinja environment every template renders in, with the Typst escaping.
//!
//! Strict undefined values; every printed value of a `.typ.j2` template is backslash-escaped
//! for Typst markup, the project's own prose goes through the reviewed `prose` filter, string
//! contexts through `str`; nothing turns escaping off.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

use super::escape;

/// The environment every template renders in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") {
            AutoEscape::Custom("typst".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if value.is_none() || value.is_undefined() {
            return Err(minijinja::Error::new(
                ErrorKind::UndefinedError,
                "a template printed a missing value; guard it with {% if ... %}",
            ));
        }
        if value.is_safe() {
            return out
                .write_str(value.as_str().unwrap_or_default())
                .map_err(Into::into);
        }
        let text = value.to_string();
        match state.auto_escape() {
            AutoEscape::Custom(name) if name == "typst" => out
                .write_str(&escape::markup(&crate::load::fonts::displayable(&text)))
                .map_err(Into::into),
            _ => out.write_str(&text).map_err(Into::into),
        }
    });
    env.add_filter("prose", |value: String| {
        Value::from_safe_string(escape::prose(&value))
    });
    env.add_filter("short_url", |value: String| short_url(&value).to_string());
    env.add_filter("web_address", |value: String| {
        Value::from_safe_string(escape::web_address(&crate::load::fonts::displayable(
            &value,
        )))
    });
    env.add_filter("qr_target", |value: String| {
        crate::render::qr::target(&value)
    });
    // A number in code position (a bar's share): digits and a point, never escaped.
    env.add_filter("number", |value: f64| {
        Value::from_safe_string(format!("{:.4}", value.clamp(0.0, 1e9)))
    });
    env.add_filter("str", |value: String| {
        Value::from_safe_string(escape::string_literal(&value))
    });
    env.add_filter("rgb", |value: String| -> Result<Value, minijinja::Error> {
        let valid = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !valid {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("`{value}` is not a #rrggbb colour"),
            ));
        }
        Ok(Value::from_safe_string(format!("rgb(\"{value}\")")))
    });
    env.set_fuel(Some(5_000_000));
    env
}

/// A web address without its scheme, `www.` and trailing slash: the form people type.
pub fn short_url(url: &str) -> &str {
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    url.strip_prefix("www.")
        .unwrap_or(url)
        .trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use minijinja::value::Serde;

    use super::*;

    fn render_str(template: &str, ctx: Value) -> Result<String, minijinja::Error> {
        let mut env = environment();
        env.add_template_owned("t.typ.j2", template.to_string())
            .unwrap();
        env.get_template("t.typ.j2").unwrap().render(ctx)
    }

    #[test]
    fn values_are_escaped_for_typst_markup() {
        let out = render_str(
            "[{{ v }}]",
            Value::from(Serde(BTreeMap::from([("v", "#panic() // *x*")]))),
        )
        .unwrap();
        assert_eq!(out, "[\\#panic\\(\\) \\/\\/ \\*x\\*]");
    }

    #[test]
    fn missing_values_are_errors_not_text() {
        let err = render_str(
            "{{ missing }}",
            Value::from(Serde(BTreeMap::<String, String>::new())),
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UndefinedError);
        assert_eq!(err.line(), Some(1));
        assert!(render_str("{{ v }}", Value::from(Serde(BTreeMap::from([("v", ())])))).is_err());
    }

    #[test]
    fn string_and_colour_filters() {
        let ctx = Value::from(Serde(BTreeMap::from([
            ("v", "a \"b\""),
            ("c", "#1f4e79"),
            ("bad", "red"),
        ])));
        assert_eq!(
            render_str("{{ v | str }}", ctx.clone()).unwrap(),
            "\"a \\\"b\\\"\""
        );
        assert_eq!(
            render_str("{{ c | rgb }}", ctx.clone()).unwrap(),
            "rgb(\"#1f4e79\")"
        );
        assert!(render_str("{{ bad | rgb }}", ctx).is_err());
    }

    #[test]
    fn short_urls_drop_scheme_and_www() {
        assert_eq!(short_url("https://www.fbi.gov/a/"), "fbi.gov/a");
        assert_eq!(short_url("report.cybertip.org"), "report.cybertip.org");
    }
}
