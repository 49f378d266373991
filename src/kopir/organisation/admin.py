from django.contrib import admin

from kopir.organisation.models import Position, StateBody


@admin.register(StateBody)
class StateBodyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_ru", "level", "region_iso", "parent")
    list_filter = ("level", "region_iso")
    search_fields = ("code", "name_kk", "name_ru", "name_en")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name_ru", "body", "corps", "category", "managerial_level")
    list_filter = ("corps", "managerial_level")
    search_fields = ("name_ru", "name_kk", "name_en")
    list_select_related = ("body",)
