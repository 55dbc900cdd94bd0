import { EditorShell } from '@/components/EditorShell';

export default function Home() {
  return <EditorShell />;
}
