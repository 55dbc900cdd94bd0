import type { TaskId } from '@/graph/tasks';

/** The bundled tasks with real medical counterparts (the random tasks are for testing and have none). */
export const MEDICAL_TASKS = ['skin-lesions', 'brain-mri-classify', 'brain-mri-segment'] as const satisfies readonly TaskId[];
export type MedicalTaskId = (typeof MEDICAL_TASKS)[number];

/** True for a task id the medical context panel explains. */
export function isMedicalTask(id: string | undefined): id is MedicalTaskId {
  return (MEDICAL_TASKS as readonly string[]).includes(id ?? '');
}

/** What the panel teaches about one task beyond its classes and credits (those come from the task catalogue). */
export interface MedicalContent {
  /** Tab label. */
  short: string;
  /** The question the model answers, in one sentence. */
  question: string;
  modality: { name: string; paragraphs: readonly string[] };
  /** Which metric matters and why, for this task. */
  metric: { title: string; paragraphs: readonly string[] };
  /** A short clinical tag per class name (how dangerous it usually is); classes without one get none. */
  tags: Readonly<Record<string, { text: string; tone: 'danger' | 'warning' | 'calm' }>>;
}

/**
 * Teaching text per task. Numbers quoted in the UI (class shares, baselines) are computed from the task
 * catalogue's real class counts, not written here.
 */
export const MEDICAL_CONTENT = {
  'skin-lesions': {
    short: 'Skin lesions',
    question: 'Which of seven kinds of pigmented skin lesion does this dermatoscopic image show?',
    modality: {
      name: 'Dermatoscopy',
      paragraphs: [
        'A dermatoscope is a hand-held magnifier with its own light. Polarised light or a drop of fluid removes the glare of the skin surface, so structures below it become visible: the pigment network, dots and globules, streaks, blue-white veils and the shape of small vessels. Dermatologists judge lesions by these patterns (for example the ABCD rule: asymmetry, border, colours, differential structures).',
        'HAM10000 holds 10,015 such images from two clinics (Vienna and Queensland), cropped around one lesion. More than half of the diagnoses were confirmed by histopathology (a biopsy looked at under the microscope); the rest by follow-up, expert consensus or confocal microscopy.',
      ],
    },
    metric: {
      title: 'Sensitivity vs specificity: a screening tool',
      paragraphs: [
        'Sensitivity (recall) for melanoma is TP / (TP + FN): of all melanomas, the share the model flags. A false negative is a missed melanoma: the patient is reassured and sent home while a cancer that can spread keeps growing.',
        'Specificity is TN / (TN + FP): of all lesions that are not melanoma, the share the model clears. A false positive means an unnecessary excision or biopsy: a small operation, a scar, cost and worry, and clinics flooded with referrals.',
        'A screening tool is therefore tuned for high sensitivity and accepts a lower specificity: a false alarm costs a biopsy, a miss can cost a life. Moving the decision threshold trades one against the other; no threshold makes both perfect.',
      ],
    },
    tags: {
      mel: { text: 'cancer', tone: 'danger' },
      bcc: { text: 'cancer', tone: 'danger' },
      akiec: { text: 'pre-cancer or early cancer', tone: 'warning' },
      bkl: { text: 'benign', tone: 'calm' },
      df: { text: 'benign', tone: 'calm' },
      nv: { text: 'benign', tone: 'calm' },
      vasc: { text: 'benign', tone: 'calm' },
    },
  },
  'brain-mri-classify': {
    short: 'Brain MRI: tumour type',
    question: 'Does this brain MRI slice show a tumour, and if so a glioma, a meningioma or a pituitary tumour?',
    modality: {
      name: 'Magnetic resonance imaging (MRI)',
      paragraphs: [
        'MRI builds images from the signal of hydrogen nuclei in a strong magnetic field: no X-rays, no ionising radiation. Different sequences weight tissues differently. In T1-weighted images fluid is dark; after a gadolinium contrast injection, tissue where the blood-brain barrier is broken, as in many tumours, lights up (T1 with contrast). T2 and FLAIR show fluid and oedema bright, FLAIR with the fluid around the brain darkened.',
        'A scan is a stack of 2-D slices in three possible planes (axial, coronal, sagittal). The Brain Tumor MRI Dataset collects single slices, many contrast-enhanced T1, in all three planes and at varying sizes; the model sees one slice at a time, as Convas does.',
      ],
    },
    metric: {
      title: 'Sensitivity vs specificity, and which mistakes matter',
      paragraphs: [
        'For "tumour or not", sensitivity is the share of slices with a tumour that the model flags: a false negative sends a patient with a tumour home. Specificity is the share of normal slices it clears: a false positive means another scan, a specialist referral and weeks of anxiety. As a screening aid, sensitivity comes first.',
        'Between tumour types the costs differ too: a glioma grows inside the brain tissue and is treated very differently from a meningioma (a tumour of the brain\'s coverings, usually benign) or a pituitary adenoma (some are treated with medication alone). Read the confusion matrix, not only accuracy: which type is mistaken for which?',
        'The four classes are roughly balanced in this dataset, so accuracy misleads less than on skin lesions, but per-class sensitivity still shows which tumour type the model misses.',
      ],
    },
    tags: {
      glioma: { text: 'often malignant', tone: 'danger' },
      meningioma: { text: 'usually benign', tone: 'warning' },
      pituitary: { text: 'usually benign', tone: 'warning' },
      notumor: { text: 'normal', tone: 'calm' },
    },
  },
  'brain-mri-segment': {
    short: 'Brain MRI: tumour outline',
    question: 'Which pixels of this MRI slice are tumour? The model answers with a mask the size of the image.',
    modality: {
      name: 'MRI (FLAIR and contrast-enhanced T1)',
      paragraphs: [
        'Segmentation asks for the outline, not a label: radiotherapy planning, surgery and follow-up measure a tumour\'s volume and shape slice by slice. Drawing these outlines by hand takes an expert many minutes per scan, which is why automatic segmentation helps.',
        'The LGG segmentation dataset (Buda et al. 2019) has FLAIR slices of 110 patients with lower-grade glioma, the abnormal region outlined by hand on every slice. Most slices of a scan do not reach the tumour, so many masks are empty.',
      ],
    },
    metric: {
      title: 'Why Dice, not pixel accuracy',
      paragraphs: [
        'Dice = 2|X ∩ Y| / (|X| + |Y|): twice the overlap of the predicted mask X and the true mask Y, divided by their sizes together. 1 is a perfect outline, 0 no overlap at all.',
        'A tumour often covers only a few per cent of a slice. A model that paints everything background is then over 95% "accurate" pixel by pixel and completely useless. Dice never counts the true-negative background pixels, so it only rewards finding the tumour. A soft version of Dice also works as a training loss for exactly this class imbalance.',
        'Empty masks: on a slice without tumour Dice is 0/0 when nothing is predicted. Convas follows MONAI (ignore_empty): a slice whose true mask is empty gets no Dice value (NaN) for that class and is left out of the mean. Dice therefore does not see false alarms on tumour-free slices; look at those predictions too.',
      ],
    },
    tags: {
      glioma: { text: 'often malignant', tone: 'danger' },
      meningioma: { text: 'usually benign', tone: 'warning' },
      pituitary: { text: 'usually benign', tone: 'warning' },
    },
  },
} as const satisfies Record<MedicalTaskId, MedicalContent>;
