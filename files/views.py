"""Serving private files: only after the caller's own permission check, streamed from storage."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views import View

from files.models import BackgroundFile


def private_file_response(field_file, *, filename: str) -> FileResponse:
    """The stored file as a download, read through its storage (local disk or S3 alike)."""
    response = FileResponse(
        field_file.storage.open(field_file.name, "rb"), as_attachment=True, filename=filename
    )
    # Personal data: never kept by a browser's or a proxy's cache.
    response["Cache-Control"] = "private, no-store"
    return response


class BackgroundFileDownloadView(View):
    """A built file, to the person who asked for it and nobody else.

    Subclasses say who may download this kind at all (`allowed`) and what to record in the
    audit log (`record`); the file itself is found only among the caller's own ready files, so
    a colleague with the same permission gets 404, never someone else's file.
    """

    model: type[BackgroundFile]
    filename = "fil.zip"

    def allowed(self, request) -> bool:
        raise NotImplementedError

    def download_name(self, built: BackgroundFile) -> str:
        """The name the browser saves the file as; by default `filename`."""
        return self.filename

    def still_allowed(self, request, built: BackgroundFile) -> bool:
        """Whether the caller may still have this file (their rights may have narrowed since
        it was built); by default yes."""
        return True

    def record(self, request, built: BackgroundFile) -> None:
        """Write the access to the audit log; by default nothing."""

    def get(self, request, pk: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request):
            raise PermissionDenied
        built = get_object_or_404(
            self.model, pk=pk, requested_by=request.user, state=BackgroundFile.State.READY
        )
        if not built.file or not self.still_allowed(request, built):
            raise PermissionDenied
        self.record(request, built)
        return private_file_response(built.file, filename=self.download_name(built))
