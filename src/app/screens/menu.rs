//! The menus – the start menu, the demo's index of techniques, the practice
//! menu – the three ways of use they lead into, the client code prompt and
//! the recognition exercise.

use std::collections::HashSet;

use super::super::effect::{Effect, ExportKind, Folder, ListFor};
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::begin::reserve;
use super::{DeleteState, Deleting, field, list_delta, set_screen, step_cursor};
use crate::content::{Role, fill};
use crate::notes::{Listing, history};
use crate::session::recognition::Recognition;
use crate::session::{Place, Session};
use crate::ui::menu::{MenuItem, Mode};

/// Which menu is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MenuKind {
    #[default]
    Start,
    Demo,
    Practice,
    Settings,
}

#[derive(Debug, Default)]
pub struct MenuState {
    pub kind: MenuKind,
    /// The items shown (those that match the search).
    pub items: Vec<MenuItem>,
    pub cursor: usize,
    /// Every item, and what is typed to find one: the demo's index is long,
    /// and typing a word finds the technique.
    pub all: Vec<MenuItem>,
    pub query: Option<String>,
    /// The start menu has had its listing: a later one (after the check of
    /// the files) keeps the highlight on the same item.
    pub listed: bool,
}

impl MenuState {
    pub(super) fn new(kind: MenuKind, items: Vec<MenuItem>) -> Self {
        MenuState {
            kind,
            cursor: settle(&items, 0, 1),
            items: items.clone(),
            all: items,
            query: (kind == MenuKind::Demo).then(String::new),
            listed: false,
        }
    }

    /// Shows the items whose label holds every typed word, under their
    /// chapter's heading; a heading that matches brings its whole chapter.
    fn refilter(&mut self, pack: &crate::content::Pack) {
        let words: Vec<String> = self
            .query
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let matches = |item: &MenuItem| {
            let label = crate::ui::menu::label(pack, item).to_lowercase();
            words.iter().all(|w| label.contains(w.as_str()))
        };
        let mut items = Vec::new();
        // A heading waits for the first item of its chapter that is shown.
        let mut heading: Option<&MenuItem> = None;
        let mut whole_chapter = false;
        for item in &self.all {
            if matches!(item, MenuItem::Chapter { .. }) {
                heading = Some(item);
                whole_chapter = matches(item);
                continue;
            }
            if whole_chapter || matches(item) {
                if let Some(h) = heading.take() {
                    items.push(h.clone());
                }
                items.push(item.clone());
            }
        }
        self.items = items;
        self.cursor = settle(&self.items, self.cursor, 1);
    }

    /// Puts the highlight on the first item of chapter `number`.
    fn jump_to_chapter(&mut self, pack: &crate::content::Pack, number: usize) {
        if let Some(query) = &mut self.query {
            query.clear();
        }
        self.refilter(pack);
        if let Some(h) = self
            .items
            .iter()
            .position(|i| matches!(i, MenuItem::Chapter { number: n, .. } if *n == number))
        {
            self.cursor = settle(&self.items, h, 1);
        }
    }
}

/// The nearest item at or after `cursor` in direction `dir` that is not a
/// heading; the other way if there is none.
fn settle(items: &[MenuItem], cursor: usize, dir: isize) -> usize {
    let len = items.len();
    let cursor = cursor.min(len.saturating_sub(1));
    let selectable = |i: &usize| *i < len && !matches!(items[*i], MenuItem::Chapter { .. });
    let found = if dir < 0 {
        (0..=cursor)
            .rev()
            .find(selectable)
            .or_else(|| (cursor + 1..len).find(selectable))
    } else {
        (cursor..len)
            .find(selectable)
            .or_else(|| (0..cursor).rev().find(selectable))
    };
    found.unwrap_or(cursor)
}

/// Text typed on a menu: into the search where there is one.
pub fn type_text(m: &mut Model, text: &str) -> bool {
    let Screen::Menu(menu) = &mut m.screen else {
        return false;
    };
    let Some(query) = &mut menu.query else {
        return false;
    };
    // The index is searched by words; a digit picks a chapter, so a
    // trainer reaches any chapter in two keys (digit, Enter).
    if let Some(number) = single_digit(text) {
        menu.jump_to_chapter(&m.pack, number);
        return true;
    }
    query.push_str(&text.replace('\n', " "));
    menu.cursor = 0;
    menu.refilter(&m.pack);
    true
}

fn single_digit(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let digit = chars.next()?.to_digit(10)?;
    (chars.next().is_none() && digit > 0).then_some(digit as usize)
}

/// Backspace in a menu's search.
pub fn edit(m: &mut Model, key: &crossterm::event::KeyEvent) {
    let Screen::Menu(menu) = &mut m.screen else {
        return;
    };
    let Some(query) = &mut menu.query else {
        return;
    };
    if key.code == crossterm::event::KeyCode::Backspace && query.pop().is_some() {
        menu.refilter(&m.pack);
    }
}

/// The start menu: its items come with the listing of the notes.
pub fn open_start(m: &mut Model, fx: &mut Vec<Effect>) {
    set_mode(m, Mode::Gesprek);
    m.history = None;
    let items = start_items(m, &Listing::default(), &HashSet::new());
    set_screen(m, Screen::Menu(MenuState::new(MenuKind::Start, items)), fx);
    fx.push(Effect::List {
        folder: Folder::Clients,
        purpose: ListFor::Menu,
        verify: true,
    });
}

/// The listing arrived: offer to resume the latest unfinished session and
/// to clear old ones.
pub fn listed(m: &mut Model, listing: &Listing, locked: &HashSet<String>) {
    let items = start_items(m, listing, locked);
    if let Screen::Menu(menu) = &mut m.screen
        && menu.kind == MenuKind::Start
    {
        let on = menu.items.get(menu.cursor).filter(|_| menu.listed).cloned();
        menu.cursor = on
            .and_then(|item| items.iter().position(|i| *i == item))
            .unwrap_or(0);
        menu.listed = true;
        menu.all = items.clone();
        menu.items = items;
    }
}

/// How many open sessions the start menu offers.
const RESUME_AT_MOST: usize = 3;

fn start_items(m: &Model, listing: &Listing, locked: &HashSet<String>) -> Vec<MenuItem> {
    let mut items = Vec::new();
    // Every open session of the last days (not one a window has open),
    // newest first; a few, so the menu stays short.
    let open = history::open_recent(&listing.sessions, m.now);
    for r in open
        .into_iter()
        .filter(|r| !locked.contains(&r.id))
        .take(RESUME_AT_MOST)
    {
        items.push(MenuItem::Resume {
            id: r.id.clone(),
            started_at: r.started_at,
            client: r.client_code.clone(),
        });
    }
    items.extend([
        MenuItem::Mode(Mode::Gesprek),
        MenuItem::Group,
        MenuItem::Mode(Mode::Demo),
        MenuItem::Mode(Mode::Oefenen),
        MenuItem::History,
        MenuItem::Privacy,
        MenuItem::Settings,
    ]);
    if let Some(months) = m.options.retention_months {
        let old: Vec<_> = history::older_than(&listing.sessions, m.now, months);
        if !old.is_empty() {
            // Named in the question, so the volunteer sees what goes (up
            // to eight, then how many more).
            let mut named: String = old
                .iter()
                .take(8)
                .map(|r| {
                    format!(
                        "\n  {}  {}",
                        crate::dates::short_day(r.started_at, &m.pack),
                        crate::text::printable(r.client_code.as_deref().unwrap_or("–"))
                    )
                })
                .collect();
            if old.len() > 8 {
                let more = (old.len() - 8).to_string();
                named.push_str("\n  ");
                named.push_str(&fill(&m.pack.ui.history.and_more, &[("count", &more)]));
            }
            items.push(MenuItem::ClearOld {
                ids: old.iter().map(|r| r.id.clone()).collect(),
                months,
                named,
            });
        }
    }
    items.push(MenuItem::Quit);
    items
}

/// Switches mode: where notes go, and how the screen looks.
pub fn set_mode(m: &mut Model, mode: Mode) {
    // The pack's tips speak to a volunteer; practising alone starts
    // without them (one key shows them). Every new conversation starts as
    // the settings say, whatever the last one ended with.
    m.hide_tips = match mode {
        Mode::Oefenen => true,
        Mode::Gesprek => m.options.tips_hidden_at_start(),
        Mode::Demo => false,
    };
    m.mode = mode;
    m.demo_saving = false;
    m.group = false;
}

/// Opens a way of use at its start: the code prompt, the demo's index or
/// the practice menu.
pub fn enter_mode(m: &mut Model, mode: Mode, fx: &mut Vec<Effect>) {
    set_mode(m, mode);
    match mode {
        Mode::Gesprek => set_screen(m, Screen::Code(Box::new(field::single_line())), fx),
        Mode::Demo => open_demo_index(m, fx),
        Mode::Oefenen => open_practice_menu(m, fx),
    }
}

/// The demo's index: the pack's chapters in the brochure's order, each
/// under a numbered heading.
pub fn open_demo_index(m: &mut Model, fx: &mut Vec<Effect>) {
    let mut items = Vec::new();
    for (number, title, steps) in crate::ui::menu::demo_chapters(&m.pack) {
        items.push(MenuItem::Chapter { number, title });
        items.extend(steps);
    }
    set_screen(m, Screen::Menu(MenuState::new(MenuKind::Demo, items)), fx);
}

fn open_practice_menu(m: &mut Model, fx: &mut Vec<Effect>) {
    let first_exercise = m.pack.background.len();
    let mut items = vec![MenuItem::PracticeThought];
    if !m.pack.examples.is_empty() {
        items.push(MenuItem::Recognise);
    }
    items.extend((first_exercise..first_exercise + m.pack.exercises.len()).map(MenuItem::Solo));
    items.push(MenuItem::PracticeHistory);
    set_screen(
        m,
        Screen::Menu(MenuState::new(MenuKind::Practice, items)),
        fx,
    );
}

/// Esc on the code prompt or the notes: back where they were opened from.
pub fn back_to_menu(m: &mut Model, fx: &mut Vec<Effect>) {
    match m.mode {
        Mode::Oefenen => open_practice_menu(m, fx),
        _ => open_start(m, fx),
    }
}

pub fn command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Screen::Menu(menu) = &mut m.screen else {
        return;
    };
    if menu.kind == MenuKind::Settings {
        return super::settings::command(m, command, fx);
    }
    if let Some(delta) = list_delta(command) {
        let to = step_cursor(menu.cursor, menu.items.len(), delta);
        menu.cursor = settle(&menu.items, to, delta.signum());
        return;
    }
    match command {
        Command::Back if menu.kind != MenuKind::Start => open_start(m, fx),
        Command::Open => {
            if let Some(item) = menu.items.get(menu.cursor).cloned() {
                open_item(m, item, fx);
            }
        }
        _ => {}
    }
}

fn open_item(m: &mut Model, item: MenuItem, fx: &mut Vec<Effect>) {
    let now = m.now;
    let pack = &m.pack;
    match item {
        MenuItem::Resume { id, .. } => fx.push(Effect::Lock {
            folder: Folder::Clients,
            id,
        }),
        MenuItem::Privacy => fx.push(Effect::Privacy),
        MenuItem::Settings => super::settings::open(m, fx),
        MenuItem::Setting { .. } => {}
        MenuItem::History | MenuItem::PracticeHistory => fx.push(Effect::List {
            folder: m.folder(),
            purpose: ListFor::History,
            verify: true,
        }),
        MenuItem::ClearOld { ids, months, named } => {
            let mut message = fill(
                &pack.ui.history.confirm_delete_old,
                &[
                    ("count", &ids.len().to_string()),
                    ("months", &months.to_string()),
                ],
            );
            message.push_str(&named);
            let word = pack.ui.history.confirm_word.clone();
            let state = DeleteState::new(Deleting::Sessions(ids), message, word);
            super::dialogs::ask_to_delete(m, state, fx);
        }
        MenuItem::Quit => fx.push(Effect::Quit),
        MenuItem::Mode(mode) => enter_mode(m, mode, fx),
        // A group has a code of its own, so that it can be followed from
        // one meeting to the next.
        MenuItem::Group => {
            set_mode(m, Mode::Gesprek);
            m.group = true;
            set_screen(m, Screen::Code(Box::new(field::single_line())), fx);
        }
        MenuItem::Solo(phase) => reserve(m, Session::solo(pack, now, phase), fx),
        MenuItem::Chapter { .. } => {}
        MenuItem::Step(place) => {
            let mut session = match place {
                Place::Solo { phase, .. } => Session::solo(pack, now, phase),
                _ => Session::new(pack, now, None),
            };
            if let Place::Route { route, .. } = place
                && let Some(r) = pack.routes.get(route)
            {
                session.routes = vec![r.id.clone()];
                session.current_route = Some(route);
            }
            // Everyone's perspective is shown as in a group.
            session.group = place.step(pack, &[]).is_some_and(|s| s.group_only);
            session.place = place;
            reserve(m, session, fx);
        }
        MenuItem::Case(i) => {
            let mut session = Session::new(pack, now, None);
            if let Some(example) = pack.examples.get(i) {
                if let Some(step) = pack.step_with_role(Role::Thought) {
                    session.answers.entry(step.id.clone()).or_default().text =
                        example.thought.clone();
                }
                if let Some(step) = pack.step_with_role(Role::Patterns) {
                    session.answers.entry(step.id.clone()).or_default().selected =
                        vec![example.pattern.clone()];
                }
                session.place = Place::RouteChoice;
            }
            reserve(m, session, fx);
        }
        MenuItem::PracticeThought => {
            let mut session = Session::new(pack, now, None);
            session.practise_alone(pack);
            reserve(m, session, fx);
        }
        MenuItem::Recognise => {
            let mut exercise = Box::new(Recognition::new(pack));
            exercise.started = Some(now);
            set_screen(m, Screen::Recognition(exercise), fx);
        }
    }
}

pub fn done_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::NewSession => enter_mode(m, m.mode, fx),
        Command::Back => back_to_menu(m, fx),
        // The client's sheet of this session, from its saved file.
        Command::Export => {
            if let Screen::Done {
                session,
                id,
                folder,
                ..
            } = &m.screen
            {
                fx.push(Effect::Export {
                    folder: *folder,
                    ids: vec![id.clone()],
                    kind: ExportKind::ForClient,
                    client: session.client_code.clone(),
                    at: m.now,
                });
            }
        }
        _ => {}
    }
}

pub fn recognition_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Screen::Recognition(r) = &mut m.screen else {
        return;
    };
    if let Some(delta) = list_delta(command) {
        r.move_cursor(delta);
        return;
    }
    match command {
        // Enter past the last example ends the exercise.
        Command::Open if !r.enter() => enter_mode(m, Mode::Oefenen, fx),
        Command::Back => enter_mode(m, Mode::Oefenen, fx),
        _ => {}
    }
    // Finished: kept with the practice notes, its score and every answer.
    if let Screen::Recognition(r) = &mut m.screen
        && r.is_finished()
        && !r.saved
        && !r.answers.is_empty()
    {
        r.saved = true;
        let session = r.to_session(&m.pack, r.started.unwrap_or(m.now), m.now);
        reserve(m, session, fx);
    }
}
