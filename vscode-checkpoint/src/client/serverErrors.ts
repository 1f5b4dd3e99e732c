/**
 * Turns a failed request into the sentence a notification shows. The server's message is the
 * message: it already says what went wrong and what is allowed; the client adds only what the
 * structured data carries (the available names for "not found", the damaged files for an
 * integrity failure).
 */
import type { CheckpointErrorData } from './protocol';

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  data?: unknown;
}

function isErrorData(value: unknown): value is CheckpointErrorData {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The text for showErrorMessage; never empty, never a stack trace. */
export function describeServerError(error: unknown): string {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof candidate.message === 'string' && candidate.message.trim().length > 0
    ? candidate.message.trim()
    : typeof error === 'string' && error.length > 0 ? error : 'The Checkpoint server failed without a message.';
  if (!isErrorData(candidate.data)) {
    return message;
  }
  const data = candidate.data;
  if (data.kind === 'notFound' && data.available && data.available.length > 0 && !message.includes(data.available[0])) {
    return `${message} Available: ${data.available.slice(0, 10).join(', ')}${data.available.length > 10 ? ', …' : ''}.`;
  }
  if (data.kind === 'integrity' && data.damaged && data.damaged.length > 0) {
    const damaged = data.damaged.slice(0, 5).map((file) => `${file.path} (${file.problem})`).join(', ');
    return `${message} Damaged: ${damaged}${data.damaged.length > 5 ? ', …' : ''}.`;
  }
  return message;
}

/** True when the error is the cancellation of a request the user cancelled — not worth a notification. */
export function isCancellation(error: unknown): boolean {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike & { name?: unknown };
  return candidate.code === -32800 || candidate.name === 'Canceled' || candidate.message === 'Canceled';
}
