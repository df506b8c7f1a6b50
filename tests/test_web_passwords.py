"""The password policy: length, variety, the shipped list of common passwords, the name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.errors import WorkspaceError
from missionplan.web.passwords import MIN_LENGTH, _common, check_password, is_common
from missionplan.web.testing import PASSWORD

_DRESS = st.sampled_from(["", "1", "123", "2027", "!", "2027!", "#1"])


@given(word=st.sampled_from(sorted(_common())), before=_DRESS, after=_DRESS,
       upper=st.booleans())
def test_every_listed_password_is_refused_however_dressed(word: str, before: str, after: str,
                                                          upper: bool) -> None:
    password = before + (word.upper() if upper else word.capitalize()) + after
    assert is_common(password)


@pytest.mark.parametrize("password", ["p@ssw0rd", "P4ssw0rd!", "Welcome2027!",
                                      "qwerty123456", "  letmein  ", "Peacekeeping1",
                                      "00000000000000"])
def test_look_alikes_of_common_passwords_are_refused(password: str) -> None:
    assert is_common(password)


@pytest.mark.parametrize(("password", "code"), [
    ("short one", "weak-password"),
    ("aaaabbbbaaaabbbb", "weak-password"),
    ("Peacekeeper2027", "common-password"),
    ("maria.lopez is me", "weak-password"),
])
def test_weak_passwords_are_refused_with_their_code(password: str, code: str) -> None:
    with pytest.raises(WorkspaceError) as caught:
        check_password(password, name="maria.lopez")
    assert caught.value.code == code


def test_a_long_uncommon_password_is_accepted() -> None:
    assert len(PASSWORD) >= MIN_LENGTH
    check_password(PASSWORD, name="lead")
    check_password("violet tractor on the river", name="lead")
