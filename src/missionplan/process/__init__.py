"""The planning process itself: products and their lifecycle, tasks, the alignment of the
components with the mission-wide priorities, and the sections the plan writes.

No I/O here: the store keeps the states, drafts, comments and decisions; the web and the
CLI show them.
"""

from .alignment import Alignment, alignment, alignment_findings
from .feed import FeedItem, moved_deadlines, task_news
from .fills import filled, needs, runnable
from .lifecycle import MOVES, Capacity, State, check_move, moves_for
from .tasks import DUE_SOON_DAYS, Task, TaskStatus, due_of, plan_tasks
from .text import compare, mentions, to_html

__all__ = [
    "DUE_SOON_DAYS", "MOVES", "Alignment", "Capacity", "FeedItem", "State", "Task",
    "TaskStatus",
    "alignment", "alignment_findings", "check_move", "compare", "due_of", "filled", "mentions",
    "moved_deadlines", "moves_for", "needs", "plan_tasks", "runnable", "task_news", "to_html",
]
