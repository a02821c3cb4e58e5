"""Declaring in the browser: a new project in the official layout (its indicators drafted from the
indicator library when asked), the library page, the suggestions the editor shows while a name is
typed, and drafted rows added to a section being edited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.write.json_out import jsonable
from jixiao_web.errors import whole_or_none
from jixiao_web.services import declare, editing
from jixiao_web.services.access import Action, get_section, get_unit, visible_units
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.library import current, places

SUGGESTIONS = 10
RESULTS = 50
PLAN_DEFAULT = ("25", "50", "75", "100")  # the even quarters a clerk usually starts from


@login_required
def new_project(request: HttpRequest) -> HttpResponse:
    """项目支出绩效目标申报表 or 部门整体预算绩效目标申报表 in the browser: the form of the layout,
    then its indicators in the editor."""
    units = list(visible_units(request.user, Action.EDIT).order_by("name"))
    if not units:
        raise PermissionDenied("您没有可以填报目标表的单位。")
    errors: dict[str, str] = {}
    if request.method == "POST":
        new, errors = declare.checked(request.POST)
        unit_pk = whole_or_none(request.POST.get("unit"))
        if unit_pk is None:
            errors["unit"] = "请选择预算单位。"
        if not errors:
            unit = get_unit(request.user, unit_pk, Action.EDIT)
            try:
                stored = declare.create_project(request.user, unit, new, with_draft="draft" in request.POST)
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                section = stored.sections.get()
                drafted = section.indicators.count()
                messages.success(request, f"已保存草稿“{new.name or declare.LAYOUTS[declare.DEPARTMENT_LAYOUT]}”" + (f"，按指标库生成了 {drafted} 条指标，请逐条核对修改。" if drafted else "。请填写绩效指标。"))
                return redirect("section_edit", pk=section.pk)
        else:
            messages.error(request, f"有 {len(errors)} 处填写不正确，未保存。请按输入框旁的提示修改。")
        values = {**{n: getattr(new, n) for n in declare.TEXT_FIELDS}, "year": request.POST.get("year", ""), "unit": request.POST.get("unit", ""),
                  "layout": request.POST.get("layout", declare.PROJECT_LAYOUT),
                  "amount_total": new.total, "amount_fiscal": new.fiscal, "amount_other": new.other}  # fmt: skip
        plan = list(new.plan)
    else:
        values = {"unit": str(units[0].pk) if len(units) == 1 else "", "layout": request.GET.get("layout", declare.PROJECT_LAYOUT)}
        plan = list(PLAN_DEFAULT)
    context = {
        "units": units,
        "values": values,
        "errors": errors,
        "amounts": editing.AMOUNT_FIELDS,
        "layouts": declare.LAYOUTS,
        "plan": [(i, c, v, errors.get(f"plan-{i}")) for i, (c, v) in enumerate(zip(declare.CHECKPOINTS, plan, strict=True))],
    }
    return render(request, "jixiao_web/new_project.html", context)


@login_required
def library_page(request: HttpRequest) -> HttpResponse:
    """The indicator library: search by name, category, unit, department function or project kind."""
    query = request.GET.get("q", "").strip()[:100]
    library = current()
    found = library.search(query, RESULTS)
    rows = [
        (e, shown, hidden, e.functions.most_common(3), [k for k, _ in e.kinds.most_common(3)])
        for e, (shown, hidden) in zip(found, places(request.user, library, found), strict=True)
    ]
    context = {"query": query, "rows": rows, "documents": len(library.documents), "indicators": len(library.entries)}
    return render(request, "jixiao_web/library.html", context)


@login_required
def library_suggest(request: HttpRequest) -> JsonResponse:
    """Names for what is being typed, with their usual category, unit and target (the editor's list)."""
    found = current().suggest(request.GET.get("q", "")[:100], SUGGESTIONS)
    return JsonResponse({"suggestions": jsonable(found)})


@login_required
@require_POST
def section_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """生成草稿: the drafted rows the section does not have yet, added at the end of its grid and saved
    (and the goal, when the section has none)."""
    section = get_section(request.user, pk, Action.EDIT)
    try:
        added = declare.add_draft(request.user, section)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已按指标库生成 {added} 条草稿指标（已保存），请逐条核对，不合适的清空即可删除。")
    return redirect("section_edit", pk=pk)
