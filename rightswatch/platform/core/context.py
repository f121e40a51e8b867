from rightswatch.platform import scope
from rightswatch.platform.accounts.models import Role


def platform(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "unread_count": user.notifications.filter(read=False).count(),
        "is_partner": user.role == Role.PARTNER,
        "works_clues": user.works_clues,
        "is_auditor": user.role == Role.AUDITOR,
        "is_admin_role": user.role == Role.ADMIN,
        "reviews_links": scope.reviews_links(user),
    }
