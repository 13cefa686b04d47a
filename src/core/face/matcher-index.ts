// In-memory 1:N index of face templates (several per employee), scored by brute force.
// Vectors are stored L2-normalised in one contiguous typed array, either as float32 or as int8 with a
// per-row scale (a quarter of the memory, scores within about 0.01). Adding appends; removing moves the
// last row into the freed slot, so no operation rebuilds the index.

import { createFloat32RowStore } from './simd-scorer.js';
import { l2Normalize, type Vector } from './vector.js';

export type TemplateStorage = 'float32' | 'int8';

export interface MatcherIndexOptions {
  dimension: number;
  storage?: TemplateStorage;
  initialCapacity?: number;
}

export interface TemplateHit {
  templateId: string;
  employeeId: string;
  score: number;
}

export interface EmployeeCandidate {
  employeeId: string;
  /** Best similarity over this employee's templates. */
  score: number;
  /** The template that gave the best score. */
  templateId: string;
}

export interface MatcherIndex {
  readonly dimension: number;
  readonly storage: TemplateStorage;
  /** Number of templates. */
  readonly size: number;
  /** Number of distinct employees with at least one template. */
  readonly employeeCount: number;
  /** Adds a template (normalised on the way in). Replaces an existing template with the same id. */
  add(employeeId: string, templateId: string, vector: Vector): void;
  /** Removes one template; returns false when it was not there. */
  remove(templateId: string): boolean;
  /** Removes every template of an employee; returns how many were removed. */
  removeEmployee(employeeId: string): number;
  has(templateId: string): boolean;
  templatesOf(employeeId: string): string[];
  /** The k best templates, best first. */
  searchTemplates(probe: Vector, k: number): TemplateHit[];
  /** The k best employees by their best template, best first. */
  searchEmployees(probe: Vector, k: number, options?: { excludeEmployeeId?: string }): EmployeeCandidate[];
  /** Bytes held by the vector storage and its bookkeeping arrays (not counting the id strings). */
  byteSize(): number;
}

export function createMatcherIndex(options: MatcherIndexOptions): MatcherIndex {
  const dim = options.dimension;
  if (!Number.isInteger(dim) || dim <= 0) throw new RangeError('dimension must be a positive integer');
  const storage = options.storage ?? 'float32';
  let capacity = Math.max(16, options.initialCapacity ?? 1024);
  // float32 rows live in a store scored with WebAssembly SIMD; int8 rows in a plain array scored in JS.
  const floatStore = storage === 'float32' ? createFloat32RowStore(dim, capacity) : null;
  let int8Rows = storage === 'int8' ? new Int8Array(capacity * dim) : new Int8Array(0);
  let rowScale = new Float32Array(storage === 'int8' ? capacity : 0);
  let rowEmployee = new Int32Array(capacity);
  let scores = new Float32Array(storage === 'int8' ? capacity : 0);
  let count = 0;

  const templateIds: string[] = [];
  const slotOfTemplate = new Map<string, number>();
  // Employees get a small integer so per-employee maxima live in a typed array.
  const employeeIds: string[] = [];
  const employeeNumber = new Map<string, number>();
  const templatesPerEmployee: number[] = [];
  let employeeBest = new Float32Array(64);
  let employeeBestSlot = new Int32Array(64);
  let employeesInUse = 0;

  function grow(): void {
    capacity *= 2;
    if (floatStore) floatStore.reserve(capacity);
    else {
      const next = new Int8Array(capacity * dim);
      next.set(int8Rows);
      int8Rows = next;
      const nextScale = new Float32Array(capacity);
      nextScale.set(rowScale);
      rowScale = nextScale;
    }
    const nextEmployee = new Int32Array(capacity);
    nextEmployee.set(rowEmployee);
    rowEmployee = nextEmployee;
    if (!floatStore) scores = new Float32Array(capacity);
  }

  function employeeNumberFor(employeeId: string): number {
    let n = employeeNumber.get(employeeId);
    if (n === undefined) {
      n = employeeIds.length;
      employeeIds.push(employeeId);
      employeeNumber.set(employeeId, n);
      templatesPerEmployee.push(0);
      if (employeeBest.length < employeeIds.length) {
        employeeBest = new Float32Array(employeeIds.length * 2);
        employeeBestSlot = new Int32Array(employeeIds.length * 2);
      }
    }
    return n;
  }

  function writeRow(slot: number, unit: Float32Array): void {
    const base = slot * dim;
    if (floatStore) {
      floatStore.rows().set(unit, base);
      return;
    }
    let maxAbs = 0;
    for (let i = 0; i < dim; i++) maxAbs = Math.max(maxAbs, Math.abs(unit[i]));
    const scale = 127 / maxAbs;
    for (let i = 0; i < dim; i++) int8Rows[base + i] = Math.round(unit[i] * scale);
    rowScale[slot] = 1 / scale;
  }

  function copyRow(from: number, to: number): void {
    if (floatStore) floatStore.rows().copyWithin(to * dim, from * dim, from * dim + dim);
    else {
      int8Rows.copyWithin(to * dim, from * dim, from * dim + dim);
      rowScale[to] = rowScale[from];
    }
    rowEmployee[to] = rowEmployee[from];
    templateIds[to] = templateIds[from];
    slotOfTemplate.set(templateIds[to], to);
  }

  function removeSlot(slot: number): void {
    const employee = rowEmployee[slot];
    slotOfTemplate.delete(templateIds[slot]);
    const last = count - 1;
    if (slot !== last) copyRow(last, slot);
    templateIds.pop();
    count--;
    templatesPerEmployee[employee]--;
    if (templatesPerEmployee[employee] === 0) employeesInUse--;
  }

  function scoreAll(probe: Vector): Float32Array {
    if (probe.length !== dim) throw new RangeError(`probe has dimension ${probe.length}, index has ${dim}`);
    const p = l2Normalize(probe);
    if (floatStore) return floatStore.score(p, count);
    {
      const rows = int8Rows;
      for (let r = 0; r < count; r++) {
        const base = r * dim;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i = 0;
        for (; i + 3 < dim; i += 4) {
          s0 += rows[base + i] * p[i];
          s1 += rows[base + i + 1] * p[i + 1];
          s2 += rows[base + i + 2] * p[i + 2];
          s3 += rows[base + i + 3] * p[i + 3];
        }
        for (; i < dim; i++) s0 += rows[base + i] * p[i];
        scores[r] = (s0 + s1 + s2 + s3) * rowScale[r];
      }
    }
    return scores;
  }

  return {
    dimension: dim,
    storage,
    get size() {
      return count;
    },
    get employeeCount() {
      return employeesInUse;
    },
    add(employeeId, templateId, vector) {
      if (vector.length !== dim)
        throw new RangeError(`template has dimension ${vector.length}, index has ${dim}`);
      const unit = l2Normalize(vector);
      const existing = slotOfTemplate.get(templateId);
      if (existing !== undefined) removeSlot(existing);
      if (count === capacity) grow();
      const employee = employeeNumberFor(employeeId);
      const slot = count++;
      writeRow(slot, unit);
      rowEmployee[slot] = employee;
      templateIds[slot] = templateId;
      slotOfTemplate.set(templateId, slot);
      if (templatesPerEmployee[employee] === 0) employeesInUse++;
      templatesPerEmployee[employee]++;
    },
    remove(templateId) {
      const slot = slotOfTemplate.get(templateId);
      if (slot === undefined) return false;
      removeSlot(slot);
      return true;
    },
    removeEmployee(employeeId) {
      const employee = employeeNumber.get(employeeId);
      if (employee === undefined) return 0;
      let removed = 0;
      for (let slot = count - 1; slot >= 0; slot--) {
        if (rowEmployee[slot] === employee) {
          removeSlot(slot);
          removed++;
        }
      }
      return removed;
    },
    has(templateId) {
      return slotOfTemplate.has(templateId);
    },
    templatesOf(employeeId) {
      const employee = employeeNumber.get(employeeId);
      if (employee === undefined) return [];
      const out: string[] = [];
      for (let slot = 0; slot < count; slot++)
        if (rowEmployee[slot] === employee) out.push(templateIds[slot]);
      return out;
    },
    searchTemplates(probe, k) {
      const s = scoreAll(probe);
      const top = topK(s, count, k);
      return top.map((slot) => ({
        templateId: templateIds[slot],
        employeeId: employeeIds[rowEmployee[slot]],
        score: s[slot],
      }));
    },
    searchEmployees(probe, k, searchOptions) {
      const s = scoreAll(probe);
      const nEmployees = employeeIds.length;
      employeeBest.fill(Number.NEGATIVE_INFINITY, 0, nEmployees);
      for (let slot = 0; slot < count; slot++) {
        const e = rowEmployee[slot];
        if (s[slot] > employeeBest[e]) {
          employeeBest[e] = s[slot];
          employeeBestSlot[e] = slot;
        }
      }
      const excluded =
        searchOptions?.excludeEmployeeId === undefined
          ? undefined
          : employeeNumber.get(searchOptions.excludeEmployeeId);
      if (excluded !== undefined) employeeBest[excluded] = Number.NEGATIVE_INFINITY;
      const top = topK(employeeBest, nEmployees, k);
      return top.map((e) => ({
        employeeId: employeeIds[e],
        score: employeeBest[e],
        templateId: templateIds[employeeBestSlot[e]],
      }));
    },
    byteSize() {
      // The float32 store's memory holds its rows, probe and scores.
      const vectorBytes = floatStore
        ? floatStore.byteSize()
        : int8Rows.byteLength + rowScale.byteLength + scores.byteLength;
      return vectorBytes + rowEmployee.byteLength + employeeBest.byteLength + employeeBestSlot.byteLength;
    },
  };
}

/** Indices of the k largest finite values among the first n, largest first. */
export function topK(values: Float32Array, n: number, k: number): number[] {
  if (k <= 0) return [];
  const best: number[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === Number.NEGATIVE_INFINITY || Number.isNaN(v)) continue;
    if (best.length === k && v <= floor) continue;
    let at = best.length;
    while (at > 0 && values[best[at - 1]] < v) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
    floor = best.length === k ? values[best[k - 1]] : Number.NEGATIVE_INFINITY;
  }
  return best;
}
