"""The press's inks: a print-ready target's colours restated in CMYK through the press profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageCms

from briefpress.errors import SetupError
from briefpress.render.inks import FALLBACK_PRESS_PROFILE, press, press_profile_path
from briefpress.render.qr import qr_svg
from briefpress.render.styles import parse

pytestmark = pytest.mark.skipif(not FALLBACK_PRESS_PROFILE.is_file(), reason="Ghostscript's CMYK profile")


@pytest.fixture(scope="module")
def inks():
    return press(FALLBACK_PRESS_PROFILE.read_bytes())


def restated(inks, css: str) -> str:
    return inks.restated(parse(Path("test.css"), css).declarations)


def test_greys_print_in_black_ink_alone_darker_with_more_ink(inks):
    light, mid, dark = (inks.cmyk(v, v, v) for v in (0.8, 0.5, 0.1))
    for grey in (light, mid, dark):
        assert grey[:3] == (0, 0, 0)
    assert light[3] < mid[3] < dark[3]
    assert inks.cmyk(0, 0, 0) == (0, 0, 0, 1)
    assert inks.cmyk(1, 1, 1) == (0, 0, 0, 0)


def test_a_dark_near_grey_prints_in_black_ink_a_colour_in_process_inks(inks):
    assert inks.cmyk(0x20 / 255, 0x26 / 255, 0x2E / 255)[:3] == (0, 0, 0)  # slate text: chroma under 10
    cyan, magenta, yellow, _ = inks.cmyk(0x1F / 255, 0x3A / 255, 0x5F / 255)  # navy
    assert cyan > magenta > yellow > 0
    cyan, magenta, yellow, _ = inks.cmyk(0x8C / 255, 0x1C / 255, 0x13 / 255)  # brick red
    assert magenta > cyan
    assert yellow > cyan


def test_the_press_reads_its_inks_back_near_the_colour_asked_for(inks):
    red, green, blue = inks.srgb(*inks.cmyk(0x0B / 255, 0x7A / 255, 0x75 / 255))
    assert (red, green, blue) == pytest.approx((0x0B / 255, 0x7A / 255, 0x75 / 255), abs=0.08)


def test_every_colour_is_restated_with_its_selector_and_nothing_else(inks):
    css = restated(
        inks,
        ":root { --color-text: #1c1c1c; --gap: 3mm; --font-body: Red Sans; }\n"
        ".card { border: 1pt solid navy; background: rgba(255, 0, 0, 0.5); width: calc(var(--gap) * 2); }\n"
        "@page :first { @top-left { color: white; content: 'Red'; } }\n"
        ".band { background-image: linear-gradient(#ffffff, hsl(0 0% 0%)); color: var(--color-text); }\n",
    )
    rules = css.splitlines()
    assert rules[0] == ":root { --color-text: device-cmyk(0 0 0 1); }"
    assert rules[1].startswith(".card { border: 1pt solid device-cmyk(")
    assert rules[2].startswith(".card { background: device-cmyk(")
    assert rules[2].endswith(" / 0.5); }")
    assert rules[3] == "@page :first { @top-left { color: device-cmyk(0 0 0 0); } }"
    assert rules[4] == ".band { background-image: linear-gradient(device-cmyk(0 0 0 0), device-cmyk(0 0 0 1)); }"
    assert len(rules) == 5  # no gap, font, calc, content or var() restated
    assert "Red" not in css


def test_the_qr_code_is_drawn_in_the_colour_given_even_cmyk():
    svg = qr_svg("https://example.org", "QR", "device-cmyk(0 0 0 1)")
    assert 'fill="none" stroke="device-cmyk(0 0 0 1)"' in svg
    assert "#010203" not in svg


def test_a_press_profile_that_is_not_a_cmyk_icc_profile_is_refused_naming_its_file(tmp_path):
    path = tmp_path / "press.icc"
    path.write_bytes(b"not a profile")
    with pytest.raises(SetupError, match=r"press\.icc: not an ICC colour profile"):
        press_profile_path([tmp_path])
    path.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(SetupError, match=r"press\.icc: an RGB colour profile; .* CMYK"):
        press_profile_path([tmp_path])
    path.write_bytes(FALLBACK_PRESS_PROFILE.read_bytes())
    assert press_profile_path([tmp_path]) == path
