"""``plankg serve`` and ``plankg push``."""

from __future__ import annotations

import signal

import click

from ..errors import PlanKGError
from . import main
from .options import curated_option, paths_argument


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@main.command()
@paths_argument
@curated_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int, help="TCP port, 1 to 65535.")
@click.option("--timeout", default=30, show_default=True, type=int, help="Seconds a query may take on the server.")
@click.option("--allow-network", is_flag=True, help="Let the server fetch SERVICE URLs that clients name.")
def serve(paths, curated, host, port, timeout, allow_network):
    """Serve the plan read-only over SPARQL (Oxigraph), until Ctrl-C.

    Open the printed URL for Oxigraph's query page; the SPARQL endpoint is
    URL/query. Updates and Graph Store writes are refused; SERVICE is refused
    unless --allow-network (Linux; elsewhere serve needs --allow-network).
    """
    from .. import load
    from ..serve import PlanServer

    server = PlanServer(
        load(paths or None, curated=curated), host=host, port=port, allow_network=allow_network, timeout=timeout
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
@paths_argument
@curated_option
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query endpoint.")
@click.option("--graph", "graph_base", metavar="IRI", help="Prefix of the layers' graphs (…source, …curated).")
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (default: derived from --endpoint).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL (default: derived from --endpoint).")
@click.option("--timeout", type=float, default=60, show_default=True)
def push(paths, curated, endpoint, graph_base, store_url, update_url, timeout):
    """Publish the plan to a SPARQL server, one named graph per layer.

    Each layer goes to a staging graph, is checked, then moved into place, so
    a failure leaves the old graph whole. Basic auth is read from
    PLANKG_ENDPOINT_USER and PLANKG_ENDPOINT_PASSWORD.
    """
    from .. import load
    from ..datafiles import GraphNames
    from ..push import push as push_plan

    graphs = GraphNames(graph_base) if graph_base else None
    kg = load(paths or None, curated=curated, graphs=graphs)
    for pushed in push_plan(kg, endpoint, store_url=store_url, update_url=update_url, timeout=timeout):
        click.echo(f"{pushed.layer:<9} <{pushed.graph}>  {pushed.triples} triples, verified")
