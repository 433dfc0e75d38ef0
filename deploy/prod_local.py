"""`make prod-local`: the production stack on this machine, without containers.

nginx (Debian's package, TLS with a self-signed certificate) in front of two gunicorn
instances with the production settings, two `db_worker`s and the scheduler, against the local
PostgreSQL (its own database) and a Redis of its own on another port, so the fault drills can
stop that Redis without touching the machine's shared one.

Runs in the foreground and supervises: a process that dies is started again after a second,
as systemd's Restart=always would (the fault drills rely on it). Ctrl-C or SIGTERM stops
everything it started, and nothing else. `--stop` sends SIGTERM to a running instance.

Runs under the project's .venv (psycopg) but imports nothing of Vaksam. A file DIR/hold/NAME
keeps process NAME down after it stops (the fault drills stop Redis for 30 s that way).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess  # noqa: S404 - starting the stack's own processes is the point
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEMO_PASSWORD = "vaksam-demo"  # noqa: S105 - the demo's published password (courses/demo.py)


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


class Config:
    def __init__(self) -> None:
        self.port = _env_int("PORT", 8080)
        self.redis_port = _env_int("REDIS_PORT", 6390)
        self.db_name = os.environ.get("PROD_LOCAL_DB", "vaksam_prod_local")
        self.pg = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
        self.dir = Path(os.environ.get("PROD_LOCAL_DIR", f"/tmp/vaksam-prod-local-{self.port}"))
        self.app_servers = _env_int("APP_SERVERS", 2)
        self.workers_per_server = _env_int("GUNICORN_WORKERS", 2)
        self.db_workers = _env_int("DB_WORKERS", 2)
        self.host = "localhost"
        self.has_scheduler = False

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    @property
    def database_url(self) -> str:
        return f"{self.pg}/{self.db_name}"

    @property
    def state_file(self) -> Path:
        return self.dir / "state.json"


def log(message: str) -> None:
    print(f"[prod-local] {message}", flush=True)


def ensure_packages() -> None:
    """nginx and redis-server from Debian; installed here only when running as root (CI)."""
    missing = [
        package
        for binary, package in (("nginx", "nginx-light"), ("redis-server", "redis-server"))
        if not (shutil.which(binary) or Path(f"/usr/sbin/{binary}").exists())
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"prod-local needs {' and '.join(missing)}: apt-get install -y {' '.join(missing)}"
        )
    log(f"installing {' '.join(missing)} from Debian's packages")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)  # noqa: S607


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def app_env(cfg: Config) -> dict[str, str]:
    secret_file = cfg.dir / "secret_key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(50))
        secret_file.chmod(0o600)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vaksam.settings.production",
        "SECRET_KEY": secret_file.read_text().strip(),
        "ALLOWED_HOSTS": f"{cfg.host},127.0.0.1",
        "BASE_URL": cfg.url,
        "DATABASE_URL": cfg.database_url,
        "REDIS_URL": f"redis://127.0.0.1:{cfg.redis_port}/0",
        # Mail is written to files: real mail leaves this machine, which prod-local never does.
        # Four slashes: django-environ drops the first of an absolute path's, and the mail
        # (names, times, places) landed in the checkout's tmp/, where it was committed.
        "EMAIL_URL": f"filemail:///{cfg.dir / 'mail'}",
        # nginx appends the client to X-Forwarded-For: one proxy to count back through.
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(cfg.dir / "static"),
        "MEDIA_ROOT": str(cfg.dir / "media"),
        "PRIVATE_ROOT": str(cfg.dir / "private"),
        # Persistent, health-checked connections where the settings read them (issue 13, part 8).
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "CONN_HEALTH_CHECKS": "true",
        # A worker silent this long is dead: /readyz says so and the other worker queues its
        # tasks again. Lower than production's 60 s so the fault drill sees it within a run.
        "WORKER_DEAD_AFTER_SECONDS": os.environ.get("WORKER_DEAD_AFTER_SECONDS", "20"),
        "WORKER_HEARTBEAT_SECONDS": os.environ.get("WORKER_HEARTBEAT_SECONDS", "5"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def prepare(cfg: Config, env: dict[str, str]) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{cfg.pg}/postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [cfg.db_name]
        ).fetchone()
        if not exists:
            log(f"creating database {cfg.db_name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg.db_name)))
    log("migrate, collectstatic, demo")
    out = subprocess.run(  # noqa: S603
        [str(PYTHON), str(ROOT / "deploy" / "prod_local_setup.py")],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    print(out.replace("scheduler: True\n", "").replace("scheduler: False\n", ""), end="")
    cfg.has_scheduler = "scheduler: True" in out
    cert, key = cfg.dir / "tls.crt", cfg.dir / "tls.key"
    if not cert.exists():
        subprocess.run(  # noqa: S603
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",  # noqa: S607
                "-subj",
                f"/CN={cfg.host}",
                "-addext",
                f"subjectAltName=DNS:{cfg.host},IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
    write_nginx_conf(cfg)


def write_nginx_conf(cfg: Config) -> None:
    servers = "\n".join(
        f"        server unix:{cfg.dir / f'app{n}.sock'} max_fails=0;"
        for n in range(1, cfg.app_servers + 1)
    )
    shared = ROOT / "deploy" / "nginx" / "vaksam-proxy.conf"
    conf = f"""# Written by deploy/prod_local.py; runs as the current user, in its own prefix.
worker_processes 1;
pid {cfg.dir / "nginx" / "nginx.pid"};
error_log {cfg.dir / "logs" / "nginx-error.log"} warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log {cfg.dir / "logs" / "nginx-access.log"};
    client_body_temp_path {cfg.dir / "nginx" / "body"};
    proxy_temp_path {cfg.dir / "nginx" / "proxy"};
    fastcgi_temp_path {cfg.dir / "nginx" / "fastcgi"};
    uwsgi_temp_path {cfg.dir / "nginx" / "uwsgi"};
    scgi_temp_path {cfg.dir / "nginx" / "scgi"};
    keepalive_timeout 65s;
    upstream vaksam_app {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{cfg.port} ssl http2;
        server_name {cfg.host};
        ssl_certificate {cfg.dir / "tls.crt"};
        ssl_certificate_key {cfg.dir / "tls.key"};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:10m;
        location /media/ {{ alias {cfg.dir / "media"}/; }}
        include {shared};
    }}
}}
"""
    (cfg.dir / "nginx" / "nginx.conf").write_text(conf)


def commands(cfg: Config) -> dict[str, list[str]]:
    """Each supervised process by name. The scheduler is ops' `run_scheduler` (issue 13, part 4)."""
    procs = {
        "redis": [
            "redis-server",
            "--port",
            str(cfg.redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(cfg.dir),
        ],
    }
    for n in range(1, cfg.app_servers + 1):
        procs[f"app{n}"] = [
            str(GUNICORN),
            "vaksam.wsgi",
            "--bind",
            f"unix:{cfg.dir / f'app{n}.sock'}",
            "--workers",
            str(cfg.workers_per_server),
            "--timeout",
            "30",
            "--graceful-timeout",
            "20",
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
            "--name",
            f"vaksam-app{n}",
            # Each instance its own control socket: the default path is one per user.
            "--control-socket",
            str(cfg.dir / f"app{n}.ctl"),
            "--access-logfile",
            str(cfg.dir / "logs" / f"app{n}-access.log"),
        ]
    for n in range(1, cfg.db_workers + 1):
        # A fixed id per slot (as systemd's vaksam-worker@N): the worker restarted after a crash
        # takes back at once what its dead predecessor left running (jobs.recovery).
        procs[f"worker{n}"] = [
            str(PYTHON),
            "manage.py",
            "db_worker",
            "--interval",
            "1",
            "--worker-id",
            f"prod-local-worker{n}",
        ]
    procs["scheduler"] = [str(PYTHON), "manage.py", "run_scheduler"]
    procs["nginx"] = [
        nginx_binary(),
        "-p",
        str(cfg.dir / "nginx"),
        "-c",
        str(cfg.dir / "nginx" / "nginx.conf"),
        "-e",
        str(cfg.dir / "logs" / "nginx-error.log"),
    ]
    return procs


class Supervisor:
    def __init__(self, cfg: Config, env: dict[str, str], procs: dict[str, list[str]]) -> None:
        self.cfg, self.env, self.procs = cfg, env, procs
        self.running: dict[str, subprocess.Popen] = {}
        self.restarts: dict[str, int] = dict.fromkeys(procs, 0)
        self.stopping = False

    def start(self, name: str) -> None:
        logfile = open(self.cfg.dir / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - kept open by the child
        # Its own process group: Ctrl-C in the terminal reaches the supervisor only, which then
        # stops each child in order (nginx first, Redis last).
        self.running[name] = subprocess.Popen(  # noqa: S603
            self.procs[name],
            cwd=ROOT,
            env=self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        logfile.close()
        self.write_state()

    def write_state(self) -> None:
        state = {
            "supervisor": os.getpid(),
            "url": self.cfg.url,
            "dir": str(self.cfg.dir),
            "database_url": self.cfg.database_url,
            "redis_port": self.cfg.redis_port,
            "pids": {name: proc.pid for name, proc in self.running.items()},
            "restarts": self.restarts,
        }
        tmp = self.cfg.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1))
        tmp.replace(self.cfg.state_file)

    def stop(self, *_args) -> None:
        self.stopping = True

    def shutdown(self) -> None:
        # The proxy first (no new requests), then the app, workers and scheduler, Redis last.
        order = ["nginx", *[n for n in self.running if n not in ("nginx", "redis")], "redis"]
        for name in order:
            proc = self.running.get(name)
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        deadline = time.monotonic() + 25
        for name in order:
            proc = self.running.get(name)
            if not proc:
                continue
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in time: killing it")
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.cfg.state_file.unlink(missing_ok=True)
        for n in range(1, self.cfg.app_servers + 1):
            (self.cfg.dir / f"app{n}.sock").unlink(missing_ok=True)
        log("stopped")

    def run(self, prepare) -> None:
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        try:
            # Redis first: migrations and the demo seed already write to the cache.
            self.start("redis")
            wait_for_port(self.cfg.redis_port)
            prepare()
            if not self.cfg.has_scheduler:
                # ops' `run_scheduler` is not in this checkout: the rest runs, said plainly.
                log("manage.py run_scheduler is not available: starting without the scheduler")
                del self.procs["scheduler"]
            for name in self.procs:
                if name != "redis" and not self.stopping:
                    self.start(name)
            wait_until_ready(self.cfg, lambda: self.stopping)
            # Ready means every part: database, cache, storage, migrations and a worker's beat.
            wait_until_ready(self.cfg, lambda: self.stopping, timeout=60, path="/readyz")
            if not self.stopping:
                announce(self.cfg, self.procs)
            while not self.stopping:
                time.sleep(0.5)
                for name, proc in list(self.running.items()):
                    held = (self.cfg.dir / "hold" / name).exists()
                    if proc.poll() is not None and not self.stopping and not held:
                        # As systemd's Restart=always with RestartSec=1.
                        log(f"{name} exited ({proc.returncode}); restarting in 1 s")
                        time.sleep(1)
                        self.restarts[name] += 1
                        self.start(name)
        finally:
            self.shutdown()


def wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"Nothing answers on 127.0.0.1:{port}")


def wait_until_ready(
    cfg: Config, stopping, timeout: float = 90, path: str = "/konto/logga-in/"
) -> None:
    """Until `path` answers 200 through nginx. /readyz does only once a worker has beaten."""
    context = ssl._create_unverified_context()  # noqa: S323 - our own self-signed certificate
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping():
        try:
            with urllib.request.urlopen(f"{cfg.url}{path}", context=context, timeout=5):  # noqa: S310
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    if not stopping():
        raise SystemExit(
            f"prod-local: {cfg.url}{path} did not answer 200 within {timeout:.0f} s; "
            f"see {cfg.dir}/logs"
        )


def announce(cfg: Config, procs: dict[str, list[str]]) -> None:
    names = ", ".join(procs)
    print(
        f"""
Vaksam (production settings) is running at {cfg.url}/
  (self-signed certificate: curl -k, or accept it in the browser)
  processes: {names}
  database:  {cfg.database_url}   Redis: 127.0.0.1:{cfg.redis_port}   state: {cfg.dir}
  logins (password {DEMO_PASSWORD}): medarbetare, chef, samordnare, hr, ...
    (`manage.py seed_demo` lists them all; administrators enrol a TOTP app on first sign-in)
Ctrl-C stops everything (or `make prod-local-stop` from another terminal).
""",
        flush=True,
    )


def stop_running(cfg: Config) -> None:
    if not cfg.state_file.exists():
        sys.exit(f"No prod-local is running with state in {cfg.dir}.")
    pid = json.loads(cfg.state_file.read_text())["supervisor"]
    os.kill(pid, signal.SIGTERM)
    for _ in range(120):
        if not cfg.state_file.exists():
            log("stopped")
            return
        time.sleep(0.25)
    sys.exit(f"prod-local (pid {pid}) did not stop within 30 s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stop", action="store_true", help="Stop a running prod-local.")
    args = parser.parse_args()
    cfg = Config()
    if args.stop:
        stop_running(cfg)
        return
    if cfg.state_file.exists():
        pid = json.loads(cfg.state_file.read_text())["supervisor"]
        try:
            os.kill(pid, 0)
            sys.exit(
                f"prod-local already runs (pid {pid}, {cfg.url}). `make prod-local-stop` first."
            )
        except ProcessLookupError:
            cfg.state_file.unlink()
    ensure_packages()
    # Before anything starts: Redis, the first process, already writes its log here.
    for sub in ("mail", "media", "private", "static", "logs", "nginx", "hold"):
        (cfg.dir / sub).mkdir(parents=True, exist_ok=True)
    env = app_env(cfg)
    procs = commands(cfg)
    Supervisor(cfg, env, procs).run(lambda: prepare(cfg, env))


if __name__ == "__main__":
    main()
