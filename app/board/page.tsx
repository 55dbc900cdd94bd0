import type { Metadata } from 'next';
import { BoardPage } from '@/components/board/BoardPage';

export const metadata: Metadata = { title: 'Class board - Convas' };

export default function Board() {
  return <BoardPage />;
}
