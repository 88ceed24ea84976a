/** Props of {@link LoadError}. */
export interface LoadErrorProps {
  /** What went wrong; nothing renders while null. */
  error: string | null;
  /** Loads again; without it there is no button (the view has its own Refresh). */
  onRetry?: () => void;
}

/** A failed load's message, announced as an alert, with a "Try again" button where `onRetry` is given. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p>{error}</p>
      {onRetry && (
        <button type="button" onClick={() => onRetry()}>
          Try again
        </button>
      )}
    </div>
  );
}
