"""What other parts listen to when publishing changes (发布事件).

Both signals are sent INSIDE the transaction that makes the change, so a receiver's own rows
(a delivery to push, a search entry) commit or roll back with it; work outside the database
(an HTTP request) belongs in `transaction.on_commit`.
"""

from django.dispatch import Signal

# sender=Publication, publication=<Publication>, action="publish" | "retract" | "supersede"
publication_changed = Signal()
# sender=Channel, channel=<Channel>, offline=<bool>
channel_switched = Signal()
