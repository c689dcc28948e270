//! Every piece of interface text, read from the pack's `ui.toml`, so that a
//! new language is a new folder and not a code change. A missing key is a
//! validation problem; unknown keys are found against the built-in file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UiText {
    pub app: AppTexts,
    pub start: StartTexts,
    pub session: SessionTexts,
    pub routes: RouteTexts,
    pub done: DoneTexts,
    pub quit: QuitTexts,
    pub keys: KeyTexts,
    pub help: HelpTexts,
    pub save: SaveTexts,
    pub about: AboutTexts,
    pub card: CardTexts,
    pub cli: CliTexts,
    pub cli_help: CliHelpTexts,
    pub export: ExportTexts,
    pub history: HistoryTexts,
    pub modes: ModeTexts,
    pub plain: PlainTexts,
    pub privacy: PrivacyTexts,
    pub secure: SecureTexts,
    pub settings: SettingsTexts,
    pub reasons: ReasonTexts,
    pub errors: ErrorTexts,
}

/// Why something on disk failed, in the user's words; the system's own
/// text goes beside it (see [`ReasonTexts::of`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonTexts {
    pub not_found: String,
    pub permission_denied: String,
    pub read_only: String,
    pub storage_full: String,
    pub already_exists: String,
    pub invalid_filename: String,
    pub not_a_directory: String,
    pub is_a_directory: String,
    pub in_use: String,
    /// Not readable as a session: damaged, or encrypted meanwhile.
    pub invalid_data: String,
}

impl ReasonTexts {
    /// "map of bestand bestaat niet: entity not found": the reason in the
    /// pack's language, with the system's text for whoever searches for it.
    pub fn of(&self, kind: std::io::ErrorKind) -> String {
        use std::io::ErrorKind as K;
        let own = match kind {
            K::NotFound => &self.not_found,
            K::PermissionDenied => &self.permission_denied,
            K::ReadOnlyFilesystem => &self.read_only,
            K::StorageFull | K::QuotaExceeded => &self.storage_full,
            K::AlreadyExists => &self.already_exists,
            K::InvalidFilename => &self.invalid_filename,
            K::NotADirectory => &self.not_a_directory,
            K::IsADirectory => &self.is_a_directory,
            K::WouldBlock | K::ResourceBusy => &self.in_use,
            K::InvalidData => &self.invalid_data,
            _ => return kind.to_string(),
        };
        format!("{own}: {kind}")
    }
}

/// `denkcoach beveilig` and the passphrase asked at every start of an
/// encrypted folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecureTexts {
    pub prompt: String,
    pub wrong: String,
    pub three_wrong: String,
    pub no_input: String,
    pub key_damaged: String,
    pub intro: String,
    pub new_prompt: String,
    pub repeat_prompt: String,
    pub mismatch: String,
    pub too_short: String,
    pub working: String,
    pub done_on: String,
    pub finished: String,
    pub changed: String,
    pub off_confirm: String,
    pub off_word: String,
    pub cancelled: String,
    pub done_off: String,
    pub not_on: String,
    pub open_elsewhere: String,
    pub failed: String,
    pub left: String,
    pub not_sealed: String,
    pub cannot_open: String,
    pub plain_needed: String,
    pub plain_written: String,
    pub partial: String,
    pub key_missing: String,
    pub key_kept: String,
    pub failed_files: String,
}

/// `denkcoach privacy`: the coordinator's questions under the AVG, and
/// `notities inzage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivacyTexts {
    /// The start menu's entry.
    pub menu: String,
    pub title: String,
    /// `{path}`: the data folder.
    pub place: String,
    /// `{sessions}`, `{clients}`, `{without}` (no code), `{oldest}`.
    pub what: String,
    pub what_empty: String,
    /// `{count}` files that cannot be read.
    pub unreadable: String,
    /// Who can read the files, on Linux and macOS, and on Windows.
    pub who_unix: String,
    pub who_windows: String,
    /// The sessions folder is open to other accounts.
    pub who_unix_open: String,
    /// Whether the folder is encrypted; partly: `{count}` files not yet.
    pub encrypted: String,
    pub not_encrypted: String,
    pub partly_encrypted: String,
    /// `{count}` files in the export folder `{path}`.
    pub exports: String,
    /// `{months}`, `{due}` sessions older now, `{next}`.
    pub retention: String,
    /// `{date}` when the next session becomes older than the term.
    pub retention_next: String,
    pub retention_none: String,
    /// `{count}`, `{next}`.
    pub trash: String,
    /// `{date}` the first session in the trash goes for good.
    pub trash_next: String,
    /// The first in the trash is past its time.
    pub trash_overdue: String,
    /// `notities inzage` without a code.
    pub access_no_code: String,
    /// `notities inzage --uit` inside the sessions folder or the trash.
    pub access_inside: String,
    pub requests: String,
    /// `notities inzage`: `{client}`, `{count}`, `{trashed}`, `{html}`, `{json}`.
    pub access_written: String,
    /// `notities inzage` found nothing of `{client}`.
    pub access_none: String,
}

/// Plain mode: questions and answers line by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlainTexts {
    pub intro: String,
    /// Said when plain mode starts by itself (no terminal, or TERM=dumb).
    pub automatic: String,
    /// A full-screen-only command without a terminal.
    pub no_terminal: String,
    pub step: String,
    pub prompt_text: String,
    /// After the words on a step with both voices: the volunteer's own.
    pub prompt_impression: String,
    pub prompt_choice: String,
    pub prompt_multi: String,
    pub prompt_scale: String,
    pub prompt_route: String,
    pub invalid: String,
    pub saved: String,
    /// A save failed (`{reason}`): said at once in plain mode.
    pub save_failed: String,
    /// At the end, the file `{path}` is not there (`{reason}`); the answers
    /// went to the fallback file `{path}`, or nowhere and are printed.
    pub not_saved: String,
    pub saved_elsewhere: String,
    pub nowhere: String,
    /// The typed commands, said once at the start.
    pub commands: String,
    /// `:hulp`: the commands and how answers end (several lines).
    pub help: String,
    /// `:terug` on the first step.
    pub first_step: String,
    /// `:stop`: saved in `{path}`, to carry on next time.
    pub stopped: String,
    /// The same for an exercise: it is kept with the practice notes.
    pub stopped_practice: String,
    /// A step answered before (after `:terug`): `{answer}`, kept on Enter.
    pub given: String,
    /// Practising alone: one's own words and a note to oneself.
    pub prompt_text_self: String,
    pub prompt_impression_self: String,
    /// The start menu and its parts.
    pub menu: String,
    pub menu_conversation: String,
    pub menu_practice: String,
    pub menu_notes: String,
    pub menu_reading: String,
    pub prompt_choice_menu: String,
    /// An open session of `{client}` from `{date}`: carry on?
    pub resume_offer: String,
    /// The answers that mean yes, separated by commas.
    pub yes: String,
    pub practice: String,
    /// The notes: `{count}` conversations or practice notes.
    pub notes_conversations: String,
    pub notes_practice: String,
    pub prompt_notes: String,
    pub prompt_export: String,
    pub no_code: String,
    pub finished: String,
    pub unfinished: String,
    /// The brochure's chapters.
    pub reading: String,
    /// After a code that looks like a name, phone number or e-mail address.
    pub code_anyway: String,
    /// Plain mode because `eenvoudig = true` in `{path}`.
    pub from_settings: String,
    /// A route not understood.
    pub invalid_route: String,
    /// The export's file is there already (`{path}`).
    pub file_exists: String,
}

/// The three ways of use and what belongs to each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModeTexts {
    pub menu_gesprek: String,
    pub menu_groep: String,
    pub menu_demo: String,
    pub menu_oefenen: String,
    pub gesprek: String,
    pub groep: String,
    pub demo: String,
    pub oefenen: String,
    pub status: String,
    pub clock: String,
    pub tips_hidden: String,
    pub demo_not_saved: String,
    pub demo_saving: String,
    pub too_fast_title: String,
    pub too_fast_early: String,
    pub too_fast_unrecognised: String,
    pub stamp_hint: String,
    pub demo_title: String,
    pub demo_routes: String,
    pub demo_cases: String,
    pub demo_hint: String,
    pub demo_nothing: String,
    pub demo_case: String,
    pub practice_title: String,
    pub practice_thought: String,
    pub practice_recognise: String,
    pub practice_history: String,
    /// Where to turn when it gets too much (practice menu, after practice).
    pub practice_help: String,
    /// The countdown on a step with `minuten`: `{minutes}` left.
    pub timer_left: String,
    /// Under the question when the countdown is over.
    pub timer_done: String,
    pub practice_thought_why: String,
    pub practice_recognise_why: String,
    pub recognise_title: String,
    pub recognise_question: String,
    /// Under an example that is denkcoach's own, in the recognition exercise.
    pub example_addition: String,
    pub recognise_right: String,
    pub recognise_right_also: String,
    /// The finished exercise is kept.
    pub recognise_saved: String,
    pub recognise_wrong: String,
    pub recognise_score: String,
    pub recognise_progress: String,
    pub participant: String,
}

/// Headings of exported Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportTexts {
    pub volunteer_title: String,
    pub client_title: String,
    pub session: String,
    pub client: String,
    pub status_finished: String,
    pub status_open: String,
    pub footer: String,
    /// The client's sheet: its headings, the closing sentence, the date.
    pub client_thought: String,
    pub client_next: String,
    pub client_closing: String,
    /// `{day} {month} {year}`, with `months` January to December.
    pub long_date: String,
    pub months: Vec<String>,
    /// Short month names, for a table's date column.
    pub months_short: Vec<String>,
    /// A day with its time: `{date}, {time}`.
    pub date_time: String,
    /// `{count}` sessions went to `{path}`.
    pub written: String,
    /// The same, encrypted (the folder is): how to read it.
    pub written_sealed: String,
    /// Files an export left out because they cannot be read (`{count}`).
    pub unreadable: String,
    /// The question before exporting.
    pub choose: String,
    /// The client's sheet at `{path}` is written: open it?
    pub open_question: String,
    /// Which sessions: the highlighted one (`{date}`), or all `{count}` of
    /// `{client}`.
    pub scope_session: String,
    pub scope_client: String,
    /// A client sheet asked for sessions of `{count}` clients.
    pub mixed_clients: String,
}

/// The start menu, the history screen and their questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryTexts {
    pub menu_title: String,
    pub menu_new: String,
    pub menu_history: String,
    pub menu_quit: String,
    /// Typed the code of a client with an open session (`{time}`).
    pub resume_offer: String,
    pub resume: String,
    pub resume_no_client: String,
    pub retention: String,
    pub title: String,
    pub columns: String,
    /// The columns of "Mijn oefeningen".
    pub practice_columns: String,
    pub finished: String,
    pub open: String,
    pub locked: String,
    pub empty: String,
    /// Shown while the texts for a search are read: `{count}` sessions.
    pub searching: String,
    pub filter_client: String,
    pub search: String,
    pub damaged: String,
    pub damage_empty: String,
    pub damage_not_utf8: String,
    pub damage_not_json: String,
    pub damage_schema: String,
    pub damage_unreadable: String,
    /// Encrypted with another folder's key.
    pub damage_sealed: String,
    /// A session `{file}` of a newer denkcoach: kept in place, not opened.
    pub newer: String,
    /// Below the first damaged files: how many more there are.
    pub damaged_more: String,
    pub chart: String,
    pub before: String,
    pub after: String,
    pub read_only: String,
    pub in_use: String,
    pub confirm_delete: String,
    pub confirm_delete_client: String,
    pub confirm_delete_old: String,
    /// Below a list cut short: `{count}` more.
    pub and_more: String,
    /// Under a delete question: type `{word}` (the client code) to delete.
    pub confirm_type: String,
    /// What to type when a session has no client code.
    pub confirm_word: String,
    pub confirm_empty_trash: String,
    /// While what goes with a deletion is being counted.
    pub copies_counting: String,
    /// Sessions open in another window, which stay (`{list}`).
    pub copies_held: String,
    /// What goes at once (`{list}`): the exports.
    pub copies_now: String,
    /// What goes when the trash period ends or the trash is emptied.
    pub copies_later: String,
    /// What emptying the trash removes.
    pub copies_gone: String,
    /// One kind of file with its `{count}`.
    pub copy_sessions: String,
    pub copy_exports: String,
    pub copy_journals: String,
    pub copy_temps: String,
    pub copy_damaged: String,
    pub copy_home: String,
    pub deleted: String,
    pub trash_title: String,
    pub trash_hint: String,
    pub trash_empty: String,
    /// One deleted session: `{session}` (date and client), `{deleted}`.
    pub trash_row: String,
    pub restored: String,
    pub restore_exists: String,
    pub restore_failed: String,
    pub trash_emptied: String,
    pub code_warning_email: String,
    pub code_warning_phone: String,
    pub code_warning_name: String,
}

/// The About screen: which pack, which files, and the credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AboutTexts {
    pub title: String,
    /// The program's `{version}`, and that it is independent of Movisie.
    pub program: String,
    pub pack: String,
    pub source: String,
    pub files: String,
    pub builtin: String,
    pub replaced: String,
}

/// Headings of the printable pocket card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardTexts {
    pub title: String,
    pub intro: String,
    pub basishouding: String,
    pub patterns: String,
    pub routes: String,
    pub when: String,
    pub valkuilen: String,
    pub closing: String,
}

/// The settings screen (`config.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsTexts {
    /// The start menu's item, and the screen's title.
    pub menu: String,
    /// Said on opening: changes are saved at once in `{path}`.
    pub intro: String,
    /// The file is no TOML (`{path}`): changes hold for now only.
    pub not_writable: String,
    /// No config folder at all: changes hold for now only.
    pub no_folder: String,
    pub language: String,
    pub theme: String,
    pub plain: String,
    pub tips: String,
    pub too_fast: String,
    pub retention: String,
    pub on: String,
    pub off: String,
    pub shown: String,
    pub hidden: String,
    /// `{count}` minutes, `{count}` months (with `{count:one|many}`).
    pub minutes: String,
    pub months: String,
    pub never: String,
    /// A setting that takes effect when the coach starts again: `{value}`.
    pub next_start: String,
    /// NO_COLOR is set: the theme chosen applies without colour.
    pub no_color: String,
    pub saved: String,
    /// `{path}`, `{reason}`.
    pub not_saved: String,
}

/// Messages printed on the command line, outside the full screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CliTexts {
    pub check_ok: String,
    pub check_failed: String,
    pub card_written: String,
    pub no_data_dir: String,
    pub data_dir_unusable: String,
    pub read_failed: String,
    /// A `.toml` name in a pack that is no plain file (`{path}`).
    pub not_a_file: String,
    /// A pack file over 1 MiB (`{path}`).
    pub too_large: String,
    pub write_failed: String,
    /// The data folder `{path}` belongs to another user: refused, untouched.
    pub data_dir_foreign: String,
    /// `--sessie {id}` names no session in the data folder.
    pub no_session: String,
    /// `--voor-client --format json`: refused.
    pub client_json: String,
    /// Shown by nothing any more: clap refuses an unknown `--thema` itself,
    /// naming the themes. Kept because `ui.toml` must have exactly the
    /// built-in keys, so removing it would turn every trainer's existing
    /// `ui.toml` override into a pack that does not load.
    pub unknown_theme: String,
    /// `inhoud uitpakken`: `{count}` files written to `{path}`.
    pub unpacked: String,
    /// `inhoud uitpakken` into a folder that holds files: refused.
    pub unpack_not_empty: String,
}

/// `--help`, subcommand help and clap's own errors (`src/cli/help.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CliHelpTexts {
    /// Before the usage line ("Gebruik:").
    pub usage: String,
    /// Headings of the option, argument and subcommand lists.
    pub options: String,
    pub arguments: String,
    pub commands: String,
    /// Stand-ins in the usage line for clap's `[OPTIONS]` and `COMMAND`.
    pub options_placeholder: String,
    pub command_placeholder: String,
    /// The `-h` and `-V` flags.
    pub help: String,
    pub version: String,
    /// Below the main help: `{data}` and `{config}` are the folders in use.
    pub folders: String,
    /// In place of a folder when there is no home folder.
    pub no_home: String,
    /// Below an error: `{command}` is the command to ask for help.
    pub more: String,
    /// Clap's errors: `{value}`, `{arg}`, `{values}`, `{suggestion}`,
    /// `{command}`, `{other}`, `{detail}` as each needs.
    pub invalid_value: String,
    pub value_missing: String,
    pub possible: String,
    pub unknown_argument: String,
    /// A word where no argument goes (`{arg}`).
    pub unexpected_argument: String,
    /// A value given to a flag that takes none (`{arg}`, `{value}`).
    pub unexpected_value: String,
    pub unknown_command: String,
    pub did_you_mean: String,
    pub missing: String,
    pub missing_command: String,
    pub conflict: String,
    pub used_twice: String,
    pub other: String,
    /// Placeholders such as `MAP` in this language (`MAP = "DIR"`); a name
    /// not listed is shown as it is.
    pub value_names: std::collections::BTreeMap<String, String>,
    /// The help of each command and option, by its path: `gesprek`,
    /// `notities.export`, `notities.export.format`; the program itself is
    /// `denkcoach`, and an option of it just its id (`data_dir`).
    pub texts: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppTexts {
    pub title: String,
    /// The brochure's title in the header of every screen, without the
    /// word a client should not see there (About has the full one).
    pub header: String,
    pub too_small: String,
    pub crashed: String,
    /// Shown on every screen when the data folder `{path}` can only be read.
    pub read_only_folder: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartTexts {
    pub welcome: String,
    /// The welcome where nothing can be saved (a read-only data folder).
    pub welcome_read_only: String,
    pub client_code_label: String,
    pub client_code_why: String,
    /// The code prompt of a group conversation.
    pub group_code_label: String,
    pub group_code_why: String,
    pub data_folder: String,
    /// Words typed on the start menu, where there is no field for them.
    pub typed_on_menu: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionTexts {
    pub progress: String,
    pub thought_label: String,
    pub tip_label: String,
    /// A step that is the volunteer's own, with the screen turned to the
    /// client.
    pub volunteer_only: String,
    /// Before a worked example under the tip.
    pub example_label: String,
    /// Beside a step's title: `{section}` of the brochure it comes from.
    pub source_brochure: String,
    /// Beside the title of a step that is denkcoach's own.
    pub source_addition: String,
    pub valkuil_label: String,
    pub notes_label: String,
    pub notes_placeholder: String,
    /// The same three, practising alone: one's own words.
    pub own_label: String,
    pub own_placeholder: String,
    pub own_editing: String,
    /// The impression field, practising alone: a note of one's own.
    pub own_note_label: String,
    pub own_note_placeholder: String,
    pub own_note_editing: String,
    pub notes_editing: String,
    /// The volunteer's own field: never shown to the client.
    pub impression_label: String,
    pub impression_placeholder: String,
    pub impression_editing: String,
    pub scale_value: String,
    pub scale_empty: String,
    pub summary_empty: String,
    pub summary_patterns: String,
    pub summary_recognised: String,
    pub summary_belief: String,
    pub summary_routes: String,
    pub previous: String,
    pub previous_step: String,
    pub previous_belief: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteTexts {
    pub phase: String,
    pub heading: String,
    pub done: String,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoneTexts {
    pub phase: String,
    pub title: String,
    pub saved_to: String,
    pub thanks: String,
    /// The same after practising alone.
    pub thanks_self: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuitTexts {
    pub title: String,
    pub body: String,
    /// In a demo that saves nothing: what stopping means there.
    pub body_demo: String,
    /// Saving fails: quitting first writes a copy to the home folder.
    pub body_failed: String,
    pub confirm: String,
    pub cancel: String,
}

/// Names of keys and of what they do, for the footer and the help screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyTexts {
    /// Changing a setting on the settings screen.
    pub change: String,
    pub space: String,
    pub digits: String,
    pub next: String,
    pub back: String,
    pub choose: String,
    /// Home/End/PageUp/PageDown in a list.
    pub jump: String,
    /// Tab from the options or the scale to the note, and back.
    pub to_note: String,
    pub to_choices: String,
    /// Tab between the other person's words and the volunteer's impression.
    pub to_impression: String,
    pub to_words: String,
    pub new_line: String,
    pub clear_rating: String,
    pub undo: String,
    pub redo: String,
    pub redraw: String,
    /// Tab between the search and the client code in the notes.
    pub switch_field: String,
    pub trash: String,
    pub restore: String,
    pub empty_trash: String,
    pub toggle: String,
    pub scale: String,
    pub type_number: String,
    pub scroll: String,
    pub routes: String,
    pub help: String,
    /// Help's label when the footer had no room for every key: it lists
    /// the rest.
    pub more: String,
    pub quit: String,
    pub begin: String,
    pub new_session: String,
    pub close: String,
    pub about: String,
    pub open: String,
    pub search: String,
    pub delete: String,
    pub delete_client: String,
    pub export: String,
    pub export_client: String,
    /// On the closing screen: the client's sheet, to print.
    pub handout: String,
    /// Open the file just written, or not.
    pub open_file: String,
    pub not_now: String,
    /// ←/→ in the export window: the session or all of its client's.
    pub sessions: String,
    pub export_json: String,
    pub resume: String,
    pub confirm: String,
    pub tips: String,
    pub save_demo: String,
    pub add_participant: String,
    pub participant: String,
    pub answer: String,
    pub index: String,
    pub save_elsewhere: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HelpTexts {
    pub title: String,
    pub intro: String,
    /// In a demo that saves nothing.
    pub intro_demo: String,
    /// With a data folder that can only be read.
    pub intro_read_only: String,
    pub browsing: String,
    pub editing: String,
    pub editing_keys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveTexts {
    pub failed: String,
    pub elsewhere: String,
}

/// Messages for problems in a content pack; `{placeholders}` are filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorTexts {
    pub syntax: String,
    pub unknown_key: String,
    pub unknown_key_hint: String,
    pub empty_file: String,
    pub missing_key: String,
    pub invalid: String,
    pub duplicate_id: String,
    pub unknown_reference: String,
    pub what_valkuil: String,
    pub what_route: String,
    pub what_phase: String,
    pub what_option: String,
    pub unreachable: String,
    pub empty_text: String,
    pub schema_too_new: String,
    pub missing_file: String,
    pub not_utf8: String,
    pub unknown_input: String,
    pub unknown_role: String,
    pub duplicate_role: String,
    pub needs_options: String,
    pub unused_options: String,
    pub route_field: String,
    pub pack_invalid: String,
    /// A setting left out (`{key}`, `{expected}`), and the words for what
    /// it expects.
    pub setting_ignored: String,
    pub expected_bool: String,
    pub expected_range: String,
    pub expected_from: String,
    /// After a settings file that is no TOML: none of it is used.
    pub config_unreadable: String,
    /// A settings file that is no plain file, or over 1 MiB: not read.
    pub not_a_file: String,
    pub too_large: String,
}

impl StartTexts {
    /// The welcome; it promises saving only where saving can be done.
    pub fn welcome_text(&self, read_only: bool) -> &str {
        if read_only {
            &self.welcome_read_only
        } else {
            &self.welcome
        }
    }
}
