//! How a session begins: its file name and lock reserved, the client code,
//! the client's previous session looked up, an open session of theirs
//! offered first, or a saved session resumed.

use super::super::effect::Effect;
use super::super::keys::Command;
use super::super::model::{Model, Overlay, Screen};
use super::menu::back_to_menu;
use super::{field, session};
use crate::session::Session;
use crate::ui::menu::Mode;

/// A new session waits for its own file name and lock.
pub fn reserve(m: &mut Model, session: Session, fx: &mut Vec<Effect>) {
    fx.push(Effect::Reserve {
        folder: m.folder(),
        at: session.started_at,
    });
    m.pending = Some(Box::new(session));
}

/// The file name is reserved: the session opens – or, a finished
/// recognition exercise, is written and let go.
pub fn reserved(m: &mut Model, id: String, fx: &mut Vec<Effect>) {
    let Some(session) = m.pending.take() else {
        return;
    };
    if session.quiz {
        let folder = m.folder();
        let record = crate::notes::SessionRecord::from_session(&id, &session, &m.pack, m.now);
        session::send(m, folder, record, true, fx);
        // Written before its name is let go.
        fx.push(Effect::Flush);
        fx.push(Effect::Unlock { folder, id });
        return;
    }
    session::open(m, id, *session, fx);
}

/// Enter on the client code: a new session, following on from the
/// client's previous one when there is one.
pub fn begin(m: &mut Model, fx: &mut Vec<Effect>) {
    let Screen::Code(code) = &m.screen else {
        return;
    };
    match field::value(code) {
        Some(client) => fx.push(Effect::FindPrevious { client }),
        None => found_previous(m, None, None, fx),
    }
}

/// The client's previous session is known (or there is none); an open
/// session of theirs is offered first.
pub fn found_previous(
    m: &mut Model,
    previous: Option<crate::session::Previous>,
    open: Option<(String, chrono::DateTime<chrono::FixedOffset>)>,
    fx: &mut Vec<Effect>,
) {
    if !matches!(m.screen, Screen::Code(_)) {
        return;
    }
    if let Some((id, started_at)) = open {
        m.overlay = Some(Overlay::ResumeOffer(Box::new(ResumeOffer {
            id,
            started_at,
            previous,
        })));
        return;
    }
    begin_new(m, previous, fx);
}

/// The answer to the offer: carry on with the open session (its lock
/// first), or begin a new one after all.
pub fn resume_offer_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Some(Overlay::ResumeOffer(offer)) = m.overlay.take() else {
        return;
    };
    match command {
        Command::Confirm => fx.push(Effect::Lock {
            folder: m.folder(),
            id: offer.id,
        }),
        Command::Close => begin_new(m, offer.previous, fx),
        _ => m.overlay = Some(Overlay::ResumeOffer(offer)),
    }
}

/// An open session of this client, offered before a new one begins.
pub struct ResumeOffer {
    pub id: String,
    pub started_at: chrono::DateTime<chrono::FixedOffset>,
    pub previous: Option<crate::session::Previous>,
}

fn begin_new(m: &mut Model, previous: Option<crate::session::Previous>, fx: &mut Vec<Effect>) {
    let Screen::Code(code) = &m.screen else {
        return;
    };
    let client = field::value(code);
    let mut session = if m.group {
        Session::for_group(&m.pack, m.now, client, previous)
    } else {
        Session::following(&m.pack, m.now, client, previous)
    };
    session.reminders = m.mode == Mode::Gesprek;
    reserve(m, session, fx);
}

/// A saved session is open for editing again (its lock is held).
pub fn resumed(
    m: &mut Model,
    id: String,
    record: &crate::notes::SessionRecord,
    fx: &mut Vec<Effect>,
) {
    let mut session = record.to_session(&m.pack);
    session.reminders = m.mode == Mode::Gesprek;
    // Turned to the client when it stopped: still turned.
    if m.mode == Mode::Gesprek && record.tips_hidden {
        m.hide_tips = true;
    }
    session::open(m, id, session, fx);
}

pub fn code_command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Begin => begin(m, fx),
        Command::Back => back_to_menu(m, fx),
        _ => {}
    }
}
