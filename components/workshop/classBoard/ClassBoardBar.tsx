'use client';

import { useState } from 'react';
import { useClassBoard } from './ClassBoardProvider';

/**
 * The lesson banner's class-board line (lessons with a class code): the participant's nickname, what is
 * sent and what never is, and where their results stand (sent, waiting, refused).
 */
export function ClassBoardBar({ classCode }: { classCode: string }) {
  const board = useClassBoard();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!board) return null;
  const { identity, status } = board;
  const value = draft ?? identity.nickname;
  const save = () => {
    const problem = board.setNickname(value);
    setError(problem);
    if (!problem) setDraft(null);
  };
  const state =
    status.waiting > 0
      ? identity.nickname
        ? `${status.waiting} result${status.waiting === 1 ? '' : 's'} waiting to be sent${status.problem ? `: ${status.problem}` : '…'}`
        : `${status.waiting} result${status.waiting === 1 ? '' : 's'} waiting for your nickname`
      : status.sent > 0
        ? `${status.sent} result${status.sent === 1 ? '' : 's'} sent to the class board`
        : 'Your finished runs will appear on the class board.';
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs" data-testid="class-board-bar" data-class-code={classCode}>
      <form
        className="flex items-center gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label htmlFor="class-nickname" className="font-medium text-indigo-950">
          Nickname
        </label>
        <input
          id="class-nickname"
          className={`w-36 rounded border px-1.5 py-0.5 ${error ? 'border-red-400' : 'border-indigo-200'} bg-white`}
          value={value}
          maxLength={40}
          placeholder="shown to the room"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft !== null && draft !== identity.nickname && save()}
          aria-invalid={error !== null}
          aria-describedby={error ? 'class-nickname-error' : undefined}
          data-testid="class-nickname"
        />
        {draft !== null && draft !== identity.nickname && (
          <button type="submit" className="btn px-2 py-0.5 text-xs" data-testid="class-nickname-save">
            Save
          </button>
        )}
      </form>
      {error && (
        <span id="class-nickname-error" className="text-red-700" role="alert">
          {error}
        </span>
      )}
      <span className={status.refused || (status.problem && status.waiting) ? 'text-amber-800' : 'text-slate-600'} data-testid="class-board-status" data-waiting={status.waiting} data-sent={status.sent}>
        {state}
      </span>
      {status.refused && <span className="text-red-700">Refused: {status.refused}</span>}
      <span className="text-slate-500" data-testid="class-board-privacy">
        Class {classCode}: sent are your nickname, graph, settings and metrics. Images never leave this computer.
      </span>
    </div>
  );
}
