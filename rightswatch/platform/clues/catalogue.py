"""Display names of supervision models, recipients and actions (ids from MODELS.md)."""

from django.utils.translation import gettext_lazy as _

MODEL_NAMES = {
    "hotel_minor_with_unrelated_adult": _("Minor sharing a hotel room with an unrelated adult"),
    "hotel_minor_checkin_without_inquiry": _("Hotel admitting a minor without asking about guardians"),
    "venue_admits_minor": _("Venue unsuitable for minors admitting minors"),
    "barred_person_in_child_contact_post": _("Barred person in a post with close contact with minors"),
    "minor_pregnancy_not_reported": _("Pregnancy of a girl under 14 not reported"),
    "birth_to_child_mother": _("Birth to a mother under 14"),
    "child_injury_not_reported": _("Suspicious injury of a minor not reported"),
    "compulsory_education_out_of_school": _("Child of compulsory-education age out of school"),
    "hidden_dropout": _("Hidden dropout"),
    "unsupported_child_without_benefit": _("De facto unsupported child without benefit"),
    "domestic_violence_without_warning": _("Domestic violence without a warning letter"),
    "protection_order_violated": _("Personal safety protection order violated"),
    "child_witness_of_domestic_violence": _("Child witness of domestic violence not referred"),
    "recruitment_gender_discrimination": _("Gender discrimination in recruitment"),
    "child_labour": _("Child labour"),
    "venue_near_school": _("Prohibited business near a school"),
    "juvenile_record_not_sealed": _("Juvenile criminal record not sealed"),
    "victim_eligible_for_judicial_aid": _("Victim eligible for judicial aid"),
    "unregistered_child": _("Unregistered child"),
    "child_with_multiple_signals": _("Child with multiple risk signals"),
}

ACTIONS = {
    "criminal_case_supervision": _("Criminal case supervision"),
    "procuratorial_suggestion": _("Procuratorial suggestion"),
    "public_interest_litigation": _("Public interest litigation"),
    "referral": _("Referral"),
    "judicial_aid": _("Judicial aid"),
}

SUBJECT_ROLES = {
    "minor": _("Minor"), "adult": _("Adult"), "victim": _("Victim"), "suspect": _("Suspect"),
    "staff": _("Staff"), "hotel": _("Hotel"), "employer": _("Employer"), "mother": _("Mother"),
    "father": _("Father"), "venue": _("Venue"), "hospital": _("Hospital"), "school": _("School"),
    "offender": _("Offender"), "reporter": _("Reporter"),
}


def model_name(model_id: str) -> str:
    if not model_id:
        return ""
    return str(MODEL_NAMES.get(model_id, model_id))


def action_name(action: str) -> str:
    return str(ACTIONS.get(action, action))


def subject_role_name(role: str) -> str:
    return str(SUBJECT_ROLES.get(role, role))
