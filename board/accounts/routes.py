"""Sign in and out, one's own profile, and setting a password through a one-time link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import StringField

from board.accounts import services, tokens
from board.accounts.forms import LoginForm, PasswordChangeForm, PasswordResetForm, ProfileForm
from board.extensions import db, limiter
from board.mail import mail_enabled
from board.org.queries import demo_accounts_present, list_memberships_of
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render
from board.web.ip import client_ip

bp = Blueprint("accounts", __name__)

NEW_TOKEN_KEY = "new_api_token"  # noqa: S105  (the session key, not a secret)


class TokenForm(FlaskForm):
    """A new personal access token: only its name (prefixed ids, beside the profile form)."""

    name = StringField(_l("Naam van de sleutel"))


def _token_context(token_form: TokenForm | None = None, new_token: str | None = None) -> dict:
    """What the profile page's access-token section shows."""
    return {
        "api_tokens": tokens.list_tokens(current_user.id),
        "token_form": token_form or TokenForm(prefix="token"),
        "new_token": new_token,
    }


def _account_key() -> str:
    return "login-account:" + (request.form.get("email") or "").strip().lower()[:254]


def _failed(response) -> bool:
    return response.status_code != 303


def _safe_next(target: str | None) -> str:
    """Only local paths, never another site (open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.home")


def _login_page(form: LoginForm, status: int = 200, error: str | None = None):
    return render(
        "accounts/login.html",
        status=status,
        form=form,
        error=error,
        demo=demo_accounts_present(),
        next=_safe_next(request.values.get("next")),
        expired=request.args.get("verlopen") == "1",
    )


def render_login_rate_limited():
    """The sign-in page with the rate-limit message, status 429, the e-mail kept."""
    form = LoginForm()
    return _login_page(
        form,
        429,
        _(
            "Te veel mislukte pogingen om in te loggen. Wacht een kwartier en probeer het dan "
            "opnieuw, of vraag de beheerder om hulp."
        ),
    )


def unauthorized_response():
    """Send someone who is not signed in to the sign-in page, saying why when a session ended."""
    reason = g.get("session_end_reason")
    if reason in {"idle", "absolute", "deactivated", "password"}:
        flash(_("Je sessie is beëindigd. Log opnieuw in."), "info")
    target = url_for("accounts.login", next=request.full_path.rstrip("?"))
    return redirect_303(target)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE_LIMIT_IP"],
    methods=["POST"],
    deduct_when=_failed,
    scope="login-ip",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE_LIMIT_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_failed,
    scope="login-account",
)
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect_303(_safe_next(request.args.get("next")))
        return _login_page(form)
    if not current_app.config["LOCAL_LOGIN_ENABLED"]:
        return _login_page(
            form,
            403,
            _(
                "Inloggen met een wachtwoord staat uit. Gebruik de "
                "knop om in te loggen via je organisatie."
            ),
        )
    try:
        user = services.authenticate(form.email.data or "", form.password.data or "")
    except services.AuthenticationFailed as error:
        db.session.commit()  # keep the audit record of the failed attempt
        return _login_page(form, 422, error.message)
    session.clear()  # a fresh session on sign-in (no fixation)
    token = services.start_session(user, ip=client_ip(), user_agent=request.user_agent.string)
    db.session.commit()
    user.session_token = token
    login_user(user)
    return redirect_303(_safe_next(request.form.get("next")))


@bp.post("/uitloggen")
def logout():
    """Sign out: the session ends on the server too."""
    if current_user.is_authenticated and current_user.session_token:
        services.end_session(current_user.session_token)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("Je bent uitgelogd."), "info")
    return redirect_303(url_for("accounts.login"))


@bp.route("/profiel", methods=["GET", "POST"])
@login_required
def profile():
    """One's own name, language and whether notifications come by e-mail too."""
    form = ProfileForm(obj=current_user)
    status = 200
    if request.method == "POST":
        try:
            services.update_profile(
                current_user,
                name=form.name.data or "",
                language=form.language.data or "",
                # The choice is only on the form when the installation sends mail.
                email_notifications=(
                    bool(form.email_notifications.data) if mail_enabled() else None
                ),
            )
            db.session.commit()
            flash(_("Je gegevens zijn opgeslagen."), "success")
            return redirect_303(url_for("accounts.profile"))
        except services.AccountError as error:
            db.session.rollback()
            attach_error(form, error)
            status = 422
    # A token made just before is shown once: taken out of the session as it is shown. The
    # session cookie carried it for one redirect; that cookie already grants as much access.
    new_token = session.pop(NEW_TOKEN_KEY, None) if request.method == "GET" else None
    return render(
        "accounts/profile.html",
        "profile_form",
        status=status,
        form=form,
        password_form=PasswordChangeForm(),
        memberships=list_memberships_of(current_user.id),
        **_token_context(new_token=new_token),
    )


@bp.post("/profiel/wachtwoord")
@login_required
def change_password():
    """Change one's own password."""
    form = PasswordChangeForm()
    try:
        services.change_password(
            current_user,
            current=form.current_password.data or "",
            new=form.new_password.data or "",
            confirm=form.confirm_password.data or "",
        )
        db.session.commit()
        flash(_("Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd."), "success")
        return redirect_303(url_for("accounts.profile"))
    except services.AccountError as error:
        db.session.rollback()
        attach_error(form, error)
    return render(
        "accounts/profile.html",
        "password_form",
        status=422,
        form=ProfileForm(obj=current_user),
        password_form=form,
        memberships=list_memberships_of(current_user.id),
        **_token_context(),
    )


@bp.post("/profiel/toegangssleutels")
@login_required
def create_token():
    """Make a personal access token for the API; the profile page shows it once."""
    form = TokenForm(prefix="token")
    try:
        _token, value = tokens.create_token(
            current_user, name=form.name.data or "", actor=current_user
        )
        db.session.commit()
    except services.AccountError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(
            "accounts/profile.html",
            "tokens_section",
            status=422,
            form=ProfileForm(obj=current_user),
            password_form=PasswordChangeForm(),
            memberships=list_memberships_of(current_user.id),
            **_token_context(token_form=form),
        )
    session[NEW_TOKEN_KEY] = value
    return redirect_303(url_for("accounts.profile") + "#toegangssleutels")


@bp.post("/profiel/toegangssleutels/<int:token_id>/intrekken")
@login_required
def revoke_token(token_id: int):
    """Switch one of my access tokens off for good."""
    token = tokens.get_token(token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    tokens.revoke_token(token, actor=current_user)
    db.session.commit()
    flash(_("De toegangssleutel %(name)s is ingetrokken.", name=token.name), "success")
    return redirect_303(url_for("accounts.profile") + "#toegangssleutels")


@bp.route("/wachtwoord-instellen/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str):
    """Set a new password through a one-time link made by an administrator."""
    form = PasswordResetForm()
    try:
        link = services.check_reset_link(token)
    except services.AccountError as error:
        return render("accounts/reset.html", status=404, form=None, error=error.message)
    if request.method == "POST":
        try:
            services.reset_password(
                token, new=form.new_password.data or "", confirm=form.confirm_password.data or ""
            )
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Je wachtwoord is ingesteld. Log nu in met je nieuwe wachtwoord."), "success")
            return redirect_303(url_for("accounts.login"))
        except services.AccountError as error:
            db.session.rollback()
            attach_error(form, error)
            return render("accounts/reset.html", status=422, form=form, person=link.user)
    return render("accounts/reset.html", form=form, person=link.user)
