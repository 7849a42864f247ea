//! `server export-directory FILE` and `server import-directory FILE`: the directory's CSV from
//! the command line, with the same rules as in the browser.

use crate::config::{ExportArgs, ImportArgs, SeparatorArg};
use anyhow::{Context, bail};
use app::entries::Separator;
use app::i18n::Lang;
use sqlx::SqlitePool;

pub async fn export(pool: &SqlitePool, args: &ExportArgs) -> anyhow::Result<()> {
    let separator = match args.separator {
        SeparatorArg::Semicolon => Separator::Semicolon,
        SeparatorArg::Comma => Separator::Comma,
    };
    let file = app::entries::export(pool, separator)
        .await
        .map_err(|e| anyhow::anyhow!("exporting the directory: {e}"))?;
    std::fs::write(&args.file, &file)
        .with_context(|| format!("writing {}", args.file.display()))?;
    println!("Wrote {} ({} bytes).", args.file.display(), file.len());
    Ok(())
}

pub async fn import(pool: &SqlitePool, args: &ImportArgs) -> anyhow::Result<()> {
    let file =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let vocabulary = app::platform::vocabulary::Vocabulary::load(pool)
        .await
        .context("reading the vocabulary")?;
    let plan = app::entries::plan_import(pool, &vocabulary, &file)
        .await
        .map_err(|e| anyhow::anyhow!("reading the directory: {e}"))?;
    println!(
        "{}: {} new, {} updated, {} unchanged, {} problems.",
        args.file.display(),
        plan.new.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.problems.len()
    );
    let texts = Lang::En.texts();
    for problem in &plan.problems {
        let column = match problem.column.as_str() {
            "" => String::new(),
            column => format!(", column {column}"),
        };
        let value = match problem.value.as_str() {
            "" => String::new(),
            value => format!(" ({value})"),
        };
        println!(
            "line {}{column}: {}{value}",
            problem.line,
            texts.problem(problem.problem)
        );
    }
    if !plan.problems.is_empty() {
        bail!("nothing was imported: correct the problems above and run again");
    }
    if args.dry_run {
        println!("Dry run: nothing written.");
        return Ok(());
    }
    let (new, updated) =
        app::entries::commit(pool, &plan, app::platform::audit::Actor::COMMAND_LINE)
            .await
            .map_err(|e| anyhow::anyhow!("importing the directory (nothing was written): {e}"))?;
    println!("Imported: {new} new, {updated} updated.");
    Ok(())
}
