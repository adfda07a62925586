"""`insights users add` and `insights tokens create/revoke`, as a person runs them, then used over HTTP."""
from click.testing import CliRunner
from fastapi.testclient import TestClient

from engine.store import Store
from service.cli.main import main
from tests.service.conftest import csrf


def test_when_token_created_on_the_command_line_then_its_last_word_works_once_and_until_revoked(app, settings):
    run = CliRunner().invoke(main, ["tokens", "create", "--db", str(settings.db_path), "--role", "contributor",
                                    "--org", "Riverside", "--name", "import script"])
    assert run.exit_code == 0, run.output
    token = run.output.split()[-1]
    token_id = run.output.split()[1]
    assert token.startswith("ci_") and len(token) > 40
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        body = c.get("/api/v1/notes").json()
        assert body["organisation"] == "Riverside" and body["notes"] == []
        assert c.get("/api/v1/themes").status_code == 403  # a contributor token is not an analyst's
        revoke = CliRunner().invoke(main, ["tokens", "revoke", "--db", str(settings.db_path), token_id])
        assert revoke.exit_code == 0, revoke.output
        assert c.get("/api/v1/notes").status_code == 401


def test_when_user_added_with_password_on_stdin_then_they_can_sign_in(app, settings):
    run = CliRunner().invoke(main, ["users", "add", "--db", str(settings.db_path), "--email", "sam@example.org",
                                    "--org", "Riverside", "--role", "analyst", "--password-stdin"],
                             input="a long enough password\n")
    assert run.exit_code == 0 and "password" not in run.output.lower(), run.output
    with TestClient(app) as c:
        r = c.post("/login", data={"email": "sam@example.org", "password": "a long enough password",
                                   "csrf_token": csrf(c)}, follow_redirects=False)
        assert r.status_code == 303 and c.get("/themes").status_code == 200


def test_when_user_added_without_password_then_a_one_time_one_is_printed_and_works(app, settings):
    run = CliRunner().invoke(main, ["users", "add", "--db", str(settings.db_path), "--email", "kim@example.org",
                                    "--role", "facilitator"])
    assert run.exit_code == 0 and "shown once" in run.output
    password = run.output.split()[-1]
    with TestClient(app) as c:
        r = c.post("/login", data={"email": "kim@example.org", "password": password, "csrf_token": csrf(c)},
                   follow_redirects=False)
        assert r.status_code == 303


def test_when_setup_is_wrong_then_the_command_says_what_to_do(settings):
    runner = CliRunner()
    no_org = runner.invoke(main, ["tokens", "create", "--db", str(settings.db_path), "--role", "contributor"])
    assert no_org.exit_code == 1 and "Add --org" in no_org.output
    runner.invoke(main, ["users", "add", "--db", str(settings.db_path), "--email", "a@b.org", "--role", "admin"])
    twice = runner.invoke(main, ["users", "add", "--db", str(settings.db_path), "--email", "A@b.org", "--role",
                                 "admin"])
    assert twice.exit_code == 1 and "already a user" in twice.output
    short = runner.invoke(main, ["users", "add", "--db", str(settings.db_path), "--email", "c@b.org", "--role",
                                 "admin", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "too short" in short.output
    assert [u["email"] for u in Store(settings.db_path).q("SELECT email FROM users")] == ["a@b.org"]


def test_when_token_created_with_expires_days_then_it_says_when_and_stops_working_after(app, settings):
    run = CliRunner().invoke(main, ["tokens", "create", "--db", str(settings.db_path), "--role", "analyst",
                                    "--expires-days", "2"])
    assert run.exit_code == 0, run.output
    token, token_id = run.output.split()[-1], int(run.output.split()[1])
    expires = Store(settings.db_path).q("SELECT expires_at FROM api_tokens WHERE id = ?", [token_id])[0]["expires_at"]
    assert f"It expires {expires}." in run.output
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        assert c.get("/api/v1/themes").status_code == 200
        store = Store(settings.db_path)   # two days on: the same row, its time passed
        store.db.conn.execute("UPDATE api_tokens SET expires_at = '2001-01-01T00:00:00+00:00' WHERE id = ?",
                              (token_id,))
        store.db.conn.commit()
        store.close()
        r = c.get("/api/v1/themes")
        assert r.status_code == 401 and "expired" in r.json()["error"]["message"]
    never = CliRunner().invoke(main, ["tokens", "create", "--db", str(settings.db_path), "--role", "analyst"])
    assert "works until revoked" in never.output
    zero = CliRunner().invoke(main, ["tokens", "create", "--db", str(settings.db_path), "--role", "analyst",
                                     "--expires-days", "0"])
    assert zero.exit_code != 0 and "expires-days" in zero.output


def test_when_the_demo_prints_its_sign_ins_then_the_api_token_says_it_expires_in_7_days(settings, capsys):
    from datetime import datetime, timedelta, timezone

    from service.cli.run import _print_demo_accounts

    store = Store(settings.db_path)
    try:
        _print_demo_accounts(store)
    finally:
        store.close()
    line = next(x for x in capsys.readouterr().out.splitlines() if "API token" in x)
    assert f"expires {(datetime.now(timezone.utc) + timedelta(days=7)).date().isoformat()}T" in line, line
