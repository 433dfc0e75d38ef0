from wagtail import hooks

from files.models import remove_files_of


@hooks.register("before_account_removed")
def remove_background_files(user):
    """Files built for an account (certificate ZIPs, report bundles) go with it."""
    remove_files_of(user)
