//! The settings screen, from the start menu: each setting of
//! `config.toml` on a line, changed with ← → (or Enter, a step forward)
//! and saved at once; a stray letter or Space changes nothing. What can apply now applies now; language
//! and plain mode apply from the next start, and say so.

use std::path::PathBuf;

use super::super::effect::Effect;
use super::super::keys::Command;
use super::super::model::{Model, Screen};
use super::menu::{MenuKind, MenuState, open_start};
use super::{list_delta, set_screen, step_cursor};
use crate::config::{Config, Key as Setting, TOO_FAST_MINUTES, ThemeName};
use crate::content::fill;
use crate::ui::menu::MenuItem;

/// The settings file as the screen knows it.
#[derive(Debug, Clone, Default)]
pub struct SettingsFile {
    /// The config folder; none when no home folder was found.
    pub dir: Option<PathBuf>,
    pub config: Config,
    /// False when the file is there but no TOML: it is the user's, and is
    /// not written over.
    pub writable: bool,
}

/// The months offered for `bewaartermijn`, after "never ask".
const MONTHS: [u32; 9] = [1, 3, 6, 12, 18, 24, 36, 48, 60];
/// The te-snel reminder before the pack sets one.
const TOO_FAST_DEFAULT: u32 = 10;

pub fn open(m: &mut Model, fx: &mut Vec<Effect>) {
    let items = items(m);
    set_screen(
        m,
        Screen::Menu(MenuState::new(MenuKind::Settings, items)),
        fx,
    );
    let t = &m.pack.ui.settings;
    let file = &m.options.settings;
    m.status = Some(match &file.dir {
        None => t.no_folder.clone(),
        Some(dir) => {
            let path = dir.join(crate::config::FILE).display().to_string();
            let template = if file.writable {
                &t.intro
            } else {
                &t.not_writable
            };
            fill(template, &[("path", &path)])
        }
    });
}

/// The order on screen: what a volunteer changes most, first.
const ORDER: [Setting; 6] = [
    Setting::Tips,
    Setting::Theme,
    Setting::TooFast,
    Setting::Retention,
    Setting::Language,
    Setting::Plain,
];

fn items(m: &Model) -> Vec<MenuItem> {
    ORDER
        .into_iter()
        .map(|which| MenuItem::Setting {
            which,
            shown: shown(m, which),
        })
        .collect()
}

/// "Kleuren: hoog-contrast".
fn shown(m: &Model, which: Setting) -> String {
    let t = &m.pack.ui.settings;
    let c = &m.options.settings.config;
    let on_off = |b: bool| if b { &t.on } else { &t.off }.clone();
    let (label, value) = match which {
        Setting::Language => {
            let value = c.language.clone().unwrap_or_else(|| m.pack.lang.clone());
            let value = if value == m.pack.lang {
                value
            } else {
                fill(&t.next_start, &[("value", &value)])
            };
            (&t.language, value)
        }
        Setting::Theme => {
            let name = c.theme.unwrap_or(ThemeName::Standard).name().to_string();
            let value = if m.options.no_color {
                fill(&t.no_color, &[("value", &name)])
            } else {
                name
            };
            (&t.theme, value)
        }
        Setting::Plain => {
            let value = on_off(c.plain == Some(true));
            let value = if c.plain == Some(true) {
                fill(&t.next_start, &[("value", &value)])
            } else {
                value
            };
            (&t.plain, value)
        }
        Setting::Tips => {
            let value = if m.options.tips_hidden_at_start() {
                &t.hidden
            } else {
                &t.shown
            };
            (&t.tips, value.clone())
        }
        Setting::TooFast => {
            let minutes = too_fast(m).to_string();
            (&t.too_fast, fill(&t.minutes, &[("count", &minutes)]))
        }
        Setting::Retention => {
            let value = match m.options.retention_months {
                Some(n) => fill(&t.months, &[("count", &n.to_string())]),
                None => t.never.clone(),
            };
            (&t.retention, value)
        }
    };
    format!("{label}: {value}")
}

fn too_fast(m: &Model) -> u32 {
    m.pack.signals.too_fast_minutes.unwrap_or(TOO_FAST_DEFAULT)
}

/// A key on the settings screen.
pub fn command(m: &mut Model, command: Command, fx: &mut Vec<Effect>) {
    let Screen::Menu(menu) = &mut m.screen else {
        return;
    };
    if let Some(delta) = list_delta(command) {
        menu.cursor = step_cursor(menu.cursor, menu.items.len(), delta);
        return;
    }
    let Some(MenuItem::Setting { which, .. }) = menu.items.get(menu.cursor).cloned() else {
        return;
    };
    match command {
        Command::Back => open_start(m, fx),
        Command::More => change(m, which, 1, fx),
        Command::Less => change(m, which, -1, fx),
        _ => {}
    }
}

/// One step forward or back for a setting, applied where it can be and
/// saved.
fn change(m: &mut Model, which: Setting, step: i32, fx: &mut Vec<Effect>) {
    let languages = crate::content::builtin_languages();
    let c = &mut m.options.settings.config;
    match which {
        Setting::Language => {
            let now = c.language.clone().unwrap_or_else(|| m.pack.lang.clone());
            c.language = Some(cycle(&languages, now, step));
        }
        Setting::Theme => {
            let now = c.theme.unwrap_or(ThemeName::Standard);
            let theme = cycle(&ThemeName::ALL, now, step);
            c.theme = Some(theme);
            // NO_COLOR has the last word, as at the start.
            if !m.options.no_color {
                m.theme = theme.theme();
                m.demo_theme = if theme == ThemeName::Monochrome {
                    m.theme
                } else {
                    crate::ui::Theme::high_contrast()
                };
            }
        }
        Setting::Plain => c.plain = Some(c.plain != Some(true)),
        Setting::Tips => {
            c.tips = Some(c.tips == Some(false));
        }
        Setting::TooFast => {
            let now = i64::from(m.pack.signals.too_fast_minutes.unwrap_or(TOO_FAST_DEFAULT));
            let next = (now + i64::from(step)).clamp(
                i64::from(*TOO_FAST_MINUTES.start()),
                i64::from(*TOO_FAST_MINUTES.end()),
            );
            let next = u32::try_from(next).unwrap_or(TOO_FAST_DEFAULT);
            c.too_fast_minutes = Some(next);
            m.pack.signals.too_fast_minutes = Some(next);
        }
        Setting::Retention => {
            // "Never ask", then the months offered; a value typed into the
            // file by hand moves to its neighbour in the list.
            let now = m.options.retention_months;
            let next = match (now, step > 0) {
                (None, true) => MONTHS.first().copied(),
                (None, false) => None,
                (Some(n), true) => MONTHS.iter().copied().find(|x| *x > n).or(Some(n)),
                (Some(n), false) => MONTHS.iter().copied().rev().find(|x| *x < n),
            };
            m.options.retention_months = next;
            c.retention_months = next.and_then(std::num::NonZeroU32::new);
        }
    }
    let items = items(m);
    if let Screen::Menu(menu) = &mut m.screen {
        menu.items = items.clone();
        menu.all = items;
    }
    // Only the setting changed is written: the rest of the file, another
    // window's changes included, stays as it is.
    let file = &m.options.settings;
    if let Some(dir) = file.dir.clone().filter(|_| file.writable) {
        let value = which.value_in(&file.config);
        fx.push(Effect::SaveSetting {
            dir,
            key: which,
            value,
        });
    }
}

/// The next (or previous) of `all` after `now`, round.
fn cycle<T: PartialEq + Clone>(all: &[T], now: T, step: i32) -> T {
    let len = all.len().max(1);
    let at = all.iter().position(|x| *x == now).unwrap_or(0);
    let next = if step > 0 {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    all.get(next).cloned().unwrap_or(now)
}

/// The settings were written (or not).
pub fn saved(m: &mut Model, result: Result<PathBuf, std::io::ErrorKind>) {
    let t = &m.pack.ui.settings;
    m.status = Some(match result {
        Ok(path) => fill(&t.saved, &[("path", &path.display().to_string())]),
        Err(kind) => {
            let path = m
                .options
                .settings
                .dir
                .as_ref()
                .map(|d| d.join(crate::config::FILE).display().to_string())
                .unwrap_or_default();
            let reason = m.pack.ui.reasons.of(kind);
            fill(&t.not_saved, &[("path", &path), ("reason", &reason)])
        }
    });
}
