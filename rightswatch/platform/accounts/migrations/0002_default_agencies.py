"""One agency of every kind, so that transfers work on a fresh installation (names editable by the admin)."""

from django.db import migrations

DEFAULTS = [
    ("procuratorate", "procuratorate", "市人民检察院"),
    ("womens-federation", "womens_federation", "市妇女联合会"),
    ("public-security", "public_security", "市公安局"),
    ("education", "education", "市教育局"),
    ("civil-affairs", "civil_affairs", "市民政局"),
    ("health", "health", "市卫生健康委员会"),
    ("culture-tourism", "culture_tourism", "市文化和旅游局"),
    ("market-regulation", "market_regulation", "市市场监督管理局"),
    ("human-resources", "human_resources", "市人力资源和社会保障局"),
    ("court", "court", "市中级人民法院"),
]


def create(apps, schema_editor):
    Agency = apps.get_model("accounts", "Agency")
    for code, kind, name in DEFAULTS:
        Agency.objects.get_or_create(code=code, defaults={"kind": kind, "name": name})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
