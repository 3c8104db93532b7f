"""Throughput of ``kg build`` on synthetic corpora, measured against ``jieba.cut`` itself.

For each size it writes a corpus of speeches (about 3,000 characters each) and
reports, in one run:

- ``jieba.cut`` (accurate mode, HMM on) characters per second of CPU time
  over the same texts, in this process: the reference;
- ``kg build`` characters per second with each worker count (a subprocess,
  ``--no-cache``, wall time including start-up), its CPU time per document, the
  one-worker build's speed relative to jieba (both in CPU time, so that other
  jobs on the machine do not skew it; each build against the jieba runs just
  before and after it, the median over the repeats) and the speed-up in wall time of the
  largest worker count over one;
- the parallel ceiling of the machine: how much faster two (the largest worker
  count) processes running ``jieba.cut`` side by side get through it than one
  alone; a shared-core machine gives less than 2x to any program;
- the peak resident memory of each build (the build's whole process tree,
  sampled with psutil);
- a full build (``--format json``, as every build here) that fills the cache
  and keeps its merge base, then a rebuild after adding 1% new documents,
  which merges them onto it (``kg.run.incremental``), and the rebuild's share of
  the full build's time.

Run it from the repository root::

    python benchmarks/throughput.py                      # 100, 1,000 and 10,000 documents
    python benchmarks/throughput.py --sizes 100 --quick  # a quick look, about 30 s
    python benchmarks/throughput.py --sizes 1000 --repeat 3 --profile 1000

The texts come from built-in templates of the genre (varied names and numbers),
or, with ``--source examples``, from paragraphs of ``examples/*.txt`` shuffled
with their numbers changed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- corpus

REGIONS = (
    "江北区 渝北区 南岸区 九龙坡区 沙坪坝区 大渡口区 巴南区 北碚区 长寿区 江津区 合川区 永川区 璧山区 "
    "铜梁区 潼南区 荣昌区 綦江区 大足区 涪陵区 万州区 黔江区 梁平区 武隆区 开州区 南川区 城口县 丰都县 "
    "垫江县 忠县 云阳县 奉节县 巫山县 巫溪县 石柱县 秀山县 酉阳县 彭水县"
).split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金廖贾夏韦方白邹孟熊秦邱尹薛段雷侯龙史陶黎贺顾毛郝龚邵严覃戴莫孔汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂华建国文辉力宏志海林斌鹏宇浩凯健俊帆安疆晓东红春玲云峰波涌庆祥瑞成"
BRANDS = "新视通 长安 华峰 金山 海川 云图 智联 博远 天润 中科 赛力 京东方 紫光 恒瑞 力帆 宗申 隆鑫 西南 巴渝 嘉陵 山城 渝江 江城 锦程".split()
TRADES = "智能科技 新材料 生物医药 汽车零部件 电子信息 新能源 数字科技 精密制造 食品 现代物流 半导体 软件".split()
FACILITIES = "产业园 生产基地 研发中心 智能工厂 总部基地 二期项目 扩能项目 配套项目".split()
PROGRAMS = ("一号工程 双城经济圈建设 乡村振兴 数字重庆 智造重镇 科创高地 强链补链 招商引资 "
            "城市更新 生态保护 营商环境 民生实事 技能人才 专精特新 共同富裕").split()
PROGRAM_KINDS = "行动 工程 计划 专项行动 三年行动计划 攻坚行动".split()
TITLES = ("区委书记", "县委书记", "区长", "县长", "党工委书记")

SENTENCES = (
    "上半年全{r}地区生产总值增长{p}%,固定资产投资增长{p2}%,规模以上工业增加值增长{p3}%。",
    "坚持把项目建设作为稳增长的主抓手,新谋划项目{n}个,今年计划投资{m}亿元。",
    "引进{c},总投资{m}亿元,预计年产值{m2}亿元,新增就业岗位{n}个。",
    "{c}与{c2}签署战略合作协议,共同建设{proj}。",
    "{proj}开工建设,计划{y}年建成投产,达产后年产值{m}亿元。",
    "深入实施“{prog}”,组建{n}个招商专班,引进重大项目{n2}个、合同投资额{m}亿元。",
    "{c}投资{m}亿元建设的{proj}已完成主体工程,正在进行设备安装调试。",
    "加快推进{proj}建设,累计完成投资{m}亿元,占年度计划的{p}%。",
    "以“{prog}”为牵引,新建数字化车间{n}个、智能工厂{n2}个,制造业投资增长{p}%。",
    "{r}与{r2}共建产业合作园区,已落地项目{n}个,总投资{m}亿元。",
    "围绕{trade}产业链,培育规模以上企业{n}家,产业规模突破{m}亿元。",
    "建立“一项目一专班”机制,{n}个市级重大项目全部开工,完成投资{m}亿元。",
    "推动{c}扩能升级,{proj}投产后将新增产能{n}万件。",
    "开展“{prog}”,全年新增市场主体{n}户,其中企业{n2}户。",
    "强化要素保障,新增建设用地{n}亩,争取专项债券{m}亿元,为项目落地提供支撑。",
    "下一步,{r}将聚焦{trade}等重点产业,持续推动高质量发展,奋力谱写新篇章。",
)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _company(rng: random.Random, region: str) -> str:
    prefix = rng.choice(("重庆", "重庆", region.rstrip("区县"), ""))
    return f"{prefix}{rng.choice(BRANDS)}{rng.choice(TRADES)}{rng.choice(('有限公司', '股份有限公司'))}"


def _project(rng: random.Random) -> str:
    return f"{rng.choice(BRANDS)}{rng.choice(TRADES)}{rng.choice(FACILITIES)}"


def _program(rng: random.Random) -> str:
    return rng.choice(PROGRAMS) + rng.choice(PROGRAM_KINDS)


def template_text(i: int, chars: int) -> str:
    """Speech ``i`` from the built-in templates: a heading, its speaker, paragraphs of facts."""
    rng = random.Random(i)
    region = rng.choice(REGIONS)
    title = rng.choice(TITLES[:2] if region.endswith("区") else TITLES[1:4:2])
    if region.endswith("区") and title.startswith("县"):
        title = "区" + title[1:]
    lines = [f"### {rng.choice(PROGRAMS)}见实效 {rng.choice(TRADES)}谋新篇", "",
             f"{region}{title} {_person(rng)}", ""]
    size = sum(len(x) for x in lines)
    while size < chars:
        para = "".join(rng.choice(SENTENCES).format(
            r=region, r2=rng.choice(REGIONS), c=_company(rng, region), c2=_company(rng, rng.choice(REGIONS)),
            proj=_project(rng), prog=_program(rng), trade=rng.choice(TRADES),
            p=rng.randint(2, 30) + rng.randint(0, 9) / 10, p2=rng.randint(2, 30) + rng.randint(0, 9) / 10,
            p3=rng.randint(2, 30) + rng.randint(0, 9) / 10, n=rng.randint(2, 300), n2=rng.randint(2, 60),
            m=rng.randint(1, 900), m2=rng.randint(1, 500), y=rng.randint(2024, 2027))
            for _ in range(rng.randint(2, 5)))
        lines += [para, ""]
        size += len(para) + 1
    return "\n".join(lines)


def example_paragraphs() -> list[str]:
    """Paragraphs of the example texts in ``examples/`` (empty when there are fewer than three texts)."""
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts = [t for t in texts if len(t) > 500]
    if len(texts) < 3:
        return []
    return [p.strip() for t in texts for p in re.split(r"\n\s*\n", t) if len(p.strip()) > 20]


def example_text(i: int, chars: int, paragraphs: list[str]) -> str:
    """Speech ``i`` from shuffled example paragraphs, numbers changed, under a new speaker line."""
    rng = random.Random(i)
    region = rng.choice(REGIONS)
    lines = [f"{region}{'区委书记' if region.endswith('区') else '县委书记'} {_person(rng)}", ""]
    size = len(lines[0])
    while size < chars:
        para = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), rng.choice(paragraphs))
        lines += [para, ""]
        size += len(para) + 1
    return "\n".join(lines)


def write_corpus(folder: Path, start: int, count: int, *, chars: int, source: str) -> int:
    """Write documents ``start .. start+count-1``; returns the characters written."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = example_paragraphs() if source == "examples" else []
    if source == "examples" and not paragraphs:
        raise SystemExit("--source examples: examples/ holds fewer than three texts; use --source templates")
    total = 0
    for i in range(start, start + count):
        text = example_text(i, chars, paragraphs) if paragraphs else template_text(i, chars)
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


# ---------------------------------------------------------------- measuring


def jieba_speed(folder: Path) -> float:
    """Characters per second of ``jieba.cut`` (accurate mode, HMM on) over the files in ``folder``."""
    import logging

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    chars, seconds = 0, 0.0
    for f in sorted(folder.iterdir()):
        text = f.read_text(encoding="utf-8")
        t0 = time.process_time()  # CPU time: robust when other jobs share the cores
        for _ in tok.cut(text):
            pass
        seconds += time.process_time() - t0
        chars += len(text)
    return chars / seconds


def _cut_in_step(paths: list[str], barrier, results) -> None:
    """One process of :func:`parallel_ceiling`: load jieba, wait for the others, then cut and time."""
    import logging

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    barrier.wait()
    t0 = time.perf_counter()
    for text in texts:
        for _ in tok.cut(text):
            pass
    results.put(sum(map(len, texts)) / (time.perf_counter() - t0))


def parallel_ceiling(folder: Path, processes: int, files: int = 150) -> float:
    """The speed-up ``processes`` CPU-bound Python processes can give on this machine, at most.

    ``processes`` times the speed of ``jieba.cut`` in each of ``processes`` processes
    running at once, over its speed in one process alone: cores that share caches,
    memory bandwidth or a hypervisor run slower side by side than alone.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    paths = [str(f) for f in sorted(folder.iterdir())[:files]]

    def speeds(n: int) -> list[float]:
        barrier, results = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_cut_in_step, args=(paths, barrier, results)) for _ in range(n)]
        for proc in procs:
            proc.start()
        out = [results.get() for _ in procs]
        for proc in procs:
            proc.join()
        return out

    alone = speeds(1)[0]
    return sum(speeds(processes)) / alone


@dataclass
class Run:
    seconds: float           # wall time
    cpu: float               # user + system time of the build and its workers
    peak_mb: float
    summary: str = ""


def run_build(args: list[str], *, prefix: list[str] | None = None) -> Run:
    """Run ``python -m kg build ARGS`` once, from the repository root; wall time and peak RSS of its process tree."""
    import psutil

    cmd = [*(prefix or [sys.executable]), "-m", "kg", "build", *args, "--format", "json", "--no-progress"]
    # Files written before (a corpus, a copied output folder) are flushed first: their write-back
    # would otherwise compete with the build's own writes for the disk.
    if hasattr(os, "sync"):
        os.sync()
    usage = _cpu_used()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}      # CPU time of every process of the tree, as last seen
    while proc.poll() is None:
        rss = 0
        for p in [ps, *_children(ps)]:
            try:
                rss += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"kg build failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    # Children that the build waits for count in its rusage; workers forked by a fork server
    # are the server's children, which the build does not wait for: they count as sampled.
    return Run(seconds, max(_cpu_after(usage), sum(cpu.values())), peak / 2 ** 20,
               err.strip().splitlines()[-1] if err.strip() else "")


def _children(ps) -> list:
    import psutil

    try:
        return ps.children(recursive=True)
    except psutil.Error:
        return []


def _cpu_used() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _cpu_after(before: float) -> float:
    return _cpu_used() - before


@dataclass
class Row:
    docs: int
    chars: int
    jieba_cps: float
    builds: dict[int, Run] = field(default_factory=dict)
    full: Run | None = None
    rebuild: Run | None = None
    added: int = 0
    ceiling: float = 0.0     # parallel_ceiling for the largest worker count
    # One worker's speed over jieba's, one per repeat: each build against the jieba runs just before
    # and after it (their mean), so that both sides of a ratio share the machine's spell.
    paired: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The median paired ratio of one worker to ``jieba.cut`` (CPU time, start-up included)."""
        return statistics.median(self.paired)


def measure(size: int, work: Path, opts: argparse.Namespace) -> Row:
    corpus = work / f"corpus-{size}"
    chars = write_corpus(corpus, 0, size, chars=opts.chars, source=opts.source)
    row = Row(size, chars, 0.0)
    runs: dict[int, list[Run]] = {w: [] for w in opts.workers}
    # jieba and the worker counts take turns (jieba first and last), so that a slow spell of the machine
    # falls on each alike; each keeps its best run, and each one-worker build is also paired with the
    # jieba runs around it (this shared machine's speed drifts by a third within minutes).
    cuts: list[float] = [jieba_speed(corpus)]
    w1 = min(opts.workers)
    for _ in range(opts.repeat):
        for w in opts.workers:
            out = work / f"out-{size}-w{w}"
            runs[w].append(run_build([str(corpus), "-o", str(out), "--workers", str(w), "--no-cache"]))
        cuts.append(jieba_speed(corpus))
        row.paired.append(chars / runs[w1][-1].cpu / statistics.mean(cuts[-2:]))
    row.jieba_cps = max(cuts)
    print(f"[{size} docs, {chars:,} chars] jieba.cut {row.jieba_cps:,.0f} chars/s (best of {len(cuts)}: "
          f"{', '.join(f'{c:,.0f}' for c in cuts)}); one worker / jieba, paired: "
          f"{', '.join(f'{x:.2f}' for x in row.paired)}", file=sys.stderr)
    for w in opts.workers:
        row.builds[w] = min(runs[w], key=lambda r: r.seconds)
        print(f"  --workers {w}: {row.builds[w].seconds:.1f} s (best of {opts.repeat}: "
              f"{', '.join(f'{r.seconds:.1f}' for r in runs[w])}), peak {row.builds[w].peak_mb:.0f} MB",
              file=sys.stderr)
    if max(opts.workers) > 1:
        row.ceiling = parallel_ceiling(corpus, max(opts.workers))
        print(f"  {max(opts.workers)} jieba.cut processes at once: {row.ceiling:.2f}x one", file=sys.stderr)
    graphs = {(work / f"out-{size}-w{w}" / "graph.json").read_bytes() for w in opts.workers}
    if len(graphs) != 1:
        raise SystemExit(f"graph.json differs between worker counts at {size} documents")
    if not opts.quick:
        w = max(opts.workers)
        out = work / f"out-{size}-cached"
        fulls = []
        for _ in range(opts.repeat):
            shutil.rmtree(out, ignore_errors=True)
            fulls.append(run_build([str(corpus), "-o", str(out), "--workers", str(w)]))
        row.full = min(fulls, key=lambda r: r.seconds)
        # Each rebuild starts from the same built folder: a copy of it as the full build left it.
        built = work / f"out-{size}-built"
        shutil.rmtree(built, ignore_errors=True)
        shutil.copytree(out, built, copy_function=shutil.copy2)
        row.added = max(1, size // 100)
        chars += write_corpus(corpus, size, row.added, chars=opts.chars, source=opts.source)
        rebuilds = []
        for _ in range(opts.repeat):
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(built, out, copy_function=shutil.copy2)
            rebuilds.append(run_build([str(corpus), "-o", str(out), "--workers", str(w)]))
        row.rebuild = min(rebuilds, key=lambda r: r.seconds)
        shutil.rmtree(built, ignore_errors=True)
        print(f"  full build {', '.join(f'{r.seconds:.1f}' for r in fulls)} s; rebuild after +{row.added} docs "
              f"{', '.join(f'{r.seconds:.2f}' for r in rebuilds)} s; {row.rebuild.summary}", file=sys.stderr)
    return row


def profile(size: int, work: Path, opts: argparse.Namespace) -> Path:
    """A pyinstrument profile of a one-worker build of ``size`` documents; returns the text report."""
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        write_corpus(corpus, 0, size, chars=opts.chars, source=opts.source)
    report = work / f"profile-{size}.txt"
    run_build([str(corpus), "-o", str(work / "out-profile"), "--workers", "1", "--no-cache"],
              prefix=[sys.executable, "-m", "pyinstrument", "--renderer", "text", "--outfile", str(report)])
    return report


def table(rows: list[Row], workers: list[int]) -> str:
    wmax, w1 = max(workers), min(workers)
    head = ["docs", "chars", "jieba.cut c/s"]
    for w in workers:
        head += [f"kg w={w} c/s", f"w={w} ms/doc", f"w={w} CPU ms/doc", f"w={w} peak MB"]
    head += [f"kg w={w1} / jieba (CPU)", f"w={wmax} / w={w1}", f"{wmax} jieba processes / 1",
             "full build s", "rebuild +1% s", "rebuild / full"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r.docs:,}", f"{r.chars:,}", f"{r.jieba_cps:,.0f}"]
        for w in workers:
            b = r.builds[w]
            cells += [f"{r.chars / b.seconds:,.0f}", f"{1000 * b.seconds / r.docs:.2f}",
                      f"{1000 * b.cpu / r.docs:.2f}", f"{b.peak_mb:,.0f}"]
        cells += [f"{r.ratio:.2f}",
                  f"{r.builds[w1].seconds / r.builds[wmax].seconds:.2f}", f"{r.ceiling:.2f}" if r.ceiling else "-"]
        if r.full and r.rebuild:
            cells += [f"{r.full.seconds:.1f}", f"{r.rebuild.seconds:.2f}",
                      f"{100 * r.rebuild.seconds / r.full.seconds:.1f}%"]
        else:
            cells += ["-", "-", "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def checks(rows: list[Row], workers: list[int]) -> list[str]:
    """The targets of the issue, each with PASS or FAIL (or n/a when not measured)."""
    w1, wmax = min(workers), max(workers)
    out = []
    for r in rows:
        ratio = r.ratio
        out.append(f"{'PASS' if ratio >= 0.5 else 'FAIL'}  {r.docs:>6} docs: one worker {ratio:.2f}x jieba.cut, "
                   f"CPU time, start-up included, median of {len(r.paired)} paired runs (>= 0.5)")
        if r.docs >= 1000 and wmax > w1:
            sp = r.builds[w1].seconds / r.builds[wmax].seconds
            out.append(f"{'PASS' if sp >= 1.6 else 'FAIL'}  {r.docs:>6} docs: {wmax} workers {sp:.2f}x one (>= 1.6); "
                       f"{wmax} jieba.cut processes at once give {r.ceiling:.2f}x one on this machine")
        if r.docs >= 10000:
            peak = max(b.peak_mb for b in r.builds.values())
            out.append(f"{'PASS' if peak < 1536 else 'FAIL'}  {r.docs:>6} docs: peak memory {peak:.0f} MB (< 1536)")
        if r.full and r.rebuild and r.docs >= 1000:
            share = r.rebuild.seconds / r.full.seconds
            out.append(f"{'PASS' if share < 0.05 else 'FAIL'}  {r.docs:>6} docs: rebuild +1% "
                       f"{100 * share:.1f}% of the full build (< 5%)")
    by = {r.docs: r for r in rows}
    if 1000 in by and 10000 in by:
        for w in workers:
            a, b = by[1000].builds[w].seconds / 1000, by[10000].builds[w].seconds / 10000
            out.append(f"{'PASS' if b <= 1.2 * a else 'FAIL'}  w={w}: time per document at 10,000 is "
                       f"{b / a:.2f}x that at 1,000 (<= 1.2)")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000,10000", help="corpus sizes in documents (default: %(default)s)")
    p.add_argument("--workers", default="1,2", help="worker counts to compare (default: %(default)s)")
    p.add_argument("--chars", type=int, default=3000, help="characters per document (default: %(default)s)")
    p.add_argument("--source", choices=("templates", "examples"), default="templates",
                   help="where texts come from (default: %(default)s)")
    p.add_argument("--quick", action="store_true", help="skip the cache rebuild measurement")
    p.add_argument("--repeat", type=int, default=1,
                   help="run each build this many times (uncached ones with worker counts taking turns; "
                        "each rebuild from the same built folder) and keep the fastest (noisy machines)")
    p.add_argument("--profile", type=int, metavar="DOCS", default=0,
                   help="also profile a one-worker build of DOCS documents with pyinstrument")
    p.add_argument("--work", metavar="DIR", help="keep corpora and outputs here (default: a temp folder)")
    p.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    opts = p.parse_args(argv)
    opts.workers = sorted({int(w) for w in opts.workers.split(",")})
    sizes = [int(s) for s in opts.sizes.split(",")]
    work = Path(opts.work) if opts.work else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    compile_kg()
    try:
        rows = [measure(n, work, opts) for n in sizes]
        print(f"\nkg {_kg_version()}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
              f"{opts.chars} chars/doc from {opts.source}\n")
        print(table(rows, opts.workers))
        print()
        print("\n".join(checks(rows, opts.workers)))
        if opts.json:
            Path(opts.json).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        if opts.profile:
            report = profile(opts.profile, work, opts)
            print(f"\nprofile of a one-worker build of {opts.profile} documents ({report}):\n")
            print(report.read_text(encoding="utf-8"))
    finally:
        if not opts.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def compile_kg() -> None:
    """Compile kg's sources to bytecode first, as an installed package has them.

    An editable install run where ``PYTHONDONTWRITEBYTECODE`` is set (this
    machine sets it) would otherwise compile every module of kg at each start of
    a build, about 0.1 s that no installed kg spends. (``compileall`` writes the
    ``__pycache__`` folders the environment variable only stops imports from
    writing; they are ignored by git.)
    """
    import compileall

    compileall.compile_dir(ROOT / "kg", quiet=1)


def _kg_version() -> str:
    out = subprocess.run([sys.executable, "-c", "import kg; print(kg.__version__)"], cwd=ROOT,
                         capture_output=True, text=True)
    return out.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
