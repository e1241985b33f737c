"""The rule table: every rule catalogc knows, registered explicitly in ``RULES``.

Adding a rule: write its check (docstring with Passing/Failing examples) in the family
module, add one ``Rule`` row here with its messages, add fixtures under tests/rules and
a CHANGELOG line. The engine attaches code and severity from this table.
"""

from __future__ import annotations

from catalogc.diagnostics import Severity
from catalogc.rules import basis, catalog, elements, guidelines, identity, lists, subjects, timing
from catalogc.rules.base import Message, Rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
M = Message

_LOADER_DOCS = {
    "C001": """文件必须是合法的 YAML（一个文档，缩进一致，引号和括号成对）。

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw: "domain: [社会救助\\n"
    """,
    "C002": """同一个映射里不能重复写同一个键：YAML 加载器会悄悄只保留最后一个。

    Passing::

        item: {name: 最低生活保障}

    Failing::

        raw_item: "    name: 最低生活保障\\n    name: 特困人员救助供养\\n"
    """,
    "C003": """目录文件必须是 UTF-8 编码；GBK/GB18030 文件请先转码。

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw_gbk: "domain: 社会救助\\n"
    """,
    "C004": """键名、类型和结构须符合目录格式（schema/catalog.schema.json）；拼错的键会给出最接近的正确键名。

    Passing::

        item: {channels: [政府网站]}

    Failing::

        item: {chanels: [政府网站]}
    """,
    "C005": """过大、嵌套过深或用别名（alias）反复展开的文件会被拒绝，而不是拖垮工具。

    Passing::

        raw: "domain: 社会救助\\n"

    Failing::

        raw: "a: &a [x, x, x, x, x, x, x, x, x, x]\\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\\n"
    """,
    "C006": """YAML 1.1（PyYAML）和 YAML 1.2（编辑器和其他工具）读法不同的裸值要加引号，如 yes、on、0755、1:20、1E-0001 结尾的编码。

    Passing::

        item: {services: ["11360799MB0000000X-0001"], note: "yes"}

    Failing::

        raw_item: "    note: yes\\n"
    """,
    "C007": """行内忽略注释须写明规则代码和理由，并且确实忽略了某条发现：# catalogc: ignore[C105] 理由。

    Passing::

        raw_item: "    channels: [本县政务APP]  # catalogc: ignore[C105] 本县自建平台\\n"

    Failing::

        raw_item: "    channels: [本县政务APP]  # catalogc: ignore[C105]\\n"
    """,
}

_SCHEMA_MESSAGES = {
    "default": M("结构不符合目录格式：{detail}", "Does not match the catalog format: {detail}",
                 "对照 schema/catalog.schema.json 修改。", "See schema/catalog.schema.json."),
    "unknown-key": M("未知的键“{key}”{suggestion_zh}", "Unknown key '{key}'{suggestion_en}",
                     "允许的键：{allowed}。", "Allowed keys: {allowed}."),
    "missing-key": M("缺少必填的键“{key}”（{label}）", "Missing required key '{key}' ({label})",
                     "在此处补上 {key}。", "Add {key} here."),
    "type": M("“{key}”的值类型不对：应为{expected_zh}", "Wrong type for '{key}': expected {expected_en}",
              "{type_hint_zh}", "{type_hint_en}"),
    "pattern": M("“{key}”的值“{value}”格式不对", "Value '{value}' of '{key}' is malformed",
                 "事项编号只用字母、数字、- 和 _，不超过64个字符。",
                 "Item ids use letters, digits, - and _ only, at most 64 characters."),
    "format": M("format 应为 1，这里是“{value}”", "format must be 1, found '{value}'",
                "写 format: 1。", "Write format: 1."),
    "date": M("“{key}”不是有效日期：{value}", "'{key}' is not a valid date: {value}",
              "日期写成 YYYY-MM-DD，如 2024-03-01。", "Write dates as YYYY-MM-DD, e.g. 2024-03-01."),
    "items-xor": M("目录须有 items（公开事项）或 not_applicable（未涉及说明）之一，且只能有一个",
                   "A catalog has either items or not_applicable, exactly one",
                   "有事项就写 items；本领域未涉及就写 not_applicable: 原因。",
                   "Write items, or not_applicable: <reason> when the domain does not apply."),
    "empty": M("文件是空的", "The file is empty", "写入目录内容，或删除这个文件。",
               "Write the catalog, or delete the file."),
    "not-mapping": M("文件顶层应是键值映射（format、region、department……）",
                     "The top level must be a mapping (format, region, department, ...)",
                     "参照 FORMAT.md 的目录文件格式。", "Follow the catalog file format."),
}

RULES: tuple[Rule, ...] = (
    Rule("C001", "yaml-syntax", E, "文件不是合法的 YAML", "the file is not valid YAML", {
        "default": M("YAML 语法错误：{problem}", "YAML syntax error: {problem}",
                     "检查这一行及上一行的缩进、冒号、引号和括号是否成对。",
                     "Check indentation, colons, quotes and brackets on this line and the one before."),
        "flow": M("YAML 语法错误：{problem}", "YAML syntax error: {problem}",
                  "方括号列表中的值含有 [ ] , 等字符时（如 民发[2021]57号）要加引号，或改用 〔〕。",
                  "Quote values containing [ ] or commas inside a [...] list (e.g. \"民发[2021]57号\")."),
        "control": M("文件含有不允许的控制字符：{problem}", "The file contains control characters: {problem}",
                     "删除不可见字符；文件可能不是文本。", "Remove invisible characters; the file may not be text."),
        "unhashable-key": M("映射的键不能是列表或映射", "A mapping key cannot be a list or mapping",
                            "把键改成文本。", "Make the key plain text."),
    }, "loader", doc_text=_LOADER_DOCS["C001"]),
    Rule("C002", "duplicate-key", E, "映射中重复的键", "a mapping repeats a key", {
        "default": M("键“{key}”重复出现，加载时前面的值会被悄悄丢掉", "Key '{key}' repeats; loaders silently keep the last",
                     "删掉或合并重复的键。", "Remove or merge the repeated key."),
    }, "loader", doc_text=_LOADER_DOCS["C002"]),
    Rule("C003", "encoding", E, "文件不是 UTF-8 编码", "the file is not UTF-8", {
        "default": M("文件不是 UTF-8 编码，看起来是 {encoding}", "The file is not UTF-8; it looks like {encoding}",
                     "转成 UTF-8 后保存，如 iconv -f GB18030 -t UTF-8，或在编辑器中“另存为 UTF-8”。",
                     "Convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8, or save as UTF-8 in your editor."),
    }, "loader", doc_text=_LOADER_DOCS["C003"]),
    Rule("C004", "schema", E, "类型、结构或键名不符合格式", "wrong type, shape or unknown key",
         _SCHEMA_MESSAGES, "loader", doc_text=_LOADER_DOCS["C004"]),
    Rule("C005", "input-limit", E, "文件过大、嵌套过深或别名炸弹", "file too large, too deep, or an alias bomb", {
        "default": M("输入超出限制，已拒绝处理", "Input exceeds a limit and was refused",
                     "检查文件是否被意外生成或损坏。", "Check whether the file was generated or damaged by accident."),
        "size": M("文件过大（{size} 字节，上限 {limit}）", "File too large ({size} bytes, limit {limit})",
                  "按部门、领域拆分目录文件。", "Split the catalog by department and domain."),
        "depth": M("嵌套超过 {limit} 层", "Nesting deeper than {limit} levels",
                   "目录只需要几层嵌套；检查括号和缩进。", "Catalogs need only a few levels; check brackets and indentation."),
        "aliases": M("别名（alias）展开后过大，疑似别名炸弹", "Aliases expand too far (an alias bomb?)",
                     "不要用锚点和别名复制大段内容。", "Do not copy large parts with anchors and aliases."),
        "outside": M("符号链接指向工作区之外，未读取", "The symbolic link leads outside the workspace and was not read",
                     "把文件复制到工作区内，或让链接指向工作区内的文件。",
                     "Copy the file into the workspace, or point the link inside it."),
    }, "loader", doc_text=_LOADER_DOCS["C005"]),
    Rule("C006", "yaml-ambiguous", W, "YAML 1.1 与 1.2 读法不同的裸值", "plain scalar read differently by YAML 1.1 and 1.2", {
        "default": M("裸值“{value}”在不同 YAML 版本中读法不同", "Plain value '{value}' reads differently in YAML 1.1 and 1.2",
                     "加引号：\"{value}\"。", "Quote it: \"{value}\"."),
    }, "loader", doc_text=_LOADER_DOCS["C006"]),
    Rule("C007", "suppression", W, "无理由或无效的行内忽略", "suppression without a reason or without effect", {
        "default": M("行内忽略 {codes} 没有写理由", "Suppression of {codes} gives no reason",
                     "在规则代码后写明理由：# catalogc: ignore[C105] 本县自建平台。",
                     "Give a reason after the codes: # catalogc: ignore[C105] <reason>."),
        "unused": M("行内忽略 {codes} 没有忽略任何发现", "Suppression of {codes} suppresses nothing",
                    "问题已经不存在时删除这条注释。", "Remove the comment once the problem is gone."),
        "unknown": M("行内忽略中的规则代码 {codes} 不存在", "Unknown rule code {codes} in suppression",
                     "用 catalogc rules 查看规则代码。", "List the codes with catalogc rules."),
    }, "loader", doc_text=_LOADER_DOCS["C007"]),
    Rule("C101", "missing-element", E, "缺少九要素之一", "one of the nine elements is absent or empty", {
        "default": M("事项缺少要素“{label}”（{key}）", "Item lacks element '{key}' ({label})",
                     "九要素都必须填写：名称、内容、依据、时限、主体、方式、渠道、对象、层级。",
                     "Every item carries all nine elements."),
        "empty": M("要素“{label}”（{key}）是空的", "Element '{key}' ({label}) is empty",
                   "填写内容；确实不适用的事项应从目录中移出。", "Fill it in; an item that does not apply belongs elsewhere."),
    }, "file", elements.check_missing_element),
    Rule("C102", "method-value", E, "公开方式不是主动/依申请", "method not in 主动/依申请", {
        "default": M("公开方式“{value}”无效", "Unknown method '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": M("公开方式“{value}”应写作“{canonical}”", "Method '{value}' is written '{canonical}'",
                   "改为“{canonical}”。", "Write '{canonical}'.", W),
    }, "file", elements.check_method),
    Rule("C103", "audience-value", E, "公开对象不是全社会/特定群体", "audience not in 全社会/特定群体", {
        "default": M("公开对象“{value}”无效", "Unknown audience '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": M("公开对象“{value}”应写作“{canonical}”", "Audience '{value}' is written '{canonical}'",
                   "改为“{canonical}”。", "Write '{canonical}'.", W),
    }, "file", elements.check_audience),
    Rule("C104", "level-value", E, "公开层级不是市级/县级/乡级/村级", "level not in 市级/县级/乡级/村级", {
        "default": M("公开层级“{value}”无效", "Unknown level '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": M("公开层级“{value}”应写作“{canonical}”", "Level '{value}' is written '{canonical}'",
                   "改为“{canonical}”。", "Write '{canonical}'.", W),
    }, "file", elements.check_level),
    Rule("C105", "channel-value", E, "未知的公开渠道", "unknown channel", {
        "default": M("公开渠道“{value}”不在全国模板的选项中", "Channel '{value}' is not in the national template",
                     "可选：{choices}；其他渠道写成“其他：说明”。",
                     "Choose from: {choices}; write other channels as 其他：<description>."),
        "alias": M("公开渠道“{value}”应写作“{canonical}”", "Channel '{value}' is written '{canonical}'",
                   "改为“{canonical}”。", "Write '{canonical}'.", W),
    }, "file", elements.check_channel),
    Rule("C106", "time-limit-unparsed", W, "公开时限不是规范表述", "time limit matches no recognized form", {
        "default": M("公开时限“{value}”不是可识别的规范表述", "Time limit '{value}' matches no recognized form",
                     "写成规范表述，如：{forms}。", "Use a recognized form, e.g. {forms}."),
        "ditto": M("公开时限写成了“同上”", "The time limit says 同上 (ditto)",
                   "“同上”是表格习惯，目录文件中每个事项都要写出完整时限，如：{forms}。",
                   "Write the full time limit for every item, e.g. {forms}."),
    }, "file", timing.check_time_limit_parsed),
    Rule("C107", "time-limit-statutory", W, "主动公开时限超过20个工作日", "主动 time limit over 20 working days", {
        "default": M("主动公开时限“{value}”（约 {days} 个工作日）超过《政府信息公开条例》第二十六条的20个工作日",
                     "Time limit '{value}' (about {days} working days) exceeds the 20 working days of the regulation",
                     "缩短时限，或在公开依据中写明规定了更长期限的法律、法规。",
                     "Shorten it, or cite the law that allows a longer period."),
    }, "file", timing.check_time_limit_statutory),
    Rule("C108", "double-publicity", E, "许可、处罚信息公开时限超过7个工作日", "permit or penalty disclosed after more than 7 working days", {
        "default": M("本事项公开{type}事项 {code}，时限（约 {days} 个工作日）超过“双公示”要求的7个工作日",
                     "The item discloses {type} entry {code}; its time limit (about {days} working days) exceeds 7",
                     "改为“作出决定之日起7个工作日内”，或分写：执法决定信息在决定作出之日起7个工作日内公开，其他信息20个工作日内。",
                     "Write 作出决定之日起7个工作日内, or give the decision its own 7-day part."),
    }, "workspace", lists.check_double_publicity),
    Rule("C109", "basis-format", W, "公开依据没有写明文件", "a basis entry names no document", {
        "default": M("公开依据“{value}”没有写明文件名称或文号", "Basis '{value}' names no document",
                     "写成《文件名称》（可带条款）或文号，如《社会救助暂行办法》第九条、国发〔2012〕45号。",
                     "Write 《title》 (optionally with an article) or a document number."),
    }, "file", basis.check_basis_format),
    Rule("C110", "basis-unknown", INFO, "引用的文件不在法规登记表中", "cited document not in the law registry", {
        "default": M("法规登记表中没有 {value}", "The law registry does not know {value}",
                     "核对名称是否为全称；本地文件可在 catalogc.toml 的 [[laws]] 中登记。",
                     "Check the title; register local documents under [[laws]] in catalogc.toml."),
    }, "file", basis.check_basis_unknown),
    Rule("C111", "basis-repealed", E, "引用的文件已废止或被取代", "cited document repealed or replaced", {
        "default": M("{value}{since}{status}", "{value} is {status} {since}",
                     "改引现行有效的文件。", "Cite the document in force."),
        "replaced": M("{value}{since}{status}，已由{by}取代", "{value} is {status} {since}, replaced by {by}",
                      "改引{by}，并核对条款。", "Cite {by} instead and check the article."),
    }, "file", basis.check_basis_repealed),
    Rule("C112", "subject-level", W, "公开层级与公开主体不一致", "item level and subject disagree", {
        "default": M("公开层级与公开主体不一致", "Level and subject disagree", "", ""),
        "township": M("事项含乡级公开，但公开主体“{subject}”中没有乡镇（街道）",
                      "The item is published at township level but no subject ({subject}) is a township body",
                      "在 subject 中加上“各乡镇人民政府（街道办事处）”或具体乡镇，或去掉“乡级”。",
                      "Add the township governments to subject, or drop 乡级."),
        "village": M("事项含村级公开，但公开主体“{subject}”中没有乡镇或村（社区）",
                     "The item is published at village level but no subject ({subject}) is a township or village body",
                     "村级公开的事项应由乡镇或村（居）委会公开；核对层级和主体。",
                     "Village-level items are published by townships or village committees."),
    }, "file", subjects.check_subject_level),
    Rule("C113", "audience-note", W, "特定群体未写明是谁", "特定群体 without audience_note", {
        "default": M("公开对象含“特定群体”，但没有 audience_note 说明是哪些人",
                     "Audience includes 特定群体 but audience_note does not say who",
                     "加上 audience_note，如“申请人”“在征收范围内的被征收人”。",
                     "Add audience_note, e.g. 申请人."),
    }, "file", elements.check_audience_note),
    Rule("C201", "duplicate-id", E, "事项编号重复", "two items share an id within a region and domain", {
        "default": M("事项编号“{id}”重复（首次出现在 {file}:{line}）", "Item id '{id}' repeats (first at {file}:{line})",
                     "事项编号在本区划、本领域内必须唯一；给这个事项换一个编号。",
                     "Ids are unique within a region and domain; give this item another id."),
    }, "workspace", identity.check_duplicate_id),
    Rule("C202", "duplicate-item", W, "事项名称重复", "two items share name and sub", {
        "default": M("事项“{label}”与 {other}（{file}:{line}）重复", "Item '{label}' duplicates {other} ({file}:{line})",
                     "合并这两个事项，或用二级事项区分。", "Merge the two items, or tell them apart by sub."),
    }, "workspace", identity.check_duplicate_item),
    Rule("C203", "domain-unknown", E, "领域不在登记表中", "domain not in the domain registry", {
        "default": M("领域“{value}”不在领域登记表中", "Domain '{value}' is not in the domain registry",
                     "使用26个试点领域的名称（catalogc domains 列出），或在 catalogc.toml 的 [domains] 中登记本地领域。",
                     "Use one of the 26 domains (catalogc domains), or register it under [domains] in catalogc.toml."),
    }, "file", catalog.check_domain),
    Rule("C204", "region-code", E, "行政区划代码格式错误或未登记", "malformed or unknown region code", {
        "default": M("行政区划代码“{value}”格式不对", "Region code '{value}' is malformed",
                     "县级写6位、乡级写9位数字，加引号。", "Write 6 digits (county) or 9 (township), quoted."),
        "format": M("行政区划代码“{value}”应为6位或9位数字", "Region code '{value}' must be 6 or 9 digits",
                    "县级写6位、乡级写9位数字，加引号。", "Write 6 digits (county) or 9 (township), quoted."),
        "province": M("行政区划代码“{value}”的前两位不是省级代码", "Region code '{value}' has no real province prefix",
                      "前两位应为 GB/T 2260 的省级代码，如 36（江西）。",
                      "The first two digits are a GB/T 2260 province code, e.g. 36."),
        "prefecture": M("行政区划代码“{value}”缺少地级部分", "Region code '{value}' lacks its prefecture part",
                        "第3、4位是地级代码，不能为00。", "Digits 3-4 are the prefecture and cannot be 00."),
        "county": M("行政区划代码“{value}”是地级代码，不是县级", "Region code '{value}' is a prefecture, not a county",
                    "基层目录由县级（6位）或乡级（9位）政府发布。",
                    "Catalogs are published by counties (6 digits) or townships (9)."),
        "township": M("乡级代码“{value}”的后三位不能是000", "Township code '{value}' cannot end in 000",
                      "乡级代码为县级代码加3位乡镇代码（GB/T 10114）。",
                      "A township code is the county code plus 3 digits (GB/T 10114)."),
        "unregistered": M("行政区划代码“{value}”不在本工作区的区划登记表中",
                          "Region code '{value}' is not in the workspace's region registry",
                          "检查代码，或在 catalogc.toml 的 [regions] 中登记。",
                          "Check the code, or register it under [regions] in catalogc.toml."),
    }, "file", catalog.check_region),
    Rule("C205", "guideline-missing", W, "缺少标准指引要求的事项", "a guideline item is missing", {
        "default": M("缺少{domain}领域标准指引（{guideline}）要求的事项“{label}”",
                     "Missing '{label}', required by the {domain} guideline ({guideline})",
                     "补上这个事项（catalogc init 可生成标准指引的事项），或在 guideline_exceptions 中写明“{label}: 不适用的理由”。",
                     "Add the item (catalogc init scaffolds the guideline), or list it under guideline_exceptions with a reason."),
    }, "workspace", guidelines.check_guideline_missing),
    Rule("C206", "department-mismatch", W, "部门不是任何事项的公开主体", "department differs from every item's subject", {
        "default": M("部门“{value}”不是本文件任何事项的公开主体", "Department '{value}' is no item's subject",
                     "检查 department 是否写错，或事项的 subject 是否从别的部门复制而来。",
                     "Check department, or whether the items were copied from another department."),
    }, "file", catalog.check_department),
    Rule("C207", "credit-code", E, "统一社会信用代码无效", "department_code is not a valid credit code", {
        "default": M("统一社会信用代码“{value}”无效", "Credit code '{value}' is invalid",
                     "核对部门的统一社会信用代码。", "Check the department's credit code."),
        "length": M("统一社会信用代码“{value}”应为18位", "Credit code '{value}' must have 18 characters",
                    "核对是否漏抄或多抄了字符。", "Check for missing or extra characters."),
        "charset": M("统一社会信用代码“{value}”含有不允许的字符", "Credit code '{value}' has characters outside its set",
                     "只用数字和大写字母，不用 I、O、Z、S、V。", "Use digits and capitals except I, O, Z, S, V."),
        "region": M("统一社会信用代码“{value}”的第3-8位不是行政区划代码",
                    "Credit code '{value}': characters 3-8 are not a region code",
                    "核对代码。", "Check the code."),
        "org-check": M("统一社会信用代码“{value}”中的组织机构代码校验位不对（GB 11714）",
                       "Credit code '{value}': the embedded organization code check digit is wrong (GB 11714)",
                       "核对第9-17位。", "Check characters 9-17."),
        "check-char": M("统一社会信用代码“{value}”的校验码不对，应为“{expected}”",
                        "Credit code '{value}': wrong check character, expected '{expected}'",
                        "核对代码；若前17位无误，最后一位应为“{expected}”。",
                        "If the first 17 characters are right, the last is '{expected}'."),
    }, "file", catalog.check_credit_code),
)

RULES += (
    Rule("C301", "power-uncovered", W, "权责清单事项未被任何事项公开", "a power list entry is disclosed by no item", {
        "default": M("权责清单事项 {code}“{name}”（{subject}）没有被任何公开事项公开",
                     "Power entry {code} '{name}' ({subject}) is disclosed by no item",
                     "在{subject}“{domain}”领域目录的相应事项中加上 powers: [{code}]，或说明不予公开的理由。",
                     "Add powers: [{code}] to the item of {subject} that discloses it."),
    }, "workspace", lists.check_power_uncovered),
    Rule("C302", "power-unknown", E, "事项引用了不存在的权责清单编码", "an item names an unknown power code", {
        "default": M("权责清单中没有编码 {code}", "No power list has code {code}",
                     "核对编码，或先把该事项加入 lists/powers 下的权责清单。",
                     "Check the code, or add the entry to a list under lists/powers."),
    }, "workspace", lists.check_power_unknown),
    Rule("C303", "power-subject", W, "公开主体与权责事项的实施主体不一致", "item subject is not the power's department", {
        "default": M("权责事项 {code} 的实施主体是“{subject}”，不在本事项的公开主体中",
                     "Power entry {code} is implemented by {subject}, which is not among the item's subjects",
                     "把“{subject}”加入 subject，或核对引用的编码。", "Add {subject} to subject, or check the code."),
    }, "workspace", lists.check_power_subject),
    Rule("C304", "service-unknown", E, "事项引用了不存在的公共服务事项编码", "an item names an unknown service code", {
        "default": M("公共服务事项清单中没有编码 {code}", "No service list has code {code}",
                     "核对编码，或先把该事项加入 lists/services 下的清单。",
                     "Check the code, or add the entry to a list under lists/services."),
    }, "workspace", lists.check_service_unknown),
    Rule("C305", "service-uncovered", W, "公共服务事项未被任何事项公开", "a service list entry is disclosed by no item", {
        "default": M("公共服务事项 {code}“{name}”（{subject}）没有被任何公开事项公开",
                     "Service entry {code} '{name}' ({subject}) is disclosed by no item",
                     "在{subject}“{domain}”领域目录的相应事项中加上 services: [{code}]。",
                     "Add services: [{code}] to the item of {subject} that discloses it."),
    }, "workspace", lists.check_service_uncovered),
    Rule("C306", "list-row", E, "清单行格式错误", "a power or service list row is malformed", {
        "default": M("清单行格式错误", "Malformed list row", "对照清单格式修改。", "Follow the list format."),
        "no-header": M("清单缺少表头列：{columns}", "The list lacks header columns: {columns}",
                       "第一行写表头：编码、事项名称、权力类型、实施主体、设定依据、领域。",
                       "The first row holds the column names."),
        "missing": M("这一行缺少：{columns}", "This row lacks: {columns}", "补全这一行，或删除它。",
                     "Complete the row, or remove it."),
        "type": M("权力类型“{value}”不是十类行政权力之一", "Power type '{value}' is not one of the ten",
                  "可选：{choices}。", "Choose from: {choices}."),
        "duplicate": M("编码 {code} 重复（首次出现在 {file} 第 {first} 行）",
                       "Code {code} repeats (first in {file} line {first})",
                       "每个清单事项的编码必须唯一。", "Each entry has its own code."),
        "unreadable": M("无法读取清单文件：{problem}", "Cannot read the list file: {problem}",
                        "用 Excel 或 WPS 另存为 .xlsx 或 UTF-8 的 .csv。", "Save it again as .xlsx or UTF-8 .csv."),
    }, "workspace", lists.check_list_row),
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
FILE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "file")
WORKSPACE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "workspace")
