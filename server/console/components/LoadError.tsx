/** Props of {@link LoadError}. */
export interface LoadErrorProps {
  /** What went wrong; nothing renders while null. */
  error: string | null;
  /** Loads again. */
  onRetry: () => void;
}

/** A failed load's message with a "Try again" button, announced as an alert. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p>{error}</p>
      <button type="button" onClick={() => onRetry()}>
        Try again
      </button>
    </div>
  );
}
