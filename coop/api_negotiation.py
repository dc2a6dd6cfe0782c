"""How the API picks its answer's format: what the client asks for if it can, else the
view's first (for API views, the only one: JSON). A client asking for a page (a browser
sends Accept: text/html) gets the JSON, not "406 Not Acceptable".

Outside the coop.api package (whose __init__ loads rest_framework.views): DRF's settings
import this class while rest_framework.views is still loading."""

from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class FirstRendererIfNoneAccepted(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:  # a ?format= no renderer has is still a 404
            return renderers[0], renderers[0].media_type
