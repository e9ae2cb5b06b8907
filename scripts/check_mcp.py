#!/usr/bin/env python3
"""An independent MCP client against Taskpilot's /mcp: the official Python SDK (`mcp` from PyPI).

Usage: check_mcp.py URL TOKEN FOREIGN_TASK_ID
Initializes, lists the tools, adds, lists and completes a task, and checks that a task of
another user (FOREIGN_TASK_ID) is a tool error. Exits non-zero on the first surprise.
The integration tests run it (tests/api/mcp.rs) when TASKPILOT_MCP_PYTHON names a Python
with `mcp` installed; scripts/test.sh sets that up.
"""
import asyncio
import json
import sys

import httpx
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client


def payload(result):
    return json.loads(result.content[0].text)


async def main(url: str, token: str, foreign_id: str) -> None:
    http = httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30)
    async with http, streamable_http_client(url, http_client=http) as (read, write, _):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            assert init.serverInfo.name == "taskpilot", init.serverInfo
            tools = {t.name: t for t in (await session.list_tools()).tools}
            for name in ("add_task", "list_tasks", "complete_task", "get_overview", "add_tasks"):
                assert name in tools, sorted(tools)
            assert tools["list_tasks"].annotations.readOnlyHint is True
            added = await session.call_tool("add_task", {"title": "Sent from Python", "priority": "low"})
            assert not added.isError, added
            task_id = payload(added)["task"]["id"]
            found = payload(await session.call_tool("list_tasks", {"query": "from python"}))
            assert [t["id"] for t in found["tasks"]] == [task_id], found
            done = await session.call_tool("complete_task", {"task": task_id})
            assert not done.isError and payload(done)["task"]["completed"] is True, done
            for reference in (foreign_id, "Bob's secret plan"):
                refused = await session.call_tool("complete_task", {"task": reference})
                assert refused.isError, refused
            overview = payload(await session.call_tool("get_overview", {}))
            assert "time_zone" in overview, overview
    print("python mcp client: ok")


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
