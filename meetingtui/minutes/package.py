"""The .docx package as written: what python-docx's template leaves behind taken out, and
the same bytes for the same referat.

python-docx saves a zip whose members carry the clock's time, and its template brings
parts that say untrue things about the referat: `docProps/app.xml` claims "Microsoft
Macintosh Word" with 1 page and 0 words, `docProps/thumbnail.jpeg` is a picture of an
empty page, `customXml/item1.xml` is an empty bibliography and `stylesWithEffects.xml` a
second, stale copy of the blue styles. `finish` drops those (a body's template keeps its
own, except its thumbnail, which shows the template, not this referat), writes an
app.xml that names meetingtui, and rewrites the zip with every member dated
ZIP_DATE, in the order python-docx wrote them: the same minutes give the same bytes.
The document's own dates are in core.xml, set from the record (word.py).
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO

from lxml import etree  # type: ignore[import-untyped]  # python-docx brings it

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no clock in the file
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>meetingtui</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def finish(data: bytes, from_template: bool) -> bytes:
    """The package without the leftovers, with meetingtui's app.xml and fixed zip dates."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    dropped = _leftovers(members, from_template)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            if name in dropped:
                continue
            if name == "docProps/app.xml":
                content = APP_XML.encode()
            elif name.endswith(".rels"):
                content = _without_targets(name, content, dropped)
            elif name == "[Content_Types].xml":
                content = _without_overrides(content, dropped)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()


def _leftovers(members: dict[str, bytes], from_template: bool) -> set[str]:
    dropped = {name for name in members if name.startswith("docProps/thumbnail")}
    for name, content in members.items():
        if name.startswith("customXml/item") and b"officeDocument/2006/bibliography" in content:
            number = name.removeprefix("customXml/item").removesuffix(".xml")
            if number.isdigit():
                dropped |= {
                    name,
                    f"customXml/_rels/item{number}.xml.rels",
                    f"customXml/itemProps{number}.xml",
                }
    if not from_template:
        dropped.add("word/stylesWithEffects.xml")
    return dropped & set(members)


def _without_targets(name: str, content: bytes, dropped: set[str]) -> bytes:
    """A relationships part without the relationships to dropped parts (and thumbnails)."""
    root = etree.fromstring(content)
    folder = posixpath.dirname(posixpath.dirname(name))  # 'word/_rels/x.rels' -> 'word'
    changed = False
    for rel in list(root):
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        if target.lstrip("/") in dropped or rel.get("Type") == THUMBNAIL:
            root.remove(rel)
            changed = True
    if not changed:
        return content
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_overrides(content: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(content)
    for override in root.findall(f"{{{TYPES}}}Override"):
        if override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
