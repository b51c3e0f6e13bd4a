// How far each running import commit has got, by the job id its caller chose, so the wizard
// can show "checked 1,200 of 5,000 rows" and then "writing: 2,000 of 6,000 records".
import type { ImportProgressOutput } from '../../../shared/api/deliverables';

const jobs = new Map<string, ImportProgressOutput>();
const KEPT = 100;

export function reportProgress(
  jobId: string | undefined,
  phase: ImportProgressOutput['phase'],
  done: number,
  total: number,
): void {
  if (!jobId) return;
  jobs.delete(jobId);
  jobs.set(jobId, { jobId, phase, done, total });
  // Finished jobs are kept a while for a late poll, the oldest dropped first.
  while (jobs.size > KEPT) jobs.delete(jobs.keys().next().value!);
}

export function progressOf(jobId: string): ImportProgressOutput | null {
  return jobs.get(jobId) ?? null;
}
