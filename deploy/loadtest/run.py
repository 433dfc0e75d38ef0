"""`make loadtest`: locust, headless, against prod-local; one JSON summary as the last line.

Uses a running prod-local on PORT, or starts one and stops it afterwards. Prepares the load
users (deploy/loadtest/data.py), samples CPU per part of the stack and lock waits in
PostgreSQL while locust runs, optionally runs the fault drills, then checks the database
against what the users did.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess  # noqa: S404 - the stack and locust are our own processes
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "deploy"))

import prod_local  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"


def log(message: str) -> None:
    print(f"[loadtest] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the stack


class Stack:
    """A running prod-local: ours (started here, stopped at the end) or one found running."""

    def __init__(self, cfg: prod_local.Config) -> None:
        self.cfg = cfg
        self.proc: subprocess.Popen | None = None

    def state(self) -> dict:
        return json.loads(self.cfg.state_file.read_text())

    def running(self) -> bool:
        if not self.cfg.state_file.exists():
            return False
        try:
            os.kill(self.state()["supervisor"], 0)
        except ProcessLookupError:
            return False
        return True

    def ensure(self) -> None:
        if self.running():
            log(f"using the prod-local running at {self.cfg.url}")
        else:
            log(f"starting prod-local at {self.cfg.url} (log: {self.cfg.dir}.log)")
            self.cfg.dir.parent.mkdir(parents=True, exist_ok=True)
            logfile = open(f"{self.cfg.dir}.log", "ab")  # noqa: SIM115
            self.proc = subprocess.Popen(  # noqa: S603
                [str(PYTHON), str(ROOT / "deploy" / "prod_local.py")],
                cwd=ROOT,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                sys.exit(f"prod-local stopped while starting; see {self.cfg.dir}.log")
            if self.running():
                try:
                    prod_local.wait_until_ready(self.cfg, lambda: False, timeout=2)
                    if "nginx" in self.state()["pids"]:
                        return
                except SystemExit:
                    pass
            time.sleep(1)
        sys.exit("prod-local did not come up within 10 minutes")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)

    def hold(self, name: str, on: bool) -> None:
        path = self.cfg.dir / "hold" / name
        if on:
            path.touch()
        else:
            path.unlink(missing_ok=True)


# ---------------------------------------------------------------- sampling


class Sampler(threading.Thread):
    """CPU per part of the stack (share of the whole machine) and PostgreSQL lock waits."""

    def __init__(self, stack: Stack, interval: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.stack, self.interval = stack, interval
        self.samples: list[dict] = []
        self.done = threading.Event()
        self.cores = psutil.cpu_count() or 1

    def groups(self) -> dict[str, list[psutil.Process]]:
        pids = self.stack.state()["pids"]
        groups: dict[str, list[psutil.Process]] = {}
        for name, pid in pids.items():
            group = (
                "app" if name.startswith("app") else "worker" if name.startswith("worker") else name
            )
            try:
                proc = psutil.Process(pid)
                groups.setdefault(group, []).extend([proc, *proc.children(recursive=True)])
            except psutil.NoSuchProcess:
                continue
        groups["postgres"] = [
            p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"
        ]
        groups["locust"] = [
            p
            for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and "locust" in " ".join(p.info["cmdline"][:3])
        ]
        return groups

    def run(self) -> None:
        conn = psycopg.connect(prod_local.Config().pg + "/postgres", autocommit=True)
        psutil.cpu_percent()
        previous: dict[int, float] = {}
        last = time.monotonic()
        while not self.done.wait(self.interval):
            now = time.monotonic()
            elapsed = now - last
            last = now
            sample = {"t": time.time(), "machine_cpu_pct": psutil.cpu_percent()}
            for group, procs in self.groups().items():
                used = 0.0
                for proc in procs:
                    try:
                        times = proc.cpu_times()
                    except psutil.Error:
                        continue
                    total = times.user + times.system
                    used += total - previous.get(proc.pid, total)
                    previous[proc.pid] = total
                sample[f"{group}_cpu_pct"] = round(100 * used / elapsed / self.cores, 1)
            ours = sum(
                v for k, v in sample.items() if k.endswith("_cpu_pct") and k != "machine_cpu_pct"
            )
            # The machine is shared: what other processes took is not ours to spend.
            sample["others_cpu_pct"] = round(max(0.0, sample["machine_cpu_pct"] - ours), 1)
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                " count(*) FILTER (WHERE state = 'active'), count(*)"
                " FROM pg_stat_activity WHERE datname = %s",
                [self.stack.cfg.db_name],
            ).fetchone()
            sample.update(pg_lock_waits=row[0], pg_active=row[1], pg_connections=row[2])
            self.samples.append(sample)
        conn.close()

    def summary(self, start: float, end: float) -> dict:
        window = [s for s in self.samples if start <= s["t"] <= end]
        if not window:
            return {}
        keys = [k for k in window[-1] if k != "t"]
        out = {}
        for key in keys:
            values = [s.get(key, 0) for s in window]
            out[key] = {"mean": round(sum(values) / len(values), 1), "max": max(values)}
        return out


# ---------------------------------------------------------------- the fault drills


def failures_between(directory: Path, start: float, end: float) -> dict:
    path = directory / "failures.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    seen = [f for f in lines if start <= f["t"] <= end]
    by_kind: dict[str, int] = {}
    for f in seen:
        key = f"{f['method']} {f['name']} {f['status'] or f['error'][:60]}"
        by_kind[key] = by_kind.get(key, 0) + 1
    return {"failures": len(seen), "by_kind": by_kind}


def django_sql(stack: Stack, sql: str, params=()) -> list:
    with psycopg.connect(stack.cfg.database_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def drill_kill_app_server(stack: Stack, directory: Path) -> dict:
    """SIGKILL one gunicorn instance, master and workers, as a crash would."""
    started = time.time()
    pid = stack.state()["pids"]["app1"]
    proc = psutil.Process(pid)
    victims = [proc, *proc.children(recursive=True)]
    for victim in victims:
        victim.kill()
    # The supervisor restarts it (systemd's Restart=always); watch until it serves again.
    deadline = time.monotonic() + 60
    back = None
    while time.monotonic() < deadline:
        state = stack.state()
        if state["pids"].get("app1") != pid and (stack.cfg.dir / "app1.sock").exists():
            back = round(time.time() - started, 1)
            break
        time.sleep(0.5)
    time.sleep(10)
    return {
        "drill": "kill one app server (SIGKILL app1: master and workers)",
        "killed_pids": [v.pid for v in victims],
        "restarted_after_s": back,
        **failures_between(directory, started, time.time()),
    }


def drill_kill_worker(stack: Stack, directory: Path, run_data) -> dict:
    """Queue a certificate ZIP, SIGKILL the worker that builds it, and watch the task."""
    started = time.time()
    export_id = int(run_data("enqueue-export").strip().splitlines()[-1])
    task_sql = (
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = "
        "'certificates.tasks.build_certificate_zip' AND args_kwargs->'args'->>0 = %s "
        "ORDER BY enqueued_at DESC LIMIT 1"
    )
    deadline = time.monotonic() + 60
    victim = None
    while time.monotonic() < deadline and victim is None:
        rows = django_sql(stack, task_sql, [str(export_id)])
        if rows and rows[0][0] == "RUNNING":
            # The worker doing the work is the one using CPU.
            busy = []
            for name, pid in stack.state()["pids"].items():
                if name.startswith("worker"):
                    proc = psutil.Process(pid)
                    busy.append((proc.cpu_percent(interval=0.3), name, proc))
            busy.sort(reverse=True, key=lambda b: b[0])
            victim = busy[0]
        time.sleep(0.2)
    if victim is None:
        return {"drill": "kill a worker mid-task", "result": "the task never ran within 60 s"}
    victim[2].kill()
    killed_at = time.time()
    outcome = None
    # Finished by the restarted worker at once, or by the other one after prod-local's
    # WORKER_DEAD_AFTER_SECONDS (20 s) and a heartbeat: 90 s leaves room for a loaded machine.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state = django_sql(
            stack, "SELECT state FROM certificates_certificateexport WHERE id = %s", [export_id]
        )[0][0]
        task = django_sql(stack, task_sql, [str(export_id)])[0][0]
        outcome = {"export_state": state, "task_status": task}
        if task in ("SUCCESSFUL", "FAILED"):  # django-tasks' TaskResultStatus values
            break
        time.sleep(1)
    return {
        "drill": "kill a worker mid-task (SIGKILL the worker building a certificate ZIP)",
        "killed": victim[1],
        "export_id": export_id,
        "watched_s": round(time.time() - killed_at, 1),
        **(outcome or {}),
        # Done means the task says so: a ZIP written by a worker killed before it could record
        # success leaves the task "RUNNING" for ever unless something reclaims it.
        "finished": bool(outcome and outcome["task_status"] == "SUCCESSFUL"),
        **failures_between(directory, started, time.time()),
    }


def drill_cut_db(stack: Stack, directory: Path) -> dict:
    """pg_terminate_backend on every connection to prod-local's database."""
    started = time.time()
    with psycopg.connect(prod_local.Config().pg + "/postgres", autocommit=True) as conn:
        cut = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [stack.cfg.db_name],
        ).fetchone()[0]
    time.sleep(20)
    restarts = stack.state()["restarts"]
    return {
        "drill": "cut the database connections (pg_terminate_backend)",
        "connections_cut": cut,
        "process_restarts_so_far": {k: v for k, v in restarts.items() if v},
        **failures_between(directory, started, time.time()),
    }


def probe_while_redis_down(stack: Stack, users: dict) -> dict:
    import requests
    import urllib3

    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    session = requests.Session()
    # verify=False on each call: a CA bundle from the environment would override the session's.
    tls = {"verify": False, "timeout": 30}
    session.headers["Referer"] = f"{stack.cfg.url}/"
    url = f"{stack.cfg.url}/konto/logga-in/"
    page = session.get(url, **tls)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    login = session.post(
        url,
        data={
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "username": users["learners"][-1],
            "password": users["password"],
        },
        allow_redirects=False,
        **tls,
    )
    return {
        "login_page_status": page.status_code,
        "login_with_right_password_status": login.status_code,
        "home_page_status": session.get(f"{stack.cfg.url}/", **tls).status_code,
    }


def drill_redis_down(stack: Stack, directory: Path, users: dict, seconds: int = 30) -> dict:
    """Stop the stack's own Redis for 30 s (the machine's shared one is never touched)."""
    started = time.time()
    stack.hold("redis", True)
    psutil.Process(stack.state()["pids"]["redis"]).terminate()
    time.sleep(3)
    # What a person sees meanwhile: a page served, and a login with the right password
    # refused (the limits cannot be counted, so they fail closed).
    probe = probe_while_redis_down(stack, users)
    time.sleep(max(0, seconds - (time.time() - started)))
    stack.hold("redis", False)
    down = failures_between(directory, started, time.time())
    time.sleep(10)
    after = failures_between(directory, started + seconds + 3, time.time())
    return {
        "drill": f"the stack's Redis stopped for {seconds} s",
        **probe,
        **down,
        "failures_in_the_7_s_after_restart": after["failures"],
    }


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=180, help="seconds")
    parser.add_argument("--learners", type=int, help="prepared learner accounts (default: users)")
    parser.add_argument("--hr", type=int, default=3, help="HR officers among the users")
    parser.add_argument("--drills", action="store_true")
    parser.add_argument(
        "--employees",
        type=int,
        default=2000,
        help="generated organisation, made once per database (the first run decides)",
    )
    parser.add_argument(
        "--certificates",
        type=int,
        default=600,
        help="at least this many certificates (for the certificate pages and the worker drill)",
    )
    args = parser.parse_args()
    if args.drills and args.duration < 300:
        args.duration = 300
        log("the drills need 300 s of load: DURATION raised to 300")

    cfg = prod_local.Config()
    stack = Stack(cfg)
    stack.ensure()
    env = prod_local.app_env(cfg)
    directory = cfg.dir / f"loadtest-{datetime.now():%Y%m%d-%H%M%S}"
    directory.mkdir()

    def run_data(*extra: str) -> str:
        done = subprocess.run(  # noqa: S603
            [str(PYTHON), str(HERE / "data.py"), extra[0], str(directory), *extra[1:]],
            cwd=ROOT,
            env=env,
            text=True,
            capture_output=True,
        )
        if done.returncode:
            raise RuntimeError(f"data.py {extra[0]} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    try:
        measure(args, cfg, stack, directory, run_data)
    finally:
        stack.stop()


def measure(args, cfg, stack, directory, run_data) -> None:

    learners = max(args.learners or 0, args.users)
    log(
        run_data(
            "prepare",
            "--learners",
            str(learners),
            "--hr",
            str(args.hr),
            "--employees",
            str(args.employees),
            "--certificates",
            str(args.certificates),
        ).strip()
    )
    since = datetime.now(UTC)
    sampler = Sampler(stack)
    sampler.start()
    started = time.time()
    locust = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.duration}s",
            "--host",
            cfg.url,
            "--only-summary",
            "--stop-timeout",
            "20",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "LOADTEST_DIR": str(directory), "HR_USERS": str(args.hr)},
        stdout=open(directory / "locust.log", "w"),
        stderr=subprocess.STDOUT,  # noqa: SIM115
    )
    drills = []
    try:
        if args.drills:
            ramp = args.users / args.spawn_rate
            time.sleep(ramp + 20)
            for drill in (
                lambda: drill_kill_app_server(stack, directory),
                lambda: drill_kill_worker(stack, directory, run_data),
                lambda: drill_cut_db(stack, directory),
                lambda: drill_redis_down(
                    stack, directory, json.loads((directory / "users.json").read_text())
                ),
            ):
                if locust.poll() is not None:
                    break
                try:
                    result = drill()
                except Exception as error:  # noqa: BLE001 - one broken drill must not hide the rest
                    result = {"drill": "failed to run", "error": repr(error)[:300]}
                log(json.dumps(result))
                drills.append(result)
        locust.wait()
    finally:
        stack.hold("redis", False)
        if locust.poll() is None:
            locust.terminate()
            locust.wait()
        sampler.done.set()
        sampler.join()
    ended = time.time()
    result = json.loads((directory / "locust.json").read_text())
    checks = json.loads(run_data("check", "--since", since.isoformat()).strip().splitlines()[-1])
    # Steady state: after the ramp, until the end (drills included if any ran).
    ramp_end = started + args.users / args.spawn_rate
    summary = {
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "duration_s": args.duration,
        "stack": {
            "app_servers": cfg.app_servers,
            "gunicorn_workers_each": cfg.workers_per_server,
            "db_workers": cfg.db_workers,
            "scheduler": "scheduler" in stack.state()["pids"] if stack.running() else None,
            "cores": psutil.cpu_count(),
        },
        **{k: result[k] for k in ("rps", "requests", "failures", "p50_ms", "p95_ms", "p99_ms")},
        "endpoints": result["endpoints"],
        "errors": result["errors"],
        "task_exceptions": result.get("task_exceptions", 0),
        "resources_after_ramp": sampler.summary(ramp_end, ended),
        "drills": drills,
        "data_checks": checks,
        "results_dir": str(directory),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
