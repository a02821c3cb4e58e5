"""Completeness (完整性): the parts a target table must have before it can be reviewed at all.

Every indicator table needs outputs (产出), outcomes (效益) and satisfaction (满意度); outputs need
quantity, quality and timeliness; a funded project needs its code, name, amount, goal and spending
plan; where the layout has a basis column (指标值确定依据) every row needs one; and the document
must say which year and which money unit it is about.

A part is only demanded where the layout has a place for it: a goal is required of a function
when other functions in the same document have one (seed 001's 职能 rows have no goal column), an
amount when sibling sections of the same kind carry amounts, a basis when any row of the document
has one. An empty 财政部门审核意见 is the finance bureau's cell, not the unit's, and is never a
finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jixiao.findings import Severity
from jixiao.model.categories import COST, OUTCOME, OUTPUT, SATISFACTION, parent_of
from jixiao.model.document import DocKind, Document, Indicator, Section, SectionKind
from jixiao.review.context import Hit, ReviewContext
from jixiao.review.registry import Dimension, rule

QUANTITY, QUALITY, TIMELINESS = "数量指标", "质量指标", "时效指标"
SATISFACTION_LEVEL2 = ("服务对象满意度指标", "社会公益或服务对象满意度指标")
COST_LEVEL2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")

# A good example per missing part, shown as the suggestion.
EXAMPLES = {
    OUTPUT: "产出指标 / 数量指标 / 城乡低保保障人数 / ≥1200人",
    OUTCOME: "效益指标 / 社会效益指标 / 困难群众基本生活保障率 / 100%",
    SATISFACTION: "满意度指标 / 服务对象满意度指标 / 救助对象满意度 / ≥90%（以问卷调查为依据）",
    QUANTITY: "数量指标 / 补贴发放人数 / ≥1200人",
    QUALITY: "质量指标 / 补贴发放准确率 / ≥98%",
    TIMELINESS: "时效指标 / 补贴按月发放及时率 / ≥95%",
    COST: "成本指标 / 人均补助标准 / ≤500元/人·月",
}


def level1_of(indicator: Indicator) -> str:
    """The indicator's level 1, read from its level 2 when the level-1 cell is empty."""
    return indicator.level1 or parent_of(indicator.level2)


def is_satisfaction(indicator: Indicator) -> bool:
    return level1_of(indicator) == SATISFACTION or indicator.level2 in SATISFACTION_LEVEL2


def is_cost(indicator: Indicator) -> bool:
    return level1_of(indicator) == COST or indicator.level2 in COST_LEVEL2


def _has_content(indicator: Indicator) -> bool:
    return bool(
        indicator.level3 or indicator.description or indicator.target_raw or indicator.cycle_target_raw
    )


def _categorised(section: Section) -> bool:
    """True when the table says which level each row belongs to (seed 000's activity rows do not)."""
    return any(level1_of(i) or i.level2 for i in section.indicators)


def _has_money(document: Document, section: Section) -> bool:
    total = section.amounts.total
    if total is not None and total.value:
        return True
    return section.kind == SectionKind.DEPARTMENT and any(b.money.value for b in document.budget)


def _kinds_with(document: Document, attr) -> set[SectionKind]:
    """The section kinds of which some section has the part, i.e. whose layout has that column.

    Computed once per document, so checking every section stays linear.
    """
    return {s.kind for s in document.sections if attr(s)}


def _full_project(document: Document, section: Section) -> bool:
    """A project of a 项目支出绩效目标表, whose layout always has code, amount, goal and plan.

    A bare indicator table or a self-evaluation sheet read by the general reader may have none
    of these columns; there a part is only demanded when a sibling section has it.
    """
    return section.kind == SectionKind.PROJECT and document.kind == DocKind.PROJECT_TARGETS_BOOK


def _has_amount(section: Section) -> bool:
    return section.amounts.total is not None and section.amounts.total.value is not None


@rule(
    "JX100",
    "缺少产出指标或效益指标",
    Dimension.COMPLETENESS,
    Severity.ERROR,
    why="绩效指标至少要有产出指标（做了多少、做得怎样、是否按时）和效益指标（带来了什么效果），"
    "缺少任何一类，年底就无法评价资金的产出或效果。",
    bad="项目指标表只有满意度指标 / 服务对象满意度 / ≥90%",
    good="产出指标 / 数量指标 / 城乡低保保障人数 / ≥1200人；效益指标 / 社会效益指标 / 困难群众基本生活保障率 / 100%",
)
def missing_output_or_outcome(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        if section.kind == SectionKind.PROJECT and not any(_has_content(i) for i in section.indicators):
            yield Hit(
                "项目没有填写绩效指标。",
                document,
                section,
                None,
                "level1",
                "",
                f"至少设置产出指标和效益指标各一项，如“{EXAMPLES[OUTPUT]}”和“{EXAMPLES[OUTCOME]}”，再加满意度指标。",
            )
            continue
        if not section.indicators or not _categorised(section):
            continue
        present = {level1_of(i) for i in section.indicators}
        for level in (OUTPUT, OUTCOME):
            if level not in present:
                yield Hit(
                    f"指标表中没有{level}。",
                    document,
                    section,
                    None,
                    "level1",
                    "、".join(sorted(p for p in present if p)),
                    f"补充{level}，如“{EXAMPLES[level]}”。",
                )


@rule(
    "JX101",
    "缺少满意度指标",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="服务对象满意度是绩效评价的固定组成部分（通常占10分）；没有满意度指标时，这部分权重只能"
    "挪到效益指标，评价不完整。",
    bad="指标表只有产出指标和效益指标",
    good="满意度指标 / 服务对象满意度指标 / 救助对象满意度 / ≥90%",
)
def missing_satisfaction(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        if not section.indicators or not _categorised(section):
            continue
        if not any(is_satisfaction(i) for i in section.indicators):
            yield Hit(
                "指标表中没有满意度指标；按评分惯例，这部分分值将并入效益指标。",
                document,
                section,
                None,
                "level1",
                "",
                f"补充满意度指标，如“{EXAMPLES[SATISFACTION]}”。",
            )


@rule(
    "JX102",
    "产出指标未覆盖数量、质量、时效",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="产出指标应从数量、质量、时效三方面说明要完成的工作；缺少其中一类，年底就无法判断工作"
    "是否做够、做好、按时做完。",
    bad="产出指标只有数量指标和质量指标（没有时效指标）",
    good="时效指标 / 补贴按月发放及时率 / ≥95%",
)
def output_dimensions(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        outputs = [i for i in section.indicators if level1_of(i) == OUTPUT]
        level2s = {i.level2 for i in outputs if i.level2}
        if not level2s:
            continue  # the layout does not say which kind of output a row is
        missing = [name for name in (QUANTITY, QUALITY, TIMELINESS) if name not in level2s]
        if missing:
            yield Hit(
                f"产出指标中没有{'、'.join(missing)}。",
                document,
                section,
                None,
                "level2",
                "、".join(sorted(level2s)),
                "补充" + "；".join(f"“{EXAMPLES[m]}”" for m in missing) + "。",
            )


@rule(
    "JX103",
    "未设置成本指标",
    Dimension.COMPLETENESS,
    Severity.HINT,
    why="现行指引要求有资金的项目设置成本指标（经济成本、社会成本、生态环境成本），用来说明花多少钱"
    "办多少事；没有成本指标就无法判断资金安排是否节约、合理。",
    bad="产出指标只有数量、质量、时效指标",
    good="成本指标 / 人均补助标准 / ≤500元/人·月",
)
def missing_cost(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        if section.kind not in (SectionKind.PROJECT, SectionKind.SPENDING_DIRECTION, SectionKind.DEPARTMENT):
            continue
        if not _has_money(document, section):
            continue
        outputs = [i for i in section.indicators if level1_of(i) == OUTPUT and i.level2]
        if outputs and not any(is_cost(i) for i in section.indicators):
            yield Hit(
                "有预算资金，但没有设置成本指标。",
                document,
                section,
                None,
                "level2",
                "",
                f"补充成本指标，如“{EXAMPLES[COST]}”。",
            )


def _goal_suggestion(section: Section) -> str:
    base = "写明本年度要达到的结果：做什么、做多少、什么时候完成、带来什么效果"
    if section.purpose:
        return f"{base}。可从职责/用途“{section.purpose[:40]}”出发，写成如“按时足额发放…，保障…人基本生活”的目标。"
    return base + "，如“按时足额发放城乡低保金，保障1200名困难群众基本生活”。"


@rule(
    "JX104",
    "绩效目标为空",
    Dimension.COMPLETENESS,
    Severity.ERROR,
    why="绩效目标是审核指标是否相关、是否足够的依据；目标为空，指标就没有参照，也无法判断资金"
    "要达到什么效果。",
    bad="工作活动：城乡居民最低生活保障 / 绩效目标：（空）",
    good="绩效目标：低保对象应保尽保，按月足额发放低保金，保障困难群众基本生活",
)
def empty_goal(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        with_goal = _kinds_with(document, lambda s: s.goal.strip())
        for section in document.sections:
            if section.goal.strip() or section.kind == SectionKind.DEPARTMENT:
                continue
            if _full_project(document, section) or section.kind in with_goal:
                yield Hit("没有填写绩效目标。", document, section, None, "goal", "", _goal_suggestion(section))


def _missing_parts(
    section: Section, full_project: bool, with_code: set[SectionKind], with_amount: set[SectionKind]
) -> Iterable[tuple[str, str, str]]:
    """(field, message, suggestion) for each required part the section lacks."""
    kind = section.kind
    if not section.name.strip() and kind != SectionKind.DEPARTMENT:
        yield "name", "名称为空。", "填写项目（或职责、活动、支出方向）名称。"
    if not section.code.strip() and (full_project or kind in with_code):
        yield "code", "缺少项目编码。", "填写预算系统中的项目编码（如“13030324P00385310004U”），与预算批复一致。"
    if not _has_amount(section) and kind != SectionKind.DEPARTMENT and (full_project or kind in with_amount):
        yield "amount", "缺少金额。", "填写本项年度预算金额（与预算批复一致，注明万元或元）；无资金安排的写“0”。"


@rule(
    "JX105",
    "缺少编码、名称或金额",
    Dimension.COMPLETENESS,
    Severity.ERROR,
    why="项目编码、名称和金额把绩效目标和预算连在一起；缺少任何一项，财政部门就无法对照预算审核，"
    "也无法汇总。",
    bad="工作活动：防灾减灾及救灾准备 / 金额：（空）",
    good="工作活动：防灾减灾及救灾准备 / 金额：12.00（万元）",
)
def missing_identity(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        with_code = _kinds_with(document, lambda s: s.code.strip())
        with_amount = _kinds_with(document, _has_amount)
        for section in document.sections:
            full = _full_project(document, section)
            for field, message, suggestion in _missing_parts(section, full, with_code, with_amount):
                evidence = section.amounts.total.raw if field == "amount" and section.amounts.total else ""
                yield Hit(message, document, section, None, field, evidence, suggestion)


@rule(
    "JX106",
    "项目缺少资金支出计划",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="项目要按时间节点写明累计支出进度（如3月底25%、6月底50%、10月底75%、12月底100%），"
    "财政部门据此做预算执行监控；没有支出计划就无法监控。",
    bad="资金支出计划：（全部为空）",
    good="3月底 25% / 6月底 50% / 10月底 75% / 12月底 100%",
)
def missing_plan(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        projects = [s for s in document.sections if s.kind == SectionKind.PROJECT]
        layout_has_plan = document.kind == DocKind.PROJECT_TARGETS_BOOK or any(
            any(p.raw.strip() for p in s.plan) for s in projects
        )
        if not layout_has_plan:
            continue
        for section in projects:
            if not any(p.raw.strip() for p in section.plan):
                yield Hit(
                    "没有填写资金支出计划（各时间节点的累计支出进度）。",
                    document,
                    section,
                    None,
                    "plan",
                    "",
                    "按时间节点写累计支出比例，如“3月底25%、6月底50%、10月底75%、12月底100%”。",
                )


@rule(
    "JX107",
    "指标缺少指标值确定依据",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="指标值确定依据说明目标值从哪里来（政策文件、计划、标准、历史数据），审核时据此判断目标"
    "是否合理；表格有这一列却空着，目标值就无从核对。",
    bad="满意度指标 / 特困人员满意程度 / ≥90% / （依据为空）",
    good="满意度指标 / 特困人员满意程度 / ≥90% / 上年满意度调查结果及年度工作计划",
)
def missing_basis(ctx: ReviewContext) -> Iterator[Hit]:
    suggestion = "写明目标值的来源：政策文件（含文号）、年度工作计划、行业标准或上年实际数。"
    for document in ctx.documents:
        if not any(i.basis.strip() for s in document.sections for i in s.indicators):
            continue  # the layout has no basis column
        for section in document.sections:
            rows = [(n, i) for n, i in enumerate(section.indicators, 1) if _has_content(i)]
            empty = [(n, i) for n, i in rows if not i.basis.strip()]
            if not empty:
                continue
            if len(empty) == len(rows) and len(rows) > 1:
                yield Hit(
                    "本表所有指标都没有填写指标值确定依据。",
                    document,
                    section,
                    None,
                    "basis",
                    "",
                    suggestion,
                )
                continue
            for row_no, indicator in empty:
                name = indicator.level3 or indicator.description or indicator.target_raw
                yield Hit(
                    f"指标“{name}”没有填写指标值确定依据。",
                    document,
                    section,
                    row_no,
                    "basis",
                    "",
                    suggestion,
                )


@rule(
    "JX108",
    "未写明预算年度",
    Dimension.COMPLETENESS,
    Severity.HINT,
    why="绩效目标按预算年度设定和评价；表头不写年度，汇总、对比和年底评价时无法确定它属于哪一年。",
    bad="部门整体预算绩效目标申报表",
    good="2024年部门整体预算绩效目标申报表",
)
def missing_year(ctx: ReviewContext) -> Iterator[Hit]:
    known = [d.year for d in ctx.documents if d.year]
    example = max(known) if known else 2024
    for document in ctx.documents:
        if document.year is None:
            title = (document.title or "绩效目标表").lstrip("0123456789年度")
            yield Hit(
                "文件没有写明预算年度。",
                document,
                None,
                None,
                "title",
                document.title,
                f"在表头写明预算年度（按实际年度填写），如“{example}年{title}”。",
            )


_UNIT_WORDS = ("万元", "元")


def _money_texts(document: Document) -> list[str]:
    out = [s.amounts.total.raw for s in document.sections if s.amounts.total and s.amounts.total.value is not None]
    out += [b.money.raw for b in document.budget if b.money.value is not None]
    return out


def _unit_stated(document: Document) -> bool:
    if document.money_unit:
        return True
    for section in document.sections:
        for key in ("unit", "单位", "金额单位"):
            if any(w in section.fields.get(key, "") for w in _UNIT_WORDS):
                return True
    return False


@rule(
    "JX109",
    "未写明金额单位",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="同一个数字按“元”和“万元”相差一万倍；有金额却不写单位，审核和汇总时容易出错。",
    bad="金额：1748.60（没有单位）",
    good="单位：万元 / 金额：1748.60",
)
def missing_money_unit(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        amounts = _money_texts(document)
        if not amounts or _unit_stated(document):
            continue
        if all(any(w in raw for w in _UNIT_WORDS) for raw in amounts):
            continue  # every amount carries its own unit (1593.88万元)
        yield Hit(
            "文件有金额，但没有写明金额单位（元还是万元）。",
            document,
            None,
            None,
            "amount",
            "、".join(amounts[:3]),
            "在表头注明“单位：万元”（或“元”），并与预算批复保持一致。",
        )


@rule(
    "JX118",
    "只填了实施期或年度指标值中的一个",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="表中设有“实施期指标值”和“年度指标值”两栏，其他指标两栏都填了，个别指标只填一栏，"
    "说明漏填或错位，年度考核时缺少依据。",
    bad="发放准确率 / 实施期指标值（空） / 年度指标值 ≥90%",
    good="发放准确率 / 实施期指标值 ≥90% / 年度指标值 ≥90%",
)
def one_of_two_values(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        rows = section.indicators
        both = sum(1 for i in rows if i.target_raw.strip() and i.cycle_target_raw.strip())
        if both < max(2, len(rows) // 2):
            continue  # the table does not use both columns
        for row_no, ind in enumerate(rows, 1):
            year, cycle = ind.target_raw.strip(), ind.cycle_target_raw.strip()
            if bool(year) != bool(cycle):
                missing, written = ("cycle_target", year) if year else ("target", cycle)
                label = "实施期指标值" if missing == "cycle_target" else "年度指标值"
                yield Hit(
                    f"“{ind.level3 or ind.description}”只填了一个指标值（{written}），{label}为空。",
                    document,
                    section,
                    row_no,
                    missing,
                    written,
                    f"补填{label}；单年度项目两栏相同即可。",
                )


@rule(
    "JX119",
    "指标只有指标值，没有指标名称",
    Dimension.COMPLETENESS,
    Severity.HINT,
    why="只写“两项补贴各2000人”而不写考核什么，读者要自己猜指标是什么、分子分母是什么，年底也无法逐项对照打分。",
    bad="数量指标 /（无名称）/ 两项补贴各2000人",
    good="数量指标 / 残疾人两项补贴发放人数 / ≥2000人",
)
def values_without_names(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        rows = [n for n, i in enumerate(section.indicators, 1) if i.target_raw.strip() and not (i.level3 or i.description).strip()]
        if rows:
            yield Hit(
                f"第{'、'.join(map(str, rows))}行只有指标值，没有三级指标名称。",
                document,
                section,
                rows[0],
                "level3",
                section.indicators[rows[0] - 1].target_raw,
                "为每个指标值写明三级指标名称（考核对象 + 口径），如“残疾人两项补贴发放人数”。",
            )
