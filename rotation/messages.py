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
    "misc.violations": _m("{n}处：{details}", "{n}: {details}"),
    "misc.school_passes_note": _m(
        "学校达标：7项指标中至少{n}项达标，其余不低于标准值的{share}",
        "A school meets the standard with at least {n} of the 7 met, the rest at {share}",
    ),
    "misc.generated": _m("生成日期：{date}", "Made on {date}"),
}


def text(key: str, lang: Lang = "zh", **values: object) -> str:
    """The message `key` in `lang`, its placeholders filled from `values`.

    Raises KeyError for an unknown key or language (a missing word is a bug to catch in
    tests, not a blank on a printed list).
    """
    try:
        template = MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in {lang!r}") from None
    return template.format(**values) if values else template


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
