from django.urls import path

from wellbeing import paper, views, views_evaluation, views_report

urlpatterns = [
    path("me/how-you-are/", views.start, name="wellbeing-start"),
    path("me/how-you-are/stop/", views.stop, name="wellbeing-stop"),
    path("me/how-you-are/<int:pk>/<int:number>/", views.question, name="wellbeing-question"),
    path("me/how-you-are/<int:pk>/send/", views.send, name="wellbeing-send"),
    path(
        "organiser/members/<int:pk>/questions-on-paper/",
        paper.paper_enter,
        name="wellbeing-paper",
    ),
    path(
        "organiser/members/<int:pk>/questions-on-paper.pdf",
        paper.paper_print,
        name="wellbeing-paper-print",
    ),
    path("organiser/questions-on-paper.pdf", paper.paper_print, name="wellbeing-paper-blank"),
    path(
        "evaluation/how-members-are/",
        views_evaluation.who_answered,
        name="wellbeing-answers",
    ),
    path(
        "evaluation/how-members-are/<int:pk>/",
        views_evaluation.member_answers,
        name="wellbeing-answers-member",
    ),
    path("reports/how-members-are/when/", views_report.timing_set, name="wellbeing-timing"),
    path("reports/how-members-are/", views_report.wellbeing_report, name="wellbeing-report"),
]
