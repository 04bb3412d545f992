#!/usr/bin/env python3
"""Throws mutated deliveries and random queries at a running server for a while; reports every
answer by status and fails on a 5xx, a dropped connection or a panic in the server's log.

    scripts/fuzz [SECONDS]      (starts the release server on a fresh database itself)

Inputs: the three delivery fixtures (CSV, GeoJSON, Planmonitor), mutated (bytes flipped,
inserted, deleted, lines duplicated or cut, Unicode and delimiters sprinkled in, numbers
replaced by extremes), posted as dry runs; and random query strings (known and unknown
parameters, known and garbage values, repeated, overlong, percent-encoded bytes) against the
public API and pages. Not part of CI: run it by hand after changing a parser.
"""
import collections
import http.client
import os
import random
import sys
import time
import urllib.parse

HOST, PORT = "127.0.0.1", int(os.environ.get("FUZZ_PORT", "3099"))
TOKEN = os.environ["FUZZ_TOKEN"]
LOG = os.environ["FUZZ_LOG"]
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 300
ROOT = os.path.join(os.path.dirname(__file__), "..")
FIXTURES = [
    ("text/csv", open(os.path.join(ROOT, "server/tests/fixtures/emmen.csv"), "rb").read()),
    ("application/geo+json", open(os.path.join(ROOT, "server/tests/fixtures/emmen.geojson"), "rb").read()),
    ("application/json", open(os.path.join(ROOT, "server/tests/fixtures/emmen-planmonitor.json"), "rb").read()),
]
SPICE = [b";", b",", b"\"", b"\n", b"\r\n", b"\x00", b"\xff\xfe", "é".encode(), "🏠".encode(), b"{", b"}", b"[", b"]", b":",
         b"-1", b"1e308", b"NaN", b"99999999999999999999", b"0.0000001", b"\\u0000", b"null", b"true", b"POLYGON((", b"GM0106"]
KEYS = ["huurkoop", "prijsklasse", "ontwikkelaar", "soort", "regio", "gemeente", "status", "van", "tot", "woonvorm", "ligging",
        "project", "sorteer", "volgorde", "toon", "weergave", "tegels", "filters", "gebied", "hoogte", "zoek", "x", ""]
VALUES = ["huur", "koop", "sociale-huur", "dure-koop", "noord", "zuidwest", "GM0114", "0114", "GM9999", "in-aanbouw", "2027",
          "1800", "-5", "99999999999", "naam", "woningen", "desc", "asc", "lijst", "kaart", "cijfers", "uit", "50", "0",
          "%00", "%ff", "%C3%A9", "é" * 50, "a" * 5000, "'\"<script>", "../../etc/passwd", ""]
PATHS = ["/api/projects", "/api/kaart", "/api/kaart/namen", "/api/stats", "/api/stats/regio/noord", "/api/stats/gemeente/GM0114",
         "/api/stats/oplevering.csv", "/", "/regio", "/regio/noord", "/gemeente/GM0114", "/embed", "/embed/maken",
         "/api/projects/GM0114-x", "/regio/%C3%A9", "/gemeente/%FF"]


def mutate(data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(random.randint(1, 8)):
        kind = random.randrange(7)
        at = random.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = random.randrange(256)
        elif kind == 1:
            data[at:at] = random.choice(SPICE)
        elif kind == 2:
            del data[at:at + random.randint(1, 40)]
        elif kind == 3:
            lines = bytes(data).split(b"\n")
            i = random.randrange(len(lines))
            lines[i:i] = [lines[i]] * random.randint(1, 50)
            data = bytearray(b"\n".join(lines))
        elif kind == 4:
            data = data[:at]
        elif kind == 5:
            data[at:at] = random.choice(SPICE) * random.randint(10, 5000)
        else:
            digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
            if digits:
                i = random.choice(digits)
                data[i:i + 1] = random.choice([b"-1", b"1e400", b"0.5", b"4294967296", b"2101", b"1989"])
    return bytes(data)


def query() -> str:
    pairs = []
    for _ in range(random.randint(0, 6)):
        pairs.append(random.choice(KEYS) + "=" + urllib.parse.quote(random.choice(VALUES), safe="%"))
    if random.random() < 0.1:
        # Any text, percent-encoded as UTF-8 (a request line itself is ASCII).
        text = "".join(chr(random.randrange(32, 0x2FFF)) for _ in range(random.randint(1, 30)))
        pairs.append(urllib.parse.quote(text, safe="=&"))
    return "&".join(pairs)


def ask(method: str, path: str, body: bytes = b"", content_type: str = "") -> int:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    headers = {"Accept-Encoding": random.choice(["br", "gzip", "identity"])}
    if body or method == "POST":
        headers["Authorization"] = f"Bearer {TOKEN}"
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except Exception as e:  # a dropped connection is a failure too
        print(f"FOUT: {method} {path[:120]}: {e!r}", file=sys.stderr)
        return 0
    finally:
        connection.close()


def main() -> int:
    random.seed(int(os.environ.get("FUZZ_SEED", "1")))
    statuses = collections.Counter()
    failures = []
    end = time.time() + SECONDS
    while time.time() < end:
        if random.random() < 0.5:
            content_type, fixture = random.choice(FIXTURES)
            status = ask("POST", "/api/beheer/import?proef=ja", mutate(fixture), random.choice([content_type, "text/csv", "application/json", ""]))
            what = f"levering ({content_type})"
        else:
            path = random.choice(PATHS)
            q = query()
            status = ask("GET", f"{path}?{q}" if q else path)
            what = f"GET {path}"
        statuses[(what, status)] += 1
        if status == 0 or status >= 500:
            failures.append((what, status))
    log = open(LOG, encoding="utf-8", errors="replace").read()
    panics = [line for line in log.splitlines() if "panicked" in line]
    print(f"{sum(statuses.values())} verzoeken in {SECONDS:.0f} s")
    for (what, status), n in sorted(statuses.items()):
        print(f"  {n:6d} × {status} {what}")
    print(f"5xx of verbroken: {len(failures)}; panics in het log: {len(panics)}")
    for line in panics[:10]:
        print("  " + line)
    return 1 if failures or panics else 0


if __name__ == "__main__":
    sys.exit(main())
