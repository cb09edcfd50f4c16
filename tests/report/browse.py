"""Opens pages in one headless Chromium and saves each page's DOM after its
scripts ran (what `chromium --dump-dom` prints), and a screenshot of the
first. One browser for every page: a Chromium start costs 2-4 s.

Usage: browse.py CHROMIUM PROFILE_DIR SCREENSHOT.png URL OUT.html [URL OUT.html ...]
The screenshot is of the first page in a 1280x6000 window without
scrollbars. Chromium is driven over --remote-debugging-pipe (the DevTools
protocol on file descriptors 3 and 4, messages ending in a NUL byte), so
nothing listens on a port.
"""
import base64
import fcntl
import json
import os
import select
import subprocess
import sys


# What --dump-dom prints: the doctype and the root element's HTML.
DUMP_DOM = ("(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
            " + document.documentElement.outerHTML")


class Browser:
    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def pipes_on_3_and_4():  # in the child: Chromium reads commands on fd 3, answers on fd 4
            r, w = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w))
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=pipes_on_3_and_4)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self):
        while b"\0" not in self.buffer:
            if not select.select([self.from_chrome], [], [], 60)[0]:
                raise RuntimeError("chromium did not answer for 60 s")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        """Sends a command and returns its result; events seen meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, method, session):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read_message())

    def open(self, url, width, height):
        """A new tab of the given size showing url, once its load event fired; its session."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session)
        self.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.send("Page.navigate", session, url=url)
        self.wait_event("Page.loadEventFired", session)
        return session

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


def main():
    chromium, profile, screenshot = sys.argv[1:4]
    pages = list(zip(sys.argv[4::2], sys.argv[5::2]))
    browser = Browser(chromium, profile)
    try:
        for i, (url, out) in enumerate(pages):
            session = browser.open(url, 1280, 6000)
            dom = browser.send("Runtime.evaluate", session, returnByValue=True, expression=DUMP_DOM)["result"]["value"]
            open(out, "w", encoding="utf-8").write(dom + "\n")
            if i == 0:
                png = browser.send("Page.captureScreenshot", session, format="png")["data"]
                open(screenshot, "wb").write(base64.b64decode(png))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
