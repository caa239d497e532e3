"""[analysis]: an unknown subset or robust method is refused with the closest name and every choice."""

from __future__ import annotations

import pytest

from biocorr.errors import SpecError
from biocorr.spec.analysis_options import parse_analysis


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"subsets": ["all", "by_group"]},
         "[analysis] subsets: unknown subset 'by_group'. Did you mean 'by-group'? Use any of: all, by-group."),
        ({"robust": ["percbnd"]}, "[analysis] robust: unknown method 'percbnd'."),
        ({"robust": ["xyz"]}, "(or [] for none)."),
    ],
)  # fmt: skip
def test_an_unknown_choice_names_the_closest_and_every_choice(table, message):
    with pytest.raises(SpecError) as err:
        parse_analysis(table)
    assert message in str(err.value)
