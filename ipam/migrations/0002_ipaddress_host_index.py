from django.db import migrations


class Migration(migrations.Migration):
    """An index on the bare host of each address: `parent` and host filters ignore the mask
    (CAST(HOST(address) AS INET) <<= prefix), and SP-GiST serves `<<=` on it."""

    dependencies = [("ipam", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX ipam_ipaddress_host ON ipam_ipaddress "
            "USING spgist ((CAST(HOST(address) AS INET)) inet_ops)",
            "DROP INDEX ipam_ipaddress_host",
        ),
    ]
