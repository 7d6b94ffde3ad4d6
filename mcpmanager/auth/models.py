# No models. The module exists because Django sends post_migrate only to apps
# with a models module, and apps.McpAuthConfig syncs the role groups then.
