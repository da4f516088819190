"""The "Wie doet wat / Who does what" tab: the directory as a searchable table, a picture of the
network (people -> bodies -> plans, coloured by level) and the cited source of a chosen row.

Built inside the caller's `gr.Blocks` (app/chat.py mounts it as the second tab). The picture is
drawn on the server with networkx and matplotlib, so it works offline; the search is the same
fuzzy, bilingual filter as `wiedoetwat who`.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from typing import Any

import gradio as gr

from app.who import describe, filter_entries, level_label
from engine.strings import t
from ingest.directory import Entry, load_directory
from ingest.settings import Settings

LEVEL_COLOURS = {
    "federal": "#c0392b",
    "flemish": "#d4a017",
    "european": "#1f5fbf",
    "walloon": "#8e44ad",
    "brussels": "#16a085",
    "research": "#2e8b57",
}
_OTHER_COLOUR = "#7f8c8d"
_PLAN_RELATIONS = frozenset({"mandate", "leads"})
_MAX_ROWS_DRAWN = 160  # a readable picture: beyond this, only people and their bodies


def entries_from_settings(settings: Settings) -> Callable[[], list[Entry]]:
    """A loader for the directory of the index that `settings` names ([] when there is none)."""

    def load() -> list[Entry]:
        from ingest.errors import IngestError
        from ingest.index import Store

        try:
            return load_directory(Store(settings, create=False))
        except IngestError:
            return []

    return load


def table_rows(entries: list[Entry], lang: str) -> list[list[str]]:
    return [
        [
            e.person or "",
            describe(e, lang) if not e.person else e.role,
            e.body,
            level_label(e.level, lang),
            e.relation.replace("_", " "),
            e.target or "",
        ]
        for e in entries
    ]


def headers(lang: str) -> list[str]:
    keys = ("person", "role", "body", "level", "relation", "target")
    return [t(f"dir_col_{k}", lang) for k in keys]


def source_html(entry: Entry | None, lang: str) -> str:
    """The cited source(s) of one entry: quote, section, document link and official links."""
    if entry is None:
        return f"<div class='wdw-dir-hint'>{html.escape(t('dir_pick', lang))}</div>"
    esc = html.escape
    head = esc(describe(entry, lang)) + " · " + esc(entry.body)
    parts = [f"<div class='wdw-dir-entry'><strong>{head}</strong>"]
    for c in entry.citations:
        url = str(c.get("url") or "")
        title = esc(str(c.get("title") or url))
        doc = f"<a href='{esc(url, quote=True)}' target='_blank' rel='noopener'>{title}</a>"
        links = "".join(
            f"<li><a href='{esc(lk['url'], quote=True)}' target='_blank' rel='noopener'>"
            f"{esc(lk['text'])}</a></li>"
            for lk in c.get("links") or []
        )
        parts.append(
            "<div class='wdw-dir-cite'>"
            f"<blockquote class='wdw-dir-quote'>[{c['n']}] {esc(str(c['quote']))}</blockquote>"
            f"<div>{esc(t('section', lang))}: {esc(str(c.get('section', '')))}</div>"
            f"<div>{esc(t('source_doc', lang))}: {doc}"
            + (f" ({esc(str(c['date']))})" if c.get("date") else "")
            + "</div>"
            + (f"<div>{esc(t('links', lang))}:</div><ul>{links}</ul>" if links else "")
            + "</div>"
        )
    parts.append("</div>")
    return "".join(parts)


def network_png(entries: list[Entry], lang: str = "en") -> bytes:
    """People -> bodies -> plans, coloured by level, as a PNG drawn here (no browser library)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    g = nx.DiGraph()
    level_of: dict[str, str] = {}
    drawn = entries if len(entries) <= _MAX_ROWS_DRAWN else [e for e in entries if e.person]
    for e in drawn:
        level_of.setdefault(e.body, e.level)
        g.add_node(e.body, layer=1)
        if e.person:
            g.add_node(e.person, layer=0)
            level_of[e.person] = e.level
            g.add_edge(e.person, e.body)
        elif e.target:
            layer = 2 if e.relation in _PLAN_RELATIONS else 1
            if e.target not in g:
                g.add_node(e.target, layer=layer)
            level_of.setdefault(e.target, e.level)
            g.add_edge(e.body, e.target)
    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    ax.set_axis_off()
    if g.number_of_nodes():
        pos = nx.multipartite_layout(g, subset_key="layer", align="vertical", scale=1.0)
        colours = [LEVEL_COLOURS.get(level_of.get(n, ""), _OTHER_COLOUR) for n in g.nodes]
        shapes = {0: "o", 1: "s", 2: "D"}
        for layer, shape in shapes.items():
            nodes = [n for n, d in g.nodes(data=True) if d["layer"] == layer]
            nx.draw_networkx_nodes(
                g,
                pos,
                nodelist=nodes,
                node_shape=shape,
                node_size=140,
                node_color=[colours[list(g.nodes).index(n)] for n in nodes],
                ax=ax,
            )
        nx.draw_networkx_edges(g, pos, ax=ax, alpha=0.35, arrowsize=8, width=0.8)
        labels = {n: (n if len(n) <= 34 else n[:32] + "…") for n in g.nodes}
        nx.draw_networkx_labels(g, pos, labels=labels, font_size=7, ax=ax)
        handles = [
            Line2D([0], [0], marker="o", linestyle="", color=c, label=level_label(lv, lang))
            for lv, c in LEVEL_COLOURS.items()
            if lv in set(level_of.values())
        ]
        ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _image(png: bytes) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(png))


def build_directory_tab(load: Callable[[], list[Entry]], lang: str = "en") -> dict[str, Any]:
    """Build the tab's content inside the caller's `gr.Blocks` / `gr.Tab`.

    `load` returns the directory's entries; it is called when the page opens and on each
    search, so a tab built before the index exists fills in once it does. Returns the
    components (search, table, picture, source), for the caller to wire further if it wants.
    """
    with gr.Column(elem_id="wdw-dir"):
        search = gr.Textbox(
            label=t("dir_search", lang),
            placeholder=t("dir_search_placeholder", lang),
            elem_id="wdw-dir-search",
            max_lines=1,
        )
        with gr.Row(equal_height=False, elem_id="wdw-dir-main"):
            with gr.Column(scale=3, min_width=320):
                table = gr.Dataframe(
                    headers=headers(lang),
                    value=[],
                    interactive=False,
                    wrap=True,
                    label=t("dir_table", lang),
                    elem_id="wdw-dir-table",
                    max_height=520,
                )
            with gr.Column(scale=2, min_width=300):
                source = gr.HTML(source_html(None, lang), elem_id="wdw-dir-source")
        picture = gr.Image(
            label=t("dir_picture", lang),
            type="pil",
            interactive=False,
            elem_id="wdw-dir-graph",
            format="png",
        )
        shown = gr.State([])

    def refresh(query: str | None) -> tuple[Any, Any, list[Entry], str]:
        found = filter_entries(load(), query)
        return (
            gr.update(value=table_rows(found, lang), headers=headers(lang)),
            _image(network_png(found, lang)),
            found,
            source_html(None, lang),
        )

    def pick(found: list[Entry], evt: gr.SelectData) -> str:
        row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        if not isinstance(row, int) or not 0 <= row < len(found):
            return source_html(None, lang)
        return source_html(found[row], lang)

    private: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
    outputs = [table, picture, shown, source]
    search.change(refresh, search, outputs, **private)
    table.select(pick, shown, source, **private)
    root = gr.context.Context.root_block
    if root is not None:
        root.load(refresh, search, outputs, **private)
    return {"search": search, "table": table, "picture": picture, "source": source}
