"""The temporary replacement: who holds her post while she is away, and until when.

The replacement's term is tied to her return: it runs to the day before the last planned day of
leave, and when the return is recorded it ends the day before her first working day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.cases.models import Employee, EpisodeStatus, LeaveEpisode
from kopir.cases.services.leave import EPISODE_CLOSED
from kopir.cases.services.locking import claim_version

NOT_SAME_BODY = _("The replacement must work in the same state body.")
NOT_HERSELF = _("An employee cannot replace herself.")


def replacement_term_end(episode: LeaveEpisode) -> date:
    """The last day of the replacement: the day before her return, or the last planned day of leave."""
    returned = getattr(episode, "return_to_work", None)
    if returned is not None:
        last_day: date = returned.first_working_day - timedelta(days=1)
        return last_day
    return max(segment.end for segment in episode.segments.all())


@transaction.atomic
def replacement_assign(
    *, episode: LeaveEpisode, replacement: Employee, expected_version: int, actor: User | None
) -> LeaveEpisode:
    """Name the temporary replacement; the term follows the leave chain (`replacement_term_end`)."""
    if episode.status in (EpisodeStatus.RETURNED, EpisodeStatus.EXITED):
        raise ValidationError(EPISODE_CLOSED)
    if replacement.body_id != episode.employee.body_id:
        raise ValidationError({"replacement": NOT_SAME_BODY})
    if replacement.pk == episode.employee_id:
        raise ValidationError({"replacement": NOT_HERSELF})
    claim_version(episode, expected_version)
    episode.replacement = replacement
    episode.replacement_until = replacement_term_end(episode)
    episode.save(update_fields=["replacement", "replacement_until"])
    access_log_record(
        actor=actor,
        action=AccessAction.UPDATE,
        record=episode,
        subject_id=episode.employee_id,
        detail=f"replacement {replacement.pk} until {episode.replacement_until}",
    )
    return episode


def replacement_term_refresh(episode: LeaveEpisode) -> None:
    """Keep the replacement's term in step with the chain and the return (called by those services)."""
    if episode.replacement_id is None:
        return
    LeaveEpisode.objects.filter(pk=episode.pk).update(replacement_until=replacement_term_end(episode))
