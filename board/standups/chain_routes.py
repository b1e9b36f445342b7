"""The chain stand-up's pages: the agenda of every team of a chain, and presenter mode.

On the stand-ups blueprint (imported by board.standups.routes), so the endpoints are
standups.chain and standups.chain_present. Read-only: see board.standups.chain.
"""

from __future__ import annotations

from flask import abort, request, url_for
from flask_login import current_user, login_required

from board.clock import now
from board.org import queries as org_queries
from board.org.models import Chain
from board.standups import chain as chain_agenda
from board.standups.forms import ChainPeriodForm
from board.standups.queries import local_today
from board.standups.routes import bp
from board.standups.services import StandupError
from board.web.forms import attach_error
from board.web.htmx import render

PAGE = "standups/chain.html"


def chain_or_404(chain_id: int) -> Chain:
    """The chain; every signed-in person sees the chains (as on the teams page)."""
    chain = org_queries.get_chain(chain_id)
    if chain is None:
        abort(404)
    return chain


def chain_context(chain: Chain, presenting: bool = False) -> tuple[dict, int]:
    """The chain agenda over the chosen period (7 days when none or a wrong one) and status."""
    moment = now()
    form = ChainPeriodForm(formdata=request.args)
    status = 200
    try:
        since = chain_agenda.parse_since(form.sinds.data, moment)
    except StandupError as error:
        attach_error(form, error)
        since, status = chain_agenda.default_since(moment), 422
    if not form.sinds.data:
        day = local_today(since)
        form.sinds.data = f"{day.day}-{day.month}-{day.year}"
    return {
        "chain": chain,
        "agenda": chain_agenda.build_chain_agenda(chain, current_user, since, moment),
        "form": form,
        "presenting": presenting,
        # The chosen period travels along to presenter mode and back.
        "period": {"sinds": form.sinds.data.strip()}
        if request.args.get("sinds") and status == 200
        else {},
        "length": chain_agenda.LENGTH_MINUTES,
        "card_url": url_for("cards.show", card_id=0)[:-1],
    }, status


@bp.get("/ketens/<int:chain_id>/standup")
@login_required
def chain(chain_id: int):
    """The chain stand-up: a summary across teams, then each team's agenda for the period."""
    context, status = chain_context(chain_or_404(chain_id))
    return render(PAGE, "chain_agenda", status=status, **context)


@bp.get("/ketens/<int:chain_id>/standup/presenteren")
@login_required
def chain_present(chain_id: int):
    """Presenter mode for the chain stand-up: the summary, then one team at a time."""
    context, status = chain_context(chain_or_404(chain_id), presenting=True)
    return render(PAGE, status=status, **context)
