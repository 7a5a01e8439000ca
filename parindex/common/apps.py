from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared helpers with no models: tabular import, calendar, listing, exports."""

    name = "parindex.common"
    label = "common"
