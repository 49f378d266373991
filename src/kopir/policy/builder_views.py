"""The reform builder's pages (GOV.UK patterns, no JavaScript needed). Thin: selectors and services.

1. ``builder/``: browse or search the law's parameters and tick the ones to change (a GET form: the
   search keeps the ticks); the analyst's saved reforms are listed above.
2. ``builder/new/?parameter=...``: a title and description in each language, then a new value and a
   start date per parameter, each beside its unit, today's value and the act that sets it. Saving
   checks the whole reform as a reform file is checked; its problems come back beside the fields (422).
3. ``builder/<n>/``: a saved reform, its file to download and a form to cost it on the costing page.
   A saved reform is never edited: ``builder/new/?from=<n>`` starts a new one from its texts and changes
   (a parameter the law no longer has is left out, and named).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kopir.accounts.views import refusals_kept
from kopir.interface.language import current_language
from kopir.microsim.reforms import ReformError
from kopir.policy.builder import saved_reform_create, saved_reform_draft
from kopir.policy.builder_forms import BuilderForm, draft_initial
from kopir.policy.builder_selectors import (
    BuilderParameter,
    builder_parameters,
    parameter_groups,
    saved_reform_get,
    saved_reforms_of,
)
from kopir.policy.forms import SimulationForm
from kopir.policy.models import SAVED_PREFIX
from kopir.policy.reform_facts import saved_reform_facts
from kopir.policy.views import _viewer
from kopir.rules.law_files import default_law

QUERY_LIMIT = 100
MAX_NUMBER_DIGITS = 18  # any number of 18 digits fits a database id (a signed 64-bit integer)
UNPROCESSABLE = 422


def _chosen(request: HttpRequest) -> list[str]:
    """The ticked parameters, each once, in the order given (at most one per parameter of the law)."""
    return list(dict.fromkeys(request.GET.getlist("parameter")))


@require_safe
@login_required
@refusals_kept
def builder_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    saved = saved_reforms_of(viewer)
    chosen = _chosen(request)
    query = request.GET.get("q", "")[:QUERY_LIMIT]
    problem = ""
    if request.GET.get("action") == "continue":
        if chosen:
            return redirect(reverse("policy:builder_new") + "?" + urlencode({"parameter": chosen}, doseq=True))
        problem = _("Choose at least one parameter to change.")
    language = current_language()
    groups = parameter_groups(timezone.localdate(), language, query)
    shown = {parameter.row.path for group in groups for parameter in group.parameters}
    context = {
        "saved": [(reform, reform.title(language)) for reform in saved],
        "groups": groups,
        "query": query,
        "chosen": chosen,
        "kept": [path for path in chosen if path not in shown],  # ticked before a search that hides them
        "problem": problem,
    }
    return render(request, "policy/builder.html", context, status=UNPROCESSABLE if problem else 200)


def _chosen_problem(chosen: list[str], known: Mapping[str, BuilderParameter]) -> str:
    """What is wrong with the parameters asked for, before any form: none, one twice, or one the law lacks.

    The chooser sends each parameter of the law once; another list came from an edited address, and is
    refused before a form of hundreds of fields is drawn for it.
    """
    if not chosen:
        return _("Choose at least one parameter to change.")
    if len(set(chosen)) < len(chosen):
        return _("Choose each parameter of the law at most once.")
    unknown = next((path for path in chosen if path not in known), None)
    if unknown is not None:
        return _("The law has no parameter “%(parameter)s”: choose the parameters to change from its list.") % {
            "parameter": unknown
        }
    return ""


@login_required
@refusals_kept
def builder_new_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    saved_reforms_of(viewer)  # refuses (and logs) a viewer who may not cost reforms
    language = current_language()
    known = builder_parameters(timezone.localdate(), language)
    chosen, copied, dropped = request.GET.getlist("parameter"), None, []
    if request.method == "GET" and "from" in request.GET:  # a saved reform copied, to be changed and saved anew
        copied = saved_reform_draft(saved_reform_get(viewer=viewer, reform_id=_reform_number(request.GET["from"])))
        every = [override.parameter for override in copied.overrides]
        chosen, dropped = [path for path in every if path in known], [path for path in every if path not in known]
    problem = _chosen_problem(chosen, known)
    initial = draft_initial(copied, chosen) if copied is not None and not problem else None
    form = BuilderForm(request.POST or None, initial=initial, parameters=[] if problem else chosen, known=known)
    if not problem and request.method == "POST" and form.is_valid():
        try:
            saved = saved_reform_create(owner=viewer, draft=form.draft(), law=default_law())
        except ReformError as refused:
            form.problems_placed(refused.problems, language)
        else:
            return redirect("policy:builder_saved", reform_id=saved.pk)
    status = UNPROCESSABLE if request.method == "POST" or problem else 200
    rows = [(known[path], value, since) for path, value, since in form.rows()]
    query = urlencode({"parameter": chosen}, doseq=True)
    context = {"form": form, "rows": rows, "chosen": chosen, "query": query, "problem": problem, "dropped": dropped}
    return render(request, "policy/builder_new.html", context, status=status)


def _reform_number(text: str) -> int:
    """A saved reform's number from the address; 0 (no reform: refused as not found) for anything else."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS else 0


@require_safe
@login_required
@refusals_kept
def saved_reform_page(request: HttpRequest, reform_id: int) -> HttpResponse:
    viewer = _viewer(request)
    saved = saved_reform_get(viewer=viewer, reform_id=reform_id)
    language = current_language()
    try:
        facts, problems = saved_reform_facts(saved, language), []
    except ReformError as refused:  # the law changed under it: say what, offer no run
        facts, problems = None, [problem.text(language) for problem in refused.problems]
    run_form = SimulationForm(initial={"reform": f"{SAVED_PREFIX}{saved.pk}"}, viewer=viewer)
    context: dict[str, Any] = {"saved": saved, "facts": facts, "problems": problems, "run_form": run_form}
    context |= {"title": saved.title(language), "description": getattr(saved, f"description_{language}")}
    return render(request, "policy/builder_saved.html", context)


@require_safe
@login_required
@refusals_kept
def saved_reform_download(request: HttpRequest, reform_id: int) -> HttpResponse:
    """The reform file, named as ``kopir simulate`` wants it: ``<id>.yaml``."""
    saved = saved_reform_get(viewer=_viewer(request), reform_id=reform_id)
    response = HttpResponse(saved.document, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{saved.slug}.yaml"'
    return response
