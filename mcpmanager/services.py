"""What every service function shares: the refusal it raises and the row lock."""


class ServiceError(Exception):
    """A refused operation; the message is meant for the person who asked."""


def locked(model, pk, *, error=ServiceError):
    """The row, locked so two admins acting at once serialize instead of
    overwriting each other; a row deleted meanwhile is a clear refusal."""
    try:
        return model.objects.select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise error(f"This {model._meta.verbose_name} no longer exists.") from None
