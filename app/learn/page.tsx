import type { Metadata } from 'next';
import { LearnPage } from '@/components/learn/LearnPage';

export const metadata: Metadata = { title: 'Learn - Convas' };

export default function Learn() {
  return <LearnPage />;
}
