"""HTTP Digest authentication (Virtuoso's /sparql-auth): answered from the same credentials, never the password."""

import pytest

import plankg
from fakehttp import results
from plankg import httpdigest
from plankg.engines.endpoint import EndpointEngine

QUERY = "ASK { }"
SECRET = "s3cr3t-Pa55"
CHALLENGE = 'Digest realm="SPARQL", domain="/sparql-auth", nonce="n0nce", opaque="op", qop="auth", algorithm="MD5"'


def digest_server(password: str):
    """Answer like Virtuoso: Digest only; a basic Authorization gets a bare 401, none gets the challenge."""

    def answer(handler):
        sent = handler.headers.get("Authorization") or ""
        if sent.startswith("Digest "):
            fields = dict(
                item.strip().split("=", 1) for item in sent[len("Digest "):].split(", ")
            )
            value = {k: v.strip('"') for k, v in fields.items()}
            expected = httpdigest.authorization(
                httpdigest.parse_challenge(CHALLENGE), value["username"], password, handler.command,
                value["uri"], int(value["nc"], 16), cnonce=value["cnonce"],
            )
            if f'response="{value["response"]}"' in expected and value["uri"] == handler.path:
                return results(handler)
        handler.send_response(401)
        if not sent:
            handler.send_header("WWW-Authenticate", CHALLENGE)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def test_a_digest_challenge_is_answered_and_remembered(fake_server):
    fake = fake_server(digest_server(SECRET))
    url = fake.base.replace("http://", f"http://dba:{SECRET}@") + "/sparql-auth"
    assert EndpointEngine(url, timeout=5).run(QUERY, {})[0].value("n") == 1
    # Basic first (refused bare), then nothing (the challenge), then Digest.
    kinds = [(a or "").split(" ")[0] for a in fake.authorizations()]
    assert kinds == ["Basic", "", "Digest"]
    # The next request answers the remembered challenge at once, counting nc up.
    assert EndpointEngine(url, timeout=5).run(QUERY, {})[0].value("n") == 1
    assert fake.authorizations()[-1].startswith("Digest ") and "nc=00000002" in fake.authorizations()[-1]
    assert not any(SECRET in (a or "") for a in fake.authorizations()[2:])


def test_a_wrong_password_is_still_refused(fake_server):
    fake = fake_server(digest_server(SECRET))
    url = fake.base.replace("http://", "http://dba:wrong@") + "/sparql-auth"
    with pytest.raises(plankg.EndpointError, match="401") as caught:
        EndpointEngine(url, timeout=5).run(QUERY, {})
    assert "wrong" not in str(caught.value)


def test_without_credentials_a_challenge_is_not_answered(fake_server):
    fake = fake_server(digest_server(SECRET))
    with pytest.raises(plankg.EndpointError, match="401"):
        EndpointEngine(fake.base + "/sparql-auth", timeout=5).run(QUERY, {})
    assert fake.authorizations() == [None]


def test_challenge_parsing_takes_only_what_it_can_answer():
    assert httpdigest.parse_challenge('Digest realm="r", nonce="n", qop="auth-int"') is None
    assert httpdigest.parse_challenge('Digest realm="r", nonce="n", algorithm=SHA-512') is None
    sha = httpdigest.parse_challenge('Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"')
    assert sha.algorithm == "SHA-256" and sha.qop == "auth"
