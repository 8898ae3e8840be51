"""The optional type model: the numpy fitter, the model file, ``eventwire train`` and
``--model`` on extract and eval, and their bad-input errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire.cli import main
from eventwire.coding.softmax import FitSettings, SparseRows, fit, objective, predict_scores
from eventwire.coding.train import Example, ExampleSet, fit_type_model
from eventwire.coding.type_features import event_features, vectorise
from eventwire.coding.type_model import TypeModel
from eventwire.errors import ConfigError, InputError, ResourceError
from eventwire.records import Actor, Event, Evidence


def rows_of(dicts: list[dict[str, float]], columns: list[str]) -> SparseRows:
    return vectorise(dicts, {name: i for i, name in enumerate(columns)})


def event(text: str, sub: str, etype: str, *, plover: str = "ASSAULT", mode: str | None = None,
          actor: str | None = None, negated: bool = False) -> Event:
    return Event(id=text[:8], doc_id="d", event_type=plover, mode=mode,
                 acled_event_type=etype, acled_sub_event_type=sub, negated=negated,
                 actors=[Actor(text="x", name="x", country="KE", sector=actor)] if actor else [],
                 evidence=[Evidence(text=text, start=0, end=len(text))])


def toy_examples() -> ExampleSet:
    """Rule output that says 'Attack' for every shooting; the gold type depends on the words."""
    made = []
    for i in range(6):
        clash = event(f"Soldiers and rebels exchanged fire near camp {i}.", "Attack",
                      "Violence against civilians", actor="MIL")
        attack = event(f"Gunmen shot villagers at a market in district {i}.", "Attack",
                       "Violence against civilians", actor="UAF")
        demo = event(f"Teachers marched peacefully to the ministry for pay, day {i}.",
                     "Peaceful protest", "Protests", plover="PROTEST", mode="demo", actor="PRO")
        made += [Example(features=event_features(e), rule=e.acled_sub_event_type, label=gold)
                 for e, gold in ((clash, "Armed clash"), (attack, "Attack"),
                                 (demo, "Peaceful protest"))]
    return ExampleSet(file="toy.jsonl", rows=18, notes=18, failed_notes=0, examples=made)


@pytest.fixture(scope="module")
def toy_model() -> TypeModel:
    return fit_type_model(toy_examples(), settings=FitSettings(c=10.0))


# -- the fitter ---------------------------------------------------------------

def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    x = rows_of([{"a": 1.0, "b": 0.5}, {}, {"b": 2.0, "c": -1.0}, {"a": 0.3}], ["a", "b", "c"])
    prior = np.array([[1.0, 0, 0], [0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]])
    fun = objective(x, np.array([0, 1, 2, 1]), prior, c=2.0)
    theta = rng.normal(size=3 * 3 + 3 + 1)
    _, grad = fun(theta)
    eps = 1e-6
    numeric = [(fun(theta + eps * e)[0] - fun(theta - eps * e)[0]) / (2 * eps)
               for e in np.eye(len(theta))]
    assert np.allclose(grad, numeric, atol=1e-7)


def test_separable_classes_are_learnt():
    columns = ["red", "green", "blue", "noise"]
    dicts = [{"red": 1.0, "noise": 0.2}, {"green": 1.0}, {"blue": 1.0, "noise": 0.5}] * 10
    labels = np.array([0, 1, 2] * 10)
    fitted = fit(rows_of(dicts, columns), labels, np.zeros((30, 3)), FitSettings(c=100.0))
    test = rows_of([{"blue": 1.0}, {"red": 0.8}, {"green": 0.9, "noise": 1.0}], columns)
    assert predict_scores(test, fitted.weights, fitted.bias).argmax(axis=1).tolist() == [2, 0, 1]


def test_a_prior_that_is_always_right_is_trusted():
    """Rows that say nothing, and a prior that names the class: beta grows, W stays small."""
    labels = np.array([0, 1, 2, 0, 1, 2] * 5)
    prior = np.eye(3)[labels]
    fitted = fit(rows_of([{"same": 1.0}] * 30, ["same"]), labels, prior, FitSettings())
    assert fitted.prior_weight > 3
    scores = predict_scores(rows_of([{"same": 1.0}] * 3, ["same"]), fitted.weights,
                            fitted.bias, np.eye(3), fitted.prior_weight)
    assert scores.argmax(axis=1).tolist() == [0, 1, 2]


def test_an_empty_row_scores_as_the_bias():
    x = rows_of([{}, {"a": 1.0}], ["a"])
    assert np.allclose(x.dot(np.array([[5.0, -1.0]])), [[0.0, 0.0], [5.0, -1.0]])


# -- the model ----------------------------------------------------------------

def test_model_learns_what_the_rules_cannot_tell(toy_model):
    shots = event("Soldiers and rebels exchanged fire near the border.", "Attack",
                  "Violence against civilians", actor="MIL")
    assert toy_model.predict([shots]) == ["Armed clash"]
    (retyped,) = toy_model.retype([shots])
    assert (retyped.acled_event_type, retyped.acled_sub_event_type, retyped.disorder_type) == (
        "Battles", "Armed clash", "Political violence")
    assert retyped.actors == shots.actors and retyped.evidence == shots.evidence
    assert shots.acled_sub_event_type == "Attack"  # the input event is left as it was


def test_only_events_bound_for_acled_are_retyped(toy_model):
    negated = event("Soldiers and rebels exchanged fire near camp 1.", "Attack",
                    "Violence against civilians", actor="MIL", negated=True)
    verbal = Event(id="v", doc_id="d", event_type="DEMAND")
    unseen = event("Soldiers and rebels exchanged fire near camp 1.", "Arrests",
                   "Strategic developments", actor="MIL")  # no training example was Arrests
    assert toy_model.retype([negated, verbal, unseen]) == [negated, verbal, unseen]


def test_save_load_round_trip(toy_model, tmp_path):
    path = tmp_path / "model.npz"
    toy_model.save(path)
    loaded = TypeModel.load(path)
    events = [
        event("Gunmen shot villagers in the district.", "Attack", "Violence against civilians"),
        event("Crowds of teachers marched to the ministry.", "Peaceful protest", "Protests",
              plover="PROTEST", mode="demo")]
    assert loaded.predict(events) == toy_model.predict(events)
    assert np.array_equal(loaded.weights, toy_model.weights)
    assert loaded.labels == toy_model.labels and loaded.training == toy_model.training
    assert loaded.training.examples == 18 and loaded.training.file == "toy.jsonl"


@pytest.mark.parametrize("content", [b"", b"not a zip file at all", b"PK\x03\x04broken"])
def test_corrupt_model_file(tmp_path, content):
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(ResourceError, match="eventwire train"):
        TypeModel.load(path)


def test_truncated_model_file(toy_model, tmp_path):
    path = tmp_path / "model.npz"
    toy_model.save(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ResourceError, match="damaged"):
        TypeModel.load(path)


def test_model_file_of_another_kind(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, weights=np.zeros((2, 2)))
    with pytest.raises(ResourceError, match="not an eventwire type model"):
        TypeModel.load(path)
    array = tmp_path / "array.npy"
    np.save(array, np.zeros(3))
    with pytest.raises(ResourceError, match="not an eventwire type model"):
        TypeModel.load(array)


def test_model_file_of_another_version(toy_model, tmp_path):
    header = toy_model.header() | {"version": 99}
    path = tmp_path / "future.npz"
    np.savez(path, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
             weights=toy_model.weights, bias=toy_model.bias)
    with pytest.raises(ResourceError, match="another eventwire version"):
        TypeModel.load(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(ResourceError, match="file not found"):
        TypeModel.load(tmp_path / "absent.npz")


def test_nothing_to_learn():
    one = toy_examples()
    same = ExampleSet(file="one.jsonl", rows=2, notes=2, failed_notes=0,
                      examples=[e for e in one.examples if e.label == "Attack"])
    with pytest.raises(InputError, match="at least two"):
        fit_type_model(same)
    with pytest.raises(InputError, match="matched"):
        fit_type_model(ExampleSet(file="none.jsonl", rows=3, notes=3, failed_notes=0,
                                  examples=[]))


def test_saving_into_a_missing_directory(toy_model, tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        toy_model.save(tmp_path / "no" / "such" / "model.npz")


# -- the command line ---------------------------------------------------------

NOTES = [  # (date, event_type, sub_event_type, notes): written for this test
    ("2021-03-01", "Protests", "Peaceful protest",
     "On 1 March 2021, hundreds of nurses protested outside the health ministry in Nairobi, "
     "demanding unpaid allowances."),
    ("2021-03-02", "Protests", "Peaceful protest",
     "On 2 March 2021, market traders demonstrated in Mombasa against new county levies."),
    ("2021-03-02", "Violence against civilians", "Attack",
     "On 2 March 2021, unidentified gunmen shot and killed two farmers in their fields near "
     "Kaduna."),
    ("2021-03-03", "Battles", "Armed clash",
     "On 3 March 2021, soldiers clashed with militants near Maiduguri; five militants were "
     "killed in the fighting."),
    ("2021-03-03", "Strategic developments", "Arrests",
     "On 3 March 2021, police arrested 14 opposition activists at a meeting in Kampala."),
    ("2021-03-04", "Riots", "Violent demonstration",
     "On 4 March 2021, students rioted in Lusaka, throwing stones at police and burning tyres "
     "over a tuition rise."),
    ("2021-03-04", "Protests", "Peaceful protest",
     "On 4 March 2021, taxi drivers staged a protest in Accra against rising fuel prices."),
    ("2021-03-05", "Violence against civilians", "Attack",
     "On 5 March 2021, armed men attacked a village near Bamako, killing three civilians."),
    ("2021-03-05", "Battles", "Armed clash",
     "On 5 March 2021, government troops and rebels exchanged fire outside Goma; two soldiers "
     "died."),
    ("2021-03-06", "Strategic developments", "Arrests",
     "On 6 March 2021, police detained 20 journalists covering a rally in Harare."),
    ("2021-03-06", "Protests", "Peaceful protest",
     "On 6 March 2021, teachers marched through Dar es Salaam to demand better pay."),
    ("2021-03-07", "Riots", "Mob violence",
     "On 7 March 2021, a mob beat a suspected thief to death in a market in Kisumu."),
]
ARTICLE = ("Hundreds of nurses protested outside the health ministry in Nairobi on Monday, "
           "demanding unpaid allowances. Police later arrested 12 of them.\n")


def acled_rows(notes: list[tuple[str, str, str, str]]) -> str:
    return "".join(json.dumps({
        "event_id_cnty": f"TST{i}", "event_date": date, "event_type": etype,
        "sub_event_type": sub, "notes": text, "iso3": "KEN", "fatalities": 0,
        "time_precision": "1", "inter1": "6", "inter2": "0",
    }) + "\n" for i, (date, etype, sub, text) in enumerate(notes))


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("eventwire: error:"), err
    assert "Traceback" not in err[0]
    return err[0]


@pytest.mark.slow
def test_train_then_extract_and_eval_with_the_model(tmp_path, capsys):
    acled = tmp_path / "coded.jsonl"
    acled.write_text(acled_rows(NOTES), encoding="utf-8")
    model = tmp_path / "types.npz"
    assert main(["train", "--acled", str(acled), "--output", str(model)]) == 0
    assert "model written to" in capsys.readouterr().err
    assert TypeModel.load(model).training.notes == len(NOTES)

    article = tmp_path / "nairobi_2021-03-01.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(article), "--model", str(model), "--workers", "1"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and all(e["doc_id"] == article.name for e in events)
    assert any(e["acled_event_type"] for e in events)

    assert main(["eval", "events", "--acled", str(acled), "--model", str(model)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["type_model"]["file"] == "coded.jsonl"
    assert report["event_type"]["macro_f1"] is not None


def test_extract_with_a_missing_model(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(article), "--model", str(tmp_path / "absent.npz")]) == 1
    line = one_error_line(capsys)
    assert "file not found" in line and "eventwire train" in line


def test_eval_with_a_corrupt_model(tmp_path, capsys):
    acled = tmp_path / "coded.jsonl"
    acled.write_text(acled_rows(NOTES[:2]), encoding="utf-8")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"\x00" * 64)
    assert main(["eval", "events", "--acled", str(acled), "--model", str(bad)]) == 1
    assert "not an eventwire type model" in one_error_line(capsys)


def test_model_is_for_acled_only(tmp_path, capsys):
    assert main(["eval", "events", "--plover", str(tmp_path / "p.jsonl"),
                 "--model", str(tmp_path / "m.npz")]) == 1
    assert "--acled only" in one_error_line(capsys)


def test_train_on_an_empty_file(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["train", "--acled", str(empty), "--output", str(tmp_path / "m.npz")]) == 1
    assert "no rows with a notes text" in one_error_line(capsys)
    assert not (tmp_path / "m.npz").exists()


def test_train_into_a_missing_directory(tmp_path, capsys):
    acled = tmp_path / "coded.jsonl"
    acled.write_text(acled_rows(NOTES), encoding="utf-8")
    out = tmp_path / "missing" / "m.npz"
    assert main(["train", "--acled", str(acled), "--output", str(out)]) == 1
    assert "does not exist" in one_error_line(capsys)


def test_train_on_a_file_of_another_format(tmp_path, capsys):
    other = tmp_path / "articles.jsonl"
    other.write_text(json.dumps({"id": "a", "text": "Something happened."}) + "\n",
                     encoding="utf-8")
    assert main(["train", "--acled", str(other), "--output", str(tmp_path / "m.npz")]) == 1
    assert "record without" in one_error_line(capsys)
