"""Opening a DOCX for reading without python-docx's `Document()`.

`Document()` parses every XML part into python-docx's element classes, and each element
the reader then touches gets a proxy of those classes: for a 6.8 MB `document.xml` (a
1,393-row table) that is most of the reading time. Here python-docx's own package reader
walks the ZIP and its relationships (so a broken package fails exactly as it did), then:

- every part python-docx would parse is parsed with the same parser options (a part
  that is not well-formed makes `Document()` fail, so it makes this fail too), the main
  document with plain lxml, whose elements the reader walks;
- the styles part alone is parsed into python-docx's classes and wrapped in its `Styles`,
  so a paragraph style's boldness is looked up by python-docx itself (once per distinct
  styles part and style id in a process: the documents of one template share the answers);
- the first section's page width and left margin are read by python-docx from a copy
  of that one `w:sectPr`.

Whatever this path does not read the way python-docx would (a missing relationship, a
second styles part, a value python-docx rejects) raises, and the reader falls back to
`Document()`, which gives exactly what it always gave.
"""
from __future__ import annotations

import io
from collections.abc import Callable

from lxml import etree

from pipeline.readers.docx_text import W, Unusual, fast_bold
from schemas.document import Line

# python-docx's parser options (docx.oxml.parser.oxml_parser) without its element classes
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_SECTIONS = "./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr"     # python-docx's CT_Document.sectPr_lst
_NS = {"w": W[1:-1]}


def fast_lines(data: bytes, style_bold_of: Callable[[Callable[[], object], dict[str | None, bool | None]],
                                                   Callable[[str | None], bool | None]]) -> list[Line]:
    """All lines of the DOCX in `data`, as `docx_lines(Document(data))` gives them; raises
    (anything) where python-docx would fail or read differently. `style_bold_of(styles, cache)`
    is pipeline.readers.docx.style_bold_of."""
    import docx  # noqa: F401 - registers python-docx's part classes with its PartFactory
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import PartFactory, XmlPart
    from docx.opc.pkgreader import PackageReader
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart
    from docx.section import Section
    from docx.styles.styles import Styles

    from pipeline.readers.docx import A4_WIDTH, LEFT_MARGIN, walk_lines

    package = PackageReader.from_file(io.BytesIO(data))
    rels: dict[str, dict] = {}              # source partname -> {rId: srel}, the last one of an rId kept
    for source, srel in package.iter_srels():
        rels.setdefault(str(source), {})[srel.rId] = srel
    office = [r for r in rels.get("/", {}).values() if r.reltype == RT.OFFICE_DOCUMENT]
    if len(office) != 1 or office[0].is_external:
        raise Unusual("no single main document part")
    main = str(office[0].target_partname)
    style_rels = [r for r in rels.get(main, {}).values() if r.reltype == RT.STYLES]
    if len(style_rels) > 1 or (style_rels and style_rels[0].is_external):
        raise Unusual("styles python-docx cannot pick")
    styles_name = str(style_rels[0].target_partname) if style_rels else None

    root = styles_blob = styles_el = None
    selector = PartFactory.part_class_selector
    for partname, content_type, reltype, blob in package.iter_sparts():
        cls = (selector(content_type, reltype) if selector else None) or PartFactory._part_cls_for(content_type)
        name = str(partname)
        if name == main:
            if content_type != CT.WML_DOCUMENT_MAIN:
                raise Unusual("not a Word document part")
            root = etree.fromstring(blob, _PARSER)
        elif name == styles_name:
            if content_type != CT.WML_STYLES:
                raise Unusual("styles relationship to another kind of part")
            if blob not in _STYLES:                 # bytes parsed before are well-formed
                styles_el = parse_xml(blob)        # Document() parses it: a damaged one fails it
            styles_blob = blob
        elif issubclass(cls, XmlPart):
            etree.fromstring(blob, _PARSER)        # Document() parses it: a damaged one fails it
    if root is None or root.tag != f"{W}document" or (styles_name is not None and styles_blob is None):
        raise Unusual("unexpected package")

    made: list[object] = []

    def styles() -> object:
        # python-docx gives a document without a styles part its default styles
        if not made:
            el = styles_el if styles_el is not None else parse_xml(
                styles_blob if styles_blob is not None else StylesPart._default_styles_xml())
            made.append(Styles(el))
        return made[0]

    found = root.xpath(_SECTIONS, namespaces=_NS)
    page_w, margin_l = A4_WIDTH, LEFT_MARGIN
    if found:
        section = Section(parse_xml(etree.tostring(found[0])), None)  # type: ignore[arg-type]
        page_w = float(section.page_width or A4_WIDTH)
        margin_l = float(section.left_margin or LEFT_MARGIN)
    body = root.find(f"{W}body")
    if body is None:
        raise Unusual("no body")
    return walk_lines(body, fast_bold(style_bold_of(styles, _styles_cache(styles_blob))), page_w, margin_l)


# A paragraph style's boldness is a function of the styles part's bytes alone, and the
# documents of one office share them (one template): parsing the part into python-docx's
# classes and walking it for each style id was ~1 ms of a 5 ms dispatch. Kept per process,
# for the last few distinct parts (b"" stands for "no styles part": python-docx's defaults).
_STYLES: dict[bytes, dict[str | None, bool | None]] = {}
_STYLES_KEPT = 16
_STYLES_MAX_BYTES = 1_000_000       # a bigger part is not kept (a template is 20-300 KB)


def _styles_cache(blob: bytes | None) -> dict[str | None, bool | None]:
    key = b"" if blob is None else blob
    if len(key) > _STYLES_MAX_BYTES:
        return {}
    cache = _STYLES.pop(key, None)
    if cache is None:
        cache = {}
        while len(_STYLES) >= _STYLES_KEPT:
            del _STYLES[next(iter(_STYLES))]      # the least recently used
    _STYLES[key] = cache
    return cache
