"""Generate a large, realistic workspace for the benchmark, deterministically.

Items are drawn from the sample region's catalogs (real item names, contents, legal
bases, time limits and channels), spread over many counties, departments and domains,
with counters keeping ids and (name, sub) pairs unique. Same arguments, same bytes.

    python bench/generate.py OUT --total-items 100000
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
               ("3209", "盐城"), ("3213", "宿迁"), ("5113", "南充"), ("5117", "达州"), ("4452", "揭阳")]
DEPARTMENTS = ["民政局", "教育体育局", "公安局", "司法局", "财政局", "市场监督管理局", "人力资源和社会保障局",
               "发展和改革委员会", "文化广电旅游局"]
NUMERALS = "一二三四五六七八九十"


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


def emit_item(item: dict, item_id: str, sub: str, department: str) -> str:
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
    return "\n".join(lines)


def generate(out: Path, counties: int, departments: int, domains: int, items: int, seed: int) -> tuple[int, int, int]:
    rng = random.Random(seed)
    by_domain = pool()
    names = sorted(by_domain)
    files = total = size = 0
    for c in range(counties):
        prefecture, city = PREFECTURES[c % len(PREFECTURES)]
        region = f"{prefecture}{21 + (c // len(PREFECTURES)) % 60:02d}"
        county = f"{city}第{c + 1}县"
        for d in range(departments):
            department = f"{county}{DEPARTMENTS[d % len(DEPARTMENTS)]}" + (f"{d // len(DEPARTMENTS) + 1}" if d >= len(DEPARTMENTS) else "")
            code = credit(region, c * 100 + d)
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
                parts += exceptions(domain, source[:count])
                parts.append("items:")
                for n in range(count):
                    item = source[n % len(source)]
                    round_ = n // len(source)
                    sub = item.get("sub") or "事项"
                    if round_:
                        sub = f"{sub}（{NUMERALS[round_ % 10]}{round_ // 10 or ''}）"
                    sub += share  # a second department in the same domain discloses its own items
                    parts.append(emit_item(item, f"G{d:02d}{k:02d}-{n + 1:04d}", sub, department))
                text = "\n".join(parts) + "\n"
                path = out / "catalogs" / county / f"d{d:02d}" / f"{domain}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                data = text.encode("utf-8")
                path.write_bytes(data)
                files += 1
                total += count
                size += len(data)
    return files, total, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--departments", type=int, default=8)
    parser.add_argument("--domains", type=int, default=2)
    parser.add_argument("--items", type=int, default=50, help="average items per catalog file")
    parser.add_argument("--total-items", type=int, default=None, help="pick the number of counties to reach this")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if args.total_items:
        args.counties = max(1, round(args.total_items / (args.departments * args.domains * args.items)))
    files, total, size = generate(args.out, args.counties, args.departments, args.domains, args.items, args.seed)
    print(f"{files} files, {total} items, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
