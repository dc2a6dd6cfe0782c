from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Membership"

    def ready(self) -> None:
        from coop import personal_data
        from members import (
            auth_cache,
            branch_cache,
            checks,  # noqa: F401  (registers the system check)
        )
        from members.personal_data import (
            export_member,
            people_words,
            person_words,
            relationship_words,
        )
        from members.services import telling

        # Each signed-in user with their roles in the shared cache, marked stale on change.
        auth_cache.connect()
        # A session's key made at sign-in, carrying the person (members/sessions.py).
        from django.contrib.auth.signals import user_logged_in

        from members import sessions

        user_logged_in.connect(sessions.key_at_sign_in, dispatch_uid="members.sessions.key")
        # The branches for What's on's filter in the shared cache, marked stale on change.
        branch_cache.connect()
        # The words of messages with a sign-in link are made when they are sent.
        telling.register()
        # Erasing the roll's own data is members.services.member_erase itself.
        personal_data.register("membership", exporter=export_member)
        # What a person did, in their own data, names their supporter and not an id.
        personal_data.register_words("supporter", person_words, many=people_words)
        personal_data.register_words("relationship", relationship_words)
        # The times that suit a member, recorded when set (members.services.times).
        from members.good_times import good_time_words

        personal_data.register_words("good_times", good_time_words)

        from coop import demo

        demo.register("people", "members.demo.loaded_people", order=demo.PEOPLE)
        demo.register("outbox", "members.outbox.demo.send_queued", order=demo.SEND_QUEUED)
