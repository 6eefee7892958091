"""The words of the facilitator's and evaluator's tools (notes, overrides, bookmarks, discussion pauses, ending,
the MSEL, participants, the command palette, screenshots), in Chinese and English; `tui.i18n` merges them
into its table (kept apart so that the console's other work does not collide with them)."""

from __future__ import annotations

FACILITATOR_STRINGS: dict[str, tuple[str, str]] = {
    # --- keys ---------------------------------------------------------------------------------------------
    "key.note": ("评估记录", "Evaluator note"),
    "key.discussion": ("讨论暂停", "Discussion pause"),
    "key.end": ("结束演练", "End exercise"),
    "key.msel": ("情景清单", "MSEL"),
    "key.participants": ("参演人员", "Participants"),
    "key.override": ("修正发现", "Override"),
    "key.palette": ("命令面板", "Command palette"),
    "key.screenshot": ("截图", "Screenshot"),
    "key.hold": ("暂缓/恢复", "Hold/release"),
    "key.advance": ("立即发出", "Fire now"),
    "key.edit": ("修改", "Edit"),
    # --- evaluator note and override ------------------------------------------------------------------------
    "note.title": ("评估人观察记录（{time}）", "Evaluator observation ({time})"),
    "note.author": ("评估人", "Evaluator"),
    "note.text": ("观察内容", "Observation"),
    "note.area": ("能力领域（可不选）", "Capability area (optional)"),
    "note.saved": ("已记录观察", "Observation recorded"),
    "note.default_author": ("评估人", "evaluator"),
    "override.title": ("修正发现 {finding}", "Override finding {finding}"),
    "override.verdict": ("新结论（可不改）", "New verdict (optional)"),
    "override.severity": ("新等级（可不改）", "New grade (optional)"),
    "override.reason": ("理由（必填）", "Reason (required)"),
    "override.saved": ("已记录修正", "Override recorded"),
    "override.need_change": ("请选择新结论或新等级", "Choose a new verdict or grade"),
    "override.no_finding": ("请先在表中选择一项发现", "Select a finding in the table first"),
    "dialog.save": ("保存", "Save"),
    "dialog.cancel": ("取消", "Cancel"),
    "dialog.unchanged": ("（不变）", "(unchanged)"),
    "dialog.required": ("请填写必填项", "Fill in what is required"),
    # --- bookmarks, discussion, end -------------------------------------------------------------------------
    "bookmark.question": ("书签说明（{time}）", "Bookmark at {time}: what happened?"),
    "bookmark.saved": ("已加书签 {time}", "Bookmarked {time}"),
    "discussion.question": ("讨论暂停：原因", "Discussion pause: why?"),
    "discussion.paused": ("讨论暂停中：{reason}（空格继续）", "Paused for discussion: {reason} (Space resumes)"),
    "end.title": ("结束演练？结束后不能继续，评分成为最终评分。", "End the exercise? It cannot go on afterwards, and its score card becomes final."),
    "end.reason": ("结束原因（必填）", "Reason for ending (required)"),
    "end.confirm": ("结束演练", "End exercise"),
    "end.done": ("演练已由导调结束：{reason}", "Exercise ended by the facilitator: {reason}"),
    # --- the MSEL --------------------------------------------------------------------------------------------
    "msel.title": ("主情景事件清单（MSEL）", "Master scenario events list (MSEL)"),
    "msel.hint": ("h 暂缓/恢复 · a 立即发出 · e 修改 · Esc 关闭", "h hold/release · a fire now · e edit · Esc closes"),
    "msel.due": ("时间", "Due"),
    "msel.to": ("发给", "To"),
    "msel.status": ("状态", "Status"),
    "msel.text": ("内容", "Text"),
    "msel.when": ("条件触发", "on condition"),
    "msel.upcoming": ("待发", "upcoming"),
    "msel.held": ("暂缓", "held"),
    "msel.delivered": ("已发 {time}", "sent {time}"),
    "msel.edited": ("已改", "edited"),
    "msel.edit_title": ("修改情景注入 {inject}", "Edit inject {inject}"),
    "msel.not_upcoming": ("该注入已发出", "That inject has been delivered"),
    # --- participants -------------------------------------------------------------------------------------
    "participants.title": ("参演人员（按角色）", "Participants by role"),
    "participants.saved": ("已记录参演人员", "Participants recorded"),
    # --- palette and screenshot -----------------------------------------------------------------------------
    "palette.placeholder": ("搜索命令…", "Search for commands…"),
    "screenshot.saved": ("截图已保存: {path}", "Screenshot saved: {path}"),
}
