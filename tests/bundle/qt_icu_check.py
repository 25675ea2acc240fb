"""What Qt asks of ICU in this program's reach, printed as pickled values: run with Qt's own ICU
data and with the bundle's cut-down copy (tests/bundle/test_native_stubs.py), the two must agree
(collation, case mapping, time-zone names, the Chinese and Windows converters)."""
import itertools
import pickle
import sys

from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone

NAMES = ["张三", "李四", "王五", "阿里", "赵六", "钱七", "孙八", "周九", "吴十", "郑", "B站", "a站", "Émile", "zeta",
         "10号", "9号", "青山镇人民政府", "青山县", "长安", "重庆", "厦门"]
out: dict[str, object] = {}
for name in ("zh_CN", "zh_TW", "en_US", "en_GB", "C"):
    loc = QLocale(name)
    c = QCollator(loc)
    out[f"sort_{name}"] = sorted(NAMES, key=c.sortKey)
    c.setNumericMode(True)
    out[f"numeric_{name}"] = [c.compare(a, b) for a, b in itertools.pairwise(NAMES)]
    out[f"case_{name}"] = (loc.toUpper("straße ǆ ﬁ"), loc.toLower("İSTANBUL ΣΑΣ"))
tz = QTimeZone(b"Asia/Shanghai")
now = QDateTime.fromSecsSinceEpoch(1735689600)
for name in ("zh_CN", "en_US"):
    for kind in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName, QTimeZone.NameType.OffsetName):
        out[f"tz_{name}_{kind.name}"] = tz.displayName(now, kind, QLocale(name))
out["tz_offset"] = tz.offsetFromUtc(now)
for enc in ("GB18030", "GBK", "GB2312", "Big5", "windows-1252", "windows-1251"):
    out[f"converter_{enc}"] = QStringDecoder(enc).isValid()
sys.stdout.buffer.write(pickle.dumps(out))
