"""``plankg serve`` and ``plankg push``."""

from __future__ import annotations

import signal

import click

from ..errors import PlanKGError
from . import main
from .options import curated_option, data_options, data_paths, graph_option


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@main.command()
@data_options
@curated_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int, help="TCP port, 1 to 65535.")
@click.option("--timeout", default=30, show_default=True, type=int, help="Seconds a query may take on the server.")
@click.option("--allow-network", is_flag=True, help="Let the server fetch SERVICE URLs that clients name.")
def serve(paths, data, curated, host, port, timeout, allow_network):
    """Serve plans read-only over SPARQL (Oxigraph), until Ctrl-C.

    PATH (or --data PATH) is a plan data file or folder, repeatable; the
    bundled plan by default. Each plan keeps its own named graphs; the
    default graph is their union. Open the printed URL for Oxigraph's query
    page; the SPARQL endpoint is URL/query. Updates and Graph Store writes
    are refused; SERVICE is refused unless --allow-network (Linux; elsewhere
    serve needs --allow-network).
    """
    from .. import load
    from ..publish.serve import PlanServer

    server = PlanServer(
        load(data_paths(paths, data), curated=curated), host=host, port=port, allow_network=allow_network, timeout=timeout
    )
    if not server.loopback:
        click.secho(
            f"plankg: WARNING: listening on {host}, beyond this machine: anyone who can reach port {port} "
            "can read the whole plan",
            err=True,
            fg="red",
            bold=True,
        )
    if allow_network:
        click.secho(
            "plankg: WARNING: --allow-network: any client can make the server fetch URLs (SERVICE)",
            err=True,
            fg="red",
            bold=True,
        )
    # A service manager's SIGTERM stops the server as cleanly as Ctrl-C does:
    # the Oxigraph process ends and its temporary store is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    with server:
        click.echo(f"plankg: serving the plan read-only at {server.url} (SPARQL: {server.url}query); Ctrl-C stops")
        try:
            code = server.wait()
        except KeyboardInterrupt:
            click.echo("plankg: stopped")
            return
    if code in (-signal.SIGINT, 128 + signal.SIGINT):  # Ctrl-C reached the server first
        click.echo("plankg: stopped")
    elif code:
        raise PlanKGError(f"the Oxigraph server exited with code {code} (is port {port} free?)")


@main.command()
@data_options
@curated_option
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query endpoint (http or https).")
@graph_option
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (default: derived from --endpoint).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL (default: derived from --endpoint).")
@click.option(
    "--timeout", type=float, default=60, show_default=True,
    help="Seconds for each request, and for waiting for another push to finish.",
)
@click.option(
    "--clean-staging", is_flag=True,
    help="Only remove the staging graphs and the lock a killed push left on the server (run it when no push is running).",
)
def push(paths, data, curated, endpoint, graph_base, store_url, update_url, timeout, clean_staging):
    """Publish plans to a SPARQL server, each layer of each plan to its own named graph.

    PATH (or --data PATH) is a plan data file or folder, repeatable; the
    bundled plan by default. A plan's graphs are {uriSpace}graph/source and
    {uriSpace}graph/curated, from its dataset.ttl.

    Each layer goes to a staging graph of its own, is read back and compared
    by digest, then all layers replace their graphs in one update (atomic on
    Oxigraph; on a server that applies it in part, the graphs are put back),
    under a lock so that two pushes never interleave. A graph holding another
    plan's data is never replaced (exit 2, nothing changed). Credentials come
    from the URL (user:password@) or PLANKG_ENDPOINT_USER and
    PLANKG_ENDPOINT_PASSWORD, sent as basic auth or answering a Digest
    challenge (Virtuoso); they are never printed. The store and update URLs
    are derived for Oxigraph (/query), Virtuoso (/sparql), Fuseki
    (/DATASET/sparql) and GraphDB (/repositories/ID).
    """
    from ..publish.push import clean_staging as clean
    from ..publish.push import push as push_plan

    if clean_staging:
        if paths or data:
            raise click.UsageError("--clean-staging touches no plan; drop PATH and --data")
        removed = clean(endpoint, store_url=store_url, update_url=update_url, timeout=timeout)
        for graph in removed:
            click.echo(f"removed <{graph}>")
        if not removed:
            click.echo("no staging graphs or lock on the server")
        return
    from .. import load
    from ..datafiles import GraphNames

    graphs = GraphNames(graph_base) if graph_base else None
    from ..steps import stepping
    from .bars import progress_bars

    bars = progress_bars()
    kg = load(data_paths(paths, data), curated=curated, graphs=graphs, progress=bars)
    with stepping(bars, "push"):
        done = list(push_plan(kg, endpoint, store_url=store_url, update_url=update_url, timeout=timeout))
    for pushed in done:
        click.echo(f"{pushed.layer:<9} <{pushed.graph}>  {pushed.triples} triples, verified (sha256 {pushed.sha256[:12]})")
