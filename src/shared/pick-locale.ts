/**
 * The content locale to show: the first of the visitor's languages (`navigator.languages`, most preferred first) that
 * has content, by exact tag (case-insensitive) or else by language (`pt-BR` → `pt`, `en` → `en-GB`); `fallback`
 * (the campaign's default locale) when none does.
 */
export function pickLocale(available: readonly string[], wanted: readonly string[], fallback: string): string {
  const lower = available.map((l) => l.toLowerCase());
  for (const w of wanted) {
    const tag = w.toLowerCase();
    const lang = tag.split('-')[0];
    const i = lower.indexOf(tag);
    const j = i < 0 ? lower.findIndex((l) => l.split('-')[0] === lang) : i;
    if (j >= 0) return available[j]!;
  }
  return fallback;
}
