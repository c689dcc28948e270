//! Client codes, not names: a gentle check of what was typed as a code.

/// What a typed code looks like, when it looks like something personal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeWarning {
    Email,
    Phone,
    Name,
}

pub fn code_warning(code: &str) -> Option<CodeWarning> {
    let code = code.trim();
    if let Some((user, domain)) = code.split_once('@')
        && !user.is_empty()
        && domain.contains('.')
    {
        return Some(CodeWarning::Email);
    }
    let digits = code.chars().filter(char::is_ascii_digit).count();
    let phone_like = code
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if digits >= 8 && phone_like {
        return Some(CodeWarning::Phone);
    }
    // Two or more words of letters, at least two of them capitalised, like
    // "Jan Jansen" or "Marie de Vries".
    let words: Vec<&str> = code.split_whitespace().collect();
    let all_letters = words.iter().all(|w| {
        w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    });
    let capitalised = words
        .iter()
        .filter(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && chars.all(|c| !c.is_uppercase())
        })
        .count();
    if words.len() >= 2 && all_letters && capitalised >= 2 {
        return Some(CodeWarning::Name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pass_and_personal_data_is_noticed() {
        for ok in ["K7", "k7", "Groep 3", "AB-12", "", "Dinsdag", "3x"] {
            assert_eq!(code_warning(ok), None, "{ok}");
        }
        assert_eq!(code_warning("jan@example.nl"), Some(CodeWarning::Email));
        assert_eq!(code_warning("06-12345678"), Some(CodeWarning::Phone));
        assert_eq!(code_warning("+31 6 1234 5678"), Some(CodeWarning::Phone));
        assert_eq!(code_warning("Jan Jansen"), Some(CodeWarning::Name));
        assert_eq!(code_warning("Marie de Vries"), Some(CodeWarning::Name));
    }
}
