#!/usr/bin/env python3
"""Durability harness (run on demand through benches/durability.sh, never as a test).

Clients create tasks with titles they choose as fast as they can and log every acknowledged one
(a 201 received); the server is killed with SIGKILL at a random moment and restarted, ROUNDS
times. Then every acknowledged task must exist exactly once, and on SQLite `PRAGMA
integrity_check` must say ok. A last round stops the server with SIGTERM while task writes and
streamed assistant turns are in flight: it must exit within a few seconds, losing nothing
acknowledged.

Usage: durability.py BIN DATABASE_URL ROUNDS
"""
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

CLIENTS = 8
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary: str, url: str):
        self.binary, self.url, self.port = binary, url, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self) -> None:
        env = dict(os.environ, DATABASE_URL=self.url, LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
                   LEPTOS_OUTPUT_NAME="taskpilot", LEPTOS_SITE_ROOT="target/site", RUST_LOG="warn",
                   RATE_LIMIT_LOGIN_PER_EMAIL="0", RATE_LIMIT_LOGIN_PER_IP="0", RATE_LIMIT_SIGNUP_PER_IP="0")
        self.proc = subprocess.Popen([self.binary, "serve"], env=env, stdout=subprocess.DEVNULL,
                                     stderr=open(os.devnull, "w"))
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=1).status == 200:
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        raise SystemExit("the server did not start")


def request(base, method, path, body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=timeout) as res:
        return res.status, res.read()


def token_for(server: Server) -> str:
    email = f"durable{random.randrange(1 << 30)}@example.com"
    request(server.base, "POST", "/api/v1/auth/signup", {"email": email, "password": PASSWORD})
    # a session cookie is needed to make a token; log in with a cookie jar
    import http.cookiejar
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = urllib.request.Request(server.base + "/api/v1/auth/login", method="POST",
                                   data=json.dumps({"email": email, "password": PASSWORD}).encode(),
                                   headers={"content-type": "application/json"})
    opener.open(login).read()
    make = urllib.request.Request(server.base + "/api/v1/tokens", method="POST",
                                  data=json.dumps({"name": "durability"}).encode(),
                                  headers={"content-type": "application/json", "origin": server.base})
    return json.loads(opener.open(make).read())["value"]


def writers(server: Server, token: str, tag: str, acked: list, stop: threading.Event, chat: bool = False):
    lock = threading.Lock()

    def run(client: int):
        seq = 0
        while not stop.is_set():
            title = f"{tag}-c{client}-{seq}"
            seq += 1
            try:
                status, _ = request(server.base, "POST", "/api/v1/tasks", {"title": title}, token, timeout=5)
                if status == 201:
                    with lock:
                        acked.append(title)
            except (urllib.error.URLError, ConnectionError, OSError, TimeoutError):
                time.sleep(0.01)

    def chatter():
        while not stop.is_set():
            try:
                request(server.base, "POST", "/api/v1/chat/stream", {"message": "what's due this week?"}, token)
            except (urllib.error.URLError, ConnectionError, OSError, TimeoutError):
                time.sleep(0.01)

    threads = [threading.Thread(target=run, args=(c,)) for c in range(CLIENTS)]
    if chat:
        threads.append(threading.Thread(target=chatter))
    for t in threads:
        t.start()
    return threads


def stored_titles(url: str) -> list:
    if url.startswith("postgres"):
        out = subprocess.run(["psql", "-At", url, "-c", "SELECT title FROM tasks"], check=True,
                             capture_output=True, text=True).stdout
        return [line for line in out.splitlines() if line]
    db = sqlite3.connect(url.removeprefix("sqlite://").split("?")[0])
    return [row[0] for row in db.execute("SELECT title FROM tasks")]


def integrity(url: str) -> str:
    if url.startswith("postgres"):
        return "ok (PostgreSQL: no file check)"
    db = sqlite3.connect(url.removeprefix("sqlite://").split("?")[0])
    return ", ".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def main() -> None:
    binary, url, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    server = Server(binary, url)
    server.start()
    token = token_for(server)
    acked: list = []
    rng = random.Random()
    started = time.time()
    for r in range(rounds):
        if r > 0:
            server.start()
        stop = threading.Event()
        threads = writers(server, token, f"r{r}", acked, stop)
        time.sleep(rng.uniform(0.3, 1.5))
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        stop.set()
        for t in threads:
            t.join()
        print(f"round {r + 1}/{rounds}: killed; {len(acked)} acknowledged so far", flush=True)

    # SIGTERM with writes and streamed assistant turns in flight
    server.start()
    stop = threading.Event()
    threads = writers(server, token, "term", acked, stop, chat=True)
    time.sleep(1.0)
    t0 = time.time()
    server.proc.send_signal(signal.SIGTERM)
    code = server.proc.wait(timeout=30)
    drain = time.time() - t0
    stop.set()
    for t in threads:
        t.join()

    titles = stored_titles(url)
    counts: dict = {}
    for t in titles:
        counts[t] = counts.get(t, 0) + 1
    missing = [t for t in acked if counts.get(t, 0) == 0]
    doubled = [t for t, n in counts.items() if n > 1]
    check = integrity(url)
    print(f"\n{rounds} SIGKILL rounds + 1 SIGTERM round in {time.time() - started:.0f}s: "
          f"{len(acked)} acknowledged, {len(titles)} stored "
          f"({len(titles) - len(set(acked))} committed but not acknowledged before the kill)")
    print(f"missing acknowledged: {len(missing)}; stored twice: {len(doubled)}; integrity_check: {check}")
    print(f"SIGTERM: exited with {code} after {drain:.2f}s with writes and chat streams in flight")
    ok = not missing and not doubled and check.startswith("ok") and code == 0 and drain < 5
    print("RESULT: " + ("PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
