import subprocess
import sys


def test_when_engine_and_cli_imported_then_no_heavy_library_loads():
    code = ("import sys, engine.store, engine.pipeline, engine.publish.evidence, service.cli.main, anonymise.anonymiser, "
            "themes.assign; heavy = [m for m in ('torch', 'spacy', 'presidio_analyzer', 'bertopic', "
            "'sentence_transformers') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
