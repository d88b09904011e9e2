#!/usr/bin/env python3
"""The benchmark workload of issue 2 (section 6), for ipamcore or any NetBox 4 server.

    python bench/run.py --url http://127.0.0.1:8000 --token nbt_xxx.yyy \\
        --server-pids <gunicorn master pid> --json bench/results/run.json

Prints ops/s and p50/p95 per phase and writes the figures as JSON. Every run works in
a random, verified-empty 10.x.0.0/16 and 2001:db8:x::/48 of the global table and
deletes what it created, also when it fails, so it can be repeated against one server.
`--smoke` runs every phase scaled down; `--workload sites` checks the benchmark's own
plumbing against /api/dcim/sites/ on a server without IPAM. bench/serve.sh starts
ipamcore the way it is measured; docs/performance.md has the targets.

Needs only the standard library and `requests`, no Django: it can measure a server
installed elsewhere (such as NetBox) from any Python 3.12.
"""

import sys
from pathlib import Path

if not __package__:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
