"""English screens for Vietnamese offices keep dd/mm/yyyy dates; only the number separators change."""

from parindex.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
