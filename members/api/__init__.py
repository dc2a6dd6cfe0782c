"""The membership app's REST API: one module per idea, re-exported here so the root urls
write `from members.api import MeView`."""

from members.api.account import MeView, MyDataView, TokenView
from members.api.roll import MemberDetailView, MemberListView, MemberMoveView

__all__ = [
    "MeView",
    "MemberDetailView",
    "MemberListView",
    "MemberMoveView",
    "MyDataView",
    "TokenView",
]
