"""The input of the golden export test: every path of placing and encoding in a few hundred rows.

Rows with coordinates and a known name (the exact check: same point as the gazetteer, another
point, swapped), names no gazetteer holds (each distinct), qualified names (``Paris, Texas``),
a demonym, a code, Arabic script, names only (ranked with the file's context), bad values of
every validated field, duplicate and derived ids, origins, casualty ranges, several sources,
extra columns. ``write_golden_input(path)`` writes it; the expected export beside it was made
by the code of commit 41fc976 (before the cheap exact check and the faster encoder).
"""

from __future__ import annotations

from pathlib import Path

HEADER = ("id,date,attacker,target,target_lat,target_lon,target_country,origin,origin_lat,"
          "origin_lon,killed,injured,claim,sources,notes,weapon,extra\n")

KNOWN = [("Aden", 12.77957, 45.03667), ("Sanaa", 15.35452, 44.20667),
         ("Erbil", 36.19117, 44.00917), ("Deir ez-Zor", 35.33588, 40.14084),
         ("Mosul", 36.335, 43.11889), ("Kirkuk", 35.46806, 44.39222),
         ("Beirut", 33.89332, 35.50157), ("Gaza", 31.50161, 34.46672)]
ODD_NAMES = ["Paris, Texas", "Kent, Ohio", "Syrian", "BGW", "ORBI", "حلب", "أربيل",
             "Sana'a", "Al-Hudaydah", "Gulf of Aden", "Erbil Governorate", "Springfield",
             "Georgia", "the Red Sea", "Mt. Hermon", "St. Petersburg", "Zzyzx Qwerty",
             "Site 12, near Aden", "  Mosul  ", "mosul", "MOSUL", "Ain al-Asad air base",
             "Camp 5", "Route 66", "Kilometre 101", "Tal Abyad", "Raqqa"]
BAD = [  # (id, date, target, lat, lon, killed, claim, sources)
    ("b1", "2024-02-30", "Aden", "12.7", "45.0", "1", "claimed", "https://a.org/1"),
    ("b2", "2024-02-03", "Aden", "95", "45.0", "1", "claimed", "https://a.org/2"),
    ("b3", "2024-02-03", "Aden", "12.7", "", "1", "claimed", "https://a.org/3"),
    ("b4", "2024-02-03", "", "", "", "1", "claimed", "https://a.org/4"),
    ("b5", "2024-02-03", "Aden", "12.7", "45.0", "-2", "claimed", "https://a.org/5"),
    ("b6", "2024-02-03", "Aden", "12.7", "45.0", "1", "claimd", "https://a.org/6"),
    ("b7", "2024-02-03", "Aden", "12.7", "45.0", "1", "claimed", "javascript:alert(1)"),
    ("b8", "2099-02-03", "Aden", "12.7", "45.0", "1", "claimed", "https://a.org/8"),
    ("b9", "", "Aden", "12.7", "45.0", "5-3", "claimed", "https://a.org/9"),
    ("b1", "2024-02-03", "Aden", "12.7", "45.0", "1", "claimed", "https://a.org/10"),
    ("", "2024-02", "Zzyzx Qwerty", "", "", "", "denied", ""),
    ("", "2024", "Nowhere Special Place", "", "", "2", "", ""),
    ("b12", "2024-02-01/2024-02-04", "Aden", "abc", "45", "1", "", ""),
    ("b13", "2024-02-01", "Aden", "45.03667", "12.77957", "1", "", ""),
]


def rows(quotes: bool = True) -> list[str]:
    """The CSV lines (header first); ``quotes=False`` leaves out the names with a comma, so
    that no cell is quoted (such a file takes the pyarrow reader)."""
    lines = [HEADER]
    for i in range(150):
        name, lat, lon = KNOWN[i % len(KNOWN)]
        kind = i % 6
        if kind == 1:  # another point near the place
            lat, lon = round(lat + 0.01 * (i % 7), 5), round(lon - 0.02 * (i % 5), 5)
        elif kind == 2:  # a name no gazetteer holds, distinct in every row
            name = f"Site {i} near {name}"
            lat, lon = round(-40 + i * 0.3, 5), round(100 - i * 0.7, 5)
        elif kind == 3:
            name = ODD_NAMES[i % len(ODD_NAMES)]
            if "," in name:
                name = f'"{name}"' if quotes else name.replace(",", "")
            lat, lon = round(10 + (i % 30), 5), round(30 + (i % 20), 5)
        elif kind == 4:  # swapped latitude and longitude
            lat, lon = lon, lat
            if abs(lat) > 90:
                lat, lon = lon, lat
        hint = ["", "YE", "IQ", "SY", "", "XX"][i % 6] if i % 4 == 0 else ""
        origin = ("", "", "") if i % 3 else ("Sanaa", "15.35452", "44.20667") if i % 2 \
            else ("Tehran", "", "")
        killed = ["0", "3", "2-5", "", "10"][i % 5]
        sources = (f"https://example.org/r/{i}" if i % 4 else
                   f"https://a.org/{i}; https://b.org/x?y={i}")
        notes = ["", "quoted \u201cword\u201d", "tab\there", "<b>bold</b>", "=1+2"][i % 5]
        lines.append(f"ev{i:04d},2024-{1 + i % 12:02d}-{1 + i % 28:02d},group {i % 9},{name},"
                     f"{lat},{lon},{hint},{origin[0]},{origin[1]},{origin[2]},{killed},"
                     f"{i % 3 or ''},{['claimed', 'unclaimed', 'denied', ''][i % 4]},"
                     f"{sources},{notes},{['', 'drone', 'missile'][i % 3]},x{i % 2}\n")
    for name in ["Aden", "Erbil", "Mosul", "Springfield", "Zzyzx Qwerty", "Sana'a", "حلب"]:
        lines.append(f"n-{name},2024-03-01,group 1,{name},,,,,,,1,,claimed,,,,\n")
    for bid, date, target, lat, lon, killed, claim, src in BAD:
        lines.append(f"{bid},{date},group 2,{target},{lat},{lon},,,,,{killed},,{claim},{src},,,\n")
    return lines


def write_golden_input(path: Path, quotes: bool = True) -> Path:
    """Write the input CSV to ``path`` (see :func:`rows`)."""
    path.write_text("".join(rows(quotes)), encoding="utf-8")
    return path
