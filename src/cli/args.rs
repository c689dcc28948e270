//! The command line's shape: flags, subcommands and their values. Fixed
//! sets of values are `ValueEnum`s, so clap refuses anything else before the
//! program starts, naming the values that work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::ui::Theme;

use super::{CONFIG_ENV, DATA_ENV};

/// denkcoach – a calm guide beside a conversation, after Movisie's
/// "Spelen met gedachten" (© Movisie).
///
/// The help shown to users comes from the pack (`[cli_help]` in `ui.toml`,
/// applied by `help::localise`); these comments are for developers and the
/// fallback for a pack that lacks a text. Aliases are hidden here and named
/// once, in the pack's text.
#[derive(Debug, Parser)]
#[command(version, about)]
pub(super) struct Cli {
    /// Folder for session notes (default: see below).
    #[arg(long, value_name = "MAP", env = DATA_ENV, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Language: nl (default) or en; otherwise taken from LC_ALL / LANG.
    // Case ignored, as before the values were fixed: `--lang EN` still works.
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_name = "TAAL",
        global = true
    )]
    pub lang: Option<Lang>,
    /// Folder whose files replace the built-in content file by file.
    #[arg(long = "inhoud", alias = "content", value_name = "MAP", global = true)]
    pub content: Option<PathBuf>,
    /// Colours: standaard, hoog-contrast or monochroom (default,
    /// high-contrast, monochrome). NO_COLOR always means monochrome.
    #[arg(
        long = "thema",
        alias = "theme",
        value_enum,
        ignore_case = true,
        value_name = "THEMA",
        global = true
    )]
    pub theme: Option<ThemeChoice>,
    /// No full screen: numbered questions and answers line by line, for
    /// screen readers and input from a file.
    #[arg(long = "eenvoudig", alias = "plain", global = true)]
    pub plain: bool,
    /// Folder for settings and content overrides (default: see below).
    #[arg(long, value_name = "MAP", env = CONFIG_ENV, global = true)]
    pub config_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// A conversation beside a client.
    #[command(name = "gesprek", alias = "session")]
    Gesprek,
    /// A trainer's demo: the introduction, every technique, example cases;
    /// nothing is saved unless asked.
    Demo,
    /// Practising alone on your own thoughts.
    #[command(name = "oefenen", alias = "practice")]
    Oefenen,
    /// Open the notes: history, export, delete.
    #[command(name = "notities", alias = "notes")]
    Notes {
        #[command(subcommand)]
        action: Option<NotesCommand>,
    },
    /// Work with the content pack.
    #[command(name = "inhoud", alias = "content")]
    Content {
        #[command(subcommand)]
        action: ContentCommand,
    },
    /// What is kept about clients, where, for how long, who can read it,
    /// and how to answer a request for access or deletion (AVG/GDPR).
    Privacy,
    /// Encrypt the data folder with a passphrase; `wijzig` changes it,
    /// `uit` decrypts, `lees` shows one encrypted file.
    #[command(name = "beveilig", alias = "secure")]
    Secure {
        #[command(subcommand)]
        action: Option<SecureCommand>,
    },
    /// Print shell completions for bash, zsh, fish, powershell or elvish.
    #[command(name = "aanvulling", alias = "completions")]
    Completions {
        #[arg(value_enum, ignore_case = true, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `denkcoach handleiding > denkcoach.1`.
    #[command(name = "handleiding", alias = "man")]
    Manual,
}

#[derive(Debug, Subcommand)]
pub(super) enum SecureCommand {
    /// Change the passphrase (the notes stay as they are).
    #[command(name = "wijzig", alias = "change")]
    Change,
    /// Decrypt every note and stop asking for a passphrase.
    #[command(name = "uit", alias = "off")]
    Off,
    /// Show one encrypted file of the data folder (an export, a session)
    /// decrypted on standard output.
    #[command(name = "lees", alias = "read")]
    Read {
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum NotesCommand {
    /// Write sessions as Markdown or JSON (to standard output without --output).
    #[command(group = clap::ArgGroup::new("one_client").args(["client", "session"]))]
    Export {
        /// Only the sessions of this client code.
        #[arg(long = "client", alias = "cliënt", value_name = "CODE")]
        client: Option<String>,
        /// Only this session (its id: the file name without .json).
        #[arg(long = "sessie", alias = "session", value_name = "ID")]
        session: Option<String>,
        /// Markdown (to read), HTML (to print on A4) or JSON (for other programs).
        #[arg(
            long,
            value_enum,
            ignore_case = true,
            value_name = "md|html|json",
            default_value_t = Format::Md
        )]
        format: Format,
        /// Markdown for the client to take home, without the volunteer's
        /// labels: of one client, so --client or --sessie is needed.
        #[arg(long = "voor-client", alias = "for-client", requires = "one_client")]
        for_client: bool,
        /// File to write (private to your user; in an encrypted data
        /// folder it is encrypted, and named .age).
        #[arg(long, value_name = "BESTAND")]
        output: Option<PathBuf>,
        /// In an encrypted data folder: write it readable, unencrypted
        ///.
        #[arg(long = "onversleuteld", alias = "unencrypted")]
        unencrypted: bool,
    },
    /// Everything kept about one client, for their right of access: all
    /// sessions (also those in the trash), both voices, as HTML and JSON
    ///.
    #[command(name = "inzage", alias = "access")]
    Access {
        /// The client's code.
        #[arg(long = "client", alias = "cliënt", value_name = "CODE")]
        client: String,
        /// Folder to write to (default: `export/` in the data folder).
        #[arg(long = "uit", alias = "out", value_name = "MAP")]
        out: Option<PathBuf>,
        /// In an encrypted data folder: write it readable, unencrypted, to
        /// hand to the client.
        #[arg(long = "onversleuteld", alias = "unencrypted")]
        unencrypted: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum ContentCommand {
    /// Check a pack and list every problem as file:line:column.
    #[command(name = "controleer", alias = "check")]
    Check {
        /// A pack folder (with pakket.toml), or a folder of replacement files;
        /// without it, the pack in use.
        #[arg(value_name = "MAP")]
        dir: Option<PathBuf>,
    },
    /// Write the printable pocket card as Markdown and HTML.
    #[command(name = "kaart", alias = "card")]
    Card {
        /// Folder to write to (default: the current folder).
        #[arg(long = "uit", alias = "out", value_name = "MAP")]
        out: Option<PathBuf>,
    },
    /// Write the built-in pack to a folder, to start editing from.
    #[command(name = "uitpakken", alias = "unpack")]
    Unpack {
        /// The folder to write to (new or empty).
        #[arg(value_name = "MAP")]
        dir: PathBuf,
    },
}

/// The languages the program carries a pack for (the folders of `content/`;
/// a test keeps the two lists equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Lang {
    Nl,
    En,
}

// The language itself is read before the command line is parsed (its help
// is in that language: `flag_value` in mod.rs); clap checks the value.
#[cfg(test)]
impl Lang {
    /// The language code, as the pack folders and `choose_language` use it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// What `notities export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Md,
    // No doc comments here: they would be the completions' English
    // descriptions of the values (the pack's help names them instead).
    Html,
    Json,
}

/// The theme asked for, by its Dutch name or its English one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ThemeChoice {
    #[value(name = "standaard", alias = "default")]
    Standard,
    #[value(name = "hoog-contrast", alias = "high-contrast")]
    HighContrast,
    #[value(name = "monochroom", alias = "monochrome")]
    Monochrome,
}

impl ThemeChoice {
    /// The theme itself, before NO_COLOR has its say (`Theme::for_choice`).
    pub fn theme(self) -> Theme {
        match self {
            ThemeChoice::Standard => Theme::colour(),
            ThemeChoice::HighContrast => Theme::high_contrast(),
            ThemeChoice::Monochrome => Theme::monochrome(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("denkcoach").chain(args.iter().copied()))
    }

    #[test]
    fn the_shape_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_language_with_a_pack_can_be_chosen_and_no_other() {
        let mut offered: Vec<String> = Lang::value_variants()
            .iter()
            .map(|l| l.code().to_string())
            .collect();
        let mut carried = crate::content::builtin_languages();
        offered.sort();
        carried.sort();
        assert_eq!(offered, carried);
        for lang in Lang::value_variants() {
            let name = lang.to_possible_value().map(|v| v.get_name().to_string());
            assert_eq!(name.as_deref(), Some(lang.code()));
        }
    }

    #[test]
    fn themes_answer_to_both_names_in_any_case() {
        for (given, expected) in [
            ("standaard", ThemeChoice::Standard),
            ("default", ThemeChoice::Standard),
            ("hoog-contrast", ThemeChoice::HighContrast),
            ("High-Contrast", ThemeChoice::HighContrast),
            ("monochroom", ThemeChoice::Monochrome),
            ("monochrome", ThemeChoice::Monochrome),
        ] {
            let cli = parse(&["--thema", given]).expect("a theme name parses");
            assert_eq!(cli.theme, Some(expected), "{given}");
        }
        assert!(parse(&["--theme", "paars"]).is_err());
    }

    #[test]
    fn export_writes_markdown_unless_told_otherwise() {
        let format = |args: &[&str]| match parse(args).expect("parses").command {
            Some(Command::Notes {
                action: Some(NotesCommand::Export { format, .. }),
            }) => format,
            other => panic!("not an export: {other:?}"),
        };
        assert_eq!(format(&["notities", "export"]), Format::Md);
        assert_eq!(
            format(&["notes", "export", "--format", "JSON"]),
            Format::Json
        );
    }
}
