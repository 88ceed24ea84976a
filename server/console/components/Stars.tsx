/** Props of {@link Stars}. */
export interface StarsProps {
  /** 1–5 (rounded for display). */
  value: number;
  max?: number;
}

/** A 1–5 rating as filled and empty stars, read out as "4 out of 5 stars". */
export function Stars({ value, max = 5 }: StarsProps) {
  const filled = Math.max(0, Math.min(max, Math.round(value)));
  return (
    <span class="stars" role="img" aria-label={`${value} out of ${max} stars`}>
      <span aria-hidden="true">
        {'★'.repeat(filled)}
        <span class="stars-empty">{'★'.repeat(max - filled)}</span>
      </span>
    </span>
  );
}
