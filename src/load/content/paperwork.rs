//! Checking the school's paperwork a content file writes: the poster's and the parent letter's
//! own words and facts, and the knowledge check's questions, answers and what each one checks.

use super::specs::{KnowledgeCheckSpec, LetterSpec, PosterSpec, SlideSpec};
use super::words::{check_fact, check_own_words};
use crate::error::Error;
use crate::load::event::{Audience, Region};
use crate::load::facts::FactBase;
use crate::load::toml_file::TomlFile;

/// The most questions a half page holds, and the fewest worth comparing.
pub const CHECK_QUESTIONS: std::ops::RangeInclusive<usize> = 3..=5;

/// Which paperwork tables an audience's content must have: the poster in the staff content
/// (posters go to the school with the staff kit), the letter home in the teens content, and a
/// knowledge check for the teens and the parents.
fn required(audience: Audience) -> [(&'static str, bool); 3] {
    [
        ("poster", audience == Audience::Staff),
        ("parent-letter", audience == Audience::Teens),
        ("knowledge-check", audience != Audience::Staff),
    ]
}

/// Refuses a missing paperwork table the audience needs, or one it has no use for.
pub fn check_present(file: &TomlFile, audience: Audience, present: [bool; 3]) -> Result<(), Error> {
    for ((table, needed), present) in required(audience).into_iter().zip(present) {
        if needed && !present {
            return Err(Error::at(
                file.name,
                None,
                format!("the {audience} content needs a `[{table}]` table"),
            )
            .with_hint(format!(
                "the embedded content/{audience}.toml has one to start from; README.md describes the table"
            )));
        }
        if present && !needed {
            return Err(Error::at(
                file.name,
                None,
                format!("`[{table}]` is not printed for the {audience} audience"),
            )
            .with_hint(
                "the poster is in the staff content, the parent letter in the teens content, and the knowledge check in the teens and parents content",
            ));
        }
    }
    Ok(())
}

/// The poster's own words, and its facts: printable for the students who read it.
pub fn check_poster(file: &TomlFile, poster: &PosterSpec, base: &FactBase) -> Result<(), Error> {
    for (key, value) in [
        ("headline", &poster.headline),
        ("reassurance", &poster.reassurance),
    ] {
        check_own_words(value, 120)
            .map_err(|m| Error::at(file.name, None, format!("[poster] `{key}`: {m}")))?;
    }
    for id in [&poster.definition, &poster.steps]
        .into_iter()
        .chain(poster.region_steps.values())
    {
        check_fact(file, id, Audience::Teens, base)?;
    }
    for (region, id) in &poster.region_steps {
        if Region::parse(region).is_err() {
            return Err(file.error_at(
                id.span(),
                format!("[poster] `region-steps` names `{region}`, which is no region; the regions are US, CA, UK and AU"),
            ));
        }
    }
    Ok(())
}

/// The letter's own words.
pub fn check_letter(file: &TomlFile, letter: &mut LetterSpec) -> Result<(), Error> {
    for (key, value) in letter.own_words_mut() {
        check_own_words(value, 400)
            .map_err(|m| Error::at(file.name, None, format!("[parent-letter] `{key}`: {m}")))?;
    }
    Ok(())
}

/// The knowledge check: three to five questions in own words, each with an answer it can have
/// and tied to exactly one fact of the fact base or one slide title of this deck.
pub fn check_knowledge_check(
    file: &TomlFile,
    check: &KnowledgeCheckSpec,
    slides: &[SlideSpec],
    audience: Audience,
    base: &FactBase,
) -> Result<(), Error> {
    let questions = check.questions.get_ref();
    if !CHECK_QUESTIONS.contains(&questions.len()) {
        return Err(file.error_at(
            check.questions.span(),
            format!(
                "the knowledge check has {} questions; it has {} to {} (a half page each for before and after)",
                questions.len(),
                CHECK_QUESTIONS.start(),
                CHECK_QUESTIONS.end()
            ),
        ));
    }
    for (n, q) in questions.iter().enumerate() {
        let n = n + 1;
        let at_answer = |message: String| file.error_at(q.answer.span(), message);
        for value in std::iter::once(&q.question).chain(q.choices.iter().flatten()) {
            check_own_words(value, 200)
                .map_err(|m| at_answer(format!("knowledge-check question {n}: {m}")))?;
        }
        let answer = q.answer.get_ref();
        match &q.choices {
            None if answer != "true" && answer != "false" => {
                return Err(at_answer(format!(
                    "knowledge-check question {n} is true or false, so its `answer` is `true` or `false`, not `{answer}`"
                ))
                .with_hint("or give it `choices = [...]` and one of them as the answer"));
            }
            Some(choices) if !(2..=4).contains(&choices.len()) => {
                return Err(at_answer(format!(
                    "knowledge-check question {n} has {} choices; give 2 to 4",
                    choices.len()
                )));
            }
            Some(choices) if !choices.contains(answer) => {
                return Err(at_answer(format!(
                    "the `answer` of knowledge-check question {n}, `{answer}`, is none of its choices"
                ))
                .with_hint("write the answer exactly as one of the `choices`"));
            }
            _ => {}
        }
        match (&q.fact, &q.slide) {
            (Some(id), None) => {
                check_fact(file, id, audience, base)?;
            }
            (None, Some(title)) => {
                let titles: Vec<&str> = slides.iter().filter_map(|s| s.title.as_deref()).collect();
                if !titles.contains(&title.get_ref().as_str()) {
                    let near = titles
                        .iter()
                        .min_by_key(|t| strsim::levenshtein(t, title.get_ref()))
                        .map(|t| format!("the nearest slide title is `{t}`"));
                    let error = file.error_at(
                        title.span(),
                        format!(
                            "knowledge-check question {n} checks the slide `{}`, and no slide of this deck has that title",
                            title.get_ref()
                        ),
                    );
                    return Err(match near {
                        Some(near) => error.with_hint(near),
                        None => error,
                    });
                }
            }
            _ => {
                return Err(at_answer(format!(
                    "knowledge-check question {n} needs exactly one of `fact` (a fact id) or `slide` (a slide title): what it checks"
                )));
            }
        }
    }
    Ok(())
}
