import { formatTimestamp } from '../../../format/german';
import type { VersionStamp } from './catalogue-api';

/** Who stored a version: the access token by the label the office gave it, or the sign-on subject. */
export function authorText(stamp: VersionStamp): string {
  if (stamp.version === 0) return 'ausgeliefert mit dem Produkt';
  if (stamp.createdByLabel) return `Zugang „${stamp.createdByLabel}“`;
  const subject = stamp.createdBy?.replace(/^\w+:/, '');
  if (!subject) return 'nicht erfasst';
  return subject.startsWith('oidc:') ? `Single Sign-on (${subject.slice('oidc:'.length)})` : subject;
}

/** A version holds from when it was stored; version 0 from the start. */
export function validFromText(stamp: VersionStamp): string {
  return stamp.createdAt ? formatTimestamp(stamp.createdAt) : 'von Beginn an';
}
