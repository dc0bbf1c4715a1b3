/**
 * OpenSLO names. OpenSLO names every object with an RFC 1123 DNS label, as Kubernetes does (what oslo and
 * the SDK check); Burnrate's names may also hold upper case, "_" and ".", and a service is any text.
 */
import { fnv1a64 } from '../../slo/hash';
import { quote } from '../../slo/quote';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX_LENGTH = 63;
/** Hex digits of the hash that keeps apart names derived from texts that differ in case or punctuation. */
const HASH_DIGITS = 8;

/** Why `name` is no OpenSLO name, or undefined when it is one. */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length > DNS_LABEL_MAX_LENGTH) {
    return `is ${name.length} characters long: an OpenSLO name is a DNS label of at most ${DNS_LABEL_MAX_LENGTH}`;
  }
  return DNS_LABEL.test(name)
    ? undefined
    : `${quote(name)} is not a DNS label (RFC 1123), as OpenSLO names must be: lower-case letters, digits and "-", starting and ending with a letter or digit`;
}

/**
 * The OpenSLO name for a Burnrate name or service: the text itself when it is a DNS label; otherwise its
 * letters and digits in lower case, runs of anything else as one "-", and a hash of the whole text
 * (`Checkout API` gives `checkout-api-` and 8 hex digits). The exporter keeps the text itself beside it.
 */
export function openSloName(text: string): string {
  if (dnsLabelProblem(text) === undefined) {
    return text;
  }
  const hash = fnv1a64(text).slice(0, HASH_DIGITS);
  const base = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, DNS_LABEL_MAX_LENGTH - HASH_DIGITS - 1)
    .replace(/-+$/, '');
  return base === '' ? hash : `${base}-${hash}`;
}
