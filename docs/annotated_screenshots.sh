#!/bin/sh
# The README's pictures of marked copies (审核标注副本): a Word report in LibreOffice Writer with its comments in
# the margin (Xvfb + ImageMagick's `import`; the copy's view zoom set to 62 % so two pages show), and a PDF as
# poppler draws it (pdftoppm; LibreOffice opens PDFs only with its Draw import, not installed here).
# Run from the worktree root: sh docs/annotated_screenshots.sh (PY=path/to/python to use another interpreter)
set -e
OUT=$(mktemp -d)
PYTHONPATH=$PWD ${PY:-.venv/bin/python} -m desktop check ../shared/corpus/v10_baima_zhen.docx ../shared/corpus/v02_chengguan_jd.pdf \
    --annotate "$OUT" >/dev/null || true
cp "$OUT"/白马镇*.docx "$OUT/marked.docx"
cp "$OUT"/城关街道*.pdf "$OUT/marked.pdf"
python3 - "$OUT" <<'PY'
import re, sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(f"{out}/marked.docx") as z, zipfile.ZipFile(f"{out}/view.docx", "w", zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        data = z.read(i)
        if i.filename == "word/settings.xml":
            s = re.sub(r"<w:zoom [^>]*/>", "", data.decode())
            data = re.sub(r"(<w:settings[^>]*>)", r'\1<w:zoom w:percent="62"/>', s, count=1).encode()
        o.writestr(i, data)
PY
mkdir -p "$OUT/profile/user"   # Writer's multi-page view, so that two pages show side by side
cat > "$OUT/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Layout/ViewLayout"><prop oor:name="Columns" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Layout/ViewLayout"><prop oor:name="BookMode" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
XCU
cat > "$OUT/shot.sh" <<SH
soffice --norestore --nologo -env:UserInstallation=file://$OUT/profile --writer "$OUT/view.docx" &
PID=\$!
sleep 25
import -window root "$OUT/gui.png"
kill \$PID
SH
xvfb-run -a -s "-screen 0 2200x1300x24" sh "$OUT/shot.sh"
convert "$OUT/gui.png" -crop 1300x760+120+105 +repage docs/annotated_docx.png
pdftoppm -r 70 -f 1 -l 2 -png "$OUT/marked.pdf" "$OUT/pp"
convert "$OUT/pp-1.png" "$OUT/pp-2.png" +append -resize 1300x docs/annotated_pdf.png
rm -rf "$OUT"
