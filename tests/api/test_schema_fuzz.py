"""The API keeps its own contract (issue 17).

schemathesis generates requests from the published OpenAPI schema (valid ones and ones that
break it) and sends them to a live server on the test PostgreSQL, with the demo
co-operative loaded: first with a member's token, then with an administrator's. Every
answer must be no server error, have a status and a content type the schema lists for that
operation, and match the schema's body for it.

Bounded: at most MAX_EXAMPLES generated cases per operation in the fuzzing phase, and
the coverage phase for the administrator only (see PEOPLE). The seed is fixed, so every run sends
the same requests and a failure can be replayed (its curl command is in the output)."""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]
MAX_EXAMPLES = 10
SEED = 17
# Who, and which of schemathesis's phases. The coverage phase sends every boundary and
# wrong value the schema allows for: the administrator, who may call every operation,
# gets it; the member would mostly be told "not allowed". Fuzzing (random valid and
# invalid requests) and stateful (chains of calls) for both. The member first: the
# administrator's moves may end their membership.
PEOPLE = {"member": "fuzzing,stateful", "admin": "coverage,fuzzing,stateful"}
DEMO_PASSWORD = "coop-demo"


def _call(url: str, *, token: str = "", body: dict | None = None) -> bytes:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def _token(base_url: str, username: str) -> str:
    answer = _call(
        f"{base_url}/api/v1/auth/token/", body={"username": username, "password": DEMO_PASSWORD}
    )
    return json.loads(answer)["token"]


def _schemathesis(
    schema: Path, base_url: str, token: str, phases: str, workdir: Path
) -> tuple[int, str]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "--no-color",
            "run",
            str(schema),
            "--url",
            base_url,
            "--phases",
            phases,
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            str(SEED),
            "--workers",
            "1",
            "--header",
            f"Authorization: Token {token}",
        ],
        cwd=workdir,  # hypothesis keeps its example database here, not in the project
        capture_output=True,
        text=True,
        timeout=900,
    )
    return run.returncode, run.stdout + run.stderr


@pytest.mark.django_db(transaction=True)
def test_every_api_answer_is_what_the_schema_says(live_server, tmp_path):
    call_command("load_demo", verbosity=0)
    tokens = {who: _token(live_server.url, who) for who in PEOPLE}
    # The schema is for people signed in; schemathesis reads it from a file.
    schema = tmp_path / "schema.json"
    schema.write_bytes(_call(f"{live_server.url}/api/schema/?format=json", token=tokens["admin"]))
    failed = {}
    for who, phases in PEOPLE.items():
        status, output = _schemathesis(schema, live_server.url, tokens[who], phases, tmp_path)
        summary = output[output.rfind("SUMMARY") :]
        print(f"--- schemathesis as {who}:\n{summary}")  # the figures, shown with -s or -rA
        if status != 0:
            failed[who] = output[-20000:]
    assert not failed, "\n\n".join(f"--- as {who}:\n{out}" for who, out in failed.items())
