"""Checks run by .ci/wheel-check with the installed wheel, from a folder outside the repository."""

import json
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run(["article6", *args], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        sys.exit(f"article6 {' '.join(args)} exited {r.returncode}:\n{r.stderr}")
    return r


site = Path(sysconfig.get_paths()["purelib"])
top = sorted(p.name for p in site.iterdir() if not p.name.endswith((".dist-info", ".pth")))
for generic in ("app", "paper_repro", "data", "tests"):
    if generic in top:
        sys.exit(f"the wheel installs a generic top-level name: {generic}")
import article6  # noqa: E402

if not Path(article6.__file__).is_relative_to(site):
    sys.exit(f"article6 imported from {article6.__file__}, not from the installed wheel")

print(run("reproduce").stdout.strip().splitlines()[-1])
doc = json.loads(run("compare", "kor-2021-ndc", "--json").stdout)
assert doc["scenario"] == "kor-2021-ndc" and len(doc["years"]) == 10, doc.keys()
listed = json.loads(run("scenarios", "--json").stdout)["scenarios"]
assert {s["id"] for s in listed} >= {"kor-2018-roadmap", "kor-2021-ndc", "kor-2023-plan"}, listed
for s in listed:
    run("compare", s["id"], "--json")
run("compare", "kor-2018-roadmap", "--price", "kau-2015-2019")
r = subprocess.run([sys.executable, "-m", "article6", "--version"], capture_output=True, text=True)
assert r.returncode == 0 and "article6" in r.stdout, r

# the app, served by the installed package, with its stylesheet
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
app = subprocess.Popen(["article6", "app", "--port", str(port)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
try:
    base = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            page = urllib.request.urlopen(base, timeout=5).read().decode()
            break
        except OSError:
            if app.poll() is not None:
                sys.exit(f"article6 app exited {app.returncode}: {app.stderr.read()}")
            time.sleep(0.1)
    else:
        sys.exit("article6 app did not answer")
    assert "style.css" in page, "the app's stylesheet is not linked"
    css = urllib.request.urlopen(base + "assets/style.css", timeout=5)
    assert css.status == 200 and css.read(), "the app's stylesheet is not served"
finally:
    app.terminate()
    app.wait(timeout=30)
print("installed wheel: reproduce, compare by id, scenarios, price preset, python -m, app: ok")
