"""sar_forms.web.server: `sar-forms serve`, safe by default."""

from __future__ import annotations

import pytest

from sar_forms.cli import main
from sar_forms.web.server import is_loopback


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                 ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])  # fmt: skip
def test_loopback_hosts(host, loopback):
    """This test ensures that only this machine's own addresses count as loopback."""
    assert is_loopback(host) is loopback


def test_a_host_others_can_reach_needs_a_token(capsys, tmp_path):
    """This test ensures that serve refuses a non-loopback --host without --token (exit 2, a
    message saying why), before it starts anything."""
    assert main(["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d")]) == 2
    assert "--token" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_serve_has_its_help_in_thai(capsys):
    """This test ensures that serve's help is in Thai with --lang th."""
    with pytest.raises(SystemExit):
        main(["--lang", "th", "serve", "--help"])
    assert "โฟลเดอร์เก็บข้อมูลของระบบ" in capsys.readouterr().out
