"""Rule fixtures: inline YAML in, exact (line, column, code) out."""

from __future__ import annotations

# Line numbers of BASE: format 1, region 2, department 3, domain 4, items 5, "- id" 6,
# name 7, content 8, basis 9, time_limit 10, subject 11, method 12, channels 13,
# audience 14, level 15.
BASE = """\
format: 1
region: "360799"
department: 溪山县民政局
domain: 养老服务
items:
  - id: SHJZ-001
    name: 最低生活保障
    content: 低保标准、申请条件、办理流程
    basis: [《社会救助暂行办法》第九条]
    time_limit: 信息形成或者变更之日起20个工作日内
    subject: 溪山县民政局
    method: [主动]
    channels: [政府网站]
    audience: [全社会]
    level: [县级]
"""


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)
