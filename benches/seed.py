#!/usr/bin/env python3
"""Seeds a migrated Taskpilot database for benchmarks (never for tests).

    seed.py DATABASE_URL tasks USERS TASKS          USERS users with TASKS tasks each
    seed.py DATABASE_URL messages USER_ID MESSAGES  one conversation of MESSAGES messages; prints its id
    seed.py DATABASE_URL projects USER_ID TASKS PROJECTS
                                                     TASKS more tasks for USER_ID, spread over PROJECTS
                                                     new projects; prints the first project's id

DATABASE_URL is the app's: sqlite://PATH?… (written with Python's sqlite3) or postgres://…
(streamed to `psql` with COPY). Rows go straight into the tables: the app's own API would spend
most of the time in Argon2 for 10 000 sign-ups.
"""
import io
import random
import sqlite3
import subprocess
import sys
import time
import uuid

WORDS = ["buy", "milk", "call", "mom", "pay", "rent", "fix", "bike", "read", "book", "email", "boss", "plan", "trip"]
TAGS = ["home", "work", "errands", "bills", "health"]
USER_COLS = ["id", "email", "name", "email_verified", "image", "time_zone", "created_at", "updated_at"]
TASK_COLS = ["id", "user_id", "title", "title_key", "description", "completed", "completed_at", "priority", "due_at",
             "tags", "created_at", "updated_at", "search_key", "project_id", "parent_id"]
PROJECT_COLS = ["id", "user_id", "name", "name_key", "is_inbox", "archived", "created_at", "updated_at"]
CONV_COLS = ["id", "user_id", "title", "state", "created_at", "updated_at"]
MSG_COLS = ["id", "conversation_id", "user_id", "role", "content", "tool_payload", "actions", "created_at"]


class Sink:
    """Inserts rows into SQLite or PostgreSQL."""

    def __init__(self, url: str):
        self.url = url
        self.pg = url.startswith("postgres")
        if not self.pg:
            path = url.removeprefix("sqlite://").split("?")[0]
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")

    def insert(self, table: str, cols: list, rows: list) -> None:
        if not rows:
            return
        if self.pg:
            out = io.StringIO()
            for row in rows:
                out.write("\t".join(pg_text(v) for v in row) + "\n")
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c",
                            f"COPY {table} ({', '.join(cols)}) FROM STDIN"],
                           input=out.getvalue().encode(), check=True)
        else:
            marks = ",".join("?" * len(cols))
            with self.db:
                self.db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
        rows.clear()


def pg_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def task_row(rng, uid: str, project: str, t: int, now: int) -> tuple:
    title = " ".join(rng.choice(WORDS) for _ in range(3)) + f" {t}"
    due = now + rng.randint(-5, 30) * 86_400_000 if rng.random() < 0.6 else None
    done = rng.random() < 0.3
    created = now - rng.randint(0, 90 * 86_400_000)
    return (str(uuid.uuid4()), uid, title, title.lower(), "", done, now if done else None,
            rng.randint(0, 3), due, f" {rng.choice(TAGS)} ", created, created, title.lower() + "\n", project, None)


def seed_tasks(sink: Sink, users: int, tasks: int) -> None:
    now = int(time.time() * 1000)
    rng = random.Random(42)
    started = time.time()
    user_rows, project_rows, task_rows = [], [], []
    for u in range(users):
        uid = str(uuid.uuid4())
        inbox = str(uuid.uuid4())
        user_rows.append((uid, f"seed{u}@example.com", f"Seed {u}", False, None, "UTC", now, now))
        project_rows.append((inbox, uid, "Inbox", "inbox", True, False, now, now))
        for t in range(tasks):
            task_rows.append(task_row(rng, uid, inbox, t, now))
        if len(task_rows) >= 100_000:
            sink.insert("users", USER_COLS, user_rows)
            sink.insert("projects", PROJECT_COLS, project_rows)
            sink.insert("tasks", TASK_COLS, task_rows)
    sink.insert("users", USER_COLS, user_rows)
    sink.insert("projects", PROJECT_COLS, project_rows)
    sink.insert("tasks", TASK_COLS, task_rows)
    print(f"seeded {users} users x {tasks} tasks in {time.time() - started:.1f}s", file=sys.stderr)


def seed_projects(sink: Sink, user_id: str, tasks: int, projects: int) -> None:
    now = int(time.time() * 1000)
    rng = random.Random(7)
    ids = [str(uuid.uuid4()) for _ in range(projects)]
    sink.insert("projects", PROJECT_COLS, [(pid, user_id, f"Project {i}", f"project {i}", False, False, now, now)
                                           for i, pid in enumerate(ids)])
    rows = [task_row(rng, user_id, ids[t % projects], t, now) for t in range(tasks)]
    sink.insert("tasks", TASK_COLS, rows)
    print(ids[0])


def seed_messages(sink: Sink, user_id: str, count: int) -> None:
    now = int(time.time() * 1000)
    start = now - count * 1000
    cid = str(uuid.uuid4())
    sink.insert("conversations", CONV_COLS, [(cid, user_id, "A long conversation", "{}", start, now)])
    rows = []
    for i in range(count):
        role = "user" if i % 2 == 0 else "assistant"
        content = f"message {i}: what's due this week?" if role == "user" else f"reply {i}: You have 3 tasks due."
        rows.append((str(uuid.uuid4()), cid, user_id, role, content, None, "[]", start + i * 100))
        if len(rows) >= 50_000:
            sink.insert("messages", MSG_COLS, rows)
    sink.insert("messages", MSG_COLS, rows)
    print(cid)


def main() -> None:
    if len(sys.argv) not in (5, 6) or sys.argv[2] not in ("tasks", "messages", "projects"):
        sys.exit(__doc__)
    sink = Sink(sys.argv[1])
    if sys.argv[2] == "tasks":
        seed_tasks(sink, int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[2] == "projects":
        seed_projects(sink, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        seed_messages(sink, sys.argv[3], int(sys.argv[4]))


if __name__ == "__main__":
    main()
