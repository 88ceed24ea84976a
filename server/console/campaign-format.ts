// How the campaign views write numbers and names for people.

/** A duration in seconds as words: "7 days", "1 day 2 hours", "90 seconds". */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, unit] of [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  if (rest || !parts.length) parts.push(`${rest} second${rest === 1 ? '' : 's'}`);
  return parts.slice(0, 2).join(' ');
}

/** A 0–1 rate as a percentage with one decimal ("12.5 %"); "–" when unknown. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '–' : `${(rate * 100).toFixed(1)} %`;
}

/** A relative change as a signed percentage ("+25.0 %", "−10.0 %"); "–" when unknown (the control converted nobody). */
export function formatUplift(uplift: number | null | undefined): string {
  if (uplift === null || uplift === undefined || !Number.isFinite(uplift)) return '–';
  const pct = (uplift * 100).toFixed(1);
  return uplift > 0 ? `+${pct} %` : uplift < 0 ? `−${pct.slice(1)} %` : '0.0 %';
}

/** A p-value to three significant places, "< 0.001" below that; "–" when there is none. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The kind of a campaign in words: "Banner (top)", "Survey: NPS". */
export function kindLabel(kind: { type?: unknown; position?: unknown; survey?: unknown } | undefined): string {
  const type = String(kind?.type ?? '');
  const names: Record<string, string> = {
    modal: 'Modal',
    banner: 'Banner',
    'slide-up': 'Slide-up',
    card: 'Card',
    'chat-prompt': 'Chat prompt',
    survey: 'Survey',
  };
  const surveys: Record<string, string> = { nps: 'NPS', csat: 'CSAT', 'single-choice': 'single choice', 'free-text': 'free text' };
  const name = names[type] ?? type;
  if (type === 'banner') return `${name} (${String(kind?.position ?? '')})`;
  if (type === 'survey') return `${name}: ${surveys[String(kind?.survey)] ?? String(kind?.survey ?? '')}`;
  return name;
}

/** The name of an arm: the variant id, "Control (holdout)" or "Everyone" for a campaign without an experiment. */
export function armLabel(variant: string): string {
  return variant === 'control' ? 'Control (holdout)' : variant === '' ? 'Everyone' : `Variant ${variant}`;
}
