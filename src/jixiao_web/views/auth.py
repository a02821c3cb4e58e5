"""Login with throttling (after repeated failures for one account from one address, wait), and
changing one's own password (the first one is shown only once, when the admin grants the account)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


class ThrottledLoginForm(AuthenticationForm):
    def _key(self) -> str:
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        return f"jixiao-login:{address}:{self.data.get('username', '').strip().lower()}"

    def clean(self):
        key = self._key()
        if cache.get(key, 0) >= MAX_FAILURES:
            raise forms.ValidationError(f"登录失败次数过多，请 {LOCK_SECONDS // 60} 分钟后再试。", code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            cache.set(key, cache.get(key, 0) + 1, LOCK_SECONDS)
            raise


class LoginView(auth_views.LoginView):
    form_class = ThrottledLoginForm
    template_name = "jixiao_web/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own view (old password, the validators of settings, the session kept)."""

    template_name = "jixiao_web/password_change.html"
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form):
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)
