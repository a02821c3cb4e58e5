"""Clean, well-formed documents written from DOMAIN.md, one per section kind.

No error-level finding may fire on any of them. Shared by every review-rule test module: add new
examples (and list them in ``EXAMPLES``) at the end; do not change what exists.
"""

from __future__ import annotations

from builders import doc, ind, project, section

from jixiao.model.document import DocKind, Document, SectionKind


def clean_project() -> Document:
    """A project table (项目支出绩效目标表) with every category filled as the guidance asks."""
    return doc(
        project(
            ind("数量指标", "城乡低保保障人数", "≥1200人", description="全年保障城乡低保对象人数"),
            ind("质量指标", "低保金发放准确率", "≥98%", description="低保金准确发放到户的比例"),
            ind("时效指标", "低保金发放时间", "每月10日前发放", description="按月发放低保金"),
            ind("成本指标", "城市低保标准", "≥8712元/人·年", description="城市低保年保障标准"),
            ind("社会效益指标", "困难群众基本生活保障率", "100%", description="符合条件的困难群众纳入保障"),
            ind("可持续影响指标", "持续发挥作用的期限", "≥12个月"),
            ind("服务对象满意度指标", "低保对象满意度", "≥90%", description="问卷调查满意以上的比例"),
            name="城乡低保资金",
        ),
    )


def clean_duty_activities() -> Document:
    """A duty-activity table (seed 000 style): a function, an activity, graded indicators."""
    grades = ("100%", "85%", "75%", "75%以下")
    return doc(
        section(kind=SectionKind.FUNCTION, name="社会救助政策及管理", key="A01", amount="1200.00",
                purpose="负责城乡居民最低生活保障、特困人员供养和临时救助工作。",
                goal="做到应保尽保，保障困难群众基本生活。"),
        section(
            ind("", "城乡居民低保保障率", "", grades=grades),
            ind("", "低保金按时发放率", "", grades=grades),
            kind=SectionKind.ACTIVITY, name="城乡居民最低生活保障", key="A02", parent_key="A01",
            amount="1200.00", purpose="负责符合条件的城乡居民最低生活保障工作。",
            goal="按时足额发放低保金，保障率100%。",
        ),
        kind=DocKind.DEPT_OVERALL_TARGETS,
        title="部门职责-工作活动绩效目标",
    )


def clean_department() -> Document:
    """A department-level indicator table (部门整体绩效目标), with cycle and year values."""
    return doc(
        section(
            ind("数量指标", "纳保人次", "≥10000人次", cycle="≥10000人次"),
            ind("质量指标", "补贴发放准确率", "≥95%", cycle="≥95%"),
            ind("时效指标", "补贴发放及时率", "≥95%", cycle="≥95%"),
            ind("成本指标", "户籍困难群众每具减免金额", "≤3030元", cycle="≤3030元"),
            ind("社会效益指标", "政策知晓率", "≥90%", cycle="≥90%"),
            ind("服务对象满意度指标", "服务满意率", "≥90%", cycle="≥90%"),
            kind=SectionKind.DEPARTMENT, name="部门整体绩效指标", key="dept",
        ),
        kind=DocKind.DEPT_TARGET_DECLARATION,
        title="部门整体预算绩效目标申报表",
    )


def clean_spending_direction() -> Document:
    """A special fund and its spending direction (seed 004 style: values without names)."""
    return doc(
        section(kind=SectionKind.SPECIAL_FUND, name="城市低保金", key="S1", amount="600.00",
                goal="保障全年城市低保资金规范发放。"),
        section(
            ind("数量指标", "", "3500人"),
            ind("质量指标", "", "100%"),
            ind("时效指标", "", "按月发放，2019年底前完成"),
            ind("成本指标", "", "450-520元/月.人"),
            ind("社会效益指标", "", "保障城市困难群众基本生活"),
            ind("服务对象满意度指标", "", "≥90%"),
            kind=SectionKind.SPENDING_DIRECTION, name="城市低保户", key="D1", amount="600.00",
            goal="保障全年城市低保资金的有效规范发放，切实保障困难群众基本生活。",
        ),
        kind=DocKind.SPECIAL_FUND_TARGETS,
        title="专项资金绩效目标表",
        year=2019,
    )


EXAMPLES = {
    "project": clean_project,
    "duty_activities": clean_duty_activities,
    "department": clean_department,
    "spending_direction": clean_spending_direction,
}


# --- added by the completeness/goals/citations/text helper ---------------------------------------


def clean_key_tasks() -> Document:
    """A department declaration (seed 003 style): key tasks measured by the department table."""
    from jixiao.model.document import BudgetLine, Money

    document = doc(
        section(kind=SectionKind.KEY_TASK, name="做好社会救助工作", key="T1", amount="5654.60",
                purpose="做好城乡低保、特困供养和临时救助发放工作。",
                goal="城乡低保应保尽保，低保金按月足额发放。规范实施临时救助，做到及时救急解难。"),
        section(kind=SectionKind.KEY_TASK, name="做好婚姻登记服务", key="T2", amount="365.86",
                purpose="开展婚姻家庭辅导和集体颁证服务。",
                goal="开展婚姻家庭辅导服务和特色颁证服务，提升婚姻登记服务水平。"),
        section(
            ind("数量指标", "城乡低保保障人次", "≥10000人次", cycle="≥10000人次",
                basis="《关于进一步加强和改进最低生活保障工作的意见》（冀政〔2013〕5号）"),
            ind("数量指标", "临时救助人次", "≥800人次", cycle="≥800人次", basis="上年实际完成数"),
            ind("数量指标", "婚姻家庭辅导服务活动频次", "≥4次", cycle="≥4次", basis="年度工作计划"),
            ind("质量指标", "低保金发放准确率", "≥98%", cycle="≥98%", basis="年度工作计划"),
            ind("时效指标", "特色颁证服务完成时间", "2024年12月底前完成", cycle="2024年12月底前完成",
                basis="年度工作计划"),
            ind("成本指标", "城市低保标准", "≤1100元/人·月", cycle="≤1100元/人·月",
                basis="《关于提高城乡低保标准的通知》（冀民〔2023〕12号）"),
            ind("社会效益指标", "困难群众基本生活保障率", "100%", cycle="100%", basis="年度工作计划"),
            ind("服务对象满意度指标", "服务对象满意率", "≥90%", cycle="≥90%", basis="上年满意度问卷调查结果"),
            kind=SectionKind.DEPARTMENT, name="部门整体绩效指标", key="dept",
        ),
        kind=DocKind.DEPT_TARGET_DECLARATION,
        title="2024年部门整体预算绩效目标申报表",
        organisation="某市某区民政局",
        texts={"总体绩效目标": "目标1：做好社会救助工作。目标2：做好婚姻登记服务。", "其他需完成的任务（可选填）": ""},
    )
    document.budget += [
        BudgetLine("基本支出", Money.parse("2212.16"), "部门预算支出"),
        BudgetLine("项目支出", Money.parse("6020.46"), "部门预算支出"),
    ]
    return document


def clean_approval() -> Document:
    """An approval table (seed 001 style): functions with indicators, one overall goal, no amounts."""
    return doc(
        section(
            ind("数量指标", "城市低保保障人次", "≥10141人次"),
            ind("质量指标", "低保金发放准确率", "≥98%"),
            ind("时效指标", "困难群众基本生活救助按时发放率", "100%"),
            ind("社会效益指标", "困难群众基本生活水平", "稳步提升"),
            ind("服务对象满意度指标", "受益群体满意度", "≥90%"),
            kind=SectionKind.FUNCTION, name="社会救助", key="F1", fields={"label": "职能1: 社会救助"},
        ),
        section(
            ind("数量指标", "高龄补贴发放人数", "≥9324人"),
            ind("质量指标", "高龄补贴发放准确率", "≥98%"),
            ind("时效指标", "高龄补贴按月发放率", "100%"),
            ind("社会效益指标", "老年人生活质量", "稳步提升"),
            ind("服务对象满意度指标", "受益老年人满意度", "≥90%"),
            kind=SectionKind.FUNCTION, name="社会福利", key="F2", fields={"label": "职能2: 社会福利"},
        ),
        kind=DocKind.DEPT_TARGET_APPROVAL,
        title="2024年部门整体支出绩效目标批复表",
        money_unit="",
        texts={"年度整体绩效目标": "目标1: 规范城乡低保政策实施，保障困难群众基本生活。目标2: 按月发放高龄补贴，保障老年人生活。"},
    )


EXAMPLES["key_tasks"] = clean_key_tasks
EXAMPLES["approval"] = clean_approval


# --- added by the duplicates/money helper --------------------------------------------------------


def clean_project_book() -> Document:
    """A project book (seed 002 style): distinct projects with their own codes, amounts
    (total = fiscal + other) and cumulative spending plans that reach 100 % in December."""
    from builders import money, plan

    care = project(
        ind("数量指标", "集中供养特困人员人数", "≥120人", description="全年集中供养的特困人员人数"),
        ind("质量指标", "供养对象生活保障达标率", "100%", description="供养标准达到省定标准的比例"),
        ind("时效指标", "供养资金按月拨付率", "100%", description="每月10日前拨付到供养机构"),
        ind("成本指标", "集中供养标准", "≤1300元/人·月", description="集中供养人员月供养标准"),
        ind("社会效益指标", "特困人员基本生活保障率", "100%"),
        ind("服务对象满意度指标", "供养对象满意度", "≥90%"),
        name="特困人员集中供养资金", code="13030324P00385310001A", amount="156.00",
        plan_points=plan("25%", "50%", "75%", "100%"), unit="314004某县特困人口集中供养中心",
        purpose="用于集中供养特困人员的基本生活和照料护理。", goal="1.按月足额拨付供养资金，保障120名特困人员基本生活。",
    )
    care.amounts.fiscal = money("150.00")
    care.amounts.other = money("6.00")
    cars = project(
        ind("数量指标", "投保车辆数量", "2辆", description="为单位公务用车投保的数量"),
        ind("时效指标", "车辆到期续保及时率", "100%", description="保险到期前完成续保"),
        ind("质量指标", "车辆保险覆盖率", "100%", description="在用公务车辆全部投保"),
        ind("成本指标", "单车年均保险费", "≤2000元/辆", description="每辆车的年度保险费用"),
        ind("社会效益指标", "公务出行保障率", "100%", description="保险理赔及时，公务出行不受影响"),
        ind("服务对象满意度指标", "使用部门满意度", "≥90%"),
        name="公务用车保险费", code="13030324P00391410002B", amount="0.40",
        plan_points=plan("0%", "100%", "100%", "100%"), unit="314001某县民政局本级",
        purpose="用于单位2辆公务用车的年度保险。", goal="1.按时为2辆公务用车续保，保障公务出行安全。",
    )
    cars.amounts.fiscal = money("0.40")
    names = project(
        ind("数量指标", "地名标志设置数量", "≥50块", description="全年新设和更换的地名标志数量"),
        ind("质量指标", "地名数据更新准确率", "≥98%", description="地名数据库更新的准确率"),
        ind("时效指标", "地名标志设置完成时间", "2024年10月底前完成"),
        ind("成本指标", "地名标志单块制作安装费", "≤400元/块"),
        ind("社会效益指标", "主要道路地名标志覆盖率", "≥95%"),
        ind("服务对象满意度指标", "群众满意度", "≥90%"),
        name="地名工作业务经费", code="13030324P00385510003C", amount="2.50",
        plan_points=plan("10%", "40%", "80%", "100%"), unit="314001某县民政局本级",
        purpose="用于地名标志设置维护和地名数据库更新。", goal="1.设置和更换地名标志50块，地名数据更新准确率98%以上。",
    )
    names.amounts.fiscal = money("2.50")
    return doc(care, cars, names)


def clean_department_budget() -> Document:
    """A department declaration whose totals agree: 资金总额 = 基本支出 + 项目支出 = 财政拨款 + 其他资金,
    and the key tasks add up to 项目支出."""
    from jixiao.model.document import BudgetLine, Money

    document = doc(
        section(kind=SectionKind.KEY_TASK, name="健全社会救助体系", key="T1", amount="1000.50",
                purpose="实施城乡低保提标，开展低收入人口动态监测。", goal="低保标准提高5%，低收入人口动态监测全覆盖。"),
        section(kind=SectionKind.KEY_TASK, name="推进养老服务体系建设", key="T2", amount="266.37",
                purpose="发放高龄津贴，运营居家养老服务中心。", goal="高龄津贴按月足额发放，居家养老服务覆盖全部社区。"),
        kind=DocKind.DEPT_TARGET_DECLARATION,
        title="2024年部门整体支出绩效申报表",
        source_file="department_budget.txt",
    )
    document.budget += [
        BudgetLine("资金总额", Money.parse("1593.87万元"), "年度预算申请"),
        BudgetLine("基本支出", Money.parse("327万元"), "按支出性质分"),
        BudgetLine("项目支出", Money.parse("1266.87万元"), "按支出性质分"),
        BudgetLine("财政拨款", Money.parse("1593.87"), "收入来源"),
        BudgetLine("其他资金", Money.parse("0.00"), "收入来源"),
    ]
    return document


def clean_special_funds() -> list[Document]:
    """Seed 004 style: the fund summary (part 1) and its spending directions (part 2) as two
    documents of one file, linked by ``special_fund_section``, with equal amounts."""
    summary = doc(
        section(kind=SectionKind.SPECIAL_FUND, name="城市低保金", key="S1", amount="60",
                goal="按月足额发放城市低保金，保障城市低保对象基本生活。"),
        section(kind=SectionKind.SPECIAL_FUND, name="农村低保金", key="S2", amount="60",
                goal="按月足额发放农村低保金，保障农村低保对象基本生活。"),
        kind=DocKind.SPECIAL_FUND_TARGETS, title="2019年区级专项资金预算绩效目标汇总表", year=2019,
        source_file="funds.txt",
    )
    directions = doc(
        section(ind("数量指标", "", "3500人"), ind("质量指标", "", "100%"), ind("时效指标", "", "按月发放"),
                ind("成本指标", "", "≤600元/月.人"), ind("社会效益指标", "", "城市低保对象基本生活保障率100%"),
                ind("服务对象满意度指标", "", "≥90%"),
                kind=SectionKind.SPENDING_DIRECTION, name="城市低保户", key="D1", amount="60",
                goal="按月足额发放城市低保金，保障城市低保对象基本生活。",
                fields={"所属专项名称": "城市低保金", "special_fund_section": "S1"}),
        section(ind("数量指标", "", "2800人"), ind("质量指标", "", "100%"), ind("时效指标", "", "按月发放"),
                ind("成本指标", "", "≤600元/月.人"), ind("社会效益指标", "", "农村低保对象基本生活保障率100%"),
                ind("服务对象满意度指标", "", "≥90%"),
                kind=SectionKind.SPENDING_DIRECTION, name="农村低保户", key="D2", amount="60",
                goal="按月足额发放农村低保金，保障农村低保对象基本生活。",
                fields={"所属专项名称": "农村低保金", "special_fund_section": "S2"}),
        kind=DocKind.SPECIAL_FUND_TARGETS, title="2019年区级专项资金支出方向绩效目标表", year=2019,
        source_file="funds.txt",
    )
    directions.part = 2
    return [summary, directions]


EXAMPLES["project_book"] = clean_project_book
EXAMPLES["department_budget"] = clean_department_budget
