from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared helpers with no models: tabular import, calendar, listing, exports."""

    name = "parindex.common"
    label = "common"

    def ready(self) -> None:
        # A plain `pip install` of a source tree, or a fresh checkout, has no .mo files: compile
        # them on first start so the screens are Vietnamese without a separate step.
        from parindex.common.catalogues import ensure_compiled

        ensure_compiled()

        # Values that do not fit their column become field errors, not database errors.
        from django.db.models.signals import pre_save

        from parindex.common.columns import guard_save

        pre_save.connect(guard_save, dispatch_uid="parindex.common.columns.guard_save")
