import { EditorShell } from '@/components/EditorShell';
import { TrainingPanel } from '@/components/training/TrainingPanel';
import { TrainSlot } from '@/components/training/TrainSlot';

export default function Home() {
  return <EditorShell trainSlot={<TrainSlot />} bottomPanel={<TrainingPanel />} />;
}
