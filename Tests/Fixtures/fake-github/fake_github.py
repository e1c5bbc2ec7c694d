#!/usr/bin/env python3
"""A stand-in for the GitHub REST endpoints `benchboard comment` uses, on 127.0.0.1 only.

    fake_github.py STATE.json

STATE.json holds the scenario; it is read again at every request (so a test can change the
scenario between commands without a new server) and rewritten after it, so a test can read what
happened:
    token       the only token accepted ("Authorization: Bearer TOKEN"), else 401
    comments    [{"id": 1, "body": "..."}] of the one pull request, oldest first
    page_size   comments per page (the API's per_page is capped to it), to force pagination
    fail        {"GET"|"POST"|"PATCH": {"status": 403, "message": "...", "headers": {...}}}
    next_url    when set, the first page's Link rel="next" points there instead
    huge        {"GET"|"POST"|"PATCH": BYTES}: answer 200 with a body of BYTES spaces, streamed in
                1 MiB chunks (never held whole), for a client that must stop reading
    requests    appended: {"method", "path", "authorization"} of every request received

Prints the port it listens on, then serves until killed or for --lifetime seconds (default 60),
so a test that dies cannot leave it running for long.
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

STATE_PATH = sys.argv[1]
LIFETIME = float(sys.argv[sys.argv.index("--lifetime") + 1]) if "--lifetime" in sys.argv else 60.0
LOCK = threading.Lock()

STATE = {}


def load():
    with open(STATE_PATH) as f:
        STATE.clear()
        STATE.update(json.load(f))
    STATE.setdefault("comments", [])
    STATE.setdefault("requests", [])
    STATE.setdefault("page_size", 100)

LIST = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$")
ONE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$")


def save():
    with open(STATE_PATH + ".tmp", "w") as f:
        json.dump(STATE, f)
    import os
    os.replace(STATE_PATH + ".tmp", STATE_PATH)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        with LOCK:
            load()
            STATE["requests"].append({
                "method": method, "path": self.path,
                "authorization": self.headers.get("Authorization"),
            })
            try:
                self.route(method, url, raw)
            finally:
                save()

    def route(self, method, url, raw):
        if self.headers.get("Authorization") != "Bearer " + STATE["token"]:
            return self.reply(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
        huge = STATE.get("huge", {}).get(method)
        if huge:
            return self.stream(int(huge))
        failure = STATE.get("fail", {}).get(method)
        if failure:
            return self.reply(failure["status"], {"message": failure["message"]}, failure.get("headers"))
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        if method == "GET" and LIST.match(url.path):
            query = parse_qs(url.query)
            size = min(int(query.get("per_page", ["30"])[0]), STATE["page_size"])
            page = int(query.get("page", ["1"])[0])
            comments = STATE["comments"]
            chunk = comments[(page - 1) * size: page * size]
            last = max(1, -(-len(comments) // size))
            links = []
            if page < last:
                next_url = STATE.get("next_url") or "%s%s?per_page=%d&page=%d" % (base, url.path, size, page + 1)
                links.append('<%s>; rel="next"' % next_url)
                links.append('<%s%s?per_page=%d&page=%d>; rel="last"' % (base, url.path, size, last))
            headers = {"Link": ", ".join(links)} if links else {}
            return self.reply(200, [self.rendered(c, base) for c in chunk], headers)
        try:
            body = json.loads(raw.decode("utf-8")) if raw else None
        except ValueError:
            return self.reply(400, {"message": "Problems parsing JSON"})
        if not isinstance(body, dict) or not isinstance(body.get("body"), str):
            return self.reply(422, {"message": "Validation Failed", "errors": [{"code": "missing_field", "field": "body"}]})
        if method == "POST" and LIST.match(url.path):
            comment = {"id": max([c["id"] for c in STATE["comments"]] + [1000]) + 1, "body": body["body"]}
            STATE["comments"].append(comment)
            return self.reply(201, self.rendered(comment, base))
        match = ONE.match(url.path)
        if method == "PATCH" and match:
            for comment in STATE["comments"]:
                if comment["id"] == int(match.group(3)):
                    comment["body"] = body["body"]
                    return self.reply(200, self.rendered(comment, base))
        return self.reply(404, {"message": "Not Found"})

    def stream(self, size):
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b" " * (1 << 20)
        sent = 0
        try:
            while sent < size:
                part = chunk[:min(len(chunk), size - sent)]
                self.wfile.write(part)
                sent += len(part)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should
        self.close_connection = True

    @staticmethod
    def rendered(comment, base):
        return {"id": comment["id"], "body": comment["body"],
                "html_url": "%s/pull/1#issuecomment-%d" % (base, comment["id"])}

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")


class Server(HTTPServer):
    def handle_error(self, request, client_address):
        # A client that stops reading or closes a kept-alive connection is expected here
        # (the oversized answer, a 304 whose body the client does not read): not worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
