//! Region-true words in the project's own text: `{key}` in a content file stands for the word
//! the region uses (`{lead}` is "the person your school designates" in the US and "the
//! designated safeguarding lead" in the UK), from the `[region-words.<region>]` table of the
//! kit's language (`content/i18n/<lang>.toml`). Words are data, not code: a region's term is
//! changed in that table, in every language. `{{` and `}}` print a brace.

use std::collections::BTreeMap;

use super::AudienceContent;

/// Fills every `{key}` of the content's own words from `words`; an unknown key is refused with
/// its name (a typo would otherwise print braces to an audience).
pub fn fill(content: &mut AudienceContent, words: &BTreeMap<String, String>) -> Result<(), String> {
    let mut result = Ok(());
    visit(content, &mut |text: &mut String| {
        if result.is_ok()
            && let Err(e) = fill_one(text, words)
        {
            result = Err(e);
        }
    });
    result
}

/// Replaces the `{key}`s of one text; `{{` and `}}` stand for literal braces.
fn fill_one(text: &mut String, words: &BTreeMap<String, String>) -> Result<(), String> {
    if !text.contains('{') && !text.contains('}') {
        return Ok(());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find(['{', '}']) {
        out.push_str(&rest[..start]);
        if rest[start..].starts_with("{{") || rest[start..].starts_with("}}") {
            out.push_str(&rest[start..start + 1]);
            rest = &rest[start + 2..];
            continue;
        }
        if rest[start..].starts_with('}') {
            return Err(format!(
                "a `}}` without its `{{` in `{text}` (write `}}}}` for a brace)"
            ));
        }
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return Err(format!("an unclosed `{{` in `{text}`"));
        };
        let key = &after[..end];
        let word = words.get(key).ok_or_else(|| {
            let known: Vec<&str> = words.keys().map(String::as_str).collect();
            format!(
                "`{{{key}}}` is not a region word; the region words are {}",
                known.join(", ")
            )
        })?;
        out.push_str(word);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    *text = out;
    Ok(())
}

/// Calls `f` on every piece of the project's own words in a content file.
fn visit(content: &mut AudienceContent, f: &mut dyn FnMut(&mut String)) {
    f(&mut content.title);
    f(&mut content.subtitle);
    f(&mut content.card.heading);
    f(&mut content.card.lead);
    content.card.reassurance.iter_mut().for_each(&mut *f);
    for slide in &mut content.slides {
        for value in [
            &mut slide.title,
            &mut slide.notes,
            &mut slide.text,
            &mut slide.left_heading,
            &mut slide.right_heading,
        ] {
            value.iter_mut().for_each(&mut *f);
        }
        for list in [
            &mut slide.points,
            &mut slide.left,
            &mut slide.right,
            &mut slide.steps,
        ] {
            list.iter_mut().flatten().for_each(&mut *f);
        }
    }
    for handout in &mut content.handouts {
        f(&mut handout.title);
        f(&mut handout.lead);
        for section in &mut handout.sections {
            f(&mut section.heading);
            section.text.iter_mut().for_each(&mut *f);
            for list in [
                &mut section.points,
                &mut section.steps,
                &mut section.checklist,
                &mut section.questions,
            ] {
                list.iter_mut().flatten().for_each(&mut *f);
            }
        }
    }
    let guide = &mut content.start_here;
    for list in [
        &mut guide.objectives,
        &mut guide.prepare,
        &mut guide.if_someone_discloses,
    ] {
        list.iter_mut().for_each(&mut *f);
    }
    guide.police_note.iter_mut().for_each(&mut *f);
    for q in &mut guide.questions {
        f(&mut q.question);
        f(&mut q.answer);
    }
    let feedback = &mut content.feedback;
    feedback.intro.iter_mut().for_each(&mut *f);
    feedback.ratings.iter_mut().for_each(&mut *f);
    feedback.open.iter_mut().for_each(&mut *f);
    if let Some(poster) = &mut content.poster {
        f(&mut poster.headline);
        f(&mut poster.reassurance);
    }
    if let Some(letter) = &mut content.parent_letter {
        for (_, value) in letter.own_words_mut() {
            f(value);
        }
    }
    if let Some(check) = &mut content.knowledge_check {
        for q in check.questions.get_mut() {
            f(&mut q.question);
            q.choices.iter_mut().flatten().for_each(&mut *f);
            // An answer and a slide title are compared with choices and titles filled the same way.
            f(q.answer.get_mut());
            if let Some(slide) = &mut q.slide {
                f(slide.get_mut());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_replaced_and_unknown_ones_refused() {
        let words = BTreeMap::from([
            (
                "lead".to_string(),
                "the designated safeguarding lead".to_string(),
            ),
            ("grades".to_string(), "Years 7 to 9".to_string()),
        ]);
        let mut text = "Tell {lead} at once, for {grades}.".to_string();
        fill_one(&mut text, &words).unwrap();
        assert_eq!(
            text,
            "Tell the designated safeguarding lead at once, for Years 7 to 9."
        );
        let mut typo = "Tell {laed}".to_string();
        let error = fill_one(&mut typo, &words).unwrap_err();
        assert!(
            error.contains("{laed}") && error.contains("lead"),
            "{error}"
        );
        assert!(fill_one(&mut "open {lead".to_string(), &words).is_err());
        let mut braces = "a {{x}} b".to_string();
        fill_one(&mut braces, &words).unwrap();
        assert_eq!(braces, "a {x} b");
    }
}
