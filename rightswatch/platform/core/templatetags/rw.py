from django import template
from django.utils.translation import gettext as _

from rightswatch.platform.clues.catalogue import action_name, model_name, subject_role_name

register = template.Library()


@register.filter
def model_label(model_id):
    return model_name(model_id) or _("(submitted clue)")


@register.filter
def action_label(action):
    return action_name(action)


@register.filter
def role_label(role):
    return subject_role_name(role)


@register.filter
def agency_kind_label(kind):
    from rightswatch.platform.accounts.models import AgencyKind

    try:
        return AgencyKind(kind).label
    except ValueError:
        return kind


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for k, v in kwargs.items():
        if v in (None, ""):
            params.pop(k, None)
        else:
            params[k] = v
    return params.urlencode()


@register.filter
def status_label(value, kind):
    """The translated label of a transfer ('transfer') or suggestion ('suggestion') status code."""
    if not value:
        return "·"
    if kind == "transfer":
        from rightswatch.platform.transfers.models import TransferStatus as choices
    else:
        from rightswatch.platform.suggestions.models import SuggestionStatus as choices
    try:
        return choices(value).label
    except ValueError:
        return value
