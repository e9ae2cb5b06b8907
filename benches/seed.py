#!/usr/bin/env python3
"""Seeds a migrated Taskpilot SQLite database with USERS users x TASKS tasks each (benchmarks only).

Rows go straight into the tables in one transaction: the app's own API would spend most of the
time in Argon2 for 10 000 sign-ups. Usage: seed.py DB_PATH USERS TASKS
"""
import random
import sqlite3
import sys
import time
import uuid


def main() -> None:
    path, users, tasks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    now = int(time.time() * 1000)
    rng = random.Random(42)
    words = ["buy", "milk", "call", "mom", "pay", "rent", "fix", "bike", "read", "book", "email", "boss", "plan", "trip"]
    tags = ["home", "work", "errands", "bills", "health"]
    started = time.time()
    with db:
        user_rows, task_rows = [], []
        for u in range(users):
            uid = str(uuid.uuid4())
            user_rows.append((uid, f"seed{u}@example.com", f"Seed {u}", 0, None, "UTC", now, now))
            for t in range(tasks):
                title = " ".join(rng.choice(words) for _ in range(3)) + f" {t}"
                due = now + rng.randint(-5, 30) * 86_400_000 if rng.random() < 0.6 else None
                done = rng.random() < 0.3
                created = now - rng.randint(0, 90 * 86_400_000)
                task_rows.append((str(uuid.uuid4()), uid, title, title.lower(), "", done, now if done else None,
                                  rng.randint(0, 3), due, f" {rng.choice(tags)} ", created, created))
            if len(task_rows) >= 100_000:
                flush(db, user_rows, task_rows)
        flush(db, user_rows, task_rows)
    print(f"seeded {users} users x {tasks} tasks in {time.time() - started:.1f}s")


def flush(db, user_rows, task_rows) -> None:
    db.executemany("INSERT INTO users (id, email, name, email_verified, image, time_zone, created_at, updated_at)"
                   " VALUES (?,?,?,?,?,?,?,?)", user_rows)
    db.executemany("INSERT INTO tasks (id, user_id, title, title_key, description, completed, completed_at, priority,"
                   " due_at, tags, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", task_rows)
    user_rows.clear()
    task_rows.clear()


if __name__ == "__main__":
    main()
