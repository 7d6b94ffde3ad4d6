"""History tables are read-only in the admin, for everyone."""


class ReadOnlyAdminMixin:
    """No add, change or delete for anyone, superusers included: the add,
    change (POST) and delete URLs answer 403 and no delete action is offered.
    Viewing still needs the model's view permission."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
