"""The three saved easy-read templates organisers write to a group with. Administrators
change them (or add more) in the admin."""

from django.db import migrations

TEMPLATES = [
    {
        "slug": "meeting-point",
        "name": "Change of meeting point",
        "description": "We meet somewhere new for an activity.",
        "subject": "New meeting point: {activity}",
        "lines": "\n".join(
            [
                "We will meet somewhere new for {activity}.",
                "It is on {date} at {time}.",
                "Please meet us here: {new_meeting_point}.",
                "We will not meet at {meeting_point}.",
                "{note}",
            ]
        ),
    },
    {
        "slug": "activity-cancelled",
        "name": "Activity cancelled",
        "description": (
            "An activity is off. To cancel bookings and give fees back, "
            "use Cancel the activity."
        ),
        "subject": "Cancelled: {activity}",
        "lines": "\n".join(
            [
                "We are sorry.",
                "{activity} on {date} is cancelled.",
                "{note}",
                "We hope to see you at another activity soon.",
            ]
        ),
    },
    {
        "slug": "weather",
        "name": "Weather",
        "description": "The weather may be bad for an activity.",
        "subject": "The weather for {activity}",
        "lines": "\n".join(
            [
                "The weather may be bad for {activity} on {date}.",
                "{note}",
                "Please wear clothes for the weather.",
                "If you are not sure, call us.",
            ]
        ),
    },
]


def add_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("events", "MessageTemplate")
    for fields in TEMPLATES:
        MessageTemplate.objects.update_or_create(slug=fields["slug"], defaults=fields)


def remove_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("events", "MessageTemplate")
    MessageTemplate.objects.filter(
        slug__in=[t["slug"] for t in TEMPLATES], group_messages__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_group_messages"),
    ]

    operations = [migrations.RunPython(add_templates, remove_templates)]
