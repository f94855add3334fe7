"""Names for the records the verbs create: readable slugs, unique per kind.

A record made through the API or the CLI needs a name like one written in a file; unless the caller gives one,
it is made from what the record is about (``ben-standard-checking-direct-deposit-20250325-060000``), with a
counter when that is taken.
"""

import datetime
import re

from django.db import models

MAX = 100


def slug(*parts: str) -> str:
    text = '-'.join(part for part in parts if part)
    return re.sub(r'-+', '-', re.sub(r'[^a-z0-9-]', '-', text.lower())).strip('-')[:MAX - 6].rstrip('-')


def stamp(instant: datetime.datetime) -> str:
    return instant.astimezone(datetime.UTC).strftime('%Y%m%d-%H%M%S')


def free_names(model: type[models.Model], stems: list[str]) -> list[str]:
    """One unused name per stem, in order: the stem itself, else the stem with the first free counter."""
    taken = set(model.objects.filter(name__in=set(stems)).values_list('name', flat=True))
    names = []
    for stem in stems:
        name = stem
        if name in taken:
            used = set(model.objects.filter(name__startswith=f'{stem}-').values_list('name', flat=True)) | taken
            name = next(f'{stem}-{n}' for n in range(2, 10**6) if f'{stem}-{n}' not in used)
        taken.add(name)
        names.append(name)
    return names


def free_name(model: type[models.Model], *parts: str) -> str:
    return free_names(model, [slug(*parts)])[0]
