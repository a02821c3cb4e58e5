"""Login with throttling (services.logins: too many attempts at one account, from one address or
from anywhere, wait), and changing one's own password (the first one is shown only once, when the
admin grants the account)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.contrib.auth.forms import AuthenticationForm

from jixiao_web.services import logins


class ThrottledLoginForm(AuthenticationForm):
    def clean(self):
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        username = self.data.get("username", "")
        if not logins.admit(address, username):
            raise forms.ValidationError(f"登录尝试次数过多，请 {logins.LOCK_SECONDS // 60} 分钟后再试。", code="throttled")
        cleaned = super().clean()
        logins.succeeded(address, username)
        return cleaned


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
