"""factory_boy factories. They build rows for reading tests; writes that matter go through
services (see conftest.py)."""

import factory

from members.models import Branch, Member, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("coop-demo")


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Branch {n}")
    slug = factory.Sequence(lambda n: f"branch-{n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    membership_number = factory.Sequence(lambda n: f"T{n:05d}")
    first_name = factory.LazyAttribute(lambda m: m.user.first_name if m.user else "Sam")
    last_name = factory.LazyAttribute(lambda m: m.user.last_name if m.user else "Smith")
    branch = factory.SubFactory(BranchFactory)
    status = Member.Status.ACTIVE
    contact_preferences = factory.LazyFunction(lambda: ["email", "phone"])
    access_needs = factory.LazyFunction(lambda: ["easy_read"])
