/**
 * CloudTrail keeps the API version in some event names: Lambda (`GetFunction20150331v2`,
 * `UpdateFunctionCode20150331v2`, `CreateFunction20150331`, `ListLayers20181031`) and CloudFront
 * (`UpdateDistribution2016_11_25`, `CreateInvalidation2019_03_26`). The suffix is an 8-digit date with an optional
 * `v<n>`, or a `YYYY_MM_DD` date.
 */
const VERSION_SUFFIX = /^([A-Za-z]+?)(?:\d{8}(?:v\d+)?|\d{4}_\d{2}_\d{2})$/;

/** Longest eventName worth looking at; AWS operation names are far shorter. */
export const MAX_EVENT_NAME_LENGTH = 128;

/** Strips a CloudTrail API-version suffix from an event name; other names come back unchanged. */
export function normaliseEventName(eventName: string): string {
  if (eventName.length > MAX_EVENT_NAME_LENGTH) return eventName;
  const match = VERSION_SUFFIX.exec(eventName);
  return match ? (match[1] as string) : eventName;
}
