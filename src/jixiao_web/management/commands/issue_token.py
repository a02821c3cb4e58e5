"""``jixiao manage issue_token USER [--name NAME]``: print a new API token for a user (shown once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jixiao_web.services import tokens


class Command(BaseCommand):
    help = "为用户签发 API 令牌（只显示一次）"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户“{username}”。")
        self.stdout.write(tokens.issue(user, name))
