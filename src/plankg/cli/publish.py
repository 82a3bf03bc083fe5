"""``plankg serve`` and ``plankg push``."""

from __future__ import annotations

import signal

import click

from ..errors import PlanKGError
from . import main
from .options import curated_option, data_options, data_paths


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@main.command()
@data_options
@curated_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int)
def serve(paths, data, curated, host, port):
    """Serve the plan read-only over SPARQL (Oxigraph), until Ctrl-C.

    PATH (or --data PATH) is a plan data file or folder, repeatable; the
    bundled plan by default. Each plan keeps its own named graphs; the
    default graph is their union. Open the printed URL for Oxigraph's query
    page; the SPARQL endpoint is URL/query. Updates and Graph Store writes
    are refused.
    """
    from .. import load
    from ..serve import PlanServer

    server = PlanServer(load(data_paths(paths, data), curated=curated), host=host, port=port)
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
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query endpoint.")
@click.option(
    "--graph",
    "graph_base",
    metavar="IRI",
    help="Prefix of the layers' graphs (…source, …curated), for one plan; by default each plan's own.",
)
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (default: derived from --endpoint).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL (default: derived from --endpoint).")
@click.option("--timeout", type=float, default=60, show_default=True)
def push(paths, data, curated, endpoint, graph_base, store_url, update_url, timeout):
    """Publish plans to a SPARQL server, each layer of each plan to its own named graph.

    PATH (or --data PATH) is a plan data file or folder, repeatable; the
    bundled plan by default. A plan's graphs are {uriSpace}graph/source and
    {uriSpace}graph/curated, from its dataset.ttl.

    Each layer goes to a staging graph, is checked, then moved into place, so
    a failure leaves the old graph whole. Basic auth is read from
    PLANKG_ENDPOINT_USER and PLANKG_ENDPOINT_PASSWORD.
    """
    from .. import load
    from ..datafiles import GraphNames
    from ..push import push as push_plan

    graphs = GraphNames(graph_base) if graph_base else None
    kg = load(data_paths(paths, data), curated=curated, graphs=graphs)
    for pushed in push_plan(kg, endpoint, store_url=store_url, update_url=update_url, timeout=timeout):
        click.echo(f"{pushed.layer:<9} <{pushed.graph}>  {pushed.triples} triples, verified")
