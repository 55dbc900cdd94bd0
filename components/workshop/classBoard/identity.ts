import { normaliseNickname, nicknameProblem } from '@/graph/results';

/**
 * Who this browser is to the class board: a random id (so two participants both called "Sam" stay two
 * rows, and a participant who renames keeps their row) and the nickname they typed. Kept in localStorage.
 */

export const IDENTITY_KEY = 'convas.participant.v1';

export interface ParticipantIdentity {
  id: string;
  /** Empty until the participant types one. */
  nickname: string;
}

/** A fresh random id: 16 base-36 characters. */
export function newParticipantId(bytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return Array.from(bytes(16), (b) => (b % 36).toString(36)).join('');
}

/** The saved identity, or a new one (saved at once) when there is none or it is damaged. */
export function readIdentity(storage: Pick<Storage, 'getItem' | 'setItem'> | null): ParticipantIdentity {
  try {
    const raw = JSON.parse(storage?.getItem(IDENTITY_KEY) ?? 'null') as Partial<ParticipantIdentity> | null;
    if (raw && typeof raw.id === 'string' && /^[a-z0-9]{8,40}$/.test(raw.id)) {
      const nickname = typeof raw.nickname === 'string' ? normaliseNickname(raw.nickname) : '';
      return { id: raw.id, nickname: nicknameProblem(nickname) ? '' : nickname };
    }
  } catch {
    // Damaged: start a new identity below.
  }
  const identity = { id: newParticipantId(), nickname: '' };
  writeIdentity(storage, identity);
  return identity;
}

export function writeIdentity(storage: Pick<Storage, 'setItem'> | null, identity: ParticipantIdentity): void {
  try {
    storage?.setItem(IDENTITY_KEY, JSON.stringify(identity));
  } catch {
    // Blocked storage: the identity lasts as long as the page.
  }
}
