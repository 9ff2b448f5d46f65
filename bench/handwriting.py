"""Synthetic scanned headers with a handwritten number and day, to measure how often
they are read, left blank, or read wrong (the error that must not happen).

Each sample is the top of an A4 page at 300 dpi: a printed header (Liberation
Serif, the metric twin of Times New Roman) whose Số and ngày slots are left
blank, then filled in a handwriting font in blue or black ink, at a random
size, slant and position, with grain. The digits and their fonts are random
but seeded, so a run is repeatable.

    .venv/bin/python bench/handwriting.py -n 40          # the table
    .venv/bin/python bench/handwriting.py -n 3 --save /tmp/hw   # look at the images
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Liberation 2 has the precomposed Vietnamese letters (Debian fonts-liberation2)
PRINT_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
PRINT_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
PRINT_ITALIC = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"
# Debian packages with handwriting fonts (installed by `make sysdeps`); the ones present are used.
HAND_FONTS = (
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/breip/Breip.ttf",
    "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "/usr/share/fonts/truetype/kristi/Kristi.ttf",
    "/usr/share/fonts/opentype/dancingscript/DancingScript-Bold.otf",
    "/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf",
    "/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf",
)
PT = 300 / 72  # pixels per point at 300 dpi


def hand_fonts() -> list[str]:
    return [f for f in HAND_FONTS if Path(f).is_file()]


@dataclass
class Sample:
    number: str
    day: int
    month: int
    year: int
    font: str
    image: object  # PIL image

    @property
    def date(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _centered(draw, text: str, font, cx: float, y: float) -> tuple[float, float]:
    x0, _, x1, _ = draw.textbbox((0, 0), text, font=font)
    x = cx - (x1 - x0) / 2
    draw.text((x, y), text, font=font, fill=0)
    return x, x + (x1 - x0)


def _handwrite(page, text: str, font_path: str, x: float, baseline: float, rng: random.Random) -> None:
    """Draw `text` in a handwriting font at (x, baseline), rotated, in pen ink."""
    from PIL import Image, ImageDraw, ImageFont

    size = rng.uniform(15, 22) * PT
    font = ImageFont.truetype(font_path, int(size))
    x0, y0, x1, y1 = font.getbbox(text)
    pad = int(size * 0.4)
    layer = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), 0)
    ImageDraw.Draw(layer).text((pad - x0, pad - y0), text, font=font, fill=255,
                               stroke_width=rng.choice((0, 0, 1, 2)), stroke_fill=255)
    layer = layer.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, expand=True)
    ink = rng.choice(((20, 40, 150), (30, 30, 40), (40, 60, 170)))
    colour = Image.new("RGB", layer.size, ink)
    top = int(baseline - layer.height + pad + rng.uniform(-0.15, 0.25) * size)
    page.paste(colour, (int(x), top), layer)


def make_sample(rng: random.Random, fonts: list[str]) -> Sample:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    number = str(rng.choice((rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999))))
    year = rng.choice((2024, 2025, 2026))
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    font_path = rng.choice(fonts)
    w, h = 2480, 1100
    page = Image.new("RGB", (w, h), (250, 249, 246))
    d = ImageDraw.Draw(page)
    f13 = ImageFont.truetype(PRINT_FONT, int(13 * PT))
    b13 = ImageFont.truetype(PRINT_BOLD, int(13 * PT))
    b14 = ImageFont.truetype(PRINT_BOLD, int(14 * PT))
    i14 = ImageFont.truetype(PRINT_ITALIC, int(14 * PT))
    lx, rx = 620, 1580
    _centered(d, "ỦY BAN NHÂN DÂN", b13, lx, 180)
    _centered(d, "TỈNH QUẢNG NGÃI", b13, lx, 245)
    _centered(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b13, rx, 180)
    _centered(d, "Độc lập - Tự do - Hạnh phúc", b14, rx, 245)
    # Số:            /QĐ-UBND  -- a blank of ~1 inch left for the number
    so_x0, _ = _centered(d, "Số:" + " " * 26 + "/QĐ-UBND", f13, lx, 380)
    gap_x = so_x0 + d.textlength("Số: ", font=f13)
    place = "Quảng Ngãi, ngày"
    date_line = f"{place}" + " " * 14 + f"tháng {month:02d} năm {year}"
    dx0, _ = _centered(d, date_line, i14, rx, 380)
    day_x = dx0 + d.textlength(place + " ", font=i14)
    _centered(d, "QUYẾT ĐỊNH", b14, 1240, 560)
    _centered(d, "Về việc phê duyệt kế hoạch cải cách hành chính năm " + str(year), b13, 1240, 630)
    _centered(d, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", b13, 1240, 780)
    d.text((300, 900), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", font=f13, fill=0)
    baseline = 380 + 13 * PT * 0.9
    _handwrite(page, number, font_path, gap_x + rng.uniform(10, 50), baseline, rng)
    _handwrite(page, str(day), font_path, day_x + rng.uniform(5, 30), baseline, rng)
    # scanner grain and a little blur
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    px = page.load()
    for _ in range(3000):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = (90, 90, 90)
    return Sample(number, day, month, year, Path(font_path).stem, page)


KY_HIEU = "/QĐ-UBND"


def read_sample(sample: Sample, folder: Path, i: int) -> tuple[str, str]:
    """The outcome for the number and for the day: 'ok', 'blank' (left blank, the rest
    of the code or date kept), 'missed' (no code at all) or 'wrong' (any other value:
    a wrong digit, or handwriting read into the ký hiệu)."""
    from pipeline.extract import extract_file

    path = folder / f"hw{i:03d}.png"
    sample.image.save(path)
    record = extract_file(path)
    code, date = record.code, record.date
    if code is None:
        number = "missed"
    else:
        number = {sample.number + KY_HIEU: "ok", KY_HIEU: "blank"}.get(code, "wrong")
    day = "ok" if date == sample.date else ("blank" if date is None else "wrong")
    return number, day


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=30, help="samples (default 30)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--save", type=Path, help="keep the images here")
    ap.add_argument("-v", action="store_true", help="one line per sample")
    args = ap.parse_args(argv)
    fonts = hand_fonts()
    if not fonts:
        print("handwriting benchmark skipped: no handwriting font installed (make sysdeps)")
        return 0
    rng = random.Random(args.seed)
    folder = args.save or Path(tempfile.mkdtemp(prefix="congvan-hw-"))
    folder.mkdir(parents=True, exist_ok=True)
    counts = {slot: {"ok": 0, "blank": 0, "missed": 0, "wrong": 0} for slot in ("number", "day")}
    start = time.perf_counter()
    for i in range(args.n):
        sample = make_sample(rng, fonts)
        number, day = read_sample(sample, folder, i)
        counts["number"][number] += 1
        counts["day"][day] += 1
        if args.v:
            print(f"  {i:3d} {sample.font:24s} number {sample.number:>5s} {number:5s} day {sample.day:2d} {day}",
                  flush=True)
    took = time.perf_counter() - start
    print(f"handwritten number and day on synthetic scanned headers ({args.n} samples, "
          f"{len(fonts)} fonts, {took / max(args.n, 1):.1f} s/sample)")
    print("  slot      read right   left blank   no Số line   read wrong")
    for slot, c in counts.items():
        n = max(sum(c.values()), 1)
        print(f"  {slot:8s}  {c['ok'] / n:10.2f}   {c['blank'] / n:10.2f}   {c['missed'] / n:10.2f}"
              f"   {c['wrong'] / n:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
