"""Shared by the report tests."""

from django.test import Client


def listed(user, url: str) -> str:
    """The page a drill-down link opens, as `user` (it must answer 200)."""
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()
