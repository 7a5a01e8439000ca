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
