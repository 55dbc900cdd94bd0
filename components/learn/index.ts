/**
 * Learning components: explorers for convolution, pooling and activations, the medical context of each
 * task, a dialog that opens any of them (from a node's "?" button), and offline support.
 */
export { ConvolutionExplorer, type ConvolutionExplorerProps } from './ConvolutionExplorer';
export { PoolingExplorer, type PoolingExplorerProps } from './PoolingExplorer';
export { ActivationExplorer } from './ActivationExplorer';
export { MedicalContext, type MedicalContextProps } from './MedicalContext';
export { LearnDialog, type LearnDialogProps } from './LearnDialog';
export { learnTopicForNode, LEARN_TOPICS, type LearnParams, type LearnTopic } from './topics';
export { settingsFromNode, type ExplorerSettings } from './settings';
export { isMedicalTask, MEDICAL_TASKS, type MedicalTaskId } from './medicalContent';
export { ServiceWorkerRegistrar } from './ServiceWorkerRegistrar';
export { registerServiceWorker } from './registerServiceWorker';
