"""`rightswatch platform demo-users`, `rightswatch serve` (a real gunicorn), and the demo script's pieces."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from rightswatch.cli import cli
from rightswatch.platform.accounts.models import Role, User

RIGHTSWATCH = str(Path(sys.executable).parent / "rightswatch")


def test_demo_users_creates_one_account_per_role_and_agency(db):
    out = CliRunner().invoke(cli, ["platform", "demo-users", "--password", "Demo-Pass-2026!"])
    assert out.exit_code == 0, out.output
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    partners = User.objects.filter(role=Role.PARTNER)
    assert partners.count() == 9 and partners.values("agency").distinct().count() == 9
    assert "partner-womens-federation" in out.output and "Demo-Pass-2026!" in out.output
    assert User.objects.get(username="leader").check_password("Demo-Pass-2026!")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_a_real_wsgi_server(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["RIGHTSWATCH_PLATFORM_DATA"] = str(tmp_path)
    proc = subprocess.Popen([RIGHTSWATCH, "serve", "--port", str(port), "--workers", "1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body, headers = None, None
        for _ in range(150):  # bounded wait for start-up (migrations on a fresh SQLite file first)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as r:
                    body, headers = r.read().decode(), r.headers
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert body is not None, proc.stdout.read().decode() if proc.poll() is not None else "no answer"
        assert "登录" in body and "gunicorn" in headers.get("Server", "")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/vendor/htmx/htmx.min.js", timeout=5) as r:
            assert r.status == 200 and b"htmx" in r.read()[:2000]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_cli_lists_commands_without_importing_django():
    code = ("import sys, click, rightswatch.cli as c; ctx = click.Context(c.cli); names = c.cli.list_commands(ctx); "
            "assert {'serve', 'audit', 'platform'} <= set(names), names; "
            "assert 'django' not in sys.modules, 'django imported'")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
