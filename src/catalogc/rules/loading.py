"""Loading rules (C001–C007, C306 for list files): what reading a file finds before any check runs.

The loader, the schema validation and the suppression matcher raise these findings,
so the rows carry their documentation themselves instead of a check's docstring.
C004's variants are the schema messages ``catalogc.model.validate`` chooses from.
"""

from __future__ import annotations

from catalogc.diagnostics import Severity
from catalogc.rules.base import Message, Rule

_DOCS = {
    "C001": """文件必须是合法的 YAML（一个文档，缩进一致，引号和括号成对）。

    English::

        A catalog file must be valid YAML: one document, consistent indentation, quotes and brackets
        in pairs.

    为什么::

        读不出来的文件既无法检查也无法发布；发现会指出读取停在哪一行、哪一列。

    Why::

        A file that cannot be read can be neither checked nor published; the finding names the line
        and column where reading stopped.

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw: "domain: [社会救助\\n"
    """,
    "C002": """同一个映射里不能重复写同一个键：YAML 加载器会悄悄只保留最后一个。

    English::

        A mapping must not repeat a key: YAML loaders silently keep only the last one.

    为什么::

        前一个值会悄悄丢失（写了两次 name，只剩后一个），发布出去的事项就与文件所写不符。

    Why::

        The first value would vanish without a word (two name: lines leave only the second), so the
        published item would differ from what the file shows.

    Passing::

        item: {name: 最低生活保障}

    Failing::

        raw_item: "    name: 最低生活保障\\n    name: 特困人员救助供养\\n"
    """,
    "C003": """目录文件必须是 UTF-8 编码；GBK/GB18030 文件请先转码。

    English::

        Catalog files must be UTF-8; convert GBK/GB18030 files first.

    为什么::

        目录由各部门在不同的系统上编辑，统一编码，文字才不会在汇总和发布时变成乱码；catalogc 会说出它认出的编码。

    Why::

        Catalogs are edited by many departments on different systems; one encoding keeps the text
        from turning into mojibake when they are assembled and published. catalogc names the
        encoding it recognised.

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw_gbk: "domain: 社会救助\\n"
    """,
    "C004": """键名、类型和结构须符合目录格式（schema/catalog.schema.json）；拼错的键会给出最接近的正确键名。

    English::

        Keys, types and structure must follow the catalog format (schema/catalog.schema.json); a
        misspelt key gets the nearest valid one.

    为什么::

        拼错的键（如 chanels）不会被读成公开渠道，事项就悄悄少了一个要素；按格式书写，编辑器也能补全和提示。

    Why::

        A misspelt key (chanels) would not be read as the channels, so the item would silently lose
        an element; following the format also lets editors complete and explain keys.

    Passing::

        item: {channels: [政府网站]}

    Failing::

        item: {chanels: [政府网站]}
    """,
    "C005": """过大、嵌套过深或用别名（alias）反复展开的文件会被拒绝，而不是拖垮工具。

    English::

        Files that are too large, nested too deep or that expand aliases over and over are refused
        instead of bringing the tool down.

    为什么::

        目录文件出自众人之手，可能有误，也可能是恶意构造；设上限（catalogc.toml 的 [check.limits]）让检查和发布在任何输入下都能完成。

    Why::

        Catalog files come from many hands and may be broken or crafted; limits ([check.limits] in
        catalogc.toml) let checking and publishing finish on any input.

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw: "a: &a [x, x, x, x, x, x, x, x, x, x]\\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\\n"
    """,
    "C006": """YAML 1.1（PyYAML）和 YAML 1.2（编辑器和其他工具）读法不同的裸值要加引号，如 yes、on、0755、1:20、1E-0001 结尾的编码。

    English::

        Plain scalars that YAML 1.1 (PyYAML) and YAML 1.2 (editors and other tools) read differently
        must be quoted: yes, on, 0755, 1:20, codes ending in 1E-0001.

    为什么::

        同一个值在不同工具里读法不同（yes 读成真值，0755 读成八进制数），编辑器里看到的和发布出去的就不一致；加了引号，所有工具都读成文字。

    Why::

        The same value would mean different things in different tools (yes becomes true, 0755 an
        octal number), so what an editor shows and what is published would differ; quoted, every
        tool reads text.

    Passing::

        item: {services: ["11360799MB0000000X-0001"], note: "yes"}

    Failing::

        raw_item: "    note: yes\\n"
    """,
    "C007": """行内忽略注释须写明规则代码和理由，并且确实忽略了某条发现：# catalogc: ignore[C105] 理由。

    English::

        An inline suppression names the rule codes and a reason, and must really silence a finding:
        # catalogc: ignore[C105] reason.

    为什么::

        忽略一条发现是一个决定，审核的人要看到理由；不再起作用的忽略注释会掩盖以后出现的真问题。

    Why::

        Ignoring a finding is a decision, and reviewers need to see its reason; a suppression that
        silences nothing would hide a real problem later.

    Passing::

        raw_item: "    channels: [本县政务APP]  # catalogc: ignore[C105] 本县自建平台\\n"

    Failing::

        raw_item: "    channels: [本县政务APP]  # catalogc: ignore[C105]\\n"
    """,
    "C306": """权责清单和公共服务事项清单的每一行都要有编码、名称和实施主体，编码不重复，权力类型是十类之一。
    表头可以在标题行之下，列名可以用各省导出的写法（事项编码、权力名称、职权类型、实施机关、法律依据等）；
    Excel 另存的 GBK/GB18030 CSV 会被读出，并以提示告知。

    English::

        Every row of a power list or public service list has a code, a name and a responsible body,
        codes are unique, and the power type is one of the ten. The header may sit below a title
        row, and columns may carry the names provinces export (事项编码, 权力名称, 职权类型, 实施机关, 法律依据, ...);
        CSV files saved by Excel in GBK/GB18030 are read, with an info.

    为什么::

        权责清单的十类权力来自中办发〔2015〕21号《关于推行地方各级政府工作部门权力清单制度的指导意见》；C108 和 C301–C305 依靠清单行核对目录，行有缺项，这些核对就会漏报。

    Why::

        The ten power types come from 中办发〔2015〕21号, the guideline on power lists of local government
        departments; C108 and C301–C305 check catalogs against the list rows, so a broken row would
        make them miss findings.

    Passing::

        lists: {powers: "贵定县云雾镇人民政府权力清单和责任清单目录,,,\\n权力编码,权利类型,权力名称,承办机构\\n360799-XK-0001,行政许可(国办),临时救助审批,溪山县民政局\\n"}
        item: {powers: ["360799-XK-0001"]}

    Failing::

        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政服务,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}
    """,
}

_SCHEMA_MESSAGES = {
    "default": Message("结构不符合目录格式：{detail}", "Does not match the catalog format: {detail}",
                       "对照 schema/catalog.schema.json 修改。", "See schema/catalog.schema.json."),
    "unknown-key": Message("未知的键“{key}”{suggestion_zh}", "Unknown key '{key}'{suggestion_en}",
                           "允许的键：{allowed}。", "Allowed keys: {allowed}."),
    "missing-key": Message("缺少必填的键“{key}”（{label}）", "Missing required key '{key}' ({label})",
                           "在此处补上 {key}。", "Add {key} here."),
    "type": Message("“{key}”的值类型不对：应为{expected_zh}", "Wrong type for '{key}': expected {expected_en}",
                    "{type_hint_zh}", "{type_hint_en}"),
    "pattern": Message("“{key}”的值“{value}”格式不对", "Value '{value}' of '{key}' is malformed",
                       "事项编号只用字母、数字、- 和 _，不超过64个字符。",
                       "Item ids use letters, digits, - and _ only, at most 64 characters."),
    "format": Message("format 应为 1，这里是“{value}”", "format must be 1, found '{value}'",
                      "写 format: 1。", "Write format: 1."),
    "date": Message("“{key}”不是有效日期：{value}", "'{key}' is not a valid date: {value}",
                    "日期写成 YYYY-MM-DD，如 2024-03-01。", "Write dates as YYYY-MM-DD, e.g. 2024-03-01."),
    "items-xor": Message("目录须有 items（公开事项）或 not_applicable（未涉及说明）之一，且只能有一个",
                         "A catalog has either items or not_applicable, exactly one",
                         "有事项就写 items；本领域未涉及就写 not_applicable: 原因。",
                         "Write items, or not_applicable: <reason> when the domain does not apply."),
    "empty": Message("文件是空的", "The file is empty", "写入目录内容，或删除这个文件。",
                     "Write the catalog, or delete the file."),
    "not-mapping": Message("文件顶层应是键值映射（format、region、department……）",
                           "The top level must be a mapping (format, region, department, ...)",
                           "参照 FORMAT.md 的目录文件格式。", "Follow the catalog file format."),
}

RULES: tuple[Rule, ...] = (
    Rule("C001", "yaml-syntax", Severity.ERROR, "文件不是合法的 YAML", "the file is not valid YAML", {
        "default": Message("YAML 语法错误：{problem}", "YAML syntax error: {problem}",
                           "检查这一行及上一行的缩进、冒号、引号和括号是否成对。",
                           "Check indentation, colons, quotes and brackets on this line and the one before."),
        "flow": Message("YAML 语法错误：{problem}", "YAML syntax error: {problem}",
                        "方括号列表中的值含有 [ ] , 等字符时（如 民发[2021]57号）要加引号，或改用 〔〕。",
                        "Quote values containing [ ] or commas inside a [...] list (e.g. \"民发[2021]57号\")."),
        "control": Message("文件含有不允许的控制字符：{problem}", "The file contains control characters: {problem}",
                           "删除不可见字符；文件可能不是文本。", "Remove invisible characters; the file may not be text."),
        "unhashable-key": Message("映射的键不能是列表或映射", "A mapping key cannot be a list or mapping",
                                  "把键改成文本。", "Make the key plain text."),
    }, "loader", doc_text=_DOCS["C001"]),
    Rule("C002", "duplicate-key", Severity.ERROR, "映射中重复的键", "a mapping repeats a key", {
        "default": Message("键“{key}”重复出现，加载时前面的值会被悄悄丢掉", "Key '{key}' repeats; loaders silently keep the last",
                           "删掉或合并重复的键。", "Remove or merge the repeated key."),
    }, "loader", doc_text=_DOCS["C002"]),
    Rule("C003", "encoding", Severity.ERROR, "文件不是 UTF-8 编码", "the file is not UTF-8", {
        "default": Message("文件不是 UTF-8 编码，看起来是 {encoding}", "The file is not UTF-8; it looks like {encoding}",
                           "转成 UTF-8 后保存，如 iconv -f GB18030 -t UTF-8，或在编辑器中“另存为 UTF-8”。",
                           "Convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8, or save as UTF-8 in your editor."),
    }, "loader", doc_text=_DOCS["C003"]),
    Rule("C004", "schema", Severity.ERROR, "类型、结构或键名不符合格式", "wrong type, shape or unknown key",
         _SCHEMA_MESSAGES, "loader", doc_text=_DOCS["C004"]),
    Rule("C005", "input-limit", Severity.ERROR, "文件过大、嵌套过深或别名炸弹", "file too large, too deep, or an alias bomb", {
        "default": Message("输入超出限制，已拒绝处理", "Input exceeds a limit and was refused",
                           "检查文件是否被意外生成或损坏。", "Check whether the file was generated or damaged by accident."),
        "size": Message("文件过大（{size} 字节，上限 {limit}）", "File too large ({size} bytes, limit {limit})",
                        "按部门、领域拆分目录文件。", "Split the catalog by department and domain."),
        "depth": Message("嵌套超过 {limit} 层", "Nesting deeper than {limit} levels",
                         "目录只需要几层嵌套；检查括号和缩进。", "Catalogs need only a few levels; check brackets and indentation."),
        "aliases": Message("别名（alias）展开后过大，疑似别名炸弹", "Aliases expand too far (an alias bomb?)",
                           "不要用锚点和别名复制大段内容。", "Do not copy large parts with anchors and aliases."),
        "outside": Message("符号链接指向工作区之外，未读取", "The symbolic link leads outside the workspace and was not read",
                           "把文件复制到工作区内，或让链接指向工作区内的文件。",
                           "Copy the file into the workspace, or point the link inside it."),
    }, "loader", doc_text=_DOCS["C005"]),
    Rule("C006", "yaml-ambiguous", Severity.WARNING, "YAML 1.1 与 1.2 读法不同的裸值", "plain scalar read differently by YAML 1.1 and 1.2", {
        "default": Message("裸值“{value}”在不同 YAML 版本中读法不同", "Plain value '{value}' reads differently in YAML 1.1 and 1.2",
                           "加引号：\"{value}\"。", "Quote it: \"{value}\"."),
    }, "loader", doc_text=_DOCS["C006"]),
    Rule("C007", "suppression", Severity.WARNING, "无理由或无效的行内忽略", "suppression without a reason or without effect", {
        "default": Message("行内忽略 {codes} 没有写理由", "Suppression of {codes} gives no reason",
                           "在规则代码后写明理由：# catalogc: ignore[C105] 本县自建平台。",
                           "Give a reason after the codes: # catalogc: ignore[C105] <reason>."),
        "unused": Message("行内忽略 {codes} 没有忽略任何发现", "Suppression of {codes} suppresses nothing",
                          "问题已经不存在时删除这条注释。", "Remove the comment once the problem is gone."),
        "unknown": Message("行内忽略中的规则代码 {codes} 不存在", "Unknown rule code {codes} in suppression",
                           "用 catalogc rules 查看规则代码。", "List the codes with catalogc rules."),
    }, "loader", doc_text=_DOCS["C007"]),
    Rule("C306", "list-row", Severity.ERROR, "清单行格式错误", "a power or service list row is malformed", {
        "default": Message("清单行格式错误", "Malformed list row", "对照清单格式修改。", "Follow the list format."),
        "no-header": Message("清单缺少表头列：{columns}", "The list lacks header columns: {columns}",
                             "在表头加上这些列（也认各省导出的列名，如事项编码、权力名称、职权类型、实施机关）；表头可以在标题行之下。",
                             "Add these columns to the header (export names such as 事项编码 or 实施机关 are read too); "
                             "title rows may stand above it."),
        "missing": Message("这一行缺少：{columns}", "This row lacks: {columns}", "补全这一行，或删除它。",
                           "Complete the row, or remove it."),
        "type": Message("权力类型“{value}”不是十类行政权力之一", "Power type '{value}' is not one of the ten",
                        "可选：{choices}。", "Choose from: {choices}."),
        "duplicate": Message("编码 {code} 重复（首次出现在 {file} 第 {first} 行）",
                             "Code {code} repeats (first in {file} line {first})",
                             "每个清单事项的编码必须唯一。", "Each entry has its own code."),
        "unreadable": Message("无法读取清单文件：{problem}", "Cannot read the list file: {problem}",
                              "用 Excel 或 WPS 另存为 .xlsx 或 UTF-8 的 .csv。", "Save it again as .xlsx or UTF-8 .csv."),
        "encoding": Message("清单文件是 {encoding} 编码，已按 {encoding} 读取", "The list file is {encoding}; it was read as such",
                            "无需修改；另存为 UTF-8 的 .csv 或 .xlsx 可免去这条提示。",
                            "Nothing to change; saving it as UTF-8 .csv or .xlsx avoids this note.", Severity.INFO),
    }, "loader", doc_text=_DOCS["C306"]),
)
