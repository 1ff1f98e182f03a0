"""The workflows every installation starts with (默认审核流程), created by migration 0002. R1, 002§5, 000§6."""

THREE_REVIEWS = "三审三校（默认）"
TWO_LEVEL = "两级审核（部门初审、协会终审）"

# (order, stage name, role, scoped to the item's department, only when escalated, checklist)
DEFAULT_WORKFLOWS = {
    # 002§5: 初审 by an editor (any section — never the author), 复审 by the section head, 三审 by the
    # leader in charge, 终审 by the main leader when an escalation rule fires.
    THREE_REVIEWS: ("采编员初审、科室负责人复审、分管领导三审；需要时主要领导终审", [
        (1, "初审", "editor", False, False, "initial"),
        (2, "复审", "section_head", True, False, "standard"),
        (3, "三审", "leader", True, False, "standard"),
        (4, "终审", "main_leader", False, True, "final"),
    ]),
    # 000§6: the submitting department reviews first, the association's leadership last.
    TWO_LEVEL: ("部门负责人初审，协会主要领导终审", [
        (1, "部门初审", "section_head", True, False, "initial"),
        (2, "协会终审", "main_leader", False, False, "final"),
    ]),
}


def workflow(name: str = THREE_REVIEWS):
    from .models import Workflow

    return Workflow.objects.get(name=name)
