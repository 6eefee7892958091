"""Labels of the evaluation report in Chinese and English (terms shared with other places are in
`drillsim.glossary`)."""

from __future__ import annotations

from drillsim.i18n import Lang

LABELS: dict[str, tuple[str, str]] = {
    "title": ("生产安全事故应急演练评估报告", "Production-safety accident exercise evaluation report"),
    "overview": ("一、演练概况", "1. Overview"),
    "timeline": ("二、演练过程", "2. Timeline of the response"),
    "findings": ("三、评估发现", "3. Findings"),
    "ratings": ("四、能力评级", "4. Capability ratings"),
    "strengths": ("五、主要优点", "5. Strengths"),
    "actions": ("六、问题与整改措施", "6. Corrective actions"),
    "deviations": ("七、与基准推演的偏差", "7. Deviations from the reference run"),
    "observations": ("八、评估人观察与修正", "8. Evaluator observations and overrides"),
    "method": ("九、评估方法与分值换算", "9. Scoring method and conversion"),
    "scenario": ("情景", "Scenario"),
    "plan": ("预案", "Plan"),
    "enterprise": ("事发单位", "Enterprise"),
    "location": ("地点", "Location"),
    "start": ("事故发生时间", "Accident time"),
    "policy": ("计算机角色策略", "Computer-role policy"),
    "seed": ("随机种子", "Seed"),
    "roles": ("参演角色", "Roles"),
    "human": ("人员", "human"),
    "computer": ("计算机", "computer"),
    "end": ("演练结束", "Exercise end"),
    "events": ("事件数", "Events"),
    "overall": ("总分", "Overall score"),
    "procedure": ("程序得分（未扣后果、未封顶）", "Procedure score (before outcome deductions and caps)"),
    "conclusion": ("结论", "Conclusion"),
    "baseline": ("基准推演得分", "Reference run score"),
    "time": ("时间", "Time"),
    "clock": ("钟点", "Clock"),
    "event": ("事件", "Event"),
    "id": ("编号", "Id"),
    "area": ("能力领域", "Area"),
    "verdict": ("结论", "Verdict"),
    "severity": ("等级", "Grade"),
    "points": ("扣分", "Points lost"),
    "rule": ("依据条款", "Rule"),
    "detail": ("说明", "Detail"),
    "evidence": ("证据（事件）", "Evidence (events)"),
    "weight": ("权重", "Weight"),
    "percent": ("得分率", "Percent"),
    "rating": ("评级", "Rating"),
    "issue": ("问题", "Issue"),
    "action": ("整改措施", "Corrective action"),
    "owner": ("责任单位", "Owner"),
    "due": ("完成时限", "Due"),
    "delta": ("偏差", "Deviation"),
    "author": ("评估人", "Author"),
    "reason": ("理由", "Reason"),
    "text": ("内容", "Text"),
    "none": ("无", "None"),
    "external": ("外部规定", "external"),
    "covered": ("见", "see"),
    "compliant": ("符合项", "Compliant and not applicable"),
    "noncompliant": ("问题项", "Findings that cost points"),
    "chart": ("响应时间轴", "Response timeline"),
    "level_row": ("响应级别", "Response level"),
    "justified_row": ("实际应达级别", "Level the facts justify"),
    "commander_row": ("现场指挥", "Field commander"),
    "deadline_bar": ("报告时限", "reporting window"),
    "allowances": ("时限假设（本方法设定）", "Time allowances (ours)"),
    "band": ("分数段", "Band"),
    "formula": ("计算公式", "Formula"),
    "exercise": ("本次", "This run"),
    "reference": ("基准", "Reference"),
    "observation_none": ("无评估人观察或修正。", "No evaluator observations or overrides."),
    "deviation_none": ("与基准推演无偏差。", "No deviation from the reference run."),
    "action_none": ("无需整改。", "No corrective action needed."),
    "strength_none": ("无突出优点。", "No particular strengths."),
    "overridden": ("已修正", "overridden"),
    "computed": ("计算值", "computed"),
    "method_note": ("完整说明见 docs/scoring.md。", "The full method is in docs/scoring.md."),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "late": ("修订值班与报告流程，明确时限和责任人，开展专项训练，确保按时完成。",
             "Revise the duty and reporting procedure, name who acts and by when, and train until it is done in time."),
    "missed": ("明确该环节的责任人和触发条件，纳入岗位职责和检查清单，并再次演练。",
               "Name who is responsible and what triggers it, add it to the post's duties and checklist, and drill it again."),
    "false_report": ("落实信息报送核实制度，严禁瞒报、谎报；对责任人开展警示教育并追究责任。",
                     "Enforce verification of reported figures, forbid concealment and false reports, and hold those responsible to account."),
    "incomplete": ("使用标准报告/交接模板，逐项填写预案要求的内容。",
                   "Use a standard report or handover template covering every item the plan requires."),
    "wrong_authority": ("重申“谁启动谁终止”及分级启动权限，修订指挥部工作规则。",
                        "Restate who activates and terminates each level and revise the HQ's rules of procedure."),
    "wrong_body": ("明确先期处置和现场指挥的责任主体。", "Make clear who sets up the first field command."),
    "wrong_lead": ("按预案确定各工作组牵头单位。", "Assign each working group the lead unit the plan names."),
    "premature": ("终止前逐项核实结束条件，经现场指挥部确认。", "Verify every termination condition with the field HQ before ending the response."),
    "unauthorised": ("建立统一信息发布机制，未经授权不得对外发布。", "Set up a single release channel; nobody releases information without authority."),
    "resumed_under_threat": ("恢复救援前须经专家确认威胁已解除。", "Resume rescue only after the experts confirm the threat has passed."),
    "people_at_risk": ("将“遇险人员全部救出”纳入结束条件核查清单。", "Add 'everybody at risk rescued' to the termination checklist."),
    "avoidable_harm": ("逐项复盘导致事态扩大的迟报、漏报和未采取的防护措施，修订先期处置和信息报告流程并再次演练。",
                       "Trace which late or missing report or protective action let the accident grow, revise the "
                       "initial-response and reporting procedures, and drill them again."),
    "unreported": ("明确该报告的责任人和时限，报告不因响应结束而免除；在检查清单中列明并再次演练。",
                   "Name who makes this report and by when (the end of the response does not waive it), add it "
                   "to the checklist and drill it again."),
    "not_ended": ("明确结束条件的确认和“谁启动谁终止”的终止程序，演练至响应正式结束。",
                  "Make clear who confirms the end conditions and who terminates each level, and play the exercise "
                  "until the response is formally ended."),
    "inactive": ("明确该角色在预案中的职责和触发条件，对参演人员开展培训后再次演练。",
                 "Brief the role's duties and triggers under the plan to its players, train them and drill again."),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def pick(pair: tuple[str, str] | None, lang: Lang, fallback: str = "") -> str:
    if pair is None:
        return fallback
    return pair[0] if lang == "zh" else pair[1]
