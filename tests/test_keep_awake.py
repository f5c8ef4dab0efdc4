"""keep_awake: the right inhibitor per system, never the display, and harmless where none exists."""

from farense_studio.keep_awake import KeepAwake, inhibit_command


def test_macos_uses_caffeinate_idle_only():
    cmd = inhibit_command(pid=42, platform="darwin", which=lambda name: f"/usr/bin/{name}")
    assert cmd == ["caffeinate", "-i", "-w", "42"]
    assert "-d" not in cmd


def test_linux_inhibits_sleep_only_while_the_app_lives():
    cmd = inhibit_command(pid=42, platform="linux", which=lambda name: f"/usr/bin/{name}")
    assert cmd[0] == "systemd-inhibit" and "--what=sleep" in cmd
    assert not any("idle" in part for part in cmd)
    assert "kill -0 42" in cmd[-1]


def test_missing_tool_or_other_system_does_nothing():
    assert inhibit_command(platform="linux", which=lambda name: None) is None
    assert inhibit_command(platform="win32") is None
    awake = KeepAwake()
    awake.stop()  # stopping before starting is fine
    with awake:
        pass
    assert not awake.active
