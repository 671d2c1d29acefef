/**
 * Text hygiene shared by every report format: escaping for HTML and XML, and redaction of secrets
 * in any config line a report quotes. The verifier never hands out keys, but a path step may quote
 * a config line verbatim; a report is an artifact people pass around, so a quoted key line is
 * masked here as a second line of defence.
 */
import { redactConfigText, redactMessage, SECRET_MARK } from '../ir/secrets.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// XML 1.0 forbids most C0 control characters even when escaped (XML 1.0 section 2.2 `Char`).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_INVALID, ''));
}

/**
 * Masks secrets in quoted config text (one line or several), by the grammar of each secret-bearing
 * IOS form (`lib/ir/secrets.ts`, the one classifier every output uses).
 */
export function redactSecrets(text: string, mark: string = SECRET_MARK): string {
  return redactConfigText(text, { mark });
}

/** Masks secrets in a message or hint: quoted config text and unmistakable secret-bearing forms. */
export function redactProse(text: string): string {
  return redactMessage(text, { mark: SECRET_MARK });
}
