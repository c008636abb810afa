//! Reading and checking every input once: the event file, the content files, the fact base,
//! the embedded templates, fonts and icons, and the build's one timestamp.
//!
//! Later stages receive checked values (a real date, a region, verified facts) and never look at
//! a raw string or a file again.

pub mod assets;
pub mod clock;
pub mod content;
pub mod event;
pub mod facts;
pub mod fonts;
pub mod icons;
pub mod roster;
pub mod toml_file;
