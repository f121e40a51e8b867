"""Model 20's child — several models at once — is shown first in the inbox (issue 7)."""

from rightswatch.platform.clues.models import Clue


def test_it_shows_a_child_with_several_signals_above_newer_clues(people, make_clue, login):
    child = make_clue(model_id="child_with_multiple_signals", severity="red",
                      clue_key="child_with_multiple_signals:R-000042", summary_zh="多重风险儿童张某")
    for _ in range(3):
        make_clue()  # newer clues of other models
    page = login(people["alice"]).get("/clues/").content.decode()
    assert "多重风险儿童：请优先处理" in page
    block = page.index('id="children-first"')
    assert page.index(f'/clues/{child.pk}/') > block
    assert block < page.index('<table class="clues">')


def test_a_closed_one_and_out_of_scope_ones_are_not_pinned(people, make_clue, login):
    elsewhere = make_clue(model_id="child_with_multiple_signals", region_code="110101",
                          clue_key="child_with_multiple_signals:R-9")
    closed = make_clue(model_id="child_with_multiple_signals", clue_key="child_with_multiple_signals:R-8")
    Clue.objects.filter(pk=closed.pk).update(state="closed")
    page = login(people["alice"]).get("/clues/").content.decode()
    assert 'id="children-first"' not in page
    assert f'/clues/{elsewhere.pk}/' not in page
