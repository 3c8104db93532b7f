"""Replay bad inputs and faults against `kg build`, and print what each did to the output folder.

    python scripts/probe.py [--seed N] [--docs N] [--keep]

Bad inputs: a corpus folder named kg, the output folder inside the input, a
stray byte, a FIFO, a lone surrogate in JSONL, Big5, a 3 MB document, a 1.2 MB
JSONL line, ``-o`` naming a file, a full disk (``RLIMIT_FSIZE``). Faults:
``kill -9`` and ``kill -TERM`` at random moments of a two-worker build and
while its files are written, two builds at once into one folder, a damaged
cache (overwritten pages, a broken row, a row that is not UTF-8) and bit flips
in the merge base.

Each case starts from a copy of one good build. After it, the probe checks
that kg did not crash (a traceback, an "unexpected" error, a hang, a code
other than the expected one), that the output folder still holds one readable
graph.json, the last build's or the new one (else "lost"), whether the files
disagree with manifest.json (a swap cut short: "mixed", which the manifest
shows), that no process of the build outlived it, and that the next build
gives the right graph with nothing left over. Takes a few minutes; Linux.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.run.outdir import stale_files
from kg.run.processes import descendants

ROOT = Path(__file__).resolve().parent.parent
# `kg` as its console script runs it: the current folder is not on sys.path.
KG = [sys.executable, "-c", "import sys; del sys.path[0]; from kg.cli import run; run()"]
OK, PARTIAL, FAIL = 0, 3, 1


@dataclass
class Row:
    kind: str               # "input" or "fault"
    name: str
    code: int | str
    expected: str
    crash: bool = False
    lost: bool = False
    mixed: bool = False
    orphans: int = 0
    recovered: bool = True
    note: str = ""


def kg(*args: str, cwd: Path, timeout: float = 300, limit_bytes: int | None = None) -> tuple[int | str, str]:
    """Run kg; its exit code ("hang" past ``timeout``) and standard error."""
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)          # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([*KG, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                stdin=subprocess.DEVNULL, preexec_fn=limited if limit_bytes else None)
        try:
            code: int | str = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(proc.pid)
            proc.wait()
            code = "hang"
        err.seek(0)
        return code, err.read()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _kill_tree(pid: int) -> None:
    for p in [pid, *descendants(pid)]:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


def crashed(code: int | str, err: str, expected: tuple[int, ...]) -> bool:
    return code not in expected or "Traceback" in err or "unexpected" in err


class Probe:
    def __init__(self, work: Path, docs: int, seed: int) -> None:
        self.work, self.rng = work, random.Random(seed)
        self.rows: list[Row] = []
        self.corpus = self._corpus(work / "corpus", docs)
        self.extra = work / "extra.txt"       # one more document, sorted after the others
        self.extra.write_text("重庆市万州区委书记 张伟\n\n万州区推进一号工程建设。\n", encoding="utf-8")
        self.pristine = work / "pristine"
        code, err = kg("build", str(self.corpus), "-o", str(self.pristine), "--workers", "2", "--no-progress",
                       cwd=work)
        assert code == OK, err
        self.before = (self.pristine / "graph.json").read_bytes()
        self.after = self._reference("with-extra", str(self.corpus), str(self.extra))

    @staticmethod
    def _corpus(folder: Path, n: int) -> Path:
        folder.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
        for i in range(n):
            (folder / f"2020-{i:04d}.txt").write_text(texts[i % len(texts)] * 3 + f"\n第{i}期。\n", encoding="utf-8")
        return folder

    def _reference(self, name: str, *inputs: str) -> bytes:
        """The graph.json of a full build of ``inputs``; notes how long a two-worker build of them takes."""
        out = self.work / f"ref-{name}"
        t0 = time.monotonic()
        code, err = kg("build", *inputs, "-o", str(out), "--no-cache", "--no-progress", "--workers", "2",
                       cwd=self.work)
        self.seconds = time.monotonic() - t0
        assert code == OK, err
        return (out / "graph.json").read_bytes()

    def fresh(self, name: str) -> Path:
        out = self.work / "cases" / f"{len(self.rows):02d}-{name.replace(' ', '-').replace('/', '-')}"
        shutil.copytree(self.pristine, out, copy_function=shutil.copy2)
        return out

    # -- checks ----------------------------------------------------------------------------------

    def check(self, row: Row, out: Path, *, inputs: tuple[str, ...], new: bytes | None, seen: list[int] = ()) -> Row:
        """The output folder after a case, the build's processes, and the next build."""
        deadline = time.monotonic() + 20
        while any(alive(p) for p in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        row.orphans = sum(alive(p) for p in seen)
        for p in seen:
            if alive(p):
                os.kill(p, signal.SIGKILL)
        graph = out / "graph.json"
        if out.is_dir():
            try:
                data = graph.read_bytes()
                json.loads(data)
                row.lost = data not in (self.before, new) and new is not None
            except (OSError, ValueError):
                row.lost = True
            stale = stale_files(out)
            row.mixed = bool(stale)
            if stale:
                row.note += f" mixed: {','.join(stale)}"
        if new is not None and out.is_dir():
            code, err = kg("build", *inputs, "-o", str(out), "--no-progress", cwd=self.work)
            left = [p.name for p in out.iterdir() if p.name.startswith(".kg-build-") or p.name.endswith(".tmp")]
            row.recovered = code in (OK, PARTIAL) and graph.read_bytes() == new and not left \
                and stale_files(out) == []
            if not row.recovered:
                row.note += f" next build: {code} {err.strip()[-120:]} left={left}"
        self.rows.append(row)
        return row

    # -- bad inputs ----------------------------------------------------------------------------

    def bad_input(self, name: str, build_args: list[str], expected: tuple[int, ...], *, cwd: Path | None = None,
                  timeout: float = 300, limit_bytes: int | None = None, out: Path | None = None,
                  new: bytes | None = None) -> None:
        out = out or self.fresh(name)
        code, err = kg("build", *build_args, "-o", str(out), "--no-progress", cwd=cwd or self.work,
                       timeout=timeout, limit_bytes=limit_bytes)
        row = Row("input", name, code, "/".join(map(str, expected)), crash=crashed(code, err, expected),
                  note=(err.strip().splitlines() or [""])[-1][:110])
        if out.is_dir() and code not in (OK, PARTIAL) and (out / "graph.json").exists():
            row.lost = (out / "graph.json").read_bytes() != self.before
        self.rows.append(row)

    def inputs(self) -> None:
        w = self.work / "in"
        w.mkdir()
        texts = sorted((ROOT / "examples").glob("*.txt"))
        (w / "kgdir" / "kg").mkdir(parents=True)
        for p in texts:
            shutil.copy(p, w / "kgdir" / "kg")
        self.bad_input("corpus folder named kg", ["kg", "--workers", "2"], (OK,), cwd=w / "kgdir",
                       out=w / "kgdir" / "out")
        nest = w / "nest"
        nest.mkdir()
        shutil.copy(texts[0], nest)
        kg("build", str(nest), "-o", str(nest / "out"), "--no-progress", cwd=self.work)
        self.bad_input("output folder inside the input", [str(nest)], (OK,), out=nest / "out")
        stray = w / "stray"
        stray.mkdir()
        (stray / "a.txt").write_bytes(texts[0].read_bytes()[:300] + b"\xff" + texts[0].read_bytes()[300:])
        self.bad_input("one stray byte in UTF-8", [str(stray)], (OK,))
        fifo = w / "fifo"
        fifo.mkdir()
        shutil.copy(texts[0], fifo)
        os.mkfifo(fifo / "x.txt")
        self.bad_input("a FIFO named x.txt", [str(fifo)], (PARTIAL,), timeout=60)
        sur = w / "sur.jsonl"
        sur.write_text(json.dumps({"id": "x\ud800y", "title": "t\udc00", "text": texts[0].read_text("utf-8")}) + "\n",
                       encoding="utf-8")
        self.bad_input("lone surrogate in JSONL metadata", [str(sur)], (OK, PARTIAL))
        big5 = w / "big5.txt"
        big5.write_bytes("臺北市政府舉辦產業論壇，市長出席並致詞。\n".encode("big5") * 20)
        self.bad_input("a Big5 file", [str(big5)], (OK,))
        huge = w / "huge.txt"
        body = texts[1].read_text("utf-8")
        huge.write_text(body + "\n\n" + "会议强调，要坚持稳中求进，推动高质量发展。\n\n" * 48_000 + body, encoding="utf-8")
        self.bad_input("3 MB document (1.1 M characters)", [str(huge)], (OK,))
        line = w / "line.jsonl"
        line.write_text(json.dumps({"id": "long", "text": "推动高质量发展。" * 150_000 + body},
                                   ensure_ascii=False) + "\n", encoding="utf-8")
        self.bad_input("1.2 M-character JSONL line", [str(line)], (OK,))
        afile = w / "afile"
        afile.write_text("not a folder")
        self.bad_input("-o naming a file", [str(self.corpus)], (FAIL,), out=afile)
        self.bad_input("full disk (RLIMIT_FSIZE 300 KB)", [str(self.corpus), str(self.extra)], (FAIL,),
                       limit_bytes=300_000)

    # -- faults ----------------------------------------------------------------------------------

    def killed(self, how: signal.Signals, moment: str) -> None:
        """A build of the corpus and one more document, killed at a random moment or while writing its files."""
        name = f"kill -{9 if how == signal.SIGKILL else 'TERM'} {moment}"
        out = self.fresh(name)
        args = [str(self.corpus), str(self.extra), "-o", str(out), "--workers", "2", "--no-progress", "--no-cache"]
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen([*KG, "build", *args], cwd=self.work, stderr=err, stdout=subprocess.DEVNULL)
            seen: list[int] = []
            start, delay = time.monotonic(), self.rng.uniform(0.1, 0.8) * self.seconds
            while proc.poll() is None and time.monotonic() - start < 240:
                seen = sorted(set(seen) | set(descendants(proc.pid)))
                if moment != "while writing" and time.monotonic() - start > delay:
                    break
                if moment == "while writing" and any(p.name.startswith(".kg-build-") for p in out.iterdir()):
                    time.sleep(self.rng.uniform(0, 0.3))
                    break
                time.sleep(0.01)
            note = f"at {time.monotonic() - start:.1f} s of a {self.seconds:.1f} s build"
            if proc.poll() is not None:
                note = "finished before the kill"
            if proc.poll() is None:
                os.kill(proc.pid, how)
            code = proc.wait(timeout=120)
            err.seek(0)
            text = err.read()
        expected = (-9,) if how == signal.SIGKILL else (143,)
        row = Row("fault", name, code, str(expected[0]), crash=code != 0 and crashed(code, text, expected),
                  note=note)
        self.check(row, out, inputs=(str(self.corpus), str(self.extra)), new=self.after, seen=seen)

    def concurrent(self) -> None:
        """Two builds at once into one folder: one waits for the other; the next merge build is right."""
        out = self.fresh("two-builds")
        procs = []
        for extra in ([], [str(self.extra)]):
            fmt = ["--format", "json"] if extra else []
            procs.append(subprocess.Popen([*KG, "build", str(self.corpus), *extra, "-o", str(out), "--workers", "2",
                                           "--no-progress", "--no-cache", *fmt], cwd=self.work,
                                          stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True))
        results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
        waited = any("waiting for" in e for _, e in results)
        row = Row("fault", "two builds at once", "/".join(str(c) for c, _ in results), "0/0",
                  crash=any(crashed(c, e, (OK,)) for c, e in results), note="one waited" if waited else "no wait")
        self.check(row, out, inputs=(str(self.corpus), str(self.extra)), new=self.after)

    def damaged(self, name: str, damage) -> None:
        out = self.fresh(name)
        damage(out)
        code, err = kg("build", str(self.corpus), str(self.extra), "-o", str(out), "--format", "json",
                       "--no-progress", cwd=self.work)
        row = Row("fault", name, code, "0", crash=crashed(code, err, (OK,)))
        row.lost = code == OK and (out / "graph.json").read_bytes() != self.after
        if row.lost:
            row.note = "graph.json is not the full build's"
        self.check(row, out, inputs=(str(self.corpus), str(self.extra)), new=self.after)

    def faults(self, kills: int) -> None:
        for i in range(kills):
            self.killed(signal.SIGKILL if i % 2 == 0 else signal.SIGTERM, "at a random moment")
        for how in (signal.SIGKILL, signal.SIGTERM):
            self.killed(how, "while writing")
        self.concurrent()
        db = ".kg-cache/results.sqlite"

        def pages(out: Path) -> None:
            with open(out / db, "r+b") as fh:
                for page in (3, 4):
                    fh.seek(page * 16384)
                    fh.write(bytes(range(256)) * 64)

        def row(value: str | bytes) -> Callable[[Path], None]:
            def damage(out: Path) -> None:
                with sqlite3.connect(out / db) as con:
                    con.execute("UPDATE results SET result = ? WHERE key = (SELECT min(key) FROM results)", (value,))
            return damage

        self.damaged("cache: two pages overwritten", pages)
        self.damaged("cache: a row set to {not json", row("{not json"))
        self.damaged("cache: a row not UTF-8", row(b"\xff\xfe"))
        base = ".kg-cache/graph-base.marshal"
        size = (self.pristine / base).stat().st_size
        for at in sorted(self.rng.sample(range(64, size), 5)):
            def flip(out: Path, at: int = at) -> None:
                data = bytearray((out / base).read_bytes())
                data[at] ^= 1 << self.rng.randrange(8)
                (out / base).write_bytes(bytes(data))
            self.damaged(f"base: bit flip at byte {at}", flip)

    def table(self) -> str:
        lines = [f"{'case':<40} {'exit':>5} {'want':>5} {'crash':>5} {'lost':>4} {'mixed':>5} {'orph':>4} "
                 f"{'next ok':>7}  note"]
        for r in self.rows:
            lines.append(f"{r.name[:40]:<40} {r.code!s:>5} {r.expected:>5} {'X' if r.crash else '':>5} "
                         f"{'X' if r.lost else '':>4} {'x' if r.mixed else '':>5} {r.orphans or '':>4} "
                         f"{'' if r.recovered else 'NO':>7}  {r.note.strip()[:100]}")
        ins = [r for r in self.rows if r.kind == "input"]
        fs = [r for r in self.rows if r.kind == "fault"]
        lines.append("")
        lines.append(f"inputs tried {len(ins)}, faults injected {len(fs)}, crashes {sum(r.crash for r in self.rows)}, "
                     f"outputs lost {sum(r.lost for r in self.rows)}, orphaned processes "
                     f"{sum(r.orphans for r in self.rows)}, not recovered by the next build "
                     f"{sum(not r.recovered for r in self.rows)} (mixed sets shown by the manifest: "
                     f"{sum(r.mixed for r in self.rows)})")
        return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=19, help="moments of the kills, bits flipped (default 19)")
    p.add_argument("--docs", type=int, default=200, help="documents of the corpus (default 200)")
    p.add_argument("--kills", type=int, default=6, help="kills at random moments of extraction (default 6)")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = p.parse_args()
    if sys.platform != "linux":
        print("the probe reads /proc: Linux only", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kg-probe-"))
    t0 = time.monotonic()
    try:
        probe = Probe(work, args.docs, args.seed)
        probe.inputs()
        probe.faults(args.kills)
        print(probe.table())
        print(f"({time.monotonic() - t0:.0f} s{'; scratch in ' + str(work) if args.keep else ''})")
        bad = [r for r in probe.rows if r.crash or r.lost or r.orphans or not r.recovered]
        return 1 if bad else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
