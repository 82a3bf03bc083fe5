"""``plankg load``: load plans into a persistent store once."""

from __future__ import annotations

import json

import click

from . import main
from .options import curated_option, data_options, data_paths


@main.command("load")
@data_options
@curated_option
@click.option(
    "--store",
    metavar="DIR",
    envvar="PLANKG_STORE",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="The store's folder: new, empty, or a store plankg made (env PLANKG_STORE).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to report what was loaded.",
)
@click.option(
    "--keep-answers",
    is_flag=True,
    help="Then ask every named query without a required parameter and keep the answers in the store, "
    "so that the first ask is a file read (adds minutes to a large load).",
)
def load_command(paths, data, curated, store, fmt, keep_answers):
    """Load plans into a persistent Oxigraph store, once; later commands answer from it.

    PATH (or --data PATH) is a plan folder or a folder of plans, repeatable;
    without one, the folders the store was last loaded from (the bundled
    plan for a new store). Reports the plans, files and triples loaded and
    the time taken. Run again, it reloads only the plan layer graphs
    (a plan's source or curated graph) whose files changed, were added or
    were removed, and removes the graphs of plans no longer there.

    With --keep-answers, the named queries that need no parameter are then
    asked over the whole store and their answers kept (the store's answer
    cache: those that took 0.1 s or more, 256 MB at most), so that their
    first ask reads a file; this trades load time for query time.

    Then: plankg query targets --store DIR (or PLANKG_STORE=DIR plankg query targets).
    """
    from ..engines.storesync import load_store
    from .bars import progress_bars
    from .terminal import echo, write

    report = load_store(data_paths(paths, data), store, curated=curated, progress=progress_bars())
    kept = None
    if keep_answers:
        from ..keptanswers import keep_answers as keep

        kept = keep(store, progress=progress_bars())
    if fmt == "json":
        data = report.to_dict()
        if kept is not None:
            data["answers"] = kept.to_dict()
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        echo(report.summary())
        if kept is not None:
            echo(kept.summary())
