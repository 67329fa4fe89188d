"""The ``jixiao`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ReadError

EXIT_FAILED_FILES = 1  # some files could not be extracted (see the errors table)
EXIT_INTERRUPTED = 130  # Ctrl-C: committed reports are kept, a re-run finishes


@click.group()
@click.version_option(__version__, prog_name="jixiao")
def cli() -> None:
    """jixiao (绩效): budget-performance reports → one auditable SQLite database.

    \b
      jixiao extract corpus/ --db reports.db    extract a folder (recursively)
      jixiao extract report.pdf --json          print one report as JSON
      jixiao audit reports.db                   recompute stated figures, compare reports
      jixiao summary reports.db                 what the database holds
      jixiao serve reports.db                   browse it (Datasette on 127.0.0.1)
      jixiao export reports.db --xlsx r.xlsx    findings and tables in Excel (--letters DIR)
      jixiao review reports.db                  confirm or dismiss findings
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file to store into.")
@click.option("--json", "as_json", is_flag=True, help="Print one report as contract JSON.")
@click.option(
    "--jsonl",
    "as_jsonl",
    is_flag=True,
    help="Print every file as one contract JSON line (a failed file: its error).",
)
@click.option("--force", is_flag=True, help="Re-extract files already in the database.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no per-file lines (cron).")
@click.option("-v", "--verbose", is_flag=True, help="One line per file.")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (default: one per core; 0: in this process).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=600.0,
    show_default=True,
    help="Seconds one file may take before it is stopped and recorded (0: no limit).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="Run the files on this Dask distributed scheduler's workers.",
)
@click.option("--commit-every", type=click.IntRange(min=1), default=64, hidden=True)
def extract(paths: tuple[str, ...], db_path: str | None, as_json: bool, as_jsonl: bool,
            force: bool, quiet: bool, verbose: bool, workers: int | None, timeout: float,
            scheduler: str | None, commit_every: int):  # fmt: skip
    """Extract reports (files or folders) into --db, or one file as --json.

    Formats are sniffed from the bytes: .txt (UTF-8/16, GB18030), .docx, .pdf, .xlsx/.xls, and
    with LibreOffice installed .doc/.wps/.rtf/HTML (docs/formats.md).

    Files run in parallel (one worker process per core); files already in the database with the
    same bytes are skipped. Ctrl-C stops cleanly: committed reports stay, a re-run finishes.

    Exit status: 0 when every file was extracted or skipped, 1 when any file failed (each
    failure is a row in the errors table and a line on stderr), 2 for a usage error, 130 when
    interrupted.
    """
    if as_json:
        _extract_json(paths)
        return
    if as_jsonl:
        from .jsonl import write_jsonl

        opts = {"workers": workers, "timeout": timeout or None, "scheduler": scheduler}
        if write_jsonl(list(paths), click.echo, **opts):
            sys.exit(EXIT_FAILED_FILES)
        return
    if not db_path:
        raise click.UsageError("give --db FILE to store into, or --json for one file")
    from .batch import extract_to_db
    from .progress import Progress, summary_text

    progress = Progress(quiet=quiet, verbose=verbose)
    try:
        summary = extract_to_db(
            list(paths), db_path, force=force, on_file=progress.file, on_start=progress.start,
            workers=workers, timeout=timeout, scheduler=scheduler, commit_every=commit_every,
        )  # fmt: skip
    except ReadError as e:
        raise click.ClickException(str(e)) from e
    finally:
        progress.close()
    for path, kind, message in summary.failures:
        click.echo(f"error: {path}: {message} [{kind}]", err=True)
    click.echo(summary_text(summary, db_path))
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.failed:
        sys.exit(EXIT_FAILED_FILES)


def _extract_json(paths: tuple[str, ...]) -> None:
    if len(paths) != 1 or Path(paths[0]).is_dir():
        raise click.UsageError("--json takes exactly one file")
    from .pipeline import extract_file

    try:
        result = extract_file(paths[0])
    except ReadError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_FAILED_FILES)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--reports", is_flag=True, help="Also one line per report.")
def summary(db_path: str, reports: bool) -> None:
    """Print what a database holds, on one screen: rows per table, reports by type, findings,
    the reports with the most errors and the commands that show the rest."""
    from .store import open_db
    from .summary import summary_lines

    for line in summary_lines(open_db(db_path), reports, db_path, _program()):
        click.echo(line)


def _program() -> str:
    """How to run jixiao again, as this process was started (``.venv/bin/jixiao`` by make)."""
    import shutil

    argv0 = Path(sys.argv[0])
    on_path = shutil.which("jixiao")
    if argv0.name != "jixiao" or (on_path and Path(on_path).resolve() == argv0.resolve()):
        return "jixiao"
    try:
        return str(argv0.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(argv0) if argv0.is_absolute() else "jixiao"


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--convention", default=None, help="patterns/conventions/NAME.toml to apply.")
@click.option("-v", "--verbose", is_flag=True, help="Print info findings too.")
def audit(db_path: str, convention: str | None, verbose: bool) -> None:
    """Recompute the findings of every report in DB and print a per-report summary.

    Exit status: 0 when no report has an error-level finding, 3 when some report has one
    (docs/audit.md), 2 for a usage error such as an unknown convention.
    """
    from collections import Counter

    from .audit import conventions
    from .audit.command import EXIT_ERRORS_FOUND, audit_db

    try:
        conv = conventions.load(convention)
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    audits = audit_db(db_path, conv["name"])
    for a in audits:
        c = a.counts
        click.echo(f"{c['error']} error, {c['warning']} warning, {c['info']} info  {a.path}")
        for f in a.findings:
            if verbose or f["severity"] != "info":
                click.echo(f"    {f['severity']:<7} {f['rule']:<22} {f['subject']}: {f['message']}")
    total = sum((a.counts for a in audits), start=Counter())
    bad = sum(1 for a in audits if a.counts["error"])
    click.echo(
        f"{len(audits)} report(s) audited with convention {conv['name']}: {total['error']} error, "
        f"{total['warning']} warning, {total['info']} info; {bad} report(s) with errors"
    )
    if bad:
        sys.exit(EXIT_ERRORS_FOUND)


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("-p", "--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
def serve(db_path: str, port: int) -> None:
    """Browse a database in Datasette on 127.0.0.1 (read-only; builds the search index first)."""
    from .serve import serve as run

    run(db_path, port=port)


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="Workbook to write.")
@click.option(
    "--letters",
    "letters_dir",
    type=click.Path(file_okay=False),
    help="Folder for one .docx letter per report with errors or warnings.",
)
@click.option(
    "--base-url",
    "--link",
    "base_url",
    help="Datasette address (http://127.0.0.1:8001) to link passages to.",
)
def export(db_path: str, xlsx_path: str | None, letters_dir: str | None,
           base_url: str | None) -> None:  # fmt: skip
    """Write the findings for people: an Excel workbook (--xlsx) and letters to units (--letters).

    The workbook's 审核发现 sheet lists every finding not dismissed (jixiao review) with its unit,
    year, file, Chinese rule name and the quoted passage; one sheet per table follows. A letter
    (docs/review.md) quotes each error and warning of one report for its unit to correct.
    """
    if not xlsx_path and not letters_dir:
        raise click.UsageError("give --xlsx FILE, --letters DIR or both")
    if xlsx_path:
        from .export import export_xlsx

        written = export_xlsx(db_path, xlsx_path, base_url=base_url)
        click.echo(", ".join(f"{sheet} {n}" for sheet, n in written.items()) + f" → {xlsx_path}")
    if letters_dir:
        from .letters import write_letters

        files = write_letters(db_path, letters_dir)
        click.echo(f"{len(files)} letter(s) → {letters_dir}")


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--confirm",
    "confirm_keys",
    multiple=True,
    metavar="KEY",
    help="Mark a finding checked and confirmed (repeatable).",
)
@click.option(
    "--dismiss",
    "dismiss_keys",
    multiple=True,
    metavar="KEY",
    help="Mark a finding a false alarm; give the reason with --note (repeatable).",
)
@click.option(
    "--reopen", "reopen_keys", multiple=True, metavar="KEY", help="Clear a finding's mark."
)
@click.option("--note", default="", help="Why: kept with the mark.")
@click.option("--by", "reviewer", envvar="USER", default="", help="Reviewer's name ($USER).")
@click.option(
    "--status",
    type=click.Choice(["open", "confirmed", "dismissed", "all"]),
    default="open",
    show_default=True,
    help="Which findings to list.",
)
@click.option("-a", "--all-severities", is_flag=True, help="List info findings too.")
def review(db_path: str, confirm_keys: tuple[str, ...], dismiss_keys: tuple[str, ...],
           reopen_keys: tuple[str, ...], note: str, reviewer: str, status: str,
           all_severities: bool) -> None:  # fmt: skip
    """List findings with their keys, or confirm / dismiss / reopen findings by key.

    \b
      jixiao review reports.db                       open errors and warnings, with keys
      jixiao review reports.db --dismiss 3f2a9c --note "口径不同" --by 王审
      jixiao review reports.db --status dismissed    what was dismissed, by whom, why

    Marks are kept in DB's reviews file (reports.db → reports-reviews.db) by a key that survives
    jixiao extract --force and jixiao audit; dismissed findings leave the exports and letters.
    """
    from .labels import rule_name, severity_name, status_name
    from .review import ReviewError, findings_with_marks, mark

    todo = [(k, "confirmed") for k in confirm_keys] + [(k, "dismissed") for k in dismiss_keys]
    todo += [(k, "open") for k in reopen_keys]
    if todo:
        if any(s == "dismissed" for _, s in todo) and not note:
            raise click.UsageError("say why a finding is dismissed: --note TEXT")
        for key, new in todo:
            try:
                m = mark(db_path, key, new, reviewer, note)
            except ReviewError as e:
                raise click.ClickException(str(e)) from e
            click.echo(f"{m['key']}  {status_name(new)}  {rule_name(m['rule'])} {m['subject']}")
        return
    severities = () if all_severities else ("error", "warning")
    rows = findings_with_marks(db_path, None if status == "all" else status, severities)
    for r in rows:
        click.echo(
            f"{r['key']}  {severity_name(r['severity'])}  {status_name(r['status'])}  "
            f"{r['department'] or Path(r['path']).name} {r['fiscal_year'] or ''}  "
            f"{rule_name(r['rule'])}  {r['subject']}: {r['message']}"
        )
        if r["status"] != "open":
            click.echo(f"    {r['reviewer'] or ''}: {r['note'] or ''}")
    click.echo(f"{len(rows)} finding(s) {status_name(status) if status != 'all' else ''}".rstrip())


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--verbose", "verbose", metavar="FILE", help="Print the field-level diff of one report."
)
@click.option("--workers", default=2, show_default=True, help="Processes to extract with.")
@click.option(
    "--by",
    type=click.Choice(["shape", "kind", "artifacts"]),
    default="shape",
    show_default=True,
    help="Real reports: group the table by the truth's shape, kind or artifacts.",
)
def evaluate(
    paths: tuple[str, ...], as_json: bool, verbose: str | None, workers: int, by: str
) -> None:
    """Score extraction against truth files: precision, recall and F1 per field family.

    Each report <stem>.<ext> under PATHS with a <stem>.truth.json beside it is extracted and
    compared (docs/corpus.md). A folder with a truth.json of planted cross-report cases
    (corpus/cross) is extracted and audited, and the cross-report checks scored: recall of the
    planted cases, false alarms among cross warnings and errors. With --verbose FILE, only that
    report's diff is printed.

    A folder of real reports with hand-made truth in the shared format (each truth names its
    text with "file" and says its "kind"/"shape") is scored fact by fact: recall per family,
    indicator precision, a table by shape (--by), and error-level findings on files whose truth
    expects none. With --json, every file's row (what it missed) is printed too.
    """
    from . import evaluate_run as ev
    from .evaluate_real import evaluate_real, find_real_pairs, format_real, summary

    if paths and not verbose and find_real_pairs(paths):
        rows = evaluate_real(paths, workers=workers)
        s = summary(rows, by=by)
        if as_json:
            click.echo(json.dumps({**s, "rows": rows}, ensure_ascii=False, indent=1))
        else:
            click.echo(format_real(s))
        return

    if verbose:
        truth_file = ev.truth_path_for(Path(verbose))
        if not truth_file.exists():
            raise click.ClickException(f"{verbose}: no truth file {truth_file.name} beside it")
        click.echo(ev.format_diff(ev.evaluate_file(verbose, truth_file)))
        return
    if not paths:
        raise click.UsageError("give a folder (or files) to evaluate, or --verbose FILE")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise click.ClickException(f"{missing[0]}: no such file or folder")
    from .evaluate_cross import evaluate_cross, find_cross_sets, format_cross

    scores = ev.evaluate(paths, workers=workers)
    cross_sets = find_cross_sets(list(paths))
    if not scores and not cross_sets:
        raise click.ClickException(
            "no report with a <stem>.truth.json beside it under " + ", ".join(paths)
        )
    s = ev.summary(scores) if scores else {}
    # Folders with a truth.json of planted cross-report cases score the cross-report checks.
    s["cross"] = [evaluate_cross(folder, workers=workers) for folder in cross_sets]
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    if scores:
        click.echo(ev.format_summary(s))
    for result in s["cross"]:
        click.echo("\n" + format_cross(result))


if __name__ == "__main__":
    cli()
