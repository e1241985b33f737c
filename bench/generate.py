"""Generate a large, realistic workspace for the benchmark, deterministically.

Items are drawn from the sample region's catalogs (real item names, contents, legal
bases, time limits and channels), spread over many counties, departments and domains,
with counters keeping ids and (name, sub) pairs unique. Same arguments, same bytes.

Without ``--findings`` the workspace is clean (``catalogc check`` finds nothing). With
``--findings RATE`` it carries the findings real legacy repositories carry, at rates set
by RATE (0–1): a local document the law registry does not know cited by RATE of the items
(C110, info), a channel written as an alias on RATE/2 of them (C105), an unrecognised time
limit phrasing on RATE/100 (C106), guideline exceptions left out of RATE/4 of the files
(C205), and power and service lists for RATE/2 of the counties, half of whose entries no
item discloses (C301, C305). Files and items are the same as without it.

A ``catalogc.toml`` registers every generated county's region code, as a real workspace's
settings do (C204 checks each catalog's region against the registry).

    python bench/generate.py OUT --total-items 100000
    python bench/generate.py OUT --total-items 100000 --findings 0.6
    python bench/generate.py OUT --counties 20 --items 50
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from catalogc.ingest.write import scalar as q  # noqa: E402  (plain where safe in YAML 1.1 and 1.2, as import writes)
from catalogc.parse.codes import credit_check_char, org_check_char  # noqa: E402
from catalogc.parse.normalize import item_key  # noqa: E402
from catalogc.refdata import guidelines  # noqa: E402

PREFECTURES = [("3601", "南昌"), ("3602", "景德镇"), ("3604", "九江"), ("3607", "赣州"), ("3608", "吉安"),
               ("3209", "盐城"), ("3213", "宿迁"), ("5113", "南充"), ("5117", "达州"), ("4452", "揭阳"),
               ("3603", "萍乡"), ("3605", "新余"), ("3606", "鹰潭"), ("3609", "宜春"), ("3610", "抚州"),
               ("3611", "上饶"), ("3201", "南京"), ("3202", "无锡"), ("3203", "徐州"), ("3204", "常州")]
# County parts 21–99 of each prefecture: codes GB/T 2260-shaped, distinct for every county.
COUNTY_PARTS = range(21, 100)
MAX_COUNTIES = len(PREFECTURES) * len(COUNTY_PARTS)
DEPARTMENTS = ["民政局", "教育体育局", "公安局", "司法局", "财政局", "市场监督管理局", "人力资源和社会保障局",
               "发展和改革委员会", "文化广电旅游局"]
NUMERALS = "一二三四五六七八九十"
# Time-limit phrasings real tables use that name no time (C106).
VAGUE_LIMITS = ["按有关规定及时公开", "适时公开", "定期公开", "办结后公开"]


def region_code(c: int) -> tuple[str, str]:
    """County ``c``'s region code and city: distinct for every county below MAX_COUNTIES."""
    prefecture, city = PREFECTURES[c % len(PREFECTURES)]
    return f"{prefecture}{COUNTY_PARTS[c // len(PREFECTURES)]:02d}", city


def channel_aliases() -> dict[str, list[str]]:
    """Canonical channel → the aliases real tables write for it (C105 when written)."""
    data = yaml.load((ROOT / "src/catalogc/refdata/data/vocabularies.yaml").read_bytes(), Loader=yaml.CSafeLoader)
    out: dict[str, list[str]] = {}
    for alias, canonical in data["channels"]["aliases"].items():
        out.setdefault(canonical, []).append(alias)
    return out


def pool() -> dict[str, list[dict]]:
    """Items of the sample region by domain."""
    by_domain: dict[str, list[dict]] = {}
    seen: set[tuple[str, str, str]] = set()
    for path in sorted((ROOT / "catalogs").rglob("*.yaml")):
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for item in data.get("items") or ():
            key = (data["domain"], item["name"], item.get("sub", ""))
            if key in seen:
                continue
            seen.add(key)
            item = {k: v for k, v in item.items() if k not in ("powers", "services")}
            by_domain.setdefault(data["domain"], []).append(item)
    return by_domain


def exceptions(domain: str, items: list[dict]) -> list[str]:
    """guideline_exceptions for the baseline items this catalog does not carry, as a county would write."""
    guideline = guidelines().get(domain)
    if guideline is None:
        return []
    have = {item_key(i["name"]) for i in items} | {item_key(i["name"], i.get("sub")) for i in items}
    missing = [g.label for g in guideline.items if item_key(g.name, g.sub) not in have]
    if not missing:
        return []
    return ["guideline_exceptions:"] + [f"  {q(label)}: 本县由其他部门在其目录中公开" for label in missing]


def credit(region: str, n: int) -> str:
    body = f"MB{n % 1_000_000:06d}"
    first = "11" + region + body + org_check_char(body)
    return first + credit_check_char(first)


def flow(values: list[str]) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


class Findings:
    """Which items and files carry which findings, drawn from a generator of its own so that the
    files and items are the same at every rate."""

    def __init__(self, rate: float, seed: int) -> None:
        self.rate = rate
        self.rng = random.Random(seed + 1)
        self.aliases = channel_aliases() if rate else {}

    def draw(self, share: float) -> bool:
        return bool(self.rate) and self.rng.random() < self.rate * share

    def item(self, item: dict, place: str, domain: str) -> dict:
        """The item as a legacy table would write it."""
        if not self.rate:
            return item
        item = dict(item)
        if self.draw(1.0):
            item["basis"] = [*item["basis"], f"《{place}{domain}信息公开工作实施细则》"]
        if self.draw(0.5):
            channels = list(item["channels"])
            spots = [i for i, c in enumerate(channels) if c in self.aliases]
            if spots:
                at = spots[self.rng.randrange(len(spots))]
                options = self.aliases[channels[at]]
                channels[at] = options[self.rng.randrange(len(options))]
                item["channels"] = channels
        if self.draw(0.01):
            item["time_limit"] = VAGUE_LIMITS[self.rng.randrange(len(VAGUE_LIMITS))]
        return item


def emit_item(item: dict, item_id: str, sub: str, department: str, refs: dict[str, str] | None = None) -> str:
    lines = [f"  - id: {item_id}", f"    name: {q(item['name'])}", f"    sub: {q(sub)}"]
    content = item["content"]
    if isinstance(content, list):
        lines.append("    content:")
        lines += [f"      - {q(c)}" for c in content]
    else:
        lines.append(f"    content: {q(content)}")
    lines.append("    basis:")
    lines += [f"      - {q(b)}" for b in item["basis"]]
    lines.append(f"    time_limit: {q(item['time_limit'])}")
    subject = item["subject"] if isinstance(item["subject"], list) else [item["subject"]]
    subject = [department] + subject[1:]
    if any(level in ("乡级", "村级") for level in item["level"]) and len(subject) == 1:
        subject.append("各乡镇人民政府（街道办事处）")
    lines.append(f"    subject: {flow(subject)}")
    lines.append(f"    method: {flow(item['method'])}")
    lines.append(f"    channels: {flow(item['channels'])}")
    lines.append(f"    audience: {flow(item['audience'])}")
    if item.get("audience_note"):
        lines.append(f"    audience_note: {q(item['audience_note'])}")
    lines.append(f"    level: {flow(item['level'])}")
    for kind, code in (refs or {}).items():
        lines.append(f"    {kind}: [{q(code)}]")
    return "\n".join(lines)


def list_rows(region: str, county: str, departments: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """A county's power and service lists: two entries per department, the first disclosed by the
    department's first item (``refs``), the second by none (C301, C305)."""
    powers = ["编码,事项名称,权力类型,实施主体,设定依据,领域"]
    services = ["编码,事项名称,实施主体,服务类型,领域"]
    for d, (department, code, domain) in enumerate(departments):
        for j in range(2):
            powers.append(f"{region}-GF-{d:02d}{j:02d},{county}给付事项{d}-{j},行政给付,{department},"
                          f"《社会救助暂行办法》,{domain}")
            services.append(f"{code}-{d:02d}{j:02d},{county}服务事项{d}-{j},{department},公共服务,{domain}")
    return {"powers": powers, "services": services}


def write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def generate(out: Path, counties: int, departments: int, domains: int, items: int, seed: int,
             rate: float = 0.0) -> tuple[int, int, int]:
    if counties > MAX_COUNTIES:
        raise SystemExit(f"generate.py: at most {MAX_COUNTIES} counties have distinct region codes; "
                         "raise --items or --departments instead")
    rng = random.Random(seed)
    findings = Findings(rate, seed)
    by_domain = pool()
    names = sorted(by_domain)
    files = total = size = 0
    registry = ["# The region registry of a generated workspace (bench/generate.py).", "", "[regions]"]
    for c in range(counties):
        region, city = region_code(c)
        county = f"{city}第{c + 1}县"
        registry.append(f'"{region}" = "{county}"')
        listed = findings.draw(0.5)
        heads: list[tuple[str, str, str]] = []
        for d in range(departments):
            department = f"{county}{DEPARTMENTS[d % len(DEPARTMENTS)]}" + (f"{d // len(DEPARTMENTS) + 1}" if d >= len(DEPARTMENTS) else "")
            code = credit(region, c * 100 + d)
            heads.append((department, code, names[(d * domains) % len(names)]))
            for k in range(domains):
                slot = d * domains + k
                domain = names[slot % len(names)]
                source = by_domain[domain]
                share = f"（{DEPARTMENTS[d % len(DEPARTMENTS)]}{slot}）" if slot >= len(names) else ""
                count = max(1, int(items * rng.uniform(0.6, 1.4)))
                parts = [
                    f"# {department} {domain}领域基层政务公开标准目录",
                    "format: 1", f'region: "{region}"', f"department: {department}", f'department_code: "{code}"',
                    f"domain: {domain}", 'version: "2024.1"', "effective: 2024-03-01",
                ]
                if not findings.draw(0.25):
                    parts += exceptions(domain, source[:count])
                parts.append("items:")
                for n in range(count):
                    item = findings.item(source[n % len(source)], county, domain)
                    round_ = n // len(source)
                    sub = item.get("sub") or "事项"
                    if round_:
                        sub = f"{sub}（{NUMERALS[round_ % 10]}{round_ // 10 or ''}）"
                    sub += share  # a second department in the same domain discloses its own items
                    refs = ({"powers": f"{region}-GF-{d:02d}00", "services": f"{code}-{d:02d}00"}
                            if listed and k == 0 and n == 0 else None)
                    parts.append(emit_item(item, f"G{d:02d}{k:02d}-{n + 1:04d}", sub, department, refs))
                size += write(out / "catalogs" / county / f"d{d:02d}" / f"{domain}.yaml", "\n".join(parts) + "\n")
                files += 1
                total += count
        if listed:
            for kind, rows in list_rows(region, county, heads).items():
                size += write(out / "lists" / kind / f"{county}.csv", "\n".join(rows) + "\n")
    size += write(out / "catalogc.toml", "\n".join(registry) + "\n")
    return files, total, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--departments", type=int, default=8)
    parser.add_argument("--domains", type=int, default=2)
    parser.add_argument("--items", type=int, default=50, help="average items per catalog file")
    parser.add_argument("--total-items", type=int, default=None, help="pick the number of counties to reach this")
    parser.add_argument("--findings", type=float, default=0.0, metavar="RATE",
                        help="carry the common real findings at this rate, 0–1 (default 0: a clean workspace)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if not 0 <= args.findings <= 1:
        parser.error("--findings is a rate between 0 and 1")
    if args.total_items:
        args.counties = max(1, round(args.total_items / (args.departments * args.domains * args.items)))
    files, total, size = generate(args.out, args.counties, args.departments, args.domains, args.items, args.seed,
                                  args.findings)
    print(f"{files} files, {total} items, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
