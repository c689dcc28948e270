//! `update(&mut Model, Msg) -> Vec<Effect>`: the one place where anything
//! changes. Pure – no disk, no threads, no clock: time comes in the
//! messages, and what must touch the world goes out as effects.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::effect::{Effect, ListFor, LoadFor};
use super::keys::{self, Command, Layer};
use super::model::{Model, Overlay, Screen, StartAt};
use super::msg::Msg;
use super::screens::{begin, detail, dialogs, field, history, menu, session, trash};
use crate::content::fill;

pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Start(at) => {
            m.now = at;
            start(m, &mut fx);
        }
        Msg::Key { key, at } => {
            m.now = at;
            if key.kind != KeyEventKind::Release {
                read_status(m);
                on_key(m, &key, &mut fx);
            }
        }
        Msg::Text { text, at } => {
            m.now = at;
            read_status(m);
            on_text(m, &text, &mut fx);
        }
        Msg::Paste { text, at } => {
            m.now = at;
            read_status(m);
            on_text(m, &clean_paste(&text), &mut fx);
        }
        Msg::Tick(at) => m.now = at,
        // A terminal that was resized may have dropped or moved what it
        // showed – also when it ends at the size of the last frame (a
        // storm of resizes between two frames): draw everything again.
        Msg::Resize => fx.push(Effect::Redraw),
        Msg::Drained => session::sync(m, &mut fx),
        Msg::Saved { path, seq } => {
            m.saves.saved = m.saves.saved.max(seq);
            m.saves.last_saved = Some(path);
            if m.saves.failed {
                m.saves.failed = false;
                m.status = None;
            }
        }
        Msg::SaveFailed { reason, .. } => save_failed(m, reason),
        Msg::Flushed(outcome) => flushed(m, outcome, &mut fx),
        Msg::Listed {
            folder,
            purpose,
            listing,
            locked,
        } => match purpose {
            ListFor::Menu => menu::listed(m, &listing, &locked),
            ListFor::History => history::listed(m, folder, *listing, locked, &mut fx),
        },
        Msg::Loaded {
            id,
            purpose,
            result,
            in_use,
            ..
        } => match result {
            Ok(record) => match purpose {
                LoadFor::Detail => detail::loaded_detail(m, id, &record, in_use, &mut fx),
                LoadFor::Resume => begin::resumed(m, id, &record, &mut fx),
            },
            Err(std::io::ErrorKind::WouldBlock) => {
                m.status = Some(m.pack.ui.history.in_use.clone());
            }
            Err(reason) => {
                m.status = Some(fill(
                    &m.pack.ui.cli.read_failed,
                    &[("path", &id), ("reason", &m.pack.ui.reasons.of(reason))],
                ));
            }
        },
        Msg::FoundPrevious(previous, open) => begin::found_previous(m, previous, open, &mut fx),
        Msg::Reserved { id } => begin::reserved(m, id, &mut fx),
        Msg::Verified { folder, found } => {
            m.verifying = false;
            history::verified(m, folder, *found, &mut fx);
        }
        Msg::TextsRead { ids, texts } => history::texts_read(m, &ids, texts, &mut fx),
        Msg::Exported {
            result,
            openable,
            sealed,
            ..
        } => {
            if openable && let Ok((path, _)) = &result {
                m.overlay = Some(Overlay::OpenFile(path.clone()));
            }
            m.status = Some(match result {
                Ok((path, count)) => fill(
                    if sealed {
                        &m.pack.ui.export.written_sealed
                    } else {
                        &m.pack.ui.export.written
                    },
                    &[
                        ("path", &path.display().to_string()),
                        ("count", &count.to_string()),
                    ],
                ),
                Err((path, reason)) => fill(
                    &m.pack.ui.cli.write_failed,
                    &[
                        ("path", &path.display().to_string()),
                        ("reason", &m.pack.ui.reasons.of(reason)),
                    ],
                ),
            });
        }
        Msg::CopiesCounted { what, copies } => dialogs::copies_counted(m, &what, copies),
        Msg::PrivacyRead(overview) => {
            let lines = crate::notes::privacy::report(&overview, &m.pack, &m.data_root);
            m.overlay = Some(Overlay::Privacy(lines));
        }
        Msg::Trashed { count } => trash::trashed(m, count, &mut fx),
        Msg::TrashListed(items) => trash::trash_listed(m, items),
        Msg::SettingsSaved(result) => super::screens::settings::saved(m, result),
        Msg::Restored(result) => trash::restored(m, result, &mut fx),
        Msg::TrashEmptied(result) => trash::trash_emptied(m, result, &mut fx),
        Msg::CopySaved(result) => {
            let copied = result.as_ref().ok().cloned();
            m.status = Some(match result {
                Ok(path) => fill(
                    &m.pack.ui.save.elsewhere,
                    &[("path", &path.display().to_string())],
                ),
                Err((path, reason)) => fill(
                    &m.pack.ui.cli.write_failed,
                    &[
                        ("path", &path.display().to_string()),
                        ("reason", &m.pack.ui.reasons.of(reason)),
                    ],
                ),
            });
            if std::mem::take(&mut m.saves.quit_after_copy)
                && let Some(path) = copied
            {
                // The text is safe in the copy: the closing line names it.
                m.saves.last_saved = Some(path);
                session::release(m, &mut fx);
                fx.push(Effect::Quit);
            }
        }
        Msg::Terminate | Msg::InputGone => {
            session::sync(m, &mut fx);
            fx.extend([Effect::Flush, Effect::Quit]);
        }
        Msg::Suspend => {
            session::sync(m, &mut fx);
            fx.extend([Effect::Flush, Effect::Suspend]);
        }
        Msg::Resumed => fx.push(Effect::Reclaim),
    }
    m.follow_timer();
    fx
}

/// A message stays until the next key – one about a failed save until a
/// save works again.
fn read_status(m: &mut Model) {
    if !m.saves.failed {
        m.status = None;
    }
}

fn start(m: &mut Model, fx: &mut Vec<Effect>) {
    match m.options.start {
        StartAt::Menu => menu::open_start(m, fx),
        StartAt::History => fx.push(Effect::List {
            folder: m.folder(),
            purpose: ListFor::History,
            verify: true,
        }),
        StartAt::Mode(mode) => menu::enter_mode(m, mode, fx),
    }
}

fn on_key(m: &mut Model, key: &KeyEvent, fx: &mut Vec<Effect>) {
    // Esc puts a reminder away rather than going back.
    if key.code == KeyCode::Esc && m.overlay.is_none() && session::has_reminder(m) {
        session::dismiss_reminder(m);
        return;
    }
    #[cfg(debug_assertions)]
    if key.code == KeyCode::F(12) && m.options.test_panic {
        panic!("panic requested by DENKCOACH_TEST_PANIC");
    }
    let layers = m.layers();
    if let Some(command) = keys::lookup(&layers, key) {
        return on_command(m, command, fx);
    }
    if let Some(c) = keys::typed_char(key) {
        return on_text(m, &c.to_string(), fx);
    }
    // Editing keys in whichever field has the keyboard.
    match (&mut m.overlay, &m.screen) {
        (Some(Overlay::ConfirmDelete(state)), _) => {
            field::edit(&mut state.typed, key, false);
        }
        (Some(_), _) => {}
        (None, Screen::Code(_)) => {
            if let Screen::Code(code) = &mut m.screen {
                field::edit(code, key, false);
            }
        }
        (None, Screen::Session(_)) => session::edit(m, key, fx),
        (None, Screen::History) => history::edit(m, key, fx),
        (None, Screen::Menu(_)) => menu::edit(m, key),
        _ => {}
    }
}

/// Typed text goes where the user looks: the field with the keyboard. A
/// window that asks nothing typed (help, about, quit, export) closes, and
/// the text goes to the screen under it.
fn on_text(m: &mut Model, text: &str, fx: &mut Vec<Effect>) {
    if text.is_empty() {
        return;
    }
    // In a one-line field a line break at the end is the Enter that ends
    // it ("K7⏎" typed in one go).
    if one_line_field(m)
        && let Some(body) = text.strip_suffix('\n')
    {
        on_text(m, body, fx);
        return on_key(m, &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), fx);
    }
    match &mut m.overlay {
        Some(Overlay::ConfirmDelete(state)) => {
            state.typed.insert_str(text.replace('\n', " "));
            return;
        }
        Some(_) => m.overlay = None,
        None => {}
    }
    let layers = m.layers();
    if layers.contains(&Layer::Step) {
        return session::type_text(m, text, fx);
    }
    match &mut m.screen {
        Screen::Code(code) => {
            code.insert_str(text.replace('\n', " "));
        }
        Screen::History => history::type_text(m, text, fx),
        Screen::Menu(menu) if menu.query.is_some() => {
            menu::type_text(m, text);
        }
        // Words typed on the start menu have no field to go to: said at
        // once, so that a volunteer looking at the client notices before
        // more is lost.
        Screen::Menu(menu)
            if menu.kind == menu::MenuKind::Start && text.chars().any(char::is_alphanumeric) =>
        {
            m.status = Some(m.pack.ui.start.typed_on_menu.clone());
        }
        // No text field here: each character as the key it is (route
        // letters on the route choice; a line break is Enter).
        _ => {
            for c in text.chars() {
                let key = match c {
                    '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                    c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                };
                if let Some(command) = keys::lookup(&m.layers(), &key) {
                    on_command(m, command, fx);
                }
            }
        }
    }
}

/// The field with the keyboard holds one line: a client code, a search,
/// the word before deleting.
fn one_line_field(m: &Model) -> bool {
    match (&m.overlay, &m.screen) {
        (Some(Overlay::ConfirmDelete(_)), _) => true,
        (Some(_), _) => false,
        (None, Screen::Code(_)) => true,
        (None, Screen::History) => m.history.as_ref().is_some_and(|h| h.trash.is_none()),
        (None, Screen::Menu(menu)) => menu.query.is_some(),
        _ => false,
    }
}

fn on_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Help => {
            m.overlay = Some(Overlay::Help);
            return;
        }
        Command::About => {
            m.overlay = Some(Overlay::About);
            return;
        }
        Command::Redraw => {
            fx.push(Effect::Redraw);
            return;
        }
        _ => {}
    }
    match &m.overlay {
        Some(Overlay::Help | Overlay::About | Overlay::Privacy(_)) => {
            if command == Command::Close {
                m.overlay = None;
            }
            return;
        }
        Some(Overlay::ConfirmQuit) => {
            m.overlay = None;
            if command == Command::Confirm {
                confirm_quit(m, fx);
            }
            return;
        }
        Some(Overlay::ConfirmDelete(_)) => return dialogs::delete_command(m, command, fx),
        Some(Overlay::Export(_)) => return dialogs::export_command(m, command, fx),
        Some(Overlay::ResumeOffer(_)) => return begin::resume_offer_command(m, command, fx),
        Some(Overlay::OpenFile(_)) => {
            if let Some(Overlay::OpenFile(path)) = m.overlay.take()
                && command == Command::Confirm
            {
                fx.push(Effect::Open { path });
            }
            return;
        }
        None => {}
    }
    if command == Command::Quit {
        if matches!(m.screen, Screen::Session(_)) {
            m.overlay = Some(Overlay::ConfirmQuit);
        } else {
            fx.push(Effect::Quit);
        }
        return;
    }
    match &m.screen {
        Screen::Menu(_) => menu::command(m, command, fx),
        Screen::Code(_) => begin::code_command(m, command, fx),
        Screen::Session(_) => session::command(m, command, fx),
        Screen::Done { .. } => menu::done_command(m, command, fx),
        Screen::History => history::command(m, command, fx),
        Screen::Detail { .. } => detail::detail_command(m, command, fx),
        Screen::Recognition(_) => menu::recognition_command(m, command, fx),
    }
}

/// Quit confirmed: everything is written first; a failed last write keeps
/// the app open with the text, unless the user confirms a second time.
fn confirm_quit(m: &mut Model, fx: &mut Vec<Effect>) {
    session::sync(m, fx);
    m.quitting = true;
    fx.push(Effect::Flush);
}

fn flushed(
    m: &mut Model,
    outcome: Option<Result<std::path::PathBuf, std::io::ErrorKind>>,
    fx: &mut Vec<Effect>,
) {
    let ok = match outcome {
        Some(Ok(path)) => {
            m.saves.saved = m.saves.sent;
            m.saves.last_saved = Some(path);
            if m.saves.failed {
                m.saves.failed = false;
                m.status = None;
            }
            true
        }
        Some(Err(reason)) => {
            save_failed(m, reason);
            false
        }
        None => true,
    };
    if !std::mem::take(&mut m.quitting) {
        return;
    }
    if ok || m.saves.quit_despite_failure {
        session::release(m, fx);
        fx.push(Effect::Quit);
    } else if session::save_elsewhere(m, fx) {
        // What was typed goes to the home folder first; the coach stops
        // once it is there (or, when that fails too, on a second confirm).
        m.saves.quit_after_copy = true;
        m.saves.quit_despite_failure = true;
    } else {
        m.saves.quit_despite_failure = true;
    }
}

fn save_failed(m: &mut Model, reason: std::io::ErrorKind) {
    m.saves.failed = true;
    m.status = Some(fill(
        &m.pack.ui.save.failed,
        &[("reason", &m.pack.ui.reasons.of(reason))],
    ));
}

/// Pasted text as plain text: line breaks kept, other control characters
/// (escape sequences included) dropped, so nothing pasted can steer the
/// terminal when the note is drawn.
pub fn clean_paste(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect()
}
