"""Deliveries (推送): handing what was published to channels other than the built-in website, through adapters (渠道适配). P4.

- `document` — what a delivery says: the published revision, the channel, the review signatures;
- `webhook` — signing and sending that document to a channel's 推送地址 (HMAC-SHA256);
- `package` — the export package (发布包, a ZIP) for channels posted by hand or submitted upwards;
- `models`, `services` — the delivery record (推送记录): created with each publication or retraction, attempted,
  retried with backoff, confirmed by hand; every change audited;
- `log` — reading the record back: filters, counts per status, success per channel;
- `views`, `api`, `tasks`, `urls` — the delivery log page, its API, one attempt in the worker (`sanshen deliver` from cron).
"""
