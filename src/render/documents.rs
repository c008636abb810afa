//! Which documents a kit has: each one's path, template, theme and planned pages.

use std::ops::RangeInclusive;

use crate::load::event::{Audience, Paper};
use crate::plan::{HandoutView, Kit, Paperwork, label};

/// The slides module every document that shows slides imports (rendered once per kit).
pub const SLIDES_TEMPLATE: &str = "decks/slides.typ.j2";
/// The theme the slides module is set in.
pub const DECK_THEME: &str = "decks/theme.typ";

/// The templates and themes, by their embedded path.
pub const SLIDES: (&str, &str) = ("decks/deck.typ.j2", "decks/theme.typ");
pub const NOTES: (&str, &str) = ("decks/presenter-notes.typ.j2", "handouts/theme.typ");
pub const THREE_UP: (&str, &str) = ("handouts/slides-3up.typ.j2", "handouts/theme.typ");
const START_HERE: (&str, &str) = ("handouts/start-here.typ.j2", "handouts/theme.typ");
const CARD: (&str, &str) = ("handouts/resource-card.typ.j2", "handouts/theme.typ");
const SHEET: (&str, &str) = ("handouts/resources.typ.j2", "handouts/theme.typ");
const HANDOUT: (&str, &str) = ("handouts/handout.typ.j2", "handouts/theme.typ");
const FEEDBACK: (&str, &str) = ("handouts/feedback-form.typ.j2", "handouts/theme.typ");
const SIGN_IN: (&str, &str) = ("handouts/sign-in-sheet.typ.j2", "handouts/theme.typ");
const QUESTION_CARDS: (&str, &str) = ("handouts/question-cards.typ.j2", "handouts/theme.typ");
const POSTER: (&str, &str) = ("handouts/poster.typ.j2", "handouts/poster.typ");
const LETTER: (&str, &str) = ("handouts/parent-letter.typ.j2", "handouts/theme.typ");
const KNOWLEDGE_CHECK: (&str, &str) = ("handouts/knowledge-check.typ.j2", "handouts/theme.typ");
pub const TEMPLATES: [(&str, &str); 13] = [
    SLIDES,
    NOTES,
    THREE_UP,
    START_HERE,
    CARD,
    SHEET,
    HANDOUT,
    FEEDBACK,
    SIGN_IN,
    QUESTION_CARDS,
    POSTER,
    LETTER,
    KNOWLEDGE_CHECK,
];

/// The documents every kit has, for `workshop list`.
pub fn document_paths() -> impl Iterator<Item = &'static str> {
    [
        "START-HERE.pdf (the presenter's guide, 1-2 pages)",
        "slides.pdf",
        "slides.pptx (editable slides with speaker notes)",
        "present.html (the slides in any browser, with a presenter view on P)",
        "slides.pdfpc (notes and timer for the pdfpc presenter console)",
        "presenter-notes.pdf (one page per slide)",
        "previews/slide-NN.png",
        "handouts/resource-card.pdf (wallet cards, 2 pages: fronts and backs)",
        "handouts/resources.pdf (1 page)",
        "handouts/slides-3up.pdf (three slides a page with lines for notes)",
        "handouts/feedback-form.pdf (1 page; staff also handouts/sign-in-sheet.pdf)",
        "handouts/question-cards.pdf (teens and parents: anonymous question cards, 8 a page)",
        "handouts/knowledge-check.pdf (teens and parents: the same questions before and after)",
        "handouts/poster-<lang>.pdf, poster-<lang>-large.pdf, poster-<lang>-bw.pdf (staff: the school's awareness poster in every language of the event, on the event's paper, on tabloid or A3, and for a black-and-white copier; only when the event has the staff audience)",
        "handouts/parent-letter-<lang>.pdf (teens: the letter home about the session, in every language of the event)",
        "handouts/<file>.pdf for each [[handouts]] of content/<audience>.toml",
    ]
    .into_iter()
}

/// One document of a kit before rendering.
pub struct Planned<'a> {
    pub path: String,
    pub template: (&'static str, &'static str),
    pub pages: RangeInclusive<usize>,
    pub pages_describe: Vec<String>,
    pub handout: Option<&'a HandoutView>,
    /// For the school's paperwork: which language's, on what paper, in what style.
    pub paper: Option<PaperDocument<'a>>,
    /// What START-HERE says the file is for, where no label of its path does.
    pub describe: Option<String>,
}

/// A poster or letter of one language, printed in its own language whatever the kit's.
pub struct PaperDocument<'a> {
    pub paperwork: &'a Paperwork,
    /// Typst's paper name.
    pub paper: &'static str,
    /// `colour` or `bw` (for a black-and-white copier: black on white, nothing told by colour).
    pub style: &'static str,
    /// How much larger than on letter paper the poster's type is set (1 on letter and A4).
    pub scale: f64,
}

impl Planned<'_> {
    fn fixed(path: &str, template: (&'static str, &'static str), pages: usize, what: &str) -> Self {
        Planned {
            path: path.to_string(),
            template,
            pages: pages..=pages,
            pages_describe: (1..=pages).map(|p| format!("page {p} of {what}")).collect(),
            handout: None,
            paper: None,
            describe: None,
        }
    }
}

/// The documents of one kit, in the order they are compiled and listed; handouts are on
/// `paper`.
pub fn planned_documents(kit: &Kit, paper: Paper) -> Vec<Planned<'_>> {
    let slides = kit.deck.slides.len();
    let per_slide: Vec<String> = kit
        .deck
        .slides
        .iter()
        .map(|s| format!("slide {} `{}` ({})", s.number, s.title, s.kind))
        .collect();
    let mut docs = vec![
        Planned {
            path: "slides.pdf".to_string(),
            template: SLIDES,
            pages: slides..=slides,
            pages_describe: per_slide.clone(),
            handout: None,
            paper: None,
            describe: None,
        },
        Planned {
            path: "presenter-notes.pdf".to_string(),
            template: NOTES,
            pages: slides..=slides,
            pages_describe: per_slide
                .iter()
                .map(|s| format!("the notes of {s}"))
                .collect(),
            handout: None,
            paper: None,
            describe: None,
        },
        Planned {
            path: "START-HERE.pdf".to_string(),
            template: START_HERE,
            pages: 1..=3,
            pages_describe: (1..=3).map(|p| format!("page {p} of START-HERE")).collect(),
            handout: None,
            paper: None,
            describe: None,
        },
        Planned::fixed(
            "handouts/slides-3up.pdf",
            THREE_UP,
            slides.div_ceil(3),
            "the 3-up slide handout",
        ),
        Planned::fixed("handouts/resource-card.pdf", CARD, 2, "the wallet cards"),
        Planned::fixed(
            "handouts/resources.pdf",
            SHEET,
            1,
            &format!(
                "the resource sheet (every channel and all {} local contacts)",
                kit.sheet.contacts.len()
            ),
        ),
        Planned::fixed(
            "handouts/feedback-form.pdf",
            FEEDBACK,
            1,
            "the feedback form",
        ),
    ];
    if kit.audience == Audience::Staff {
        docs.push(Planned::fixed(
            "handouts/sign-in-sheet.pdf",
            SIGN_IN,
            1,
            "the sign-in sheet",
        ));
    } else {
        // Teens in an assembly and parents in a hall ask more on paper, without their names.
        docs.push(Planned::fixed(
            "handouts/question-cards.pdf",
            QUESTION_CARDS,
            1,
            "the question cards",
        ));
    }
    if kit.knowledge_check.is_some() {
        docs.push(Planned::fixed(
            "handouts/knowledge-check.pdf",
            KNOWLEDGE_CHECK,
            1,
            "the knowledge check",
        ));
    }
    docs.extend(paper_documents(kit, paper));
    for handout in &kit.handouts {
        docs.push(Planned {
            handout: Some(handout),
            ..Planned::fixed(
                &format!("handouts/{}.pdf", handout.file),
                HANDOUT,
                handout.pages,
                &format!("handout `{}`", handout.file),
            )
        });
    }
    docs
}

/// The school's posters (staff kits: three per language) and letters home (teens kits: one
/// per language).
fn paper_documents(kit: &Kit, paper: Paper) -> Vec<Planned<'_>> {
    let mut docs = Vec::new();
    for paperwork in &kit.paperwork {
        let lang = paperwork.language.as_str();
        // A language added later may not be named in this kit's table yet: its code is.
        let language = kit
            .labels
            .get(&format!("language-{lang}"))
            .and_then(|v| v.as_str())
            .unwrap_or(lang)
            .to_string();
        let described = |key: &str| format!("{} ({language})", label(&kit.labels, key));
        let document = |path: String, template, what: &str, describe: String, doc| Planned {
            paper: Some(doc),
            describe: Some(describe),
            ..Planned::fixed(&path, template, 1, what)
        };
        if paperwork.poster.is_some() {
            // The poster's type grows with the paper's width, so the large one reads from
            // further down the corridor and the layout stays the same.
            let large_scale = match paper {
                Paper::Letter => 792.0 / 612.0,
                Paper::A4 => 841.89 / 595.28,
            };
            for (suffix, paper_name, style, scale, key) in [
                ("", paper.typst_name(), "colour", 1.0, "file-poster"),
                (
                    "-large",
                    paper.large_typst_name(),
                    "colour",
                    large_scale,
                    "file-poster-large",
                ),
                ("-bw", paper.typst_name(), "bw", 1.0, "file-poster-bw"),
            ] {
                docs.push(document(
                    format!("handouts/poster-{lang}{suffix}.pdf"),
                    POSTER,
                    &format!("the {lang} poster{suffix}"),
                    described(key),
                    PaperDocument {
                        paperwork,
                        paper: paper_name,
                        style,
                        scale,
                    },
                ));
            }
        }
        if paperwork.letter.is_some() {
            docs.push(document(
                format!("handouts/parent-letter-{lang}.pdf"),
                LETTER,
                &format!("the {lang} parent letter"),
                described("file-parent-letter"),
                PaperDocument {
                    paperwork,
                    paper: paper.typst_name(),
                    style: "colour",
                    scale: 1.0,
                },
            ));
        }
    }
    docs
}
