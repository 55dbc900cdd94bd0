/**
 * Line icons of the Export dialog (24px grid, current text colour), inline so nothing is fetched.
 */
import type { ReactNode } from 'react';

function Icon({ children, className = 'h-4 w-4' }: { children: ReactNode; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden className={className}>
      {children}
    </svg>
  );
}

export const CopyIcon = () => (
  <Icon>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V6a2 2 0 0 1 2-2h9" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Icon>
);

export const DownloadIcon = () => (
  <Icon>
    <path d="M12 4v11" />
    <path d="m7 10.5 5 5 5-5" />
    <path d="M5 19.5h14" />
  </Icon>
);

export const CodeFileIcon = () => (
  <Icon className="h-4 w-4 shrink-0">
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5" />
    <path d="m10 12.5-2 2 2 2M14 12.5l2 2-2 2" />
  </Icon>
);

export const DocFileIcon = () => (
  <Icon className="h-4 w-4 shrink-0">
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5" />
    <path d="M9 13h6M9 16.5h4" />
  </Icon>
);

export const WeightsFileIcon = () => (
  <Icon className="h-4 w-4 shrink-0">
    <rect x="4" y="4" width="16" height="16" rx="2" />
    <path d="M8 9h2M14 9h2M8 15h2M14 15h2M11 12h2" />
  </Icon>
);

export const ExportIcon = () => (
  <Icon>
    <path d="M8 7 3 12l5 5M16 7l5 5-5 5" />
    <path d="m13.5 5-3 14" />
  </Icon>
);
