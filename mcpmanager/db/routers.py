from django.conf import settings

REPLICA = "replica"


class ReadReplicaRouter:
    """Reads of the history tables go to the read replica when one is configured.

    The audit app's tables are append-only and read-only in the admin, so a
    replica a few seconds behind serves their (heavy) pages well; everything
    else, and every write (audit rows included), stays on the primary.
    """

    replica_apps = frozenset({"audit"})

    def db_for_read(self, model, **hints):
        if model._meta.app_label in self.replica_apps and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one physical database behind both aliases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica gets its tables by replication
