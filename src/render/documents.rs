//! Which documents a kit has: each one's path, template, theme and planned pages.

use std::ops::RangeInclusive;

use crate::load::event::Audience;
use crate::plan::{HandoutView, Kit};

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
pub const TEMPLATES: [(&str, &str); 10] = [
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
}

impl Planned<'_> {
    fn fixed(path: &str, template: (&'static str, &'static str), pages: usize, what: &str) -> Self {
        Planned {
            path: path.to_string(),
            template,
            pages: pages..=pages,
            pages_describe: (1..=pages).map(|p| format!("page {p} of {what}")).collect(),
            handout: None,
        }
    }
}

/// The documents of one kit, in the order they are compiled and listed.
pub fn planned_documents(kit: &Kit) -> Vec<Planned<'_>> {
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
        },
        Planned {
            path: "START-HERE.pdf".to_string(),
            template: START_HERE,
            pages: 1..=2,
            pages_describe: vec!["page 1 of START-HERE".into(), "page 2 of START-HERE".into()],
            handout: None,
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
