"""The web shell (页面框架): base layout, navigation, dashboard and shared view helpers."""
