//! One step of the conversation: the sentence to say first and clearest,
//! then the tip, the valkuil, the input and the notes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::widgets::{self, bulleted, indented, labelled, rating_bar, wrapped};
use super::{View, diagram, header, summary};
use crate::content::{InputKind, Pack, Role, Step, fill};
use crate::session::{Place, Previous, Session, voices};

enum Part<'a> {
    Gap,
    Text(Box<Paragraph<'a>>),
    Notes,
    Summary,
    Diagram,
    Perspectives,
}

/// The step's note fields as drawn.
#[derive(Clone, Copy)]
pub struct Notes<'a> {
    pub main: &'a TextArea<'static>,
    /// The main field is the volunteer's own (a step of their judgement).
    pub main_is_impression: bool,
    /// The volunteer's impression below the other person's words.
    pub impression: Option<&'a TextArea<'static>>,
    /// Which field has the keyboard, if one has: the impression (true) or
    /// the main field (false).
    pub editing_impression: Option<bool>,
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, session: &Session, notes: &Notes) {
    let pack = view.pack;
    let Some(step) = session.current_step(pack) else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let right = header_right(view, session);
    header(
        frame,
        head,
        view,
        &progress(session, pack),
        (!right.is_empty()).then_some(right.as_str()),
    );
    let body = body.inner(Margin::new(if view.prefs.spacious { 3 } else { 1 }, 0));
    let mut parts = vec![(Part::Gap, 1)];
    parts.extend(layout_parts(
        view,
        session,
        step,
        body.height.saturating_sub(1),
        body.width,
    ));
    let heights: Vec<Constraint> = parts
        .iter()
        .map(|(part, h)| match part {
            Part::Notes | Part::Summary | Part::Perspectives => Constraint::Min(*h),
            _ => Constraint::Length(*h),
        })
        .collect();
    let areas = Layout::vertical(heights).split(body);
    for ((part, _), rect) in parts.into_iter().zip(areas.iter()) {
        match part {
            Part::Gap => {}
            Part::Text(p) => frame.render_widget(*p, *rect),
            Part::Notes => render_notes(frame, *rect, view, notes),
            Part::Diagram => {
                let items: Vec<&str> = step.options.iter().map(|o| o.text.as_str()).collect();
                diagram::render(frame, *rect, &items, view.theme);
            }
            Part::Perspectives => render_perspectives(frame, *rect, view, session, notes.main),
            Part::Summary => {
                let lines = summary::lines(session, pack, view.theme, !view.prefs.hide_tips);
                let para = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
                let total = para.line_count(rect.width);
                let max_scroll = total.saturating_sub(usize::from(rect.height));
                let scroll = u16::try_from(session.cursor.min(max_scroll)).unwrap_or(0);
                frame.render_widget(para.scroll((scroll, 0)), *rect);
            }
        }
    }
}

/// The parts of the screen with their heights; when the screen is short,
/// the tip, then the valkuil, then the thought give way to the notes.
fn layout_parts<'a>(
    view: &View<'a>,
    session: &'a Session,
    step: &'a Step,
    height: u16,
    width: u16,
) -> Vec<(Part<'a>, u16)> {
    let pack = view.pack;
    let theme = view.theme;
    let texts = &pack.ui.session;

    let thought = session
        .thought(pack)
        .filter(|_| step.role != Some(Role::Thought))
        .map(|t| {
            let line = labelled(&texts.thought_label, t, theme.muted, theme.thought);
            let block = wrapped(line, width);
            (block.paragraph, block.height.min(3))
        });
    // The patterns are the volunteer's judgement: with the screen turned
    // to the client, neither the question nor the pattern names show.
    let private = step.turned_away(view.prefs.hide_tips, view.prefs.self_voice);
    let question = match (&step.self_prompt, view.prefs.self_voice) {
        _ if private => &texts.volunteer_only,
        (Some(own), true) => own,
        _ => &step.prompt,
    };
    let prompt_text = fill(
        question,
        &[("gedachte", session.thought(pack).unwrap_or("…"))],
    );
    let mut prompt_lines = vec![Line::styled(prompt_text, theme.prompt)];
    // The countdown is over: said once, under the question.
    if view.prefs.timer == Some(0) {
        prompt_lines.push(Line::styled(pack.ui.modes.timer_done.as_str(), theme.title));
    }
    let prompt = wrapped(Text::from(prompt_lines), width);
    // The tip, then its worked examples: both for the volunteer, so not
    // on a screen turned to the client, nor when practising alone. Made
    // with all examples, the first, or none, for a short screen.
    let examples = if view.prefs.self_voice {
        &[][..]
    } else {
        step.examples.as_slice()
    };
    let tip_with = |shown: usize| {
        step.tip
            .as_deref()
            .filter(|_| !view.prefs.hide_tips)
            .map(|t| {
                let mut lines = vec![labelled(&texts.tip_label, t, theme.title, theme.tip)];
                lines.extend(
                    examples
                        .iter()
                        .take(shown)
                        .map(|e| labelled(&texts.example_label, e, theme.muted, theme.tip)),
                );
                wrapped(Text::from(lines), width)
            })
    };
    let tips = [tip_with(examples.len()), tip_with(1), tip_with(0)];
    let valkuilen: Vec<_> = step
        .valkuilen
        .iter()
        .filter(|_| !view.prefs.hide_tips)
        .filter_map(|id| pack.valkuil(id))
        .map(|v| {
            let label = format!("{} – {}", texts.valkuil_label, v.title);
            wrapped(
                labelled(&label, &v.text, theme.valkuil, theme.valkuil),
                width,
            )
        })
        .collect();
    let input = input_part(view, session, step, width).filter(|_| !private);
    // Room for the note fields: one line each between borders.
    let fill_min = if voices(step).len() > 1 { 6 } else { 3 };

    // `with_tip`: 0 all examples, 1 the first, 2 none, 3 no tip at all.
    let fixed = |with_tip: usize, with_valkuil: bool, with_thought: bool| -> u16 {
        let mut h = 1 + prompt.height + 1;
        if with_thought && let Some((_, th)) = &thought {
            h += th + 1;
        }
        if let Some(Some(t)) = tips.get(with_tip) {
            h += t.height;
        }
        if with_valkuil {
            h += valkuilen.iter().map(|v| v.height).sum::<u16>();
        }
        h + input.as_ref().map_or(0, |(_, ih)| ih + 1)
    };
    let needs_fill = step.notes || step.input == InputKind::Summary;
    // "Een stempel drukken": a discreet hint under the notes.
    let stamp = session
        .labelling_word(pack)
        .filter(|_| !view.prefs.hide_tips)
        .map(|word| {
            let hint = fill(&pack.ui.modes.stamp_hint, &[("word", word)]);
            wrapped(Line::styled(hint, theme.valkuil), width)
        });
    let stamp_height = stamp.as_ref().map_or(0, |s| s.height);
    let reserved = if needs_fill { fill_min + 1 } else { 0 } + stamp_height;
    let room = height.saturating_sub(reserved);
    // A step with worked examples is its tip: the valkuil gives way first.
    let script: &[(usize, bool, bool)] = if examples.is_empty() {
        &[]
    } else {
        &[
            (0, true, true),
            (1, true, true),
            (0, false, true),
            (1, false, true),
        ]
    };
    let (show_tip, show_valkuil, show_thought) = script
        .iter()
        .copied()
        .chain([
            (2, true, true),
            (3, true, true),
            (3, false, true),
            (3, false, false),
        ])
        .find(|(t, v, th)| fixed(*t, *v, *th) <= room)
        .unwrap_or((3, false, false));
    let [all, one, bare] = tips;
    let tip = match show_tip {
        0 => all,
        1 => one,
        2 => bare,
        _ => None,
    };
    let mut parts = Vec::new();
    if matches!(session.place, Place::Opening { .. })
        && let Some(previous) = &session.previous
    {
        let block = wrapped(previous_lines(view, previous), width);
        parts.push((Part::Text(Box::new(block.paragraph)), block.height));
        parts.push((Part::Gap, 1));
    }
    if show_thought && let Some((p, h)) = thought {
        parts.push((Part::Text(Box::new(p)), h));
        parts.push((Part::Gap, 1));
    }
    // Where the step comes from, discreetly beside its title: a brochure
    // section, or denkcoach's own addition (not with the tips hidden).
    let shown_title = match (&step.self_title, view.prefs.self_voice) {
        (Some(own), true) => own.as_str(),
        _ => step.title.as_str(),
    };
    let mut title = vec![Span::styled(shown_title, theme.title)];
    // (Practising alone the source shows too: it is no tip for a volunteer.)
    if !view.prefs.hide_tips || view.prefs.self_voice {
        let from = match &step.source {
            Some(source) => fill(
                &texts.source_brochure,
                &[("section", crate::content::section_of(source))],
            ),
            None => texts.source_addition.clone(),
        };
        title.push(Span::styled(format!("  · {from}"), theme.muted));
    }
    if !private {
        parts.push((Part::Text(Box::new(Paragraph::new(Line::from(title)))), 1));
    }
    parts.push((Part::Text(Box::new(prompt.paragraph)), prompt.height));
    parts.push((Part::Gap, 1));
    if let Some(t) = tip {
        parts.push((Part::Text(Box::new(t.paragraph)), t.height));
    }
    if show_valkuil {
        for v in valkuilen {
            parts.push((Part::Text(Box::new(v.paragraph)), v.height));
        }
    }
    if let Some((p, h)) = input {
        parts.push((Part::Gap, 1));
        parts.push((p, h));
    }
    if step.input == InputKind::Summary {
        parts.push((Part::Gap, 1));
        parts.push((Part::Summary, fill_min));
    } else if step.input == InputKind::Perspectives {
        parts.push((Part::Gap, 1));
        parts.push((Part::Perspectives, fill_min + 2));
    } else if step.notes && !private {
        // (The patterns' note is the volunteer's own: not on a screen
        // turned to the client.)
        parts.push((Part::Gap, 1));
        parts.push((Part::Notes, fill_min));
        if let Some(s) = stamp {
            parts.push((Part::Text(Box::new(s.paragraph)), s.height));
        }
    } else {
        parts.push((Part::Gap, 0));
    }
    parts
}

/// What was agreed last time, at the top of the look-back steps.
fn previous_lines<'a>(view: &View<'a>, previous: &'a Previous) -> Text<'a> {
    let texts = &view.pack.ui.session;
    let theme = view.theme;
    let date = crate::dates::day(previous.started_at, view.pack);
    let mut lines = vec![Line::styled(
        fill(&texts.previous, &[("date", &date)]),
        theme.title,
    )];
    if let Some(t) = &previous.thought {
        lines.push(labelled(
            &texts.thought_label,
            t,
            theme.muted,
            theme.thought,
        ));
    }
    if let Some(s) = &previous.next_step {
        lines.push(labelled(&texts.previous_step, s, theme.muted, theme.tip));
    }
    if let Some(b) = previous.belief {
        lines.push(Line::styled(
            format!("{}: {b}", texts.previous_belief),
            theme.muted,
        ));
    }
    Text::from(lines)
}

/// The structured input of a step (options, checklist, rating), if any.
fn input_part<'a>(
    view: &View<'a>,
    session: &'a Session,
    step: &'a Step,
    width: u16,
) -> Option<(Part<'a>, u16)> {
    let theme = view.theme;
    let answer = session.answer(&step.id);
    let selected = |id: &str| answer.is_some_and(|a| a.selected.iter().any(|s| s == id));
    match step.input {
        InputKind::Text | InputKind::Summary | InputKind::Perspectives => None,
        InputKind::Cycle => {
            let items: Vec<&str> = step.options.iter().map(|o| o.text.as_str()).collect();
            Some((Part::Diagram, diagram::height(&items, width)))
        }
        InputKind::Info if step.options.is_empty() => None,
        InputKind::Info => {
            let label_width = step
                .options
                .iter()
                .map(|o| o.text.chars().count())
                .max()
                .unwrap_or(0);
            let mut lines = Vec::new();
            for option in &step.options {
                match option.value {
                    // Figures are drawn as bars so they compare at a glance.
                    Some(v) if label_width + 12 < usize::from(width) => {
                        let bar_room = (usize::from(width) - label_width - 8).min(50);
                        let filled = usize::from(v) * bar_room / 100;
                        lines.push(Line::from(vec![
                            Span::styled(format!("{:<label_width$}  ", option.text), theme.tip),
                            Span::styled("█".repeat(filled), theme.gauge),
                            Span::styled(format!(" {v}%"), theme.prompt),
                        ]));
                    }
                    Some(v) => {
                        lines.push(Line::styled(format!("• {} {v}%", option.text), theme.tip))
                    }
                    None => {
                        lines.extend(bulleted(&option.text, width, theme.tip, theme.muted));
                        if let Some(e) = &option.explanation {
                            lines.extend(indented(e, width, 4, theme.muted));
                        }
                    }
                }
            }
            let block = wrapped(Text::from(lines), width);
            Some((Part::Text(Box::new(block.paragraph)), block.height))
        }
        InputKind::Scale => {
            let rating = answer.and_then(|a| a.rating);
            let label = match rating {
                Some(n) => fill(&view.pack.ui.session.scale_value, &[("n", &n.to_string())]),
                None => view.pack.ui.session.scale_empty.clone(),
            };
            let line = rating_bar(rating, width.saturating_sub(20), theme, label);
            Some((Part::Text(Box::new(Paragraph::new(line))), 1))
        }
        InputKind::Checklist | InputKind::Single | InputKind::Multi => {
            let mut lines = Vec::new();
            for (i, option) in step.options.iter().enumerate() {
                let current = i == session.cursor;
                let mark = match (step.input, selected(&option.id)) {
                    (InputKind::Single, true) => "(•)",
                    (InputKind::Single, false) => "( )",
                    (_, true) => "[x]",
                    (_, false) => "[ ]",
                };
                let style = if current {
                    theme.highlight
                } else if selected(&option.id) {
                    theme.selected
                } else {
                    theme.prompt.remove_modifier(ratatui::style::Modifier::BOLD)
                };
                let words = match (&option.self_text, view.prefs.self_voice) {
                    (Some(own), true) => own,
                    _ => &option.text,
                };
                lines.push(Line::from(vec![
                    super::widgets::pointer(current, theme),
                    Span::styled(format!("{mark} {words}"), style),
                ]));
                // A checklist shows every explanation; a choice only the highlighted one.
                let explain = step.input == InputKind::Checklist || current;
                if explain && let Some(e) = &option.explanation {
                    lines.extend(indented(e, width, 6, theme.muted));
                }
            }
            let block = wrapped(Text::from(lines), width);
            Some((Part::Text(Box::new(block.paragraph)), block.height))
        }
    }
}

/// Client code, the quiet clock and the mode's banner, right in the header.
pub(super) fn header_right(view: &View, session: &Session) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(banner) = view.prefs.banner {
        parts.push(banner.to_string());
    }
    if let Some(code) = &session.client_code {
        parts.push(code.clone());
    }
    if let Some(minutes) = view.prefs.clock {
        let clock = &view.pack.ui.modes.clock;
        parts.push(fill(clock, &[("minutes", &minutes.to_string())]));
    }
    // The countdown: quiet, once a minute.
    if let Some(left) = view.prefs.timer.filter(|l| *l > 0) {
        let timer = &view.pack.ui.modes.timer_left;
        parts.push(fill(timer, &[("minutes", &left.to_string())]));
    }
    parts.join(" · ")
}

/// One column per participant while each column is wide enough to read;
/// beyond that, one line per participant under the field being written,
/// each with its number, scrolled so the one being written is in view.
fn render_perspectives(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    session: &Session,
    notes: &TextArea<'static>,
) {
    let pack = view.pack;
    let theme = view.theme;
    let count = session.participants(pack);
    let answer = session
        .current_step(pack)
        .and_then(|s| session.answer(&s.id));
    let said = |i: usize| {
        answer
            .and_then(|a| a.perspectives.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let title_of = |i: usize| fill(&pack.ui.modes.participant, &[("n", &(i + 1).to_string())]);
    let boxed = |current: bool, title: String| {
        let border = if current {
            theme.border_active
        } else {
            theme.border
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(format!(" {title} "), border))
    };
    if count == 0 || usize::from(area.width) / count >= MIN_COLUMN {
        let columns = Layout::horizontal(vec![Constraint::Fill(1); count.max(1)]).split(area);
        for (i, rect) in columns.iter().enumerate() {
            let current = i == session.participant;
            let block = boxed(current, title_of(i));
            let inner = block.inner(*rect);
            frame.render_widget(block, *rect);
            if current {
                frame.render_widget(notes, inner);
            } else {
                frame.render_widget(
                    Paragraph::new(said(i))
                        .style(theme.tip)
                        .wrap(Wrap { trim: false }),
                    inner,
                );
            }
        }
        return;
    }
    // Many: the field being written, then everyone in a list.
    let [field, list] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(area);
    let block = boxed(true, title_of(session.participant));
    let inner = block.inner(field);
    frame.render_widget(block, field);
    frame.render_widget(notes, inner);
    let rows = usize::from(list.height).max(1);
    let first = session.participant.saturating_sub(rows - 1);
    let width = usize::from(list.width);
    let lines: Vec<Line> = (0..count)
        .skip(first)
        .take(rows)
        .map(|i| {
            let current = i == session.participant;
            let words = said(i).split_whitespace().collect::<Vec<_>>().join(" ");
            let lead = format!("{} {:>2}. ", if current { "›" } else { " " }, i + 1);
            let words = widgets::shortened(&words, width.saturating_sub(lead.chars().count()));
            let style = if current { theme.highlight } else { theme.tip };
            Line::from(vec![
                Span::styled(lead, theme.muted),
                Span::styled(words, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// Narrower columns than this (in cells) are not readable: the
/// participants are listed one per line instead.
const MIN_COLUMN: usize = 18;

/// The other person's words and, below them and smaller, the volunteer's
/// own impression – each field titled with whose it is.
fn render_notes(frame: &mut Frame, area: Rect, view: &View, notes: &Notes) {
    let texts = &view.pack.ui.session;
    // Practising alone the words are one's own.
    let (words, impression) = (
        if view.prefs.self_voice {
            (texts.own_label.as_str(), texts.own_editing.as_str())
        } else {
            (texts.notes_label.as_str(), texts.notes_editing.as_str())
        },
        if view.prefs.self_voice {
            (
                texts.own_note_label.as_str(),
                texts.own_note_editing.as_str(),
            )
        } else {
            (
                texts.impression_label.as_str(),
                texts.impression_editing.as_str(),
            )
        },
    );
    let main_titles = if notes.main_is_impression {
        impression
    } else {
        words
    };
    let Some(second) = notes.impression else {
        let editing = notes.editing_impression.is_some();
        return render_field(frame, area, view, notes.main, main_titles, editing);
    };
    // The impression takes a third, at least one line and at most four.
    let below = (area.height / 3)
        .clamp(3, 6)
        .min(area.height.saturating_sub(3));
    let [top, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(below)]).areas(area);
    let on_second = notes.editing_impression;
    render_field(
        frame,
        top,
        view,
        notes.main,
        words,
        on_second == Some(false),
    );
    if bottom.height >= 3 {
        render_field(
            frame,
            bottom,
            view,
            second,
            impression,
            on_second == Some(true),
        );
    }
}

fn render_field(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    notes: &TextArea<'static>,
    (label, editing_label): (&str, &str),
    editing: bool,
) {
    let (title, border) = if editing {
        (editing_label, view.theme.border_active)
    } else {
        (label, view.theme.border)
    };
    // Only the edge: the text area draws the inside.
    widgets::outline(frame.buffer_mut(), area, border, &format!(" {title} "));
    let inner = Block::bordered().inner(area).inner(Margin::new(1, 0));
    frame.render_widget(notes, inner);
}

/// "Signaleren · stap 2 van 4", "a. Gedachten uitdagen · stap 1 van 7", …
pub fn progress(session: &Session, pack: &Pack) -> String {
    let template = &pack.ui.session.progress;
    let of = |title: &str, n: usize, m: usize| {
        fill(
            template,
            &[
                ("phase", title),
                ("n", &(n + 1).to_string()),
                ("m", &m.to_string()),
            ],
        )
    };
    // Steps for a group only are not counted with one person.
    let counted = |p: &crate::content::Phase, step: usize| {
        let shown =
            |s: &&Step| (session.group || !s.group_only) && !(session.alone && s.conversation_only);
        let n = p.steps.iter().take(step).filter(shown).count();
        of(&p.title, n, p.steps.iter().filter(shown).count())
    };
    match session.place {
        Place::Opening { phase, step } => session
            .openings(pack)
            .get(phase)
            .map(|p| counted(p, step))
            .unwrap_or_default(),
        Place::Solo { phase, step } => pack
            .solo_phases()
            .nth(phase)
            .map(|p| counted(p, step))
            .unwrap_or_default(),
        Place::Before { phase, step } => pack
            .before
            .get(phase)
            .map(|p| counted(p, step))
            .unwrap_or_default(),
        Place::After { phase, step } => pack
            .after
            .get(phase)
            .map(|p| counted(p, step))
            .unwrap_or_default(),
        Place::Route { route, step } => pack
            .routes
            .get(route)
            .map(|r| of(&format!("{}. {}", r.letter, r.title), step, r.steps.len()))
            .unwrap_or_default(),
        Place::RouteChoice => pack.ui.routes.phase.clone(),
        Place::Done => String::new(),
    }
}
