"""``plankg progress`` and ``plankg observe``."""

from __future__ import annotations

import click

from ..plans import require_plans
from . import main
from .options import emit, graph_options, lang_option, open_graph, output_option

_FORMATS = ["table", "json", "csv", "html", "svg", "sdmx-csv", "datacube"]


@main.command()
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
              help="A table, JSON, CSV, an HTML page with charts, the charts as SVG; or the observations "
                   "themselves as SDMX-CSV or RDF Data Cube (Turtle).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]),
              help="Leave out observations public after this date (YYYY-MM-DD); today by default.")
@click.option("--plan", "plan", metavar="PLAN", help="Only this plan (its prefix, such as ks, or its IRI).")
@lang_option
@output_option
@graph_options
def progress(fmt, as_of, plan, lang, output, **graph):
    """Progress against every target: baseline, latest usable observation, ratio and status.

    One row per target: the baseline (cited, or none), the latest observation
    that may decide (value, period, source and its type), the target value,
    the progress ratio and the status - achieved, on track, behind, no
    baseline, only bounds, only proxies or no data (rules in the README).
    PATH (or --data PATH) is plan data, repeatable; the bundled plan by default.
    """
    from ..tracking import progress as run
    from ..tracking.sdmx import datacube_turtle, sdmx_csv

    kg = open_graph(**graph)
    require_plans(kg)
    if fmt == "sdmx-csv":
        emit(sdmx_csv(kg), output, human=False)
        return
    if fmt == "datacube":
        emit(datacube_turtle(kg), output, human=False)
        return
    report = run(kg, as_of=as_of.date() if as_of else None, plan=plan)
    text = {"table": lambda: report.to_table(lang), "json": report.to_json, "csv": lambda: report.to_csv(lang),
            "html": lambda: report.to_html(lang), "svg": lambda: report.to_svg(lang)}[fmt]()
    emit(text, output, human=fmt == "table")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=str))
@click.option("--indicator", required=True, help="The indicator: ks:indicator/gdp, indicator/gdp or gdp.")
@click.option("--period", required=True, help="2025 (year), 2025-S1 (half-year), 2025-07 or 2025-07-05 (as of).")
@click.option("--value", required=True, help="The value in base units (yuan, counts): 540000000000.")
@click.option("--expression", required=True, help="The value as the source writes it: 5400亿元.")
@click.option("--source-url", required=True, help="The address of the source document.")
@click.option("--source-type", required=True, type=click.Choice(["official", "media", "repost", "low"]))
@click.option("--source-title", help="The source's title, as written.")
@click.option("--publisher", help="The source's publisher, as written.")
@click.option("--source-date", help="The source's publication date (YYYY-MM-DD).")
@click.option("--bound", type=click.Choice(["lower", "approximate", "size class"]),
              help="超/突破: lower; 近/约: approximate; 级: size class. Omit for an exact value.")
@click.option("--preliminary", is_flag=True, help="The source calls the value preliminary (预计).")
@click.option("--quote", help="The sentence the value is read from, as written.")
@click.option("--place", help="The place (IRI or prefixed name); the place the plan covers by default.")
def observe(folder, **fields):
    """Add an observation to the plan data in FOLDER (validated, then written atomically).

    The observation goes into FOLDER/source/observations.ttl, with a source
    document for its address. Nothing is written if the data would then break
    a shape or a Data Cube integrity check (exit code 2).
    """
    from ..tracking.observe import ObservationInput, observe as add
    from .terminal import echo

    echo(add(folder, ObservationInput(**fields)))
