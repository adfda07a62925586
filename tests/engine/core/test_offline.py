"""No network at run time: the real models run in a process where any outside connection or DNS
lookup raises, and the run must still succeed without ever trying."""
import subprocess
import sys
from pathlib import Path

GUARD = r'''
import socket
attempts = []
_connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo
def connect(self, address, *a, **k):
    host = address[0] if isinstance(address, tuple) else str(address)
    if host not in ("127.0.0.1", "::1", "localhost"):
        attempts.append(host); raise OSError("network disabled in this test")
    return _connect(self, address, *a, **k)
def getaddrinfo(host, *a, **k):
    if host not in ("127.0.0.1", "::1", "localhost", None):
        attempts.append(host); raise OSError("DNS disabled in this test")
    return _getaddrinfo(host, *a, **k)
socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo

from engine.core.settings import Settings
from anonymise.anonymiser import Anonymiser
from themes.assign import SimilarityAssigner
from themes.embedder import MiniLMEmbedder
from themes.embedders import make_embedder
from themes.taxonomy import load_builtin
out = Anonymiser(Settings()).anonymise("Email amira.khan@example.co.uk or call 07700 900123 about the food bank.")
assert "<EMAIL_ADDRESS>" in out.text and "<PHONE_NUMBER>" in out.text, out.text
for embedder in (make_embedder(Settings().embedder), MiniLMEmbedder()):   # ONNX (shipped) and PyTorch
    decided, _ = SimilarityAssigner(load_builtin(), embedder, 0.36).assign(["Skipping meals to feed the kids."])
    assert decided[0][0].theme_id == "food_poverty"
print("ATTEMPTS", attempts)
'''


def test_when_network_is_refused_then_anonymiser_and_embedder_still_work_and_never_try():
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "TLDEXTRACT"))}
    run = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ATTEMPTS []" in run.stdout


def test_when_settings_name_a_numba_cache_folder_then_ensure_offline_exports_it_absolute(tmp_path, monkeypatch):
    from engine.core.offline import ensure_offline
    from engine.core.settings import Settings

    monkeypatch.setenv("NUMBA_CACHE_DIR", "somewhere-else")   # restored after the test
    monkeypatch.chdir(tmp_path)
    ensure_offline(Settings(numba_cache_dir=Path("cache/numba")))
    assert __import__("os").environ["NUMBA_CACHE_DIR"] == str(tmp_path / "cache" / "numba")


def test_when_no_settings_are_passed_then_ensure_offline_exports_the_environment_settings_folder(tmp_path,
                                                                                               monkeypatch):
    from engine.core.offline import ensure_offline
    from engine.core.settings import Settings

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba-own"))
    monkeypatch.setenv("INSIGHTS_NUMBA_CACHE_DIR", str(tmp_path / "ours"))
    ensure_offline()
    assert __import__("os").environ["NUMBA_CACHE_DIR"] == str(tmp_path / "ours")
    assert Settings.from_env().numba_cache_dir == tmp_path / "ours"
