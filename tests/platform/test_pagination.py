"""The inbox stays fast at 100,000 clues: keyset pagination (no OFFSET, no COUNT), bounded queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightswatch.platform.clues.models import Clue

N = 100_000


def insert_many(n, vary):
    """100,000 rows through one executemany (the ORM's bulk_create spends most of its time compiling SQL)."""
    fields = [f for f in Clue._meta.concrete_fields if not f.primary_key]
    template = Clue(model_id="venue_admits_minor", severity="yellow")
    base = {f.attname: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields}
    table = connection.ops.quote_name(Clue._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cur:
        cur.executemany(sql, [[{**base, **vary(i)}[f.attname] for f in fields] for i in range(n)])


def test_the_inbox_pages_through_100000_clues_without_offset_or_count(people, login):
    regions = ["340202", "340203", "340104"]
    insert_many(N, lambda i: {"clue_key": f"venue_admits_minor:V{i:06d}|2026-05", "region_code": regions[i % 3],
                              "summary_zh": f"线索 {i}", "search_text": f"线索 {i} v{i:06d}"})
    assert Clue.objects.count() == N
    c = login(people["alice"])  # jurisdiction 3402: two regions in three
    with CaptureQueriesContext(connection) as q:
        r = c.get("/clues/")
    assert r.status_code == 200
    sql = " ".join(x["sql"].upper() for x in q.captured_queries if "CLUES_CLUE" in x["sql"].upper())
    assert "OFFSET" not in sql and "COUNT(" not in sql
    assert len(q.captured_queries) <= 9  # session, user, agency …, the page, and the pinned model-20 children (one LIMIT query)
    # walk deep: jump to the oldest page through the cursor, then back one page
    oldest = Clue.objects.filter(region_code__startswith="3402").order_by("pk")[60].pk
    r = c.get("/clues/", {"after": oldest})
    body = r.content.decode()
    assert body.count('<tr>\n<td><a href="/clues/') == 50
    assert 'id="prev-page"' in body and 'id="next-page"' in body
    ids = [int(x) for x in __import__("re").findall(r'<td><a href="/clues/(\d+)/">', body)]
    assert ids == sorted(ids, reverse=True) and max(ids) < oldest
    assert all(Clue.objects.get(pk=i).region_code.startswith("3402") for i in ids[:3])
    r = c.get("/clues/", {"q": "v099999"})
    assert "线索 99999" in r.content.decode()
