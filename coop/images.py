"""Uploaded pictures are refused by their size in pixels before anything decodes them.

A small file can hold a huge picture: a 420 KB PNG of 12,000 x 12,000 pixels takes over
a gigabyte once decoded. ``Image.open`` only reads the file's header, which says how big
the picture is, so the check costs next to nothing and nothing large is ever decoded.
Pillow's own guard (``Image.MAX_IMAGE_PIXELS``, set at start-up in ``CoopConfig``) stays
as a second line: it refuses anything over twice this size wherever Pillow opens it.
"""

from __future__ import annotations

import io
import warnings
from typing import IO

from django import forms
from PIL import Image, UnidentifiedImageError

# 40 megapixels: more than any phone camera takes (most take 12), far less than a bomb.
MAX_PIXELS = 40_000_000
TOO_MANY_PIXELS = (
    "This picture is too big to use: it has more than 40 million dots (pixels). "
    "Please choose a smaller copy, such as one made for sending by email."
)


def image_too_large(file: bytes | IO[bytes]) -> bool:
    """Whether the picture's header says it has more than MAX_PIXELS, reading only the
    header. A file that is not a picture Pillow knows is not too large: the caller's own
    check of the file type refuses it. The file is left where it was."""
    stream = io.BytesIO(file) if isinstance(file, bytes) else file
    position = stream.tell()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        stream.seek(position)
    return width * height > MAX_PIXELS


class PhotoField(forms.ImageField):
    """Django's ``ImageField``, refusing a picture with too many pixels before Django's
    own check opens it."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read") and image_too_large(data):
            raise forms.ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
        return super().to_python(data)
