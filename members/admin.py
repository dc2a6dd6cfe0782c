from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import (
    Branch,
    ConductGuidelines,
    GuidelinesAgreement,
    Member,
    RoleAssignment,
    SupportLink,
    User,
)


@admin.register(User)
class CoopUserAdmin(UserAdmin, SimpleHistoryAdmin):
    pass


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["membership_number", "last_name", "first_name", "branch", "status"]
    list_filter = ["status", "branch"]
    search_fields = ["membership_number", "first_name", "last_name", "known_as", "email"]
    # Status moves go through services (audited, checked); not edited here.
    readonly_fields = ["status", "admitted_on", "left_on"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "granted_at", "granted_by"]
    list_filter = ["role"]


@admin.register(SupportLink)
class SupportLinkAdmin(SimpleHistoryAdmin):
    list_display = ["supporter", "member", "relationship", "consent_confirmed_at", "withdrawn_at"]


@admin.register(ConductGuidelines)
class ConductGuidelinesAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_at"]


@admin.register(GuidelinesAgreement)
class GuidelinesAgreementAdmin(admin.ModelAdmin):
    list_display = ["member", "guidelines", "agreed_at", "helped_by"]
