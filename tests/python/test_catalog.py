"""models(), presets(), methods(): the catalogs as plain lists of dicts."""

import neurodyn as nd
import pytest


def test_models_list_parameters_with_units_and_ranges():
    models = {model["name"]: model for model in nd.models()}
    assert {"izh2003", "izh2007", "fhn", "lif", "adex", "hh"} <= set(models)
    d = next(p for p in models["izh2007"]["parameters"] if p["name"] == "d")
    assert d["unit"] == "pA" and d["min"] < d["default"] < d["max"] and d["meaning"]
    assert [v["name"] for v in models["izh2007"]["state_variables"]] == ["v", "u"]


def test_presets_of_one_model():
    names = [preset["name"] for preset in nd.presets("izh2007")]
    assert "izh2007-RS" in names and all(preset["model"] == "izh2007" for preset in nd.presets("izh2007"))
    assert len(nd.presets()) > len(names)
    with pytest.raises(ValueError, match="izh2099"):
        nd.presets("izh2099")


def test_methods_list_their_options():
    methods = {method["name"]: method for method in nd.methods()}
    assert methods["dopri5"]["adaptive"] and not methods["rk4"]["adaptive"]
    assert "rtol" in [option["name"] for option in methods["dopri5"]["options"]]
    assert "rtol" not in [option["name"] for option in methods["rk4"]["options"]]
