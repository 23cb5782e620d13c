/**
 * A leak detector for the secrets tests, written apart from the scrubber it judges: for each
 * secret, the forms in which a server or a format may hand it back — raw, JSON-escaped (also with
 * `\/`), percent-encoded (URI component, lower-case hex, form encoding), base64 and base64url —
 * and any run of WINDOW characters of one of them, which catches a secret cut short too.
 */

/** The shortest run of a form that counts as a leak: long enough not to occur by chance. */
export const WINDOW = 10;

/** The forms of a secret a leak may take, by name. */
export function leakForms(secret: string): Record<string, string> {
  const json = JSON.stringify(secret).slice(1, -1);
  return {
    raw: secret,
    'JSON-escaped': json,
    'JSON-escaped with \\/': json.replace(/\//g, '\\/'),
    'URI component': encodeURIComponent(secret),
    'URI component, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) =>
      h.toLowerCase(),
    ),
    'form-encoded': new URLSearchParams({ k: secret }).toString().slice(2),
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
  };
}

/**
 * Where `text` holds any form of any secret, whole or in part: one line per finding, naming the
 * place, the secret and the form. `secrets` maps a name to a value.
 */
export function findLeaks(
  where: string,
  text: string,
  secrets: Readonly<Record<string, string>>,
): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const [form, value] of Object.entries(leakForms(secret))) {
      const size = Math.min(WINDOW, value.length);
      for (let i = 0; i + size <= value.length; i++) {
        const run = value.slice(i, i + size);
        if (text.includes(run)) {
          found.push(`${where}: ${name} (${form}) as "${run}"`);
          break;
        }
      }
    }
  }
  return found;
}
