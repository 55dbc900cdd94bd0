import { Ellipse } from './mriAnatomy';
import { smoothstep } from './noise';

/**
 * Anatomy of the low slices (the level of the pituitary): eyes in their bright orbital fat at the front,
 * dark air and bone of the nasal cavity and sphenoid sinus between them, the pons in the middle and the
 * cerebellum with its fine folia behind. Fades in below z = 0.3, so a pituitary slice and a tumour-free
 * slice at the same level look alike apart from the tumour.
 */
export class SkullBase {
  /** 0 above the skull base, 1 at the lowest slices. */
  readonly weight: number;
  private readonly orbitFat: Ellipse[];
  private readonly globes: Ellipse[];
  private readonly nasal: Ellipse;
  private readonly sphenoid: Ellipse;
  private readonly pons: Ellipse;
  private readonly fourth: Ellipse;

  constructor(z: number, private readonly tissue: { fat: number; wm: number; csf: number; bone: number }) {
    this.weight = 1 - smoothstep(0.12, 0.3, z);
    this.orbitFat = [-1, 1].map((s) => new Ellipse(s * 0.38, -0.8, 0.21, 0.22, s * 0.25));
    this.globes = [-1, 1].map((s) => new Ellipse(s * 0.39, -0.84, 0.13, 0.13, 0));
    this.nasal = new Ellipse(0, -0.8, 0.12, 0.28, 0);
    this.sphenoid = new Ellipse(0, -0.4, 0.11, 0.09, 0);
    this.pons = new Ellipse(0, 0.22, 0.15, 0.12, 0);
    this.fourth = new Ellipse(0, 0.4, 0.05, 0.035, 0);
  }

  /**
   * The tissue value at brain coordinates (x, y) given the value `val` of the ordinary brain there.
   * `fine` is a noise value in [0, 1] used to wiggle the cerebellar folia.
   */
  apply(val: number, x: number, y: number, fine: number): number {
    const w = this.weight;
    if (w <= 0) return val;
    const t = this.tissue;
    // In front of the middle cranial fossa there is no brain at this level: face muscle, fat and bone.
    const face = (1 - smoothstep(-0.72, -0.5, y)) * w;
    if (face > 0) val += (t.wm * 0.55 + t.fat * 0.3 * fine - val) * face;
    const fat = Math.max(this.orbitFat[0].weight(x, y, 0.15), this.orbitFat[1].weight(x, y, 0.15));
    if (fat > 0) {
      val += (t.fat - val) * fat * w;
      const globe = Math.max(this.globes[0].weight(x, y, 0.1), this.globes[1].weight(x, y, 0.1));
      // Vitreous is fluid: dark on T1, with a bright rim (sclera enhancing) barely suggested by the fat.
      if (globe > 0) val += (t.csf * 1.5 - val) * globe * w;
    }
    const air = Math.max(this.nasal.weight(x, y, 0.25), this.sphenoid.weight(x, y, 0.2));
    if (air > 0) val += (t.bone * 0.6 - val) * air * w;
    const pons = this.pons.weight(x, y, 0.2);
    if (pons > 0) val += (t.wm * 0.95 - val) * pons * w;
    if (y > 0.3) {
      // Cerebellum: fine folia behind the pons, around the fourth ventricle.
      // Each hemisphere's folia curve round its own centre; the vermis sits between them.
      const hx = Math.abs(x) - 0.3;
      const r = Math.sqrt(hx * hx + (y - 0.45) * (y - 0.45));
      const folia = 0.5 + 0.5 * Math.sin(r * 50 + fine * 8);
      const cw = smoothstep(0.3, 0.42, y) * w;
      val += (t.wm * (0.74 + 0.12 * folia) - val) * cw;
      const v4 = this.fourth.weight(x, y, 0.3);
      if (v4 > 0) val += (t.csf - val) * v4 * w;
      // Tentorium / cerebellar boundary: a faint dark line where the cerebellum meets the temporal lobes.
      const edge = 1 - smoothstep(0.0, 0.03, Math.abs(y - 0.33 - 0.25 * x * x));
      val += (t.csf * 2 - val) * edge * 0.5 * w;
    }
    return val;
  }
}
