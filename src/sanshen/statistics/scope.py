"""Whose figures a person may see in statistics, breaches and evaluations (统计范围).

Leaders, the main leader, information officers and administrators see the whole body; a section head
(科室负责人) sees the departments of their role (their own department when none is named).
"""

from sanshen.org.models import Role

WHOLE_BODY = (Role.LEADER, Role.MAIN_LEADER, Role.OFFICER, Role.ADMIN)


def visible_departments(person) -> set[int] | None:
    """Department ids whose figures `person` may see, or None for all of them."""
    if person.has_role(*WHOLE_BODY):
        return None
    departments = person.departments_for(Role.SECTION_HEAD)
    if not departments and person.department_id:
        departments = {person.department_id}
    return departments
