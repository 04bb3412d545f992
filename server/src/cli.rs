//! The subcommands besides serving: tokens, and imports by someone on the server itself.
//!
//! ```text
//! server                                        serve the site
//! server token create --gemeente GM0114 [--omschrijving TEKST]
//! server token create --provincie [--omschrijving TEKST]
//! server token list
//! server token revoke ID
//! server import --gemeente GM0114 BESTAND [--proef] [--formaat csv|geojson|planmonitor]
//! ```

use crate::error::{Error, Result};
use crate::import::{self, Format};
use crate::store::{Access, Mode};
use crate::{open_store, Settings};

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Serve,
    CreateToken { access: Access, label: String },
    ListTokens,
    RevokeToken(String),
    Import { municipality: String, file: std::path::PathBuf, mode: Mode, format: Option<Format> },
}

fn usage(message: impl std::fmt::Display) -> Error {
    Error::Usage(format!("{message}\n\n{}", USAGE.trim()))
}

const USAGE: &str = "
gebruik:
  server                                            de site serveren
  server token create --gemeente GM0114 [--omschrijving TEKST]
  server token create --provincie [--omschrijving TEKST]
  server token list
  server token revoke ID
  server import --gemeente GM0114 BESTAND [--proef] [--formaat csv|geojson|planmonitor]
";

impl Command {
    pub fn parse(args: &[String]) -> Result<Command> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let value = |flag: &str| -> Result<Option<String>> {
            match args.iter().position(|a| *a == flag) {
                None => Ok(None),
                Some(i) => args
                    .get(i + 1)
                    .filter(|v| !v.starts_with("--"))
                    .map(|v| Some((*v).to_owned()))
                    .ok_or_else(|| usage(format!("{flag} heeft een waarde nodig"))),
            }
        };
        match args.as_slice() {
            [] | ["serve"] => Ok(Command::Serve),
            ["token", "create", ..] => {
                let label = value("--omschrijving")?.unwrap_or_default();
                let access = match (value("--gemeente")?, args.contains(&"--provincie")) {
                    (Some(code), false) => Access::Municipality(code.as_str().into()),
                    (None, true) => Access::Province,
                    _ => return Err(usage("geef --gemeente CODE of --provincie")),
                };
                Ok(Command::CreateToken { access, label })
            }
            ["token", "list"] => Ok(Command::ListTokens),
            ["token", "revoke", id] => Ok(Command::RevokeToken((*id).to_owned())),
            ["import", rest @ ..] => {
                let municipality = value("--gemeente")?.ok_or_else(|| usage("geef --gemeente CODE"))?;
                let format = value("--formaat")?
                    .map(|f| Format::from_name(&f).ok_or_else(|| usage(format!("onbekend formaat '{f}' (bekend: {})", Format::NAMES))))
                    .transpose()?;
                let flags_with_values = ["--gemeente", "--formaat"];
                let is_value = |i: usize| i > 0 && flags_with_values.contains(&rest[i - 1]);
                let mut files = rest.iter().enumerate().filter(|(i, a)| !a.starts_with("--") && !is_value(*i));
                let file = files.next().map(|(_, f)| std::path::PathBuf::from(f)).ok_or_else(|| usage("welk bestand?"))?;
                let mode = if args.contains(&"--proef") { Mode::DryRun } else { Mode::Apply };
                Ok(Command::Import { municipality, file, mode, format })
            }
            _ => Err(usage(format!("onbekende opdracht '{}'", args.join(" ")))),
        }
    }
}

/// Runs a command other than [`Command::Serve`], printing its result.
pub async fn run(command: Command, settings: &Settings) -> Result<()> {
    let (province, store) = open_store(settings).await?;
    let province = std::sync::Arc::new(province);
    let known =
        |code: &str| province.province.find_municipality_or_name(code).map(|m| m.code.clone()).ok_or_else(|| usage(format!("onbekende gemeente '{code}'")));
    match command {
        Command::Serve => unreachable!("serving is main's job"),
        Command::CreateToken { access, label } => {
            let access = match access {
                Access::Municipality(code) => Access::Municipality(known(code.as_str())?),
                Access::Province => Access::Province,
            };
            let token = store.create_token(access, &label).await?;
            let whom = match &token.info.access {
                Access::Municipality(code) => format!("gemeente {} ({code})", province.province.municipality_name(code)),
                Access::Province => "de provincie".to_owned(),
            };
            println!("Token {} voor {whom} aangemaakt. Bewaar het geheim nu; het wordt niet nog eens getoond:\n\n{}\n", token.info.id, token.secret);
        }
        Command::ListTokens => {
            for t in store.tokens().await? {
                let whom = match &t.access {
                    Access::Municipality(code) => code.to_string(),
                    Access::Province => "provincie".to_owned(),
                };
                let state = t.revoked_at.map_or_else(|| "actief".to_owned(), |at| format!("ingetrokken {at}"));
                println!("{}\t{whom}\t{}\t{state}\t{}", t.id, t.created_at, t.label);
            }
        }
        Command::RevokeToken(id) => {
            if !store.revoke_token(&id).await? {
                return Err(Error::NotFound(format!("geen actief token '{id}'")));
            }
            println!("Token {id} ingetrokken.");
        }
        Command::Import { municipality, file, mode, format } => {
            let code = known(&municipality)?;
            let bytes = std::fs::read(&file).map_err(|e| Error::BadRequest { param: "bestand".into(), message: format!("{}: {e}", file.display()) })?;
            let format = format.unwrap_or_else(|| {
                let csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                Format::detect(csv.then_some("text/csv"), &bytes)
            });
            match import::deliver(&store, province.clone(), &code, "cli", format, bytes.into(), mode).await {
                Ok(plan) => {
                    let (a, c, r, u) = (plan.added.len(), plan.changed.len(), plan.removed.len(), plan.unchanged);
                    match mode {
                        Mode::DryRun => println!("Proef, niets opgeslagen: zou {a} toevoegen, {c} wijzigen en {r} verwijderen; {u} ongewijzigd."),
                        Mode::Apply => println!("Opgeslagen: {a} toegevoegd, {c} gewijzigd, {r} verwijderd; {u} ongewijzigd."),
                    }
                }
                Err(Error::Invalid(problems)) => {
                    eprint!("{problems}");
                    for (field, n) in problems.per_field().into_iter().filter(|_| problems.not_shown() > 0) {
                        eprintln!("  {n} in veld '{field}'");
                    }
                    return Err(Error::Invalid(problems));
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command> {
        Command::parse(&line.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
    }

    #[test]
    fn commands() {
        assert_eq!(parse("").unwrap(), Command::Serve);
        assert_eq!(
            parse("token create --gemeente GM0114").unwrap(),
            Command::CreateToken { access: Access::Municipality("GM0114".into()), label: String::new() }
        );
        assert_eq!(parse("token create --provincie --omschrijving team").unwrap(), Command::CreateToken { access: Access::Province, label: "team".into() });
        assert_eq!(parse("token revoke t1234").unwrap(), Command::RevokeToken("t1234".into()));
        assert_eq!(
            parse("import --gemeente GM0114 --proef plannen.csv").unwrap(),
            Command::Import { municipality: "GM0114".into(), file: "plannen.csv".into(), mode: Mode::DryRun, format: None }
        );
        assert_eq!(
            parse("import plannen.json --formaat geojson --gemeente 0114").unwrap(),
            Command::Import { municipality: "0114".into(), file: "plannen.json".into(), mode: Mode::Apply, format: Some(Format::GeoJson) }
        );
        assert!(parse("token create").is_err());
        assert!(parse("token create --gemeente").is_err());
        assert!(parse("import --gemeente GM0114").is_err());
        assert!(parse("opruimen").is_err());
    }
}
