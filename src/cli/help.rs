//! `--help`, subcommand help and clap's own errors in the pack's language.
//! The command's shape stays in `args.rs` (derive); this walks the built
//! command and replaces every text clap would show in English – headings,
//! the usage line, each command's and option's help – with the pack's
//! `[cli_help]`, and renders clap's errors from their parts.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::content::{CliHelpTexts, fill};

/// Help and version close the list of options, below the program's own.
const LAST: usize = 1000;

/// The command as the user will see it in `t`'s language; `after` goes
/// below the main help (the folders in use).
pub(super) fn localise(cmd: Command, t: &CliHelpTexts, after: String) -> Command {
    let mut cmd = localise_one(cmd, "", t, &after)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t.version.clone())
                .help_heading(t.options.clone())
                .display_order(LAST),
        );
    // Subcommands learn their full name ("denkcoach notities export") when
    // built; only then can their usage lines be written.
    cmd.build();
    usage_lines(&mut cmd, t);
    cmd
}

/// The pack's key of an option or subcommand `name` of the command at
/// `path` ("notities.export" + "format"); the program's options are keyed
/// by their name alone.
fn key(path: &str, name: &str) -> String {
    match path {
        "" => name.to_string(),
        _ => format!("{path}.{name}"),
    }
}

/// The pack's key of the command at `path` itself.
fn about_key(path: &str) -> &str {
    if path.is_empty() { "denkcoach" } else { path }
}

/// One command and, below it, its subcommands; `after` (the folders in
/// use) under each one's help, as their options refer to it.
fn localise_one(mut cmd: Command, path: &str, t: &CliHelpTexts, after: &str) -> Command {
    let key = |name: &str| key(path, name);
    if let Some(about) = t.texts.get(about_key(path)) {
        cmd = cmd.about(about.clone()).long_about(None);
    }
    cmd = cmd
        .after_help(after.to_string())
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(t.commands.clone())
        .subcommand_value_name(t.command_placeholder.clone())
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            t.usage
        ));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = t.texts.get(&key(&id)).cloned();
        cmd = cmd.mut_arg(id, |a| arg(a, text, t));
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t.help.clone())
            .help_heading(t.options.clone())
            .display_order(LAST),
    );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = key(&name);
        cmd = cmd.mut_subcommand(name, |s| localise_one(s, &sub_path, t, after));
    }
    cmd
}

/// One option or argument: its help from the pack, a heading in the
/// pack's words, and none of clap's English brackets ("[possible values:
/// …]", "[default: …]", "[env: …]") – the pack's text names those itself.
fn arg(mut a: Arg, text: Option<String>, t: &CliHelpTexts) -> Arg {
    let heading = if a.is_positional() {
        &t.arguments
    } else {
        &t.options
    };
    let names: Option<Vec<String>> = a.get_value_names().map(|names| {
        names
            .iter()
            .map(|n| {
                t.value_names
                    .get(n.as_str())
                    .unwrap_or(&n.to_string())
                    .clone()
            })
            .collect()
    });
    if let Some(names) = names {
        a = a.value_names(names);
    }
    if a.get_action().takes_values() {
        a = a.hide_possible_values(true).hide_default_value(true);
    }
    a = a.hide_env(true).help_heading(heading.clone());
    match text {
        Some(text) => a.help(text).long_help(None),
        None => a,
    }
}

/// "denkcoach notities export [OPTIES]": clap's usage line with its
/// English stand-ins replaced.
fn usage_lines(cmd: &mut Command, t: &CliHelpTexts) {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .split_once(':')
        .map_or(usage.as_str(), |(_, rest)| rest)
        .trim()
        .replace("[OPTIONS]", &t.options_placeholder);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        usage_lines(sub, t);
    }
}

/// Clap's error in the pack's words: what was wrong, what would have been
/// right, and where to find help. Help and version requests are no errors
/// and are printed by clap itself (already translated).
pub(super) fn describe(e: &clap::Error, t: &CliHelpTexts, bin: &str) -> Option<String> {
    let get = |kind: ContextKind| e.get(kind).map(text_of).filter(|s| !s.is_empty());
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let mut said = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            match get(ContextKind::InvalidValue) {
                Some(value) => fill(&t.invalid_value, &[("value", &value), ("arg", &arg)]),
                None => fill(&t.value_missing, &[("arg", &arg)]),
            }
        }
        // A word where no argument goes is no option: said as such.
        ErrorKind::UnknownArgument if !arg.starts_with('-') => {
            fill(&t.unexpected_argument, &[("arg", &arg)])
        }
        ErrorKind::UnknownArgument => fill(&t.unknown_argument, &[("arg", &arg)]),
        ErrorKind::TooManyValues => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            fill(&t.unexpected_value, &[("value", &value), ("arg", &arg)])
        }
        ErrorKind::InvalidSubcommand => {
            let command = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            fill(&t.unknown_command, &[("command", &command)])
        }
        ErrorKind::MissingRequiredArgument => fill(&t.missing, &[("arg", &arg)]),
        ErrorKind::MissingSubcommand => {
            let values = get(ContextKind::ValidSubcommand).unwrap_or_default();
            fill(&t.missing_command, &[("values", &values)])
        }
        // Clap says "given twice" as a conflict without another argument.
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(other) if other != arg => fill(&t.conflict, &[("arg", &arg), ("other", &other)]),
            _ => fill(&t.used_twice, &[("arg", &arg)]),
        },
        _ => {
            // Rare kinds (wrong number of values, invalid UTF-8): clap's
            // own first line, after the pack's sentence.
            let rendered = e.render().to_string();
            let detail = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error:")
                .trim()
                .to_string();
            fill(&t.other, &[("detail", &detail)])
        }
    };
    if let Some(values) = get(ContextKind::ValidValue) {
        said = format!("{said} {}", fill(&t.possible, &[("values", &values)]));
    }
    let suggestion = get(ContextKind::SuggestedArg)
        .or_else(|| get(ContextKind::SuggestedSubcommand))
        .or_else(|| get(ContextKind::SuggestedValue));
    if let Some(suggestion) = suggestion {
        said = format!(
            "{said} {}",
            fill(&t.did_you_mean, &[("suggestion", &suggestion)])
        );
    }
    Some(format!("{said}\n{}", fill(&t.more, &[("command", bin)])))
}

fn text_of(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(_) | ContextValue::None => String::new(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The pack keys of every command and option, as `localise` looks
    /// them up.
    fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(about_key(path).to_string());
        for arg in cmd.get_arguments() {
            out.push(key(path, arg.get_id().as_str()));
        }
        for sub in cmd.get_subcommands() {
            keys(sub, &key(path, sub.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_help_in_every_language_and_none_is_left_over() {
        let mut wanted = Vec::new();
        keys(&super::super::args::Cli::command(), "", &mut wanted);
        wanted.sort();
        for lang in crate::content::builtin_languages() {
            let ui = crate::content::builtin_ui(&lang).expect("the built-in texts");
            let given: Vec<String> = ui.cli_help.texts.keys().cloned().collect();
            assert_eq!(given, wanted, "[cli_help.texts] of {lang}");
        }
    }

    #[test]
    fn errors_are_told_in_the_pack_language_with_what_would_be_right() {
        let ui = crate::content::builtin_ui("nl").expect("the built-in texts");
        let t = &ui.cli_help;
        let mut cmd = localise(super::super::args::Cli::command(), t, String::new());
        let said = |cmd: &mut Command, args: &[&str]| {
            let e = cmd
                .try_get_matches_from_mut(std::iter::once("denkcoach").chain(args.iter().copied()))
                .expect_err("refused");
            describe(&e, t, "denkcoach").expect("an error, not help")
        };
        let stray = said(&mut cmd, &["gesprek", "extra"]);
        assert!(stray.starts_with("‘extra’ hoort hier niet"), "{stray}");
        let flag = said(&mut cmd, &["--eenvoudig=ja"]);
        assert!(flag.starts_with("--eenvoudig neemt geen waarde"), "{flag}");
        let theme = said(&mut cmd, &["--thema", "paars"]);
        assert!(
            theme.starts_with("‘paars’ is geen geldige waarde voor --thema"),
            "{theme}"
        );
        assert!(
            theme.contains("Mogelijk: standaard, hoog-contrast, monochroom."),
            "{theme}"
        );
        let typo = said(&mut cmd, &["notities", "exprt"]);
        assert!(
            typo.contains("‘exprt’ bestaat niet. Bedoel je ‘export’?"),
            "{typo}"
        );
        let twice = said(&mut cmd, &["--lang", "nl", "--lang", "en"]);
        assert!(twice.contains("mag maar één keer"), "{twice}");
        assert!(twice.ends_with("Meer hulp: denkcoach --help"), "{twice}");
        let help = cmd
            .try_get_matches_from_mut(["denkcoach", "--help"])
            .expect_err("help is shown by clap");
        assert!(describe(&help, t, "denkcoach").is_none());
    }
}
