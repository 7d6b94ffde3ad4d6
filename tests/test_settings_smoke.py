from django.conf import settings


def test_settings_load():
    assert settings.DATABASES["default"]["ENGINE"] == "mcpmanager.db"
