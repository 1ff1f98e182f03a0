"""The refusal every use case raises (拒绝): a business rule said no, and the message says which, in Chinese."""


class Refused(Exception):
    """A use case refused; the message says which rule refused it, in Chinese. Each app's own error
    (ContentError, PublishingError, …) is one of these, so the API answers any of them with 400."""
