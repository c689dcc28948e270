//! One key table: (layer, key) → command. The update looks keys up here,
//! and the footer and the help screen are drawn from the same rows, so
//! what is shown is always what works.
//!
//! A screen is a set of layers (a route step with the note focused in a
//! demo: `Screen`, `Step`, `Note`, `Routes`, `Demo`). Commands sit on keys
//! that are never text – Enter, Esc, Tab, arrows, F-keys and Ctrl-keys –
//! except on layers without a text field (route letters on the route
//! choice, Space and digits while a list or the scale has the focus).
//! Every F-key command has a Ctrl alternative: F-keys are media keys on Mac
//! laptops. Ctrl-keys a terminal or multiplexer takes for itself are not
//! used (Ctrl+A for GNU screen, Ctrl+B for tmux, Ctrl+V for pasting in
//! Windows Terminal, Ctrl+H/I/M/[ which are Backspace, Tab, Enter, Esc).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::content::ui_text::KeyTexts;

/// Where keys apply. A screen is several layers at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Any screen without a window over it.
    Screen,
    Menu,
    /// A menu under the start menu (demo index, practice): Esc goes back.
    SubMenu,
    /// Typing a client code.
    Code,
    /// Any step of a session.
    Step,
    /// A step with somewhere to go back to: the step before, or the menu
    /// a single exercise was opened from.
    StepBack,
    /// The step's options have the focus.
    Options,
    /// The 0–100 scale has the focus.
    Scale,
    /// Options or the scale have the focus and a note is below: Tab (↓ on
    /// the scale) goes to it.
    ToNote,
    /// The words focused on a step with the volunteer's impression too.
    ToImpression,
    /// The impression focused, no options above: Tab back to the words.
    ToWords,
    /// The notes field has the focus.
    Note,
    /// The note has the focus and options or a scale are above it.
    Choices,
    /// A summary to scroll.
    Scroll,
    /// One column per participant.
    Perspectives,
    /// In or after a route: switching route makes sense.
    Routes,
    /// A demo step: the index and saving are a key away.
    Demo,
    /// Tips can be shown and hidden (not when practising alone).
    Tips,
    /// A session whose last save failed: a copy can be written elsewhere.
    SaveFailed,
    RouteChoice,
    Done,
    /// A conversation just finished: the client's sheet is a key away
    /// (not when practising alone).
    Handout,
    /// The list of sessions (a search field has the keyboard).
    History,
    /// The list of client sessions: a client code to filter on, and all
    /// sessions of one client to delete (not in "Mijn oefeningen").
    ClientFilter,
    /// The trash, listed in the notes.
    Trash,
    /// One session, read only.
    Detail,
    Recognition,
    Help,
    About,
    /// The AVG overview, read only.
    Privacy,
    ConfirmQuit,
    /// Typing the client code (or the word shown) to delete.
    ConfirmDelete,
    /// Choosing what to export.
    Export,
    /// … with more than one choice of sessions (←/→).
    ExportScopes,
    /// Open the file just written?
    OpenFile,
    /// Carry on with the client's open session, or begin a new one?
    ResumeOffer,
    /// The settings: ↑↓ to one, ←→ (or Enter) to change it; no letter
    /// and no Space does anything.
    Settings,
}

/// A user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Back,
    Up,
    Down,
    First,
    Last,
    PageUp,
    PageDown,
    /// Tick the highlighted option.
    Toggle,
    /// Raise or lower the rating.
    More,
    Less,
    /// Empty the rating again.
    Clear,
    Digit(u8),
    /// Tab: to the other field (options ↔ note, search ↔ client code).
    Focus,
    FocusBack,
    NewLine,
    Undo,
    Redo,
    SwitchRoute,
    Help,
    About,
    /// Closes the window on screen (help, about, a question).
    Close,
    Quit,
    /// Yes to the question on screen.
    Confirm,
    Begin,
    NewSession,
    Open,
    Export,
    Delete,
    DeleteClient,
    ShowTrash,
    Restore,
    EmptyTrash,
    Resume,
    ToggleTips,
    SaveDemo,
    Index,
    AddParticipant,
    SaveElsewhere,
    /// Draw the whole screen again (after another program wrote on it).
    Redraw,
}

/// The keys of one binding.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    List(&'static [(KeyCode, KeyModifiers)]),
    /// 0–9 without modifiers (the rating).
    Digits,
}

pub struct Binding {
    pub layer: Layer,
    pub keys: Keys,
    pub command: Command,
    /// How many of `keys` the footer and help name.
    pub shown: usize,
    /// Written this way instead (a pair of arrows for two bindings).
    pub display: Option<&'static str>,
    pub label: fn(&KeyTexts) -> &str,
    /// Shown in the footer (everything is shown in help).
    pub footer: bool,
}

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;

pub use super::bindings::bindings;

use Layer as L;

/// A key as the table knows it: Ctrl+letters lower case, Shift dropped
/// where the character or the key code already says it.
pub fn normalise(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = key.modifiers & (CTRL | ALT | SHIFT);
    match key.code {
        KeyCode::Char(c) if mods.contains(CTRL) && !mods.contains(ALT) => {
            (KeyCode::Char(c.to_ascii_lowercase()), CTRL)
        }
        KeyCode::Char(c) => (KeyCode::Char(c), mods - SHIFT),
        KeyCode::BackTab => (KeyCode::BackTab, NONE),
        code => (code, mods),
    }
}

/// The character a key types, if it is text: no Ctrl or Alt, or both at
/// once (AltGr on Windows).
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    let KeyCode::Char(c) = key.code else {
        return None;
    };
    let mods = key.modifiers;
    let altgr = mods.contains(CTRL) && mods.contains(ALT);
    let plain = !mods.intersects(CTRL | ALT);
    (!c.is_control() && (plain || altgr)).then_some(c)
}

impl Binding {
    fn command_for(&self, key: (KeyCode, KeyModifiers)) -> Option<Command> {
        match (self.keys, key) {
            (Keys::List(keys), key) => keys.contains(&key).then_some(self.command),
            (Keys::Digits, (KeyCode::Char(c), NONE)) => c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Command::Digit),
            _ => None,
        }
    }

    /// Every key this binding takes, spelled out.
    pub fn all_keys(&self) -> Vec<(KeyCode, KeyModifiers)> {
        match self.keys {
            Keys::List(keys) => keys.to_vec(),
            Keys::Digits => ('0'..='9').map(|c| (KeyCode::Char(c), NONE)).collect(),
        }
    }

    /// How the keys are written in the footer and help.
    pub fn keys_text(&self, texts: &KeyTexts) -> String {
        if let Some(text) = self.display {
            return text.into();
        }
        match self.keys {
            Keys::Digits => texts.digits.clone(),
            Keys::List(keys) => keys
                .iter()
                .take(self.shown.max(1))
                .map(|k| key_name(*k, texts))
                .collect::<Vec<_>>()
                .join("/"),
        }
    }
}

fn key_name((code, mods): (KeyCode, KeyModifiers), texts: &KeyTexts) -> String {
    let base = match code {
        KeyCode::Char(' ') => texts.space.clone(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    let mut name = String::new();
    if mods.contains(CTRL) {
        name.push_str("Ctrl+");
    }
    if mods.contains(ALT) {
        name.push_str("Alt+");
    }
    if mods.contains(SHIFT) {
        name.push_str("Shift+");
    }
    name + &base
}

/// The command a key means on a screen made of `layers`, if any.
pub fn lookup(layers: &[Layer], key: &KeyEvent) -> Option<Command> {
    let key = normalise(key);
    bindings()
        .filter(|b| layers.contains(&b.layer))
        .find_map(|b| b.command_for(key))
}

/// The bindings to show in the footer, in table order: the screen's own
/// first, the ones that hold everywhere last.
pub fn footer(layers: &[Layer]) -> impl Iterator<Item = &'static Binding> {
    let (general, own): (Vec<_>, Vec<_>) = bindings()
        .filter(|b| b.footer && layers.contains(&b.layer))
        .partition(|b| b.layer == Layer::Screen);
    own.into_iter().chain(general)
}

/// The bindings that apply on these layers, for the help screen.
pub fn for_help(layers: &[Layer]) -> impl Iterator<Item = &'static Binding> {
    let layers = layers.to_vec();
    bindings().filter(move |b| layers.contains(&b.layer))
}

/// The combinations of layers a screen can be: the key-table test checks
/// each for two bindings on one key.
pub fn reachable() -> Vec<Vec<Layer>> {
    let mut out = Vec::new();
    for base in [
        vec![L::Menu],
        vec![L::Menu, L::SubMenu],
        vec![L::Code],
        vec![L::RouteChoice],
        vec![L::RouteChoice, L::Tips],
        vec![L::RouteChoice, L::Tips, L::Demo],
        vec![L::Done],
        vec![L::Done, L::Handout],
        vec![L::History],
        vec![L::History, L::ClientFilter],
        vec![L::Trash],
        vec![L::Detail],
        vec![L::Recognition],
        vec![L::Settings],
    ] {
        let mut screen = vec![L::Screen];
        screen.extend(base);
        out.push(screen);
    }
    let focus = [
        vec![],
        vec![L::Options],
        vec![L::Note],
        vec![L::Choices, L::Note],
        vec![L::Scale],
        vec![L::Scale, L::ToNote],
        vec![L::Options, L::ToNote],
        vec![L::Scroll],
        vec![L::Perspectives, L::Note],
        vec![L::Note, L::ToImpression],
        vec![L::Note, L::ToWords],
    ];
    for f in &focus {
        for routes in [false, true] {
            for demo in [false, true] {
                let mut layers = vec![L::Screen, L::Step, L::StepBack];
                layers.extend(f.iter().copied());
                if routes {
                    layers.push(L::Routes);
                }
                layers.push(L::Tips);
                if demo {
                    layers.push(L::Demo);
                }
                out.push(layers.clone());
                layers.push(L::SaveFailed);
                out.push(layers);
            }
        }
    }
    for window in [
        L::Help,
        L::About,
        L::Privacy,
        L::ConfirmQuit,
        L::ConfirmDelete,
        L::Export,
    ] {
        out.push(vec![window]);
    }
    out.push(vec![L::Export, L::ExportScopes]);
    out.push(vec![L::OpenFile]);
    out.push(vec![L::ResumeOffer]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Two bindings on one key in one screen: the first would win and the
    /// other would be shown but never work.
    #[test]
    fn no_two_bindings_share_a_key_on_any_screen() {
        for layers in reachable() {
            let mut seen: HashMap<(KeyCode, KeyModifiers), Command> = HashMap::new();
            for binding in bindings().filter(|b| layers.contains(&b.layer)) {
                for k in binding.all_keys() {
                    if let Some(other) = seen.insert(k, binding.command) {
                        panic!(
                            "{k:?} means both {other:?} and {:?} on {layers:?}",
                            binding.command
                        );
                    }
                }
            }
        }
    }

    /// A screen with a text field binds no key that types text.
    #[test]
    fn no_text_key_is_a_command_where_there_is_a_text_field() {
        let texty = [
            L::Menu,
            L::SubMenu,
            L::Code,
            L::Note,
            L::History,
            L::ClientFilter,
            L::ConfirmDelete,
        ];
        for binding in bindings().filter(|b| texty.contains(&b.layer)) {
            for (code, mods) in binding.all_keys() {
                let event = KeyEvent::new(code, mods);
                assert_eq!(
                    typed_char(&event),
                    None,
                    "{:?} takes a text key {code:?} on {:?}",
                    binding.command,
                    binding.layer
                );
            }
        }
    }

    #[test]
    fn every_f_key_has_a_ctrl_alternative() {
        for binding in bindings() {
            let keys = binding.all_keys();
            if keys.iter().any(|(c, _)| matches!(c, KeyCode::F(_))) {
                assert!(
                    keys.iter().any(|(_, m)| m.contains(CTRL)),
                    "{:?} on {:?} is on an F-key only",
                    binding.command,
                    binding.layer
                );
            }
        }
    }

    #[test]
    fn ctrl_letters_are_found_whatever_the_case_and_altgr_is_text() {
        let upper = KeyEvent::new(KeyCode::Char('Q'), CTRL | SHIFT);
        assert_eq!(lookup(&[L::Screen], &upper), Some(Command::Quit));
        let altgr = KeyEvent::new(KeyCode::Char('@'), CTRL | ALT);
        assert_eq!(typed_char(&altgr), Some('@'));
        assert_eq!(lookup(&[L::Screen, L::Step, L::Note], &altgr), None);
    }
}
