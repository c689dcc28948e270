//! Every key binding of the app, as data: which keys, on which layer, for
//! which command, named how in the footer and help. `keys` looks them up.

use crossterm::event::{KeyCode, KeyModifiers};

use super::keys::{ALT, Binding, CTRL, Command, Keys, Layer, NONE, SHIFT};
use crate::content::ui_text::KeyTexts;

const fn ctrl(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), CTRL)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

const ENTER: (KeyCode, KeyModifiers) = key(KeyCode::Enter);
const ESC: (KeyCode, KeyModifiers) = key(KeyCode::Esc);
const TAB: (KeyCode, KeyModifiers) = key(KeyCode::Tab);
const BACKTAB: (KeyCode, KeyModifiers) = key(KeyCode::BackTab);
const UP: (KeyCode, KeyModifiers) = key(KeyCode::Up);
const DOWN: (KeyCode, KeyModifiers) = key(KeyCode::Down);
const LEFT: (KeyCode, KeyModifiers) = key(KeyCode::Left);
const RIGHT: (KeyCode, KeyModifiers) = key(KeyCode::Right);
const HOME: (KeyCode, KeyModifiers) = key(KeyCode::Home);
const END: (KeyCode, KeyModifiers) = key(KeyCode::End);
const PGUP: (KeyCode, KeyModifiers) = key(KeyCode::PageUp);
const PGDN: (KeyCode, KeyModifiers) = key(KeyCode::PageDown);
const SPACE: (KeyCode, KeyModifiers) = key(KeyCode::Char(' '));

const fn f(n: u8) -> (KeyCode, KeyModifiers) {
    key(KeyCode::F(n))
}

const fn b(
    layer: Layer,
    keys: &'static [(KeyCode, KeyModifiers)],
    command: Command,
    label: fn(&KeyTexts) -> &str,
) -> Binding {
    Binding {
        layer,
        keys: Keys::List(keys),
        command,
        shown: 1,
        display: None,
        label,
        footer: true,
    }
}

impl Binding {
    /// Names `n` of its keys in the footer and help.
    const fn show(mut self, n: usize) -> Self {
        self.shown = n;
        self
    }

    const fn written(mut self, text: &'static str) -> Self {
        self.display = Some(text);
        self
    }

    /// Listed in help only.
    const fn help_only(mut self) -> Self {
        self.footer = false;
        self
    }
}

/// Moving the highlight in a list: arrows, Home/End, PageUp/PageDown.
macro_rules! list_moves {
    ($layer:expr, $label:expr) => {
        [
            b($layer, &[UP], Command::Up, $label).written("↑↓"),
            b($layer, &[DOWN], Command::Down, $label).help_only(),
            b($layer, &[HOME], Command::First, |t| &t.jump).help_only(),
            b($layer, &[END], Command::Last, |t| &t.jump).help_only(),
            b($layer, &[PGUP], Command::PageUp, |t| &t.jump).help_only(),
            b($layer, &[PGDN], Command::PageDown, |t| &t.jump).help_only(),
        ]
    };
}

use Layer as L;

const MENU_MOVES: [Binding; 6] = list_moves!(L::Menu, |t| &t.choose);
const OPTION_MOVES: [Binding; 6] = list_moves!(L::Options, |t| &t.choose);
const ROUTE_MOVES: [Binding; 6] = list_moves!(L::RouteChoice, |t| &t.choose);
const HISTORY_MOVES: [Binding; 6] = list_moves!(L::History, |t| &t.choose);
const TRASH_MOVES: [Binding; 6] = list_moves!(L::Trash, |t| &t.choose);
const EXPORT_MOVES: [Binding; 6] = list_moves!(L::Export, |t| &t.choose);
const RECOGNITION_MOVES: [Binding; 6] = list_moves!(L::Recognition, |t| &t.choose);
const SETTINGS_MOVES: [Binding; 6] = list_moves!(L::Settings, |t| &t.choose);

const REST: &[Binding] = &[
    // Everywhere without a window over it.
    b(L::Screen, &[f(1), ctrl('g')], Command::Help, |t| &t.help).show(2),
    b(L::Screen, &[f(2), ctrl('o')], Command::About, |t| &t.about)
        .show(2)
        .help_only(),
    b(L::Screen, &[ctrl('q'), ctrl('c')], Command::Quit, |t| {
        &t.quit
    }),
    b(L::Screen, &[ctrl('l')], Command::Redraw, |t| &t.redraw).help_only(),
    // Menus.
    b(L::Menu, &[ENTER], Command::Open, |t| &t.open),
    b(L::SubMenu, &[ESC], Command::Back, |t| &t.back),
    // The client code.
    b(L::Code, &[ENTER], Command::Begin, |t| &t.begin),
    b(L::Code, &[ESC], Command::Back, |t| &t.back),
    // Options focused: Space ticks (first in the footer: a choice is made
    // with it, not with Enter).
    b(L::Options, &[SPACE], Command::Toggle, |t| &t.toggle),
    // Every step.
    b(L::Step, &[ENTER], Command::Next, |t| &t.next),
    b(L::StepBack, &[ESC], Command::Back, |t| &t.back),
    // The route choice: Enter takes the highlighted route, Esc goes back.
    b(L::RouteChoice, &[ENTER], Command::Next, |t| &t.next),
    b(L::RouteChoice, &[ESC], Command::Back, |t| &t.back),
    // Tips on and off, beside another person (practising alone they are
    // the volunteer's and stay hidden).
    b(L::Tips, &[f(3), ctrl('t')], Command::ToggleTips, |t| {
        &t.tips
    })
    .show(2),
    // Only while saving fails: a copy outside the data folder is not made
    // by a stray key.
    b(
        L::SaveFailed,
        &[f(5), ctrl('e')],
        Command::SaveElsewhere,
        |t| &t.save_elsewhere,
    )
    .show(2),
    // Options focused: Tab goes to the note.
    b(L::ToNote, &[TAB, BACKTAB], Command::Focus, |t| &t.to_note),
    // The scale focused.
    // The scale focused: a slider, → raises and ← lowers; ↓ goes on to the
    // note below; Backspace empties it again (nothing given).
    b(L::Scale, &[RIGHT], Command::More, |t| &t.scale).written("←→"),
    b(L::Scale, &[LEFT], Command::Less, |t| &t.scale).help_only(),
    Binding {
        layer: L::Scale,
        keys: Keys::Digits,
        command: Command::Digit(0),
        shown: 1,
        display: None,
        label: |t| &t.type_number,
        footer: true,
    },
    b(
        L::Scale,
        &[key(KeyCode::Backspace), key(KeyCode::Delete)],
        Command::Clear,
        |t| &t.clear_rating,
    )
    .help_only(),
    b(L::Scale, &[DOWN], Command::Focus, |t| &t.to_note).help_only(),
    // The note focused.
    b(
        L::Note,
        &[ctrl('j'), (KeyCode::Enter, SHIFT), (KeyCode::Enter, ALT)],
        Command::NewLine,
        |t| &t.new_line,
    ),
    b(L::Note, &[ctrl('z')], Command::Undo, |t| &t.undo),
    // The note focused on a step whose main input is above it.
    b(L::Choices, &[TAB, BACKTAB], Command::Focus, |t| {
        &t.to_choices
    }),
    b(L::Note, &[ctrl('y')], Command::Redo, |t| &t.redo).help_only(),
    // Between the other person's words and the volunteer's own impression.
    b(L::ToImpression, &[TAB], Command::Focus, |t| {
        &t.to_impression
    }),
    b(L::ToImpression, &[BACKTAB], Command::FocusBack, |t| {
        &t.to_impression
    })
    .help_only(),
    b(L::ToWords, &[TAB, BACKTAB], Command::Focus, |t| &t.to_words),
    // A summary scrolls.
    b(L::Scroll, &[UP], Command::Up, |t| &t.scroll).written("↑↓"),
    b(L::Scroll, &[DOWN], Command::Down, |t| &t.scroll).help_only(),
    b(L::Scroll, &[PGUP], Command::PageUp, |t| &t.scroll).help_only(),
    b(L::Scroll, &[PGDN], Command::PageDown, |t| &t.scroll).help_only(),
    // Perspectives: Tab to the next participant's column.
    b(L::Perspectives, &[TAB], Command::Focus, |t| &t.participant),
    b(L::Perspectives, &[BACKTAB], Command::FocusBack, |t| {
        &t.participant
    })
    .help_only(),
    b(
        L::Perspectives,
        &[f(8), ctrl('p')],
        Command::AddParticipant,
        |t| &t.add_participant,
    )
    .show(2),
    // Route steps.
    b(L::Routes, &[f(4), ctrl('r')], Command::SwitchRoute, |t| {
        &t.routes
    })
    .show(2),
    // Demo steps.
    b(L::Demo, &[f(6), ctrl('n')], Command::Index, |t| &t.index).show(2),
    b(L::Demo, &[f(7), ctrl('s')], Command::SaveDemo, |t| {
        &t.save_demo
    })
    .show(2)
    .help_only(),
    // After a session: the client's sheet first, so that a narrow footer
    // keeps it (the README's first conversation ends with it).
    b(L::Handout, &[f(5), ctrl('e')], Command::Export, |t| {
        &t.handout
    })
    .show(2),
    b(L::Done, &[ENTER], Command::NewSession, |t| &t.new_session),
    b(L::Done, &[ESC], Command::Back, |t| &t.back),
    b(L::OpenFile, &[ENTER], Command::Confirm, |t| &t.open_file),
    b(L::OpenFile, &[ESC], Command::Close, |t| &t.not_now),
    b(L::ResumeOffer, &[ENTER], Command::Confirm, |t| &t.resume),
    b(L::ResumeOffer, &[ESC], Command::Close, |t| &t.new_session),
    // The notes: typing searches; commands on keys that are never text.
    b(L::History, &[ENTER], Command::Open, |t| &t.open),
    b(L::History, &[ESC], Command::Back, |t| &t.back),
    b(L::ClientFilter, &[TAB, BACKTAB], Command::Focus, |t| {
        &t.switch_field
    }),
    b(L::History, &[f(5), ctrl('e')], Command::Export, |t| {
        &t.export
    })
    .show(2),
    b(L::History, &[ctrl('d')], Command::Delete, |t| &t.delete),
    b(
        L::ClientFilter,
        &[f(8), ctrl('k')],
        Command::DeleteClient,
        |t| &t.delete_client,
    )
    .show(2)
    .help_only(),
    b(L::History, &[f(7), ctrl('p')], Command::ShowTrash, |t| {
        &t.trash
    })
    .show(2),
    b(L::Trash, &[ENTER], Command::Restore, |t| &t.restore),
    b(L::Trash, &[ESC, f(7), ctrl('p')], Command::Back, |t| {
        &t.back
    }),
    b(L::Trash, &[ctrl('d')], Command::EmptyTrash, |t| {
        &t.empty_trash
    }),
    b(L::Detail, &[UP], Command::Up, |t| &t.scroll).written("↑↓"),
    b(L::Detail, &[DOWN], Command::Down, |t| &t.scroll).help_only(),
    b(L::Detail, &[PGUP], Command::PageUp, |t| &t.scroll).help_only(),
    b(L::Detail, &[PGDN], Command::PageDown, |t| &t.scroll).help_only(),
    b(L::Detail, &[ESC], Command::Back, |t| &t.back),
    b(L::Detail, &[f(4), ctrl('r')], Command::Resume, |t| {
        &t.resume
    })
    .show(2),
    b(L::Detail, &[f(5), ctrl('e')], Command::Export, |t| {
        &t.export
    })
    .show(2),
    b(L::Detail, &[ctrl('d')], Command::Delete, |t| &t.delete),
    // The recognition exercise.
    b(L::Recognition, &[ENTER], Command::Open, |t| &t.answer),
    b(L::Recognition, &[ESC], Command::Back, |t| &t.back),
    // Settings: no text field, and no letter does anything.
    b(L::Settings, &[RIGHT], Command::More, |t| &t.change).written("←→"),
    b(L::Settings, &[LEFT], Command::Less, |t| &t.change).help_only(),
    b(L::Settings, &[ENTER], Command::More, |t| &t.change).help_only(),
    b(L::Settings, &[ESC], Command::Back, |t| &t.back),
    // Windows over a screen.
    b(
        L::Help,
        &[ESC, ENTER, f(1), ctrl('g')],
        Command::Close,
        |t| &t.close,
    ),
    b(L::Help, &[f(2), ctrl('o')], Command::About, |t| &t.about).show(2),
    b(
        L::About,
        &[ESC, ENTER, f(2), ctrl('o')],
        Command::Close,
        |t| &t.close,
    ),
    b(L::Privacy, &[ESC, ENTER], Command::Close, |t| &t.close),
    b(L::ConfirmQuit, &[ENTER], Command::Confirm, |t| &t.confirm),
    b(L::ConfirmQuit, &[ESC], Command::Close, |t| &t.close),
    b(L::ConfirmDelete, &[ENTER], Command::Confirm, |t| &t.delete),
    b(L::ConfirmDelete, &[ESC], Command::Close, |t| &t.close),
    b(L::Export, &[ENTER], Command::Confirm, |t| &t.export),
    b(L::ExportScopes, &[LEFT], Command::Less, |t| &t.sessions).written("←→"),
    b(L::ExportScopes, &[RIGHT], Command::More, |t| &t.sessions).help_only(),
    b(L::Export, &[ESC], Command::Close, |t| &t.close),
];

/// Every binding, in the order the footer shows them.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    [
        &MENU_MOVES[..],
        &OPTION_MOVES[..],
        &ROUTE_MOVES[..],
        &HISTORY_MOVES[..],
        &TRASH_MOVES[..],
        &EXPORT_MOVES[..],
        &RECOGNITION_MOVES[..],
        &SETTINGS_MOVES[..],
        REST,
    ]
    .into_iter()
    .flatten()
}
