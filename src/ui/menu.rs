//! Menus: the start menu (resume, the three ways of use, notes, clearing
//! old sessions), the demo's index of techniques, and the practice menu.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::widgets::{indented, shortened, stack, wrapped};
use super::{View, header};
use crate::content::{Pack, fill};
use crate::session::Place;

/// The three ways of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Gesprek,
    Demo,
    Oefenen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    Resume {
        id: String,
        started_at: DateTime<FixedOffset>,
        client: Option<String>,
    },
    Mode(Mode),
    Group,
    History,
    ClearOld {
        ids: Vec<String>,
        months: u32,
        /// The sessions, one per line, for the question before deleting.
        named: String,
    },
    Quit,
    /// A background phase or exercise, walked on its own (index into the
    /// pack's solo phases).
    Solo(usize),
    /// A heading of the demo's index: never highlighted, a digit jumps to
    /// it.
    Chapter {
        number: usize,
        title: String,
    },
    /// One step of the conversation, a route or a background phase, to
    /// show in a demo.
    Step(Place),
    /// An example thought to walk through a route (index into examples).
    Case(usize),
    PracticeThought,
    Recognise,
    /// The notes of practising alone.
    PracticeHistory,
    /// What is kept, where, how long (AVG).
    Privacy,
    /// The settings screen.
    Settings,
    /// One setting on it, with its value as shown.
    Setting {
        which: crate::config::Key,
        shown: String,
    },
}

pub fn label(pack: &Pack, item: &MenuItem) -> String {
    let t = &pack.ui.history;
    let m = &pack.ui.modes;
    match item {
        MenuItem::Resume {
            started_at, client, ..
        } => {
            // The day too: two open sessions of one client may share a time.
            let time = crate::dates::day_time(*started_at, pack);
            match client {
                Some(c) => fill(&t.resume, &[("time", &time), ("client", c)]),
                None => fill(&t.resume_no_client, &[("time", &time)]),
            }
        }
        MenuItem::Mode(Mode::Gesprek) => m.menu_gesprek.clone(),
        MenuItem::Mode(Mode::Demo) => m.menu_demo.clone(),
        MenuItem::Mode(Mode::Oefenen) => m.menu_oefenen.clone(),
        MenuItem::Group => m.menu_groep.clone(),
        MenuItem::History => t.menu_history.clone(),
        MenuItem::Privacy => pack.ui.privacy.menu.clone(),
        MenuItem::Settings => pack.ui.settings.menu.clone(),
        MenuItem::Setting { shown, .. } => shown.clone(),
        MenuItem::ClearOld { ids, months, .. } => fill(
            &t.retention,
            &[
                ("count", &ids.len().to_string()),
                ("months", &months.to_string()),
            ],
        ),
        MenuItem::Quit => t.menu_quit.clone(),
        MenuItem::Solo(i) => pack
            .solo_phases()
            .nth(*i)
            .map(|p| p.title.clone())
            .unwrap_or_default(),
        MenuItem::Chapter { number, title } => format!("{number}  {title}"),
        MenuItem::Step(Place::Route { route, step }) => pack
            .routes
            .get(*route)
            .and_then(|r| {
                let s = r.steps.get(*step)?;
                Some(format!("{}. {} – {}", r.letter, r.title, s.title))
            })
            .unwrap_or_default(),
        MenuItem::Step(place) => place
            .step(pack, &[])
            .map(|s| s.title.clone())
            .unwrap_or_default(),
        MenuItem::Case(i) => pack
            .examples
            .get(*i)
            .map(|e| fill(&m.demo_case, &[("thought", &e.thought)]))
            .unwrap_or_default(),
        MenuItem::PracticeThought => m.practice_thought.clone(),
        MenuItem::Recognise => m.practice_recognise.clone(),
        MenuItem::PracticeHistory => m.practice_history.clone(),
    }
}

/// A menu as the view needs it.
#[derive(Clone, Copy)]
pub struct MenuView<'a> {
    pub title: &'a str,
    pub items: &'a [MenuItem],
    pub cursor: usize,
    /// The quiet line at the bottom: mode, language, data folder.
    pub status: &'a str,
    /// The start menu also greets and credits.
    pub welcome: bool,
    /// What is typed to find an item (the demo's index).
    pub search: Option<&'a str>,
    /// The practice menu: why each exercise helps, under the highlighted one.
    pub why: bool,
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, menu: &MenuView) {
    let pack = view.pack;
    let theme = view.theme;
    let [head, body] = stack(area, [1, 0], 1);
    header(frame, head, view, &pack.ui.app.header, None);
    let margin = if view.prefs.spacious { 3 } else { 1 };
    let body = body.inner(Margin::new(margin, 0));
    let welcome = wrapped(
        Line::styled(
            if menu.welcome {
                pack.ui.start.welcome_text(view.prefs.read_only)
            } else {
                ""
            },
            theme.prompt,
        ),
        body.width,
    );
    let status = wrapped(Line::styled(menu.status, theme.muted), body.width);
    // Practising alone: where to turn when it gets too much.
    let help = view.prefs.self_voice.then(|| {
        wrapped(
            Line::styled(pack.ui.modes.practice_help.as_str(), theme.muted),
            body.width,
        )
    });
    let help_height = help.as_ref().map_or(0, |h| h.height + 1);
    let credit = wrapped(
        Line::styled(pack.source.credit.as_str(), theme.muted),
        body.width,
    );
    let welcome_height = if menu.welcome { welcome.height + 1 } else { 0 };
    let [_, w, title, list, _, h, s, c] = stack(
        body,
        [
            1,
            welcome_height,
            2,
            3,
            1,
            help_height,
            status.height,
            credit.height,
        ],
        3,
    );
    if let Some(help) = help {
        frame.render_widget(help.paragraph, h);
    }
    if menu.welcome {
        frame.render_widget(welcome.paragraph, w);
    }
    let mut heading = vec![Span::styled(menu.title, theme.title)];
    if let Some(query) = menu.search {
        heading.push(Span::styled(
            format!("   {}: ", pack.ui.history.search),
            theme.muted,
        ));
        heading.push(Span::styled(query, theme.prompt));
        heading.push(Span::styled("▏", theme.highlight));
        heading.push(Span::styled(
            format!("   {}", pack.ui.modes.demo_hint),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(heading)), title);
    // Long lists (the demo's index) scroll with the highlight, showing the
    // heading of its chapter where it fits.
    let rows = usize::from(list.height).max(1);
    let first = first_shown(menu.items, menu.cursor, rows);
    let room = usize::from(list.width).saturating_sub(3);
    let lines: Vec<Line> = menu
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, item)| {
            let text = shortened(&label(view.pack, item), room);
            if matches!(item, MenuItem::Chapter { .. }) {
                return Line::styled(text, theme.title);
            }
            let current = i == menu.cursor;
            let style = if current {
                theme.highlight
            } else {
                theme.prompt
            };
            Line::from(vec![
                super::widgets::pointer(current, theme),
                Span::styled(text, style),
            ])
        })
        .collect();
    // Why the highlighted exercise helps, one quiet line under it.
    let mut lines = lines;
    // A search that finds nothing says so, and how to go on.
    if lines.is_empty() && menu.search.is_some_and(|q| !q.is_empty()) {
        lines.push(Line::styled(
            pack.ui.modes.demo_nothing.as_str(),
            theme.muted,
        ));
    }
    if menu.why
        && let Some(why) = menu.items.get(menu.cursor).and_then(|i| why_of(pack, i))
        && let Some(at) = menu.cursor.checked_sub(first)
    {
        let at = (at + 1).min(lines.len());
        let why = indented(why, list.width, 4, theme.muted);
        lines.splice(at..at, why);
    }
    frame.render_widget(Paragraph::new(Text::from(lines)), list);
    frame.render_widget(status.paragraph, s);
    frame.render_widget(credit.paragraph, c);
}

/// The first row shown: the highlight's chapter heading if both fit, else
/// so that the highlight is on the last row.
fn first_shown(items: &[MenuItem], cursor: usize, rows: usize) -> usize {
    let lowest = cursor.saturating_sub(rows - 1);
    let heading = items[..cursor.min(items.len())]
        .iter()
        .rposition(|item| matches!(item, MenuItem::Chapter { .. }));
    match heading {
        Some(h) if h >= lowest => h,
        _ => lowest,
    }
}

/// Why an exercise on the practice menu helps.
fn why_of<'p>(pack: &'p Pack, item: &MenuItem) -> Option<&'p str> {
    let m = &pack.ui.modes;
    match item {
        MenuItem::PracticeThought => Some(&m.practice_thought_why),
        MenuItem::Recognise => Some(&m.practice_recognise_why),
        MenuItem::Solo(i) => pack.solo_phases().nth(*i)?.why.as_deref(),
        _ => None,
    }
}

/// The demo's index: the brochure chapter by chapter (`[verloop] demo`),
/// each with its number, title and what it shows; chapters with nothing
/// to show are left out. The full screen and plain mode read the same.
pub fn demo_chapters(pack: &Pack) -> Vec<(usize, String, Vec<MenuItem>)> {
    use crate::content::Chapter;
    let texts = &pack.ui.modes;
    // A phase's chapter: its title, then each of its steps.
    let phase = |p: Option<&crate::content::Phase>, at: &dyn Fn(usize) -> Place| {
        p.map(|p| {
            let steps = (0..p.steps.len()).map(|s| MenuItem::Step(at(s))).collect();
            (p.title.clone(), steps)
        })
    };
    let mut chapters = Vec::new();
    for (n, chapter) in pack.demo.iter().enumerate() {
        let (title, steps): (String, Vec<MenuItem>) = match *chapter {
            Chapter::Before(i) => {
                match phase(pack.before.get(i), &|step| Place::Before { phase: i, step }) {
                    Some(found) => found,
                    None => continue,
                }
            }
            Chapter::Solo(i) => {
                match phase(pack.solo_phases().nth(i), &|step| Place::Solo {
                    phase: i,
                    step,
                }) {
                    Some(found) => found,
                    None => continue,
                }
            }
            Chapter::Routes => (
                texts.demo_routes.clone(),
                pack.routes
                    .iter()
                    .enumerate()
                    .flat_map(|(route, r)| {
                        (0..r.steps.len())
                            .map(move |step| MenuItem::Step(Place::Route { route, step }))
                    })
                    .collect(),
            ),
            Chapter::Cases => (
                texts.demo_cases.clone(),
                pack.examples
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.from_brochure)
                    .map(|(i, _)| MenuItem::Case(i))
                    .collect(),
            ),
        };
        if !steps.is_empty() {
            chapters.push((n + 1, title, steps));
        }
    }
    chapters
}
