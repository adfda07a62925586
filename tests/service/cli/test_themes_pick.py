"""`insights themes pick`, run through the real click app on a small pool and examples file."""
import json

import pytest
from click.testing import CliRunner

from service.cli.main import main

TAXONOMY = ("- id: transport\n  label: Transport\n  description: buses, trains, travel costs and getting about\n"
            "- id: pets\n  label: Pets\n  description: dogs, cats and looking after animals\n")
TEXTS = ["The bus to the hospital was cancelled again and the train fare is too high.",
         "Her dog needs the vet and she cannot afford cat food for her two cats.",
         "The council tax letter was confusing.",
         "He walks the dog to the bus stop every morning.",
         "She took the cat to the vet on the train.",
         "Getting about is hard now.",
         "The landlord will not allow dogs or cats in the flat.",
         "There is no bus after six so she cannot get home from work.",
         "She enjoyed the knitting group on Tuesday.",
         "The taxi to the surgery costs twenty pounds, and the dog cannot be left alone."]
EXAMPLES = [{"text": TEXTS[0], "themes": ["transport"]}, {"text": TEXTS[6], "themes": ["pets"]},
            {"text": TEXTS[2], "themes": []}]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _files(tmp_path, pool_lines):
    pool, tax, ex = tmp_path / "pool.jsonl", tmp_path / "tax.yaml", tmp_path / "ex.jsonl"
    pool.write_text("".join(line + "\n" for line in pool_lines), encoding="utf-8")
    tax.write_text(TAXONOMY)
    ex.write_text("".join(json.dumps(e) + "\n" for e in EXAMPLES))
    return pool, tax, ex


def test_when_picking_then_n_pool_lines_come_back_as_read_and_no_example(tmp_path):
    # varied spacing, key order and an extra key: the output keeps each line exactly as written
    lines = [json.dumps({"text": t, "id": f"n{i}", "source": "test"}, ensure_ascii=False, indent=None,
                        separators=(", ", ":") if i % 2 else (",", ": ")) for i, t in enumerate(TEXTS)]
    pool, tax, ex = _files(tmp_path, lines)
    out = tmp_path / "out.jsonl"
    r = run("themes", "pick", "--input", pool, "--taxonomy", tax, "--examples", ex, "--n", 4, "--output", out)
    assert r.exit_code == 0, r.output
    picked = out.read_text(encoding="utf-8").splitlines()
    assert len(picked) == 4 and len(set(picked)) == 4 and set(picked) <= set(lines)
    assert not {json.loads(p)["text"] for p in picked} & {e["text"] for e in EXAMPLES}
    assert "Picked 4 of 10 lines" in r.output and "Learned from confirmed examples" in r.output


@pytest.mark.parametrize("pool_lines, args, message", [
    (['{"id": 1, "text": "A bus."}', "not json", '{"id": 3}', '{"id": 4, "text": "  "}'], ["--n", "2"],
     "3 bad line(s): line 2: not valid JSON"),
    (['{"id": 1, "text": "A bus."}'], ["--n", "0"], "ask for at least 1"),
    ([], ["--n", "3"], "holds no notes"),
])
def test_when_the_input_is_wrong_then_it_fails_saying_what_to_fix_and_writes_nothing(tmp_path, pool_lines, args,
                                                                                      message):
    pool, tax, _ = _files(tmp_path, pool_lines)
    out = tmp_path / "out.jsonl"
    r = run("themes", "pick", "--input", pool, "--taxonomy", tax, "--output", out, *args)
    assert r.exit_code != 0 and message in r.output and not out.exists()
    if "bad line" in message:
        assert "line 3:" in r.output and "line 4: the text is empty" in r.output
