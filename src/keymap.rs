//! One table from keys to commands. The event loop looks keys up here, and
//! the footer and the help screen are drawn from the same table, so what is
//! shown is always what works.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::content::InputKind;
use crate::content::ui_text::KeyTexts;

/// Where the user is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The start menu.
    Menu,
    /// Typing a client code before a session.
    Start,
    /// On a step, not typing.
    Step {
        input: InputKind,
        notes: bool,
        /// In a route or after it, where switching route makes sense.
        routes_open: bool,
        /// The technique index is a key away (demo).
        jump: bool,
    },
    /// Typing in a notes field.
    Editing,
    RouteChoice,
    Done,
    /// The list of sessions.
    History,
    /// Typing a client code filter or a search in the history.
    HistoryInput,
    /// One session, read only.
    Detail,
    /// Classifying example thoughts.
    Recognition,
    Help,
    About,
    ConfirmQuit,
    ConfirmDelete,
}

/// A user intent. The app turns these into session actions or screen changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Back,
    Edit,
    StopEditing,
    Up,
    Down,
    Toggle,
    Digit(u8),
    RouteLetter(char),
    SwitchRoute,
    Help,
    CloseHelp,
    About,
    CloseAbout,
    Quit,
    /// Yes to the question on screen (quit, delete).
    Confirm,
    /// No to the question on screen.
    Cancel,
    Begin,
    NewSession,
    Open,
    Search,
    FilterClient,
    CloseInput,
    Delete,
    DeleteClient,
    Export,
    ExportForClient,
    ExportJson,
    Resume,
    ToggleTips,
    SaveDemo,
    Index,
    AddParticipant,
    Participant(usize),
    /// Write a copy of the session outside the data folder (when saving
    /// fails there).
    SaveElsewhere,
}

pub struct Binding {
    /// How the keys are written in the footer and help.
    pub keys: fn(&KeyTexts) -> String,
    /// What they do, from the pack.
    pub label: fn(&KeyTexts) -> &str,
    pub command: fn(&KeyEvent) -> Option<Command>,
    pub applies: fn(&Context) -> bool,
    /// Shown in the footer (everything is shown in help).
    pub footer: bool,
}

fn plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

fn browsing(ctx: &Context) -> bool {
    matches!(ctx, Context::Step { .. } | Context::RouteChoice)
}

/// Screens that list or show things, where letters are commands.
fn listing(ctx: &Context) -> bool {
    matches!(
        ctx,
        Context::Menu | Context::Done | Context::History | Context::Detail | Context::Recognition
    )
}

fn has_options(ctx: &Context) -> bool {
    matches!(ctx, Context::Step { input, .. } if input.takes_options())
}

fn is_scale(ctx: &Context) -> bool {
    matches!(
        ctx,
        Context::Step {
            input: InputKind::Scale,
            ..
        }
    )
}

pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: |_| "Enter/→".into(),
        label: |t| &t.next,
        command: |k| match k.code {
            KeyCode::Enter | KeyCode::Right | KeyCode::PageDown => Some(Command::Next),
            _ => None,
        },
        applies: browsing,
        footer: true,
    },
    Binding {
        keys: |_| "Esc/←".into(),
        label: |t| &t.back,
        command: |k| match k.code {
            KeyCode::Esc | KeyCode::Left | KeyCode::PageUp => Some(Command::Back),
            _ => None,
        },
        applies: browsing,
        footer: true,
    },
    Binding {
        keys: |_| "Tab".into(),
        label: |t| &t.edit,
        command: |k| (k.code == KeyCode::Tab).then_some(Command::Edit),
        applies: |c| matches!(c, Context::Step { notes: true, .. }),
        footer: true,
    },
    Binding {
        keys: |_| "Esc/Tab".into(),
        label: |t| &t.stop_editing,
        command: |k| matches!(k.code, KeyCode::Esc | KeyCode::Tab).then_some(Command::StopEditing),
        applies: |c| *c == Context::Editing,
        footer: true,
    },
    Binding {
        keys: |_| "↑↓".into(),
        label: |t| &t.choose,
        command: up_down,
        applies: |c| has_options(c) || *c == Context::RouteChoice,
        footer: true,
    },
    Binding {
        keys: |t| t.space.clone(),
        label: |t| &t.toggle,
        command: |k| (k.code == KeyCode::Char(' ') && plain(k)).then_some(Command::Toggle),
        applies: has_options,
        footer: true,
    },
    Binding {
        keys: |_| "↑↓".into(),
        label: |t| &t.scale,
        command: up_down,
        applies: is_scale,
        footer: true,
    },
    Binding {
        keys: |t| t.digits.clone(),
        label: |t| &t.type_number,
        command: |k| match k.code {
            KeyCode::Char(c) if plain(k) => c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Command::Digit),
            _ => None,
        },
        applies: is_scale,
        footer: true,
    },
    Binding {
        keys: |_| "↑↓".into(),
        label: |t| &t.scroll,
        command: up_down,
        applies: |c| {
            matches!(
                c,
                Context::Step {
                    input: InputKind::Summary,
                    ..
                }
            )
        },
        footer: true,
    },
    Binding {
        keys: |_| "a–z".into(),
        label: |t| &t.route_letter,
        command: |k| match k.code {
            KeyCode::Char(c) if plain(k) && c.is_ascii_lowercase() && c != 'q' => {
                Some(Command::RouteLetter(c))
            }
            _ => None,
        },
        applies: |c| *c == Context::RouteChoice,
        footer: false,
    },
    Binding {
        keys: |_| "F5".into(),
        label: |t| &t.save_elsewhere,
        command: |k| (k.code == KeyCode::F(5)).then_some(Command::SaveElsewhere),
        applies: |c| {
            matches!(
                c,
                Context::Step { .. } | Context::Editing | Context::RouteChoice
            )
        },
        footer: false,
    },
    Binding {
        keys: |_| "t".into(),
        label: |t| &t.tips,
        command: |k| (k.code == KeyCode::Char('t') && plain(k)).then_some(Command::ToggleTips),
        applies: |c| matches!(c, Context::Step { .. } | Context::RouteChoice),
        footer: true,
    },
    Binding {
        keys: |_| "+".into(),
        label: |t| &t.add_participant,
        command: |k| (k.code == KeyCode::Char('+')).then_some(Command::AddParticipant),
        applies: |c| {
            matches!(
                c,
                Context::Step {
                    input: InputKind::Perspectives,
                    ..
                }
            )
        },
        footer: true,
    },
    Binding {
        keys: |_| "1–9".into(),
        label: |t| &t.participant,
        command: |k| match k.code {
            KeyCode::Char(c @ '1'..='9') => c
                .to_digit(10)
                .and_then(|d| usize::try_from(d).ok())
                .map(|d| Command::Participant(d - 1)),
            _ => None,
        },
        applies: |c| {
            matches!(
                c,
                Context::Step {
                    input: InputKind::Perspectives,
                    ..
                }
            )
        },
        footer: true,
    },
    Binding {
        keys: |_| "i".into(),
        label: |t| &t.index,
        command: |k| (k.code == KeyCode::Char('i') && plain(k)).then_some(Command::Index),
        applies: |c| matches!(c, Context::Step { jump: true, .. }),
        footer: true,
    },
    Binding {
        keys: |_| "w".into(),
        label: |t| &t.save_demo,
        command: |k| (k.code == KeyCode::Char('w') && plain(k)).then_some(Command::SaveDemo),
        applies: |c| matches!(c, Context::Step { jump: true, .. }),
        footer: false,
    },
    Binding {
        keys: |_| "r".into(),
        label: |t| &t.routes,
        command: |k| (k.code == KeyCode::Char('r') && plain(k)).then_some(Command::SwitchRoute),
        applies: |c| {
            matches!(
                c,
                Context::Step {
                    routes_open: true,
                    ..
                }
            )
        },
        footer: true,
    },
    Binding {
        keys: |_| "Enter".into(),
        label: |t| &t.begin,
        command: |k| (k.code == KeyCode::Enter).then_some(Command::Begin),
        applies: |c| *c == Context::Start,
        footer: true,
    },
    Binding {
        keys: |_| "Enter".into(),
        label: |t| &t.new_session,
        command: |k| (k.code == KeyCode::Enter).then_some(Command::NewSession),
        applies: |c| *c == Context::Done,
        footer: true,
    },
    Binding {
        keys: |_| "Enter".into(),
        label: |t| &t.confirm,
        command: |k| match k.code {
            KeyCode::Enter | KeyCode::Char('j' | 'y') => Some(Command::Confirm),
            _ => None,
        },
        applies: |c| matches!(c, Context::ConfirmQuit | Context::ConfirmDelete),
        footer: true,
    },
    Binding {
        keys: |_| "Esc".into(),
        label: |t| &t.close,
        command: |k| match k.code {
            KeyCode::Esc | KeyCode::Char('n') => Some(Command::Cancel),
            _ => None,
        },
        applies: |c| matches!(c, Context::ConfirmQuit | Context::ConfirmDelete),
        footer: true,
    },
    Binding {
        keys: |_| "Esc/?".into(),
        label: |t| &t.close,
        command: |k| match k.code {
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::F(1) | KeyCode::Enter => {
                Some(Command::CloseHelp)
            }
            _ => None,
        },
        applies: |c| *c == Context::Help,
        footer: true,
    },
    Binding {
        keys: |_| "Esc".into(),
        label: |t| &t.close,
        command: |k| match k.code {
            KeyCode::Esc | KeyCode::Char('a' | 'q') | KeyCode::F(2) | KeyCode::Enter => {
                Some(Command::CloseAbout)
            }
            _ => None,
        },
        applies: |c| *c == Context::About,
        footer: true,
    },
    Binding {
        keys: |_| "a".into(),
        label: |t| &t.about,
        command: |k| match k.code {
            KeyCode::Char('a') if plain(k) => Some(Command::About),
            KeyCode::F(2) => Some(Command::About),
            _ => None,
        },
        applies: |c| matches!(c, Context::Step { .. } | Context::Help) || listing(c),
        footer: false,
    },
    Binding {
        keys: |_| "F2".into(),
        label: |t| &t.about,
        command: |k| (k.code == KeyCode::F(2)).then_some(Command::About),
        applies: |c| matches!(c, Context::Start | Context::Editing | Context::RouteChoice),
        footer: true,
    },
    Binding {
        keys: |_| "↑↓".into(),
        label: |t| &t.choose,
        command: up_down,
        applies: |c| matches!(c, Context::Menu | Context::History | Context::Recognition),
        footer: true,
    },
    Binding {
        keys: |_| "↑↓".into(),
        label: |t| &t.scroll,
        command: up_down,
        applies: |c| *c == Context::Detail,
        footer: true,
    },
    Binding {
        keys: |_| "Enter".into(),
        label: |t| &t.open,
        command: |k| (k.code == KeyCode::Enter).then_some(Command::Open),
        applies: |c| matches!(c, Context::Menu | Context::History),
        footer: true,
    },
    Binding {
        keys: |_| "Enter".into(),
        label: |t| &t.answer,
        command: |k| (k.code == KeyCode::Enter).then_some(Command::Open),
        applies: |c| *c == Context::Recognition,
        footer: true,
    },
    Binding {
        keys: |_| "/".into(),
        label: |t| &t.search,
        command: |k| (k.code == KeyCode::Char('/')).then_some(Command::Search),
        applies: |c| *c == Context::History,
        footer: true,
    },
    Binding {
        keys: |_| "c".into(),
        label: |t| &t.filter,
        command: |k| (k.code == KeyCode::Char('c') && plain(k)).then_some(Command::FilterClient),
        applies: |c| *c == Context::History,
        footer: true,
    },
    Binding {
        keys: |_| "Enter/Esc".into(),
        label: |t| &t.stop_editing,
        command: |k| {
            matches!(k.code, KeyCode::Enter | KeyCode::Esc | KeyCode::Tab)
                .then_some(Command::CloseInput)
        },
        applies: |c| *c == Context::HistoryInput,
        footer: true,
    },
    Binding {
        keys: |_| "r".into(),
        label: |t| &t.resume,
        command: |k| (k.code == KeyCode::Char('r') && plain(k)).then_some(Command::Resume),
        applies: |c| *c == Context::Detail,
        footer: true,
    },
    Binding {
        keys: |_| "e".into(),
        label: |t| &t.export,
        command: |k| (k.code == KeyCode::Char('e') && plain(k)).then_some(Command::Export),
        applies: |c| matches!(c, Context::History | Context::Detail),
        footer: true,
    },
    Binding {
        keys: |_| "x".into(),
        label: |t| &t.export_client,
        command: |k| (k.code == KeyCode::Char('x') && plain(k)).then_some(Command::ExportForClient),
        applies: |c| matches!(c, Context::History | Context::Detail),
        footer: false,
    },
    Binding {
        keys: |_| "j".into(),
        label: |t| &t.export_json,
        command: |k| (k.code == KeyCode::Char('j') && plain(k)).then_some(Command::ExportJson),
        applies: |c| matches!(c, Context::History | Context::Detail),
        footer: false,
    },
    Binding {
        keys: |_| "d".into(),
        label: |t| &t.delete,
        command: |k| (k.code == KeyCode::Char('d') && plain(k)).then_some(Command::Delete),
        applies: |c| matches!(c, Context::History | Context::Detail),
        footer: true,
    },
    Binding {
        keys: |_| "D".into(),
        label: |t| &t.delete_client,
        command: |k| (k.code == KeyCode::Char('D')).then_some(Command::DeleteClient),
        applies: |c| *c == Context::History,
        footer: false,
    },
    Binding {
        keys: |_| "?".into(),
        label: |t| &t.help,
        command: |k| match k.code {
            KeyCode::Char('?') | KeyCode::F(1) => Some(Command::Help),
            _ => None,
        },
        applies: |c| browsing(c) || listing(c),
        footer: true,
    },
    Binding {
        keys: |_| "F1".into(),
        label: |t| &t.help,
        command: |k| (k.code == KeyCode::F(1)).then_some(Command::Help),
        applies: |c| matches!(c, Context::Start | Context::Editing | Context::HistoryInput),
        footer: true,
    },
    Binding {
        keys: |_| "q".into(),
        label: |t| &t.quit,
        command: |k| match k.code {
            KeyCode::Char('q') if plain(k) => Some(Command::Quit),
            _ if ctrl(k, 'q') || ctrl(k, 'c') => Some(Command::Quit),
            _ => None,
        },
        applies: |c| browsing(c) || listing(c),
        footer: true,
    },
    Binding {
        keys: |_| "Ctrl+Q".into(),
        label: |t| &t.quit,
        command: |k| (ctrl(k, 'q') || ctrl(k, 'c')).then_some(Command::Quit),
        applies: |c| matches!(c, Context::Start | Context::Editing | Context::HistoryInput),
        footer: true,
    },
    Binding {
        keys: |_| "Esc".into(),
        label: |t| &t.back,
        command: |k| (k.code == KeyCode::Esc).then_some(Command::Back),
        applies: |c| {
            matches!(
                c,
                Context::Start
                    | Context::History
                    | Context::Detail
                    | Context::Menu
                    | Context::Recognition
            )
        },
        footer: true,
    },
];

fn up_down(key: &KeyEvent) -> Option<Command> {
    match key.code {
        KeyCode::Up => Some(Command::Up),
        KeyCode::Down => Some(Command::Down),
        _ => None,
    }
}

/// The command a key means here, if any.
pub fn lookup(ctx: Context, key: &KeyEvent) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| (b.applies)(&ctx))
        .find_map(|b| (b.command)(key))
}

/// The bindings to show in the footer, in table order.
pub fn footer(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.footer && (b.applies)(&ctx))
}

/// The bindings that apply in `ctx`, for the help screen.
pub fn for_help(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| (b.applies)(&ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    const TEXT_STEP: Context = Context::Step {
        input: InputKind::Text,
        notes: true,
        routes_open: false,
        jump: false,
    };

    #[test]
    fn typing_keeps_letters_that_are_commands_elsewhere() {
        for c in ['q', '?', 'r', ' ', '7'] {
            assert_eq!(
                lookup(Context::Editing, &key(KeyCode::Char(c))),
                None,
                "{c}"
            );
        }
        assert_eq!(
            lookup(TEXT_STEP, &key(KeyCode::Char('q'))),
            Some(Command::Quit)
        );
        assert_eq!(
            lookup(
                Context::Editing,
                &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)
            ),
            Some(Command::Quit)
        );
    }

    #[test]
    fn esc_goes_back_one_level() {
        assert_eq!(
            lookup(Context::Editing, &key(KeyCode::Esc)),
            Some(Command::StopEditing)
        );
        assert_eq!(lookup(TEXT_STEP, &key(KeyCode::Esc)), Some(Command::Back));
        assert_eq!(
            lookup(Context::Help, &key(KeyCode::Esc)),
            Some(Command::CloseHelp)
        );
        assert_eq!(
            lookup(Context::ConfirmQuit, &key(KeyCode::Esc)),
            Some(Command::Cancel)
        );
    }

    #[test]
    fn every_footer_entry_is_a_key_that_works_there() {
        let contexts = [
            Context::Start,
            TEXT_STEP,
            Context::Editing,
            Context::RouteChoice,
            Context::Done,
            Context::Help,
            Context::About,
            Context::ConfirmQuit,
            Context::Menu,
            Context::History,
            Context::HistoryInput,
            Context::Detail,
            Context::ConfirmDelete,
        ];
        let texts = crate::content::builtin_ui("nl").expect("built-in ui").keys;
        for ctx in contexts {
            assert!(footer(ctx).count() > 0, "{ctx:?} shows no keys");
            let way_out = |b: &Binding| {
                let label = (b.label)(&texts);
                label == texts.quit || label == texts.close || label == texts.back
            };
            assert!(footer(ctx).any(way_out), "{ctx:?} shows no way out");
        }
    }
}
