"""Catalogue files in the browser: upload, read the plan (``accord apply --dry-run``), apply; download the export.

The uploaded files live in the session (database-backed) between the plan and the apply, never in
a process's memory: any of the processes behind the site may answer the apply, which reads them
again and re-validates them against the database as it is then. Nothing is written until apply.

The write is bounded by the reader's roles (``write_catalogue(reach=...)``): an object their roles
do not let them add or change is a problem of its document, as a field's error is. The change log
names the user and the source ``ui``, as the console's forms do.
"""

import io
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.core.choices import ChangeSource
from accord.core.services import Actor
from accord.interchange.apply import ApplyResult, plan_lines, read_uploaded, write_catalogue
from accord.interchange.export import dump_documents, export_documents
from accord.interchange.kinds import KINDS, KINDS_BY_NAME
from accord.interchange.loading import MAX_FILE_BYTES

SESSION_KEY = 'accord-catalogue-files'
TEMPLATE = 'ui/catalogue_files.html'
staff_only = login_required(login_url=reverse_lazy('ui:login'))


@staff_only
@require_http_methods(['GET', 'POST'])
def catalogue_files(request: HttpRequest) -> HttpResponse:
    """GET: the upload form and the export links. POST: the uploaded files' plan, or their problems."""
    if request.method == 'GET':
        return _page(request)
    uploads = request.FILES.getlist('files')
    if not uploads:
        return _page(request, refusal='Choose one or more YAML files to upload.')
    files = [(upload.name, upload.read(MAX_FILE_BYTES + 1)) for upload in uploads]
    result = _write(request, files, dry_run=True)
    token = ''
    if result.ok:
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {'token': token, 'files': [[name, raw.decode()] for name, raw in files]}
    else:
        request.session.pop(SESSION_KEY, None)
    return _page(request, result=result, names=[name for name, _raw in files], token=token)


@staff_only
@require_POST
def apply_files(request: HttpRequest) -> HttpResponse:
    """Apply the files of the plan just shown, validated again: the database may have changed since."""
    kept = request.session.get(SESSION_KEY)
    if not kept or not secrets.compare_digest(kept['token'], request.POST.get('token', '')):
        return _page(request, refusal='These files are no longer waiting to be applied (uploaded again in another '
                                      'tab, or already applied); upload them again to see their plan.')
    files = [(name, text.encode()) for name, text in kept['files']]
    result = _write(request, files, dry_run=False)
    del request.session[SESSION_KEY]
    if not result.ok:
        return _page(request, result=result, names=[name for name, _text in files], applying=True)
    messages.success(request, f'Applied {", ".join(name for name, _text in files)}: {plan_lines(result)[-1]}.')
    return _page(request, result=result, names=[name for name, _text in files])


def _write(request: HttpRequest, files: list[tuple[str, bytes]], *, dry_run: bool) -> ApplyResult:
    documents, problems = read_uploaded(files)
    return write_catalogue(documents, problems, actor=Actor(user=request.user, source=ChangeSource.UI),
                           dry_run=dry_run, reach=request.user)


@staff_only
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """``accord export`` as a file: what the reader may view, of every kind or of the kinds asked (``?kind=K``)."""
    wanted = request.GET.getlist('kind')
    if any(kind not in KINDS_BY_NAME for kind in wanted):
        raise Http404('No such kind.')
    stream = io.StringIO()
    dump_documents(export_documents([kind for kind in KINDS if not wanted or kind.name in wanted], request.user),
                   stream)
    name = f'accord-{"-".join(wanted).lower() if wanted else "catalogue"}.yaml'
    response = HttpResponse(stream.getvalue(), content_type='application/yaml; charset=utf-8')
    response['Content-Disposition'] = f'attachment; filename="{name}"'
    return response


def _page(request: HttpRequest, *, result: ApplyResult | None = None, names: list[str] = (), token: str = '',
          refusal: str = '', applying: bool = False) -> HttpResponse:
    counts = [(kind.name, kind.model.objects.restrict(request.user).count()) for kind in KINDS]
    return render(request, TEMPLATE, {
        'result': result, 'names': names, 'token': token, 'refusal': refusal, 'applying': applying,
        'plan': plan_lines(result) if result and result.ok else [],
        'kinds': [(name, count) for name, count in counts if count],
        'export_url': reverse('ui:catalogue-files-export'), 'limit': MAX_FILE_BYTES,
    })
