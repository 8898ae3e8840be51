"""The HTTP API and the dashboard's pages: ``eventwire serve`` (see docs/api.md).

    from eventwire.web import create_app
    app = create_app("sqlite:///eventwire.db")     # an ASGI app (FastAPI)
"""

from eventwire.web.app import create_app

__all__ = ["create_app"]
