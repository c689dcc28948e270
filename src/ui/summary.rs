//! What was written in this session, as lines to read back together.

use ratatui::text::{Line, Span};

use super::Theme;
use crate::content::{InputKind, Pack, Role, Step, fill};
use crate::session::Session;

/// The key facts: the thought, its pattern, whether it was recognised, and
/// the belief ratings. Without `labels` (the screen turned to the client)
/// not the volunteer's own judgements: the pattern and the recognition.
pub fn overview<'a>(
    session: &'a Session,
    pack: &'a Pack,
    theme: &Theme,
    labels: bool,
) -> Vec<Line<'a>> {
    let texts = &pack.ui.session;
    let mut out = Vec::new();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.title),
            Span::styled(value, theme.tip),
        ])
    };
    if let Some(thought) = session.thought(pack) {
        out.push(field(&texts.thought_label, format!("“{thought}”")));
    }
    let judgements = [
        (Role::Patterns, &texts.summary_patterns),
        (Role::Recognised, &texts.summary_recognised),
    ];
    for (role, label) in judgements.into_iter().filter(|_| labels) {
        if let Some(text) = chosen_texts(session, pack, role) {
            out.push(field(label, text));
        }
    }
    let before = session.rating(pack, Role::BeliefBefore);
    let after = session.rating(pack, Role::BeliefAfter);
    if before.is_some() || after.is_some() {
        let show = |r: Option<u8>| r.map_or("–".to_string(), |v| v.to_string());
        out.push(Line::styled(
            fill(
                &texts.summary_belief,
                &[("before", &show(before)), ("after", &show(after))],
            ),
            theme.tip,
        ));
    }
    out
}

/// Everything written: the overview, then every answer per route and the
/// closing steps.
pub fn lines<'a>(
    session: &'a Session,
    pack: &'a Pack,
    theme: &Theme,
    labels: bool,
) -> Vec<Line<'a>> {
    let texts = &pack.ui.session;
    if session.quiz {
        return quiz_lines(session, pack, theme);
    }
    let mut out = overview(session, pack, theme, labels);
    // What happened and the feeling: the other person's words around the
    // thought.
    let around: Vec<&Step> = pack
        .before
        .iter()
        .flat_map(|p| &p.steps)
        .filter(|s| {
            s.role.is_none() && matches!(s.input, InputKind::Text | InputKind::Perspectives)
        })
        .collect();
    for step in around {
        push_step(&mut out, session, step, theme);
    }
    // An exercise done alone: its name, then its answers.
    if let Some(phase) = session.solo.and_then(|i| pack.solo_phases().nth(i))
        && phase.steps.iter().any(|s| has_text(session, s))
    {
        out.push(Line::styled(phase.title.as_str(), theme.title));
        push_steps(&mut out, session, &phase.steps, theme);
    }
    let taken = pack
        .routes
        .iter()
        .filter(|r| session.routes.contains(&r.id));
    for route in taken.filter(|r| r.steps.iter().any(|s| has_text(session, s))) {
        out.push(Line::default());
        out.push(Line::styled(
            format!("{}. {}", route.letter, route.title),
            theme.title,
        ));
        push_steps(&mut out, session, &route.steps, theme);
    }
    let closing: Vec<&Step> = pack
        .after
        .iter()
        .flat_map(|p| &p.steps)
        .filter(|s| s.role != Some(Role::BeliefAfter))
        .collect();
    if closing.iter().any(|s| has_text(session, s)) {
        out.push(Line::default());
        for step in closing {
            push_step(&mut out, session, step, theme);
        }
    }
    if out.is_empty() {
        out.push(Line::styled(texts.summary_empty.as_str(), theme.muted));
    }
    out
}

/// A saved recognition exercise: the score, then each thought with the
/// pattern chosen and whether it fits.
fn quiz_lines<'a>(session: &'a Session, pack: &'a Pack, theme: &Theme) -> Vec<Line<'a>> {
    use crate::session::recognition::{answer_id, saved_score};
    let m = &pack.ui.modes;
    let (right, total) = saved_score(session, pack);
    let mut out = vec![
        Line::styled(m.practice_recognise.as_str(), theme.title),
        Line::styled(
            fill(
                &m.recognise_score,
                &[("right", &right.to_string()), ("total", &total.to_string())],
            ),
            theme.prompt,
        ),
    ];
    let patterns = pack.brochure_patterns();
    for example in &pack.examples {
        let Some(chosen) = session
            .answer(&answer_id(&example.id))
            .and_then(|a| a.selected.first())
        else {
            continue;
        };
        let name = patterns
            .iter()
            .find(|o| o.id == *chosen)
            .map_or(chosen.as_str(), |o| o.text.as_str());
        let mark = if example.fits(chosen) { "✓" } else { "·" };
        out.push(Line::default());
        out.push(Line::styled(
            format!("“{}”", example.thought),
            theme.thought,
        ));
        out.push(Line::styled(format!("  {mark} {name}"), theme.tip));
    }
    out
}

/// The summary as plain lines, for plain mode.
pub fn text(session: &Session, pack: &Pack) -> Vec<String> {
    lines(session, pack, &Theme::monochrome(), true)
        .into_iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn has_text(session: &Session, step: &Step) -> bool {
    session.answer(&step.id).is_some_and(|a| {
        !a.text.trim().is_empty()
            || !a.selected.is_empty()
            || a.perspectives.iter().any(|p| !p.trim().is_empty())
    })
}

fn push_steps<'a>(out: &mut Vec<Line<'a>>, session: &'a Session, steps: &'a [Step], theme: &Theme) {
    for step in steps {
        push_step(out, session, step, theme);
    }
}

/// "• Title", then the chosen options and the notes, indented.
pub fn push_step<'a>(out: &mut Vec<Line<'a>>, session: &'a Session, step: &'a Step, theme: &Theme) {
    let Some(answer) = session.answer(&step.id).filter(|_| has_text(session, step)) else {
        return;
    };
    out.push(Line::from(vec![
        Span::styled("• ", theme.muted),
        Span::styled(step.title.as_str(), theme.prompt),
    ]));
    if step.input != InputKind::Text && !answer.selected.is_empty() {
        let chosen = step.option_texts(&answer.selected);
        out.push(Line::styled(format!("  {}", chosen.join(", ")), theme.tip));
    }
    for line in answer.text.trim().lines() {
        out.push(Line::styled(format!("  {line}"), theme.tip));
    }
    // Everyone's perspective, each with the participant's number.
    for (i, p) in answer.perspectives.iter().enumerate() {
        for (n, line) in p.trim().lines().enumerate() {
            let lead = if n == 0 {
                format!("  {:>2}. ", i + 1)
            } else {
                "      ".to_string()
            };
            out.push(Line::styled(format!("{lead}{line}"), theme.tip));
        }
    }
}

/// The texts of the options chosen on the step with `role`.
fn chosen_texts(session: &Session, pack: &Pack, role: Role) -> Option<String> {
    let step = pack.step_with_role(role)?;
    let answer = session.answer(&step.id)?;
    let texts = step.option_texts(&answer.selected);
    (!texts.is_empty()).then(|| texts.join(", "))
}
