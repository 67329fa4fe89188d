"""jixiao's Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

Datasette registers this package; its hooks live in :mod:`extractor.datasette.plugin` and its
templates in ``templates/`` next to this file (Datasette finds a plugin's ``templates`` folder).
"""

from .plugin import asgi_wrapper, menu_links, prepare_connection, register_routes, render_cell

__all__ = ["asgi_wrapper", "menu_links", "prepare_connection", "register_routes", "render_cell"]
