//! The output formats of the commands: one enum for all, each command
//! accepting the formats it can write.
//!
//! The human-readable format is called `table` everywhere; `text` is
//! accepted as a hidden alias, because `check`, `explain`, `paths` and
//! `simulate` called it that before.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// An output format of a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Tables and sentences for a person (the default).
    Table,
    /// JSON (exact numbers and strings).
    Json,
    /// CSV for a spreadsheet.
    Csv,
    /// Markdown for a wiki.
    Markdown,
}

impl Format {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
        }
    }

    fn possible(self) -> PossibleValue {
        let v = PossibleValue::new(self.name()).help(match self {
            Format::Table => "tables and sentences for a person",
            Format::Json => "JSON with every number and string as computed",
            Format::Csv => "CSV for a spreadsheet",
            Format::Markdown => "Markdown for a wiki",
        });
        match self {
            Format::Table => v.alias("text"),
            Format::Markdown => v.alias("md"),
            _ => v,
        }
    }

    fn from_name(name: String) -> Format {
        match name.as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            // `table` and its alias `text` (the parser accepts nothing else).
            _ => Format::Table,
        }
    }

    /// A value parser that accepts the given formats (and `text` for `table`).
    pub fn parser(allowed: &[Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(allowed.iter().map(|f| f.possible())).map(Format::from_name)
    }
}

/// `table` or `json`: what most commands write.
pub const TABLE_JSON: &[Format] = &[Format::Table, Format::Json];

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
        format: Format,
    }

    #[test]
    fn table_is_the_name_text_its_alias_and_others_are_refused() {
        let f = |args: &[&str]| Cli::try_parse_from(args).map(|c| c.format);
        assert_eq!(f(&["x"]).ok(), Some(Format::Table));
        assert_eq!(f(&["x", "--format", "text"]).ok(), Some(Format::Table));
        assert_eq!(f(&["x", "--format", "json"]).ok(), Some(Format::Json));
        assert!(f(&["x", "--format", "csv"]).is_err());
    }
}
