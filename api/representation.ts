import { createHash } from 'node:crypto';

/** A JSON body serialised once, with its weak ETag: what cached views hand out to every matching request. */
export interface Representation {
  readonly text: string;
  readonly etag: string;
}

/** Serialises a body and tags it (SHA-1 of the text, as the ETag middleware would compute). */
export function representationOf(body: unknown): Representation {
  const text = JSON.stringify(body);
  return { text, etag: `W/"${createHash('sha1').update(text).digest('base64url')}"` };
}

/** A 200 response of a representation; the ETag middleware turns it into a 304 when If-None-Match matches. */
export function respond(representation: Representation): Response {
  return new Response(representation.text, {
    headers: { 'content-type': 'application/json; charset=UTF-8', etag: representation.etag },
  });
}
