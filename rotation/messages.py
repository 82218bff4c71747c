"""Every word a person reads in the library's office outputs, in Chinese and in English.

One table, ``MESSAGES``: key → {"zh": …, "en": …}. Values are ``str.format`` templates; both
languages of a key take the same placeholders. ``text(key, lang, **values)`` fills one in.

Keys are dotted by family, so a writer can build them from the codes it holds:

    indicator.L1 … indicator.L7      official indicator names (教督〔2017〕6号)
    stage.* area.* subject.* education.* backbone.* gender.* role.*   roster codes
    verdict.pass / verdict.fail      达标 / 未达标;   yes / no   是 / 否
    sheet.*                          workbook sheet names
    col.*                            column headers
    rule.R1 … rule.R11 (+ ".meaning")  the hard rules of a plan
    eligibility.*                    why a teacher may or may not rotate (with values)
    reason.*                         why a teacher is in the list
    policy.*                         setting names of the 参数 sheet (Policy fields)
    policy_value.*                   words for setting values
    guarantee.*                      the review's rotation figures
    limit.*                          what rotation alone cannot fix
    mode.*                           forms of rotation (交流方式)
    title.* notice.* letter.* term.* misc.*   titles and sentences of the documents
    progress.*                       the live line of a solve
    indicator_short.* nb.* plot.*    notebook summaries and charts
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def _m(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


MESSAGES: dict[str, dict[str, str]] = {
    # -- indicators: the official wording of the 2017 method -------------------------------
    "indicator.L1": _m(
        "每百名学生拥有高于规定学历教师数",
        "Teachers above the required education per 100 students",
    ),
    "indicator.L2": _m(
        "每百名学生拥有县级及以上骨干教师数",
        "County-level-or-higher backbone teachers per 100 students",
    ),
    "indicator.L3": _m(
        "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
        "PE and arts (fine arts, music) full-time teachers per 100 students",
    ),
    "indicator.L4": _m(
        "生均教学及辅助用房面积",
        "Teaching and auxiliary floor area per student (m²)",
    ),
    "indicator.L5": _m(
        "生均体育运动场馆面积",
        "Sports ground and hall area per student (m²)",
    ),
    "indicator.L6": _m(
        "生均教学仪器设备值",
        "Teaching equipment value per student (yuan)",
    ),
    "indicator.L7": _m(
        "每百名学生拥有网络多媒体教室数",
        "Networked multimedia classrooms per 100 students",
    ),
    # -- roster codes ------------------------------------------------------------------------
    "stage.primary": _m("小学", "Primary"),
    "stage.middle": _m("初中", "Middle"),
    "area.urban": _m("城区", "Urban"),
    "area.town": _m("镇区", "Town"),
    "area.rural": _m("乡村", "Rural"),
    "subject.chinese": _m("语文", "Chinese"),
    "subject.math": _m("数学", "Mathematics"),
    "subject.english": _m("英语", "English"),
    "subject.morality": _m("道德与法治", "Morality and law"),
    "subject.science": _m("科学", "Science"),
    "subject.physics": _m("物理", "Physics"),
    "subject.chemistry": _m("化学", "Chemistry"),
    "subject.biology": _m("生物", "Biology"),
    "subject.history": _m("历史", "History"),
    "subject.geography": _m("地理", "Geography"),
    "subject.pe": _m("体育", "PE"),
    "subject.music": _m("音乐", "Music"),
    "subject.art": _m("美术", "Art"),
    "subject.it": _m("信息科技", "Information technology"),
    "subject.labor": _m("劳动", "Labour"),
    "subject.other": _m("其他", "Other"),
    "education.secondary": _m("中专及以下", "Secondary or below"),
    "education.associate": _m("专科", "Associate degree"),
    "education.bachelor": _m("本科", "Bachelor"),
    "education.master": _m("硕士研究生", "Master"),
    "education.doctor": _m("博士研究生", "Doctor"),
    "backbone.none": _m("无", "—"),
    "backbone.county": _m("县级", "County"),
    "backbone.city": _m("市级", "City"),
    "backbone.province": _m("省级", "Province"),
    "backbone.national": _m("国家级", "National"),
    "backbone_title.county": _m("县级骨干教师", "county backbone teacher"),
    "backbone_title.city": _m("市级骨干教师", "city backbone teacher"),
    "backbone_title.province": _m("省级骨干教师", "provincial backbone teacher"),
    "backbone_title.national": _m("国家级骨干教师", "national backbone teacher"),
    "gender.M": _m("男", "M"),
    "gender.F": _m("女", "F"),
    "role.teacher": _m("教师", "teacher"),
    "role.principal": _m("校长", "principal"),
    "role.vice_principal": _m("副校长", "vice-principal"),
    # -- verdicts and switches ---------------------------------------------------------------
    "verdict.pass": _m("达标", "Meets"),
    "verdict.fail": _m("未达标", "Below"),
    "yes": _m("是", "Yes"),
    "no": _m("否", "No"),
    "rule.holds": _m("符合", "Holds"),
    "rule.off": _m("本次未启用此规则", "not required by the policy"),
    "rule.broken": _m("不符合", "Broken"),
    # -- sheet names (Excel: at most 31 characters, none of []:*?/\) --------------------------
    "sheet.moves": _m("交流名单", "Moves"),
    "sheet.schools": _m("学校汇总", "Schools"),
    "sheet.cv": _m("差异系数", "CVs"),
    "sheet.school_indicators": _m("学校指标", "School indicators"),
    "sheet.limits": _m("轮岗不能解决的问题", "Limits of rotation"),
    "sheet.rules": _m("规则核验", "Rule check"),
    "sheet.policy": _m("参数", "Settings"),
    "sheet.notice": _m("公示名单", "Notice"),
    # -- column headers ----------------------------------------------------------------------
    "col.no": _m("序号", "No."),
    "col.name": _m("姓名", "Name"),
    "col.gender": _m("性别", "Gender"),
    "col.stage": _m("学段", "Stage"),
    "col.subject": _m("学科", "Subject"),
    "col.education": _m("学历", "Education"),
    "col.backbone": _m("骨干级别", "Backbone level"),
    "col.years_at_school": _m("本校连续任教年限", "Years at the school"),
    "col.from_school": _m("派出学校", "Sending school"),
    "col.to_school": _m("接收学校", "Receiving school"),
    "col.term": _m("交流期限", "Term"),
    "col.reason": _m("原因", "Reason"),
    "col.preferred": _m("本人志愿", "Own choice"),
    "col.distance_km": _m("距离（公里）", "Distance (km)"),
    "col.teacher_id": _m("教师编号", "Teacher id"),
    "col.from_school_id": _m("派出学校代码", "Sending school id"),
    "col.to_school_id": _m("接收学校代码", "Receiving school id"),
    "col.mode": _m("交流方式", "Form"),
    "col.remark": _m("备注", "Remark"),
    "col.school": _m("学校名称", "School"),
    "col.school_id": _m("学校代码", "School id"),
    "col.area": _m("区域", "Area"),
    "col.students": _m("在校生数", "Students"),
    "col.out": _m("派出人数", "Sent"),
    "col.out_backbone": _m("派出骨干教师", "Backbone sent"),
    "col.out_subjects": _m("派出学科", "Subjects sent"),
    "col.in": _m("接收人数", "Received"),
    "col.in_backbone": _m("接收骨干教师", "Backbone received"),
    "col.in_subjects": _m("接收学科", "Subjects received"),
    "col.net": _m("增减", "Net change"),
    "col.indicator_code": _m("指标代码", "Code"),
    "col.indicator": _m("指标名称", "Indicator"),
    "col.county_value": _m("县域均值（轮岗后）", "County value (after)"),
    "col.cv_before": _m("轮岗前差异系数", "CV before"),
    "col.cv_after": _m("轮岗后差异系数", "CV after"),
    "col.cv_threshold": _m("标准（不高于）", "Threshold (at most)"),
    "col.verdict_before": _m("轮岗前结论", "Before"),
    "col.verdict_after": _m("轮岗后结论", "After"),
    "col.before": _m("轮岗前", "Before"),
    "col.after": _m("轮岗后", "After"),
    "col.verdict": _m("结论", "Verdict"),
    "col.school_passes_before": _m("学校达标（轮岗前）", "School meets (before)"),
    "col.school_passes_after": _m("学校达标（轮岗后）", "School meets (after)"),
    "col.limit_kind": _m("问题类别", "Kind"),
    "col.limit_what": _m("项目", "Subject or indicator"),
    "col.have": _m("现有（人）", "Have"),
    "col.needed": _m("需要（人）", "Needed"),
    "col.hires": _m("需补充教师（人）", "Teachers to hire"),
    "col.note": _m("说明", "Note"),
    "col.rule": _m("规则", "Rule"),
    "col.rule_name": _m("规则名称", "Rule name"),
    "col.rule_meaning": _m("含义", "Meaning"),
    "col.setting": _m("参数", "Setting"),
    "col.value": _m("取值", "Value"),
    "col.figure": _m("项目", "Figure"),
    "col.required": _m("要求", "Required"),
    "col.figure_value": _m("数值", "Value"),
    "col.series_threshold": _m("标准", "Threshold"),
    # -- the hard rules of a plan (rotation/model/rules.py, rotation/planning/verify.py) ----
    "rule.R1": _m("交流比例下限", "Minimum rotation ratio"),
    "rule.R1.meaning": _m(
        "交流人数不少于符合交流条件教师数的规定比例",
        "Teachers rotated are at least the minimum share of the eligible",
    ),
    "rule.R2": _m("交流比例上限", "Maximum rotation ratio"),
    "rule.R2.meaning": _m(
        "交流人数不超过符合交流条件教师数的规定比例",
        "Teachers rotated are at most the maximum share of the eligible",
    ),
    "rule.R3": _m("骨干教师占比", "Backbone share of the rotated"),
    "rule.R3.meaning": _m(
        "交流人员中骨干教师不少于规定比例",
        "Backbone teachers are at least the minimum share of those rotated",
    ),
    "rule.R4": _m("每人只交流一次且学段相同", "One move per teacher, same stage"),
    "rule.R4.meaning": _m(
        "每名教师只交流一次，且只交流到有本学段学生的学校",
        "A teacher moves at most once, to a school with students of the teacher's stage",
    ),
    "rule.R5": _m("学科开齐", "Subject coverage"),
    "rule.R5.meaning": _m(
        "交流后各校各学科教师数不少于交流前人数与所需人数中的较小者",
        "After the moves each school keeps at least min(teachers before, need) in each subject",
    ),
    "rule.R6": _m("编制限额", "Staffing quota"),
    "rule.R6.meaning": _m(
        "交流后各校教师数不超过交流前人数与核定编制数中的较大者",
        "After the moves no school has more teachers than max(headcount before, quota)",
    ),
    "rule.R7": _m("交流资格与期限", "Eligibility and term"),
    "rule.R7.meaning": _m(
        "只交流符合条件（或经指定）的教师，交流期限符合规定，正在交流的教师期满前不再调整",
        "Only eligible (or pinned) teachers rotate, for the set term; teachers on rotation stay",
    ),
    "rule.R8": _m("指定安排", "Pinned decisions"),
    "rule.R8.meaning": _m(
        "人事股指定的交流、留任、去向和不去向均得到执行",
        "Every move, stay, destination and exclusion set by the office is kept",
    ),
    "rule.R9": _m("交流方向", "Direction of moves"),
    "rule.R9.meaning": _m(
        "按规定方向交流（城区向乡村、强校向弱校）",
        "Moves go the set direction (urban to rural, strong to weak school)",
    ),
    "rule.R10": _m("校共体内交流", "School groups"),
    "rule.R10.meaning": _m(
        "要求集团内交流时，只在同一校共体（教育集团）内交流",
        "When required, moves stay inside a school group",
    ),
    "rule.R11": _m("交流距离", "Maximum distance"),
    "rule.R11.meaning": _m(
        "派出学校与接收学校的距离不超过规定公里数",
        "The two schools are no farther apart than the set distance",
    ),
    # -- eligibility (rotation/policy/eligible.py REASONS) -----------------------------------
    "eligibility.on_rotation": _m(
        "正在交流（原学校{home_school}，{end_year}年期满）",
        "on rotation from {home_school} until {end_year}",
    ),
    "eligibility.term_ended": _m(
        "交流期满（{end_year}年），返回原学校{home_school}",
        "term ended {end_year}: returns to {home_school}",
    ),
    "eligibility.exempt": _m("免于交流", "exempt"),
    "eligibility.exempt_because": _m("免于交流：{why}", "exempt: {why}"),
    "eligibility.on_leave": _m("休假中", "on leave"),
    "eligibility.near_retirement": _m(
        "年龄{age}岁，距退休年龄（{retirement_age}岁）不足{years}年",
        "age {age}, within {years} years of retirement at {retirement_age}",
    ),
    "eligibility.leader_terms": _m(
        "任{role}{terms}届，不足{needed}届",
        "{terms} of {needed} terms as {role}",
    ),
    "eligibility.too_few_years": _m(
        "在本校连续任教{years}年，不足{needed}年",
        "{years} of {needed} years at the school",
    ),
    "eligibility.near_retirement_detail": _m(
        "{when}，{year}年起{years}年内退休，免于交流", "{when}: within {years} years of {year}"
    ),
    "eligibility.retires_fixed": _m(
        "{year}年达到退休年龄{age}岁", "retires {year} at {age} (fixed age)"
    ),
    "eligibility.retires_reform": _m(
        "{year}年{month}月退休（按渐进式延迟退休规定，退休年龄{age}岁{months}个月）",
        "retires {year}-{month} at {age} y {months} m (2025 reform)",
    ),
    "eligibility.retires_reform_no_month": _m(
        "约{year}年{month}月退休（按渐进式延迟退休规定，退休年龄{age}岁{months}个月；"
        "未填出生月份，按年中计）",
        "retires {year}-{month} at {age} y {months} m (2025 reform; month not given)",
    ),
    "eligibility.reason.on_rotation": _m("正在交流", "already on rotation"),
    "eligibility.reason.term_ended": _m(
        "交流期满，返回原学校", "rotation term ended: returns to the home school"
    ),
    "eligibility.reason.exempt": _m("免于交流", "exempt"),
    "eligibility.reason.on_leave": _m("休假中", "on leave"),
    "eligibility.reason.near_retirement": _m(
        "临近退休，免于交流", "within the exemption years before retirement"
    ),
    "eligibility.reason.leader_terms": _m(
        "校长、副校长在本校任职届数不足",
        "principal or vice-principal with too few terms at the school",
    ),
    "eligibility.reason.too_few_years": _m("在本校任教年限不足", "too few years at the school"),
    "eligibility.reason.eligible": _m("符合交流条件", "eligible"),
    "eligibility.eligible": _m(
        "在本校连续任教{years}年，符合交流条件",
        "eligible: {years} years at the school",
    ),
    # -- why a teacher is in the list ----------------------------------------------------------
    "reason.eligible": _m(
        "在本校连续任教{years}年，符合交流条件",
        "eligible: {years} years at the school",
    ),
    "reason.pinned": _m("教育局指定交流", "pinned by the office"),
    "reason.counts_for": _m("计入指标：{codes}", "counts for {codes}"),
    # -- policy settings (rotation/policy/settings.py Policy) -----------------------------------
    "policy.preset": _m("政策预设", "Preset"),
    "policy.min_rotation_ratio": _m(
        "交流比例下限（占符合条件教师）", "Minimum rotation ratio (of eligible)"
    ),
    "policy.max_rotation_ratio": _m(
        "交流比例上限（占符合条件教师）", "Maximum rotation ratio (of eligible)"
    ),
    "policy.min_backbone_share": _m(
        "骨干教师占交流人数比例下限", "Minimum backbone share of the rotated"
    ),
    "policy.min_years_at_school": _m(
        "在本校连续任教满几年应交流", "Years at one school before rotating"
    ),
    "policy.term_years": _m("交流期限（年）", "Term (years)"),
    "policy.retirement": _m("退休年龄规则", "Retirement rule"),
    "policy_value.retirement.reform2025": _m(
        "渐进式延迟法定退休年龄（2025年起）", "Gradual rise of the legal age (from 2025)"
    ),
    "policy_value.retirement.fixed": _m("原法定退休年龄（固定）", "Fixed ages (before 2025)"),
    "policy.retirement_age": _m("退休年龄", "Retirement age"),
    "policy.exempt_years_before_retirement": _m(
        "距退休几年内免于交流", "Exempt within years before retirement"
    ),
    "policy.leader_terms": _m(
        "校长、副校长在同一学校任满几届应交流", "Terms before a principal rotates"
    ),
    "policy.leader_term_years": _m("每届任期（年）", "Years per leadership term"),
    "policy.return_after_term": _m("期满返回原学校", "Return home after the term"),
    "policy.coverage": _m("保证各校学科开齐", "Keep subject coverage"),
    "policy.staffing": _m("不超过核定编制", "Keep within staffing quotas"),
    "policy.direction": _m("交流方向", "Direction of moves"),
    "policy.within_group": _m("仅在校共体内交流", "Only within school groups"),
    "policy.max_distance_km": _m("最远交流距离（公里）", "Maximum distance (km)"),
    "policy.max_travel_minutes": _m("最长交流路程（分钟）", "Maximum travel time (minutes)"),
    "policy.weights": _m("优化的指标及权重", "Optimised indicators and weights"),
    "policy.periods": _m("各学科周课时（每班）", "Periods per class per week"),
    "policy.teaching_load": _m("教师周课时量", "Periods a teacher teaches a week"),
    "policy.students_per_staff": _m("编制标准（生师比）", "Students per staff post"),
    "policy.standard": _m("评估标准", "Evaluation standard"),
    "policy.hire_education": _m("新招聘教师学历", "Education of new teachers"),
    "policy.max_hires_per_year": _m("每年招聘教师上限（人）", "Most new teachers a year"),
    "policy.designation_share": _m(
        "每年认定县级骨干教师上限（占专任教师比例）",
        "Backbone designations a year (share of teachers)",
    ),
    "policy.designation_min_service_years": _m(
        "骨干教师认定最低教龄（年）", "Least years of service for designation"
    ),
    "policy.cv_thresholds": _m("差异系数标准（不高于）", "CV thresholds (at most)"),
    "policy.school_min_met": _m("学校至少达标的指标数", "Indicators a school must meet"),
    "policy.near_miss": _m(
        "未达标指标不低于标准值的比例", "Share of a threshold the unmet indicator must reach"
    ),
    "policy.count_rotating_at": _m("交流教师计入", "Teachers on rotation count at"),
    "policy.exclude_teaching_points_below": _m(
        "不计入差异系数的教学点（学生少于）", "Teaching points left out below (students)"
    ),
    "policy.exclude_special": _m(
        "特殊教育学校不计入差异系数", "Special-education schools left out of the CV"
    ),
    "policy.middle_weight": _m("九年一贯制学校初中生折算系数", "Weight of a middle-stage student"),
    # -- words for setting values ------------------------------------------------------------
    "policy_value.direction.any": _m("不限", "any"),
    "policy_value.direction.outward": _m("城区向镇区、乡村", "urban to town and rural"),
    "policy_value.direction.strong_to_weak": _m("强校向弱校", "strong to weak schools"),
    "policy_value.count_rotating_at.host": _m("接收学校", "the receiving school"),
    "policy_value.count_rotating_at.home": _m("派出学校", "the sending school"),
    "policy_value.unlimited": _m("不限", "no limit"),
    "policy_value.none": _m("无", "none"),
    "policy_value.terms": _m("{n}届", "{n} terms"),
    "policy_value.preset.anhui": _m("安徽省", "Anhui"),
    "policy_value.preset.sichuan": _m("四川省", "Sichuan"),
    "policy_value.preset.miyun": _m("北京市密云区", "Beijing Miyun"),
    "policy_value.preset.qingdao": _m("青岛市", "Qingdao"),
    "policy_value.preset.changzhou": _m("常州市", "Changzhou"),
    "policy_value.years": _m("{n}年", "{n} years"),
    "policy_value.age": _m("男{M}岁，女{F}岁", "men {M}, women {F}"),
    # -- the review's rotation figures (Evaluation.guarantees) ---------------------------------
    "guarantee.eligible_teachers": _m("符合交流条件教师数", "Eligible teachers"),
    "guarantee.rotated_teachers": _m("交流人数", "Teachers rotated"),
    "guarantee.rotation_ratio": _m("交流比例", "Rotation ratio"),
    "guarantee.backbone_rotated": _m("交流骨干教师数", "Backbone teachers rotated"),
    "guarantee.backbone_share": _m("骨干教师占交流人数比例", "Backbone share of the rotated"),
    "guarantee.rotated_not_eligible": _m("不符合条件但交流的人数", "Rotated though not eligible"),
    "guarantee.heading": _m("交流轮岗比例（政府保障指标）", "Rotation figures of the review"),
    # -- what rotation cannot fix (rotation/review/limits.py) ----------------------------------
    "limit.subject shortage": _m("学科教师总量不足", "Subject shortage"),
    "limit.county value below threshold": _m("全县均值低于标准", "County value below threshold"),
    "limit.CV above threshold": _m("轮岗后差异系数仍超标", "CV above threshold"),
    "limit.facility CV above threshold": _m("办学条件差异系数超标", "Facility CV above threshold"),
    "limit.note.subject shortage": _m(
        "全县该学科教师{have}人，各校共需{needed}人，交流无法补足",
        "{have} teachers of the subject in the county, its schools need {needed}",
    ),
    "limit.note.county value below threshold": _m(
        "全县现有{have}人，全县均值达标需{needed}人，交流不能增加总量",
        "{have} in the county, {needed} needed for the county value to reach the threshold",
    ),
    "limit.note.CV above threshold": _m(
        "补充{hires}名教师并配置到最需要的学校，差异系数可以达标",
        "{hires} new teachers placed where they help most bring the CV within its threshold",
    ),
    "limit.note.facility CV above threshold": _m(
        "属办学条件指标，需新建、改扩建或添置设备，教师交流不能解决",
        "a facility indicator: building or equipment, not teachers, can fix it",
    ),
    "limit.none": _m("轮岗后没有交流不能解决的问题。", "Nothing left that rotation cannot fix."),
    # -- forms of rotation (交流方式) ------------------------------------------------------------
    "mode.transfer": _m("调动", "transfer"),
    "mode.support": _m("顶岗支教", "support post"),
    "mode.learning": _m("跟岗学习", "learning post"),
    "mode.group": _m("集团内师资互派", "exchange within the school group"),
    "mode.rotation": _m("交流轮岗", "rotation"),
    # -- terms and dates -----------------------------------------------------------------------
    "term.school_year": _m("{start}–{end}学年", "{start}–{end}"),
    "term.range": _m("{first}至{last}", "{first} to {last}"),
    "date.full": _m("{year}年{month}月{day}日", "{day:02d}/{month:02d}/{year}"),
    "years.one": _m("{year}", "{year}"),
    "years.range": _m("{first}—{last}", "{first}–{last}"),
    # -- titles and sentences --------------------------------------------------------------------
    "title.workbook": _m(
        "{county}{years}年义务教育学校教师交流轮岗名单（公示稿）",
        "{county}Teacher rotation {years}: list for public notice (draft)",
    ),
    "title.notice": _m(
        "{county}{years}年义务教育学校教师交流轮岗人员名单（公示）",
        "{county}Teacher rotation {years}: public notice",
    ),
    "title.letter": _m(
        "{county}{years}年义务教育学校教师交流轮岗通知",
        "{county}Teacher rotation {years}: letter to the school",
    ),
    "title.county_suffix": _m("{county}", "{county}: "),
    "title.sheet": _m(
        "{county}{years}年教师交流轮岗·{sheet}", "{county}Teacher rotation {years}: {sheet}"
    ),
    "print.footer": _m("第 &P 页，共 &N 页", "Page &P of &N"),
    "title.cv_chart": _m("各指标校际差异系数（轮岗前后）", "Inter-school CVs before and after"),
    "notice.period": _m(
        "公示期：自公示之日起{days}个工作日。",
        "Notice period: {days} working days from the date of this notice.",
    ),
    "notice.object": _m(
        "公示期间，对上述人员如有异议，请以书面或电话形式向{bureau}人事股反映。",
        "Objections during the notice period may be made in writing or by telephone to the "
        "personnel office of {bureau}.",
    ),
    "notice.phone": _m("联系电话：{phone}", "Telephone: {phone}"),
    "notice.total": _m("共{n}人。", "{n} teachers in all."),
    "notice.bureau_default": _m("{county}教育局", "{county} Education Bureau"),
    "letter.salutation": _m("{school}：", "To {school}:"),
    "letter.intro": _m(
        "根据{county}{year}年义务教育学校教师交流轮岗工作安排，现将你校交流轮岗人员通知如下。",
        "Under the {county}teacher rotation plan for {year}, the rotation of your school's "
        "teachers is as follows.",
    ),
    "letter.leaving": _m("一、派出教师（{n}人）", "1. Teachers leaving ({n})"),
    "letter.arriving": _m("二、接收教师（{n}人）", "2. Teachers arriving ({n})"),
    "letter.none": _m("无。", "None."),
    "letter.report": _m(
        "请通知派出教师做好工作交接，于{date}前到接收学校报到；请为接收教师安排好教学工作和生活。",
        "Please have the teachers leaving hand over their work and report to the receiving "
        "school by {date}, and prepare the teaching and lodging of those arriving.",
    ),
    "letter.report_to": _m("报到时间：{date}前", "Report by: {date}"),
    "misc.total": _m("合计", "Total"),
    "misc.mean_cv": _m("差异系数平均值（参考）", "Mean of the CVs (for reference)"),
    "misc.subject_count": _m("{subject}{n}人", "{subject} {n}"),
    "misc.list_sep": _m("、", ", "),
    "misc.semicolon": _m("；", "; "),
    "misc.violations": _m("{n}处：{details}", "{n}: {details}"),
    "misc.school_passes_note": _m(
        "学校达标：7项指标中至少{n}项达标，其余不低于标准值的{share}",
        "A school meets the standard with at least {n} of the 7 met, the rest at {share}",
    ),
    "misc.generated": _m("生成日期：{date}", "Made on {date}"),
    # -- the director's report (rotation/reports/director.py) ---------------------------------
    "report.title": _m(
        "{county}{years}年义务教育学校教师交流轮岗方案报告",
        "{county}Teacher rotation plan {years}: report",
    ),
    "report.subtitle": _m(
        "供局领导审阅：轮岗前后差异系数、交流比例、学校达标情况和交流名单",
        "For the director: CVs before and after, rotation figures, schools and the list",
    ),
    "report.s1": _m("一、结论一览", "1. The verdict at a glance"),
    "report.s2": _m("二、校际差异系数（轮岗前后）", "2. Inter-school CVs before and after"),
    "report.s3": _m("三、学校分布与交流去向", "3. Schools and moves on the map"),
    "report.s4": _m("四、各校指标达标情况", "4. Each school against the thresholds"),
    "report.s5": _m("五、交流轮岗人员名单", "5. The teachers who rotate"),
    "report.s6": _m("六、轮岗不能解决的问题", "6. What rotation cannot fix"),
    "report.s7": _m("七、逐年差异系数变化", "7. CVs year by year"),
    "report.headline": _m(
        "轮岗后，{judged}项校际差异系数中{passing}项达标（轮岗前{before}项）。",
        "After the plan {passing} of {judged} inter-school CVs are within their thresholds "
        "({before} before).",
    ),
    "report.headline_moves": _m(
        "本方案共交流教师{n}人，其中骨干教师{backbone}人。",
        "The plan rotates {n} teachers, {backbone} of them backbone teachers.",
    ),
    "report.cv_table": _m("校际差异系数", "Inter-school CVs"),
    "report.figures_table": _m("交流轮岗比例", "Rotation figures"),
    "report.school_rule_table": _m("学校达标情况", "Schools meeting the standard"),
    "report.rotated_of": _m(
        "交流{rotated}人／符合条件{eligible}人", "{rotated} rotated of {eligible} eligible"
    ),
    "report.at_least": _m("不低于{value}", "at least {value}"),
    "report.at_most": _m("不高于{value}", "at most {value}"),
    "report.schools_meeting": _m(
        "达标学校（按学段计）", "Schools meeting the rule (counted per stage)"
    ),
    "report.n_of": _m("{n}／{total}所", "{n} of {total}"),
    "report.chart_title": _m("{stage}：各指标校际差异系数", "{stage}: inter-school CVs"),
    "report.chart_note": _m(
        "红色虚线为标准（差异系数不高于该值为达标），柱越低越均衡。",
        "The red dashed line is the threshold (a CV at or below it passes); lower is more even.",
    ),
    "report.map_title": _m("学校位置与交流去向", "Schools and where teachers go"),
    "report.map_note": _m(
        "圆点为学校，颜色表示区域，大小表示学生数；箭头由派出学校指向接收学校，线越粗人数越多；"
        "紫色为骨干教师。图中放不下的校名见第四部分。",
        "Dots are schools, coloured by area and sized by students; arrows run from the sending "
        "to the receiving school, thicker for more teachers; purple for backbone teachers. "
        "Names that do not fit are in section 4.",
    ),
    "report.map_missing": _m(
        "花名册没有学校坐标，不绘制地图。",
        "The roster has no school coordinates, so there is no map.",
    ),
    "report.km": _m("公里", "km"),
    "report.centre_label": _m("城区学校（{n}所，见下图）", "Urban schools ({n}, see below)"),
    "report.centre_title": _m("城区学校（放大）", "Urban schools, enlarged"),
    "report.col_year": _m("学年", "School year"),
    "report.moves_other": _m("一般教师交流", "Other teachers"),
    "report.moves_backbone": _m("骨干教师交流", "Backbone teachers"),
    "report.schools_note": _m(
        "✓ 达标，✗ 未达标（轮岗后）；“✗→✓”表示经轮岗由未达标变为达标。",
        "✓ meets, ✗ below (after the plan); “✗→✓” turned from below to meeting with the plan.",
    ),
    "report.legend": _m("指标说明", "Indicators"),
    "report.no_moves": _m("本方案没有交流人员。", "The plan moves no teacher."),
    "report.moves_total": _m("共{n}人。", "{n} teachers in all."),
    "report.limit_line": _m("{stage}{what}：{note}", "{stage} {what}: {note}"),
    "report.limit_hires": _m("（至少需补充教师{n}人）", " (at least {n} teachers to hire)"),
    "report.limits_intro": _m(
        "交流只在县域内调配教师，不能增加教师总量，也不能改善办学条件。方案完成后仍有以下问题：",
        "Rotation only moves teachers within the county: it adds none and builds nothing. "
        "After the plan these remain:",
    ),
    "report.trajectory_title": _m("{stage}：逐年差异系数", "{stage}: CVs year by year"),
    "report.with_plan": _m("{name}（轮岗）", "{name} (with the plan)"),
    "report.without_plan": _m("{name}（不轮岗）", "{name} (without rotation)"),
    "report.trajectory_note": _m(
        "实线为按方案轮岗，虚线为不轮岗；红色虚线为标准。",
        "Solid lines follow the plan, dashed ones no rotation; the red dashed line is the "
        "threshold.",
    ),
    "report.pass_year": _m(
        "按方案轮岗，所有优化指标{with_plan}；不轮岗则{without}。",
        "With the plan every optimised CV passes {with_plan}; without rotation {without}.",
    ),
    "report.from_year": _m("自{year}学年起达标", "from {year}"),
    "report.never": _m("在规划期内不能全部达标", "in no year of the plan"),
    "report.legend_before": _m("轮岗前", "Before"),
    "report.legend_after": _m("轮岗后", "After"),
    "report.legend_threshold": _m("标准", "Threshold"),
    "indicator_short.L1": _m("高于规定学历教师", "Above-required education"),
    "indicator_short.L2": _m("骨干教师", "Backbone teachers"),
    "indicator_short.L3": _m("体育艺术教师", "PE and arts teachers"),
    "indicator_short.L4": _m("教学及辅助用房", "Teaching floor area"),
    "indicator_short.L5": _m("体育运动场馆", "Sports grounds"),
    "indicator_short.L6": _m("教学仪器设备", "Equipment value"),
    "indicator_short.L7": _m("网络多媒体教室", "Multimedia classrooms"),
    # -- progress of a solve (rotation/reports/progress.py) -------------------------------------
    "progress.phase": _m("第{number}/{total}步 {name}", "Phase {number}/{total} {name}"),
    "progress.phase.thresholds": _m("差异系数达标", "CVs within thresholds"),
    "progress.phase.changes": _m("改动原方案最少", "fewest changes to the previous plan"),
    "progress.phase.moves": _m("交流人数最少", "fewest teachers rotated"),
    "progress.phase.cvs": _m("差异系数最小", "smallest CVs"),
    "progress.phase.schools": _m("各校指标达标", "schools' own thresholds"),
    "progress.phase.disruption": _m("路程最短", "least travel"),
    "progress.elapsed": _m("用时{seconds}秒", "{seconds} s"),
    "progress.moves": _m("交流{n}人", "{n} moves"),
    "progress.failing": _m("未达标差异系数{n}项", "{n} CVs failing"),
    "progress.gap": _m("最优性差距{gap}", "gap {gap}"),
    "progress.status.OPTIMAL": _m("已是最优", "optimal"),
    "progress.status.FEASIBLE": _m("时间到，取目前最好的方案", "time up: best plan so far"),
    "progress.status.NOT_RUN": _m("时间已用完，未进行", "not run: time spent"),
    "progress.status.INFEASIBLE": _m("无可行方案", "no plan keeps the rules"),
    "progress.status.UNKNOWN": _m("未找到方案", "no plan found"),
    # -- notebook summaries and charts (rotation/reports/notebook.py, plots.py) -----------------
    "nb.roster": _m(
        "（{source}）：学校{schools}所（其中九年一贯制{nine}所），教师{teachers}人，在校生{students}人。",
        " ({source}): {schools} schools ({nine} nine-year), {teachers} teachers, "
        "{students} students.",
    ),
    "nb.roster_title": _m("教师花名册", "Roster"),
    "nb.area_schools": _m("{area}{n}所", "{area} {n}"),
    "nb.col.schools": _m("学校数", "Schools"),
    "nb.col.teachers": _m("教师数", "Teachers"),
    "nb.col.backbone": _m("骨干教师数", "Backbone teachers"),
    "nb.col.cv": _m("差异系数", "CV"),
    "nb.evaluation": _m("县域差异系数评估：", "County evaluation: "),
    "nb.county_passes": _m("全部达标。", "every judged CV is within its threshold."),
    "nb.county_fails": _m("尚未全部达标。", "not every CV is within its threshold."),
    "nb.cvs_pass": _m("{judged}项差异系数中{passing}项达标", "{passing} of {judged} CVs pass"),
    "nb.cvs_failing": _m("；未达标：{which}。", "; failing: {which}."),
    "nb.schools_failing": _m(
        "有指标低于标准的学校（按学段）：{n}个，共{total}个。",
        "Schools (per stage) below a threshold: {n} of {total}.",
    ),
    "nb.no_facilities": _m(
        "花名册没有办学条件数据，只评估教师指标。",
        "The roster has no facility data: only the teacher indicators are judged.",
    ),
    "nb.guarantees": _m(
        "交流{rotated}人，占符合交流条件教师{eligible}人的{ratio}（要求不低于{required}，"
        "{ratio_verdict}）；骨干教师占交流人数{share}（要求不低于{share_required}，"
        "{share_verdict}）。",
        "{rotated} teachers rotate, {ratio} of {eligible} eligible (at least {required}: "
        "{ratio_verdict}); backbone teachers are {share} of them (at least {share_required}: "
        "{share_verdict}).",
    ),
    "nb.plan": _m("{years}年教师交流轮岗方案", "Teacher rotation plan {years}"),
    "nb.plan_cvs": _m(
        "轮岗后{judged}项差异系数中{passing}项达标（轮岗前{before}项）。",
        "After the plan {passing} of {judged} CVs pass (before: {before}).",
    ),
    "nb.still_failing": _m("仍未达标：{which}。", "Still failing: {which}."),
    "nb.plan_schools": _m(
        "有指标低于标准的学校（按学段）：轮岗后{after}个，轮岗前{before}个，共{total}个。",
        "Schools (per stage) below a threshold: {after} after, {before} before, of {total}.",
    ),
    "nb.pass_year": _m(
        "按本方案，教师配置指标的差异系数自{year}学年起全部达标。",
        "Every optimised CV passes from {year} on.",
    ),
    "nb.pass_year_none": _m(
        "在方案年限内，教师配置指标的差异系数未能全部达标。",
        "Not every optimised CV passes within the plan's years.",
    ),
    "nb.moves_by_year": _m("共交流{n}人：{years}。", "{n} teachers rotate in all: {years}."),
    "nb.year_moves": _m("{year}学年{n}人", "{n} in {year}"),
    "nb.last_year": _m("{year}学年：", "{year}: "),
    "nb.status.optimal": _m("已证明最优", "proven optimal"),
    "nb.status.feasible": _m("时间内最好的方案（未证明最优）", "best found in time (not proven)"),
    "nb.solve": _m("求解：{status}，用时{seconds}秒。", "Solver: {status}, {seconds} s."),
    "plot.cv_title": _m("差异系数与标准", "CVs against their thresholds"),
    "plot.cv_axis": _m("差异系数", "CV"),
    "plot.threshold": _m("标准（不高于）", "Threshold (at most)"),
    "plot.cv": _m("差异系数", "CV"),
    "plot.map_title": _m("交流示意图", "Moves between schools"),
    "plot.backbone": _m("骨干教师交流", "Backbone teacher"),
    "plot.teacher": _m("其他教师交流", "Other teacher"),
    "plot.km": _m("公里", "km"),
    "plot.no_moves": _m("本方案没有交流", "No moves in this plan"),
    "plot.trajectory_title": _m("差异系数逐年变化", "CVs year by year"),
    "plot.with_plan": _m("按方案交流", "With the plan"),
    "plot.without": _m("不交流", "Without rotation"),
    "plot.year": _m("学年", "School year"),
    "plot.no_coordinates": _m("花名册没有学校坐标（x_km、y_km）", "The roster has no coordinates"),
    "plot.no_font": _m(
        "未找到中文字体，图表改用英文标注、学校代码。安装中文字体（如 {font}）后即可显示中文。",
        "No Chinese font found: charts are labelled in English, schools by code. Install a "
        "Chinese font ({font}).",
    ),
    # -- errors: how a problem is located and introduced (rotation/errors.py) ------------------
    "error.where.row": _m("第{row}行", "row {row}"),
    "error.where.record": _m("（{record}）", "({record})"),
    "error.where.column": _m("“{column}”列", "column {column!r}"),
    "error.where.key": _m("“{column}”项", "key {column!r}"),
    "error.where.value": _m("，所填内容为“{value}”", ": {value!r}"),
    "error.where.expected": _m("；应为{expected}", "; expected {expected}"),
    "error.invalid": _m("{what}有误，共{n}处问题：", "{what} is invalid: {n} problem"),
    "error.invalid_many": _m("{what}有误，共{n}处问题：", "{what} is invalid: {n} problems"),
    "error.infeasible": _m(
        "没有能同时满足各项规则的交流方案，相互冲突的规则如下：", "no plan can satisfy the rules:"
    ),
    "error.infeasible_changes": _m(
        "以下任一项改动即可得到方案（均已求解验证）：",
        "a plan exists with any one of these changes (each checked by solving with it):",
    ),
    "error.infeasible_no_change": _m(
        "在时限内未找到单独一项即可得到方案的设置改动",
        "no single change of a setting that gives a plan was found in the time limit",
    ),
    "error.no_plan": _m(
        "在时限（{seconds}秒）内未找到交流方案{budget}，也未能证明无解：请延长求解时间"
        "（--time-limit）或放宽规则",
        "no plan found within the time limit ({seconds} s){budget} and none proven impossible: "
        "give more time (--time-limit) or relax the rules",
    ),
    "error.no_plan.deterministic": _m(
        "（确定性模式：求解器确定性时间{units}个单位，每秒{per}个单位）",
        " (in deterministic mode: {units} units of the solver's deterministic time, {per} per "
        "second)",
    ),
    "error.invalid_horizon": _m("规划年数有误", "invalid horizon"),
    "policy_error.unknown_key": _m("无此设置项", "unknown key"),
    "policy_error.unknown_evaluation_key": _m(
        "[evaluation]中无此设置项", "unknown key in [evaluation]"
    ),
    "policy_error.unknown_preset": _m("无此预设方案", "unknown preset"),
    "policy_error.invalid_setting": _m("设置有误", "invalid setting"),
    "policy_error.invalid_setting_detail": _m("设置有误（{error}）", "invalid setting ({error})"),
    "policy_error.not_toml": _m("不是有效的TOML文件（{error}）", "not valid TOML ({error})"),
    "policy_error.invalid_evaluation": _m(
        "[evaluation]或[indicators]设置有误（{error}）",
        "invalid [evaluation] or [indicators] ({error})",
    ),
    "policy_error.unknown_indicator_key": _m("{table}中无此设置项", "unknown key in {table}"),
    "policy_error.indicator_incomplete": _m(
        "{table}不完整或有误（{error}）", "{table} is incomplete or wrong ({error})"
    ),
    "policy_error.cap_needs_coordinates": _m(
        "设置了{setting}，但花名册没有学校坐标（x_km、y_km），也没有提供路程表",
        "{setting} needs school coordinates (x_km, y_km) or a road table",
    ),
    "policy_error.cap_needs_minutes": _m(
        "设置了{setting}，但没有提供以分钟计的路程表", "{setting} needs a road table in minutes"
    ),
    "policy_error.cap_unit": _m(
        "无法检查{setting}：路程表以{given}计",
        "{setting} cannot be checked: the distances are in {given}",
    ),
    "source.policy": _m("政策参数", "policy"),
    "source.horizon": _m("规划年数", "horizon"),
    "source.explain_year": _m("解释的年份", "year to explain"),
    "source.rosters": _m("各年花名册", "rosters"),
    "source.indicator": _m("指标{code}", "indicator {code}"),
    "source.history_teachers": _m("{source} {year}年教师表", "{source} {year} teachers"),
    "what.input": _m("输入", "input"),
    "what.roster": _m("教师花名册", "roster"),
    "what.policy": _m("政策参数", "policy"),
    "what.plan": _m("交流名单", "plan"),
    "what.pins": _m("指定安排", "pins"),
    "what.previous_plan": _m("原方案", "the previous plan"),
    "error.previous_one_county": _m(
        "按原方案调整一次只能针对一个区县：请按区县分别调整",
        "re-planning from a previous plan works one county at a time: re-plan each county",
    ),
    "what.indicator": _m("指标", "indicator"),
    "what.road table": _m("路程表", "road table"),
    "what.history": _m("历年花名册", "history"),
    "table.schools": _m("学校表", "schools"),
    "table.teachers": _m("教师表", "teachers"),
    "source.sheet": _m("{file} 工作表“{sheet}”", "{file} sheet {sheet!r}"),
    # -- reading a roster, a plan or pins (rotation/io) ----------------------------------------
    "io.value_missing": _m("未填写", "value is missing"),
    "io.invalid_value": _m("填写有误", "invalid value"),
    "io.two_columns_same_header": _m(
        "有两列的表头都是“{header}”", "two columns are headed {header!r}"
    ),
    "io.headers_same_meaning": _m(
        "表头“{first}”和“{second}”是同一列（{name}）",
        "headers {first!r} and {second!r} both mean {name!r}",
    ),
    "io.required_column_missing": _m(
        "缺少必填列{column}{hint}", "required column {column} is missing{hint}"
    ),
    "io.meant": _m("（“{header}”是否指这一列？）", " (is {header!r} meant to be it?)"),
    "io.no_enrolment": _m(
        "没有在校生数列：须填写各学段的在校生数",
        "no enrolment column: a school's students per stage are required",
    ),
    "io.headers_unknown": _m(
        "以下表头无法识别（已作为附加列保留）：{headers}",
        "headers not recognised (kept as extra columns): {headers}",
    ),
    "io.no_data_rows": _m("没有数据行", "has no data rows"),
    "io.no_header_row": _m("没有表头行", "has no header row"),
    "io.file_not_found": _m("找不到文件", "file not found"),
    "io.not_found": _m("找不到", "not found"),
    "io.not_a_roster": _m("不是花名册", "is not a roster"),
    "io.file_empty": _m("文件是空的", "file is empty"),
    "io.cannot_read": _m("无法读取（{error}）", "cannot be read ({error})"),
    "io.cannot_decode": _m("无法识别文字编码", "cannot be decoded"),
    "io.cannot_read_csv": _m("无法按CSV读取（{error}）", "cannot be read as CSV ({error})"),
    "io.cannot_read_workbook": _m(
        "无法按{kind}工作簿读取（{error}）", "cannot be read as {kind} workbook ({error})"
    ),
    "io.no_sheet": _m(
        "没有{table}工作表（现有工作表：{sheets}）", "no {table} sheet (sheets present: {sheets})"
    ),
    "io.several_files": _m(
        "有多个文件都是{table}：{files}", "several files hold the {table} table: {files}"
    ),
    "io.birth_disagree": _m(
        "出生年份{year}与出生日期不一致", "birth_year {year} disagrees with birth_date"
    ),
    "io.no_students": _m("该校两个学段都没有在校生", "school has no students in either stage"),
    "io.students_no_classes": _m(
        "有{stage}在校生{students}人，但{stage}班级数为0",
        "{students} {stage} students but no {stage} classes",
    ),
    "io.classes_no_students": _m(
        "有{stage}班级{classes}个，但{stage}在校生数为0",
        "{classes} {stage} classes but no {stage} students",
    ),
    "io.duplicate_id": _m(
        "{column}重复（首次出现在{first}）", "duplicate {column} (first on {first})"
    ),
    "io.at_row": _m("第{row}行", "row {row}"),
    "io.at_index": _m("索引{label}", "index {label}"),
    "io.unknown_school_of_teacher": _m("所在学校不存在", "teacher is at an unknown school"),
    "io.school_lacks_stage": _m(
        "学校{school}没有{stage}学生（该校学段：{have}）",
        "school {school} has no {stage} students (it has: {have})",
    ),
    "io.implausible_birth_year": _m("出生年份不合理", "implausible birth year"),
    "io.home_unknown": _m("原学校不存在", "home school is unknown"),
    "io.home_is_current": _m(
        "原学校与现任教学校相同", "home school is the school the teacher is at"
    ),
    "io.rotation_end_missing": _m(
        "正在交流的教师须填写交流结束年份", "a rotating teacher needs the year the rotation ends"
    ),
    "io.end_without_home": _m(
        "填写了交流结束年份，但没有填写原学校", "rotation end year given without a home school"
    ),
    "io.rotation_ends_before": _m("交流结束年份早于开始年份", "rotation ends before it starts"),
    "io.preferred_unknown": _m("意向学校不存在", "preferred school is unknown"),
    "io.did_you_mean": _m("；是否应为“{near}”？", "; did you mean {near!r}?"),
    "io.missing_columns": _m("缺少以下列：{columns}", "missing columns {columns}"),
    "io.unknown_teacher": _m("花名册中没有这名教师", "unknown teacher"),
    "io.unknown_school": _m("花名册中没有这所学校", "unknown school"),
    "io.applied_twice": _m(
        "这名教师已在第{first}行申请", "this teacher already applied on row {first}"
    ),
    "io.applicant_ineligible": _m(
        "这名教师今年不符合交流条件：{detail}", "this teacher may not rotate this year: {detail}"
    ),
    "io.applied_own_school": _m(
        "志愿填写了本人所在学校", "a choice names the teacher's own school"
    ),
    "io.moves_twice": _m("同一名教师交流了两次", "teacher moves twice"),
    "io.not_at_school": _m("该教师不在这所学校", "teacher is not at this school"),
    "io.school_without_stage": _m("该校没有{stage}学生", "school has no {stage} students"),
    "io.invalid_year": _m("年份有误", "invalid year"),
    "io.move_ends_before": _m("交流结束年份早于开始年份", "the rotation ends before it starts"),
    "io.unknown_action": _m("无法识别的安排", "unknown action"),
    "io.action_needs_school": _m("安排为“{action}”时须填写学校", "'{action}' needs a school"),
    "pins.ineligible": _m(
        "{who}不符合交流条件（{reason}），不能指定交流",
        "{who} may not rotate ({reason}), so cannot be pinned to move",
    ),
    "pins.forced": _m("{who}：{reason}", "{who}: {reason}"),
    "pins.forced_head": _m(
        "以下{n}名教师不符合交流条件，按“强制”指定交流：",
        "{n} teachers the rules make ineligible rotate by a forced pin:",
    ),
    "io.pinned_stay_and_move": _m(
        "该教师既被指定留任，又被指定交流", "teacher is pinned both to stay and to move"
    ),
    "io.indicator_teacher_column_missing": _m(
        "该指标统计的列在花名册教师表中不存在",
        "counts a column the roster's teachers table lacks",
    ),
    "io.indicator_school_column_missing": _m(
        "该指标读取的列在花名册学校表中不存在",
        "reads a column the roster's schools table lacks",
    ),
    "io.not_facility_total": _m("不是有效的设施总量", "not a facility total"),
    "io.road_two_units": _m(
        "同时有距离列和时间列：路程表只能使用一种单位",
        "both km and minutes: a road table has one unit",
    ),
    "io.invalid_distance": _m("距离有误", "invalid distance"),
    "io.invalid_travel_time": _m("路程时间有误", "invalid travel time"),
    "io.no_year_column": _m("没有年份列", "no year column"),
    "io.not_school_year": _m("不是有效的学年", "not a school year"),
    "io.years_not_consecutive": _m(
        "{first}年与{second}年不连续", "years {first} and {second} are not consecutive"
    ),
    "io.changed_since": _m("{column}与{year}年不一致", "{column} changed since {year}"),
    "io.tenure_jump": _m(
        "本校任教年限与上一年不衔接", "years_at_school does not follow from the year before"
    ),
    # -- the evaluation as a terminal shows it (rotation/reports/evaluation_view.py) ----------
    "eval.roster": _m(
        "{source}：学校{schools}所，教师{teachers}人，在校生{students}人",
        "{source}: {schools} schools, {teachers} teachers, {students} students",
    ),
    "eval.stage_head": _m(
        "{stage}：{schools}所学校计入差异系数，差异系数不高于{limit}为达标",
        "{stage}: {schools} schools in the CV, pass when CV ≤ {limit}",
    ),
    "eval.indicator": _m("指标", "indicator"),
    "eval.county": _m("县域均值", "county"),
    "eval.cv_before": _m("轮岗前", "CV before"),
    "eval.cv": _m("差异系数", "CV"),
    "eval.verdict": _m("结论", "verdict"),
    "eval.not_judged": _m("不评估", "n/a"),
    "eval.mean_cv": _m(
        "各项差异系数平均值（2012年综合差异系数，供参考）：{mean}",
        "mean of the official CVs (the 2012 composite): {mean}",
    ),
    "eval.no_facilities": _m(
        "部分或全部学校缺少办学条件数据（L4–L7），无法按“7项指标中至少6项达标”判断学校，\n"
        "学校只按教师指标判断。",
        "Facility data (L4–L7) is missing for some or all schools: the 6-of-7 school rule\n"
        "cannot be judged; schools are judged on the teacher indicators only.",
    ),
    "eval.failing": _m(
        "有指标低于标准或未达到学校达标要求的学校：{n}所（共{total}所）",
        "Schools below a threshold or failing the school rule: {n} of {total}",
    ),
    "eval.failing_below": _m("（低于标准：{below}）", " (below: {below})"),
    "eval.school_rule": _m("学校达标要求", "school rule"),
    "eval.school_line": _m(
        "在校生{students}人  低于标准：{below}", "{students} students  below: {below}"
    ),
    "eval.more": _m(
        "……另有{n}所",
        "… and {n} more (see Evaluation.failing_schools())",
    ),
    "eval.guarantees": _m(
        "交流轮岗比例（政府保障指标）：", "Government-guarantee rotation figures:"
    ),
    "eval.rotated": _m(
        "符合交流条件教师{eligible}人，交流{rotated}人（{ratio}，要求不低于{required}）：{verdict}",
        "rotated {rotated} of {eligible} eligible teachers ({ratio}, required ≥ {required}): "
        "{verdict}",
    ),
    "eval.backbone": _m(
        "交流{rotated}人中骨干教师{backbone}人（{share}，要求不低于{required}）：{verdict}",
        "backbone {backbone} of {rotated} rotated ({share}, required ≥ {required}): {verdict}",
    ),
    "eval.not_eligible": _m(
        "另有{n}名交流教师按本政策不符合交流条件（经指定，或为人工安排）",
        "{n} rotated teachers were not eligible under the policy (pinned, or a plan made by hand)",
    ),
    "eval.county_passes": _m("达标", "PASSES"),
    "eval.county_fails": _m("未达标", "DOES NOT PASS"),
    "eval.county_verdict": _m(
        "全县资源配置评估结论（按参评差异系数）：{verdict}",
        "County resource-allocation verdict (judged CVs): {verdict}",
    ),
    "eval.col.indicator": _m("指标", "indicator"),
    "eval.col.CV before": _m("轮岗前差异系数", "CV before"),
    "eval.col.pass before": _m("轮岗前结论", "pass before"),
    "eval.col.county value": _m("县域均值", "county value"),
    "eval.col.CV": _m("差异系数", "CV"),
    "eval.col.threshold": _m("标准（不高于）", "threshold"),
    "eval.col.pass": _m("结论", "pass"),
    "eval.html_head": _m(
        "<p><b>评估结果</b>：{roster}</p>", "<p><b>Evaluation</b> of {roster}</p>"
    ),
    "eval.html_verdict": _m(
        "<p>全县按参评差异系数评估：<b>{verdict}</b>。有指标低于标准的学校：{n}所（共{total}所）。</p>",
        "<p>County verdict on the judged CVs: <b>{verdict}</b>. Schools below a threshold: "
        "{n} of {total}.</p>",
    ),
    # -- a plan as a terminal shows it (rotation/reports/summary.py) -----------------------------
    "summary.head": _m(
        "{span}年教师交流轮岗方案（政策：{preset}，交流期限{term}年）：共交流{moves}人",
        "Rotation plan {span} (policy preset {preset}, term {term} years): {moves} teachers rotate",
    ),
    "summary.per_year": _m("各年度交流情况：", "Rotation figures per year:"),
    "summary.year_line": _m(
        "{year}年：符合交流条件{eligible}人，交流{rotated}人（{ratio}），骨干教师占{share}：{verdict}",
        "{year}: rotated {rotated} of {eligible} eligible ({ratio}), backbone {share}: {verdict}",
    ),
    "summary.cvs": _m(
        "校际差异系数，轮岗前 → 轮岗后（截至{year}年）：",
        "Official CVs, before → after the plan (end of {year}):",
    ),
    "summary.cv_verdict": _m("（标准≤{threshold}：{verdict}）", "(≤ {threshold}: {verdict})"),
    "summary.flows": _m("按区域的交流人数：{flows}", "Moves by area: {flows}"),
    "summary.returns": _m(
        "{n}名教师交流期满，在本方案开始前返回原学校。",
        "{n} teachers end their rotation and return before the plan.",
    ),
    "summary.failing": _m(
        "轮岗后有指标低于标准的学校：{after}所（共{total}所；轮岗前：{before}所）",
        "Schools below a threshold after: {after} of {total} (before: {before})",
    ),
    "summary.by_end": _m("截至{year}年", "by the end of {year}"),
    "summary.limits": _m(
        "{when}仅靠交流轮岗不能解决的问题（及最少需补充的教师）：",
        "What rotation alone cannot fix {when} (and the least hiring that would):",
    ),
    "summary.limit_line": _m(
        "{kind}：{stage} {what}：{note}；需补充{hires}人",
        "{kind}: {stage} {what}: {note}; hire {hires}",
    ),
    "summary.limit_line_no_hire": _m(
        "{kind}：{stage} {what}：{note}", "{kind}: {stage} {what}: {note}"
    ),
    "summary.more_limits": _m("……另有{n}项", "… and {n} more (see .limits())"),
    "summary.trajectory": _m(
        "各年度差异系数，不交流 → 按本方案交流（✗：超过标准）：",
        "CVs per year, without rotation → with the plan (✗: above the threshold):",
    ),
    "summary.earliest": _m(
        "按本方案，各优化指标的差异系数{with_plan}全部达标；不交流则{without}全部达标。",
        "Every optimised CV passes {with_plan} with the plan; without rotation {without}.",
    ),
    "summary.from": _m("自{year}年起", "from {year}"),
    "summary.never": _m("在方案期内没有一年", "in no year of the plan"),
    "summary.solver": _m(
        "求解：{status}，用时{seconds}秒{first}。各阶段：",
        "Solver: {status} after {seconds} s{first}. Phases:",
    ),
    "summary.first_plan": _m("；{seconds}秒得到第一个方案", "; first plan after {seconds} s"),
    "summary.bound": _m("（下界{bound}）", "(bound {bound})"),
    "summary.seconds": _m("，{seconds}秒", ", {seconds} s"),
    "summary.col.name": _m("指标名称", "name"),
    "summary.col.cv_before": _m("轮岗前差异系数", "cv_before"),
    "summary.col.cv_after": _m("轮岗后差异系数", "cv_after"),
    "summary.col.threshold": _m("标准（不高于）", "threshold"),
    "summary.col.passes_before": _m("轮岗前结论", "passes_before"),
    "summary.col.passes_after": _m("轮岗后结论", "passes_after"),
    "summary.html_head": _m(
        "<p><b>{span}年教师交流轮岗方案</b>：共交流{moves}人（占{year}年符合交流条件的{eligible}人的"
        "{ratio}；骨干教师占{share}）。求解：{status}，{seconds}秒。</p>",
        "<p><b>Rotation plan {span}</b>: {moves} teachers rotate ({ratio} of {eligible} "
        "eligible in {year}; backbone {share}). Solver: {status}, {seconds} s.</p>",
    ),
    "summary.html_failing": _m(
        "<p>轮岗后有指标低于标准的学校：{after}所（共{total}所；轮岗前：{before}所）。</p>",
        "<p>Schools below a threshold after the plan: {after} of {total} (before: {before}).</p>",
    ),
    "status.optimal": _m("最优", "optimal"),
    "status.feasible": _m("可行", "feasible"),
    "status.infeasible": _m("无解", "infeasible"),
    "status.no_solution": _m("时限内未找到方案", "no_solution"),
    "phase.goal.thresholds": _m(
        "(a) 未达标的差异系数个数，及其超出量",
        "(a) CVs failing their thresholds, then their excess",
    ),
    "phase.goal.changes": _m(
        "(a′) 与原方案不同的交流人员数", "(a′) teachers whose move differs from the previous plan"
    ),
    "phase.goal.moves": _m("(b) 交流人数", "(b) teachers rotated"),
    "phase.goal.cvs": _m(
        "(c) 优化指标差异系数平方的加权和", "(c) Σ weight·CV² of the optimised indicators"
    ),
    "phase.goal.schools": _m(
        "(d) 各校达到本校标准尚缺的教师数",
        "(d) teachers schools lack to reach their own thresholds",
    ),
    "phase.goal.disruption": _m(
        "(e) 交流路程（满足本人志愿的予以折减）", "(e) travel, less a bonus for each wish granted"
    ),
    "phase.unit.thresholds": _m("项未达标", "CVs failing"),
    "phase.unit.changes": _m("人（改动）", "teachers changed"),
    "phase.unit.moves": _m("人", "teachers"),
    "phase.unit.cvs": _m("（加权平方和）", "Σ weight·CV²"),
    "phase.unit.schools": _m("人（缺口）", "teachers short"),
    "phase.unit.disruption": _m("公里", "km"),
    "phase.second.thresholds": _m("（超出标准之和）", "CV above threshold, summed"),
    "phase.second.disruption": _m("项志愿得到满足", "wishes granted"),
    # -- the command line (rotation/cli.py) -----------------------------------------------------
    "cli.demo_head": _m(
        "内置示例{size}（随机种子{seed}），轮岗前：",
        "Built-in example county ({size}, seed {seed}), before rotation:",
    ),
    "cli.planning": _m(
        "正在按默认政策（安徽省）编制{year}年交流方案，限时{seconds}秒……",
        "Planning {year} under the default (anhui) policy, {seconds} s …",
    ),
    # -- rotation minimum-ratio (rotation/planning/ratio.py RatioAnswer) ------------------------
    "ratio.none": _m(
        "到目标年份，即使交流全部符合条件的教师，各项差异系数也不能全部达标。",
        "No ratio passes by then, not even rotating every eligible teacher.",
    ),
    "ratio.lowest": _m(
        "各项差异系数达标所需的最低年交流比例为{ratio}（已证明更低的比例不能达标）",
        "The lowest yearly ratio with which every CV passes is {ratio} (proven)",
    ),
    "ratio.lowest_unproven": _m(
        "各项差异系数达标所需的最低年交流比例为{ratio}（限时内未能证明更低的比例不能达标）",
        "The lowest yearly ratio with which every CV passes is {ratio} "
        "(not proven minimal within the time limit)",
    ),
    "ratio.floor_suffices": _m(
        "；政策规定的下限{floor}已不低于此，按下限交流即可。",
        "; the policy's floor {floor} is above it, so the floor suffices.",
    ),
    # -- re-planning with least change (rotation/planning/replan.py) -----------------------------
    "replan.none": _m("与原方案相比没有改动。", "No change to the previous plan."),
    "replan.head": _m(
        "与原方案相比改动{n}人：不再交流{removed}人，新增{added}人，改变去向{changed}人。",
        "Changes to the previous plan: {n} teachers ({removed} no longer move, {added} added, "
        "{changed} to another school).",
    ),
    "replan.removed": _m(
        "{who}：不再交流（原定 {origin} → {before}）。原因：{reason}",
        "{who}: no longer moves (was {origin} → {before}). Why: {reason}",
    ),
    "replan.added": _m(
        "{who}：新增交流 {origin} → {after}。原因：{reason}",
        "{who}: now moves {origin} → {after}. Why: {reason}",
    ),
    "replan.changed": _m(
        "{who}：{origin} → {after}（原定 {before}）。原因：{reason}",
        "{who}: {origin} → {after} (was {before}). Why: {reason}",
    ),
    "replan.reason.pin_stay": _m("指定留任", "pinned to stay"),
    "replan.reason.pin_move": _m("指定交流", "pinned to move"),
    "replan.reason.pin_to": _m("指定去向", "pinned to a school"),
    "replan.reason.pin_not_to": _m("指定不去原定学校", "pinned not to go there"),
    "replan.reason.ineligible": _m("已不符合交流条件：{detail}", "no longer eligible: {detail}"),
    "replan.reason.not_needed": _m(
        "调整后的方案不再需要这一交流", "the new plan no longer needs this move"
    ),
    "replan.reason.replaces": _m(
        "替补不再交流的{who}（保持交流比例、骨干占比与学科需要）",
        "replaces {who} (keeps the ratio, the backbone share and subject coverage)",
    ),
    "replan.reason.needed": _m(
        "调整后为满足交流规则与评估目标所需",
        "needed by the rules and the targets after the changes",
    ),
    "replan.reason.moved_on": _m(
        "调整后为满足交流规则与评估目标改变去向",
        "another school, for the rules and the targets after the changes",
    ),
    # -- posts and applications (rotation/planning/posts.py) -----------------------------------
    "fill.infeasible": _m(
        "符合条件的教师无法按规则填满这些岗位和派出名额（岗位表是否与花名册、政策一致？）",
        "the eligible teachers cannot fill these posts and quotas under the rules (do the posts "
        "match the roster and the policy?)",
    ),
    "fill.head": _m(
        "共填补岗位{n}个，其中{applied}个由申请人按志愿填补。",
        "{n} posts filled, {applied} by applicants from their choices.",
    ),
    "fill.assigned_head": _m(
        "申请不足，以下{n}人须由教育局安排（本校任教年限最长者优先）：",
        "Applications fall short: {n} teachers must still be assigned (longest tenure first):",
    ),
    "fill.assigned": _m("{who}：{origin} → {to}", "{who}: {origin} → {to}"),
    "fill.reason.choice": _m("本人第{rank}志愿", "the teacher's choice {rank}"),
    "fill.reason.assigned": _m("申请不足，由教育局安排", "assigned: applications fell short"),
    "plot.tradeoff.ratio": _m("交流比例（%）", "rotation ratio (%)"),
    "plot.tradeoff.sum_cv2": _m("差异系数平方和", "Σ CV²"),
    "plot.tradeoff.moves": _m("交流人数", "teachers rotated"),
    "plot.tradeoff.title": _m(
        "交流比例与差异系数（点旁：达标项数/评估项数）",
        "Rotation ratio against the CVs (at each point: CVs passing / judged)",
    ),
    "cli.tradeoff_written": _m("取舍曲线已写入：{path}", "Trade-off curve written to {path}"),
    "cli.tradeoff_line": _m(
        "交流比例{ratio}：交流{moves}人，差异系数平方和{cv2}，达标{passing}/{judged}项",
        "ratio {ratio}: {moves} teachers, Σ CV² {cv2}, {passing}/{judged} CVs passing",
    ),
    "cli.tradeoff_infeasible": _m(
        "交流比例{ratio}：无可行方案", "ratio {ratio}: no plan keeps the rules"
    ),
    "cli.posts_written": _m("交流轮岗岗位统计表已写入：{path}", "Posts written to {path}"),
    # -- rotation compare (rotation/planning/compare.py) ---------------------------------------
    "compare.head": _m(
        "方案B与方案A相比：新增{added}人，去掉{removed}人。",
        "Plan B against plan A: {added} moves added, {removed} removed.",
    ),
    "compare.same": _m("两个方案的交流人员和去向完全相同。", "Both plans make the same moves."),
    "compare.added": _m("只在方案B中交流（{n}人）：", "Only in plan B ({n}):"),
    "compare.removed": _m("只在方案A中交流（{n}人）：", "Only in plan A ({n}):"),
    "compare.move": _m("{who}：{origin} → {target}", "{who}: {origin} → {target}"),
    "compare.changed": _m("两个方案去向不同（{n}人）：", "Moving to another school ({n}):"),
    "compare.changed_line": _m(
        "{who}：{origin} → 方案A {to_a}，方案B {to_b}",
        "{who}: {origin} → A: {to_a}, B: {to_b}",
    ),
    "compare.cvs": _m(
        "校际差异系数（交流前 | 方案A | 方案B，标准）：",
        "CVs (before | plan A | plan B, threshold):",
    ),
    "compare.cv_line": _m(
        "{stage} {code} {name}：{before} | {a}（{verdict_a}） | {b}（{verdict_b}），"
        "标准≤{threshold}",
        "{stage} {code} {name}: {before} | {a} ({verdict_a}) | {b} ({verdict_b}), ≤ {threshold}",
    ),
    "compare.figures": _m(
        "交流人数与比例（方案A | 方案B）：", "Rotation figures (plan A | plan B):"
    ),
    "compare.figure_line": _m(
        "{figure}：{a}（{verdict_a}） | {b}（{verdict_b}）",
        "{figure}: {a} ({verdict_a}) | {b} ({verdict_b})",
    ),
    "compare.figure_line_plain": _m("{figure}：{a} | {b}", "{figure}: {a} | {b}"),
    "compare.figure.rotated_teachers": _m("交流人数", "Teachers rotated"),
    "compare.figure.eligible_teachers": _m("符合交流条件的教师", "Eligible teachers"),
    "compare.figure.rotation_ratio": _m("交流比例", "Rotation ratio"),
    "compare.figure.backbone_share": _m("骨干教师占比", "Backbone share"),
    "cli.verified": _m(
        "独立核验：各项硬性规则（R1–R11）全部符合。",
        "Independent check: every hard rule holds (R1–R11).",
    ),
    "cli.verify_failed": _m(
        "核验未通过：方案违反了以下规则。这是本软件的程序错误，请连同花名册和所用命令一并报告。"
        "未写出任何文件。",
        "VERIFICATION FAILED: the plan breaks the rules below. This is a bug in rotation: "
        "please report it with the roster and the command. Nothing was written.",
    ),
    "cli.plan_written": _m("交流名单已写入 {path}", "plan written to {path}"),
    "cli.road_verified": _m(
        "独立核验：各项规则、编制与名额限制及所报达标结论全部成立。",
        "Independent check: every rule, quota and claimed verdict holds.",
    ),
    "cli.road_written": _m("达标路径已写入 {path}", "road written to {path}"),
    # -- the road to the review (rotation/planning/road.py) ----------------------------------
    "road.title": _m(
        "{target}年督导评估达标路径（{span}年）", "Road to the review by {target} ({span})"
    ),
    "road.recruit": _m("  招聘教师{n}人", "  recruit {n} teachers"),
    "road.designate": _m("  认定县级骨干教师{n}人", "  designate {n} county backbone teachers"),
    "road.rotate": _m("  交流轮岗{n}人", "  rotate {n} teachers"),
    "road.phase.targets": _m("(1) 督导评估指标达标", "(1) the review's targets"),
    "road.phase.hires": _m("(2) 招聘人数", "(2) teachers hired"),
    "road.phase.designations": _m("(3) 骨干教师认定人数", "(3) backbone designations"),
    "road.phase.moves": _m("(4) 交流人数", "(4) teachers rotated"),
    "road.phase.cvs": _m("(5) 差异系数平方加权和", "(5) Σ weight·CV²"),
    "road.phase.travel": _m("(6) 交流路程", "(6) travel"),
    "road.unit.targets": _m("项未达标", "targets failing"),
    "road.unit.hires": _m("人", "teachers hired"),
    "road.unit.designations": _m("人", "teachers designated"),
    "road.unit.moves": _m("人", "teachers rotated"),
    "road.unit.cvs": _m("（加权平方和）", "Σ weight·CV²"),
    "road.unit.travel": _m("公里", "km"),
    "road.schools": _m(
        "  达到学校达标要求的学校（按学段计）：{n}/{total}",
        "  schools passing the school rule: {n}/{total}",
    ),
    "road.build": _m("建设需求（{n}项）：", "build ({n} school facilities):"),
    "road.condemned": _m(
        "{n}个学校（学段）受设施条件所限，无论教师如何配置都不能达到学校达标要求（见建设需求）",
        "{n} school units fail the school rule by their facilities whatever the teachers "
        "(see building)",
    ),
    "road.condemned.unit": _m("  {name}{stage}：{below}未达标", "  {name} {stage}: {below} below"),
    "road.posts": _m(
        "{n}个学校（学段）编制已满、现有教师又不能交流，无论如何交流和招聘都不能达到学校达标要求"
        "（需增加编制）：",
        "{n} school units cannot pass the school rule within their posts (编制), whatever the "
        "road rotates or hires (more posts needed):",
    ),
    "road.posts.unit": _m(
        "  {name}{stage}：编制{posts}个，其中{held}人不能交流；"
        "{missing}达不到要求，需增编{extra}个",
        "  {name} {stage}: {posts} posts, {held} held by teachers who cannot rotate; "
        "{missing} cannot reach its level: {extra} more post(s)",
    ),
    "road.short": _m(
        "  按各校编制，无论如何都缺学科教师{n}人（编制少于开齐课程所需）",
        "  teachers short of the subjects' need whatever the road, within the posts: {n}",
    ),
    "road.col.year": _m("年度", "Year"),
    "road.col.count": _m("人数", "Teachers"),
    "road.col.total": _m("合计", "Total"),
    "road.col.year_total": _m("{year}年小计", "{year} subtotal"),
    "road.col.people": _m("{n}人", "{n} teachers"),
    "road.col.schools": _m("{n}所学校", "{n} schools"),
    "road.col.indicator_total": _m("{code}合计", "{code} total"),
    "road.col.service": _m("教龄（年）", "Years of service"),
    "road.col.have": _m("现有", "Have"),
    "road.col.needed": _m("需达到", "Needed"),
    "road.col.addition": _m("需增加", "To add"),
    "road.col.unit": _m("单位", "Unit"),
    "road.col.reason": _m("依据", "For"),
    "road.col.posts": _m("编制数", "Posts"),
    "road.col.held": _m("其中不能交流的教师", "Held by teachers who cannot rotate"),
    "road.col.missing": _m("编制内达不到的指标", "Indicators out of reach"),
    "road.col.extra_posts": _m("需增加编制（个）", "Posts to add"),
    "road.col.schools_passing": _m("达到学校达标要求的学校", "Schools meeting the school rule"),
    "road.col.rotated": _m("交流轮岗人数", "Teachers rotated"),
    "road.col.hired": _m("招聘人数", "Teachers hired"),
    "road.col.designated": _m("骨干教师评选人数", "Backbone designations"),
    "road.designation_counts": _m("各校骨干教师评选名额", "Designations per school"),
    "road.note.hires": _m(
        "共招聘教师{n}人，均在各校空余编制内。", "{n} teachers to recruit, each in a free post."
    ),
    "road.none.hires": _m("本路径不需要招聘教师。", "The road recruits no teacher."),
    "road.note.designations": _m(
        "共评选县级骨干教师{n}人，均符合教龄与学历条件，且评选后不参加本轮交流。",
        "{n} teachers to designate county backbone, each meeting the service and education "
        "rule and staying at their school.",
    ),
    "road.none.designations": _m(
        "本路径不需要评选骨干教师。", "The road designates no backbone teacher."
    ),
    "road.note.building": _m(
        "仅靠配备教师不能达标、须建设或添置的设施（只列需要增加的项目）。",
        "What only building and equipping can fix (facilities to add only).",
    ),
    "road.none.building": _m("各校设施无需增加。", "No facility needs adding."),
    "road.note.posts": _m(
        "编制已满、现有教师又不能交流，无论如何交流和招聘都不能达到学校达标要求的学校（按学段计），"
        "及需增加的编制。",
        "School units whose posts (编制) cannot hold what the school rule needs, whatever the "
        "road rotates or hires, and the posts to add.",
    ),
    "road.none.posts": _m(
        "各校编制均能容纳达到学校达标要求所需的教师。",
        "Every school unit's posts can hold what the school rule needs.",
    ),
    "road.note.short": _m(
        "按各校编制，无论如何仍缺学科教师{n}人（编制少于开齐课程所需）。",
        " Teachers short of the subjects' need whatever the road, within the posts: {n}.",
    ),
    "road.report.title": _m(
        "{county}{target}年义务教育优质均衡督导评估达标路径",
        "{county}Road to the review by {target}",
    ),
    "road.report.subtitle": _m(
        "供局领导审阅：{span}年招聘、骨干教师评选、交流轮岗与设施建设，及各年达标情况",
        "For the director: recruitment, backbone designation, rotation and building, "
        "{span}, and the verdicts each year",
    ),
    "road.sheet_title": _m(
        "{county}{span}年督导评估达标路径·{sheet}", "{county}Road to the review {span}: {sheet}"
    ),
    "road.section.verdicts": _m("达标情况", "The verdicts"),
    "report.legend_cv": _m("差异系数", "CV"),
    "road.section.moves": _m("交流轮岗人员名单", "The teachers who rotate"),
    "road.section.year_figures": _m("逐年措施与结果", "Each year's levers and results"),
    "road.headline": _m(
        "到{year}年：{passing}/{judged}项差异系数达标；{schools}/{units}所学校（按学段计）"
        "达到学校达标要求。",
        "By {year}: {passing} of {judged} CVs pass; {schools} of {units} school units meet the "
        "school rule.",
    ),
    "report.numerals": _m(
        "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    ),
    "report.numbered": _m("{n}、{title}", "{n}. {title}"),
    "sheet.hires": _m("招聘计划", "Recruitment"),
    "sheet.designations": _m("骨干教师评选名额", "Backbone designations"),
    "sheet.building": _m("建设需求", "Building"),
    "sheet.posts": _m("编制需求", "Posts"),
    "sheet.road": _m("达标情况", "Verdicts"),
    "unit.m²": _m("m²", "m²"),
    "unit.yuan": _m("元", "yuan"),
    "unit.rooms": _m("间", "rooms"),
    "build_reason.school rule": _m("学校达标", "school rule"),
    "build_reason.CV": _m("差异系数", "CV"),
    "road.phases": _m("求解各阶段：", "phases:"),
    "road.bound": _m("下界", "bound"),
    "cli.workbook_written": _m("工作簿已写入 {path}", "workbook written to {path}"),
    "cli.report_written": _m("报告已写入 {path}", "report written to {path}"),
    "cli.notice_written": _m("公示名单已写入 {path}", "notice written to {path}"),
    "cli.letters_written": _m("{n}份学校通知已写入 {path}", "{n} letters written to {path}"),
    "cli.no_plan": _m(
        "在时限（{seconds}秒）内未找到交流方案，也未能证明无解：请延长求解时间（--time-limit）或放宽规则",
        "no plan found within the time limit ({seconds} s) and none proven impossible: give "
        "more time (--time-limit) or relax the rules",
    ),
    "cli.os_error": _m("文件无法读写：{error}", "{error}"),
    "cli.interrupted": _m("已中断", "rotation: interrupted"),
    # -- why no plan exists (rotation/model/explain.py) ---------------------------------------
    "explain.not_in_time": _m(
        "规则之间存在冲突，但在时限内未能找出更小的冲突规则组合",
        "the rules conflict, but no smaller explanation was found in time",
    ),
    "explain.narrowed": _m(
        "此外，可交流的人员和去向还受以下限制：{restrictions}",
        "who may move, and where, is also narrowed by {restrictions}",
    ),
    "explain.too_few_movable": _m(
        "{rule}{when}：至少应交流{least}人（符合交流条件的{eligible}人的{ratio}），"
        "但可以交流的教师（符合条件或经指定）只有{movable}人",
        "{rule}{when}: at least {least} moves ({ratio} of {eligible} eligible), but only "
        "{movable} teachers may move (eligible or pinned)",
    ),
    "explain.too_few_backbone": _m(
        "{rule}{when}：交流人数至少{least}人，其中骨干教师应占{share}，即{need}人，"
        "但可以交流的骨干教师只有{backbone}人",
        "{rule}{when}: {share} of at least {least} rotated is {need} backbone teachers, but "
        "only {backbone} may move",
    ),
    "explain.too_many_pinned": _m(
        "{rule}：指定交流{forced}人，但{other}规定最多交流{most}人（符合交流条件的{eligible}人的{ratio}）",
        "{rule}: {forced} teachers are pinned to move, but {other} allows at most {most} "
        "({ratio} of {eligible} eligible)",
    ),
    "explain.per_year": _m(
        "（逐年计算，已交流的教师仍计入符合条件人数：{counts}）",
        " (per year, counting those moved earlier as eligible: {counts})",
    ),
    "explain.R1": _m(
        "{rule}：至少交流{least}人（符合交流条件的{eligible}人的{ratio}）{per_year}",
        "{rule}: at least {least} moves ({ratio} of {eligible} eligible){per_year}",
    ),
    "explain.R2": _m(
        "{rule}：最多交流{most}人（符合交流条件的{eligible}人的{ratio}）",
        "{rule}: at most {most} moves ({ratio} of {eligible} eligible)",
    ),
    "explain.R3": _m(
        "{rule}：交流人员中骨干教师不少于{share}（可以交流的骨干教师{backbone}人）",
        "{rule}: ≥ {share} of the rotated are backbone ({backbone} backbone teachers may move)",
    ),
    "explain.R4": _m(
        "{rule}：可以交流的教师{n}人，每人只能交流到本学段的其他学校"
        "（有小学生的学校{primary}所，有初中生的学校{middle}所）",
        "{rule}: {n} teachers may move, each to another school of its stage (schools with "
        "primary students: {primary}, with middle: {middle})",
    ),
    "explain.R5": _m(
        "{rule}：有{tight}个学校学科的教师已无富余（不多于所需人数）",
        "{rule}: {tight} school subjects have no teacher to spare (at or below need)",
    ),
    "explain.R6": _m(
        "{rule}：{units}个学校学段中有{full}个已满编，只能对等交换",
        "{rule}: {full} of {units} school stages are at quota and can only swap",
    ),
    "explain.R7": _m(
        "{rule}：{total}名教师中有{barred}人不能交流（{reasons}）",
        "{rule} and eligibility: {barred} of {total} teachers may not rotate ({reasons})",
    ),
    "explain.R8": _m(
        "{rule}：指定交流{forced}，指定安排共{pins}条",
        "{rule}: {forced} pinned to move, {pins} in all",
    ),
    "explain.R8_pins": _m("{rule}（{parts}）", "{rule} ({parts})"),
    "explain.pinned_stay": _m("指定留任{n}人", "{n} pinned to stay"),
    "explain.pinned_destination": _m("指定去向{n}人", "{n} pinned to a destination"),
    "explain.R9": _m("{rule}（{direction}）", "{rule} ({direction})"),
    "explain.R10": _m("{rule}（只在校共体内交流）", "{rule} (moves only within a school group)"),
    "explain.R11": _m("{rule}（{cap}）", "{rule} ({cap})"),
    "explain.rule": _m("{rule}", "{rule}"),
    "explain.pin_too_far": _m(
        "教师{who}被指定交流到{school}，但{school}距其学校{distance}，超过上限{cap}（{rule}）",
        "teacher {who} is pinned to {school}, but {school} is {distance} from the teacher's "
        "school, beyond the cap of {cap} ({rule})",
    ),
    "explain.pin_nowhere": _m(
        "教师{who}被指定交流，但没有符合各项规则的学校可去（{rule}）",
        "teacher {who} is pinned to move, but no school the rules allow is left to go to ({rule})",
    ),
    "explain.no_spare": _m(
        "{rule}：可以交流的{movable}人中，只有{spare}人离开后不会造成学科缺口"
        "（除非有同学科教师调入）；没有富余教师的学校学科：{items}",
        "{rule}: of the {movable} teachers who may move, only {spare} can leave without "
        "leaving a subject short (unless a teacher of the subject arrives); no teacher to "
        "spare in {items}",
    ),
    "explain.fix_min_ratio": _m(
        "把交流比例降到{value}即可得到方案（min_rotation_ratio = {raw}）{note}",
        "lower the rotation ratio to {value} (min_rotation_ratio = {raw}){note}",
    ),
    "explain.fix_backbone": _m(
        "把骨干教师占交流人数的比例降到{value}即可得到方案（min_backbone_share = {raw}）{note}",
        "lower the backbone share of the rotated to {value} (min_backbone_share = {raw}){note}",
    ),
    "explain.fix_max_ratio": _m(
        "把交流比例上限提高到{value}即可得到方案（max_rotation_ratio = {raw}）{note}",
        "raise the maximum rotation ratio to {value} (max_rotation_ratio = {raw}){note}",
    ),
    "explain.fix_distance": _m(
        "把交流距离上限提高到{value}即可得到方案（{setting} = {raw}）{note}",
        "raise the travel cap to {value} ({setting} = {raw}){note}",
    ),
    "explain.fix_proven": _m(
        "，这是最小的改动（更小的改动已证明无方案）",
        ", the smallest change that does (any smaller one is proven to give none)",
    ),
    "explain.fix_not_proven": _m(
        "，这是找到的最小改动，但未证明是最小的（{unknown}在时限内未能验证）",
        ", the smallest change found but not proven the smallest ({unknown} could not be "
        "checked in time)",
    ),
    "explain.fix_pin": _m(
        "取消对教师{who}的指定即可得到方案（{pins}）",
        "drop the pins on teacher {who} ({pins})",
    ),
    "explain.pin_row": _m("指定表第{row}行：{action}{school}", "pins row {row}: {action}{school}"),
    # -- why this teacher, why this school (rotation/planning/explain.py) ----------------------
    "error.year_not_planned": _m("方案不含这一年", "the plan has no such year"),
    "why.unknown": _m(
        "花名册中没有编号为{id}的教师或学校",
        "{id} is neither a teacher nor a school of the roster",
    ),
    "why.move": _m(
        "{who}（{stage}{subject}）从{origin}交流到{target}，{start}—{end}学年。",
        "{who} ({stage} {subject}) moves from {origin} to {target}, {start}–{end}.",
    ),
    "why.no_effect": _m("这一交流不改变任何教师类指标。", "The move changes no teacher indicator."),
    "why.effects_head": _m(
        "这一交流改变的指标（不交流此人 → 按方案）：",
        "What the move changes (without it → with the plan):",
    ),
    "why.effect": _m(
        "  {school}{stage}{indicator}：{before} → {after}",
        "  {school}, {stage}, {indicator}: {before} → {after}",
    ),
    "why.cv": _m(
        "  全县{stage}{indicator}差异系数：{before} → {after}",
        "  county {stage} CV of {indicator}: {before} → {after}",
    ),
    "why.ratio": _m(
        "交流比例：{rotated}人/符合条件{eligible}人 = {ratio}（要求不低于{required}；"
        "不交流此人为{without}）",
        "Rotation ratio: {rotated} of {eligible} eligible = {ratio} (at least {required}; "
        "{without} without this move)",
    ),
    "why.backbone_yes": _m(
        "此人是骨干教师：骨干教师占交流人数{share}（要求不低于{required}；不交流此人为{without}）",
        "A backbone teacher: backbone share of the rotated {share} (at least {required}; "
        "{without} without this move)",
    ),
    "why.backbone_no": _m(
        "此人不是骨干教师：骨干教师占交流人数{share}（要求不低于{required}；不交流此人为{without}）",
        "Not a backbone teacher: backbone share of the rotated {share} (at least {required}; "
        "{without} without this move)",
    ),
    "why.coverage": _m(
        "{school}{stage}{subject}教师：{before}人 → {after}人（需要{need}人）",
        "{school}, {stage} {subject} teachers: {before} → {after} (needs {need})",
    ),
    "why.colleagues_head": _m(
        "为什么是此人，而不是同校同学段同学科的其他教师：",
        "Why this teacher and not a colleague of the same school, stage and subject:",
    ),
    "why.no_colleagues": _m(
        "本校同学段同学科没有其他教师。",
        "No colleague of the same school, stage and subject.",
    ),
    "why.colleague_moves": _m("  {who}：同样交流，去{target}", "  {who}: moves too, to {target}"),
    "why.colleague_ineligible": _m(
        "  {who}：不符合交流条件（{reason}）", "  {who}: not eligible ({reason})"
    ),
    "why.differs": _m(
        "  {a}与{b}对规则和指标而言不同（{differs}），方案按指标选人",
        "  {a} and {b} differ for the rules and indicators ({differs}): the plan chose by the "
        "indicators",
    ),
    "why.tie_tenure": _m(
        "  {who}：在本校{years}年，少于{mover}的{mover_years}年（本校任教年限长者优先）",
        "  {who}: {years} years at the school, fewer than {mover}'s {mover_years} (longest "
        "tenure first)",
    ),
    "why.tie_wish": _m(
        "  {who}：与{mover}同为本校{years}年，但{mover}志愿去{target}（有志愿者优先）",
        "  {who}: {years} years at the school like {mover}, but {mover} asked for {target} "
        "(a wish granted first)",
    ),
    "why.tie_id": _m(
        "  {who}：与{mover}年限、志愿都相同，按教师编号先后（{mover}在前）",
        "  {who}: the same tenure and wishes as {mover}; by teacher id ({mover} first)",
    ),
    "why.tie_other": _m(
        "  {who}：与{mover}可以互换，方案按当年的任职年限和去向选了{mover}",
        "  {who}: interchangeable with {mover}; the plan chose {mover} by that year's tenure "
        "and destinations",
    ),
    "why.swap": _m(
        "如改派{who}去{target}、{mover}留任，其余安排不变，重新求解：交流{moves}人"
        "（原方案{before}人），{changed}人的安排不同；差异系数：{cvs}",
        "Re-solved with {who} sent to {target} instead, {mover} staying and the other moves "
        "held: {moves} moves (the plan: {before}), {changed} assignments differ; CVs: {cvs}",
    ),
    "why.swap_free": _m(
        "如改派{who}去{target}、{mover}留任，其余安排不变则没有可行方案；其余安排一并调整后重新求解："
        "交流{moves}人（原方案{before}人），{changed}人的安排不同；差异系数：{cvs}",
        "Sending {who} to {target} instead, with {mover} staying, gives no plan while the other "
        "moves stay; re-solved with them free: {moves} moves (the plan: {before}), {changed} "
        "assignments differ; CVs: {cvs}",
    ),
    "why.swap_same": _m("各项差异系数不变", "every CV unchanged"),
    "why.swap_impossible": _m(
        "如改派{who}、{mover}留任，则没有可行方案：{reason}",
        "Sending {who} instead of {mover} gives no plan: {reason}",
    ),
    "why.swap_not_found": _m(
        "如改派{who}、{mover}留任，在时限内未找到方案",
        "Sending {who} instead of {mover}: no plan found in the time limit",
    ),
    "why.stays": _m(
        "{who}（{school}，{stage}{subject}）不交流。",
        "{who} ({school}, {stage} {subject}) does not move.",
    ),
    "why.pinned_stay": _m("原因：指定留任。", "Why: pinned to stay."),
    "why.not_eligible": _m("原因：不符合交流条件（{reason}）。", "Why: not eligible ({reason})."),
    "why.not_chosen": _m(
        "符合交流条件，但同校同学段同学科交流的是：", "Eligible, but the plan sends instead:"
    ),
    "why.none_needed": _m(
        "符合交流条件，但方案没有从{school}调出{stage}{subject}教师。",
        "Eligible, but the plan moves no {stage} {subject} teacher out of {school}.",
    ),
    "why.school": _m(
        "{school}：调出{out}人，调入{arrive}人。", "{school}: {out} leave, {arrive} arrive."
    ),
    "why.leaves": _m(
        "  调出：{who}（{stage}{subject}）→ {school}",
        "  leaves: {who} ({stage} {subject}) → {school}",
    ),
    "why.arrives": _m(
        "  调入：{who}（{stage}{subject}）← {school}",
        "  arrives: {who} ({stage} {subject}) ← {school}",
    ),
    "why.indicators_head": _m(
        "{stage}指标（交流前 → 交流后）：", "{stage} indicators (before → after):"
    ),
    "why.indicator": _m(
        "  {indicator}：{before} → {after}{verdict}", "  {indicator}: {before} → {after}{verdict}"
    ),
    "why.met": _m("（达标）", " (meets)"),
    "why.not_met": _m("（未达标）", " (below)"),
    # -- what was expected instead ----------------------------------------------------------
    "expected.one_of": _m("以下之一：{codes}", "one of {codes}"),
    "expected.id": _m("非空的编号", "a non-empty identifier"),
    "expected.text": _m("文字", "text"),
    "expected.int": _m("不小于0的整数", "a whole number ≥ 0"),
    "expected.yes_no": _m("是或否", "yes or no"),
    "expected.ratios": _m(
        "以逗号分隔的比例，每个在0到1之间，如 0.10,0.12",
        "comma-separated ratios in (0, 1], e.g. 0.10,0.12",
    ),
    "expected.sheets": _m("包含以下工作表：{sheets}", "sheets {sheets}"),
    "expected.posts_file": _m(
        "交流轮岗岗位统计表（.xlsx，由 rotation posts 生成）",
        "a posts workbook (.xlsx, as rotation posts writes it)",
    ),
    "expected.applications_file": _m(
        "交流轮岗申请表（CSV 或 .xlsx）", "an applications table (CSV or .xlsx)"
    ),
    "expected.application_columns": _m(
        "教师编号一列，以及志愿1、志愿2……各列（学校代码或校名）",
        "a teacher id column and choice columns 志愿1, 志愿2, … (choice1, …): school ids or names",
    ),
    "expected.int_or_unlimited": _m(
        "不小于0的整数（不限则不填）", "a whole number ≥ 0 (omit for no limit)"
    ),
    "expected.number_positive": _m("不小于0的数", "a number ≥ 0"),
    "expected.number": _m("数字", "a number"),
    "expected.bool": _m("是/否（yes/no）", "yes/no (是/否)"),
    "expected.reason": _m("空白、是/否，或免于交流的原因", "empty, yes/no (是/否), or a reason"),
    "expected.date": _m("日期，如1985-03-12或1985.03", "a date such as 1985-03-12 or 1985.03"),
    "expected.one_column_per_meaning": _m("每种内容只占一列", "one column per meaning"),
    "expected.header_among": _m("以下表头之一：{headers}", "a header among {headers}"),
    "expected.headers_among": _m("以下表头：{headers}", "headers among {headers}"),
    "expected.birth": _m("出生年份或出生日期", "a birth year or a birth date"),
    "expected.date_in": _m("{year}年内的日期", "a date in {year}"),
    "expected.students_some_stage": _m("至少一个学段有在校生", "students in at least one stage"),
    "expected.classes": _m(
        "有在校生的学段班级数不少于1", "a number of classes ≥ 1 where there are students"
    ),
    "expected.students": _m("有班级的学段在校生数不少于1", "students ≥ 1 where there are classes"),
    "expected.each_once": _m("每个{column}只出现一次", "each {column} once"),
    "expected.school_id": _m("学校表中的学校代码{hint}", "a school_id of the schools table{hint}"),
    "expected.stage_of_school": _m("学校{school}开设的学段", "a stage of school {school}"),
    "expected.birth_year": _m("1930至2010年之间的年份", "a year between 1930 and 2010"),
    "expected.home_blank": _m(
        "空白，或交流教师的原学校", "blank, or the school a rotating teacher came from"
    ),
    "expected.year": _m("年份", "a year"),
    "expected.home_school": _m("交流教师的原学校", "the school the rotating teacher came from"),
    "expected.year_from": _m("不早于{start}年的年份", "a year ≥ {start}"),
    "expected.preferred": _m(
        "学校表中的学校代码，多个用“;”分隔{hint}",
        "school_ids of the schools table, separated by ;{hint}",
    ),
    "expected.table": _m("{table}", "{table}"),
    "expected.header_and": _m("表头行和{what}", "a header row and {what}"),
    "expected.encoding": _m("UTF-8或GB18030编码的文本", "UTF-8 or GB18030 text"),
    "expected.csv": _m("CSV文件", "a CSV file"),
    "expected.sheet_named": _m("名为{names}的工作表", "a sheet named {names}"),
    "expected.table_file": _m(
        "{table}，文件名为{names}", "the {table} table, in a file named {names}"
    ),
    "expected.one_file": _m("只有一个{table}文件", "one {table} file"),
    "expected.roster": _m(
        "CSV文件夹、附有学校表CSV的教师表CSV，或Excel工作簿",
        "a folder of CSVs, a teachers CSV with the schools CSV beside it, or a workbook",
    ),
    "expected.columns": _m("包含以下列：{columns}", "columns {columns}"),
    "expected.teacher_id": _m("花名册中的教师编号{hint}", "a teacher_id of the roster{hint}"),
    "expected.roster_school_id": _m("花名册中的学校代码{hint}", "a school_id of the roster{hint}"),
    "expected.teacher_at": _m(
        "{school}（花名册中该教师所在学校）", "{school}, where the roster has the teacher"
    ),
    "expected.a_plan": _m("交流名单", "a plan"),
    "expected.pins": _m("指定安排", "pins"),
    "expected.year_such_as": _m("年份，如2026", "a year such as 2026"),
    "expected.end_year": _m("不早于开始年份{start}的年份", "a year ≥ start_year {start}"),
    "expected.the_table": _m("{table}", "the {table} table"),
    "expected.workbook": _m(
        "用Excel或WPS保存的.xlsx或.xls工作簿", "an .xlsx or .xls workbook saved by Excel or WPS"
    ),
    "expected.plan_file": _m(
        "交流名单（teacher_id、from_school、to_school……）",
        "a plan (teacher_id, from_school, to_school, …)",
    ),
    "expected.pins_file": _m(
        "指定安排（教师编号、安排、学校）", "pins (teacher_id, action, school)"
    ),
    "expected.force_or_eligible": _m(
        "符合交流条件的教师；确需交流的，在该行“强制”列填“是”",
        "an eligible teacher, or 'yes' in the row's force column to pin the move all the same",
    ),
    "expected.force": _m("是/否（yes/no），或空白", "yes/no (是/否), or blank"),
    "expected.pin_columns": _m("教师编号、安排、学校三列（{columns}）", "{columns}"),
    "expected.school_with_stage": _m("有{stage}学生的学校", "a school with {stage} students"),
    "expected.int_from_1": _m("不小于1的整数", "a whole number ≥ 1"),
    "expected.column_of": _m(
        "{table}中的列：{columns}", "a column of the {table} table: {columns}"
    ),
    "expected.number_or_blank": _m(
        "不小于0的数，不详的可留空", "a number ≥ 0, or blank where unknown"
    ),
    "expected.fraction": _m("0到1之间的比例", "a fraction between 0 and 1"),
    "expected.at_least_setting": _m("不小于{setting}（{value}）", "≥ {setting} {value}"),
    "expected.true_false": _m("true或false", "true or false"),
    "expected.or": _m("{items}或{last}", "{items} or {last}"),
    "expected.retirement_age": _m(
        "{{M = 年龄, F = 年龄}}，年龄在40至80岁之间",
        "{{M = age, F = age}}, ages between 40 and 80",
    ),
    "expected.reform_ages": _m(
        "按2025年改革办法，为改革前的退休年龄（60、55或50岁）；其他年龄请设{fixed}",
        "under the 2025 reform, the ages before it (60, 55 or 50); {fixed} for other ages",
    ),
    "expected.distance_km": _m("大于0的距离（公里）", "a distance in km > 0"),
    "expected.travel_minutes": _m("大于0的路程时间（分钟）", "a travel time in minutes > 0"),
    "expected.teacher_indicator": _m("教师类指标代码：{codes}", "a teacher indicator: {codes}"),
    "expected.subject": _m("学科代码：{codes}", "a subject: {codes}"),
    "expected.periods": _m("每班每周课时数，不小于0", "periods per class per week ≥ 0"),
    "expected.load_each_area": _m("{areas}各自的周课时量", "a load for each of {areas}"),
    "expected.weekly_periods": _m("每周课时数，大于0", "periods a week > 0"),
    "expected.students_per_post": _m("每个编制对应的学生数，大于0", "students per post > 0"),
    "expected.stage_table": _m(
        "按学段填写的表，如{{primary = …, middle = …}}",
        "a table such as {{primary = …, middle = …}}",
    ),
    "expected.table_of_numbers": _m("由数字组成的表", "a table of numbers"),
    "expected.object": _m("{name}对象", "a {name}"),
    "expected.policy_file": _m("TOML格式的政策参数文件", "a TOML policy file"),
    "expected.toml_file": _m("TOML文件", "a TOML file"),
    "expected.toml_table": _m("{table}表", "an {table} table"),
    "expected.toml_tables": _m("{table}表（可有多个）", "{table} tables"),
    "expected.indicator_table": _m("{table}表，含{keys}", "an {table} table: {keys}"),
    "expected.indicator_keys": _m("{keys}，以及{thresholds}", "{keys} and {thresholds}"),
    "expected.cap_for_unit": _m(
        "与路程单位（{unit}）相符的{setting}", "{setting} for distances in {unit}"
    ),
    "expected.road_columns": _m(
        "起点、终点、距离（{km}），或起点、终点、时间（{minutes}）", "{km} (or {minutes})"
    ),
    "expected.history_folder": _m("按年份存放花名册的文件夹", "a folder of yearly rosters"),
    "expected.year_column": _m("年份列，或每年一个文件夹", "a `year` column, or a folder per year"),
    "expected.year_example": _m("年份，如{year}", "a year such as {year}"),
    "expected.roster_for_year": _m("{year}年的花名册", "a roster for {year}"),
    "expected.as_in_year": _m("与{year}年相同：{value}", "{value} as in {year}"),
    "expected.tenure_plus_one": _m(
        "{year}年在同一学校为{years}年，今年应加1", "{years} in {year} at the same school, plus one"
    ),
    "expected.tenure_after_move": _m("从{school}调出后为0或1", "0 or 1 after moving from {school}"),
    # -- a batch of counties × scenarios (rotation/reports/batch_view.py) ------------------
    "batch.title": _m("教师交流轮岗批量测算汇总", "Rotation batch"),
    "batch.counts": _m(
        "共{tasks}项任务（{counties}个区县 × {scenarios}个方案）："
        "已完成{done}项，未完成{not_done}项。",
        "{tasks} tasks ({counties} counties × {scenarios} scenarios): {done} done, {not_done} not.",
    ),
    "batch.grid_heading": _m(
        "各区县各方案达标情况（方案按交流后判定，评估按现状判定）",
        "Verdict per county and scenario (after the plan; evaluations: as they stand)",
    ),
    "batch.problems_heading": _m("未完成的任务", "Tasks that did not finish"),
    "batch.tasks_heading": _m("各任务明细", "Tasks"),
    "batch.none": _m("—", "—"),
    "batch.verdict.pass": _m("达标", "pass"),
    "batch.verdict.fail": _m("未达标", "FAIL"),
    "batch.status.done": _m("已完成", "done"),
    "batch.status.invalid": _m("输入有误", "invalid input"),
    "batch.status.infeasible": _m("规则冲突，无解", "infeasible: the rules clash"),
    "batch.status.no_plan": _m("未找到方案", "no plan found"),
    "batch.status.failed": _m("失败", "failed"),
    "batch.status.missing": _m("未运行", "not run"),
    "batch.problem": _m("{county} / {scenario}：{said}", "{county} / {scenario}: {said}"),
    "batch.status_error": _m("{status}：{error}", "{status}: {error}"),
    "batch.no_plan_detail": _m(
        "在时限（{seconds}秒）内未找到交流方案，也未能证明无解",
        "no plan found within the time limit ({seconds} s) and none proven impossible",
    ),
    "batch.kind.evaluate": _m("评估现状", "evaluate"),
    "batch.kind.plan": _m("一年方案", "one-year plan"),
    "batch.kind.horizon": _m("多年方案", "multi-year plan"),
    "batch.when.before": _m("现状", "before"),
    "batch.when.after": _m("交流后", "after"),
    "batch.progress": _m("{done}/{total}项任务", "{done}/{total} tasks"),
    "batch.progress_before": _m("，{n}项此前已完成", ", {n} done before"),
    "batch.progress_failed": _m("，{n}项失败", ", {n} failed"),
    "batch.progress_seconds": _m("，{seconds}秒", ", {seconds} s"),
    "sheet.batch_summary": _m("汇总", "summary"),
    "sheet.batch_verdicts": _m("达标情况", "verdicts"),
    "batch.col.county": _m("区县", "County"),
    "batch.col.scenario": _m("方案", "Scenario"),
    "batch.col.kind": _m("任务类型", "Kind"),
    "batch.col.status": _m("状态", "Status"),
    "batch.col.schools": _m("学校数", "Schools"),
    "batch.col.teachers": _m("教师数", "Teachers"),
    "batch.col.passes_before": _m("现状结论", "Verdict before"),
    "batch.col.passes_after": _m("交流后结论", "Verdict after"),
    "batch.col.cvs_passing_before": _m("达标差异系数项数（现状）", "CVs passing before"),
    "batch.col.cvs_passing_after": _m("达标差异系数项数（交流后）", "CVs passing after"),
    "batch.col.cvs_judged": _m("参评差异系数项数", "CVs judged"),
    "batch.col.year": _m("起始年份", "First year"),
    "batch.col.years": _m("规划年数", "Years planned"),
    "batch.col.moves": _m("交流人数", "Moves"),
    "batch.col.eligible": _m("符合交流条件教师数", "Eligible teachers"),
    "batch.col.rotation_ratio": _m("交流比例", "Rotation ratio"),
    "batch.col.backbone_share": _m("骨干教师占交流人数比例", "Backbone share"),
    "batch.col.rotation_passes": _m("交流比例符合要求", "Rotation figures met"),
    "batch.col.earliest_pass_year": _m("最早达标年份", "Earliest pass year"),
    "batch.col.solve_status": _m("求解结果", "Solve result"),
    "batch.col.verified": _m("独立核验通过", "Verified"),
    "batch.col.first_plan_seconds": _m("首个方案用时（秒）", "First plan (s)"),
    "batch.col.solve_seconds": _m("求解用时（秒）", "Solve time (s)"),
    "batch.col.task_seconds": _m("任务用时（秒）", "Task time (s)"),
    "batch.col.error": _m("说明", "Message"),
    "batch.col.cv": _m("{stage}{indicator}差异系数（{when}）", "CV {stage} {indicator} ({when})"),
    "cli.batch_done": _m(
        "本次运行{ran}项任务，{skipped}项此前已完成，{failed}项失败，用时{seconds}秒；汇总：{files}",
        "{ran} tasks run, {skipped} done before, {failed} failed, {seconds} s; summary in {files}",
    ),
}


def text(key: str, lang: Lang = "zh", **values: object) -> str:
    """The message `key` in `lang`, its placeholders filled from `values`.

    A value that is itself a `Text` or `Words` is put in `lang` too. Raises KeyError for an
    unknown key or language (a missing word is a bug to catch in tests, not a blank on a
    printed list).
    """
    try:
        template = MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in {lang!r}") from None
    if not values:
        return template
    return template.format(**{name: localise(v, lang) for name, v in values.items()})


class Text(str):
    """A catalogue message that is also a plain string: its English form.

    Code that builds a message for a person (an error, a reason) makes a ``Text`` instead of
    an f-string; everything that treats it as a string sees the English sentence, and
    whatever shows it to a person calls ``render(lang)``::

        Text("error.value_missing")              # == "value is missing"
        Text("error.value_missing").render("zh") # == "未填写"
    """

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Text:
        self = super().__new__(cls, text(key, "en", **values))
        self.key = key
        self.values = values
        return self

    def render(self, lang: Lang) -> str:
        """The message in `lang`."""
        return text(self.key, lang, **self.values)

    def __reduce__(self) -> tuple[object, ...]:
        return (_text, (self.key, self.values))


def _text(key: str, values: dict[str, object]) -> Text:
    return Text(key, **values)


class Words(str):
    """Words that are not in the catalogue but exist in both languages (a list of codes and
    their Chinese names, say): a string (the English) that renders in either language."""

    zh: str
    en: str

    def __new__(cls, zh: str, en: str) -> Words:
        self = super().__new__(cls, en)
        self.zh, self.en = zh, en
        return self

    def render(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def __reduce__(self) -> tuple[object, ...]:
        return (Words, (self.zh, self.en))


def listed(items: Iterable[object]) -> Words:
    """Items joined as each language lists them: 甲、乙、丙 / a, b, c."""
    words = [str(i) for i in items]
    return Words("、".join(words), ", ".join(words))


def joined(items: Iterable[object], zh_sep: str = "、", en_sep: str = ", ") -> Words:
    """Messages (`Text`, `Words` or strings) joined, each in its language."""
    items = list(items)
    return Words(
        zh_sep.join(str(localise(i, "zh")) for i in items),
        en_sep.join(str(localise(i, "en")) for i in items),
    )


def localise(value: object, lang: Lang) -> object:
    """`value` in `lang` when it is a `Text` or `Words`; any other value as it is."""
    return value.render(lang) if isinstance(value, Text | Words) else value


def has(key: str) -> bool:
    """True when the catalogue has `key`."""
    return key in MESSAGES


def placeholders(template: str) -> set[str]:
    """The names of a template's placeholders ({years} → "years")."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


#: Han characters: a roster that writes names or values with them is a Chinese roster.
_HAN = re.compile(r"[\u4e00-\u9fff]")


def language_of(texts: Iterable[object]) -> Lang:
    """The language a roster is written in: "zh" when any of `texts` (its names, its values)
    holds Chinese characters, else "en"."""
    return "zh" if any(isinstance(t, str) and _HAN.search(t) for t in texts) else "en"
