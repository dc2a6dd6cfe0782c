from django.urls import path

from members.views import (
    guidelines_admin,
    join,
    my_details,
    outbox,
    own_data,
    roll,
    subscriptions,
    supporters,
    times,
)
from members.views import pages as views

urlpatterns = [
    path("", views.home, name="home"),
    path("signin/", views.SignInView.as_view(), name="signin"),
    path("signout/", views.SignOutView.as_view(), name="signout"),
    path("signin/link/", views.signin_link_request, name="signin-link-request"),
    path("signin/link/sent/", views.signin_link_sent, name="signin-link-sent"),
    path("signin/link/<str:token>/", views.signin_link, name="signin-link"),
    path("join/", join.join, name="join"),
    path("me/", views.me, name="me"),
    path("me/guidelines/", views.guidelines, name="guidelines"),
    path("me/contact/", my_details.my_contact, name="my-contact"),
    path("me/access/", my_details.my_access, name="my-access"),
    path("me/photos/", my_details.my_photos, name="my-photos"),
    path("me/times/", times.my_times, name="my-times"),
    path("me/data/", own_data.my_data, name="my-data"),
    path("me/data.json", own_data.my_data_json, name="my-data-json"),
    path("me/supporters/", supporters.my_supporters, name="my-supporters"),
    path("me/supporters/invite/", supporters.invite_supporter, name="invite-supporter"),
    path("me/supporters/<int:pk>/remove/", supporters.remove_supporter, name="remove-supporter"),
    path("supporter/", views.supporter_home, name="supporter-home"),
    path("supporter/members/<int:pk>/times/", times.supporter_times, name="supporter-times"),
    path("supporter/invitations/", supporters.support_invitations, name="support-invitations"),
    path(
        "supporter/invitations/<int:pk>/accept/", supporters.support_accept, name="support-accept"
    ),
    path(
        "supporter/links/<int:pk>/step-back/",
        supporters.support_step_back,
        name="support-step-back",
    ),
    path("organiser/", views.organiser_home, name="organiser-home"),
    path("organiser/messages/", outbox.outbox, name="outbox"),
    path("organiser/messages/<int:pk>/call/", outbox.outbox_call, name="outbox-call"),
    path("organiser/messages/<int:pk>/try-again/", outbox.outbox_retry, name="outbox-retry"),
    path("organiser/messages/letters.pdf", outbox.outbox_letters, name="outbox-letters"),
    path("organiser/messages/printed/", outbox.outbox_printed, name="outbox-printed"),
    path(
        "organiser/members/<int:pk>/contact/",
        outbox.member_contact_details,
        name="member-contact-details",
    ),
    path("organiser/members/<int:pk>/signin-letter.pdf", views.signin_letter, name="signin-letter"),
    path("members/", roll.member_list, name="member-list"),
    path("members/add/", roll.member_add, name="member-add"),
    path("members/register/", roll.register, name="register"),
    path("members/register.<str:fmt>", roll.register_download, name="register-download"),
    path("members/<int:pk>/", roll.member_detail, name="member-detail"),
    path(
        "members/<int:pk>/supporters/add/",
        supporters.staff_link_supporter,
        name="staff-link-supporter",
    ),
    path(
        "members/<int:pk>/supporters/<int:link_pk>/remove/",
        supporters.staff_remove_supporter,
        name="staff-remove-supporter",
    ),
    path("members/<int:pk>/erase/", own_data.member_erase, name="member-erase"),
    path("members/<int:pk>/<slug:move>/", roll.member_move, name="member-move"),
    path("board/subscriptions/", subscriptions.subscriptions, name="subscriptions"),
    path("board/", views.board_home, name="board-home"),
    path("finance/", views.finance_home, name="finance-home"),
    path("returning-officer/", views.returning_home, name="returning-home"),
    path("evaluation/", views.evaluator_home, name="evaluator-home"),
    path(
        "administrator/guidelines/", guidelines_admin.guidelines_publish, name="guidelines-publish"
    ),
    path("administrator/", views.administrator_home, name="administrator-home"),
]
