from pathlib import Path

import pytest

from scraper.profiles import ProfileError, load_profile, load_profiles, parse_profile

VALID = """
key = "demo"
name = "Công an tỉnh Demo"
base_url = "https://congan.demo.gov.vn"
platform = "nukeviet"
start_paths = ["/tin-tuc/"]
"""


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_profiles_are_valid():
    profiles = load_profiles()
    assert {"hungyen", "laichau"} <= set(profiles)
    assert profiles["hungyen"].platform == "portal"
    assert profiles["laichau"].platform == "nukeviet"
    assert profiles["hungyen"].name == "Công an tỉnh Hưng Yên"


def test_per_site_settings_are_read():
    assert load_profile("hungyen").settings["DOWNLOADER_CLIENT_TLS_CIPHERS"] == "DEFAULT@SECLEVEL=1"


def test_unknown_site_names_the_known_ones():
    with pytest.raises(ProfileError, match=r"unknown site 'nowhere' \(known sites: .*hungyen"):
        load_profile("nowhere")


def test_minimal_profile(tmp_path):
    profile = parse_profile(write(tmp_path, VALID))
    assert profile.start_paths == ("/tin-tuc/",)
    assert profile.settings == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (VALID.replace('platform = "nukeviet"', 'platform = "drupal"'), "key 'platform'"),
        (VALID.replace('key = "demo"\n', ""), "missing required key 'key'"),
        (VALID + 'colour = "red"\n', "unknown key 'colour'"),
        (VALID.replace('"/tin-tuc/"', '"tin-tuc"'), "key 'start_paths'"),
        (VALID.replace("https://congan.demo.gov.vn", "congan.demo.gov.vn"), "key 'base_url'"),
        (VALID + "[settings]\nDOWNLOAD_DELAI = 2\n", "key 'settings.DOWNLOAD_DELAI'"),
        (VALID + '[settings]\nDOWNLOAD_DELAY = "slow"\n', "key 'settings.DOWNLOAD_DELAY'"),
        (VALID + "[settings]\nDOWNLOAD_DELAY = -1\n", "'settings.DOWNLOAD_DELAY' must be a number"),
        (VALID + "[settings]\nRETRY_TIMES = 1.5\n", "'settings.RETRY_TIMES' must be a whole"),
        (VALID + "[settings]\nRETRY_TIMES = true\n", "'settings.RETRY_TIMES' must be a whole"),
        (VALID + '[settings]\nDOWNLOADER_CLIENT_TLS_METHOD = "SSLv3"\n', "one of TLS"),
        (VALID + "[settings]\nCONCURRENT_REQUESTS_PER_DOMAIN = 20\n", "is refused: more than 8"),
        (VALID + "[settings]\nDOWNLOAD_TIMEOUT = 0\n", "is refused: requests would never"),
        (VALID + "[settings]\nROBOTSTXT_OBEY = false\n", "not a per-site setting"),
        (VALID.replace('key = "demo"', 'key = "Demo"'), "key 'key' must be ASCII lower-case"),
        (VALID.replace('key = "demo"', 'key = "hưngyên"'), "key 'key' must be ASCII lower-case"),
        (VALID.replace('key = "demo"', 'key = "1demo"'), "key 'key' must be ASCII lower-case"),
        (VALID.replace('key = "demo"', f'key = "{"d" * 65}"'), "at most 64 characters"),
        (VALID + "max_listing_pages = 0\n", "key 'max_listing_pages'"),
        (VALID + "[coverage]\nauthor = 2\n", "key 'coverage.author'"),
        (VALID + "[coverage]\nauthr = 0.5\n", "key 'coverage.authr' is not a field"),
        ("key = [", "not valid TOML"),
    ],
)
def test_invalid_profiles_are_refused_naming_file_and_key(tmp_path, change, message):
    path = write(tmp_path, change)
    with pytest.raises(ProfileError) as error:
        parse_profile(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_file_name_must_match_the_key(tmp_path):
    write(tmp_path, VALID, name="other.toml")
    with pytest.raises(ProfileError, match=r"other\.toml"):
        load_profiles(tmp_path)


def test_per_site_settings_are_converted_by_the_rules_of_set(tmp_path):
    profile = parse_profile(write(tmp_path, VALID + "[settings]\nDOWNLOAD_DELAY = 3\n"))
    assert profile.settings == {"DOWNLOAD_DELAY": 3.0}
    assert type(profile.settings["DOWNLOAD_DELAY"]) is float


def test_a_key_of_64_characters_is_a_key(tmp_path):
    key = "d" * 64
    profile = parse_profile(write(tmp_path, VALID.replace('key = "demo"', f'key = "{key}"')))
    assert profile.key == key


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://công-an.hànội.vn/tin/", "cong_an"),  # marks dropped
        ("https://congan.đắklắk.gov.vn/tin/", "daklak"),
        ("https://xn--cng-an-ixa.vn/tin/", "cong_an"),  # punycode of công-an
        ("https://日本.jp/", "site"),  # nothing in Latin letters
        ("https://" + "a" * 300 + ".vn/", "a" * 64),
        ("https://" + "1" * 300 + ".vn/", ("site_" + "1" * 300)[:64]),
    ],
)
def test_a_key_made_from_any_host_is_a_site_key(url, key):
    from scraper.platforms.detect import profile_for_url, site_key_for
    from scraper.profiles import site_key_problem

    assert site_key_for(url) == key
    assert site_key_problem(key) is None
    assert profile_for_url(url, None).key == key


def test_the_dataset_card_describes_every_bundled_site():
    from scraper.profiles import load_profiles
    from tests.helpers import ROOT

    card = (ROOT / "docs" / "DATASET.md").read_text("utf-8")
    rows = {
        line.split("|")[1].strip().strip("`")
        for line in card.splitlines()
        if line.startswith("| `")
    }
    assert set(load_profiles()) <= rows
