/** Remove secrets from text that came from upstream (some APIs echo a bad key back in their error). */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  // Also mask anything shaped like a bearer key, e.g. "sk-abc123…", even if it is not ours.
  return out.replace(/\b(sk|pk|rk|key)-[A-Za-z0-9_-]{8,}\b/g, '$1-***');
}

/** Shorten upstream text for an error message. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
