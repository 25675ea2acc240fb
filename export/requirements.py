"""Rule id → short Chinese name and 整改要求 (what the body has to do). Ids: rules.md."""
from __future__ import annotations

from collections.abc import Sequence

# id: (short name, what to do). Keep each instruction one sentence the body can act on.
RULE_TEXT: dict[str, tuple[str, str]] = {
    # Arithmetic of the tables
    "T3-BALANCE": ("表三收支平衡",
                   "核对表三该列各项数据，使“本年新收+上年结转=办理结果总计+结转下年度”。"),
    "T3-RESULT-TOTAL": ("表三办理结果合计",
                        "核对表三该列各项办理结果，使“（七）总计”等于（一）至（六）各项之和。"),
    "T3-ROW-TOTAL": ("表三各类申请人合计",
                     "核对表三该行数据，使“总计”列等于自然人与法人或其他组织各列之和。"),
    "T4-TOTAL": ("表四合计",
                 "核对表四该行数据，使“总计”等于结果维持、结果纠正、其他结果、尚未审结四项之和。"),
    "CELL-VALUE": ("单元格数值", "填写阿拉伯数字，没有的填 0。"),
    # Shape of the report
    "SECTION-MISSING": ("缺少部分", "按标准格式补写该部分。"),
    "SECTION-TITLE": ("部分标题", "按标准格式更正该部分的标题、序号或顺序。"),
    "OVERVIEW-PARTS": ("总体情况要素",
                       "在“一、总体情况”中补写所缺方面（主动公开、依申请公开、政府信息管理、平台建设、监督保障）的情况。"),
    "TABLE-MISSING": ("缺少统计表", "按国办公开办函〔2021〕30号规定的格式补充该统计表。"),
    "TABLE-SHAPE": ("表格行列", "按标准格式补齐该表缺少的行、列和数据，删除多余或重复的行列。"),
    "LABEL-DEVIATION": ("行列名称", "将该行（列）名称改为标准表述。"),
    "OUTDATED-FORMAT": ("旧版格式", "改用国办公开办函〔2021〕30号规定的格式重新填报该表。"),
    "BASIS-OUTDATED": ("编制依据过时", "删除对国办公开办函〔2019〕60号的引用，改以〔2021〕30号为依据。"),
    "ENUMERATION": ("序号", "核对并更正序号，使其连续、不重复。"),
    # Content
    "TEXT-TABLE-MISMATCH": ("正文与表格不一致", "核对正文与统计表中的数字，使两者一致。"),
    "TEXT-SUM": ("正文分项合计", "核对正文中的总数与各分项数字，使分项之和等于总数。"),
    "TEXT-PERCENT": ("正文百分比", "按实际数字重新计算并更正正文中的百分比。"),
    "IN-FORCE-LOW": ("现行有效件数", "核对表二“现行有效件数”与本年制发、废止件数。"),
    "REGULATIONS-LEVEL": ("规章数据", "本机关无规章制定权，核实表二“规章”行，没有的填 0。"),
    "YEAR-MISMATCH": ("年份", "将年份更正为报告年度（工作计划应为下一年度），逐处核对，避免沿用上年报告的表述。"),
    "DATE-MALFORMED": ("日期", "更正日期写法，统计期限应为报告年度 1 月 1 日至 12 月 31 日。"),
    "UNIT-MISMATCH": ("单位名称", "更正单位名称，删除沿用其他单位报告的内容。"),
    "PUBLISH-LATE": ("发布逾期", "说明逾期发布的原因，今后在规定期限内发布年度报告。"),
    "FEE-STATEMENT-MISSING": ("信息处理费", "在“六、其他需要报告的事项”中说明本年度是否收取信息处理费。"),
    "PRIOR-YEAR-REVIEW-MISSING": ("上年问题整改",
                                  "在“五、存在的主要问题及改进情况”中补写上一年度所提问题的整改情况。"),
    "GOV-EVALUATION-MISSING": ("考核评议追责", "补写本机关政府信息公开工作考核、社会评议和责任追究结果情况。"),
    "VAGUE-NUMBER": ("约数", "将约数（如“余”“若干”）改为准确数字。"),
    # Across reports
    "PREV-YEAR-CARRY": ("与上年结转不一致",
                        "核对表三“上年结转”与上一年度报告“结转下年度继续办理”，使两者一致或说明原因。"),
    "PREV-YEAR-IN-FORCE": ("与上年有效件数不一致", "核对表二“现行有效件数”与上一年度报告及本年制发、废止件数。"),
    "COPIED-TEXT": ("内容雷同", "根据本单位本年度实际情况重新撰写正文，不得照搬其他报告。"),
}

FALLBACK = {
    "error": "对照问题说明核实并更正。",
    "warning": "对照问题说明核实，确有问题的予以更正。",
    "info": "请核实；如无问题可不作修改。",
}


def rule_name(rule: str) -> str:
    """Short Chinese name, '' for a rule this version does not know."""
    return RULE_TEXT.get(rule, ("", ""))[0]


def requirement(rule: str, severity: str = "error", cells: Sequence[str] = ()) -> str:
    """整改要求 for a finding; a generic one for rules added after this table."""
    if rule == "CELL-VALUE" and "t2.fees.amount" in cells:
        return "填写阿拉伯数字，以万元为单位（可保留小数），没有收费的填 0。"
    if rule in RULE_TEXT:
        return RULE_TEXT[rule][1]
    return FALLBACK.get(severity, FALLBACK["error"])
