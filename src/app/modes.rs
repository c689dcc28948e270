//! The three ways of use: a conversation beside a client (alone or in a
//! group), a trainer's demo, and practising alone – with the menus that
//! lead into them.

use chrono::{DateTime, FixedOffset};

use super::{App, AppScreen, MenuKind};
use crate::content::{Role, fill};
use crate::notes::{Saver, Store};
use crate::session::recognition::Recognition;
use crate::session::{Action, Place, Session};
use crate::ui::menu::{MenuItem, Mode};

/// The folder, inside the data folder, for practice notes.
const PRACTICE_DIR: &str = "oefenen";

impl App {
    /// Opens a way of use at its start: the code prompt, the demo's index
    /// or the practice menu.
    pub(super) fn enter_mode(&mut self, mode: Mode, now: DateTime<FixedOffset>) {
        self.set_mode(mode);
        match mode {
            Mode::Gesprek => {
                self.screen = AppScreen::Start {
                    code: super::code_field(),
                }
            }
            Mode::Demo => self.open_demo_index(),
            Mode::Oefenen => self.open_practice_menu(),
        }
        let _ = now;
    }

    /// Switches mode, and with it the folder notes go to.
    pub(super) fn set_mode(&mut self, mode: Mode) {
        if self.mode != mode {
            // The pack's tips speak to a volunteer; practising alone starts
            // without them (one key shows them).
            self.hide_tips = mode == Mode::Oefenen;
        }
        self.mode = mode;
        self.demo_saving = false;
        let root = match mode {
            Mode::Oefenen => self.data_root.join(PRACTICE_DIR),
            _ => self.data_root.clone(),
        };
        if self.store.root() != root {
            self.flush();
            match Store::open(&root) {
                Ok(store) => {
                    let (saver, outcomes) = Saver::start(store.clone());
                    self.store = store;
                    self.saver = saver;
                    self.outcomes = outcomes;
                    self.sent = 0;
                    self.saved = 0;
                }
                Err(e) => {
                    let path = root.display().to_string();
                    self.status = Some(fill(
                        &self.pack.ui.cli.data_dir_unusable,
                        &[("path", &path), ("reason", &e.kind().to_string())],
                    ));
                }
            }
        }
        self.update_status();
    }

    pub(super) fn update_status(&mut self) {
        let m = &self.pack.ui.modes;
        let mode = match self.mode {
            Mode::Gesprek => &m.gesprek,
            Mode::Demo => &m.demo,
            Mode::Oefenen => &m.oefenen,
        };
        let path = self.store.root().display().to_string();
        self.menu_status = fill(
            &m.status,
            &[("mode", mode), ("lang", &self.pack.lang), ("path", &path)],
        );
    }

    fn open_demo_index(&mut self) {
        let pack = &self.pack;
        let background = pack.background.len();
        let mut items: Vec<MenuItem> = (0..background).map(MenuItem::Solo).collect();
        // The group phases come after background and exercises.
        let group_start = background + pack.exercises.len();
        items.extend((group_start..group_start + pack.group.len()).map(MenuItem::Solo));
        for (r, route) in pack.routes.iter().enumerate() {
            items.extend((0..route.steps.len()).map(|step| MenuItem::Technique { route: r, step }));
        }
        items.extend(
            pack.examples
                .iter()
                .enumerate()
                .filter(|(_, e)| e.from_brochure)
                .map(|(i, _)| MenuItem::Case(i)),
        );
        self.screen = AppScreen::Menu {
            kind: MenuKind::Demo,
            items,
            cursor: 0,
        };
    }

    fn open_practice_menu(&mut self) {
        let first_exercise = self.pack.background.len();
        let mut items = vec![MenuItem::PracticeThought];
        if !self.pack.examples.is_empty() {
            items.push(MenuItem::Recognise);
        }
        items.extend(
            (first_exercise..first_exercise + self.pack.exercises.len()).map(MenuItem::Solo),
        );
        items.push(MenuItem::PracticeHistory);
        self.screen = AppScreen::Menu {
            kind: MenuKind::Practice,
            items,
            cursor: 0,
        };
    }

    /// Esc on a menu: a sub-menu goes back to the start menu.
    pub(super) fn menu_back(&mut self, now: DateTime<FixedOffset>) {
        if let AppScreen::Menu { kind, .. } = &self.screen
            && *kind != MenuKind::Start
        {
            self.open_menu(now);
        }
    }

    /// Esc on the code prompt or the notes: back where they were opened.
    pub(super) fn back_from_notes(&mut self, now: DateTime<FixedOffset>) {
        match self.mode {
            Mode::Oefenen => self.open_practice_menu(),
            _ => self.open_menu(now),
        }
    }

    /// What a menu item opens, beyond the start menu's own.
    pub(super) fn open_item(&mut self, item: MenuItem, now: DateTime<FixedOffset>) {
        match item {
            MenuItem::Mode(mode) => self.enter_mode(mode, now),
            MenuItem::Group => {
                self.set_mode(Mode::Gesprek);
                let mut session = Session::for_group(&self.pack, now);
                session.reminders = true;
                self.start_live(session, now);
            }
            MenuItem::Solo(phase) => {
                let session = Session::solo(&self.pack, now, phase);
                self.start_live(session, now);
            }
            MenuItem::Technique { route, step } => {
                let mut session = Session::new(&self.pack, now, None);
                if let Some(r) = self.pack.routes.get(route) {
                    session.routes = vec![r.id.clone()];
                    session.current_route = Some(route);
                    session.place = Place::Route { route, step };
                }
                self.start_live(session, now);
            }
            MenuItem::Case(i) => {
                let mut session = Session::new(&self.pack, now, None);
                if let Some(example) = self.pack.examples.get(i) {
                    let thought = self
                        .pack
                        .step_with_role(Role::Thought)
                        .map(|s| s.id.clone());
                    let patterns = self
                        .pack
                        .step_with_role(Role::Patterns)
                        .map(|s| s.id.clone());
                    if let Some(id) = thought {
                        session.answers.entry(id).or_default().text = example.thought.clone();
                    }
                    if let Some(id) = patterns {
                        session.answers.entry(id).or_default().selected =
                            vec![example.pattern.clone()];
                    }
                    session.place = Place::RouteChoice;
                }
                self.start_live(session, now);
            }
            MenuItem::PracticeThought => {
                let session = Session::new(&self.pack, now, None);
                self.start_live(session, now);
            }
            MenuItem::PracticeHistory => self.open_history(),
            MenuItem::Recognise => {
                self.screen = AppScreen::Recognition(Box::new(Recognition::new(&self.pack)));
            }
            _ => {}
        }
    }

    /// A new session in the current mode, with its own file and lock.
    fn start_live(&mut self, session: Session, now: DateTime<FixedOffset>) {
        let (id, lock) = self.reserve_id(now);
        self.open_live(id, session, lock, now);
    }

    pub(super) fn has_reminder(&self) -> bool {
        matches!(&self.screen, AppScreen::Session(live) if live.session.reminder.is_some())
    }

    pub(super) fn dismiss_reminder(&mut self, now: DateTime<FixedOffset>) {
        if let AppScreen::Session(live) = &mut self.screen {
            live.session.update(&self.pack, Action::Dismiss, now);
        }
    }

    pub(super) fn recognition_cursor(&mut self, down: bool) {
        if let AppScreen::Recognition(r) = &mut self.screen {
            r.move_cursor(down);
        }
    }

    pub(super) fn recognition_enter(&mut self, now: DateTime<FixedOffset>) {
        let over = match &mut self.screen {
            AppScreen::Recognition(r) => !r.enter(),
            _ => false,
        };
        if over {
            self.enter_mode(Mode::Oefenen, now);
        }
    }
}
