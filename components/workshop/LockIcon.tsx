/**
 * A small padlock drawn inline (the room's laptops may have no emoji font, and nothing is fetched).
 * Labelled "Locked" for screen readers.
 */
export function LockIcon({ className = 'h-3 w-3', testId }: { className?: string; testId?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" role="img" aria-label="Locked" className={`inline-block shrink-0 ${className}`} data-testid={testId}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}
