/**
 * Mistakes in the code or in the template files, never in a client's input: they surface at startup
 * (a template folder that is incomplete or unreadable) or where a message is queued (a template
 * that does not exist, a value missing or unknown), so no broken mail ever reaches the queue.
 */
export class MailTemplateError extends Error {
  override readonly name = 'MailTemplateError';
}

/** A message that its template cannot render: the caller is wrong, so it fails before it is queued. */
export class MailMessageError extends Error {
  override readonly name = 'MailMessageError';
}
