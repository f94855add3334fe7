"""The impact walk as a server-rendered SVG: one column per depth, a box per organization, links on each box.

Columns hold at most ``PER_LAYER`` boxes unless the reader asks for all; the last box of a longer
column says how many more there are and links to the full picture.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

PER_LAYER = 10
BOX_W, BOX_H, GAP_X, GAP_Y, TOP = 170, 30, 60, 12, 34


def layered_picture(source: str, depths: dict[str, int], *, more_url: str, show_all: bool = False) -> SafeString:
    """An SVG of the source (depth 0) and each consumer at its depth, arrows from one column to the next."""
    layers: dict[int, list[str]] = {}
    for name, depth in sorted(depths.items(), key=lambda item: (item[1], item[0])):
        layers.setdefault(depth, []).append(name)
    columns = [[(source, None)]] + [[(n, reverse('ui:organizations-detail', args=[n])) for n in layers[d]]
                                    for d in sorted(layers)]
    shown_columns = []
    for column in columns:
        if not show_all and len(column) > PER_LAYER:
            more = len(column) - PER_LAYER + 1
            column = column[:PER_LAYER - 1] + [(f'+ {more} more…', more_url)]
        shown_columns.append(column)
    height = TOP + max(len(c) for c in shown_columns) * (BOX_H + GAP_Y) + 10
    width = len(shown_columns) * (BOX_W + GAP_X)
    parts = []
    for index, column in enumerate(shown_columns):
        x = index * (BOX_W + GAP_X) + 10
        heading = 'source' if index == 0 else f'depth {index}'
        parts.append(format_html('<text class="depth" x="{}" y="18">{}</text>', x, heading))
        if index:
            mid = TOP + BOX_H // 2
            parts.append(format_html('<path class="edge" d="M{} {} H{}" marker-end="url(#arrow)"/>',
                                     x - GAP_X + 4, mid, x - 4))
        for row, (label, url) in enumerate(column):
            y = TOP + row * (BOX_H + GAP_Y)
            box = format_html(
                '<g class="node{}"><rect x="{}" y="{}" width="{}" height="{}" rx="4"/>'
                '<text x="{}" y="{}">{}</text></g>',
                ' source' if index == 0 else '', x, y, BOX_W, BOX_H, x + 8, y + 19, label[:24])
            parts.append(format_html('<a href="{}">{}</a>', url, box) if url else box)
    marker = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
              'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#98a2b3"/></marker></defs>')
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="The organizations affected, by depth">{}{}</svg>',
        width, height, width, height, SafeString(marker), format_html_join('', '{}', ((p,) for p in parts)))
