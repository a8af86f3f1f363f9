from kg.gazetteer.roles import parse_title
from kg.lexicon import TITLE_ROLES

# Titles whose role key deliberately differs from the gazetteer's title parser (see kg.lexicon).
DELIBERATE = {"envoy", "special envoy", "crown prince", "foreign affairs minister"}


def test_title_roles_use_the_gazetteer_vocabulary() -> None:
    mismatched = {
        form: (role, parse_title(form).role)
        for form, role in TITLE_ROLES.items()
        if form not in DELIBERATE and parse_title(form).role != role
    }
    assert mismatched == {}
