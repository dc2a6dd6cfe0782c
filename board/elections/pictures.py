"""Pictures a candidate can choose instead of a photo, and the checks on an uploaded photo.

A photo is accepted by its name, its size, the first bytes of the file, which say what
kind of file it really is, and the picture's size in pixels read from its header (the
picture itself is never decoded).
"""

from django.core.files.uploadedfile import UploadedFile

from coop.errors import CoopError
from coop.images import TOO_MANY_PIXELS, image_too_large

# Static path -> the words that say what the picture shows (its text alternative).
CANDIDATE_PICTURES: dict[str, str] = {
    "board/pictures/star.svg": "A yellow star",
    "board/pictures/sun.svg": "A shining sun",
    "board/pictures/flower.svg": "A pink flower",
    "board/pictures/tree.svg": "A green tree",
    "board/pictures/house.svg": "A house",
    "board/pictures/music.svg": "Music notes",
    "board/pictures/bus.svg": "A red bus",
    "board/pictures/cup.svg": "A cup of tea",
    "coop/pictures/kind.svg": "A red heart",
    "coop/pictures/people.svg": "A group of people together",
}

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Extension -> (content type, how the file starts)
PHOTO_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "webp": ("image/webp", (b"RIFF",)),
}


def photo_extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def photo_content_type(name: str) -> str:
    return PHOTO_TYPES.get(photo_extension(name), ("application/octet-stream", ()))[0]


def photo_check(photo: UploadedFile) -> None:
    """Raise CoopError unless this is a JPEG, PNG or WebP photo of at most 5 MB."""
    extension = photo_extension(photo.name or "")
    if extension not in PHOTO_TYPES:
        raise CoopError("Please choose a photo that is a JPG, PNG or WEBP file.")
    if photo.size is None or photo.size == 0:
        raise CoopError("This photo file is empty. Please choose another one.")
    if photo.size > PHOTO_MAX_BYTES:
        raise CoopError("This photo is too big. Please choose a photo under 5 MB.")
    photo.seek(0)
    head = photo.read(12)
    photo.seek(0)
    _, starts = PHOTO_TYPES[extension]
    is_webp = extension == "webp" and head[8:12] == b"WEBP"
    if not any(head.startswith(start) for start in starts) or (extension == "webp" and not is_webp):
        raise CoopError("This file is not a photo we can show. Please choose a JPG or PNG.")
    if image_too_large(photo):
        raise CoopError(TOO_MANY_PIXELS, code="too_many_pixels")
